//! The passes after the last block: the title chosen, footnotes linked to
//! the paragraphs that cite them, and the pages of parts and sections taken
//! from the contents (a paragraph's page is set where it starts).

use super::*;

impl<'a> Builder<'a> {
    /// The model, once the last block is in.
    pub fn finish(mut self) -> Document {
        self.choose_title();
        self.link_footnotes();
        self.assign_pages();
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
        let mut titles = std::mem::take(&mut self.masthead.titles);
        // Organs' names above the session line, unless nothing else is there.
        if titles.iter().any(|t| !t.masthead) || !self.masthead.kind_inlines.is_empty() {
            // Organs' names go; a Security Council resolution's number,
            // set above no session line, is its title.
            titles.retain(|t| !t.masthead || t.resolution);
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
            None if !self.masthead.kind_inlines.is_empty() => {
                h.title = std::mem::take(&mut self.masthead.kind_inlines);
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

    fn link_footnotes(&mut self) {
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
        let paged = self.paged;
        // Headings and tables cite notes as a paragraph does.
        let by_label = &self.footnote_by_label;
        let mut link = |labels: &mut dyn Iterator<Item = FootnoteLabel>| {
            let mut found: Vec<usize> = Vec::new();
            for f in labels.filter_map(|label| by_label.get(&label).copied()) {
                cited[f] = true;
                if !found.contains(&f) {
                    found.push(f);
                }
            }
            found
        };
        // So does the text under them: a resolution's preamble, a letter.
        let calls = |text: &mut dyn Iterator<Item = &Inline>| -> Vec<FootnoteLabel> {
            text.filter_map(|inline| match inline {
                Inline::FootnoteRef { label, .. } => Some(*label),
                _ => None,
            })
            .collect()
        };
        let mut section_calls = vec![Vec::new(); doc.sections.len()];
        for (s, found) in std::mem::take(&mut self.section_calls) {
            section_calls[s] = found;
        }
        for (section, mut found) in doc.sections.iter_mut().zip(section_calls) {
            found.extend(calls(&mut section.preamble.iter().flatten()));
            section.footnotes = link(&mut found.into_iter());
        }
        for part in &mut doc.parts {
            let found = calls(&mut part.title.iter().chain(part.preamble.iter().flatten()));
            part.footnotes = link(&mut found.into_iter());
        }
        for t in &mut doc.tables {
            t.footnotes = link(&mut t.note_calls().into_iter());
        }
        for (label, para) in missing {
            let page = doc
                .paragraph_index(para)
                .filter(|_| paged)
                .map_or(0, |i| doc.paragraphs[i].page);
            doc.warnings.push(Warning {
                page,
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
                    page: if paged { fin.page } else { 0 },
                    message: format!("footnote {} is given but never cited", fin.label),
                });
            }
        }
    }

    fn assign_pages(&mut self) {
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
            doc.parts[pi].printed_page = doc.contents[entry].page;
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
                        doc.sections[si].printed_page = doc.contents[k].page;
                        k += 1;
                        break;
                    }
                    k += 1;
                }
            }
        }
    }
}
