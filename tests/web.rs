//! Browser tests (wasm-bindgen-test in headless Chromium): the embedded corpus decodes in
//! wasm, and the app's views render it. Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use concord::app::App;
use concord::data;
use concord_core::model::Role;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Points the page URL at `query`, mounts a fresh app in its own element and renders it.
async fn mount(query: &str) -> Element {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")))
        .unwrap();
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    settle().await;
    root
}

/// Lets timers due now run (the rest of a results page is drawn in the next task), then
/// renders what they changed.
async fn settle() {
    let next_task = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback(&resolve)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(next_task)
        .await
        .expect("a timer");
    yew::scheduler::flush().await;
}

fn count(root: &Element, selector: &str) -> usize {
    root.query_selector_all(selector).unwrap().length() as usize
}

/// The embedded corpus (the engine's, borrowed for the test).
fn corpus() -> std::rc::Rc<concord_core::model::Corpus> {
    let engine = data::engine().expect("embedded corpus");
    let corpus = engine.corpus();
    std::rc::Rc::new(corpus.clone())
}

#[wasm_bindgen_test]
fn the_embedded_corpus_decodes_and_indexes_in_wasm() {
    let engine = data::engine().expect("embedded corpus");
    let statements: usize = engine
        .corpus()
        .documents
        .iter()
        .map(|d| d.statements.len())
        .sum();
    assert_eq!(engine.index().statements.len(), statements);
    let corpus = engine.corpus();
    assert!(!corpus.documents.is_empty());
    for d in &corpus.documents {
        assert!(!d.title.is_empty(), "{}", d.id);
        for s in &d.statements {
            assert_eq!(d.paragraph(s.p).unwrap().role, Role::Body);
        }
    }
}

/// In the app, folding runs on the table embedded with the corpus, not on
/// `unicode-normalization`: it must still fold as the corpus was folded.
#[wasm_bindgen_test]
fn query_words_fold_with_the_embedded_table() {
    let engine = data::engine().expect("embedded corpus");
    let index = engine.index();
    let table = Some(&index.fold);
    let fold = |w: &str| concord_core::text::analyze::fold_in(w, table);
    assert_eq!(fold("Côte"), "cote");
    assert_eq!(fold("ＵＮ"), "un");
    assert_eq!(fold("ﬁnal"), "final");
    assert_eq!(fold("CHINA’S"), "china's");
    assert_eq!(fold("Co\u{0302}te"), "cote");
    // A letter whose folding is not in the corpus's alphabet (the seeds have no Cyrillic) is
    // kept as it is: no word of the corpus has it, folded or not (no case table in the app).
    assert_eq!(fold("ДОМ"), "ДОМ");
    assert_eq!(
        concord_core::text::slug_in("Côte d’Ivoire", table),
        "cote-d-ivoire"
    );
    // The index parses queries with its own table: words, prefixes and field values.
    let q = index.parse("Côte ＵＮ* country:Côte-d’Ivoire");
    let expr = format!("{:?}", q.expr);
    for part in [
        "stem: \"cote\"",
        "prefix: \"un\"",
        "Country(\"cote-d-ivoire\")",
    ] {
        assert!(expr.contains(part), "{part} not in {expr}");
    }
}

