//! The filter panel: speaker, country, source, kind and year with the number of matching
//! statements for each value, a date range, and clear-all. Every change is a deliberate move
//! (a history entry), so Back undoes it.

use super::Link;
use crate::context::{use_engine, use_nav, Engine, Found};
use crate::format;
use crate::hooks::use_lagging;
use crate::route::params::{name_of, title_of, FACETS};
use crate::route::{Action, Route};
use concord_core::{Date, Facet, Facets};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Values shown before "Show all" (lists at most two longer are shown whole).
const SHORT: usize = 8;

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub route: Route,
    /// The search whose counts the panel shows.
    pub found: Found,
}

/// How long typing pauses before the counts follow the query, in milliseconds.
const TYPING_PAUSE_MS: u32 = 150;

/// Whether `new` differs from `shown` in its query alone (a key typed): then the panel
/// follows the results once typing pauses, so each key's results reach the screen first.
fn typed_only(shown: &(Route, Found), new: &(Route, Found)) -> bool {
    let mut route = new.0.clone();
    route.search.q.clone_from(&shown.0.search.q);
    route == shown.0
}

/// A facet's values with their counts, largest first.
type Values = Rc<Vec<(String, usize)>>;

/// The latest route, for a value ticked while the lists still show the one before.
#[derive(Clone)]
struct Latest(Rc<RefCell<Route>>);

impl PartialEq for Latest {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(FacetPanel)]
pub fn facet_panel(props: &FacetPanelProps) -> Html {
    let latest = Latest(use_mut_ref(|| props.route.clone()));
    *latest.0.borrow_mut() = props.route.clone();
    // The lists and counts (the panel's cost) follow typed keys once typing pauses.
    let (shown, found) = use_lagging(
        (props.route.clone(), props.found.clone()),
        TYPING_PAUSE_MS,
        typed_only,
    );
    let route = &props.route;
    let search = &route.search;
    // Each list once per search shown (the same lists are the same props: no redraw).
    let lists = use_memo((shown.clone(), found), |(shown, found)| {
        let facets: &Facets = &found.results.facets;
        let mut lists: Vec<(Option<Facet>, Values)> = Facet::ALL
            .into_iter()
            .map(|facet| {
                // Chosen values stay listed (with 0) so they can be unchosen.
                let mut values: Vec<(String, usize)> = facets.of(facet).to_vec();
                for c in shown.search.filters.list(facet) {
                    if !values.iter().any(|(v, _)| v == c) {
                        values.push((c.clone(), 0));
                    }
                }
                (Some(facet), Rc::new(values))
            })
            .collect();
        lists.push((None, Rc::new(facets.year.clone())));
        lists
    });
    let groups: Html = lists
        .iter()
        .map(|(facet, values)| {
            let (name, title) = match facet {
                Some(f) => (name_of(FACETS, *f), title_of(FACETS, *f)),
                None => ("year", "Year"),
            };
            html! {
                <FacetGroup {name} {title} facet={*facet} values={values.clone()}
                    route={shown.clone()} latest={latest.clone()} />
            }
        })
        .collect();
    html! {
        <aside class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{ "Filters" }</h2>
            if search.filtered() {
                <p class="clear"><Link to={route.apply(Action::ClearFilters)}>{ "Clear all filters" }</Link></p>
            }
            { groups }
            <DateRange route={route.clone()} />
        </aside>
    }
}

/// How a facet value is written on screen.
fn label(engine: &Engine, facet: Option<Facet>, v: &str) -> String {
    let corpus = &engine.corpus();
    match facet {
        Some(Facet::Speaker) => corpus.speaker_id_name(v).to_string(),
        Some(Facet::Country) => corpus.country_name(v).to_string(),
        Some(Facet::Source) => engine
            .index()
            .sources
            .iter()
            .find(|(s, _)| s == v)
            .map_or_else(|| v.to_string(), |(_, name)| name.clone()),
        Some(Facet::Kind) => format::kind(v),
        Some(Facet::Stance) => format::stance(v),
        None => v.to_string(),
    }
}

