//! Collocates: the words that keep company with a word or phrase (the **node**: a query's
//! terms), as AntConc, CQPweb and Sketch Engine count them.
//!
//! The node's occurrences are its highlights in the statements that match the query among
//! those counted (the ones that pass the filters, or one set of a comparison). Its
//! **window** is `window` words on either side of each occurrence, inside its statement
//! (never across a statement's edge); a word in two windows counts once, and the node's own
//! words are not in any. Candidates are content words (stopwords left out). For a candidate
//! with `O` uses in the windows, `f` uses in all the statements counted, `W` words in the
//! windows, `N` words in the statements counted and `F` occurrences of the node:
//!
//! - **log-likelihood** `G²` of the 2×2 table (`O`, `W − O`; `f − O`, `N − W − f + O`)
//!   against its expected values (Dunning; as AntConc ranks);
//! - **MI** `= log₂(O / E)` with `E = W·f/N`, the uses expected in that many words (Church
//!   and Hanks, the window's size counted as CQPweb does);
//! - **logDice** `= 14 + log₂(2·O / (F + f))` (Rychlý 2008, Sketch Engine's score: 14 at
//!   most, independent of the corpus's size).
//!
//! Candidates used at least [`MIN_COOCCURRENCES`] times in the windows are ranked by one of
//! the three ([`Rank`]). Each is shown in its most frequent written form among its uses in
//! the windows (the first [`FORMS`] of them).
//!
//! [`difference`] sets the collocates of one node in two sets side by side by logDice, a
//! small Word Sketch Difference.

use crate::index::Index;
use crate::query::{Query, Searcher};
use std::collections::HashMap;

/// Fewest uses in the windows for a collocate.
pub const MIN_COOCCURRENCES: usize = 2;
/// Words on either side of the node, by default and at most.
pub const WINDOW_DEFAULT: usize = 4;
pub const WINDOW_MAX: usize = 5;
/// Uses of a collocate read for its most frequent written form.
pub const FORMS: usize = 8;

/// What collocates are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    #[default]
    LogLikelihood,
    LogDice,
    Mi,
}

/// A word that keeps company with the node.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    pub stem: u32,
    /// Its most used word (id into [`Index::words`]) in the windows.
    pub word: u32,
    /// Its most frequent written form in the windows.
    pub written: String,
    /// Uses in the windows (`O`) and in all the statements counted (`f`).
    pub count: usize,
    pub total: usize,
    pub g2: f64,
    pub mi: f64,
    pub log_dice: f64,
}

/// The collocates of a node.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collocates {
    /// Occurrences of the node (`F`), and the statements they are in.
    pub node: usize,
    pub statements: usize,
    /// Words in the windows (`W`) and in the statements counted (`N`).
    pub window_words: usize,
    pub words: usize,
    /// The collocates, best first by the rank asked for.
    pub list: Vec<Collocate>,
}

/// The node's windows in some statements: what collocates count before they are ranked
/// ([`Searcher::windows`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Windows {
    /// Uses of each stem in the windows (`O`), of each word, and how each stem is written
    /// at its first [`FORMS`] places there (kept as written, so that windows read a block
    /// of statements at a time need not keep their text).
    uses: HashMap<u32, usize>,
    word_uses: HashMap<u32, usize>,
    forms: HashMap<u32, Vec<String>>,
    /// Occurrences of the node (`F`), the statements they are in, words in the windows
    /// (`W`).
    node: usize,
    statements: usize,
    window_words: usize,
}

impl Windows {
    /// The stems that rank among the collocates if their scores let them (used at least
    /// [`MIN_COOCCURRENCES`] times in the windows), ascending: their uses in all the
    /// statements counted are read from their postings when the statements counted are
    /// not the whole corpus.
    pub fn candidates(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .uses
            .iter()
            .filter(|&(_, &o)| o >= MIN_COOCCURRENCES)
            .map(|(&k, _)| k)
            .collect();
        out.sort_unstable();
        out
    }
}

