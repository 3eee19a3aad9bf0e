//! Where a shelf's index lives and how it is opened: one index per folder,
//! in the cache directory, under a hash of the folder's path. One copy of
//! the program at a time updates it (a lock beside it); another one only
//! reads it. An index of another version, or one that cannot be read, is
//! rebuilt, and said so.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::directory::{DirectoryLock, Lock, MmapDirectory};
use tantivy::{Directory, Index, IndexWriter, TantivyDocument};

use super::schema::{Fields, SCHEMA_VERSION, schema};
use super::tokens::{TOKENIZER, analyzer};

/// Environment variable that replaces the cache directory.
pub const CACHE_DIR_ENV: &str = "REPORT_READER_CACHE_DIR";

/// `--cache-dir` wins, then `REPORT_READER_CACHE_DIR` (empty counts as
/// unset), then the platform's cache directory.
pub fn cache_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir);
    }
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "report-reader", "report-reader")
        .map(|d| d.cache_dir().to_path_buf())
}

/// The folder that keeps the index of the shelf at `root` (canonical).
pub fn shelf_dir(cache: &Path, root: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(root.as_os_str().as_encoded_bytes());
    let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    cache.join("shelves").join(key)
}

/// An open index, with its writer when this copy may update it.
pub struct Shelf {
    pub index: Index,
    pub fields: Fields,
    pub writer: Option<IndexWriter<TantivyDocument>>,
    /// Held while this copy may change the index.
    lock: Option<DirectoryLock>,
    dir: PathBuf,
}

const VERSION_FILE: &str = "version";
const LOCK_FILE: &str = "shelf.lock";
const INDEX_DIR: &str = "index";

/// Why a shelf's index could not be had.
pub fn failure(dir: &Path, e: impl std::fmt::Display) -> String {
    format!(
        "{}: cannot keep the shelf's index there: {e}",
        dir.display()
    )
}

impl Shelf {
    /// Opens (or makes) the index in `dir`, saying in `messages` what was
    /// rebuilt and why. Read-only when another copy holds it.
    pub fn open(dir: &Path, messages: &mut Vec<String>) -> Result<Shelf, String> {
        fs::create_dir_all(dir).map_err(|e| failure(dir, e))?;
        let locks = MmapDirectory::open(dir).map_err(|e| failure(dir, e))?;
        let lock = locks
            .acquire_lock(&Lock {
                filepath: PathBuf::from(LOCK_FILE),
                is_blocking: false,
            })
            .ok();
        if lock.is_none() {
            messages.push(
                "another report-reader is updating this shelf's index: searching it as it is"
                    .into(),
            );
            let index = open_index(&dir.join(INDEX_DIR)).map_err(|e| {
                format!("the shelf's index cannot be read while another report-reader updates it ({e}); try again when it is done")
            })?;
            return Shelf::with(index, None, None, dir);
        }
        let version = fs::read_to_string(dir.join(VERSION_FILE)).ok();
        let index_dir = dir.join(INDEX_DIR);
        let index = if !index_dir.join("meta.json").exists() {
            None
        } else if version.as_deref().map(str::trim) != Some(&SCHEMA_VERSION.to_string()) {
            messages.push(
                "the shelf's index is from another version of report-reader: rebuilding it".into(),
            );
            None
        } else {
            match open_index(&index_dir) {
                Ok(index) => Some(index),
                Err(e) => {
                    let e = brief(&e);
                    messages.push(format!("the shelf's index is damaged ({e}): rebuilding it"));
                    None
                }
            }
        };
        let index = match index {
            Some(index) => index,
            None => create(dir)?,
        };
        let writer = index
            .writer_with_num_threads(1, 64 << 20)
            .map_err(|e| failure(dir, e))?;
        Shelf::with(index, Some(writer), lock, dir)
    }

    fn with(
        index: Index,
        writer: Option<IndexWriter<TantivyDocument>>,
        lock: Option<DirectoryLock>,
        dir: &Path,
    ) -> Result<Shelf, String> {
        let fields = Fields::of(&index.schema())
            .ok_or_else(|| "the shelf's index lacks fields: rebuild it".to_string())?;
        Ok(Shelf {
            index,
            fields,
            writer,
            lock,
            dir: dir.to_path_buf(),
        })
    }

    /// Throws the index away and starts an empty one (this copy must hold
    /// the lock): for an index found damaged once open.
    pub fn rebuild(&mut self) -> Result<(), String> {
        if self.lock.is_none() {
            return Err("the shelf's index is damaged and another report-reader holds it".into());
        }
        self.writer = None;
        self.index = create(&self.dir)?;
        self.fields = Fields::of(&self.index.schema()).ok_or("no fields")?;
        let writer = self
            .index
            .writer_with_num_threads(1, 64 << 20)
            .map_err(|e| failure(&self.dir, e))?;
        self.writer = Some(writer);
        Ok(())
    }
}

/// An error of the index library in one short line.
pub fn brief(e: &str) -> String {
    let line = e.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(120) {
        Some((k, _)) => format!("{}…", &line[..k]),
        None => line.to_string(),
    }
}

/// Opens an index, its schema ours, its tokenizer registered.
fn open_index(dir: &Path) -> Result<Index, String> {
    let directory = MmapDirectory::open(dir).map_err(|e| e.to_string())?;
    let index = Index::open(directory).map_err(|e| e.to_string())?;
    if index.schema() != schema() {
        return Err("its fields are not this version's".into());
    }
    index.tokenizers().register(TOKENIZER, analyzer());
    Ok(index)
}

/// A new, empty index in `dir`, whatever was there before.
fn create(dir: &Path) -> Result<Index, String> {
    let index_dir = dir.join(INDEX_DIR);
    if index_dir.exists() {
        fs::remove_dir_all(&index_dir).map_err(|e| failure(&index_dir, e))?;
    }
    fs::create_dir_all(&index_dir).map_err(|e| failure(&index_dir, e))?;
    let index = Index::create_in_dir(&index_dir, schema()).map_err(|e| failure(&index_dir, e))?;
    index.tokenizers().register(TOKENIZER, analyzer());
    fs::write(dir.join(VERSION_FILE), format!("{SCHEMA_VERSION}\n"))
        .map_err(|e| failure(dir, e))?;
    Ok(index)
}
