//! The shelf in the reader (`report-reader DIR`), driven by keys: the
//! reports listed while the index is brought up to date, sorted, narrowed,
//! opened and gone back from; a search of every report; the recent
//! reports; every note. The effects run here as the event loop runs them,
//! with throwaway shelf, cache and configuration directories.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use report_reader::app::{App, Effect, Input, ShelfView, Start, update};
use report_reader::document::{Document, EMBEDDED_REPORT};
use report_reader::keymap::Keymap;
use report_reader::notes::state::{self, ReadingState};
use report_reader::notes::store::NoteStore;
use report_reader::tui::{NotesRunner, ShelfRunner, open_report};

use crate::common::{press, render};
use crate::shelf::{encrypted, hrc_report};

/// A shelf on screen, and what runs its effects.
pub struct Rig {
    pub dir: tempfile::TempDir,
    pub cache: tempfile::TempDir,
    pub config: tempfile::TempDir,
    pub app: App,
    runner: ShelfRunner,
    notes: NotesRunner,
    pub state: ReadingState,
    /// What the indexing thread sent, not yet given to `update`.
    from_jobs: mpsc::Receiver<Input>,
    sink: report_reader::tui::Sink,
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A folder with the embedded report as text, a PDF report, a damaged and
/// an encrypted PDF, and a file that is no report.
pub fn shelf_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "ga/migrants-2010.txt", EMBEDDED_REPORT.as_bytes());
    let good = hrc_report();
    write(root, "hrc/A-HRC-59-15.pdf", &good);
    write(root, "hrc/broken.pdf", &good[..good.len() / 2]);
    write(root, "hrc/locked.pdf", &encrypted());
    write(root, "hrc/A-HRC-12-3.pdf", &zebra_report());
    write(root, "notes.json", b"{}");
    dir
}

/// A second PDF report: A/HRC/12/3, its title last in order.
fn zebra_report() -> Vec<u8> {
    let mut r = crate::common::pdf_build::Report::new();
    r.symbol = "A/HRC/12/3".into();
    r.masthead("Zebra crossings and the safety of migrants");
    r.heading("I.", "Introduction", 12.0);
    r.para(
        1,
        &["Road safety for migrant workers is a matter of rights."],
    );
    r.para(
        2,
        &["States should build safe crossings near reception centres."],
    );
    r.finish()
}

impl Rig {
    /// The shelf of `dir`, started as `report-reader DIR` starts it; the
    /// index not brought up to date yet (see `settle`).
    pub fn start(dir: tempfile::TempDir) -> Rig {
        let cache = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        Rig::with(dir, cache, config)
    }

    pub fn with(
        dir: tempfile::TempDir,
        cache: tempfile::TempDir,
        config: tempfile::TempDir,
    ) -> Rig {
        let app = App::on_shelf(
            dir.path().to_path_buf(),
            Keymap::default_keymap(),
            (120, 30),
        );
        let (store, _) = NoteStore::open(config.path());
        let (send, from_jobs) = mpsc::channel();
        let send = std::sync::Mutex::new(send);
        let (state, _) = state::load(config.path());
        let mut rig = Rig {
            runner: ShelfRunner::new(
                Some(dir.path().to_path_buf()),
                Some(cache.path().to_path_buf()),
                Some(config.path().to_path_buf()),
            ),
            dir,
            cache,
            config,
            app,
            notes: NotesRunner::new(Some(store)),
            state,
            from_jobs,
            sink: Arc::new(move |input| {
                let _ = send.lock().unwrap().send(input);
            }),
        };
        let start = Start {
            recent: rig.state.recent.clone(),
            ..Start::default()
        };
        let effects = update(&mut rig.app, Input::Start(Box::new(start)));
        rig.run(effects);
        rig
    }

    /// Carries out effects as the event loop does; the indexing thread's
    /// inputs wait for `settle`.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let input = match effect {
                Effect::IndexShelf => Some(self.runner.index(self.sink.clone())),
                Effect::ReadShelfNotes => self.runner.read_notes(),
                Effect::SearchShelf(q) => Some(self.runner.search(&q)),
                Effect::OpenReport(request) => Some(open_report(
                    &self.app,
                    *request,
                    &mut self.state,
                    &mut self.notes,
                )),
                Effect::SaveNotes | Effect::ReloadNotes => self.notes.run(&self.app, &effect),
                _ => None,
            };
            if let Some(input) = input {
                queue.extend(update(&mut self.app, input));
            }
        }
    }

    /// Waits for the index to be up to date and gives `update` all it sent.
    pub fn settle(&mut self) {
        self.runner.wait();
        while let Ok(input) = self.from_jobs.try_recv() {
            let effects = update(&mut self.app, input);
            self.run(effects);
        }
    }

    pub fn keys(&mut self, keys: &str) {
        let effects = press(&mut self.app, keys);
        self.run(effects);
    }

    pub fn screen(&self) -> String {
        render(&self.app)
    }

    /// The row chosen in the list on screen, as drawn.
    pub fn chosen_line(&self) -> String {
        let shelf = self.app.shelf.as_ref().unwrap();
        let list = shelf.list();
        let at = list.selected;
        let rows = self.app.size.1 as usize - 3;
        let start = at.saturating_sub(rows - 1);
        self.screen()
            .lines()
            .nth(2 + at - start)
            .unwrap_or("")
            .to_string()
    }
}

