//! The name table: every form by its first bytes from its first capital,
//! and the quick match of a name inside one text piece.

use super::gazetteer::Pattern;

fn load8(bytes: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// How many bytes at the start of `bytes` are ASCII letters, eight at a time.
#[inline(always)]
pub(super) fn letters(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(w) = load8(bytes, n) {
        // Bit 7 of each byte: a letter once folded to lower case, and ASCII.
        let lower = (w & !HIGH) | 0x2020_2020_2020_2020;
        let from_a = lower + 0x1f1f_1f1f_1f1f_1f1f;
        let past_z = lower + 0x0505_0505_0505_0505;
        let others = !(from_a & !past_z & !w) & HIGH;
        if others != 0 {
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes
        .get(n..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// One form a bucket offers: all a probe needs in 16 bytes, so probes
/// touch little memory besides the text.
pub(super) struct Cand {
    /// The last eight bytes from the first capital on, or all of them
    /// zero-padded when fewer (little-endian).
    pub(super) tail: u64,
    /// Where the bytes from the first capital on start in `NameTable::names`.
    pub(super) name: u16,
    /// Index into `Gazetteer::patterns`.
    pub(super) pattern: u16,
    /// Bytes from the first capital on.
    pub(super) len: u8,
    /// Bytes before the first capital.
    pub(super) lead: u8,
    /// The pattern's country, `u8::MAX` for a place that is not a State.
    pub(super) country: u8,
    /// ASCII letters from the first capital on, up to the first other byte:
    /// the text must have exactly as many there for the form to fit.
    pub(super) word: u8,
}

impl Cand {
    pub(super) fn country(&self) -> Option<usize> {
        (self.country != u8::MAX).then_some(self.country as usize)
    }
}

/// The patterns by their first bytes from the first capital: four bytes,
/// or two for the forms shorter than four ("UK"). Each bucket lists its
/// forms longest first, so the first that fits is the longest.
pub(super) struct NameTable {
    pub(super) long: KeyTable,
    pub(super) short: KeyTable,
    /// Second bytes of the short forms: most capitals never probe `short`.
    pub(super) short_second: [u64; 4],
    /// A bit per hash of the long keys, checked before the probe: it fits
    /// in the L1 cache and rejects nearly every capitalised word.
    pub(super) filter: Box<[u64; 512]>,
    pub(super) cands: Vec<Cand>,
    /// Each candidate's bytes from the first capital on, end to end.
    pub(super) names: Vec<u8>,
    /// The most bytes any form has before its first capital.
    pub(super) longest_lead: usize,
}

impl NameTable {
    pub(super) fn new(patterns: &[Pattern]) -> NameTable {
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
                let start = cands.len();
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
                        word: u8::try_from(letters(t)).expect("short names"),
                        country: patterns[i].country.map_or(u8::MAX, |c| {
                            u8::try_from(c)
                                .ok()
                                .filter(|&c| c != u8::MAX)
                                .expect("few States")
                        }),
                    });
                    names.extend_from_slice(t);
                }
                keys.insert(key, start, cands.len());
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
    pub(super) fn may_begin(&self, key: &[u8]) -> bool {
        let &[a, b, c, d] = key else {
            return true;
        };
        let bit = Self::filter_bit(u32::from_le_bytes([a, b, c, d]));
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
            || self.short_second[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

/// What `NameTable::match_at` makes of a capital.
pub(super) enum Quick<'a> {
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
    pub(super) fn match_at(&self, piece: &[u8], k: usize) -> Quick<'_> {
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
        // Only forms whose first word is as long as the text's can fit.
        let word = letters(at);
        if word == at.len() {
            return Quick::Slow;
        }
        for cand in self.long.get(&self.cands, u32::from_le_bytes([a, b, c, d])) {
            if usize::from(cand.word) != word {
                continue;
            }
            let len = cand.len as usize;
            // The form and the byte after it must lie in the piece.
            let Some(&after) = at.get(len) else {
                return Quick::Slow;
            };
            if cand.lead != 0 {
                return Quick::Slow;
            }
            if self.fits(at, cand) != Some(true) {
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

    /// Whether `at` begins with `cand`'s bytes from its first capital on,
    /// given that its first four matched `cand`'s key; `None` when `at` is
    /// shorter than them. The tail holds the last eight bytes, or all of a
    /// shorter form, so most forms need no look at `names`.
    #[inline(always)]
    pub(super) fn fits(&self, at: &[u8], cand: &Cand) -> Option<bool> {
        let len = cand.len as usize;
        let bytes = at.get(..len)?;
        Some(if len >= 8 {
            load8(at, len - 8) == Some(cand.tail) && (len <= 12 || Some(bytes) == self.name(cand))
        } else {
            match load8(at, 0) {
                Some(w) => w & ((1u64 << (8 * len)) - 1) == cand.tail,
                None => Some(bytes) == self.name(cand),
            }
        })
    }

    /// The bytes of `cand` from its first capital on.
    pub(super) fn name(&self, cand: &Cand) -> Option<&[u8]> {
        let at = cand.name as usize;
        self.names.get(at..at + cand.len as usize)
    }
}

/// An open-addressed map from a nonzero key to a range of `NameTable::cands`:
/// a miss, the common case, costs one multiply and one or two loads.
pub(super) struct KeyTable {
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

    fn insert(&mut self, key: u32, start: usize, end: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        let at = |n: usize| u32::try_from(n).expect("a small gazetteer");
        self.slots[i] = (key, at(start), at(end));
    }

    #[inline]
    pub(super) fn get<'a>(&self, cands: &'a [Cand], key: u32) -> &'a [Cand] {
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

#[cfg(test)]
mod tests {
    use super::super::gazetteer::{Around, Probe, gazetteer};
    use super::*;
    use crate::document::{Document, Inline};

    #[test]
    fn letters_are_counted_as_bytes_one_by_one_would() {
        let text = "Nigeria's Papua New Guinea C\u{f4}te @[`{AZaz09 Switzerlandandmore Zz";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for end in start..=b.len() {
                let s = &b[start..end];
                let want = s.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                assert_eq!(letters(s), want, "{:?}", String::from_utf8_lossy(s));
            }
        }
        for byte in 0..=255u8 {
            let s = [b'A', b'b', byte, b'c', b'd', b'e', b'f', b'g', b'h', b'i'];
            let want = 2 + usize::from(byte.is_ascii_alphabetic()) * 8;
            assert_eq!(letters(&s), want, "byte {byte:#x}");
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
}
