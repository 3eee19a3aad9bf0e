//! Notes as a W3C Web Annotation collection (JSON-LD, the Web Annotation
//! Data Model): what `--notes --format w3c` writes and `--import` reads.
//!
//! Each note or highlight is an `Annotation`. Its `target` names the
//! document (`source`: `https://undocs.org/<symbol>` when the report states
//! its symbol, else `urn:report-reader:<fingerprint>`) and selects its words
//! with a `TextQuoteSelector` (exact, prefix, suffix) and, when the note is
//! found in the open text, a `TextPositionSelector`. Positions count
//! characters (Unicode scalar values) in the document's text as
//! report-reader defines it: the passages of all paragraphs
//! (`Document::passage`: a paragraph's text, then each sub-item after its
//! label, note calls left out) joined by '\n'.
//!
//! The model has no selector for a paragraph as the report numbers it; a
//! note on a paragraph (or sub-item) selects the paragraph's (sub-item's)
//! words whole with the same two selectors, and its number is kept with
//! report-reader's own fields. A note on a footnote, whose text is not part
//! of that text, and a note not found in it, have the quote selector only.
//!
//! The note's text is a `TextualBody` with the purpose `commenting`, each
//! `#tag` one with the purpose `tagging`. Everything else report-reader
//! keeps (paragraph, sub-item, footnote, highlight spots and colour, the
//! stored quote, revision, draft) is under the key `report_reader`, which the
//! W3C context does not define: JSON readers keep it, JSON-LD processing
//! leaves it out. Reading it back gives the same notes.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::anchor::{CONTEXT_CHARS, Location, Placement, place};
use super::highlight::{Placer, Span};
use super::place::At;
pub use super::place::DocumentText;
use super::{Annotations, Note, tags};
use crate::document::Document;
use crate::document::passage::Shown;

/// The JSON-LD context of the Web Annotation model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The key of report-reader's own fields in an annotation and a collection.
pub const EXTENSION: &str = "report_reader";

/// A quote selector for `span` of `text`: its words, and up to
/// `CONTEXT_CHARS` characters of the text around them.
fn quote_selector(text: &DocumentText, span: &Span) -> Value {
    let (prefix, exact, suffix) = text.around(span.start, span.end, CONTEXT_CHARS);
    json!({
        "type": "TextQuoteSelector",
        "exact": exact,
        "prefix": prefix,
        "suffix": suffix,
    })
}

/// The IRI naming `doc`: by its symbol at the UN's document address when
/// it has one, which is how UN documents are found; else by fingerprint.
pub fn source(doc: &Document) -> String {
    match doc.header.symbol.as_deref().map(str::trim) {
        Some(symbol) if !symbol.is_empty() => {
            let mut iri = String::from("https://undocs.org/");
            for b in symbol.bytes() {
                if b.is_ascii_alphanumeric() || b"/.-_~".contains(&b) {
                    iri.push(char::from(b));
                } else {
                    iri.push_str(&format!("%{b:02X}"));
                }
            }
            iri
        }
        _ => fingerprint_source(&doc.fingerprint()),
    }
}

fn fingerprint_source(fingerprint: &str) -> String {
    format!("urn:report-reader:{fingerprint}")
}

/// The notes of `doc` as one collection, in document order, notes not
/// found in the text at the end.
pub fn collection(doc: &Document, annotations: &Annotations) -> Value {
    let key = doc.fingerprint();
    let items = document_items(doc, annotations);
    let title = title(annotations, &key).unwrap_or_else(|| doc.title());
    let mut titles = BTreeMap::new();
    titles.insert(key.clone(), title.clone());
    wrap(
        &fingerprint_source(&key),
        &format!("Notes: {title}"),
        items,
        titles,
    )
}

/// Every document's notes in one collection (`--all`); those of documents
/// not open have no positions and name their document by fingerprint.
pub fn collection_all(annotations: &Annotations, open: &[&Document]) -> Value {
    let mut items = Vec::new();
    let mut titles = BTreeMap::new();
    for (key, notes) in &annotations.documents {
        if notes.notes.iter().all(Note::is_deleted) {
            continue;
        }
        titles.insert(key.clone(), notes.title.clone());
        match open.iter().find(|d| d.fingerprint() == *key) {
            Some(doc) => items.extend(document_items(doc, annotations)),
            None => {
                let mut stored: Vec<&Note> = annotations.live_notes(key).collect();
                stored.sort_by_key(|n| (n.paragraph.unwrap_or(0), n.created));
                let source = fingerprint_source(key);
                items.extend(
                    stored
                        .into_iter()
                        .map(|n| annotation(n, key, &source, None)),
                );
            }
        }
    }
    wrap("urn:report-reader:notes", "Notes", items, titles)
}

fn title(annotations: &Annotations, key: &str) -> Option<String> {
    let title = &annotations.documents.get(key)?.title;
    (!title.is_empty()).then(|| title.clone())
}

fn wrap(id: &str, label: &str, items: Vec<Value>, titles: BTreeMap<String, String>) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!(CONTEXT));
    out.insert("id".into(), json!(id));
    out.insert("type".into(), json!("AnnotationCollection"));
    out.insert("label".into(), json!(label));
    out.insert("total".into(), json!(items.len()));
    // The model gives a collection with no annotations no first page.
    if !items.is_empty() {
        out.insert(
            "first".into(),
            json!({
                "id": format!("{id}:page-1"),
                "type": "AnnotationPage",
                "startIndex": 0,
                "items": items,
            }),
        );
    }
    out.insert(EXTENSION.into(), json!({ "documents": titles }));
    Value::Object(out)
}

