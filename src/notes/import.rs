//! `--import FILE`: notes read from a W3C Web Annotation collection, a
//! report-reader JSON export (`--notes --format json`) or an
//! `annotations.json`, merged by id into the notes store and placed in the
//! open document by their quotes. A note that cannot be placed is kept as
//! an orphan, never dropped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

use super::anchor::Placement;
use super::error::StoreError;
use super::highlight::{self, Placer};
use super::imported;
use super::w3c::{self, DocumentText, EXTENSION};
use super::{Annotations, DocumentNotes, Note, NoteStore, now};
use crate::document::Document;

/// The largest file imported: no more than the notes file may be, since
/// the notes it holds must fit there (checked again before writing).
const MAX_FILE_BYTES: u64 = super::fsio::MAX_FILE_BYTES;

/// Notes read from a file, each with the document (fingerprint) it was
/// kept for when the file says, and those documents' titles.
#[derive(Debug, Default)]
pub struct Incoming {
    pub notes: Vec<(Option<String>, Note)>,
    pub titles: BTreeMap<String, String>,
}

/// What an import did, told as one line.
#[derive(Debug)]
pub struct ImportReport {
    /// Notes placed in the open document on the paragraph they name, or
    /// found by their words when they name none.
    pub placed: usize,
    /// Notes found by their words on another paragraph than the one they name.
    pub moved: usize,
    /// Notes for the open document whose words its text does not hold.
    pub orphans: usize,
    /// Notes kept for other documents (a file of several), and how many documents.
    pub elsewhere: usize,
    pub other_documents: usize,
    /// Notes given an id of their own: the file used their id before.
    pub renamed: usize,
    /// Notes whose id is one of yours, saying something else: kept beside yours.
    pub kept_both: usize,
    /// Notes already here as they are, and older copies of notes changed
    /// here since (yours is kept): neither adds anything.
    pub same: usize,
    pub older: usize,
    pub saved: Result<(), StoreError>,
}

impl ImportReport {
    fn count(&mut self, joined: &imported::Joined) {
        self.kept_both += joined.kept_both;
        self.same += joined.same;
        self.older += joined.older;
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.placed + self.moved + self.orphans + self.elsewhere;
        let noun = if all == 1 { "note" } else { "notes" };
        write!(f, "imported {all} {noun}: {} placed, ", self.placed)?;
        if self.moved > 0 {
            write!(
                f,
                "{} moved to another paragraph where their words are now, ",
                self.moved
            )?;
        }
        write!(
            f,
            "{} not found in this text (kept as orphans)",
            self.orphans
        )?;
        if self.elsewhere > 0 {
            let documents = if self.other_documents == 1 {
                "document"
            } else {
                "documents"
            };
            write!(
                f,
                ", {} kept for {} other {documents}",
                self.elsewhere, self.other_documents
            )?;
        }
        if self.renamed > 0 {
            write!(
                f,
                ", {} given an id of their own (the file used their id twice)",
                self.renamed
            )?;
        }
        if self.same > 0 {
            write!(f, ", {} already here", self.same)?;
        }
        if self.older > 0 {
            write!(
                f,
                ", {} older than your own copy, which is kept",
                self.older
            )?;
        }
        match self.kept_both {
            0 => {}
            1 => write!(f, "; 1 note was changed here too: 2 versions, kept both")?,
            n => write!(
                f,
                "; {n} notes were changed here too: 2 versions of each, kept both"
            )?,
        }
        Ok(())
    }
}

/// Reads `path`. The error is one line naming the file.
pub fn read(path: &Path, doc: &Document) -> Result<Incoming, String> {
    let bytes = crate::files::read_capped(path, MAX_FILE_BYTES)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let shape = |reason: String| {
        format!(
            "{} is not a W3C annotation collection, a report-reader notes export or an annotations.json: {reason}",
            path.display()
        )
    };
    let json: Value =
        serde_json::from_slice(bytes).map_err(|e| shape(format!("not JSON ({})", one_line(&e))))?;
    let w3c_types = ["AnnotationCollection", "AnnotationPage", "Annotation"];
    if json.is_array() || json.get("@context").is_some() || w3c_types.iter().any(|t| is_a(&json, t))
    {
        return from_w3c(&json, doc).map_err(shape);
    }
    match json.get("documents") {
        Some(Value::Object(_)) => from_notes_file(&json),
        Some(Value::Array(_)) => from_export(&json),
        _ if json.get("groups").is_some() => from_export(&json),
        _ => Err("it has none of their keys (@context, type, documents, groups)".into()),
    }
    .map_err(shape)
}

