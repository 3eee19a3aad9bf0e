//! What was typed at `/` and `:` before: Up and Down bring it back, and it
//! is kept in state.json for the next start.

use super::{App, Overlay, PromptKind};
use crate::action::Action;
use crate::notes::state::PromptHistory;

/// Entries kept for each prompt.
pub const HISTORY_ENTRIES: usize = 100;

/// Adds `entry` as the newest of `list`, once.
fn record(list: &mut Vec<String>, entry: &str) {
    let entry = entry.trim();
    if entry.is_empty() {
        return;
    }
    list.retain(|e| e != entry);
    list.push(entry.to_string());
    if list.len() > HISTORY_ENTRIES {
        list.drain(..list.len() - HISTORY_ENTRIES);
    }
}

fn list_mut(history: &mut PromptHistory, kind: PromptKind) -> &mut Vec<String> {
    match kind {
        PromptKind::Search => &mut history.search,
        PromptKind::Goto => &mut history.goto,
    }
}

impl App {
    /// A prompt's entry was confirmed: the newest in its history.
    pub(super) fn record_history(&mut self, kind: PromptKind, entry: &str) {
        record(list_mut(&mut self.history, kind), entry);
    }

    /// Up (older) or Down (newer) in a prompt: the entry replaces what is
    /// typed; past the newest, what was being typed comes back.
    pub(super) fn recall(&mut self, action: Action) {
        let Overlay::Prompt(prompt) = &mut self.overlay else {
            return;
        };
        let list = list_mut(&mut self.history, prompt.kind);
        let at = match (action, prompt.recalled) {
            (Action::HistoryPrevious, None) if !list.is_empty() => Some(list.len() - 1),
            (Action::HistoryPrevious, Some(i)) => Some(i.saturating_sub(1)),
            (Action::HistoryNext, Some(i)) if i + 1 < list.len() => Some(i + 1),
            (Action::HistoryNext, Some(_)) => None,
            _ => return,
        };
        if prompt.recalled.is_none() {
            prompt.typed = prompt.input.clone();
        }
        prompt.recalled = at;
        prompt.input = match at {
            Some(i) => list[i].clone(),
            None => std::mem::take(&mut prompt.typed),
        };
        self.prompt_changed();
    }
}
