//! Where the reader is: the place, jumps and their history, scrolling, the
//! view wrapped for the screen, and the mouse.

use ratatui::layout::Position;

use super::{App, Focus, HISTORY, ReadingPlace};
use crate::layout::{BlockKind, Pos};

impl App {
    // ----- positions -----

    pub fn place(&self) -> ReadingPlace {
        let block = self.top.block;
        let kind = self.blocks.kind(block).unwrap_or(BlockKind::Header);
        // Blocks of one kind (a table's rows) stand together.
        let nth = (0..block)
            .rev()
            .take_while(|&b| self.blocks.kind(b) == Some(kind))
            .count();
        ReadingPlace {
            block: (kind, nth),
            line: self.top.line,
            current: self.current,
        }
    }

    /// The block index of a place in the blocks as they are now. A note
    /// no longer shown gives its paragraph.
    pub(super) fn place_block(&self, place: &ReadingPlace) -> usize {
        let (kind, nth) = place.block;
        let first = match kind {
            BlockKind::Header => Some(0),
            BlockKind::Paragraph(p) => self.paragraph_block.get(p).copied(),
            BlockKind::Part(p) => self.part_block.get(p).copied().flatten(),
            BlockKind::Section(s) => self.section_block.get(s).copied(),
            _ => self.blocks.kinds().position(|k| k == kind),
        };
        match (first, kind) {
            (Some(b), _) if self.blocks.kind(b + nth) == Some(kind) => b + nth,
            (Some(b), _) => b,
            (None, BlockKind::Note(p, _)) => self.paragraph_block.get(p).copied().unwrap_or(0),
            (None, _) => 0,
        }
    }

    pub(super) fn restore(&mut self, place: ReadingPlace) {
        let block = self.place_block(&place);
        // Lines into a note that is gone would run into the next paragraph.
        let line = if self.blocks.kind(block) == Some(place.block.0) {
            place.line
        } else {
            0
        };
        self.top = self.wrap.advance(&self.blocks, Pos { block, line }, 0);
        self.current = place.current;
    }

    pub(super) fn remember(&mut self, from: ReadingPlace) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > HISTORY {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// Top position that puts `block`'s first text line at the top.
    pub(super) fn block_top(&mut self, block: usize) -> Pos {
        let gap = self.blocks.gap(block) as usize;
        let h = self.wrap.height(&self.blocks, block);
        Pos {
            block,
            line: gap.min(h.saturating_sub(1)),
        }
    }

    /// Goes to a paragraph; records the jump when `record`.
    pub fn goto_paragraph(&mut self, index: usize, record: bool) {
        let Some(&block) = self.paragraph_block.get(index) else {
            return;
        };
        let from = self.place();
        // Show a subsection's heading with its first paragraph.
        let heading = block.checked_sub(1).filter(|&b| {
            matches!(
                self.blocks.kind(b),
                Some(BlockKind::Section(_) | BlockKind::Part(_))
            )
        });
        self.top = match heading {
            Some(h) => self.block_top(h),
            None => self.block_top(block),
        };
        self.current = Some(index);
        if record && from != self.place() {
            self.remember(from);
        }
    }

    pub(super) fn goto_block(&mut self, block: usize, record: bool) {
        let from = self.place();
        self.top = self.block_top(block);
        self.current = self.paragraph_at_or_after(block);
        if record && from != self.place() {
            self.remember(from);
        }
    }

    /// The paragraph at `block`, or the first after it under the same
    /// heading: text with no number of its own (a resolution set out in a
    /// report) never borrows the number of a paragraph further on.
    pub(super) fn paragraph_at_or_after(&self, block: usize) -> Option<usize> {
        if matches!(self.blocks.kind(block)?, BlockKind::Header) {
            return None;
        }
        for (k, kind) in self.blocks.kinds().skip(block).enumerate() {
            if let Some(p) = kind.paragraph() {
                return Some(p);
            }
            if k > 0 && matches!(kind, BlockKind::Part(_) | BlockKind::Section(_)) {
                return None;
            }
        }
        None
    }

    /// After a scroll: the current paragraph is the one at the top of the pane.
    pub(super) fn current_from_top(&mut self) {
        self.current = self.paragraph_at_or_after(self.top.block);
    }

    pub(super) fn scroll(&mut self, lines: isize) {
        let last = self.wrap.last_screen(&self.blocks, 1);
        let mut top = self.wrap.advance(&self.blocks, self.top, lines);
        if top > last {
            top = last;
        }
        self.top = top;
        self.current_from_top();
    }

    // ----- view -----

    /// Wraps what will be on screen for the current size; call after every update.
    pub fn prepare_view(&mut self) {
        let areas = self.areas();
        let width = areas.text.width.max(1) as usize;
        self.wrap.set_width(width, self.blocks.len());
        self.top = self.wrap.advance(&self.blocks, self.top, 0);
        let height = areas.text.height as usize;
        self.wrap
            .visible(&self.blocks, self.top, height, &mut self.visible);
        self.keep_scroll_in_limits();
        if self.focus == Focus::Reader || self.areas().contents.is_none() {
            self.sync_contents();
        }
        self.keep_contents_selection_visible();
    }

    /// Where the top of the pane is, when it is on no numbered paragraph:
    /// the heading above it ("Part One", "14/1 The grave attacks …", "I");
    /// `None` on the title page.
    pub fn place_above_paragraphs(&self) -> Option<String> {
        let doc = &self.doc;
        let heading = (0..=self.top.block)
            .rev()
            .find_map(|b| match self.blocks.kind(b)? {
                BlockKind::Part(p) => Some((p, None)),
                BlockKind::Section(s) => Some((doc.sections[s].part, Some(s))),
                _ => None,
            });
        let (p, section) = heading?;
        let part = &doc.parts[p];
        let mut out = if part.numeral.is_empty() {
            doc.plain(&part.title)
        } else {
            part.numeral.clone()
        };
        if let Some(s) = section {
            out.push_str(" · ");
            out.push_str(&doc.sections[s].title);
        }
        Some(crate::text::sanitize(&out).into_owned())
    }

    /// Fraction of the report above the bottom of the pane, 0..=100.
    pub fn percent(&self) -> u16 {
        let total = *self.weight_before.last().unwrap_or(&1) as f64;
        let Some(last) = self.visible.last() else {
            return 0;
        };
        let done = self.weight_before.get(last.block + 1).copied().unwrap_or(0) as f64;
        if last.block + 1 >= self.blocks.len() {
            return 100;
        }
        ((done / total.max(1.0)) * 100.0).round().clamp(0.0, 100.0) as u16
    }

    // ----- mouse -----

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i16) {
        let areas = self.areas();
        let at = Position::new(column, row);
        if let Some(c) = areas.contents
            && c.contains(at)
        {
            let n = self.contents_items().len();
            let rows = c.height.saturating_sub(2) as usize;
            let max = n.saturating_sub(rows);
            self.contents.offset =
                (self.contents.offset as isize + lines as isize).clamp(0, max as isize) as usize;
            return;
        }
        if areas.pane.contains(at) {
            self.scroll(lines as isize);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let areas = self.areas();
        let at = Position::new(column, row);
        if let Some(c) = areas.contents
            && c.contains(at)
        {
            let first_row = c.y + 1;
            if row >= first_row {
                let index = self.contents.offset + (row - first_row) as usize;
                if index < self.contents_items().len() {
                    self.select_contents(index);
                    self.focus = Focus::Contents;
                }
            }
        } else if areas.pane.contains(at) {
            self.focus = Focus::Reader;
            self.press_at(column, row);
        }
    }
}
