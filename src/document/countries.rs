//! The country index: which UN Member or observer State the report names,
//! where, and a fuzzy finder over those names for "jump to a country".
//!
//! The gazetteer (`gazetteer.tsv`) is compiled in and parsed once. Mentions
//! are whole-word, case-sensitive matches of any of a country's names in
//! paragraph text, sub-item text and footnote text; the longest name wins, so
//! "Papua New Guinea" is never also "Guinea".

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde_json::{Value, json};

use super::{Document, Inline, TextRange};

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

/// The compiled-in list of States and the automaton that finds their names.
pub struct Gazetteer {
    countries: Vec<Country>,
    /// Longest match, anchored at a capital letter, over every text form from
    /// its first capital on ("Yugoslav Republic of Macedonia").
    longest: AhoCorasick,
    /// The same patterns, overlapping, for the rare fallback in `match_at`.
    overlapping: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Filter on a capitalised word's first four bytes: most are rejected
    /// here without running the automaton.
    starts: StartFilter,
    /// Normalised name (demonyms excluded) → country, for section titles and look-ups.
    by_name: HashMap<String, usize>,
}

/// One text form the automaton looks for.
struct Pattern {
    /// The whole form as written ("former Yugoslav Republic of Macedonia").
    form: String,
    /// Bytes before the first capital, checked by hand before the match.
    lead: usize,
    /// None: a place that is not a State.
    country: Option<usize>,
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
        let texts: Vec<&[u8]> = patterns
            .iter()
            .map(|p| p.form.as_bytes().get(p.lead..).unwrap_or_default())
            .collect();
        let mut starts = StartFilter::default();
        for t in &texts {
            starts.insert(t);
        }
        // A DFA: built once, and the fastest per step.
        let longest = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&texts)
            .expect("gazetteer names build an automaton");
        let overlapping = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .expect("gazetteer names build an automaton");
        Gazetteer {
            countries,
            longest,
            overlapping,
            patterns,
            starts,
            by_name,
        }
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn country(&self, index: usize) -> Option<&Country> {
        self.countries.get(index)
    }

    /// The country called `name` (any name but a demonym; case and accents ignored).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = normalise(name.trim()).0;
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
        let mut pos = 0;
        while let Some(p) = next_capital(text.as_bytes(), pos) {
            pos = p + 1;
            if !self.could_start(text, p) {
                continue;
            }
            if let Some((pattern, range)) = self.match_at(text, p) {
                pos = range.end;
                if let Some(Pattern {
                    form,
                    country: Some(country),
                    ..
                }) = self.patterns.get(pattern)
                {
                    found(*country, range, form.as_str());
                }
            }
        }
    }

    /// A capital at `p` that begins a word and might begin a pattern.
    fn could_start(&self, text: &str, p: usize) -> bool {
        let bytes = text.as_bytes();
        self.starts.may_contain(bytes.get(p..).unwrap_or_default())
            && !text
                .get(..p)
                .and_then(|before| before.chars().next_back())
                .is_some_and(char::is_alphanumeric)
    }

    /// The longest whole-word form whose first capital is at `p`:
    /// (pattern, byte range in `text`, lead included).
    fn match_at(&self, text: &str, p: usize) -> Option<(usize, std::ops::Range<usize>)> {
        let hay = text.as_bytes();
        let accept = |pattern: usize, end: usize| -> Option<std::ops::Range<usize>> {
            let pat = self.patterns.get(pattern)?;
            let start = p.checked_sub(pat.lead)?;
            let lead_ok =
                pat.lead == 0 || hay.get(start..p)? == pat.form.as_bytes().get(..pat.lead)?;
            (lead_ok && whole_word(text, start, end)).then_some(start..end)
        };
        let input = Input::new(hay).range(p..).anchored(Anchored::Yes);
        let m = self.longest.find(input)?;
        if let Some(range) = accept(m.pattern().as_usize(), m.end()) {
            return Some((m.pattern().as_usize(), range));
        }
        // The longest form is glued to a longer word ("Egyptians" when only
        // "Egyptian" were listed); a shorter form at the same start may not be.
        self.overlapping
            .find_overlapping_iter(Input::new(hay).range(p..m.end()))
            .filter(|o| o.start() == p)
            .filter_map(|o| {
                Some((
                    o.pattern().as_usize(),
                    accept(o.pattern().as_usize(), o.end())?,
                ))
            })
            .max_by_key(|(_, r)| r.end)
    }
}

