//! Lines of every page → the embedded layout: one block per Paragraph,
//! SubItem, heading or Footnote, blank lines between them.
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

use super::lines::{Line, Page};
use super::notes::{emit_star, foot_start, is_notes_heading, starts_note, write_notes};
use crate::document::parse::{
    lettered_heading, numbered, numbered_item, part_heading, resolution_number, sub_item,
};
use crate::document::words::{chapter_rest, is_contents_heading};
use crate::document::{is_superscript_digit, roman_value};

/// One line on its page, with what the reading decided about it.
pub(super) struct Row<'a> {
    pub line: &'a Line,
    pub page: usize,
    pub text: String,
    /// Space above the line, in points (0 at the top of a page).
    pub gap: f32,
    /// Whether the line stands centred on its page, as old templates set headings.
    centred: bool,
}

/// A finished block of the layout, on the page where it starts.
struct Block {
    page: usize,
    text: String,
}

#[derive(Default)]
pub(super) struct Writer {
    blocks: Vec<Block>,
    /// The open block: its page and its text so far.
    open: Option<Block>,
    words: HashSet<String>,
    /// The pages where resolutions and decisions set out in the report
    /// start, and how many paragraphs of theirs were read.
    embedded_pages: Vec<usize>,
    embedded_paragraphs: usize,
    /// The numbers of notes a typescript sets as "1/", whose calls in the
    /// text are "1/" too.
    slash_notes: HashSet<u32>,
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Paragraph,
    Heading,
    Other,
}

/// The layout of the pages, and what the reading could not settle, in a
/// reader's words.
pub(super) fn write(pages: &[Page]) -> (String, Vec<String>) {
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
    let mut out = String::new();
    let mut page = 0;
    for b in &w.blocks {
        while page < b.page {
            out.push_str("\x0c\n");
            page += 1;
        }
        out.push_str(&b.text);
        out.push_str("\n\n");
    }
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
    (out, warnings)
}

