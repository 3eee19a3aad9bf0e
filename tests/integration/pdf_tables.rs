//! Tables in a PDF made here: kept as one block of rows and cells, between
//! the paragraphs around them, and never found where a page only has
//! columns of numbers and labels.

use crate::common;

use std::path::Path;

use report_reader::app::App;
use report_reader::document::{Document, TablePlace, from_bytes};
use report_reader::keymap::Keymap;

use crate::common::pdf_build as build;

use build::{BODY, Font, INDENT, LEFT, Report, TextLine, run};

/// Paragraph `n` of filler: three wrapped lines, each its own.
fn filler_lines(n: u32) -> [String; 3] {
    [
        format!("In paragraph {n}, the Special Rapporteur held consultations with"),
        format!("civil society and international organizations in session {n} on"),
        format!("the protection of the rights of all persons on the move ({n})."),
    ]
}

fn filler(r: &mut Report, from: u32, to: u32) {
    for n in from..=to {
        let lines = filler_lines(n);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        r.para(n, &lines);
    }
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

fn numbers(doc: &Document) -> Vec<u32> {
    doc.paragraphs.iter().map(|p| p.number).collect()
}

fn text(doc: &Document, number: u32) -> String {
    let i = doc
        .paragraph_index(number)
        .unwrap_or_else(|| panic!("paragraph {number}: {:?}", numbers(doc)));
    doc.paragraph_plain(i)
}

/// One line of cells, each at its x, in one font and size.
fn cells(r: &mut Report, size: f32, font: Font, cells: &[(f32, &str)]) {
    let y = r.y();
    r.page().lines.push(TextLine {
        x: cells[0].0,
        y,
        runs: cells
            .iter()
            .map(|&(x, t)| run(Some(x), font, size, t))
            .collect(),
    });
    r.gap(size + 2.0);
}

/// Where the table's three columns start.
const COLUMNS: [f32; 3] = [INDENT, 300.0, 400.0];

const PARA_4: [&str; 2] = [
    "Returns by region over the two years are set out in table 1 below, with",
    "the figures the Governments reported",
];
const PARA_4_END: &str = "to the Special Rapporteur.";

/// Paragraphs 1 to 6 with a captioned table of three columns, one of whose
/// cells wraps, standing inside paragraph 4 and after it.
fn report_with_table() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 3);
    r.para(4, &PARA_4);
    let [a, b, c] = COLUMNS;
    cells(&mut r, BODY, Font::Bold, &[(a, "Table 1")]);
    cells(
        &mut r,
        BODY,
        Font::Bold,
        &[(a, "Returns of migrants by region, 2009–2010")],
    );
    r.gap(4.0);
    let size = 9.0;
    cells(
        &mut r,
        size,
        Font::Italic,
        &[(a, "Region"), (b, "2009"), (c, "2010")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "Africa"), (b, "1,250"), (c, "1,310")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "Asia and the Pacific"), (b, "870"), (c, "905")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "Latin America and"), (b, "980"), (c, "1,020")],
    );
    cells(&mut r, size, Font::Regular, &[(a, "the Caribbean")]);
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "Europe"), (b, "2,400"), (c, "2,115")],
    );
    cells(
        &mut r,
        8.0,
        Font::Regular,
        &[(a, "Source: Replies of Governments.")],
    );
    r.gap(6.0);
    let y = r.y();
    r.page().text(LEFT, y, BODY, Font::Regular, PARA_4_END);
    r.gap(12.0 + 6.0);
    filler(&mut r, 5, 6);
    r.finish()
}

fn rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["Region", "2009", "2010"],
        vec!["Africa", "1,250", "1,310"],
        vec!["Asia and the Pacific", "870", "905"],
        vec!["Latin America and the Caribbean", "980", "1,020"],
        vec!["Europe", "2,400", "2,115"],
    ]
}