/// A Bloom-style bit set over patterns' first four bytes (first two for
/// shorter ones, such as "UK"). False positives only cost an automaton run.
struct StartFilter {
    four: Box<[u64; StartFilter::WORDS]>,
    two: Box<[u64; 1024]>,
}

impl Default for StartFilter {
    fn default() -> Self {
        StartFilter {
            four: Box::new([0; StartFilter::WORDS]),
            two: Box::new([0; 1024]),
        }
    }
}

impl StartFilter {
    const BITS: u32 = 15;
    const WORDS: usize = (1 << Self::BITS) / 64;

    fn four_bit(bytes: &[u8]) -> Option<usize> {
        let four: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
        let h = u32::from_le_bytes(four).wrapping_mul(0x9E37_79B1);
        Some((h >> (32 - Self::BITS)) as usize)
    }

    fn two_bit(bytes: &[u8]) -> Option<usize> {
        Some(u16::from_le_bytes([*bytes.first()?, *bytes.get(1)?]) as usize)
    }

    fn insert(&mut self, pattern: &[u8]) {
        let (set, bit) = match Self::four_bit(pattern) {
            Some(bit) => (&mut self.four[..], bit),
            None => match Self::two_bit(pattern) {
                Some(bit) => (&mut self.two[..], bit),
                None => return,
            },
        };
        set[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, text: &[u8]) -> bool {
        let has = |set: &[u64], bit: Option<usize>| {
            bit.is_some_and(|b| set[b / 64] & (1 << (b % 64)) != 0)
        };
        has(&self.four[..], Self::four_bit(text)) || has(&self.two[..], Self::two_bit(text))
    }
}

/// Position of the next ASCII capital at or after `from`, eight bytes a step.
fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let low = x & LOW7;
        // Bit 7 of each byte: at least 'A', not above 'Z', and ASCII.
        let at_least_a = low + 0x3f3f_3f3f_3f3f_3f3f;
        let above_z = low + 0x2525_2525_2525_2525;
        let capitals = at_least_a & !above_z & !x & HIGH;
        if capitals != 0 {
            return Some(i + (capitals.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(u8::is_ascii_uppercase)
        .map(|k| i + k)
}

/// True when `text[start..end]` is a whole word: no letter or digit either
/// side, and no "-letter" after it (so "Guinea" is not in "Guinea-Bissau").
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    if before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let mut rest = after.chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('-') => !rest.next().is_some_and(char::is_alphabetic),
        _ => true,
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

/// Where in a paragraph a mention sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Body,
    /// Index into `Paragraph::sub_items`.
    SubItem(usize),
    /// Index into `Document::footnotes`.
    Footnote(usize),
}

/// One occurrence of a country's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into `gazetteer().countries()`.
    pub country: usize,
    /// Index into `Document::paragraphs`. A footnote's mention is recorded
    /// once per citing paragraph, and with `None` when nothing cites it.
    pub paragraph: Option<usize>,
    pub place: Place,
    /// The name's bytes in `Document::source`. A name rejoined across a page
    /// break or split by emphasis spans the gap; render by overlap with the
    /// paragraph's inline ranges and the gap is never shown.
    pub range: TextRange,
    /// The name as the text writes it ("Libyan Arab Jamahiriya").
    pub name: &'static str,
}

impl Mention {
    /// Reading order: paragraph, then body, sub-items, footnotes, then position.
    fn order_key(&self) -> (usize, Place, u32) {
        (
            self.paragraph.unwrap_or(usize::MAX),
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
    pub paragraphs: Vec<usize>,
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
            .filter_map(|&p| doc.paragraphs.get(p).map(|p| p.number))
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
        let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); gz.countries.len()];
        let mut joined = JoinedText::default();
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            joined.scan(doc, &p.text, |country, range, name| {
                mentions[country].push(Mention {
                    country,
                    paragraph: Some(pi),
                    place: Place::Body,
                    range,
                    name,
                })
            });
            for (k, item) in p.sub_items.iter().enumerate() {
                joined.scan(doc, &item.text, |country, range, name| {
                    mentions[country].push(Mention {
                        country,
                        paragraph: Some(pi),
                        place: Place::SubItem(k),
                        range,
                        name,
                    })
                });
            }
        }
        for (fi, f) in doc.footnotes.iter().enumerate() {
            joined.scan(doc, &f.text, |country, range, name| {
                let place = Place::Footnote(fi);
                if f.cited_by.is_empty() {
                    mentions[country].push(Mention {
                        country,
                        paragraph: None,
                        place,
                        range: range.clone(),
                        name,
                    });
                }
                for &pi in &f.cited_by {
                    mentions[country].push(Mention {
                        country,
                        paragraph: Some(pi),
                        place,
                        range: range.clone(),
                        name,
                    });
                }
            });
        }

