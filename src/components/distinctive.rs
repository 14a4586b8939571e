//! Distinctive terms (keyness, see `concord_core::compare::keyness`): of a document in the
//! reader, and of the current results against the rest of the corpus in the list. Each
//! term is a link that searches for it. A sharded corpus first reads the text of the
//! statements counted, a block at a time ([`use_streamed`]): for a document, already
//! there; for results, on request (a button says how many documents it reads), not behind
//! every key typed.

use super::Link;
use crate::components::loading::Loading;
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::hooks::{use_deferred, use_streamed, Fold, Same};
use crate::route::{Action, Route};
use concord_core::compare::keyness::{keyness, keyness_of, Counts, Key};
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

/// The words of a scope's statements counted, in a sharded corpus (`None`: nothing to
/// read, embedded or not asked for yet).
#[derive(Clone, PartialEq)]
struct Counted(Option<Scope>);

impl Fold for Counted {
    type Out = Option<Counts>;
    const MARK: &'static str = "concord:distinctive-read";

    fn start(&self, engine: &Engine) -> (Vec<u32>, Option<Counts>) {
        match &self.0 {
            Some(scope) => (target(engine, scope), Some(Counts::new(&engine.index()))),
            None => (Vec::new(), None),
        }
    }

    fn add(&self, engine: &Engine, out: &mut Option<Counts>, block: &[u32]) {
        if let Some(counts) = out {
            counts.add(&engine.index(), block.iter().copied());
        }
    }
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
    // Sharded, the results' terms are found when asked for (they read every result's
    // text, a block at a time).
    let asked = use_state(|| None::<Scope>);
    let sharded = engine.is_sharded();
    let wanted =
        !sharded || matches!(props.scope, Scope::Doc(_)) || asked.as_ref() == Some(&props.scope);
    let read = use_streamed(
        &engine,
        Counted((sharded && wanted).then(|| props.scope.clone())),
    );
    let keys: Rc<Vec<Key>> = {
        let engine = engine.clone();
        use_deferred(
            (props.scope.clone(), wanted, Same::of(&read)),
            wait,
            move |(scope, wanted, read)| {
                let counted = read.as_ref().and_then(|r| r.0.as_ref().as_ref());
                crate::timing::measured("concord:distinctive", || match counted {
                    _ if !wanted => Vec::new(),
                    // Sharded: the words counted as they were read.
                    Some(counts) => keyness_of(&engine.index(), counts, SHOWN),
                    None if !engine.is_sharded() => find(&engine, scope),
                    None => Vec::new(),
                })
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
    if let Err(load) = read {
        return html! { <Loading {load} what="the statements counted" unit="statements" doing="Reading" /> };
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
