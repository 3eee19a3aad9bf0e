//! The section pane: a title line, the gutter, wrapped text and a scrollbar.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use super::areas::Areas;
use super::theme::Theme;
use crate::app::App;
use crate::layout::{Block, BlockKind};
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

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, areas: &Areas) {
    draw_title(app, theme, frame, areas.title);
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
        // Gutter: paragraph number on its first line, a bar beside the current one.
        let mut gutter = Vec::new();
        match block.kind {
            BlockKind::Paragraph(p) if line_index == 0 => {
                let n = app.doc.paragraphs[p].number;
                gutter.push(Span::styled(
                    format!("{n:>4} "),
                    theme.gutter_number(is_current),
                ));
            }
            _ => gutter.push(Span::raw("     ")),
        }
        gutter.push(Span::styled(
            if is_current { "▌" } else { " " },
            theme.current_bar(),
        ));
        frame.render_widget(
            Paragraph::new(Line::from(gutter)),
            Rect::new(areas.gutter.x, y, areas.gutter.width, 1),
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
        frame.render_widget(Paragraph::new(line), Rect::new(x, y, w, 1));
    }
    draw_scrollbar(app, frame, areas.scrollbar);
}

fn draw_title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (part, section) = location(app);
    let mut text = part;
    if let Some(s) = section {
        text = format!("{text} › {s}");
    }
    let line = Line::from(Span::styled(
        fit(&text, area.width as usize),
        theme.look(crate::layout::Look::Bold),
    ));
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_scrollbar(app: &App, frame: &mut Frame, area: Rect) {
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
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        area,
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
    let mut cuts: Vec<u32> = vec![range.start, range.end];
    for (r, _) in &block.runs {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    for (r, _) in highlights {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(text) = block.text.get(a as usize..b as usize) else {
            continue;
        };
        let look = block
            .runs
            .iter()
            .find(|(r, _)| r.start <= a && a < r.end)
            .map_or(crate::layout::Look::Plain, |(_, l)| *l);
        let mut style = theme.look(look);
        if let Some((_, h)) = highlights.iter().find(|(r, _)| r.start <= a && a < r.end) {
            style = style.patch(*h);
        }
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}
