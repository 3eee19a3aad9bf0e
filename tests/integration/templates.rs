//! Structure from any template: each class of layout is checked on a PDF
//! built here and on a real UN document from `../shared/corpus` (skipped,
//! and said so, where the corpus is not beside the project).

use crate::common;

use std::path::{Path, PathBuf};

use report_reader::document::{Document, from_bytes, load};

use crate::common::pdf_build as build;

use build::{BODY, Font, INDENT, LEAD, LEFT, Report, TextLine, run};

const PLACES: [&str; 12] = [
    "Geneva",
    "Nairobi",
    "Bangkok",
    "Santiago",
    "Beirut",
    "Addis Ababa",
    "Dakar",
    "Panama",
    "Pretoria",
    "Suva",
    "Tunis",
    "Bogota",
];

/// Paragraph `n` of filler, its three lines each its own.
fn lines(n: u32) -> [String; 3] {
    let place = |k: u32| PLACES[(n + k) as usize % PLACES.len()];
    [
        format!(
            "The Office held {n} consultations in {} with the authorities and",
            place(0)
        ),
        format!(
            "civil society of the region, and reported on them in {} and",
            place(5)
        ),
        format!("in {} at the end of the period under review.", place(9)),
    ]
}

fn filler_text(n: u32) -> String {
    lines(n).join(" ")
}

fn paragraphs(r: &mut Report, from: u32, to: u32) {
    for n in from..=to {
        let l = lines(n);
        r.para(n, &[&l[0], &l[1], &l[2]]);
    }
}

/// Bold lines set close, one under the other, with space above: one heading.
fn bold_lines(r: &mut Report, label: &str, titles: &[&str], size: f32) {
    r.gap(10.0);
    for (k, t) in titles.iter().enumerate() {
        let mut runs = Vec::new();
        if k == 0 && !label.is_empty() {
            runs.push(run(None, Font::Bold, size, label));
            runs.push(run(Some(INDENT), Font::Bold, size, t));
        } else {
            runs.push(run(None, Font::Bold, size, t));
        }
        let x = if k == 0 || label.is_empty() {
            LEFT
        } else {
            INDENT
        };
        let y = r.y();
        r.page().lines.push(TextLine { x, y, runs });
        r.gap(size + 2.0);
    }
    r.gap(6.0);
}

fn open(bytes: &[u8]) -> Document {
    from_bytes(bytes, Path::new("built.pdf")).unwrap_or_else(|e| panic!("did not open: {e}"))
}

fn numbers(doc: &Document) -> Vec<u32> {
    doc.paragraphs.iter().map(|p| p.number).collect()
}

fn text(doc: &Document, n: u32) -> String {
    let i = doc
        .paragraph_index(n)
        .unwrap_or_else(|| panic!("no paragraph {n} in {:?}", numbers(doc)));
    doc.paragraph_plain(i)
}

/// A document of the corpus, or `None`, said on stderr, where it is not here.
fn corpus(name: &str) -> Option<Document> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if !path.exists() {
        common::skipped(&format!("{} is not here", path.display()));
        return None;
    }
    Some(load(&path).unwrap_or_else(|e| panic!("{e}")))
}

fn part_title(doc: &Document, numeral: &str) -> Vec<String> {
    doc.parts
        .iter()
        .filter(|p| p.numeral == numeral)
        .map(|p| doc.plain(&p.title))
        .collect()
}

#[test]
fn a_part_heading_over_two_lines_is_one_heading_never_glued_to_a_paragraph() {
    let mut r = Report::new();
    r.masthead("Economic, social and cultural rights");
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    paragraphs(&mut r, 1, 4);
    bold_lines(
        &mut r,
        "II.",
        &[
            "Strengthening the promotion and protection of economic,",
            "social and cultural rights",
        ],
        12.0,
    );
    paragraphs(&mut r, 5, 24);
    let doc = open(&r.finish());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    assert_eq!(text(&doc, 4), filler_text(4));
    assert_eq!(
        part_title(&doc, "II"),
        ["Strengthening the promotion and protection of economic, social and cultural rights"]
    );
    let ii = doc
        .parts
        .iter()
        .find(|p| p.numeral == "II")
        .expect("part II");
    assert_eq!(doc.number_span(&ii.paragraphs), Some((5, 24)));
}

#[test]
fn a_real_part_heading_over_two_lines_is_whole() {
    let Some(doc) = corpus("E-2025-60.pdf") else {
        return;
    };
    let titles = part_title(&doc, "II");
    assert!(
        titles.iter().any(|t| t
            == "Strengthening the promotion and protection of economic, social and cultural rights"),
        "{titles:?}"
    );
    assert!(!text(&doc, 4).contains("Strengthening the promotion"));
}

/// A session's report sets out the resolutions it adopted, each numbered
/// from 1; the report's own paragraphs come after, from 1 again.
fn session_report() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("Report of the Human Rights Council on its fourteenth session");
    bold_lines(&mut r, "", &["Part One"], 12.0);
    bold_lines(&mut r, "I.", &["Resolutions"], 12.0);
    for (number, title) in [
        ("14/1", "The grave attacks on a humanitarian convoy"),
        ("14/2", "Trafficking in persons"),
    ] {
        bold_lines(&mut r, "", &[number, title], BODY);
        r.raw(INDENT, Font::Italic, BODY, "The Human Rights Council,");
        r.gap(4.0);
        r.para(
            1,
            &["Condemns in the strongest terms the attack on the convoy of ships;"],
        );
        r.para(
            2,
            &["Deeply deplores the loss of life of innocent civilians;"],
        );
        r.para(
            3,
            &["Also calls upon all parties to ensure the provision of assistance;"],
        );
        r.raw(400.0, Font::Italic, BODY, "10th meeting");
        r.gap(LEAD);
    }
    r.new_page();
    bold_lines(&mut r, "", &["Part Two", "Summary of proceedings"], 12.0);
    bold_lines(
        &mut r,
        "I.",
        &["Organizational and procedural matters"],
        12.0,
    );
    bold_lines(&mut r, "A.", &["Opening and duration of the session"], BODY);
    paragraphs(&mut r, 1, 24);
    r.finish()
}

