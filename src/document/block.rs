//! What a reader gives the builder: the report in typed blocks, each a run
//! of lines of the source text, on the page where it starts.
//!
//! A reader decides what each block is (the text reader from the embedded
//! layout's marks and numbers, the PDF reader from type, size and place);
//! the builder (`build`) only files them into parts, sections and
//! paragraphs, and never guesses a kind again.

use super::inline::superscript_number;
use super::shapes::{part_heading, unescape};
use super::{ContentsEntry, FootnoteLabel, is_superscript_digit};

/// A line of the source: its byte range.
pub(crate) type SourceLine = (usize, usize);

pub(crate) struct Block {
    pub kind: Kind,
    pub lines: Vec<SourceLine>,
    /// The page it starts on, from 1; 0 where the text has no pages.
    pub page: u32,
}

/// What a block is. `skip` is where its text starts in its first line,
/// past a number or label the kind already holds.
pub(crate) enum Kind {
    /// Lines of the cover and masthead, or of the summary under it: the
    /// builder reads their fields (symbol, date, kind, titles) line by line.
    Masthead,
    /// The printed contents table's entries.
    Contents(Vec<ContentsEntry>),
    /// A part: "I. Introduction", or an unnumbered division ("Annex").
    Part {
        numeral: String,
        number: u32,
        skip: usize,
    },
    /// A heading inside a part: 1 for "A. …" or a country, 2 for "1. …"
    /// under it, 3 for one under that. `calls` are the notes its heading
    /// cites, kept out of its title.
    Section {
        level: u8,
        title: String,
        calls: Vec<FootnoteLabel>,
    },
    Paragraph {
        number: u32,
        skip: usize,
    },
    SubItem {
        label: String,
        skip: usize,
    },
    Footnote {
        label: FootnoteLabel,
        skip: usize,
    },
    Table {
        caption: Option<String>,
        rows: Vec<Vec<String>>,
        below: Vec<String>,
    },
    /// Unnumbered text: a paragraph's continuation past a page break or a
    /// table, or the preamble of a part or section.
    Text {
        skip: usize,
    },
}

impl Kind {
    /// A heading at `level` whose text starts `skip` bytes into the first
    /// of `lines`: level 1 a part ("I. Title", or an unnumbered division),
    /// deeper ones a section one level up.
    pub fn heading(src: &str, lines: &[SourceLine], level: u8, skip: usize) -> Kind {
        let Some(&(start, first_end)) = lines.first() else {
            return Kind::Text { skip };
        };
        let first = &src[start..first_end];
        let rest = first[skip.min(first.len())..].trim_start();
        let skip = first.len() - rest.len();
        if level > 1 {
            let end = lines.last().map_or(first_end, |l| l.1);
            // A note call on a heading is not part of its title.
            let mut calls = Vec::new();
            let title = src[start + skip..end]
                .split_whitespace()
                .map(|w| {
                    let bare = w.trim_end_matches(is_superscript_digit);
                    if let Some((n, _)) = superscript_number(&w.as_bytes()[bare.len()..], 0) {
                        calls.push(FootnoteLabel::Number(n));
                    }
                    bare
                })
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            return Kind::Section {
                level: level - 1,
                title: unescape(&title),
                calls,
            };
        }
        match part_heading(rest) {
            Some((numeral, number, at)) => Kind::Part {
                numeral: numeral.to_string(),
                number,
                skip: skip + at,
            },
            None => Kind::Part {
                numeral: String::new(),
                number: 0,
                skip,
            },
        }
    }
}
