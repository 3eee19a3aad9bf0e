//! Text as `pdftotext` gives it, plain or with `-layout`, read by the same
//! engine as a PDF: sizes and weights come from how the text stands.

use report_reader::document::{Document, FootnoteLabel, parse};

fn note(d: &Document, n: u32) -> Option<(String, Vec<u32>)> {
    let f = &d.footnotes[d.footnote_index(&FootnoteLabel::Number(n))?];
    let cited = f.cited_by.iter().map(|&i| d.paragraphs[i].number).collect();
    Some((d.plain(&f.text), cited))
}

/// Plain `pdftotext`: a paragraph's number alone on its line, a blank line,
/// then its text.
const PLAIN: &str = "\
A/70/100

General Assembly

Distr.: General
1 July 2015

I. Introduction
1.

The present report is submitted pursuant to resolution 69/1 and covers
the period under review.

2.

The Government reported on the measures taken in 2014.

3.

A third paragraph closes the part.

10-00001 (E)
\x0c";

#[test]
fn a_number_alone_on_its_line_starts_its_paragraph() {
    let d = parse(PLAIN);
    assert_eq!(d.paragraphs.len(), 3);
    assert_eq!(
        d.paragraph_plain(0),
        "The present report is submitted pursuant to resolution 69/1 and covers the period under review."
    );
    assert_eq!(
        d.paragraph_plain(1),
        "The Government reported on the measures taken in 2014."
    );
    assert_eq!(d.parts[0].numeral, "I");
}

/// `-layout` text: a call glued to a word where its note stands at the foot
/// of the page; the same digits on a page without that note are text.
const CALLS: &str = "                                                  A/70/100

      I.   Introduction
           1.   The report (A/70/1/Add.3) covers the rights of migrants.3 It also
           covers 128 States.
           2.   The instrument listed in para. 75.6 is in force.
           3.   A third paragraph.

           3 See A/HRC/11/7.

10-00001                                                         2
\x0c                                                  A/70/100

           4.   The earlier resolution 64/166.3 is recalled here.
           5.   The end of the part.

10-00001                                                         3
\x0c";

#[test]
fn a_glued_number_is_a_call_only_where_its_note_exists() {
    let d = parse(CALLS);
    assert_eq!(d.paragraphs.len(), 5);
    assert_eq!(note(&d, 3), Some(("See A/HRC/11/7.".to_string(), vec![1])));
    assert!(
        d.paragraph_plain(0)
            .contains("migrants.³ It also covers 128 States.")
    );
    // A symbol's "Add.3" is no call, though note 3 is on the page.
    assert!(d.paragraph_plain(0).contains("(A/70/1/Add.3) covers"));
    // Note 6 is nowhere: "75.6" stays a number.
    assert!(d.paragraph_plain(1).contains("para. 75.6 is"));
    // The second page has no note 3: "64/166.3" is text.
    assert!(d.paragraph_plain(3).contains("resolution 64/166.3 is"));
}

/// Endnotes under "Notes": a note's number may stand alone in the column
/// before its text, on the line above it.
const ENDNOTES: &str = "                                                  A/70/100

      I.   Introduction
           1.   Submissions were received from civil society.1
           2.   Further submissions came later.2
           3.   The summary follows the guidelines.3

Notes

         1   The stakeholders listed below have contributed.
         2
             See A/HRC/28/4, para. 12.
         3   JS7, p. 8.

10-00001                                                         2
\x0c";

#[test]
fn endnote_numbers_in_their_own_column_keep_their_text() {
    let d = parse(ENDNOTES);
    assert_eq!(
        note(&d, 1),
        Some((
            "The stakeholders listed below have contributed.".to_string(),
            vec![1]
        ))
    );
    assert_eq!(
        note(&d, 2),
        Some(("See A/HRC/28/4, para. 12.".to_string(), vec![2]))
    );
    assert_eq!(note(&d, 3), Some(("JS7, p. 8.".to_string(), vec![3])));
    assert!(!d.paragraph_plain(2).contains("JS7"));
}

/// A heading has no weight in text: a short line with space above it, not
/// ending a sentence, before a numbered paragraph, is one.
const HEADINGS: &str = "                                                  A/70/100

      I.   Information received from Governments
           1.   Replies were received from two Governments.

           Egypt
           2.   The Government of Egypt reported on its policies.
           3.   It added a second point.

           Guatemala
           4.   The Government of Guatemala reported that it was a
           country of origin, transit and destination.

10-00001                                                         2
\x0c";

#[test]
fn a_heading_is_recognised_without_weight() {
    let d = parse(HEADINGS);
    let part = &d.parts[0];
    assert_eq!(part.numeral, "I");
    assert_eq!(d.paragraphs.len(), 4);
    assert_eq!(
        d.plain(&part.title),
        "Information received from Governments"
    );
    let titles: Vec<&str> = d.sections[part.sections.clone()]
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, ["Egypt", "Guatemala"]);
    assert_eq!(
        d.paragraph_plain(3),
        "The Government of Guatemala reported that it was a country of origin, transit and destination."
    );
}

/// Plain `pdftotext` sets a page's note numbers in a column of their own,
/// with the page number among them, and the notes' texts after them.
const NOTE_COLUMN: &str = "\
A/70/100

I. Introduction
1.

The Committee considered the initial report of Sri Lanka (CMW/C/LKA/1).1

2.

It also considered a second report.2 Both reports were adopted.

1

2
7

See the concluding observations of the Committee.
See A/HRC/13/5, para. 79.14, and
A/HRC/13/7, para. 87.62.

10-00001
\x0c";

