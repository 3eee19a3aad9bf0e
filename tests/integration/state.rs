//! Reading state in state.json. Each test uses its own temporary directory.

use report_reader::notes::StoreMessage;
use report_reader::notes::state::{self, ReadingState};
use serde_json::Value;

#[test]
fn state_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, message) = state::load(dir.path());
    assert_eq!(message, None);
    assert_eq!(s, ReadingState::default());
    let doc = s.document_mut("abc");
    doc.paragraph = Some(37);
    doc.offset = 4;
    doc.folded = vec!["II".into(), "III".into()];
    doc.marks.insert('a', 12);
    doc.marks.insert('z', 66);
    assert_eq!(state::save(dir.path(), &s).unwrap(), None);

    let (loaded, message) = state::load(dir.path());
    assert_eq!(message, None);
    assert_eq!(loaded, s);
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("state.json")).unwrap()).unwrap();
    assert_eq!(json["documents"]["abc"]["marks"]["a"], 12);
    assert_eq!(json["documents"]["abc"]["folded"][1], "III");
}

#[test]
fn unknown_keys_and_other_documents_survive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(
        &path,
        r#"{"schema_version": 1, "theme": "dark",
            "documents": {"other": {"paragraph": 5, "zoom": 2}, "abc": {"paragraph": 1}}}"#,
    )
    .unwrap();
    let (mut s, _) = state::load(dir.path());
    // Another copy's document is on disk but not in this copy's memory.
    s.documents.remove("other");
    s.document_mut("abc").paragraph = Some(9);
    state::save(dir.path(), &s).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["theme"], "dark");
    assert_eq!(json["documents"]["other"]["zoom"], 2);
    assert_eq!(json["documents"]["other"]["paragraph"], 5);
    assert_eq!(json["documents"]["abc"]["paragraph"], 9);
}

#[test]
fn corrupt_state_is_moved_aside_and_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let bytes = b"{\"schema_version\": 1, \"documents\": {\"abc\": {\"parag";
    std::fs::write(&path, bytes).unwrap();
    let (s, message) = state::load(dir.path());
    assert_eq!(s, ReadingState::default());
    let Some(StoreMessage::MovedAside { moved_to, .. }) = message else {
        panic!("{message:?}");
    };
    assert_eq!(std::fs::read(&moved_to).unwrap(), bytes);
    assert!(!path.exists());
    assert!(moved_to.to_string_lossy().contains("state.json.corrupt-"));
}

#[test]
fn newer_state_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let bytes = br#"{"schema_version": 3, "documents": {}}"#;
    std::fs::write(&path, bytes).unwrap();
    let (s, message) = state::load(dir.path());
    assert!(matches!(
        message,
        Some(StoreMessage::NewerSchema { version: 3, .. })
    ));
    assert!(state::save(dir.path(), &s).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_plain_file_for_the_directory_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("config");
    std::fs::write(&dir, b"x").unwrap();
    let (mut s, message) = state::load(&dir);
    assert_eq!(message, None);
    s.document_mut("abc").paragraph = Some(1);
    let err = state::save(&dir, &s).unwrap_err();
    assert!(err.to_string().contains("config"), "{err}");
    assert_eq!(std::fs::read(&dir).unwrap(), b"x");
}

#[cfg(unix)]
#[test]
fn state_file_is_0600() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("new");
    state::save(&dir, &ReadingState::default()).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.join("state.json")), 0o600);
    assert_eq!(mode(&dir), 0o700);
}
