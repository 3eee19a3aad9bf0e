//! A small PDF writer over `pdf-writer`: A4 pages of text lines set in the
//! standard Times fonts, and a flow (`Report`) that lays a UN report out.
//! Shared by the test files that build PDFs; each uses a part of it.
#![allow(dead_code)]

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

pub const WIDTH: f32 = 595.28;
pub const HEIGHT: f32 = 841.89;
/// Where paragraph numbers and continued lines start.
pub const LEFT: f32 = 68.0;
/// Where the first line's text starts, after a hanging number.
pub const INDENT: f32 = 96.4;
/// A sub-item's text, after "(a)".
pub const ITEM: f32 = 124.7;
/// A note's text, after its number.
pub const NOTE_TEXT: f32 = 85.0;
pub const BODY: f32 = 10.0;
pub const LEAD: f32 = 12.0;
pub const NOTE: f32 = 8.0;
pub const NOTE_LEAD: f32 = 9.5;
/// The first body line's baseline.
pub const TOP: f32 = 745.0;
/// No body line below this: the notes and the footer are there.
pub const BOTTOM: f32 = 130.0;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Font {
    Regular,
    Bold,
    Italic,
}

impl Font {
    fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Italic => Name(b"F3"),
        }
    }
}

/// Text in one font and size; `tab` moves it to that x on the line first.
#[derive(Clone, Debug)]
pub struct Run {
    pub tab: Option<f32>,
    pub font: Font,
    pub size: f32,
    /// Raised above the baseline by this much (a note call).
    pub rise: f32,
    pub text: String,
}

/// Runs set one after the other on a baseline, from `x`.
#[derive(Clone, Debug)]
pub struct TextLine {
    pub x: f32,
    pub y: f32,
    pub runs: Vec<Run>,
}

#[derive(Clone, Debug, Default)]
pub struct PageSpec {
    pub lines: Vec<TextLine>,
    /// Filled rectangles: x, y, width, height.
    pub rects: Vec<[f32; 4]>,
}

impl PageSpec {
    /// One line of text in one font.
    pub fn text(&mut self, x: f32, y: f32, size: f32, font: Font, text: &str) {
        self.lines.push(TextLine {
            x,
            y,
            runs: vec![run(None, font, size, text)],
        });
    }
}

pub fn run(tab: Option<f32>, font: Font, size: f32, text: &str) -> Run {
    Run {
        tab,
        font,
        size,
        rise: 0.0,
        text: text.to_string(),
    }
}

/// A line's text with note calls written `^3`: the digits become a
/// smaller run raised beside the word, as a report sets them.
pub fn runs(tab: Option<f32>, font: Font, size: f32, text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut tab = tab;
    while let Some(at) = rest.find('^') {
        let (before, after) = rest.split_at(at);
        let digits = after[1..]
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'*')
            .count();
        if !before.is_empty() {
            out.push(run(tab.take(), font, size, before));
        }
        out.push(Run {
            tab: tab.take(),
            font: Font::Regular,
            size: size * 0.6,
            rise: size * 0.35,
            text: after[1..1 + digits].to_string(),
        });
        rest = &after[1 + digits..];
    }
    if !rest.is_empty() {
        out.push(run(tab, font, size, rest));
    }
    out
}

/// The PDF file: one A4 page per spec, fonts Times-Roman, -Bold, -Italic.
pub fn pdf(pages: &[PageSpec]) -> Vec<u8> {
    write(pages, false)
}

/// The same, protected by a user password that is not the empty one
/// (RC4, revision 2): no reader gets at the text without it.
pub fn encrypted_pdf(pages: &[PageSpec]) -> Vec<u8> {
    write(pages, true)
}

