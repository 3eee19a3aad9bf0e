//! What a researcher types, as a query on the shelf: words (any of them,
//! best first), `"phrases"`, `+required` and `-excluded` words or phrases,
//! and filters: `sym:A/HRC/` (the report's symbol starts so), `year:2024`
//! (or `year:2010-2015`), `country:Slovenia` (the unit names it; quote a
//! name with blanks: `country:"Côte d'Ivoire"`) and `has:notes` (a report
//! you have notes on). A filter with `-` excludes.

use std::collections::BTreeSet;

use tantivy::Searcher;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;

use super::schema::{Fields, symbol_key};
use super::tokens::words;
use crate::document::countries::gazetteer;
use crate::fold::fold;

const FILTERS: [&str; 4] = ["sym", "year", "country", "has"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    Any,
    Plus,
    Minus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    Words(String),
    Phrase(String),
    Filter(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Clause {
    sign: Sign,
    what: What,
}

/// A query ready to run, and whether it asks for words (for snippets).
pub struct Parsed {
    pub query: Box<dyn Query>,
    pub has_words: bool,
}

/// Reads `input` against the index `searcher` reads; `notes` gives the
/// fingerprints of the reports with notes, asked only for `has:notes`.
pub fn parse(
    input: &str,
    fields: &Fields,
    searcher: &Searcher,
    notes: &dyn Fn() -> Result<Vec<String>, String>,
) -> Result<Parsed, String> {
    let mut text: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in lex(input) {
        let occur = match clause.sign {
            Sign::Any => Occur::Should,
            Sign::Plus => Occur::Must,
            Sign::Minus => Occur::MustNot,
        };
        match clause.what {
            What::Words(s) | What::Phrase(s) => {
                let Some(q) = words_query(&s, fields) else {
                    continue;
                };
                if occur == Occur::MustNot {
                    excluded.push(q);
                } else {
                    text.push((occur, q));
                }
            }
            What::Filter(key, value) => {
                let q = filter(&key, &value, fields, searcher, notes)?;
                let q: Box<dyn Query> = Box::new(ConstScoreQuery::new(q, 0.0));
                let occur = if occur == Occur::MustNot {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                filters.push((occur, q));
            }
        }
    }
    let has_words = !text.is_empty();
    let mut outer: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if has_words {
        text.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
        outer.push((Occur::Must, Box::new(BooleanQuery::new(text))));
    } else {
        outer.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
    }
    outer.extend(filters);
    if !outer.iter().any(|(o, _)| *o == Occur::Must) {
        return Err(format!(
            "the query {input:?} asks for nothing: give a word, a \"phrase\" or a filter"
        ));
    }
    Ok(Parsed {
        query: Box::new(BooleanQuery::new(outer)),
        has_words,
    })
}

/// A word, or words as a phrase; none for what holds no word.
fn words_query(s: &str, fields: &Fields) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = words(s)
        .iter()
        .map(|w| Term::from_field_text(fields.text, w))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.into_iter().next()?,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

fn filter(
    key: &str,
    value: &str,
    fields: &Fields,
    searcher: &Searcher,
    notes: &dyn Fn() -> Result<Vec<String>, String>,
) -> Result<Box<dyn Query>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!(
            "{key}: needs a value, as in {key}:{}",
            example(key)
        ));
    }
    match key {
        "sym" => symbol_prefix(value, fields, searcher),
        "year" => {
            let (from, to) = years(value).ok_or_else(|| {
                format!("year:{value}: not a year (year:2024, or year:2010-2015)")
            })?;
            let terms = (from..=to).map(|y| Term::from_field_u64(fields.year, y));
            Ok(Box::new(TermSetQuery::new(terms)))
        }
        "country" => {
            let gz = gazetteer();
            let country = gz
                .lookup(value)
                .and_then(|c| gz.country(c))
                .ok_or_else(|| format!("country:{value}: no country of that name"))?;
            Ok(Box::new(TermQuery::new(
                Term::from_field_text(fields.country, &fold(country.name)),
                IndexRecordOption::Basic,
            )))
        }
        "has" if value.eq_ignore_ascii_case("notes") => {
            let fingerprints = notes()?;
            let terms = fingerprints
                .iter()
                .map(|f| Term::from_field_text(fields.fingerprint, f));
            Ok(Box::new(TermSetQuery::new(terms)))
        }
        _ => Err(format!("{key}:{value}: has: knows only has:notes")),
    }
}

fn example(key: &str) -> &'static str {
    match key {
        "sym" => "A/HRC/",
        "year" => "2024",
        "country" => "Slovenia",
        _ => "notes",
    }
}

/// "2024" → (2024, 2024); "2010-2015" or "2010..2015" → (2010, 2015).
fn years(value: &str) -> Option<(u64, u64)> {
    let (a, b) = value
        .split_once("..")
        .or_else(|| value.split_once('-'))
        .unwrap_or((value, value));
    let (a, b) = (a.trim().parse::<u64>().ok()?, b.trim().parse::<u64>().ok()?);
    (a <= b && b - a <= 500).then_some((a, b))
}

