//! Generated reports in the embedded report's layout, for benchmarks and tests
//! (benches include this file with `#[path]`), and the same reports laid out as
//! `pdftotext` gives a PDF.
#![allow(dead_code)]

use std::fmt::Write;

use report_reader::document::{FootnoteLabel, superscript};

const COUNTRIES: [&str; 12] = [
    "Egypt",
    "Guatemala",
    "Côte d'Ivoire",
    "Mexico",
    "Spain",
    "Japan",
    "Niger",
    "Nigeria",
    "Papua New Guinea",
    "Guinea",
    "Switzerland",
    "Turkey",
];

const SENTENCE: &str = "The Government of {C} reported that migrant workers, including women \
and children, were protected by the *Labour Code* and by **regulations** adopted in 2009, \
with particular attention to the best interests of the child";

/// A report of about `paragraphs` numbered paragraphs (around 450 bytes each):
/// a header, a contents table, Roman-numeral parts, country subsections, and
/// footnote blocks at page breaks that interrupt paragraphs mid-sentence.
pub fn generate(paragraphs: usize) -> String {
    let parts = (paragraphs / 400).clamp(1, 80);
    let per_part = paragraphs.div_ceil(parts);
    let mut out = String::with_capacity(paragraphs * 480 + 4096);
    out.push_str("General Assembly\n\nDistr.: General\n1 August 2011\n\nOriginal: English\n\n");
    out.push_str("Sixty-sixth session\n\nItem 1 of the provisional agenda*\n\n");
    out.push_str("A generated report on migration\n\nReport of the Secretary-General\n\n");
    out.push_str(
        "Summary\n\nThis report is generated for measurement.\n\n* A/66/1.\n\nContents\n\n",
    );
    for p in 0..parts {
        let _ = writeln!(out, "{}. Part {}\t{}", roman(p as u32 + 1), p + 1, p + 1);
    }
    out.push('\n');
    let mut number = 0usize;
    let mut footnote = 0u32;
    for p in 0..parts {
        let _ = write!(
            out,
            "{}. Part {} of the generated report\n\n",
            roman(p as u32 + 1),
            p + 1
        );
        for k in 0..per_part {
            if number == paragraphs {
                break;
            }
            if k.is_multiple_of(40) && k > 0 {
                let _ = write!(out, "{}\n\n", COUNTRIES[(k / 40 + p) % COUNTRIES.len()]);
            }
            number += 1;
            let country = COUNTRIES[number % COUNTRIES.len()];
            let sentence = SENTENCE.replace("{C}", country);
            let _ = write!(out, "{number}. {sentence}.");
            if number.is_multiple_of(25) {
                footnote += 1;
                let _ = write!(
                    out,
                    " {sentence}, in{}\n\n{} See A/HRC/13/5, para. {number}, and <http://www.ohchr.org/EN/{number}>.\n\ncooperation with {country}.\n\n",
                    superscript(&FootnoteLabel::Number(footnote)),
                    superscript(&FootnoteLabel::Number(footnote)),
                );
            } else {
                let _ = write!(out, " {sentence}.\n\n");
            }
        }
    }
    out
}

/// How `paged` lays a report out, like `pdftotext` output of an ODS PDF.
#[derive(Debug, Clone)]
pub struct PageStyle {
    /// Columns a line is wrapped at.
    pub width: usize,
    /// Lines on a page, running header and footer included.
    pub lines_per_page: usize,
    /// Document symbol in the running header ("A/65/156").
    pub symbol: String,
    /// Job number in the footer ("10-46014").
    pub job: String,
    /// A line of underscores above the page's footnotes.
    pub rule: bool,
}

impl PageStyle {
    pub fn new(width: usize) -> PageStyle {
        PageStyle {
            width,
            lines_per_page: 50,
            symbol: "A/65/156".into(),
            job: "10-46014".into(),
            rule: false,
        }
    }
}

/// A page-bottom note: `None` is the header's `*`.
type NoteKey = Option<u32>;

