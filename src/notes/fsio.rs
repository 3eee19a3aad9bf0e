//! The careful file handling shared by `annotations.json` and `state.json`:
//! read tolerating a BOM, move an unreadable file aside instead of
//! overwriting it, lock a separate lock file, write atomically.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{StoreError, StoreMessage};

/// What was found on disk, read under the lock.
pub(crate) enum Disk<T> {
    Missing,
    Read(T),
    /// The file could not be read as `T`; it was moved aside and what could
    /// be recovered from it is here.
    Salvaged {
        value: T,
        message: StoreMessage,
    },
    /// A newer schema: read (as far as it can be) but never to be written.
    Newer {
        version: u64,
        value: T,
    },
    /// The file is there but must not be written: unreadable, or corrupt
    /// and could not be moved aside.
    Blocked(StoreMessage),
}

/// Reads `path`. `salvage` recovers what it can from JSON of the wrong shape
/// and says how many records it kept.
pub(crate) fn read_disk<T: DeserializeOwned + Default>(
    path: &Path,
    salvage: impl Fn(&Value) -> (T, usize),
) -> Disk<T> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // No directory yet, or a plain file where it should be: nothing to protect.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Disk::Missing;
        }
        Err(e) => {
            return Disk::Blocked(StoreMessage::Unreadable {
                path: path.to_path_buf(),
                error: e.to_string(),
            });
        }
    };
    let (reason, value, kept) = match decode::<T>(&bytes) {
        Decoded::Ok(v) => return Disk::Read(v),
        Decoded::Newer(version, json) => {
            let value = T::deserialize(&json).unwrap_or_else(|_| salvage(&json).0);
            return Disk::Newer { version, value };
        }
        Decoded::NotJson(reason) => (reason, T::default(), 0),
        Decoded::WrongShape(reason, json) => {
            let (value, kept) = salvage(&json);
            (reason, value, kept)
        }
    };
    match move_aside(path) {
        Ok(moved_to) => Disk::Salvaged {
            value,
            message: StoreMessage::MovedAside {
                path: path.to_path_buf(),
                moved_to,
                reason,
                kept,
            },
        },
        Err(e) => Disk::Blocked(StoreMessage::CorruptKept {
            path: path.to_path_buf(),
            reason,
            error: e.to_string(),
        }),
    }
}

enum Decoded<T> {
    Ok(T),
    Newer(u64, Value),
    NotJson(String),
    WrongShape(String, Value),
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Decoded<T> {
    // A BOM is what some editors add; it is not damage.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let json: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Decoded::NotJson(one_line(&e.to_string())),
    };
    // Checked before the shape: a newer schema may have changed the shape.
    if let Some(version) = json.get("schema_version").and_then(Value::as_u64)
        && version > super::SCHEMA_VERSION
    {
        return Decoded::Newer(version, json);
    }
    match T::deserialize(&json) {
        Ok(v) => Decoded::Ok(v),
        Err(e) => Decoded::WrongShape(one_line(&e.to_string()), json),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renames `path` to `<path>.corrupt-<UTC time>`, never replacing a file.
pub(crate) fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = super::now()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "unknown".into());
    let base = format!("{}.corrupt-{stamp}", path.display());
    for n in 1..10_000 {
        let candidate = if n == 1 {
            PathBuf::from(&base)
        } else {
            PathBuf::from(format!("{base}-{n}"))
        };
        // Callers hold the lock, so no other copy of the program races us here.
        if std::fs::symlink_metadata(&candidate).is_err() {
            std::fs::rename(path, &candidate)?;
            return Ok(candidate);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many files moved aside",
    ))
}

/// Creates the directory (0700 on unix) if it is not there.
pub(crate) fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| StoreError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })
}

/// An exclusive lock on `<path>.lock`, released when the file is dropped.
pub(crate) fn lock(path: &Path) -> Result<File, StoreError> {
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let err = |source| StoreError::Lock {
        path: lock_path.clone(),
        source,
    };
    let file = options.open(&lock_path).map_err(err)?;
    file.lock().map_err(err)?;
    Ok(file)
}

/// Writes through a temporary file in the same directory, fsyncs it,
/// renames it over `path` and fsyncs the directory. A new file is 0600.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    #[cfg_attr(not(unix), expect(unused_mut, reason = "only Unix sets a mode"))]
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(err)?;
    file.write_all(bytes).map_err(err)?;
    file.commit().map_err(err)
}

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| StoreError::Serialize {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}
