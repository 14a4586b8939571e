//! Formulations (`view=phrases`): the phrases the corpus repeats across documents, with
//! their variants, first use and every later use in date order, counted under the current
//! filters. Choosing a formulation searches for it (all its variants).

use crate::components::{Link, ViewTabs};
use crate::context::use_engine;
use crate::format;
use crate::route::{Action, Item, Route};
use concord_core::compare::formulas::table;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhrasesProps {
    pub route: Route,
}

/// Most later uses listed under a formulation before "and N more".
const USES_SHOWN: usize = 50;

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
    let use_line = |s: u32, variant: &str| -> Html {
        let st = &index.statements[s as usize];
        let doc = &corpus.documents[st.doc as usize];
        html! {
            <>
                <time datetime={doc.date.date.map(|d| d.to_string())}>{ format::date(&doc.date) }</time>
                { " · " }{ who(s) }{ " · " }
                <Link to={route.apply(Action::Read(Item { doc: doc.id.clone(), p: Some(st.p) }))}>{ format!("{}, ¶{}", doc.title, st.p) }</Link>
                <span class="variant">{ format!(" “{variant}”") }</span>
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
                    let texts: Vec<String> = e.variants.iter().map(|(f, _)| engine.formulas[*f as usize].text(index)).collect();
                    let q = texts.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR ");
                    let search = route.apply(Action::SearchFor(q));
                    let variant_of = |f: u32| engine.formulas[f as usize].text(index);
                    let first = &e.uses[0];
                    let later = &e.uses[1..];
                    html! {
                        <li class="formula" data-phrase={texts[0].clone()}>
                            <h2>
                                <Link to={search}>{ texts[0].clone() }</Link>
                                <span class="counts">{ format!(" {} in {}", format::count(e.count(), "use", "uses"), format::count(e.documents, "document", "documents")) }</span>
                            </h2>
                            if texts.len() > 1 {
                                <p class="variants">{ "Variants: " }
                                    { for e.variants.iter().skip(1).map(|(f, n)| html! {
                                        <span class="variant-name">{ format!("“{}” ({n})", variant_of(*f)) }{ " " }</span>
                                    }) }
                                </p>
                            }
                            <p class="first-use"><strong>{ "First use: " }</strong>{ use_line(first.stmt, &variant_of(first.formula)) }</p>
                            if !later.is_empty() {
                                <details>
                                    <summary>{ format!("{} later", format::count(later.len(), "use", "uses")) }</summary>
                                    <ol class="uses">
                                        { for later.iter().take(USES_SHOWN).map(|u| html! {
                                            <li>{ use_line(u.stmt, &variant_of(u.formula)) }</li>
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
