//! Distinctive terms: the stems a set of statements (a document, a filtered result) uses
//! more than the rest of the corpus does.
//!
//! For each content stem (stopwords left out) used at least [`MIN_USES`] times in the
//! target: `a` uses in the target of `T` tokens, `b` in the rest of `R` tokens. Keyness is
//! Dunning's log-likelihood `G² = 2 (a ln(a/E₁) + b ln(b/E₂))` with `E₁ = T(a+b)/(T+R)`,
//! `E₂ = R(a+b)/(T+R)`; only stems used more in the target than in the rest count, and only
//! when `G²` ≥ [`MIN_G2`] (p < 0.01 with one degree of freedom). The effect size is Hardie's
//! log ratio, `log₂((a/T) / (b/R))`, with `b` taken as 0.5 when the rest never uses the stem.
//! Terms are ordered by `G²`; each is shown in the form the target uses most.

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
    /// Uses in the target and in the rest of the corpus.
    pub target: usize,
    pub rest: usize,
    pub g2: f64,
    pub log_ratio: f64,
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
    let mut stem_uses = vec![0u32; index.stem_count()];
    let mut word_uses = vec![0u32; index.words.len()];
    let mut t = 0usize;
    for &s in target {
        let toks = index.tokens(s);
        t += toks.len();
        for &w in toks {
            if !index.is_stop(w) {
                stem_uses[index.stem_of(w) as usize] += 1;
                word_uses[w as usize] += 1;
            }
        }
    }
    let r = index.token_count().saturating_sub(t);
    if t == 0 || r == 0 {
        return Vec::new();
    }
    let (t_f, r_f) = (t as f64, r as f64);
    let mut keys: Vec<Key> = Vec::new();
    for (k, &a) in stem_uses.iter().enumerate() {
        let a = a as usize;
        if a < MIN_USES {
            continue;
        }
        let b = index.stem_total(k as u32).saturating_sub(a);
        let (a_f, b_f) = (a as f64, b as f64);
        if a_f / t_f <= b_f / r_f {
            continue;
        }
        let e1 = t_f * (a_f + b_f) / (t_f + r_f);
        let e2 = r_f * (a_f + b_f) / (t_f + r_f);
        let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
        let g2 = 2.0 * (term(a_f, e1) + term(b_f, e2));
        if g2 < MIN_G2 {
            continue;
        }
        keys.push(Key {
            stem: k as u32,
            word: 0,
            target: a,
            rest: b,
            g2,
            log_ratio: ((a_f / t_f) / (b_f.max(0.5) / r_f)).log2(),
        });
    }
    crate::sort::by(&mut keys, |x, y| {
        y.g2.total_cmp(&x.g2).then(x.stem.cmp(&y.stem))
    });
    keys.truncate(limit);
    // The most used form of each kept stem (the first in word order among equals).
    for key in &mut keys {
        key.word = index
            .stem_words(key.stem)
            .iter()
            .copied()
            .max_by_key(|&w| (word_uses[w as usize], std::cmp::Reverse(w)))
            .unwrap_or(0);
    }
    keys
}
