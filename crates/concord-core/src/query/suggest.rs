//! "Did you mean": for a query word the corpus does not have, or has far less often than a
//! word an edit or two away, the nearest corpus words.
//!
//! Distance is the optimal string alignment distance between folded words (an insertion,
//! a deletion, a substitution or a swap of two neighbouring letters is one edit), at most
//! [`max_edits`] for the word's length. Only the words at the smallest distance found are
//! offered, the more used first (by the statements their stem is in), one spelling a stem. A word is offered a correction when it matches no
//! statement, or when a word within reach is in at least [`FAR_MORE`] times as many.

use super::{Expr, Query, Searcher};
use crate::text::analyze::{fold_in, token_ranges};
use crate::text::fold::FoldTable;

/// How many times more statements a near word needs to be offered for a word that matches.
pub const FAR_MORE: usize = 20;
/// Corrections offered per word at most.
pub const OFFERED: usize = 3;

/// A correction offered for one word of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The word's index in the query's legend.
    pub term: usize,
    /// The word as folded from the query.
    pub typed: String,
    /// The corpus words offered, nearest and most used first.
    pub words: Vec<String>,
}

/// Edits allowed between a word of `len` letters and a correction.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

impl Searcher<'_> {
    /// The corrections to offer for `query`'s words (see the module documentation).
    pub fn suggestions(&self, query: &Query) -> Vec<Suggestion> {
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            super::positive_leaves(e, &mut leaves);
        }
        let index = self.index;
        let mut out: Vec<Suggestion> = Vec::new();
        for leaf in leaves {
            let (typed, own, term) = match leaf {
                Expr::Word {
                    stem,
                    text,
                    legend: Some(k),
                } => (fold_in(text, Some(&index.fold)), index.stem_id(stem), *k),
                Expr::Prefix {
                    prefix,
                    stem: Some(stem),
                    legend: Some(k),
                } => (prefix.clone(), index.stem_id(stem), *k),
                _ => continue,
            };
            if out.iter().any(|s| s.term == term) {
                continue;
            }
            // Statements the word matches: a word's are its stem's postings; the word being
            // typed is counted like any term.
            let found = match leaf {
                Expr::Word { .. } => own.map_or(0, |k| index.df(k)),
                _ => self.counts(leaf).df,
            };
            // No word is in FAR_MORE times as many statements as the corpus has: nothing to
            // offer, and no need to read the word table.
            if found.saturating_mul(FAR_MORE) > index.statements.len() {
                continue;
            }
            let words: Vec<String> = self
                .nearest(&typed, own)
                .into_iter()
                .filter(|&(_, n)| found == 0 || n >= found.saturating_mul(FAR_MORE))
                .take(OFFERED)
                .map(|(w, _)| w.to_string())
                .collect();
            if !words.is_empty() {
                out.push(Suggestion { term, typed, words });
            }
        }
        out
    }

    /// Corpus words within [`max_edits`] of `folded` (not of the stem `own`), nearest first,
    /// then by the statements their stem is in; with those counts.
    fn nearest(&self, folded: &str, own: Option<u32>) -> Vec<(&str, usize)> {
        let index = self.index;
        let len = folded.chars().count();
        let reach = max_edits(len);
        if reach == 0 {
            return Vec::new();
        }
        let mut near: Vec<(usize, usize, &str)> = index
            .words
            .iter()
            .filter(|(w, k)| Some(*k) != own && w.len().abs_diff(folded.len()) <= reach * 4)
            .filter(|(w, _)| w.chars().count().abs_diff(len) <= reach)
            .filter_map(|(w, k)| {
                let d = strsim::osa_distance(folded, w);
                (d <= reach).then(|| (d, index.df(*k), w.as_str()))
            })
            .collect();
        crate::sort::by(&mut near, |a, b| {
            a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2))
        });
        // Only the nearest: a word one edit away hides those two away.
        let best = near.first().map_or(0, |n| n.0);
        // One word a stem: its most used spelling stands for it.
        let mut stems = Vec::new();
        near.into_iter()
            .take_while(|&(d, _, _)| d == best)
            .filter(|&(_, _, w)| {
                let k = index.words[index.words_with_prefix(w).start].1;
                let new = !stems.contains(&k);
                stems.push(k);
                new
            })
            .map(|(_, n, w)| (w, n))
            .collect()
    }
}

/// `query` with the last word that folds to `typed` (with the corpus's fold `table`)
/// replaced by `word`; the rest of the text (other words, quotes, operators, fields) as it
/// was.
///
/// ```
/// use concord_core::query::suggest::corrected;
/// assert_eq!(corrected("Presidnet Xi -israel", "presidnet", "president", None), "president Xi -israel");
/// assert_eq!(corrected("a slavary", "slavary", "slavery", None), "a slavery");
/// assert_eq!(corrected("peace", "war", "was", None), "peace");
/// ```
pub fn corrected(query: &str, typed: &str, word: &str, table: Option<&FoldTable>) -> String {
    let Some(at) = token_ranges(query)
        .into_iter()
        .rev()
        .find(|r| fold_in(&query[r.clone()], table) == typed)
    else {
        return query.to_string();
    };
    format!("{}{word}{}", &query[..at.start], &query[at.end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::query::tests::corpus;

    #[test]
    fn a_word_the_corpus_lacks_is_offered_its_nearest_words() {
        let c = corpus(&[
            "The president spoke.",
            "The president and the presidency.",
            "A resident of the city.",
            "Slavery was abolished; slavery ended.",
        ]);
        let index = Index::build(&c);
        let s = Searcher::new(&c, &index);
        let offered = |q: &str| -> Vec<(usize, Vec<String>)> {
            s.suggestions(&index.parse(q))
                .into_iter()
                .map(|x| (x.term, x.words))
                .collect()
        };
        // A swap of two letters is one edit; the more used word comes first at one distance.
        assert_eq!(offered("presidnet"), [(0, vec!["president".to_string()])]);
        assert_eq!(offered("city slavary"), [(1, vec!["slavery".to_string()])]);
        // A word the corpus has is not corrected; nor is a short one, nor an excluded one.
        assert!(offered("resident").is_empty());
        assert!(offered("xq").is_empty());
        assert!(offered("city -presidnet").is_empty());
        // The word being typed is corrected too, when it completes to nothing.
        assert_eq!(
            s.suggestions(&index.parse_typed("presidnet"))[0].words,
            ["president"]
        );
        assert!(s.suggestions(&index.parse_typed("presid")).is_empty());
    }

    #[test]
    fn a_rare_word_is_offered_a_far_more_used_neighbour() {
        let mut texts = vec!["The ceasefire holds."; FAR_MORE];
        texts.push("A ceasfire, they wrote.");
        let c = corpus(&texts);
        let index = Index::build(&c);
        let s = Searcher::new(&c, &index);
        let got = s.suggestions(&index.parse("ceasfire"));
        assert_eq!(got[0].words, ["ceasefire"]);
        // The common word is not offered its rare misspelling.
        assert!(s.suggestions(&index.parse("ceasefire")).is_empty());
    }

    #[test]
    fn edits_allowed_grow_with_the_word() {
        assert_eq!((max_edits(2), max_edits(4), max_edits(9)), (0, 1, 2));
    }
}
