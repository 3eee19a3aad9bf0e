//! `Notebook`: the notes in memory and every change made to them, with no
//! file behind it. The reader keeps one and changes it in `update`; a
//! `NoteStore` (the file, its lock and merge) saves it as an effect and
//! gives back the merged notes.

use std::path::{Path, PathBuf};

use super::anchor::Placement;
use super::error::StoreError;
use super::highlight::{self, Placer, Span};
use super::merge::merge_document;
use super::sync::{Key, Sync};
use super::{Annotations, DocumentNotes, Note, Target};
use crate::document::Document;

#[derive(Debug, Clone, PartialEq)]
pub struct Notebook {
    /// The file these notes belong to, named in errors.
    pub(super) path: PathBuf,
    pub(super) annotations: Annotations,
    pub(super) dirty: bool,
    /// What was last seen of each note in the file, and what changed since.
    pub(super) sync: Sync,
    /// Counts changes, so a store saves only after one (see `NoteStore`).
    pub(super) changes: u64,
}

/// Notes kept for another edition of the same report (same title, other
/// fingerprint) that could be carried over to the open one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarryOffer {
    pub from: String,
    pub title: String,
    pub notes: usize,
}

/// What `carry` did: notes carried in place or moved, and the notes whose
/// quote the text does not hold, left with their document.
#[derive(Debug)]
pub struct CarryReport {
    pub exact: usize,
    pub moved: usize,
    pub left: usize,
    pub saved: Result<(), StoreError>,
}

/// Where `note`'s quoted words are in the placer's document; None when it
/// quotes nothing or the document does not hold them.
fn quote_found(placer: &mut Placer, note: &Note) -> Option<(Placement, Option<Span>)> {
    if note.quote.exact.trim().is_empty() {
        return None;
    }
    let found = placer.place(note);
    found.0.location().is_some().then_some(found)
}

impl Notebook {
    /// No notes, for the file at `path`.
    pub fn new(path: &Path) -> Notebook {
        Notebook {
            path: path.to_path_buf(),
            annotations: Annotations::default(),
            dirty: false,
            sync: Sync::default(),
            changes: 0,
        }
    }

    /// Brings back a deleted note (the undo of `delete`) as a new note with
    /// the old one's text and place: the tombstone must stay, or another
    /// copy of the file could resurrect or re-delete the wrong note.
    pub fn readd(&mut self, fingerprint: &str, deleted: &Note) -> String {
        let mut note = deleted.clone();
        note.id = uuid::Uuid::new_v4().to_string();
        note.deleted = None;
        note.updated = super::now();
        let id = note.id.clone();
        self.annotations
            .documents
            .entry(fingerprint.to_string())
            .or_default()
            .notes
            .push(note);
        self.dirty = true;
        self.changes += 1;
        id
    }

    /// Adds a note on `target`: its id. Err only when the target is not in `doc`.
    pub fn add(
        &mut self,
        doc: &Document,
        target: &Target,
        text: &str,
    ) -> Result<String, StoreError> {
        let note = Note::new(doc, target, text).ok_or_else(|| StoreError::NoSuchTarget {
            path: self.path.clone(),
        })?;
        Ok(self.push(doc, note))
    }

    /// Adds a highlight of `span` in `colour`, with a note `text` (which may
    /// be empty): its id.
    pub fn add_highlight(&mut self, doc: &Document, span: &Span, colour: u8, text: &str) -> String {
        self.push(doc, highlight::new_note(doc, span, colour, text))
    }

    /// Gives a highlight another colour. Errors as for `change`.
    pub fn recolour(&mut self, fingerprint: &str, id: &str, colour: u8) -> Result<(), StoreError> {
        let note = self.live_note_mut(fingerprint, id)?;
        if note.highlight.as_ref().is_none_or(|h| h.colour == colour) {
            return Ok(());
        }
        self.change(fingerprint, id, |note| {
            if let Some(h) = &mut note.highlight {
                h.colour = colour.clamp(1, highlight::COLOURS);
            }
            note.updated = later_than(note.updated);
        })
    }

