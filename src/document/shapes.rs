//! The shapes of a report's lines: a numbered paragraph, a Roman-numeral
//! part, a lettered or marked heading, a sub-item, a footnote's start, a
//! date, a document symbol. Shared by the text parser and the PDF layout.

use super::inline::superscript_number;
use super::roman_value;

/// Lettered headings ("B. Information from Governments …") may run longer
/// than other subsection headings.
const LETTERED_MAX_CHARS: usize = 200;

pub(super) fn is_blank(line: &str) -> bool {
    line.bytes()
        .all(|b| b == b' ' || b == b'\t' || b == b'\x0c' || b == b'\r')
}

/// `N. rest` → (N, offset of rest).
pub(super) fn numbered(line: &str) -> Option<(u32, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 || line.as_bytes()[0] == b'0' {
        return None;
    }
    let rest = &line[digits..];
    let after = rest.strip_prefix('.')?;
    let spaces = after.len() - after.trim_start().len();
    // "10.The …": a PDF that moves the text along instead of setting a
    // space reads so; a capital still starts the paragraph's words.
    let glued = spaces == 0 && after.starts_with(|c: char| c.is_uppercase());
    if (spaces == 0 && !glued) || after.trim_start().is_empty() {
        return None;
    }
    Some((line[..digits].parse().ok()?, digits + 1 + spaces))
}

/// `IV. Title` → (numeral, value, offset of title).
pub(super) fn part_heading(line: &str) -> Option<(&str, u32, usize)> {
    let len = line.bytes().take_while(|b| b"IVXLC".contains(b)).count();
    let numeral = &line[..len];
    let value = roman_value(numeral)?;
    let after = line[len..].strip_prefix('.')?;
    let spaces = after.len() - after.trim_start().len();
    if spaces == 0 || after.trim().is_empty() || line.contains('\t') {
        return None;
    }
    Some((numeral, value, len + 1 + spaces))
}

/// A lettered subsection heading inside a part, "A. Discrimination" → 'A'.
/// Strict: one capital letter, a title, no closing punctuation.
pub(super) fn lettered_heading(line: &str) -> Option<char> {
    let b = line.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_uppercase() || b[1] != b'.' || b[2] != b' ' {
        return None;
    }
    let title = line[3..].trim();
    let ok = title
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
        && title.chars().count() <= LETTERED_MAX_CHARS
        && !title.ends_with(['.', ';', ':', ','])
        && !line.contains('\t');
    ok.then_some(b[0] as char)
}

/// `(b) rest`, or `b) rest` as French and Spanish documents set it →
/// ("b", offset of rest).
pub(super) fn sub_item(line: &str) -> Option<(&str, usize)> {
    let open = usize::from(line.starts_with('('));
    let inner = &line[open..];
    let len = inner.bytes().take_while(u8::is_ascii_lowercase).count();
    if len == 0 || len > 4 {
        return None;
    }
    let after = inner[len..].strip_prefix(')')?;
    let spaces = after.len() - after.trim_start().len();
    if spaces == 0 || after.trim().is_empty() {
        return None;
    }
    Some((&inner[..len], open + len + 1 + spaces))
}

/// The layout's `\*` and `\<` escapes, dropped from a title kept as a string.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `## Title` → (2, offset of the title): a heading marked with its level.
pub(super) fn heading_marker(line: &str) -> Option<(u8, usize)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    ((1..=4).contains(&hashes) && !rest.trim().is_empty()).then_some((hashes as u8, hashes + 1))
}

/// `140.12 rest` inside paragraph 140 → ("140.12", offset of rest): the
/// numbered recommendations of a UPR report are items of their paragraph.
pub(super) fn numbered_item(line: &str, paragraph: u32) -> Option<(&str, usize)> {
    if paragraph == 0 {
        return None;
    }
    let prefix = format!("{paragraph}.");
    let rest = line.strip_prefix(prefix.as_str())?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    let spaces = after.len() - after.trim_start().len();
    if digits == 0 || digits > 4 || spaces == 0 || after.trim().is_empty() {
        return None;
    }
    let len = prefix.len() + digits;
    Some((&line[..len], len + spaces))
}

/// A footnote text block: `¹⁷ See …` → (number, offset of text).
pub(super) fn footnote_start(line: &str) -> Option<(u32, usize)> {
    let (value, len) = superscript_number(line.as_bytes(), 0)?;
    let rest = &line[len..];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0 && !rest.trim().is_empty()).then_some((value, len + spaces))
}

pub(super) use super::words::is_date;

/// A UN document symbol standing alone, such as "A/64/213" or "A/HRC/14/30".
pub(super) fn is_symbol(line: &str) -> bool {
    let t = line.trim();
    // A Security Council resolution's carries its year: "S/RES/2768 (2025)".
    let t = t
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .filter(|(_, year)| is_year(year))
        .map_or(t, |(symbol, _)| symbol);
    t.len() <= 40
        && t.contains('/')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.split('/').count() >= 2
        && t.split('/')
            // "A/ES-10/1022", and a joint document's "A/79/846-S/2025/198".
            .all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            })
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// "2025": four digits.
pub(super) fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// "14/1", "Resolution 14/1", "Decision 14/101", "64/166. Protection of
/// migrants": the number a resolution, decision or statement is adopted
/// under, heading the text the report sets out in full.
pub(crate) fn resolution_number(line: &str) -> bool {
    const KINDS: [&str; 6] = [
        "Resolution ",
        "Decision ",
        "PRST ",
        "Draft resolution ",
        "Draft decision ",
        "President’s statement ",
    ];
    let t = KINDS
        .iter()
        .find_map(|k| line.strip_prefix(k))
        .unwrap_or(line);
    let (number, rest) = t.split_once(' ').unwrap_or((t, ""));
    let (bare, dotted) = match number.strip_suffix('.') {
        Some(b) => (b, true),
        None => (number, false),
    };
    let Some((session, n)) = bare.split_once('/') else {
        return false;
    };
    let digits = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    // "2008/2014" is a span of years; "2010/25" an ECOSOC resolution.
    digits(session)
        && digits(n)
        && n.len() < 4
        && (rest.is_empty() || (dotted && rest.trim_start().starts_with(char::is_uppercase)))
}

