//! Ranking: BM25 scores of statements, raised where the query's terms stand close, and
//! documents grouped and ordered.
//!
//! **Proximity**: a statement holding `k ≥ 2` distinct positive terms of the query has its
//! BM25 score multiplied by `1 + PROXIMITY · (k − 1) / (k − 1 + g)`, `g` the fewest other
//! words between them in any stretch of the statement holding one occurrence of each: side
//! by side (`g = 0`) ×1.5, with `g = k − 1` words between ×1.25, far apart towards ×1. It
//! is weighed for the [`PROXIMITY_MAX`] statements with the best BM25 scores (the ones a
//! reader sees first), so a search for common words does not read every statement's words.
//! The first letter of a word being typed is not weighed (it stands for most words).

use super::eval::TermCounts;
use super::{legend_of, DocumentHit, Expr, Searcher, Sort, StatementHit};
use crate::index::K1;

/// How much terms side by side raise a statement's score (see the module).
pub const PROXIMITY: f32 = 0.5;
/// Statements whose proximity is weighed at most: those with the best BM25 scores.
pub const PROXIMITY_MAX: usize = 1000;

/// Whether `leaf` is a word being typed of one letter so far.
fn first_letter_typed(leaf: &Expr) -> bool {
    match leaf {
        Expr::Prefix {
            prefix,
            stem: Some(_),
            ..
        } => prefix.chars().nth(1).is_none(),
        _ => false,
    }
}

impl<'a> Searcher<'a> {
    /// BM25 scores of `matched` statements for the query's positive terms.
    #[inline(never)]
    pub(super) fn scores(&self, terms: &[(*const Expr, TermCounts)], matched: &[u32]) -> Vec<f32> {
        let mut scores = vec![0.0f32; matched.len()];
        let n = self.index.statements.len() as f32;
        for (_, counts) in terms {
            if counts.df == 0 {
                continue;
            }
            let df = counts.df as f32;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for (score, &s) in scores.iter_mut().zip(matched) {
                let tf = counts.tf[s as usize] as f32;
                if tf > 0.0 {
                    *score += idf * tf * (K1 + 1.0) / (tf + self.index.length_norm(s));
                }
            }
        }
        scores
    }

    /// Raises the scores of `matched` statements whose terms stand close (see the module).
    /// `leaves` are the query's positive terms, `terms` their counts, in the same order.
    #[inline(never)]
    pub(super) fn proximity(
        &self,
        leaves: &[&Expr],
        terms: &[(*const Expr, TermCounts)],
        matched: &[u32],
        scores: &mut [f32],
    ) {
        // The terms weighed: all but the first letter of a word being typed, which stands
        // for most of the vocabulary (its nearness says nothing, and in the sharded app
        // reading its positions walks the postings of thousands of stems).
        let kept: Vec<usize> = (0..leaves.len())
            .filter(|&l| !first_letter_typed(leaves[l]))
            .collect();
        let legends: Vec<usize> = leaves.iter().map(|l| legend_of(l).unwrap_or(0)).collect();
        let mut distinct: Vec<usize> = kept.iter().map(|&l| legends[l]).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 2 {
            return;
        }
        // The best-scoring statements only (ties at the cut by statement order).
        let mut order: Vec<usize> = (0..matched.len()).collect();
        if order.len() > PROXIMITY_MAX {
            order.select_nth_unstable_by(PROXIMITY_MAX - 1, |&a, &b| {
                scores[b].total_cmp(&scores[a]).then(a.cmp(&b))
            });
            order.truncate(PROXIMITY_MAX);
        }
        // Statements holding two terms or more: those weighed.
        let distinct_present = |s: u32, present: &mut Vec<usize>| {
            present.clear();
            present.extend(
                kept.iter()
                    .filter(|&&l| terms[l].1.tf[s as usize] > 0)
                    .map(|&l| legends[l]),
            );
            present.sort_unstable();
            present.dedup();
            present.len()
        };
        let mut present: Vec<usize> = Vec::new();
        order.retain(|&i| distinct_present(matched[i], &mut present) >= 2);
        // Positions come from the words when they are here (a scan of one statement), else
        // from the postings (the same positions; the sharded app's case), read for all
        // those statements at once, term by term.
        let mut cold: Vec<u32> = order
            .iter()
            .map(|&i| matched[i])
            .filter(|&s| !self.index.has_tokens(s))
            .collect();
        cold.sort_unstable();
        let mut from_postings: Vec<Vec<Vec<(usize, usize)>>> = if cold.is_empty() {
            Vec::new()
        } else {
            (0..leaves.len())
                .map(|l| match kept.contains(&l) {
                    true => self.positions_in_each(leaves[l], &cold),
                    false => Vec::new(),
                })
                .collect()
        };
        let mut occurrences: Vec<(usize, usize, usize)> = Vec::new();
        for i in order {
            let (score, s) = (&mut scores[i], matched[i]);
            let k = distinct_present(s, &mut present);
            let at_cold = cold.binary_search(&s).ok();
            occurrences.clear();
            for &l in &kept {
                let leaf = leaves[l];
                if terms[l].1.tf[s as usize] > 0 {
                    let term = legends[l];
                    let at = match at_cold {
                        Some(c) => std::mem::take(&mut from_postings[l][c]),
                        None => self.occurrences(leaf, s),
                    };
                    occurrences.extend(at.into_iter().map(|(a, b)| (a, b, term)));
                }
            }
            if let Some(gap) = fewest_between(&mut occurrences, &present) {
                *score *= 1.0 + PROXIMITY * (k - 1) as f32 / (k - 1 + gap) as f32;
            }
        }
    }

