//! Reports as `pdftotext` gives them: pages, running headers, hard wraps,
//! plain-digit footnote markers. Each is read into the same model as the
//! embedded layout.

use report_reader::document::{Document, EMBEDDED_REPORT, FootnoteLabel, from_bytes, parse};

use crate::common::sample::{self, PageStyle};

/// The outline: parts and sections with titles, pages and paragraph spans.
fn outline(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for p in &d.parts {
        out.push(format!(
            "{}. {} p{:?} {:?}",
            p.numeral,
            d.plain(&p.title),
            p.printed_page,
            d.number_span(&p.paragraphs)
        ));
        for s in &d.sections[p.sections.clone()] {
            out.push(format!(
                "    {} p{:?} {:?}",
                s.title,
                s.printed_page,
                d.number_span(&s.paragraphs)
            ));
        }
    }
    out
}

fn footnotes(d: &Document) -> Vec<(String, String, Vec<u32>, bool)> {
    d.footnotes
        .iter()
        .map(|f| {
            (
                f.label.to_string(),
                d.plain(&f.text),
                f.cited_by.iter().map(|&i| d.paragraphs[i].number).collect(),
                f.cited_in_header,
            )
        })
        .collect()
}

fn styles() -> Vec<PageStyle> {
    let mut with_rule = PageStyle::new(80);
    with_rule.rule = true;
    vec![PageStyle::new(72), with_rule]
}

#[test]
fn embedded_report_off_a_pdf_reads_the_same() {
    let want = Document::embedded();
    for style in styles() {
        let text = sample::paged(EMBEDDED_REPORT, &style);
        assert!(text.contains('\x0c') && text.contains("10-46014"));
        assert!(!text.contains('¹'), "markers are plain digits");
        let got = parse(&text);
        let w = style.width;
        assert_eq!(outline(&got), outline(&want), "width {w}");
        assert_eq!(got.paragraphs.len(), 67);
        for i in 0..want.paragraphs.len() {
            assert_eq!(
                got.paragraph_plain(i),
                want.paragraph_plain(i),
                "width {w}, paragraph index {i}"
            );
        }
        assert_eq!(footnotes(&got), footnotes(&want), "width {w}");
        assert_eq!(got.header.symbol.as_deref(), Some("A/65/156"));
        assert_eq!(got.title(), want.title());
        assert_eq!(got.header.date, want.header.date);
        assert_eq!(got.header.kind, want.header.kind);
        assert_eq!(
            got.header
                .summary
                .iter()
                .map(|s| got.plain(s))
                .collect::<Vec<_>>(),
            want.header
                .summary
                .iter()
                .map(|s| want.plain(s))
                .collect::<Vec<_>>()
        );
        assert!(got.warnings.is_empty(), "width {w}: {:?}", got.warnings);
        // Nothing of the page furniture reaches the text.
        let all: String = (0..got.paragraphs.len())
            .map(|i| got.paragraph_plain(i))
            .collect();
        assert!(!all.contains("10-46014") && !all.contains("A/65/156"));
    }
}

#[test]
fn embedded_layout_is_not_taken_for_pages() {
    let d = Document::embedded();
    assert_eq!(d.source.as_str(), EMBEDDED_REPORT);
    assert_eq!(d.header.symbol, None);
}

const SAMPLE: &str = "\
                                                                A/64/213
General Assembly
Distr.: General
3 August 2009

Sixty-fourth session

Promotion and protection of human rights

Report of the Special Rapporteur on the human rights of migrants

I. Introduction

1. The present report is submitted pursuant to resolution 64/166.3 It
covers migration-
related detention and, particu-
larly, the situation of children.

2. Some 128 States have ratified the instrument listed in para. 75.6
of the earlier report; particularly in 2009.

3 See A/HRC/11/7.

10-45454 (E)
\x0c2                                                               A/64/213

II. Activities

A. Discrimination

3. The Special Rapporteur addressed discrimination.4

B. Country visits in Central America and the Caribbean

4. He visited two States.

C. Communications

5. He sent communications to:

(a) Mexico; and

(b) Guatemala.

____________
4 On discrimination, see A/64/1.

                                                                 10-45454
