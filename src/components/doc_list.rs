//! The list of documents: title, date, source, kind, participants and statement count,
//! oldest first (undated last).

use super::Link;
use crate::data::CorpusRef;
use crate::format;
use crate::route::Route;
use concord_core::model::Document;
use yew::prelude::*;

#[function_component(DocList)]
pub fn doc_list() -> Html {
    let corpus = use_context::<CorpusRef>().expect("corpus context");
    let mut docs: Vec<&Document> = corpus.documents.iter().collect();
    docs.sort_by_key(|d| (d.date.date.is_none(), d.date.date, d.id.clone()));
    let people = |d: &Document| -> Html {
        d.participants
            .iter()
            .filter_map(|&i| corpus.people.get(i as usize))
            .map(|p| html! { <span class="person" title={format::person_detail(&corpus, p)}>{ p.name.clone() }</span> })
            .collect()
    };
    html! {
        <section class="doc-list" aria-labelledby="list-title">
            <h1 id="list-title" tabindex="-1">{ "Documents" }</h1>
            <table class="docs">
                <caption>
                    { format::count(docs.len(), "document", "documents") }
                    { ", oldest first. Open one to read its statements." }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Title" }</th>
                        <th scope="col">{ "Date" }</th>
                        <th scope="col">{ "Source" }</th>
                        <th scope="col">{ "Kind" }</th>
                        <th scope="col">{ "Participants" }</th>
                        <th scope="col" class="num">{ "Statements" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for docs.iter().map(|d| html! {
                        <tr data-doc={d.id.clone()}>
                            <th scope="row" data-label="Title">
                                <Link to={Route::doc(&d.id)}>{ d.title.clone() }</Link>
                            </th>
                            <td data-label="Date">
                                <time datetime={d.date.date.map(|x| x.to_string())}>{ format::date(&d.date) }</time>
                            </td>
                            <td data-label="Source">{ d.source.clone().unwrap_or_else(|| "—".into()) }</td>
                            <td data-label="Kind">{ d.kind.as_deref().map_or_else(|| "—".into(), format::kind) }</td>
                            <td data-label="Participants" class="people">{ people(d) }</td>
                            <td data-label="Statements" class="num">{ d.statements.len() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
