//! The document as a list of blocks in reading order. A heading's,
//! paragraph's or sub-item's text is built when it is first asked for: a long
//! report has hundreds of thousands of them and a reader sees a few screens,
//! so building them all would only delay the first screen.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::Arc;

use super::table::push_tables;
use super::{BlockKind, Look, NOTE_INDENT, SUB_ITEM_INDENT, TextBlock, block};
use crate::document::{Document, Inline, TablePlace};
use crate::text::sanitize;

/// Notes to show under their paragraphs: paragraph index → (citation, text).
pub type InlineNotes = std::collections::BTreeMap<usize, Vec<(String, String)>>;

/// What is known of a block before its text is built.
#[derive(Debug, Clone, Copy)]
struct Planned {
    kind: BlockKind,
    indent: u16,
    gap: u16,
    /// Bytes of text, for how far through the report a place is.
    weight: u32,
}

#[derive(Debug)]
pub struct Blocks {
    doc: Arc<Document>,
    planned: Vec<Planned>,
    built: Vec<OnceCell<Box<TextBlock>>>,
}

impl Blocks {
    /// The document's blocks, in reading order.
    pub fn new(doc: &Arc<Document>) -> Blocks {
        Blocks::with_notes(doc, &InlineNotes::new())
    }

    /// As `new`, with the reader's notes under their paragraphs.
    pub fn with_notes(doc: &Arc<Document>, notes: &InlineNotes) -> Blocks {
        let mut plan = Planner {
            doc,
            blocks: Blocks {
                doc: Arc::clone(doc),
                planned: Vec::with_capacity(doc.paragraphs.len() * 2 + doc.parts.len() * 4 + 16),
                built: Vec::new(),
            },
        };
        plan.header();
        plan.body(notes);
        if plan.blocks.planned.is_empty() {
            let mut b = block(BlockKind::Header, 0, 0);
            b.push("(this report has no text)", Look::Meta);
            plan.push(b.settled(doc));
        }
        plan.blocks
    }

    pub fn len(&self) -> usize {
        self.planned.len()
    }

    /// The document the blocks show.
    pub fn doc(&self) -> &Arc<Document> {
        &self.doc
    }

    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }

    /// The block, built on first use.
    pub fn get(&self, b: usize) -> Option<&TextBlock> {
        let planned = self.planned.get(b)?;
        Some(self.built[b].get_or_init(|| Box::new(build(&self.doc, planned))))
    }

    /// The block's text, without building or keeping the block: for a pass
    /// over the whole report, which would otherwise build and keep them all.
    pub fn text(&self, b: usize) -> Option<Cow<'_, str>> {
        let planned = self.planned.get(b)?;
        if let Some(block) = self.built[b].get() {
            return Some(Cow::Borrowed(block.text()));
        }
        if let BlockKind::Paragraph(p) = planned.kind
            && let Some(r) = super::stretch(&self.doc, &self.doc.paragraphs[p].text)
        {
            return Some(Cow::Borrowed(
                &self.doc.source[r.start as usize..r.end as usize],
            ));
        }
        Some(Cow::Owned(build(&self.doc, planned).text().to_string()))
    }

    pub fn kind(&self, b: usize) -> Option<BlockKind> {
        self.planned.get(b).map(|p| p.kind)
    }

    pub fn gap(&self, b: usize) -> u16 {
        self.planned.get(b).map_or(0, |p| p.gap)
    }

    /// Bytes of the block's text, without building it.
    pub fn weight(&self, b: usize) -> u32 {
        self.planned.get(b).map_or(0, |p| p.weight)
    }

    pub fn kinds(&self) -> impl DoubleEndedIterator<Item = BlockKind> + '_ {
        self.planned.iter().map(|p| p.kind)
    }

    /// Every block, each built and kept.
    pub fn iter(&self) -> impl Iterator<Item = &TextBlock> + '_ {
        (0..self.len()).filter_map(|b| self.get(b))
    }
}

