//! The concordance: each hit with its context, and the orders of its lines.

use super::{KwicRow, KwicSort, Query, Results, Searcher};
use crate::index::Index;

/// Sorts KWIC rows by a context word, then by the other side, then by position.
pub fn sort_kwic(rows: &mut [KwicRow], by: KwicSort) {
    let order: [usize; 4] = match by {
        KwicSort::Left1 => [0, 1, 2, 3],
        KwicSort::Left2 => [1, 0, 2, 3],
        KwicSort::Right1 => [2, 3, 0, 1],
        KwicSort::Right2 => [3, 2, 0, 1],
    };
    crate::sort::by(rows, |a, b| {
        order
            .iter()
            .map(|&k| a.keys[k].cmp(&b.keys[k]))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then((a.doc, a.p).cmp(&(b.doc, b.p)))
    });
}

impl<'a> Searcher<'a> {
    /// Concordance rows: the first `max` highlighted occurrences in the matching
    /// statements, in result order, with `context` words of context on each side. Only the
    /// statements of those rows are read ([`Searcher::kwic_statements`]); all of them are
    /// counted by [`Searcher::hit_count`].
    pub fn kwic(
        &self,
        query: &Query,
        results: &Results,
        context: usize,
        max: usize,
    ) -> Vec<KwicRow> {
        let mut rows = Vec::new();
        for s in results.statement_ids() {
            if rows.len() >= max {
                break;
            }
            let st = &self.index.statements[s as usize];
            let text = self.text(s);
            let toks = self.index.tokens(s);
            let hits = self.token_highlights(query, s);
            if hits.is_empty() {
                continue;
            }
            let ranges = Index::ranges(text);
            let word = |i: Option<usize>| -> String {
                i.and_then(|i| toks.get(i))
                    .map_or(String::new(), |&w| self.index.words[w as usize].0.clone())
            };
            for (first, last, term) in hits {
                let left_start = ranges[first.saturating_sub(context)].start;
                let right_end = ranges[(last + context).min(ranges.len() - 1)].end;
                let (start, end) = (ranges[first].start, ranges[last].end);
                rows.push(KwicRow {
                    stmt: s,
                    doc: st.doc,
                    p: st.p,
                    left: text[left_start..start].to_string(),
                    keyword: text[start..end].to_string(),
                    right: text[end..right_end].to_string(),
                    term,
                    keys: [
                        word(first.checked_sub(1)),
                        word(first.checked_sub(2)),
                        word(Some(last + 1)),
                        word(Some(last + 2)),
                    ],
                });
            }
        }
        rows.truncate(max);
        rows
    }

    /// The statements whose text the first `max` rows of [`Searcher::kwic`] read, in result
    /// order: those with hits, until they hold `max`, counted from the postings (as
    /// [`Searcher::hit_count`] counts). What a sharded app loads for the concordance: a
    /// common word's reads a few documents, not all.
    pub fn kwic_statements(&self, query: &Query, results: &Results, max: usize) -> Vec<u32> {
        let terms = self.terms(query);
        let (mut rows, mut out) = (0, Vec::new());
        if terms.is_empty() {
            return out;
        }
        for s in results.statement_ids() {
            if rows >= max {
                break;
            }
            let n = self.hits_in(&terms, s);
            if n > 0 {
                out.push(s);
                rows += n;
            }
        }
        out
    }
}