/// Lays out a report in the embedded layout as a PDF conversion would: every
/// block re-wrapped at `style.width` (words with hyphens may break after the
/// hyphen), paragraphs that a footnote interrupted rejoined, a running header
/// (symbol, page number) and footer (job number) on every page, form feeds
/// between pages, footnote markers as plain digits glued to the text and the
/// footnote texts as plain-number lines at the bottom of the page that cites them.
pub fn paged(text: &str, style: &PageStyle) -> String {
    // A PDF shows the text, not the layout's markup.
    let text = &without_markup(text);
    let width = style.width.max(20);
    let blocks = split_blocks(text);
    // Footnote texts by label, and the blocks with interrupted paragraphs rejoined.
    let mut notes: Vec<(NoteKey, Vec<String>)> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut after_note = false;
    for block in blocks {
        let first = block[0];
        let key = match superscript_number(first) {
            Some((n, len)) if first[len..].starts_with(' ') => Some((Some(n), len)),
            _ if first.starts_with("* ") => Some((None, 1)),
            _ => None,
        };
        if let Some((key, len)) = key {
            let label = key.map_or("*".to_string(), |n| n.to_string());
            let mut body = format!("{label}{}", &first[len..]);
            for l in &block[1..] {
                body.push(' ');
                body.push_str(l);
            }
            notes.push((key, wrap(&body, width)));
            items.push(Item::Note(key));
            after_note = true;
            continue;
        }
        let starts_block = |l: &str| {
            let t = l.trim_start();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && t[digits..].starts_with(". "))
                || t.starts_with('(')
                || t.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b"IVXLC".contains(&b)))
        };
        let rejoin = after_note
            && !starts_block(first)
            && items
                .iter()
                .rev()
                .find_map(|i| match i {
                    Item::Lines(l) => Some(l),
                    Item::Note(_) => None,
                })
                .and_then(|l| l.last())
                .is_some_and(|l| !ends_sentence(l));
        after_note = false;
        if rejoin
            && let Some(Item::Lines(lines)) =
                items.iter_mut().rev().find(|i| matches!(i, Item::Lines(_)))
        {
            if let Some(last) = lines.last_mut() {
                last.push(' ');
                last.push_str(first);
            }
            lines.extend(block[1..].iter().map(|l| l.to_string()));
            continue;
        }
        items.push(Item::Lines(block.iter().map(|l| l.to_string()).collect()));
    }
    // Lines to place: (text, footnotes it cites), blank lines between blocks.
    let mut placed_lines: Vec<(String, Vec<NoteKey>)> = Vec::new();
    let mut in_header = true;
    for item in &items {
        match item {
            Item::Note(key) => placed_lines.push((String::new(), vec![*key])),
            Item::Lines(lines) => {
                if !placed_lines.is_empty() {
                    placed_lines.push((String::new(), Vec::new()));
                }
                for line in lines {
                    if line.trim() == "Contents" {
                        in_header = false;
                    }
                    for (l, cites) in render_line(line, width, in_header) {
                        placed_lines.push((l, cites));
                    }
                }
            }
        }
    }
    // Pages: header, body, footnotes of the lines on the page, footer.
    let body_cap = style.lines_per_page.saturating_sub(4).max(4);
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut page = Page::default();
    let mut number = 0;
    let mut done: Vec<NoteKey> = Vec::new();
    for (line, cites) in placed_lines {
        let is_marker_only = line.is_empty() && !cites.is_empty();
        let new: Vec<&(NoteKey, Vec<String>)> = notes
            .iter()
            .filter(|(k, _)| cites.contains(k) && !done.contains(k))
            .collect();
        let extra: usize = new.iter().map(|(_, l)| l.len()).sum::<usize>()
            + if page.notes.is_empty() && !new.is_empty() {
                1 + usize::from(style.rule)
            } else {
                0
            };
        let notes_lines = if page.notes.is_empty() {
            0
        } else {
            page.notes.len() + 1 + usize::from(style.rule)
        };
        let body_line = usize::from(!is_marker_only);
        if !page.body.is_empty() && page.body.len() + body_line + notes_lines + extra > body_cap {
            number += 1;
            page.write(&mut out, number, style);
            page = Page::default();
        }
        for (k, lines) in new {
            done.push(*k);
            page.notes.extend(lines.iter().cloned());
        }
        if is_marker_only || (line.is_empty() && page.body.is_empty()) {
            continue;
        }
        page.body.push(line);
    }
    if !page.body.is_empty() || !page.notes.is_empty() {
        number += 1;
        page.write(&mut out, number, style);
    }
    out
}

