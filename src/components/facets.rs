//! The filter panel: speaker, country, source, kind and year with the number of matching
//! statements for each value, a date range, and clear-all. Every change is a deliberate move
//! (a history entry), so Back undoes it.

use super::Link;
use crate::app::Nav;
use crate::data::Engine;
use crate::format;
use crate::route::{Facet, Route};
use concord_core::model::Date;
use concord_core::query::Facets;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Values shown before "Show all" (lists at most two longer are shown whole).
const SHORT: usize = 8;

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub route: Route,
    pub facets: Facets,
}

#[function_component(FacetPanel)]
pub fn facet_panel(props: &FacetPanelProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let route = &props.route;
    let search = &route.search;
    let label = |facet: Facet, v: &str| -> String {
        let corpus = &engine.corpus;
        match facet {
            Facet::Speaker => match v {
                "narrator" => "Narrator".into(),
                _ => corpus
                    .people
                    .iter()
                    .find(|p| p.id == v)
                    .map_or_else(|| v.to_string(), |p| p.name.clone()),
            },
            Facet::Country => corpus.country_name(v).to_string(),
            Facet::Source => engine
                .index
                .sources
                .iter()
                .find(|(s, _)| s == v)
                .map_or_else(|| v.to_string(), |(_, name)| name.clone()),
            Facet::Kind => format::kind(v),
        }
    };
    let groups: Html = Facet::ALL
        .into_iter()
        .map(|facet| {
            let counts = match facet {
                Facet::Speaker => &props.facets.speaker,
                Facet::Country => &props.facets.country,
                Facet::Source => &props.facets.source,
                Facet::Kind => &props.facets.kind,
            };
            let chosen = match facet {
                Facet::Speaker => &search.speakers,
                Facet::Country => &search.countries,
                Facet::Source => &search.sources,
                Facet::Kind => &search.kinds,
            };
            // Chosen values stay listed (with 0) so they can be unchosen.
            let mut values: Vec<(String, usize)> = counts.clone();
            for c in chosen {
                if !values.iter().any(|(v, _)| v == c) {
                    values.push((c.clone(), 0));
                }
            }
            let options: Vec<FacetOption> = values
                .into_iter()
                .map(|(v, n)| {
                    let on = chosen.contains(&v);
                    let mut to = route.with_view(route.view);
                    let list = to.search.list_mut(facet);
                    if on {
                        list.retain(|x| *x != v);
                    } else {
                        list.push(v.clone());
                    }
                    FacetOption {
                        label: label(facet, &v),
                        value: v,
                        count: n,
                        on,
                        to,
                    }
                })
                .collect();
            html! { <FacetGroup name={facet.param()} title={title(facet)} {options} /> }
        })
        .collect();
    // Years: choosing one sets the date range to that year.
    let year_options: Vec<FacetOption> = props
        .facets
        .year
        .iter()
        .map(|(y, n)| {
            let year = Date::parse_iso(y);
            let on = year.is_some() && search.from == year && search.to == year;
            let mut to = route.with_view(route.view);
            (to.search.from, to.search.to) = if on { (None, None) } else { (year, year) };
            FacetOption {
                label: y.clone(),
                value: y.clone(),
                count: *n,
                on,
                to,
            }
        })
        .collect();
    let clear = route.with_view(route.view);
    let clear = Route {
        search: clear.search.unfiltered(),
        ..clear
    };
    html! {
        <aside class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{ "Filters" }</h2>
            if search.filtered() {
                <p class="clear"><Link to={clear}>{ "Clear all filters" }</Link></p>
            }
            { groups }
            <FacetGroup name="year" title="Year" options={year_options} />
            <DateRange route={route.clone()} />
        </aside>
    }
}

fn title(facet: Facet) -> &'static str {
    match facet {
        Facet::Speaker => "Speaker",
        Facet::Country => "Country",
        Facet::Source => "Source",
        Facet::Kind => "Kind",
    }
}

#[derive(Clone, PartialEq)]
struct FacetOption {
    value: String,
    label: String,
    count: usize,
    on: bool,
    to: Route,
}

