//! Hardening: the page under its Content-Security-Policy, no request to another origin, and
//! a few hundred mutated links that must never break the app.

use crate::common_words;
use crate::support::status_is;
use crate::support::{self, corpus, expected, find, follow_in_page, query, run, status, url};
use concord_core::query::{Filters, Sort};

/// The policy `index.html` must carry (and the built page must load under).
const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self' blob:; base-uri 'none'; form-action 'none'";

/// The built `index.html` carries the policy and no inline script or handler; the app
/// loads and works under it (its hit strip, placed without inline styles, included).
#[tokio::test]
async fn the_page_loads_under_its_content_security_policy() {
    let html = std::fs::read_to_string(support::dist().join("index.html")).unwrap();
    assert!(
        html.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\" />"
        )),
        "index.html lacks the policy:\n{html}"
    );
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "no script at all:\n{html}");
    for s in &scripts {
        let tag = &s[..s.find('>').expect("a closed script tag")];
        let body = &s[s.find('>').unwrap() + 1..s.find("</script>").expect("</script>")];
        assert!(
            tag.contains(" src=") && body.trim().is_empty(),
            "an inline script: <script{s}"
        );
    }
    let lower = html.to_ascii_lowercase();
    for handler in [" onload=", " onerror=", " onclick=", "javascript:"] {
        assert!(!lower.contains(handler), "index.html has {handler}");
    }
    run(|c| async move {
        // A search, then the reader of the document with the most hits: its strip ticks.
        let word = &common_words(1)[0];
        c.goto(&url(&format!("?q={word}"))).await.unwrap();
        let (n, docs, order) = expected(word, &Filters::default(), Sort::Relevance);
        status_is(&c, &status(n, docs)).await;
        let doc = &order[0].0;
        c.goto(&url(&query(&[("doc", doc), ("q", word)])))
            .await
            .unwrap();
        find(&c, ".strip .tick").await;
        let lefts = c
            .execute(
                "return [...document.querySelectorAll('.strip .tick')].map(t => t.style.left)",
                vec![],
            )
            .await
            .unwrap();
        let lefts: Vec<String> = serde_json::from_value(lefts).unwrap();
        assert!(
            lefts.iter().all(|l| l.ends_with('%')),
            "every tick placed: {lefts:?}"
        );
        if lefts.len() > 1 {
            assert_ne!(lefts.first(), lefts.last(), "ticks spread: {lefts:?}");
        }
    })
    .await;
}

/// A session through every view (search, reader, concordance, comparison, formulations,
/// timeline, an export) makes requests to the app's own origin only: every request the page
/// made, as DevTools saw it.
#[tokio::test]
async fn a_session_makes_no_request_to_another_origin() {
    run(|c| async move {
        let own = format!("http://127.0.0.1:{}/", support::server_port());
        let words = common_words(2);
        c.goto(&url("")).await.unwrap();
        find(&c, "main h1").await;
        let input = find(&c, "#q").await;
        input.send_keys(&words[0]).await.unwrap();
        let (n, docs, _) = expected(&words[0], &Filters::default(), Sort::Relevance);
        status_is(&c, &status(n, docs)).await;
        find(&c, "section.doc-hits h2 a")
            .await
            .click()
            .await
            .unwrap();
        find(&c, "h1#doc-title").await;
        let documents = &corpus().documents;
        let cmp = format!("{},{}", documents[0].id, documents[documents.len() - 1].id);
        for link in [
            format!("?q={}&view=kwic", words[1]),
            query(&[("view", "compare"), ("cmp", &cmp)]),
            "?view=phrases".into(),
            "?view=timeline".into(),
        ] {
            c.goto(&url(&link)).await.unwrap();
            find(&c, "main h1").await;
        }
        c.goto(&url("")).await.unwrap();
        support::click(&c, ".export button").await;
        find(&c, "a#export-csv").await;
        let record = support::requests(&c).await;
        assert!(
            record.iter().any(|r| r.ends_with(".wasm")),
            "the log has the page's loads: {record:?}"
        );
        // The export is a blob: made in the page; everything else comes from the app's origin.
        let foreign: Vec<&String> = record
            .iter()
            .filter(|r| !r.starts_with(&format!("GET {own}")) && !r.starts_with("GET blob:"))
            .collect();
        assert!(foreign.is_empty(), "requests to other origins: {foreign:?}");
        println!("{} requests, all to {own}: {record:?}", record.len());
    })
    .await;
}

