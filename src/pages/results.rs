//! The results list: a status line, the order, then the matching statements of one page,
//! grouped by document, each with its speaker and a highlighted snippet.

use crate::components::distinctive::{Distinctive, Scope};
use crate::components::export::Export;
use crate::components::marked::marked;
use crate::components::tray::CompareAction;
use crate::components::trends::Trends;
use crate::components::{Link, ViewTabs};
use crate::context::{use_engine, use_nav, Found};
use crate::format;
use crate::hooks::use_deferred;
use crate::route::params::{name_of, value_of, SORTS};
use crate::route::{Action, Item, Route};
use concord_core::query::StatementHit;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Statements per page.
pub const PAGE: usize = 20;
/// Words in a snippet of a long statement.
const SNIPPET_WORDS: usize = 48;
/// Statements drawn at once when a page changes (about a screen's worth); the rest of the
/// page follows in the next task, so a key typed meanwhile is not kept waiting. The list
/// is `aria-busy` until the page is whole.
const FIRST: usize = 6;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub route: Route,
    pub found: Found,
}

/// "12 statements in 3 documents": the DOM contract's status text.
pub fn status_text(statements: usize, documents: usize) -> String {
    format!(
        "{} in {}",
        format::count(statements, "statement", "statements"),
        format::count(documents, "document", "documents")
    )
}

