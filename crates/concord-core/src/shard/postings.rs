//! Postings shards: a range of stems, in stem-id order (ids follow the stems' sorted
//! strings), each stem with its statements and each statement's token positions.
//!
//! Numbers are small on the wire: statements as gaps from the one before, positions as gaps
//! within their statement, all as postcard's varints (LEB128). A stem of several words also
//! says which of them is at each position, a byte each (its rank among the stem's words):
//! so `securit*`, which takes "security" but not "secure" of one stem, is matched from the
//! postings, without the text of every statement holding the stem. A shard holds about
//! [`TARGET`] bytes: stems are added whole while they fit; a stem that does not fit the room
//! left starts the next shard; a stem bigger than a shard is cut between postings into
//! consecutive shards (each part says which posting it starts at).

use crate::index::{Index, Postings, MAX_VARIANTS, NO_VARIANT};
use serde::{Deserialize, Serialize};

/// The size a postings shard is cut at, in bytes: big enough that a query's terms take a
/// handful of requests, small enough that a rare word costs little traffic.
pub const TARGET: usize = 32 * 1024;

/// One postings shard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub parts: Vec<Part>,
}

/// A stem's postings, or a run of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub stem: u32,
    /// Which of the stem's postings is the first here (0 for the whole, or its first part).
    pub from: u32,
    /// Statement ids, each as the gap from the one before (the first as it is).
    stmt_gaps: Vec<u32>,
    /// Number of positions of each posting.
    tf: Vec<u32>,
    /// Each posting's positions, as gaps from the one before (its first as it is).
    pos_gaps: Vec<u16>,
    /// The word at each position, as its rank among the stem's words (ascending ids);
    /// empty for a stem of one word, or of more than [`MAX_VARIANTS`].
    vars: Vec<u8>,
}

/// A part's postings in the index's own layout: statements, where each one's positions
/// start (and the end of the last), positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    pub stmts: Vec<u32>,
    pub starts: Vec<u32>,
    pub pos: Vec<u16>,
    /// As [`Part`]'s: one per position, or empty.
    pub vars: Vec<u8>,
}

/// Whether the postings of a stem of `words` words say which word is at each position.
pub fn says_words(words: usize) -> bool {
    (2..=MAX_VARIANTS).contains(&words)
}

impl Part {
    /// Postings `range` of stem `stem` of `index` (`postings` are all of its postings),
    /// with the statements' words of an index built from text.
    pub fn of(
        index: &Index,
        stem: u32,
        postings: &Postings<'_>,
        range: std::ops::Range<usize>,
    ) -> Part {
        let mut part = Part {
            stem,
            from: range.start as u32,
            ..Part::default()
        };
        let words = index.stem_words(stem);
        let with_words = says_words(words.len());
        let mut last = 0;
        for j in range {
            let s = postings.stmts[j];
            part.stmt_gaps.push(s - last);
            last = s;
            let positions = postings.positions(j);
            part.tf.push(positions.len() as u32);
            let mut at = 0;
            for &p in positions {
                part.pos_gaps.push(p - at);
                at = p;
            }
            if with_words {
                let toks = index.tokens(s);
                // The stem's words are few and sorted. A position clamped in a statement too
                // long for the postings ([`crate::index::MAX_STATEMENT_TOKENS`]) may hold
                // another stem's word: it says nothing, and matching reads the text.
                part.vars.extend(positions.iter().map(|&p| {
                    toks.get(usize::from(p))
                        .and_then(|w| words.binary_search(w).ok())
                        .map_or(NO_VARIANT, |r| r as u8)
                }));
            }
        }
        part
    }

    /// Number of postings.
    pub fn len(&self) -> usize {
        self.stmt_gaps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stmt_gaps.is_empty()
    }

    /// The postings, undone from gaps; an error (not a panic) when the counts disagree.
    pub fn decode(&self) -> Result<Decoded, String> {
        if self.tf.len() != self.stmt_gaps.len() {
            return Err(format!(
                "stem {}: {} statements but {} position counts",
                self.stem,
                self.stmt_gaps.len(),
                self.tf.len()
            ));
        }
        let total: u64 = self.tf.iter().map(|&n| u64::from(n)).sum();
        if total != self.pos_gaps.len() as u64 {
            return Err(format!(
                "stem {}: position counts add up to {total}, but {} positions",
                self.stem,
                self.pos_gaps.len()
            ));
        }
        if !self.vars.is_empty() && self.vars.len() != self.pos_gaps.len() {
            return Err(format!(
                "stem {}: {} positions but {} words",
                self.stem,
                self.pos_gaps.len(),
                self.vars.len()
            ));
        }
        let mut out = Decoded {
            stmts: Vec::with_capacity(self.len()),
            starts: Vec::with_capacity(self.len() + 1),
            pos: Vec::with_capacity(self.pos_gaps.len()),
            vars: self.vars.clone(),
        };
        let mut s = 0u32;
        let mut at = 0usize;
        out.starts.push(0);
        for (&gap, &n) in self.stmt_gaps.iter().zip(&self.tf) {
            s = s
                .checked_add(gap)
                .ok_or_else(|| format!("stem {}: a statement id overflows", self.stem))?;
            out.stmts.push(s);
            let mut p = 0u16;
            for &g in &self.pos_gaps[at..at + n as usize] {
                p = p
                    .checked_add(g)
                    .ok_or_else(|| format!("stem {}: a position overflows", self.stem))?;
                out.pos.push(p);
            }
            at += n as usize;
            out.starts.push(at as u32);
        }
        Ok(out)
    }
}

