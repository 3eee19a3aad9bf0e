//! A page's text spans → lines, read top to bottom, each with its pieces left to right.

use crate::document::{FootnoteLabel, superscript};

/// A run of text in one font, as the PDF places it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Fragment {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Bottom and top, in points from the page's foot.
    pub bottom: f32,
    pub top: f32,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

/// Pieces that share a baseline; a note call raised above it belongs to it.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub pieces: Vec<Fragment>,
    /// The size most of the line's letters are set in.
    pub size: f32,
    pub bottom: f32,
    pub top: f32,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

impl Line {
    pub fn x0(&self) -> f32 {
        self.pieces.first().map_or(0.0, |p| p.x0)
    }

    pub fn x1(&self) -> f32 {
        self.pieces.last().map_or(0.0, |p| p.x1)
    }

    /// Letters, bold or not, that are set at the line's own size.
    fn body_pieces(&self) -> impl Iterator<Item = &Fragment> {
        self.pieces
            .iter()
            .filter(|p| !is_call(p, self.size) && !p.text.trim().is_empty())
    }

    pub fn bold(&self) -> bool {
        let mut any = false;
        for p in self.body_pieces() {
            if !p.bold {
                return false;
            }
            any = true;
        }
        any
    }

    pub fn italic(&self) -> bool {
        let mut any = false;
        for p in self.body_pieces() {
            if !p.italic || p.bold {
                return false;
            }
            any = true;
        }
        any
    }

    /// The line's text with note calls as superscript digits glued to the word
    /// before them, as the embedded layout writes them.
    pub fn text(&self) -> String {
        self.text_from(0)
    }

    /// The line cut where its pieces stand far apart, as a masthead sets
    /// "United Nations" and the symbol on one baseline.
    pub fn segments(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut from = 0;
        for k in 1..self.pieces.len() {
            let (a, b) = (&self.pieces[k - 1], &self.pieces[k]);
            if b.x0 - a.x1 > 3.0 * self.size.max(1.0) && !b.text.trim().is_empty() {
                out.push(self.text_between(from, k));
                from = k;
            }
        }
        out.push(self.text_between(from, self.pieces.len()));
        out.retain(|s| !s.is_empty());
        out
    }

    pub fn text_from(&self, first: usize) -> String {
        self.text_between(first, self.pieces.len())
    }

    pub fn text_between(&self, first: usize, end: usize) -> String {
        let mut out = String::new();
        let mut prev_x1: Option<f32> = None;
        for p in &self.pieces[first.min(end)..end] {
            let call = is_call(p, self.size);
            let t = if call { p.text.trim() } else { p.text.as_str() };
            if t.is_empty() {
                continue;
            }
            if let Some(x1) = prev_x1 {
                let gap = p.x0 - x1;
                let spaced =
                    out.ends_with(char::is_whitespace) || t.starts_with(char::is_whitespace);
                if !call && !spaced && gap > 0.15 * p.size.max(1.0) {
                    out.push(' ');
                }
            }
            if call {
                while out.ends_with(' ') {
                    out.pop();
                }
                push_call(&mut out, t);
            } else {
                out.push_str(t);
            }
            prev_x1 = Some(p.x1);
        }
        collapse_spaces(&out)
    }
}

/// A smaller piece of digits (or `*`) set beside the line's text: a note call.
/// Ordinal endings ("21st") are small too, but they are letters.
pub(super) fn is_call(p: &Fragment, line_size: f32) -> bool {
    let t = p.text.trim();
    p.size < line_size * 0.8
        && !t.is_empty()
        && t.len() <= 8
        // "3", "12,13", "*", and a second note's "**".
        && t.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'*')
}

fn push_call(out: &mut String, t: &str) {
    for c in t.chars() {
        match c.to_digit(10) {
            Some(d) => out.push_str(&superscript(&FootnoteLabel::Number(d))),
            None => out.push(c),
        }
    }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Groups a page's pieces into lines: a piece joins a line whose height it
/// mostly shares, so a raised note call stays on the line it belongs to.
pub(super) fn group(mut pieces: Vec<Fragment>) -> Vec<Line> {
    pieces.sort_by(|a, b| b.size.total_cmp(&a.size));
    let mut lines: Vec<Line> = Vec::new();
    for p in pieces {
        let h = (p.top - p.bottom).max(0.1);
        let found = lines.iter_mut().find(|l| {
            let overlap = p.top.min(l.top) - p.bottom.max(l.bottom);
            overlap > 0.5 * h.min(l.top - l.bottom)
        });
        match found {
            Some(line) => line.pieces.push(p),
            None => lines.push(Line {
                size: p.size,
                bottom: p.bottom,
                top: p.top,
                pieces: vec![p],
            }),
        }
    }
    for line in &mut lines {
        line.pieces.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        line.size = dominant_size(&line.pieces);
    }
    lines.sort_by(|a, b| b.bottom.total_cmp(&a.bottom));
    lines
}

/// The size that most letters are set in.
pub(super) fn dominant_size(pieces: &[Fragment]) -> f32 {
    let mut counts: Vec<(f32, usize)> = Vec::new();
    for p in pieces {
        let size = (p.size * 2.0).round() / 2.0;
        let n = p.text.chars().filter(|c| !c.is_whitespace()).count();
        match counts.iter_mut().find(|(s, _)| *s == size) {
            Some((_, c)) => *c += n,
            None => counts.push((size, n)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(0.0, |(s, _)| s)
}