#[derive(Properties, PartialEq)]
struct FacetGroupProps {
    name: &'static str,
    title: &'static str,
    options: Vec<FacetOption>,
}

/// One facet: a checkbox per value, with its count; long lists fold.
#[function_component(FacetGroup)]
fn facet_group(props: &FacetGroupProps) -> Html {
    let nav = use_context::<Nav>().expect("nav context");
    let open = use_state(|| false);
    if props.options.is_empty() {
        return html! {};
    }
    let long = props.options.len() > SHORT + 2;
    let shown = if long && !*open {
        // The chosen values are always shown.
        props
            .options
            .iter()
            .enumerate()
            .filter(|(i, o)| *i < SHORT || o.on)
            .map(|(_, o)| o)
            .collect::<Vec<_>>()
    } else {
        props.options.iter().collect()
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <fieldset class="facet" data-facet={props.name}>
            <legend>{ props.title }</legend>
            <ul>
                { for shown.into_iter().map(|o| {
                    let id = format!("f-{}-{}", props.name, o.value);
                    let go = nav.stay.clone();
                    let to = o.to.clone();
                    let onchange = Callback::from(move |_: Event| go.emit(to.clone()));
                    html! {
                        <li key={o.value.clone()}>
                            <input type="checkbox" id={id.clone()} checked={o.on} {onchange} data-value={o.value.clone()} />
                            <label for={id}>
                                <span class="name">{ o.label.clone() }</span>
                                <span class="n">{ o.count.to_string() }<span class="sr-only">{ " statements" }</span></span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if long {
                <button type="button" class="more" onclick={toggle} aria-expanded={(*open).to_string()}>
                    { if *open { "Show fewer".to_string() } else { format!("Show all {}", props.options.len()) } }
                </button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct DateRangeProps {
    route: Route,
}

/// From / to dates at year, month or day precision, applied together.
#[function_component(DateRange)]
fn date_range(props: &DateRangeProps) -> Html {
    let nav = use_context::<Nav>().expect("nav context");
    let from_ref = use_node_ref();
    let to_ref = use_node_ref();
    let error = use_state(|| None::<String>);
    let shown = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let onsubmit = {
        let (from_ref, to_ref, error) = (from_ref.clone(), to_ref.clone(), error.clone());
        let route = props.route.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef, name: &str| -> Result<Option<Date>, String> {
                let v = r
                    .cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default();
                let v = v.trim();
                if v.is_empty() {
                    return Ok(None);
                }
                Date::parse_iso(v).map(Some).ok_or_else(|| {
                    format!("“{v}” is not a date for “{name}”: use YYYY, YYYY-MM or YYYY-MM-DD.")
                })
            };
            match (read(&from_ref, "from"), read(&to_ref, "to")) {
                (Ok(from), Ok(to)) => {
                    error.set(None);
                    let mut next = route.with_view(route.view);
                    next.search.from = from;
                    next.search.to = to;
                    nav.stay.emit(next);
                }
                (Err(e), _) | (_, Err(e)) => error.set(Some(e)),
            }
        })
    };
    let key = format!(
        "{}|{}",
        shown(props.route.search.from),
        shown(props.route.search.to)
    );
    html! {
        <form class="dates" {onsubmit} key={key}>
            <fieldset>
                <legend>{ "Date range" }</legend>
                <label for="from">{ "From" }</label>
                <input id="from" name="from" ref={from_ref} value={shown(props.route.search.from)} placeholder="YYYY-MM-DD" inputmode="numeric" aria-describedby="dates-help" />
                <label for="to">{ "To" }</label>
                <input id="to" name="to" ref={to_ref} value={shown(props.route.search.to)} placeholder="YYYY-MM-DD" inputmode="numeric" aria-describedby="dates-help" />
                <p id="dates-help" class="help">{ "Year, month or day; both ends included." }</p>
                if let Some(e) = &*error {
                    <p class="problem" role="alert">{ e.clone() }</p>
                }
                <button type="submit">{ "Apply dates" }</button>
            </fieldset>
        </form>
    }
}
