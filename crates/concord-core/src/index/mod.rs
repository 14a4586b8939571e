//! The search index: every statement as a sequence of word ids (through
//! [`crate::text::analyze`]), postings from stems to statements, a sorted table of folded
//! words for prefix search, and the facet values of statements and documents.
//!
//! Built from a [`Corpus`] in one pass; boilerplate, titles and headings are not statements
//! and so are never indexed. Memory is kept near the size of the text: a token costs 4 bytes
//! (its word id) and a posting 6 (statement and frequency), in flat arrays. Byte ranges are
//! not stored: the few statements that are highlighted are tokenized again
//! ([`Index::ranges`]), which gives the same tokens by construction.

use crate::model::{Corpus, Date, Document, Stance};
use crate::text::analyze::{fold_into, stem, token_ranges};
use crate::text::fold::FoldTable;
use crate::text::slug;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// A statement as the index knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stmt {
    /// Index into `corpus.documents`.
    pub doc: u32,
    /// Paragraph number (as in links).
    pub p: u32,
    /// Index into `corpus.people`; `None` is the narrator.
    pub speaker: Option<u32>,
    /// The stances of the statement's positions, one bit each ([`Stance::bit`]): the
    /// `stance` filter and facet read these, not the positions.
    pub stances: u8,
}

/// Facet values of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocFacets {
    pub date: Option<Date>,
    /// Index into [`Index::sources`].
    pub source: Option<u32>,
    /// Index into [`Index::kinds`].
    pub kind: Option<u32>,
}

/// The part of an index that comes from reading text: the statements with their word ids,
/// the sorted word table with each word's stem, the stems, and the facet values.
/// [`Index::from_data`] derives all the rest (postings, positions, totals, lengths) by
/// integer work alone, so `build.rs` analyses the corpus once and embeds this, and the app
/// starts without tokenizing, folding or stemming anything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexData {
    pub(crate) statements: Vec<Stmt>,
    /// Word ids of every statement's tokens, in order (the embedded form leaves these out
    /// and rebuilds them from its text columns: see [`crate::embed`]).
    pub(crate) toks: Vec<u32>,
    pub(crate) tok_start: Vec<u32>,
    pub(crate) stmt_countries: Vec<u32>,
    pub(crate) country_start: Vec<u32>,
    /// Stem strings by stem id.
    pub(crate) stems: Vec<String>,
    /// Folded words, sorted, with their stem ids.
    pub(crate) words: Vec<(String, u32)>,
    pub(crate) docs: Vec<DocFacets>,
    sources: Vec<(String, String)>,
    kinds: Vec<String>,
    pub(crate) countries: Vec<String>,
    doc_end: Vec<u32>,
    /// Number of people in the corpus (the narrator's speaker slot comes after them).
    people: usize,
    /// How the corpus's characters fold in the app (see [`crate::text::fold`]); embedded
    /// beside the index, not inside it, and set by [`crate::embed::decode`].
    #[serde(skip)]
    pub(crate) fold: FoldTable,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub statements: Vec<Stmt>,
    /// Word ids (into [`Index::words`]) of the statements whose words are loaded:
    /// statement `i` has `toks[tok_at[i]..]`, as many as its length (`tok_at[i]` is
    /// [`UNLOADED`]`[0]` when they are not here: see [`Index::load_tokens`]). The embedded
    /// app has them all, in order.
    toks: Vec<u32>,
    tok_at: Vec<u32>,
    /// Statement `i` has `tok_start[i + 1] - tok_start[i]` tokens: lengths are known for
    /// every statement, loaded or not.
    tok_start: Vec<u32>,
    /// Countries each statement is by or about (its speaker's and those it names), as
    /// indexes into [`Index::countries`], ascending: statement `i` has
    /// `stmt_countries[country_start[i]..country_start[i + 1]]`. Flat, so that counting
    /// facets over many statements reads memory in order.
    stmt_countries: Vec<u32>,
    country_start: Vec<u32>,
    /// The stem of each word (as in [`Index::words`], kept compact for phrase checks).
    word_stem: Vec<u32>,
    /// Whether each word is a stopword ([`crate::text::lexicon::STOPWORDS`]).
    word_stop: Vec<bool>,
    stems: HashMap<String, u32>,
    /// Postings of stem `k`: `post_stmt[post_at[k][0]..post_at[k][1]]`, ascending
    /// ([`UNLOADED`] for a stem whose postings are not here: see [`Index::load_postings`]).
    /// Posting `j` occurs at the token positions `post_pos[pos_start[j]..pos_start[j + 1]]`
    /// of its statement (so its frequency is their number): phrases are matched on these
    /// lists, read in order, rather than on each candidate statement's tokens. A stem's
    /// postings and their positions are contiguous, and `pos_start` always ends with the
    /// end of `post_pos`, so stems can be added in any order.
    post_at: Vec<[u32; 2]>,
    /// Statements and occurrences of each stem in the whole corpus (known whether or not
    /// its postings are loaded).
    stem_df: Vec<u32>,
    stem_tf: Vec<u32>,
    post_stmt: Vec<u32>,
    pos_start: Vec<u32>,
    /// Positions fit in 16 bits: a statement has at most [`MAX_STATEMENT_TOKENS`] tokens
    /// (the corpus builder refuses longer paragraphs).
    post_pos: Vec<u16>,
    /// Which of its stem's words is at each position of `post_pos` (its rank in
    /// [`Index::stem_words`], or [`NO_VARIANT`]): read from the postings shards, so that a
    /// prefix splitting a stem ("securit*" in the stem of "secure") is told from the
    /// postings without the statements' text. Empty in an index built from text, which
    /// reads its tokens instead; as long as `post_pos` in one loaded from shards.
    post_var: Vec<u8>,
    /// Folded words, sorted, each with its stem id: prefix search is a range of this table.
    pub words: Vec<(String, u32)>,
    /// Each stem's words (ids into `words`): a prefix takes a stem's postings whole when all
    /// its words have the prefix.
    stem_words: Vec<Vec<u32>>,
    pub docs: Vec<DocFacets>,
    /// Source slugs and names (sources are free text; the slug is their link form).
    pub sources: Vec<(String, String)>,
    /// Kind slugs.
    pub kinds: Vec<String>,
    /// Country slugs, as in `corpus.countries`.
    pub countries: Vec<String>,
    /// Statements per speaker (person id; the narrator last), per country and per document,
    /// over the whole corpus: a query matching most statements counts its facets as these
    /// totals less the statements it does not match.
    pub totals: Totals,
    /// How the corpus's characters fold in the app: queries are parsed with it
    /// ([`Index::parse`]), so they fold as the corpus's words did at build time.
    pub fold: FoldTable,
    /// One past each document's last statement id.
    doc_end: Vec<u32>,
    avg_len: f32,
    /// BM25's length normalisation of each statement, `K1 * (1 - B + B * len / avg_len)`.
    norm: Vec<f32>,
}

