//! Searching the index: evaluation, filters, ranking, facets, highlights, snippets, KWIC and
//! dispersion.
//!
//! **Evaluation** is per statement: a statement matches when it satisfies the whole query; a
//! document matches when one of its statements does. Only statements are indexed, so
//! boilerplate, titles and headings never match. A query with no search terms (empty, or
//! only filters) matches every statement, then the filters apply; a query of only exclusions
//! (`-israel`) matches every statement without them.
//!
//! **Filters** ([`Filters`], from facets and the date range) combine with OR within a facet
//! and AND across facets, and with the query's own field filters. Dates are intervals at
//! their precision: a document dated "June 2023" is in `from=2023-06-15` and in
//! `to=2023-06-01`; undated documents never pass a date filter. `after:`/`from` and
//! `before:`/`to` are inclusive.
//!
//! **Country** means the statement is *by or about* the country: its speaker's country, or a
//! country its text names.
//!
//! **Ranking**: BM25 (k1 = 1.2, b = 0.75) over statements, each positive word, phrase and
//! prefix a term (a phrase's frequency is its occurrences; a prefix's, its matching words).
//! A document scores its best statement plus a tenth of the others, so one strong passage
//! outranks many weak ones. Other orders: newest or oldest first (undated last).
//!
//! **Facets** count matching statements per speaker (`narrator` for the narrator), country,
//! source, kind and year, each under every filter but its own — choosing a speaker does not
//! zero the other speakers.
//!
//! **Highlights** are byte ranges tagged with the legend index of their term. Overlap policy:
//! ranges are sorted by start, the longer first at the same start, and a range overlapping
//! one already kept is dropped (so a word inside a highlighted phrase is not marked twice).
//! Adjacent ranges stay separate. Excluded terms are never highlighted.

pub mod parse;
pub mod timeline;
pub mod trend;

use crate::index::{Index, Totals};
use crate::model::{days_in_month, Corpus, Date};
pub use parse::{parse, Expr, Field, Legend, LegendKind, Problem, Query};
use std::collections::HashMap;
use std::ops::Range;

/// Filters chosen outside the query text (facets, date range).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Person ids, or `narrator`.
    pub speakers: Vec<String>,
    pub countries: Vec<String>,
    /// Source slugs.
    pub sources: Vec<String>,
    pub kinds: Vec<String>,
    pub years: Vec<i32>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A matching statement and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementHit {
    /// Statement id in the index.
    pub stmt: u32,
    pub score: f32,
}

/// A matching document with its matching statements (in paragraph order).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentHit {
    /// Index into `corpus.documents`.
    pub doc: u32,
    pub score: f32,
    pub statements: Vec<StatementHit>,
}

/// Counts of matching statements per facet value, largest first (ties by value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub speaker: Vec<(String, usize)>,
    pub country: Vec<(String, usize)>,
    pub source: Vec<(String, usize)>,
    pub kind: Vec<(String, usize)>,
    pub year: Vec<(String, usize)>,
}

/// Everything a search returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Number of matching statements.
    pub statements: usize,
    pub documents: Vec<DocumentHit>,
    pub facets: Facets,
}

/// A highlighted range of a statement's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    /// Index of the term in the query's legend.
    pub term: usize,
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicRow {
    pub stmt: u32,
    pub doc: u32,
    pub p: u32,
    pub left: String,
    pub keyword: String,
    pub right: String,
    pub term: usize,
    /// Folded words: 1st and 2nd to the left, 1st and 2nd to the right ("" past the edge).
    pub keys: [String; 4],
}

/// How to order KWIC rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicSort {
    Left1,
    Left2,
    Right1,
    Right2,
}

use crate::index::K1;

// Filter groups, as bits.
const G_SPEAKER: u8 = 1;
const G_COUNTRY: u8 = 2;
const G_SOURCE: u8 = 4;
const G_KIND: u8 = 8;
const G_YEAR: u8 = 16;
const G_DATE: u8 = 32;
const G_ALL: u8 = 63;

