//! The corpus that `build.rs` compiled into the app, decoded on first use.

use concord_core::{embed, model::Corpus};
use std::rc::Rc;

/// The embedded corpus bytes (see `concord_core::embed`).
pub static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

thread_local! {
    static CORPUS: Result<Rc<Corpus>, String> =
        embed::decode(CORPUS_BYTES).map(Rc::new).map_err(|e| e.to_string());
}

/// The corpus, or why it could not be read.
pub fn corpus() -> Result<Rc<Corpus>, String> {
    CORPUS.with(Clone::clone)
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
