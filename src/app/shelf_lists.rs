//! What the shelf's lists hold (as the runner's inputs bring it) and their
//! rows: sorted, and narrowed fuzzily as you type (reports by symbol and
//! title; notes as the in-report notes list is).

use std::cmp::Ordering;
use std::path::PathBuf;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::shelf::{Shelf, ShelfList, ShelfView, Sort};
use super::{App, MessageKind, Pos};
use crate::notes::{Annotations, Note};
use crate::shelf::Hit;
use crate::shelf::catalogue::Entry;

/// A note or highlight on a report of the shelf.
#[derive(Debug, Clone, PartialEq)]
pub struct ShelfNote {
    pub path: PathBuf,
    /// "A/80/188, para. 24" (the file's name for a report with no symbol).
    pub citation: String,
    pub note: Note,
}

/// Every live note on a report of the shelf, report by report in name
/// order, each report's in paragraph order.
pub(super) fn shelf_notes(shelf: &Shelf) -> Vec<ShelfNote> {
    let Some(annotations) = &shelf.annotations else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in &shelf.reports {
        let Some(card) = &entry.card else {
            continue;
        };
        let mut notes: Vec<&Note> = annotations.live_notes(&card.fingerprint).collect();
        notes.sort_by_key(|n| (n.paragraph.unwrap_or(0), n.created));
        let who = report_name(entry);
        for note in notes {
            out.push(ShelfNote {
                path: entry.path.clone(),
                citation: format!("{who}, {}", place(note)),
                note: note.clone(),
            });
        }
    }
    out
}

/// A report as a list names it: its symbol, else its file's name.
pub fn report_name(entry: &Entry) -> String {
    entry
        .card
        .as_ref()
        .and_then(|c| c.symbol.clone())
        .unwrap_or_else(|| {
            entry
                .rel
                .rsplit('/')
                .next()
                .unwrap_or(&entry.rel)
                .to_string()
        })
}

/// Where a note is, as printed: "para. 24 (b)", "note 3", "title page".
fn place(note: &Note) -> String {
    match (&note.paragraph, &note.sub_item, &note.footnote) {
        (_, _, Some(f)) => format!("note {f}"),
        (Some(p), Some(s), None) => format!("para. {p} ({s})"),
        (Some(p), None, None) => format!("para. {p}"),
        (None, _, None) => "title page".to_string(),
    }
}

/// A date as printed ("10 March 2025") as (year, month, day) for sorting;
/// (0, 0, 0) where it cannot be read.
fn date_key(date: Option<&str>) -> (u32, u32, u32) {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let Some(date) = date else {
        return (0, 0, 0);
    };
    let (mut year, mut month, mut day) = (0, 0, 0);
    for word in date.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_ascii_lowercase();
        if let Ok(n) = word.parse::<u32>() {
            if n > 31 {
                year = n;
            } else {
                day = n;
            }
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| lower.len() >= 3 && lower.starts_with(m))
        {
            month = m as u32 + 1;
        }
    }
    (year, month, day)
}

fn compare(a: &Entry, b: &Entry, sort: Sort) -> Ordering {
    // Files that could not be read come last, by name.
    let (Some(ca), Some(cb)) = (&a.card, &b.card) else {
        return b
            .card
            .is_some()
            .cmp(&a.card.is_some())
            .then(a.rel.cmp(&b.rel));
    };
    let by_symbol = || {
        let key = |c: &crate::shelf::units::Card| {
            c.symbol
                .as_deref()
                .map(crate::shelf::schema::symbol_key)
                .unwrap_or_else(|| "\u{10ffff}".into())
        };
        key(ca).cmp(&key(cb))
    };
    let title = |c: &crate::shelf::units::Card| c.title.to_lowercase();
    match sort {
        Sort::Symbol => by_symbol(),
        Sort::Date => date_key(cb.date.as_deref())
            .cmp(&date_key(ca.date.as_deref()))
            .then_with(by_symbol),
        Sort::Title => title(ca).cmp(&title(cb)).then_with(by_symbol),
    }
    .then(a.rel.cmp(&b.rel))
}