#[test]
fn a_resolution_set_out_in_a_report_never_takes_the_reports_paragraph_numbers() {
    let doc = open(&session_report());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    assert_eq!(text(&doc, 1), filler_text(1));
    for p in 0..doc.paragraphs.len() {
        let t = doc.paragraph_plain(p);
        assert!(!t.contains("Condemns") && !t.contains("deplores"), "{t}");
    }
    let warning = doc
        .warnings
        .first()
        .map(|w| w.to_string())
        .unwrap_or_default();
    assert!(
        warning.contains("restarts in 2 resolutions") && warning.contains("page 1"),
        "{warning}"
    );
    assert!(!warning.contains("line"), "{warning}");
    // The resolutions' text is kept, in reading order, as text.
    let shown: String = doc.source.to_string();
    assert!(shown.contains("Condemns in the strongest terms"));
}

#[test]
fn a_real_session_report_cites_its_own_paragraph_6() {
    let Some(doc) = corpus("A-HRC-14-37.pdf") else {
        return;
    };
    assert!(
        text(&doc, 6).starts_with("The session was attended by representatives of States"),
        "{}",
        text(&doc, 6)
    );
    assert!(text(&doc, 1).starts_with("The Human Rights Council held its fourteenth session"));
    assert_eq!(doc.paragraphs.len(), 766);
    assert!(doc.warnings[0].to_string().contains("restarts"));
    assert_eq!(
        doc.title(),
        "Report of the Human Rights Council on its fourteenth session"
    );
}

/// The masthead of a Working Group's review: the agenda item's title, the
/// report's title, the State under review.
fn review_report() -> Vec<u8> {
    let mut r = Report::new();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "United Nations");
    p.text(460.0, 800.0, 16.0, Font::Bold, "A/HRC/59/15");
    p.text(LEFT + 90.0, 770.0, 16.0, Font::Bold, "General Assembly");
    p.text(400.0, 745.0, 10.0, Font::Regular, "Distr.: General");
    p.text(400.0, 733.0, 10.0, Font::Regular, "24 March 2025");
    p.text(400.0, 715.0, 10.0, Font::Regular, "Original: English");
    p.text(LEFT, 690.0, 10.0, Font::Bold, "Human Rights Council");
    p.text(LEFT, 678.0, 10.0, Font::Regular, "Fifty-ninth session");
    p.text(LEFT, 666.0, 10.0, Font::Regular, "Agenda item 6");
    p.text(LEFT, 654.0, 10.0, Font::Bold, "Universal periodic review");
    p.text(
        LEFT,
        625.0,
        14.0,
        Font::Bold,
        "Report of the Working Group on the Universal Periodic Review",
    );
    p.text(LEFT, 600.0, 14.0, Font::Bold, "Slovenia");
    let below = r.y() - 570.0;
    r.gap(below);
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    paragraphs(&mut r, 1, 24);
    r.finish()
}

#[test]
fn a_review_is_titled_as_printed_with_its_country() {
    let doc = open(&review_report());
    assert_eq!(
        doc.title(),
        "Report of the Working Group on the Universal Periodic Review: Slovenia"
    );
    assert!(!doc.header.summary_printed);
    assert!(doc.header.summary.is_empty());
}

#[test]
fn real_mastheads_give_the_title_as_printed() {
    for (name, title) in [
        (
            "A-HRC-59-15.pdf",
            "Report of the Working Group on the Universal Periodic Review: Slovenia",
        ),
        (
            "seed.pdf",
            "Promotion and protection of human rights, including ways and means to promote the human rights of migrants",
        ),
        (
            "A-52-687.pdf",
            "THE SITUATION OF DEMOCRACY AND HUMAN RIGHTS IN HAITI",
        ),
        (
            "A-79-797.pdf",
            "The situation in Afghanistan and its implications for international peace and security",
        ),
    ] {
        let Some(doc) = corpus(name) else {
            continue;
        };
        assert_eq!(doc.title(), title, "{name}");
    }
}

#[test]
fn a_lettered_subheading_in_plain_text_is_a_heading() {
    let Some(doc) = corpus("A-HRC-WG.6-7-ITA-1.layout.txt") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.ends_with("Evolution of the Italian society")),
        "{titles:?}"
    );
    assert!(!text(&doc, 52).contains("Evolution of the Italian society"));
}

/// A line set centred in the body's face, as a typescript sets headings.
fn centred(r: &mut Report, text: &str) {
    r.gap(14.0);
    let width = text.chars().count() as f32 * 5.6;
    r.raw((build::WIDTH - width) / 2.0, Font::Regular, BODY, text);
    r.gap(8.0);
}

