//! The reader drawn through ratatui: after any keys, what the terminal
//! holds (each frame sent as a difference from the one before) is exactly
//! the frame drawn whole, and text from the report never reaches the
//! terminal as control characters.

use crate::common::{Reader, parse_keys};

use std::cell::RefCell;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::backend::Backend;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use report_reader::app::{App, Input, update};
use report_reader::document::Document;
use report_reader::keymap::{KeyPress, Keymap};

/// The app, a test terminal drawn frame after frame, and, when asked for,
/// a crossterm terminal whose bytes are kept.
struct Rig {
    app: Reader,
    terminal: Terminal<TestBackend>,
    wire: Option<Terminal<CrosstermBackend<Wire>>>,
    bytes: Rc<RefCell<Vec<u8>>>,
}

/// Where crossterm writes: every byte kept.
struct Wire(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Rig {
    fn new(app: impl Into<Reader>) -> Rig {
        let app = app.into();
        let (w, h) = app.size;
        let mut rig = Rig {
            app,
            terminal: Terminal::new(TestBackend::new(w, h)).expect("terminal"),
            wire: None,
            bytes: Rc::default(),
        };
        rig.draw();
        rig
    }

    /// Also sends every frame through crossterm, into `bytes`.
    fn with_wire(mut self) -> Rig {
        let (w, h) = self.app.size;
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        let backend = CrosstermBackend::new(Wire(Rc::clone(&self.bytes)));
        let wire = Terminal::with_options(backend, options);
        self.wire = Some(wire.expect("terminal"));
        self.draw();
        self
    }

    fn bytes(&self) -> Vec<u8> {
        self.bytes.borrow().clone()
    }

    fn draw(&mut self) {
        self.app.prepare_view();
        let app = &self.app.app;
        self.terminal
            .draw(|f| report_reader::ui::draw(app, f))
            .expect("draw");
        cover_after_wide_characters(self.terminal.backend_mut());
        if let Some(wire) = &mut self.wire {
            wire.draw(|f| report_reader::ui::draw(app, f))
                .expect("draw");
        }
    }

    fn key(&mut self, key: KeyPress) {
        let effects = self.app.key(key);
        self.app.carry_out(effects);
        self.draw();
    }

    fn keys(&mut self, keys: &str) {
        for k in parse_keys(keys) {
            self.key(k);
            self.check(keys);
        }
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.terminal.backend_mut().resize(w, h);
        update(&mut self.app, Input::Resize(w, h));
        self.draw();
    }

    /// What the terminal shows, lines trimmed, for a snapshot.
    fn snapshot(&self) -> String {
        screen_text(self.shown())
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn shown(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The terminal shows the frame drawn whole from the same state, cell by
    /// cell: text, colours and attributes.
    fn check(&self, context: &str) {
        let (w, h) = self.app.size;
        let mut fresh = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        fresh
            .draw(|f| report_reader::ui::draw(&self.app, f))
            .expect("draw");
        let whole = fresh.backend().buffer();
        let shown = self.shown();
        assert_eq!(shown.area, whole.area, "size after {context:?}");
        for y in 0..h {
            for x in 0..w {
                let (want, cell) = (&whole[(x, y)], &shown[(x, y)]);
                assert_eq!(
                    cell.symbol(),
                    want.symbol(),
                    "cell ({x}, {y}) after {context:?}:\n{}",
                    screen_text(shown)
                );
                assert_eq!(cell.fg, want.fg, "fg ({x}, {y}) after {context:?}");
                assert_eq!(cell.bg, want.bg, "bg ({x}, {y}) after {context:?}");
                assert_eq!(
                    cell.modifier, want.modifier,
                    "modifiers ({x}, {y}) after {context:?}"
                );
            }
        }
    }
}

/// What a terminal does and the test backend does not: a wide character
/// blanks the cells it covers.
fn cover_after_wide_characters(backend: &mut TestBackend) {
    let buf = backend.buffer();
    let mut covered = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let width = unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()) as u16;
            covered.extend((x + 1..(x + width).min(buf.area.width)).map(|c| (c, y)));
        }
    }
    let blank = Cell::default();
    Backend::draw(backend, covered.into_iter().map(|(x, y)| (x, y, &blank))).expect("draw");
}

/// The buffer as a terminal shows it, one line per row: a wide character
/// covers the cell after it.
fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn app(w: u16, h: u16) -> App {
    App::new(Document::embedded(), Keymap::default_keymap(), (w, h))
}

/// An app whose notes (in a temporary directory) include wide characters.
fn app_with_notes(dir: &std::path::Path, w: u16, h: u16) -> Reader {
    Reader::open(app(w, h), dir)
}

#[test]
fn reading_down_and_up_the_whole_report_shows_what_a_whole_frame_shows() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut rig = Rig::new(app(w, h));
        rig.check("start");
        for _ in 0..12 {
            rig.keys("jjjjjjjjjj}}");
        }
        rig.keys("GkkkkkkkkkkkkkkkkkkkkK{{{{bbg");
        insta::assert_snapshot!(format!("read_down_and_up_{w}x{h}"), rig.snapshot());
    }
}

