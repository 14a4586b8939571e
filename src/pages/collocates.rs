//! Collocates (`view=collocates`): the words that keep company with the query's terms
//! within `window` words (1–5, never across a statement's edge), under the current filters,
//! ranked by log-likelihood, logDice or MI (`rank=`), with their counts; each links to the
//! concordance of the pair. The statistics are the core's
//! ([`concord_core::aggregate::collocates`]).

use crate::components::export::{CsvLink, Table};
use crate::components::loading::Loading;
use crate::components::{Link, ViewTabs};
use crate::context::Engine;
use crate::context::{use_engine, Found};
use crate::format;
use crate::hooks::{use_loaded, use_streamed, Fold, Same};
use crate::route::params::{title_of, RANKS};
use crate::route::{Action, Route};
use concord_core::aggregate::collocates::{Collocates, Windows, WINDOW_MAX};
use concord_core::shard::Need;
use concord_core::Filters;
use std::rc::Rc;
use yew::prelude::*;

/// Collocates listed at most.
pub const LIMIT: usize = 50;

#[derive(Properties, PartialEq)]
pub struct CollocatesProps {
    pub route: Route,
    pub found: Found,
}

/// The statements the collocates of `found` count: those matching its query that pass
/// `filters`, ascending; and whether those are every statement of the corpus.
fn counted(engine: &Engine, found: &Found, filters: &Filters) -> (Vec<u32>, bool) {
    let read = engine.read();
    let searcher = read.searcher();
    let whole =
        (0..read.index.statements.len() as u32).all(|s| searcher.passes_filters(filters, s));
    // Without a query there are no windows: no statement is read.
    if found.query.expr.is_none() {
        return (Vec::new(), whole);
    }
    (searcher.matching(&found.query, filters), whole)
}

/// The windows of a query (`window` words on either side) in the statements counted, and
/// whether those are the whole corpus: read a block at a time in a sharded corpus
/// ([`use_streamed`]; a common word's statements are most of the corpus).
#[derive(Clone, PartialEq)]
struct Windowed {
    found: Found,
    filters: Filters,
    window: u8,
}

impl Fold for Windowed {
    type Out = (Windows, bool);
    const MARK: &'static str = "concord:collocates";

    fn start(&self, engine: &Engine) -> (Vec<u32>, (Windows, bool)) {
        let (statements, whole) = counted(engine, &self.found, &self.filters);
        (statements, (Windows::default(), whole))
    }

    fn add(&self, engine: &Engine, out: &mut (Windows, bool), block: &[u32]) {
        let read = engine.read();
        read.searcher().add_windows(
            &mut out.0,
            &self.found.query,
            block.iter().copied(),
            usize::from(self.window),
        );
    }
}