    /// A new note, marked as changed here.
    fn push(&mut self, doc: &Document, note: Note) -> String {
        let id = note.id.clone();
        let fingerprint = doc.fingerprint();
        let entry = self
            .annotations
            .documents
            .entry(fingerprint.clone())
            .or_default();
        if entry.title.is_empty() {
            entry.title = doc.title();
        }
        entry.notes.push(note);
        self.sync.changed(Key::new(&fingerprint, &id));
        self.dirty = true;
        self.changes += 1;
        id
    }

    /// Changes a live note with `apply`, one revision past what this copy
    /// last saw in the file (however often it changes before the next
    /// save). `NoSuchNote` means nothing changed.
    fn change(
        &mut self,
        fingerprint: &str,
        id: &str,
        apply: impl FnOnce(&mut Note),
    ) -> Result<(), StoreError> {
        let seen = self.sync.seen(&Key::new(fingerprint, id));
        let note = self.live_note_mut(fingerprint, id)?;
        apply(note);
        // A revision at the very top (a hand-edited file) stays there; the
        // later `updated` then decides, and the change is not dropped.
        note.rev = seen.unwrap_or(note.rev).saturating_add(1);
        self.sync.changed(Key::new(fingerprint, id));
        self.dirty = true;
        self.changes += 1;
        Ok(())
    }

    /// Replaces a note's text, and drops its draft. Errors as for `change`.
    pub fn edit(&mut self, fingerprint: &str, id: &str, text: &str) -> Result<(), StoreError> {
        let note = self.live_note_mut(fingerprint, id)?;
        if note.text == text && note.draft.is_none() {
            return Ok(());
        }
        self.change(fingerprint, id, |note| {
            note.text = text.to_string();
            note.draft = None;
            note.updated = later_than(note.updated);
        })
    }

    /// Deletes a note, leaving a tombstone (its text cleared) so that no
    /// other copy brings it back. Errors as for `change`.
    pub fn delete(&mut self, fingerprint: &str, id: &str) -> Result<(), StoreError> {
        self.change(fingerprint, id, |note| {
            let now = later_than(note.updated);
            note.text.clear();
            note.draft = None;
            note.updated = now;
            note.deleted = Some(now);
        })
    }

    /// Keeps text typed in the editor and not saved, when the program is
    /// stopped: on the note `id`, or on a new note on `target` whose text is
    /// empty until the draft is saved.
    pub fn keep_draft(
        &mut self,
        doc: &Document,
        target: &Target,
        id: Option<&str>,
        draft: &str,
    ) -> Result<(), StoreError> {
        let id = match id {
            Some(id) => id.to_string(),
            None => self.add(doc, target, "")?,
        };
        self.change(&doc.fingerprint(), &id, |note| {
            note.draft = Some(draft.to_string());
        })
    }

    /// Drops a note's draft; a note that was only a draft goes with it.
    pub fn discard_draft(&mut self, fingerprint: &str, id: &str) -> Result<(), StoreError> {
        let note = self.live_note_mut(fingerprint, id)?;
        if note.draft.is_none() {
            return Ok(());
        }
        if note.text.is_empty() {
            return self.delete(fingerprint, id);
        }
        self.change(fingerprint, id, |note| note.draft = None)
    }

    /// The notes of one document that hold a draft.
    pub fn drafts(&self, fingerprint: &str) -> Vec<&Note> {
        self.annotations
            .live_notes(fingerprint)
            .filter(|n| n.draft.is_some())
            .collect()
    }

    fn live_note_mut(&mut self, fingerprint: &str, id: &str) -> Result<&mut Note, StoreError> {
        let path = self.path.clone();
        self.annotations
            .documents
            .get_mut(fingerprint)
            .and_then(|d| d.notes.iter_mut().find(|n| n.id == id && !n.is_deleted()))
            .ok_or(StoreError::NoSuchNote {
                path,
                id: id.to_string(),
            })
    }

    /// The notes of one document, deleted ones left out.
    pub fn notes(&self, fingerprint: &str) -> Vec<&Note> {
        self.annotations.live_notes(fingerprint).collect()
    }

