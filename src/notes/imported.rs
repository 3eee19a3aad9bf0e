//! How the notes of an import file join the user's own. An import adds
//! notes and never replaces one: a note whose id is already here and that
//! says something else is kept beside it as its other version, as when two
//! copies of the program change one note. Nothing in the file is trusted:
//! its revisions are capped, and an id it uses twice is made distinct.

use std::collections::{HashMap, HashSet};

use super::sync::derived_id;
use super::{DocumentNotes, Note};

/// The most changes an imported note is taken to have had: more than any
/// note is changed, and far from overflowing when it is changed again.
pub(super) const MOST_REV: u64 = u32::MAX as u64;

/// Caps the revisions of one document's notes from a file, and gives each
/// note whose id the file used before an id of its own, made from its
/// content (importing the file again makes the same). How many were renamed.
pub(super) fn distinct_in_file(notes: &mut [Note]) -> usize {
    let mut seen: HashSet<String> = HashSet::with_capacity(notes.len());
    let mut renamed = 0;
    for note in notes.iter_mut() {
        note.rev = note.rev.min(MOST_REV);
        if seen.insert(note.id.clone()) {
            continue;
        }
        let original = note.id.clone();
        let mut n = 0;
        while seen.contains(&note.id) {
            n += 1;
            let id = derived_id(&original, note, "copy", n);
            note.id = id;
        }
        seen.insert(note.id.clone());
        renamed += 1;
    }
    renamed
}

/// What joining an import file's notes to the user's made of them.
#[derive(Debug, Default)]
pub(super) struct Joined {
    /// The notes to merge in: new ones, and other versions of local ones.
    pub notes: Vec<Note>,
    /// Kept beside a local note of their id that says something else.
    pub kept_both: usize,
    /// Already here as they are.
    pub same: usize,
    /// Older than the local note of their id (it has had more changes):
    /// an earlier copy of it, left out for the local one.
    pub older: usize,
}

/// Joins `incoming` to `local`. A note new here comes as it is. One the
/// local note of its id already says, or has had more changes than (an
/// older copy of it), adds nothing. Any other is kept beside the local
/// note, which stays as it is.
pub(super) fn join(local: Option<&DocumentNotes>, incoming: Vec<Note>) -> Joined {
    let mine: HashMap<&str, &Note> = local
        .into_iter()
        .flat_map(|d| &d.notes)
        .map(|n| (n.id.as_str(), n))
        .collect();
    let mut out = Joined {
        notes: Vec::with_capacity(incoming.len()),
        ..Joined::default()
    };
    for mut note in incoming {
        let Some(ours) = mine.get(note.id.as_str()) else {
            out.notes.push(note);
            continue;
        };
        if says_the_same(ours, &note) {
            out.same += 1;
            continue;
        }
        if ours.rev > note.rev {
            out.older += 1;
            continue;
        }
        let id = derived_id(&ours.id, &note, "conflict", 1);
        // Kept so on an earlier import of the same file.
        if mine.contains_key(id.as_str()) {
            out.same += 1;
            continue;
        }
        note.conflict_of = Some(ours.id.clone());
        note.id = id;
        out.kept_both += 1;
        out.notes.push(note);
    }
    out
}

/// Whether two versions of a note hold the same words on the same place:
/// then neither is lost whichever is kept.
fn says_the_same(a: &Note, b: &Note) -> bool {
    a.is_deleted() == b.is_deleted()
        && a.text == b.text
        && a.draft == b.draft
        && a.target() == b.target()
        && a.highlight.as_ref().map(|h| (h.start, h.end, h.colour))
            == b.highlight.as_ref().map(|h| (h.start, h.end, h.colour))
}
