//! PDFs made here, in code, and opened as a reader would open them: the
//! model and `--print --json` must say what the page shows.

use crate::common;

use std::path::Path;

use report_reader::document::{Document, FootnoteLabel, LoadError, from_bytes};

use crate::common::pdf_build as build;

use build::{BODY, Font, LEFT, PageSpec, Report};

/// Names that make each filler paragraph's lines its own: a report does
/// not repeat a line, and the furniture reader looks for repeated lines.
const NAMES: [&str; 40] = [
    "Albania",
    "Argentina",
    "Armenia",
    "Austria",
    "Bahrain",
    "Belgium",
    "Bolivia",
    "Brazil",
    "Burundi",
    "Canada",
    "Chile",
    "Colombia",
    "Cuba",
    "Denmark",
    "Ecuador",
    "Egypt",
    "Estonia",
    "Fiji",
    "Finland",
    "Gabon",
    "Georgia",
    "Ghana",
    "Greece",
    "Guatemala",
    "Honduras",
    "Iceland",
    "India",
    "Ireland",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kenya",
    "Latvia",
    "Lebanon",
    "Malawi",
    "Mali",
    "Mexico",
    "Morocco",
    "Nepal",
];

/// Paragraph `n` of filler: three wrapped lines.
fn filler_lines(n: u32) -> [String; 3] {
    let name = |k: u32| NAMES[(n + k) as usize % NAMES.len()];
    [
        format!(
            "The Special Rapporteur held consultations with {}, civil society and",
            name(0)
        ),
        format!(
            "international organizations in {} on the protection of the rights of",
            name(13)
        ),
        format!(
            "all persons on the move, whatever their status, and in {}.",
            name(27)
        ),
    ]
}

fn filler_text(n: u32) -> String {
    filler_lines(n).join(" ")
}

fn open(bytes: &[u8]) -> Document {
    match from_bytes(bytes, Path::new("x.pdf")) {
        Ok(doc) => doc,
        Err(e) => panic!("the PDF did not open: {e}"),
    }
}

fn para(doc: &Document, number: u32) -> &report_reader::document::Paragraph {
    let i = doc
        .paragraph_index(number)
        .unwrap_or_else(|| panic!("paragraph {number}: {:?}", numbers(doc)));
    &doc.paragraphs[i]
}

fn text(doc: &Document, number: u32) -> String {
    doc.plain(&para(doc, number).text)
}

fn numbers(doc: &Document) -> Vec<u32> {
    doc.paragraphs.iter().map(|p| p.number).collect()
}

fn note(doc: &Document, n: u32) -> &report_reader::document::Footnote {
    let i = doc
        .footnote_index(&FootnoteLabel::Number(n))
        .unwrap_or_else(|| panic!("note {n} among {:?}", labels(doc)));
    &doc.footnotes[i]
}

fn labels(doc: &Document) -> Vec<String> {
    doc.footnotes.iter().map(|f| f.label.to_string()).collect()
}

fn cited_by(doc: &Document, n: u32) -> Vec<u32> {
    note(doc, n)
        .cited_by
        .iter()
        .map(|&i| doc.paragraphs[i].number)
        .collect()
}

/// Paragraphs `from..=to` of filler text.
fn filler(r: &mut Report, from: u32, to: u32) {
    for n in from..=to {
        let lines = filler_lines(n);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        r.para(n, &lines);
    }
}

fn joined(lines: &[&str]) -> String {
    lines.join(" ")
}

/// The report-reader binary on a file, with a throwaway config dir.
fn cli(args: &[&str]) -> (i32, String, String) {
    common::run_cli(args)
}

fn print_json(bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).expect("write");
    let (code, out, err) = cli(&["--print", "--json", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).expect("JSON")
}

