//! The files of a shelf: every PDF and text file under a folder, found one
//! at a time (a folder of 100,000 files is never held whole beyond its
//! names), in name order. A folder reached again through a symbolic link is
//! not entered twice, so a link loop ends; hidden files and folders are
//! left out.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// A file that may be a report.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative to the shelf, with `/` between folders.
    pub rel: String,
    pub size: u64,
    /// Modified, in nanoseconds since 1970 (0 where unknown).
    pub mtime: u64,
}

/// Whether the name says PDF or text.
pub fn is_candidate(name: &Path) -> bool {
    let ext = name.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["pdf", "txt", "text"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

pub fn is_pdf_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// The identity of a folder, to enter each once.
#[cfg(unix)]
fn identity(meta: &fs::Metadata, _path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata, path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn mtime(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(u64::MAX as u128) as u64)
}

/// Calls `each` with every candidate under `root`, depth first in name
/// order. Only `root` itself failing to be read is an error; a folder
/// inside it that cannot be read is passed over.
pub fn walk(root: &Path, mut each: impl FnMut(Candidate)) -> io::Result<()> {
    let meta = fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"));
    }
    let mut seen = std::collections::HashSet::new();
    seen.insert(identity(&meta, root));
    // Each level: its folder's names still to visit (reversed, popped in
    // order), and the folder's path relative to the root.
    let mut stack: Vec<(Vec<OsString>, PathBuf)> = vec![(sorted_names(root)?, PathBuf::new())];
    while let Some((names, rel_dir)) = stack.last_mut() {
        let Some(name) = names.pop() else {
            stack.pop();
            continue;
        };
        let rel_dir = rel_dir.clone();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = rel_dir.join(&name);
        let path = root.join(&rel);
        // Follows links: a link to a report is read, to a folder entered.
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if seen.insert(identity(&meta, &path))
                && let Ok(inner) = sorted_names(&path)
            {
                stack.push((inner, rel));
            }
        } else if meta.is_file() && is_candidate(&path) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            each(Candidate {
                path,
                rel,
                size: meta.len(),
                mtime: mtime(&meta),
            });
        }
    }
    Ok(())
}

/// A folder's names, last first.
fn sorted_names(dir: &Path) -> io::Result<Vec<OsString>> {
    let mut names: Vec<OsString> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort_unstable_by(|a, b| b.cmp(a));
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_loop_is_entered_once_and_only_reports_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::write(root.join("a/b/r.pdf"), b"%PDF-").unwrap();
        fs::write(root.join("a/x.txt"), b"text").unwrap();
        fs::write(root.join("a/x.json"), b"{}").unwrap();
        fs::write(root.join(".hidden.txt"), b"text").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a"), root.join("a/b/loop")).unwrap();
        let mut found = Vec::new();
        walk(root, |c| found.push(c.rel)).unwrap();
        assert_eq!(found, ["a/b/r.pdf", "a/x.txt"]);
        assert!(walk(&root.join("a/x.txt"), |_| {}).is_err());
    }
}
