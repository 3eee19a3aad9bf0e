//! Issue 22, history: Up and Down in the `/` and `:` prompts bring back
//! earlier entries, kept in state.json (older files still read, unknown keys kept).

use crate::common;
use crate::common::pty::Session;
use crate::common::{app, press};

use report_reader::app::{App, Overlay};
use report_reader::notes::state::{self, ReadingState};
use serde_json::Value;

fn input(a: &App) -> String {
    match &a.overlay {
        Overlay::Prompt(p) => p.input.clone(),
        other => panic!("no prompt: {other:?}"),
    }
}

#[test]
fn up_and_down_recall_earlier_searches_and_what_was_being_typed() {
    let mut a = app(120, 40);
    press(&mut a, "/migrant<Enter>/Spain<Enter>/migrant<Enter>");
    assert_eq!(
        a.history.search,
        ["Spain", "migrant"],
        "once each, newest last"
    );
    press(&mut a, "/mi<Up>");
    assert_eq!(input(&a), "migrant");
    assert!(!a.search.matches.is_empty(), "searched as it is shown");
    press(&mut a, "<Up>");
    assert_eq!(input(&a), "Spain");
    press(&mut a, "<Up>");
    assert_eq!(input(&a), "Spain", "the oldest stays");
    press(&mut a, "<Down>");
    assert_eq!(input(&a), "migrant");
    press(&mut a, "<Down>");
    assert_eq!(input(&a), "mi", "what was being typed comes back");
    press(&mut a, "<Esc>");
}

#[test]
fn the_goto_prompt_has_its_own_history() {
    let mut a = app(120, 40);
    press(&mut a, ":37<Enter>/Spain<Enter>:12<Enter>");
    assert_eq!(a.history.goto, ["37", "12"]);
    press(&mut a, ":<Up><Up>");
    assert_eq!(input(&a), "37");
    press(&mut a, "<Enter>");
    assert_eq!(common::number(&a), Some(37));
}

#[test]
fn history_is_kept_in_the_state_file_beside_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // An older file: no history at all, and keys this reader does not know.
    std::fs::write(
        &path,
        r#"{"schema_version": 1, "theme": "dark", "documents": {"abc": {"paragraph": 1}}}"#,
    )
    .unwrap();
    let (mut s, message) = state::load(dir.path());
    assert_eq!(message, None);
    assert!(s.history.is_empty());
    s.history.search = vec!["Côte d’Ivoire".into()];
    s.history.goto = vec!["66(b)".into()];
    state::save(dir.path(), &s).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["theme"], "dark");
    assert_eq!(json["documents"]["abc"]["paragraph"], 1);
    assert_eq!(json["history"]["search"][0], "Côte d’Ivoire");
    // A later reader's keys inside the history are kept too.
    let mut edited = json.clone();
    edited["history"]["filters"] = serde_json::json!(["x"]);
    std::fs::write(&path, serde_json::to_vec(&edited).unwrap()).unwrap();
    let (s, _) = state::load(dir.path());
    assert_eq!(s.history.goto, ["66(b)"]);
    state::save(dir.path(), &s).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["history"]["filters"][0], "x");
    // With no history, none is written: the file stays as older readers wrote it.
    let empty = tempfile::tempdir().unwrap();
    state::save(empty.path(), &ReadingState::default()).unwrap();
    let text = std::fs::read_to_string(empty.path().join("state.json")).unwrap();
    assert!(!text.contains("history"), "{text}");
}

#[test]
fn a_search_typed_before_a_restart_comes_back_with_up() {
    let config = tempfile::tempdir().expect("tempdir");
    let dir = config.path().to_path_buf();
    let mut s = Session::start_in(&[], &dir, tempfile::tempdir().expect("tempdir"));
    s.wait_for("Report of the Secretary-General");
    s.send("/Lithuania\r");
    s.wait_for("match 1 of");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let text = std::fs::read_to_string(dir.join("state.json")).expect("state file");
    assert!(text.contains("Lithuania"), "{text}");

    let mut s = Session::start_in(&[], &dir, config);
    s.wait_for("para.");
    s.send("/");
    s.send("\x1b[A"); // Up
    s.wait_for("/Lithuania");
    s.send("\x1b\x1bq");
    assert_eq!(s.exit_code(), 0);
}
