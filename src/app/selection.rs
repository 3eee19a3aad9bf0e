//! Selecting a passage by keys (`v`, then `w` `b` `)` `(` `$` `0` `}` `o`
//! `j` `k`) or by dragging the mouse, word by word, across paragraphs.
//!
//! Both ends sit on words of paragraphs' passages (`Document::passage`);
//! the selection runs from the start of the first word to the end of the
//! last, whichever end is the anchor.

use std::ops::Range;

use super::{App, Effect, MessageKind};
use crate::action::Action;
use crate::layout::BlockKind;
use crate::notes::highlight::{At, Span};

/// A selection: the end that stays and the end that moves, each the start
/// of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: At,
    pub head: At,
}

/// The words of a passage: maximal runs of characters that are not spaces.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Whether a word ends a sentence: a full stop, question or exclamation
/// mark, maybe inside closing quotes or brackets.
fn ends_sentence(word: &str) -> bool {
    let core = word.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    core.ends_with(['.', '?', '!']) && core.chars().filter(|c| c.is_alphanumeric()).count() > 1
}

impl App {
    fn words_of(&self, p: usize) -> (String, Vec<Range<usize>>) {
        let text = self.doc.passage(p).text;
        let w = words(&text);
        (text, w)
    }

    /// The word that starts at or holds byte `at.byte` of its paragraph.
    fn word_index(&self, at: At) -> Option<(Vec<Range<usize>>, usize)> {
        let (_, w) = self.words_of(at.paragraph);
        let i = w.iter().rposition(|r| r.start <= at.byte).unwrap_or(0);
        (!w.is_empty()).then_some((w, i))
    }

    /// The first (or last) word of the nearest paragraph with words from
    /// `p` on, going forward (or back).
    fn edge_word(&self, p: usize, forward: bool, last: bool) -> Option<At> {
        let n = self.doc.paragraphs.len();
        let mut q = p;
        loop {
            if q >= n {
                return None;
            }
            let (_, w) = self.words_of(q);
            let word = if last { w.last() } else { w.first() };
            if let Some(r) = word {
                return Some(At {
                    paragraph: q,
                    byte: r.start,
                });
            }
            q = if forward { q + 1 } else { q.checked_sub(1)? };
        }
    }

    /// The passage a selection covers.
    pub fn selection_span(&self, s: &Selection) -> Span {
        let (lo, hi) = if s.anchor <= s.head {
            (s.anchor, s.head)
        } else {
            (s.head, s.anchor)
        };
        let end = self
            .word_index(hi)
            .map_or(hi.byte, |(w, i)| w[i].end.max(hi.byte));
        Span {
            start: lo,
            end: At {
                paragraph: hi.paragraph,
                byte: end,
            },
        }
    }

    /// `v`: a selection of the current paragraph's first word.
    pub(super) fn start_selection(&mut self) {
        let p = self.current.unwrap_or(0);
        match self.edge_word(p, true, false) {
            Some(at) => {
                self.selection = Some(Selection {
                    anchor: at,
                    head: at,
                });
                self.follow_head();
            }
            None => self.set_message("no paragraph here to select in", MessageKind::Info),
        }
    }

