//! The terminal: set it up, run the event loop, and always give it back.

use std::io::{IsTerminal, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{App, Effect, Input, MessageKind, update};
use crate::keymap::KeyPress;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("standard output is not a terminal; use --print or --toc to read the report in a pipe")]
    NotATerminal,
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
}

fn release_mouse() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = out.flush();
}

/// Runs the reader until the user quits. The terminal is restored on every
/// way out: normal return, error, or panic.
pub fn run(mut app: App, startup: Vec<String>) -> Result<(), TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_mouse();
        ratatui::restore();
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    if let Some(first) = startup.first() {
        app.set_message(first.clone(), MessageKind::Warning);
    }
    let result = event_loop(&mut terminal, &mut app);
    release_mouse();
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), TuiError> {
    let size = terminal.size()?;
    update(app, Input::Resize(size.width, size.height));
    loop {
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        // Handle everything already waiting before drawing again.
        let mut first = true;
        while first || event::poll(std::time::Duration::ZERO)? {
            first = false;
            let effects = match event::read()? {
                Event::Key(key) => match KeyPress::from_event(&key) {
                    Some(k) => app.key(k),
                    None => Vec::new(),
                },
                Event::Mouse(m) => {
                    let input = match m.kind {
                        MouseEventKind::ScrollDown => Some(Input::Scroll {
                            column: m.column,
                            row: m.row,
                            lines: 3,
                        }),
                        MouseEventKind::ScrollUp => Some(Input::Scroll {
                            column: m.column,
                            row: m.row,
                            lines: -3,
                        }),
                        MouseEventKind::Down(_) => Some(Input::Click {
                            column: m.column,
                            row: m.row,
                        }),
                        _ => None,
                    };
                    input.map_or_else(Vec::new, |i| update(app, i))
                }
                Event::Resize(w, h) => update(app, Input::Resize(w, h)),
                _ => Vec::new(),
            };
            if effects.contains(&Effect::Quit) {
                return Ok(());
            }
        }
    }
}
