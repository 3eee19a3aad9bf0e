//! Screens rendered into ratatui's TestBackend and kept as insta snapshots.

use crate::common::{app, press, render};

use report_reader::app::{Input, update};

fn screen(width: u16, height: u16, keys: &str) -> String {
    let mut a = app(width, height);
    press(&mut a, keys);
    render(&a)
}

#[test]
fn start_screen() {
    insta::assert_snapshot!("start_80x24", screen(80, 24, ""));
    insta::assert_snapshot!("start_120x40", screen(120, 40, ""));
}

#[test]
fn paragraph_55_with_its_footnotes() {
    insta::assert_snapshot!("para55_popup_80x24", screen(80, 24, ":55<Enter>f"));
    insta::assert_snapshot!("para55_popup_120x40", screen(120, 40, ":55<Enter>fjj"));
}

#[test]
fn search_with_highlights() {
    insta::assert_snapshot!("search_80x24", screen(80, 24, "/migrant workers<Enter>"));
    insta::assert_snapshot!("search_120x40", screen(120, 40, "/lithuania<Enter>n"));
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!("help_80x24", screen(80, 24, "?"));
    insta::assert_snapshot!("help_120x40", screen(120, 40, "?"));
}

#[test]
fn too_small_notice() {
    let mut a = app(80, 24);
    update(&mut a, Input::Resize(20, 4));
    insta::assert_snapshot!("too_small_20x4", render(&a));
    update(&mut a, Input::Resize(200, 5));
    insta::assert_snapshot!("too_small_200x5", render(&a));
}

#[test]
fn search_highlights_are_styled() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut a = app(80, 24);
    // Whatever NO_COLOR the tests run with.
    a.no_color = false;
    press(&mut a, "/Lithuania<Enter>");
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| report_reader::ui::draw(&a, f)).expect("draw");
    let buf = t.backend().buffer();
    // Find "Lithuania" on screen and check its first cell is highlighted.
    let text = a.areas().text;
    let mut found = false;
    for y in text.y..text.bottom() {
        let row: String = (text.x..text.right())
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(col) = row.find("Lithuania") {
            let x = text.x + row[..col].chars().count() as u16;
            let cell = &buf[(x, y)];
            assert_ne!(
                cell.bg,
                ratatui::style::Color::Reset,
                "match is highlighted"
            );
            found = true;
        }
    }
    assert!(found);
}

#[test]
fn every_overlay_survives_every_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sizes = [
        (1, 1),
        (5, 200),
        (200, 5),
        (24, 6),
        (30, 8),
        (10, 3),
        (80, 24),
        (300, 100),
    ];
    for keys in [
        "",
        "?",
        ":55<Enter>f",
        "cgu",
        "/migr",
        ":3",
        ":37<Enter>a",
        "A",
        ":66<Enter>i",
        ":37<Enter>vwwj}",
        ":37<Enter>vww2H",
    ] {
        let mut a = crate::common::Reader::open(app(80, 24), dir.path());
        press(&mut a, keys);
        for (w, h) in sizes {
            update(&mut a, Input::Resize(w, h));
            let screen = render(&a);
            assert_eq!(screen.lines().count(), h as usize, "{keys:?} at {w}x{h}");
            // Keys keep working at every size, a selection's included.
            press(&mut a, "jkwb");
        }
    }
}
