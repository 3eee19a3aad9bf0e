//! PDFs written object by object, for what pdf-writer will not make: bombs,
//! deep nesting, fonts whose text maps to Arabic or Hebrew.
#![allow(dead_code)]

use std::io::Write;

/// A PDF of numbered objects (1 the catalog, 2 the page tree) with a
/// correct cross-reference table.
pub fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", k + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

pub fn stream(data: &[u8], flate: bool) -> Vec<u8> {
    let (data, filter) = if flate {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        (z.finish().unwrap(), "/Filter /FlateDecode")
    } else {
        (data.to_vec(), "")
    };
    let mut out = format!("<< /Length {} {filter} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// One A4 page whose contents are `contents` (object 5 on), `extra` added
/// to its dictionary, set in Times-Roman.
pub fn one_page(contents: &str, extra: &[u8], streams: Vec<Vec<u8>>) -> Vec<u8> {
    one_page_in(FONT, "", contents, extra, streams)
}

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>";

/// The same with `font` as F1 (object 3) and `resources` beside it.
pub fn one_page_in(
    font: &[u8],
    resources: &str,
    contents: &str,
    extra: &[u8],
    streams: Vec<Vec<u8>>,
) -> Vec<u8> {
    let mut page = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 3 0 R >> {resources} >> /Contents {contents} "
    )
    .into_bytes();
    page.extend_from_slice(extra);
    page.extend_from_slice(b" >>");
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
        font.to_vec(),
        page,
    ];
    objects.extend(streams);
    raw_pdf(&objects)
}
