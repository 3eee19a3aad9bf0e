//! Issue 22: a table's cells are searched, folded like the text, and the
//! list names the table.

use crate::common::{press, render};

use report_reader::app::{App, Overlay, Spot};
use report_reader::document::parse;
use report_reader::keymap::Keymap;
use report_reader::layout::BlockKind;

const TABLE: &str = "I. Introduction\n\n1. The first paragraph, before the table.\n\n\
Table 1\nMigrants returned, 2009-2010\n\n\
  Country            2009      2010\n\
  Greece             1 200     1 350\n\
  Côte d’Ivoire      310       420\n\
  Spain              2 400     2 100\n\n\
Source: Ministry reports.\n\n2. The second paragraph.\n";

#[test]
fn a_table_cell_is_found_and_listed_as_its_table() {
    let mut a = App::new(parse(TABLE), Keymap::default_keymap(), (100, 24));
    assert_eq!(a.doc.tables.len(), 1);
    press(&mut a, "/cote d'ivoire<Enter>");
    assert_eq!(a.search.matches.len(), 1);
    let (spot, _) = a.search.matches.at(0).expect("a match");
    let Spot::Block(b) = spot else {
        panic!("in the text")
    };
    assert_eq!(a.blocks.kind(b), Some(BlockKind::Table(0)));
    press(&mut a, "s");
    assert!(matches!(a.overlay, Overlay::Matches(_)));
    let screen = render(&a);
    assert!(screen.contains("table 1"), "{screen}");
    assert!(screen.contains("Côte d’Ivoire"), "{screen}");
}
