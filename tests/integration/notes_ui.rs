//! Notes in the reader, driven by keys, with the store in a temporary directory.

use crate::common::{
    Reader, app_with_notes, number, parse_keys, press_saving as press, render, type_text,
};

use report_reader::app::{App, Effect, Overlay};
use report_reader::document::Document;
use report_reader::keymap::Keymap;
use report_reader::notes::store::NoteStore;

fn file(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("annotations.json")).unwrap_or_default()
}

#[test]
fn a_note_written_and_saved_is_in_the_file_and_marked_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>a");
    assert!(matches!(a.overlay, Overlay::Editor(_)));
    assert!(render(&a).contains("Note on para. 37 — “In respect of child migrants"));
    type_text(&mut a, "Check the figure of 172 officers.");
    let effects = press(&mut a, "<C-s>");
    assert!(effects.contains(&Effect::SaveNotes));
    assert!(matches!(a.overlay, Overlay::None));
    assert!(file(dir.path()).contains("Check the figure of 172 officers."));
    assert_eq!(a.note_index.per_paragraph[36], 1);
    let screen = render(&a);
    assert!(screen.contains("✎  37"), "{screen}");
    assert!(screen.contains("Mexico ✎1"), "{screen}");
    // Opening the editor again edits the same note.
    press(&mut a, "a");
    let Overlay::Editor(e) = &a.overlay else {
        panic!()
    };
    assert_eq!(e.text(), "Check the figure of 172 officers.");
    assert!(e.note_id.is_some());
}

#[test]
fn escape_with_changes_asks_and_keeps_the_draft_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":12<Enter>a");
    type_text(&mut a, "draft");
    press(&mut a, "<Esc>");
    let Overlay::Editor(e) = &a.overlay else {
        panic!("closed without asking")
    };
    assert!(e.confirm_discard);
    press(&mut a, "n");
    let Overlay::Editor(e) = &a.overlay else {
        panic!("draft lost")
    };
    assert_eq!(e.text(), "draft");
    assert!(!e.confirm_discard);
    press(&mut a, "<Esc>y");
    assert!(matches!(a.overlay, Overlay::None));
    assert!(!file(dir.path()).contains("draft"));
    // Without changes, Esc just closes.
    press(&mut a, "a<Esc>");
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn notes_on_a_sub_item_and_on_a_footnote() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":66<Enter>a<C-t><C-t>");
    type_text(&mut a, "Dakar round table");
    press(&mut a, "<C-s>");
    press(&mut a, ":55<Enter>fja");
    type_text(&mut a, "compare with A/HRC/8/22");
    press(&mut a, "<C-s>");
    let cites: Vec<&str> = a
        .note_index
        .views
        .iter()
        .map(|v| v.citation.as_str())
        .collect();
    assert_eq!(cites, ["footnote 4", "para. 66 (b)"]);
    let text = file(dir.path());
    assert!(text.contains("\"sub_item\": \"b\""));
    assert!(text.contains("\"footnote\": \"4\""));
    // The footnote's note shows in its popup.
    press(&mut a, "<Esc>:55<Enter>fj");
    assert!(render(&a).contains("✎ your note"));
}

#[test]
fn the_notes_list_filters_deletes_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    for (para, text) in [
        (5, "Italy cooperation"),
        (37, "child officers"),
        (49, "ratifications"),
    ] {
        press(&mut a, &format!(":{para}<Enter>a"));
        type_text(&mut a, text);
        press(&mut a, "<C-s>");
    }
    press(&mut a, "g");
    press(&mut a, "A");
    let screen = render(&a);
    assert!(screen.contains("Your notes (3)"));
    assert!(screen.contains("para. 5") && screen.contains("Italy cooperation"));
    press(&mut a, "/child<Enter>");
    let Overlay::Notes(list) = &a.overlay else {
        panic!()
    };
    assert_eq!(a.notes_rows(&list.filter).len(), 1);
    press(&mut a, "<Enter>");
    assert_eq!(number(&a), Some(37), "Enter jumps to the note's paragraph");
    press(&mut a, "Ad");
    assert_eq!(a.note_index.views.len(), 2);
    assert!(!file(dir.path()).contains("Italy cooperation"));
    press(&mut a, "u");
    assert_eq!(a.note_index.views.len(), 3);
    assert!(file(dir.path()).contains("Italy cooperation"));
}

