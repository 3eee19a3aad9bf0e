//! The contents pane: parts and their country subsections, foldable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::section::{fit, put_line};
use super::theme::Theme;
use crate::app::{App, ContentsItem, Focus};
use crate::text::sanitize;
use unicode_width::UnicodeWidthStr;

/// How an entry is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    /// Where the reader is, when the pane does not have the focus.
    Reading,
    Selected,
}

/// One entry on screen: what it is, whether folded, its note count, its mark.
type Row = (ContentsItem, bool, u32, Mark);

/// Everything the pane is drawn from: equal keys draw the same pane, so a
/// frame that only scrolled the text need not draw it again.
#[derive(Debug, Clone)]
pub struct ContentsKey {
    /// What the rows are made from; equal stamps make equal rows.
    stamp: Stamp,
    rows: Vec<Row>,
}

/// The area, focus, entries (by the contents' epoch), offset, selection and
/// reading place.
type Stamp = (Rect, bool, u64, usize, usize, usize);

impl PartialEq for ContentsKey {
    fn eq(&self, other: &Self) -> bool {
        self.stamp == other.stamp
    }
}

impl Eq for ContentsKey {}

impl ContentsKey {
    /// The screen columns of the pane's entries (its right rule aside).
    pub fn entry_columns(&self) -> std::ops::Range<u16> {
        let inner = inner(self.stamp.0);
        inner.x..inner.right()
    }

    /// The screen rows of the pane's entries.
    pub fn rows(&self) -> std::ops::Range<u16> {
        let inner = inner(self.stamp.0);
        inner.y..inner.bottom()
    }

    /// Whether `self` differs from `other` only in which entries are marked
    /// (selected, being read): then only the entries whose mark changed
    /// need drawing again.
    pub fn marks_only(&self, other: &ContentsKey) -> bool {
        let ((a, b, c, d, ..), (e, f, g, h, ..)) = (self.stamp, other.stamp);
        (a, b, c, d) == (e, f, g, h) && self.rows.len() == other.rows.len()
    }

    /// The entries (counted from the first) drawn otherwise in `other`.
    pub fn changed_from<'a>(&'a self, other: &'a ContentsKey) -> impl Iterator<Item = usize> + 'a {
        (0..self.rows.len()).filter(move |&i| self.rows.get(i) != other.rows.get(i))
    }

    /// Whether screen row `a` of this pane shows what screen row `b` of
    /// `other` showed (both no entry counts): frame aside, they are drawn
    /// alike.
    pub fn same_as(&self, a: u16, other: &ContentsKey, b: u16) -> bool {
        self.entry(a) == other.entry(b)
    }

    fn entry(&self, y: u16) -> Option<&Row> {
        let inner = inner(self.stamp.0);
        y.checked_sub(inner.y)
            .and_then(|i| self.rows.get(usize::from(i)))
    }
}

pub fn key(app: &App, area: Rect) -> ContentsKey {
    let mut key = ContentsKey {
        // No stamp is this one: the rows are made.
        stamp: (area, false, u64::MAX, usize::MAX, usize::MAX, usize::MAX),
        rows: Vec::new(),
    };
    fill_key(app, area, &mut key);
    key
}

/// `key`, into an earlier key's room.
pub fn fill_key(app: &App, area: Rect, key: &mut ContentsKey) {
    let focused = app.focus == Focus::Contents;
    let inner = inner(area);
    let reading = app.reading_item();
    let selected = if focused {
        app.contents.selected
    } else {
        reading
    };
    let stamp = (
        area,
        focused,
        app.contents.epoch,
        app.contents.offset,
        selected,
        reading,
    );
    if key.stamp == stamp {
        return;
    }
    key.stamp = stamp;
    key.rows.clear();
    let rows = app
        .contents_items()
        .iter()
        .enumerate()
        .skip(app.contents.offset)
        .take(inner.height as usize)
        .map(|(i, &item)| {
            let (folded, count) = match item {
                ContentsItem::Part(p) => (
                    // Nothing folded is the common case: no hashing then.
                    !app.contents.folded.is_empty() && app.contents.folded.contains(&p),
                    app.note_index.per_part.get(p).copied().unwrap_or(0),
                ),
                ContentsItem::Section(s) => (
                    false,
                    app.note_index.per_section.get(s).copied().unwrap_or(0),
                ),
                ContentsItem::Summary => (false, 0),
            };
            let mark = if i == selected {
                Mark::Selected
            } else if i == reading {
                Mark::Reading
            } else {
                Mark::Plain
            };
            (item, folded, count, mark)
        });
    key.rows.extend(rows);
}

pub fn draw(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    draw_from(app, &key(app, area), theme, buf);
}

/// Draws the pane that `key` describes.
pub fn draw_from(app: &App, key: &ContentsKey, theme: &Theme, buf: &mut Buffer) {
    let (area, focused, ..) = key.stamp;
    frame_pane(buf, area, theme.border(focused));
    for row in 0..key.rows.len() {
        draw_row(app, key, row, theme, buf);
    }
}

/// Draws entry `row` of the pane over its cells, which must be blank.
pub fn draw_row(app: &App, key: &ContentsKey, row: usize, theme: &Theme, buf: &mut Buffer) {
    let (area, focused, ..) = key.stamp;
    let Some(&(item, folded, count, mark)) = key.rows.get(row) else {
        return;
    };
    let inner = inner(area);
    let width = inner.width as usize;
    let doc = &app.doc;
    let text = match item {
        ContentsItem::Summary => "Summary".to_string(),
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
            format!("{fold}{}. {}", part.numeral, sanitize(&title))
        }
        ContentsItem::Section(s) => format!("   {}", sanitize(&doc.sections[s].title)),
    };
    let badge = if count > 0 {
        format!(" ✎{count}")
    } else {
        String::new()
    };
    let text = format!("{}{badge}", fit(&text, width.saturating_sub(badge.width())));
    let style = match mark {
        Mark::Selected => theme.selected(focused),
        Mark::Reading => theme.look(crate::layout::Look::Bold),
        Mark::Plain => ratatui::style::Style::default(),
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

/// Where the entries go inside the pane's frame.
fn inner(area: Rect) -> Rect {
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    Rect::new(area.x, area.y + 1, area.width - 1, area.height - 1)
}

/// The pane's frame: a top rule titled "Contents" and a rule on the right.
/// Drawn cell by cell: this is on screen every frame, and a `Block` with a
/// title costs a layout pass each time.
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
    put_line(buf, area.x, area.y, &title, area.width.saturating_sub(1));
    inner(area)
}
