//! The notes of the open document as the reader shows them: placed,
//! counted per paragraph, part and subsection, and shown inline or not.

use std::collections::BTreeMap;

use super::{App, MessageKind};
use crate::layout::{Blocks, InlineNotes};
use crate::notes::Note;
use crate::notes::Notebook;
use crate::notes::anchor::{Location, Placement};
use crate::notes::citation::{citation, span_citation};
use crate::notes::highlight::{Placer, Span};

/// How much of a highlight's words its note shows under the paragraph.
const QUOTED: usize = 60;

/// A note as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    pub id: String,
    pub location: Option<Location>,
    /// "para. 37", "para. 66 (b)", "footnote 15", "paras. 36–38".
    pub citation: String,
    pub text: String,
    /// YYYY-MM-DD of the last change.
    pub date: String,
    pub moved: bool,
    /// Set on a highlight placed in this text.
    pub highlight: Option<Marked>,
    /// A highlight's words (its quote), for lists.
    pub quote: String,
    pub tags: Vec<String>,
}

/// A highlight placed in the open document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    pub span: Span,
    pub colour: u8,
}

impl NoteView {
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }

    /// Whether the view is a bare highlight, with no note written on it.
    pub fn is_bare_highlight(&self) -> bool {
        self.highlight.is_some() && self.text.trim().is_empty()
    }
}

/// Every note of the open document, placed, and counted where the panes need it.
#[derive(Debug, Clone, Default)]
pub struct NoteIndex {
    /// Document order; orphans (no location) last.
    pub views: Vec<NoteView>,
    /// Per paragraph index: notes on it or its sub-items (bare highlights
    /// are not notes).
    pub per_paragraph: Vec<u32>,
    /// Per (paragraph, sub-item) with notes, for the gutter of sub-items.
    pub per_sub_item: BTreeMap<(usize, usize), u32>,
    /// Per footnote index: indices into `views`.
    pub per_footnote: BTreeMap<usize, Vec<usize>>,
    pub per_part: Vec<u32>,
    pub per_section: Vec<u32>,
    /// Highlights per part and subsection, by where they start.
    pub highlights_per_part: Vec<u32>,
    pub highlights_per_section: Vec<u32>,
    /// Per paragraph index: the highlights touching it, indices into `views`
    /// in the order they start.
    pub highlights_on: BTreeMap<usize, Vec<usize>>,
}

impl NoteIndex {
    pub fn build(app_doc: &crate::document::Document, store: Option<&Notebook>) -> NoteIndex {
        let doc = app_doc;
        let mut index = NoteIndex {
            per_paragraph: vec![0; doc.paragraphs.len()],
            per_part: vec![0; doc.parts.len()],
            per_section: vec![0; doc.sections.len()],
            highlights_per_part: vec![0; doc.parts.len()],
            highlights_per_section: vec![0; doc.sections.len()],
            ..NoteIndex::default()
        };
        let Some(store) = store else {
            return index;
        };
        let mut placer = Placer::new(doc);
        let mut placed: Vec<(Placement, Option<Span>, &Note)> = store
            .notes(&doc.fingerprint())
            .into_iter()
            .map(|n| {
                let (placement, span) = placer.place(n);
                (placement, span, n)
            })
            .collect();
        let order = |p: &Placement, span: &Option<Span>| match p.location() {
            Some(Location::Paragraph(i)) => (0, i, 0, span.map_or(0, |s| s.start.byte)),
            Some(Location::SubItem { paragraph, item }) => (0, paragraph, 1 + item, 0),
            Some(Location::Footnote(f)) => {
                let p = doc.footnotes[f].cited_by.first().copied().unwrap_or(0);
                (0, p, usize::MAX, f)
            }
            None => (1, 0, 0, 0),
        };
        placed.sort_by(|a, b| {
            order(&a.0, &a.1)
                .cmp(&order(&b.0, &b.1))
                .then(a.2.created.cmp(&b.2.created))
        });
        for (placement, span, note) in placed {
            let location = placement.location();
            let citation = match (span, location, note.target()) {
                (Some(s), _, _) => {
                    let (first, last) = s.numbers(doc);
                    span_citation(doc, first, last)
                }
                (None, Some(l), _) => citation(doc, &l.target(doc)),
                (None, None, Some(t)) => {
                    format!("{} (not found in this text)", citation(doc, &t))
                }
                (None, None, None) => "unplaced".into(),
            };
            let marked = span.zip(note.highlight.as_ref()).map(|(span, h)| Marked {
                span,
                colour: h.colour,
            });
            let view = NoteView {
                id: note.id.clone(),
                location,
                citation,
                text: note.shown_text(),
                date: note.updated.date().to_string(),
                moved: matches!(placement, Placement::Moved(_)),
                highlight: marked,
                quote: if note.highlight.is_some() {
                    note.quote.exact.replace('\n', " ")
                } else {
                    String::new()
                },
                tags: crate::notes::tags(&note.text),
            };
            let paragraph = location.and_then(|l| l.paragraph(doc));
            if let Some(m) = marked {
                for p in m.span.paragraphs() {
                    index
                        .highlights_on
                        .entry(p)
                        .or_default()
                        .push(index.views.len());
                }
                let para = &doc.paragraphs[m.span.start.paragraph];
                index.highlights_per_part[para.part] += 1;
                if let Some(s) = para.section {
                    index.highlights_per_section[s] += 1;
                }
            }
            if let Some(p) = paragraph
                && !view.is_bare_highlight()
            {
                index.per_paragraph[p] += 1;
                let para = &doc.paragraphs[p];
                index.per_part[para.part] += 1;
                if let Some(s) = para.section {
                    index.per_section[s] += 1;
                }
            }
            match location {
                Some(Location::SubItem { paragraph, item }) => {
                    *index.per_sub_item.entry((paragraph, item)).or_default() += 1;
                }
                Some(Location::Footnote(f)) => {
                    index
                        .per_footnote
                        .entry(f)
                        .or_default()
                        .push(index.views.len());
                }
                _ => {}
            }
            index.views.push(view);
        }
        index
    }

