//! The terminal: set it up, run the event loop, and always give it back.

use std::io::{IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;

mod notes;
mod shelf;

pub use notes::NotesRunner;
pub use shelf::{ShelfRunner, Sink, keep_place, open_report, remember};

use crate::app::{App, Effect, Input, Start, update};
use crate::keymap::KeyPress;
use crate::notes::state::{self, ReadingState};

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("standard output is not a terminal; use --print or --toc to read the report in a pipe")]
    NotATerminal,
    #[error(
        "standard input is not a terminal; the reader takes keys from one (--print and --toc need none)"
    )]
    InputNotATerminal,
    #[error("TERM is \"dumb\": this terminal cannot show the reader; use --print or --toc")]
    DumbTerminal,
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
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
    let _ = ratatui::try_restore();
}

/// Where the reader keeps its files, the reading state read at start, and
/// the notes file.
pub struct Session {
    pub config_dir: Option<PathBuf>,
    pub state: ReadingState,
    pub notes: NotesRunner,
    pub shelf: ShelfRunner,
    /// Where jobs on other threads send their inputs (set by the loop).
    pub sink: Sink,
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
pub fn run(mut app: App, start: Start, mut session: Session) -> Result<Farewell, TuiError> {
    if !std::io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    if !std::io::stdin().is_terminal() {
        return Err(TuiError::InputNotATerminal);
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(TuiError::DumbTerminal);
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, &mut app, &mut session, start);
    restore();
    // The cursor is shown again already; ratatui's own drop would show it
    // once more and print the error when the terminal has hung up, and
    // printing to a closed terminal panics.
    std::mem::forget(terminal);
    result
}

/// The reading place kept in state.json, and what to print once the
/// terminal is back.
fn farewell(app: &App, session: &mut Session, unsaved_notes: Option<String>) -> Farewell {
    let mut farewell = Farewell {
        unsaved_notes,
        messages: Vec::new(),
    };
    if let Some(dir) = &session.config_dir {
        keep_place(app, &mut session.state);
        session.state.history = app.history.clone();
        if let Err(e) = state::save(dir, &session.state) {
            farewell
                .messages
                .push(format!("reading position not kept: {e}"));
        }
    }
    farewell
}

/// Carries out effects, and feeds what came of each back to `update`,
/// until none is left or one quits (then its farewell).
fn carry_out(
    terminal: &mut Terminal,
    app: &mut App,
    session: &mut Session,
    effects: Vec<Effect>,
) -> Option<Farewell> {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let outcome = match effect {
            Effect::Quit { unsaved_notes } => return Some(farewell(app, session, unsaved_notes)),
            Effect::SaveNotes | Effect::ReloadNotes => {
                if session.notes.lock_is_held() {
                    update(app, Input::WaitingForLock);
                    let _ = terminal.draw(|frame| crate::ui::draw(app, frame));
                }
                session.notes.run(app, &effect)
            }
            Effect::Suspend => {
                if suspend(terminal).is_err() {
                    return Some(stop_now(terminal, app, session));
                }
                None
            }
            Effect::IndexShelf => {
                let sink = session.sink.clone();
                Some(session.shelf.index(sink))
            }
            Effect::ReadShelfNotes => session.shelf.read_notes(),
            Effect::SearchShelf(query) => Some(session.shelf.search(&query)),
            Effect::OpenReport(request) => {
                let input = open_report(app, *request, &mut session.state, &mut session.notes);
                if let Some(dir) = &session.config_dir
                    && matches!(input, Input::ReportOpened(_))
                {
                    // The recent reports are kept at once, whatever ends the run.
                    let _ = state::save(dir, &session.state);
                }
                Some(input)
            }
            Effect::Copy(text) => {
                // Only visible text goes into the OSC 52 payload, whoever made it.
                let text = crate::text::for_clipboard(&text);
                let copy = ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text);
                execute!(terminal.backend_mut(), copy)
                    .is_err()
                    .then_some(Input::CopyFailed)
            }
        };
        if let Some(input) = outcome {
            queue.extend(update(app, input));
        }
    }
    None
}

/// A signal, or a terminal that is gone: quit without asking, keeping the
/// reading place.
fn stop_now(terminal: &mut Terminal, app: &mut App, session: &mut Session) -> Farewell {
    let effects = update(app, Input::Stop);
    carry_out(terminal, app, session, effects).unwrap_or_default()
}

type Terminal = ratatui::Terminal<CrosstermBackend<Stdout>>;

