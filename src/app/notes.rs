//! The list of notes: filtered as you type; go to, edit, delete, undo.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{App, Effect, MessageKind, NoteView, Overlay, Pos};
use crate::action::Action;
use crate::notes::anchor::Location;
use crate::notes::has_tag;
use crate::notes::highlight::COLOURS;

/// The list of notes: a filter and a selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesList {
    pub filter: String,
    pub filtering: bool,
    pub selected: usize,
}

/// A notes list's filter taken apart: the tags (`#word`), the colours (a
/// digit 1 to 5) and the other words, for fuzzy matching.
pub(super) fn split_filter(filter: &str) -> (Vec<&str>, Vec<u8>, String) {
    let mut tags = Vec::new();
    let mut colours = Vec::new();
    let mut words = Vec::new();
    for token in filter.split_whitespace() {
        match token.strip_prefix('#') {
            Some(tag) if !tag.is_empty() => tags.push(tag),
            Some(_) => {}
            None => match token.parse::<u8>() {
                Ok(c) if (1..=COLOURS).contains(&c) => colours.push(c),
                _ => words.push(token),
            },
        }
    }
    (tags, colours, words.join(" "))
}

impl App {
    /// The notes list's rows after filtering: indices into `note_index.views`.
    /// In the filter, `#word` keeps the notes with that tag and a colour's
    /// digit (1 to 5) the highlights of that colour; other words match
    /// fuzzily the citation, quoted words, note and tags.
    pub fn notes_rows(&self, filter: &str) -> Vec<usize> {
        let (tags, colours, query) = split_filter(filter);
        let kept = |v: &NoteView| {
            tags.iter().all(|t| has_tag(&v.text, t))
                && (colours.is_empty() || v.highlight.is_some_and(|h| colours.contains(&h.colour)))
        };
        if query.is_empty() {
            return (0..self.note_index.views.len())
                .filter(|&i| kept(&self.note_index.views[i]))
                .collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize)> = self
            .note_index
            .views
            .iter()
            .enumerate()
            .filter(|(_, v)| kept(v))
            .filter_map(|(i, v)| {
                let hay = format!("{} {} {}", v.citation, v.quote, v.text);
                matcher.fuzzy_match(&hay, &query).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    pub(super) fn open_notes_list(&mut self) -> Vec<Effect> {
        if self.notes.is_none() {
            self.set_message(
                "notes are off: no configuration directory (set REPORT_READER_CONFIG_DIR)",
                MessageKind::Warning,
            );
            return Vec::new();
        }
        self.overlay = Overlay::Notes(NotesList::default());
        // Another copy of the program may have added notes since.
        vec![Effect::ReloadNotes]
    }
}

impl App {
    /// Deletes the note or highlight `view` shows, keeping it for `u`.
    pub(super) fn delete_view(&mut self, view: &NoteView, what: &str) -> Vec<Effect> {
        let fp = self.doc.fingerprint();
        let Some(store) = self.notes.as_mut() else {
            return Vec::new();
        };
        let kept = store.note(&fp, &view.id).cloned();
        match store.delete(&fp, &view.id) {
            Ok(()) => {
                self.last_deleted = kept;
                self.refresh_notes();
                self.set_message(
                    format!("{what} on {} deleted; u brings it back", view.citation),
                    MessageKind::Info,
                );
                vec![Effect::SaveNotes]
            }
            Err(e) => {
                self.set_message(e.to_string(), MessageKind::Error);
                Vec::new()
            }
        }
    }

    /// Brings back the note deleted last: its id, when it came back.
    pub(super) fn undo_delete(&mut self) -> (Option<String>, Vec<Effect>) {
        let fp = self.doc.fingerprint();
        let (Some(note), Some(store)) = (self.last_deleted.take(), self.notes.as_mut()) else {
            self.set_message("nothing to bring back", MessageKind::Info);
            return (None, Vec::new());
        };
        let id = store.readd(&fp, &note);
        self.refresh_notes();
        self.set_message("note brought back", MessageKind::Info);
        (Some(id), vec![Effect::SaveNotes])
    }
}

pub(super) fn notes_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Notes(list) = &mut app.overlay else {
        return Vec::new();
    };
    let rows = {
        let filter = list.filter.clone();
        app.notes_rows(&filter)
    };
    let Overlay::Notes(list) = &mut app.overlay else {
        return Vec::new();
    };
    if list.filtering {
        match action {
            Action::Confirm | Action::Close => list.filtering = false,
            Action::DeleteBack => {
                list.filter.pop();
                list.selected = 0;
            }
            _ => {}
        }
        return Vec::new();
    }
    let n = rows.len();
    let chosen = rows.get(list.selected).copied();
    match action {
        Action::LineDown => list.selected = (list.selected + 1).min(n.saturating_sub(1)),
        Action::LineUp => list.selected = list.selected.saturating_sub(1),
        Action::FilterNotes => list.filtering = true,
        Action::Close => app.overlay = Overlay::None,
        Action::Select => {
            let Some(view) = chosen.and_then(|i| app.note_index.views.get(i)).cloned() else {
                return Vec::new();
            };
            match view.location {
                Some(l) => {
                    app.overlay = Overlay::None;
                    match l.paragraph(&app.doc) {
                        Some(p) => app.goto_paragraph(p, true),
                        None => app.top = Pos::default(),
                    }
                    if let Location::Footnote(f) = l {
                        app.set_message(
                            format!("a note on footnote {}: press f", app.doc.footnotes[f].label),
                            MessageKind::Info,
                        );
                    }
                }
                None => app.set_message(
                    "this note's place is not in this text; it is kept, and exported with --notes",
                    MessageKind::Info,
                ),
            }
        }
        Action::EditNote => {
            let Some(view) = chosen.and_then(|i| app.note_index.views.get(i)).cloned() else {
                return Vec::new();
            };
            let fp = app.doc.fingerprint();
            let note = app
                .notes
                .as_ref()
                .and_then(|s| s.note(&fp, &view.id))
                .cloned();
            if let Some(note) = note {
                let target = view
                    .location
                    .map(|l| l.target(&app.doc))
                    .or_else(|| note.target());
                match target {
                    Some(t) => app.open_editor(vec![t], 0, Some(&note)),
                    None => {
                        app.set_message("this note has no place to edit it at", MessageKind::Info)
                    }
                }
            }
        }
        Action::DeleteNote => {
            let Some(view) = chosen.and_then(|i| app.note_index.views.get(i)).cloned() else {
                return Vec::new();
            };
            let effects = app.delete_view(&view, "note");
            if let Overlay::Notes(list) = &mut app.overlay {
                list.selected = list.selected.min(n.saturating_sub(2));
            }
            return effects;
        }
        Action::UndoDelete => return app.undo_delete().1,
        _ => {}
    }
    Vec::new()
}
