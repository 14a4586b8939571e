//! Formulations: the multi-word phrases a corpus repeats across documents ("two-state
//! solution", "comprehensive, just and lasting solution"), with their variants, first use
//! and every later use.
//!
//! **Finding** ([`find`], at build time, on stems so that inflections count as one phrase):
//! every run of [`MIN_WORDS`] to [`MAX_WORDS`] words inside one statement that occurs in at
//! least two documents, that neither starts nor ends with a stopword, and that cannot be
//! extended by a content word on either side without losing an occurrence (so
//! "just and lasting" is not listed apart from "comprehensive, just and lasting solution"
//! when it only ever occurs inside it). The [`MAX_FORMULAS`] found in the most documents
//! are kept (then by uses, then longer first).
//!
//! **Variants**: two kept phrases of the same length that differ in exactly one word, both
//! of those words content words, and that share at least one other content word, are
//! variants of one formulation; variants of variants join the same group. Variants that
//! each occur in only one document are found too: 5- and 4-word windows with one inner
//! word free ("comprehensive, just and * solution"), whose other words recur in two or
//! more documents while the free word takes two or more content words ("lasting",
//! "enduring").
//!
//! **As written**: each phrase keeps its most frequent spelling across its uses
//! ([`Formula::surface`]): the text from its first word's first letter to its last word's
//! last, with its case, hyphens, apostrophes and inner punctuation ("two-state solution",
//! "comprehensive, just and lasting solution"), runs of white space (a PDF's line breaks)
//! read as one space; a tie goes to the spelling used first in corpus order.
//!
//! **Counting** ([`table`], at run time): each phrase is matched like a phrase query, under
//! the current filters, and a group is listed when its uses still span two documents.

use crate::index::Index;
use crate::model::Corpus;
use crate::query::{Filters, Searcher};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Fewest words in a formulation.
pub const MIN_WORDS: usize = 3;
/// Most words in a formulation; longer repeats are listed by their first words.
pub const MAX_WORDS: usize = 12;
/// Most formulations kept for a corpus.
pub const MAX_FORMULAS: usize = 400;

/// A recurring phrase, as found at build time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    /// The words of its first occurrence (ids into [`Index::words`]).
    pub words: Vec<u32>,
    /// Its variant group: the position in the list of the group's first member.
    pub group: u32,
    /// The phrase as written, in its most frequent spelling (see the module documentation).
    pub surface: String,
}

impl Formula {
    /// The phrase's folded words joined by spaces (a phrase query's text).
    pub fn text(&self, index: &Index) -> String {
        let words: Vec<&str> = self
            .words
            .iter()
            .map(|&w| index.words[w as usize].0.as_str())
            .collect();
        words.join(" ")
    }
}

