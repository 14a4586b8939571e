//! Two sets compared (`view=sets&a=…&b=…`): each set is a search with its filters, written
//! as the list's own query string. The view shows what sets A apart from B and B from A —
//! distinctive terms, terms of one set only, formulations of one set or both, distinctive
//! speakers and countries — and, for the word or phrase typed in the search box, its use in
//! each set over time and its collocates in each, side by side. Every table exports as CSV.
//! The statistics are the core's ([`concord_core::compare::sets`],
//! [`concord_core::aggregate::collocates`]).

use crate::components::export::{CsvLink, Table};
use crate::components::loading::Loading;
use crate::components::marked::term_class;
use crate::components::trends::trend_chart;
use crate::components::Link;
use crate::context::{use_engine, Engine};
use crate::format;
use crate::hooks::{use_deferred, use_streamed, Fold, Same};
use crate::route::params::{name_of, FACETS};
use crate::route::{Action, Route, Search};
use concord_core::aggregate::collocates::{
    difference, stem_uses, Difference, Rank, Windows, WINDOW_DEFAULT,
};
use concord_core::compare::keyness::{Counts, Key};
use concord_core::compare::sets::{compare_counted, formulas_in, formulas_of, Distinct, Sets};
use concord_core::{Facet, Trend};
use std::rc::Rc;
use yew::prelude::*;

/// Terms, speakers and countries listed a side, at most.
const LIMIT: usize = 25;
/// Collocates of the term read in each set for their difference.
const COLLOCATES: usize = 40;

/// Both sets' statements (ascending) and their comparison, once set B is chosen.
type Compared = Rc<Option<(Vec<u32>, Vec<u32>, Sets)>>;

/// Both sets' statements (ascending), once set B is chosen: computed once, shared by the
/// reads below by identity.
type Chosen = Same<Option<(Vec<u32>, Vec<u32>)>>;

/// Both sets' words counted (each statement of either read once, a block at a time in a
/// sharded corpus; one in both counts in both), and the windows of the term typed when the
/// sets were chosen, traced in the same pass. Equal when the sets are: a term typed later
/// is traced apart ([`Traced`]), without counting the sets again.
#[derive(Clone)]
struct Counted {
    sets: Chosen,
    term: String,
}

impl PartialEq for Counted {
    fn eq(&self, other: &Self) -> bool {
        self.sets == other.sets
    }
}

/// Each set's words: their counts (content words, for the comparison), every stem's uses
/// (for the collocates of a term traced in both, without the candidates' postings), and
/// the term's windows in each set (the term it was read with).
struct SetWords {
    counts: [Counts; 2],
    uses: [Vec<u32>; 2],
    term: String,
    windows: Option<[Windows; 2]>,
    /// The statements of either set that have the term (ascending).
    traced: Vec<u32>,
}

impl Fold for Counted {
    type Out = Option<SetWords>;
    const MARK: &'static str = "concord:sets";

    fn start(&self, engine: &Engine) -> (Vec<u32>, Self::Out) {
        let Some((a, b)) = self.sets.0.as_ref() else {
            return (Vec::new(), None);
        };
        let index = engine.index();
        let traced = term_statements(engine, &self.term, a, b);
        let words = SetWords {
            counts: [Counts::new(&index), Counts::new(&index)],
            uses: [vec![0; index.stem_count()], vec![0; index.stem_count()]],
            term: self.term.clone(),
            windows: traced.as_ref().map(|_| Default::default()),
            traced: traced.unwrap_or_default(),
        };
        (union(a, b), Some(words))
    }

    fn add(&self, engine: &Engine, out: &mut Self::Out, block: &[u32]) {
        let (Some((a, b)), Some(words)) = (self.sets.0.as_ref(), out) else {
            return;
        };
        {
            let index = engine.index();
            let sets = [a, b].into_iter().zip(words.counts.iter_mut());
            for ((set, counts), uses) in sets.zip(words.uses.iter_mut()) {
                let inside = || {
                    block
                        .iter()
                        .copied()
                        .filter(|s| set.binary_search(s).is_ok())
                };
                counts.add(&index, inside());
                stem_uses(&index, uses, inside());
            }
        }
        if let Some(windows) = &mut words.windows {
            let traced: Vec<u32> = block
                .iter()
                .copied()
                .filter(|s| words.traced.binary_search(s).is_ok())
                .collect();
            add_term_windows(engine, &self.term, [a, b], windows, &traced);
        }
    }
}

