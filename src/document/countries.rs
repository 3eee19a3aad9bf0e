//! The country index: which UN Member or observer State the report names,
//! where, and a fuzzy finder over those names for "jump to a country".
//!
//! The gazetteer (`gazetteer.tsv`) is compiled in and parsed once. Mentions
//! are whole-word, case-sensitive matches of any of a country's names in
//! paragraph text, sub-item text and footnote text; the longest name wins, so
//! "Papua New Guinea" is never also "Guinea".

use std::collections::HashMap;
use std::sync::OnceLock;

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
    patterns: Vec<Pattern>,
    /// The forms by their bytes from the first capital on ("Yugoslav
    /// Republic of Macedonia"), for the look-up at each capital.
    table: NameTable,
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
    fn form(&'static self, form: u16) -> &'static str {
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
    fn probe(&self, text: &str, p: usize, around: Around) -> Probe {
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
        // Eight bytes compared at once first: the last eight, or all of a
        // short name; the key already matched the first four.
        let quick = if len >= 8 {
            load8(b, end - 8).map(|w| w == c.tail)
        } else {
            load8(b, p).map(|w| w & ((1u64 << (8 * len)) - 1) == c.tail)
        };
        match quick {
            Some(false) => return Probe::No,
            Some(true) if len <= 12 => {}
            _ => {
                let at = c.name as usize;
                let name = self.table.names.get(at..at + len).unwrap_or_default();
                match b.get(p..end) {
                    Some(bytes) if bytes == name => {}
                    Some(_) => return Probe::No,
                    // The name would run past `text`.
                    None if around.at_end || !name.starts_with(&b[p..]) => return Probe::No,
                    None => return Probe::Unsure,
                }
            }
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
enum Probe {
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
struct Around {
    /// The char just before the piece is a letter or digit.
    before_alnum: bool,
    /// Nothing comes before the piece.
    at_start: bool,
    /// Nothing comes after the piece.
    at_end: bool,
}

impl Around {
    const WHOLE: Around = Around {
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

fn load8(bytes: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// One form a bucket offers: all a probe needs in 16 bytes, so probes
/// touch little memory besides the text.
struct Cand {
    /// The last eight bytes from the first capital on, or all of them
    /// zero-padded when fewer (little-endian).
    tail: u64,
    /// Where the bytes from the first capital on start in `NameTable::names`.
    name: u16,
    /// Index into `Gazetteer::patterns`.
    pattern: u16,
    /// Bytes from the first capital on.
    len: u8,
    /// Bytes before the first capital.
    lead: u8,
    /// The pattern's country, `u8::MAX` for a place that is not a State.
    country: u8,
}

impl Cand {
    fn country(&self) -> Option<usize> {
        (self.country != u8::MAX).then_some(self.country as usize)
    }
}

/// The patterns by their first bytes from the first capital: four bytes,
/// or two for the forms shorter than four ("UK"). Each bucket lists its
/// forms longest first, so the first that fits is the longest.
struct NameTable {
    long: KeyTable,
    short: KeyTable,
    /// Second bytes of the short forms: most capitals never probe `short`.
    short_second: [u64; 4],
    /// A bit per hash of the long keys, checked before the probe: it fits
    /// in the L1 cache and rejects nearly every capitalised word.
    filter: Box<[u64; 512]>,
    cands: Vec<Cand>,
    /// Each candidate's bytes from the first capital on, end to end.
    names: Vec<u8>,
    /// The most bytes any form has before its first capital.
    longest_lead: usize,
}

impl NameTable {
    fn new(patterns: &[Pattern]) -> NameTable {
        let mut long: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        let mut short: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        let mut short_second = [0u64; 4];
        for (i, p) in patterns.iter().enumerate() {
            let t = p.form.as_bytes().get(p.lead..).unwrap_or_default();
            match *t {
                [a, b, c, d, ..] => long
                    .entry(u32::from_le_bytes([a, b, c, d]))
                    .or_default()
                    .push(i),
                [a, b, ..] => {
                    short_second[(b >> 6) as usize] |= 1 << (b & 63);
                    short
                        .entry(u32::from(u16::from_le_bytes([a, b])))
                        .or_default()
                        .push(i);
                }
                // A one-byte form could never be found (nor was it before).
                _ => {}
            }
        }
        let mut filter = Box::new([0u64; 512]);
        for &key in long.keys() {
            let bit = NameTable::filter_bit(key);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        let mut cands = Vec::new();
        let mut names = Vec::new();
        let mut table = |groups: std::collections::BTreeMap<u32, Vec<usize>>| {
            let mut keys = KeyTable::with_capacity(groups.len());
            for (key, mut ids) in groups {
                let text = |i: usize| {
                    let p = &patterns[i];
                    p.form.as_bytes().get(p.lead..).unwrap_or_default()
                };
                ids.sort_by_key(|&i| (std::cmp::Reverse(text(i).len()), i));
                let start = cands.len() as u32;
                for i in ids {
                    let t = text(i);
                    let last = t.get(t.len().saturating_sub(8)..).unwrap_or_default();
                    let mut tail = [0u8; 8];
                    tail[..last.len()].copy_from_slice(last);
                    cands.push(Cand {
                        tail: u64::from_le_bytes(tail),
                        name: u16::try_from(names.len()).expect("a small gazetteer"),
                        pattern: u16::try_from(i).expect("few patterns"),
                        len: u8::try_from(t.len()).expect("short names"),
                        lead: u8::try_from(patterns[i].lead).expect("short leads"),
                        country: patterns[i].country.map_or(u8::MAX, |c| {
                            u8::try_from(c)
                                .ok()
                                .filter(|&c| c != u8::MAX)
                                .expect("few States")
                        }),
                    });
                    names.extend_from_slice(t);
                }
                keys.insert(key, start, cands.len() as u32);
            }
            keys
        };
        let long = table(long);
        let short = table(short);
        NameTable {
            long,
            short,
            short_second,
            filter,
            cands,
            names,
            longest_lead: patterns.iter().map(|p| p.lead).max().unwrap_or(0),
        }
    }

    fn filter_bit(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 17) as usize
    }

    /// False when no form begins with `key`, the four bytes from a
    /// capital; true may be wrong.
    #[inline(always)]
    fn may_begin(&self, key: &[u8]) -> bool {
        let &[a, b, c, d] = key else {
            return true;
        };
        let bit = Self::filter_bit(u32::from_le_bytes([a, b, c, d]));
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
            || self.short_second[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

/// What `NameTable::match_at` makes of a capital.
enum Quick<'a> {
    /// No name begins there.
    No,
    /// This form, ending at this offset in the piece.
    Found(&'a Cand, usize),
    /// The answer needs more than the piece's ASCII bytes: `probe` decides.
    Slow,
}

impl NameTable {
    /// The longest whole-word form whose first capital is `piece[k]`, when
    /// the piece's own ASCII bytes settle it: nearly every name in a report
    /// sits inside one piece, between spaces or punctuation. Whatever
    /// reaches past the piece, has a lead, is short or meets a hyphen or a
    /// non-ASCII letter at an edge is left to `probe`, which sees the text
    /// around the piece.
    #[inline(always)]
    fn match_at(&self, piece: &[u8], k: usize) -> Quick<'_> {
        let Some(&before) = k.checked_sub(1).and_then(|i| piece.get(i)) else {
            return Quick::Slow;
        };
        if !before.is_ascii() {
            return Quick::Slow;
        }
        if before.is_ascii_alphanumeric() {
            return Quick::No;
        }
        let (Some(&[a, b, c, d]), Some(&second)) = (piece.get(k..k + 4), piece.get(k + 1)) else {
            return Quick::Slow;
        };
        if self.short_second[(second >> 6) as usize] & (1 << (second & 63)) != 0 {
            return Quick::Slow;
        }
        let at = piece.get(k..).unwrap_or_default();
        for cand in self.long.get(&self.cands, u32::from_le_bytes([a, b, c, d])) {
            let len = cand.len as usize;
            // The form and the byte after it must lie in the piece.
            let Some(&after) = at.get(len) else {
                return Quick::Slow;
            };
            if cand.lead != 0 {
                return Quick::Slow;
            }
            // The key matched the first four bytes; the tail holds the last
            // eight, or all of a shorter form.
            let fits = if len >= 8 {
                load8(at, len - 8) == Some(cand.tail)
                    && (len <= 12 || at.get(..len) == self.name(cand))
            } else {
                match load8(at, 0) {
                    Some(w) => w & ((1u64 << (8 * len)) - 1) == cand.tail,
                    None => at.get(..len) == self.name(cand),
                }
            };
            if !fits {
                continue;
            }
            if after == b'-' || !after.is_ascii() {
                return Quick::Slow;
            }
            if !after.is_ascii_alphanumeric() {
                return Quick::Found(cand, k + len);
            }
        }
        Quick::No
    }

    /// The bytes of `cand` from its first capital on.
    fn name(&self, cand: &Cand) -> Option<&[u8]> {
        let at = cand.name as usize;
        self.names.get(at..at + cand.len as usize)
    }
}

/// An open-addressed map from a nonzero key to a range of `NameTable::cands`:
/// a miss, the common case, costs one multiply and one or two loads.
struct KeyTable {
    /// (key, start, end); key 0 marks an empty slot (keys hold a capital).
    slots: Vec<(u32, u32, u32)>,
    shift: u32,
}

impl KeyTable {
    fn with_capacity(n: usize) -> KeyTable {
        // At most a quarter full, so probes stay short.
        let size = (n * 4).next_power_of_two().max(16);
        KeyTable {
            slots: vec![(0, 0, 0); size],
            shift: 32 - size.trailing_zeros(),
        }
    }

    fn slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> self.shift) as usize
    }

    fn insert(&mut self, key: u32, start: u32, end: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, start, end);
    }

    #[inline]
    fn get<'a>(&self, cands: &'a [Cand], key: u32) -> &'a [Cand] {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.slots.get(i) {
                Some(&(k, start, end)) if k == key => {
                    return cands.get(start as usize..end as usize).unwrap_or_default();
                }
                Some(&(k, _, _)) if k != 0 => i = (i + 1) & mask,
                _ => return &[],
            }
        }
    }
}

/// Offsets (from `start`) of the ASCII capitals in `buf[start..start + len]`,
/// ascending, found 64 bytes at a time.
struct Capitals<'a> {
    buf: &'a [u8],
    start: usize,
    len: usize,
    /// Offset of the block `mask` describes, and of the next block.
    block: usize,
    next: usize,
    mask: u64,
}

impl<'a> Capitals<'a> {
    fn new(buf: &'a [u8], start: usize, len: usize) -> Capitals<'a> {
        Capitals {
            buf,
            start,
            len,
            block: 0,
            next: 0,
            mask: 0,
        }
    }
}

impl Iterator for Capitals<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.next >= self.len {
                return None;
            }
            self.block = self.next;
            self.next += 64;
            let mut mask = capitals_mask(self.buf, self.start + self.block);
            let left = self.len - self.block;
            if left < 64 {
                mask &= (1u64 << left) - 1;
            }
            self.mask = mask;
        }
        let k = self.block + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(k)
    }
}

