//! What a search found: every match, where it is and its bytes there, in
//! reading order.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::document::Document;
use crate::fold::{Folded, QUOTE, fold};
use crate::layout::{BlockKind, Blocks, footnote_block};

/// Where a match is: a block of the text, or a footnote (shown in its popup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Block(usize),
    /// Footnote `note`, read after block `after`: the paragraph citing it
    /// first (the end of the text when nothing cites it).
    Note {
        after: usize,
        note: usize,
    },
}

impl Spot {
    /// Reading order: a note comes after the block that cites it first.
    fn key(self) -> (usize, usize) {
        match self {
            Spot::Block(b) => (b, 0),
            Spot::Note { after, note } => (after, note + 1),
        }
    }
}

/// A typed search, folded (see `crate::fold`), and how to find it in a text.
#[derive(Debug, Clone)]
pub struct Finder {
    automaton: AhoCorasick,
    /// The folded query.
    folded: String,
}

impl Finder {
    /// None when the query folds to nothing (only soft hyphens, say).
    pub fn new(query: &str) -> Option<Finder> {
        let folded = fold(query);
        if folded.is_empty() {
            return None;
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([&folded])
            .ok()?;
        Some(Finder { automaton, folded })
    }

    /// ASCII text holds nothing to fold but case (and `"`, which matters
    /// only to a query with a quote): searched as it is, at no cost.
    fn as_is(&self, text: &str) -> bool {
        !self.folded.contains(QUOTE) && text.is_ascii()
    }

    /// Where it is in `text`, in `text`'s own bytes.
    pub fn ranges(&self, text: &str) -> Vec<Range<u32>> {
        if self.as_is(text) {
            return self
                .automaton
                .find_iter(text)
                .map(|m| m.start() as u32..m.end() as u32)
                .collect();
        }
        let folded = Folded::new(text);
        self.automaton
            .find_iter(folded.text.as_str())
            .map(|m| folded.original(text, m.range()))
            .collect()
    }
}

/// The matches of a search, or a country's places, in reading order: each
/// where it is and its bytes in that spot's text (`spot_text`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches(Vec<(Spot, Range<u32>)>);

/// Every block and footnote, in reading order.
fn reading_order(doc: &Document, blocks: &Blocks) -> Vec<Spot> {
    let mut paragraph_block = vec![blocks.len(); doc.paragraphs.len()];
    for (b, kind) in blocks.kinds().enumerate() {
        if let BlockKind::Paragraph(p) = kind {
            paragraph_block[p] = b;
        }
    }
    let mut notes: Vec<Spot> = doc
        .footnotes
        .iter()
        .enumerate()
        .map(|(note, f)| {
            let after = match f.cited_by.first() {
                Some(&p) => paragraph_block.get(p).copied().unwrap_or(blocks.len()),
                None if f.cited_in_header => 0,
                None => blocks.len(),
            };
            Spot::Note { after, note }
        })
        .collect();
    notes.sort_by_key(|s| s.key());
    let mut out = Vec::with_capacity(blocks.len() + notes.len());
    let mut notes = notes.into_iter().peekable();
    for b in 0..blocks.len() {
        out.push(Spot::Block(b));
        while let Some(n) = notes.next_if(|n| n.key().0 == b) {
            out.push(n);
        }
    }
    out.extend(notes);
    out
}

/// The text searched at a spot: a block's, or a footnote as its popup shows it.
pub fn spot_text<'a>(doc: &Document, blocks: &'a Blocks, spot: Spot) -> Option<Cow<'a, str>> {
    match spot {
        Spot::Block(b) => blocks.get(b).map(|block| Cow::Borrowed(block.text())),
        Spot::Note { note, .. } => (note < doc.footnotes.len())
            .then(|| Cow::Owned(footnote_block(doc, note).text().to_string())),
    }
}

impl Matches {
    /// Every place `query` is found, folded (see `crate::fold`): in the
    /// text, its headings and tables, and the footnotes.
    pub fn find(doc: &Document, blocks: &Blocks, query: &str) -> Matches {
        let Some(finder) = Finder::new(query) else {
            return Matches::default();
        };
        let mut found = Vec::new();
        for spot in reading_order(doc, blocks) {
            if let Some(text) = spot_text(doc, blocks, spot) {
                found.extend(finder.ranges(&text).into_iter().map(|r| (spot, r)));
            }
        }
        Matches(found)
    }

