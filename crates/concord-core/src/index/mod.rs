//! The search index: every statement's tokens (through [`crate::text::analyze`]) with their
//! byte ranges, postings from stems to statements, a sorted table of folded words for prefix
//! search, and the facet values of each statement.
//!
//! Built from a [`Corpus`] in one pass; boilerplate, titles and headings are not statements
//! and so are never indexed. Token data is kept flat (one array for all statements) so a
//! large corpus costs a few allocations, not one per statement.

use crate::model::{Corpus, Date};
use crate::text::analyze::analyze;
use crate::text::slug;
use std::collections::HashMap;
use std::ops::Range;

/// A statement as the index knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt {
    /// Index into `corpus.documents`.
    pub doc: u32,
    /// Paragraph number (as in links).
    pub p: u32,
    /// Index into `corpus.people`; `None` is the narrator.
    pub speaker: Option<u32>,
    /// Countries the statement is by or about: its speaker's, then those it names
    /// (indexes into [`Index::countries`]).
    pub countries: Vec<u32>,
}

/// One token of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Index into the stem table.
    pub stem: u32,
    /// Index into [`Index::words`] (the folded word).
    pub word: u32,
    pub start: u32,
    pub end: u32,
}

impl Tok {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Facet values of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFacets {
    pub date: Option<Date>,
    /// Index into [`Index::sources`].
    pub source: Option<u32>,
    /// The kind slug.
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub statements: Vec<Stmt>,
    /// Tokens of all statements; statement `i` has `toks[tok_start[i]..tok_start[i + 1]]`.
    toks: Vec<Tok>,
    tok_start: Vec<u32>,
    stems: HashMap<String, u32>,
    /// For each stem, the statements holding it (ascending) and how often.
    postings: Vec<Vec<(u32, u32)>>,
    /// Folded words, sorted, each with its stem: prefix search is a range of this table.
    pub words: Vec<(String, u32)>,
    pub docs: Vec<DocFacets>,
    /// Source slugs and names (sources are free text; the slug is their link form).
    pub sources: Vec<(String, String)>,
    /// Country slugs, as in `corpus.countries`.
    pub countries: Vec<String>,
    avg_len: f32,
}

impl Index {
    /// Indexes every statement of `corpus`.
    pub fn build(corpus: &Corpus) -> Index {
        let mut index = Index {
            countries: corpus.countries.iter().map(|c| c.slug.clone()).collect(),
            ..Index::default()
        };
        let country_of = |slug: &str| {
            corpus
                .countries
                .iter()
                .position(|c| c.slug == slug)
                .map(|i| i as u32)
        };
        let mut word_ids: HashMap<String, u32> = HashMap::new();
        let mut word_stems: Vec<u32> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        index.tok_start.push(0);
        for (d, doc) in corpus.documents.iter().enumerate() {
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
                kind: doc.kind.clone(),
            });
            for s in &doc.statements {
                let Some(paragraph) = doc.paragraph(s.p) else {
                    continue;
                };
                let id = index.statements.len() as u32;
                let mut countries: Vec<u32> = Vec::new();
                let speaker_country = s
                    .speaker
                    .and_then(|p| corpus.people.get(p as usize))
                    .and_then(|p| p.country.as_deref());
                for c in speaker_country
                    .into_iter()
                    .chain(s.countries.iter().map(String::as_str))
                {
                    if let Some(i) = country_of(c) {
                        if !countries.contains(&i) {
                            countries.push(i);
                        }
                    }
                }
                index.statements.push(Stmt {
                    doc: d as u32,
                    p: s.p,
                    speaker: s.speaker,
                    countries,
                });
                let mut tf: HashMap<u32, u32> = HashMap::new();
                for t in analyze(&paragraph.text) {
                    let next = index.stems.len() as u32;
                    let stem = *index.stems.entry(t.stem).or_insert(next);
                    let word = *word_ids.entry(t.folded.clone()).or_insert_with(|| {
                        words.push(t.folded);
                        word_stems.push(stem);
                        words.len() as u32 - 1
                    });
                    *tf.entry(stem).or_default() += 1;
                    index.toks.push(Tok {
                        stem,
                        word,
                        start: t.start as u32,
                        end: t.end as u32,
                    });
                }
                index.postings.resize(index.stems.len(), Vec::new());
                for (stem, n) in tf {
                    index.postings[stem as usize].push((id, n));
                }
                index.tok_start.push(index.toks.len() as u32);
            }
        }
        // Word ids in tokens stay as assigned; the sorted table maps back through `word_order`.
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        let mut rank = vec![0u32; words.len()];
        for (r, &w) in order.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        for t in &mut index.toks {
            t.word = rank[t.word as usize];
        }
        index.words = order
            .iter()
            .map(|&w| (words[w as usize].clone(), word_stems[w as usize]))
            .collect();
        let total: usize = index.toks.len();
        index.avg_len = if index.statements.is_empty() {
            0.0
        } else {
            total as f32 / index.statements.len() as f32
        };
        index
    }

    /// The tokens of statement `s`.
    pub fn tokens(&self, s: u32) -> &[Tok] {
        let a = self.tok_start[s as usize] as usize;
        let b = self.tok_start[s as usize + 1] as usize;
        &self.toks[a..b]
    }

    /// The stem id of a stemmed word, if any statement has it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Statements holding a stem, ascending, with term frequency.
    pub fn postings(&self, stem: u32) -> &[(u32, u32)] {
        &self.postings[stem as usize]
    }

    /// Indexes into [`Index::words`] of the folded words starting with `prefix`.
    pub fn words_with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.words.partition_point(|(w, _)| w.as_str() < prefix);
        let end = start + self.words[start..].partition_point(|(w, _)| w.starts_with(prefix));
        start..end
    }

    /// Mean number of tokens per statement (for BM25).
    pub fn avg_len(&self) -> f32 {
        self.avg_len
    }

    /// Approximate heap bytes held by the index (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let stmts: usize = self
            .statements
            .iter()
            .map(|s| size_of::<Stmt>() + s.countries.capacity() * 4)
            .sum();
        let stems: usize = self.stems.keys().map(|k| k.capacity() + 32).sum();
        let postings: usize = self.postings.iter().map(|p| p.capacity() * 8 + 24).sum();
        let words: usize = self.words.iter().map(|(w, _)| w.capacity() + 28).sum();
        stmts
            + self.toks.capacity() * size_of::<Tok>()
            + self.tok_start.capacity() * 4
            + stems
            + postings
            + words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    pub(crate) fn tiny() -> Corpus {
        let para = |n, text: &str| Paragraph {
            n,
            line: n,
            role: if n == 1 { Role::Title } else { Role::Body },
            text: text.into(),
        };
        Corpus {
            documents: vec![Document {
                id: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                date: DocDate::UNKNOWN,
                source: Some("Nordic Wire".into()),
                kind: Some("meeting".into()),
                participants: vec![],
                countries: vec![],
                paragraphs: vec![
                    para(1, "A"),
                    para(2, "Negotiations on the two-state solution."),
                    para(3, "We negotiate; they negotiated."),
                ],
                statements: vec![
                    Statement {
                        p: 2,
                        speaker: None,
                        attribution: Attribution::Narrator,
                        countries: vec![],
                    },
                    Statement {
                        p: 3,
                        speaker: None,
                        attribution: Attribution::Narrator,
                        countries: vec![],
                    },
                ],
            }],
            ..Corpus::default()
        }
    }

    #[test]
    fn postings_and_tokens() {
        let index = Index::build(&tiny());
        assert_eq!(index.statements.len(), 2);
        let negoti = index.stem_id("negoti").unwrap();
        assert_eq!(index.postings(negoti), [(0, 1), (1, 2)]);
        let text = "Negotiations on the two-state solution.";
        let words: Vec<&str> = index.tokens(0).iter().map(|t| &text[t.range()]).collect();
        assert_eq!(
            words,
            ["Negotiations", "on", "the", "two", "state", "solution"]
        );
        assert_eq!(
            index.sources,
            [("nordic-wire".to_string(), "Nordic Wire".to_string())]
        );
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
        // Tokens point at their word in the sorted table.
        for s in 0..2 {
            for t in index.tokens(s) {
                assert_eq!(index.words[t.word as usize].1, t.stem);
            }
        }
    }
}
