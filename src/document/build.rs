//! Typed blocks → `Document`: the one place the model is made.
//!
//! Every reader (the embedded layout's, the PDF's, pdftotext's) hands its
//! blocks here in reading order. The builder files them: a part or a
//! section opens, a paragraph joins the open section, a sub-item joins its
//! paragraph, unnumbered text continues the paragraph a page break or a
//! table interrupted (or stands as a preamble), and footnotes are linked to
//! the paragraphs that cite them once the last block is in.

use std::collections::HashMap;

mod finish;
mod masthead;

use super::block::{Block, Kind, SourceLine};
use super::inline::parse_inline;
use super::shapes::{numbered, unit_number};
use super::*;

/// Where unnumbered text is filed: with the open paragraph, under the open
/// heading, or (before any) in an untitled part.
enum Filing {
    None,
    Paragraph,
    Preamble,
}

pub(crate) struct Builder<'a> {
    src: &'a str,
    doc: Document,
    masthead: masthead::Masthead,
    filing: Filing,
    footnote_by_label: HashMap<FootnoteLabel, usize>,
    /// Whether the source has pages: warnings then name them.
    paged: bool,
    /// The notes each section's heading cites, by section.
    section_calls: Vec<(usize, Vec<FootnoteLabel>)>,
}

impl<'a> Builder<'a> {
    /// A builder of the model of `src`, which the blocks' lines point into.
    pub fn new(src: &'a str, paged: bool) -> Self {
        Builder {
            src,
            doc: Document::default(),
            masthead: masthead::Masthead::default(),
            filing: Filing::None,
            footnote_by_label: HashMap::new(),
            paged,
            section_calls: Vec::new(),
        }
    }

    /// What is built so far, for a reader whose decisions depend on it.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// A warning about what a block on `page` holds.
    pub fn warn(&mut self, page: u32, message: impl Into<String>) {
        let page = if self.paged { page } else { 0 };
        self.doc.warnings.push(Warning {
            page,
            message: message.into(),
        });
    }

    /// Whether a sub-item may follow: a numbered paragraph is open.
    pub fn in_paragraph(&self) -> bool {
        matches!(self.filing, Filing::Paragraph)
    }

    /// Whether the last paragraph (or its last sub-item) stops mid-sentence.
    pub fn paragraph_is_open(&self) -> bool {
        if !self.in_paragraph() {
            return false;
        }
        let Some(p) = self.doc.paragraphs.last() else {
            return false;
        };
        let text = p.sub_items.last().map_or(&p.text, |s| &s.text);
        !ends_sentence(self.src, text)
    }

    /// Inline text of lines, joined by single spaces, starting `skip` bytes
    /// into the first line. A line that ends in a backslash (as Markdown
    /// writes a hard line break) breaks the text there.
    fn inlines(&self, lines: &[SourceLine], skip: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut broken = false;
        for (k, &(s, e)) in lines.iter().enumerate() {
            let from = if k == 0 { s + skip } else { s };
            let (from, mut to) = trim_range(self.src, from, e);
            if from >= to {
                continue;
            }
            if !out.is_empty() {
                out.push(if broken { Inline::Break } else { Inline::Space });
            }
            let slashes = self.src[from..to]
                .bytes()
                .rev()
                .take_while(|&b| b == b'\\')
                .count();
            broken = slashes % 2 == 1;
            if broken {
                to -= 1;
            }
            parse_inline(self.src, from..to, &mut out);
        }
        out.shrink_to_fit();
        out
    }

    pub fn push(&mut self, block: Block) {
        let Block { kind, lines, page } = block;
        if lines.is_empty() {
            return;
        }
        match kind {
            Kind::Masthead => self.masthead(&lines),
            Kind::Contents(entries) => self.doc.contents.extend(entries),
            Kind::Part {
                numeral,
                number,
                skip,
            } => {
                let title = self.inlines(&lines, skip);
                self.start_part(numeral, number, title);
            }
            Kind::Section {
                level,
                title,
                calls,
            } => {
                self.start_section(title, level);
                if !calls.is_empty() {
                    self.section_calls
                        .push((self.doc.sections.len() - 1, calls));
                }
            }
            Kind::Paragraph { number, skip } => {
                let text = self.inlines(&lines, skip);
                self.start_paragraph(number, text, page);
            }
            Kind::SubItem { label, skip } => {
                let text = self.inlines(&lines, skip);
                if let Some(p) = self.doc.paragraphs.last_mut() {
                    p.sub_items.push(SubItem { label, text });
                }
            }
            Kind::Footnote { label, skip } => {
                let text = self.inlines(&lines, skip);
                self.add_footnote(label, text, page);
            }
            Kind::Table {
                caption,
                rows,
                below,
            } => self.table(caption, rows, below, page),
            Kind::Text { skip } => {
                let text = self.inlines(&lines, skip);
                self.text(text, page);
            }
        }
    }

