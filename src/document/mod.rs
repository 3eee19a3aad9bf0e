//! The report as data: an immutable `Document` built once by `parse`.
//!
//! Text is held once, in `Document::source`; everything else refers to it by
//! byte ranges, so the model stays small next to the text it describes.

mod block;
mod build;
pub mod countries;
mod inline;
mod load;
mod paged;
mod parse;
pub mod passage;
mod pdf;
mod shapes;
mod words;

pub use inline::{Emphasis, Inline};
pub use load::{LoadError, from_bytes, load};
pub use parse::parse;
pub use pdf::{PdfError, sandbox};

use std::ops::Range;

/// A superscript digit, as the embedded layout writes a note call.
pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// The report shipped inside the binary.
pub const EMBEDDED_REPORT: &str = include_str!("report.txt");

/// A byte range into `Document::source`.
pub type TextRange = Range<u32>;

/// How a footnote is marked in the text: `¹`…, or a one-character symbol
/// such as the header's `*`. Kept small: every marker in the text holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FootnoteLabel {
    Number(u32),
    Symbol(char),
}

impl std::fmt::Display for FootnoteLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FootnoteLabel::Number(n) => write!(f, "{n}"),
            FootnoteLabel::Symbol(c) => write!(f, "{c}"),
        }
    }
}

/// The block above the contents: organ, date, session, agenda item, titles, summary.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub organ: Option<String>,
    pub distribution: Option<String>,
    pub date: Option<String>,
    pub original: Option<String>,
    pub session: Option<String>,
    /// "Item 69 (b) of the provisional agenda*", with its footnote marker.
    pub agenda_item: Vec<Inline>,
    /// Title lines above the report's own title (the agenda item's wording).
    pub agenda_titles: Vec<Vec<Inline>>,
    pub title: Vec<Inline>,
    /// What the title is on, printed under it: a review's country.
    pub subtitle: Vec<Inline>,
    /// "Report of the Secretary-General".
    pub kind: Option<String>,
    pub summary: Vec<Vec<Inline>>,
    /// Whether the page prints a "Summary" heading over the summary.
    pub summary_printed: bool,
    /// The document symbol ("A/64/213"), when the text states its own.
    pub symbol: Option<String>,
}

/// One line of the printed contents table: metadata, never body text.
#[derive(Debug, Clone)]
pub struct ContentsEntry {
    pub title: String,
    pub page: Option<u32>,
}

/// A Roman-numeral part: "II. Information from Governments …".
#[derive(Debug, Clone)]
pub struct Part {
    pub numeral: String,
    pub number: u32,
    pub title: Vec<Inline>,
    /// The page the contents table prints against it, as the report numbers
    /// its pages (see `Document::printed_page`); not `Paragraph::page`.
    pub printed_page: Option<u32>,
    /// Unnumbered text between the part's title and its first paragraph.
    pub preamble: Vec<Vec<Inline>>,
    /// As `Section::unit`: a resolution set out under a heading of this level.
    pub unit: Option<String>,
    pub numbers: Vec<Option<u32>>,
    /// Indices into `Document::sections`.
    pub sections: Range<usize>,
    /// Indices into `Document::paragraphs`.
    pub paragraphs: Range<usize>,
    /// Indices into `Document::footnotes` of the notes its heading cites.
    pub footnotes: Vec<usize>,
}

/// A subsection inside a part, such as a country heading ("Egypt").
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    /// 1 for a subsection of a part (a lettered or country heading), 2 for a
    /// heading under it ("1. Cross-cutting issues"), 3 for one under that.
    pub level: u8,
    pub part: usize,
    /// As `Part::printed_page`.
    pub printed_page: Option<u32>,
    /// Unnumbered text between the heading and its first paragraph: all
    /// the text of a resolution set out in a report.
    pub preamble: Vec<Vec<Inline>>,
    /// A resolution or decision the report sets out under this heading,
    /// as it is cited ("resolution 14/1"), and the number each text of
    /// the preamble prints (its operative paragraphs'), in step with it.
    pub unit: Option<String>,
    pub numbers: Vec<Option<u32>>,
    pub paragraphs: Range<usize>,
    /// Indices into `Document::footnotes` of the notes its heading cites.
    pub footnotes: Vec<usize>,
}