enum Item {
    Lines(Vec<String>),
    Note(NoteKey),
}

#[derive(Default)]
struct Page {
    body: Vec<String>,
    notes: Vec<String>,
}

impl Page {
    fn write(mut self, out: &mut String, number: usize, style: &PageStyle) {
        while self.body.last().is_some_and(|l| l.is_empty()) {
            self.body.pop();
        }
        let w = style.width;
        let header = match number {
            1 => format!("{:>w$}", style.symbol),
            n if n.is_multiple_of(2) => {
                format!(
                    "{}{:>pad$}",
                    style.symbol,
                    n,
                    pad = w.saturating_sub(style.symbol.len())
                )
            }
            n => format!(
                "{:<pad$}{}",
                n,
                style.symbol,
                pad = w.saturating_sub(style.symbol.len())
            ),
        };
        let footer = if number == 1 {
            format!("{} (E)", style.job)
        } else {
            style.job.clone()
        };
        let _ = writeln!(out, "{header}\n");
        for l in &self.body {
            let _ = writeln!(out, "{l}");
        }
        if !self.notes.is_empty() {
            out.push('\n');
            if style.rule {
                out.push_str("__________________\n");
            }
            for l in &self.notes {
                let _ = writeln!(out, "{l}");
            }
        }
        let _ = write!(out, "\n{footer}\n\x0c");
    }
}

fn split_blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim_matches([' ', '\t', '\x0c']).is_empty() {
            if !cur.is_empty() {
                blocks.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        blocks.push(cur);
    }
    blocks
}

fn ends_sentence(l: &str) -> bool {
    let t = l.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '”' | '"' | '’' | '\'' | '»' | '*')
            || superscript_digit(c).is_some()
    });
    t.ends_with(['.', ';', ':', '!', '?'])
}

/// The text as a PDF prints it: `\$` escapes and `*`/`**` emphasis marks
/// dropped; a `*` that is a note's mark ("agenda*", "* A/65/150.") stays.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = 0usize;
    let mut link = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        // An autolink's brackets: "<http://…>" prints as the address.
        if c == '<' && chars.clone().take(4).eq("http".chars()) {
            link = true;
            continue;
        }
        if c == '>' && std::mem::take(&mut link) {
            continue;
        }
        if c != '*' {
            out.push(c);
            continue;
        }
        let mut run = 1;
        while chars.peek() == Some(&'*') {
            chars.next();
            run += 1;
        }
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        let opens = before.is_none_or(|b| b.is_whitespace() || b == '(')
            && after.is_some_and(|a| !a.is_whitespace());
        if opens {
            open += 1;
        } else if open > 0 && before.is_some_and(|b| !b.is_whitespace()) {
            open -= 1;
        } else {
            out.push_str(&"*".repeat(run));
        }
    }
    out
}

/// One source line as wrapped lines, each with the footnotes it cites;
/// contents entries ("Title\t3") get dot leaders.
fn render_line(line: &str, width: usize, in_header: bool) -> Vec<(String, Vec<NoteKey>)> {
    if let Some((title, page)) = line.rsplit_once('\t') {
        let page = page.replace("<i>", "").replace("</i>", "");
        let title = title.trim().trim_end_matches(['.', ' ']);
        if title.is_empty() {
            return vec![(format!("{page:>width$}"), Vec::new())];
        }
        let mut lines = wrap(title, width.saturating_sub(10));
        if let Some(last) = lines.last_mut() {
            let used = last.chars().count() + 2 + page.len();
            let dots = width.saturating_sub(used).max(3);
            last.push(' ');
            last.push_str(&".".repeat(dots));
            last.push(' ');
            last.push_str(&page);
        }
        return lines.into_iter().map(|l| (l, Vec::new())).collect();
    }
    wrap(line, width)
        .into_iter()
        .map(|l| {
            let mut cites = Vec::new();
            let mut plain = String::with_capacity(l.len());
            let mut run = String::new();
            for c in l.chars().chain(std::iter::once(' ')) {
                if let Some(digit) = superscript_digit(c) {
                    run.push(char::from(b'0' + digit as u8));
                    continue;
                }
                if !run.is_empty() {
                    cites.push(run.parse().ok());
                    plain.push_str(&run);
                    run.clear();
                }
                plain.push(c);
            }
            plain.pop();
            if in_header && plain.ends_with('*') {
                cites.push(None);
            }
            (plain, cites)
        })
        .collect()
}