/// A 1990s typescript: one face, one size; parts and sections centred,
/// in capitals or lettered; an annex after the last paragraph.
fn typescript() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("THE SITUATION OF HUMAN RIGHTS");
    centred(&mut r, "I. INTRODUCTION");
    paragraphs(&mut r, 1, 3);
    centred(&mut r, "II. POLITICAL CONTEXT");
    paragraphs(&mut r, 4, 6);
    centred(&mut r, "A. National police");
    paragraphs(&mut r, 7, 24);
    centred(&mut r, "ANNEX");
    r.raw(
        LEFT,
        Font::Regular,
        BODY,
        "Letter dated 14 November 1997 from the Secretary-General",
    );
    r.raw(
        LEFT,
        Font::Regular,
        BODY,
        "addressed to the President of the General Assembly",
    );
    r.finish()
}

#[test]
fn a_typescripts_centred_headings_are_parts_and_sections_and_its_annex_stands_apart() {
    let doc = open(&typescript());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    assert_eq!(part_title(&doc, "I"), ["INTRODUCTION"]);
    assert_eq!(part_title(&doc, "II"), ["POLITICAL CONTEXT"]);
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["A. National police"]);
    assert_eq!(text(&doc, 3), filler_text(3));
    assert_eq!(text(&doc, 24), filler_text(24));
    assert!(
        doc.parts.iter().any(|p| doc.plain(&p.title) == "ANNEX"),
        "{:?}",
        doc.parts
            .iter()
            .map(|p| doc.plain(&p.title))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_real_typescript_has_its_parts_sections_and_annex() {
    let Some(doc) = corpus("A-52-687.pdf") else {
        return;
    };
    for numeral in ["I", "II", "III", "IV", "V", "VI"] {
        assert_eq!(part_title(&doc, numeral).len(), 1, "part {numeral}");
    }
    assert_eq!(doc.sections.len(), 6);
    assert!(!text(&doc, 47).contains("ANNEX"));
    assert!(doc.parts.iter().any(|p| doc.plain(&p.title) == "ANNEX"));
}

#[test]
fn a_paragraph_set_in_bold_is_a_paragraph_not_a_heading() {
    let Some(doc) = corpus("A-HRC-8-29.pdf") else {
        return;
    };
    assert!(
        text(&doc, 69)
            .starts_with("The recommendations formulated during the interactive dialogue")
    );
    assert_eq!(numbers(&doc), (1..=71).collect::<Vec<_>>());
}

/// A resolution issued on its own: its operative paragraphs are the
/// document's paragraphs, under the number and title it was adopted with.
fn resolution() -> Vec<u8> {
    let mut r = Report::new();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "United Nations");
    p.text(460.0, 800.0, 16.0, Font::Bold, "A/RES/64/166");
    p.text(LEFT + 90.0, 770.0, 16.0, Font::Bold, "General Assembly");
    p.text(400.0, 745.0, 10.0, Font::Regular, "Distr.: General");
    p.text(400.0, 733.0, 10.0, Font::Regular, "19 March 2010");
    p.text(LEFT, 700.0, 10.0, Font::Bold, "Sixty-fourth session");
    p.text(LEFT, 688.0, 10.0, Font::Regular, "Agenda item 69 (b)");
    p.text(
        LEFT,
        660.0,
        14.0,
        Font::Bold,
        "Resolution adopted by the General Assembly",
    );
    let below = r.y() - 630.0;
    r.gap(below);
    bold_lines(&mut r, "", &["64/166. Protection of migrants"], 12.0);
    r.raw(INDENT, Font::Italic, BODY, "The General Assembly,");
    r.gap(4.0);
    paragraphs(&mut r, 1, 24);
    r.finish()
}

#[test]
fn a_resolution_on_its_own_keeps_its_paragraph_numbers() {
    let doc = open(&resolution());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    assert_eq!(text(&doc, 1), filler_text(1));
    assert_eq!(doc.title(), "64/166. Protection of migrants");
    assert!(
        doc.warnings
            .iter()
            .all(|w| !w.to_string().contains("restarts")),
        "{:?}",
        doc.warnings
    );
}

/// A French report: the masthead's fields, sub-items "a)" and the annex
/// in French words.
fn french_report() -> Vec<u8> {
    let mut r = Report::new();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "Nations Unies");
    p.text(460.0, 800.0, 16.0, Font::Bold, "A/65/156");
    p.text(LEFT + 90.0, 770.0, 16.0, Font::Bold, "Assemblée générale");
    p.text(400.0, 745.0, 10.0, Font::Regular, "Distr. générale");
    p.text(400.0, 733.0, 10.0, Font::Regular, "21 juillet 2010");
    p.text(400.0, 715.0, 10.0, Font::Regular, "Original : anglais");
    p.text(LEFT, 690.0, 10.0, Font::Bold, "Soixante-cinquième session");
    p.text(
        LEFT,
        678.0,
        10.0,
        Font::Regular,
        "Point 69 b) de l'ordre du jour provisoire",
    );
    p.text(
        LEFT,
        660.0,
        10.0,
        Font::Bold,
        "Promotion et protection des droits de l'homme",
    );
    p.text(
        LEFT,
        630.0,
        14.0,
        Font::Bold,
        "Droits de l'homme des migrants",
    );
    p.text(
        LEFT,
        605.0,
        10.0,
        Font::Bold,
        "Rapport du Secrétaire général",
    );
    let below = r.y() - 580.0;
    r.gap(below);
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    paragraphs(&mut r, 1, 3);
    for (label, line) in [
        (
            "a)",
            "Les États ont répondu à la note verbale du Haut-Commissariat;",
        ),
        (
            "b)",
            "Les organisations ont fait part de leurs observations.",
        ),
    ] {
        let y = r.y();
        r.page().lines.push(TextLine {
            x: INDENT,
            y,
            runs: vec![
                run(None, Font::Regular, BODY, label),
                run(Some(build::ITEM), Font::Regular, BODY, line),
            ],
        });
        r.gap(LEAD + 6.0);
    }
    bold_lines(&mut r, "II.", &["Activités du Haut-Commissariat"], 12.0);
    paragraphs(&mut r, 4, 24);
    bold_lines(&mut r, "", &["Annexe"], 12.0);
    r.raw(LEFT, Font::Regular, BODY, "Liste des États ayant répondu");
    r.finish()
}

