//! Counts before a motion, as in vim and less: `5j`, `3}`, `2]`, `4n`.

use super::App;
use crate::action::Action;
use crate::keymap::{KeyPress, Lookup, Mode};

/// The largest count: enough for any real jump, and a slip of the finger
/// on the digits never runs a motion for long.
pub const MAX_COUNT: u32 = 999;

impl App {
    /// Takes a digit typed before a motion in the reader; false when the key
    /// is not one (or the keymap binds it).
    pub(super) fn count_digit(&mut self, key: KeyPress) -> bool {
        if self.mode() != Mode::Reader || !self.pending.is_empty() {
            return false;
        }
        let Some(digit) = key.typed_char().and_then(|c| c.to_digit(10)) else {
            return false;
        };
        // A count never starts with 0, as in vim.
        if (digit == 0 && self.count.is_none())
            || self.keymap.lookup(Mode::Reader, &[key]) != Lookup::NotFound
        {
            return false;
        }
        let count = self.count.unwrap_or(0).saturating_mul(10) + digit;
        self.count = Some(count.min(MAX_COUNT));
        true
    }

    /// How many times `action` runs: the count typed before it, for a
    /// motion; once otherwise. The count is used up either way.
    pub(super) fn times(&mut self, action: Action) -> u32 {
        let count = self.count.take().unwrap_or(1);
        let motion = matches!(
            action,
            Action::LineDown
                | Action::LineUp
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::NextParagraph
                | Action::PreviousParagraph
                | Action::NextSection
                | Action::PreviousSection
                | Action::SearchNext
                | Action::SearchPrevious
        );
        if motion { count.max(1) } else { 1 }
    }
}
