//! `NoteStore`: the notes file on disk and its copy in memory.
//!
//! Every change is saved at once: under an exclusive lock on
//! `annotations.json.lock` the file is re-read, merged with memory by note
//! id, and written atomically. Memory then holds the merged set, so notes
//! written by another running copy appear. Nothing here panics; problems
//! are values that display as one line naming the file.

use std::path::{Path, PathBuf};

use super::anchor::Placement;
use super::error::{StoreError, StoreMessage};
use super::fsio::{self, Disk};
use super::highlight::{self, Placer, Span};
use super::merge::{merge, merge_document};
use super::repair::{distinct_ids, salvage};
use super::sync::{Key, Sync};
use super::{ANNOTATIONS_FILE, Annotations, DocumentNotes, Note, SCHEMA_VERSION, Target};
use crate::document::Document;

#[derive(Debug)]
pub struct NoteStore {
    dir: PathBuf,
    path: PathBuf,
    annotations: Annotations,
    /// Set once the file is seen with a newer schema: never written again.
    newer: Option<u64>,
    dirty: bool,
    messages: Vec<StoreMessage>,
    /// When false, changes stay in memory until `save`: the reader saves as
    /// an effect after each update, outside the state change itself.
    autosave: bool,
    /// What this copy last saw of each note in the file, and what it changed since.
    sync: Sync,
    /// The largest file read, and so the largest written (`fsio::MAX_FILE_BYTES`).
    cap: u64,
}

/// The result of `NoteStore::add`: the note is in memory whatever `saved` says.
#[derive(Debug)]
pub struct AddedNote {
    pub id: String,
    pub saved: Result<(), StoreError>,
}

/// Notes kept for another edition of the same report (same title, other
/// fingerprint) that could be carried over to the open one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarryOffer {
    pub from: String,
    pub title: String,
    pub notes: usize,
}

/// What `NoteStore::carry` did: notes carried in place or moved, and the
/// notes whose quote the text does not hold, left with their document.
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

/// Whether another copy of the program holds the lock on the notes file
/// `path` now: worth telling the user before waiting for it.
pub fn lock_is_held(path: &Path) -> bool {
    fsio::lock_is_held(path)
}

/// The notes in `dir`, read without changing anything: a damaged file is
/// an error, never moved aside. For `--notes`.
pub fn read_only(dir: &Path) -> Result<Annotations, String> {
    let path = dir.join(ANNOTATIONS_FILE);
    let read = fsio::read_only(&path, fsio::MAX_FILE_BYTES, salvage)?;
    Ok(read.map(|a| distinct_ids(a).0).unwrap_or_default())
}

impl NoteStore {
    /// Opens the notes in `dir` (the configuration directory). A missing
    /// file is an empty store. A file that cannot be read is moved aside,
    /// never overwritten; a newer schema makes the store read-only.
    pub fn open(dir: &Path) -> (NoteStore, Option<StoreMessage>) {
        NoteStore::open_with_cap(dir, fsio::MAX_FILE_BYTES)
    }

    /// As `open`, reading and writing a file of at most `cap` bytes (less
    /// than the usual cap: for tests of what happens at the cap).
    pub fn open_with_cap(dir: &Path, cap: u64) -> (NoteStore, Option<StoreMessage>) {
        let path = dir.join(ANNOTATIONS_FILE);
        let mut store = NoteStore {
            dir: dir.to_path_buf(),
            path,
            annotations: Annotations::default(),
            newer: None,
            dirty: false,
            messages: Vec::new(),
            autosave: true,
            sync: Sync::default(),
            cap: cap.min(fsio::MAX_FILE_BYTES),
        };
        let message = store.read_in().or_else(|| store.set_aside_earlier());
        // Recovered notes go back into a readable file straight away.
        if store.dirty {
            let _ = store.save();
        }
        (store, message)
    }

    /// Damaged files moved aside on an earlier start are still said, until
    /// the user has dealt with them: an empty list must not look like lost notes.
    fn set_aside_earlier(&self) -> Option<StoreMessage> {
        let prefix = format!("{ANNOTATIONS_FILE}.corrupt-");
        let mut aside: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        aside.sort();
        let newest = aside.last()?.clone();
        Some(StoreMessage::SetAsideEarlier {
            newest,
            count: aside.len(),
        })
    }

    /// Merges in what another process wrote since, without saving; a file
    /// that cannot be read is moved aside, as when the store is opened.
    pub fn reload(&mut self) -> Option<StoreMessage> {
        self.read_in()
    }

    fn read_in(&mut self) -> Option<StoreMessage> {
        // Locked when possible: moving a file aside must not race a save.
        let _lock = if self.dir.is_dir() {
            fsio::lock(&self.path).ok()
        } else {
            None
        };
        let message = match fsio::read_disk(&self.path, self.cap, salvage) {
            Disk::Missing => None,
            Disk::Read(disk) => {
                let (disk, made_distinct) = self.distinct_ids(disk);
                let merged = self.reconcile(&disk);
                // Ids made distinct must reach the file, or they would be made again.
                self.dirty = (self.dirty && merged != disk) || made_distinct;
                self.annotations = merged;
                None
            }
            Disk::Salvaged { value, message } => {
                let recovered = value != Annotations::default();
                let (value, made_distinct) = self.distinct_ids(value);
                self.annotations = self.reconcile(&value);
                self.dirty |= recovered || made_distinct;
                Some(message)
            }
            Disk::Newer { version, value } => {
                self.newer = Some(version);
                let (value, made_distinct) = self.distinct_ids(value);
                self.annotations = self.reconcile(&value);
                self.dirty |= made_distinct;
                Some(StoreMessage::NewerSchema {
                    path: self.path.clone(),
                    version,
                })
            }
            Disk::Blocked(message) => Some(message),
        };
        self.sync.seen_all_but_changed(&self.annotations);
        message
    }

