//! The shelf: `--search QUERY DIR` over a folder of reports, built here
//! from the embedded report, a PDF laid out by `pdf_build`, a damaged and
//! an encrypted PDF and files that are no reports; and over PDFs of
//! `../shared/corpus` where it is beside the project (skipped, saying so,
//! where not). Every run keeps its index in a throwaway cache directory.

use std::path::{Path, PathBuf};

use report_reader::document::{Document, EMBEDDED_REPORT, from_bytes};
use report_reader::shelf::{self, Shelf};
use serde_json::Value;

use crate::common::pdf_build::{self as build, Report};

/// The PDF report of the shelf: A/HRC/59/15 of 10 March 2025.
pub fn hrc_report() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    r.para(
        1,
        &[
            "The Special Rapporteur recalls the review of Italy (A/HRC/28/4) and the",
            "principles on impunity.^1",
        ],
    );
    r.para(
        2,
        &[
            "Security Council resolution S/RES/1325 (2000) on women, peace and security",
            "guides the work of the mandate on displacement.",
        ],
    );
    r.para(
        3,
        &["Detention of migrant children is never in their best interests. States should:"],
    );
    r.item("a", &["End the immigration detention of children;"]);
    r.item("b", &["Ensure access to education for every child."]);
    r.para(
        4,
        &["The mandate thanks the Government of Slovenia for its invitation."],
    );
    r.foot_note("1", &["See E/CN.4/2005/85, annex."]);
    r.finish()
}

pub fn encrypted() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("Locked report");
    r.heading("I.", "Introduction", 12.0);
    r.para(1, &["Nobody reads this paragraph about secret migrants."]);
    build::encrypted_pdf(&r.into_pages())
}

/// A shelf in a temporary folder, with its cache and configuration
/// directories beside it.
struct TestShelf {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
    config: tempfile::TempDir,
}

impl TestShelf {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
            .args(args)
            .arg(self.path())
            .arg("--cache-dir")
            .arg(self.cache.path())
            .env("REPORT_READER_CONFIG_DIR", self.config.path())
            .env_remove("REPORT_READER_CACHE_DIR")
            .output()
            .expect("binary runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The hits for `query`, as `--json` gives them; the run must succeed.
    fn hits(&self, query: &str) -> Vec<Value> {
        let (code, out, err) = self.run(&["--search", query, "--json", "--limit", "100"]);
        assert_eq!(code, 0, "{query}: {err}");
        match serde_json::from_str(&out) {
            Ok(Value::Array(hits)) => hits,
            other => panic!("{query}: not a JSON array: {other:?}\n{out}"),
        }
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, bytes).expect("written");
    }

    fn index_dir(&self) -> PathBuf {
        let root = std::fs::canonicalize(self.path()).expect("canonical");
        shelf::shelf_dir(self.cache.path(), &root)
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn test_shelf() -> TestShelf {
    let s = TestShelf {
        dir: tempdir(),
        cache: tempdir(),
        config: tempdir(),
    };
    s.write("ga/migrants-2010.txt", EMBEDDED_REPORT.as_bytes());
    s.write("hrc/A-HRC-59-15.pdf", &hrc_report());
    let good = hrc_report();
    s.write("hrc/broken.pdf", &good[..good.len() / 2]);
    s.write("hrc/locked.pdf", &encrypted());
    s.write("README.txt", b"A shelf of reports, for the tests.\n");
    s.write("list.json", b"{\"not\": \"a report\"}");
    s
}

fn str_of<'a>(hit: &'a Value, key: &str) -> Option<&'a str> {
    hit.get(key).and_then(Value::as_str)
}

fn file_of(hit: &Value) -> String {
    str_of(hit, "file").unwrap_or("").replace('\\', "/")
}

fn from_pdf(hit: &Value) -> bool {
    file_of(hit).ends_with("A-HRC-59-15.pdf")
}

fn paragraph_of(hit: &Value) -> Option<u64> {
    hit.get("paragraph").and_then(Value::as_u64)
}

#[test]
fn the_built_report_reads_as_the_shelf_expects() {
    let doc = from_bytes(&hrc_report(), Path::new("A-HRC-59-15.pdf")).expect("reads");
    assert_eq!(doc.header.symbol.as_deref(), Some("A/HRC/59/15"));
    let numbers: Vec<u32> = doc.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(doc.paragraphs[2].sub_items.len(), 2);
    assert_eq!(doc.footnotes.len(), 1);
}

