//! Text → `Document`.
//!
//! The report is a sequence of blocks separated by blank lines. The parser
//! walks them once, in three phases (header, contents, body), and classifies
//! each body block as a part heading, a numbered paragraph, a sub-item, a
//! footnote, a subsection heading, or the continuation of a paragraph that a
//! page break interrupted. Nothing here knows this particular report's
//! numbers, names or line positions.

use std::collections::HashMap;
use std::ops::Range;

mod finish;
mod header;
mod table;

use super::inline::{parse_inline, superscript_number};
pub(super) use super::shapes::{
    council_resolution, heading_marker, is_symbol, lettered_heading, numbered, numbered_item,
    part_heading, resolution_number, sub_item,
};
use super::shapes::{footnote_start, is_blank, is_date, unescape};
use super::*;

/// Longest line, in characters, that can still be a subsection heading.
const HEADING_MAX_CHARS: usize = 80;

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    Header,
    Summary,
    Contents,
    Body,
}

/// A masthead block that is neither a field nor the kind line.
struct HeaderTitle {
    text: Vec<Inline>,
    /// It came after the "Report of …" line.
    after_kind: bool,
    /// It came right after the agenda item: the item's own title.
    agenda: bool,
    /// It came above the session line: an organ's name.
    masthead: bool,
    /// Whether it reads as a name set under the title: "Slovenia".
    name: bool,
    /// "64/166. Protection of migrants", "Resolution 2720 (2023)": a
    /// resolution's number and title, the document's own title.
    resolution: bool,
}

/// Where a continuation block should go.
enum Target {
    None,
    Paragraph,
    Preamble,
}

struct Parser<'a> {
    src: &'a str,
    doc: Document,
    phase: Phase,
    header_titles: Vec<HeaderTitle>,
    /// The masthead's "Report of the …" line, as inline text: the title
    /// where no other title stands above it.
    kind_inlines: Vec<Inline>,
    /// Whether the last header line was the agenda item: the block after
    /// it is the item's title, not the report's.
    after_agenda: bool,
    /// Whether the session or agenda line has been read: above it the
    /// masthead names organs, not the report.
    past_session: bool,
    /// The open block's lines: (start, end, 1-based line number).
    block: Vec<(usize, usize, u32)>,
    target: Target,
    footnote_by_label: HashMap<FootnoteLabel, usize>,
    /// Form feeds seen so far, plus one.
    page: u32,
}

/// Parses a report. Never fails: what cannot be placed becomes a warning.
///
/// Text laid out in pages (`pdftotext` output) is first read by the PDF
/// layout engine (`pdf::read_text`), which writes the embedded layout;
/// `Document::source` then holds that text.
pub fn parse(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !super::paged::is_paged(text) {
        return parse_laid_out(text);
    }
    parse_pages(super::pdf::read_text(text), "the page layout")
}