/// Indices of `hay`'s items that `filter` keeps, best first; all of them,
/// in order, when it is empty. Each word of the filter must match on its
/// own, in any order ("slovenia compilation" finds "Compilation on Slovenia").
fn fuzzy(filter: &str, hay: impl Iterator<Item = String>) -> Vec<usize> {
    let words: Vec<&str> = filter.split_whitespace().collect();
    if words.is_empty() {
        return hay.enumerate().map(|(i, _)| i).collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize)> = hay
        .enumerate()
        .filter_map(|(i, h)| {
            words
                .iter()
                .map(|w| matcher.fuzzy_match(&h, w))
                .sum::<Option<i64>>()
                .map(|s| (s, i))
        })
        .collect();
    // Stable: equal scores keep the list's order.
    scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    scored.into_iter().map(|(_, i)| i).collect()
}

impl App {
    /// What a search of the shelf found.
    pub(super) fn shelf_found(&mut self, query: String, hits: Result<Vec<Hit>, String>) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        shelf.searching = false;
        match hits {
            Ok(hits) => {
                let none = hits.is_empty();
                shelf.results = hits;
                shelf.lists[ShelfView::Results.index()] = ShelfList::default();
                self.refilter_shelf();
                if none {
                    let text = format!(
                        "nothing on the shelf answers \"{}\"",
                        crate::text::sanitize(&query)
                    );
                    self.set_message(text, MessageKind::Info);
                }
            }
            Err(why) => self.set_message(why, MessageKind::Error),
        }
    }

    /// The notes file, read: counts per report, and the list of notes.
    pub(super) fn shelf_notes_read(&mut self, annotations: Annotations) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        shelf.counts = annotations
            .documents
            .keys()
            .map(|fp| {
                let (mut notes, mut highlights) = (0, 0);
                for n in annotations.live_notes(fp) {
                    if n.highlight.is_some() {
                        highlights += 1;
                    } else {
                        notes += 1;
                    }
                }
                (fp.clone(), (notes, highlights))
            })
            .collect();
        shelf.annotations = Some(annotations);
        shelf.notes = shelf_notes(shelf);
        self.refilter_shelf();
    }

    /// The shelf's reports, all of them (`entries`; None: as they were),
    /// and what to tell of them; `indexing` while the index is updated.
    pub(super) fn shelf_listed(
        &mut self,
        entries: Option<Vec<Entry>>,
        said: Vec<String>,
        indexing: bool,
    ) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        // The chosen report stays chosen in the new list.
        let reports = &shelf.lists[ShelfView::Reports.index()];
        let chosen = reports
            .rows
            .get(reports.selected)
            .and_then(|&r| shelf.reports.get(r))
            .map(|e| e.rel.clone());
        if let Some(entries) = entries {
            shelf.by_rel = entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.rel.clone(), i))
                .collect();
            shelf.reports = entries;
            // The notes follow the reports they are on.
            shelf.notes = shelf_notes(shelf);
        }
        shelf.indexing = indexing.then_some((0, 0));
        if !said.is_empty() {
            self.set_message(said.join("; "), MessageKind::Warning);
        }
        self.refilter_shelf();
        if let Some(shelf) = self.shelf.as_mut()
            && let Some(at) = chosen.and_then(|rel| shelf.by_rel.get(&rel).copied())
        {
            let list = &mut shelf.lists[ShelfView::Reports.index()];
            list.selected = list.rows.iter().position(|&r| r == at).unwrap_or(0);
        }
    }

    /// One more file dealt with while indexing.
    pub(super) fn shelf_progress(&mut self, done: usize, total: usize, entry: Option<Entry>) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        shelf.indexing = Some((done, total));
        if let Some(entry) = entry {
            match shelf.by_rel.get(&entry.rel) {
                Some(&i) => shelf.reports[i] = entry,
                None => {
                    shelf.by_rel.insert(entry.rel.clone(), shelf.reports.len());
                    shelf.reports.push(entry);
                }
            }
        }
        // Sorting the list on every file would cost a large shelf dear: it is
        // sorted again when a quarter more reports have come (a replaced
        // report shows at once; the rows stay good between).
        let grown = shelf.reports.len() >= shelf.sorted_len + shelf.sorted_len / 4 + 8;
        if grown || done == total {
            self.refilter_shelf();
        }
    }

    /// The rows of the list on screen, after a change to what it lists,
    /// its filter or its order; the chosen row kept where it still is.
    pub(super) fn refilter_shelf(&mut self) {
        let recent = &self.recent;
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let view = shelf.view;
        let filter = shelf.list().filter.clone();
        let rows = match view {
            ShelfView::Reports => {
                shelf.sorted_len = shelf.reports.len();
                let mut order: Vec<usize> = (0..shelf.reports.len()).collect();
                order.sort_by(|&a, &b| compare(&shelf.reports[a], &shelf.reports[b], shelf.sort));
                let hay = order.iter().map(|&i| {
                    let e = &shelf.reports[i];
                    match &e.card {
                        Some(c) => format!("{} {}", c.symbol.as_deref().unwrap_or(""), c.title),
                        None => e.rel.clone(),
                    }
                });
                let kept = fuzzy(&filter, hay);
                kept.into_iter().map(|k| order[k]).collect()
            }
            ShelfView::Results => fuzzy(
                &filter,
                shelf
                    .results
                    .iter()
                    .map(|h| format!("{} {}", crate::shelf::hits::line(h), h.title)),
            ),
            ShelfView::Recent => fuzzy(
                &filter,
                recent.iter().map(|r| {
                    format!(
                        "{} {} {}",
                        r.symbol.as_deref().unwrap_or(""),
                        r.title,
                        r.path
                    )
                }),
            ),
            ShelfView::Notes => notes_rows(&shelf.notes, &filter),
        };
        let list = &mut shelf.lists[view as usize];
        let before = list.rows.get(list.selected).copied();
        list.rows = rows;
        list.selected = before
            .and_then(|b| list.rows.iter().position(|&r| r == b))
            .unwrap_or(0);
    }

    /// The filter changed: the rows again, the best first and chosen.
    pub(super) fn narrowed(&mut self) {
        self.refilter_shelf();
        if let Some(shelf) = self.shelf.as_mut() {
            shelf.lists[shelf.view as usize].selected = 0;
        }
    }

    /// In a report just opened: goes to note `id` and says what it is.
    pub(super) fn show_note(&mut self, id: &str) {
        let Some(view) = self.note_index.views.iter().find(|v| v.id == id).cloned() else {
            return;
        };
        match view.location.and_then(|l| l.paragraph(&self.doc)) {
            Some(p) => self.goto_paragraph(p, false),
            None => self.top = Pos::default(),
        }
        let what = if view.highlight.is_some() {
            format!("highlight, {}: {}", view.citation, view.quote)
        } else {
            format!("note, {}: {}", view.citation, view.first_line())
        };
        self.set_message(crate::text::sanitize(&what), MessageKind::Info);
    }
}

/// The notes `filter` keeps, as the in-report notes list filters: `#tag`
/// keeps a tag, a colour's digit (1 to 5) the highlights of that colour,
/// other words match fuzzily the citation, quoted words and note.
fn notes_rows(notes: &[ShelfNote], filter: &str) -> Vec<usize> {
    let (tags, colours, words) = super::notes::split_filter(filter);
    let kept: Vec<usize> = (0..notes.len())
        .filter(|&i| {
            let n = &notes[i].note;
            tags.iter().all(|t| crate::notes::has_tag(&n.text, t))
                && (colours.is_empty()
                    || n.highlight
                        .as_ref()
                        .is_some_and(|h| colours.contains(&h.colour)))
        })
        .collect();
    let hay = kept.iter().map(|&i| {
        let n = &notes[i];
        format!("{} {} {}", n.citation, n.note.quote.exact, n.note.text)
    });
    fuzzy(&words, hay).into_iter().map(|k| kept[k]).collect()
}
