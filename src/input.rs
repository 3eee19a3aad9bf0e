//! Input from the terminal: key presses, mouse reports, resizes and requests
//! to stop, as crossterm events.
//!
//! On Unix the reader waits on the terminal itself, as `less` does: one
//! `poll` on the terminal and on a pipe the signal handlers write to, one
//! `read`, and the bytes parsed by terminput (crossterm's own parser, made
//! public). crossterm's event reader does the same work through an epoll
//! registry, a global lock and several clock reads: about 4 µs more CPU per
//! key in a real terminal, where the whole key costs the reader about 35.

use std::collections::VecDeque;

use ratatui::crossterm::event::Event;

/// What the loop gets next.
#[derive(Debug)]
pub enum Next {
    Event(Event),
    /// SIGTERM or SIGHUP, or the terminal is gone: quit the normal way, so
    /// the reading place is kept and the terminal given back.
    Stop,
}

#[cfg(unix)]
pub use unix::Reader;

#[cfg(not(unix))]
pub use portable::Reader;

/// Bytes from the terminal into events. A sequence cut off at the end of a
/// read waits for the next read; a lone ESC at the end of a read is the Esc
/// key, as crossterm decides it.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
}

impl Parser {
    pub fn feed(&mut self, bytes: &[u8], events: &mut VecDeque<Event>) {
        for (i, &b) in bytes.iter().enumerate() {
            // Nearly every key read is one printable ASCII character.
            if self.pending.is_empty()
                && let Some(event) = printable(b)
            {
                events.push_back(event);
                continue;
            }
            self.pending.push(b);
            let more = i + 1 < bytes.len();
            if self.pending == [0x1b] && more {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push_back(event);
                    }
                }
                Ok(None) => {}
                // Bytes no terminal sends for a key: dropped, as crossterm does.
                Err(_) => self.pending.clear(),
            }
        }
    }
}

/// The key a printable ASCII byte on its own is, as the parser reads it:
/// the character, with Shift for a capital.
pub fn printable(b: u8) -> Option<Event> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    (0x20..0x7f).contains(&b).then(|| {
        let mods = if b.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Event::Key(KeyEvent::new(KeyCode::Char(char::from(b)), mods))
    })
}

#[cfg(unix)]
mod unix {
    use std::collections::VecDeque;
    use std::io::{self, Read};
    use std::os::fd::AsFd;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use ratatui::crossterm::event::Event;
    use rustix::event::{PollFd, PollFlags, poll};
    use signal_hook::SigId;
    use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

    use super::{Next, Parser};

    pub struct Reader {
        stdin: io::Stdin,
        parser: Parser,
        events: VecDeque<Event>,
        bytes: Box<[u8; 1024]>,
        /// Written to by the signal handlers, so that `poll` wakes up.
        wake: UnixStream,
        resized: Arc<AtomicBool>,
        stop: Arc<AtomicBool>,
        handlers: Vec<SigId>,
    }

    impl Reader {
        /// Reads standard input, which must be the terminal in raw mode.
        pub fn new() -> io::Result<Reader> {
            let (wake, writer) = UnixStream::pair()?;
            wake.set_nonblocking(true)?;
            writer.set_nonblocking(true)?;
            let resized = Arc::new(AtomicBool::new(false));
            let stop = Arc::new(AtomicBool::new(false));
            let mut handlers = Vec::new();
            handlers.push(signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?);
            for signal in [SIGTERM, SIGHUP] {
                handlers.push(signal_hook::flag::register(signal, Arc::clone(&stop))?);
            }
            for signal in [SIGWINCH, SIGTERM, SIGHUP] {
                handlers.push(signal_hook::low_level::pipe::register(
                    signal,
                    writer.try_clone()?,
                )?);
            }
            Ok(Reader {
                stdin: io::stdin(),
                parser: Parser::default(),
                events: VecDeque::new(),
                bytes: Box::new([0; 1024]),
                wake,
                resized,
                stop,
                handlers,
            })
        }

        /// The next event, waiting for it as long as it takes.
        pub fn wait(&mut self) -> io::Result<Next> {
            loop {
                if self.stop.load(Ordering::Relaxed) {
                    return Ok(Next::Stop);
                }
                if let Some(event) = self.events.pop_front() {
                    return Ok(Next::Event(event));
                }
                if self.resized.swap(false, Ordering::Relaxed) {
                    let (w, h) = ratatui::crossterm::terminal::size()?;
                    return Ok(Next::Event(Event::Resize(w, h)));
                }
                let mut fds = [
                    PollFd::new(&self.stdin, PollFlags::IN),
                    PollFd::new(&self.wake, PollFlags::IN),
                ];
                match poll(&mut fds, None) {
                    Ok(_) => {}
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(e) => return Err(e.into()),
                }
                let (terminal, woken) = (fds[0].revents(), fds[1].revents());
                if !woken.is_empty() {
                    // Only to wake up: the flags say which signal came.
                    while let Ok(n) = (&self.wake).read(&mut self.bytes[..]) {
                        if n == 0 {
                            break;
                        }
                    }
                }
                if terminal.is_empty() {
                    continue;
                }
                match rustix::io::read(self.stdin.as_fd(), &mut self.bytes[..]) {
                    // End of file, or a hung-up terminal: nobody is reading.
                    Ok(0) | Err(rustix::io::Errno::IO) => return Ok(Next::Stop),
                    Ok(n) => self.parser.feed(&self.bytes[..n], &mut self.events),
                    Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }

        /// An event already read, without waiting: the loop handles all of
        /// them before it draws again.
        pub fn ready(&mut self) -> Option<Event> {
            self.events.pop_front()
        }
    }

    impl Drop for Reader {
        fn drop(&mut self) {
            for id in self.handlers.drain(..) {
                signal_hook::low_level::unregister(id);
            }
        }
    }
}

#[cfg(not(unix))]
mod portable {
    use std::io;

    use ratatui::crossterm::event;

    use super::Next;

    /// crossterm's own reader, where the Unix one does not apply.
    pub struct Reader;

    impl Reader {
        pub fn new() -> io::Result<Reader> {
            Ok(Reader)
        }

        pub fn wait(&mut self) -> io::Result<Next> {
            event::read().map(Next::Event)
        }

        pub fn ready(&mut self) -> Option<event::Event> {
            match event::poll(std::time::Duration::ZERO) {
                Ok(true) => event::read().ok(),
                _ => None,
            }
        }
    }
}

/// Reads a whole event stream from bytes, for tests.
pub fn parse_all(bytes: &[u8]) -> Vec<Event> {
    let mut events = VecDeque::new();
    Parser::default().feed(bytes, &mut events);
    events.into()
}
