//! Two documents or statements side by side (`view=compare&cmp=A,B`): sentences aligned in
//! one table, so both columns scroll together; words that differ inside an aligned pair
//! marked (`<del>` on the left, `<ins>` on the right); shared phrases underlined in the same
//! colour on both sides; the current search's hits marked as everywhere else.

use super::marked::term_class;
use super::tray::item_label;
use super::Link;
use crate::app::Found;
use crate::data::Engine;
use crate::format;
use crate::route::{Item, Route, View};
use crate::timing;
use concord_core::compare::align::{compare, Sentence};
use concord_core::compare::{segments, Side, Unit};
use yew::prelude::*;

/// Number of shared-phrase colours in the stylesheet (`.s0` … `.s5`).
const PHRASE_COLOURS: u32 = 6;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub route: Route,
    pub found: Found,
}

fn side<'a>(engine: &'a Engine, item: &Item) -> Side<'a> {
    let doc = engine
        .corpus
        .documents
        .iter()
        .position(|d| d.id == item.doc)
        .unwrap_or(usize::MAX) as u32;
    Side::from_index(&engine.corpus, &engine.index, doc, item.p)
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let route = &props.route;
    use_effect_with(route.clone(), |_| timing::end("concord:compare"));
    let Ok((a, b)) = route.sides(&engine.corpus) else {
        // Route::check sends a bad comparison to the list; this is only a safeguard.
        return html! { <p>{ "Nothing to compare." }</p> };
    };
    timing::begin("concord:compare");
    let (left, right) = (side(&engine, &a), side(&engine, &b));
    let cmp = compare(&left, &right);
    let searcher = engine.searcher();
    let terms = |u: &Unit<'_>| -> Vec<(std::ops::Range<usize>, usize)> {
        u.stmt.map_or_else(Vec::new, |s| {
            searcher
                .highlights(&props.found.query, s)
                .into_iter()
                .map(|h| (h.start..h.end, h.term))
                .collect()
        })
    };
    let hits = [
        left.units.iter().map(terms).collect::<Vec<_>>(),
        right.units.iter().map(terms).collect::<Vec<_>>(),
    ];
    let only = |left_side: bool| {
        cmp.rows
            .iter()
            .filter(|r| {
                if left_side {
                    r.right.is_none()
                } else {
                    r.left.is_none()
                }
            })
            .count()
    };
    let pairs = cmp
        .rows
        .iter()
        .filter(|r| r.left.is_some() && r.right.is_some())
        .count();
    let percent = (cmp.similarity * 100.0).round() as u32;
    let cell = |k: usize, s: Option<usize>| -> Html {
        let Some(s) = s else {
            return html! { <td class="empty"><span class="sr-only">{ "No matching sentence" }</span></td> };
        };
        let (sd, item) = if k == 0 { (&left, &a) } else { (&right, &b) };
        let sentence: &Sentence = &cmp.sentences[k][s];
        let unit = &sd.units[sentence.unit];
        let marks = &cmp.marks[k][sentence.unit];
        let first = unit.sentences.first().is_some_and(|r| *r == sentence.toks);
        let last = unit.sentences.last().is_some_and(|r| *r == sentence.toks);
        // A sentence runs to the first space after its last word (its full stop and closing
        // quotes), the next one from there: together they cover the paragraph's text.
        let split = |r: &std::ops::Range<usize>| -> usize {
            let after = unit.toks[r.end - 1].end as usize;
            let next = unit
                .toks
                .get(r.end)
                .map_or(unit.text.len(), |t| t.start as usize);
            let gap = &unit.text[after..next];
            after + gap.find(char::is_whitespace).unwrap_or(gap.len())
        };
        let at = unit
            .sentences
            .iter()
            .position(|r| *r == sentence.toks)
            .unwrap_or(0);
        let start = if first {
            0
        } else {
            split(&unit.sentences[at - 1])
        };
        let end = if last {
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
        let text: Html = pieces
            .into_iter()
            .map(|g| {
                let mut node = html! { { unit.text[g.range.clone()].to_string() } };
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
            <td data-doc={item.doc.clone()} data-p={unit.p.to_string()}>
                if first {
                    <Link to={route.doc_with_search(&item.doc, Some(unit.p))} class="pnum"
                        label={AttrValue::from(format!("Read paragraph {} in context", unit.p))}>
                        { format!("¶{}", unit.p) }
                    </Link>
                }
                { text }
            </td>
        }
    };
    let heading = |item: &Item| -> Html {
        let doc = engine.corpus.document(&item.doc);
        let detail = doc.map(|d| {
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
    html! {
        <section class="compare" aria-labelledby="compare-title">
            <p class="crumbs"><Link to={route.with_view(View::List)}>{ "← Back to the results" }</Link></p>
            <h1 id="compare-title" tabindex="-1">{ "Comparison" }</h1>
            <p class="cmp-summary" role="status">
                <strong class="similarity" data-similarity={percent.to_string()}>{ format!("{percent}% similar") }</strong>
                { format!(
                    " — words unchanged in aligned sentences. {} aligned, {} only on the left, {} only on the right; {}.",
                    format::count(pairs, "sentence pair", "sentence pairs"),
                    only(true),
                    only(false),
                    format::count(cmp.phrases, "shared phrase", "shared phrases"),
                ) }
                { " " }
                <Link to={route.compare(&b, &a)} class="swap" stay=true>{ "⇄ Swap sides" }</Link>
            </p>
            <p class="cmp-legend" aria-hidden="true">
                <span class="shared s0">{ "shared phrase" }</span>{ " " }
                <del>{ "only left" }</del>{ " " }<ins>{ "only right" }</ins>
            </p>
            <table class="cmp-table">
                <thead>
                    <tr>
                        <th scope="col" class="side-a">{ heading(&a) }</th>
                        <th scope="col" class="side-b">{ heading(&b) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for cmp.rows.iter().map(|row| {
                        let kind = match (row.left, row.right) {
                            (Some(_), Some(_)) => "pair",
                            (Some(_), None) => "left-only",
                            _ => "right-only",
                        };
                        html! {
                            <tr class={kind}>
                                { cell(0, row.left) }
                                { cell(1, row.right) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if cmp.rows.is_empty() {
                <p>{ "Neither side has statements to compare." }</p>
            }
        </section>
    }
}