/// Whether a document date, as the interval of its precision, meets the range `from..=to`
/// (each bound at its own precision). Undated documents never do.
fn within(date: Option<Date>, from: Option<Date>, to: Option<Date>) -> bool {
    date.is_some_and(|x| {
        from.is_none_or(|f| last_day(x) >= first_day(f))
            && to.is_none_or(|t| first_day(x) <= last_day(t))
    })
}

fn first_day(d: Date) -> (i32, u8, u8) {
    (d.year, d.month.max(1), d.day.max(1))
}

fn last_day(d: Date) -> (i32, u8, u8) {
    let month = if d.month == 0 { 12 } else { d.month };
    let day = if d.day == 0 {
        days_in_month(d.year, month)
    } else {
        d.day
    };
    (d.year, month, day)
}

/// The first index at or after `from` where `list` (ascending) holds a value ≥ `s`:
/// galloping, then a binary search in the last step.
fn advance(list: &[u32], from: usize, s: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step < list.len() && list[lo + step] < s {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(list.len());
    lo + list[lo..hi].partition_point(|&x| x < s)
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn minus(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut j = 0;
    a.iter()
        .copied()
        .filter(|&x| {
            while j < b.len() && b[j] < x {
                j += 1;
            }
            !(j < b.len() && b[j] == x)
        })
        .collect()
}

/// A search over one corpus and its index.
pub struct Searcher<'a> {
    pub corpus: &'a Corpus,
    pub index: &'a Index,
}

/// A phrase's stems, and the position and words of its rarest stem.
struct Phrase {
    ids: Vec<u32>,
    anchor: usize,
    anchor_words: Vec<u32>,
}

/// How often one query term occurs in each statement (dense, indexed by statement id), and
/// in how many statements.
struct TermCounts {
    tf: Vec<u16>,
    df: usize,
}

impl TermCounts {
    /// The statements where the term occurs, ascending.
    fn statements(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.df);
        for (s, &n) in self.tf.iter().enumerate() {
            if n > 0 {
                out.push(s as u32);
            }
        }
        out
    }
}

impl<'a> Searcher<'a> {
    pub fn new(corpus: &'a Corpus, index: &'a Index) -> Self {
        Searcher { corpus, index }
    }

    fn all(&self) -> Vec<u32> {
        (0..self.index.statements.len() as u32).collect()
    }

    fn stem_ids(&self, stems: &[String]) -> Option<Vec<u32>> {
        stems.iter().map(|s| self.index.stem_id(s)).collect()
    }

    /// Statement ids matching `expr`, ascending.
    pub fn eval(&self, expr: &Expr) -> Vec<u32> {
        self.eval_in(expr, &[])
    }

    /// [`Searcher::eval`], taking phrase and prefix terms already counted from `cache`.
    fn eval_in(&self, expr: &Expr, cache: &[(*const Expr, TermCounts)]) -> Vec<u32> {
        if matches!(expr, Expr::Phrase { .. } | Expr::Prefix { .. }) {
            if let Some((_, counts)) = cache.iter().find(|(e, _)| std::ptr::eq(*e, expr)) {
                return counts.statements();
            }
        }
        match expr {
            Expr::Word { stem, .. } => self
                .index
                .stem_id(stem)
                .map(|id| self.index.postings(id).stmts.to_vec())
                .unwrap_or_default(),
            Expr::Phrase { stems, .. } => match self.stem_ids(stems) {
                Some(ids) => {
                    let mut found = Vec::new();
                    self.phrase_matches(&ids, |s, _| found.push(s));
                    found
                }
                None => Vec::new(),
            },
            Expr::Prefix { .. } => self.counts(expr).statements(),
            Expr::Field(f) => self.eval_field(f),
            Expr::And(items) => {
                let (negative, positive): (Vec<&Expr>, Vec<&Expr>) =
                    items.iter().partition(|e| matches!(e, Expr::Not(_)));
                let mut sets: Vec<Vec<u32>> =
                    positive.iter().map(|e| self.eval_in(e, cache)).collect();
                sets.sort_by_key(Vec::len);
                let mut acc = match sets.split_first() {
                    Some((first, rest)) => {
                        rest.iter().fold(first.clone(), |acc, s| intersect(&acc, s))
                    }
                    None => self.all(),
                };
                for n in negative {
                    if let Expr::Not(inner) = n {
                        acc = minus(&acc, &self.eval_in(inner, cache));
                    }
                }
                acc
            }
            Expr::Or(items) => items
                .iter()
                .fold(Vec::new(), |acc, e| union(&acc, &self.eval_in(e, cache))),
            Expr::Not(inner) => minus(&self.all(), &self.eval_in(inner, cache)),
        }
    }