    /// Matching statements grouped by document (statements are stored in document order, so
    /// each document's are one run), documents in `sort` order.
    #[inline(never)]
    pub(super) fn group(&self, matched: &[u32], scores: &[f32], sort: Sort) -> Vec<DocumentHit> {
        let mut documents: Vec<DocumentHit> = Vec::new();
        let mut i = 0;
        while i < matched.len() {
            let doc = self.index.statements[matched[i] as usize].doc;
            // The document's statements are the ids below the next document's first.
            let end = self.index.doc_end(doc);
            let j = i + matched[i..].partition_point(|&s| s < end);
            let statements: Vec<StatementHit> = matched[i..j]
                .iter()
                .zip(&scores[i..j])
                .map(|(&stmt, &score)| StatementHit { stmt, score })
                .collect();
            let (best, sum) = scores[i..j]
                .iter()
                .fold((0.0f32, 0.0f32), |(b, t), &x| (b.max(x), t + x));
            documents.push(DocumentHit {
                doc,
                score: best + (sum - best) / 10.0,
                statements,
            });
            i = j;
        }
        let date = |d: &DocumentHit| self.index.docs[d.doc as usize].date;
        match sort {
            Sort::Relevance => crate::sort::by(&mut documents, |a, b| {
                b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc))
            }),
            Sort::Newest => crate::sort::by(&mut documents, |a, b| {
                (date(a).is_none(), std::cmp::Reverse(date(a)), a.doc).cmp(&(
                    date(b).is_none(),
                    std::cmp::Reverse(date(b)),
                    b.doc,
                ))
            }),
            Sort::Oldest => crate::sort::by(&mut documents, |a, b| {
                (date(a).is_none(), date(a), a.doc).cmp(&(date(b).is_none(), date(b), b.doc))
            }),
        }
        documents
    }
}

