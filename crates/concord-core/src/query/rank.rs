//! Ranking: BM25 scores of statements, and documents grouped and ordered.

use super::eval::TermCounts;
use super::{DocumentHit, Expr, Searcher, Sort, StatementHit};
use crate::index::K1;

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
            Sort::Relevance => {
                documents.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)))
            }
            Sort::Newest => documents.sort_by(|a, b| {
                (date(a).is_none(), std::cmp::Reverse(date(a)), a.doc).cmp(&(
                    date(b).is_none(),
                    std::cmp::Reverse(date(b)),
                    b.doc,
                ))
            }),
            Sort::Oldest => documents.sort_by(|a, b| {
                (date(a).is_none(), date(a), a.doc).cmp(&(date(b).is_none(), date(b), b.doc))
            }),
        }
        documents
    }
}
