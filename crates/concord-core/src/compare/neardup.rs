//! Near-duplicates: for one statement, the other statements that say nearly the same thing,
//! in this document or another — the same quotation in two outlets' translations, a readout
//! copied into a news report.
//!
//! Two statements are near-duplicates when their sets of content stems (stopwords left
//! out), compared with Dice's coefficient, score at least [`NEAR_MIN`] — as whole
//! statements, or as one sentence of each when both sentences have at least
//! [`MIN_SENTENCE`] content stems (so a quoted sentence is found inside a longer paragraph).
//! The score is the larger of the two.
//!
//! Candidates come from the index: statements sharing at least [`MIN_SHARED`] of the
//! statement's content stems, counted over the postings of stems held by at most 1 in 20
//! statements (at least 64), so common words cost nothing; the [`MAX_CANDIDATES`] sharing the
//! most are scored exactly.

use super::{content_stems, dice, Side};
use crate::index::Index;
use crate::model::Corpus;
use std::collections::HashMap;

/// Least score for a near-duplicate.
pub const NEAR_MIN: f32 = 0.45;
/// Fewest content stems of a sentence compared on its own.
pub const MIN_SENTENCE: usize = 6;
/// Fewest shared (uncommon) content stems for a statement to be a candidate.
pub const MIN_SHARED: u32 = 3;
/// Most candidates scored for one statement.
pub const MAX_CANDIDATES: usize = 200;

/// A statement that says nearly the same.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDup {
    pub stmt: u32,
    /// From [`NEAR_MIN`] to 1.
    pub score: f32,
}

/// The near-duplicates of statement `s`, best first (ties in statement order).
pub fn near_duplicates(corpus: &Corpus, index: &Index, s: u32) -> Vec<NearDup> {
    let n = index.statements.len();
    if s as usize >= n {
        return Vec::new();
    }
    let unit = Side::unit_of(corpus, index, s);
    let whole = content_stems(&unit.toks);
    let cap = (n / 20).max(64);
    let mut shared: HashMap<u32, u32> = HashMap::new();
    for &k in &whole {
        let post = index.postings(k);
        if post.stmts.len() > cap {
            continue;
        }
        for &c in post.stmts {
            if c != s {
                *shared.entry(c).or_default() += 1;
            }
        }
    }
    let mut candidates: Vec<(u32, u32)> = shared
        .into_iter()
        .filter(|&(_, k)| k >= MIN_SHARED)
        .collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(MAX_CANDIDATES);
    let sentences = |u: &super::Unit<'_>| -> Vec<Vec<u32>> {
        u.sentences
            .iter()
            .map(|r| content_stems(&u.toks[r.clone()]))
            .filter(|set| set.len() >= MIN_SENTENCE)
            .collect()
    };
    let mine = sentences(&unit);
    let mut out: Vec<NearDup> = candidates
        .into_iter()
        .filter_map(|(c, _)| {
            let other = Side::unit_of(corpus, index, c);
            let mut score = dice(&whole, &content_stems(&other.toks));
            for theirs in sentences(&other) {
                for m in &mine {
                    score = score.max(dice(m, &theirs));
                }
            }
            (score >= NEAR_MIN).then_some(NearDup { stmt: c, score })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.stmt.cmp(&b.stmt)));
    out
}
