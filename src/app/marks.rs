//! Marks: `m` then a letter sets one at the current paragraph, `'` then
//! the letter goes back to it.

use super::{App, MessageKind};

/// A key that waits for a letter: `m` then a letter, `'` then a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    SetMark,
    GotoMark,
}

impl App {
    pub(super) fn mark_letter(&mut self, awaiting: Awaiting, c: char) {
        if !c.is_ascii_alphabetic() {
            self.set_message("marks are letters: a–z, A–Z", MessageKind::Info);
            return;
        }
        match awaiting {
            Awaiting::SetMark => match self.current {
                Some(p) => {
                    let n = self.doc.paragraphs[p].number;
                    self.marks.insert(c, n);
                    self.set_message(format!("mark '{c}' set at para. {n}"), MessageKind::Info);
                }
                None => {
                    self.set_message("go to a numbered paragraph to mark it", MessageKind::Info)
                }
            },
            Awaiting::GotoMark => match self
                .marks
                .get(&c)
                .and_then(|&n| self.doc.paragraph_index(n))
            {
                Some(p) => self.goto_paragraph(p, true),
                None => self.set_message(format!("no mark '{c}'"), MessageKind::Info),
            },
        }
    }
}
