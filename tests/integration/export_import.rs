//! Taking notes elsewhere and back: `--notes` as Markdown with highlights,
//! `--notes --tag`, `--notes --format w3c`, and `--import`. Every test
//! works in its own temporary configuration directory.

use std::path::Path;

use report_reader::document::{self, Document};
use report_reader::notes::highlight::{At, Placer, Span};
use report_reader::notes::w3c::{CONTEXT, DocumentText};
use report_reader::notes::{Annotations, Note, NoteStore, Target, import};
use serde_json::{Value, json};

// The binary with `args`, notes in `config`: (status, stdout, stderr).
use crate::common::run_cli_in as cli;

/// The place of `words` in the paragraph printed `number`; `after`: just past them.
fn at(doc: &Document, number: u32, words: &str, after: bool) -> At {
    let paragraph = doc.paragraph_index(number).expect("paragraph");
    let byte = doc.passage(paragraph).text.find(words).expect("words");
    At {
        paragraph,
        byte: if after { byte + words.len() } else { byte },
    }
}

fn span(doc: &Document, number: u32, words: &str) -> Span {
    Span {
        start: at(doc, number, words, false),
        end: at(doc, number, words, true),
    }
}

/// The ids of the notes `notes_of_every_kind` makes.
struct Made {
    across: String,
    bare: String,
    paragraph: String,
    sub_item: String,
    footnote: String,
}

