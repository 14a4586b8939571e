//! Reading one document: its metadata, then either its statements with speaker labels or the
//! original text, every paragraph with its role (boilerplate included).

use super::cite::ParagraphTools;
use super::distinctive::{Distinctive, Scope};
use super::marked::{marked, term_class};
use super::tray::CompareAction;
use super::Link;
use crate::app::Found;
use crate::data::{CorpusRef, Engine};
use crate::format;
use crate::route::{Item, Route, TextMode, View};
use concord_core::compare::neardup::{Finder, NearDup};
use concord_core::model::{Attribution, DateOrigin, Document, Paragraph, Role, Statement};
use concord_core::query::Highlight;
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub route: Route,
    pub found: Found,
}

/// The hits of the search in one document: highlights per paragraph, numbered in reading
/// order, and where each falls in the document (0–1).
#[derive(PartialEq, Default)]
struct Hits {
    by_paragraph: HashMap<u32, (usize, Vec<Highlight>)>,
    /// (position, term, paragraph) of each hit, in order.
    marks: Vec<(f32, usize, u32)>,
}

fn hits_of(engine: &Engine, found: &Found, doc: usize) -> Hits {
    let mut hits = Hits::default();
    let Some(dh) = found
        .results
        .documents
        .iter()
        .find(|d| d.doc as usize == doc)
    else {
        return hits;
    };
    let searcher = engine.searcher();
    let matched: Vec<u32> = dh.statements.iter().map(|h| h.stmt).collect();
    let positions: Vec<f32> = searcher
        .dispersion(&found.query, doc as u32)
        .into_iter()
        .filter(|(_, s)| matched.binary_search(s).is_ok())
        .map(|(x, _)| x)
        .collect();
    let mut n = 0;
    for &s in &matched {
        let p = engine.index.statements[s as usize].p;
        let highlights = searcher.highlights(&found.query, s);
        for h in &highlights {
            let x = positions.get(hits.marks.len()).copied().unwrap_or(0.0);
            hits.marks.push((x, h.term, p));
        }
        hits.by_paragraph.insert(p, (n, highlights.clone()));
        n += highlights.len();
    }
    hits
}

/// `12.34%` for a position from 0 to 1, in integer arithmetic (no float formatting
/// code in the app).
fn percent(x: f32) -> String {
    let basis = (x.clamp(0.0, 1.0) * 10_000.0).round() as u32;
    format!("{}.{:02}%", basis / 100, basis % 100)
}

