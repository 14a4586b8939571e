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

use super::marked::term_class;
use super::tray::item_label;
use super::Link;
use crate::app::Found;
use crate::data::Engine;
use crate::format;
use crate::route::{Item, Route, View};
use crate::timing;
use concord_core::compare::align::compare;
use concord_core::compare::{segments, Segment, Side, Unit};
use concord_core::query::Query;
use std::rc::Rc;
use yew::prelude::*;

/// Number of shared-phrase colours in the stylesheet (`.s0` … `.s5`).
const PHRASE_COLOURS: u32 = 6;
/// The class of each side's cells.
const SIDE: [&str; 2] = ["side-a", "side-b"];
/// Rows drawn at once; the others follow.
const FIRST: usize = 100;

/// One side of one row: a sentence with its marks (ranges of its paragraph's text).
#[derive(PartialEq)]
struct Cell {
    /// Index into the corpus's documents.
    doc: usize,
    p: u32,
    /// The sentence opens its paragraph (the paragraph number is shown).
    first: bool,
    pieces: Vec<Segment>,
}

#[derive(PartialEq)]
struct RowView {
    cells: [Option<Cell>; 2],
}

/// Everything the view shows, computed once per link.
#[derive(Default)]
struct Computed {
    rows: Vec<RowView>,
    pairs: usize,
    only: [usize; 2],
    phrases: usize,
    percent: u32,
}

fn compute(engine: &Engine, a: &Item, b: &Item, query: &Query) -> Computed {
    let at = [a, b].map(|item| engine.corpus.position(&item.doc));
    // A missing document (the route was checked, so only a safeguard) is an empty side.
    let sides = [(a, at[0]), (b, at[1])].map(|(item, doc)| {
        let doc = doc.map_or(u32::MAX, |d| d as u32);
        Side::from_index(&engine.corpus, &engine.index, doc, item.p)
    });
    let cmp = compare(&sides[0], &sides[1]);
    let searcher = engine.searcher();
    let terms = |u: &Unit<'_>| -> Vec<(std::ops::Range<usize>, usize)> {
        u.stmt.map_or_else(Vec::new, |s| {
            searcher
                .highlights(query, s)
                .into_iter()
                .map(|h| (h.start..h.end, h.term))
                .collect()
        })
    };
    let hits: Vec<Vec<_>> = sides
        .iter()
        .map(|sd| sd.units.iter().map(terms).collect())
        .collect();
    let docs = at.map(|d| d.unwrap_or(0));
    let cell = |k: usize, s: Option<usize>| -> Option<Cell> {
        let sentence = &cmp.sentences[k][s?];
        let unit = &sides[k].units[sentence.unit];
        let marks = &cmp.marks[k][sentence.unit];
        let at = unit.sentences.iter().position(|r| *r == sentence.toks)?;
        // A sentence runs to the first space after its last word (its full stop and
        // closing quotes), the next one from there: together they cover the paragraph.
        let split = |r: &std::ops::Range<usize>| -> usize {
            let after = unit.toks[r.end - 1].end as usize;
            let next = unit
                .toks
                .get(r.end)
                .map_or(unit.text.len(), |t| t.start as usize);
            let gap = &unit.text[after..next];
            after + gap.find(char::is_whitespace).unwrap_or(gap.len())
        };
        let start = if at == 0 {
            0
        } else {
            split(&unit.sentences[at - 1])
        };
        let end = if at + 1 == unit.sentences.len() {
            unit.text.len()
        } else {
            split(&sentence.toks)
        };
        let pieces = segments(
            unit.text,
            start..end,
            &marks.changed,
            &marks.phrases,
            &hits[k][sentence.unit],
        );
        Some(Cell {
            doc: docs[k],
            p: unit.p,
            first: at == 0,
            pieces,
        })
    };
    let rows: Vec<RowView> = cmp
        .rows
        .iter()
        .map(|r| RowView {
            cells: [cell(0, r.left), cell(1, r.right)],
        })
        .collect();
    let count = |f: &dyn Fn(&RowView) -> bool| rows.iter().filter(|r| f(r)).count();
    Computed {
        pairs: count(&|r| r.cells[0].is_some() && r.cells[1].is_some()),
        only: [
            count(&|r| r.cells[1].is_none()),
            count(&|r| r.cells[0].is_none()),
        ],
        phrases: cmp.phrases,
        percent: (cmp.similarity * 100.0).round() as u32,
        rows,
    }
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
    let engine = use_context::<Engine>().expect("engine context");
    let route = &props.route;
    let sides = route.sides(&engine.corpus).ok();
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
        let detail = engine.corpus.document(&item.doc).map(|d| {
            let mut parts = vec![format::date(&d.date)];
            if let Some(src) = &d.source {
                parts.push(src.clone());
            }
            parts.join(" · ")
        });
        html! {
            <>
                <Link to={route.doc_with_search(&item.doc, item.p)}>{ item_label(&engine, item) }</Link>
                if let Some(detail) = detail { <span class="detail">{ detail }</span> }
            </>
        }
    };
    let c = &computed.0;
    html! {
        <section class="compare" aria-labelledby="compare-title">
            <p class="crumbs"><Link to={route.with_view(View::List)}>{ "← Back to the results" }</Link></p>
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
                <Link to={route.compare(&b, &a)} class="swap" stay=true>{ "⇄ Swap sides" }</Link>
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
    let engine = use_context::<Engine>().expect("engine context");
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
    let doc = &engine.corpus.documents[cell.doc];
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
                <Link to={route.doc_with_search(&doc.id, Some(cell.p))} class="pnum"
                    label={AttrValue::from(format!("Read paragraph {} in context", cell.p))}>
                    { format!("¶{}", cell.p) }
                </Link>
            }
            { pieces }
        </div>
    }
}