    /// Where `action` moves the selection's moving end, if it moves it.
    fn moved_head(&self, head: At, action: Action) -> Option<At> {
        let (words, i) = self.word_index(head)?;
        let p = head.paragraph;
        let at = |k: usize| At {
            paragraph: p,
            byte: words[k].start,
        };
        let last = words.len() - 1;
        match action {
            Action::WordForward if i < last => Some(at(i + 1)),
            Action::WordForward => self.edge_word(p + 1, true, false),
            Action::WordBack if i > 0 => Some(at(i - 1)),
            Action::WordBack => self.edge_word(p.checked_sub(1)?, false, true),
            Action::ParagraphEnd => Some(at(last)),
            Action::ParagraphStart => Some(at(0)),
            Action::NextParagraphEnd => self.edge_word(p + 1, true, true).map(|a| {
                let (w, _) = self.word_index(a).unwrap_or_default();
                At {
                    paragraph: a.paragraph,
                    byte: w.last().map_or(a.byte, |r| r.start),
                }
            }),
            Action::SentenceForward | Action::SentenceBack => {
                let (text, _) = self.words_of(p);
                let ends = |k: usize| ends_sentence(&text[words[k].clone()]);
                if action == Action::SentenceForward {
                    if i == last {
                        return self
                            .moved_head(self.edge_word(p + 1, true, false)?, action)
                            .or_else(|| self.edge_word(p + 1, true, true));
                    }
                    let k = (i + 1..=last).find(|&k| ends(k)).unwrap_or(last);
                    Some(at(k))
                } else {
                    let start_of = |k: usize| (1..=k).rev().find(|&j| ends(j - 1)).unwrap_or(0);
                    let s = start_of(i);
                    if s < i {
                        Some(at(s))
                    } else if i > 0 {
                        Some(at(start_of(i - 1)))
                    } else {
                        self.edge_word(p.checked_sub(1)?, false, true)
                            .map(|a| self.moved_head(a, action).unwrap_or(a))
                    }
                }
            }
            _ => None,
        }
    }

    /// Scrolls as little as needed to show the selection's moving end.
    fn follow_head(&mut self) {
        let Some(s) = self.selection else {
            return;
        };
        self.current = Some(s.head.paragraph);
        let Some((block, offset)) = self.shown_at(s.head) else {
            return;
        };
        let line = {
            let lines = self.wrap.lines(&self.blocks, block);
            lines.iter().rposition(|r| r.start <= offset).unwrap_or(0)
        };
        let gap = self.blocks.gap(block) as usize;
        let target = crate::layout::Pos {
            block,
            line: gap + line,
        };
        let height = self.text_height();
        if target < self.top {
            self.top = target;
        } else {
            let bottom = self
                .wrap
                .advance(&self.blocks, self.top, height as isize - 1);
            if target > bottom {
                self.top = self
                    .wrap
                    .advance(&self.blocks, target, -(height as isize - 1));
            }
        }
    }

    /// The block and block byte that show passage place `at`.
    pub fn shown_at(&self, at: At) -> Option<(usize, u32)> {
        let passage = self.doc.passage(at.paragraph);
        let first = *self.paragraph_block.get(at.paragraph)?;
        let mut found = None;
        for (b, block) in self.blocks.iter().enumerate().skip(first) {
            match block.kind {
                BlockKind::Paragraph(p) | BlockKind::SubItem(p, _) if p == at.paragraph => {}
                BlockKind::Note(p, _) if p == at.paragraph => continue,
                _ => break,
            }
            let segments = crate::shown::segments(&passage, block);
            if let Some(r) = crate::shown::to_block(&segments, at.byte..at.byte + 1) {
                found = Some((b, r.start));
                break;
            }
        }
        found
    }

    /// A drag with the left button: selects from where it went down.
    pub(super) fn drag_to(&mut self, column: u16, row: u16) {
        let (Some(anchor), Some(head)) = (self.pressed, self.at_cell(column, row)) else {
            return;
        };
        self.overlay_free_selection(anchor, head);
    }

    fn overlay_free_selection(&mut self, anchor: At, head: At) {
        if !matches!(self.overlay, super::Overlay::None) {
            return;
        }
        self.chosen = None;
        self.selection = Some(Selection { anchor, head });
        self.current = Some(head.paragraph);
    }

    /// A press of the left button in the text: a drag may start here.
    pub(super) fn press_at(&mut self, column: u16, row: u16) {
        self.selection = None;
        self.pressed = self.at_cell(column, row);
    }