#[test]
fn a_french_report_reads_as_an_english_one_does() {
    let doc = open(&french_report());
    assert_eq!(doc.title(), "Droits de l'homme des migrants");
    assert_eq!(
        doc.header.kind.as_deref(),
        Some("Rapport du Secrétaire général")
    );
    assert_eq!(doc.header.date.as_deref(), Some("21 juillet 2010"));
    assert_eq!(doc.header.original.as_deref(), Some("anglais"));
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    let third = &doc.paragraphs[doc.paragraph_index(3).expect("para. 3")];
    let labels: Vec<&str> = third.sub_items.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["a", "b"]);
    assert_eq!(part_title(&doc, "II"), ["Activités du Haut-Commissariat"]);
    assert!(!text(&doc, 24).contains("Annexe"));
    assert!(doc.parts.iter().any(|p| doc.plain(&p.title) == "Annexe"));
}

#[test]
fn warnings_name_pages_never_lines_of_an_internal_text() {
    for name in [
        "A-HRC-17-10.pdf",
        "A-HRC-8-29.layout.txt",
        "A-HRC-14-37.pdf",
    ] {
        let Some(doc) = corpus(name) else {
            continue;
        };
        for w in &doc.warnings {
            let w = w.to_string();
            assert!(!w.contains("line "), "{name}: {w}");
            assert!(w.contains("page"), "{name}: {w}");
        }
    }
}

#[test]
fn a_web_address_broken_across_a_notes_lines_is_joined_whole() {
    let mut r = Report::new();
    r.masthead("Human rights and climate change");
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    r.para(
        1,
        &["The Special Rapporteur reports on the energy transition.^1"],
    );
    r.foot_note(
        "1",
        &[
            "See https://www.un.org/development/desa/2030-",
            "agenda/report%20on%20",
            "minerals_WEB.pdf.",
        ],
    );
    paragraphs(&mut r, 2, 24);
    let doc = open(&r.finish());
    let note = doc.plain(&doc.footnotes[0].text);
    assert_eq!(
        note,
        "See https://www.un.org/development/desa/2030-agenda/report%20on%20minerals_WEB.pdf."
    );
}

#[test]
fn the_rule_over_a_pages_notes_is_never_part_of_a_note() {
    let Some(doc) = corpus("A-80-188.pdf") else {
        return;
    };
    for f in &doc.footnotes {
        let t = doc.plain(&f.text);
        assert!(!t.contains("___"), "note {}: {t}", f.label);
    }
    let i = doc
        .footnote_index(&report_reader::document::FootnoteLabel::Number(70))
        .expect("note 70");
    assert!(
        doc.plain(&doc.footnotes[i].text)
            .contains("Development_WEB.pdf")
    );
}

