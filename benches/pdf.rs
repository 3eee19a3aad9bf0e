//! Opening a PDF to the model: the real UN PDFs of `../shared/corpus` when
//! they are beside the project (they are not ours to ship), and any PDFs named
//! in `REPORT_READER_BENCH_PDFS` (colon-separated), such as a long report.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use report_reader::document::from_bytes;

fn pdfs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::env::var("REPORT_READER_BENCH_PDFS")
        .map(|v| {
            v.split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(dir) = std::fs::read_dir(&corpus) {
        let mut found: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

fn bench_pdf(c: &mut Criterion) {
    let paths = pdfs();
    if paths.is_empty() {
        eprintln!("no PDFs: put the corpus at ../shared/corpus or set REPORT_READER_BENCH_PDFS");
        return;
    }
    let mut g = c.benchmark_group("open_pdf");
    g.sample_size(10);
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        g.bench_function(name, |b| b.iter(|| from_bytes(&bytes, &path)));
    }
    g.finish();
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
