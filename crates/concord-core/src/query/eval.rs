//! Evaluation: which statements match a query expression. Words by their postings, phrases
//! by position lists anchored on the rarest stem, prefixes by the sorted word table, fields
//! once per document.

use super::filter::within;
use super::sets::{advance, Bits};
use super::{Expr, Field, Searcher};
use crate::index::Postings;
use std::ops::Range;

/// A phrase's stems, and the position and words of its rarest stem.
struct Phrase {
    ids: Vec<u32>,
    anchor: usize,
    anchor_words: Vec<u32>,
}

/// How often one query term occurs in each statement (dense, indexed by statement id), in
/// how many statements, and which.
pub(crate) struct TermCounts {
    pub(crate) tf: Vec<u16>,
    pub(super) df: usize,
    present: Bits,
}

impl<'a> Searcher<'a> {
    pub(super) fn all(&self) -> Vec<u32> {
        (0..self.index.statements.len() as u32).collect()
    }

    /// Whether the word at the `i`th position (`at`) of posting `j` of `p` (in statement
    /// `s`) is one of the words `range` (a prefix's): read from the postings when they say
    /// it, else from the statement's words.
    fn word_in(
        &self,
        p: &Postings,
        j: usize,
        i: usize,
        s: u32,
        at: u16,
        range: &Range<usize>,
    ) -> bool {
        p.word(j, i)
            .or_else(|| self.index.tokens(s).get(usize::from(at)).copied())
            .is_some_and(|w| range.contains(&(w as usize)))
    }

    pub(super) fn stem_ids(&self, stems: &[String]) -> Option<Vec<u32>> {
        stems.iter().map(|s| self.index.stem_id(s)).collect()
    }

    /// Statement ids matching `expr`, ascending.
    pub fn eval(&self, expr: &Expr) -> Vec<u32> {
        self.eval_in(expr, &[]).to_vec()
    }

    /// The statements matching `expr`, taking phrase and prefix terms already counted from
    /// `cache`. Sets are combined as bits: a word in most statements is a pass over a few
    /// thousand words, not a merge of its ids.
    pub(super) fn eval_in(&self, expr: &Expr, cache: &[(*const Expr, TermCounts)]) -> Bits {
        let n = self.index.statements.len();
        if matches!(expr, Expr::Phrase { .. } | Expr::Prefix { .. }) {
            if let Some((_, counts)) = cache.iter().find(|(e, _)| std::ptr::eq(*e, expr)) {
                return counts.present.clone();
            }
        }
        match expr {
            Expr::Word { stem, .. } => match self.index.stem_id(stem) {
                Some(id) => Bits::of(self.index.postings(id).stmts, n),
                None => Bits::none(n),
            },
            Expr::Phrase { stems, .. } => {
                let mut found = Bits::none(n);
                if let Some(ids) = self.stem_ids(stems) {
                    self.phrase_matches(&ids, |s, _| found.insert(s));
                }
                found
            }
            Expr::Prefix { .. } => self.counts(expr).present,
            Expr::Field(f) => self.eval_field(f),
            Expr::And(items) => {
                let (negative, positive): (Vec<&Expr>, Vec<&Expr>) =
                    items.iter().partition(|e| matches!(e, Expr::Not(_)));
                let mut acc = match positive.split_first() {
                    Some((first, rest)) => {
                        let mut acc = self.eval_in(first, cache);
                        for e in rest {
                            acc.and(&self.eval_in(e, cache));
                        }
                        acc
                    }
                    None => Bits::all(n),
                };
                for e in negative {
                    if let Expr::Not(inner) = e {
                        acc.minus(&self.eval_in(inner, cache));
                    }
                }
                acc
            }
            Expr::Or(items) => {
                let mut acc = Bits::none(n);
                for e in items {
                    acc.or(&self.eval_in(e, cache));
                }
                acc
            }
            Expr::Not(inner) => {
                let mut acc = Bits::all(n);
                acc.minus(&self.eval_in(inner, cache));
                acc
            }
        }
    }

