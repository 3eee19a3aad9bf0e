//! The cover and masthead, and the contents table: the rows before the
//! body's first part heading or paragraph 1.

use super::headings::{chapter, is_division, is_heading};
use super::notes::emit_star;
use super::writer::{
    Block, Role, Row, Writer, escape_start, has_leader, literal, paragraph_number,
};
use crate::document::shapes::part_heading;
use crate::document::words::is_contents_heading;
use crate::document::{ContentsEntry, FootnoteLabel};

pub(super) struct Front {
    /// Rows before the body starts.
    pub body: usize,
    /// Notes that were already written (the cover's `*` note).
    pub first_note: usize,
}

/// The cover and masthead (title, symbol, date) and the contents table: the
/// rows before the first part heading or paragraph 1.
pub(super) fn front_matter(w: &mut Writer, rows: &[Row], notes: &[Row], body: f32) -> Front {
    let after_contents = contents_end(rows);
    let opening = rows[after_contents..]
        .iter()
        .position(|r| starts_body(r, body) || addresses(r, body))
        .map(|k| k + after_contents);
    let start = opening.or_else(|| after_title(rows, body)).unwrap_or(0);
    // An unnumbered heading right above paragraph 1 ("Introduction")
    // belongs to the body; above "The Security Council," or prose that
    // numbers nothing, it is the title.
    let numbered = opening.is_some_and(|k| starts_body(&rows[k], body));
    let mut body_at = start;
    if numbered && start > 0 && !is_heading(&rows[start], body) {
        let r = &rows[start - 1];
        if r.page == rows[start].page && is_heading(r, body) && part_heading(&r.text).is_none() {
            body_at = start - 1;
        }
    }
    // A division over part I ("Part One", its title below it) opens the
    // body too: a heading of a few lines right above, on the same page.
    let division = (body_at.saturating_sub(3)..body_at).find(|&k| {
        let (r, first) = (&rows[k], &rows[body_at]);
        r.page == first.page
            && is_division(r.text.trim())
            && rows[k..body_at]
                .iter()
                .all(|h| h.line.bold() == r.line.bold())
    });
    if let Some(k) = division {
        body_at = k;
    }
    let mut contents = false;
    let mut first_note = 0;
    let mut pending = String::new();
    // The row before, and whether it stood in one piece.
    let mut prev: Option<(&Row, bool)> = None;
    for r in &rows[..body_at] {
        let t = r.text.trim();
        if contents && is_contents_heading(t) {
            continue;
        }
        if is_contents_heading(t) {
            w.close();
            first_note = emit_star(w, notes);
            w.start(r.page, Role::Contents(Vec::new()), "Contents".into());
            contents = true;
            continue;
        }
        if contents {
            if let Some((title, page)) = contents_entry(t) {
                let title = format!("{pending} {title}");
                pending.clear();
                let b = w.open.get_or_insert(Block {
                    page: r.page,
                    role: Role::Contents(Vec::new()),
                    text: "Contents".into(),
                });
                if let Role::Contents(entries) = &mut b.role {
                    let title = title.trim().trim_end_matches(['.', ' ', '\t', '…']).trim();
                    entries.push(ContentsEntry {
                        title: title.to_string(),
                        page: Some(page),
                    });
                }
                b.text.push('\n');
                b.text.push_str(&literal(title.trim()));
                b.text.push('\t');
                b.text.push_str(&page.to_string());
            } else if !matches!(t, "Page" | "Paragraphs" | "Paragraphs Page") {
                pending.push(' ');
                pending.push_str(t);
            }
            continue;
        }
        // The cover's `*` note set among the masthead's lines, not at the
        // foot: a note all the same, not a literal star.
        if let Some(rest) = t.strip_prefix("* ").or_else(|| t.strip_prefix("∗ ")) {
            let role = Role::Note(FootnoteLabel::Symbol('*'));
            w.start(r.page, role, format!("* {}", literal(rest.trim())));
            prev = Some((r, true));
            continue;
        }
        let segments = r.line.segments();
        let single = segments.len() == 1;
        let same_block = single
            && prev.is_some_and(|(p, p_single)| {
                p.page == r.page
                    && p_single
                    && (p.line.size - r.line.size).abs() < 0.6
                    && p.line.bold() == r.line.bold()
                    && r.gap < r.line.size * 0.6
            });
        if same_block {
            // Line by line: the masthead's fields are told apart by line.
            w.join_line(r.page, &literal(t));
        } else {
            for s in segments {
                w.start(r.page, Role::Masthead, escape_start(&literal(&s)));
            }
        }
        prev = Some((r, single));
    }
    w.close();
    if !contents {
        first_note = emit_star(w, notes);
    }
    Front {
        body: body_at,
        first_note,
    }
}