/// [`Index::post_at`] of a stem whose postings are not loaded.
const UNLOADED: [u32; 2] = [u32::MAX; 2];

/// The most words a stem may have for the postings shards to say which of them is at each
/// position (a byte each); a stem with more (rare: a stem of hundreds of spellings) is
/// told by its statements' words, as in an index built from text.
pub const MAX_VARIANTS: usize = 255;

/// Which word of its stem a position holds, when the postings do not say it (see
/// [`Postings::word`]).
pub const NO_VARIANT: u8 = u8::MAX;

/// One stem's postings (see [`Index::postings`]).
#[derive(Debug, Clone, Copy)]
pub struct Postings<'a> {
    /// Statement ids, ascending.
    pub stmts: &'a [u32],
    /// Offsets into `pos` of each posting's positions, and the end of the last.
    starts: &'a [u32],
    pos: &'a [u16],
    /// The stem's words, and which of them is at each position of `pos` (empty when the
    /// postings do not say: see [`Index::post_var`]).
    words: &'a [u32],
    vars: &'a [u8],
}

impl<'a> Postings<'a> {
    /// How often the stem occurs in the statement of posting `j`.
    pub fn tf(&self, j: usize) -> usize {
        (self.starts[j + 1] - self.starts[j]) as usize
    }

    /// Number of positions of all the postings.
    pub fn positions_total(&self) -> usize {
        (self.starts[self.stmts.len()] - self.starts[0]) as usize
    }

    /// The token positions (ascending) of the stem in the statement of posting `j`.
    pub fn positions(&self, j: usize) -> &'a [u16] {
        &self.pos[self.starts[j] as usize..self.starts[j + 1] as usize]
    }

    /// The word (an id into [`Index::words`]) at the `i`th position of posting `j`, when the
    /// postings say it: always for a stem of one word, and for every stem read from shards
    /// with at most [`MAX_VARIANTS`] words. `None` means: read it in the statement's words.
    pub fn word(&self, j: usize, i: usize) -> Option<u32> {
        if let [w] = self.words {
            return Some(*w);
        }
        match *self.vars.get(self.starts[j] as usize + i)? {
            NO_VARIANT => None,
            v => self.words.get(usize::from(v)).copied(),
        }
    }

    /// Whether [`Postings::word`] answers for every position.
    pub fn says_words(&self) -> bool {
        self.words.len() == 1
            || (crate::shard::postings::says_words(self.words.len())
                && self.vars.len() >= self.starts[self.stmts.len()] as usize)
    }
}

/// Statement counts per facet value over the whole corpus (see [`Index::totals`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub speaker: Vec<usize>,
    pub country: Vec<usize>,
    pub doc: Vec<usize>,
    /// Statements taking each stance, in the order of [`Stance::ALL`].
    pub stance: [usize; Stance::ALL.len()],
}

/// The most tokens a statement may have, so that a token's position takes two bytes in the
/// postings. `corpus::build` refuses a body paragraph with more (a line this long is a dump,
/// not a statement); an index built from a corpus made some other way counts positions past
/// it as the last (phrase matches there may be missed, nothing else changes).
pub const MAX_STATEMENT_TOKENS: usize = u16::MAX as usize;

/// BM25 parameters.
pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;

fn intern(list: &mut Vec<String>, value: &str) -> u32 {
    match list.iter().position(|x| x == value) {
        Some(i) => i as u32,
        None => {
            list.push(value.to_string());
            list.len() as u32 - 1
        }
    }
}

impl Index {
    /// Indexes every statement of `corpus`.
    pub fn build(corpus: &Corpus) -> Index {
        Index::from_data(Index::analyse(corpus))
    }

    /// Reads the text of every statement of `corpus`: the part of indexing that needs the
    /// text rules (see [`IndexData`]).
    pub fn analyse(corpus: &Corpus) -> IndexData {
        Index::analyse_each(corpus, &corpus.documents)
    }