/// Case 1: "migrants.³": a smaller raised 3 beside the word is a note call.
#[test]
fn superscript_note_call_cites_its_note() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(
        2,
        &[
            "States should protect the rights of migrants.^3 The Special Rapporteur",
            "welcomes the steps taken so far.",
        ],
    );
    filler(&mut r, 3, 3);
    r.foot_note("3", &["See A/HRC/53/26, para. 14."]);
    let doc = open(&r.finish());

    let p2 = para(&doc, 2);
    let t = doc.plain(&p2.text);
    assert_eq!(
        t,
        "States should protect the rights of migrants.³ The Special Rapporteur welcomes the steps taken so far."
    );
    assert!(!t.contains("migrants.3"), "digit glued to the word: {t}");
    let cites: Vec<String> = p2
        .footnotes
        .iter()
        .map(|&i| doc.footnotes[i].label.to_string())
        .collect();
    assert_eq!(cites, ["3"]);
    assert_eq!(doc.plain(&note(&doc, 3).text), "See A/HRC/53/26, para. 14.");
    assert_eq!(cited_by(&doc, 3), [2]);
    for n in [1, 3] {
        assert!(para(&doc, n).footnotes.is_empty(), "paragraph {n}");
        assert!(!text(&doc, n).contains("See A/HRC"), "note text in {n}");
    }
}

/// Case 2: "12." at the margin with its text indented on the same baseline; the
/// text wraps back to the margin.
#[test]
fn hanging_number_and_wrapped_lines() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 11);
    let twelve = [
        "The present report is submitted pursuant to Human Rights Council",
        "resolution 52/20. It describes the activities of the Special Rapporteur",
        "since the previous report and sets out the main findings of the",
        "thematic study.",
    ];
    r.para(12, &twelve);
    r.para(13, &["A one-line paragraph."]);
    let doc = open(&r.finish());

    assert_eq!(numbers(&doc), (1..=13).collect::<Vec<_>>());
    assert_eq!(text(&doc, 12), joined(&twelve));
    assert_eq!(text(&doc, 13), "A one-line paragraph.");
    assert_eq!(text(&doc, 11), filler_text(11));
    assert!(doc.paragraphs.iter().all(|p| p.sub_items.is_empty()));
}

/// Case 3: A bold "1. Cross-cutting issues" between paragraphs 7 and 8 is a
/// subheading at level 2, not a paragraph.
#[test]
fn bold_numbered_subheading_is_a_section() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 3);
    r.heading("II.", "Activities", 12.0);
    r.heading("A.", "Country visits", BODY);
    filler(&mut r, 4, 7);
    r.heading("1.", "Cross-cutting issues", BODY);
    // Three pages, so the running header repeats enough to be furniture.
    filler(&mut r, 8, 30);
    let bytes = r.finish();
    let _ = open(&bytes);
    let v = print_json(&bytes);

    let paragraphs = v["paragraphs"].as_array().expect("paragraphs");
    let got: Vec<u64> = paragraphs
        .iter()
        .map(|p| p["number"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(got, (1..=30).collect::<Vec<_>>());
    for p in paragraphs {
        let t = p["text"].as_str().unwrap_or("");
        assert!(!t.contains("Cross-cutting"), "in a paragraph: {t}");
        assert_eq!(t, filler_text(p["number"].as_u64().unwrap_or(0) as u32));
    }
    let part = &v["parts"][1];
    assert_eq!(part["numeral"], "II");
    let sections = part["sections"].as_array().expect("sections");
    let sub = sections
        .iter()
        .find(|s| s["title"] == "Cross-cutting issues")
        .unwrap_or_else(|| panic!("no subheading among {sections:?}"));
    assert_eq!(sub["label"], "1");
    assert_eq!(sub["level"], 2);
    assert_eq!(sub["paragraphs"], serde_json::json!([8, 30]));
    assert_eq!(sections.len(), 2, "{sections:?}");
    let a = sections
        .iter()
        .find(|s| s["title"] == "Country visits")
        .expect("section A");
    assert_eq!(a["level"], 1);
}

/// Case 4: Running headers (the symbol) and footers (page number, job number)
/// are not text; the symbol is the report's.
#[test]
fn running_headers_and_footers_are_furniture() {
    let mut r = Report::new();
    // No masthead: the symbol is only in the running headers.
    r.page()
        .text(LEFT, 700.0, 14.0, Font::Bold, "Human rights of migrants");
    r.gap(80.0);
    r.heading("I.", "Introduction", 12.0);
    for n in 1..=30 {
        filler(&mut r, n, n);
        if n % 12 == 0 {
            r.new_page();
        }
    }
    let bytes = r.finish();
    let doc = open(&bytes);

    assert_eq!(numbers(&doc), (1..=30).collect::<Vec<_>>());
    assert!(doc.paragraphs.iter().any(|p| p.page == 3));
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let t = doc.paragraph_plain(i);
        assert_eq!(t, filler_text(p.number), "paragraph {}", p.number);
    }
    assert_eq!(doc.header.symbol.as_deref(), Some("A/HRC/59/15"));
    let v = print_json(&bytes);
    let all = v["paragraphs"].to_string();
    assert!(
        !all.contains("GE.25") && !all.contains("A/HRC/59/15"),
        "{all}"
    );
    assert_eq!(v["symbol"], "A/HRC/59/15");
}

