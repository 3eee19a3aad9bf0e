//! The reader driven by keys, checked by where it ends up.

use crate::common::{app, number, press, render};

use report_reader::app::{Effect, Focus, Input, Overlay, update};
use report_reader::document::FootnoteLabel;
use report_reader::keymap::KeyPress;
use report_reader::layout::BlockKind;

#[test]
fn goto_paragraph_then_footnotes_shows_three_to_fourteen() {
    let mut a = app(120, 40);
    press(&mut a, ":55<Enter>");
    assert_eq!(number(&a), Some(55));
    press(&mut a, "f");
    let Overlay::Footnotes(popup) = &a.overlay else {
        panic!("no popup: {:?}", a.overlay);
    };
    let labels: Vec<FootnoteLabel> = popup
        .list
        .iter()
        .map(|&f| a.doc.footnotes[f].label)
        .collect();
    assert_eq!(
        labels,
        (3..=14).map(FootnoteLabel::Number).collect::<Vec<_>>()
    );
    let screen = render(&a);
    assert!(screen.contains("Footnotes · para. 55 (12)"), "{screen}");
    assert!(screen.contains("The background documentation for the reviews"));
    press(&mut a, "j");
    assert!(render(&a).contains("See, for example, A/HRC/8/22"));
    let before = (a.top, a.current);
    press(&mut a, "<Esc>");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(
        (a.top, a.current),
        before,
        "Esc leaves the reading place alone"
    );
}

#[test]
fn header_footnote_is_the_star() {
    let mut a = app(100, 30);
    press(&mut a, "f");
    let Overlay::Footnotes(popup) = &a.overlay else {
        panic!("no popup");
    };
    assert_eq!(
        a.doc.footnotes[popup.list[0]].label,
        FootnoteLabel::Symbol('*')
    );
    assert!(render(&a).contains("A/65/150."));
}

#[test]
fn a_paragraph_without_footnotes_says_so() {
    let mut a = app(100, 30);
    press(&mut a, ":3<Enter>f");
    assert_eq!(a.overlay, Overlay::None);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("para. 3 cites no footnotes")
    );
}

#[test]
fn search_counts_matches_and_n_moves_to_the_second() {
    let mut a = app(120, 40);
    press(&mut a, "/lithuania<Enter>n");
    assert_eq!(a.search.matches.len(), 4);
    assert_eq!(a.search.current, Some(1));
    assert_eq!(number(&a), Some(30));
    assert_eq!(a.message.as_ref().unwrap().text, "match 2 of 4");
    press(&mut a, "N");
    assert_eq!(a.search.current, Some(0));
    // Case-insensitive by default.
    press(&mut a, "/OHCHR<Enter>");
    let lower = a.search.matches.len();
    press(&mut a, "/ohchr<Enter>");
    assert_eq!(a.search.matches.len(), lower);
    assert!(lower > 10);
}

#[test]
fn search_escape_returns_to_where_it_started() {
    let mut a = app(120, 40);
    press(&mut a, ":12<Enter>");
    let here = (a.top, a.current);
    press(&mut a, "/convention");
    assert_ne!(
        (a.top, a.current),
        here,
        "incremental search moves as you type"
    );
    press(&mut a, "<Esc>");
    assert_eq!((a.top, a.current), here);
    assert!(a.search.matches.is_empty());
}

#[test]
fn unknown_paragraph_is_a_message_not_a_jump() {
    let mut a = app(120, 40);
    press(&mut a, ":20<Enter>");
    let here = (a.top, a.current);
    press(&mut a, ":99<Enter>");
    assert_eq!((a.top, a.current), here);
    let m = a.message.clone().unwrap().text;
    assert!(
        m.contains("no paragraph \"99\"") && m.contains("1–67"),
        "{m}"
    );
}

#[test]
fn paragraph_and_section_keys() {
    let mut a = app(120, 40);
    press(&mut a, "}");
    assert_eq!(number(&a), Some(1));
    press(&mut a, "}}}");
    assert_eq!(number(&a), Some(4));
    press(&mut a, "{");
    assert_eq!(number(&a), Some(3));
    press(&mut a, "]");
    assert_eq!(number(&a), Some(4), "Egypt starts at 4");
    press(&mut a, "]]");
    assert_eq!(number(&a), Some(11), "Qatar");
    press(&mut a, "j");
    press(&mut a, "[");
    assert_eq!(
        number(&a),
        Some(11),
        "back to the start of Qatar's own heading"
    );
    press(&mut a, "[");
    assert_eq!(number(&a), Some(7), "Guatemala");
    press(&mut a, "[[");
    assert_eq!(number(&a), Some(3), "Part II's own heading");
    press(&mut a, "G");
    assert_eq!(number(&a), Some(67));
    press(&mut a, "g");
    assert_eq!(number(&a), None);
}

