//! A table block of the layout: rows written `| a | b |`, with a caption
//! above them and its source or notes below, each a line of its own.

use super::*;

/// `| a | b \| c |` → ["a", "b | c"]: a row's cells, `\|` and `\\` unescaped.
pub(in crate::document) fn table_row(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?;
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('|' | '\\')) => cells.last_mut()?.push(n),
                Some(n) => {
                    let cell = cells.last_mut()?;
                    cell.push('\\');
                    cell.push(n);
                }
                None => cells.last_mut()?.push('\\'),
            },
            '|' => cells.push(String::new()),
            c => cells.last_mut()?.push(c),
        }
    }
    // The closing bar leaves an empty cell behind it.
    if inner.trim_end().ends_with('|') && !inner.trim_end().ends_with("\\|") {
        cells.pop();
    }
    Some(cells.into_iter().map(|c| c.trim().to_string()).collect())
}

impl<'a> Reader<'a> {
    /// Whether the open block is a table: one of its first two lines is a row.
    pub(super) fn is_table_block(&self) -> bool {
        (0..self.block.len().min(2)).any(|k| self.line(k).trim_start().starts_with('|'))
    }

    /// The open block as a table: its caption, rows and the lines below.
    pub(super) fn table_block(&self) -> Kind {
        let mut caption = Vec::new();
        let mut rows = Vec::new();
        let mut below = Vec::new();
        for k in 0..self.block.len() {
            let line = self.line(k).trim();
            match table_row(line) {
                Some(cells) if below.is_empty() => rows.push(cells),
                _ if rows.is_empty() => caption.push(unescape(line)),
                _ => below.push(unescape(line)),
            }
        }
        Kind::Table {
            caption: (!caption.is_empty()).then(|| caption.join(" ")),
            rows,
            below,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, TablePlace, parse};

    #[test]
    fn a_table_block_interrupts_its_paragraph_without_ending_it() {
        let d = parse(
            "I. One\n\n1. Returns are set out below, with the figures\n\n\
             Table 1 Returns\n| Region | 2009 |\n| Africa \\| Asia | 1,250 |\n| Europe |\nSource: Governments.\n\n\
             reported to the Rapporteur.\n\n2. Next.\n",
        );
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(
            d.plain(&d.paragraphs[0].text),
            "Returns are set out below, with the figures reported to the Rapporteur."
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let t = &d.tables[..];
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].caption.as_deref(), Some("Table 1 Returns"));
        assert_eq!(
            t[0].rows,
            [
                ["Region", "2009"],
                ["Africa | Asia", "1,250"],
                ["Europe", ""]
            ]
        );
        assert_eq!(t[0].below, ["Source: Governments."]);
        assert_eq!(t[0].place, TablePlace::Paragraph(0));
        assert_eq!(t[0].follows, Some(0));
    }

    #[test]
    fn a_table_under_a_heading_opens_its_section() {
        let d = parse("I. One\n\n1. Text.\n\nA. Figures\n\n| a | b |\n| c | d |\n\n2. Text.\n");
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].place, TablePlace::Section(0));
        assert_eq!(d.tables[0].follows, Some(0));
        assert_eq!(d.paragraphs.len(), 2);
    }

    #[test]
    fn escaped_bars_and_the_embedded_report_hold_no_table() {
        let d = parse("I. One\n\n1. Text\n\n\\| not a row |\n");
        assert!(d.tables.is_empty());
        assert_eq!(d.plain(&d.paragraphs[0].text), "Text | not a row |");
        assert!(Document::embedded().tables.is_empty());
    }
}
