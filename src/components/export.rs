//! Exporting the current statements (every result of the search and filters, in result
//! order) as CSV or JSON, generated in the browser (`concord_core::export`) and downloaded
//! as a file named after the search. The export is made a block of statements at a time
//! (`export::blocks`: at most `BLOCK_ROWS` statements, at most `BLOCK_SHARDS` text
//! shards of a sharded corpus): each block's text read (fetched and dropped, never loaded
//! into the engine, which would grow to the corpus), written, and handed to the page as a
//! part of the file; between blocks the page draws the progress and takes clicks, and
//! Cancel stops it. The next blocks' text is asked for while one is written (`AHEAD`).
//! A message names what failed, if anything does.

use crate::components::loading::Loading;
use crate::context::{use_engine, use_nav, Engine, Found, Nav};
use crate::data::sharded::Cancel;
use crate::hooks::Load;
use crate::route::Route;
use concord_core::export::{blocks, rows_with, Format, Writer};
use concord_core::shard::Need;
use concord_core::text::slug_in;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Most statements a block of an export holds. `CONCORD_EXPORT_ROWS` at build time sets
/// another (the sharded tests cut the seeds' export into several blocks).
const BLOCK_ROWS: usize = crate::data::build_number(option_env!("CONCORD_EXPORT_ROWS"), 2_000);

/// Most text shards a block of a sharded corpus's export reads (about 2 MB of text).
const BLOCK_SHARDS: usize = 32;

/// Blocks whose text is asked for at once, this one included: a block is a run or two of
/// shards, and the fetch worker keeps six requests in flight.
const AHEAD: usize = 3;

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

/// "Export CSV" and "Export JSON"; while one is made, its progress and "Cancel".
#[function_component(Export)]
pub fn export(props: &ExportProps) -> Html {
    let engine = use_engine();
    let nav = use_nav();
    // Statements written of all, while an export is made.
    let progress = use_state(|| Load::Ready);
    // The export being made, to call off.
    let running = use_mut_ref(|| None::<Rc<Cancel>>);
    let make = |format: Format| {
        let (engine, nav, found, route, progress, running) = (
            engine.clone(),
            nav.clone(),
            props.found.clone(),
            props.route.clone(),
            progress.clone(),
            running.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // One at a time: a second click calls the first off.
            if let Some(old) = running.borrow_mut().take() {
                old.cancel();
            }
            let cancel = Rc::new(Cancel::default());
            *running.borrow_mut() = Some(cancel.clone());
            let (engine, nav, found, route, progress, running) = (
                engine.clone(),
                nav.clone(),
                found.clone(),
                route.clone(),
                progress.clone(),
                running.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let report = {
                    let (progress, cancel) = (progress.clone(), cancel.clone());
                    move |done, total| {
                        if !cancel.is_cancelled() {
                            progress.set(Load::Loading { done, total });
                        }
                    }
                };
                crate::timing::begin("concord:export");
                let made =
                    make_export(&engine, &nav, &found, &route, format, &report, &cancel).await;
                if made.is_ok() && !cancel.is_cancelled() {
                    crate::timing::end("concord:export");
                    crate::timing::memory();
                }
                if cancel.is_cancelled() {
                    return; // Cancel (or the next export) has set the progress already.
                }
                running.borrow_mut().take();
                progress.set(match made {
                    Ok(()) => Load::Ready,
                    Err(e) => Load::Failed(e.into()),
                });
            });
        })
    };
    let on_cancel = {
        let (progress, running) = (progress.clone(), running.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(cancel) = running.borrow_mut().take() {
                cancel.cancel();
            }
            progress.set(Load::Ready);
        })
    };
    let busy = matches!(*progress, Load::Loading { .. });
    html! {
        <div class="export" role="group" aria-label="Export these statements">
            <span>{ "Export " }</span>
            <button type="button" onclick={make(Format::Csv)}>{ "CSV" }</button>
            <button type="button" onclick={make(Format::Json)}>{ "JSON" }</button>
            if busy {
                <button type="button" class="cancel-export" onclick={on_cancel}>{ "Cancel" }</button>
            }
            <Loading load={(*progress).clone()} what="the export" unit="statements" doing="Making" />
        </div>
    }
}

