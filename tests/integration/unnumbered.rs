//! Documents that number no paragraphs, or number only a resolution's
//! operative ones: a Security Council resolution, a letter. They open as
//! printed, titled as printed, with their paragraphs apart, and say that
//! nothing in them can be cited by paragraph number.

use std::path::Path;

use report_reader::document::{Document, from_bytes};

use crate::common::pdf_build::{BODY, Font, LEAD, LEFT, Report, TextLine, runs};

const INDENT: f32 = LEFT + 24.0;

fn open(bytes: &[u8], name: &str) -> Document {
    from_bytes(bytes, Path::new(name)).unwrap_or_else(|e| panic!("did not open: {e}"))
}

/// A Security Council resolution's first page, as the Council sets it:
/// the masthead, the resolution's number in bold, the meeting it was
/// adopted at, then "The Security Council," and its preamble.
fn resolution_masthead(r: &mut Report) {
    r.symbol = "S/RES/2770 (2025)".into();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "United Nations");
    p.text(440.0, 800.0, 14.0, Font::Regular, "S/RES/2770 (2025)");
    p.text(LEFT, 775.0, 20.0, Font::Regular, "Security Council");
    p.text(400.0, 775.0, 10.0, Font::Regular, "Distr.: General");
    p.text(400.0, 763.0, 10.0, Font::Regular, "24 January 2025");
    p.text(LEFT, 700.0, 14.0, Font::Bold, "Resolution 2770 (2025)");
    p.text(
        LEFT,
        680.0,
        12.0,
        Font::Bold,
        "Adopted by the Security Council at its 9847th meeting, on",
    );
    p.text(LEFT, 666.0, 12.0, Font::Bold, "24 January 2025");
    r.gap(110.0);
}

/// Lines of prose: the first indented, the rest at the margin; `^1`
/// calls a note.
fn paragraph(r: &mut Report, lines: &[&str]) {
    for (k, l) in lines.iter().enumerate() {
        let x = if k == 0 { INDENT } else { LEFT };
        let y = r.y();
        r.page().lines.push(TextLine {
            x,
            y,
            runs: runs(None, Font::Regular, BODY, l),
        });
        r.gap(LEAD);
    }
}

fn preamble(doc: &Document) -> Vec<String> {
    doc.parts
        .iter()
        .flat_map(|p| &p.preamble)
        .map(|t| doc.plain(t))
        .collect()
}

#[test]
fn a_resolution_that_numbers_nothing_opens_titled_with_its_paragraphs_apart() {
    let mut r = Report::new();
    resolution_masthead(&mut r);
    r.raw(INDENT, Font::Regular, BODY, "The Security Council,");
    paragraph(
        &mut r,
        &[
            "Noting the resignation as a member of the International Court of",
            "Justice of Judge Nawaf Salam, effective 14 January 2025,",
        ],
    );
    paragraph(
        &mut r,
        &[
            "Noting further that a vacancy in the International Court of Justice for",
            "the remainder of the term of office has occurred and must be filled,",
        ],
    );
    paragraph(
        &mut r,
        &[
            "Decides that the election to fill the vacancy shall take place on",
            "27 May 2025 at a meeting of the Security Council.",
        ],
    );
    let doc = open(&r.finish(), "resolution.pdf");
    assert_eq!(doc.title(), "Resolution 2770 (2025)");
    assert_eq!(doc.header.symbol.as_deref(), Some("S/RES/2770 (2025)"));
    // The organ, not the "United Nations" printed above it.
    assert_eq!(doc.header.organ.as_deref(), Some("Security Council"));
    assert_eq!(
        doc.header.kind.as_deref(),
        Some("Adopted by the Security Council at its 9847th meeting, on 24 January 2025")
    );
    assert!(doc.paragraphs.is_empty());
    assert!(
        doc.warnings[0]
            .to_string()
            .contains("no numbered paragraphs"),
        "{:?}",
        doc.warnings
    );
    // No "Summary" is made up for the page.
    assert!(!doc.header.summary_printed);
    assert_eq!(
        preamble(&doc),
        [
            "The Security Council,",
            "Noting the resignation as a member of the International Court of Justice of Judge Nawaf Salam, effective 14 January 2025,",
            "Noting further that a vacancy in the International Court of Justice for the remainder of the term of office has occurred and must be filled,",
            "Decides that the election to fill the vacancy shall take place on 27 May 2025 at a meeting of the Security Council.",
        ]
    );
}

