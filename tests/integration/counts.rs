//! Issue 22, counts: a number before a motion repeats it, as in vim and less.

use crate::common::{app, number, press, render};

#[test]
fn a_count_repeats_a_motion() {
    for (counted, repeated) in [
        ("5j", "jjjjj"),
        ("12j", "jjjjjjjjjjjj"),
        ("3}", "}}}"),
        ("2]", "]]"),
        ("2<C-d>", "<C-d><C-d>"),
        ("3{", "{{{"),
    ] {
        let mut a = app(120, 40);
        let mut b = app(120, 40);
        press(&mut a, &format!(":20<Enter>{counted}"));
        press(&mut b, &format!(":20<Enter>{repeated}"));
        assert_eq!(a.top, b.top, "{counted}");
        assert_eq!(number(&a), number(&b), "{counted}");
        assert_eq!(a.count, None, "{counted}: used up");
    }
    let mut a = app(120, 40);
    press(&mut a, ":10<Enter>3}");
    assert_eq!(number(&a), Some(13));
}

#[test]
fn four_n_steps_four_matches() {
    let mut a = app(120, 40);
    press(&mut a, "/migrant<Enter>");
    let first = a.search.current.expect("a match");
    press(&mut a, "4n");
    assert_eq!(a.search.current, Some(first + 4));
    press(&mut a, "2N");
    assert_eq!(a.search.current, Some(first + 2));
}

#[test]
fn the_count_shows_while_typed_and_is_dropped_by_other_keys() {
    let mut a = app(120, 40);
    press(&mut a, "12");
    assert_eq!(a.count, Some(12));
    assert!(render(&a).contains(" 12 …"), "{}", render(&a));
    // Not a motion: done once, the count forgotten.
    press(&mut a, ":37<Enter>");
    press(&mut a, "3f");
    assert_eq!(a.count, None);
    press(&mut a, "<Esc>j");
    let mut b = app(120, 40);
    press(&mut b, ":37<Enter>j");
    assert_eq!(a.top, b.top);
    // A count never starts with 0, and stops at its cap.
    press(&mut a, "0");
    assert_eq!(a.count, None);
    press(&mut a, "99999");
    assert_eq!(a.count, Some(report_reader::app::MAX_COUNT));
}
