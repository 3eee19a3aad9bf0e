//! The index checked against a plain reference matcher on random text.

use proptest::prelude::*;

use super::gazetteer::gazetteer;
use super::{CountryIndex, Place};
use crate::document::{Inline, parse};

/// Names and the near-misses around them: demonyms, names inside longer
/// names or places, names glued to letters or hyphens, wrong case.
const TRICKY: [&str; 30] = [
    "Nigerian",
    "Nigeriens",
    "Niger-based",
    "Guinea-Bissau",
    "Guinea-",
    "Papua New Guinea",
    "New Guinea",
    "Niger Delta",
    "the former Yugoslav Republic of Macedonia",
    "former",
    "Yugoslav",
    "United States of Americana",
    "Nigerx",
    "xNiger",
    "éNiger",
    "Nigeré",
    "Guineas",
    "UKraine",
    "uk",
    "guinea",
    "Côte d’Ivoire",
    "Côte d'Ivoire",
    "Dominican Republic",
    "South Sudanese",
    "Congo-Brazzaville",
    "Sri",
    "Lanka",
    "9Chad",
    "Chad9",
    "-",
];

/// Between words: spaces and the punctuation reports use.
const GLUE: [&str; 8] = [" ", " ", " ", ", ", "; ", " (", ") ", "’s "];

/// The mentions of `text`: at each char, scanning left to right past each
/// match, the longest form there that stands as whole words.
fn reference(text: &str) -> Vec<(usize, usize, usize)> {
    let gz = gazetteer();
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut resume = 0;
    for (pos, _) in text.char_indices() {
        if pos < resume || alnum(text[..pos].chars().next_back()) {
            continue;
        }
        let best = gz
            .forms
            .iter()
            .filter(|f| {
                let Some(rest) = text[pos..].strip_prefix(f.text.as_str()) else {
                    return false;
                };
                let mut after = rest.chars();
                match after.next() {
                    Some('-') => !after.next().is_some_and(char::is_alphabetic),
                    c => !alnum(c),
                }
            })
            .max_by_key(|f| f.text.len());
        if let Some(f) = best {
            resume = pos + f.text.len();
            if let Some(country) = f.country {
                out.push((pos, resume, country));
            }
        }
    }
    out
}

/// A word: any gazetteer form, bare or glued to a letter, digit or hyphen
/// ("xSouth Sudan", "Papua New Guineas"), a tricky one, or random letters.
fn word() -> impl Strategy<Value = String> {
    let form = (0..gazetteer().forms.len()).prop_map(|i| gazetteer().forms[i].text.clone());
    prop_oneof![
        form.clone(),
        (form, "[aSé9-]", any::<bool>()).prop_map(|(f, glue, before)| if before {
            glue + &f
        } else {
            f + &glue
        }),
        (0..TRICKY.len()).prop_map(|i| TRICKY[i].to_string()),
        "[A-Za-z]{1,9}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn the_index_finds_what_the_reference_finds(
        words in proptest::collection::vec((word(), 0..GLUE.len()), 1..40)
    ) {
        let mut body = String::new();
        for (w, glue) in &words {
            body.push_str(w);
            body.push_str(GLUE[*glue]);
        }
        let doc = parse(&format!("I. Introduction\n\n1. {}.\n", body.trim_end()));
        // Plain text parses as one piece of one paragraph.
        let p = &doc.paragraphs[0];
        prop_assume!(doc.paragraphs.len() == 1 && p.sub_items.is_empty());
        let [Inline::Text { range, .. }] = p.text.as_slice() else {
            return Err(TestCaseError::reject("not one text piece"));
        };
        let base = range.start as usize;
        let want: Vec<(usize, usize, usize)> = reference(doc.slice(range))
            .into_iter()
            .map(|(start, end, country)| (base + start, base + end, country))
            .collect();

        let index = CountryIndex::build(&doc);
        let mut got: Vec<(usize, usize, usize)> = Vec::new();
        for e in &index.entries {
            for m in &e.mentions {
                prop_assert_eq!((m.paragraph(), m.place()), (Some(0), Place::Body));
                got.push((m.range.start as usize, m.range.end as usize, e.country));
            }
        }
        got.sort_unstable();
        prop_assert_eq!(got, want);
    }
}
