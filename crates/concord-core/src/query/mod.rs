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

use crate::index::Index;
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

const K1: f32 = 1.2;
const B: f32 = 0.75;

// Filter groups, as bits.
const G_SPEAKER: u8 = 1;
const G_COUNTRY: u8 = 2;
const G_SOURCE: u8 = 4;
const G_KIND: u8 = 8;
const G_YEAR: u8 = 16;
const G_DATE: u8 = 32;
const G_ALL: u8 = 63;

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
    while i < a.len() || j < b.len() {
        let x = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                x
            }
            (Some(_), Some(&y)) | (None, Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, None) => unreachable!(),
        };
        out.push(x);
    }
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

impl<'a> Searcher<'a> {
    pub fn new(corpus: &'a Corpus, index: &'a Index) -> Self {
        Searcher { corpus, index }
    }

    fn all(&self) -> Vec<u32> {
        (0..self.index.statements.len() as u32).collect()
    }

    /// Statement ids matching `expr`, ascending.
    pub fn eval(&self, expr: &Expr) -> Vec<u32> {
        match expr {
            Expr::Word { stem, .. } => self
                .index
                .stem_id(stem)
                .map(|id| self.index.postings(id).iter().map(|(s, _)| *s).collect())
                .unwrap_or_default(),
            Expr::Phrase { stems, .. } => {
                let Some(ids) = stems
                    .iter()
                    .map(|s| self.index.stem_id(s))
                    .collect::<Option<Vec<u32>>>()
                else {
                    return Vec::new();
                };
                let mut candidates: Option<Vec<u32>> = None;
                let mut by_len = ids.clone();
                by_len.sort_by_key(|&id| self.index.postings(id).len());
                by_len.dedup();
                for id in by_len {
                    let list: Vec<u32> = self.index.postings(id).iter().map(|(s, _)| *s).collect();
                    candidates = Some(match candidates {
                        None => list,
                        Some(c) => intersect(&c, &list),
                    });
                }
                candidates
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|&s| !self.phrase_at(s, &ids).is_empty())
                    .collect()
            }
            Expr::Prefix { prefix, .. } => {
                let mut stems: Vec<u32> = self.index.words[self.index.words_with_prefix(prefix)]
                    .iter()
                    .map(|(_, s)| *s)
                    .collect();
                stems.sort_unstable();
                stems.dedup();
                // Words share stems with words outside the prefix ("negotiate" / "negotiation"):
                // only statements holding a word with the prefix match.
                let range = self.index.words_with_prefix(prefix);
                let mut out: Vec<u32> = Vec::new();
                for stem in stems {
                    for &(s, _) in self.index.postings(stem) {
                        if self
                            .index
                            .tokens(s)
                            .iter()
                            .any(|t| range.contains(&(t.word as usize)))
                        {
                            out.push(s);
                        }
                    }
                }
                out.sort_unstable();
                out.dedup();
                out
            }
            Expr::Field(f) => (0..self.index.statements.len() as u32)
                .filter(|&s| self.field_matches(f, s))
                .collect(),
            Expr::And(items) => {
                let (negative, positive): (Vec<&Expr>, Vec<&Expr>) =
                    items.iter().partition(|e| matches!(e, Expr::Not(_)));
                let mut sets: Vec<Vec<u32>> = positive.iter().map(|e| self.eval(e)).collect();
                sets.sort_by_key(Vec::len);
                let mut acc = match sets.split_first() {
                    Some((first, rest)) => {
                        rest.iter().fold(first.clone(), |acc, s| intersect(&acc, s))
                    }
                    None => self.all(),
                };
                for n in negative {
                    if let Expr::Not(inner) = n {
                        acc = minus(&acc, &self.eval(inner));
                    }
                }
                acc
            }
            Expr::Or(items) => items
                .iter()
                .fold(Vec::new(), |acc, e| union(&acc, &self.eval(e))),
            Expr::Not(inner) => minus(&self.all(), &self.eval(inner)),
        }
    }

    /// Token positions in statement `s` where the stems `ids` occur in sequence.
    fn phrase_at(&self, s: u32, ids: &[u32]) -> Vec<usize> {
        let toks = self.index.tokens(s);
        if ids.is_empty() || toks.len() < ids.len() {
            return Vec::new();
        }
        (0..=toks.len() - ids.len())
            .filter(|&i| {
                ids.iter()
                    .enumerate()
                    .all(|(k, id)| toks[i + k].stem == *id)
            })
            .collect()
    }

    fn field_matches(&self, f: &Field, s: u32) -> bool {
        let st = &self.index.statements[s as usize];
        let doc = &self.index.docs[st.doc as usize];
        match f {
            Field::Speaker(id) => self.speaker_slug(st.speaker) == id.as_str(),
            Field::Country(c) => st
                .countries
                .iter()
                .any(|&i| self.index.countries[i as usize] == *c),
            Field::Source(src) => doc
                .source
                .is_some_and(|i| self.index.sources[i as usize].0 == *src),
            Field::Kind(k) => doc.kind.as_deref() == Some(k.as_str()),
            Field::Year(y) => doc.date.is_some_and(|d| d.year == *y),
            Field::After(d) => doc.date.is_some_and(|x| last_day(x) >= first_day(*d)),
            Field::Before(d) => doc.date.is_some_and(|x| first_day(x) <= last_day(*d)),
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
            st.countries
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
        if any(&filters.kinds, &|v| doc.kind.as_deref() == Some(v)) {
            bits |= G_KIND;
        }
        if filters.years.is_empty() || doc.date.is_some_and(|d| filters.years.contains(&d.year)) {
            bits |= G_YEAR;
        }
        let date_ok = match (filters.from, filters.to) {
            (None, None) => true,
            (from, to) => doc.date.is_some_and(|x| {
                from.is_none_or(|f| last_day(x) >= first_day(f))
                    && to.is_none_or(|t| first_day(x) <= last_day(t))
            }),
        };
        if date_ok {
            bits |= G_DATE;
        }
        bits
    }

    /// Runs a query with filters; statements ranked within documents, documents in `sort`
    /// order.
    pub fn search(&self, query: &Query, filters: &Filters, sort: Sort) -> Results {
        let base = match &query.expr {
            Some(e) => self.eval(e),
            None => self.all(),
        };
        let mut counts: [HashMap<String, usize>; 5] = Default::default();
        let mut matched = Vec::new();
        for &s in &base {
            let bits = self.passes(filters, s);
            let missing = G_ALL & !bits;
            if missing == 0 {
                matched.push(s);
            }
            // A facet counts the statements that pass every other filter.
            let st = &self.index.statements[s as usize];
            let doc = &self.index.docs[st.doc as usize];
            if missing & !G_SPEAKER == 0 {
                *counts[0]
                    .entry(self.speaker_slug(st.speaker).to_string())
                    .or_default() += 1;
            }
            if missing & !G_COUNTRY == 0 {
                for &c in &st.countries {
                    *counts[1]
                        .entry(self.index.countries[c as usize].clone())
                        .or_default() += 1;
                }
            }
            if missing & !G_SOURCE == 0 {
                if let Some(src) = doc.source {
                    *counts[2]
                        .entry(self.index.sources[src as usize].0.clone())
                        .or_default() += 1;
                }
            }
            if missing & !G_KIND == 0 {
                if let Some(k) = &doc.kind {
                    *counts[3].entry(k.clone()).or_default() += 1;
                }
            }
            if missing & !G_YEAR == 0 {
                if let Some(d) = doc.date {
                    *counts[4].entry(d.year.to_string()).or_default() += 1;
                }
            }
        }
        let [speaker, country, source, kind, year] = counts.map(|c| {
            let mut v: Vec<(String, usize)> = c.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        });
        let facets = Facets {
            speaker,
            country,
            source,
            kind,
            year,
        };

        let scores = self.scores(query, &matched);
        let mut by_doc: HashMap<u32, Vec<StatementHit>> = HashMap::new();
        for (&s, &score) in matched.iter().zip(&scores) {
            by_doc
                .entry(self.index.statements[s as usize].doc)
                .or_default()
                .push(StatementHit { stmt: s, score });
        }
        let mut documents: Vec<DocumentHit> = by_doc
            .into_iter()
            .map(|(doc, statements)| {
                let best = statements.iter().map(|h| h.score).fold(0.0, f32::max);
                let rest: f32 = statements.iter().map(|h| h.score).sum::<f32>() - best;
                DocumentHit {
                    doc,
                    score: best + rest / 10.0,
                    statements,
                }
            })
            .collect();
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
        Results {
            statements: matched.len(),
            documents,
            facets,
        }
    }

    /// BM25 scores of `matched` statements for the query's positive terms.
    fn scores(&self, query: &Query, matched: &[u32]) -> Vec<f32> {
        let mut leaves: Vec<&Expr> = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        if leaves.is_empty() {
            return vec![0.0; matched.len()];
        }
        let n = self.index.statements.len() as f32;
        let avg = self.index.avg_len().max(1.0);
        let mut scores = vec![0.0f32; matched.len()];
        for leaf in leaves {
            let df = self.eval(leaf).len() as f32;
            if df == 0.0 {
                continue;
            }
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for (score, &s) in scores.iter_mut().zip(matched) {
                let tf = self.frequency(leaf, s) as f32;
                if tf > 0.0 {
                    let len = self.index.tokens(s).len() as f32;
                    *score += idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                }
            }
        }
        scores
    }

    fn frequency(&self, leaf: &Expr, s: u32) -> usize {
        match leaf {
            Expr::Word { stem, .. } => self.index.stem_id(stem).map_or(0, |id| {
                let p = self.index.postings(id);
                p.binary_search_by_key(&s, |(x, _)| *x)
                    .map_or(0, |i| p[i].1 as usize)
            }),
            _ => self.occurrences(leaf, s).len(),
        }
    }

    /// Byte ranges of `leaf`'s occurrences in statement `s`.
    fn occurrences(&self, leaf: &Expr, s: u32) -> Vec<Range<usize>> {
        let toks = self.index.tokens(s);
        match leaf {
            Expr::Word { stem, .. } => match self.index.stem_id(stem) {
                Some(id) => toks
                    .iter()
                    .filter(|t| t.stem == id)
                    .map(|t| t.range())
                    .collect(),
                None => Vec::new(),
            },
            Expr::Phrase { stems, .. } => {
                let Some(ids) = stems
                    .iter()
                    .map(|x| self.index.stem_id(x))
                    .collect::<Option<Vec<u32>>>()
                else {
                    return Vec::new();
                };
                self.phrase_at(s, &ids)
                    .into_iter()
                    .map(|i| toks[i].start as usize..toks[i + ids.len() - 1].end as usize)
                    .collect()
            }
            Expr::Prefix { prefix, .. } => {
                let range = self.index.words_with_prefix(prefix);
                toks.iter()
                    .filter(|t| range.contains(&(t.word as usize)))
                    .map(|t| t.range())
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Every occurrence of every positive term of `query` in statement `s`, as sorted,
    /// non-overlapping byte ranges on char boundaries (see the module's overlap policy).
    pub fn highlights(&self, query: &Query, s: u32) -> Vec<Highlight> {
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        let mut all: Vec<Highlight> = Vec::new();
        for leaf in leaves {
            let term = legend_of(leaf).expect("positive leaves have a legend index");
            all.extend(self.occurrences(leaf, s).into_iter().map(|r| Highlight {
                start: r.start,
                end: r.end,
                term,
            }));
        }
        all.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.term.cmp(&b.term))
        });
        let mut out: Vec<Highlight> = Vec::new();
        for h in all {
            if out.last().is_none_or(|last| h.start >= last.end) {
                out.push(h);
            }
        }
        out
    }

    /// The best window of at most `words` tokens of statement `s` (the one with the most
    /// highlights, the earliest of equals), as a byte range of its text. The whole text
    /// when it is short enough.
    pub fn snippet(&self, s: u32, highlights: &[Highlight], words: usize) -> Range<usize> {
        let toks = self.index.tokens(s);
        let st = &self.index.statements[s as usize];
        let text_len = self.corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .map_or(0, |p| p.text.len());
        if toks.len() <= words || words == 0 {
            return 0..text_len;
        }
        let hits_in = |a: usize, b: usize| {
            let (lo, hi) = (toks[a].start as usize, toks[b].end as usize);
            highlights
                .iter()
                .filter(|h| h.start >= lo && h.end <= hi)
                .count()
        };
        let best = (0..=toks.len() - words)
            .max_by_key(|&i| (hits_in(i, i + words - 1), std::cmp::Reverse(i)))
            .unwrap_or(0);
        let start = if best == 0 {
            0
        } else {
            toks[best].start as usize
        };
        let last = best + words - 1;
        let end = if last + 1 == toks.len() {
            text_len
        } else {
            toks[last].end as usize
        };
        start..end
    }

    /// Concordance rows: every highlighted occurrence in the matching statements, with
    /// `context` words of context on each side, in result order.
    pub fn kwic(&self, query: &Query, results: &Results, context: usize) -> Vec<KwicRow> {
        let mut rows = Vec::new();
        for d in &results.documents {
            let mut stmts: Vec<u32> = d.statements.iter().map(|h| h.stmt).collect();
            stmts.sort_unstable();
            for s in stmts {
                let st = &self.index.statements[s as usize];
                let Some(para) = self.corpus.documents[st.doc as usize].paragraph(st.p) else {
                    continue;
                };
                let text = &para.text;
                let toks = self.index.tokens(s);
                for h in self.highlights(query, s) {
                    let first = toks.partition_point(|t| (t.start as usize) < h.start);
                    let after = toks.partition_point(|t| (t.end as usize) <= h.end);
                    let left_from = first.saturating_sub(context);
                    let right_to = (after + context).min(toks.len());
                    let left_start = toks.get(left_from).map_or(h.start, |t| t.start as usize);
                    let right_end = if right_to == 0 {
                        h.end
                    } else {
                        toks[right_to - 1].end as usize
                    }
                    .max(h.end);
                    let word = |i: Option<usize>| -> String {
                        i.and_then(|i| toks.get(i)).map_or(String::new(), |t| {
                            self.index.words[t.word as usize].0.clone()
                        })
                    };
                    rows.push(KwicRow {
                        stmt: s,
                        doc: st.doc,
                        p: st.p,
                        left: text[left_start..h.start].to_string(),
                        keyword: text[h.start..h.end].to_string(),
                        right: text[h.end..right_end].to_string(),
                        term: h.term,
                        keys: [
                            word(first.checked_sub(1)),
                            word(first.checked_sub(2)),
                            word(Some(after)),
                            word(Some(after + 1)),
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
        let stmts: Vec<u32> = (0..self.index.statements.len() as u32)
            .filter(|&s| self.index.statements[s as usize].doc == doc)
            .collect();
        let total: usize = stmts.iter().map(|&s| self.index.tokens(s).len()).sum();
        let mut offset = 0usize;
        let mut out = Vec::new();
        for s in stmts {
            let toks = self.index.tokens(s);
            for h in self.highlights(query, s) {
                let i = toks.partition_point(|t| (t.start as usize) < h.start);
                out.push(((offset + i) as f32 / total.max(1) as f32, s));
            }
            offset += toks.len();
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