    /// Places in blocks, in reading order: each block and its bytes there.
    pub fn listed(places: Vec<(usize, Range<u32>)>) -> Matches {
        Matches(
            places
                .into_iter()
                .map(|(b, r)| (Spot::Block(b), r))
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Match `i`: where it is and its bytes in that spot's text.
    pub fn at(&self, i: usize) -> Option<(Spot, Range<u32>)> {
        self.0.get(i).cloned()
    }

    /// Match `i`, when it is in a block: the block and its bytes there.
    pub fn get(&self, i: usize) -> Option<(usize, Range<u32>)> {
        match self.at(i)? {
            (Spot::Block(b), r) => Some((b, r)),
            (Spot::Note { .. }, _) => None,
        }
    }

    /// Every match, in reading order.
    pub fn iter(&self) -> impl Iterator<Item = &(Spot, Range<u32>)> {
        self.0.iter()
    }

    /// The first match in `block` or after it.
    pub fn first_from(&self, block: usize) -> Option<usize> {
        let k = self.0.partition_point(|(s, _)| s.key() < (block, 0));
        (k < self.0.len()).then_some(k)
    }

    /// The matches at `spot`, each with its number.
    fn in_spot(&self, spot: Spot) -> Vec<(usize, Range<u32>)> {
        let first = self.0.partition_point(|(s, _)| s.key() < spot.key());
        self.0[first..]
            .iter()
            .take_while(|(s, _)| *s == spot)
            .enumerate()
            .map(|(i, (_, r))| (first + i, r.clone()))
            .collect()
    }

    /// The matches in `block`, each with its number.
    pub fn in_block(&self, block: usize) -> Vec<(usize, Range<u32>)> {
        self.in_spot(Spot::Block(block))
    }

    /// The matches in footnote `note` (in `footnote_block`'s text), each with its number.
    pub fn in_note(&self, note: usize) -> Vec<(usize, Range<u32>)> {
        match self
            .0
            .iter()
            .find(|(s, _)| matches!(s, Spot::Note { note: n, .. } if *n == note))
        {
            Some(&(spot, _)) => self.in_spot(spot),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match, found spot by spot in folded text as a plain reference would.
    fn reference(doc: &Document, blocks: &Blocks, query: &str) -> Vec<(Spot, Range<u32>)> {
        let folded_query = fold(query);
        let mut out = Vec::new();
        for spot in reading_order(doc, blocks) {
            let text = spot_text(doc, blocks, spot).unwrap();
            let folded = Folded::new(&text);
            let mut at = 0;
            while let Some(i) = folded.text[at..].find(&folded_query) {
                let start = at + i;
                let end = start + folded_query.len();
                out.push((spot, folded.original(&text, start..end)));
                at = end;
            }
        }
        out
    }

    #[test]
    fn a_search_finds_each_match_in_reading_order() {
        let doc = Document::embedded();
        let blocks = Blocks::new(&doc);
        for query in [
            "Lithuania",
            "migrant",
            "e",
            "the Government",
            "children's",
            "A/HRC",
        ] {
            let matches = Matches::find(&doc, &blocks, query);
            let all = reference(&doc, &blocks, query);
            assert_eq!(matches.len(), all.len(), "{query}");
            for (i, m) in all.iter().enumerate() {
                assert_eq!(matches.at(i).as_ref(), Some(m), "{query} {i}");
            }
            assert_eq!(matches.at(all.len()), None);
            for b in 0..blocks.len() {
                let here: Vec<_> = (0..all.len())
                    .filter(|&i| all[i].0 == Spot::Block(b))
                    .collect();
                let drawn = matches.in_block(b);
                assert_eq!(drawn.iter().map(|(i, _)| *i).collect::<Vec<_>>(), here);
                let first = (0..all.len()).find(|&i| all[i].0.key() >= (b, 0));
                assert_eq!(matches.first_from(b), first, "{query} from {b}");
            }
        }
        assert!(
            reference(&doc, &blocks, "A/HRC")
                .iter()
                .any(|(s, _)| matches!(s, Spot::Note { .. })),
            "the notes are searched"
        );
    }
}
