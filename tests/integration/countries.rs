//! The country index: gazetteer, mentions, subsections, finder, CLI output.

use std::collections::HashMap;

use report_reader::document::countries::{
    CountryEntry, CountryIndex, Finder, Place, gazetteer, normalise, to_json, to_text,
};
use report_reader::document::{Document, parse};
use serde_json::json;

fn embedded() -> (Document, CountryIndex) {
    let doc = Document::embedded();
    let index = CountryIndex::build(&doc);
    (doc, index)
}

fn entry<'a>(index: &'a CountryIndex, name: &str) -> &'a CountryEntry {
    index
        .find(name)
        .unwrap_or_else(|| panic!("no entry for {name}"))
}

fn numbers(doc: &Document, index: &CountryIndex, name: &str) -> Vec<u32> {
    index
        .find(name)
        .map(|e| e.paragraph_numbers(doc))
        .unwrap_or_default()
}

/// Paragraph numbers with the sub-item label where the mention is in one: "66(b)".
fn places(doc: &Document, e: &CountryEntry) -> Vec<String> {
    let mut out: Vec<String> = e
        .mentions
        .iter()
        .map(|m| {
            let p = m.paragraph().map(|p| &doc.paragraphs[p as usize]);
            let n = p.map_or(0, |p| p.number);
            match m.place() {
                Place::Body => n.to_string(),
                Place::SubItem(k) => {
                    format!("{n}({})", p.map_or("", |p| &p.sub_items[k as usize].label))
                }
                Place::Footnote(f) => format!("{n} fn {}", doc.footnotes[f as usize].label),
            }
        })
        .collect();
    out.dedup();
    out
}

// ---- gazetteer ----------------------------------------------------------

#[test]
fn gazetteer_has_193_members_and_2_observers() {
    let g = gazetteer();
    assert_eq!(g.countries().len(), 195);
    for observer in ["Holy See", "State of Palestine"] {
        assert!(g.lookup(observer).is_some(), "{observer}");
    }
    let mut displays: Vec<&str> = g.countries().iter().map(|c| c.name).collect();
    displays.sort_unstable();
    displays.dedup();
    assert_eq!(displays.len(), 195, "display names repeat");
}

#[test]
fn no_name_belongs_to_two_countries() {
    let mut owner: HashMap<String, &str> = HashMap::new();
    for c in gazetteer().countries() {
        for n in c.names() {
            let key = normalise(n).0;
            if let Some(other) = owner.insert(key, c.name) {
                assert_eq!(other, c.name, "{n:?} is claimed by {other} and {}", c.name);
            }
        }
    }
}

#[test]
fn every_name_has_a_capital_to_anchor_the_scan() {
    // The scan only starts matches at ASCII capitals.
    for c in gazetteer().countries() {
        for n in c.names() {
            assert!(n.bytes().any(|b| b.is_ascii_uppercase()), "{n:?}");
        }
    }
}

