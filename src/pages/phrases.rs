//! Formulations (`view=phrases`): the phrases the corpus repeats across documents, as
//! written, with their variants, how widespread each is, and who reused whom; first use and
//! every later use in date order (each quoted from its statement with the phrase marked),
//! counted under the current filters. Choosing a formulation searches for it (all its
//! variants). The most widespread can be hidden (`banal=`); the reuse network's nodes are
//! speakers, countries or sources (`net=`), drawn in SVG with a table beside it. The
//! network's geometry is [`crate::chart::network`].

use crate::chart::network::{self, H, W};
use crate::components::loading::Loading;
use crate::components::marked::marked;
use crate::components::{Link, ViewTabs};
use crate::context::{use_engine, Engine};
use crate::format;
use crate::hooks::use_loaded;
use crate::route::params::{title_of, BANALITY_STEPS, NETS};
use crate::route::{Action, Item, Route};
use concord_core::compare::formulas::reuse::{network, Network, NodeBy, Reuse};
use concord_core::compare::formulas::{table, Entry};
use concord_core::query::Query;
use concord_core::shard::Need;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhrasesProps {
    pub route: Route,
}

/// Most later uses listed under a formulation before "and N more".
const USES_SHOWN: usize = 50;
/// Words of a use's statement quoted around the phrase.
const QUOTE_WORDS: usize = 28;
/// Longest node label in the chart (the table has the whole name).
const LABEL_CHARS: usize = 22;

/// The formulations listed: those under the filters, less the hidden widespread ones, and
/// how many were hidden.
type Listed = Rc<(Vec<Entry>, usize)>;

