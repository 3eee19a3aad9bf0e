//! Key press to finished frame, in process: the key through `update`, then
//! the whole frame drawn into ratatui's TestBackend at 120×40 (ratatui's
//! diff included), on the embedded report and on a generated 90 MB one.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use report_reader::app::{App, Input, update};
use report_reader::document::parse;
use report_reader::keymap::{KeyPress, Keymap};

#[path = "../tests/common/sample.rs"]
mod sample;

type Terminal = ratatui::Terminal<TestBackend>;

fn terminal() -> Terminal {
    ratatui::Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

fn frame(terminal: &mut Terminal, app: &App) {
    terminal
        .draw(|f| report_reader::ui::draw(app, f))
        .expect("draw");
}

fn bench_reader(c: &mut Criterion) {
    let big = sample::generate(200_000);
    eprintln!("generated report: {:.1} MB", big.len() as f64 / 1e6);
    let cases: [(&str, String); 2] = [
        (
            "embedded",
            report_reader::document::EMBEDDED_REPORT.to_string(),
        ),
        ("generated_90MB", big),
    ];
    let j = KeyPress::parse("j").expect("key");
    let space = KeyPress::parse("space").expect("key");
    for (name, text) in &cases {
        let mut g = c.benchmark_group(format!("reader/{name}"));
        if name == &"embedded" {
            g.sample_size(20);
            g.bench_function("first_frame_120x40", |b| {
                b.iter(|| {
                    let app = App::new(parse(text), Keymap::default_keymap(), (120, 40));
                    frame(&mut terminal(), &app);
                })
            });
        }
        let mut app = App::new(parse(text), Keymap::default_keymap(), (120, 40));
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