/// The windows of a term typed after the sets were chosen, in each set (its statements in
/// either read once, a block at a time in a sharded corpus).
#[derive(Clone, PartialEq)]
struct Traced {
    sets: Chosen,
    q: String,
}

impl Fold for Traced {
    type Out = Option<[Windows; 2]>;
    const MARK: &'static str = "concord:sets-term";

    fn start(&self, engine: &Engine) -> (Vec<u32>, Self::Out) {
        let Some((a, b)) = self.sets.0.as_ref() else {
            return (Vec::new(), None);
        };
        match term_statements(engine, &self.q, a, b) {
            Some(traced) => (traced, Some(Default::default())),
            None => (Vec::new(), None),
        }
    }

    fn add(&self, engine: &Engine, out: &mut Self::Out, block: &[u32]) {
        let (Some((a, b)), Some(windows)) = (self.sets.0.as_ref(), out) else {
            return;
        };
        add_term_windows(engine, &self.q, [a, b], windows, block);
    }
}

/// The statements of set `a` or `b` that have the term `q` (ascending); `None` when `q`
/// has no term to trace.
fn term_statements(engine: &Engine, q: &str, a: &[u32], b: &[u32]) -> Option<Vec<u32>> {
    let query = engine.index().parse(q);
    let expr = query.expr.as_ref().filter(|_| !query.legend.is_empty())?;
    let read = engine.read();
    let mut matching = read.searcher().eval(expr);
    matching.retain(|s| a.binary_search(s).is_ok() || b.binary_search(s).is_ok());
    Some(matching)
}

/// Adds the windows of the term `q` in statements `block` (that have it) to each set's.
fn add_term_windows(
    engine: &Engine,
    q: &str,
    sets: [&[u32]; 2],
    windows: &mut [Windows; 2],
    block: &[u32],
) {
    let query = engine.index().parse(q);
    let read = engine.read();
    for (set, windows) in sets.into_iter().zip(windows.iter_mut()) {
        read.searcher().add_windows(
            windows,
            &query,
            block
                .iter()
                .copied()
                .filter(|s| set.binary_search(s).is_ok()),
            WINDOW_DEFAULT,
        );
    }
}

/// The statements of `a` or `b` (both ascending), ascending, each once.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[derive(Properties, PartialEq)]
pub struct SetsProps {
    pub route: Route,
}

/// The statements of a set's search, ascending.
fn statements(engine: &Engine, set: &Search) -> Vec<u32> {
    let query = engine.index().parse(&set.q);
    engine.read().searcher().matching(&query, &set.filters)
}

/// A set's search in words: its query and filters.
pub fn describe(engine: &Engine, set: &Search) -> String {
    let mut parts: Vec<String> = Vec::new();
    if set.has_query() {
        parts.push(format!("“{}”", set.q.trim()));
    }
    for facet in Facet::ALL {
        let list = set.filters.list(facet);
        if !list.is_empty() {
            let names: Vec<String> = list
                .iter()
                .map(|v| match facet {
                    Facet::Speaker => engine.corpus().speaker_id_name(v).to_string(),
                    Facet::Country => engine.corpus().country_name(v).to_string(),
                    Facet::Kind => format::kind(v),
                    Facet::Stance => format::stance(v),
                    Facet::Source => v.clone(),
                })
                .collect();
            parts.push(format!(
                "{}: {}",
                name_of(FACETS, facet),
                names.join(" or ")
            ));
        }
    }
    match (set.filters.from, set.filters.to) {
        (Some(a), Some(b)) if a == b => parts.push(a.to_string()),
        (Some(a), Some(b)) => parts.push(format!("{a} to {b}")),
        (Some(a), None) => parts.push(format!("from {a}")),
        (None, Some(b)) => parts.push(format!("to {b}")),
        (None, None) => {}
    }
    if parts.is_empty() {
        "every statement".into()
    } else {
        parts.join(" · ")
    }
}