#[test]
fn table_between_paragraphs_is_one_block_of_rows() {
    let doc = open(&report_with_table());

    // The paragraphs around the table are whole, and none was added.
    assert_eq!(numbers(&doc), (1..=6).collect::<Vec<_>>());
    let four = format!("{} {PARA_4_END}", PARA_4.join(" "));
    assert_eq!(text(&doc, 4), four);
    for n in [1, 2, 3, 5, 6] {
        assert_eq!(text(&doc, n), filler_text(n), "paragraph {n}");
    }
    assert!(
        doc.sections.is_empty(),
        "the caption is no heading: {:?}",
        doc.sections
    );
    assert_eq!(doc.parts.len(), 1);
    assert!(doc.parts[0].preamble.is_empty());
    assert!(
        !doc.warnings.iter().any(|w| w.message.contains("joined")),
        "{:?}",
        doc.warnings
    );

    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(
        t.caption.as_deref(),
        Some("Table 1 Returns of migrants by region, 2009–2010")
    );
    assert_eq!(t.rows, rows());
    assert_eq!(t.below, ["Source: Replies of Governments."]);
    let four = doc.paragraph_index(4).expect("paragraph 4");
    assert_eq!(t.place, TablePlace::Paragraph(four));
    assert_eq!(t.page, 1);
}

#[test]
fn table_shows_in_print_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, report_with_table()).expect("write");
    let path = path.to_str().expect("utf-8 path");

    let (code, out, err) = common::run_cli(&["--print", "--json", path]);
    assert_eq!(code, 0, "stderr: {err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let tables = json["tables"].as_array().expect("a tables key");
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0]["page"], 1);
    assert_eq!(tables[0]["after_paragraph"], 4);
    assert_eq!(
        tables[0]["caption"],
        "Table 1 Returns of migrants by region, 2009–2010"
    );
    assert_eq!(tables[0]["rows"], serde_json::json!(rows()));
    let paragraphs = json["paragraphs"].as_array().expect("paragraphs");
    assert_eq!(paragraphs.len(), 6);
    assert!(
        paragraphs
            .iter()
            .all(|p| !p["text"].as_str().unwrap_or("").contains("Africa"))
    );

    // Plain text: the table after paragraph 4, its columns lined up.
    let (code, out, err) = common::run_cli(&["--print", path]);
    assert_eq!(code, 0, "stderr: {err}");

    let lines: Vec<&str> = out.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(s))
            .unwrap_or_else(|| panic!("no line starting {s:?} in\n{out}"))
    };
    let (four, caption, five) = (at("4. "), at("Table 1 Returns"), at("5. "));
    assert!(four < caption && caption < five, "{out}");
    let table: Vec<&str> = lines[caption + 1..caption + 6].to_vec();
    assert!(table[0].starts_with("Region"), "{out}");
    let bars = |l: &str| -> Vec<usize> {
        l.char_indices()
            .filter(|&(_, c)| c == '│')
            .map(|(i, _)| l[..i].chars().count())
            .collect()
    };
    for l in &table {
        assert_eq!(bars(l), bars(table[0]), "columns not lined up:\n{out}");
        assert_eq!(l.split('│').count(), 3, "{l}");
    }
    assert_eq!(
        table[3].split('│').map(str::trim).collect::<Vec<_>>(),
        ["Latin America and the Caribbean", "980", "1,020"]
    );
    assert_eq!(lines[caption + 6], "Source: Replies of Governments.");
}

/// The text pane: the table's rows lined up under paragraph 4, before 5.
#[test]
fn table_shows_in_the_text_pane_as_columns() {
    let doc = open(&report_with_table());
    let mut app = App::new(doc, Keymap::default_keymap(), (100, 40));
    common::press(&mut app, ":4<Enter>");
    let screen = common::render(&app);
    let lines: Vec<&str> = screen.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("{s:?} not on screen:\n{screen}"))
    };
    let (caption, five) = (at("Table 1 Returns"), at("In paragraph 5,"));
    assert!(
        at("Returns by region") < caption && caption < five,
        "{screen}"
    );
    let bars = |l: &str| -> Vec<usize> {
        l.chars()
            .enumerate()
            .filter(|&(_, c)| c == '│')
            .map(|(i, _)| i)
            .collect()
    };
    // Each row from its first cell on, past the contents pane's border.
    let rows: Vec<&str> = ["Region", "Africa", "Asia and", "Latin America", "Europe"]
        .iter()
        .map(|s| {
            let l = lines[at(s)];
            &l[l.find(s).unwrap_or(0)..]
        })
        .collect();
    for row in &rows {
        assert_eq!(bars(row).len(), 2, "{row}");
        assert_eq!(bars(row), bars(rows[0]), "columns not lined up:\n{screen}");
    }
    assert!(
        rows[3].contains("Latin America and the Caribbean"),
        "{screen}"
    );
}