#[test]
fn a_un_symbol_is_found_whole_in_the_text_and_in_a_note() {
    let s = test_shelf();
    let hits = s.hits("A/HRC/28/4");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(from_pdf(&hits[0]) && paragraph_of(&hits[0]) == Some(1));
    assert!(str_of(&hits[0], "snippet").unwrap().contains("A/HRC/28/4"));
    // Its pieces are not words of the text.
    for piece in ["HRC", "28/4", "A/HRC/28"] {
        assert!(s.hits(piece).iter().all(|h| !from_pdf(h)), "{piece}");
    }
    let notes = s.hits("e/cn.4/2005/85");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(str_of(&notes[0], "footnote"), Some("1"));
    assert_eq!(paragraph_of(&notes[0]), Some(1));
    for query in ["S/RES/1325 (2000)", "\"S/RES/1325 (2000)\"", "S/RES/1325"] {
        let hits = s.hits(query);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(paragraph_of(&hits[0]), Some(2), "{query}");
    }
    assert!(s.hits("S/RES/1325 (2001)").is_empty());
    let (code, out, _) = s.run(&["--search", "A/HRC/28/4"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("A/HRC/59/15, para. 1: "),
        "a hit's line: {out}"
    );
}

/// The embedded report's unit that a hit on it names, as text.
fn embedded_text(doc: &Document, hit: &Value) -> Option<String> {
    let n = paragraph_of(hit)? as u32;
    let p = &doc.paragraphs[doc.paragraph_index(n)?];
    match (str_of(hit, "kind")?, str_of(hit, "sub_item")) {
        ("paragraph", _) => Some(doc.plain(&p.text)),
        ("sub_item", Some(label)) => {
            let item = p.sub_items.iter().find(|i| i.label == label)?;
            Some(doc.plain(&item.text))
        }
        _ => None,
    }
}

/// Whether folded text `t` has the word `w`.
fn has_word(t: &str, w: &str) -> bool {
    t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w)
}

#[test]
fn phrases_required_and_excluded_words_hold_in_every_hit() {
    let s = test_shelf();
    let doc = Document::embedded();
    let fold = report_reader::fold::fold;
    let checked = |query: &str, holds: &dyn Fn(&str) -> bool| {
        let hits = s.hits(query);
        let on_paragraphs: Vec<String> = hits
            .iter()
            .filter(|h| file_of(h).ends_with("migrants-2010.txt"))
            .filter_map(|h| embedded_text(&doc, h))
            .collect();
        assert!(on_paragraphs.len() >= 2, "{query}: {hits:?}");
        for text in &on_paragraphs {
            assert!(holds(&fold(text)), "{query}: {text}");
        }
        hits
    };
    checked("\"human rights of migrants\"", &|t| {
        t.contains("human rights of migrants")
    });
    checked("+detention +children", &|t| {
        has_word(t, "detention") && has_word(t, "children")
    });
    checked("migrants -children -child", &|t| {
        has_word(t, "migrants") && !has_word(t, "children") && !has_word(t, "child")
    });
    // Excluded from the PDF too: paragraph 3 speaks of children.
    let hits = s.hits("detention -children");
    assert!(hits.iter().all(|h| !from_pdf(h)), "{hits:?}");
    assert!(s.hits("detention").iter().any(from_pdf));
}

