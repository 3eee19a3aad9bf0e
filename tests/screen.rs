//! The reader's own screen: what a terminal shows after the bytes it sends
//! is exactly the frame drawn whole, whatever the keys, and a scroll sends
//! little.

mod common;

use common::parse_keys;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use report_reader::app::{App, Effect, Input, update};
use report_reader::document::Document;
use report_reader::keymap::{KeyPress, Keymap};
use report_reader::notes::store::NoteStore;
use report_reader::screen::Screen;

/// A terminal emulator fed by the reader's screen.
struct Rig {
    app: App,
    screen: Screen<Vec<u8>>,
    terminal: vt100::Parser,
    /// Bytes sent by the last frame.
    sent: usize,
    /// Every byte sent.
    log: Vec<u8>,
}

impl Rig {
    fn new(app: App) -> Rig {
        let (w, h) = app.size;
        let mut rig = Rig {
            app,
            screen: Screen::new(Vec::new(), w, h),
            terminal: vt100::Parser::new(h, w, 0),
            sent: 0,
            log: Vec::new(),
        };
        rig.draw();
        rig
    }

    fn draw(&mut self) {
        self.app.prepare_view();
        self.screen.draw(&self.app).expect("draw");
        let bytes = std::mem::take(self.screen.writer());
        self.sent = bytes.len();
        self.terminal.process(&bytes);
        self.log.extend_from_slice(&bytes);
    }

    fn key(&mut self, key: KeyPress) {
        for effect in self.app.key(key) {
            if effect == Effect::SaveNotes
                && let Some(store) = self.app.notes.as_mut()
            {
                store.save().expect("notes saved");
            }
        }
        self.draw();
    }

    fn keys(&mut self, keys: &str) {
        for k in parse_keys(keys) {
            self.key(k);
            self.check(keys);
        }
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.screen.resize(w, h);
        self.terminal.screen_mut().set_size(h, w);
        update(&mut self.app, Input::Resize(w, h));
        self.draw();
    }

    /// The terminal shows the frame drawn whole from the same state, cell by
    /// cell: text, colours and attributes.
    fn check(&self, context: &str) {
        let (w, h) = self.app.size;
        let mut whole = Buffer::empty(Rect::new(0, 0, w, h));
        report_reader::ui::draw(&self.app, &mut whole);
        let shown = self.terminal.screen();
        let mut skip = 0;
        for y in 0..h {
            for x in 0..w {
                let want = &whole[(x, y)];
                let cell = shown.cell(y, x).expect("cell");
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = want.symbol();
                let contents = if cell.contents().is_empty() {
                    " ".to_string()
                } else {
                    cell.contents().to_string()
                };
                assert_eq!(
                    contents,
                    symbol,
                    "cell ({x}, {y}) after {context:?}:\n{}",
                    shown.contents()
                );
                if unicode_width::UnicodeWidthStr::width(symbol) > 1 {
                    skip = 1;
                }
                assert_eq!(
                    color(want.fg),
                    cell.fgcolor(),
                    "fg ({x}, {y}) after {context:?}"
                );
                assert_eq!(
                    color(want.bg),
                    cell.bgcolor(),
                    "bg ({x}, {y}) after {context:?}"
                );
                let m = want.modifier;
                assert_eq!(m.contains(Modifier::BOLD), cell.bold(), "bold ({x}, {y})");
                assert_eq!(
                    m.contains(Modifier::ITALIC),
                    cell.italic(),
                    "italic ({x}, {y})"
                );
                assert_eq!(
                    m.contains(Modifier::REVERSED),
                    cell.inverse(),
                    "inverse ({x}, {y})"
                );
                assert_eq!(
                    m.contains(Modifier::UNDERLINED),
                    cell.underline(),
                    "underline ({x}, {y})"
                );
            }
        }
    }
}

fn color(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        named_color => vt100::Color::Idx(
            named
                .iter()
                .position(|n| *n == named_color)
                .expect("a named colour") as u8,
        ),
    }
}

fn app(w: u16, h: u16) -> App {
    App::new(Document::embedded(), Keymap::default_keymap(), (w, h))
}

/// An app whose notes (in a temporary directory) include wide characters.
fn app_with_notes(dir: &std::path::Path, w: u16, h: u16) -> App {
    let mut a = app(w, h);
    let (store, message) = NoteStore::open(dir);
    assert!(message.is_none());
    a.attach_store(store);
    a
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
    }
}

#[test]
fn jumps_popups_search_and_panes_between_scrolls_show_what_a_whole_frame_shows() {
    let mut rig = Rig::new(app(120, 40));
    for script in [
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
    ] {
        rig.keys(script);
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
    rig.keys("<Esc>jjkk");
    // A popup over scrolled rows, listing the note.
    rig.keys("jjjA<Down><Up><Esc>kkjj");
}

#[test]
fn a_resize_at_any_moment_is_followed_by_the_whole_frame() {
    let mut rig = Rig::new(app(120, 40));
    rig.keys(":20<Enter>jj");
    for (w, h) in [(80, 24), (200, 50), (30, 8), (120, 40)] {
        rig.resize(w, h);
        rig.check("resize");
        rig.keys("jjjkk");
    }
}

#[test]
fn a_one_line_scroll_sends_a_fraction_of_the_screen() {
    let mut rig = Rig::new(app(120, 40));
    rig.keys(":20<Enter>");
    rig.keys("t");
    let full = {
        let mut fresh = Rig::new(app(120, 40));
        fresh.keys(":20<Enter>t");
        fresh.screen.resize(120, 40);
        fresh.draw();
        fresh.sent
    };
    rig.keys("j");
    assert!(
        rig.sent * 8 < full,
        "a one-line scroll sent {} bytes; the whole screen is {full}",
        rig.sent
    );
    rig.keys("k");
    assert!(rig.sent * 8 < full, "{} bytes for k", rig.sent);
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
    let mut rig = Rig::new(app);
    for keys in [":54<Enter>", "jjjjjjjjjjjj", "kkkkkkkkkkkkkkkkkk", "jjjj"] {
        rig.keys(keys);
    }
    let shown = rig.terminal.screen().contents();
    assert!(shown.contains("␛[31mGeneral"), "{shown}");
    for unsafe_bytes in ["\u{7}", "\u{1b}[31mGeneral"] {
        assert!(
            !rig.log
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
    assert!(
        rig.terminal
            .screen()
            .contents()
            .contains("I. Introduction 移民"),
        "{}",
        rig.terminal.screen().contents()
    );
    rig.keys("jjjjjjjjjjkkkkkkkkkkkkk}}}}jjjj{{{{kk");
}
