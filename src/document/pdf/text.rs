//! Text that `pdftotext` made (plain, or with `-layout`) → pages of lines of
//! pieces, so that the reading of a PDF's pages reads it too.
//!
//! Text has no sizes or weights; they are given here from how the text
//! stands, as a PDF would have set it:
//! - a page's foot from the first line that starts with the number of a note
//!   called above it is set smaller (the page's notes);
//! - digits glued to a word ("migrants.3") become a smaller piece, a note
//!   call, only where that note exists and in the order calls run;
//! - a line shaped like a heading, with space above it, is bold.
//!
//! Columns give x (runs apart by two spaces or more are separate pieces);
//! line order gives y, and a blank line a gap.

use std::collections::HashSet;

use super::headings::{chapter, is_annex, is_division};
use super::lines::{Fragment, Line, Page};
use super::text_notes::{
    Label, endnote_numbers, foot_notes, label_columns, mark_calls, note_start, notes_heading,
};
use super::text_row::TextRow;
use super::writer::has_leader;
use crate::document::paged::is_running_line;
use crate::document::shapes::{
    is_symbol, lettered_heading, numbered, part_heading, resolution_number, sub_item,
};

/// Width of a column, in points.
const COLUMN: f32 = 5.0;
/// From one line to the next, in points.
const PITCH: f32 = 12.0;
const BODY: f32 = 10.0;
const NOTE: f32 = 8.0;
/// A part's heading, as the engine tells a part from a section by size.
const LARGE: f32 = 12.0;
const CALL: f32 = 6.0;

/// The pages of `text`, ready for the furniture and layout readers.
pub(super) fn pages(text: &str) -> Vec<Page> {
    let mut pages = split(text);
    // Where each page's body ends: at the "Notes" heading, or before it.
    let body_end = |at: Option<(usize, usize)>, index: usize, len: usize| match at {
        Some((page, row)) if page == index => row,
        Some((page, _)) if page < index => 0,
        _ => len,
    };
    let heading = notes_heading(&pages);
    for (index, rows) in pages.iter_mut().enumerate() {
        join_wrapped_items(rows);
        label_columns(rows, body_end(heading, index, rows.len()));
    }
    let notes_at = notes_heading(&pages);
    let endnotes = endnote_numbers(&pages, notes_at);
    let mut last = 0;
    for (index, rows) in pages.iter_mut().enumerate() {
        let body_end = body_end(notes_at, index, rows.len());
        let foot = foot_notes(&rows[..body_end]);
        let mut here: HashSet<Label> = endnotes.clone();
        if let Some((start, labels)) = &foot {
            here.extend(labels.iter().copied());
            for r in &mut rows[*start..body_end] {
                r.note = true;
            }
        }
        let end = foot.as_ref().map_or(body_end, |(s, _)| *s);
        for r in &mut rows[..end] {
            mark_calls(r, &here, &mut last);
        }
        mark_breaks(&mut rows[..end]);
        mark_headings(&mut rows[..end]);
    }
    let width = pages
        .iter()
        .flatten()
        .map(|r| r.text.chars().count())
        .max()
        .unwrap_or(0)
        .max(60) as f32
        * COLUMN;
    pages.iter().map(|rows| page(rows, width)).collect()
}

