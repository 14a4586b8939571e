//! The engine in context: the corpus compiled into the app, its index and formulations
//! ([`Engine`], decoded once by [`crate::data`]), and the results of a search ([`Found`]).

use concord_core::{Corpus, Formula, Index, Query, Results, Searcher, Sort};
use std::cell::{Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// The corpus with its search index (shared through context).
///
/// Embedded, everything is there from the start. Sharded ([`crate::data`]), the corpus's
/// text, the postings and the formulations are loaded as views need them: the engine is
/// filled in place (so its parts sit in `RefCell`s), between renders, never during one.
/// Views borrow it with [`Engine::corpus`], [`Engine::index`] and [`Engine::read`].
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) corpus: Rc<RefCell<Corpus>>,
    pub(crate) index: Rc<RefCell<Index>>,
    /// The corpus's recurring phrases, found at build time; empty until loaded.
    pub(crate) formulas: Rc<RefCell<Rc<Vec<Formula>>>>,
    /// The fetcher of a sharded corpus, and what of it is loaded; `None` embedded.
    pub(crate) sharded: Option<Rc<crate::data::sharded::Sharded>>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &other.corpus) && Rc::ptr_eq(&self.index, &other.index)
    }
}

/// The engine borrowed for a computation.
pub struct Read<'e> {
    pub corpus: Ref<'e, Corpus>,
    pub index: Ref<'e, Index>,
}

impl Read<'_> {
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher::new(&self.corpus, &self.index)
    }
}

impl Engine {
    pub fn new(corpus: Corpus, index: Index, formulas: Vec<Formula>) -> Engine {
        Engine {
            corpus: Rc::new(RefCell::new(corpus)),
            index: Rc::new(RefCell::new(index)),
            formulas: Rc::new(RefCell::new(Rc::new(formulas))),
            sharded: None,
        }
    }

    /// Whether the corpus is sharded (loaded as views need it).
    pub fn is_sharded(&self) -> bool {
        self.sharded.is_some()
    }

    pub fn corpus(&self) -> Ref<'_, Corpus> {
        self.corpus.borrow()
    }

    pub fn index(&self) -> Ref<'_, Index> {
        self.index.borrow()
    }

    pub fn formulas(&self) -> Rc<Vec<Formula>> {
        self.formulas.borrow().clone()
    }

    /// The corpus and the index, borrowed together (for a [`Searcher`]).
    pub fn read(&self) -> Read<'_> {
        Read {
            corpus: self.corpus(),
            index: self.index(),
        }
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
    let read = engine.read();
    let query = read.index.parse_typed(&search.q);
    let sort: Sort = search.sort.for_query(&query);
    let results = crate::timing::measured("concord:results", || {
        read.searcher().search(&query, &search.filters, sort)
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

/// Opens the corpus once ([`crate::data::open`]) and provides it; until it is open, the
/// page's "Loading the corpus…" stays; when it cannot be, shows why instead of its children.
#[function_component(EngineProvider)]
pub fn engine_provider(props: &EngineProviderProps) -> Html {
    // Embedded, the engine is there at the first render; sharded, once fetched.
    let engine = use_state(|| {
        crate::data::sharded_names()
            .is_none()
            .then(crate::data::engine)
    });
    {
        let engine = engine.clone();
        use_effect_with((), move |()| {
            if engine.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    engine.set(Some(crate::data::open().await));
                });
            }
        });
    }
    match engine.as_ref() {
        // As index.html has it until the app starts (which clears the page).
        None => html! {
            <div id="loading" role="status" aria-live="polite">
                <p>{ "Loading the corpus…" }</p>
                <div class="bar" aria-hidden="true"><span></span></div>
            </div>
        },
        Some(Ok(engine)) => html! {
            <ContextProvider<Engine> context={engine.clone()}>
                { props.children.clone() }
            </ContextProvider<Engine>>
        },
        Some(Err(message)) => {
            // The page's "Loading the corpus…" (index.html) gives way to the message.
            if let Some(el) = gloo::utils::document().get_element_by_id("loading") {
                el.remove();
            }
            html! {
                <main id="main" class="fatal">
                    <h1>{ "Concord cannot start" }</h1>
                    <p>{ message.clone() }</p>
                </main>
            }
        }
    }
}
