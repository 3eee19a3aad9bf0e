//! The country index: which UN Member or observer State the report names,
//! where, and a fuzzy finder over those names for "jump to a country".
//!
//! The gazetteer (`gazetteer.tsv`) is compiled in and parsed once. Mentions
//! are whole-word, case-sensitive matches of any of a country's names in
//! paragraph text, sub-item text and footnote text; the longest name wins, so
//! "Papua New Guinea" is never also "Guinea".

mod capitals;
mod finder;
mod gazetteer;
mod names;
mod output;
mod scan;

pub use finder::{Finder, Ranked};
pub use gazetteer::{Country, Gazetteer, gazetteer, normalise};
pub use output::{to_json, to_text};

use super::{Document, TextRange};
use scan::{CHUNK, Gathered, PARALLEL_FROM};

/// Where in a paragraph a mention sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Body,
    /// Index into `Paragraph::sub_items`.
    SubItem(u32),
    /// Index into `Document::footnotes`.
    Footnote(u32),
}

/// A paragraph and a place in it, in eight bytes that sort in reading
/// order: paragraph (none last), then body, sub-items, footnotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Spot {
    /// Index into `Document::paragraphs`; `u32::MAX` for none.
    paragraph: u32,
    /// The kind in the top two bits (body, sub-item, footnote), the index
    /// below. Indices stay under 2^30: each sub-item and footnote takes
    /// several bytes of a source that `TextRange` keeps under 4 GiB.
    place: u32,
}

impl Spot {
    const INDEX: u32 = (1 << 30) - 1;

    fn new(paragraph: Option<u32>, place: Place) -> Spot {
        Spot {
            paragraph: paragraph.unwrap_or(u32::MAX),
            place: match place {
                Place::Body => 0,
                Place::SubItem(k) => 1 << 30 | k.min(Spot::INDEX),
                Place::Footnote(f) => 2 << 30 | f.min(Spot::INDEX),
            },
        }
    }

    fn paragraph(self) -> Option<u32> {
        (self.paragraph != u32::MAX).then_some(self.paragraph)
    }

    fn place(self) -> Place {
        let index = self.place & Spot::INDEX;
        match self.place >> 30 {
            0 => Place::Body,
            1 => Place::SubItem(index),
            _ => Place::Footnote(index),
        }
    }
}

/// One occurrence of a country's name. Kept to 20 bytes: a long report
/// has tens of thousands, all written when the index is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name's bytes in `Document::source`. A name rejoined across a page
    /// break or split by emphasis spans the gap; render by overlap with the
    /// paragraph's inline ranges and the gap is never shown.
    pub range: TextRange,
    spot: Spot,
    /// Index into `gazetteer().countries()`.
    pub country: u16,
    /// Index into `Gazetteer::patterns`: see `name`.
    form: u16,
}

impl Mention {
    /// The name as the text writes it ("Libyan Arab Jamahiriya").
    pub fn name(&self) -> &'static str {
        gazetteer().form(self.form)
    }

    /// Index into `Document::paragraphs`. A footnote's mention is recorded
    /// once per citing paragraph, and with `None` when nothing cites it.
    pub fn paragraph(&self) -> Option<u32> {
        self.spot.paragraph()
    }

    pub fn place(&self) -> Place {
        self.spot.place()
    }

    /// Reading order: paragraph, then body, sub-items, footnotes, then position.
    fn order_key(&self) -> (Spot, u32) {
        (self.spot, self.range.start)
    }
}

/// A country the document names, or gives a subsection to.
#[derive(Debug, Clone)]
pub struct CountryEntry {
    /// Index into `gazetteer().countries()`.
    pub country: usize,
    /// The forms found in the text, in reading order of first use.
    pub names: Vec<&'static str>,
    /// In reading order.
    pub mentions: Vec<Mention>,
    /// Distinct paragraph indices with a mention (a sub-item counts as its
    /// paragraph, a footnote as each paragraph citing it), ascending.
    pub paragraphs: Vec<u32>,
    /// Indices into `Document::sections` titled with this country's name.
    pub sections: Vec<usize>,
}

