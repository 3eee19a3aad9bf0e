//! Reading state in `state.json`: per document fingerprint, where the
//! reader was, which parts are folded in the contents pane, and marks.
//! Same care as the notes: corrupt files are moved aside, writes are atomic.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::{StoreError, StoreMessage};
use super::fsio::{self, Disk};

pub const STATE_FILE: &str = "state.json";

/// The schema of `state.json`, apart from the notes file's.
pub const STATE_SCHEMA_VERSION: u64 = 1;

fn schema_one() -> u64 {
    STATE_SCHEMA_VERSION
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    #[serde(default = "schema_one")]
    pub schema_version: u64,
    /// Keyed by `Document::fingerprint()`.
    #[serde(default)]
    pub documents: BTreeMap<String, DocumentState>,
    /// What was typed at `/` and `:`, for every report. An older reader
    /// keeps this key as one it does not know.
    #[serde(default, skip_serializing_if = "PromptHistory::is_empty")]
    pub history: PromptHistory,
    /// The reports opened, last read first (at most `RECENT_REPORTS`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recent: Vec<RecentReport>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Earlier entries of the prompts, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptHistory {
    #[serde(default)]
    pub search: Vec<String>,
    #[serde(default)]
    pub goto: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PromptHistory {
    pub fn is_empty(&self) -> bool {
        self.search.is_empty() && self.goto.is_empty() && self.extra.is_empty()
    }
}

impl Default for ReadingState {
    fn default() -> Self {
        ReadingState {
            schema_version: STATE_SCHEMA_VERSION,
            documents: BTreeMap::new(),
            history: PromptHistory::default(),
            recent: Vec::new(),
            extra: Map::new(),
        }
    }
}

/// Where one document was left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentState {
    /// The paragraph number at the top of the view.
    #[serde(default)]
    pub paragraph: Option<u32>,
    /// Line within that paragraph.
    #[serde(default)]
    pub offset: u32,
    /// Folded parts in the contents pane, by numeral ("II").
    #[serde(default)]
    pub folded: Vec<String>,
    /// Mark letter → paragraph number.
    #[serde(default)]
    pub marks: BTreeMap<char, u32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Most reports the recent list keeps.
pub const RECENT_REPORTS: usize = 200;

/// A report opened before, for the list of recent reports (`R`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentReport {
    /// The file, absolute.
    pub path: String,
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fingerprint: String,
    /// When it was last read, in seconds since 1970.
    #[serde(default)]
    pub read: u64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `report` first in `recent`, once, the list kept to `RECENT_REPORTS`.
pub fn remember(recent: &mut Vec<RecentReport>, report: RecentReport) {
    recent.retain(|r| r.path != report.path);
    recent.insert(0, report);
    recent.truncate(RECENT_REPORTS);
}

impl ReadingState {
    /// The state of one document, created empty when new.
    pub fn document_mut(&mut self, fingerprint: &str) -> &mut DocumentState {
        self.documents.entry(fingerprint.to_string()).or_default()
    }
}

/// Loads `state.json` from `dir`. Missing → empty. Unreadable JSON is moved
/// aside (the message says where) and the state starts empty.
pub fn load(dir: &Path) -> (ReadingState, Option<StoreMessage>) {
    let path = dir.join(STATE_FILE);
    let _lock = if dir.is_dir() {
        fsio::lock(&path).ok()
    } else {
        None
    };
    match fsio::read_disk(&path, fsio::MAX_FILE_BYTES, salvage) {
        Disk::Missing => (ReadingState::default(), None),
        Disk::Read(state) => (state, None),
        Disk::Salvaged { value, message } => (value, Some(message)),
        Disk::Newer { version, value } => {
            (value, Some(StoreMessage::NewerSchema { path, version }))
        }
        Disk::Blocked(message) => (ReadingState::default(), Some(message)),
    }
}

/// Saves `state` into `dir`: under the lock, documents on disk that `state`
/// does not hold (written by another copy) are kept; those it holds are
/// replaced. A newer or unreadable file is not written.
pub fn save(dir: &Path, state: &ReadingState) -> Result<Option<StoreMessage>, StoreError> {
    let path = dir.join(STATE_FILE);
    fsio::ensure_dir(dir)?;
    let _lock = fsio::lock(&path)?;
    let (mut merged, message) = match fsio::read_disk(&path, fsio::MAX_FILE_BYTES, salvage) {
        Disk::Missing => (ReadingState::default(), None),
        Disk::Read(disk) => (disk, None),
        Disk::Salvaged { value, message } => (value, Some(message)),
        Disk::Newer { version, .. } => return Err(StoreError::NewerSchema { path, version }),
        Disk::Blocked(message) => {
            return Err(StoreError::Blocked {
                reason: message.to_string(),
                path,
            });
        }
    };
    for (key, doc) in &state.documents {
        merged.documents.insert(key.clone(), doc.clone());
    }
    for (key, value) in &state.extra {
        merged.extra.insert(key.clone(), value.clone());
    }
    // This copy's history holds what it read at start and typed since.
    if !state.history.is_empty() {
        merged.history = state.history.clone();
    }
    // Likewise the recent reports: what it read at start, and opened since.
    if !state.recent.is_empty() {
        merged.recent = state.recent.clone();
    }
    let bytes = fsio::to_json(&path, &merged)?;
    fsio::write_atomic(&path, &bytes)?;
    Ok(message)
}

/// Every document entry that still reads on its own.
fn salvage(json: &Value) -> (ReadingState, usize) {
    let mut out = ReadingState::default();
    if let Some(history) = json.get("history")
        && let Ok(history) = PromptHistory::deserialize(history)
    {
        out.history = history;
    }
    if let Some(recent) = json.get("recent").and_then(Value::as_array) {
        out.recent = recent
            .iter()
            .filter_map(|r| RecentReport::deserialize(r).ok())
            .collect();
    }
    let Some(documents) = json.get("documents").and_then(Value::as_object) else {
        return (out, 0);
    };
    for (key, doc) in documents {
        if let Ok(doc) = DocumentState::deserialize(doc) {
            out.documents.insert(key.clone(), doc);
        }
    }
    let kept = out.documents.len();
    (out, kept)
}