#[function_component(SetsView)]
pub fn sets_view(props: &SetsProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let a = route.a.clone().unwrap_or_default();
    let b = route.b.clone();
    // The two sets' statements (their searches' postings are the view's need), then their
    // words counted (read a block at a time in a sharded corpus), then their comparison.
    let chosen: Chosen = {
        let engine = engine.clone();
        Same(use_memo((a.clone(), b.clone()), move |(a, b)| {
            let b = b.as_ref()?;
            Some((statements(&engine, a), statements(&engine, b)))
        }))
    };
    let counted = use_streamed(
        &engine,
        Counted {
            sets: chosen.clone(),
            term: route.search.q.clone(),
        },
    );
    let compared: Compared = {
        let engine = engine.clone();
        let counted = Same::of(&counted);
        use_memo((chosen.clone(), counted), move |(chosen, counted)| {
            let (sa, sb) = chosen.0.as_ref().as_ref()?;
            let [ca, cb] = &counted.as_ref()?.0.as_ref().as_ref()?.counts;
            Some(crate::timing::measured("concord:sets-compare", || {
                let sets = compare_counted(&engine.index(), (sa, ca), (sb, cb), LIMIT);
                (sa.clone(), sb.clone(), sets)
            }))
        })
    };
    // The term typed: its trend in each set (from its postings) and its collocates in
    // each: their windows (read a block at a time in a sharded corpus), ranked by the
    // candidates' uses in each set (counted with the sets' words).
    let trend: Rc<Option<Trend>> = {
        let engine = engine.clone();
        use_memo(
            (chosen.clone(), route.search.q.clone()),
            move |(chosen, q)| {
                let (sa, sb) = chosen.0.as_ref().as_ref()?;
                let query = engine.index().parse(q);
                if query.legend.is_empty() {
                    return None;
                }
                let read = engine.read();
                Some(read.searcher().trend_of_sets(&query, [sa, sb]))
            },
        )
    };
    // A term other than the one the sets' words were read with: read once those are (one
    // read at a time: both would hold a block's text at once, and each other's loads drop
    // the other's blocks).
    let nothing: Chosen = Same(use_memo((), |_| None));
    let read_with = counted
        .as_ref()
        .ok()
        .and_then(|c| c.as_ref().as_ref())
        .map(|w| w.term.clone());
    let windowed = use_streamed(
        &engine,
        Traced {
            sets: match &read_with {
                Some(term) if *term != route.search.q => chosen.clone(),
                _ => nothing,
            },
            q: route.search.q.clone(),
        },
    );
    // Ranked by each candidate's uses in each set, counted as the sets' words were read.
    let collocated: Rc<Option<Vec<Difference>>> = {
        let engine = engine.clone();
        use_memo(
            (
                chosen.clone(),
                Same::of(&counted),
                Same::of(&windowed),
                route.search.q.clone(),
            ),
            move |(chosen, counted, traced, q)| {
                let (sa, sb) = chosen.0.as_ref().as_ref()?;
                let words = counted.as_ref()?.0.as_ref().as_ref()?;
                let [wa, wb] = if words.term == *q {
                    words.windows.as_ref()?
                } else {
                    traced.as_ref()?.0.as_ref().as_ref()?
                };
                let query = engine.index().parse(q);
                let read = engine.read();
                let searcher = read.searcher();
                let of = |set: &[u32], windows: &Windows, uses: &[u32]| {
                    searcher.rank_collocates_with(
                        &query,
                        windows,
                        |s| set.binary_search(&s).is_ok(),
                        |k| uses[k as usize] as usize,
                        Rank::LogDice,
                        COLLOCATES,
                    )
                };
                Some(difference(
                    &of(sa, wa, &words.uses[0]),
                    &of(sb, wb, &words.uses[1]),
                ))
            },
        )
    };
    let set_card = |which: &str, set: Option<&Search>, size: Option<(usize, usize)>| {
        let name = which.to_ascii_uppercase();
        html! {
            <div class="set" data-set={which.to_string()}>
                <h2>{ format!("Set {name}") }</h2>
                if let Some(set) = set {
                    <p class="set-search">{ describe(&engine, set) }</p>
                    if let Some((n, docs)) = size {
                        <p class="detail">{ format!("{} in {}", format::count(n, "statement", "statements"), format::count(docs, "document", "documents")) }</p>
                    }
                    <Link to={route.apply(Action::ShowSet(set.clone()))}>{ "Show in the list" }</Link>
                    if which == "b" {
                        { " · " }<Link to={route.apply(Action::ChangeB)}>{ "Change set B" }</Link>
                    }
                } else {
                    <p>{ "Not chosen yet. " }<Link to={route.apply(Action::ChangeB)}>{ "Choose set B in the list" }</Link>{ ": search and filter, then “Compare set A with this”." }</p>
                }
            </div>
        }
    };
    let Some((_, _, sets)) = compared.as_ref() else {
        // Set B not chosen yet, or both sets' words still being read (or not readable).
        return html! {
            <section class="sets" aria-labelledby="sets-title">
                <h1 id="sets-title" tabindex="-1">{ "Two sets compared" }</h1>
                <div class="set-cards">
                    { set_card("a", Some(&a), None) }
                    { set_card("b", b.as_ref(), None) }
                </div>
                if let (Some(_), Err(load)) = (&b, &counted) {
                    <Loading load={load.clone()} what="the statements of both sets" unit="statements" doing="Reading" />
                }
            </section>
        };
    };
    let b = b.unwrap_or_default();
    let term = route.search.q.trim().to_string();
    html! {
        <section class="sets" aria-labelledby="sets-title">
            <h1 id="sets-title" tabindex="-1">{ "Two sets compared" }</h1>
            <div class="set-cards">
                { set_card("a", Some(&a), Some((sets.a.statements, sets.a.documents))) }
                { set_card("b", Some(&b), Some((sets.b.statements, sets.b.documents))) }
            </div>
            <p class="status" role="status">
                { format!(
                    "Set A: {}; set B: {}{}.",
                    format::count(sets.a.statements, "statement", "statements"),
                    format::count(sets.b.statements, "statement", "statements"),
                    if sets.shared > 0 {
                        format!("; {} in both (they count in both)", format::count(sets.shared, "statement is", "statements are"))
                    } else {
                        String::new()
                    }
                ) }
                { " " }<Link to={route.apply(Action::SwapSets)} stay=true>{ "Swap A and B" }</Link>
            </p>
            <KeyTerms route={route.clone()} sets={compared.clone()} />
            <OnlyTerms sets={compared.clone()} />
            <Formulations sets={compared.clone()} />
            <Distinctive sets={compared.clone()} speakers=true />
            <Distinctive sets={compared.clone()} speakers=false />
            <section class="set-term" aria-labelledby="set-term-title">
                <h2 id="set-term-title">{ if term.is_empty() { "A term in both sets".to_string() } else { format!("“{term}” in both sets") } }</h2>
                if let Some(trend) = trend.as_ref() {
                    <p class="detail">{ "Lines: " }
                        <span class={classes!("swatch", term_class(0))}>{ "set A" }</span>{ " and " }
                        <span class={classes!("swatch", term_class(1))}>{ "set B" }</span>
                        { ", each per 10,000 of its own words." }
                    </p>
                    { trend_chart(trend, &|k| if k == 0 { "Set A".to_string() } else { "Set B".to_string() }, &format!("“{term}” over time"), "set-trend-title") }
                    if let Some(diff) = collocated.as_ref() {
                        <CollocateDifference term={term.clone()} rows={Rc::new(diff.clone())} />
                    } else if let Err(load) = &windowed {
                        <Loading load={load.clone()} what="the statements of the term" unit="statements" doing="Reading" />
                    }
                } else {
                    <p class="detail">{ "Type a word or phrase in the search box (or choose a term above) to trace it in both sets: its use over time, per 10,000 words of each set, and the words it keeps company with in each." }</p>
                }
            </section>
        </section>
    }
}

