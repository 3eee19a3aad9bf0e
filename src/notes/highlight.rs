//! Highlights: passages marked in the text, from a word in one paragraph to
//! a word in the same or a later one, kept as notes with a `Highlight`.
//!
//! A highlight is stored by paragraph number and character offset in the
//! paragraph's passage (`Document::passage`), and by its quote. It is placed
//! at its stored offsets when the words there are still the quote; else
//! where the quote is found with the most of its context, nearest the stored
//! paragraph; else it is an orphan, kept and shown apart.

use memchr::memmem;

use super::anchor::{CONTEXT_CHARS, Placement, head, tail};
use super::{Highlight, Note, Quote, Spot, now};
use crate::document::Document;
use crate::notes::anchor::Location;

/// How many colours a highlight can have; 1 is the default.
pub const COLOURS: u8 = 5;

/// The colours' names, 1 first: what exports and the screen call them.
const COLOUR_NAMES: [&str; COLOURS as usize] = ["yellow", "green", "blue", "pink", "orange"];

/// The name of highlight colour `colour` (1..=COLOURS); a number out of
/// range (a hand-edited file) is named as the nearest one.
pub fn colour_name(colour: u8) -> &'static str {
    COLOUR_NAMES[usize::from(colour.clamp(1, COLOURS) - 1)]
}

/// Paragraphs of a span are joined by this in its quote.
pub const JOIN: char = '\n';

/// A place in the document's passages: paragraph index and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct At {
    pub paragraph: usize,
    pub byte: usize,
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

/// Every paragraph's passage in one text, to search quotes in.
struct Joined {
    text: String,
    /// Byte offset of each paragraph's passage in `text`.
    starts: Vec<usize>,
}

impl Joined {
    fn build(doc: &Document) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(doc.paragraphs.len());
        for p in 0..doc.paragraphs.len() {
            if p > 0 {
                text.push(JOIN);
            }
            starts.push(text.len());
            text.push_str(&doc.passage(p).text);
        }
        Joined { text, starts }
    }

    fn at(&self, offset: usize) -> At {
        let paragraph = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        At {
            paragraph,
            byte: offset - self.starts.get(paragraph).copied().unwrap_or(0),
        }
    }
}

impl Joined {
    /// The bytes of the passages from `radius` paragraphs before `p` to
    /// `radius` after.
    fn around(&self, p: usize, radius: usize) -> std::ops::Range<usize> {
        let first = p.saturating_sub(radius);
        let last = (p + radius + 1).min(self.starts.len());
        let start = self.starts.get(first).copied().unwrap_or(0);
        let end = self.starts.get(last).copied().unwrap_or(self.text.len());
        start..end
    }

    /// Where in `within` the quote's words are with the most of its context,
    /// then nearest paragraph `stored`: (offset, characters of context).
    /// Places are weighed nearest `stored` first, outwards, so a quote found
    /// very often is still found on its own paragraph: the first with all
    /// its context is the answer, and at most `MOST_PLACES` are weighed.
    fn best(
        &self,
        q: &Quote,
        within: std::ops::Range<usize>,
        stored: usize,
    ) -> Option<(usize, usize)> {
        let hay = self.text.get(within.clone())?.as_bytes();
        let needle = q.exact.as_bytes();
        if needle.is_empty() {
            return None;
        }
        let from = self
            .starts
            .get(stored)
            .map_or(0, |&s| s.clamp(within.start, within.end) - within.start);
        // Those starting at `from` or after, and those starting before it.
        let mut after = memmem::find_iter(&hay[from..], needle)
            .map(|o| from + o)
            .peekable();
        let before_end = (from + needle.len() - 1).min(hay.len());
        let mut before = memmem::rfind_iter(&hay[..before_end], needle).peekable();
        let distance = |o: usize| self.at(within.start + o).paragraph.abs_diff(stored);
        let full = full_context(q);
        let mut found: Option<(usize, usize)> = None;
        for _ in 0..MOST_PLACES {
            let o = match (before.peek().copied(), after.peek().copied()) {
                (Some(b), Some(a)) if distance(b) < distance(a) => before.next(),
                (_, Some(_)) => after.next(),
                (Some(_), None) => before.next(),
                (None, None) => None,
            };
            let Some(o) = o else { break };
            let o = within.start + o;
            let before_text = &self.text[..o];
            let after_text = &self.text[o + q.exact.len()..];
            let context =
                common_suffix(before_text, &q.prefix) + common_prefix(after_text, &q.suffix);
            // Nearest first: a later place is only better with more context.
            if found.is_none_or(|(_, c)| context > c) {
                found = Some((o, context));
            }
            if context == full {
                break;
            }
        }
        found
    }
}

/// How many characters of context a quote holds.
fn full_context(q: &Quote) -> usize {
    q.prefix.chars().count() + q.suffix.chars().count()
}

/// Paragraphs on each side of its stored place a passage is looked for first.
const NEAR: usize = 8;

/// Places highlights in one document; searching builds the joined text once.
pub struct Placer<'a> {
    doc: &'a Document,
    joined: Option<Joined>,
}

/// At most this many places of a quote are weighed by their context, the
/// nearest its stored place first.
const MOST_PLACES: usize = 1000;

impl<'a> Placer<'a> {
    pub fn new(doc: &'a Document) -> Placer<'a> {
        Placer { doc, joined: None }
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
        let joined = self.joined.get_or_insert_with(|| Joined::build(self.doc));
        let stored = self.doc.paragraph_index(h.start.paragraph).unwrap_or(0);
        // A corrected edition moves a passage by a few paragraphs at most:
        // looked for near its place first, in the whole text only if need be.
        let near = joined.around(stored.min(joined.starts.len().saturating_sub(1)), NEAR);
        let best = joined
            .best(&note.quote, near.clone(), stored)
            .filter(|&(_, context)| context == full_context(&note.quote))
            .or_else(|| joined.best(&note.quote, 0..joined.text.len(), stored))?;
        let span = Span {
            start: joined.at(best.0),
            end: joined.at(best.0 + exact.len()),
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

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}
