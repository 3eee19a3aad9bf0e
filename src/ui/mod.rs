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

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::{App, Overlay};
use areas::{MIN_HEIGHT, MIN_WIDTH};
use theme::Theme;

pub fn draw(app: &App, buf: &mut Buffer) {
    let area = buf.area;
    let theme = Theme::new(app.no_color);
    let areas = app.areas();
    if areas.too_small || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area);
        return;
    }
    if let Some(c) = areas.contents {
        contents::draw(app, &theme, buf, c);
    }
    section::draw(app, &theme, buf, &areas);
    status::draw(app, &theme, buf, areas.status);
    match &app.overlay {
        Overlay::Footnotes(popup) => footnote::draw(app, popup, &theme, buf, area),
        Overlay::Help { scroll } => help::draw(app, *scroll, &theme, buf, area),
        Overlay::Finder(f) => finder::draw(app, f, &theme, buf, area),
        Overlay::Editor(e) => editor::draw(app, e, &theme, buf, area),
        Overlay::Notes(list) => notes::draw(app, list, &theme, buf, area),
        Overlay::Prompt(_) | Overlay::None => {}
    }
}

pub use contents::ContentsKey;
pub use section::{GutterKey, RowKey, ScrollbarShape, put_line};

/// Whether the frame is the reader alone (no popup over the panes): only
/// such a frame can be drawn again in part by `redraw_reader`.
pub fn is_reader_frame(app: &App) -> bool {
    matches!(app.overlay, Overlay::None | Overlay::Prompt(_)) && !app.areas().too_small
}

/// What each part of a reader frame is drawn from: parts with equal keys
/// draw equal cells, so a frame need only draw the parts whose keys changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderKeys {
    pub areas: areas::Areas,
    /// The text of each row of the section pane.
    pub rows: Vec<RowKey>,
    pub gutters: Vec<GutterKey>,
    pub contents: Option<ContentsKey>,
    pub title: section::TitleKey,
    pub scrollbar: usize,
    pub status: status::StatusKey,
}

pub fn reader_keys(app: &App) -> ReaderKeys {
    let mut keys = ReaderKeys::default();
    fill_reader_keys(app, &mut keys);
    keys
}

/// `reader_keys`, into earlier keys' room: a scroll allocates nothing here.
pub fn fill_reader_keys(app: &App, keys: &mut ReaderKeys) {
    let areas = app.areas();
    keys.areas = areas;
    section::row_keys(app, &mut keys.rows);
    section::gutter_keys(app, &mut keys.gutters);
    match (areas.contents, &mut keys.contents) {
        (Some(c), Some(key)) => contents::fill_key(app, c, key),
        (Some(c), none) => *none = Some(contents::key(app, c)),
        (None, key) => *key = None,
    }
    keys.title = section::title_key(app, areas.title.width);
    keys.scrollbar = section::scrollbar_position(app);
    status::fill_key(app, areas.status.width, &mut keys.status);
}

/// Which lines of a reader frame the screen sends again (the contents pane
/// decides for itself, from its keys).
#[derive(Debug, Default)]
pub struct Redraw {
    /// Per row of the section pane: its text, its gutter.
    pub text: Vec<bool>,
    pub gutters: Vec<bool>,
    pub title: bool,
    pub status: bool,
}

/// Draws the contents pane into `buf`, where the caller has blanked it;
/// the rest of `buf` is already right. The rest of a reader frame is left
/// to the caller, which sends it from `text_line`, `gutter_line`,
/// `title_line`, `status_line` and the scrollbar's shape.
pub fn redraw_contents(app: &App, buf: &mut Buffer, keys: &ReaderKeys) {
    if let Some(key) = &keys.contents {
        contents::draw_from(app, key, &Theme::new(app.no_color), buf);
    }
}

/// Draws entries `rows` (counted from the first) of the contents pane into
/// `buf`, over their cells, which the caller has blanked.
pub fn redraw_contents_rows(app: &App, buf: &mut Buffer, keys: &ReaderKeys, rows: &[usize]) {
    if let Some(key) = &keys.contents {
        let theme = Theme::new(app.no_color);
        for &row in rows {
            contents::draw_row(app, key, row, &theme, buf);
        }
    }
}

/// The gutter of row `row` of the section pane, drawn over default cells.
/// None: the row is blank.
pub fn gutter_line(app: &App, areas: &areas::Areas, row: usize) -> Option<Line<'static>> {
    section::gutter_line(app, &Theme::new(app.no_color), areas, row)
}

/// Row `row` of the section pane's text, and how far it is indented; drawn
/// over default cells. None: the row is blank.
pub fn text_line<'a>(app: &'a App, areas: &areas::Areas, row: usize) -> Option<(u16, Line<'a>)> {
    section::text_line(app, &Theme::new(app.no_color), areas, row)
}

/// The title line over the section pane, drawn over default cells.
pub fn title_line(app: &App, width: u16) -> Line<'static> {
    section::title_line(app, &Theme::new(app.no_color), width)
}

/// The status line, and the style of the cells it is drawn over.
pub fn status_line(app: &App, width: u16) -> (Line<'static>, ratatui::style::Style) {
    let theme = Theme::new(app.no_color);
    (status::line(app, &theme, width), theme.status())
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

/// Clears a centred box of at most `w`×`h` inside `area`, frames it with
/// `title` (cut to fit), and returns the inside.
pub fn popup(buf: &mut Buffer, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(section::fit(title, rect.width.saturating_sub(2) as usize))
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
