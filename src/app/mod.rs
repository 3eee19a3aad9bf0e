//! The reader's state and the one function that changes it: `update`.
//!
//! Keys arrive here already turned into actions by the keymap. Drawing reads
//! this state and never changes it; after each update, `prepare_view` wraps
//! exactly the blocks that will be on screen.

mod citations;
mod contents;
mod counts;
mod editor;
mod events;
mod finder;
mod footnotes;
mod goto;
mod help;
mod highlight;
mod history;
mod marks;
mod matches;
mod note_index;
mod notes;
mod quit;
mod reader;
mod reading;
mod reading_state;
mod search;
mod search_matches;
mod selection;
mod shelf;
mod shelf_lists;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::areas::Areas;
use crate::document::Document;
use crate::document::countries::{CountryIndex, Place as MentionPlace, Ranked};
use crate::keymap::{KeyPress, Keymap, Lookup, Mode};
use crate::layout::{BlockKind, Blocks, Pos, WrapCache};
use crate::notes::Notebook;
use contents::contents_action;
pub use contents::{Contents, ContentsItem};
pub use counts::MAX_COUNT;
pub use editor::NoteEditor;
use editor::editor_action;
pub use events::{Effect, Input, OpenRequest, OpenedReport, ReportPlace, Start};
pub use finder::CountryFinder;
use finder::finder_action;
use footnotes::footnotes_action;
pub use footnotes::{FootnotePopup, note_under_footnote};
use help::help_action;
pub use help::help_lines;
use highlight::highlight_action;
pub use history::HISTORY_ENTRIES;
pub use marks::Awaiting;
use matches::matches_action;
pub use matches::{MATCH_ROWS, MatchList, MatchRow, sub_item_citation};
pub use note_index::{Marked, NoteIndex, NoteView};
pub use notes::NotesList;
use notes::notes_action;
use reader::{global_action, reader_action};
use search::prompt_action;
pub use search::{Prompt, PromptKind, Search, SearchKind};
pub use search_matches::{Matches, Spot};
pub use selection::Selection;
use selection::selection_action;
pub use shelf::{SHELF_HITS, Shelf, ShelfList, ShelfView, Sort};
use shelf::{leaves_report, shelf_action};
pub use shelf_lists::{ShelfNote, report_name};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Reader,
    Contents,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
    /// Stays, shown whole, until dismissed with the close key: what the
    /// user must read about their notes is never gone on the next key.
    pub sticky: bool,
}

/// A reading place that the jump history can return to. It names the top
/// block by what it shows, not by its index, so that it stays good when
/// notes shown under their paragraphs add or remove blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingPlace {
    /// The block at the top, and which block of that kind it is (a table
    /// has one per row).
    pub block: (BlockKind, usize),
    /// Lines into that block.
    pub line: usize,
    pub current: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Footnotes(FootnotePopup),
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    Finder(CountryFinder),
    Editor(Box<NoteEditor>),
    Notes(NotesList),
    /// Every match of the search (`s`).
    Matches(Box<MatchList>),
}

pub struct App {
    pub doc: Arc<Document>,
    pub countries: CountryIndex,
    pub blocks: Blocks,
    /// TextBlock of each paragraph, part and section.
    pub paragraph_block: Vec<usize>,
    pub part_block: Vec<Option<usize>>,
    pub section_block: Vec<usize>,
    /// Running total of block text lengths, for "how far through" figures.
    pub weight_before: Vec<u64>,
    pub wrap: WrapCache,
    pub size: (u16, u16),
    pub top: Pos,
    /// The current paragraph: what `f`, notes and citations act on. None: the header.
    pub current: Option<usize>,
    pub focus: Focus,
    pub contents_wanted: bool,
    /// The contents shown full-screen (`t` below 80 columns).
    pub contents_full: bool,
    pub contents: Contents,
    pub overlay: Overlay,
    pub search: Search,
    pub back: Vec<ReadingPlace>,
    pub forward: Vec<ReadingPlace>,
    pub message: Option<Message>,
    pub keymap: Keymap,
    pub pending: Vec<KeyPress>,
    /// What was typed at `/` and `:` before, oldest first (kept in state.json).
    pub history: crate::notes::state::PromptHistory,
    /// A count typed before a motion (`5j`).
    pub count: Option<u32>,
    /// The lines on screen, top to bottom, as of the last `prepare_view`.
    pub visible: Vec<Pos>,
    pub no_color: bool,
    /// The notes, in memory (the file is the effect runner's); None when
    /// there is no configuration directory.
    pub notes: Option<Notebook>,
    pub note_index: NoteIndex,
    pub show_notes_inline: bool,
    /// The note deleted last, for undo.
    pub last_deleted: Option<crate::notes::Note>,
    /// Mark letter → paragraph number.
    pub marks: BTreeMap<char, u32>,
    pub awaiting: Option<Awaiting>,
    /// Set by a first quit that found unsaved notes.
    pub quit_armed: bool,
    /// A quit waits for the notes to be saved.
    pub quitting: bool,
    /// Gutter width: wide enough for the largest paragraph number.
    pub gutter: u16,
    /// A passage being selected (`v`, or a mouse drag).
    pub selection: Option<Selection>,
    /// The id of the highlight chosen with `H`.
    pub chosen: Option<String>,
    /// Where the left button went down in the text: a drag selects from there.
    pub pressed: Option<crate::notes::highlight::At>,
    /// The shelf this report was opened from (or the recent reports, `R`).
    pub shelf: Option<Box<Shelf>>,
    /// The reports opened before, last first (kept in state.json).
    pub recent: Vec<crate::notes::state::RecentReport>,
}

