//! Page-laid-out text (what `pdftotext` makes of an ODS PDF) → the embedded layout.
//!
//! A PDF conversion differs from the embedded report: lines are hard-wrapped,
//! every page carries a running header (the document symbol, a page number)
//! and a footer (the job number), pages are separated by form feeds, and
//! footnote numbers are plain digits glued to the text ("migrants.3") with
//! the footnote texts at the page bottom ("3 See A/HRC/…").
//!
//! `normalise` rewrites such text into the embedded layout (one block per
//! Paragraph, SubItem, heading or Footnote, blank lines between, superscript
//! markers) so that one parser reads both. It works in two passes, both linear:
//!
//! 1. Page by page: drop running headers and footers, find the footnote zone at
//!    the page bottom, and choose which glued digits are footnote markers.
//! 2. Over the remaining lines: join hard-wrapped lines into blocks.
//!
//! Footnote numbers: a page-bottom line "N text" is a Footnote only when a
//! digit run N glued to a word ("migrants.3", "64/166.3") stands above it on
//! the same page, and only the numbers of the page's footnotes are turned into
//! markers, so "128 States" or "para. 75.6" stay as they are unless footnote
//! 6 is given on that page; even then a marker glued to a word ("text.6")
//! is preferred over one glued to a number ("75.6").
//!
//! Hyphens at a line end: the hyphen is always kept ("migration-\nrelated",
//! "Secretary-\nGeneral") except where a lowercase fragment is followed by a
//! lowercase line start, the joined word ("particularly") appears elsewhere in
//! the document and the hyphenated form ("particu-larly") does not. The rule
//! never invents a word the document does not itself use.

use std::collections::HashMap;
use std::ops::Range;

use super::parse::{is_symbol, lettered_heading, numbered, part_heading, sub_item};
use super::{FootnoteLabel, superscript};

/// What `normalise` made, and how sure it is.
pub(crate) struct Normalised {
    pub text: String,
    /// The symbol found in the running headers ("A/64/213").
    pub symbol: Option<String>,
    /// Numbered paragraphs found.
    pub numbered: usize,
    /// Text lines that went into no Paragraph, heading or Footnote.
    pub leftover: usize,
    /// All text lines, running headers and footers excluded.
    pub lines: usize,
}

impl Normalised {
    /// Few numbered paragraphs, or much text that fits nowhere.
    pub fn uncertain(&self) -> bool {
        self.numbered < 3 || self.leftover * 4 > self.lines
    }
}

/// Looked at to decide the layout; enough for several pages.
const SNIFF_BYTES: usize = 64 * 1024;
/// A line longer than this is not hard-wrapped.
const LONG_LINE: usize = 120;
/// Footnotes on one page that are looked at; more is not a page bottom.
const MAX_NOTE_CANDIDATES: usize = 64;
/// Most lines a page's footnotes can take.
const MAX_ZONE_LINES: usize = 60;
/// Longest line, in characters, that can be a country heading.
const HEADING_MAX_CHARS: usize = 80;

/// Whether the text is laid out in pages: form feeds or hard-wrapped blocks,
/// and almost no long lines (the embedded layout keeps a Paragraph on one line).
pub(crate) fn is_paged(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(SNIFF_BYTES)];
    let (mut nonblank, mut long, mut in_runs, mut running) = (0usize, 0usize, 0usize, 0usize);
    let mut prev_nonblank = false;
    for line in memchr::memchr_iter(b'\n', head)
        .chain(std::iter::once(head.len()))
        .scan(0, |start, nl| {
            let line = &head[*start..nl];
            *start = nl + 1;
            Some(line)
        })
    {
        // Long lines already rule pages out: stop early (the embedded layout).
        if long >= 8 && long * 20 > nonblank {
            return false;
        }
        if line
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0c'))
        {
            prev_nonblank = false;
            continue;
        }
        nonblank += 1;
        if line.len() > LONG_LINE {
            long += 1;
        } else if !line.iter().any(u8::is_ascii_lowercase)
            && let Ok(l) = std::str::from_utf8(line)
            && is_running_line(l.trim())
        {
            running += 1;
        }
        if prev_nonblank {
            in_runs += 1;
        }
        prev_nonblank = true;
    }
    let form_feeds = memchr::memchr(b'\x0c', head).is_some();
    // A symbol line alone is a header field; a repeated one is a running header.
    nonblank >= 5
        && long * 20 <= nonblank
        && (form_feeds || in_runs * 3 >= nonblank || running >= 2)
}

