//! `NoteStore`: the notes file on disk and its copy in memory (a `Notebook`).
//!
//! Every change made through the store is saved at once: under an exclusive lock on
//! `annotations.json.lock` the file is re-read, merged with memory by note
//! id, and written atomically. Memory then holds the merged set, so notes
//! written by another running copy appear. Nothing here panics; problems
//! are values that display as one line naming the file.

use std::path::{Path, PathBuf};

use super::anchor::Placement;
use super::error::{StoreError, StoreMessage};
use super::fsio::{self, Disk};
use super::highlight::Span;
use super::merge::merge;
use super::notebook::{CarryOffer, CarryReport, Notebook};
use super::repair::{distinct_ids, salvage};
use super::{ANNOTATIONS_FILE, Annotations, DocumentNotes, Note, SCHEMA_VERSION, Target};
use crate::document::Document;

#[derive(Debug)]
pub struct NoteStore {
    dir: PathBuf,
    /// Set once the file is seen with a newer schema: never written again.
    newer: Option<u64>,
    messages: Vec<StoreMessage>,
    /// The largest file read, and so the largest written (`fsio::MAX_FILE_BYTES`).
    cap: u64,
    /// The notes in memory: changed through the store's own methods (each
    /// saves at once), or handed in by a reader that keeps its own
    /// (`save_notebook`, `reload_notebook`).
    book: Notebook,
}

