//! Page furniture: running headers and footers, page numbers, job numbers and
//! barcodes. Found by where they sit (the top or foot of a page) and by
//! repeating, with their digits set aside, across pages.

use std::collections::HashMap;

use super::lines::{Line, Page};
use crate::document::shapes::{is_job_number, is_symbol, is_year};

/// Share of the page height, from its top or foot, where furniture sits.
const BAND: f32 = 0.14;
/// Lines from a page's top or foot where a running header or footer stands.
const EDGE_LINES: usize = 3;

/// What the running lines said: the symbol, and the number printed on each
/// page where the pages are numbered in step (the cover counted, unprinted).
pub(super) struct Running {
    pub symbol: Option<String>,
    pub printed: Vec<Option<u32>>,
}

/// Removes the furniture from every page; returns what it said.
pub(super) fn strip(pages: &mut [Page]) -> Running {
    let mut numbers: Vec<Option<u32>> = vec![None; pages.len()];
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = page
            .lines
            .iter()
            .filter(|l| in_band(page.height, l))
            .map(|l| shape(&l.text()))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeats = (pages.len() / 3).max(2);
    // The symbol the first page's masthead prints, which running headers
    // repeat beside the title ("A/RES/78/323 International Day of …").
    let own = pages.first().and_then(|p| {
        p.lines
            .iter()
            .filter(|l| in_band(p.height, l))
            .find_map(|l| running_symbol(&l.text()))
    });
    let mut symbol = None;
    for (index, page) in pages.iter_mut().enumerate() {
        let height = page.height;
        let count = page.lines.len();
        let mut k = 0;
        page.lines.retain(|l| {
            // Running lines stand first or last on their page, not inside its text.
            let edge = k < EDGE_LINES || k + EDGE_LINES >= count;
            k += 1;
            if !in_band(height, l) {
                return true;
            }
            let text = l.text();
            // A barcode or a rule: no letters or digits to read.
            if !text.chars().any(char::is_alphanumeric) {
                return false;
            }
            // Body text that happens to repeat is longer than a running line,
            // or ends a sentence.
            let running = text.chars().count() <= 64 && !text.ends_with(['.', ',', ';']);
            let repeated = index > 0
                && running
                && edge
                && seen.get(&shape(&text)).copied().unwrap_or(0) >= repeats;
            // After the masthead, the symbol alone at a page's edge is its header.
            let symbol_line = index > 0 && is_symbol(&text);
            // "2    A/64/213": a page number beside the symbol, or the job number.
            let fields = index > 0
                && edge
                && text.split_whitespace().all(|w| {
                    (is_symbol(w) && !w.ends_with('.'))
                        || is_page_number(w)
                        || is_job_number(w)
                        || w == "(E)"
                        || w.strip_prefix('(')
                            .and_then(|w| w.strip_suffix(')'))
                            .is_some_and(is_year)
                });
            // Beside the symbol, the running title may be long.
            let titled = index > 0
                && edge
                && text.chars().count() <= 160
                && !text.ends_with(['.', ',', ';'])
                && own
                    .as_deref()
                    .is_some_and(|own| text.starts_with(own) || text.ends_with(own));
            let furniture = repeated
                || symbol_line
                || fields
                || titled
                || is_page_number(&text)
                || is_print_line(&text);
            if furniture && numbers[index].is_none() {
                numbers[index] = printed_number(&text);
            }
            if furniture && symbol.is_none() {
                symbol = running_symbol(&text);
            }
            !furniture
        });
    }
    Running {
        symbol,
        printed: in_step(&numbers),
    }
}

/// The symbol a running line prints, with the year a Security Council
/// resolution's carries: "S/RES/2768 (2025)".
fn running_symbol(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| is_symbol(w))?;
    Some(match words.get(at + 1) {
        Some(year) if is_symbol(&format!("{} {year}", words[at])) => {
            format!("{} {year}", words[at])
        }
        _ => words[at].to_string(),
    })
}

/// The page number a running line prints: "12", "Page 12", "- 12 -", or
/// "12" beside a symbol or job number.
fn printed_number(text: &str) -> Option<u32> {
    // "12/38 25-12333": the page of so many, beside the job number.
    page_number(text).or_else(|| text.split_whitespace().find_map(page_number))
}

/// Each page's printed number, where most numbered pages agree on one
/// offset from their place in the file; none where they do not.
fn in_step(numbers: &[Option<u32>]) -> Vec<Option<u32>> {
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (i, n) in numbers.iter().enumerate() {
        if let Some(n) = n {
            *offsets.entry(i64::from(*n) - i as i64).or_default() += 1;
        }
    }
    let found = numbers.iter().flatten().count();
    let best = offsets.into_iter().max_by_key(|&(o, c)| (c, -o.abs()));
    match best {
        Some((offset, count)) if count * 2 > found && count >= 2 => (0..numbers.len())
            .map(|i| u32::try_from(i as i64 + offset).ok().filter(|&n| n >= 1))
            .collect(),
        _ => vec![None; numbers.len()],
    }
}

fn in_band(height: f32, line: &Line) -> bool {
    line.top > height * (1.0 - BAND) || line.bottom < height * BAND
}

/// A line with its digits set aside, so "Page 3" and "Page 4" are one shape.
fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// "3", "3/20", "Page 3", "- 3 -".
fn is_page_number(text: &str) -> bool {
    page_number(text).is_some()
}

/// The page's own number in "3", "3/20", "Page 3", "- 3 -".
fn page_number(text: &str) -> Option<u32> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let (page, of) = t.split_once('/').unwrap_or((t, "0"));
    (digits(page) && digits(of))
        .then(|| page.parse().ok())
        .flatten()
}

/// A line of the print job's marks: "GE.19-13879(E)", "10-46279",
/// "2 GE.25-02819", "*1913879*", "Please recycle".
fn is_print_line(text: &str) -> bool {
    let t = text.trim();
    if t.eq_ignore_ascii_case("please recycle") {
        return true;
    }
    t.split_whitespace().any(|w| {
        let barcode = w.len() >= 8
            && w.starts_with('*')
            && w.ends_with('*')
            && w[1..w.len() - 1].bytes().all(|c| c.is_ascii_digit());
        is_job_number(w) || barcode
    }) && t.len() < 60
        && t.split_whitespace().all(|w| w.len() < 30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_page_numbers_and_job_numbers() {
        for t in ["3", "3/20", "Page 12", "- 4 -"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "GE.19-13879(E)",
            "10-46279",
            "2 GE.25-02819",
            "GE.25-02819 3",
            "*1913879*",
        ] {
            assert!(is_print_line(t), "{t}");
        }
        for t in ["In 2010-2011 the Office", "1. The report", "para. 37"] {
            assert!(!is_page_number(t) && !is_print_line(t), "{t}");
        }
    }
}