/// Makes the export of `found`'s statements as `format`, a block at a time, reporting
/// `progress(statements written, all)` after each; downloads it unless `cancel` calls it
/// off. An error names what could not be read.
async fn make_export(
    engine: &Engine,
    nav: &Nav,
    found: &Found,
    route: &Route,
    format: Format,
    progress: &dyn Fn(usize, usize),
    cancel: &Cancel,
) -> Result<(), String> {
    let stmts: Vec<u32> = found.results.statement_ids().collect();
    let cut = text_blocks(engine, &stmts);
    let link = |doc: &str, p: u32| absolute(nav, &Route::paragraph(doc, p));
    let mut writer = Writer::new(format);
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(&writer.head()));
    progress(0, stmts.len());
    // The text of the blocks ahead is asked for before this one is read, so that the
    // worker keeps its requests in flight while the page writes (a block alone is a run
    // or two: a request or two at a time).
    let ask = |block: &std::ops::Range<usize>| {
        let docs = Need::of_statements(&engine.index(), stmts[block.clone()].iter().copied());
        engine.ask_paragraphs(&docs.docs, cancel)
    };
    let mut asked: std::collections::VecDeque<_> = cut.iter().take(AHEAD).map(ask).collect();
    for (i, block) in cut.iter().enumerate() {
        let block = &stmts[block.clone()];
        crate::timing::begin("concord:export-read");
        let this = asked
            .pop_front()
            .expect("each block is asked for before it is read");
        if let Some(next) = cut.get(i + AHEAD) {
            asked.push_back(ask(next));
        }
        let texts = engine.read_paragraphs(this, cancel).await?;
        crate::timing::end("concord:export-read");
        if cancel.is_cancelled() {
            return Ok(());
        }
        crate::timing::begin("concord:export-write");
        let rows = {
            let (corpus, index) = (engine.corpus(), engine.index());
            let text = |d: u32, p: u32| {
                let paragraphs = texts.get(&d)?;
                Some(paragraphs.get(p.checked_sub(1)? as usize)?.text.as_str())
            };
            rows_with(&corpus, &index, block.iter().copied(), text, link)
        };
        if rows.len() != block.len() {
            return Err(format!(
                "{} of the {} statements of a block had no text",
                block.len() - rows.len(),
                block.len()
            ));
        }
        // Each part a Blob at once: the browser keeps it (on disk when large), not a string
        // in the JS heap until the end.
        let part = js_sys::Array::of1(&JsValue::from_str(&writer.part(&rows)));
        parts.push(&blob(&part, "")?.into());
        crate::timing::end("concord:export-write");
        progress(writer.rows(), stmts.len());
        // The page draws the progress and takes clicks (Cancel) between blocks.
        crate::timing::measured_async("concord:export-yield", next_task()).await;
        if cancel.is_cancelled() {
            return Ok(());
        }
    }
    parts.push(&JsValue::from_str(&writer.tail()));
    let (kind, mime) = match format {
        Format::Csv => ("csv", "text/csv;charset=utf-8"),
        Format::Json => ("json", "application/json"),
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
    let name = format!("concord-{what}-{}.{kind}", writer.rows());
    download(&format!("export-{kind}"), &name, &parts, mime);
    Ok(())
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
            let parts = js_sys::Array::of1(&JsValue::from_str(&text));
            download(&id, &file, &parts, "text/csv;charset=utf-8");
        })
    };
    html! {
        <button type="button" class="csv" {onclick} aria-label={format!("Export {} as CSV", props.label)}>{ "CSV" }</button>
    }
}

/// `stmts` (ascending) cut into blocks of at most [`BLOCK_ROWS`] statements reading at
/// most [`BLOCK_SHARDS`] text shards (`export::blocks`): what an export, or anything else
/// that reads much of the corpus, reads at a time.
pub(crate) fn text_blocks(engine: &Engine, stmts: &[u32]) -> Vec<std::ops::Range<usize>> {
    let index = engine.index();
    let keys: Vec<u32> = stmts
        .iter()
        .map(|&s| engine.text_key(index.statements[s as usize].doc))
        .collect();
    blocks(keys, BLOCK_SHARDS, BLOCK_ROWS)
}

/// Resolves in a new task (a message to itself on a `MessageChannel`), so that the page
/// draws and takes input in between. Not a timer: a hidden tab runs a chain of timers once a
/// second, and an export of 200 blocks took 190 s.
pub(crate) async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let arrived = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
    }
    channel.port1().set_onmessage(None);
}

/// A Blob of `parts` (strings or Blobs, joined) of type `mime`.
fn blob(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_blob_sequence_and_options(parts, &options)
        .map_err(|_| "the browser could not hold the export".to_string())
}

/// Offers `parts` (strings or Blobs, joined) as a file: a Blob behind a hidden link with a
/// `download` name, clicked. The link stays in the page (id `id`) until the next export
/// replaces it.
fn download(id: &str, name: &str, parts: &js_sys::Array, mime: &str) {
    let document = gloo::utils::document();
    let Ok(blob) = blob(parts, mime) else {
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