/// Bit i set when `buf[at + i]` is an ASCII capital (bytes past the end
/// count as none).
#[inline(always)]
fn capitals_mask(buf: &[u8], at: usize) -> u64 {
    match buf.get(at..at + 64).and_then(|b| b.try_into().ok()) {
        Some(block) => capitals_in(block),
        None => capitals_mask_tail(buf, at),
    }
}

/// `capitals_mask` with AVX-512BW, whose masked load reads the last block
/// in place.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512bw")]
#[inline]
fn capitals_mask_avx512(buf: &[u8], at: usize) -> u64 {
    use std::arch::x86_64::{
        _mm512_cmplt_epu8_mask, _mm512_maskz_loadu_epi8, _mm512_set1_epi8, _mm512_sub_epi8,
    };
    let left = buf.len().saturating_sub(at);
    let keep = if left >= 64 {
        u64::MAX
    } else {
        (1u64 << left) - 1
    };
    let start = buf.get(at..).unwrap_or_default().as_ptr();
    // SAFETY: the masked load reads only the bytes `keep` selects, all of
    // them in `buf`.
    let v = unsafe { _mm512_maskz_loadu_epi8(keep, start.cast()) };
    // 'A'..='Z' less 'A' is 0..26; anything else wraps above.
    _mm512_cmplt_epu8_mask(
        _mm512_sub_epi8(v, _mm512_set1_epi8(b'A' as i8)),
        _mm512_set1_epi8(26),
    )
}

