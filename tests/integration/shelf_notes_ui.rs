//! `A` on the shelf: your notes and highlights on every report in it, read
//! from the notes file (never written here), narrowed as the in-report
//! notes list is, and opened at their place.

use report_reader::app::ShelfView;

use crate::shelf_ui::{Rig, shelf_dir};

fn notes_file(rig: &Rig) -> Vec<u8> {
    std::fs::read(rig.config.path().join("annotations.json")).unwrap_or_default()
}

/// Dismisses what the reader says of a report at start, if anything.
fn dismiss(rig: &mut Rig) {
    if rig.app.message.as_ref().is_some_and(|m| m.sticky) {
        rig.keys("<Esc>");
    }
}

/// A shelf with a note on the embedded report's paragraph 40, and on the
/// PDF report a note on paragraph 2 and a highlight on paragraph 3.
fn noted() -> Rig {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("prom<Enter>");
    dismiss(&mut rig);
    rig.keys(":40<Enter>aChildren first #detention<C-s><Esc>");
    assert!(rig.app.shelf_shown());
    rig.keys("<Esc><Home><Down><Enter>");
    dismiss(&mut rig);
    assert_eq!(rig.app.doc.header.symbol.as_deref(), Some("A/HRC/59/15"));
    rig.keys(":2<Enter>aThe women, peace and security agenda<C-s>");
    rig.keys(":3<Enter>vwwh");
    rig.keys("<Esc>");
    if !rig.app.shelf_shown() {
        rig.keys("<Esc>");
    }
    assert!(rig.app.shelf_shown(), "{}", rig.screen());
    rig
}

#[test]
fn a_lists_every_note_on_the_shelf_and_the_rows_count_them() {
    let mut rig = noted();
    let screen = rig.screen();
    let hrc = screen.lines().find(|l| l.contains("A/HRC/59/15")).unwrap();
    assert!(hrc.contains("1✎ 1▌"), "{hrc}");
    let ga = screen.lines().find(|l| l.contains("Promotion")).unwrap();
    assert!(ga.contains("1✎"), "{ga}");
    let before = notes_file(&rig);
    rig.keys("A");
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Notes);
    let screen = rig.screen();
    assert!(screen.contains("A/HRC/59/15, para. 2"), "{screen}");
    assert!(
        screen.contains("The women, peace and security agenda"),
        "{screen}"
    );
    assert!(screen.contains("A/HRC/59/15, para. 3"), "{screen}");
    assert!(screen.contains("[1] “Detention of migrant"), "{screen}");
    assert!(screen.contains("migrants-2010.txt, para. 40"), "{screen}");
    // Narrowed as the notes list is: a tag, a colour, words.
    rig.keys("#detention");
    let screen = rig.screen();
    assert!(screen.contains("Children first"), "{screen}");
    assert!(!screen.contains("women, peace"), "{screen}");
    rig.keys("<Esc>1");
    let screen = rig.screen();
    assert!(screen.contains("[1] “Detention"), "{screen}");
    assert!(!screen.contains("Children first"), "{screen}");
    // Words match fuzzily the citation, the quoted words and the note,
    // best first.
    rig.keys("<Esc>women peace");
    assert!(
        rig.chosen_line().contains("women, peace"),
        "{}",
        rig.screen()
    );
    // Looking changes nothing in the notes file.
    assert_eq!(notes_file(&rig), before);
    // A again, or Esc: back to the reports.
    rig.keys("<Esc>A");
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Reports);
}

#[test]
fn enter_on_a_note_opens_its_report_there_and_back_comes_to_the_notes() {
    let mut rig = noted();
    rig.keys("A");
    rig.keys("Children");
    assert!(rig.chosen_line().contains("para. 40"), "{}", rig.screen());
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown());
    assert!(rig.app.doc.title().contains("Promotion and protection"));
    let current = rig.app.current.map(|p| rig.app.doc.paragraphs[p].number);
    assert_eq!(current, Some(40));
    assert!(rig.screen().contains("Children first"), "{}", rig.screen());
    // The reader holds every note, as after a start on this report.
    assert_eq!(rig.app.note_index.views.len(), 1);
    dismiss(&mut rig);
    rig.keys("<Esc>");
    assert!(rig.app.shelf_shown());
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Notes);
}