/// The unit a heading sets out: "14/1 The grave attacks …" → (None,
/// "14/1"), "Decision 14/101 …" → (Some("decision"), "14/101"): the
/// number a resolution or decision is cited by, and its kind where the
/// heading names it.
pub(crate) fn unit_number(title: &str) -> Option<(Option<&'static str>, &str)> {
    const KINDS: [(&str, &str); 3] = [
        ("Resolution ", "resolution"),
        ("Decision ", "decision"),
        ("PRST ", "presidential statement"),
    ];
    let (kind, t) = KINDS
        .iter()
        .find_map(|(k, name)| Some((Some(*name), title.strip_prefix(k)?)))
        .unwrap_or((None, title));
    let number = t.split_whitespace().next()?.trim_end_matches('.');
    let (session, n) = number.split_once('/')?;
    let digits = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (digits(session) && digits(n) && n.len() < 4).then_some((kind, number))
}

/// "Resolution 2720 (2023)", as the Security Council numbers its own.
pub(crate) fn council_resolution(line: &str) -> bool {
    let Some(rest) = ["Resolution ", "Résolution ", "Resolución ", "Резолюция "]
        .iter()
        .find_map(|k| line.trim().strip_prefix(k))
    else {
        return false;
    };
    let (number, year) = rest.split_once(' ').unwrap_or((rest, ""));
    let year = year.trim();
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && year.len() == 6
        && year.starts_with('(')
        && year.ends_with(')')
        && year[1..5].bytes().all(|b| b.is_ascii_digit())
}

/// "10-46014", "GE.19-13879(E)": the job number UN documents carry in
/// their footer, as one word.
pub(super) fn is_job_number(word: &str) -> bool {
    let w = word.trim_end_matches("(E)").trim_end_matches("*E*");
    let w = w.strip_prefix("GE.").unwrap_or(w);
    w.split_once('-').is_some_and(|(a, b)| {
        a.len() == 2
            && (4..=6).contains(&b.len())
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// Whether text ends a sentence: its last character, past closing quotes
/// and brackets and note calls, is a full stop, a colon or semicolon, or a
/// question or exclamation mark.
pub(crate) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '”' | '"' | '’' | '\'' | '»' | ')')
            || super::is_superscript_digit(c)
    });
    t.ends_with(['.', ';', ':', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn recognises_line_shapes() {
        assert_eq!(numbered("12. The Code"), Some((12, 4)));
        assert_eq!(numbered("2009 and 2010"), None);
        assert_eq!(numbered("0. x"), None);
        // A PDF that moves "The" along instead of setting a space.
        assert_eq!(numbered("10.The Executive Board"), Some((10, 3)));
        assert_eq!(numbered("10.5 per cent"), None);
        assert_eq!(numbered("3.from"), None);
        assert_eq!(part_heading("IV. Activities"), Some(("IV", 4, 4)));
        assert_eq!(part_heading("I. Introduction\t3"), None);
        assert_eq!(sub_item("(b) The Regional"), Some(("b", 4)));
        assert_eq!(footnote_start("¹⁷ See"), Some((17, 6)));
        assert!(is_date("21 July 2010"));
        assert!(is_symbol("A/64/213"));
        // A joint document's two symbols, and an emergency session's.
        assert!(is_symbol("A/79/846-S/2025/198"));
        assert!(is_symbol("A/ES-10/1022"));
        assert!(is_symbol("S/RES/2768 (2025)"));
        assert!(!is_symbol("2020-2023/5"));
        assert!(!is_symbol("Egypt"));
    }

    #[test]
    fn lettered_headings_are_strict() {
        assert_eq!(lettered_heading("A. Discrimination"), Some('A'));
        assert_eq!(lettered_heading("C. Country visits"), Some('C'));
        assert_eq!(lettered_heading("A. Smith said so."), None);
        assert_eq!(lettered_heading("AB. Title"), None);
        assert_eq!(lettered_heading("A. lower case"), None);
        // "C." after "B." is a subsection, not part C (100).
        let d = parse(
            "I. One\n\nA. First\n\n1. Text.\n\nB. Second\n\n2. Text.\n\nC. Third\n\n3. Text.\n\nII. Two\n\n4. Text.\n",
        );
        let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["A. First", "B. Second", "C. Third"]);
        assert_eq!(d.parts.len(), 2);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        // Without "B." before it, "C." stays a part heading.
        let d = parse("I. One\n\n1. Text.\n\nC. Third\n\n2. Text.\n");
        assert_eq!(d.parts.len(), 2);
    }
}