/// A running header or footer that names the symbol or the job number.
fn is_running_line(line: &str) -> bool {
    !line.is_empty()
        && is_furniture(line)
        && line
            .split_whitespace()
            .any(|t| is_symbol(t) || is_job_number(t))
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// A blank line stands between this line and the previous one on its page.
    gap: bool,
    /// Its page has runs of spaces or tabs to collapse (pdftotext -layout).
    spaced: bool,
}

struct Note {
    label: FootnoteLabel,
    /// Indices into `Pages::note_lines`.
    lines: Range<usize>,
    /// The note is written once the text reaches this index into `Pages::lines`.
    anchor: usize,
    /// Index into `Pages::lines` of its page's first line.
    page_start: usize,
}

/// A digit run glued to the word before it: a possible footnote marker.
#[derive(Clone, Copy)]
struct Glued {
    start: usize,
    end: usize,
    value: u32,
    /// Glued to a word ("text.3"), not to a number ("64/166.3").
    strong: bool,
    line: usize,
}

/// Buffers for one page, kept from page to page.
#[derive(Default)]
struct Scratch {
    raw: Vec<(usize, usize)>,
    keep: Vec<bool>,
    body: Vec<usize>,
    candidates: Vec<(usize, FootnoteLabel)>,
    glued: Vec<Glued>,
}

/// Pass 1's result: the text lines, the footnotes, the markers.
#[derive(Default)]
struct Pages {
    lines: Vec<Line>,
    note_lines: Vec<(usize, usize)>,
    notes: Vec<Note>,
    /// Byte ranges of digit runs to write as superscripts, in order.
    markers: Vec<(usize, usize)>,
    symbols: Vec<(String, usize)>,
    next_note: u32,
    star_seen: bool,
}

pub(crate) fn normalise(text: &str) -> Normalised {
    let mut pages = Pages {
        next_note: 1,
        lines: Vec::with_capacity(text.len() / 64),
        ..Pages::default()
    };
    let bytes = text.as_bytes();
    let edges_only = memchr::memchr(b'\x0c', bytes).is_some();
    let mut scratch = Scratch::default();
    let mut start = 0;
    loop {
        let end = if edges_only {
            memchr::memchr(b'\x0c', &bytes[start..]).map_or(bytes.len(), |p| start + p)
        } else {
            page_end_without_form_feed(text, start)
        };
        pages.page(text, start, end, edges_only, &mut scratch);
        if end >= bytes.len() {
            break;
        }
        start = end + 1;
    }
    let symbol = pages
        .symbols
        .iter()
        .enumerate()
        .max_by_key(|&(k, (_, n))| (*n, usize::MAX - k))
        .map(|(_, (s, _))| s.clone());
    let mut w = Writer::new(text, &pages, symbol.as_deref());
    w.run();
    let (out, numbered, leftover, lines) = (w.finish(), w.numbered, w.leftover, w.total);
    Normalised {
        text: out,
        symbol,
        numbered,
        leftover,
        lines,
    }
}

/// With no form feeds, a page ends after a running header or footer line
/// (one that names the symbol or the job number).
fn page_end_without_form_feed(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut s = start;
    while s < b.len() {
        let nl = memchr::memchr(b'\n', &b[s..]).map_or(b.len(), |p| s + p);
        if is_running_line(text.get(s..nl).unwrap_or("").trim()) {
            return nl;
        }
        s = nl + 1;
    }
    b.len()
}

fn trim_range(b: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && matches!(b[s], b' ' | b'\t' | b'\r') {
        s += 1;
    }
    while e > s && matches!(b[e - 1], b' ' | b'\t' | b'\r') {
        e -= 1;
    }
    (s, e)
}

/// A running header or footer: symbol, job number, page number, nothing else.
fn is_furniture(line: &str) -> bool {
    if line.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut any = false;
    for token in line.split_whitespace() {
        any = true;
        let b = token.as_bytes();
        let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        let ok = (digits(b) && b.len() <= 8)
            || is_job_number(token)
            || is_symbol(token)
            || (b.len() >= 3 && b[0] == b'(' && b[b.len() - 1] == b')' && b.len() <= 5)
            || (b.len() >= 3
                && b[0] == b'*'
                && b[b.len() - 1] == b'*'
                && digits(&b[1..b.len() - 1]))
            || token
                .split_once('/')
                .is_some_and(|(a, c)| digits(a.as_bytes()) && digits(c.as_bytes()));
        if !ok {
            return false;
        }
    }
    any
}

