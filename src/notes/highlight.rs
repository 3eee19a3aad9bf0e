//! Highlights: passages marked in the text, from a word in one paragraph to
//! a word in the same or a later one, kept as notes with a `Highlight`.
//!
//! A highlight is stored by paragraph number and character offset in the
//! paragraph's passage (`Document::passage`), and by its quote. It is placed
//! at its stored offsets when the words there are still the quote; else
//! where the quote is found with the most of its context, nearest the stored
//! paragraph; else it is an orphan, kept and shown apart.

use super::anchor::{CONTEXT_CHARS, Location, Placement};
use super::place::{self, DocumentText, head, tail};
pub use super::place::{At, JOIN};
use super::{Highlight, Note, Quote, Spot, now};
use crate::document::Document;

/// How many colours a highlight can have; 1 is the default.
pub const COLOURS: u8 = 5;

/// The colours' names, 1 first: what exports and the screen call them.
const COLOUR_NAMES: [&str; COLOURS as usize] = ["yellow", "green", "blue", "pink", "orange"];

/// The name of highlight colour `colour` (1..=COLOURS); a number out of
/// range (a hand-edited file) is named as the nearest one.
pub fn colour_name(colour: u8) -> &'static str {
    COLOUR_NAMES[usize::from(colour.clamp(1, COLOURS) - 1)]
}

/// A passage of the document: `start` up to, not including, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: At,
    pub end: At,
}

impl Span {
    /// The paragraph indices the span touches.
    pub fn paragraphs(&self) -> std::ops::RangeInclusive<usize> {
        self.start.paragraph..=self.end.paragraph
    }

    /// The printed numbers of its first and last paragraphs.
    pub fn numbers(&self, doc: &Document) -> (u32, u32) {
        let number = |p: usize| doc.paragraphs.get(p).map_or(0, |p| p.number);
        (number(self.start.paragraph), number(self.end.paragraph))
    }

    /// The byte range the span covers in paragraph `p`'s passage of `len` bytes.
    pub fn within(&self, p: usize, len: usize) -> Option<std::ops::Range<usize>> {
        if p < self.start.paragraph || p > self.end.paragraph {
            return None;
        }
        let a = if p == self.start.paragraph {
            self.start.byte
        } else {
            0
        };
        let b = if p == self.end.paragraph {
            self.end.byte
        } else {
            len
        };
        (a < b.min(len)).then(|| a..b.min(len))
    }
}

/// The words a span covers, paragraphs joined by `JOIN`.
pub fn exact(doc: &Document, span: &Span) -> String {
    let mut out = String::new();
    for p in span.paragraphs() {
        let text = doc.passage(p).text;
        if let Some(r) = span.within(p, text.len())
            && let Some(s) = text.get(r)
        {
            if p > span.start.paragraph {
                out.push(JOIN);
            }
            out.push_str(s);
        }
    }
    out
}

/// The quote of a span: its words, and up to `CONTEXT_CHARS` around them
/// from its paragraphs.
pub fn quote(doc: &Document, span: &Span) -> Quote {
    let first = doc.passage(span.start.paragraph).text;
    let last = doc.passage(span.end.paragraph).text;
    let before = first.get(..span.start.byte).unwrap_or("");
    let after = last.get(span.end.byte..).unwrap_or("");
    Quote {
        exact: exact(doc, span),
        prefix: tail(before, CONTEXT_CHARS).to_string(),
        suffix: head(after, CONTEXT_CHARS).to_string(),
        extra: Default::default(),
    }
}

/// A place as stored: paragraph number and character offset.
pub fn spot(doc: &Document, at: At) -> Spot {
    let text = doc.passage(at.paragraph).text;
    let byte = at.byte.min(text.len());
    Spot {
        paragraph: doc.paragraphs.get(at.paragraph).map_or(0, |p| p.number),
        offset: text.get(..byte).map_or(0, |s| s.chars().count()) as u32,
    }
}

