//! Headings: which lines are one, and at what level each stands — a part,
//! a lettered section, a numbered subheading, an annex, a division, or an
//! unnumbered heading placed by how it is set.

use super::writer::{Row, has_leader, literal, paragraph_number, smaller};
use crate::document::roman_value;
use crate::document::shapes::{lettered_heading, part_heading};
use crate::document::words::chapter_rest;

/// "Chapter I Introduction" → (1, "I. Introduction").
pub(super) fn chapter(t: &str) -> Option<(u32, String)> {
    let rest = chapter_rest(t)?;
    let (numeral, title) = rest.split_once(' ').unwrap_or((rest, ""));
    let value = roman_value(numeral)?;
    Some((value, format!("{numeral}. {}", title.trim())))
}

/// A line set like a heading: bold or italic throughout, not ending a
/// sentence, short, with space above it (or first on its page).
pub(super) fn is_heading(r: &Row, body: f32) -> bool {
    starts_heading(r, body) && heading_text(r.text.trim())
}

/// A line that may open a heading: set like one, with space above it (or
/// first on its page). Whether it is one depends on the words of all its
/// lines: a part's title may break after a comma.
pub(super) fn starts_heading(r: &Row, body: f32) -> bool {
    let t = r.text.trim();
    // A typescript has one face: its headings stand centred, numbered or
    // in capitals.
    let typed = r.centred && !smaller(r.line.size, body) && (labelled(t) || capitals(t));
    let styled = r.line.bold() || (r.line.italic() && !smaller(r.line.size, body)) || typed;
    styled
        && !has_leader(t)
        // "In favour:" opens a list; a title breaks after a comma at most.
        && !t.ends_with([':', ';'])
        && !is_meeting(t)
        && (r.gap == 0.0 || r.gap > body * 0.45 || r.centred)
}

/// "II. POLITICAL CONTEXT", "A. Prisons": a part's or a section's label.
pub(super) fn labelled(t: &str) -> bool {
    part_heading(t).is_some() || lettered_heading(t).is_some()
}

/// "ANNEX", "CONCLUSIONS": letters, all capitals.
pub(super) fn capitals(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && !t.chars().any(char::is_lowercase)
}

/// "Annex", "ANNEX II", "Annexes", and the same in the other languages:
/// an annex starts a part of its own.
pub(super) fn is_annex(title: &str) -> bool {
    let first = title.split_whitespace().next().unwrap_or("").to_lowercase();
    let first = first.trim_end_matches(['.', ':', '*']);
    matches!(
        first,
        "annex" | "annexes" | "annexe" | "anexo" | "anexos" | "приложение" | "приложения"
    )
}

/// "10th meeting", "103rd plenary meeting", "65e séance plénière": where a
/// resolution was adopted, set under its text.
pub(super) fn is_meeting(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let mut words = t[digits..].split_whitespace();
    let ordinal = words
        .next()
        .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th" | "e" | "a" | "ª" | "-е"));
    digits > 0
        && ordinal
        && t.split_whitespace().take(4).any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "meeting" | "séance" | "sesión" | "заседание"
            )
        })
}

/// "Part One", "Part Two": the report's largest divisions, above its
/// Roman-numeral parts, each numbering them from I again.
pub(super) fn is_division(title: &str) -> bool {
    let Some(rest) = title.strip_prefix("Part ") else {
        return false;
    };
    let word = rest.split_whitespace().next().unwrap_or("");
    matches!(
        word.trim_end_matches([':', '.']),
        "One"
            | "Two"
            | "Three"
            | "Four"
            | "Five"
            | "I"
            | "II"
            | "III"
            | "IV"
            | "1"
            | "2"
            | "3"
            | "4"
    )
}

/// A heading's whole title reads as one: short, not ending a sentence.
pub(super) fn heading_text(t: &str) -> bool {
    t.chars().count() <= 200 && !t.ends_with([';', ',', ':']) && (!t.ends_with('.') || t.len() <= 4)
}

/// The lines of a heading that starts at `k`, set as its first line is and
/// close under it, up to `limit`: the title and the row after it.
pub(super) fn heading_lines(rows: &[Row], k: usize, limit: usize, body: f32) -> (String, usize) {
    let r = &rows[k];
    let mut title = r.text.trim().to_string();
    let mut j = k + 1;
    while j < limit
        && rows[j].page == r.page
        && rows[j].gap < body * 0.6
        && rows[j].line.bold() == r.line.bold()
        && (rows[j].line.size - r.line.size).abs() < 0.6
        && paragraph_number(&rows[j]).is_none()
    {
        title.push(' ');
        title.push_str(rows[j].text.trim());
        j += 1;
    }
    (title, j)
}

/// The outline's numbering so far, to tell a heading's level and a
/// paragraph number from a subheading's.
pub(super) struct Outline {
    pub paragraph: u32,
    pub part: u32,
    pub letter: Option<char>,
    /// Deepest numbered level open in this part: 1 lettered, 2 numbered, 3 lettered below.
    pub depth: u8,
    /// Inside a resolution or decision the report sets out: its paragraphs
    /// are numbered from 1 again, outside the report's own sequence.
    pub embedded: bool,
    /// Past the first annex heading.
    pub annex: bool,
    /// The level each style of unnumbered heading was first given in this
    /// part, with its size, bold and italic.
    pub unnumbered: Vec<(u8, f32, bool, bool)>,
}

/// A heading's level, told by its numbering, and its title as the
/// layout writes it.
pub(super) fn heading(
    o: &mut Outline,
    title: &str,
    large: bool,
    style: (f32, bool, bool),
) -> (u8, String) {
    let t = literal(title);
    if is_division(title) || is_annex(title) {
        o.part = 0;
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return (1, t);
    }
    if let Some((n, text)) = chapter(title) {
        o.part = n;
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return (1, literal(&text));
    }
    let part = part_heading(title).map(|(_, v, _)| v);
    let letter = lettered_heading(title);
    let next_letter = o.letter.map_or('A', |c| (c as u8 + 1) as char);
    // "C." and "I." are letters as well as numerals: the sequence decides.
    let as_letter = letter.is_some() && (letter == Some(next_letter) || part != Some(o.part + 1));
    if let Some(v) = part
        && !as_letter
    {
        o.part = v;
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return (1, t);
    }
    if let Some(c) = letter {
        o.letter = Some(c);
        o.depth = 1;
        return (2, t);
    }
    let digits = title.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && title[digits..].starts_with(". ") {
        o.depth = 2;
        return (3, t);
    }
    let b = title.as_bytes();
    if b.len() > 3 && b[0].is_ascii_lowercase() && (b[1] == b')' || b[1] == b'.') && b[2] == b' ' {
        o.depth = 3;
        return (4, t);
    }
    if large {
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return (1, t);
    }
    // An unnumbered heading set as one before stands at its level: the
    // States of a review are siblings, never nested under the last one's
    // numbered heading.
    let same = |&&(_, size, bold, italic): &&(u8, f32, bool, bool)| {
        (size - style.0).abs() < 0.5 && bold == style.1 && italic == style.2
    };
    let level = match o.unnumbered.iter().find(same) {
        Some(&(level, ..)) => level,
        None => {
            let level = o.depth.min(3) + 2;
            o.unnumbered.push((level, style.0, style.1, style.2));
            level
        }
    };
    (level, t)
}
