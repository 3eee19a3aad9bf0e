//! Highlights in the notes store: kept by passage and quote, placed again
//! in a corrected edition, and the schema 2 file. Every test works in its
//! own temporary directory: never the real config dir.

use proptest::prelude::*;
use report_reader::document::{Document, parse};
use report_reader::notes::highlight::{At, Placer, Span, exact, new_note};
use report_reader::notes::{NoteStore, Placement, has_tag, tags};

const HEADER: &str = "General Assembly\n\nDistr.: General\n21 July 2010\n\nOriginal: English\n\n\
Sixty-fifth session\n\nA small report on migration\n\nReport of the Secretary-General\n\n";
const P1: &str = "The General Assembly requested the Secretary-General to report on the \
implementation of resolution 64/166, in particular on the rights of migrant children.";
const P2: &str = "Parts II and III summarize the responses received from Member States \
concerning the implementation of resolutions 63/184 and 64/166.";
const P3: &str = "The Government of Egypt reported that remittances were the third largest \
source of national income.";
const NEW: &str = "A new paragraph inserted in the corrected edition, about data collection.";

fn report(paragraphs: &[&str]) -> Document {
    let mut text = format!("{HEADER}I. Introduction\n\n");
    for (i, p) in paragraphs.iter().enumerate() {
        text.push_str(&format!("{}. {p}\n\n", i + 1));
    }
    parse(&text)
}

/// The span of `words` in paragraph index `p`'s passage.
fn span_of(doc: &Document, p: usize, words: &str) -> Span {
    let at = doc.passage(p).text.find(words).expect("words in paragraph");
    Span {
        start: At {
            paragraph: p,
            byte: at,
        },
        end: At {
            paragraph: p,
            byte: at + words.len(),
        },
    }
}

#[test]
fn a_highlight_is_saved_with_its_place_colour_and_quote_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let doc = report(&[P1, P2, P3]);
    let fp = doc.fingerprint();
    let (mut store, _) = NoteStore::open(dir.path());
    let span = span_of(&doc, 1, "summarize the responses");
    let added = store.add_highlight(&doc, &span, 3, "");
    added.saved.unwrap();

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("annotations.json")).unwrap())
            .unwrap();
    assert_eq!(json["schema_version"], 2);
    let stored = &json["documents"][&fp]["notes"][0];
    assert_eq!(stored["paragraph"], 2);
    assert_eq!(stored["highlight"]["start"]["paragraph"], 2);
    assert_eq!(stored["highlight"]["start"]["offset"], 17);
    assert_eq!(stored["highlight"]["end"]["offset"], 17 + 23);
    assert_eq!(stored["highlight"]["colour"], 3);
    assert_eq!(stored["quote"]["exact"], "summarize the responses");
    assert_eq!(stored["quote"]["prefix"], "Parts II and III ");
    assert!(
        stored["quote"]["suffix"]
            .as_str()
            .unwrap()
            .starts_with(" received from")
    );

    let (again, message) = NoteStore::open(dir.path());
    assert_eq!(message, None);
    let note = again.note(&fp, &added.id).unwrap();
    assert_eq!(Placer::new(&doc).span(note), Some((span, true)));
}

#[test]
fn a_highlight_follows_its_words_into_a_corrected_edition() {
    let old = report(&[P1, P2, P3]);
    let new = report(&[P1, NEW, P2, P3]);
    let span = span_of(&old, 2, "third largest source");
    let note = new_note(&old, &span, 1, "");
    let (placed, exact_place) = Placer::new(&new).span(&note).unwrap();
    assert!(!exact_place);
    assert_eq!(placed, span_of(&new, 3, "third largest source"));
    assert!(matches!(
        Placer::new(&new).placement(&note),
        Placement::Moved(_)
    ));
    // Words the new edition does not hold: an orphan, never dropped.
    let gone = report(&[P1, NEW]);
    assert_eq!(Placer::new(&gone).span(&note), None);
    assert!(matches!(
        Placer::new(&gone).placement(&note),
        Placement::Orphan
    ));
}

#[test]
fn a_highlight_across_paragraphs_quotes_both_and_is_placed_whole() {
    let doc = report(&[P1, P2, P3]);
    let start = span_of(&doc, 0, "migrant children.").start;
    let end = span_of(&doc, 1, "Parts II").end;
    let span = Span { start, end };
    assert_eq!(exact(&doc, &span), "migrant children.\nParts II");
    let note = new_note(&doc, &span, 2, "");
    assert_eq!(Placer::new(&doc).span(&note), Some((span, true)));
}