/// The fewest words between the terms `present` (sorted legend indexes) over the stretches
/// of `occurrences` (first and last token, term) holding one of each: the stretch's words
/// that are no occurrence's.
fn fewest_between(occurrences: &mut [(usize, usize, usize)], present: &[usize]) -> Option<usize> {
    occurrences.sort_unstable();
    let slot = |term: usize| present.binary_search(&term).ok();
    let mut held = vec![0usize; present.len()];
    let mut missing = present.len();
    let mut best: Option<usize> = None;
    let mut left = 0;
    for right in 0..occurrences.len() {
        let Some(t) = slot(occurrences[right].2) else {
            continue;
        };
        held[t] += 1;
        if held[t] == 1 {
            missing -= 1;
        }
        while missing == 0 {
            let window = &occurrences[left..=right];
            // Words from the first start to the furthest end, less those the occurrences
            // cover (occurrences are sorted by start; covered words counted once).
            let end = window.iter().map(|o| o.1).max().unwrap_or(0);
            let (mut covered, mut reach) = (0usize, None::<usize>);
            for &(a, b, _) in window {
                let from = reach.map_or(a, |r| a.max(r + 1));
                if b >= from {
                    covered += b - from + 1;
                }
                reach = Some(reach.map_or(b, |r| r.max(b)));
            }
            let gap = (end + 1 - window[0].0).saturating_sub(covered);
            best = Some(best.map_or(gap, |g| g.min(gap)));
            if let Some(t) = slot(occurrences[left].2) {
                held[t] -= 1;
                if held[t] == 0 {
                    missing += 1;
                }
            }
            left += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fewest_words_between_the_terms() {
        // "peace talks": side by side.
        assert_eq!(
            fewest_between(&mut [(4, 4, 0), (5, 5, 1)], &[0, 1]),
            Some(0)
        );
        // The tightest stretch wins: peace(0) … talks(9) and peace(7) x talks(9).
        assert_eq!(
            fewest_between(&mut [(0, 0, 0), (9, 9, 1), (7, 7, 0)], &[0, 1]),
            Some(1)
        );
        // A phrase covers its words: "two-state solution" (3 words) then "israel".
        assert_eq!(
            fewest_between(&mut [(2, 4, 0), (5, 5, 1)], &[0, 1]),
            Some(0)
        );
        // Three terms, one word between each pair.
        assert_eq!(
            fewest_between(&mut [(0, 0, 0), (2, 2, 1), (4, 4, 2)], &[0, 1, 2]),
            Some(2)
        );
        // A term missing: no stretch.
        assert_eq!(fewest_between(&mut [(0, 0, 0)], &[0, 1]), None);
    }

    #[test]
    fn terms_side_by_side_rank_first() {
        use crate::index::Index;
        use crate::query::{parse, Filters};
        // Both statements hold each word once and have as many words: BM25 ties them.
        let far = "Peace was the aim of every envoy before the talks.";
        let near = "Every envoy before the aim was peace talks of the.";
        let c = crate::query::tests::corpus(&[far, near]);
        let index = Index::build(&c);
        let s = Searcher::new(&c, &index);
        let r = s.search(&parse("peace talks"), &Filters::default(), Sort::Relevance);
        let hits = &r.documents[0].statements;
        let score = |p: u32| {
            hits.iter()
                .find(|h| index.statements[h.stmt as usize].p == p)
                .unwrap()
                .score
        };
        // side by side: ×1.5; eight words between: ×(1 + 0.5 · 1/9).
        let ratio = score(2) / score(1);
        assert!((ratio - 1.5 / (1.0 + 0.5 / 9.0)).abs() < 1e-4, "{ratio}");
        // Only the best PROXIMITY_MAX statements are weighed; at equal scores, the first.
        let texts = vec!["peace talks"; PROXIMITY_MAX + 1];
        let c = crate::query::tests::corpus(&texts);
        let index = Index::build(&c);
        let many = Searcher::new(&c, &index).search(
            &parse("peace talks"),
            &Filters::default(),
            Sort::Relevance,
        );
        let hits = &many.documents[0].statements;
        let (first, last) = (hits[0].score, hits[PROXIMITY_MAX].score);
        assert!((first / last - 1.5).abs() < 1e-4, "{first} {last}");
        // One term: no boost.
        let r = s.search(&parse("peace"), &Filters::default(), Sort::Relevance);
        let one = &r.documents[0].statements;
        assert_eq!(one[0].score, one[1].score);
        // The first letter of a word being typed is not weighed; its second letter is.
        let typed = |q: &str| {
            let r = s.search(&index.parse_typed(q), &Filters::default(), Sort::Relevance);
            let hits = &r.documents[0].statements;
            let find = |p: u32| {
                hits.iter()
                    .find(|h| index.statements[h.stmt as usize].p == p)
                    .unwrap()
                    .score
            };
            find(2) / find(1)
        };
        assert_eq!(typed("peace t"), 1.0);
        assert!(typed("peace ta") > 1.4, "{}", typed("peace ta"));
    }
}
