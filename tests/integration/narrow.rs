//! Issue 22, narrow terminals: below 80 columns `t` shows the contents
//! full-screen and `Enter` jumps; the message about it is never cut.

use crate::common::{app, number, press, render};

use report_reader::app::Focus;

#[test]
fn t_below_80_columns_shows_the_contents_full_screen_and_enter_jumps() {
    let mut a = app(60, 24);
    press(&mut a, ":5<Enter>t");
    assert!(a.contents_full);
    assert_eq!(a.focus, Focus::Contents);
    let screen = render(&a);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with(" Contents ─"), "{screen}");
    assert!(
        screen.contains("III. Information from Governments"),
        "{screen}"
    );
    // Nothing of the text shows through.
    assert!(!screen.contains("   5"), "{screen}");
    let status = lines.last().copied().unwrap_or_default();
    assert!(
        status.contains("Enter: go there · Esc: back"),
        "not cut: {status}"
    );
    // Down to part III, then Enter: its first paragraph.
    let target = a
        .contents_items()
        .iter()
        .position(|i| matches!(i, report_reader::app::ContentsItem::Part(2)))
        .expect("part III");
    let steps = target - a.contents.selected;
    press(&mut a, &format!("{}<Enter>", "j".repeat(steps)));
    assert!(!a.contents_full);
    assert_eq!(a.focus, Focus::Reader);
    assert!(render(&a).contains("III. Information"), "{}", render(&a));
    assert!(number(&a).is_some_and(|n| n > 5));
}

#[test]
fn esc_or_t_closes_it_where_the_reader_was() {
    let mut a = app(70, 24);
    press(&mut a, ":37<Enter>t");
    assert!(a.contents_full);
    press(&mut a, "<Esc>");
    assert!(!a.contents_full);
    assert_eq!(number(&a), Some(37));
    press(&mut a, "tt");
    assert!(!a.contents_full);
    assert_eq!(number(&a), Some(37));
    assert!(render(&a).contains("  37"));
}

#[test]
fn at_80_columns_t_still_hides_and_shows_the_side_pane() {
    let mut a = app(80, 24);
    assert!(render(&a).contains("Contents"));
    press(&mut a, "t");
    assert!(!a.contents_full);
    assert!(!render(&a).contains(" Contents "));
}
