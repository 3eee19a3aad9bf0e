//! Parse speed and model size on a generated report of about 10 MB, in the
//! embedded layout and laid out in pages as pdftotext gives it.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use report_reader::document::{Document, parse};

#[path = "../tests/common/sample.rs"]
mod sample;

fn bench_parse(c: &mut Criterion) {
    let text = sample::generate(22_000);
    let doc = parse(&text);
    eprintln!(
        "generated report: {:.1} MB, {} paragraphs, {} parts, {} sections, {} footnotes; model with its text takes {:.2}x the text's size",
        text.len() as f64 / 1e6,
        doc.paragraphs.len(),
        doc.parts.len(),
        doc.sections.len(),
        doc.footnotes.len(),
        model_bytes(&doc) as f64 / text.len() as f64,
    );
    // The same report as pdftotext gives it: pages, running headers, hard wraps.
    let paged = sample::paged(&text, &sample::PageStyle::new(80));
    let paged_doc = parse(&paged);
    eprintln!(
        "page-laid-out report: {:.1} MB, {} paragraphs, {} footnotes, {} warnings",
        paged.len() as f64 / 1e6,
        paged_doc.paragraphs.len(),
        paged_doc.footnotes.len(),
        paged_doc.warnings.len(),
    );
    let embedded = report_reader::document::EMBEDDED_REPORT;
    let mut g = c.benchmark_group("parse");
    for (name, input, samples) in [
        ("generated_10MB", text.as_str(), 20),
        ("generated_10MB_paged", paged.as_str(), 20),
        ("embedded_report", embedded, 100),
    ] {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.sample_size(samples);
        g.bench_function(name, |b| b.iter(|| parse(input)));
    }
    g.finish();
}

/// Heap bytes of the model, text included (capacities, not lengths).
fn model_bytes(doc: &Document) -> usize {
    use report_reader::document::Inline;
    let inl = |v: &Vec<Inline>| v.capacity() * std::mem::size_of::<Inline>();
    let mut n = doc.source.capacity();
    n += doc.paragraphs.capacity() * std::mem::size_of_val(&doc.paragraphs[0]);
    for p in &doc.paragraphs {
        n += inl(&p.text) + p.footnotes.capacity() * 8;
        n += p.sub_items.capacity() * 64;
        for s in &p.sub_items {
            n += inl(&s.text) + s.label.capacity();
        }
    }
    for f in &doc.footnotes {
        n += 96 + inl(&f.text) + f.cited_by.capacity() * 8;
    }
    n += doc
        .sections
        .iter()
        .map(|s| 96 + s.title.capacity())
        .sum::<usize>();
    n += doc.parts.iter().map(|p| 160 + inl(&p.title)).sum::<usize>();
    n
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