#[test]
fn a_version_one_file_is_kept_beside_it_when_first_written_as_version_two() {
    let dir = tempfile::tempdir().unwrap();
    let doc = report(&[P1, P2, P3]);
    let path = dir.path().join("annotations.json");
    let v1 = serde_json::to_vec_pretty(&serde_json::json!({
        "schema_version": 1,
        "documents": {doc.fingerprint(): {"title": "t", "notes": [{"id": "old", "paragraph": 1,
            "text": "kept", "created": "2024-01-01T00:00:00Z",
            "updated": "2024-01-01T00:00:00Z"}]}}
    }))
    .unwrap();
    std::fs::write(&path, &v1).unwrap();
    let (mut store, message) = NoteStore::open(dir.path());
    assert_eq!(message, None);
    assert_eq!(store.notes(&doc.fingerprint())[0].text, "kept");
    store
        .add_highlight(&doc, &span_of(&doc, 0, "General Assembly"), 1, "")
        .saved
        .unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("annotations.json.v1")).unwrap(),
        v1
    );
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(now["schema_version"], 2);
    assert_eq!(
        now["documents"][doc.fingerprint()]["notes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn tags_are_hash_words_in_a_note() {
    assert_eq!(
        tags("#quote this, and #follow-up later; not a#tag nor #2010"),
        vec!["quote", "follow-up"]
    );
    assert!(has_tag("see #Children", "children"));
    assert!(has_tag("see #children.", "#children"));
    assert!(!has_tag("children", "children"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A selection anywhere in the embedded report, stored with a wrong
    /// offset (as after a correction), is found again by its quote alone.
    #[test]
    fn random_selections_re_anchor_to_the_same_place(
        first in 0usize..1000, len in 1usize..4000, from in 0usize..1000, to in 0usize..1000
    ) {
        let doc = Document::embedded();
        let n = doc.paragraphs.len();
        let p = first % n;
        let q = (p + len / 1000).min(n - 1);
        let word_starts = |p: usize| -> Vec<usize> {
            let text = doc.passage(p).text;
            text.char_indices()
                .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || text[..i].ends_with(' ')))
                .map(|(i, _)| i)
                .collect()
        };
        let starts = word_starts(p);
        let ends: Vec<usize> = {
            let text = doc.passage(q).text;
            text.char_indices()
                .filter(|&(i, c)| !c.is_whitespace() && text[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace))
                .map(|(i, c)| i + c.len_utf8())
                .collect()
        };
        prop_assume!(!starts.is_empty() && !ends.is_empty());
        let start = At { paragraph: p, byte: starts[from % starts.len()] };
        let end = At { paragraph: q, byte: ends[to % ends.len()] };
        prop_assume!(start < end);
        let span = Span { start, end };
        let mut note = new_note(&doc, &span, 1, "");
        if let Some(h) = &mut note.highlight {
            h.start.offset += 100_000;
        }
        let placed = Placer::new(&doc).span(&note).map(|(s, _)| s);
        prop_assert_eq!(placed, Some(span), "{:?}", note.quote);
    }
}

#[test]
fn two_copies_highlighting_at_once_keep_both_and_a_recolour_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let doc = report(&[P1, P2, P3]);
    let fp = doc.fingerprint();
    let (mut one, _) = NoteStore::open(dir.path());
    let (mut two, _) = NoteStore::open(dir.path());
    let a = one.add_highlight(&doc, &span_of(&doc, 0, "General Assembly"), 1, "");
    a.saved.unwrap();
    let b = two.add_highlight(&doc, &span_of(&doc, 2, "third largest"), 4, "#figures");
    b.saved.unwrap();
    // The second copy recolours the first copy's highlight it has now read.
    two.recolour(&fp, &a.id, 3).unwrap();
    one.reload();
    let colours: Vec<(String, u8)> = one
        .notes(&fp)
        .iter()
        .map(|n| (n.quote.exact.clone(), n.highlight.as_ref().unwrap().colour))
        .collect();
    assert_eq!(
        colours,
        vec![
            ("General Assembly".to_string(), 3),
            ("third largest".to_string(), 4)
        ]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("annotations.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_note_whose_highlight_a_hand_edit_broke_is_kept_with_the_highlight_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let doc = report(&[P1, P2, P3]);
    let fp = doc.fingerprint();
    let path = dir.path().join("annotations.json");
    let file = serde_json::json!({
        "schema_version": 2,
        "documents": {fp.clone(): {"title": "t", "notes": [
            {"id": "good", "paragraph": 1, "text": "fine", "created": "2025-01-01T00:00:00Z",
             "updated": "2025-01-01T00:00:00Z"},
            {"id": "edited", "paragraph": 2, "text": "keep me", "created": "2025-01-01T00:00:00Z",
             "updated": "2025-01-01T00:00:00Z", "quote": {"exact": "Parts II"},
             "highlight": {"start": "nowhere", "colour": "red"}}
        ]}}
    });
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    let (store, message) = NoteStore::open(dir.path());
    // The file as it was is set aside, and said; both notes are kept.
    assert!(message.is_some());
    let notes = store.notes(&fp);
    assert_eq!(notes.len(), 2);
    let edited = notes.iter().find(|n| n.id == "edited").unwrap();
    assert_eq!(edited.text, "keep me");
    assert_eq!(edited.extra["highlight_unread"]["colour"], "red");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("highlight_unread") && written.contains("nowhere"));
}
