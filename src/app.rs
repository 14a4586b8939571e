//! The root component: keeps the URL and the view in step, shows link notices, and frames
//! the page.
//!
//! The URL is the single source of truth. Following a link pushes a history entry (so Back
//! works); the app re-reads the URL after every push and every Back/Forward.

use crate::components::compare::CompareView;
use crate::components::facets::FacetPanel;
use crate::components::kwic::KwicView;
use crate::components::phrases::PhrasesView;
use crate::components::reader::Reader;
use crate::components::results::ResultsView;
use crate::components::search_box::SearchBox;
use crate::components::timeline::TimelineView;
use crate::components::tray::Tray;
use crate::data::{self, Engine};
use crate::route::{Notice, Route, Search, View};
use crate::timing;
use concord_core::query::{parse, Query, Results, Sort};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::history::{BrowserHistory, History};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Navigation shared with every component through context.
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
    /// Goes to a route in place of the current entry, focus staying (typing).
    pub replace: Callback<Route>,
}

impl Nav {
    /// The link for a route.
    pub fn href(&self, route: &Route) -> String {
        link(&self.base, route)
    }
}

/// The page path followed by the route's query string.
fn link(base: &str, route: &Route) -> String {
    format!("{base}{}", route.to_query())
}

/// A search's parsed query and results; equal when they are the same computation.
#[derive(Clone)]
pub struct Found {
    pub query: Rc<Query>,
    pub results: Rc<Results>,
}

impl PartialEq for Found {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.results, &other.results) && Rc::ptr_eq(&self.query, &other.query)
    }
}

/// Runs a search. Without search terms there is nothing to rank, so "relevance" lists the
/// newest first.
pub fn run(engine: &Engine, search: &Search) -> Found {
    let query = parse(&search.q);
    let sort = match search.sort {
        Sort::Relevance if query.legend.is_empty() => Sort::Newest,
        other => other,
    };
    let results = crate::timing::measured("concord:results", || {
        engine.searcher().search(&query, &search.filters(), sort)
    });
    Found {
        query: Rc::new(query),
        results: Rc::new(results),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let engine = use_memo((), |()| data::engine());
    // The page's "Loading the corpus…" (index.html) goes once the app is on screen.
    use_effect_with((), |()| {
        if let Some(el) = gloo::utils::document().get_element_by_id("loading") {
            el.remove();
        }
    });
    let history = use_memo((), |()| BrowserHistory::new());
    let query = {
        let history = history.clone();
        use_state(move || history.location().query_str().to_string())
    };
    {
        let history = history.clone();
        let query = query.clone();
        use_effect_with((), move |()| {
            let h = history.clone();
            let listener = history.listen(move || query.set(h.location().query_str().to_string()));
            move || drop(listener)
        });
    }
    // Whether the next change of route moves focus to the new view: set by the app's own
    // moves; a change without one (Back, Forward) moves it.
    let focus_next: Rc<Cell<Option<bool>>> = use_memo((), |()| Cell::new(None));
    let nav = {
        let history = history.clone();
        let focus_next = focus_next.clone();
        use_memo((), move |()| {
            let base: Rc<str> = history.location().path().into();
            let mover = |push: bool, focus: bool| {
                let base = base.clone();
                let history = history.clone();
                let focus_next = focus_next.clone();
                Callback::from(move |route: Route| {
                    focus_next.set(Some(focus));
                    let to = link(&base, &route);
                    if push {
                        history.push(to)
                    } else {
                        history.replace(to)
                    }
                })
            };
            Nav {
                go: mover(true, true),
                stay: mover(true, false),
                replace: mover(false, false),
                base,
            }
        })
    };
    // Notices stay dismissed until the link changes.
    let dismissed_for = use_state(|| None::<String>);

    let checked = {
        let engine = engine.clone();
        use_memo((*query).clone(), move |q| {
            let (route, mut notices) = Route::parse(q);
            match engine.as_ref() {
                Ok(e) => {
                    let (route, more) = route.check(&e.corpus, &e.index);
                    notices.extend(more);
                    (route, notices)
                }
                Err(_) => (route, notices),
            }
        })
    };
    let (route, notices) = (&checked.0, &checked.1);
    let found = {
        let engine = engine.clone();
        use_memo(route.search.clone(), move |search| {
            (*engine).as_ref().ok().map(|e| run(e, search))
        })
    };

    let title = match (engine.as_ref(), route.doc.as_deref()) {
        (Ok(e), Some(id)) if route.view == View::Doc => e.corpus.document(id).map_or_else(
            || "Concord".to_string(),
            |d| format!("{} — Concord", d.title),
        ),
        _ if route.view == View::Compare => "Comparison — Concord".to_string(),
        _ if route.view == View::Phrases => "Formulations — Concord".to_string(),
        _ if route.view == View::Timeline => "Timeline — Concord".to_string(),
        _ if !route.search.q.trim().is_empty() => format!("{} — Concord", route.search.q.trim()),
        _ => "Concord — statement explorer".to_string(),
    };
    use_effect_with(title, |title| gloo::utils::document().set_title(title));
    // On load the page keeps the browser's focus (Tab reaches the skip link first); after a
    // move, focus goes to the new view — unless the move was typing in the search box.
    let moved = use_mut_ref(|| false);
    {
        let focus_next = focus_next.clone();
        use_effect_with(route.clone(), move |route| {
            let after_move = std::mem::replace(&mut *moved.borrow_mut(), true);
            let focus = focus_next.take().unwrap_or(true);
            focus_and_scroll(route, after_move && focus);
        });
    }
    // Timing: a search is done once its results are on screen; the app is ready at its
    // first render.
    use_effect_with(route.search.clone(), |_| timing::rendered());
    use_effect_with((), |()| timing::ready());
    // "/" focuses the search box.
    use_effect_with((), |()| {
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.key() == "/" && !crate::components::typing(e) && !e.ctrl_key() && !e.meta_key()
                {
                    if let Some(input) = gloo::utils::document()
                        .get_element_by_id("q")
                        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        e.prevent_default();
                        let _ = input.focus();
                        input.select();
                    }
                }
            },
        );
        move || drop(listener)
    });

    let (engine, found) = match (engine.as_ref(), found.as_ref()) {
        (Ok(e), Some(f)) => (e.clone(), f.clone()),
        (Err(message), _) => {
            return html! {
                <main id="main" class="fatal">
                    <h1>{ "Concord cannot start" }</h1>
                    <p>{ message.clone() }</p>
                </main>
            }
        }
        (Ok(_), None) => return html! {},
    };

    let show_notices = !notices.is_empty() && dismissed_for.as_deref() != Some(query.as_str());
    let dismiss = {
        let dismissed_for = dismissed_for.clone();
        let query = (*query).clone();
        Callback::from(move |_: MouseEvent| dismissed_for.set(Some(query.clone())))
    };
    let page = match route.view {
        View::List => html! { <ResultsView route={route.clone()} found={found.clone()} /> },
        View::Kwic => html! { <KwicView route={route.clone()} found={found.clone()} /> },
        View::Doc => html! { <Reader route={route.clone()} found={found.clone()} /> },
        View::Compare => html! { <CompareView route={route.clone()} found={found.clone()} /> },
        View::Phrases => html! { <PhrasesView route={route.clone()} /> },
        View::Timeline => html! { <TimelineView route={route.clone()} found={found.clone()} /> },
    };
    let corpus = engine.corpus.clone();
    let statements = engine.index.statements.len();
    let with_facets = matches!(
        route.view,
        View::List | View::Kwic | View::Phrases | View::Timeline
    );
    html! {
        <ContextProvider<Nav> context={(*nav).clone()}>
        <ContextProvider<Engine> context={engine.clone()}>
        <ContextProvider<data::CorpusRef> context={corpus.clone()}>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="site">
                <a class="brand" href={nav.href(&Route::default())} onclick={link_click(&nav, Route::default())}>
                    { "Concord" }
                </a>
                <span class="tagline">
                    { crate::format::count(corpus.documents.len(), "document", "documents") }
                    { " · " }
                    { crate::format::count(statements, "statement", "statements") }
                </span>
            </header>
            if show_notices {
                <Notices notices={notices.clone()} on_dismiss={dismiss} />
            }
            <div class={classes!("layout", with_facets.then_some("with-facets"))}>
                <SearchBox route={route.clone()} query={found.query.clone()} />
                if with_facets {
                    <FacetPanel route={route.clone()} facets={found.results.facets.clone()} />
                }
                <main id="main" tabindex="-1">
                    <Tray route={route.clone()} />
                    { page }
                </main>
            </div>
            <footer class="site">
                { "Concord runs entirely in your browser; the corpus is built into the page." }
            </footer>
        </ContextProvider<data::CorpusRef>>
        </ContextProvider<Engine>>
        </ContextProvider<Nav>>
    }
}

