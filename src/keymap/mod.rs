//! Key bindings: TOML files → (mode, key sequence) → `Action`.
//!
//! This is the only module that knows raw key codes. Files name actions in
//! kebab-case, one table per mode: `[reader] line-down = ["j", "down"]`.
//! A user's `keymap.toml` overrides the chosen preset key by key.

mod key;
mod mode;
mod textarea;
mod trie;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::action::Action;
pub use key::{KeyPress, KeySequence, sequence_text};
pub use mode::Mode;
use trie::{KeyTrie, Step};

pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../../keymaps/default.toml")),
    ("emacs", include_str!("../../keymaps/emacs.toml")),
];

/// File name of the user's overrides in the configuration directory.
pub const USER_FILE: &str = "keymap.toml";

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
    /// The same bindings, per mode, to look keys up in.
    tries: [KeyTrie; Mode::ALL.len()],
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
        map.build_tries();
        Ok(map)
    }

    /// The embedded default bindings.
    pub fn default_keymap() -> Keymap {
        Keymap::parse(PRESETS[0].1, "keymaps/default.toml").unwrap_or_default()
    }

    /// An action a reader must always have a key for, that this keymap
    /// leaves without one.
    fn lost_essential(&self) -> Option<Action> {
        [Action::Quit, Action::Help]
            .into_iter()
            .find(|&a| self.keys_for(Mode::Reader, a).is_empty())
    }

    /// The chosen preset (a name or a file) with the user's file over it.
    /// Problems come back as messages; the reader then uses the defaults.
    /// A file that would leave no key to quit or for help is not used.
    pub fn load(choice: Option<&str>, config_dir: Option<&Path>) -> (Keymap, Vec<String>) {
        let (keymap, mut messages) = Keymap::load_files(choice, config_dir);
        if let Some(lost) = keymap.lost_essential() {
            messages.push(format!(
                "the keymap leaves {} with no key; using the default keys",
                lost.name()
            ));
            return (Keymap::default_keymap(), messages);
        }
        (keymap, messages)
    }

    fn load_files(choice: Option<&str>, config_dir: Option<&Path>) -> (Keymap, Vec<String>) {
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
                    Ok(text) => match Keymap::parse(&text, name) {
                        Ok(map) => {
                            messages
                                .extend(map.duplicates().iter().map(|d| format!("{name}: {d}")));
                            map
                        }
                        Err(e) => {
                            messages.push(format!("{e}; using the default keys"));
                            Keymap::default_keymap()
                        }
                    },
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
                    Ok(user) => {
                        let mut merged = keymap.clone();
                        merged.override_with(&user);
                        messages.extend(user.duplicates().iter().map(|d| format!("{shown}: {d}")));
                        match merged.lost_essential() {
                            Some(lost) => messages.push(format!(
                                "{shown}: leaves {} with no key; not used",
                                lost.name()
                            )),
                            None => keymap = merged,
                        }
                    }
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
        self.build_tries();
    }

    fn build_tries(&mut self) {
        for (trie, list) in self.tries.iter_mut().zip(&self.bindings) {
            *trie = KeyTrie::default();
            for (seq, action) in list {
                trie.insert(seq, *action);
            }
        }
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

    /// Resolves the keys typed so far in `mode`. A longer binding in either
    /// table makes it wait for the next key; then the mode's own table wins
    /// over the global one.
    pub fn lookup(&self, mode: Mode, keys: &[KeyPress]) -> Lookup {
        let tables: &[Mode] = if mode.takes_text() || mode == Mode::Global {
            &[mode][..]
        } else {
            &[mode, Mode::Global][..]
        };
        let mut matched = None;
        for &m in tables {
            match self.tries[m.index()].step(keys) {
                Step::Pending => return Lookup::Pending,
                Step::Action(action) => {
                    matched.get_or_insert(action);
                }
                Step::NotFound => {}
            }
        }
        matched.map_or(Lookup::NotFound, Lookup::Matched)
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

/// The largest keymap file read. A keymap is a few kilobytes; a file many
/// times that is not one, and reading one took seconds and hundreds of MB.
pub const MAX_FILE_BYTES: u64 = 64 << 10;

/// The keymap files `load` would read that are larger than `MAX_FILE_BYTES`,
/// as one line naming the file: the reader then does not start.
pub fn too_large(choice: Option<&str>, config_dir: Option<&Path>) -> Option<String> {
    let named = choice
        .filter(|name| !PRESETS.iter().any(|(n, _)| n == name))
        .map(PathBuf::from);
    let user = config_dir.map(|dir| dir.join(USER_FILE));
    named.into_iter().chain(user).find_map(|path| {
        let len = std::fs::metadata(&path).ok().filter(|m| m.is_file())?.len();
        (len > MAX_FILE_BYTES).then(|| {
            format!(
                "{}: larger than {}, not a keymap; not read",
                path.display(),
                crate::files::size(MAX_FILE_BYTES)
            )
        })
    })
}

fn read_file(path: &Path) -> Result<String, String> {
    let bytes = crate::files::read_capped(path, MAX_FILE_BYTES).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

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

    #[test]
    fn a_key_that_is_bound_and_begins_a_longer_binding_waits() {
        let km = Keymap::parse("[reader]\ntop = \"g\"\nbottom = \"g g\"\n", "t").unwrap();
        let g = KeyPress::parse("g").unwrap();
        assert_eq!(km.lookup(Mode::Reader, &[g]), Lookup::Pending);
        assert_eq!(
            km.lookup(Mode::Reader, &[g, g]),
            Lookup::Matched(Action::Bottom)
        );
        assert_eq!(km.lookup(Mode::Reader, &[]), Lookup::NotFound);
    }

    #[test]
    fn the_footnotes_table_has_its_old_name_too() {
        let old = Keymap::parse("[popup]\nclose = \"x\"\n", "old.toml").unwrap();
        let new = Keymap::parse("[footnotes]\nclose = \"x\"\n", "new.toml").unwrap();
        let x = [KeyPress::parse("x").unwrap()];
        for km in [old, new] {
            assert_eq!(
                km.lookup(Mode::Footnotes, &x),
                Lookup::Matched(Action::Close)
            );
        }
    }
}
