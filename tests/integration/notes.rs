//! The notes store, merge, anchoring and export. Every test works in its
//! own temporary directory, passed explicitly: never the real config dir.

use std::path::Path;
use std::sync::{Arc, Barrier};

use proptest::prelude::*;
use report_reader::document::{Document, parse};
use report_reader::notes::export::{Format, export_all, export_document};
use report_reader::notes::{
    Annotations, DocumentNotes, Note, NoteStore, Placement, Quote, StoreError, StoreMessage,
    Target, citation, full_citation, merge, place,
};
use serde_json::Value;

const HEADER: &str = "General Assembly\n\nDistr.: General\n21 July 2010\n\nOriginal: English\n\n\
Sixty-fifth session\n\nA small report on migration\n\nReport of the Secretary-General\n\n";

const P1: &str = "The General Assembly requested the Secretary-General to report on the \
implementation of resolution 64/166, in particular on the rights of migrant children.";
const P2: &str = "Parts II and III summarize the responses received from Member States \
concerning the implementation of resolutions 63/184 and 64/166.";
const P3: &str = "The Government of Egypt reported that the Ministry of Manpower and Migration \
had adopted policies to guarantee the welfare of Egyptians abroad and to organize lawful \
migration, and that remittances were the third largest source of national income.";
const P4: &str = "The Government of Spain reported that a reform of the law on foreigners \
would provide for a coherent migration policy and equality in fundamental rights.";
const NEW: &str = "A new paragraph inserted in the corrected edition, about data collection \
on migrant workers and their families across the region.";

/// A small report: part I with the given paragraphs; part II, section
/// "Egypt", with the rest. Numbers are assigned in order.
fn report(intro: &[&str], egypt: &[&str]) -> Document {
    let mut text = HEADER.to_string();
    let mut n = 0;
    text.push_str("I. Introduction\n\n");
    for p in intro {
        n += 1;
        text.push_str(&format!("{n}. {p}\n\n"));
    }
    text.push_str("II. Information from Governments\n\nEgypt\n\n");
    for p in egypt {
        n += 1;
        text.push_str(&format!("{n}. {p}\n\n"));
    }
    parse(&text)
}

fn first_edition() -> Document {
    report(&[P1, P2], &[P3, P4])
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn open(dir: &Path) -> NoteStore {
    let (store, message) = NoteStore::open(dir);
    assert_eq!(message, None);
    store
}

#[test]
fn small_report_parses_as_expected() {
    let doc = first_edition();
    assert_eq!(doc.paragraphs.len(), 4);
    assert_eq!(doc.parts.len(), 2);
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.paragraphs[2].section, Some(0));
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let mut store = open(dir.path());
    let added = store
        .add(&doc, &Target::Paragraph(3), "Check the remittance figure")
        .unwrap();
    added.saved.unwrap();
    assert!(!store.is_dirty());

    let again = open(dir.path());
    let notes = again.notes(&doc.fingerprint());
    assert_eq!(notes.len(), 1);
    let note = notes[0];
    assert_eq!(note.id, added.id);
    assert_eq!(note.paragraph, Some(3));
    assert_eq!(note.text, "Check the remittance figure");
    assert!(note.quote.exact.starts_with("The Government of Egypt"));
    assert!(P2.ends_with(&note.quote.prefix), "{:?}", note.quote.prefix);
    assert_eq!(note.quote.suffix.chars().count(), 32);
    assert_eq!(note, store.notes(&doc.fingerprint())[0]);

    let json = read_json(&dir.path().join("annotations.json"));
    assert_eq!(json["schema_version"], 2);
    let stored = &json["documents"][doc.fingerprint()];
    assert_eq!(stored["title"], "A small report on migration");
    assert_eq!(stored["notes"][0]["sub_item"], Value::Null);
    assert_eq!(stored["notes"][0]["footnote"], Value::Null);
    assert!(uuid::Uuid::parse_str(stored["notes"][0]["id"].as_str().unwrap()).is_ok());
}

