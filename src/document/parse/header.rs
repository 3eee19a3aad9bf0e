//! The masthead and the contents table: the blocks before the body.

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn header_block(&mut self) {
        let first = self.line(0).trim();
        let line_no = self.block[0].2;
        if first == "Contents" {
            self.phase = Phase::Contents;
            // A contents table may follow without a blank line.
            if self.block.len() > 1 {
                self.block.remove(0);
                self.contents_block();
            }
            return;
        }
        if part_heading(first).is_some()
            || numbered(first).is_some()
            || heading_marker(first).is_some()
        {
            self.phase = Phase::Body;
            self.body_block();
            return;
        }
        if let Some(rest) = first.strip_prefix('*') {
            let rest_trimmed = rest.trim_start();
            if rest_trimmed.len() < rest.len() && !rest_trimmed.is_empty() {
                let raw = self.line(0);
                let skip = raw.len() - rest_trimmed.len();
                let text = self.block_inlines(skip);
                self.add_footnote(FootnoteLabel::Symbol('*'), text, line_no);
                return;
            }
        }
        if let Some((n, skip)) = footnote_start(first) {
            let indent = self.line(0).len() - first.len();
            let text = self.block_inlines(indent + skip);
            self.add_footnote(FootnoteLabel::Number(n), text, line_no);
            return;
        }
        if self.phase == Phase::Summary {
            let text = self.block_inlines(0);
            self.doc.header.summary.push(text);
            return;
        }
        // Header fields are one line each, often several to a block.
        let lines = std::mem::take(&mut self.block);
        let mut rest = Vec::new();
        for &(s, e, n) in &lines {
            let line = self.src[s..e].trim();
            if !self.header_field(line, s, e) {
                rest.push((s, e, n));
            }
        }
        if !rest.is_empty() {
            self.block = rest;
            let text = self.block_inlines(0);
            if self.doc.header.kind.is_none() && self.phase == Phase::Header {
                self.header_titles.push(text);
            } else {
                self.doc.header.summary.push(text);
            }
        }
        self.block = lines;
    }

    /// Recognises one header line; false when it is title or summary text.
    pub(super) fn header_field(&mut self, line: &str, s: usize, e: usize) -> bool {
        let titled = !self.header_titles.is_empty();
        let h = &mut self.doc.header;
        if line == "Summary" {
            self.phase = Phase::Summary;
        } else if let Some(v) = line.strip_prefix("Distr.:") {
            h.distribution = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("Original:") {
            h.original = Some(v.trim().to_string());
        } else if is_date(line) && h.date.is_none() {
            h.date = Some(line.trim_matches(['[', ']']).to_string());
        } else if line.to_lowercase().ends_with(" session") && line.len() < 60 {
            h.session = Some(line.to_string());
        } else if h.agenda_item.is_empty()
            && (line.starts_with("Item ") || line.contains("provisional agenda"))
        {
            let (from, to) = trim_range(self.src, s, e);
            parse_inline(self.src, from..to, &mut h.agenda_item);
        } else if line.starts_with("Report of the") || line.starts_with("Note by the") {
            h.kind = Some(line.to_string());
        } else if is_symbol(line) && h.symbol.is_none() {
            h.symbol = Some(line.to_string());
        } else if h.organ.is_none() && !titled && line.len() < 60 {
            h.organ = Some(line.to_string());
        } else {
            return false;
        }
        true
    }

    pub(super) fn contents_block(&mut self) {
        let mut entries = Vec::new();
        for k in 0..self.block.len() {
            let line = self.line(k);
            let plain = line.replace("<i>", "").replace("</i>", "");
            let t = plain.trim();
            if t.is_empty() || t == "Page" {
                continue;
            }
            let (title, page) = match t.rsplit_once('\t') {
                Some((title, page)) if page.trim().bytes().all(|b| b.is_ascii_digit()) => {
                    (title, page.trim().parse().ok())
                }
                _ => match t.rsplit_once(' ') {
                    Some((title, page))
                        if title.ends_with('.')
                            && !page.is_empty()
                            && page.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        (title, page.parse().ok())
                    }
                    _ => (t, None),
                },
            };
            if page.is_none() {
                // Not a contents line: the body has begun.
                self.phase = Phase::Body;
                self.doc.contents.extend(entries);
                self.block.drain(..k);
                self.body_block();
                return;
            }
            let title = title.trim_end_matches(['.', ' ', '\t', '…']).trim();
            entries.push(ContentsEntry {
                title: title.to_string(),
                page,
            });
        }
        self.doc.contents.extend(entries);
    }
}