/// The CSV of a list of distinctive terms.
fn key_table(engine: &Engine, keys: &[Key]) -> Table {
    Table {
        columns: Table::names(&[
            "term",
            "uses here",
            "uses in the other set",
            "log-likelihood",
            "log ratio",
        ]),
        rows: keys
            .iter()
            .map(|k| {
                vec![
                    engine.index().words[k.word as usize].0.clone(),
                    k.target.to_string(),
                    k.rest.to_string(),
                    format::tenths(k.g2),
                    format::tenths(k.log_ratio),
                ]
            })
            .collect(),
    }
}

#[derive(Properties, PartialEq)]
struct SetsPart {
    sets: Compared,
}

#[derive(Properties, PartialEq)]
struct KeyTermsProps {
    route: Route,
    sets: Compared,
}

/// Distinctive terms of A against B and of B against A.
#[function_component(KeyTerms)]
fn key_terms(props: &KeyTermsProps) -> Html {
    let engine = use_engine();
    let Some((_, _, sets)) = props.sets.as_ref() else {
        return html! {};
    };
    let column = |which: &'static str, keys: &[Key]| {
        let table = Rc::new(key_table(&engine, keys));
        html! {
            <div class="set-column">
                <h3>{ format!("Set {}", which.to_ascii_uppercase()) }
                    <CsvLink id={format!("csv-terms-{which}")} name={format!("distinctive-terms-{which}")} label={format!("the distinctive terms of set {}", which.to_ascii_uppercase())} {table} />
                </h3>
                if keys.is_empty() {
                    <p class="detail">{ "None." }</p>
                } else {
                    <ol class="terms">
                        { for keys.iter().map(|k| {
                            let word = engine.index().words[k.word as usize].0.clone();
                            let title = format!("{} uses here, {} in the other set; log-likelihood {}, {}× as frequent (log ratio {})",
                                k.target, k.rest, format::tenths(k.g2), format::tenths(k.log_ratio.exp2()), format::tenths(k.log_ratio));
                            html! {
                                <li data-term-of={which} title={title}>
                                    <Link to={props.route.apply(Action::Type(word.clone()))} stay=true>{ word }</Link>
                                    <span class="n">{ format!(" {}", k.target) }</span>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </div>
        }
    };
    html! {
        <section class="set-terms" aria-labelledby="set-terms-title">
            <h2 id="set-terms-title">{ "Distinctive terms" }</h2>
            <p class="detail">{ "Words one set uses more than the other (log-likelihood ≥ 6.63, p < 0.01), the strongest first; hover for the counts and log ratio. Choose one to trace it in both sets." }</p>
            <div class="set-columns">
                { column("a", &sets.a.keys) }
                { column("b", &sets.b.keys) }
            </div>
        </section>
    }
}

/// Terms of one set only.
#[function_component(OnlyTerms)]
fn only_terms(props: &SetsPart) -> Html {
    let engine = use_engine();
    let Some((_, _, sets)) = props.sets.as_ref() else {
        return html! {};
    };
    let column = |which: &'static str, only: &[(u32, u32, usize)]| {
        let word = |w: u32| engine.index().words[w as usize].0.clone();
        let table = Rc::new(Table {
            columns: Table::names(&["term", "uses"]),
            rows: only
                .iter()
                .map(|&(_, w, n)| vec![word(w), n.to_string()])
                .collect(),
        });
        html! {
            <div class="set-column">
                <h3>{ format!("Only in set {}", which.to_ascii_uppercase()) }
                    <CsvLink id={format!("csv-only-{which}")} name={format!("only-in-{which}")} label={format!("the terms only in set {}", which.to_ascii_uppercase())} {table} />
                </h3>
                if only.is_empty() {
                    <p class="detail">{ "None." }</p>
                } else {
                    <ul class="terms flow">
                        { for only.iter().map(|&(_, w, n)| html! {
                            <li data-only-in={which}>{ word(w) }<span class="n">{ format!(" {n}") }</span></li>
                        }) }
                    </ul>
                }
            </div>
        }
    };
    html! {
        <section class="set-only" aria-labelledby="set-only-title">
            <h2 id="set-only-title">{ "Terms of one set only" }</h2>
            <p class="detail">{ format!("Content words used at least {} times in one set and never in the other.", concord_core::compare::keyness::MIN_USES) }</p>
            <div class="set-columns">
                { column("a", &sets.a.only) }
                { column("b", &sets.b.only) }
            </div>
        </section>
    }
}

/// Formulations used in A only, in both, in B only: found after the rest of the view
/// shows (it reads every formulation's uses), timed as `concord:sets-formulas`.
#[function_component(Formulations)]
fn formulations(props: &SetsPart) -> Html {
    let engine = use_engine();
    let uses = {
        let engine = engine.clone();
        use_deferred(props.sets.clone(), 0, move |sets: &Compared| {
            sets.as_ref().as_ref().map(|(sa, sb, _)| {
                crate::timing::measured("concord:sets-formulas", || {
                    formulas_in(&engine.read().searcher(), &engine.formulas(), sa, sb)
                })
            })
        })
    };
    let Some(uses) = uses.as_deref().and_then(Option::as_ref) else {
        return html! {
            <section class="set-formulas" aria-labelledby="set-formulas-title" aria-busy="true">
                <h2 id="set-formulas-title">{ "Formulations" }</h2>
                <p class="detail">{ "Counting the formulations in both sets…" }</p>
            </section>
        };
    };
    let name = |f: u32| engine.formulas()[f as usize].surface.clone();
    let table = Rc::new(Table {
        columns: Table::names(&["formulation", "uses in A", "uses in B"]),
        rows: uses
            .iter()
            .map(|f| vec![name(f.formula), f.a.to_string(), f.b.to_string()])
            .collect(),
    });
    let column = |title: &str, which: &'static str, only_a: Option<bool>| {
        let list: Vec<_> = formulas_of(uses, only_a).take(LIMIT).collect();
        html! {
            <div class="set-column">
                <h3>{ title.to_string() }</h3>
                if list.is_empty() {
                    <p class="detail">{ "None." }</p>
                } else {
                    <ul class="formulas-in-sets">
                        { for list.iter().map(|f| html! {
                            <li data-formula-in={which} data-a={f.a.to_string()} data-b={f.b.to_string()}>
                                { name(f.formula) }
                                <span class="n">{ match only_a {
                                    Some(true) => format!(" {}", f.a),
                                    Some(false) => format!(" {}", f.b),
                                    None => format!(" {} · {}", f.a, f.b),
                                } }</span>
                            </li>
                        }) }
                    </ul>
                }
            </div>
        }
    };
    html! {
        <section class="set-formulas" aria-labelledby="set-formulas-title">
            <h2 id="set-formulas-title">{ "Formulations" }
                <CsvLink id="csv-formulations" name="formulations-in-sets" label="the formulations of both sets" {table} />
            </h2>
            <p class="detail">{ "The corpus's formulations (see Formulations) by the sets that use them, with their uses." }</p>
            <div class="set-columns three">
                { column("Only in set A", "a", Some(true)) }
                { column("In both (A · B)", "both", None) }
                { column("Only in set B", "b", Some(false)) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DistinctiveProps {
    sets: Compared,
    /// Speakers, else countries.
    speakers: bool,
}

/// Speakers (or countries) that are a larger share of one set than of the other.
#[function_component(Distinctive)]
fn distinctive(props: &DistinctiveProps) -> Html {
    let engine = use_engine();
    let Some((_, _, sets)) = props.sets.as_ref() else {
        return html! {};
    };
    let (what, slug) = if props.speakers {
        ("Speakers", "speakers")
    } else {
        ("Countries", "countries")
    };
    let name = |v: u32| -> String {
        if props.speakers {
            let corpus = engine.corpus();
            corpus
                .speaker_name(corpus.people.get(v as usize).map(|_| v))
                .to_string()
        } else {
            let slug = &engine.index().countries[v as usize];
            engine.corpus().country_name(slug).to_string()
        }
    };
    let column = |which: &'static str, list: &[Distinct]| {
        let table = Rc::new(Table {
            columns: Table::names(&[
                if props.speakers { "speaker" } else { "country" },
                "statements here",
                "statements in the other set",
                "log-likelihood",
                "log ratio",
            ]),
            rows: list
                .iter()
                .map(|d| {
                    vec![
                        name(d.value),
                        d.here.to_string(),
                        d.there.to_string(),
                        format::tenths(d.g2),
                        format::tenths(d.log_ratio),
                    ]
                })
                .collect(),
        });
        html! {
            <div class="set-column">
                <h3>{ format!("Set {}", which.to_ascii_uppercase()) }
                    <CsvLink id={format!("csv-{slug}-{which}")} name={format!("{slug}-{which}")} label={format!("the distinctive {slug} of set {}", which.to_ascii_uppercase())} {table} />
                </h3>
                if list.is_empty() {
                    <p class="detail">{ "None." }</p>
                } else {
                    <ol class="terms">
                        { for list.iter().map(|d| html! {
                            <li data-of={which}>{ name(d.value) }<span class="n">{ format!(" {} · {}", d.here, d.there) }</span></li>
                        }) }
                    </ol>
                }
            </div>
        }
    };
    let (a, b) = if props.speakers {
        (&sets.a.speakers, &sets.b.speakers)
    } else {
        (&sets.a.countries, &sets.b.countries)
    };
    html! {
        <section class={format!("set-{slug}")} aria-labelledby={format!("set-{slug}-title")}>
            <h2 id={format!("set-{slug}-title")}>{ format!("Distinctive {}", slug) }</h2>
            <p class="detail">{ format!("{what} with a larger share of one set's statements than of the other's (log-likelihood ≥ 6.63); statements in this set · in the other{}.", if props.speakers { "" } else { ", by or about the country" }) }</p>
            <div class="set-columns">
                { column("a", a) }
                { column("b", b) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DifferenceProps {
    term: String,
    rows: Rc<Vec<Difference>>,
}

/// The term's collocates in A and in B by logDice, the most A-leaning first.
#[function_component(CollocateDifference)]
fn collocate_difference(props: &DifferenceProps) -> Html {
    let score = |x: Option<(f64, usize)>| {
        x.map_or("—".to_string(), |(d, n)| {
            format!("{} ({n})", format::tenths(d))
        })
    };
    let table = Rc::new(Table {
        columns: Table::names(&[
            "collocate",
            "logDice in A",
            "together in A",
            "logDice in B",
            "together in B",
        ]),
        rows: props
            .rows
            .iter()
            .map(|r| {
                let cell = |x: Option<(f64, usize)>| {
                    x.map_or((String::new(), "0".to_string()), |(d, n)| {
                        (format::tenths(d), n.to_string())
                    })
                };
                let (da, na) = cell(r.a);
                let (db, nb) = cell(r.b);
                vec![r.written.clone(), da, na, db, nb]
            })
            .collect(),
    });
    html! {
        <div class="collocate-difference">
            <h3>{ format!("Collocates of “{}” in A and B", props.term) }
                <CsvLink id="csv-collocates-ab" name="collocates-a-b" label="the collocates in both sets" {table} />
            </h3>
            <p class="detail">{ format!("logDice within {WINDOW_DEFAULT} words (uses together in brackets), the collocates stronger in A first, those stronger in B last.") }</p>
            if props.rows.is_empty() {
                <p class="detail">{ "No collocate in either set." }</p>
            } else {
                <div class="table-scroll" tabindex="0" role="group" aria-label="Collocates in both sets (the table scrolls sideways on narrow screens)">
                <table class="collocate-table">
                    <thead><tr>
                        <th scope="col">{ "Collocate" }</th><th scope="col" class="n">{ "Set A" }</th><th scope="col" class="n">{ "Set B" }</th>
                    </tr></thead>
                    <tbody>
                        { for props.rows.iter().map(|r| {
                            let lean = if r.lean() > 0.0 { "a" } else if r.lean() < 0.0 { "b" } else { "both" };
                            html! {
                                <tr data-collocate={r.written.clone()} data-lean={lean}>
                                    <th scope="row">{ r.written.clone() }</th>
                                    <td class="n">{ score(r.a) }</td>
                                    <td class="n">{ score(r.b) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </div>
    }
}
