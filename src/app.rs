//! The root component: keeps the URL and the view in step, shows link notices, and frames
//! the page.
//!
//! The URL is the single source of truth. Following a link pushes a history entry (so Back
//! works); the app re-reads the URL after every push and every Back/Forward.

use crate::components::{doc_list::DocList, reader::Reader};
use crate::data::{self, CorpusRef};
use crate::route::{Notice, Route, View};
use gloo::history::{BrowserHistory, History};
use std::rc::Rc;
use yew::prelude::*;

/// Navigation shared with every component through context.
#[derive(Clone, PartialEq)]
pub struct Nav {
    /// The page's path (`/`, `/concord/`, `/concord/index.html`): links keep it, so the app
    /// works under any sub-path.
    pub base: Rc<str>,
    /// Goes to a route, pushing a history entry.
    pub go: Callback<Route>,
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

#[function_component(App)]
pub fn app() -> Html {
    let corpus = use_memo((), |()| data::corpus());
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
    let nav = {
        let history = history.clone();
        use_memo((), move |()| {
            let base: Rc<str> = history.location().path().into();
            let go = {
                let base = base.clone();
                let history = history.clone();
                Callback::from(move |route: Route| history.push(link(&base, &route)))
            };
            Nav { base, go }
        })
    };
    // Notices stay dismissed until the link changes.
    let dismissed_for = use_state(|| None::<String>);

    let checked = {
        let corpus = corpus.clone();
        use_memo((*query).clone(), move |q| {
            let (route, mut notices) = Route::parse(q);
            match corpus.as_ref() {
                Ok(c) => {
                    let (route, more) = route.check(c);
                    notices.extend(more);
                    (route, notices)
                }
                Err(_) => (route, notices),
            }
        })
    };
    let (route, notices) = (&checked.0, &checked.1);

    let title = match (corpus.as_ref(), route.doc.as_deref()) {
        (Ok(c), Some(id)) if route.view == View::Doc => c.document(id).map_or_else(
            || "Concord".to_string(),
            |d| format!("{} — Concord", d.title),
        ),
        _ => "Concord — statement explorer".to_string(),
    };
    use_effect_with(title, |title| gloo::utils::document().set_title(title));
    // On load the page keeps the browser's focus (Tab reaches the skip link first); after a
    // move, focus goes to the new view.
    let moved = use_mut_ref(|| false);
    use_effect_with(route.clone(), move |route| {
        let after_move = std::mem::replace(&mut *moved.borrow_mut(), true);
        focus_and_scroll(route, after_move);
    });

    let corpus = match corpus.as_ref() {
        Ok(c) => CorpusRef(c.clone()),
        Err(message) => {
            return html! {
                <main id="main" class="fatal">
                    <h1>{ "Concord cannot start" }</h1>
                    <p>{ message.clone() }</p>
                </main>
            }
        }
    };

    let show_notices = !notices.is_empty() && dismissed_for.as_deref() != Some(query.as_str());
    let dismiss = {
        let dismissed_for = dismissed_for.clone();
        let query = (*query).clone();
        Callback::from(move |_: MouseEvent| dismissed_for.set(Some(query.clone())))
    };
    let page = match route.view {
        View::List => html! { <DocList /> },
        View::Doc => html! {
            <Reader
                doc={route.doc.clone().unwrap_or_default()}
                p={route.p}
                text={route.text}
            />
        },
    };
    let statements: usize = corpus.documents.iter().map(|d| d.statements.len()).sum();
    html! {
        <ContextProvider<Nav> context={(*nav).clone()}>
        <ContextProvider<CorpusRef> context={corpus.clone()}>
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
            <main id="main" tabindex="-1">
                { page }
            </main>
            <footer class="site">
                { "Concord runs entirely in your browser; the corpus is built into the page." }
            </footer>
        </ContextProvider<CorpusRef>>
        </ContextProvider<Nav>>
    }
}

/// An `onclick` for a link to `to`: a plain left click navigates in the app (keeping the
/// page); clicks with a modifier key or another button are left to the browser (new tab…).
pub fn link_click(nav: &Nav, to: Route) -> Callback<MouseEvent> {
    let go = nav.go.clone();
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
