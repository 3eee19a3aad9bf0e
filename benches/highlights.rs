//! Highlights: a frame with 1,000 highlights on a 9 MB report against one
//! with none (120×40, TestBackend, a scroll key then the frame), and placing
//! 10,000 highlights again in a corrected edition of the embedded report.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use report_reader::app::{App, Input, update};
use report_reader::document::{Document, EMBEDDED_REPORT, parse};
use report_reader::keymap::{KeyPress, Keymap};
use report_reader::notes::highlight::{At, Placer, Span, new_note};
use report_reader::notes::{Annotations, DocumentNotes, NoteStore};

#[path = "../tests/common/sample.rs"]
mod sample;

/// A report with `highlights` highlights, one per paragraph from the middle
/// on (three words each), so every paragraph on screen has one.
fn app_with(doc: Document, highlights: usize, dir: &std::path::Path) -> App {
    let fingerprint = doc.fingerprint();
    let middle = doc.paragraphs.len() / 2;
    let mut notes = DocumentNotes::default();
    for p in (middle..doc.paragraphs.len()).take(highlights) {
        let text = doc.passage(p).text;
        let end = text
            .match_indices(' ')
            .nth(2)
            .map_or(text.len(), |(i, _)| i);
        let span = Span {
            start: At {
                paragraph: p,
                byte: 0,
            },
            end: At {
                paragraph: p,
                byte: end,
            },
        };
        notes
            .notes
            .push(new_note(&doc, &span, 1 + (p % 5) as u8, ""));
    }
    let mut annotations = Annotations::default();
    annotations.documents.insert(fingerprint, notes);
    let json = serde_json::to_vec(&annotations).expect("serializable");
    std::fs::write(dir.join("annotations.json"), json).expect("written");
    let mut app = App::new(doc, Keymap::default_keymap(), (120, 40));
    let (store, _) = NoteStore::open(dir);
    let mut runner = report_reader::tui::NotesRunner::new(Some(store));
    let (notes, said) = runner.open(&app.doc);
    let start = report_reader::app::Start {
        notes,
        said,
        ..Default::default()
    };
    update(&mut app, Input::Start(Box::new(start)));
    app.goto_paragraph(middle, false);
    update(&mut app, Input::Resize(120, 40));
    app
}

fn frames(c: &mut Criterion) {
    let text = sample::generate(20_000);
    eprintln!("generated report: {:.1} MB", text.len() as f64 / 1e6);
    let j = KeyPress::parse("j").expect("key");
    let mut g = c.benchmark_group("highlights/9MB");
    for count in [0usize, 1000] {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut app = app_with(parse(&text), count, dir.path());
        let mut t = ratatui::Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let start = app.top;
        g.bench_function(
            format!("scroll_key_to_frame_with_{count}_highlights"),
            |b| {
                b.iter(|| {
                    // Stay among the highlighted paragraphs.
                    if app.percent() >= 52 {
                        app.top = start;
                    }
                    update(&mut app, Input::Key(j));
                    t.draw(|f| report_reader::ui::draw(&app, f)).expect("draw");
                })
            },
        );
    }
    g.finish();
}

fn reanchor(c: &mut Criterion) {
    let old = Document::embedded();
    // The corrected edition: a paragraph inserted near the start renumbers
    // the rest, and one word is corrected.
    let corrected = EMBEDDED_REPORT
        .replacen(
            "\n2. ",
            "\n2. A paragraph added by the corrigendum, on data collection.\n\n3. ",
            1,
        )
        .replacen("shelters", "refuges", 1);
    let new = parse(&corrected);
    assert_eq!(new.paragraphs.len(), old.paragraphs.len() + 1);
    let n = old.paragraphs.len();
    let notes: Vec<_> = (0..10_000usize)
        .map(|k| {
            let p = (k * 7) % n;
            let text = old.passage(p).text;
            let starts: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
            let a = starts.get(k % starts.len().max(1)).copied().unwrap_or(0);
            let b = text[a..]
                .match_indices(' ')
                .nth(3)
                .map_or(text.len(), |(i, _)| a + i);
            let span = Span {
                start: At {
                    paragraph: p,
                    byte: a,
                },
                end: At {
                    paragraph: p,
                    byte: b,
                },
            };
            new_note(&old, &span, 1, "")
        })
        .collect();
    c.bench_function("highlights/reanchor_10000_in_a_corrected_edition", |b| {
        b.iter(|| {
            let mut placer = Placer::new(&new);
            notes.iter().filter(|n| placer.span(n).is_some()).count()
        })
    });
}

criterion_group!(benches, frames, reanchor);
criterion_main!(benches);
