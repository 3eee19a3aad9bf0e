//! Selecting, highlighting and choosing highlights in the reader, driven
//! by keys, with the notes store in a temporary directory.

use crate::common;
use crate::common::{app_with_notes, press_saving as press, render, type_text};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use report_reader::app::{App, Effect, Overlay};
use report_reader::document::Document;
use report_reader::keymap::Keymap;

fn highlights(a: &App) -> Vec<(String, u8, String)> {
    let fp = a.doc.fingerprint();
    a.notes
        .as_ref()
        .unwrap()
        .notes(&fp)
        .into_iter()
        .filter_map(|n| {
            let h = n.highlight.as_ref()?;
            Some((n.quote.exact.clone(), h.colour, n.text.clone()))
        })
        .collect()
}

fn status(a: &App) -> String {
    render(a).lines().last().unwrap_or("").to_string()
}

#[test]
fn v_w_w_h_highlights_exactly_the_first_three_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>v");
    assert!(
        status(&a).contains("“In” · 1 word · para. 37"),
        "{}",
        status(&a)
    );
    press(&mut a, "ww");
    assert!(status(&a).contains("“In respect of” · 3 words · para. 37"));
    let effects = press(&mut a, "h");
    assert!(effects.contains(&Effect::SaveNotes));
    assert!(a.selection.is_none());
    assert_eq!(
        highlights(&a),
        vec![("In respect of".to_string(), 1, String::new())]
    );
    let file = std::fs::read_to_string(dir.path().join("annotations.json")).unwrap();
    assert!(file.contains("\"exact\": \"In respect of\""), "{file}");
    // A bare highlight is not a note: no ✎ in the gutter; the contents
    // pane counts it as a highlight.
    let screen = render(&a);
    assert!(screen.contains("   37▌ In respect of"), "{screen}");
    assert!(screen.contains("Mexico ▮1"), "{screen}");
}

#[test]
fn a_selection_extends_into_the_next_paragraph_and_is_cited_as_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vww}");
    assert!(status(&a).contains("paras. 37–38"), "{}", status(&a));
    let effects = press(&mut a, "y");
    let copied = effects.iter().find_map(|e| match e {
        Effect::Copy(text) => Some(text.clone()),
        _ => None,
    });
    let copied = copied.expect("copied");
    assert!(
        copied.starts_with("“In respect of child migrants"),
        "{copied}"
    );
    assert!(
        copied.ends_with("” (Report of the Secretary-General, 21 July 2010, paras. 37–38)"),
        "{copied}"
    );
    assert!(!copied.contains('\n'));
}

#[test]
fn o_swaps_the_moving_end_so_the_start_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vwwow");
    assert!(
        status(&a).contains("“respect of” · 2 words"),
        "{}",
        status(&a)
    );
    press(&mut a, "$");
    let s = status(&a);
    assert!(s.contains("“of child migrants"), "{s}");
    press(&mut a, "0");
    assert!(status(&a).contains("“In respect of” · 3 words"));
    press(&mut a, "<Esc>");
    assert!(a.selection.is_none());
    assert!(highlights(&a).is_empty());
}

#[test]
fn sentence_keys_move_to_the_end_and_back_to_the_start_of_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>v)");
    let span = a.selection_span(&a.selection.unwrap());
    let words = report_reader::notes::highlight::exact(&a.doc, &span);
    assert!(words.starts_with("In respect of child migrants"));
    assert!(words.ends_with("migrants."), "{words}");
    assert!(
        !words[..words.len() - 1].contains(". "),
        "one sentence: {words}"
    );
    // The end of the next sentence, then back to its start.
    press(&mut a, ")(");
    let span = a.selection_span(&a.selection.unwrap());
    let words = report_reader::notes::highlight::exact(&a.doc, &span);
    assert!(words.ends_with("migrants. In"), "{words}");
    // From a sentence's start, ( goes to the start of the one before.
    press(&mut a, "(");
    let span = a.selection_span(&a.selection.unwrap());
    assert_eq!(report_reader::notes::highlight::exact(&a.doc, &span), "In");
}

#[test]
fn j_moves_the_selection_a_line_and_the_view_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vj");
    let head = a.selection.unwrap().head;
    assert_eq!(head.paragraph, 36);
    // The word under the first one, on the next screen line.
    let text = a.doc.passage(36).text;
    assert!(text[head.byte..].starts_with("it had operated"), "{head:?}");
    press(&mut a, "k");
    assert_eq!(a.selection.unwrap().head.byte, 0);
    // From the paragraph's first line, k goes to the last line of the one before.
    press(&mut a, "k");
    let head = a.selection.unwrap().head;
    assert_eq!(head.paragraph, 35);
    assert!(head.byte > 0);
    // Far past the end of the screen: the view has followed.
    press(&mut a, "}}}}}}}}");
    let head = a.selection.unwrap().head;
    let number = a.doc.paragraphs[head.paragraph].number;
    let screen = render(&a);
    assert!(number > 40);
    assert!(screen.contains(&format!("{number}▌")), "{number}\n{screen}");
}

