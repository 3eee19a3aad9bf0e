//! Tables among a page's body lines, kept as one block of rows and cells.
//!
//! A table is a grid: lines whose text stands in two or more columns, with
//! clear space between them that no line of the grid crosses, over three
//! lines or more. A list's labels ("12.", "(a)", "140.3", "•") standing
//! before their text make a column too, but not a table: a grid needs two
//! columns besides its labels. A "Table 1" caption right above it and its
//! "Source:" or "Note:" lines right below belong to it.

use std::ops::Range;

use super::lines::{Line, is_call};
use super::writer::{Role, Row, ends_sentence_or_item, has_leader};
use crate::document::shapes::{numbered, sub_item};

/// Space between two pieces, in ems of the line, that parts two cells: a
/// word space is a quarter em, and a justified line stretches it less than this.
const GUTTER: f32 = 0.9;
/// Lines that a grid needs with text in two columns or more.
const MIN_GRID_LINES: usize = 3;
/// Lines a grid may run to: a page holds fewer, and text without pages
/// is looked at in pieces of this many.
const MAX_GRID_LINES: usize = 200;
/// Lines in a row that one cell's text may wrap onto.
const MAX_WRAPPED: usize = 4;
/// Characters a caption's first line may have: longer, it is a sentence.
const CAPTION_MAX: usize = 200;
/// Space above a grid line, in ems, beyond which the grid has ended.
const ROW_SPACE: f32 = 2.0;
/// Space above a line, in ems, that a cell's text wrapped onto stays within.
const WRAP_SPACE: f32 = 0.45;

/// A table found among the body rows.
pub(super) struct Found {
    /// The rows it takes, from its caption to its last line below.
    pub rows: Range<usize>,
    pub page: usize,
    caption: Option<String>,
    cells: Vec<Vec<String>>,
    below: Vec<String>,
}

/// One cell of a line: where it stands and what it says.
struct Cell {
    x0: f32,
    x1: f32,
    text: String,
}

/// The tables among `rows`, in order, none overlapping.
pub(super) fn find(rows: &[Row], body: f32) -> Vec<Found> {
    let cells: Vec<Vec<Cell>> = rows.iter().map(|r| cells(r.line)).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let Some((end, columns)) = grid(rows, &cells, k) else {
            k += 1;
            continue;
        };
        let start = caption_start(rows, k, out.last().map_or(0, |f| f.rows.end));
        let caption = (start < k).then(|| {
            let lines: Vec<&str> = rows[start..k].iter().map(|r| r.text.trim()).collect();
            lines.join(" ")
        });
        let below_end = below_end(rows, end, body);
        let found = Found {
            rows: start..below_end,
            page: rows[start].page,
            caption,
            cells: table_rows(rows, &cells, k..end, &columns),
            below: rows[end..below_end]
                .iter()
                .map(|r| r.text.trim().to_string())
                .collect(),
        };
        match out.last_mut() {
            Some(last) if continues(last, &found) => last.carry_on(found),
            _ => out.push(found),
        }
        k = below_end;
    }
    out
}

/// How many of `rows` a table at their top takes, with its caption and the
/// lines under it (0 when none stands there).
pub(super) fn at_top(rows: &[Row], body: f32) -> usize {
    let cells: Vec<Vec<Cell>> = rows.iter().map(|r| cells(r.line)).collect();
    (0..rows.len().min(3))
        .find_map(|k| {
            let captioned = k == 0 || caption_start(rows, k, 0) == 0;
            grid(rows, &cells, k).filter(|_| captioned)
        })
        .map_or(0, |(end, _)| below_end(rows, end, body))
}

impl Found {
    /// The table as the builder takes it: caption, rows of cells, the lines below.
    pub fn role(&self) -> Role {
        Role::Table {
            caption: self.caption.clone(),
            rows: self.cells.clone(),
            below: self.below.clone(),
        }
    }

