//! `--notes` output: one document's notes and highlights (or every
//! document's, `--all`) as Markdown, JSON or a W3C Web Annotation
//! collection (`w3c`), grouped by part and country subsection, orphans at
//! the end. Note text is stored intact; here control and bidi characters
//! are made visible so the output cannot drive a terminal.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use super::anchor::{Location, Placement, text_at};
use super::citation::{citation, full_citation, full_span_citation, span_citation};
use super::highlight::{self, Placer, Span, colour_name};
use super::place::head;
use super::{Annotations, Note, Target, has_tag, tags};
use crate::document::Document;

/// How much of the quoted paragraph an entry shows, in characters.
const QUOTE_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Markdown,
    Json,
    /// A W3C Web Annotation collection (JSON-LD): see `w3c`.
    W3c,
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
    /// "note" (on a paragraph, sub-item or footnote) or "highlight".
    pub kind: &'static str,
    /// "para. 37"; a highlight across paragraphs "paras. 36–38".
    pub citation: String,
    pub full_citation: String,
    /// "exact", "moved", "orphan", or "stored" (document not open).
    pub placement: &'static str,
    /// A note: the beginning of the paragraph it is on. A highlight: its
    /// words whole, paragraphs joined by a line break.
    pub quote: String,
    /// A highlight's colour by name ("yellow").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour: Option<&'static str>,
    /// The `#tags` of the note's text, without their `#`.
    pub tags: Vec<String>,
    pub text: String,
    pub created: String,
    pub updated: String,
    /// The note as the notes file keeps it: what `--import` reads back.
    pub stored: Note,
}

/// The notes of `doc` in `annotations`, as `format`.
pub fn export_document(doc: &Document, annotations: &Annotations, format: Format) -> String {
    match format {
        Format::Markdown => {
            let mut out = String::new();
            write_markdown(&mut out, &document_export(doc, annotations));
            out
        }
        Format::Json => to_json(&document_export(doc, annotations)),
        Format::W3c => to_json(&super::w3c::collection(doc, annotations)),
    }
}

/// Only the notes whose text carries `#tag` (`--notes --tag`), deleted
/// ones left out: a copy of `annotations` to export.
pub fn tagged(annotations: &Annotations, tag: &str) -> Annotations {
    let mut out = annotations.clone();
    for d in out.documents.values_mut() {
        d.notes.retain(|n| !n.is_deleted() && has_tag(&n.text, tag));
    }
    out
}

/// Every document in `annotations`. Those among `open` are grouped by part;
/// the others are listed by their stored numbers.
pub fn export_all(annotations: &Annotations, open: &[&Document], format: Format) -> String {
    if format == Format::W3c {
        return to_json(&super::w3c::collection_all(annotations, open));
    }
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
        Format::Json | Format::W3c => to_json(&serde_json::json!({ "documents": exports })),
    }
}

/// Sort key and group of a placed note; a highlight's passage with it.
struct Placed<'a> {
    note: &'a Note,
    location: Location,
    exact: bool,
    span: Option<Span>,
}

