//! Two copies of the program changing one note: what this copy last saw of
//! each note in the file, what it changed since, and how a change made here
//! is settled against one made elsewhere meanwhile. No edit is lost
//! silently: an edit beats a deletion, two edits are both kept, and each
//! case is told.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::error::StoreMessage;
use super::{Annotations, Note};

/// A note of one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    fingerprint: String,
    id: String,
}

impl Key {
    pub fn new(fingerprint: &str, id: &str) -> Key {
        Key {
            fingerprint: fingerprint.to_string(),
            id: id.to_string(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sync {
    /// The revision of each note when this copy last read or wrote the file.
    seen: HashMap<Key, u64>,
    /// Notes changed here and not yet written.
    changed: HashSet<Key>,
}

impl Sync {
    pub fn seen(&self, key: &Key) -> Option<u64> {
        self.seen.get(key).copied()
    }

    pub fn changed(&mut self, key: Key) {
        self.changed.insert(key);
    }

    /// After a read: what the file says is what was seen, except for notes
    /// changed here, which keep the revision they were changed from.
    pub fn seen_all_but_changed(&mut self, annotations: &Annotations) {
        for (fingerprint, doc) in &annotations.documents {
            for note in &doc.notes {
                let key = Key::new(fingerprint, &note.id);
                if !self.changed.contains(&key) {
                    self.seen.insert(key, note.rev);
                }
            }
        }
    }

    /// After a write: everything was seen, nothing is pending.
    pub fn saved(&mut self, annotations: &Annotations) {
        self.changed.clear();
        self.seen_all_but_changed(annotations);
    }

    /// Settles, in `mine`, each note changed here that the file shows
    /// changed elsewhere since this copy saw it (its revision moved on).
    /// Afterwards a plain merge by revision keeps the right version.
    pub fn settle(&mut self, disk: &Annotations, mine: &mut Annotations) -> Vec<StoreMessage> {
        let mut told = Vec::new();
        let mut keys: Vec<&Key> = self.changed.iter().collect();
        keys.sort_by(|a, b| (&a.fingerprint, &a.id).cmp(&(&b.fingerprint, &b.id)));
        let mut settled = Vec::new();
        for key in keys {
            let Some(theirs) = disk
                .documents
                .get(&key.fingerprint)
                .and_then(|d| d.notes.iter().find(|n| n.id == key.id))
            else {
                continue;
            };
            let base = self.seen.get(key).copied().unwrap_or(0);
            if theirs.rev <= base {
                continue;
            }
            let Some(doc) = mine.documents.get_mut(&key.fingerprint) else {
                continue;
            };
            let Some(at) = doc.notes.iter().position(|n| n.id == key.id) else {
                continue;
            };
            let ours = &mut doc.notes[at];
            let place = place_of(ours);
            match (ours.is_deleted(), theirs.is_deleted()) {
                (true, true) => {}
                (false, true) => {
                    ours.rev = theirs.rev.saturating_add(1);
                    told.push(StoreMessage::EditBeatDeletion { place });
                }
                (true, false) => {
                    *ours = theirs.clone();
                    told.push(StoreMessage::DeletionUndone { place });
                }
                (false, false) => {
                    ours.rev = theirs.rev.saturating_add(1);
                    if ours.text != theirs.text {
                        let mut other = theirs.clone();
                        other.id = derived_id(&key.id, theirs, "conflict", 1);
                        other.conflict_of = Some(key.id.clone());
                        if !doc.notes.iter().any(|n| n.id == other.id) {
                            doc.notes.push(other);
                        }
                        told.push(StoreMessage::KeptBoth { place });
                    }
                }
            }
            settled.push((key.clone(), theirs.rev));
        }
        for (key, rev) in settled {
            // What the file holds now was seen; a deletion undone is no longer ours to write.
            self.seen.insert(key, rev);
        }
        told
    }
}

/// "para. 37", "para. 66 (b)", "footnote 15": where a note is, for messages.
fn place_of(note: &Note) -> String {
    match (&note.footnote, note.paragraph, &note.sub_item) {
        (Some(label), _, _) => format!("footnote {label}"),
        (None, Some(n), Some(item)) => format!("para. {n} ({item})"),
        (None, Some(n), None) => format!("para. {n}"),
        (None, None, _) => "a paragraph".into(),
    }
}

/// An id for a version split off the note `id`, made from its content so
/// that every copy of the program makes the same one.
pub(crate) fn derived_id(id: &str, note: &Note, what: &str, n: u32) -> String {
    let mut hash = Sha256::new();
    for part in [
        note.text.as_str(),
        &note.created.unix_timestamp_nanos().to_string(),
        &note.updated.unix_timestamp_nanos().to_string(),
        &note.rev.to_string(),
        &n.to_string(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let short: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{id}-{what}-{short}")
}
