//! The app's views. Each reads the corpus and navigation from context and knows nothing of
//! the URL format beyond [`crate::route::Route`].

pub mod doc_list;
pub mod reader;

use crate::app::{link_click, Nav};
use crate::route::Route;
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
            onclick={link_click(&nav, props.to.clone())}
        >
            { props.children.clone() }
        </a>
    }
}
