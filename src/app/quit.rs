//! Quitting: notes that will not save are never dropped silently. The
//! first quit warns; the second quits with them, printed for the user to
//! keep. And what comes back from saving them.

use super::{App, Effect, MessageKind, Overlay};
use crate::notes::Notebook;
use crate::notes::export::{Format, export_document};

impl App {
    fn notes_dirty(&self) -> bool {
        self.notes.as_ref().is_some_and(|s| s.is_dirty())
    }

    /// The user quits: at once, or after one more try at saving the notes.
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        if self.notes_dirty() {
            self.quitting = true;
            return vec![Effect::SaveNotes];
        }
        vec![Effect::Quit {
            unsaved_notes: None,
        }]
    }

    /// A signal or a closed terminal: nobody is there to warn.
    /// Text typed in the editor is kept as a draft on the way out.
    pub(super) fn stop(&mut self) -> Vec<Effect> {
        self.quit_armed = true;
        self.keep_draft();
        self.quit()
    }

    fn keep_draft(&mut self) {
        let Overlay::Editor(editor) = &self.overlay else {
            return;
        };
        if !editor.changed() {
            return;
        }
        let target = editor.targets[editor.target].clone();
        let (id, text) = (editor.note_id.clone(), editor.text());
        if let Some(store) = self.notes.as_mut() {
            // The quit that follows saves, or prints the notes.
            let _ = store.keep_draft(&self.doc, &target, id.as_deref(), &text);
        }
    }

    pub(super) fn notes_saved(&mut self, notes: Notebook, warnings: Vec<String>) -> Vec<Effect> {
        self.take_merged(notes);
        if !warnings.is_empty() {
            self.set_notice(warnings.join("; "), MessageKind::Warning);
        }
        if std::mem::take(&mut self.quitting) {
            return self.quit();
        }
        Vec::new()
    }

    pub(super) fn notes_not_saved(&mut self, why: String) -> Vec<Effect> {
        if !std::mem::take(&mut self.quitting) {
            self.set_notice(
                format!("notes not saved, kept in memory and retried: {why}"),
                MessageKind::Error,
            );
            return Vec::new();
        }
        if !self.quit_armed {
            self.quit_armed = true;
            self.set_notice(
                format!(
                    "Notes are not saved: quit again and they are printed as Markdown for you to keep ({why})"
                ),
                MessageKind::Error,
            );
            return Vec::new();
        }
        let unsaved = self
            .notes
            .as_ref()
            .map(|store| export_document(&self.doc, store.annotations(), Format::Markdown));
        vec![Effect::Quit {
            unsaved_notes: unsaved,
        }]
    }
}
