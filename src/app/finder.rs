//! The country finder and jumping to a country's subsections and mentions.

use super::*;

/// The country finder popup: a query and the ranked countries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryFinder {
    pub query: String,
    pub results: Vec<Ranked>,
    pub selected: usize,
}

/// A block, the bytes in it, and what the stop is ("subsection II. Spain").
type Stop = (usize, std::ops::Range<u32>, Option<String>);

impl App {
    pub(super) fn open_finder(&mut self) {
        let results = self.countries.rank("");
        self.overlay = Overlay::Finder(CountryFinder {
            query: String::new(),
            results,
            selected: 0,
        });
    }

    pub(super) fn finder_changed(&mut self) {
        if let Overlay::Finder(f) = &mut self.overlay {
            f.results = self.countries.rank(&f.query);
            f.selected = 0;
        }
    }

    /// Block and text range where a mention shows in the text pane.
    pub(super) fn mention_stop(
        &self,
        m: &crate::document::countries::Mention,
    ) -> Option<(usize, std::ops::Range<u32>, Option<String>)> {
        let p = m.paragraph()? as usize;
        let first = self.paragraph_block[p];
        let kind = match m.place() {
            MentionPlace::Body | MentionPlace::Footnote(_) => BlockKind::Paragraph(p),
            MentionPlace::SubItem(k) => BlockKind::SubItem(p, k as usize),
        };
        let block = (first..self.blocks.len())
            .take_while(|&b| self.blocks.kind(b).and_then(BlockKind::paragraph) == Some(p))
            .find(|&b| self.blocks.kind(b) == Some(kind))?;
        let b = &self.blocks[block];
        if let MentionPlace::Footnote(f) = m.place() {
            let f = f as usize;
            // The name is in the footnote: mark the footnote's marker instead.
            let run = b
                .runs
                .iter()
                .find(|(_, look)| *look == crate::layout::Look::Marker(f))?;
            let label = format!("footnote {} (press f)", self.doc.footnotes[f].label);
            return Some((block, run.0.clone(), Some(label)));
        }
        let start = b.from_source(m.range.start)?;
        // A name split by a page break maps its end through the joined text.
        let end = b.from_source(m.range.end.saturating_sub(1)).map_or(
            start + (m.range.end - m.range.start),
            |e| {
                e + b.text()[e as usize..]
                    .chars()
                    .next()
                    .map_or(1, |c| c.len_utf8() as u32)
            },
        );
        Some((block, start..end.max(start), None))
    }

    /// Where `n`/`N` stop for a country, in reading order: each subsection
    /// and each mention, as a search holds them, and what each stop is.
    pub(super) fn country_stops(&self, entry: usize) -> (Matches, Vec<Option<String>>) {
        let Some(e) = self.countries.entries.get(entry) else {
            return (Matches::default(), Vec::new());
        };
        let mut stops: Vec<Stop> = Vec::new();
        for &s in &e.sections {
            let block = self.section_block[s];
            let len = self.blocks[block].text().len() as u32;
            let part = &self.doc.parts[self.doc.sections[s].part];
            let label = format!(
                "subsection {}. {}",
                part.numeral, self.doc.sections[s].title
            );
            stops.push((block, 0..len, Some(label)));
        }
        for m in &e.mentions {
            if let Some(stop) = self.mention_stop(m)
                && !stops.iter().any(|(b, r, _)| *b == stop.0 && *r == stop.1)
            {
                stops.push(stop);
            }
        }
        stops.sort_by_key(|(b, r, _)| (*b, r.start));
        let (places, labels) = stops.into_iter().map(|(b, r, l)| ((b, r), l)).unzip();
        (Matches::listed(places), labels)
    }

    /// Jumps to a country: its first subsection, else its first mention; `n`/`N` then step.
    pub(super) fn goto_country(&mut self, entry: usize) {
        let (matches, labels) = self.country_stops(entry);
        let Some(e) = self.countries.entries.get(entry) else {
            return;
        };
        if matches.is_empty() {
            self.set_message(
                format!("{} is named only outside the paragraphs", e.name()),
                MessageKind::Info,
            );
            return;
        }
        let first = e
            .sections
            .first()
            .and_then(|&s| matches.first_from(self.section_block[s]))
            .unwrap_or(0);
        let from = self.place();
        self.search = Search {
            kind: SearchKind::Country(entry),
            query: e.name().to_string(),
            matches,
            current: None,
            labels,
        };
        self.show_match(first);
        if from != self.place() {
            self.remember(from);
        }
    }
}

pub(super) fn finder_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Finder(f) = &mut app.overlay else {
        return Vec::new();
    };
    let n = f.results.len();
    match action {
        Action::LineDown => f.selected = (f.selected + 1).min(n.saturating_sub(1)),
        Action::LineUp => f.selected = f.selected.saturating_sub(1),
        Action::DeleteBack => {
            f.query.pop();
            app.finder_changed();
        }
        Action::Select => match f.results.get(f.selected) {
            Some(r) => {
                let entry = r.entry;
                app.overlay = Overlay::None;
                app.goto_country(entry);
            }
            None => app.set_message("no country matches", MessageKind::Info),
        },
        Action::Close => app.overlay = Overlay::None,
        _ => {}
    }
    Vec::new()
}
