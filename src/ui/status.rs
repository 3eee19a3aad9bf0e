//! The status line: where you are, messages, and the prompt when typing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, MessageKind, Overlay, PromptKind};
use crate::keymap::{Mode, sequence_text};
use crate::text::sanitize;

/// Where the reader is, in pieces: the status line drops or shortens
/// some to make room for the others.
struct Place {
    part: Option<String>,
    section: Option<String>,
    /// "para. 5 of 67", or "Summary".
    paragraph: String,
    /// "p. 12", when the report has pages.
    page: Option<String>,
    percent: String,
}

fn place(app: &App) -> Place {
    let doc = &app.doc;
    let paged = doc.paragraphs.last().is_some_and(|p| p.page > 1);
    let mut out = Place {
        part: None,
        section: None,
        paragraph: app
            .place_above_paragraphs()
            .unwrap_or_else(|| doc.header.front_label().to_string()),
        page: None,
        percent: format!("{}%", app.percent()),
    };
    if let Some(p) = app.current {
        let para = &doc.paragraphs[p];
        let part = &doc.parts[para.part];
        out.part = (!part.numeral.is_empty()).then(|| part.numeral.clone());
        out.section = para
            .section
            .map(|s| sanitize(&doc.sections[s].title).into_owned());
        let last = doc.paragraphs.last().map_or(0, |p| p.number);
        out.paragraph = format!("para. {} of {last}", para.number);
        // The page as printed; the file's page where none is printed.
        out.page = match doc.printed_page(para.page) {
            Some(n) => Some(format!("p. {n}")),
            None => (paged && para.page > 0).then(|| format!("p. {}", para.page)),
        };
    }
    out
}

impl Place {
    /// "II · Egypt · para. 5 of 67 · 9%" ("· p. 12" before the percentage
    /// when the report has pages).
    fn text(&self, part: bool, percent: bool) -> String {
        let pieces = [
            self.part.as_deref().filter(|_| part),
            self.section.as_deref(),
            Some(self.paragraph.as_str()),
            self.page.as_deref(),
            Some(self.percent.as_str()).filter(|_| percent),
        ];
        pieces.into_iter().flatten().collect::<Vec<_>>().join(" · ")
    }
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
    let mut place = place(app);
    let hint = {
        let help = app.keymap.first_key_for(Mode::Reader, Action::Help);
        let quit = app.keymap.first_key_for(Mode::Reader, Action::Quit);
        format!(
            "{} help  {} quit",
            help.unwrap_or_default(),
            quit.unwrap_or_default()
        )
    };
    let (extra, extra_style) = if !app.pending.is_empty() || app.count.is_some() {
        let count = app.count.map(|c| c.to_string()).unwrap_or_default();
        (
            format!("{count}{} …", sequence_text(&app.pending)),
            theme.status(),
        )
    } else if let Some(text) = app.selection_status() {
        (
            sanitize(&text).into_owned(),
            theme.status().patch(theme.look(crate::layout::Look::Bold)),
        )
    } else if let Some(m) = &app.message {
        let style = match m.kind {
            MessageKind::Info => theme.status(),
            MessageKind::Warning => theme.status().patch(theme.warning()),
            MessageKind::Error => theme.status().patch(theme.error()),
        };
        (sanitize(&m.text).into_owned(), style)
    } else if let Some(text) = app.match_text() {
        (sanitize(&text).into_owned(), theme.status())
    } else {
        (String::new(), theme.status())
    };
    // The paragraph, the page and what is said (the match) keep their room;
    // the section title gives way first (shortened, then left out), then
    // the hint, the percentage and the part.
    let (mut show_hint, mut show_percent, mut show_part) = (true, true, true);
    let extra_w = if extra.is_empty() {
        0
    } else {
        extra.width() + 1
    };
    let left = loop {
        let left = place.text(show_part, show_percent);
        let hint_w = if show_hint { hint.width() + 2 } else { 0 };
        let total = left.width() + 2 + extra_w + hint_w;
        if total <= width {
            break left;
        }
        let over = total - width;
        if let Some(section) = &place.section {
            let room = section.width().saturating_sub(over);
            place.section = (room >= 6).then(|| fit(section, room));
        } else if show_hint {
            show_hint = false;
        } else if show_percent {
            show_percent = false;
        } else if show_part {
            show_part = false;
        } else {
            break left;
        }
    };
    let mut spans = vec![Span::styled(format!(" {left} "), theme.status())];
    let used = left.width() + 2;
    if !extra.is_empty() {
        let room = width.saturating_sub(used + 1);
        spans.push(Span::styled(format!(" {}", fit(&extra, room)), extra_style));
    }
    let shown: usize = spans.iter().map(|s| s.content.width()).sum();
    if show_hint && shown + hint.width() + 2 <= width {
        let pad = width - shown - hint.width() - 1;
        spans.push(Span::styled(" ".repeat(pad), theme.status()));
        spans.push(Span::styled(format!("{hint} "), theme.status()));
    }
    Line::from(spans)
}
