//! The shelf: every report in a folder, searched by paragraph.
//!
//! `report-reader --search QUERY DIR` walks DIR (`walk`), brings an index
//! of it up to date (`update`: only what changed is read again), in the
//! cache directory (`index`), and prints the units that answer the query
//! best first (`query`, `hits`). An index entry is one citable unit of a
//! report (`units`), its words folded as the search inside a report folds
//! them, a UN symbol one word (`tokens`).

pub mod catalogue;
pub mod hits;
pub mod index;
pub mod query;
pub mod schema;
pub mod tokens;
pub mod units;
pub mod update;
pub mod walk;

use std::path::{Path, PathBuf};

use tantivy::ReloadPolicy;

pub use hits::Hit;
pub use index::{CACHE_DIR_ENV, Shelf, cache_dir, shelf_dir};
pub use update::Outcome;

/// How `--search` was asked.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub json: bool,
    pub limit: usize,
    pub cache_dir: Option<PathBuf>,
    /// Where the notes are, for `has:notes`.
    pub config_dir: Option<PathBuf>,
    /// A progress bar while indexing, when stderr is a terminal.
    pub progress: bool,
}

/// What `--search` prints, and its exit status.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    /// One line each, for stderr.
    pub messages: Vec<String>,
    pub status: u8,
}

fn fail(messages: Vec<String>, line: String, status: u8) -> Output {
    let mut messages = messages;
    messages.push(line);
    Output {
        stdout: String::new(),
        messages,
        status,
    }
}

/// `report-reader --search QUERY DIR`.
pub fn run(query: &str, dir: &Path, options: &Options) -> Output {
    let mut messages = Vec::new();
    if options.limit == 0 {
        return fail(messages, "--limit 0: give at least 1".into(), 2);
    }
    let root = match checked_folder(dir) {
        Ok(root) => root,
        Err(line) => return fail(messages, line, 2),
    };
    let Some(cache) = cache_dir(options.cache_dir.clone()) else {
        let line = format!(
            "no cache directory for the shelf's index: give --cache-dir DIR or set {CACHE_DIR_ENV}"
        );
        return fail(messages, line, 2);
    };
    let mut shelf = match Shelf::open(&shelf_dir(&cache, &root), &mut messages) {
        Ok(shelf) => shelf,
        Err(line) => return fail(messages, line, 2),
    };
    let found = match guarded(|| search_shelf(&mut shelf, &root, query, options)) {
        Err(Problem::Query(line)) => return fail(messages, line, 2),
        Err(Problem::Index(e)) if shelf.writer.is_some() => {
            let e = index::brief(&e);
            messages.push(format!("the shelf's index is damaged ({e}): rebuilding it"));
            if let Err(line) = shelf.rebuild() {
                return fail(messages, line, 1);
            }
            guarded(|| search_shelf(&mut shelf, &root, query, options))
        }
        other => other,
    };
    let (outcome, found) = match found {
        Ok(found) => found,
        Err(Problem::Query(line)) => return fail(messages, line, 2),
        Err(Problem::Index(e)) => return fail(messages, format!("the shelf's index: {e}"), 1),
    };
    for (rel, reason) in &outcome.failed {
        messages.push(format!("{}: {reason}", dir.join(rel).display()));
    }
    let shown = |hit: &Hit| dir.join(&hit.file).display().to_string();
    let stdout = if options.json {
        let all: Vec<_> = found.iter().map(|h| hits::to_json(h, &shown(h))).collect();
        format!("{:#}\n", serde_json::Value::Array(all))
    } else {
        found.iter().map(|h| hits::line(h) + "\n").collect()
    };
    if found.is_empty() && !options.json {
        messages.push(format!("nothing on the shelf answers {query:?}"));
    }
    Output {
        stdout,
        messages,
        status: 0,
    }
}

/// The folder, made absolute, or the line that says why not.
pub fn checked_folder(dir: &Path) -> Result<PathBuf, String> {
    let root = std::fs::canonicalize(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such folder", dir.display()),
        _ => format!("{}: cannot read the folder: {e}", dir.display()),
    })?;
    if !root.is_dir() {
        return Err(format!(
            "{}: not a folder (--search takes a folder of reports)",
            dir.display()
        ));
    }
    std::fs::read_dir(&root)
        .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
    Ok(root)
}

enum Problem {
    /// The query is at fault: said, and nothing rebuilt.
    Query(String),
    /// The index is.
    Index(String),
}

/// Updates the index, then runs the query on it.
fn search_shelf(
    shelf: &mut Shelf,
    root: &Path,
    query: &str,
    options: &Options,
) -> Result<(Outcome, Vec<Hit>), Problem> {
    let outcome = update::update(shelf, root, options.progress).map_err(Problem::Index)?;
    let reader = shelf
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| Problem::Index(e.to_string()))?;
    let searcher = reader.searcher();
    let config = options.config_dir.clone();
    let notes = move || noted_reports(config.clone());
    let parsed = query::parse(query, &shelf.fields, &searcher, &notes).map_err(Problem::Query)?;
    let found = hits::search(&searcher, &shelf.fields, &parsed, options.limit)
        .map_err(|e| Problem::Index(e.to_string()))?;
    Ok((outcome, found))
}

/// The fingerprints of the reports with notes, read from the notes file
/// without changing it.
pub fn noted_reports(config: Option<PathBuf>) -> Result<Vec<String>, String> {
    let Some(dir) = crate::config::config_dir(config) else {
        return Ok(Vec::new());
    };
    let notes = crate::notes::store::read_only(&dir)?;
    Ok(notes
        .documents
        .keys()
        .filter(|f| notes.live_notes(f).next().is_some())
        .cloned()
        .collect())
}

/// Runs `f`, a panic in it (a damaged index can make the index library
/// panic) taken as a damaged index, and not printed.
fn guarded<T>(f: impl FnOnce() -> Result<T, Problem>) -> Result<T, Problem> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| Err(Problem::Index("the index library failed on it".into())))
}
