//! Reading a file the user named or keeps: only a regular file, and never
//! more than a cap, so a FIFO cannot hang the reader and `/dev/zero` cannot
//! eat its memory.

use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not a file")]
    Directory,
    #[error("is not a regular file (a FIFO, a device or a socket); not read")]
    NotRegular,
    #[error("larger than {}, not read", size(*.0))]
    TooLarge(u64),
    #[error("cannot read: {0}")]
    Io(io::Error),
}

impl ReadError {
    /// Whether the file is simply not there (or a parent is not a directory).
    pub fn is_missing(&self) -> bool {
        match self {
            ReadError::NotFound => true,
            ReadError::Io(e) => e.kind() == io::ErrorKind::NotADirectory,
            _ => false,
        }
    }
}

/// A size as people read it: "512 MiB", "64 KiB".
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b => format!("{} KiB", b >> 10),
    }
}

/// Reads all of `path` if it is a regular file of at most `cap` bytes. A
/// file that grows while it is read is cut at its length when opened (and
/// at the cap), never read on without end.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(cap));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // What was swapped in between the look and the open is looked at again.
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular);
    }
    let limit = opened.len().min(cap);
    let mut bytes = Vec::with_capacity(limit as usize);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}