#[test]
fn un_names_and_old_names_resolve() {
    let g = gazetteer();
    let cases = [
        ("Bolivia (Plurinational State of)", "Bolivia"),
        ("Libyan Arab Jamahiriya", "Libya"),
        (
            "United Kingdom of Great Britain and Northern Ireland",
            "United Kingdom",
        ),
        ("UK", "United Kingdom"),
        ("Syrian Arab Republic", "Syria"),
        ("Vietnam", "Viet Nam"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Turkey", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("Swaziland", "Eswatini"),
        (
            "The former Yugoslav Republic of Macedonia",
            "North Macedonia",
        ),
        ("Cape Verde", "Cabo Verde"),
        ("South Korea", "South Korea"),
        ("Republic of Korea", "South Korea"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("DPRK", "North Korea"),
        ("Russian Federation", "Russia"),
        ("USA", "United States"),
        ("Republic of Moldova", "Moldova"),
        ("United Republic of Tanzania", "Tanzania"),
        ("Lao People's Democratic Republic", "Laos"),
        ("Micronesia (Federated States of)", "Micronesia"),
        ("Netherlands (Kingdom of the)", "Netherlands"),
        ("Burma", "Myanmar"),
        ("East Timor", "Timor-Leste"),
        ("Iran (Islamic Republic of)", "Iran"),
        ("Venezuela (Bolivarian Republic of)", "Venezuela"),
    ];
    for (name, country) in cases {
        let found = g.lookup(name).map(|c| g.countries()[c].name);
        assert_eq!(found, Some(country), "{name}");
    }
}

#[test]
fn every_name_ranks_its_own_country_first() {
    let g = gazetteer();
    let finder = Finder::all();
    for (i, c) in g.countries().iter().enumerate() {
        for n in c.names() {
            let ranked = finder.rank(n);
            let first = ranked.first().map(|r| g.countries()[r.country].name);
            assert_eq!(first, Some(c.name), "query {n:?}");
            assert_eq!(ranked[0].country, i);
        }
    }
}

// ---- mentions on synthetic documents ------------------------------------

fn synthetic(body: &str) -> (Document, CountryIndex) {
    let doc = parse(&format!("I. Introduction\n\n{body}"));
    let index = CountryIndex::build(&doc);
    (doc, index)
}

#[test]
fn longer_names_hide_the_shorter_ones_inside_them() {
    let (doc, index) = synthetic(
        "1. Papua New Guinea and Guinea-Bissau reported.\n\n\
         2. Guinea reported.\n\n\
         3. Nigeria reported, as did Nigerian officials.\n\n\
         4. Niger reported.\n\n\
         5. The Dominican Republic reported.\n\n\
         6. Dominica reported.\n\n\
         7. South Sudan reported.\n\n\
         8. The Sudan reported.\n\n\
         9. The Democratic Republic of the Congo reported.\n\n\
         10. The Congo reported.\n",
    );
    assert_eq!(numbers(&doc, &index, "Papua New Guinea"), [1]);
    assert_eq!(numbers(&doc, &index, "Guinea-Bissau"), [1]);
    assert_eq!(numbers(&doc, &index, "Guinea"), [2]);
    assert_eq!(numbers(&doc, &index, "Nigeria"), [3]);
    assert_eq!(entry(&index, "Nigeria").names, ["Nigeria", "Nigerian"]);
    assert_eq!(numbers(&doc, &index, "Niger"), [4]);
    assert_eq!(numbers(&doc, &index, "Dominican Republic"), [5]);
    assert_eq!(numbers(&doc, &index, "Dominica"), [6]);
    assert_eq!(numbers(&doc, &index, "South Sudan"), [7]);
    assert_eq!(numbers(&doc, &index, "Sudan"), [8]);
    assert_eq!(
        numbers(&doc, &index, "Democratic Republic of the Congo"),
        [9]
    );
    assert_eq!(numbers(&doc, &index, "Congo"), [10]);
}

#[test]
fn a_name_with_a_lowercase_lead_is_matched_whole() {
    let (doc, index) = synthetic(
        "1. The delegation of the former Yugoslav Republic of Macedonia spoke.\n\n\
         2. The Yugoslav Republic of Macedonia is not a name in the gazetteer.\n\n\
         3. Wrapped: the *former*\nYugoslav Republic of Macedonia.\n",
    );
    let e = entry(&index, "North Macedonia");
    assert_eq!(e.paragraph_numbers(&doc), [1, 3]);
    assert_eq!(
        doc.slice(&e.mentions[1].range),
        "former*\nYugoslav Republic of Macedonia"
    );
    assert_eq!(e.names, ["former Yugoslav Republic of Macedonia"]);
    assert_eq!(
        doc.slice(&e.mentions[0].range),
        "former Yugoslav Republic of Macedonia"
    );
}

#[test]
fn gazetteer_finds_names_in_any_string() {
    let g = gazetteer();
    let found: Vec<&str> = g
        .find_names("Talks between Guinea-Bissau, the UK and Viet Nam; Nigeriens in Niger.")
        .into_iter()
        .map(|(c, _)| g.countries()[c].name)
        .collect();
    assert_eq!(
        found,
        [
            "Guinea-Bissau",
            "United Kingdom",
            "Viet Nam",
            "Niger",
            "Niger"
        ]
    );
}

#[test]
fn only_whole_capitalised_words_count() {
    let (_, index) = synthetic(
        "1. A guinea fowl, a turkey, Chadwick, Omani-led talks, Malian's, \
         the Jordanians, the New Guinea highlands, the Niger Delta, New Mexico, \
         Northern Ireland, Spain-based firms, UKraine, uk and Guineas.\n",
    );
    let names: Vec<&str> = index.entries.iter().map(|e| e.name()).collect();
    // "Malian's" and "Jordanians" are demonyms standing alone; nothing else is a State.
    assert_eq!(names, ["Mali", "Jordan"]);
    let (_, index) =
        synthetic("1. Trinidad and¹ Tobago: a footnote marker separates words.\n\n¹ Note.\n");
    assert!(index.entries.is_empty());
}

#[test]
fn names_split_by_emphasis_or_a_page_break_are_found() {
    let src = "1. Delegations¹ of the **Bosnia** and Herzegovina, Côte d’Ivoire and Trinidad and\n\n\
               ¹ See the note verbale of Ghana.\n\n\
               Tobago attended, as did Sri\nLanka.\n\n\
               ² A note that nothing cites, on Chad.\n";
    let (doc, index) = synthetic(src);

    let bosnia = entry(&index, "Bosnia and Herzegovina");
    assert_eq!(bosnia.names, ["Bosnia and Herzegovina"]);
    assert_eq!(
        doc.slice(&bosnia.mentions[0].range),
        "Bosnia** and Herzegovina"
    );

    let cote = entry(&index, "Côte d'Ivoire");
    assert_eq!(cote.names, ["Côte d’Ivoire"]);
    assert_eq!(doc.slice(&cote.mentions[0].range), "Côte d’Ivoire");

    // The name is rejoined across the footnote block of a page break.
    let trinidad = entry(&index, "Trinidad and Tobago");
    assert_eq!(trinidad.paragraph_numbers(&doc), [1]);
    let range = doc.slice(&trinidad.mentions[0].range);
    assert!(
        range.starts_with("Trinidad and\n\n¹ See") && range.ends_with("\n\nTobago"),
        "{range:?}"
    );

    assert_eq!(numbers(&doc, &index, "Sri Lanka"), [1]);

    // A footnote's mention belongs to the paragraph citing it ...
    let ghana = entry(&index, "Ghana");
    assert_eq!(places(&doc, ghana), ["1 fn 1"]);
    assert_eq!(doc.slice(&ghana.mentions[0].range), "Ghana");
    // ... and one nothing cites is still recorded, with no paragraph.
    let chad = entry(&index, "Chad");
    assert_eq!(chad.mentions.len(), 1);
    assert_eq!(chad.mentions[0].paragraph(), None);
    assert!(matches!(chad.mentions[0].place(), Place::Footnote(1)));
    assert!(chad.paragraphs.is_empty());
    assert!(index.describe(&doc, chad).contains("fn 2"));
}

#[test]
fn a_footnote_cited_twice_is_one_occurrence_in_two_paragraphs() {
    let (doc, index) =
        synthetic("1. First citation.¹\n\n2. Second citation.¹\n\n¹ See the report on Peru.\n");
    let peru = entry(&index, "Peru");
    assert_eq!(peru.paragraph_numbers(&doc), [1, 2]);
    assert_eq!(peru.mentions.len(), 2);
    assert_eq!(peru.occurrences(), 1);
    assert_eq!(
        index.describe(&doc, peru),
        "Peru — 1 mention: paras 1 fn 1, 2 fn 1"
    );
}

// ---- the embedded report ------------------------------------------------

#[test]
fn embedded_subsections_are_twelve_countries_thirteen_sections() {
    let (doc, index) = embedded();
    let mut with_sections: Vec<&str> = index
        .entries
        .iter()
        .filter(|e| e.has_subsection())
        .map(|e| e.name())
        .collect();
    with_sections.sort_unstable();
    assert_eq!(
        with_sections,
        [
            "Belarus",
            "Egypt",
            "Greece",
            "Guatemala",
            "Japan",
            "Lithuania",
            "Mexico",
            "Qatar",
            "Serbia",
            "Spain",
            "Switzerland",
            "Türkiye"
        ]
    );
    let total: usize = index.entries.iter().map(|e| e.sections.len()).sum();
    assert_eq!(total, 13);
    let spain = entry(&index, "Spain");
    assert_eq!(spain.subsection_titles(&doc), ["II. Spain", "III. Spain"]);
    assert_eq!(
        entry(&index, "Turkey").subsection_titles(&doc),
        ["III. Turkey"]
    );
}

#[test]
fn embedded_old_names_and_sub_items() {
    let (doc, index) = embedded();
    let libya = entry(&index, "Libya");
    assert_eq!(libya.paragraph_numbers(&doc), [49]);
    assert_eq!(libya.names, ["Libyan Arab Jamahiriya"]);

    let senegal = entry(&index, "Senegal");
    assert_eq!(senegal.paragraph_numbers(&doc), [48, 49, 66]);
    assert_eq!(places(&doc, senegal), ["48", "49", "66(b)"]);
    assert_eq!(
        index.describe(&doc, senegal),
        "Senegal — 5 mentions: paras 48, 49, 66(b)"
    );

    assert_eq!(places(&doc, entry(&index, "Niger")), ["49", "66(b)"]);
    assert_eq!(numbers(&doc, &index, "Nigeria"), [40, 49]);
    assert_eq!(numbers(&doc, &index, "Guinea"), [49]);
    assert!(index.find("Dominica").is_none());
    assert!(index.find("Papua New Guinea").is_none());
    assert_eq!(places(&doc, entry(&index, "Togo")), ["66(b)"]);
    assert_eq!(places(&doc, entry(&index, "Benin")), ["66(b)"]);

    let uk = entry(&index, "United Kingdom");
    assert_eq!(uk.paragraph_numbers(&doc), [47]);
    assert_eq!(
        uk.names,
        ["United Kingdom of Great Britain and Northern Ireland"]
    );
    assert!(
        index.find("Ireland").is_none(),
        "Northern Ireland is not Ireland"
    );

    assert_eq!(
        entry(&index, "Bolivia").names,
        ["Bolivia (Plurinational State of)"]
    );
    assert_eq!(entry(&index, "Cabo Verde").names, ["Cape Verde"]);
    assert_eq!(entry(&index, "Syria").names, ["Syrian Arab Republic"]);
    assert_eq!(entry(&index, "Philippines").paragraph_numbers(&doc), [49]);
    assert_eq!(entry(&index, "Türkiye").names, ["Turkey"]);
    assert_eq!(numbers(&doc, &index, "Turkey"), [20, 44, 49]);
}

#[test]
fn embedded_egypt_italy_and_demonyms() {
    let (doc, index) = embedded();
    let egypt = entry(&index, "Egypt");
    assert_eq!(egypt.paragraph_numbers(&doc), [3, 4, 5, 6, 49]);
    assert_eq!(egypt.names, ["Egypt", "Egyptians", "Egyptian"]);

    // Paragraph 5 names Italy in the text rejoined after its page break.
    let italy = entry(&index, "Italy");
    assert_eq!(italy.paragraph_numbers(&doc), [5, 6]);
    let m = &italy.mentions[0];
    assert_eq!(doc.slice(&m.range), "Italy");
    let p5 = &doc.paragraphs[doc.paragraph_index(5).unwrap_or(usize::MAX)];
    assert_eq!(p5.rejoined, 1);
    assert!(m.range.start > p5.text[0].clone().range_start());

    assert_eq!(places(&doc, entry(&index, "South Africa")), ["48", "66(c)"]);
    assert_eq!(
        entry(&index, "South Africa").names,
        ["South Africa", "South African"]
    );
    assert_eq!(numbers(&doc, &index, "Sri Lanka"), [49, 51]);
    assert_eq!(numbers(&doc, &index, "Guatemala"), [3, 7, 8, 9, 10, 37, 49]);

    // Every mention's range is the name as written.
    for e in &index.entries {
        for m in &e.mentions {
            assert_eq!(doc.slice(&m.range), m.name());
            assert_eq!(usize::from(m.country), e.country);
        }
    }
    // The first entries follow the report: part II's countries first.
    let first: Vec<&str> = index.entries.iter().take(4).map(|e| e.name()).collect();
    assert_eq!(first, ["Egypt", "Guatemala", "Qatar", "Serbia"]);
}

trait RangeStart {
    fn range_start(self) -> u32;
}

impl RangeStart for report_reader::document::Inline {
    fn range_start(self) -> u32 {
        match self {
            report_reader::document::Inline::Text { range, .. } => range.start,
            _ => u32::MAX,
        }
    }
}

// ---- finder ---------------------------------------------------------------

#[test]
fn ranking_finds_the_right_country_first() {
    let g = gazetteer();
    let all = Finder::all();
    for (query, country) in [
        ("cote", "Côte d'Ivoire"),
        ("libya", "Libya"),
        ("uk", "United Kingdom"),
        ("viet", "Viet Nam"),
        ("turk", "Türkiye"),
        ("COTE D'IVOIRE", "Côte d'Ivoire"),
        ("türk", "Türkiye"),
        ("swazi", "Eswatini"),
    ] {
        let top = all
            .rank(query)
            .first()
            .map(|r| g.countries()[r.country].name);
        assert_eq!(top, Some(country), "{query}");
    }
    let (_, index) = embedded();
    for (query, country) in [
        ("libya", "Libya"),
        ("uk", "United Kingdom"),
        ("turk", "Türkiye"),
    ] {
        let ranked = index.rank(query);
        let top = ranked.first().map(|r| index.entries[r.entry].name());
        assert_eq!(top, Some(country), "{query}");
    }
}

#[test]
fn ranking_reports_the_matched_name_and_its_chars() {
    let all = Finder::all();
    let r = &all.rank("cote")[0];
    assert_eq!(r.name, "Côte d'Ivoire");
    assert_eq!(r.indices, [0, 1, 2, 3]);
    let r = &all.rank("uk")[0];
    assert_eq!((r.name, r.indices.as_slice()), ("UK", &[0, 1][..]));
    // Accents in the name map back to the displayed chars: "ü" is char 1.
    let r = &all.rank("turkiye")[0];
    assert_eq!(r.name, "Türkiye");
    assert_eq!(r.indices, [0, 1, 2, 3, 4, 5, 6]);
    let r = &all.rank("sao tome")[0];
    assert_eq!(r.name, "Sao Tome and Principe");
}

#[test]
fn empty_query_lists_every_entry_in_order() {
    let (_, index) = embedded();
    let ranked = index.rank("  ");
    assert_eq!(ranked.len(), index.entries.len());
    assert!(ranked.iter().enumerate().all(|(i, r)| r.entry == i));
    assert_eq!(ranked[0].name, "Egypt");
    assert!(index.rank("zzzzqx").is_empty());
}

// ---- command-line output ----------------------------------------------------

#[test]
fn json_has_the_documented_shape() {
    let (doc, index) = embedded();
    let value = to_json(&doc, &index);
    let array = value.as_array().expect("an array");
    assert_eq!(array.len(), index.entries.len());
    let libya = array
        .iter()
        .find(|v| v["country"] == "Libya")
        .expect("Libya");
    assert_eq!(libya["names"], json!(["Libyan Arab Jamahiriya"]));
    assert_eq!(libya["paragraphs"], json!([49]));
    assert_eq!(libya["subsections"], json!([]));
    let spain = array
        .iter()
        .find(|v| v["country"] == "Spain")
        .expect("Spain");
    assert_eq!(spain["subsections"], json!(["II. Spain", "III. Spain"]));
    assert_eq!(spain["paragraphs"], json!([3, 17, 18, 20, 38]));
    for v in array {
        for key in ["country", "names", "paragraphs", "subsections"] {
            assert!(v.get(key).is_some(), "{key} missing in {v}");
        }
    }
}

#[test]
fn text_has_one_line_per_country() {
    let (doc, index) = embedded();
    let text = to_text(&doc, &index);
    assert_eq!(text.lines().count(), index.entries.len());
    assert!(text.lines().any(|l| l == "Libya: para 49"));
    assert!(
        text.lines()
            .any(|l| l == "Spain: paras 3, 17, 18, 20, 38; subsections II. Spain, III. Spain")
    );
}

// ---- names across inline pieces --------------------------------------------

#[test]
fn names_cross_several_pieces_and_consume_them() {
    let (doc, index) = synthetic(
        "1. Bosnia *and* Herzegovina, Papua New *Guinea* and Guinea, **Niger**ia, \
         Egypt **and** Spain.\n",
    );
    let bosnia = entry(&index, "Bosnia and Herzegovina");
    assert_eq!(bosnia.names, ["Bosnia and Herzegovina"]);
    assert_eq!(
        doc.slice(&bosnia.mentions[0].range),
        "Bosnia *and* Herzegovina"
    );
    assert_eq!(entry(&index, "Papua New Guinea").mentions.len(), 1);
    // Only the Guinea after "and": the one in "Papua New *Guinea*" was consumed.
    let guinea = entry(&index, "Guinea");
    assert_eq!(guinea.mentions.len(), 1);
    assert_eq!(doc.slice(&guinea.mentions[0].range), "Guinea");
    assert!(guinea.mentions[0].range.start > bosnia.mentions[0].range.end + 20);
    // Emphasis inside a word does not split it.
    assert!(index.find("Niger").is_none());
    assert_eq!(
        doc.slice(&entry(&index, "Nigeria").mentions[0].range),
        "Niger**ia"
    );
    assert_eq!(entry(&index, "Egypt").mentions.len(), 1);
    assert_eq!(entry(&index, "Spain").mentions.len(), 1);
}

mod emphasis_never_changes_what_is_found {
    use super::*;
    use proptest::prelude::*;

    const WORDS: [&str; 29] = [
        "Papua",
        "New",
        "Guinea",
        "Guinea-Bissau",
        "Niger",
        "Nigeria",
        "Bosnia",
        "and",
        "Herzegovina",
        "the",
        "former",
        "Yugoslav",
        "Republic",
        "of",
        "Macedonia",
        "United",
        "Kingdom",
        "UK",
        "Egypt",
        "Egyptians",
        "Côte",
        "d’Ivoire",
        "South",
        "Sudan",
        "Sri",
        "Lanka",
        "x",
        "Trinidad",
        // Longer than any name, so pieces also get scanned in place.
        "consideration-of-the-matter-at-length-by-all-the-parties-concerned",
    ];

    fn found(doc: &Document) -> Vec<(u16, &'static str)> {
        let index = CountryIndex::build(doc);
        let mut out: Vec<(u32, u16, &'static str)> = index
            .entries
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(|m| (m.range.start, m.country, m.name()))
            })
            .collect();
        out.sort_unstable();
        out.into_iter().map(|(_, c, n)| (c, n)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn same_names_with_and_without_markup(
            words in proptest::collection::vec((0..WORDS.len(), 0..5u8), 1..60)
        ) {
            let plain: Vec<&str> = words.iter().map(|&(w, _)| WORDS[w]).collect();
            // Bold, italic, or a wrapped line (rejoined with an `Inline::Space`).
            let mut marked = String::new();
            for (i, &(w, mark)) in words.iter().enumerate() {
                if i > 0 {
                    marked.push(if mark == 3 { '\n' } else { ' ' });
                }
                match mark {
                    1 => marked.push_str(&format!("**{}**", WORDS[w])),
                    2 => marked.push_str(&format!("*{}*", WORDS[w])),
                    _ => marked.push_str(WORDS[w]),
                }
            }
            let a = parse(&format!("I. Introduction\n\n1. {}.\n", plain.join(" ")));
            let b = parse(&format!("I. Introduction\n\n1. {marked}.\n"));
            prop_assume!(a.paragraph_plain(0) == b.paragraph_plain(0));
            prop_assert_eq!(found(&a), found(&b));
            // Ranges always cover the name, markup included.
            let index = CountryIndex::build(&b);
            for e in &index.entries {
                for m in &e.mentions {
                    let s = b.slice(&m.range).replace('*', "").replace('\n', " ");
                    prop_assert_eq!(s.as_str(), m.name());
                }
            }
        }
    }
}
