//! The app's views. Each reads the engine and navigation from context and knows nothing of
//! the URL format beyond [`crate::route::Route`]:
//!
//! - [`search_box`] — the query, its problems and its legend;
//! - [`facets`] — filters with counts, date range, clear-all;
//! - [`results`] — the status line and the statements of one page, grouped by document;
//! - [`kwic`] — the concordance;
//! - [`reader`] — one document, with its hits, hit navigation and dispersion strip;
//! - [`compare`] — two documents or statements side by side;
//! - [`phrases`] — recurring formulations with first and later uses;
//! - [`distinctive`] — distinctive terms of a document or of the results;
//! - [`tray`] — picking two items to compare;
//! - [`export`] — the current statements as CSV or JSON;
//! - [`cite`] — a paragraph's permalink and citation;
//! - [`trends`] — uses of the query's terms over time;
//! - [`timeline`] — statements by date in lanes, a span chosen by dragging;
//! - [`marked`] — text with highlighted ranges (never markup).

pub mod cite;
pub mod compare;
pub mod distinctive;
pub mod export;
pub mod facets;
pub mod kwic;
pub mod marked;
pub mod phrases;
pub mod reader;
pub mod results;
pub mod search_box;
pub mod timeline;
pub mod tray;
pub mod trends;

use crate::app::{click_to, Nav};
use crate::route::{Route, View};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: Classes,
    /// `aria-current` for the link that shows the current state.
    #[prop_or_default]
    pub current: bool,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Focus stays on the link after the move (it changes the view in place, such as an
    /// order), instead of going to the new view's heading.
    #[prop_or_default]
    pub stay: bool,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a view of the app: a real `href` (open in a new tab, copy the link), and a plain
/// click navigates in place.
#[function_component(Link)]
pub fn link(props: &LinkProps) -> Html {
    let nav = use_context::<Nav>().expect("Link is used inside the app");
    html! {
        <a
            href={nav.href(&props.to)}
            class={props.class.clone()}
            aria-current={props.current.then_some("true")}
            aria-label={props.label.clone()}
            onclick={click_to(if props.stay { nav.stay.clone() } else { nav.go.clone() }, props.to.clone())}
        >
            { props.children.clone() }
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub route: Route,
}

/// Switches between the results list, the concordance and the formulations of the same
/// search.
#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let r = &props.route;
    html! {
        <nav class="toggle views" aria-label="View">
            <Link to={r.with_view(View::List)} current={r.view == View::List}>{ "Statements" }</Link>
            <Link to={r.with_view(View::Kwic)} current={r.view == View::Kwic}>{ "Concordance (KWIC)" }</Link>
            <Link to={r.with_view(View::Timeline)} current={r.view == View::Timeline}>{ "Timeline" }</Link>
            <Link to={r.with_view(View::Phrases)} current={r.view == View::Phrases}>{ "Formulations" }</Link>
        </nav>
    }
}

/// True when a key event comes from a place where keys type text.
pub fn typing(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// `compute(&key)` run `delay_ms` after the view with `key` is rendered (in a timer, so the
/// view shows first and keys typed meanwhile are handled), its result kept with the key it
/// was computed for: `None` until it is ready, and again as soon as `key` changes. A change
/// before the timer fires cancels it. Serves the work that follows a view: the rest of a
/// results page, trends, distinctive terms, near-duplicates.
#[hook]
pub fn use_deferred<K, V, F>(key: K, delay_ms: u32, compute: F) -> Option<std::rc::Rc<V>>
where
    K: PartialEq + Clone + 'static,
    V: 'static,
    F: FnOnce(&K) -> V + 'static,
{
    let done = use_state(|| None::<(K, std::rc::Rc<V>)>);
    {
        let done = done.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let timer = gloo::timers::callback::Timeout::new(delay_ms, move || {
                let value = compute(&key);
                done.set(Some((key, std::rc::Rc::new(value))));
            });
            move || drop(timer)
        });
    }
    done.as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v.clone())
}