/// An `onclick` for a link to `to`: a plain left click navigates in the app (keeping the
/// page); clicks with a modifier key or another button are left to the browser (new tab…).
pub fn link_click(nav: &Nav, to: Route) -> Callback<MouseEvent> {
    click_to(nav.go.clone(), to)
}

/// An `onclick` like [`link_click`] that moves with `go` (one of [`Nav`]'s callbacks).
pub fn click_to(go: Callback<Route>, to: Route) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            go.emit(to.clone());
        }
    })
}

/// The paragraph named by `p` is scrolled to; otherwise, after a move, the page's heading
/// takes focus (so keyboard and screen-reader users land on the new view) at the top.
fn focus_and_scroll(route: &Route, after_move: bool) {
    let document = gloo::utils::document();
    if let Some(p) = route.p {
        if let Some(el) = document.get_element_by_id(&format!("p-{p}")) {
            el.scroll_into_view();
            return;
        }
    }
    if !after_move {
        return;
    }
    if let Some(h1) = document.query_selector("main h1").ok().flatten() {
        if let Ok(h1) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h1) {
            let _ = h1.focus();
        }
    }
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
}

#[derive(Properties, PartialEq)]
struct NoticesProps {
    notices: Vec<Notice>,
    on_dismiss: Callback<MouseEvent>,
}

/// The link problems, each as text, with one button to dismiss them.
#[function_component(Notices)]
fn notices(props: &NoticesProps) -> Html {
    html! {
        <section class="notices" aria-label="Link notices">
            <ul>
                { for props.notices.iter().map(|n| html! {
                    <li data-param={n.param.clone()}>{ n.message.clone() }</li>
                }) }
            </ul>
            <button type="button" onclick={props.on_dismiss.clone()}>{ "Dismiss" }</button>
        </section>
    }
}