/// Pages at form feeds, each its non-blank lines; a number alone on its line
/// ("12." or a note's "3") is joined to the line it numbers.
fn split(text: &str) -> Vec<Vec<TextRow>> {
    let mut pages: Vec<Vec<TextRow>> = if text.contains('\x0c') {
        text.split('\x0c').map(rows).collect()
    } else {
        // Without form feeds, a page ends at a running footer: a running line
        // after the page's text (one before it is the page's header).
        let mut pages = vec![String::new()];
        let mut text_seen = false;
        for line in text.split_inclusive('\n') {
            let running = is_running_line(line.trim());
            if let Some(p) = pages.last_mut() {
                p.push_str(line);
            }
            if running && text_seen {
                pages.push(String::new());
                text_seen = false;
            }
            text_seen |= !running && !line.trim().is_empty();
        }
        pages.iter().map(|p| rows(p)).collect()
    };
    // The form feed after the last page leaves nothing behind it.
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

fn rows(page: &str) -> Vec<TextRow> {
    let mut out: Vec<TextRow> = Vec::new();
    let (mut gap, mut rule) = (false, false);
    let mut pending: Option<TextRow> = None;
    for line in page.lines() {
        let line = line.replace(['\u{a0}', '\t', '\r'], " ");
        let line = line.trim_end();
        if line.is_empty() {
            gap = true;
            continue;
        }
        if line.len() >= 5 && line.trim().bytes().all(|b| b == b'_') {
            (gap, rule) = (true, true);
            continue;
        }
        let row = TextRow {
            text: line.to_string(),
            gap: std::mem::take(&mut gap),
            rule: std::mem::take(&mut rule),
            ..TextRow::default()
        };
        if let Some(mut p) = pending.take() {
            // A paragraph's number stays for its text past a note's or a
            // page's number that plain text sets between them.
            let bare =
                row.trimmed().len() <= 4 && row.trimmed().bytes().all(|b| b.is_ascii_digit());
            if p.trimmed().ends_with('.') && bare {
                out.push(row);
                pending = Some(p);
                continue;
            }
            if numbers_the_next(&row) {
                p.text.push_str("  ");
                p.text.push_str(row.trimmed());
                out.push(p);
                continue;
            }
            out.push(p);
        }
        if number_alone(row.trimmed()) {
            pending = Some(row);
        } else {
            out.push(row);
        }
    }
    out.extend(pending);
    out
}

/// "12.", "140.3", "(b)", "A.", "IV." or "*": a paragraph's number, a
/// numbered item's or a sub-item's label, a section's letter, a part's
/// numeral, or the cover note's
/// mark, set apart from its text as
/// plain pdftotext sets them (a note's number alone is read with the page's
/// notes).
fn number_alone(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    let item = rest
        .strip_prefix('.')
        .is_some_and(|r| (1..=3).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_digit()));
    let label = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|l| (1..=4).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    let letter = t.len() == 2 && t.as_bytes()[0].is_ascii_uppercase() && t.ends_with('.');
    let numeral = t.len() <= 6
        && t.strip_suffix('.').is_some_and(|n| {
            n.bytes().all(|b| b.is_ascii_uppercase()) && crate::document::roman_value(n).is_some()
        });
    t == "*" || label || letter || numeral || (digits > 0 && digits <= 4 && (rest == "." || item))
}

/// Whether a line can be the text a number alone stands before.
fn numbers_the_next(row: &TextRow) -> bool {
    let t = row.trimmed();
    let first = t
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '['));
    // An annex's heading ("Annex", "Annex II") is never numbered so: a
    // contents table's label that plain text sets apart lands before it.
    first
        && numbered(t).is_none()
        && part_heading(t).is_none()
        && !has_leader(t)
        && !is_symbol(t)
        && !(is_annex(t) && t.split_whitespace().count() <= 2)
}

/// "(a)" at the start of a line that a full line at the same column runs on
/// to is a wrap inside a sentence ("objectives were: (a) to …"): a list's
/// item starts below a line that stops short, or further in.
fn join_wrapped_items(rows: &mut Vec<TextRow>) {
    let width = text_width(rows);
    let mut k = 1;
    while k < rows.len() {
        let (a, b) = (&rows[k - 1], &rows[k]);
        let indent = |r: &TextRow| r.text.len() - r.text.trim_start().len();
        let full = line_end(&a.text) * 20 >= width * 19;
        if full && !b.gap && indent(a) == indent(b) && sub_item(b.trimmed()).is_some() {
            let b = rows.remove(k);
            rows[k - 1].text.push(' ');
            rows[k - 1].text.push_str(b.trimmed());
            continue;
        }
        k += 1;
    }
}

/// The row's text without its note calls, trimmed.
fn without_calls(r: &TextRow) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in &r.calls {
        out.push_str(&r.text[at..s]);
        at = e;
    }
    out.push_str(&r.text[at..]);
    out.trim().to_string()
}

/// Ends a sentence or a clause: no heading ends so.
fn ends_clause(t: &str) -> bool {
    let t = t.trim_end_matches(['”', '"', '’', '\'', ')']);
    t.ends_with(['.', ';', ':', ',', '!', '?'])
}