    /// The table as the layout writes it: the caption, `| a | b |` rows, the
    /// lines below, each a line of one block.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.caption {
            out.push_str(c);
            out.push('\n');
        }
        for row in &self.cells {
            out.push('|');
            for cell in row {
                out.push(' ');
                for c in cell.chars() {
                    if matches!(c, '|' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push_str(" |");
            }
            out.push('\n');
        }
        for b in &self.below {
            out.push_str(b);
            out.push('\n');
        }
        out.pop();
        out
    }

    /// The rest of this table, on the next page; a header repeated there goes.
    fn carry_on(&mut self, next: Found) {
        self.rows.end = next.rows.end;
        let repeated = next.cells.first() == self.cells.first();
        self.cells
            .extend(next.cells.into_iter().skip(usize::from(repeated)));
        self.below = next.below;
    }
}

/// Whether `next` is the rest of `table`, broken by a page: nothing stands
/// between them, and they have as many columns.
fn continues(table: &Found, next: &Found) -> bool {
    table.rows.end == next.rows.start
        && table.page < next.page
        && table.below.is_empty()
        && next.caption.is_none()
        && table.cells.first().map(Vec::len) == next.cells.first().map(Vec::len)
}

/// The line cut into cells where its pieces stand a gutter apart; a note
/// call stays with the text it follows.
fn cells(line: &Line) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut from = 0;
    let gutter = GUTTER * line.size.max(1.0);
    let pieces = &line.pieces;
    for k in 1..=pieces.len() {
        let cut = k == pieces.len()
            || (pieces[k].x0 - pieces[k - 1].x1 > gutter && !is_call(&pieces[k], line.size));
        if !cut {
            continue;
        }
        let text = line.text_between(from, k);
        if !text.is_empty() {
            out.push(Cell {
                x0: pieces[from].x0,
                x1: pieces[k - 1].x1,
                text,
            });
        }
        from = k;
    }
    out
}

/// The grid that starts at row `k`: the row after its last line, and its
/// columns (left and right edges, left to right).
fn grid(rows: &[Row], cells: &[Vec<Cell>], k: usize) -> Option<(usize, Vec<(f32, f32)>)> {
    // A grid starts with two cells of text, as a table's heads are: a line
    // of a list or of notes has one beside its label.
    let text = cells[k].iter().filter(|c| !is_label(&c.text)).count();
    if text < 2 || has_leader(&rows[k].text) {
        return None;
    }
    // The lines that keep to gutters of their own, from row `k`.
    let mut columns = spans(&cells[k..=k]);
    let (mut end, mut wrapped) = (k + 1, 0);
    for j in k + 1..rows.len().min(k + MAX_GRID_LINES) {
        let r = &rows[j];
        // Prose that keeps to one column is no cell wrapped.
        wrapped = if cells[j].len() >= 2 { 0 } else { wrapped + 1 };
        if wrapped > MAX_WRAPPED {
            break;
        }
        let size = r.line.size.max(1.0);
        let room = if cells[j].len() >= 2 {
            ROW_SPACE
        } else {
            WRAP_SPACE
        };
        let ends = has_leader(&r.text) || is_below_head(r.text.trim());
        if r.page != rows[k].page || r.gap > room * size || ends {
            break;
        }
        // A line across a gutter (the text after the table) ends the grid.
        if !merge_keeps(&columns, &cells[j]) {
            break;
        }
        columns = cells[j].iter().fold(columns, |m, c| merge(&m, c));
        end = j + 1;
    }
    // A grid starts and ends with a line of text in two columns besides the
    // labels; only a cell's text wrapped close under it may follow.
    let shape = Shape::of(&cells[k..end]);
    let gridded = |j: usize| shape.text_cells(&cells[j]) >= 2;
    if !gridded(k) {
        return None;
    }
    let last = (k..end).rev().find(|&j| gridded(j))?;
    let mut end = last + 1;
    while end < rows.len()
        && !is_below_head(rows[end].text.trim())
        && cells[end].iter().all(|c| !is_label(&c.text))
        && rows[end].gap <= WRAP_SPACE * rows[end].line.size
        && rows[end].page == rows[k].page
        && merge_keeps(&shape.columns, &cells[end])
    {
        end += 1;
    }
    let shape = Shape::of(&cells[k..end]);
    let lines = (k..end)
        .filter(|&j| shape.text_cells(&cells[j]) >= 2)
        .count();
    (lines >= MIN_GRID_LINES && shape.text_columns() >= 2).then_some((end, shape.columns))
}

