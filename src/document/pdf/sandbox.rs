//! PDF extraction in a child process of this binary, bounded in time,
//! memory and stack, as browsers keep their PDF readers apart: a flate bomb
//! named a thousand times, a 50 MB content stream or arrays nested fifty
//! thousand deep stop the child, never the reader, and become one true line.
//!
//! The seam is "bytes in, pieces out": the child reads the PDF's bytes on
//! stdin and writes each page's pieces as a line of JSON on stdout as soon
//! as it is read, then a last line with the outcome; the reader parses the
//! pages while the child reads on, and groups them into lines exactly as it
//! does in-process.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

use super::{PdfError, RawPage};

/// The hidden first argument that makes the binary this child; clap
/// refuses it, so no ordinary command line means it.
pub const CHILD_FLAG: &str = "--read-pdf-in-child";
/// "SECONDS,MIB": lower limits, for tests. It never raises them.
pub const LIMITS_VAR: &str = "REPORT_READER_PDF_LIMITS";

const SECONDS: u64 = 10;
const MEMORY: u64 = 1 << 30;
/// The stack the child reads on; deeper nesting is a hostile file.
const STACK: u64 = 8 << 20;
/// What the child writes, one per line.
#[derive(serde::Serialize, serde::Deserialize)]
enum Message {
    Page(Wire),
    End(Result<(), PdfError>),
}

/// A page as it goes down the pipe: each piece a JSON array, not an
/// object, which halves what is written and parsed.
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire(f32, f32, Vec<WirePiece>);

type WirePiece = (String, f32, f32, f32, f32, f32, bool, bool);

impl From<RawPage> for Wire {
    fn from(page: RawPage) -> Wire {
        let pieces = page.pieces.into_iter();
        let wire = pieces.map(|p| {
            (
                p.text, p.x0, p.x1, p.bottom, p.top, p.size, p.bold, p.italic,
            )
        });
        Wire(page.width, page.height, wire.collect())
    }
}

impl From<Wire> for RawPage {
    fn from(Wire(width, height, pieces): Wire) -> RawPage {
        let pieces = pieces.into_iter();
        RawPage {
            width,
            height,
            pieces: pieces
                .map(
                    |(text, x0, x1, bottom, top, size, bold, italic)| super::Fragment {
                        text,
                        x0,
                        x1,
                        bottom,
                        top,
                        size,
                        bold,
                        italic,
                    },
                )
                .collect(),
        }
    }
}

/// Pieces as JSON beyond this are no report's text.
const MAX_OUTPUT: usize = 256 << 20;
/// What the child holds back before writing: most reports' whole reply.
const OUT_BUFFER: usize = 16 << 20;
/// What the child says on stderr when it dies; more is dropped.
const MAX_STDERR: usize = 64 << 10;

static CHILD: OnceLock<Result<PathBuf, String>> = OnceLock::new();
/// Set in the child, which gives its memory back by exiting.
static IN_CHILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(super) fn in_child() -> bool {
    IN_CHILD.load(std::sync::atomic::Ordering::Relaxed)
}

/// From now on PDFs are read in a child process: this binary, run again.
/// The library reads them in-process unless this is called.
pub fn enable() {
    CHILD.get_or_init(|| std::env::current_exe().map_err(|e| e.to_string()));
}

pub(super) fn child_exe() -> Option<&'static Result<PathBuf, String>> {
    CHILD.get()
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Limits {
    seconds: u64,
    memory: u64,
}

impl Limits {
    /// The defaults, lowered by `REPORT_READER_PDF_LIMITS` if it says so.
    fn from_env() -> Limits {
        Limits::lowered_by(std::env::var(LIMITS_VAR).ok().as_deref())
    }

    fn lowered_by(var: Option<&str>) -> Limits {
        let lowered = var.and_then(|v| {
            let (s, m) = v.split_once(',')?;
            Some((s.trim().parse::<u64>().ok()?, m.trim().parse::<u64>().ok()?))
        });
        match lowered {
            Some((s, m)) => Limits {
                seconds: s.clamp(1, SECONDS),
                memory: m.saturating_mul(1 << 20).clamp(64 << 20, MEMORY),
            },
            None => Limits {
                seconds: SECONDS,
                memory: MEMORY,
            },
        }
    }

    fn memory_text(&self) -> String {
        if self.memory.is_multiple_of(1 << 30) {
            format!("{} GiB", self.memory >> 30)
        } else {
            format!("{} MiB", self.memory >> 20)
        }
    }
}

/// Runs the child when this process is it: limits itself first, then reads
/// the PDF on stdin and writes the outcome on stdout. `None` otherwise.
pub fn child_main() -> Option<ExitCode> {
    let mut args = std::env::args().skip(1);
    if args.next()? != CHILD_FLAG {
        return None;
    }
    let mut number = || args.next().and_then(|a| a.parse::<u64>().ok());
    let limits = Limits {
        seconds: number().unwrap_or(SECONDS).min(SECONDS),
        memory: number().unwrap_or(MEMORY).min(MEMORY),
    };
    IN_CHILD.store(true, std::sync::atomic::Ordering::Relaxed);
    Some(child(limits))
}

