//! The bindings of one mode as a tree of key presses, as helix keeps them:
//! each press goes one step down, and where it lands says whether the keys
//! so far are an action, the start of a longer sequence, or nothing.

use std::collections::HashMap;

use super::KeyPress;
use crate::action::Action;

#[derive(Debug, Clone, Default)]
pub struct KeyTrie {
    action: Option<Action>,
    next: HashMap<KeyPress, KeyTrie>,
}

/// Where a sequence of keys lands in a trie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A binding ends here, and none goes on from it.
    Action(Action),
    /// Longer bindings go on from here.
    Pending,
    NotFound,
}

impl KeyTrie {
    /// Binds `keys` to `action`, unless an earlier binding has the same keys.
    pub fn insert(&mut self, keys: &[KeyPress], action: Action) {
        let node = keys
            .iter()
            .fold(self, |node, key| node.next.entry(*key).or_default());
        node.action.get_or_insert(action);
    }

    pub fn step(&self, keys: &[KeyPress]) -> Step {
        if keys.is_empty() {
            return Step::NotFound;
        }
        let mut node = self;
        for key in keys {
            match node.next.get(key) {
                Some(next) => node = next,
                None => return Step::NotFound,
            }
        }
        match node.action {
            _ if !node.next.is_empty() => Step::Pending,
            Some(action) => Step::Action(action),
            None => Step::NotFound,
        }
    }
}
