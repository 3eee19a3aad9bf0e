//! Import files that are hostile or surprising, and the notes they must not
//! cost: one too large for the notes file, revisions and ids that collide
//! with the user's own, and a quote found a great many times. Every test
//! works in its own temporary configuration directory.

use std::path::Path;

use report_reader::document::{self, Document};
use report_reader::notes::highlight::Placer;
use report_reader::notes::{Annotations, Note, NoteStore, Target, import};
use serde_json::{Value, json};

// The binary with `args`, notes in `config`: (status, stdout, stderr).
use crate::common::run_cli_in as cli;

/// The notes file's notes of `doc`, by id.
fn stored_notes(config: &Path, doc: &Document) -> Vec<Note> {
    let bytes = std::fs::read(config.join("annotations.json")).expect("notes file");
    let annotations: Annotations = serde_json::from_slice(&bytes).expect("notes");
    let mut notes = annotations.documents[&doc.fingerprint()].notes.clone();
    notes.sort_by(|a, b| a.id.cmp(&b.id));
    notes
}

#[test]
fn an_import_is_refused_before_it_writes_a_notes_file_too_large_to_read_back() {
    const CAP: u64 = 64 << 10;
    let doc = Document::embedded();
    let config = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open_with_cap(config.path(), CAP);
    store
        .add(&doc, &Target::Paragraph(37), "my own note")
        .unwrap()
        .saved
        .unwrap();
    let file = config.path().join("annotations.json");
    let before = std::fs::read(&file).unwrap();
    // Small enough to import, too many notes for the notes file.
    let items: Vec<Value> = (0..200)
        .map(|i| {
            json!({
                "id": format!("urn:example:{i}"), "type": "Annotation",
                "body": {"type": "TextualBody", "value": format!("note {i} {}", "words ".repeat(60))},
                "target": {"selector": {"type": "TextQuoteSelector",
                    "exact": "a programme of child protection at the border"}},
            })
        })
        .collect();
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("many.json");
    std::fs::write(&path, Value::Array(items).to_string()).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < CAP * 2);
    let incoming = import::read(&path, &doc).expect("read");
    let report = import::import(&mut store, &doc, incoming);
    let err = report.saved.expect_err("refused").to_string();
    assert!(
        err.contains("annotations.json") && err.contains("more than the 64 KiB"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    let (again, message) = NoteStore::open_with_cap(config.path(), CAP);
    assert!(message.is_none(), "{message:?}");
    assert_eq!(again.notes(&doc.fingerprint()).len(), 1);
}

/// An `annotations.json` holding `notes` for `doc`, as an import file.
fn notes_file(doc: &Document, notes: &[Note]) -> Value {
    json!({"schema_version": 2, "documents": {doc.fingerprint(): {"title": doc.title(), "notes": notes}}})
}

#[test]
fn an_imported_note_at_the_highest_revision_can_still_be_edited_and_deleted() {
    let doc = Document::embedded();
    let key = doc.fingerprint();
    let mut note = Note::new(&doc, &Target::Paragraph(37), "imported").unwrap();
    note.rev = u64::MAX;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("notes.json");
    std::fs::write(&file, notes_file(&doc, &[note.clone()]).to_string()).unwrap();
    // Through an import, and in a notes file edited by hand.
    let imported = tempfile::tempdir().unwrap();
    let (code, _, err) = cli(imported.path(), &["--import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let by_hand = tempfile::tempdir().unwrap();
    std::fs::copy(&file, by_hand.path().join("annotations.json")).unwrap();
    for config in [imported.path(), by_hand.path()] {
        let (mut store, _) = NoteStore::open(config);
        store.edit(&key, &note.id, "edited").expect("edit saved");
        let stored = stored_notes(config, &doc);
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].text, "edited");
        let (mut store, _) = NoteStore::open(config);
        assert_eq!(store.note(&key, &note.id).unwrap().text, "edited");
        store.delete(&key, &note.id).expect("deletion saved");
        let (store, _) = NoteStore::open(config);
        assert!(store.notes(&key).is_empty(), "deleted");
    }
}

#[test]
fn an_import_never_replaces_a_local_note() {
    let doc = Document::embedded();
    let config = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    let mine = store.add(&doc, &Target::Paragraph(37), "mine").unwrap().id;
    drop(store);
    let mut theirs = stored_notes(config.path(), &doc).remove(0);
    theirs.text = "taken over".into();
    theirs.rev = 5;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("notes.json");
    std::fs::write(&file, notes_file(&doc, &[theirs]).to_string()).unwrap();
    let (code, out, err) = cli(config.path(), &["--import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 versions, kept both"), "{out}");
    let notes = stored_notes(config.path(), &doc);
    assert_eq!(notes.len(), 2);
    let own = notes.iter().find(|n| n.id == mine).unwrap();
    assert_eq!(own.text, "mine");
    let other = notes.iter().find(|n| n.id != mine).unwrap();
    assert_eq!(other.text, "taken over");
    assert_eq!(other.conflict_of.as_deref(), Some(mine.as_str()));
    // Importing again changes nothing.
    let (_, out, _) = cli(config.path(), &["--import", file.to_str().unwrap()]);
    assert!(out.ends_with(", 1 already here\n"), "{out}");
    assert_eq!(stored_notes(config.path(), &doc), notes);
    // A copy older than the note changed here since is said, and leaves it be.
    let (mut store, _) = NoteStore::open(config.path());
    store
        .edit(&doc.fingerprint(), &mine, "mine, edited")
        .unwrap();
    let mut old = notes.iter().find(|n| n.id == mine).unwrap().clone();
    old.text = "an old copy".into();
    std::fs::write(&file, notes_file(&doc, &[old]).to_string()).unwrap();
    let (_, out, _) = cli(config.path(), &["--import", file.to_str().unwrap()]);
    assert!(
        out.ends_with(", 1 older than your own copy, which is kept\n"),
        "{out}"
    );
    let own = stored_notes(config.path(), &doc);
    assert_eq!(
        own.iter().find(|n| n.id == mine).unwrap().text,
        "mine, edited"
    );
    assert_eq!(own.len(), 2);
}

#[test]
fn an_import_of_a_colleagues_edit_of_a_note_you_edited_too_keeps_both_versions_and_says_so() {
    let doc = Document::embedded();
    let key = doc.fingerprint();
    let (user, colleague) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(user.path());
    let id = store.add(&doc, &Target::Paragraph(37), "first").unwrap().id;
    drop(store);
    let export = |config: &Path, name: &str| {
        let (_, out, _) = cli(config, &["--notes", "--format", "w3c"]);
        let file = files.path().join(name);
        std::fs::write(&file, out).unwrap();
        file
    };
    let mine = export(user.path(), "mine.json");
    assert_eq!(
        cli(colleague.path(), &["--import", mine.to_str().unwrap()]).0,
        0
    );
    let (mut store, _) = NoteStore::open(colleague.path());
    store.edit(&key, &id, "the colleague's words").unwrap();
    let theirs = export(colleague.path(), "theirs.json");
    let (mut store, _) = NoteStore::open(user.path());
    store.edit(&key, &id, "the user's words").unwrap();
    let (code, out, err) = cli(user.path(), &["--import", theirs.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "imported 1 note: 1 placed, 0 not found in this text (kept as orphans); \
         1 note was changed here too: 2 versions, kept both\n"
    );
    let notes = stored_notes(user.path(), &doc);
    let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes.len(), 2, "{texts:?}");
    assert!(texts.contains(&"the user's words") && texts.contains(&"the colleague's words"));
    assert_eq!(
        notes.iter().find(|n| n.id == id).unwrap().text,
        "the user's words"
    );
}

#[test]
fn annotations_sharing_an_id_in_an_import_file_are_all_kept_and_counted() {
    let doc = Document::embedded();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("shared.json");
    let item = |text: &str| {
        json!({
            "id": "https://example.org/a/1", "type": "Annotation",
            "created": "2024-03-01T09:30:00Z",
            "body": {"type": "TextualBody", "value": text, "purpose": "commenting"},
            "target": {"selector": {"type": "TextQuoteSelector",
                "exact": "a programme of child protection at the border"}},
        })
    };
    let items = json!([item("one"), item("two"), item("two")]);
    std::fs::write(&file, items.to_string()).unwrap();
    let config = tempfile::tempdir().unwrap();
    for again in ["", ", 3 already here"] {
        let (code, out, err) = cli(config.path(), &["--import", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            format!(
                "imported 3 notes: 3 placed, 0 not found in this text (kept as orphans), \
                 2 given an id of their own (the file used their id twice){again}\n"
            )
        );
        let notes = stored_notes(config.path(), &doc);
        let mut texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        texts.sort();
        assert_eq!(texts, ["one", "two", "two"], "importing again adds nothing");
    }
}

#[test]
fn a_quote_found_more_than_a_thousand_times_stays_on_its_paragraph() {
    let mut report = String::from(
        "A/HRC/59/15\n\nGeneral Assembly\n\nDistr.: General\n21 July 2010\n\n\
         Original: English\n\nA report saying one thing often\n\nI. Introduction\n\n",
    );
    for n in 1..=1500 {
        report.push_str(&format!(
            "{n}. The same words repeat here in every paragraph.\n\n"
        ));
    }
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("often.txt");
    std::fs::write(&path, report).unwrap();
    let doc = document::load(&path).unwrap();
    assert_eq!(doc.paragraphs.len(), 1500);
    // Its stored offsets are one character off, and its context is found
    // nowhere (another edition): it is looked for by its words.
    let note = json!({
        "id": "on-1400", "paragraph": 1400, "text": "on 1400",
        "quote": {"exact": "same words", "prefix": "Quite other context ", "suffix": " nothing alike"},
        "highlight": {"start": {"paragraph": 1400, "offset": 5}, "end": {"paragraph": 1400, "offset": 15}, "colour": 2},
        "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z",
    });
    let file = files.path().join("notes.json");
    let notes = json!({"documents": {doc.fingerprint(): {"title": "t", "notes": [note]}}});
    std::fs::write(&file, notes.to_string()).unwrap();
    let config = tempfile::tempdir().unwrap();
    let args = ["--import", file.to_str().unwrap(), path.to_str().unwrap()];
    let (code, out, err) = cli(config.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "imported 1 note: 1 placed, 0 not found in this text (kept as orphans)\n"
    );
    let stored = stored_notes(config.path(), &doc);
    let (span, _) = Placer::new(&doc).span(&stored[0]).expect("placed");
    assert_eq!(span.numbers(&doc), (1400, 1400));
}