fn child(limits: Limits) -> ExitCode {
    // Nothing of the file is read before the limits hold.
    if let Err(e) = limit_self(limits) {
        let _ = writeln!(std::io::stderr(), "cannot set limits: {e}");
        return ExitCode::from(3);
    }
    // A panic is a damaged file, told on stdout; stderr is for crashes.
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(3);
    }
    // A thread of its own has a guard page, so an overflow is said as one.
    let reading = std::thread::Builder::new()
        .stack_size(STACK as usize)
        .spawn(move || {
            // Written in large pieces: a reader slow to take them (a busy
            // machine) never stalls the reading on a full pipe.
            let mut out = std::io::BufWriter::with_capacity(OUT_BUFFER, std::io::stdout().lock());
            let mut written = true;
            let end = super::extract_each(&bytes, |page| {
                written &= send(&mut out, &Message::Page(page.into()));
            });
            written & send(&mut out, &Message::End(end)) && out.flush().is_ok()
        });
    let written = match reading.map(|t| t.join()) {
        Ok(Ok(written)) => written,
        Ok(Err(_)) => {
            let failed = PdfError::Damaged("the PDF reader failed on it".into());
            send(&mut std::io::stdout().lock(), &Message::End(Err(failed)))
        }
        Err(e) => send(
            &mut std::io::stdout().lock(),
            &Message::End(Err(PdfError::Damaged(e.to_string()))),
        ),
    };
    if written {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    }
}

/// One line of JSON; false when it could not be written.
fn send(out: &mut impl Write, message: &Message) -> bool {
    serde_json::to_writer(&mut *out, message).is_ok() && out.write_all(b"\n").is_ok()
}

#[cfg(unix)]
fn limit_self(limits: Limits) -> std::io::Result<()> {
    use rlimit::Resource;
    // A crash leaves no core file behind.
    Resource::CORE.set(0, 0)?;
    Resource::AS.set(limits.memory, limits.memory)?;
    Resource::CPU.set(limits.seconds, limits.seconds + 1)?;
    let (_, hard) = Resource::STACK.get()?;
    Resource::STACK.set(STACK.min(hard), STACK.min(hard))
}

#[cfg(not(unix))]
fn limit_self(_: Limits) -> std::io::Result<()> {
    Ok(())
}

/// Reads the PDF's pages in the child `exe`, within the limits.
pub(super) fn extract(
    bytes: &[u8],
    exe: &Result<PathBuf, String>,
) -> Result<Vec<RawPage>, PdfError> {
    let exe = exe.as_ref().map_err(|e| PdfError::NoChild(e.clone()))?;
    let limits = Limits::from_env();
    let mut child = spawn(exe, limits).map_err(|e| PdfError::NoChild(e.to_string()))?;
    widen_pipes(&child);
    let (mut stdin, stdout, stderr) =
        match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(i), Some(o), Some(e)) => (i, o, e),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::NoChild("no pipes to it".into()));
            }
        };
    let limit = Duration::from_secs(limits.seconds);
    let start = Instant::now();
    // Not scoped: stderr ends only when the child has exited, which a whole
    // answer does not wait for.
    let said = std::thread::spawn(move || read_capped(stderr, MAX_STDERR));
    let reply = std::thread::scope(|s| {
        // A child that dies early closes its stdin: the write just fails.
        s.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let (done, finished) = mpsc::channel();
        let reply = s.spawn(move || {
            let reply = read_reply(stdout);
            let _ = done.send(());
            reply
        });
        // The reply ends with its last line or the child: no polling.
        let ended = finished.recv_timeout(limit).is_ok();
        if !ended {
            let _ = stop(&mut child);
        }
        ended.then(|| reply.join().unwrap_or_default())
    });
    let whole = |r: &Reply| r.end.is_some() && r.garbled.is_none() && !r.too_much;
    let status = match &reply {
        // The answer is whole: the child's exit (its memory handed back) is
        // not waited for; a thread reaps it, or stops it at the deadline.
        Some(r) if whole(r) => {
            let left = limit.saturating_sub(start.elapsed());
            std::thread::spawn(move || wait(&mut child, left));
            Some(ExitStatus::default())
        }
        Some(_) => wait(&mut child, limit.saturating_sub(start.elapsed()))
            .map_err(|e| PdfError::NoChild(e.to_string()))?,
        None => None,
    };
    let said = match status {
        Some(s) if s.success() => (Vec::new(), false),
        _ => said.join().unwrap_or_default(),
    };
    outcome(limits, status, reply.unwrap_or_default(), &said)
}

/// What the child said on stdout: the pages so far, and how it ended.
#[derive(Default)]
struct Reply {
    pages: Vec<RawPage>,
    end: Option<Result<(), PdfError>>,
    too_much: bool,
    garbled: Option<String>,
}

