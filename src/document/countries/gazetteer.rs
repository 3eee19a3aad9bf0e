//! The compiled-in gazetteer of States, and the matcher that finds their
//! names in any text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, StartKind};

const GAZETTEER_TSV: &str = include_str!("gazetteer.tsv");

/// Place names that contain a country's name but are not that State: they
/// are matched like names and then dropped, so they hide the shorter name.
const NOT_A_STATE: [&str; 17] = [
    "New Guinea",
    "Gulf of Guinea",
    "Guinea worm",
    "Niger Delta",
    "Niger River",
    "River Niger",
    "Jordan River",
    "River Jordan",
    "Jordan Valley",
    "Lake Chad",
    "New Mexico",
    "Northern Ireland",
    "American Samoa",
    "South Georgia",
    "Congo Basin",
    "Congo River",
    "Mexico City",
];

/// One State in the gazetteer.
#[derive(Debug, Clone)]
pub struct Country {
    /// Short display name ("United Kingdom", "Bolivia", "Türkiye").
    pub name: &'static str,
    /// The short name as UN documents print it ("Bolivia (Plurinational State of)").
    pub un_name: &'static str,
    pub formal: Option<&'static str>,
    /// Other names people and older UN documents use ("Libyan Arab Jamahiriya", "UK").
    pub aliases: Vec<&'static str>,
    /// Adjective/people forms, listed only when unambiguous ("Egyptian").
    pub demonyms: Vec<&'static str>,
}

