//! Loading a sharded corpus as views need it: what a view reads ([`Need`]), which shards
//! hold what is not loaded yet ([`Loader::missing`]), how they are fetched in few requests
//! ([`runs`]), and loading them once fetched ([`Loader::load`]). The app does the fetching
//! (a worker, over HTTP); everything else is here, the same natively and in the browser.

use super::{postings_shards, text_shards, Kind, Manifest, ShardError, ShardRef};
use crate::index::Index;
use crate::model::Corpus;
use crate::query::{plan, Query};
use crate::Formula;
use std::collections::HashMap;
use std::rc::Rc;

/// What a computation reads that a sharded engine loads on demand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Need {
    /// Stems whose postings it reads.
    pub stems: Vec<u32>,
    /// Documents whose text (paragraphs, statements and words) it reads.
    pub docs: Vec<u32>,
    /// Every document's text (a view over the whole corpus).
    pub all_docs: bool,
    /// The corpus's formulations.
    pub formulas: bool,
}

impl Need {
    /// Everything: the text of every document, and the formulations (what a view without a
    /// plan of its own reads).
    pub fn everything() -> Need {
        Need {
            all_docs: true,
            formulas: true,
            ..Need::default()
        }
    }

    /// What a search for `query` reads: its stems' postings, then (once those are loaded)
    /// the text of the statements whose words matching reads ([`plan::words_read`]). Asked
    /// again after each load until nothing is missing.
    pub fn of_search(index: &Index, query: &Query) -> Need {
        let stems = plan::needs(index, query);
        let docs = if stems.iter().all(|&k| index.is_loaded(k)) {
            docs_of(index, &plan::words_read(index, query))
        } else {
            Vec::new()
        };
        Need {
            stems,
            docs,
            ..Need::default()
        }
    }

    /// The text of the documents of `statements`.
    pub fn of_statements(index: &Index, statements: impl IntoIterator<Item = u32>) -> Need {
        let stmts: Vec<u32> = statements.into_iter().collect();
        Need {
            docs: docs_of(index, &stmts),
            ..Need::default()
        }
    }

    /// What ranking collocates reads past their windows ([`crate::Searcher::rank_collocates`]):
    /// the postings of their candidates, when the statements counted are not the whole
    /// corpus (the corpus's counts are in the table).
    pub fn of_collocates(
        windows: &crate::aggregate::collocates::Windows,
        whole_corpus: bool,
    ) -> Need {
        Need {
            stems: if whole_corpus {
                Vec::new()
            } else {
                windows.candidates()
            },
            ..Need::default()
        }
    }

    /// What the near-duplicates of document `doc`'s statements read
    /// ([`crate::compare::neardup::Finder::of_document`]): the document's text, the
    /// postings of its stems, and the text of every statement that shares a rarer stem
    /// with it (the candidates). In three steps, as each is loaded.
    pub fn of_near_dups(index: &Index, doc: u32) -> Need {
        let mut need = Need {
            docs: vec![doc],
            ..Need::default()
        };
        let range = index.doc_statements(doc);
        if range.clone().any(|s| !index.has_tokens(s)) {
            return need;
        }
        let mut stems: Vec<u32> = range
            .clone()
            .flat_map(|s| index.tokens(s).iter().map(|&w| index.stem_of(w)))
            .collect();
        stems.sort_unstable();
        stems.dedup();
        if stems.iter().all(|&k| index.is_loaded(k)) {
            // The finder's cap: stems in more statements than this give no candidates.
            let cap = (index.statements.len() / 20).max(64);
            let stmts: Vec<u32> = stems
                .iter()
                .map(|&k| index.postings(k).stmts)
                .filter(|s| s.len() <= cap)
                .flatten()
                .copied()
                .collect();
            need.docs.extend(docs_of(index, &stmts));
        }
        need.stems = stems;
        need
    }

    /// `self` and `other` together.
    pub fn and(mut self, other: Need) -> Need {
        self.stems.extend(other.stems);
        self.stems.sort_unstable();
        self.stems.dedup();
        self.docs.extend(other.docs);
        self.docs.sort_unstable();
        self.docs.dedup();
        self.all_docs |= other.all_docs;
        self.formulas |= other.formulas;
        self
    }
}

