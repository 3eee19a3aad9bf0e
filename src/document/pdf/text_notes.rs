//! Notes in pdftotext text: a page's foot notes, the endnotes under "Notes",
//! and the calls in the text that cite them, each only where its note exists.

use std::collections::{HashMap, HashSet};

use super::text_row::TextRow;
use crate::document::paged::is_furniture;
use crate::document::shapes::numbered;

/// A note's label: its number, or `None` for `*`.
pub(super) type Label = Option<u32>;
/// A note number has at most this many digits.
const NOTE_DIGITS: usize = 3;
/// Lines of a page looked at as its first note; more is not a page's foot.
const MAX_CANDIDATES: usize = 64;
/// How far ahead of the last call the next one may be (calls a page missed).
const CALL_REACH: u32 = 10;

/// Where the endnotes start: a "Notes" line alone, as (page, row).
pub(super) fn notes_heading(pages: &[Vec<TextRow>]) -> Option<(usize, usize)> {
    pages.iter().enumerate().find_map(|(p, rows)| {
        rows.iter()
            .position(|r| crate::document::words::is_notes_heading(r.trimmed()))
            .map(|k| (p, k))
    })
}

pub(super) fn endnote_numbers(
    pages: &[Vec<TextRow>],
    at: Option<(usize, usize)>,
) -> HashSet<Label> {
    let mut out = HashSet::new();
    let Some((page, row)) = at else {
        return out;
    };
    for (p, rows) in pages.iter().enumerate().skip(page) {
        let from = if p == page { row + 1 } else { 0 };
        out.extend(rows[from..].iter().filter_map(|r| note_start(r.trimmed())));
    }
    out
}

/// "12 See A/HRC/…" → 12; "* Reissued …" → `*`.
pub(super) fn note_start(t: &str) -> Option<Label> {
    if let Some(rest) = t.strip_prefix('*') {
        return (rest.starts_with(' ') && !rest.trim().is_empty()).then_some(None);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    let text = rest.trim_start();
    let ok = (1..=NOTE_DIGITS).contains(&digits)
        && rest.starts_with(' ')
        && !text.is_empty()
        && !text.starts_with(['.', ')', '/', '-', ',', '%']);
    if !ok {
        return None;
    }
    t[..digits].parse().ok().map(Some)
}

/// The page's notes: the first line below its body that starts with the
/// number of a note called above it, and the labels of the notes from there.
pub(super) fn foot_notes(rows: &[TextRow]) -> Option<(usize, Vec<Label>)> {
    let sites = call_sites(rows);
    let candidates = (1..rows.len())
        .filter_map(|k| note_start(rows[k].trimmed()).map(|l| (k, l)))
        .take(MAX_CANDIDATES);
    for (k, label) in candidates {
        let called = sites.get(&label).is_some_and(|&at| at < k);
        if !rows[k].rule && !called {
            continue;
        }
        // The notes from here run in order; what follows out of order is not one.
        let mut labels: Vec<Label> = Vec::new();
        for r in &rows[k..] {
            let Some(l) = note_start(r.trimmed()) else {
                continue;
            };
            let after = match (labels.last(), l) {
                (None, _) => true,
                (Some(Some(a)), Some(b)) => b > *a,
                (Some(None), Some(_)) => true,
                _ => false,
            };
            if !after {
                break;
            }
            labels.push(l);
        }
        return Some((k, labels));
    }
    None
}

/// What may stand between a word and the call after it.
const CLOSERS: &str = ".,;:)]”’\"";

/// Byte ranges in `text` where `label` stands glued to a word as a call:
/// "migrants.3", "person37", "64/166.3", "agenda*".
fn glued(text: &str, label: Label) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let want = label.map_or_else(|| "*".to_string(), |n| n.to_string());
    for (start, word) in words(text) {
        let core = word.trim_end_matches([',', ';', ':', ')']);
        let Some(stem) = core.strip_suffix(want.as_str()) else {
            continue;
        };

        let glued = match label {
            None => stem.ends_with(|c: char| c.is_alphanumeric() || CLOSERS.contains(c)),
            Some(_) => {
                // After a lowercase letter, or after punctuation that closes a word.
                let bare = stem.trim_end_matches(|c: char| CLOSERS.contains(c));
                stem.ends_with(char::is_lowercase)
                    || (bare.len() < stem.len()
                        && bare.ends_with(char::is_alphanumeric)
                        && !abbreviation(bare))
            }
        };
        if glued {
            let at = start + stem.len();
            out.push((at, at + want.len()));
        }
    }
    out
}

/// A word's last part is one that a number follows as part of a reference,
/// not a call: "para. 3", "p. 8", "A/HRC/14/30/Add.2", "Corr.1".
fn abbreviation(word: &str) -> bool {
    const SHORT: [&str; 14] = [
        "para", "paras", "p", "pp", "No", "no", "art", "arts", "vol", "chap", "sect", "Corr",
        "Add", "Rev",
    ];
    let last = word.rsplit(['/', '(', '.', ' ']).next().unwrap_or(word);
    SHORT.contains(&last)
}