/// Most jumps the history keeps.
const HISTORY: usize = 100;

impl App {
    pub fn new(doc: Document, keymap: Keymap, size: (u16, u16)) -> App {
        App::shared(Arc::new(doc), keymap, size)
    }

    /// `new` on a report read elsewhere (the shelf's runner).
    pub fn shared(doc: Arc<Document>, keymap: Keymap, size: (u16, u16)) -> App {
        let blocks = Blocks::new(&doc);
        let countries = CountryIndex::build(&doc);
        let note_index = NoteIndex::build(&doc, None);
        let mut app = App {
            doc,
            countries,
            blocks,
            paragraph_block: Vec::new(),
            part_block: Vec::new(),
            section_block: Vec::new(),
            weight_before: Vec::new(),
            wrap: WrapCache::default(),
            size,
            top: Pos::default(),
            current: None,
            focus: Focus::Reader,
            contents_wanted: true,
            contents_full: false,
            contents: Contents::default(),
            overlay: Overlay::None,
            search: Search::default(),
            back: Vec::new(),
            forward: Vec::new(),
            message: None,
            keymap,
            pending: Vec::new(),
            count: None,
            history: Default::default(),
            visible: Vec::new(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            notes: None,
            note_index,
            show_notes_inline: false,
            last_deleted: None,
            marks: BTreeMap::new(),
            awaiting: None,
            quit_armed: false,
            quitting: false,
            gutter: 0,
            selection: None,
            chosen: None,
            pressed: None,
            shelf: None,
            recent: Vec::new(),
        };
        let max = app
            .doc
            .paragraphs
            .iter()
            .map(|p| p.number)
            .max()
            .unwrap_or(0);
        app.gutter = crate::areas::gutter_for(max);
        app.index_blocks();
        if let Some(w) = app.doc.warnings.first() {
            let more = app.doc.warnings.len() - 1;
            let text = if more > 0 {
                format!("{w} (and {more} more warnings: see --toc)")
            } else {
                w.to_string()
            };
            app.set_message(text, MessageKind::Warning);
        }
        app.prepare_view();
        app
    }

    /// Where each paragraph, part and section starts among the blocks.
    fn index_blocks(&mut self) {
        self.paragraph_block = vec![0; self.doc.paragraphs.len()];
        self.part_block = vec![None; self.doc.parts.len()];
        self.section_block = vec![0; self.doc.sections.len()];
        self.weight_before = Vec::with_capacity(self.blocks.len() + 1);
        let mut total = 0u64;
        for (i, kind) in self.blocks.kinds().enumerate() {
            self.weight_before.push(total);
            total += self.blocks[i].text().len() as u64 + 1;
            match kind {
                BlockKind::Paragraph(p) => self.paragraph_block[p] = i,
                BlockKind::Part(p) => self.part_block[p] = Some(i),
                BlockKind::Section(s) => self.section_block[s] = i,
                _ => {}
            }
        }
        self.weight_before.push(total);
        self.rebuild_contents();
    }

    pub fn areas(&self) -> Areas {
        let mut areas = Areas::compute_with_gutter(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.contents_wanted,
            self.gutter,
        );
        // The full-screen contents lie over the text pane, above the status line.
        if self.contents_full && self.narrow() && !areas.too_small {
            areas.contents = Some(Rect::new(0, 0, self.size.0, areas.status.y));
        }
        areas
    }

    fn text_height(&self) -> usize {
        (self.areas().text.height as usize).max(1)
    }

    pub fn set_message(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some(Message {
            text: text.into(),
            kind,
            sticky: false,
        });
    }

    /// A message that stays until dismissed (see `Message::sticky`).
    pub fn set_notice(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some(Message {
            text: text.into(),
            kind,
            sticky: true,
        });
    }

    /// The mode whose key table applies now.
    pub fn mode(&self) -> Mode {
        if let Some(mode) = self.shelf_mode() {
            return mode;
        }
        match &self.overlay {
            Overlay::Footnotes(_) => Mode::Footnotes,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::Editor(_) => Mode::Editor,
            Overlay::Notes(list) if list.filtering => Mode::Prompt,
            Overlay::Notes(_) => Mode::Notes,
            // Once narrowing, letters are typed; the arrows still move.
            Overlay::Matches(list) if list.filter.is_empty() => Mode::Matches,
            Overlay::Matches(_) => Mode::Finder,
            Overlay::None if self.focus == Focus::Contents && self.areas().contents.is_some() => {
                Mode::Contents
            }
            Overlay::None if self.selection.is_some() => Mode::Selection,
            Overlay::None if self.chosen.is_some() => Mode::Highlight,
            Overlay::None => Mode::Reader,
        }
    }

    /// `update` with one key press.
    pub fn key(&mut self, key: KeyPress) -> Vec<Effect> {
        update(self, Input::Key(key))
    }

    /// Feeds one key press through the keymap (sequences wait for their next key).
    fn press(&mut self, key: KeyPress) -> Vec<Effect> {
        if let Some(awaiting) = self.awaiting.take() {
            match key.typed_char() {
                Some(c) => self.mark_letter(awaiting, c),
                None => self.message = None,
            }
            self.prepare_view();
            return Vec::new();
        }
        if self.count_digit(key) {
            return Vec::new();
        }
        let mode = self.mode();
        if let Some(plain) = key.without_alt()
            && self.pending.is_empty()
            && mode != Mode::Editor
            && self.keymap.lookup(mode, &[key]) == Lookup::NotFound
        {
            // Esc and a key typed fast (or sent together over a slow link)
            // arrive as Alt and the key: taken apart, as vim does. The note
            // editor's text area has Alt keys of its own.
            let mut effects = self.press(KeyPress::new(KeyCode::Esc, KeyModifiers::NONE));
            effects.extend(self.press(plain));
            return effects;
        }
        self.pending.push(key);
        match self.keymap.lookup(mode, &self.pending) {
            Lookup::Matched(action) => {
                self.pending.clear();
                let mut effects = Vec::new();
                for _ in 0..self.times(action) {
                    effects.extend(update(self, Input::Action(action)));
                }
                effects
            }
            Lookup::Pending => Vec::new(),
            Lookup::NotFound => {
                self.count = None;
                let was_sequence = self.pending.len() > 1;
                self.pending.clear();
                if mode == Mode::Editor && !was_sequence {
                    return self.editor_key(key);
                }
                if mode.takes_text()
                    && let Some(c) = key.typed_char()
                {
                    return update(self, Input::Char(c));
                }
                if was_sequence {
                    // The first key of an unfinished sequence is dropped; try this one alone.
                    return self.press(key);
                }
                Vec::new()
            }
        }
    }
}

/// Text typed into a field: pushed whole, then the field's search runs once.
fn typed(app: &mut App, text: &str) {
    if app.shelf_mode().is_some() {
        app.shelf_typed(text);
    } else if let Overlay::Notes(list) = &mut app.overlay {
        if list.filtering {
            push_capped(&mut list.filter, text, 100, |_| true);
            list.selected = 0;
        }
    } else if let Overlay::Matches(list) = &mut app.overlay {
        push_capped(&mut list.filter, text, 100, |_| true);
        list.refilter();
    } else if let Overlay::Finder(f) = &mut app.overlay {
        push_capped(&mut f.query, text, 100, |_| true);
        app.finder_changed();
    } else if let Overlay::Prompt(p) = &mut app.overlay {
        // A paragraph number takes only what can name a paragraph.
        let goto = p.kind == PromptKind::Goto;
        push_capped(&mut p.input, text, 200, |c| {
            !goto || c.is_ascii_alphanumeric() || ".() ".contains(c)
        });
        app.prompt_changed();
    }
}

fn push_capped(field: &mut String, text: &str, cap: usize, allowed: impl Fn(char) -> bool) {
    let room = cap.saturating_sub(field.chars().count());
    field.extend(text.chars().filter(|&c| allowed(c)).take(room));
}

/// Pasted text (bracketed paste): one input however long, so a large paste
/// runs a search once, not once per character.
fn pasted(app: &mut App, text: &str) {
    if let Overlay::Editor(editor) = &mut app.overlay {
        // Terminals paste line ends as CR (or CRLF): a note keeps LF only.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        editor.textarea.insert_str(text);
        return;
    }
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    typed(app, &flat);
}

/// Applies one input to the state. The only place state changes.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let mut effects = Vec::new();
    match input {
        Input::Key(key) => return app.press(key),
        Input::Stop => effects.extend(app.stop()),
        Input::Start(start) => {
            app.start(*start);
            if app.shelf.as_ref().is_some_and(|s| s.root.is_some()) {
                effects.extend([Effect::IndexShelf, Effect::ReadShelfNotes]);
            }
        }
        Input::ShelfListed { entries, said } => app.shelf_listed(Some(entries), said, true),
        Input::ShelfProgress { done, total, entry } => app.shelf_progress(done, total, entry),
        Input::ShelfIndexed { entries, said } => app.shelf_listed(entries, said, false),
        Input::ShelfNotes(annotations) => app.shelf_notes_read(*annotations),
        Input::ShelfFound { query, hits } => app.shelf_found(query, hits),
        Input::ReportOpened(opened) => app.report_opened(*opened),
        Input::ReportNotOpened(why) => app.set_message(why, MessageKind::Error),
        Input::NotesSaved { notes, warnings } => effects.extend(app.notes_saved(*notes, warnings)),
        Input::NotesReloaded { notes, warnings } => app.notes_reloaded(*notes, warnings),
        Input::NotesNotSaved(why) => effects.extend(app.notes_not_saved(why)),
        Input::WaitingForLock => app.set_message(
            "waiting for another report-reader to finish saving…",
            MessageKind::Warning,
        ),
        Input::CopyFailed => app.set_message(
            "this terminal cannot take the citation (OSC 52)",
            MessageKind::Warning,
        ),
        Input::Resize(w, h) => app.size = (w, h),
        // The wheel moves along a list of the shelf; clicks there do nothing.
        Input::Scroll { lines, .. } if app.shelf_shown() => {
            let action = if lines > 0 {
                Action::LineDown
            } else {
                Action::LineUp
            };
            for _ in 0..lines.unsigned_abs() {
                shelf_action(app, action);
            }
        }
        Input::Click { .. } | Input::Drag { .. } if app.shelf_shown() => {}
        Input::Scroll { column, row, lines } => app.scroll_at(column, row, lines),
        Input::Click { column, row } => app.click(column, row),
        Input::Drag { column, row } => app.drag_to(column, row),
        Input::Char(c) => typed(app, c.encode_utf8(&mut [0; 4])),
        Input::Paste(text) => pasted(app, &text),
        Input::Action(action) => {
            if app.message.as_ref().is_some_and(|m| m.sticky) {
                // The close key dismisses a notice, and does nothing else.
                if matches!(action, Action::Close | Action::ClearSearch) {
                    app.message = None;
                    app.prepare_view();
                    return effects;
                }
            } else if !matches!(action, Action::SearchNext | Action::SearchPrevious) {
                app.message = None;
            }
            let mode = app.mode();
            if mode == Mode::Reader && leaves_report(app, action) {
                effects.extend(app.back_to_shelf());
                app.prepare_view();
                return effects;
            }
            // Each mode's handler, all of one shape, named after the mode
            // (its app/ file and ui/ file have that name too).
            let handler: fn(&mut App, Action) -> Vec<Effect> = match &app.overlay {
                Overlay::Footnotes(_) => footnotes_action,
                Overlay::Help { .. } => help_action,
                Overlay::Prompt(_) => prompt_action,
                Overlay::Finder(_) => finder_action,
                Overlay::Editor(_) => editor_action,
                // Narrowing a list types into it (the Prompt and Finder
                // keys), and its own handler takes them.
                Overlay::Notes(_) => notes_action,
                Overlay::Matches(_) => matches_action,
                Overlay::None if app.shelf_shown() => shelf_action,
                Overlay::None => match mode {
                    Mode::Contents => contents_action,
                    Mode::Selection => selection_action,
                    Mode::Highlight => highlight_action,
                    _ => reader_action,
                },
            };
            effects.extend(handler(app, action));
            if action == Action::Suspend {
                effects.push(Effect::Suspend);
            } else if !matches!(mode, Mode::Reader | Mode::Contents) {
                // Global keys (quit, help) also work over popups.
                if action == Action::Quit && !mode.takes_text() {
                    effects.extend(app.quit());
                }
            } else if action == Action::Quit {
                effects.extend(app.quit());
            } else {
                effects.extend(global_action(app, action));
            }
        }
    }
    app.prepare_view();
    effects
}