impl std::ops::Index<usize> for Blocks {
    type Output = TextBlock;

    fn index(&self, b: usize) -> &TextBlock {
        match self.get(b) {
            Some(block) => block,
            None => panic!("block {b} of {}", self.len()),
        }
    }
}

/// A heading's, paragraph's or sub-item's block; any other was built when planned.
fn build(doc: &Document, planned: &Planned) -> TextBlock {
    let mut b = block(planned.kind, planned.indent, planned.gap);
    match planned.kind {
        BlockKind::Part(pi) => {
            let part = &doc.parts[pi];
            if !part.numeral.is_empty() {
                b.push(&format!("{}. ", part.numeral), Look::PartHeading);
            }
            b.push_inlines(doc, &part.title, Look::PartHeading);
        }
        BlockKind::Section(s) => b.push(&doc.sections[s].title, Look::SectionHeading),
        BlockKind::Paragraph(p) => b.push_inlines(doc, &doc.paragraphs[p].text, Look::Plain),
        BlockKind::SubItem(p, k) => {
            let item = &doc.paragraphs[p].sub_items[k];
            b.push(&format!("{} ", item.marker()), Look::Label);
            b.push_inlines(doc, &item.text, Look::Plain);
        }
        _ => {}
    }
    b.settled(doc)
}

/// Bytes the inlines take as text (`push_inlines`), counted without building it.
fn inline_len(doc: &Document, inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { range, .. } | Inline::Link { range } => doc.slice(range).len(),
            Inline::Space => 1,
            Inline::FootnoteRef { label, .. } => crate::document::superscript(label).len(),
        })
        .sum()
}

/// Lays the blocks out in reading order.
pub(super) struct Planner<'a> {
    doc: &'a Document,
    blocks: Blocks,
}

