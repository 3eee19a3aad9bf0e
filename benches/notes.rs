//! Saving one changed note into a file of 1,000 notes: lock, re-read,
//! merge, atomic write (temp file, fsync, rename, fsync dir).

use criterion::{Criterion, criterion_group, criterion_main};
use report_reader::document::parse;
use report_reader::notes::{Annotations, DocumentNotes, Note, NoteStore, Target};

#[path = "../tests/common/sample.rs"]
mod sample;

fn save_one_of_a_thousand(c: &mut Criterion) {
    let doc = parse(&sample::generate(1000));
    let fingerprint = doc.fingerprint();
    let dir = tempfile::tempdir().expect("temporary directory");
    // Written in one go: adding through the store would save 1,000 times.
    let mut notes = DocumentNotes {
        title: doc.title(),
        ..DocumentNotes::default()
    };
    for n in 1..=1000u32 {
        let text = format!("note on paragraph {n}");
        notes
            .notes
            .push(Note::new(&doc, &Target::Paragraph(n), &text).expect("paragraph exists"));
    }
    let mut annotations = Annotations::default();
    annotations.documents.insert(fingerprint.clone(), notes);
    let json = serde_json::to_vec_pretty(&annotations).expect("serializable");
    std::fs::write(dir.path().join("annotations.json"), json).expect("written");
    let (mut store, message) = NoteStore::open(dir.path());
    assert!(message.is_none());
    let id = store.notes(&fingerprint)[500].id.clone();
    let mut k = 0u64;
    c.bench_function("save one changed note among 1000", |b| {
        b.iter(|| {
            k += 1;
            store
                .edit(&fingerprint, &id, &format!("edited {k}"))
                .expect("saved");
        })
    });
}

criterion_group!(benches, save_one_of_a_thousand);
criterion_main!(benches);
