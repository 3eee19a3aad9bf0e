//! The shelf (`report-reader DIR`): the reports of a folder, a search of
//! them all, the reports read before, and every note. One screen with four
//! lists; a report opened from one goes back to it (Esc, Ctrl-o).

use std::collections::HashMap;
use std::path::PathBuf;

use super::shelf_lists::ShelfNote;
use super::{App, Effect, MessageKind, OpenRequest, OpenedReport, Overlay, ReportPlace};
use crate::action::Action;
use crate::keymap::Mode;
use crate::notes::Annotations;
use crate::shelf::Hit;
use crate::shelf::catalogue::Entry;

/// Which list the shelf shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShelfView {
    #[default]
    Reports,
    /// What a search of every report found (`/`).
    Results,
    /// The reports opened before (`R`).
    Recent,
    /// The notes and highlights on every report (`A`).
    Notes,
}

impl ShelfView {
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// The order of the reports: each press of the sort key, the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Symbol,
    /// Newest first.
    Date,
    Title,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Symbol => "symbol",
            Sort::Date => "date",
            Sort::Title => "title",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Symbol => Sort::Date,
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Symbol,
        }
    }
}

/// One list: what narrows it, the rows it keeps (indices into what it
/// lists) and the row chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShelfList {
    pub filter: String,
    pub rows: Vec<usize>,
    pub selected: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shelf {
    /// The folder; None when the shelf holds only the recent reports (`R`
    /// in a report opened on its own).
    pub root: Option<PathBuf>,
    /// On screen (else the report is).
    pub shown: bool,
    pub view: ShelfView,
    pub reports: Vec<Entry>,
    /// Where each file is in `reports`.
    pub(super) by_rel: HashMap<String, usize>,
    /// How many reports there were when the list was last sorted.
    pub(super) sorted_len: usize,
    pub sort: Sort,
    /// One per view, in `ShelfView` order.
    pub lists: [ShelfList; 4],
    /// Files dealt with and in all while the index is brought up to date.
    pub indexing: Option<(usize, usize)>,
    /// The notes file, read only, and per report fingerprint its notes
    /// and highlights.
    pub annotations: Option<Annotations>,
    pub counts: HashMap<String, (usize, usize)>,
    pub notes: Vec<ShelfNote>,
    /// The last search of the shelf, and what it found.
    pub query: String,
    pub results: Vec<Hit>,
    /// A search asked for and not answered yet.
    pub searching: bool,
    /// The search being typed after `/`.
    pub asking: Option<String>,
    /// A report the user opened is loaded (else the reader holds a stand-in).
    pub report_open: bool,
    /// The list the open report was opened from: Esc goes back to it.
    pub opened_from: Option<ShelfView>,
    /// The list was entered from the open report: Esc goes back to it.
    pub from_report: bool,
}

impl Shelf {
    pub fn new(root: Option<PathBuf>) -> Shelf {
        Shelf {
            root,
            shown: true,
            ..Shelf::default()
        }
    }

    pub fn list(&self) -> &ShelfList {
        &self.lists[self.view.index()]
    }

    fn list_mut(&mut self) -> &mut ShelfList {
        &mut self.lists[self.view.index()]
    }

    /// The entry of a report by its fingerprint.
    pub fn report_by_fingerprint(&self, fingerprint: &str) -> Option<&Entry> {
        self.reports.iter().find(|e| {
            e.card
                .as_ref()
                .is_some_and(|c| c.fingerprint == fingerprint)
        })
    }
}

/// Most hits a search of the shelf lists.
pub const SHELF_HITS: usize = 200;

impl App {
    /// The reader on a shelf: nothing opened yet, the stand-in report held
    /// until one is.
    pub fn on_shelf(root: PathBuf, keymap: crate::keymap::Keymap, size: (u16, u16)) -> App {
        let mut app = App::new(crate::document::Document::default(), keymap, size);
        app.message = None;
        app.shelf = Some(Box::new(Shelf::new(Some(root))));
        app
    }

    /// Whether the shelf is on screen.
    pub fn shelf_shown(&self) -> bool {
        self.shelf.as_ref().is_some_and(|s| s.shown)
    }

    /// Whether the reader holds a report the user opened (its reading
    /// place is worth keeping).
    pub fn has_report(&self) -> bool {
        self.shelf.as_ref().is_none_or(|s| s.report_open)
    }

    /// The mode of the shelf's keys, when it is on screen with no popup.
    pub(super) fn shelf_mode(&self) -> Option<Mode> {
        let shelf = self.shelf.as_ref().filter(|s| s.shown)?;
        if !matches!(self.overlay, Overlay::None) {
            return None;
        }
        Some(if shelf.asking.is_some() {
            Mode::Prompt
        } else if shelf.list().filter.is_empty() {
            Mode::Shelf
        } else {
            // Once narrowing, letters are typed; the arrows still move.
            Mode::Finder
        })
    }

