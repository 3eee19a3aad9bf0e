//! The shelf on screen: a line that says what it holds, the list in view
//! (reports, search results, recent reports or notes), and a bottom line
//! with what is typed or the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, MessageKind, Shelf, ShelfView, report_name};
use crate::fold::fold;
use crate::keymap::Mode;
use crate::layout::Look;
use crate::text::sanitize;

pub fn draw(app: &App, shelf: &Shelf, theme: &Theme, buf: &mut Buffer, area: Rect) {
    if area.height < 3 {
        return;
    }
    let width = area.width as usize;
    let top = Line::from(Span::styled(
        pad(&fit(&heading(shelf), width), width),
        theme.status(),
    ));
    buf.set_line(area.x, area.y, &top, area.width);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    let rows = body.height.saturating_sub(1) as usize;
    let list = shelf.list();
    // The chosen row in view, a few rows from the bottom at most.
    let start = list.selected.saturating_sub(rows.saturating_sub(1));
    let head = match shelf.view {
        ShelfView::Reports => report_columns(width).head(),
        ShelfView::Results => format!("Found for \"{}\"", sanitize(&shelf.query)),
        ShelfView::Recent => "Reports read before, last first".into(),
        ShelfView::Notes => "Your notes and highlights on the shelf".into(),
    };
    let head = Span::styled(fit(&head, width), theme.look(Look::Bold));
    buf.set_line(body.x, body.y, &Line::from(head), body.width);
    for (k, &row) in list.rows.iter().enumerate().skip(start).take(rows) {
        let selected = k == list.selected;
        let base = if selected {
            theme.selected(true)
        } else {
            Style::default()
        };
        let line = match shelf.view {
            ShelfView::Reports => report_row(shelf, row, width, base, theme),
            ShelfView::Results => result_row(shelf, row, width, base, theme),
            ShelfView::Recent => recent_row(app, row, width, base, theme),
            ShelfView::Notes => note_row(shelf, row, width, base, theme),
        };
        let y = body.y + 1 + (k - start) as u16;
        if selected {
            buf.set_style(Rect::new(body.x, y, body.width, 1), base);
        }
        buf.set_line(body.x, y, &line, body.width);
    }
    if list.rows.is_empty() {
        let empty = empty_text(shelf);
        let line = Line::from(Span::styled(fit(&empty, width), theme.dim()));
        buf.set_line(body.x, body.y + 1, &line, body.width);
    }
    bottom(
        app,
        shelf,
        theme,
        buf,
        Rect::new(area.x, area.bottom() - 1, area.width, 1),
    );
}

/// "Shelf ~/reports · 12 reports, 1 unreadable · indexing 5/20 · by symbol".
fn heading(shelf: &Shelf) -> String {
    let mut parts = Vec::new();
    match &shelf.root {
        Some(root) => parts.push(format!("Shelf {}", sanitize(&root.display().to_string()))),
        None => parts.push("Recent reports".into()),
    }
    if shelf.root.is_some() {
        let bad = shelf.reports.iter().filter(|e| e.card.is_none()).count();
        let good = shelf.reports.len() - bad;
        let mut count = format!("{good} report{}", if good == 1 { "" } else { "s" });
        if bad > 0 {
            count.push_str(&format!(", {bad} unreadable"));
        }
        parts.push(count);
        match shelf.indexing {
            Some((done, total)) if total > 0 => parts.push(format!("indexing {done}/{total}")),
            Some(_) => parts.push("indexing…".into()),
            None => {}
        }
        if shelf.view == ShelfView::Reports {
            parts.push(format!("by {}", shelf.sort.name()));
            // The chosen row's file: a report's PDF and its text are two rows.
            let list = shelf.list();
            if let Some(entry) = list.rows.get(list.selected).map(|&r| &shelf.reports[r]) {
                parts.push(sanitize(&entry.rel).into_owned());
            }
        }
    }
    if shelf.searching {
        parts.push("searching…".into());
    }
    format!(" {}", parts.join(" · "))
}

fn empty_text(shelf: &Shelf) -> String {
    if !shelf.list().filter.is_empty() {
        return "Nothing here has that.".into();
    }
    match shelf.view {
        ShelfView::Reports if shelf.indexing.is_some() => "Looking for reports…".into(),
        ShelfView::Reports => "No report in this folder (PDF or text).".into(),
        ShelfView::Results if shelf.searching => "Searching…".into(),
        ShelfView::Results => "Nothing found.".into(),
        ShelfView::Recent => "No report opened before.".into(),
        ShelfView::Notes => "No notes on these reports.".into(),
    }
}