    /// A phrase ready to be found in token sequences.
    fn phrase(&self, ids: &[u32]) -> Phrase {
        // Anchor on the rarest stem: its few words are compared with each token directly.
        let anchor = (0..ids.len())
            .min_by_key(|&k| self.index.df(ids[k]))
            .unwrap_or(0);
        Phrase {
            ids: ids.to_vec(),
            anchor,
            anchor_words: self.index.stem_words(ids[anchor]).to_vec(),
        }
    }

    /// Token positions in statement `s` where the phrase starts.
    fn phrase_starts<'p>(&'p self, s: u32, phrase: &'p Phrase) -> impl Iterator<Item = usize> + 'p {
        let toks = self.index.tokens(s);
        let starts = (toks.len() + 1).saturating_sub(phrase.ids.len());
        // The anchor's token for each possible start; most phrases anchor on a one-word stem,
        // compared by plain equality.
        let anchors = &toks[phrase.anchor.min(toks.len())..];
        let single = match phrase.anchor_words.as_slice() {
            [w] => Some(*w),
            _ => None,
        };
        anchors[..starts.min(anchors.len())]
            .iter()
            .enumerate()
            .filter(move |&(_, &t)| match single {
                Some(w) => t == w,
                None => phrase.anchor_words.contains(&t),
            })
            .map(|(i, _)| i)
            .filter(move |&i| {
                phrase
                    .ids
                    .iter()
                    .enumerate()
                    .all(|(k, &id)| self.index.stem_of(toks[i + k]) == id)
            })
    }

    /// Where a term occurs in statement `s`, as (first, last) token positions in order: what
    /// [`Searcher::occurrences`] finds in the statement's words (for highlights), read here
    /// from the postings, so that ranking reads no text. A prefix whose stem also has words
    /// without the prefix reads the statement's words for that stem, as matching does.
    pub(super) fn positions_in(&self, leaf: &Expr, s: u32) -> Vec<(usize, usize)> {
        let at = |k: u32| -> Vec<u16> {
            let p = self.index.postings(k);
            p.stmts
                .binary_search(&s)
                .map_or_else(|_| Vec::new(), |j| p.positions(j).to_vec())
        };
        let single = |ps: Vec<u16>| ps.into_iter().map(|p| (p as usize, p as usize));
        match leaf {
            Expr::Word { stem, .. } => self
                .index
                .stem_id(stem)
                .map_or_else(Vec::new, |k| single(at(k)).collect()),
            Expr::Phrase { stems, .. } => {
                let Some(ids) = self.stem_ids(stems).filter(|ids| !ids.is_empty()) else {
                    return Vec::new();
                };
                let lists: Vec<Vec<u16>> = ids.iter().map(|&k| at(k)).collect();
                lists[0]
                    .iter()
                    .filter(|&&p| {
                        lists.iter().enumerate().skip(1).all(|(i, l)| {
                            p.checked_add(i as u16)
                                .is_some_and(|q| l.binary_search(&q).is_ok())
                        })
                    })
                    .map(|&p| (p as usize, p as usize + ids.len() - 1))
                    .collect()
            }
            Expr::Prefix { prefix, stem, .. } => {
                let (range, stems) = self.index.prefix_stems(prefix, stem.as_deref());
                let mut out = Vec::new();
                for (k, whole) in stems {
                    let p = self.index.postings(k);
                    let Ok(j) = p.stmts.binary_search(&s) else {
                        continue;
                    };
                    for (i, &at) in p.positions(j).iter().enumerate() {
                        if whole || self.word_in(&p, j, i, s, at, &range) {
                            out.push((at as usize, at as usize));
                        }
                    }
                }
                out.sort_unstable();
                out
            }
            _ => Vec::new(),
        }
    }

