//! Everything a key can ask for. The keymap names actions in kebab-case; the
//! help overlay is generated from the one-line descriptions here.

macro_rules! actions {
    ($($variant:ident = $name:literal : $help:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The kebab-case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// One line for the help overlay.
            pub fn help(self) -> &'static str {
                match self {
                    $(Action::$variant => $help,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    Quit = "quit": "Quit report-reader",
    Help = "help": "Show or hide this list of keys",
    Suspend = "suspend": "Suspend report-reader (fg brings it back)",
    LineDown = "line-down": "Scroll down one line (move down in a list)",
    LineUp = "line-up": "Scroll up one line (move up in a list)",
    PageDown = "page-down": "Scroll down one screen",
    PageUp = "page-up": "Scroll up one screen",
    HalfPageDown = "half-page-down": "Scroll down half a screen",
    HalfPageUp = "half-page-up": "Scroll up half a screen",
    Top = "top": "Go to the top: the header and summary",
    Bottom = "bottom": "Go to the end of the report",
    NextParagraph = "next-paragraph": "Go to the next numbered paragraph",
    PreviousParagraph = "previous-paragraph": "Go to the previous numbered paragraph",
    NextSection = "next-section": "Go to the next part or country subsection",
    PreviousSection = "previous-section": "Go to the previous part or country subsection",
    GotoParagraph = "goto-paragraph": "Go to a paragraph by its number (type it, then Enter)",
    Search = "search": "Search the whole report as you type",
    SearchNext = "search-next": "Next search match (or next mention of the chosen country)",
    SearchPrevious = "search-previous": "Previous search match (or mention)",
    MatchList = "match-list": "List every match of the search (type to narrow the list)",
    ClearSearch = "clear-search": "Clear search highlights and messages",
    JumpBack = "jump-back": "Go back to where you were before the last jump",
    JumpForward = "jump-forward": "Go forward again after jumping back",
    Footnotes = "footnotes": "Open the footnotes cited by the current paragraph",
    CountryFinder = "country-finder": "Find a country by any of its names and jump to it",
    ToggleContents = "toggle-contents": "Show or hide the contents pane",
    FocusNext = "focus-next": "Move focus between the contents and the text",
    ToggleFold = "toggle-fold": "Fold or unfold the part under the cursor",
    Expand = "expand": "Unfold the part under the cursor",
    Collapse = "collapse": "Fold the part under the cursor",
    Select = "select": "Open or jump to the selected entry",
    Close = "close": "Close the popup or leave the prompt",
    Confirm = "confirm": "Accept what was typed",
    HistoryPrevious = "history-previous": "Bring back the entry typed before this one (older)",
    HistoryNext = "history-next": "Bring back a newer entry, or what was being typed",
    DeleteBack = "delete-back": "Delete the character before the cursor",
    ScrollTextDown = "scroll-text-down": "Scroll the footnote's text down",
    ScrollTextUp = "scroll-text-up": "Scroll the footnote's text up",
    AddNote = "add-note": "Write a note on the current paragraph (or the chosen footnote)",
    NotesList = "notes-list": "List all your notes on this report",
    ToggleInlineNotes = "toggle-inline-notes": "Show or hide your notes under their paragraphs",
    CopyCitation = "copy-citation": "Copy a citation of the current paragraph (\"…, para. 37\")",
    SetMark = "set-mark": "Set a mark here: then type a letter",
    GotoMark = "goto-mark": "Go to a mark: then type its letter",
    SaveNote = "save-note": "Save the note",
    NextNoteTarget = "next-note-target": "Put the note on the paragraph or one of its sub-items",
    EditNote = "edit-note": "Edit the selected note",
    DeleteNote = "delete-note": "Delete the selected note",
    UndoDelete = "undo-delete": "Bring back the note deleted last",
    FilterNotes = "filter-notes": "Filter the notes as you type (#tag keeps a tag, 1-5 a colour)",
    SelectPassage = "select-passage": "Select a passage, from the first word of the current paragraph",
    WordForward = "word-forward": "Move the selection's moving end a word forward",
    WordBack = "word-back": "Move the selection's moving end a word back",
    SentenceForward = "sentence-forward": "Move the moving end to the end of the sentence",
    SentenceBack = "sentence-back": "Move the moving end to the start of the sentence",
    ParagraphEnd = "paragraph-end": "Move the moving end to the end of its paragraph",
    ParagraphStart = "paragraph-start": "Move the moving end to the start of its paragraph",
    NextParagraphEnd = "next-paragraph-end": "Move the moving end to the end of the next paragraph",
    SwapEnds = "swap-ends": "Swap which end of the selection moves",
    Highlight = "highlight": "Highlight the selection in the first colour",
    Colour1 = "colour-1": "Highlight in colour 1, yellow (or recolour the chosen highlight)",
    Colour2 = "colour-2": "Highlight in colour 2, green (or recolour)",
    Colour3 = "colour-3": "Highlight in colour 3, blue (or recolour)",
    Colour4 = "colour-4": "Highlight in colour 4, pink (or recolour)",
    Colour5 = "colour-5": "Highlight in colour 5, orange (or recolour)",
    HighlightNote = "highlight-note": "Highlight the selection and write a note on it",
    CopyQuote = "copy-quote": "Copy the quoted words with their citation",
    StepHighlights = "step-highlights": "Step through the highlights of the current paragraph",
    SearchShelf = "search-shelf": "Search every report on the shelf (Enter opens a result there)",
    RecentReports = "recent-reports": "List the reports you opened before, last read first",
    ShelfNotes = "shelf-notes": "List your notes and highlights on every report of the shelf",
    SortShelf = "sort-shelf": "Sort the shelf by symbol, date or title (the next each time)",
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_round_trip_and_are_kebab_case() {
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(
                a.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(!a.help().is_empty());
        }
    }
}