/// "10-46014": the job number UN documents carry in their footer.
fn is_job_number(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() >= 7
        && b.len() <= 10
        && b[2] == b'-'
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[3..].iter().all(u8::is_ascii_digit)
}

/// The line of underscores above a page's footnotes.
fn is_rule(line: &str) -> bool {
    line.len() >= 5 && line.bytes().all(|b| b == b'_')
}

/// "3 See …" or "* A/65/150." → (label, offset of the text).
fn note_start(line: &str, next: u32, star: bool) -> Option<(FootnoteLabel, usize)> {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (label, len) = if digits > 0 {
        if digits > 3 || b[0] == b'0' {
            return None;
        }
        let v: u32 = line[..digits].parse().ok()?;
        if v < next || v > next.saturating_add(50) {
            return None;
        }
        (FootnoteLabel::Number(v), digits)
    } else if star && b.first() == Some(&b'*') {
        (FootnoteLabel::Symbol('*'), 1)
    } else {
        return None;
    };
    let rest = &line[len..];
    let text = rest.trim_start();
    (text.len() < rest.len() && !text.is_empty()).then_some((label, line.len() - text.len()))
}

/// Digit runs glued to the word before them, in `text[s..e]`.
fn find_glued(text: &str, s: usize, e: usize, line: usize, out: &mut Vec<Glued>) {
    let b = text.as_bytes();
    let mut i = s + 1;
    while i < e {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_end = i + b[i..e].iter().take_while(|c| c.is_ascii_digit()).count();
        let prev = b[i - 1];
        let glued = prev >= 0x80
            || prev.is_ascii_alphabetic()
            || matches!(prev, b'.' | b',' | b';' | b':' | b')' | b']' | b'"' | b'\'');
        let ends = run_end == e || matches!(b[run_end], b' ' | b',' | b';' | b':' | b')');
        if glued && ends && run_end - i <= 3 && b[i] != b'0' && !prev.is_ascii_digit() {
            let weak = prev == b'.' && i >= s + 2 && b[i - 2].is_ascii_digit();
            if let Ok(value) = text[i..run_end].parse() {
                out.push(Glued {
                    start: i,
                    end: run_end,
                    value,
                    strong: !weak,
                    line,
                });
            }
        }
        i = run_end;
    }
}

