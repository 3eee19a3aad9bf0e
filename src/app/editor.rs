//! The note editor: a text area, what the note is on, and saving it.

use ratatui_textarea::{TextArea, WrapMode};

use super::{App, Effect, MessageKind, Overlay};
use crate::action::Action;
use crate::keymap::KeyPress;
use crate::layout::BlockKind;
use crate::notes::citation::citation;
use crate::notes::{Note, Target};

/// The note editor: a text area, what the note is on, and whether Esc asked to discard.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub targets: Vec<Target>,
    pub target: usize,
    /// The note being edited; None for a new note.
    pub note_id: Option<String>,
    pub original: String,
    pub confirm_discard: bool,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.note_id == other.note_id
            && self.target == other.target
            && self.targets == other.targets
            && self.textarea.lines() == other.textarea.lines()
            && self.confirm_discard == other.confirm_discard
    }
}

impl Eq for NoteEditor {}

impl NoteEditor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

fn new_textarea(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl App {
    /// What a new note goes on: the paragraph, or the sub-item at the top of the pane.
    pub(super) fn note_targets(&self) -> Option<(Vec<Target>, usize)> {
        let p = self.current?;
        let para = &self.doc.paragraphs[p];
        let mut targets = vec![Target::Paragraph(para.number)];
        for item in &para.sub_items {
            targets.push(Target::SubItem {
                paragraph: para.number,
                label: item.label.clone(),
            });
        }
        let chosen = self
            .visible
            .first()
            .and_then(|pos| match self.blocks.get(pos.block)?.kind {
                BlockKind::SubItem(q, k) if q == p => Some(1 + k),
                _ => None,
            })
            .unwrap_or(0);
        Some((targets, chosen))
    }

    fn note_on(&self, target: &Target) -> Option<&Note> {
        let store = self.notes.as_ref()?;
        let fp = self.doc.fingerprint();
        store
            .notes(&fp)
            .into_iter()
            .find(|n| n.target().as_ref() == Some(target))
    }

    pub(super) fn open_editor(
        &mut self,
        targets: Vec<Target>,
        target: usize,
        existing: Option<&Note>,
    ) {
        if self.notes.is_none() {
            self.set_message(
                "notes are off: no configuration directory (set REPORT_READER_CONFIG_DIR)",
                MessageKind::Warning,
            );
            return;
        }
        let (note_id, original, draft) = match existing {
            Some(n) => (Some(n.id.clone()), n.text.clone(), n.draft.clone()),
            None => (None, String::new(), None),
        };
        if draft.is_some() {
            self.set_message(
                "the draft kept when report-reader was stopped: save it, or Esc to discard it",
                MessageKind::Info,
            );
        }
        self.overlay = Overlay::Editor(Box::new(NoteEditor {
            textarea: new_textarea(draft.as_deref().unwrap_or(&original)),
            targets,
            target,
            note_id,
            original,
            confirm_discard: false,
        }));
    }

    /// `a` in the reader: a note on the current paragraph (or sub-item).
    pub(super) fn add_note_here(&mut self) {
        let Some((targets, chosen)) = self.note_targets() else {
            self.set_message(
                "go to a numbered paragraph to write a note on it",
                MessageKind::Info,
            );
            return;
        };
        let existing = self.note_on(&targets[chosen]).cloned();
        self.open_editor(targets, chosen, existing.as_ref());
    }

    /// `a` in the footnote popup: a note on the selected footnote.
    pub(super) fn add_note_on_footnote(&mut self, footnote: usize) {
        let label = self.doc.footnotes[footnote].label.to_string();
        let target = Target::Footnote(label);
        let existing = self.note_on(&target).cloned();
        self.open_editor(vec![target], 0, existing.as_ref());
    }

    pub(super) fn editor_key(&mut self, key: KeyPress) -> Vec<Effect> {
        let Overlay::Editor(editor) = &mut self.overlay else {
            return Vec::new();
        };
        if editor.confirm_discard {
            editor.confirm_discard = false;
            if key.typed_char() == Some('y') {
                let id = editor.note_id.clone();
                self.overlay = Overlay::None;
                self.set_message("note discarded", MessageKind::Info);
                return self.discard_draft(id.as_deref());
            } else {
                self.message = None;
            }
            return Vec::new();
        }
        editor.textarea.input(key.to_textarea());
        Vec::new()
    }

    /// A draft kept from an earlier run goes when its changes are discarded.
    fn discard_draft(&mut self, id: Option<&str>) -> Vec<Effect> {
        let fp = self.doc.fingerprint();
        let (Some(id), Some(store)) = (id, self.notes.as_mut()) else {
            return Vec::new();
        };
        if store.note(&fp, id).is_none_or(|n| n.draft.is_none()) {
            return Vec::new();
        }
        let _ = store.discard_draft(&fp, id);
        self.refresh_notes();
        vec![Effect::SaveNotes]
    }

    fn save_editor(&mut self) -> Vec<Effect> {
        let Overlay::Editor(editor) = &self.overlay else {
            return Vec::new();
        };
        let editor = editor.as_ref().clone();
        let text = editor.text();
        let target = editor.targets[editor.target].clone();
        let cite = citation(&self.doc, &target);
        let fp = self.doc.fingerprint();
        let Some(store) = self.notes.as_mut() else {
            return Vec::new();
        };
        let blank = text.trim().is_empty();
        // A highlight's note can be emptied; the highlight stays.
        let highlight = editor
            .note_id
            .as_ref()
            .and_then(|id| store.note(&fp, id))
            .is_some_and(|n| n.highlight.is_some());
        let result = match (&editor.note_id, blank) {
            (Some(id), true) if highlight => store
                .edit(&fp, id, "")
                .map(|()| format!("note on the highlight at {cite} removed; the highlight stays")),
            (Some(id), true) => {
                let kept = store.note(&fp, id).cloned();
                let r = store.delete(&fp, id).map(|()| {
                    format!("note on {cite} deleted (u in the notes list brings it back)")
                });
                if r.is_ok() {
                    self.last_deleted = kept;
                }
                r
            }
            (Some(id), false) => store
                .edit(&fp, id, &text)
                .map(|()| format!("note on {cite} saved")),
            (None, true) => {
                self.overlay = Overlay::None;
                self.set_message("empty note not kept", MessageKind::Info);
                return Vec::new();
            }
            (None, false) => store
                .add(&self.doc, &target, &text)
                .map(|_| format!("note on {cite} saved")),
        };
        match result {
            Ok(message) => {
                self.overlay = Overlay::None;
                self.set_message(message, MessageKind::Info);
                self.refresh_notes();
                vec![Effect::SaveNotes]
            }
            Err(e) => {
                self.set_message(e.to_string(), MessageKind::Error);
                Vec::new()
            }
        }
    }
}

pub(super) fn editor_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Editor(editor) = &mut app.overlay else {
        return Vec::new();
    };
    if editor.confirm_discard {
        // Esc again (or any command) keeps the draft.
        editor.confirm_discard = false;
        app.message = None;
        return Vec::new();
    }
    match action {
        Action::Close => {
            if editor.changed() {
                editor.confirm_discard = true;
                app.set_message(
                    "discard this note's changes? y: discard, any other key: keep editing",
                    MessageKind::Warning,
                );
            } else {
                app.overlay = Overlay::None;
            }
            Vec::new()
        }
        Action::NextNoteTarget => {
            if editor.note_id.is_some() {
                app.set_message("an existing note stays where it is", MessageKind::Info);
            } else if editor.targets.len() > 1 {
                editor.target = (editor.target + 1) % editor.targets.len();
            }
            Vec::new()
        }
        Action::SaveNote => app.save_editor(),
        _ => Vec::new(),
    }
}
