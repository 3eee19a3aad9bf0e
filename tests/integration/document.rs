//! The embedded report as data, and small reports for what it lacks.

use report_reader::document::{
    Document, EMBEDDED_REPORT, FootnoteLabel, Inline, from_bytes, parse,
};
use sha2::{Digest, Sha256};

fn doc() -> Document {
    Document::embedded()
}

fn para(doc: &Document, n: u32) -> String {
    doc.paragraph_plain(doc.paragraph_index(n).expect("paragraph exists"))
}

#[test]
fn embedded_text_is_the_shared_report_byte_for_byte() {
    let hex: String = Sha256::digest(EMBEDDED_REPORT.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hex,
        "92726c37754a9b696dbb637601277843f225d3af2ac12d8694630c6ec74b8387"
    );
}

#[test]
fn header_block_is_metadata() {
    let d = doc();
    let h = &d.header;
    assert_eq!(h.organ.as_deref(), Some("General Assembly"));
    assert_eq!(h.distribution.as_deref(), Some("General"));
    assert_eq!(h.date.as_deref(), Some("21 July 2010"));
    assert_eq!(h.original.as_deref(), Some("English"));
    assert_eq!(h.session.as_deref(), Some("Sixty-fifth session"));
    assert_eq!(
        d.plain(&h.agenda_item),
        "Item 69 (b) of the provisional agenda*"
    );
    assert_eq!(h.agenda_titles.len(), 1);
    assert!(
        d.plain(&h.agenda_titles[0])
            .starts_with("Promotion and protection of human rights: human rights questions")
    );
    assert_eq!(
        d.title(),
        "Promotion and protection of human rights, including ways and means to promote the human rights of migrants"
    );
    assert_eq!(h.kind.as_deref(), Some("Report of the Secretary-General"));
    assert_eq!(h.summary.len(), 1);
    assert!(
        d.plain(&h.summary[0])
            .starts_with("The present report, submitted in accordance")
    );
    let star = d
        .footnote_index(&FootnoteLabel::Symbol('*'))
        .expect("the * footnote");
    assert!(d.footnotes[star].cited_in_header);
    assert_eq!(d.plain(&d.footnotes[star].text), "A/65/150.");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn contents_table_is_metadata_not_body() {
    let d = doc();
    assert_eq!(d.contents.len(), 22);
    assert_eq!(d.contents[0].title, "I. Introduction");
    assert!(
        d.contents
            .iter()
            .all(|e| !e.title.ends_with('.') && !e.title.contains("<i>"))
    );
    let pages: Vec<Option<u32>> = d.parts.iter().map(|p| p.printed_page).collect();
    let want = [3, 3, 6, 9, 10, 11, 11, 13, 16];
    assert_eq!(pages, want.iter().map(|&p| Some(p)).collect::<Vec<_>>());
    // "Contents" and "Page" never reach a paragraph.
    assert!(
        d.paragraphs
            .iter()
            .all(|p| !d.plain(&p.text).contains("Page"))
    );
}

#[test]
fn nine_parts_with_their_titles() {
    let d = doc();
    let got: Vec<(String, String)> = d
        .parts
        .iter()
        .map(|p| (p.numeral.clone(), d.plain(&p.title)))
        .collect();
    let want = [
        ("I", "Introduction"),
        (
            "II",
            "Information from Governments with regard to the implementation of General Assembly resolution 63/184",
        ),
        (
            "III",
            "Information from Governments with regard to the implementation of General Assembly resolution 64/166",
        ),
        (
            "IV",
            "Activities of the Special Rapporteur on the human rights of migrants",
        ),
        (
            "V",
            "Status of the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        ),
        (
            "VI",
            "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        ),
        (
            "VII",
            "Universal periodic review of the Human Rights Council",
        ),
        (
            "VIII",
            "Activities of the Office of the United Nations High Commissioner for Human Rights",
        ),
        ("IX", "Conclusions and recommendations"),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect::<Vec<_>>()
    );
    let spans: Vec<_> = d
        .parts
        .iter()
        .map(|p| d.number_span(&p.paragraphs))
        .collect();
    assert_eq!(
        spans,
        [
            (1, 2),
            (3, 19),
            (20, 44),
            (45, 48),
            (49, 49),
            (50, 54),
            (55, 55),
            (56, 66),
            (67, 67)
        ]
        .map(Some)
        .to_vec()
    );
}

#[test]
fn thirteen_country_subsections_with_their_paragraphs() {
    let d = doc();
    let got: Vec<(String, String, (u32, u32))> = d
        .sections
        .iter()
        .map(|s| {
            (
                d.parts[s.part].numeral.clone(),
                s.title.clone(),
                d.number_span(&s.paragraphs).expect("has paragraphs"),
            )
        })
        .collect();
    let want = [
        ("II", "Egypt", (4, 6)),
        ("II", "Guatemala", (7, 10)),
        ("II", "Qatar", (11, 12)),
        ("II", "Serbia", (13, 16)),
        ("II", "Spain", (17, 19)),
        ("III", "Belarus", (21, 23)),
        ("III", "Greece", (24, 25)),
        ("III", "Japan", (26, 29)),
        ("III", "Lithuania", (30, 34)),
        ("III", "Mexico", (35, 37)),
        ("III", "Spain", (38, 39)),
        ("III", "Switzerland", (40, 43)),
        ("III", "Turkey", (44, 44)),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(p, t, r)| (p.to_string(), t.to_string(), *r))
            .collect::<Vec<_>>()
    );
    // The opening paragraph of a part belongs to no subsection.
    assert_eq!(d.paragraphs[d.paragraph_index(3).unwrap()].section, None);
    assert_eq!(d.paragraphs[d.paragraph_index(20).unwrap()].section, None);
}

#[test]
fn paragraphs_one_to_sixty_seven_once_each_in_order() {
    let d = doc();
    let numbers: Vec<u32> = d.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=67).collect::<Vec<_>>());
}