#[test]
fn edit_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    let mut store = open(dir.path());
    let id = store.add(&doc, &Target::Paragraph(1), "first").unwrap().id;
    store.edit(&fp, &id, "second").unwrap();
    assert_eq!(open(dir.path()).note(&fp, &id).unwrap().text, "second");
    store.delete(&fp, &id).unwrap();
    assert!(store.notes(&fp).is_empty());
    assert!(open(dir.path()).notes(&fp).is_empty());
    let json = read_json(store.path());
    assert!(json["documents"][&fp]["notes"][0]["deleted"].is_string());
    assert!(matches!(
        store.edit(&fp, &id, "third"),
        Err(StoreError::NoSuchNote { .. })
    ));
    assert!(matches!(
        store.add(&doc, &Target::Paragraph(99), "nowhere"),
        Err(StoreError::NoSuchTarget { .. })
    ));
}

#[test]
fn unknown_keys_survive_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    let file = serde_json::json!({
        "schema_version": 1,
        "top_extra": {"keep": [1, 2, 3]},
        "documents": {
            fp.clone(): {
                "title": "A small report on migration",
                "doc_extra": "kept",
                "notes": [{
                    "id": "5f0c8a54-54a3-4b71-a2a0-54e8a3a0b8f1",
                    "paragraph": 2, "sub_item": null, "footnote": null,
                    "quote": {"exact": "Parts II and III", "prefix": "", "suffix": "", "quote_extra": 7},
                    "text": "old note",
                    "created": "2025-01-01T10:00:00Z",
                    "updated": "2025-01-01T10:00:00+02:00",
                    "colour": "yellow"
                }]
            }
        }
    });
    let path = dir.path().join("annotations.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();

    let mut store = open(dir.path());
    store
        .add(&doc, &Target::Paragraph(1), "new")
        .unwrap()
        .saved
        .unwrap();

    let json = read_json(&path);
    assert_eq!(json["top_extra"], serde_json::json!({"keep": [1, 2, 3]}));
    let d = &json["documents"][&fp];
    assert_eq!(d["doc_extra"], "kept");
    let notes = d["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    let old = notes.iter().find(|n| n["text"] == "old note").unwrap();
    assert_eq!(old["colour"], "yellow");
    assert_eq!(old["quote"]["quote_extra"], 7);
    assert_eq!(old["updated"], "2025-01-01T10:00:00+02:00");
}

#[test]
fn two_stores_in_two_threads_keep_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Arc::new(first_edition());
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let dir = dir.path().to_path_buf();
            let doc = Arc::clone(&doc);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let (mut store, _) = NoteStore::open(&dir);
                barrier.wait();
                for i in 0..25 {
                    let target = Target::Paragraph(1 + (i % 4));
                    let added = store
                        .add(&doc, &target, &format!("thread {t} note {i}"))
                        .unwrap();
                    added.saved.unwrap();
                }
                store
            })
        })
        .collect();
    let mut stores: Vec<NoteStore> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let fp = doc.fingerprint();
    let json = read_json(&dir.path().join("annotations.json"));
    assert_eq!(
        json["documents"][&fp]["notes"].as_array().unwrap().len(),
        50
    );
    for store in &mut stores {
        assert_eq!(store.reload(), None);
        assert_eq!(store.notes(&fp).len(), 50);
    }
}

/// The live notes on paragraph `n`, as (text, conflict_of).
fn texts_on(store: &NoteStore, fp: &str, n: u32) -> Vec<(String, Option<String>)> {
    let mut v: Vec<_> = store
        .notes(fp)
        .into_iter()
        .filter(|x| x.paragraph == Some(n))
        .map(|x| (x.text.clone(), x.conflict_of.clone()))
        .collect();
    v.sort();
    v
}

/// Two copies of the program on one notes file, both having seen the note
/// `id` ("first", on para. 2) that `a` wrote.
struct Copies {
    dir: tempfile::TempDir,
    doc: Document,
    fp: String,
    a: NoteStore,
    b: NoteStore,
    id: String,
}

fn two_copies() -> Copies {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    let mut a = open(dir.path());
    let mut b = open(dir.path());
    let id = a.add(&doc, &Target::Paragraph(2), "first").unwrap().id;
    b.reload();
    Copies {
        dir,
        doc,
        fp,
        a,
        b,
        id,
    }
}

#[test]
fn an_edit_made_while_another_copy_deleted_the_note_keeps_it_and_says_so() {
    let Copies {
        dir,
        doc: _,
        fp,
        mut a,
        mut b,
        id,
    } = two_copies();
    a.delete(&fp, &id).unwrap();
    // b still holds the live note and edits it after the delete.
    b.edit(&fp, &id, "edited after the delete").unwrap();

    assert_eq!(
        b.take_messages(),
        vec![StoreMessage::EditBeatDeletion {
            place: "para. 2".into()
        }]
    );
    assert_eq!(
        b.note(&fp, &id).map(|n| n.text.as_str()),
        Some("edited after the delete")
    );
    let fresh = open(dir.path());
    assert_eq!(
        texts_on(&fresh, &fp, 2),
        vec![("edited after the delete".to_string(), None)]
    );
    a.reload();
    assert!(
        a.note(&fp, &id).is_some(),
        "the edit reaches the deleting copy"
    );
}

