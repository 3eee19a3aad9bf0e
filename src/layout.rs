//! The document as the text pane shows it: a flat list of blocks (header
//! lines, headings, paragraphs, sub-items), each a plain string with style
//! runs, wrapped lazily to the pane's width. Only blocks that come into view
//! are wrapped, and wrapped lines are cached per width.

use std::collections::HashMap;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

mod blocks;
mod table;
pub use blocks::{Blocks, InlineNotes};
pub use table::table_lines;

use crate::document::{Document, Emphasis, Inline};
use crate::text::sanitize;

/// How a run of text looks; the theme turns this into colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    Bold,
    Italic,
    BoldItalic,
    Link,
    /// A footnote marker; the index is into `Document::footnotes`.
    Marker(usize),
    Title,
    PartHeading,
    SectionHeading,
    Meta,
    Label,
    /// The reader's own note text.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Header,
    Part(usize),
    Section(usize),
    Preamble(usize),
    Paragraph(usize),
    /// Paragraph index, sub-item index.
    SubItem(usize, usize),
    /// One of the reader's own notes, shown under its paragraph: paragraph, k-th note.
    Note(usize, usize),
    /// A line of a table (its caption, a row, a line below): index into `Document::tables`.
    Table(usize),
}

#[derive(Debug, Clone)]
pub struct TextBlock {
    pub kind: BlockKind,
    text: String,
    /// Style runs over the text, in order, covering it.
    pub runs: Vec<(Range<u32>, Look)>,
    /// (offset in `text`, offset in the document source, length) for text taken
    /// from the source, so source positions (mentions, quotes) map onto the screen.
    pub source_map: Vec<(u32, u32, u32)>,
    /// Columns of indent on every line.
    pub indent: u16,
    /// Blank lines above the block.
    pub gap: u16,
}

impl BlockKind {
    /// The paragraph the block belongs to, if any.
    pub fn paragraph(self) -> Option<usize> {
        match self {
            BlockKind::Paragraph(p) | BlockKind::SubItem(p, _) | BlockKind::Note(p, _) => Some(p),
            _ => None,
        }
    }
}

impl TextBlock {
    pub fn paragraph(&self) -> Option<usize> {
        self.kind.paragraph()
    }

    /// The block's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where a byte of the document source appears in this block's text.
    pub fn from_source(&self, src: u32) -> Option<u32> {
        self.source_map
            .iter()
            .find(|(_, s, len)| src >= *s && src < s + len)
            .map(|(t, s, _)| t + (src - s))
    }

    /// A printed line break: one byte, as the space it stands for
    /// elsewhere, that `wrap` ends a line at.
    fn push_break(&mut self, look: Look) {
        let start = self.text.len() as u32;
        self.text.push('\n');
        self.runs.push((start..start + 1, look));
    }

    fn push(&mut self, s: &str, look: Look) {
        let start = self.text.len() as u32;
        self.text.push_str(&sanitize(s));
        let end = self.text.len() as u32;
        if end > start {
            self.runs.push((start..end, look));
        }
    }

    fn push_inlines(&mut self, doc: &Document, inlines: &[Inline], base: Look) {
        for inline in inlines {
            match inline {
                Inline::Text { range, emphasis } => {
                    self.push_source(doc, range, text_look(base, *emphasis));
                }
                Inline::Link { range } => self.push_source(doc, range, Look::Link),
                Inline::Space => self.push(" ", base),
                Inline::Break => self.push_break(base),
                Inline::FootnoteRef { label, .. } => {
                    let look = doc.footnote_index(label).map_or(base, Look::Marker);
                    self.push(&crate::document::superscript(label), look);
                }
            }
        }
    }

    fn push_source(&mut self, doc: &Document, range: &crate::document::TextRange, look: Look) {
        let s = doc.slice(range);
        let start = self.text.len() as u32;
        self.push(s, look);
        // Sanitising keeps lengths for ordinary text; only then is the map exact.
        if self.text.len() as u32 - start == s.len() as u32 {
            self.source_map.push((start, range.start, s.len() as u32));
        }
    }
}

