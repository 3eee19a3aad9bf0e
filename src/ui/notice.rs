//! A notice: a message about the user's notes or files, shown whole
//! (paths are long) above the status line until the close key dismisses it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, Message, MessageKind};
use crate::keymap::Mode;
use crate::text::sanitize;

/// Most lines of text a notice takes; the rest of the screen stays readable.
const MAX_LINES: u16 = 8;

pub fn draw(app: &App, message: &Message, theme: &Theme, buf: &mut Buffer, status: Rect) {
    let width = status.width;
    if width < 10 || status.y < 3 {
        return;
    }
    let text = sanitize(&message.text).into_owned();
    let inner = width.saturating_sub(2).max(1) as usize;
    let lines = wrapped_lines(&text, inner).clamp(1, MAX_LINES);
    let height = (lines + 2).min(status.y);
    let area = Rect::new(status.x, status.y - height, width, height);
    let dismiss = match app.mode() {
        Mode::Reader | Mode::Contents => Action::ClearSearch,
        _ => Action::Close,
    };
    let close = app
        .keymap
        .first_key_for(app.mode(), dismiss)
        .unwrap_or_else(|| "Esc".into());
    let style = match message.kind {
        MessageKind::Error => theme.error(),
        MessageKind::Warning => theme.warning(),
        MessageKind::Info => theme.status(),
    };
    Clear.render(area, buf);
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(format!(" {close} dismisses ")),
        )
        .render(area, buf);
}

/// Lines `text` takes wrapped at `width` columns, word by word.
fn wrapped_lines(text: &str, width: usize) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let mut lines = 1u16;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            lines = lines.saturating_add(1);
            used = 0;
        }
        if used > 0 {
            used += 1;
        }
        // A word longer than a line (a path) takes several.
        lines = lines.saturating_add((w.saturating_sub(1) / width.max(1)) as u16);
        used += w % width.max(1);
    }
    lines
}
