//! Drawing. Everything here takes the state by shared reference: no IO, no
//! changes. One file per thing on screen.

pub mod areas;
mod contents;
mod editor;
mod finder;
mod footnote;
mod help;
mod notes;
mod section;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::{App, Overlay};
use areas::{MIN_HEIGHT, MIN_WIDTH};
use theme::Theme;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.no_color);
    let areas = app.areas();
    if areas.too_small || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    if let Some(c) = areas.contents {
        contents::draw(app, &theme, frame, c);
    }
    section::draw(app, &theme, frame, &areas);
    status::draw(app, &theme, frame, areas.status);
    match &app.overlay {
        Overlay::Footnotes(popup) => footnote::draw(app, popup, &theme, frame, area),
        Overlay::Help { scroll } => help::draw(app, *scroll, &theme, frame, area),
        Overlay::Finder(f) => finder::draw(app, f, &theme, frame, area),
        Overlay::Editor(e) => editor::draw(app, e, &theme, frame, area),
        Overlay::Notes(list) => notes::draw(app, list, &theme, frame, area),
        Overlay::Prompt(_) | Overlay::None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!("need at least {MIN_WIDTH}×{MIN_HEIGHT}")),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// Clears a centred box of at most `w`×`h` inside `area`, frames it with
/// `title` (cut to fit), and returns the inside.
pub fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(section::fit(title, rect.width.saturating_sub(2) as usize))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A centred rectangle of at most `w`×`h`, inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
