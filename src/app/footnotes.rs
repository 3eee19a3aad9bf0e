//! The footnote popup: which footnotes it lists, and its keys.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnotePopup {
    /// Indices into `Document::footnotes`.
    pub list: Vec<usize>,
    pub selected: usize,
    pub scroll: u16,
}

impl App {
    pub(super) fn open_footnotes(&mut self) {
        let mut list: Vec<usize> = match self.current {
            Some(p) => self.doc.paragraphs[p].footnotes.clone(),
            None => (0..self.doc.footnotes.len())
                .filter(|&f| self.doc.footnotes[f].cited_in_header)
                .collect(),
        };
        // And the notes that the headings right above it and the tables
        // set after it cite.
        let at = self.current.unwrap_or(0);
        let doc = &self.doc;
        let headings = doc.parts.iter().filter(|p| p.paragraphs.start == at);
        let sections = doc.sections.iter().filter(|s| s.paragraphs.start == at);
        let tables = doc.tables.iter().filter(|t| t.follows == self.current);
        let more = headings
            .flat_map(|p| &p.footnotes)
            .chain(sections.flat_map(|s| &s.footnotes))
            .chain(tables.flat_map(|t| &t.footnotes));
        for &f in more {
            if !list.contains(&f) {
                list.push(f);
            }
        }
        if list.is_empty() {
            let text = match self.current {
                Some(p) => format!("para. {} cites no footnotes", self.doc.paragraphs[p].number),
                None => "the header cites no footnotes".into(),
            };
            self.set_message(text, MessageKind::Info);
            return;
        }
        self.overlay = Overlay::Footnotes(FootnotePopup {
            list,
            selected: 0,
            scroll: 0,
        });
    }
}

impl App {
    /// The popup of a note holding a search match: among the current
    /// paragraph's notes when it cites it.
    pub(super) fn open_note_match(&mut self, note: usize) {
        let cited = self
            .current
            .map(|p| self.doc.paragraphs[p].footnotes.clone())
            .filter(|list| list.contains(&note))
            .unwrap_or_else(|| vec![note]);
        let selected = cited.iter().position(|&f| f == note).unwrap_or(0);
        // A long note opens scrolled to the current match, a line above it.
        let width = crate::areas::footnote_text_width(self.size.0, cited.len());
        let text = crate::layout::footnote_block(&self.doc, note);
        let at = self
            .search
            .current
            .and_then(|c| self.search.matches.at(c))
            .map_or(0, |(_, r)| r.start);
        let line = crate::layout::wrap(text.text(), width as usize)
            .iter()
            .position(|r| at < r.end)
            .unwrap_or(0);
        self.overlay = Overlay::Footnotes(FootnotePopup {
            list: cited,
            selected,
            scroll: line.saturating_sub(1) as u16,
        });
    }
}

/// A note on a footnote as its popup shows it under the footnote's text.
pub fn note_under_footnote(view: &NoteView) -> String {
    let note = format!(
        "✎ your note ({}): {}",
        view.date,
        view.text.replace('\n', " ⏎ ")
    );
    crate::text::sanitize(&note).into_owned()
}

impl App {
    /// The height the footnote popup asks for on this screen: tall enough
    /// for the list or the selected footnote, whichever is longer.
    pub fn footnote_popup_height(&self, popup: &FootnotePopup) -> u16 {
        let doc = &self.doc;
        let text_w =
            crate::areas::footnote_text_width(self.size.0, popup.list.len()).max(1) as usize;
        let needed = popup
            .list
            .get(popup.selected)
            .map_or(1, |&f| {
                let text = crate::layout::inline_block(doc, "  ", &doc.footnotes[f].text);
                crate::layout::wrap(text.text(), text_w).len() + 2
            })
            .max(popup.list.len())
            + 3;
        self.size
            .1
            .saturating_sub(2)
            .min(needed.min(u16::MAX as usize) as u16)
            .max(8)
    }