#[test]
fn a_column_of_note_numbers_meets_its_texts() {
    // A page as long as a real one, so that its foot is where furniture sits.
    let lines: String = (1..=40)
        .map(|k| format!("The Committee noted point {k} of the report in its session.\n"))
        .collect();
    let text = NOTE_COLUMN.replace("Both reports were adopted.\n", &lines);
    let d = parse(&text);
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(
        note(&d, 1),
        Some((
            "See the concluding observations of the Committee.".to_string(),
            vec![1]
        ))
    );
    assert_eq!(
        note(&d, 2),
        Some((
            "See A/HRC/13/5, para. 79.14, and A/HRC/13/7, para. 87.62.".to_string(),
            vec![2]
        ))
    );
    // The page number among them is no note.
    assert!(d.footnote_index(&FootnoteLabel::Number(7)).is_none());
    assert!(
        d.paragraph_plain(1)
            .starts_with("It also considered a second report.² The Committee noted point 1 ")
    );
    assert!(
        d.paragraph_plain(1)
            .ends_with("point 40 of the report in its session.")
    );
}

/// Some typesetting spaces a call inside a running sentence; below a rule,
/// the page's notes start, with each number on its own line.
const SPACED: &str = "                                                  A/70/100

      I.   Introduction
           1.   A library was created, which is available online 1 and in
           print, as the first of 12 such libraries.
           2.   The Office supported the Plan 2 as well as its review.
           __________________
                1
                    See https://example.org/library.
                2
                    Management Plan 2024-2027.

10-00001                                                         2
\x0c";

#[test]
fn a_call_set_apart_inside_a_sentence_is_the_next_call() {
    let d = parse(SPACED);
    assert_eq!(
        note(&d, 1),
        Some(("See https://example.org/library.".to_string(), vec![1]))
    );
    assert_eq!(
        note(&d, 2),
        Some(("Management Plan 2024-2027.".to_string(), vec![2]))
    );
    assert!(
        d.paragraph_plain(0)
            .contains("online¹ and in print, as the first of 12 such")
    );
}

#[test]
fn many_lone_numbers_stay_fast() {
    // A page of 20,000 numbers alone between lines: each is looked up once.
    let mut text = String::from("I. Part\n\n1. Start of a long paragraph\n");
    for k in 0..20_000 {
        text.push_str(&format!(
            "with word number {k} and more text.{}\n{}\n",
            k % 90,
            k % 97
        ));
    }
    text.push_str("end.\n\x0c");
    let started = std::time::Instant::now();
    let d = parse(&text);
    assert_eq!(d.paragraphs.len(), 1);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// Plain `pdftotext` of a contents table over two pages: each entry's
/// paragraph range and page stand on lines of their own, and the table's
/// heading comes again on the next page.
const CONTENTS: &str = "\
A/HRC/1/XYZ/1

General Assembly

Distr.: General
1 July 2015

CONTENTS
Paragraphs

Page

I.

INTRODUCTION .......................................

1 - 2

3

II. THE FRAMEWORK .....................................

3 - 4

3

3

A.

The constitution and fundamental rights ...........................

3

3

3

1.

Policy on asylum and immigration; trafficking; integration
policy ....................................................................................

A/HRC/1/XYZ/1
Page 2
\x0cA/HRC/1/XYZ/1
Page 2
CONTENTS (continued)
Paragraphs

Page

a) Evolution of the society .......................................

4

4

A/HRC/1/XYZ/1
Page 3
\x0cA/HRC/1/XYZ/1
Page 3
I. INTRODUCTION
1.
The preparation of the report was coordinated by the committee on human
rights at the ministry.
2.
Civil society was consulted on the draft of the report.
II. THE FRAMEWORK
3.
The framework is set out in the constitution.
4.
Policy on asylum and immigration was reformed in 2008.
";

#[test]
fn a_contents_table_with_its_numbers_set_apart_stays_out_of_the_body() {
    let d = parse(CONTENTS);
    let numbers: Vec<u32> = d.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(
        d.paragraph_plain(0),
        "The preparation of the report was coordinated by the committee on human rights at the ministry."
    );
    assert!(d.paragraph_plain(3).starts_with("Policy on asylum"));
    assert!(
        d.paragraphs
            .iter()
            .all(|p| !d.plain(&p.text).contains("...")),
        "no contents line in a paragraph"
    );
}

/// Plain `pdftotext` of a recommendations list and a lettered list: each
/// item's label on its own line, its text on the next.
const ITEMS: &str = "\
A/HRC/70/1

General Assembly

Distr.: General
1 July 2015

I. Conclusions and recommendations
1.
The Government reported on the follow-up.
2.
The following recommendations will be examined by the State:
2.1
Ratify the Convention on the Reduction of Statelessness (Montenegro);
2.2
Adopt a national strategy for the equality of all persons (Uruguay);
2.12
Strengthen measures to protect stateless persons (Iraq).
3.
The Secretary-General recommends that States:
(a)
Ratify the International Convention;
(b)
Protect the rights of all migrants.
";

#[test]
fn item_labels_alone_on_their_lines_start_their_items() {
    let d = parse(ITEMS);
    let numbers: Vec<u32> = d.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let items = |p: usize| -> Vec<(String, String)> {
        d.paragraphs[p]
            .sub_items
            .iter()
            .map(|s| (s.label.clone(), d.plain(&s.text)))
            .collect()
    };
    assert_eq!(
        items(1),
        [
            (
                "2.1".to_string(),
                "Ratify the Convention on the Reduction of Statelessness (Montenegro);".to_string()
            ),
            (
                "2.2".to_string(),
                "Adopt a national strategy for the equality of all persons (Uruguay);".to_string()
            ),
            (
                "2.12".to_string(),
                "Strengthen measures to protect stateless persons (Iraq).".to_string()
            ),
        ]
    );
    let labels: Vec<String> = items(2).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["a", "b"]);
}
