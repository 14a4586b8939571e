//! Term trends above the results: each term of the query, uses per 10,000 words per year
//! (or month), one line per term in its legend colour, drawn as SVG; the counts are in a
//! table beside it (`concord_core::aggregate::trend`, geometry in [`crate::chart::trend`]). Found after the results show, once
//! typing pauses for 0.6 s, so it is not computed between keys.

use super::export::{CsvLink, Table};
use super::marked::term_class;
use crate::chart::trend::{chart, Anchor, H, PAD, W};
use crate::context::{use_engine, Found};
use crate::format;
use crate::hooks::use_deferred;
use crate::route::Route;
use concord_core::{Step, Trend};

/// The name of a trend's step in a table's header.
fn step_name(step: Step) -> &'static str {
    match step {
        Step::Year => "year",
        Step::Month => "month",
    }
}
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TrendsProps {
    pub route: Route,
    pub found: Found,
}

#[function_component(Trends)]
pub fn trends(props: &TrendsProps) -> Html {
    let engine = use_engine();
    let filters = props.route.search.filters.clone();
    let trend = use_deferred(props.found.clone(), 600, move |found: &Found| {
        crate::timing::measured("concord:trends", || {
            engine.read().searcher().trend(&found.query, &filters)
        })
    });
    let Some(t) = trend else {
        return html! {};
    };
    let legend = &props.found.query.legend;
    let label = |k: usize| legend.get(k).map_or("?", |l| l.label.as_str()).to_string();
    trend_chart(&t, &label, "Term trends", "trends-title")
}

/// A trend drawn: one line a term (labelled by `label`, coloured by its index), its
/// counts in a table below; nothing when there is nothing to draw. Shared by the term
/// trends above the results and the sets view's trend of a term in A and B.
pub fn trend_chart(t: &Trend, label: &dyn Fn(usize) -> String, heading: &str, id: &str) -> Html {
    let Some(c) = chart(t) else {
        return html! {};
    };
    let n = t.periods.len();
    let mut columns = vec![step_name(t.step).to_string()];
    for term in &t.terms {
        let name = label(term.term);
        columns.extend([
            format!("{name}: uses"),
            format!("{name}: words"),
            format!("{name}: per 10000 words"),
        ]);
    }
    let csv = std::rc::Rc::new(Table {
        columns,
        rows: (0..n)
            .map(|i| {
                let mut row = vec![t.periods[i].label.clone()];
                for term in &t.terms {
                    row.extend([
                        term.counts[i].to_string(),
                        term.words[i].to_string(),
                        format::tenths(term.per_10k(i)),
                    ]);
                }
                row
            })
            .collect(),
    });
    let top = c.top;
    let step = step_name(t.step);
    let summary = format!(
        "Uses per 10,000 words, by {step}, from {} to {}; highest {}.",
        t.periods[0].label,
        t.periods[n - 1].label,
        format::tenths(top)
    );
    html! {
        <section class="trends" aria-labelledby={id.to_string()}>
            <h2 id={id.to_string()}>{ heading.to_string() }</h2>
            <svg viewBox={format!("0 0 {} {}", format::num(W), format::num(H))} role="img" aria-label={summary.clone()} class="trend-chart">
                <line x1={format::num(PAD)} y1={format::num(H - PAD)} x2={format::num(W - PAD)} y2={format::num(H - PAD)} class="axis" />
                { for c.ticks.iter().map(|&(i, x, anchor)| {
                    let class = match anchor {
                        Anchor::Start => "tick-label",
                        Anchor::Middle => "tick-label middle",
                        Anchor::End => "tick-label end",
                    };
                    html! { <text x={format::num(x)} y={format::num(H - 8.0)} {class}>{ t.periods[i].label.clone() }</text> }
                }) }
                <text x={format::num(PAD)} y={format::num(PAD - 10.0)} class="tick-label">{ format!("{} per 10,000 words", format::tenths(top)) }</text>
                { for c.lines.iter().zip(&t.terms).map(|(line, term)| html! {
                    <g class={classes!("series", term_class(line.term))} data-term={line.term.to_string()}>
                        { for line.runs.iter().filter(|r| r.len() > 1).map(|r| {
                            let points: Vec<String> = r.iter().map(|p| format!("{},{}", format::num(p.x), format::num(p.y))).collect();
                            html! { <polyline points={points.join(" ")} /> }
                        }) }
                        { for line.points().map(|p| html! {
                            <circle cx={format::num(p.x)} cy={format::num(p.y)} r="3">
                                <title>{ format!("{}: {} in {} ({} per 10,000 words)", label(line.term), term.counts[p.period], t.periods[p.period].label, format::tenths(p.value)) }</title>
                            </circle>
                        }) }
                    </g>
                }) }
            </svg>
            <details class="trend-table">
                <summary>{ "Counts by " }{ step }</summary>
                <CsvLink id={format!("csv-{id}")} name={format!("trend-by-{step}")} label={format!("the counts by {step}")} table={csv} />
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ if t.step == Step::Year { "Year" } else { "Month" } }</th>
                            { for t.terms.iter().map(|term| html! { <th scope="col">{ label(term.term) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for t.periods.iter().enumerate().map(|(i, p)| html! {
                            <tr data-period={p.label.clone()}>
                                <th scope="row">{ p.label.clone() }</th>
                                { for t.terms.iter().map(|term| html! {
                                    <td data-term={term.term.to_string()} data-count={term.counts[i].to_string()}>
                                        { format!("{} in {} words ({} per 10,000)", term.counts[i], term.words[i], format::tenths(term.per_10k(i))) }
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
