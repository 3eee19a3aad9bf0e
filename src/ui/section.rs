//! The section pane: a title line, the gutter, wrapped text and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::areas::Areas;
use super::theme::Theme;
use crate::app::App;
use crate::layout::{Block, BlockKind, Pos};
use crate::text::sanitize;

/// Like `Buffer::set_line`, but text whose characters are each one column
/// wide (nearly all of a report) skips grapheme segmentation: it is the
/// largest cost of a buf, and a scroll redraws every line.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let right = x.saturating_add(max_width).min(buf.area.right());
    let mut x = x;
    for span in line {
        if x >= right {
            break;
        }
        let style = line.style.patch(span.style);
        if crate::text::one_column_each(&span.content) {
            for c in span.content.chars() {
                if x >= right {
                    break;
                }
                buf[(x, y)].set_char(c).set_style(style);
                x += 1;
            }
        } else {
            let (nx, _) = buf.set_stringn(x, y, &span.content, (right - x) as usize, style);
            x = nx;
        }
    }
}

/// Cuts `s` to at most `width` columns, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Where the reader is, as a heading: "II. Information … › Egypt".
pub fn location(app: &App) -> (String, Option<String>) {
    let doc = &app.doc;
    let Some(p) = app.current else {
        return (
            doc.header.kind.clone().unwrap_or_else(|| "Header".into()),
            None,
        );
    };
    let para = &doc.paragraphs[p];
    let part = &doc.parts[para.part];
    let part_title = if part.numeral.is_empty() {
        doc.plain(&part.title)
    } else {
        format!("{}. {}", part.numeral, doc.plain(&part.title))
    };
    let section = para.section.map(|s| doc.sections[s].title.clone());
    (
        sanitize(&part_title).into_owned(),
        section.map(|s| sanitize(&s).into_owned()),
    )
}

pub fn draw(app: &App, theme: &Theme, buf: &mut Buffer, areas: &Areas) {
    draw_title(app, theme, buf, areas.title);
    for row in 0..app.visible.len() {
        draw_gutter(app, theme, buf, areas, row);
        draw_text(app, theme, buf, areas, row);
    }
    draw_scrollbar(app, buf, areas.scrollbar);
}

/// What the text of one row is drawn from, apart from the width: equal keys
/// draw equal text, so a row that only moved need not be drawn again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey {
    pub pos: Pos,
    pub blocks_epoch: u64,
    /// The search highlights in the row's block, the current one marked.
    pub highlights: Vec<(Range<u32>, bool)>,
}

pub fn row_keys(app: &App, keys: &mut Vec<RowKey>) {
    keys.clear();
    keys.extend(app.visible.iter().map(|&pos| RowKey {
        pos,
        blocks_epoch: app.blocks_epoch,
        highlights: block_highlights(app, pos.block),
    }));
}

fn block_highlights(app: &App, block: usize) -> Vec<(Range<u32>, bool)> {
    let matches = &app.search.matches;
    let first = matches.partition_point(|(b, _)| *b < block);
    matches[first..]
        .iter()
        .take_while(|(b, _)| *b == block)
        .enumerate()
        .map(|(i, (_, r))| (r.clone(), app.search.current == Some(first + i)))
        .collect()
}

/// The wrapped line a row shows, if it shows text (not a gap line).
fn row_line(app: &App, row: usize) -> Option<(&Block, usize, Range<u32>)> {
    let pos = app.visible.get(row)?;
    let block = app.blocks.get(pos.block)?;
    let line_index = pos.line.checked_sub(block.gap as usize)?;
    let range = app.wrap.cached(pos.block)?.get(line_index)?.clone();
    Some((block, line_index, range))
}

/// What the gutter of one row shows: equal keys draw equal gutters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GutterKey {
    /// Whether the row shows text (gap rows have no gutter).
    pub line: bool,
    pub noted: bool,
    pub number: Option<u32>,
    pub current: bool,
}

pub fn gutter_keys(app: &App, keys: &mut Vec<GutterKey>) {
    keys.clear();
    keys.extend((0..app.visible.len()).map(|row| gutter_key(app, row)));
}

fn gutter_key(app: &App, row: usize) -> GutterKey {
    let Some((block, line_index, _)) = row_line(app, row) else {
        return GutterKey::default();
    };
    let current = block.paragraph().is_some() && block.paragraph() == app.current;
    let number = match block.kind {
        BlockKind::Paragraph(p) if line_index == 0 => Some(app.doc.paragraphs[p].number),
        _ => None,
    };
    let noted = line_index == 0
        && match block.kind {
            BlockKind::Paragraph(p) => app.note_index.per_paragraph.get(p).is_some_and(|&n| {
                let on_items: u32 = app
                    .note_index
                    .per_sub_item
                    .range((p, 0)..(p + 1, 0))
                    .map(|(_, n)| n)
                    .sum();
                n > on_items
            }),
            BlockKind::SubItem(p, k) => app.note_index.per_sub_item.contains_key(&(p, k)),
            _ => false,
        };
    GutterKey {
        line: true,
        noted,
        number,
        current,
    }
}

