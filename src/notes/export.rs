//! `--notes` output: one document's notes (or every document's, `--all`)
//! as Markdown or JSON, grouped by part and country subsection, orphans at
//! the end. Note text is stored intact; here control and bidi characters
//! are made visible so the output cannot drive a terminal.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use super::anchor::{Location, Placement, head, place, text_at};
use super::citation::{citation, full_citation};
use super::{Annotations, Note, Target};
use crate::document::Document;

/// How much of the quoted paragraph an entry shows, in characters.
const QUOTE_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

/// One document's notes, ready to print.
#[derive(Debug, Serialize)]
pub struct DocumentExport {
    pub fingerprint: String,
    pub title: String,
    /// "Report of the Secretary-General, 21 July 2010"; empty when the
    /// document is not open (only its stored notes are known).
    pub source: String,
    pub groups: Vec<Group>,
    /// Notes whose place could not be found: never left out.
    pub orphans: Vec<Entry>,
}

/// Notes under one part heading and, within it, one subsection.
#[derive(Debug, Serialize)]
pub struct Group {
    pub part: Option<String>,
    pub section: Option<String>,
    pub notes: Vec<Entry>,
}

#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: String,
    pub citation: String,
    pub full_citation: String,
    /// "exact", "moved", "orphan", or "stored" (document not open).
    pub placement: &'static str,
    /// The beginning of the paragraph the note is on.
    pub quote: String,
    pub text: String,
    pub created: String,
    pub updated: String,
}

/// The notes of `doc` in `annotations`, as `format`.
pub fn export_document(doc: &Document, annotations: &Annotations, format: Format) -> String {
    let export = document_export(doc, annotations);
    match format {
        Format::Markdown => {
            let mut out = String::new();
            write_markdown(&mut out, &export);
            out
        }
        Format::Json => to_json(&export),
    }
}

/// Every document in `annotations`. Those among `open` are grouped by part;
/// the others are listed by their stored numbers.
pub fn export_all(annotations: &Annotations, open: &[&Document], format: Format) -> String {
    let exports: Vec<DocumentExport> = annotations
        .documents
        .iter()
        .filter(|(_, d)| d.notes.iter().any(|n| !n.is_deleted()))
        .map(
            |(key, _)| match open.iter().find(|d| d.fingerprint() == *key) {
                Some(doc) => document_export(doc, annotations),
                None => stored_export(key, annotations),
            },
        )
        .collect();
    match format {
        Format::Markdown => {
            let mut out = String::new();
            for (i, e) in exports.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                write_markdown(&mut out, e);
            }
            out
        }
        Format::Json => to_json(&serde_json::json!({ "documents": exports })),
    }
}

/// Sort key and group of a placed note.
struct Placed<'a> {
    note: &'a Note,
    location: Location,
    exact: bool,
}

pub fn document_export(doc: &Document, annotations: &Annotations) -> DocumentExport {
    let key = doc.fingerprint();
    let mut placed: Vec<Placed> = Vec::new();
    let mut orphans: Vec<Entry> = Vec::new();
    for note in annotations.live_notes(&key) {
        match place(doc, note) {
            Placement::Exact(location) => placed.push(Placed {
                note,
                location,
                exact: true,
            }),
            Placement::Moved(location) => placed.push(Placed {
                note,
                location,
                exact: false,
            }),
            Placement::Orphan => orphans.push(stored_entry(Some(doc), note, "orphan")),
        }
    }
    // Footnotes cited only by the header sort first, under no part.
    let order = |p: &Placed| {
        let paragraph = p.location.paragraph(doc);
        let minor = match p.location {
            Location::Paragraph(_) => 0,
            Location::SubItem { item, .. } => 1 + item,
            Location::Footnote(f) => 10_000 + f,
        };
        (paragraph.map_or(0, |i| i + 1), minor, p.note.created)
    };
    placed.sort_by_key(order);
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Option<(Option<usize>, Option<usize>)> = None;
    for p in &placed {
        let paragraph = p
            .location
            .paragraph(doc)
            .and_then(|i| doc.paragraphs.get(i));
        let key = (paragraph.map(|p| p.part), paragraph.and_then(|p| p.section));
        if current != Some(key) {
            current = Some(key);
            groups.push(Group {
                part: key
                    .0
                    .and_then(|i| doc.parts.get(i))
                    .map(|part| format!("{}. {}", part.numeral, doc.plain(&part.title))),
                section: key
                    .1
                    .and_then(|i| doc.sections.get(i))
                    .map(|s| s.title.clone()),
                notes: Vec::new(),
            });
        }
        let target = p.location.target(doc);
        let text = text_at(doc, p.location);
        let entry = Entry {
            id: p.note.id.clone(),
            citation: citation(doc, &target),
            full_citation: full_citation(doc, &target),
            placement: if p.exact { "exact" } else { "moved" },
            quote: beginning(&text),
            text: p.note.shown_text(),
            created: rfc3339(p.note.created),
            updated: rfc3339(p.note.updated),
        };
        if let Some(g) = groups.last_mut() {
            g.notes.push(entry);
        }
    }
    let title = annotations
        .documents
        .get(&key)
        .map(|d| d.title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| doc.title());
    let source = [&doc.header.symbol, &doc.header.kind, &doc.header.date]
        .into_iter()
        .filter_map(|f| f.as_deref())
        .collect::<Vec<_>>()
        .join(", ");
    DocumentExport {
        fingerprint: key,
        title,
        source,
        groups,
        orphans,
    }
}

