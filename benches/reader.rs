//! The reader's speed: first frame, a scroll key press, a resize, and the
//! country finder's keystroke, on a generated ~9 MB report and on the embedded one.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use report_reader::app::{App, Input, update};
use report_reader::document::{Document, parse, sample};
use report_reader::keymap::{KeyPress, Keymap};

type Terminal = ratatui::Terminal<TestBackend>;

fn terminal(width: u16, height: u16) -> Terminal {
    ratatui::Terminal::new(TestBackend::new(width, height)).expect("terminal")
}

fn frame(terminal: &mut Terminal, app: &App) {
    terminal
        .draw(|f| report_reader::ui::draw(app, f))
        .expect("draw");
}

fn bench_reader(c: &mut Criterion) {
    let big = sample::generate(20_000);
    eprintln!("generated report: {:.1} MB", big.len() as f64 / 1e6);
    let cases: [(&str, String); 2] = [
        ("generated_9MB", big),
        (
            "embedded",
            report_reader::document::EMBEDDED_REPORT.to_string(),
        ),
    ];
    let j = KeyPress::parse("j").expect("key");
    let space = KeyPress::parse("space").expect("key");
    for (name, text) in &cases {
        let mut g = c.benchmark_group(format!("reader/{name}"));
        g.sample_size(20);
        g.bench_function("first_frame_120x40", |b| {
            b.iter(|| {
                let doc = parse(text);
                let app = App::new(doc, Keymap::default_keymap(), (120, 40));
                let mut t = terminal(120, 40);
                frame(&mut t, &app);
            })
        });
        let doc: Document = parse(text);
        let mut app = App::new(doc, Keymap::default_keymap(), (120, 40));
        let mut t = terminal(120, 40);
        // Start in the middle, where both directions have text.
        let half = app.doc.paragraphs.len() / 2;
        app.goto_paragraph(half, false);
        app.prepare_view();
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
                    app.key(key);
                    frame(&mut t, &app);
                })
            });
        }
        let mut wide = true;
        g.bench_function("resize_rewrap_and_frame", |b| {
            b.iter_batched(
                || {
                    wide = !wide;
                    if wide { (160, 50) } else { (100, 30) }
                },
                |(w, h)| {
                    update(&mut app, Input::Resize(w, h));
                    let mut t = terminal(w, h);
                    frame(&mut t, &app);
                },
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }
}

criterion_group!(benches, bench_reader);
criterion_main!(benches);
