//! The country finder, driven by keys.

use crate::common::{app, number, press, render};

use report_reader::app::{Overlay, SearchKind};

#[test]
fn libya_is_found_by_its_short_name_and_shown_in_paragraph_49() {
    let mut a = app(120, 40);
    press(&mut a, "clibya");
    let Overlay::Finder(f) = &a.overlay else {
        panic!("finder not open");
    };
    let best = &a.countries.entries[f.results[0].entry];
    assert_eq!(best.name(), "Libya");
    assert!(render(&a).contains("Libya (as Libyan Arab Jamahiriya) — 1 mention: para 49"));
    press(&mut a, "<Enter>");
    assert_eq!(number(&a), Some(49));
    let (block, range) = a.search.matches.get(a.search.current.unwrap()).unwrap();
    assert_eq!(
        &a.blocks[block].text()[range.start as usize..range.end as usize],
        "Libyan Arab Jamahiriya"
    );
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Libya: mention 1 of 1")
    );
}

#[test]
fn accents_and_abbreviations_are_found() {
    let mut a = app(120, 40);
    press(&mut a, "cuk<Enter>");
    assert_eq!(number(&a), Some(47), "the United Kingdom of paragraph 47");
    let mut b = app(120, 40);
    press(&mut b, "ctürk<Enter>");
    assert_eq!(number(&b), Some(44), "Turkey's own subsection");
}

#[test]
fn spain_has_two_subsections_and_n_cycles_through_both() {
    let mut a = app(120, 40);
    press(&mut a, "cspain<Enter>");
    assert_eq!(number(&a), Some(17), "first subsection, part II");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("subsection II. Spain")
    );
    let mut seen = vec![number(&a)];
    for _ in 0..10 {
        press(&mut a, "n");
        seen.push(number(&a));
        if a.message
            .as_ref()
            .unwrap()
            .text
            .contains("subsection III. Spain")
        {
            break;
        }
    }
    assert_eq!(
        number(&a),
        Some(38),
        "then the part III subsection: {seen:?}"
    );
    assert!(matches!(a.search.kind, SearchKind::Country(_)));
}

#[test]
fn senegal_steps_through_its_mentions_including_a_sub_item() {
    let mut a = app(120, 40);
    press(&mut a, "csenegal<Enter>");
    let mut numbers = vec![number(&a).unwrap()];
    for _ in 1..a.search.matches.len() {
        press(&mut a, "n");
        numbers.push(number(&a).unwrap());
    }
    numbers.dedup();
    assert_eq!(numbers, [48, 49, 66]);
    let (block, _) = a.search.matches.get(a.search.current.unwrap()).unwrap();
    assert_eq!(
        a.blocks[block].kind,
        report_reader::layout::BlockKind::SubItem(65, 1)
    );
    press(&mut a, "n");
    assert_eq!(number(&a), Some(48), "wraps around");
}

#[test]
fn escape_cancels_and_the_jump_can_be_undone() {
    let mut a = app(120, 40);
    press(&mut a, ":20<Enter>");
    let here = (a.top, a.current);
    press(&mut a, "cmex<Esc>");
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!((a.top, a.current), here);
    press(&mut a, "cmexico<Enter>");
    assert_eq!(number(&a), Some(35));
    press(&mut a, "<C-o>");
    assert_eq!((a.top, a.current), here);
}

#[test]
fn countries_the_report_never_names_are_not_listed() {
    let mut a = app(120, 40);
    press(&mut a, "cdominica");
    let Overlay::Finder(f) = &a.overlay else {
        panic!("finder not open");
    };
    assert!(
        f.results
            .iter()
            .all(|r| a.countries.entries[r.entry].name() != "Dominica")
    );
}

#[test]
fn finder_popup_snapshot() {
    let mut a = app(100, 30);
    press(&mut a, "cgu");
    insta::assert_snapshot!("finder_100x30", render(&a));
}
