//! The writer's blocks → the document's source text, and the typed blocks
//! the builder files, whose lines point into it.
//!
//! The kind of each block is what the reading decided; nothing here reads
//! it again from the text. The source is the blocks' texts one after
//! another, blank lines between them and a form feed at each new page, as
//! the embedded layout sets a report: the hash of that text keys a reader's
//! notes, so it stays as it was.

use super::writer::{self, Role};
use crate::document::block::{Block, Kind, SourceLine};
use crate::document::shapes::{footnote_start, numbered, numbered_item, sub_item};

pub(super) fn typed(written: Vec<writer::Block>) -> (String, Vec<Block>) {
    let mut source = String::new();
    let mut blocks = Vec::with_capacity(written.len());
    let mut page = 0;
    let mut paragraph = 0;
    for b in written {
        while page < b.page {
            source.push_str("\x0c\n");
            page += 1;
        }
        let mut lines: Vec<SourceLine> = Vec::new();
        for line in b.text.split('\n') {
            let start = source.len();
            source.push_str(line);
            lines.push((start, source.len()));
            source.push('\n');
        }
        source.push('\n');
        let (s, e) = lines[0];
        let first = &source[s..e];
        let kind = match b.role {
            Role::Masthead => Kind::Masthead,
            Role::Contents(entries) => Kind::Contents(entries),
            Role::Heading(level) => {
                let skip = usize::from(level) + 1;
                Kind::heading(&source, &lines, level, skip)
            }
            Role::Paragraph(number) => {
                paragraph = number;
                let skip = numbered(first).map_or(0, |(_, at)| at);
                Kind::Paragraph { number, skip }
            }
            Role::Item => match sub_item(first).or_else(|| numbered_item(first, paragraph)) {
                Some((label, skip)) => Kind::SubItem {
                    label: label.to_string(),
                    skip,
                },
                None => Kind::Text { skip: 0 },
            },
            Role::Text => Kind::Text { skip: 0 },
            Role::Note(label) => {
                let skip = footnote_start(first).map_or_else(
                    || first.find(' ').map_or(first.len(), |at| at + 1),
                    |(_, at)| at,
                );
                Kind::Footnote { label, skip }
            }
            Role::Table {
                caption,
                rows,
                below,
            } => Kind::Table {
                caption,
                rows,
                below,
            },
        };
        blocks.push(Block {
            kind,
            lines,
            page: b.page as u32 + 1,
        });
    }
    (source, blocks)
}