/// The result of `NoteStore::add`: the note is in memory whatever `saved` says.
#[derive(Debug)]
pub struct AddedNote {
    pub id: String,
    pub saved: Result<(), StoreError>,
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
        let mut store = NoteStore {
            dir: dir.to_path_buf(),
            newer: None,
            messages: Vec::new(),
            cap: cap.min(fsio::MAX_FILE_BYTES),
            book: Notebook::new(&dir.join(ANNOTATIONS_FILE)),
        };
        let message = store.read_in().or_else(|| store.set_aside_earlier());
        // Recovered notes go back into a readable file straight away.
        if store.book.dirty {
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
            fsio::lock(self.path()).ok()
        } else {
            None
        };
        let message = match fsio::read_disk(self.path(), self.cap, salvage) {
            Disk::Missing => None,
            Disk::Read(disk) => {
                let (disk, made_distinct) = self.distinct_ids(disk);
                let merged = self.reconcile(&disk);
                // Ids made distinct must reach the file, or they would be made again.
                self.book.dirty = (self.book.dirty && merged != disk) || made_distinct;
                self.book.annotations = merged;
                None
            }
            Disk::Salvaged { value, message } => {
                let recovered = value != Annotations::default();
                let (value, made_distinct) = self.distinct_ids(value);
                self.book.annotations = self.reconcile(&value);
                self.book.dirty |= recovered || made_distinct;
                Some(message)
            }
            Disk::Newer { version, value } => {
                self.newer = Some(version);
                let (value, made_distinct) = self.distinct_ids(value);
                self.book.annotations = self.reconcile(&value);
                self.book.dirty |= made_distinct;
                Some(StoreMessage::NewerSchema {
                    path: self.path().to_path_buf(),
                    version,
                })
            }
            Disk::Blocked(message) => Some(message),
        };
        self.book.sync.seen_all_but_changed(&self.book.annotations);
        message
    }

    /// Memory merged with what the file holds, after settling each note
    /// changed here that another copy changed too (see `sync`).
    fn reconcile(&mut self, disk: &Annotations) -> Annotations {
        let settled = self.book.sync.settle(disk, &mut self.book.annotations);
        self.messages.extend(settled);
        merge(disk, &self.book.annotations)
    }

    /// Two notes with one id in the file: a copy equal to another is dropped,
    /// one that differs gets an id of its own (the same id in every copy of
    /// the program), and the user is told. Whether any were: the file must
    /// then be written again, so it happens once.
    fn distinct_ids(&mut self, annotations: Annotations) -> (Annotations, bool) {
        let (annotations, changed) = distinct_ids(annotations);
        if changed > 0 {
            self.messages.push(StoreMessage::DuplicateIds {
                path: self.path().to_path_buf(),
                notes: changed,
            });
        }
        (annotations, changed > 0)
    }

    /// Writes memory to disk, merged with what is there. Called by every
    /// change; call it again on quit while `is_dirty()`.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if let Some(version) = self.newer {
            return Err(StoreError::NewerSchema {
                path: self.path().to_path_buf(),
                version,
            });
        }
        fsio::ensure_dir(&self.dir)?;
        let _lock = fsio::lock(self.path())?;
        let disk = match fsio::read_disk(self.path(), self.cap, salvage) {
            Disk::Missing => Annotations::default(),
            Disk::Read(disk) => disk,
            Disk::Salvaged { value, message } => {
                self.messages.push(message);
                value
            }
            Disk::Newer { version, .. } => {
                self.newer = Some(version);
                return Err(StoreError::NewerSchema {
                    path: self.path().to_path_buf(),
                    version,
                });
            }
            Disk::Blocked(message) => {
                return Err(StoreError::Blocked {
                    path: self.path().to_path_buf(),
                    reason: message.to_string(),
                });
            }
        };
        // Told when read; here they are only written apart.
        let (disk, _) = distinct_ids(disk);
        if disk.schema_version < SCHEMA_VERSION {
            fsio::keep_older(self.path(), disk.schema_version)?;
        }
        self.book.annotations = self.reconcile(&disk);
        self.book.annotations.schema_version = SCHEMA_VERSION;
        let bytes = fsio::to_json(self.path(), &self.book.annotations)?;
        // Never a file this program could not read back.
        fsio::fits(self.path(), &bytes, self.cap)?;
        fsio::write_atomic(self.path(), &bytes)?;
        self.book.sync.saved(&self.book.annotations);
        self.book.dirty = false;
        Ok(())
    }

    /// Saves after `op` when it changed the notes: every change is saved at once.
    fn saving<T>(&mut self, op: impl FnOnce(&mut Notebook) -> T) -> (T, Result<(), StoreError>) {
        let before = self.book.changes;
        let out = op(&mut self.book);
        let saved = if self.book.changes == before {
            Ok(())
        } else {
            self.save()
        };
        (out, saved)
    }

    /// As `Notebook::readd`, and saved.
    pub fn readd(&mut self, fingerprint: &str, deleted: &Note) -> Result<String, StoreError> {
        let (id, saved) = self.saving(|book| book.readd(fingerprint, deleted));
        saved.map(|()| id)
    }

    /// Adds a note on `target`. Err only when the target is not in `doc`.
    pub fn add(
        &mut self,
        doc: &Document,
        target: &Target,
        text: &str,
    ) -> Result<AddedNote, StoreError> {
        let id = self.book.add(doc, target, text)?;
        Ok(AddedNote {
            id,
            saved: self.save(),
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
        let (id, saved) = self.saving(|book| book.add_highlight(doc, span, colour, text));
        AddedNote { id, saved }
    }

    /// Errors as for `Notebook::change`: `NoSuchNote` means nothing changed;
    /// any other error means the change is kept in memory and `is_dirty()`.
    fn changed(
        &mut self,
        op: impl FnOnce(&mut Notebook) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (out, saved) = self.saving(op);
        out.and(saved)
    }

    /// Gives a highlight another colour, and saves.
    pub fn recolour(&mut self, fingerprint: &str, id: &str, colour: u8) -> Result<(), StoreError> {
        self.changed(|book| book.recolour(fingerprint, id, colour))
    }

    /// Replaces a note's text, drops its draft, and saves.
    pub fn edit(&mut self, fingerprint: &str, id: &str, text: &str) -> Result<(), StoreError> {
        self.changed(|book| book.edit(fingerprint, id, text))
    }

    /// Deletes a note, leaving a tombstone, and saves.
    pub fn delete(&mut self, fingerprint: &str, id: &str) -> Result<(), StoreError> {
        self.changed(|book| book.delete(fingerprint, id))
    }

    /// As `Notebook::keep_draft`, and saved.
    pub fn keep_draft(
        &mut self,
        doc: &Document,
        target: &Target,
        id: Option<&str>,
        draft: &str,
    ) -> Result<(), StoreError> {
        self.changed(|book| book.keep_draft(doc, target, id, draft))
    }

    /// As `Notebook::discard_draft`, and saved.
    pub fn discard_draft(&mut self, fingerprint: &str, id: &str) -> Result<(), StoreError> {
        self.changed(|book| book.discard_draft(fingerprint, id))
    }

    /// The notes of one document that hold a draft.
    pub fn drafts(&self, fingerprint: &str) -> Vec<&Note> {
        self.book.drafts(fingerprint)
    }

    /// The notes of one document, deleted ones left out.
    pub fn notes(&self, fingerprint: &str) -> Vec<&Note> {
        self.book.notes(fingerprint)
    }

    pub fn note(&self, fingerprint: &str, id: &str) -> Option<&Note> {
        self.book.note(fingerprint, id)
    }

    /// The notes of `doc`, each with where it falls in `doc`.
    pub fn placed(&self, doc: &Document) -> Vec<(Placement, &Note)> {
        self.book.placed(doc)
    }

    /// See `Notebook::carry_offers`.
    pub fn carry_offers(&self, doc: &Document) -> Vec<CarryOffer> {
        self.book.carry_offers(doc)
    }

    /// As `Notebook::carry`, and saved.
    pub fn carry(&mut self, from: &str, doc: &Document) -> CarryReport {
        let mut report = self.book.carry(from, doc);
        report.saved = self.save();
        report
    }

    /// As `Notebook::merge_in`: not saved yet.
    pub fn merge_in(&mut self, key: &str, notes: DocumentNotes) {
        self.book.merge_in(key, notes)
    }

    /// Everything in memory, deleted notes included.
    pub fn annotations(&self) -> &Annotations {
        self.book.annotations()
    }

    /// The notes in memory.
    pub fn notebook(&self) -> &Notebook {
        &self.book
    }

    /// Saves `book`, notes kept in memory by the reader, merged with the
    /// file; gives back the merged notes, which the reader takes in place
    /// of its own (they hold its changes). On an error the reader keeps
    /// its own, still unsaved.
    pub fn save_notebook(&mut self, book: Notebook) -> Result<Notebook, StoreError> {
        let path = book.path().to_path_buf();
        self.book = book;
        let saved = self.save();
        let merged = std::mem::replace(&mut self.book, Notebook::new(&path));
        saved.map(|()| merged)
    }

    /// Merges what another process wrote since into `book`, as `reload` does.
    pub fn reload_notebook(&mut self, book: Notebook) -> (Notebook, Option<StoreMessage>) {
        let path = book.path().to_path_buf();
        self.book = book;
        let message = self.reload();
        let merged = std::mem::replace(&mut self.book, Notebook::new(&path));
        (merged, message)
    }

    /// Takes back `book`, the notes a reader held, merged with what the
    /// file holds now: before another report is opened on this store.
    pub fn resume(&mut self, book: Notebook) -> Option<StoreMessage> {
        self.book = book;
        self.reload()
    }

    pub fn path(&self) -> &Path {
        self.book.path()
    }

    /// Whether another copy of the program holds the file's lock now.
    pub fn lock_is_held(&self) -> bool {
        lock_is_held(self.path())
    }

    /// True when memory holds changes the file does not.
    pub fn is_dirty(&self) -> bool {
        self.book.is_dirty()
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
