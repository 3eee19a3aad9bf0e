//! Whether text is laid out in pages, as `pdftotext` makes of a PDF (plain
//! or with `-layout`): form feeds or hard-wrapped blocks, and almost no long
//! lines of prose (the embedded layout keeps a Paragraph on one line). Such
//! text is read by `pdf::read_text`, as the PDF it came from would be.

use super::shapes::{is_job_number, is_symbol};

/// Looked at to decide the layout; enough for several pages.
const SNIFF_BYTES: usize = 64 * 1024;
/// A line longer than this is not hard-wrapped.
const LONG_LINE: usize = 120;

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
        // A table's rows in the embedded layout are short lines in a run too.
        if line.first() == Some(&b'|')
            || line
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0c'))
        {
            prev_nonblank = false;
            continue;
        }
        nonblank += 1;
        // A contents line's dot leaders or a laid-out line's columns are long
        // without being a paragraph kept on one line.
        let spread = memchr::memmem::find(line, b"  ").is_some()
            || memchr::memmem::find(line, b". . .").is_some()
            || memchr::memmem::find(line, b"....").is_some();
        if line.len() > LONG_LINE && !spread {
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
pub(crate) fn is_running_line(line: &str) -> bool {
    !line.is_empty()
        && is_furniture(line)
        && line
            .split_whitespace()
            .any(|t| is_symbol(t) || is_job_number(t))
}

/// A running header or footer: symbol, job number, page number, nothing else.
pub(crate) fn is_furniture(line: &str) -> bool {
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
    }
}