#[test]
fn a_deletion_made_while_another_copy_edited_the_note_is_undone_and_said() {
    let Copies {
        dir,
        doc: _,
        fp,
        mut a,
        mut b,
        id,
    } = two_copies();
    a.edit(&fp, &id, "edited in a").unwrap();
    b.delete(&fp, &id).unwrap();

    assert_eq!(
        b.take_messages(),
        vec![StoreMessage::DeletionUndone {
            place: "para. 2".into()
        }]
    );
    assert_eq!(
        texts_on(&open(dir.path()), &fp, 2),
        vec![("edited in a".to_string(), None)]
    );
}

#[test]
fn two_copies_editing_one_note_keep_both_versions() {
    let Copies {
        dir,
        doc,
        fp,
        mut a,
        mut b,
        id,
    } = two_copies();
    a.edit(&fp, &id, "from a").unwrap();
    b.edit(&fp, &id, "from b").unwrap();

    assert_eq!(
        b.take_messages(),
        vec![StoreMessage::KeptBoth {
            place: "para. 2".into()
        }]
    );
    let want = vec![
        ("from a".to_string(), Some(id.clone())),
        ("from b".to_string(), None),
    ];
    assert_eq!(texts_on(&open(dir.path()), &fp, 2), want);
    a.reload();
    assert_eq!(texts_on(&a, &fp, 2), want);
    // Settled once: more saves from either copy change nothing.
    a.add(&doc, &Target::Paragraph(3), "x").unwrap();
    b.add(&doc, &Target::Paragraph(4), "y").unwrap();
    assert_eq!(texts_on(&open(dir.path()), &fp, 2), want);
}

#[test]
fn a_later_edit_is_not_undone_by_a_copy_that_did_not_touch_the_note() {
    let Copies {
        dir,
        doc,
        fp,
        mut a,
        mut b,
        id,
    } = two_copies();
    a.edit(&fp, &id, "second").unwrap();
    b.add(&doc, &Target::Paragraph(3), "other").unwrap();
    assert!(b.take_messages().is_empty());
    assert_eq!(
        texts_on(&open(dir.path()), &fp, 2),
        vec![("second".to_string(), None)]
    );
}

#[test]
fn notes_sharing_an_id_are_told_apart_once() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    {
        let mut store = open(dir.path());
        store.add(&doc, &Target::Paragraph(2), "one").unwrap();
        store.add(&doc, &Target::Paragraph(3), "two").unwrap();
    }
    let path = dir.path().join("annotations.json");
    let mut json = read_json(&path);
    let notes = json["documents"][&fp]["notes"].as_array_mut().unwrap();
    let id = notes[0]["id"].clone();
    notes[1]["id"] = id;
    let equal = notes[0].clone();
    notes.push(equal);
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();

    let (mut store, _) = NoteStore::open(dir.path());
    assert!(
        store
            .take_messages()
            .iter()
            .any(|m| matches!(m, StoreMessage::DuplicateIds { notes: 2, .. })),
        "the user is told"
    );
    for _ in 0..4 {
        store.reload();
        assert_eq!(store.notes(&fp).len(), 2);
    }
    store.add(&doc, &Target::Paragraph(4), "three").unwrap();
    let json = read_json(&path);
    assert_eq!(json["documents"][&fp]["notes"].as_array().unwrap().len(), 3);
    let (again, _) = NoteStore::open(dir.path());
    assert_eq!(again.notes(&fp).len(), 3);
}

