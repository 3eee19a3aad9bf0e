//! The jump history keeps its places when the blocks are rebuilt (notes
//! shown under their paragraphs, or hidden, or changed).

use crate::common::{app_with_notes, number, press_saving as press, type_text};

#[test]
fn jumps_back_and_forward_survive_showing_and_hiding_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, "<Esc>:3<Enter>a");
    type_text(&mut a, "a note under paragraph 3");
    press(&mut a, "<C-s>:12<Enter>:37<Enter>");
    assert_eq!(number(&a), Some(37));
    // Notes shown add blocks under paragraph 3: the places still hold.
    press(&mut a, "i");
    press(&mut a, "<C-o>");
    assert_eq!(number(&a), Some(12));
    press(&mut a, "<C-o>");
    assert_eq!(number(&a), Some(3));
    let top = a.top;
    // And hidden again, with a jump forward and back.
    press(&mut a, "i");
    assert_eq!(number(&a), Some(3));
    press(&mut a, "<A-Right>");
    assert_eq!(number(&a), Some(12));
    press(&mut a, "i<C-o>");
    assert_eq!(number(&a), Some(3));
    assert_eq!(a.top, top, "the same line of the same block");
}