/// Scrolls hit `k` into view and focuses it.
fn show_hit(k: usize) {
    let document = gloo::utils::document();
    if let Some(el) = document.get_element_by_id(&format!("hit-{k}")) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let corpus = engine.corpus.clone();
    let route = &props.route;
    let doc_id = route.doc.clone().unwrap_or_default();
    let doc_index = corpus.position(&doc_id);
    let hits = {
        let engine = engine.clone();
        use_memo((props.found.clone(), doc_index), move |(found, doc)| {
            Rc::new(doc.map(|d| hits_of(&engine, found, d)).unwrap_or_default())
        })
    };
    let total = hits.marks.len();
    // The hit strip's ticks are placed through the CSS object model, not a `style`
    // attribute, which the Content-Security-Policy (no inline styles) would refuse.
    let strip = use_node_ref();
    {
        let strip = strip.clone();
        use_effect_with(hits.clone(), move |hits| {
            if let Some(strip) = strip.cast::<web_sys::Element>() {
                let ticks = strip.children();
                for (k, &(x, _, _)) in hits.marks.iter().enumerate() {
                    if let Some(tick) = ticks
                        .item(k as u32)
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = tick.style().set_property("left", &percent(x));
                    }
                }
            }
        });
    }
    // Near-duplicates of the document's statements, by paragraph: found after the first
    // render (they can take a while on a large corpus), once per document.
    let dups = {
        let engine = engine.clone();
        super::use_deferred(doc_index, 0, move |doc| {
            doc.map(|d| {
                crate::timing::measured("concord:neardup", || near_duplicates_of(&engine, d))
            })
            .unwrap_or_default()
        })
    };
    let no_dups = HashMap::new();
    let dups_here: &HashMap<u32, Vec<NearDup>> = dups.as_deref().unwrap_or(&no_dups);
    // The current hit, shared with the key listener.
    let current = use_mut_ref(|| None::<usize>);
    let redraw = use_force_update();
    let go_to = {
        let current = current.clone();
        let redraw = redraw.clone();
        Rc::new(move |k: usize| {
            *current.borrow_mut() = Some(k);
            redraw.force_update();
            show_hit(k);
        })
    };
    let step = {
        let current = current.clone();
        let go_to = go_to.clone();
        Rc::new(move |forward: bool| {
            if total == 0 {
                return;
            }
            let next = match (*current.borrow(), forward) {
                (None, true) => 0,
                (None, false) => total - 1,
                (Some(c), true) => (c + 1) % total,
                (Some(c), false) => (c + total - 1) % total,
            };
            go_to(next);
        })
    };
    {
        let step = step.clone();
        let current = current.clone();
        use_effect_with((doc_index, total), move |_| {
            *current.borrow_mut() = None;
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() || super::typing(e) {
                        return;
                    }
                    match e.key().as_str() {
                        "n" => step(true),
                        "p" => step(false),
                        _ => return,
                    }
                    e.prevent_default();
                },
            );
            move || drop(listener)
        });
    }
    let Some(doc) = doc_index.map(|i| &corpus.documents[i]) else {
        // Route::check sends a missing document to the list; this is only a safeguard.
        return html! { <p>{ "No such document." }</p> };
    };
    let mode_route = |text: TextMode| Route {
        text,
        ..route.doc_with_search(&doc.id, None)
    };
    let hidden = doc.with_role(Role::Boilerplate).count();
    let back = route.with_view(View::List);
    let back_label = if route.search == Default::default() {
        "← All statements"
    } else {
        "← Back to the results"
    };
    let nav_bar = if total > 0 {
        let now = *current.borrow();
        let (prev, next) = (step.clone(), step.clone());
        html! {
            <div class="hit-nav" role="group" aria-label="Hits in this document">
                <button type="button" onclick={move |_| prev(false)} aria-keyshortcuts="p">{ "← Previous" }</button>
                <span class="count" aria-live="polite">
                    {
                        match now {
                            Some(k) => format!("Hit {} of {total}", k + 1),
                            None => format::count(total, "hit", "hits"),
                        }
                    }
                </span>
                <button type="button" onclick={move |_| next(true)} aria-keyshortcuts="n">{ "Next →" }</button>
                <span class="keys">{ "Keys: n next, p previous" }</span>
                <div class="strip" ref={strip} role="group" aria-label="Where the hits fall in the document; choose one to go to it">
                    { for hits.marks.iter().enumerate().map(|(k, &(_, term, p))| {
                        let go_to = go_to.clone();
                        html! {
                            <button
                                type="button"
                                tabindex="-1"
                                class={classes!("tick", term_class(term), (now == Some(k)).then_some("now"))}
                                aria-label={format!("Hit {} of {total}, paragraph {p}", k + 1)}
                                onclick={move |_| go_to(k)}
                            ></button>
                        }
                    }) }
                </div>
            </div>
        }
    } else if !props.found.query.legend.is_empty() {
        html! { <p class="hit-nav none">{ "No hits of this search in this document." }</p> }
    } else {
        html! {}
    };
    html! {
        <article class="reader" aria-labelledby="doc-title">
            <p class="crumbs"><Link to={back}>{ back_label }</Link></p>
            <h1 id="doc-title" tabindex="-1">{ doc.title.clone() }</h1>
            <Meta doc={doc.id.clone()} />
            <nav class="toggle" aria-label="Text shown">
                <Link to={mode_route(TextMode::Statements)} current={route.text == TextMode::Statements}>
                    { format::count(doc.statements.len(), "statement", "statements") }
                </Link>
                <Link to={mode_route(TextMode::Original)} current={route.text == TextMode::Original}>
                    { "Original text" }
                </Link>
            </nav>
            { nav_bar }
            <Distinctive route={route.clone()} scope={Scope::Doc(doc_index.unwrap_or(0) as u32)} />
            {
                match route.text {
                    TextMode::Statements => html! {
                        <>
                            <div class="statements">
                                { for doc.paragraphs.iter().map(|p| statement_view(&engine, route, doc, doc_index.unwrap_or(0), p, &hits, dups_here)) }
                            </div>
                            if hidden > 0 {
                                <p class="hidden-note">
                                    { format!("{} of site furniture (share links, appeals, related posts) hidden. ", format::count(hidden, "line", "lines")) }
                                    <Link to={mode_route(TextMode::Original)}>{ "Show the original text" }</Link>
                                </p>
                            }
                        </>
                    },
                    TextMode::Original => html! {
                        <ol class="original" aria-label="Original text, one paragraph a line">
                            { for doc.paragraphs.iter().map(|p| original_view(route, doc, doc_index.unwrap_or(0), p, &hits)) }
                        </ol>
                    },
                }
            }
        </article>
    }
}