impl Country {
    /// Every name a reader might type or the text might use, display name
    /// first, without repeats. Demonym plurals are not listed here.
    pub fn names(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        let all = [self.name, self.un_name]
            .into_iter()
            .chain(self.formal)
            .chain(self.aliases.iter().copied())
            .chain(self.demonyms.iter().copied());
        for n in all {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

/// The compiled-in list of States and the matcher that finds their names.
pub struct Gazetteer {
    pub(super) countries: Vec<Country>,
    /// Every text form the matcher looks for, by its pattern id.
    pub(super) forms: Vec<Form>,
    /// All of `forms`, longest leftmost first, case-sensitive: "guinea
    /// fowl" and "turkey" are not States.
    matcher: AhoCorasick,
    /// Normalised name (demonyms excluded) → country, for section titles and look-ups.
    by_name: HashMap<String, usize>,
}

/// One text form the matcher looks for.
pub(super) struct Form {
    /// The form as written ("former Yugoslav Republic of Macedonia").
    pub(super) text: String,
    /// None: a place that is not a State.
    pub(super) country: Option<usize>,
}

/// The gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::load)
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut countries = Vec::new();
        for line in GAZETTEER_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let mut col = || cols.next().unwrap_or("").trim();
            let (name, un_name, formal, aliases, demonyms) = (col(), col(), col(), col(), col());
            let list = |s: &'static str| -> Vec<&'static str> {
                s.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect()
            };
            countries.push(Country {
                name,
                un_name,
                formal: (!formal.is_empty()).then_some(formal),
                aliases: list(aliases),
                demonyms: list(demonyms),
            });
        }

        let mut forms: Vec<Form> = Vec::new();
        let mut by_name = HashMap::new();
        let mut add = |text: String, country: Option<usize>| {
            // Typeset text uses ’ where the gazetteer has '.
            if text.contains('\'') {
                forms.push(Form {
                    text: text.replace('\'', "’"),
                    country,
                });
            }
            forms.push(Form { text, country });
        };
        for (i, c) in countries.iter().enumerate() {
            for n in c.names() {
                add(n.to_string(), Some(i));
            }
            for d in &c.demonyms {
                if d.ends_with(['n', 'i', 'r']) {
                    add(format!("{d}s"), Some(i));
                }
            }
            for n in [c.name, c.un_name]
                .into_iter()
                .chain(c.formal)
                .chain(c.aliases.iter().copied())
            {
                by_name.entry(normalise(n).0).or_insert(i);
            }
        }
        for place in NOT_A_STATE {
            add(place.to_string(), None);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Anchored searches find the shorter forms at a rejected start.
            .start_kind(StartKind::Both)
            // The default kind, an NFA, builds in about 2 ms at start-up; a
            // DFA scans a long report faster but takes about 15 ms to build.
            .build(forms.iter().map(|f| &f.text))
            .expect("the gazetteer's forms make an automaton");
        Gazetteer {
            countries,
            forms,
            matcher,
            by_name,
        }
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The text of form `form` ("Egyptians").
    pub(super) fn form(&'static self, form: usize) -> &'static str {
        self.forms.get(form).map_or("", |f| f.text.as_str())
    }

    pub fn country(&self, index: usize) -> Option<&Country> {
        self.countries.get(index)
    }

    /// The country called `name` (any name but a demonym; case and accents ignored).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        // Most titles are plain ASCII, which needs no Unicode tables.
        let name = if name.is_ascii() {
            name.to_ascii_lowercase()
        } else {
            normalise(name).0
        };
        let get = |n: &str| self.by_name.get(n).copied();
        // "The former Yugoslav Republic of Macedonia", "the Gambia".
        get(&name).or_else(|| get(name.strip_prefix("the ")?))
    }

    /// Whole-word country names in `text`: (country, byte range in `text`).
    pub fn find_names(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        self.each_form(text, |form, range| {
            if let Some(country) = self.forms.get(form).and_then(|f| f.country) {
                out.push((country, range));
            }
        });
        out
    }

    /// Calls `found(form, range)` for each whole-word form in `text`, left
    /// to right and not overlapping: at each start, the longest form that
    /// ends a word. Places that are not States are found too, so that they
    /// hide the names inside them ("Niger Delta").
    pub(super) fn each_form(&self, text: &str, mut found: impl FnMut(usize, Range<usize>)) {
        let mut at = 0;
        while let Some(m) = self.matcher.find(Input::new(text).range(at..)) {
            match self.whole_words(text, m) {
                Some(m) => {
                    found(m.pattern().as_usize(), m.range());
                    at = m.end();
                }
                // Every form starts with an ASCII letter, so the next byte
                // starts a char.
                None => at = m.start() + 1,
            }
        }
    }

    /// `m`, or the longest shorter form at its start, that stands as whole
    /// words: "United States" in "United States of Americana".
    fn whole_words(&self, text: &str, mut m: Match) -> Option<Match> {
        if !begins_word(text, m.start()) {
            return None;
        }
        while !ends_word(text, m.end()) {
            let shorter = Input::new(text)
                .range(m.start()..m.end() - 1)
                .anchored(Anchored::Yes);
            m = self.matcher.find(shorter)?;
        }
        Some(m)
    }
}

/// No letter or digit just before `text[at]`.
fn begins_word(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    !before.is_some_and(char::is_alphanumeric)
}

/// No letter or digit at `text[end]`, and no "-letter": "Guinea" is not in
/// "Guinea-Bissau", nor "Niger" in "Niger-based".
fn ends_word(text: &str, end: usize) -> bool {
    let mut after = text.get(end..).unwrap_or_default().chars();
    match after.next() {
        Some('-') => !after.next().is_some_and(char::is_alphabetic),
        Some(c) => !c.is_alphanumeric(),
        None => true,
    }
}

/// Lowercase, accents dropped, ’ as ': with, per output char, the index of
/// the input char it came from.
pub fn normalise(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let c = if c == '’' { '\'' } else { c };
        unicode_normalization::char::decompose_canonical(c, |d| {
            if unicode_normalization::char::is_combining_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                out.push(l);
                from.push(i);
            }
        });
    }
    (out, from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No two forms share their text, so each match names one country.
    #[test]
    fn pattern_texts_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for f in &gazetteer().forms {
            assert!(seen.insert(f.text.as_str()), "{:?} twice", f.text);
            assert!(f.text.len() >= 2, "{:?} is too short to be found", f.text);
        }
    }
}