#[test]
fn a_file_cut_short_is_moved_aside_byte_for_byte() {
    let doc = first_edition();
    let full = {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(dir.path());
        for n in 1..=4 {
            store
                .add(&doc, &Target::Paragraph(n), "note «ü» €")
                .unwrap()
                .saved
                .unwrap();
        }
        std::fs::read(store.path()).unwrap()
    };
    let mut tried = 0;
    for cut in (0..full.len()).step_by(13).chain([1, full.len() - 2]) {
        let bytes = &full[..cut];
        if serde_json::from_slice::<Value>(bytes).is_ok() {
            continue;
        }
        tried += 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("annotations.json");
        std::fs::write(&path, bytes).unwrap();
        let (store, message) = NoteStore::open(dir.path());
        let Some(StoreMessage::MovedAside { moved_to, .. }) = &message else {
            panic!("cut at {cut}: {message:?}");
        };
        assert!(
            moved_to
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("annotations.json.corrupt-")
        );
        assert_eq!(std::fs::read(moved_to).unwrap(), bytes, "cut at {cut}");
        let line = message.as_ref().unwrap().to_string();
        assert!(
            !line.contains('\n') && line.contains("annotations.json"),
            "{line}"
        );
        assert!(store.notes(&doc.fingerprint()).is_empty());
        assert!(!path.exists());
    }
    assert!(tried > 50, "{tried}");
}

#[test]
fn garbage_and_invalid_utf8_are_moved_aside_and_a_bom_is_not() {
    for bytes in [&b"\xff\xfe\x00garbage"[..], b"not json at all", b"[1, 2"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("annotations.json"), bytes).unwrap();
        let (_, message) = NoteStore::open(dir.path());
        let Some(StoreMessage::MovedAside { moved_to, .. }) = message else {
            panic!("{message:?}");
        };
        assert_eq!(std::fs::read(moved_to).unwrap(), bytes);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        br#"{"schema_version": 1, "documents": {"abc": {"title": "t", "notes": []}}}"#,
    );
    std::fs::write(&path, &bytes).unwrap();
    let store = open(dir.path());
    assert!(store.annotations().documents.contains_key("abc"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn wrong_types_keep_the_readable_notes_and_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    let good = |id: &str| {
        serde_json::json!({"id": id, "paragraph": 1, "text": "good",
            "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z"})
    };
    let file = serde_json::json!({"schema_version": 1, "documents": {fp.clone(): {"title": "t",
        "notes": [good("a"), {"id": "b", "paragraph": "three", "text": 5}, good("c")]}}});
    let path = dir.path().join("annotations.json");
    let bytes = serde_json::to_vec(&file).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let (store, message) = NoteStore::open(dir.path());
    let Some(StoreMessage::MovedAside { moved_to, kept, .. }) = message else {
        panic!("{message:?}");
    };
    assert_eq!(kept, 2);
    assert_eq!(std::fs::read(moved_to).unwrap(), bytes);
    assert_eq!(store.notes(&fp).len(), 2);
    // The readable notes were written back at once.
    assert_eq!(
        read_json(&path)["documents"][&fp]["notes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_plain_file_where_the_directory_should_be_is_an_error_not_a_loss() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("config");
    std::fs::write(&dir, b"not a directory").unwrap();
    let doc = first_edition();
    let (mut store, message) = NoteStore::open(&dir);
    assert_eq!(message, None);
    let added = store
        .add(&doc, &Target::Paragraph(2), "kept in memory")
        .unwrap();
    let err = added.saved.unwrap_err();
    let line = err.to_string();
    assert!(line.contains("config") && !line.contains('\n'), "{line}");
    assert!(store.is_dirty());
    assert_eq!(store.notes(&doc.fingerprint()).len(), 1);
    assert!(store.save().is_err());
    assert_eq!(std::fs::read(&dir).unwrap(), b"not a directory");

    // Once the directory can be made, the retry on the next change saves it.
    std::fs::remove_file(&dir).unwrap();
    store.save().unwrap();
    assert!(!store.is_dirty());
    assert_eq!(open(&dir).notes(&doc.fingerprint()).len(), 1);
}

#[cfg(unix)]
#[test]
fn new_file_is_0600_and_new_directory_0700() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("a").join("report-reader");
    let doc = first_edition();
    let mut store = open(&dir);
    store
        .add(&doc, &Target::Paragraph(1), "x")
        .unwrap()
        .saved
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.join("annotations.json")), 0o600);
    assert_eq!(mode(&dir.join("annotations.json.lock")), 0o600);
    assert_eq!(mode(&dir), 0o700);
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_is_an_error_and_notes_stay() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let mut store = open(dir.path());
    store
        .add(&doc, &Target::Paragraph(1), "saved")
        .unwrap()
        .saved
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions: the test only means something for a user.
    let writable = std::fs::write(dir.path().join("probe"), b"").is_ok();
    let added = store.add(&doc, &Target::Paragraph(2), "unsaved").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    if !writable {
        assert!(added.saved.is_err());
        assert!(store.is_dirty());
        assert_eq!(store.notes(&doc.fingerprint()).len(), 2);
        store.save().unwrap();
    }
    assert_eq!(open(dir.path()).notes(&doc.fingerprint()).len(), 2);
}

