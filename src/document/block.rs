//! What a reader gives the builder: the report in typed blocks, each a run
//! of lines of the source text, on the page where it starts.
//!
//! A reader decides what each block is (the text reader from the embedded
//! layout's marks and numbers, the PDF reader from type, size and place);
//! the builder (`build`) only files them into parts, sections and
//! paragraphs, and never guesses a kind again.

use super::{ContentsEntry, FootnoteLabel};

/// A line of the source: its byte range and its 1-based number there.
pub(crate) type SourceLine = (usize, usize, u32);

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
    /// under it, 3 for one under that.
    Section {
        level: u8,
        title: String,
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