#[test]
fn footnotes_link_both_ways() {
    let d = doc();
    assert_eq!(d.footnotes.len(), 18);
    let cited: Vec<(String, Vec<u32>)> = d
        .footnotes
        .iter()
        .map(|f| {
            (
                f.label.to_string(),
                f.cited_by.iter().map(|&i| d.paragraphs[i].number).collect(),
            )
        })
        .collect();
    let mut want: Vec<(String, Vec<u32>)> = vec![
        ("*".into(), vec![]),
        ("1".into(), vec![2]),
        ("2".into(), vec![51]),
    ];
    for n in 3..=14 {
        want.push((n.to_string(), vec![55]));
    }
    want.extend([
        ("15".into(), vec![59]),
        ("16".into(), vec![63]),
        ("17".into(), vec![65]),
    ]);
    assert_eq!(cited, want);
    let p55 = &d.paragraphs[d.paragraph_index(55).unwrap()];
    let labels: Vec<String> = p55
        .footnotes
        .iter()
        .map(|&f| d.footnotes[f].label.to_string())
        .collect();
    assert_eq!(labels, (3..=14).map(|n| n.to_string()).collect::<Vec<_>>());
    let f16 = d.footnote_index(&FootnoteLabel::Number(16)).unwrap();
    assert!(d.footnotes[f16].text.iter().any(|i| matches!(i, Inline::Link { range } if d.slice(range) == "http://www.globalmigrationgroup.org/gmg_symposium.htm")));
    let f3 = d.footnote_index(&FootnoteLabel::Number(3)).unwrap();
    assert!(d.footnotes[f3].text.iter().any(|i| matches!(i, Inline::Link { range } if d.slice(range) == "http://www.ohchr.org/EN/HRBodies/UPR")));
}

#[test]
fn eight_page_breaks_are_rejoined_with_one_space() {
    let d = doc();
    let joins = [
        (5, "project, in cooperation with the Government of Italy"),
        (12, "set out safeguards in respect of arrest"),
        (38, "four main strands of action: prevention"),
        (55, "in 2008, 2009 and 2010, recommendations were directed"),
        (
            61,
            "\"Protecting the rights of the child in the context of migration”;",
        ),
        (65, "addressed increasing concerns related to the recourse"),
        (66, "UNHCR, IOM and ECOWAS in November 2008."),
        (67, "recognizing the competence of the Committee"),
    ];
    for (n, text) in joins {
        assert!(para(&d, n).contains(text), "para. {n} lacks {text:?}");
    }
    let rejoined: Vec<u32> = d
        .paragraphs
        .iter()
        .filter(|p| p.rejoined > 0)
        .map(|p| p.number)
        .collect();
    assert_eq!(rejoined, vec![5, 12, 38, 55, 61, 65, 66, 67]);
    // Nothing was dropped: paragraph 55 ends where the source does.
    assert!(
        para(&d, 55).ends_with("the strengthening and promotion of the integration of migrants.¹⁴")
    );
}