/// The page's lines with text, as rows, and where each stands among its lines.
fn page_rows(page: &Page, index: usize) -> (Vec<usize>, Vec<Row<'_>>) {
    let (mut at, mut rows) = (Vec::new(), Vec::new());
    let mut prev_bottom: Option<f32> = None;
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

pub(super) fn smaller(size: f32, body: f32) -> bool {
    size < body * 0.93
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

impl Writer {
    pub fn close(&mut self) {
        if let Some(b) = self.open.take()
            && !b.text.trim().is_empty()
        {
            self.blocks.push(b);
        }
    }

    pub fn start(&mut self, page: usize, text: String) {
        self.close();
        self.open = Some(Block { page, text });
    }

    /// Adds a line to the open block, mending a word cut by a hyphen.
    pub fn join(&mut self, page: usize, text: &str) {
        self.join_by(page, text, ' ');
    }

    /// As `join`, keeping the line a line of its own in the block.
    pub fn join_line(&mut self, page: usize, text: &str) {
        self.join_by(page, text, '\n');
    }

    fn join_by(&mut self, page: usize, text: &str, sep: char) {
        let Some(b) = self.open.as_mut() else {
            self.start(page, escape_start(text));
            return;
        };
        let t = &mut b.text;
        if url_cut(t, text) {
            // "https://…/2030-" + "agenda": one address, broken by the line.
        } else if let Some(stem) = t.strip_suffix('\u{ad}') {
            *t = stem.to_string();
        } else if t.ends_with('-') && t[..t.len() - 1].ends_with(char::is_alphabetic) {
            let frag: String = t[..t.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let next: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
            let lower = next.chars().next().is_some_and(char::is_lowercase);
            let joined = format!("{frag}{next}");
            let hyphened = format!("{frag}-{next}");
            if lower && self.words.contains(&joined) && !self.words.contains(&hyphened) {
                t.pop();
            }
        } else {
            t.push(sep);
        }
        t.push_str(text);
    }
}

/// Whether the text ends inside a web address that the line's end cut:
/// its last word is an address not closed by punctuation, and the next
/// line goes on with no word of its own first.
fn url_cut(t: &str, next: &str) -> bool {
    let last = t.rsplit(' ').next().unwrap_or("");
    let address = last.contains("http") || last.contains("www.") || last.matches('/').count() >= 3;
    let first = next.split(' ').next().unwrap_or("");
    address
        && !last.ends_with(['.', ',', ';', ':', ')', ']', '”'])
        && !first.is_empty()
        && !first.starts_with(['(', '[', '“', '"'])
        && (first.contains(['/', '.', '%', '_', '-']) || first.ends_with(['.', ',', ';']))
}

/// "rights 1/ and" → "rights¹ and", where note 1 is a typescript's "1/"
/// note: the call as the embedded layout writes it.
fn slash_calls(t: &str, notes: &HashSet<u32>) -> String {
    if notes.is_empty() || !t.contains('/') {
        return t.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for word in t.split(' ') {
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        let call = (1..=3).contains(&digits)
            && word[digits..].starts_with('/')
            && word[digits + 1..].chars().all(|c| ".,;:)".contains(c));
        let number: Option<u32> = call.then(|| word[..digits].parse().ok()).flatten();
        match (number, out.last_mut()) {
            (Some(n), Some(prev)) if notes.contains(&n) && !prev.is_empty() => {
                prev.push_str(&crate::document::superscript(
                    &crate::document::FootnoteLabel::Number(n),
                ));
                prev.push_str(&word[digits + 1..]);
            }
            _ => out.push(word.to_string()),
        }
    }
    out.join(" ")
}

/// A block that must not be read as a numbered paragraph or a heading.
fn escape_start(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(". ") {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '(', '|']) || part_heading(text).is_some() {
        return format!("\\{text}");
    }
    text.to_string()
}

/// Markup the inline reader would take for emphasis: made literal.
/// A `*` glued to the end of a word ("agenda*") is a note's mark, which the
/// reader takes as such, and stays.
pub(super) fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let mark = c == '*'
            && prev.is_some_and(char::is_alphanumeric)
            && chars.peek().is_none_or(|n| n.is_whitespace());
        if matches!(c, '*' | '\\' | '<') && !mark {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

struct Front {
    /// Rows before the body starts.
    body: usize,
    /// Notes that were already written (the cover's `*` note).
    first_note: usize,
}

/// The cover and masthead (title, symbol, date) and the contents table: the
/// rows before the first part heading or paragraph 1.
fn front_matter(w: &mut Writer, rows: &[Row], notes: &[Row], body: f32) -> Front {
    let after_contents = contents_end(rows);
    let start = rows[after_contents..]
        .iter()
        .position(|r| starts_body(r, body))
        .map_or(0, |k| k + after_contents);
    // An unnumbered heading right above ("Introduction") belongs to the body.
    let mut body_at = start;
    if start > 0 && !is_heading(&rows[start], body) {
        let r = &rows[start - 1];
        if r.page == rows[start].page && is_heading(r, body) && part_heading(&r.text).is_none() {
            body_at = start - 1;
        }
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
            w.start(r.page, "Contents".into());
            contents = true;
            continue;
        }
        if contents {
            if let Some((title, page)) = contents_entry(t) {
                let title = format!("{pending} {title}");
                pending.clear();
                let b = w.open.get_or_insert(Block {
                    page: r.page,
                    text: "Contents".into(),
                });
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
            w.start(r.page, format!("* {}", literal(rest.trim())));
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
                w.start(r.page, escape_start(&literal(&s)));
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
fn contents_end(rows: &[Row]) -> usize {
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
fn is_contents_filler(t: &str) -> bool {
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
fn contents_entry(t: &str) -> Option<(String, u32)> {
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

fn starts_body(r: &Row, body: f32) -> bool {
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

/// "Chapter I Introduction" → (1, "I. Introduction").
pub(super) fn chapter(t: &str) -> Option<(u32, String)> {
    let rest = chapter_rest(t)?;
    let (numeral, title) = rest.split_once(' ').unwrap_or((rest, ""));
    let value = roman_value(numeral)?;
    Some((value, format!("{numeral}. {}", title.trim())))
}

/// A line set like a heading: bold or italic throughout, not ending a
/// sentence, short, with space above it (or first on its page).
fn is_heading(r: &Row, body: f32) -> bool {
    starts_heading(r, body) && heading_text(r.text.trim())
}

/// A line that may open a heading: set like one, with space above it (or
/// first on its page). Whether it is one depends on the words of all its
/// lines: a part's title may break after a comma.
fn starts_heading(r: &Row, body: f32) -> bool {
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
fn labelled(t: &str) -> bool {
    part_heading(t).is_some() || lettered_heading(t).is_some()
}

/// "ANNEX", "CONCLUSIONS": letters, all capitals.
fn capitals(t: &str) -> bool {
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

/// "10th meeting": where a resolution was adopted, set under its text.
fn is_meeting(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && ["st meeting", "nd meeting", "rd meeting", "th meeting"]
            .iter()
            .any(|m| t[digits..].starts_with(m))
}

/// "Part One", "Part Two": the report's largest divisions, above its
/// Roman-numeral parts, each numbering them from I again.
fn is_division(title: &str) -> bool {
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
fn heading_text(t: &str) -> bool {
    t.chars().count() <= 200 && !t.ends_with([';', ',', ':']) && (!t.ends_with('.') || t.len() <= 4)
}

/// The lines of a heading that starts at `k`, set as its first line is and
/// close under it, up to `limit`: the title and the row after it.
fn heading_lines(rows: &[Row], k: usize, limit: usize, body: f32) -> (String, usize) {
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

/// Dot leaders, as a contents table sets them before a page number.
pub(super) fn has_leader(t: &str) -> bool {
    t.contains(". . .") || t.contains("...") || t.contains('…')
}

/// "12. text" at the start of a line → (12, the text).
fn paragraph_number(r: &Row) -> Option<(u32, String)> {
    let t = r.text.trim_start();
    if has_leader(t) {
        return None;
    }
    // The parser's own shape, up to four digits.
    let (n, at) = numbered(t).filter(|&(n, _)| n < 10_000)?;
    Some((n, t[at..].trim().to_string()))
}

pub(super) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '"' | '’' | '\'' | ')') || is_superscript_digit(c)
    });
    t.ends_with(['.', ';', ':', '!', '?']) || t.ends_with(" and") || t.ends_with(" or")
}

/// The outline's numbering so far, to tell a heading's level and a
/// paragraph number from a subheading's.
struct Outline {
    paragraph: u32,
    part: u32,
    letter: Option<char>,
    /// Deepest numbered level open in this part: 1 lettered, 2 numbered, 3 lettered below.
    depth: u8,
    /// Inside a resolution or decision the report sets out: its paragraphs
    /// are numbered from 1 again, outside the report's own sequence.
    embedded: bool,
    /// Past the first annex heading.
    annex: bool,
    /// The level each style of unnumbered heading was first given in this
    /// part, with its size, bold and italic.
    unnumbered: Vec<(u8, f32, bool, bool)>,
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
    let mut tables = super::tables::find(rows, body).into_iter().peekable();
    let mut k = 0;
    while k < rows.len() {
        // A table interrupts the text without ending it: the next line
        // starts a block of its own, which the parser rejoins.
        while tables.next_if(|t| t.rows.start < k).is_some() {}
        if let Some(t) = tables.next_if(|t| t.rows.start == k) {
            w.start(t.page, t.text());
            w.close();
            k = t.rows.end;
            continue;
        }
        let r = &rows[k];
        let t = literal(&slash_calls(r.text.trim(), &w.slash_notes));
        let closed = open != Open::Paragraph || ends_sentence(&last_text) || r.gap > body * 0.45;
        if o.embedded && (paragraph_number(r).is_some() || sub_item(&t).is_some()) {
            // Its own paragraph: a block of text, never a number of the report's.
            w.start(r.page, escape_start(&t));
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
            && (ends_sentence(&rest) || !bold_heading())
        {
            o.paragraph = n;
            let rest = slash_calls(&rest, &w.slash_notes);
            w.start(r.page, format!("{n}. {}", literal(&rest)));
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
            let marked = heading(&mut o, &title, r.line.size > body * 1.15, style);
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
            w.start(r.page, marked);
            w.close();
            open = Open::Heading;
            last_text.clear();
            k = j;
            continue;
        }
        let item = sub_item(&t).is_some() || numbered_item(&t, o.paragraph).is_some();
        if open == Open::Paragraph && item && (closed || ends_sentence(&last_text)) {
            w.start(r.page, t.clone());
            last_text = t;
            k += 1;
            continue;
        }
        if open == Open::Heading || open == Open::Nothing {
            w.start(r.page, escape_start(&t));
            open = Open::Other;
        } else {
            w.join(r.page, &t);
        }
        last_text = t;
        k += 1;
    }
    w.close();
    o.paragraph
}

/// Whether the row after `k` starts something new: a paragraph or a heading.
fn next_is_new(rows: &[Row], k: usize, last: u32) -> bool {
    rows.get(k + 1).is_none_or(|n| {
        paragraph_number(n).is_some_and(|(m, _)| m == last + 1) || n.line.bold() || n.line.italic()
    })
}

/// A heading's marked form, its level told by its numbering.
fn heading(o: &mut Outline, title: &str, large: bool, style: (f32, bool, bool)) -> String {
    let t = literal(title);
    if is_division(title) || is_annex(title) {
        o.part = 0;
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return format!("# {t}");
    }
    if let Some((n, text)) = chapter(title) {
        o.part = n;
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return format!("# {}", literal(&text));
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
        return format!("# {t}");
    }
    if let Some(c) = letter {
        o.letter = Some(c);
        o.depth = 1;
        return format!("## {t}");
    }
    let digits = title.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && title[digits..].starts_with(". ") {
        o.depth = 2;
        return format!("### {t}");
    }
    let b = title.as_bytes();
    if b.len() > 3 && b[0].is_ascii_lowercase() && (b[1] == b')' || b[1] == b'.') && b[2] == b' ' {
        o.depth = 3;
        return format!("#### {t}");
    }
    if large {
        o.letter = None;
        o.depth = 0;
        o.unnumbered.clear();
        return format!("# {t}");
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
    format!("{} {t}", "#".repeat(usize::from(level)))
}