#[test]
fn jumps_popups_search_and_panes_between_scrolls_show_what_a_whole_frame_shows() {
    let mut rig = Rig::new(app(120, 40));
    for (i, script) in [
        ":37<Enter>jjjk",
        "fjj<Esc>jjj",
        "/migrant<Enter>jjnnjjNkk",
        "<Esc>jj",
        "tjjjjtkk",
        "<Tab>jjj<Enter>jj<Tab>jj",
        // Folding and unfolding parts from the contents pane.
        "<Tab>gjj<Space>jj<Space>kkh<Space>l<Esc>jj",
        "]]]jj[[kk",
        "cmex<Enter>jjnjj",
        "?<Esc>jj",
        ":999<Enter>jj",
        "<C-o>jj",
        "Gkkkk gg",
    ]
    .into_iter()
    .enumerate()
    {
        rig.keys(script);
        insta::assert_snapshot!(format!("between_scrolls_{i:02}"), rig.snapshot(), script);
    }
}

#[test]
fn wide_characters_in_notes_and_the_prompt_are_drawn_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rig = Rig::new(app_with_notes(dir.path(), 100, 30));
    rig.keys(":37<Enter>a");
    for c in "移民の権利 — 日本語のメモ".chars() {
        let key =
            KeyPress::parse(&c.to_string()).unwrap_or_else(|| KeyPress::parse("space").unwrap());
        rig.key(key);
    }
    rig.keys("<C-s>ijjjjkkkkkkkkjjjj");
    rig.keys("/");
    for c in "日本".chars() {
        rig.key(KeyPress::parse(&c.to_string()).expect("key"));
        rig.check("typing 日本");
    }
    insta::assert_snapshot!("wide_prompt", rig.snapshot());
    rig.keys("<Esc>jjkk");
    // A popup over scrolled rows, listing the note.
    rig.keys("jjjA<Down><Up>");
    insta::assert_snapshot!("wide_notes_list", rig.snapshot());
    rig.keys("<Esc>kkjj");
    insta::assert_snapshot!("wide_note_mark", rig.snapshot());
}

#[test]
fn a_resize_at_any_moment_is_followed_by_the_whole_frame() {
    let mut rig = Rig::new(app(120, 40));
    rig.keys(":20<Enter>jj");
    for (w, h) in [(80, 24), (200, 50), (30, 8), (120, 40)] {
        rig.resize(w, h);
        rig.check("resize");
        insta::assert_snapshot!(format!("resized_{w}x{h}"), rig.snapshot());
        rig.keys("jjjkk");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_keys_show_what_a_whole_frame_shows(
        keys in proptest::collection::vec(
            prop::sample::select(vec![
                "j", "k", "<Space>", "b", "}", "{", "]", "[", "g", "G", "t",
                "<Tab>", "<Enter>", "n", "N", "f", "<Esc>", "i", "<Down>", "<Up>",
                "<PageDown>", ":4<Enter>", ":55<Enter>", "/the<Enter>", "<C-o>",
            ]),
            1..60,
        ),
        size in prop::sample::select(vec![(120u16, 40u16), (80, 24), (100, 12), (24, 6)]),
    ) {
        let mut rig = Rig::new(app(size.0, size.1));
        for k in keys {
            rig.keys(k);
        }
    }
}

#[test]
fn characters_unsafe_for_a_terminal_never_reach_it_and_wide_messages_are_whole() {
    // A paragraph with a bell and an escape sequence in its text.
    let text = report_reader::document::EMBEDDED_REPORT.replacen(
        "In 2006, the General Assembly",
        "In 2006,\u{7} the \u{1b}[31mGeneral Assembly",
        1,
    );
    let doc = report_reader::document::parse(&text);
    let app = App::new(doc, Keymap::default_keymap(), (120, 40));
    let mut rig = Rig::new(app).with_wire();
    for keys in [":54<Enter>", "jjjjjjjjjjjj", "kkkkkkkkkkkkkkkkkk", "jjjj"] {
        rig.keys(keys);
    }
    let shown = screen_text(rig.shown());
    assert!(shown.contains("␛[31mGeneral"), "{shown}");
    for unsafe_bytes in ["\u{7}", "\u{1b}[31mGeneral"] {
        assert!(
            !rig.bytes()
                .windows(unsafe_bytes.len())
                .any(|w| w == unsafe_bytes.as_bytes()),
            "{unsafe_bytes:?} reached the terminal"
        );
    }
    // A message with wide characters in the status line, then scrolling
    // under it.
    rig.app.set_message(
        "移民の権利.json を読めません",
        report_reader::app::MessageKind::Warning,
    );
    rig.draw();
    rig.check("wide message");
    insta::assert_snapshot!("unsafe_characters_wide_message", rig.snapshot());
    rig.keys("jjkk");
    // One too long for the line: cut, with no room for the keys' hint.
    rig.app.set_message(
        "移民の権利".repeat(20),
        report_reader::app::MessageKind::Warning,
    );
    rig.draw();
    rig.check("wide message");
    rig.keys("jjkk");
}

#[test]
fn contents_entries_with_wide_characters_survive_scrolling() {
    // A part title with wide characters, then blanks the screen erases
    // rather than sends: the cell after a wide character is never erased.
    let text =
        report_reader::document::EMBEDDED_REPORT.replace("Introduction", "Introduction 移民");
    let doc = report_reader::document::parse(&text);
    let mut rig = Rig::new(App::new(doc, Keymap::default_keymap(), (120, 40)));
    rig.check("start");
    let shown = screen_text(rig.shown());
    assert!(shown.contains("I. Introduction 移民"), "{shown}");
    rig.keys("jjjjjjjjjjkkkkkkkkkkkkk}}}}jjjj{{{{kk");
    insta::assert_snapshot!("wide_contents_entry", rig.snapshot());
}