/// The gutter of one row: a note mark, the paragraph number on its first
/// line, and a bar beside the current paragraph.
pub fn draw_gutter(app: &App, theme: &Theme, buf: &mut Buffer, areas: &Areas, row: usize) {
    let y = areas.text.y + row as u16;
    if y >= areas.text.bottom() {
        return;
    }
    if let Some(line) = gutter_line(app, theme, areas, row) {
        put_line(buf, areas.gutter.x, y, &line, areas.gutter.width);
    }
}

/// What the gutter of row `row` shows, over default cells; None for a row
/// without text.
pub fn gutter_line(app: &App, theme: &Theme, areas: &Areas, row: usize) -> Option<Line<'static>> {
    row_line(app, row)?;
    let GutterKey {
        noted,
        number,
        current: is_current,
        ..
    } = gutter_key(app, row);
    let digits = usize::from(areas.gutter.width.saturating_sub(3));
    /// Most rows have no number: their blanks are borrowed, not made.
    const BLANKS: &str = "                ";
    let (number, style): (std::borrow::Cow<'static, str>, Style) = match number {
        Some(n) => {
            let mut text = format!("{n:>digits$}");
            // A number wider than its room (the gutter widens first) shows
            // its first digits.
            text.truncate(digits);
            (text.into(), theme.gutter_number(is_current))
        }
        None if digits <= BLANKS.len() => (BLANKS[..digits].into(), Style::default()),
        None => (" ".repeat(digits).into(), Style::default()),
    };
    Some(Line::from(vec![
        Span::styled(if noted { "✎" } else { " " }, theme.note_mark()),
        Span::styled(number, style),
        Span::styled(if is_current { "▌" } else { " " }, theme.current_bar()),
    ]))
}

/// The text of one row, with its styles and search highlights.
pub fn draw_text(app: &App, theme: &Theme, buf: &mut Buffer, areas: &Areas, row: usize) {
    let y = areas.text.y + row as u16;
    if y >= areas.text.bottom() {
        return;
    }
    let Some((indent, line)) = text_line(app, theme, areas, row) else {
        return;
    };
    let x = areas.text.x + indent;
    put_line(buf, x, y, &line, areas.text.width - indent);
}

/// What row `row` of the text shows, and how far it is indented (at most
/// the text's width); None for a row without text.
pub fn text_line<'a>(
    app: &'a App,
    theme: &Theme,
    areas: &Areas,
    row: usize,
) -> Option<(u16, Line<'a>)> {
    let (block, _, range) = row_line(app, row)?;
    let highlights: Vec<(Range<u32>, Style)> = block_highlights(app, app.visible[row].block)
        .into_iter()
        .map(|(r, current)| {
            let style = if current {
                theme.current_match()
            } else {
                theme.search_match()
            };
            (r, style)
        })
        .collect();
    let line = styled_line(block, range, &highlights, theme);
    Some((block.indent.min(areas.text.width), line))
}

pub fn draw_title(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    put_line(
        buf,
        area.x,
        area.y,
        &title_line(app, theme, area.width),
        area.width,
    );
}

/// What the title line is drawn from: the width, and the part and section
/// of the current paragraph.
pub type TitleKey = (u16, Option<(usize, Option<usize>)>);

pub fn title_key(app: &App, width: u16) -> TitleKey {
    let place = app.current.map(|p| {
        let para = &app.doc.paragraphs[p];
        (para.part, para.section)
    });
    (width, place)
}

/// The title line of a section pane `width` columns wide.
pub fn title_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let (part, section) = location(app);
    // The document symbol, when the report states one, names what is open.
    let symbol = app
        .doc
        .header
        .symbol
        .as_deref()
        .map(|s| format!(" {} ", sanitize(s)))
        .unwrap_or_default();
    let room = (width as usize).saturating_sub(symbol.width());
    // A long part title gives way, so the country stays in view.
    let head = match section {
        Some(s) => {
            let tail = format!(" › {s}");
            let part_room = room.saturating_sub(tail.width()).max(room.min(8));
            fit(&format!("{}{tail}", fit(&part, part_room)), room)
        }
        None => fit(&part, room),
    };
    let pad = room.saturating_sub(head.width());
    Line::from(vec![
        Span::styled(head, theme.look(crate::layout::Look::Bold)),
        Span::raw(" ".repeat(pad)),
        Span::styled(symbol, theme.look(crate::layout::Look::Meta)),
    ])
}

pub fn draw_scrollbar(app: &App, buf: &mut Buffer, area: Rect) {
    draw_scrollbar_at(scrollbar_position(app), buf, area);
}

