//! Issue 22, below the paragraph: `:66(b)`, `:66b` and `:140.12` go to a
//! sub-item, and `y` there cites it.

use crate::common::{app, number, press, render};

use report_reader::app::{App, Effect};
use report_reader::document::parse;
use report_reader::keymap::Keymap;
use report_reader::layout::BlockKind;

const RECOMMENDATIONS: &str = "I. Introduction\n\n139. Some text here.\n\n\
140. The following recommendations will be examined:\n\n\
140.1 Ratify the Convention (Chile);\n\n\
140.12 Consider a national plan on migrants (Peru);\n\n\
141. Next paragraph.\n";

/// The kind of the block at the top of the text pane.
fn top_kind(a: &App) -> Option<BlockKind> {
    a.blocks.kind(a.visible.first()?.block)
}

fn copied(effects: &[Effect]) -> Option<&str> {
    effects.iter().find_map(|e| match e {
        Effect::Copy(text) => Some(text.as_str()),
        _ => None,
    })
}

#[test]
fn colon_66_b_goes_to_the_sub_item_and_y_cites_it() {
    for typed in ["66(b)", "66b", "66 (b)", "para. 66 (b)"] {
        let mut a = app(120, 40);
        press(&mut a, &format!(":{typed}<Enter>"));
        assert_eq!(number(&a), Some(66), "{typed}");
        let p = a.current.expect("current");
        assert_eq!(top_kind(&a), Some(BlockKind::SubItem(p, 1)), "{typed}");
        assert!(
            render(&a)
                .lines()
                .nth(1)
                .unwrap_or("")
                .contains("(b) The Regional Office for West Africa")
        );
        let effects = press(&mut a, "y");
        assert!(
            copied(&effects).is_some_and(|c| c.ends_with("para. 66 (b)")),
            "{effects:?}"
        );
    }
}

#[test]
fn colon_140_12_goes_to_the_recommendation_and_y_cites_it_by_its_number() {
    let mut a = App::new(parse(RECOMMENDATIONS), Keymap::default_keymap(), (100, 20));
    press(&mut a, ":140.12<Enter>");
    assert_eq!(number(&a), Some(140));
    assert_eq!(
        top_kind(&a),
        Some(BlockKind::SubItem(a.current.unwrap(), 1))
    );
    let effects = press(&mut a, "y");
    assert!(
        copied(&effects).is_some_and(|c| c.ends_with("para. 140.12")),
        "{effects:?}"
    );
    assert!(!copied(&effects).unwrap_or("").contains("140 (140.12)"));
}

#[test]
fn a_sub_item_the_paragraph_lacks_is_said_with_those_it_has() {
    let mut a = app(120, 40);
    press(&mut a, ":66(z)<Enter>");
    let screen = render(&a);
    assert!(
        screen.contains("para. 66 has no sub-item \"z\" (it has (a) (b)"),
        "{screen}"
    );
    press(&mut a, ":7(b)<Enter>");
    assert!(render(&a).contains("para. 7 has no sub-item \"b\" (it has no sub-items)"));
}
