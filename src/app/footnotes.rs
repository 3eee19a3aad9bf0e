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
