//! A PDF → typed blocks, from where its text sits and how it is set.
//!
//! The text of each page comes from pdf_oxide as spans with a box, a size
//! and a weight. `lines` groups them into lines; `furniture` drops running
//! headers and footers; `reading` decides paragraphs, headings, note calls,
//! notes and tables by position, size and weight; `blocks` hands them to
//! the builder as typed blocks, so that nothing is guessed twice.

mod bidi;
mod blocks;
mod front;
mod furniture;
mod headings;
mod lines;
mod notes;
mod reading;
pub mod sandbox;
mod tables;
mod text;
mod text_notes;
mod text_row;
mod writer;

use lines::{Fragment, Page};

/// Pages beyond this are not read: no report is that long.
const MAX_PAGES: usize = 5_000;
/// Spans on one page beyond this are a bomb, not a report.
const MAX_SPANS_PER_PAGE: usize = 100_000;

#[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PdfError {
    #[error("the PDF is encrypted; open an unprotected copy")]
    Encrypted,
    #[error("this PDF has no text layer; run OCR on it first")]
    NoText,
    #[error("its pages hold no text and no scanned image")]
    Blank,
    #[error("not a readable PDF ({0})")]
    Damaged(String),
    #[error("the PDF has more than {MAX_PAGES} pages")]
    TooManyPages,
    /// The child process reading it was stopped at a limit, or crashed.
    #[error("too large or malformed to read ({0})")]
    Stopped(String),
    #[error("cannot start the process that reads PDFs ({0})")]
    NoChild(String),
}

/// One page's text pieces as the PDF library gave them, before grouping:
/// what the child process hands back to the reader.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct RawPage {
    pub width: f32,
    pub height: f32,
    pub pieces: Vec<Fragment>,
}

/// What the PDF reader made: the document's text, its typed blocks, and
/// what it knows beside them.
pub(crate) struct PdfText {
    pub source: String,
    pub blocks: Vec<crate::document::block::Block>,
    /// The symbol of the running headers ("A/HRC/59/15").
    pub symbol: Option<String>,
    /// The number printed on each page, where the pages are numbered.
    pub printed_pages: Vec<Option<u32>>,
    /// What the reading could not settle, naming pages.
    pub warnings: Vec<String>,
}

pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// Reads a PDF's text with its positions, as typed blocks.
pub(crate) fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let raw = match sandbox::child_exe() {
        Some(exe) => sandbox::extract(bytes, exe)?,
        None => extract(bytes)?,
    };
    let pages: Vec<Page> = raw
        .into_iter()
        .map(|p| Page {
            width: p.width,
            height: p.height,
            lines: lines::group(p.pieces),
        })
        .collect();
    if pages.iter().all(|p| p.lines.is_empty()) {
        // A scan ends as a PDF does; a file cut short lost its pages' text.
        let tail = &bytes[bytes.len().saturating_sub(2048)..];
        if memchr::memmem::find(tail, b"%%EOF").is_none() {
            return Err(PdfError::Damaged("cut short: no %%EOF at its end".into()));
        }
        // A page of spaces (a flate bomb of them) is no scan: OCR finds
        // nothing where no image is drawn.
        if !has_image(bytes) {
            return Err(PdfError::Blank);
        }
        return Err(PdfError::NoText);
    }
    let mut pages = pages;
    let running = furniture::strip(&mut pages);
    let (written, warnings) = reading::write(&pages);
    let (source, blocks) = blocks::typed(written);
    Ok(PdfText {
        source,
        blocks,
        symbol: running.symbol,
        printed_pages: running.printed,
        warnings,
    })
}