    /// A phrase ready to be found in token sequences.
    fn phrase(&self, ids: &[u32]) -> Phrase {
        // Anchor on the rarest stem: its few words are compared with each token directly.
        let anchor = (0..ids.len())
            .min_by_key(|&k| self.index.postings(ids[k]).stmts.len())
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

    /// Token positions in statement `s` where the stems `ids` occur in sequence.
    fn phrase_positions(&self, s: u32, ids: &[u32]) -> Vec<usize> {
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

    /// Per-statement frequencies of a word, phrase or prefix term.
    #[inline(never)]
    fn counts(&self, leaf: &Expr) -> TermCounts {
        let mut tf = vec![0u16; self.index.statements.len()];
        let mut df = 0;
        let mut add = |s: u32, n: usize, tf: &mut Vec<u16>| {
            let slot = &mut tf[s as usize];
            if *slot == 0 && n > 0 {
                df += 1;
            }
            *slot = slot.saturating_add(n.min(u16::MAX as usize) as u16);
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
            Expr::Prefix { prefix, .. } => {
                let range = self.index.words_with_prefix(prefix);
                let mut stems: Vec<u32> = self.index.words[range.clone()]
                    .iter()
                    .map(|(_, k)| *k)
                    .collect();
                stems.sort_unstable();
                stems.dedup();
                for k in stems {
                    let postings = self.index.postings(k);
                    let whole = self
                        .index
                        .stem_words(k)
                        .iter()
                        .all(|w| range.contains(&(*w as usize)));
                    for (j, &s) in postings.stmts.iter().enumerate() {
                        // A stem whose words all have the prefix counts whole; otherwise
                        // only its words with the prefix ("negotiation*" is not "negotiate").
                        let n = if whole {
                            postings.tf(j)
                        } else {
                            self.index
                                .tokens(s)
                                .iter()
                                .filter(|&&w| {
                                    range.contains(&(w as usize)) && self.index.stem_of(w) == k
                                })
                                .count()
                        };
                        add(s, n, &mut tf);
                    }
                }
            }
            _ => {}
        }
        TermCounts { tf, df }
    }

    /// Statements passing a field filter. Document-level fields are decided once per
    /// document (a document's statements are one run of ids); names are resolved to ids
    /// once, not compared per statement.
    fn eval_field(&self, f: &Field) -> Vec<u32> {
        let n = self.index.statements.len() as u32;
        let position =
            |list: &[String], v: &str| list.iter().position(|x| x == v).map(|i| i as u32);
        match f {
            Field::Speaker(id) => {
                let person = match id.as_str() {
                    "narrator" => None,
                    _ => match self.corpus.people.iter().position(|p| p.id == *id) {
                        Some(i) => Some(i as u32),
                        None => return Vec::new(),
                    },
                };
                (0..n)
                    .filter(|&s| self.index.statements[s as usize].speaker == person)
                    .collect()
            }
            Field::Country(c) => match position(&self.index.countries, c) {
                Some(c) => (0..n)
                    .filter(|&s| self.index.countries_of(s).contains(&c))
                    .collect(),
                None => Vec::new(),
            },
            _ => {
                let docs: Vec<bool> = (0..self.index.docs.len())
                    .map(|d| self.doc_field_matches(f, d))
                    .collect();
                (0..n)
                    .filter(|&s| docs[self.index.statements[s as usize].doc as usize])
                    .collect()
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
            Field::Speaker(_) | Field::Country(_) => false,
        }
    }

    fn speaker_slug(&self, speaker: Option<u32>) -> &str {
        speaker
            .and_then(|p| self.corpus.people.get(p as usize))
            .map_or("narrator", |p| p.id.as_str())
    }

    /// Which filter groups statement `s` passes, as bits.
    fn passes(&self, filters: &Filters, s: u32) -> u8 {
        let st = &self.index.statements[s as usize];
        let doc = &self.index.docs[st.doc as usize];
        let mut bits = 0;
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| {
            list.is_empty() || list.iter().any(|v| f(v))
        };
        if any(&filters.speakers, &|v| self.speaker_slug(st.speaker) == v) {
            bits |= G_SPEAKER;
        }
        if any(&filters.countries, &|v| {
            self.index
                .countries_of(s)
                .iter()
                .any(|&i| self.index.countries[i as usize] == v)
        }) {
            bits |= G_COUNTRY;
        }
        if any(&filters.sources, &|v| {
            doc.source
                .is_some_and(|i| self.index.sources[i as usize].0 == v)
        }) {
            bits |= G_SOURCE;
        }
        if any(&filters.kinds, &|v| {
            doc.kind.is_some_and(|i| self.index.kinds[i as usize] == v)
        }) {
            bits |= G_KIND;
        }
        if filters.years.is_empty() || doc.date.is_some_and(|d| filters.years.contains(&d.year)) {
            bits |= G_YEAR;
        }
        let date_ok = match (filters.from, filters.to) {
            (None, None) => true,
            (from, to) => within(doc.date, from, to),
        };
        if date_ok {
            bits |= G_DATE;
        }
        bits
    }

    /// True when statement `s` passes every filter of `filters`.
    pub fn passes_filters(&self, filters: &Filters, s: u32) -> bool {
        *filters == Filters::default() || self.passes(filters, s) == G_ALL
    }

    /// The statements where the stems `ids` occur in sequence, ascending, each with its
    /// number of occurrences (see [`Searcher::eval`] for phrases).
    pub fn phrase_statements(&self, ids: &[u32], each: impl FnMut(u32, usize)) {
        self.phrase_matches(ids, each)
    }

    /// Runs a query with filters; statements in paragraph order within documents, documents
    /// in `sort` order.
    pub fn search(&self, query: &Query, filters: &Filters, sort: Sort) -> Results {
        // Each positive term is counted once, for matching and for scoring.
        let mut leaves: Vec<&Expr> = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        let cache: Vec<(*const Expr, TermCounts)> = leaves
            .iter()
            .map(|&l| (l as *const Expr, self.counts(l)))
            .collect();
        let base = match &query.expr {
            Some(e) => self.eval_in(e, &cache),
            None => self.all(),
        };
        let (matched, facets) = self.filter_and_count(base, filters);
        let scores = self.scores(&cache, &matched);
        let documents = self.group(&matched, &scores, sort);
        Results {
            statements: matched.len(),
            documents,
            facets,
        }
    }

    /// The statements of `base` that pass `filters`, and the facet counts: each facet counts
    /// the statements that pass every filter but its own.
    #[inline(never)]
    fn filter_and_count(&self, base: Vec<u32>, filters: &Filters) -> (Vec<u32>, Facets) {
        if *filters == Filters::default() {
            let facets = self.count_unfiltered(&base);
            return (base, facets);
        }
        let n_docs = self.index.docs.len();
        // Counters by id; names at the end. Document-level facets count per document first.
        let mut speaker = vec![0usize; self.corpus.people.len() + 1];
        let mut country = vec![0usize; self.index.countries.len()];
        let mut doc_counts: [Vec<usize>; 3] = [vec![0; n_docs], vec![0; n_docs], vec![0; n_docs]];
        let mut matched = Vec::with_capacity(base.len());
        for &s in &base {
            let missing = G_ALL & !self.passes(filters, s);
            if missing == 0 {
                matched.push(s);
            }
            let st = &self.index.statements[s as usize];
            if missing & !G_SPEAKER == 0 {
                speaker[st.speaker.map_or(self.corpus.people.len(), |p| p as usize)] += 1;
            }
            if missing & !G_COUNTRY == 0 {
                for &c in self.index.countries_of(s) {
                    country[c as usize] += 1;
                }
            }
            for (slot, group) in [G_SOURCE, G_KIND, G_YEAR].into_iter().enumerate() {
                if missing & !group == 0 {
                    doc_counts[slot][st.doc as usize] += 1;
                }
            }
        }
        (matched, self.facets(&speaker, &country, &doc_counts))
    }

    /// Facet counts of `base` when no filter applies: every facet counts the same
    /// statements. When `base` holds most of the corpus, the counts are the corpus totals
    /// less the statements outside `base`, which are fewer to visit.
    fn count_unfiltered(&self, base: &[u32]) -> Facets {
        let n = self.index.statements.len();
        let totals = &self.index.totals;
        let complement = base.len() * 2 > n;
        let mut counts = if complement {
            totals.clone()
        } else {
            Totals {
                speaker: vec![0; totals.speaker.len()],
                country: vec![0; totals.country.len()],
                doc: vec![0; totals.doc.len()],
            }
        };
        if complement {
            let mut j = 0;
            for s in 0..n as u32 {
                if j < base.len() && base[j] == s {
                    j += 1;
                } else {
                    self.index.tally::<false>(s, &mut counts);
                }
            }
        } else {
            for &s in base {
                self.index.tally::<true>(s, &mut counts);
            }
        }
        // The three document-level facets count the same statements.
        let Totals {
            speaker,
            country,
            doc,
        } = counts;
        self.facets(&speaker, &country, &[doc.clone(), doc.clone(), doc])
    }

    /// Matching statements grouped by document (statements are stored in document order, so
    /// each document's are one run), documents in `sort` order.
    #[inline(never)]
    fn group(&self, matched: &[u32], scores: &[f32], sort: Sort) -> Vec<DocumentHit> {
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

    #[inline(never)]
    fn facets(&self, speaker: &[usize], country: &[usize], doc_counts: &[Vec<usize>; 3]) -> Facets {
        let named = |pairs: Vec<(String, usize)>| {
            let mut v: Vec<(String, usize)> = pairs.into_iter().filter(|(_, n)| *n > 0).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        // Per document, then per value id; names only for the values that occur.
        let by_doc_value = |slot: usize,
                            value: &dyn Fn(usize) -> Option<usize>,
                            name: &dyn Fn(usize) -> String| {
            let mut by_id: HashMap<usize, usize> = HashMap::new();
            for (d, &n) in doc_counts[slot].iter().enumerate() {
                if n > 0 {
                    if let Some(v) = value(d) {
                        *by_id.entry(v).or_default() += n;
                    }
                }
            }
            named(by_id.into_iter().map(|(v, n)| (name(v), n)).collect())
        };
        let docs = &self.index.docs;
        Facets {
            speaker: named(
                speaker
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| (self.speaker_slug(Some(i as u32)).to_string(), n))
                    .collect(),
            ),
            country: named(
                country
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| (self.index.countries[i].clone(), n))
                    .collect(),
            ),
            source: by_doc_value(0, &|d| docs[d].source.map(|i| i as usize), &|i| {
                self.index.sources[i].0.clone()
            }),
            kind: by_doc_value(1, &|d| docs[d].kind.map(|i| i as usize), &|i| {
                self.index.kinds[i].clone()
            }),
            year: by_doc_value(2, &|d| docs[d].date.map(|x| x.year as usize), &|y| {
                y.to_string()
            }),
        }
    }

    /// BM25 scores of `matched` statements for the query's positive terms.
    #[inline(never)]
    fn scores(&self, terms: &[(*const Expr, TermCounts)], matched: &[u32]) -> Vec<f32> {
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

    /// The text of statement `s`.
    pub fn text(&self, s: u32) -> &'a str {
        let st = &self.index.statements[s as usize];
        self.corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .map_or("", |p| p.text.as_str())
    }

    /// Token positions `[first, last]` of `leaf`'s occurrences in statement `s`.
    fn occurrences(&self, leaf: &Expr, s: u32) -> Vec<(usize, usize)> {
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
            Expr::Prefix { prefix, .. } => {
                let range = self.index.words_with_prefix(prefix);
                (0..toks.len())
                    .filter(|&i| range.contains(&(toks[i] as usize)))
                    .map(|i| (i, i))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Highlights as token positions `[first, last]` with their term, sorted and apart.
    fn token_highlights(&self, query: &Query, s: u32) -> Vec<(usize, usize, usize)> {
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
        all.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for h in all {
            if out.last().is_none_or(|last| h.0 > last.1) {
                out.push(h);
            }
        }
        out
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
        let hits_in = |a: usize, b: usize| {
            let (lo, hi) = (ranges[a].start, ranges[b].end);
            highlights
                .iter()
                .filter(|h| h.start >= lo && h.end <= hi)
                .count()
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

    /// Concordance rows: every highlighted occurrence in the matching statements, with
    /// `context` words of context on each side, in result order.
    pub fn kwic(&self, query: &Query, results: &Results, context: usize) -> Vec<KwicRow> {
        let mut rows = Vec::new();
        for d in &results.documents {
            for h in &d.statements {
                let s = h.stmt;
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
        }
        rows
    }

    /// Relative positions (0 ≤ x < 1, by token) of the query's hits within document `doc`'s
    /// statements, with the statement of each hit, in order.
    pub fn dispersion(&self, query: &Query, doc: u32) -> Vec<(f32, u32)> {
        let (first, end) = {
            let r = self.index.doc_statements(doc);
            (r.start, r.end)
        };
        let total: usize = (first..end).map(|s| self.index.tokens(s).len()).sum();
        let mut offset = 0usize;
        let mut out = Vec::new();
        for s in first..end {
            for (i, _, _) in self.token_highlights(query, s) {
                out.push(((offset + i) as f32 / total.max(1) as f32, s));
            }
            offset += self.index.tokens(s).len();
        }
        out
    }
}

/// Sorts KWIC rows by a context word, then by the other side, then by position.
pub fn sort_kwic(rows: &mut [KwicRow], by: KwicSort) {
    let order: [usize; 4] = match by {
        KwicSort::Left1 => [0, 1, 2, 3],
        KwicSort::Left2 => [1, 0, 2, 3],
        KwicSort::Right1 => [2, 3, 0, 1],
        KwicSort::Right2 => [3, 2, 0, 1],
    };
    rows.sort_by(|a, b| {
        order
            .iter()
            .map(|&k| a.keys[k].cmp(&b.keys[k]))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then((a.doc, a.p).cmp(&(b.doc, b.p)))
    });
}

fn positive_leaves<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Word { .. } | Expr::Phrase { .. } | Expr::Prefix { .. } => {
            if legend_of(e).is_some() {
                out.push(e)
            }
        }
        Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| positive_leaves(i, out)),
        Expr::Not(_) | Expr::Field(_) => {}
    }
}

fn legend_of(e: &Expr) -> Option<usize> {
    match e {
        Expr::Word { legend, .. } | Expr::Phrase { legend, .. } | Expr::Prefix { legend, .. } => {
            *legend
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), [3, 5]);
        assert_eq!(union(&[1, 5], &[2, 5, 9]), [1, 2, 5, 9]);
        assert_eq!(minus(&[1, 2, 3, 4], &[2, 4, 6]), [1, 3]);
        assert_eq!(union(&[], &[]), Vec::<u32>::new());
    }

    #[test]
    fn date_intervals() {
        let june = Date::new(2023, 6, 0).unwrap();
        assert_eq!(first_day(june), (2023, 6, 1));
        assert_eq!(last_day(june), (2023, 6, 30));
        assert_eq!(last_day(Date::new(2024, 0, 0).unwrap()), (2024, 12, 31));
    }
}