    /// How many times word or prefix `leaf` occurs in the statements of `within`: the
    /// lengths of [`Searcher::positions_in`], summed from the postings.
    pub(super) fn words_in(&self, leaf: &Expr, within: &Bits) -> usize {
        let (range, stems) = match leaf {
            Expr::Word { stem, .. } => match self.index.stem_id(stem) {
                Some(k) => (0..0, vec![(k, true)]),
                None => return 0,
            },
            Expr::Prefix { prefix, stem, .. } => self.index.prefix_stems(prefix, stem.as_deref()),
            _ => return 0,
        };
        let mut n = 0;
        for (k, whole) in stems {
            let p = self.index.postings(k);
            for (j, &s) in p.stmts.iter().enumerate() {
                if !within.contains(s) {
                    continue;
                }
                n += match whole {
                    true => p.tf(j),
                    false => p
                        .positions(j)
                        .iter()
                        .enumerate()
                        .filter(|&(i, &at)| self.word_in(&p, j, i, s, at, &range))
                        .count(),
                };
            }
        }
        n
    }

    /// [`Searcher::positions_in`] of `leaf` in each of `stmts` (ascending), at once. A
    /// prefix's stems are each visited once, not once per statement: a short prefix has
    /// thousands of stems, and the statements ranking weighs are a thousand (each stem's
    /// postings are walked when they are fewer than the statements, else the statements
    /// are looked up in them, galloping).
    pub(super) fn positions_in_each(&self, leaf: &Expr, stmts: &[u32]) -> Vec<Vec<(usize, usize)>> {
        let Expr::Prefix { prefix, stem, .. } = leaf else {
            return stmts.iter().map(|&s| self.positions_in(leaf, s)).collect();
        };
        let mut out = vec![Vec::new(); stmts.len()];
        let (range, stems) = self.index.prefix_stems(prefix, stem.as_deref());
        // Which statements are asked, a bit each: most postings walked are of none of them.
        let mut asked = vec![0u64; self.index.statements.len().div_ceil(64)];
        for &s in stmts {
            if let Some(word) = asked.get_mut(s as usize / 64) {
                *word |= 1 << (s % 64);
            }
        }
        let is_asked = |s: u32| {
            asked
                .get(s as usize / 64)
                .is_some_and(|w| w & (1 << (s % 64)) != 0)
        };
        for (k, whole) in stems {
            let p = self.index.postings(k);
            let mut take = |i: usize, j: usize| {
                let s = stmts[i];
                for (n, &at) in p.positions(j).iter().enumerate() {
                    if whole || self.word_in(&p, j, n, s, at, &range) {
                        out[i].push((at as usize, at as usize));
                    }
                }
            };
            if p.stmts.len() <= stmts.len() {
                for (j, &s) in p.stmts.iter().enumerate() {
                    if is_asked(s) {
                        if let Ok(i) = stmts.binary_search(&s) {
                            take(i, j);
                        }
                    }
                }
            } else {
                let mut j = 0;
                for (i, &s) in stmts.iter().enumerate() {
                    j = advance(p.stmts, j, s);
                    match p.stmts.get(j) {
                        Some(&x) if x == s => take(i, j),
                        Some(_) => {}
                        None => break,
                    }
                }
            }
        }
        for o in &mut out {
            o.sort_unstable();
        }
        out
    }

    /// Token positions in statement `s` where the stems `ids` occur in sequence.
    pub(super) fn phrase_positions(&self, s: u32, ids: &[u32]) -> Vec<usize> {
        let phrase = self.phrase(ids);
        self.phrase_starts(s, &phrase).collect()
    }

