//! Two sets of statements compared: how set A's language differs from set B's (one
//! speaker's from another's, 2023's from 2020's). Each set is what a search and its filters
//! find; a statement in both sets counts in both.
//!
//! For each side, against the other:
//! - **distinctive terms**: keyness of A against B and of B against A
//!   ([`keyness_between`]: log-likelihood ≥ 6.63 with Hardie's log ratio);
//! - **terms of one set only**: content words used at least [`MIN_USES`] times in this set
//!   and never in the other, the most used first;
//! - **distinctive speakers and countries**: each speaker's (the narrator is one) or
//!   country's share of this set's statements against its share of the other's, by the same
//!   log-likelihood and log ratio, over statements instead of words (a country counts for
//!   the statements by or about it);
//!
//! and ([`formulas_in`], apart: it reads every formulation's uses) the **formulations**
//! used in A only, in B only and in both, with their uses in each.

use super::formulas::{table_where, Formula};
use super::keyness::{keyness_between, log_likelihood, Counts, Key, MIN_G2, MIN_USES};
use crate::index::Index;
use crate::query::Searcher;

/// A speaker (slot: a person's index, the narrator last) or a country (index into
/// `index.countries`) that is a larger share of one set's statements than of the other's.
#[derive(Debug, Clone, PartialEq)]
pub struct Distinct {
    pub value: u32,
    /// Statements in this set and in the other.
    pub here: usize,
    pub there: usize,
    pub g2: f64,
    pub log_ratio: f64,
}

/// One set, seen against the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub statements: usize,
    pub documents: usize,
    pub tokens: usize,
    /// Terms this set uses more than the other, best first.
    pub keys: Vec<Key>,
    /// Content words used here at least [`MIN_USES`] times and never in the other set:
    /// (stem, its most used word here, uses), the most used first.
    pub only: Vec<(u32, u32, usize)>,
    pub speakers: Vec<Distinct>,
    pub countries: Vec<Distinct>,
}

/// A formulation's uses in each set (the first variant of its group names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaUses {
    pub formula: u32,
    pub a: usize,
    pub b: usize,
}

/// Two sets compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Sets {
    pub a: Side,
    pub b: Side,
    /// Statements in both sets.
    pub shared: usize,
}

/// The formulations used in A only (`Some(true)`), in B only (`Some(false)`), or in both
/// (`None`), of those [`formulas_in`] found.
pub fn formulas_of(
    uses: &[FormulaUses],
    only_a: Option<bool>,
) -> impl Iterator<Item = &FormulaUses> {
    uses.iter().filter(move |f| match only_a {
        Some(true) => f.b == 0,
        Some(false) => f.a == 0,
        None => f.a > 0 && f.b > 0,
    })
}

/// Compares the statements `a` with the statements `b` (ids, each once, ascending), at
/// most `limit` terms, speakers and countries a side (see the module documentation).
pub fn compare(index: &Index, a: &[u32], b: &[u32], limit: usize) -> Sets {
    compare_counted(
        index,
        (a, &Counts::of(index, a)),
        (b, &Counts::of(index, b)),
        limit,
    )
}

/// [`compare`] of statements `a` and `b` whose words are counted as `ca` and `cb` (added a
/// block at a time, when their text is read in blocks).
pub fn compare_counted(
    index: &Index,
    (a, ca): (&[u32], &Counts),
    (b, cb): (&[u32], &Counts),
    limit: usize,
) -> Sets {
    Sets {
        a: side(index, (a, ca), (b, cb), limit),
        b: side(index, (b, cb), (a, ca), limit),
        shared: a.iter().filter(|&&s| b.binary_search(&s).is_ok()).count(),
    }
}

/// Every formulation used in set `a` or `b` (statement ids, ascending) with its uses in
/// each, the most used first.
pub fn formulas_in(
    searcher: &Searcher<'_>,
    formulas: &[Formula],
    a: &[u32],
    b: &[u32],
) -> Vec<FormulaUses> {
    let in_a = |s: u32| a.binary_search(&s).is_ok();
    let in_b = |s: u32| b.binary_search(&s).is_ok();
    let mut uses: Vec<FormulaUses> = table_where(searcher, formulas, |s| in_a(s) || in_b(s), 1)
        .iter()
        .map(|e| {
            let count = |inside: &dyn Fn(u32) -> bool| {
                e.uses
                    .iter()
                    .filter(|u| inside(u.stmt))
                    .map(|u| u.count)
                    .sum()
            };
            FormulaUses {
                formula: e.variants[0].0,
                a: count(&in_a),
                b: count(&in_b),
            }
        })
        .collect();
    crate::sort::by(&mut uses, |x, y| {
        (y.a + y.b)
            .cmp(&(x.a + x.b))
            .then(x.formula.cmp(&y.formula))
    });
    uses
}

/// One set (`here`) against the other (`there`).
fn side(
    index: &Index,
    (here, ch): (&[u32], &Counts),
    (there, ct): (&[u32], &Counts),
    limit: usize,
) -> Side {
    let mut only: Vec<(u32, u32, usize)> = ch
        .stems
        .iter()
        .enumerate()
        .filter(|&(k, &n)| n as usize >= MIN_USES && ct.stems[k] == 0)
        .map(|(k, &n)| (k as u32, ch.form(index, k as u32), n as usize))
        .collect();
    crate::sort::by(&mut only, |x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)));
    only.truncate(limit);
    let mut documents: Vec<u32> = here
        .iter()
        .map(|&s| index.statements[s as usize].doc)
        .collect();
    documents.dedup();
    let narrator = index.totals.speaker.len().saturating_sub(1) as u32;
    let speaker =
        |s: u32| -> Vec<u32> { vec![index.statements[s as usize].speaker.unwrap_or(narrator)] };
    let country = |s: u32| index.countries_of(s).to_vec();
    Side {
        statements: here.len(),
        documents: documents.len(),
        tokens: ch.tokens,
        keys: keyness_between(index, ch, ct, limit),
        only,
        speakers: distinct(here, there, speaker, limit),
        countries: distinct(here, there, country, limit),
    }
}

