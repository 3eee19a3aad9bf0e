//! Personal notes on paragraphs, kept in `annotations.json` in the
//! configuration directory, and the reading state kept in `state.json`.
//!
//! A user's notes are sacred: a file that cannot be read is moved aside,
//! never overwritten, and a note that cannot be placed is reported as an
//! orphan, never dropped.

pub mod anchor;
pub mod citation;
mod error;
pub mod export;
mod fsio;
pub mod highlight;
pub mod import;
mod imported;
pub mod merge;
pub mod notebook;
pub mod place;
mod repair;
pub mod state;
pub mod store;
mod sync;
pub mod w3c;

pub use anchor::{Location, Placement, place, quote_for};
pub use citation::{citation, full_citation, full_span_citation, span_citation};
pub use error::{StoreError, StoreMessage};
pub use merge::merge;
pub use notebook::{CarryOffer, CarryReport, Notebook};
pub use store::{AddedNote, NoteStore};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::document::{Document, FootnoteLabel};

/// The schema this program reads and writes. A newer file is read-only.
pub const SCHEMA_VERSION: u64 = 2;

/// The file name of the notes in the configuration directory.
pub const ANNOTATIONS_FILE: &str = "annotations.json";

/// A file that does not say its schema is from before schema 2.
fn schema_unstated() -> u64 {
    1
}

