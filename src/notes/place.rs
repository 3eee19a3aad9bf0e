//! Finding quoted words again: the one text a document's notes are placed
//! in, and the one function that places a quote in it.
//!
//! The text is every paragraph's passage (`Document::passage`: its words,
//! then each sub-item after its label, note calls left out) joined by
//! `JOIN`. A place in it is an `At`: a paragraph index and a byte offset in
//! that paragraph's passage. Highlights store their places as characters
//! (`Spot`), W3C selectors count characters in the whole text; both are
//! converted here.
//!
//! `place` looks for a quote's words near where it was, then in the whole
//! text, and takes the place with the most of its context.

use std::ops::Range;

use memchr::memmem;

use super::Quote;
use crate::document::Document;

/// Paragraphs are joined by this in the text, and in a quote that runs
/// over more than one.
pub const JOIN: char = '\n';

/// A place in the text: paragraph index and byte offset in its passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct At {
    pub paragraph: usize,
    pub byte: usize,
}

/// The document's text: every paragraph's passage, joined by `JOIN`.
pub struct DocumentText {
    text: String,
    /// Where each paragraph's passage starts in `text`, in bytes and in characters.
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl DocumentText {
    pub fn new(doc: &Document) -> DocumentText {
        let mut out = DocumentText {
            text: String::new(),
            bytes: Vec::with_capacity(doc.paragraphs.len()),
            chars: Vec::with_capacity(doc.paragraphs.len()),
        };
        let mut chars = 0;
        for p in 0..doc.paragraphs.len() {
            if p > 0 {
                out.text.push(JOIN);
                chars += 1;
            }
            out.bytes.push(out.text.len());
            out.chars.push(chars);
            let passage = doc.passage(p).text;
            chars += passage.chars().count();
            out.text.push_str(&passage);
        }
        out
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Paragraph `p`'s passage; empty past the end.
    pub fn passage(&self, p: usize) -> &str {
        let start = self.bytes.get(p).copied().unwrap_or(self.text.len());
        let end = self
            .bytes
            .get(p + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end).unwrap_or("")
    }

    /// The byte offset in the text of a place.
    fn byte(&self, at: At) -> usize {
        self.bytes.get(at.paragraph).copied().unwrap_or(0) + at.byte
    }

    /// The place at byte offset `offset` of the text. An offset on the
    /// break between two paragraphs is the first one's end.
    pub fn at(&self, offset: usize) -> At {
        let paragraph = self
            .bytes
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        At {
            paragraph,
            byte: offset - self.bytes.get(paragraph).copied().unwrap_or(0),
        }
    }

    /// The character position of a place in a paragraph's passage.
    pub fn position(&self, at: At) -> usize {
        let passage = self.passage(at.paragraph);
        let within = passage.get(..at.byte.min(passage.len())).unwrap_or("");
        self.chars.get(at.paragraph).copied().unwrap_or(0) + within.chars().count()
    }

    /// The place at character position `pos`; None past the end. A
    /// position on the break between two paragraphs is the first one's end.
    pub fn place(&self, pos: usize) -> Option<At> {
        let paragraph = self.chars.partition_point(|&s| s <= pos).checked_sub(1)?;
        let passage = self.passage(paragraph);
        let within = pos - self.chars[paragraph];
        let byte = match passage.char_indices().nth(within) {
            Some((i, _)) => i,
            None if passage.chars().count() == within => passage.len(),
            None => return None,
        };
        Some(At { paragraph, byte })
    }

    /// The words from `start` up to `end`, and up to `context` characters
    /// of the text on each side of them: (prefix, exact, suffix).
    pub fn around(&self, start: At, end: At, context: usize) -> (&str, &str, &str) {
        let (start, end) = (self.byte(start), self.byte(end));
        let before = self.text.get(..start).unwrap_or("");
        let after = self.text.get(end..).unwrap_or("");
        (
            tail(before, context),
            self.text.get(start..end).unwrap_or(""),
            head(after, context),
        )
    }

    /// The bytes of the passages from `radius` paragraphs before `p` to
    /// `radius` after.
    fn near(&self, p: usize, radius: usize) -> Range<usize> {
        let first = p.saturating_sub(radius);
        let last = (p + radius + 1).min(self.bytes.len());
        let start = self.bytes.get(first).copied().unwrap_or(0);
        let end = self.bytes.get(last).copied().unwrap_or(self.text.len());
        start..end
    }
}

/// Paragraphs on each side of its stored place a quote is looked for first.
const NEAR: usize = 8;

/// At most this many places of a quote are weighed by their context, the
/// nearest its stored place first.
const MOST_PLACES: usize = 1000;

/// Where `quote`'s words are in `text`, as a byte range of the text; None
/// when they are not there (or the quote is empty). `stored` is the
/// paragraph index the quote was on. A corrected edition moves words by a
/// few paragraphs at most: they are looked for near there first, and in
/// the whole text only if they are not found there with all their context.
/// Among several places, the one with the most context wins, then the one
/// nearest `stored`.
pub fn place(quote: &Quote, text: &DocumentText, stored: usize) -> Option<Range<usize>> {
    let near = text.near(stored.min(text.bytes.len().saturating_sub(1)), NEAR);
    let (start, _) = best(quote, text, near, stored)
        .filter(|&(_, context)| context == full_context(quote))
        .or_else(|| best(quote, text, 0..text.text.len(), stored))?;
    Some(start..start + quote.exact.len())
}

/// Where in `within` the quote's words are with the most of its context,
/// then nearest paragraph `stored`: (offset, characters of context).
/// Places are weighed nearest `stored` first, outwards, so a quote found
/// very often is still found on its own paragraph: the first with all
/// its context is the answer, and at most `MOST_PLACES` are weighed.
fn best(
    q: &Quote,
    text: &DocumentText,
    within: Range<usize>,
    stored: usize,
) -> Option<(usize, usize)> {
    let hay = text.text.get(within.clone())?.as_bytes();
    let needle = q.exact.as_bytes();
    if needle.is_empty() {
        return None;
    }
    let from = text
        .bytes
        .get(stored)
        .map_or(0, |&s| s.clamp(within.start, within.end) - within.start);
    // Those starting at `from` or after, and those starting before it.
    let mut after = memmem::find_iter(&hay[from..], needle)
        .map(|o| from + o)
        .peekable();
    let before_end = (from + needle.len() - 1).min(hay.len());
    let mut before = memmem::rfind_iter(&hay[..before_end], needle).peekable();
    let distance = |o: usize| text.at(within.start + o).paragraph.abs_diff(stored);
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
        let before_text = &text.text[..o];
        let after_text = &text.text[o + q.exact.len()..];
        let context = common_suffix(before_text, &q.prefix) + common_prefix(after_text, &q.suffix);
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

/// How many characters of context a quote holds.
fn full_context(q: &Quote) -> usize {
    q.prefix.chars().count() + q.suffix.chars().count()
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

/// The first `n` characters of `s`.
pub(crate) fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters of `s`.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(n)) {
        Some((i, _)) => &s[i..],
        None => "",
    }
}
