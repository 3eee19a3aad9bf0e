//! The effects of the shelf: its index brought up to date on a thread of
//! its own (what it finds comes back as `Input`s, so the shelf can be used
//! at once), a search of it, the notes file read (never written), and a
//! report read to be opened. Tests drive it without a terminal.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::Index;

use crate::app::{App, Input, OpenRequest, OpenedReport, SHELF_HITS, Start};
use crate::notes::state::{self, ReadingState, RecentReport};
use crate::shelf::catalogue::{self, Entry};
use crate::shelf::schema::Fields;
use crate::shelf::update;

/// Where the inputs of the indexing thread go (the event loop's queue).
pub type Sink = Arc<dyn Fn(Input) + Send + Sync>;

/// The shelf's side of the effect runner.
pub struct ShelfRunner {
    /// The folder, as the user named it; None: no shelf.
    dir: Option<PathBuf>,
    cache: Option<PathBuf>,
    config: Option<PathBuf>,
    /// The index, once open, for searches while it is being updated.
    index: Option<(Index, Fields)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ShelfRunner {
    pub fn new(dir: Option<PathBuf>, cache: Option<PathBuf>, config: Option<PathBuf>) -> Self {
        ShelfRunner {
            dir,
            cache,
            config,
            index: None,
            thread: None,
        }
    }

    /// Opens the index and lists what it holds (returned, to show at once),
    /// then brings it up to date on a thread, each file dealt with sent to
    /// `sink`, and at the end every report.
    pub fn index(&mut self, sink: Sink) -> Input {
        let Some(dir) = self.dir.clone() else {
            return Input::ShelfIndexed {
                entries: None,
                said: Vec::new(),
            };
        };
        let mut said = Vec::new();
        let (root, mut shelf) = match catalogue::open(&dir, self.cache.clone(), &mut said) {
            Ok(opened) => opened,
            Err(line) => {
                said.push(line);
                return Input::ShelfIndexed {
                    entries: None,
                    said,
                };
            }
        };
        let fields = shelf.fields;
        let entries = catalogue::entries(&root, &shelf.index, &fields).unwrap_or_default();
        self.index = Some((shelf.index.clone(), fields));
        let thread = std::thread::Builder::new()
            .name("shelf index".into())
            .spawn(move || {
                let send = |input| sink(input);
                let outcome = update::update_with(&mut shelf, &root, true, &mut |step| {
                    send(Input::ShelfProgress {
                        done: step.done,
                        total: step.total,
                        entry: step.record.and_then(|r| Entry::of(&root, step.rel, r)),
                    });
                });
                let mut said = Vec::new();
                if let Err(e) = &outcome {
                    said.push(format!("the shelf's index could not be updated: {e}"));
                }
                let entries = catalogue::entries(&root, &shelf.index, &shelf.fields).ok();
                send(Input::ShelfIndexed { entries, said });
            });
        match thread {
            Ok(handle) => self.thread = Some(handle),
            Err(e) => said.push(format!("the shelf cannot be indexed: {e}")),
        }
        Input::ShelfListed { entries, said }
    }

    /// Waits for the indexing thread to end (tests; a quit does not wait).
    pub fn wait(&mut self) {
        if let Some(handle) = self.thread.take() {
            let _ = handle.join();
        }
    }

    /// Runs a search of the shelf on its index as it stands.
    pub fn search(&self, query: &str) -> Input {
        let hits = match &self.index {
            Some((index, fields)) => {
                catalogue::search(index, fields, query, SHELF_HITS, self.config.clone())
            }
            None => Err("the shelf's index is not open".into()),
        };
        Input::ShelfFound {
            query: query.to_string(),
            hits,
        }
    }

    /// The notes file, read without changing it.
    pub fn read_notes(&self) -> Option<Input> {
        let dir = self.config.as_ref()?;
        crate::notes::store::read_only(dir)
            .ok()
            .map(|a| Input::ShelfNotes(Box::new(a)))
    }
}

/// Seconds since 1970, now.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The reading place of the report the reader holds, into `state`.
pub fn keep_place(app: &App, state: &mut ReadingState) {
    if !app.has_report() {
        return;
    }
    let fp = app.doc.fingerprint();
    let old = state.documents.get(&fp).cloned().unwrap_or_default();
    state.documents.insert(fp, app.reading_state(old));
}

/// Reads the report `request` names, for the reader to open: its notes,
/// where it was left, and the recent reports with it first. The reading
/// place of the report open now is kept in `state` first.
pub fn open_report(
    app: &App,
    request: OpenRequest,
    state: &mut ReadingState,
    notes: &mut super::NotesRunner,
) -> Input {
    keep_place(app, state);
    let doc = match crate::document::load(&request.path) {
        Ok(doc) => doc,
        Err(e) => return Input::ReportNotOpened(e.to_string()),
    };
    let mut said = notes.resume(app.notebook());
    let (book, opened) = notes.open(&doc);
    said.extend(opened);
    remember(state, &request.path, &doc);
    let start = Start {
        notes: book,
        history: app.history.clone(),
        reading: state.documents.get(&doc.fingerprint()).cloned(),
        said,
        recent: state.recent.clone(),
    };
    Input::ReportOpened(Box::new(OpenedReport {
        doc: Arc::new(doc),
        start,
        request,
    }))
}

/// `doc`, read from `path`, first in the recent reports.
pub fn remember(state: &mut ReadingState, path: &Path, doc: &crate::document::Document) {
    state::remember(
        &mut state.recent,
        RecentReport {
            path: absolute(path).display().to_string(),
            symbol: doc.header.symbol.clone().filter(|s| !s.trim().is_empty()),
            title: doc.title(),
            fingerprint: doc.fingerprint(),
            read: now(),
            extra: Default::default(),
        },
    );
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
