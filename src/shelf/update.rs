//! Bringing a shelf's index up to date: the folder is walked, a file whose
//! size and time are those recorded is passed over unread, one whose bytes
//! hash as recorded is only re-recorded, and the rest are read and parsed
//! on worker threads (a PDF in its own child process, as ever) while this
//! thread writes what they found. Files no longer there leave the index. A
//! PDF that cannot be read is recorded with its one-line reason, said on
//! every search, and stops nothing.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, ReloadPolicy, TantivyDocument, Term};

use super::index::Shelf;
use super::schema::{Fields, Record, Status};
use super::units::{Card, Report, units};
use super::walk::{Candidate, is_pdf_name, walk};
use crate::document::{self, LoadError};
use crate::files::{ReadError, read_capped};

/// Larger files are no reports (as `document::load` has it).
const MAX_BYTES: u64 = 64 << 20;
/// Reports read between two commits: an interrupted first indexing of a
/// large shelf keeps what it did.
const COMMIT_EVERY: usize = 500;

/// What an update did.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Files read and parsed now.
    pub read: usize,
    /// Files passed over: as recorded.
    pub unchanged: usize,
    /// Files gone from the folder, and so from the index.
    pub removed: usize,
    /// Files on the shelf that could not be read, with why: (relative
    /// path, reason), in walking order.
    pub failed: Vec<(String, String)>,
}

/// The records of the files the index has seen.
pub fn records(index: &Index, fields: &Fields) -> tantivy::Result<HashMap<String, Record>> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(fields.kind, "file"),
        IndexRecordOption::Basic,
    );
    let mut out = HashMap::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some((file, record)) = fields.read_record(&doc) {
            out.insert(file, record);
        }
    }
    Ok(out)
}

struct Job {
    candidate: Candidate,
    old: Option<Record>,
}

enum Done {
    Unchanged(String),
    /// The same bytes under a new size or time.
    Touched(String, Record),
    Read(String, Record, Vec<TantivyDocument>),
    /// Gone between the walk and the read.
    Gone,
}

/// Brings the index of the shelf at `root` up to date; a progress bar on
/// stderr when `progress` and stderr is a terminal.
pub fn update(shelf: &mut Shelf, root: &Path, progress: bool) -> Result<Outcome, String> {
    if !(progress && std::io::stderr().is_terminal()) {
        return update_with(shelf, root, false, &mut |_| {});
    }
    let mut bar = Bar::new();
    let outcome = update_with(shelf, root, true, &mut |step| bar.step(&step));
    bar.clear();
    outcome
}

/// One file dealt with, for a progress display.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// Files dealt with so far, this one included.
    pub done: usize,
    /// Files on the shelf, when counted first (else 0).
    pub total: usize,
    pub rel: &'a str,
    /// What the index now knows of it.
    pub record: Option<&'a Record>,
}

/// `update`, telling `on_step` of every file as it is dealt with; the
/// files are counted first when `count` (a second walk of the folder).
pub fn update_with(
    shelf: &mut Shelf,
    root: &Path,
    count: bool,
    on_step: &mut dyn FnMut(Step),
) -> Result<Outcome, String> {
    let fields = shelf.fields;
    let old = records(&shelf.index, &fields).map_err(|e| e.to_string())?;
    let Some(writer) = shelf.writer.as_mut() else {
        return Ok(read_only_outcome(&old));
    };
    let mut total = 0;
    if count {
        let _ = walk(root, |_| total += 1);
    }
    let mut done_count = 0;
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let mut outcome = Outcome::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut since_commit = 0;
    let mut changed = false;
    let result: Result<(), String> = std::thread::scope(|scope| {
        let (jobs_tx, jobs_rx) = sync_channel::<Job>(workers * 2);
        let (done_tx, done_rx) = sync_channel::<Done>(workers * 4);
        let jobs_rx = Arc::new(Mutex::new(jobs_rx));
        for _ in 0..workers {
            let jobs = Arc::clone(&jobs_rx);
            let done = done_tx.clone();
            scope.spawn(move || work(&jobs, &done, &fields));
        }
        let walker_done = done_tx;
        let old = &old;
        let walker = scope.spawn(move || {
            walk(root, |candidate| {
                let recorded = old.get(&candidate.rel);
                let same = recorded
                    .is_some_and(|r| r.size == candidate.size && r.mtime == candidate.mtime);
                // A send fails only when the update has stopped.
                if same {
                    let _ = walker_done.send(Done::Unchanged(candidate.rel));
                } else {
                    let old = recorded.cloned();
                    let _ = jobs_tx.send(Job { candidate, old });
                }
            })
        });
        for done in done_rx.iter() {
            // What the index now knows of the file, for `on_step`.
            let mut now: Option<Record> = None;
            let rel = match done {
                Done::Unchanged(rel) => {
                    outcome.unchanged += 1;
                    if let Some(r) = old.get(&rel).filter(|r| r.status == Status::Failed) {
                        outcome.failed.push((rel.clone(), r.reason.clone()));
                    }
                    rel
                }
                Done::Touched(rel, record) => {
                    outcome.unchanged += 1;
                    changed = true;
                    if record.status == Status::Failed {
                        outcome.failed.push((rel.clone(), record.reason.clone()));
                    }
                    writer.delete_term(Term::from_field_text(fields.record, &rel));
                    writer
                        .add_document(fields.record(&rel, &record))
                        .map_err(|e| e.to_string())?;
                    now = Some(record);
                    rel
                }
                Done::Read(rel, record, docs) => {
                    outcome.read += 1;
                    changed = true;
                    if record.status == Status::Failed {
                        outcome.failed.push((rel.clone(), record.reason.clone()));
                    }
                    writer.delete_term(Term::from_field_text(fields.file, &rel));
                    writer.delete_term(Term::from_field_text(fields.record, &rel));
                    for doc in docs {
                        writer.add_document(doc).map_err(|e| e.to_string())?;
                    }
                    writer
                        .add_document(fields.record(&rel, &record))
                        .map_err(|e| e.to_string())?;
                    since_commit += 1;
                    if since_commit >= COMMIT_EVERY {
                        writer.commit().map_err(|e| e.to_string())?;
                        since_commit = 0;
                    }
                    now = Some(record);
                    rel
                }
                Done::Gone => continue,
            };
            done_count += 1;
            on_step(Step {
                done: done_count,
                total,
                rel: &rel,
                record: now.as_ref().or_else(|| old.get(&rel)),
            });
            seen.insert(rel);
        }
        walker
            .join()
            .map_err(|_| "the walk through the folder failed".to_string())?
            .map_err(|e| format!("{}: cannot read the folder: {e}", root.display()))
    });
    result?;
    for rel in old.keys().filter(|rel| !seen.contains(*rel)) {
        writer.delete_term(Term::from_field_text(fields.file, rel));
        writer.delete_term(Term::from_field_text(fields.record, rel));
        outcome.removed += 1;
    }
    outcome.failed.sort();
    if changed || outcome.removed > 0 {
        writer.commit().map_err(|e| e.to_string())?;
    }
    Ok(outcome)
}