/// A stored place in `doc`, when its paragraph is there and long enough.
pub fn at(doc: &Document, spot: &Spot) -> Option<At> {
    let paragraph = doc.paragraph_index(spot.paragraph)?;
    let text = doc.passage(paragraph).text;
    let byte = match text.char_indices().nth(spot.offset as usize) {
        Some((i, _)) => i,
        None if text.chars().count() == spot.offset as usize => text.len(),
        None => return None,
    };
    Some(At { paragraph, byte })
}

/// A new highlight note on `span`, in colour `colour` (1..=COLOURS).
pub fn new_note(doc: &Document, span: &Span, colour: u8, text: &str) -> Note {
    let start = spot(doc, span.start);
    Note {
        paragraph: Some(start.paragraph),
        quote: quote(doc, span),
        text: text.to_string(),
        highlight: Some(Highlight {
            start,
            end: spot(doc, span.end),
            colour: colour.clamp(1, COLOURS),
            extra: Default::default(),
        }),
        ..Note::blank(uuid::Uuid::new_v4().to_string(), now())
    }
}

/// Points a highlight note at `span` of `doc`, with its quote there.
pub fn set_span(doc: &Document, note: &mut Note, span: &Span) {
    let start = spot(doc, span.start);
    note.paragraph = Some(start.paragraph);
    note.sub_item = None;
    note.footnote = None;
    note.quote = quote(doc, span);
    if let Some(h) = &mut note.highlight {
        h.start = start;
        h.end = spot(doc, span.end);
    }
}

/// Places highlights in one document; searching builds the joined text once.
pub struct Placer<'a> {
    doc: &'a Document,
    text: Option<DocumentText>,
}

impl<'a> Placer<'a> {
    pub fn new(doc: &'a Document) -> Placer<'a> {
        Placer { doc, text: None }
    }

    /// Where a highlight note's passage is in the document, and whether that
    /// is its stored place. None: an orphan.
    pub fn span(&mut self, note: &Note) -> Option<(Span, bool)> {
        let h = note.highlight.as_ref()?;
        let exact = &note.quote.exact;
        if let (Some(start), Some(end)) = (at(self.doc, &h.start), at(self.doc, &h.end)) {
            let span = Span { start, end };
            if start < end && self::exact(self.doc, &span) == *exact {
                return Some((span, true));
            }
        }
        if exact.is_empty() {
            return None;
        }
        let text = self.text.get_or_insert_with(|| DocumentText::new(self.doc));
        let stored = self.doc.paragraph_index(h.start.paragraph).unwrap_or(0);
        let found = place::place(&note.quote, text, stored)?;
        let span = Span {
            start: text.at(found.start),
            end: text.at(found.end),
        };
        Some((span, false))
    }

    /// Where a note falls: paragraph notes by `anchor::place`, highlights
    /// by their passage, which comes with the placement.
    pub fn place(&mut self, note: &Note) -> (Placement, Option<Span>) {
        if note.highlight.is_none() {
            return (super::anchor::place(self.doc, note), None);
        }
        match self.span(note) {
            Some((span, exact)) => {
                let at = Location::Paragraph(span.start.paragraph);
                let placement = if exact {
                    Placement::Exact(at)
                } else {
                    Placement::Moved(at)
                };
                (placement, Some(span))
            }
            None => (Placement::Orphan, None),
        }
    }

    /// A note's placement, highlights by their passage.
    pub fn placement(&mut self, note: &Note) -> Placement {
        self.place(note).0
    }
}

/// Points `note` at where `place` found it in `doc`, with its quote there:
/// a highlight at its passage, another note at its paragraph, sub-item or
/// footnote. An orphan is left as it is.
pub fn follow(doc: &Document, note: &mut Note, (placement, span): (Placement, Option<Span>)) {
    if let Some(span) = span {
        set_span(doc, note, &span);
    } else if let Some(location) = placement.location() {
        let target = location.target(doc);
        if let Some(quote) = super::anchor::quote_for(doc, &target) {
            note.quote = quote;
        }
        note.set_target(doc, &target);
    }
}
