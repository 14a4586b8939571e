//! What an embedded build has of [`super::sharded`]'s interface: its corpus is all there
//! from start-up, so nothing is ever missing and there is nothing to fetch, load or call
//! off. (The sharded code, with its fetch worker, inflating and hash checks, is compiled
//! only into a sharded build: `build.rs` sets `concord_sharded`.)

use concord_core::model::Paragraph;
use concord_core::shard::Need;
use std::cell::Cell;
use std::collections::HashMap;

/// Never made: an embedded engine has no fetcher.
#[derive(Debug)]
pub enum Sharded {}

/// Paragraphs asked for: nothing, embedded.
pub struct Asked;

/// A loading to call off: nothing is fetched, but a long export made in blocks stops at
/// the next. (Made with `default()`, as the sharded one is.)
#[derive(Default)]
pub struct Cancel {
    cancelled: Cell<bool>,
}

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
    }
}

impl super::Engine {
    /// Nothing is missing from an embedded corpus.
    pub fn missing(&self, _need: &Need) -> usize {
        0
    }

    /// Nothing missing.
    pub fn missing_bytes(&self, _need: &Need) -> (usize, u64) {
        (0, 0)
    }

    /// Nothing to load.
    pub async fn load_all(
        &self,
        _need: &dyn Fn(&super::Engine) -> Need,
        _progress: &dyn Fn(usize, usize),
        _cancel: &Cancel,
    ) -> Result<(), String> {
        Ok(())
    }

    /// Nothing is ever dropped: no pin to hold.
    pub fn pin_id(&self) -> u32 {
        0
    }

    /// Nothing is ever dropped: nothing to pin.
    pub fn pin(&self, _id: u32, _need: &Need) {}

    pub fn unpin(&self, _id: u32) {}

    /// Every document's text is here: one key for all (an export is cut by rows only).
    pub fn text_key(&self, _doc: u32) -> u32 {
        0
    }

    /// Every document's text is here: nothing to ask for.
    pub fn ask_paragraphs(&self, _docs: &[u32], _cancel: &Cancel) -> Asked {
        Asked
    }

    /// Every document's text is here: nothing to read apart.
    pub async fn read_paragraphs(
        &self,
        _asked: Asked,
        _cancel: &Cancel,
    ) -> Result<HashMap<u32, Vec<Paragraph>>, String> {
        Ok(HashMap::new())
    }
}