/// Merges `incoming` into `store` and saves. Notes for the open document
/// (all of them when the file holds one document's) are placed there by
/// their quotes; a file of several documents keeps the others' notes with
/// their own documents. Deleted notes in the file are left out: an import
/// adds, never deletes, and never replaces a note of yours (see `imported`).
pub fn import(store: &mut NoteStore, doc: &Document, incoming: Incoming) -> ImportReport {
    let key = doc.fingerprint();
    let named: BTreeSet<&str> = incoming
        .notes
        .iter()
        .filter_map(|(d, _)| d.as_deref())
        .collect();
    let one_document = named.len() <= 1;
    let mut here: Vec<Note> = Vec::new();
    let mut others: BTreeMap<String, Vec<Note>> = BTreeMap::new();
    for (document, note) in incoming.notes {
        if note.is_deleted() {
            continue;
        }
        match document {
            Some(d) if !one_document && d != key => others.entry(d).or_default().push(note),
            _ => here.push(note),
        }
    }
    let mut renamed = imported::distinct_in_file(&mut here);
    for notes in others.values_mut() {
        renamed += imported::distinct_in_file(notes);
    }
    let (placed, moved, orphans) = place_all(doc, &mut here);
    let mut report = ImportReport {
        placed,
        moved,
        orphans,
        elsewhere: others.values().map(Vec::len).sum(),
        other_documents: others.len(),
        renamed,
        kept_both: 0,
        same: 0,
        older: 0,
        saved: Ok(()),
    };
    if here.is_empty() && others.is_empty() {
        return report;
    }
    if !here.is_empty() {
        let title = store
            .annotations()
            .documents
            .get(&key)
            .map(|d| d.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| doc.title());
        let joined = imported::join(store.annotations().documents.get(&key), here);
        report.count(&joined);
        store.merge_in(&key, documents(title, joined.notes));
    }
    for (document, notes) in others {
        let title = incoming.titles.get(&document).cloned().unwrap_or_default();
        let joined = imported::join(store.annotations().documents.get(&document), notes);
        report.count(&joined);
        store.merge_in(&document, documents(title, joined.notes));
    }
    report.saved = store.save();
    report
}

fn documents(title: String, notes: Vec<Note>) -> DocumentNotes {
    DocumentNotes {
        title,
        notes,
        extra: Map::new(),
    }
}

/// Places each note in `doc`, giving a moved one its new place and quote
/// as carrying to another edition does. (placed, moved to another
/// paragraph than the one it names, not found)
fn place_all(doc: &Document, notes: &mut [Note]) -> (usize, usize, usize) {
    let mut placer = Placer::new(doc);
    let (mut placed, mut moved, mut orphans) = (0, 0, 0);
    for note in notes {
        let found = placer.place(note);
        match found.0 {
            Placement::Exact(_) => placed += 1,
            Placement::Moved(at) => {
                // Moved within the paragraph it names is still on its paragraph.
                let named = note.target();
                if named.is_none() || named == Some(at.target(doc)) {
                    placed += 1;
                } else {
                    moved += 1;
                }
                highlight::follow(doc, note, found);
            }
            Placement::Orphan => orphans += 1,
        }
    }
    (placed, moved, orphans)
}

/// An `annotations.json`: every document's notes as kept.
fn from_notes_file(json: &Value) -> Result<Incoming, String> {
    let annotations: Annotations = serde_json::from_value(json.clone())
        .map_err(|e| format!("its notes cannot be read ({})", one_line(&e)))?;
    let mut out = Incoming::default();
    for (key, d) in annotations.documents {
        out.titles.insert(key.clone(), d.title);
        out.notes
            .extend(d.notes.into_iter().map(|n| (Some(key.clone()), n)));
    }
    Ok(out)
}