/// Whether `v` is chosen in `route` (a year, `facet` None, when it is the date range).
fn chosen(route: &Route, facet: Option<Facet>, v: &str) -> bool {
    match facet {
        Some(f) => route.search.filters.list(f).iter().any(|x| x == v),
        None => year_of(v).is_some_and(|y| route.has_year(y)),
    }
}

/// The route with `v` toggled. Years (`facet` None) set the date range to that year.
fn toggled(route: &Route, facet: Option<Facet>, v: &str) -> Route {
    match (facet, year_of(v)) {
        (Some(f), _) => route.apply(Action::Toggle(f, v.to_string())),
        (None, Some(y)) => route.apply(Action::ToggleYear(y)),
        (None, None) => route.clone(),
    }
}

/// The year a year facet's value names.
fn year_of(v: &str) -> Option<i32> {
    Date::parse_iso(v).filter(|d| d.month == 0).map(|d| d.year)
}

#[derive(Properties, PartialEq)]
struct FacetGroupProps {
    name: &'static str,
    title: &'static str,
    facet: Option<Facet>,
    values: Values,
    /// The route the values were counted for: which are chosen.
    route: Route,
    /// The route a tick changes.
    latest: Latest,
}

/// One facet: a checkbox per value, with its count; long lists fold (and only the values
/// shown are labelled and linked, so a corpus with thousands of speakers stays quick).
#[function_component(FacetGroup)]
fn facet_group(props: &FacetGroupProps) -> Html {
    let nav = use_nav();
    let engine = use_engine();
    let open = use_state(|| false);
    if props.values.is_empty() {
        return html! {};
    }
    let long = props.values.len() > SHORT + 2;
    let shown: Vec<(&(String, usize), bool)> = props
        .values
        .iter()
        .enumerate()
        .filter(|(i, value)| {
            // The chosen values are always shown.
            !long || *open || *i < SHORT || chosen(&props.route, props.facet, &value.0)
        })
        .map(|(_, value)| {
            let on = chosen(&props.route, props.facet, &value.0);
            (value, on)
        })
        .collect();
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <fieldset class="facet" data-facet={props.name}>
            <legend>{ props.title }</legend>
            <ul>
                { for shown.into_iter().map(|((value, count), on)| {
                    let id = format!("f-{}-{}", props.name, value);
                    let onchange = {
                        let (go, latest, facet, value) = (nav.stay.clone(), props.latest.clone(), props.facet, value.clone());
                        Callback::from(move |_: Event| go.emit(toggled(&latest.0.borrow(), facet, &value)))
                    };
                    html! {
                        <li key={value.clone()}>
                            <input type="checkbox" id={id.clone()} checked={on} {onchange} data-value={value.clone()} />
                            <label for={id}>
                                <span class="name">{ label(&engine, props.facet, value) }</span>
                                <span class="n">{ count.to_string() }<span class="sr-only">{ " statements" }</span></span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if long {
                <button type="button" class="more" onclick={toggle_open} aria-expanded={(*open).to_string()}>
                    { if *open { "Show fewer".to_string() } else { format!("Show all {}", props.values.len()) } }
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
    let nav = use_nav();
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
                    nav.stay.emit(route.apply(Action::Dates(from, to)));
                }
                (Err(e), _) | (_, Err(e)) => error.set(Some(e)),
            }
        })
    };
    let key = format!(
        "{}|{}",
        shown(props.route.search.filters.from),
        shown(props.route.search.filters.to)
    );
    html! {
        <form class="dates" {onsubmit} key={key}>
            <fieldset>
                <legend>{ "Date range" }</legend>
                <label for="from">{ "From" }</label>
                <input id="from" name="from" ref={from_ref} value={shown(props.route.search.filters.from)} placeholder="YYYY-MM-DD" inputmode="numeric" aria-describedby="dates-help" />
                <label for="to">{ "To" }</label>
                <input id="to" name="to" ref={to_ref} value={shown(props.route.search.filters.to)} placeholder="YYYY-MM-DD" inputmode="numeric" aria-describedby="dates-help" />
                <p id="dates-help" class="help">{ "Year, month or day; both ends included." }</p>
                if let Some(e) = &*error {
                    <p class="problem" role="alert">{ e.clone() }</p>
                }
                <button type="submit">{ "Apply dates" }</button>
            </fieldset>
        </form>
    }
}
