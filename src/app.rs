//! The root component: the providers, the page frame and the page switch. Nothing else:
//! state lives in the URL ([`crate::route`]), navigation and the engine in context
//! ([`crate::context`]), each view in [`crate::pages`].

use crate::components::facets::FacetPanel;
use crate::components::loading::Loading;
use crate::components::notices::Notices;
use crate::components::search_box::SearchBox;
use crate::components::tray::Tray;
use crate::context::{run, use_engine, use_location, use_nav, EngineProvider, NavProvider};
use crate::hooks::{use_focus_on_move, use_keys, use_loaded};
use crate::pages::{
    CollocatesView, CompareView, KwicView, PhrasesView, PositionsView, Reader, ResultsView,
    SetsView, TimelineView,
};
use crate::route::params::{title_of, VIEWS};
use crate::route::{Route, View};
use crate::{format, timing};
use concord_core::shard::Need;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long a view rests before the tab's title follows it, in milliseconds.
const TITLE_MS: u32 = 250;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <NavProvider>
            <EngineProvider>
                <Shell />
            </EngineProvider>
        </NavProvider>
    }
}

/// The page for the current link: reads the URL, checks it against the corpus, runs its
/// search, and draws the frame around the view it names.
#[function_component(Shell)]
fn shell() -> Html {
    let engine = use_engine();
    let nav = use_nav();
    let query = use_location();
    let checked = {
        let engine = engine.clone();
        use_memo(query.clone(), move |q| {
            let (route, mut notices) = Route::parse(q);
            let (route, more) = route.check(&engine.corpus(), &engine.index());
            notices.extend(more);
            (route, notices)
        })
    };
    let (route, notices) = (&checked.0, &checked.1);
    // A sharded corpus first loads what the search reads, then what the view reads.
    let search_load = {
        let q = route.search.q.clone();
        use_loaded(q.clone(), move |e| {
            let index = e.index();
            Need::of_search(&index, &index.parse_typed(&q))
        })
    };
    let found = {
        let engine = engine.clone();
        use_memo(
            (route.search.clone(), search_load.is_ready()),
            move |(search, ready)| ready.then(|| run(&engine, search)),
        )
    };
    let view_load = {
        let (route, found) = (route.clone(), (*found).clone());
        use_loaded((route.clone(), found.clone()), move |e| match &found {
            Some(found) => crate::pages::need(e, &route, found),
            None => Need::default(),
        })
    };
    // Notices stay dismissed until the link changes.
    let dismissed_for = use_state(|| None::<std::rc::Rc<str>>);

    use_effect_with((), |()| {
        // The page's "Loading the corpus…" (index.html) goes once the app is on screen.
        if let Some(el) = gloo::utils::document().get_element_by_id("loading") {
            el.remove();
        }
    });
    // The tab's title once the view rests (setting it costs a key a millisecond or two).
    use_effect_with(page_title(&engine, route), |title| {
        let title = title.clone();
        let timer = gloo::timers::callback::Timeout::new(TITLE_MS, move || {
            gloo::utils::document().set_title(&title)
        });
        move || drop(timer)
    });
    use_focus_on_move(route, &nav);
    // Timing: a search is done once its results are on screen; the app is ready at its
    // first render.
    // (A sharded corpus's search is on screen once it ran and its page's text is loaded.)
    let on_screen = found.is_some() && view_load.is_ready();
    use_effect_with((route.search.clone(), on_screen), |(_, on_screen)| {
        if *on_screen {
            timing::rendered();
        }
    });
    use_effect_with((), |()| timing::ready());
    use_keys((), |key| key == "/" && focus_search_box());

    let show_notices = !notices.is_empty() && dismissed_for.as_deref() != Some(&*query);
    let dismiss = {
        let (dismissed_for, query) = (dismissed_for.clone(), query.clone());
        Callback::from(move |_: MouseEvent| dismissed_for.set(Some(query.clone())))
    };
    let found = (*found).clone();
    // Until the search's postings are loaded (sharded), the box shows the query parsed.
    let parsed = found.as_ref().map_or_else(
        || std::rc::Rc::new(engine.index().parse_typed(&route.search.q)),
        |f| f.query.clone(),
    );
    let page = match (&found, view_load.is_ready()) {
        (None, _) => html! { <Loading load={search_load} what="the search" /> },
        (Some(_), false) => html! {
            <Loading load={view_load} what={title_of(VIEWS, route.view).to_ascii_lowercase()} />
        },
        (Some(found), true) => match route.view {
            View::List => html! { <ResultsView route={route.clone()} found={found.clone()} /> },
            View::Kwic => html! { <KwicView route={route.clone()} found={found.clone()} /> },
            View::Doc => html! { <Reader route={route.clone()} found={found.clone()} /> },
            View::Compare => html! { <CompareView route={route.clone()} found={found.clone()} /> },
            View::Phrases => html! { <PhrasesView route={route.clone()} /> },
            View::Timeline => {
                html! { <TimelineView route={route.clone()} found={found.clone()} /> }
            }
            View::Positions => {
                html! { <PositionsView route={route.clone()} found={found.clone()} /> }
            }
            View::Collocates => {
                html! { <CollocatesView route={route.clone()} found={found.clone()} /> }
            }
            View::Sets => html! { <SetsView route={route.clone()} /> },
        },
    };
    let with_facets = route.view.has_facets();
    html! {
        <>
            <Header />
            if show_notices {
                <Notices notices={notices.clone()} on_dismiss={dismiss} />
            }
            <div class={classes!("layout", with_facets.then_some("with-facets"))}>
                <SearchBox route={route.clone()} query={parsed} />
                if let (true, Some(found)) = (with_facets, &found) {
                    <FacetPanel route={route.clone()} found={found.clone()} />
                }
                <main id="main" tabindex="-1">
                    <Tray route={route.clone()} />
                    { page }
                </main>
            </div>
            <footer class="site">
                if engine.is_sharded() {
                    { "Concord runs entirely in your browser; the corpus is read from this site as you use it." }
                } else {
                    { "Concord runs entirely in your browser; the corpus is built into the page." }
                }
            </footer>
        </>
    }
}