#[function_component(CollocatesView)]
pub fn collocates_view(props: &CollocatesProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let found = &props.found;
    // The node's windows in the statements counted (read a block at a time in a sharded
    // corpus), then (when the filters leave some statements out) the postings of the
    // candidates, whose uses in those statements rank them.
    let windows = use_streamed(
        &engine,
        Windowed {
            found: found.clone(),
            filters: route.search.filters.clone(),
            window: route.window,
        },
    );
    // Every hook is called on every render (a debug build checks it), whatever is ready.
    let ready = Same::of(&windows);
    let load = {
        let ready = ready.clone();
        let key = (found.clone(), route.search.filters.clone(), route.window);
        use_loaded(key, move |_| match &ready {
            Some(w) => Need::of_collocates(&w.0 .0, w.0 .1),
            None => Need::default(),
        })
    };
    let col: Rc<Option<Collocates>> = {
        let engine = engine.clone();
        use_memo(
            (
                ready,
                load.is_ready(),
                found.clone(),
                route.search.filters.clone(),
                route.rank,
            ),
            move |(windows, loaded, found, filters, rank)| {
                let windows = windows.as_ref().filter(|_| *loaded)?.0.clone();
                Some({
                    crate::timing::measured("concord:collocates-rank", || {
                        let read = engine.read();
                        let searcher = read.searcher();
                        searcher.rank_collocates(
                            &found.query,
                            &windows.0,
                            |s| searcher.passes_filters(filters, s),
                            *rank,
                            LIMIT,
                        )
                    })
                })
            },
        )
    };
    let table = {
        let col = col.clone();
        use_memo(col, |col| {
            Rc::new(Table {
                columns: Table::names(&[
                    "collocate",
                    "co-occurrences",
                    "total",
                    "log-likelihood",
                    "MI",
                    "logDice",
                ]),
                rows: col
                    .iter()
                    .flat_map(|c| &c.list)
                    .map(|c| {
                        vec![
                            c.written.clone(),
                            c.count.to_string(),
                            c.total.to_string(),
                            format::tenths(c.g2),
                            format::tenths(c.mi),
                            format::tenths(c.log_dice),
                        ]
                    })
                    .collect(),
            })
        })
    };
    if let Err(load) = windows {
        return html! {
            <section class="collocates" aria-labelledby="collocates-title">
                <h1 id="collocates-title" tabindex="-1">{ "Collocates" }</h1>
                <ViewTabs route={route.clone()} />
                <Loading {load} what="the statements of the query" unit="statements" doing="Reading" />
            </section>
        };
    }
    let Some(col) = col.as_ref() else {
        return html! {
            <section class="collocates" aria-labelledby="collocates-title">
                <h1 id="collocates-title" tabindex="-1">{ "Collocates" }</h1>
                <ViewTabs route={route.clone()} />
                <Loading {load} what="the collocates' counts" />
            </section>
        };
    };
    let window_link = |w: u8| {
        html! {
            <Link to={route.apply(Action::Window(w))} current={route.window == w} stay=true>{ w.to_string() }</Link>
        }
    };
    let rank_link = |r| {
        html! {
            <Link to={route.apply(Action::Rank(r))} current={route.rank == r} stay=true>{ title_of(RANKS, r) }</Link>
        }
    };
    let q = route.search.q.trim().to_string();
    html! {
        <section class="collocates" aria-labelledby="collocates-title">
            <h1 id="collocates-title" tabindex="-1">{ "Collocates" }</h1>
            <ViewTabs route={route.clone()} />
            if found.query.legend.is_empty() {
                <p class="empty" role="status">{ "Type a word or phrase: its collocates are the words found near it more often than chance would have them." }</p>
            } else {
                <p class="status" role="status">
                    { format!(
                        "{} of “{q}” within {} on either side, in {} ({}){}.",
                        format::count(col.list.len(), "collocate", "collocates"),
                        format::count(usize::from(route.window), "word", "words"),
                        format::count(col.statements, "statement", "statements"),
                        format::count(col.node, "occurrence", "occurrences"),
                        if route.search.filtered() { " under the current filters" } else { "" }
                    ) }
                </p>
                <div class="bar">
                    <nav class="toggle" aria-label="Words on either side">
                        <span class="toggle-label">{ "Window: " }</span>
                        { for (1..=WINDOW_MAX as u8).map(window_link) }
                    </nav>
                    <nav class="toggle" aria-label="Order of collocates">
                        <span class="toggle-label">{ "Ranked by: " }</span>
                        { for RANKS.iter().map(|r| rank_link(r.value)) }
                    </nav>
                    <CsvLink id="csv-collocates" name={format!("collocates-{}", concord_core::text::slug_in(&q, Some(&engine.index().fold)))} label="the collocates" table={(*table).clone()} />
                </div>
                <p class="detail">{ "Content words within the window of each occurrence, never across a statement's edge. Log-likelihood: how sure the company is; MI: how exclusive (it favours rare words); logDice: how typical (14 at most)." }</p>
                if !col.list.is_empty() {
                    <div class="table-scroll" tabindex="0" role="group" aria-label="Collocates (the table scrolls sideways on narrow screens)">
                    <table class="collocate-table">
                        <caption class="sr-only">{ format!("Collocates of “{q}”") }</caption>
                        <thead><tr>
                            <th scope="col">{ "Collocate" }</th>
                            <th scope="col" class="n">{ "Together" }</th>
                            <th scope="col" class="n">{ "In all" }</th>
                            <th scope="col" class="n">{ "Log-likelihood" }</th>
                            <th scope="col" class="n">{ "MI" }</th>
                            <th scope="col" class="n">{ "logDice" }</th>
                            <th scope="col">{ "Lines" }</th>
                        </tr></thead>
                        <tbody>
                            { for col.list.iter().map(|c| {
                                let word = &engine.index().words[c.word as usize].0;
                                let pair = route.apply(Action::KwicOf(format!("{q} {word}")));
                                html! {
                                    <tr data-collocate={c.written.clone()} data-count={c.count.to_string()}>
                                        <th scope="row">{ c.written.clone() }</th>
                                        <td class="n">{ c.count }</td>
                                        <td class="n">{ c.total }</td>
                                        <td class="n">{ format::tenths(c.g2) }</td>
                                        <td class="n">{ format::tenths(c.mi) }</td>
                                        <td class="n">{ format::tenths(c.log_dice) }</td>
                                        <td><Link to={pair} label={AttrValue::from(format!("KWIC of “{q}” with “{}”", c.written))}>{ "KWIC" }</Link></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    </div>
                } else {
                    <p class="empty">{ format!("No word is found near it at least {} times.", concord_core::aggregate::collocates::MIN_COOCCURRENCES) }</p>
                }
            }
        </section>
    }
}