fn paragraph_link(route: &Route, doc: &Document, p: &Paragraph) -> Html {
    let to = Route {
        text: route.text,
        ..route.doc_with_search(&doc.id, Some(p.n))
    };
    html! {
        <Link to={to} class="pnum" label={AttrValue::from(format!("Link to paragraph {}", p.n))}>
            { format!("¶{}", p.n) }
        </Link>
    }
}

/// A paragraph's text with its hits marked.
fn paragraph_text(p: &Paragraph, hits: &Hits) -> Html {
    match hits.by_paragraph.get(&p.n) {
        Some((first, highlights)) => marked(&p.text, 0..p.text.len(), highlights, Some(*first)),
        None => html! { { p.text.clone() } },
    }
}

/// The paragraph as it stands in the file (label, line breaks and broken words as they
/// were), hits marked; shown with `white-space: pre-wrap` (the file's own spacing).
fn original_text(p: &Paragraph, hits: &Hits) -> Html {
    let original = p.original();
    match hits.by_paragraph.get(&p.n) {
        Some((first, highlights)) => {
            let shifted: Vec<Highlight> = highlights
                .iter()
                .map(|h| Highlight {
                    start: p.original_offset(h.start),
                    end: p.original_offset(h.end),
                    term: h.term,
                })
                .collect();
            marked(&original, 0..original.len(), &shifted, Some(*first))
        }
        None => html! { { original } },
    }
}

