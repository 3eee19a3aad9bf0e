//! A report cut into the units one cites: every paragraph, sub-item,
//! heading, footnote and table row, each with where it stands (the number
//! the report prints on it, its page) and the countries it names.

use crate::document::Document;
use crate::document::countries::gazetteer;
use crate::fold::fold;

/// What a unit is; its name is what the index and `--json` hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    SubItem,
    Heading,
    Footnote,
    Table,
    /// Unnumbered text under a heading (a preamble, a resolution set out).
    Text,
    /// The title page: the title and the summary.
    Summary,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Paragraph => "paragraph",
            Kind::SubItem => "sub_item",
            Kind::Heading => "heading",
            Kind::Footnote => "footnote",
            Kind::Table => "table",
            Kind::Text => "text",
            Kind::Summary => "summary",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        [
            Kind::Paragraph,
            Kind::SubItem,
            Kind::Heading,
            Kind::Footnote,
            Kind::Table,
            Kind::Text,
            Kind::Summary,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// What is known of the report as a whole.
#[derive(Debug, Clone)]
pub struct Report {
    /// "A/HRC/28/4", when the report states its own.
    pub symbol: Option<String>,
    pub title: String,
    /// The year of its date.
    pub year: Option<u64>,
    /// The organ it is addressed to ("General Assembly").
    pub body: Option<String>,
    /// `Document::fingerprint`: the key its notes are kept under.
    pub fingerprint: String,
}

/// A report as the shelf lists it, kept in its file's record so the list
/// needs no report parsed again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Card {
    pub symbol: Option<String>,
    pub title: String,
    /// As the report prints it ("10 March 2025").
    pub date: Option<String>,
    /// The organ it is addressed to.
    pub body: Option<String>,
    /// Pages it runs to; 0 where the text has no pages.
    pub pages: u32,
    pub paragraphs: u32,
    /// `Document::fingerprint`: the key its notes are kept under.
    pub fingerprint: String,
}

impl Card {
    pub fn of(doc: &Document) -> Card {
        let last_page = doc
            .paragraphs
            .iter()
            .map(|p| p.page)
            .chain(doc.footnotes.iter().map(|f| f.page))
            .max()
            .unwrap_or(0);
        Card {
            symbol: doc.header.symbol.clone().filter(|s| !s.trim().is_empty()),
            title: doc.title(),
            date: doc.header.date.clone(),
            body: doc.header.organ.clone(),
            pages: last_page.max(doc.printed_pages.len() as u32),
            paragraphs: doc.paragraphs.len() as u32,
            fingerprint: doc.fingerprint(),
        }
    }
}

/// One citable unit.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: Kind,
    /// The number the report prints on the paragraph (a footnote's: the
    /// first paragraph citing it); none where it prints none.
    pub paragraph: Option<u32>,
    /// A sub-item's label: "a", "140.12".
    pub sub_item: Option<String>,
    /// A footnote's marker: "31", "*".
    pub footnote: Option<String>,
    /// The page as the report numbers it where it does, else as counted
    /// from the first; none where the text has no pages.
    pub page: Option<u32>,
    pub text: String,
    /// The countries it names, folded display names ("cote d'ivoire").
    pub countries: Vec<String>,
}

impl Report {
    pub fn of(doc: &Document) -> Report {
        Report {
            symbol: doc.header.symbol.clone().filter(|s| !s.trim().is_empty()),
            title: doc.title(),
            year: doc.header.date.as_deref().and_then(year_of),
            body: doc.header.organ.clone(),
            fingerprint: doc.fingerprint(),
        }
    }
}

/// The last plausible year in a date ("21 July 2010" → 2010).
pub fn year_of(date: &str) -> Option<u64> {
    date.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u64>().ok())
        .rfind(|y| (1945..=2200).contains(y))
}

/// The page to show for page `page` counted from 1 (0: no pages).
fn page_of(doc: &Document, page: u32) -> Option<u32> {
    if page == 0 {
        return None;
    }
    Some(doc.printed_page(page).unwrap_or(page))
}