fn init() -> std::io::Result<Terminal> {
    let terminal =
        take_over().and_then(|()| Terminal::new(CrosstermBackend::new(std::io::stdout())));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// The terminal's modes for the reader, as `restore` undoes them: raw, the
/// alternate screen, mouse reports and bracketed paste.
fn take_over() -> std::io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// What the event loop hears from the reading thread.
enum Heard {
    Event(Event),
    /// The terminal cannot be read any more.
    Gone,
    /// Something else changed the state: draw again.
    Redraw,
    /// What a job on another thread (the shelf's indexing) came to.
    Input(Input),
}

/// Reads the terminal on a thread of its own. crossterm's reader never
/// returns once a terminal has hung up (it reads the dead terminal again
/// and again), and the loop must still hear SIGHUP then to keep the
/// reading place.
fn spawn_reader(send: mpsc::Sender<Heard>) -> std::io::Result<()> {
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
    Ok(())
}

/// What signals asked of the loop.
struct Signals {
    /// SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM: quit the
    /// normal way, keeping the reading place and any draft, with the
    /// terminal given back (their default would kill the process raw).
    stop: Arc<AtomicBool>,
    /// SIGTSTP: suspend with the terminal given back.
    suspend: Arc<AtomicBool>,
}

fn signals() -> std::io::Result<Signals> {
    let signals = Signals {
        stop: Arc::new(AtomicBool::new(false)),
        suspend: Arc::new(AtomicBool::new(false)),
    };
    #[cfg(unix)]
    {
        use signal_hook::consts::*;
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM] {
            signal_hook::flag::register(signal, Arc::clone(&signals.stop))?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
    }
    Ok(signals)
}

/// Gives the terminal back, stops until continued (`fg`), then sets the
/// terminal up again and has the whole screen drawn anew.
fn suspend(terminal: &mut Terminal) -> std::io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    take_over()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    // Both buffers blank, so the next frame is sent whole. Not
    // `Terminal::clear`: it asks the terminal where the cursor is, and the
    // reading thread holds crossterm's reader while it waits for a key.
    terminal.current_buffer_mut().reset();
    terminal.swap_buffers();
    Ok(())
}

/// How often the loop looks at the stop flag while no event comes.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The wheel scrolls, a click selects, a drag selects text; other mouse
/// reports do nothing.
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
        MouseEventKind::Drag(MouseButton::Left) => Some(Input::Drag { column, row }),
        _ => None,
    }
}

fn event_loop(
    terminal: &mut Terminal,
    app: &mut App,
    session: &mut Session,
    start: Start,
) -> Result<Farewell, TuiError> {
    let size = terminal.size()?;
    update(app, Input::Resize(size.width, size.height));
    let signals = signals()?;
    let stop = &signals.stop;
    let (send, events) = mpsc::channel();
    let from_jobs = std::sync::Mutex::new(send.clone());
    session.sink = Arc::new(move |input| {
        if let Ok(send) = from_jobs.lock() {
            let _ = send.send(Heard::Input(input));
        }
    });
    spawn_reader(send)?;
    let effects = update(app, Input::Start(Box::new(start)));
    if let Some(farewell) = carry_out(terminal, app, session, effects) {
        return Ok(farewell);
    }
    loop {
        if signals.suspend.swap(false, Ordering::Relaxed) && suspend(terminal).is_err() {
            return Ok(stop_now(terminal, app, session));
        }
        // A terminal that takes no frame has hung up: nobody is there.
        if stop.load(Ordering::Relaxed)
            || terminal.draw(|frame| crate::ui::draw(app, frame)).is_err()
        {
            return Ok(stop_now(terminal, app, session));
        }
        let mut next = loop {
            if stop.load(Ordering::Relaxed) {
                break Heard::Gone;
            }
            if signals.suspend.load(Ordering::Relaxed) {
                break Heard::Redraw;
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
                Heard::Input(input) => {
                    let effects = update(app, input);
                    if let Some(farewell) = carry_out(terminal, app, session, effects) {
                        return Ok(farewell);
                    }
                    next = match events.try_recv() {
                        Ok(heard) => heard,
                        Err(_) => break,
                    };
                    continue;
                }
                Heard::Redraw => break,
                Heard::Gone => return Ok(stop_now(terminal, app, session)),
            };
            let input = match event {
                Event::Key(key) => KeyPress::from_event(&key).map(Input::Key),
                Event::Mouse(m) => mouse_input(&m),
                Event::Paste(text) => Some(Input::Paste(text)),
                Event::Resize(w, h) => {
                    if terminal.autoresize().is_err() {
                        return Ok(stop_now(terminal, app, session));
                    }
                    Some(Input::Resize(w, h))
                }
                _ => None,
            };
            if let Some(input) = input {
                let effects = update(app, input);
                if let Some(farewell) = carry_out(terminal, app, session, effects) {
                    return Ok(farewell);
                }
            }
            next = match events.try_recv() {
                Ok(heard) => heard,
                Err(_) => break,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyModifiers, MouseButton};

    fn mouse(kind: MouseEventKind) -> MouseEvent {
        MouseEvent {
            kind,
            column: 39,
            row: 9,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn the_wheel_scrolls_and_a_click_selects_at_its_cell() {
        let (column, row) = (39, 9);
        assert_eq!(
            mouse_input(&mouse(MouseEventKind::ScrollDown)),
            Some(Input::Scroll {
                column,
                row,
                lines: 3
            })
        );
        assert_eq!(
            mouse_input(&mouse(MouseEventKind::ScrollUp)),
            Some(Input::Scroll {
                column,
                row,
                lines: -3
            })
        );
        assert_eq!(
            mouse_input(&mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Input::Click { column, row })
        );
        assert_eq!(mouse_input(&mouse(MouseEventKind::Moved)), None);
    }
}
