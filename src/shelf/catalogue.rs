//! The shelf as the reader lists it: one entry per report, from the
//! records the index keeps of its files (nothing parsed again), and a
//! query run on the index as it stands.

use std::path::{Path, PathBuf};

use tantivy::{Index, ReloadPolicy};

use super::hits::{self, Hit};
use super::index::{Shelf, cache_dir, shelf_dir};
use super::query;
use super::schema::{Fields, Record, Status};
use super::units::Card;
use super::update;

/// A report on the shelf, or a file that should be one and could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the shelf, with `/` between folders.
    pub rel: String,
    pub path: PathBuf,
    /// None when it could not be read.
    pub card: Option<Card>,
    /// Why it could not be read, in one line (empty when it was).
    pub reason: String,
}

impl Entry {
    /// The entry of a file the index has seen; None for a file that is no
    /// report (left out quietly, as `--search` leaves it).
    pub fn of(root: &Path, rel: &str, record: &Record) -> Option<Entry> {
        let card = match record.status {
            Status::Skipped => return None,
            Status::Failed => None,
            // An index written before cards were kept is rebuilt, so a read
            // file without one is rare; listed by its name.
            Status::Read => record.card.clone(),
        };
        Some(Entry {
            rel: rel.to_string(),
            path: root.join(rel),
            card,
            reason: record.reason.clone(),
        })
    }
}

/// The shelf's folder (made absolute) and its index, opened for updating
/// where no other copy of the program holds it; what was rebuilt and why
/// is added to `messages`.
pub fn open(
    dir: &Path,
    cache: Option<PathBuf>,
    messages: &mut Vec<String>,
) -> Result<(PathBuf, Shelf), String> {
    let root = super::checked_folder(dir)?;
    let cache = cache_dir(cache).ok_or_else(|| {
        format!(
            "no cache directory for the shelf's index: give --cache-dir DIR or set {}",
            super::CACHE_DIR_ENV
        )
    })?;
    let shelf = Shelf::open(&shelf_dir(&cache, &root), messages)?;
    Ok((root, shelf))
}

/// Every entry the index holds now, in name order.
pub fn entries(root: &Path, index: &Index, fields: &Fields) -> Result<Vec<Entry>, String> {
    let records = update::records(index, fields).map_err(|e| e.to_string())?;
    let mut out: Vec<Entry> = records
        .iter()
        .filter_map(|(rel, record)| Entry::of(root, rel, record))
        .collect();
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// The best `limit` units for `query` in what the index holds now (a
/// report still being read is found once its part is committed).
pub fn search(
    index: &Index,
    fields: &Fields,
    query: &str,
    limit: usize,
    config: Option<PathBuf>,
) -> Result<Vec<Hit>, String> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let searcher = reader.searcher();
    let notes = move || super::noted_reports(config.clone());
    let parsed = query::parse(query, fields, &searcher, &notes)?;
    hits::search(&searcher, fields, &parsed, limit).map_err(|e| e.to_string())
}
