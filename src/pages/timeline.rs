//! The timeline (`view=timeline`): the statements that pass the filters, placed by date in
//! lanes by speaker or by country (`lane=`), each mark one document's statements in a lane,
//! spanning its date at its precision; marks with hits of the query are emphasised. Dragging
//! across the chart sets the date range (`from`, `to`); the years below do the same from the
//! keyboard. A table gives the same marks as text. The geometry is [`crate::chart::timeline`].

use crate::chart::timeline::{
    height, lane_middle, selection, Scale, Shape, AXIS, LEFT, RIGHT, TOP, W,
};
use crate::components::{Link, ViewTabs};
use crate::context::{use_engine, use_nav, Engine, Found};
use crate::format;
use crate::route::params::{title_of, LANES};
use crate::route::{Action, Item, Route};
use concord_core::aggregate::timeline::{date_of_day, OTHERS};
use concord_core::{LaneBy, Timeline};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub route: Route,
    pub found: Found,
}

/// The timeline under the route's filters, with the search's hits marked.
#[hook]
fn use_timeline(route: &Route, found: &Found) -> Rc<(Timeline, bool)> {
    let engine = use_engine();
    use_memo(
        (found.clone(), route.search.filters.clone(), route.lane),
        move |(found, filters, lane)| {
            let mut hits: Vec<u32> = found.results.statement_ids().collect();
            hits.sort_unstable();
            let with_query = !found.query.legend.is_empty();
            (
                engine.read().searcher().timeline(&hits, filters, *lane),
                with_query,
            )
        },
    )
}

