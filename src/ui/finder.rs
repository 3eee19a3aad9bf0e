//! The country finder popup: type a name, see the ranked countries.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, CountryFinder};
use crate::keymap::Mode;
use crate::text::sanitize;

pub fn draw(app: &App, finder: &CountryFinder, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let title = format!(
        " Go to a country ({} jumps, {} cancels) ",
        super::key_for(app, Mode::Finder, Action::Select, "enter"),
        super::key_for(app, Mode::Finder, Action::Close, "esc"),
    );
    let inner = super::popup(
        buf,
        area,
        area.width.saturating_sub(4).min(90),
        area.height
            .saturating_sub(2)
            .min(finder.results.len().max(1) as u16 + 3)
            .max(6),
        &title,
        theme,
    );
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let count = format!(
        "{} of {}",
        finder.results.len(),
        app.countries.entries.len()
    );
    let prompt = format!("› {}█", sanitize(&finder.query));
    let pad = (inner.width as usize).saturating_sub(prompt.width() + count.width());
    Paragraph::new(Line::from(vec![
        Span::styled(prompt, theme.look(crate::layout::Look::Bold)),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.dim()),
    ]))
    .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let rows = inner.height.saturating_sub(1) as usize;
    let start = finder.selected.saturating_sub(rows.saturating_sub(1));
    let width = inner.width as usize;
    for (row, (i, ranked)) in finder
        .results
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .enumerate()
    {
        let Some(entry) = app.countries.entries.get(ranked.entry) else {
            continue;
        };
        let selected = i == finder.selected;
        let base = if selected {
            theme.selected(true)
        } else {
            ratatui::style::Style::default()
        };
        let hit = base.patch(theme.search_match());
        let mut spans = vec![Span::styled(
            if entry.has_subsection() { "§ " } else { "  " },
            base,
        )];
        let shown = entry.name();
        let alias = (ranked.name != shown).then_some(ranked.name);
        if alias.is_none() {
            push_highlighted(&mut spans, shown, &ranked.indices, base, hit);
        } else {
            spans.push(Span::styled(shown.to_string(), base));
        }
        if let Some(name) = alias {
            spans.push(Span::styled(" (", base));
            push_highlighted(&mut spans, name, &ranked.indices, base, hit);
            spans.push(Span::styled(")", base));
        } else if !entry.names.is_empty() && !entry.names.contains(&shown) {
            // The report calls it something else: say what, so the reader can find it.
            spans.push(Span::styled(format!(" (as {})", entry.names[0]), base));
        }
        let desc = app.countries.describe(&app.doc, entry);
        let rest = desc.strip_prefix(entry.name()).unwrap_or(&desc).to_string();
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::styled(
            fit(&rest, width.saturating_sub(used)),
            if selected { base } else { theme.dim() },
        ));
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
        buf.set_line(
            inner.x,
            inner.y + 1 + row as u16,
            &Line::from(spans),
            inner.width,
        );
    }
    if finder.results.is_empty() {
        Paragraph::new(Span::styled(
            "no country by that name in this report",
            theme.dim(),
        ))
        .render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
    }
}

fn push_highlighted(
    spans: &mut Vec<Span<'static>>,
    name: &str,
    indices: &[usize],
    base: ratatui::style::Style,
    hit: ratatui::style::Style,
) {
    for (i, c) in name.chars().enumerate() {
        let style = if indices.binary_search(&i).is_ok() {
            hit
        } else {
            base
        };
        spans.push(Span::styled(c.to_string(), style));
    }
}
