//! Picking two items to compare from anywhere: every statement (in the results and the
//! reader) has a "Compare" action. The first pick waits in the tray (`tray=` in the link);
//! the second opens the comparison of the two.

use super::Link;
use crate::data::Engine;
use crate::route::{Item, Route};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareActionProps {
    pub route: Route,
    pub item: Item,
    /// What the item is, for the accessible name ("paragraph 4 of …").
    pub what: AttrValue,
}

/// "Compare": puts the item in the tray, or, when another item waits there, opens the
/// comparison of that item with this one.
#[function_component(CompareAction)]
pub fn compare_action(props: &CompareActionProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let waiting = props
        .route
        .tray
        .as_deref()
        .and_then(|t| Item::resolve(t, &engine.corpus).ok());
    match waiting {
        Some(w) if w == props.item => html! {
            <Link to={props.route.with_tray(None)} class="cmp-action picked" stay=true
                label={AttrValue::from(format!("Remove {} from the compare tray", props.what))}>
                { "Picked ✓" }
            </Link>
        },
        Some(w) => html! {
            <Link to={props.route.compare(&w, &props.item)} class="cmp-action"
                label={AttrValue::from(format!("Compare {} with the picked item", props.what))}>
                { "Compare with picked" }
            </Link>
        },
        None => html! {
            <Link to={props.route.with_tray(Some(&props.item))} class="cmp-action" stay=true
                label={AttrValue::from(format!("Pick {} to compare", props.what))}>
                { "Compare…" }
            </Link>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct TrayProps {
    pub route: Route,
}

/// The tray: what waits to be compared, with a way to empty it.
#[function_component(Tray)]
pub fn tray(props: &TrayProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let Some(item) = props
        .route
        .tray
        .as_deref()
        .and_then(|t| Item::resolve(t, &engine.corpus).ok())
    else {
        return html! {};
    };
    html! {
        <aside class="tray" aria-label="Compare tray">
            <span>{ "Picked to compare: " }<strong>{ item_label(&engine, &item) }</strong></span>
            <span class="hint">{ "Choose “Compare with picked” on another statement." }</span>
            <Link to={props.route.with_tray(None)} stay=true>{ "Empty the tray" }</Link>
        </aside>
    }
}

/// A short name for an item: the document's title, with the paragraph.
pub fn item_label(engine: &Engine, item: &Item) -> String {
    let title = engine
        .corpus
        .document(&item.doc)
        .map_or(item.doc.as_str(), |d| d.title.as_str());
    match item.p {
        Some(p) => format!("{title}, ¶{p}"),
        None => title.to_string(),
    }
}
