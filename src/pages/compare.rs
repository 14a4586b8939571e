//! Two documents or statements side by side (`view=compare&cmp=A,B`): sentences aligned in
//! one table, so both columns scroll together; words that differ inside an aligned pair
//! marked (`<del>` on the left, `<ins>` on the right); shared phrases underlined in the same
//! colour on both sides; the current search's hits marked as everywhere else.
//!
//! The table is an ARIA table of rows (not a `<table>`: a growing HTML table is laid out
//! again whole at every chunk, rows of blocks are not, and rows off screen are skipped
//! with `content-visibility`). The comparison is computed once per link into plain rows;
//! the table is drawn in two parts: the first 100 rows at once, the rest after the
//! browser's next turn, so a comparison of long documents shows its first screen quickly.
//! (Drawing the rest in more, smaller parts was measured slower in total: each part costs
//! the browser a pass over the whole table.)

use crate::components::marked::term_class;
use crate::components::tray::item_label;
use crate::components::Link;
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::route::{Action, Item, Route, View};
use crate::timing;
use concord_core::compare::table::Cell;
use concord_core::Table as Computed;
use std::rc::Rc;
use yew::prelude::*;

/// Number of shared-phrase colours in the stylesheet (`.s0` … `.s5`).
const PHRASE_COLOURS: u32 = 6;
/// The class of each side's cells.
const SIDE: [&str; 2] = ["side-a", "side-b"];
/// Rows drawn at once; the others follow.
const FIRST: usize = 100;

/// The comparison of two items with the query's hits (a missing document, which a checked
/// route never has, is an empty side).
fn compute(engine: &Engine, a: &Item, b: &Item, query: &concord_core::Query) -> Computed {
    let pick = |item: &Item| {
        let doc = engine
            .corpus()
            .position(&item.doc)
            .map_or(u32::MAX, |d| d as u32);
        (doc, item.p)
    };
    Computed::of(&engine.read().searcher(), [pick(a), pick(b)], query)
}