#[test]
fn sub_items_belong_to_their_paragraph() {
    let d = doc();
    let labels = |n: u32| -> Vec<String> {
        d.paragraphs[d.paragraph_index(n).unwrap()]
            .sub_items
            .iter()
            .map(|s| s.label.clone())
            .collect()
    };
    assert_eq!(labels(66), ["a", "b", "c", "d"]);
    assert_eq!(
        labels(67),
        ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    );
    assert_eq!(labels(65), Vec::<String>::new());
    let p67 = &d.paragraphs[d.paragraph_index(67).unwrap()];
    assert_eq!(d.plain(&p67.text), "The Secretary General:");
    let bold = p67.sub_items[0]
        .text
        .iter()
        .any(|i| matches!(i, Inline::Text { emphasis, .. } if emphasis.bold));
    assert!(bold, "67 (a) is bold");
    let p66b = &d.paragraphs[d.paragraph_index(66).unwrap()].sub_items[1];
    assert!(d.plain(&p66b.text).ends_with(
        "carried out in August 2009 by the Special Rapporteur on the human rights of migrants;"
    ));
}

#[test]
fn no_markup_reaches_the_reader() {
    let d = doc();
    let mut all = String::new();
    for i in 0..d.paragraphs.len() {
        all.push_str(&d.paragraph_plain(i));
    }
    for f in &d.footnotes {
        all.push_str(&d.plain(&f.text));
    }
    for bad in ["**", "*", "<i>", "</i>", "<http", "\\$", "\t"] {
        assert!(!all.contains(bad), "found {bad:?}");
    }
    assert!(para(&d, 30).contains("(Official Gazette, 2004"));
    assert!(para(&d, 4).contains("approximately $6.35 billion"));
    assert!(para(&d, 44).contains("“road map on asylum and migration”"));
}

const SMALL: &str = "I. Introduction

1. A part with no subsections.

II. Replies

2. Replies came from two States.

Côte d'Ivoire

3. The Government reported a new law, in¹

¹ A footnote in the middle of a sentence.

cooperation with others.

4. It ended a sentence here.²

² A footnote at a paragraph's end.

Mexico

5. The Government:

(a) Did one thing across a page

break inside a sub-item;

(b) Did another.
";

#[test]
fn small_report_shapes() {
    for text in [
        SMALL.to_string(),
        SMALL.replace('\n', "\r\n"),
        SMALL.trim_end().to_string(),
    ] {
        let d = parse(&text);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(d.parts.len(), 2);
        assert!(d.parts[0].sections.is_empty());
        let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Côte d'Ivoire", "Mexico"]);
        assert_eq!(d.number_span(&d.sections[0].paragraphs), Some((3, 4)));
        assert_eq!(
            para(&d, 3),
            "The Government reported a new law, in¹ cooperation with others."
        );
        assert_eq!(para(&d, 4), "It ended a sentence here.²");
        let p5 = &d.paragraphs[4];
        assert_eq!(p5.sub_items.len(), 2);
        assert_eq!(
            d.plain(&p5.sub_items[0].text),
            "Did one thing across a page break inside a sub-item;"
        );
        assert_eq!(d.plain(&p5.sub_items[1].text), "Did another.");
        assert_eq!(d.footnotes.len(), 2);
        assert_eq!(d.footnotes[1].cited_by, vec![3]);
        assert!(!d.source.is_empty());
    }
}

#[test]
fn faults_become_warnings_not_losses() {
    let text = "I. One\n\n1. First.³\n\n1. Again.\n\n3. Skipped two.\n\n⁹ Never cited.\n";
    let d = parse(text);
    let numbers: Vec<u32> = d.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 1, 3]);
    let messages: Vec<String> = d.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("paragraph 1 follows paragraph 1")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("paragraph 2 is missing")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("footnote 3 is cited in paragraph 1 but never given")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("footnote 9 is given but never cited")),
        "{messages:?}"
    );
    // A text without pages names no place: its lines are no reader's.
    assert!(messages.iter().all(|m| !m.starts_with("line ")));
}

