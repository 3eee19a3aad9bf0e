//! The layout being written: a page's line as a `Row`, the `Writer` that
//! gathers blocks, and the shapes of a line's text that every step of the
//! reading asks about (a paragraph number, a sentence's end, dot leaders).

use std::collections::HashSet;

use super::lines::Line;
use crate::document::shapes::ends_sentence;
use crate::document::shapes::{numbered, part_heading};
use crate::document::{ContentsEntry, FootnoteLabel};

/// One line on its page, with what the reading decided about it.
pub(super) struct Row<'a> {
    pub line: &'a Line,
    pub page: usize,
    pub text: String,
    /// Space above the line, in points (0 at the top of a page).
    pub gap: f32,
    /// Whether the line stands centred on its page, as old templates set headings.
    pub centred: bool,
    /// How far the line starts right of the page's text, and how far it
    /// ends left of the page's right edge, in points: a paragraph's first
    /// line is indented, its last often short.
    pub indent: f32,
    pub room: f32,
}

/// What a block of the pages is, as the reading decided it.
pub(super) enum Role {
    /// Lines of the cover and masthead.
    Masthead,
    Contents(Vec<ContentsEntry>),
    /// A heading at its level: 1 a part or division, 2 a section under it,
    /// 3 and 4 the headings below that.
    Heading(u8),
    Paragraph(u32),
    /// A sub-item of the open paragraph: "(a) …", "140.1 …".
    Item,
    /// Unnumbered text.
    Text,
    Note(FootnoteLabel),
    Table {
        caption: Option<String>,
        rows: Vec<Vec<String>>,
        below: Vec<String>,
    },
}

/// A finished block, on the page where it starts. Its text is written as
/// the embedded layout writes it (a heading's `#`, a paragraph's number, a
/// note's mark, `\` before what is not markup): that text is the
/// document's source, whose hash keys a reader's notes.
pub(super) struct Block {
    pub page: usize,
    pub role: Role,
    pub text: String,
}

#[derive(Default)]
pub(super) struct Writer {
    pub blocks: Vec<Block>,
    /// The open block: its page and its text so far.
    pub open: Option<Block>,
    pub words: HashSet<String>,
    /// The pages where resolutions and decisions set out in the report
    /// start, and how many paragraphs of theirs were read.
    pub embedded_pages: Vec<usize>,
    pub embedded_paragraphs: usize,
    /// The numbers of notes a typescript sets as "1/", whose calls in the
    /// text are "1/" too.
    pub slash_notes: HashSet<u32>,
}

pub(super) fn smaller(size: f32, body: f32) -> bool {
    size < body * 0.93
}

impl Writer {
    pub fn close(&mut self) {
        if let Some(b) = self.open.take()
            && !b.text.trim().is_empty()
        {
            self.blocks.push(b);
        }
    }

    pub fn start(&mut self, page: usize, role: Role, text: String) {
        self.close();
        self.open = Some(Block { page, role, text });
    }

    /// Adds a line to the open block, mending a word cut by a hyphen.
    pub fn join(&mut self, page: usize, text: &str) {
        self.join_by(page, text, ' ');
    }

    /// As `join`, after a line break the page prints: the line before ends
    /// in a backslash, as Markdown writes a hard break.
    pub fn join_break(&mut self, page: usize, text: &str) {
        match self.open.as_mut() {
            Some(b) => {
                b.text.push_str("\\\n");
                b.text.push_str(text);
            }
            None => self.start(page, Role::Text, escape_start(text)),
        }
    }

    /// As `join`, keeping the line a line of its own in the block.
    pub fn join_line(&mut self, page: usize, text: &str) {
        self.join_by(page, text, '\n');
    }

    fn join_by(&mut self, page: usize, text: &str, sep: char) {
        let Some(b) = self.open.as_mut() else {
            self.start(page, Role::Text, escape_start(text));
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
pub(super) fn url_cut(t: &str, next: &str) -> bool {
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
pub(super) fn slash_calls(t: &str, notes: &HashSet<u32>) -> String {
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
pub(super) fn escape_start(text: &str) -> String {
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

/// Dot leaders, as a contents table sets them before a page number.
pub(super) fn has_leader(t: &str) -> bool {
    t.contains(". . .") || t.contains("...") || t.contains('…')
}

/// "12. text" at the start of a line → (12, the text).
pub(super) fn paragraph_number(r: &Row) -> Option<(u32, String)> {
    let t = r.text.trim_start();
    if has_leader(t) {
        return None;
    }
    // A paragraph number's shape, up to four digits.
    let (n, at) = numbered(t).filter(|&(n, _)| n < 10_000)?;
    Some((n, t[at..].trim().to_string()))
}

/// A line after which the text may start anew: a sentence's end, or a
/// list's item that runs on to the next ("…; and", "… or").
pub(super) fn ends_sentence_or_item(t: &str) -> bool {
    let t = t.trim_end();
    ends_sentence(t) || t.ends_with(" and") || t.ends_with(" or")
}
