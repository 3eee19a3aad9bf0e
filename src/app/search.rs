//! Search and the `:`/`/` prompts: matches, stepping with `n`/`N`, going to a paragraph.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Goto,
    Search,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    pub origin: ReadingPlace,
    /// The history entry shown (Up and Down), if one is.
    pub recalled: Option<usize>,
    /// What was typed before Up: Down past the newest entry brings it back.
    pub typed: String,
}

/// What `n`/`N` step through: matches of a typed search, or a country's places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchKind {
    #[default]
    Text,
    /// Index into `CountryIndex::entries`.
    Country(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub kind: SearchKind,
    pub query: String,
    /// In reading order.
    pub matches: Matches,
    pub current: Option<usize>,
    /// For a country: what each stop is ("subsection II. Spain", "footnote 3").
    pub labels: Vec<Option<String>>,
}

impl App {
    pub(super) fn run_search(&mut self, query: &str) {
        self.search = Search {
            query: query.to_string(),
            ..Search::default()
        };
        if !query.is_empty() {
            self.search.matches = Matches::find(&self.doc, &self.blocks, query);
        }
    }

    /// Matches are kept by block: when the blocks are rebuilt (notes shown
    /// or hidden), they are found again in the new ones.
    pub(super) fn refind_matches(&mut self) {
        let current = self.search.current;
        match self.search.kind {
            SearchKind::Text if !self.search.query.is_empty() => {
                self.search.matches = Matches::find(&self.doc, &self.blocks, &self.search.query);
            }
            SearchKind::Country(entry) => {
                (self.search.matches, self.search.labels) = self.country_stops(entry);
            }
            SearchKind::Text => {}
        }
        self.search.current = current.filter(|&c| c < self.search.matches.len());
    }

    /// Shows match `i`, a third of the way down the pane; a match in a
    /// footnote shows its citing paragraph, and the note's popup unless a
    /// search is being typed.
    pub(super) fn show_match(&mut self, i: usize) {
        let Some((spot, range)) = self.search.matches.at(i) else {
            return;
        };
        self.search.current = Some(i);
        let (block, range) = match spot {
            Spot::Block(b) => (b, range),
            Spot::Note { after, .. } => (after.min(self.blocks.len().saturating_sub(1)), 0..0),
        };
        let gap = self.blocks.gap(block) as usize;
        let lines = self.wrap.lines(&self.blocks, block);
        let line = lines
            .iter()
            .position(|r| range.start < r.end || r.end == r.start)
            .unwrap_or(0);
        let at = Pos {
            block,
            line: gap + line,
        };
        let third = (self.text_height() / 3) as isize;
        let visible_now = self.visible.first().is_some_and(|f| *f <= at)
            && self.visible.last().is_some_and(|l| at <= *l);
        if !visible_now {
            self.top = self.wrap.advance(&self.blocks, at, -third);
        }
        self.current = self
            .blocks
            .kind(block)
            .and_then(BlockKind::paragraph)
            .or_else(|| self.paragraph_at_or_after(block));
        match spot {
            Spot::Note { note, .. } if !matches!(self.overlay, Overlay::Prompt(_)) => {
                self.open_note_match(note)
            }
            Spot::Block(_) if matches!(self.overlay, Overlay::Footnotes(_)) => {
                self.overlay = Overlay::None
            }
            _ => {}
        }
        if let Some(text) = self.match_text() {
            self.set_message(text, MessageKind::Info);
        }
    }

    /// "match 1 of 4", or a country's "Spain: subsection II (1 of 3)": where
    /// `n` and `N` stand, shown until the search is cleared.
    pub fn match_text(&self) -> Option<String> {
        let i = self.search.current?;
        let n = self.search.matches.len();
        Some(match self.search.kind {
            SearchKind::Text => match self.search.matches.at(i) {
                Some((Spot::Note { note, .. }, _)) => {
                    let label = &self.doc.footnotes[note].label;
                    format!("match {} of {n}, in note {label}", i + 1)
                }
                _ => format!("match {} of {n}", i + 1),
            },
            SearchKind::Country(e) => {
                let name = self.countries.entries.get(e).map_or("", |e| e.name());
                match self.search.labels.get(i).cloned().flatten() {
                    Some(label) => format!("{name}: {label} ({} of {n})", i + 1),
                    None => format!("{name}: mention {} of {n}", i + 1),
                }
            }
        })
    }

