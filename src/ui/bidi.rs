//! Right-to-left runs shown right to left. A terminal draws cells left to
//! right, so a line is put in display order by the Unicode bidirectional
//! algorithm (UAX #9) just before it is drawn; the model, search, copy and
//! notes keep reading order.

use ratatui::text::Span;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

fn strong_rtl(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether a paragraph reads right to left: more of its letters do.
pub fn reads_rtl(paragraph: &str) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in paragraph.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    rtl > ltr
}

/// One wrapped line's spans, in reading order, put in display order;
/// `rtl` is whether its paragraph reads right to left (asked only when
/// the line holds a right-to-left letter). Styles stay with their text.
pub fn display_order<'a>(spans: Vec<Span<'a>>, rtl: impl FnOnce() -> bool) -> Vec<Span<'a>> {
    if !spans.iter().any(|s| s.content.chars().any(strong_rtl)) {
        return spans;
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let level = if rtl() { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&text, Some(level));
    let (levels, runs) = info.visual_runs(0..text.len());
    // Where each span lies in the line's text.
    let mut bounds = Vec::with_capacity(spans.len());
    let mut at = 0;
    for s in &spans {
        bounds.push((at, at + s.content.len(), s.style));
        at += s.content.len();
    }
    let mut out = Vec::with_capacity(spans.len() + runs.len());
    for run in runs {
        let reversed = levels.get(run.start).is_some_and(|l| l.is_rtl());
        let mut pieces: Vec<Span<'a>> = Vec::new();
        for &(start, end, style) in &bounds {
            let (a, b) = (run.start.max(start), run.end.min(end));
            let Some(piece) = text.get(a..b).filter(|p| !p.is_empty()) else {
                continue;
            };
            let shown = if reversed {
                mirrored_backwards(piece)
            } else {
                piece.to_string()
            };
            pieces.push(Span::styled(shown, style));
        }
        if reversed {
            pieces.reverse();
        }
        out.extend(pieces);
    }
    out
}

/// The text backwards, each letter kept before its combining marks, and
/// brackets turned to face the other way (UAX #9 rule L4).
fn mirrored_backwards(text: &str) -> String {
    let mut clusters: Vec<String> = Vec::new();
    for c in text.chars() {
        let mark = bidi_class(c) == BidiClass::NSM;
        match clusters.last_mut() {
            Some(last) if mark => last.push(c),
            _ => clusters.push(mirror(c).to_string()),
        }
    }
    clusters.into_iter().rev().collect()
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Modifier, Style};

    fn shown(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn an_arabic_word_in_an_english_line_is_shown_right_to_left() {
        // Reading order: "met the سلام group".
        let line = vec![Span::raw("met the \u{633}\u{644}\u{627}\u{645} group")];
        let out = display_order(line, || false);
        assert_eq!(shown(&out), "met the \u{645}\u{627}\u{644}\u{633} group");
    }

    #[test]
    fn two_hebrew_words_are_shown_last_word_leftmost() {
        let line = vec![Span::raw("in \u{5d0}\u{5d1} \u{5d2}\u{5d3}.")];
        let out = display_order(line, || false);
        assert_eq!(shown(&out), "in \u{5d3}\u{5d2} \u{5d1}\u{5d0}.");
    }

    #[test]
    fn styles_stay_with_their_letters_and_numbers_read_left_to_right() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let line = vec![
            Span::raw("x \u{5d0}\u{5d1}"),
            Span::styled(" 2010 \u{5d2}", bold),
        ];
        let out = display_order(line, || false);
        assert_eq!(shown(&out), "x \u{5d2} 2010 \u{5d1}\u{5d0}");
        let bold_text: String = out
            .iter()
            .filter(|s| s.style == bold)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(bold_text, "\u{5d2} 2010 ");
    }

    #[test]
    fn a_line_without_right_to_left_letters_is_untouched() {
        let line = vec![Span::raw("The report (2010).")];
        let out = display_order(line.clone(), || panic!("not asked"));
        assert_eq!(out, line);
    }

    #[test]
    fn brackets_in_a_right_to_left_run_face_the_other_way() {
        assert_eq!(mirrored_backwards("\u{5d0}(\u{5d1})"), "(\u{5d1})\u{5d0}");
        assert!(reads_rtl("\u{5d0}\u{5d1}\u{5d2} ab"));
        assert!(!reads_rtl("The \u{5d0}\u{5d1} word"));
    }
}