#[test]
fn a_resolutions_running_title_and_closing_meeting_are_no_headings_and_its_notes_are_cited() {
    let mut r = Report::new();
    resolution_masthead(&mut r);
    r.raw(INDENT, Font::Regular, BODY, "The Security Council,");
    paragraph(
        &mut r,
        &[
            "Recalling its resolutions on the situation in the region and the",
            "statements of its President,^1",
        ],
    );
    r.foot_note("1", &["S/PRST/2024/5."]);
    for n in 1..=3 {
        r.para(
            n,
            &[&format!(
                "Decides to act on matter {n} of the present resolution;"
            )],
        );
    }
    r.new_page();
    // The running header repeats the symbol beside a long running title.
    r.page().text(
        LEFT,
        800.0,
        10.0,
        Font::Bold,
        "S/RES/2770 (2025) Maintenance of international peace and security in the region",
    );
    r.para(4, &["Decides to remain seized of the matter."]);
    r.raw(400.0, Font::Regular, BODY, "9847th meeting");
    let doc = open(&r.finish(), "resolution.pdf");
    let numbers: Vec<u32> = doc.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert!(doc.sections.is_empty(), "{:?}", doc.sections);
    assert!(
        !doc.warnings.iter().any(|w| w.to_string().contains("never")),
        "{:?}",
        doc.warnings
    );
    assert_eq!(doc.parts[0].footnotes, [0]);
}

#[test]
fn a_letter_opens_with_its_title_whole_and_each_paragraph_apart() {
    let mut r = Report::new();
    r.symbol = "S/2025/107".into();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "United Nations");
    p.text(460.0, 800.0, 14.0, Font::Regular, "S/2025/107");
    p.text(LEFT, 775.0, 20.0, Font::Regular, "Security Council");
    p.text(400.0, 775.0, 10.0, Font::Regular, "Distr.: General");
    p.text(400.0, 763.0, 10.0, Font::Regular, "21 February 2025");
    p.text(400.0, 745.0, 10.0, Font::Regular, "Original: English");
    p.text(
        LEFT,
        700.0,
        12.0,
        Font::Bold,
        "Letter dated 20 February 2025 from the Permanent Representative",
    );
    p.text(
        LEFT,
        686.0,
        12.0,
        Font::Bold,
        "of Ruritania addressed to the President of the Security Council",
    );
    r.gap(75.0);
    paragraph(
        &mut r,
        &[
            "I am writing to draw your attention to the situation in the region,",
            "which has worsened since my last letter.",
        ],
    );
    paragraph(
        &mut r,
        &[
            "The Government asks the Council to remain seized of the matter and to",
            "act on it.",
        ],
    );
    paragraph(
        &mut r,
        &["I should be grateful if the present letter could be circulated."],
    );
    let doc = open(&r.finish(), "letter.pdf");
    assert_eq!(
        doc.title(),
        "Letter dated 20 February 2025 from the Permanent Representative of Ruritania \
         addressed to the President of the Security Council"
    );
    assert_eq!(doc.header.symbol.as_deref(), Some("S/2025/107"));
    assert_eq!(preamble(&doc).len(), 3, "{:?}", preamble(&doc));
    assert!(preamble(&doc)[1].starts_with("The Government asks"));
    assert!(doc.sections.is_empty());
}

/// `pdftotext -layout` text of a letter, as it sets the page.
const LETTER_TEXT: &str =
    "               United Nations                                                 S/2025/107
               Security Council                                   Distr.: General
                                                                  21 February 2025

                                                                  Original: English



               Letter dated 20 February 2025 from the Permanent
               Representative of Ruritania addressed to the President of the
               Security Council

                     I am writing to draw your attention to the situation in the region,
               which has worsened since my last letter, and to the measures the
               Government has taken since then.
                     The Government asks the Council to remain seized of the matter and
               to act on it at its next meeting.
                     I should be grateful if the present letter could be circulated as a
               document of the Security Council.



25-02999 (E)
\x0c";

#[test]
fn text_that_states_a_symbol_opens_and_text_that_states_nothing_does_not() {
    let doc = open(LETTER_TEXT.as_bytes(), "letter.txt");
    assert!(doc.paragraphs.is_empty());
    assert!(
        doc.warnings[0]
            .to_string()
            .contains("no numbered paragraphs")
    );
    assert_eq!(doc.header.symbol.as_deref(), Some("S/2025/107"));
    assert!(
        doc.title().starts_with("Letter dated 20 February 2025"),
        "{}",
        doc.title()
    );
    let err = from_bytes(b"just some words\n", Path::new("words.txt"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("no report structure"), "{err}");
}