fn statement_view(
    engine: &Engine,
    route: &Route,
    doc: &Document,
    d: usize,
    p: &Paragraph,
    hits: &Hits,
    dups: &HashMap<u32, Vec<NearDup>>,
) -> Html {
    let corpus: &CorpusRef = &engine.corpus;
    let target = route.p;
    let class = classes!("statement", (target == Some(p.n)).then_some("target"));
    match p.role {
        Role::Heading => html! {
            <h2 class={classes!("subhead", (target == Some(p.n)).then_some("target"))} id={format!("p-{}", p.n)} data-doc={doc.id.clone()} data-p={p.n.to_string()}>
                { p.text.clone() }
            </h2>
        },
        Role::Body => {
            let statement: Option<&Statement> = doc.statements.iter().find(|s| s.p == p.n);
            let speaker = statement
                .and_then(|s| s.speaker)
                .and_then(|i| corpus.people.get(i as usize));
            // The badge beside the speaker, and what it means.
            let how = statement.map(|s| s.attribution).and_then(|a| match a {
                Attribution::Named | Attribution::Narrator => None,
                Attribution::Role => Some((
                    "inferred",
                    "identified from a role, such as “the president”",
                )),
                Attribution::Pronoun => {
                    Some(("inferred", "continues the previous speaker (“he”, “she”)"))
                }
                Attribution::QuoteContinued => {
                    Some(("inferred", "continues the previous paragraph’s quotation"))
                }
                Attribution::Document => Some((
                    "speaker",
                    "the document’s own speaker: no reporting clause names another",
                )),
                Attribution::Label => Some(("turn", "a transcript turn, from its speaker label")),
            });
            html! {
                <article class={class} id={format!("p-{}", p.n)} data-doc={doc.id.clone()} data-p={p.n.to_string()}>
                    <header class="who">
                        {
                            match speaker {
                                Some(person) => html! {
                                    <>
                                        <span class="speaker" data-speaker={person.id.clone()}>{ person.name.clone() }</span>
                                        <span class="detail">{ format::person_detail(corpus, person) }</span>
                                    </>
                                },
                                None => html! { <span class="speaker narrator" data-speaker="narrator">{ "Narrator" }</span> },
                            }
                        }
                        if let Some(how) = how {
                            <span class="how" title={how.1}>{ how.0 }<span class="sr-only">{ format!(": {}", how.1) }</span></span>
                        }
                        { paragraph_link(route, doc, p) }
                        <CompareAction route={route.clone()} item={Item { doc: doc.id.clone(), p: Some(p.n) }}
                            what={AttrValue::from(format!("paragraph {}", p.n))} />
                    </header>
                    <p>{ paragraph_text(p, hits) }</p>
                    <ParagraphTools doc={d} p={p.n} />
                    { also_reported(engine, route, doc, p.n, dups.get(&p.n).map_or(&[][..], Vec::as_slice)) }
                </article>
            }
        }
        Role::Label => html! {
            <p class={classes!("turn-label", (target == Some(p.n)).then_some("target"))} id={format!("p-{}", p.n)} data-doc={doc.id.clone()} data-p={p.n.to_string()}>
                { p.text.clone() }
            </p>
        },
        Role::Title | Role::Dateline | Role::Boilerplate => html! {},
    }
}

/// The near-duplicates of every statement of document `d`, by paragraph number.
fn near_duplicates_of(engine: &Engine, d: usize) -> HashMap<u32, Vec<NearDup>> {
    let index = &engine.index;
    let mut finder = Finder::new(&engine.corpus, index);
    index
        .doc_statements(d as u32)
        .map(|s| (index.statements[s as usize].p, finder.of(s)))
        .filter(|(_, dups)| !dups.is_empty())
        .collect()
}

/// "Also reported as…": the statement's near-duplicates, each with a link to read it and
/// one to compare the two.
fn also_reported(engine: &Engine, route: &Route, doc: &Document, p: u32, dups: &[NearDup]) -> Html {
    let index = &engine.index;
    if dups.is_empty() {
        return html! {};
    }
    let here = Item {
        doc: doc.id.clone(),
        p: Some(p),
    };
    html! {
        <div class="also">
            <span class="also-label">{ "Also reported as: " }</span>
            <ul>
                { for dups.iter().take(SHOWN_DUPS).map(|dup| {
                    let st = &index.statements[dup.stmt as usize];
                    let other = &engine.corpus.documents[st.doc as usize];
                    let there = Item { doc: other.id.clone(), p: Some(st.p) };
                    let name = if other.id == doc.id {
                        format!("¶{} here", st.p)
                    } else {
                        format!("{}, ¶{}", other.title, st.p)
                    };
                    html! {
                        <li data-doc={other.id.clone()} data-p={st.p.to_string()}>
                            <Link to={route.doc_with_search(&other.id, Some(st.p))}>{ name }</Link>
                            <span class="detail">{ format!(" ({}% alike) ", (dup.score * 100.0).round() as u32) }</span>
                            <Link to={route.compare(&here, &there)} class="cmp-link"
                                label={AttrValue::from(format!("Compare paragraph {p} with this"))}>{ "compare" }</Link>
                        </li>
                    }
                }) }
            </ul>
            if dups.len() > SHOWN_DUPS {
                <span class="detail">{ format!("and {} more", dups.len() - SHOWN_DUPS) }</span>
            }
        </div>
    }
}

