//! Distinctive terms: the stems a set of statements (a document, a filtered result) uses
//! more than a reference does — the rest of the corpus ([`keyness`]), or another set
//! ([`keyness_between`]).
//!
//! For each content stem (stopwords left out) used at least [`MIN_USES`] times in the
//! target: `a` uses in the target of `T` tokens, `b` in the reference of `R` tokens. Keyness
//! is Dunning's log-likelihood `G² = 2 (a ln(a/E₁) + b ln(b/E₂))` with `E₁ = T(a+b)/(T+R)`,
//! `E₂ = R(a+b)/(T+R)` ([`log_likelihood`]); only stems used more in the target than in the
//! reference count, and only when `G²` ≥ [`MIN_G2`] (p < 0.01 with one degree of freedom).
//! The effect size is Hardie's log ratio, `log₂((a/T) / (b/R))`, with `b` taken as 0.5 when
//! the reference never uses the stem. Terms are ordered by `G²`; each is shown in the form
//! the target uses most.

use crate::index::Index;

/// Fewest uses in the target for a stem to be considered.
pub const MIN_USES: usize = 3;
/// Least log-likelihood for a stem to count as distinctive (the 1% critical value of χ²
/// with one degree of freedom).
pub const MIN_G2: f64 = 6.63;

/// A distinctive term.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub stem: u32,
    /// The word (id into [`Index::words`]) the target uses most for this stem.
    pub word: u32,
    /// Uses in the target and in the reference (the rest of the corpus, or the other set).
    pub target: usize,
    pub rest: usize,
    pub g2: f64,
    pub log_ratio: f64,
}

/// Dunning's `G²` and Hardie's log ratio of `a` uses in `t` units against `b` in `r` (see
/// the module documentation); the log ratio takes `b` as 0.5 when it is 0.
///
/// ```
/// use concord_core::compare::keyness::log_likelihood;
/// let (g2, lr) = log_likelihood(10, 1000, 10, 1000);
/// assert_eq!((g2, lr), (0.0, 0.0));
/// ```
pub fn log_likelihood(a: usize, t: usize, b: usize, r: usize) -> (f64, f64) {
    let (a, b, t, r) = (a as f64, b as f64, t as f64, r as f64);
    let e1 = t * (a + b) / (t + r);
    let e2 = r * (a + b) / (t + r);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = 2.0 * (term(a, e1) + term(b, e2));
    (g2, ((a / t) / (b.max(0.5) / r)).log2())
}

/// The content words of a set of statements: uses of each stem and of each word, and the
/// set's tokens (stopwords included, as the denominator).
#[derive(Debug, Clone, PartialEq)]
pub struct Counts {
    pub stems: Vec<u32>,
    pub words: Vec<u32>,
    pub tokens: usize,
}

impl Counts {
    /// The counts of statements `stmts` (ids, each once).
    pub fn of(index: &Index, stmts: &[u32]) -> Counts {
        let mut c = Counts::new(index);
        c.add(index, stmts.iter().copied());
        c
    }

    /// The counts of no statement, sized for `index`'s vocabulary.
    pub fn new(index: &Index) -> Counts {
        Counts {
            stems: vec![0; index.stem_count()],
            words: vec![0; index.words.len()],
            tokens: 0,
        }
    }

    /// Adds the words of statements `stmts` (each once over all the calls; their words
    /// loaded): counts added a block of statements at a time are the counts of all.
    pub fn add(&mut self, index: &Index, stmts: impl IntoIterator<Item = u32>) {
        for s in stmts {
            let toks = index.tokens(s);
            self.tokens += toks.len();
            for &w in toks {
                if !index.is_stop(w) {
                    self.stems[index.stem_of(w) as usize] += 1;
                    self.words[w as usize] += 1;
                }
            }
        }
    }

    /// The word of stem `k` used most here (the first in word order among equals).
    pub fn form(&self, index: &Index, k: u32) -> u32 {
        index
            .stem_words(k)
            .iter()
            .copied()
            .max_by_key(|&w| (self.words[w as usize], std::cmp::Reverse(w)))
            .unwrap_or(0)
    }
}

/// The at most `limit` most distinctive terms of the statements `target` (ids, each once)
/// against the rest of the corpus. Empty when the target is the whole corpus.
///
/// ```
/// use concord_core::compare::keyness::keyness;
/// use concord_core::index::Index;
/// let index = Index::default();
/// assert!(keyness(&index, &[], 10).is_empty());
/// ```
pub fn keyness(index: &Index, target: &[u32], limit: usize) -> Vec<Key> {
    keyness_of(index, &Counts::of(index, target), limit)
}

/// [`keyness`] of statements counted as `t` (their counts added a block at a time, when
/// their text is read in blocks).
pub fn keyness_of(index: &Index, t: &Counts, limit: usize) -> Vec<Key> {
    let r = index.token_count().saturating_sub(t.tokens);
    rank(
        index,
        t,
        |k| {
            index
                .stem_total(k)
                .saturating_sub(t.stems[k as usize] as usize)
        },
        r,
        limit,
    )
}

/// The at most `limit` terms that set statements `a` apart from statements `b` (ids, each
/// once; a statement in both counts in both): `target` is the uses in `a`, `rest` in `b`.
pub fn keyness_between(index: &Index, a: &Counts, b: &Counts, limit: usize) -> Vec<Key> {
    rank(index, a, |k| b.stems[k as usize] as usize, b.tokens, limit)
}

/// The distinctive stems of `t` against a reference of `r` tokens where stem `k` has
/// `rest(k)` uses, best first, at most `limit`.
fn rank(
    index: &Index,
    t: &Counts,
    rest: impl Fn(u32) -> usize,
    r: usize,
    limit: usize,
) -> Vec<Key> {
    if t.tokens == 0 || r == 0 {
        return Vec::new();
    }
    let mut keys: Vec<Key> = Vec::new();
    for (k, &a) in t.stems.iter().enumerate() {
        let a = a as usize;
        if a < MIN_USES {
            continue;
        }
        let b = rest(k as u32);
        if (a as f64) / (t.tokens as f64) <= (b as f64) / (r as f64) {
            continue;
        }
        let (g2, log_ratio) = log_likelihood(a, t.tokens, b, r);
        if g2 < MIN_G2 {
            continue;
        }
        keys.push(Key {
            stem: k as u32,
            word: 0,
            target: a,
            rest: b,
            g2,
            log_ratio,
        });
    }
    crate::sort::by(&mut keys, |x, y| {
        y.g2.total_cmp(&x.g2).then(x.stem.cmp(&y.stem))
    });
    keys.truncate(limit);
    for key in &mut keys {
        key.word = t.form(index, key.stem);
    }
    keys
}
