//! Issue 22, "find what researchers type": a search folds case, accents,
//! apostrophes, quotes, dashes, ligatures, soft hyphens and non-breaking
//! spaces, and finds the footnotes too.

use crate::common::{app, number, press, render};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use report_reader::app::{App, Overlay, Spot};
use report_reader::document::parse;
use report_reader::keymap::Keymap;

const FOLDED: &str = "I. Introduction\n\n\
1. The Government of Côte d’Ivoire reported on children’s rights, the proﬁle of \
self-determina\u{AD}tion and 10\u{A0}000 migrants in 2009–2010, under «quotes».\n\n\
2. Cote d'Ivoire said \"self-determination\" again in 2009-2010.\n";

fn folded_app() -> App {
    App::new(parse(FOLDED), Keymap::default_keymap(), (100, 20))
}

/// The characters drawn as the current match (light red).
fn current_match_on_screen(app: &mut App) -> String {
    app.no_color = false;
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| report_reader::ui::draw(app, f)).expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            let cell = &buf[(x, y)];
            if cell.bg == Color::LightRed {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

/// The text of match `i` as printed.
fn printed(app: &App, i: usize) -> String {
    let (spot, r) = app.search.matches.at(i).expect("a match");
    let text = match spot {
        Spot::Block(b) => app.blocks[b].text().to_string(),
        Spot::Note { note, .. } => report_reader::layout::footnote_block(&app.doc, note)
            .text()
            .to_string(),
    };
    text[r.start as usize..r.end as usize].to_string()
}

#[test]
fn a_typed_apostrophe_finds_the_printed_one() {
    let mut a = app(120, 40);
    press(&mut a, ":29<Enter>/children's<Enter>");
    // Printed with either apostrophe, in either case: all found.
    let either = a.doc.source.to_lowercase().replace('’', "'");
    let printed_so = either.matches("children's").count();
    assert!(a.doc.source.contains("children’s") && printed_so > 1);
    assert_eq!(a.search.matches.len(), printed_so);
    assert_eq!(number(&a), Some(29));
    let i = a.search.current.expect("a current match");
    assert_eq!(printed(&a, i), "children’s");
    assert_eq!(current_match_on_screen(&mut a), "children’s");
    assert!(render(&a).contains(&format!("match {} of {printed_so}", i + 1)));
}

#[test]
fn cote_d_finds_cote_d_ivoire_as_printed_in_both_directions() {
    let mut a = folded_app();
    press(&mut a, "/Cote d<Enter>");
    assert_eq!(a.search.matches.len(), 2);
    assert_eq!(printed(&a, 0), "Côte d");
    assert_eq!(printed(&a, 1), "Cote d");
    assert_eq!(current_match_on_screen(&mut a), "Côte d");
    let mut b = folded_app();
    press(&mut b, "/CÔTE D’IVOIRE<Enter>");
    assert_eq!(b.search.matches.len(), 2);
    assert_eq!(printed(&b, 1), "Cote d'Ivoire");
}

#[test]
fn dashes_ligatures_soft_hyphens_spaces_and_quotes_are_folded() {
    for (typed, first, count) in [
        ("2009-2010", "2009–2010", 2),
        ("2009—2010", "2009–2010", 2),
        ("profile", "proﬁle", 1),
        ("self-determination", "self-determina\u{AD}tion", 2),
        ("10 000", "10\u{A0}000", 1),
        ("\"quotes\"", "«quotes»", 1),
        ("“self", "\"self", 1),
    ] {
        let mut a = folded_app();
        press(&mut a, "/");
        for c in typed.chars() {
            report_reader::app::update(&mut a, report_reader::app::Input::Char(c));
        }
        press(&mut a, "<Enter>");
        assert_eq!(a.search.matches.len(), count, "{typed}");
        assert_eq!(printed(&a, 0), first, "{typed}");
    }
}

#[test]
fn footnotes_are_searched_and_a_match_there_opens_its_popup_marked() {
    let mut a = app(120, 40);
    press(&mut a, "/globalmigrationgroup<Enter>");
    assert_eq!(a.search.matches.len(), 1);
    assert_eq!(number(&a), Some(63), "the paragraph citing note 16");
    let Overlay::Footnotes(popup) = &a.overlay else {
        panic!("the note's popup is open");
    };
    assert_eq!(
        a.doc.footnotes[popup.list[popup.selected]]
            .label
            .to_string(),
        "16"
    );
    let screen = render(&a);
    assert!(screen.contains("match 1 of 1, in note 16"), "{screen}");
    assert_eq!(current_match_on_screen(&mut a), "globalmigrationgroup");
}

#[test]
fn n_goes_from_a_note_to_the_next_match_in_reading_order() {
    let mut a = app(120, 40);
    press(&mut a, "/A/HRC/8/44<Enter>");
    assert_eq!(a.search.matches.len(), 2);
    assert!(render(&a).contains("match 1 of 2, in note 10"));
    press(&mut a, "n");
    assert!(matches!(a.overlay, Overlay::Footnotes(_)));
    assert!(render(&a).contains("match 2 of 2, in note 12"));
    assert_eq!(current_match_on_screen(&mut a), "A/HRC/8/44");
    // On to a match in the text: the popup closes.
    press(&mut a, "<Esc><Esc>/ILO<Enter>");
    let in_text = a.search.current;
    assert!(matches!(a.overlay, Overlay::None), "{in_text:?}");
}

#[test]
fn headings_and_table_cells_are_searched() {
    let mut a = app(120, 40);
    press(&mut a, "/Information from Governments<Enter>");
    assert!(!a.search.matches.is_empty());
    let (spot, _) = a.search.matches.at(0).expect("match");
    let Spot::Block(b) = spot else {
        panic!("a heading")
    };
    assert!(matches!(
        a.blocks.kind(b),
        Some(report_reader::layout::BlockKind::Part(_))
    ));
}

#[test]
fn s_asks_for_a_search_first() {
    let mut a = app(120, 40);
    press(&mut a, "s");
    assert!(matches!(a.overlay, Overlay::None));
    assert!(render(&a).contains("no search yet: press / to search, then s to list its matches"));
}

#[test]
fn s_lists_every_match_with_its_place_and_line() {
    let mut a = app(120, 40);
    press(&mut a, "/global<Enter>");
    let before = a.place();
    let total = a.search.matches.len();
    press(&mut a, "s");
    let Overlay::Matches(list) = &a.overlay else {
        panic!("the list is open");
    };
    assert_eq!(list.rows.len(), total);
    let screen = render(&a);
    assert!(
        screen.contains(&format!("\"global\": {total} matches")),
        "{screen}"
    );
    assert!(screen.contains("note 16, cited in para. 63"), "{screen}");
    assert!(screen.contains("para. 62"), "{screen}");
    // j and k move; Esc goes back to where the reader was.
    press(&mut a, "jjk");
    let Overlay::Matches(list) = &a.overlay else {
        panic!("still open");
    };
    assert_eq!(list.selected, 1);
    press(&mut a, "<Esc>");
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.place(), before);
}

