//! Lines of every page → blocks, each decided here: one per Paragraph,
//! SubItem, heading, Footnote or table, and the text between them.
//!
//! What the layout of a UN report says, and how it is read here:
//! - the body is set in one size; notes are smaller and sit below the page's
//!   last body line, or under a "Notes" heading at the end (endnotes);
//! - a paragraph starts with its number at the left margin, in sequence;
//! - headings are bold (or italic) lines with space above them that do not
//!   end a sentence: "I." parts (or "Chapter I"), lettered sections "A.",
//!   numbered subheadings "1.", "a)" below them, and unnumbered ones;
//! - a sub-item starts "(a)" (or "140.1" inside paragraph 140) on a new line.
use std::collections::HashSet;

use super::front::front_matter;
use super::headings::{
    Outline, chapter, heading, heading_lines, heading_text, is_annex, is_division, starts_heading,
};
use super::lines::Page;
use super::notes::{foot_start, is_notes_heading, starts_note, write_notes};
use super::writer::{
    Block, Role, Row, Writer, ends_sentence_or_item, escape_start, literal, paragraph_number,
    slash_calls,
};
use crate::document::shapes::{numbered_item, part_heading, resolution_number, sub_item};

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Paragraph,
    Heading,
    Other,
}

/// The layout of the pages, and what the reading could not settle, in a
/// reader's words.
pub(super) fn write(pages: &[Page]) -> (Vec<Block>, Vec<String>) {
    let body = body_size(pages);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut in_endnotes = false;
    // Whether the page before ended with notes: the next may carry one over.
    let mut carrying = false;
    for (index, page) in pages.iter().enumerate() {
        let (at, page_rows) = page_rows(page, index);
        let foot = if in_endnotes {
            0
        } else {
            notes_start(page, (&at, &page_rows), body, carrying)
        };
        carrying = foot < page.lines.len();
        for (k, row) in at.into_iter().zip(page_rows) {
            if !in_endnotes && is_notes_heading(&row, body) {
                in_endnotes = true;
                continue;
            }
            if in_endnotes || k >= foot {
                notes.push(row);
            } else {
                rows.push(row);
            }
        }
    }
    let mut w = Writer {
        words: words(&rows),
        slash_notes: notes
            .iter()
            .filter(|r| super::notes::slash_note(&r.text))
            .filter_map(|r| r.text.trim_start().split('/').next()?.parse().ok())
            .collect(),
        ..Writer::default()
    };
    let star = front_matter(&mut w, &rows, &notes, body);
    let mark = w.blocks.len();
    if body_text(&mut w, &rows[star.body..], body, true) == 0 && w.embedded_paragraphs > 0 {
        // The document is itself a resolution: its paragraphs are its own.
        w.blocks.truncate(mark);
        w.open = None;
        w.embedded_pages.clear();
        w.embedded_paragraphs = 0;
        body_text(&mut w, &rows[star.body..], body, false);
    }
    write_notes(&mut w, &notes, star.first_note);
    w.close();
    let mut warnings = Vec::new();
    if let (Some(first), Some(last)) = (w.embedded_pages.first(), w.embedded_pages.last()) {
        let units = w.embedded_pages.len();
        let pages = if first == last {
            format!("page {}", first + 1)
        } else {
            format!("pages {}–{}", first + 1, last + 1)
        };
        warnings.push(format!(
            "paragraph numbering restarts in {units} resolution{s} or decision{s} set out on \
             {pages}: their {} paragraphs are shown as text, outside the report's numbering",
            w.embedded_paragraphs,
            s = if units == 1 { "" } else { "s" },
        ));
    }
    (w.blocks, warnings)
}

/// The page's lines with text, as rows, and where each stands among its lines.
fn page_rows(page: &Page, index: usize) -> (Vec<usize>, Vec<Row<'_>>) {
    let (mut at, mut rows) = (Vec::new(), Vec::new());
    let mut prev_bottom: Option<f32> = None;
    let set = page.lines.iter().filter(|l| !l.text().is_empty());
    let margin = set.clone().map(|l| l.x0()).fold(f32::MAX, f32::min);
    let edge = set.map(|l| l.x1()).fold(0.0, f32::max);
    for (k, line) in page.lines.iter().enumerate() {
        let text = line.text();
        if text.is_empty() {
            continue;
        }
        let gap = prev_bottom.map_or(0.0, |b| b - line.top);
        prev_bottom = Some(line.bottom);
        let (left, right) = (line.x0(), page.width - line.x1());
        let centred = left > page.width * 0.15
            && (left - right).abs() < page.width * 0.1
            && line.x1() - line.x0() < page.width * 0.55;
        at.push(k);
        rows.push(Row {
            line,
            page: index,
            text,
            gap,
            centred,
            indent: left - margin,
            room: edge - line.x1(),
        });
    }
    (at, rows)
}