/// The last block of `buf`, copied so the fast path never needs padding.
#[cold]
#[inline(never)]
fn capitals_mask_tail(buf: &[u8], at: usize) -> u64 {
    let mut padded = [0u8; 64];
    let rest = buf.get(at..).unwrap_or_default();
    padded[..rest.len()].copy_from_slice(rest);
    capitals_in(&padded)
}

/// The compiler does not vectorise a bit-mask loop well, and this one runs
/// over every byte of the text: SSE2, which every x86-64 CPU has, does 16
/// bytes in three instructions.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn capitals_in(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut mask = 0u64;
    for (j, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the 16
        // bytes of `chunk`, and `loadu` needs no alignment.
        let bits = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            // 'A'..='Z' plus 63 wraps to the bottom of the signed range, -128..=-103.
            let moved = _mm_add_epi8(v, _mm_set1_epi8(63));
            _mm_movemask_epi8(_mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 26)))
        };
        mask |= u64::from(bits as u16) << (16 * j);
    }
    mask
}

/// Eight bytes a step elsewhere.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn capitals_in(block: &[u8; 64]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, _) = block.as_chunks::<8>();
    let mut mask = 0u64;
    for (j, w) in words.iter().enumerate() {
        let x = u64::from_le_bytes(*w);
        let low = x & LOW7;
        // Bit 7 of each byte: at least 'A', not above 'Z', and ASCII.
        let at_least_a = low + 0x3f3f_3f3f_3f3f_3f3f;
        let above_z = low + 0x2525_2525_2525_2525;
        let capitals = (at_least_a & !above_z & !x & HIGH) >> 7;
        // Gather the eight bits into one byte.
        let bits = capitals.wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * j);
    }
    mask
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
    SubItem(u32),
    /// Index into `Document::footnotes`.
    Footnote(u32),
}

/// A paragraph and a place in it, in eight bytes that sort in reading
/// order: paragraph (none last), then body, sub-items, footnotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Spot {
    /// Index into `Document::paragraphs`; `u32::MAX` for none.
    paragraph: u32,
    /// The kind in the top two bits (body, sub-item, footnote), the index
    /// below. Indices stay under 2^30: each sub-item and footnote takes
    /// several bytes of a source that `TextRange` keeps under 4 GiB.
    place: u32,
}

impl Spot {
    const INDEX: u32 = (1 << 30) - 1;

    fn new(paragraph: Option<u32>, place: Place) -> Spot {
        Spot {
            paragraph: paragraph.unwrap_or(u32::MAX),
            place: match place {
                Place::Body => 0,
                Place::SubItem(k) => 1 << 30 | k.min(Spot::INDEX),
                Place::Footnote(f) => 2 << 30 | f.min(Spot::INDEX),
            },
        }
    }

    fn paragraph(self) -> Option<u32> {
        (self.paragraph != u32::MAX).then_some(self.paragraph)
    }

    fn place(self) -> Place {
        let index = self.place & Spot::INDEX;
        match self.place >> 30 {
            0 => Place::Body,
            1 => Place::SubItem(index),
            _ => Place::Footnote(index),
        }
    }
}

/// One occurrence of a country's name. Kept to 20 bytes: a long report
/// has tens of thousands, all written when the index is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name's bytes in `Document::source`. A name rejoined across a page
    /// break or split by emphasis spans the gap; render by overlap with the
    /// paragraph's inline ranges and the gap is never shown.
    pub range: TextRange,
    spot: Spot,
    /// Index into `gazetteer().countries()`.
    pub country: u16,
    /// Index into `Gazetteer::patterns`: see `name`.
    form: u16,
}

