//! Merging two copies of the notes: a pure function, commutative,
//! associative and idempotent, so copies can be merged in any order.
//!
//! Notes are matched by id, and the version with more changes (`rev`) wins:
//! a stale copy never undoes a later edit or deletion. At the same revision
//! a tombstone (a deleted note) wins, then the newer `updated`. Exact ties
//! are broken by the serialized note, so the choice never depends on
//! argument order. Two copies that changed one note from the same revision
//! are told apart before this, by the store (`store::reconcile`).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Annotations, DocumentNotes, Note};

/// The union of `a` and `b`.
pub fn merge(a: &Annotations, b: &Annotations) -> Annotations {
    let empty = DocumentNotes::default();
    let mut documents = BTreeMap::new();
    // Through merge_document even when one side lacks the document, so
    // notes are always in the same order.
    for key in a.documents.keys().chain(b.documents.keys()) {
        if !documents.contains_key(key) {
            let ours = a.documents.get(key).unwrap_or(&empty);
            let theirs = b.documents.get(key).unwrap_or(&empty);
            documents.insert(key.clone(), merge_document(ours, theirs));
        }
    }
    Annotations {
        schema_version: a.schema_version.max(b.schema_version),
        documents,
        extra: merge_extra(&a.extra, &b.extra),
    }
}

/// The notes of one document from two copies.
pub fn merge_document(a: &DocumentNotes, b: &DocumentNotes) -> DocumentNotes {
    let mut by_id: BTreeMap<&str, &Note> = BTreeMap::new();
    for note in a.notes.iter().chain(&b.notes) {
        by_id
            .entry(note.id.as_str())
            .and_modify(|kept| {
                if compare_versions(note, kept) == Ordering::Greater {
                    *kept = note;
                }
            })
            .or_insert(note);
    }
    let mut notes: Vec<Note> = by_id.into_values().cloned().collect();
    notes.sort_by(|x, y| x.created.cmp(&y.created).then_with(|| x.id.cmp(&y.id)));
    let title = if a.title.is_empty() || b.title.is_empty() {
        format!("{}{}", a.title, b.title)
    } else {
        a.title.clone().max(b.title.clone())
    };
    DocumentNotes {
        title,
        notes,
        extra: merge_extra(&a.extra, &b.extra),
    }
}

/// Which of two versions of the same note wins: the greater.
pub(super) fn compare_versions(x: &Note, y: &Note) -> Ordering {
    x.rev
        .cmp(&y.rev)
        .then_with(|| x.is_deleted().cmp(&y.is_deleted()))
        .then_with(|| x.updated.cmp(&y.updated))
        .then_with(|| x.deleted.cmp(&y.deleted))
        .then_with(|| canonical(x).cmp(&canonical(y)))
}

/// Unknown keys from both; a key both hold with different values keeps the
/// greater serialized value, so the result does not depend on order.
fn merge_extra(a: &Map<String, Value>, b: &Map<String, Value>) -> Map<String, Value> {
    let mut out = a.clone();
    for (key, theirs) in b {
        match out.get_mut(key) {
            Some(ours) => {
                if ours != theirs && canonical(theirs) > canonical(ours) {
                    *ours = theirs.clone();
                }
            }
            None => {
                out.insert(key.clone(), theirs.clone());
            }
        }
    }
    out
}

/// A serialization that does not depend on key order.
fn canonical<T: serde::Serialize>(value: &T) -> String {
    // Through Value with sorted keys: `preserve_order` would otherwise keep
    // insertion order, and equal maps could serialize differently.
    fn sort(v: Value) -> Value {
        match v {
            Value::Object(map) => {
                let sorted: BTreeMap<String, Value> =
                    map.into_iter().map(|(k, v)| (k, sort(v))).collect();
                Value::Object(sorted.into_iter().collect())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(sort).collect()),
            other => other,
        }
    }
    serde_json::to_value(value)
        .map(sort)
        .and_then(|v| serde_json::to_string(&v))
        .unwrap_or_default()
}
