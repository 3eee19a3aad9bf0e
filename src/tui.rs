//! The terminal: set it up, run the event loop, and always give it back.

use std::io::{IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{App, Effect, Input, MessageKind, update};
use crate::keymap::KeyPress;
use crate::notes::export::{Format, export_document};
use crate::notes::state::{self, ReadingState};

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("standard output is not a terminal; use --print or --toc to read the report in a pipe")]
    NotATerminal,
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// The terminal back as it was: mouse reports off and the cursor shown
/// (which `ratatui::restore` leaves alone), then its modes and main screen.
/// A hung-up terminal cannot take them, and nobody is there to tell: errors
/// are dropped (ratatui's `restore` would print them, and printing to a
/// closed terminal panics).
fn restore() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, ratatui::crossterm::cursor::Show);
    let _ = out.flush();
    let _ = ratatui::try_restore();
}

/// Where the reader keeps its files, and the reading state read at start.
pub struct Session {
    pub config_dir: Option<PathBuf>,
    pub state: ReadingState,
}

/// What to print once the terminal is back: notes that could not be saved,
/// and problems met while closing.
#[derive(Debug, Default)]
pub struct Farewell {
    pub unsaved_notes: Option<String>,
    pub messages: Vec<String>,
}

/// Runs the reader until the user quits. The terminal is restored on every
/// way out: normal return, error, or panic.
pub fn run(mut app: App, startup: Vec<String>, mut session: Session) -> Result<Farewell, TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut terminal = init()?;
    if let Some(first) = startup.first() {
        app.set_message(first.clone(), MessageKind::Warning);
    }
    let result = event_loop(&mut terminal, &mut app, &mut session);
    restore();
    // The cursor is shown again already; ratatui's own drop would show it
    // once more and print the error when the terminal has hung up, and
    // printing to a closed terminal panics.
    std::mem::forget(terminal);
    // The process ends next: freeing a large report piece by piece would only
    // delay the shell prompt. Everything worth keeping is already on disk.
    std::mem::forget(app);
    result
}

/// Saves the notes file; a failure is shown and the notes stay in memory.
fn save_notes(app: &mut App) {
    let Some(store) = app.notes.as_mut() else {
        return;
    };
    let result = store.save();
    let messages = store.take_messages();
    if let Err(e) = result {
        app.set_message(
            format!("notes not saved, kept in memory and retried: {e}"),
            MessageKind::Error,
        );
    } else if let Some(m) = messages.first() {
        app.set_message(m.to_string(), MessageKind::Warning);
    }
}

/// Quitting: notes that will not save are never dropped silently. The first
/// quit warns; the second quits and prints them.
fn quit(app: &mut App, session: &mut Session) -> Option<Farewell> {
    let mut farewell = Farewell::default();
    if let Some(store) = app.notes.as_mut()
        && store.is_dirty()
    {
        let result = store.save();
        if store.is_dirty() {
            if !app.quit_armed {
                app.quit_armed = true;
                let why = result.err().map_or_else(String::new, |e| format!(" ({e})"));
                app.set_message(
                    format!("Notes are not saved: quit again and they are printed as Markdown for you to keep{why}"),
                    MessageKind::Error,
                );
                return None;
            }
            farewell.unsaved_notes = Some(export_document(
                &app.doc,
                store.annotations(),
                Format::Markdown,
            ));
        }
    }
    if let Some(dir) = &session.config_dir {
        let fp = app.doc.fingerprint();
        let old = session
            .state
            .documents
            .get(&fp)
            .cloned()
            .unwrap_or_default();
        session.state.documents.insert(fp, app.reading_state(old));
        if let Err(e) = state::save(dir, &session.state) {
            farewell
                .messages
                .push(format!("reading position not kept: {e}"));
        }
    }
    Some(farewell)
}

type Terminal = ratatui::Terminal<CrosstermBackend<Stdout>>;

