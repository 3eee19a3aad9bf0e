//! What a search found. A typed search keeps the blocks it was found in and
//! how many matches come before each; a block's own matches are found again
//! when it is drawn or stepped to. A one-letter search of a long report finds
//! millions, and holding each one would take more memory than the report.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::fold::{Folded, QUOTE, fold, fold_into};
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

    /// How many times it is in `text`; `scratch` holds the folded text.
    pub fn count(&self, text: &str, scratch: &mut String) -> usize {
        if self.as_is(text) {
            return self.automaton.find_iter(text).count();
        }
        fold_into(text, scratch);
        self.automaton.find_iter(scratch.as_str()).count()
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

#[derive(Debug, Clone, Default)]
pub enum Matches {
    #[default]
    None,
    /// A country's places, each with its bytes in its block.
    Listed(Vec<(usize, Range<u32>)>),
    /// A typed search: (spot, matches before it), in reading order.
    Found {
        finder: Finder,
        spots: Vec<(Spot, usize)>,
        total: usize,
    },
}

/// Every block and footnote, in reading order.
fn reading_order(blocks: &Blocks) -> Vec<Spot> {
    let doc = blocks.doc();
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
pub fn spot_text(blocks: &Blocks, spot: Spot) -> Option<Cow<'_, str>> {
    match spot {
        Spot::Block(b) => blocks.text(b),
        Spot::Note { note, .. } => {
            let doc = blocks.doc();
            (note < doc.footnotes.len())
                .then(|| Cow::Owned(footnote_block(doc, note).text().to_string()))
        }
    }
}

impl Matches {
    /// Every place `query` is found, folded (see `crate::fold`): in the
    /// text, its headings and tables, and the footnotes.
    pub fn find(blocks: &Blocks, query: &str) -> Matches {
        Matches::find_in(blocks, query, reading_order(blocks).into_iter())
    }

    /// As `find`, when these matches are of `before` and `query` only adds to
    /// it (a search typed a letter further): it is found only in their spots.
    pub fn narrowed(&self, blocks: &Blocks, before: &str, query: &str) -> Matches {
        let (before, longer) = (fold(before), fold(query));
        let extends = longer.len() > before.len() && longer.starts_with(&before);
        match self {
            Matches::Found { spots, .. } if extends => {
                Matches::find_in(blocks, query, spots.iter().map(|&(s, _)| s))
            }
            _ => Matches::find(blocks, query),
        }
    }

    fn find_in(blocks: &Blocks, query: &str, within: impl Iterator<Item = Spot>) -> Matches {
        let Some(finder) = Finder::new(query) else {
            return Matches::None;
        };
        let mut found = Vec::new();
        let mut total = 0;
        let mut scratch = String::new();
        for spot in within {
            let Some(text) = spot_text(blocks, spot) else {
                continue;
            };
            let n = finder.count(&text, &mut scratch);
            if n > 0 {
                found.push((spot, total));
                total += n;
            }
        }
        Matches::Found {
            finder,
            spots: found,
            total,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Matches::None => 0,
            Matches::Listed(list) => list.len(),
            Matches::Found { total, .. } => *total,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Match `i`, when it is in a block: the block and its bytes there.
    pub fn get(&self, blocks: &Blocks, i: usize) -> Option<(usize, Range<u32>)> {
        match self.at(blocks, i)? {
            (Spot::Block(b), r) => Some((b, r)),
            (Spot::Note { .. }, _) => None,
        }
    }

    /// Match `i`: where it is and its bytes in that spot's text.
    pub fn at(&self, blocks: &Blocks, i: usize) -> Option<(Spot, Range<u32>)> {
        match self {
            Matches::None => None,
            Matches::Listed(list) => list.get(i).map(|(b, r)| (Spot::Block(*b), r.clone())),
            Matches::Found {
                finder,
                spots,
                total,
            } => {
                if i >= *total {
                    return None;
                }
                let k = spots.partition_point(|&(_, before)| before <= i) - 1;
                let (spot, before) = spots[k];
                let (_, range) = found_in(finder, blocks, spot, before).nth(i - before)?;
                Some((spot, range))
            }
        }
    }

    /// The spots holding matches, each with the number of its first match.
    pub fn spots(&self) -> Vec<(Spot, usize)> {
        match self {
            Matches::None => Vec::new(),
            Matches::Listed(list) => list
                .iter()
                .enumerate()
                .map(|(i, (b, _))| (Spot::Block(*b), i))
                .collect(),
            Matches::Found { spots, .. } => spots.clone(),
        }
    }

    /// The matches at `spot`, whose first is numbered `before` (as `spots` gives them).
    pub fn in_spot(&self, blocks: &Blocks, spot: Spot, before: usize) -> Vec<(usize, Range<u32>)> {
        match self {
            Matches::None => Vec::new(),
            Matches::Listed(list) => list
                .get(before)
                .map(|(_, r)| vec![(before, r.clone())])
                .unwrap_or_default(),
            Matches::Found { finder, .. } => found_in(finder, blocks, spot, before).collect(),
        }
    }

    /// The first match in `block` or after it.
    pub fn first_from(&self, block: usize) -> Option<usize> {
        match self {
            Matches::None => None,
            Matches::Listed(list) => list.iter().position(|(b, _)| *b >= block),
            Matches::Found { spots, .. } => {
                let k = spots.partition_point(|&(s, _)| s.key() < (block, 0));
                spots.get(k).map(|&(_, before)| before)
            }
        }
    }

    /// The matches in `block`, each with its number.
    pub fn in_block(&self, blocks: &Blocks, block: usize) -> Vec<(usize, Range<u32>)> {
        match self {
            Matches::None => Vec::new(),
            Matches::Listed(list) => {
                let first = list.partition_point(|(b, _)| *b < block);
                list[first..]
                    .iter()
                    .take_while(|(b, _)| *b == block)
                    .enumerate()
                    .map(|(i, (_, r))| (first + i, r.clone()))
                    .collect()
            }
            Matches::Found { finder, spots, .. } => {
                let Ok(k) = spots.binary_search_by_key(&(block, 0), |&(s, _)| s.key()) else {
                    return Vec::new();
                };
                found_in(finder, blocks, spots[k].0, spots[k].1).collect()
            }
        }
    }

    /// The matches in footnote `note` (in `footnote_block`'s text), each with its number.
    pub fn in_note(&self, blocks: &Blocks, note: usize) -> Vec<(usize, Range<u32>)> {
        let Matches::Found { finder, spots, .. } = self else {
            return Vec::new();
        };
        spots
            .iter()
            .find(|(s, _)| matches!(s, Spot::Note { note: n, .. } if *n == note))
            .map(|&(s, before)| found_in(finder, blocks, s, before).collect())
            .unwrap_or_default()
    }
}

/// A typed search's matches at `spot`, numbered from `before`: found
/// again in its text.
fn found_in(
    finder: &Finder,
    blocks: &Blocks,
    spot: Spot,
    before: usize,
) -> impl Iterator<Item = (usize, Range<u32>)> {
    let text = spot_text(blocks, spot).unwrap_or_default();
    finder
        .ranges(&text)
        .into_iter()
        .enumerate()
        .map(move |(j, r)| (before + j, r))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::Document;

    /// Every match, found spot by spot in folded text as a plain reference would.
    fn reference(blocks: &Blocks, query: &str) -> Vec<(Spot, Range<u32>)> {
        let folded_query = fold(query);
        let mut out = Vec::new();
        for spot in reading_order(blocks) {
            let text = spot_text(blocks, spot).unwrap();
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
    fn a_search_keeps_its_spots_and_finds_each_match_again() {
        let doc = Arc::new(Document::embedded());
        let blocks = Blocks::new(&doc);
        for query in [
            "Lithuania",
            "migrant",
            "e",
            "the Government",
            "children's",
            "A/HRC",
        ] {
            let matches = Matches::find(&blocks, query);
            let all = reference(&blocks, query);
            assert_eq!(matches.len(), all.len(), "{query}");
            for (i, m) in all.iter().enumerate() {
                assert_eq!(matches.at(&blocks, i).as_ref(), Some(m), "{query} {i}");
            }
            assert_eq!(matches.at(&blocks, all.len()), None);
            for b in 0..blocks.len() {
                let here: Vec<_> = (0..all.len())
                    .filter(|&i| all[i].0 == Spot::Block(b))
                    .collect();
                let drawn = matches.in_block(&blocks, b);
                assert_eq!(drawn.iter().map(|(i, _)| *i).collect::<Vec<_>>(), here);
                let first = (0..all.len()).find(|&i| all[i].0.key() >= (b, 0));
                assert_eq!(matches.first_from(b), first, "{query} from {b}");
            }
        }
        assert!(
            reference(&blocks, "A/HRC")
                .iter()
                .any(|(s, _)| matches!(s, Spot::Note { .. })),
            "the notes are searched"
        );
        if let Matches::Found { spots, .. } = Matches::find(&blocks, "e") {
            assert!(spots.len() <= blocks.len() + doc.footnotes.len());
        }
    }

    #[test]
    fn a_search_typed_a_letter_further_finds_what_a_new_one_would() {
        let doc = Arc::new(Document::embedded());
        let blocks = Blocks::new(&doc);
        let mut matches = Matches::None;
        let mut typed = String::new();
        for c in "The GOVERNMENT of".chars() {
            let before = std::mem::take(&mut typed);
            typed = format!("{before}{c}");
            matches = matches.narrowed(&blocks, &before, &typed);
            let fresh = Matches::find(&blocks, &typed);
            let all = |m: &Matches| (0..m.len()).map(|i| m.at(&blocks, i)).collect::<Vec<_>>();
            assert_eq!(all(&matches), all(&fresh), "{typed}");
            assert!(!fresh.is_empty(), "{typed}");
        }
        // Not a letter further: searched afresh.
        let other = matches.narrowed(&blocks, "The GOVERNMENT of", "Spain");
        assert_eq!(other.len(), Matches::find(&blocks, "Spain").len());
    }
}
