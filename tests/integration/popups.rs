//! Scrolling in the footnote popup and the help: `update` keeps the scroll
//! within the text, so a key that scrolls back moves the view at once.

use crate::common::{app, press, render};

use report_reader::app::{Input, Overlay, update};

fn scroll(a: &report_reader::app::App) -> u16 {
    match &a.overlay {
        Overlay::Footnotes(p) => p.scroll,
        Overlay::Help { scroll } => *scroll,
        other => panic!("no popup: {other:?}"),
    }
}

#[test]
fn the_footnote_popup_stops_scrolling_at_its_last_line() {
    // Narrow and short, so that a footnote is longer than its pane.
    let mut a = app(60, 12);
    let doc = a.doc.clone();
    let (p, _) = doc
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, para)| {
            let f = *para.footnotes.first()?;
            Some((i, doc.plain(&doc.footnotes[f].text).len()))
        })
        .max_by_key(|&(_, len)| len)
        .expect("a paragraph citing a footnote");
    press(&mut a, &format!(":{}<Enter>f", doc.paragraphs[p].number));
    assert!(!render(&a).contains("Cited in"), "{}", render(&a));
    press(&mut a, &"J".repeat(40));
    let bottom = render(&a);
    let limit = scroll(&a);
    assert!(limit > 0);
    // The last line of the text on the pane's last row: no further.
    let rows: Vec<&str> = bottom.lines().collect();
    let hint = rows
        .iter()
        .position(|r| r.contains("scroll"))
        .expect("keys");
    assert!(rows[hint - 1].contains("Cited in"), "{bottom}");
    // One key back moves at once.
    press(&mut a, "K");
    assert_eq!(scroll(&a), limit.saturating_sub(3));
    assert_ne!(render(&a), bottom);
    // A taller screen shows more: the limit follows it.
    update(&mut a, Input::Resize(60, 40));
    press(&mut a, &"J".repeat(40));
    assert!(scroll(&a) < limit, "{} at 60x40", scroll(&a));
}

#[test]
fn the_help_stops_scrolling_at_its_last_line() {
    let mut a = app(100, 20);
    press(&mut a, "?");
    for _ in 0..100 {
        press(&mut a, "<PageDown>");
    }
    let limit = scroll(&a);
    let bottom = render(&a);
    press(&mut a, "<PageDown>");
    assert_eq!(scroll(&a), limit, "held at the last line");
    press(&mut a, "k");
    assert_eq!(scroll(&a), limit - 1);
    assert_ne!(render(&a), bottom);
}
