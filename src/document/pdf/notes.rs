//! A page's notes: the smaller text below its last body line, the notes under
//! a "Notes" heading at the end, and the cover's `*` note; each one block.

use super::lines::{Line, Page};
use super::writer::{Role, Row, Writer, literal, smaller};
use crate::document::FootnoteLabel;

/// Index of the first line of the page's notes: the smaller lines below its
/// last body line, starting with a note number.
pub(super) fn foot_start(page: &Page, body: f32, carrying: bool) -> usize {
    let n = page.lines.len();
    let mut start = n;
    while start > 0 && smaller(page.lines[start - 1].size, body) {
        start -= 1;
    }
    // A typescript sets its notes in the body's size, under a typed rule.
    if start == n
        && let Some(rule) = typed_rule(page)
    {
        return rule;
    }
    // Notes begin with a number (or `*`); only a note carried over from the
    // page before may stand there alone without one.
    if !carrying && !page.lines[start..].iter().any(starts_note) {
        return n;
    }
    if start == 0 { n } else { start }
}

/// A note's first line: its number (or `*`) first, then its text.
pub(super) fn starts_note(line: &Line) -> bool {
    note_number(line).is_some()
}

/// The note number or `*` a line starts with, and the piece its text starts in.
fn note_number(line: &Line) -> Option<(String, usize, String)> {
    let first = line.pieces.iter().position(|p| !p.text.trim().is_empty())?;
    let t = line.pieces[first].text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (label, rest) = if let Some(rest) = t.strip_prefix('*') {
        ("*".to_string(), rest.trim_start())
    } else if (1..=3).contains(&digits) {
        // "1/ Official Records …": a typescript's note.
        let rest = &t[digits..];
        let rest = match rest.strip_prefix('/') {
            Some(r) if r.is_empty() || r.starts_with(char::is_whitespace) => r,
            _ => rest,
        };
        (t[..digits].to_string(), rest)
    } else {
        return None;
    };
    // "12 See …" or "12" alone in its piece, with the text after it.
    let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
    if !spaced || rest.trim_start().starts_with(['.', ')', '/', '-', ',']) {
        return None;
    }
    let after = if rest.trim().is_empty() {
        line.text_from(first + 1)
    } else {
        let mut s = rest.trim().to_string();
        let tail = line.text_from(first + 1);
        if !tail.is_empty() {
            s.push(' ');
            s.push_str(&tail);
        }
        s
    };
    (!after.is_empty()).then_some((label, first, after))
}

pub(super) fn is_notes_heading(row: &Row, _body: f32) -> bool {
    let t = row.text.trim();
    crate::document::words::is_notes_heading(t) && row.line.pieces.len() <= 2
}

/// The cover's `*` note, written where the masthead reader looks for it.
pub(super) fn emit_star(w: &mut Writer, notes: &[Row]) -> usize {
    let Some(first) = notes.first() else { return 0 };
    let Some((label, _, text)) = note_number(first.line) else {
        return 0;
    };
    if label != "*" {
        return 0;
    }
    let mut t = format!("* {}", literal(&text));
    let role = Role::Note(FootnoteLabel::Symbol('*'));
    let mut k = 1;
    while k < notes.len() && note_number(notes[k].line).is_none() && notes[k].page == first.page {
        t.push(' ');
        t.push_str(&literal(&notes[k].text));
        k += 1;
    }
    w.start(first.page, role, t);
    w.close();
    k
}

/// The notes, each one block with its number as a superscript; a note that
/// runs onto the next page, or over several lines, is one note.
pub(super) fn write_notes(w: &mut Writer, notes: &[Row], from: usize) {
    w.close();
    let mut last: u32 = 0;
    let mut open = false;
    for r in &notes[from.min(notes.len())..] {
        // The rule over a page's notes is no part of the note before it.
        if is_rule(r.text.trim()) {
            continue;
        }
        if let Some((label, _, text)) = note_number(r.line) {
            let n: Option<u32> = label.parse().ok();
            // In sequence; an extract's notes may start at any number.
            let fits = n.is_some_and(|n| n > last && (last == 0 || n <= last + 5))
                || (label == "*" && last == 0);
            if fits {
                if let Some(n) = n {
                    last = n;
                }
                let label = match n {
                    Some(n) => FootnoteLabel::Number(n),
                    None => FootnoteLabel::Symbol('*'),
                };
                let mark = match label {
                    FootnoteLabel::Number(_) => crate::document::superscript(&label),
                    FootnoteLabel::Symbol(c) => c.to_string(),
                };
                let text = format!("{mark} {}", literal(&text));
                w.start(r.page, Role::Note(label), text);
                open = true;
                continue;
            }
        }
        if open {
            w.join(r.page, &literal(r.text.trim()));
        }
    }
    w.close();
}

/// The typed rule over a page's notes: underscores in the page's lower
/// half, right over a note "1/ …" (or one carried over from the page
/// before, when the rule is the page's last but few lines).
fn typed_rule(page: &Page) -> Option<usize> {
    let n = page.lines.len();
    (n / 2..n).find(|&k| {
        is_rule(page.lines[k].text().trim())
            && page.lines[k].text().trim().len() >= 5
            && page.lines.get(k + 1).is_some_and(|l| slash_note(&l.text()))
    })
}

/// "1/ Official Records …": a note as typescripts number them.
pub(super) fn slash_note(t: &str) -> bool {
    let t = t.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..]
            .strip_prefix('/')
            .is_some_and(|r| r.starts_with(char::is_whitespace))
}

/// A line drawn with underscores: the separator over a page's notes.
fn is_rule(t: &str) -> bool {
    t.len() >= 3 && t.chars().all(|c| c == '_' || c == ' ')
}