/// The distinct documents of `stmts`, ascending.
fn docs_of(index: &Index, stmts: &[u32]) -> Vec<u32> {
    let mut docs: Vec<u32> = stmts
        .iter()
        .filter_map(|&s| index.statements.get(s as usize).map(|st| st.doc))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// A run of shards lying end to end in one pack: fetched with one `Range` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<'m> {
    pub pack: u32,
    /// Bytes `start..end` of the pack.
    pub start: u64,
    pub end: u64,
    pub shards: Vec<&'m ShardRef>,
}

/// The most bytes, and shards, one run gathers: a request stays short enough to retry,
/// and few enough chunk files stand behind it when a host ignores `Range`.
pub const RUN_BYTES: u64 = 1024 * 1024;
pub const RUN_SHARDS: usize = 16;

/// `shards` gathered into runs: sorted by place, each run shards that follow one another
/// in their pack, up to [`RUN_BYTES`] and [`RUN_SHARDS`].
pub fn runs<'m>(mut shards: Vec<&'m ShardRef>) -> Vec<Run<'m>> {
    shards.sort_by_key(|s| (s.pack, s.offset));
    shards.dedup_by_key(|s| (s.pack, s.offset));
    let mut out: Vec<Run<'m>> = Vec::new();
    for s in shards {
        let end = s.offset + u64::from(s.len);
        match out.last_mut() {
            Some(run)
                if run.pack == s.pack
                    && run.end == s.offset
                    && end - run.start <= RUN_BYTES
                    && run.shards.len() < RUN_SHARDS =>
            {
                run.end = end;
                run.shards.push(s);
            }
            _ => out.push(Run {
                pack: s.pack,
                start: s.offset,
                end,
                shards: vec![s],
            }),
        }
    }
    out
}

/// A shard's stored bytes from `fetched` (by hash), as the loaders read them; a shard
/// missing from it is an error naming the shard.
pub fn read_fetched<'a>(
    manifest: &'a Manifest,
    fetched: &'a HashMap<super::Digest, Vec<u8>>,
) -> impl Fn(&ShardRef) -> Result<Vec<u8>, ShardError> + Copy + 'a {
    move |s| {
        fetched
            .get(&s.hash)
            .cloned()
            .ok_or_else(|| ShardError::Malformed {
                what: manifest.describe(s),
                detail: "it was not fetched".into(),
            })
    }
}

/// A sharded corpus's manifest and what of it is loaded.
#[derive(Debug, Clone)]
pub struct Loader {
    /// Shared: the app reads it while a fetch is awaited, without copying it. Without its
    /// corpus's documents: the engine's corpus is that skeleton ([`super::open`] copies
    /// it), and one copy is enough (a document table a corpus of many short documents
    /// would hold twice).
    pub manifest: Rc<Manifest>,
    /// Whether each document's text is loaded.
    text: Vec<bool>,
    formulas: bool,
}

impl Loader {
    /// Nothing loaded yet (the engine opened by [`super::open`]).
    pub fn new(mut manifest: Manifest) -> Loader {
        let docs = std::mem::take(&mut manifest.corpus.documents).len();
        Loader {
            manifest: Rc::new(manifest),
            text: vec![false; docs],
            formulas: false,
        }
    }

    /// Whether document `d`'s text is loaded.
    pub fn has_text(&self, d: u32) -> bool {
        self.text.get(d as usize).copied().unwrap_or(true)
    }

    /// The shards that `need` reads and that are not loaded, each once, in directory
    /// order.
    pub fn missing(&self, index: &Index, need: &Need) -> Vec<&ShardRef> {
        let mut out = postings_shards(&self.manifest, index, &need.stems);
        if need.all_docs {
            let all: Vec<u32> = (0..self.text.len() as u32).collect();
            out.extend(text_shards(&self.manifest, &all, |d| self.has_text(d)));
        } else {
            out.extend(text_shards(&self.manifest, &need.docs, |d| {
                self.has_text(d)
            }));
        }
        if need.formulas && !self.formulas {
            out.extend(self.manifest.of_kind(Kind::Formulas).first());
        }
        out
    }