/// Case 5: A page-foot note that runs onto the next page is one note.
#[test]
fn foot_note_carried_to_next_page_is_one_note() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(
        2,
        &[
            "Several States reported new laws on the matter.^4 Others described",
            "their practice.",
        ],
    );
    r.foot_note(
        "4",
        &[
            "Albania, Argentina, Colombia, Ecuador, Mexico, Morocco and",
            "Senegal sent replies, which are published on the webpage",
        ],
    );
    r.new_page();
    r.para(
        3,
        &[
            "Replies continued to arrive after the deadline.^5 They are summarized",
            "below.",
        ],
    );
    filler(&mut r, 4, 4);
    r.note_lines(&["of the Special Rapporteur."]);
    r.foot_note("5", &["Replies received after 1 March 2025."]);
    let doc = open(&r.finish());

    assert_eq!(
        doc.plain(&note(&doc, 4).text),
        "Albania, Argentina, Colombia, Ecuador, Mexico, Morocco and Senegal sent replies, which are published on the webpage of the Special Rapporteur."
    );
    assert_eq!(
        doc.plain(&note(&doc, 5).text),
        "Replies received after 1 March 2025."
    );
    assert_eq!(labels(&doc), ["4", "5"]);
    assert_eq!(cited_by(&doc, 4), [2]);
    assert_eq!(cited_by(&doc, 5), [3]);
    assert_eq!(text(&doc, 4), filler_text(4));
    assert_eq!(
        text(&doc, 3),
        "Replies continued to arrive after the deadline.⁵ They are summarized below."
    );
}

/// Case 5b: The carried-over lines may be the only note text on the next page.
#[test]
fn foot_note_carried_alone_to_next_page_is_one_note() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(
        2,
        &[
            "Several States reported new laws on the matter.^4 Others described",
            "their practice.",
        ],
    );
    r.foot_note(
        "4",
        &[
            "Albania, Argentina, Colombia, Ecuador, Mexico, Morocco and",
            "Senegal sent replies, which are published on the webpage",
        ],
    );
    r.new_page();
    filler(&mut r, 3, 3);
    filler(&mut r, 4, 4);
    r.note_lines(&["of the Special Rapporteur."]);
    let doc = open(&r.finish());

    assert_eq!(
        doc.plain(&note(&doc, 4).text),
        "Albania, Argentina, Colombia, Ecuador, Mexico, Morocco and Senegal sent replies, which are published on the webpage of the Special Rapporteur."
    );
    assert_eq!(text(&doc, 4), filler_text(4));
}

/// Case 6: Endnotes under a "Notes" heading at the end.
#[test]
fn endnotes_under_a_notes_heading() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    r.para(
        1,
        &[
            "The Council adopted resolution 52/20 without a vote.^1 It asked for",
            "this report.^2",
        ],
    );
    filler(&mut r, 2, 2);
    r.para(3, &["The Special Rapporteur thanks all who replied.^3"]);
    r.gap(12.0);
    r.raw(build::INDENT, Font::Bold, BODY, "Notes");
    r.gap(4.0);
    for (n, t) in [
        ("1", "See A/HRC/RES/52/20."),
        ("2", "Ibid., para. 9."),
        ("3", "The replies are on file with the secretariat."),
    ] {
        let y = r.y();
        r.page().lines.push(build::TextLine {
            x: LEFT,
            y,
            runs: vec![
                build::run(None, Font::Regular, 9.0, n),
                build::run(Some(build::NOTE_TEXT), Font::Regular, 9.0, t),
            ],
        });
        r.gap(11.0);
    }
    let doc = open(&r.finish());

    assert_eq!(labels(&doc), ["1", "2", "3"]);
    assert_eq!(doc.plain(&note(&doc, 1).text), "See A/HRC/RES/52/20.");
    assert_eq!(doc.plain(&note(&doc, 2).text), "Ibid., para. 9.");
    assert_eq!(
        doc.plain(&note(&doc, 3).text),
        "The replies are on file with the secretariat."
    );
    assert_eq!(cited_by(&doc, 1), [1]);
    assert_eq!(cited_by(&doc, 2), [1]);
    assert_eq!(cited_by(&doc, 3), [3]);
    assert_eq!(
        text(&doc, 3),
        "The Special Rapporteur thanks all who replied.³"
    );
    assert_eq!(numbers(&doc), [1, 2, 3]);
    for i in 0..doc.paragraphs.len() {
        let t = doc.paragraph_plain(i);
        assert!(!t.contains("Notes") && !t.contains("Ibid"), "{t}");
    }
}

