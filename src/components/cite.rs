//! A paragraph's permalink and citation: "Copy link" puts its address (`?doc=…&p=…`, which
//! opens the reader scrolled to it) on the clipboard; "Cite" shows a citation in plain text
//! and BibTeX, each with the paragraph's text hash (see `concord_core::export`).

use super::export::absolute;
use crate::app::Nav;
use crate::data::Engine;
use crate::route::Route;
use concord_core::export::Citation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    /// Index into the corpus's documents.
    pub doc: usize,
    pub p: u32,
}

#[function_component(ParagraphTools)]
pub fn paragraph_tools(props: &CiteProps) -> Html {
    let engine = use_context::<Engine>().expect("engine context");
    let nav = use_context::<Nav>().expect("nav context");
    let copied = use_state(|| false);
    let Some(doc) = engine.corpus.documents.get(props.doc) else {
        return html! {};
    };
    let Some(paragraph) = doc.paragraph(props.p) else {
        return html! {};
    };
    let mut to = Route::doc(&doc.id);
    to.p = Some(props.p);
    let link = absolute(&nav, &to);
    let citation = Citation::of(&engine.corpus, props.doc, paragraph, link.clone());
    let copy = |text: String, done: Option<UseStateHandle<bool>>| {
        Callback::from(move |_: MouseEvent| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&text);
            if let Some(done) = &done {
                done.set(true);
            }
        })
    };
    let p = props.p;
    html! {
        <details class="tools">
            <summary aria-label={format!("Cite paragraph {p}")}>{ "Cite" }</summary>
            <div class="cite" data-p={p.to_string()}>
                <p>
                    <a class="permalink" href={link.clone()}>{ "Permalink" }</a>{ " " }
                    <button type="button" onclick={copy(link.clone(), Some(copied.clone()))}>
                        { if *copied { "Link copied" } else { "Copy link" } }
                    </button>
                </p>
                <p class="label">{ "Citation" }</p>
                <pre class="cite-plain">{ citation.plain() }</pre>
                <button type="button" onclick={copy(citation.plain(), None)}>{ "Copy citation" }</button>
                <p class="label">{ "BibTeX" }</p>
                <pre class="cite-bibtex">{ citation.bibtex() }</pre>
                <button type="button" onclick={copy(citation.bibtex(), None)}>{ "Copy BibTeX" }</button>
            </div>
        </details>
    }
}