/// The whole of `annotations.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default = "schema_unstated")]
    pub schema_version: u64,
    /// Keyed by `Document::fingerprint()`.
    #[serde(default)]
    pub documents: BTreeMap<String, DocumentNotes>,
    /// Keys written by a later or another program: kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Annotations {
    fn default() -> Self {
        Annotations {
            schema_version: SCHEMA_VERSION,
            documents: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

impl Annotations {
    /// Notes of one document that are not deleted.
    pub fn live_notes(&self, fingerprint: &str) -> impl Iterator<Item = &Note> {
        self.documents
            .get(fingerprint)
            .into_iter()
            .flat_map(|d| d.notes.iter())
            .filter(|n| !n.is_deleted())
    }

    /// How many notes (not deleted) the file holds in all.
    pub fn live_count(&self) -> usize {
        self.documents
            .values()
            .flat_map(|d| &d.notes)
            .filter(|n| !n.is_deleted())
            .count()
    }
}

/// The notes of one document (one fingerprint).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentNotes {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The text a note was attached to, so it can be found again in another edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The target's plain text, at most `anchor::EXACT_CHARS` characters.
    #[serde(default)]
    pub exact: String,
    /// Up to `anchor::CONTEXT_CHARS` characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to `anchor::CONTEXT_CHARS` characters after it.
    #[serde(default)]
    pub suffix: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One note. `paragraph` is the number printed in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    #[serde(default)]
    pub paragraph: Option<u32>,
    #[serde(default)]
    pub sub_item: Option<String>,
    /// A footnote label as a string: "3", "*".
    #[serde(default)]
    pub footnote: Option<String>,
    #[serde(default)]
    pub quote: Quote,
    #[serde(default)]
    pub text: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    /// Set when deleted: the note stays as a tombstone so a merge with an
    /// older copy does not bring it back. Its text is cleared.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub deleted: Option<OffsetDateTime>,
    /// Counts the changes made to the note, one per save by any copy of the
    /// program: two copies that changed it from the same revision conflict.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rev: u64,
    /// Set on a version kept beside the note of this id when two copies
    /// changed it at once: both texts stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_of: Option<String>,
    /// Text typed in the editor and not saved when the program was stopped
    /// (a signal, a closed terminal): offered back on the next start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// Set on a highlight: the passage marked, and its colour. The quote
    /// then holds the passage's words whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a highlight starts or ends: a paragraph as printed, and a character
/// offset in its passage (its text, then its sub-items, note calls left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spot {
    pub paragraph: u32,
    pub offset: u32,
}

/// A passage marked in a colour (1 to `highlight::COLOURS`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    pub start: Spot,
    pub end: Spot,
    #[serde(default = "first_colour")]
    pub colour: u8,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn first_colour() -> u8 {
    1
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Note {
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    /// The text as lists and exports show it: with its unsaved draft, and
    /// marked when it is the other version kept from a conflict.
    pub fn shown_text(&self) -> String {
        let mut out = String::new();
        if self.conflict_of.is_some() {
            out.push_str("[other version, kept when two copies changed this note] ");
        }
        out.push_str(&self.text);
        if let Some(draft) = &self.draft {
            if !self.text.is_empty() {
                out.push('\n');
            }
            out.push_str("[draft, not saved] ");
            out.push_str(draft);
        }
        out
    }

    /// What the note is attached to, as printed in the report.
    pub fn target(&self) -> Option<Target> {
        if let Some(label) = &self.footnote {
            return Some(Target::Footnote(label.clone()));
        }
        let paragraph = self.paragraph?;
        Some(match &self.sub_item {
            Some(label) => Target::SubItem {
                paragraph,
                label: label.clone(),
            },
            None => Target::Paragraph(paragraph),
        })
    }

    /// A note with an id and a time and nothing else: no place, no text.
    pub fn blank(id: String, created: OffsetDateTime) -> Note {
        Note {
            id,
            paragraph: None,
            sub_item: None,
            footnote: None,
            quote: Quote::default(),
            text: String::new(),
            created,
            updated: created,
            deleted: None,
            rev: 0,
            conflict_of: None,
            draft: None,
            highlight: None,
            extra: Map::new(),
        }
    }

    /// A new note on `target` of `doc`; None when the target is not in `doc`.
    pub fn new(doc: &Document, target: &Target, text: &str) -> Option<Note> {
        let quote = quote_for(doc, target)?;
        let mut note = Note {
            quote,
            text: text.to_string(),
            ..Note::blank(uuid::Uuid::new_v4().to_string(), now())
        };
        note.set_target(doc, target);
        Some(note)
    }

    /// Points the note at `target` (fields only; the quote is left alone).
    pub(crate) fn set_target(&mut self, doc: &Document, target: &Target) {
        match target {
            Target::Paragraph(n) => {
                self.paragraph = Some(*n);
                self.sub_item = None;
                self.footnote = None;
            }
            Target::SubItem { paragraph, label } => {
                self.paragraph = Some(*paragraph);
                self.sub_item = Some(label.clone());
                self.footnote = None;
            }
            Target::Footnote(label) => {
                // The first citing paragraph, so the note sorts near it.
                self.paragraph = footnote_label(label)
                    .and_then(|l| doc.footnote_index(&l))
                    .and_then(|f| doc.footnotes[f].cited_by.first())
                    .and_then(|&p| doc.paragraphs.get(p))
                    .map(|p| p.number);
                self.sub_item = None;
                self.footnote = Some(label.clone());
            }
        }
    }
}

/// What a note is attached to, named as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// "para. 37"
    Paragraph(u32),
    /// "para. 66 (b)"
    SubItem { paragraph: u32, label: String },
    /// "footnote 15", "footnote *"
    Footnote(String),
}

/// A footnote label string ("3", "*") as the document's label type; None
/// when it is neither a number nor a single symbol.
pub fn footnote_label(label: &str) -> Option<FootnoteLabel> {
    if let Ok(n) = label.parse::<u32>() {
        return Some(FootnoteLabel::Number(n));
    }
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(FootnoteLabel::Symbol(c)),
        _ => None,
    }
}

/// The current time, in UTC.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The tags of a note's text: each `#word` standing at the start or after a
/// space, as Hypothesis and Obsidian users write them ("#quote", "#follow-up").
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        let Some(rest) = token.strip_prefix('#') else {
            continue;
        };
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == '/')
            .collect();
        let word = word.trim_end_matches(['-', '_', '/']);
        if word.chars().any(char::is_alphabetic)
            && !out.iter().any(|t| t.eq_ignore_ascii_case(word))
        {
            out.push(word.to_string());
        }
    }
    out
}

/// Whether a note's text carries `tag` (without its `#`; case is ignored).
pub fn has_tag(text: &str, tag: &str) -> bool {
    let tag = tag.trim_start_matches('#');
    tags(text)
        .iter()
        .any(|t| t.to_lowercase() == tag.to_lowercase())
}
