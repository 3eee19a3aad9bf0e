//! The command line, and the outputs that need no terminal: `--toc`,
//! `--print`, `--notes`, `--import`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use serde_json::{Value, json};

use crate::document::{Document, Inline, Section, TablePlace, superscript};
use crate::text::sanitize;

#[derive(Debug, Parser)]
#[command(
    name = "report-reader",
    version,
    about = "Read and annotate a United Nations report in the terminal.",
    long_about = "Read and annotate a United Nations report in the terminal.\n\n\
        FILE is a UN report as a PDF (as the Official Document System gives it) or as \
        text (the embedded layout, or pdftotext output). With no FILE, opens the embedded \
        report: the Secretary-General's report to the General Assembly's sixty-fifth \
        session on the human rights of migrants (21 July 2010)."
)]
pub struct Cli {
    /// A report as a PDF or as text; the embedded report when omitted. A
    /// folder opens its shelf: every report in it, listed and searched.
    pub file: Option<PathBuf>,

    /// Print the outline (parts, subsections, paragraph ranges) and exit.
    #[arg(long, group = "output")]
    pub toc: bool,

    /// Print the whole report as clean plain text and exit.
    #[arg(long, group = "output")]
    pub print: bool,

    /// Print every country the report mentions, with its paragraphs, and exit.
    #[arg(long, group = "output")]
    pub countries: bool,

    /// Print your notes on the report and exit.
    #[arg(long, group = "output")]
    pub notes: bool,

    /// Read notes from FILE (a W3C annotation collection, a --notes JSON
    /// export or an annotations.json) into your notes on the report, and exit.
    #[arg(long, group = "output", value_name = "FILE")]
    pub import: Option<PathBuf>,

    /// Search every report in the folder FILE names (PDFs and text, in
    /// folders within it too) and print the paragraphs, sub-items,
    /// footnotes, headings and table rows that answer QUERY, best first:
    /// words, "a phrase", +required, -excluded, and the filters sym:A/HRC/,
    /// year:2024, country:Slovenia and has:notes.
    #[arg(
        long,
        group = "output",
        value_name = "QUERY",
        allow_hyphen_values = true
    )]
    pub search: Option<String>,

    /// With --search: at most N hits.
    #[arg(long, value_name = "N", default_value_t = 20, requires = "search")]
    pub limit: usize,

    /// Where --search and the shelf keep the shelf's index; without it,
    /// REPORT_READER_CACHE_DIR, then the platform's cache directory.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// With --toc, --print, --countries or --search: JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// With --notes: the output format.
    #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
    pub format: NotesFormat,

    /// With --notes: the notes of every document in the notes file.
    #[arg(long)]
    pub all: bool,

    /// With --notes: only the notes and highlights whose text has #WORD.
    #[arg(long, value_name = "WORD", requires = "notes")]
    pub tag: Option<String>,

    /// Key bindings: a preset name (default, emacs) or a TOML file.
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,

    /// Where keymap.toml, annotations.json and state.json live; without it,
    /// REPORT_READER_CONFIG_DIR (an empty one counts as unset).
    // The variable is read by `config::config_dir`, not by clap, which
    // would refuse an empty one as a missing --config-dir value.
    #[arg(long, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Start at the top instead of where you stopped reading.
    #[arg(long)]
    pub no_restore: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    Markdown,
    Json,
    /// A W3C Web Annotation collection (JSON-LD).
    W3c,
}

fn span(doc: &Document, range: &std::ops::Range<usize>) -> Value {
    match doc.number_span(range) {
        Some((a, b)) => json!([a, b]),
        None => Value::Null,
    }
}

/// The parts with their sections, each section as `section` writes it;
/// `--toc` gives a part's page too.
fn parts_json(doc: &Document, page: bool, section: impl Fn(&Section) -> Value) -> Vec<Value> {
    doc.parts
        .iter()
        .map(|p| {
            let mut part = serde_json::Map::new();
            part.insert("numeral".into(), json!(p.numeral));
            part.insert("title".into(), json!(doc.plain(&p.title)));
            if page {
                part.insert("page".into(), json!(p.printed_page));
            }
            part.insert("paragraphs".into(), span(doc, &p.paragraphs));
            if !page && p.unit.is_some() {
                part.insert("unit".into(), json!(p.unit));
                let numbers: Vec<u32> = p.numbers.iter().flatten().copied().collect();
                part.insert("unit_paragraphs".into(), json!(numbers));
            }
            let sections = doc.sections[p.sections.clone()].iter().map(&section);
            part.insert("sections".into(), Value::Array(sections.collect()));
            Value::Object(part)
        })
        .collect()
}