/// The annotations of one open document, in document order.
fn document_items(doc: &Document, annotations: &Annotations) -> Vec<Value> {
    let key = doc.fingerprint();
    let text = DocumentText::new(doc);
    let source = source(doc);
    let mut placer = Placer::new(doc);
    let mut found: Vec<(Selection, &Note)> = annotations
        .live_notes(&key)
        .map(|note| (selection(doc, &text, &mut placer, note), note))
        .collect();
    found.sort_by_key(|(s, note)| (s.order.is_none(), s.order, note.created));
    found
        .into_iter()
        .map(|(s, note)| annotation(note, &key, &source, s.selectors))
        .collect()
}

/// Where a note is in the text.
struct Selection {
    /// Its start and end there, to sort by; None when it is not found.
    order: Option<(usize, usize)>,
    /// Its quote and position selectors there; None for a footnote's note.
    selectors: Option<Value>,
}

fn selection(doc: &Document, text: &DocumentText, placer: &mut Placer, note: &Note) -> Selection {
    let span = if note.highlight.is_some() {
        placer.span(note).map(|(span, _)| span)
    } else {
        match place(doc, note) {
            Placement::Exact(l) | Placement::Moved(l) => match stretch(doc, l) {
                Some(span) => Some(span),
                // A footnote's note sorts after the paragraph citing it.
                None => {
                    let end = l.paragraph(doc).map_or(0, |p| {
                        text.position(At {
                            paragraph: p,
                            byte: usize::MAX,
                        })
                    });
                    return Selection {
                        order: Some((end, end)),
                        selectors: None,
                    };
                }
            },
            Placement::Orphan => None,
        }
    };
    let Some(span) = span else {
        return Selection {
            order: None,
            selectors: None,
        };
    };
    let (start, end) = (text.position(span.start), text.position(span.end));
    Selection {
        order: Some((start, end)),
        selectors: Some(json!([
            quote_selector(text, &span),
            {"type": "TextPositionSelector", "start": start, "end": end},
        ])),
    }
}

/// The words a note on a paragraph or sub-item is on; None for a footnote.
fn stretch(doc: &Document, location: Location) -> Option<Span> {
    let (paragraph, shown) = match location {
        Location::Paragraph(p) => (p, None),
        Location::SubItem { paragraph, item } => (paragraph, Some(Shown::SubItem(item))),
        Location::Footnote(_) => return None,
    };
    let passage = doc.passage(paragraph);
    let (start, end) = match shown {
        None => (0, passage.text.len()),
        Some(shown) => {
            let pieces: Vec<_> = passage.pieces_in(shown).collect();
            // The space before the item's label joins it to what precedes it.
            let first = pieces
                .iter()
                .find(|p| passage_piece(&passage.text, p) != " ")?;
            let last = pieces.last()?;
            (first.at as usize, (last.at + last.len) as usize)
        }
    };
    let at = |byte| At { paragraph, byte };
    Some(Span {
        start: at(start),
        end: at(end),
    })
}

fn passage_piece<'a>(text: &'a str, piece: &crate::document::passage::Piece) -> &'a str {
    text.get(piece.at as usize..(piece.at + piece.len) as usize)
        .unwrap_or("")
}

/// One note as an `Annotation`. `selected`: its selectors in the open text;
/// without them, the stored quote alone.
fn annotation(note: &Note, fingerprint: &str, source: &str, selected: Option<Value>) -> Value {
    let selectors = selected.unwrap_or_else(|| {
        let q = &note.quote;
        json!([{
            "type": "TextQuoteSelector",
            "exact": q.exact,
            "prefix": q.prefix,
            "suffix": q.suffix,
        }])
    });
    let mut bodies = Vec::new();
    if !note.text.is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "value": note.text,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for tag in tags(&note.text) {
        bodies.push(json!({"type": "TextualBody", "value": tag, "purpose": "tagging"}));
    }
    let motivation = if note.highlight.is_some() {
        "highlighting"
    } else {
        "commenting"
    };
    let mut out = Map::new();
    out.insert("id".into(), json!(annotation_id(&note.id)));
    out.insert("type".into(), json!("Annotation"));
    out.insert("motivation".into(), json!(motivation));
    out.insert("created".into(), json!(rfc3339(note.created)));
    out.insert("modified".into(), json!(rfc3339(note.updated)));
    if !bodies.is_empty() {
        out.insert("body".into(), Value::Array(bodies));
    }
    out.insert(
        "target".into(),
        json!({"source": source, "selector": selectors}),
    );
    out.insert(EXTENSION.into(), extension(note, fingerprint));
    Value::Object(out)
}

/// `urn:uuid:<id>` for the ids report-reader makes; another id (one made
/// distinct from a copy's, or read from elsewhere) under report-reader's name.
fn annotation_id(id: &str) -> String {
    if uuid::Uuid::parse_str(id).is_ok() {
        format!("urn:uuid:{id}")
    } else if id.contains(':') {
        id.to_string()
    } else {
        format!("urn:report-reader:note:{id}")
    }
}

/// The note id an annotation id stands for: `annotation_id` undone.
pub fn note_id(id: &str) -> &str {
    ["urn:uuid:", "urn:report-reader:note:"]
        .iter()
        .find_map(|p| id.strip_prefix(p))
        .unwrap_or(id)
}

/// report-reader's fields of a note: all it keeps but what the annotation
/// already says (id, text, created, modified), and the document it is of.
fn extension(note: &Note, fingerprint: &str) -> Value {
    let mut fields = match serde_json::to_value(note) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for key in ["id", "text", "created", "updated"] {
        fields.remove(key);
    }
    fields.insert("document".into(), json!(fingerprint));
    Value::Object(fields)
}

pub(crate) fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
