//! Text folded for searching: what a researcher types ("children's",
//! "Cote d") finds what the report prints ("children’s", "Côte d’Ivoire").
//! Folding ignores case, accents (by compatibility decomposition, which also
//! splits ligatures such as "ﬁ"), the kind of apostrophe, quote and dash,
//! soft hyphens and non-breaking spaces. A folded text keeps, for each of its
//! bytes, the byte of the original it came from, so matches are shown on the
//! printed text.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What every apostrophe and quotation mark folds to.
pub const QUOTE: char = '\'';

/// `text` folded, and where each of its bytes came from in the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// Stretches of the folded text in order; kept per stretch, not per
    /// byte, so a mostly ASCII report's map is small and quick to make.
    runs: Vec<Run>,
}

/// From folded byte `folded` on: an ASCII stretch, byte for byte from
/// `original` (linear); or one character's folding, every byte from the
/// character at `original`.
#[derive(Debug, Clone, Copy)]
struct Run {
    folded: u32,
    original: u32,
    linear: bool,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut f = Folded::default();
        fold_with(text, &mut f.text, Some(&mut f.runs));
        f
    }

    /// The original byte where folded byte `at`'s character starts.
    fn source(&self, at: usize) -> usize {
        let k = self.runs.partition_point(|r| r.folded as usize <= at);
        let Some(run) = k.checked_sub(1).and_then(|k| self.runs.get(k)) else {
            return 0;
        };
        if run.linear {
            run.original as usize + (at - run.folded as usize)
        } else {
            run.original as usize
        }
    }

    /// The original bytes of folded bytes `range`, in `original`: from the
    /// character the range starts in to the end of the one it ends in.
    pub fn original(&self, original: &str, range: Range<usize>) -> Range<u32> {
        if range.start >= self.text.len() {
            return original.len() as u32..original.len() as u32;
        }
        let start = self.source(range.start);
        let last = self.source(range.end.saturating_sub(1).max(range.start));
        let end = original
            .get(last..)
            .and_then(|s| s.chars().next())
            .map_or(original.len(), |c| last + c.len_utf8());
        start as u32..end as u32
    }
}

/// `text` folded, without the map: for a query.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_with(text, &mut out, None);
    out
}

/// How many bytes `bytes` starts with that are ASCII, eight at a time.
fn ascii_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii()).count()
}

/// Folds `text` onto `out`, recording runs when asked. ASCII stretches
/// (most of an English report) are copied and lowered whole.
fn fold_with(text: &str, out: &mut String, mut runs: Option<&mut Vec<Run>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let n = ascii_len(&bytes[i..]);
        if n > 0 {
            let at = out.len();
            if let Some(runs) = runs.as_deref_mut() {
                runs.push(Run {
                    folded: at as u32,
                    original: i as u32,
                    linear: true,
                });
            }
            out.push_str(&text[i..i + n]);
            out[at..].make_ascii_lowercase();
            for q in memchr::memchr_iter(b'"', &bytes[i..i + n]) {
                out.replace_range(at + q..at + q + 1, "'");
            }
            i += n;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if let Some(runs) = runs.as_deref_mut() {
            runs.push(Run {
                folded: out.len() as u32,
                original: i as u32,
                linear: false,
            });
        }
        fold_char(c, out);
        i += c.len_utf8();
    }
}

/// Latin letters with accents (U+00C0 to U+024F), folded once: the
/// decomposition's lookup is most of what folding a French or Spanish
/// report costs. `'\0'`: not one character; folded the long way.
fn latin(c: char) -> Option<char> {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0xC0u32..0x250)
            .map(|u| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_char_slowly(c, &mut folded);
                }
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (Some(f), None) => f,
                    _ => '\0',
                }
            })
            .collect()
    });
    let folded = *table.get((c as usize).checked_sub(0xC0)?)?;
    (folded != '\0').then_some(folded)
}

/// One character that is not ASCII, folded onto `out` (maybe to nothing).
fn fold_char(c: char, out: &mut String) {
    match latin(c) {
        Some(f) => out.push(f),
        None => fold_char_slowly(c, out),
    }
}

fn fold_char_slowly(c: char, out: &mut String) {
    match c {
        // Soft hyphen, zero-width spaces and joiners, the BOM: never seen.
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{2018}'
        | '\u{2019}'
        | '\u{201A}'
        | '\u{201B}'
        | '\u{201C}'..='\u{201F}'
        | '\u{AB}'
        | '\u{BB}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{2032}'
        | '\u{2033}'
        | '\u{B4}'
        | '\u{FF07}'
        | '\u{FF02}' => out.push(QUOTE),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            out.push('-')
        }
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
        // Accents and ligatures: compatibility decomposition, marks left out.
        _ => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_typed_and_what_is_printed_fold_alike() {
        for (typed, printed) in [
            ("children's", "children’s"),
            ("cote d'ivoire", "Côte d’Ivoire"),
            ("CÔTE D’IVOIRE", "Cote d'Ivoire"),
            ("espana", "España"),
            ("francais", "Français"),
            ("\"respect\"", "«respect»"),
            ("“respect”", "\"respect\""),
            ("2009-2010", "2009–2010"),
            ("a-b-c", "a—b‑c"),
            ("profile", "proﬁle"),
            ("self-determination", "self-determina\u{AD}tion"),
            ("10 000", "10\u{A0}000"),
            ("‘x’", "'x'"),
        ] {
            assert_eq!(fold(typed), fold(printed), "{typed} / {printed}");
        }
    }

    #[test]
    fn a_folded_range_maps_back_to_the_printed_bytes() {
        let printed = "La Côte d’Ivoire a ﬁni.";
        let f = Folded::new(printed);
        let at = f.text.find("cote d'ivoire").unwrap();
        let r = f.original(printed, at..at + "cote d'ivoire".len());
        assert_eq!(&printed[r.start as usize..r.end as usize], "Côte d’Ivoire");
        let at = f.text.find("fini").unwrap();
        let r = f.original(printed, at..at + 4);
        assert_eq!(&printed[r.start as usize..r.end as usize], "ﬁni");
        let mixed = "«Cote» d’IVOIRE \"x\" ﬁ";
        let f = Folded::new(mixed);
        assert_eq!(f.text, "'cote' d'ivoire 'x' fi");
        for (i, _) in f.text.char_indices() {
            let r = f.original(mixed, i..i + 1);
            assert!(mixed.is_char_boundary(r.start as usize), "{i}");
        }
        let soft = "a\u{AD}b";
        let f = Folded::new(soft);
        assert_eq!(f.text, "ab");
        let r = f.original(soft, 0..2);
        assert_eq!(&soft[r.start as usize..r.end as usize], soft);
    }
}
