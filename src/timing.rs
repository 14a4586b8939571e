//! User Timing measures, for the benchmark harness and for anyone profiling the app:
//!
//! - `concord:ready` — from navigation start to the first render of the app;
//! - `concord:first-results` — from navigation start to the first results on screen (the
//!   same as ready for an embedded corpus; a sharded one fetches the search's shards
//!   first);
//! - `concord:manifest`, `concord:load` — a sharded corpus's manifest fetched, and each
//!   batch of fetched shards checked, decoded and loaded;
//! - `concord:search` — from the input event that changed the query to the render of its
//!   results (a burst of input events handled before the search runs is one search);
//! - `concord:main` — a mark: the app's code starts (its module fetched, compiled and
//!   instantiated); `concord:decode`, `concord:index` — the parts of start-up after it:
//!   reading the embedded corpus, building its search index;
//! - `concord:compare` — from a comparison's start to its first screen on screen (its rows
//!   drawn in two parts); `concord:compare-all` to every row, `concord:compare-compute` the
//!   computation alone;
//! - `concord:phrases` — counting the formulations under the current filters;
//! - `concord:collocates` — the windows of a query's occurrences, read for its collocates;
//!   `concord:collocates-rank` — the collocates ranked (after the postings of their
//!   candidates are loaded, in a sharded corpus under filters);
//! - `concord:neardup` — finding the near-duplicates of a document's statements (after the
//!   reader is on screen);
//! - `concord:results` — running a search (the engine alone, without rendering);
//!   `concord:trends`, `concord:distinctive` — the term trends and distinctive terms computed
//!   after a pause in typing;
//! - `concord:export` — an export of the current statements, from its click to its file
//!   (made a block at a time; not measured when cancelled); for each block,
//!   `concord:export-read` (its text fetched and read), `concord:export-write` (its rows
//!   written) and `concord:export-yield` (the page's turn before the next);
//! - `concord:start-over` — a mark: a sharded engine past its budget of words loaded
//!   dropped the text no part of the page reads;
//! - `concord:memory` — a mark (not a measure) whose `detail` is the size of the app's
//!   WebAssembly memory in bytes, set at start-up, after every search, after shards are
//!   loaded and after an export (the memory only grows, so the last one is the peak).
//!
//! Measures are best-effort: a browser without the Performance API simply gets none.

use std::cell::Cell;

thread_local! {
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// When the pending search was started, after any debounce (ms since navigation start).
    static STARTED: Cell<f64> = const { Cell::new(0.0) };
    /// How long the last search took from its start to its results on screen (ms).
    static LAST: Cell<f64> = const { Cell::new(0.0) };
}

/// How long the last search took from its start (not its first key: any debounce is left
/// out) to its results on screen, in milliseconds; 0 before the first.
pub fn last_search_ms() -> f64 {
    LAST.with(Cell::get)
}

/// Notes that the pending search starts now (its input may have come earlier).
pub fn started() {
    if let Some(perf) = performance() {
        STARTED.with(|s| s.set(perf.now()));
        let _ = perf.mark("concord:search-start");
    }
}

const INPUT_MARK: &str = "concord:input";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Marks the start of a search at an input event, unless one is already pending.
pub fn input() {
    if PENDING.with(|p| p.replace(true)) {
        return;
    }
    if let Some(perf) = performance() {
        perf.clear_marks_with_mark_name(INPUT_MARK);
        let _ = perf.mark(INPUT_MARK);
    }
}

/// Ends the pending search measure, after its results were rendered.
pub fn rendered() {
    if !PENDING.with(|p| p.replace(false)) {
        return;
    }
    if let Some(perf) = performance() {
        LAST.with(|l| l.set(perf.now() - STARTED.with(Cell::get)));
        let _ = perf.measure_with_start_mark("concord:search", INPUT_MARK);
    }
    memory();
}

const MEMORY_MARK: &str = "concord:memory";

/// Marks the WebAssembly memory's current size (`concord:memory`, in `detail`).
pub fn memory() {
    use wasm_bindgen::JsCast;
    let Some(perf) = performance() else { return };
    let Ok(memory) = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>() else {
        return;
    };
    let bytes = memory
        .buffer()
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_or(0.0, |b| f64::from(b.byte_length()));
    // `performance.mark(name, { detail })` (web-sys has it only behind its unstable APIs).
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"detail".into(), &bytes.into());
    perf.clear_marks_with_mark_name(MEMORY_MARK);
    if let Ok(mark) = js_sys::Reflect::get(&perf, &"mark".into()) {
        if let Ok(mark) = mark.dyn_into::<js_sys::Function>() {
            let _ = mark.call2(&perf, &MEMORY_MARK.into(), &options);
        }
    }
}

/// Marks `concord:main`: the module is compiled and instantiated, the app's code starts.
pub fn main_started() {
    if let Some(perf) = performance() {
        let _ = perf.mark("concord:main");
    }
}

/// Starts the measure `name` (ended by [`end`]).
pub fn begin(name: &str) {
    if let Some(perf) = performance() {
        let _ = perf.mark(&format!("{name}:start"));
    }
}

/// Records the measure `name` from its [`begin`] to now.
pub fn end(name: &str) {
    if let Some(perf) = performance() {
        let _ = perf.measure_with_start_mark(name, &format!("{name}:start"));
    }
}

/// Marks `name` now (an event, not a span).
pub fn mark(name: &str) {
    if let Some(perf) = performance() {
        let _ = perf.mark(name);
    }
}

/// Runs `f` as the measure `name`.
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    begin(name);
    let out = f();
    end(name);
    out
}

/// Measures the future `f` as `name`, from now until it is ready.
pub async fn measured_async<T>(name: &str, f: impl std::future::Future<Output = T>) -> T {
    begin(name);
    let out = f.await;
    end(name);
    out
}

/// Records `concord:first-results` (once): results are on screen.
pub fn first_results() {
    if let Some(perf) = performance() {
        if perf.get_entries_by_name("concord:first-results").length() == 0 {
            let _ = perf.measure("concord:first-results");
        }
    }
    memory();
}

/// Records `concord:ready` (once).
pub fn ready() {
    if let Some(perf) = performance() {
        if perf.get_entries_by_name("concord:ready").length() == 0 {
            let _ = perf.measure("concord:ready");
        }
    }
    memory();
}