/// The widths of the reports' columns; 0 for one left out when narrow.
struct Columns {
    symbol: usize,
    title: usize,
    date: usize,
    body: usize,
}

const PAGES: usize = 6;
const PARAS: usize = 7;
const NOTES: usize = 9;

fn report_columns(width: usize) -> Columns {
    let symbol = 20.min(width / 4);
    let date = if width >= 90 { 18 } else { 0 };
    let body = if width >= 120 { 20 } else { 0 };
    let fixed = symbol + date + body + PAGES + PARAS + NOTES;
    Columns {
        symbol,
        title: width.saturating_sub(fixed).max(1),
        date,
        body,
    }
}

impl Columns {
    fn head(&self) -> String {
        let mut s = cell("Symbol", self.symbol) + &cell("Title", self.title);
        if self.date > 0 {
            s += &cell("Date", self.date);
        }
        if self.body > 0 {
            s += &cell("Body", self.body);
        }
        s + &right("Pages", PAGES) + &right("Paras", PARAS) + &right("Notes", NOTES)
    }
}

/// `text` cut to `w - 1` columns and padded to `w`.
fn cell(text: &str, w: usize) -> String {
    if w == 0 {
        return String::new();
    }
    pad(&fit(&sanitize(text), w - 1), w)
}

fn right(text: &str, w: usize) -> String {
    let t = fit(text, w - 1);
    let used = unicode_width::UnicodeWidthStr::width(t.as_str());
    format!("{}{t} ", " ".repeat(w.saturating_sub(used + 1)))
}

fn pad(text: &str, w: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(w.saturating_sub(used)))
}

fn report_row(
    shelf: &Shelf,
    row: usize,
    width: usize,
    base: Style,
    theme: &Theme,
) -> Line<'static> {
    let entry = &shelf.reports[row];
    let Some(card) = &entry.card else {
        // A file that should be a report and is not: its reason, greyed.
        let text = format!("{} — {}", entry.rel, entry.reason);
        return Line::from(Span::styled(
            fit(&sanitize(&text), width),
            base.patch(theme.dim()),
        ));
    };
    let c = report_columns(width);
    let mut spans = vec![
        Span::styled(
            cell(&report_name(entry), c.symbol),
            base.patch(theme.look(Look::Bold)),
        ),
        Span::styled(cell(&card.title, c.title), base),
    ];
    if c.date > 0 {
        spans.push(Span::styled(
            cell(card.date.as_deref().unwrap_or(""), c.date),
            base,
        ));
    }
    if c.body > 0 {
        spans.push(Span::styled(
            cell(card.body.as_deref().unwrap_or(""), c.body),
            base,
        ));
    }
    let pages = if card.pages > 0 {
        card.pages.to_string()
    } else {
        "–".into()
    };
    let (notes, highlights) = shelf
        .counts
        .get(&card.fingerprint)
        .copied()
        .unwrap_or((0, 0));
    let counted = match (notes, highlights) {
        (0, 0) => String::new(),
        (n, 0) => format!("{n}✎"),
        (0, h) => format!("{h}▌"),
        (n, h) => format!("{n}✎ {h}▌"),
    };
    spans.push(Span::styled(right(&pages, PAGES), base));
    spans.push(Span::styled(
        right(&card.paragraphs.to_string(), PARAS),
        base,
    ));
    spans.push(Span::styled(
        right(&counted, NOTES),
        base.patch(theme.note_mark()),
    ));
    Line::from(spans)
}

/// "A/80/188 · note 31 (para. 24) · …snippet with the words marked".
fn result_row(
    shelf: &Shelf,
    row: usize,
    width: usize,
    base: Style,
    theme: &Theme,
) -> Line<'static> {
    let hit = &shelf.results[row];
    let who = hit
        .symbol
        .clone()
        .unwrap_or_else(|| hit.file.rsplit('/').next().unwrap_or(&hit.file).to_string());
    let lead = sanitize(&format!("{who} · {} · ", crate::shelf::hits::place(hit))).to_string();
    let mut spans = vec![Span::styled(
        lead.clone(),
        base.patch(theme.look(Look::Bold)),
    )];
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(&lead[..]));
    let snippet = fit(&sanitize(&hit.snippet), room);
    let words: Vec<String> = crate::shelf::tokens::plain_words(&shelf.query)
        .split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    spans.extend(marked(
        &snippet,
        &words,
        base,
        base.patch(theme.current_match()),
    ));
    Line::from(spans)
}

