//! What a search found. A typed search keeps the blocks it was found in and
//! how many matches come before each; a block's own matches are found again
//! when it is drawn or stepped to. A one-letter search of a long report finds
//! millions, and holding each one would take more memory than the report.

use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::layout::Blocks;

#[derive(Debug, Clone, Default)]
pub enum Matches {
    #[default]
    None,
    /// A country's places, each with its bytes in its block.
    Listed(Vec<(usize, Range<u32>)>),
    /// A typed search: (block, matches before it), in reading order.
    Found {
        finder: AhoCorasick,
        blocks: Vec<(usize, usize)>,
        total: usize,
    },
}

impl Matches {
    /// Every place `query` is found, ASCII letters in either case.
    pub fn find(blocks: &Blocks, query: &str) -> Matches {
        Matches::find_in(blocks, query, 0..blocks.len())
    }

    /// As `find`, when these matches are of `before` and `query` only adds to
    /// it (a search typed a letter further): it is found only in their blocks.
    pub fn narrowed(&self, blocks: &Blocks, before: &str, query: &str) -> Matches {
        let extends = query.len() > before.len()
            && query.is_char_boundary(before.len())
            && query[..before.len()].eq_ignore_ascii_case(before);
        match self {
            Matches::Found { blocks: found, .. } if extends => {
                Matches::find_in(blocks, query, found.iter().map(|&(b, _)| b))
            }
            _ => Matches::find(blocks, query),
        }
    }

    fn find_in(blocks: &Blocks, query: &str, within: impl Iterator<Item = usize>) -> Matches {
        let Ok(finder) = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([query])
        else {
            return Matches::None;
        };
        let mut found = Vec::new();
        let mut total = 0;
        for b in within {
            let Some(text) = blocks.text(b) else {
                continue;
            };
            let n = finder.find_iter(text.as_ref()).count();
            if n > 0 {
                found.push((b, total));
                total += n;
            }
        }
        Matches::Found {
            finder,
            blocks: found,
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

    /// Match `i`: its block and its bytes in the block's text.
    pub fn get(&self, blocks: &Blocks, i: usize) -> Option<(usize, Range<u32>)> {
        match self {
            Matches::None => None,
            Matches::Listed(list) => list.get(i).cloned(),
            Matches::Found {
                finder,
                blocks: found,
                total,
            } => {
                if i >= *total {
                    return None;
                }
                let k = found.partition_point(|&(_, before)| before <= i) - 1;
                let (block, before) = found[k];
                let (_, range) = found_in(finder, blocks, block, before).nth(i - before)?;
                Some((block, range))
            }
        }
    }

    /// The first match in `block` or after it.
    pub fn first_from(&self, block: usize) -> Option<usize> {
        match self {
            Matches::None => None,
            Matches::Listed(list) => list.iter().position(|(b, _)| *b >= block),
            Matches::Found { blocks: found, .. } => {
                let k = found.partition_point(|&(b, _)| b < block);
                found.get(k).map(|&(_, before)| before)
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
            Matches::Found {
                finder,
                blocks: found,
                ..
            } => {
                let Ok(k) = found.binary_search_by_key(&block, |&(b, _)| b) else {
                    return Vec::new();
                };
                found_in(finder, blocks, block, found[k].1).collect()
            }
        }
    }
}

/// A typed search's matches in `block`, numbered from `before`: found
/// again in the block's text.
fn found_in(
    finder: &AhoCorasick,
    blocks: &Blocks,
    block: usize,
    before: usize,
) -> impl Iterator<Item = (usize, Range<u32>)> {
    let text = blocks.text(block).unwrap_or_default();
    let ranges: Vec<Range<u32>> = finder
        .find_iter(text.as_ref())
        .map(|m| m.start() as u32..m.end() as u32)
        .collect();
    ranges
        .into_iter()
        .enumerate()
        .map(move |(j, r)| (before + j, r))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::Document;

    /// Every match, found block by block as a plain reference would.
    fn reference(blocks: &Blocks, query: &str) -> Vec<(usize, Range<u32>)> {
        let lower = query.to_ascii_lowercase();
        let mut out = Vec::new();
        for b in 0..blocks.len() {
            let text = blocks.text(b).unwrap().to_ascii_lowercase();
            let mut at = 0;
            while let Some(i) = text[at..].find(&lower) {
                let start = at + i;
                out.push((b, start as u32..(start + lower.len()) as u32));
                at = start + lower.len();
            }
        }
        out
    }

    #[test]
    fn a_search_keeps_its_blocks_and_finds_each_match_again() {
        let doc = Arc::new(Document::embedded());
        let blocks = Blocks::new(&doc);
        for query in ["Lithuania", "migrant", "e", "the Government"] {
            let matches = Matches::find(&blocks, query);
            let all = reference(&blocks, query);
            assert_eq!(matches.len(), all.len(), "{query}");
            for (i, m) in all.iter().enumerate() {
                assert_eq!(matches.get(&blocks, i).as_ref(), Some(m), "{query} {i}");
            }
            assert_eq!(matches.get(&blocks, all.len()), None);
            for b in 0..blocks.len() {
                let here: Vec<_> = (0..all.len()).filter(|&i| all[i].0 == b).collect();
                let drawn = matches.in_block(&blocks, b);
                assert_eq!(drawn.iter().map(|(i, _)| *i).collect::<Vec<_>>(), here);
                let first = (0..all.len()).find(|&i| all[i].0 >= b);
                assert_eq!(matches.first_from(b), first, "{query} from {b}");
            }
        }
        if let Matches::Found { blocks: found, .. } = Matches::find(&blocks, "e") {
            assert!(found.len() <= blocks.len());
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
            let all = |m: &Matches| (0..m.len()).map(|i| m.get(&blocks, i)).collect::<Vec<_>>();
            assert_eq!(all(&matches), all(&fresh), "{typed}");
            assert!(!fresh.is_empty(), "{typed}");
        }
        // Not a letter further: searched afresh.
        let other = matches.narrowed(&blocks, "The GOVERNMENT of", "Spain");
        assert_eq!(other.len(), Matches::find(&blocks, "Spain").len());
    }
}
