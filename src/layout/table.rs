//! A table as lines of text: its cells padded to their column's width and
//! parted by `│`, a cell too long for its column wrapped within it. The
//! text pane and `--print` both show a table so.

use unicode_width::UnicodeWidthStr;

use super::{BlockKind, Look, TextBlock, block};
use crate::document::{Document, Table, TablePlace};
use crate::text::sanitize;

/// Widest a column grows, in terminal columns: a long cell wraps within it,
/// so a row of three or four columns fits a pane of common width.
pub const CELL_MAX: usize = 32;
/// Between two columns.
pub const SEPARATOR: &str = " │ ";

/// The table's rows as lines, each row one line or more; the caption and
/// the lines below are not among them.
pub fn table_lines(table: &Table) -> Vec<String> {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|c| sanitize(c).into_owned()).collect())
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            let widest = cells
                .iter()
                .filter_map(|row| row.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0);
            widest.clamp(1, CELL_MAX)
        })
        .collect();
    let mut out = Vec::new();
    for row in &cells {
        let wrapped: Vec<Vec<&str>> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| {
                super::wrap(cell, w)
                    .into_iter()
                    .map(|r| &cell[r.start as usize..r.end as usize])
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut line = String::new();
            for (c, (parts, &w)) in wrapped.iter().zip(&widths).enumerate() {
                if c > 0 {
                    line.push_str(SEPARATOR);
                }
                let part = parts.get(k).copied().unwrap_or("");
                line.push_str(part);
                line.extend(std::iter::repeat_n(' ', w.saturating_sub(part.width())));
            }
            out.push(line.trim_end().to_string());
        }
    }
    out
}

/// The blocks of the tables that come right after `place`: the caption,
/// one block per line of rows, then the lines below.
pub(super) fn push_tables(doc: &Document, place: TablePlace, out: &mut Vec<TextBlock>) {
    for t in doc.tables_at(place) {
        let table = &doc.tables[t];
        let mut gap = 1;
        if let Some(caption) = &table.caption {
            let mut b = block(BlockKind::Table(t), 0, gap);
            b.push(caption, Look::Bold);
            out.push(b);
            gap = 0;
        }
        for line in table_lines(table) {
            let mut b = block(BlockKind::Table(t), 0, gap);
            b.push(&line, Look::Plain);
            out.push(b);
            gap = 0;
        }
        for line in &table.below {
            let mut b = block(BlockKind::Table(t), 0, gap);
            b.push(line, Look::Meta);
            out.push(b);
            gap = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TablePlace;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            caption: None,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            below: Vec::new(),
            place: TablePlace::Part(0),
            follows: None,
            page: 1,
            footnotes: Vec::new(),
        }
    }

    #[test]
    fn columns_line_up_and_long_cells_wrap_within_theirs() {
        let long = "a cell far longer than any column may grow to be";
        let t = table(&[&["Region", "2009"], &["Africa", "1,250"], &[long, "7"]]);
        let lines = table_lines(&t);
        let bar = |l: &str| l.find('│').map(|b| l[..b].width());
        let first = bar(&lines[0]);
        assert!(first.is_some());
        assert!(lines.iter().all(|l| bar(l) == first), "{lines:#?}");
        assert!(lines.len() > 3, "the long cell wraps: {lines:#?}");
        assert!(
            lines
                .iter()
                .all(|l| l.width() <= CELL_MAX + SEPARATOR.width() + 5)
        );
        assert_eq!(
            lines[1].split('│').map(str::trim).collect::<Vec<_>>(),
            ["Africa", "1,250"]
        );
    }
}