    /// Memory merged with what the file holds, after settling each note
    /// changed here that another copy changed too (see `sync`).
    fn reconcile(&mut self, disk: &Annotations) -> Annotations {
        let settled = self.sync.settle(disk, &mut self.annotations);
        self.messages.extend(settled);
        merge(disk, &self.annotations)
    }

    /// Two notes with one id in the file: a copy equal to another is dropped,
    /// one that differs gets an id of its own (the same id in every copy of
    /// the program), and the user is told. Whether any were: the file must
    /// then be written again, so it happens once.
    fn distinct_ids(&mut self, annotations: Annotations) -> (Annotations, bool) {
        let (annotations, changed) = distinct_ids(annotations);
        if changed > 0 {
            self.messages.push(StoreMessage::DuplicateIds {
                path: self.path.clone(),
                notes: changed,
            });
        }
        (annotations, changed > 0)
    }

    /// Whether each change saves at once (the default).
    pub fn set_autosave(&mut self, on: bool) {
        self.autosave = on;
    }

    fn save_if_auto(&mut self) -> Result<(), StoreError> {
        if self.autosave { self.save() } else { Ok(()) }
    }

    /// Brings back a deleted note (the undo of `delete`) as a new note with
    /// the old one's text and place: the tombstone must stay, or another
    /// copy of the file could resurrect or re-delete the wrong note.
    pub fn readd(&mut self, fingerprint: &str, deleted: &Note) -> Result<String, StoreError> {
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
        self.save_if_auto().map(|()| id)
    }

    /// Writes memory to disk, merged with what is there. Called by every
    /// change; call it again on quit while `is_dirty()`.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if let Some(version) = self.newer {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                version,
            });
        }
        fsio::ensure_dir(&self.dir)?;
        let _lock = fsio::lock(&self.path)?;
        let disk = match fsio::read_disk(&self.path, self.cap, salvage) {
            Disk::Missing => Annotations::default(),
            Disk::Read(disk) => disk,
            Disk::Salvaged { value, message } => {
                self.messages.push(message);
                value
            }
            Disk::Newer { version, .. } => {
                self.newer = Some(version);
                return Err(StoreError::NewerSchema {
                    path: self.path.clone(),
                    version,
                });
            }
            Disk::Blocked(message) => {
                return Err(StoreError::Blocked {
                    path: self.path.clone(),
                    reason: message.to_string(),
                });
            }
        };
        // Told when read; here they are only written apart.
        let (disk, _) = distinct_ids(disk);
        if disk.schema_version < SCHEMA_VERSION {
            fsio::keep_older(&self.path, disk.schema_version)?;
        }
        self.annotations = self.reconcile(&disk);
        self.annotations.schema_version = SCHEMA_VERSION;
        let bytes = fsio::to_json(&self.path, &self.annotations)?;
        // Never a file this program could not read back.
        fsio::fits(&self.path, &bytes, self.cap)?;
        fsio::write_atomic(&self.path, &bytes)?;
        self.sync.saved(&self.annotations);
        self.dirty = false;
        Ok(())
    }

    /// Adds a note on `target`. Err only when the target is not in `doc`.
    pub fn add(
        &mut self,
        doc: &Document,
        target: &Target,
        text: &str,
    ) -> Result<AddedNote, StoreError> {
        let id = self.push_note(doc, target, text)?;
        Ok(AddedNote {
            id,
            saved: self.save_if_auto(),
        })
    }

    /// Adds a highlight of `span` in `colour`, with a note `text` (which may
    /// be empty).
    pub fn add_highlight(
        &mut self,
        doc: &Document,
        span: &Span,
        colour: u8,
        text: &str,
    ) -> AddedNote {
        let id = self.push(doc, highlight::new_note(doc, span, colour, text));
        AddedNote {
            id,
            saved: self.save_if_auto(),
        }
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

    /// A new note on `target` in memory, marked as changed here; not saved yet.
    fn push_note(
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

    /// A new note in memory, marked as changed here; not saved yet.
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
        id
    }

    /// Changes a live note with `apply`, one revision past what this copy
    /// last saw in the file (however often it changes before the next save),
    /// and saves. `NoSuchNote` means nothing changed; any other error means
    /// the change is kept in memory and `is_dirty()`.
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
        self.save_if_auto()
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
            None => self.push_note(doc, target, "")?,
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
    /// the new paragraph and quote. The notes under `from` are left as they are.
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
        report.saved = self.save();
        report
    }

    /// Merges `notes` by id into the notes of document `key` in memory, as
    /// two copies of the file merge (the later revision wins). Not saved yet.
    pub fn merge_in(&mut self, key: &str, notes: DocumentNotes) {
        let merged = match self.annotations.documents.get(key) {
            Some(existing) => merge_document(existing, &notes),
            None => notes,
        };
        self.annotations.documents.insert(key.to_string(), merged);
        self.dirty = true;
    }

    /// Everything in memory, deleted notes included.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether another copy of the program holds the file's lock now.
    pub fn lock_is_held(&self) -> bool {
        lock_is_held(&self.path)
    }

    /// True when memory holds changes the file does not.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// True when the file has a newer schema: nothing will be written.
    pub fn is_read_only(&self) -> bool {
        self.newer.is_some()
    }

    /// Messages from saves (a file moved aside meanwhile), oldest first.
    pub fn take_messages(&mut self) -> Vec<StoreMessage> {
        std::mem::take(&mut self.messages)
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