fn init() -> std::io::Result<Terminal> {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    enable_raw_mode()?;
    let terminal = execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)
        .and_then(|()| Terminal::new(CrosstermBackend::new(std::io::stdout())));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// A signal, or a terminal that is gone: notes are already saved; keep the
/// reading place and give the terminal back.
fn stop_now(app: &mut App, session: &mut Session) -> Farewell {
    app.quit_armed = true;
    quit(app, session).unwrap_or_default()
}

/// What the event loop hears from the reading thread.
enum Heard {
    Event(Event),
    /// The terminal cannot be read any more.
    Gone,
}

/// Reads the terminal on a thread of its own. crossterm's reader never
/// returns once a terminal has hung up (it reads the dead terminal again
/// and again), and the loop must still hear SIGHUP then to keep the
/// reading place.
fn spawn_reader() -> std::io::Result<mpsc::Receiver<Heard>> {
    let (send, heard) = mpsc::channel();
    std::thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || {
            loop {
                let (next, gone) = match event::read() {
                    Ok(event) => (Heard::Event(event), false),
                    Err(_) => (Heard::Gone, true),
                };
                if send.send(next).is_err() || gone {
                    break;
                }
            }
        })?;
    Ok(heard)
}

/// Set by SIGTERM and SIGHUP: the loop then quits the normal way.
fn stop_flag() -> std::io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// How often the loop looks at the stop flag while no event comes.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The wheel scrolls, a click selects; other mouse reports do nothing.
fn mouse_input(m: &MouseEvent) -> Option<Input> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollDown => Some(Input::Scroll {
            column,
            row,
            lines: 3,
        }),
        MouseEventKind::ScrollUp => Some(Input::Scroll {
            column,
            row,
            lines: -3,
        }),
        MouseEventKind::Down(_) => Some(Input::Click { column, row }),
        _ => None,
    }
}

fn event_loop(
    terminal: &mut Terminal,
    app: &mut App,
    session: &mut Session,
) -> Result<Farewell, TuiError> {
    let size = terminal.size()?;
    update(app, Input::Resize(size.width, size.height));
    let stop = stop_flag()?;
    let events = spawn_reader()?;
    loop {
        // A terminal that takes no frame has hung up: nobody is there.
        if stop.load(Ordering::Relaxed)
            || terminal.draw(|frame| crate::ui::draw(app, frame)).is_err()
        {
            return Ok(stop_now(app, session));
        }
        let mut next = loop {
            if stop.load(Ordering::Relaxed) {
                break Heard::Gone;
            }
            match events.recv_timeout(STOP_CHECK) {
                Ok(heard) => break heard,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break Heard::Gone,
            }
        };
        // Handle everything already read before drawing again.
        loop {
            let event = match next {
                Heard::Event(event) => event,
                Heard::Gone => return Ok(stop_now(app, session)),
            };
            let effects = match event {
                Event::Key(key) => match KeyPress::from_event(&key) {
                    Some(k) => app.key(k),
                    None => Vec::new(),
                },
                Event::Mouse(m) => mouse_input(&m).map_or_else(Vec::new, |i| update(app, i)),
                Event::Resize(w, h) => {
                    if terminal.autoresize().is_err() {
                        return Ok(stop_now(app, session));
                    }
                    update(app, Input::Resize(w, h))
                }
                _ => Vec::new(),
            };
            for effect in effects {
                match effect {
                    Effect::Quit => {
                        if let Some(farewell) = quit(app, session) {
                            return Ok(farewell);
                        }
                    }
                    Effect::SaveNotes => save_notes(app),
                    Effect::Copy(text) => {
                        let copy =
                            ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text);
                        if execute!(terminal.backend_mut(), copy).is_err() {
                            app.set_message(
                                "this terminal cannot take the citation (OSC 52)",
                                MessageKind::Warning,
                            );
                        }
                    }
                }
            }
            next = match events.try_recv() {
                Ok(heard) => heard,
                Err(_) => break,
            };
        }
    }
}
