//! The contents pane's state: its entries, folds and selection, and its keys.

use super::*;

/// One entry of the contents pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsItem {
    Summary,
    Part(usize),
    Section(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Contents {
    pub folded: HashSet<usize>,
    /// Index into `items`.
    pub selected: usize,
    pub offset: usize,
    /// The entries shown, given the folds; rebuilt when a fold changes.
    pub items: Vec<ContentsItem>,
    /// The block each entry jumps to, in the same order (ascending).
    pub item_blocks: Vec<usize>,
}

impl App {
    pub fn contents_items(&self) -> &[ContentsItem] {
        &self.contents.items
    }

    pub(super) fn rebuild_contents(&mut self) {
        let mut out = vec![ContentsItem::Summary];
        for (pi, part) in self.doc.parts.iter().enumerate() {
            if part.numeral.is_empty() && part.title.is_empty() && part.sections.is_empty() {
                continue;
            }
            out.push(ContentsItem::Part(pi));
            if !self.contents.folded.contains(&pi) {
                out.extend(part.sections.clone().map(ContentsItem::Section));
            }
        }
        self.contents.item_blocks = out.iter().map(|&i| self.item_block(i)).collect();
        self.contents.items = out;
    }

    pub(super) fn item_block(&self, item: ContentsItem) -> usize {
        match item {
            ContentsItem::Summary => 0,
            ContentsItem::Part(p) => self.part_block[p]
                .or_else(|| {
                    let r = &self.doc.parts[p].paragraphs;
                    (!r.is_empty()).then(|| self.paragraph_block[r.start])
                })
                .unwrap_or(0),
            ContentsItem::Section(s) => self.section_block[s],
        }
    }

    /// The contents entry for where the reader is.
    pub fn reading_item(&self) -> usize {
        let here = self
            .current
            .map_or(self.top.block, |p| self.paragraph_block[p]);
        self.contents
            .item_blocks
            .partition_point(|&b| b <= here)
            .saturating_sub(1)
    }

    pub(super) fn sync_contents(&mut self) {
        self.contents.selected = self.reading_item();
    }

    pub(super) fn keep_contents_selection_visible(&mut self) {
        let Some(area) = self.areas().contents else {
            return;
        };
        let rows = area.height.saturating_sub(2).max(1) as usize;
        let sel = self.contents.selected;
        if sel < self.contents.offset {
            self.contents.offset = sel;
        } else if sel >= self.contents.offset + rows {
            self.contents.offset = sel + 1 - rows;
        }
    }

    pub(super) fn contents_part_under_cursor(&self) -> Option<usize> {
        match self.contents_items().get(self.contents.selected)? {
            ContentsItem::Part(p) => Some(*p),
            ContentsItem::Section(s) => Some(self.doc.sections[*s].part),
            ContentsItem::Summary => None,
        }
    }

    pub(super) fn select_contents(&mut self, index: usize) {
        if let Some(item) = self.contents.items.get(index).copied() {
            self.contents.selected = index;
            let block = self.item_block(item);
            self.goto_block(block, true);
        }
        self.close_full_contents();
    }

    /// Too narrow for the contents beside the text (below 80 columns).
    pub(super) fn narrow(&self) -> bool {
        self.size.0 < crate::areas::CONTENTS_MIN_TOTAL_WIDTH
    }

    /// `t` on a narrow terminal: the contents fill the screen, as KOReader
    /// shows its table of contents, until `Enter` jumps or `Esc` closes.
    pub(super) fn toggle_full_contents(&mut self) {
        if self.contents_full {
            self.close_full_contents();
            return;
        }
        self.contents_full = true;
        self.focus = Focus::Contents;
        self.sync_contents();
        self.keep_contents_selection_visible();
        // Short enough to be read whole in 60 columns beside the place.
        self.set_message("Enter: go there · Esc: back", MessageKind::Info);
    }

    pub(super) fn close_full_contents(&mut self) {
        if self.contents_full {
            self.contents_full = false;
            self.focus = Focus::Reader;
        }
    }
}

pub(super) fn contents_action(app: &mut App, action: Action) -> Vec<Effect> {
    let n = app.contents_items().len();
    let rows = app
        .areas()
        .contents
        .map_or(1, |c| c.height.saturating_sub(2).max(1) as usize);
    let sel = app.contents.selected;
    match action {
        Action::LineDown => app.contents.selected = (sel + 1).min(n.saturating_sub(1)),
        Action::LineUp => app.contents.selected = sel.saturating_sub(1),
        Action::PageDown => app.contents.selected = (sel + rows).min(n.saturating_sub(1)),
        Action::PageUp => app.contents.selected = sel.saturating_sub(rows),
        Action::Top => app.contents.selected = 0,
        Action::Bottom => app.contents.selected = n.saturating_sub(1),
        Action::Select => app.select_contents(sel),
        Action::ToggleFold | Action::Expand | Action::Collapse => {
            if let Some(part) = app.contents_part_under_cursor() {
                let folded = app.contents.folded.contains(&part);
                let fold = match action {
                    Action::Expand => false,
                    Action::Collapse => true,
                    _ => !folded,
                };
                if fold {
                    app.contents.folded.insert(part);
                } else {
                    app.contents.folded.remove(&part);
                }
                app.rebuild_contents();
                // Keep the cursor on the part itself.
                if let Some(i) = app
                    .contents_items()
                    .iter()
                    .position(|it| *it == ContentsItem::Part(part))
                {
                    app.contents.selected = i;
                }
            }
        }
        Action::Close => {
            app.focus = Focus::Reader;
            app.close_full_contents();
        }
        _ => {}
    }
    Vec::new()
}