/// Case 7: A paragraph cut by a page break, with a note zone between its halves,
/// is one paragraph; "pro-" + "tection" is mended, as the word is known.
#[test]
fn paragraph_cut_by_page_break_is_rejoined() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(
        2,
        &[
            "Many States have adopted measures of temporary pro-",
            "\x0c",
            "tection for persons fleeing conflict.^1 The Special Rapporteur",
            "welcomes them.",
        ],
    );
    r.foot_note("1", &["A/HRC/50/31, annex."]);
    filler(&mut r, 3, 3);
    // Note 2 is cited on page 2, at whose foot it stands, before the break.
    r.foot_note("2", &["See A/HRC/47/30."]);
    r.para(
        4,
        &[
            "Migrants in an irregular situation often lack access to justice and",
            "to social protection.^2 Their children may not attend school, and",
            "\x0c",
            "their families fear being reported to the immigration authorities.",
        ],
    );
    filler(&mut r, 5, 5);
    let doc = open(&r.finish());

    assert_eq!(numbers(&doc), [1, 2, 3, 4, 5]);
    assert_eq!(
        text(&doc, 2),
        "Many States have adopted measures of temporary protection for persons fleeing conflict.¹ The Special Rapporteur welcomes them."
    );
    assert_eq!(
        text(&doc, 4),
        "Migrants in an irregular situation often lack access to justice and to social protection.² Their children may not attend school, and their families fear being reported to the immigration authorities."
    );
    assert_eq!((para(&doc, 2).page, para(&doc, 4).page), (1, 2));
    assert_eq!(doc.plain(&note(&doc, 1).text), "A/HRC/50/31, annex.");
    assert_eq!(doc.plain(&note(&doc, 2).text), "See A/HRC/47/30.");
    assert_eq!(cited_by(&doc, 1), [2]);
    assert_eq!(cited_by(&doc, 2), [4]);
    assert_eq!(text(&doc, 5), filler_text(5));
}

/// A paragraph broken by a page break, with no note between its halves, is
/// read as one paragraph on the page where it starts: its second half is
/// neither a paragraph of its own nor part of the next one.
#[test]
fn a_paragraph_broken_across_a_page_is_read_as_one() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(
        2,
        &[
            "Many States have adopted measures of temporary protection for persons",
            "\x0c",
            "fleeing conflict.",
        ],
    );
    filler(&mut r, 3, 30);
    let doc = open(&r.finish());
    assert_eq!(
        text(&doc, 2),
        "Many States have adopted measures of temporary protection for persons fleeing conflict."
    );
    assert_eq!(numbers(&doc), (1..=30).collect::<Vec<_>>());
    assert_eq!((para(&doc, 2).page, para(&doc, 3).page), (1, 2));
    assert_eq!(text(&doc, 3), filler_text(3));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

/// A two-page report: its one running header (page 2) is furniture too.
#[test]
fn two_page_report_running_header_is_furniture() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 10);
    r.para(
        11,
        &[
            "Many States have adopted measures of temporary protection for persons",
            "\x0c",
            "fleeing conflict.",
        ],
    );
    filler(&mut r, 12, 14);
    let bytes = r.finish();
    let doc = open(&bytes);
    assert_eq!(para(&doc, 12).page, 2);
    assert_eq!(numbers(&doc), (1..=14).collect::<Vec<_>>());
    assert_eq!(
        text(&doc, 11),
        "Many States have adopted measures of temporary protection for persons fleeing conflict."
    );
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.is_empty(), "sections: {titles:?}");
}

