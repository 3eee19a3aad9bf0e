//! The notes list: every note in document order, filtered as you type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, NotesList};
use crate::keymap::Mode;
use crate::text::sanitize;

pub fn draw(app: &App, list: &NotesList, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let rows = app.notes_rows(&list.filter);
    let title = format!(" Your notes ({}) ", app.note_index.views.len());
    let inner = super::popup(
        buf,
        area,
        area.width.saturating_sub(4).min(100),
        area.height
            .saturating_sub(2)
            .min(rows.len().max(1) as u16 + 4)
            .max(7),
        &title,
        theme,
    );
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let width = inner.width as usize;
    let filter = if list.filtering {
        format!("/{}█", sanitize(&list.filter))
    } else if list.filter.is_empty() {
        "/ to filter".to_string()
    } else {
        format!("filter: {}", sanitize(&list.filter))
    };
    Paragraph::new(Span::styled(
        fit(&filter, width),
        theme.look(crate::layout::Look::Bold),
    ))
    .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let body = inner.height.saturating_sub(2) as usize;
    let start = list.selected.saturating_sub(body.saturating_sub(1));
    for (row, (i, &v)) in rows.iter().enumerate().skip(start).take(body).enumerate() {
        let view = &app.note_index.views[v];
        let selected = i == list.selected;
        let base = if selected {
            theme.selected(true)
        } else {
            ratatui::style::Style::default()
        };
        let cite = format!("{:<14}", fit(&view.citation, 14));
        let date = format!(" {}", view.date);
        // A highlight shows its colour and its words, then its note.
        let (swatch, swatch_style) = match view.highlight {
            Some(h) => (
                format!("{} ", h.colour),
                base.patch(theme.highlight(h.colour)),
            ),
            None => ("  ".to_string(), base),
        };
        let tags: String = view.tags.iter().map(|t| format!(" #{t}")).collect();
        let tags = sanitize(&tags).into_owned();
        let room = width.saturating_sub(cite.width() + date.width() + 3);
        let tags = fit(&tags, room / 3);
        let room = room.saturating_sub(tags.width());
        let note = sanitize(view.first_line()).into_owned();
        let mut first = String::new();
        if view.highlight.is_some() {
            // A long quote leaves room for its note.
            let quote_room = if note.is_empty() { room } else { room / 2 };
            let quote = sanitize(&view.quote);
            first.push_str(&fit(&format!("“{quote}”"), quote_room.saturating_sub(1)));
            if !note.is_empty() {
                first.push_str(" — ");
            }
        }
        first.push_str(&note);
        let text = format!(" {:<room$}", fit(&first, room), room = room);
        let line = Line::from(vec![
            Span::styled(swatch, swatch_style),
            Span::styled(cite, base.patch(theme.look(crate::layout::Look::Bold))),
            Span::styled(text, base),
            Span::styled(tags, base.patch(theme.look(crate::layout::Look::Link))),
            Span::styled(date, if selected { base } else { theme.dim() }),
        ]);
        buf.set_line(inner.x, inner.y + 1 + row as u16, &line, inner.width);
    }
    if rows.is_empty() {
        let empty = if app.note_index.views.is_empty() {
            "No notes yet: press a on a paragraph to write one, or v to select words to highlight."
        } else {
            "No note matches the filter."
        };
        Paragraph::new(Span::styled(empty, theme.dim()))
            .render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
    }
    let hint = super::hints(
        app,
        Mode::Notes,
        &[
            (&[Action::Select], "go"),
            (&[Action::EditNote], "edit"),
            (&[Action::DeleteNote], "delete"),
            (&[Action::UndoDelete], "undo"),
            (&[Action::FilterNotes], "filter"),
            (&[Action::Close], "close"),
        ],
    );
    Paragraph::new(Span::styled(fit(&hint, width), theme.dim()))
        .render(Rect::new(inner.x, inner.bottom() - 1, inner.width, 1), buf);
}
