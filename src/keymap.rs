//! Key bindings: TOML files → (mode, key sequence) → `Action`.
//!
//! This is the only module that knows raw key codes. Files name actions in
//! kebab-case, one table per mode: `[reader] line-down = ["j", "down"]`.
//! A user's `keymap.toml` overrides the chosen preset key by key.

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;

pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../keymaps/default.toml")),
    ("emacs", include_str!("../keymaps/emacs.toml")),
];

/// File name of the user's overrides in the configuration directory.
pub const USER_FILE: &str = "keymap.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Bindings that apply in every mode below that is not typing text.
    Global,
    Reader,
    Contents,
    Popup,
    Help,
    /// The `:` and `/` prompts: unbound printable keys are typed.
    Prompt,
    /// The country finder: unbound printable keys are typed.
    Finder,
    /// The note editor: unbound keys go to the text area.
    Editor,
    /// The list of notes.
    Notes,
}

// `Mode::index` relies on `ALL` being in declaration order.
const _: () = {
    let mut i = 0;
    while i < Mode::ALL.len() {
        assert!(Mode::ALL[i] as usize == i);
        i += 1;
    }
};

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Global,
        Mode::Reader,
        Mode::Contents,
        Mode::Popup,
        Mode::Help,
        Mode::Prompt,
        Mode::Finder,
        Mode::Editor,
        Mode::Notes,
    ];

    /// Where the mode is in `Mode::ALL`.
    fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Reader => "reader",
            Mode::Contents => "contents",
            Mode::Popup => "popup",
            Mode::Help => "help",
            Mode::Prompt => "prompt",
            Mode::Finder => "finder",
            Mode::Editor => "editor",
            Mode::Notes => "notes",
        }
    }

    fn from_name(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == s)
    }

    /// Modes where typing inserts text, so global single keys must not fire.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Prompt | Mode::Finder | Mode::Editor)
    }
}

/// A key as one number, to match a press against many bindings' first keys
/// side by side. Equal keys give equal numbers; the rare different keys
/// that share one are told apart by the whole sequences compared next.
fn key_id(key: &KeyPress) -> u64 {
    use std::hash::{Hash, Hasher};
    /// FNV-1a: a few multiplications for a key's few bytes.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    key.hash(&mut h);
    h.finish()
}

/// One key press, normalised: Shift is folded into the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyPress {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyPress {
    /// No key: stands for the first key of an empty sequence.
    const NONE: KeyPress = KeyPress {
        code: KeyCode::Null,
        mods: KeyModifiers::NONE,
    };

    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyPress { code, mods }
    }

    /// A key event that should count: presses only, not repeats or releases.
    pub fn from_event(ev: &KeyEvent) -> Option<KeyPress> {
        (ev.kind == KeyEventKind::Press).then(|| KeyPress::new(ev.code, ev.modifiers))
    }

    /// The key as the note editor's text area takes it.
    pub fn to_textarea(self) -> ratatui_textarea::Input {
        use ratatui_textarea::Key;
        let key = match self.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::F(n) => Key::F(n),
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Enter => Key::Enter,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Tab => Key::Tab,
            KeyCode::Delete => Key::Delete,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Esc => Key::Esc,
            _ => Key::Null,
        };
        ratatui_textarea::Input {
            key,
            ctrl: self.mods.contains(KeyModifiers::CONTROL),
            alt: self.mods.contains(KeyModifiers::ALT),
            shift: self.mods.contains(KeyModifiers::SHIFT),
        }
    }

    /// The key without Alt, when Alt is held.
    pub fn without_alt(self) -> Option<KeyPress> {
        self.mods
            .contains(KeyModifiers::ALT)
            .then(|| KeyPress::new(self.code, self.mods - KeyModifiers::ALT))
    }

    /// The character this key would type into a prompt, if any.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    pub fn parse(s: &str) -> Option<KeyPress> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 2 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "insert" => KeyCode::Insert,
                f if f.len() <= 3 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            return Some(KeyPress::new(KeyCode::BackTab, KeyModifiers::NONE));
        }
        Some(KeyPress::new(code, mods))
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

pub type KeySequence = Vec<KeyPress>;

pub fn sequence_text(seq: &[KeyPress]) -> String {
    seq.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Matched(Action),
    /// The keys so far begin a longer sequence.
    Pending,
    NotFound,
}

/// A problem in a keymap file, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// Per mode (indexed in `Mode::ALL` order), in file order (the help
    /// overlay keeps that order).
    bindings: [Vec<(KeySequence, Action)>; Mode::ALL.len()],
    /// The first key of each binding, per mode in `Mode::ALL` order, made
    /// on first use: a key press is matched against these few values
    /// side by side, not against every binding's sequence.
    firsts: std::sync::OnceLock<Vec<Vec<u64>>>,
}