pub fn document_export(doc: &Document, annotations: &Annotations) -> DocumentExport {
    let key = doc.fingerprint();
    let mut placed: Vec<Placed> = Vec::new();
    let mut orphans: Vec<Entry> = Vec::new();
    let mut placer = Placer::new(doc);
    for note in annotations.live_notes(&key) {
        let (placement, span) = placer.place(note);
        let found = match placement {
            Placement::Exact(location) => Some((location, true)),
            Placement::Moved(location) => Some((location, false)),
            Placement::Orphan => None,
        }
        .map(|(location, exact)| Placed {
            note,
            location,
            exact,
            span,
        });
        match found {
            Some(p) => placed.push(p),
            None => orphans.push(stored_entry(Some(doc), note, "orphan")),
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
        let byte = p.span.map_or(0, |s| s.start.byte);
        (paragraph.map_or(0, |i| i + 1), minor, byte, p.note.created)
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
        let placement = if p.exact { "exact" } else { "moved" };
        let entry = match p.span {
            Some(span) => highlight_entry(doc, p.note, &span, placement),
            None => {
                let target = p.location.target(doc);
                Entry {
                    citation: citation(doc, &target),
                    full_citation: full_citation(doc, &target),
                    quote: beginning(&text_at(doc, p.location)),
                    ..entry(p.note, placement)
                }
            }
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

/// A highlight found at `span` of `doc`: cited by the paragraphs it covers.
fn highlight_entry(doc: &Document, note: &Note, span: &Span, placement: &'static str) -> Entry {
    let number = |p: usize| doc.paragraphs.get(p).map_or(0, |p| p.number);
    // A passage ending at the very start of a paragraph does not cover it.
    let last = if span.end.byte == 0 && span.end.paragraph > span.start.paragraph {
        span.end.paragraph - 1
    } else {
        span.end.paragraph
    };
    let (first, last) = (number(span.start.paragraph), number(last));
    Entry {
        citation: span_citation(doc, first, last),
        full_citation: full_span_citation(doc, first, last),
        quote: highlight::exact(doc, span),
        ..entry(note, placement)
    }
}

/// An entry for `note` with its own fields; the citation and quote are
/// the caller's to fill in.
fn entry(note: &Note, placement: &'static str) -> Entry {
    Entry {
        id: note.id.clone(),
        kind: if note.highlight.is_some() {
            "highlight"
        } else {
            "note"
        },
        citation: String::new(),
        full_citation: String::new(),
        placement,
        quote: String::new(),
        colour: note.highlight.as_ref().map(|h| colour_name(h.colour)),
        tags: tags(&note.text),
        text: note.shown_text(),
        created: rfc3339(note.created),
        updated: rfc3339(note.updated),
        stored: note.clone(),
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
    let (cite, full) = match (&note.highlight, note.target(), doc) {
        // Read from elsewhere and never found: no paragraph to cite.
        (Some(h), _, _) if h.start.paragraph == 0 => ("unplaced".into(), "unplaced".into()),
        (Some(h), _, Some(doc)) => (
            span_citation(doc, h.start.paragraph, h.end.paragraph),
            full_span_citation(doc, h.start.paragraph, h.end.paragraph),
        ),
        (Some(h), _, None) if h.start.paragraph == h.end.paragraph => {
            let cite = short(&Target::Paragraph(h.start.paragraph));
            (cite.clone(), cite)
        }
        (Some(h), _, None) => {
            let cite = format!("paras. {}–{}", h.start.paragraph, h.end.paragraph);
            (cite.clone(), cite)
        }
        (None, Some(t), Some(doc)) => (citation(doc, &t), full_citation(doc, &t)),
        (None, Some(t), None) => (short(&t), short(&t)),
        (None, None, _) => ("unplaced".to_string(), "unplaced".to_string()),
    };
    let quote = if note.highlight.is_some() {
        note.quote.exact.clone()
    } else {
        beginning(&note.quote.exact)
    };
    Entry {
        citation: cite,
        full_citation: full,
        quote,
        ..entry(note, placement)
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
    let tags: Vec<String> = entry.tags.iter().map(|t| format!("#{}", line(t))).collect();
    if let Some(colour) = entry.colour {
        // The words as a block quote, each paragraph its own quoted line,
        // and under it what to cite them by.
        for (i, words) in entry.quote.split(highlight::JOIN).enumerate() {
            if i > 0 {
                out.push_str(">\n");
            }
            let _ = writeln!(out, "> {}", line(words));
        }
        let mut under = vec![line(&entry.full_citation), colour.to_string()];
        if !tags.is_empty() {
            under.push(tags.join(" "));
        }
        under.push(date);
        let _ = writeln!(out, "\n— {}\n", under.join(" · "));
        write_text(out, &entry.text, "");
        return;
    }
    let tagged = if tags.is_empty() {
        String::new()
    } else {
        format!(" · {}", tags.join(" "))
    };
    let _ = writeln!(
        out,
        "- **{}** ({date}){tagged}: “{}”\n",
        line(&entry.citation),
        line(&entry.quote)
    );
    write_text(out, &entry.text, "  ");
}

/// A note's text, each line after `indent`, and a blank line after it.
fn write_text(out: &mut String, text: &str, indent: &str) {
    for text_line in text.lines() {
        let text_line = neutralise(text_line);
        if text_line.trim().is_empty() {
            let _ = writeln!(out, "{indent}");
        } else {
            let _ = writeln!(out, "{indent}{text_line}");
        }
    }
    if !text.is_empty() {
        out.push('\n');
    }
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
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
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