/// Paragraph `n` as many reports set it: its number at the margin and its
/// text in a column of its own, wrapped under the text's first line.
fn hanging(r: &mut Report, n: u32, lines: &[&str]) {
    let y = r.y();
    r.page().lines.push(TextLine {
        x: LEFT,
        y,
        runs: vec![
            run(None, Font::Regular, BODY, &format!("{n}.")),
            run(Some(INDENT), Font::Regular, BODY, lines[0]),
        ],
    });
    r.gap(12.0);
    for l in &lines[1..] {
        let y = r.y();
        r.page().text(INDENT, y, BODY, Font::Regular, l);
        r.gap(12.0);
    }
    r.gap(6.0);
}

#[test]
fn columns_of_numbers_and_labels_are_no_table() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    // Paragraph numbers in a column of their own, one-line paragraphs
    // stacked, and sub-items one to a line.
    hanging(
        &mut r,
        1,
        &["The Government reported that it had adopted a law.^1"],
    );
    hanging(
        &mut r,
        2,
        &["The Government reported on its national plan."],
    );
    hanging(
        &mut r,
        3,
        &["The Government reported on its migration policy."],
    );
    let four = filler_lines(4);
    hanging(&mut r, 4, &[&four[0], &four[1], &four[2]]);
    r.para(5, &["The Secretary-General:"]);
    r.item("a", &["Welcomes the information received;"]);
    r.item("b", &["Encourages States to ratify the Convention;^2"]);
    r.item("c", &["Asks States to report on children.^3"]);
    for (n, t) in [
        ("1", "See A/HRC/53/26."),
        ("2", "See A/64/213."),
        ("3", "See A/65/150."),
    ] {
        r.foot_note(n, &[t]);
    }
    let doc = open(&r.finish());

    assert!(doc.tables.is_empty(), "{:#?}", doc.tables);
    assert_eq!(numbers(&doc), [1, 2, 3, 4, 5]);
    assert_eq!(text(&doc, 4), filler_text(4));
    assert_eq!(
        text(&doc, 5),
        "The Secretary-General: (a) Welcomes the information received; \
         (b) Encourages States to ratify the Convention;² (c) Asks States to report on children.³"
    );
    let notes: Vec<String> = doc.footnotes.iter().map(|f| doc.plain(&f.text)).collect();
    assert_eq!(
        notes,
        ["See A/HRC/53/26.", "See A/64/213.", "See A/65/150."]
    );
}

/// A table set small at a page's foot, right above the page's notes and
/// under a one-line paragraph, with a column of row numbers: neither its
/// caption nor its rows are taken for notes, nor the paragraph for a row.
#[test]
fn table_at_the_page_foot_is_not_its_notes() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 2);
    r.para(3, &["Returns are set out in the table below.^1"]);
    let [a, b, c] = COLUMNS;
    let size = 9.0;
    cells(&mut r, size, Font::Bold, &[(a, "Table 2")]);
    cells(
        &mut r,
        size,
        Font::Italic,
        &[(a, "Region"), (b, "2009"), (c, "2010")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "1"), (b, "1,250"), (c, "1,310")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "2"), (b, "870"), (c, "905")],
    );
    cells(
        &mut r,
        size,
        Font::Regular,
        &[(a, "3"), (b, "2,400"), (c, "2,115")],
    );
    r.foot_note("1", &["See A/HRC/53/26."]);
    r.new_page();
    filler(&mut r, 4, 5);
    let doc = open(&r.finish());

    assert_eq!(numbers(&doc), [1, 2, 3, 4, 5]);
    assert_eq!(text(&doc, 3), "Returns are set out in the table below.¹");
    assert_eq!(text(&doc, 4), filler_text(4));
    let notes: Vec<(String, String)> = doc
        .footnotes
        .iter()
        .map(|f| (f.label.to_string(), doc.plain(&f.text)))
        .collect();
    assert_eq!(notes, [("1".to_string(), "See A/HRC/53/26.".to_string())]);
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    assert_eq!(doc.tables[0].caption.as_deref(), Some("Table 2"));
    assert_eq!(
        doc.tables[0].rows,
        [
            ["Region", "2009", "2010"],
            ["1", "1,250", "1,310"],
            ["2", "870", "905"],
            ["3", "2,400", "2,115"],
        ]
    );
    let three = doc.paragraph_index(3).expect("paragraph 3");
    assert_eq!(doc.tables[0].place, TablePlace::Paragraph(three));
}