    /// The word shown at a cell of the text pane.
    fn at_cell(&self, column: u16, row: u16) -> Option<At> {
        let areas = self.areas();
        let pos = *self.visible.get(row.checked_sub(areas.text.y)? as usize)?;
        let block = self.blocks.get(pos.block)?;
        let line = pos.line.checked_sub(block.gap as usize)?;
        let range = self.wrap.cached(pos.block)?.get(line)?.clone();
        let column = column.checked_sub(areas.text.x + block.indent)?;
        self.word_at_column(pos.block, range, usize::from(column))
    }

    /// The word shown at `column` of a wrapped line (`range`) of a block.
    fn word_at_column(&self, b: usize, range: Range<u32>, mut column: usize) -> Option<At> {
        let block = self.blocks.get(b)?;
        let (p, _) = crate::shown::shown(block)?;
        let mut byte = range.start;
        for (i, c) in block.text()[range.start as usize..range.end as usize].char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            byte = range.start + i as u32;
            if column < w {
                break;
            }
            column -= w;
        }
        let passage = self.doc.passage(p);
        let segments = crate::shown::segments(&passage, block);
        let byte = crate::shown::to_passage(&segments, byte)?;
        let w = words(&passage.text);
        let k = w.iter().rposition(|r| r.start <= byte).unwrap_or(0);
        Some(At {
            paragraph: p,
            byte: w.get(k)?.start,
        })
    }

    /// `j` and `k`: the word on the screen line below (above) the moving
    /// end, at about its column; paragraphs' and sub-items' lines only.
    fn line_moved(&mut self, head: At, down: bool) -> Option<At> {
        let (block, offset) = self.shown_at(head)?;
        let lines = self.wrap.lines(&self.blocks, block).to_vec();
        let here = lines.iter().rposition(|r| r.start <= offset).unwrap_or(0);
        let text = self.blocks[block].text();
        let column = usize::from(self.blocks[block].indent)
            + unicode_width::UnicodeWidthStr::width(
                text.get(lines[here].start as usize..offset as usize)
                    .unwrap_or(""),
            );
        let shows = |app: &App, b: usize| crate::shown::shown(&app.blocks[b]).is_some();
        let (to, line) = if down && here + 1 < lines.len() {
            (block, here + 1)
        } else if down {
            ((block + 1..self.blocks.len()).find(|&b| shows(self, b))?, 0)
        } else if here > 0 {
            (block, here - 1)
        } else {
            let b = (0..block).rev().find(|&b| shows(self, b))?;
            (b, self.wrap.lines(&self.blocks, b).len().saturating_sub(1))
        };
        let range = self.wrap.lines(&self.blocks, to).get(line)?.clone();
        let indent = usize::from(self.blocks[to].indent);
        self.word_at_column(to, range, column.saturating_sub(indent))
    }
}

/// The colour a colour key names.
pub(super) fn colour_of(action: Action) -> Option<u8> {
    match action {
        Action::Colour1 => Some(1),
        Action::Colour2 => Some(2),
        Action::Colour3 => Some(3),
        Action::Colour4 => Some(4),
        Action::Colour5 => Some(5),
        _ => None,
    }
}

pub(super) fn selection_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(mut s) = app.selection else {
        return Vec::new();
    };
    match action {
        Action::Close => {
            app.selection = None;
            return Vec::new();
        }
        Action::SwapEnds => {
            std::mem::swap(&mut s.anchor, &mut s.head);
            app.selection = Some(s);
            app.follow_head();
        }
        Action::Highlight => return app.highlight_selection(1, false),
        Action::HighlightNote => return app.highlight_selection(1, true),
        Action::CopyQuote => {
            let span = app.selection_span(&s);
            app.selection = None;
            return app.copy_quote(&span);
        }
        _ => {
            if let Some(colour) = colour_of(action) {
                return app.highlight_selection(colour, false);
            }
            let moved = match action {
                Action::LineDown | Action::LineUp => {
                    app.line_moved(s.head, action == Action::LineDown)
                }
                _ => app.moved_head(s.head, action),
            };
            if let Some(head) = moved {
                s.head = head;
                app.selection = Some(s);
                app.follow_head();
            }
        }
    }
    Vec::new()
}