#[function_component(ResultsView)]
pub fn results_view(props: &ResultsProps) -> Html {
    let nav = use_nav();
    let engine = use_engine();
    let route = &props.route;
    let found = &props.found;
    let results = &found.results;
    // The whole page once its first part is on screen (see FIRST).
    let whole = use_deferred((found.clone(), route.page), 0, |_| ()).is_some();
    use_effect_with((), |()| crate::timing::first_results());
    let page = results.page(route.page as usize, PAGE, if whole { PAGE } else { FIRST });
    let onsort = {
        let route = route.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let sort = value_of(SORTS, &select.value()).unwrap_or_default();
            nav.stay.emit(route.apply(Action::Sort(sort)));
        })
    };
    let sort_value = name_of(SORTS, route.search.sort);
    let (number, pages) = (page.number, page.pages);
    let page_link = |n: usize| route.apply(Action::Page(n as u32));
    html! {
        <section class="results" aria-labelledby="results-title" aria-busy={(!page.whole()).then_some("true")}>
            <h1 id="results-title" tabindex="-1">{ if route.search.has_query() { "Search results" } else { "Statements" } }</h1>
            <ViewTabs route={route.clone()} />
            <div class="bar">
                <p role="status" class="status" aria-live="polite">
                    { status_text(results.statements, results.documents.len()) }
                    if pages > 1 {
                        { format!(" · page {number} of {pages}") }
                    }
                </p>
                if results.statements > 0 {
                    <Export route={route.clone()} found={found.clone()} />
                }
                if route.vs.is_none() {
                    <Link to={route.apply(Action::ChooseB)} class="choose-b" stay=true>{ "Compare with another set…" }</Link>
                }
                <label class="sort">
                    { "Order " }
                    <select onchange={onsort}>
                        { for SORTS.iter().map(|s| html! {
                            <option value={s.name} selected={sort_value == s.name}>{ s.title }</option>
                        }) }
                    </select>
                </label>
            </div>
            if let Some(a) = &route.vs {
                <div class="against" role="region" aria-label="A comparison of two sets in waiting">
                    <p>
                        <strong>{ "Set A: " }</strong>{ super::sets::describe(&engine, a) }{ ". " }
                        { "Change the search and filters into set B, then " }
                        <Link to={route.apply(Action::AgainstA)} class="against-a">{ "compare set A with this" }</Link>
                        { " · " }
                        <Link to={route.apply(Action::ForgetA)} stay=true>{ "Cancel" }</Link>
                    </p>
                </div>
            }
            if results.statements == 0 {
                <NoResults route={route.clone()} />
            }
            if !found.query.legend.is_empty() {
                <Trends route={route.clone()} found={found.clone()} />
            }
            if route.search.has_query() || route.search.filtered() {
                <Distinctive route={route.clone()} scope={Scope::Results(found.clone())} />
            }
            { for page.groups.iter().map(|&(d, hits)| html! {
                <DocumentGroup route={route.clone()} found={found.clone()} doc={d} hits={hits.to_vec()} />
            }) }
            if pages > 1 {
                <nav class="pages" aria-label="Pages of results">
                    if number > 1 {
                        <Link to={page_link(number - 1)}>{ "← Previous page" }</Link>
                    }
                    <span>{ format!("Page {number} of {pages}") }</span>
                    if number < pages {
                        <Link to={page_link(number + 1)}>{ "Next page →" }</Link>
                    }
                </nav>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DocumentGroupProps {
    route: Route,
    found: Found,
    /// Index into the corpus's documents.
    doc: u32,
    /// Its statements on this page.
    hits: Vec<StatementHit>,
}

/// One document's statements on the page: its title and date, then each statement with its
/// speaker and a highlighted snippet.
#[function_component(DocumentGroup)]
fn document_group(props: &DocumentGroupProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let corpus = &engine.corpus();
    let read = engine.read();
    let searcher = read.searcher();
    let doc = &corpus.documents[props.doc as usize];
    let read = |p: Option<u32>| {
        route.apply(Action::Read(Item {
            doc: doc.id.clone(),
            p,
        }))
    };
    html! {
        <section class="doc-hits" data-doc={doc.id.clone()} aria-labelledby={format!("d-{}", doc.id)}>
            <header>
                <h2 id={format!("d-{}", doc.id)}>
                    <Link to={read(None)}>{ doc.title.clone() }</Link>
                </h2>
                <p class="meta-line">
                    <time datetime={doc.date.date.map(|x| x.to_string())}>{ format::date(&doc.date) }</time>
                    if let Some(src) = &doc.source { { " · " }{ src.clone() } }
                    if let Some(k) = &doc.kind { { " · " }{ format::kind(k) } }
                </p>
            </header>
            { for props.hits.iter().map(|h| {
                let st = &engine.index().statements[h.stmt as usize];
                let text = searcher.text(h.stmt);
                let highlights = searcher.highlights(&props.found.query, h.stmt);
                let window = searcher.snippet(h.stmt, &highlights, SNIPPET_WORDS);
                let (cut_start, cut_end) = (window.start > 0, window.end < text.len());
                html! {
                    <article class="hit" data-doc={doc.id.clone()} data-p={st.p.to_string()}>
                        <p class="who">
                            <span class="speaker">{ corpus.speaker_name(st.speaker).to_string() }</span>
                            <Link to={read(Some(st.p))} class="pnum" label={AttrValue::from(format!("Read paragraph {} in context", st.p))}>
                                { format!("¶{}", st.p) }
                            </Link>
                            <CompareAction route={route.clone()} item={Item { doc: doc.id.clone(), p: Some(st.p) }}
                                what={AttrValue::from(format!("paragraph {} of {}", st.p, doc.title))} />
                        </p>
                        <p class="text">
                            if cut_start { { "… " } }
                            { marked(text, window.clone(), &highlights, None) }
                            if cut_end { { " …" } }
                        </p>
                    </article>
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoResultsProps {
    pub route: Route,
}

/// What was searched, and the ways out: each filter to remove, or the query to loosen.
#[function_component(NoResults)]
pub fn no_results(props: &NoResultsProps) -> Html {
    let route = &props.route;
    let s = &route.search;
    let mut ways: Vec<Html> = Vec::new();
    if s.filtered() {
        let to = route.apply(Action::ClearFilters);
        ways.push(html! { <li><Link to={to}>{ "Search again without filters" }</Link></li> });
    }
    if s.has_query() && s.filtered() {
        let to = route.apply(Action::DropQuery);
        ways.push(html! { <li><Link to={to}>{ "Keep the filters, drop the query" }</Link></li> });
    }
    html! {
        <div class="empty">
            <p>
                { "Nothing matches" }
                if s.has_query() { { " “" }<strong>{ s.q.clone() }</strong>{ "”" } }
                if s.filtered() { { " with the filters chosen" } }
                { "." }
            </p>
            <p>{ "All words must match: fewer words, OR between alternatives, or a prefix* finds more." }</p>
            if !ways.is_empty() { <ul>{ ways }</ul> }
        </div>
    }
}
