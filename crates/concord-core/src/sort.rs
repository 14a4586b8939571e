//! Sorting by a comparison, compiled once for the whole program.
//!
//! The standard library's `sort_by` is compiled anew for every element type *and* every
//! comparison closure: a size profile of the app found 145 sort functions, about 170 kB of
//! its code before optimization (the largest single part after Yew's views). Here a sort
//! orders a permutation of `u32` positions through a `dyn` comparison — one compiled sort
//! for every caller — and then moves the elements into place, a cycle at a time.
//!
//! Both sorts are stable. Callers whose comparison breaks every tie get the order an
//! unstable sort would give; a sort of plain numbers or tuples of them (`sort_unstable()`)
//! stays with the standard library, where it is small and fast.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (as `slice::sort_by`).
///
/// ```
/// let mut v = vec![("b", 2), ("a", 2), ("c", 1)];
/// concord_core::sort::by(&mut v, |x, y| x.1.cmp(&y.1));
/// assert_eq!(v, [("c", 1), ("b", 2), ("a", 2)]);
/// ```
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let positions = {
        let items: &[T] = v;
        order(items.len(), |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, positions);
}

/// Sorts `v` by the key `key` gives each element, stably (as `slice::sort_by_key`).
///
/// ```
/// let mut v = vec!["ccc", "a", "bb"];
/// concord_core::sort::by_key(&mut v, |s| s.len());
/// assert_eq!(v, ["a", "bb", "ccc"]);
/// ```
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)))
}

/// The positions `0..n` in the order `cmp` gives them (stably), for a caller that wants the
/// order itself rather than sorted elements.
///
/// ```
/// let words = ["b", "c", "a"];
/// assert_eq!(concord_core::sort::order(3, |x, y| words[x].cmp(words[y])), [2, 0, 1]);
/// ```
pub fn order(n: usize, mut cmp: impl FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    permutation(n, &mut cmp)
}

/// The positions `0..n` in the order `cmp` gives them: the one compiled sort.
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let n = u32::try_from(n).expect("fewer than 2^32 elements to sort");
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

/// Moves `v[order[i]]` to position `i` for every `i`, in place: each cycle of the
/// permutation is followed once, and `order` marks where it has been.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_standard_library_does(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|b| std::cmp::Reverse(b.0));
            let mut got = v;
            by(&mut got, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(got, want);
        }

        #[test]
        fn by_key_is_sort_by_key(v in proptest::collection::vec(".{0,4}", 0..60)) {
            let mut want = v.clone();
            want.sort_by_key(|s| s.chars().count());
            let mut got = v;
            by_key(&mut got, |s| s.chars().count());
            prop_assert_eq!(got, want);
        }
    }

    /// Elements that own memory are moved, not copied: each ends up once.
    #[test]
    fn moves_owned_elements() {
        let mut v: Vec<String> = ["d", "b", "a", "c", "e"].map(String::from).to_vec();
        by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "b", "c", "d", "e"]);
        let mut one = vec![String::from("x")];
        by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, ["x"]);
    }
}