/// What the page reader made of a PDF or of `pdftotext` text (`what`, for
/// the warning), parsed; with few numbered paragraphs it says so.
pub(super) fn parse_pages(read: super::pdf::PdfText, what: &str) -> Document {
    let mut doc = parse_laid_out(&read.text);
    if doc.header.symbol.is_none() {
        doc.header.symbol = read.symbol;
    }
    doc.printed_pages = read.printed_pages.iter().map(|n| n.unwrap_or(0)).collect();
    for (k, message) in read.warnings.into_iter().enumerate() {
        doc.warnings.insert(
            k,
            Warning {
                page: 0,
                line: 0,
                message,
            },
        );
    }
    if doc.paragraphs.len() < 3 {
        doc.warnings.insert(
            0,
            Warning {
                page: 0,
                line: 0,
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
    let mut p = Parser {
        src: &text[..limit],
        doc: Document::default(),
        phase: Phase::Header,
        header_titles: Vec::new(),
        kind_inlines: Vec::new(),
        after_agenda: false,
        past_session: false,
        block: Vec::new(),
        target: Target::None,
        footnote_by_label: HashMap::new(),
        page: 1,
    };
    p.run();
    let mut doc = p.finish();
    if limit < text.len() {
        doc.warnings.push(Warning {
            page: 0,
            line: 0,
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

/// Last visible character of some inline text, skipping markers and closing quotes.
fn ends_sentence(doc_src: &str, inlines: &[Inline]) -> bool {
    for inline in inlines.iter().rev() {
        let range = match inline {
            Inline::Text { range, .. } | Inline::Link { range } => range,
            Inline::FootnoteRef { .. } | Inline::Space => continue,
        };
        let text = &doc_src[range.start as usize..range.end as usize];
        let trimmed = text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '”' | '"' | '’' | '\'' | '»')
        });
        if let Some(c) = trimmed.chars().last() {
            return matches!(c, '.' | ';' | ':' | '!' | '?');
        }
    }
    true
}

impl<'a> Parser<'a> {
    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut start = 0usize;
        let mut line_no = 0u32;
        while start < bytes.len() {
            line_no = line_no.saturating_add(1);
            let nl = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
            let mut end = nl;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let line = &src[start..end];
            if is_blank(line) {
                self.end_block();
                self.page += memchr::memchr_iter(b'\x0c', line.as_bytes()).count() as u32;
            } else {
                self.block.push((start, end, line_no));
            }
            start = nl + 1;
        }
        self.end_block();
    }

    fn line(&self, i: usize) -> &'a str {
        let (s, e, _) = self.block[i];
        &self.src[s..e]
    }

    fn warn(&mut self, line: u32, message: impl Into<String>) {
        self.doc.warnings.push(Warning {
            page: 0,
            line,
            message: message.into(),
        });
    }

    /// Inline text of the whole block, its lines joined by single spaces,
    /// starting `skip` bytes into the first line.
    fn block_inlines(&self, skip: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        for (k, &(s, e, _)) in self.block.iter().enumerate() {
            let from = if k == 0 { s + skip } else { s };
            let (from, to) = trim_range(self.src, from, e);
            if from >= to {
                continue;
            }
            if !out.is_empty() {
                out.push(Inline::Space);
            }
            parse_inline(self.src, from..to, &mut out);
        }
        out.shrink_to_fit();
        out
    }

    fn end_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        match self.phase {
            Phase::Header | Phase::Summary => self.header_block(),
            Phase::Contents => self.contents_block(),
            Phase::Body => self.body_block(),
        }
        self.block.clear();
    }

    fn body_block(&mut self) {
        if self.is_table_block() {
            self.table_block();
            return;
        }
        let first = self.line(0);
        let line_no = self.block[0].2;
        let indent = first.len() - first.trim_start().len();
        let first = first.trim_start();

        if let Some((n, skip)) = footnote_start(first) {
            let text = self.block_inlines(indent + skip);
            self.add_footnote(FootnoteLabel::Number(n), text, line_no);
            return;
        }
        if let Some((level, skip)) = heading_marker(first) {
            self.marked_heading(level, indent + skip, line_no);
            return;
        }
        if self.block.len() == 1
            && let Some(letter) = lettered_heading(first)
            && self.lettered_section_fits(letter)
        {
            let title = first.trim().to_string();
            self.start_section(title, 1, line_no);
            return;
        }
        if let Some((numeral, value, skip)) = part_heading(first) {
            let expected = self.doc.parts.last().map_or(1, |p| p.number + 1);
            if value == expected || !self.paragraph_is_open() {
                if value != expected {
                    self.warn(line_no, format!("part {numeral} is out of sequence"));
                }
                let numeral = numeral.to_string();
                let title = self.block_inlines(indent + skip);
                self.start_part(numeral, value, title, line_no);
                return;
            }
        }
        if let Some((n, skip)) = numbered(first) {
            let last = self.doc.paragraphs.last().map(|p| p.number);
            let in_sequence = last.is_none_or(|l| n == l + 1);
            if in_sequence || !self.paragraph_is_open() {
                if let Some(l) = last
                    && n != l + 1
                {
                    let msg = if n <= l {
                        format!(
                            "paragraph {n} follows paragraph {l}: number repeated or out of order"
                        )
                    } else {
                        format!("paragraphs {} to {} are missing", l + 1, n - 1)
                    };
                    self.warn(line_no, msg);
                }
                let text = self.block_inlines(indent + skip);
                self.start_paragraph(n, text, line_no);
                return;
            }
        }
        let number = self.doc.paragraphs.last().map_or(0, |p| p.number);
        if matches!(self.target, Target::Paragraph)
            && let Some((label, skip)) = sub_item(first).or_else(|| numbered_item(first, number))
        {
            let label = label.to_string();
            let text = self.block_inlines(indent + skip);
            if let Some(p) = self.doc.paragraphs.last_mut() {
                p.sub_items.push(SubItem { label, text });
            }
            return;
        }
        let open = self.paragraph_is_open();
        if !open && self.block.len() == 1 && self.looks_like_heading(first) {
            let title = first.trim().to_string();
            self.start_section(title, 1, line_no);
            return;
        }
        let text = self.block_inlines(indent);
        match self.target {
            Target::Paragraph => {
                let Some(p) = self.doc.paragraphs.last_mut() else {
                    return;
                };
                if !open {
                    self.doc.warnings.push(Warning {
                        page: 0,
                        line: line_no,
                        message: format!(
                            "unnumbered text after paragraph {} joined to it",
                            p.number
                        ),
                    });
                }
                let dest = match p.sub_items.last_mut() {
                    Some(item) => &mut item.text,
                    None => &mut p.text,
                };
                dest.push(Inline::Space);
                dest.extend(text);
                p.rejoined += 1;
            }
            Target::Preamble => {
                // Under the open section's heading, if the part has one.
                let part = self.doc.parts.last_mut();
                match part {
                    Some(part) if !part.sections.is_empty() => {
                        if let Some(s) = self.doc.sections.get_mut(part.sections.end - 1) {
                            s.preamble.push(text);
                        }
                    }
                    Some(part) => part.preamble.push(text),
                    None => {}
                }
            }
            Target::None => {
                self.warn(
                    line_no,
                    "text before the first part or paragraph kept as preamble",
                );
                self.ensure_part(line_no);
                if let Some(part) = self.doc.parts.last_mut() {
                    part.preamble.push(text);
                }
                self.target = Target::Preamble;
            }
        }
    }

    /// A heading whose level the layout already knows (`# I. Title`, `## A. Title`),
    /// as the PDF reader writes them: trusted, never taken for a paragraph.
    fn marked_heading(&mut self, level: u8, skip: usize, line_no: u32) {
        let rest = self.line(0)[skip..].trim_start();
        let skip = self.line(0).len() - rest.len();
        if level > 1 {
            let (from, to) = (self.block[0].0 + skip, self.block.last().map_or(0, |b| b.1));
            // A note call on a heading is not part of its title.
            let title = self.src[from..to]
                .split_whitespace()
                .map(|w| w.trim_end_matches(super::is_superscript_digit))
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let title = unescape(&title);
            self.start_section(title, level - 1, line_no);
            return;
        }
        match part_heading(rest) {
            Some((numeral, value, at)) => {
                let numeral = numeral.to_string();
                let title = self.block_inlines(skip + at);
                self.start_part(numeral, value, title, line_no);
            }
            None => {
                let title = self.block_inlines(skip);
                self.start_part(String::new(), 0, title, line_no);
            }
        }
    }

    fn looks_like_heading(&self, line: &str) -> bool {
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

    /// A lettered subsection may start here: inside a numbered part, no
    /// paragraph left open, and a letter that is also a Roman numeral
    /// ("C.", "I.", "V.") only right after the letter before it in this part.
    fn lettered_section_fits(&self, letter: char) -> bool {
        let Some(part) = self.doc.parts.last() else {
            return false;
        };
        if part.numeral.is_empty() || self.paragraph_is_open() {
            return false;
        }
        if !"IVXLC".contains(letter) {
            return true;
        }
        let previous = self.doc.sections[part.sections.clone()]
            .iter()
            .rev()
            .find_map(|s| lettered_heading(&s.title));
        previous.is_some_and(|p| p as u32 + 1 == letter as u32)
    }

    /// Whether the last paragraph (or its last sub-item) stops mid-sentence.
    fn paragraph_is_open(&self) -> bool {
        if !matches!(self.target, Target::Paragraph) {
            return false;
        }
        let Some(p) = self.doc.paragraphs.last() else {
            return false;
        };
        let text = p.sub_items.last().map_or(&p.text, |s| &s.text);
        !ends_sentence(self.src, text)
    }

    fn ensure_part(&mut self, line: u32) {
        if self.doc.parts.is_empty() {
            self.warn(
                line,
                "text before the first part heading is kept in an untitled part",
            );
            self.start_part(String::new(), 0, Vec::new(), line);
        }
    }

    fn start_part(&mut self, numeral: String, number: u32, title: Vec<Inline>, line: u32) {
        let sections = self.doc.sections.len();
        let paragraphs = self.doc.paragraphs.len();
        self.doc.parts.push(Part {
            numeral,
            number,
            title,
            page: None,
            preamble: Vec::new(),
            sections: sections..sections,
            paragraphs: paragraphs..paragraphs,
            line,
        });
        self.target = Target::Preamble;
    }

    fn start_section(&mut self, title: String, level: u8, line: u32) {
        self.ensure_part(line);
        let part = self.doc.parts.len() - 1;
        let at = self.doc.paragraphs.len();
        self.doc.sections.push(Section {
            title,
            level,
            part,
            page: None,
            preamble: Vec::new(),
            paragraphs: at..at,
            line,
        });
        if let Some(p) = self.doc.parts.last_mut() {
            p.sections.end = self.doc.sections.len();
        }
        self.target = Target::Preamble;
    }

    /// The part now open (opened if none is), and its open subsection.
    fn open_part_and_section(&mut self, line: u32) -> (usize, Option<usize>) {
        self.ensure_part(line);
        let part = self.doc.parts.len() - 1;
        let section = self
            .doc
            .sections
            .last()
            .filter(|s| s.part == part)
            .map(|_| self.doc.sections.len() - 1);
        (part, section)
    }

    fn start_paragraph(&mut self, number: u32, text: Vec<Inline>, line: u32) {
        let (part, section) = self.open_part_and_section(line);
        self.doc.paragraphs.push(Paragraph {
            number,
            part,
            section,
            text,
            sub_items: Vec::new(),
            footnotes: Vec::new(),
            rejoined: 0,
            line,
            page: self.page,
        });
        let end = self.doc.paragraphs.len();
        if let Some(p) = self.doc.parts.last_mut() {
            p.paragraphs.end = end;
        }
        // The paragraph is also in every section that holds this one: a
        // lettered section spans its numbered subheadings.
        if let Some(at) = section {
            let mut level = u8::MAX;
            for s in self.doc.sections[..=at].iter_mut().rev() {
                if s.part != part {
                    break;
                }
                if s.level < level {
                    s.paragraphs.end = end;
                    level = s.level;
                }
                if level <= 1 {
                    break;
                }
            }
        }
        self.target = Target::Paragraph;
    }

    fn add_footnote(&mut self, label: FootnoteLabel, text: Vec<Inline>, line: u32) {
        if self.footnote_by_label.contains_key(&label) {
            self.warn(
                line,
                format!("footnote {label} is given twice; the first text is used for its markers"),
            );
        } else {
            self.footnote_by_label
                .insert(label, self.doc.footnotes.len());
        }
        self.doc.footnotes.push(Footnote {
            label,
            text,
            cited_by: Vec::new(),
            cited_in_header: false,
            line,
        });
    }
}

fn trim_range(src: &str, mut from: usize, mut to: usize) -> (usize, usize) {
    let b = src.as_bytes();
    while from < to && matches!(b[from], b' ' | b'\t' | b'\x0c') {
        from += 1;
    }
    while to > from && matches!(b[to - 1], b' ' | b'\t' | b'\x0c' | b'\r') {
        to -= 1;
    }
    (from, to)
}
