//! The embedded layout's text → typed blocks → `Document`.
//!
//! The report is a sequence of blocks separated by blank lines. The reader
//! walks them once, in three phases (masthead, contents, body), and tells
//! each body block's kind: a part heading, a numbered paragraph, a
//! sub-item, a footnote, a subsection heading, a table, or unnumbered text
//! (the continuation of a paragraph that a page break interrupted). The
//! builder files them. Nothing here knows this particular report's numbers,
//! names or line positions.

mod table;

use super::block::{Block, Kind, SourceLine};
use super::build::Builder;
use super::inline::superscript_number;
use super::shapes::{footnote_start, is_blank, unescape};
use super::shapes::{
    heading_marker, lettered_heading, numbered, numbered_item, part_heading, sub_item,
};
use super::words::is_contents_heading;
use super::*;

/// Longest line, in characters, that can still be a subsection heading.
const HEADING_MAX_CHARS: usize = 80;

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    Masthead,
    Contents,
    Body,
}

struct Reader<'a> {
    src: &'a str,
    build: Builder<'a>,
    phase: Phase,
    /// The open block's lines.
    block: Vec<SourceLine>,
    /// Form feeds seen so far, plus one.
    page: u32,
    /// The page the open block starts on.
    block_page: u32,
}

/// Parses a report. Never fails: what cannot be placed becomes a warning.
///
/// Text laid out in pages (`pdftotext` output) is read by the PDF reader
/// (`pdf::read_text`), whose blocks the builder files as a PDF's.
pub fn parse(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !super::paged::is_paged(text) {
        return parse_laid_out(text);
    }
    parse_pages(super::pdf::read_text(text), "the page layout")
}

/// The model of what the page reader made of a PDF or of `pdftotext` text
/// (`what`, for the warning): its blocks filed as they were decided, never
/// read again from text. With few numbered paragraphs it says so.
pub(super) fn parse_pages(read: super::pdf::PdfText, what: &str) -> Document {
    let source = read.source;
    let mut build = Builder::new(&source, source.contains('\x0c'));
    for block in read.blocks {
        build.push(block);
    }
    let mut doc = build.finish();
    doc.source = source;
    if doc.header.symbol.is_none() {
        doc.header.symbol = read.symbol;
    }
    doc.printed_pages = read.printed_pages.iter().map(|n| n.unwrap_or(0)).collect();
    for (k, message) in read.warnings.into_iter().enumerate() {
        doc.warnings.insert(k, Warning { page: 0, message });
    }
    if doc.paragraphs.len() < 3 {
        doc.warnings.insert(
            0,
            Warning {
                page: 0,
                message: format!(
                    "few numbered paragraphs found in {what} ({}): the structure shown is uncertain",
                    doc.paragraphs.len()
                ),
            },
        );
    }
    doc
}

/// Parses text in the embedded layout: blocks separated by blank lines.
fn parse_laid_out(text: &str) -> Document {
    let mut doc = parse_blocks(text);
    doc.source = text[..source_limit(text)].to_string();
    doc
}

/// How much of a text the model covers: ranges are u32, and a larger
/// text is cut (with a warning) rather than mis-indexed.
fn source_limit(text: &str) -> usize {
    floor_char_boundary(text, u32::MAX as usize - 1)
}

