//! The contents pane: parts and their country subsections, foldable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::section::{fit, put_line};
use super::theme::Theme;
use crate::app::{App, ContentsItem, Focus};
use crate::text::sanitize;
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let focused = app.focus == Focus::Contents;
    let inner = frame_pane(buf, area, theme.border(focused));
    let items = app.contents_items();
    let reading = app.reading_item();
    let width = inner.width as usize;
    let doc = &app.doc;
    for (row, (i, item)) in items
        .iter()
        .enumerate()
        .skip(app.contents.offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let text = match *item {
            ContentsItem::Summary => "Summary".to_string(),
            ContentsItem::Part(p) => {
                let part = &doc.parts[p];
                let fold = if part.sections.is_empty() {
                    " "
                } else if app.contents.folded.contains(&p) {
                    "▸"
                } else {
                    "▾"
                };
                let title = doc.plain(&part.title);
                format!("{fold}{}. {}", part.numeral, sanitize(&title))
            }
            ContentsItem::Section(s) => format!("   {}", sanitize(&doc.sections[s].title)),
        };
        let count = match *item {
            ContentsItem::Part(p) => app.note_index.per_part.get(p).copied().unwrap_or(0),
            ContentsItem::Section(s) => app.note_index.per_section.get(s).copied().unwrap_or(0),
            ContentsItem::Summary => 0,
        };
        let badge = if count > 0 {
            format!(" ✎{count}")
        } else {
            String::new()
        };
        let text = format!("{}{badge}", fit(&text, width.saturating_sub(badge.width())));
        let selected = if focused {
            app.contents.selected
        } else {
            reading
        };
        let style = if i == selected {
            theme.selected(focused)
        } else if i == reading {
            theme.look(crate::layout::Look::Bold)
        } else {
            ratatui::style::Style::default()
        };
        let padded = format!("{:<width$}", fit(&text, width), width = width);
        let y = inner.y + row as u16;
        put_line(
            buf,
            inner.x,
            y,
            &Line::from(Span::styled(fit(&padded, width), style)),
            inner.width,
        );
    }
}

/// The pane's frame: a top rule titled "Contents" and a rule on the right.
/// Drawn cell by cell: this is on screen every buf, and a `Block` with a
/// title costs a layout pass each time.
fn frame_pane(buf: &mut Buffer, area: Rect, style: ratatui::style::Style) -> Rect {
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    let right = area.right() - 1;
    for x in area.x..right {
        buf[(x, area.y)].set_char('─').set_style(style);
    }
    buf[(right, area.y)].set_char('┐').set_style(style);
    for y in area.y + 1..area.bottom() {
        buf[(right, y)].set_char('│').set_style(style);
    }
    let title = Line::from(Span::styled(" Contents ", style));
    put_line(buf, area.x, area.y, &title, area.width.saturating_sub(1));
    Rect::new(area.x, area.y + 1, area.width - 1, area.height - 1)
}
