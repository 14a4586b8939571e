//! The search box: the query text, its problems from the lenient parser, and the legend of
//! its terms in their highlight colours. Typing replaces the history entry; a key searches
//! at once when searches fit in a frame or no input waits behind it, otherwise in the next
//! task, which the keys already typed join ([`plan`]). `/` anywhere focuses the box.

use super::marked::term_class;
use crate::context::{click_to, use_engine, use_nav};
use crate::hooks::use_deferred;
use crate::route::{Action, Route};
use crate::timing;
use concord_core::query::suggest::corrected;
use concord_core::query::{LegendKind, Query};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Completions shown beside the word being typed.
const COMPLETIONS: usize = 3;
/// One frame at 60 Hz, in milliseconds.
const FRAME_MS: f64 = 16.0;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Plan {
    /// Search now.
    Now,
    /// Search in the next task, with the text typed by then: the browser handles the keys
    /// already waiting first (input goes before timers), so they join this search.
    Next,
    /// A search is already due: it will take this key's text too.
    Join,
}

/// What a key does, given the last search's cost (ms), whether a search is due, and whether
/// more input is already waiting behind this key (`None` where the browser cannot tell).
/// A search that fits in a frame runs at once, and so does a costlier one when nothing
/// waits behind its key: that is the quickest way to its results. A costly search with
/// keys waiting (typed while the last one ran) runs in the next task, which the browser
/// runs after them (input goes before timers), so they join one search instead of each
/// searching in turn. Nothing waits on a timer's delay.
///
/// ```
/// use concord::components::search_box::{plan, Plan};
/// assert_eq!(plan(3.0, false, Some(true)), Plan::Now);
/// assert_eq!(plan(40.0, false, Some(false)), Plan::Now);
/// assert_eq!(plan(40.0, true, Some(false)), Plan::Now);
/// assert_eq!(plan(40.0, false, Some(true)), Plan::Next);
/// assert_eq!(plan(40.0, true, Some(true)), Plan::Join);
/// assert_eq!(plan(3.0, false, None), Plan::Now);
/// assert_eq!(plan(40.0, false, None), Plan::Next);
/// assert_eq!(plan(40.0, true, None), Plan::Join);
/// ```
pub fn plan(cost: f64, due: bool, waiting: Option<bool>) -> Plan {
    if cost < FRAME_MS || waiting == Some(false) {
        Plan::Now
    } else if due {
        Plan::Join
    } else {
        Plan::Next
    }
}

#[wasm_bindgen]
extern "C" {
    /// `navigator.scheduling.isInputPending()` (Chromium): whether input events are waiting.
    #[wasm_bindgen(js_namespace = ["navigator", "scheduling"], js_name = isInputPending, catch)]
    fn is_input_pending() -> Result<bool, JsValue>;
}