#[test]
fn citation_goes_to_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    let effects = press(&mut a, ":37<Enter>y");
    assert!(effects.contains(&Effect::Copy(
        "Report of the Secretary-General, 21 July 2010, para. 37".into()
    )));
    let effects = press(&mut a, ":55<Enter>fjjy");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Copy(t) if t.ends_with("footnote 5"))),
        "{effects:?}"
    );
}

#[test]
fn marks_and_reading_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":20<Enter>ma:50<Enter>'a");
    assert_eq!(number(&a), Some(20));
    press(&mut a, "'z");
    assert_eq!(a.message.as_ref().unwrap().text, "no mark 'z'");
    press(&mut a, ":44<Enter><Tab>gjj<Space><Tab>");
    let state = a.reading_state(Default::default());
    assert_eq!(state.paragraph, Some(44));
    assert_eq!(state.marks.get(&'a'), Some(&20));
    assert_eq!(state.folded, ["II"]);
    let mut b = app_with_notes(dir.path());
    b.restore_reading_state(&state);
    assert_eq!(number(&b), Some(44));
    assert!(b.contents.folded.contains(&1));
    press(&mut b, "'a");
    assert_eq!(number(&b), Some(20));
}

#[test]
fn control_characters_in_a_note_are_shown_harmlessly_and_stored_intact() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":3<Enter>a");
    type_text(&mut a, "x");
    press(&mut a, "<C-s>");
    // Put hostile text in through the store, as a hand-edited file might;
    // the notes list reads it in.
    let fp = a.doc.fingerprint();
    let id = a.note_index.views[0].id.clone();
    NoteStore::open(dir.path())
        .0
        .edit(&fp, &id, "red \u{1b}[31mALERT\u{7} \u{202e}evil \u{9b}2J")
        .unwrap();
    press(&mut a, "A<Esc>i");
    let screen = render(&a);
    assert!(screen.contains("␛[31mALERT␇"), "{screen}");
    assert!(!screen.chars().any(|c| c.is_control() && c != '\n'));
    press(&mut a, "A");
    assert!(!render(&a).chars().any(|c| c.is_control() && c != '\n'));
    assert!(file(dir.path()).contains("\\u001b[31mALERT\\u0007"));
}

#[test]
fn a_second_copy_sees_the_first_copys_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = app_with_notes(dir.path());
    let mut two = app_with_notes(dir.path());
    press(&mut one, ":4<Enter>a");
    type_text(&mut one, "from one");
    press(&mut one, "<C-s>");
    press(&mut two, ":6<Enter>a");
    type_text(&mut two, "from two");
    press(&mut two, "<C-s>");
    let text = file(dir.path());
    assert!(text.contains("from one") && text.contains("from two"));
    press(&mut one, "A");
    assert_eq!(one.note_index.views.len(), 2, "the list re-reads the file");
}

#[test]
fn notes_follow_their_text_into_a_corrected_edition() {
    let dir = tempfile::tempdir().unwrap();
    let first = "I. Intro\n\n1. The first paragraph.\n\n2. The Government of Mexico reported on shelters for children.\n";
    let corrected = "I. Intro\n\n1. The first paragraph.\n\n2. A paragraph added in the corrected edition.\n\n3. The Government of Mexico reported on shelters for children.\n";
    let open = |text: &str| {
        let a = App::new(
            report_reader::document::parse(text),
            Keymap::default_keymap(),
            (100, 30),
        );
        Reader::open(a, dir.path())
    };
    let mut a = open(first);
    press(&mut a, ":2<Enter>a");
    type_text(&mut a, "shelters");
    press(&mut a, "<C-s>");
    let b = open(corrected);
    assert_eq!(b.note_index.views.len(), 1);
    assert_eq!(b.note_index.views[0].citation, "para. 3");
    assert!(
        b.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("1 note carried over")
    );
    assert_eq!(b.note_index.per_paragraph, vec![0, 0, 1]);
}

