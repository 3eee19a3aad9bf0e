//! Making document and note text safe to show: no byte of it may steer the terminal.

use std::borrow::Cow;

/// Whether `c` could change the terminal's state or the text's layout or
/// direction: C0 and C1 controls (ESC, CSI, OSC, BEL…), DEL, the bidi marks,
/// embeddings, overrides and isolates, the line and paragraph separators,
/// and the zero-width joiner (terminals disagree on how wide a joined
/// emoji is, and a row that disagrees loses its last cells).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200D}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `is_unsafe`, except for the newline that ends a line of output.
pub fn is_unsafe_but_newline(c: char) -> bool {
    c != '\n' && is_unsafe(c)
}

/// Replaces control characters with visible stand-ins: C0 controls become
/// their control pictures (ESC → ␛), tabs become a space, C1 controls and
/// bidi overrides become U+FFFD. Text without such characters is borrowed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| c != '\u{200D}')
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

/// Text for the clipboard (OSC 52): only what a person can see. Line
/// breaks and tabs become a space; every other control (ESC and so any
/// escape sequence's start, BEL, C1 codes, DEL) and the bidi marks,
/// overrides and isolates are left out, so what is pasted elsewhere can
/// neither steer a terminal nor read in another direction than it showed.
pub fn for_clipboard(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                Some(' ')
            }
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Text of several lines made safe line by line: the newlines stay.
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.split('\n')
            .map(|line| sanitize(line.strip_suffix('\r').unwrap_or(line)))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// JSON text with every unsafe character outside what serde_json escapes
/// (DEL, C1 controls, bidi marks and overrides) written as `\uXXXX`, so a
/// script that prints a value cannot be steered by it either. These can
/// only stand inside JSON strings, where the escape means the same.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Newlines and tabs between tokens are layout; in strings serde_json escaped them.
        if is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{json_safe, sanitize};

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let value = serde_json::json!({"title": "a\u{202e}b\u{9b}c\u{7f}d\u{1b}"});
        let text = format!("{value:#}\n");
        let safe = json_safe(&text);
        assert!(
            !safe.chars().any(|c| super::is_unsafe(c) && c != '\n'),
            "{safe}"
        );
        assert!(safe.contains("\\u202e"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\x1b[31mb\x07\u{9b}c\u{202e}d\te\n\u{61c}f\u{2028}");
        assert_eq!(s, "a␛[31mb␇\u{fffd}c\u{fffd}d e␊\u{fffd}f\u{fffd}");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn a_zero_width_joiner_is_dropped_so_joined_emoji_stand_apart() {
        assert_eq!(
            sanitize("a\u{1F468}\u{200D}\u{1F469}b"),
            "a\u{1F468}\u{1F469}b"
        );
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            sanitize("Côte d’Ivoire — ok"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