#[test]
fn headings_set_alike_stand_at_one_level_whatever_came_before() {
    let mut r = Report::new();
    r.masthead("Report of the Human Rights Council");
    bold_lines(&mut r, "I.", &["Universal periodic review"], 12.0);
    bold_lines(&mut r, "A.", &["Consideration of outcomes"], BODY);
    bold_lines(&mut r, "", &["Qatar"], BODY);
    paragraphs(&mut r, 1, 4);
    bold_lines(
        &mut r,
        "1.",
        &["Views expressed by the State under review"],
        BODY,
    );
    paragraphs(&mut r, 5, 8);
    bold_lines(
        &mut r,
        "4.",
        &["Concluding remarks of the State under review"],
        BODY,
    );
    paragraphs(&mut r, 9, 10);
    bold_lines(&mut r, "", &["Nicaragua"], BODY);
    paragraphs(&mut r, 11, 24);
    let doc = open(&r.finish());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    let level = |name: &str| {
        doc.sections
            .iter()
            .find(|s| s.title == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .level
    };
    assert_eq!(level("Nicaragua"), level("Qatar"));
    assert!(level("Nicaragua") <= level("4. Concluding remarks of the State under review"));
}

#[test]
fn reading_a_set_out_resolution_shows_no_paragraph_number_of_the_report() {
    use report_reader::app::App;
    use report_reader::keymap::Keymap;
    let mut app = App::new(open(&session_report()), Keymap::default_keymap(), (100, 12));
    // Down from the title page into resolution 14/1's own paragraphs.
    let mut screens = Vec::new();
    for _ in 0..80 {
        common::press(&mut app, "j");
        app.prepare_view();
        let screen = common::render(&app);
        let status = screen.lines().last().unwrap_or("").to_string();
        // The text pane, right of the contents.
        let pane: String = screen
            .lines()
            .map(|l| l.chars().skip(33).collect::<String>())
            .collect();
        if pane.contains("Condemns in the strongest terms") && !pane.contains("Part Two") {
            assert!(!status.contains("para."), "{status}");
            screens.push(status);
        }
    }
    assert!(!screens.is_empty(), "never saw the resolution's text alone");
    assert!(screens.iter().any(|s| s.contains("14/1")), "{screens:?}");
    common::press(&mut app, ":1<Enter>");
    app.prepare_view();
    assert_eq!(common::number(&app), Some(1));
    assert!(common::render(&app).contains(&filler_text(1)[..40]));
}

/// A typescript's notes: set in the body's size under a typed rule, and
/// numbered "1/", as their calls in the text are.
fn typescript_with_notes() -> Vec<u8> {
    let mut r = Report::new();
    r.masthead("THE SITUATION OF HUMAN RIGHTS");
    centred(&mut r, "I. INTRODUCTION");
    r.para(
        1,
        &[
            "The present report is submitted pursuant to resolution 51/196 1/ of the",
            "General Assembly, which the Assembly adopted without a vote.",
        ],
    );
    r.para(
        2,
        &[
            "The Mission continued its work with the authorities 2/ and with civil",
            "society throughout the period under review.",
        ],
    );
    let p = r.page();
    p.text(LEFT, 200.0, BODY, Font::Regular, "____________________");
    p.text(
        LEFT,
        186.0,
        BODY,
        Font::Regular,
        "1/ Official Records of the General Assembly, Fifty-first Session.",
    );
    p.text(LEFT, 174.0, BODY, Font::Regular, "2/ See A/51/935, annex.");
    r.new_page();
    paragraphs(&mut r, 3, 24);
    r.finish()
}

#[test]
fn a_typescripts_slash_notes_are_notes_cited_by_their_paragraphs() {
    let doc = open(&typescript_with_notes());
    assert_eq!(numbers(&doc), (1..=24).collect::<Vec<_>>());
    assert_eq!(
        text(&doc, 2),
        "The Mission continued its work with the authorities² and with civil society throughout the period under review."
    );
    let first = doc
        .footnote_index(&report_reader::document::FootnoteLabel::Number(1))
        .expect("note 1");
    let note = &doc.footnotes[first];
    assert_eq!(
        doc.plain(&note.text),
        "Official Records of the General Assembly, Fifty-first Session."
    );
    assert_eq!(note.cited_by, [doc.paragraph_index(1).expect("para. 1")]);
    assert!(!text(&doc, 2).contains("Official Records"));
}

#[test]
fn pages_are_the_numbers_printed_on_them_and_colon_p_goes_there() {
    use report_reader::app::App;
    use report_reader::keymap::Keymap;
    let Some(doc) = corpus("A-80-36.pdf") else {
        return;
    };
    // The report's page 12 is the file's 14th: a cover and a title page
    // come first.
    let i = doc
        .paragraph_on_printed_page(12)
        .expect("a paragraph on p. 12");
    let para = &doc.paragraphs[i];
    assert_eq!(para.page, 14);
    assert_eq!(doc.printed_page(para.page), Some(12));
    let number = para.number;
    let mut app = App::new(doc, Keymap::default_keymap(), (120, 40));
    common::press(&mut app, ":p12<Enter>");
    app.prepare_view();
    assert_eq!(common::number(&app), Some(number));
    let screen = common::render(&app);
    assert!(
        screen.lines().last().unwrap_or("").contains("p. 12"),
        "{screen}"
    );
}

#[test]
fn a_cover_note_set_among_the_masthead_is_a_note_cited_from_it() {
    for (name, starts) in [
        (
            "A-HRC-17-10.pdf",
            "The annex to the present report is circulated as received",
        ),
        (
            "A-HRC-WG.6-7-SVN-3.pdf",
            "The present document was not edited",
        ),
    ] {
        let Some(doc) = corpus(name) else {
            continue;
        };
        let star = doc
            .footnote_index(&report_reader::document::FootnoteLabel::Symbol('*'))
            .unwrap_or_else(|| panic!("{name}: no * note"));
        assert!(
            doc.plain(&doc.footnotes[star].text).starts_with(starts),
            "{name}"
        );
        assert!(
            doc.warnings
                .iter()
                .all(|w| !w.to_string().contains("never")),
            "{name}: {:?}",
            doc.warnings
        );
    }
}

#[test]
fn a_part_heading_over_two_lines_of_pdftotext_text_is_whole() {
    for name in ["E-2025-60.layout.txt", "E-2025-60.txt"] {
        let Some(doc) = corpus(name) else {
            continue;
        };
        let titles = part_title(&doc, "II");
        assert!(
            titles.iter().any(|t| t
                == "Strengthening the promotion and protection of economic, social and cultural rights"),
            "{name}: {titles:?}"
        );
        assert!(
            !text(&doc, 4).contains("Strengthening the promotion"),
            "{name}"
        );
    }
}

#[test]
fn a_bracketed_line_under_a_sections_title_in_pdftotext_text_is_part_of_it() {
    let Some(doc) = corpus("A-HRC-WG.6-48-SVN-1.layout.txt") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles
            .contains(&"A. International obligations (Recommendations 1, 5, 7–9, 11–12, 158–160)"),
        "{titles:?}"
    );
}

#[test]
fn a_section_letter_set_alone_on_its_line_in_plain_text_heads_the_title_below_it() {
    let Some(doc) = corpus("A-HRC-WG.6-34-ITA-3.txt") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles.iter().any(|t| t.starts_with(
            "A. Scope of international obligations and cooperation with international"
        )),
        "{titles:?}"
    );
    // The next letter no longer trails the paragraph before it.
    assert!(
        !text(&doc, 4).trim_end().ends_with("B."),
        "{}",
        text(&doc, 4)
    );
}

#[test]
fn a_centred_title_in_pdftotext_layout_text_is_a_heading() {
    let Some(doc) = corpus("A-HRC-WG.6-7-SVN-3.layout.txt") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles.contains(&"Implementation of international human rights obligations"),
        "{titles:?}"
    );
}

