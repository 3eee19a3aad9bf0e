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

use super::inline::{parse_inline, superscript_number};
use super::*;

/// Longest line, in characters, that can still be a subsection heading.
const HEADING_MAX_CHARS: usize = 80;
/// Lettered headings ("B. Information from Governments …") may run longer.
const LETTERED_MAX_CHARS: usize = 200;

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    Header,
    Summary,
    Contents,
    Body,
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
    header_titles: Vec<Vec<Inline>>,
    /// The open block's lines: (start, end, 1-based line number).
    block: Vec<(usize, usize, u32)>,
    target: Target,
    footnote_by_label: HashMap<FootnoteLabel, usize>,
    /// Form feeds seen so far, plus one.
    page: u32,
}

/// Parses a report. Never fails: what cannot be placed becomes a warning.
///
/// Text laid out in pages (a PDF conversion) is first rewritten into the
/// embedded layout by `paged::normalise`; `Document::source` then holds that text.
pub fn parse(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !super::paged::is_paged(text) {
        return parse_laid_out(text);
    }
    let read = super::pdf::read_text(text);
    let mut doc = parse_laid_out_owned(read.text);
    if doc.header.symbol.is_none() {
        doc.header.symbol = read.symbol;
    }
    if doc.paragraphs.len() < 3 {
        doc.warnings.insert(
            0,
            Warning {
                line: 0,
                message: format!(
                    "page layout not recognised well ({} numbered paragraphs): the structure shown is uncertain",
                    doc.paragraphs.len()
                ),
            },
        );
    }
    doc
}

/// Parses text in the embedded layout: blocks separated by blank lines.
fn parse_laid_out(text: &str) -> Document {
    let (mut doc, limit) = parse_blocks(text);
    doc.source = text[..limit].to_string();
    doc
}

/// As `parse_laid_out`, keeping the text without a copy.
pub(super) fn parse_laid_out_owned(mut text: String) -> Document {
    let (mut doc, limit) = parse_blocks(&text);
    text.truncate(limit);
    doc.source = text;
    doc
}

/// The model without its `source`, and how much of `text` it covers.
fn parse_blocks(text: &str) -> (Document, usize) {
    // Ranges are u32; a larger text is cut (with a warning) rather than mis-indexed.
    let limit = floor_char_boundary(text, u32::MAX as usize - 1);
    let mut p = Parser {
        src: &text[..limit],
        doc: Document::default(),
        phase: Phase::Header,
        header_titles: Vec::new(),
        block: Vec::new(),
        target: Target::None,
        footnote_by_label: HashMap::new(),
        page: 1,
    };
    p.run();
    let mut doc = p.finish();
    if limit < text.len() {
        doc.warnings.push(Warning {
            line: 0,
            message: "text longer than 4 GiB; the rest was not read".into(),
        });
    }
    (doc, limit)
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

fn is_blank(line: &str) -> bool {
    line.bytes()
        .all(|b| b == b' ' || b == b'\t' || b == b'\x0c' || b == b'\r')
}

/// `N. rest` → (N, offset of rest).
pub(super) fn numbered(line: &str) -> Option<(u32, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 || line.as_bytes()[0] == b'0' {
        return None;
    }
    let rest = &line[digits..];
    let after = rest.strip_prefix('.')?;
    let spaces = after.len() - after.trim_start().len();
    if spaces == 0 || after.trim_start().is_empty() {
        return None;
    }
    Some((line[..digits].parse().ok()?, digits + 1 + spaces))
}

/// `IV. Title` → (numeral, value, offset of title).
pub(super) fn part_heading(line: &str) -> Option<(&str, u32, usize)> {
    let len = line.bytes().take_while(|b| b"IVXLC".contains(b)).count();
    let numeral = &line[..len];
    let value = roman_value(numeral)?;
    let after = line[len..].strip_prefix('.')?;
    let spaces = after.len() - after.trim_start().len();
    if spaces == 0 || after.trim().is_empty() || line.contains('\t') {
        return None;
    }
    Some((numeral, value, len + 1 + spaces))
}

/// A lettered subsection heading inside a part, "A. Discrimination" → 'A'.
/// Strict: one capital letter, a title, no closing punctuation.
pub(super) fn lettered_heading(line: &str) -> Option<char> {
    let b = line.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_uppercase() || b[1] != b'.' || b[2] != b' ' {
        return None;
    }
    let title = line[3..].trim();
    let ok = title
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
        && title.chars().count() <= LETTERED_MAX_CHARS
        && !title.ends_with(['.', ';', ':', ','])
        && !line.contains('\t');
    ok.then_some(b[0] as char)
}

/// `(b) rest` → ("b", offset of rest).
pub(super) fn sub_item(line: &str) -> Option<(&str, usize)> {
    let inner = line.strip_prefix('(')?;
    let len = inner.bytes().take_while(u8::is_ascii_lowercase).count();
    if len == 0 || len > 4 {
        return None;
    }
    let after = inner[len..].strip_prefix(')')?;
    let spaces = after.len() - after.trim_start().len();
    if spaces == 0 || after.trim().is_empty() {
        return None;
    }
    Some((&inner[..len], 1 + len + 1 + spaces))
}

/// The layout's `\*` and `\<` escapes, dropped from a title kept as a string.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `## Title` → (2, offset of the title): a heading marked with its level.
pub(super) fn heading_marker(line: &str) -> Option<(u8, usize)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    ((1..=4).contains(&hashes) && !rest.trim().is_empty()).then_some((hashes as u8, hashes + 1))
}

