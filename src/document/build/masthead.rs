//! The masthead's lines → the header's fields: organ, symbol, date, kind,
//! agenda item, session, and the runs of lines between them that are
//! titles; then the summary under its heading.

use super::*;
use crate::document::shapes::{
    council_resolution, is_date, is_symbol, part_heading, resolution_number, unescape,
};
use crate::document::words::{
    distribution, is_agenda_item, is_kind, is_language, is_letter_title, is_month,
    is_official_records, is_organ, is_session, is_summary_heading, original,
};

/// What the masthead has read so far.
#[derive(Default)]
pub(super) struct Masthead {
    pub titles: Vec<HeaderTitle>,
    /// The "Report of the …" line, as inline text: the title where no
    /// other title stands above it.
    pub kind_inlines: Vec<Inline>,
    /// Whether the last line was the agenda item: the run after it is the
    /// item's own title, not the report's.
    after_agenda: bool,
    /// Whether the session or agenda line has been read: above it the
    /// masthead names organs, not the report.
    past_session: bool,
    /// Whether the "Summary" heading has been read: what follows is summary.
    in_summary: bool,
    /// Whether the last thing read was a title, no field after it.
    title_last: bool,
}

/// A run of masthead lines that is neither a field nor the kind line.
pub(super) struct HeaderTitle {
    pub text: Vec<Inline>,
    /// It came after the "Report of …" line.
    pub after_kind: bool,
    /// It came right after the agenda item: the item's own title.
    pub agenda: bool,
    /// It came above the session line: an organ's name.
    pub masthead: bool,
    /// Whether it reads as a name set under the title: "Slovenia".
    pub name: bool,
    /// "64/166. Protection of migrants", "Resolution 2720 (2023)", "Letter
    /// dated …": a resolution's number and title, or a letter's title, the
    /// document's own title.
    pub resolution: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn masthead(&mut self, lines: &[SourceLine]) {
        if self.masthead.in_summary {
            let text = self.inlines(lines, 0);
            self.doc.header.summary.push(text);
            return;
        }
        // Header fields are one line each, often several to a block; the
        // lines between them are titles, each run of them one title.
        let mut run = Vec::new();
        // The kind line may wrap: "Report of the Human Rights Council on its
        // / fourteenth session" goes on until the block or a field ends it.
        let mut in_kind = false;
        for &(s, e) in lines {
            // The fields as printed: "Report of the Secretary-General**",
            // never the source's escapes of its stars.
            let line = unescape(self.src[s..e].trim());
            let line = line.as_str();
            // "Vice-President and Rapporteur: …" under it is a line of its own.
            let labelled = line.contains(": ");
            // "… at its 9847th meeting, on" / "24 January 2025": a date
            // after the masthead's own is the kind line's.
            let second_date = is_date(line) && self.doc.header.date.is_some();
            // "Report of the United Nations Group of Experts on" / "Geographical
            // Names on its 2025 session": a kind line that breaks mid-phrase.
            let dangling = self.doc.header.kind.as_deref().is_some_and(|k| {
                k.rsplit(' ').next().is_some_and(|w| {
                    matches!(
                        w,
                        "on" | "of"
                            | "to"
                            | "the"
                            | "and"
                            | "for"
                            | "in"
                            | "at"
                            | "du"
                            | "de"
                            | "des"
                            | "la"
                            | "del"
                            | "sobre"
                    )
                })
            });
            if in_kind
                && !labelled
                && (!is_field(line)
                    || line.starts_with(char::is_lowercase)
                    || second_date
                    || dangling)
            {
                self.continue_kind(line, s, e);
                continue;
            }
            let before = self.title_place();
            let had_kind = self.doc.header.kind.is_some();
            if self.header_field(line, (s, e), !run.is_empty()) {
                self.header_title(std::mem::take(&mut run), before);
                in_kind = !had_kind && self.doc.header.kind.is_some();
            } else {
                run.push((s, e));
                in_kind = false;
            }
        }
        let before = self.title_place();
        self.header_title(run, before);
    }

    /// The kind line's next line.
    fn continue_kind(&mut self, line: &str, s: usize, e: usize) {
        let h = &mut self.doc.header;
        if let Some(kind) = h.kind.as_mut() {
            kind.push(' ');
            kind.push_str(line.trim_end_matches(['*', '∗', ' ']));
        }
        let (from, to) = trim_range(self.src, s, e);
        self.masthead.kind_inlines.push(Inline::Space);
        parse_inline(self.src, from..to, &mut self.masthead.kind_inlines);
    }

    /// Where a title read now stands: after the kind line, right after the
    /// agenda item, above the session line.
    fn title_place(&self) -> (bool, bool, bool) {
        (
            self.doc.header.kind.is_some(),
            self.masthead.after_agenda,
            !self.masthead.past_session,
        )
    }