#[test]
fn symbol_year_and_country_filters() {
    let s = test_shelf();
    let all = s.hits("migrants");
    assert!(all.iter().any(from_pdf) && !all.iter().all(from_pdf));
    for query in [
        "migrants sym:A/HRC/",
        "migrants sym:a/hrc/59",
        "migrants year:2025",
    ] {
        let hits = s.hits(query);
        assert!(
            !hits.is_empty() && hits.iter().all(from_pdf),
            "{query}: {hits:?}"
        );
        for h in &hits {
            assert_eq!(str_of(h, "symbol"), Some("A/HRC/59/15"));
        }
    }
    for query in ["migrants year:2010", "migrants -sym:A/HRC/"] {
        let hits = s.hits(query);
        assert!(
            !hits.is_empty() && !hits.iter().any(from_pdf),
            "{query}: {hits:?}"
        );
    }
    assert!(s.hits("migrants sym:E/").is_empty());
    assert!(s.hits("migrants year:2009-2011").len() > 2);
    let slovenia = s.hits("country:Slovenia");
    assert_eq!(slovenia.len(), 1, "{slovenia:?}");
    assert_eq!(paragraph_of(&slovenia[0]), Some(4));
    let egypt = s.hits("country:egypt migration");
    assert!(!egypt.is_empty());
    assert!(egypt.iter().all(|h| !from_pdf(h)));
    let (code, _, err) = s.run(&["--search", "country:Atlantis"]);
    assert_eq!(code, 2);
    assert!(err.contains("country:Atlantis"), "{err}");
}

#[test]
fn has_notes_keeps_the_reports_with_notes() {
    let s = test_shelf();
    assert!(s.hits("migrants has:notes").is_empty());
    let doc = Document::embedded();
    let (mut store, message) = report_reader::notes::NoteStore::open(s.config.path());
    assert!(message.is_none());
    store
        .add(&doc, &report_reader::notes::Target::Paragraph(3), "to cite")
        .expect("note added");
    store.save().expect("saved");
    let hits = s.hits("migrants has:notes");
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| file_of(h).ends_with("migrants-2010.txt"))
    );
}