    /// Text typed on the shelf: into the search being asked, or the filter.
    pub(super) fn shelf_typed(&mut self, text: &str) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        if let Some(asking) = &mut shelf.asking {
            super::push_capped(asking, text, 200, |_| true);
            return;
        }
        super::push_capped(&mut shelf.list_mut().filter, text, 100, |_| true);
        self.narrowed();
    }

    /// A report was read: it replaces the one held, the shelf kept.
    pub(super) fn report_opened(&mut self, opened: OpenedReport) {
        let OpenedReport {
            doc,
            start,
            request,
        } = opened;
        let mut shelf = self.shelf.take();
        let fresh = App::shared(doc, self.keymap.clone(), self.size);
        let old = std::mem::replace(self, fresh);
        self.no_color = old.no_color;
        self.contents_wanted = old.contents_wanted;
        if let Some(s) = shelf.as_mut() {
            if s.shown {
                s.opened_from = Some(s.view);
            }
            s.shown = false;
            s.report_open = true;
            s.from_report = false;
        }
        self.shelf = shelf;
        // What the report lost on the way in is said once, not as a notice
        // to dismiss before Esc goes back to the shelf.
        let warning = self.message.take();
        self.start(start);
        if self.message.is_none() {
            self.message = warning;
        }
        if let Some(at) = request.at {
            self.open_at(&at);
        }
        // Going back from here is going back to the shelf.
        self.back.clear();
        self.forward.clear();
    }

    /// Goes to a place in the report just opened: its paragraph, then the
    /// first match of the words there, or the note chosen in the list.
    fn open_at(&mut self, at: &ReportPlace) {
        let index = at
            .paragraph
            .and_then(|n| self.doc.paragraphs.iter().position(|p| p.number == n));
        if let Some(index) = index {
            self.goto_paragraph(index, false);
            self.prepare_view();
        }
        if let Some(words) = &at.search {
            self.prime_search(words);
        }
        if let Some(id) = &at.note {
            self.show_note(id);
        }
    }

    /// The in-report search set to the shelf's words (as a phrase, or the
    /// first word found alone), at the first match from here on.
    fn prime_search(&mut self, words: &str) {
        let mut tries = vec![words.to_string()];
        tries.extend(words.split_whitespace().map(str::to_string));
        for query in tries {
            self.run_search(&query);
            if self.search.matches.is_empty() {
                continue;
            }
            let first = self.first_match_from(self.place()).unwrap_or(0);
            self.show_match(first);
            return;
        }
        self.search = Default::default();
    }

    /// Back from the report to the list it was opened from.
    pub(super) fn back_to_shelf(&mut self) -> Vec<Effect> {
        let Some(shelf) = self.shelf.as_mut() else {
            return Vec::new();
        };
        shelf.shown = true;
        shelf.view = shelf.opened_from.unwrap_or_default();
        shelf.from_report = false;
        self.refilter_shelf();
        self.overlay = Overlay::None;
        self.selection = None;
        self.chosen = None;
        self.message = None;
        // Notes may have been written in the report: the counts again.
        vec![Effect::ReadShelfNotes]
    }

    /// Shows a list of the shelf: over the report when one is on screen.
    fn show_shelf_view(&mut self, view: ShelfView) -> Vec<Effect> {
        let from_report = !self.shelf_shown();
        // Without a shelf, the reader holds a report opened on its own.
        let shelf = self.shelf.get_or_insert_with(|| {
            Box::new(Shelf {
                report_open: true,
                ..Shelf::new(None)
            })
        });
        if from_report {
            shelf.shown = true;
            shelf.from_report = true;
        }
        shelf.view = view;
        self.overlay = Overlay::None;
        self.refilter_shelf();
        Vec::new()
    }

    pub(super) fn open_recent(&mut self) -> Vec<Effect> {
        if self.recent.is_empty() {
            self.set_message("no report opened before", MessageKind::Info);
            return Vec::new();
        }
        self.show_shelf_view(ShelfView::Recent)
    }

    /// The request to open the chosen row's report, and where.
    fn chosen_report(&mut self) -> Option<OpenRequest> {
        let shelf = self.shelf.as_ref()?;
        let row = *shelf.list().rows.get(shelf.list().selected)?;
        let root = shelf.root.clone().unwrap_or_default();
        match shelf.view {
            ShelfView::Reports => {
                let entry = &shelf.reports[row];
                if entry.card.is_none() {
                    let text = format!("{}: {}", entry.rel, entry.reason);
                    self.set_message(text, MessageKind::Warning);
                    return None;
                }
                Some(OpenRequest {
                    path: entry.path.clone(),
                    at: None,
                })
            }
            ShelfView::Results => {
                let hit = &shelf.results[row];
                let words = crate::shelf::tokens::plain_words(&shelf.query);
                Some(OpenRequest {
                    path: root.join(&hit.file),
                    at: Some(ReportPlace {
                        paragraph: hit.paragraph.and_then(|n| u32::try_from(n).ok()),
                        search: (!words.is_empty()).then_some(words),
                        note: None,
                    }),
                })
            }
            ShelfView::Recent => Some(OpenRequest {
                path: PathBuf::from(&self.recent.get(row)?.path),
                at: None,
            }),
            ShelfView::Notes => {
                let note = &shelf.notes[row];
                Some(OpenRequest {
                    path: note.path.clone(),
                    at: Some(ReportPlace {
                        paragraph: note.note.paragraph,
                        search: None,
                        note: Some(note.note.id.clone()),
                    }),
                })
            }
        }
    }

    fn move_shelf(&mut self, by: isize) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let list = shelf.list_mut();
        let last = list.rows.len().saturating_sub(1) as isize;
        list.selected = (list.selected as isize + by).clamp(0, last.max(0)) as usize;
    }

    /// Esc: the filter first, then back where the list was entered from.
    fn close_shelf_view(&mut self) -> Vec<Effect> {
        let Some(shelf) = self.shelf.as_mut() else {
            return Vec::new();
        };
        if !shelf.list().filter.is_empty() {
            shelf.list_mut().filter.clear();
            self.refilter_shelf();
            return Vec::new();
        }
        let back_to_report = shelf.report_open
            && (shelf.from_report || shelf.view == ShelfView::Reports || shelf.root.is_none());
        if back_to_report {
            shelf.shown = false;
            shelf.from_report = false;
        } else if shelf.view != ShelfView::Reports && shelf.root.is_some() {
            shelf.view = ShelfView::Reports;
            // Reports may have come in while another list was shown.
            self.refilter_shelf();
        }
        Vec::new()
    }

    /// `/` typed: the search asked, answered by the runner.
    fn confirm_shelf_search(&mut self) -> Vec<Effect> {
        let Some(shelf) = self.shelf.as_mut() else {
            return Vec::new();
        };
        let query = shelf.asking.take().unwrap_or_default();
        if query.trim().is_empty() {
            return Vec::new();
        }
        shelf.query = query.clone();
        shelf.results.clear();
        shelf.searching = true;
        shelf.view = ShelfView::Results;
        shelf.lists[ShelfView::Results.index()] = ShelfList::default();
        vec![Effect::SearchShelf(query)]
    }
}

