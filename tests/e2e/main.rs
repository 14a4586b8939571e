//! End-to-end tests: the release build, served on 127.0.0.1 under a sub-path, driven in
//! headless Chromium over WebDriver, checked against the corpus it embeds. Run by
//! `make test-e2e` (which builds the release first).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use concord_core::model::Role;
use fantoccini::Locator;
use support::{corpus, find, find_all, location, run, run_with, until, url, SUB_PATH};

/// The list: one row per document, titles and statement counts as built.
#[tokio::test]
async fn the_list_shows_every_document_under_a_sub_path() {
    run(|c| async move {
        c.goto(&url("")).await.unwrap();
        let rows = find_all(&c, "tbody tr[data-doc]").await;
        assert_eq!(rows.len(), corpus().documents.len());
        for row in rows {
            let id = row.attr("data-doc").await.unwrap().unwrap();
            let doc = corpus().document(&id).expect("row names a document");
            let text = row.text().await.unwrap();
            assert!(text.contains(&doc.title), "{id}: {text}");
            let count = row
                .find(Locator::Css("td.num"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert_eq!(count, doc.statements.len().to_string(), "{id}");
        }
        assert_eq!(c.title().await.unwrap(), "Concord — statement explorer");
    })
    .await;
}

#[tokio::test]
async fn the_same_dist_works_at_the_root() {
    run(|c| async move {
        let root = url("").replace(SUB_PATH, "/");
        c.goto(&root).await.unwrap();
        assert_eq!(
            find_all(&c, "tbody tr[data-doc]").await.len(),
            corpus().documents.len()
        );
    })
    .await;
}

/// Opening a document is a deliberate move: it pushes a link, and Back and Forward work.
#[tokio::test]
async fn opening_a_document_pushes_a_link_that_back_and_forward_restore() {
    run(|c| async move {
        c.goto(&url("")).await.unwrap();
        let first = find(&c, "tbody tr[data-doc] th a").await;
        let title = first.text().await.unwrap();
        first.click().await.unwrap();
        let h1 = find(&c, "h1#doc-title").await;
        assert_eq!(h1.text().await.unwrap(), title);
        let (path, query) = location(&c).await;
        assert_eq!(path, SUB_PATH, "links keep the sub-path");
        let id = query
            .strip_prefix("?view=doc&doc=")
            .expect("a doc link")
            .to_string();
        assert_eq!(corpus().document(&id).unwrap().title, title);
        assert_eq!(c.title().await.unwrap(), format!("{title} — Concord"));

        c.back().await.unwrap();
        until(&c, "the list after Back", |c| async move {
            c.find(Locator::Css("table.docs")).await.is_ok()
        })
        .await;
        assert_eq!(location(&c).await.1, "");
        c.forward().await.unwrap();
        until(&c, "the reader after Forward", |c| async move {
            c.find(Locator::Css("h1#doc-title")).await.is_ok()
        })
        .await;
        assert_eq!(location(&c).await.1, format!("?view=doc&doc={id}"));
    })
    .await;
}

/// Every statement of every document is shown with the speaker the corpus gives it.
#[tokio::test]
async fn every_statement_shows_its_speaker() {
    run(|c| async move {
        for doc in &corpus().documents {
            c.goto(&url(&format!("?doc={}", doc.id))).await.unwrap();
            find(&c, "h1#doc-title").await;
            let articles = c
                .find_all(Locator::Css("article.statement[data-doc][data-p]"))
                .await
                .unwrap();
            assert_eq!(articles.len(), doc.statements.len(), "{}", doc.id);
            for (article, s) in articles.iter().zip(&doc.statements) {
                assert_eq!(
                    article.attr("data-doc").await.unwrap().as_deref(),
                    Some(doc.id.as_str())
                );
                assert_eq!(article.attr("data-p").await.unwrap(), Some(s.p.to_string()));
                let speaker = article.find(Locator::Css(".speaker")).await.unwrap();
                let want = s
                    .speaker
                    .map_or("narrator", |i| corpus().people[i as usize].id.as_str());
                assert_eq!(
                    speaker.attr("data-speaker").await.unwrap().as_deref(),
                    Some(want),
                    "{} ¶{}",
                    doc.id,
                    s.p
                );
                let label = speaker.text().await.unwrap();
                let name = s
                    .speaker
                    .map_or("Narrator", |i| corpus().people[i as usize].name.as_str());
                assert_eq!(label, name);
            }
        }
    })
    .await;
}

/// The original text shows every paragraph with its role, boilerplate included; the toggle
/// is a link, so it survives a reload.
#[tokio::test]
async fn the_original_text_shows_boilerplate_with_roles() {
    run(|c| async move {
        let doc = corpus()
            .documents
            .iter()
            .max_by_key(|d| d.with_role(Role::Boilerplate).count())
            .unwrap();
        c.goto(&url(&format!("?doc={}", doc.id))).await.unwrap();
        let toggle = find(&c, "nav.toggle a:last-child").await;
        assert_eq!(toggle.text().await.unwrap(), "Original text");
        toggle.click().await.unwrap();
        let items = find_all(&c, "ol.original li[data-p]").await;
        assert_eq!(items.len(), doc.paragraphs.len());
        for (li, p) in items.iter().zip(&doc.paragraphs) {
            assert_eq!(
                li.attr("data-role").await.unwrap().as_deref(),
                Some(p.role.label()),
                "¶{}",
                p.n
            );
            // textContent, not WebDriver's text(): the page keeps the text exactly (no-break
            // spaces included), which text() would normalise.
            let p_el = li.find(Locator::Css("p")).await.unwrap();
            let text = p_el.prop("textContent").await.unwrap().unwrap_or_default();
            assert_eq!(text, p.text, "¶{}", p.n);
        }
        assert_eq!(
            location(&c).await.1,
            format!("?view=doc&doc={}&text=original", doc.id)
        );
        c.refresh().await.unwrap();
        assert_eq!(
            find_all(&c, "ol.original li[data-p]").await.len(),
            doc.paragraphs.len()
        );
    })
    .await;
}

/// `p=` opens the reader at that paragraph, outlined; each statement links to itself.
#[tokio::test]
async fn a_paragraph_link_scrolls_to_and_outlines_its_paragraph() {
    run(|c| async move {
        let doc = corpus()
            .documents
            .iter()
            .max_by_key(|d| d.statements.len())
            .unwrap();
        let last = doc.statements.last().unwrap().p;
        c.goto(&url(&format!("?doc={}&p={last}", doc.id)))
            .await
            .unwrap();
        let target = find(&c, &format!("#p-{last}.target")).await;
        until(&c, "the paragraph scrolled into view", |c| async move {
            let top = c
                .execute(
                    &format!(
                        "return document.getElementById('p-{last}').getBoundingClientRect().top"
                    ),
                    vec![],
                )
                .await
                .unwrap();
            top.as_f64().is_some_and(|t| (0.0..900.0).contains(&t))
        })
        .await;
        let link = target.find(Locator::Css("a.pnum")).await.unwrap();
        let href = link.attr("href").await.unwrap().unwrap();
        assert_eq!(href, format!("{SUB_PATH}?view=doc&doc={}&p={last}", doc.id));
    })
    .await;
}

/// A bad link never gives a blank page: the problems are listed as text, the rest applies,
/// nothing in the link runs, and the notice can be dismissed.
#[tokio::test]
async fn a_bad_link_shows_a_notice_instead_of_a_blank_page() {
    run(|c| async move {
        let payload = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
        c.goto(&url(&format!("?doc={payload}&p=zero&colour=red")))
            .await
            .unwrap();
        let notices = find(&c, ".notices").await;
        let text = notices.text().await.unwrap();
        assert!(
            text.contains("<img src=x onerror=alert(1)>"),
            "the id is shown as text: {text}"
        );
        assert!(text.contains("colour"), "{text}");
        assert!(text.contains("p=zero"), "{text}");
        assert!(c.get_alert_text().await.is_err(), "no dialog opened");
        assert_eq!(c.find_all(Locator::Css("main img")).await.unwrap().len(), 0);
        assert_eq!(
            find_all(&c, "tbody tr[data-doc]").await.len(),
            corpus().documents.len()
        );
        find(&c, ".notices button").await.click().await.unwrap();
        until(&c, "the notice dismissed", |c| async move {
            c.find_all(Locator::Css(".notices"))
                .await
                .unwrap()
                .is_empty()
        })
        .await;
    })
    .await;
}

/// Keyboard only: the skip link, then Tab to a document and Enter opens it.
#[tokio::test]
async fn the_list_and_reader_work_from_the_keyboard() {
    run(|c| async move {
        c.goto(&url("")).await.unwrap();
        find(&c, "tbody tr[data-doc]").await;
        let body = c.find(Locator::Css("body")).await.unwrap();
        // Tab: skip link, brand, first document.
        body.send_keys("\u{E004}").await.unwrap();
        let focused = c.active_element().await.unwrap();
        assert_eq!(focused.text().await.unwrap(), "Skip to content");
        for _ in 0..2 {
            c.active_element()
                .await
                .unwrap()
                .send_keys("\u{E004}")
                .await
                .unwrap();
        }
        let focused = c.active_element().await.unwrap();
        let title = focused.text().await.unwrap();
        assert!(
            corpus().documents.iter().any(|d| d.title == title),
            "focus on a title: {title}"
        );
        focused.send_keys("\u{E007}").await.unwrap();
        let h1 = find(&c, "h1#doc-title").await;
        assert_eq!(h1.text().await.unwrap(), title);
        let focused = c.active_element().await.unwrap();
        assert_eq!(
            focused.attr("id").await.unwrap().as_deref(),
            Some("doc-title"),
            "focus moves to the new view"
        );
    })
    .await;
}

/// Not a check: saves screenshots of each view (desktop, 375 px, dark) into
/// `$CONCORD_SCREENSHOTS` (default `target/screenshots`) for people to look at.
/// Run with `make screenshots`.
#[tokio::test]
#[ignore = "writes screenshots; run with make screenshots"]
async fn screenshots() {
    let dir = std::env::var("CONCORD_SCREENSHOTS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/screenshots").into());
    std::fs::create_dir_all(&dir).unwrap();
    let doc = corpus()
        .documents
        .iter()
        .max_by_key(|d| d.paragraphs.len())
        .unwrap()
        .id
        .clone();
    let views = [
        ("list", String::new()),
        ("reader", format!("?doc={doc}")),
        ("original", format!("?doc={doc}&text=original")),
        ("permalink", format!("?doc={doc}&p=20")),
        ("notice", "?doc=missing&zoom=2".to_string()),
    ];
    for (suffix, args) in [
        ("desktop", vec!["--window-size=1280,900"]),
        ("375", vec!["--window-size=375,800"]),
        (
            "dark",
            vec![
                "--window-size=1280,900",
                "--blink-settings=preferredColorScheme=0",
            ],
        ),
    ] {
        let dir = dir.clone();
        let views = views.clone();
        run_with(&args, move |c| async move {
            for (name, query) in views {
                c.goto(&url(&query)).await.unwrap();
                find(&c, "main h1").await;
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                let png = c.screenshot().await.unwrap();
                let path = format!("{dir}/{name}-{suffix}.png");
                std::fs::write(&path, png).unwrap();
                println!("wrote {path}");
            }
        })
        .await;
    }
}
