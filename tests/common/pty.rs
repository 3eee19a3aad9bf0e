//! The real binary in a pseudo-terminal, read through a vt100 screen.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _config: tempfile::TempDir,
}

impl Session {
    pub fn start(args: &[&str], config: tempfile::TempDir) -> Session {
        let dir = config.path().to_path_buf();
        Session::start_in(args, &dir, config)
    }

    pub fn start_in(args: &[&str], dir: &std::path::Path, config: tempfile::TempDir) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_report-reader"));
        cmd.args(args);
        Session::spawn(cmd, dir, config)
    }

    /// A shell line in the terminal, with `$BIN` naming report-reader.
    pub fn start_shell(line: &str, config: tempfile::TempDir) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", line]);
        cmd.env("BIN", env!("CARGO_BIN_EXE_report-reader"));
        let dir = config.path().to_path_buf();
        Session::spawn(cmd, &dir, config)
    }

    fn spawn(mut cmd: CommandBuilder, dir: &std::path::Path, config: tempfile::TempDir) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        cmd.env("REPORT_READER_CONFIG_DIR", dir);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Session {
            screen,
            writer,
            master: pty.master,
            child,
            _config: config,
        }
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let a lone Esc arrive alone, so it is not read as Alt+key.
        std::thread::sleep(Duration::from_millis(80));
    }

    pub fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "did not exit");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}