    /// Loads what `need` reads into `corpus` and `index` from `fetched` (stored bytes by
    /// hash, as [`Loader::missing`]'s shards were fetched): checked, inflated, decoded. The
    /// formulations, when they are loaded now. An error names the shard (a missing one
    /// too); what was loaded before it stays loaded.
    pub fn load(
        &mut self,
        corpus: &mut Corpus,
        index: &mut Index,
        need: &Need,
        fetched: &HashMap<super::Digest, Vec<u8>>,
    ) -> Result<Option<Vec<Formula>>, ShardError> {
        let manifest = &*self.manifest;
        let read = read_fetched(manifest, fetched);
        super::load_postings(index, manifest, &need.stems, read)?;
        let all: Vec<u32>;
        let docs = if need.all_docs {
            all = (0..self.text.len() as u32).collect();
            &all
        } else {
            &need.docs
        };
        super::load_text(corpus, index, &mut self.text, manifest, docs, read)?;
        if need.formulas && !self.formulas {
            let formulas = super::load_formulas(manifest, read)?;
            self.formulas = true;
            return Ok(Some(formulas));
        }
        Ok(None)
    }

    /// Drops the text of every loaded document but those `keep` takes (paragraphs,
    /// statements and their words; the skeleton's metadata stays): a sharded engine over
    /// its budget starts over with what its views read. Returns how many were dropped.
    pub fn unload_text(
        &mut self,
        corpus: &mut Corpus,
        index: &mut Index,
        keep: impl Fn(u32) -> bool,
    ) -> usize {
        let mut dropped = 0;
        for (d, loaded) in self.text.iter_mut().enumerate() {
            if *loaded && !keep(d as u32) {
                *loaded = false;
                let doc = &mut corpus.documents[d];
                doc.paragraphs = Vec::new();
                doc.statements = Vec::new();
                dropped += 1;
            }
        }
        let kept: Vec<bool> = index
            .statements
            .iter()
            .map(|st| self.text[st.doc as usize])
            .collect();
        index.retain_tokens(|s| kept[s as usize]);
        dropped
    }

    /// The shards holding documents `docs`, loaded or not, each once.
    pub fn text_shards_of(&self, docs: &[u32]) -> Vec<&ShardRef> {
        text_shards(&self.manifest, docs, |_| false)
    }