/// Whether the file has an image XObject (`/Subtype /Image`). Its
/// dictionary is always in the file's bytes as they stand: a stream is never
/// kept in a compressed object stream. `/ImageB` and `/ImageMask` are not it.
fn has_image(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"/Image").any(|at| {
        bytes
            .get(at + b"/Image".len())
            .is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// Reads text that `pdftotext` made of a PDF the same way, its pages laid
/// out from the text's lines and columns.
pub(crate) fn read_text(text: &str) -> PdfText {
    let mut pages = text::pages(text);
    let running = furniture::strip(&mut pages);
    let (written, warnings) = reading::write(&pages);
    let (source, blocks) = blocks::typed(written);
    PdfText {
        source,
        blocks,
        symbol: running.symbol,
        printed_pages: running.printed,
        warnings,
    }
}

/// Runs `f`, turning a panic inside the PDF library into `None` without
/// printing it: a damaged file gets a one-line message, never a backtrace.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = std::panic::catch_unwind(f).ok();
    std::panic::set_hook(hook);
    out
}

/// The pages' pieces, read in this process; a panic in the library is a
/// damaged file.
pub(crate) fn extract(bytes: &[u8]) -> Result<Vec<RawPage>, PdfError> {
    let mut pages = Vec::new();
    extract_each(bytes, |page| pages.push(page))?;
    Ok(pages)
}

/// As `extract`, handing each page on as soon as it is read.
pub(crate) fn extract_each(bytes: &[u8], mut each: impl FnMut(RawPage)) -> Result<(), PdfError> {
    quietly(std::panic::AssertUnwindSafe(|| pieces(bytes, &mut each)))
        .unwrap_or_else(|| Err(PdfError::Damaged("the PDF reader failed on it".into())))
}

fn pieces(bytes: &[u8], each: &mut dyn FnMut(RawPage)) -> Result<(), PdfError> {
    let damaged = |e: pdf_oxide::error::Error| PdfError::Damaged(first_line(&e.to_string()));
    let doc =
        pdf_oxide::document::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| match e {
            pdf_oxide::error::Error::EncryptedPdf => PdfError::Encrypted,
            e => damaged(e),
        })?;
    if doc.is_encrypted() && doc.authenticate(b"").map_or(true, |ok| !ok) {
        return Err(PdfError::Encrypted);
    }
    let count = doc.page_count().map_err(damaged)?;
    if count > MAX_PAGES {
        return Err(PdfError::TooManyPages);
    }
    let mut any_text = false;
    let mut failed = None;
    for index in 0..count {
        let spans = match doc.extract_spans(index) {
            Ok(spans) => spans,
            Err(pdf_oxide::error::Error::EncryptedPdf) => return Err(PdfError::Encrypted),
            // One bad page does not lose the others.
            Err(e) => {
                failed.get_or_insert(e);
                Vec::new()
            }
        };
        let (_, _, width, height) = doc
            .get_page_media_box(index)
            .unwrap_or((0.0, 0.0, 612.0, 792.0));
        let pieces: Vec<Fragment> = spans
            .into_iter()
            .take(MAX_SPANS_PER_PAGE)
            .filter(|s| !s.text.trim().is_empty() && s.font_size > 0.0)
            .map(|s| Fragment {
                x0: s.bbox.x,
                x1: s.bbox.x + s.bbox.width,
                bottom: s.bbox.y,
                top: s.bbox.y + s.bbox.height.max(s.font_size * 0.5),
                size: s.font_size,
                bold: s.font_weight.is_bold(),
                italic: s.is_italic,
                text: bidi::logical(&s.text).replace(['\u{a0}', '\t'], " "),
            })
            // A span that was only a byte-order mark is nothing.
            .filter(|p| !p.text.trim().is_empty())
            .collect();
        any_text |= !pieces.is_empty();
        each(RawPage {
            width,
            height,
            pieces,
        });
    }
    // The child's last line waits on nothing: its exit frees the document.
    if sandbox::in_child() {
        std::mem::forget(doc);
    }
    // Pages that could not be read are a damaged file, not a scan.
    match failed {
        Some(e) if !any_text => Err(damaged(e)),
        _ => Ok(()),
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    line.chars().take(120).collect()
}