/// Links of every view, to mutate.
fn base_links() -> Vec<String> {
    let docs = &corpus().documents;
    let (a, b) = (&docs[0].id, &docs[docs.len() - 1].id);
    let words = common_words(2);
    vec![
        query(&[
            ("q", &format!("{} \"{}\"", words[0], words[1])),
            ("from", "2020"),
            ("to", "2023-12"),
        ]),
        query(&[
            ("q", &words[1]),
            ("view", "kwic"),
            ("by", "left2"),
            ("sort", "newest"),
            ("page", "2"),
        ]),
        query(&[
            ("doc", a),
            ("p", "3"),
            ("text", "original"),
            ("q", &format!("{}*", &words[0][..3])),
        ]),
        query(&[
            ("view", "compare"),
            ("cmp", &format!("{a}:2,{b}")),
            ("tray", b),
        ]),
        query(&[
            ("view", "phrases"),
            ("speaker", "narrator"),
            ("kind", "phone-call"),
        ]),
        query(&[("view", "timeline"), ("lane", "country"), ("year", "2023")]),
        query(&[
            ("view", "collocates"),
            ("q", "china"),
            ("window", "2"),
            ("rank", "mi"),
        ]),
        query(&[
            ("view", "sets"),
            ("a", "q=china&speaker=narrator"),
            ("b", "from=2023"),
            ("q", "peace"),
        ]),
        query(&[("q", "peace"), ("vs", "q=china")]),
    ]
}

/// `link` with a few random edits: characters inserted, removed or replaced, taken from
/// what breaks parsers (separators, percent signs, markup, long numbers, astral).
fn mutate(link: &str, rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] = &[
        "%",
        "%2",
        "%ZZ",
        "%FF%FE",
        "%C3",
        "&",
        "&&",
        "=",
        "==",
        ",",
        ":",
        ";",
        "?",
        "#",
        "+",
        "*",
        "\"",
        "(",
        ")",
        "-",
        "view=",
        "doc=",
        "cmp=",
        "p=",
        "page=",
        "&p=0",
        "&page=-1",
        "99999999999999999999",
        "0",
        "-1",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "𝕏",
        "\u{0}",
        "%00",
        "é",
        "\u{202e}",
        " ",
        "OR",
        "NOT",
        "\"\"",
        "**",
        "year:",
    ];
    let mut out = link.to_string();
    for _ in 0..rng.usize(1..5) {
        let mut at = rng.usize(0..=out.len());
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + rng.usize(0..4)).min(out.len());
        while !out.is_char_boundary(end) {
            end += 1;
        }
        let piece = PIECES[rng.usize(0..PIECES.len())];
        match rng.u8(0..3) {
            0 => out.insert_str(at, piece),
            1 => out.replace_range(at..end, ""),
            _ => out.replace_range(at..end, piece),
        }
    }
    out
}

/// 300 mutated links followed inside the page and 20 opened afresh: the app answers every
/// one with a view (no crash panel, a heading) and afterwards still searches correctly.
#[tokio::test]
async fn mutated_links_never_break_the_app() {
    let bases = base_links();
    let mut rng = fastrand::Rng::with_seed(7);
    // The query is mutated (a link to the app keeps its address; `#` starts a fragment).
    let links: Vec<String> = (0..320)
        .map(|i| format!("?{}", mutate(&bases[i % bases.len()][1..], &mut rng)))
        .collect();
    run(|c| async move {
        c.goto(&url("")).await.unwrap();
        find(&c, "main h1").await;
        for link in &links[..300] {
            // A link is what a browser makes of it: `#` starts the fragment.
            let (crashed, h1) = follow_in_page(&c, link).await;
            assert!(
                !crashed && h1.is_some(),
                "{link:?}: crashed {crashed}, heading {h1:?}"
            );
            assert!(
                c.get_alert_text().await.is_err(),
                "{link:?} opened a dialog"
            );
        }
        for link in &links[300..] {
            c.goto(&url(link)).await.unwrap();
            find(&c, "main h1").await;
            let crashed = c
                .execute("return !!document.getElementById('crash')", vec![])
                .await
                .unwrap();
            assert_eq!(crashed.as_bool(), Some(false), "{link:?} crashed the app");
        }
        // Still answering: a search shows the engine's counts.
        let word = &common_words(1)[0];
        follow_in_page(&c, &format!("?q={word}")).await;
        let (n, docs, _) = expected(word, &Filters::default(), Sort::Relevance);
        status_is(&c, &status(n, docs)).await;
    })
    .await;
}
