//! Reading one document: its metadata, then either its statements with speaker labels or the
//! original text, every paragraph with its role (boilerplate included).

use super::Link;
use crate::data::CorpusRef;
use crate::format;
use crate::route::{Route, TextMode};
use concord_core::model::{Attribution, DateOrigin, Document, Paragraph, Role, Statement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub doc: String,
    #[prop_or_default]
    pub p: Option<u32>,
    #[prop_or_default]
    pub text: TextMode,
}

#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let corpus = use_context::<CorpusRef>().expect("corpus context");
    let Some(doc) = corpus.document(&props.doc) else {
        // Route::check sends a missing document to the list; this is only a safeguard.
        return html! { <p>{ "No such document." }</p> };
    };
    let route = |text: TextMode| Route {
        text,
        ..Route::doc(&doc.id)
    };
    let hidden = doc.with_role(Role::Boilerplate).count();
    html! {
        <article class="reader" aria-labelledby="doc-title">
            <p class="crumbs"><Link to={Route::default()}>{ "← All documents" }</Link></p>
            <h1 id="doc-title" tabindex="-1">{ doc.title.clone() }</h1>
            <Meta doc={doc.id.clone()} />
            <nav class="toggle" aria-label="Text shown">
                <Link to={route(TextMode::Statements)} current={props.text == TextMode::Statements}>
                    { format::count(doc.statements.len(), "statement", "statements") }
                </Link>
                <Link to={route(TextMode::Original)} current={props.text == TextMode::Original}>
                    { "Original text" }
                </Link>
            </nav>
            {
                match props.text {
                    TextMode::Statements => html! {
                        <>
                            <div class="statements">
                                { for doc.paragraphs.iter().map(|p| statement_view(&corpus, doc, p, props.p)) }
                            </div>
                            if hidden > 0 {
                                <p class="hidden-note">
                                    { format!("{} of site furniture (share links, appeals, related posts) hidden. ", format::count(hidden, "line", "lines")) }
                                    <Link to={route(TextMode::Original)}>{ "Show the original text" }</Link>
                                </p>
                            }
                        </>
                    },
                    TextMode::Original => html! {
                        <ol class="original" aria-label="Original text, one paragraph a line">
                            { for doc.paragraphs.iter().map(|p| original_view(doc, p, props.p)) }
                        </ol>
                    },
                }
            }
        </article>
    }
}

fn paragraph_link(doc: &Document, p: &Paragraph) -> Html {
    let to = Route {
        p: Some(p.n),
        ..Route::doc(&doc.id)
    };
    html! {
        <Link to={to} class="pnum" label={AttrValue::from(format!("Link to paragraph {}", p.n))}>
            { format!("¶{}", p.n) }
        </Link>
    }
}

fn statement_view(corpus: &CorpusRef, doc: &Document, p: &Paragraph, target: Option<u32>) -> Html {
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
            let how = statement.map(|s| s.attribution).and_then(|a| match a {
                Attribution::Named | Attribution::Narrator => None,
                Attribution::Role => Some("identified from a role, such as “the president”"),
                Attribution::Pronoun => Some("continues the previous speaker (“he”, “she”)"),
                Attribution::QuoteContinued => Some("continues the previous paragraph’s quotation"),
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
                            <span class="how" title={how}>{ "inferred" }<span class="sr-only">{ format!(": {how}") }</span></span>
                        }
                        { paragraph_link(doc, p) }
                    </header>
                    <p>{ p.text.clone() }</p>
                </article>
            }
        }
        Role::Title | Role::Dateline | Role::Boilerplate => html! {},
    }
}

fn original_view(doc: &Document, p: &Paragraph, target: Option<u32>) -> Html {
    let role = p.role.label();
    html! {
        <li
            class={classes!("para", role, (target == Some(p.n)).then_some("target"))}
            id={format!("p-{}", p.n)}
            data-doc={doc.id.clone()}
            data-p={p.n.to_string()}
            data-role={role}
        >
            <span class="role-tag">{ role }</span>
            <p>{ p.text.clone() }</p>
            { paragraph_link(doc, p) }
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