/// Space above a line that follows a short one ending a sentence or a
/// name, as "Distr.: General" stands above the date: a line that stops short
/// of the margin without running on ends its block.
fn mark_breaks(rows: &mut [TextRow]) {
    let width = text_width(rows);
    for k in 1..rows.len() {
        let prev = rows[k - 1].trimmed();
        let short = line_end(&rows[k - 1].text) * 4 < width * 3;
        let last = prev.rsplit(' ').next().unwrap_or("");
        let ends =
            ends_clause(prev) || last.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        // "Chapter I" stands above its title.
        let numeral = chapter(prev).is_some() || part_heading(prev).is_some();
        // Furniture at the foot keeps close to it.
        let furniture = is_running_line(rows[k].trimmed())
            || rows[k].trimmed().bytes().all(|b| b.is_ascii_digit());
        if short && ends && !numeral && !furniture {
            rows[k].gap = true;
        }
    }
}

/// Bold for the lines shaped like headings: a Roman part, "Chapter I", a
/// lettered section, a short numbered or unnumbered title; with space above
/// (or a sentence ended above), not ending a sentence, and followed by
/// something new. A heading that wraps keeps its next line.
fn mark_headings(rows: &mut [TextRow]) {
    let width = text_width(rows);
    let texts: Vec<String> = rows.iter().map(without_calls).collect();
    let mut k = 0;
    while k < rows.len() {
        let t = texts[k].as_str();
        let short = line_end(&rows[k].text) * 4 < width * 3;
        // An unnumbered title is short by its own length: set centred, it
        // starts far in.
        let short_title = short
            || (!t.starts_with(|c: char| c.is_ascii_digit())
                && t.trim().chars().count() * 4 < width * 3);
        let above = k == 0
            || rows[k].gap
            || ends_clause(&texts[k - 1])
            || rows[k - 1].bold
            || is_running_line(rows[k - 1].trimmed());
        // What follows, past a footer and the next page's header.
        let next_new = rows[k + 1..]
            .iter()
            .find(|n| !is_running_line(n.trimmed()))
            .is_none_or(|n| {
                n.gap || numbered(n.trimmed()).is_some() || n.trimmed().starts_with('(')
            });
        let part = part_heading(t).is_some() || chapter(t).is_some() || is_division(t);
        // "14/1", "Decision 14/101": a text the report sets out, its title below.
        let unit = resolution_number(t);
        // A part's or section's title may break after a comma.
        let labelled = part || unit || lettered_heading(t.trim_end_matches(',')).is_some();
        let shaped = heading_shape(t) || (labelled && heading_shape(t.trim_end_matches(',')));
        // A colon leads into what follows ("Against:"), never to a heading.
        let led_in = k > 0 && texts[k - 1].trim_end().ends_with(':');
        let heading = above
            && !led_in
            && shaped
            && if labelled {
                true
            } else if let Some((_, at)) = numbered(t) {
                // A long one stands alone, space above and below.
                let alone = rows.get(k + 1).is_some_and(|n| n.gap);
                (short || alone) && next_new && t[at..].starts_with(char::is_uppercase)
            } else {
                short_title
                    && next_new
                    && t.split_whitespace().count() <= 14
                    && note_start(t).is_none()
            };
        if !heading {
            k += 1;
            continue;
        }
        rows[k].bold = true;
        rows[k].gap = true;
        rows[k].large = part;
        // A part's title may stand on the lines below its number, and a long
        // heading runs on to the next line.
        let mut long = !short;
        let mut j = k + 1;
        // "(Recommendations 1, 5, 7–9)" set under a section's title is part of it.
        let bracketed = |n: &str| n.starts_with('(') && n.ends_with(')');
        while j < rows.len()
            && j <= k + 3
            && (part || unit || long || (j == k + 1 && bracketed(&texts[j])))
        {
            let n = &texts[j];
            // "Chapter I" alone: its title is the next line, space or not.
            let untitled = j == k + 1 && (bare_numeral(t) || unit);
            // Plain text sets a part's wrapped title apart: a short line alone.
            let alone = part
                && line_end(&rows[j].text) * 4 < width * 3
                && rows.get(j + 1).is_none_or(|r| {
                    r.gap
                        || numbered(r.trimmed()).is_some()
                        || lettered_heading(r.trimmed()).is_some()
                });
            let runs_on = (!rows[j].gap || untitled || alone)
                && !n.is_empty()
                && !ends_clause(n)
                && !has_leader(n)
                && numbered(n).is_none()
                && part_heading(n).is_none()
                && lettered_heading(n).is_none()
                && !resolution_number(n);
            if !runs_on {
                break;
            }
            rows[j].bold = true;
            rows[j].large = part;
            // Set close under the line above, as one heading.
            rows[j].gap = false;
            long = line_end(&rows[j].text) * 4 >= width * 3;
            j += 1;
        }
        k = j;
    }
}

