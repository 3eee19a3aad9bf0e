//! Generated reports in the embedded report's layout, for benchmarks and tests.

use std::fmt::Write;

const COUNTRIES: [&str; 12] = [
    "Egypt",
    "Guatemala",
    "Côte d'Ivoire",
    "Mexico",
    "Spain",
    "Japan",
    "Niger",
    "Nigeria",
    "Papua New Guinea",
    "Guinea",
    "Switzerland",
    "Turkey",
];

const SENTENCE: &str = "The Government of {C} reported that migrant workers, including women \
and children, were protected by the *Labour Code* and by **regulations** adopted in 2009, \
with particular attention to the best interests of the child";

/// A report of about `paragraphs` numbered paragraphs (around 450 bytes each):
/// a header, a contents table, Roman-numeral parts, country subsections, and
/// footnote blocks at page breaks that interrupt paragraphs mid-sentence.
pub fn generate(paragraphs: usize) -> String {
    let parts = (paragraphs / 400).clamp(1, 80);
    let per_part = paragraphs.div_ceil(parts);
    let mut out = String::with_capacity(paragraphs * 480 + 4096);
    out.push_str("General Assembly\n\nDistr.: General\n1 August 2011\n\nOriginal: English\n\n");
    out.push_str("Sixty-sixth session\n\nItem 1 of the provisional agenda*\n\n");
    out.push_str("A generated report on migration\n\nReport of the Secretary-General\n\n");
    out.push_str(
        "Summary\n\nThis report is generated for measurement.\n\n* A/66/1.\n\nContents\n\n",
    );
    for p in 0..parts {
        let _ = writeln!(
            out,
            "{}. Part {}\t{}",
            super::to_roman(p as u32 + 1),
            p + 1,
            p + 1
        );
    }
    out.push('\n');
    let mut number = 0usize;
    let mut footnote = 0u32;
    for p in 0..parts {
        let _ = write!(
            out,
            "{}. Part {} of the generated report\n\n",
            super::to_roman(p as u32 + 1),
            p + 1
        );
        for k in 0..per_part {
            if number == paragraphs {
                break;
            }
            if k.is_multiple_of(40) && k > 0 {
                let _ = write!(out, "{}\n\n", COUNTRIES[(k / 40 + p) % COUNTRIES.len()]);
            }
            number += 1;
            let country = COUNTRIES[number % COUNTRIES.len()];
            let sentence = SENTENCE.replace("{C}", country);
            let _ = write!(out, "{number}. {sentence}.");
            if number.is_multiple_of(25) {
                footnote += 1;
                let _ = write!(
                    out,
                    " {sentence}, in{}\n\n{} See A/HRC/13/5, para. {number}, and <http://www.ohchr.org/EN/{number}>.\n\ncooperation with {country}.\n\n",
                    super::superscript(&super::FootnoteLabel::Number(footnote)),
                    super::superscript(&super::FootnoteLabel::Number(footnote)),
                );
            } else {
                let _ = write!(out, " {sentence}.\n\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_report_parses_whole() {
        let text = super::generate(1000);
        let doc = crate::document::parse(&text);
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
}