/// Whether more input is waiting to be handled; `None` where the browser cannot tell.
fn input_waiting() -> Option<bool> {
    is_input_pending().ok()
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub route: Route,
    /// The parsed query of `route.search.q`.
    pub query: Rc<Query>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let nav = use_nav();
    let text = use_state(|| props.route.search.q.clone());
    // The last query this box sent: when the route comes back with it, that is the box's own
    // search arriving (perhaps after more keys were typed), not a change to show.
    let sent: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let text = text.clone();
        let sent = sent.clone();
        use_effect_with(props.route.search.q.clone(), move |q| {
            let own = sent.borrow().as_deref() == Some(q.as_str());
            if own {
                // Received once; the same query coming again (Forward) is a change.
                sent.borrow_mut().take();
            } else if *text != *q {
                // The route changed from outside (Back, a link): show its query.
                text.set(q.clone());
            }
        });
    }
    // The latest route, for the deferred search to build on.
    let latest = use_mut_ref(|| props.route.clone());
    *latest.borrow_mut() = props.route.clone();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // The text typed last: a due search takes it when it runs.
    let typed: Rc<RefCell<String>> = use_mut_ref(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            text.set(value.clone());
            *typed.borrow_mut() = value;
            timing::input();
            let replace = nav.replace.clone();
            let latest = latest.clone();
            let sent = sent.clone();
            let typed = typed.clone();
            let search = move || {
                timing::started();
                let value = typed.borrow().clone();
                *sent.borrow_mut() = Some(value.clone());
                replace.emit(latest.borrow().apply(Action::Type(value)));
            };
            let due = pending.borrow().is_some();
            match plan(timing::last_search_ms(), due, input_waiting()) {
                Plan::Now => {
                    pending.borrow_mut().take();
                    search();
                }
                Plan::Next => {
                    let slot = pending.clone();
                    let timeout = Timeout::new(0, move || {
                        slot.borrow_mut().take();
                        search();
                    });
                    pending.borrow_mut().replace(timeout);
                }
                Plan::Join => {}
            }
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let q = &props.query;
    let described = if q.problems.is_empty() {
        "q-help"
    } else {
        "q-help q-problems"
    };
    html! {
        <form class="search" role="search" aria-label="Statements" {onsubmit}>
            <label for="q">{ "Search statements" }</label>
            <input
                id="q"
                type="search"
                name="q"
                value={(*text).clone()}
                {oninput}
                autocomplete="off"
                spellcheck="false"
                aria-describedby={described}
                aria-invalid={(!q.problems.is_empty()).then_some("true")}
            />
            <p id="q-help" class="help">
                { "Words (all must match), \"exact phrases\", OR, -exclude, prefix*, and filters such as speaker:wang-yi or year:2023. Press / to search." }
            </p>
            if !q.problems.is_empty() {
                <ul id="q-problems" class="problems">
                    { for q.problems.iter().map(|p| html! { <li>{ p.message.clone() }</li> }) }
                </ul>
            }
            <Legend query={props.query.clone()} />
            <Suggestions route={props.route.clone()} query={props.query.clone()} />
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    query: Rc<Query>,
}

/// The query's terms in their highlight colours; the word being typed with the corpus words
/// it completes to.
#[function_component(Legend)]
fn legend(props: &LegendProps) -> Html {
    let engine = use_engine();
    let q = &props.query;
    if q.legend.is_empty() {
        return html! {};
    }
    html! {
        <ul class="legend" aria-label="Query terms and their highlight colours">
            { for q.legend.iter().enumerate().map(|(k, l)| {
                let kind = match l.kind {
                    LegendKind::Word => "word",
                    LegendKind::Phrase => "phrase",
                    LegendKind::Prefix => "prefix",
                    LegendKind::Completing => "word being typed",
                };
                // The word being typed: the corpus words it completes to.
                let completes = q.completing().filter(|(c, _)| *c == k).and_then(|(_, prefix)| {
                    let index = engine.index();
                    let words = index.completions(prefix, COMPLETIONS + 1);
                    if words.is_empty() {
                        return None;
                    }
                    let more = words.len() > COMPLETIONS;
                    let shown: Vec<&str> = words.into_iter().take(COMPLETIONS).collect();
                    Some(format!(" → {}{}", shown.join(", "), if more { ", …" } else { "" }))
                });
                html! {
                    <li>
                        <span class={classes!("term", term_class(k))} data-term={k.to_string()}>{ l.label.clone() }</span>
                        if let Some(words) = completes {
                            <span class="completions" data-completions={k.to_string()}>{ words }</span>
                        }
                        <span class="sr-only">{ format!(" ({kind}, colour {})", k + 1) }</span>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct SuggestionsProps {
    route: Route,
    query: Rc<Query>,
}

/// "Did you mean": corrections for the query's words the corpus lacks, each a link to the
/// same query with that word corrected (filters and view kept). Found after the view is
/// drawn, so a key is never kept waiting for them.
#[function_component(Suggestions)]
fn suggestions(props: &SuggestionsProps) -> Html {
    let engine = use_engine();
    let nav = use_nav();
    let offered = {
        let (engine, query) = (engine.clone(), props.query.clone());
        use_deferred(props.route.search.q.clone(), 0, move |_| {
            engine.read().searcher().suggestions(&query)
        })
    };
    let Some(offered) = offered.filter(|o| !o.is_empty()) else {
        return html! {};
    };
    let q = &props.route.search.q;
    let links: Vec<Html> = offered
        .iter()
        .flat_map(|s| s.words.iter().map(move |w| (s, w)))
        .map(|(s, w)| {
            let fixed = corrected(q, &s.typed, w, Some(&engine.index().fold));
            let to = props.route.apply(Action::Type(fixed));
            html! {
                <a href={nav.href(&to)} data-suggestion={w.clone()} onclick={click_to(nav.go.clone(), to)}>{ w.clone() }</a>
            }
        })
        .collect();
    let n = links.len();
    html! {
        <p class="suggest">
            { "Did you mean " }
            { for links.into_iter().enumerate().map(|(i, link)| html! {
                <>
                    if i > 0 { { if i + 1 == n { " or " } else { ", " } } }
                    { link }
                </>
            }) }
            { "?" }
        </p>
    }
}