/// The line where the page's notes start: the smaller lines at its foot,
/// past a table set as small right above them, which is none of them.
fn notes_start(page: &Page, (at, rows): (&[usize], &[Row]), body: f32, carrying: bool) -> usize {
    let foot = foot_start(page, body, carrying);
    let first = at.partition_point(|&k| k < foot);
    if first >= rows.len() {
        return foot;
    }
    let table = super::tables::at_top(&rows[first..], body);
    if table == 0 {
        return foot;
    }
    let after = at.get(first + table).copied().unwrap_or(page.lines.len());
    if carrying || page.lines[after..].iter().any(starts_note) {
        after
    } else {
        page.lines.len()
    }
}

/// The size most of the document's letters are set in.
fn body_size(pages: &[Page]) -> f32 {
    let pieces: Vec<_> = pages
        .iter()
        .flat_map(|p| p.lines.iter().flat_map(|l| l.pieces.iter().cloned()))
        .collect();
    super::lines::dominant_size(&pieces)
}

/// Every word of the body, for the hyphen rule.
fn words(rows: &[Row]) -> HashSet<String> {
    let mut set = HashSet::new();
    for r in rows {
        for w in r.text.split(|c: char| !c.is_alphanumeric() && c != '-') {
            if !w.is_empty() {
                set.insert(w.to_string());
            }
        }
    }
    set
}

/// Writes the body; `embedding` reads a resolution's number heading as the
/// start of a text set out in the report. Gives the last paragraph number
/// of the report's own sequence.
fn body_text(w: &mut Writer, rows: &[Row], body: f32, embedding: bool) -> u32 {
    let mut o = Outline {
        paragraph: 0,
        part: 0,
        letter: None,
        depth: 0,
        embedded: false,
        annex: false,
        unnumbered: Vec::new(),
    };
    let mut open = Open::Nothing;
    let mut last_text = String::new();
    // The indent of a list's label ("In favour:") whose lines follow.
    let mut label_at: Option<f32> = None;
    let mut tables = super::tables::find(rows, body).into_iter().peekable();
    let mut k = 0;
    while k < rows.len() {
        // A table interrupts the text without ending it: the next line
        // starts a block of its own, which the parser rejoins.
        while tables.next_if(|t| t.rows.start < k).is_some() {}
        if let Some(t) = tables.next_if(|t| t.rows.start == k) {
            w.start(t.page, t.role(), t.text());
            w.close();
            k = t.rows.end;
            continue;
        }
        let r = &rows[k];
        let t = literal(&slash_calls(r.text.trim(), &w.slash_notes));
        let closed =
            open != Open::Paragraph || ends_sentence_or_item(&last_text) || r.gap > body * 0.45;
        if o.embedded && (paragraph_number(r).is_some() || sub_item(&t).is_some()) {
            // Its own paragraph: a block of text, never a number of the report's.
            w.start(r.page, Role::Text, escape_start(&t));
            w.embedded_paragraphs += 1;
            open = Open::Other;
            last_text = t;
            k += 1;
            continue;
        }
        let table = tables.peek().map_or(rows.len(), |t| t.rows.start);
        // A bold "1. Cross-cutting issues" is a subheading; a paragraph set
        // in bold throughout reads on into sentences.
        let bold_heading = || {
            r.line.bold()
                && starts_heading(r, body)
                && heading_text(&heading_lines(rows, k, table, body).0)
                && next_is_new(rows, k, o.paragraph)
        };
        if let Some((n, rest)) = paragraph_number(r)
            && n > o.paragraph
            && n <= o.paragraph + 3
            && (ends_sentence_or_item(&rest) || !bold_heading())
        {
            o.paragraph = n;
            let rest = slash_calls(&rest, &w.slash_notes);
            w.start(
                r.page,
                Role::Paragraph(n),
                format!("{n}. {}", literal(&rest)),
            );
            open = Open::Paragraph;
            last_text = rest;
            k += 1;
            continue;
        }
        // A heading may run over several lines set the same way.
        if closed
            && starts_heading(r, body)
            && let (title, j) = heading_lines(rows, k, table, body)
            && heading_text(&title)
        {
            let style = (r.line.size, r.line.bold(), r.line.italic());
            let (level, text) = heading(&mut o, &title, r.line.size > body * 1.15, style);
            if is_annex(&title) {
                // An annex numbers its paragraphs on its own; what it names
                // by resolution number is discussed there, not set out.
                o.annex = true;
                o.embedded = false;
            } else if embedding && resolution_number(r.text.trim()) && !o.annex {
                o.embedded = true;
                w.embedded_pages.push(r.page);
            } else if part_heading(&title).is_some()
                || chapter(&title).is_some()
                || is_division(&title)
            {
                o.embedded = false;
            }
            let marked = format!("{} {text}", "#".repeat(usize::from(level)));
            w.start(r.page, Role::Heading(level), marked);
            w.close();
            open = Open::Heading;
            last_text.clear();
            k = j;
            continue;
        }
        let item = sub_item(&t).is_some() || numbered_item(&t, o.paragraph).is_some();
        if open == Open::Paragraph && item && (closed || ends_sentence_or_item(&last_text)) {
            w.start(r.page, Role::Item, t.clone());
            last_text = t;
            k += 1;
            continue;
        }
        let indented = open == Open::Other && k > 0 && new_paragraph(rows, k, body);
        // A labelled list inside a paragraph keeps its lines: the label on
        // a line of its own, its list under it.
        let label = labels_list(rows, k, body);
        let listed = label_at.take().is_some_and(|at| r.indent > at);
        if open == Open::Heading || open == Open::Nothing || indented {
            w.start(r.page, Role::Text, escape_start(&t));
            open = Open::Other;
        } else if label || listed {
            w.join_break(r.page, &t);
        } else {
            w.join(r.page, &t);
        }
        if label {
            label_at = Some(r.indent);
        }
        last_text = t;
        k += 1;
    }
    w.close();
    o.paragraph
}

