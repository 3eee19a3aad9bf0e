//! The real binary in a pseudo-terminal: start, jump, open a footnote, quit.

use std::time::{Duration, Instant};

use portable_pty::PtySize;

use crate::common::pty::{Session, hang_up_after};

#[test]
fn jump_read_a_footnote_and_quit() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[], config);
    s.wait_for("Report of the Secretary-General");
    s.send(":55\r");
    s.wait_for("para. 55 of 67");
    s.send("f");
    let screen = s.wait_for("Footnotes · para. 55 (12)");
    assert!(screen.contains("The background documentation for the reviews"));
    s.send("\x1b");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.contents().contains("Footnotes · para. 55") {
        assert!(Instant::now() < deadline, "popup did not close");
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(s.contents().contains("para. 55 of 67"));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_note_survives_a_restart() {
    let config = tempfile::tempdir().expect("tempdir");
    let dir = config.path().to_path_buf();
    let mut s = Session::start_in(
        &["--no-restore"],
        &dir,
        tempfile::tempdir().expect("tempdir"),
    );
    s.wait_for("Report of the Secretary-General");
    s.send(":37\r");
    s.wait_for("para. 37 of 67");
    s.send("a");
    s.wait_for("Note on para. 37");
    s.send("Count the shelters again");
    s.wait_for("Count the shelters again");
    s.send("\x13"); // ctrl-s
    s.wait_for("note on para. 37 saved");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let file = std::fs::read_to_string(dir.join("annotations.json")).expect("notes file");
    assert!(file.contains("Count the shelters again"));

    // Started again, it opens where it was, and the note is listed.
    let mut s = Session::start_in(&[], &dir, config);
    let screen = s.wait_for("para. 37 of 67");
    assert!(screen.contains("✎  37"), "{screen}");
    s.send("A");
    s.wait_for("Count the shelters again");
    s.send("\x1b");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn notes_that_cannot_be_saved_are_not_lost_on_quit() {
    let holder = tempfile::tempdir().expect("tempdir");
    // A plain file where the configuration directory should be.
    let blocked = holder.path().join("config");
    std::fs::write(&blocked, "not a directory").expect("write");
    let mut s = Session::start_in(&[], &blocked, tempfile::tempdir().expect("tempdir"));
    s.wait_for("Report of the Secretary-General");
    s.send(":12\r");
    s.send("a");
    s.wait_for("Note on para. 12");
    s.send("keep me");
    s.send("\x13");
    s.wait_for("notes not saved, kept in memory");
    s.send("q");
    s.wait_for("Notes are not saved");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let out = s.wait_for("keep me");
    assert!(out.contains("para. 12"));
    assert_eq!(
        std::fs::read_to_string(&blocked).expect("file"),
        "not a directory"
    );
}

#[test]
fn sigterm_quits_cleanly_and_keeps_the_reading_place() {
    stop_by_signal("-TERM");
}

#[test]
fn sighup_quits_cleanly_and_keeps_the_reading_place() {
    stop_by_signal("-HUP");
}

#[test]
fn sigint_quits_cleanly_and_keeps_the_reading_place() {
    stop_by_signal("-INT");
}

#[test]
fn sigquit_usr1_and_alrm_quit_cleanly_and_keep_the_reading_place() {
    for signal in ["-QUIT", "-USR1", "-ALRM"] {
        stop_by_signal(signal);
    }
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_draws_the_reader_again() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[], config);
    s.wait_for("Report of the Secretary-General");
    s.send(":44\r");
    s.wait_for("para. 44 of 67");
    let pid = s.child.process_id().expect("pid").to_string();
    let kill = |signal: &str| {
        let sent = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
    };
    kill("-TSTP");
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.contents().contains("para. 44 of 67") {
        assert!(Instant::now() < deadline, "alternate screen not left");
        std::thread::sleep(Duration::from_millis(30));
    }
    // Stopped, as a shell's job is on Ctrl-Z.
    let state = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        stat.rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().next())
            .map(str::to_string)
    };
    while state().as_deref() != Some("T") {
        assert!(Instant::now() < deadline, "not stopped: {:?}", state());
        std::thread::sleep(Duration::from_millis(30));
    }
    kill("-CONT");
    s.wait_for("para. 44 of 67");
    // It still answers keys, then quits the normal way.
    s.send("}");
    s.wait_for("para. 45 of 67");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

