//! Faults a user's notes must survive, with the real binary and a temporary
//! configuration directory (never the real one): special files, a lock held
//! by another copy, two copies editing one note, signals with a draft open,
//! and kill -9 in the middle of saving.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::pty::{Session, hang_up_after};

const BIN: &str = env!("CARGO_BIN_EXE_report-reader");

/// Runs the binary with `config` as its configuration directory; fails the
/// test if it has not finished within 20 s (a hang).
fn run(args: &[&str], config: &Path) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("REPORT_READER_CONFIG_DIR", config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("report-reader {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

#[test]
fn a_fifo_as_the_report_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.txt");
    mkfifo(&fifo);
    let (code, out, err) = run(&["--toc", fifo.to_str().unwrap()], dir.path());
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("report.txt") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn dev_zero_and_a_link_to_it_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for path in ["/dev/zero", link.to_str().unwrap()] {
        let (code, _, err) = run(&["--toc", path], dir.path());
        assert_eq!(code, 2, "{path}");
        assert!(err.contains("not a regular file"), "{err}");
    }
}

#[test]
fn a_notes_file_that_is_a_fifo_or_dev_zero_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("annotations.json");
    mkfifo(&notes);
    let (code, _, err) = run(&["--notes"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("annotations.json") && err.contains("not a regular file"),
        "{err}"
    );
    std::fs::remove_file(&notes).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &notes).unwrap();
    let (code, _, err) = run(&["--notes"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::fs::symlink_metadata(&notes).unwrap().is_symlink());
}

#[test]
fn notes_export_of_a_damaged_file_fails_and_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("annotations.json");
    std::fs::write(&notes, b"{\"schema_version\": 1, \"documents\": {").unwrap();
    let (code, out, err) = run(&["--notes"], dir.path());
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("annotations.json"), "{err}");
    assert_eq!(
        std::fs::read(&notes).unwrap(),
        b"{\"schema_version\": 1, \"documents\": {"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Holds the notes file's lock, as a copy stuck in a save would.
fn hold_lock(config: &Path) -> std::fs::File {
    let lock = std::fs::File::create(config.join("annotations.json.lock")).unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn a_held_lock_is_waited_for_a_bounded_time_and_said() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();
    let held = hold_lock(&dir);
    let mut s = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    // It opens, late, rather than hang on the lock.
    s.wait_for("Report of the Secretary-General");
    s.send("\x1b");
    s.send(":37\r");
    s.wait_for("para. 37 of 67");
    s.send("a");
    s.send("kept in memory");
    s.send("\x13");
    s.wait_for("not saved");
    drop(held);
    // The next change saves, with the note kept in memory meanwhile.
    s.send("\x1b:38\ra");
    s.send("second");
    s.send("\x13");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let file = std::fs::read_to_string(dir.join("annotations.json")).unwrap_or_default();
        if file.contains("kept in memory") && file.contains("second") {
            break;
        }
        assert!(Instant::now() < deadline, "not saved after the lock went");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

fn wait_for_file(path: &Path, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let file = std::fs::read_to_string(path).unwrap_or_default();
        if file.contains(text) {
            return file;
        }
        assert!(
            Instant::now() < deadline,
            "{} never held {text:?}:\n{file}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn two_copies_editing_one_note_keep_both_versions_and_say_so() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();
    let file = dir.join("annotations.json");
    let mut a = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    a.wait_for("Report of the Secretary-General");
    a.send("\x1b:37\ra");
    a.send("first words");
    a.send("\x13");
    wait_for_file(&file, "first words");
    // B starts after the note is there; A then edits it, and so does B.
    let mut b = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    b.wait_for("Report of the Secretary-General");
    a.send(":37\ra");
    a.send(" from A");
    a.send("\x13");
    wait_for_file(&file, "first words from A");
    b.send("\x1b:37\ra");
    b.send(" from B");
    b.send("\x13");
    b.wait_for("kept both");
    let saved = wait_for_file(&file, "first words from B");
    assert!(saved.contains("first words from A"), "{saved}");
    for s in [&mut a, &mut b] {
        s.send("\x1bq");
        assert_eq!(s.exit_code(), 0);
    }
}

#[test]
fn an_edit_against_a_deletion_in_another_copy_is_kept_and_said() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();
    let file = dir.join("annotations.json");
    let mut a = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    a.wait_for("Report of the Secretary-General");
    a.send("\x1b:37\ra");
    a.send("to delete");
    a.send("\x13");
    wait_for_file(&file, "to delete");
    let mut b = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    b.wait_for("Report of the Secretary-General");
    b.send("\x1b:37\ra");
    // A deletes the note (an emptied note is deleted) while B edits it.
    a.send(":37\ra");
    a.send(&"\x7f".repeat("to delete".len()));
    a.send("\x13");
    wait_for_file(&file, "\"deleted\"");
    b.send(" but edited");
    b.send("\x13");
    b.wait_for("your edit keeps it");
    let saved = wait_for_file(&file, "to delete but edited");
    let json: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let live: Vec<_> = json["documents"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|d| d["notes"].as_array().unwrap().clone())
        .filter(|n| n.get("deleted").is_none())
        .collect();
    assert_eq!(live.len(), 1, "{saved}");
    for s in [&mut a, &mut b] {
        s.send("\x1bq");
        assert_eq!(s.exit_code(), 0);
    }
}

fn draft_kept_on(signal: &str) {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();
    let mut s = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    s.wait_for("Report of the Secretary-General");
    s.send("\x1b:37\ra");
    s.send("words typed and never saved");
    s.wait_for("words typed and never saved");
    let pid = s.child.process_id().expect("pid").to_string();
    let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(sent.success());
    assert_eq!(s.exit_code(), 0);
    let file = std::fs::read_to_string(dir.join("annotations.json")).unwrap();
    assert!(
        file.contains("\"draft\": \"words typed and never saved\""),
        "{file}"
    );
    // Offered back on the next start.
    let mut again = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    again.wait_for("a draft you had not saved is kept, on para. 37");
    again.send("\x1bq");
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn a_draft_is_kept_on_sigterm() {
    draft_kept_on("-TERM");
}

#[test]
fn a_draft_is_kept_on_sighup() {
    draft_kept_on("-HUP");
}

#[test]
fn a_draft_is_kept_on_sigint() {
    draft_kept_on("-INT");
}

#[test]
fn kill_9_while_saving_never_leaves_a_broken_notes_file() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();
    let file = dir.join("annotations.json");
    let count = || -> usize {
        let Ok(bytes) = std::fs::read(&file) else {
            return 0;
        };
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("not JSON after kill -9: {e}"));
        json["documents"]
            .as_object()
            .unwrap()
            .values()
            .map(|d| d["notes"].as_array().unwrap().len())
            .sum()
    };
    for round in 0..6u64 {
        let before = count();
        let mut s = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
        s.wait_for("Report of the Secretary-General");
        s.send(&format!("\x1b:{}\ra", 10 + round));
        s.send(&format!("note {round}"));
        // Killed at once after asking to save, at a different moment each round.
        s.writer.write_all(b"\x13").unwrap();
        s.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(round * 7));
        let pid = s.child.process_id().expect("pid").to_string();
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
        let _ = s.child.wait();
        // The file is whole JSON, old or new, and holds every note it held.
        assert!(count() >= before, "round {round}");
    }
}

