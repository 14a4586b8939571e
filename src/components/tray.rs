//! Picking two items to compare from anywhere: every statement (in the results and the
//! reader) has a "Compare" action. The first pick waits in the tray (`tray=` in the link);
//! the second opens the comparison of the two.

use super::Link;
use crate::context::{use_engine, Engine};
use crate::route::{Action, Item, Route};
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
    let engine = use_engine();
    let route = &props.route;
    let item = route.tray_item(&engine.corpus());
    match item {
        Some(w) if w == props.item => html! {
            <Link to={route.apply(Action::EmptyTray)} class="cmp-action picked" stay=true
                label={AttrValue::from(format!("Remove {} from the compare tray", props.what))}>
                { "Picked ✓" }
            </Link>
        },
        Some(w) => html! {
            <Link to={route.apply(Action::Compare(w, props.item.clone()))} class="cmp-action"
                label={AttrValue::from(format!("Compare {} with the picked item", props.what))}>
                { "Compare with picked" }
            </Link>
        },
        None => html! {
            <Link to={route.apply(Action::Pick(props.item.clone()))} class="cmp-action" stay=true
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
    let engine = use_engine();
    let Some(item) = props.route.tray_item(&engine.corpus()) else {
        return html! {};
    };
    html! {
        <aside class="tray" aria-label="Compare tray">
            <span>{ "Picked to compare: " }<strong>{ item_label(&engine, &item) }</strong></span>
            <span class="hint">{ "Choose “Compare with picked” on another statement." }</span>
            <Link to={props.route.apply(Action::EmptyTray)} stay=true>{ "Empty the tray" }</Link>
        </aside>
    }
}

/// A short name for an item: the document's title, with the paragraph.
pub fn item_label(engine: &Engine, item: &Item) -> String {
    let corpus = engine.corpus();
    let title = corpus
        .document(&item.doc)
        .map_or(item.doc.as_str(), |d| d.title.as_str());
    match item.p {
        Some(p) => format!("{title}, ¶{p}"),
        None => title.to_string(),
    }
}
