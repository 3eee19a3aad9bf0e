//! Problems reported as values: each displays as one line naming the file,
//! for the status line.

use std::path::PathBuf;

/// Something the user should know about after opening or saving a file.
/// None of these lose data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreMessage {
    #[error("{} could not be read ({reason}); moved aside to {}, {kept} notes recovered", path.display(), moved_to.display())]
    MovedAside {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
        /// Notes that could still be read and are kept.
        kept: usize,
    },
    #[error("{} could not be read ({reason}) nor moved aside ({error}); it will not be written", path.display())]
    CorruptKept {
        path: PathBuf,
        reason: String,
        error: String,
    },
    #[error("{} has schema version {version}, newer than this program's {}; read-only, nothing will be saved", path.display(), super::SCHEMA_VERSION)]
    NewerSchema { path: PathBuf, version: u64 },
    #[error("{} cannot be read ({error}); it will not be written until it can", path.display())]
    Unreadable { path: PathBuf, error: String },
    #[error("a damaged notes file was set aside earlier: {} ({count} in all); what could not be recovered from it is there", newest.display())]
    SetAsideEarlier { newest: PathBuf, count: usize },
    #[error("the note on {place} was deleted in another copy of report-reader; your edit keeps it")]
    EditBeatDeletion { place: String },
    #[error(
        "the note on {place} was changed in another copy of report-reader; it is kept, not deleted"
    )]
    DeletionUndone { place: String },
    #[error(
        "the note on {place} was changed in another copy of report-reader too: 2 versions, kept both"
    )]
    KeptBoth { place: String },
    #[error("{} had {notes} notes sharing an id with another; each now has its own", path.display())]
    DuplicateIds { path: PathBuf, notes: usize },
}

/// Why a change or a save did not reach the disk. The change stays in memory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is read-only: schema version {version} is newer than {}", path.display(), super::SCHEMA_VERSION)]
    NewerSchema { path: PathBuf, version: u64 },
    #[error("{} is not written: {reason}", path.display())]
    Blocked { path: PathBuf, reason: String },
    #[error("cannot create directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is a symbolic link; report-reader does not follow a link to lock its notes: remove it", path.display())]
    LockIsLink { path: PathBuf },
    #[error("another report-reader has held the lock on {} for seconds; not saved yet", path.display())]
    Locked { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} would be {}, more than the {} report-reader reads back; nothing was written", path.display(), crate::files::size(*size), crate::files::size(*cap))]
    TooLarge { path: PathBuf, size: u64, cap: u64 },
    #[error("cannot serialize {}: {source}", path.display())]
    Serialize {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("no note {id} in {}", path.display())]
    NoSuchNote { path: PathBuf, id: String },
    #[error("no such place in the document for a note in {}", path.display())]
    NoSuchTarget { path: PathBuf },
}