#[test]
fn a_highlights_and_opens_the_editor_on_it_and_its_note_marks_the_gutter() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vwwa");
    let Overlay::Editor(editor) = &a.overlay else {
        panic!("editor")
    };
    assert!(editor.note_id.is_some());
    type_text(&mut a, "Quote this #shelters");
    press(&mut a, "<C-s>");
    assert_eq!(
        highlights(&a),
        vec![(
            "In respect of".to_string(),
            1,
            "Quote this #shelters".to_string()
        )]
    );
    assert!(
        render(&a).contains("✎  37▌ In respect of"),
        "{}",
        render(&a)
    );
}

#[test]
fn h_chooses_a_highlight_which_can_be_recoloured_deleted_and_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vww2");
    press(&mut a, "v)))h");
    assert_eq!(highlights(&a).len(), 2);
    assert_eq!(highlights(&a)[0].1, 2);
    press(&mut a, "H");
    assert!(
        status(&a).contains("highlight 1 of 2 · green"),
        "{}",
        status(&a)
    );
    press(&mut a, "5");
    assert_eq!(highlights(&a)[0].1, 5);
    press(&mut a, "H");
    assert!(
        status(&a).contains("highlight 2 of 2 · yellow"),
        "{}",
        status(&a)
    );
    press(&mut a, "d");
    assert_eq!(highlights(&a).len(), 1);
    press(&mut a, "u");
    assert_eq!(highlights(&a).len(), 2);
    press(&mut a, "<Esc>");
    assert!(a.chosen.is_none());
    // Back in the reader, keys read again.
    press(&mut a, "j");
}

#[test]
fn a_highlight_is_drawn_in_its_colour_and_underlined_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vww3");
    // Whatever NO_COLOR the tests run with.
    a.no_color = false;
    insta::assert_snapshot!("highlight_colour", styled_rows(&a, 2));
    a.no_color = true;
    insta::assert_snapshot!("highlight_no_color", styled_rows(&a, 2));
    // A selection is drawn reversed, over the highlight.
    a.no_color = false;
    press(&mut a, "vw");
    insta::assert_snapshot!("selection_over_highlight", styled_rows(&a, 2));
}

/// The first `rows` rows of the text pane, with each styled run marked:
/// `[bg=…|u|r:text]`.
fn styled_rows(a: &App, rows: u16) -> String {
    let (w, h) = a.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| report_reader::ui::draw(a, f)).unwrap();
    let buf = t.backend().buffer();
    let area = a.areas().text;
    let mut out = String::new();
    for y in area.y..area.y + rows {
        let mut open: Option<String> = None;
        for x in area.x..area.right() {
            let cell = &buf[(x, y)];
            let mut tag = Vec::new();
            if cell.bg != Color::Reset {
                tag.push(format!("bg={:?}", cell.bg));
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                tag.push("u".into());
            }
            if cell.modifier.contains(Modifier::REVERSED) {
                tag.push("r".into());
            }
            let tag = (!tag.is_empty()).then(|| tag.join("|"));
            if tag != open {
                if open.is_some() {
                    out.push(']');
                }
                if let Some(t) = &tag {
                    out.push_str(&format!("[{t}:"));
                }
                open = tag;
            }
            out.push_str(cell.symbol());
        }
        if open.is_some() {
            out.push(']');
        }
        out = out.trim_end().to_string();
        out.push('\n');
    }
    out
}

#[test]
fn both_presets_bind_every_selection_and_highlight_key_and_help_lists_them() {
    use report_reader::action::Action;
    use report_reader::keymap::{Mode, PRESETS};
    for (name, text) in PRESETS {
        let keymap = Keymap::parse(text, name).expect("preset parses");
        let bound =
            |mode: Mode, action: Action| keymap.bindings(mode).iter().any(|(_, a)| *a == action);
        assert!(bound(Mode::Reader, Action::SelectPassage), "{name}");
        assert!(bound(Mode::Reader, Action::StepHighlights), "{name}");
        for action in [
            Action::WordForward,
            Action::WordBack,
            Action::SentenceForward,
            Action::SentenceBack,
            Action::ParagraphEnd,
            Action::ParagraphStart,
            Action::NextParagraphEnd,
            Action::SwapEnds,
            Action::LineDown,
            Action::LineUp,
            Action::Highlight,
            Action::Colour1,
            Action::Colour5,
            Action::HighlightNote,
            Action::CopyQuote,
            Action::Close,
        ] {
            assert!(bound(Mode::Selection, action), "{name}: {action}");
        }
        for action in [
            Action::Colour3,
            Action::AddNote,
            Action::DeleteNote,
            Action::UndoDelete,
            Action::StepHighlights,
            Action::Close,
        ] {
            assert!(bound(Mode::Highlight, action), "{name}: {action}");
        }
    }
    // `?` lists them, under their own headings.
    let mut a = App::new(Document::embedded(), Keymap::default_keymap(), (120, 200));
    common::press(&mut a, "?");
    let mut screen = String::new();
    for _ in 0..8 {
        screen.push_str(&render(&a));
        common::press(&mut a, "<Space>");
    }
    assert!(screen.contains("Selecting a passage"), "{screen}");
    assert!(screen.contains("Swap which end of the selection moves"));
    assert!(screen.contains("A chosen highlight (after H)"));
}