/// `--notes --format json`: one document's export, or `--all`'s list of them.
fn from_export(json: &Value) -> Result<Incoming, String> {
    let exports: Vec<&Value> = match json.get("documents") {
        Some(Value::Array(list)) => list.iter().collect(),
        _ => vec![json],
    };
    let mut out = Incoming::default();
    for export in exports {
        let key = export
            .get("fingerprint")
            .and_then(Value::as_str)
            .map(String::from);
        if let (Some(key), Some(title)) = (&key, export.get("title").and_then(Value::as_str)) {
            out.titles.insert(key.clone(), title.to_string());
        }
        let groups = export
            .get("groups")
            .and_then(Value::as_array)
            .ok_or("an export without groups")?;
        let entries = groups
            .iter()
            .flat_map(|g| {
                g.get("notes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
            })
            .chain(
                export
                    .get("orphans")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        for (i, entry) in entries.enumerate() {
            out.notes.push((key.clone(), entry_note(entry, i)?));
        }
    }
    Ok(out)
}

/// A note of a JSON export: its stored form, or, in an export written
/// before it had one, what its citation and quote say.
fn entry_note(entry: &Value, i: usize) -> Result<Note, String> {
    let bad = |e: &dyn fmt::Display| format!("note {} cannot be read ({})", i + 1, one_line(e));
    if let Some(stored) = entry.get("stored") {
        return serde_json::from_value(stored.clone()).map_err(|e| bad(&e));
    }
    let field = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or("");
    let id = entry
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| bad(&"no id"))?;
    let created = time_of(entry.get("created")).unwrap_or_else(now);
    let mut note = Note {
        text: field("text").to_string(),
        updated: time_of(entry.get("updated")).unwrap_or(created),
        ..Note::blank(id.to_string(), created)
    };
    // The quote shown is the paragraph's beginning, cut with "…".
    note.quote.exact = field("quote").trim_end_matches('…').trim_end().to_string();
    let citation = field("citation");
    if let Some(label) = citation.strip_prefix("footnote ") {
        note.footnote = Some(label.to_string());
    } else if let Some(rest) = citation.strip_prefix("para. ") {
        let (number, item) = rest.split_once(' ').unwrap_or((rest, ""));
        note.paragraph = number.parse().ok();
        let item = item.trim_start_matches('(').trim_end_matches(')');
        note.sub_item = (!item.is_empty()).then(|| item.to_string());
    }
    Ok(note)
}

/// Whether a JSON-LD node is of `kind` ("Annotation"), with or without
/// the `oa:` prefix, alone or among others.
fn is_a(v: &Value, kind: &str) -> bool {
    let matches = |t: &Value| {
        t.as_str()
            .is_some_and(|t| t == kind || t.strip_prefix("oa:") == Some(kind))
    };
    ["type", "@type"]
        .iter()
        .filter_map(|k| v.get(k))
        .any(|t| match t {
            Value::Array(list) => list.iter().any(matches),
            t => matches(t),
        })
}

/// A W3C collection, page, annotation, or list of annotations.
fn from_w3c(json: &Value, doc: &Document) -> Result<Incoming, String> {
    let items = annotations_in(json)?;
    let mut out = Incoming::default();
    if let Some(Value::Object(titles)) = json.get(EXTENSION).and_then(|e| e.get("documents")) {
        for (key, title) in titles {
            out.titles
                .insert(key.clone(), title.as_str().unwrap_or("").to_string());
        }
    }
    let mut text = None;
    for (i, item) in items.into_iter().enumerate() {
        out.notes.push(w3c_note(item, i, doc, &mut text)?);
    }
    Ok(out)
}

/// Pages are followed while they are in the file; at most this many.
const MOST_PAGES: usize = 100_000;

fn annotations_in(json: &Value) -> Result<Vec<&Value>, String> {
    if let Value::Array(items) = json {
        return Ok(items.iter().collect());
    }
    if is_a(json, "Annotation") {
        return Ok(vec![json]);
    }
    let mut page = if is_a(json, "AnnotationPage") {
        json
    } else if is_a(json, "AnnotationCollection") {
        match json.get("first") {
            None => return Ok(Vec::new()),
            Some(first) if first.is_object() => first,
            Some(_) => return Err("its pages are not in the file, only linked".into()),
        }
    } else {
        return Err("no AnnotationCollection, AnnotationPage or Annotation at its top".into());
    };
    let mut out = Vec::new();
    for _ in 0..MOST_PAGES {
        let items = page
            .get("items")
            .and_then(Value::as_array)
            .ok_or("an AnnotationPage without items")?;
        out.extend(items);
        match page.get("next") {
            Some(next) if next.is_object() => page = next,
            _ => break,
        }
    }
    Ok(out)
}

/// One annotation as a note: its own fields when report-reader wrote it,
/// else a highlight of the words its selectors give.
fn w3c_note(
    item: &Value,
    i: usize,
    doc: &Document,
    text: &mut Option<DocumentText>,
) -> Result<(Option<String>, Note), String> {
    let bad = |what: String| format!("annotation {} {what}", i + 1);
    let Some(fields) = item.as_object() else {
        return Err(bad(if item.is_string() {
            "is not in the file, only linked".into()
        } else {
            "is not an object".into()
        }));
    };
    if !is_a(item, "Annotation") {
        return Err(bad("is not of type Annotation".into()));
    }
    let created = time_of(fields.get("created")).unwrap_or_else(now);
    let updated = time_of(fields.get("modified")).unwrap_or(created);
    let id = match fields.get("id").and_then(Value::as_str) {
        Some(id) => w3c::note_id(id).to_string(),
        None => made_id(item),
    };
    let (comment, tag_words) = bodies(item);
    if let Some(Value::Object(ext)) = fields.get(EXTENSION) {
        let mut own = ext.clone();
        let document = own
            .remove("document")
            .and_then(|d| d.as_str().map(String::from));
        own.insert("id".into(), Value::from(id));
        own.insert("text".into(), Value::from(comment));
        own.insert("created".into(), Value::from(w3c::rfc3339(created)));
        own.insert("updated".into(), Value::from(w3c::rfc3339(updated)));
        let note = serde_json::from_value(Value::Object(own))
            .map_err(|e| bad(format!("has {EXTENSION} fields that cannot be read ({e})")))?;
        return Ok((document, note));
    }
    let mut note = Note {
        text: with_tags(comment, &tag_words),
        updated,
        ..Note::blank(id, created)
    };
    let (quote, position) = selectors(item);
    let text = text.get_or_insert_with(|| DocumentText::new(doc));
    let span = position
        .and_then(|(start, end)| {
            Some(highlight::Span {
                start: text.place(start)?,
                end: text.place(end)?,
            })
        })
        .filter(|s| s.start < s.end);
    note.quote = match (quote, &span) {
        (Some(q), _) => q,
        (None, Some(span)) => highlight::quote(doc, span),
        (None, None) => return Ok((None, note)),
    };
    // Where its positions do not hold its words (another program counts
    // otherwise), they name no place: it is found by its quote.
    let span = span.filter(|s| highlight::exact(doc, s) == note.quote.exact);
    let nowhere = super::Spot {
        paragraph: 0,
        offset: 0,
    };
    let (start, end) = match &span {
        Some(s) => (highlight::spot(doc, s.start), highlight::spot(doc, s.end)),
        None => (nowhere, nowhere),
    };
    note.paragraph = (start.paragraph > 0).then_some(start.paragraph);
    note.highlight = Some(super::Highlight {
        start,
        end,
        colour: 1,
        extra: Map::new(),
    });
    Ok((None, note))
}

/// The text of an annotation's comment bodies, and its tags.
fn bodies(item: &Value) -> (String, Vec<String>) {
    let mut comments: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    if let Some(value) = item.get("bodyValue").and_then(Value::as_str) {
        comments.push(value.to_string());
    }
    let list = match item.get("body") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(body) => vec![body],
        None => Vec::new(),
    };
    for body in list {
        let Some(value) = body.get("value").and_then(Value::as_str) else {
            continue;
        };
        let tagging = match body.get("purpose") {
            Some(Value::Array(p)) => p.iter().any(|p| p == "tagging"),
            Some(p) => p == "tagging",
            None => false,
        };
        if tagging {
            tags.push(value.to_string());
        } else {
            comments.push(value.to_string());
        }
    }
    (comments.join("\n\n"), tags)
}