impl Planner<'_> {
    /// A block built now.
    pub(super) fn push(&mut self, b: TextBlock) {
        self.blocks.planned.push(Planned {
            kind: b.kind,
            indent: b.indent,
            gap: b.gap,
            weight: b.text().len() as u32,
        });
        let cell = OnceCell::new();
        let _ = cell.set(Box::new(b));
        self.blocks.built.push(cell);
    }

    /// A block built when it is first asked for.
    fn later(&mut self, kind: BlockKind, indent: u16, gap: u16, weight: usize) {
        self.blocks.planned.push(Planned {
            kind,
            indent,
            gap,
            weight: weight as u32,
        });
        self.blocks.built.push(OnceCell::new());
    }

    fn header(&mut self) {
        let doc = self.doc;
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
            self.push(b.settled(doc));
        }
        if !h.agenda_item.is_empty() {
            let mut b = block(BlockKind::Header, 0, 0);
            b.push_inlines(doc, &h.agenda_item, Look::Meta);
            self.push(b.settled(doc));
        }
        for t in &h.agenda_titles {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push_inlines(doc, t, Look::Meta);
            self.push(b.settled(doc));
        }
        if !h.title.is_empty() {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push_inlines(doc, &h.title, Look::Title);
            self.push(b.settled(doc));
        }
        if !h.subtitle.is_empty() {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push_inlines(doc, &h.subtitle, Look::Title);
            self.push(b.settled(doc));
        }
        if let Some(kind) = &h.kind {
            let mut b = block(BlockKind::Header, 0, 1);
            b.push(kind, Look::Bold);
            self.push(b.settled(doc));
        }
        if !h.summary.is_empty() {
            if h.summary_printed {
                let mut b = block(BlockKind::Header, 0, 1);
                b.push("Summary", Look::SectionHeading);
                self.push(b.settled(doc));
            }
            for s in &h.summary {
                let mut b = block(BlockKind::Header, 0, 1);
                b.push_inlines(doc, s, Look::Plain);
                self.push(b.settled(doc));
            }
        }
    }

    fn section(&mut self, s: usize) {
        let doc = self.doc;
        let section = &doc.sections[s];
        let weight = sanitize(&section.title).len();
        self.later(BlockKind::Section(s), 0, 1, weight);
        for pre in &section.preamble {
            let mut b = block(BlockKind::Preamble(section.part), 0, 1);
            b.push_inlines(doc, pre, Look::Plain);
            self.push(b.settled(doc));
        }
        push_tables(doc, TablePlace::Section(s), self);
    }

    fn body(&mut self, notes: &InlineNotes) {
        let doc = self.doc;
        for (pi, part) in doc.parts.iter().enumerate() {
            // The text before the first heading is a part with no heading.
            if !part.numeral.is_empty() || !part.title.is_empty() {
                let gap = if self.blocks.is_empty() { 0 } else { 2 };
                let weight = sanitize(&part.numeral).len() + 2 + inline_len(doc, &part.title);
                self.later(BlockKind::Part(pi), 0, gap, weight);
            }
            for pre in &part.preamble {
                let mut b = block(BlockKind::Preamble(pi), 0, 1);
                b.push_inlines(doc, pre, Look::Plain);
                self.push(b.settled(doc));
            }
            push_tables(doc, TablePlace::Part(pi), self);
            let mut section = None;
            let mut sections = part.sections.clone();
            for p in part.paragraphs.clone() {
                let para = &doc.paragraphs[p];
                if para.section != section {
                    section = para.section;
                    if let Some(si) = section {
                        // Empty subsections before this one still get their heading.
                        for s in sections.by_ref() {
                            self.section(s);
                            if s == si {
                                break;
                            }
                        }
                    }
                }
                self.later(BlockKind::Paragraph(p), 0, 1, inline_len(doc, &para.text));
                for (k, item) in para.sub_items.iter().enumerate() {
                    let label = item.marker().len() + 1;
                    let weight = label + inline_len(doc, &item.text);
                    self.later(BlockKind::SubItem(p, k), SUB_ITEM_INDENT, 1, weight);
                }
                for (k, (citation, text)) in notes.get(&p).into_iter().flatten().enumerate() {
                    let mut b = block(BlockKind::Note(p, k), NOTE_INDENT, 1);
                    b.push(&format!("✎ {citation}: "), Look::Label);
                    b.push(&text.replace('\n', " ⏎ "), Look::Note);
                    self.push(b.settled(doc));
                }
                push_tables(doc, TablePlace::Paragraph(p), self);
            }
            for s in sections {
                self.section(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_weighs_what_its_text_does_before_it_is_built() {
        let doc = Arc::new(Document::embedded());
        let blocks = Blocks::new(&doc);
        let weights: Vec<u32> = (0..blocks.len()).map(|b| blocks.weight(b)).collect();
        for (b, block) in blocks.iter().enumerate() {
            assert_eq!(weights[b] as usize, block.text().len(), "{:?}", block.kind);
            assert_eq!(blocks.kind(b), Some(block.kind));
            assert_eq!(blocks.gap(b), block.gap);
        }
    }

    #[test]
    fn paragraphs_are_built_when_asked_for_and_a_pass_keeps_none() {
        let doc = Arc::new(Document::embedded());
        let blocks = Blocks::new(&doc);
        let built = |blocks: &Blocks| blocks.built.iter().filter(|c| c.get().is_some()).count();
        let planned_now = built(&blocks);
        let p37 = doc.paragraph_index(37).unwrap();
        let b = blocks
            .kinds()
            .position(|k| k == BlockKind::Paragraph(p37))
            .unwrap();
        let whole: usize = (0..blocks.len())
            .map(|b| blocks.text(b).unwrap().len())
            .sum();
        assert!(whole > 40_000);
        let texts: Vec<String> = (0..blocks.len())
            .map(|b| blocks.text(b).unwrap().into())
            .collect();
        assert_eq!(built(&blocks), planned_now);
        assert!(blocks[b].text().starts_with("In respect of"));
        assert_eq!(built(&blocks), planned_now + 1);
        for (b, text) in texts.iter().enumerate() {
            assert_eq!(text, blocks[b].text());
        }
    }
}
