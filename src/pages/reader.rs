//! Reading one document: its metadata, then either its statements with speaker labels or the
//! original text, every paragraph with its role (boilerplate included).

use crate::components::cite::ParagraphTools;
use crate::components::distinctive::{Distinctive, Scope};
use crate::components::loading::Loading;
use crate::components::marked::{marked, term_class};
use crate::components::position::position_item;
use crate::components::tray::CompareAction;
use crate::components::Link;
use crate::context::{use_engine, Engine, Found};
use crate::format;
use crate::hooks::{use_deferred, use_keys, use_loaded};
use crate::route::params::{title_of, TEXT_MODES};
use crate::route::{Action, Item, Route, TextMode, View};
use concord_core::compare::formulas::reuse::{same_source, When};
use concord_core::query::{DocumentHits, Highlight};
use concord_core::shard::Need;
use concord_core::{
    Attribution, DateOrigin, Document, Finder, NearDup, Paragraph, Role, Statement, NARRATOR_ID,
    NARRATOR_NAME,
};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub route: Route,
    pub found: Found,
}

type Hits = DocumentHits;

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
    let engine = use_engine();
    let corpus = engine.corpus();
    let route = &props.route;
    let doc_index = route.doc.as_deref().and_then(|id| corpus.position(id));
    let hits = {
        let engine = engine.clone();
        use_memo((props.found.clone(), doc_index), move |(found, doc)| {
            doc.map(|d| {
                engine
                    .read()
                    .searcher()
                    .document_hits(&found.query, &found.results, d as u32)
            })
            .unwrap_or_default()
        })
    };
    // Near-duplicates of the document's statements, by paragraph: found after the first
    // render (they can take a while on a large corpus), once per document. Sharded, when
    // asked for: they read the text of every statement sharing a rarer word with these.
    let near_asked = use_state(|| None::<usize>);
    let near_wanted = !engine.is_sharded() || (doc_index.is_some() && *near_asked == doc_index);
    let near_load = use_loaded((doc_index, near_wanted), move |e| match doc_index {
        Some(d) if near_wanted => Need::of_near_dups(&e.index(), d as u32),
        _ => Need::default(),
    });
    let dups = {
        let engine = engine.clone();
        let ready = near_wanted && near_load.is_ready();
        use_deferred((doc_index, ready), 0, move |&(doc, ready)| {
            doc.filter(|_| ready)
                .map(|d| {
                    crate::timing::measured("concord:neardup", || {
                        Finder::new(&engine.corpus(), &engine.index())
                            .of_document(d as u32)
                            .into_iter()
                            .collect::<HashMap<u32, Vec<NearDup>>>()
                    })
                })
                .unwrap_or_default()
        })
    };
    let near = if near_wanted {
        html! { <Loading load={near_load} what="where these statements were also reported" /> }
    } else {
        let ask = {
            let near_asked = near_asked.clone();
            Callback::from(move |_: MouseEvent| near_asked.set(doc_index))
        };
        html! {
            <p class="near-dups-ask">
                <button type="button" class="find-near-dups" onclick={ask}>
                    { "Find where these statements were also reported" }
                </button>
            </p>
        }
    };
    let no_dups = HashMap::new();
    let dups_here: &HashMap<u32, Vec<NearDup>> = dups.as_deref().unwrap_or(&no_dups);
    let Some(d) = doc_index else {
        // Route::check sends a missing document to the list; this is only a safeguard.
        return html! { <p>{ "No such document." }</p> };
    };
    let doc = &corpus.documents[d];
    let mode_route = |text: TextMode| route.apply(Action::ReadText(text));
    let hidden = doc.with_role(Role::Boilerplate).count();
    let back_label = if route.search == Default::default() {
        "← All statements"
    } else {
        "← Back to the results"
    };
    html! {
        <article class="reader" aria-labelledby="doc-title">
            <p class="crumbs"><Link to={route.apply(Action::Show(View::List))}>{ back_label }</Link></p>
            <h1 id="doc-title" tabindex="-1">{ doc.title.clone() }</h1>
            <Meta doc={d} />
            <nav class="toggle" aria-label="Text shown">
                <Link to={mode_route(TextMode::Statements)} current={route.text == TextMode::Statements}>
                    { format::count(doc.statements.len(), "statement", "statements") }
                </Link>
                <Link to={mode_route(TextMode::Original)} current={route.text == TextMode::Original}>
                    { title_of(TEXT_MODES, TextMode::Original) }
                </Link>
            </nav>
            <HitNav hits={hits.clone()} doc={d} searched={!props.found.query.legend.is_empty()} />
            <Distinctive route={route.clone()} scope={Scope::Doc(d as u32)} />
            { near }
            {
                match route.text {
                    TextMode::Statements => html! {
                        <>
                            <div class="statements">
                                { for doc.paragraphs.iter().map(|p| statement_view(&engine, route, doc, d, p, &hits, dups_here)) }
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
                            { for doc.paragraphs.iter().map(|p| original_view(route, doc, d, p, &hits)) }
                        </ol>
                    },
                }
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct HitNavProps {
    hits: Rc<Hits>,
    /// Index into the corpus's documents.
    doc: usize,
    /// The search has terms (so "no hits here" is worth saying).
    searched: bool,
}

/// Previous / next hit (buttons and the keys `p` and `n`), the count, and the strip of
/// where the hits fall in the document.
#[function_component(HitNav)]
fn hit_nav(props: &HitNavProps) -> Html {
    let hits = &props.hits;
    let total = hits.marks.len();
    // The hit strip's ticks are placed through the CSS object model, not a `style`
    // attribute, which the Content-Security-Policy (no inline styles) would refuse.
    let strip = use_node_ref();
    {
        let strip = strip.clone();
        use_effect_with(hits.clone(), move |hits| {
            if let Some(strip) = strip.cast::<web_sys::Element>() {
                let ticks = strip.children();
                for (k, mark) in hits.marks.iter().enumerate() {
                    if let Some(tick) = ticks
                        .item(k as u32)
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = tick.style().set_property("left", &percent(mark.at));
                    }
                }
            }
        });
    }
    // The current hit, shared with the key listener; none again in a new document.
    let current = use_mut_ref(|| None::<usize>);
    {
        let current = current.clone();
        use_effect_with((props.doc, total), move |_| *current.borrow_mut() = None);
    }
    let redraw = use_force_update();
    let go_to = {
        let current = current.clone();
        Rc::new(move |k: usize| {
            *current.borrow_mut() = Some(k);
            redraw.force_update();
            show_hit(k);
        })
    };
    let step = {
        let (current, go_to) = (current.clone(), go_to.clone());
        Rc::new(move |forward: bool| {
            if total > 0 {
                // Read before `go_to` borrows it to write.
                let now = *current.borrow();
                go_to(next_hit(now, total, forward));
            }
        })
    };
    {
        let step = step.clone();
        use_keys((props.doc, total), move |key| match key {
            "n" | "p" => {
                step(key == "n");
                true
            }
            _ => false,
        });
    }
    if total == 0 {
        return if props.searched {
            html! { <p class="hit-nav none">{ "No hits of this search in this document." }</p> }
        } else {
            html! {}
        };
    }
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
                { for hits.marks.iter().enumerate().map(|(k, mark)| {
                    let go_to = go_to.clone();
                    html! {
                        <button
                            type="button"
                            tabindex="-1"
                            class={classes!("tick", term_class(mark.term), (now == Some(k)).then_some("now"))}
                            aria-label={format!("Hit {} of {total}, paragraph {}", k + 1, mark.p)}
                            onclick={move |_| go_to(k)}
                        ></button>
                    }
                }) }
            </div>
        </div>
    }
}