/// The values (`of` each statement) that are a larger share of `here`'s statements than of
/// `there`'s, with `G²` ≥ [`MIN_G2`], best first, at most `limit`.
fn distinct(
    here: &[u32],
    there: &[u32],
    of: impl Fn(u32) -> Vec<u32>,
    limit: usize,
) -> Vec<Distinct> {
    use std::collections::HashMap;
    let count = |stmts: &[u32]| {
        let mut n: HashMap<u32, usize> = HashMap::new();
        for &s in stmts {
            for v in of(s) {
                *n.entry(v).or_default() += 1;
            }
        }
        n
    };
    let (h, t) = (count(here), count(there));
    let (nh, nt) = (here.len(), there.len());
    if nh == 0 || nt == 0 {
        return Vec::new();
    }
    let mut out: Vec<Distinct> = h
        .iter()
        .filter_map(|(&value, &a)| {
            let b = t.get(&value).copied().unwrap_or(0);
            let (g2, log_ratio) = log_likelihood(a, nh, b, nt);
            let more = (a as f64) / (nh as f64) > (b as f64) / (nt as f64);
            (more && g2 >= MIN_G2).then_some(Distinct {
                value,
                here: a,
                there: b,
                g2,
                log_ratio,
            })
        })
        .collect();
    crate::sort::by(&mut out, |x, y| {
        y.g2.total_cmp(&x.g2).then(x.value.cmp(&y.value))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::corpus;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// A = statements 0, 1, 3; B = statements 1, 2 (statement 1 is in both).
    /// A: peace 11, war 1, talks 2, accord 3 in 17 words; B: peace 1, war 11, talks 2 in 14.
    /// By hand: peace G² = 2(11 ln(11/E₁) + ln(1/E₂)), E₁ = 17·12/31, E₂ = 14·12/31, so
    /// 7.922821, log ratio log₂((11/17)/(1/14)) = 3.179324; war (B against A) 11.805941 and
    /// 3.739540; accord is A's only (its G², 3.604643, is under 6.63).
    #[test]
    fn overlapping_sets_by_hand() {
        let c = corpus(&[
            "peace peace peace peace peace peace peace peace peace peace talks",
            "peace war talks",
            "war war war war war war war war war war talks",
            "accord accord accord",
        ]);
        let index = Index::build(&c);
        let sets = compare(&index, &[0, 1, 3], &[1, 2], 10);
        assert_eq!(sets.shared, 1);
        assert_eq!((sets.a.statements, sets.a.tokens), (3, 17));
        assert_eq!((sets.b.statements, sets.b.tokens), (2, 14));
        let word = |k: &Key| index.words[k.word as usize].0.clone();
        assert_eq!(sets.a.keys.iter().map(word).collect::<Vec<_>>(), ["peace"]);
        let peace = &sets.a.keys[0];
        assert_eq!((peace.target, peace.rest), (11, 1));
        assert!(close(peace.g2, 7.922821) && close(peace.log_ratio, 3.179324));
        assert_eq!(sets.b.keys.iter().map(word).collect::<Vec<_>>(), ["war"]);
        let war = &sets.b.keys[0];
        assert!(close(war.g2, 11.805941) && close(war.log_ratio, 3.739540));
        let only: Vec<(String, usize)> = sets
            .a
            .only
            .iter()
            .map(|&(_, w, n)| (index.words[w as usize].0.clone(), n))
            .collect();
        assert_eq!(only, [("accord".to_string(), 3)]);
        assert!(sets.b.only.is_empty());
        let (g2, lr) = log_likelihood(3, 17, 0, 14);
        assert!(close(g2, 3.604643) && close(lr, 2.304855));
        // One speaker (the narrator) in both: no distinctive speaker.
        assert!(sets.a.speakers.is_empty() && sets.b.speakers.is_empty());
    }

    /// Counts added a block of statements at a time (as a sharded corpus reads them) give
    /// the comparison, and the keyness, of counts of all at once: on a real corpus, in
    /// blocks of three statements.
    #[test]
    fn counted_in_blocks_is_counted_at_once() {
        let corpus = crate::corpus::test_corpus("seeds");
        let index = Index::build(&corpus);
        // The longest document against the others and its first two statements (in both).
        let a: Vec<u32> = index.doc_statements(1).collect();
        let b: Vec<u32> = (0..index.statements.len() as u32)
            .filter(|s| !a[2..].contains(s))
            .collect();
        let blocks = |set: &[u32]| {
            let mut c = Counts::new(&index);
            for block in set.chunks(3) {
                c.add(&index, block.iter().copied());
            }
            c
        };
        let (ca, cb) = (blocks(&a), blocks(&b));
        assert_eq!(ca, Counts::of(&index, &a));
        let at_once = compare(&index, &a, &b, 25);
        assert!(!at_once.a.keys.is_empty() && !at_once.b.keys.is_empty());
        assert_eq!(at_once.shared, 2);
        assert_eq!(compare_counted(&index, (&a, &ca), (&b, &cb), 25), at_once);
        let doc: Vec<u32> = index.doc_statements(0).collect();
        let keys = crate::compare::keyness::keyness(&index, &doc, 10);
        assert!(!keys.is_empty());
        assert_eq!(
            crate::compare::keyness::keyness_of(&index, &blocks(&doc), 10),
            keys
        );
    }
}