/// Where a call to each note first stands on the page (its row): digits
/// glued to a word ("migrants.3"), a `*` glued to one, or a number alone
/// after a word that ends a clause, as some typesetting spaces a call
/// ("personnel. 31"). One pass, so a page of many numbers stays fast.
fn call_sites(rows: &[TextRow]) -> HashMap<Label, usize> {
    let mut sites = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let mut prev: Option<&str> = None;
        for (_, w) in words(&r.text) {
            let core = w.trim_end_matches(|c: char| CLOSERS.contains(c));
            let digits = core.bytes().rev().take_while(u8::is_ascii_digit).count();
            let label = if core.len() > 1 && w.trim_end_matches([',', ';', ':', ')']).ends_with('*')
            {
                Some(None)
            } else if (1..=NOTE_DIGITS).contains(&digits) {
                let n: Option<u32> = core[core.len() - digits..].parse().ok();
                let alone = digits == core.len() && prev.is_some_and(ends_before_call);
                let at_word =
                    digits < core.len() && !item_label(prev, core) && !glued(w, n).is_empty();
                n.filter(|_| alone || at_word).map(Some)
            } else {
                None
            };
            if let Some(l) = label {
                sites.entry(l).or_insert(i);
            }
            prev = Some(w);
        }
    }
    sites
}