impl Searcher<'_> {
    /// The at most `limit` collocates of `query`'s terms within `window` words (1 to
    /// [`WINDOW_MAX`]), counted over the statements `keep` takes, ranked by `rank` (see the
    /// module documentation): [`Searcher::windows`] of the statements matching, then
    /// [`Searcher::rank_collocates`].
    pub fn collocates(
        &self,
        query: &Query,
        keep: impl Fn(u32) -> bool,
        window: usize,
        rank: Rank,
        limit: usize,
    ) -> Collocates {
        let statements = match &query.expr {
            Some(expr) => self.eval(expr),
            None => Vec::new(),
        };
        let windows = self.windows(query, statements.into_iter().filter(|&s| keep(s)), window);
        self.rank_collocates(query, &windows, keep, rank, limit)
    }

    /// The windows of `query`'s terms (`window` words on either side, 1 to [`WINDOW_MAX`])
    /// in `statements`, whose words and text are read: the statements matching the query
    /// among those counted, in ascending order.
    pub fn windows(
        &self,
        query: &Query,
        statements: impl IntoIterator<Item = u32>,
        window: usize,
    ) -> Windows {
        let mut out = Windows::default();
        self.add_windows(&mut out, query, statements, window);
        out
    }

    /// [`Searcher::windows`] of more statements added to `out`: a corpus too large to hold
    /// read a block of statements at a time, in ascending order, gives the windows of all
    /// of them.
    pub fn add_windows(
        &self,
        out: &mut Windows,
        query: &Query,
        statements: impl IntoIterator<Item = u32>,
        window: usize,
    ) {
        let index = self.index;
        let window = window.clamp(1, WINDOW_MAX);
        if query.expr.is_none() {
            return;
        }
        // Every word near an occurrence of the node, each place once.
        for s in statements {
            let spans = self.token_highlights(query, s);
            if spans.is_empty() {
                continue;
            }
            out.statements += 1;
            out.node += spans.len();
            let toks = index.tokens(s);
            let mut inside = vec![false; toks.len()];
            for &(first, last, _) in &spans {
                let to = (last + window).min(toks.len() - 1);
                inside[first.saturating_sub(window)..=to]
                    .iter_mut()
                    .for_each(|x| *x = true);
            }
            for &(first, last, _) in &spans {
                inside[first..=last].iter_mut().for_each(|x| *x = false);
            }
            let mut ranges = None;
            for (i, &w) in toks.iter().enumerate().filter(|(i, _)| inside[*i]) {
                out.window_words += 1;
                if index.is_stop(w) {
                    continue;
                }
                let k = index.stem_of(w);
                *out.uses.entry(k).or_default() += 1;
                *out.word_uses.entry(w).or_default() += 1;
                let at = out.forms.entry(k).or_default();
                if at.len() < FORMS {
                    // The statement's word ranges, once, when a form is wanted from it.
                    let text = self.text(s);
                    let ranges = ranges.get_or_insert_with(|| Index::ranges(text));
                    at.push(
                        ranges
                            .get(i)
                            .map_or_else(String::new, |r| text[r.clone()].to_string()),
                    );
                }
            }
        }
    }

    /// The at most `limit` collocates in `windows` (of `query`'s terms), counted over the
    /// statements `keep` takes, ranked by `rank`. Reads the
    /// text of the places of the collocates listed, and the postings of the
    /// [`Windows::candidates`] when `keep` leaves out statements.
    pub fn rank_collocates(
        &self,
        query: &Query,
        windows: &Windows,
        keep: impl Fn(u32) -> bool,
        rank: Rank,
        limit: usize,
    ) -> Collocates {
        let index = self.index;
        let n = index.statements.len() as u32;
        let kept: Vec<bool> = (0..n).map(&keep).collect();
        // Each candidate's uses in all the statements counted.
        let all_kept = kept.iter().all(|&k| k);
        let total = |k: u32| -> usize {
            if all_kept {
                return index.stem_total(k);
            }
            let post = index.postings(k);
            (0..post.stmts.len())
                .filter(|&j| kept[post.stmts[j] as usize])
                .map(|j| post.tf(j))
                .sum()
        };
        self.rank_collocates_with(query, windows, |s| kept[s as usize], total, rank, limit)
    }

    /// [`Searcher::rank_collocates`] with each candidate stem's uses in the statements
    /// counted given by `total` (its tokens there, stopwords and all): counted as those
    /// statements' words were read (two sets, [`stem_uses`]), it reads no postings.
    pub fn rank_collocates_with(
        &self,
        query: &Query,
        windows: &Windows,
        keep: impl Fn(u32) -> bool,
        total: impl Fn(u32) -> usize,
        rank: Rank,
        limit: usize,
    ) -> Collocates {
        let index = self.index;
        let n = index.statements.len() as u32;
        let words: usize = (0..n).filter(|&s| keep(s)).map(|s| index.len(s)).sum();
        if query.expr.is_none() {
            return Collocates {
                words,
                ..Collocates::default()
            };
        }
        let Windows {
            uses,
            word_uses,
            forms,
            node,
            statements,
            window_words,
        } = windows;
        let (node, window_words) = (*node, *window_words);
        let mut list: Vec<Collocate> = windows
            .candidates()
            .into_iter()
            .map(|k| {
                let o = uses[&k];
                let f = total(k).max(o);
                let (g2, mi, log_dice) = scores(o, f, window_words, words, node);
                Collocate {
                    stem: k,
                    word: 0,
                    written: String::new(),
                    count: o,
                    total: f,
                    g2,
                    mi,
                    log_dice,
                }
            })
            .collect();
        let key = |c: &Collocate| match rank {
            Rank::LogLikelihood => c.g2,
            Rank::LogDice => c.log_dice,
            Rank::Mi => c.mi,
        };
        crate::sort::by(&mut list, |a, b| {
            key(b).total_cmp(&key(a)).then(a.stem.cmp(&b.stem))
        });
        list.truncate(limit);
        for c in &mut list {
            c.word = index
                .stem_words(c.stem)
                .iter()
                .copied()
                .max_by_key(|w| {
                    (
                        word_uses.get(w).copied().unwrap_or(0),
                        std::cmp::Reverse(*w),
                    )
                })
                .unwrap_or(0);
            c.written = most_frequent(&forms[&c.stem]);
        }
        Collocates {
            node,
            statements: *statements,
            window_words,
            words,
            list,
        }
    }
}

