//! The reader's own notes inside the app: the editor, the notes list, note
//! marks in the text, citations, marks, and the reading position.
//!
//! Changes go to the store in memory; saving is an effect (`Effect::SaveNotes`)
//! that the event loop carries out after the update.

use std::collections::BTreeMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui_textarea::{TextArea, WrapMode};

use super::{App, Effect, MessageKind, Overlay, Pos};
use crate::action::Action;
use crate::keymap::KeyPress;
use crate::layout::{BlockKind, InlineNotes, build_blocks_with_notes};
use crate::notes::anchor::{Location, Placement};
use crate::notes::citation::{citation, full_citation};
use crate::notes::state::DocumentState;
use crate::notes::store::NoteStore;
use crate::notes::{Note, Target};

/// A note as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    pub id: String,
    pub location: Option<Location>,
    /// "para. 37", "para. 66 (b)", "footnote 15".
    pub citation: String,
    pub text: String,
    /// YYYY-MM-DD of the last change.
    pub date: String,
    pub moved: bool,
}

impl NoteView {
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

/// Every note of the open document, placed, and counted where the panes need it.
#[derive(Debug, Clone, Default)]
pub struct NoteIndex {
    /// Document order; orphans (no location) last.
    pub views: Vec<NoteView>,
    /// Per paragraph index: notes on it or its sub-items.
    pub per_paragraph: Vec<u32>,
    /// Per (paragraph, sub-item) with notes, for the gutter of sub-items.
    pub per_sub_item: BTreeMap<(usize, usize), u32>,
    /// Per footnote index: indices into `views`.
    pub per_footnote: BTreeMap<usize, Vec<usize>>,
    pub per_part: Vec<u32>,
    pub per_section: Vec<u32>,
}

impl NoteIndex {
    pub fn build(app_doc: &crate::document::Document, store: Option<&NoteStore>) -> NoteIndex {
        let doc = app_doc;
        let mut index = NoteIndex {
            per_paragraph: vec![0; doc.paragraphs.len()],
            per_part: vec![0; doc.parts.len()],
            per_section: vec![0; doc.sections.len()],
            ..NoteIndex::default()
        };
        let Some(store) = store else {
            return index;
        };
        let mut placed: Vec<(Placement, &Note)> = store.placed(doc);
        let order = |p: &Placement| match p.location() {
            Some(Location::Paragraph(i)) => (0, i, 0, 0),
            Some(Location::SubItem { paragraph, item }) => (0, paragraph, 1 + item, 0),
            Some(Location::Footnote(f)) => {
                let p = doc.footnotes[f].cited_by.first().copied().unwrap_or(0);
                (0, p, usize::MAX, f)
            }
            None => (1, 0, 0, 0),
        };
        placed.sort_by(|a, b| {
            order(&a.0)
                .cmp(&order(&b.0))
                .then(a.1.created.cmp(&b.1.created))
        });
        for (placement, note) in placed {
            let location = placement.location();
            let citation = match (location, note.target()) {
                (Some(l), _) => citation(doc, &l.target(doc)),
                (None, Some(t)) => format!("{} (not found in this text)", citation(doc, &t)),
                (None, None) => "unplaced".into(),
            };
            let date = note.updated.date().to_string();
            let view = NoteView {
                id: note.id.clone(),
                location,
                citation,
                text: note.text.clone(),
                date,
                moved: matches!(placement, Placement::Moved(_)),
            };
            let paragraph = location.and_then(|l| l.paragraph(doc));
            if let Some(p) = paragraph {
                index.per_paragraph[p] += 1;
                let para = &doc.paragraphs[p];
                index.per_part[para.part] += 1;
                if let Some(s) = para.section {
                    index.per_section[s] += 1;
                }
            }
            match location {
                Some(Location::SubItem { paragraph, item }) => {
                    *index.per_sub_item.entry((paragraph, item)).or_default() += 1;
                }
                Some(Location::Footnote(f)) => {
                    index
                        .per_footnote
                        .entry(f)
                        .or_default()
                        .push(index.views.len());
                }
                _ => {}
            }
            index.views.push(view);
        }
        index
    }

