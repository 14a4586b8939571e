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
//! source, kind, stance and year, each under every filter but its own — choosing a speaker
//! does not zero the other speakers. A statement counts once for each stance its positions
//! take, and passes a stance filter when it takes one of the stances chosen.
//!
//! **Highlights** are byte ranges tagged with the legend index of their term. Overlap policy:
//! ranges are sorted by start, the longer first at the same start, and a range overlapping
//! one already kept is dropped (so a word inside a highlighted phrase is not marked twice).
//! Adjacent ranges stay separate. Excluded terms are never highlighted.

mod eval;
mod filter;
mod highlight;
mod kwic;
pub(crate) mod lex;
pub mod page;
pub mod parse;
pub mod plan;
mod rank;
mod sets;
pub mod suggest;

use crate::index::Index;
use crate::model::{Corpus, Date};
pub use highlight::{DocumentHits, HitMark};
pub use kwic::sort_kwic;
pub use parse::{parse, Expr, Field, Legend, LegendKind, Problem, Query};

/// Filters chosen outside the query text (facets, date range).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Person ids, or `narrator`.
    pub speakers: Vec<String>,
    pub countries: Vec<String>,
    /// Source slugs.
    pub sources: Vec<String>,
    pub kinds: Vec<String>,
    /// Stance slugs ([`crate::model::Stance::slug`]): statements taking one of them.
    pub stances: Vec<String>,
    pub years: Vec<i32>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Filters {
    /// The values chosen for a facet.
    pub fn list(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Speaker => &self.speakers,
            Facet::Country => &self.countries,
            Facet::Source => &self.sources,
            Facet::Kind => &self.kinds,
            Facet::Stance => &self.stances,
        }
    }

    /// The values chosen for a facet, to change.
    pub fn list_mut(&mut self, facet: Facet) -> &mut Vec<String> {
        match facet {
            Facet::Speaker => &mut self.speakers,
            Facet::Country => &mut self.countries,
            Facet::Source => &mut self.sources,
            Facet::Kind => &mut self.kinds,
            Facet::Stance => &mut self.stances,
        }
    }
}

/// A facet chosen by a list of slugs (the year is a date range, not a facet list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Speaker,
    Country,
    Source,
    Kind,
    /// The stances a statement's positions take ([`crate::model::Stance`]).
    Stance,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Speaker,
        Facet::Country,
        Facet::Source,
        Facet::Kind,
        Facet::Stance,
    ];
}

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// The order a search is run in: without search terms there is nothing to rank, so
    /// relevance lists the newest first.
    ///
    /// ```
    /// use concord_core::query::{parse, Sort};
    /// assert_eq!(Sort::Relevance.for_query(&parse("speaker:wang-yi")), Sort::Newest);
    /// assert_eq!(Sort::Relevance.for_query(&parse("peace")), Sort::Relevance);
    /// assert_eq!(Sort::Oldest.for_query(&parse("")), Sort::Oldest);
    /// ```
    pub fn for_query(self, query: &Query) -> Sort {
        match self {
            Sort::Relevance if query.legend.is_empty() => Sort::Newest,
            other => other,
        }
    }
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
    pub stance: Vec<(String, usize)>,
    pub year: Vec<(String, usize)>,
}

impl Facets {
    /// The counts of a facet's values.
    pub fn of(&self, facet: Facet) -> &[(String, usize)] {
        match facet {
            Facet::Speaker => &self.speaker,
            Facet::Country => &self.country,
            Facet::Source => &self.source,
            Facet::Kind => &self.kind,
            Facet::Stance => &self.stance,
        }
    }
}

/// Everything a search returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Number of matching statements.
    pub statements: usize,
    pub documents: Vec<DocumentHit>,
    pub facets: Facets,
}

impl Results {
    /// The matching statements' ids, in result order (documents in their order, each
    /// document's statements in paragraph order).
    pub fn statement_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.documents
            .iter()
            .flat_map(|d| d.statements.iter().map(|h| h.stmt))
    }

    /// The hits of document `doc` (an index into the corpus's documents), if it matched.
    pub fn document(&self, doc: u32) -> Option<&DocumentHit> {
        self.documents.iter().find(|d| d.doc == doc)
    }
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

/// A search over one corpus and its index. Its methods live with their concern: matching
/// in `eval`, filters and facets in `filter`, scores and order in `rank`, highlights,
/// snippets and dispersion in `highlight`, the concordance in `kwic`.
pub struct Searcher<'a> {
    pub corpus: &'a Corpus,
    pub index: &'a Index,
}

impl<'a> Searcher<'a> {
    pub fn new(corpus: &'a Corpus, index: &'a Index) -> Self {
        Searcher { corpus, index }
    }

    /// Runs a query with filters; statements in paragraph order within documents, documents
    /// in `sort` order (see [`Sort::for_query`] for a query without terms).
    pub fn search(&self, query: &Query, filters: &Filters, sort: Sort) -> Results {
        // Each positive term is counted once, for matching and for scoring.
        let mut leaves: Vec<&Expr> = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        let cache: Vec<(*const Expr, eval::TermCounts)> = leaves
            .iter()
            .map(|&l| (l as *const Expr, self.counts(l)))
            .collect();
        let base = match &query.expr {
            Some(e) => self.eval_in(e, &cache),
            None => sets::Bits::all(self.index.statements.len()),
        };
        let (matched, facets) = self.filter_and_count(base, filters);
        let mut scores = self.scores(&cache, &matched);
        self.proximity(&leaves, &cache, &matched, &mut scores);
        let documents = self.group(&matched, &scores, sort);
        Results {
            statements: matched.len(),
            documents,
            facets,
        }
    }

    /// The statements a query and filters match, ascending: what [`Searcher::search`]
    /// finds, without scores, order or facets (a set of statements to count in).
    pub fn matching(&self, query: &Query, filters: &Filters) -> Vec<u32> {
        let base = match &query.expr {
            Some(e) => self.eval(e),
            None => self.all(),
        };
        base.into_iter()
            .filter(|&s| self.passes_filters(filters, s))
            .collect()
    }

    /// The text of statement `s`.
    pub fn text(&self, s: u32) -> &'a str {
        let st = &self.index.statements[s as usize];
        self.corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .map_or("", |p| p.text.as_str())
    }
}

pub(crate) fn positive_leaves<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
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

pub(crate) fn legend_of(e: &Expr) -> Option<usize> {
    match e {
        Expr::Word { legend, .. } | Expr::Phrase { legend, .. } | Expr::Prefix { legend, .. } => {
            *legend
        }
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::*;

    /// A corpus of one document whose paragraphs are `texts`, each a narrator's statement.
    pub(crate) fn corpus(texts: &[&str]) -> Corpus {
        let para = |n: u32, text: &str| Paragraph {
            n,
            line: n,
            role: Role::Body,
            text: text.into(),
            breaks: vec![],
            label: None,
        };
        Corpus {
            documents: vec![Document {
                id: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                title_origin: TitleOrigin::FirstLine,
                date: DocDate::UNKNOWN,
                source: None,
                kind: None,
                participants: vec![],
                speaker: None,
                reflowed: false,
                countries: vec![],
                paragraphs: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| para(i as u32 + 1, t))
                    .collect(),
                statements: (1..=texts.len() as u32)
                    .map(|p| Statement {
                        p,
                        speaker: None,
                        attribution: Attribution::Narrator,
                        countries: vec![],
                        positions: vec![],
                    })
                    .collect(),
            }],
            ..Corpus::default()
        }
    }
}