/// The computed comparison, shared with the chunks; equal when it is the same computation.
#[derive(Clone)]
struct Shared(Rc<Computed>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub route: Route,
    pub found: Found,
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let sides = route.sides(&engine.corpus()).ok();
    let computed = {
        let engine = engine.clone();
        use_memo(
            (sides.clone(), props.found.clone()),
            move |(sides, found)| {
                timing::begin("concord:compare");
                timing::begin("concord:compare-all");
                let computed = timing::measured("concord:compare-compute", || {
                    sides.as_ref().map_or_else(Computed::default, |(a, b)| {
                        compute(&engine, a, b, &found.query)
                    })
                });
                Rc::new(computed)
            },
        )
    };
    let computed = Shared((*computed).clone());
    let key = Rc::as_ptr(&computed.0) as usize;
    // Chunks drawn so far, for the comparison `key` (a new comparison starts from one).
    let shown = use_state(|| (key, 1usize));
    let drawn = if shown.0 == key { shown.1 } else { 1 };
    let chunks = if computed.0.rows.len() > FIRST { 2 } else { 1 };
    {
        let shown = shown.clone();
        use_effect_with((key, drawn), move |&(key, n)| {
            if n == 1 {
                timing::end("concord:compare");
            }
            if n >= chunks {
                timing::end("concord:compare-all");
            }
            // The next chunk after the browser has had a turn (to paint, to take input).
            let next = (n < chunks)
                .then(|| gloo::timers::callback::Timeout::new(0, move || shown.set((key, n + 1))));
            move || drop(next)
        });
    }
    let Some((a, b)) = sides else {
        // Route::check sends a bad comparison to the list; this is only a safeguard.
        return html! { <p>{ "Nothing to compare." }</p> };
    };
    let heading = |item: &Item| -> Html {
        let detail = engine.corpus().document(&item.doc).map(|d| {
            let mut parts = vec![format::date(&d.date)];
            if let Some(src) = &d.source {
                parts.push(src.clone());
            }
            parts.join(" · ")
        });
        html! {
            <>
                <Link to={route.apply(Action::Read(item.clone()))}>{ item_label(&engine, item) }</Link>
                if let Some(detail) = detail { <span class="detail">{ detail }</span> }
            </>
        }
    };
    let c = &computed.0;
    html! {
        <section class="compare" aria-labelledby="compare-title">
            <p class="crumbs"><Link to={route.apply(Action::Show(View::List))}>{ "← Back to the results" }</Link></p>
            <h1 id="compare-title" tabindex="-1">{ "Comparison" }</h1>
            <p class="cmp-summary" role="status">
                <strong class="similarity" data-similarity={c.percent.to_string()}>{ format!("{}% similar", c.percent) }</strong>
                { format!(
                    " — words unchanged in aligned sentences. {} aligned, {} only on the left, {} only on the right; {}.",
                    format::count(c.pairs, "sentence pair", "sentence pairs"),
                    c.only[0],
                    c.only[1],
                    format::count(c.phrases, "shared phrase", "shared phrases"),
                ) }
                { " " }
                <Link to={route.apply(Action::Compare(b.clone(), a.clone()))} class="swap" stay=true>{ "⇄ Swap sides" }</Link>
            </p>
            <p class="cmp-legend" aria-hidden="true">
                <span class="shared s0">{ "shared phrase" }</span>{ " " }
                <del>{ "only left" }</del>{ " " }<ins>{ "only right" }</ins>
            </p>
            <div class="cmp-table" role="table" aria-label="The two sides, sentence by sentence" aria-rowcount={(c.rows.len() + 1).to_string()}>
                <div role="rowgroup" class="cmp-head">
                    <div role="row" class="cmp-row">
                        <div role="columnheader" class="side-a">{ heading(&a) }</div>
                        <div role="columnheader" class="side-b">{ heading(&b) }</div>
                    </div>
                </div>
                { for (0..drawn.min(chunks)).map(|k| html! {
                    <Chunk key={k} rows={computed.clone()} chunk={k} route={route.clone()} />
                }) }
            </div>
            if c.rows.is_empty() {
                <p>{ "Neither side has statements to compare." }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChunkProps {
    rows: Shared,
    chunk: usize,
    route: Route,
}

/// The first [`FIRST`] rows (chunk 0) or the rest (chunk 1), as one row group.
#[function_component(Chunk)]
fn chunk(props: &ChunkProps) -> Html {
    let engine = use_engine();
    let rows = &props.rows.0.rows;
    let (from, to) = if props.chunk == 0 {
        (0, FIRST.min(rows.len()))
    } else {
        (FIRST.min(rows.len()), rows.len())
    };
    html! {
        <div role="rowgroup">
            { for rows[from..to].iter().map(|row| {
                let kind = match (&row.cells[0], &row.cells[1]) {
                    (Some(_), Some(_)) => "pair",
                    (Some(_), None) => "left-only",
                    _ => "right-only",
                };
                html! {
                    <div role="row" class={classes!("cmp-row", kind)}>
                        { cell(&engine, &props.route, 0, row.cells[0].as_ref()) }
                        { cell(&engine, &props.route, 1, row.cells[1].as_ref()) }
                    </div>
                }
            }) }
        </div>
    }
}

fn cell(engine: &Engine, route: &Route, k: usize, cell: Option<&Cell>) -> Html {
    let Some(cell) = cell else {
        return html! {
            <div role="cell" class={classes!("cmp-cell", SIDE[k], "empty")}><span class="sr-only">{ "No matching sentence" }</span></div>
        };
    };
    let doc = &engine.corpus().documents[cell.doc as usize];
    let text = doc.paragraph(cell.p).map_or("", |p| p.text.as_str());
    let pieces: Html = cell
        .pieces
        .iter()
        .map(|g| {
            let mut node = html! { { text[g.range.clone()].to_string() } };
            if let Some(t) = g.term {
                node = html! { <mark data-term={t.to_string()} class={term_class(t)}>{ node }</mark> };
            }
            if let Some(id) = g.phrase {
                node = html! {
                    <span class={classes!("shared", format!("s{}", id % PHRASE_COLOURS))} data-phrase={id.to_string()}>{ node }</span>
                };
            }
            if g.changed {
                node = if k == 0 {
                    html! { <del>{ node }</del> }
                } else {
                    html! { <ins>{ node }</ins> }
                };
            }
            node
        })
        .collect();
    html! {
        <div role="cell" class={classes!("cmp-cell", SIDE[k])} data-doc={doc.id.clone()} data-p={cell.p.to_string()}>
            if cell.first {
                <Link to={route.apply(Action::Read(Item { doc: doc.id.clone(), p: Some(cell.p) }))} class="pnum"
                    label={AttrValue::from(format!("Read paragraph {} in context", cell.p))}>
                    { format!("¶{}", cell.p) }
                </Link>
            }
            { pieces }
        </div>
    }
}