        let mut sections: Vec<Vec<usize>> = vec![Vec::new(); gz.countries.len()];
        for (si, s) in doc.sections.iter().enumerate() {
            if let Some(c) = gz.lookup(&s.title) {
                sections[c].push(si);
            }
        }

        let mut entries: Vec<CountryEntry> = Vec::new();
        for (country, (mut mentions, sections)) in mentions.into_iter().zip(sections).enumerate() {
            if mentions.is_empty() && sections.is_empty() {
                continue;
            }
            mentions.sort_by_key(Mention::order_key);
            let mut names: Vec<&'static str> = Vec::new();
            for m in &mentions {
                // Forms are the gazetteer's own strings: the address tells them apart.
                if !names.iter().any(|n| std::ptr::eq(*n, m.name)) {
                    names.push(m.name);
                }
            }
            let mut paragraphs: Vec<usize> = mentions.iter().filter_map(|m| m.paragraph).collect();
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
                .map(|s| (s.paragraphs.start, Place::Body, 0));
            match (mention, section) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b).unwrap_or((usize::MAX, Place::Body, 0)),
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
        if !places.is_empty() {
            out.push_str(if places.len() == 1 {
                ": para "
            } else {
                ": paras "
            });
            out.push_str(&places.join(", "));
        }
        if entry.has_subsection() {
            let numerals: Vec<&str> = entry
                .sections
                .iter()
                .filter_map(|&s| doc.sections.get(s))
                .filter_map(|s| doc.parts.get(s.part))
                .map(|p| p.numeral.as_str())
                .collect();
            out.push_str(if numerals.len() == 1 {
                "; subsection "
            } else {
                "; subsections "
            });
            out.push_str(&numerals.join(", "));
        }
        out
    }
}

/// "48", "66(b)", "55 fn 3", or "fn *" for a footnote nothing cites.
fn place_label(doc: &Document, m: &Mention) -> String {
    let number = m
        .paragraph
        .and_then(|p| doc.paragraphs.get(p))
        .map(|p| p.number.to_string());
    match m.place {
        Place::Body => number.unwrap_or_default(),
        Place::SubItem(k) => {
            let label = m
                .paragraph
                .and_then(|p| doc.paragraphs.get(p))
                .and_then(|p| p.sub_items.get(k))
                .map(|s| s.label.as_str())
                .unwrap_or("?");
            format!("{}({label})", number.unwrap_or_default())
        }
        Place::Footnote(f) => {
            let label = doc
                .footnotes
                .get(f)
                .map(|f| f.label.to_string())
                .unwrap_or_default();
            match number {
                Some(n) => format!("{n} fn {label}"),
                None => format!("fn {label}"),
            }
        }
    }
}

/// Inline text joined into one string (page-break `Space`s as spaces), with
/// the way back to source bytes, so names split by markup are still found.
#[derive(Default)]
struct JoinedText {
    text: String,
    /// (offset in `text`, offset in source) at the start of each text piece.
    pieces: Vec<(u32, u32)>,
}

impl JoinedText {
    fn scan(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        mut found: impl FnMut(usize, TextRange, &'static str),
    ) {
        let gz = gazetteer();
        // The common case, one plain run: scan the source in place.
        if let [Inline::Text { range, .. }] = inlines {
            let base = range.start;
            gz.scan(doc.slice(range), |c, r, name| {
                found(c, base + r.start as u32..base + r.end as u32, name)
            });
            return;
        }
        self.text.clear();
        self.pieces.clear();
        for inline in inlines {
            match inline {
                Inline::Text { range, .. } => {
                    self.pieces.push((self.text.len() as u32, range.start));
                    self.text.push_str(doc.slice(range));
                }
                Inline::Space => self.text.push(' '),
                // A URL or a footnote marker separates words and names none.
                Inline::Link { .. } | Inline::FootnoteRef { .. } => self.text.push('\u{1}'),
            }
        }
        let pieces = &self.pieces;
        let to_source = |at: usize| -> u32 {
            let i = pieces.partition_point(|&(t, _)| t as usize <= at);
            match i.checked_sub(1).and_then(|i| pieces.get(i)) {
                Some(&(t, s)) => s + (at as u32 - t),
                None => 0,
            }
        };
        gz.scan(&self.text, |c, r, name| {
            // The last byte of a name is always inside a text piece.
            let start = to_source(r.start);
            let end = to_source(r.end - 1) + 1;
            found(c, start..end, name)
        });
    }
}

/// One finder result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Position in the finder's list (`CountryIndex::entries` for an index).
    pub entry: usize,
    /// Index into `gazetteer().countries()`.
    pub country: usize,
    pub score: i64,
    /// The name that matched best (the display name for an empty query).
    pub name: &'static str,
    /// Char indices into `name` of the matched characters, ascending.
    pub indices: Vec<usize>,
}

