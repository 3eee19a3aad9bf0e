//! What goes into `update` (`Input`) and what comes out (`Effect`): the
//! event loop's half of the conversation with the state.

use std::sync::Arc;

use crate::action::Action;
use crate::document::Document;
use crate::keymap::KeyPress;
use crate::notes::state::RecentReport;
use crate::notes::{Annotations, Notebook};
use crate::shelf::Hit;
use crate::shelf::catalogue::Entry;

/// What the event loop feeds `update`: what the user did, and what came of
/// the effects `update` asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A key press, looked up in the keymap of the mode in use.
    Key(KeyPress),
    Action(Action),
    /// A printable key in a mode that takes text.
    Char(char),
    /// Text pasted into the terminal, as one input.
    Paste(String),
    Resize(u16, u16),
    /// Mouse wheel: lines to scroll (negative is up) at a screen position.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse moved with its left button held: selects text.
    Drag {
        column: u16,
        row: u16,
    },
    /// A signal to end, or the terminal is gone: quit without asking.
    Stop,
    /// What the reader starts with besides the document, read before the
    /// first frame.
    Start(Box<Start>),
    /// The notes file was written: the notes merged with it, which hold
    /// every change made here, and the store's warnings, if any.
    NotesSaved {
        notes: Box<Notebook>,
        warnings: Vec<String>,
    },
    /// The notes merged with what another copy of the program wrote since.
    NotesReloaded {
        notes: Box<Notebook>,
        warnings: Vec<String>,
    },
    /// The notes file could not be written: why.
    NotesNotSaved(String),
    /// The terminal would not take text for the clipboard.
    CopyFailed,
    /// Saving waits for another copy of the program that holds the lock.
    WaitingForLock,
    /// The shelf's reports as its index holds them now (shown at once,
    /// while the index is brought up to date), and what to tell of it.
    ShelfListed {
        entries: Vec<Entry>,
        said: Vec<String>,
    },
    /// One more file of the shelf dealt with while indexing.
    ShelfProgress {
        done: usize,
        total: usize,
        entry: Option<Entry>,
    },
    /// Indexing is over: every report (None when it failed), and why it
    /// failed or what to tell.
    ShelfIndexed {
        entries: Option<Vec<Entry>>,
        said: Vec<String>,
    },
    /// The notes file, read without changing it, for the shelf's counts
    /// and its list of every note.
    ShelfNotes(Box<Annotations>),
    /// What a search of the whole shelf found, or why it could not run.
    ShelfFound {
        query: String,
        hits: Result<Vec<Hit>, String>,
    },
    /// A report asked for with `Effect::OpenReport`, read.
    ReportOpened(Box<OpenedReport>),
    /// It could not be read: why, in one line.
    ReportNotOpened(String),
}

/// Where to open a report: a paragraph as printed, and what to do there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportPlace {
    pub paragraph: Option<u32>,
    /// Words to search for at once, so `n` goes on inside the report.
    pub search: Option<String>,
    /// A note or highlight to show chosen in the notes list.
    pub note: Option<String>,
}

/// A report to open, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub path: std::path::PathBuf,
    /// None: where it was left last time.
    pub at: Option<ReportPlace>,
}

/// A report read, with what the reader starts it with.
#[derive(Debug, Clone)]
pub struct OpenedReport {
    pub doc: Arc<Document>,
    pub start: Start,
    pub request: OpenRequest,
}

impl PartialEq for OpenedReport {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.doc, &other.doc)
            && self.start == other.start
            && self.request == other.request
    }
}

/// The start-up step: what was read from the configuration directory, and
/// what the user must hear about it (problems, notes carried over from
/// another edition, drafts kept), shown together until dismissed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Start {
    pub notes: Option<Notebook>,
    /// What was typed at `/` and `:` in earlier runs.
    pub history: crate::notes::state::PromptHistory,
    /// Where this document was left, to go back to.
    pub reading: Option<crate::notes::state::DocumentState>,
    pub said: Vec<String>,
    /// The reports opened before, last first (kept in state.json).
    pub recent: Vec<RecentReport>,
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Keep the reading place and end; with the notes, as Markdown, when
    /// they could not be saved.
    Quit { unsaved_notes: Option<String> },
    /// Write the notes file (every change is saved at once).
    SaveNotes,
    /// Merge in what another copy of the program wrote to the notes file.
    ReloadNotes,
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy(String),
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; set it up
    /// again when continued.
    Suspend,
    /// Bring the shelf's index up to date in the background, its progress
    /// and reports coming back as `Input::ShelfProgress`.
    IndexShelf,
    /// Read the notes file (never written by the shelf) for its counts.
    ReadShelfNotes,
    /// Search every report on the shelf.
    SearchShelf(String),
    /// Read a report and open it (the reading place of the one open kept).
    OpenReport(Box<OpenRequest>),
}
