//! The text pane: a title line, the gutter, wrapped text and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::areas::Areas;
use crate::layout::{BlockKind, TextBlock};
use crate::text::sanitize;

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
        let front = || {
            doc.header
                .kind
                .clone()
                .unwrap_or_else(|| doc.header.front_label().to_string())
        };
        return (app.place_above_paragraphs().unwrap_or_else(front), None);
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

fn block_highlights(app: &App, block: usize) -> Vec<(Range<u32>, bool)> {
    app.search
        .matches
        .in_block(block)
        .into_iter()
        .map(|(i, r)| (r, app.search.current == Some(i)))
        .collect()
}

/// The wrapped line a row shows, if it shows text (not a gap line).
fn row_line(app: &App, row: usize) -> Option<(&TextBlock, usize, Range<u32>)> {
    let pos = app.visible.get(row)?;
    let block = app.blocks.get(pos.block)?;
    let line_index = pos.line.checked_sub(block.gap as usize)?;
    let range = app.wrap.cached(pos.block)?.get(line_index)?.clone();
    Some((block, line_index, range))
}

/// What the gutter of one row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Gutter {
    noted: bool,
    number: Option<u32>,
    current: bool,
}

fn gutter(app: &App, row: usize) -> Option<Gutter> {
    let (block, line_index, _) = row_line(app, row)?;
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
    Some(Gutter {
        noted,
        number,
        current,
    })
}

/// The gutter of one row: a note mark, the paragraph number on its first
/// line, and a bar beside the current paragraph.
fn draw_gutter(app: &App, theme: &Theme, buf: &mut Buffer, areas: &Areas, row: usize) {
    let y = areas.text.y + row as u16;
    if y >= areas.text.bottom() {
        return;
    }
    if let Some(line) = gutter_line(app, theme, areas, row) {
        buf.set_line(areas.gutter.x, y, &line, areas.gutter.width);
    }
}

/// What the gutter of row `row` shows, over default cells; None for a row
/// without text.
fn gutter_line(app: &App, theme: &Theme, areas: &Areas, row: usize) -> Option<Line<'static>> {
    let Gutter {
        noted,
        number,
        current: is_current,
    } = gutter(app, row)?;
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
fn draw_text(app: &App, theme: &Theme, buf: &mut Buffer, areas: &Areas, row: usize) {
    let y = areas.text.y + row as u16;
    if y >= areas.text.bottom() {
        return;
    }
    let Some((indent, line)) = text_line(app, theme, areas, row) else {
        return;
    };
    let x = areas.text.x + indent;
    buf.set_line(x, y, &line, areas.text.width - indent);
}

/// What row `row` of the text shows, and how far it is indented (at most
/// the text's width); None for a row without text.
fn text_line<'a>(
    app: &'a App,
    theme: &Theme,
    areas: &Areas,
    row: usize,
) -> Option<(u16, Line<'a>)> {
    let (block, _, range) = row_line(app, row)?;
    let mut highlights: Vec<(Range<u32>, Style)> = block_highlights(app, app.visible[row].block)
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
    highlights.extend(marked(app, theme, block));
    let line = styled_line(block, range, &highlights, theme);
    Some((block.indent.min(areas.text.width), line))
}

/// The selection and the reader's highlights on a block, in block bytes;
/// the first that covers a byte styles it.
fn marked(app: &App, theme: &Theme, block: &TextBlock) -> Vec<(Range<u32>, Style)> {
    let Some((p, _)) = crate::shown::shown(block) else {
        return Vec::new();
    };
    let selection = app.selection.map(|s| app.selection_span(&s));
    let views = app.note_index.highlights_on.get(&p);
    if selection.is_none() && views.is_none() {
        return Vec::new();
    }
    let passage = app.doc.passage(p);
    let segments = crate::shown::segments(&passage, block);
    let len = passage.text.len();
    let on_block = |span: &crate::notes::highlight::Span| {
        span.within(p, len)
            .and_then(|r| crate::shown::to_block(&segments, r))
    };
    let mut out = Vec::new();
    if let Some(r) = selection.as_ref().and_then(on_block) {
        out.push((r, theme.selection()));
    }
    let chosen = app.chosen.as_deref();
    for &v in views.into_iter().flatten() {
        let view = &app.note_index.views[v];
        let Some(h) = view.highlight else { continue };
        if let Some(r) = on_block(&h.span) {
            let mut style = theme.highlight(h.colour);
            if chosen == Some(view.id.as_str()) {
                style = style.patch(theme.chosen_highlight());
            }
            out.push((r, style));
        }
    }
    out
}

fn draw_title(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    buf.set_line(
        area.x,
        area.y,
        &title_line(app, theme, area.width),
        area.width,
    );
}

/// The title line of a text pane `width` columns wide.
fn title_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
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

/// A thumb at how far through the report the top of the pane is, out of
/// 1000, with a viewport of 50.
fn draw_scrollbar(app: &App, buf: &mut Buffer, area: Rect) {
    let total = *app.weight_before.last().unwrap_or(&1);
    let top = app.visible.first().map_or(0, |p| p.block);
    let position = app.weight_before.get(top).copied().unwrap_or(0);
    let position = (position.saturating_mul(1000) / total.max(1)) as usize;
    let mut state = ScrollbarState::new(1000)
        .position(position)
        .viewport_content_length(50);
    Scrollbar::new(ScrollbarOrientation::VerticalRight).render(area, buf, &mut state);
}

/// One wrapped line of a block, with its style runs and highlights.
pub fn styled_line<'a>(
    block: &'a TextBlock,
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
            if let Some(text) = block.text().get(a as usize..b as usize) {
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
            let Some(text) = block.text().get(w[0] as usize..w[1] as usize) else {
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
    // Arabic or Hebrew is shown right to left; the block keeps reading order.
    Line::from(super::bidi::display_order(spans, || {
        super::bidi::reads_rtl(block.text())
    }))
}
