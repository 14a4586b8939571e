//! Distinctive terms (keyness, see `concord_core::compare::keyness`): of a document in the
//! reader, and of the current results against the rest of the corpus in the list. Each
//! term is a link that searches for it.

use super::Link;
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::hooks::use_deferred;
use crate::route::{Action, Route};
use concord_core::compare::keyness::{keyness, Key};
use std::rc::Rc;
use yew::prelude::*;

/// Terms shown.
const SHOWN: usize = 10;

/// Whose terms.
#[derive(Clone, PartialEq)]
pub enum Scope {
    /// A document (index into the corpus's documents).
    Doc(u32),
    /// The statements of a search.
    Results(Found),
}

#[derive(Properties, PartialEq)]
pub struct DistinctiveProps {
    pub route: Route,
    pub scope: Scope,
}

fn find(engine: &Engine, scope: &Scope) -> Vec<Key> {
    let index = &engine.index;
    let target: Vec<u32> = match scope {
        Scope::Doc(d) => index.doc_statements(*d).collect(),
        Scope::Results(found) => found.results.statement_ids().collect(),
    };
    keyness(index, &target, SHOWN)
}

#[function_component(Distinctive)]
pub fn distinctive(props: &DistinctiveProps) -> Html {
    let engine = use_engine();
    // Found after the view is on screen (for results, once typing pauses for 0.6 s), so they
    // are not computed between keys, nor before the reader shows.
    let wait = match props.scope {
        Scope::Doc(_) => 0,
        Scope::Results(_) => 600,
    };
    let keys: Rc<Vec<Key>> = {
        let engine = engine.clone();
        use_deferred(props.scope.clone(), wait, move |scope| {
            crate::timing::measured("concord:distinctive", || find(&engine, scope))
        })
        .unwrap_or_default()
    };
    if keys.is_empty() {
        return html! {};
    }
    let against = match props.scope {
        Scope::Doc(_) => "this document",
        Scope::Results(_) => "these results",
    };
    html! {
        <aside class="distinctive" aria-label={format!("Distinctive terms of {against}")}>
            <h2>{ format!("Distinctive terms of {against}") }</h2>
            <ul>
                { for keys.iter().map(|k| {
                    let word = engine.index.words[k.word as usize].0.clone();
                    // A whole word (the trailing space): the term, not the words it begins.
                    let to = props.route.apply(Action::SearchAnew(format!("{word} ")));
                    let times = 2f64.powf(k.log_ratio);
                    let title = format!(
                        "{} uses here, {} in the rest of the corpus; log-likelihood {}, {}× as frequent as elsewhere",
                        k.target, k.rest, format::tenths(k.g2), format::tenths(times)
                    );
                    html! {
                        <li title={title.clone()}>
                            <Link to={to} label={AttrValue::from(format!("{word}: {title}"))}>{ word }</Link>
                        </li>
                    }
                }) }
            </ul>
        </aside>
    }
}