impl Mention {
    /// The name as the text writes it ("Libyan Arab Jamahiriya").
    pub fn name(&self) -> &'static str {
        gazetteer().form(self.form)
    }

    /// Index into `Document::paragraphs`. A footnote's mention is recorded
    /// once per citing paragraph, and with `None` when nothing cites it.
    pub fn paragraph(&self) -> Option<u32> {
        self.spot.paragraph()
    }

    pub fn place(&self) -> Place {
        self.spot.place()
    }

    /// Reading order: paragraph, then body, sub-items, footnotes, then position.
    fn order_key(&self) -> (Spot, u32) {
        (self.spot, self.range.start)
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

/// A mention as first found, in 12 bytes: its paragraph and place are
/// its `Run`'s.
#[derive(Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    country: u16,
    /// Index into `Gazetteer::patterns`.
    form: u16,
}

/// One country's share of the index while it is built.
struct Gathered {
    mentions: Vec<Mention>,
    /// Forms (`Gazetteer::patterns`) in order of first use (when `sorted`).
    forms: Vec<u16>,
    /// Paragraph indices in hit order, without immediate repeats.
    paragraphs: Vec<u32>,
    /// `mentions` are in reading order.
    sorted: bool,
}

impl Gathered {
    fn with_room(mentions: usize) -> Gathered {
        Gathered {
            mentions: Vec::with_capacity(mentions),
            forms: Vec::new(),
            paragraphs: Vec::new(),
            sorted: true,
        }
    }
}

/// Hits up to `end` not in an earlier run share a paragraph and place.
struct Run {
    end: u32,
    spot: Spot,
}

impl Run {
    /// Ends a run at `end` with the hits found since the last run, if any.
    fn close(runs: &mut Vec<Run>, end: usize, paragraph: Option<u32>, place: Place) {
        // A half's hits are fewer than its bytes, which are under 4 GiB.
        let end = end as u32;
        if runs.last().map_or(0, |r| r.end) < end {
            runs.push(Run {
                end,
                spot: Spot::new(paragraph, place),
            });
        }
    }
}

/// A source this long is read on two threads: below it, starting a
/// thread costs more than it saves.
const PARALLEL_FROM: usize = 1 << 20;

/// Counts a thread's arrival when dropped, on panic too.
struct Arrive<'a>(&'a std::sync::atomic::AtomicUsize);

impl Drop for Arrive<'_> {
    fn drop(&mut self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Release);
    }
}

/// Paragraphs in a chunk: enough that a chunk's first cache misses are
/// few next to its work, few enough that the threads end close together.
const CHUNK: usize = 1024;

/// One thread's reading: its scanner, and the footnotes it has scanned.
/// Aligned to two cache lines, so two readers side by side never share
/// one: each writes its own on every paragraph, and a shared line made the
/// whole build a third slower, or not, as the stack happened to fall.
#[repr(align(128))]
struct Reader {
    joined: JoinedText,
    /// Footnotes' hits, each footnote scanned when first cited: then its
    /// text is likely still in the cache from the paragraph just read.
    notes: Vec<Hit>,
    /// Each footnote's hits in `notes`, once scanned.
    noted: Vec<Option<(u32, u32)>>,
}

impl Reader {
    fn new(doc: &Document) -> Reader {
        Reader {
            joined: JoinedText {
                #[cfg(target_arch = "x86_64")]
                avx512: std::arch::is_x86_feature_detected!("avx512bw"),
                ..JoinedText::default()
            },
            notes: Vec::new(),
            noted: vec![None; doc.footnotes.len()],
        }
    }

    /// The hits in `paragraphs`: their bodies, sub-items and the footnotes
    /// they cite (`cites`: (paragraph, footnote, times), ascending).
    fn paragraphs(
        &mut self,
        doc: &Document,
        paragraphs: std::ops::Range<usize>,
        cites: &[(usize, usize, usize)],
        out: &mut Scanned,
    ) {
        let mut cites = cites.iter().copied().peekable();
        for pi in paragraphs {
            if let Some(ahead) = doc.paragraphs.get(pi + 4) {
                prefetch(doc, &ahead.text);
            }
            let p = &doc.paragraphs[pi];
            self.joined.scan(doc, &p.text, |hit| out.hits.push(hit));
            out.close(Some(pi), Place::Body);
            for (k, item) in p.sub_items.iter().enumerate() {
                self.joined.scan(doc, &item.text, |hit| out.hits.push(hit));
                out.close(Some(pi), Place::SubItem(k as u32));
            }
            while let Some(cite) = cites.next_if(|c| c.0 == pi) {
                self.cite(doc, cite, out);
            }
        }
    }

    /// Paragraph `pi` cites footnote `fi` `times` times: each time, each of
    /// the footnote's names is a mention.
    fn cite(&mut self, doc: &Document, (pi, fi, times): (usize, usize, usize), out: &mut Scanned) {
        let (start, end) = match self.noted[fi] {
            Some(range) => range,
            None => {
                let start = self.notes.len() as u32;
                let notes = &mut self.notes;
                self.joined
                    .scan(doc, &doc.footnotes[fi].text, |hit| notes.push(hit));
                let range = (start, notes.len() as u32);
                self.noted[fi] = Some(range);
                range
            }
        };
        for &hit in &self.notes[start as usize..end as usize] {
            for _ in 0..times {
                out.hits.push(hit);
            }
        }
        out.close(Some(pi), Place::Footnote(fi as u32));
    }
}