    /// Unnumbered text: it goes on with the paragraph, or under the open
    /// heading.
    fn text(&mut self, text: Vec<Inline>, page: u32) {
        match self.filing {
            Filing::Paragraph => {
                let open = self.paragraph_is_open();
                let Some(p) = self.doc.paragraphs.last_mut() else {
                    return;
                };
                let number = p.number;
                let dest = match p.sub_items.last_mut() {
                    Some(item) => &mut item.text,
                    None => &mut p.text,
                };
                dest.push(Inline::Space);
                dest.extend(text);
                p.rejoined += 1;
                if !open {
                    self.warn(
                        page,
                        format!("unnumbered text after paragraph {number} joined to it"),
                    );
                }
            }
            Filing::Preamble => {
                // Under the open section's heading, if the part has one.
                let Some(part) = self.doc.parts.last() else {
                    return;
                };
                let section = (!part.sections.is_empty()).then(|| part.sections.end - 1);
                let unit = match section {
                    Some(s) => &self.doc.sections[s].unit,
                    None => &part.unit,
                };
                let number = self.unit_number_of(unit, &text);
                let (numbers, preamble) = match section {
                    Some(s) => {
                        let s = &mut self.doc.sections[s];
                        (&mut s.numbers, &mut s.preamble)
                    }
                    None => {
                        let p = self.doc.parts.last_mut().expect("a part");
                        (&mut p.numbers, &mut p.preamble)
                    }
                };
                numbers.push(number);
                preamble.push(text);
            }
            Filing::None => {
                // A resolution's preamble, a letter, an untitled opening:
                // text above the first heading, which numbers nothing.
                self.ensure_part();
                if let Some(part) = self.doc.parts.last_mut() {
                    part.numbers.push(None);
                    part.preamble.push(text);
                }
                self.filing = Filing::Preamble;
            }
        }
    }

    fn ensure_part(&mut self) {
        if self.doc.parts.is_empty() {
            self.start_part(String::new(), 0, Vec::new());
        }
    }

    fn start_part(&mut self, numeral: String, number: u32, title: Vec<Inline>) {
        let sections = self.doc.sections.len();
        let paragraphs = self.doc.paragraphs.len();
        let mut plain = String::new();
        super::inline::write_plain(self.src, &title, &mut plain);
        let unit = self.unit(&plain);
        self.doc.parts.push(Part {
            unit,
            numbers: Vec::new(),
            numeral,
            number,
            title,
            printed_page: None,
            preamble: Vec::new(),
            sections: sections..sections,
            paragraphs: paragraphs..paragraphs,
            footnotes: Vec::new(),
        });
        self.filing = Filing::Preamble;
    }

    /// "resolution 14/1" where a heading sets out a resolution or decision
    /// ("14/101" under "II. Decisions" is a decision).
    fn unit(&self, title: &str) -> Option<String> {
        let (kind, number) = unit_number(title)?;
        // The nearest numbered part above: "II. Decisions".
        let decisions = self
            .doc
            .parts
            .iter()
            .rev()
            .find(|p| !p.numeral.is_empty())
            .is_some_and(|p| {
                let mut t = String::new();
                super::inline::write_plain(self.src, &p.title, &mut t);
                let t = t.to_lowercase();
                t.contains("decision") && !t.contains("resolution")
            });
        let kind = kind.unwrap_or(if decisions { "decision" } else { "resolution" });
        Some(format!("{kind} {number}"))
    }

    /// The number an operative paragraph of a unit prints: "6. Decides …".
    fn unit_number_of(&self, unit: &Option<String>, text: &[Inline]) -> Option<u32> {
        unit.as_ref()?;
        let mut plain = String::new();
        super::inline::write_plain(self.src, text, &mut plain);
        numbered(plain.trim_start()).map(|(n, _)| n)
    }