/// The bytes LEB128 takes for `x`.
#[cfg(feature = "build")]
fn varint_len(x: u32) -> usize {
    (32 - (x | 1).leading_zeros() as usize).div_ceil(7)
}

/// Postings `j`'s bytes in a part whose previous statement is `last` (with a byte for each
/// position's word when `words`).
#[cfg(feature = "build")]
fn posting_len(postings: &Postings<'_>, j: usize, last: u32, words: bool) -> usize {
    let positions = postings.positions(j);
    let mut n = varint_len(postings.stmts[j] - last)
        + varint_len(positions.len() as u32)
        + if words { positions.len() } else { 0 };
    let mut at = 0;
    for &p in positions {
        n += varint_len(u32::from(p - at));
        at = p;
    }
    n
}

/// A part's bytes besides its postings: its stem and start, and the lengths of its four
/// lists (`postings` of them, with `positions` positions).
#[cfg(feature = "build")]
fn part_overhead(stem: u32, from: usize, postings: usize, positions: usize) -> usize {
    varint_len(stem)
        + varint_len(from as u32)
        + 2 * varint_len(postings as u32)
        + 2 * varint_len(positions as u32)
}

/// Cuts the postings of every stem of `index` into shards of about `target` bytes (see
/// the module): each is its first stem, the first posting of it held, and the shard.
#[cfg(feature = "build")]
pub fn cut(index: &crate::index::Index, target: usize) -> Vec<(u32, u32, Shard)> {
    let mut out = Vec::new();
    cut_each(index, target, |first, from, shard| {
        out.push((first, from, shard));
        Ok::<_, std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    out
}

/// [`cut`], handing each shard to `each` as soon as it is cut (the build writes it and
/// holds one shard at a time); stops at `each`'s first error.
#[cfg(feature = "build")]
pub fn cut_each<E>(
    index: &crate::index::Index,
    target: usize,
    mut each: impl FnMut(u32, u32, Shard) -> Result<(), E>,
) -> Result<(), E> {
    let mut shard = Shard::default();
    let mut size = 0usize;
    let mut flush = |shard: &mut Shard, size: &mut usize| {
        *size = 0;
        match shard.parts.first() {
            Some(first) => each(first.stem, first.from, std::mem::take(shard)),
            None => Ok(()),
        }
    };
    for k in 0..index.stem_count() as u32 {
        let postings = index.postings(k);
        let n = postings.stmts.len();
        let words = says_words(index.stem_words(k).len());
        // Each posting's bytes in a part starting at it or before it.
        let lens: Vec<usize> = (0..n)
            .map(|j| {
                let last = if j == 0 { 0 } else { postings.stmts[j - 1] };
                posting_len(&postings, j, last, words)
            })
            .collect();
        let all_positions = postings.positions_total();
        let whole = part_overhead(k, 0, n, all_positions) + lens.iter().sum::<usize>();
        if size + whole > target && whole <= target {
            // Fits a shard of its own, not this one's room: start the next.
            flush(&mut shard, &mut size)?;
        }
        let mut from = 0;
        while from < n {
            // Take postings while they fit the room left (at least one into an empty shard).
            // The first posting of a part is written whole, not as a gap.
            // (The part's lengths are counted at their largest: all the stem's.)
            let overhead = part_overhead(k, from, n, all_positions);
            let room = target.saturating_sub(size + overhead);
            let mut end = from;
            let mut used = 0;
            while end < n {
                let b = if end == from {
                    posting_len(&postings, from, 0, words)
                } else {
                    lens[end]
                };
                if used + b > room && !(end == from && shard.parts.is_empty()) {
                    break;
                }
                used += b;
                end += 1;
            }
            if end > from {
                shard.parts.push(Part::of(index, k, &postings, from..end));
                size += overhead + used;
            }
            if end < n || size >= target {
                flush(&mut shard, &mut size)?;
            }
            from = end;
        }
    }
    flush(&mut shard, &mut size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "build")]
    fn varint_lengths_are_leb128() {
        for (x, n) in [(0, 1), (1, 1), (127, 1), (128, 2), (16_383, 2), (16_384, 3)] {
            assert_eq!(varint_len(x), n, "{x}");
            assert_eq!(postcard::to_allocvec(&x).unwrap().len(), n, "{x}");
        }
        assert_eq!(varint_len(u32::MAX), 5);
    }

    #[test]
    fn a_part_that_disagrees_with_itself_is_an_error() {
        let part = Part {
            stem: 3,
            from: 0,
            stmt_gaps: vec![1, 2],
            tf: vec![1],
            pos_gaps: vec![0],
            vars: vec![],
        };
        assert_eq!(
            part.decode().unwrap_err(),
            "stem 3: 2 statements but 1 position counts"
        );
        let part = Part {
            tf: vec![1, 2],
            ..part
        };
        assert_eq!(
            part.decode().unwrap_err(),
            "stem 3: position counts add up to 3, but 1 positions"
        );
        let overflow = Part {
            stem: 4,
            from: 0,
            stmt_gaps: vec![u32::MAX, 1],
            tf: vec![0, 0],
            pos_gaps: vec![],
            vars: vec![],
        };
        assert!(overflow.decode().unwrap_err().contains("overflows"));
        let words = Part {
            stem: 5,
            from: 0,
            stmt_gaps: vec![1],
            tf: vec![2],
            pos_gaps: vec![0, 3],
            vars: vec![1],
        };
        assert_eq!(
            words.decode().unwrap_err(),
            "stem 5: 2 positions but 1 words"
        );
    }
}
