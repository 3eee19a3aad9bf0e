//! Shared helpers: build an app on the embedded report and type keys at it,
//! or run the binary with a throwaway configuration directory. Each test
//! binary (`tests/*/main.rs`) includes this directory as its `common` module.
#![allow(dead_code)]

pub mod pdf_build;
pub mod pty;
pub mod raw_pdf;
pub mod sample;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use report_reader::app::{App, Effect, Input, Start, update};
use report_reader::document::Document;
use report_reader::keymap::{KeyPress, Keymap};
use report_reader::tui::NotesRunner;

pub fn app(width: u16, height: u16) -> App {
    App::new(
        Document::embedded(),
        Keymap::default_keymap(),
        (width, height),
    )
}

/// Parses vim-like notation: plain characters, and `<Enter>`, `<Esc>`,
/// `<C-o>`, `<Tab>`, `<Down>`… for named keys.
pub fn parse_keys(s: &str) -> Vec<KeyPress> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let mut name = String::new();
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
                name.push(n);
            }
            let name = name
                .replace("C-", "ctrl-")
                .replace("A-", "alt-")
                .to_ascii_lowercase();
            out.push(KeyPress::parse(&name).unwrap_or_else(|| panic!("key {name}")));
        } else {
            out.push(KeyPress::parse(&c.to_string()).unwrap_or_else(|| panic!("key {c}")));
        }
    }
    out
}

pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in parse_keys(keys) {
        effects.extend(app.key(k));
    }
    effects
}

/// The screen as text, one line per row.
pub fn render(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| report_reader::ui::draw(app, f))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An app and the runner of its effects on the notes file, as the event
/// loop holds them. Reads as the app.
pub struct Reader {
    pub app: App,
    pub runner: NotesRunner,
}

impl std::ops::Deref for Reader {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// An app without notes (no configuration directory).
impl From<App> for Reader {
    fn from(app: App) -> Reader {
        Reader {
            app,
            runner: NotesRunner::new(None),
        }
    }
}

impl Reader {
    /// `app` with the notes store in `dir`, opened as at start-up.
    pub fn open(app: App, dir: &std::path::Path) -> Reader {
        let (store, message) = report_reader::notes::store::NoteStore::open(dir);
        assert!(message.is_none(), "{message:?}");
        Reader::with_store(app, store)
    }

    /// `app` with `store`, opened as at start-up.
    pub fn with_store(mut app: App, store: report_reader::notes::NoteStore) -> Reader {
        let mut runner = NotesRunner::new(Some(store));
        let (notes, said) = runner.open(&app.doc);
        let start = Start {
            notes,
            said,
            ..Start::default()
        };
        update(&mut app, Input::Start(Box::new(start)));
        Reader { app, runner }
    }

    /// Carries out the notes effects among `effects` as the event loop
    /// would, feeding what came of each back to `update`: every effect,
    /// those that came back included.
    pub fn carry_out(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut all = Vec::new();
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            if let Some(input) = self.runner.run(&self.app, &effect) {
                queue.extend(update(&mut self.app, input));
            }
            all.push(effect);
        }
        all
    }
}

/// The embedded report at 120×40 with a notes store in `dir`.
pub fn app_with_notes(dir: &std::path::Path) -> Reader {
    Reader::open(app(120, 40), dir)
}

/// Types keys and carries out the notes effects the event loop would.
pub fn press_saving(reader: &mut Reader, keys: &str) -> Vec<Effect> {
    let mut all = Vec::new();
    for k in parse_keys(keys) {
        let effects = reader.app.key(k);
        all.extend(reader.carry_out(effects));
    }
    all
}

/// Types text key by key, as into the note editor (other blanks as spaces).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyPress::parse(&c.to_string())
            .unwrap_or_else(|| KeyPress::parse("space").expect("space"));
        app.key(key);
    }
}

/// Says that a test cannot run here, and why, where whoever runs the tests
/// sees it: straight to stderr, past the harness's capture of `eprintln!`,
/// which only shows a passing test's output with `--nocapture`. The test
/// then returns, and passes.
pub fn skipped(reason: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main");
    let line = match test {
        Some(test) => format!("SKIPPED: {test}: {reason}\n"),
        None => format!("SKIPPED: {reason}\n"),
    };
    let _ = std::io::stderr().write_all(line.as_bytes());
}

pub fn number(app: &App) -> Option<u32> {
    app.current.map(|p| app.doc.paragraphs[p].number)
}

/// The report-reader binary with `args` and a throwaway configuration
/// directory: (exit status, stdout, stderr).
pub fn run_cli(args: &[&str]) -> (i32, String, String) {
    let config = tempfile::tempdir().expect("tempdir");
    run_cli_in(config.path(), args)
}

/// The binary with `args`, its notes and state in `config`.
pub fn run_cli_in(config: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
        .args(args)
        .env("REPORT_READER_CONFIG_DIR", config)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