fn write(pages: &[PageSpec], encrypt: bool) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let fonts = [Ref::new(3), Ref::new(4), Ref::new(5)];
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|k| Ref::new(10 + 2 * k as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    for (spec, &id) in pages.iter().zip(&page_ids) {
        let content_id = Ref::new(id.get() + 1);
        let mut page = pdf.page(id);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .contents(content_id);
        let mut resources = page.resources();
        let mut dict = resources.fonts();
        for (font, fid) in [Font::Regular, Font::Bold, Font::Italic].iter().zip(fonts) {
            dict.pair(font.resource(), fid);
        }
        dict.finish();
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content(spec));
    }
    for (name, fid) in [
        (&b"Times-Roman"[..], fonts[0]),
        (b"Times-Bold", fonts[1]),
        (b"Times-Italic", fonts[2]),
    ] {
        pdf.type1_font(fid)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    if !encrypt {
        return pdf.finish();
    }
    let encrypt_id = Ref::new(6);
    pdf.set_file_id((vec![0x42; 16], vec![0x42; 16]));
    pdf.indirect(encrypt_id)
        .dict()
        .pair(Name(b"Filter"), Name(b"Standard"))
        .pair(Name(b"V"), 1)
        .pair(Name(b"R"), 2)
        .pair(Name(b"P"), -4)
        .pair(Name(b"O"), Str(&[0x5A; 32]))
        .pair(Name(b"U"), Str(&[0xA5; 32]));
    // pdf-writer has no /Encrypt in its trailer: add it there. The
    // trailer follows the xref table, so no offset moves.
    let mut bytes = pdf.finish();
    let at = memfind(&bytes, b"trailer\n<<").expect("trailer") + b"trailer\n<<".len();
    bytes.splice(at..at, b"\n  /Encrypt 6 0 R".iter().copied());
    bytes
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Latin-1 letters (é, ñ, ç) as the fonts' WinAnsiEncoding byte; other
/// text as its UTF-8 bytes, as the tests have always written it.
fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match u32::from(c) {
            n @ 0xA0..=0xFF => out.push(n as u8),
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

fn content(spec: &PageSpec) -> Vec<u8> {
    let mut c = Content::new();
    for r in &spec.rects {
        c.rect(r[0], r[1], r[2], r[3]).fill_nonzero();
    }
    for line in &spec.lines {
        c.begin_text();
        c.next_line(line.x, line.y);
        let mut line_x = line.x;
        for r in &line.runs {
            if let Some(x) = r.tab {
                c.next_line(x - line_x, 0.0);
                line_x = x;
            }
            c.set_font(r.font.resource(), r.size);
            c.set_rise(r.rise);
            c.show(Str(&win_ansi(&r.text)));
        }
        c.end_text();
    }
    c.finish().into_vec()
}

/// A report laid out page by page: the body flows down from `TOP`, notes
/// gather at the page's foot, and every page gets its furniture.
pub struct Report {
    pub pages: Vec<PageSpec>,
    page: PageSpec,
    /// The open page's foot notes, as lines.
    notes: Vec<TextLine>,
    y: f32,
    pub symbol: String,
    pub job: String,
    /// Running headers and footers on every page.
    pub furniture: bool,
}

impl Report {
    pub fn new() -> Report {
        Report {
            pages: Vec::new(),
            page: PageSpec::default(),
            notes: Vec::new(),
            y: TOP,
            symbol: "A/HRC/59/15".into(),
            job: "GE.25-02819".into(),
            furniture: true,
        }
    }

    /// The first page's masthead and title, as a UN report sets them.
    pub fn masthead(&mut self, title: &str) {
        let p = &mut self.page;
        p.lines.push(TextLine {
            x: LEFT,
            y: 800.0,
            runs: vec![
                run(None, Font::Regular, 10.0, "United Nations"),
                run(Some(460.0), Font::Bold, 16.0, &self.symbol),
            ],
        });
        p.text(LEFT + 90.0, 770.0, 16.0, Font::Bold, "General Assembly");
        p.text(400.0, 745.0, 10.0, Font::Regular, "Distr.: General");
        p.text(400.0, 733.0, 10.0, Font::Regular, "10 March 2025");
        p.text(400.0, 715.0, 10.0, Font::Regular, "Original: English");
        p.text(LEFT, 690.0, 10.0, Font::Bold, "Human Rights Council");
        p.text(LEFT, 678.0, 10.0, Font::Regular, "Fifty-ninth session");
        p.text(LEFT, 640.0, 14.0, Font::Bold, title);
        p.text(
            LEFT,
            615.0,
            10.0,
            Font::Regular,
            "Report of the Special Rapporteur",
        );
        self.y = 580.0;
    }

    /// The open page, to set text on it directly.
    pub fn page(&mut self) -> &mut PageSpec {
        &mut self.page
    }

    /// The next body line's baseline.
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// A body line: runs from `LEFT`, or from `x`.
    fn line(&mut self, x: f32, runs: Vec<Run>) {
        self.page.lines.push(TextLine { x, y: self.y, runs });
        self.y -= LEAD;
    }

    /// Lines of a block; a line "\x0c" ends the page there. A block
    /// that would not fit starts a new page (unless it breaks itself).
    fn flow(&mut self, first_x: f32, first: Vec<Run>, rest_x: f32, lines: &[&str]) {
        let needed = LEAD * (lines.len() + 1) as f32;
        if !lines.contains(&"\x0c") && self.y - needed < BOTTOM {
            self.new_page();
        }
        self.line(first_x, first);
        for l in lines {
            if *l == "\x0c" {
                self.new_page();
            } else {
                self.line(rest_x, runs(None, Font::Regular, BODY, l));
            }
        }
    }

    /// Paragraph `n`: its number at the margin, the text indented on the
    /// same baseline, then lines wrapped back to the margin.
    pub fn para(&mut self, n: u32, lines: &[&str]) {
        let mut first = vec![run(None, Font::Regular, BODY, &format!("{n}."))];
        first.extend(runs(Some(INDENT), Font::Regular, BODY, lines[0]));
        self.flow(LEFT, first, LEFT, &lines[1..]);
        self.gap(6.0);
    }

    /// A sub-item: "(a)" indented, its text after it, wraps under the label.
    pub fn item(&mut self, label: &str, lines: &[&str]) {
        let mut first = vec![run(None, Font::Regular, BODY, &format!("({label})"))];
        first.extend(runs(Some(ITEM), Font::Regular, BODY, lines[0]));
        self.flow(INDENT, first, INDENT, &lines[1..]);
        self.gap(6.0);
    }

    /// A bold heading: its label at the margin, its title indented.
    pub fn heading(&mut self, label: &str, title: &str, size: f32) {
        self.gap(8.0);
        let mut first = Vec::new();
        if !label.is_empty() {
            first.push(run(None, Font::Bold, size, label));
            first.push(run(Some(INDENT), Font::Bold, size, title));
        } else {
            first.push(run(None, Font::Bold, size, title));
        }
        self.line(LEFT, first);
        self.gap(size - LEAD + 8.0);
    }

    /// One line set as given (for endnotes and odd cases).
    pub fn raw(&mut self, x: f32, font: Font, size: f32, text: &str) {
        self.page.text(x, self.y, size, font, text);
        self.y -= size + 2.0;
    }

    /// A note at this page's foot: its number, then its lines.
    pub fn foot_note(&mut self, n: &str, lines: &[&str]) {
        self.notes.push(TextLine {
            x: LEFT + 4.0,
            y: 0.0,
            runs: vec![
                run(None, Font::Regular, NOTE, n),
                run(Some(NOTE_TEXT), Font::Regular, NOTE, lines[0]),
            ],
        });
        self.note_lines(&lines[1..]);
    }

    /// Lines of a note without its number: one carried over from the
    /// page before, or the rest of the last one.
    pub fn note_lines(&mut self, lines: &[&str]) {
        for l in lines {
            self.notes.push(TextLine {
                x: NOTE_TEXT,
                y: 0.0,
                runs: vec![run(None, Font::Regular, NOTE, l)],
            });
        }
    }

    pub fn new_page(&mut self) {
        let index = self.pages.len();
        let mut page = std::mem::take(&mut self.page);
        let mut notes = std::mem::take(&mut self.notes);
        if !notes.is_empty() {
            let mut y = 80.0 + NOTE_LEAD * (notes.len() - 1) as f32;
            page.rects.push([LEFT, y + NOTE_LEAD + 2.0, 144.0, 0.5]);
            for l in &mut notes {
                l.y = y;
                y -= NOTE_LEAD;
            }
            page.lines.extend(notes);
        }
        if self.furniture {
            let number = (index + 1).to_string();
            let odd = index.is_multiple_of(2);
            if index > 0 {
                let x = if odd { 470.0 } else { LEFT };
                page.text(x, 800.0, 10.0, Font::Bold, &self.symbol);
            }
            let (job_x, number_x) = if odd { (LEFT, 520.0) } else { (460.0, LEFT) };
            let job = if index == 0 {
                format!("{}(E)", self.job)
            } else {
                self.job.clone()
            };
            page.text(job_x, 40.0, 8.0, Font::Regular, &job);
            if index > 0 {
                page.text(number_x, 40.0, 9.0, Font::Bold, &number);
            }
        }
        self.pages.push(page);
        self.y = TOP;
    }

    pub fn into_pages(mut self) -> Vec<PageSpec> {
        if !self.page.lines.is_empty() || !self.notes.is_empty() {
            self.new_page();
        }
        self.pages
    }

    pub fn finish(self) -> Vec<u8> {
        pdf(&self.into_pages())
    }
}