#[test]
fn quitting_with_notes_that_will_not_save_warns_once_then_hands_them_over() {
    use report_reader::app::{Input, update};
    let holder = tempfile::tempdir().expect("tempdir");
    // A plain file where the configuration directory should be.
    let blocked = holder.path().join("config");
    std::fs::write(&blocked, "not a directory").expect("write");
    let a = App::new(Document::embedded(), Keymap::default_keymap(), (120, 40));
    let (store, _) = NoteStore::open(&blocked);
    let mut a = Reader::with_store(a, store);
    for k in parse_keys(":12<Enter>a") {
        a.key(k);
    }
    type_text(&mut a, "keep me");
    assert_eq!(a.key(parse_keys("<C-s>")[0]), vec![Effect::SaveNotes]);
    assert!(update(&mut a, Input::NotesNotSaved("no room".into())).is_empty());
    assert!(render(&a).contains("notes not saved, kept in memory"));
    // The first quit tries once more and warns.
    assert_eq!(a.key(parse_keys("q")[0]), vec![Effect::SaveNotes]);
    assert!(update(&mut a, Input::NotesNotSaved("no room".into())).is_empty());
    assert!(render(&a).contains("Notes are not saved: quit again"));
    // The second quits, with the notes as Markdown.
    assert_eq!(a.key(parse_keys("q")[0]), vec![Effect::SaveNotes]);
    match &update(&mut a, Input::NotesNotSaved("no room".into()))[..] {
        [
            Effect::Quit {
                unsaved_notes: Some(notes),
            },
        ] => assert!(notes.contains("keep me"), "{notes}"),
        other => panic!("{other:?}"),
    }
    // A save that works on the way out quits at once.
    let mut a = app_with_notes(holder.path());
    assert!(matches!(
        press(&mut a, "q")[..],
        [Effect::Quit {
            unsaved_notes: None
        }]
    ));
}

/// Stops the reader as a signal or a closed terminal does, carrying out
/// the effects as the event loop would, until it quits.
fn stop(a: &mut Reader) {
    use report_reader::app::{Input, update};
    let effects = update(a, Input::Stop);
    let effects = a.carry_out(effects);
    assert!(
        matches!(effects.last(), Some(Effect::Quit { .. })),
        "{effects:?}"
    );
}

fn editor_text(a: &App) -> String {
    match &a.overlay {
        Overlay::Editor(e) => e.text(),
        other => panic!("no editor: {other:?}"),
    }
}

#[test]
fn a_draft_in_the_editor_is_kept_when_the_reader_is_stopped_and_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>a");
    type_text(&mut a, "half a thought");
    stop(&mut a);
    assert!(file(dir.path()).contains("half a thought"));

    let mut b = app_with_notes(dir.path());
    let told = b
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        told.contains("draft") && told.contains("para. 37"),
        "{told}"
    );
    press(&mut b, ":37<Enter>a");
    assert_eq!(editor_text(&b), "half a thought");
    press(&mut b, "<C-s>");
    let json: serde_json::Value = serde_json::from_str(&file(dir.path())).unwrap();
    let notes: Vec<_> = json["documents"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|d| d["notes"].as_array().unwrap().clone())
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "half a thought");
    assert!(notes[0].get("draft").is_none());
}

#[test]
fn a_draft_of_a_saved_note_leaves_the_saved_text_until_it_is_saved_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>a");
    type_text(&mut a, "kept");
    press(&mut a, "<C-s>:37<Enter>a");
    type_text(&mut a, " and more");
    stop(&mut a);

    let mut b = app_with_notes(dir.path());
    let fp = b.doc.fingerprint();
    let note = b.notes.as_ref().unwrap().notes(&fp)[0].clone();
    assert_eq!(note.text, "kept");
    assert_eq!(note.draft.as_deref(), Some("kept and more"));
    press(&mut b, ":37<Enter>a");
    assert_eq!(editor_text(&b), "kept and more");
    press(&mut b, "<Esc>y");
    let note = b.notes.as_ref().unwrap().notes(&fp)[0].clone();
    assert_eq!((note.text.as_str(), note.draft), ("kept", None));
    assert!(!file(dir.path()).contains("and more"));
}

#[test]
fn a_notice_stays_whole_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    let path = "/home/someone/.config/report-reader/annotations.json.corrupt-20261202T061500Z";
    a.set_notice(
        format!(
            "annotations.json could not be read (EOF); moved aside to {path}, 0 notes recovered"
        ),
        report_reader::app::MessageKind::Warning,
    );
    a.prepare_view();
    for keys in ["j", "}", "G"] {
        press(&mut a, keys);
        let screen = render(&a).replace('\n', "");
        assert!(
            screen.contains("annotations.json.corrupt-20261202T061500Z"),
            "gone after {keys}:\n{}",
            render(&a)
        );
    }
    press(&mut a, "<Esc>");
    assert!(a.message.is_none());
    assert!(!render(&a).contains("corrupt"));
}

#[test]
fn goto_a_missing_paragraph_names_the_runs_there_are() {
    let text = "I. Intro\n\n1. One.\n\n2. Two.\n\n4. Four.\n\n5. Five.\n";
    let mut a = Reader::from(App::new(
        report_reader::document::parse(text),
        Keymap::default_keymap(),
        (120, 40),
    ));
    a.prepare_view();
    press(&mut a, ":3<Enter>");
    let told = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(told.contains("1–2, 4–5"), "{told}");
}

