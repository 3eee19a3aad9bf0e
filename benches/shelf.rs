//! The shelf: how long a search takes on an indexed shelf, and how long
//! indexing takes per report. The shelf is every PDF of `../shared/corpus`
//! where it is beside the project, else 40 generated reports in text (each
//! a little different, so none is another's copy). Indexing is timed once
//! and said on stderr (a criterion run of it would take minutes); searches
//! are measured by criterion, on an open index and through `shelf::run` as
//! `--search` does it (open the index, walk the folder for changes, search,
//! format).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use report_reader::shelf::{self, Shelf, hits, query};
use tantivy::ReloadPolicy;

#[path = "../tests/common/sample.rs"]
mod sample;

/// A shelf folder and what it was made of.
fn build_shelf(dir: &Path) -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    pdfs.sort();
    if !pdfs.is_empty() {
        for p in &pdfs {
            std::fs::copy(p, dir.join(p.file_name().expect("name"))).expect("copied");
        }
        return format!("{} corpus PDFs", pdfs.len());
    }
    let base = sample::generate(400);
    for k in 0..40 {
        let text = base.replace("2009", &format!("{}", 1980 + k));
        std::fs::write(dir.join(format!("report-{k:02}.txt")), text).expect("written");
    }
    "40 generated text reports (../shared/corpus is not here)".into()
}

fn shelf_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    let made_of = build_shelf(dir.path());
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let index_dir = shelf::shelf_dir(cache.path(), &root);
    let mut messages = Vec::new();
    let mut open = Shelf::open(&index_dir, &mut messages).expect("opens");
    let started = Instant::now();
    let outcome = shelf::update::update(&mut open, &root, false).expect("indexed");
    let took = started.elapsed();
    eprintln!(
        "shelf of {made_of}: indexed {} files in {:.2} s, {:.0} ms per file ({} could not be read)",
        outcome.read,
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / outcome.read.max(1) as f64,
        outcome.failed.len()
    );
    let reader = open
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .expect("reader");
    let searcher = reader.searcher();
    let no_notes = || Ok(Vec::new());
    let queries = [
        ("word", "migrants"),
        ("phrase_required", "\"human rights\" +migrants"),
        ("symbol", "A/HRC/28/4"),
        ("filtered", "torture sym:A/HRC/ year:2000-2025"),
    ];
    let mut g = c.benchmark_group("shelf_search");
    for (name, q) in queries {
        g.bench_function(format!("open_index_{name}"), |b| {
            b.iter(|| {
                let parsed =
                    query::parse(black_box(q), &open.fields, &searcher, &no_notes).expect("parses");
                hits::search(&searcher, &open.fields, &parsed, 20).expect("searched")
            })
        });
    }
    drop(open);
    let options = shelf::Options {
        json: false,
        limit: 20,
        cache_dir: Some(cache.path().to_path_buf()),
        config_dir: None,
        progress: false,
    };
    g.sample_size(20);
    g.bench_function("as_the_command_does_it", |b| {
        b.iter(|| {
            let out = shelf::run(
                black_box("\"human rights\" +migrants"),
                dir.path(),
                &options,
            );
            assert_eq!(out.status, 0, "{:?}", out.messages);
            out
        })
    });
    g.finish();
}

criterion_group!(benches, shelf_search);
criterion_main!(benches);