/// 1-based line of the first occurrence of `needle` at or after the `[mode]` header.
fn line_of(text: &str, mode: &str, needle: &str) -> usize {
    let header = format!("[{mode}]");
    let mut in_mode = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_mode = t == header;
        }
        if in_mode && line.contains(needle) {
            return i + 1;
        }
    }
    0
}

impl Keymap {
    /// Parses one keymap file's text. `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Keymap, KeymapError> {
        let err = |line: usize, message: String| KeymapError {
            file: file.to_string(),
            line,
            message,
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            });
            err(line, e.message().trim().to_string())
        })?;
        let mut map = Keymap::default();
        for (mode_name, value) in &table {
            let Some(mode) = Mode::from_name(mode_name) else {
                return Err(err(
                    line_of(text, mode_name, mode_name),
                    format!("unknown mode [{mode_name}]"),
                ));
            };
            let toml::Value::Table(actions) = value else {
                return Err(err(0, format!("{mode_name} must be a table")));
            };
            let list = &mut map.bindings[mode.index()];
            for (action_name, keys) in actions {
                let line = line_of(text, mode_name, action_name);
                let Some(action) = Action::from_name(action_name) else {
                    return Err(err(
                        line,
                        format!("unknown action \"{action_name}\" in [{mode_name}]"),
                    ));
                };
                let keys: Vec<&str> = match keys {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                    _ => {
                        return Err(err(
                            line,
                            format!("{action_name}: keys must be a string or a list of strings"),
                        ));
                    }
                };
                for key in keys {
                    let seq: Option<KeySequence> =
                        key.split_whitespace().map(KeyPress::parse).collect();
                    match seq {
                        Some(seq) if !seq.is_empty() => list.push((seq, action)),
                        _ => {
                            return Err(err(
                                line,
                                format!("unknown key \"{key}\" for {action_name} in [{mode_name}]"),
                            ));
                        }
                    }
                }
            }
        }
        Ok(map)
    }

    /// The embedded default bindings.
    pub fn default_keymap() -> Keymap {
        Keymap::parse(PRESETS[0].1, "keymaps/default.toml").unwrap_or_default()
    }

    /// The chosen preset (a name or a file) with the user's file over it.
    /// Problems come back as messages; the reader then uses the defaults.
    pub fn load(choice: Option<&str>, config_dir: Option<&Path>) -> (Keymap, Vec<String>) {
        let mut messages = Vec::new();
        let base = match choice {
            None => Keymap::default_keymap(),
            Some(name) => match PRESETS.iter().find(|(n, _)| *n == name) {
                Some((n, text)) => Keymap::parse(text, &format!("keymaps/{n}.toml"))
                    .unwrap_or_else(|e| {
                        messages.push(e.to_string());
                        Keymap::default_keymap()
                    }),
                None => match read_file(Path::new(name)) {
                    Ok(text) => Keymap::parse(&text, name).unwrap_or_else(|e| {
                        messages.push(format!("{e}; using the default keys"));
                        Keymap::default_keymap()
                    }),
                    Err(e) => {
                        let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
                        messages.push(format!(
                            "{name}: {e} (presets: {}); using the default keys",
                            names.join(", ")
                        ));
                        Keymap::default_keymap()
                    }
                },
            },
        };
        let mut keymap = base;
        if let Some(dir) = config_dir {
            let path: PathBuf = dir.join(USER_FILE);
            if path.exists() {
                let shown = path.display().to_string();
                match read_file(&path)
                    .map_err(|e| format!("{shown}: {e}"))
                    .and_then(|t| Keymap::parse(&t, &shown).map_err(|e| e.to_string()))
                {
                    Ok(user) => keymap.override_with(&user),
                    Err(e) => messages.push(format!("{e}; using the default keys")),
                }
            }
        }
        (keymap, messages)
    }

    /// Each key sequence the user binds replaces whatever it did before;
    /// every other binding stays, so new defaults keep working.
    pub fn override_with(&mut self, user: &Keymap) {
        for (mine, list) in self.bindings.iter_mut().zip(&user.bindings) {
            for (seq, action) in list {
                mine.retain(|(s, _)| s != seq);
                mine.push((seq.clone(), *action));
            }
        }
        self.firsts = std::sync::OnceLock::new();
    }

    pub fn bindings(&self, mode: Mode) -> &[(KeySequence, Action)] {
        &self.bindings[mode.index()]
    }

    /// Keys bound to `action` in `mode` (or globally), for hints.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        let mut out: Vec<String> = self
            .bindings(mode)
            .iter()
            .chain(if mode.takes_text() {
                &[][..]
            } else {
                self.bindings(Mode::Global)
            })
            .filter(|(_, a)| *a == action)
            .map(|(s, _)| sequence_text(s))
            .collect();
        out.dedup();
        out
    }

    /// The first key bound to `action` in `mode`, as text.
    pub fn first_key_for(&self, mode: Mode, action: Action) -> Option<String> {
        let global = if mode.takes_text() {
            &[][..]
        } else {
            self.bindings(Mode::Global)
        };
        self.bindings(mode)
            .iter()
            .chain(global)
            .find(|(_, a)| *a == action)
            .map(|(s, _)| sequence_text(s))
    }

    /// Resolves the keys typed so far in `mode`; the mode's own table wins over global.
    pub fn lookup(&self, mode: Mode, keys: &[KeyPress]) -> Lookup {
        let tables: &[Mode] = if mode.takes_text() || mode == Mode::Global {
            &[mode][..]
        } else {
            &[mode, Mode::Global][..]
        };
        let Some(first) = keys.first() else {
            return Lookup::NotFound;
        };
        // The bindings that start with the first key typed, table by table.
        let first = key_id(first);
        let mut matched = None;
        for &m in tables {
            let list = self.bindings(m);
            for (i, &f) in self.firsts(m).iter().enumerate() {
                if f != first {
                    continue;
                }
                let (seq, action) = &list[i];
                if seq.len() > keys.len() && seq.starts_with(keys) {
                    return Lookup::Pending;
                }
                if matched.is_none() && seq.as_slice() == keys {
                    matched = Some(*action);
                }
            }
        }
        matched.map_or(Lookup::NotFound, Lookup::Matched)
    }

    fn firsts(&self, mode: Mode) -> &[u64] {
        let all = self.firsts.get_or_init(|| {
            Mode::ALL
                .iter()
                .map(|&m| {
                    self.bindings(m)
                        .iter()
                        .map(|(seq, _)| key_id(seq.first().unwrap_or(&KeyPress::NONE)))
                        .collect()
                })
                .collect()
        });
        all.get(mode.index()).map_or(&[], Vec::as_slice)
    }

    /// Key sequences bound twice in one mode of this file, as messages.
    pub fn duplicates(&self) -> Vec<String> {
        let mut out = Vec::new();
        for mode in Mode::ALL {
            let list = self.bindings(mode);
            for (i, (seq, a)) in list.iter().enumerate() {
                if let Some((_, b)) = list[..i].iter().find(|(s, _)| s == seq) {
                    out.push(format!(
                        "[{}] {} is bound to both {a} and {b}",
                        mode.name(),
                        sequence_text(seq)
                    ));
                }
            }
        }
        out
    }
}

