//! The index printed for `--countries`, as text or JSON.

use serde_json::{Value, json};

use super::{CountryIndex, push_list};
use crate::document::Document;

/// One line per country: "Spain: paras 3, 17, 18, 20, 38; subsections II. Spain, III. Spain".
pub fn to_text(doc: &Document, index: &CountryIndex) -> String {
    let mut out = String::new();
    for e in &index.entries {
        let numbers: Vec<String> = e
            .paragraph_numbers(doc)
            .iter()
            .map(u32::to_string)
            .collect();
        out.push_str(e.name());
        out.push(':');
        if numbers.is_empty() {
            out.push_str(" no numbered paragraph");
        } else {
            push_list(&mut out, " para ", " paras ", &numbers);
        }
        let subsections = e.subsection_titles(doc);
        push_list(&mut out, "; subsection ", "; subsections ", &subsections);
        out.push('\n');
    }
    out
}

/// The index as JSON, one object per country in `entries` order:
///
/// `{"country": "Libya", "un_name": "Libya", "names": ["Libyan Arab Jamahiriya"],
///   "paragraphs": [49], "subsections": [], "mentions": 1}`
///
/// `names` are the forms found in the text; `paragraphs` the sorted distinct
/// paragraph numbers (a sub-item counts as its paragraph, a footnote as each
/// paragraph citing it); `subsections` the titles prefixed with their part's
/// numeral, e.g. `"III. Spain"`; `mentions` the number of occurrences.
pub fn to_json(doc: &Document, index: &CountryIndex) -> Value {
    Value::Array(
        index
            .entries
            .iter()
            .map(|e| {
                json!({
                    "country": e.name(),
                    "un_name": e.info().un_name,
                    "names": e.names,
                    "paragraphs": e.paragraph_numbers(doc),
                    "subsections": e.subsection_titles(doc),
                    "mentions": e.occurrences(),
                })
            })
            .collect(),
    )
}