/// "In favour:", "Against:", "Abstaining:": a short label ending in a
/// colon on a line of its own, the list it heads indented under it.
fn labels_list(rows: &[Row], k: usize, body: f32) -> bool {
    let (r, t) = (&rows[k], rows[k].text.trim());
    t.ends_with(':')
        && t.split_whitespace().count() <= 4
        && t.starts_with(char::is_uppercase)
        && rows
            .get(k + 1)
            .is_some_and(|n| n.page == r.page && n.indent > r.indent + body * 0.9)
}

/// Whether unnumbered text starts a new paragraph at `r`: its first line
/// is indented, under a line that ended its clause short of the margin
/// or stood left of it. Preambular paragraphs ("Recalling …,"), a
/// letter's paragraphs and the lines of a vote list are told apart so.
fn new_paragraph(rows: &[Row], k: usize, body: f32) -> bool {
    let (prev, r) = (&rows[k - 1], &rows[k]);
    // "… (see annex).*": a note's call after the clause's end.
    let ended = prev
        .text
        .trim_end()
        .trim_end_matches(['*', '∗'])
        .ends_with(['.', ',', ';', ':', ')', ']']);
    // A bulleted item's next line hangs under its text, not its bullet.
    let bullet = |r: &Row| r.text.trim_start().starts_with(['•', '▪', '◦', '-', '–']);
    let hanging = bullet(prev) && r.indent > prev.indent;
    let indented = r.indent > body * 0.9;
    prev.page == r.page
        && !hanging
        && indented
        && ended
        && (prev.room > body * 2.0 || r.indent > prev.indent + body * 0.5)
}

/// Whether the row after `k` starts something new: a paragraph or a heading.
fn next_is_new(rows: &[Row], k: usize, last: u32) -> bool {
    rows.get(k + 1).is_none_or(|n| {
        paragraph_number(n).is_some_and(|(m, _)| m == last + 1) || n.line.bold() || n.line.italic()
    })
}