/// Brings a paragraph's first inlines and text into the cache ahead of its
/// scan: the hardware does not foresee the jump to the next paragraph's
/// inlines, nor the first bytes of its text.
#[inline(always)]
fn prefetch(doc: &Document, inlines: &[Inline]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let first = inlines.as_ptr().cast::<i8>();
        let text = match inlines.first() {
            Some(Inline::Text { range, .. }) => Some(
                doc.source
                    .as_ptr()
                    .wrapping_add(range.start as usize)
                    .cast::<i8>(),
            ),
            _ => None,
        };
        // SAFETY: a prefetch reads nothing and never faults, whatever the
        // address.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(first);
            _mm_prefetch::<_MM_HINT_T0>(first.wrapping_add(64));
            if let Some(text) = text {
                for line in 0..8 {
                    _mm_prefetch::<_MM_HINT_T0>(text.wrapping_add(64 * line));
                }
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (doc, inlines);
}

/// The hits of a run of paragraphs, in reading order.
#[derive(Default)]
struct Scanned {
    hits: Vec<Hit>,
    runs: Vec<Run>,
    /// Hits per country, once `count`ed.
    counts: Vec<u32>,
}

impl Scanned {
    /// Ends a run of hits in `paragraph` at `place`.
    fn close(&mut self, paragraph: Option<usize>, place: Place) {
        // Paragraphs, sub-items and footnotes are counted in u32 (a report
        // of four billion paragraphs would not fit in memory anyway).
        Run::close(
            &mut self.runs,
            self.hits.len(),
            paragraph.map(|p| p as u32),
            place,
        );
    }

    /// Room for the hits of `paragraphs`: reports name a State every few
    /// hundred bytes at most, and room up front saves copying the hits as
    /// they grow. A run has at least one hit.
    fn with_room(doc: &Document, paragraphs: std::ops::Range<usize>) -> Scanned {
        let bytes = doc.source.len() / doc.paragraphs.len().max(1) * paragraphs.len();
        Scanned {
            hits: Vec::with_capacity(bytes / 128),
            runs: Vec::with_capacity(bytes / 128),
            counts: Vec::new(),
        }
    }

    /// Counts the hits per country, while they are still in the cache.
    fn count(&mut self, countries: usize) {
        self.counts.clear();
        self.counts.resize(countries, 0);
        for hit in &self.hits {
            if let Some(n) = self.counts.get_mut(usize::from(hit.country)) {
                *n += 1;
            }
        }
    }

    /// Adds the mentions, forms and paragraphs of the countries from
    /// `first` on that `gathered` holds, in one pass over the hits.
    fn gather(&self, first: usize, gathered: &mut [Gathered]) {
        let mut from = 0;
        for run in &self.runs {
            for hit in &self.hits[from..run.end as usize] {
                let Some(g) = usize::from(hit.country)
                    .checked_sub(first)
                    .and_then(|c| gathered.get_mut(c))
                else {
                    continue;
                };
                let m = Mention {
                    range: hit.start..hit.end,
                    spot: run.spot,
                    country: hit.country,
                    form: hit.form,
                };
                if let Some(last) = g.mentions.last() {
                    g.sorted &= last.order_key() <= m.order_key();
                }
                if !g.forms.contains(&hit.form) {
                    g.forms.push(hit.form);
                }
                if let Some(p) = run.spot.paragraph()
                    && g.paragraphs.last() != Some(&p)
                {
                    g.paragraphs.push(p);
                }
                g.mentions.push(m);
            }
            from = run.end as usize;
        }
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
        CountryIndex::build_on(doc, doc.source.len() >= PARALLEL_FROM)
    }

    /// `build`, with the paragraphs read in two halves at once when `apart`.
    fn build_on(doc: &Document, apart: bool) -> CountryIndex {
        let gz = gazetteer();
        // Mentions are gathered small and in reading order, then written
        // once into vectors of the right size: a run of hits shares its
        // paragraph and place.
        // A footnote's mentions are recorded for each citing paragraph:
        // (paragraph, footnote, times cited), in reading order.
        let mut cites: Vec<(usize, usize, usize)> = Vec::new();
        for (fi, f) in doc.footnotes.iter().enumerate() {
            cites.extend(f.cited_by.iter().map(|&pi| (pi, fi, 1)));
        }
        cites.sort_unstable();
        cites.dedup_by(|b, a| {
            let same = (a.0, a.1) == (b.0, b.1);
            a.2 += usize::from(same);
            same
        });
        let cites_from = |pi: usize| cites.partition_point(|c| c.0 < pi);

        // A long report is read in chunks of paragraphs by this thread and
        // a helper, each taking the next chunk when done with one: neither
        // waits for the other, though the helper starts late and either may
        // share its core. The chunks' hits are kept apart, in order; then
        // each thread gathers the mentions of half the countries.
        let count = doc.paragraphs.len();
        let countries = gz.countries.len();
        let size = if apart { CHUNK } else { count.max(1) };
        let chunks: Vec<std::ops::Range<usize>> = (0..count)
            .step_by(size)
            .map(|start| start..(start + size).min(count))
            .collect();
        let slots: Vec<std::sync::RwLock<Scanned>> = chunks
            .iter()
            .map(|r| std::sync::RwLock::new(Scanned::with_room(doc, r.clone())))
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = |reader: &mut Reader| {
            loop {
                let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let (Some(range), Some(slot)) = (chunks.get(c), slots.get(c)) else {
                    break;
                };
                let mut slot = slot
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                // Filled on this thread's stack: neighbouring slots share
                // cache lines, and the other thread may be filling the next.
                let mut out = std::mem::take(&mut *slot);
                let cites = &cites[cites_from(range.start)..cites_from(range.end)];
                reader.paragraphs(doc, range.clone(), cites, &mut out);
                out.count(countries);
                *slot = out;
            }
        };
        // Citations from no paragraph the document has, then footnotes
        // nothing cites.
        let rest: std::sync::OnceLock<Scanned> = std::sync::OnceLock::new();
        let read_rest = |reader: &mut Reader| {
            let mut rest = Scanned::default();
            for &cite in &cites[cites_from(count)..] {
                reader.cite(doc, cite, &mut rest);
            }
            for (fi, f) in doc.footnotes.iter().enumerate() {
                if f.cited_by.is_empty() {
                    reader.joined.scan(doc, &f.text, |hit| rest.hits.push(hit));
                    rest.close(None, Place::Footnote(fi as u32));
                }
            }
            rest.count(countries);
            rest
        };
        let scanned = || {
            slots.iter().map(|slot| {
                slot.read()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            })
        };
        let totals = || {
            let mut totals = vec![0usize; countries];
            let mut add = |counts: &[u32]| {
                for (t, &n) in totals.iter_mut().zip(counts) {
                    *t += n as usize;
                }
            };
            for s in scanned() {
                add(&s.counts);
            }
            if let Some(rest) = rest.get() {
                add(&rest.counts);
            }
            totals
        };
        // The mentions of the countries in `range`, from every chunk in order.
        let part = |range: std::ops::Range<usize>, totals: &[usize]| -> Vec<Gathered> {
            let mut gathered: Vec<Gathered> = range
                .clone()
                .map(|c| Gathered::with_room(totals[c]))
                .collect();
            for s in scanned() {
                s.gather(range.start, &mut gathered);
            }
            if let Some(rest) = rest.get() {
                rest.gather(range.start, &mut gathered);
            }
            gathered
        };
        let (work, part) = (&work, &part);
        // Each gathers the mentions of about half the countries, split
        // where the counts say; both work the split out the same way.
        let split = || {
            let totals = totals();
            let half = totals.iter().sum::<usize>() / 2;
            let mut sum = 0;
            let split = totals
                .iter()
                .position(|&n| {
                    sum += n;
                    sum > half
                })
                .map_or(countries, |c| c + 1);
            (split, totals)
        };
        let split = &split;
        // Both threads arrive here before either gathers. Whoever is first
        // waits without sleeping: the other is at most a chunk away, and
        // waking a sleeping thread costs tens of microseconds.
        let arrived = std::sync::atomic::AtomicUsize::new(0);
        let arrived = &arrived;
        let wait = || {
            let mut spins = 0u32;
            while arrived.load(std::sync::atomic::Ordering::Acquire) < 2 {
                spins += 1;
                if spins.is_multiple_of(256) {
                    std::thread::yield_now();
                } else {
                    std::hint::spin_loop();
                }
            }
        };
        let wait = &wait;
        let (mut reader, mut helper) = (Reader::new(doc), Reader::new(doc));
        let gathered = std::thread::scope(|s| {
            let helping = apart
                .then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(s, move || {
                            {
                                // Arrives even if the work panics.
                                let _arrive = Arrive(arrived);
                                work(&mut helper);
                            }
                            wait();
                            let (split, totals) = split();
                            part(split..countries, &totals)
                        })
                        .ok()
                })
                .flatten();
            {
                let _arrive = Arrive(arrived);
                work(&mut reader);
                let _ = rest.set(read_rest(&mut reader));
            }
            let (split, totals) = match helping {
                Some(_) => {
                    wait();
                    split()
                }
                None => (countries, totals()),
            };
            let mut gathered = part(0..split, &totals);
            if let Some(helper) = helping {
                let theirs = helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                gathered.extend(theirs);
            }
            gathered
        });
        debug_assert_eq!(gathered.len(), countries);

        let mut sections: Vec<Vec<usize>> = vec![Vec::new(); gz.countries.len()];
        for (si, s) in doc.sections.iter().enumerate() {
            if let Some(c) = gz.lookup(&s.title) {
                sections[c].push(si);
            }
        }

        let mut entries: Vec<CountryEntry> = Vec::new();
        for (country, (g, sections)) in gathered.into_iter().zip(sections).enumerate() {
            let Gathered {
                mut mentions,
                mut forms,
                mut paragraphs,
                sorted,
            } = g;
            if mentions.is_empty() && sections.is_empty() {
                continue;
            }
            // Already in order unless text pieces run backwards in the
            // source; then the forms' order of first use is redone too.
            if !sorted {
                mentions.sort_by_key(Mention::order_key);
                forms.clear();
                for m in &mentions {
                    if !forms.contains(&m.form) {
                        forms.push(m.form);
                    }
                }
            }
            let names = forms.into_iter().map(|f| gz.form(f)).collect();
            if !paragraphs.is_sorted() {
                paragraphs.sort_unstable();
            }
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
                .map(|s| (Spot::new(Some(s.paragraphs.start as u32), Place::Body), 0));
            match (mention, section) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b).unwrap_or((Spot::new(None, Place::Body), 0)),
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

/// Inline text read as one string (page-break `Space`s as spaces), so names
/// split by markup are still found. Pieces are scanned in place; only a
/// capital whose answer depends on the next piece has the string built,
/// with the way back to source bytes.
#[derive(Default)]
struct JoinedText {
    /// Built for the current inlines.
    built: bool,
    text: String,
    /// (offset in `text`, offset in source) at the start of each text piece.
    pieces: Vec<(u32, u32)>,
    /// The CPU has AVX-512BW.
    avx512: bool,
}

impl JoinedText {
    fn scan(&mut self, doc: &Document, inlines: &[Inline], found: impl FnMut(Hit)) {
        #[cfg(target_arch = "x86_64")]
        if self.avx512 {
            // SAFETY: `avx512` is set only when the CPU has AVX-512BW.
            return unsafe { self.scan_avx512(doc, inlines, found) };
        }
        self.scan_with(doc, inlines, found, capitals_mask);
    }

    /// AVX-512 finds a block's capitals in three instructions where SSE2
    /// takes sixteen.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512bw")]
    unsafe fn scan_avx512(&mut self, doc: &Document, inlines: &[Inline], found: impl FnMut(Hit)) {
        self.scan_with(doc, inlines, found, |buf, at| capitals_mask_avx512(buf, at));
    }

    #[inline(always)]
    fn scan_with(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        mut found: impl FnMut(Hit),
        capitals_mask: impl Fn(&[u8], usize) -> u64,
    ) {
        let table = &gazetteer().table;
        let source = doc.source.as_bytes();
        self.built = false;
        // Offset in the joined string of the current piece, and where the
        // next name may start (a name consumes its words).
        let mut at = 0usize;
        let mut resume = 0usize;
        for (i, inline) in inlines.iter().enumerate() {
            let range = match inline {
                Inline::Text { range, .. } => range,
                // One char each: a space, or \u{1} for a URL or a footnote
                // marker, which separate words and name nothing.
                Inline::Space | Inline::Link { .. } | Inline::FootnoteRef { .. } => {
                    at += 1;
                    continue;
                }
            };
            let base = range.start as usize;
            let Some(piece) = source.get(base..range.end as usize) else {
                continue;
            };
            let len = piece.len();
            let mut block = 0;
            while block < len {
                let mut mask = capitals_mask(source, base + block);
                if len - block < 64 {
                    mask &= (1u64 << (len - block)) - 1;
                }
                while mask != 0 {
                    let k = block + mask.trailing_zeros() as usize;
                    mask &= mask - 1;
                    // Bytes past the piece may be markup, so only a key
                    // wholly inside it can rule a name out.
                    let may = piece.get(k..k + 4).is_none_or(|key| table.may_begin(key));
                    if may && at + k >= resume {
                        match table.match_at(piece, k) {
                            Quick::No => {}
                            Quick::Found(c, end) => {
                                if let Some(country) = c.country() {
                                    found(Hit {
                                        start: (base + k) as u32,
                                        end: (base + end) as u32,
                                        country: country as u16,
                                        form: c.pattern,
                                    });
                                }
                                resume = at + end;
                            }
                            Quick::Slow => {
                                resume = resume.max(self.probe(doc, inlines, i, at, k, &mut found));
                            }
                        }
                    }
                }
                block += 64;
            }
            at += len;
        }
    }

    /// Reports the name, if any, whose first capital is byte `k` of text
    /// piece `inlines[i]`, which starts at `at` in the joined string, and
    /// returns the joined offset where it ends (0 for none; a place that
    /// is not a State still hides the names inside it). Kept out of the
    /// hot loop, as most capitals never get here.
    #[inline(never)]
    fn probe(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        i: usize,
        at: usize,
        k: usize,
        found: &mut impl FnMut(Hit),
    ) -> usize {
        let gz = gazetteer();
        let Some(Inline::Text { range, .. }) = inlines.get(i) else {
            return 0;
        };
        let piece = doc.slice(range);
        let base = range.start as usize;
        // The text piece just before this one, "" after a space or marker;
        // it matters only when a name (lead included) may start the piece.
        let before = (k <= gz.table.longest_lead).then(|| {
            inlines[..i]
                .iter()
                .rev()
                .map(|inline| match inline {
                    Inline::Text { range, .. } => Some(doc.slice(range)),
                    _ => None,
                })
                .find(|piece| piece.is_none_or(|p| !p.is_empty()))
                .flatten()
        });
        let around = Around {
            before_alnum: before
                .flatten()
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphanumeric),
            at_start: at == 0,
            at_end: i + 1 == inlines.len(),
        };
        let (pattern, country, range, end) = match gz.probe(piece, k, around) {
            Probe::No => return 0,
            Probe::Found {
                pattern,
                country,
                start,
                end,
            } => {
                let range = (base + start) as u32..(base + end) as u32;
                (pattern, country, range, at + end)
            }
            Probe::Unsure => {
                self.build(doc, inlines);
                let Probe::Found {
                    pattern,
                    country,
                    start,
                    end,
                } = gz.probe(&self.text, at + k, Around::WHOLE)
                else {
                    return 0;
                };
                // The last byte of a name is always inside a text piece.
                let range = self.to_source(start)..self.to_source(end - 1) + 1;
                (pattern, country, range, end)
            }
        };
        if let Some(country) = country {
            found(Hit {
                start: range.start,
                end: range.end,
                // The name table holds them as u8 and u16.
                country: country as u16,
                form: pattern as u16,
            });
        }
        end
    }

    /// Joins `inlines` into `text`, once per scan.
    fn build(&mut self, doc: &Document, inlines: &[Inline]) {
        if self.built {
            return;
        }
        self.built = true;
        self.text.clear();
        self.pieces.clear();
        for inline in inlines {
            match inline {
                Inline::Text { range, .. } => {
                    self.pieces.push((self.text.len() as u32, range.start));
                    self.text.push_str(doc.slice(range));
                }
                Inline::Space => self.text.push(' '),
                Inline::Link { .. } | Inline::FootnoteRef { .. } => self.text.push('\u{1}'),
            }
        }
    }

    /// Source offset of byte `at` of `text`.
    fn to_source(&self, at: usize) -> u32 {
        let i = self.pieces.partition_point(|&(t, _)| t as usize <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(t, s)) => s + (at as u32 - t),
            None => 0,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse, sample};

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

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_finds_the_same_capitals() {
        if !std::arch::is_x86_feature_detected!("avx512bw") {
            return;
        }
        let text = "aB c\u{e9}DZ@[`{".repeat(20);
        let b = text.as_bytes();
        for at in 0..b.len() {
            // SAFETY: the CPU has AVX-512BW, checked above.
            let got = unsafe { capitals_mask_avx512(b, at) };
            assert_eq!(got, capitals_mask(b, at), "at {at}");
        }
    }

    /// Read in two halves or whole, a report gives the same index: with a
    /// footnote cited from both halves and twice by one paragraph, one
    /// nothing cites, and a name rejoined across a page break.
    #[test]
    fn two_halves_index_as_one() {
        let text = "I. Introduction\n\n\
             1. Mexico and Spain reported.\u{b9}\n\n\
             2. Senegal reported.\u{b9} Again.\u{b9} Mali\u{b2} too, as did Papua New\n\n\
             \u{b9} See the reports of Niger and Spain.\n\n\
             \u{b2} Togo.\n\n\
             \u{b3} Nothing cites Chad.\n\n\
             Guinea and Egypt.\n\n\
             3. Peru reported.\u{b9}\n";
        let small = parse(text);
        let cited: Vec<usize> = small.footnotes.iter().map(|f| f.cited_by.len()).collect();
        assert_eq!(cited, [3, 1, 0]);
        for doc in [small, Document::embedded(), parse(&sample::generate(300))] {
            let whole = CountryIndex::build_on(&doc, false);
            let halves = CountryIndex::build_on(&doc, true);
            assert!(whole.entries.len() > 5);
            assert_eq!(
                format!("{:?}", whole.entries),
                format!("{:?}", halves.entries)
            );
        }
    }

    /// Where `match_at` answers from the piece alone, `probe` with no
    /// knowledge of the text around the piece answers the same.
    #[test]
    fn the_quick_match_agrees_with_the_probe() {
        let g = gazetteer();
        let tricky = "x Niger. Nigeria's Nigerian Nigeriens Niger-based Guinea-Bissau \
            Guinea-\u{e9}t Papua New Guinea PapuaNew XNiger \u{e9}Niger Niger\u{e9} UK U.K. \
            the former Yugoslav Republic of Macedonia C\u{f4}te d'Ivoire Egyptians Egypt, \
            Dominican Republic Dominica; South Sudan Sudan Congo-Brazzaville Zaire. Niger";
        let doc = Document::embedded();
        let mut pieces: Vec<&str> = vec![tricky];
        for p in &doc.paragraphs {
            for inline in &p.text {
                if let Inline::Text { range, .. } = inline {
                    pieces.push(doc.slice(range));
                }
            }
        }
        // The same answer whatever surrounds the piece: nothing, or letters.
        let same = |quick: &Quick, probed: Probe, shift: usize| match (quick, probed) {
            (Quick::No, Probe::No) => true,
            (
                Quick::Found(c, end),
                Probe::Found {
                    pattern, end: e, ..
                },
            ) => (c.pattern as usize, end + shift) == (pattern, e),
            _ => false,
        };
        let (mut quick, mut slow) = (0, 0);
        for piece in pieces {
            let padded = format!("x{piece}x");
            for k in (0..piece.len()).filter(|&k| piece.as_bytes()[k].is_ascii_uppercase()) {
                let answer = g.table.match_at(piece.as_bytes(), k);
                if let Quick::Slow = answer {
                    slow += 1;
                    continue;
                }
                quick += 1;
                assert!(
                    same(&answer, g.probe(piece, k, Around::WHOLE), 0)
                        && same(&answer, g.probe(&padded, k + 1, Around::WHOLE), 1),
                    "{piece:?} at {k}: the quick match disagrees"
                );
            }
        }
        assert!(quick > 1000 && slow > 10, "{quick} quick, {slow} slow");
    }

    #[test]
    fn a_mention_is_20_bytes() {
        assert_eq!(std::mem::size_of::<Mention>(), 20);
    }

    #[test]
    fn capitals_are_found_in_every_block_position() {
        let text = "aB c\u{e9}D".repeat(40);
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_uppercase())
            .map(|(i, _)| i)
            .collect();
        for start in [0, 1, 7, 63, 64, 65] {
            let got: Vec<usize> = Capitals::new(text.as_bytes(), start, text.len() - start)
                .map(|k| k + start)
                .collect();
            let want: Vec<usize> = want.iter().copied().filter(|&i| i >= start).collect();
            assert_eq!(got, want, "from {start}");
        }
    }
}
