//! The careful file handling shared by `annotations.json` and `state.json`:
//! read tolerating a BOM, move an unreadable file aside instead of
//! overwriting it, lock a separate lock file, write atomically.

use std::fs::{File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// The largest notes or state file the program reads, and so the largest it
/// writes: a file it could not read back would lock every note away.
pub(crate) const MAX_FILE_BYTES: u64 = 512 << 20;

/// Reads `path`, refusing one larger than `cap`. `salvage` recovers what it
/// can from JSON of the wrong shape and says how many records it kept.
pub(crate) fn read_disk<T: DeserializeOwned + Default>(
    path: &Path,
    cap: u64,
    salvage: impl Fn(&Value) -> (T, usize),
) -> Disk<T> {
    let bytes = match crate::files::read_capped(path, cap) {
        Ok(bytes) => bytes,
        // No directory yet, or a plain file where it should be: nothing to protect.
        Err(e) if e.is_missing() => return Disk::Missing,
        // Not a file, or too large to be one of ours: never read, never written.
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

/// Reads `path` and changes nothing, whatever it holds: for exports. A
/// missing file is `None`; one that cannot be read is an error saying why.
pub(crate) fn read_only<T: DeserializeOwned>(
    path: &Path,
    cap: u64,
    salvage: impl Fn(&Value) -> (T, usize),
) -> Result<Option<T>, String> {
    let bytes = match crate::files::read_capped(path, cap) {
        Ok(bytes) => bytes,
        Err(e) if e.is_missing() => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    match decode::<T>(&bytes) {
        Decoded::Ok(v) => Ok(Some(v)),
        Decoded::Newer(_, json) => Ok(Some(
            T::deserialize(&json).unwrap_or_else(|_| salvage(&json).0),
        )),
        Decoded::NotJson(reason) | Decoded::WrongShape(reason, _) => Err(format!(
            "{} cannot be read ({reason}); it was left as it is",
            path.display()
        )),
    }
}

/// Keeps a copy of a file written by an older schema beside it
/// (`annotations.json.v1`) before it is first written in the new one, so
/// going back to an older program loses nothing. An existing copy stays.
pub(crate) fn keep_older(path: &Path, version: u64) -> Result<(), StoreError> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}"));
    let copy = PathBuf::from(name);
    if copy.exists() || !path.exists() {
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|source| StoreError::Write {
        path: copy.clone(),
        source,
    })?;
    write_atomic(&copy, &bytes)
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
    // A link could make the lock create or hold a file elsewhere.
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
    if is_link(&lock_path) {
        return Err(StoreError::LockIsLink { path: lock_path });
    }
    no_follow(&mut options);
    let file = options.open(&lock_path).map_err(|e| {
        if is_link(&lock_path) {
            StoreError::LockIsLink {
                path: lock_path.clone(),
            }
        } else {
            err(e)
        }
    })?;
    // Another copy holds it while it saves, which takes milliseconds; one
    // that holds it longer is stuck, and this copy must not hang with it.
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(err(e)),
        }
    }
}

/// Opening fails on a symbolic link rather than follow it.
fn no_follow(options: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// How long reading or saving waits for another copy's lock.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Whether another copy holds the lock on `path` now: worth telling the
/// user before waiting for it.
pub(crate) fn lock_is_held(path: &Path) -> bool {
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let mut options = std::fs::OpenOptions::new();
    no_follow(options.write(true));
    options
        .open(lock_path)
        .is_ok_and(|f| matches!(f.try_lock(), Err(TryLockError::WouldBlock)))
}

/// Writes through a temporary file in the same directory, fsyncs it,
/// renames it over `path` and fsyncs the directory. A new file is 0600.
/// When `path` is a symbolic link (a notes file kept in a synced folder),
/// the file it leads to is written, in its own directory, and the link
/// stays. Callers hold the file's lock.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    fits(path, bytes, MAX_FILE_BYTES)?;
    let err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = resolve(path).map_err(err)?;
    // Through a link, another directory's files may have other writers.
    let age = if target == path {
        Duration::ZERO
    } else {
        STALE
    };
    remove_stale_temporaries(&target, age);
    let path = &target;
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

/// Refuses `bytes` for `path` when they are more than `cap`, the most that
/// is read back: writing them would make the file unreadable.
pub(crate) fn fits(path: &Path, bytes: &[u8], cap: u64) -> Result<(), StoreError> {
    if bytes.len() as u64 > cap {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(())
}

/// The file `path` leads to through any symbolic links; `path` itself when
/// it is none. A link to nothing yet leads to the file it names.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // As many links as the kernel follows before it says ELOOP.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_symlink() => {
                let to = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// How old a temporary file in a linked file's directory must be to be
/// taken for one a killed save left: a live save takes well under a second.
const STALE: Duration = Duration::from_secs(60);

/// Removes what saves killed in the middle (kill -9, power cut) left: the
/// temporary files `.<name>.XXXXXX` beside `path`, each as large as the
/// file, at least `age` old. Saves hold the lock, so none has a live writer.
fn remove_stale_temporaries(path: &Path, age: Duration) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(suffix) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let temporary = suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric());
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|old| old >= age)
        });
        if temporary && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
