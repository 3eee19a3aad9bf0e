//! Making document and note text safe to show: no byte of it may steer the terminal.

use std::borrow::Cow;

/// Whether `c` could change the terminal's state or the text's layout or
/// direction: C0 and C1 controls (ESC, CSI, OSC, BEL…), DEL, the bidi marks,
/// embeddings, overrides and isolates, and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Replaces control characters with visible stand-ins: C0 controls become
/// their control pictures (ESC → ␛), tabs become a space, C1 controls and
/// bidi overrides become U+FFFD. Text without such characters is borrowed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    // Every unsafe character starts with one of these bytes (C0 and DEL; C1
    // is 0xC2 0x80..0x9F; U+061C is 0xD8 0x9C; the others 0xE2 0x80/0x81 ..):
    // most text has none, and is passed through without decoding.
    let suspect = |b: &u8| matches!(*b, 0x00..=0x1f | 0x7f | 0xC2 | 0xD8 | 0xE2);
    if !s.as_bytes().iter().any(suspect) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\x1b[31mb\x07\u{9b}c\u{202e}d\te\n\u{61c}f\u{2028}");
        assert_eq!(s, "a␛[31mb␇\u{fffd}c\u{fffd}d e␊\u{fffd}f\u{fffd}");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            sanitize("Côte d’Ivoire — ok"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