/// Parses the child's lines as they come, at most `MAX_OUTPUT` bytes of
/// them; the rest is drained so the child never blocks on a full pipe.
fn read_reply(from: impl Read) -> Reply {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, from);
    let mut reply = Reply::default();
    let mut line = Vec::new();
    let mut total = 0usize;
    loop {
        line.clear();
        let room = (MAX_OUTPUT - total) as u64;
        match (&mut reader).take(room + 1).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
        if total > MAX_OUTPUT {
            reply.too_much = true;
            break;
        }
        match serde_json::from_slice::<Message>(&line) {
            Ok(Message::Page(page)) => reply.pages.push(page.into()),
            // Nothing follows the last line.
            Ok(Message::End(end)) => {
                reply.end = Some(end);
                return reply;
            }
            Err(e) => {
                reply.garbled = Some(e.to_string());
                break;
            }
        }
    }
    let _ = std::io::copy(&mut reader, &mut std::io::sink());
    reply
}

fn spawn(exe: &Path, limits: Limits) -> std::io::Result<Child> {
    Command::new(exe)
        .arg(CHILD_FLAG)
        .arg(limits.seconds.to_string())
        .arg(limits.memory.to_string())
        // mimalloc reserves 1 GiB of address space at a time, which the
        // limit counts as used; smaller reserves leave it to real use.
        .env("MIMALLOC_ARENA_RESERVE", "64MiB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

/// Pipes of 1 MiB: a report's bytes go in and its pieces come out in a few
/// writes, not in hundreds of 64 KiB hand-offs, each a wait for a core on
/// a busy machine.
#[cfg(target_os = "linux")]
fn widen_pipes(child: &Child) {
    const PIPE: usize = 1 << 20;
    if let Some(pipe) = &child.stdin {
        let _ = rustix::pipe::fcntl_setpipe_size(pipe, PIPE);
    }
    if let Some(pipe) = &child.stdout {
        let _ = rustix::pipe::fcntl_setpipe_size(pipe, PIPE);
    }
}

#[cfg(not(target_os = "linux"))]
fn widen_pipes(_: &Child) {}

/// The child's exit, or `None` when it was stopped at the deadline.
fn wait(child: &mut Child, limit: Duration) -> std::io::Result<Option<ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() >= limit {
            return stop(child).map(|_| None);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn stop(child: &mut Child) -> std::io::Result<()> {
    let _ = child.kill();
    child.wait().map(|_| ())
}

/// Up to `cap` bytes, and a flag when there were more; the rest is
/// drained so the child never blocks on a full pipe.
fn read_capped(mut from: impl Read, cap: usize) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let mut more = false;
    let mut buf = vec![0u8; 64 << 10];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
                more |= n > room;
            }
        }
    }
    (kept, more)
}

/// The child's exit → the pages, or the one true reason it has none.
fn outcome(
    limits: Limits,
    status: Option<ExitStatus>,
    reply: Reply,
    (said, _): &(Vec<u8>, bool),
) -> Result<Vec<RawPage>, PdfError> {
    let stopped = |why: String| Err(PdfError::Stopped(why));
    let Some(status) = status else {
        return stopped(format!("stopped after {} s", limits.seconds));
    };
    if reply.too_much {
        return stopped(format!("its text is more than {} MiB", MAX_OUTPUT >> 20));
    }
    if status.success() {
        return match (reply.end, reply.garbled) {
            (Some(Ok(())), None) => Ok(reply.pages),
            (Some(Err(e)), None) => Err(e),
            (_, garbled) => stopped(format!(
                "the PDF reader's answer was cut{}",
                garbled.map(|e| format!(": {e}")).unwrap_or_default()
            )),
        };
    }
    let said = String::from_utf8_lossy(said);
    if said.contains("memory allocation of") || said.contains("out of memory") {
        return stopped(format!("it needed more than {}", limits.memory_text()));
    }
    if said.contains("overflowed its stack") {
        return stopped("it is nested too deeply".into());
    }
    if out_of_time(&status) {
        return stopped(format!("stopped after {} s", limits.seconds));
    }
    stopped(format!("the PDF reader crashed on it: {status}"))
}

#[cfg(unix)]
fn out_of_time(status: &ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    // SIGXCPU: the CPU limit's soft end, whose default is to end it.
    status.signal() == Some(libc::SIGXCPU)
}

#[cfg(not(unix))]
fn out_of_time(_: &ExitStatus) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_can_be_lowered_never_raised() {
        let default = Limits {
            seconds: SECONDS,
            memory: MEMORY,
        };
        assert_eq!(Limits::lowered_by(None), default);
        assert_eq!(Limits::lowered_by(Some("nonsense")), default);
        assert_eq!(Limits::lowered_by(Some("100,4096")), default);
        assert_eq!(default.memory_text(), "1 GiB");
        let low = Limits::lowered_by(Some("2, 256"));
        assert_eq!(
            low,
            Limits {
                seconds: 2,
                memory: 256 << 20,
            }
        );
        assert_eq!(low.memory_text(), "256 MiB");
    }

    #[test]
    fn a_capped_read_drains_and_says_there_was_more() {
        let (kept, more) = read_capped(&[7u8; 1000][..], 10);
        assert_eq!((kept.len(), more), (10, true));
        let (kept, more) = read_capped(&[7u8; 10][..], 10);
        assert_eq!((kept.len(), more), (10, false));
    }
}