    pub fn note(&self, fingerprint: &str, id: &str) -> Option<&Note> {
        self.annotations
            .live_notes(fingerprint)
            .find(|n| n.id == id)
    }

    /// The notes of `doc`, each with where it falls in `doc`.
    pub fn placed(&self, doc: &Document) -> Vec<(Placement, &Note)> {
        let mut placer = Placer::new(doc);
        self.annotations
            .live_notes(&doc.fingerprint())
            .map(|n| (placer.placement(n), n))
            .collect()
    }

    /// When `doc` has no notes, the other editions of it that have notes
    /// whose quoted text `doc` holds, most such notes first. The title only
    /// picks which documents to look in: a note is carried on its quote.
    pub fn carry_offers(&self, doc: &Document) -> Vec<CarryOffer> {
        let fingerprint = doc.fingerprint();
        if self.annotations.live_notes(&fingerprint).next().is_some() {
            return Vec::new();
        }
        let title = doc.title();
        let mut placer = Placer::new(doc);
        let mut offers: Vec<CarryOffer> = self
            .annotations
            .documents
            .iter()
            .filter(|(key, d)| **key != fingerprint && d.title == title)
            .map(|(key, d)| CarryOffer {
                from: key.clone(),
                title: d.title.clone(),
                notes: d
                    .notes
                    .iter()
                    .filter(|n| !n.is_deleted() && quote_found(&mut placer, n).is_some())
                    .count(),
            })
            .filter(|o| o.notes > 0)
            .collect();
        offers.sort_by(|a, b| b.notes.cmp(&a.notes).then_with(|| a.from.cmp(&b.from)));
        offers
    }

    /// Copies the notes of document `from` whose quotes `doc` holds onto
    /// `doc`, re-anchored: each keeps its id (so carrying twice changes
    /// nothing, and a note deleted after carrying stays deleted) and gets
    /// the new paragraph and quote. The notes under `from` are left as they
    /// are. Not saved yet (`saved` is Ok).
    pub fn carry(&mut self, from: &str, doc: &Document) -> CarryReport {
        let mut report = CarryReport {
            exact: 0,
            moved: 0,
            left: 0,
            saved: Ok(()),
        };
        let Some(source) = self.annotations.documents.get(from) else {
            return report;
        };
        let mut carried = DocumentNotes {
            title: doc.title(),
            ..DocumentNotes::default()
        };
        let mut placer = Placer::new(doc);
        for note in source.notes.iter().filter(|n| !n.is_deleted()) {
            // A note whose quote this text does not hold is another report's:
            // it stays where it is.
            let Some(found) = quote_found(&mut placer, note) else {
                report.left += 1;
                continue;
            };
            let mut note = note.clone();
            match &found.0 {
                Placement::Exact(_) => report.exact += 1,
                Placement::Moved(_) => report.moved += 1,
                Placement::Orphan => {}
            }
            highlight::follow(doc, &mut note, found);
            carried.notes.push(note);
        }
        self.merge_in(&doc.fingerprint(), carried);
        report
    }

    /// Merges `notes` by id into the notes of document `key`, as two copies
    /// of the file merge (the later revision wins). Not saved yet.
    pub fn merge_in(&mut self, key: &str, notes: DocumentNotes) {
        let merged = match self.annotations.documents.get(key) {
            Some(existing) => merge_document(existing, &notes),
            None => notes,
        };
        self.annotations.documents.insert(key.to_string(), merged);
        self.dirty = true;
        self.changes += 1;
    }

    /// Everything in memory, deleted notes included.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    /// The notes file these belong to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when memory holds changes the file does not.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }
}

/// A timestamp after `previous`, so an edit always wins over what it edits
/// even when the clock has not moved. At the last moment `time` can hold (a
/// file from elsewhere) it stays there: the revision then decides.
fn later_than(previous: time::OffsetDateTime) -> time::OffsetDateTime {
    let now = super::now();
    if now > previous {
        now
    } else {
        previous
            .checked_add(time::Duration::nanoseconds(1))
            .unwrap_or(previous)
    }
}