/// A document that is not open: its notes as stored, in paragraph order.
fn stored_export(key: &str, annotations: &Annotations) -> DocumentExport {
    let mut notes: Vec<&Note> = annotations.live_notes(key).collect();
    notes.sort_by_key(|n| (n.paragraph.unwrap_or(0), n.created));
    let title = annotations
        .documents
        .get(key)
        .map(|d| d.title.clone())
        .unwrap_or_default();
    DocumentExport {
        fingerprint: key.to_string(),
        title,
        source: String::new(),
        groups: vec![Group {
            part: None,
            section: None,
            notes: notes
                .into_iter()
                .map(|n| stored_entry(None, n, "stored"))
                .collect(),
        }],
        orphans: Vec::new(),
    }
}

/// An entry cited by the note's own fields and quote.
fn stored_entry(doc: Option<&Document>, note: &Note, placement: &'static str) -> Entry {
    let short = |t: &Target| match t {
        Target::Paragraph(n) => format!("para. {n}"),
        Target::SubItem { paragraph, label } => format!("para. {paragraph} ({label})"),
        Target::Footnote(label) => format!("footnote {label}"),
    };
    let (cite, full) = match (note.target(), doc) {
        (Some(t), Some(doc)) => (citation(doc, &t), full_citation(doc, &t)),
        (Some(t), None) => (short(&t), short(&t)),
        (None, _) => ("unplaced".to_string(), "unplaced".to_string()),
    };
    Entry {
        id: note.id.clone(),
        citation: cite,
        full_citation: full,
        placement,
        quote: beginning(&note.quote.exact),
        text: note.shown_text(),
        created: rfc3339(note.created),
        updated: rfc3339(note.updated),
    }
}

fn beginning(text: &str) -> String {
    let cut = head(text, QUOTE_CHARS);
    if cut.len() < text.len() {
        format!("{}…", cut.trim_end())
    } else {
        cut.to_string()
    }
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The day part of an RFC 3339 timestamp.
fn day(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

fn write_markdown(out: &mut String, e: &DocumentExport) {
    let line = |s: &str| neutralise(&s.replace(['\n', '\r'], " ")).into_owned();
    let _ = writeln!(out, "# Notes: {}\n", line(&e.title));
    if !e.source.is_empty() {
        let _ = writeln!(out, "{}\n", line(&e.source));
    }
    for g in &e.groups {
        if let Some(part) = &g.part {
            let _ = writeln!(out, "## {}\n", line(part));
        }
        if let Some(section) = &g.section {
            let _ = writeln!(out, "### {}\n", line(section));
        }
        for entry in &g.notes {
            write_entry(out, entry);
        }
    }
    if !e.orphans.is_empty() {
        let _ = writeln!(out, "## Notes not found in this edition\n");
        for entry in &e.orphans {
            write_entry(out, entry);
        }
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    let line = |s: &str| neutralise(&s.replace(['\n', '\r'], " ")).into_owned();
    let mut date = day(&entry.created).to_string();
    if day(&entry.updated) != date {
        let _ = write!(date, ", edited {}", day(&entry.updated));
    }
    let _ = writeln!(
        out,
        "- **{}** ({date}): “{}”\n",
        line(&entry.citation),
        line(&entry.quote)
    );
    for text_line in entry.text.lines() {
        let text_line = neutralise(text_line);
        if text_line.trim().is_empty() {
            out.push_str("  \n");
        } else {
            let _ = writeln!(out, "  {text_line}");
        }
    }
    out.push('\n');
}

/// Characters that must not reach a terminal raw (`text::is_unsafe`); line
/// breaks and tabs are the export's own layout and stay.
pub fn is_unsafe(c: char) -> bool {
    c != '\n' && c != '\t' && crate::text::is_unsafe(c)
}

/// `s` with every unsafe character written out visibly as `\u{1b}`.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pretty JSON in which unsafe characters serde_json leaves raw (DEL, C1,
/// bidi) are `\uXXXX` escapes; they can only occur inside strings, so this
/// is still the same JSON.
fn to_json<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if is_unsafe(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}
