//! A paragraph's words as a reader quotes them: its text, then each
//! sub-item after its label ("… as follows: (a) …"), note calls left out.
//! Highlights and selections are places in this text.

use super::{Document, Inline};

/// Which block of its paragraph a piece of a passage is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The paragraph's own text.
    Body,
    /// Its k-th sub-item.
    SubItem(usize),
}

/// One stretch of a passage, shown together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in `Passage::text`.
    pub at: u32,
    pub len: u32,
    pub shown: Shown,
    /// Where the stretch is in the document source; None for the spaces and
    /// labels the passage puts in.
    pub source: Option<u32>,
}

/// A paragraph's quotable text and where each stretch of it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub pieces: Vec<Piece>,
}

impl Passage {
    fn push(&mut self, s: &str, shown: Shown, source: Option<u32>) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            at: self.text.len() as u32,
            len: s.len() as u32,
            shown,
            source,
        });
        self.text.push_str(s);
    }

    fn push_inlines(&mut self, doc: &Document, inlines: &[Inline], shown: Shown) {
        for inline in inlines {
            match inline {
                Inline::Text { range, .. } | Inline::Link { range } => {
                    self.push(doc.slice(range), shown, Some(range.start))
                }
                Inline::Space | Inline::Break => self.push(" ", shown, None),
                Inline::FootnoteRef { .. } => {}
            }
        }
    }

    /// The pieces shown in one block of the paragraph.
    pub fn pieces_in(&self, shown: Shown) -> impl Iterator<Item = &Piece> {
        self.pieces.iter().filter(move |p| p.shown == shown)
    }
}

impl Document {
    /// Inline text with its note calls removed, for quotes and scripts.
    pub fn bare(&self, inlines: &[Inline]) -> String {
        let mut p = Passage::default();
        p.push_inlines(self, inlines, Shown::Body);
        p.text
    }

    /// Paragraph `index`'s passage; empty when there is no such paragraph.
    pub fn passage(&self, index: usize) -> Passage {
        let mut out = Passage::default();
        let Some(para) = self.paragraphs.get(index) else {
            return out;
        };
        out.push_inlines(self, &para.text, Shown::Body);
        let mut before = Shown::Body;
        for (k, item) in para.sub_items.iter().enumerate() {
            let shown = Shown::SubItem(k);
            // The space between items ends the block before: each item's
            // block then starts with its label, as the screen shows it.
            if !out.text.is_empty() {
                out.push(" ", before, None);
            }
            before = shown;
            out.push(&item.marker(), shown, None);
            out.push(" ", shown, None);
            out.push_inlines(self, &item.text, shown);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_leaves_out_note_calls_and_labels_its_sub_items() {
        let doc = Document::embedded();
        let with_items = doc
            .paragraphs
            .iter()
            .position(|p| !p.sub_items.is_empty())
            .expect("a paragraph with sub-items");
        let with_notes = doc
            .paragraphs
            .iter()
            .position(|p| !p.footnotes.is_empty())
            .expect("a paragraph with notes");
        let passage = doc.passage(with_items);
        assert!(passage.text.contains(" (a) "), "{}", passage.text);
        let covered: u32 = passage.pieces.iter().map(|p| p.len).sum();
        assert_eq!(covered as usize, passage.text.len());
        let noted = doc.passage(with_notes).text;
        assert!(!noted.chars().any(|c| "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c)), "{noted}");
        assert!(
            doc.paragraph_plain(with_notes)
                .chars()
                .any(|c| "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c))
        );
    }
}
