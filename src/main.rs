fn main() {
    let doc = report_reader::document::Document::embedded();
    for p in &doc.parts {
        println!(
            "{} {} {:?} {:?}",
            p.numeral,
            doc.plain(&p.title),
            p.page,
            doc.number_span(&p.paragraphs)
        );
        for s in &doc.sections[p.sections.clone()] {
            println!(
                "   {} {:?} {:?}",
                s.title,
                s.page,
                doc.number_span(&s.paragraphs)
            );
        }
    }
    println!(
        "{} paragraphs, {} footnotes",
        doc.paragraphs.len(),
        doc.footnotes.len()
    );
    for w in &doc.warnings {
        println!("W {w}");
    }
    for p in &doc.paragraphs {
        if p.rejoined > 0 {
            println!("rejoined {}", p.number);
        }
    }
    for f in &doc.footnotes {
        println!(
            "fn {} cited by {:?} hdr {}: {}",
            f.label,
            f.cited_by
                .iter()
                .map(|&i| doc.paragraphs[i].number)
                .collect::<Vec<_>>(),
            f.cited_in_header,
            &doc.plain(&f.text).chars().take(50).collect::<String>()
        );
    }
    println!(
        "{:#?}",
        (
            &doc.header.organ,
            &doc.header.date,
            &doc.header.session,
            &doc.header.distribution,
            doc.plain(&doc.header.agenda_item),
            doc.header
                .agenda_titles
                .iter()
                .map(|t| doc.plain(t))
                .collect::<Vec<_>>(),
            doc.plain(&doc.header.title),
            &doc.header.kind,
            doc.header.summary.len()
        )
    );
    println!("{}", doc.paragraph_plain(doc.paragraph_index(67).unwrap()));
}
