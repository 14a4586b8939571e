//! What a view reads, loaded before it computes: nothing to do for an embedded corpus; for
//! a sharded one, the shards fetched and loaded, with progress, or the error naming what
//! failed (README, "Two modes").

use crate::context::{use_engine, Engine};
use crate::data::sharded::Cancel;
use concord_core::shard::Need;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Where loading what a view reads stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// Everything it reads is loaded: it can compute.
    Ready,
    /// Requests done of those sent (0 of 0 before the first is sent).
    Loading { done: usize, total: usize },
    /// What could not be loaded, named.
    Failed(Rc<str>),
}

impl Load {
    pub fn is_ready(&self) -> bool {
        *self == Load::Ready
    }
}

/// Needs of more bytes than this wait for a pause ([`PAUSE_MS`]) before they are fetched:
/// the first letter or two of a word being typed read the postings of every word they
/// begin, which the next letter mostly makes moot. Measured at 200 MB: one letter 3.5–5.3
/// MB, two 1.2–3.0 MB; past that a need shrinks as the word grows ("palestinian state"
/// 0.79 MB in 57 shards, "china" 1.18 MB), and each longer prefix mostly reads a part of
/// what the shorter one read. (A rule of 16 shards made those wait 250 ms.)
const CHEAP_BYTES: u64 = 1_500_000;
const PAUSE_MS: u32 = 250;

/// Loads what `need(engine)` reads, for the view with `key`: `Ready` at once when nothing
/// is missing (always, embedded), else `Loading` while it is fetched (`need` is asked again
/// after each step, for needs that unfold), then `Ready`, or `Failed` naming what failed.
/// A change of `key` calls the old loading off (what it loaded stays loaded) and starts
/// the new one.
#[hook]
pub fn use_loaded<K, F>(key: K, need: F) -> Load
where
    K: PartialEq + Clone + 'static,
    F: Fn(&Engine) -> Need + 'static,
{
    let engine = use_engine();
    let state = use_state(|| None::<(K, Load)>);
    // This part's pin: what it reads now is kept when a load starts over.
    let pin = {
        let engine = engine.clone();
        *use_state(move || engine.pin_id())
    };
    {
        let engine = engine.clone();
        use_effect_with((), move |()| move || engine.unpin(pin));
    }
    let (shards, bytes) = if engine.is_sharded() {
        let now = need(&engine);
        engine.pin(pin, &now);
        engine.missing_bytes(&now)
    } else {
        (0, 0)
    };
    let missing = shards > 0;
    let wait = if bytes > CHEAP_BYTES { PAUSE_MS } else { 0 };
    {
        let (engine, state) = (engine.clone(), state.clone());
        use_effect_with((key.clone(), missing), move |(key, missing)| {
            let live = Rc::new(Cell::new(true));
            let cancel = Rc::new(Cancel::default());
            let mut timer = None;
            if *missing {
                let (key, live, cancel) = (key.clone(), live.clone(), cancel.clone());
                state.set(Some((key.clone(), Load::Loading { done: 0, total: 0 })));
                let start = move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        let progress = {
                            let (state, key, live) = (state.clone(), key.clone(), live.clone());
                            move |done, total| {
                                if live.get() {
                                    state.set(Some((key.clone(), Load::Loading { done, total })));
                                }
                            }
                        };
                        let result = engine.load_all(&need, &progress, &cancel).await;
                        if live.get() {
                            state.set(Some((
                                key,
                                match result {
                                    Ok(()) => Load::Ready,
                                    Err(e) => Load::Failed(e.into()),
                                },
                            )));
                        }
                    })
                };
                if wait == 0 {
                    start();
                } else {
                    timer = Some(gloo::timers::callback::Timeout::new(wait, start));
                }
            }
            move || {
                drop(timer);
                live.set(false);
                cancel.cancel();
            }
        });
    }
    if !missing {
        return Load::Ready;
    }
    match &*state {
        Some((k, load)) if *k == key && *load != Load::Ready => load.clone(),
        _ => Load::Loading { done: 0, total: 0 },
    }
}