/// A highlight across paragraphs 37–38 in blue with a tagged note, one in
/// yellow with no note, notes on a paragraph, a sub-item (with a draft)
/// and a footnote, and two notes whose words the report does not hold.
fn notes_of_every_kind(config: &Path) -> Made {
    let doc = Document::embedded();
    let (mut store, _) = NoteStore::open(config);
    let across = Span {
        start: at(&doc, 37, "In respect of child migrants", false),
        end: at(&doc, 38, "The Government of Spain reported", true),
    };
    let across = store.add_highlight(
        &doc,
        &across,
        3,
        "Shelters and children #migration #follow-up",
    );
    let bare = store.add_highlight(&doc, &span(&doc, 36, "The Beta Group teams"), 1, "");
    let add = |store: &mut NoteStore, target: Target, text: &str| {
        store.add(&doc, &target, text).expect("added").id
    };
    let paragraph = add(
        &mut store,
        Target::Paragraph(12),
        "Check the figures #follow-up\nagainst the 2009 report",
    );
    let item = Target::SubItem {
        paragraph: 66,
        label: "b".into(),
    };
    let sub_item = add(&mut store, item.clone(), "Workshop");
    store
        .keep_draft(&doc, &item, Some(&sub_item), "words not saved yet")
        .expect("draft kept");
    let footnote = add(&mut store, Target::Footnote("1".into()), "Source #sources");
    drop(store);

    // Notes found nowhere in the text, and a key another program wrote.
    let file = config.join("annotations.json");
    let mut json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let notes = json["documents"][doc.fingerprint()]["notes"]
        .as_array_mut()
        .unwrap();
    notes.push(json!({
        "id": "lost-note", "paragraph": 999,
        "quote": {"exact": "Words that this report never held", "prefix": "", "suffix": ""},
        "text": "kept anyway", "created": "2010-07-21T10:00:00Z", "updated": "2010-07-21T10:00:00Z",
    }));
    notes.push(json!({
        "id": "lost-highlight", "paragraph": 999,
        "quote": {"exact": "A passage no edition has", "prefix": "", "suffix": ""},
        "highlight": {"start": {"paragraph": 999, "offset": 0}, "end": {"paragraph": 999, "offset": 24}, "colour": 5},
        "text": "", "created": "2010-07-21T11:00:00Z", "updated": "2010-07-21T11:00:00Z",
    }));
    for note in notes.iter_mut() {
        if note["id"] == paragraph.as_str() {
            note["from_another_program"] = json!({"kept": true});
        }
    }
    std::fs::write(&file, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    Made {
        across: across.id,
        bare: bare.id,
        paragraph,
        sub_item,
        footnote,
    }
}

/// The notes file's notes of `doc`, by id.
fn stored_notes(config: &Path, doc: &Document) -> Vec<Note> {
    let bytes = std::fs::read(config.join("annotations.json")).expect("notes file");
    let annotations: Annotations = serde_json::from_slice(&bytes).expect("notes");
    let mut notes = annotations.documents[&doc.fingerprint()].notes.clone();
    notes.sort_by(|a, b| a.id.cmp(&b.id));
    notes
}

#[test]
fn markdown_shows_a_highlight_as_a_block_quote_with_citation_colour_tags_and_note() {
    let config = tempfile::tempdir().unwrap();
    notes_of_every_kind(config.path());
    let (code, md, err) = cli(config.path(), &["--notes"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = md.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("> In respect of child migrants, the Government"))
        .expect("the highlight's words as a block quote");
    assert!(
        lines[first].ends_with("abuse of their human rights."),
        "{}",
        lines[first]
    );
    assert_eq!(lines[first + 1], ">", "each paragraph its own quoted line");
    assert_eq!(lines[first + 2], "> The Government of Spain reported");
    assert_eq!(lines[first + 3], "");
    let under = lines[first + 4];
    assert!(
        under.starts_with(
            "— Report of the Secretary-General, 21 July 2010, paras. 37–38 · blue · #migration #follow-up · "
        ),
        "{under}"
    );
    assert_eq!(
        lines[first + 6],
        "Shelters and children #migration #follow-up"
    );

    let bare = lines
        .iter()
        .position(|l| *l == "> The Beta Group teams")
        .expect("the highlight without a note");
    assert!(
        lines[bare + 2].contains(", para. 36 · yellow · "),
        "{}",
        lines[bare + 2]
    );
    assert!(
        md.contains("- **para. 12** (") && md.contains(") · #follow-up: “"),
        "a note shows its tags: {md}"
    );
    let orphans = md
        .find("## Notes not found in this edition")
        .expect("orphans");
    assert!(md[orphans..].contains("> A passage no edition has"));
    assert!(md[orphans..].contains("kept anyway"));

    // A report that states its symbol is cited by it.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, SMALL_REPORT).unwrap();
    let doc = document::load(&report).unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    store.add_highlight(&doc, &span(&doc, 2, "summarize the responses"), 2, "");
    let (_, md, _) = cli(config.path(), &["--notes", report.to_str().unwrap()]);
    assert!(
        md.contains("> summarize the responses\n\n— A/HRC/59/15, para. 2 · green · "),
        "{md}"
    );
}

const SMALL_REPORT: &str = "A/HRC/59/15\n\nGeneral Assembly\n\nDistr.: General\n21 July 2010\n\n\
Original: English\n\nSixty-fifth session\n\nA small report on migration\n\nReport of the \
Secretary-General\n\nI. Introduction\n\n1. The General Assembly requested the Secretary-General \
to report on the rights of migrant children.\n\n2. Parts II and III summarize the responses \
received from Member States.\n\n3. The Government of Egypt reported that remittances were the \
third largest source of national income.\n";

#[test]
fn tag_exports_only_the_notes_that_carry_it_in_every_format() {
    let config = tempfile::tempdir().unwrap();
    let made = notes_of_every_kind(config.path());
    let (code, md, _) = cli(config.path(), &["--notes", "--tag", "follow-up"]);
    assert_eq!(code, 0);
    assert!(md.contains("> In respect of child migrants") && md.contains("Check the figures"));
    assert!(!md.contains("Workshop") && !md.contains("Source") && !md.contains("Beta Group"));

    let (_, json, _) = cli(
        config.path(),
        &["--notes", "--tag", "#FOLLOW-UP", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["notes"].as_array().unwrap())
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [made.paragraph.as_str(), made.across.as_str()]);

    let (_, w3c, _) = cli(
        config.path(),
        &["--notes", "--tag", "sources", "--format", "w3c"],
    );
    let v: Value = serde_json::from_str(&w3c).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(
        v["first"]["items"][0]["id"],
        format!("urn:uuid:{}", made.footnote)
    );

    let (code, _, err) = cli(config.path(), &["--tag", "follow-up"]);
    assert_eq!(code, 2, "--tag without --notes is refused: {err}");
}

/// The item of a W3C export with report-reader id `id`.
fn item<'a>(collection: &'a Value, id: &str) -> &'a Value {
    collection["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == format!("urn:uuid:{id}"))
        .unwrap_or_else(|| panic!("no annotation {id}"))
}

fn chars(text: &str, from: u64, to: u64) -> String {
    text.chars()
        .skip(from as usize)
        .take((to - from) as usize)
        .collect()
}

#[test]
fn w3c_export_is_a_web_annotation_collection_with_quote_and_position_selectors() {
    let config = tempfile::tempdir().unwrap();
    let made = notes_of_every_kind(config.path());
    let (code, out, err) = cli(config.path(), &["--notes", "--format", "w3c"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], CONTEXT);
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 7);
    assert_eq!(v["first"]["type"], "AnnotationPage");
    assert_eq!(v["first"]["items"].as_array().unwrap().len(), 7);

    let doc = Document::embedded();
    let text = DocumentText::new(&doc);
    let all = text.as_str();
    let source = format!("urn:report-reader:{}", doc.fingerprint());

    let a = item(&v, &made.across);
    assert_eq!(a["type"], "Annotation");
    assert_eq!(a["motivation"], "highlighting");
    assert!(a["created"].as_str().unwrap().ends_with('Z'));
    assert!(a["modified"].is_string());
    assert_eq!(a["target"]["source"], source.as_str());
    let quote = &a["target"]["selector"][0];
    let position = &a["target"]["selector"][1];
    assert_eq!(quote["type"], "TextQuoteSelector");
    assert_eq!(position["type"], "TextPositionSelector");
    let exact = quote["exact"].as_str().unwrap();
    assert!(exact.starts_with("In respect of child migrants"));
    assert!(exact.ends_with("of their human rights.\nThe Government of Spain reported"));
    let (start, end) = (
        position["start"].as_u64().unwrap(),
        position["end"].as_u64().unwrap(),
    );
    assert_eq!(chars(all, start, end), exact, "positions count characters");
    assert_eq!(
        quote["prefix"].as_str().unwrap(),
        chars(all, start - 32, start)
    );
    assert_eq!(quote["suffix"].as_str().unwrap(), chars(all, end, end + 32));
    assert_eq!(
        a["body"],
        json!([
            {"type": "TextualBody", "value": "Shelters and children #migration #follow-up",
             "format": "text/plain", "purpose": "commenting"},
            {"type": "TextualBody", "value": "migration", "purpose": "tagging"},
            {"type": "TextualBody", "value": "follow-up", "purpose": "tagging"},
        ])
    );
    assert_eq!(a["report_reader"]["highlight"]["colour"], 3);

    let bare = item(&v, &made.bare);
    assert!(
        bare.get("body").is_none(),
        "a highlight without a note has no body"
    );

    let p = item(&v, &made.paragraph);
    assert_eq!(p["motivation"], "commenting");
    assert_eq!(p["report_reader"]["paragraph"], 12);
    let twelve = doc.passage(doc.paragraph_index(12).unwrap()).text;
    assert_eq!(p["target"]["selector"][0]["exact"], twelve.as_str());
    let position = &p["target"]["selector"][1];
    let (start, end) = (
        position["start"].as_u64().unwrap(),
        position["end"].as_u64().unwrap(),
    );
    assert_eq!(chars(all, start, end), twelve, "the whole paragraph");

    let s = item(&v, &made.sub_item);
    assert_eq!(s["report_reader"]["sub_item"], "b");
    assert_eq!(s["report_reader"]["draft"], "words not saved yet");
    let words = s["target"]["selector"][0]["exact"].as_str().unwrap();
    assert!(
        words.starts_with("(b) The Regional Office for West Africa"),
        "{words}"
    );

    let f = item(&v, &made.footnote);
    assert_eq!(f["report_reader"]["footnote"], "1");
    let selectors = f["target"]["selector"].as_array().unwrap();
    assert_eq!(
        selectors.len(),
        1,
        "a footnote is not in the text positions count"
    );
    assert!(
        selectors[0]["exact"]
            .as_str()
            .unwrap()
            .starts_with("Part II includes")
    );

    let lost = &v["first"]["items"][6];
    assert_eq!(lost["target"]["selector"].as_array().unwrap().len(), 1);
}