";

#[test]
fn own_sample_subsections_hyphens_and_numbers() {
    let d = parse(SAMPLE);
    assert_eq!(d.header.symbol.as_deref(), Some("A/64/213"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let outline = outline(&d);
    assert_eq!(
        outline,
        [
            "I. Introduction pNone Some((1, 2))",
            "II. Activities pNone Some((3, 5))",
            "    A. Discrimination pNone Some((3, 3))",
            "    B. Country visits in Central America and the Caribbean pNone Some((4, 4))",
            "    C. Communications pNone Some((5, 5))",
        ]
    );
    assert_eq!(
        d.paragraph_plain(0),
        "The present report is submitted pursuant to resolution 64/166.³ It covers \
         migration-related detention and, particularly, the situation of children."
    );
    assert_eq!(
        d.paragraph_plain(1),
        "Some 128 States have ratified the instrument listed in para. 75.6 of the \
         earlier report; particularly in 2009."
    );
    assert_eq!(
        d.paragraph_plain(4),
        "He sent communications to: (a) Mexico; and (b) Guatemala."
    );
    let notes = footnotes(&d);
    assert_eq!(
        notes,
        [
            ("3".into(), "See A/HRC/11/7.".into(), vec![1], false),
            (
                "4".into(),
                "On discrimination, see A/64/1.".into(),
                vec![3],
                false
            ),
        ]
    );
    let toc = report_reader::cli::toc_json(&d);
    assert_eq!(toc["symbol"], "A/64/213");
    assert_eq!(toc["parts"][1]["sections"][0]["title"], "A. Discrimination");
}

#[test]
fn a_number_is_a_marker_only_where_its_footnote_is_on_the_page() {
    // Without footnote 3 on the page, "64/166.3" and "75.6" are plain text.
    let text = SAMPLE.replace("3 See A/HRC/11/7.\n", "");
    let d = parse(&text);
    assert!(
        d.paragraph_plain(0)
            .contains("resolution 64/166.3 It covers")
    );
    assert!(d.paragraph_plain(1).contains("para. 75.6 of"));
    assert!(d.footnote_index(&FootnoteLabel::Number(3)).is_none());
    // A page-bottom "4 On …" with no marker 4 above it on its page is no footnote.
    let moved = SAMPLE.replace("discrimination.4", "discrimination 4");
    let d = parse(&moved);
    let f4 = d.footnote_index(&FootnoteLabel::Number(4));
    assert!(f4.is_none_or(|f| d.footnotes[f].cited_by.is_empty()));
}

#[test]
fn hyphen_rule() {
    // "particu-larly" joins only because "particularly" occurs elsewhere.
    let alone = SAMPLE.replace("particularly in 2009", "above all in 2009");
    let d = parse(&alone);
    assert!(d.paragraph_plain(0).contains("and, particu-larly, the"));
    assert!(d.paragraph_plain(0).contains("migration-related"));
}

#[test]
fn uncertain_structure_is_said() {
    let mut text = String::new();
    for page in 0..3 {
        text.push_str("E/2011/99\n\n");
        for k in 0..30 {
            text.push_str(&format!(
                "Some prose line {k} on page {page} that wraps like a PDF would\n"
            ));
        }
        if page == 0 {
            text.push_str("\n1. One numbered paragraph among the prose.\n");
        }
        text.push_str("\n11-22222\n\x0c");
    }
    let d = from_bytes(text.as_bytes(), std::path::Path::new("x.txt")).expect("opens");
    assert_eq!(d.header.symbol.as_deref(), Some("E/2011/99"));
    assert!(
        d.warnings[0]
            .message
            .contains("structure shown is uncertain"),
        "{:?}",
        d.warnings
    );
}

#[test]
fn generated_report_off_a_pdf_reads_whole() {
    let text = sample::generate(2000);
    let want = parse(&text);
    let got = parse(&sample::paged(&text, &PageStyle::new(80)));
    assert_eq!(got.paragraphs.len(), 2000);
    assert_eq!(outline(&got), outline(&want));
    assert_eq!(footnotes(&got), footnotes(&want));
    for i in (0..2000).step_by(97) {
        assert_eq!(got.paragraph_plain(i), want.paragraph_plain(i));
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[IVX]{1,4}\\. [A-Za-z ]{0,20}",
            "[A-E]\\. [A-Za-z ]{0,20}",
            "[0-9]{1,3}\\. [a-z 0-9.,]{0,60}",
            "[a-z]{1,8}[.,]?[0-9]{1,2} [a-z ]{0,30}",
            "[0-9]{1,2} [A-Za-z/ ]{0,30}",
            "\\([a-j]\\) [a-z ]{0,20}[;:.]?",
            "[A-Z][a-zô' ]{0,15}",
            "[a-z]{2,8}-",
            "A/6[0-9]/[0-9]{3}|1[0-9]-[0-9]{5}( \\(E\\))?|[0-9]{1,2}|_{5,20}",
            "[A-Za-z .]{1,30} \\.{3,9} [0-9]{1,2}",
            "Contents|Summary|Page|\\* [A-Z/0-9.]{1,10}",
            "\x0c|",
            "  +[a-z ]{0,10}|\t",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn page_laid_out_text_never_panics(lines in proptest::collection::vec(line(), 0..120)) {
            let text = lines.join("\n");
            let d = parse(&text);
            for p in &d.paragraphs {
                for i in p.text.iter().chain(p.sub_items.iter().flat_map(|s| s.text.iter())) {
                    if let report_reader::document::Inline::Text { range, .. } = i {
                        prop_assert!(d.source.get(range.start as usize..range.end as usize).is_some());
                    }
                }
            }
            let _ = report_reader::cli::print_text(&d);
            let _ = report_reader::cli::toc_json(&d);
            let _ = from_bytes(text.as_bytes(), std::path::Path::new("fuzz"));
        }

        #[test]
        fn paged_sample_text_never_panics(cut in 0usize..20_000, width in 20usize..100) {
            let text = sample::paged(EMBEDDED_REPORT, &PageStyle::new(width));
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let _ = parse(&text[..end]);
            let _ = parse(&text[end..]);
        }
    }
}

/// As `pdftotext -layout` gives it: indentation, justified spacing, two
/// columns in the header, a rule above the footnotes, page numbers in the footer.
const LAYOUT: &str =
    "                                                                              A/64/213
            General Assembly                                        Distr.: General
                                                                    3 August 2009

                                                                    Original: English


Sixty-fourth session
Item 71 (b) of the provisional agenda*
Promotion and protection of human rights: human rights questions,
including alternative approaches for improving the effective enjoyment of
human rights and fundamental freedoms

            Human rights of migrants

            Note by the Secretary-General

                 Contents
                                                                            Page
          I.   Introduction . . . . . . . . . . . . . . . . . . . . . . .     2
          II.  Activities of the Special Rapporteur . . . . . . . . . . .     2
               A.   Country visits . . . . . . . . . . . . . . . . . . . .     2
               B.   Communications . . . . . . . . . . . . . . . . . . . .     3

          __________________
          * A/64/150.
09-45454 (E)    120809
*0945454*
\x0cA/64/213

     I.   Introduction
          1.     The  Special  Rapporteur  on  the  human  rights  of  migrants  submits
          the present report pursuant to General Assembly resolution 63/184.1
          2.     In the period under review, 128 States had ratified the Convention.

     II.  Activities of the Special Rapporteur
          A.    Country visits
          3.     The   Special   Rapporteur   visited   two   countries   and   met
          officials.2

          __________________
           1 See A/HRC/11/7.
           2 See A/HRC/14/30/Add.1.

2                                                                        09-45454
\x0c                                                                             A/64/213

          B.    Communications
          4.     He sent communications to:
                 (a)    Mexico;
                 (b)    Guatemala.

09-45454                                                                        3
\x0c";

#[test]
fn layout_mode_text_reads() {
    let d = parse(LAYOUT);
    assert_eq!(d.header.symbol.as_deref(), Some("A/64/213"));
    assert_eq!(d.header.date.as_deref(), Some("3 August 2009"));
    assert_eq!(
        d.header.kind.as_deref(),
        Some("Note by the Secretary-General")
    );
    assert_eq!(d.title(), "Human rights of migrants");
    assert_eq!(
        outline(&d),
        [
            "I. Introduction pSome(2) Some((1, 2))",
            "II. Activities of the Special Rapporteur pSome(2) Some((3, 4))",
            "    A. Country visits pSome(2) Some((3, 3))",
            "    B. Communications pSome(3) Some((4, 4))",
        ]
    );
    assert_eq!(
        d.paragraph_plain(0),
        "The Special Rapporteur on the human rights of migrants submits the present \
         report pursuant to General Assembly resolution 63/184.¹"
    );
    assert_eq!(
        d.paragraph_plain(1),
        "In the period under review, 128 States had ratified the Convention."
    );
    assert_eq!(
        d.paragraph_plain(3),
        "He sent communications to: (a) Mexico; (b) Guatemala."
    );
    let notes = footnotes(&d);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert_eq!(notes[0], ("*".into(), "A/64/150.".into(), vec![], true));
    assert_eq!(
        notes[2],
        ("2".into(), "See A/HRC/14/30/Add.1.".into(), vec![3], false)
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn command_line_opens_a_pdf_conversion() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("A_64_213.txt");
    std::fs::write(&path, LAYOUT).expect("written");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_report-reader"))
            .arg(&path)
            .args(args)
            .env("REPORT_READER_CONFIG_DIR", dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json: serde_json::Value = serde_json::from_str(&run(&["--toc", "--json"])).expect("json");
    assert_eq!(json["symbol"], "A/64/213");
    assert_eq!(
        json["parts"][1]["sections"][1]["title"],
        "B. Communications"
    );
    let toc = run(&["--toc"]);
    assert!(toc.contains("    A. Country visits  [para. 3]"), "{toc}");
    let print = run(&["--print"]);
    assert!(print.contains("2. In the period under review, 128 States had ratified"));
    assert!(!print.contains("09-45454"));
}

#[test]
fn without_form_feeds_pages_end_at_the_running_header() {
    // Form feeds stripped: the footer line still ends each page, so footnote
    // 3 is looked for on the first page only and footnote 4 on the second.
    let text = SAMPLE.replace('\x0c', "");
    let d = parse(&text);
    assert_eq!(d.header.symbol.as_deref(), Some("A/64/213"));
    assert_eq!(footnotes(&d), footnotes(&parse(SAMPLE)));
    assert_eq!(outline(&d), outline(&parse(SAMPLE)));
}

#[test]
fn body_without_blank_lines_reads_the_same() {
    // Some conversions put no blank line between paragraphs: blocks are then
    // found by their first line alone ("N. ", "(a) ", headings).
    let want = Document::embedded();
    let text = sample::paged(EMBEDDED_REPORT, &PageStyle::new(72));
    let body = text.rfind("I. Introduction\n").expect("body starts");
    let mut squeezed = text[..body].to_string();
    let mut rest = text[body..].to_string();
    while rest.contains("\n\n") {
        rest = rest.replace("\n\n", "\n");
    }
    squeezed.push_str(&rest);
    let got = parse(&squeezed);
    assert_eq!(outline(&got), outline(&want));
    for i in 0..want.paragraphs.len() {
        assert_eq!(got.paragraph_plain(i), want.paragraph_plain(i), "index {i}");
    }
    assert_eq!(footnotes(&got), footnotes(&want));
}

#[test]
fn many_split_words_stay_fast() {
    // 20,000 distinct line-end hyphens: the rule looks each form up once.
    let mut text = String::from("I. Part\n\n1. Start of a long paragraph\n");
    for k in 0..20_000 {
        let word: String = format!("{k:05}")
            .bytes()
            .map(|b| char::from(b'a' + (b - b'0')))
            .collect();
        text.push_str(&format!("with word {word}-\nsplit{word} and more text\n"));
    }
    text.push_str("end.\n\x0c");
    let started = std::time::Instant::now();
    let d = parse(&text);
    assert_eq!(d.paragraphs.len(), 1);
    assert!(d.paragraph_plain(0).contains("word aaaaa-splitaaaaa and"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
