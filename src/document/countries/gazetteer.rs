//! The compiled-in gazetteer of States, and the probe that finds their
//! names in any text.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::capitals::Capitals;
use super::names::{Cand, NameTable};

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

/// The compiled-in list of States and the table that finds their names.
pub struct Gazetteer {
    pub(super) countries: Vec<Country>,
    patterns: Vec<Pattern>,
    /// The forms by their bytes from the first capital on ("Yugoslav
    /// Republic of Macedonia"), for the look-up at each capital.
    pub(super) table: NameTable,
    /// Normalised name (demonyms excluded) → country, for section titles and look-ups.
    by_name: HashMap<String, usize>,
}

/// One text form the name table looks for.
pub(super) struct Pattern {
    /// The whole form as written ("former Yugoslav Republic of Macedonia").
    pub(super) form: String,
    /// Bytes before the first capital, checked by hand before the match.
    pub(super) lead: usize,
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

        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_name = HashMap::new();
        let mut add = |form: String, country: Option<usize>| {
            // Every form has a capital (checked by a test); scanning starts there.
            let lead = form
                .bytes()
                .position(|b| b.is_ascii_uppercase())
                .unwrap_or(0);
            // Typeset text uses ’ where the gazetteer has '.
            if form.contains('\'') {
                patterns.push(Pattern {
                    form: form.replace('\'', "’"),
                    lead,
                    country,
                });
            }
            patterns.push(Pattern {
                form,
                lead,
                country,
            });
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
        let table = NameTable::new(&patterns);
        Gazetteer {
            countries,
            patterns,
            table,
            by_name,
        }
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The text of pattern `form` ("Egyptians").
    pub(super) fn form(&'static self, form: u16) -> &'static str {
        self.patterns
            .get(usize::from(form))
            .map_or("", |p| p.form.as_str())
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
    pub fn find_names(&'static self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        self.scan(text, |country, range, _| out.push((country, range)));
        out
    }

    /// Calls `found(country, range, form)` for each whole-word name in `text`.
    fn scan(
        &'static self,
        text: &str,
        mut found: impl FnMut(usize, std::ops::Range<usize>, &'static str),
    ) {
        let mut resume = 0;
        for p in Capitals::new(text.as_bytes(), 0, text.len()) {
            if p < resume {
                continue;
            }
            if let Probe::Found {
                pattern,
                country,
                start,
                end,
            } = self.probe(text, p, Around::WHOLE)
            {
                resume = end;
                if let (Some(country), Some(p)) = (country, self.patterns.get(pattern)) {
                    found(country, start..end, p.form.as_str());
                }
            }
        }
    }

    /// The longest whole-word form whose first capital is `text[p]`, with
    /// its byte range in `text` (lead included); `Unsure` when the answer
    /// depends on text beyond `text` (see `Around`).
    ///
    /// Pattern texts are distinct (a unit test checks), so "the longest
    /// form that matches and stands as a whole word" is the whole rule.
    /// Inlined into its callers: a `Probe` returned through memory stalls
    /// the load that reads it back.
    #[inline(always)]
    pub(super) fn probe(&self, text: &str, p: usize, around: Around) -> Probe {
        let b = text.as_bytes();
        let t = &self.table;
        let long = match b.get(p..p + 4) {
            Some(k) => t
                .long
                .get(&t.cands, u32::from_le_bytes([k[0], k[1], k[2], k[3]])),
            None if around.at_end => &[],
            None => return Probe::Unsure,
        };
        let short = match (b.get(p), b.get(p + 1)) {
            (Some(&x), Some(&y)) if t.short_second[(y >> 6) as usize] & (1 << (y & 63)) != 0 => {
                t.short.get(&t.cands, u32::from(u16::from_le_bytes([x, y])))
            }
            _ => &[],
        };
        if long.is_empty() && short.is_empty() {
            return Probe::No;
        }
        // The capital must begin a word.
        if !begins_word(text, p, around) {
            return Probe::No;
        }
        for c in long.iter().chain(short) {
            match self.accept(text, p, c, around) {
                Probe::No => {}
                other => return other,
            }
        }
        Probe::No
    }

    /// Does candidate `c` match at `text[p]` as a whole word, its lead included?
    #[inline(always)]
    fn accept(&self, text: &str, p: usize, c: &Cand, around: Around) -> Probe {
        let b = text.as_bytes();
        let (len, lead) = (c.len as usize, c.lead as usize);
        let end = p + len;
        let rest = b.get(p..).unwrap_or_default();
        match self.table.fits(rest, c) {
            Some(true) => {}
            Some(false) => return Probe::No,
            // The name would run past `text`.
            None if around.at_end
                || !self
                    .table
                    .name(c)
                    .is_some_and(|name| name.starts_with(rest)) =>
            {
                return Probe::No;
            }
            None => return Probe::Unsure,
        }
        let start = if lead == 0 {
            p
        } else {
            let Some(start) = p.checked_sub(lead) else {
                return if around.at_start {
                    Probe::No
                } else {
                    Probe::Unsure
                };
            };
            let form = self
                .patterns
                .get(c.pattern as usize)
                .map(|f| f.form.as_bytes());
            if b.get(start..p) != form.and_then(|f| f.get(..lead))
                || !begins_word(text, start, around)
            {
                return Probe::No;
            }
            start
        };
        match ends_word(text, end, around) {
            Some(true) => Probe::Found {
                pattern: c.pattern as usize,
                country: c.country(),
                start,
                end,
            },
            Some(false) => Probe::No,
            None => Probe::Unsure,
        }
    }
}

/// What a `probe` finds at a capital.
pub(super) enum Probe {
    No,
    /// (pattern, its country, byte range in the probed text)
    Found {
        pattern: usize,
        country: Option<usize>,
        start: usize,
        end: usize,
    },
    /// The answer needs text beyond the probed piece.
    Unsure,
}

/// Where a probed piece sits in the text it is part of.
#[derive(Clone, Copy)]
pub(super) struct Around {
    /// The char just before the piece is a letter or digit.
    pub(super) before_alnum: bool,
    /// Nothing comes before the piece.
    pub(super) at_start: bool,
    /// Nothing comes after the piece.
    pub(super) at_end: bool,
}

impl Around {
    pub(super) const WHOLE: Around = Around {
        before_alnum: false,
        at_start: true,
        at_end: true,
    };
}

/// No letter or digit just before `text[at]` (the piece's neighbour at 0).
/// The ASCII answer is inlined; a char before needs the slow path.
#[inline(always)]
fn begins_word(text: &str, at: usize, around: Around) -> bool {
    let Some(i) = at.checked_sub(1) else {
        return !around.before_alnum;
    };
    match text.as_bytes().get(i) {
        Some(&x) if x.is_ascii() => !x.is_ascii_alphanumeric(),
        _ => begins_word_after_char(text, at),
    }
}

#[inline(never)]
fn begins_word_after_char(text: &str, at: usize) -> bool {
    text.get(..at).is_some_and(|before| {
        !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// No letter or digit at `text[end]`, and no "-letter" ("Guinea" is not in
/// "Guinea-Bissau"); `None` when that depends on what follows the piece.
/// The ASCII answer is inlined; a hyphen or a char needs the slow path.
#[inline(always)]
fn ends_word(text: &str, end: usize, around: Around) -> Option<bool> {
    match text.as_bytes().get(end) {
        Some(&x) if x.is_ascii() && x != b'-' => Some(!x.is_ascii_alphanumeric()),
        None if end == text.len() => around.at_end.then_some(true),
        _ => ends_word_slow(text, end, around),
    }
}

#[inline(never)]
fn ends_word_slow(text: &str, end: usize, around: Around) -> Option<bool> {
    let after = text.get(end..)?;
    let mut rest = after.chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() => Some(false),
        Some('-') => match rest.next() {
            Some(c) => Some(!c.is_alphabetic()),
            None if around.at_end => Some(true),
            None => None,
        },
        None if around.at_end => Some(true),
        None => None,
        _ => Some(true),
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

    /// `Gazetteer::probe` takes the longest form that fits as a whole word,
    /// which is only one rule when no two forms share their text from the
    /// first capital on.
    #[test]
    fn pattern_texts_are_distinct() {
        let g = gazetteer();
        let mut seen = std::collections::HashSet::new();
        for p in &g.patterns {
            let text = p.form.get(p.lead..).unwrap_or_default();
            assert!(seen.insert(text), "{text:?} twice");
            assert!(text.len() >= 2, "{text:?} is too short to be found");
        }
    }
}