/// Case 8: Sub-items (a) and (b) of a paragraph.
#[test]
fn sub_items_of_a_paragraph() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 1);
    r.para(2, &["The Special Rapporteur recommends that States:"]);
    let a = [
        "End the detention of children for reasons of their migration",
        "status;",
    ];
    let b = ["Ensure access to justice for all migrants."];
    r.item("a", &a);
    r.item("b", &b);
    filler(&mut r, 3, 3);
    let doc = open(&r.finish());

    let p2 = para(&doc, 2);
    assert_eq!(
        doc.plain(&p2.text),
        "The Special Rapporteur recommends that States:"
    );
    let items: Vec<(String, String)> = p2
        .sub_items
        .iter()
        .map(|s| (s.label.clone(), doc.plain(&s.text)))
        .collect();
    assert_eq!(
        items,
        [("a".to_string(), joined(&a)), ("b".to_string(), joined(&b))]
    );
    assert!(para(&doc, 3).sub_items.is_empty());
    assert_eq!(text(&doc, 3), filler_text(3));
}

fn small_report_pages() -> Vec<PageSpec> {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    r.para(1, &["The text of the first paragraph.^1"]);
    filler(&mut r, 2, 2);
    filler(&mut r, 3, 3);
    r.foot_note("1", &["A note."]);
    r.into_pages()
}

fn small_report() -> Vec<u8> {
    build::pdf(&small_report_pages())
}

/// A PDF whose only page holds a rectangle.
fn no_text_pdf() -> Vec<u8> {
    build::pdf(&[PageSpec {
        lines: Vec::new(),
        rects: vec![[100.0, 100.0, 300.0, 400.0]],
    }])
}

/// Bytes that look random, after a PDF header: the same every run.
fn garbage() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..8192 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push((x >> 24) as u8);
    }
    out
}

fn bad_inputs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let good = small_report();
    // Cut inside the first page's content stream: no text survives whole.
    let cut = String::from_utf8_lossy(&good)
        .find("stream\n")
        .map_or(good.len() / 2, |k| k + 40);
    vec![
        ("truncated", good[..cut].to_vec(), ""),
        ("no-text", no_text_pdf(), "no text and no scanned image"),
        ("garbage", garbage(), ""),
        (
            "encrypted",
            build::encrypted_pdf(&small_report_pages()),
            "encrypted",
        ),
    ]
}

/// Case 9: Bad input is an error of one line that names the file.
#[test]
fn bad_pdfs_are_one_line_errors() {
    assert!(
        open(&small_report()).paragraphs.len() == 3,
        "the good one opens"
    );
    for (name, bytes, says) in bad_inputs() {
        let path = format!("{name}.pdf");
        let e: LoadError = match from_bytes(&bytes, Path::new(&path)) {
            Ok(doc) => panic!("{name}: opened, {:?}", numbers(&doc)),
            Err(e) => e,
        };
        let m = e.to_string();
        assert!(m.starts_with(&format!("{path}: ")), "{name}: {m}");
        assert!(!m.contains('\n'), "{name}: {m}");
        assert!(m.contains(says), "{name}: {m}");
    }
}

/// Case 9: The same through the command line: status 2, one line, no panic.
#[test]
fn bad_pdfs_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, says) in bad_inputs() {
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &bytes).expect("write");
        let p = path.to_str().expect("utf-8 path");
        let (code, out, err) = cli(&["--print", "--json", p]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: {out}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(p) && err.contains(says), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

/// A PDF cut short is damaged: nothing says it is a scan.
#[test]
fn truncated_pdf_is_not_called_a_scan() {
    let good = small_report();
    let cut = &good[..good.len() / 2];
    let m = match from_bytes(cut, Path::new("cut.pdf")) {
        Ok(doc) => panic!("opened, {:?}", numbers(&doc)),
        Err(e) => e.to_string(),
    };
    assert!(!m.contains("OCR"), "{m}");
    assert!(m.starts_with("cut.pdf: not a readable PDF"), "{m}");
}

mod fuzz {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    fn good() -> &'static [u8] {
        static GOOD: OnceLock<Vec<u8>> = OnceLock::new();
        GOOD.get_or_init(super::small_report)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Case 10: Truncated and mutated PDFs never panic the reader.
        #[test]
        fn damaged_pdfs_never_panic(
            cut in 0.0f64..=1.0,
            edits in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..12),
        ) {
            let good = good();
            let mut bytes = good[..((good.len() as f64) * cut) as usize].to_vec();
            let len = bytes.len();
            for (at, b) in edits {
                if len > 0 {
                    bytes[((len as f64) * at) as usize % len] = b;
                }
            }
            let _ = report_reader::document::from_bytes(&bytes, std::path::Path::new("x.pdf"));
        }
    }
}