#[test]
fn the_notes_list_shows_highlights_with_colour_quote_and_tags_and_filters_by_tag_and_colour() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    // A blue highlight with a tagged note, a plain note, a yellow highlight.
    press(&mut a, ":37<Enter>vww3Ha");
    type_text(&mut a, "Shelters #quote");
    press(&mut a, "<C-s><Esc>");
    press(&mut a, ":12<Enter>a");
    type_text(&mut a, "Check this #followup");
    press(&mut a, "<C-s>");
    press(&mut a, ":55<Enter>vwh");
    press(&mut a, "A");
    let screen = render(&a);
    // The date of the change is today's: kept out of the snapshot.
    let today = time::OffsetDateTime::now_utc().date().to_string();
    insta::assert_snapshot!(
        "notes_list_with_highlights",
        screen.replace(&today, "YYYY-MM-DD")
    );
    assert!(
        screen.contains("“In respect of” — Shelters #quote"),
        "{screen}"
    );
    assert!(screen.contains("#followup"));
    // In document order: para. 12, 37, 55.
    let at = |s: &str| screen.find(s).unwrap_or_else(|| panic!("{s}\n{screen}"));
    assert!(at("para. 12") < at("para. 37") && at("para. 37") < at("para. 55"));
    let rows = |a: &App, filter: &str| -> Vec<String> {
        a.notes_rows(filter)
            .into_iter()
            .map(|i| a.note_index.views[i].citation.clone())
            .collect()
    };
    assert_eq!(rows(&a, "#quote"), vec!["para. 37"]);
    assert_eq!(rows(&a, "#FollowUp"), vec!["para. 12"]);
    assert_eq!(rows(&a, "3"), vec!["para. 37"]);
    assert_eq!(rows(&a, "1"), vec!["para. 55"]);
    assert_eq!(rows(&a, "#quote 1"), Vec::<String>::new());
    // Typed into the list's filter.
    press(&mut a, "/#quote<Enter>");
    let screen = render(&a);
    assert!(
        screen.contains("para. 37") && !screen.contains("para. 12 "),
        "{screen}"
    );
}

#[test]
fn a_mouse_drag_selects_and_the_keys_then_act_on_it() {
    use report_reader::app::{Input, update};
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>");
    let text = a.areas().text;
    // Press on "In", drag to "of" on the same line.
    update(
        &mut a,
        Input::Click {
            column: text.x,
            row: text.y,
        },
    );
    assert!(a.selection.is_none());
    update(
        &mut a,
        Input::Drag {
            column: text.x + 12,
            row: text.y,
        },
    );
    assert!(
        status(&a).contains("“In respect of” · 3 words"),
        "{}",
        status(&a)
    );
    press(&mut a, "w4");
    assert_eq!(
        highlights(&a),
        vec![("In respect of child".to_string(), 4, String::new())]
    );
}

#[test]
fn a_long_highlight_in_the_notes_list_leaves_room_for_its_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>v}a");
    type_text(&mut a, "Key passage");
    press(&mut a, "<C-s>A");
    let screen = render(&a);
    assert!(screen.contains("paras. 37–38"), "{screen}");
    assert!(screen.contains("— Key passage"), "{screen}");
}

#[test]
fn a_highlights_note_shown_under_its_paragraph_says_which_words_it_is_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_notes(dir.path());
    press(&mut a, ":37<Enter>vwwa");
    type_text(&mut a, "Quote this");
    press(&mut a, "<C-s>");
    // A bare highlight has no line of its own.
    press(&mut a, ":38<Enter>vwh:37<Enter>i");
    let screen = render(&a);
    assert!(
        screen.contains("✎ para. 37: “In respect of” — Quote this"),
        "{screen}"
    );
    assert!(!screen.contains("✎ para. 38"), "{screen}");
}
