//! The section pane: a title line, the gutter, wrapped text and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use super::areas::Areas;
use super::theme::Theme;
use crate::app::App;
use crate::layout::{Block, BlockKind};
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
        let simple = span
            .content
            .chars()
            .all(|c| !c.is_control() && unicode_width::UnicodeWidthChar::width(c) == Some(1));
        if simple {
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
    let matches = &app.search.matches;
    for (row, pos) in app.visible.iter().enumerate() {
        let y = areas.text.y + row as u16;
        if y >= areas.text.bottom() {
            break;
        }
        let Some(block) = app.blocks.get(pos.block) else {
            continue;
        };
        let is_current = block.paragraph().is_some() && block.paragraph() == app.current;
        let gap = block.gap as usize;
        if pos.line < gap {
            continue;
        }
        let line_index = pos.line - gap;
        let Some(range) = app
            .wrap
            .cached(pos.block)
            .and_then(|lines| lines.get(line_index))
        else {
            continue;
        };
        // Gutter: a note mark, the paragraph number on its first line, and a
        // bar beside the current paragraph.
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
        let mut gutter = vec![Span::styled(
            if noted { "✎" } else { " " },
            theme.note_mark(),
        )];
        let digits = areas.gutter.width.saturating_sub(3) as usize;
        match block.kind {
            BlockKind::Paragraph(p) if line_index == 0 => {
                let n = app.doc.paragraphs[p].number;
                gutter.push(Span::styled(
                    format!("{n:>digits$}"),
                    theme.gutter_number(is_current),
                ));
            }
            _ => gutter.push(Span::raw(" ".repeat(digits))),
        }
        gutter.push(Span::styled(
            if is_current { "▌" } else { " " },
            theme.current_bar(),
        ));
        put_line(
            buf,
            areas.gutter.x,
            y,
            &Line::from(gutter),
            areas.gutter.width,
        );
        let first = matches.partition_point(|(b, _)| *b < pos.block);
        let mut highlights: Vec<(Range<u32>, Style)> = Vec::new();
        for (i, (b, r)) in matches[first..].iter().enumerate() {
            if *b != pos.block {
                break;
            }
            let style = if app.search.current == Some(first + i) {
                theme.current_match()
            } else {
                theme.search_match()
            };
            highlights.push((r.clone(), style));
        }
        let line = styled_line(block, range.clone(), &highlights, theme);
        let x = areas.text.x + block.indent.min(areas.text.width);
        let w = areas.text.width.saturating_sub(block.indent);
        put_line(buf, x, y, &line, w);
    }
    draw_scrollbar(app, buf, areas.scrollbar);
}

fn draw_title(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let (part, section) = location(app);
    // The document symbol, when the report states one, names what is open.
    let symbol = app
        .doc
        .header
        .symbol
        .as_deref()
        .map(|s| format!(" {} ", sanitize(s)))
        .unwrap_or_default();
    let room = (area.width as usize).saturating_sub(symbol.width());
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
    let line = Line::from(vec![
        Span::styled(head, theme.look(crate::layout::Look::Bold)),
        Span::raw(" ".repeat(pad)),
        Span::styled(symbol, theme.look(crate::layout::Look::Meta)),
    ]);
    Paragraph::new(line).render(area, buf);
}

fn draw_scrollbar(app: &App, buf: &mut Buffer, area: Rect) {
    if area.height == 0 {
        return;
    }
    let total = *app.weight_before.last().unwrap_or(&1);
    let top = app.visible.first().map_or(0, |p| p.block);
    let position = app.weight_before.get(top).copied().unwrap_or(0);
    let scale = |v: u64| (v.saturating_mul(1000) / total.max(1)) as usize;
    let mut state = ScrollbarState::new(1000)
        .position(scale(position))
        .viewport_content_length(50);
    ratatui::widgets::StatefulWidget::render(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        area,
        buf,
        &mut state,
    );
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
