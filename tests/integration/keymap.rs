//! Keymap files: presets, user overrides, and bad files.

use report_reader::action::Action;
use report_reader::keymap::{KeyPress, Keymap, Lookup, Mode};

fn k(s: &str) -> Vec<KeyPress> {
    s.split_whitespace()
        .map(|p| KeyPress::parse(p).expect(p))
        .collect()
}

#[test]
fn every_shipped_keymap_parses_with_no_key_bound_twice_in_a_mode() {
    let mut seen = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let map =
            Keymap::parse(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(map.duplicates(), Vec::<String>::new(), "{}", path.display());
        // Every mode has a way out, and the reader a way to quit and get help.
        assert!(!map.keys_for(Mode::Reader, Action::Quit).is_empty());
        assert!(!map.keys_for(Mode::Reader, Action::Help).is_empty());
        for mode in [
            Mode::Footnotes,
            Mode::Prompt,
            Mode::Finder,
            Mode::Editor,
            Mode::Notes,
        ] {
            assert!(
                !map.keys_for(mode, Action::Close).is_empty(),
                "{} in {}",
                mode.name(),
                path.display()
            );
        }
        seen += 1;
    }
    assert!(seen >= 2);
}

#[test]
fn presets_are_embedded_and_selectable() {
    let (emacs, messages) = Keymap::load(Some("emacs"), None);
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(
        emacs.lookup(Mode::Reader, &k("ctrl-n")),
        Lookup::Matched(Action::LineDown)
    );
    assert_eq!(emacs.lookup(Mode::Reader, &k("ctrl-x")), Lookup::Pending);
    assert_eq!(
        emacs.lookup(Mode::Reader, &k("ctrl-x ctrl-c")),
        Lookup::Matched(Action::Quit)
    );
    let (default, _) = Keymap::load(None, None);
    assert_eq!(
        default.lookup(Mode::Reader, &k("j")),
        Lookup::Matched(Action::LineDown)
    );
    assert_eq!(
        default.lookup(Mode::Reader, &k("f")),
        Lookup::Matched(Action::Footnotes)
    );
    assert_eq!(
        default.lookup(Mode::Prompt, &k("q")),
        Lookup::NotFound,
        "q types into a prompt"
    );
}

#[test]
fn a_keymap_file_given_by_path_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "[global]\nquit = \"q\"\nhelp = \"?\"\n[reader]\nline-down = \"x\"\n",
    )
    .unwrap();
    let (map, messages) = Keymap::load(Some(path.to_str().unwrap()), None);
    assert!(messages.is_empty());
    assert_eq!(
        map.lookup(Mode::Reader, &k("x")),
        Lookup::Matched(Action::LineDown)
    );
    // A whole keymap with no way to quit is not used.
    std::fs::write(&path, "[reader]\nline-down = \"x\"\n").unwrap();
    let (map, messages) = Keymap::load(Some(path.to_str().unwrap()), None);
    assert!(messages.iter().any(|m| m.contains("quit")), "{messages:?}");
    assert_eq!(
        map.lookup(Mode::Reader, &k("q")),
        Lookup::Matched(Action::Quit)
    );
    let (map, messages) = Keymap::load(Some("no-such-preset"), None);
    assert!(
        messages[0].contains("no-such-preset") && messages[0].contains("presets: default, emacs")
    );
    assert_eq!(
        map.lookup(Mode::Reader, &k("j")),
        Lookup::Matched(Action::LineDown)
    );
}

#[test]
fn the_user_file_overrides_key_by_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[reader]\nfootnotes = \"F\"\nline-down = \"f\"\n",
    )
    .unwrap();
    let (map, messages) = Keymap::load(None, Some(dir.path()));
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(
        map.lookup(Mode::Reader, &k("f")),
        Lookup::Matched(Action::LineDown)
    );
    assert_eq!(
        map.lookup(Mode::Reader, &k("F")),
        Lookup::Matched(Action::Footnotes)
    );
    // Everything else still has its default.
    assert_eq!(
        map.lookup(Mode::Reader, &k("j")),
        Lookup::Matched(Action::LineDown)
    );
    assert_eq!(
        map.lookup(Mode::Reader, &k("}")),
        Lookup::Matched(Action::NextParagraph)
    );
}

#[test]
fn a_bad_user_file_names_file_line_and_key_and_the_defaults_stay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    for (text, want) in [
        (
            "[reader]\nline-down = \"j\"\njump-bak = \"x\"\n",
            ":3: unknown action \"jump-bak\"",
        ),
        (
            "[reader]\nline-down = \"hyper-j\"\n",
            ":2: unknown key \"hyper-j\"",
        ),
        ("[reader\nline-down = \"j\"\n", ":1:"),
        ("[readr]\nline-down = \"j\"\n", "unknown mode [readr]"),
        ("\u{0}\u{1}binary", ":1:"),
    ] {
        std::fs::write(&path, text).unwrap();
        let (map, messages) = Keymap::load(None, Some(dir.path()));
        assert_eq!(messages.len(), 1, "{text:?}");
        assert!(
            messages[0].starts_with(&path.display().to_string()),
            "{}",
            messages[0]
        );
        assert!(messages[0].contains(want), "{} lacks {want}", messages[0]);
        assert_eq!(
            map.lookup(Mode::Reader, &k("j")),
            Lookup::Matched(Action::LineDown)
        );
    }
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let (_, messages) = Keymap::load(None, Some(dir.path()));
    assert!(messages[0].contains("not UTF-8"), "{messages:?}");
}

#[test]
fn popup_hints_name_the_keys_of_the_keymap_in_use() {
    let (emacs, _) = Keymap::load(Some("emacs"), None);
    let mut a = report_reader::app::App::new(
        report_reader::document::Document::embedded(),
        emacs,
        (120, 40),
    );
    let screen = |a: &report_reader::app::App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| report_reader::ui::draw(a, f)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..40)
            .map(|y| (0..120).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for key in ["alt-g", "g", "5", "5", "enter", "alt-f"] {
        a.key(KeyPress::parse(key).expect(key));
    }
    let shown = screen(&a);
    assert!(shown.contains("Footnotes · para. 55"), "{shown}");
    assert!(
        shown.contains("ctrl-n/ctrl-p choose · ctrl-v/alt-v scroll"),
        "{shown}"
    );
    assert!(!shown.contains("J/K"), "{shown}");
}

#[test]
fn a_user_keymap_that_leaves_no_key_to_quit_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[global]\nhelp = [\"q\", \"ctrl-c\"]\n",
    )
    .unwrap();
    let (map, messages) = Keymap::load(None, Some(dir.path()));
    assert_eq!(
        map.lookup(Mode::Reader, &k("q")),
        Lookup::Matched(Action::Quit)
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("keymap.toml") && m.contains("quit")),
        "{messages:?}"
    );
}

#[test]
fn a_key_bound_twice_in_one_mode_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[reader]\nline-down = \"x\"\nline-up = \"x\"\n",
    )
    .unwrap();
    let (_, messages) = Keymap::load(None, Some(dir.path()));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("keymap.toml") && m.contains("bound to both")),
        "{messages:?}"
    );
}

#[test]
fn a_keymap_that_is_a_fifo_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("keymap.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Would block for ever if it were opened for reading.
    let (map, messages) = Keymap::load(None, Some(dir.path()));
    assert_eq!(
        map.lookup(Mode::Reader, &k("q")),
        Lookup::Matched(Action::Quit)
    );
    assert!(
        messages.iter().any(|m| m.contains("not a regular file")),
        "{messages:?}"
    );
}