impl Pages {
    /// Reads one page, `text[start..end]`, into lines, footnotes and markers.
    fn page(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        edges_only: bool,
        scratch: &mut Scratch,
    ) {
        let Scratch {
            raw,
            keep,
            body,
            candidates,
            glued,
        } = scratch;
        let b = text.as_bytes();
        raw.clear();
        let mut s = start;
        while s < end {
            let nl = memchr::memchr(b'\n', &b[s..end]).map_or(end, |p| s + p);
            raw.push(trim_range(b, s, nl));
            s = nl + 1;
        }
        let line = |r: (usize, usize)| text.get(r.0..r.1).unwrap_or("");
        let blank = |r: (usize, usize)| r.0 >= r.1;
        // Running headers and footers sit at the page's edges.
        keep.clear();
        keep.resize(raw.len(), true);
        let mut drop_edge = |order: &mut dyn Iterator<Item = usize>, keep: &mut [bool]| {
            let mut seen = 0;
            for k in order {
                if blank(raw[k]) {
                    continue;
                }
                let l = line(raw[k]);
                if seen >= 3 || !is_furniture(l) {
                    break;
                }
                seen += 1;
                keep[k] = false;
                for token in l.split_whitespace().filter(|t| is_symbol(t)) {
                    match self.symbols.iter_mut().find(|(s, _)| s == token) {
                        Some((_, n)) => *n += 1,
                        None => self.symbols.push((token.to_string(), 1)),
                    }
                }
            }
        };
        drop_edge(&mut (0..raw.len()), keep);
        drop_edge(&mut (0..raw.len()).rev(), keep);
        for (k, &r) in raw.iter().enumerate() {
            let l = line(r);
            if is_rule(l) || (!edges_only && is_running_line(l)) {
                keep[k] = false;
            }
        }
        body.clear();
        body.extend((0..raw.len()).filter(|&k| keep[k] && !blank(raw[k])));
        if body.is_empty() {
            return;
        }
        // The footnote zone: from some "N text" line to the page's end.
        candidates.clear();
        // A page's footnotes fill at most a page.
        let from = body.len().saturating_sub(MAX_ZONE_LINES);
        let found = body
            .iter()
            .enumerate()
            .skip(from)
            .filter_map(|(bi, &k)| {
                note_start(line(raw[k]), self.next_note, !self.star_seen).map(|(l, _)| (bi, l))
            })
            .take(MAX_NOTE_CANDIDATES);
        candidates.extend(found);
        let mut zone = body.len();
        glued.clear();
        if !candidates.is_empty() {
            for (bi, &k) in body.iter().enumerate() {
                if bi >= candidates[candidates.len() - 1].0 {
                    break;
                }
                find_glued(text, raw[k].0, raw[k].1, bi, glued);
            }
            // The first line with a "*" glued to a word ("agenda*").
            let star = if candidates
                .iter()
                .any(|(_, l)| matches!(l, FootnoteLabel::Symbol(_)))
            {
                body.iter().position(|&k| {
                    let l = line(raw[k]).as_bytes();
                    memchr::memchr_iter(b'*', l).any(|p| p > 0 && l[p - 1] != b' ')
                })
            } else {
                None
            };
            let cited_above = |label: FootnoteLabel, bi: usize| match label {
                FootnoteLabel::Number(v) => glued.iter().any(|g| g.value == v && g.line < bi),
                FootnoteLabel::Symbol(_) => star.is_some_and(|s| s < bi),
            };
            if let Some(&(bi, _)) = candidates.iter().find(|&&(bi, l)| cited_above(l, bi)) {
                zone = bi;
            }
        }
        // Body lines, with a gap flag where a blank line stood between them.
        let page_start = self.lines.len();
        // One search per page spares one per line when there is nothing to collapse.
        let spaced = zone > 0 && {
            let region = &b[raw[body[0]].0..raw[body[zone - 1]].1];
            memchr::memchr(b'\t', region).is_some() || DOUBLE_SPACE.find(region).is_some()
        };
        let mut prev: Option<usize> = None;
        for &k in &body[..zone] {
            let gap = prev.is_some_and(|p| (p + 1..k).any(|j| keep[j]));
            self.lines.push(Line {
                start: raw[k].0,
                end: raw[k].1,
                gap,
                spaced,
            });
            prev = Some(k);
        }
        if zone == body.len() {
            return;
        }
        // Footnotes: the zone's first line and each next number after it.
        let anchor = self.lines.len();
        let mut expect = None;
        let mut values = Vec::new();
        for &k in &body[zone..] {
            let l = line(raw[k]);
            let start = match expect {
                None => note_start(l, self.next_note, !self.star_seen),
                Some(v) => {
                    note_start(l, v, false).filter(|(lb, _)| *lb == FootnoteLabel::Number(v))
                }
            };
            if let Some((label, skip)) = start {
                if let Some(n) = self.notes.last_mut()
                    && n.anchor == anchor
                {
                    n.lines.end = self.note_lines.len();
                }
                match label {
                    FootnoteLabel::Number(v) => {
                        values.push(v);
                        expect = Some(v.saturating_add(1));
                        self.next_note = v.saturating_add(1);
                    }
                    FootnoteLabel::Symbol(_) => {
                        self.star_seen = true;
                        expect = Some(self.next_note);
                    }
                }
                let at = self.note_lines.len();
                self.note_lines.push((raw[k].0 + skip, raw[k].1));
                self.notes.push(Note {
                    label,
                    lines: at..at + 1,
                    anchor,
                    page_start,
                });
            } else {
                self.note_lines.push(raw[k]);
            }
        }
        if let Some(n) = self.notes.last_mut() {
            n.lines.end = self.note_lines.len();
        }
        // Markers: a word-glued run for each footnote, else the last number-glued one.
        let from = self.markers.len();
        for v in values {
            let mut strong = glued
                .iter()
                .filter(|g| g.value == v && g.line < zone && g.strong)
                .peekable();
            if strong.peek().is_some() {
                self.markers.extend(strong.map(|g| (g.start, g.end)));
            } else if let Some(g) = glued.iter().rev().find(|g| g.value == v && g.line < zone) {
                self.markers.push((g.start, g.end));
            }
        }
        self.markers[from..].sort_unstable();
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Header,
    Contents,
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    /// A numbered Paragraph, a SubItem, or text joined to one.
    Paragraph,
    Heading,
    /// Text that starts no Paragraph.
    Text,
    Other,
}

/// A line-end hyphen between lowercase fragments: kept unless the document
/// shows the joined word elsewhere.
struct Hyphen {
    /// Byte offset of the hyphen in the output.
    at: usize,
    word: Range<usize>,
}

struct Writer<'a> {
    text: &'a str,
    pages: &'a Pages,
    symbol: Option<&'a str>,
    out: String,
    hyphens: Vec<Hyphen>,
    marker: usize,
    next_note: usize,
    /// Whether text pushed now may hold runs of spaces to collapse.
    collapse: bool,
    width: usize,
    phase: Phase,
    block: Block,
    last_number: u32,
    numbered: usize,
    leftover: usize,
    total: usize,
}

