//! Reading a document for names: one pass of the gazetteer's matcher over
//! the joined text of each paragraph, sub-item and footnote.

use super::gazetteer::gazetteer;
use super::{Mention, Place};
use crate::document::{Document, Inline, TextRange};

/// Each country's mentions in reading order, indexed as
/// `gazetteer().countries()`.
pub(super) fn mentions(doc: &Document) -> Vec<Vec<Mention>> {
    let mut joined = Joined::default();
    let mut by_country: Vec<Vec<Mention>> = vec![Vec::new(); gazetteer().countries.len()];
    let mut add = |m: Mention| {
        if let Some(list) = by_country.get_mut(usize::from(m.country)) {
            list.push(m);
        }
    };

    // Each footnote is read once; its mentions are recorded for every
    // citation, so a paragraph citing it twice has them twice.
    let notes: Vec<Vec<Mention>> = doc
        .footnotes
        .iter()
        .enumerate()
        .map(|(fi, f)| joined.mentions(doc, &f.text, None, Place::Footnote(fi as u32)))
        .collect();
    let mut cites: Vec<(usize, usize)> = Vec::new();
    for (fi, f) in doc.footnotes.iter().enumerate() {
        cites.extend(f.cited_by.iter().map(|&pi| (pi, fi)));
    }
    cites.sort_unstable();
    let mut cites = cites.into_iter().peekable();

    for (pi, p) in doc.paragraphs.iter().enumerate() {
        // Paragraph, sub-item and footnote indices fit in u32: each takes
        // bytes of a source that `TextRange` keeps under 4 GiB.
        let paragraph = Some(pi as u32);
        for m in joined.mentions(doc, &p.text, paragraph, Place::Body) {
            add(m);
        }
        for (k, item) in p.sub_items.iter().enumerate() {
            for m in joined.mentions(doc, &item.text, paragraph, Place::SubItem(k as u32)) {
                add(m);
            }
        }
        while let Some((_, fi)) = cites.next_if(|c| c.0 == pi) {
            for m in &notes[fi] {
                add(Mention {
                    paragraph,
                    ..m.clone()
                });
            }
        }
    }
    // Citations from a paragraph the document lacks keep its index.
    for (pi, fi) in cites {
        for m in &notes[fi] {
            add(Mention {
                paragraph: Some(pi as u32),
                ..m.clone()
            });
        }
    }
    // Footnotes nothing cites, with no paragraph.
    for (f, note) in doc.footnotes.iter().zip(notes) {
        if f.cited_by.is_empty() {
            note.into_iter().for_each(&mut add);
        }
    }

    for list in &mut by_country {
        // Stable, and quick on the already sorted lists most are: only text
        // pieces that run backwards in the source reorder anything.
        list.sort_by_key(Mention::order_key);
    }
    by_country
}

/// A block's inline text as one string, so that names split by emphasis or
/// a page break are found, with the way back to source bytes.
#[derive(Default)]
struct Joined {
    text: String,
    /// (offset in `text`, offset in source) at the start of each text piece.
    pieces: Vec<(usize, u32)>,
}

impl Joined {
    /// The mentions in `inlines`, at `paragraph` and `place`.
    fn mentions(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        paragraph: Option<u32>,
        place: Place,
    ) -> Vec<Mention> {
        self.join(doc, inlines);
        let gz = gazetteer();
        let mut out = Vec::new();
        gz.each_form(&self.text, |form, range| {
            let Some(country) = gz.forms.get(form).and_then(|f| f.country) else {
                return;
            };
            // A name's first and last bytes are letters or punctuation,
            // always inside a text piece.
            let start = self.to_source(range.start);
            let end = self.to_source(range.end - 1) + 1;
            out.push(Mention {
                range: TextRange { start, end },
                // The gazetteer has a few hundred States.
                country: country as u16,
                paragraph,
                place,
                name: gz.form(form),
            });
        });
        out
    }

    fn join(&mut self, doc: &Document, inlines: &[Inline]) {
        self.text.clear();
        self.pieces.clear();
        for inline in inlines {
            match inline {
                Inline::Text { range, .. } => {
                    self.pieces.push((self.text.len(), range.start));
                    self.text.push_str(doc.slice(range));
                }
                // Words end at a rejoining space, and at a URL or a
                // footnote marker, which name nothing.
                Inline::Space | Inline::Break => self.text.push(' '),
                Inline::Link { .. } | Inline::FootnoteRef { .. } => self.text.push('\u{1}'),
            }
        }
    }

    /// Source offset of byte `at` of `text`, which lies in a text piece.
    fn to_source(&self, at: usize) -> u32 {
        let i = self.pieces.partition_point(|&(t, _)| t <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(t, s)) => s + (at - t) as u32,
            None => 0,
        }
    }
}
