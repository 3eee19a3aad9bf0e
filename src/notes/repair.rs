//! What is made of a notes file that is not as this program writes it: the
//! notes that can be read from JSON of the wrong shape, and notes that a
//! hand edit left sharing one id.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::Value;

use super::{Annotations, DocumentNotes, Note};

/// Two different notes sharing an id (a hand-edited file) would collapse in
/// a merge; the later ones get ids of their own, made from their content so
/// that every copy of the program, and every reading, gives the same id.
/// Returns how many notes were dropped as copies or given an id.
pub(super) fn distinct_ids(mut annotations: Annotations) -> (Annotations, usize) {
    let mut changed = 0;
    for doc in annotations.documents.values_mut() {
        let mut seen: HashSet<String> = HashSet::new();
        // The notes kept under each id as it was written, to find an exact
        // copy among them alone: comparing with every note kept was quadratic.
        let mut under: HashMap<String, Vec<usize>> = HashMap::new();
        let mut kept: Vec<Note> = Vec::with_capacity(doc.notes.len());
        for mut note in std::mem::take(&mut doc.notes) {
            let original = note.id.clone();
            if !seen.insert(note.id.clone()) {
                changed += 1;
                let copies = under.get(&original);
                if copies.is_some_and(|ks| ks.iter().any(|&k| kept[k] == note)) {
                    continue;
                }
                let mut n = 0;
                while seen.contains(&note.id) {
                    n += 1;
                    note.id = super::sync::derived_id(&original, &note, "copy", n);
                }
                seen.insert(note.id.clone());
            }
            under.entry(original).or_default().push(kept.len());
            kept.push(note);
        }
        doc.notes = kept;
    }
    (annotations, changed)
}

/// What can be recovered from JSON of the wrong shape: every note that
/// reads on its own, and the unknown keys. The original is kept aside.
pub(super) fn salvage(json: &Value) -> (Annotations, usize) {
    let mut out = Annotations::default();
    let mut kept = 0;
    let Some(top) = json.as_object() else {
        return (out, 0);
    };
    for (key, value) in top {
        if key != "schema_version" && key != "documents" {
            out.extra.insert(key.clone(), value.clone());
        }
    }
    let Some(documents) = top.get("documents").and_then(Value::as_object) else {
        return (out, 0);
    };
    for (fingerprint, doc) in documents {
        let Some(doc) = doc.as_object() else {
            continue;
        };
        let mut notes = DocumentNotes {
            title: doc
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            ..DocumentNotes::default()
        };
        for (key, value) in doc {
            if key != "title" && key != "notes" {
                notes.extra.insert(key.clone(), value.clone());
            }
        }
        for note in doc
            .get("notes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(note) = read_note(note) {
                notes.notes.push(note);
                kept += 1;
            }
        }
        out.documents.insert(fingerprint.clone(), notes);
    }
    (out, kept)
}

/// A note as written, or, when only its highlight cannot be read (a hand
/// edit), the note without it: the highlight is kept as it was written,
/// under `highlight_unread`, so nothing is lost.
fn read_note(value: &Value) -> Option<Note> {
    if let Ok(note) = Note::deserialize(value) {
        return Some(note);
    }
    let mut object = value.as_object()?.clone();
    let highlight = object.remove("highlight")?;
    let mut note = Note::deserialize(Value::Object(object)).ok()?;
    note.extra.insert("highlight_unread".into(), highlight);
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_sharing_ids_are_told_apart_in_linear_time() {
        let at = time::macros::datetime!(2024-01-01 0:00 UTC);
        // 40,000 notes, each id written twice: half exact copies, half edited.
        let notes = (0..40_000)
            .map(|i| Note {
                text: format!("note {}{}", i / 2, if i % 4 == 3 { " edited" } else { "" }),
                ..Note::blank(format!("note-{}", i / 2), at)
            })
            .collect();
        let mut annotations = Annotations::default();
        annotations.documents.insert(
            "abc".into(),
            DocumentNotes {
                notes,
                ..DocumentNotes::default()
            },
        );
        let started = std::time::Instant::now();
        let (out, changed) = distinct_ids(annotations);
        let took = started.elapsed();
        assert_eq!(changed, 20_000);
        assert_eq!(out.documents["abc"].notes.len(), 30_000);
        // Quadratic, this took seconds even built for speed.
        assert!(took < std::time::Duration::from_millis(1500), "{took:?}");
    }
}
