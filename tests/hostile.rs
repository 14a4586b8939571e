//! Markup injection: the release build of `tests/corpora/hostile` (whose text and catalog
//! carry the classic XSS payloads of `tests/e2e/payloads.txt`) in headless Chromium, and
//! links carrying the same payloads in every parameter. No dialog opens, no script runs, no
//! element or attribute of a payload reaches the page, and the payloads show as text.
//!
//! Run by `make test-hostile`, which builds that corpus into `target/release-dist-hostile`
//! and sets `CONCORD_DIST` and `CONCORD_CORPUS`.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

use fantoccini::Client;
use support::{corpus, find, follow_in_page, query as link, run, url};

/// The payloads, one a line.
fn payloads() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/payloads.txt");
    std::fs::read_to_string(path)
        .expect("payloads.txt")
        .lines()
        .map(String::from)
        .collect()
}

/// Every link parameter of the app (README, "Links").
const PARAMS: [&str; 25] = [
    "q", "speaker", "country", "source", "kind", "stance", "from", "to", "sort", "page", "view",
    "by", "doc", "p", "text", "cmp", "tray", "lane", "banal", "net", "a", "b", "vs", "window",
    "rank",
];

/// What a page must not hold: a script's effect, an element that runs or loads code, an
/// event-handler attribute, a `javascript:`/`data:`/`vbscript:` address. Empty when clean.
const INSPECT: &str = r#"
const problems = [];
if (window.__pwned) problems.push('window.__pwned was set');
if (document.title === 'PWNED') problems.push('a script set the title');
const banned = ['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'style',
                'frame', 'frameset', 'applet', 'img', 'video', 'audio', 'math', 'marquee',
                'isindex', 'keygen', 'x', 'b'];
for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (banned.includes(tag)) problems.push('element <' + tag + '>');
    for (const a of el.attributes) {
        const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();
        if (n.startsWith('on')) problems.push('attribute ' + n + ' on <' + tag + '>');
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(n)
            && /^(javascript|data|vbscript):/.test(v)) problems.push(n + '=' + v + ' on <' + tag + '>');
    }
}
return problems;
"#;

/// Fails with what is wrong if the page shows any trace of a payload at work.
async fn assert_clean(c: &Client, context: &str) {
    assert!(
        c.get_alert_text().await.is_err(),
        "{context}: a dialog opened"
    );
    let problems = c.execute(INSPECT, vec![]).await.expect("inspect");
    let problems: Vec<String> = serde_json::from_value(problems).unwrap();
    assert!(problems.is_empty(), "{context}: {problems:?}");
}

/// The page's visible text and the values of its inputs.
async fn visible(c: &Client) -> String {
    let v = c
        .execute(
            "return document.body.innerText + '\\n' + [...document.querySelectorAll('input')].map(i => i.value).join('\\n')",
            vec![],
        )
        .await
        .expect("text");
    v.as_str().unwrap_or_default().to_string()
}

/// The fixture itself: at least 50 distinct payloads, every one in the corpus's text, and
/// this build is of that corpus.
#[test]
fn the_hostile_corpus_carries_every_payload() {
    let payloads = payloads();
    let distinct: std::collections::BTreeSet<&String> = payloads.iter().collect();
    assert!(distinct.len() >= 50, "{} payloads", distinct.len());
    let texts: Vec<&str> = corpus()
        .documents
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    for p in &payloads {
        assert!(
            texts.iter().any(|t| t.contains(p.as_str())),
            "not in the corpus (set CONCORD_CORPUS=tests/corpora/hostile): {p}"
        );
    }
}

