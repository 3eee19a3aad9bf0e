//! Where the reader is, kept in state.json and put back at the next start.

use super::{App, MessageKind, Pos, Start};
use crate::notes::state::DocumentState;

impl App {
    /// The start-up step: notes, prompt history and reading place, and one
    /// notice with everything said at start (the document's first warning
    /// included), so that no message hides another.
    pub(super) fn start(&mut self, start: Start) {
        if start.notes.is_some() {
            self.notes = start.notes;
            self.refresh_notes();
        }
        self.history = start.history;
        self.recent = start.recent;
        if let Some(state) = &start.reading {
            self.restore_reading_state(state);
        }
        let mut said = start.said;
        said.extend(self.message.take().map(|m| m.text));
        if !said.is_empty() {
            self.set_notice(said.join("; "), MessageKind::Warning);
        }
    }

    /// Where the reader is, to be kept in state.json.
    pub fn reading_state(&self, mut state: DocumentState) -> DocumentState {
        state.paragraph = self.current.map(|p| self.doc.paragraphs[p].number);
        state.offset = self
            .current
            .map(|p| {
                let block = self.paragraph_block[p];
                if self.top.block == block {
                    self.top.line as u32
                } else {
                    0
                }
            })
            .unwrap_or(0);
        state.folded = self
            .contents
            .folded
            .iter()
            .filter_map(|&p| self.doc.parts.get(p).map(|part| part.numeral.clone()))
            .collect();
        state.folded.sort();
        state.marks = self.marks.clone();
        state
    }

    /// Puts the reader back where `state` says.
    pub fn restore_reading_state(&mut self, state: &DocumentState) {
        self.marks = state.marks.clone();
        self.contents.folded = state
            .folded
            .iter()
            .filter_map(|n| self.doc.parts.iter().position(|p| &p.numeral == n))
            .collect();
        self.rebuild_contents();
        if let Some(p) = state.paragraph.and_then(|n| self.doc.paragraph_index(n)) {
            self.goto_paragraph(p, false);
            let block = self.paragraph_block[p];
            let h = self.wrap.height(&self.blocks, block);
            if state.offset > 0 && (state.offset as usize) < h {
                self.top = Pos {
                    block,
                    line: state.offset as usize,
                };
            }
            self.current = Some(p);
        }
        self.prepare_view();
    }
}
