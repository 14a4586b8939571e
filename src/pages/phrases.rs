//! Formulations (`view=phrases`): the phrases the corpus repeats across documents, as
//! written, with their variants, first use and every later use in date order (each quoted
//! from its statement with the phrase marked), counted under the current filters. Choosing
//! a formulation searches for it (all its variants).

use crate::components::marked::marked;
use crate::components::{Link, ViewTabs};
use crate::context::use_engine;
use crate::format;
use crate::route::{Action, Item, Route};
use concord_core::compare::formulas::table;
use concord_core::query::Query;
use std::collections::HashMap;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhrasesProps {
    pub route: Route,
}

/// Most later uses listed under a formulation before "and N more".
const USES_SHOWN: usize = 50;
/// Words of a use's statement quoted around the phrase.
const QUOTE_WORDS: usize = 28;

#[function_component(PhrasesView)]
pub fn phrases_view(props: &PhrasesProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let entries = {
        let engine = engine.clone();
        use_memo(route.search.filters.clone(), move |filters| {
            crate::timing::measured("concord:phrases", || {
                table(&engine.searcher(), &engine.formulas, filters)
            })
        })
    };
    let index = &engine.index;
    let corpus = &engine.corpus;
    let who = |s: u32| {
        corpus
            .speaker_name(index.statements[s as usize].speaker)
            .to_string()
    };
    // Each variant's phrase query, parsed once, to mark it in the statements that use it.
    let queries: std::cell::RefCell<HashMap<u32, Query>> = Default::default();
    let searcher = engine.searcher();
    let use_line = |s: u32, variant: u32| -> Html {
        let st = &index.statements[s as usize];
        let doc = &corpus.documents[st.doc as usize];
        let mut queries = queries.borrow_mut();
        let query = queries.entry(variant).or_insert_with(|| {
            index.parse(&format!(
                "\"{}\"",
                engine.formulas[variant as usize].text(index)
            ))
        });
        let text = searcher.text(s);
        let highlights = searcher.highlights(query, s);
        let window = searcher.snippet(s, &highlights, QUOTE_WORDS);
        let (cut_start, cut_end) = (window.start > 0, window.end < text.len());
        html! {
            <>
                <time datetime={doc.date.date.map(|d| d.to_string())}>{ format::date(&doc.date) }</time>
                { " · " }{ who(s) }{ " · " }
                <Link to={route.apply(Action::Read(Item { doc: doc.id.clone(), p: Some(st.p) }))}>{ format!("{}, ¶{}", doc.title, st.p) }</Link>
                <q class="quote">
                    if cut_start { { "… " } }
                    { marked(text, window, &highlights, None) }
                    if cut_end { { " …" } }
                </q>
            </>
        }
    };
    let filtered = route.search.filtered();
    html! {
        <section class="phrases" aria-labelledby="phrases-title">
            <h1 id="phrases-title" tabindex="-1">{ "Formulations" }</h1>
            <ViewTabs route={route.clone()} />
            <p class="status" role="status">
                { format!(
                    "{} used in two or more documents{}.",
                    format::count(entries.len(), "formulation", "formulations"),
                    if filtered { " under the current filters" } else { "" }
                ) }
                <span class="detail">{ " Phrases of three or more words, variants grouped; choose one to search for it." }</span>
            </p>
            <ol class="formulas">
                { for entries.iter().map(|e| {
                    let formula = |f: u32| &engine.formulas[f as usize];
                    let q = e.variants.iter().map(|(f, _)| formula(*f).search()).collect::<Vec<_>>().join(" OR ");
                    let search = route.apply(Action::SearchFor(q));
                    let head = formula(e.variants[0].0).surface.clone();
                    let first = &e.uses[0];
                    let later = &e.uses[1..];
                    html! {
                        <li class="formula" data-formulation={head.clone()}>
                            <h2>
                                <Link to={search}>{ head }</Link>
                                <span class="counts">{ format!(" {} in {}", format::count(e.count(), "use", "uses"), format::count(e.documents, "document", "documents")) }</span>
                            </h2>
                            if e.variants.len() > 1 {
                                <p class="variants">{ "Variants: " }
                                    { for e.variants.iter().skip(1).map(|(f, n)| html! {
                                        <span class="variant-name" data-variant={formula(*f).surface.clone()}>{ format!("“{}” ({n})", formula(*f).surface) }{ " " }</span>
                                    }) }
                                </p>
                            }
                            <p class="first-use"><strong>{ "First use: " }</strong>{ use_line(first.stmt, first.formula) }</p>
                            if !later.is_empty() {
                                <details>
                                    <summary>{ format!("{} later", format::count(later.len(), "use", "uses")) }</summary>
                                    <ol class="uses">
                                        { for later.iter().take(USES_SHOWN).map(|u| html! {
                                            <li>{ use_line(u.stmt, u.formula) }</li>
                                        }) }
                                    </ol>
                                    if later.len() > USES_SHOWN {
                                        <p>{ format!("and {} more (search for the phrase to see them all)", later.len() - USES_SHOWN) }</p>
                                    }
                                </details>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