/// The same table in the text `pdftotext -layout` makes: columns set apart
/// by runs of spaces.
#[test]
fn table_in_layout_text_is_one_block_of_rows() {
    let layout = "\
              United Nations                                                   A/HRC/59/15
              General Assembly                                    Distr.: General
                                                                  24 March 2025

Human Rights Council
Fifty-ninth session

            Human rights of migrants

       I. Introduction

               1.     In paragraph 1, the Special Rapporteur held consultations with civil society
               and international organizations on the protection of the rights of all persons.
               2.     Returns by region over the two years are set out in table 1 below, with the
               figures the Governments reported to the Special Rapporteur.

               Table 1
               Returns of migrants by region, 2009–2010

               Region                              2009          2010
               Africa                              1,250         1,310
               Asia and the Pacific                  870           905
               Europe                              2,400         2,115

               Source: Replies of Governments.

               3.     In paragraph 3, the Special Rapporteur held consultations with civil society
               and international organizations on the protection of the rights of all persons.

GE.25-02819                                                                          2
";
    let doc = report_reader::document::parse(layout);
    assert_eq!(numbers(&doc), [1, 2, 3]);
    assert_eq!(
        text(&doc, 2),
        "Returns by region over the two years are set out in table 1 below, with the \
         figures the Governments reported to the Special Rapporteur."
    );
    assert!(text(&doc, 3).ends_with("the rights of all persons."));
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(
        t.caption.as_deref(),
        Some("Table 1 Returns of migrants by region, 2009–2010")
    );
    assert_eq!(
        t.rows,
        [
            ["Region", "2009", "2010"],
            ["Africa", "1,250", "1,310"],
            ["Asia and the Pacific", "870", "905"],
            ["Europe", "2,400", "2,115"],
        ]
    );
    assert_eq!(t.below, ["Source: Replies of Governments."]);
}

/// A table that a page break cuts, its header set again on the next page,
/// is one table, with its header once.
#[test]
fn table_cut_by_a_page_is_one_table() {
    let mut r = Report::new();
    r.masthead("Human rights of migrants");
    r.heading("I.", "Introduction", 12.0);
    filler(&mut r, 1, 2);
    let [a, b, c] = COLUMNS;
    let size = 9.0;
    let header = [(a, "Region"), (b, "2009"), (c, "2010")];
    cells(&mut r, BODY, Font::Bold, &[(a, "Table 1")]);
    cells(&mut r, size, Font::Italic, &header);
    let regions = [
        "Africa",
        "Asia",
        "Europe",
        "Oceania",
        "The Americas",
        "The Arctic",
    ];
    for (k, region) in regions.iter().enumerate() {
        if k == 3 {
            r.new_page();
            cells(&mut r, size, Font::Italic, &header);
        }
        let (x, y) = (format!("{}", 100 + k), format!("{}", 200 + k));
        cells(
            &mut r,
            size,
            Font::Regular,
            &[(a, region), (b, &x), (c, &y)],
        );
    }
    r.gap(8.0);
    filler(&mut r, 3, 4);
    let doc = open(&r.finish());

    assert_eq!(numbers(&doc), [1, 2, 3, 4]);
    assert_eq!(text(&doc, 3), filler_text(3));
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    let t = &doc.tables[0];
    assert_eq!(t.rows.len(), 7, "{:#?}", t.rows);
    assert_eq!(t.rows[0], ["Region", "2009", "2010"]);
    assert_eq!(t.rows[4], ["Oceania", "103", "203"]);
    assert_eq!(t.page, 1);
}
