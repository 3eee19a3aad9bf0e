//! Right-to-left text in a span, back to reading (logical) order.
//!
//! pdf_oxide takes a span holding any right-to-left letter (or U+FEFF, which
//! it counts as an Arabic presentation form) to be drawn in visual order
//! and reverses the whole span. In an English line with one Arabic or
//! Hebrew word that reverses the English too ("ekops dna"), and a reversed
//! "2. The…" no longer starts a paragraph, so it merges with the one before.
//! Where the library merged a reversed Arabic word into an English span it
//! had not reversed, the English reads forwards already. So a mixed span is
//! turned back only when its Latin words read backwards ("ehT", "dna"), and
//! then only its right-to-left runs are reversed, as the library does for a
//! span that is all Arabic or Hebrew. U+FEFF (an invisible byte-order mark)
//! is dropped.

use pdf_oxide::text::bidi::reverse_rtl_keep_numbers;
use pdf_oxide::text::rtl_detector::is_rtl_text;
use unicode_bidi::{BidiClass, bidi_class};

const BOM: char = '\u{feff}';

/// The span's text in reading order, without U+FEFF.
pub(super) fn logical(text: &str) -> String {
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    if !latin || !text.chars().any(|c| is_rtl_text(c as u32)) {
        return text.replace(BOM, "");
    }
    if !reads_backwards(text) {
        return text.replace(BOM, "");
    }
    // The library reversed it whole: what the PDF drew comes back.
    let drawn = reverse_rtl_keep_numbers(text).replace(BOM, "");
    rtl_runs_reversed(&drawn)
}

/// Common short words of English, French and Spanish whose reversal is no
/// word of theirs.
const FORWARD: [&str; 28] = [
    "the", "of", "and", "to", "in", "for", "by", "with", "that", "this", "from", "its", "was",
    "were", "are", "has", "have", "which", "not", "de", "des", "les", "du", "pour", "sur", "par",
    "del", "por",
];

/// Whether the Latin words read backwards: more of them end in a capital
/// or are common words reversed ("ehT", "dna") than the other way round.
fn reads_backwards(text: &str) -> bool {
    let (mut forwards, mut backwards) = (0, 0);
    for word in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
    {
        let lower = word.to_ascii_lowercase();
        let reversed: String = lower.chars().rev().collect();
        forwards += usize::from(FORWARD.contains(&lower.as_str()));
        backwards += usize::from(FORWARD.contains(&reversed.as_str()));
        let upper: Vec<bool> = word.chars().map(|c| c.is_ascii_uppercase()).collect();
        let capitals = upper.iter().filter(|&&u| u).count();
        if capitals == 1 {
            forwards += usize::from(upper[0]);
            backwards += usize::from(upper[upper.len() - 1]);
        }
    }
    backwards > forwards
}

fn strong_rtl(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

fn strong_ltr(c: char) -> bool {
    bidi_class(c) == BidiClass::L
}

/// Each run from one right-to-left letter to the last before a left-to-right
/// one, reversed (numbers in it kept as written).
fn rtl_runs_reversed(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        if !strong_rtl(chars[k]) {
            out.push(chars[k]);
            k += 1;
            continue;
        }
        let mut end = k + 1;
        let mut last = k;
        while end < chars.len() && !strong_ltr(chars[end]) {
            if strong_rtl(chars[end]) || bidi_class(chars[end]) == BidiClass::NSM {
                last = end;
            }
            end += 1;
        }
        let run: String = chars[k..=last].iter().collect();
        out.push_str(&reverse_rtl_keep_numbers(&run));
        k = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What pdf_oxide makes of a span drawn as `drawn`.
    fn as_the_library_gives(drawn: &str) -> String {
        reverse_rtl_keep_numbers(drawn)
    }

    #[test]
    fn an_english_line_with_an_arabic_word_drawn_in_visual_order_reads_in_order() {
        // "سلام" drawn right to left: its last letter leftmost.
        let drawn = "met the \u{645}\u{627}\u{644}\u{633} group in 2010.";
        let got = logical(&as_the_library_gives(drawn));
        assert_eq!(got, "met the \u{633}\u{644}\u{627}\u{645} group in 2010.");
    }

    #[test]
    fn two_hebrew_words_in_an_english_line_keep_their_reading_order() {
        // "שלום עולם" drawn in visual order: "םלוע םולש".
        let drawn = "The words \u{5dd}\u{5dc}\u{5d5}\u{5e2} \u{5dd}\u{5d5}\u{5dc}\u{5e9} mean it";
        let got = logical(&as_the_library_gives(drawn));
        assert_eq!(
            got,
            "The words \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{5e2}\u{5d5}\u{5dc}\u{5dd} mean it"
        );
    }

    #[test]
    fn a_byte_order_mark_in_english_is_dropped_and_the_line_kept_in_order() {
        let got = logical(&as_the_library_gives("2. The second\u{feff} paragraph"));
        assert_eq!(got, "2. The second paragraph");
        assert_eq!(logical("\u{feff}plain"), "plain");
    }

    #[test]
    fn english_the_library_left_forwards_beside_a_reversed_word_stays() {
        // The library reversed only the Arabic word's own span, then merged.
        let merged = "The Special Rapporteur met the \u{645}\u{627}\u{644}\u{633}";
        assert_eq!(logical(merged), merged);
    }

    #[test]
    fn text_without_right_to_left_letters_is_left_alone() {
        assert_eq!(logical("1. The report, 2010"), "1. The report, 2010");
        // An all-Arabic span is the library's to order.
        assert_eq!(
            logical("\u{633}\u{644}\u{627}\u{645}"),
            "\u{633}\u{644}\u{627}\u{645}"
        );
    }
}
