//! Inline markup inside one block of text: `**bold**`, `*italic*`, `<i>…</i>`,
//! `<http://…>` and bare URLs, superscript footnote markers, and the header's `*`.
//!
//! The scan is linear: every search for a closing mark remembers where the
//! next candidate is, so a line full of unmatched `*` costs no more than one pass.

use super::{FootnoteLabel, TextRange};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Emphasis {
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text {
        range: TextRange,
        emphasis: Emphasis,
    },
    /// A URL, shown whole, without its angle brackets.
    Link { range: TextRange },
    /// A footnote marker; `range` is where the marker sits in the source.
    FootnoteRef {
        label: FootnoteLabel,
        range: TextRange,
    },
    /// The single space that rejoins text split by a page break or a wrapped line.
    Space,
    /// A line break the page prints inside a paragraph ("In favour:" /
    /// "Against:" in a vote list): a space in every text, a new line on screen.
    Break,
}

/// Value of a superscript digit that starts at `bytes[i]`, with its byte length.
pub(crate) fn superscript_digit(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    match bytes.get(i)? {
        0xC2 => match bytes.get(i + 1)? {
            0xB9 => Some((1, 2)),
            0xB2 => Some((2, 2)),
            0xB3 => Some((3, 2)),
            _ => None,
        },
        0xE2 => {
            if *bytes.get(i + 1)? != 0x81 {
                return None;
            }
            match bytes.get(i + 2)? {
                0xB0 => Some((0, 3)),
                b @ 0xB4..=0xB9 => Some(((b - 0xB0) as u32, 3)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Inline text over `src` as plain text, note calls written as superscripts.
pub(crate) fn write_plain(src: &str, inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { range, .. } | Inline::Link { range } => {
                out.push_str(
                    src.get(range.start as usize..range.end as usize)
                        .unwrap_or(""),
                );
            }
            Inline::Space | Inline::Break => out.push(' '),
            Inline::FootnoteRef { label, .. } => out.push_str(&super::superscript(label)),
        }
    }
}

/// Reads a run of superscript digits at `i`: (value, bytes consumed).
pub(crate) fn superscript_number(bytes: &[u8], mut i: usize) -> Option<(u32, usize)> {
    let start = i;
    let mut value: u32 = 0;
    while let Some((d, len)) = superscript_digit(bytes, i) {
        value = value.checked_mul(10)?.checked_add(d)?;
        i += len;
        if i - start > 24 {
            return None;
        }
    }
    (i > start).then_some((value, i - start))
}

struct Scanner<'a> {
    bytes: &'a [u8],
    end: usize,
    out: &'a mut Vec<Inline>,
    emphasis: Emphasis,
    text_start: usize,
    /// Cached position of the next `*` at or after some point (None: none left).
    next_star: Option<Option<usize>>,
    next_double_star: Option<Option<usize>>,
    next_gt: Option<Option<usize>>,
}

impl Scanner<'_> {
    fn flush(&mut self, upto: usize) {
        if upto > self.text_start {
            self.out.push(Inline::Text {
                range: self.text_start as u32..upto as u32,
                emphasis: self.emphasis,
            });
        }
    }

    fn find_cached(
        cache: &mut Option<Option<usize>>,
        bytes: &[u8],
        from: usize,
        end: usize,
        needle: &[u8],
    ) -> Option<usize> {
        if let Some(cached) = *cache {
            match cached {
                None => return None,
                Some(p) if p >= from => return Some(p),
                _ => {}
            }
        }
        let found = if from >= end {
            None
        } else {
            memchr::memmem::find(&bytes[from..end], needle).map(|p| p + from)
        };
        *cache = Some(found);
        found
    }

    fn star_after(&mut self, from: usize) -> Option<usize> {
        Self::find_cached(&mut self.next_star, self.bytes, from, self.end, b"*")
    }

    fn double_star_after(&mut self, from: usize) -> Option<usize> {
        Self::find_cached(
            &mut self.next_double_star,
            self.bytes,
            from,
            self.end,
            b"**",
        )
    }

    fn gt_after(&mut self, from: usize) -> Option<usize> {
        Self::find_cached(&mut self.next_gt, self.bytes, from, self.end, b">")
    }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn starts_with_at(bytes: &[u8], i: usize, end: usize, pat: &[u8]) -> bool {
    i + pat.len() <= end && &bytes[i..i + pat.len()] == pat
}

/// Bytes that can start markup; everything else is plain text.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'*' as usize] = true;
    t[b'<' as usize] = true;
    t[b'h' as usize] = true;
    t[b'\\' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// Parses `source[range]` as inline text and appends the pieces to `out`.
pub(crate) fn parse_inline(source: &str, range: std::ops::Range<usize>, out: &mut Vec<Inline>) {
    let bytes = source.as_bytes();
    let mut s = Scanner {
        bytes,
        end: range.end,
        out,
        emphasis: Emphasis::default(),
        text_start: range.start,
        next_star: None,
        next_double_star: None,
        next_gt: None,
    };
    let end = range.end;
    let mut i = range.start;
    while i < end {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            i += 1;
            continue;
        }
        match b {
            b'*' => {
                if starts_with_at(bytes, i, end, b"**") {
                    if s.emphasis.bold {
                        s.flush(i);
                        s.emphasis.bold = false;
                        i += 2;
                        s.text_start = i;
                        continue;
                    }
                    let opens = i + 2 < end && !is_space(bytes[i + 2]);
                    if opens && s.double_star_after(i + 2).is_some() {
                        s.flush(i);
                        s.emphasis.bold = true;
                        i += 2;
                        s.text_start = i;
                        continue;
                    }
                    i += 2;
                    continue;
                }
                if s.emphasis.italic {
                    s.flush(i);
                    s.emphasis.italic = false;
                    i += 1;
                    s.text_start = i;
                    continue;
                }
                let prev = (i > range.start).then(|| bytes[i - 1]);
                let after_word = prev.is_some_and(|p| !is_space(p) && !b"([\"'".contains(&p));
                let opens = i + 1 < end && !is_space(bytes[i + 1]) && !after_word;
                if opens && s.star_after(i + 1).is_some() {
                    s.flush(i);
                    s.emphasis.italic = true;
                    i += 1;
                    s.text_start = i;
                    continue;
                }
                let ends_word = i + 1 >= end || !bytes[i + 1].is_ascii_alphanumeric();
                if after_word && ends_word {
                    s.flush(i);
                    s.out.push(Inline::FootnoteRef {
                        label: FootnoteLabel::Symbol('*'),
                        range: i as u32..i as u32 + 1,
                    });
                    i += 1;
                    s.text_start = i;
                    continue;
                }
                i += 1;
            }
            b'<' => {
                let tag = [
                    (&b"<i>"[..], Some(true), None),
                    (&b"</i>"[..], Some(false), None),
                    (&b"<b>"[..], None, Some(true)),
                    (&b"</b>"[..], None, Some(false)),
                ]
                .into_iter()
                .find(|(pat, _, _)| starts_with_at(bytes, i, end, pat));
                if let Some((pat, italic, bold)) = tag {
                    s.flush(i);
                    if let Some(v) = italic {
                        s.emphasis.italic = v;
                    }
                    if let Some(v) = bold {
                        s.emphasis.bold = v;
                    }
                    i += pat.len();
                    s.text_start = i;
                    continue;
                }
                let url = starts_with_at(bytes, i + 1, end, b"http://")
                    || starts_with_at(bytes, i + 1, end, b"https://");
                if url
                    && let Some(close) = s.gt_after(i + 1)
                    && !bytes[i + 1..close].iter().any(|&c| is_space(c))
                {
                    s.flush(i);
                    s.out.push(Inline::Link {
                        range: (i + 1) as u32..close as u32,
                    });
                    i = close + 1;
                    s.text_start = i;
                    continue;
                }
                i += 1;
            }
            b'\\' => {
                // A Markdown escape such as `\$`: the reader sees only the `$`.
                if i + 1 < end && bytes[i + 1].is_ascii_punctuation() {
                    s.flush(i);
                    s.text_start = i + 1;
                    i += 2;
                    continue;
                }
                i += 1;
            }
            b'h' => {
                let at_word_start = i == range.start || !bytes[i - 1].is_ascii_alphanumeric();
                if at_word_start
                    && (starts_with_at(bytes, i, end, b"http://")
                        || starts_with_at(bytes, i, end, b"https://"))
                {
                    let mut j = i;
                    while j < end && !is_space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                    // Sentence punctuation after a URL is not part of it.
                    while j > i && matches!(bytes[j - 1], b'.' | b',' | b';' | b':' | b')') {
                        j -= 1;
                    }
                    s.flush(i);
                    s.out.push(Inline::Link {
                        range: i as u32..j as u32,
                    });
                    i = j;
                    s.text_start = i;
                    continue;
                }
                i += 1;
            }
            _ => {
                if let Some((value, len)) = superscript_number(bytes, i) {
                    s.flush(i);
                    s.out.push(Inline::FootnoteRef {
                        label: FootnoteLabel::Number(value),
                        range: i as u32..(i + len) as u32,
                    });
                    i += len;
                    s.text_start = i;
                    continue;
                }
                i += 1;
            }
        }
    }
    s.flush(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(src: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        parse_inline(src, 0..src.len(), &mut out);
        out.iter()
            .map(|i| match i {
                Inline::Text { range, emphasis } => (
                    src[range.start as usize..range.end as usize].to_string(),
                    match (emphasis.bold, emphasis.italic) {
                        (true, true) => "bi",
                        (true, false) => "b",
                        (false, true) => "i",
                        _ => "",
                    },
                ),
                Inline::Link { range } => (
                    src[range.start as usize..range.end as usize].to_string(),
                    "link",
                ),
                Inline::FootnoteRef { label, .. } => (label.to_string(), "ref"),
                Inline::Space => (" ".into(), "space"),
                Inline::Break => (" ".into(), "break"),
            })
            .collect()
    }

    #[test]
    fn bold_italic_and_markers() {
        assert_eq!(
            pieces("a **b** *c* d.¹⁴ e"),
            vec![
                ("a ".into(), ""),
                ("b".into(), "b"),
                (" ".into(), ""),
                ("c".into(), "i"),
                (" d.".into(), ""),
                ("14".into(), "ref"),
                (" e".into(), ""),
            ]
        );
    }

    #[test]
    fn asterisk_after_word_is_a_footnote_marker() {
        assert_eq!(
            pieces("provisional agenda*"),
            vec![("provisional agenda".into(), ""), ("*".into(), "ref")]
        );
    }

    #[test]
    fn urls_keep_their_text_and_lose_brackets() {
        assert_eq!(
            pieces("at <http://x.org/A>. See http://y.org/b.htm."),
            vec![
                ("at ".into(), ""),
                ("http://x.org/A".into(), "link"),
                (". See ".into(), ""),
                ("http://y.org/b.htm".into(), "link"),
                (".".into(), ""),
            ]
        );
    }

    #[test]
    fn unmatched_marks_stay_text() {
        let p = pieces("2 * 3 ** 4 < 5");
        let text: String = p.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "2 * 3 ** 4 < 5");
    }

    #[test]
    fn italic_after_bracket_is_not_a_marker() {
        assert_eq!(
            pieces("(*Official Gazette*, 2004)"),
            vec![
                ("(".into(), ""),
                ("Official Gazette".into(), "i"),
                (", 2004)".into(), "")
            ]
        );
    }

    #[test]
    fn markdown_escapes_lose_their_backslash() {
        let p = pieces(r"approximately \$6.35 billion");
        let text: String = p.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "approximately $6.35 billion");
    }

    #[test]
    fn html_italic_tags_are_dropped() {
        assert_eq!(pieces("<i>Page</i>"), vec![("Page".into(), "i")]);
    }
}
