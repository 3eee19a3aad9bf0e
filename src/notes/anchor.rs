//! Finding a note's place again.
//!
//! A note's `Quote` holds the first `EXACT_CHARS` characters of its
//! target's plain text (a paragraph with its sub-items, a sub-item, or a
//! footnote; the beginning is enough to tell paragraphs apart and keeps the
//! file small), with `CONTEXT_CHARS` characters of the text around it:
//! the end of the previous paragraph (sub-item, footnote) as prefix, and
//! what follows the quoted text as suffix.
//!
//! `place` looks for the quote in a document, in this order: at the stored
//! number; anywhere its text begins with the quote; where both prefix and
//! suffix match (the paragraph itself was corrected); where most of its
//! words are found. What is not found is an orphan: kept, never dropped.

use std::collections::HashSet;

use super::place::{head, tail};
use super::{Note, Quote, Target, footnote_label};
use crate::document::Document;

/// How much of the target's text a quote holds, in characters.
pub const EXACT_CHARS: usize = 200;
/// How much context on each side, in characters.
pub const CONTEXT_CHARS: usize = 32;
/// Share of a quote's words a paragraph must hold to be taken for it.
const SIMILAR: f64 = 0.8;
/// Quotes with fewer words are too short to be matched by their words.
const SIMILAR_MIN_WORDS: usize = 6;

/// A place in a document, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    Paragraph(usize),
    SubItem { paragraph: usize, item: usize },
    Footnote(usize),
}

impl Location {
    /// The paragraph index the place belongs to: for a footnote, the first
    /// paragraph citing it (None when only the header cites it).
    pub fn paragraph(&self, doc: &Document) -> Option<usize> {
        match *self {
            Location::Paragraph(p) | Location::SubItem { paragraph: p, .. } => Some(p),
            Location::Footnote(f) => doc.footnotes.get(f)?.cited_by.first().copied(),
        }
    }

    /// The place as the report prints it.
    pub fn target(&self, doc: &Document) -> Target {
        let number = |p: usize| doc.paragraphs.get(p).map(|p| p.number).unwrap_or(0);
        match *self {
            Location::Paragraph(p) => Target::Paragraph(number(p)),
            Location::SubItem { paragraph, item } => Target::SubItem {
                paragraph: number(paragraph),
                label: doc
                    .paragraphs
                    .get(paragraph)
                    .and_then(|p| p.sub_items.get(item))
                    .map(|i| i.label.clone())
                    .unwrap_or_default(),
            },
            Location::Footnote(f) => Target::Footnote(
                doc.footnotes
                    .get(f)
                    .map(|f| f.label.to_string())
                    .unwrap_or_default(),
            ),
        }
    }
}

/// Where a note falls in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// At the number (label) the note names.
    Exact(Location),
    /// Found elsewhere: the document was renumbered or edited.
    Moved(Location),
    /// Not found: kept, shown apart.
    Orphan,
}

impl Placement {
    pub fn location(&self) -> Option<Location> {
        match *self {
            Placement::Exact(l) | Placement::Moved(l) => Some(l),
            Placement::Orphan => None,
        }
    }
}

/// The index of a printed target in `doc`.
pub fn locate(doc: &Document, target: &Target) -> Option<Location> {
    match target {
        Target::Paragraph(n) => doc.paragraph_index(*n).map(Location::Paragraph),
        Target::SubItem { paragraph, label } => {
            let p = doc.paragraph_index(*paragraph)?;
            let item = doc.paragraphs[p]
                .sub_items
                .iter()
                .position(|i| &i.label == label)?;
            Some(Location::SubItem { paragraph: p, item })
        }
        Target::Footnote(label) => doc
            .footnote_index(&footnote_label(label)?)
            .map(Location::Footnote),
    }
}

/// The plain text of a place.
pub fn text_at(doc: &Document, location: Location) -> String {
    match location {
        Location::Paragraph(p) => doc.paragraph_plain(p),
        Location::SubItem { paragraph, item } => doc
            .paragraphs
            .get(paragraph)
            .and_then(|p| p.sub_items.get(item))
            .map(|i| doc.plain(&i.text))
            .unwrap_or_default(),
        Location::Footnote(f) => doc
            .footnotes
            .get(f)
            .map(|f| doc.plain(&f.text))
            .unwrap_or_default(),
    }
}

