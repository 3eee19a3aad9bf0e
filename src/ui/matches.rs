//! The list of a search's matches: a row per match, its place and its line
//! with the match marked; narrowed as you type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, MatchList};
use crate::keymap::Mode;
use crate::layout::Look;
use crate::text::sanitize;

/// Columns for a row's place ("note 12, cited in para. 140").
const PLACE: usize = 28;

pub fn draw(app: &App, list: &MatchList, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let query = sanitize(&app.search.query);
    let title = if list.total > list.rows.len() {
        format!(
            " \"{query}\": the first {} of {} matches ",
            list.rows.len(),
            list.total
        )
    } else {
        format!(" \"{query}\": {} matches ", list.total)
    };
    let inner = super::popup(
        buf,
        area,
        area.width.saturating_sub(4).min(120),
        area.height
            .saturating_sub(2)
            .min(list.shown.len().max(1) as u16 + 4)
            .max(7),
        &title,
        theme,
    );
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let width = inner.width as usize;
    let filter = if list.filter.is_empty() {
        "type to narrow the list".to_string()
    } else {
        format!(
            "narrow: {}█  ({} rows)",
            sanitize(&list.filter),
            list.shown.len()
        )
    };
    Paragraph::new(Span::styled(fit(&filter, width), theme.look(Look::Bold)))
        .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let body = inner.height.saturating_sub(2) as usize;
    let start = list.selected.saturating_sub(body.saturating_sub(1));
    let place_w = PLACE.min(width / 3);
    for (row, (i, &r)) in list
        .shown
        .iter()
        .enumerate()
        .skip(start)
        .take(body)
        .enumerate()
    {
        let m = &list.rows[r];
        let selected = i == list.selected;
        let base = if selected {
            theme.selected(true)
        } else {
            Style::default()
        };
        let place = format!("{:<place_w$} ", fit(&m.place, place_w));
        let mut room = width.saturating_sub(place.width());
        let hit = fit(&m.hit, room);
        room = room.saturating_sub(hit.width());
        // As much of the text before the match as leaves it a third of the row after.
        let before_room = room.saturating_sub(room / 3).min(m.before.width());
        let before = last_columns(&m.before, before_room);
        room = room.saturating_sub(before.width());
        let after = fit(&m.after, room);
        let line = Line::from(vec![
            Span::styled(place, base.patch(theme.look(Look::Bold))),
            Span::styled(before, base),
            Span::styled(hit, base.patch(theme.current_match())),
            Span::styled(after, base),
        ]);
        buf.set_line(inner.x, inner.y + 1 + row as u16, &line, inner.width);
    }
    if list.shown.is_empty() {
        Paragraph::new(Span::styled(
            "No match's place or line has that.",
            theme.dim(),
        ))
        .render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
    }
    let hint = super::hints(
        app,
        Mode::Matches,
        &[
            (&[Action::LineDown, Action::LineUp], "move"),
            (&[Action::Select], "go"),
            (&[Action::Close], "back"),
        ],
    );
    Paragraph::new(Span::styled(fit(&hint, width), theme.dim()))
        .render(Rect::new(inner.x, inner.bottom() - 1, inner.width, 1), buf);
}

/// The end of `text` that fits in `columns`.
fn last_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut from = text.len();
    for (i, c) in text.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            break;
        }
        used += w;
        from = i;
    }
    text[from..].to_string()
}