/// The countries a text names, folded, each once.
fn countries(text: &str) -> Vec<String> {
    let gz = gazetteer();
    let mut found: Vec<usize> = gz.find_names(text).into_iter().map(|(c, _)| c).collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .filter_map(|c| gz.country(c))
        .map(|c| fold(c.name))
        .collect()
}

/// Every unit of `doc`, in reading order.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut push = |kind, paragraph, sub_item, footnote, page, text: String| {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        out.push(Unit {
            kind,
            paragraph,
            sub_item,
            footnote,
            page,
            countries: countries(&text),
            text,
        });
    };
    let paged = doc.paragraphs.first().is_some_and(|p| p.page > 0);
    let first_page = if paged { page_of(doc, 1) } else { None };
    let mut front = doc.plain(&doc.header.title);
    let subtitle = doc.plain(&doc.header.subtitle);
    if !subtitle.trim().is_empty() {
        front.push_str(": ");
        front.push_str(&subtitle);
    }
    push(Kind::Summary, None, None, None, first_page, front);
    for line in &doc.header.summary {
        push(Kind::Summary, None, None, None, first_page, doc.plain(line));
    }
    let start_page = |range: &std::ops::Range<usize>| {
        let page = doc.paragraphs.get(range.start).map_or(0, |p| p.page);
        page_of(doc, page)
    };
    for part in &doc.parts {
        let title = doc.plain(&part.title);
        let heading = match part.numeral.as_str() {
            "" => title,
            n => format!("{n}. {title}"),
        };
        let page = part.printed_page.or_else(|| start_page(&part.paragraphs));
        push(Kind::Heading, None, None, None, page, heading);
        for text in &part.preamble {
            push(Kind::Text, None, None, None, page, doc.plain(text));
        }
    }
    for section in &doc.sections {
        let page = section
            .printed_page
            .or_else(|| start_page(&section.paragraphs));
        push(Kind::Heading, None, None, None, page, section.title.clone());
        for text in &section.preamble {
            push(Kind::Text, None, None, None, page, doc.plain(text));
        }
    }
    for p in &doc.paragraphs {
        let page = page_of(doc, p.page);
        push(
            Kind::Paragraph,
            Some(p.number),
            None,
            None,
            page,
            doc.plain(&p.text),
        );
        for item in &p.sub_items {
            push(
                Kind::SubItem,
                Some(p.number),
                Some(item.label.clone()),
                None,
                page,
                doc.plain(&item.text),
            );
        }
    }
    for f in &doc.footnotes {
        let cited = f
            .cited_by
            .first()
            .and_then(|&p| doc.paragraphs.get(p))
            .map(|p| p.number);
        push(
            Kind::Footnote,
            cited,
            None,
            Some(f.label.to_string()),
            page_of(doc, f.page),
            doc.plain(&f.text),
        );
    }
    for t in &doc.tables {
        let page = page_of(doc, t.page);
        if let Some(caption) = &t.caption {
            push(Kind::Table, None, None, None, page, caption.clone());
        }
        for row in &t.rows {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            push(Kind::Table, None, None, None, page, cells.join(" | "));
        }
        push(Kind::Table, None, None, None, page, t.below.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_report_has_every_kind_of_unit() {
        let doc = Document::embedded();
        let units = units(&doc);
        let report = Report::of(&doc);
        assert_eq!(report.year, Some(2010));
        for kind in [
            Kind::Summary,
            Kind::Heading,
            Kind::Paragraph,
            Kind::SubItem,
            Kind::Footnote,
        ] {
            assert!(units.iter().any(|u| u.kind == kind), "{kind:?}");
        }
        let numbers: Vec<u32> = units
            .iter()
            .filter(|u| u.kind == Kind::Paragraph)
            .filter_map(|u| u.paragraph)
            .collect();
        let printed: Vec<u32> = doc.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, printed);
        assert!(
            units
                .iter()
                .any(|u| u.countries.iter().any(|c| c == "egypt"))
        );
    }

    #[test]
    fn a_year_is_read_from_a_date() {
        assert_eq!(year_of("21 July 2010"), Some(2010));
        assert_eq!(year_of("2 March 2024"), Some(2024));
        assert_eq!(year_of("no date"), None);
    }
}