/// The columns of some lines, and which of them hold only labels.
struct Shape {
    columns: Vec<(f32, f32)>,
    /// Columns from this one on hold text; those before it, only labels.
    first_text: usize,
    filled: Vec<usize>,
}

impl Shape {
    fn of(lines: &[Vec<Cell>]) -> Shape {
        let columns = spans(lines);
        let mut filled = vec![0usize; columns.len()];
        let mut labels = vec![true; columns.len()];
        for c in lines.iter().flatten() {
            let col = column_of(&columns, c);
            filled[col] += 1;
            labels[col] &= is_label(&c.text);
        }
        let first_text = labels.iter().position(|&l| !l).unwrap_or(columns.len());
        Shape {
            columns,
            first_text,
            filled,
        }
    }

    /// A list's labels make a column of their own; what counts is the text.
    fn text_cells(&self, line: &[Cell]) -> usize {
        line.iter()
            .filter(|c| column_of(&self.columns, c) >= self.first_text)
            .count()
    }

    /// Columns of text with two cells or more.
    fn text_columns(&self) -> usize {
        self.filled[self.first_text..]
            .iter()
            .filter(|&&n| n >= 2)
            .count()
    }
}

/// The spans of the columns that the cells of `lines` stand in.
fn spans(lines: &[Vec<Cell>]) -> Vec<(f32, f32)> {
    lines.iter().flatten().fold(Vec::new(), |m, c| merge(&m, c))
}

/// Whether a line's cells keep to the columns, crossing no gutter.
fn merge_keeps(columns: &[(f32, f32)], line: &[Cell]) -> bool {
    line.iter()
        .fold(columns.to_vec(), |m, c| merge(&m, c))
        .len()
        >= columns.len()
}

/// `columns` with a cell's span added: spans that overlap become one.
fn merge(columns: &[(f32, f32)], cell: &Cell) -> Vec<(f32, f32)> {
    let (mut x0, mut x1) = (cell.x0, cell.x1);
    let mut out = Vec::with_capacity(columns.len() + 1);
    for &(a, b) in columns {
        if b < x0 || a > x1 {
            out.push((a, b));
        } else {
            x0 = x0.min(a);
            x1 = x1.max(b);
        }
    }
    out.push((x0, x1));
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

fn column_of(columns: &[(f32, f32)], cell: &Cell) -> usize {
    let mid = (cell.x0 + cell.x1) / 2.0;
    columns
        .iter()
        .position(|&(_, b)| mid <= b)
        .unwrap_or(columns.len() - 1)
}

/// A list's label: "12.", "(a)", "a)", "A.", "IV.", "iii.", "140.3", a
/// bullet or a dash; or a note's number, "12" or "¹²".
fn is_label(t: &str) -> bool {
    let t = t.trim();
    let digits = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let call = !t.is_empty() && t.chars().all(crate::document::is_superscript_digit);
    if matches!(t, "•" | "-" | "–" | "—" | "*" | "◦" | "▪")
        || (digits(t) && t.len() <= 3)
        || call
        || sub_item(&format!("{t} x")).is_some_and(|(_, at)| at == t.len() + 1)
        // "140.3": a numbered recommendation's label.
        || t.split_once('.').is_some_and(|(a, b)| digits(a) && digits(b))
    {
        return true;
    }
    t.strip_suffix(['.', ')']).is_some_and(|head| {
        let letters =
            (1..=2).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_alphabetic());
        let numeral = crate::document::roman_value(&head.to_ascii_uppercase()).is_some();
        digits(head) || letters || numeral
    })
}

