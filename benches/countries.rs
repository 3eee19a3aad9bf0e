//! Country index cost: building it on the embedded report and on a ~9 MB
//! report next to parsing that report, and one finder keystroke on the
//! embedded report's index.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use report_reader::document::countries::{CountryIndex, gazetteer};
use report_reader::document::{Document, parse};

#[path = "../tests/common/sample.rs"]
mod sample;

fn build(c: &mut Criterion) {
    // The gazetteer's automaton is built once per process, not per document.
    gazetteer();
    let embedded = Document::embedded();
    c.bench_function("countries_embedded/index_build", |b| {
        b.iter(|| CountryIndex::build(black_box(&embedded)))
    });

    let text = sample::generate(20_000);
    let doc = parse(&text);
    let mut group = c.benchmark_group("countries_9mb");
    group.sample_size(10);
    group.bench_function("parse", |b| b.iter(|| parse(black_box(&text))));
    group.bench_function("index_build", |b| {
        b.iter(|| CountryIndex::build(black_box(&doc)))
    });
    group.finish();
}

fn rank(c: &mut Criterion) {
    let doc = Document::embedded();
    let index = CountryIndex::build(&doc);
    let mut group = c.benchmark_group("countries_rank");
    for query in ["s", "gua", "senega"] {
        group.bench_function(format!("{}_letters", query.len()), |b| {
            b.iter(|| index.rank(black_box(query)))
        });
    }
    group.finish();
}

criterion_group!(benches, build, rank);
criterion_main!(benches);