/// "140.12" opening a line: a numbered item's label (recommendation 12 of
/// paragraph 140), not a call. A year before a call ("2010.15") has four
/// digits, and a paragraph number rarely does.
fn item_label(prev: Option<&str>, core: &str) -> bool {
    let Some((para, item)) = core.split_once('.') else {
        return false;
    };
    let digits = |s: &str, most: usize| {
        (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    prev.is_none() && digits(para, 3) && digits(item, 3)
}

/// The words of a line with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Finds the row's note calls: glued digits of a note that exists, in the
/// order calls run; or a number standing after a sentence's end that is the
/// very next call ("personnel. 31"), as some typesetting spaces them.
pub(super) fn mark_calls(row: &mut TextRow, notes: &HashSet<Label>, last: &mut u32) {
    let text = row.text.clone();
    let all: Vec<(usize, &str)> = words(&text).collect();
    let mut prev: Option<&str> = None;
    for (i, &(start, word)) in all.iter().enumerate() {
        let core = word.trim_end_matches([',', ';', ':', ')']);
        let digits = core.bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > NOTE_DIGITS {
            if core.ends_with('*') && core.len() > 1 && notes.contains(&None) {
                let at = start + core.len() - 1;
                row.calls.push((at, at + 1));
            }
            prev = Some(word);
            continue;
        }
        let n: u32 = core[core.len() - digits..].parse().unwrap_or(0);
        let fits = n > *last && n <= *last + CALL_REACH && notes.contains(&Some(n));
        if fits
            && digits < core.len()
            && !item_label(prev, core)
            && !glued(core, Some(n)).is_empty()
        {
            let at = start + core.len() - digits;
            row.calls.push((at, at + digits));
            *last = n;
        } else if n > *last
            && n <= *last + 3
            && digits == core.len()
            && notes.contains(&Some(n))
            && prev.is_some_and(ends_before_call)
        {
            row.calls.push((start, start + digits));
            *last = n;
        } else if n == *last + 1
            && digits == word.len()
            && notes.contains(&Some(n))
            && prev.is_some_and(names_no_number)
            && all
                .get(i + 1)
                .is_none_or(|(_, w)| w.starts_with(char::is_lowercase))
        {
            // "available online 6 and in print": the very next call, set
            // apart inside a sentence that runs on after it.
            row.calls.push((start, start + digits));
            *last = n;
        }
        prev = Some(word);
    }
}

/// A word that a number in the text would not follow ("in 12", "Goal 16"):
/// a plain word of three letters or more, not one that counts or names.
fn names_no_number(word: &str) -> bool {
    const COUNTING: [&str; 40] = [
        "para",
        "paras",
        "paragraph",
        "paragraphs",
        "article",
        "articles",
        "resolution",
        "decision",
        "rule",
        "annex",
        "chapter",
        "section",
        "number",
        "page",
        "pages",
        "item",
        "goal",
        "target",
        "the",
        "and",
        "than",
        "over",
        "under",
        "about",
        "some",
        "nearly",
        "least",
        "most",
        "only",
        "around",
        "almost",
        "session",
        "part",
        "principle",
        "recommendation",
        "protocol",
        "phase",
        "level",
        "all",
        "for",
    ];
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && !COUNTING.contains(&word.to_lowercase().as_str())
}

/// A word a spaced call may follow: one that ends a sentence or a clause,
/// not an abbreviation that a number follows ("para. 31").
fn ends_before_call(word: &str) -> bool {
    let stem = word.trim_end_matches(|c: char| CLOSERS.contains(c));
    stem.len() < word.len() && stem.ends_with(|c: char| c.is_alphanumeric()) && !abbreviation(stem)
}

/// A running header or footer line, or a page number ("8/20"); a symbol
/// that ends a sentence is a note's text ("A/HRC/WG.6/48/SVN/1.").
fn running(t: &str) -> bool {
    is_furniture(t) && !t.ends_with('.')
}

/// A note's number alone on its line ("3").
fn bare_label(t: &str) -> Option<u32> {
    let digits = (1..=NOTE_DIGITS).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    if digits { t.parse().ok() } else { None }
}

/// Whether a line opens a note's text: a capitalised word first, not a symbol.
fn opens_note(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or("");
    first.starts_with(char::is_uppercase)
        && !first.contains('/')
        && !first.bytes().any(|b| b.is_ascii_digit())
}

/// A column of note numbers from row `k`: (row, number) of each, the rows
/// that open their texts after them, the rows set aside (page and job
/// numbers, numbers that are no call) and where the texts end.
struct Column {
    labels: Vec<(usize, u32)>,
    starts: Vec<usize>,
    aside: Vec<usize>,
    end: usize,
}

fn column(
    rows: &[TextRow],
    k: usize,
    endnotes: usize,
    after: Option<u32>,
    sites: &HashMap<Label, usize>,
) -> Column {
    let mut c = Column {
        labels: Vec::new(),
        starts: Vec::new(),
        aside: Vec::new(),
        end: k,
    };
    let mut j = k;
    while j < rows.len() && c.labels.len() < MAX_CANDIDATES {
        let t = rows[j].trimmed();
        if let Some(n) = bare_label(t) {
            // Below a rule, or after the page's first notes, a number in
            // order needs no call found (some calls are set apart).
            let free = (c.labels.is_empty() && rows[j].rule) || after.is_some_and(|a| n > a);
            let called =
                j >= endnotes || free || sites.get(&Some(n)).is_some_and(|&at| at < rows[k].seq);
            if called && c.labels.last().is_none_or(|&(_, l)| n > l) {
                c.labels.push((j, n));
            } else {
                c.aside.push(j);
            }
        } else if running(t) {
            c.aside.push(j);
        } else {
            break;
        }
        j += 1;
    }
    c.end = j;
    while c.end < rows.len() {
        let t = rows[c.end].trimmed();
        if bare_label(t).is_some() || note_start(t).is_some() || numbered(t).is_some() {
            break;
        }
        if running(t) {
            c.aside.push(c.end);
        } else if c.end == j || opens_note(t) {
            c.starts.push(c.end);
        }
        c.end += 1;
    }
    if c.labels.len() == 1 {
        c.starts.truncate(1);
    }
    c
}

/// Plain text sets a page's note numbers apart, alone on their lines (one,
/// or a column of them), with the notes' texts after them: each number is
/// put before its text where as many texts open as there are numbers. Above
/// row `endnotes` a number counts only where a call to it stands above it.
/// Page and job numbers met on the way go to the page's foot.
pub(super) fn label_columns(rows: &mut Vec<TextRow>, endnotes: usize) {
    for (i, r) in rows.iter_mut().enumerate() {
        r.seq = i;
    }
    let sites = call_sites(rows);
    let mut k = 0;
    let mut last = None;
    let mut tail = Vec::new();
    while k < rows.len() {
        if bare_label(rows[k].trimmed()).is_none() {
            k += 1;
            continue;
        }
        let c = column(rows, k, endnotes, last, &sites);
        if c.labels.is_empty() || c.starts.len() != c.labels.len() {
            k = c.end.max(k + 1);
            continue;
        }
        for (&(l, n), &s) in c.labels.iter().zip(&c.starts) {
            rows[s].text = format!("{n}  {}", rows[s].trimmed());
            rows[s].rule |= rows[l].rule;
            last = Some(n);
        }
        let gone: HashSet<usize> = c.labels.iter().map(|&(i, _)| i).collect();
        let aside: HashSet<usize> = c.aside.iter().copied().collect();
        let mut kept = Vec::new();
        let mut moved = Vec::new();
        for (i, r) in rows.iter_mut().enumerate().take(c.end).skip(k) {
            let r = std::mem::take(r);
            if aside.contains(&i) {
                moved.push(r);
            } else if !gone.contains(&i) {
                kept.push(r);
            }
        }
        let len = kept.len();
        rows.splice(k..c.end, kept);
        tail.append(&mut moved);
        k += len.max(1);
    }
    // Close at the page's foot, where furniture is looked for.
    for r in &mut tail {
        r.gap = false;
    }
    rows.append(&mut tail);
}
