use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use report_reader::cli::{self, Cli};
use report_reader::document::{self, Document};
use report_reader::text;

fn main() -> ExitCode {
    // This binary, run again to read a PDF within limits.
    if let Some(code) = document::sandbox::child_main() {
        return code;
    }
    document::sandbox::enable();
    let args = Cli::parse();
    if let Some(query) = &args.search {
        return search(query, &args);
    }
    let interactive =
        !(args.toc || args.print || args.countries || args.notes || args.import.is_some());
    if interactive && let Some(dir) = args.file.as_ref().filter(|p| p.is_dir()) {
        return read(None, Some(dir), &args);
    }
    let doc = match &args.file {
        Some(path) => match document::load(path) {
            Ok(doc) => doc,
            Err(e) => {
                say(&e.to_string());
                return ExitCode::from(2);
            }
        },
        None => Document::embedded(),
    };
    if interactive {
        return read(Some(doc), None, &args);
    }
    let output = if args.toc && args.json {
        format!("{:#}\n", cli::toc_json(&doc))
    } else if args.toc {
        cli::toc_text(&doc)
    } else if args.print && args.json {
        format!("{:#}\n", cli::document_json(&doc))
    } else if args.print {
        // The text goes to stdout whole; what it lost on the way in is said beside it.
        for w in &doc.warnings {
            say(&format!("warning: {w}"));
        }
        cli::print_text(&doc)
    } else if args.countries {
        let index = report_reader::document::countries::CountryIndex::build(&doc);
        if args.json {
            format!(
                "{:#}\n",
                report_reader::document::countries::to_json(&doc, &index)
            )
        } else {
            report_reader::document::countries::to_text(&doc, &index)
        }
    } else if let Some(file) = &args.import {
        let mut warnings = Vec::new();
        let result = cli::import_notes(&doc, &args, file, &mut warnings);
        for w in &warnings {
            say(w);
        }
        match result {
            Ok(line) => format!("{line}\n"),
            Err(failed) => {
                say(&failed.message);
                return ExitCode::from(failed.status);
            }
        }
    } else if args.notes {
        match cli::notes_text(&doc, &args) {
            Ok(text) => text,
            Err(e) => {
                say(&e.to_string());
                return ExitCode::from(2);
            }
        }
    } else {
        cli::toc_text(&doc)
    };
    // Nothing printed may steer the terminal it lands on, JSON included.
    let json = args.json || (args.notes && args.format != cli::NotesFormat::Markdown);
    if json {
        emit(&text::json_safe(&output))
    } else {
        emit(&text::sanitize_lines(&output))
    }
}

/// `--search QUERY DIR`: the shelf's hits on stdout, what could not be
/// read on stderr.
fn search(query: &str, args: &Cli) -> ExitCode {
    use report_reader::shelf;
    let Some(dir) = &args.file else {
        say("--search needs a folder of reports: report-reader --search QUERY DIR");
        return ExitCode::from(2);
    };
    let options = shelf::Options {
        json: args.json,
        limit: args.limit,
        cache_dir: args.cache_dir.clone(),
        config_dir: args.config_dir.clone(),
        progress: true,
    };
    let output = shelf::run(query, dir, &options);
    for m in &output.messages {
        say(m);
    }
    if output.status != 0 {
        return ExitCode::from(output.status);
    }
    if args.json {
        emit(&text::json_safe(&output.stdout))
    } else {
        emit(&text::sanitize_lines(&output.stdout))
    }
}

/// One line on stderr, made safe to show: a file name may hold escapes.
fn say(message: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "report-reader: {}",
        text::sanitize(message)
    );
}

/// The interactive reader, with notes and reading position when there is a
/// configuration directory: on `doc`, or on the shelf of the folder `dir`.
fn read(doc: Option<Document>, dir: Option<&std::path::Path>, args: &Cli) -> ExitCode {
    use report_reader::app::Start;
    use report_reader::notes::{state, store::NoteStore};
    use report_reader::tui::NotesRunner;
    let config = report_reader::config::config_dir(args.config_dir.clone());
    if let Some(problem) =
        report_reader::keymap::too_large(args.keymap.as_deref(), config.as_deref())
    {
        say(&problem);
        return ExitCode::from(2);
    }
    let (keymap, mut messages) =
        report_reader::keymap::Keymap::load(args.keymap.as_deref(), config.as_deref());
    // The shelf named as the system names it ("." becomes its path).
    let dir = dir.map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()));
    let dir = dir.as_deref();
    let app = match doc {
        Some(doc) => report_reader::app::App::new(doc, keymap, (80, 24)),
        None => report_reader::app::App::on_shelf(
            dir.map(|d| d.to_path_buf()).unwrap_or_default(),
            keymap,
            (80, 24),
        ),
    };
    let mut reading = state::ReadingState::default();
    let mut notes = NotesRunner::new(None);
    let mut start = Start::default();
    match &config {
        Some(dir) => {
            let annotations = dir.join(report_reader::notes::ANNOTATIONS_FILE);
            if report_reader::notes::store::lock_is_held(&annotations) {
                say(&format!(
                    "waiting for another report-reader to finish saving {}…",
                    annotations.display()
                ));
            }
            let (mut store, message) = NoteStore::open(dir);
            messages.extend(message.map(|m| m.to_string()));
            messages.extend(store.take_messages().iter().map(|m| m.to_string()));
            notes = NotesRunner::new(Some(store));
            if app.has_report() {
                let (book, said) = notes.open(&app.doc);
                start.notes = book;
                messages.extend(said);
            }
            let (loaded, message) = state::load(dir);
            messages.extend(message.map(|m| m.to_string()));
            reading = loaded;
            // A report opened on its own is one of the recent reports too.
            if let Some(path) = args.file.as_deref().filter(|_| app.has_report()) {
                report_reader::tui::remember(&mut reading, path, &app.doc);
            }
            start.history = reading.history.clone();
            start.recent = reading.recent.clone();
            if !args.no_restore && app.has_report() {
                start.reading = reading.documents.get(&app.doc.fingerprint()).cloned();
            }
        }
        None => messages.push(
            "no configuration directory: notes are off (set REPORT_READER_CONFIG_DIR)".into(),
        ),
    }
    start.said = messages;
    let shelf = report_reader::tui::ShelfRunner::new(
        dir.map(|d| d.to_path_buf()),
        args.cache_dir.clone(),
        config.clone(),
    );
    let session = report_reader::tui::Session {
        config_dir: config,
        state: reading,
        notes,
        shelf,
        sink: std::sync::Arc::new(|_| {}),
    };
    match report_reader::tui::run(app, start, session) {
        Ok(farewell) => {
            // The terminal may be gone (a hang-up): writes that fail are dropped.
            let mut err = std::io::stderr();
            for m in &farewell.messages {
                say(m);
            }
            if let Some(notes) = farewell.unsaved_notes {
                let _ = writeln!(
                    err,
                    "report-reader: your notes could not be saved; here they are:"
                );
                let _ = std::io::stdout().write_all(text::sanitize_lines(&notes).as_bytes());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(&e.to_string());
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is a normal end, not an error.
fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report-reader: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}
