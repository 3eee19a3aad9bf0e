//! `/` on the shelf: a search of every report, its results, a result
//! opened at its place with the words searched there, and back.

use report_reader::app::ShelfView;

use crate::shelf_ui::{Rig, shelf_dir};

#[test]
fn slash_searches_every_report_and_enter_opens_at_the_place_with_the_words() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("/detention children");
    assert!(
        rig.screen()
            .contains("search the shelf: detention children")
    );
    rig.keys("<Enter>");
    let shelf = rig.app.shelf.as_ref().unwrap();
    assert_eq!(shelf.view, ShelfView::Results);
    let screen = rig.screen();
    let first = rig.chosen_line();
    assert!(
        first.starts_with("A/HRC/59/15 · para. 3 (a) · "),
        "{screen}"
    );
    assert!(first.contains("End the immigration detention"), "{first}");
    assert!(
        screen.contains("migrants-2010.txt · para. 27 · "),
        "{screen}"
    );
    // Enter opens the report there, the search inside it primed.
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown());
    let current = rig.app.current.map(|p| rig.app.doc.paragraphs[p].number);
    assert_eq!(current, Some(3));
    assert!(!rig.app.search.matches.is_empty());
    assert!(rig.app.search.current.is_some());
    assert!(rig.screen().contains("match 1 of 2"), "{}", rig.screen());
    // `n` goes on inside the report.
    rig.keys("n");
    assert_eq!(rig.app.search.current, Some(1));
    // Back goes to the results, at the same row.
    rig.keys("<Esc>");
    assert!(rig.app.shelf_shown());
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Results);
    assert_eq!(rig.chosen_line(), first);
    // Esc on the results goes back to the reports.
    rig.keys("<Esc>");
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Reports);
}

#[test]
fn a_hit_in_a_footnote_opens_the_report_with_its_note_shown() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("/E/CN.4/2005/85<Enter>");
    let first = rig.chosen_line();
    assert!(first.contains("note 1 (para. 1)"), "{}", rig.screen());
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown());
    assert_eq!(rig.app.search.query, "E/CN.4/2005/85");
    // The match is in the note: its popup is open; Esc closes it, the next Esc goes back.
    assert!(
        rig.screen().contains("See E/CN.4/2005/85"),
        "{}",
        rig.screen()
    );
    rig.keys("<Esc><Esc>");
    assert!(rig.app.shelf_shown());
}

#[test]
fn a_search_that_finds_nothing_or_cannot_run_says_so() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("/zzyzzx<Enter>");
    assert!(
        rig.screen().contains("nothing on the shelf answers"),
        "{}",
        rig.screen()
    );
    rig.keys("<Esc>/year:abc<Enter>");
    let screen = rig.screen();
    assert!(screen.contains("year"), "{screen}");
    // Esc while typing a search leaves it.
    rig.keys("/abc<Esc>");
    assert!(rig.app.shelf.as_ref().unwrap().asking.is_none());
}

#[test]
fn the_words_searched_are_marked_in_each_result() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("/immigration<Enter>");
    let (w, h) = rig.app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| report_reader::ui::draw(&rig.app, f))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let screen = rig.screen();
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("End the immigration detention"))
        .expect(&screen);
    let col = |word: &str| line[..line.find(word).unwrap()].chars().count() as u16;
    let style = |x: u16| buf[(x, y as u16)].style();
    let marked = style(col("immigration"));
    assert_ne!(marked, style(col("End the")), "{line}");
    assert_ne!(marked, style(col("detention")), "{line}");
    assert_eq!(marked, style(col("immigration") + 5));
}