/// A lettered sub-item of a paragraph: "(a) …".
#[derive(Debug, Clone)]
pub struct SubItem {
    pub label: String,
    pub text: Vec<Inline>,
}

impl SubItem {
    /// How the report prints the item's label: "(b)", or "140.12" as a
    /// numbered recommendation is printed.
    pub fn marker(&self) -> String {
        if self.label.bytes().all(|b| b.is_ascii_lowercase()) {
            format!("({})", self.label)
        } else {
            self.label.clone()
        }
    }
}

/// A numbered paragraph, rejoined across page breaks.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub number: u32,
    pub part: usize,
    pub section: Option<usize>,
    pub text: Vec<Inline>,
    pub sub_items: Vec<SubItem>,
    /// Indices into `Document::footnotes`, in order of first citation.
    pub footnotes: Vec<usize>,
    /// How many blocks after its first were joined to this paragraph: in text
    /// in the embedded layout, the rest of it after a page's footnotes. The
    /// page reader (PDFs, `pdftotext` text) joins a paragraph's lines across
    /// pages into one block itself, so there a page break adds nothing.
    pub rejoined: u32,
    /// 1-based page where it starts, counted by form feeds in the source.
    pub page: u32,
}

/// A footnote: its label, its text, and who cites it.
#[derive(Debug, Clone)]
pub struct Footnote {
    pub label: FootnoteLabel,
    pub text: Vec<Inline>,
    /// Indices into `Document::paragraphs` of the paragraphs that cite it.
    pub cited_by: Vec<usize>,
    /// Cited from the header block (the `*` on the agenda item).
    pub cited_in_header: bool,
    /// The page it is set on, from 1; 0 where the text has no pages.
    pub page: u32,
}

/// A table, kept as rows of cells: never read as paragraphs.
#[derive(Debug, Clone)]
pub struct Table {
    /// "Table 1 Number of migrants returned, 2009–2010", when it has one.
    pub caption: Option<String>,
    /// Every row has as many cells as the table has columns; a cell may be empty.
    pub rows: Vec<Vec<String>>,
    /// Lines set under the table: its "Source: …" and "Note: …".
    pub below: Vec<String>,
    /// Where it stands in the reading order.
    pub place: TablePlace,
    /// Index of the last paragraph before it, whatever part it is in.
    pub follows: Option<usize>,
    /// 1-based page, as a paragraph's.
    pub page: u32,
    /// Indices into `Document::footnotes` of the notes its caption, cells
    /// and lines below cite.
    pub footnotes: Vec<usize>,
}

impl Table {
    /// The labels of the notes it calls, in reading order: superscript
    /// numbers glued to a word of its caption, cells or lines below.
    pub fn note_calls(&self) -> Vec<FootnoteLabel> {
        let texts = self
            .caption
            .iter()
            .chain(self.rows.iter().flatten())
            .chain(&self.below);
        let mut out = Vec::new();
        for text in texts {
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let glued = i > 0 && !bytes[i - 1].is_ascii_whitespace();
                match inline::superscript_number(bytes, i) {
                    Some((n, len)) => {
                        if glued {
                            out.push(FootnoteLabel::Number(n));
                        }
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }
}

/// What a table comes right after, as the text pane and `--print` show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePlace {
    /// After a part's heading and preamble, before its paragraphs.
    Part(usize),
    /// After a section's heading, before its paragraphs.
    Section(usize),
    /// After a paragraph and its sub-items.
    Paragraph(usize),
}

/// Something the parser found but could not place with certainty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The page it is on, as the reader counts pages; 0 where the text has
    /// no pages.
    pub page: u32,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.page {
            0 => f.write_str(&self.message),
            n => write!(f, "page {n}: {}", self.message),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The text the model's ranges point into.
    pub source: String,
    pub header: Header,
    pub contents: Vec<ContentsEntry>,
    pub parts: Vec<Part>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<Footnote>,
    pub tables: Vec<Table>,
    pub warnings: Vec<Warning>,
    /// The number printed on each page (by the page a paragraph's `page`
    /// counts, from 1), where the report numbers its pages; 0 where not.
    pub printed_pages: Vec<u32>,
    /// Computed on first use.
    pub(crate) fingerprint: std::sync::OnceLock<String>,
}

impl Header {
    /// What the top of the report is called: "Summary" where the page
    /// prints one, else its title page.
    pub fn front_label(&self) -> &'static str {
        if self.summary_printed {
            "Summary"
        } else {
            "Title page"
        }
    }
}

impl Document {
    /// The embedded report, parsed.
    pub fn embedded() -> Document {
        parse(EMBEDDED_REPORT)
    }

