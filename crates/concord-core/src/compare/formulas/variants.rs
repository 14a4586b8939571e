//! Variant groups (build time). Two phrases are variants of one formulation when:
//!
//! - **one word differs** in the same frame: they have the same length and differ in
//!   exactly one position, both words there are content words and neither is a name word
//!   (a person, a country or demonym, a title, a date: "the Palestinian people" and "the
//!   Syrian people" are two formulations), and the frame — the words they share — holds a
//!   content word that is not a name word ("just and lasting" ~ "just and enduring";
//!   never "solution to the Palestinian" ~ "support to the Palestinian", which share only
//!   function words and a name). When the word that differs is the last, the head, the two
//!   heads must be substitutable: each the head, in two places or more, of words the other
//!   is also the head of (`phrases::Heads`: "Palestinian question" ~ "Palestinian issue", but not
//!   "cause of the Palestinian people" ~ "cause of the Palestinian question"); or
//! - **one modifier more or less**: the longer is the shorter with one content word added
//!   anywhere but at its end (the end is the head, not a modifier), that word not a name
//!   word, and the shorter holds a content word that is not a name word ("comprehensive,
//!   just and lasting solution" ~ "just and lasting solution").
//!
//! A variant found with one word free whose partner was left out as a part of a longer
//! phrase joins that phrase's group (see `phrases::parts`). "a" and "an" count as one word. Variants of variants are one formulation ("fairness and
//! justice" ~ "international fairness and justice" ~ "international equity and justice"),
//! named by its best-ranked phrase.

use super::names::Names;
use super::phrases::{Found, Heads};
use super::{Formula, Text};
use crate::index::Index;
use std::collections::HashMap;

/// Groups `kept` (ranked, with their formulas) into variant groups: sets each formula's
/// [`Formula::group`].
pub(super) fn group(
    index: &Index,
    text: &mut Text<'_>,
    names: &Names,
    kept: &[Found],
    heads: &Heads,
    formulas: &mut [Formula],
) {
    let mut words = Words {
        heads,
        index,
        text,
        names,
        kept,
        name: HashMap::new(),
        an: index.stem_id("an").zip(index.stem_id("a")),
    };
    // Union-find, each group's root its best-ranked phrase (the smallest index).
    let mut parent: Vec<usize> = (0..kept.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for b in 0..kept.len() {
        for a in 0..b {
            if words.variants(a, b) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    // A variant whose set partner was left out as a part of a longer phrase joins it.
    for (f, found) in kept.iter().enumerate() {
        let Some(stems) = &found.joins else { continue };
        if let Some(g) = kept.iter().position(|k| &k.stems == stems) {
            let (ra, rb) = (root(&mut parent, f), root(&mut parent, g));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    for (f, formula) in formulas.iter_mut().enumerate() {
        formula.group = root(&mut parent, f) as u32;
    }
}

/// The words of the kept phrases, as variant grouping asks about them.
struct Words<'a, 't> {
    heads: &'a Heads,
    index: &'a Index,
    text: &'a mut Text<'t>,
    names: &'a Names,
    kept: &'a [Found],
    /// Whether word `k` of phrase `f` is a name word, once asked.
    name: HashMap<(usize, usize), bool>,
    /// The stems of "an" and "a", when the corpus has both.
    an: Option<(u32, u32)>,
}

impl Words<'_, '_> {
    /// Stem `k` of phrase `f`, "an" read as "a".
    fn stem(&self, f: usize, k: usize) -> u32 {
        let st = self.kept[f].stems[k];
        match self.an {
            Some((an, a)) if st == an => a,
            _ => st,
        }
    }

    fn content(&self, f: usize, k: usize) -> bool {
        let (s, i) = self.kept[f].occ[0];
        !self.index.is_stop(self.index.tokens(s)[i as usize + k])
    }

    /// True when word `k` of phrase `f`, as written at its first use, is a name word.
    fn name_word(&mut self, f: usize, k: usize) -> bool {
        if let Some(&known) = self.name.get(&(f, k)) {
            return known;
        }
        let (s, i) = self.kept[f].occ[0];
        let word = self.text.at(s, i + k as u32, 1);
        let is = self.names.is_name(&word);
        self.name.insert((f, k), is);
        is
    }

    /// A content word that is not a name word.
    fn plain(&mut self, f: usize, k: usize) -> bool {
        self.content(f, k) && !self.name_word(f, k)
    }

    /// True when phrases `a` and `b` are variants (see the module documentation).
    fn variants(&mut self, a: usize, b: usize) -> bool {
        let (la, lb) = (self.kept[a].stems.len(), self.kept[b].stems.len());
        if la == lb {
            let differ: Vec<usize> = (0..la)
                .filter(|&k| self.stem(a, k) != self.stem(b, k))
                .collect();
            let [k] = differ[..] else { return false };
            let head_ok = k + 1 < la || self.heads.pair(self.stem(a, k), self.stem(b, k));
            return head_ok
                && self.plain(a, k)
                && self.plain(b, k)
                && (0..la).any(|j| j != k && self.plain(a, j));
        }
        let (short, long) = if la + 1 == lb {
            (a, b)
        } else if lb + 1 == la {
            (b, a)
        } else {
            return false;
        };
        let ls = la.min(lb);
        // The position of the added word: the first where they part.
        let k = (0..ls)
            .find(|&k| self.stem(short, k) != self.stem(long, k))
            .unwrap_or(ls);
        let rest_same = (k..ls).all(|j| self.stem(short, j) == self.stem(long, j + 1));
        rest_same && k < ls && self.plain(long, k) && (0..ls).any(|j| self.plain(short, j))
    }
}
