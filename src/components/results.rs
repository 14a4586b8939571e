//! The results list: a status line, the order, then the matching statements of one page,
//! grouped by document, each with its speaker and a highlighted snippet.

use super::distinctive::{Distinctive, Scope};
use super::export::Export;
use super::marked::marked;
use super::tray::CompareAction;
use super::trends::Trends;
use super::{Link, ViewTabs};
use crate::app::Found;
use crate::app::Nav;
use crate::data::Engine;
use crate::format;
use crate::route::Item;
use crate::route::{Route, View};
use concord_core::query::{Sort, StatementHit};
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
    let engine = use_context::<Engine>().expect("engine context");
    let nav = use_context::<Nav>().expect("nav context");
    let route = &props.route;
    let found = &props.found;
    let results = &found.results;
    let searcher = engine.searcher();
    let corpus = &engine.corpus;

    // The page: statements in result order, PAGE at a time, grouped by document.
    let pages = results.statements.div_ceil(PAGE).max(1);
    let page = (route.page as usize).min(pages);
    let skip = (page - 1) * PAGE;
    // The whole page once the first part is on screen (see FIRST).
    let whole = super::use_deferred((found.clone(), page), 0, |_| ()).is_some();
    let mut budget = if whole { PAGE } else { FIRST };
    let mut groups: Vec<(u32, Vec<&StatementHit>)> = Vec::new();
    let mut seen = 0usize;
    for d in &results.documents {
        if seen + d.statements.len() <= skip {
            seen += d.statements.len();
            continue;
        }
        let from = skip.saturating_sub(seen);
        let take: Vec<&StatementHit> = d.statements[from..]
            .iter()
            .take(skip + PAGE - (seen + from))
            .collect();
        seen += d.statements.len();
        let take: Vec<&StatementHit> = take.into_iter().take(budget).collect();
        budget -= take.len();
        if !take.is_empty() {
            groups.push((d.doc, take));
        }
        if seen >= skip + PAGE || budget == 0 {
            break;
        }
    }
    let busy = groups.iter().map(|(_, h)| h.len()).sum::<usize>()
        < results.statements.saturating_sub(skip).min(PAGE);

    let onsort = {
        let route = route.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = route.with_view(View::List);
            next.search.sort = match select.value().as_str() {
                "newest" => Sort::Newest,
                "oldest" => Sort::Oldest,
                _ => Sort::Relevance,
            };
            nav.stay.emit(next);
        })
    };
    let sort_value = match route.search.sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    let page_link = |n: usize| Route {
        page: n as u32,
        ..route.with_view(View::List)
    };

    html! {
        <section class="results" aria-labelledby="results-title" aria-busy={busy.then_some("true")}>
            <h1 id="results-title" tabindex="-1">{ if route.search.q.trim().is_empty() { "Statements" } else { "Search results" } }</h1>
            <ViewTabs route={route.clone()} />
            <div class="bar">
                <p role="status" class="status" aria-live="polite">
                    { status_text(results.statements, results.documents.len()) }
                    if pages > 1 {
                        { format!(" · page {page} of {pages}") }
                    }
                </p>
                if results.statements > 0 {
                    <Export route={route.clone()} found={found.clone()} />
                }
                <label class="sort">
                    { "Order " }
                    <select onchange={onsort}>
                        <option value="relevance" selected={sort_value == "relevance"}>{ "Relevance" }</option>
                        <option value="newest" selected={sort_value == "newest"}>{ "Newest first" }</option>
                        <option value="oldest" selected={sort_value == "oldest"}>{ "Oldest first" }</option>
                    </select>
                </label>
            </div>
            if results.statements == 0 {
                <NoResults route={route.clone()} />
            }
            if !found.query.legend.is_empty() {
                <Trends route={route.clone()} found={found.clone()} />
            }
            if !route.search.q.trim().is_empty() || route.search.filtered() {
                <Distinctive route={route.clone()} scope={Scope::Results(found.clone())} />
            }
            { for groups.into_iter().map(|(d, hits)| {
                let doc = &corpus.documents[d as usize];
                html! {
                    <section class="doc-hits" data-doc={doc.id.clone()} aria-labelledby={format!("d-{}", doc.id)}>
                        <header>
                            <h2 id={format!("d-{}", doc.id)}>
                                <Link to={route.doc_with_search(&doc.id, None)}>{ doc.title.clone() }</Link>
                            </h2>
                            <p class="meta-line">
                                <time datetime={doc.date.date.map(|x| x.to_string())}>{ format::date(&doc.date) }</time>
                                if let Some(src) = &doc.source { { " · " }{ src.clone() } }
                                if let Some(k) = &doc.kind { { " · " }{ format::kind(k) } }
                            </p>
                        </header>
                        { for hits.into_iter().map(|h| {
                            let st = &engine.index.statements[h.stmt as usize];
                            let text = searcher.text(h.stmt);
                            let highlights = searcher.highlights(&found.query, h.stmt);
                            let window = searcher.snippet(h.stmt, &highlights, SNIPPET_WORDS);
                            let (cut_start, cut_end) = (window.start > 0, window.end < text.len());
                            let speaker = st.speaker.and_then(|p| corpus.people.get(p as usize));
                            html! {
                                <article class="hit" data-doc={doc.id.clone()} data-p={st.p.to_string()}>
                                    <p class="who">
                                        <span class="speaker">{ speaker.map_or("Narrator".to_string(), |p| p.name.clone()) }</span>
                                        <Link to={route.doc_with_search(&doc.id, Some(st.p))} class="pnum" label={AttrValue::from(format!("Read paragraph {} in context", st.p))}>
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
            }) }
            if pages > 1 {
                <nav class="pages" aria-label="Pages of results">
                    if page > 1 {
                        <Link to={page_link(page - 1)}>{ "← Previous page" }</Link>
                    }
                    <span>{ format!("Page {page} of {pages}") }</span>
                    if page < pages {
                        <Link to={page_link(page + 1)}>{ "Next page →" }</Link>
                    }
                </nav>
            }
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
        let to = Route {
            search: s.unfiltered(),
            ..route.with_view(route.view)
        };
        ways.push(html! { <li><Link to={to}>{ "Search again without filters" }</Link></li> });
    }
    if !s.q.trim().is_empty() && s.filtered() {
        let to = Route {
            search: crate::route::Search {
                q: String::new(),
                ..s.clone()
            },
            ..route.with_view(route.view)
        };
        ways.push(html! { <li><Link to={to}>{ "Keep the filters, drop the query" }</Link></li> });
    }
    html! {
        <div class="empty">
            <p>
                { "Nothing matches" }
                if !s.q.trim().is_empty() { { " “" }<strong>{ s.q.clone() }</strong>{ "”" } }
                if s.filtered() { { " with the filters chosen" } }
                { "." }
            </p>
            <p>{ "All words must match: fewer words, OR between alternatives, or a prefix* finds more." }</p>
            if !ways.is_empty() { <ul>{ ways }</ul> }
        </div>
    }
}
