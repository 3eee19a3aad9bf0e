//! Citations as a reader writes them: "para. 37", "paras. 36–38",
//! "para. 66 (b)", "footnote 15".

use super::Target;
use crate::document::Document;

/// The short citation of a target: "para. 37", "para. 66 (b)", "footnote 15".
/// `doc` is taken so later editions can refine the form (e.g. "annex").
pub fn citation(_doc: &Document, target: &Target) -> String {
    match target {
        Target::Paragraph(n) => format!("para. {n}"),
        // A numbered recommendation is cited by its own number: "para. 140.12".
        Target::SubItem { label, .. } if label.contains('.') => format!("para. {label}"),
        Target::SubItem { paragraph, label } => format!("para. {paragraph} ({label})"),
        Target::Footnote(label) => format!("footnote {label}"),
    }
}

/// The short citation of a passage from paragraph `first` to paragraph
/// `last` (printed numbers): "para. 37", or "paras. 36–38" across several.
pub fn span_citation(_doc: &Document, first: u32, last: u32) -> String {
    if first == last {
        format!("para. {first}")
    } else {
        format!("paras. {first}–{last}")
    }
}

/// The citation to copy into another text, naming the document: by its
/// symbol when the report states one ("A/64/213, para. 37"), which is how
/// UN documents cite each other; otherwise by kind and date ("Report of the
/// Secretary-General, 21 July 2010, para. 37").
pub fn full_citation(doc: &Document, target: &Target) -> String {
    named(doc, citation(doc, target))
}

/// A paragraph of a resolution the report sets out, naming the document:
/// "A/HRC/14/37, resolution 14/1, para. 6".
pub fn full_unit_citation(doc: &Document, unit: &str, paragraph: u32) -> String {
    named(doc, format!("{unit}, para. {paragraph}"))
}

/// `span_citation` naming the document, as `full_citation` does:
/// "A/HRC/59/15, paras. 36–38".
pub fn full_span_citation(doc: &Document, first: u32, last: u32) -> String {
    named(doc, span_citation(doc, first, last))
}

fn named(doc: &Document, short: String) -> String {
    let header = &doc.header;
    let named_by: Vec<&Option<String>> = match header.symbol.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => vec![&header.symbol],
        _ => vec![&header.kind, &header.date],
    };
    let mut parts: Vec<&str> = Vec::new();
    for field in named_by {
        if let Some(s) = field.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            parts.push(s);
        }
    }
    parts.push(&short);
    parts.join(", ")
}
