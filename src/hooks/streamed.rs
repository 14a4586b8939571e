//! Values folded from the words of many statements — a query's collocates, two sets'
//! words, the distinctive terms of results — read at once in an embedded corpus; in a
//! sharded one a block of statements at a time (`export::text_blocks`: as an export cuts
//! them), each block's text loaded (pinned meanwhile), folded in, and left for the engine's
//! budget to drop, so that memory does not grow with the statements read: the
//! collocates of "china" at 200 MB (345,905 statements) took 855 MB of WebAssembly memory
//! when they were all loaded at once, 415 MB read in blocks.

use crate::components::export::{next_task, text_blocks};
use crate::context::Engine;
use crate::data::sharded::Cancel;
use crate::hooks::Load;
use concord_core::shard::Need;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A value shared by reference and equal only to itself: hooks compare their inputs at
/// every render, and a large value (a common word's windows, two sets' statements) is
/// compared by identity rather than by content.
pub struct Same<T>(pub Rc<T>);

impl<T> Same<T> {
    /// The value of a read, once it is there.
    pub fn of(read: &Result<Rc<T>, Load>) -> Option<Same<T>> {
        read.as_ref().ok().map(|v| Same(v.clone()))
    }
}

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a value reads and how it is folded; the value's key too (a change reads again).
pub trait Fold: PartialEq + Clone + 'static {
    type Out: 'static;
    /// The timing mark around the whole read (`concord:…`, README "Timing marks").
    const MARK: &'static str;
    /// The statements read (each once, in any order: they are read in corpus order), and
    /// the value before any is added.
    fn start(&self, engine: &Engine) -> (Vec<u32>, Self::Out);
    /// Adds statements `block` (a run of those [`Fold::start`] gave, their words loaded).
    fn add(&self, engine: &Engine, out: &mut Self::Out, block: &[u32]);
}

/// The value `fold` gives; while a sharded corpus reads it, `Err(Loading)` with the
/// statements read so far of all (`done` of `total`), or `Err(Failed)` naming what could
/// not be loaded. A new `fold` calls the old read off.
#[hook]
pub fn use_streamed<F: Fold>(engine: &Engine, fold: F) -> Result<Rc<F::Out>, Load> {
    // At once when every statement's words are loaded: always embedded; sharded, when
    // they are already there (a document open in the reader), with no progress bar.
    // Otherwise the statements and the value started here are what the read goes on from.
    let started = {
        let engine = engine.clone();
        use_memo(fold.clone(), move |fold| {
            crate::timing::begin(F::MARK);
            let (statements, mut out) = fold.start(&engine);
            let need = || Need::of_statements(&engine.index(), statements.iter().copied());
            if engine.is_sharded() && engine.missing(&need()) > 0 {
                return Started::<F>::ToRead(RefCell::new(Some((statements, out))));
            }
            fold.add(&engine, &mut out, &statements);
            crate::timing::end(F::MARK);
            Started::<F>::Ready(Rc::new(out))
        })
    };
    // The pin of the block being read: another part's load that starts over keeps it.
    let pin = {
        let engine = engine.clone();
        *use_state(move || engine.pin_id())
    };
    {
        let engine = engine.clone();
        use_effect_with((), move |()| move || engine.unpin(pin));
    }
    let streamed = use_state(|| None::<(F, Result<Rc<F::Out>, Load>)>);
    {
        let (engine, streamed, started) = (engine.clone(), streamed.clone(), started.clone());
        use_effect_with(fold.clone(), move |fold| {
            let cancel = Rc::new(Cancel::default());
            if let Started::ToRead(first) = &*started {
                let first = first.borrow_mut().take();
                let (fold, cancel) = (fold.clone(), cancel.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let progress = {
                        let (streamed, fold) = (streamed.clone(), fold.clone());
                        move |done, total| {
                            streamed.set(Some((fold.clone(), Err(Load::Loading { done, total }))))
                        }
                    };
                    let result = read(&engine, &fold, first, pin, &progress, &cancel).await;
                    // A read called off leaves the pin to the read that replaced it.
                    if cancel.is_cancelled() {
                        return;
                    }
                    engine.unpin(pin);
                    streamed.set(Some((
                        fold,
                        result.map(Rc::new).map_err(|e| Load::Failed(e.into())),
                    )));
                });
            }
            move || cancel.cancel()
        });
    }
    if let Started::Ready(out) = &*started {
        return Ok(out.clone());
    }
    match &*streamed {
        Some((f, result)) if *f == fold => result.clone(),
        _ => Err(Load::Loading { done: 0, total: 0 }),
    }
}

/// What [`use_streamed`] has at a render: the value, or the statements to read and the value
/// started (taken by the read that goes on from them).
enum Started<F: Fold> {
    Ready(Rc<F::Out>),
    ToRead(RefCell<Option<(Vec<u32>, F::Out)>>),
}

/// Reads `fold` in a sharded corpus, a block of statements at a time, going on from
/// `first` (what [`Fold::start`] gave, started again when it is not there); `progress(done,
/// total)` counts statements.
async fn read<F: Fold>(
    engine: &Engine,
    fold: &F,
    first: Option<(Vec<u32>, F::Out)>,
    pin: u32,
    progress: &dyn Fn(usize, usize),
    cancel: &Cancel,
) -> Result<F::Out, String> {
    let (mut statements, mut out) = first.unwrap_or_else(|| fold.start(engine));
    // In corpus order, so that a block is a run of neighbouring text shards (results come
    // by relevance: the distinctive terms of a common word's results took 4,122 requests
    // and 36 s at 200 MB in their order, 345 requests and 5–6 s in corpus order).
    statements.sort_unstable();
    progress(0, statements.len());
    for block in text_blocks(engine, &statements) {
        let block = &statements[block];
        let need = Need::of_statements(&engine.index(), block.iter().copied());
        // Pinned while it loads (in steps: another part's load may start over between
        // them); `load_all` returns once nothing the block reads is missing, and the block
        // is folded in the same turn.
        engine.pin(pin, &need);
        engine
            .load_all(&|_| need.clone(), &|_, _| {}, cancel)
            .await?;
        if cancel.is_cancelled() {
            return Err("called off".into());
        }
        fold.add(engine, &mut out, block);
        let done = block
            .last()
            .map_or(0, |&last| statements.partition_point(|&s| s <= last));
        progress(done, statements.len());
        // The page draws the progress and takes clicks between blocks.
        next_task().await;
    }
    crate::timing::end(F::MARK);
    Ok(out)
}
