//! Term trends above the results: each term of the query, uses per 10,000 words per year
//! (or month), one line per term in its legend colour, drawn as SVG; the counts are in a
//! table beside it (`concord_core::aggregate::trend`). Found after the results show, once
//! typing pauses for 0.6 s, so it is not computed between keys.

use super::marked::term_class;
use crate::app::Found;
use crate::data::Engine;
use crate::route::Route;
use concord_core::aggregate::trend::Step;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TrendsProps {
    pub route: Route,
    pub found: Found,
}

const W: f64 = 600.0;
const H: f64 = 160.0;
const PAD: f64 = 28.0;

#[function_component(Trends)]
pub fn trends(props: &TrendsProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let filters = props.route.search.filters();
    let trend = super::use_deferred(props.found.clone(), 600, move |found: &Found| {
        crate::timing::measured("concord:trends", || {
            engine.searcher().trend(&found.query, &filters)
        })
    });
    let Some(t) = trend else {
        return html! {};
    };
    if t.terms.is_empty() || t.periods.len() < 2 {
        return html! {};
    }
    let legend = &props.found.query.legend;
    let n = t.periods.len();
    let values: Vec<Vec<f64>> = t
        .terms
        .iter()
        .map(|term| (0..n).map(|i| t.per_10k(term.counts[i], i)).collect())
        .collect();
    let top = values
        .iter()
        .flatten()
        .copied()
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let x = |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64;
    let y = |v: f64| H - PAD - (H - 2.0 * PAD) * v / top;
    let step = match t.step {
        Step::Year => "year",
        Step::Month => "month",
    };
    let label = |k: usize| legend.get(k).map_or("?", |l| l.label.as_str()).to_string();
    let summary = format!(
        "Uses per 10,000 words, by {step}, from {} to {}; highest {top:.1}.",
        t.periods[0].label,
        t.periods[n - 1].label
    );
    html! {
        <section class="trends" aria-labelledby="trends-title">
            <h2 id="trends-title">{ "Term trends" }</h2>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={summary.clone()} class="trend-chart">
                <line x1={PAD.to_string()} y1={(H - PAD).to_string()} x2={(W - PAD).to_string()} y2={(H - PAD).to_string()} class="axis" />
                // Period labels: all when they fit, else every k-th (first and last kept).
                { for (0..n).filter(|&i| i % n.div_ceil(10) == 0 || i == n - 1).map(|i| {
                    let anchor = if i == n - 1 { "tick-label end" } else if i == 0 { "tick-label" } else { "tick-label middle" };
                    html! { <text x={format!("{:.1}", x(i))} y={(H - 8.0).to_string()} class={anchor}>{ t.periods[i].label.clone() }</text> }
                }) }
                <text x={PAD.to_string()} y={(PAD - 10.0).to_string()} class="tick-label">{ format!("{top:.1} per 10,000 words") }</text>
                { for t.terms.iter().zip(&values).map(|(term, vals)| {
                    // A period without statements has no value: the line breaks there.
                    let has = |i: usize| t.periods[i].words > 0;
                    let mut runs: Vec<Vec<String>> = vec![Vec::new()];
                    for (i, v) in vals.iter().enumerate() {
                        if has(i) {
                            runs.last_mut().expect("one run").push(format!("{:.1},{:.1}", x(i), y(*v)));
                        } else if !runs.last().expect("one run").is_empty() {
                            runs.push(Vec::new());
                        }
                    }
                    html! {
                        <g class={classes!("series", term_class(term.term))} data-term={term.term.to_string()}>
                            { for runs.iter().filter(|r| r.len() > 1).map(|r| html! { <polyline points={r.join(" ")} /> }) }
                            { for vals.iter().enumerate().filter(|(i, _)| has(*i)).map(|(i, v)| html! {
                                <circle cx={format!("{:.1}", x(i))} cy={format!("{:.1}", y(*v))} r="3">
                                    <title>{ format!("{}: {} in {} ({v:.1} per 10,000 words)", label(term.term), term.counts[i], t.periods[i].label) }</title>
                                </circle>
                            }) }
                        </g>
                    }
                }) }
            </svg>
            <details class="trend-table">
                <summary>{ "Counts by " }{ step }</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ if t.step == Step::Year { "Year" } else { "Month" } }</th>
                            <th scope="col">{ "Words" }</th>
                            { for t.terms.iter().map(|term| html! { <th scope="col">{ label(term.term) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for t.periods.iter().enumerate().map(|(i, p)| html! {
                            <tr data-period={p.label.clone()}>
                                <th scope="row">{ p.label.clone() }</th>
                                <td>{ p.words }</td>
                                { for t.terms.iter().map(|term| html! {
                                    <td data-term={term.term.to_string()} data-count={term.counts[i].to_string()}>
                                        { format!("{} ({:.1})", term.counts[i], t.per_10k(term.counts[i], i)) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                if t.left_out > 0 {
                    <p class="detail">{ format!("{} without a date at this precision are left out.", crate::format::count(t.left_out, "statement", "statements")) }</p>
                }
            </details>
        </section>
    }
}