    fn start_section(&mut self, title: String, level: u8) {
        self.ensure_part();
        let part = self.doc.parts.len() - 1;
        let at = self.doc.paragraphs.len();
        let unit = self.unit(&title);
        self.doc.sections.push(Section {
            unit,
            numbers: Vec::new(),
            title,
            level,
            part,
            printed_page: None,
            preamble: Vec::new(),
            paragraphs: at..at,
            footnotes: Vec::new(),
        });
        if let Some(p) = self.doc.parts.last_mut() {
            p.sections.end = self.doc.sections.len();
        }
        self.filing = Filing::Preamble;
    }

    /// The part now open (opened if none is), and its open subsection.
    fn open_part_and_section(&mut self) -> (usize, Option<usize>) {
        self.ensure_part();
        let part = self.doc.parts.len() - 1;
        let section = self
            .doc
            .sections
            .last()
            .filter(|s| s.part == part)
            .map(|_| self.doc.sections.len() - 1);
        (part, section)
    }

    /// Whether the last paragraph's text holds "`n`. " after a sentence's
    /// end: the paragraph numbered `n`, run into it.
    fn number_inside_last(&self, n: u32) -> bool {
        let Some(p) = self.doc.paragraphs.last() else {
            return false;
        };
        let text = p.sub_items.last().map_or(&p.text, |s| &s.text);
        let mut plain = String::new();
        super::inline::write_plain(self.src, text, &mut plain);
        let mark = format!(" {n}. ");
        plain.match_indices(&mark).any(|(at, _)| {
            super::shapes::ends_sentence(&plain[..at])
                && plain[at + mark.len()..].starts_with(char::is_uppercase)
        })
    }

    fn start_paragraph(&mut self, number: u32, text: Vec<Inline>, page: u32) {
        if let Some(last) = self.doc.paragraphs.last().map(|p| p.number)
            && number != last + 1
        {
            let message = if number <= last {
                format!(
                    "paragraph {number} follows paragraph {last}: number repeated or out of order"
                )
            } else if number == last + 2 && self.number_inside_last(last + 1) {
                format!(
                    "paragraph {} is not set apart: its number stands inside paragraph {last}",
                    last + 1
                )
            } else if number == last + 2 {
                format!("paragraph {} is missing", last + 1)
            } else {
                format!("paragraphs {} to {} are missing", last + 1, number - 1)
            };
            self.warn(page, message);
        }
        let (part, section) = self.open_part_and_section();
        self.doc.paragraphs.push(Paragraph {
            number,
            part,
            section,
            text,
            sub_items: Vec::new(),
            footnotes: Vec::new(),
            rejoined: 0,
            page: page.max(1),
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
        self.filing = Filing::Paragraph;
    }

    fn add_footnote(&mut self, label: FootnoteLabel, text: Vec<Inline>, page: u32) {
        if self.footnote_by_label.contains_key(&label) {
            self.warn(
                page,
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
            page,
        });
    }

    /// A table, placed after what the reading has reached: it interrupts a
    /// paragraph without ending it, as a page break does.
    fn table(
        &mut self,
        caption: Option<String>,
        mut rows: Vec<Vec<String>>,
        below: Vec<String>,
        page: u32,
    ) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for r in &mut rows {
            r.resize(width, String::new());
        }
        let (part, section) = self.open_part_and_section();
        let follows = self.doc.paragraphs.len().checked_sub(1);
        let place = match (follows, section) {
            (Some(p), _)
                if self.doc.paragraphs[p].part == part
                    && self.doc.paragraphs[p].section == section =>
            {
                TablePlace::Paragraph(p)
            }
            (_, Some(s)) => TablePlace::Section(s),
            _ => TablePlace::Part(part),
        };
        self.doc.tables.push(Table {
            caption,
            rows,
            below,
            place,
            follows,
            page: page.max(1),
            footnotes: Vec::new(),
        });
    }
}

/// Whether inline text ends a sentence, judged by its last words (note
/// calls are not words); no text at all ends nothing open.
fn ends_sentence(src: &str, inlines: &[Inline]) -> bool {
    let last = inlines.iter().rev().find_map(|inline| match inline {
        Inline::Text { range, .. } | Inline::Link { range } => {
            let text = &src[range.start as usize..range.end as usize];
            (!text.trim().is_empty()).then_some(text)
        }
        Inline::FootnoteRef { .. } | Inline::Space | Inline::Break => None,
    });
    last.is_none_or(super::shapes::ends_sentence)
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
