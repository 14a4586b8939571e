//! Where the query's terms are in a statement: highlights, snippets and dispersion.

use super::{legend_of, positive_leaves, Expr, Highlight, Query, Results, Searcher};
use crate::index::Index;
use std::ops::Range;

/// Occurrences `(first, last, term)` sorted, each dropped that overlaps one before it (the
/// longer wins at the same start, then the lower term).
fn apart(mut all: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    crate::sort::by(&mut all, |x, y| {
        x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2))
    });
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for h in all {
        if out.last().is_none_or(|last| h.0 > last.1) {
            out.push(h);
        }
    }
    out
}

impl<'a> Searcher<'a> {
    /// Token positions `[first, last]` of `leaf`'s occurrences in statement `s`.
    pub(super) fn occurrences(&self, leaf: &Expr, s: u32) -> Vec<(usize, usize)> {
        let toks = self.index.tokens(s);
        match leaf {
            Expr::Word { stem, .. } => match self.index.stem_id(stem) {
                Some(id) => (0..toks.len())
                    .filter(|&i| self.index.stem_of(toks[i]) == id)
                    .map(|i| (i, i))
                    .collect(),
                None => Vec::new(),
            },
            Expr::Phrase { stems, .. } => match self.stem_ids(stems) {
                Some(ids) => self
                    .phrase_positions(s, &ids)
                    .into_iter()
                    .map(|i| (i, i + ids.len() - 1))
                    .collect(),
                None => Vec::new(),
            },
            Expr::Prefix { prefix, stem, .. } => {
                let range = self.index.words_with_prefix(prefix);
                let own = stem.as_deref().and_then(|s| self.index.stem_id(s));
                (0..toks.len())
                    .filter(|&i| {
                        range.contains(&(toks[i] as usize))
                            || own.is_some_and(|k| self.index.stem_of(toks[i]) == k)
                    })
                    .map(|i| (i, i))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Highlights as token positions `[first, last]` with their term, sorted and apart.
    pub(crate) fn token_highlights(&self, query: &Query, s: u32) -> Vec<(usize, usize, usize)> {
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        for leaf in leaves {
            let term = legend_of(leaf).expect("positive leaves have a legend index");
            all.extend(
                self.occurrences(leaf, s)
                    .into_iter()
                    .map(|(a, b)| (a, b, term)),
            );
        }
        apart(all)
    }

    /// How many highlights (concordance lines) the statements of `results` hold in all: the
    /// highlights each statement's reader shows, counted from the postings, so that no
    /// statement's text is read (a concordance of a common word shows its first lines and
    /// counts them all).
    pub fn hit_count(&self, query: &Query, results: &Results) -> usize {
        let terms = self.terms(query);
        let mut stmts: Vec<u32> = results.statement_ids().collect();
        stmts.sort_unstable();
        // One word or prefix: its occurrences are a word each, never overlapping.
        if let [(leaf @ (Expr::Word { .. } | Expr::Prefix { .. }), _)] = terms[..] {
            let within = super::sets::Bits::of(&stmts, self.index.statements.len());
            return self.words_in(leaf, &within);
        }
        // Each term's occurrences in each statement.
        let each: Vec<Vec<Vec<(usize, usize)>>> = terms
            .iter()
            .map(|&(leaf, _)| self.positions_in_each(leaf, &stmts))
            .collect();
        (0..stmts.len())
            .map(|i| {
                let mut all: Vec<(usize, usize, usize)> = Vec::new();
                for (at, &(_, term)) in each.iter().zip(&terms) {
                    all.extend(at[i].iter().map(|&(a, b)| (a, b, term)));
                }
                match all.len() {
                    0 | 1 => all.len(),
                    _ => apart(all).len(),
                }
            })
            .sum()
    }

    /// The positive terms of `query`, each with its place in the legend.
    pub(super) fn terms<'q>(&self, query: &'q Query) -> Vec<(&'q Expr, usize)> {
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        leaves
            .into_iter()
            .map(|l| {
                (
                    l,
                    legend_of(l).expect("positive leaves have a legend index"),
                )
            })
            .collect()
    }

    /// How many highlights `terms` have in statement `s`, read from the postings.
    pub(super) fn hits_in(&self, terms: &[(&Expr, usize)], s: u32) -> usize {
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        for &(leaf, term) in terms {
            all.extend(
                self.positions_in(leaf, s)
                    .into_iter()
                    .map(|(a, b)| (a, b, term)),
            );
        }
        apart(all).len()
    }

    /// Every occurrence of every positive term of `query` in statement `s`, as sorted,
    /// non-overlapping byte ranges on char boundaries (see the module's overlap policy).
    pub fn highlights(&self, query: &Query, s: u32) -> Vec<Highlight> {
        let hits = self.token_highlights(query, s);
        if hits.is_empty() {
            return Vec::new();
        }
        let ranges = Index::ranges(self.text(s));
        hits.into_iter()
            .map(|(a, b, term)| Highlight {
                start: ranges[a].start,
                end: ranges[b].end,
                term,
            })
            .collect()
    }

    /// The best window of at most `words` tokens of statement `s` (the one with the most
    /// highlights, the earliest of equals), as a byte range of its text. The whole text
    /// when it is short enough.
    pub fn snippet(&self, s: u32, highlights: &[Highlight], words: usize) -> Range<usize> {
        let text = self.text(s);
        let ranges = Index::ranges(text);
        if ranges.len() <= words || words == 0 {
            return 0..text.len();
        }
        // Highlights are sorted and apart, so their starts and ends both ascend: those
        // inside a window are the run from the first starting in it to the last ending in
        // it (two binary searches, not a scan per window).
        let hits_in = |a: usize, b: usize| {
            let (lo, hi) = (ranges[a].start, ranges[b].end);
            let first = highlights.partition_point(|h| h.start < lo);
            let end = highlights.partition_point(|h| h.end <= hi);
            end.saturating_sub(first)
        };
        let best = (0..=ranges.len() - words)
            .max_by_key(|&i| (hits_in(i, i + words - 1), std::cmp::Reverse(i)))
            .unwrap_or(0);
        let start = if best == 0 { 0 } else { ranges[best].start };
        let last = best + words - 1;
        let end = if last + 1 == ranges.len() {
            text.len()
        } else {
            ranges[last].end
        };
        start..end
    }

    /// Relative positions (0 ≤ x < 1, by token) of the query's hits within document `doc`'s
    /// statements, with the statement of each hit, in order.
    pub fn dispersion(&self, query: &Query, doc: u32) -> Vec<(f32, u32)> {
        let (first, end) = {
            let r = self.index.doc_statements(doc);
            (r.start, r.end)
        };
        let total: usize = (first..end).map(|s| self.index.len(s)).sum();
        let mut offset = 0usize;
        let mut out = Vec::new();
        for s in first..end {
            for (i, _, _) in self.token_highlights(query, s) {
                out.push(((offset + i) as f32 / total.max(1) as f32, s));
            }
            offset += self.index.len(s);
        }
        out
    }
}

/// A search's hits in one document, as the reader shows them: each matching paragraph's
/// highlights with the number of its first hit (hits are numbered from 0 in reading
/// order), and every hit's place in the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentHits {
    /// Paragraph number → (number of its first hit, its highlights).
    pub by_paragraph: std::collections::HashMap<u32, (usize, Vec<Highlight>)>,
    /// Each hit in order.
    pub marks: Vec<HitMark>,
}

/// One hit in a document: where it falls (0 ≤ at < 1, by words), its term, its paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HitMark {
    pub at: f32,
    pub term: usize,
    pub p: u32,
}

impl<'a> Searcher<'a> {
    /// The hits of `results` (a search for `query`) in document `doc`: only its matching
    /// statements count (a statement that has the words but fails a filter has no hits).
    pub fn document_hits(&self, query: &Query, results: &super::Results, doc: u32) -> DocumentHits {
        let mut hits = DocumentHits::default();
        let Some(found) = results.document(doc) else {
            return hits;
        };
        let matched: Vec<u32> = found.statements.iter().map(|h| h.stmt).collect();
        let positions: Vec<f32> = self
            .dispersion(query, doc)
            .into_iter()
            .filter(|(_, s)| matched.binary_search(s).is_ok())
            .map(|(x, _)| x)
            .collect();
        for &s in &matched {
            let p = self.index.statements[s as usize].p;
            let highlights = self.highlights(query, s);
            let first = hits.marks.len();
            for h in &highlights {
                let at = positions.get(hits.marks.len()).copied().unwrap_or(0.0);
                hits.marks.push(HitMark {
                    at,
                    term: h.term,
                    p,
                });
            }
            hits.by_paragraph.insert(p, (first, highlights));
        }
        hits
    }
}
