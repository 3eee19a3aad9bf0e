//! Notes and highlights written by earlier versions land on the same words:
//! files as schemas 1 and 2 stored them (a paragraph note's quote holds the
//! note calls of its text; a highlight's offsets count characters of the
//! passage, note calls left out), read back into the embedded report.

use report_reader::document::Document;
use report_reader::notes::highlight::{Placer, exact};
use report_reader::notes::{Location, NoteStore, Placement};

/// Schema 1: no `schema_version`, no highlights. Quotes are the first 200
/// characters of the target's text with its note calls ("respectively.¹").
const V1: &str = r#"{
  "documents": {
    "FP": {
      "title": "Promotion and protection of human rights",
      "notes": [
        {
          "id": "v1-paragraph",
          "paragraph": 2,
          "sub_item": null,
          "footnote": null,
          "quote": {
            "exact": "Parts II and III of the present report summarize responses received from Member States concerning the implementation of General Assembly resolutions 63/184 and 64/166, respectively.¹ The remainder of ",
            "prefix": "igrants, in particular children.",
            "suffix": "the report provides information "
          },
          "text": "note v1-paragraph",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v1-renumbered",
          "paragraph": 5,
          "sub_item": null,
          "footnote": null,
          "quote": {
            "exact": "Parts II and III of the present report summarize responses received from Member States concerning the implementation of General Assembly resolutions 63/184 and 64/166, respectively.¹ The remainder of ",
            "prefix": "igrants, in particular children.",
            "suffix": "the report provides information "
          },
          "text": "note v1-renumbered",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v1-sub-item",
          "paragraph": 66,
          "sub_item": "a",
          "footnote": null,
          "quote": {
            "exact": "The Regional Office for Central America represented OHCHR at a number of seminars and conferences, including the Regional Conference on Refugee Protection and International Migration in the Americas: ",
            "prefix": "atives, including the following:",
            "suffix": "Protection Considerations in the"
          },
          "text": "note v1-sub-item",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v1-footnote",
          "paragraph": 2,
          "sub_item": null,
          "footnote": "1",
          "quote": {
            "exact": "Part II includes responses to resolution 63/184 that were not included in the previous report (A/64/188), owing to their late submission.",
            "prefix": "",
            "suffix": ""
          },
          "text": "note v1-footnote",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        }
      ]
    }
  }
}"#;

/// Schema 2: highlights by paragraph number and character offset, one of
/// them (`v2-stale-offsets`) at offsets that no longer hold its words.
const V2: &str = r#"{
  "schema_version": 2,
  "documents": {
    "FP": {
      "title": "Promotion and protection of human rights",
      "notes": [
        {
          "id": "v2-paragraph",
          "paragraph": 2,
          "quote": {
            "exact": "Parts II and III of the present report summarize responses received from Member States concerning the implementation of General Assembly resolutions 63/184 and 64/166, respectively.¹ The remainder of ",
            "prefix": "igrants, in particular children.",
            "suffix": "the report provides information "
          },
          "text": "note v2-paragraph",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v2-across-a-note-call",
          "paragraph": 2,
          "quote": {
            "exact": "respectively. The remainder",
            "prefix": " resolutions 63/184 and 64/166, ",
            "suffix": " of the report provides informat"
          },
          "highlight": {
            "start": {
              "paragraph": 2,
              "offset": 168
            },
            "end": {
              "paragraph": 2,
              "offset": 195
            },
            "colour": 2
          },
          "text": "note v2-across-a-note-call",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v2-across-paragraphs",
          "paragraph": 1,
          "quote": {
            "exact": "in particular children.\nParts II and III",
            "prefix": "e the human rights of migrants, ",
            "suffix": " of the present report summarize"
          },
          "highlight": {
            "start": {
              "paragraph": 1,
              "offset": 264
            },
            "end": {
              "paragraph": 2,
              "offset": 16
            },
            "colour": 1
          },
          "text": "note v2-across-paragraphs",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        },
        {
          "id": "v2-stale-offsets",
          "paragraph": 3,
          "quote": {
            "exact": "third largest source",
            "prefix": "\\$6.35 billion, making them the ",
            "suffix": " of national income, after the S"
          },
          "highlight": {
            "start": {
              "paragraph": 3,
              "offset": 651
            },
            "end": {
              "paragraph": 3,
              "offset": 671
            },
            "colour": 4
          },
          "text": "note v2-stale-offsets",
          "created": "2024-03-01T09:00:00Z",
          "updated": "2024-03-01T09:00:00Z"
        }
      ]
    }
  }
}"#;

/// Each live note of `file` read into the embedded report, by id: where it
/// falls, and a highlight's words there.
fn placed(file: &str) -> Vec<(String, Placement, Option<String>)> {
    let doc = Document::embedded();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("annotations.json"),
        file.replace("\"FP\"", &format!("\"{}\"", doc.fingerprint())),
    )
    .unwrap();
    let (store, message) = NoteStore::open(dir.path());
    assert_eq!(message, None);
    let mut placer = Placer::new(&doc);
    let mut out: Vec<_> = store
        .notes(&doc.fingerprint())
        .iter()
        .map(|note| {
            let (placement, span) = placer.place(note);
            (note.id.clone(), placement, span.map(|s| exact(&doc, &s)))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Places as the tests expect them, in the order `placed` gives them.
fn by_id(
    mut places: Vec<(String, Placement, Option<String>)>,
) -> Vec<(String, Placement, Option<String>)> {
    places.sort_by(|a, b| a.0.cmp(&b.0));
    places
}

fn paragraph(n: u32) -> usize {
    Document::embedded().paragraph_index(n).unwrap()
}

#[test]
fn schema_one_notes_land_on_their_paragraph_sub_item_and_footnote() {
    let doc = Document::embedded();
    let footnote = doc
        .footnotes
        .iter()
        .position(|f| f.label.to_string() == "1")
        .unwrap();
    assert_eq!(
        placed(V1),
        by_id(vec![
            (
                "v1-paragraph".to_string(),
                Placement::Exact(Location::Paragraph(paragraph(2))),
                None
            ),
            (
                "v1-renumbered".to_string(),
                Placement::Moved(Location::Paragraph(paragraph(2))),
                None
            ),
            (
                "v1-sub-item".to_string(),
                Placement::Exact(Location::SubItem {
                    paragraph: paragraph(66),
                    item: 0
                }),
                None
            ),
            (
                "v1-footnote".to_string(),
                Placement::Exact(Location::Footnote(footnote)),
                None
            ),
        ])
    );
}

#[test]
fn schema_two_notes_and_highlights_land_on_their_words() {
    let words = |s: &str| Some(s.to_string());
    assert_eq!(
        placed(V2),
        by_id(vec![
            (
                "v2-paragraph".to_string(),
                Placement::Exact(Location::Paragraph(paragraph(2))),
                None
            ),
            (
                "v2-across-a-note-call".to_string(),
                Placement::Exact(Location::Paragraph(paragraph(2))),
                words("respectively. The remainder")
            ),
            (
                "v2-across-paragraphs".to_string(),
                Placement::Exact(Location::Paragraph(paragraph(1))),
                words("in particular children.\nParts II and III")
            ),
            (
                "v2-stale-offsets".to_string(),
                Placement::Moved(Location::Paragraph(paragraph(4))),
                words("third largest source")
            ),
        ])
    );
}