/// The rows of the reports, top to bottom, as drawn.
fn rows(screen: &str) -> Vec<&str> {
    screen.lines().skip(2).filter(|l| !l.is_empty()).collect()
}

#[test]
fn the_shelf_lists_at_once_then_every_report_with_its_columns() {
    let mut rig = Rig::start(shelf_dir());
    // Before the index is up to date, the shelf is there and says so.
    let first = rig.screen();
    assert!(first.contains("indexing"), "{first}");
    rig.keys("<Down><Up>");
    rig.settle();
    let screen = rig.screen();
    assert!(!screen.contains("indexing"), "{screen}");
    assert!(screen.contains("3 reports, 2 unreadable"), "{screen}");
    // The chosen row's file is named in the top line.
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .ends_with("· hrc/A-HRC-12-3.pdf"),
        "{screen}"
    );
    let hrc = screen
        .lines()
        .find(|l| l.contains("A/HRC/59/15"))
        .expect(&screen);
    assert!(hrc.contains("Human rights of migrants"), "{hrc}");
    assert!(hrc.contains("10 March 2025"), "{hrc}");
    assert!(
        hrc.split_whitespace().any(|w| w == "4"),
        "four paragraphs: {hrc}"
    );
    let ga = screen
        .lines()
        .find(|l| l.contains("Promotion and protection"))
        .expect(&screen);
    assert!(ga.contains("21 July 2010"), "{ga}");
    assert!(ga.split_whitespace().any(|w| w == "67"), "{ga}");
    // A text without page breaks has no pages to count.
    assert!(ga.split_whitespace().any(|w| w == "–"), "{ga}");
    // The damaged and encrypted PDFs are listed with their reasons, last.
    let rows = rows(&screen);
    assert!(
        rows[rows.len() - 3].contains("hrc/broken.pdf —"),
        "{screen}"
    );
    assert!(
        rows[rows.len() - 2].contains("hrc/locked.pdf —"),
        "{screen}"
    );
    assert!(rows[rows.len() - 2].contains("encrypt"), "{screen}");
    assert!(!screen.contains("notes.json"), "{screen}");
}

#[test]
fn the_sort_key_cycles_symbol_date_title_and_typing_narrows_fuzzily() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    // The reports top to bottom, by a word of each.
    let order = |rig: &Rig| {
        let s = rig.screen();
        let mut names = ["Zebra", "Human", "Promotion"];
        names.sort_by_key(|n| s.find(n).unwrap());
        names
    };
    // By symbol: A/HRC/12/3, A/HRC/59/15, then the report without one.
    assert_eq!(
        order(&rig),
        ["Zebra", "Human", "Promotion"],
        "{}",
        rig.screen()
    );
    rig.keys("S");
    // By date, newest first (the two of 2025 by symbol).
    assert!(rig.screen().contains("by date"));
    assert_eq!(order(&rig), ["Zebra", "Human", "Promotion"]);
    rig.keys("S");
    assert!(rig.screen().contains("by title"));
    assert_eq!(order(&rig), ["Human", "Promotion", "Zebra"]);
    rig.keys("S");
    assert!(rig.screen().contains("by symbol"));
    // Typed letters narrow, fuzzily, on symbol and title.
    rig.keys("hrc59");
    let screen = rig.screen();
    assert!(screen.contains("narrow: hrc59"), "{screen}");
    assert!(screen.contains("A/HRC/59/15"), "{screen}");
    assert!(!screen.contains("Promotion and protection"), "{screen}");
    rig.keys("<Backspace><Backspace><Backspace><Backspace><Backspace>prmtn");
    let screen = rig.screen();
    assert!(screen.contains("Promotion and protection"), "{screen}");
    assert!(!screen.contains("A/HRC/59/15"), "{screen}");
    // Each word narrows on its own, in any order.
    rig.keys("<Esc>migrants zebra");
    let screen = rig.screen();
    assert!(screen.contains("Zebra crossings"), "{screen}");
    assert!(!screen.contains("A/HRC/59/15"), "{screen}");
    // Esc clears the filter first.
    rig.keys("<Esc>");
    assert!(rig.screen().contains("A/HRC/59/15"));
    assert!(rig.screen().contains("Promotion and protection"));
}

