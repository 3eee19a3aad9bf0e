//! Highlights in the reader: made from a selection, stepped through on a
//! paragraph with `H`, recoloured, noted, deleted and brought back, and
//! their words copied with a citation.

use super::{App, Effect, MessageKind, NoteView};
use crate::action::Action;
use crate::notes::Target;
use crate::notes::citation::full_span_citation;
use crate::notes::highlight::{Span, colour_name, exact};

impl App {
    /// `h`, `1`–`5`, `a` on a selection: highlights it, and with `note`
    /// opens the note editor on the highlight.
    pub(super) fn highlight_selection(&mut self, colour: u8, note: bool) -> Vec<Effect> {
        let Some(selection) = self.selection else {
            return Vec::new();
        };
        let span = self.selection_span(&selection);
        let doc = std::sync::Arc::clone(&self.doc);
        let Some(store) = self.notes.as_mut() else {
            self.set_message(
                "highlights are off: no configuration directory (set REPORT_READER_CONFIG_DIR)",
                MessageKind::Warning,
            );
            return Vec::new();
        };
        let id = store.add_highlight(&doc, &span, colour, "");
        self.selection = None;
        self.refresh_notes();
        let (first, last) = span.numbers(&doc);
        let cite = crate::notes::citation::span_citation(&doc, first, last);
        let message = format!("highlighted in {} ({cite})", colour_name(colour));
        self.set_message(message, MessageKind::Info);
        if note {
            self.edit_highlight_note(&id);
        }
        vec![Effect::SaveNotes]
    }

    /// The quoted words of `span` with their citation, for the clipboard:
    /// “In respect of …” (A/65/156, para. 37).
    pub(super) fn copy_quote(&mut self, span: &Span) -> Vec<Effect> {
        // A report's controls and bidi overrides never reach the clipboard.
        let words = crate::text::for_clipboard(&exact(&self.doc, span));
        let (first, last) = span.numbers(&self.doc);
        let cite = crate::text::for_clipboard(&full_span_citation(&self.doc, first, last));
        let text = format!("“{}” ({cite})", words.trim());
        self.set_message(format!("copied: {text}"), MessageKind::Info);
        vec![Effect::Copy(text)]
    }

    /// The highlights on the current paragraph, in the order they start.
    fn highlights_here(&self) -> Vec<&NoteView> {
        let Some(p) = self.current else {
            return Vec::new();
        };
        self.note_index
            .highlights_on
            .get(&p)
            .into_iter()
            .flatten()
            .map(|&v| &self.note_index.views[v])
            .collect()
    }

    /// The chosen highlight, while it is there.
    pub fn chosen_view(&self) -> Option<&NoteView> {
        let id = self.chosen.as_deref()?;
        self.note_index.views.iter().find(|v| v.id == id)
    }

    /// `H`: chooses the next highlight of the current paragraph.
    pub(super) fn step_highlights(&mut self) {
        let here = self.highlights_here();
        if here.is_empty() {
            self.chosen = None;
            let at = self.current.map_or(String::new(), |p| {
                format!(" on para. {}", self.doc.paragraphs[p].number)
            });
            self.set_message(format!("no highlights{at}"), MessageKind::Info);
            return;
        }
        let now = self
            .chosen
            .as_deref()
            .and_then(|id| here.iter().position(|v| v.id == id));
        let k = now.map_or(0, |k| (k + 1) % here.len());
        let view = here[k];
        let text = format!(
            "highlight {} of {} · {} · {}: 1-5 colour, a note, d delete, y copy, Esc done",
            k + 1,
            here.len(),
            view.highlight.map_or("", |h| colour_name(h.colour)),
            view.citation
        );
        self.chosen = Some(view.id.clone());
        self.set_message(text, MessageKind::Info);
    }

    fn edit_highlight_note(&mut self, id: &str) {
        let fp = self.doc.fingerprint();
        let Some(note) = self.notes.as_ref().and_then(|s| s.note(&fp, id)).cloned() else {
            return;
        };
        let target = Target::Paragraph(note.paragraph.unwrap_or(0));
        self.open_editor(vec![target], 0, Some(&note));
    }

    /// What the status line says of a selection: its words and citation.
    pub fn selection_status(&self) -> Option<String> {
        let s = self.selection.as_ref()?;
        let span = self.selection_span(s);
        let words = exact(&self.doc, &span);
        let count = words.split_whitespace().count();
        let (first, last) = span.numbers(&self.doc);
        let cite = crate::notes::citation::span_citation(&self.doc, first, last);
        let shown: String = words.replace('\n', " ");
        let head: String = shown.chars().take(40).collect();
        let more = if head.len() < shown.len() { "…" } else { "" };
        Some(format!(
            "“{head}{more}” · {count} word{} · {cite}",
            if count == 1 { "" } else { "s" }
        ))
    }
}

/// Keys while a highlight is chosen.
pub(super) fn highlight_action(app: &mut App, action: Action) -> Vec<Effect> {
    let fp = app.doc.fingerprint();
    let chosen = app.chosen_view().cloned();
    match action {
        Action::Close => app.chosen = None,
        Action::StepHighlights => app.step_highlights(),
        Action::AddNote => {
            if let Some(view) = chosen {
                app.edit_highlight_note(&view.id);
            }
        }
        Action::CopyQuote => {
            if let Some(span) = chosen.and_then(|v| v.highlight).map(|h| h.span) {
                return app.copy_quote(&span);
            }
        }
        Action::DeleteNote => {
            if let Some(view) = chosen {
                return app.delete_view(&view, "highlight");
            }
        }
        Action::UndoDelete => {
            let (id, effects) = app.undo_delete();
            if id.is_some() {
                app.chosen = id;
            }
            return effects;
        }
        _ => {
            let (Some(colour), Some(view)) = (super::selection::colour_of(action), chosen) else {
                return Vec::new();
            };
            let Some(store) = app.notes.as_mut() else {
                return Vec::new();
            };
            match store.recolour(&fp, &view.id, colour) {
                Ok(()) => {
                    app.refresh_notes();
                    app.set_message(
                        format!("now {} ({})", colour_name(colour), view.citation),
                        MessageKind::Info,
                    );
                    return vec![Effect::SaveNotes];
                }
                Err(e) => app.set_message(e.to_string(), MessageKind::Error),
            }
        }
    }
    Vec::new()
}
