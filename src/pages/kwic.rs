//! The concordance (KWIC): every hit of the query in the results, aligned on the keyword,
//! with its left and right context; sortable by the 1st or 2nd word left or right of it.
//! Each row links to its paragraph in the reader.

use crate::components::marked::term_class;
use crate::components::{Link, ViewTabs};
use crate::context::{use_engine, Found};
use crate::format;
use crate::route::params::{title_of, KWIC_SORTS};
use crate::route::{Action, Route};
use concord_core::query::sort_kwic;
use concord_core::KwicSort;
use yew::prelude::*;

/// Words of context on each side.
const CONTEXT: usize = 8;
/// Rows shown at most, the first in result order (sorting applies to these; only their
/// statements' text is read).
pub const MAX_ROWS: usize = 1000;

#[derive(Properties, PartialEq)]
pub struct KwicProps {
    pub route: Route,
    pub found: Found,
}

#[function_component(KwicView)]
pub fn kwic_view(props: &KwicProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let found = &props.found;
    let rows = {
        let engine = engine.clone();
        use_memo((found.clone(), route.by), move |(found, by)| {
            let read = engine.read();
            let searcher = read.searcher();
            let mut rows = searcher.kwic(&found.query, &found.results, CONTEXT, MAX_ROWS);
            let total = searcher.hit_count(&found.query, &found.results);
            if let Some(by) = by {
                sort_kwic(&mut rows, *by);
            }
            (rows, total)
        })
    };
    let (rows, total) = (&rows.0, rows.1);
    let corpus = &engine.corpus();
    let by = route.by;
    let sort_link = |order: Option<KwicSort>| {
        let to = route.apply(Action::KwicOrder(order));
        let label = order.map_or("Text order", |o| title_of(KWIC_SORTS, o));
        html! { <Link {to} current={by == order} class="sort-link" stay=true>{ label }</Link> }
    };
    html! {
        <section class="kwic" aria-labelledby="kwic-title">
            <h1 id="kwic-title" tabindex="-1">{ "Concordance" }</h1>
            <ViewTabs route={route.clone()} />
            <div class="bar">
                <p role="status" class="status" aria-live="polite">
                    { super::results::status_text(found.results.statements, found.results.documents.len()) }
                    { format!(" · {}", format::count(total, "hit", "hits")) }
                    if total > MAX_ROWS { { format!(", the first {MAX_ROWS} shown") } }
                </p>
                <nav class="kwic-sort" aria-label="Order of lines">
                    <span>{ "Order: " }</span>
                    // Outward from the keyword on each side, as the lines read.
                    { for [None, Some(KwicSort::Left2), Some(KwicSort::Left1), Some(KwicSort::Right1), Some(KwicSort::Right2)].map(sort_link) }
                </nav>
            </div>
            if found.query.legend.is_empty() {
                <p class="empty">{ "Type a search: the concordance lines up every occurrence of its words and phrases." }</p>
            } else if rows.is_empty() {
                <super::results::NoResults route={route.clone()} />
            } else {
                <table class="lines">
                    <caption class="sr-only">{ "Each occurrence with the words before and after it" }</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="left">{ "Before" }</th>
                            <th scope="col" class="key">{ "Hit" }</th>
                            <th scope="col" class="right">{ "After" }</th>
                            <th scope="col" class="where">{ "Where" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| {
                            let doc = &corpus.documents[r.doc as usize];
                            let where_ = format!("{} ¶{}", format::date(&doc.date), r.p);
                            html! {
                                <tr data-doc={doc.id.clone()} data-p={r.p.to_string()}>
                                    <td class="left"><span dir="ltr">{ r.left.clone() }</span></td>
                                    <td class="key"><mark data-term={r.term.to_string()} class={term_class(r.term)}>{ r.keyword.clone() }</mark></td>
                                    <td class="right">{ r.right.clone() }</td>
                                    <td class="where">
                                        <Link to={route.apply(Action::Read(crate::route::Item { doc: doc.id.clone(), p: Some(r.p) }))} label={AttrValue::from(format!("{where_} — {}", doc.title))}>
                                            { where_ }
                                        </Link>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
