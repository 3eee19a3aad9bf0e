//! The document as a list of blocks in reading order, each built whole when
//! the report is opened (or its notes are shown or hidden).

use super::table::push_tables;
use super::{BlockKind, Look, NOTE_INDENT, SUB_ITEM_INDENT, TextBlock, block};
use crate::document::{Document, TablePlace};

/// Notes to show under their paragraphs: paragraph index → (citation, text).
pub type InlineNotes = std::collections::BTreeMap<usize, Vec<(String, String)>>;

/// The blocks of a document, in reading order.
#[derive(Debug, Default)]
pub struct Blocks(Vec<TextBlock>);

impl Blocks {
    /// The document's blocks, in reading order.
    pub fn new(doc: &Document) -> Blocks {
        Blocks::with_notes(doc, &InlineNotes::new())
    }

    /// As `new`, with the reader's notes under their paragraphs.
    pub fn with_notes(doc: &Document, notes: &InlineNotes) -> Blocks {
        let mut out = Vec::with_capacity(doc.paragraphs.len() * 2 + doc.parts.len() * 4 + 16);
        header(doc, &mut out);
        body(doc, notes, &mut out);
        if out.is_empty() {
            let mut b = block(BlockKind::Header, 0, 0);
            b.push("(this report has no text)", Look::Meta);
            out.push(b);
        }
        Blocks(out)
    }

    pub fn kind(&self, b: usize) -> Option<BlockKind> {
        self.0.get(b).map(|block| block.kind)
    }

    pub fn gap(&self, b: usize) -> u16 {
        self.0.get(b).map_or(0, |block| block.gap)
    }

    pub fn kinds(&self) -> impl DoubleEndedIterator<Item = BlockKind> + '_ {
        self.0.iter().map(|block| block.kind)
    }
}

impl std::ops::Deref for Blocks {
    type Target = [TextBlock];

    fn deref(&self) -> &[TextBlock] {
        &self.0
    }
}

fn header(doc: &Document, out: &mut Vec<TextBlock>) {
    let h = &doc.header;
    let meta_lines: Vec<String> = [
        h.organ.clone(),
        h.distribution.as_ref().map(|d| format!("Distr.: {d}")),
        h.date.clone(),
        h.original.as_ref().map(|o| format!("Original: {o}")),
        h.session.clone(),
        h.symbol.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta_lines.is_empty() {
        let mut b = block(BlockKind::Header, 0, 0);
        b.push(&meta_lines.join(" · "), Look::Meta);
        out.push(b);
    }
    if !h.agenda_item.is_empty() {
        let mut b = block(BlockKind::Header, 0, 0);
        b.push_inlines(doc, &h.agenda_item, Look::Meta);
        out.push(b);
    }
    for t in &h.agenda_titles {
        let mut b = block(BlockKind::Header, 0, 1);
        b.push_inlines(doc, t, Look::Meta);
        out.push(b);
    }
    if !h.title.is_empty() {
        let mut b = block(BlockKind::Header, 0, 1);
        b.push_inlines(doc, &h.title, Look::Title);
        out.push(b);
    }
    if !h.subtitle.is_empty() {
        let mut b = block(BlockKind::Header, 0, 1);
        b.push_inlines(doc, &h.subtitle, Look::Title);
        out.push(b);
    }
    if let Some(kind) = &h.kind {
        let mut b = block(BlockKind::Header, 0, 1);
        b.push(kind, Look::Bold);
        out.push(b);
    }
    if !h.summary.is_empty() {
        if h.summary_printed {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push("Summary", Look::SectionHeading);
            out.push(b);
        }
        for s in &h.summary {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push_inlines(doc, s, Look::Plain);
            out.push(b);
        }
    }
}

fn section(doc: &Document, s: usize, out: &mut Vec<TextBlock>) {
    let section = &doc.sections[s];
    let mut b = block(BlockKind::Section(s), 0, 1);
    b.push(&section.title, Look::SectionHeading);
    out.push(b);
    for pre in &section.preamble {
        let mut b = block(BlockKind::Preamble(section.part), 0, 1);
        b.push_inlines(doc, pre, Look::Plain);
        out.push(b);
    }
    push_tables(doc, TablePlace::Section(s), out);
}

fn body(doc: &Document, notes: &InlineNotes, out: &mut Vec<TextBlock>) {
    for (pi, part) in doc.parts.iter().enumerate() {
        // The text before the first heading is a part with no heading.
        if !part.numeral.is_empty() || !part.title.is_empty() {
            let gap = if out.is_empty() { 0 } else { 2 };
            let mut b = block(BlockKind::Part(pi), 0, gap);
            if !part.numeral.is_empty() {
                b.push(&format!("{}. ", part.numeral), Look::PartHeading);
            }
            b.push_inlines(doc, &part.title, Look::PartHeading);
            out.push(b);
        }
        for pre in &part.preamble {
            let mut b = block(BlockKind::Preamble(pi), 0, 1);
            b.push_inlines(doc, pre, Look::Plain);
            out.push(b);
        }
        push_tables(doc, TablePlace::Part(pi), out);
        let mut current = None;
        let mut sections = part.sections.clone();
        for p in part.paragraphs.clone() {
            let para = &doc.paragraphs[p];
            if para.section != current {
                current = para.section;
                if let Some(si) = current {
                    // Empty subsections before this one still get their heading.
                    for s in sections.by_ref() {
                        section(doc, s, out);
                        if s == si {
                            break;
                        }
                    }
                }
            }
            let mut b = block(BlockKind::Paragraph(p), 0, 1);
            b.push_inlines(doc, &para.text, Look::Plain);
            out.push(b);
            for (k, item) in para.sub_items.iter().enumerate() {
                let mut b = block(BlockKind::SubItem(p, k), SUB_ITEM_INDENT, 1);
                b.push(&format!("{} ", item.marker()), Look::Label);
                b.push_inlines(doc, &item.text, Look::Plain);
                out.push(b);
            }
            for (k, (citation, text)) in notes.get(&p).into_iter().flatten().enumerate() {
                let mut b = block(BlockKind::Note(p, k), NOTE_INDENT, 1);
                b.push(&format!("✎ {citation}: "), Look::Label);
                b.push(&text.replace('\n', " ⏎ "), Look::Note);
                out.push(b);
            }
            push_tables(doc, TablePlace::Paragraph(p), out);
        }
        for s in sections {
            section(doc, s, out);
        }
    }
}