/// Near-duplicates listed under a statement (the most alike first).
const SHOWN_DUPS: usize = 5;

fn original_view(route: &Route, doc: &Document, d: usize, p: &Paragraph, hits: &Hits) -> Html {
    let role = p.role.label();
    let target = route.p;
    html! {
        <li
            class={classes!("para", role, (target == Some(p.n)).then_some("target"))}
            id={format!("p-{}", p.n)}
            data-doc={doc.id.clone()}
            data-p={p.n.to_string()}
            data-role={role}
        >
            <span class="role-tag">{ role }</span>
            <p class="lines">{ original_text(p, hits) }</p>
            { paragraph_link(route, doc, p) }
            <ParagraphTools doc={d} p={p.n} />
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct MetaProps {
    doc: String,
}

/// The document's metadata as a description list.
#[function_component(Meta)]
fn meta(props: &MetaProps) -> Html {
    let corpus = use_context::<CorpusRef>().expect("corpus context");
    let Some(doc) = corpus.document(&props.doc) else {
        return html! {};
    };
    let date_note = match doc.date.origin {
        DateOrigin::Text { line } => format!("from the text, line {line}"),
        DateOrigin::TextAndCatalog { line } => {
            format!("day from the text (line {line}), year from the catalog")
        }
        DateOrigin::Catalog => "from the catalog".into(),
        DateOrigin::FileName => "from the file name".into(),
        DateOrigin::None => "no date found".into(),
    };
    let participants: Html = doc
        .participants
        .iter()
        .filter_map(|&i| corpus.people.get(i as usize))
        .map(|p| {
            let detail = format::person_detail(&corpus, p);
            html! {
                <li>
                    { p.name.clone() }
                    if !detail.is_empty() { <span class="detail">{ format!(" ({detail})") }</span> }
                </li>
            }
        })
        .collect();
    let countries: Vec<&str> = doc
        .countries
        .iter()
        .map(|c| corpus.country_name(c))
        .collect();
    html! {
        <dl class="meta">
            <div><dt>{ "Date" }</dt><dd>
                <time datetime={doc.date.date.map(|d| d.to_string())}>{ format::date(&doc.date) }</time>
                <span class="detail">{ format!(" ({date_note})") }</span>
            </dd></div>
            if let Some(speaker) = doc.speaker.and_then(|i| corpus.people.get(i as usize)) {
                <div><dt>{ "Speaker" }</dt><dd>
                    { speaker.name.clone() }
                    if !format::person_detail(&corpus, speaker).is_empty() {
                        <span class="detail">{ format!(" ({})", format::person_detail(&corpus, speaker)) }</span>
                    }
                </dd></div>
            }
            <div><dt>{ "Source" }</dt><dd>{ doc.source.clone().unwrap_or_else(|| "Unknown".into()) }</dd></div>
            <div><dt>{ "Kind" }</dt><dd>{ doc.kind.as_deref().map_or_else(|| "Unknown".into(), format::kind) }</dd></div>
            if !doc.participants.is_empty() {
                <div><dt>{ "Participants" }</dt><dd><ul class="inline">{ participants }</ul></dd></div>
            }
            if !countries.is_empty() {
                <div><dt>{ "Countries mentioned" }</dt><dd>{ countries.join(", ") }</dd></div>
            }
            <div><dt>{ "File" }</dt><dd><code>{ doc.file.clone() }</code></dd></div>
        </dl>
    }
}
