//! The terminal's bytes read as keys, mouse reports and resizes: what the
//! reader gets when it reads the terminal itself.

use std::collections::VecDeque;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use report_reader::input::{Parser, parse_all};
use report_reader::keymap::KeyPress;

fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
    parse_all(bytes)
        .into_iter()
        .map(|e| match e {
            Event::Key(KeyEvent {
                code,
                modifiers,
                kind,
                ..
            }) => {
                assert_eq!(kind, KeyEventKind::Press);
                (code, modifiers)
            }
            other => panic!("not a key: {other:?}"),
        })
        .collect()
}

#[test]
fn letters_digits_and_control_keys() {
    let none = KeyModifiers::NONE;
    assert_eq!(
        keys(b"j:55\r"),
        [
            (KeyCode::Char('j'), none),
            (KeyCode::Char(':'), none),
            (KeyCode::Char('5'), none),
            (KeyCode::Char('5'), none),
            (KeyCode::Enter, none),
        ]
    );
    assert_eq!(keys(b"\x0f"), [(KeyCode::Char('o'), KeyModifiers::CONTROL)]);
    assert_eq!(
        keys(b"\t\x7f"),
        [(KeyCode::Tab, none), (KeyCode::Backspace, none)]
    );
}

#[test]
fn arrows_pages_and_alt_keys_in_one_read() {
    let none = KeyModifiers::NONE;
    assert_eq!(
        keys(b"\x1b[A\x1b[B\x1b[6~\x1b[5~\x1b[H\x1b[F\x1b[1;3C"),
        [
            (KeyCode::Up, none),
            (KeyCode::Down, none),
            (KeyCode::PageDown, none),
            (KeyCode::PageUp, none),
            (KeyCode::Home, none),
            (KeyCode::End, none),
            (KeyCode::Right, KeyModifiers::ALT),
        ]
    );
}

#[test]
fn a_lone_escape_is_the_esc_key() {
    assert_eq!(keys(b"\x1b"), [(KeyCode::Esc, KeyModifiers::NONE)]);
    // Esc, then a key in the same read: Alt and the key, as every
    // terminal library reads it.
    assert_eq!(keys(b"\x1bq"), [(KeyCode::Char('q'), KeyModifiers::ALT)]);
}

#[test]
fn a_sequence_cut_between_two_reads_is_kept_whole() {
    let mut parser = Parser::default();
    let mut events = VecDeque::new();
    parser.feed(b"\x1b[", &mut events);
    assert!(events.is_empty(), "{events:?}");
    parser.feed(b"6~j", &mut events);
    let got: Vec<_> = events
        .iter()
        .map(|e| match e {
            Event::Key(k) => k.code,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(got, [KeyCode::PageDown, KeyCode::Char('j')]);
    // A character cut in the middle of its UTF-8 bytes, too.
    let mut events = VecDeque::new();
    let e_acute = "é".as_bytes();
    parser.feed(&e_acute[..1], &mut events);
    assert!(events.is_empty());
    parser.feed(&e_acute[1..], &mut events);
    assert!(matches!(
        events.pop_front(),
        Some(Event::Key(KeyEvent {
            code: KeyCode::Char('é'),
            ..
        }))
    ));
}

#[test]
fn mouse_reports_are_read_with_their_cell() {
    // SGR reports (mode 1006): a click at column 5, row 3, and a wheel roll.
    let events = parse_all(b"\x1b[<0;5;3M\x1b[<65;40;10M");
    match &events[..] {
        [Event::Mouse(click), Event::Mouse(wheel)] => {
            assert_eq!(click.kind, MouseEventKind::Down(MouseButton::Left));
            assert_eq!((click.column, click.row), (4, 2));
            assert_eq!(wheel.kind, MouseEventKind::ScrollDown);
            assert_eq!((wheel.column, wheel.row), (39, 9));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bytes_no_terminal_sends_for_a_key_are_dropped_and_reading_goes_on() {
    let events = parse_all(b"\x1b[999;999;999;999z j");
    let codes: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Key(k) => KeyPress::from_event(k).map(|p| p.code),
            _ => None,
        })
        .collect();
    assert_eq!(codes.last(), Some(&KeyCode::Char('j')));
}

#[test]
fn printable_characters_read_alone_are_what_the_full_parser_makes_of_them() {
    for b in 0x20u8..0x7f {
        let full = terminput::Event::parse_from(&[b])
            .expect("parses")
            .and_then(|e| terminput_crossterm::to_crossterm(e).ok());
        assert_eq!(report_reader::input::printable(b), full, "byte {b:#x}");
    }
    assert_eq!(report_reader::input::printable(0x1b), None);
    assert_eq!(report_reader::input::printable(0x7f), None);
}