/// A small tmpfs, unmounted when dropped; None where this test may not mount.
struct FullDisk {
    dir: tempfile::TempDir,
}

impl FullDisk {
    fn make() -> Option<FullDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .ok()?
            .success();
        if !mounted {
            return None;
        }
        // Fill it: the next write finds no space.
        let filler = vec![0u8; 64 * 1024];
        let _ = std::fs::write(dir.path().join("filler"), &filler);
        Some(FullDisk { dir })
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_keeps_the_note_in_memory_and_hands_it_over_on_quit() {
    let Some(disk) = FullDisk::make() else {
        common::skipped("this machine will not mount a tmpfs (mount -t tmpfs) for the test");
        return;
    };
    let dir = disk.dir.path().to_path_buf();
    let mut s = Session::start_in(&["--no-restore"], &dir, tempfile::tempdir().unwrap());
    s.wait_for("Report of the Secretary-General");
    s.send("\x1b:37\ra");
    s.send("words on a full disk");
    s.send("\x13");
    s.wait_for("not saved");
    s.send("\x1bq");
    s.wait_for("quit again");
    s.send("q");
    s.wait_for("words on a full disk");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_draft_is_kept_when_the_terminal_closes() {
    let config = tempfile::tempdir().unwrap();
    let typed = "typed as the line dropped";
    let keys = [":37\r", "a", typed];
    let code = hang_up_after(&["--no-restore"], config.path(), &keys, typed);
    assert_eq!(code, 0);
    let file = std::fs::read_to_string(config.path().join("annotations.json")).unwrap();
    assert!(file.contains(&format!("\"draft\": \"{typed}\"")), "{file}");
}

#[test]
fn without_a_terminal_to_read_keys_from_or_with_term_dumb_the_reader_says_why() {
    let s = Session::start_shell(
        "\"$BIN\" < /dev/null; echo EXIT=$?",
        tempfile::tempdir().unwrap(),
    );
    s.wait_for("standard input is not a terminal");
    s.wait_for("EXIT=2");
    let s = Session::start_shell(
        "TERM=dumb \"$BIN\"; echo EXIT=$?",
        tempfile::tempdir().unwrap(),
    );
    s.wait_for("TERM is \"dumb\"");
    s.wait_for("EXIT=2");
    // Nothing was drawn: no full-screen escapes reached the dumb terminal.
    assert!(!s.contents().contains("Report of the Secretary-General"));
}

#[test]
fn a_far_future_timestamp_never_panics_an_edit_and_the_edit_is_saved() {
    use report_reader::document::Document;
    use report_reader::notes::NoteStore;
    let doc = Document::embedded();
    let key = doc.fingerprint();
    let config = tempfile::tempdir().unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    let id = store
        .add(&doc, &report_reader::notes::Target::Paragraph(37), "typed")
        .unwrap()
        .id;
    drop(store);
    // The last moment a timestamp can name, as a file from elsewhere may hold.
    let file = config.path().join("annotations.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["documents"][&key]["notes"][0]["updated"] = "9999-12-31T23:59:59.999999999Z".into();
    json["documents"][&key]["notes"][0]["highlight"] = serde_json::json!({
        "start": {"paragraph": 37, "offset": 0}, "end": {"paragraph": 37, "offset": 5}, "colour": 1
    });
    std::fs::write(&file, json.to_string()).unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    store.edit(&key, &id, "typed and kept").expect("edit saved");
    store.recolour(&key, &id, 3).expect("colour saved");
    let (code, out, err) = run(&["--notes"], config.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("typed and kept") && out.contains("blue"),
        "{out}"
    );
    store.delete(&key, &id).expect("deletion saved");
    let (store, _) = NoteStore::open(config.path());
    assert!(store.notes(&key).is_empty());
}

#[test]
fn a_linked_notes_file_is_written_through_its_link() {
    use report_reader::document::Document;
    use report_reader::notes::{NoteStore, Target};
    let doc = Document::embedded();
    for relative in [false, true] {
        let config = tempfile::tempdir().unwrap();
        let synced = tempfile::tempdir_in(config.path()).unwrap();
        let kept = synced.path().join("annotations.json");
        let link = config.path().join("annotations.json");
        let to = if relative {
            Path::new(synced.path().file_name().unwrap()).join("annotations.json")
        } else {
            kept.clone()
        };
        std::os::unix::fs::symlink(&to, &link).unwrap();
        let (mut store, _) = NoteStore::open(config.path());
        let added = store.add(&doc, &Target::Paragraph(37), "first").unwrap();
        added.saved.expect("saved");
        store
            .add(&doc, &Target::Paragraph(38), "second")
            .unwrap()
            .saved
            .expect("saved");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let file = std::fs::read_to_string(&kept).unwrap();
        assert!(file.contains("first") && file.contains("second"), "{file}");
        // The temporary file was made beside the file, and is gone.
        assert_eq!(std::fs::read_dir(synced.path()).unwrap().count(), 1);
    }
}

#[test]
fn a_linked_lock_file_is_refused_not_followed() {
    use report_reader::document::Document;
    use report_reader::notes::{NoteStore, Target};
    let doc = Document::embedded();
    let config = tempfile::tempdir().unwrap();
    let elsewhere = config.path().join("elsewhere");
    let lock = config.path().join("annotations.json.lock");
    std::os::unix::fs::symlink(&elsewhere, &lock).unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    let added = store
        .add(&doc, &Target::Paragraph(37), "kept in memory")
        .unwrap();
    let err = added.saved.expect_err("not saved").to_string();
    assert!(
        err.contains("annotations.json.lock") && err.contains("symbolic link"),
        "{err}"
    );
    assert!(!elsewhere.exists(), "nothing made through the link");
    assert!(store.is_dirty(), "the note stays in memory");
    assert!(std::fs::symlink_metadata(&lock).unwrap().is_symlink());
}

#[test]
fn a_temporary_file_left_by_a_killed_save_is_removed_by_the_next_save() {
    use report_reader::document::Document;
    use report_reader::notes::{NoteStore, Target};
    let doc = Document::embedded();
    let config = tempfile::tempdir().unwrap();
    // What a save killed between writing its temporary file and renaming it leaves.
    let left = config.path().join(".annotations.json.Ab12Cd");
    std::fs::write(&left, vec![b' '; 1 << 20]).unwrap();
    let other = config.path().join(".annotations.json.mine");
    std::fs::write(&other, "not ours").unwrap();
    let (mut store, _) = NoteStore::open(config.path());
    let added = store.add(&doc, &Target::Paragraph(37), "note").unwrap();
    added.saved.expect("saved");
    assert!(!left.exists(), "the dead save's temporary file is gone");
    assert!(other.exists(), "a file of another name is left alone");
}

#[test]
fn a_copied_passage_holds_only_visible_text() {
    use report_reader::app::{App, Effect};
    use report_reader::keymap::Keymap;
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("hostile.txt");
    let hostile = "I. Introduction\n\n1. Safe \u{1b}]52;c;ZXZpbA==\u{7}words \u{202e}desrever\u{202c} \
                   and \u{1b}[31mred\u{1b}[0m, a\rbell\u{7} and \u{9b}2Jc1 here.\n\n\
                   2. The second paragraph.\n";
    std::fs::write(&path, hostile).unwrap();
    let doc = report_reader::document::load(&path).unwrap();
    let mut app = App::new(doc, Keymap::default_keymap(), (120, 40));
    let copied = |app: &mut App, keys: &str| {
        common::press(app, keys)
            .into_iter()
            .find_map(|e| match e {
                Effect::Copy(text) => Some(text),
                _ => None,
            })
            .expect("copied")
    };
    let passage = copied(&mut app, ":1<Enter>v$y");
    let citation = copied(&mut app, "<Esc>y");
    for text in [&passage, &citation] {
        assert!(
            !text.chars().any(report_reader::text::is_unsafe),
            "{text:?}"
        );
    }
    assert!(
        passage.contains("Safe ]52;c;ZXZpbA==words desrever"),
        "{passage:?}"
    );
    assert!(passage.contains("a bell"), "{passage:?}");
}

#[test]
fn a_pasted_note_keeps_line_feeds_never_carriage_returns() {
    use report_reader::app::{Input, update};
    let config = tempfile::tempdir().unwrap();
    let mut app = common::app_with_notes(config.path());
    common::press(&mut app, ":37<Enter>a");
    update(
        &mut app,
        Input::Paste("line one\r\nline two\rline three\n".into()),
    );
    common::press_saving(&mut app, "<C-s>");
    let file = std::fs::read_to_string(config.path().join("annotations.json")).unwrap();
    assert!(
        file.contains(r#""text": "line one\nline two\nline three\n""#),
        "{file}"
    );
    assert!(!file.contains(r"\r"), "{file}");
}

#[test]
fn an_empty_config_dir_variable_counts_as_unset() {
    // The platform's directory, under a home of the test's own.
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["--notes"])
        .env("REPORT_READER_CONFIG_DIR", "")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .output()
        .expect("binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("config-dir"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Notes"));
}

#[test]
fn an_oversized_keymap_is_refused_at_once_with_one_line() {
    let config = tempfile::tempdir().unwrap();
    let keys: Vec<String> = (0..100_000)
        .map(|i| format!("\"ctrl-{}\"", i % 10))
        .collect();
    let keymap = format!("[reader]\nquit = [{}]\n", keys.join(", "));
    assert!(keymap.len() > 800_000);
    let path = config.path().join("keymap.toml");
    std::fs::write(&path, keymap).unwrap();
    let started = Instant::now();
    let (code, _, err) = run(&[], config.path());
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("keymap.toml") && err.contains("larger than 64 KiB"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // Named with --keymap, the same.
    let (code, _, err) = run(&["--keymap", path.to_str().unwrap()], config.path());
    assert_eq!(code, 2);
    assert!(err.contains("larger than 64 KiB"), "{err}");
}

#[test]
fn a_text_report_mentioning_the_pdf_marker_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    let text = "A/HRC/59/15\n\nGeneral Assembly\n\nOn files that begin %PDF-1.7 and others\n\n\
                I. Introduction\n\n1. The first paragraph.\n\n2. The second paragraph.\n";
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = run(&["--toc", path.to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Introduction"), "{out}");
}