#[test]
fn jump_history_goes_back_and_forward() {
    let mut a = app(120, 40);
    press(&mut a, ":37<Enter>:55<Enter>");
    press(&mut a, "<C-o>");
    assert_eq!(number(&a), Some(37));
    press(&mut a, "<C-o>");
    assert_eq!(number(&a), None);
    press(&mut a, "<A-Right>");
    assert_eq!(number(&a), Some(37));
    press(&mut a, "<Backspace>");
    assert_eq!(number(&a), None);
}

#[test]
fn scrolling_moves_the_current_paragraph_with_the_reader() {
    let mut a = app(120, 40);
    press(&mut a, ":4<Enter>");
    for _ in 0..40 {
        press(&mut a, "j");
    }
    let n = number(&a).unwrap();
    assert!(n > 4, "{n}");
    let top_block = a.visible[0].block;
    assert!(a.blocks.iter().skip(top_block).find_map(|b| b.paragraph()) == a.current);
    press(&mut a, "<Space>");
    assert!(number(&a).unwrap() > n);
}

#[test]
fn contents_pane_jumps_and_folds() {
    let mut a = app(120, 40);
    press(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Contents);
    // Summary, I, II, Egypt
    press(&mut a, "jjj<Enter>");
    assert_eq!(number(&a), Some(4));
    let items = a.contents_items().len();
    press(&mut a, "k<Space>");
    assert_eq!(a.contents_items().len(), items - 5, "Part II folded");
    press(&mut a, "l");
    assert_eq!(a.contents_items().len(), items);
    press(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Reader);
    press(&mut a, ":38<Enter>");
    let sel = a.contents.selected;
    let item = a.contents_items()[sel];
    assert_eq!(
        item,
        report_reader::app::ContentsItem::Section(10),
        "the second Spain follows"
    );
    // t hides the pane; it is also hidden when the terminal is narrow.
    press(&mut a, "t");
    assert!(a.areas().contents.is_none());
    press(&mut a, "t");
    update(&mut a, Input::Resize(70, 30));
    assert!(a.areas().contents.is_none());
}

#[test]
fn resize_keeps_the_current_paragraph_in_view() {
    let mut a = app(120, 40);
    press(&mut a, ":37<Enter>");
    for (w, h) in [(60, 20), (200, 50), (30, 8), (1, 1), (120, 40)] {
        update(&mut a, Input::Resize(w, h));
        assert_eq!(number(&a), Some(37));
        let _ = render(&a);
        if w >= 24 && h >= 6 {
            let shown = a
                .visible
                .iter()
                .any(|p| a.blocks[p.block].kind == BlockKind::Paragraph(a.current.unwrap()));
            assert!(shown, "{w}x{h}");
        }
    }
}

#[test]
fn mouse_wheel_scrolls_and_clicks_jump() {
    let mut a = app(120, 40);
    let top = a.top;
    update(
        &mut a,
        Input::Scroll {
            column: 80,
            row: 10,
            lines: 3,
        },
    );
    assert!(a.top > top);
    // Click the contents row for Egypt (row 0 is the border).
    update(&mut a, Input::Click { column: 5, row: 4 });
    assert_eq!(number(&a), Some(4));
}

#[test]
fn quit_and_help() {
    let mut a = app(120, 40);
    press(&mut a, "?");
    assert!(matches!(a.overlay, Overlay::Help { .. }));
    assert!(render(&a).contains("Go to a paragraph by its number"));
    press(&mut a, "<Esc>");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(
        press(&mut a, "q"),
        vec![Effect::Quit {
            unsaved_notes: None
        }]
    );
    // Typing q into a prompt types it.
    assert!(press(&mut a, "/q").is_empty());
}

#[test]
fn only_key_presses_count() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    let mut ev = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(KeyPress::from_event(&ev).is_some());
    ev.kind = KeyEventKind::Release;
    assert!(KeyPress::from_event(&ev).is_none());
    ev.kind = KeyEventKind::Repeat;
    assert!(KeyPress::from_event(&ev).is_none());
}

#[test]
fn long_paragraph_numbers_get_a_wider_gutter() {
    let mut text = String::from("I. Many\n\n");
    for n in 99_998..=100_001 {
        text.push_str(&format!("{n}. Paragraph number {n} of a long report.\n\n"));
    }
    let doc = report_reader::document::parse(&text);
    let mut a = report_reader::app::App::new(
        doc,
        report_reader::keymap::Keymap::default_keymap(),
        (100, 20),
    );
    press(&mut a, ":99999<Enter>");
    let screen = render(&a);
    assert!(
        screen.contains("  99999▌ Paragraph number 99999"),
        "{screen}"
    );
    assert!(
        screen.contains(" 100000  Paragraph number 100000"),
        "{screen}"
    );
}