/// Every view of the hostile corpus: the payloads are text, titles included.
#[tokio::test]
async fn corpus_text_is_shown_as_text_in_every_view() {
    run(|c| async move {
        let docs = &corpus().documents;
        let mut views = vec![
            link(&[]),
            link(&[("q", "quell")]),
            link(&[("q", "script alert"), ("view", "kwic")]),
            link(&[("view", "compare"), ("cmp", &format!("{},{}", docs[0].id, docs[1].id))]),
            link(&[("view", "phrases")]),
            link(&[("view", "timeline")]),
            link(&[("view", "timeline"), ("lane", "stance")]),
            link(&[("view", "positions")]),
            link(&[("view", "collocates"), ("q", "alert")]),
            link(&[("view", "sets"), ("a", "q=alert"), ("b", "q=script"), ("q", "alert")]),
            link(&[("q", "alert"), ("vs", "q=script")]),
        ];
        for d in docs {
            views.push(link(&[("doc", &d.id)]));
            views.push(link(&[("doc", &d.id), ("text", "original")]));
            views.push(link(&[("doc", &d.id), ("q", "alert")]));
        }
        for view in &views {
            c.goto(&url(view)).await.unwrap();
            find(&c, "main h1").await;
            assert_clean(&c, view).await;
        }
        // The reader's original text shows every paragraph, payloads included, as text;
        // the document's title is the page's title, as text.
        for d in docs {
            c.goto(&url(&link(&[("doc", &d.id), ("text", "original")])))
                .await
                .unwrap();
            find(&c, "h1#doc-title").await;
            let text = visible(&c).await;
            for p in &d.paragraphs {
                assert!(text.contains(&p.text), "{}: not shown as text: {}", d.id, p.text);
            }
            // The title is text: it reads as the document's title, payload and all.
            support::title_is(&c, &format!("{} — Concord", d.title)).await;
        }
        // The exports: JSON exact, CSV defused (the formula-like statements start with `'`).
        c.goto(&url("")).await.unwrap();
        let buttons = support::find_all(&c, ".export button").await;
        buttons[1].click().await.unwrap();
        find(&c, "a#export-json").await;
        let json = c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(document.getElementById('export-json').href).then(r => r.text()).then(done);",
                vec![],
            )
            .await
            .unwrap();
        let rows: Vec<serde_json::Value> =
            serde_json::from_str(json.as_str().unwrap()).unwrap();
        let exported: Vec<&str> = rows.iter().filter_map(|r| r["text"].as_str()).collect();
        for p in payloads() {
            assert!(
                exported.iter().any(|t| t.contains(&p)),
                "the JSON export lacks {p}"
            );
        }
        assert_clean(&c, "after the export").await;
    })
    .await;
}

/// Links with a payload in every parameter at once, then in each parameter alone: the app
/// answers each, nothing runs, and the payload of the all-parameter link is shown as text.
#[tokio::test]
async fn hostile_links_are_shown_as_text() {
    run(|c| async move {
        c.goto(&url("")).await.unwrap();
        find(&c, "main h1").await;
        let payloads = payloads();
        for p in &payloads {
            let pairs: Vec<(&str, &str)> = PARAMS.iter().map(|k| (*k, p.as_str())).collect();
            let l = link(&pairs);
            assert!(!follow_in_page(&c, &l).await.0, "{l}: crashed");
            assert_clean(&c, &l).await;
            let text = visible(&c).await;
            assert!(
                text.contains(p.as_str()),
                "{l}: the payload is not shown as text"
            );
        }
        for k in PARAMS {
            for p in &payloads {
                let l = link(&[(k, p)]);
                assert!(!follow_in_page(&c, &l).await.0, "{l}: crashed");
                assert_clean(&c, &l).await;
            }
        }
        // A handful opened afresh (the app starting on a hostile link).
        for p in payloads.iter().step_by(6) {
            let pairs: Vec<(&str, &str)> = PARAMS.iter().map(|k| (*k, p.as_str())).collect();
            let l = link(&pairs);
            c.goto(&url(&l)).await.unwrap();
            find(&c, "main h1").await;
            assert_clean(&c, &l).await;
        }
    })
    .await;
}
