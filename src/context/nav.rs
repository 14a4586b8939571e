//! Navigation in context. The URL is the one store of view state: a move pushes (or
//! replaces) a history entry with the new route's link, and the app re-reads the URL after
//! every move and every Back/Forward ([`use_location`]). A replacement (typing) shows its
//! route at once and writes the entry in the next task, after its view is drawn
//! ([`crate::hooks::url::LateReplace`]).

use crate::hooks::url::HistoryQuery;
use crate::hooks::use_history_query;
use crate::route::Route;
use gloo::history::{BrowserHistory, History};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Moving between views, shared with every component.
#[derive(Clone, PartialEq)]
pub struct Nav {
    /// The page's path (`/`, `/concord/`, `/concord/index.html`): links keep it, so the app
    /// works under any sub-path.
    pub base: Rc<str>,
    /// Goes to a route, pushing a history entry (a deliberate move: Back returns), and
    /// focuses the new view.
    pub go: Callback<Route>,
    /// Like `go`, but focus stays where it is (a filter ticked, an order chosen).
    pub stay: Callback<Route>,
    /// Goes to a route in place of the current entry, focus staying (typing): shown at once,
    /// the entry written in the next task.
    pub replace: Callback<Route>,
    /// Whether the next change of route moves focus: set by the moves above; a change
    /// without one (Back, Forward) leaves it unset.
    focus_next: Rc<Cell<Option<bool>>>,
}

impl Nav {
    /// The link for a route: the page path followed by the route's query string.
    pub fn href(&self, route: &Route) -> String {
        link(&self.base, route)
    }

    /// Whether the move that led to this route asked for focus to move (and forgets it):
    /// `None` when the route changed without a move of the app's (Back, Forward, load).
    pub fn take_focus(&self) -> Option<bool> {
        self.focus_next.take()
    }
}

/// The page path `base` followed by the route's query string.
fn link(base: &str, route: &Route) -> String {
    format!("{base}{}", route.to_query())
}

/// The current link's query string (with its `?`), shared through context.
#[derive(Clone, PartialEq)]
pub struct Location(pub Rc<str>);

/// Navigation, from inside a [`NavProvider`].
#[hook]
pub fn use_nav() -> Nav {
    use_context::<Nav>().expect("use_nav is called inside a NavProvider")
}

/// The current link's query string, from inside a [`NavProvider`].
#[hook]
pub fn use_location() -> Rc<str> {
    use_context::<Location>()
        .expect("use_location is called inside a NavProvider")
        .0
}

/// An `onclick` for a link to `to` that moves with `go` (one of [`Nav`]'s callbacks): a
/// plain left click navigates in the app (keeping the page); clicks with a modifier key or
/// another button are left to the browser (new tab…).
pub fn click_to(go: Callback<Route>, to: Route) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            go.emit(to.clone());
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct NavProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Owns the browser history: provides [`Nav`] (stable for the page's life) and the current
/// [`Location`] (new at every move).
#[function_component(NavProvider)]
pub fn nav_provider(props: &NavProviderProps) -> Html {
    let history = use_memo((), |()| BrowserHistory::new());
    let HistoryQuery { query, show, late } = use_history_query((*history).clone());
    let nav = use_memo((), move |()| {
        let base: Rc<str> = history.location().path().into();
        let focus_next = Rc::new(Cell::new(None));
        let mover = |push: bool, focus: bool| {
            let base = base.clone();
            let history = history.clone();
            let focus_next = focus_next.clone();
            let (show, late) = (show.clone(), late.clone());
            Callback::from(move |route: Route| {
                focus_next.set(Some(focus));
                if push {
                    // The entry typed into is written before the new one is pushed.
                    late.flush(&history);
                    history.push(link(&base, &route))
                } else {
                    let query = route.to_query();
                    late.schedule(&history, format!("{base}{query}"));
                    show.set(query.into());
                }
            })
        };
        Nav {
            go: mover(true, true),
            stay: mover(true, false),
            replace: mover(false, false),
            base,
            focus_next,
        }
    });
    html! {
        <ContextProvider<Nav> context={(*nav).clone()}>
        <ContextProvider<Location> context={Location(query)}>
            { props.children.clone() }
        </ContextProvider<Location>>
        </ContextProvider<Nav>>
    }
}