/// The outline as JSON: `{"title", "paragraphs", "footnotes", "parts": [...]}`.
pub fn toc_json(doc: &Document) -> Value {
    let parts = parts_json(doc, true, |s| {
        json!({
            "title": s.title,
            "page": s.printed_page,
            "paragraphs": span(doc, &s.paragraphs),
        })
    });
    json!({
        "title": doc.title(),
        "symbol": doc.header.symbol,
        "date": doc.header.date,
        "paragraphs": doc.paragraphs.len(),
        "footnotes": doc.footnotes.len(),
        "parts": parts,
        "warnings": doc.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
    })
}

/// "A. Title" → (Some("A"), "Title"); a country heading has no label.
fn split_label(title: &str) -> (Option<&str>, &str) {
    let Some((label, rest)) = title.split_once(' ') else {
        return (None, title);
    };
    let core = label.trim_end_matches(['.', ')']);
    let short = !core.is_empty() && core.len() <= 4 && core.len() < label.len();
    let plain = core.bytes().all(|b| b.is_ascii_alphanumeric());
    if short && plain && !rest.trim().is_empty() {
        (Some(core), rest.trim())
    } else {
        (None, title)
    }
}

/// `--print --json`: the whole model, for scripts and checks.
pub fn document_json(doc: &Document) -> Value {
    let parts = parts_json(doc, false, |s| {
        let (label, title) = split_label(&s.title);
        json!({
            "label": label,
            "title": title,
            "level": s.level,
            "page": s.printed_page,
            "paragraphs": span(doc, &s.paragraphs),
            // A resolution set out under the heading, cited on its own:
            // "resolution 14/1", and the numbers of its paragraphs.
            "unit": s.unit,
            "unit_paragraphs": s.numbers.iter().flatten().collect::<Vec<_>>(),
        })
    });
    let label = |i: &usize| doc.footnotes.get(*i).map(|f| f.label.to_string());
    let paragraphs: Vec<Value> = doc
        .paragraphs
        .iter()
        .map(|p| {
            let items: Vec<Value> = p
                .sub_items
                .iter()
                .map(|s| json!({"label": s.label, "text": doc.bare(&s.text)}))
                .collect();
            json!({
                "number": p.number,
                "text": doc.bare(&p.text),
                "sub_items": items,
                "footnotes": p.footnotes.iter().filter_map(label).collect::<Vec<_>>(),
                "page": p.page,
                "printed_page": doc.printed_page(p.page),
            })
        })
        .collect();
    let footnotes: Vec<Value> = doc
        .footnotes
        .iter()
        .map(|f| {
            let cited: Vec<u32> = f
                .cited_by
                .iter()
                .filter_map(|&i| doc.paragraphs.get(i).map(|p| p.number))
                .collect();
            json!({
                "marker": f.label.to_string(),
                "text": doc.bare(&f.text),
                "cited_by": cited,
                "page": (f.page > 0).then_some(f.page),
                "printed_page": doc.printed_page(f.page),
            })
        })
        .collect();
    let tables: Vec<Value> = doc
        .tables
        .iter()
        .map(|t| {
            let after = t
                .follows
                .and_then(|i| doc.paragraphs.get(i))
                .map(|p| p.number);
            json!({
                "page": t.page,
                "printed_page": doc.printed_page(t.page),
                "after_paragraph": after,
                "caption": t.caption,
                "rows": t.rows,
                "below": t.below,
                "footnotes": t.footnotes.iter().map(|&f| doc.footnotes[f].label.to_string()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "symbol": doc.header.symbol,
        "title": doc.title(),
        "date": doc.header.date,
        "parts": parts,
        "paragraphs": paragraphs,
        "footnotes": footnotes,
        "tables": tables,
        "warnings": doc.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
    })
}

fn range_text(doc: &Document, range: &std::ops::Range<usize>) -> String {
    match doc.number_span(range) {
        Some((a, b)) if a == b => format!("para. {a}"),
        Some((a, b)) => format!("paras. {a}–{b}"),
        None => "no paragraphs".into(),
    }
}

/// The outline as text, one line per part and subsection.
pub fn toc_text(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", sanitize(&doc.title()));
    let mut facts = Vec::new();
    if let Some(symbol) = &doc.header.symbol {
        facts.push(symbol.clone());
    }
    if let Some(kind) = &doc.header.kind {
        facts.push(kind.clone());
    }
    if let Some(date) = &doc.header.date {
        facts.push(date.clone());
    }
    facts.push(format!("{} paragraphs", doc.paragraphs.len()));
    facts.push(format!("{} footnotes", doc.footnotes.len()));
    let _ = writeln!(out, "{}\n", sanitize(&facts.join(" · ")));
    for p in &doc.parts {
        let title = doc.plain(&p.title);
        let head = if p.numeral.is_empty() {
            if title.is_empty() {
                "(untitled)".to_string()
            } else {
                title
            }
        } else {
            format!("{}. {}", p.numeral, title)
        };
        let _ = writeln!(
            out,
            "{}  [{}]",
            sanitize(&head),
            range_text(doc, &p.paragraphs)
        );
        for s in &doc.sections[p.sections.clone()] {
            let _ = writeln!(
                out,
                "{}{}  [{}]",
                "    ".repeat(usize::from(s.level.max(1))),
                sanitize(&s.title),
                range_text(doc, &s.paragraphs)
            );
        }
    }
    for w in &doc.warnings {
        let _ = writeln!(out, "warning: {}", sanitize(&w.to_string()));
    }
    out
}

fn footnote_line(doc: &Document, index: usize, out: &mut String) {
    let f = &doc.footnotes[index];
    let mark = superscript(&f.label);
    let _ = writeln!(out, "    {} {}", mark, sanitize(&doc.plain(&f.text)));
}

/// The tables that come right after `place`, as aligned text; each once.
fn print_tables(doc: &Document, place: TablePlace, printed: &mut [bool], out: &mut String) {
    for t in doc.tables_at(place) {
        if std::mem::replace(&mut printed[t], true) {
            continue;
        }
        let table = &doc.tables[t];
        if let Some(caption) = &table.caption {
            let _ = writeln!(out, "{}", sanitize(caption));
        }
        for l in crate::layout::table_lines(table) {
            let _ = writeln!(out, "{l}");
        }
        for l in &table.below {
            let _ = writeln!(out, "{}", sanitize(l));
        }
        out.push('\n');
    }
}

fn line(doc: &Document, inlines: &[Inline]) -> String {
    sanitize(&doc.plain(inlines)).into_owned()
}

/// The whole report as plain text: each paragraph one line, each footnote
/// after the paragraph that first cites it.
pub fn print_text(doc: &Document) -> String {
    let mut out = String::with_capacity(doc.source.len() + 1024);
    let h = &doc.header;
    if let Some(symbol) = &h.symbol {
        let _ = writeln!(out, "{}", sanitize(symbol));
    }
    let fields = [&h.organ, &h.distribution, &h.date, &h.original, &h.session];
    for (k, field) in fields.into_iter().enumerate() {
        if let Some(v) = field {
            let v = if k == 1 {
                format!("Distr.: {v}")
            } else {
                v.clone()
            };
            let v = if k == 3 { format!("Original: {v}") } else { v };
            let _ = writeln!(out, "{}", sanitize(&v));
        }
    }
    if !h.agenda_item.is_empty() {
        let _ = writeln!(out, "{}", line(doc, &h.agenda_item));
    }
    out.push('\n');
    for t in &h.agenda_titles {
        let _ = writeln!(out, "{}\n", line(doc, t));
    }
    if !h.title.is_empty() {
        let _ = writeln!(out, "{}\n", line(doc, &h.title));
    }
    if let Some(kind) = &h.kind {
        let _ = writeln!(out, "{}\n", sanitize(kind));
    }
    if !h.summary.is_empty() {
        // The heading only where the page prints one.
        if h.summary_printed {
            out.push_str("Summary\n\n");
        }
        for s in &h.summary {
            let _ = writeln!(out, "{}\n", line(doc, s));
        }
    }
    let mut printed = vec![false; doc.footnotes.len()];
    for (i, f) in doc.footnotes.iter().enumerate() {
        if f.cited_in_header {
            footnote_line(doc, i, &mut out);
            printed[i] = true;
            out.push('\n');
        }
    }
    let mut tables = vec![false; doc.tables.len()];
    for (index, part) in doc.parts.iter().enumerate() {
        if !part.numeral.is_empty() {
            let _ = writeln!(out, "{}. {}\n", part.numeral, line(doc, &part.title));
        }
        for pre in &part.preamble {
            let _ = writeln!(out, "{}\n", line(doc, pre));
        }
        print_tables(doc, TablePlace::Part(index), &mut tables, &mut out);
        let mut section = None;
        for pi in part.paragraphs.clone() {
            let p = &doc.paragraphs[pi];
            if p.section != section {
                section = p.section;
                if let Some(s) = section.and_then(|s| doc.sections.get(s)) {
                    let _ = writeln!(out, "{}\n", sanitize(&s.title));
                }
                if let Some(s) = section {
                    print_tables(doc, TablePlace::Section(s), &mut tables, &mut out);
                }
            }
            let _ = writeln!(out, "{}. {}", p.number, line(doc, &p.text));
            for item in &p.sub_items {
                let _ = writeln!(out, "    {} {}", item.marker(), line(doc, &item.text));
            }
            for &f in &p.footnotes {
                if !printed[f] {
                    printed[f] = true;
                    footnote_line(doc, f, &mut out);
                }
            }
            out.push('\n');
            print_tables(doc, TablePlace::Paragraph(pi), &mut tables, &mut out);
        }
        // Sections with no paragraphs still appear in the text, and tables
        // under a heading not printed above.
        for si in part.sections.clone() {
            let s = &doc.sections[si];
            if s.paragraphs.is_empty() {
                let _ = writeln!(out, "{}\n", sanitize(&s.title));
            }
            print_tables(doc, TablePlace::Section(si), &mut tables, &mut out);
        }
    }
    let uncited: Vec<usize> = (0..doc.footnotes.len()).filter(|&i| !printed[i]).collect();
    if !uncited.is_empty() {
        out.push_str("Footnotes not cited in the text\n\n");
        for i in uncited {
            footnote_line(doc, i, &mut out);
        }
    }
    out
}

/// `--notes`: the notes kept for this document (or all, with `--all`),
/// those with `--tag` only. Reads the notes file only; never writes it.
pub fn notes_text(doc: &Document, args: &Cli) -> Result<String, String> {
    use crate::notes::export::{Format, export_all, export_document, tagged};
    let dir = config_dir(args)?;
    // Reading for export changes nothing on disk, whatever the file holds.
    let mut annotations = crate::notes::store::read_only(&dir)?;
    if let Some(tag) = &args.tag {
        annotations = tagged(&annotations, tag);
    }
    let format = match args.format {
        NotesFormat::Markdown => Format::Markdown,
        NotesFormat::Json => Format::Json,
        NotesFormat::W3c => Format::W3c,
    };
    Ok(if args.all {
        export_all(&annotations, &[doc], format)
    } else {
        export_document(doc, &annotations, format)
    })
}

fn config_dir(args: &Cli) -> Result<PathBuf, String> {
    crate::config::config_dir(args.config_dir.clone()).ok_or_else(|| {
        "no configuration directory: set REPORT_READER_CONFIG_DIR or --config-dir".into()
    })
}

/// Why `--import` did nothing: the exit status and one line to say.
#[derive(Debug)]
pub struct ImportFailed {
    pub status: u8,
    pub message: String,
}

/// `--import FILE`: reads the notes in `file` into this document's notes
/// and says how many were placed. `warnings` gets what the notes store had
/// to say on the way (a damaged file moved aside).
pub fn import_notes(
    doc: &Document,
    args: &Cli,
    file: &std::path::Path,
    warnings: &mut Vec<String>,
) -> Result<String, ImportFailed> {
    use crate::notes::{NoteStore, import};
    let failed = |status, message| ImportFailed { status, message };
    let dir = config_dir(args).map_err(|m| failed(2, m))?;
    // Read first: a file that is not notes changes nothing.
    let incoming = import::read(file, doc).map_err(|m| failed(2, m))?;
    let (mut store, message) = NoteStore::open(&dir);
    warnings.extend(message.map(|m| m.to_string()));
    let report = import::import(&mut store, doc, incoming);
    warnings.extend(store.take_messages().iter().map(|m| m.to_string()));
    match &report.saved {
        Ok(()) => Ok(report.to_string()),
        // Too many notes for the file is the import's fault: bad input.
        Err(e @ crate::notes::StoreError::TooLarge { .. }) => {
            Err(failed(2, format!("{}: not imported: {e}", file.display())))
        }
        Err(e) => Err(failed(1, format!("the notes were not imported: {e}"))),
    }
}