/// The hit after (or before) `current`, round the document; the first (or last) when none
/// is current.
fn next_hit(current: Option<usize>, total: usize, forward: bool) -> usize {
    match (current, forward) {
        (None, true) => 0,
        (None, false) => total - 1,
        (Some(c), true) => (c + 1) % total,
        (Some(c), false) => (c + total - 1) % total,
    }
}

fn paragraph_link(route: &Route, p: &Paragraph) -> Html {
    let to = route.apply(Action::Jump(p.n));
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

/// The positions a statement states, under its text: whose stance on what, the target as
/// written (the DOM contract's `data-stance`, `data-actor`, `data-doc`, `data-p`).
fn positions_of(engine: &Engine, doc: &Document, p: &Paragraph, s: &Statement) -> Html {
    let corpus = &engine.corpus();
    html! {
        <ul class="positions" aria-label={format!("Positions stated in paragraph {}", p.n)}>
            { for s.positions.iter().map(|pos| {
                let target = p.text.get(pos.target.0 as usize..pos.target.1 as usize).unwrap_or("");
                position_item(corpus, pos, (&doc.id, p.n), target, Html::default(), Html::default())
            }) }
        </ul>
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
    let corpus = &engine.corpus();
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
                                None => html! { <span class="speaker narrator" data-speaker={NARRATOR_ID}>{ NARRATOR_NAME }</span> },
                            }
                        }
                        if let Some(how) = how {
                            <span class="how" title={how.1}>{ how.0 }<span class="sr-only">{ format!(": {}", how.1) }</span></span>
                        }
                        { paragraph_link(route, p) }
                        <CompareAction route={route.clone()} item={Item { doc: doc.id.clone(), p: Some(p.n) }}
                            what={AttrValue::from(format!("paragraph {}", p.n))} />
                    </header>
                    <p>{ paragraph_text(p, hits) }</p>
                    if let Some(s) = statement.filter(|s| !s.positions.is_empty()) {
                        { positions_of(engine, doc, p, s) }
                    }
                    <ParagraphTools doc={d} p={p.n} />
                    { also_reported(engine, route, (doc, d), p.n, dups.get(&p.n).map_or(&[][..], Vec::as_slice)) }
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

/// "Also reported as…": the statement's near-duplicates, each with a link to read it and
/// one to compare the two, and, in another document, whether it came earlier or later and
/// from the same source or another.
fn also_reported(
    engine: &Engine,
    route: &Route,
    (doc, d): (&Document, usize),
    p: u32,
    dups: &[NearDup],
) -> Html {
    let index = &engine.index();
    let this = index
        .doc_statements(d as u32)
        .find(|&s| index.statements[s as usize].p == p);
    let Some(this) = this.filter(|_| !dups.is_empty()) else {
        return html! {};
    };
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
                    let other = &engine.corpus().documents[st.doc as usize];
                    let there = Item { doc: other.id.clone(), p: Some(st.p) };
                    let name = if other.id == doc.id {
                        format!("¶{} here", st.p)
                    } else {
                        format!("{}, ¶{}", other.title, st.p)
                    };
                    // Which came first, and from whom: the direction of the reuse.
                    let when = When::of(index, this, dup.stmt);
                    let source = if same_source(index, this, dup.stmt) { "same" } else { "other" };
                    let how = if other.id == doc.id {
                        String::new()
                    } else {
                        format!(" · {}, {source} source", when.name().replace('-', " "))
                    };
                    html! {
                        <li data-doc={other.id.clone()} data-p={st.p.to_string()} data-when={when.name()} data-source={source}>
                            <Link to={route.apply(Action::Read(there.clone()))}>{ name }</Link>
                            <span class="detail">{ format!(" ({}% alike{how}) ", (dup.score * 100.0).round() as u32) }</span>
                            <Link to={route.apply(Action::Compare(here.clone(), there))} class="cmp-link"
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
            { paragraph_link(route, p) }
            <ParagraphTools doc={d} p={p.n} />
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct MetaProps {
    /// Index into the corpus's documents.
    doc: usize,
}

/// The document's metadata as a description list.
#[function_component(Meta)]
fn meta(props: &MetaProps) -> Html {
    let engine = use_engine();
    let corpus = &engine.corpus();
    let Some(doc) = corpus.documents.get(props.doc) else {
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
            let detail = format::person_detail(corpus, p);
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
                    if !format::person_detail(corpus, speaker).is_empty() {
                        <span class="detail">{ format!(" ({})", format::person_detail(corpus, speaker)) }</span>
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
