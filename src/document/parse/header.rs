//! The masthead and the contents table: the blocks before the body.

use super::*;
use crate::document::words::{
    distribution, is_agenda_item, is_contents_heading, is_kind, is_month, is_organ, is_session,
    is_summary_heading, original,
};

impl<'a> Parser<'a> {
    pub(super) fn header_block(&mut self) {
        let first = self.line(0).trim();
        let line_no = self.block[0].2;
        if is_contents_heading(first) {
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
        // Header fields are one line each, often several to a block; the
        // lines between them are titles, each run of them one title.
        let lines = std::mem::take(&mut self.block);
        let mut run = Vec::new();
        // The kind line may wrap: "Report of the Human Rights Council on its
        // / fourteenth session" goes on until the block or a field ends it.
        let mut in_kind = false;
        for &(s, e, n) in &lines {
            let line = self.src[s..e].trim();
            if in_kind && (!is_field(line) || line.starts_with(char::is_lowercase)) {
                self.continue_kind(line, s, e);
                continue;
            }
            let before = self.title_place();
            let had_kind = self.doc.header.kind.is_some();
            if self.header_field(line, s, e) {
                self.header_title(std::mem::take(&mut run), before);
                in_kind = !had_kind && self.doc.header.kind.is_some();
            } else {
                run.push((s, e, n));
                in_kind = false;
            }
        }
        let before = self.title_place();
        self.header_title(run, before);
        self.block = lines;
    }

    /// The kind line's next line.
    fn continue_kind(&mut self, line: &str, s: usize, e: usize) {
        let h = &mut self.doc.header;
        if let Some(kind) = h.kind.as_mut() {
            kind.push(' ');
            kind.push_str(line.trim_end_matches(['*', '∗', ' ']));
        }
        let (from, to) = trim_range(self.src, s, e);
        self.kind_inlines.push(Inline::Space);
        parse_inline(self.src, from..to, &mut self.kind_inlines);
    }

    /// Where a title read now stands: after the kind line, right after the
    /// agenda item, above the session line.
    fn title_place(&self) -> (bool, bool, bool) {
        (
            self.doc.header.kind.is_some(),
            self.after_agenda,
            !self.past_session,
        )
    }

    /// A run of masthead lines that are not fields: a title, or a summary
    /// printed without its heading.
    fn header_title(
        &mut self,
        run: Vec<(usize, usize, u32)>,
        (after_kind, agenda, masthead): (bool, bool, bool),
    ) {
        if run.is_empty() {
            return;
        }
        let words: usize = run
            .iter()
            .map(|&(s, e, _)| self.src[s..e].split_whitespace().count())
            .sum();
        let kept = std::mem::replace(&mut self.block, run);
        let text = self.block_inlines(0);
        let sentence = ends_sentence(self.src, &text);
        let first = self.line(0).trim();
        // "Slovenia", "Algeria ∗": a name, not a symbol or a heading.
        let name = words <= 5
            && !sentence
            && !first.contains(|c: char| c == '/' || c.is_ascii_digit())
            && first.starts_with(char::is_uppercase)
            && !first.ends_with(',')
            && part_heading(first).is_none();
        let resolution = resolution_number(first) || council_resolution(first);
        self.block = kept;
        if self.phase == Phase::Summary || (sentence && words > 25) {
            self.doc.header.summary.push(text);
        } else {
            self.header_titles.push(HeaderTitle {
                text,
                after_kind,
                agenda,
                masthead,
                name,
                resolution,
            });
        }
        self.after_agenda = false;
    }

    /// Recognises one header line; false when it is title or summary text.
    pub(super) fn header_field(&mut self, line: &str, s: usize, e: usize) -> bool {
        let titled = !self.header_titles.is_empty();
        let h = &mut self.doc.header;
        let lower = line.to_lowercase();
        if is_summary_heading(line) {
            self.phase = Phase::Summary;
            h.summary_printed = true;
        } else if let Some(v) = distribution(line) {
            h.distribution = Some(v.to_string());
        } else if let Some(v) = original(line) {
            h.original = Some(v.to_string());
        } else if is_date(line) && h.date.is_none() {
            h.date = Some(line.trim_matches(['[', ']']).to_string());
        } else if is_kind(line) {
            // The first such line is the masthead's; a report transmitted
            // by a note names its author below the note's own kind.
            if h.kind.is_none() {
                h.kind = Some(line.trim_end_matches(['*', '∗', ' ']).to_string());
                let (from, to) = trim_range(self.src, s, e);
                parse_inline(self.src, from..to, &mut self.kind_inlines);
            } else {
                return false;
            }
        } else if h.agenda_item.is_empty() && is_agenda_item(&lower) {
            let (from, to) = trim_range(self.src, s, e);
            parse_inline(self.src, from..to, &mut h.agenda_item);
            self.after_agenda = true;
            self.past_session = true;
            return true;
        } else if is_organ(line) {
            h.organ.get_or_insert_with(|| line.to_string());
        } else if is_session(&lower) || is_meeting_dates(line) {
            self.past_session = true;
            h.session = Some(match h.session.take() {
                Some(before) => format!("{before}, {line}"),
                None => line.to_string(),
            });
        } else if !line.is_empty() && line.chars().all(|c| c == '_') {
            // The rule above the cover's notes.
        } else if is_symbol(line) && h.symbol.is_none() {
            h.symbol = Some(line.to_string());
        } else if h.organ.is_none() && !titled && line.len() < 60 {
            h.organ = Some(line.to_string());
        } else {
            return false;
        }
        self.after_agenda = false;
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

/// "Geneva, 20–31 January 2025", "4–15 November 2019": when the session
/// meets, a short line with a month and a year.
fn is_meeting_dates(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 8
        && words.iter().any(|w| is_month(w))
        && words
            .iter()
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        && line.bytes().any(|b| b.is_ascii_digit())
}

/// A masthead line that is a field of its own, never the rest of a title.
fn is_field(line: &str) -> bool {
    let lower = line.to_lowercase();
    is_summary_heading(line)
        || distribution(line).is_some()
        || original(line).is_some()
        || is_date(line)
        || is_kind(line)
        || is_organ(line)
        || is_agenda_item(&lower)
        || is_session(&lower)
        || is_meeting_dates(line)
}
