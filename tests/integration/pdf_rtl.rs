//! One Arabic or Hebrew word, or a U+FEFF, in an English PDF paragraph:
//! the line stays in reading order and the paragraphs stay apart. The font
//! is Times-Roman with a ToUnicode map sending bytes 0x80–0x88 to Arabic
//! and Hebrew letters and U+FEFF, so the text layer holds them whatever the
//! glyphs look like. The words are drawn in visual order (last letter
//! leftmost), as the PDF library takes a right-to-left run to be.

use crate::common;
use crate::common::raw_pdf as raw;

use std::path::Path;

use report_reader::document::{Document, from_bytes};

const CMAP: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <0020>
endbfrange
9 beginbfchar
<80> <0633>
<81> <0644>
<82> <0627>
<83> <0645>
<84> <05E9>
<85> <05DC>
<86> <05D5>
<87> <05DD>
<88> <FEFF>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman \
    /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>";

/// "سلام" and "שלום" as the PDF draws them: last letter first.
const ARABIC_DRAWN: &[u8] = b"\x83\x82\x81\x80";
const ARABIC: &str = "\u{633}\u{644}\u{627}\u{645}";
const HEBREW_DRAWN: &[u8] = b"\x87\x86\x85\x84";
const HEBREW: &str = "\u{5e9}\u{5dc}\u{5d5}\u{5dd}";
const BOM: &[u8] = b"\x88";

fn show(x: f32, y: f32, text: &[u8]) -> Vec<u8> {
    let mut out = format!("BT /F1 10 Tf {x} {y} Td (").into_bytes();
    out.extend_from_slice(text);
    out.extend_from_slice(b") Tj ET\n");
    out
}

/// Three paragraphs; `word` sits inside the first line of the first two,
/// each of which is one text run with its number.
fn report(word: &[u8]) -> Document {
    let mut content = Vec::new();
    let first = [
        b"1.  The Special Rapporteur met the ",
        word,
        b" group in Cairo",
    ]
    .concat();
    content.extend(show(68.0, 745.0, &first));
    content.extend(show(68.0, 733.0, b"with many people about the situation."));
    let second = [b"2.  The second paragraph", word, b" says something else"].concat();
    content.extend(show(68.0, 715.0, &second));
    content.extend(show(68.0, 703.0, b"and ends here."));
    content.extend(show(68.0, 685.0, b"3.  A third paragraph."));
    let pdf = raw::one_page_in(
        FONT,
        "",
        "5 0 R",
        b"",
        vec![
            raw::stream(&content, false),
            raw::stream(CMAP.as_bytes(), false),
        ],
    );
    match from_bytes(&pdf, Path::new("rtl.pdf")) {
        Ok(doc) => doc,
        Err(e) => panic!("the PDF did not open: {e}"),
    }
}

fn texts(doc: &Document) -> Vec<(u32, String)> {
    doc.paragraphs
        .iter()
        .map(|p| (p.number, doc.plain(&p.text)))
        .collect()
}

fn assert_in_order(doc: &Document, word: &str) {
    let texts = texts(doc);
    let numbers: Vec<u32> = texts.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 2, 3], "{texts:?}");
    let first = format!(
        "The Special Rapporteur met the {word} group in Cairo with many people about the situation."
    );
    assert_eq!(texts[0].1, first);
    assert!(texts[1].1.starts_with("The second paragraph"), "{texts:?}");
    assert!(texts[1].1.ends_with("says something else and ends here."));
}

#[test]
fn an_arabic_word_in_an_english_paragraph_keeps_the_line_in_reading_order() {
    let doc = report(ARABIC_DRAWN);
    assert_in_order(&doc, ARABIC);
}

#[test]
fn a_hebrew_word_in_an_english_paragraph_keeps_the_line_in_reading_order() {
    let doc = report(HEBREW_DRAWN);
    assert_in_order(&doc, HEBREW);
}

#[test]
fn a_byte_order_mark_in_an_english_paragraph_is_dropped() {
    let doc = report(BOM);
    let texts = texts(&doc);
    assert!(
        texts.iter().all(|(_, t)| !t.contains('\u{feff}')),
        "{texts:?}"
    );
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(
        texts[0]
            .1
            .starts_with("The Special Rapporteur met the group in Cairo")
    );
    assert!(
        texts[1].1.starts_with("The second paragraph says"),
        "{texts:?}"
    );
}

/// The text pane shows the word right to left (its first letter rightmost)
/// while the model, which search, copy and notes read, keeps reading order.
#[test]
fn the_text_pane_shows_the_word_right_to_left_and_the_model_keeps_reading_order() {
    let doc = report(ARABIC_DRAWN);
    let app = report_reader::app::App::new(
        doc,
        report_reader::keymap::Keymap::default_keymap(),
        (120, 30),
    );
    let displayed: String = ARABIC.chars().rev().collect();
    let screen = common::render(&app);
    assert!(
        screen.contains(&format!("met the {displayed} group")),
        "{screen}"
    );
    assert!(!screen.contains(ARABIC), "{screen}");
    assert!(app.doc.plain(&app.doc.paragraphs[0].text).contains(ARABIC));
}