/// Every report whose symbol starts with `prefix`, from the symbols the
/// index holds.
fn symbol_prefix(
    prefix: &str,
    fields: &Fields,
    searcher: &Searcher,
) -> Result<Box<dyn Query>, String> {
    let key = symbol_key(prefix);
    let mut found: BTreeSet<Vec<u8>> = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(fields.symbol_key)
            .map_err(|e| e.to_string())?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(key.as_bytes())
            .into_stream()
            .map_err(|e| e.to_string())?;
        while stream.advance() {
            if !stream.key().starts_with(key.as_bytes()) {
                break;
            }
            found.insert(stream.key().to_vec());
        }
    }
    if found.is_empty() {
        return Ok(Box::new(EmptyQuery));
    }
    let terms = found
        .iter()
        .map(|k| Term::from_field_text(fields.symbol_key, &String::from_utf8_lossy(k)));
    Ok(Box::new(TermSetQuery::new(terms)))
}

/// Cuts the input into clauses.
fn lex(input: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut sign = Sign::Any;
        if let Some(after) = rest.strip_prefix(['+', '-'])
            && after.starts_with(|c: char| !c.is_whitespace())
        {
            sign = if rest.starts_with('+') {
                Sign::Plus
            } else {
                Sign::Minus
            };
            rest = after;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, after) = quoted(after);
            out.push(Clause {
                sign,
                what: What::Phrase(phrase.to_string()),
            });
            rest = after;
            continue;
        }
        if let Some((key, value, after)) = filter_at(rest) {
            out.push(Clause {
                sign,
                what: What::Filter(key, value.to_string()),
            });
            rest = after;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        rest = after;
        // "S/RES/1325 (2000)" is one citation: the year is held to it.
        if let Some((year, after)) = year_after_symbol(word, rest) {
            out.push(Clause {
                sign,
                what: What::Phrase(format!("{word} {year}")),
            });
            rest = after;
            continue;
        }
        out.push(Clause {
            sign,
            what: What::Words(word.to_string()),
        });
    }
    out
}

/// A filter at the start of `s`: its key, its value (quoted, it runs on
/// past blanks), and what follows.
fn filter_at(s: &str) -> Option<(String, &str, &str)> {
    let (key, value) = s.split_once(':')?;
    let key = key.to_ascii_lowercase();
    if !FILTERS.contains(&key.as_str()) {
        return None;
    }
    if let Some(inside) = value.strip_prefix('"') {
        let (value, after) = quoted(inside);
        return Some((key, value, after));
    }
    let end = value.find(char::is_whitespace).unwrap_or(value.len());
    Some((key, &value[..end], &value[end..]))
}

/// The text up to the closing quote (or the end), and what follows it.
fn quoted(s: &str) -> (&str, &str) {
    match s.find('"') {
        Some(k) => (&s[..k], &s[k + 1..]),
        None => (s, ""),
    }
}

/// "(2000)" right after a symbol, and what follows it.
fn year_after_symbol<'a>(word: &str, rest: &'a str) -> Option<(&'a str, &'a str)> {
    let w = words(word);
    if w.len() != 1 || !w[0].contains('/') {
        return None;
    }
    let trimmed = rest.trim_start();
    let inside = trimmed.strip_prefix('(')?;
    let close = inside.find(')')?;
    let year = &inside[..close];
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (&trimmed[..close + 2], &inside[close + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(s: &str) -> What {
        What::Words(s.into())
    }

    #[test]
    fn a_query_is_cut_into_clauses() {
        let got =
            lex(r#"  "human rights" +migrants -detention sym:A/HRC/ country:"Côte d'Ivoire" x"#);
        let what: Vec<(Sign, What)> = got.into_iter().map(|c| (c.sign, c.what)).collect();
        assert_eq!(
            what,
            [
                (Sign::Any, What::Phrase("human rights".into())),
                (Sign::Plus, words_of("migrants")),
                (Sign::Minus, words_of("detention")),
                (Sign::Any, What::Filter("sym".into(), "A/HRC/".into())),
                (
                    Sign::Any,
                    What::Filter("country".into(), "Côte d'Ivoire".into())
                ),
                (Sign::Any, words_of("x")),
            ]
        );
        let got = lex("S/RES/1325 (2000) women - peace");
        let what: Vec<What> = got.into_iter().map(|c| c.what).collect();
        assert_eq!(
            what,
            [
                What::Phrase("S/RES/1325 (2000)".into()),
                words_of("women"),
                words_of("-"),
                words_of("peace"),
            ]
        );
    }

    #[test]
    fn years_and_ranges() {
        assert_eq!(years("2024"), Some((2024, 2024)));
        assert_eq!(years("2010-2015"), Some((2010, 2015)));
        assert_eq!(years("2010..2012"), Some((2010, 2012)));
        assert_eq!(years("twenty"), None);
        assert_eq!(years("2015-2010"), None);
    }
}
