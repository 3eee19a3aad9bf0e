use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use report_reader::cli::{self, Cli};
use report_reader::document::{self, Document};

fn main() -> ExitCode {
    let args = Cli::parse();
    let doc = match &args.file {
        Some(path) => match document::load(path) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("report-reader: {e}");
                return ExitCode::from(2);
            }
        },
        None => Document::embedded(),
    };
    let interactive = !(args.toc || args.print || args.countries || args.notes);
    if interactive {
        let config = report_reader::config::config_dir(args.config_dir.clone());
        let (keymap, messages) =
            report_reader::keymap::Keymap::load(args.keymap.as_deref(), config.as_deref());
        let app = report_reader::app::App::new(doc, keymap, (80, 24));
        return match report_reader::tui::run(app, messages) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("report-reader: {e}");
                ExitCode::from(2)
            }
        };
    }
    let output = if args.toc && args.json {
        format!("{:#}\n", cli::toc_json(&doc))
    } else if args.toc {
        cli::toc_text(&doc)
    } else if args.print {
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
    } else if args.notes {
        match cli::notes_text(&doc, &args) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("report-reader: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        cli::toc_text(&doc)
    };
    emit(&output)
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
