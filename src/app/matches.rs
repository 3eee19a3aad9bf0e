//! The list of a search's matches (`s`): each with its place ("para. 37
//! (b)", "note 12, cited in para. 40") and its line, narrowed as you type.

use std::ops::Range;

use super::search_matches::spot_text;
use super::{App, Effect, MessageKind, Overlay, ReadingPlace, Spot};
use crate::action::Action;
use crate::fold::fold;
use crate::layout::BlockKind;
use crate::text::sanitize;

/// Rows listed at most: a one-letter search of a long report finds tens
/// of thousands, more than anyone scrolls through; the title says how many.
pub const MATCH_ROWS: usize = 5_000;

/// Characters of text shown before a match in its row.
const BEFORE: usize = 30;
/// Characters of text kept after it (the row cuts what does not fit).
const AFTER: usize = 160;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchRow {
    /// The match's number in the search.
    pub index: usize,
    pub place: String,
    /// The line: text before the match, the match, text after it.
    pub before: String,
    pub hit: String,
    pub after: String,
    /// Place and line, folded, for narrowing.
    hay: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchList {
    pub rows: Vec<MatchRow>,
    /// The rows the filter keeps: indices into `rows`.
    pub shown: Vec<usize>,
    pub filter: String,
    pub selected: usize,
    /// Matches in all (more than `rows` when capped).
    pub total: usize,
    pub origin: ReadingPlace,
}

impl MatchList {
    pub fn refilter(&mut self) {
        let wanted = fold(&self.filter);
        self.shown = (0..self.rows.len())
            .filter(|&r| self.rows[r].hay.contains(wanted.trim()))
            .collect();
        self.selected = 0;
    }

    pub fn selected_row(&self) -> Option<&MatchRow> {
        self.rows.get(*self.shown.get(self.selected)?)
    }
}

impl App {
    pub(super) fn open_match_list(&mut self) {
        if self.search.matches.is_empty() {
            let text = if self.search.query.is_empty() && self.match_text().is_none() {
                "no search yet: press / to search, then s to list its matches".to_string()
            } else {
                format!("no match for \"{}\"", sanitize(&self.search.query))
            };
            self.set_message(text, MessageKind::Info);
            return;
        }
        let mut rows = Vec::new();
        // A spot's text and place, kept while its matches are listed.
        let mut at: Option<(Spot, std::borrow::Cow<str>, String)> = None;
        for (index, (spot, range)) in self.search.matches.iter().enumerate().take(MATCH_ROWS) {
            if at.as_ref().is_none_or(|(s, _, _)| s != spot) {
                let Some(text) = spot_text(&self.doc, &self.blocks, *spot) else {
                    continue;
                };
                at = Some((*spot, text, self.place_of(*spot)));
            }
            if let Some((_, text, place)) = &at {
                rows.push(row(index, place, text, range.clone()));
            }
        }
        // The row of the match nearest the reading place comes first selected.
        let near = self
            .search
            .current
            .or_else(|| self.first_match_from(self.place()));
        let mut list = MatchList {
            rows,
            shown: Vec::new(),
            filter: String::new(),
            selected: 0,
            total: self.search.matches.len(),
            origin: self.place(),
        };
        list.refilter();
        if let Some(near) = near {
            list.selected = list.rows.partition_point(|r| r.index < near);
            list.selected = list.selected.min(list.rows.len().saturating_sub(1));
        }
        self.overlay = Overlay::Matches(Box::new(list));
    }

    /// Where a match is, as a reader cites it.
    pub fn place_of(&self, spot: Spot) -> String {
        let doc = &self.doc;
        let number = |p: usize| doc.paragraphs[p].number;
        // " of part II", " in part II", or nothing for an unnumbered part.
        let part = |pi: usize, word: &str| {
            let numeral = &doc.parts[pi].numeral;
            if numeral.is_empty() {
                String::new()
            } else {
                format!(" {word} part {numeral}")
            }
        };
        match spot {
            Spot::Note { note, .. } => {
                let f = &doc.footnotes[note];
                match f.cited_by.first() {
                    Some(&p) => format!("note {}, cited in para. {}", f.label, number(p)),
                    None => format!("note {}", f.label),
                }
            }
            Spot::Block(b) => match self.blocks.kind(b) {
                Some(BlockKind::Paragraph(p)) => format!("para. {}", number(p)),
                Some(BlockKind::SubItem(p, k)) => {
                    sub_item_citation(number(p), &doc.paragraphs[p].sub_items[k].marker())
                }
                Some(BlockKind::Part(pi)) => format!("heading{}", part(pi, "of")),
                Some(BlockKind::Section(s)) => {
                    format!("heading{}", part(doc.sections[s].part, "in"))
                }
                Some(BlockKind::Preamble(pi)) => format!("opening{}", part(pi, "of")),
                Some(BlockKind::Table(t)) => format!("table {}", t + 1),
                Some(BlockKind::Note(p, _)) => format!("your note on para. {}", number(p)),
                Some(BlockKind::Header) | None => "the header".to_string(),
            },
        }
    }
}

/// "para. 66 (b)", or "para. 140.12" for a numbered recommendation.
pub fn sub_item_citation(paragraph: u32, marker: &str) -> String {
    if marker.starts_with('(') {
        format!("para. {paragraph} {marker}")
    } else {
        format!("para. {marker}")
    }
}

/// One row: the place, and the text around the match.
fn row(index: usize, place: &str, text: &str, range: Range<u32>) -> MatchRow {
    let (start, end) = (range.start as usize, range.end as usize);
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let before_text = text.get(..start).unwrap_or_default();
    let from = before_text
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let after_text = text.get(end..).unwrap_or_default();
    let to = after_text
        .char_indices()
        .nth(AFTER)
        .map_or(after_text.len(), |(i, _)| i);
    let flat = |s: &str| sanitize(&s.replace(['\n', '\t'], " ")).into_owned();
    let before = flat(&before_text[from..]);
    let hit = flat(text.get(start..end).unwrap_or_default());
    let after = flat(&after_text[..to]);
    let hay = fold(&format!("{place} {before}{hit}{after}"));
    MatchRow {
        index,
        place: place.to_string(),
        before,
        hit,
        after,
        hay,
    }
}

pub(super) fn matches_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Matches(list) = &mut app.overlay else {
        return Vec::new();
    };
    let n = list.shown.len();
    match action {
        Action::LineDown => list.selected = (list.selected + 1).min(n.saturating_sub(1)),
        Action::LineUp => list.selected = list.selected.saturating_sub(1),
        Action::PageDown => list.selected = (list.selected + 10).min(n.saturating_sub(1)),
        Action::PageUp => list.selected = list.selected.saturating_sub(10),
        Action::DeleteBack => {
            list.filter.pop();
            list.refilter();
        }
        Action::Select => {
            let chosen = list.selected_row().map(|r| r.index);
            let origin = list.origin;
            app.overlay = Overlay::None;
            app.restore(origin);
            if let Some(i) = chosen {
                app.show_match(i);
                if app.place() != origin {
                    app.remember(origin);
                }
            }
        }
        Action::Close => {
            let origin = list.origin;
            app.overlay = Overlay::None;
            app.restore(origin);
        }
        _ => {}
    }
    Vec::new()
}
