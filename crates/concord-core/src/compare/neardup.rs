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

/// Least score for a near-duplicate.
pub const NEAR_MIN: f32 = 0.45;
/// Fewest content stems of a sentence compared on its own.
pub const MIN_SENTENCE: usize = 6;
/// Fewest shared (uncommon) content stems for a statement to be a candidate.
pub const MIN_SHARED: u16 = 3;
/// Most candidates scored for one statement.
pub const MAX_CANDIDATES: usize = 100;

/// A statement that says nearly the same.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDup {
    pub stmt: u32,
    /// From [`NEAR_MIN`] to 1.
    pub score: f32,
}

/// The near-duplicates of statement `s`, best first (ties in statement order).
pub fn near_duplicates(corpus: &Corpus, index: &Index, s: u32) -> Vec<NearDup> {
    Finder::new(corpus, index).of(s)
}

/// Finds near-duplicates of many statements, reusing its counters.
pub struct Finder<'a> {
    corpus: &'a Corpus,
    index: &'a Index,
    /// Shared stems per statement (dense), and the statements touched.
    shared: Vec<u16>,
    touched: Vec<u32>,
}

impl<'a> Finder<'a> {
    pub fn new(corpus: &'a Corpus, index: &'a Index) -> Self {
        Finder {
            corpus,
            index,
            shared: vec![0; index.statements.len()],
            touched: Vec::new(),
        }
    }

    /// The near-duplicates of statement `s`, best first (ties in statement order).
    pub fn of(&mut self, s: u32) -> Vec<NearDup> {
        let (corpus, index) = (self.corpus, self.index);
        let n = index.statements.len();
        if s as usize >= n {
            return Vec::new();
        }
        let unit = Side::unit_of(corpus, index, s);
        let whole = content_stems(&unit.toks);
        let cap = (n / 20).max(64);
        for &k in &whole {
            let post = index.postings(k);
            if post.stmts.len() > cap {
                continue;
            }
            for &c in post.stmts {
                let slot = &mut self.shared[c as usize];
                if *slot == 0 {
                    self.touched.push(c);
                }
                *slot = slot.saturating_add(1);
            }
        }
        let mut candidates: Vec<(u32, u16)> = Vec::new();
        for c in self.touched.drain(..) {
            let k = std::mem::take(&mut self.shared[c as usize]);
            if c != s && k >= MIN_SHARED {
                candidates.push((c, k));
            }
        }
        find(corpus, index, &unit, &whole, candidates)
    }

    /// The near-duplicates of every statement of document `doc`, by paragraph number, for
    /// the paragraphs that have any (paragraph order).
    pub fn of_document(&mut self, doc: u32) -> Vec<(u32, Vec<NearDup>)> {
        let index = self.index;
        index
            .doc_statements(doc)
            .map(|s| (index.statements[s as usize].p, self.of(s)))
            .filter(|(_, dups)| !dups.is_empty())
            .collect()
    }
}

fn find(
    corpus: &Corpus,
    index: &Index,
    unit: &super::Unit<'_>,
    whole: &[u32],
    mut candidates: Vec<(u32, u16)>,
) -> Vec<NearDup> {
    crate::sort::by(&mut candidates, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(MAX_CANDIDATES);
    let sentences = |u: &super::Unit<'_>| -> Vec<Vec<u32>> {
        u.sentences
            .iter()
            .map(|r| content_stems(&u.toks[r.clone()]))
            .filter(|set| set.len() >= MIN_SENTENCE)
            .collect()
    };
    let mine = sentences(unit);
    let mut out: Vec<NearDup> = candidates
        .into_iter()
        .filter_map(|(c, _)| {
            // The candidate's words come from the index; its text is read (for sentences)
            // only when a sentence pair could still reach the threshold: a sentence of mine
            // sharing x stems with the whole candidate scores at most 2x / (|mine| + x)
            // against any one of its sentences.
            let toks = index.tokens(c);
            let mut theirs: Vec<u32> = toks
                .iter()
                .filter(|&&w| !index.is_stop(w))
                .map(|&w| index.stem_of(w))
                .collect();
            if theirs.is_empty() {
                theirs = toks.iter().map(|&w| index.stem_of(w)).collect();
            }
            theirs.sort_unstable();
            theirs.dedup();
            let mut score = dice(whole, &theirs);
            let bound = mine
                .iter()
                .map(|m| {
                    let x = super::shared(m, &theirs) as f32;
                    2.0 * x / (m.len() as f32 + x)
                })
                .fold(0.0f32, f32::max);
            if bound >= NEAR_MIN && bound > score {
                let other = Side::unit_of(corpus, index, c);
                for t in sentences(&other) {
                    for m in &mine {
                        score = score.max(dice(m, &t));
                    }
                }
            }
            (score >= NEAR_MIN).then_some(NearDup { stmt: c, score })
        })
        .collect();
    crate::sort::by(&mut out, |a, b| {
        b.score.total_cmp(&a.score).then(a.stmt.cmp(&b.stmt))
    });
    out
}
