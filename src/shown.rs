//! Where a paragraph's passage (`Document::passage`) shows among its text
//! blocks: highlights and selections are kept in passage bytes and drawn,
//! scrolled to and clicked on in block bytes.

use std::ops::Range;

use crate::document::passage::{Passage, Shown};
use crate::layout::{BlockKind, TextBlock};

/// Which part of its paragraph's passage a block shows, if any.
pub fn shown(block: &TextBlock) -> Option<(usize, Shown)> {
    match block.kind {
        BlockKind::Paragraph(p) => Some((p, Shown::Body)),
        BlockKind::SubItem(p, k) => Some((p, Shown::SubItem(k))),
        _ => None,
    }
}

/// The stretches a block shows of the passage: (byte in the passage, byte
/// in the block, length), in order.
pub fn segments(passage: &Passage, block: &TextBlock) -> Vec<(u32, u32, u32)> {
    let Some((_, part)) = shown(block) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Labels and spaces the passage puts in sit where the block has them:
    // after the stretch before.
    let mut cursor = 0u32;
    for piece in passage.pieces_in(part) {
        let at = match piece.source {
            Some(s) => match block.from_source(s) {
                Some(b) => b,
                None => continue,
            },
            None => cursor,
        };
        out.push((piece.at, at, piece.len));
        cursor = at + piece.len;
    }
    out
}

/// The block bytes that show passage bytes `range`; None when none do.
pub fn to_block(segments: &[(u32, u32, u32)], range: Range<usize>) -> Option<Range<u32>> {
    let (a, b) = (range.start as u32, range.end as u32);
    let mut lo = None;
    let mut hi = None;
    for &(p, blk, len) in segments {
        if p + len <= a || p >= b {
            continue;
        }
        lo.get_or_insert(blk + a.saturating_sub(p));
        hi = Some(blk + (b.min(p + len) - p));
    }
    Some(lo?..hi?)
}

/// The passage byte a block byte shows: the nearest one before it when it
/// shows none (a note call).
pub fn to_passage(segments: &[(u32, u32, u32)], byte: u32) -> Option<usize> {
    let mut best = None;
    for &(p, blk, len) in segments {
        if blk > byte {
            break;
        }
        best = Some(if byte < blk + len {
            p + (byte - blk)
        } else {
            p + len.saturating_sub(1)
        });
    }
    best.map(|b| b as usize)
}