/// The text before and after a place: its neighbours of the same kind.
fn neighbours(doc: &Document, location: Location) -> (String, String) {
    match location {
        Location::Paragraph(p) => (
            p.checked_sub(1)
                .map(|q| doc.paragraph_plain(q))
                .unwrap_or_default(),
            doc.paragraph_plain(p + 1),
        ),
        Location::SubItem { paragraph, item } => {
            let Some(para) = doc.paragraphs.get(paragraph) else {
                return Default::default();
            };
            let before = match item.checked_sub(1) {
                Some(k) => para.sub_items.get(k).map(|i| doc.plain(&i.text)),
                None => Some(doc.plain(&para.text)),
            };
            let after = match para.sub_items.get(item + 1) {
                Some(next) => doc.plain(&next.text),
                None => doc.paragraph_plain(paragraph + 1),
            };
            (before.unwrap_or_default(), after)
        }
        Location::Footnote(f) => {
            let plain = |i: usize| {
                doc.footnotes
                    .get(i)
                    .map(|f| doc.plain(&f.text))
                    .unwrap_or_default()
            };
            (
                f.checked_sub(1).map(plain).unwrap_or_default(),
                plain(f + 1),
            )
        }
    }
}

/// The quote for a new note on `target`; None when `doc` has no such place.
pub fn quote_for(doc: &Document, target: &Target) -> Option<Quote> {
    Some(quote_at(doc, locate(doc, target)?))
}

fn quote_at(doc: &Document, location: Location) -> Quote {
    let text = text_at(doc, location);
    let (before, after) = neighbours(doc, location);
    let exact = head(&text, EXACT_CHARS);
    let rest = &text[exact.len()..];
    let suffix = if rest.is_empty() {
        head(&after, CONTEXT_CHARS)
    } else {
        head(rest, CONTEXT_CHARS)
    };
    Quote {
        exact: exact.to_string(),
        prefix: tail(&before, CONTEXT_CHARS).to_string(),
        suffix: suffix.to_string(),
        extra: Default::default(),
    }
}

/// Every place of the kind `note` targets.
fn candidates(doc: &Document, note: &Note) -> Vec<Location> {
    if note.footnote.is_some() {
        (0..doc.footnotes.len()).map(Location::Footnote).collect()
    } else if note.sub_item.is_some() {
        doc.paragraphs
            .iter()
            .enumerate()
            .flat_map(|(p, para)| {
                (0..para.sub_items.len()).map(move |item| Location::SubItem { paragraph: p, item })
            })
            .collect()
    } else {
        (0..doc.paragraphs.len()).map(Location::Paragraph).collect()
    }
}

/// Finds `note` in `doc`. See the module comment for the order of tries.
pub fn place(doc: &Document, note: &Note) -> Placement {
    let stored = note.target().and_then(|t| locate(doc, &t));
    let quote = &note.quote;
    if quote.exact.is_empty() {
        // Nothing to search by: trust the stored number.
        return stored.map_or(Placement::Orphan, Placement::Exact);
    }
    if let Some(s) = stored
        && text_at(doc, s).starts_with(&quote.exact)
    {
        return Placement::Exact(s);
    }
    let all = candidates(doc, note);
    let by_text: Vec<Location> = all
        .iter()
        .copied()
        .filter(|&l| text_at(doc, l).starts_with(&quote.exact))
        .collect();
    let found = best(doc, note, &by_text).or_else(|| {
        let by_context: Vec<Location> = all
            .iter()
            .copied()
            .filter(|&l| context_score(doc, quote, l) == 2)
            .collect();
        best(doc, note, &by_context).or_else(|| similar(doc, note, &all))
    });
    match found {
        Some(l) if Some(l) == stored => Placement::Exact(l),
        Some(l) => Placement::Moved(l),
        None => Placement::Orphan,
    }
}

/// How many of the quote's two non-empty context sides match at `location`.
fn context_score(doc: &Document, quote: &Quote, location: Location) -> u8 {
    if quote.prefix.is_empty() && quote.suffix.is_empty() {
        return 0;
    }
    let here = quote_at(doc, location);
    u8::from(here.prefix == quote.prefix) + u8::from(here.suffix == quote.suffix)
}

/// Among several places, the one whose context matches best, then the one
/// nearest the stored paragraph number.
fn best(doc: &Document, note: &Note, places: &[Location]) -> Option<Location> {
    let stored = i64::from(note.paragraph.unwrap_or(0));
    places.iter().copied().max_by_key(|&l| {
        let number = l
            .paragraph(doc)
            .and_then(|p| doc.paragraphs.get(p))
            .map_or(0, |p| i64::from(p.number));
        (context_score(doc, &note.quote, l), -(number - stored).abs())
    })
}

/// The place holding the largest share (at least `SIMILAR`) of the quote's words.
fn similar(doc: &Document, note: &Note, places: &[Location]) -> Option<Location> {
    let quoted = words(&note.quote.exact);
    if quoted.len() < SIMILAR_MIN_WORDS {
        return None;
    }
    let limit = note.quote.exact.chars().count() + CONTEXT_CHARS;
    let mut found: Option<(f64, Location)> = None;
    for &l in places {
        let text = text_at(doc, l);
        let here = words(head(&text, limit));
        let share = quoted.intersection(&here).count() as f64 / quoted.len() as f64;
        if share >= SIMILAR && found.is_none_or(|(s, _)| share > s) {
            found = Some((share, l));
        }
    }
    found.map(|(_, l)| l)
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