/// `140.12 rest` inside paragraph 140 → ("140.12", offset of rest): the
/// numbered recommendations of a UPR report are items of their paragraph.
pub(super) fn numbered_item(line: &str, paragraph: u32) -> Option<(&str, usize)> {
    if paragraph == 0 {
        return None;
    }
    let prefix = format!("{paragraph}.");
    let rest = line.strip_prefix(prefix.as_str())?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    let spaces = after.len() - after.trim_start().len();
    if digits == 0 || digits > 4 || spaces == 0 || after.trim().is_empty() {
        return None;
    }
    let len = prefix.len() + digits;
    Some((&line[..len], len + spaces))
}

/// A footnote text block: `¹⁷ See …` → (number, offset of text).
fn footnote_start(line: &str) -> Option<(u32, usize)> {
    let (value, len) = superscript_number(line.as_bytes(), 0)?;
    let rest = &line[len..];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0 && !rest.trim().is_empty()).then_some((value, len + spaces))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "21 July 2010", or "[29 July 2025]" as a report printed for the Official
/// Records dates itself.
fn is_date(line: &str) -> bool {
    let line = line
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .unwrap_or(line);
    let mut words = line.split_whitespace();
    let (Some(d), Some(m), Some(y), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && MONTHS.contains(&m)
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
}

/// A UN document symbol standing alone, such as "A/64/213" or "A/HRC/14/30".
pub(super) fn is_symbol(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 40
        && t.contains('/')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.split('/').count() >= 2
        && t.split('/')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'))
        && t.bytes().any(|b| b.is_ascii_digit())
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

    fn header_block(&mut self) {
        let first = self.line(0).trim();
        let line_no = self.block[0].2;
        if first == "Contents" {
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
                let raw = self.line(0);
                let skip = raw.len() - rest_trimmed.len();
                let text = self.block_inlines(skip);
                self.add_footnote(FootnoteLabel::Symbol('*'), text, line_no);
                return;
            }
        }
        if let Some((n, skip)) = footnote_start(first) {
            let indent = self.line(0).len() - first.len();
            let text = self.block_inlines(indent + skip);
            self.add_footnote(FootnoteLabel::Number(n), text, line_no);
            return;
        }
        if self.phase == Phase::Summary {
            let text = self.block_inlines(0);
            self.doc.header.summary.push(text);
            return;
        }
        // Header fields are one line each, often several to a block.
        let lines = std::mem::take(&mut self.block);
        let mut rest = Vec::new();
        for &(s, e, n) in &lines {
            let line = self.src[s..e].trim();
            if !self.header_field(line, s, e) {
                rest.push((s, e, n));
            }
        }
        if !rest.is_empty() {
            self.block = rest;
            let text = self.block_inlines(0);
            if self.doc.header.kind.is_none() && self.phase == Phase::Header {
                self.header_titles.push(text);
            } else {
                self.doc.header.summary.push(text);
            }
        }
        self.block = lines;
    }

    /// Recognises one header line; false when it is title or summary text.
    fn header_field(&mut self, line: &str, s: usize, e: usize) -> bool {
        let titled = !self.header_titles.is_empty();
        let h = &mut self.doc.header;
        if line == "Summary" {
            self.phase = Phase::Summary;
        } else if let Some(v) = line.strip_prefix("Distr.:") {
            h.distribution = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("Original:") {
            h.original = Some(v.trim().to_string());
        } else if is_date(line) && h.date.is_none() {
            h.date = Some(line.trim_matches(['[', ']']).to_string());
        } else if line.to_lowercase().ends_with(" session") && line.len() < 60 {
            h.session = Some(line.to_string());
        } else if h.agenda_item.is_empty()
            && (line.starts_with("Item ") || line.contains("provisional agenda"))
        {
            let (from, to) = trim_range(self.src, s, e);
            parse_inline(self.src, from..to, &mut h.agenda_item);
        } else if line.starts_with("Report of the") || line.starts_with("Note by the") {
            h.kind = Some(line.to_string());
        } else if is_symbol(line) && h.symbol.is_none() {
            h.symbol = Some(line.to_string());
        } else if h.organ.is_none() && !titled && line.len() < 60 {
            h.organ = Some(line.to_string());
        } else {
            return false;
        }
        true
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
                self.doc.contents.extend(entries);
                self.block.drain(..k);
                self.body_block();
                return;
            }
            let title = title.trim_end_matches(['.', ' ', '\t', '…']).trim();
            entries.push(ContentsEntry {
                title: title.to_string(),
                page,
            });
        }
        self.doc.contents.extend(entries);
    }

    fn body_block(&mut self) {
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
                if let Some(part) = self.doc.parts.last_mut() {
                    part.preamble.push(text);
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
            paragraphs: at..at,
            line,
        });
        if let Some(p) = self.doc.parts.last_mut() {
            p.sections.end = self.doc.sections.len();
        }
        self.target = Target::Preamble;
    }

    fn start_paragraph(&mut self, number: u32, text: Vec<Inline>, line: u32) {
        self.ensure_part(line);
        let part = self.doc.parts.len() - 1;
        let section = self
            .doc
            .sections
            .last()
            .filter(|s| s.part == part)
            .map(|_| self.doc.sections.len() - 1);
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

    fn finish(mut self) -> Document {
        self.end_block();
        if self.header_titles.len() > 1 {
            let title = self.header_titles.pop().unwrap_or_default();
            self.doc.header.title = title;
            self.doc.header.agenda_titles = std::mem::take(&mut self.header_titles);
        } else if let Some(t) = self.header_titles.pop() {
            self.doc.header.title = t;
        }
        self.link_footnotes();
        self.assign_pages();
        for p in &mut self.doc.paragraphs {
            p.text.shrink_to_fit();
            if let Some(item) = p.sub_items.last_mut() {
                item.text.shrink_to_fit();
            }
        }
        self.doc.paragraphs.shrink_to_fit();
        self.doc
    }

    fn link_footnotes(&mut self) {
        let doc = &mut self.doc;
        let mut cited = vec![false; doc.footnotes.len()];
        let mut missing: Vec<(FootnoteLabel, u32)> = Vec::new();
        for inline in &doc.header.agenda_item {
            if let Inline::FootnoteRef { label, .. } = inline {
                match self.footnote_by_label.get(label) {
                    Some(&f) => {
                        doc.footnotes[f].cited_in_header = true;
                        cited[f] = true;
                    }
                    None => missing.push((*label, 0)),
                }
            }
        }
        for (pi, p) in doc.paragraphs.iter_mut().enumerate() {
            let all = p
                .text
                .iter()
                .chain(p.sub_items.iter().flat_map(|s| s.text.iter()));
            for inline in all {
                let Inline::FootnoteRef { label, .. } = inline else {
                    continue;
                };
                match self.footnote_by_label.get(label) {
                    Some(&f) => {
                        if !p.footnotes.contains(&f) {
                            p.footnotes.push(f);
                        }
                        let by = &mut doc.footnotes[f].cited_by;
                        if by.last() != Some(&pi) {
                            by.push(pi);
                        }
                        cited[f] = true;
                    }
                    None => missing.push((*label, p.number)),
                }
            }
        }
        for (label, para) in missing {
            let line = doc
                .paragraph_index(para)
                .map_or(0, |i| doc.paragraphs[i].line);
            doc.warnings.push(Warning {
                line,
                message: if para == 0 {
                    format!("footnote {label} is cited in the header but never given")
                } else {
                    format!("footnote {label} is cited in paragraph {para} but never given")
                },
            });
        }
        for (f, was_cited) in cited.iter().enumerate() {
            if !was_cited {
                let fin = &doc.footnotes[f];
                doc.warnings.push(Warning {
                    line: fin.line,
                    message: format!("footnote {} is given but never cited", fin.label),
                });
            }
        }
    }

    fn assign_pages(&mut self) {
        let doc = &mut self.doc;
        let mut entry = 0;
        for pi in 0..doc.parts.len() {
            let prefix = format!("{}. ", doc.parts[pi].numeral);
            if doc.parts[pi].numeral.is_empty() {
                continue;
            }
            let Some(found) = doc.contents[entry.min(doc.contents.len())..]
                .iter()
                .position(|e| e.title.starts_with(&prefix))
            else {
                continue;
            };
            entry += found;
            doc.parts[pi].page = doc.contents[entry].page;
            entry += 1;
            let sections: Range<usize> = doc.parts[pi].sections.clone();
            // The next part's entry ends this part's ("C. …" is a lettered section).
            let next_part = doc.parts.get(pi + 1).map(|p| format!("{}. ", p.numeral));
            let mut k = entry;
            for si in sections {
                while k < doc.contents.len()
                    && !next_part
                        .as_ref()
                        .is_some_and(|n| doc.contents[k].title.starts_with(n.as_str()))
                {
                    if doc.contents[k].title == doc.sections[si].title {
                        doc.sections[si].page = doc.contents[k].page;
                        k += 1;
                        break;
                    }
                    k += 1;
                }
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_line_shapes() {
        assert_eq!(numbered("12. The Code"), Some((12, 4)));
        assert_eq!(numbered("2009 and 2010"), None);
        assert_eq!(numbered("0. x"), None);
        assert_eq!(part_heading("IV. Activities"), Some(("IV", 4, 4)));
        assert_eq!(part_heading("I. Introduction\t3"), None);
        assert_eq!(sub_item("(b) The Regional"), Some(("b", 4)));
        assert_eq!(footnote_start("¹⁷ See"), Some((17, 6)));
        assert!(is_date("21 July 2010"));
        assert!(is_symbol("A/64/213"));
        assert!(!is_symbol("Egypt"));
    }

    #[test]
    fn lettered_headings_are_strict() {
        assert_eq!(lettered_heading("A. Discrimination"), Some('A'));
        assert_eq!(lettered_heading("C. Country visits"), Some('C'));
        assert_eq!(lettered_heading("A. Smith said so."), None);
        assert_eq!(lettered_heading("AB. Title"), None);
        assert_eq!(lettered_heading("A. lower case"), None);
        // "C." after "B." is a subsection, not part C (100).
        let d = parse(
            "I. One\n\nA. First\n\n1. Text.\n\nB. Second\n\n2. Text.\n\nC. Third\n\n3. Text.\n\nII. Two\n\n4. Text.\n",
        );
        let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["A. First", "B. Second", "C. Third"]);
        assert_eq!(d.parts.len(), 2);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        // Without "B." before it, "C." stays a part heading.
        let d = parse("I. One\n\n1. Text.\n\nC. Third\n\n2. Text.\n");
        assert_eq!(d.parts.len(), 2);
    }
}