    pub fn slice(&self, range: &TextRange) -> &str {
        self.source
            .get(range.start as usize..range.end as usize)
            .unwrap_or("")
    }

    /// The report's title as one line, with what it is on:
    /// "Report of the Working Group on the Universal Periodic Review: Slovenia".
    pub fn title(&self) -> String {
        let mut t = self.plain(&self.header.title);
        let t_end = t.trim_end_matches(['*', '∗', ' ']).len();
        t.truncate(t_end);
        let sub = self.plain(&self.header.subtitle);
        let sub = sub.trim_end_matches(['*', '∗', ' ']);
        if !sub.is_empty() && !t.is_empty() {
            t = format!("{t}: {sub}");
        }
        if t.is_empty() {
            self.header
                .kind
                .clone()
                .unwrap_or_else(|| "Untitled report".into())
        } else {
            t
        }
    }

    /// Inline text as plain text, footnote markers written as superscripts.
    pub fn plain(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.write_plain(inlines, &mut out);
        out
    }

    pub fn write_plain(&self, inlines: &[Inline], out: &mut String) {
        inline::write_plain(&self.source, inlines, out);
    }

    /// Where note `f` is cited other than in a paragraph or the header: a
    /// heading ("the heading “A. Scope …”") or a table ("a table on page 2").
    pub fn cited_elsewhere(&self, f: usize) -> Option<String> {
        let part = self.parts.iter().find(|p| p.footnotes.contains(&f));
        if let Some(p) = part {
            let title = self.plain(&p.title);
            let title = title.trim_end_matches(is_superscript_digit);
            return Some(match p.numeral.as_str() {
                "" => format!("the heading “{title}”"),
                n => format!("the heading “{n}. {title}”"),
            });
        }
        if let Some(s) = self.sections.iter().find(|s| s.footnotes.contains(&f)) {
            return Some(format!("the heading “{}”", s.title));
        }
        let table = self.tables.iter().find(|t| t.footnotes.contains(&f))?;
        Some(match self.printed_page(table.page) {
            Some(n) => format!("a table on page {n}"),
            None => "a table".to_string(),
        })
    }

    /// A paragraph's whole text, sub-items included, as plain text.
    pub fn paragraph_plain(&self, index: usize) -> String {
        let Some(p) = self.paragraphs.get(index) else {
            return String::new();
        };
        let mut out = self.plain(&p.text);
        for item in &p.sub_items {
            out.push_str(" (");
            out.push_str(&item.label);
            out.push_str(") ");
            self.write_plain(&item.text, &mut out);
        }
        out
    }

    /// The number printed on page `page` (counted from 1 in the file), if
    /// the report prints one there.
    pub fn printed_page(&self, page: u32) -> Option<u32> {
        let n = *self.printed_pages.get((page as usize).checked_sub(1)?)?;
        (n > 0).then_some(n)
    }

    /// The first paragraph on or after the page printed `printed`.
    pub fn paragraph_on_printed_page(&self, printed: u32) -> Option<usize> {
        let page = self
            .printed_pages
            .iter()
            .position(|&n| n >= printed && n > 0)? as u32
            + 1;
        self.paragraphs.iter().position(|p| p.page >= page)
    }

