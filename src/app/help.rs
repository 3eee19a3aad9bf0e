//! The help overlay: its lines (every binding of the keymap, mode by
//! mode), its keys, and how far it scrolls.

use super::{App, Effect, Overlay};
use crate::action::Action;
use crate::keymap::{Keymap, Mode, sequence_text};

/// The help text as lines: a heading per mode, then "keys  description".
pub fn help_lines(keymap: &Keymap) -> Vec<(Option<Mode>, String, &'static str)> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        let list = keymap.bindings(mode);
        if list.is_empty() {
            continue;
        }
        out.push((Some(mode), String::new(), ""));
        let mut seen: Vec<Action> = Vec::new();
        for (_, action) in list {
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            let keys: Vec<String> = list
                .iter()
                .filter(|(_, a)| a == action)
                .map(|(s, _)| sequence_text(s))
                .collect();
            out.push((None, keys.join(", "), action.help()));
        }
    }
    out
}

impl App {
    /// The furthest the help scrolls: its last line at the bottom of the
    /// popup (drawn two rows inside the screen, within a border).
    pub(super) fn help_scroll_limit(&self) -> u16 {
        let rows = self.size.1.saturating_sub(4) as usize;
        help_lines(&self.keymap).len().saturating_sub(rows) as u16
    }
}

pub(super) fn help_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Help { scroll } = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Action::LineDown => *scroll = scroll.saturating_add(1),
        Action::LineUp => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Close | Action::Help => app.overlay = Overlay::None,
        _ => {}
    }
    Vec::new()
}
