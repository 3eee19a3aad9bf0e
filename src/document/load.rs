//! File → text → `Document`, with one-line errors that name the file.

use std::path::{Path, PathBuf};

use crate::files::{ReadError, read_capped};

use super::{Document, Warning, parse};

/// Larger files are refused rather than read: the longest real report we
/// measure (194 pages) is about 1 MB of text, or of PDF.
pub const MAX_BYTES: u64 = 64 << 20;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),
    #[error("{}: is a directory, not a report file", .0.display())]
    IsDirectory(PathBuf),
    #[error("{}: not a regular file (a FIFO, a device or a socket); not read", .0.display())]
    NotRegular(PathBuf),
    #[error("{}: cannot read: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
    #[error("{}: the file is empty", .0.display())]
    Empty(PathBuf),
    #[error(
        "{}: larger than {}, far more than a report; not read",
        .0.display(),
        crate::files::size(MAX_BYTES)
    )]
    TooLarge(PathBuf),
    #[error("{}: a binary file, not a report's text", .0.display())]
    Binary(PathBuf),
    #[error("{}: {}", .0.display(), .1)]
    Pdf(PathBuf, super::PdfError),
    #[error(
        "{}: no report structure found (no numbered paragraphs or Roman-numeral parts)",
        .0.display()
    )]
    NoStructure(PathBuf),
}

/// Reads and parses a report file.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let owned = || path.to_path_buf();
    let bytes = read_capped(path, MAX_BYTES).map_err(|e| match e {
        ReadError::NotFound => LoadError::NotFound(owned()),
        ReadError::Directory => LoadError::IsDirectory(owned()),
        ReadError::NotRegular => LoadError::NotRegular(owned()),
        ReadError::TooLarge(_) => LoadError::TooLarge(owned()),
        ReadError::Io(e) => LoadError::Io(owned(), e),
    })?;
    from_bytes(&bytes, path)
}

/// Parses bytes that came from `path` (used for messages only).
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Document, LoadError> {
    let owned = || path.to_path_buf();
    if bytes.len() as u64 > MAX_BYTES {
        return Err(LoadError::TooLarge(owned()));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty(owned()));
    }
    let pdf = starts_as_pdf(bytes);
    let mut doc = if pdf {
        from_pdf(bytes, path)?
    } else {
        from_text(bytes, path)?
    };
    if doc.paragraphs.is_empty() && doc.parts.iter().all(|p| p.numeral.is_empty()) {
        // A letter, a note verbale or a one-paragraph resolution numbers
        // nothing, and is still a UN document: a PDF, or a text that
        // states its symbol, opens as printed. Other text is not a report.
        if !(pdf || doc.header.symbol.is_some()) || !has_text(&doc) {
            return Err(LoadError::NoStructure(owned()));
        }
        doc.warnings
            .retain(|w| !w.message.starts_with("few numbered"));
        doc.warnings.insert(
            0,
            Warning {
                page: 0,
                message: "no numbered paragraphs: the text is shown as printed, and no part of \
                          it can be cited by paragraph number"
                    .into(),
            },
        );
    }
    Ok(doc)
}

/// Whether the model holds any text beyond the masthead.
fn has_text(doc: &Document) -> bool {
    doc.parts.iter().any(|p| !p.preamble.is_empty())
        || doc.sections.iter().any(|s| !s.preamble.is_empty())
        || !doc.tables.is_empty()
}

/// A PDF says so in its very first bytes ("%PDF-"); a text report that
/// quotes the marker further on is text.
fn starts_as_pdf(bytes: &[u8]) -> bool {
    super::pdf::is_pdf(&bytes[..bytes.len().min(b"%PDF-".len())])
}

fn from_text(bytes: &[u8], path: &Path) -> Result<Document, LoadError> {
    if looks_binary(bytes) {
        return Err(LoadError::Binary(path.to_path_buf()));
    }
    let (mut doc, lossy) = match std::str::from_utf8(bytes) {
        Ok(text) => (parse(text), false),
        Err(_) => (parse(&String::from_utf8_lossy(bytes)), true),
    };
    if lossy {
        doc.warnings.insert(
            0,
            Warning {
                page: 0,
                message: "invalid UTF-8 replaced with \u{fffd}".into(),
            },
        );
    }
    Ok(doc)
}

fn from_pdf(bytes: &[u8], path: &Path) -> Result<Document, LoadError> {
    let read = super::pdf::read(bytes).map_err(|e| LoadError::Pdf(path.to_path_buf(), e))?;
    Ok(super::parse::parse_pages(read, "the PDF"))
}

/// Many NUL bytes, or many bytes that are neither text nor UTF-8, in the
/// first 64 KiB. A stray NUL in a report's text does not make it binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls * 1000 > head.len().max(1000) {
        return true;
    }
    let invalid = String::from_utf8_lossy(head)
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    invalid * 10 > head.len().max(1)
}