    /// Index of the paragraph printed with `number`.
    pub fn paragraph_index(&self, number: u32) -> Option<usize> {
        // Numbers are usually 1..=n in order, so try the direct slot first.
        let guess = (number as usize).wrapping_sub(1);
        if self
            .paragraphs
            .get(guess)
            .is_some_and(|p| p.number == number)
        {
            return Some(guess);
        }
        self.paragraphs.iter().position(|p| p.number == number)
    }

    /// The resolution's paragraph whose text holds byte `source` of the
    /// source, where the report sets a resolution out: ("resolution
    /// 14/1", 6). Its own number, never one of the report's paragraphs.
    pub fn unit_paragraph_at(&self, source: u32) -> Option<(&str, u32)> {
        let holds = |text: &[Inline]| {
            let ranges = text.iter().filter_map(|i| match i {
                Inline::Text { range, .. } | Inline::Link { range } => Some(range),
                _ => None,
            });
            let (mut start, mut end) = (u32::MAX, 0);
            for r in ranges {
                start = start.min(r.start);
                end = end.max(r.end);
            }
            (start..end).contains(&source)
        };
        let units = self
            .parts
            .iter()
            .map(|p| (&p.unit, &p.preamble, &p.numbers))
            .chain(
                self.sections
                    .iter()
                    .map(|s| (&s.unit, &s.preamble, &s.numbers)),
            );
        for (unit, preamble, numbers) in units {
            let Some(unit) = unit else { continue };
            for (text, number) in preamble.iter().zip(numbers) {
                if let Some(n) = number
                    && holds(text)
                {
                    return Some((unit, *n));
                }
            }
        }
        None
    }

    /// A stable identity for this text: notes are kept per fingerprint.
    pub fn fingerprint(&self) -> String {
        self.fingerprint
            .get_or_init(|| fingerprint_of(&self.source))
            .clone()
    }

    pub fn footnote_index(&self, label: &FootnoteLabel) -> Option<usize> {
        self.footnotes.iter().position(|f| &f.label == label)
    }

    /// Indices of the tables that come right after `place`, in order.
    pub fn tables_at(&self, place: TablePlace) -> impl Iterator<Item = usize> + '_ {
        (0..self.tables.len()).filter(move |&t| self.tables[t].place == place)
    }

    /// The first and last paragraph numbers in a range of paragraph indices.
    pub fn number_span(&self, range: &Range<usize>) -> Option<(u32, u32)> {
        let first = self.paragraphs.get(range.start)?;
        let last = self.paragraphs.get(range.end.checked_sub(1)?)?;
        (range.start < range.end).then_some((first.number, last.number))
    }
}

/// A footnote label as a reader sees it in the text: `¹⁷`, `*`.
pub fn superscript(label: &FootnoteLabel) -> String {
    match label {
        FootnoteLabel::Symbol(c) => c.to_string(),
        FootnoteLabel::Number(n) => n
            .to_string()
            .chars()
            .map(|c| match c {
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                '9' => '⁹',
                other => other,
            })
            .collect(),
    }
}

/// Roman numeral value, for part headings (I … XX and beyond).
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (to_roman(total) == s).then_some(total)
}

/// The SHA-256 of a text, in hex: the key its notes and reading place are kept under.
pub(crate) fn fingerprint_of(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_round_trip() {
        assert_eq!(roman_value("IX"), Some(9));
        assert_eq!(roman_value("VIII"), Some(8));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("A"), None);
    }

    #[test]
    fn a_text_s_fingerprint_is_that_of_its_source_without_the_bom() {
        let text = format!("\u{feff}{}", EMBEDDED_REPORT.repeat(20));
        let doc = parse(&text);
        assert_eq!(
            doc.fingerprint(),
            fingerprint_of(&text['\u{feff}'.len_utf8()..])
        );
        assert_eq!(doc.fingerprint(), fingerprint_of(&doc.source));
        assert_eq!(doc.fingerprint(), parse(&text[3..]).fingerprint());
    }

    #[test]
    fn superscripts_have_every_digit() {
        assert_eq!(
            superscript(&FootnoteLabel::Number(1234567890)),
            "¹²³⁴⁵⁶⁷⁸⁹⁰"
        );
    }
}
