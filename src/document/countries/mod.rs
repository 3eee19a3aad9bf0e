//! The country index: which UN Member or observer State the report names,
//! where, and a fuzzy finder over those names for "jump to a country".
//!
//! The gazetteer (`gazetteer.tsv`) is compiled in and parsed once. Mentions
//! are whole-word, case-sensitive matches of any of a country's names in
//! paragraph text, sub-item text and footnote text; the longest name wins, so
//! "Papua New Guinea" is never also "Guinea".

mod finder;
mod gazetteer;
mod output;
mod read;
#[cfg(test)]
mod reference;

pub use finder::{Finder, Ranked};
pub use gazetteer::{Country, Gazetteer, gazetteer, normalise};
pub use output::{to_json, to_text};

use super::{Document, TextRange};

/// Where in a paragraph a mention sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Body,
    /// Index into `Paragraph::sub_items`.
    SubItem(u32),
    /// Index into `Document::footnotes`.
    Footnote(u32),
}

/// One occurrence of a country's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name's bytes in `Document::source`. A name rejoined across a page
    /// break or split by emphasis spans the gap; render by overlap with the
    /// paragraph's inline ranges and the gap is never shown.
    pub range: TextRange,
    /// Index into `gazetteer().countries()`.
    pub country: u16,
    paragraph: Option<u32>,
    place: Place,
    name: &'static str,
}

impl Mention {
    /// The name as the text writes it ("Libyan Arab Jamahiriya").
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Index into `Document::paragraphs`. A footnote's mention is recorded
    /// once per citing paragraph, and with `None` when nothing cites it.
    pub fn paragraph(&self) -> Option<u32> {
        self.paragraph
    }

    pub fn place(&self) -> Place {
        self.place
    }

    /// Reading order: paragraph (none last), then body, sub-items,
    /// footnotes, then position.
    fn order_key(&self) -> (bool, Option<u32>, Place, u32) {
        (
            self.paragraph.is_none(),
            self.paragraph,
            self.place,
            self.range.start,
        )
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
        let gz = gazetteer();
        let mut sections = vec![Vec::new(); gz.countries.len()];
        for (si, s) in doc.sections.iter().enumerate() {
            if let Some(c) = gz.lookup(&s.title) {
                sections[c].push(si);
            }
        }
        let mut entries: Vec<CountryEntry> = Vec::new();
        for (country, (mentions, sections)) in
            read::mentions(doc).into_iter().zip(sections).enumerate()
        {
            if mentions.is_empty() && sections.is_empty() {
                continue;
            }
            let mut names: Vec<&'static str> = Vec::new();
            for m in &mentions {
                if !names.contains(&m.name) {
                    names.push(m.name);
                }
            }
            let mut paragraphs: Vec<u32> = mentions.iter().filter_map(Mention::paragraph).collect();
            paragraphs.sort_unstable();
            paragraphs.dedup();
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
                .map(|s| (false, Some(s.paragraphs.start as u32), Place::Body, 0));
            mention.into_iter().chain(section).min()
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
