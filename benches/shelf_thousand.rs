//! Issue 25's targets, on a shelf of 1,000 generated reports of the
//! embedded report's size (`sample::shelf_report`: each with its own
//! symbol and reworded paragraphs), written to a temporary folder once per
//! run.
//!
//! - Indexing: one run of `shelf::update::update` over the 1,000 reports,
//!   timed once and said on stderr (target ≤ 60 s), with the index's size
//!   on disk against the text's (target ≤ 1.5×).
//! - Queries: one word or two of the reports', parsed and searched with
//!   snippets (20 hits, as `--search`), on the open index: criterion's
//!   median, and the median and p99 of 1,000 varied queries timed one by
//!   one, said on stderr (targets ≤ 10 ms, ≤ 50 ms).
//! - The whole process: `report-reader --search WORD DIR --cache-dir …` on
//!   the up-to-date shelf, the release binary spawned (target ≤ 300 ms).
//! - Reopening: what `report-reader DIR` does before its first frame
//!   (`catalogue::open` and `catalogue::entries`, as `ShelfRunner::index`)
//!   on the unchanged shelf (target ≤ 1 s).

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use report_reader::shelf::{self, Shelf, catalogue, hits, query};
use tantivy::ReloadPolicy;

#[path = "../tests/common/sample.rs"]
mod sample;

const REPORTS: usize = 1_000;

/// Bytes of every file under `dir`.
fn size_of(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => size_of(&e.path()),
                    Ok(_) => e.metadata().map_or(0, |m| m.len()),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The value at `q` (0..=1) of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let at = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[at]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// 1,000 queries: words of the reports alone, and two together.
fn queries() -> Vec<String> {
    let words = sample::shelf_words();
    (0..1_000)
        .map(|k| {
            let a = words[(k * 7) % words.len()];
            if k % 3 == 2 {
                format!("{a} {}", words[(k * 13 + 5) % words.len()])
            } else {
                a.to_string()
            }
        })
        .collect()
}

fn thousand(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    let mut text_bytes = 0u64;
    for k in 0..REPORTS {
        let text = sample::shelf_report(k + 1);
        text_bytes += text.len() as u64;
        std::fs::write(dir.path().join(format!("report-{k:04}.txt")), text).expect("written");
    }
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let index_dir = shelf::shelf_dir(cache.path(), &root);

    // Indexing, once.
    let mut messages = Vec::new();
    let mut open = Shelf::open(&index_dir, &mut messages).expect("opens");
    let started = Instant::now();
    let outcome = shelf::update::update(&mut open, &root, false).expect("indexed");
    let took = started.elapsed();
    assert_eq!(outcome.read, REPORTS, "{:?}", outcome.failed);
    let index_bytes = size_of(&index_dir);
    eprintln!(
        "shelf_thousand/indexing: {REPORTS} reports ({:.1} MB of text) indexed in {:.1} s \
         (target ≤ 60 s); index {:.1} MB = {:.2}× the text (target ≤ 1.5×)",
        text_bytes as f64 / 1e6,
        took.as_secs_f64(),
        index_bytes as f64 / 1e6,
        index_bytes as f64 / text_bytes as f64,
    );

    // Queries on the open index.
    let reader = open
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .expect("reader");
    let searcher = reader.searcher();
    let no_notes = || Ok(Vec::new());
    let fields = open.fields;
    let run = |q: &str| {
        let parsed = query::parse(q, &fields, &searcher, &no_notes).expect("parses");
        hits::search(&searcher, &fields, &parsed, 20).expect("searched")
    };
    // Every report is in the index, under its own symbol.
    for k in [1, REPORTS / 2, REPORTS] {
        let found = run(&format!("sym:A/65/156/Add.{k}"));
        assert!(
            found
                .iter()
                .all(|h| h.symbol.as_deref() == Some(&*format!("A/65/156/Add.{k}")))
                && !found.is_empty(),
            "report {k}: {found:?}"
        );
    }
    let queries = queries();
    let mut found_none = 0;
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let started = Instant::now();
            let found = black_box(run(q));
            let took = started.elapsed();
            found_none += usize::from(found.is_empty());
            took
        })
        .collect();
    times.sort();
    eprintln!(
        "shelf_thousand/query: {} queries with snippets (20 hits): median {:.2} ms \
         (target ≤ 10 ms), p99 {:.2} ms (target ≤ 50 ms), max {:.2} ms; {found_none} found nothing",
        times.len(),
        ms(quantile(&times, 0.5)),
        ms(quantile(&times, 0.99)),
        ms(*times.last().expect("timed")),
    );
    let mut g = c.benchmark_group("shelf_thousand");
    g.sample_size(50);
    g.measurement_time(Duration::from_secs(10));
    let mut next = queries.iter().cycle();
    g.bench_function("query_with_snippets", |b| {
        b.iter(|| run(black_box(next.next().expect("a query"))))
    });
    drop(searcher);
    drop(reader);
    drop(open);

    // Reopening: the list's rows from the up-to-date index.
    g.sample_size(20);
    g.bench_function("reopen_list", |b| {
        b.iter(|| {
            let mut said = Vec::new();
            let (root, shelf) =
                catalogue::open(dir.path(), Some(cache.path().to_path_buf()), &mut said)
                    .expect("opens");
            let entries = catalogue::entries(&root, &shelf.index, &shelf.fields).expect("listed");
            assert_eq!(entries.len(), REPORTS);
            entries
        })
    });

    // The whole process, on the up-to-date shelf.
    let exe = env!("CARGO_BIN_EXE_report-reader");
    let search = |q: &str| {
        let out = Command::new(exe)
            .arg("--search")
            .arg(q)
            .arg(dir.path())
            .arg("--cache-dir")
            .arg(cache.path())
            .env("REPORT_READER_CONFIG_DIR", cache.path().join("config"))
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        out
    };
    let mut process: Vec<Duration> = queries
        .iter()
        .take(30)
        .map(|q| {
            let started = Instant::now();
            search(q);
            started.elapsed()
        })
        .collect();
    process.sort();
    eprintln!(
        "shelf_thousand/process: `report-reader --search` on the up-to-date shelf, 30 runs: \
         median {:.0} ms, max {:.0} ms (target ≤ 300 ms)",
        ms(quantile(&process, 0.5)),
        ms(*process.last().expect("timed")),
    );
    g.sample_size(10);
    g.bench_function("process_search", |b| b.iter(|| search("migrants")));
    g.finish();
}

criterion_group!(benches, thousand);
criterion_main!(benches);
