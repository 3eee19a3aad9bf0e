//! Finding the ASCII capitals of a text, 64 bytes at a time.

/// Offsets (from `start`) of the ASCII capitals in `buf[start..start + len]`,
/// ascending, found 64 bytes at a time.
pub(super) struct Capitals<'a> {
    buf: &'a [u8],
    start: usize,
    len: usize,
    /// Offset of the block `mask` describes, and of the next block.
    block: usize,
    next: usize,
    mask: u64,
}

impl<'a> Capitals<'a> {
    pub(super) fn new(buf: &'a [u8], start: usize, len: usize) -> Capitals<'a> {
        Capitals {
            buf,
            start,
            len,
            block: 0,
            next: 0,
            mask: 0,
        }
    }
}

impl Iterator for Capitals<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.next >= self.len {
                return None;
            }
            self.block = self.next;
            self.next += 64;
            let mut mask = capitals_mask(self.buf, self.start + self.block);
            let left = self.len - self.block;
            if left < 64 {
                mask &= (1u64 << left) - 1;
            }
            self.mask = mask;
        }
        let k = self.block + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(k)
    }
}

/// Bit i set when `buf[at + i]` is an ASCII capital (bytes past the end
/// count as none).
#[inline(always)]
pub(super) fn capitals_mask(buf: &[u8], at: usize) -> u64 {
    match buf.get(at..at + 64).and_then(|b| b.try_into().ok()) {
        Some(block) => capitals_in(block),
        None => capitals_mask_tail(buf, at),
    }
}

/// `capitals_mask` with AVX-512BW, whose masked load reads the last block
/// in place.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512bw")]
#[inline]
pub(super) fn capitals_mask_avx512(buf: &[u8], at: usize) -> u64 {
    use std::arch::x86_64::{
        _mm512_cmplt_epu8_mask, _mm512_maskz_loadu_epi8, _mm512_set1_epi8, _mm512_sub_epi8,
    };
    let left = buf.len().saturating_sub(at);
    let keep = if left >= 64 {
        u64::MAX
    } else {
        (1u64 << left) - 1
    };
    let start = buf.get(at..).unwrap_or_default().as_ptr();
    // SAFETY: the masked load reads only the bytes `keep` selects, all of
    // them in `buf`.
    let v = unsafe { _mm512_maskz_loadu_epi8(keep, start.cast()) };
    // 'A'..='Z' less 'A' is 0..26; anything else wraps above.
    _mm512_cmplt_epu8_mask(
        _mm512_sub_epi8(v, _mm512_set1_epi8(b'A' as i8)),
        _mm512_set1_epi8(26),
    )
}

/// The last block of `buf`, copied so the fast path never needs padding.
#[cold]
#[inline(never)]
fn capitals_mask_tail(buf: &[u8], at: usize) -> u64 {
    let mut padded = [0u8; 64];
    let rest = buf.get(at..).unwrap_or_default();
    padded[..rest.len()].copy_from_slice(rest);
    capitals_in(&padded)
}

/// The compiler does not vectorise a bit-mask loop well, and this one runs
/// over every byte of the text: SSE2, which every x86-64 CPU has, does 16
/// bytes in three instructions.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn capitals_in(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut mask = 0u64;
    for (j, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the 16
        // bytes of `chunk`, and `loadu` needs no alignment.
        let bits = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            // 'A'..='Z' plus 63 wraps to the bottom of the signed range, -128..=-103.
            let moved = _mm_add_epi8(v, _mm_set1_epi8(63));
            _mm_movemask_epi8(_mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 26)))
        };
        mask |= u64::from(bits as u16) << (16 * j);
    }
    mask
}

/// Eight bytes a step elsewhere.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn capitals_in(block: &[u8; 64]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, _) = block.as_chunks::<8>();
    let mut mask = 0u64;
    for (j, w) in words.iter().enumerate() {
        let x = u64::from_le_bytes(*w);
        let low = x & LOW7;
        // Bit 7 of each byte: at least 'A', not above 'Z', and ASCII.
        let at_least_a = low + 0x3f3f_3f3f_3f3f_3f3f;
        let above_z = low + 0x2525_2525_2525_2525;
        let capitals = (at_least_a & !above_z & !x & HIGH) >> 7;
        // Gather the eight bits into one byte.
        let bits = capitals.wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * j);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_finds_the_same_capitals() {
        if !std::arch::is_x86_feature_detected!("avx512bw") {
            return;
        }
        let text = "aB c\u{e9}DZ@[`{".repeat(20);
        let b = text.as_bytes();
        for at in 0..b.len() {
            // SAFETY: the CPU has AVX-512BW, checked above.
            let got = unsafe { capitals_mask_avx512(b, at) };
            assert_eq!(got, capitals_mask(b, at), "at {at}");
        }
    }

    #[test]
    fn capitals_are_found_in_every_block_position() {
        let text = "aB c\u{e9}D".repeat(40);
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_uppercase())
            .map(|(i, _)| i)
            .collect();
        for start in [0, 1, 7, 63, 64, 65] {
            let got: Vec<usize> = Capitals::new(text.as_bytes(), start, text.len() - start)
                .map(|k| k + start)
                .collect();
            let want: Vec<usize> = want.iter().copied().filter(|&i| i >= start).collect();
            assert_eq!(got, want, "from {start}");
        }
    }
}