/// The model of `text[..source_limit(text)]`, without its `source`.
fn parse_blocks(text: &str) -> Document {
    let limit = source_limit(text);
    let src = &text[..limit];
    let paged = memchr::memchr(b'\x0c', src.as_bytes()).is_some();
    let mut r = Reader {
        src,
        build: Builder::new(src, paged),
        phase: Phase::Masthead,
        block: Vec::new(),
        page: 1,
        block_page: 1,
    };
    r.run();
    r.end_block();
    let mut doc = r.build.finish();
    if limit < text.len() {
        doc.warnings.push(Warning {
            page: 0,
            message: "text longer than 4 GiB; the rest was not read".into(),
        });
    }
    doc
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Reader<'a> {
    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut start = 0usize;
        while start < bytes.len() {
            let nl = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
            let mut end = nl;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let line = &src[start..end];
            let blank = is_blank(line);
            if blank {
                self.end_block();
            }
            // A page break is a form feed: on a line of its own, or at the
            // start of the page's first line as `pdftotext` sets it.
            self.page += memchr::memchr_iter(b'\x0c', line.as_bytes()).count() as u32;
            if !blank {
                if self.block.is_empty() {
                    self.block_page = self.page;
                }
                self.block.push((start, end));
            }
            start = nl + 1;
        }
    }

    fn line(&self, i: usize) -> &'a str {
        let (s, e) = self.block[i];
        &self.src[s..e]
    }

    /// Hands the open block to the builder as `kind`.
    fn emit(&mut self, kind: Kind) {
        self.build.push(Block {
            kind,
            lines: std::mem::take(&mut self.block),
            page: self.block_page,
        });
    }

    fn warn(&mut self, message: impl Into<String>) {
        self.build.warn(self.block_page, message);
    }

    fn end_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        match self.phase {
            Phase::Masthead => self.masthead_block(),
            Phase::Contents => self.contents_block(),
            Phase::Body => self.body_block(),
        }
        self.block.clear();
    }

    /// A block above the body: the contents heading, the body's start, a
    /// note on the cover, or masthead lines.
    fn masthead_block(&mut self) {
        let first = self.line(0).trim();
        if is_contents_heading(first) {
            self.phase = Phase::Contents;
            // A contents table may follow without a blank line.
            if self.block.len() > 1 {
                self.block.remove(0);
                self.contents_block();
            }
            return;
        }
        if part_heading(first).is_some()
            || numbered(first).is_some()
            || heading_marker(first).is_some()
        {
            self.phase = Phase::Body;
            self.body_block();
            return;
        }
        if let Some(rest) = first.strip_prefix('*') {
            let rest_trimmed = rest.trim_start();
            if rest_trimmed.len() < rest.len() && !rest_trimmed.is_empty() {
                let skip = self.line(0).len() - rest_trimmed.len();
                let label = FootnoteLabel::Symbol('*');
                self.emit(Kind::Footnote { label, skip });
                return;
            }
        }
        if let Some((n, skip)) = footnote_start(first) {
            let indent = self.line(0).len() - first.len();
            let label = FootnoteLabel::Number(n);
            self.emit(Kind::Footnote {
                label,
                skip: indent + skip,
            });
            return;
        }
        self.emit(Kind::Masthead);
    }

    fn contents_block(&mut self) {
        let mut entries = Vec::new();
        for k in 0..self.block.len() {
            let line = self.line(k);
            let plain = line.replace("<i>", "").replace("</i>", "");
            let t = plain.trim();
            if t.is_empty() || t == "Page" {
                continue;
            }
            let (title, page) = match t.rsplit_once('\t') {
                Some((title, page)) if page.trim().bytes().all(|b| b.is_ascii_digit()) => {
                    (title, page.trim().parse().ok())
                }
                _ => match t.rsplit_once(' ') {
                    Some((title, page))
                        if title.ends_with('.')
                            && !page.is_empty()
                            && page.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        (title, page.parse().ok())
                    }
                    _ => (t, None),
                },
            };
            if page.is_none() {
                // Not a contents line: the body has begun.
                self.phase = Phase::Body;
                let rest = self.block.split_off(k);
                if !entries.is_empty() {
                    self.emit(Kind::Contents(entries));
                }
                self.block = rest;
                self.body_block();
                return;
            }
            let title = title.trim_end_matches(['.', ' ', '\t', '…']).trim();
            entries.push(ContentsEntry {
                title: title.to_string(),
                page,
            });
        }
        if !entries.is_empty() {
            self.emit(Kind::Contents(entries));
        }
    }

    fn body_block(&mut self) {
        if self.is_table_block() {
            let kind = self.table_block();
            self.emit(kind);
            return;
        }
        let first = self.line(0);
        let indent = first.len() - first.trim_start().len();
        let first = first.trim_start();

        if let Some((n, skip)) = footnote_start(first) {
            let label = FootnoteLabel::Number(n);
            let skip = indent + skip;
            self.emit(Kind::Footnote { label, skip });
            return;
        }
        if let Some((level, skip)) = heading_marker(first) {
            self.marked_heading(level, indent + skip);
            return;
        }
        if self.block.len() == 1
            && let Some(letter) = lettered_heading(first)
            && self.lettered_section_fits(letter)
        {
            let title = first.trim().to_string();
            let calls = Vec::new();
            self.emit(Kind::Section {
                level: 1,
                title,
                calls,
            });
            return;
        }
        let doc = self.build.doc();
        if let Some((numeral, value, skip)) = part_heading(first) {
            let expected = doc.parts.last().map_or(1, |p| p.number + 1);
            if value == expected || !self.build.paragraph_is_open() {
                if value != expected {
                    self.warn(format!("part {numeral} is out of sequence"));
                }
                let numeral = numeral.to_string();
                let skip = indent + skip;
                self.emit(Kind::Part {
                    numeral,
                    number: value,
                    skip,
                });
                return;
            }
        }
        let doc = self.build.doc();
        if let Some((n, skip)) = numbered(first) {
            let last = doc.paragraphs.last().map(|p| p.number);
            let in_sequence = last.is_none_or(|l| n == l + 1);
            if in_sequence || !self.build.paragraph_is_open() {
                let skip = indent + skip;
                self.emit(Kind::Paragraph { number: n, skip });
                return;
            }
        }
        let number = self.build.doc().paragraphs.last().map_or(0, |p| p.number);
        if self.build.in_paragraph()
            && let Some((label, skip)) = sub_item(first).or_else(|| numbered_item(first, number))
        {
            let label = label.to_string();
            let skip = indent + skip;
            self.emit(Kind::SubItem { label, skip });
            return;
        }
        let open = self.build.paragraph_is_open();
        if !open && self.block.len() == 1 && looks_like_heading(first) {
            let title = first.trim().to_string();
            let calls = Vec::new();
            self.emit(Kind::Section {
                level: 1,
                title,
                calls,
            });
            return;
        }
        self.emit(Kind::Text { skip: indent });
    }

    /// A heading whose level the layout already knows (`# I. Title`, `## A. Title`),
    /// as the PDF reader writes them: trusted, never taken for a paragraph.
    fn marked_heading(&mut self, level: u8, skip: usize) {
        let kind = Kind::heading(self.src, &self.block, level, skip);
        self.emit(kind);
    }

    /// A lettered subsection may start here: inside a numbered part, no
    /// paragraph left open, and a letter that is also a Roman numeral
    /// ("C.", "I.", "V.") only right after the letter before it in this part.
    fn lettered_section_fits(&self, letter: char) -> bool {
        let doc = self.build.doc();
        let Some(part) = doc.parts.last() else {
            return false;
        };
        if part.numeral.is_empty() || self.build.paragraph_is_open() {
            return false;
        }
        if !"IVXLC".contains(letter) {
            return true;
        }
        let previous = doc.sections[part.sections.clone()]
            .iter()
            .rev()
            .find_map(|s| lettered_heading(&s.title));
        previous.is_some_and(|p| p as u32 + 1 == letter as u32)
    }
}

fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    first.is_uppercase()
        && t.chars().count() <= HEADING_MAX_CHARS
        && !t.ends_with(['.', ';', ':', ','])
        && !t.contains('\t')
        && superscript_number(t.as_bytes(), t.len().saturating_sub(3)).is_none()
}
