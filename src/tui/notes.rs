//! The effects on the notes file. The store (file, lock, merge) lives
//! here, with the effect runner; the reader keeps its notes in memory and
//! changes them only in `update`. What a save or a reload merged comes back
//! to `update` as an `Input`, as gitui's queue of internal events and the
//! ratatui template's action channel do.

use crate::app::{App, Effect, Input};
use crate::document::Document;
use crate::notes::Notebook;
use crate::notes::store::NoteStore;

/// Runs the effects on the notes. Tests drive it without a terminal.
#[derive(Debug)]
pub struct NotesRunner {
    /// None when there is no configuration directory: notes are off.
    store: Option<NoteStore>,
}

impl NotesRunner {
    pub fn new(store: Option<NoteStore>) -> NotesRunner {
        NotesRunner { store }
    }

    /// Whether another copy of the program holds the file's lock now: the
    /// effect will wait for it.
    pub fn lock_is_held(&self) -> bool {
        self.store.as_ref().is_some_and(|s| s.lock_is_held())
    }

    /// For the start-up step: the notes for the reader, after carrying
    /// notes over from another edition of the document (which saves), and
    /// what the user must hear about them. None when notes are off.
    pub fn open(&mut self, doc: &Document) -> (Option<Notebook>, Vec<String>) {
        let Some(store) = self.store.as_mut() else {
            return (None, Vec::new());
        };
        let mut said = Vec::new();
        if store.is_read_only() {
            said.push(format!(
                "{}: read-only, notes will not be saved",
                store.path().display()
            ));
        }
        // Notes written on another edition of this report follow it here,
        // re-anchored by their quotes; the other edition keeps its copy.
        if let Some(offer) = store.carry_offers(doc).into_iter().next() {
            let report = store.carry(&offer.from, doc);
            let total = report.exact + report.moved;
            let from = if offer.title.is_empty() {
                "an untitled report".to_string()
            } else {
                format!("“{}”", offer.title)
            };
            let mut text = format!(
                "{total} note{} carried over from another edition, {from}, where their quoted words are in this text ({} in place, {} moved); {} whose words are not here stay with it",
                if total == 1 { "" } else { "s" },
                report.exact,
                report.moved,
                report.left
            );
            if let Err(e) = report.saved {
                text = format!("{text}; not saved yet: {e}");
            }
            said.push(text);
        }
        // Text typed and not saved when the program was stopped is offered back.
        let drafts: Vec<String> = store
            .drafts(&doc.fingerprint())
            .iter()
            .filter_map(|n| n.target())
            .map(|t| crate::notes::citation(doc, &t))
            .collect();
        if let Some(first) = drafts.first() {
            let more = match drafts.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            said.push(format!(
                "a draft you had not saved is kept, on {first}{more}: a on that paragraph (or A, then e) opens it"
            ));
        }
        said.extend(store.take_messages().iter().map(|m| m.to_string()));
        (Some(store.notebook().clone()), said)
    }

    /// Before another report is opened: the notes the reader holds (every
    /// report's, saved ones handed to it by the store) go back to the
    /// store, merged with the file, so the next report starts with them.
    pub fn resume(&mut self, held: Option<&Notebook>) -> Vec<String> {
        let (Some(store), Some(book)) = (self.store.as_mut(), held) else {
            return Vec::new();
        };
        store
            .resume(book.clone())
            .map(|m| m.to_string())
            .into_iter()
            .collect()
    }

    /// Carries out a notes effect on the reader's notes; what came of it
    /// goes back to `update`. None for other effects, and when the reader
    /// has no notes.
    pub fn run(&mut self, app: &App, effect: &Effect) -> Option<Input> {
        let book = app.notebook()?.clone();
        let Some(store) = self.store.as_mut() else {
            // Never dropped silently: quitting then offers them as Markdown.
            return matches!(effect, Effect::SaveNotes)
                .then(|| Input::NotesNotSaved("there is no notes file".into()));
        };
        match effect {
            Effect::SaveNotes => {
                let saved = store.save_notebook(book);
                let warnings = store
                    .take_messages()
                    .iter()
                    .map(|m| m.to_string())
                    .collect();
                Some(match saved {
                    Ok(merged) => Input::NotesSaved {
                        notes: Box::new(merged),
                        warnings,
                    },
                    Err(e) => Input::NotesNotSaved(e.to_string()),
                })
            }
            Effect::ReloadNotes => {
                let (merged, message) = store.reload_notebook(book);
                let mut warnings: Vec<String> = message.iter().map(|m| m.to_string()).collect();
                warnings.extend(store.take_messages().iter().map(|m| m.to_string()));
                Some(Input::NotesReloaded {
                    notes: Box::new(merged),
                    warnings,
                })
            }
            _ => None,
        }
    }
}