#[test]
fn exporting_then_importing_into_an_empty_config_gives_back_the_same_notes() {
    let doc = Document::embedded();
    let from = tempfile::tempdir().unwrap();
    notes_of_every_kind(from.path());
    let kept = stored_notes(from.path(), &doc);
    assert_eq!(kept.len(), 7);
    for format in ["w3c", "json"] {
        let (code, export, _) = cli(from.path(), &["--notes", "--format", format]);
        assert_eq!(code, 0);
        let files = tempfile::tempdir().unwrap();
        let file = files.path().join("export.json");
        std::fs::write(&file, export).unwrap();
        let to = tempfile::tempdir().unwrap();
        let (code, out, err) = cli(to.path(), &["--import", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{format}: {err}");
        assert_eq!(
            out, "imported 7 notes: 5 placed, 2 not found in this text (kept as orphans)\n",
            "{format}"
        );
        assert_eq!(stored_notes(to.path(), &doc), kept, "{format}");
    }
}

#[test]
fn importing_again_changes_nothing_and_never_undoes_a_later_edit() {
    let doc = Document::embedded();
    let from = tempfile::tempdir().unwrap();
    let made = notes_of_every_kind(from.path());
    let (_, export, _) = cli(from.path(), &["--notes", "--format", "w3c"]);
    let file = from.path().join("export.jsonld");
    std::fs::write(&file, export).unwrap();
    let to = tempfile::tempdir().unwrap();
    let import = || cli(to.path(), &["--import", file.to_str().unwrap()]);
    assert_eq!(import().0, 0);
    let (mut store, _) = NoteStore::open(to.path());
    store
        .edit(&doc.fingerprint(), &made.paragraph, "Figures checked")
        .unwrap();
    let (code, out, _) = import();
    assert_eq!(code, 0);
    assert!(out.starts_with("imported 7 notes"), "{out}");
    let notes = stored_notes(to.path(), &doc);
    assert_eq!(notes.len(), 7, "merged by id");
    let edited = notes.iter().find(|n| n.id == made.paragraph).unwrap();
    assert_eq!(edited.text, "Figures checked");
}

/// `SMALL_REPORT` corrected: paragraph 2 rewritten, a paragraph put before 3.
const CORRECTED: &str = "A/HRC/59/15/Corr.1\n\nGeneral Assembly\n\nDistr.: General\n21 July 2010\n\n\
Original: English\n\nSixty-fifth session\n\nA small report on migration\n\nReport of the \
Secretary-General\n\nI. Introduction\n\n1. The General Assembly requested the Secretary-General \
to report on the rights of migrant children.\n\n2. Part II gives the replies of States.\n\n\
3. A paragraph added in the corrected edition, about data collection.\n\n4. The Government of \
Egypt reported that remittances were the third largest source of national income.\n";

#[test]
fn notes_whose_words_are_not_in_the_text_are_kept_as_orphans_and_counted() {
    let files = tempfile::tempdir().unwrap();
    let (original, corrected) = (files.path().join("a.txt"), files.path().join("b.txt"));
    std::fs::write(&original, SMALL_REPORT).unwrap();
    std::fs::write(&corrected, CORRECTED).unwrap();
    let old = document::load(&original).unwrap();
    let new = document::load(&corrected).unwrap();
    let from = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(from.path());
    let moved = store.add_highlight(&old, &span(&old, 3, "third largest source"), 4, "money");
    store.add_highlight(&old, &span(&old, 2, "summarize the responses"), 1, "gone");
    store.add(&old, &Target::Paragraph(2), "also gone").unwrap();
    let (_, export, _) = cli(
        from.path(),
        &["--notes", "--format", "w3c", original.to_str().unwrap()],
    );
    let file = files.path().join("notes.json");
    std::fs::write(&file, export).unwrap();

    let to = tempfile::tempdir().unwrap();
    let args = [
        "--import",
        file.to_str().unwrap(),
        corrected.to_str().unwrap(),
    ];
    let (code, out, err) = cli(to.path(), &args);
    assert_eq!(code, 0, "{err}");
    // It named paragraph 3: moved to 4 with its words, it is not called placed.
    assert_eq!(
        out,
        "imported 3 notes: 0 placed, 1 moved to another paragraph where their words are now, \
         2 not found in this text (kept as orphans)\n"
    );
    let notes = stored_notes(to.path(), &new);
    assert_eq!(notes.len(), 3, "none dropped");
    let found = notes.iter().find(|n| n.id == moved.id).unwrap();
    assert_eq!(
        found.highlight.as_ref().unwrap().start.paragraph,
        4,
        "moved with its words"
    );
    assert_eq!(
        Placer::new(&new).span(found).map(|(_, exact)| exact),
        Some(true)
    );

    let (_, md, _) = cli(to.path(), &["--notes", corrected.to_str().unwrap()]);
    let orphans = md
        .find("## Notes not found in this edition")
        .expect("orphans shown");
    assert!(
        md[orphans..].contains("> summarize the responses") && md[orphans..].contains("also gone")
    );
}

#[test]
fn an_import_file_that_is_not_notes_gives_one_line_and_status_two() {
    let files = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let path = files.path().join(name);
        std::fs::write(&path, body).unwrap();
        path
    };
    let cases = [
        (write("words.txt", "just some words"), "not JSON"),
        (write("other.json", r#"{"hello": 1}"#), "has none of their keys"),
        (
            write("linked.json", &json!({"@context": CONTEXT, "type": "AnnotationCollection", "first": "https://example.org/page1"}).to_string()),
            "only linked",
        ),
        (
            write("strings.json", &json!({"type": "AnnotationPage", "items": ["https://example.org/anno1"]}).to_string()),
            "annotation 1 is not in the file",
        ),
        (
            write("bad.json", &json!({"documents": {"abc": {"notes": [{"id": 3}]}}}).to_string()),
            "its notes cannot be read",
        ),
        (files.path().join("missing.json"), "no such file"),
        (files.path().to_path_buf(), "is a directory"),
    ];
    for (path, what) in cases {
        let config = tempfile::tempdir().unwrap();
        let p = path.to_string_lossy().into_owned();
        let (code, out, err) = cli(config.path(), &["--import", &p]);
        assert_eq!(code, 2, "{p}: {err}");
        assert!(out.is_empty(), "{out}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&p) && err.contains(what), "{err}");
        assert!(!err.contains("panicked"));
        assert!(
            !config.path().join("annotations.json").exists(),
            "nothing written"
        );
    }
}

#[test]
fn another_programs_annotations_are_imported_as_highlights_found_by_their_quote() {
    let doc = Document::embedded();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("hypothesis.json");
    let annotations = json!([{
        "@context": CONTEXT,
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "created": "2024-03-01T09:30:00Z",
        "body": [
            {"type": "TextualBody", "value": "Worth quoting", "purpose": "commenting"},
            {"type": "TextualBody", "value": "child protection", "purpose": "tagging"},
        ],
        "target": {
            "source": "https://example.org/report.pdf",
            "selector": [
                {"type": "TextPositionSelector", "start": 3, "end": 9},
                {"type": "TextQuoteSelector", "exact": "a programme of child protection at the border",
                 "prefix": "since 1996, it had operated ", "suffix": ", comprising"},
            ],
        },
    }]);
    std::fs::write(&file, annotations.to_string()).unwrap();
    let config = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    let incoming = import::read(&file, &doc).expect("read");
    let report = import::import(&mut store, &doc, incoming);
    report.saved.as_ref().expect("saved");
    assert_eq!(report.placed, 1);
    let note = &store.notes(&doc.fingerprint())[0];
    assert_eq!(note.id, "https://hypothes.is/a/abc123");
    assert_eq!(note.text, "Worth quoting #child-protection");
    assert_eq!(note.created.year(), 2024);
    let (found, exact) = Placer::new(&doc).span(note).expect("placed");
    assert!(exact, "its stored place is where its words are");
    assert_eq!(
        found,
        span(&doc, 37, "a programme of child protection at the border")
    );
}

#[test]
fn a_json_export_from_before_stored_notes_is_read_by_citation_and_quote() {
    let doc = Document::embedded();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("old-export.json");
    let export = json!({
        "fingerprint": doc.fingerprint(), "title": doc.title(), "source": "",
        "groups": [{"part": null, "section": "Mexico", "notes": [{
            "id": "old-1", "citation": "para. 37", "full_citation": "", "placement": "exact",
            "quote": "In respect of child migrants, the Government reported that, since 1996, it had operated a programme of…",
            "text": "Shelters: 23", "created": "2011-01-02T03:04:05Z", "updated": "2011-01-02T03:04:05Z",
        }]}],
        "orphans": [],
    });
    std::fs::write(&file, export.to_string()).unwrap();
    let config = tempfile::tempdir().unwrap();
    let (code, out, err) = cli(config.path(), &["--import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "imported 1 note: 1 placed, 0 not found in this text (kept as orphans)\n"
    );
    let (_, md, _) = cli(config.path(), &["--notes"]);
    assert!(
        md.contains("**para. 37** (2011-01-02)") && md.contains("Shelters: 23"),
        "{md}"
    );
}

#[test]
fn a_file_of_several_documents_keeps_each_documents_notes_with_its_document() {
    let doc = Document::embedded();
    let files = tempfile::tempdir().unwrap();
    let report = files.path().join("small.txt");
    std::fs::write(&report, SMALL_REPORT).unwrap();
    let small = document::load(&report).unwrap();
    let from = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(from.path());
    store
        .add(&doc, &Target::Paragraph(37), "on the embedded report")
        .unwrap();
    store.add_highlight(
        &small,
        &span(&small, 3, "third largest source"),
        2,
        "on the small one",
    );
    let exports = [
        cli(from.path(), &["--notes", "--all", "--format", "w3c"]).1,
        cli(from.path(), &["--notes", "--all", "--format", "json"]).1,
        std::fs::read_to_string(from.path().join("annotations.json")).unwrap(),
    ];
    for export in exports {
        let file = files.path().join("all.json");
        std::fs::write(&file, export).unwrap();
        let to = tempfile::tempdir().unwrap();
        let (code, out, err) = cli(to.path(), &["--import", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            "imported 2 notes: 1 placed, 0 not found in this text (kept as orphans), \
             1 kept for 1 other document\n"
        );
        for d in [&doc, &small] {
            assert_eq!(stored_notes(to.path(), d), stored_notes(from.path(), d));
        }
        let (_, md, _) = cli(to.path(), &["--notes", report.to_str().unwrap()]);
        assert!(
            md.starts_with("# Notes: A small report on migration"),
            "{md}"
        );
        assert!(md.contains("> third largest source"), "{md}");
    }
}
