//! Exporting the current statements (every result of the search and filters, in result
//! order) as CSV or JSON, generated in the browser (`concord_core::export`) and downloaded
//! as a file named after the search. A sharded corpus first loads the text of every
//! result (the export reads them all), with its progress shown and a message naming what
//! failed, if anything does.

use crate::components::loading::Loading;
use crate::context::{use_engine, use_nav, Found, Nav};
use crate::hooks::Load;
use crate::route::Route;
use concord_core::export::{csv, json, rows};
use concord_core::shard::Need;
use concord_core::text::slug_in;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub route: Route,
    pub found: Found,
}

/// The page's absolute address for a route.
pub fn absolute(nav: &Nav, route: &Route) -> String {
    let origin = gloo::utils::window()
        .location()
        .origin()
        .unwrap_or_default();
    format!("{origin}{}", nav.href(route))
}

/// "Export CSV" and "Export JSON".
#[function_component(Export)]
pub fn export(props: &ExportProps) -> Html {
    let engine = use_engine();
    let nav = use_nav();
    // Sharded: the loading of the results' text, while an export waits for it.
    let loading = use_state(|| Load::Ready);
    let make = |kind: &'static str| {
        let (engine, nav, found, route, loading) = (
            engine.clone(),
            nav.clone(),
            props.found.clone(),
            props.route.clone(),
            loading.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (engine, nav, found, route, loading) = (
                engine.clone(),
                nav.clone(),
                found.clone(),
                route.clone(),
                loading.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let need = |e: &crate::context::Engine| {
                    Need::of_statements(&e.index(), found.results.statement_ids())
                };
                let progress = |done, total| loading.set(Load::Loading { done, total });
                let cancel = crate::data::sharded::Cancel::default();
                if let Err(e) = engine.load_all(&need, &progress, &cancel).await {
                    loading.set(Load::Failed(e.into()));
                    return;
                }
                loading.set(Load::Ready);
                download_export(&engine, &nav, &found, &route, kind);
            });
        })
    };
    html! {
        <div class="export" role="group" aria-label="Export these statements">
            <span>{ "Export " }</span>
            <button type="button" onclick={make("csv")}>{ "CSV" }</button>
            <button type="button" onclick={make("json")}>{ "JSON" }</button>
            <Loading load={(*loading).clone()} what="the export" />
        </div>
    }
}

/// Makes the export of `found`'s statements as `kind` and downloads it.
fn download_export(
    engine: &crate::context::Engine,
    nav: &Nav,
    found: &Found,
    route: &Route,
    kind: &'static str,
) {
    let stmts = found.results.statement_ids();
    let link = |doc: &str, p: u32| absolute(nav, &Route::paragraph(doc, p));
    let rows = rows(&engine.corpus(), &engine.index(), stmts, link);
    let (text, mime) = match kind {
        "csv" => (csv(&rows), "text/csv;charset=utf-8"),
        _ => (json(&rows), "application/json"),
    };
    let what = match slug_in(&route.search.q, Some(&engine.index().fold)) {
        s if s.is_empty() => "statements".to_string(),
        s => s
            .chars()
            .take(40)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string(),
    };
    let name = format!("concord-{what}-{}.{kind}", rows.len());
    download(&format!("export-{kind}"), &name, &text, mime);
}

/// A table's rows for [`CsvLink`]: its columns and its cells as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The header row.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Column names as the table keeps them.
    pub fn names(columns: &[&str]) -> Vec<String> {
        columns.iter().map(|c| c.to_string()).collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct CsvLinkProps {
    /// The id of the download link the button makes (one per table of a page).
    pub id: AttrValue,
    /// The file's name, without `.csv`.
    pub name: AttrValue,
    /// What the button says it exports, for screen readers ("distinctive terms of A").
    pub label: AttrValue,
    pub table: std::rc::Rc<Table>,
}

/// "CSV": the table as a CSV file (`concord_core::export::table_csv`).
#[function_component(CsvLink)]
pub fn csv_link(props: &CsvLinkProps) -> Html {
    let onclick = {
        let (id, name, table) = (props.id.clone(), props.name.clone(), props.table.clone());
        Callback::from(move |_: MouseEvent| {
            let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
            let text = concord_core::export::table_csv(&columns, &table.rows);
            let file = format!("concord-{name}-{}.csv", table.rows.len());
            download(&id, &file, &text, "text/csv;charset=utf-8");
        })
    };
    html! {
        <button type="button" class="csv" {onclick} aria-label={format!("Export {} as CSV", props.label)}>{ "CSV" }</button>
    }
}

/// Offers `text` as a file: a Blob behind a hidden link with a `download` name, clicked.
/// The link stays in the page (id `id`) until the next export replaces it.
fn download(id: &str, name: &str, text: &str, mime: &str) {
    let document = gloo::utils::document();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(old) = document.get_element_by_id(id) {
        if let Some(href) = old.get_attribute("href") {
            let _ = web_sys::Url::revoke_object_url(&href);
        }
        old.remove();
    }
    let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_id(id);
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let _ = gloo::utils::body().append_child(&a);
    a.click();
}