#[test]
fn names_and_table_cells_a_pdf_sets_as_text_never_become_headings() {
    let Some(doc) = corpus("A-HRC-14-37.pdf") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    for name in ["Holy See", "Palestine", "Christof Heyns (South Africa)"] {
        assert!(!titles.contains(&name), "{name} in {titles:?}");
    }
    let Some(doc) = corpus("A-HRC-WG.6-20-SVN-2.pdf") else {
        return;
    };
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        !titles.iter().any(|t| t.contains("CPED (signature, 2007)")),
        "{titles:?}"
    );
    // The section its paragraphs are filed under is the one the page prints.
    let a = doc
        .sections
        .iter()
        .find(|s| s.title == "A. Scope of international obligations")
        .expect("section A");
    assert!(!a.paragraphs.is_empty());
}

#[test]
fn notes_cited_from_a_tables_cells_and_from_headings_are_linked_and_f_opens_them() {
    let Some(doc) = corpus("A-HRC-WG.6-20-SVN-2.pdf") else {
        return;
    };
    let label = |f: usize| doc.footnotes[f].label.to_string();
    // "urgent action³" in a cell of the treaties table.
    let cells: Vec<String> = doc
        .tables
        .iter()
        .flat_map(|t| t.footnotes.iter().map(|&f| label(f)))
        .collect();
    assert!(cells.contains(&"3".to_string()), "{cells:?}");
    // "A. Scope of international obligations¹".
    let a = doc
        .sections
        .iter()
        .find(|s| s.title == "A. Scope of international obligations")
        .expect("section A");
    assert_eq!(
        a.footnotes.iter().map(|&f| label(f)).collect::<Vec<_>>(),
        ["1"]
    );
    for n in [1, 3] {
        assert!(
            !doc.warnings
                .iter()
                .any(|w| w.message == format!("footnote {n} is given but never cited")),
            "{:?}",
            doc.warnings
        );
    }
    // The popup says where they are cited.
    let note = |n: u32| {
        doc.footnotes
            .iter()
            .position(|f| f.label == report_reader::document::FootnoteLabel::Number(n))
            .unwrap()
    };
    assert_eq!(
        doc.cited_elsewhere(note(3)).as_deref(),
        Some("a table on page 2")
    );
    assert_eq!(
        doc.cited_elsewhere(note(1)).as_deref(),
        Some("the heading “A. Scope of international obligations”")
    );
    // Above paragraph 1, `f` opens the notes its heading and table cite.
    let mut app = report_reader::app::App::new(
        doc,
        report_reader::keymap::Keymap::default_keymap(),
        (120, 40),
    );
    common::press(&mut app, "f");
    let report_reader::app::Overlay::Footnotes(popup) = &app.overlay else {
        panic!("no footnotes popup: {:?}", app.overlay);
    };
    let labels: Vec<String> = popup
        .list
        .iter()
        .map(|&f| app.doc.footnotes[f].label.to_string())
        .collect();
    for n in ["1", "3"] {
        assert!(labels.contains(&n.to_string()), "{labels:?}");
    }
}

#[test]
fn a_session_reports_plain_text_keeps_its_resolutions_apart_from_its_paragraphs() {
    // Plain pdftotext text: the contents' dot leaders make long lines, the
    // resolutions' numbers stand alone over their titles, and "Part One"
    // has no space above it.
    let Some(doc) = corpus("A-HRC-14-37.txt") else {
        return;
    };
    assert!(doc.paragraphs.len() > 700, "{}", doc.paragraphs.len());
    // The rapporteur's line under the kind line is not part of the title.
    assert_eq!(
        doc.title(),
        "Report of the Human Rights Council on its fourteenth session"
    );
    assert!(
        text(&doc, 1).starts_with("The Human Rights Council held its fourteenth session"),
        "{}",
        text(&doc, 1)
    );
    assert!(text(&doc, 6).starts_with("The session was attended"));
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("14/1 The grave attacks by Israeli forces")),
        "{titles:?}"
    );
    // Part One, above part I, is a division of the body, not masthead text.
    assert!(
        doc.parts[0]
            .numeral
            .is_empty()
            .then(|| doc.plain(&doc.parts[0].title))
            .is_some_and(|t| t.starts_with("Part One Resolutions and decisions")),
        "{:?}",
        doc.plain(&doc.parts[0].title)
    );
    // The names after a vote list's "Against:" are no heading.
    assert!(
        !titles.contains(&"Italy, Netherlands, United States of America"),
        "{titles:?}"
    );
    // "26. Annex I contains the list of attendance." is a paragraph of its own.
    assert!(
        text(&doc, 26).starts_with("Annex I contains"),
        "{}",
        text(&doc, 26)
    );
}

#[test]
fn a_parts_numeral_alone_on_its_line_in_plain_text_heads_the_title_below_it() {
    // A 1997 typescript's plain text: "II." and "POLITICAL CONTEXT" on lines
    // of their own, a blank line between.
    let Some(doc) = corpus("A-52-687.txt") else {
        return;
    };
    assert_eq!(part_title(&doc, "II"), ["POLITICAL CONTEXT"]);
    assert_eq!(part_title(&doc, "VI"), ["CONCLUSIONS AND RECOMMENDATIONS"]);
    let ii = doc.parts.iter().find(|p| p.numeral == "II").unwrap();
    assert_eq!(doc.paragraphs[ii.paragraphs.start].number, 2);
}

