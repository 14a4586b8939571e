//! The search box: the query text, its problems from the lenient parser, and the legend of
//! its terms in their highlight colours. Typing replaces the history entry; while searches
//! take less than a frame each key searches at once, otherwise typing is debounced by about
//! one search's time. `/` anywhere focuses the box.

use super::marked::term_class;
use crate::app::Nav;
use crate::route::Route;
use crate::timing;
use concord_core::query::{LegendKind, Query};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// One frame at 60 Hz, in milliseconds.
const FRAME_MS: f64 = 16.0;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub route: Route,
    /// The parsed query of `route.search.q`.
    pub query: Rc<Query>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let nav = use_context::<Nav>().expect("SearchBox is used inside the app");
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
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            text.set(value.clone());
            timing::input();
            let replace = nav.replace.clone();
            let latest = latest.clone();
            let sent = sent.clone();
            let search = move || {
                timing::started();
                *sent.borrow_mut() = Some(value.clone());
                let mut route = latest.borrow().clone();
                route.search.q = value.clone();
                route.page = 1;
                replace.emit(route);
            };
            // Debounced only when searches are slow: while the last one took less than a
            // frame, every key searches at once; otherwise keys typed within about that
            // time join one search (at most 150 ms later).
            let cost = timing::last_search_ms();
            if cost < FRAME_MS {
                pending.borrow_mut().take();
                search();
            } else {
                let slot = pending.clone();
                let timeout = Timeout::new(cost.min(150.0) as u32, move || {
                    slot.borrow_mut().take();
                    search();
                });
                pending.borrow_mut().replace(timeout);
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
            if !q.legend.is_empty() {
                <ul class="legend" aria-label="Query terms and their highlight colours">
                    { for q.legend.iter().enumerate().map(|(k, l)| {
                        let kind = match l.kind {
                            LegendKind::Word => "word",
                            LegendKind::Phrase => "phrase",
                            LegendKind::Prefix => "prefix",
                        };
                        html! {
                            <li>
                                <span class={classes!("term", term_class(k))} data-term={k.to_string()}>{ l.label.clone() }</span>
                                <span class="sr-only">{ format!(" ({kind}, colour {})", k + 1) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </form>
    }
}
