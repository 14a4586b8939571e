//! User Timing measures, for the benchmark harness and for anyone profiling the app:
//!
//! - `concord:ready` — from navigation start to the first render of the app;
//! - `concord:search` — from the input event that changed the query to the render of its
//!   results (a burst of input events handled before the search runs is one search).
//!
//! Measures are best-effort: a browser without the Performance API simply gets none.

use std::cell::Cell;

thread_local! {
    static PENDING: Cell<bool> = const { Cell::new(false) };
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
        let _ = perf.measure_with_start_mark("concord:search", INPUT_MARK);
    }
}

/// Records `concord:ready` (once).
pub fn ready() {
    if let Some(perf) = performance() {
        if perf.get_entries_by_name("concord:ready").length() == 0 {
            let _ = perf.measure("concord:ready");
        }
    }
}