#[function_component(PhrasesView)]
pub fn phrases_view(props: &PhrasesProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let all = {
        let engine = engine.clone();
        use_memo(route.search.filters.clone(), move |filters| {
            crate::timing::measured("concord:phrases", || {
                table(&engine.read().searcher(), &engine.formulas(), filters)
            })
        })
    };
    let listed: Listed = use_memo((all.clone(), route.banal), |(all, banal)| {
        let keep = |e: &&Entry| banal.is_none_or(|b| e.banality < b);
        let kept: Vec<Entry> = all.iter().filter(keep).cloned().collect();
        let hidden = all.len() - kept.len();
        (kept, hidden)
    });
    let net = {
        let engine = engine.clone();
        use_memo((listed.clone(), route.net), move |(listed, by)| {
            network(&engine.corpus(), &engine.index(), &listed.0, *by)
        })
    };
    // The text of each formulation's first use (a sharded corpus loads it now; the later
    // uses when they are opened).
    let first_uses = {
        let listed = listed.clone();
        use_loaded((route.search.filters.clone(), route.banal), move |e| {
            Need::of_statements(&e.index(), listed.0.iter().map(|x| x.uses[0].stmt))
        })
    };
    let entries = &listed.0;
    let filtered = route.search.filtered();
    let banal_toggle = |banal: Option<u8>| {
        let text = match banal {
            None => "Show all".to_string(),
            Some(b) => format!("Hide {b}% or more"),
        };
        html! {
            <Link to={route.apply(Action::HideBanal(banal))} current={route.banal == banal} stay=true>{ text }</Link>
        }
    };
    html! {
        <section class="phrases" aria-labelledby="phrases-title">
            <h1 id="phrases-title" tabindex="-1">{ "Formulations" }</h1>
            <ViewTabs route={route.clone()} />
            <p class="status" role="status">
                { format!(
                    "{} used in two or more documents{}{}.",
                    format::count(entries.len(), "formulation", "formulations"),
                    if filtered { " under the current filters" } else { "" },
                    match (route.banal, listed.1) {
                        (Some(b), n) => format!("; {} widespread {b}% or more hidden", format::count(n, "formulation", "formulations")),
                        (None, _) => String::new(),
                    }
                ) }
                <span class="detail">{ " Phrases of three or more words, variants grouped; choose one to search for it." }</span>
            </p>
            <nav class="toggle banality" aria-label="Hide widespread formulations">
                { banal_toggle(None) }
                { for BANALITY_STEPS.iter().map(|&b| banal_toggle(Some(b))) }
            </nav>
            <p class="detail">{ "How widespread a formulation is: 100% when its uses spread over the corpus's documents, speakers and sources as evenly as their words do, near 0% when they gather in a few. Commonplaces are widespread; reuse worth following is not." }</p>
            <ReuseNetwork route={route.clone()} net={net.clone()} formulations={entries.len()} />
            if first_uses.is_ready() {
                <ol class="formulas">
                    { for entries.iter().map(|e| html! { <FormulaItem route={route.clone()} entry={e.clone()} /> }) }
                </ol>
            } else {
                <Loading load={first_uses} what="the formulations' first uses" />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FormulaProps {
    route: Route,
    entry: Entry,
}

/// One use of a formulation: its date, speaker and place, and its statement quoted around
/// the phrase (marked). `queries` keeps each variant's phrase query, parsed once.
fn quoted_use(
    engine: &Engine,
    route: &Route,
    queries: &mut HashMap<u32, Query>,
    s: u32,
    variant: u32,
) -> Html {
    let (index, corpus) = (&engine.index(), &engine.corpus());
    let formulas = engine.formulas();
    let st = &index.statements[s as usize];
    let doc = &corpus.documents[st.doc as usize];
    let who = corpus.speaker_name(st.speaker).to_string();
    let query = queries
        .entry(variant)
        .or_insert_with(|| index.parse(&format!("\"{}\"", formulas[variant as usize].text(index))));
    let read = engine.read();
    let searcher = read.searcher();
    let text = searcher.text(s);
    let highlights = searcher.highlights(query, s);
    let window = searcher.snippet(s, &highlights, QUOTE_WORDS);
    let (cut_start, cut_end) = (window.start > 0, window.end < text.len());
    html! {
        <>
            <time datetime={doc.date.date.map(|d| d.to_string())}>{ format::date(&doc.date) }</time>
            { " · " }{ who }{ " · " }
            <Link to={route.apply(Action::Read(Item { doc: doc.id.clone(), p: Some(st.p) }))}>{ format!("{}, ¶{}", doc.title, st.p) }</Link>
            <q class="quote">
                if cut_start { { "… " } }
                { marked(text, window, &highlights, None) }
                if cut_end { { " …" } }
            </q>
        </>
    }
}

/// One formulation: its name as written (a search for it), counts, banality, variants,
/// who reused it, first use and later uses (drawn when opened).
#[function_component(FormulaItem)]
fn formula_item(props: &FormulaProps) -> Html {
    let engine = use_engine();
    let open = use_state(|| false);
    let (route, e) = (&props.route, &props.entry);
    let index = &engine.index();
    let corpus = &engine.corpus();
    let formulas = engine.formulas();
    let formula = |f: u32| &formulas[f as usize];
    let who = |s: u32| {
        corpus
            .speaker_name(index.statements[s as usize].speaker)
            .to_string()
    };
    let q = e
        .variants
        .iter()
        .map(|(f, _)| formula(*f).search())
        .collect::<Vec<_>>()
        .join(" OR ");
    let search = route.apply(Action::SearchFor(q));
    let head = formula(e.variants[0].0).surface.clone();
    let first = &e.uses[0];
    let later = &e.uses[1..];
    let reuse = Reuse::of(corpus, index, e);
    let first_doc = &corpus.documents[index.statements[first.stmt as usize].doc as usize];
    let reused = if later.is_empty() {
        String::new()
    } else {
        format!(
            " Later: {} by the same speaker, {} by the same source, {} by others.",
            reuse.same_speaker, reuse.same_source, reuse.others
        )
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |ev: Event| {
            if let Some(d) = ev.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(d.open());
            }
        })
    };
    let first_line = quoted_use(
        &engine,
        route,
        &mut HashMap::new(),
        first.stmt,
        first.formula,
    );
    html! {
        <li class="formula" data-formulation={head.clone()} data-banality={e.banality.to_string()}>
            <h2>
                <Link to={search}>{ head }</Link>
                <span class="counts">{ format!(
                    " {} in {} · widespread {}%",
                    format::count(e.count(), "use", "uses"),
                    format::count(e.documents, "document", "documents"),
                    e.banality
                ) }</span>
            </h2>
            if e.variants.len() > 1 {
                <p class="variants">{ "Variants: " }
                    { for e.variants.iter().skip(1).map(|(f, n)| html! {
                        <span class="variant-name" data-variant={formula(*f).surface.clone()}>{ format!("“{}” ({n})", formula(*f).surface) }{ " " }</span>
                    }) }
                </p>
            }
            <p class="reuse">{ format!("First used by {} ({}).{reused}", who(first.stmt), format::date(&first_doc.date)) }</p>
            <p class="first-use"><strong>{ "First use: " }</strong>{ first_line }</p>
            if !later.is_empty() {
                <details {ontoggle}>
                    <summary>{ format!("{} later", format::count(later.len(), "use", "uses")) }</summary>
                    if *open {
                        <LaterUses route={route.clone()} entry={e.clone()} />
                    }
                </details>
            }
        </li>
    }
}

/// A formulation's later uses, the first [`USES_SHOWN`] of them (their text loaded first
/// when the corpus is sharded).
#[function_component(LaterUses)]
fn later_uses(props: &FormulaProps) -> Html {
    let engine = use_engine();
    let (route, e) = (&props.route, &props.entry);
    let later = &e.uses[1..];
    let shown: Vec<(u32, u32)> = later
        .iter()
        .take(USES_SHOWN)
        .map(|u| (u.stmt, u.formula))
        .collect();
    let load = {
        let stmts: Vec<u32> = shown.iter().map(|&(s, _)| s).collect();
        use_loaded(stmts.clone(), move |e| {
            Need::of_statements(&e.index(), stmts.iter().copied())
        })
    };
    if !load.is_ready() {
        return html! { <Loading {load} what="the later uses" /> };
    }
    let mut queries = HashMap::new();
    html! {
        <>
            <ol class="uses">
                { for shown.iter().map(|&(s, f)| html! {
                    <li>{ quoted_use(&engine, route, &mut queries, s, f) }</li>
                }) }
            </ol>
            if later.len() > USES_SHOWN {
                <p>{ format!("and {} more (search for the phrase to see them all)", later.len() - USES_SHOWN) }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NetworkProps {
    route: Route,
    net: Rc<Network>,
    /// Formulations counted.
    formulations: usize,
}

/// Who repeats whom: the network drawn, and as a table.
#[function_component(ReuseNetwork)]
fn reuse_network(props: &NetworkProps) -> Html {
    let engine = use_engine();
    let (route, net) = (&props.route, &props.net);
    let id = |n: usize| net.nodes[n].key.id(&engine.corpus(), &engine.index());
    let name = |n: usize| net.nodes[n].key.label(&engine.corpus(), &engine.index());
    let chart = network::chart(net);
    let repeats: usize = net.edges.iter().map(|e| e.count).sum();
    let own: usize = net.nodes.iter().map(|n| n.own).sum();
    let kind = match route.net {
        NodeBy::Speaker => "speakers",
        NodeBy::Country => "countries",
        NodeBy::Source => "sources",
    };
    let summary = format!(
        "Of the later uses of the {}, {} by other {kind} than the first user, {} by the first user again.",
        format::count(props.formulations, "formulation listed", "formulations listed"),
        format::count(repeats, "is", "are"),
        format::count(own, "is", "are"),
    );
    let net_toggle = |by| {
        html! {
            <Link to={route.apply(Action::Network(by))} current={route.net == by} stay=true>{ title_of(NETS, by) }</Link>
        }
    };
    let short = |s: String| {
        if s.chars().count() > LABEL_CHARS {
            let cut: String = s.chars().take(LABEL_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            s
        }
    };
    html! {
        <section class="reuse" aria-labelledby="reuse-title">
            <h2 id="reuse-title">{ "Who repeats whom" }</h2>
            <nav class="toggle" aria-label="Nodes of the network">
                { for NETS.iter().map(|n| net_toggle(n.value)) }
            </nav>
            <p class="detail">{ summary.clone() }{ " An arrow runs from whoever used a formulation first (by date) to each who used it later, as wide as their number." }</p>
            if let Some(c) = chart {
                <figure class="reuse-network">
                    <div class="network-scroll" tabindex="0" role="group" aria-label="Reuse network (scrolls sideways on narrow screens)">
                    <svg viewBox={format!("0 0 {} {}", format::num(W), format::num(H))} role="img" aria-label={summary}>
                        <defs>
                            <marker id="arrowhead" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="3" markerHeight="3" orient="auto">
                                <path class="arrowhead" d="M0 0 L10 5 L0 10 z" />
                            </marker>
                        </defs>
                        { for c.arrows.iter().map(|a| {
                            let e = &net.edges[a.edge];
                            html! {
                                <path class="arrow" d={a.path.clone()} stroke-width={format::num(a.width)} marker-end="url(#arrowhead)"
                                    data-from={id(e.from)} data-to={id(e.to)} data-count={e.count.to_string()}>
                                    <title>{ format!("{} → {}: {}", name(e.from), name(e.to), format::count(e.count, "later use", "later uses")) }</title>
                                </path>
                            }
                        }) }
                        { for c.dots.iter().map(|d| {
                            let n = &net.nodes[d.node];
                            html! {
                                <g class="node" data-node={id(d.node)}>
                                    <circle cx={format::num(d.x)} cy={format::num(d.y)} r={format::num(d.r)}>
                                        <title>{ format!("{}: {}, {} first, {} of its own", name(d.node), format::count(n.uses, "use", "uses"), n.first, n.own) }</title>
                                    </circle>
                                    <text x={format::num(d.label_x)} y={format::num(d.label_y)} text-anchor={d.anchor.svg()}>{ short(name(d.node)) }</text>
                                </g>
                            }
                        }) }
                    </svg>
                    </div>
                    if c.hidden_nodes > 0 {
                        <figcaption>{ format!("The {} with the most uses are drawn; {} and {} are in the table.", network::MAX_NODES, format::count(c.hidden_nodes, "other", "others"), format::count(c.hidden_arrows, "arrow", "arrows")) }</figcaption>
                    }
                </figure>
            } else {
                <p class="detail">{ "No formulation here is repeated by anyone but whoever used it first." }</p>
            }
            <details class="reuse-table">
                <summary>{ "The network as a table" }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ "First used by" }</th><th scope="col">{ "Repeated by" }</th><th scope="col">{ "Later uses" }</th>
                    </tr></thead>
                    <tbody>
                        { for net.edges.iter().map(|e| html! {
                            <tr data-from={id(e.from)} data-to={id(e.to)} data-count={e.count.to_string()}>
                                <td>{ name(e.from) }</td><td>{ name(e.to) }</td><td>{ e.count }</td>
                            </tr>
                        }) }
                        { for (0..net.nodes.len()).filter(|&n| net.nodes[n].own > 0).map(|n| html! {
                            <tr data-from={id(n)} data-to={id(n)} data-count={net.nodes[n].own.to_string()}>
                                <td>{ name(n) }</td><td>{ "(the same)" }</td><td>{ net.nodes[n].own }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