#[test]
fn the_json_model_gives_every_note_and_table_its_pdf_and_printed_page() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/A-HRC-WG.6-20-SVN-2.pdf");
    if !path.exists() {
        common::skipped(&format!("{} is not here", path.display()));
        return;
    }
    let (code, out, err) = common::run_cli(&["--print", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let table = &v["tables"][2];
    assert_eq!(table["page"], 2);
    assert_eq!(table["printed_page"], 2);
    assert_eq!(table["footnotes"], serde_json::json!(["3"]));
    let note = v["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["marker"] == "3")
        .unwrap();
    assert!(note["page"].as_u64().is_some_and(|p| p > 2), "{note}");
    assert!(note["printed_page"].as_u64().is_some(), "{note}");
}

/// The lines of paragraph `n` as the text pane sets them at `width`.
fn shown_lines(doc: &Document, n: u32, width: usize) -> Vec<String> {
    let i = doc.paragraph_index(n).expect("paragraph");
    let block = report_reader::layout::inline_block(doc, "", &doc.paragraphs[i].text);
    report_reader::layout::wrap(block.text(), width)
        .into_iter()
        .map(|r| block.text()[r.start as usize..r.end as usize].to_string())
        .collect()
}

#[test]
fn a_vote_list_inside_a_paragraph_keeps_its_lines() {
    let mut r = Report::new();
    r.masthead("Report of the Human Rights Council");
    bold_lines(&mut r, "I.", &["Action on draft resolutions"], 12.0);
    paragraphs(&mut r, 1, 2);
    r.para(
        3,
        &[
            "The draft resolution was adopted by 3 votes to 1, with 1 abstention.",
            "The voting was as follows:",
        ],
    );
    r.raw(INDENT, Font::Regular, BODY, "In favour:");
    r.raw(
        INDENT + 24.0,
        Font::Regular,
        BODY,
        "Angola, Argentina, Bahrain,",
    );
    r.raw(INDENT + 24.0, Font::Regular, BODY, "Chile");
    r.raw(INDENT, Font::Regular, BODY, "Against:");
    r.raw(INDENT + 24.0, Font::Regular, BODY, "Italy");
    r.raw(INDENT, Font::Regular, BODY, "Abstaining:");
    r.raw(INDENT + 24.0, Font::Regular, BODY, "Belgium");
    r.gap(6.0);
    paragraphs(&mut r, 4, 12);
    let doc = open(&r.finish());
    assert_eq!(numbers(&doc), (1..=12).collect::<Vec<_>>());
    // Cited and quoted as one paragraph, its words apart by spaces...
    assert_eq!(
        text(&doc, 3),
        "The draft resolution was adopted by 3 votes to 1, with 1 abstention. The voting \
         was as follows: In favour: Angola, Argentina, Bahrain, Chile Against: Italy \
         Abstaining: Belgium"
    );
    // ...and shown with the page's lines.
    assert_eq!(
        shown_lines(&doc, 3, 100),
        [
            "The draft resolution was adopted by 3 votes to 1, with 1 abstention. The voting was as follows:",
            "In favour:",
            "Angola, Argentina, Bahrain, Chile",
            "Against:",
            "Italy",
            "Abstaining:",
            "Belgium",
        ]
    );
}

#[test]
fn a_real_vote_list_keeps_its_lines() {
    let Some(doc) = corpus("A-HRC-14-37.pdf") else {
        return;
    };
    let lines = shown_lines(&doc, 50, 200);
    for label in ["In favour:", "Against:", "Abstaining:"] {
        assert!(lines.iter().any(|l| l == label), "{lines:#?}");
    }
    assert!(text(&doc, 50).contains("Uruguay Against: Italy, Netherlands"));
}

/// A first page as the Security Council or an executive board sets it:
/// no session line between the organ and the title, or the session's
/// dates and place on a line of their own above it.
fn titled_masthead(lines: &[(&str, f32, Font)]) -> Vec<u8> {
    let mut r = Report::new();
    r.symbol = "S/2025/154".into();
    let p = r.page();
    p.text(LEFT, 800.0, 10.0, Font::Regular, "United Nations");
    p.text(460.0, 800.0, 14.0, Font::Regular, "S/2025/154");
    p.text(LEFT, 775.0, 20.0, Font::Regular, "Security Council");
    p.text(400.0, 775.0, 10.0, Font::Regular, "Distr.: General");
    p.text(400.0, 763.0, 10.0, Font::Regular, "12 March 2025");
    let mut y = 700.0;
    for &(text, size, font) in lines {
        p.text(LEFT, y, size, font, text);
        y -= size + 4.0;
    }
    r.gap(745.0 - y + 20.0);
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    paragraphs(&mut r, 1, 12);
    r.finish()
}

#[test]
fn a_title_right_above_the_kind_line_is_the_reports_where_no_session_line_stands() {
    let doc = open(&titled_masthead(&[
        (
            "United Nations Disengagement Observer Force",
            14.0,
            Font::Bold,
        ),
        ("Report of the Secretary-General", 10.0, Font::Regular),
    ]));
    assert_eq!(doc.title(), "United Nations Disengagement Observer Force");
    assert_eq!(
        doc.header.kind.as_deref(),
        Some("Report of the Secretary-General")
    );
}

#[test]
fn a_sessions_dates_and_place_are_no_title() {
    for dates in [
        "2 to 5 June 2025, New York",
        "(7–11 April 2025)",
        "New York, 20–24 and 29–31 January and 11 February 2025",
    ] {
        let doc = open(&titled_masthead(&[
            ("Annual session 2025", 10.0, Font::Bold),
            (dates, 10.0, Font::Bold),
            ("Activities of the Ethics Office in 2024", 14.0, Font::Bold),
        ]));
        assert_eq!(
            doc.title(),
            "Activities of the Ethics Office in 2024",
            "{dates}"
        );
    }
}

/// Where the operative paragraph `n` of `unit` starts in the source.
fn unit_paragraph_start(doc: &Document, unit: &str, n: u32) -> u32 {
    let (preamble, numbers) = doc
        .parts
        .iter()
        .filter(|p| p.unit.as_deref() == Some(unit))
        .map(|p| (&p.preamble, &p.numbers))
        .chain(
            doc.sections
                .iter()
                .filter(|s| s.unit.as_deref() == Some(unit))
                .map(|s| (&s.preamble, &s.numbers)),
        )
        .next()
        .unwrap_or_else(|| panic!("no {unit}"));
    let k = numbers
        .iter()
        .position(|&m| m == Some(n))
        .unwrap_or_else(|| panic!("{unit} has no paragraph {n}: {numbers:?}"));
    preamble[k]
        .iter()
        .find_map(|i| match i {
            report_reader::document::Inline::Text { range, .. } => Some(range.start),
            _ => None,
        })
        .expect("text")
}

#[test]
fn a_resolution_set_out_in_a_report_is_cited_by_its_own_numbers() {
    let doc = open(&session_report());
    let at = unit_paragraph_start(&doc, "resolution 14/2", 2);
    assert_eq!(doc.unit_paragraph_at(at), Some(("resolution 14/2", 2)));
    assert_eq!(
        report_reader::notes::citation::full_unit_citation(&doc, "resolution 14/2", 2),
        "A/HRC/59/15, resolution 14/2, para. 2"
    );
    // The report's own paragraphs are no resolution's.
    let own = doc.paragraphs[5].text.iter().find_map(|i| match i {
        report_reader::document::Inline::Text { range, .. } => Some(range.start),
        _ => None,
    });
    assert_eq!(doc.unit_paragraph_at(own.expect("text")), None);
}

#[test]
fn a_real_session_report_cites_resolution_14_1_para_6() {
    let Some(doc) = corpus("A-HRC-14-37.pdf") else {
        return;
    };
    let at = unit_paragraph_start(&doc, "resolution 14/1", 6);
    assert_eq!(doc.unit_paragraph_at(at), Some(("resolution 14/1", 6)));
    let at = unit_paragraph_start(&doc, "decision 14/119", 2);
    assert_eq!(doc.unit_paragraph_at(at), Some(("decision 14/119", 2)));
}

#[test]
fn y_in_a_resolution_set_out_in_a_report_copies_its_own_paragraph() {
    use report_reader::app::{App, Effect};
    use report_reader::keymap::Keymap;
    let mut a = App::new(open(&session_report()), Keymap::default_keymap(), (100, 30));
    let mut copied = Vec::new();
    for _ in 0..60 {
        for e in common::press(&mut a, "y") {
            if let Effect::Copy(text) = e {
                copied.push(text);
            }
        }
        common::press(&mut a, "j");
    }
    assert!(
        copied
            .iter()
            .any(|c| c == "A/HRC/59/15, resolution 14/1, para. 2"),
        "{copied:?}"
    );
    assert!(
        copied
            .iter()
            .any(|c| c == "A/HRC/59/15, resolution 14/2, para. 3"),
        "{copied:?}"
    );
}

#[test]
fn a_real_joint_document_gives_both_symbols() {
    let Some(doc) = corpus("A-79-797.pdf") else {
        return;
    };
    assert_eq!(doc.header.symbol.as_deref(), Some("A/79/797-S/2025/109"));
}

#[test]
fn where_a_report_is_printed_is_no_title_and_a_kind_line_broken_mid_phrase_is_whole() {
    let doc = open(&titled_masthead(&[
        ("English only", 10.0, Font::Regular),
        ("Official Records", 10.0, Font::Bold),
        ("Eightieth Session", 10.0, Font::Bold),
        ("Supplement No. 21", 10.0, Font::Bold),
        ("Report of the Committee on Information", 14.0, Font::Bold),
    ]));
    assert_eq!(doc.title(), "Report of the Committee on Information");
    let session = doc.header.session.clone().unwrap_or_default();
    assert!(session.contains("Supplement No. 21"), "{session}");
    let doc = open(&titled_masthead(&[
        ("Seventy-ninth session", 10.0, Font::Regular),
        (
            "Report of the United Nations Group of Experts on",
            14.0,
            Font::Bold,
        ),
        ("Geographical Names on its 2025 session", 14.0, Font::Bold),
    ]));
    assert_eq!(
        doc.title(),
        "Report of the United Nations Group of Experts on Geographical Names on its 2025 session"
    );
}

#[test]
fn a_title_line_ending_in_a_second_notes_call_is_still_the_title() {
    let mut r = Report::new();
    r.masthead("Promotion of durable peace through sustainable");
    // The title's second line, bold, ends in the call of the cover's "**" note.
    r.page().lines.push(TextLine {
        x: LEFT,
        y: 625.0,
        runs: build::runs(None, Font::Bold, 14.0, "development in Africa^**"),
    });
    bold_lines(&mut r, "I.", &["Introduction"], 12.0);
    paragraphs(&mut r, 1, 12);
    let doc = open(&r.finish());
    assert_eq!(
        doc.title(),
        "Promotion of durable peace through sustainable development in Africa"
    );
}