/// The skip link and the site's header: its name and the corpus's size.
#[function_component(Header)]
fn header() -> Html {
    let engine = use_engine();
    html! {
        <>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="site">
                <crate::components::Link to={Route::default()} class="brand">{ "Concord" }</crate::components::Link>
                <span class="tagline">
                    { format::count(engine.corpus().documents.len(), "document", "documents") }
                    { " · " }
                    { format::count(engine.index().statements.len(), "statement", "statements") }
                </span>
            </header>
        </>
    }
}

/// The page's title: the document read, the view's name, or the query.
fn page_title(engine: &crate::context::Engine, route: &Route) -> String {
    match route.view {
        View::Doc => route
            .doc
            .as_deref()
            .and_then(|id| engine.corpus().document(id).map(|d| d.title.clone()))
            .map_or_else(
                || "Concord".to_string(),
                |title| format!("{title} — Concord"),
            ),
        View::Compare | View::Phrases | View::Timeline | View::Positions | View::Sets => {
            format!("{} — Concord", title_of(VIEWS, route.view))
        }
        View::List | View::Kwic | View::Collocates if route.search.has_query() => {
            format!("{} — Concord", route.search.q.trim())
        }
        View::Collocates => format!("{} — Concord", title_of(VIEWS, route.view)),
        View::List | View::Kwic => "Concord — statement explorer".to_string(),
    }
}

/// Focuses and selects the search box; false when there is none.
fn focus_search_box() -> bool {
    let Some(input) = gloo::utils::document()
        .get_element_by_id("q")
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let _ = input.focus();
    input.select();
    true
}
