//! Key press to finished frame, in process: the key through `update`, then
//! the whole frame drawn into ratatui's TestBackend at 120×40 (ratatui's
//! diff included), on the embedded report and on the 194-page A/HRC/14/37
//! of `../shared/corpus` (skipped, saying so, when it is not there).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use report_reader::app::{App, Input, update};
use report_reader::document::{Document, from_bytes, parse};
use report_reader::keymap::{KeyPress, Keymap};

type Terminal = ratatui::Terminal<TestBackend>;

fn terminal() -> Terminal {
    ratatui::Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

fn frame(terminal: &mut Terminal, app: &App) {
    terminal
        .draw(|f| report_reader::ui::draw(app, f))
        .expect("draw");
}

/// The 194-page A/HRC/14/37, read from its PDF, when the corpus is there.
fn corpus_report() -> Option<Document> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/A-HRC-14-37.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("A-HRC-14-37 skipped: {} is not there", path.display());
        return None;
    };
    match from_bytes(&bytes, &path) {
        Ok(doc) => Some(doc),
        Err(e) => {
            eprintln!("A-HRC-14-37 skipped: {e}");
            None
        }
    }
}

fn bench_reader(c: &mut Criterion) {
    let mut cases = vec![("embedded", parse(report_reader::document::EMBEDDED_REPORT))];
    if let Some(doc) = corpus_report() {
        cases.push(("A-HRC-14-37", doc));
    }
    let j = KeyPress::parse("j").expect("key");
    let space = KeyPress::parse("space").expect("key");
    for (name, doc) in &cases {
        let mut g = c.benchmark_group(format!("reader/{name}"));
        g.sample_size(20);
        // The model read, to the first frame: the app's blocks, the
        // country index and the notes' index built, and the frame drawn.
        g.bench_function("first_frame_120x40", |b| {
            b.iter(|| {
                let app = App::new(doc.clone(), Keymap::default_keymap(), (120, 40));
                frame(&mut terminal(), &app);
            })
        });
        let mut app = App::new(doc.clone(), Keymap::default_keymap(), (120, 40));
        let mut t = terminal();
        // Start in the middle, where both directions have text.
        let half = app.doc.paragraphs.len() / 2;
        app.goto_paragraph(half, false);
        update(&mut app, Input::Resize(120, 40));
        frame(&mut t, &app);
        g.sample_size(100);
        // Near the end go back to the middle, so no press is a no-op at the
        // end of the report, and new blocks keep being wrapped.
        let middle = app.top;
        for (bench, key) in [
            ("scroll_key_to_frame_120x40", j),
            ("page_key_to_frame_120x40", space),
        ] {
            g.bench_function(bench, |b| {
                b.iter(|| {
                    if app.percent() >= 90 {
                        app.top = middle;
                    }
                    update(&mut app, Input::Key(key));
                    frame(&mut t, &app);
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench_reader);
criterion_main!(benches);
