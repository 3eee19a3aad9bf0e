//! Taking notes elsewhere: `--notes` as Markdown with highlights,
//! `--notes --tag` and `--notes --format w3c`. Every test
//! works in its own temporary configuration directory.

mod common;

use std::path::Path;
use std::process::Command;

use report_reader::document::{self, Document};
use report_reader::notes::highlight::{At, Span};
use report_reader::notes::w3c::{CONTEXT, DocumentText};
use report_reader::notes::{NoteStore, Target};
use serde_json::{Value, json};

/// The binary with `args`, notes in `config`: (status, stdout, stderr).
fn cli(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_report-reader"))
        .args(args)
        .env("REPORT_READER_CONFIG_DIR", config)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

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