impl<'a> Writer<'a> {
    fn new(text: &'a str, pages: &'a Pages, symbol: Option<&'a str>) -> Self {
        // The wrap width: the length only the longest 1% of lines exceed.
        let mut hist = [0usize; 257];
        for l in &pages.lines {
            hist[(l.end - l.start).min(256)] += 1;
        }
        let allowed = pages.lines.len() / 100;
        let mut above = 0;
        let mut width = 256;
        while width > 20 && above + hist[width] <= allowed {
            above += hist[width];
            width -= 1;
        }
        Writer {
            text,
            pages,
            symbol,
            out: String::with_capacity(text.len() + text.len() / 16),
            hyphens: Vec::new(),
            marker: 0,
            next_note: 0,
            collapse: true,
            width,
            phase: Phase::Header,
            block: Block::None,
            last_number: 0,
            numbered: 0,
            leftover: 0,
            total: 0,
        }
    }

    fn at(&self, i: usize) -> &'a str {
        let l = self.pages.lines[i];
        self.text.get(l.start..l.end).unwrap_or("")
    }

    fn run(&mut self) {
        let n = self.pages.lines.len();
        self.total = n;
        let mut i = 0;
        while i < n {
            i = match self.phase {
                Phase::Header => self.header_line(i),
                Phase::Contents => self.contents_line(i),
                Phase::Body => self.body_line(i),
            };
        }
        if self.phase == Phase::Header {
            // No body found: all of it is unplaced.
            self.leftover = n;
        }
        self.notes_before(usize::MAX);
    }

    fn finish(&mut self) -> String {
        let out = std::mem::take(&mut self.out);
        drop_split_hyphens(out, &self.hyphens)
    }

    /// Starts a new block (blank line), writing due footnotes first.
    fn new_block(&mut self, i: usize, kind: Block) {
        self.notes_before(i);
        self.separate();
        self.block = kind;
    }

    fn separate(&mut self) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
    }

    /// Writes every footnote whose page ended before line `i`.
    fn notes_before(&mut self, i: usize) {
        self.notes_while(|n| n.anchor <= i);
    }

    /// Writes footnotes in order while `due` holds for the next one.
    fn notes_while(&mut self, due: impl Fn(&Note) -> bool) {
        while let Some(note) = self.pages.notes.get(self.next_note) {
            if !due(note) {
                break;
            }
            self.next_note += 1;
            self.separate();
            self.out.push_str(&superscript(&note.label));
            self.out.push(' ');
            for (k, &(s, e)) in self.pages.note_lines[note.lines.clone()].iter().enumerate() {
                self.append(s, e, k > 0, false);
            }
            self.block = Block::Other;
        }
    }

    /// Appends `text[s..e]`; `join` continues the current line across a wrap.
    fn append(&mut self, s: usize, e: usize, join: bool, markers: bool) {
        let Some(piece) = self.text.get(s..e) else {
            return;
        };
        if piece.is_empty() {
            return;
        }
        if join && !self.out.is_empty() {
            let o = self.out.as_bytes();
            let last = o[o.len() - 1];
            let before = o.len().checked_sub(2).map(|k| o[k]);
            if last == b'-' && before.is_some_and(|c| c.is_ascii_alphabetic()) {
                // "migration-" + "related": no space; maybe a split word.
                let first = piece.as_bytes()[0];
                if before.is_some_and(|c| c.is_ascii_lowercase()) && first.is_ascii_lowercase() {
                    let at = o.len() - 1;
                    let head = o[..at]
                        .iter()
                        .rev()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .count();
                    let tail = piece.bytes().take_while(u8::is_ascii_alphabetic).count();
                    self.hyphens.push(Hyphen {
                        at,
                        word: at - head..at + 1 + tail,
                    });
                }
            } else if !self.out.ends_with('–') {
                self.out.push(' ');
            }
        }
        if !markers {
            self.push_text(piece);
            return;
        }
        let mut from = s;
        while let Some(&(ms, me)) = self.pages.markers.get(self.marker) {
            if ms >= e {
                break;
            }
            self.marker += 1;
            if ms < from {
                continue;
            }
            self.push_text(self.text.get(from..ms).unwrap_or(""));
            let value = self.text.get(ms..me).and_then(|d| d.parse().ok());
            match value {
                Some(v) => self.out.push_str(&superscript(&FootnoteLabel::Number(v))),
                None => self.out.push_str(self.text.get(ms..me).unwrap_or("")),
            }
            from = me;
        }
        self.push_text(self.text.get(from..e).unwrap_or(""));
    }

    fn append_line(&mut self, i: usize, join: bool) {
        let l = self.pages.lines[i];
        self.collapse = l.spaced;
        self.append(l.start, l.end, join, true);
        self.collapse = true;
    }

    fn push_text(&mut self, s: &str) {
        if self.collapse {
            push_collapsed(&mut self.out, s);
        } else {
            self.out.push_str(s);
        }
    }

    /// A wrap the width forced: the next line's first word did not fit.
    fn soft_wrap(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = chars(self.at(i - 1));
        let word = chars(self.at(i).split(' ').next().unwrap_or(""));
        (prev + 1 + word) * 10 > self.width * 9
    }

    fn header_line(&mut self, i: usize) -> usize {
        let t = self.at(i);
        let contents = t == "Contents";
        if contents || part_heading(t).is_some() || numbered(t).is_some() {
            // The header's footnotes ("* A/65/150.") stay in the header.
            self.notes_while(|n| n.page_start <= i);
            if contents {
                self.new_block(i, Block::Other);
                self.out.push_str("Contents");
                self.phase = Phase::Contents;
                self.block = Block::None;
                return i + 1;
            }
            self.phase = Phase::Body;
            return i;
        }
        if self.symbol == Some(t) {
            return i + 1;
        }
        let line = self.pages.lines[i];
        // Lines set in columns (pdftotext -layout) are never wrapped prose.
        let in_columns = |t: &str| t.contains("   ");
        let join = !line.gap
            && self.block != Block::None
            && !in_columns(t)
            && i > 0
            && !in_columns(self.at(i - 1))
            && self.soft_wrap(i);
        let mut first = true;
        // Two columns side by side (pdftotext -layout): each is its own line.
        for (s, e) in columns(self.text, line.start, line.end) {
            if line.gap || self.block == Block::None {
                if first {
                    self.new_block(i, Block::Other);
                } else {
                    self.out.push('\n');
                }
            } else if !(first && join) {
                self.out.push('\n');
            }
            self.append(s, e, first && join, true);
            first = false;
        }
        i + 1
    }

    fn contents_line(&mut self, i: usize) -> usize {
        let t = self.at(i);
        let plain = t.replace("<i>", "").replace("</i>", "");
        if plain.trim() == "Page" {
            self.contents_separator();
            self.out.push_str("Page");
            return i + 1;
        }
        // An entry: up to four lines, the last ending in a page number.
        let n = self.pages.lines.len();
        for j in i..n.min(i + 4) {
            let tj = self.at(j);
            if j > i
                && (self.pages.lines[j].gap
                    || numbered(tj).is_some()
                    || part_heading(tj).is_some()
                    || lettered_heading(tj).is_some())
            {
                break;
            }
            if let Some((title_len, page)) = page_suffix(tj) {
                self.contents_separator();
                for k in i..=j {
                    let l = self.pages.lines[k];
                    let end = if k == j { l.start + title_len } else { l.end };
                    self.append(l.start, end, k > i, false);
                }
                self.out.push('\t');
                self.out.push_str(page);
                return j + 1;
            }
        }
        self.phase = Phase::Body;
        self.block = Block::None;
        i
    }

    fn contents_separator(&mut self) {
        if self.block == Block::None {
            self.separate();
            self.block = Block::Other;
        } else {
            self.out.push('\n');
        }
    }

    /// Whether the output's last block ends a sentence (or a list item).
    fn closed(&self) -> bool {
        match self.block {
            Block::None | Block::Heading | Block::Other => true,
            Block::Paragraph | Block::Text => ends_sentence(&self.out),
        }
    }

    fn body_line(&mut self, i: usize) -> usize {
        let t = self.at(i);
        let gap = self.pages.lines[i].gap;
        // Most lines continue a paragraph; only a digit, "(" or a capital starts a block.
        let b0 = t.as_bytes().first().copied().unwrap_or(b' ');
        let may_start = b0.is_ascii_digit() || b0 == b'(' || b0.is_ascii_uppercase() || b0 >= 0x80;
        let closed = (may_start || gap) && self.closed();
        let fresh = may_start && (closed || gap);
        if fresh
            && let Some((n, _)) = numbered(t)
            && n > self.last_number
        {
            self.last_number = n;
            self.numbered += 1;
            self.new_block(i, Block::Paragraph);
            self.append_line(i, false);
            return i + 1;
        }
        let heading_wrap = self.block == Block::Heading && !gap && self.soft_wrap(i);
        if fresh
            && !heading_wrap
            && (part_heading(t).is_some()
                || (lettered_heading(t).is_some() && self.heading_follows(i, true))
                || (heading_shape(t) && self.heading_follows(i, false)))
        {
            self.new_block(i, Block::Heading);
            self.append_line(i, false);
            return i + 1;
        }
        if may_start
            && sub_item(t).is_some()
            && matches!(self.block, Block::Paragraph)
            && (gap || ends_list(&self.out))
        {
            self.new_block(i, Block::Paragraph);
            self.append_line(i, false);
            return i + 1;
        }
        let join = match self.block {
            Block::Heading => heading_wrap,
            Block::Paragraph | Block::Text => !(gap && closed),
            Block::None | Block::Other => false,
        };
        if join {
            if self.block == Block::Text {
                self.leftover += 1;
            }
            self.append_line(i, true);
        } else {
            self.leftover += 1;
            self.new_block(i, Block::Text);
            self.append_line(i, false);
        }
        i + 1
    }

    /// A heading is followed (after its own wrapped lines) by a block start.
    /// Only a lettered or part heading may wrap onto further lines.
    fn heading_follows(&self, i: usize, may_wrap: bool) -> bool {
        let n = self.pages.lines.len();
        for j in i + 1..n.min(i + 5) {
            let t = self.at(j);
            if numbered(t).is_some()
                || part_heading(t).is_some()
                || lettered_heading(t).is_some()
                || sub_item(t).is_some()
            {
                return true;
            }
            if !(heading_shape(t) || (may_wrap && !ends_sentence(t) && self.soft_wrap(j))) {
                return false;
            }
        }
        false
    }
}