#[wasm_bindgen_test]
async fn the_list_shows_every_statement_a_page_at_a_time() {
    let corpus = corpus();
    let statements: usize = corpus.documents.iter().map(|d| d.statements.len()).sum();
    let root = mount("").await;
    let status = root
        .query_selector("[role=status]")
        .unwrap()
        .expect("a status line");
    let text = status.text_content().unwrap();
    assert!(
        text.starts_with(&format!(
            "{statements} statements in {} documents",
            corpus.documents.len()
        )),
        "{text}"
    );
    assert_eq!(
        count(&root, "article.hit[data-doc][data-p]"),
        statements.min(20)
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_search_marks_its_terms_in_the_results() {
    // The first word of the first statement: found by any corpus.
    let corpus = corpus();
    let doc = corpus
        .documents
        .iter()
        .find(|d| !d.statements.is_empty())
        .unwrap();
    let text = &doc.paragraph(doc.statements[0].p).unwrap().text;
    let word: String = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 2)
        .unwrap()
        .to_string();
    let root = mount(&format!("?q={word}")).await;
    assert!(count(&root, "article.hit") > 0, "{word} is found");
    assert!(
        count(&root, "article.hit mark[data-term=\"0\"]") > 0,
        "{word} is marked"
    );
    assert_eq!(count(&root, "ul.legend [data-term]"), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_reader_shows_statements_then_the_original_text() {
    let corpus = corpus();
    // The document with the most boilerplate shows the toggle best.
    let doc = corpus
        .documents
        .iter()
        .max_by_key(|d| d.with_role(Role::Boilerplate).count())
        .unwrap();
    let root = mount(&format!("?doc={}", doc.id)).await;
    assert_eq!(
        count(&root, "article.statement[data-doc][data-p]"),
        doc.statements.len()
    );
    assert_eq!(count(&root, ".statement .speaker"), doc.statements.len());

    let original: HtmlElement = root
        .query_selector("nav.toggle a:last-child")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    original.click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "ol.original li[data-p]"), doc.paragraphs.len());
    let boilerplate = doc.with_role(Role::Boilerplate).count();
    assert_eq!(count(&root, "li[data-role=boilerplate]"), boilerplate);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_link_shows_a_notice_and_the_list() {
    let statements: usize = corpus().documents.iter().map(|d| d.statements.len()).sum();
    let root = mount("?doc=%3Cscript%3Ealert(1)%3C%2Fscript%3E&zoom=9").await;
    let notices = root
        .query_selector(".notices")
        .unwrap()
        .expect("notices shown");
    let text = notices.text_content().unwrap();
    assert!(
        text.contains("<script>alert(1)</script>"),
        "payload shown as text: {text}"
    );
    assert!(text.contains("zoom"), "{text}");
    assert_eq!(count(&root, "script"), 0);
    assert_eq!(count(&root, "article.hit"), statements.min(20));
    root.remove();
}

/// `similar` on wasm32-unknown-unknown: a diff with a wall-clock deadline traps in the
/// browser, so the comparison runs without one. This runs the word diff in wasm.
#[wasm_bindgen_test]
fn comparison_diffs_words_in_wasm_without_a_deadline() {
    use concord_core::compare::{align::compare, Side, Vocab};
    let mut vocab = Vocab::default();
    let a = "China supports peace talks. Israel must stop settlements.";
    let b = "China firmly supports peace talks. Israel must halt settlements.";
    let (left, right) = (
        Side::from_texts(&[a], &mut vocab),
        Side::from_texts(&[b], &mut vocab),
    );
    let c = compare(&left, &right);
    let changed: Vec<&str> = c.marks[1][0]
        .changed
        .iter()
        .map(|r| &b[r.clone()])
        .collect();
    assert_eq!(changed, ["firmly", "halt"]);
    assert_eq!(c.rows.len(), 2);
}

/// A comparison link renders both sides, every row with a cell for each.
#[wasm_bindgen_test]
async fn a_comparison_link_renders_two_columns() {
    let corpus = corpus();
    let doc = corpus
        .documents
        .iter()
        .max_by_key(|d| d.statements.len())
        .expect("a document");
    let (first, last) = (
        doc.statements.first().unwrap().p,
        doc.statements.last().unwrap().p,
    );
    let root = mount(&format!(
        "?view=compare&cmp={}%3A{first}%2C{}%3A{last}",
        doc.id, doc.id
    ))
    .await;
    assert_eq!(count(&root, "[role=columnheader]"), 2);
    let rows = count(
        &root,
        ".cmp-table [role=rowgroup]:not(.cmp-head) [role=row]",
    );
    assert!(rows >= 1);
    assert_eq!(count(&root, ".cmp-row [role=cell]"), rows * 2);
}

/// The panel a panic shows: its message as text (never markup), a "Reset the view" link to
/// the app's address without the query, focused; the app hidden.
#[wasm_bindgen_test]
fn a_panic_shows_a_readable_error_with_a_reset_link() {
    let document = gloo::utils::document();
    concord::crash::show("index out of bounds <img src=x onerror=alert(1)> at ?q=<script>");
    let panel = document
        .get_element_by_id(concord::crash::ID)
        .expect("the panel");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap();
    assert!(text.contains("Concord stopped"), "{text}");
    assert!(
        text.contains("<img src=x onerror=alert(1)>"),
        "message shown as text: {text}"
    );
    assert_eq!(count(&panel, "img"), 0);
    assert_eq!(count(&panel, "script"), 0);
    let reset = panel
        .query_selector("a.reset")
        .unwrap()
        .expect("a reset link");
    let path = gloo::utils::window().location().pathname().unwrap();
    assert_eq!(reset.get_attribute("href"), Some(path));
    assert_eq!(
        document.active_element().map(|e| e.class_name()),
        Some("reset".to_string())
    );
    assert!(gloo::utils::body().class_list().contains("crashed"));
    // A second panic replaces the panel.
    concord::crash::show("again");
    assert_eq!(document.query_selector_all("#crash").unwrap().length(), 1);
    panel.remove();
    document
        .get_element_by_id(concord::crash::ID)
        .unwrap()
        .remove();
    let _ = gloo::utils::body().class_list().remove_1("crashed");
}