impl CountryEntry {
    pub fn info(&self) -> &'static Country {
        &gazetteer().countries[self.country]
    }

    pub fn name(&self) -> &'static str {
        self.info().name
    }

    pub fn has_subsection(&self) -> bool {
        !self.sections.is_empty()
    }

    /// Occurrences in the text: a footnote cited twice counts once.
    pub fn occurrences(&self) -> usize {
        let mut ranges: Vec<(u32, u32)> = self
            .mentions
            .iter()
            .map(|m| (m.range.start, m.range.end))
            .collect();
        ranges.sort_unstable();
        ranges.dedup();
        ranges.len()
    }

    /// Printed paragraph numbers, ascending and distinct.
    pub fn paragraph_numbers(&self, doc: &Document) -> Vec<u32> {
        let mut numbers: Vec<u32> = self
            .paragraphs
            .iter()
            .filter_map(|&p| doc.paragraphs.get(p as usize).map(|p| p.number))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// Subsection titles with their part numeral: "III. Spain".
    pub fn subsection_titles(&self, doc: &Document) -> Vec<String> {
        self.sections
            .iter()
            .filter_map(|&s| doc.sections.get(s))
            .map(|s| match doc.parts.get(s.part) {
                Some(part) => format!("{}. {}", part.numeral, s.title),
                None => s.title.clone(),
            })
            .collect()
    }
}

/// Every country the document names, and a finder over them.
pub struct CountryIndex {
    /// Ordered by first appearance (first mention or subsection).
    pub entries: Vec<CountryEntry>,
    finder: Finder,
}

impl CountryIndex {
    pub fn build(doc: &Document) -> CountryIndex {
        let two = doc.source.len() >= PARALLEL_FROM;
        CountryIndex::build_on(doc, two.then_some(CHUNK))
    }

    /// `build`, with the paragraphs read on two threads in chunks of
    /// `chunk` paragraphs when it is given.
    fn build_on(doc: &Document, chunk: Option<usize>) -> CountryIndex {
        let gz = gazetteer();
        let (gathered, sections) = scan::read(doc, chunk);

        let mut entries: Vec<CountryEntry> = Vec::new();
        for (country, (g, sections)) in gathered.into_iter().zip(sections).enumerate() {
            let Gathered {
                mentions,
                forms,
                paragraphs,
                ..
            } = g;
            if mentions.is_empty() && sections.is_empty() {
                continue;
            }
            let names = forms.into_iter().map(|f| gz.form(f)).collect();
            entries.push(CountryEntry {
                country,
                names,
                mentions,
                paragraphs,
                sections,
            });
        }
        // A heading comes before its first paragraph's text.
        let first_seen = |e: &CountryEntry| {
            let mention = e.mentions.first().map(Mention::order_key);
            let section = e
                .sections
                .first()
                .and_then(|&s| doc.sections.get(s))
                .map(|s| (Spot::new(Some(s.paragraphs.start as u32), Place::Body), 0));
            match (mention, section) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b).unwrap_or((Spot::new(None, Place::Body), 0)),
            }
        };
        entries.sort_by_key(|e| (first_seen(e), e.country));
        let finder = Finder::new(entries.iter().map(|e| e.country));
        CountryIndex { entries, finder }
    }

    /// The entry for a gazetteer index.
    pub fn entry_for(&self, country: usize) -> Option<&CountryEntry> {
        self.entries.iter().find(|e| e.country == country)
    }

    /// The entry for a country named `name` (any of its names).
    pub fn find(&self, name: &str) -> Option<&CountryEntry> {
        self.entry_for(gazetteer().lookup(name)?)
    }

    /// Entries ranked for a finder query; `Ranked::entry` indexes `entries`.
    pub fn rank(&self, query: &str) -> Vec<Ranked> {
        self.finder.rank(query)
    }

    /// A finder row: "Senegal — 3 mentions: paras 48, 49, 66(b)", with
    /// "; subsections II, III" when the country has its own subsections.
    pub fn describe(&self, doc: &Document, entry: &CountryEntry) -> String {
        let count = entry.occurrences();
        let mut places: Vec<String> = Vec::new();
        for m in &entry.mentions {
            let place = place_label(doc, m);
            if places.last() != Some(&place) {
                places.push(place);
            }
        }
        let mut out = format!(
            "{} — {count} mention{}",
            entry.name(),
            if count == 1 { "" } else { "s" }
        );
        push_list(&mut out, ": para ", ": paras ", &places);
        if entry.has_subsection() {
            let numerals: Vec<&str> = entry
                .sections
                .iter()
                .filter_map(|&s| doc.sections.get(s))
                .filter_map(|s| doc.parts.get(s.part))
                .map(|p| p.numeral.as_str())
                .collect();
            push_list(&mut out, "; subsection ", "; subsections ", &numerals);
        }
        out
    }
}