const HOSTILE: &str = "esc\x1b[31mred\x1b[0m csi\u{9b}2J osc52\x1b]52;c;ZXZpbA==\x07 bel\x07 \
c1\u{85}\u{90} bidi\u{202e}txet\u{202c} iso\u{2066}x\u{2069} del\x7f\nsecond line\r\nthird";

fn assert_harmless(out: &str) {
    for c in out.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!bad, "raw U+{:04X} in output:\n{out}", c as u32);
    }
}

#[test]
fn control_characters_are_stored_intact_and_exported_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let mut store = open(dir.path());
    let id = store.add(&doc, &Target::Paragraph(3), HOSTILE).unwrap().id;
    let again = open(dir.path());
    assert_eq!(again.note(&doc.fingerprint(), &id).unwrap().text, HOSTILE);

    let md = export_document(&doc, again.annotations(), Format::Markdown);
    assert_harmless(&md);
    assert!(md.contains("\\u{1b}[31mred"), "{md}");
    assert!(md.contains("\\u{202e}"), "{md}");
    assert!(md.contains("second line"));

    let json = export_document(&doc, again.annotations(), Format::Json);
    assert_harmless(&json);
    let parsed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["groups"][0]["notes"][0]["text"], HOSTILE);
}

#[test]
fn a_newer_schema_is_read_only_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let doc = first_edition();
    let fp = doc.fingerprint();
    let path = dir.path().join("annotations.json");
    let bytes = serde_json::to_vec_pretty(&serde_json::json!({
        "schema_version": 3,
        "documents": {fp.clone(): {"title": "t", "notes": [{"id": "x", "paragraph": 1,
            "text": "from the future", "created": "2030-01-01T00:00:00Z",
            "updated": "2030-01-01T00:00:00Z", "new_field": {"a": 1}}]}}
    }))
    .unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let (mut store, message) = NoteStore::open(dir.path());
    assert!(matches!(
        message,
        Some(StoreMessage::NewerSchema { version: 3, .. })
    ));
    assert!(store.is_read_only());
    assert_eq!(store.notes(&fp).len(), 1);
    let added = store.add(&doc, &Target::Paragraph(2), "not saved").unwrap();
    assert!(matches!(added.saved, Err(StoreError::NewerSchema { .. })));
    assert!(store.save().is_err());
    assert!(store.delete(&fp, "x").is_err());
    store.reload();
    assert!(store.save().is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(store.is_dirty());
}

#[test]
fn reanchoring_follows_a_renumbering() {
    let old = first_edition();
    let new = report(&[P1, NEW, P2], &[P3, P4]);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let id = store.add(&old, &Target::Paragraph(3), "Egypt").unwrap().id;
    let note = store.note(&old.fingerprint(), &id).unwrap().clone();
    assert!(matches!(place(&old, &note), Placement::Exact(_)));
    let Placement::Moved(location) = place(&new, &note) else {
        panic!("{:?}", place(&new, &note));
    };
    assert_eq!(location.target(&new), Target::Paragraph(4));

    assert!(store.carry_offers(&old).is_empty());
    let offers = store.carry_offers(&new);
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].from, old.fingerprint());
    let report = store.carry(&offers[0].from, &new);
    report.saved.unwrap();
    assert_eq!((report.exact, report.moved, report.left), (0, 1, 0));
    let carried = open(dir.path())
        .note(&new.fingerprint(), &id)
        .unwrap()
        .clone();
    assert_eq!(carried.paragraph, Some(4));
    assert!(matches!(place(&new, &carried), Placement::Exact(_)));
    // Carrying again changes nothing.
    let again = store.carry(&old.fingerprint(), &new);
    assert_eq!(store.notes(&new.fingerprint()).len(), 1);
    again.saved.unwrap();
}

#[test]
fn a_corrected_paragraph_is_found_by_its_context() {
    let old = first_edition();
    let corrected = P3.replace("Ministry of Manpower", "Ministry for Manpower");
    let new = report(&[P1, NEW, P2], &[&corrected, P4]);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let id = store.add(&old, &Target::Paragraph(3), "Egypt").unwrap().id;
    let note = store.note(&old.fingerprint(), &id).unwrap();
    let Placement::Moved(location) = place(&new, note) else {
        panic!();
    };
    assert_eq!(location.target(&new), Target::Paragraph(4));
}