/// A comment with each tag it does not carry yet added as `#tag`.
fn with_tags(mut text: String, tag_words: &[String]) -> String {
    for tag in tag_words {
        let word: String = tag
            .trim()
            .trim_start_matches('#')
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect();
        if word.is_empty() || super::has_tag(&text, &word) {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push('#');
        text.push_str(&word);
    }
    text
}

/// The quote and the character positions an annotation's target gives.
fn selectors(item: &Value) -> (Option<super::Quote>, Option<(usize, usize)>) {
    let target = match item.get("target") {
        Some(Value::Array(list)) => list.iter().find(|t| t.is_object()),
        other => other,
    };
    let list = match target.and_then(|t| t.get("selector")) {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let (mut quote, mut position) = (None, None);
    for s in list {
        let text = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        if is_a(s, "TextQuoteSelector") && s.get("exact").is_some_and(Value::is_string) {
            quote = Some(super::Quote {
                exact: text("exact"),
                prefix: text("prefix"),
                suffix: text("suffix"),
                extra: Map::new(),
            });
        } else if is_a(s, "TextPositionSelector") {
            let n = |k: &str| s.get(k).and_then(Value::as_u64).map(|n| n as usize);
            position = n("start").zip(n("end"));
        }
    }
    (quote, position)
}

/// An id for an annotation that has none, made from its content so that
/// importing the same file again finds the same note.
fn made_id(item: &Value) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(item.to_string().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("imported-{hex}")
}

fn time_of(v: Option<&Value>) -> Option<time::OffsetDateTime> {
    let s = v?.as_str()?;
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

fn one_line(e: &dyn fmt::Display) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
