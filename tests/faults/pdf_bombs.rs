//! Hostile PDFs, made here, given to the real binary: a flate bomb named
//! hundreds of times, a huge content stream, a huge TJ array, arrays nested
//! 50,000 deep in a TJ and in an object. Each must end with exit 2 and one
//! line naming the file, within the bound, never a hang, an abort or the
//! false "no text layer". The time and memory limits are lowered here (1 s,
//! 256 MiB) to keep CI fast; the nesting tests run with the real defaults.

use crate::common;
use crate::common::pdf_build as build;
use crate::common::raw_pdf as raw;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use build::{Font, Report};
use raw::{one_page, stream};

const BIN: &str = env!("CARGO_BIN_EXE_report-reader");
const LOW_LIMITS: &str = "1,256";

const TEXT: &[u8] = b"BT /F1 10 Tf 72 700 Td (Hello) Tj ET\n";

fn repeated(unit: &[u8], bytes: usize) -> Vec<u8> {
    unit.repeat(bytes / unit.len())
}

/// Runs `--print` on `pdf` written as `name`, with `limits` (or the
/// defaults): (exit status, stderr, time taken). Fails on a hang.
fn run(name: &str, pdf: &[u8], limits: Option<&str>) -> (i32, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new(BIN);
    command
        .arg("--print")
        .arg(&path)
        .env("REPORT_READER_CONFIG_DIR", dir.path())
        .env_remove(report_reader::document::sandbox::LIMITS_VAR)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(limits) = limits {
        command.env(report_reader::document::sandbox::LIMITS_VAR, limits);
    }
    let start = Instant::now();
    let mut child = command.spawn().expect("binary runs");
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("{name} hung the reader");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = start.elapsed();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), err, took)
}

/// Exit 2 and one line naming the file and saying why, within `bound`.
fn assert_refused(name: &str, (code, err, took): (i32, String, Duration), bound: Duration) {
    assert_eq!(code, 2, "{name}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(name), "{err}");
    assert!(err.contains("too large or malformed to read ("), "{err}");
    assert!(!err.contains("no text layer"), "{err}");
    assert!(took < bound, "{name} took {took:?}");
}

/// The low limits' second, and time to start and to be stopped.
const LOW_BOUND: Duration = Duration::from_secs(6);
/// The real limit's 10 s and more: a crash must come long before.
const CRASH_BOUND: Duration = Duration::from_secs(8);

#[test]
fn a_flate_bomb_named_five_hundred_times_is_stopped_with_one_line() {
    let pdf = one_page(
        &format!("[{}]", vec!["5 0 R"; 500].join(" ")),
        b"",
        vec![stream(&vec![b' '; 4 << 20], true)],
    );
    assert!(pdf.len() < 20_000);
    let name = "named-bomb.pdf";
    assert_refused(name, run(name, &pdf, Some(LOW_LIMITS)), LOW_BOUND);
}

#[test]
fn a_flate_bomb_of_text_operators_named_many_times_is_stopped_with_one_line() {
    let pdf = one_page(
        &format!("[{}]", vec!["5 0 R"; 200].join(" ")),
        b"",
        vec![stream(&repeated(TEXT, 1 << 20), true)],
    );
    let name = "text-bomb.pdf";
    assert_refused(name, run(name, &pdf, Some(LOW_LIMITS)), LOW_BOUND);
}

#[test]
fn a_page_with_a_huge_content_stream_is_stopped_with_one_line() {
    let pdf = one_page("5 0 R", b"", vec![stream(&repeated(TEXT, 8 << 20), false)]);
    let name = "huge-stream.pdf";
    assert_refused(name, run(name, &pdf, Some(LOW_LIMITS)), LOW_BOUND);
}

#[test]
fn a_huge_tj_array_is_stopped_with_one_line() {
    let mut tj = b"BT /F1 10 Tf 72 700 Td [".to_vec();
    tj.extend(repeated(b"(a) -10 ", 8 << 20));
    tj.extend_from_slice(b"] TJ ET\n");
    let pdf = one_page("5 0 R", b"", vec![stream(&tj, true)]);
    let name = "huge-tj.pdf";
    assert_refused(name, run(name, &pdf, Some(LOW_LIMITS)), LOW_BOUND);
}

fn nested(depth: usize) -> Vec<u8> {
    let mut out = b"[".repeat(depth);
    out.extend_from_slice(b"(x)");
    out.extend(b"]".repeat(depth));
    out
}

#[test]
fn arrays_nested_50000_deep_in_a_tj_stop_the_child_not_the_reader() {
    let mut content = b"BT /F1 10 Tf 72 700 Td ".to_vec();
    content.extend(nested(50_000));
    content.extend_from_slice(b" TJ ET\n");
    let pdf = one_page("5 0 R", b"", vec![stream(&content, false)]);
    let name = "deep-tj.pdf";
    let outcome = run(name, &pdf, None);
    assert!(outcome.1.contains("nested too deeply"), "{}", outcome.1);
    assert_refused(name, outcome, CRASH_BOUND);
}

#[test]
fn an_object_nested_50000_deep_stops_the_child_not_the_reader() {
    let mut extra = b"/Junk ".to_vec();
    extra.extend(nested(50_000));
    let pdf = one_page("5 0 R", &extra, vec![stream(TEXT, false)]);
    let name = "deep-object.pdf";
    let outcome = run(name, &pdf, None);
    assert!(outcome.1.contains("nested too deeply"), "{}", outcome.1);
    assert_refused(name, outcome, CRASH_BOUND);
}

/// A page that is megabytes of spaces has no text, but it is no scan:
/// "run OCR on it" would be false.
#[test]
fn a_flate_bomb_of_spaces_is_not_called_a_scan() {
    let pdf = one_page("5 0 R", b"", vec![stream(&vec![b' '; 4 << 20], true)]);
    let (code, err, _) = run("spaces.pdf", &pdf, None);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("spaces.pdf: its pages hold no text and no scanned image"),
        "{err}"
    );
}

/// A page that draws only an image is a scan, and is told to get OCR.
#[test]
fn a_page_with_only_an_image_is_still_a_scan() {
    let image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 \
        /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream";
    let pdf = raw::one_page_in(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        "/XObject << /Im1 6 0 R >>",
        "5 0 R",
        b"",
        vec![
            stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q\n", false),
            image.to_vec(),
        ],
    );
    let (code, err, _) = run("scan.pdf", &pdf, None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("scan.pdf: this PDF has no text layer; run OCR"),
        "{err}"
    );
}

/// The seam changes nothing: a report read by the child comes out as the
/// library reads it in-process.
#[test]
fn a_report_read_in_the_child_is_the_report_read_in_process() {
    let mut r = Report::new();
    r.masthead("Report on hostile files");
    r.heading("I.", "Introduction", build::BODY);
    for n in 1..=12 {
        r.para(
            n,
            &[
                "Paragraph text that runs on^1 for a while",
                "and ends here.",
            ],
        );
    }
    r.foot_note("1", &["A note at the foot."]);
    r.raw(build::LEFT, Font::Italic, build::BODY, "An italic line");
    let pdf = r.finish();
    let doc = report_reader::document::from_bytes(&pdf, Path::new("r.pdf")).unwrap();
    let expected = report_reader::cli::document_json(&doc);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let (code, out, err) = common::run_cli(&["--print", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got, expected);
}
