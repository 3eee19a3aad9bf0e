//! The status line: where you are, messages, and the prompt when typing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text_pane::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, MessageKind, Overlay, PromptKind};
use crate::keymap::{Mode, sequence_text};
use crate::text::sanitize;

/// "II · Egypt · para. 5 of 67 · 9%".
pub fn position_text(app: &App) -> String {
    let doc = &app.doc;
    let mut parts = Vec::new();
    match app.current {
        Some(p) => {
            let para = &doc.paragraphs[p];
            let part = &doc.parts[para.part];
            if !part.numeral.is_empty() {
                parts.push(part.numeral.clone());
            }
            if let Some(s) = para.section {
                parts.push(sanitize(&doc.sections[s].title).into_owned());
            }
            let last = doc.paragraphs.last().map_or(0, |p| p.number);
            parts.push(format!("para. {} of {last}", para.number));
        }
        None => parts.push("Summary".into()),
    }
    parts.push(format!("{}%", app.percent()));
    parts.join(" · ")
}

pub fn draw(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    buf.set_style(area, theme.status());
    buf.set_line(area.x, area.y, &line(app, theme, area.width), area.width);
}

/// The status line for a terminal `width` columns wide.
pub fn line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let width = width as usize;
    if let Overlay::Prompt(p) = &app.overlay {
        let sign = match p.kind {
            PromptKind::Goto => ":",
            PromptKind::Search => "/",
        };
        let mut right = String::new();
        if p.kind == PromptKind::Search && !p.input.is_empty() {
            right = match (app.search.current, app.search.matches.len()) {
                (_, 0) => "no match".into(),
                (Some(c), n) => format!("match {} of {n}", c + 1),
                (None, n) => format!("{n} matches"),
            };
        } else if p.kind == PromptKind::Goto {
            right = "paragraph (37, 66(b), 140.12), then Enter".into();
        }
        let left = format!("{sign}{}█", sanitize(&p.input));
        let pad = width.saturating_sub(left.width() + right.width());
        let line = format!("{left}{}{right}", " ".repeat(pad));
        return Line::styled(fit(&line, width), theme.status());
    }
    let left = position_text(app);
    let hint = {
        let help = app.keymap.first_key_for(Mode::Reader, Action::Help);
        let quit = app.keymap.first_key_for(Mode::Reader, Action::Quit);
        format!(
            "{} help  {} quit",
            help.unwrap_or_default(),
            quit.unwrap_or_default()
        )
    };
    let mut spans = vec![Span::styled(format!(" {left} "), theme.status())];
    let used = left.width() + 2;
    if !app.pending.is_empty() || app.count.is_some() {
        let count = app.count.map(|c| c.to_string()).unwrap_or_default();
        spans.push(Span::styled(
            format!(" {count}{} …", sequence_text(&app.pending)),
            theme.status(),
        ));
    } else if let Some(text) = app.selection_status() {
        let room = width.saturating_sub(used + 2);
        spans.push(Span::styled(
            format!(" {}", fit(&sanitize(&text), room)),
            theme.status().patch(theme.look(crate::layout::Look::Bold)),
        ));
    } else if let Some(m) = &app.message {
        let style = match m.kind {
            MessageKind::Info => theme.status(),
            MessageKind::Warning => theme.status().patch(theme.warning()),
            MessageKind::Error => theme.status().patch(theme.error()),
        };
        let room = width.saturating_sub(used + 2);
        spans.push(Span::styled(
            format!(" {}", fit(&sanitize(&m.text), room)),
            style,
        ));
    } else if let Some(text) = app.match_text() {
        let room = width.saturating_sub(used + 2);
        spans.push(Span::styled(
            format!(" {}", fit(&sanitize(&text), room)),
            theme.status(),
        ));
    }
    let shown: usize = spans.iter().map(|s| s.content.width()).sum();
    if shown + hint.width() + 2 <= width {
        let pad = width - shown - hint.width() - 1;
        spans.push(Span::styled(" ".repeat(pad), theme.status()));
        spans.push(Span::styled(format!("{hint} "), theme.status()));
    }
    Line::from(spans)
}