/// The table's rows: a line with text in the first column starts a row; a
/// line without, set close under the one before, carries its cells on.
fn table_rows(
    rows: &[Row],
    cells: &[Vec<Cell>],
    lines: Range<usize>,
    columns: &[(f32, f32)],
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for j in lines {
        let mut row = vec![String::new(); columns.len()];
        for c in &cells[j] {
            let cell = &mut row[column_of(columns, c)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&c.text);
        }
        let size = rows[j].line.size.max(1.0);
        // A cell's text wrapped onto a line of its own.
        let wrapped =
            (row[0].is_empty() || cells[j].len() == 1) && rows[j].gap <= WRAP_SPACE * size;
        match out.last_mut() {
            Some(last) if wrapped => {
                for (cell, more) in last.iter_mut().zip(row) {
                    join_cell(cell, &more);
                }
            }
            _ => out.push(row),
        }
    }
    out
}

/// A cell's next line added to it; a word cut by a hyphen is mended.
fn join_cell(cell: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if cell.is_empty() {
        cell.push_str(more);
    } else if cell.ends_with('-') && more.starts_with(char::is_lowercase) {
        cell.pop();
        cell.push_str(more);
    } else {
        cell.push(' ');
        cell.push_str(more);
    }
}

/// Where a "Table 1" caption above row `k` starts (`k` when there is none):
/// a line "Table …" that starts a block on the page, its title lines under it.
fn caption_start(rows: &[Row], k: usize, floor: usize) -> usize {
    for i in (floor.max(k.saturating_sub(3))..k).rev() {
        let r = &rows[i];
        if r.page != rows[k].page || numbered(r.text.trim()).is_some() {
            return k;
        }
        let apart = i == 0
            || rows[i - 1].page != r.page
            || r.gap > WRAP_SPACE * r.line.size
            || ends_sentence_or_item(&rows[i - 1].text);
        if apart && is_caption(r.text.trim()) {
            return i;
        }
    }
    k
}

/// "Table", "Table 1", "Table 2. Title", "Table A.1: Title", "TABLE IV".
fn is_caption(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("Table").or_else(|| t.strip_prefix("TABLE")) else {
        return false;
    };
    let numbered = rest.strip_prefix(' ').is_some_and(|r| {
        r.trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase())
    });
    (rest.is_empty() || numbered) && t.chars().count() <= CAPTION_MAX
}

/// The row after the lines under a table: "Source: …", "Note: …" and the
/// smaller lines that run on from them.
fn below_end(rows: &[Row], end: usize, body: f32) -> usize {
    let mut j = end;
    while j < rows.len() && rows[j].page == rows[end.saturating_sub(1)].page {
        let r = &rows[j];
        let t = r.text.trim();
        let size = r.line.size.max(1.0);
        let head = is_below_head(t) && r.gap <= ROW_SPACE * size;
        let runs_on = j > end
            && super::writer::smaller(r.line.size, body)
            && r.gap <= WRAP_SPACE * size
            && numbered(t).is_none();
        if !head && !runs_on {
            break;
        }
        j += 1;
    }
    j
}

/// "Source: …", "Notes: …": the first line under a table.
fn is_below_head(t: &str) -> bool {
    ["Source", "Sources", "Note", "Notes"]
        .iter()
        .any(|w| t.strip_prefix(w).is_some_and(|rest| rest.starts_with(':')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_a_lists_and_notes_numbers() {
        for t in [
            "12.", "(a)", "b)", "A.", "IV.", "iii.", "140.3", "•", "–", "7", "¹²", "*",
        ] {
            assert!(is_label(t), "{t}");
        }
        for t in ["Region", "2009", "1,250", "Total.", "Yes", "3%"] {
            assert!(!is_label(t), "{t}");
        }
    }

    #[test]
    fn captions_are_tables_named() {
        for t in [
            "Table",
            "Table 1",
            "Table 2. Returns",
            "Table A.1: Returns",
            "TABLE IV",
        ] {
            assert!(is_caption(t), "{t}");
        }
        for t in ["Tables", "Table of contents", "Table1", "Tabled motions"] {
            assert!(!is_caption(t), "{t}");
        }
    }
}