/// The row after the contents table: its entries end in dot leaders and a
/// page number; a title may wrap, and a page may repeat the table's heading.
pub(super) fn contents_end(rows: &[Row]) -> usize {
    let Some(at) = rows.iter().position(|r| is_contents_heading(r.text.trim())) else {
        return 0;
    };
    let mut end = at + 1;
    let mut since = 0;
    for (k, r) in rows.iter().enumerate().skip(at + 1) {
        let t = r.text.trim();
        if has_leader(t) {
            end = k + 1;
            since = 0;
        } else if !is_contents_filler(t) {
            since += 1;
            if since > 3 {
                break;
            }
        }
    }
    end
}

/// What stands between a contents table's entries when their numbers are
/// set apart (plain `pdftotext` gives each its own line): page numbers,
/// paragraph ranges ("3 - 45"), labels ("II.", "A.", "a)"), the column
/// heads, and the table's heading repeated on a later page.
pub(super) fn is_contents_filler(t: &str) -> bool {
    let numbers = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | '.'));
    let label = t.len() <= 5
        && t.ends_with(['.', ')'])
        && t[..t.len() - 1].chars().all(|c| c.is_ascii_alphanumeric());
    numbers
        || label
        || matches!(t, "Page" | "Paragraphs" | "Paragraphs Page")
        || is_contents_heading(t)
}

/// A contents line: "Introduction . . . . 3" → ("Introduction", 3).
pub(super) fn contents_entry(t: &str) -> Option<(String, u32)> {
    let (head, last) = t.rsplit_once(' ')?;
    let page: u32 = last.parse().ok()?;
    let mut title = head.trim_end_matches(['.', ' ', '…']).trim().to_string();
    // Old templates give the paragraphs too: "3 - 45".
    let cut = title.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
    if cut.len() < title.len() && cut.ends_with(['.', ' ']) {
        title = cut.trim_end_matches(['.', ' ', '…']).to_string();
    }
    let dotted = head.contains(". .") || head.contains("..") || head.contains('…');
    (dotted || head.len() > 3).then_some((title, page))
}

pub(super) fn starts_body(r: &Row, body: f32) -> bool {
    let t = r.text.trim();
    if is_heading(r, body) {
        if let Some((_, 1, _)) = part_heading(t) {
            return true;
        }
        if chapter(t).is_some_and(|(n, _)| n == 1) {
            return true;
        }
    }
    paragraph_number(r).is_some_and(|(n, _)| n == 1) && !r.line.bold()
}

/// "The Security Council,", "The General Assembly,": the line a
/// resolution's preamble opens with, which starts its body as paragraph 1
/// starts a report's. Short, indented as a paragraph's first line, in the
/// body's face, ending in a comma (an agenda item's title that breaks
/// after a comma stands at the margin).
fn addresses(r: &Row, body: f32) -> bool {
    let t = r.text.trim();
    r.indent > body * 0.9
        && t.ends_with(',')
        && t.split_whitespace().count() <= 5
        && t.starts_with(char::is_uppercase)
        && !t.contains(|c: char| c.is_ascii_digit())
        && !r.line.bold()
        && (r.line.size - body).abs() < body * 0.1
}

/// Where the body starts in a text that numbers nothing (a letter, a
/// resolution of one paragraph): the first line of prose in the body's
/// face, its first line indented, right under the title (set in bold) or
/// set apart by space above.
fn after_title(rows: &[Row], body: f32) -> Option<usize> {
    let prose = |r: &Row| {
        let t = r.text.trim();
        !r.line.bold()
            && (r.line.size - body).abs() < body * 0.1
            && t.split_whitespace().count() >= 5
            && !crate::document::words::is_kind(t)
            && !t.starts_with('[')
    };
    let opens = |k: usize| {
        let (r, above) = (&rows[k], &rows[k - 1]);
        // Indented from the lines it runs on to; the page's margin may
        // stand further left, where the agenda item is set.
        let indented = rows.get(k + 1).is_some_and(|n| {
            let by = r.indent - n.indent;
            by > body * 0.9 && by < body * 6.0
        });
        indented && (above.line.bold() || r.gap > body * 0.45)
    };
    (1..rows.len()).find(|&k| prose(&rows[k]) && opens(k))
}
