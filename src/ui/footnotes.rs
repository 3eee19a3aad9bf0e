//! The footnote popup: the footnotes of the current paragraph, a list to move
//! through when there are several, and the selected one's whole text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::reader::{fit, styled_line};
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, FootnotePopup, note_under_footnote};
use crate::keymap::Mode;
use crate::layout::{footnote_block, wrap};

pub fn draw(app: &App, popup: &FootnotePopup, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let doc = &app.doc;
    let whose = match app.current {
        Some(p) => format!("para. {}", doc.paragraphs[p].number),
        None if popup.list.iter().all(|&f| doc.footnotes[f].cited_in_header) => "the header".into(),
        // Headings and tables above the first paragraph cite them too.
        None => "above the first paragraph".into(),
    };
    let title = if popup.list.len() == 1 {
        format!(" Footnote · {whose} ")
    } else {
        format!(" Footnotes · {whose} ({}) ", popup.list.len())
    };
    let width = area.width.saturating_sub(4).min(100);
    let inner = super::popup(
        buf,
        area,
        width,
        app.footnote_popup_height(popup),
        &title,
        theme,
    );
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    let hint_area = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
    let text_area = if popup.list.len() > 1 {
        let list_w = 6.min(body.width / 3);
        for (row, (_, &f)) in popup
            .list
            .iter()
            .enumerate()
            .skip(
                popup
                    .selected
                    .saturating_sub(body.height.saturating_sub(1) as usize),
            )
            .take(body.height as usize)
            .enumerate()
        {
            let label = format!(" {:>3} ", doc.footnotes[f].label);
            let style = if popup.list.get(popup.selected) == Some(&f) {
                theme.selected(true)
            } else {
                theme.look(crate::layout::Look::Marker(f))
            };
            Paragraph::new(Span::styled(fit(&label, list_w as usize), style))
                .render(Rect::new(body.x, body.y + row as u16, list_w, 1), buf);
        }
        Rect::new(
            body.x + list_w + 1,
            body.y,
            body.width - list_w - 1,
            body.height,
        )
    } else {
        body
    };
    let Some(&f) = popup.list.get(popup.selected) else {
        return;
    };
    let footnote = &doc.footnotes[f];
    let text = footnote_block(doc, f);
    let marks: Vec<_> = app
        .search
        .matches
        .in_note(f)
        .into_iter()
        .map(|(i, r)| {
            let current = app.search.current == Some(i);
            (
                r,
                if current {
                    theme.current_match()
                } else {
                    theme.search_match()
                },
            )
        })
        .collect();
    let mut lines: Vec<Line> = wrap(text.text(), text_area.width as usize)
        .into_iter()
        .map(|r| styled_line(&text, r, &marks, theme))
        .collect();
    lines.push(Line::default());
    let cited: Vec<String> = footnote
        .cited_by
        .iter()
        .map(|&p| doc.paragraphs[p].number.to_string())
        .collect();
    let cited = match (cited.len(), footnote.cited_in_header) {
        (0, true) => "Cited in the header (agenda item)".to_string(),
        (0, false) => match doc.cited_elsewhere(f) {
            Some(place) => format!("Cited in {place}"),
            None => "Not cited in the text".to_string(),
        },
        (1, _) => format!("Cited in para. {}", cited[0]),
        _ => format!("Cited in paras. {}", cited.join(", ")),
    };
    lines.push(Line::from(Span::styled(cited, theme.dim())));
    for &v in app.note_index.per_footnote.get(&f).into_iter().flatten() {
        lines.push(Line::default());
        let note = note_under_footnote(&app.note_index.views[v]);
        for r in wrap(&note, text_area.width as usize) {
            lines.push(Line::from(Span::styled(
                note[r.start as usize..r.end as usize].to_string(),
                theme.look(crate::layout::Look::Note),
            )));
        }
    }
    // `update` keeps the scroll within the text (`App::footnote_scroll_limit`).
    let more = if lines.len() > popup.scroll as usize + text_area.height as usize {
        "  ↓ more"
    } else {
        ""
    };
    Paragraph::new(lines)
        .scroll((popup.scroll, 0))
        .render(text_area, buf);
    let choose: &[(&[Action], &str)] = if popup.list.len() > 1 {
        &[(&[Action::LineDown, Action::LineUp], "choose")]
    } else {
        &[]
    };
    let rest: &[(&[Action], &str)] = &[
        (&[Action::ScrollTextDown, Action::ScrollTextUp], "scroll"),
        (&[Action::Select], "go to citing para."),
        (&[Action::AddNote], "note"),
        (&[Action::CopyCitation], "cite"),
        (&[Action::Close], "close"),
    ];
    let entries: Vec<_> = choose.iter().chain(rest).copied().collect();
    let hint = format!("{}{more}", super::hints(app, Mode::Footnotes, &entries));
    Paragraph::new(Span::styled(
        fit(&hint, hint_area.width as usize),
        theme.dim(),
    ))
    .render(hint_area, buf);
}