    /// Notes to show under their paragraphs (footnote notes stay in the popup).
    fn inline(&self, doc: &crate::document::Document) -> InlineNotes {
        let mut out = InlineNotes::new();
        for v in &self.views {
            match v.location {
                Some(Location::Paragraph(p)) | Some(Location::SubItem { paragraph: p, .. }) => {
                    out.entry(p)
                        .or_default()
                        .push((v.citation.clone(), v.text.clone()));
                }
                Some(Location::Footnote(f)) => {
                    if let Some(&p) = doc.footnotes[f].cited_by.first() {
                        out.entry(p)
                            .or_default()
                            .push((v.citation.clone(), v.text.clone()));
                    }
                }
                None => {}
            }
        }
        out
    }
}

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

/// The list of notes: a filter and a selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesList {
    pub filter: String,
    pub filtering: bool,
    pub selected: usize,
}

/// A key that waits for a letter: `m` then a letter, `'` then a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    SetMark,
    GotoMark,
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
    /// Gives the app a notes store: saving becomes an effect after each change.
    pub fn attach_store(&mut self, mut store: NoteStore) {
        store.set_autosave(false);
        if store.is_read_only() {
            self.set_message(
                format!(
                    "{}: read-only, notes will not be saved",
                    store.path().display()
                ),
                MessageKind::Warning,
            );
        }
        // Notes written on another edition of this report follow it here,
        // re-anchored by their quotes; the other edition keeps its copy.
        if let Some(offer) = store.carry_offers(&self.doc).into_iter().next() {
            let report = store.carry(&offer.from, &self.doc);
            let total = report.exact + report.moved + report.orphans;
            let mut text = format!(
                "{total} note{} carried over from another edition of this report ({} in place, {} moved, {} not found but kept)",
                if total == 1 { "" } else { "s" },
                report.exact,
                report.moved,
                report.orphans
            );
            if let Err(e) = report.saved {
                text = format!("{text}; not saved yet: {e}");
            }
            self.set_message(text, MessageKind::Info);
        }
        self.notes = Some(store);
        self.refresh_notes();
    }

    /// Recomputes the note index, and the layout if notes are shown inline.
    pub fn refresh_notes(&mut self) {
        self.note_index = NoteIndex::build(&self.doc, self.notes.as_ref());
        // Note blocks exist exactly while notes are shown inline.
        if self.show_notes_inline {
            self.rebuild_blocks();
        }
    }

    /// Rebuilds the blocks (notes shown or hidden) and keeps the reading place.
    pub fn rebuild_blocks(&mut self) {
        let top_kind = self.blocks.get(self.top.block).map(|b| b.kind);
        let top_line = self.top.line;
        let notes = if self.show_notes_inline {
            self.note_index.inline(&self.doc)
        } else {
            InlineNotes::new()
        };
        self.blocks = build_blocks_with_notes(&self.doc, &notes);
        self.index_blocks();
        self.wrap = crate::layout::WrapCache::default();
        let block = top_kind
            .and_then(|k| self.blocks.iter().position(|b| b.kind == k))
            .or_else(|| {
                // A note block that went away: its paragraph.
                let p = self.current?;
                self.paragraph_block.get(p).copied()
            })
            .unwrap_or(0);
        self.top = Pos {
            block,
            line: top_line,
        };
        self.back.clear();
        self.forward.clear();
        self.prepare_view();
    }

    /// What a new note goes on: the paragraph, or the sub-item at the top of the pane.
    fn note_targets(&self) -> Option<(Vec<Target>, usize)> {
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

    fn open_editor(&mut self, targets: Vec<Target>, target: usize, existing: Option<&Note>) {
        if self.notes.is_none() {
            self.set_message(
                "notes are off: no configuration directory (set REPORT_READER_CONFIG_DIR)",
                MessageKind::Warning,
            );
            return;
        }
        let (note_id, original) = match existing {
            Some(n) => (Some(n.id.clone()), n.text.clone()),
            None => (None, String::new()),
        };
        self.overlay = Overlay::Editor(Box::new(NoteEditor {
            textarea: new_textarea(&original),
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
                self.overlay = Overlay::None;
                self.set_message("note discarded", MessageKind::Info);
            } else {
                self.message = None;
            }
            return Vec::new();
        }
        editor.textarea.input(key.to_textarea());
        Vec::new()
    }

    pub(super) fn editor_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Editor(editor) = &mut self.overlay else {
            return Vec::new();
        };
        if editor.confirm_discard {
            // Esc again (or any command) keeps the draft.
            editor.confirm_discard = false;
            self.message = None;
            return Vec::new();
        }
        match action {
            Action::Close => {
                if editor.changed() {
                    editor.confirm_discard = true;
                    self.set_message(
                        "discard this note's changes? y: discard, any other key: keep editing",
                        MessageKind::Warning,
                    );
                } else {
                    self.overlay = Overlay::None;
                }
                Vec::new()
            }
            Action::NextNoteTarget => {
                if editor.note_id.is_some() {
                    self.set_message("an existing note stays where it is", MessageKind::Info);
                } else if editor.targets.len() > 1 {
                    editor.target = (editor.target + 1) % editor.targets.len();
                }
                Vec::new()
            }
            Action::SaveNote => self.save_editor(),
            _ => Vec::new(),
        }
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
        let result = match (&editor.note_id, blank) {
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

    // ----- the notes list -----

    /// The notes list's rows after filtering: indices into `note_index.views`.
    pub fn notes_rows(&self, filter: &str) -> Vec<usize> {
        if filter.is_empty() {
            return (0..self.note_index.views.len()).collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize)> = self
            .note_index
            .views
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let hay = format!("{} {}", v.citation, v.text);
                matcher.fuzzy_match(&hay, filter).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    pub(super) fn open_notes_list(&mut self) {
        if self.notes.is_none() {
            self.set_message(
                "notes are off: no configuration directory (set REPORT_READER_CONFIG_DIR)",
                MessageKind::Warning,
            );
            return;
        }
        // Another copy of the program may have added notes since.
        if let Some(store) = self.notes.as_mut()
            && let Some(m) = store.reload()
        {
            self.set_message(m.to_string(), MessageKind::Warning);
        }
        self.refresh_notes();
        self.overlay = Overlay::Notes(NotesList::default());
    }

    pub(super) fn notes_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Notes(list) = &mut self.overlay else {
            return Vec::new();
        };
        let rows = {
            let filter = list.filter.clone();
            self.notes_rows(&filter)
        };
        let Overlay::Notes(list) = &mut self.overlay else {
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
            Action::Close => self.overlay = Overlay::None,
            Action::Select => {
                let Some(view) = chosen.and_then(|i| self.note_index.views.get(i)).cloned() else {
                    return Vec::new();
                };
                match view.location {
                    Some(l) => {
                        self.overlay = Overlay::None;
                        match l.paragraph(&self.doc) {
                            Some(p) => self.goto_paragraph(p, true),
                            None => self.top = Pos::default(),
                        }
                        if let Location::Footnote(f) = l {
                            self.set_message(
                                format!("a note on footnote {}: press f", self.doc.footnotes[f].label),
                                MessageKind::Info,
                            );
                        }
                    }
                    None => self.set_message(
                        "this note's place is not in this text; it is kept, and exported with --notes",
                        MessageKind::Info,
                    ),
                }
            }
            Action::EditNote => {
                let Some(view) = chosen.and_then(|i| self.note_index.views.get(i)).cloned() else {
                    return Vec::new();
                };
                let fp = self.doc.fingerprint();
                let note = self
                    .notes
                    .as_ref()
                    .and_then(|s| s.note(&fp, &view.id))
                    .cloned();
                if let Some(note) = note {
                    let target = view
                        .location
                        .map(|l| l.target(&self.doc))
                        .or_else(|| note.target());
                    match target {
                        Some(t) => self.open_editor(vec![t], 0, Some(&note)),
                        None => self
                            .set_message("this note has no place to edit it at", MessageKind::Info),
                    }
                }
            }
            Action::DeleteNote => {
                let Some(view) = chosen.and_then(|i| self.note_index.views.get(i)).cloned() else {
                    return Vec::new();
                };
                let fp = self.doc.fingerprint();
                let Some(store) = self.notes.as_mut() else {
                    return Vec::new();
                };
                let kept = store.note(&fp, &view.id).cloned();
                match store.delete(&fp, &view.id) {
                    Ok(()) => {
                        self.last_deleted = kept;
                        self.refresh_notes();
                        if let Overlay::Notes(list) = &mut self.overlay {
                            list.selected = list.selected.min(n.saturating_sub(2));
                        }
                        self.set_message(
                            format!("note on {} deleted; u brings it back", view.citation),
                            MessageKind::Info,
                        );
                        return vec![Effect::SaveNotes];
                    }
                    Err(e) => self.set_message(e.to_string(), MessageKind::Error),
                }
            }
            Action::UndoDelete => {
                let fp = self.doc.fingerprint();
                let Some(note) = self.last_deleted.take() else {
                    self.set_message("nothing to bring back", MessageKind::Info);
                    return Vec::new();
                };
                let Some(store) = self.notes.as_mut() else {
                    return Vec::new();
                };
                match store.readd(&fp, &note) {
                    Ok(_) => {
                        self.refresh_notes();
                        self.set_message("note brought back", MessageKind::Info);
                        return vec![Effect::SaveNotes];
                    }
                    Err(e) => {
                        self.set_message(e.to_string(), MessageKind::Error);
                        self.last_deleted = Some(note);
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    // ----- citations, marks, reading position -----

    /// `y`: the citation of what is being read, for the clipboard.
    pub(super) fn copy_citation(&mut self, footnote: Option<usize>) -> Vec<Effect> {
        let target = match footnote {
            Some(f) => Target::Footnote(self.doc.footnotes[f].label.to_string()),
            None => match self.note_targets() {
                Some((targets, chosen)) => targets[chosen].clone(),
                None => {
                    self.set_message("go to a numbered paragraph to cite it", MessageKind::Info);
                    return Vec::new();
                }
            },
        };
        let text = full_citation(&self.doc, &target);
        self.set_message(format!("copied: {text}"), MessageKind::Info);
        vec![Effect::Copy(text)]
    }

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

    /// Where the reader is, to be kept in state.json.
    pub fn reading_state(&self, mut state: DocumentState) -> DocumentState {
        state.paragraph = self.current.map(|p| self.doc.paragraphs[p].number);
        state.offset = self
            .current
            .map(|p| {
                let block = self.paragraph_block[p];
                if self.top.block == block {
                    self.top.line as u32
                } else {
                    0
                }
            })
            .unwrap_or(0);
        state.folded = self
            .contents
            .folded
            .iter()
            .filter_map(|&p| self.doc.parts.get(p).map(|part| part.numeral.clone()))
            .collect();
        state.folded.sort();
        state.marks = self.marks.clone();
        state
    }

    /// Puts the reader back where `state` says.
    pub fn restore_reading_state(&mut self, state: &DocumentState) {
        self.marks = state.marks.clone();
        self.contents.folded = state
            .folded
            .iter()
            .filter_map(|n| self.doc.parts.iter().position(|p| &p.numeral == n))
            .collect();
        self.rebuild_contents();
        if let Some(p) = state.paragraph.and_then(|n| self.doc.paragraph_index(n)) {
            self.goto_paragraph(p, false);
            let block = self.paragraph_block[p];
            let h = self.wrap.height(&self.blocks, block);
            if state.offset > 0 && (state.offset as usize) < h {
                self.top = Pos {
                    block,
                    line: state.offset as usize,
                };
            }
            self.current = Some(p);
        }
        self.prepare_view();
    }
}
