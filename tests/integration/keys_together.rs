//! Keys that reach the reader together: Esc and the key after it arrive as
//! Alt and that key, and the search count stays while the search does.

use crate::common;
use crate::common::{app, press, render};

use report_reader::app::{Effect, Overlay};

fn status(a: &report_reader::app::App) -> String {
    render(a).lines().last().unwrap_or_default().to_string()
}

#[test]
fn an_unbound_alt_key_is_esc_then_the_key() {
    let mut a = app(120, 40);
    assert!(matches!(press(&mut a, "<A-q>")[..], [Effect::Quit { .. }]));

    let mut a = app(120, 40);
    press(&mut a, "<A-?>");
    assert!(matches!(a.overlay, Overlay::Help { .. }));

    let mut a = app(120, 40);
    press(&mut a, "<A-c>");
    assert!(matches!(a.overlay, Overlay::Finder(_)));

    // Esc closes the finder, then c opens it again, fresh.
    press(&mut a, "spa<A-c>");
    match &a.overlay {
        Overlay::Finder(f) => assert_eq!(f.query, ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bound_alt_key_keeps_its_binding() {
    let mut a = app(120, 40);
    press(&mut a, ":20<Enter>:40<Enter>");
    press(&mut a, "<A-Left>");
    assert_eq!(common::number(&a), Some(20));
}

#[test]
fn the_match_count_stays_until_the_search_is_cleared() {
    let mut a = app(120, 40);
    press(&mut a, "/lithuania<Enter>");
    assert!(status(&a).contains("match 1 of 4"), "{}", status(&a));
    press(&mut a, "jj");
    assert!(status(&a).contains("match 1 of 4"), "{}", status(&a));
    press(&mut a, "n");
    assert!(status(&a).contains("match 2 of 4"), "{}", status(&a));
    press(&mut a, "k");
    assert!(status(&a).contains("match 2 of 4"), "{}", status(&a));
    press(&mut a, "<Esc>");
    assert!(!status(&a).contains("of 4"), "{}", status(&a));
}