    /// [`Index::analyse`] of `documents`, read one at a time, with the people and countries
    /// of `corpus` (whose documents are not read: the sharded build gives its skeleton, and
    /// the documents from its scratch file).
    pub fn analyse_each<D: std::borrow::Borrow<Document>>(
        corpus: &Corpus,
        documents: impl IntoIterator<Item = D>,
    ) -> IndexData {
        let mut index = IndexData {
            countries: corpus.countries.iter().map(|c| c.slug.clone()).collect(),
            people: corpus.people.len(),
            ..IndexData::default()
        };
        let mut stems: HashMap<String, u32> = HashMap::new();
        let country_ids: HashMap<&str, u32> = corpus
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.as_str(), i as u32))
            .collect();
        // Words in order of first appearance; sorted at the end.
        let mut word_ids: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut word_stem: Vec<u32> = Vec::new();
        let mut buf = String::new();
        index.tok_start.push(0);
        index.country_start.push(0);
        for (d, doc) in documents.into_iter().enumerate() {
            let doc = doc.borrow();
            let source = doc.source.as_ref().map(|name| {
                let s = slug(name);
                match index.sources.iter().position(|(x, _)| *x == s) {
                    Some(i) => i as u32,
                    None => {
                        index.sources.push((s, name.clone()));
                        index.sources.len() as u32 - 1
                    }
                }
            });
            index.docs.push(DocFacets {
                date: doc.date.date,
                source,
                kind: doc.kind.as_deref().map(|k| intern(&mut index.kinds, k)),
            });
            for s in &doc.statements {
                let Some(paragraph) = doc.paragraph(s.p) else {
                    continue;
                };
                let first = index.stmt_countries.len();
                let speaker_country = s
                    .speaker
                    .and_then(|p| corpus.people.get(p as usize))
                    .and_then(|p| p.country.as_deref());
                for c in speaker_country
                    .into_iter()
                    .chain(s.countries.iter().map(String::as_str))
                {
                    if let Some(&i) = country_ids.get(c) {
                        if !index.stmt_countries[first..].contains(&i) {
                            index.stmt_countries.push(i);
                        }
                    }
                }
                // In id order: a set (filters and counts ask only whether a country is in
                // it), stored compactly by the sharded form as gaps.
                index.stmt_countries[first..].sort_unstable();
                index.country_start.push(index.stmt_countries.len() as u32);
                index.statements.push(Stmt {
                    doc: d as u32,
                    p: s.p,
                    speaker: s.speaker,
                    stances: s.positions.iter().fold(0, |bits, x| bits | x.stance.bit()),
                });
                let text = &paragraph.text;
                for r in token_ranges(text) {
                    fold_into(&text[r], &mut buf);
                    let word = match word_ids.get(buf.as_str()) {
                        Some(&w) => w,
                        None => {
                            // Each distinct word is stemmed once.
                            let st = stem(&buf);
                            let next = stems.len() as u32;
                            let stem_id = *stems.entry(st).or_insert(next);
                            words.push(buf.clone());
                            word_stem.push(stem_id);
                            word_ids.insert(buf.clone(), words.len() as u32 - 1);
                            words.len() as u32 - 1
                        }
                    };
                    index.toks.push(word);
                }
                index.tok_start.push(index.toks.len() as u32);
            }
            index.doc_end.push(index.statements.len() as u32);
        }
        // Sort the word table; renumber tokens to the sorted order.
        let order = crate::sort::order(words.len(), |a, b| words[a].cmp(&words[b]));
        let mut rank = vec![0u32; words.len()];
        for (r, &w) in order.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        for t in &mut index.toks {
            *t = rank[*t as usize];
        }
        // Stems too are numbered in sorted order, so that a range of stem ids is a range of
        // stem strings: the sharded form cuts postings into shards by stem id, and finds a
        // stem's shard from its string by binary search (see `crate::shard`).
        let mut by_id = vec![String::new(); stems.len()];
        for (st, k) in stems {
            by_id[k as usize] = st;
        }
        let stem_order = crate::sort::order(by_id.len(), |a, b| by_id[a].cmp(&by_id[b]));
        let mut stem_rank = vec![0u32; by_id.len()];
        for (r, &k) in stem_order.iter().enumerate() {
            stem_rank[k as usize] = r as u32;
        }
        index.words = order
            .iter()
            .map(|&w| {
                (
                    std::mem::take(&mut words[w as usize]),
                    stem_rank[word_stem[w as usize] as usize],
                )
            })
            .collect();
        index.stems = stem_order
            .iter()
            .map(|&k| std::mem::take(&mut by_id[k as usize]))
            .collect();
        index
    }

    /// The index of analysed statements: postings with positions, per-stem words, lengths
    /// and facet totals, all derived from `data` without reading text.
    pub fn from_data(data: IndexData) -> Index {
        let people = data.people;
        let mut index = Index::tables(data);
        index.tok_at = index.tok_start[..index.tok_start.len().saturating_sub(1)].to_vec();
        index.postings_from_tokens();
        index.lengths_and_totals(people);
        index.toks.shrink_to_fit();
        index
    }

    /// What a sharded corpus carries of this index in its table shard: everything but the
    /// postings and the statements' words (see [`crate::shard`]; the fold table included).
    pub fn table(&self) -> IndexData {
        IndexData {
            statements: self.statements.clone(),
            toks: Vec::new(),
            tok_start: self.tok_start.clone(),
            stmt_countries: self.stmt_countries.clone(),
            country_start: self.country_start.clone(),
            stems: self.stem_names().into_iter().map(String::from).collect(),
            words: self.words.clone(),
            docs: self.docs.clone(),
            sources: self.sources.clone(),
            kinds: self.kinds.clone(),
            countries: self.countries.clone(),
            doc_end: self.doc_end.clone(),
            people: self.totals.speaker.len().saturating_sub(1),
            fold: self.fold.clone(),
        }
    }

    /// Every stem's number of statements and of occurrences (carried beside
    /// [`Index::table`], so that an index without postings knows them).
    pub fn stem_counts(&self) -> (Vec<u32>, Vec<u32>) {
        (self.stem_df.clone(), self.stem_tf.clone())
    }

    /// An index with no postings and no statement's words loaded (the sharded app's at
    /// start-up): a table ([`Index::table`]) and every stem's counts
    /// ([`Index::stem_counts`]). An error when their sizes disagree.
    pub fn from_table(data: IndexData, df: Vec<u32>, tf: Vec<u32>) -> Result<Index, String> {
        let (stems, statements) = (data.stems.len(), data.statements.len());
        if df.len() != stems || tf.len() != stems {
            return Err(format!(
                "{stems} stems, but counts for {} and {}",
                df.len(),
                tf.len()
            ));
        }
        if data.tok_start.len() != statements + 1
            || data.country_start.len() != statements + 1
            || data.doc_end.len() != data.docs.len()
        {
            return Err(format!(
                "{statements} statements, but {} lengths, {} country lists; {} documents, {} ends",
                data.tok_start.len().saturating_sub(1),
                data.country_start.len().saturating_sub(1),
                data.docs.len(),
                data.doc_end.len()
            ));
        }
        if let Some((w, k)) = data.words.iter().find(|(_, k)| *k as usize >= stems) {
            return Err(format!("the word {w} has stem {k}, of {stems}"));
        }
        // Every id the facet counts index by is in range.
        if let Some((s, st)) = data.statements.iter().enumerate().find(|(_, st)| {
            st.doc as usize >= data.docs.len()
                || st.speaker.is_some_and(|p| p as usize >= data.people)
        }) {
            return Err(format!(
                "statement {s} has document {} of {} or speaker {:?} of {}",
                st.doc,
                data.docs.len(),
                st.speaker,
                data.people
            ));
        }
        if let Some(c) = data
            .stmt_countries
            .iter()
            .find(|&&c| c as usize >= data.countries.len())
        {
            return Err(format!(
                "a statement names country {c} of {}",
                data.countries.len()
            ));
        }
        if data.country_start.windows(2).any(|w| w[0] > w[1])
            || data
                .country_start
                .last()
                .is_some_and(|&n| n as usize != data.stmt_countries.len())
            || data.tok_start.windows(2).any(|w| w[0] > w[1])
        {
            return Err("the statements' lengths or country lists do not add up".into());
        }
        let people = data.people;
        let mut index = Index::tables(data);
        index.tok_at = vec![UNLOADED[0]; statements];
        index.post_at = vec![UNLOADED; stems];
        index.pos_start = vec![0];
        index.stem_df = df;
        index.stem_tf = tf;
        index.lengths_and_totals(people);
        Ok(index)
    }

    /// The index's tables from `data`, with what derives from the word table; no postings.
    fn tables(data: IndexData) -> Index {
        let IndexData {
            statements,
            toks,
            tok_start,
            stmt_countries,
            country_start,
            stems,
            words,
            docs,
            sources,
            kinds,
            countries,
            doc_end,
            people: _,
            fold,
        } = data;
        let mut index = Index {
            statements,
            toks,
            tok_start,
            stmt_countries,
            country_start,
            docs,
            sources,
            kinds,
            countries,
            doc_end,
            fold,
            ..Index::default()
        };
        index.stem_words = vec![Vec::new(); stems.len()];
        index.word_stem = words.iter().map(|(_, k)| *k).collect();
        for (r, (_, k)) in words.iter().enumerate() {
            index.stem_words[*k as usize].push(r as u32);
        }
        index.word_stop = vec![false; words.len()];
        for stop in crate::text::lexicon::STOPWORDS {
            if let Ok(w) = words.binary_search_by(|(word, _)| word.as_str().cmp(stop)) {
                index.word_stop[w] = true;
            }
        }
        index.words = words;
        index.stems = stems
            .into_iter()
            .enumerate()
            .map(|(k, st)| (st, k as u32))
            .collect();
        index
    }

    /// Parses a query as this corpus's words were analysed: folded with its fold table.
    pub fn parse(&self, query: &str) -> crate::query::Query {
        crate::query::parse::parse_in(query, Some(&self.fold))
    }

    /// Parses a query as it is being typed ([`crate::query::parse::parse_typed`]): what the
    /// app searches.
    pub fn parse_typed(&self, query: &str) -> crate::query::Query {
        crate::query::parse::parse_typed(query, Some(&self.fold))
    }

    /// Up to `n` corpus words that begin with `prefix` (folded), the most used first (by the
    /// statements their stem is in), then in alphabetical order.
    pub fn completions(&self, prefix: &str, n: usize) -> Vec<&str> {
        let range = self.words_with_prefix(prefix);
        let mut words: Vec<(usize, &str)> = self.words[range]
            .iter()
            .map(|(w, k)| (self.df(*k), w.as_str()))
            .collect();
        // The n first of a total order (words are distinct): select them, sort only them.
        let order = |a: &(usize, &str), b: &(usize, &str)| b.0.cmp(&a.0).then(a.1.cmp(b.1));
        if n < words.len() {
            words.select_nth_unstable_by(n, order);
            words.truncate(n);
        }
        crate::sort::by(&mut words, order);
        words.into_iter().map(|(_, w)| w).collect()
    }

    /// Builds the postings and positions from the statements' tokens.
    fn postings_from_tokens(&mut self) {
        let index = self;
        // Postings: each statement's (stem, position) pairs, grouped by stem. Two passes over
        // the tokens (count, then fill flat arrays sized exactly), so that building needs no
        // memory beyond the index itself and no sorting: statements come in order, and so do
        // the tokens of each, so every list and every run of positions is ascending. A
        // stem's posting for statement `s` starts at its first token there (`last[k] != s`).
        let n_stems = index.stem_words.len();
        let n_statements = index.statements.len() as u32;
        let stem_of = |w: u32| index.word_stem[w as usize] as usize;
        // Pass 1: postings and positions per stem.
        let mut post_count = vec![0u32; n_stems];
        let mut pos_count = vec![0u32; n_stems];
        let mut last = vec![u32::MAX; n_stems];
        for s in 0..n_statements {
            for &w in index.tokens(s) {
                let k = stem_of(w);
                if last[k] != s {
                    last[k] = s;
                    post_count[k] += 1;
                }
                pos_count[k] += 1;
            }
        }
        // Where each stem's postings and positions start.
        let starts = |counts: &[u32]| -> Vec<u32> {
            let mut out = Vec::with_capacity(counts.len() + 1);
            let mut at = 0u32;
            out.push(0);
            for &n in counts {
                at += n;
                out.push(at);
            }
            out
        };
        let post_start = starts(&post_count);
        let stem_pos_start = starts(&pos_count);
        drop((post_count, pos_count));
        let n_postings = *post_start.last().unwrap_or(&0) as usize;
        let n_positions = *stem_pos_start.last().unwrap_or(&0) as usize;
        // Pass 2: fill, with a cursor per stem.
        let mut post_next: Vec<u32> = post_start[..n_stems].to_vec();
        let mut pos_next: Vec<u32> = stem_pos_start[..n_stems].to_vec();
        let mut post_stmt = vec![0u32; n_postings];
        let mut pos_start = vec![0u32; n_postings + 1];
        let mut post_pos = vec![0u16; n_positions];
        last.fill(u32::MAX);
        for s in 0..n_statements {
            for (i, &w) in index.tokens(s).iter().enumerate() {
                let k = stem_of(w);
                if last[k] != s {
                    last[k] = s;
                    let j = post_next[k] as usize;
                    post_stmt[j] = s;
                    pos_start[j] = pos_next[k];
                    post_next[k] += 1;
                }
                post_pos[pos_next[k] as usize] = i.min(MAX_STATEMENT_TOKENS) as u16;
                pos_next[k] += 1;
            }
        }
        pos_start[n_postings] = n_positions as u32;
        index.post_at = post_start.windows(2).map(|w| [w[0], w[1]]).collect();
        index.stem_df = index.post_at.iter().map(|[a, b]| b - a).collect();
        index.stem_tf = stem_pos_start.windows(2).map(|w| w[1] - w[0]).collect();
        index.post_stmt = post_stmt;
        index.pos_start = pos_start;
        index.post_pos = post_pos;
    }

    /// Statement lengths (for BM25) and the facet totals of the whole corpus.
    fn lengths_and_totals(&mut self, people: usize) {
        let index = self;
        index.avg_len = if index.statements.is_empty() {
            0.0
        } else {
            index.token_count() as f32 / index.statements.len() as f32
        };
        let avg = index.avg_len.max(1.0);
        index.norm = (0..index.statements.len() as u32)
            .map(|s| K1 * (1.0 - B + B * index.len(s) as f32 / avg))
            .collect();
        let mut totals = Totals {
            speaker: vec![0; people + 1],
            country: vec![0; index.countries.len()],
            doc: vec![0; index.docs.len()],
            stance: [0; Stance::ALL.len()],
        };
        for s in 0..index.statements.len() as u32 {
            index.tally::<true>(s, &mut totals);
        }
        index.totals = totals;
    }

    /// Adds statement `s` to `counts` (or, unless `ADD`, takes it away): one for its
    /// speaker (the narrator in the last slot), one for each of its countries, one for its
    /// document, one for each stance it takes. `counts` is shaped like [`Index::totals`].
    #[inline(always)]
    pub fn tally<const ADD: bool>(&self, s: u32, counts: &mut Totals) {
        let step = |x: &mut usize| {
            if ADD {
                *x += 1
            } else {
                *x -= 1
            }
        };
        let narrator = counts.speaker.len() - 1;
        let st = &self.statements[s as usize];
        step(&mut counts.speaker[st.speaker.map_or(narrator, |p| p as usize)]);
        step(&mut counts.doc[st.doc as usize]);
        for &c in self.countries_of(s) {
            step(&mut counts.country[c as usize]);
        }
        // Bit `i` is stance `i` ([`Stance::bit`]): the set bits alone, lowest first.
        let mut bits = st.stances;
        while bits != 0 {
            if let Some(x) = counts.stance.get_mut(bits.trailing_zeros() as usize) {
                step(x);
            }
            bits &= bits - 1;
        }
    }

    /// The statement ids of document `d` (statements are numbered in document order);
    /// empty for a document without statements or past the last document.
    pub fn doc_statements(&self, d: u32) -> Range<u32> {
        let first = self.statements.partition_point(|st| st.doc < d) as u32;
        let end = self.doc_end.get(d as usize).copied().unwrap_or(first);
        first..end.max(first)
    }

    /// One past the last statement id of document `d` (statements are numbered in document
    /// order).
    pub fn doc_end(&self, d: u32) -> u32 {
        self.doc_end[d as usize]
    }

    /// Word ids of statement `s`, in order. Empty when they are not loaded: whoever reads
    /// them loads their document's text first.
    pub fn tokens(&self, s: u32) -> &[u32] {
        let a = self.tok_at[s as usize];
        debug_assert!(
            a != UNLOADED[0],
            "the words of statement {s} are not loaded"
        );
        if a == UNLOADED[0] {
            return &[];
        }
        &self.toks[a as usize..a as usize + self.len(s)]
    }

    /// Number of tokens of statement `s`.
    pub fn len(&self, s: u32) -> usize {
        (self.tok_start[s as usize + 1] - self.tok_start[s as usize]) as usize
    }

    /// Whether statement `s`'s words are here.
    pub fn has_tokens(&self, s: u32) -> bool {
        self.tok_at[s as usize] != UNLOADED[0]
    }

    /// Drops every statement's words, keeping their lengths: the state of a sharded index
    /// before it reads any text.
    pub fn unload_tokens(&mut self) {
        self.toks = Vec::new();
        self.tok_at.fill(UNLOADED[0]);
    }

    /// Keeps the words of the statements `keep` takes and drops the others' (their lengths
    /// stay): a sharded engine over its budget starts over with what its views read.
    pub fn retain_tokens(&mut self, keep: impl Fn(u32) -> bool) {
        let mut toks = Vec::new();
        for s in 0..self.tok_at.len() {
            let a = self.tok_at[s];
            if a == UNLOADED[0] {
                continue;
            }
            if keep(s as u32) {
                self.tok_at[s] = toks.len() as u32;
                toks.extend_from_slice(&self.toks[a as usize..a as usize + self.len(s as u32)]);
            } else {
                self.tok_at[s] = UNLOADED[0];
            }
        }
        self.toks = toks;
    }

    /// How many words of statements are loaded (what a sharded engine's budget counts).
    pub fn loaded_words(&self) -> usize {
        self.toks.len()
    }

    /// Adds the words of statements `first..` (read from a text shard): one list each, of
    /// its length. Statements already loaded are left as they are. An error, and nothing
    /// added, when a list's length is not its statement's.
    pub fn load_tokens(&mut self, first: u32, lists: &[Vec<u32>]) -> Result<(), String> {
        for (i, list) in lists.iter().enumerate() {
            let s = first as usize + i;
            if s >= self.statements.len() {
                return Err(format!("no statement {s} in this corpus"));
            }
            if list.len() != self.len(s as u32) {
                return Err(format!(
                    "statement {s}: {} words read, the corpus has {}",
                    list.len(),
                    self.len(s as u32)
                ));
            }
            if let Some(&w) = list.iter().find(|&&w| w as usize >= self.words.len()) {
                return Err(format!("statement {s}: no word {w} in this corpus"));
            }
        }
        for (i, list) in lists.iter().enumerate() {
            let s = first as usize + i;
            if self.tok_at[s] == UNLOADED[0] {
                self.tok_at[s] = self.toks.len() as u32;
                self.toks.extend(list);
            }
        }
        Ok(())
    }

    /// The stem id of word `w`.
    pub fn stem_of(&self, w: u32) -> u32 {
        self.word_stem[w as usize]
    }

    /// True when word `w` is a stopword (see [`crate::text::lexicon::STOPWORDS`]).
    pub fn is_stop(&self, w: u32) -> bool {
        self.word_stop[w as usize]
    }

    /// Number of stems.
    pub fn stem_count(&self) -> usize {
        self.stem_words.len()
    }

    /// Occurrences of stem `k` in the whole corpus.
    pub fn stem_total(&self, k: u32) -> usize {
        self.stem_tf[k as usize] as usize
    }

    /// Number of statements holding stem `k` in the whole corpus.
    pub fn df(&self, k: u32) -> usize {
        self.stem_df[k as usize] as usize
    }

    /// Number of tokens in the corpus.
    pub fn token_count(&self) -> usize {
        self.tok_start.last().map_or(0, |&n| n as usize)
    }

    /// The countries statement `s` is by or about (indexes into [`Index::countries`]).
    pub fn countries_of(&self, s: u32) -> &[u32] {
        let a = self.country_start[s as usize] as usize;
        let b = self.country_start[s as usize + 1] as usize;
        &self.stmt_countries[a..b]
    }

    /// Byte ranges of the tokens of `text` (a statement's paragraph text): position `i`
    /// here is token `i` of [`Index::tokens`].
    pub fn ranges(text: &str) -> Vec<Range<usize>> {
        token_ranges(text)
    }

    /// The stem id of a stemmed word, if any statement has it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Every stem's string, by stem id (ids are in the strings' sorted order).
    pub fn stem_names(&self) -> Vec<&str> {
        let mut names = vec![""; self.stems.len()];
        for (name, &k) in &self.stems {
            names[k as usize] = name;
        }
        names
    }

    /// The statements holding stem `k`, with where and how often. Empty for a stem whose
    /// postings are not loaded: whoever runs a query loads what [`crate::query::plan::needs`] names first.
    pub fn postings(&self, k: u32) -> Postings<'_> {
        let [a, b] = self.post_at[k as usize];
        debug_assert!(a != UNLOADED[0], "the postings of stem {k} are not loaded");
        let (a, b) = if a == UNLOADED[0] {
            (0, 0)
        } else {
            (a as usize, b as usize)
        };
        Postings {
            stmts: &self.post_stmt[a..b],
            starts: &self.pos_start[a..=b],
            pos: &self.post_pos,
            words: self.stem_words.get(k as usize).map_or(&[], Vec::as_slice),
            vars: &self.post_var,
        }
    }

    /// Whether stem `k`'s postings are here.
    pub fn is_loaded(&self, k: u32) -> bool {
        self.post_at[k as usize][0] != UNLOADED[0]
    }

    /// Drops every stem's postings, keeping all else: the state of a sharded index before
    /// its first query.
    pub fn unload_postings(&mut self) {
        self.post_at.fill(UNLOADED);
        self.post_stmt = Vec::new();
        self.pos_start = vec![0];
        self.post_pos = Vec::new();
        self.post_var = Vec::new();
    }

    /// Adds stem `k`'s postings, read from its shards' parts in order (see
    /// [`crate::shard`]). Nothing changes for a stem already loaded. An error, and nothing
    /// added, when the parts are not all of the stem's postings.
    pub fn load_postings(
        &mut self,
        k: u32,
        parts: &[crate::shard::postings::Decoded],
    ) -> Result<(), String> {
        let Some(&at) = self.post_at.get(k as usize) else {
            return Err(format!("no stem {k} in this corpus"));
        };
        if at != UNLOADED {
            return Ok(());
        }
        let n: usize = parts.iter().map(|p| p.stmts.len()).sum();
        if n != self.df(k) {
            return Err(format!(
                "stem {k}: {n} postings read, the corpus has {}",
                self.df(k)
            ));
        }
        let a = self.post_stmt.len() as u32;
        self.pos_start.pop();
        for part in parts {
            let base = self.post_pos.len() as u32;
            self.post_stmt.extend(&part.stmts);
            self.pos_start
                .extend(part.starts[..part.stmts.len()].iter().map(|s| s + base));
            self.post_pos.extend(&part.pos);
            // Parallel to the positions whatever the part says (a part of an older shape
            // or of a stem of too many words says nothing).
            match part.vars.len() == part.pos.len() {
                true => self.post_var.extend(&part.vars),
                false => self
                    .post_var
                    .extend(std::iter::repeat_n(NO_VARIANT, part.pos.len())),
            }
        }
        self.pos_start.push(self.post_pos.len() as u32);
        self.post_at[k as usize] = [a, self.post_stmt.len() as u32];
        Ok(())
    }

    /// The words (ids into [`Index::words`]) that have stem `k`.
    pub fn stem_words(&self, k: u32) -> &[u32] {
        &self.stem_words[k as usize]
    }

    /// Indexes into [`Index::words`] of the folded words starting with `prefix`.
    pub fn words_with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.words.partition_point(|(w, _)| w.as_str() < prefix);
        let end = start + self.words[start..].partition_point(|(w, _)| w.starts_with(prefix));
        start..end
    }

    /// The stems a prefix term reads: those of the folded words starting with `prefix` (the
    /// range of [`Index::words`] returned too), and the word being typed's own stem `own`,
    /// ascending and distinct, each with whether it counts whole — one whose words all have
    /// the prefix, or any stem of a word being typed (`own` given). A stem that does not
    /// ("negotiation*" and the stem of "negotiate") counts only its words with the prefix.
    ///
    /// A word being typed counts its stems whole because the word it becomes will: typing
    /// on from "secur" through "securit" to "security" ends with the stem of "secure"
    /// counted whole (the typed word's own stem), so the results do not narrow for the
    /// letters between. And it reads no statement's words: in the sharded app, counting
    /// part of a stem fetches the text of every statement holding it (at 200 MB, for
    /// "securit", 94 MB).
    pub fn prefix_stems(
        &self,
        prefix: &str,
        own: Option<&str>,
    ) -> (Range<usize>, Vec<(u32, bool)>) {
        let range = self.words_with_prefix(prefix);
        let typing = own.is_some();
        let own = own.and_then(|s| self.stem_id(s));
        let mut stems: Vec<u32> = self.words[range.clone()]
            .iter()
            .map(|(_, k)| *k)
            .chain(own)
            .collect();
        stems.sort_unstable();
        stems.dedup();
        let stems = stems
            .into_iter()
            .map(|k| {
                let whole = typing
                    || self
                        .stem_words(k)
                        .iter()
                        .all(|w| range.contains(&(*w as usize)));
                (k, whole)
            })
            .collect();
        (range, stems)
    }

    /// Mean number of tokens per statement (for BM25).
    pub fn avg_len(&self) -> f32 {
        self.avg_len
    }

    /// BM25's length normalisation of statement `s`.
    pub fn length_norm(&self, s: u32) -> f32 {
        self.norm[s as usize]
    }

    /// Heap bytes held by the index (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let stmts = self.statements.capacity() * size_of::<Stmt>()
            + (self.stmt_countries.capacity()
                + self.country_start.capacity()
                + self.word_stem.capacity()
                + self.norm.capacity())
                * 4
            + self.word_stop.capacity();
        let stems: usize = self.stems.keys().map(|k| k.capacity() + 40).sum();
        let words: usize = self.words.iter().map(|(w, _)| w.capacity() + 32).sum();
        let stem_words: usize = self.stem_words.iter().map(|v| v.capacity() * 4 + 24).sum();
        stmts
            + self.toks.capacity() * 4
            + (self.tok_start.capacity() + self.tok_at.capacity() + self.doc_end.capacity()) * 4
            + (self.totals.speaker.capacity()
                + self.totals.country.capacity()
                + self.totals.doc.capacity())
                * size_of::<usize>()
            + self.post_at.capacity() * 8
            + (self.stem_df.capacity() + self.stem_tf.capacity()) * 4
            + self.post_stmt.capacity() * 4
            + self.pos_start.capacity() * 4
            + self.post_pos.capacity() * 2
            + self.post_var.capacity()
            + stems
            + words
            + stem_words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn tiny() -> Corpus {
        let para = |n, text: &str| Paragraph {
            n,
            line: n,
            role: if n == 1 { Role::Title } else { Role::Body },
            text: text.into(),
            breaks: vec![],
            label: None,
        };
        let statement = |p| Statement {
            p,
            speaker: None,
            attribution: Attribution::Narrator,
            countries: vec![],
            positions: vec![],
        };
        Corpus {
            documents: vec![Document {
                id: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                title_origin: TitleOrigin::FirstLine,
                date: DocDate::UNKNOWN,
                source: Some("Nordic Wire".into()),
                kind: Some("meeting".into()),
                participants: vec![],
                speaker: None,
                reflowed: false,
                countries: vec![],
                paragraphs: vec![
                    para(1, "A"),
                    para(2, "Negotiations on the two-state solution."),
                    para(3, "We negotiate; they negotiated."),
                ],
                statements: vec![statement(2), statement(3)],
            }],
            ..Corpus::default()
        }
    }

    #[test]
    fn postings_and_tokens() {
        let corpus = tiny();
        let index = Index::build(&corpus);
        assert_eq!(index.statements.len(), 2);
        let negoti = index.stem_id("negoti").unwrap();
        let postings = index.postings(negoti);
        assert_eq!(postings.stmts, [0, 1]);
        assert_eq!((postings.tf(0), postings.tf(1)), (1, 2));
        // "We negotiate; they negotiated": tokens 1 and 3.
        assert_eq!(postings.positions(1), [1, 3]);
        let words: Vec<&str> = index
            .tokens(0)
            .iter()
            .map(|&w| index.words[w as usize].0.as_str())
            .collect();
        assert_eq!(
            words,
            ["negotiations", "on", "the", "two", "state", "solution"]
        );
        // Re-tokenizing gives the same tokens, with their ranges.
        let text = &corpus.documents[0].paragraphs[1].text;
        let ranges = Index::ranges(text);
        assert_eq!(ranges.len(), index.tokens(0).len());
        assert_eq!(&text[ranges[0].clone()], "Negotiations");
        assert_eq!(
            index.sources,
            [("nordic-wire".to_string(), "Nordic Wire".to_string())]
        );
        assert_eq!(index.kinds, ["meeting"]);
    }

    /// An index from its table has the full index's counts, lengths and totals, and no
    /// postings or words until they are loaded; a table whose parts disagree is refused.
    #[test]
    fn an_index_from_its_table() {
        let full = Index::build(&tiny());
        let (df, tf) = full.stem_counts();
        let mut index = Index::from_table(full.table(), df.clone(), tf.clone()).unwrap();
        assert_eq!(index.totals, full.totals);
        assert_eq!(index.norm, full.norm);
        assert_eq!(index.token_count(), full.token_count());
        let k = index.stem_id("negoti").unwrap();
        assert_eq!(index.df(k), full.df(k));
        assert!(!index.is_loaded(k) && !index.has_tokens(0));
        let part = crate::shard::postings::Part::of(&full, k, &full.postings(k), 0..full.df(k));
        index.load_postings(k, &[part.decode().unwrap()]).unwrap();
        assert_eq!(index.postings(k).stmts, full.postings(k).stmts);
        index.load_tokens(1, &[full.tokens(1).to_vec()]).unwrap();
        assert_eq!(index.tokens(1), full.tokens(1));
        // Too few postings, a list of the wrong length, counts for other stems.
        let short =
            crate::shard::postings::Part::of(&full, k, &full.postings(k), 0..full.df(k) - 1);
        let mut fresh = Index::from_table(full.table(), df.clone(), tf.clone()).unwrap();
        assert!(fresh
            .load_postings(k, &[short.decode().unwrap()])
            .unwrap_err()
            .contains("postings read"));
        assert!(!fresh.is_loaded(k));
        assert!(index
            .load_tokens(0, &[vec![0]])
            .unwrap_err()
            .contains("words read"));
        assert!(Index::from_table(full.table(), df[1..].to_vec(), tf)
            .unwrap_err()
            .contains("stems, but counts"));
    }

    #[test]
    fn prefixes_are_ranges_of_the_sorted_words() {
        let index = Index::build(&tiny());
        let found: Vec<&str> = index.words[index.words_with_prefix("negotiat")]
            .iter()
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(found, ["negotiate", "negotiated", "negotiations"]);
        assert!(index.words_with_prefix("zzz").is_empty());
        let negoti = index.stem_id("negoti").unwrap();
        assert_eq!(index.stem_words(negoti).len(), 3);
    }

    #[test]
    fn completions_are_the_most_used_first() {
        let index = Index::build(&tiny());
        // "the" and "two" are in one statement each, "they" too: ties go alphabetically;
        // the words of the stem in both statements ("negoti…") come first.
        assert_eq!(index.completions("t", 9), ["the", "they", "two"]);
        assert_eq!(index.completions("ne", 2), ["negotiate", "negotiated"]);
        assert_eq!(index.completions("zz", 3), Vec::<&str>::new());
        // The word being typed: the index's own fold table is used.
        let q = index.parse_typed("negotiat");
        assert_eq!(q.completing(), Some((0, "negotiat")));
        assert_eq!(index.parse_typed("negotiat ").completing(), None);
    }
}