#[test]
fn report_without_parts_still_reads() {
    let d = parse("1. Only paragraphs.\n\n2. No parts at all.\n");
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(d.parts.len(), 1);
    assert!(d.parts[0].numeral.is_empty());
}

/// The generator the benches use (`tests/common/sample.rs`) makes a report
/// read whole: every paragraph, every footnote, no warning.
#[test]
fn generated_report_parses_whole() {
    let text = crate::common::sample::generate(1000);
    let doc = parse(&text);
    assert_eq!(doc.paragraphs.len(), 1000);
    assert!(
        doc.paragraphs
            .iter()
            .enumerate()
            .all(|(i, p)| p.number == i as u32 + 1)
    );
    assert_eq!(doc.footnotes.len(), 41);
    assert_eq!(
        doc.paragraphs.iter().filter(|p| p.rejoined == 1).count(),
        40
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert!(doc.sections.len() > 10);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let bytes = b"I. One\n\n1. Caf\xe9 au lait.\n".to_vec();
    let d = from_bytes(&bytes, std::path::Path::new("x.txt")).expect("readable");
    assert_eq!(para(&d, 1), "Caf\u{fffd} au lait.");
    assert!(d.warnings[0].message.contains("invalid UTF-8"));
}

#[test]
fn unusable_input_names_the_problem() {
    let path = std::path::Path::new("r.txt");
    let err = |b: &[u8]| {
        from_bytes(b, path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert_eq!(err(b""), "r.txt: the file is empty");
    assert_eq!(err(b"\n \n"), "r.txt: the file is empty");
    assert_eq!(
        err(b"\x7fELF\x02\x01\x01\0\0\0"),
        "r.txt: a binary file, not a report's text"
    );
    assert!(err(b"just some words\n").contains("no report structure"));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[IVX]{1,4}\\. [A-Za-z ]{0,20}",
            "[0-9]{1,3}\\. [a-z *<>¹²³⁴(]{0,30}[.:;]?",
            "\\([a-j]\\) [a-z *]{0,20}",
            "[¹²³⁴⁵]{1,2} [a-z <>http:/]{0,20}",
            "[A-Z][a-zô' ]{0,15}",
            "\\*{1,3}[a-z]{0,5}\\*{0,3}",
            "<(i|/i|http://x)>?",
            "Contents|Summary|\t<i>Page</i>|[A-Z][a-z]+\t[0-9]",
            "",
            "\r",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = from_bytes(&bytes, std::path::Path::new("fuzz"));
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn report_shaped_text_never_panics_or_loses_paragraphs(lines in proptest::collection::vec(line(), 0..80)) {
            let text = lines.join("\n\n");
            let d = parse(&text);
            // Every inline range lies inside the source, on character boundaries.
            for p in &d.paragraphs {
                for i in p.text.iter().chain(p.sub_items.iter().flat_map(|s| s.text.iter())) {
                    if let Inline::Text { range, .. } | Inline::Link { range } = i {
                        prop_assert!(d.source.get(range.start as usize..range.end as usize).is_some());
                    }
                }
            }
            prop_assert!(d.paragraphs.len() <= lines.len());
            let _ = report_reader::cli::print_text(&d);
            let _ = report_reader::cli::toc_json(&d);
        }
    }
}

#[test]
fn a_paragraph_number_run_into_the_paragraph_before_is_named_as_such() {
    let d = parse(
        "I. One\n\n1. The first paragraph ends here. 2. The second was never set apart.\n\n\
         3. The third.\n\n4. The fourth.\n\n6. The sixth.\n",
    );
    let messages: Vec<String> = d.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        messages,
        [
            "paragraph 2 is not set apart: its number stands inside paragraph 1",
            "paragraph 5 is missing"
        ]
    );
    // Never shown as a paragraph the document does not set apart.
    assert_eq!(
        d.paragraphs.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 3, 4, 6]
    );
}
