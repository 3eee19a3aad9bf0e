//! The contents pane: parts and their country subsections, foldable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::reader::fit;
use super::theme::Theme;
use crate::app::{App, ContentsItem, Focus};
use crate::text::sanitize;
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let focused = app.focus == Focus::Contents;
    let inner = frame_pane(buf, area, theme.border(focused));
    let reading = app.reading_item();
    let selected = if focused {
        app.contents.selected
    } else {
        reading
    };
    let width = inner.width as usize;
    let doc = &app.doc;
    let entries = app
        .contents_items()
        .iter()
        .enumerate()
        .skip(app.contents.offset)
        .take(inner.height as usize);
    for (row, (i, &item)) in entries.enumerate() {
        let index = &app.note_index;
        let (folded, count, marked) = match item {
            ContentsItem::Part(p) => (
                app.contents.folded.contains(&p),
                index.per_part.get(p).copied().unwrap_or(0),
                index.highlights_per_part.get(p).copied().unwrap_or(0),
            ),
            ContentsItem::Section(s) => (
                false,
                index.per_section.get(s).copied().unwrap_or(0),
                index.highlights_per_section.get(s).copied().unwrap_or(0),
            ),
            ContentsItem::Summary => (false, 0, 0),
        };
        let text = match item {
            ContentsItem::Summary => doc.header.front_label().to_string(),
            ContentsItem::Part(p) => {
                let part = &doc.parts[p];
                let fold = if part.sections.is_empty() {
                    " "
                } else if folded {
                    "▸"
                } else {
                    "▾"
                };
                let title = doc.plain(&part.title);
                if part.numeral.is_empty() {
                    format!("{fold}{}", sanitize(&title))
                } else {
                    format!("{fold}{}. {}", part.numeral, sanitize(&title))
                }
            }
            ContentsItem::Section(s) => {
                let section = &doc.sections[s];
                let indent = "  ".repeat(usize::from(section.level.max(1)));
                format!(" {indent}{}", sanitize(&section.title))
            }
        };
        let mut badge = String::new();
        if count > 0 {
            badge.push_str(&format!(" ✎{count}"));
        }
        if marked > 0 {
            badge.push_str(&format!(" ▮{marked}"));
        }
        let text = format!("{}{badge}", fit(&text, width.saturating_sub(badge.width())));
        // The selection, and where the reader is when the pane does not
        // have the focus.
        let style = if i == selected {
            theme.selected(focused)
        } else if i == reading {
            theme.look(crate::layout::Look::Bold)
        } else {
            ratatui::style::Style::default()
        };
        let padded = format!("{:<width$}", fit(&text, width), width = width);
        let y = inner.y + row as u16;
        buf.set_line(
            inner.x,
            y,
            &Line::from(Span::styled(fit(&padded, width), style)),
            inner.width,
        );
    }
}

/// Where the entries go inside the pane's frame.
fn inner(area: Rect) -> Rect {
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    Rect::new(area.x, area.y + 1, area.width - 1, area.height - 1)
}

/// The pane's frame: a top rule titled "Contents" and a rule on the right.
fn frame_pane(buf: &mut Buffer, area: Rect, style: ratatui::style::Style) -> Rect {
    if area.width < 2 || area.height < 2 {
        return inner(area);
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
    buf.set_line(area.x, area.y, &title, area.width.saturating_sub(1));
    inner(area)
}