#[test]
fn a_note_whose_words_are_gone_stays_with_its_edition_and_orphans_are_exported() {
    let old = first_edition();
    let new = report(&[P1, P2], &[P4]);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let id = store
        .add(&old, &Target::Paragraph(3), "about Egypt")
        .unwrap()
        .id;
    store
        .add(&old, &Target::Paragraph(4), "about Spain")
        .unwrap();
    let note = store.note(&old.fingerprint(), &id).unwrap();
    assert_eq!(place(&new, note), Placement::Orphan);

    // Only a note whose words this edition holds is carried; the other stays.
    let report = store.carry(&old.fingerprint(), &new);
    assert_eq!((report.exact, report.moved, report.left), (0, 1, 1));
    let store = open(dir.path());
    assert_eq!(store.notes(&new.fingerprint()).len(), 1);
    assert_eq!(store.notes(&old.fingerprint()).len(), 2);
    // A note kept on a document whose text no longer holds its place is
    // exported as an orphan, never dropped.
    let mut annotations = store.annotations().clone();
    let old_notes = annotations.documents[&old.fingerprint()].clone();
    annotations.documents.insert(new.fingerprint(), old_notes);
    let md = export_document(&new, &annotations, Format::Markdown);
    let orphans = md
        .split("## Notes not found in this edition")
        .nth(1)
        .unwrap();
    assert!(orphans.contains("about Egypt"), "{md}");
    assert!(orphans.contains("The Government of Egypt"), "{md}");
    assert!(!orphans.contains("about Spain"));
    let json: Value =
        serde_json::from_str(&export_document(&new, &annotations, Format::Json)).unwrap();
    assert_eq!(json["orphans"][0]["text"], "about Egypt");
    assert_eq!(json["orphans"][0]["placement"], "orphan");
}

#[test]
fn citations() {
    let doc = Document::embedded();
    assert_eq!(citation(&doc, &Target::Paragraph(37)), "para. 37");
    let sub = Target::SubItem {
        paragraph: 66,
        label: "b".into(),
    };
    assert_eq!(citation(&doc, &sub), "para. 66 (b)");
    assert_eq!(
        citation(&doc, &Target::Footnote("15".into())),
        "footnote 15"
    );
    assert_eq!(
        full_citation(&doc, &Target::Paragraph(37)),
        "Report of the Secretary-General, 21 July 2010, para. 37"
    );
    let mut with_symbol = doc.clone();
    with_symbol.header.symbol = Some("A/64/213".into());
    assert_eq!(full_citation(&with_symbol, &sub), "A/64/213, para. 66 (b)");
}