/// How a lane is named: a speaker, a country, or the others.
fn lane_name(engine: &Engine, lane: LaneBy, key: &str) -> String {
    match lane {
        _ if key == OTHERS => "Others".into(),
        LaneBy::Speaker => engine.corpus().speaker_id_name(key).to_string(),
        LaneBy::Country => engine.corpus().country_name(key).to_string(),
        LaneBy::Stance => format::stance(key),
    }
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineProps) -> Html {
    let route = &props.route;
    let timeline = use_timeline(route, &props.found);
    let (t, with_query) = (&timeline.0, timeline.1);
    let lane_toggle = |lane: LaneBy| {
        html! {
            <Link to={route.apply(Action::Lanes(lane))} current={route.lane == lane} stay=true>
                { title_of(LANES, lane) }
            </Link>
        }
    };
    let Some((lo, hi)) = t.span() else {
        return html! {
            <section class="timeline" aria-labelledby="timeline-title">
                <h1 id="timeline-title" tabindex="-1">{ "Timeline" }</h1>
                <ViewTabs route={route.clone()} />
                <p role="status">{ "No dated statements under these filters." }</p>
            </section>
        };
    };
    let scale = Scale { lo, hi };
    let summary = format!(
        "{} by {} from {} to {}, in {} lanes{}.",
        format::count(t.statements, "statement", "statements"),
        match route.lane {
            LaneBy::Speaker => "speaker",
            LaneBy::Country => "country",
            LaneBy::Stance => "stance",
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
    let all_dates = route.apply(Action::Dates(None, None));
    let filters = &route.search.filters;
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h1 id="timeline-title" tabindex="-1">{ "Timeline" }</h1>
            <ViewTabs route={route.clone()} />
            <p class="status" role="status">{ summary.clone() }</p>
            <nav class="toggle" aria-label="Lanes">
                { for LANES.iter().map(|l| lane_toggle(l.value)) }
            </nav>
            <p class="detail">{ "Drag across the chart to show only that span." }</p>
            <div class="timeline-scroll" tabindex="0" role="group" aria-label="Timeline chart (scrolls sideways on narrow screens)">
                <Chart route={route.clone()} timeline={timeline.clone()} {summary} />
            </div>
            <nav class="years" aria-label="Show one year">
                { for scale.years().into_iter().map(|(y, _)| {
                    let year = concord_core::Date::new(y, 0, 0);
                    html! { <Link to={route.apply(Action::Dates(year, year))}>{ y.to_string() }</Link> }
                }) }
                if filters.from.is_some() || filters.to.is_some() {
                    <Link to={all_dates}>{ "All dates" }</Link>
                }
            </nav>
            if t.undated > 0 {
                <p class="detail">{ format!("{} without a date are not shown.", format::count(t.undated, "statement", "statements")) }</p>
            }
            <MarksTable route={route.clone()} timeline={timeline.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    route: Route,
    timeline: Rc<(Timeline, bool)>,
    summary: String,
}

/// The chart: year ticks, lanes, marks, and the span being dragged.
#[function_component(Chart)]
fn chart(props: &ChartProps) -> Html {
    let engine = use_engine();
    let nav = use_nav();
    let svg = use_node_ref();
    let drag = use_state(|| None::<(f64, f64)>);
    let (t, with_query) = (&props.timeline.0, props.timeline.1);
    let Some((lo, hi)) = t.span() else {
        return html! {};
    };
    let scale = Scale { lo, hi };
    let h = height(t.lanes.len());
    // Client x → chart x.
    let to_chart = {
        let svg = svg.clone();
        move |client_x: i32| -> Option<f64> {
            let el = svg.cast::<web_sys::Element>()?;
            let r = el.get_bounding_client_rect();
            (r.width() > 0.0).then(|| (f64::from(client_x) - r.left()) / r.width() * W)
        }
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
        let (drag, route) = (drag.clone(), props.route.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((a, _)) = *drag else {
                return;
            };
            drag.set(None);
            let span = to_chart(e.client_x()).and_then(|b| scale.span(a, b));
            if let Some((from, to)) = span {
                nav.go
                    .emit(route.apply(Action::Dates(Some(from), Some(to))));
            }
        })
    };
    let lane = props.route.lane;
    html! {
        <svg ref={svg} class="timeline-chart" viewBox={format!("0 0 {} {}", format::num(W), format::num(h))} role="img"
            aria-label={props.summary.clone()} {onpointerdown} {onpointermove} {onpointerup}>
            { for scale.years().into_iter().map(|(y, at)| html! {
                <g class="year">
                    <line x1={format::num(at)} x2={format::num(at)} y1={format::num(TOP)} y2={format::num(h - AXIS)} />
                    <text x={format::num(at + 3.0)} y={format::num(h - 10.0)}>{ y.to_string() }</text>
                </g>
            }) }
            { for t.lanes.iter().enumerate().map(|(i, l)| {
                let y = lane_middle(i);
                html! {
                    <g class="lane">
                        <line x1={format::num(LEFT)} x2={format::num(W - RIGHT)} y1={format::num(y)} y2={format::num(y)} />
                        <text x={format::num(LEFT - 8.0)} y={format::num(y + 4.0)} class="lane-name">{ lane_name(&engine, lane, &l.key) }</text>
                    </g>
                }
            }) }
            { for t.marks.iter().map(|m| {
                let doc = &engine.corpus().documents[m.doc as usize];
                let class = classes!(
                    "mark", "series", format!("t{}", m.lane % 8),
                    if !with_query || m.hits > 0 { "hit" } else { "miss" }
                );
                let title = format!(
                    "{} — {} — {}: {}{}",
                    doc.title, format::date(&doc.date), lane_name(&engine, lane, &t.lanes[m.lane].key),
                    format::count(m.statements, "statement", "statements"),
                    if with_query { format!(", {}", format::count(m.hits, "hit", "hits")) } else { String::new() }
                );
                match scale.shape(m) {
                    Shape::Dot { cx, cy } => html! {
                        <circle class={class} cx={format::num(cx)} cy={format::num(cy)} r="5" data-doc={doc.id.clone()}>
                            <title>{ title }</title>
                        </circle>
                    },
                    Shape::Bar { x, y, width } => html! {
                        <rect class={class} x={format::num(x)} y={format::num(y)} width={format::num(width)} height="10" rx="3" data-doc={doc.id.clone()}>
                            <title>{ title }</title>
                        </rect>
                    },
                }
            }) }
            if let Some((a, b)) = drag.map(|(a, b)| selection(a, b)) {
                <rect class="selection" x={format::num(a)} y={format::num(TOP)} width={format::num((b - a).max(0.0))} height={format::num(h - AXIS - TOP)} />
            }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct MarksTableProps {
    route: Route,
    timeline: Rc<(Timeline, bool)>,
}

/// The marks as a table, for reading and for screen readers.
#[function_component(MarksTable)]
fn marks_table(props: &MarksTableProps) -> Html {
    let engine = use_engine();
    let (t, with_query) = (&props.timeline.0, props.timeline.1);
    let route = &props.route;
    html! {
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
                        let doc = &engine.corpus().documents[m.doc as usize];
                        let read = route.apply(Action::Read(Item { doc: doc.id.clone(), p: None }));
                        html! {
                            <tr>
                                <td>{ format::date(&doc.date) }</td>
                                <td>{ lane_name(&engine, route.lane, &t.lanes[m.lane].key) }</td>
                                <td><Link to={read}>{ doc.title.clone() }</Link></td>
                                <td>{ m.statements }</td>
                                if with_query { <td>{ m.hits }</td> }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </details>
    }
}