/// How text with this emphasis looks in a run of `base`.
fn text_look(base: Look, emphasis: Emphasis) -> Look {
    match (base, emphasis.bold, emphasis.italic) {
        (Look::Plain, true, true) => Look::BoldItalic,
        (Look::Plain, true, false) => Look::Bold,
        (Look::Plain, false, true) => Look::Italic,
        _ => base,
    }
}

fn block(kind: BlockKind, indent: u16, gap: u16) -> TextBlock {
    TextBlock {
        kind,
        text: String::new(),
        runs: Vec::new(),
        source_map: Vec::new(),
        indent,
        gap,
    }
}

/// A standalone block of inline text (a footnote's, say), for popups.
pub fn inline_block(doc: &Document, prefix: &str, inlines: &[Inline]) -> TextBlock {
    let mut b = block(BlockKind::Header, 0, 0);
    b.push(prefix, Look::Label);
    b.push_inlines(doc, inlines, Look::Plain);
    b
}

/// Footnote `f` as its popup shows it: its label raised, then its text.
/// Search finds a note's matches in this text, so the popup can mark them.
pub fn footnote_block(doc: &Document, f: usize) -> TextBlock {
    let note = &doc.footnotes[f];
    inline_block(
        doc,
        &format!("{} ", crate::document::superscript(&note.label)),
        &note.text,
    )
}

/// Columns a paragraph's text is indented by in sub-items.
pub const SUB_ITEM_INDENT: u16 = 4;
/// Columns the reader's notes are indented by.
pub const NOTE_INDENT: u16 = 2;

/// Greedy word wrap of `text` into lines no wider than `width` columns.
/// Lines are byte ranges into `text`; the spaces at a break are dropped.
pub fn wrap(text: &str, width: usize) -> Vec<Range<u32>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start = 0usize;
    let mut line_width = 0usize;
    // Last place a line may end (before a space) and where the next may start.
    let mut last_break: Option<(usize, usize, usize)> = None;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c == '\n' {
            // A line break the document prints (a vote list's "Against:").
            let mut end = i;
            while end > line_start && bytes[end - 1] == b' ' {
                end -= 1;
            }
            lines.push(line_start as u32..end as u32);
            line_start = i + 1;
            line_width = 0;
            last_break = None;
            i += 1;
            continue;
        }
        if c == ' ' {
            // Width up to here, so a break at this space knows what it leaves.
            let mut j = i;
            while j < text.len() && bytes[j] == b' ' {
                j += 1;
            }
            last_break = Some((i, j, line_width));
            line_width += j - i;
            i = j;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if line_width + w > width && line_width > 0 {
            match last_break {
                Some((end, next, before)) if end > line_start => {
                    lines.push(line_start as u32..end as u32);
                    line_start = next;
                    line_width -= before + (next - end);
                }
                _ => {
                    // One word wider than the line: break it where it overflows.
                    lines.push(line_start as u32..i as u32);
                    line_start = i;
                    line_width = 0;
                }
            }
            last_break = None;
            if line_width + w > width && line_width > 0 {
                lines.push(line_start as u32..i as u32);
                line_start = i;
                line_width = 0;
            }
        }
        line_width += w;
        i += len;
    }
    let mut end = text.len();
    while end > line_start && bytes[end - 1] == b' ' {
        end -= 1;
    }
    if end > line_start || lines.is_empty() {
        lines.push(line_start as u32..end as u32);
    }
    lines
}

/// A place in the pane: a block and a line within it (gap lines count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub block: usize,
    pub line: usize,
}

/// Wrapped lines per block, for one width; dropped when the width changes.
/// Only blocks that were shown or passed are held: a long report has far
/// more than a reader ever scrolls through.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    blocks: usize,
    lines: HashMap<usize, Vec<Range<u32>>>,
}

impl WrapCache {
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn set_width(&mut self, width: usize, blocks: usize) {
        if width != self.width || self.blocks != blocks {
            self.width = width;
            self.blocks = blocks;
            self.lines.clear();
        }
    }

    /// The block's text lines (gap excluded), wrapping it on first use.
    pub fn lines(&mut self, blocks: &Blocks, b: usize) -> &[Range<u32>] {
        if self.blocks != blocks.len() {
            self.blocks = blocks.len();
            self.lines.clear();
        }
        let width = self.width;
        let Some(block) = blocks.get(b) else {
            return &[];
        };
        self.lines.entry(b).or_insert_with(|| {
            wrap(
                block.text(),
                width.saturating_sub(block.indent as usize).max(1),
            )
        })
    }

