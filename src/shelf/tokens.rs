//! The shelf's words: text folded as the search inside a report folds it
//! (`crate::fold`), cut into words, with a UN document symbol kept whole as
//! one word: `A/HRC/28/4`, `E/CN.4/2005/85`, `S/RES/1325` (whose "(2000)"
//! is the next word, so the phrase `"S/RES/1325 (2000)"` finds it).
//!
//! Each word's offsets are in the printed text, not the folded one, so a
//! snippet shows what the report prints.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use crate::fold::Folded;

/// The name the index knows the tokenizer by.
pub const TOKENIZER: &str = "report_fold";

/// Longer words are no words (a run of digits, a URL's tail): left out.
const MAX_WORD: usize = 100;

/// The analyzer to register on an index under `TOKENIZER`.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::from(FoldTokenizer::default())
}

/// Folds a text and cuts it into words, symbols whole.
#[derive(Clone, Default)]
pub struct FoldTokenizer {
    tokens: Vec<Token>,
}

pub struct FoldStream<'a> {
    tokens: &'a mut Vec<Token>,
    at: Option<usize>,
}

impl Tokenizer for FoldTokenizer {
    type TokenStream<'a> = FoldStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldStream<'a> {
        self.tokens.clear();
        tokenize(text, &mut self.tokens);
        FoldStream {
            tokens: &mut self.tokens,
            at: None,
        }
    }
}

impl TokenStream for FoldStream<'_> {
    fn advance(&mut self) -> bool {
        let next = self.at.map_or(0, |k| k + 1);
        self.at = Some(next);
        next < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self
            .at
            .unwrap_or(0)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let k = self
            .at
            .unwrap_or(0)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[k]
    }
}

/// The words of `text`, folded: what the index holds and a query asks.
pub fn words(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens);
    tokens.into_iter().map(|t| t.text).collect()
}

/// A note call glued to a word ("A/HRC/28/4¹²") is not part of it:
/// superscript digits become as many spaces as they have bytes, so every
/// offset stays that of the printed text.
fn without_note_calls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_call = |c: char| crate::document::is_superscript_digit(c);
    if !text.contains(is_call) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_call(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn tokenize(text: &str, out: &mut Vec<Token>) {
    let plain = without_note_calls(text);
    let folded = Folded::new(&plain);
    let f = folded.text.as_str();
    let mut position = 0;
    let mut i = 0;
    while i < f.len() {
        let Some(c) = f[i..].chars().next() else {
            break;
        };
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let end = symbol_end(f, i).unwrap_or_else(|| {
            f[i..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(f.len(), |n| i + n)
        });
        if end - i <= MAX_WORD {
            let printed = folded.original(&plain, i..end);
            out.push(Token {
                offset_from: printed.start as usize,
                offset_to: printed.end as usize,
                position,
                text: f[i..end].to_string(),
                position_length: 1,
            });
            position += 1;
        }
        i = end;
    }
}

/// Where a UN document symbol that starts at `i` in folded text ends: a
/// series of letters ("a", "hrc", "cedaw"), then segments of letters,
/// digits, dots and hyphens after slashes, one of them with a digit.
/// "and/or" and "HIV/AIDS" are words; a sentence's full stop is not the
/// symbol's.
fn symbol_end(f: &str, i: usize) -> Option<usize> {
    let b = f.as_bytes();
    if i > 0 && b[i - 1] == b'/' {
        return None;
    }
    let mut end = i;
    while end < b.len() && b[end].is_ascii_lowercase() {
        end += 1;
    }
    if end == i || end - i > 10 {
        return None;
    }
    let (mut segments, mut digit) = (1, false);
    while end < b.len() && b[end] == b'/' {
        let start = end + 1;
        let mut k = start;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'.' || b[k] == b'-') {
            k += 1;
        }
        let mut e = k;
        while e > start && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        if e == start {
            break;
        }
        digit |= b[start..e].iter().any(u8::is_ascii_digit);
        segments += 1;
        end = e;
        if e < k {
            break;
        }
    }
    (segments >= 2 && digit).then_some(end)
}

/// The words a query searches for, without its filters (`sym:`, `year:`…),
/// the words it excludes (`-word`) or its signs and quotes: to search for
/// them again inside a report.
pub fn plain_words(query: &str) -> String {
    let mut out = Vec::new();
    let mut excluded = false;
    for token in query.split_whitespace() {
        // A quoted phrase after `-` is excluded whole.
        if excluded {
            excluded = !token.ends_with('"');
            continue;
        }
        if let Some(phrase) = token.strip_prefix("-\"") {
            excluded = !phrase.ends_with('"') || phrase.is_empty();
            continue;
        }
        if token.starts_with('-') || token.contains(':') {
            continue;
        }
        let word = token.trim_start_matches('+').trim_matches('"');
        if !word.is_empty() {
            out.push(word);
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_one_word_and_words_are_folded() {
        assert_eq!(
            words("See A/HRC/28/4, E/CN.4/2005/85 and S/RES/1325 (2000)."),
            [
                "see",
                "a/hrc/28/4",
                "e/cn.4/2005/85",
                "and",
                "s/res/1325",
                "2000"
            ]
        );
        assert_eq!(words("(A/HRC/WG.6/20/SVN/2)."), ["a/hrc/wg.6/20/svn/2"]);
        assert_eq!(
            words("HIV/AIDS and/or 24/7"),
            ["hiv", "aids", "and", "or", "24", "7"]
        );
        assert_eq!(words("Côte d’Ivoire’s"), ["cote", "d", "ivoire", "s"]);
        assert_eq!(words("A/80/188¹²"), ["a/80/188"]);
        assert_eq!(words("a/hrc/28/4/Add.1."), ["a/hrc/28/4/add.1"]);
    }

    #[test]
    fn offsets_are_in_the_printed_text() {
        let text = "La Côte d’Ivoire (A/HRC/28/4¹).";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let shown: Vec<&str> = tokens
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(shown, ["La", "Côte", "d", "Ivoire", "A/HRC/28/4"]);
        assert_eq!(tokens[4].position, 4);
    }

    #[test]
    fn plain_words_leave_out_filters_exclusions_and_signs() {
        assert_eq!(
            super::plain_words(
                r#"+detention "migrant children" -adults sym:A/HRC/ -"road safety" year:2024"#
            ),
            "detention migrant children"
        );
    }
}
