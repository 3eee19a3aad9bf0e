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
        // Colours on, whatever the tests run with: some tests look at them.
        cmd.env_remove("NO_COLOR");
        let (pty, child) = open(cmd, dir);
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

/// A 120×40 terminal with `cmd` running in it, its configuration in `dir`.
fn open(
    mut cmd: CommandBuilder,
    dir: &std::path::Path,
) -> (
    portable_pty::PtyPair,
    Box<dyn portable_pty::Child + Send + Sync>,
) {
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
    (pty, child)
}

/// Runs report-reader with `args` in a terminal, types `keys` once its first
/// screen shows, and when `shown` is on screen closes the terminal, as a
/// dropped SSH link does. Returns the exit code.
pub fn hang_up_after(args: &[&str], dir: &std::path::Path, keys: &[&str], shown: &str) -> u32 {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_report-reader"));
    cmd.args(args);
    let (pty, mut child) = open(cmd, dir);
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    // The screen is read until `shown`; then the reading end is let go, so
    // that closing the master hangs the terminal up.
    let (started, start) = std::sync::mpsc::channel();
    let shown = shown.to_string();
    let watcher = std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(40, 120, 0);
        let mut buf = [0u8; 8192];
        let mut told = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.process(&buf[..n]);
            let on_screen = screen.screen().contents();
            if !told && on_screen.contains("Report of the Secretary-General") {
                told = true;
                let _ = started.send(());
            }
            if on_screen.contains(&shown) {
                return true;
            }
        }
        false
    });
    start
        .recv_timeout(Duration::from_secs(20))
        .expect("first screen");
    for k in keys {
        writer.write_all(k.as_bytes()).expect("write");
        writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(80));
    }
    assert!(
        watcher.join().expect("watcher"),
        "never showed what was typed"
    );
    // portable-pty's writer sends "\n" and the terminal's end-of-file key
    // when dropped: keys (Ctrl-j, Ctrl-d: half a page down) that a closing
    // terminal never sends. With no end-of-file key set it sends nothing.
    let slave = pty.master.tty_name().expect("the terminal's name");
    let unset = std::process::Command::new("stty")
        .arg("-F")
        .arg(&slave)
        .args(["eof", "undef"])
        .status()
        .expect("stty runs");
    assert!(unset.success());
    drop(writer);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.exit_code();
        }
        assert!(Instant::now() < deadline, "did not exit on a hang-up");
        std::thread::sleep(Duration::from_millis(30));
    }
}