/// Country-heading shape: short, capitalised, no closing punctuation.
fn heading_shape(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
        && (t.len() <= HEADING_MAX_CHARS || chars(t) <= HEADING_MAX_CHARS)
        && !t.ends_with(['.', ';', ':', ',', '-'])
        && !t.contains('\t')
        && !t.bytes().last().is_some_and(|b| b.is_ascii_digit())
}

fn chars(s: &str) -> usize {
    s.len() - s.bytes().filter(|&b| (b & 0xC0) == 0x80).count()
}

/// Last visible character ends a sentence; markers, quotes and emphasis marks skipped.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '”' | '"' | '’' | '\'' | '»' | '*' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹'
            )
    });
    t.is_empty() || t.ends_with(['.', ';', ':', '!', '?'])
}

/// The text so far ends a list item: ":", ";", "." or "; and" / "; or".
fn ends_list(s: &str) -> bool {
    let t = s.trim_end();
    ends_sentence(t) || t.ends_with("; and") || t.ends_with("; or")
}

/// Pieces of a line separated by three or more spaces (side-by-side columns).
fn columns(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = s;
    let mut k = s;
    while k < e {
        if b[k] == b' ' {
            let run = b[k..e].iter().take_while(|&&c| c == b' ').count();
            if run >= 3 {
                out.push((from, k));
                from = k + run;
            }
            k += run;
        } else {
            k += 1;
        }
    }
    out.push((from, e));
    out
}