/// Adds the uses of each stem (every token, stopwords too) in statements `stmts` (their
/// words loaded) to `uses` (one slot a stem): added a block of statements at a time, the
/// totals [`Searcher::rank_collocates_with`] takes, without the candidates' postings.
pub fn stem_uses(index: &Index, uses: &mut [u32], stmts: impl IntoIterator<Item = u32>) {
    for s in stmts {
        for &w in index.tokens(s) {
            uses[index.stem_of(w) as usize] += 1;
        }
    }
}

/// The most frequent of `forms` (a tie to the first).
fn most_frequent(forms: &[String]) -> String {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for form in forms.iter().filter(|f| !f.is_empty()) {
        match counted.iter_mut().find(|(f, _)| f == form) {
            Some(slot) => slot.1 += 1,
            None => counted.push((form, 1)),
        }
    }
    let best = counted.iter().map(|f| f.1).max().unwrap_or(0);
    counted
        .into_iter()
        .find(|f| f.1 == best)
        .map(|f| f.0.to_string())
        .unwrap_or_default()
}

/// `(G², MI, logDice)` of a collocate with `o` uses in `w` window words, `f` uses in `n`
/// words, beside a node of `node` occurrences (see the module documentation).
pub fn scores(o: usize, f: usize, w: usize, n: usize, node: usize) -> (f64, f64, f64) {
    let (o, f, w, n) = (o as f64, f as f64, w as f64, n as f64);
    let cells = [
        (o, w * f / n),
        (w - o, w * (n - f) / n),
        (f - o, (n - w) * f / n),
        (n - w - f + o, (n - w) * (n - f) / n),
    ];
    let g2 = 2.0
        * cells
            .iter()
            .filter(|(o, e)| *o > 0.0 && *e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    let mi = (o / (w * f / n)).log2();
    let log_dice = 14.0 + (2.0 * o / (node as f64 + f)).log2();
    (g2, mi, log_dice)
}

/// A collocate of one node in two sets (a Word Sketch Difference row): its logDice and
/// uses in each, `None` where it is not among that set's collocates.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub stem: u32,
    pub written: String,
    pub a: Option<(f64, usize)>,
    pub b: Option<(f64, usize)>,
}

