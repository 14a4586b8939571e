//! The timeline (`view=timeline`): the statements that pass the filters, placed by date in
//! lanes by speaker or by country (`lane=`), each mark one document's statements in a lane,
//! spanning its date at its precision; marks with hits of the query are emphasised. Dragging
//! across the chart sets the date range (`from`, `to`); the years below do the same from the
//! keyboard. A table gives the same marks as text.

use super::Link;
use crate::app::{Found, Nav};
use crate::data::Engine;
use crate::format;
use crate::route::{Route, View};
use concord_core::aggregate::timeline::{date_of_day, LaneBy, OTHERS};
use concord_core::model::Date;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub route: Route,
    pub found: Found,
}

const W: f64 = 1000.0;
const LEFT: f64 = 170.0;
const RIGHT: f64 = 12.0;
const LANE: f64 = 26.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 28.0;

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let nav = use_context::<Nav>().expect("nav context");
    let route = &props.route;
    let timeline = {
        let engine = engine.clone();
        let filters = route.search.filters();
        use_memo(
            (props.found.clone(), filters, route.lane),
            move |(found, filters, lane)| {
                let mut hits: Vec<u32> = found
                    .results
                    .documents
                    .iter()
                    .flat_map(|d| d.statements.iter().map(|h| h.stmt))
                    .collect();
                hits.sort_unstable();
                let with_query = !found.query.legend.is_empty();
                let t = engine.searcher().timeline(&hits, filters, *lane);
                Rc::new((t, with_query))
            },
        )
    };
    let (t, with_query) = (&timeline.0, timeline.1);
    let svg = use_node_ref();
    let drag = use_state(|| None::<(f64, f64)>);
    let corpus = &engine.corpus;
    let lane_name = |key: &str| -> String {
        match (route.lane, key) {
            (_, k) if k == OTHERS => "Others".into(),
            (LaneBy::Speaker, "narrator") => "Narrator".into(),
            (LaneBy::Speaker, k) => corpus
                .people
                .iter()
                .find(|p| p.id == k)
                .map_or_else(|| k.to_string(), |p| p.name.clone()),
            (LaneBy::Country, k) => corpus.country_name(k).to_string(),
        }
    };
    let lane_toggle = |lane: LaneBy, label: &str| {
        let to = Route {
            lane,
            ..route.with_view(View::Timeline)
        };
        html! { <Link to={to} current={route.lane == lane} stay=true>{ label.to_string() }</Link> }
    };
    let Some((lo, hi)) = t.span() else {
        return html! {
            <section class="timeline" aria-labelledby="timeline-title">
                <h1 id="timeline-title" tabindex="-1">{ "Timeline" }</h1>
                <super::ViewTabs route={route.clone()} />
                <p role="status">{ "No dated statements under these filters." }</p>
            </section>
        };
    };
    let days = f64::from(hi - lo + 1);
    let x = |day: i32| LEFT + (W - LEFT - RIGHT) * f64::from(day - lo) / days;
    let height = TOP + LANE * t.lanes.len() as f64 + AXIS;
    // Client x → chart x → day.
    let to_chart = {
        let svg = svg.clone();
        move |client_x: i32| -> Option<f64> {
            let el = svg.cast::<web_sys::Element>()?;
            let r = el.get_bounding_client_rect();
            (r.width() > 0.0).then(|| (f64::from(client_x) - r.left()) / r.width() * W)
        }
    };
    let day_at = move |cx: f64| -> i32 {
        let f = ((cx - LEFT) / (W - LEFT - RIGHT)).clamp(0.0, 1.0);
        lo + (f * (days - 1.0)).round() as i32
    };
    let onpointerdown = {
        let (drag, to_chart) = (drag.clone(), to_chart.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(cx) = to_chart(e.client_x()) {
                if let Some(el) = e
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                drag.set(Some((cx, cx)));
            }
        })
    };
    let onpointermove = {
        let (drag, to_chart) = (drag.clone(), to_chart.clone());
        Callback::from(move |e: PointerEvent| {
            if let (Some((a, _)), Some(cx)) = (*drag, to_chart(e.client_x())) {
                drag.set(Some((a, cx)));
            }
        })
    };
    let onpointerup = {
        let (drag, route, nav) = (drag.clone(), route.clone(), nav.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((a, _)) = *drag else {
                return;
            };
            drag.set(None);
            let Some(b) = to_chart(e.client_x()) else {
                return;
            };
            if (a - b).abs() < 4.0 {
                return; // a click, not a span
            }
            let (d1, d2) = (day_at(a.min(b)), day_at(a.max(b)));
            let mut to = route.with_view(View::Timeline);
            to.search.from = Some(date_of_day(d1));
            to.search.to = Some(date_of_day(d2));
            nav.go.emit(to);
        })
    };
    // Year ticks (and links that choose a year).
    let (y1, y2) = (date_of_day(lo).year, date_of_day(hi).year);
    let years: Vec<i32> = (y1..=y2).collect();
    let year_day = |y: i32| concord_core::aggregate::timeline::day_number(y, 1, 1);
    let summary = format!(
        "{} by {} from {} to {}, in {} lanes{}.",
        format::count(t.statements, "statement", "statements"),
        if route.lane == LaneBy::Speaker {
            "speaker"
        } else {
            "country"
        },
        date_of_day(lo),
        date_of_day(hi),
        t.lanes.len(),
        if with_query {
            "; marks with hits of the search are solid"
        } else {
            ""
        }
    );
    let selection = drag.map(|(a, b)| (a.min(b).max(LEFT), a.max(b).min(W - RIGHT)));
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h1 id="timeline-title" tabindex="-1">{ "Timeline" }</h1>
            <super::ViewTabs route={route.clone()} />
            <p class="status" role="status">{ summary.clone() }</p>
            <nav class="toggle" aria-label="Lanes">
                { lane_toggle(LaneBy::Speaker, "By speaker") }
                { lane_toggle(LaneBy::Country, "By country") }
            </nav>
            <p class="detail">{ "Drag across the chart to show only that span." }</p>
            <div class="timeline-scroll" tabindex="0" role="group" aria-label="Timeline chart (scrolls sideways on narrow screens)">
            <svg ref={svg} class="timeline-chart" viewBox={format!("0 0 {W} {height}")} role="img"
                aria-label={summary} {onpointerdown} {onpointermove} {onpointerup}>
                { for years.iter().map(|&y| {
                    let at = x(year_day(y).max(lo));
                    html! {
                        <g class="year">
                            <line x1={at.to_string()} x2={at.to_string()} y1={TOP.to_string()} y2={(height - AXIS).to_string()} />
                            <text x={(at + 3.0).to_string()} y={(height - 10.0).to_string()}>{ y.to_string() }</text>
                        </g>
                    }
                }) }
                { for t.lanes.iter().enumerate().map(|(i, l)| {
                    let y = TOP + LANE * i as f64;
                    html! {
                        <g class="lane">
                            <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={(y + LANE / 2.0).to_string()} y2={(y + LANE / 2.0).to_string()} />
                            <text x={(LEFT - 8.0).to_string()} y={(y + LANE / 2.0 + 4.0).to_string()} class="lane-name">{ lane_name(&l.key) }</text>
                        </g>
                    }
                }) }
                { for t.marks.iter().map(|m| {
                    let doc = &corpus.documents[m.doc as usize];
                    let y = TOP + LANE * m.lane as f64 + LANE / 2.0;
                    let class = classes!(
                        "mark", "series", format!("t{}", m.lane % 8),
                        if !with_query || m.hits > 0 { "hit" } else { "miss" }
                    );
                    let title = format!(
                        "{} — {} — {}: {}{}",
                        doc.title, format::date(&doc.date), lane_name(&t.lanes[m.lane].key),
                        format::count(m.statements, "statement", "statements"),
                        if with_query { format!(", {}", format::count(m.hits, "hit", "hits")) } else { String::new() }
                    );
                    if m.first == m.last {
                        html! {
                            <circle class={class} cx={format!("{:.1}", x(m.first))} cy={y.to_string()} r="5" data-doc={doc.id.clone()}>
                                <title>{ title }</title>
                            </circle>
                        }
                    } else {
                        let (a, b) = (x(m.first), x(m.last + 1));
                        html! {
                            <rect class={class} x={format!("{a:.1}")} y={(y - 5.0).to_string()} width={format!("{:.1}", (b - a).max(4.0))} height="10" rx="3" data-doc={doc.id.clone()}>
                                <title>{ title }</title>
                            </rect>
                        }
                    }
                }) }
                if let Some((a, b)) = selection {
                    <rect class="selection" x={a.to_string()} y={TOP.to_string()} width={(b - a).max(0.0).to_string()} height={(height - AXIS - TOP).to_string()} />
                }
            </svg>
            </div>
            <nav class="years" aria-label="Show one year">
                { for years.iter().map(|&y| {
                    let mut to = route.with_view(View::Timeline);
                    to.search.from = Date::new(y, 0, 0);
                    to.search.to = Date::new(y, 0, 0);
                    html! { <Link to={to}>{ y.to_string() }</Link> }
                }) }
                if route.search.from.is_some() || route.search.to.is_some() {
                    <Link to={{
                        let mut to = route.with_view(View::Timeline);
                        to.search.from = None;
                        to.search.to = None;
                        to
                    }}>{ "All dates" }</Link>
                }
            </nav>
            if t.undated > 0 {
                <p class="detail">{ format!("{} without a date are not shown.", format::count(t.undated, "statement", "statements")) }</p>
            }
            <details class="timeline-table">
                <summary>{ "The marks as a table" }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Lane" }</th><th scope="col">{ "Document" }</th>
                        <th scope="col">{ "Statements" }</th>
                        if with_query { <th scope="col">{ "Hits" }</th> }
                    </tr></thead>
                    <tbody>
                        { for t.marks.iter().map(|m| {
                            let doc = &corpus.documents[m.doc as usize];
                            html! {
                                <tr>
                                    <td>{ format::date(&doc.date) }</td>
                                    <td>{ lane_name(&t.lanes[m.lane].key) }</td>
                                    <td><Link to={route.doc_with_search(&doc.id, None)}>{ doc.title.clone() }</Link></td>
                                    <td>{ m.statements }</td>
                                    if with_query { <td>{ m.hits }</td> }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