/// Where the scrollbar's thumb is, out of 1000.
pub fn scrollbar_position(app: &App) -> usize {
    let total = *app.weight_before.last().unwrap_or(&1);
    let top = app.visible.first().map_or(0, |p| p.block);
    let position = app.weight_before.get(top).copied().unwrap_or(0);
    (position.saturating_mul(1000) / total.max(1)) as usize
}

/// What ratatui's vertical `Scrollbar` draws in a bar `height` rows high,
/// for a thumb at `position` out of 1000 with a viewport of 50. Worked out
/// once per bar, then row by row: at every scroll the screen compares the
/// bar before and after without drawing either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollbarShape {
    height: usize,
    /// Rows of the thumb, counted from the row below the top arrow.
    thumb: (usize, usize),
}

impl ScrollbarShape {
    pub fn new(position: usize, height: u16) -> ScrollbarShape {
        let height = usize::from(height);
        // No room for a track between the arrows: nothing, as ratatui does.
        if height < 3 {
            return ScrollbarShape {
                height: 0,
                thumb: (0, 0),
            };
        }
        let round = |n: usize, d: usize| (n + d / 2) / d;
        let track = height - 2;
        let (content, viewport) = (1000usize, 50usize);
        let max_position = content - 1;
        let start = position.min(max_position);
        let span = max_position + viewport;
        let thumb = round(viewport * track, span).clamp(1, track);
        let thumb_start = round(start * track, span).min(track - thumb);
        ScrollbarShape {
            height,
            thumb: (thumb_start, thumb_start + thumb),
        }
    }

    /// The symbol at `row`; None where the bar draws nothing.
    pub fn symbol(&self, row: u16) -> Option<char> {
        let row = usize::from(row);
        if row >= self.height {
            return None;
        }
        Some(if row == 0 {
            '▲'
        } else if row == self.height - 1 {
            '▼'
        } else if (self.thumb.0..self.thumb.1).contains(&(row - 1)) {
            '█'
        } else {
            '║'
        })
    }
}

pub fn draw_scrollbar_at(position: usize, buf: &mut Buffer, area: Rect) {
    if area.width == 0 {
        return;
    }
    let x = area.right() - 1;
    let shape = ScrollbarShape::new(position, area.height);
    for row in 0..area.height {
        if let Some(symbol) = shape.symbol(row) {
            buf[(x, area.y + row)].set_char(symbol);
        }
    }
}

/// One wrapped line of a block, with its style runs and highlights.
pub fn styled_line<'a>(
    block: &'a Block,
    range: Range<u32>,
    highlights: &[(Range<u32>, Style)],
    theme: &Theme,
) -> Line<'a> {
    // Only the runs that touch this line; they are in order.
    let first = block.runs.partition_point(|(r, _)| r.end <= range.start);
    let runs = block.runs[first..]
        .iter()
        .take_while(|(r, _)| r.start < range.end);
    let mut spans = Vec::new();
    for (r, look) in runs {
        let (a, b) = (r.start.max(range.start), r.end.min(range.end));
        let base = theme.look(*look);
        if !highlights.iter().any(|(h, _)| h.start < b && h.end > a) {
            if let Some(text) = block.text.get(a as usize..b as usize) {
                spans.push(Span::styled(text, base));
            }
            continue;
        }
        // Split the run where highlights start and end.
        let mut cuts: Vec<u32> = vec![a, b];
        for (h, _) in highlights {
            if h.start < b && h.end > a {
                cuts.push(h.start.clamp(a, b));
                cuts.push(h.end.clamp(a, b));
            }
        }
        if cuts.len() > 2 {
            cuts.sort_unstable();
            cuts.dedup();
        }
        for w in cuts.windows(2) {
            let Some(text) = block.text.get(w[0] as usize..w[1] as usize) else {
                continue;
            };
            let mut style = base;
            if let Some((_, h)) = highlights
                .iter()
                .find(|(r, _)| r.start <= w[0] && w[0] < r.end)
            {
                style = style.patch(*h);
            }
            spans.push(Span::styled(text, style));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

    #[test]
    fn the_scrollbar_is_drawn_as_ratatui_draws_it() {
        for height in 0..60u16 {
            for position in (0..=1000).step_by(7).chain([999, 1000, 1500]) {
                let area = Rect::new(3, 1, 2, height);
                let mut ours = Buffer::empty(Rect::new(0, 0, 6, height + 2));
                let mut theirs = ours.clone();
                draw_scrollbar_at(position, &mut ours, area);
                let mut state = ScrollbarState::new(1000)
                    .position(position)
                    .viewport_content_length(50);
                Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
                    area,
                    &mut theirs,
                    &mut state,
                );
                assert_eq!(ours, theirs, "height {height}, position {position}");
            }
        }
    }
}