/// A line that could be a heading's: not ending a sentence, no leaders,
/// starting with a capital or a number.
fn heading_shape(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    // A number alone is a note's or a page's, not a title.
    !t.bytes().all(|b| b.is_ascii_digit())
        && !ends_clause(t)
        && !has_leader(t)
        && t.chars().count() <= 200
        && (first.is_uppercase() || first.is_ascii_digit() || first == '“' || letter_label(t))
}

/// "a) Evolution of …": a lettered heading below a numbered one.
fn letter_label(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() > 3
        && b[0].is_ascii_lowercase()
        && matches!(b[1], b')' | b'.')
        && b[2] == b' '
        && t[3..].trim_start().starts_with(char::is_uppercase)
}

/// "Chapter I" or "IV." with no title after it.
fn bare_numeral(t: &str) -> bool {
    let rest = crate::document::words::chapter_rest(t).unwrap_or(t);
    let rest = rest.strip_suffix('.').unwrap_or(rest);
    crate::document::roman_value(rest).is_some()
}

/// The column a line ends at.
fn line_end(text: &str) -> usize {
    text.trim_end().chars().count()
}

/// The width the body's lines fill: the end column most long lines reach.
fn text_width(rows: &[TextRow]) -> usize {
    let mut ends: Vec<usize> = rows.iter().map(|r| line_end(&r.text)).collect();
    ends.sort_unstable();
    ends.get(ends.len() * 9 / 10).copied().unwrap_or(0)
}

/// The page's rows as lines of pieces, top to bottom.
fn page(rows: &[TextRow], width: f32) -> Page {
    let steps: usize = rows.iter().map(|r| 1 + usize::from(r.gap)).sum();
    let height = (steps + 1) as f32 * PITCH;
    let mut y = height;
    let mut lines = Vec::with_capacity(rows.len());
    for r in rows {
        y -= PITCH * (1.0 + f32::from(u8::from(r.gap && y < height)));
        let size = match (r.note, r.large) {
            (true, _) => NOTE,
            (false, true) => LARGE,
            (false, false) => BODY,
        };
        let (top, bottom) = (y, y - size);
        let pieces = pieces(r, size, top, bottom);
        if pieces.is_empty() {
            continue;
        }
        lines.push(Line {
            pieces,
            size,
            bottom,
            top,
        });
    }
    Page {
        width,
        height,
        lines,
    }
}

/// The row cut into pieces: at runs of two spaces or more, and around its calls.
fn pieces(r: &TextRow, size: f32, top: f32, bottom: f32) -> Vec<Fragment> {
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let text = r.text.as_str();
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            spaces += 1;
            if spaces == 2
                && let Some(s) = start.take()
            {
                cuts.push((s, i - 1, false));
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        spaces = 0;
    }
    if let Some(s) = start {
        cuts.push((s, text.len(), false));
    }
    // A note's number is a piece of its own, as a PDF sets it; so is each call.
    let mut apart: Vec<(usize, usize, bool)> = r.calls.iter().map(|&(s, e)| (s, e, true)).collect();
    if r.note && note_start(r.trimmed()).is_some() {
        let s = text.len() - text.trim_start().len();
        let len = text[s..]
            .bytes()
            .take_while(|b| *b == b'*' || b.is_ascii_digit())
            .count();
        apart.push((s, s + len, false));
    }
    for (cs, ce, call) in apart {
        if let Some(k) = cuts.iter().position(|&(s, e, _)| s <= cs && ce <= e) {
            let (s, e, _) = cuts[k];
            let mut parts = Vec::new();
            if s < cs {
                parts.push((s, cs, false));
            }
            parts.push((cs, ce, call));
            if ce < e {
                parts.push((ce, e, false));
            }
            cuts.splice(k..=k, parts);
        }
    }
    cuts.into_iter()
        .filter(|&(s, e, _)| !text[s..e].trim().is_empty())
        .map(|(s, e, call)| {
            let x0 = text[..s].chars().count() as f32 * COLUMN;
            let x1 = x0 + text[s..e].chars().count() as f32 * COLUMN;
            Fragment {
                text: text[s..e].to_string(),
                x0,
                x1,
                bottom,
                top,
                size: if call { CALL } else { size },
                bold: r.bold,
                italic: false,
            }
        })
        .collect()
}
