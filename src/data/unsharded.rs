//! What an embedded build has of [`super::sharded`]'s interface: its corpus is all there
//! from start-up, so nothing is ever missing and there is nothing to fetch, load or call
//! off. (The sharded code, with its fetch worker, inflating and hash checks, is compiled
//! only into a sharded build: `build.rs` sets `concord_sharded`.)

use concord_core::shard::Need;

/// Never made: an embedded engine has no fetcher.
#[derive(Debug)]
pub enum Sharded {}

/// A loading to call off: there is none. (Made with `default()`, as the sharded one is.)
#[derive(Default)]
pub struct Cancel {
    _none: (),
}

impl Cancel {
    pub fn cancel(&self) {}
}

impl super::Engine {
    /// Nothing is missing from an embedded corpus.
    pub fn missing(&self, _need: &Need) -> usize {
        0
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
}