#[test]
fn typing_narrows_the_list_and_enter_goes_there() {
    let mut a = app(120, 40);
    press(&mut a, "/global<Enter>s");
    press(&mut a, "note 16");
    let Overlay::Matches(list) = &a.overlay else {
        panic!("the list is open");
    };
    assert_eq!(list.shown.len(), 1, "{:?}", list.shown);
    let screen = render(&a);
    assert!(screen.contains("narrow: note 16"), "{screen}");
    press(&mut a, "<Enter>");
    assert_eq!(number(&a), Some(63));
    let Overlay::Footnotes(popup) = &a.overlay else {
        panic!("the note's popup is open");
    };
    assert_eq!(
        a.doc.footnotes[popup.list[popup.selected]]
            .label
            .to_string(),
        "16"
    );
    assert_eq!(current_match_on_screen(&mut a), "global");
    // Back to where the list was opened from.
    press(&mut a, "<Esc><C-o>");
    assert_ne!(number(&a), Some(63));
}

#[test]
fn a_heading_is_listed_as_the_heading_of_its_part() {
    let mut a = app(120, 40);
    press(&mut a, "/Information from Governments<Enter>s");
    let screen = render(&a);
    assert!(screen.contains("heading of part II"), "{screen}");
    assert!(screen.contains("heading of part III"), "{screen}");
}

#[test]
fn the_list_is_in_both_keymaps_and_in_the_help() {
    use report_reader::action::Action;
    use report_reader::keymap::Mode;
    for name in ["default", "emacs"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (km, messages) = Keymap::load(Some(name), Some(dir.path()));
        assert!(messages.is_empty(), "{messages:?}");
        assert!(
            !km.keys_for(Mode::Reader, Action::MatchList).is_empty(),
            "{name}"
        );
        assert!(
            !km.keys_for(Mode::Matches, Action::Select).is_empty(),
            "{name}"
        );
    }
    let mut a = app(120, 200);
    press(&mut a, "?");
    let screen = render(&a);
    assert!(
        screen.contains("List every match of the search"),
        "{screen}"
    );
}

#[test]
fn a_long_note_opens_scrolled_to_its_match() {
    let mut a = app(60, 12);
    press(&mut a, "/para. 82.4<Enter>");
    let Overlay::Footnotes(popup) = &a.overlay else {
        panic!("the note's popup is open");
    };
    assert!(popup.scroll > 0, "scrolled down the note");
    // The match is on screen (it may break across two lines).
    assert!(current_match_on_screen(&mut a).ends_with("82.4"));
}
