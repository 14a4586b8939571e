//! The engine in context: the corpus compiled into the app, its index and formulations
//! ([`Engine`], decoded once by [`crate::data`]), and the results of a search ([`Found`]).

use concord_core::{Corpus, Formula, Index, Query, Results, Searcher, Sort};
use std::rc::Rc;
use yew::prelude::*;

/// A shared corpus; equal when it is the same corpus.
#[derive(Clone, Debug)]
pub struct CorpusRef(pub Rc<Corpus>);

impl PartialEq for CorpusRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for CorpusRef {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.0
    }
}

/// The corpus with its search index (shared through context).
#[derive(Clone, Debug)]
pub struct Engine {
    pub corpus: CorpusRef,
    pub index: Rc<Index>,
    /// The corpus's recurring phrases, found at build time.
    pub formulas: Rc<Vec<Formula>>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        self.corpus == other.corpus && Rc::ptr_eq(&self.index, &other.index)
    }
}

impl Engine {
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher::new(&self.corpus, &self.index)
    }
}

/// A search's parsed query and results; equal when they are the same computation.
#[derive(Clone)]
pub struct Found {
    pub query: Rc<Query>,
    pub results: Rc<Results>,
}

impl PartialEq for Found {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.results, &other.results) && Rc::ptr_eq(&self.query, &other.query)
    }
}

/// Runs a search (timed as `concord:results`), in the order [`Sort::for_query`] gives.
pub fn run(engine: &Engine, search: &crate::route::Search) -> Found {
    let query = engine.index.parse_typed(&search.q);
    let sort: Sort = search.sort.for_query(&query);
    let results = crate::timing::measured("concord:results", || {
        engine.searcher().search(&query, &search.filters, sort)
    });
    Found {
        query: Rc::new(query),
        results: Rc::new(results),
    }
}

/// The engine, from inside an [`EngineProvider`].
#[hook]
pub fn use_engine() -> Engine {
    use_context::<Engine>().expect("use_engine is called inside an EngineProvider")
}

#[derive(Properties, PartialEq)]
pub struct EngineProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Decodes the embedded corpus once and provides it; when it cannot be read, shows why
/// instead of its children.
#[function_component(EngineProvider)]
pub fn engine_provider(props: &EngineProviderProps) -> Html {
    let engine = use_memo((), |()| crate::data::engine());
    match engine.as_ref() {
        Ok(engine) => html! {
            <ContextProvider<Engine> context={engine.clone()}>
                { props.children.clone() }
            </ContextProvider<Engine>>
        },
        Err(message) => html! {
            <main id="main" class="fatal">
                <h1>{ "Concord cannot start" }</h1>
                <p>{ message.clone() }</p>
            </main>
        },
    }
}