/// Larger is better: (exact name, fuzzy score, prefix of the name, shortness).
type RankKey = (bool, i64, bool, usize);

struct FinderName {
    name: &'static str,
    normalised: String,
    /// Per char of `normalised`, the char of `name` it came from.
    from: Vec<usize>,
}

struct Candidate {
    country: usize,
    names: Vec<FinderName>,
}

/// Fuzzy search over countries' names, case- and accent-insensitive.
/// Names are normalised once here, so a keystroke costs only the matching.
pub struct Finder {
    candidates: Vec<Candidate>,
    matcher: SkimMatcherV2,
}

impl Finder {
    pub fn new(countries: impl IntoIterator<Item = usize>) -> Finder {
        let gz = gazetteer();
        let candidates = countries
            .into_iter()
            .filter_map(|c| {
                let country = gz.countries.get(c)?;
                let mut names: Vec<FinderName> = Vec::new();
                for name in country.names() {
                    let (normalised, from) = normalise(name);
                    if names.iter().all(|n| n.normalised != normalised) {
                        names.push(FinderName {
                            name,
                            normalised,
                            from,
                        });
                    }
                }
                Some(Candidate { country: c, names })
            })
            .collect();
        Finder {
            candidates,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// A finder over the whole gazetteer, in gazetteer order.
    pub fn all() -> Finder {
        Finder::new(0..gazetteer().countries.len())
    }

    /// Best first: an exact name, then the fuzzy score, then a prefix match,
    /// then the shorter name, then list order. An empty query lists all.
    pub fn rank(&self, query: &str) -> Vec<Ranked> {
        let (query, _) = normalise(query.trim());
        if query.is_empty() {
            return self
                .candidates
                .iter()
                .enumerate()
                .map(|(entry, c)| Ranked {
                    entry,
                    country: c.country,
                    score: 0,
                    name: c.names.first().map_or("", |n| n.name),
                    indices: Vec::new(),
                })
                .collect();
        }
        // (sort key, entry, best name)
        let mut hits: Vec<(RankKey, usize, &FinderName)> = Vec::new();
        for (entry, c) in self.candidates.iter().enumerate() {
            let best = c
                .names
                .iter()
                .filter_map(|n| {
                    let score = self.matcher.fuzzy_match(&n.normalised, &query)?;
                    let key = (
                        n.normalised == query,
                        score,
                        n.normalised.starts_with(&query),
                        usize::MAX - n.from.len(),
                    );
                    Some((key, n))
                })
                .max_by_key(|(key, _)| *key);
            if let Some((key, n)) = best {
                hits.push((key, entry, n));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter()
            .map(|((_, score, _, _), entry, n)| {
                let mut indices: Vec<usize> = self
                    .matcher
                    .fuzzy_indices(&n.normalised, &query)
                    .map(|(_, idx)| idx.iter().filter_map(|&i| n.from.get(i).copied()).collect())
                    .unwrap_or_default();
                indices.dedup();
                Ranked {
                    entry,
                    country: self.candidates[entry].country,
                    score,
                    name: n.name,
                    indices,
                }
            })
            .collect()
    }
}

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
            out.push_str(if numbers.len() == 1 {
                " para "
            } else {
                " paras "
            });
            out.push_str(&numbers.join(", "));
        }
        let subsections = e.subsection_titles(doc);
        if !subsections.is_empty() {
            out.push_str(if subsections.len() == 1 {
                "; subsection "
            } else {
                "; subsections "
            });
            out.push_str(&subsections.join(", "));
        }
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
