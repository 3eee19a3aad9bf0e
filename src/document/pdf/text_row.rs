//! A line of `pdftotext` text as the text reader holds it.

/// A line of `pdftotext` text: its text (leading spaces kept, for its column) and what the
/// reading gives it.
#[derive(Default)]
pub(super) struct TextRow {
    pub text: String,
    /// Blank lines (or a heading's space) above it on its page.
    pub gap: bool,
    pub note: bool,
    pub bold: bool,
    /// A rule (a line of underscores) stood above it, as above a page's notes.
    pub rule: bool,
    /// Set larger, as a part's heading is.
    pub large: bool,
    /// Its place on the page as read, kept while rows are joined or moved.
    pub seq: usize,
    /// Byte ranges of its note calls.
    pub calls: Vec<(usize, usize)>,
}

impl TextRow {
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}
