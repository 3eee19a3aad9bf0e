//! Issue 22, the status line: the paragraph, the page and "match i of N"
//! always fit; the section title gives way first, shortened with "…".

use crate::common::{app, press, render};

use report_reader::app::App;
use report_reader::document::parse;
use report_reader::keymap::Keymap;

const PAGED: &str = "I. Introduction\n\n\
A. The protection of the human rights of migrants in transit across the region\n\n\
1. The first paragraph names migrants.\n\u{c}\n\
2. The second paragraph, on the second page, names migrants too.\n";

fn status(a: &App) -> String {
    render(a).lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_section_title_gives_way_first_shortened() {
    let mut a = App::new(parse(PAGED), Keymap::default_keymap(), (160, 20));
    press(&mut a, ":2<Enter>/migrants<Enter>");
    let wide = status(&a);
    assert!(
        wide.contains("across the region · para. 2 of 2 · p. 2"),
        "{wide}"
    );
    assert!(wide.contains("match 3 of 3"), "{wide}");
    assert!(wide.contains("? help"), "{wide}");
    for width in [100, 80, 60, 50] {
        a.size = (width, 20);
        let line = status(&a);
        assert!(line.contains("para. 2 of 2 · p. 2"), "{width}: {line}");
        assert!(line.contains("match 3 of 3"), "{width}: {line}");
        assert!(!line.contains("across the region"), "{width}: {line}");
        if width >= 80 {
            // Shortened, while the hint still fits.
            assert!(line.contains("A. The prot"), "{width}: {line}");
            assert!(line.contains("… · para. 2"), "{width}: {line}");
            assert!(line.contains("? help"), "{width}: {line}");
        }
    }
}

#[test]
fn on_a_narrow_terminal_the_paragraph_and_match_still_fit() {
    let mut a = app(44, 20);
    press(&mut a, ":36<Enter>/migrant<Enter>");
    let line = status(&a);
    assert!(line.contains("para. 36 of 67"), "{line}");
    let i = a.search.current.expect("a match") + 1;
    let n = a.search.matches.len();
    assert!(line.contains(&format!("match {i} of {n}")), "{line}");
    assert!(!line.contains("help"), "the hint gave way: {line}");
}

#[test]
fn a_wide_terminal_shows_everything() {
    let mut a = app(120, 40);
    press(&mut a, ":36<Enter>");
    let line = status(&a);
    assert!(line.contains("III · Mexico · para. 36 of 67 · "), "{line}");
    assert!(line.contains("? help  q quit"), "{line}");
    assert!(
        !line.contains("p. "),
        "no pages in a report without them: {line}"
    );
}
