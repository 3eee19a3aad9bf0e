//! The note editor: a text area titled with what the note is on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::reader::fit;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, NoteEditor};
use crate::keymap::Mode;
use crate::notes::Target;
use crate::notes::citation::citation;
use crate::text::sanitize;

/// "para. 37 — “In respect of child migrants, the Government…”".
fn title(app: &App, target: &Target) -> String {
    let cite = citation(&app.doc, target);
    let words = crate::notes::anchor::locate(&app.doc, target)
        .map(|l| crate::notes::anchor::text_at(&app.doc, l))
        .unwrap_or_default();
    let words: String = words
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    format!("Note on {cite} — “{}…”", sanitize(&words))
}

pub fn draw(app: &App, editor: &NoteEditor, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let target = &editor.targets[editor.target.min(editor.targets.len() - 1)];
    let head = format!(" {} ", title(app, target));
    let inner = super::popup(
        buf,
        area,
        area.width.saturating_sub(4).min(84),
        area.height.saturating_sub(2).min(16),
        &head,
        theme,
    );
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let text_area = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    (&editor.textarea).render(text_area, buf);
    let mut hint = super::hints(
        app,
        Mode::Editor,
        &[(&[Action::SaveNote], "save"), (&[Action::Close], "close")],
    );
    if editor.note_id.is_none() && editor.targets.len() > 1 {
        let next = super::key_for(app, Mode::Editor, Action::NextNoteTarget, "?");
        hint.push_str(&format!(" · {next}: on "));
        let names: Vec<String> = editor
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let c = match t {
                    Target::SubItem { label, .. } => format!("({label})"),
                    other => citation(&app.doc, other),
                };
                if i == editor.target {
                    format!("[{c}]")
                } else {
                    c
                }
            })
            .collect();
        hint.push_str(&names.join(" "));
    }
    if editor.changed() {
        hint.push_str(" · modified");
    }
    let style = if editor.confirm_discard {
        theme.warning()
    } else {
        theme.dim()
    };
    let line = if editor.confirm_discard {
        "Discard your changes? y: discard · any other key: keep editing".to_string()
    } else {
        hint
    };
    Paragraph::new(Line::from(Span::styled(
        fit(&line, inner.width as usize),
        style,
    )))
    .render(Rect::new(inner.x, inner.bottom() - 1, inner.width, 1), buf);
}