/// "Title ....... 12" → (length of "Title", "12").
fn page_suffix(t: &str) -> Option<(usize, &str)> {
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || digits == t.len() {
        return None;
    }
    let (head, page) = t.split_at(t.len() - digits);
    let trimmed = head.trim_end_matches([' ', '\t']);
    let spaces = head.len() - trimmed.len();
    let leader = trimmed.ends_with("..") || trimmed.ends_with(". .") || trimmed.ends_with('…');
    if !(leader || spaces >= 2 || head.ends_with('\t')) {
        return None;
    }
    let title = trimmed.trim_end_matches(['.', ' ', '\t', '…']);
    (!title.is_empty()).then_some((title.len(), page))
}

/// Two spaces: built once, searched for on every line.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Pushes `s` with runs of spaces and tabs written as one space.
fn push_collapsed(out: &mut String, s: &str) {
    if memchr::memchr(b'\t', s.as_bytes()).is_none() && DOUBLE_SPACE.find(s.as_bytes()).is_none() {
        out.push_str(s);
        return;
    }
    let mut space = false;
    for part in s.split([' ', '\t']) {
        if part.is_empty() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
            out.push(' ');
        }
        out.push_str(part);
        space = true;
    }
    // A trailing separator is dropped; lines are trimmed anyway.
}

