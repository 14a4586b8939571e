//! A paragraph's permalink and citation: "Copy link" puts its address (`?doc=…&p=…`, which
//! opens the reader scrolled to it) on the clipboard; "Cite" shows a citation in plain text
//! and BibTeX, each with the paragraph's text hash (see `concord_core::export`).

use super::export::absolute;
use crate::context::{use_engine, use_nav};
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
    let engine = use_engine();
    let nav = use_nav();
    // What the last copy did: None before any; Some(true) copied; Some(false) not possible
    // here (the Clipboard API needs https or localhost, and permission).
    let copied = use_state(|| None::<bool>);
    let corpus = engine.corpus();
    let Some(doc) = corpus.documents.get(props.doc) else {
        return html! {};
    };
    let Some(paragraph) = doc.paragraph(props.p) else {
        return html! {};
    };
    let link = absolute(&nav, &Route::paragraph(&doc.id, props.p));
    let citation = Citation::of(&corpus, props.doc, paragraph, link.clone());
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let navigator = gloo::utils::window().navigator();
            let available = js_sys::Reflect::get(&navigator, &"clipboard".into())
                .is_ok_and(|c| !c.is_undefined() && !c.is_null());
            if !available {
                copied.set(Some(false));
                return;
            }
            let promise = navigator.clipboard().write_text(&text);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(done));
            });
        })
    };
    let p = props.p;
    html! {
        <details class="tools">
            <summary aria-label={format!("Cite paragraph {p}")}>{ "Cite" }</summary>
            <div class="cite" data-p={p.to_string()}>
                <p>
                    <a class="permalink" href={link.clone()}>{ "Permalink" }</a>{ " " }
                    <button type="button" onclick={copy(link.clone())}>{ "Copy link" }</button>
                    <span class="detail" aria-live="polite">
                        {
                            match *copied {
                                Some(true) => " Copied.",
                                Some(false) => " Copying is not allowed here: select the text to copy it.",
                                None => "",
                            }
                        }
                    </span>
                </p>
                <p class="label">{ "Citation" }</p>
                <pre class="cite-plain">{ citation.plain() }</pre>
                <button type="button" onclick={copy(citation.plain())}>{ "Copy citation" }</button>
                <p class="label">{ "BibTeX" }</p>
                <pre class="cite-bibtex">{ citation.bibtex() }</pre>
                <button type="button" onclick={copy(citation.bibtex())}>{ "Copy BibTeX" }</button>
            </div>
        </details>
    }
}