/// What another copy's index says, for a copy that may not update it.
fn read_only_outcome(old: &HashMap<String, Record>) -> Outcome {
    let mut failed: Vec<(String, String)> = old
        .iter()
        .filter(|(_, r)| r.status == Status::Failed)
        .map(|(f, r)| (f.clone(), r.reason.clone()))
        .collect();
    failed.sort();
    Outcome {
        unchanged: old.len(),
        failed,
        ..Outcome::default()
    }
}

fn work(jobs: &Mutex<Receiver<Job>>, done: &SyncSender<Done>, fields: &Fields) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else {
            return;
        };
        let rel = job.candidate.rel.clone();
        // A report the parser trips on is one failed file, not a stop.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(job, fields)));
        let result = result.unwrap_or_else(|_| {
            let record = Record {
                size: 0,
                mtime: 0,
                hash: String::new(),
                status: Status::Failed,
                reason: "the reader failed on it".into(),
                card: None,
            };
            Done::Read(rel, record, Vec::new())
        });
        if done.send(result).is_err() {
            return;
        }
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads one file: its units, or why not.
fn read(job: Job, fields: &Fields) -> Done {
    let Job { candidate: c, old } = job;
    let pdf_named = is_pdf_name(&c.rel);
    let mut record = Record {
        size: c.size,
        mtime: c.mtime,
        hash: String::new(),
        status: Status::Read,
        reason: String::new(),
        card: None,
    };
    let bytes = match read_capped(&c.path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.is_missing() => return Done::Gone,
        Err(e) => {
            let quiet = matches!(e, ReadError::TooLarge(_) | ReadError::NotRegular) && !pdf_named;
            record.status = if quiet {
                Status::Skipped
            } else {
                Status::Failed
            };
            record.reason = e.to_string();
            return Done::Read(c.rel, record, Vec::new());
        }
    };
    record.hash = hex_sha256(&bytes);
    if let Some(old) = old.filter(|o| o.hash == record.hash) {
        return Done::Touched(
            c.rel,
            Record {
                size: c.size,
                mtime: c.mtime,
                ..old
            },
        );
    }
    let is_pdf = pdf_named || bytes.starts_with(b"%PDF-");
    match document::from_bytes(&bytes, &c.path) {
        Ok(doc) => {
            let report = Report::of(&doc);
            let mut card = Card::of(&doc);
            // A text without page breaks is one "page": it has none.
            if !is_pdf && card.pages <= 1 {
                card.pages = 0;
            }
            record.card = Some(card);
            let docs = units(&doc)
                .iter()
                .enumerate()
                .map(|(k, u)| fields.unit(&c.rel, &report, k, u))
                .collect();
            Done::Read(c.rel, record, docs)
        }
        Err(e) => {
            let reported = match &e {
                LoadError::Pdf(..) | LoadError::Io(..) => true,
                LoadError::NoStructure(_) => false,
                _ => is_pdf,
            };
            record.status = if reported {
                Status::Failed
            } else {
                Status::Skipped
            };
            record.reason = reason(&e, &c.path);
            Done::Read(c.rel, record, Vec::new())
        }
    }
}

/// The error's line without the file's name, which the caller gives.
fn reason(e: &LoadError, path: &Path) -> String {
    if let LoadError::Pdf(_, pdf) = e {
        return pdf.to_string();
    }
    let line = e.to_string();
    let prefix = format!("{}: ", path.display());
    line.strip_prefix(&prefix).unwrap_or(&line).to_string()
}

/// "indexing [=====     ] 12/66": on stderr, over itself.
struct Bar;

impl Bar {
    fn new() -> Bar {
        Bar
    }

    fn step(&mut self, step: &Step) {
        let total = step.total.max(step.done).max(1);
        let filled = step.done * 30 / total;
        let _ = write!(
            std::io::stderr(),
            "\rindexing the shelf [{}{}] {}/{}",
            "=".repeat(filled),
            " ".repeat(30 - filled),
            step.done,
            total
        );
    }

    fn clear(&mut self) {
        let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(60));
    }
}
