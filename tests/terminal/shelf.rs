//! `report-reader DIR` in a pseudo-terminal: the shelf indexed while on
//! screen, a report opened and left, the terminal given back on quit.

use report_reader::document::EMBEDDED_REPORT;

use crate::common::pty::Session;

#[test]
fn the_shelf_opens_a_report_and_comes_back() {
    let shelf = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    std::fs::write(shelf.path().join("migrants.txt"), EMBEDDED_REPORT).expect("write");
    std::fs::write(shelf.path().join("broken.pdf"), b"%PDF-1.7\n1 0 obj").expect("write");
    let dir = shelf.path().to_string_lossy().into_owned();
    let cache_dir = cache.path().to_string_lossy().into_owned();
    let mut s = Session::start(
        &[&dir, "--cache-dir", &cache_dir],
        tempfile::tempdir().expect("tempdir"),
    );
    let screen = s.wait_for("broken.pdf —");
    assert!(screen.contains("Shelf "), "{screen}");
    s.wait_for("Promotion and protection");
    s.send("\r");
    s.wait_for("Report of the Secretary-General");
    s.send(":55\r");
    s.wait_for("para. 55 of 67");
    s.send("\x1b");
    s.wait_for("1 report, 1 unreadable");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}