fn read_file(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print() {
        for s in [
            "j",
            "G",
            "ctrl-o",
            "space",
            "pagedown",
            "shift-tab",
            "alt-<",
            "?",
            "f1",
        ] {
            let k = KeyPress::parse(s).expect(s);
            assert_eq!(KeyPress::parse(&k.to_string()), Some(k), "{s}");
        }
        assert_eq!(KeyPress::parse("nope"), None);
        // A terminal reports "G" with Shift; the binding "G" must still match.
        assert_eq!(
            KeyPress::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
            KeyPress::parse("G").unwrap()
        );
    }

    #[test]
    fn sequences_wait_for_their_second_key() {
        let km = Keymap::parse("[global]\nquit = [\"ctrl-x ctrl-c\"]\n", "t").unwrap();
        let cx = KeyPress::parse("ctrl-x").unwrap();
        let cc = KeyPress::parse("ctrl-c").unwrap();
        assert_eq!(km.lookup(Mode::Reader, &[cx]), Lookup::Pending);
        assert_eq!(
            km.lookup(Mode::Reader, &[cx, cc]),
            Lookup::Matched(Action::Quit)
        );
        assert_eq!(km.lookup(Mode::Prompt, &[cx, cc]), Lookup::NotFound);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = Keymap::parse(
            "[reader]\nline-down = [\"j\"]\nline-up = [\"ctrl-xyz\"]\n",
            "k.toml",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("k.toml:3: unknown key"), "{e}");
        let e = Keymap::parse("[reader]\n\njump-bak = \"x\"\n", "k.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "k.toml:3: unknown action \"jump-bak\" in [reader]"
        );
        let e = Keymap::parse("[reader\n", "k.toml").unwrap_err();
        assert!(e.to_string().starts_with("k.toml:1:"), "{e}");
    }
}