#[test]
fn export_groups_by_part_and_country() {
    let doc = Document::embedded();
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let sub = Target::SubItem {
        paragraph: 66,
        label: "b".into(),
    };
    store.add(&doc, &sub, "sub-item note").unwrap();
    store
        .add(&doc, &Target::Paragraph(4), "Egypt note")
        .unwrap();
    store
        .add(&doc, &Target::Footnote("1".into()), "footnote note")
        .unwrap();
    let note = store
        .notes(&doc.fingerprint())
        .into_iter()
        .find(|n| n.footnote.is_some())
        .unwrap()
        .clone();
    assert_eq!(note.paragraph, Some(2));

    let md = export_document(&doc, store.annotations(), Format::Markdown);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing in\n{md}"));
    assert!(at("## I. Introduction") < at("**footnote 1**"));
    assert!(at("**footnote 1**") < at("## II. Information from Governments"));
    assert!(at("### Egypt") < at("**para. 4**"));
    assert!(at("**para. 4**") < at("Egypt note"));
    assert!(at("“The Government noted that") > at("**para. 4**"));
    assert!(at("**para. 66 (b)**") > at("Egypt note"));
    assert!(!md.contains("Notes not found"));

    let all = export_all(store.annotations(), &[], Format::Json);
    let json: Value = serde_json::from_str(&all).unwrap();
    assert_eq!(
        json["documents"][0]["groups"][0]["notes"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let all = export_all(store.annotations(), &[&doc], Format::Markdown);
    assert!(all.contains("### Egypt"));
}

// ---- merge properties ----

fn arb_note() -> impl Strategy<Value = Note> {
    (
        0..6u8,
        0..4u32,
        "[a-z]{0,6}",
        0..5i64,
        0..5i64,
        proptest::option::of(0..5i64),
        proptest::option::of("[a-z]{1,3}"),
    )
        .prop_map(|(id, paragraph, text, created, edited, deleted, extra)| {
            let t = |s: i64| time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap();
            let mut note = Note {
                id: format!("id-{id}"),
                paragraph: Some(paragraph),
                sub_item: None,
                footnote: None,
                quote: Quote::default(),
                text,
                created: t(created),
                updated: t(created + edited),
                deleted: deleted.map(|d| t(created + edited + d)),
                rev: (edited % 3) as u64,
                conflict_of: None,
                draft: None,
                highlight: None,
                extra: Default::default(),
            };
            if let Some(extra) = extra {
                note.extra.insert("tag".into(), Value::String(extra));
            }
            note
        })
}

fn arb_annotations() -> impl Strategy<Value = Annotations> {
    proptest::collection::btree_map(
        "doc[ab]",
        (
            "t?",
            proptest::collection::vec(arb_note(), 0..6),
            proptest::option::of(0..3u8),
        ),
        0..3,
    )
    .prop_map(|docs| {
        let mut out = Annotations::default();
        for (key, (title, notes, extra)) in docs {
            // One copy holds one version of a note.
            let mut unique: Vec<Note> = Vec::new();
            for n in notes {
                if !unique.iter().any(|u| u.id == n.id) {
                    unique.push(n);
                }
            }
            let mut doc = DocumentNotes {
                title,
                notes: unique,
                ..Default::default()
            };
            if let Some(x) = extra {
                doc.extra.insert("x".into(), Value::from(x));
            }
            out.documents.insert(key, doc);
        }
        out
    })
}

proptest! {
    #[test]
    fn merge_is_commutative(a in arb_annotations(), b in arb_annotations()) {
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn merge_is_idempotent(a in arb_annotations(), b in arb_annotations()) {
        let ab = merge(&a, &b);
        prop_assert_eq!(merge(&ab, &b), ab.clone());
        prop_assert_eq!(merge(&ab, &ab), ab.clone());
        prop_assert_eq!(merge(&a, &a), merge(&a, &Annotations::default()));
    }

    #[test]
    fn merge_is_associative(a in arb_annotations(), b in arb_annotations(), c in arb_annotations()) {
        prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
    }

    #[test]
    fn merge_keeps_every_id_and_every_tombstone(a in arb_annotations(), b in arb_annotations()) {
        let m = merge(&a, &b);
        for side in [&a, &b] {
            for (key, doc) in &side.documents {
                for n in &doc.notes {
                    let merged = m.documents[key].notes.iter().find(|x| x.id == n.id);
                    prop_assert!(merged.is_some());
                    // A deletion is undone only by a later revision (an edit).
                    if n.is_deleted() {
                        prop_assert!(merged.is_some_and(|x| x.is_deleted() || x.rev > n.rev));
                    }
                }
            }
        }
    }
}

#[test]
fn notes_are_not_carried_to_an_unrelated_report_with_the_same_title() {
    let old = first_edition();
    // Same title, other words throughout: next year's report.
    let unrelated = report(
        &["The Assembly asked for a new study of remittances and their costs in 2011."],
        &["The Government of Egypt described a new pension scheme for returning workers."],
    );
    assert_eq!(old.title(), unrelated.title());
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.add(&old, &Target::Paragraph(1), "one").unwrap();
    store.add(&old, &Target::Paragraph(3), "two").unwrap();
    assert!(store.carry_offers(&unrelated).is_empty());
}

#[test]
fn a_damaged_file_set_aside_is_said_again_on_every_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("annotations.json"), b"{\"documents\": [").unwrap();
    let (_, first) = NoteStore::open(dir.path());
    let Some(StoreMessage::MovedAside { moved_to, .. }) = first else {
        panic!("{first:?}");
    };
    for _ in 0..2 {
        let (_, later) = NoteStore::open(dir.path());
        let Some(StoreMessage::SetAsideEarlier { newest, count: 1 }) = &later else {
            panic!("{later:?}");
        };
        assert_eq!(newest, &moved_to);
        assert!(
            later
                .unwrap()
                .to_string()
                .contains(&*moved_to.to_string_lossy())
        );
    }
}
