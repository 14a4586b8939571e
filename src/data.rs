//! The corpus that `build.rs` compiled into the app, decoded on first use, and its search
//! index, assembled from the statements `build.rs` analysed.

use concord_core::compare::formulas::Formula;
use concord_core::index::Index;
use concord_core::query::Searcher;
use concord_core::{embed, model::Corpus};
use std::rc::Rc;

/// The embedded corpus bytes (see `concord_core::embed`).
pub static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

thread_local! {
    static ENGINE: Result<Engine, String> = {
        crate::timing::begin("concord:decode");
        let embedded = embed::decode(CORPUS_BYTES);
        crate::timing::end("concord:decode");
        embedded
    }
    .map(|embedded| {
        // The statements were analysed at build time: only integer work is left.
        crate::timing::begin("concord:index");
        let index = Index::from_data(embedded.index);
        crate::timing::end("concord:index");
        Engine {
            corpus: CorpusRef(Rc::new(embedded.corpus)),
            index: Rc::new(index),
            formulas: Rc::new(embedded.formulas),
        }
    })
    .map_err(|e| e.to_string());
}

/// The corpus and its index, or why the corpus could not be read.
pub fn engine() -> Result<Engine, String> {
    ENGINE.with(Clone::clone)
}

/// A shared corpus for component props and context; equal when it is the same corpus.
#[derive(Clone, Debug)]
pub struct CorpusRef(pub Rc<Corpus>);

impl PartialEq for CorpusRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for CorpusRef {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.0
    }
}

/// The corpus with its search index (shared through context).
#[derive(Clone, Debug)]
pub struct Engine {
    pub corpus: CorpusRef,
    pub index: Rc<Index>,
    /// The corpus's recurring phrases, found at build time.
    pub formulas: Rc<Vec<Formula>>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        self.corpus == other.corpus && Rc::ptr_eq(&self.index, &other.index)
    }
}

impl Engine {
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher::new(&self.corpus, &self.index)
    }
}