impl Formula {
    /// The phrase as a search, as written: its spelling quoted, any quote mark inside it
    /// read as a space (a phrase's words are the same either way).
    pub fn search(&self) -> String {
        let inner: String = self
            .surface
            .chars()
            .map(|c| {
                if crate::query::lex::is_quote(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        format!("\"{}\"", inner.trim())
    }
}

/// Occurrences of one phrase: statement id and word position.
type Occurrences = Vec<(u32, u32)>;

/// A phrase found, before ranking.
struct Found {
    stems: Vec<u32>,
    uses: usize,
    /// Documents of the phrase, or of its variant set.
    documents: usize,
    first: (u32, u32),
    /// Variant set found by a window with a free word (`u32::MAX`: none).
    set: u32,
    /// Every occurrence, in statement order.
    occ: Occurrences,
}

/// A window with one free word: the other words' stems (padded), the free word's stem,
/// statement and position.
type Window = ([u32; 4], u32, u32, u32);

/// Finds the formulations of `corpus`, indexed as `index` (see the module documentation):
/// phrases repeated across documents, then variants with one word free, the best kept, then
/// grouped, each with its spelling as written.
pub fn find(corpus: &Corpus, index: &Index) -> Vec<Formula> {
    let mut found = repeated(index);
    add_free_word_variants(index, &mut found);
    crate::sort::by(&mut found, |a, b| {
        b.documents
            .cmp(&a.documents)
            .then(b.uses.cmp(&a.uses))
            .then(b.stems.len().cmp(&a.stems.len()))
            .then(a.first.cmp(&b.first))
            .then(a.stems.cmp(&b.stems))
    });
    found.truncate(MAX_FORMULAS);
    let mut spelling = Spelling::new(corpus, index);
    let mut formulas: Vec<Formula> = found
        .iter()
        .map(|f| Formula {
            words: index.tokens(f.first.0)[f.first.1 as usize..f.first.1 as usize + f.stems.len()]
                .to_vec(),
            group: 0,
            surface: spelling.most_frequent(&f.occ, f.stems.len()),
        })
        .collect();
    group_variants(index, &found, &mut formulas);
    formulas
}

/// The spellings of phrases in the corpus's text, with each statement's token ranges
/// computed once.
struct Spelling<'a> {
    corpus: &'a Corpus,
    index: &'a Index,
    ranges: HashMap<u32, Vec<std::ops::Range<usize>>>,
}

impl<'a> Spelling<'a> {
    fn new(corpus: &'a Corpus, index: &'a Index) -> Self {
        Spelling {
            corpus,
            index,
            ranges: HashMap::new(),
        }
    }

    /// The text of statement `s`.
    fn text(&self, s: u32) -> &'a str {
        let st = &self.index.statements[s as usize];
        self.corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .map_or("", |p| p.text.as_str())
    }

    /// The `len` words at position `i` of statement `s` as written, white space runs as one
    /// space (empty if the statement has no such words).
    fn at(&mut self, s: u32, i: u32, len: usize) -> String {
        let text = self.text(s);
        let ranges = self.ranges.entry(s).or_insert_with(|| Index::ranges(text));
        let (i, len) = (i as usize, len.max(1));
        let (Some(first), Some(last)) = (ranges.get(i), ranges.get(i + len - 1)) else {
            return String::new();
        };
        text[first.start..last.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The most frequent spelling of the `len`-word phrase at `occ` (a tie to the first).
    fn most_frequent(&mut self, occ: &Occurrences, len: usize) -> String {
        // Spelling -> (uses, first seen).
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for (n, &(s, i)) in occ.iter().enumerate() {
            seen.entry(self.at(s, i, len)).or_insert((0, n)).0 += 1;
        }
        seen.into_iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(spelling, _)| spelling)
            .unwrap_or_default()
    }
}

/// The statement's stem at word position `i`, if it has that many words.
fn stem_at(index: &Index, s: u32, i: u32) -> Option<u32> {
    index.tokens(s).get(i as usize).map(|&w| index.stem_of(w))
}

/// True when the word at position `i` of statement `s` is a content word.
fn content_at(index: &Index, s: u32, i: u32) -> bool {
    !index.is_stop(index.tokens(s)[i as usize])
}

/// The number of documents of occurrences (in statement order).
fn docs(index: &Index, occ: &Occurrences) -> usize {
    let mut last = u32::MAX;
    let mut count = 0;
    for &(s, _) in occ {
        let d = index.statements[s as usize].doc;
        if d != last {
            count += 1;
            last = d;
        }
    }
    count
}

/// Every maximal phrase of [`MIN_WORDS`] to [`MAX_WORDS`] words found in two or more
/// documents, level by level: the repeated windows of one length are extended by a word to
/// the right to make the next.
fn repeated(index: &Index) -> Vec<Found> {
    let n = index.statements.len() as u32;
    let docs = |occ: &Occurrences| docs(index, occ);
    // Level MIN_WORDS: every window with its stems, sorted so equal windows are together.
    let mut windows: Vec<([u32; MIN_WORDS], u32, u32)> = Vec::with_capacity(index.token_count());
    for s in 0..n {
        let toks = index.tokens(s);
        for (i, w) in toks.windows(MIN_WORDS).enumerate() {
            windows.push((std::array::from_fn(|k| index.stem_of(w[k])), s, i as u32));
        }
    }
    windows.sort_unstable();
    let mut level: Vec<(Vec<u32>, Occurrences)> = Vec::new();
    for run in windows.chunk_by(|a, b| a.0 == b.0) {
        let occ: Occurrences = run.iter().map(|&(_, s, i)| (s, i)).collect();
        if docs(&occ) >= 2 {
            level.push((run[0].0.to_vec(), occ));
        }
    }
    drop(windows);
    let mut found: Vec<Found> = Vec::new();
    let mut size = MIN_WORDS;
    while !level.is_empty() {
        let mut next_level: Vec<(Vec<u32>, Occurrences)> = Vec::new();
        for (key, occ) in level {
            let len = size as u32;
            // Extended to the right by the next word, when there is one.
            let mut right: HashMap<u32, Occurrences> = HashMap::new();
            for &(s, i) in &occ {
                if let Some(k) = stem_at(index, s, i + len) {
                    right.entry(k).or_default().push((s, i));
                }
            }
            // A longer phrase with every occurrence, ending (or starting) with a content word
            // a few words further out, makes this one redundant.
            let grows = |step: i64| {
                let (s0, i0) = occ[0];
                for k in 1..=(MAX_WORDS - size) as i64 {
                    let at = |i: u32| {
                        let j = if step > 0 {
                            i as i64 + len as i64 - 1 + k
                        } else {
                            i as i64 - k
                        };
                        u32::try_from(j).ok()
                    };
                    let Some(j0) = at(i0) else { return false };
                    let Some(want) = stem_at(index, s0, j0) else {
                        return false;
                    };
                    let all = occ
                        .iter()
                        .all(|&(s, i)| at(i).and_then(|j| stem_at(index, s, j)) == Some(want));
                    if !all {
                        return false;
                    }
                    if content_at(index, s0, j0) {
                        return true;
                    }
                }
                false
            };
            let edges_ok = content_at(index, occ[0].0, occ[0].1)
                && content_at(index, occ[0].0, occ[0].1 + len - 1);
            if edges_ok && !grows(-1) && (size == MAX_WORDS || !grows(1)) {
                let d = docs(&occ);
                found.push(Found {
                    stems: key.clone(),
                    uses: occ.len(),
                    documents: d,
                    first: occ[0],
                    set: u32::MAX,
                    occ,
                });
            }
            if size < MAX_WORDS {
                for (k, r) in right {
                    if docs(&r) >= 2 {
                        let mut longer = key.clone();
                        longer.push(k);
                        next_level.push((longer, r));
                    }
                }
            }
        }
        level = next_level;
        size += 1;
    }
    found
}

/// Adds the variants that occur in one document each: windows of 5 or 4 words with one
/// inner word free, whose other words recur in two or more documents, the free word taking
/// two or more content words. A free word already covered by a longer window is not counted
/// again.
fn add_free_word_variants(index: &Index, found: &mut Vec<Found>) {
    let n = index.statements.len() as u32;
    let docs = |occ: &Occurrences| docs(index, occ);
    let mut at_key: HashMap<Vec<u32>, usize> = found
        .iter()
        .enumerate()
        .map(|(f, e)| (e.stems.clone(), f))
        .collect();
    let mut covered: std::collections::HashSet<(u32, u32)> = Default::default();
    let mut sets = 0u32;
    for size in [5usize, 4] {
        for free in 1..size - 1 {
            let mut windows: Vec<Window> = Vec::new();
            for s in 0..n {
                let toks = index.tokens(s);
                for (i, w) in toks.windows(size).enumerate() {
                    let content = |k: usize| !index.is_stop(w[k]);
                    if !(content(0) && content(size - 1) && content(free)) {
                        continue;
                    }
                    let mut key = [u32::MAX; 4];
                    for (slot, k) in (0..size).filter(|&k| k != free).enumerate() {
                        key[slot] = index.stem_of(w[k]);
                    }
                    windows.push((key, index.stem_of(w[free]), s, i as u32));
                }
            }
            windows.sort_unstable();
            for run in windows.chunk_by(|a, b| a.0 == b.0) {
                let occ: Occurrences = run.iter().map(|&(_, _, s, i)| (s, i)).collect();
                if docs(&occ) < 2
                    || run.iter().all(|w| w.1 == run[0].1)
                    || run
                        .iter()
                        .all(|w| covered.contains(&(w.2, w.3 + free as u32)))
                {
                    continue;
                }
                let group_docs = docs(&occ);
                let mut fillers: Vec<&[Window]> = run.chunk_by(|a, b| a.1 == b.1).collect();
                crate::sort::by_key(&mut fillers, |f| (f[0].2, f[0].3));
                for filler in fillers {
                    let (s0, i0) = (filler[0].2, filler[0].3);
                    let stems: Vec<u32> = index.tokens(s0)[i0 as usize..i0 as usize + size]
                        .iter()
                        .map(|&w| index.stem_of(w))
                        .collect();
                    for w in filler {
                        covered.insert((w.2, w.3 + free as u32));
                    }
                    match at_key.get(&stems) {
                        Some(&f) if found[f].set == u32::MAX => found[f].set = sets,
                        Some(_) => {}
                        None => {
                            at_key.insert(stems.clone(), found.len());
                            found.push(Found {
                                stems,
                                uses: filler.len(),
                                documents: group_docs,
                                first: (s0, i0),
                                set: sets,
                                occ: filler.iter().map(|w| (w.2, w.3)).collect(),
                            });
                        }
                    }
                }
                sets += 1;
            }
        }
    }
}

/// Variant groups, by union-find: formulations of one length differing in one content word
/// (sharing another), and the members of one free-word set.
fn group_variants(index: &Index, found: &[Found], formulas: &mut [Formula]) {
    let mut parent: Vec<usize> = (0..formulas.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let content = |w: u32| !index.is_stop(w);
    for a in 0..formulas.len() {
        for b in a + 1..formulas.len() {
            let (fa, fb) = (&formulas[a].words, &formulas[b].words);
            if fa.len() != fb.len() {
                continue;
            }
            let differ: Vec<usize> = (0..fa.len())
                .filter(|&i| index.stem_of(fa[i]) != index.stem_of(fb[i]))
                .collect();
            if let [i] = differ[..] {
                let shared_content = (0..fa.len()).any(|j| j != i && content(fa[j]));
                if content(fa[i]) && content(fb[i]) && shared_content {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut first_of_set: HashMap<u32, usize> = HashMap::new();
    for (f, entry) in found.iter().enumerate() {
        if entry.set != u32::MAX {
            let first = *first_of_set.entry(entry.set).or_insert(f);
            let (ra, rb) = (root(&mut parent, first), root(&mut parent, f));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    for (f, formula) in formulas.iter_mut().enumerate() {
        formula.group = root(&mut parent, f) as u32;
    }
}

/// One use of a formulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub stmt: u32,
    /// Which variant (index into the formula list).
    pub formula: u32,
    /// Times in the statement.
    pub count: usize,
}

/// A variant group as listed under some filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Variants (indexes into the formula list) with their uses, most used first.
    pub variants: Vec<(u32, usize)>,
    /// Every use, first use first: by date (undated last), then corpus order.
    pub uses: Vec<Use>,
    /// Documents with a use.
    pub documents: usize,
}

impl Entry {
    /// Total occurrences.
    pub fn count(&self) -> usize {
        self.uses.iter().map(|u| u.count).sum()
    }
}

/// The formulations with uses in at least two documents under `filters`, most documents
/// first (then most uses, then list order).
pub fn table(searcher: &Searcher<'_>, formulas: &[Formula], filters: &Filters) -> Vec<Entry> {
    let index = searcher.index;
    // (group, its variants with their uses, every use), in list order.
    type Group = (u32, Vec<(u32, usize)>, Vec<Use>);
    let mut by_group: Vec<Group> = Vec::new();
    for (f, formula) in formulas.iter().enumerate() {
        let stems: Vec<u32> = formula.words.iter().map(|&w| index.stem_of(w)).collect();
        let mut uses = Vec::new();
        searcher.phrase_statements(&stems, |s, count| {
            if searcher.passes_filters(filters, s) {
                uses.push(Use {
                    stmt: s,
                    formula: f as u32,
                    count,
                });
            }
        });
        let total = uses.iter().map(|u| u.count).sum();
        let slot = match by_group.iter().position(|g| g.0 == formula.group) {
            Some(i) => i,
            None => {
                by_group.push((formula.group, Vec::new(), Vec::new()));
                by_group.len() - 1
            }
        };
        if total > 0 {
            by_group[slot].1.push((f as u32, total));
            by_group[slot].2.extend(uses);
        }
    }
    let date_key = |s: u32| {
        let st = &index.statements[s as usize];
        let date = index.docs[st.doc as usize].date;
        (date.is_none(), date, s)
    };
    let mut entries: Vec<(usize, Entry)> = by_group
        .into_iter()
        .enumerate()
        .filter_map(|(order, (_, mut variants, mut uses))| {
            crate::sort::by_key(&mut uses, |u| (date_key(u.stmt), u.formula));
            let mut docs: Vec<u32> = uses
                .iter()
                .map(|u| index.statements[u.stmt as usize].doc)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            crate::sort::by(&mut variants, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (docs.len() >= 2).then_some((
                order,
                Entry {
                    variants,
                    uses,
                    documents: docs.len(),
                },
            ))
        })
        .collect();
    crate::sort::by(&mut entries, |(oa, a), (ob, b)| {
        b.documents
            .cmp(&a.documents)
            .then(b.count().cmp(&a.count()))
            .then(oa.cmp(ob))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}