/// The shelf's keys (its lists, and the search typed after `/`).
pub(super) fn shelf_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(shelf) = app.shelf.as_mut() else {
        return Vec::new();
    };
    if let Some(asking) = &mut shelf.asking {
        match action {
            Action::Confirm => return app.confirm_shelf_search(),
            Action::Close => shelf.asking = None,
            Action::DeleteBack => {
                asking.pop();
            }
            _ => {}
        }
        return Vec::new();
    }
    let has_folder = shelf.root.is_some();
    let page = app.size.1.saturating_sub(4).max(1) as isize;
    match action {
        Action::Quit => return app.quit(),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::LineDown => app.move_shelf(1),
        Action::LineUp => app.move_shelf(-1),
        Action::PageDown => app.move_shelf(page),
        Action::PageUp => app.move_shelf(-page),
        Action::Top => app.move_shelf(isize::MIN / 2),
        Action::Bottom => app.move_shelf(isize::MAX / 2),
        Action::DeleteBack => {
            shelf.list_mut().filter.pop();
            app.narrowed();
        }
        Action::Close => return app.close_shelf_view(),
        Action::Select => {
            if let Some(request) = app.chosen_report() {
                return vec![Effect::OpenReport(Box::new(request))];
            }
        }
        Action::SortShelf => {
            shelf.sort = shelf.sort.next();
            let text = format!("sorted by {}", shelf.sort.name());
            app.refilter_shelf();
            app.set_message(text, MessageKind::Info);
        }
        Action::SearchShelf if has_folder => shelf.asking = Some(String::new()),
        Action::ShelfNotes if has_folder && shelf.view == ShelfView::Notes => {
            return app.close_shelf_view();
        }
        Action::ShelfNotes if has_folder => {
            app.show_shelf_view(ShelfView::Notes);
            return vec![Effect::ReadShelfNotes];
        }
        Action::SearchShelf | Action::ShelfNotes => app.set_message(
            "no shelf here: open one with report-reader DIR",
            MessageKind::Info,
        ),
        Action::RecentReports => return app.open_recent(),
        _ => {}
    }
    Vec::new()
}

/// In a report opened from the shelf, Esc and Ctrl-o (with no jump to go
/// back to) return to the list it came from.
pub(super) fn leaves_report(app: &App, action: Action) -> bool {
    let from_shelf = app
        .shelf
        .as_ref()
        .is_some_and(|s| !s.shown && s.opened_from.is_some());
    from_shelf
        && match action {
            Action::ClearSearch => true,
            Action::JumpBack => app.back.is_empty(),
            _ => false,
        }
}
