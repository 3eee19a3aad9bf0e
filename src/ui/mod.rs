//! Drawing. Everything here takes the state by shared reference: no IO, no
//! changes. One file per thing on screen.

mod bidi;
mod contents;
mod editor;
mod finder;
mod footnotes;
mod help;
mod matches;
mod notes;
mod notice;
mod reader;
mod shelf;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::action::Action;
use crate::app::{App, Overlay};
use crate::areas::{MIN_HEIGHT, MIN_WIDTH};
use crate::keymap::Mode;
use theme::Theme;

/// Draws the whole frame; ratatui sends only the cells that changed.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if (area.width, area.height) != app.size {
        // The terminal changed size after the app last heard of it: the
        // resize event on its way draws the frame at the new size.
        return;
    }
    let theme = Theme::new(app.no_color);
    let areas = app.areas();
    if areas.too_small || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area);
        return;
    }
    if let Some(s) = app.shelf.as_deref().filter(|s| s.shown) {
        shelf::draw(app, s, &theme, buf, area);
    } else {
        reader::draw(app, &theme, buf, &areas);
        // After the text: on a narrow terminal the contents lie over it.
        if let Some(c) = areas.contents {
            Clear.render(c, buf);
            contents::draw(app, &theme, buf, c);
        }
        status::draw(app, &theme, buf, areas.status);
    }
    match &app.overlay {
        Overlay::Footnotes(popup) => footnotes::draw(app, popup, &theme, buf, area),
        Overlay::Help { scroll } => help::draw(app, *scroll, &theme, buf, area),
        Overlay::Finder(f) => finder::draw(app, f, &theme, buf, area),
        Overlay::Editor(e) => editor::draw(app, e, &theme, buf, area),
        Overlay::Notes(list) => notes::draw(app, list, &theme, buf, area),
        Overlay::Matches(list) => matches::draw(app, list, &theme, buf, area),
        Overlay::Prompt(_) | Overlay::None => {}
    }
    if let Some(m) = app.message.as_ref().filter(|m| m.sticky) {
        notice::draw(app, m, &theme, buf, areas.status);
    }
}

fn too_small(buf: &mut Buffer, area: Rect) {
    Clear.render(area, buf);
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!("need at least {MIN_WIDTH}×{MIN_HEIGHT}")),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

/// A popup's key hints, from the keymap in use: "j/k choose · esc close".
/// Each entry is the first key of each of its actions, then what they do;
/// an entry with an unbound action is left out.
pub fn hints(app: &App, mode: Mode, entries: &[(&[Action], &str)]) -> String {
    let mut out = Vec::new();
    for (actions, what) in entries {
        let keys: Option<Vec<String>> = actions
            .iter()
            .map(|&a| app.keymap.first_key_for(mode, a))
            .collect();
        if let Some(keys) = keys {
            out.push(format!("{} {what}", keys.join("/")));
        }
    }
    out.join(" · ")
}

/// The first key of `action` in `mode`, or `fallback` when it has none.
pub fn key_for(app: &App, mode: Mode, action: Action, fallback: &str) -> String {
    app.keymap
        .first_key_for(mode, action)
        .unwrap_or_else(|| fallback.to_string())
}

/// Clears a centred box of at most `w`×`h` inside `area`, frames it with
/// `title` (cut to fit), and returns the inside.
pub fn popup(buf: &mut Buffer, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(reader::fit(title, rect.width.saturating_sub(2) as usize))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    block.render(rect, buf);
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
