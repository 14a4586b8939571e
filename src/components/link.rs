//! Links between views: real `href`s (open in a new tab, copy the link) that a plain click
//! follows in place.

use crate::context::{click_to, use_nav};
use crate::route::params::{title_of, VIEWS};
use crate::route::{Action, Route, View};
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
    let nav = use_nav();
    let go = if props.stay {
        nav.stay.clone()
    } else {
        nav.go.clone()
    };
    html! {
        <a
            href={nav.href(&props.to)}
            class={props.class.clone()}
            aria-current={props.current.then_some("true")}
            aria-label={props.label.clone()}
            onclick={click_to(go, props.to.clone())}
        >
            { props.children.clone() }
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub route: Route,
}

/// Switches between the views of the same search: statements, concordance, timeline,
/// formulations.
#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let r = &props.route;
    html! {
        <nav class="toggle views" aria-label="View">
            { for View::TABS.into_iter().map(|v| html! {
                <Link to={r.apply(Action::Show(v))} current={r.view == v}>{ title_of(VIEWS, v) }</Link>
            }) }
        </nav>
    }
}
