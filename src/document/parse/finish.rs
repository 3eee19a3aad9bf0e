//! The passes after the last block: footnotes linked to the paragraphs
//! that cite them, and each paragraph's page.

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn finish(mut self) -> Document {
        self.end_block();
        if self.header_titles.len() > 1 {
            let title = self.header_titles.pop().unwrap_or_default();
            self.doc.header.title = title;
            self.doc.header.agenda_titles = std::mem::take(&mut self.header_titles);
        } else if let Some(t) = self.header_titles.pop() {
            self.doc.header.title = t;
        }
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

    pub(super) fn link_footnotes(&mut self) {
        let doc = &mut self.doc;
        let mut cited = vec![false; doc.footnotes.len()];
        let mut missing: Vec<(FootnoteLabel, u32)> = Vec::new();
        for inline in &doc.header.agenda_item {
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