#[test]
fn enter_opens_a_report_and_esc_or_ctrl_o_comes_back_at_the_same_row() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("<Down>");
    let chosen = rig.chosen_line();
    assert!(chosen.contains("A/HRC/59/15"), "{chosen}");
    assert!(rig.screen().lines().nth(2).unwrap().contains("A/HRC/12/3"));
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown());
    assert_eq!(rig.app.doc.header.symbol.as_deref(), Some("A/HRC/59/15"));
    let screen = rig.screen();
    assert!(screen.contains("Detention of migrant children"), "{screen}");
    // Reading keys work in the report; Esc goes back to the shelf.
    rig.keys("jj<Esc>");
    assert!(rig.app.shelf_shown());
    assert!(rig.chosen_line().contains("A/HRC/59/15"));
    // Narrowed, the row chosen below the first stays chosen there too.
    rig.keys("migrants<Down>");
    let narrowed = rig.chosen_line();
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown());
    rig.keys("<Esc>");
    assert_eq!(rig.chosen_line(), narrowed);
    // Esc clears the filter, the report still chosen.
    rig.keys("<Esc>");
    assert_eq!(rig.chosen_line(), narrowed, "{}", rig.screen());
    rig.keys("<Home><Down>");
    // Ctrl-o too, with no jump to go back to.
    rig.keys("<Enter>");
    assert!(!rig.app.shelf_shown(), "{}", rig.screen());
    rig.keys("<C-o>");
    assert!(
        rig.app.shelf_shown(),
        "{:?} {:?} {:?}\n{}",
        rig.app.mode(),
        rig.app.back,
        rig.app.message,
        rig.screen()
    );
    assert!(rig.chosen_line().contains("A/HRC/59/15"));
    // A report that cannot be read says why, and the shelf stays.
    rig.keys("<End><Up><Enter>");
    assert!(rig.app.shelf_shown());
    assert!(rig.screen().contains("broken.pdf:"), "{}", rig.screen());
    // q quits from the shelf.
    let effects = press(&mut rig.app, "q");
    assert!(effects.iter().any(|e| matches!(e, Effect::Quit { .. })));
}

#[test]
fn a_report_opened_again_is_where_it_was_left_and_its_notes_are_counted() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("prom<Enter>");
    assert!(rig.app.doc.title().contains("Promotion and protection"));
    // Go to paragraph 40 and write a note there.
    rig.keys(":40<Enter>aA shelf note<C-s>");
    assert_eq!(
        rig.app.current.map(|p| rig.app.doc.paragraphs[p].number),
        Some(40)
    );
    rig.keys("<Esc>");
    assert!(rig.app.shelf_shown());
    // The filter typed before opening is still there.
    assert!(rig.screen().contains("narrow: prom"));
    let row = rig.chosen_line();
    assert!(row.contains("1✎"), "{row}");
    rig.keys("<Enter>");
    assert_eq!(
        rig.app.current.map(|p| rig.app.doc.paragraphs[p].number),
        Some(40)
    );
    // The notes file holds the note, and the shelf never wrote it.
    let file = std::fs::read_to_string(rig.config.path().join("annotations.json")).unwrap();
    assert!(file.contains("A shelf note"));
}

#[test]
fn the_shelf_from_the_index_of_an_earlier_run_is_there_before_indexing() {
    let dir = shelf_dir();
    let cache = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut first = Rig::with(dir, cache, config);
    first.settle();
    let Rig {
        dir, cache, config, ..
    } = first;
    let again = Rig::with(dir, cache, config);
    // Listed from the index before this run's update has told anything.
    let shelf = again.app.shelf.as_ref().unwrap();
    assert_eq!(shelf.view, ShelfView::Reports);
    assert_eq!(shelf.reports.len(), 5);
    assert!(again.screen().contains("A/HRC/59/15"));
}

#[test]
fn a_narrow_or_tiny_terminal_still_draws_the_shelf() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    for (w, h) in [(40, 10), (80, 24), (200, 50), (20, 5)] {
        update(&mut rig.app, Input::Resize(w, h));
        let _ = rig.screen();
    }
    update(&mut rig.app, Input::Resize(60, 12));
    assert!(rig.screen().contains("A/HRC/59/15"), "{}", rig.screen());
    let _ = Document::default();
}

#[test]
fn help_lists_the_shelf_keys_and_ctrl_z_suspends_once() {
    use report_reader::app::{Overlay, help_lines};
    use report_reader::keymap::Mode;
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    let effects = press(&mut rig.app, "<C-z>");
    let suspends = effects
        .iter()
        .filter(|e| matches!(e, Effect::Suspend))
        .count();
    assert_eq!(suspends, 1);
    rig.keys("?");
    assert!(matches!(rig.app.overlay, Overlay::Help { .. }));
    assert!(rig.screen().contains("Keys"), "{}", rig.screen());
    let lines = help_lines(&rig.app.keymap);
    assert!(lines.iter().any(|(m, _, _)| *m == Some(Mode::Shelf)));
    assert!(
        lines
            .iter()
            .any(|(_, keys, help)| keys == "/" && help.contains("every report"))
    );
    assert!(lines.iter().any(|(_, keys, _)| keys == "S"));
    rig.keys("<Esc>");
    assert!(matches!(rig.app.overlay, Overlay::None));
    assert!(rig.app.shelf_shown());
    // The emacs keymap has the shelf's keys too.
    let emacs = Keymap::load(Some("emacs"), None).0;
    assert!(
        !emacs
            .keys_for(Mode::Shelf, report_reader::action::Action::SearchShelf)
            .is_empty()
    );
    assert!(emacs.duplicates().is_empty(), "{:?}", emacs.duplicates());
}