    /// The statements where the stems `ids` occur in sequence, ascending, each with its
    /// number of occurrences. Works on postings alone: the rarest stem's statements are
    /// the candidates, the other stems' lists are advanced to each in turn, and a phrase
    /// starts wherever every stem sits at its offset in the position lists.
    fn phrase_matches(&self, ids: &[u32], mut each: impl FnMut(u32, usize)) {
        let mut distinct = ids.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let lists: Vec<_> = distinct.iter().map(|&k| self.index.postings(k)).collect();
        let Some(driver) = (0..lists.len()).min_by_key(|&l| lists[l].stmts.len()) else {
            return;
        };
        // The list of each phrase slot, and the first slot of the driving stem.
        let slots: Vec<usize> = ids
            .iter()
            .map(|id| distinct.binary_search(id).unwrap_or(0))
            .collect();
        let anchor = slots.iter().position(|&l| l == driver).unwrap_or(0) as u32;
        let mut cursor = vec![0usize; lists.len()];
        'candidates: for (j, &s) in lists[driver].stmts.iter().enumerate() {
            for (l, list) in lists.iter().enumerate() {
                if l == driver {
                    cursor[l] = j;
                    continue;
                }
                cursor[l] = advance(list.stmts, cursor[l], s);
                match list.stmts.get(cursor[l]) {
                    None => break 'candidates,
                    Some(&x) if x != s => continue 'candidates,
                    Some(_) => {}
                }
            }
            let n = lists[driver]
                .positions(j)
                .iter()
                .filter_map(|&a| u32::from(a).checked_sub(anchor))
                .filter(|&start| {
                    slots.iter().enumerate().all(|(k, &l)| {
                        u16::try_from(start + k as u32).is_ok_and(|at| {
                            lists[l].positions(cursor[l]).binary_search(&at).is_ok()
                        })
                    })
                })
                .count();
            if n > 0 {
                each(s, n);
            }
        }
    }

    /// The statements where the stems `ids` occur in sequence, ascending, each with its
    /// number of occurrences (see [`Searcher::eval`] for phrases).
    pub fn phrase_statements(&self, ids: &[u32], each: impl FnMut(u32, usize)) {
        self.phrase_matches(ids, each)
    }

    /// Per-statement frequencies of a word, phrase or prefix term.
    #[inline(never)]
    pub(crate) fn counts(&self, leaf: &Expr) -> TermCounts {
        let mut tf = vec![0u16; self.index.statements.len()];
        let mut present = Bits::none(self.index.statements.len());
        // Without a branch: a prefix adds thousands of stems' postings.
        let mut add = |s: u32, n: usize, tf: &mut Vec<u16>| {
            let slot = &mut tf[s as usize];
            *slot = slot.saturating_add(n.min(u16::MAX as usize) as u16);
            present.insert_if(s, n > 0);
        };
        match leaf {
            Expr::Word { stem, .. } => {
                if let Some(id) = self.index.stem_id(stem) {
                    let postings = self.index.postings(id);
                    for (j, &s) in postings.stmts.iter().enumerate() {
                        add(s, postings.tf(j), &mut tf);
                    }
                }
            }
            Expr::Phrase { stems, .. } => {
                if let Some(ids) = self.stem_ids(stems) {
                    self.phrase_matches(&ids, |s, n| add(s, n, &mut tf));
                }
            }
            Expr::Prefix { prefix, stem, .. } => {
                // The word being typed counts its own stem whole, too.
                let (range, stems) = self.index.prefix_stems(prefix, stem.as_deref());
                for (k, whole) in stems {
                    let postings = self.index.postings(k);
                    for (j, &s) in postings.stmts.iter().enumerate() {
                        // A stem whose words all have the prefix counts whole; otherwise
                        // only its words with the prefix ("negotiation*" is not "negotiate").
                        // Read at the stem's own positions, not over the statement.
                        let n = if whole {
                            postings.tf(j)
                        } else {
                            postings
                                .positions(j)
                                .iter()
                                .enumerate()
                                .filter(|&(i, &at)| self.word_in(&postings, j, i, s, at, &range))
                                .count()
                        };
                        add(s, n, &mut tf);
                    }
                }
            }
            _ => {}
        }
        TermCounts {
            tf,
            df: present.count(),
            present,
        }
    }

    /// Statements passing a field filter. Document-level fields are decided once per
    /// document (a document's statements are one run of ids); names are resolved to ids
    /// once, not compared per statement.
    fn eval_field(&self, f: &Field) -> Bits {
        let n = self.index.statements.len();
        let position =
            |list: &[String], v: &str| list.iter().position(|x| x == v).map(|i| i as u32);
        match f {
            Field::Speaker(id) => {
                let person = match id.as_str() {
                    crate::model::NARRATOR_ID => None,
                    _ => match self.corpus.people.iter().position(|p| p.id == *id) {
                        Some(i) => Some(i as u32),
                        None => return Bits::none(n),
                    },
                };
                Bits::with(n, |s| self.index.statements[s as usize].speaker == person)
            }
            Field::Stance(x) => Bits::with(n, |s| {
                self.index.statements[s as usize].stances & x.bit() != 0
            }),
            Field::Country(c) => match position(&self.index.countries, c) {
                Some(c) => Bits::with(n, |s| self.index.countries_of(s).contains(&c)),
                None => Bits::none(n),
            },
            _ => {
                // A document's statements are one run of ids.
                let mut found = Bits::none(n);
                for d in 0..self.index.docs.len() {
                    if self.doc_field_matches(f, d) {
                        self.index
                            .doc_statements(d as u32)
                            .for_each(|s| found.insert(s));
                    }
                }
                found
            }
        }
    }

    fn doc_field_matches(&self, f: &Field, d: usize) -> bool {
        let doc = &self.index.docs[d];
        match f {
            Field::Source(src) => doc
                .source
                .is_some_and(|i| self.index.sources[i as usize].0 == *src),
            Field::Kind(k) => doc.kind.is_some_and(|i| self.index.kinds[i as usize] == *k),
            Field::Year(y) => doc.date.is_some_and(|d| d.year == *y),
            Field::After(d) => within(doc.date, Some(*d), None),
            Field::Before(d) => within(doc.date, None, Some(*d)),
            Field::Speaker(_) | Field::Country(_) | Field::Stance(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::test_corpus;
    use crate::{Index, Searcher};

    /// Ranking's positions from postings are the highlights' from words, for every term of
    /// every statement: words, phrases, prefixes (whole stems and partial), a typed word.
    #[test]
    fn positions_from_postings_are_the_words() {
        for dir in ["seeds", "tests/corpora/speeches"] {
            let corpus = test_corpus(dir);
            let index = Index::build(&corpus);
            let searcher = Searcher::new(&corpus, &index);
            let queries = [
                index.parse("\"two-state solution\" peace the"),
                index.parse("negotiation* negotiat* pal* \"of the\" \"the the\""),
                index.parse_typed("president of the unit"),
                index.parse_typed("negotiation"),
            ];
            let mut seen = 0;
            for q in &queries {
                let mut leaves = Vec::new();
                super::super::positive_leaves(q.expr.as_ref().unwrap(), &mut leaves);
                for leaf in leaves {
                    let all: Vec<u32> = (0..index.statements.len() as u32).collect();
                    // At once, for every statement and for a scattered few.
                    let each = searcher.positions_in_each(leaf, &all);
                    let few: Vec<u32> = all.iter().copied().step_by(7).collect();
                    let each_few = searcher.positions_in_each(leaf, &few);
                    for s in 0..index.statements.len() as u32 {
                        let words = searcher.occurrences(leaf, s);
                        seen += words.len();
                        assert_eq!(
                            searcher.positions_in(leaf, s),
                            words,
                            "{dir}: {leaf:?} in {s}"
                        );
                        assert_eq!(each[s as usize], words, "{dir}: {leaf:?} in {s}, at once");
                        if s % 7 == 0 {
                            assert_eq!(each_few[s as usize / 7], words, "{dir}: {leaf:?} in {s}");
                        }
                    }
                }
            }
            assert!(seen > 100, "{dir}: {seen}");
        }
    }
}
