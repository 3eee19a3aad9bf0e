//! The passes after the last block: the title chosen, footnotes linked to
//! the paragraphs that cite them, and the pages of parts and sections taken
//! from the contents (a paragraph's page is set where it starts).

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn finish(mut self) -> Document {
        self.end_block();
        self.choose_title();
        self.link_footnotes();
        self.assign_pages();
        self.page_warnings();
        for p in &mut self.doc.paragraphs {
            p.text.shrink_to_fit();
            if let Some(item) = p.sub_items.last_mut() {
                item.text.shrink_to_fit();
            }
        }
        self.doc.paragraphs.shrink_to_fit();
        self.doc
    }

    /// The title as the masthead prints it. The agenda item's own title
    /// comes first; then the report's title, unless the "Report of …" line
    /// is the title itself (a Working Group's or a session's report); then,
    /// under the title, the country it is on.
    fn choose_title(&mut self) {
        let mut titles = std::mem::take(&mut self.header_titles);
        // Organs' names above the session line, unless nothing else is there.
        if titles.iter().any(|t| !t.masthead) || !self.kind_inlines.is_empty() {
            titles.retain(|t| !t.masthead);
        }
        let h = &mut self.doc.header;
        let own = titles
            .iter()
            .position(|t| t.resolution)
            .or_else(|| titles.iter().position(|t| !t.agenda && !t.after_kind));
        let author_only = h
            .kind
            .as_ref()
            .is_some_and(|k| k.split_whitespace().count() <= 5);
        let (title_at, subtitle_from) = match own {
            Some(i) => (Some(i), i + 1),
            // "Report of the Secretary-General" names the author only: the
            // agenda item's title is the report's.
            None if author_only
                && let Some(i) = titles.iter().rposition(|t| t.agenda && !t.after_kind) =>
            {
                (Some(i), i + 1)
            }
            None if !self.kind_inlines.is_empty() => {
                h.title = std::mem::take(&mut self.kind_inlines);
                h.kind = None;
                let after = titles.iter().position(|t| t.after_kind);
                (None, after.unwrap_or(titles.len()))
            }
            // Only the agenda item's title: it is all the masthead gives.
            None => (titles.len().checked_sub(1), titles.len()),
        };
        for (k, t) in titles.into_iter().enumerate() {
            if Some(k) == title_at {
                h.title = t.text;
            } else if k == subtitle_from && t.name && h.subtitle.is_empty() {
                h.subtitle = t.text;
            } else if title_at.is_none_or(|at| k < at) && !t.after_kind {
                h.agenda_titles.push(t.text);
            } else {
                h.summary.push(t.text);
            }
        }
    }

    /// Each warning's page, counted by form feeds up to its line, where the
    /// text has pages at all.
    fn page_warnings(&mut self) {
        if memchr::memchr(b'\x0c', self.src.as_bytes()).is_none() {
            return;
        }
        let mut order: Vec<usize> = (0..self.doc.warnings.len()).collect();
        order.sort_by_key(|&w| self.doc.warnings[w].line);
        let (mut line, mut page) = (1u32, 1u32);
        let mut lines = self.src.split('\n');
        for w in order {
            let want = self.doc.warnings[w].line;
            if want == 0 {
                continue;
            }
            while line < want {
                let Some(l) = lines.next() else { break };
                page += memchr::memchr_iter(b'\x0c', l.as_bytes()).count() as u32;
                line += 1;
            }
            self.doc.warnings[w].page = page;
        }
    }

    pub(super) fn link_footnotes(&mut self) {
        let doc = &mut self.doc;
        let mut cited = vec![false; doc.footnotes.len()];
        let mut missing: Vec<(FootnoteLabel, u32)> = Vec::new();
        let h = &doc.header;
        let header = h
            .agenda_item
            .iter()
            .chain(&h.title)
            .chain(&h.subtitle)
            .chain(h.agenda_titles.iter().flatten())
            .chain(h.summary.iter().flatten());
        for inline in header {
            if let Inline::FootnoteRef { label, .. } = inline {
                match self.footnote_by_label.get(label) {
                    Some(&f) => {
                        doc.footnotes[f].cited_in_header = true;
                        cited[f] = true;
                    }
                    None => missing.push((*label, 0)),
                }
            }
        }
        for (pi, p) in doc.paragraphs.iter_mut().enumerate() {
            let all = p
                .text
                .iter()
                .chain(p.sub_items.iter().flat_map(|s| s.text.iter()));
            for inline in all {
                let Inline::FootnoteRef { label, .. } = inline else {
                    continue;
                };
                match self.footnote_by_label.get(label) {
                    Some(&f) => {
                        if !p.footnotes.contains(&f) {
                            p.footnotes.push(f);
                        }
                        let by = &mut doc.footnotes[f].cited_by;
                        if by.last() != Some(&pi) {
                            by.push(pi);
                        }
                        cited[f] = true;
                    }
                    None => missing.push((*label, p.number)),
                }
            }
        }
        for (label, para) in missing {
            let line = doc
                .paragraph_index(para)
                .map_or(0, |i| doc.paragraphs[i].line);
            doc.warnings.push(Warning {
                page: 0,
                line,
                message: if para == 0 {
                    format!("footnote {label} is cited in the header but never given")
                } else {
                    format!("footnote {label} is cited in paragraph {para} but never given")
                },
            });
        }
        for (f, was_cited) in cited.iter().enumerate() {
            if !was_cited {
                let fin = &doc.footnotes[f];
                doc.warnings.push(Warning {
                    page: 0,
                    line: fin.line,
                    message: format!("footnote {} is given but never cited", fin.label),
                });
            }
        }
    }

    pub(super) fn assign_pages(&mut self) {
        let doc = &mut self.doc;
        let mut entry = 0;
        for pi in 0..doc.parts.len() {
            let prefix = format!("{}. ", doc.parts[pi].numeral);
            if doc.parts[pi].numeral.is_empty() {
                continue;
            }
            let Some(found) = doc.contents[entry.min(doc.contents.len())..]
                .iter()
                .position(|e| e.title.starts_with(&prefix))
            else {
                continue;
            };
            entry += found;
            doc.parts[pi].page = doc.contents[entry].page;
            entry += 1;
            let sections: Range<usize> = doc.parts[pi].sections.clone();
            // The next part's entry ends this part's ("C. …" is a lettered section).
            let next_part = doc.parts.get(pi + 1).map(|p| format!("{}. ", p.numeral));
            let mut k = entry;
            for si in sections {
                while k < doc.contents.len()
                    && !next_part
                        .as_ref()
                        .is_some_and(|n| doc.contents[k].title.starts_with(n.as_str()))
                {
                    if doc.contents[k].title == doc.sections[si].title {
                        doc.sections[si].page = doc.contents[k].page;
                        k += 1;
                        break;
                    }
                    k += 1;
                }
            }
        }
    }
}
