//! Search costs. Folding (`report_reader::fold`) a 1 MB report's text next
//! to opening that report (parse and `App::new`), on the generated report as
//! it is and with an accent in every "the" (so most of it is folded
//! character by character); and one more letter typed into `/`, and the
//! list of matches opened and narrowed, each until its frame is drawn at
//! 120×40, on the 194-page A/HRC/14/37 of `../shared/corpus` (skipped,
//! saying so, when it is not there).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use report_reader::app::{App, Input, update};
use report_reader::document::{Document, from_bytes, parse};
use report_reader::fold::{Folded, fold};
use report_reader::keymap::{KeyPress, Keymap};

#[path = "../tests/common/sample.rs"]
mod sample;

fn fold_against_open(c: &mut Criterion) {
    let plain = sample::generate(2_200);
    let accented = plain.replace("the ", "thé ");
    eprintln!("generated report: {:.2} MB", plain.len() as f64 / 1e6);
    let mut g = c.benchmark_group("search_fold_1mb");
    g.sample_size(20);
    g.bench_function("open", |b| {
        b.iter(|| {
            App::new(
                parse(black_box(&plain)),
                Keymap::default_keymap(),
                (120, 40),
            )
        })
    });
    for (name, text) in [("plain", &plain), ("accented", &accented)] {
        g.bench_function(format!("fold_with_map_{name}"), |b| {
            b.iter(|| Folded::new(black_box(text)))
        });
        g.bench_function(format!("fold_{name}"), |b| b.iter(|| fold(black_box(text))));
    }
    g.finish();
}

fn keystroke(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/A-HRC-14-37.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!(
            "search keystroke bench skipped: {} is not there",
            path.display()
        );
        return;
    };
    let doc: Document = match from_bytes(&bytes, &path) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("search keystroke bench skipped: {e}");
            return;
        }
    };
    let mut app = App::new(doc, Keymap::default_keymap(), (120, 40));
    let mut t = ratatui::Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let key = |s: &str| KeyPress::parse(s).expect("key");
    let mut g = c.benchmark_group("search_keystroke_A-HRC-14-37");
    g.sample_size(30);
    // Typed before the clock starts: the prompt and what was typed so far.
    for (name, before, letter) in [
        ("first_letter", "", 'm'),
        ("sixth_letter", "right", 's'),
        ("accented_letter", "cote d", '\''),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    update(&mut app, Input::Key(key("/")));
                    for c in before.chars() {
                        update(&mut app, Input::Char(c));
                    }
                    t.draw(|f| report_reader::ui::draw(&app, f)).expect("draw");
                    let start = Instant::now();
                    update(&mut app, Input::Char(letter));
                    t.draw(|f| report_reader::ui::draw(&app, f)).expect("draw");
                    total += start.elapsed();
                    update(&mut app, Input::Key(key("esc")));
                }
                total
            })
        });
    }
    // The list of matches (`s`) on a search of "migra": opening it, and a
    // letter typed into it (narrowing the list).
    for (name, ready, typed) in [("list_open", "", 's'), ("list_narrow_letter", "s", 'p')] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    update(&mut app, Input::Key(key("/")));
                    for c in "migra".chars() {
                        update(&mut app, Input::Char(c));
                    }
                    update(&mut app, Input::Key(key("enter")));
                    for k in ready.chars() {
                        update(&mut app, Input::Key(key(&k.to_string())));
                    }
                    t.draw(|f| report_reader::ui::draw(&app, f)).expect("draw");
                    let start = Instant::now();
                    match ready {
                        "" => update(&mut app, Input::Key(key(&typed.to_string()))),
                        _ => update(&mut app, Input::Char(typed)),
                    };
                    t.draw(|f| report_reader::ui::draw(&app, f)).expect("draw");
                    total += start.elapsed();
                    update(&mut app, Input::Key(key("esc")));
                    update(&mut app, Input::Key(key("esc")));
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, fold_against_open, keystroke);
criterion_main!(benches);
