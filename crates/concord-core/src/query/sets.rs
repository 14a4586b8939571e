//! Sets of statement ids: galloping search in ascending lists (postings), and [`Bits`], one
//! bit per statement of the corpus, which a query's evaluation combines (a word in most
//! statements costs a pass over a few thousand words, not a merge of hundreds of thousands
//! of ids).

/// A set of statement ids below `len`, one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// No statement of `len`.
    pub(crate) fn none(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Every statement of `len`.
    pub(crate) fn all(len: usize) -> Bits {
        let mut b = Bits {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        b.trim();
        b
    }

    /// The ids of `list` (each below `len`).
    pub(crate) fn of(list: &[u32], len: usize) -> Bits {
        let mut b = Bits::none(len);
        for &s in list {
            b.insert(s);
        }
        b
    }

    /// The ids below `len` for which `keep` holds.
    pub(crate) fn with(len: usize, mut keep: impl FnMut(u32) -> bool) -> Bits {
        let mut b = Bits::none(len);
        for (i, w) in b.words.iter_mut().enumerate() {
            let first = i * 64;
            for k in 0..(len - first).min(64) {
                *w |= u64::from(keep((first + k) as u32)) << k;
            }
        }
        b
    }

    /// Clears the bits past `len` in the last word.
    fn trim(&mut self) {
        if let (Some(last), r) = (self.words.last_mut(), self.len % 64) {
            if r != 0 {
                *last &= (1u64 << r) - 1;
            }
        }
    }

    #[inline]
    pub(crate) fn insert(&mut self, s: u32) {
        self.words[s as usize / 64] |= 1 << (s % 64);
    }

    #[inline]
    pub(crate) fn contains(&self, s: u32) -> bool {
        self.words
            .get(s as usize / 64)
            .is_some_and(|w| w >> (s % 64) & 1 == 1)
    }

    /// How many ids the set holds.
    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub(crate) fn and(&mut self, other: &Bits) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= b);
    }

    pub(crate) fn or(&mut self, other: &Bits) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a |= b);
    }

    pub(crate) fn minus(&mut self, other: &Bits) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= !b);
    }

    /// The ids in the set, ascending.
    pub(crate) fn to_vec(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.count());
        self.each(|s| out.push(s));
        out
    }

    /// Calls `f` with each id in the set, ascending.
    #[inline]
    pub(crate) fn each(&self, f: impl FnMut(u32)) {
        each_bit(self.words.iter().copied(), f)
    }

    /// Calls `f` with each id below `len` not in the set, ascending.
    #[inline]
    pub(crate) fn each_missing(&self, f: impl FnMut(u32)) {
        let (last, r) = (self.words.len().saturating_sub(1), self.len % 64);
        let complement = self
            .words
            .iter()
            .enumerate()
            .map(|(i, &w)| match i == last && r != 0 {
                true => !w & ((1u64 << r) - 1),
                false => !w,
            });
        each_bit(complement, f)
    }

    /// Adds `s` when `yes`, without a branch.
    #[inline]
    pub(crate) fn insert_if(&mut self, s: u32, yes: bool) {
        self.words[s as usize / 64] |= u64::from(yes) << (s % 64);
    }
}

/// Calls `f` with the place of each set bit of `words` (64 to a word), ascending.
#[inline]
fn each_bit(words: impl Iterator<Item = u64>, mut f: impl FnMut(u32)) {
    for (i, mut w) in words.enumerate() {
        while w != 0 {
            f(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
}

/// The first index at or after `from` where `list` (ascending) holds a value ≥ `s`:
/// galloping, then a binary search in the last step.
pub(super) fn advance(list: &[u32], from: usize, s: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step < list.len() && list[lo + step] < s {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(list.len());
    lo + list[lo..hi].partition_point(|&x| x < s)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Lists, the reference for bits.
    fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }

    fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            out.push(x.min(y));
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        out
    }

    fn minus(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut j = 0;
        a.iter()
            .copied()
            .filter(|&x| {
                while j < b.len() && b[j] < x {
                    j += 1;
                }
                !(j < b.len() && b[j] == x)
            })
            .collect()
    }

    #[test]
    fn set_operations() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), [3, 5]);
        assert_eq!(union(&[1, 5], &[2, 5, 9]), [1, 2, 5, 9]);
        assert_eq!(minus(&[1, 2, 3, 4], &[2, 4, 6]), [1, 3]);
        assert_eq!(union(&[], &[]), Vec::<u32>::new());
    }

    /// Bits agree with the lists, at lengths around a word's edge (the bits past the end
    /// stay clear through every operation, complement included).
    #[test]
    fn bits_are_the_lists() {
        for len in [0usize, 1, 63, 64, 65, 130, 1000] {
            let a: Vec<u32> = (0..len as u32)
                .filter(|s| s % 3 == 0 || s % 7 == 1)
                .collect();
            let b: Vec<u32> = (0..len as u32).filter(|s| s % 2 == 0).collect();
            let all: Vec<u32> = (0..len as u32).collect();
            let (ba, bb) = (Bits::of(&a, len), Bits::of(&b, len));
            assert_eq!(ba.to_vec(), a, "{len}");
            assert_eq!(ba.count(), a.len());
            assert!((0..len as u32 + 70).all(|s| ba.contains(s) == a.contains(&s)));
            assert_eq!(Bits::all(len).to_vec(), all);
            assert_eq!(Bits::none(len).to_vec(), Vec::<u32>::new());
            assert_eq!(Bits::with(len, |s| s % 2 == 0), bb);
            let mut x = ba.clone();
            x.and(&bb);
            assert_eq!(x.to_vec(), intersect(&a, &b));
            let mut x = ba.clone();
            x.or(&bb);
            assert_eq!(x.to_vec(), union(&a, &b));
            let mut x = ba.clone();
            x.minus(&bb);
            assert_eq!(x.to_vec(), minus(&a, &b));
            let mut missing = Vec::new();
            ba.each_missing(|s| missing.push(s));
            assert_eq!(missing, minus(&all, &a));
            let mut x = Bits::none(len);
            for s in 0..len as u32 {
                x.insert_if(s, b.contains(&s));
            }
            assert_eq!(x, bb);
        }
    }
}
