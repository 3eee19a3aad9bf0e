//! Running a query on the shelf's index, and its hits as lines or JSON.

use serde_json::{Value, json};
use tantivy::collector::TopDocs;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

use super::query::Parsed;
use super::schema::Fields;
use super::units::Kind;

/// Characters of a unit's text shown around what was found.
const SNIPPET_CHARS: usize = 200;

/// One unit found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Relative to the shelf.
    pub file: String,
    pub symbol: Option<String>,
    pub title: String,
    pub kind: Kind,
    /// As the report prints it; a footnote's is its first citing paragraph.
    pub paragraph: Option<u64>,
    pub sub_item: Option<String>,
    pub footnote: Option<String>,
    pub page: Option<u64>,
    pub snippet: String,
    pub score: f32,
}

/// The best `limit` hits, best first. The same unit of the same report
/// found in two files (a report's PDF and its text beside it) is given
/// once, from the file that scored best.
pub fn search(
    searcher: &Searcher,
    fields: &Fields,
    parsed: &Parsed,
    limit: usize,
) -> tantivy::Result<Vec<Hit>> {
    let top = searcher.search(
        &*parsed.query,
        &TopDocs::with_limit(limit.max(1) * 3 + 30).order_by_score(),
    )?;
    let mut seen = std::collections::HashSet::new();
    let mut snippets = SnippetGenerator::create(searcher, &*parsed.query, fields.text)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut out = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = fields.str(&doc, fields.text).unwrap_or_default();
        let snippet = if parsed.has_words {
            let s = snippets.snippet(&text);
            let range = s.fragment_range();
            if s.fragment().trim().is_empty() {
                opening(&text)
            } else {
                let mut shown = String::new();
                if range.start > 0 {
                    shown.push('…');
                }
                shown.push_str(s.fragment().trim());
                if range.end < text.trim_end().len() {
                    shown.push('…');
                }
                shown
            }
        } else {
            opening(&text)
        };
        let hit = Hit {
            file: fields.str(&doc, fields.file).unwrap_or_default(),
            symbol: fields.str(&doc, fields.symbol),
            title: fields.str(&doc, fields.title).unwrap_or_default(),
            kind: fields.kind(&doc).unwrap_or(Kind::Text),
            paragraph: fields.u64(&doc, fields.paragraph),
            sub_item: fields.str(&doc, fields.sub_item),
            footnote: fields.str(&doc, fields.footnote),
            page: fields.u64(&doc, fields.page),
            snippet: one_line(&snippet),
            score,
        };
        if seen.insert(same_unit(&hit, &text)) {
            out.push(hit);
        }
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

/// What two copies of one unit share: the report, the place, and the
/// unit's first words.
fn same_unit(hit: &Hit, text: &str) -> (String, String, Vec<String>) {
    let who = hit.symbol.clone().unwrap_or_else(|| hit.file.clone());
    let mut words = super::tokens::words(text);
    words.truncate(8);
    (who, place(hit), words)
}

/// The start of a text, for a hit found by filters alone.
fn opening(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((k, _)) => format!("{}…", text[..k].trim_end()),
        None => text.to_string(),
    }
}

/// Line breaks and runs of blanks as one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the report prints a sub-item's label: "(b)", or "140.12".
fn marker(label: &str) -> String {
    if label.bytes().all(|b| b.is_ascii_lowercase()) {
        format!("({label})")
    } else {
        label.to_string()
    }
}

/// Where a hit stands: "para. 24", "para. 24 (b)", "note 31 (para. 24)",
/// "heading, page 5", "table, page 12", "summary".
pub fn place(hit: &Hit) -> String {
    let page = |what: &str| match hit.page {
        Some(p) => format!("{what}, page {p}"),
        None => what.to_string(),
    };
    match (hit.kind, hit.paragraph) {
        (Kind::Paragraph, Some(n)) => format!("para. {n}"),
        (Kind::SubItem, Some(n)) => {
            format!(
                "para. {n} {}",
                marker(hit.sub_item.as_deref().unwrap_or(""))
            )
        }
        (Kind::Footnote, n) => {
            let note = format!("note {}", hit.footnote.as_deref().unwrap_or("?"));
            match n {
                Some(n) => format!("{note} (para. {n})"),
                None => note,
            }
        }
        (Kind::Heading, _) => page("heading"),
        (Kind::Table, _) => page("table"),
        (Kind::Summary, _) => "summary".to_string(),
        _ => page("text"),
    }
}

/// "A/80/188, para. 24: …"; a report without a symbol by its file name.
pub fn line(hit: &Hit) -> String {
    let who = hit.symbol.clone().unwrap_or_else(|| {
        std::path::Path::new(&hit.file)
            .file_name()
            .map_or_else(|| hit.file.clone(), |n| n.to_string_lossy().into_owned())
    });
    format!("{who}, {}: {}", place(hit), hit.snippet)
}

/// A hit as `--json` gives it; `file` as the user named the shelf.
pub fn to_json(hit: &Hit, file: &str) -> Value {
    json!({
        "file": file,
        "symbol": hit.symbol,
        "title": hit.title,
        "kind": hit.kind.name(),
        "paragraph": hit.paragraph,
        "sub_item": hit.sub_item,
        "footnote": hit.footnote,
        "page": hit.page,
        "snippet": hit.snippet,
        "score": hit.score,
    })
}
