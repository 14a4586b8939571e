//! Distinctive terms (keyness, see `concord_core::compare::keyness`): of a document in the
//! reader, and of the current results against the rest of the corpus in the list. Each
//! term is a link that searches for it. A sharded corpus first loads the text of the
//! statements counted: for a document, already there; for results, on request (a button
//! says how many documents it reads), not behind every key typed.

use super::Link;
use crate::components::loading::Loading;
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::hooks::{use_deferred, use_loaded, Load};
use crate::route::{Action, Route};
use concord_core::compare::keyness::{keyness, Key};
use concord_core::shard::Need;
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

/// The statements whose words are counted.
fn target(engine: &Engine, scope: &Scope) -> Vec<u32> {
    match scope {
        Scope::Doc(d) => engine.index().doc_statements(*d).collect(),
        Scope::Results(found) => found.results.statement_ids().collect(),
    }
}

fn find(engine: &Engine, scope: &Scope) -> Vec<Key> {
    keyness(&engine.index(), &target(engine, scope), SHOWN)
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
    // Sharded, the results' terms are found when asked for (they read every result's text).
    let asked = use_state(|| None::<Scope>);
    let wanted = !engine.is_sharded()
        || matches!(props.scope, Scope::Doc(_))
        || asked.as_ref() == Some(&props.scope);
    let load = {
        let scope = props.scope.clone();
        use_loaded((props.scope.clone(), wanted), move |e| {
            if wanted {
                Need::of_statements(&e.index(), target(e, &scope))
            } else {
                Need::default()
            }
        })
    };
    let keys: Rc<Vec<Key>> = {
        let engine = engine.clone();
        use_deferred(
            (props.scope.clone(), load.is_ready() && wanted),
            wait,
            move |(scope, ready)| {
                if *ready {
                    crate::timing::measured("concord:distinctive", || find(&engine, scope))
                } else {
                    Vec::new()
                }
            },
        )
        .unwrap_or_default()
    };
    if !wanted {
        let docs = Need::of_statements(&engine.index(), target(&engine, &props.scope))
            .docs
            .len();
        let ask = {
            let (asked, scope) = (asked.clone(), props.scope.clone());
            Callback::from(move |_: MouseEvent| asked.set(Some(scope.clone())))
        };
        return html! {
            <aside class="distinctive" aria-label="Distinctive terms of these results">
                <button type="button" class="find-distinctive" onclick={ask}>
                    { format!("Find the distinctive terms of these results (reads {})", format::count(docs, "document", "documents")) }
                </button>
            </aside>
        };
    }
    if !matches!(load, Load::Ready) {
        return html! { <Loading {load} what="the distinctive terms" /> };
    }
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
                    let word = engine.index().words[k.word as usize].0.clone();
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