    /// Notes to show under their paragraphs (footnote notes stay in the popup).
    fn inline(&self, doc: &crate::document::Document) -> InlineNotes {
        let mut out = InlineNotes::new();
        for v in self.views.iter().filter(|v| !v.is_bare_highlight()) {
            match v.location {
                Some(Location::Paragraph(p)) | Some(Location::SubItem { paragraph: p, .. }) => {
                    // A highlight's note says which words it is on.
                    let text = if v.highlight.is_some() {
                        let words: String = v.quote.chars().take(QUOTED).collect();
                        let more = if words.len() < v.quote.len() {
                            "…"
                        } else {
                            ""
                        };
                        format!("“{words}{more}” — {}", v.text)
                    } else {
                        v.text.clone()
                    };
                    out.entry(p).or_default().push((v.citation.clone(), text));
                }
                Some(Location::Footnote(f)) => {
                    if let Some(&p) = doc.footnotes[f].cited_by.first() {
                        out.entry(p)
                            .or_default()
                            .push((v.citation.clone(), v.text.clone()));
                    }
                }
                None => {}
            }
        }
        out
    }
}

impl App {
    /// The notes merged with another copy's, in place of these.
    pub(super) fn take_merged(&mut self, notes: Notebook) {
        let changed = self
            .notes
            .as_ref()
            .is_none_or(|n| n.annotations() != notes.annotations());
        self.notes = Some(notes);
        if changed {
            self.refresh_notes();
        }
    }

    pub(super) fn notes_reloaded(&mut self, notes: Notebook, warnings: Vec<String>) {
        self.take_merged(notes);
        if !warnings.is_empty() {
            self.set_message(warnings.join("; "), MessageKind::Warning);
        }
    }

    /// The notes in memory, for the effect that saves them.
    pub fn notebook(&self) -> Option<&Notebook> {
        self.notes.as_ref()
    }

    /// Recomputes the note index, and the layout if notes are shown inline.
    pub fn refresh_notes(&mut self) {
        self.note_index = NoteIndex::build(&self.doc, self.notes.as_ref());
        // Note blocks exist exactly while notes are shown inline.
        if self.show_notes_inline {
            self.rebuild_blocks();
        }
    }

    /// Rebuilds the blocks (notes shown or hidden) and keeps the reading
    /// place; the jump history keeps its places too (they name blocks by
    /// what they show).
    pub fn rebuild_blocks(&mut self) {
        let here = self.place();
        let notes = if self.show_notes_inline {
            self.note_index.inline(&self.doc)
        } else {
            InlineNotes::new()
        };
        self.blocks = Blocks::with_notes(&self.doc, &notes);
        self.index_blocks();
        self.refind_matches();
        self.wrap = crate::layout::WrapCache::default();
        let width = self.areas().text.width.max(1) as usize;
        self.wrap.set_width(width, self.blocks.len());
        self.restore(here);
        self.prepare_view();
    }
}
