//! Positions (`view=positions`): the targets of the positions the current search and filters
//! match, grouped by key, each with the stances actors took on it (how often, first and
//! latest) and its uses in date order. The grouping and orders are the core's
//! ([`concord_core::aggregate::positions`]); this view draws them.
//!
//! DOM contract (README, "DOM contract"): every use is an element with `data-stance`,
//! `data-actor`, `data-doc` and `data-p`, whose text holds the target as written.

use crate::components::position::position_item;
use crate::components::{Link, ViewTabs};
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::route::{Action, Item, Route};
use concord_core::aggregate::positions::{stances_asked, Group, Positions, Use};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PositionsProps {
    pub route: Route,
    pub found: Found,
}

/// Most targets drawn; the status line says when there are more.
const GROUPS_SHOWN: usize = 100;
/// Most uses listed under a target before "and N more".
const USES_SHOWN: usize = 20;

#[hook]
fn use_positions(route: &Route, found: &Found) -> Rc<Positions> {
    let engine = use_engine();
    use_memo(
        (found.clone(), route.search.filters.clone()),
        move |(found, filters)| {
            crate::timing::measured("concord:positions", || {
                engine.read().searcher().positions(
                    found.results.statement_ids(),
                    stances_asked(&found.query, filters),
                )
            })
        },
    )
}

#[function_component(PositionsView)]
pub fn positions_view(props: &PositionsProps) -> Html {
    let engine = use_engine();
    let route = &props.route;
    let positions = use_positions(route, &props.found);
    let narrowed = route.search.filtered() || route.search.has_query();
    let status = if positions.positions == 0 {
        format!(
            "No positions{}.",
            if narrowed {
                " in the statements found"
            } else {
                " were found in this corpus"
            }
        )
    } else {
        format!(
            "{} on {} in {}{}{}.",
            format::count(positions.positions, "position", "positions"),
            format::count(positions.groups.len(), "target", "targets"),
            format::count(positions.statements, "statement", "statements"),
            if narrowed {
                " under the current search and filters"
            } else {
                ""
            },
            if positions.groups.len() > GROUPS_SHOWN {
                format!("; the {GROUPS_SHOWN} targets taken most often are shown")
            } else {
                String::new()
            }
        )
    };
    html! {
        <section class="positions" aria-labelledby="positions-title">
            <h1 id="positions-title" tabindex="-1">{ "Positions" }</h1>
            <ViewTabs route={route.clone()} />
            <p class="status" role="status">
                { status }
                <span class="detail">{ " Who supports, opposes, calls for, welcomes, condemns, rejects or is concerned about what, read from the text when the corpus was built." }</span>
            </p>
            <ol class="target-groups">
                { for positions.groups.iter().take(GROUPS_SHOWN).map(|g| group(&engine, route, g)) }
            </ol>
        </section>
    }
}

fn group(engine: &Engine, route: &Route, g: &Group) -> Html {
    let corpus = &engine.corpus();
    let search = route.apply(Action::SearchFor(format!("\"{}\"", g.key)));
    let uses = &g.uses;
    let read = engine.read();
    let searcher = read.searcher();
    html! {
        <li class="target-group" data-key={g.key.clone()}>
            <h2>
                <Link to={search}>{ g.label.clone() }</Link>
                <span class="counts">{ format!(" {} by {}", format::count(g.uses.len(), "position", "positions"), format::count(g.actors(), "actor", "actors")) }</span>
            </h2>
            <table class="stances">
                <caption class="sr-only">{ format!("Stances on “{}”", g.label) }</caption>
                <thead>
                    <tr><th scope="col">{ "Actor" }</th><th scope="col">{ "Stance" }</th><th scope="col" class="num">{ "Uses" }</th><th scope="col">{ "First" }</th><th scope="col">{ "Latest" }</th></tr>
                </thead>
                <tbody>
                    { for g.rows.iter().map(|r| html! {
                        <tr>
                            <td>{ corpus.actor_name(&r.actor).to_string() }</td>
                            <td><span class={classes!("stance", format!("stance-{}", r.stance.slug()))}>{ r.stance.label() }</span></td>
                            <td class="num">{ r.uses.len() }</td>
                            <td>{ format::day(r.first) }</td>
                            <td>{ format::day(r.latest) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <details>
                <summary>{ format::count(uses.len(), "use", "uses") }</summary>
                <ol class="uses">
                    { for uses.iter().take(USES_SHOWN).map(|u| use_line(engine, &searcher, route, *u)) }
                </ol>
                if uses.len() > USES_SHOWN {
                    <p>{ format!("and {} more (search for the target to read them all)", uses.len() - USES_SHOWN) }</p>
                }
            </details>
        </li>
    }
}

/// One use: when, whose stance (and who voiced it), the target as written, and a link to
/// the statement in the reader.
fn use_line(engine: &Engine, searcher: &concord_core::Searcher<'_>, route: &Route, u: Use) -> Html {
    let corpus = &engine.corpus();
    let st = &engine.index().statements[u.stmt as usize];
    let doc = &corpus.documents[st.doc as usize];
    let Some(pos) = searcher.position(u) else {
        return Html::default();
    };
    let before = html! {
        <>
            <time datetime={doc.date.date.map(|d| d.to_string())}>{ format::date(&doc.date) }</time>
            { " · " }
        </>
    };
    let after = html! {
        <>
            { " · " }
            <Link to={route.apply(Action::Read(Item { doc: doc.id.clone(), p: Some(st.p) }))}>{ format!("{}, ¶{}", doc.title, st.p) }</Link>
        </>
    };
    position_item(
        corpus,
        pos,
        (&doc.id, st.p),
        searcher.target_text(u),
        before,
        after,
    )
}