    /// The first match at or after the reading place.
    pub(super) fn first_match_from(&self, place: ReadingPlace) -> Option<usize> {
        self.search
            .matches
            .first_from(self.place_block(&place))
            .or((!self.search.matches.is_empty()).then_some(0))
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            let text = if self.search.query.is_empty() {
                "no search yet: press / to search".to_string()
            } else {
                format!("no match for \"{}\"", self.search.query)
            };
            self.set_message(text, MessageKind::Info);
            return;
        }
        let from = self.place();
        let next = match self.search.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => self.first_match_from(from).unwrap_or(0),
        };
        self.show_match(next);
        self.remember(from);
        let wrapped = matches!(self.search.current, Some(c) if (forward && c == 0) || (!forward && c + 1 == n));
        if wrapped
            && n > 1
            && let Some(m) = &mut self.message
        {
            m.text.push_str(" (wrapped around)");
        }
    }

    /// The paragraph numbers the report has, as runs: "1–67", or
    /// "1–2, 4–67" when some are missing.
    pub(super) fn paragraph_number_text(&self) -> String {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for p in &self.doc.paragraphs {
            match runs.last_mut() {
                Some((_, last)) if p.number == *last + 1 => *last = p.number,
                Some((_, last)) if p.number == *last => {}
                _ => runs.push((p.number, p.number)),
            }
        }
        let shown: Vec<String> = runs
            .iter()
            .take(6)
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}–{b}")
                }
            })
            .collect();
        if shown.is_empty() {
            return "it numbers no paragraphs".into();
        }
        let more = if runs.len() > 6 { ", …" } else { "" };
        format!("the paragraphs are {}{more}", shown.join(", "))
    }

    pub(super) fn confirm_prompt(&mut self, prompt: Prompt) {
        match prompt.kind {
            PromptKind::Goto => self.confirm_goto(prompt),
            PromptKind::Search => {
                if self.search.matches.is_empty() {
                    self.restore(prompt.origin);
                    if !prompt.input.is_empty() {
                        self.set_message(
                            format!("no match for \"{}\"", crate::text::sanitize(&prompt.input)),
                            MessageKind::Info,
                        );
                    }
                } else {
                    if self.place() != prompt.origin {
                        self.remember(prompt.origin);
                    }
                    if let Some(c) = self.search.current
                        && let Some((Spot::Note { note, .. }, _)) = self.search.matches.at(c)
                    {
                        self.open_note_match(note);
                    }
                }
            }
        }
    }

    pub(super) fn prompt_changed(&mut self) {
        let Overlay::Prompt(prompt) = &self.overlay else {
            return;
        };
        if prompt.kind != PromptKind::Search {
            return;
        }
        let (query, origin) = (prompt.input.clone(), prompt.origin);
        self.run_search(&query);
        match self.first_match_from(origin) {
            Some(i) => self.show_match(i),
            None => {
                self.restore(origin);
                if !query.is_empty() {
                    self.set_message(
                        format!("no match for \"{}\"", crate::text::sanitize(&query)),
                        MessageKind::Info,
                    );
                } else {
                    self.message = None;
                }
            }
        }
    }
}

pub(super) fn prompt_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Prompt(prompt) = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Action::HistoryPrevious | Action::HistoryNext => app.recall(action),
        Action::Confirm => {
            let prompt = prompt.clone();
            app.record_history(prompt.kind, &prompt.input);
            app.overlay = Overlay::None;
            app.confirm_prompt(prompt);
        }
        Action::Close => {
            let prompt = prompt.clone();
            app.overlay = Overlay::None;
            app.restore(prompt.origin);
            if prompt.kind == PromptKind::Search {
                app.search = Search::default();
            }
        }
        Action::DeleteBack => {
            if prompt.input.pop().is_none() {
                let origin = prompt.origin;
                let kind = prompt.kind;
                app.overlay = Overlay::None;
                app.restore(origin);
                if kind == PromptKind::Search {
                    app.search = Search::default();
                }
            } else {
                app.prompt_changed();
            }
        }
        _ => {}
    }
    Vec::new()
}