    /// The lines of footnote `f`'s pane at `width`: its text, a blank line,
    /// where it is cited, and each note on it after a blank line.
    pub fn footnote_pane_lines(&self, f: usize, width: usize) -> usize {
        let text = crate::layout::footnote_block(&self.doc, f);
        let notes: usize = self
            .note_index
            .per_footnote
            .get(&f)
            .into_iter()
            .flatten()
            .map(|&v| 1 + wrap_count(&note_under_footnote(&self.note_index.views[v]), width))
            .sum();
        wrap_count(text.text(), width) + 2 + notes
    }

    /// The furthest the footnote popup scrolls: the selected footnote's
    /// last line at the bottom of its pane (inside the border, above the
    /// line of keys).
    pub(super) fn footnote_scroll_limit(&self, popup: &FootnotePopup) -> u16 {
        let Some(&f) = popup.list.get(popup.selected) else {
            return 0;
        };
        let width = crate::areas::footnote_text_width(self.size.0, popup.list.len()) as usize;
        let height = self.footnote_popup_height(popup).min(self.size.1);
        let rows = height.saturating_sub(3) as usize;
        let lines = self.footnote_pane_lines(f, width);
        lines.saturating_sub(rows).min(u16::MAX as usize) as u16
    }

    /// Keeps the scroll of the popup shown within its text, so that a key
    /// that scrolls back moves it at once (the screen changes size too).
    pub(super) fn keep_scroll_in_limits(&mut self) {
        let limit = match &self.overlay {
            Overlay::Footnotes(popup) => self.footnote_scroll_limit(popup),
            Overlay::Help { .. } => self.help_scroll_limit(),
            _ => return,
        };
        if let Overlay::Footnotes(FootnotePopup { scroll, .. }) | Overlay::Help { scroll } =
            &mut self.overlay
        {
            *scroll = (*scroll).min(limit);
        }
    }
}

fn wrap_count(text: &str, width: usize) -> usize {
    crate::layout::wrap(text, width).len()
}

pub(super) fn footnotes_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Footnotes(popup) = &mut app.overlay else {
        return Vec::new();
    };
    let n = popup.list.len();
    let selected = popup.list.get(popup.selected).copied();
    match action {
        Action::AddNote => {
            if let Some(f) = selected {
                app.add_note_on_footnote(f);
            }
        }
        Action::CopyCitation => {
            if let Some(f) = selected {
                return app.copy_citation(Some(f));
            }
        }
        Action::LineDown => {
            popup.selected = (popup.selected + 1).min(n.saturating_sub(1));
            popup.scroll = 0;
        }
        Action::LineUp => {
            popup.selected = popup.selected.saturating_sub(1);
            popup.scroll = 0;
        }
        Action::ScrollTextDown => popup.scroll = popup.scroll.saturating_add(3),
        Action::ScrollTextUp => popup.scroll = popup.scroll.saturating_sub(3),
        Action::Select => {
            let f = popup.list[popup.selected.min(n.saturating_sub(1))];
            app.overlay = Overlay::None;
            let cited = &app.doc.footnotes[f].cited_by;
            // Prefer a citing paragraph other than the one being read.
            let target = cited
                .iter()
                .copied()
                .find(|&p| Some(p) != app.current)
                .or_else(|| cited.first().copied());
            match target {
                Some(p) => {
                    app.goto_paragraph(p, true);
                    let number = app.doc.paragraphs[p].number;
                    app.set_message(
                        format!(
                            "footnote {} is cited in para. {number}",
                            app.doc.footnotes[f].label
                        ),
                        MessageKind::Info,
                    );
                }
                None => {
                    let from = app.place();
                    app.top = Pos::default();
                    app.current = None;
                    if from != app.place() {
                        app.remember(from);
                    }
                }
            }
        }
        Action::SearchNext | Action::SearchPrevious => {
            app.overlay = Overlay::None;
            app.step_match(action == Action::SearchNext);
        }
        Action::Close => app.overlay = Overlay::None,
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        _ => {}
    }
    Vec::new()
}