impl Difference {
    /// logDice in A less logDice in B, a missing side taken as 0.
    pub fn lean(&self) -> f64 {
        self.a.map_or(0.0, |x| x.0) - self.b.map_or(0.0, |x| x.0)
    }
}

/// The collocates of `a` and of `b` side by side, the most A-leaning first (by
/// [`Difference::lean`]), then in stem order.
pub fn difference(a: &Collocates, b: &Collocates) -> Vec<Difference> {
    let mut rows: Vec<Difference> = Vec::new();
    for (side, list) in [(0, &a.list), (1, &b.list)] {
        for c in list.iter() {
            let at = match rows.iter().position(|r| r.stem == c.stem) {
                Some(i) => i,
                None => {
                    rows.push(Difference {
                        stem: c.stem,
                        written: c.written.clone(),
                        a: None,
                        b: None,
                    });
                    rows.len() - 1
                }
            };
            let score = Some((c.log_dice, c.count));
            if side == 0 {
                rows[at].a = score;
            } else {
                rows[at].b = score;
            }
        }
    }
    crate::sort::by(&mut rows, |x, y| {
        y.lean().total_cmp(&x.lean()).then(x.stem.cmp(&y.stem))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::query::{parse, tests::corpus, Searcher};

    /// Four statements; "omega" ends the third, just before the fourth's "gamma node".
    fn world() -> (crate::model::Corpus, Index) {
        let c = corpus(&[
            "alpha beta gamma node delta epsilon",
            "node beta zeta",
            "beta omega omega omega",
            "gamma node",
        ]);
        let i = Index::build(&c);
        (c, i)
    }

    /// Windows added a block of statements at a time are the windows of all of them, and
    /// keep the collocates' written forms when the blocks' text is gone: the seeds' most
    /// used word, in blocks of three statements.
    #[test]
    fn windows_added_in_blocks_are_the_windows_of_all() {
        let c = crate::corpus::test_corpus("seeds");
        let i = Index::build(&c);
        let s = Searcher::new(&c, &i);
        let q = i.parse("china");
        let all = s.eval(q.expr.as_ref().unwrap());
        let whole = s.windows(&q, all.iter().copied(), 4);
        let mut blocks = Windows::default();
        for block in all.chunks(3) {
            s.add_windows(&mut blocks, &q, block.iter().copied(), 4);
        }
        assert_eq!(blocks, whole);
        let col = s.rank_collocates(&q, &blocks, |_| true, Rank::LogLikelihood, 20);
        assert!(col.list.len() > 5);
        assert!(col.list.iter().all(|c| !c.written.is_empty()));
        assert_eq!(col, s.collocates(&q, |_| true, 4, Rank::LogLikelihood, 20));
    }

    /// Under a filter, the collocates ranked with each candidate's uses counted from the
    /// statements' words (read in blocks, no postings) are those ranked from the postings.
    #[test]
    fn uses_counted_from_the_words_rank_as_the_postings_do() {
        let c = crate::corpus::test_corpus("seeds");
        let i = Index::build(&c);
        let s = Searcher::new(&c, &i);
        let q = i.parse("china");
        // The statements of the first three documents.
        let end = i.doc_end(2);
        let keep = |st: u32| st < end;
        let kept: Vec<u32> = (0..end).collect();
        let windows = s.windows(
            &q,
            s.eval(q.expr.as_ref().unwrap())
                .into_iter()
                .filter(|&st| keep(st)),
            4,
        );
        let mut uses = vec![0; i.stem_count()];
        for block in kept.chunks(5) {
            stem_uses(&i, &mut uses, block.iter().copied());
        }
        for rank in [Rank::LogLikelihood, Rank::LogDice, Rank::Mi] {
            let by_postings = s.rank_collocates(&q, &windows, keep, rank, 20);
            assert!(by_postings.list.len() > 3);
            // Some candidate is used outside the node's windows: the totals matter.
            assert!(by_postings.list.iter().any(|c| c.total > c.count));
            let by_words =
                s.rank_collocates_with(&q, &windows, keep, |k| uses[k as usize] as usize, rank, 20);
            assert_eq!(by_words, by_postings);
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// Hand-computed with a window of 2: W = 7 (beta gamma delta epsilon; beta zeta;
    /// gamma), N = 15, F = 3. beta: O = 2, f = 3; gamma: O = 2, f = 2. E = W·f/N;
    /// G² over (O, W−O; f−O, N−W−f+O); logDice = 14 + log₂(2O/(F+f)).
    #[test]
    fn scores_by_hand_and_windows_stop_at_statement_edges() {
        let (c, i) = world();
        let s = Searcher::new(&c, &i);
        let col = s.collocates(&parse("node"), |_| true, 2, Rank::LogLikelihood, 10);
        assert_eq!((col.node, col.statements), (3, 3));
        assert_eq!((col.window_words, col.words), (7, 15));
        let names: Vec<&str> = col.list.iter().map(|c| c.written.as_str()).collect();
        // delta, epsilon and zeta are there once (below the minimum); alpha is three words
        // away; omega ends the statement before "gamma node" and is not in its window.
        assert_eq!(names, ["gamma", "beta"]);
        let (gamma, beta) = (&col.list[0], &col.list[1]);
        assert_eq!(
            (gamma.count, gamma.total, beta.count, beta.total),
            (2, 2, 2, 3)
        );
        assert!(close(gamma.g2, 3.404460), "{}", gamma.g2);
        assert!(close(gamma.mi, 1.099536), "{}", gamma.mi);
        assert!(close(gamma.log_dice, 13.678072), "{}", gamma.log_dice);
        assert!(close(beta.g2, 0.607976), "{}", beta.g2);
        assert!(close(beta.mi, 0.514573), "{}", beta.mi);
        assert!(close(beta.log_dice, 13.415037), "{}", beta.log_dice);
        // A window of 3 reaches alpha (once: still below the minimum), and the order holds.
        let wide = s.collocates(&parse("node"), |_| true, 3, Rank::LogDice, 10);
        assert_eq!(wide.window_words, 8);
        assert_eq!(wide.list[0].written, "gamma");
    }

    #[test]
    fn counted_statements_bound_the_windows_and_the_totals() {
        let (c, i) = world();
        let s = Searcher::new(&c, &i);
        // Without the third statement, beta's total is 2 and N is 11.
        let col = s.collocates(&parse("node"), |st| st != 2, 2, Rank::Mi, 10);
        assert_eq!(col.words, 11);
        let beta = col.list.iter().find(|c| c.written == "beta").unwrap();
        assert_eq!((beta.count, beta.total), (2, 2));
        // Without the first, the node is in two statements and nothing is used twice.
        let col = s.collocates(&parse("node"), |st| st != 0, 2, Rank::Mi, 10);
        assert_eq!((col.node, col.list.len()), (2, 0));
    }

    #[test]
    fn a_difference_leans_to_the_set_where_the_collocate_is_stronger() {
        let c = |stem, d: f64| Collocate {
            stem,
            word: 0,
            written: format!("w{stem}"),
            count: 2,
            total: 2,
            g2: 0.0,
            mi: 0.0,
            log_dice: d,
        };
        let a = Collocates {
            list: vec![c(1, 12.0), c(2, 10.0)],
            ..Collocates::default()
        };
        let b = Collocates {
            list: vec![c(2, 11.0), c(3, 9.0)],
            ..Collocates::default()
        };
        let rows = difference(&a, &b);
        let order: Vec<u32> = rows.iter().map(|r| r.stem).collect();
        assert_eq!(order, [1, 2, 3]);
        assert_eq!((rows[1].a, rows[1].b), (Some((10.0, 2)), Some((11.0, 2))));
        assert!(close(rows[2].lean(), -9.0));
    }
}