    /// A run of masthead lines that are not fields: a title, or a summary
    /// printed without its heading.
    fn header_title(
        &mut self,
        run: Vec<SourceLine>,
        (after_kind, agenda, masthead): (bool, bool, bool),
    ) {
        let Some(&(s, e)) = run.first() else {
            return;
        };
        let words: usize = run
            .iter()
            .map(|&(s, e)| self.src[s..e].split_whitespace().count())
            .sum();
        let text = self.inlines(&run, 0);
        let sentence = ends_sentence(self.src, &text);
        let first = self.src[s..e].trim();
        // "Slovenia", "Algeria ∗": a name, not a symbol or a heading.
        let name = words <= 5
            && !sentence
            && !first.contains(|c: char| c == '/' || c.is_ascii_digit())
            && first.starts_with(char::is_uppercase)
            && !first.ends_with(',')
            && part_heading(first).is_none();
        let resolution =
            resolution_number(first) || council_resolution(first) || is_letter_title(first);
        if self.masthead.in_summary || (sentence && words > 25) {
            self.doc.header.summary.push(text);
        } else {
            self.masthead.titles.push(HeaderTitle {
                text,
                after_kind,
                agenda,
                masthead,
                name,
                resolution,
            });
            self.masthead.title_last = true;
        }
        self.masthead.after_agenda = false;
    }

    /// Recognises one header line; false when it is title or summary text.
    /// `in_title`: the line goes on from title lines above it.
    fn header_field(&mut self, line: &str, (s, e): SourceLine, in_title: bool) -> bool {
        let titled = in_title || !self.masthead.titles.is_empty();
        let m = &mut self.masthead;
        let h = &mut self.doc.header;
        let lower = line.to_lowercase();
        if is_summary_heading(line) {
            m.in_summary = true;
            h.summary_printed = true;
        } else if let Some(v) = distribution(line) {
            h.distribution = Some(v.to_string());
        } else if let Some(v) = original(line) {
            h.original = Some(v.to_string());
        } else if is_official_records(line) {
            // Kept with the session it is printed for.
            add_session(h, line);
        } else if is_language(line) {
            // This version's language, beside "Original:": no title.
        } else if is_date(line) && h.date.is_none() {
            h.date = Some(line.trim_matches(['[', ']']).to_string());
        } else if is_kind(line) {
            // The first such line is the masthead's; a report transmitted
            // by a note names its author below the note's own kind.
            if h.kind.is_none() {
                // The title right above "Report of the Secretary-General" is
                // the report's where the masthead reads no session (a
                // Security Council report) and the line names only an author.
                if m.title_last
                    && !m.past_session
                    && line.split_whitespace().count() <= 5
                    && let Some(t) = m.titles.last_mut()
                {
                    t.masthead = false;
                }
                h.kind = Some(line.trim_end_matches(['*', '∗', ' ']).to_string());
                let (from, to) = trim_range(self.src, s, e);
                parse_inline(self.src, from..to, &mut m.kind_inlines);
            } else {
                return false;
            }
        } else if h.agenda_item.is_empty() && is_agenda_item(&lower) {
            let (from, to) = trim_range(self.src, s, e);
            parse_inline(self.src, from..to, &mut h.agenda_item);
            m.after_agenda = true;
            m.past_session = true;
            return true;
        } else if is_organ(line) {
            // "Security Council" says more than the "United Nations" above it.
            let general = h.organ.as_deref().is_none_or(|o| {
                matches!(
                    o.to_lowercase().as_str(),
                    "united nations"
                        | "nations unies"
                        | "naciones unidas"
                        | "организация объединенных наций"
                )
            });
            if general {
                h.organ = Some(line.to_string());
            }
        } else if is_session(&lower) || is_meeting_dates(line) {
            m.past_session = true;
            add_session(h, line);
        } else if !line.is_empty() && line.chars().all(|c| c == '_') {
            // The rule above the cover's notes.
        } else if is_symbol(line) && h.symbol.is_none() {
            h.symbol = Some(line.to_string());
        } else if h.organ.is_none() && !titled && line.len() < 60 {
            h.organ = Some(line.to_string());
        } else {
            return false;
        }
        m.after_agenda = false;
        m.title_last = false;
        true
    }
}

/// Adds a line to the session field, once: a cover may print it twice.
fn add_session(h: &mut Header, line: &str) {
    match h.session.as_mut() {
        Some(s) if s.split(", ").any(|part| part == line) => {}
        Some(s) => {
            s.push_str(", ");
            s.push_str(line);
        }
        None => h.session = Some(line.to_string()),
    }
}

/// "Geneva, 20–31 January 2025", "4–15 November 2019": when the session
/// meets, a short line with a month and a year.
fn is_meeting_dates(line: &str) -> bool {
    let line = line.trim_start_matches('(').trim_end_matches(')');
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ')', ';']))
        .collect();
    // Places, days, months and years, and the words between them; a
    // sentence's words ("Letter dated 20 February 2025 from the …") not.
    let dates_only = words.iter().all(|w| {
        !w.starts_with(char::is_lowercase)
            || is_month(w)
            || matches!(
                *w,
                "and" | "to" | "et" | "au" | "y" | "a" | "al" | "de" | "del" | "и"
            )
    });
    dates_only
        && words.len() <= 12
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
        || is_language(line)
        || is_official_records(line)
        || is_date(line)
        || is_kind(line)
        || is_organ(line)
        || is_agenda_item(&lower)
        || is_session(&lower)
        || is_meeting_dates(line)
}