fn stop_by_signal(signal: &str) {
    let config = tempfile::tempdir().expect("tempdir");
    let dir = config.path().to_path_buf();
    let mut s = Session::start_in(&[], &dir, tempfile::tempdir().expect("tempdir"));
    s.wait_for("Report of the Secretary-General");
    s.send(":44\r");
    s.wait_for("para. 44 of 67");
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    assert_eq!(s.exit_code(), 0);
    let state = std::fs::read_to_string(dir.join("state.json")).expect("state kept");
    assert!(state.contains("\"paragraph\": 44"), "{state}");
    // Back on the main screen: the reader's panes are gone.
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.contents().contains("para. 44 of 67") {
        assert!(Instant::now() < deadline, "alternate screen not left");
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn a_resized_terminal_is_drawn_again_at_its_new_size() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[], config);
    s.wait_for("Report of the Secretary-General");
    s.send(":30\r");
    s.wait_for("para. 30 of 67");
    // The window shrinks: the reader hears of it (SIGWINCH) without a key.
    s.master
        .resize(PtySize {
            rows: 24,
            cols: 70,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    if let Ok(mut p) = s.screen.lock() {
        p.screen_mut().set_size(24, 70);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let screen = s.contents();
        let status = screen.lines().nth(23).unwrap_or_default().to_string();
        // At 70 columns the contents pane hides and the status line ends
        // with the keys' hint at the new right edge.
        if status.contains("para. 30 of 67") && status.trim_end().ends_with("q quit") {
            assert!(!screen.contains("Contents"), "{screen}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not drawn again at 70x24:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_closed_terminal_keeps_the_reading_place() {
    let config = tempfile::tempdir().expect("tempdir");
    let code = hang_up_after(&[], config.path(), &[":44\r"], "para. 44 of 67");
    assert_eq!(code, 0);
    let state = std::fs::read_to_string(config.path().join("state.json")).expect("state kept");
    assert!(state.contains("\"paragraph\": 44"), "{state}");
}

#[test]
fn esc_and_q_sent_together_quit() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[], config);
    s.wait_for("Report of the Secretary-General");
    // One write: the reader gets Alt+q, bound to nothing.
    s.send("\x1bq");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_long_bracketed_paste_into_search_arrives_as_one_input() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&["--no-restore"], config);
    s.wait_for("Report of the Secretary-General");
    // What a terminal sends for a paste once bracketed paste is on: a long
    // one is taken at once (the field keeps its first 200 characters).
    s.send("/");
    s.send(&format!("\x1b[200~{}\x1b[201~", "x".repeat(16_000)));
    s.wait_for(&format!("/{}", "x".repeat(60)));
    s.send("\x1b");
    s.send("/");
    s.send("\x1b[200~child migrants\x1b[201~");
    s.send("\r");
    s.wait_for("match 1 of");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// The background colour of the first cell of `text` on the screen.
fn background_of(s: &Session, text: &str) -> Option<vt100::Color> {
    let parser = s.screen.lock().ok()?;
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    for row in 0..rows {
        let line: String = (0..cols)
            .map(|c| {
                screen
                    .cell(row, c)
                    .map_or(" ".into(), |c| c.contents().to_string())
            })
            .map(|c| if c.is_empty() { " ".to_string() } else { c })
            .collect();
        if let Some(at) = line.find(text) {
            let col = line[..at].chars().count() as u16;
            return screen.cell(row, col).map(|c| c.bgcolor());
        }
    }
    None
}

#[test]
fn a_highlight_survives_a_restart_and_is_drawn_there() {
    let config = tempfile::tempdir().expect("tempdir");
    let dir = config.path().to_path_buf();
    let mut s = Session::start_in(&[], &dir, tempfile::tempdir().expect("tempdir"));
    s.wait_for("Report of the Secretary-General");
    s.send(":37\r");
    s.wait_for("para. 37 of 67");
    s.send("v");
    s.send("w");
    s.send("w");
    s.wait_for("“In respect of” · 3 words · para. 37");
    s.send("2");
    s.wait_for("highlighted in green (para. 37)");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let file = std::fs::read_to_string(dir.join("annotations.json")).expect("notes file");
    assert!(file.contains("\"exact\": \"In respect of\""), "{file}");

    let mut s = Session::start_in(&[], &dir, config);
    s.wait_for("para. 37 of 67");
    let deadline = Instant::now() + Duration::from_secs(10);
    while background_of(&s, "In respect of") == Some(vt100::Color::Default) {
        assert!(Instant::now() < deadline, "{}", s.contents());
        std::thread::sleep(Duration::from_millis(30));
    }
    assert_eq!(
        background_of(&s, "In respect of"),
        Some(vt100::Color::Idx(157)),
        "{}",
        s.contents()
    );
    // The words after the highlight are not highlighted.
    assert_eq!(
        background_of(&s, "child migrants, the Government"),
        Some(vt100::Color::Default)
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_typed_apostrophe_finds_the_printed_one_and_a_note_match_opens_it() {
    let config = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&["--no-restore"], config);
    s.wait_for("Report of the Secretary-General");
    s.send(":29\r");
    s.wait_for("para. 29 of 67");
    s.send("/children's\r");
    let screen = s.wait_for("match 1 of 4");
    assert!(screen.contains("children’s"), "{screen}");
    s.send("\x1b/globalmigrationgroup\r");
    let screen = s.wait_for("in note 16");
    assert!(screen.contains("Footnote"), "{screen}");
    // The list of matches: the note's row, and Enter goes back to it.
    s.send("\x1b/global\r");
    s.wait_for(" of 13");
    s.send("s");
    s.wait_for("note 16, cited in para. 63");
    s.send("note 16\r");
    s.wait_for(" of 13, in note 16");
    s.send("\x1bq");
    assert_eq!(s.exit_code(), 0);
}
