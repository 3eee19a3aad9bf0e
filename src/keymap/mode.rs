//! The modes a key is looked up in: one table of a keymap file each.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Bindings that apply in every mode below that is not typing text.
    Global,
    Reader,
    Contents,
    /// The footnote popup.
    Footnotes,
    Help,
    /// The `:` and `/` prompts: unbound printable keys are typed.
    Prompt,
    /// The country finder: unbound printable keys are typed.
    Finder,
    /// The note editor: unbound keys go to the text area.
    Editor,
    /// The list of notes.
    Notes,
    /// A passage being selected in the text.
    Selection,
    /// One highlight of the current paragraph chosen (`H`).
    Highlight,
    /// The list of a search's matches: unbound printable keys narrow it.
    Matches,
    /// The shelf's lists (reports, search results, recent reports, notes):
    /// unbound printable keys narrow them.
    Shelf,
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
    pub const ALL: [Mode; 13] = [
        Mode::Global,
        Mode::Reader,
        Mode::Contents,
        Mode::Footnotes,
        Mode::Help,
        Mode::Prompt,
        Mode::Finder,
        Mode::Editor,
        Mode::Notes,
        Mode::Selection,
        Mode::Highlight,
        Mode::Matches,
        Mode::Shelf,
    ];

    /// Where the mode is in `Mode::ALL`.
    pub(super) fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Reader => "reader",
            Mode::Contents => "contents",
            Mode::Footnotes => "footnotes",
            Mode::Help => "help",
            Mode::Prompt => "prompt",
            Mode::Finder => "finder",
            Mode::Editor => "editor",
            Mode::Notes => "notes",
            Mode::Selection => "selection",
            Mode::Highlight => "highlight",
            Mode::Matches => "matches",
            Mode::Shelf => "shelf",
        }
    }

    /// The mode a keymap file's table names. `[popup]` is the footnote
    /// popup's old name: user files written with it still work.
    pub(super) fn from_name(s: &str) -> Option<Mode> {
        match s {
            "popup" => Some(Mode::Footnotes),
            _ => Mode::ALL.into_iter().find(|m| m.name() == s),
        }
    }

    /// Modes where typing inserts text, so global single keys must not fire.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Prompt | Mode::Finder | Mode::Editor | Mode::Matches | Mode::Shelf
        )
    }
}