    /// Already-wrapped lines, for drawing (which must not mutate).
    pub fn cached(&self, b: usize) -> Option<&[Range<u32>]> {
        self.lines.get(&b).map(Vec::as_slice)
    }

    /// Lines the block takes on screen, its gap included.
    pub fn height(&mut self, blocks: &Blocks, b: usize) -> usize {
        let gap = blocks.gap(b) as usize;
        gap + self.lines(blocks, b).len()
    }

    /// Moves `pos` by `delta` lines, stopping at the first and last line.
    pub fn advance(&mut self, blocks: &Blocks, mut pos: Pos, delta: isize) -> Pos {
        if blocks.is_empty() {
            return Pos::default();
        }
        if delta >= 0 {
            let mut n = delta as usize;
            loop {
                let h = self.height(blocks, pos.block);
                let left = h.saturating_sub(pos.line + 1);
                if n <= left {
                    pos.line += n;
                    return pos;
                }
                if pos.block + 1 >= blocks.len() {
                    pos.line = h.saturating_sub(1);
                    return pos;
                }
                n -= left + 1;
                pos.block += 1;
                pos.line = 0;
            }
        } else {
            let mut n = delta.unsigned_abs();
            loop {
                if n <= pos.line {
                    pos.line -= n;
                    return pos;
                }
                if pos.block == 0 {
                    pos.line = 0;
                    return pos;
                }
                n -= pos.line + 1;
                pos.block -= 1;
                pos.line = self.height(blocks, pos.block).saturating_sub(1);
            }
        }
    }

    /// The top position that shows the document's last line at the bottom.
    pub fn last_screen(&mut self, blocks: &Blocks, height: usize) -> Pos {
        let last = blocks.len().saturating_sub(1);
        let end = Pos {
            block: last,
            line: self.height(blocks, last).saturating_sub(1),
        };
        self.advance(blocks, end, -(height.saturating_sub(1) as isize))
    }

    /// Positions of the `height` lines from `top` down (fewer at the end),
    /// into `out` (its room is reused from frame to frame).
    pub fn visible(&mut self, blocks: &Blocks, top: Pos, height: usize, out: &mut Vec<Pos>) {
        out.clear();
        let mut pos = top;
        while out.len() < height && pos.block < blocks.len() {
            let h = self.height(blocks, pos.block);
            if pos.line < h {
                out.push(pos);
                pos.line += 1;
            } else {
                pos.block += 1;
                pos.line = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .into_iter()
            .map(|r| &text[r.start as usize..r.end as usize])
            .collect()
    }

    #[test]
    fn wraps_on_spaces_and_never_overflows() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("", 5), [""]);
        let cjk = "移民の人権 移民の人権 移民の人権";
        for l in lines(cjk, 7) {
            assert!(l.width() <= 7, "{l}");
        }
        for w in 1..30 {
            for l in lines("Côte d'Ivoire — migrants’ rights, 2009-2010.¹⁴ x", w) {
                assert!(l.width() <= w, "{w}: {l:?}");
            }
        }
    }

    #[test]
    fn every_paragraph_becomes_a_block() {
        let doc = Document::embedded();
        let blocks = Blocks::new(&doc);
        let paras = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph(_)))
            .count();
        assert_eq!(paras, 67);
        let subs = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::SubItem(..)))
            .count();
        assert_eq!(subs, 14);
        let spains = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Section(_)) && b.text() == "Spain")
            .count();
        assert_eq!(spains, 2);
    }

    #[test]
    fn advancing_and_coming_back_meet() {
        let doc = Document::embedded();
        let blocks = Blocks::new(&doc);
        let mut cache = WrapCache::default();
        cache.set_width(60, blocks.len());
        let start = Pos { block: 3, line: 1 };
        let there = cache.advance(&blocks, start, 137);
        assert_eq!(cache.advance(&blocks, there, -137), start);
        let end = cache.advance(&blocks, start, 1_000_000);
        assert_eq!(end.block, blocks.len() - 1);
        assert_eq!(cache.advance(&blocks, end, -1_000_000), Pos::default());
    }
}