#[test]
fn a_long_paste_into_search_is_one_input() {
    use report_reader::app::{Input, update};
    let mut a = app_with_notes(tempfile::tempdir().unwrap().path());
    press(&mut a, "/");
    update(&mut a, Input::Paste("child\nmigrants".into()));
    match &a.overlay {
        Overlay::Prompt(p) => assert_eq!(p.input, "child migrants"),
        other => panic!("{other:?}"),
    }
    update(&mut a, Input::Paste("x".repeat(16_000)));
    match &a.overlay {
        Overlay::Prompt(p) => assert_eq!(p.input.chars().count(), 200, "capped"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_search_stays_on_its_words_when_notes_are_shown_under_their_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":3<Enter>a");
    type_text(&mut a, "two migrants asked");
    press(&mut a, "<C-s>");
    press(&mut a, "/migrant<Enter>");
    let hidden = a.search.matches.len();
    let words = |a: &App| {
        // Matches in the text (those in footnotes are in their popups).
        (0..a.search.matches.len())
            .filter_map(|i| a.search.matches.get(i))
            .map(|(b, r)| a.blocks[b].text()[r.start as usize..r.end as usize].to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    assert!(words(&a).iter().all(|w| w == "migrant"));
    press(&mut a, "i");
    // The note under paragraph 3 is searched too, and every match is still the word.
    assert_eq!(a.search.matches.len(), hidden + 1);
    assert!(words(&a).iter().all(|w| w == "migrant"));
    press(&mut a, "n");
    assert!(render(&a).contains(&format!("of {}", hidden + 1)));
    // A country's stops follow the blocks too.
    press(&mut a, "cSpain<Enter>");
    let (b, _) = a.search.matches.get(a.search.current.unwrap()).unwrap();
    assert_eq!(a.blocks[b].text(), "Spain");
    press(&mut a, "i");
    let (b, _) = a.search.matches.get(a.search.current.unwrap()).unwrap();
    assert_eq!(a.blocks[b].text(), "Spain");
}

#[test]
fn the_notes_list_asks_for_the_file_and_update_itself_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    let mut other = app_with_notes(dir.path());
    press(&mut other, ":6<Enter>a");
    type_text(&mut other, "from the other copy");
    press(&mut other, "<C-s>");
    // The key asks; nothing is read until the effect runs.
    let effects = a.app.key(parse_keys("A")[0]);
    assert_eq!(effects, vec![Effect::ReloadNotes]);
    assert!(a.note_index.views.is_empty());
    a.carry_out(effects);
    assert_eq!(a.note_index.views.len(), 1);
    assert!(matches!(a.overlay, Overlay::Notes(_)));
}

#[test]
fn a_save_brings_back_the_notes_merged_with_another_copys() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = app_with_notes(dir.path());
    let mut two = app_with_notes(dir.path());
    press(&mut one, ":4<Enter>a");
    type_text(&mut one, "from one");
    press(&mut one, "<C-s>");
    press(&mut two, ":6<Enter>a");
    type_text(&mut two, "from two");
    // Saving is an effect: until it runs, the app has only its own note.
    let effects = two.app.key(parse_keys("<C-s>")[0]);
    assert_eq!(effects, vec![Effect::SaveNotes]);
    assert_eq!(two.note_index.views.len(), 1);
    two.carry_out(effects);
    assert_eq!(two.note_index.views.len(), 2);
    assert!(!two.notebook().unwrap().is_dirty());
}

#[test]
fn what_is_said_at_start_is_one_notice_where_no_message_hides_another() {
    let dir = tempfile::tempdir().unwrap();
    let text = "I. Intro\n\n1. One.\n\n1. One again.\n";
    let open = || {
        let a = App::new(
            report_reader::document::parse(text),
            Keymap::default_keymap(),
            (100, 30),
        );
        Reader::open(a, dir.path())
    };
    let mut a = open();
    press(&mut a, "<Esc>:1<Enter>a");
    type_text(&mut a, "half");
    stop(&mut a);
    // The document's warning and the kept draft: before, the draft's
    // message took the warning's place.
    let b = open();
    let told = b
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(told.contains("a draft you had not saved"), "{told}");
    assert!(told.contains("number repeated"), "{told}");
    assert!(b.message.as_ref().is_some_and(|m| m.sticky));
}