/// Applies the hyphen rule to every recorded line-end hyphen.
fn drop_split_hyphens(out: String, hyphens: &[Hyphen]) -> String {
    if hyphens.is_empty() {
        return out;
    }
    let word = |h: &Hyphen| out.get(h.word.clone()).unwrap_or("").to_ascii_lowercase();
    // Each distinct form once, looked up by value (many hyphens stay linear).
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut forms: Vec<String> = Vec::new();
    let mut pairs = Vec::with_capacity(hyphens.len());
    for h in hyphens {
        let hyphenated = word(h);
        let joined = hyphenated.replacen('-', "", 1);
        let mut id = |f: String| {
            *index.entry(f).or_insert_with_key(|f| {
                forms.push(f.clone());
                forms.len() - 1
            })
        };
        pairs.push((id(hyphenated), id(joined)));
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&forms)
    else {
        return out;
    };
    let b = out.as_bytes();
    let boundary = |k: Option<&u8>| k.is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'-');
    let mut counts = vec![0usize; forms.len()];
    for m in ac.find_iter(&out) {
        let before = m.start().checked_sub(1).and_then(|k| b.get(k));
        if boundary(before) && boundary(b.get(m.end())) {
            counts[m.pattern().as_usize()] += 1;
        }
    }
    // The split words themselves were counted in their hyphenated form.
    for &(hyphenated, _) in &pairs {
        counts[hyphenated] = counts[hyphenated].saturating_sub(1);
    }
    let mut drop: Vec<usize> = hyphens
        .iter()
        .zip(&pairs)
        .filter(|&(_, &(hyphenated, joined))| counts[joined] > 0 && counts[hyphenated] == 0)
        .map(|(h, _)| h.at)
        .collect();
    if drop.is_empty() {
        return out;
    }
    drop.sort_unstable();
    let mut result = String::with_capacity(out.len());
    let mut from = 0;
    for at in drop {
        if at < from || out.as_bytes().get(at) != Some(&b'-') {
            continue;
        }
        result.push_str(out.get(from..at).unwrap_or(""));
        from = at + 1;
    }
    result.push_str(out.get(from..).unwrap_or(""));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shapes() {
        assert!(is_furniture("A/65/156"));
        assert!(is_furniture("12       A/65/156"));
        assert!(is_furniture("10-46014 (E)    270710"));
        assert!(!is_furniture("General Assembly"));
        assert!(!is_furniture("2010."));
        assert_eq!(page_suffix("Egypt ........ 3"), Some((5, "3")));
        assert_eq!(page_suffix("I. Introduction\t3"), Some((15, "3")));
        assert_eq!(page_suffix("see para. 75"), None);
        assert_eq!(
            note_start("3 See A/HRC/13/5.", 1, false),
            Some((FootnoteLabel::Number(3), 2))
        );
        assert_eq!(note_start("128 States", 1, false), None);
        assert!(ends_sentence("migrants.³"));
        assert!(!ends_sentence("project, in¹"));
    }

    #[test]
    fn glued_digits() {
        let mut g = Vec::new();
        let t = "migrants.3 and resolution 64/166.3 with 128 States, Corr.1";
        find_glued(t, 0, t.len(), 0, &mut g);
        let got: Vec<(u32, bool)> = g.iter().map(|g| (g.value, g.strong)).collect();
        assert_eq!(got, [(3, true), (3, false), (1, true)]);
    }
}