    /// The paragraphs of documents `docs`, read from their shards in `fetched` (checked, as
    /// [`Loader::text_shards_of`] names them) and not loaded: an export of many statements
    /// reads their text a block at a time and drops it, so that the engine does not grow
    /// to the corpus (and a load that starts over meanwhile cannot take a block's text
    /// away). An error names the shard.
    pub fn read_paragraphs(
        &self,
        docs: &[u32],
        fetched: &HashMap<super::Digest, Vec<u8>>,
    ) -> Result<HashMap<u32, Vec<crate::model::Paragraph>>, ShardError> {
        let manifest = &*self.manifest;
        let mut read = read_fetched(manifest, fetched);
        let mut wanted = docs.to_vec();
        wanted.sort_unstable();
        let mut out = HashMap::new();
        for shard in self.text_shards_of(&wanted) {
            let decoded: super::text::Shard = manifest.read(shard, &mut read)?;
            for (i, doc) in decoded.docs.into_iter().enumerate() {
                let d = decoded.first + i as u32;
                if wanted.binary_search(&d).is_ok() {
                    out.insert(d, doc.paragraphs);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;
    use std::path::{Path, PathBuf};

    fn written(name: &str) -> (Corpus, Index, Vec<Formula>, PathBuf, Manifest) {
        let corpus = test_corpus("seeds");
        let index = Index::build(&corpus);
        let formulas = crate::compare::formulas::find(&corpus, &index);
        let dir = std::env::temp_dir().join(format!("concord-load-{}-{name}", std::process::id()));
        let w = super::super::write_laid_out(
            &corpus,
            &index,
            &formulas,
            &dir,
            &super::super::Layout::cut(700, 3_000),
        )
        .unwrap();
        let manifest = Manifest::decode(&std::fs::read(dir.join(&w.manifest)).unwrap()).unwrap();
        (corpus, index, formulas, dir, manifest)
    }

    /// What `runs` fetches, as the worker does: one slice of a pack per run.
    fn fetch(
        dir: &Path,
        manifest: &Manifest,
        shards: Vec<&ShardRef>,
    ) -> HashMap<super::super::Digest, Vec<u8>> {
        let mut out = HashMap::new();
        for run in runs(shards) {
            let pack = std::fs::read(dir.join(&manifest.packs[run.pack as usize].name)).unwrap();
            let bytes = &pack[run.start as usize..run.end as usize];
            let mut at = 0;
            for s in run.shards {
                out.insert(s.hash, bytes[at..at + s.len as usize].to_vec());
                at += s.len as usize;
            }
        }
        out
    }

    /// Loading what a view needs, step by step until nothing is missing, gives the
    /// embedded engine's answers: the search's postings, the text of the statements shown,
    /// the near-duplicates' candidates, and the formulations.
    #[test]
    fn needs_load_until_nothing_is_missing() {
        let (full_corpus, full, formulas, dir, manifest) = written("needs");
        let (mut corpus, mut index) = super::super::open(&manifest, |s| {
            Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
        })
        .unwrap();
        let mut loader = Loader::new(manifest.clone());
        let query = index.parse_typed("negotiation* palestin*");
        let mut fetched_runs = 0;
        let mut step = |loader: &mut Loader,
                        corpus: &mut Corpus,
                        index: &mut Index,
                        need: &dyn Fn(&Index) -> Need|
         -> Option<Vec<Formula>> {
            let mut got = None;
            for _ in 0..4 {
                let n = need(index);
                let missing = loader.missing(index, &n);
                if missing.is_empty() {
                    return got;
                }
                fetched_runs += runs(missing.clone()).len();
                let bytes = fetch(&dir, &loader.manifest.clone(), missing);
                got = loader.load(corpus, index, &n, &bytes).unwrap().or(got);
            }
            panic!("still missing shards after four steps");
        };
        step(&mut loader, &mut corpus, &mut index, &|i| {
            Need::of_search(i, &query)
        });
        let ours = crate::Searcher::new(&corpus, &index).matching(&query, &Default::default());
        let theirs =
            crate::Searcher::new(&full_corpus, &full).matching(&query, &Default::default());
        assert_eq!(ours, theirs);
        assert!(!ours.is_empty());
        // The text of what is shown.
        step(&mut loader, &mut corpus, &mut index, &|i| {
            Need::of_statements(i, ours.iter().copied())
        });
        for &s in &ours {
            let st = &index.statements[s as usize];
            let d = &corpus.documents[st.doc as usize];
            assert_eq!(
                d.statements,
                full_corpus.documents[st.doc as usize].statements
            );
        }
        // Near-duplicates of the first document, as the embedded engine finds them.
        step(&mut loader, &mut corpus, &mut index, &|i| {
            Need::of_near_dups(i, 0)
        });
        assert_eq!(
            crate::Finder::new(&corpus, &index).of_document(0),
            crate::Finder::new(&full_corpus, &full).of_document(0)
        );
        let got = step(&mut loader, &mut corpus, &mut index, &|_| Need {
            formulas: true,
            ..Need::default()
        });
        // As found, with the uses the build stored.
        assert_eq!(
            got.unwrap(),
            crate::compare::formulas::with_uses(&full, &formulas)
        );
        assert!(fetched_runs > 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Starting over: the text of the documents not kept is dropped (their words too), the
    /// kept ones' stay as they were, and loading the dropped ones again gives the embedded
    /// engine's answers.
    #[test]
    fn text_dropped_and_loaded_again_answers_the_same() {
        let (full_corpus, full, _, dir, manifest) = written("unload");
        let (mut corpus, mut index) = super::super::open(&manifest, |s| {
            Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
        })
        .unwrap();
        let mut loader = Loader::new(manifest.clone());
        let n = corpus.documents.len() as u32;
        let everything = Need::everything();
        let bytes = fetch(&dir, &manifest, loader.missing(&index, &everything));
        loader
            .load(&mut corpus, &mut index, &everything, &bytes)
            .unwrap();
        let words = index.loaded_words();
        assert_eq!(words, full.token_count());
        let keep = |d: u32| d % 2 == 1;
        let dropped = loader.unload_text(&mut corpus, &mut index, keep);
        assert_eq!(dropped, (0..n).filter(|&d| !keep(d)).count());
        for d in 0..n {
            assert_eq!(loader.has_text(d), keep(d), "document {d}");
            let doc = &corpus.documents[d as usize];
            assert_eq!(doc.paragraphs.is_empty(), !keep(d), "document {d}");
            for s in index.doc_statements(d) {
                assert_eq!(index.has_tokens(s), keep(d));
                if keep(d) {
                    assert_eq!(index.tokens(s), full.tokens(s), "statement {s}");
                }
            }
        }
        assert!(index.loaded_words() < words);
        let bytes = fetch(&dir, &manifest, loader.missing(&index, &everything));
        loader
            .load(&mut corpus, &mut index, &everything, &bytes)
            .unwrap();
        assert!(corpus == full_corpus);
        for s in 0..index.statements.len() as u32 {
            assert_eq!(index.tokens(s), full.tokens(s), "statement {s}");
        }
        let query = index.parse_typed("negotiation* \"two-state solution\" china");
        for _ in 0..4 {
            let need = Need::of_search(&index, &query);
            let bytes = fetch(&dir, &manifest, loader.missing(&index, &need));
            loader.load(&mut corpus, &mut index, &need, &bytes).unwrap();
        }
        let sort = crate::Sort::Relevance;
        assert_eq!(
            crate::Searcher::new(&corpus, &index).search(&query, &Default::default(), sort),
            crate::Searcher::new(&full_corpus, &full).search(&query, &Default::default(), sort)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// An export's block reads its documents' paragraphs from the shards without loading
    /// them: the paragraphs are the corpus's, and the loader still holds no text.
    #[test]
    fn paragraphs_are_read_without_loading_them() {
        let (full_corpus, _, _, dir, manifest) = written("paragraphs");
        let (corpus, _index) = super::super::open(&manifest, |s| {
            Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
        })
        .unwrap();
        let loader = Loader::new(manifest.clone());
        let docs: Vec<u32> = (0..corpus.documents.len() as u32)
            .rev()
            .step_by(2)
            .collect();
        let bytes = fetch(&dir, &manifest, loader.text_shards_of(&docs));
        let read = loader.read_paragraphs(&docs, &bytes).unwrap();
        assert_eq!(read.len(), docs.len());
        for &d in &docs {
            assert_eq!(read[&d], full_corpus.documents[d as usize].paragraphs);
        }
        assert!((0..corpus.documents.len() as u32).all(|d| !loader.has_text(d)));
        assert!(corpus.documents.iter().all(|d| d.paragraphs.is_empty()));
        // A shard not fetched is named.
        let err = loader.read_paragraphs(&docs, &HashMap::new()).unwrap_err();
        assert!(err.to_string().contains("not fetched"), "{err}");
    }

    /// A concordance loads the text of its first lines only, in steps, and shows the lines
    /// the embedded engine shows; its count of every line is the embedded count, read from
    /// the postings.
    #[test]
    fn a_concordance_reads_its_lines_only() {
        let (full_corpus, full, _, dir, manifest) = written("kwic");
        let theirs = crate::Searcher::new(&full_corpus, &full);
        for (q, max) in [("the", 5), ("the", 40), ("\"two-state solution\" peace", 3)] {
            let (mut corpus, mut index) = super::super::open(&manifest, |s| {
                Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
            })
            .unwrap();
            let mut loader = Loader::new(manifest.clone());
            let query = index.parse_typed(q);
            let load = |loader: &mut Loader,
                        corpus: &mut Corpus,
                        index: &mut Index,
                        need: &dyn Fn(&Corpus, &Index) -> Need| {
                for _ in 0..4 {
                    let n = need(corpus, index);
                    let missing = loader.missing(index, &n);
                    if missing.is_empty() {
                        return;
                    }
                    let bytes = fetch(&dir, &loader.manifest.clone(), missing);
                    loader.load(corpus, index, &n, &bytes).unwrap();
                }
                panic!("still missing shards after four steps");
            };
            load(&mut loader, &mut corpus, &mut index, &|_, i| {
                Need::of_search(i, &query)
            });
            let sort = crate::Sort::Relevance;
            let results =
                crate::Searcher::new(&corpus, &index).search(&query, &Default::default(), sort);
            let want = theirs.search(&query, &Default::default(), sort);
            assert_eq!(results, want, "{q}");
            let all = theirs.kwic(&query, &want, 8, usize::MAX);
            assert!(all.len() > max, "{q}: {} lines", all.len());
            let ours = crate::Searcher::new(&corpus, &index);
            assert_eq!(ours.hit_count(&query, &results), all.len(), "{q}");
            load(&mut loader, &mut corpus, &mut index, &|c, i| {
                let lines = crate::Searcher::new(c, i).kwic_statements(&query, &results, max);
                Need::of_statements(i, lines)
            });
            let ours = crate::Searcher::new(&corpus, &index);
            assert_eq!(ours.kwic(&query, &results, 8, max), all[..max], "{q}");
            let read = (0..corpus.documents.len() as u32)
                .filter(|&d| loader.has_text(d))
                .count();
            assert!(read < corpus.documents.len(), "{q}: {read} documents read");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A prefix that splits a stem (`securit*` takes "security", not "secure", of one stem)
    /// is matched, ranked and counted from the postings, which say which word is at each
    /// position: it reads no text, and answers as the embedded engine does. (The sharded
    /// app fetched the text of every statement holding the stem: 94 MB at 200 MB for
    /// `securit*`.)
    #[test]
    fn a_prefix_splitting_a_stem_reads_no_text() {
        let (full_corpus, full, _, dir, manifest) = written("split");
        // Every prefix of every word that leaves out another word of its stem.
        let mut split: Vec<String> = Vec::new();
        for (w, k) in &full.words {
            let words = full.stem_words(*k);
            for n in (2..w.len()).filter(|&n| w.is_char_boundary(n)) {
                let p = &w[..n];
                if words
                    .iter()
                    .any(|&o| !full.words[o as usize].0.starts_with(p))
                {
                    split.push(p.to_string());
                }
            }
        }
        split.sort();
        split.dedup();
        assert!(split.len() > 20, "{} split prefixes", split.len());
        let theirs = crate::Searcher::new(&full_corpus, &full);
        let sort = crate::Sort::Relevance;
        for p in split.iter().step_by(split.len() / 20) {
            let (mut corpus, mut index) = super::super::open(&manifest, |s| {
                Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
            })
            .unwrap();
            let mut loader = Loader::new(manifest.clone());
            let q = format!("{p}* OR china");
            let query = index.parse(&q);
            for _ in 0..2 {
                let need = Need::of_search(&index, &query);
                let bytes = fetch(&dir, &manifest, loader.missing(&index, &need));
                loader.load(&mut corpus, &mut index, &need, &bytes).unwrap();
            }
            assert!(loader
                .missing(&index, &Need::of_search(&index, &query))
                .is_empty());
            assert_eq!(index.loaded_words(), 0, "{q}: text was read");
            let ours = crate::Searcher::new(&corpus, &index);
            let results = ours.search(&query, &Default::default(), sort);
            let want = theirs.search(&query, &Default::default(), sort);
            assert_eq!(results, want, "{q}");
            assert_eq!(
                ours.hit_count(&query, &results),
                theirs.hit_count(&query, &want),
                "{q}"
            );
            assert_eq!(
                ours.trend(&query, &Default::default()),
                theirs.trend(&query, &Default::default()),
                "{q}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Collocates counted over some statements (filters, one of two sets) read their
    /// candidates' uses in those statements from the postings: loaded as the windows say,
    /// they give the embedded engine's collocates. (The sharded app read postings it had
    /// not loaded: nothing in a release build, so every candidate's "in all" was its uses
    /// near the node; a panic in a debug build.)
    #[test]
    fn filtered_collocates_load_their_candidates_postings() {
        use crate::aggregate::collocates::Rank;
        let (full_corpus, full, _, dir, manifest) = written("collocates");
        let theirs = crate::Searcher::new(&full_corpus, &full);
        let (mut corpus, mut index) = super::super::open(&manifest, |s| {
            Ok(fetch(&dir, &manifest, vec![s]).remove(&s.hash).unwrap())
        })
        .unwrap();
        let mut loader = Loader::new(manifest.clone());
        let mut load = |corpus: &mut Corpus, index: &mut Index, need: &Need| {
            let bytes = fetch(&dir, &manifest, loader.missing(index, need));
            loader.load(corpus, index, need, &bytes).unwrap();
        };
        let query = index.parse("china");
        for _ in 0..2 {
            let need = Need::of_search(&index, &query);
            load(&mut corpus, &mut index, &need);
        }
        let results = crate::Searcher::new(&corpus, &index).search(
            &query,
            &Default::default(),
            crate::Sort::Relevance,
        );
        let need = Need::of_statements(&index, results.statement_ids());
        load(&mut corpus, &mut index, &need);
        // The statements of the first document left out, and only those of the last kept.
        let first = full.doc_statements(0);
        let last = full.doc_statements(full.docs.len() as u32 - 1);
        type Keep = Box<dyn Fn(u32) -> bool>;
        let keeps: [(&str, Keep); 3] = [
            ("all", Box::new(|_| true)),
            (
                "not the first document",
                Box::new(move |s| !first.contains(&s)),
            ),
            ("the last document", Box::new(move |s| last.contains(&s))),
        ];
        let mut read_postings = 0;
        for (what, keep) in &keeps {
            let want = theirs.collocates(&query, keep, 3, Rank::LogLikelihood, 50);
            let ours = crate::Searcher::new(&corpus, &index);
            let statements = ours.eval(query.expr.as_ref().unwrap());
            let windows = ours.windows(&query, statements.into_iter().filter(|&s| keep(s)), 3);
            let whole = (0..index.statements.len() as u32).all(keep);
            let need = Need::of_collocates(&windows, whole);
            read_postings += need.stems.iter().filter(|&&k| !index.is_loaded(k)).count();
            load(&mut corpus, &mut index, &need);
            let ours = crate::Searcher::new(&corpus, &index);
            let got = ours.rank_collocates(&query, &windows, keep, Rank::LogLikelihood, 50);
            assert!(!want.list.is_empty(), "{what}: no collocates");
            assert_eq!(got, want, "{what}");
        }
        assert!(read_postings > 0, "no candidate's postings were read");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Runs gather neighbouring shards of one pack, within their limits, and nothing else.
    #[test]
    fn runs_gather_neighbours() {
        let (_, _, _, dir, manifest) = written("runs");
        let all: Vec<&ShardRef> = manifest.shards.iter().collect();
        let got = runs(all.clone());
        assert!(got.len() < all.len());
        let mut n = 0;
        for run in &got {
            assert!(run.shards.len() <= RUN_SHARDS);
            assert!(run.end - run.start <= RUN_BYTES || run.shards.len() == 1);
            let mut at = run.start;
            for s in &run.shards {
                assert_eq!((s.pack, s.offset), (run.pack, at));
                at += u64::from(s.len);
            }
            assert_eq!(at, run.end);
            n += run.shards.len();
        }
        assert_eq!(n, all.len());
        // Two shards apart: two runs.
        let apart = runs(vec![all[1], all[3]]);
        assert_eq!(apart.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