#[test]
fn a_damaged_pdf_is_named_and_the_others_are_searched() {
    let s = test_shelf();
    let (code, out, err) = s.run(&["--search", "migrants"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A/HRC/59/15, "), "{out}");
    assert!(out.contains("migrants-2010.txt, para. "), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    let named = |name: &str| lines.iter().filter(|l| l.contains(name)).count();
    assert_eq!(named("broken.pdf"), 1, "{err}");
    assert_eq!(named("locked.pdf"), 1, "{err}");
    assert!(err.contains("encrypted"), "{err}");
    assert_eq!(named("README.txt") + named("list.json"), 0, "{err}");
    assert!(!out.contains("secret"));
    // Said again when the index is not rebuilt.
    let (code, _, again) = s.run(&["--search", "migrants"]);
    assert_eq!(code, 0);
    assert_eq!(again, err);
}

#[test]
fn json_hits_have_every_field_and_only_printed_numbers() {
    let s = test_shelf();
    let pdf = from_bytes(&hrc_report(), Path::new("x.pdf")).expect("reads");
    let embedded = Document::embedded();
    let hits = s.hits("migrants children detention");
    assert!(hits.len() > 5);
    for h in &hits {
        let object = h.as_object().expect("object");
        for key in [
            "file",
            "symbol",
            "title",
            "paragraph",
            "sub_item",
            "footnote",
            "page",
            "snippet",
            "score",
        ] {
            assert!(object.contains_key(key), "{key}: {h}");
        }
        assert!(h["score"].as_f64().is_some_and(|s| s > 0.0));
        assert!(Path::new(&file_of(h)).starts_with(s.path()), "{h}");
        let doc = if from_pdf(h) { &pdf } else { &embedded };
        if let Some(n) = paragraph_of(h) {
            assert!(doc.paragraphs.iter().any(|p| p.number as u64 == n), "{h}");
        }
        assert!(h["paragraph"].is_null() || h["paragraph"].is_u64());
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let item = s.hits("immigration detention");
    let item = item.iter().find(|h| from_pdf(h)).expect("the sub-item");
    assert_eq!(str_of(item, "sub_item"), Some("a"));
    assert_eq!(paragraph_of(item), Some(3));
    assert_eq!(item["page"].as_u64(), Some(1));
    assert_eq!(str_of(item, "title"), Some("Human rights of migrants"));
    let (_, text, _) = s.run(&["--search", "E/CN.4/2005/85"]);
    assert!(
        text.starts_with("A/HRC/59/15, note 1 (para. 1): "),
        "{text}"
    );
}

#[test]
fn reindexing_reads_only_what_changed_and_drops_what_left() {
    let s = test_shelf();
    s.write("extra/copy.txt", EMBEDDED_REPORT.as_bytes());
    let root = std::fs::canonicalize(s.path()).unwrap();
    let update = || {
        let mut messages = Vec::new();
        let mut shelf = Shelf::open(&s.index_dir(), &mut messages).expect("opens");
        shelf::update::update(&mut shelf, &root, false).expect("updated")
    };
    let first = update();
    assert_eq!((first.read, first.unchanged, first.removed), (6, 0, 0));
    assert_eq!(first.failed.len(), 2, "{:?}", first.failed);
    let second = update();
    assert_eq!((second.read, second.unchanged, second.removed), (0, 6, 0));

    // A file whose size and time are as recorded is not read again: its
    // old words are still the ones found.
    let path = s.path().join("extra/copy.txt");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let changed = EMBEDDED_REPORT.replacen("migrants", "nomadsxx", 1);
    assert_eq!(changed.len(), EMBEDDED_REPORT.len());
    std::fs::write(&path, &changed).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert!(s.hits("nomadsxx").is_empty());
    // A new time: read again.
    let later = modified + std::time::Duration::from_secs(5);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(later).unwrap();
    drop(file);
    let hits = s.hits("nomadsxx");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(file_of(&hits[0]).ends_with("extra/copy.txt"));
    // Same bytes, new time: recorded again, not read.
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(later + std::time::Duration::from_secs(5))
        .unwrap();
    drop(file);
    let touched = update();
    assert_eq!((touched.read, touched.unchanged), (0, 6));

    std::fs::remove_dir_all(s.path().join("extra")).unwrap();
    std::fs::remove_file(s.path().join("hrc/broken.pdf")).unwrap();
    let after = update();
    assert_eq!((after.read, after.removed), (0, 2));
    assert_eq!(after.failed.len(), 1);
    assert!(s.hits("nomadsxx").is_empty());
    let (_, _, err) = s.run(&["--search", "migrants"]);
    assert!(!err.contains("broken.pdf"), "{err}");
}

#[test]
fn a_damaged_or_older_index_is_rebuilt_with_a_message() {
    let s = test_shelf();
    let before = s.hits("A/HRC/28/4");
    assert_eq!(before.len(), 1);
    let index = s.index_dir().join("index");
    let mut damaged = 0;
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !path.to_string_lossy().contains("lock") {
            std::fs::write(&path, b"\x00damaged\xff").unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 2);
    let (code, out, err) = s.run(&["--search", "A/HRC/28/4"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("damaged") && err.contains("rebuilding"),
        "{err}"
    );
    assert!(out.starts_with("A/HRC/59/15, para. 1"), "{out}");
    let (_, _, quiet) = s.run(&["--search", "A/HRC/28/4"]);
    assert!(!quiet.contains("rebuilding"), "{quiet}");

    std::fs::write(s.index_dir().join("version"), "0\n").unwrap();
    let (code, out, err) = s.run(&["--search", "A/HRC/28/4"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("another version") && err.contains("rebuilding"),
        "{err}"
    );
    assert!(out.starts_with("A/HRC/59/15, para. 1"), "{out}");
}

#[test]
fn a_second_copy_only_reads_the_index() {
    let s = test_shelf();
    assert_eq!(s.hits("A/HRC/28/4").len(), 1);
    let mut messages = Vec::new();
    let holder = Shelf::open(&s.index_dir(), &mut messages).expect("opens");
    assert!(
        holder.writer.is_some() && messages.is_empty(),
        "{messages:?}"
    );
    s.write(
        "late.txt",
        EMBEDDED_REPORT.replace("migrants", "wanderers").as_bytes(),
    );
    let (code, out, err) = s.run(&["--search", "A/HRC/28/4"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("another report-reader"), "{err}");
    assert!(out.starts_with("A/HRC/59/15, para. 1"), "{out}");
    assert!(s.hits("wanderers").is_empty());
    drop(holder);
    assert!(!s.hits("wanderers").is_empty());
}

#[test]
fn bad_arguments_are_one_line_and_status_2() {
    let s = test_shelf();
    let missing = s.path().join("nowhere");
    for (args, says) in [
        (
            vec!["--search", "x", missing.to_str().unwrap()],
            "no such folder",
        ),
        (
            vec![
                "--search",
                "x",
                s.path().join("README.txt").to_str().unwrap(),
            ],
            "not a folder",
        ),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
            .args(&args)
            .arg("--cache-dir")
            .arg(s.cache.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
    }
    for query in ["year:soon", "-x", "has:ideas x", ""] {
        let (code, _, err) = s.run(&["--search", query]);
        assert_eq!(code, 2, "{query}: {err}");
        assert_eq!(err.lines().count(), 1, "{query}: {err}");
    }
    let (code, _, err) = s.run(&["--search", "x", "--limit", "0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_cache_directory_comes_from_the_environment_too() {
    let s = test_shelf();
    let cache = tempdir();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
        .args(["--search", "A/HRC/28/4"])
        .arg(s.path())
        .env("REPORT_READER_CACHE_DIR", cache.path())
        .env("REPORT_READER_CONFIG_DIR", s.config.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(cache.path().join("shelves").is_dir());
    assert!(!s.cache.path().join("shelves").exists());
}

/// PDFs of the corpus beside the project, copied to a shelf of their own.
#[test]
fn a_shelf_of_real_reports() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        crate::common::skipped("../shared/corpus is not here");
        return;
    }
    let s = TestShelf {
        dir: tempdir(),
        cache: tempdir(),
        config: tempdir(),
    };
    for name in [
        "A-HRC-WG.6-34-ITA-3.pdf",
        "A-HRC-WG.6-20-SVN-2.pdf",
        "A-80-188.pdf",
    ] {
        std::fs::copy(corpus.join(name), s.path().join(name)).expect("copied");
    }
    let hits = s.hits("A/HRC/28/4");
    assert!(hits.len() >= 5, "{hits:?}");
    for h in &hits {
        assert_eq!(str_of(h, "symbol"), Some("A/HRC/WG.6/34/ITA/3"));
        assert!(str_of(h, "snippet").unwrap().contains("A/HRC/28/4"), "{h}");
    }
    let torture = s.hits("torture country:Slovenia");
    assert!(!torture.is_empty());
    for h in &torture {
        assert!(str_of(h, "symbol").unwrap().contains("SVN"), "{h}");
    }
    let climate = s.hits("\"climate change\" sym:A/80/ year:2025");
    assert!(!climate.is_empty());
    assert!(
        climate
            .iter()
            .all(|h| str_of(h, "symbol") == Some("A/80/188"))
    );
    let (code, out, _) = s.run(&[
        "--search",
        "water requirements solar panels",
        "--limit",
        "1",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("A/80/188, para. 32: "), "{out}");
}

/// A word no other report has: "zeta" and `k` in letters ("zetaab").
fn own_word(k: usize) -> String {
    let (a, b) = (k / 26, k % 26);
    format!(
        "zeta{}{}",
        char::from(b'a' + a as u8),
        char::from(b'a' + b as u8)
    )
}

#[test]
fn kill_9_while_indexing_then_a_clean_restart() {
    let s = TestShelf {
        dir: tempdir(),
        cache: tempdir(),
        config: tempdir(),
    };
    // About the embedded report's size: indexing 200 takes seconds, so the
    // kill comes while it goes on.
    let base = crate::common::sample::generate(100);
    const REPORTS: usize = 200;
    for k in 0..REPORTS {
        let text = base.replacen("Labour Code", &format!("Labour Code {}", own_word(k)), 1);
        s.write(&format!("report-{k:03}.txt"), text.as_bytes());
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
        .args(["--search", "migrant"])
        .arg(s.path())
        .arg("--cache-dir")
        .arg(s.cache.path())
        .env("REPORT_READER_CONFIG_DIR", s.config.path())
        .env_remove("REPORT_READER_CACHE_DIR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("binary runs");
    std::thread::sleep(std::time::Duration::from_millis(200));
    if let Ok(Some(status)) = child.try_wait() {
        eprintln!("the first run ended before the kill ({status}): a plain restart");
    }
    // SIGKILL: no cleanup, whatever the index was doing.
    child.kill().expect("killed");
    child.wait().expect("reaped");
    for k in (0..REPORTS).step_by(19).chain([REPORTS - 1]) {
        let word = own_word(k);
        let hits = s.hits(&word);
        let file = format!("report-{k:03}.txt");
        assert!(
            !hits.is_empty() && hits.iter().all(|h| file_of(h).ends_with(&file)),
            "{word}: {hits:?}"
        );
    }
}
