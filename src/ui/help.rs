//! The help overlay: every binding of the active keymap, mode by mode, with
//! each action's one-line description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, help_lines};
use crate::keymap::Mode;

fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "Everywhere",
        Mode::Reader => "Reading",
        Mode::Contents => "Contents pane",
        Mode::Footnotes => "Footnote popup",
        Mode::Help => "This help",
        Mode::Prompt => "Typing after : or /",
        Mode::Finder => "Country finder",
        Mode::Editor => "Note editor (other keys edit the text)",
        Mode::Notes => "Notes list",
        Mode::Selection => "Selecting a passage (after v, or a mouse drag)",
        Mode::Highlight => "A chosen highlight (after H)",
        Mode::Matches => "List of matches (after s; other letters narrow it)",
        Mode::Shelf => "The shelf (report-reader DIR; other letters narrow its lists)",
    }
}

pub fn draw(app: &App, scroll: u16, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let close = super::key_for(app, Mode::Help, Action::Close, "esc");
    let inner = super::popup(
        buf,
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
        &format!(" Keys ({close} closes) "),
        theme,
    );
    let key_w = 22usize.min(inner.width as usize / 3);
    let desc_w = (inner.width as usize).saturating_sub(key_w + 2);
    let lines: Vec<Line> = help_lines(&app.keymap)
        .into_iter()
        .map(|(mode, keys, help)| match mode {
            Some(m) => Line::from(Span::styled(
                mode_title(m),
                theme.look(crate::layout::Look::SectionHeading),
            )),
            None => Line::from(vec![
                Span::styled(
                    format!(
                        "  {:<key_w$}",
                        fit(&keys, key_w.saturating_sub(1)),
                        key_w = key_w
                    ),
                    theme.look(crate::layout::Look::Bold),
                ),
                Span::raw(fit(help, desc_w)),
            ]),
        })
        .collect();
    // `update` keeps the scroll within the text (`App::help_scroll_limit`).
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
}