/// Greedy word wrap; a word too long for the line breaks after a hyphen when it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut len = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        loop {
            let wl = word.chars().count();
            let room = if len == 0 {
                width
            } else {
                width.saturating_sub(len + 1)
            };
            if wl <= room {
                if len > 0 {
                    cur.push(' ');
                    len += 1;
                }
                cur.push_str(word);
                len += wl;
                break;
            }
            // Break after the last hyphen that fits, between letters.
            let cut = word
                .char_indices()
                .filter(|&(k, c)| {
                    c == '-'
                        && k > 0
                        && word[..k].chars().count() < room
                        && word[..k].ends_with(|p: char| p.is_alphabetic())
                        && word[k + 1..].starts_with(|n: char| n.is_alphabetic())
                })
                .map(|(k, _)| k)
                .next_back();
            if let Some(k) = cut {
                if len > 0 {
                    cur.push(' ');
                }
                cur.push_str(&word[..=k]);
                lines.push(std::mem::take(&mut cur));
                len = 0;
                word = &word[k + 1..];
                continue;
            }
            if len == 0 {
                cur.push_str(word);
                len = wl;
                break;
            }
            lines.push(std::mem::take(&mut cur));
            len = 0;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The value of a superscript digit, as the embedded layout writes a note call.
fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁰' as u32),
        _ => None,
    }
}

/// The run of superscript digits `s` starts with: (value, bytes).
fn superscript_number(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut len = 0;
    for c in s.chars() {
        let Some(d) = superscript_digit(c) else {
            break;
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        len += c.len_utf8();
        if len > 24 {
            return None;
        }
    }
    (len > 0).then_some((value, len))
}

/// `n` in Roman numerals, as a report numbers its parts.
fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Report `k` of a generated shelf: the embedded report with a symbol of
/// its own ("A/65/156/Add.{k}") under the organ, and about one word in
/// five of four letters or more swapped for another word of the report,
/// chosen by a generator seeded with `k` (the same shelf every run, and no
/// two reports alike). Numbers, marks and layout are kept, so each parses
/// as the embedded report does.
pub fn shelf_report(k: usize) -> String {
    let text = report_reader::document::EMBEDDED_REPORT;
    let vocabulary = report_words(text);
    let mut state = (k as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut symbol_put = false;
    for line in text.split('\n') {
        let words: Vec<&str> = line.split(' ').collect();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let swappable = word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase());
            let r = next();
            if swappable && r % 5 == 0 {
                out.push_str(vocabulary[(r >> 8) as usize % vocabulary.len()]);
            } else {
                out.push_str(word);
            }
        }
        out.push('\n');
        if !symbol_put && line.trim() == "General Assembly" {
            let _ = write!(out, "\nA/65/156/Add.{k}\n");
            symbol_put = true;
        }
    }
    out.pop();
    out
}

/// The distinct words of four lowercase letters or more in `text`, sorted.
fn report_words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text
        .split([' ', '\n'])
        .filter(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Words of the generated shelf's reports, for queries: every tenth of
/// the report's own words of four lowercase letters or more.
pub fn shelf_words() -> Vec<&'static str> {
    report_words(report_reader::document::EMBEDDED_REPORT)
        .into_iter()
        .step_by(10)
        .collect()
}