/// Appends `items` as a list after the label for one or for many
/// ("; subsection II", "; subsections II, III"); nothing when empty.
pub(super) fn push_list<S: std::borrow::Borrow<str>>(
    out: &mut String,
    one: &str,
    many: &str,
    items: &[S],
) {
    if items.is_empty() {
        return;
    }
    out.push_str(if items.len() == 1 { one } else { many });
    out.push_str(&items.join(", "));
}

/// "48", "66(b)", "55 fn 3", or "fn *" for a footnote nothing cites.
fn place_label(doc: &Document, m: &Mention) -> String {
    let paragraph = m.paragraph().and_then(|p| doc.paragraphs.get(p as usize));
    let number = paragraph.map(|p| p.number.to_string());
    match m.place() {
        Place::Body => number.unwrap_or_default(),
        Place::SubItem(k) => {
            let label = paragraph
                .and_then(|p| p.sub_items.get(k as usize))
                .map(|s| s.label.as_str())
                .unwrap_or("?");
            format!("{}({label})", number.unwrap_or_default())
        }
        Place::Footnote(f) => {
            let label = doc
                .footnotes
                .get(f as usize)
                .map(|f| f.label.to_string())
                .unwrap_or_default();
            match number {
                Some(n) => format!("{n} fn {label}"),
                None => format!("fn {label}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse, sample};

    /// Read on two threads or one, a report gives the same index: with a
    /// footnote cited from paragraphs in different chunks and twice by one
    /// paragraph, one nothing cites, and a name rejoined across a page break.
    #[test]
    fn two_threads_index_as_one() {
        let text = "I. Introduction\n\n\
             1. Mexico and Spain reported.\u{b9}\n\n\
             2. Senegal reported.\u{b9} Again.\u{b9} Mali\u{b2} too, as did Papua New\n\n\
             \u{b9} See the reports of Niger and Spain.\n\n\
             \u{b2} Togo.\n\n\
             \u{b3} Nothing cites Chad.\n\n\
             Guinea and Egypt.\n\n\
             3. Peru reported.\u{b9}\n";
        let small = parse(text);
        let cited: Vec<usize> = small.footnotes.iter().map(|f| f.cited_by.len()).collect();
        assert_eq!(cited, [3, 1, 0]);
        for doc in [small, Document::embedded(), parse(&sample::generate(300))] {
            let whole = format!("{:?}", CountryIndex::build_on(&doc, None).entries);
            assert!(whole.matches("CountryEntry").count() > 5);
            // Chunks of one or a few paragraphs, so that neighbouring
            // paragraphs and their footnotes fall to different threads.
            for chunk in [1, 2, 7, CHUNK] {
                let chunked = CountryIndex::build_on(&doc, Some(chunk)).entries;
                assert_eq!(whole, format!("{chunked:?}"), "chunks of {chunk}");
            }
        }
    }

    #[test]
    fn a_mention_is_20_bytes() {
        assert_eq!(std::mem::size_of::<Mention>(), 20);
    }
}