/// `text` in spans, the words that begin with one of `words` (folded) marked.
fn marked(text: &str, words: &[String], base: Style, mark: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut plain = String::new();
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let folded = fold(core);
        if !core.is_empty() && words.iter().any(|w| folded.starts_with(w.as_str())) {
            // The word marked; what is around it stays plain.
            let at = word.find(core).unwrap_or(0);
            plain.push_str(&word[..at]);
            out.push(Span::styled(std::mem::take(&mut plain), base));
            out.push(Span::styled(core.to_string(), mark));
            plain.push_str(&piece[at + core.len()..]);
        } else {
            plain.push_str(piece);
        }
    }
    out.push(Span::styled(plain, base));
    out
}

fn recent_row(app: &App, row: usize, width: usize, base: Style, theme: &Theme) -> Line<'static> {
    let Some(r) = app.recent.get(row) else {
        return Line::default();
    };
    let when = when(r.read);
    let symbol = r.symbol.clone().unwrap_or_default();
    let sym_w = 20.min(width / 4);
    let when_w = 18;
    let rest = width.saturating_sub(sym_w + when_w);
    let title_w = rest / 2;
    Line::from(vec![
        Span::styled(cell(&symbol, sym_w), base.patch(theme.look(Look::Bold))),
        Span::styled(cell(&r.title, title_w), base),
        Span::styled(cell(&when, when_w), base),
        Span::styled(cell(&r.path, rest - title_w), base.patch(theme.dim())),
    ])
}

/// A time as "2025-03-10 14:05" (UTC).
fn when(secs: u64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(secs as i64) else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn note_row(shelf: &Shelf, row: usize, width: usize, base: Style, theme: &Theme) -> Line<'static> {
    let n = &shelf.notes[row];
    let cite_w = 30.min(width / 3);
    let what = match &n.note.highlight {
        Some(h) => {
            let note = n.note.text.lines().next().unwrap_or("");
            let sep = if note.is_empty() { "" } else { " — " };
            format!("[{}] “{}”{sep}{note}", h.colour, n.note.quote.exact)
        }
        None => n.note.text.lines().next().unwrap_or("").to_string(),
    };
    Line::from(vec![
        Span::styled(cell(&n.citation, cite_w), base.patch(theme.note_mark())),
        Span::styled(fit(&sanitize(&what), width.saturating_sub(cite_w)), base),
    ])
}

/// What is typed (a search, a filter), a message, or the keys.
fn bottom(app: &App, shelf: &Shelf, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let width = area.width as usize;
    let (text, style) = if let Some(asking) = &shelf.asking {
        (
            format!("search the shelf: {}█", sanitize(asking)),
            theme.look(Look::Bold),
        )
    } else if !shelf.list().filter.is_empty() {
        (
            format!(
                "narrow: {}█  ({} rows)",
                sanitize(&shelf.list().filter),
                shelf.list().rows.len()
            ),
            theme.look(Look::Bold),
        )
    } else if let Some(m) = app.message.as_ref().filter(|m| !m.sticky) {
        let style = match m.kind {
            MessageKind::Info => Style::default(),
            MessageKind::Warning => theme.warning(),
            MessageKind::Error => theme.error(),
        };
        (sanitize(&m.text).to_string(), style)
    } else {
        (hint(app, shelf), theme.dim())
    };
    let line = Line::from(Span::styled(fit(&text, width), style));
    buf.set_line(area.x, area.y, &line, area.width);
}

fn hint(app: &App, shelf: &Shelf) -> String {
    let mut entries: Vec<(&[Action], &str)> = vec![
        (&[Action::LineDown, Action::LineUp], "move"),
        (&[Action::Select], "open"),
    ];
    if shelf.root.is_some() {
        entries.push((&[Action::SearchShelf], "search all"));
        entries.push((&[Action::ShelfNotes], "notes"));
    }
    entries.push((&[Action::RecentReports], "recent"));
    if shelf.view == ShelfView::Reports {
        entries.push((&[Action::SortShelf], "sort"));
    }
    entries.push((&[Action::Close], "back"));
    entries.push((&[Action::Help], "keys"));
    entries.push((&[Action::Quit], "quit"));
    let keys = super::hints(app, Mode::Shelf, &entries);
    format!("type to narrow · {keys}")
}
