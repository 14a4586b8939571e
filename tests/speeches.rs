//! Real corpora in the browser: the release build of `tests/corpora/speeches` (hard-wrapped
//! speeches, a spreadsheet catalog, dates in file names, a transcript) in headless Chromium.
//! The reader shows a reflowed paragraph's lines exactly as the file has them, statements
//! belong to the document's speaker or the transcript turn's, and a phrase broken across two
//! lines is found.
//!
//! Run by `make test-speeches`, which builds that corpus into `target/release-dist-speeches`
//! and sets `CONCORD_DIST` and `CONCORD_CORPUS`.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

use concord_core::model::{DateOrigin, Role};
use concord_core::query::{Filters, Sort};
use fantoccini::{Client, Locator};
use support::{corpus, expected, find, find_all, query as link, run, status, status_is, url};

/// The corpus folder the build embeds.
fn folder() -> std::path::PathBuf {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    root.join(std::env::var_os("CONCORD_CORPUS").expect("CONCORD_CORPUS is set"))
}

/// The fixture is what this test needs: reflowed files, a document speaker, a transcript.
#[test]
fn the_build_is_of_a_corpus_with_reflowed_files_and_a_transcript() {
    let docs = &corpus().documents;
    assert!(docs.iter().any(|d| d.reflowed), "no reflowed file");
    assert!(
        docs.iter().any(|d| d.speaker.is_some()),
        "no document speaker"
    );
    assert!(
        docs.iter()
            .any(|d| d.paragraphs.iter().any(|p| p.label.is_some())),
        "no transcript"
    );
}

/// Every paragraph of a reflowed or labelled document, in the original-text view, reads
/// exactly as its lines in the file (trimmed, one a line), labels included.
#[tokio::test]
async fn the_original_text_shows_the_files_own_lines() {
    run(|c| async move {
        for d in corpus()
            .documents
            .iter()
            .filter(|d| d.reflowed || d.paragraphs.iter().any(|p| p.label.is_some()))
        {
            let file = std::fs::read_to_string(folder().join(&d.file)).expect("corpus file");
            let file_lines: Vec<&str> = file.lines().map(str::trim).collect();
            c.goto(&url(&link(&[("doc", &d.id), ("text", "original")])))
                .await
                .unwrap();
            let items = find_all(&c, "ol.original li[data-p] p.lines").await;
            assert_eq!(items.len(), d.paragraphs.len(), "{}", d.id);
            for (p, item) in d.paragraphs.iter().zip(&items) {
                let shown = c
                    .execute(
                        "return arguments[0].innerText",
                        vec![serde_json::to_value(item).unwrap()],
                    )
                    .await
                    .unwrap();
                let want = file_lines[p.line as usize - 1..p.last_line() as usize].join("\n");
                assert_eq!(shown.as_str(), Some(want.as_str()), "{} ¶{}", d.id, p.n);
            }
        }
    })
    .await;
}

/// In the statements view each statement names the speaker the engine gives it, and every
/// statement of a speech with a catalog speaker and no reporting clause is the speaker's;
/// a transcript's label lines are shown as labels, not statements.
#[tokio::test]
async fn statements_belong_to_the_speaker_or_the_turn() {
    run(|c| async move {
        let people = &corpus().people;
        for d in &corpus().documents {
            c.goto(&url(&link(&[("doc", &d.id)]))).await.unwrap();
            find(&c, "h1#doc-title").await;
            let speakers = c
                .find_all(Locator::Css("article.statement .speaker[data-speaker]"))
                .await
                .unwrap();
            assert_eq!(speakers.len(), d.statements.len(), "{}", d.id);
            for (s, e) in d.statements.iter().zip(&speakers) {
                let want = s
                    .speaker
                    .map_or("narrator", |i| people[i as usize].id.as_str());
                let got = e.attr("data-speaker").await.unwrap().unwrap_or_default();
                assert_eq!(got, want, "{} ¶{}", d.id, s.p);
            }
            let labels = d.with_role(Role::Label).count();
            let shown = c.find_all(Locator::Css(".turn-label")).await.unwrap().len();
            assert_eq!(shown, labels, "{}: label lines", d.id);
            // Where the date came from is said.
            if d.date.origin == DateOrigin::FileName {
                let meta = find(&c, "dl.meta").await.text().await.unwrap();
                assert!(meta.contains("from the file name"), "{}: {meta}", d.id);
            }
        }
    })
    .await;
}

/// A phrase whose words stand on two lines of a hard-wrapped file is found, and marked.
#[tokio::test]
async fn a_phrase_broken_across_lines_is_found() {
    // A phrase of three words that spans a line break in some reflowed paragraph.
    let (doc, p, phrase) = corpus()
        .documents
        .iter()
        .filter(|d| d.reflowed)
        .flat_map(|d| d.paragraphs.iter().map(move |p| (d, p)))
        .find_map(|(d, p)| {
            let b = p
                .breaks
                .iter()
                .find(|b| b.joint == concord_core::model::Joint::Space)?;
            let at = b.at as usize;
            let before: Vec<&str> = p.text[..at].split_whitespace().rev().take(2).collect();
            let after = p.text[at..].split_whitespace().next()?;
            let words = [before.get(1)?, before.first()?, &after];
            let clean: Vec<String> = words
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect();
            clean
                .iter()
                .all(|w| w.len() > 2 && w.chars().all(char::is_alphabetic))
                .then(|| (d, p.n, clean.join(" ")))
        })
        .expect("a reflowed paragraph with a phrase over a line break");
    let q = format!("\"{phrase}\"");
    let (statements, documents, order) = expected(&q, &Filters::default(), Sort::Relevance);
    assert!(order.contains(&(doc.id.clone(), p)), "the engine finds {q}");
    run(move |c: Client| async move {
        c.goto(&url(&link(&[("q", &q)]))).await.unwrap();
        status_is(&c, &status(statements, documents)).await;
        // In the original text, the mark runs over the line break.
        c.goto(&url(&link(&[
            ("doc", &doc.id),
            ("text", "original"),
            ("q", &q),
        ])))
        .await
        .unwrap();
        let mark = find(&c, &format!("li[data-p='{p}'] mark")).await;
        let text = c
            .execute(
                "return arguments[0].innerText",
                vec![serde_json::to_value(&mark).unwrap()],
            )
            .await
            .unwrap();
        let text = text.as_str().unwrap_or_default().to_string();
        assert!(
            text.contains('\n'),
            "the mark spans the line break: {text:?}"
        );
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            phrase
        );
    })
    .await;
}

/// axe-core's audit finds nothing on the reader of reflowed and transcript documents (their
/// statements, with "speaker" and "turn" badges and label lines, and their original text), in
/// light and dark.
#[tokio::test]
async fn the_reader_of_real_corpora_passes_an_axe_audit() {
    let axe = support::axe_source();
    let mut views = Vec::new();
    for d in corpus()
        .documents
        .iter()
        .filter(|d| d.reflowed || d.paragraphs.iter().any(|p| p.label.is_some()))
    {
        views.push(link(&[("doc", &d.id)]));
        views.push(link(&[("doc", &d.id), ("text", "original")]));
    }
    for args in [vec![], vec!["--blink-settings=preferredColorScheme=0"]] {
        let (axe, views) = (axe.clone(), views.clone());
        support::run_with(&args, move |c| async move {
            for view in views {
                c.goto(&url(&view)).await.unwrap();
                find(&c, "main h1").await;
                let violations = support::axe_violations(&c, &axe).await;
                assert!(violations.is_empty(), "{view}: {violations:#?}");
            }
        })
        .await;
    }
}

/// Not a check: screenshots of the reader on this corpus (desktop, 375 px, dark) in
/// `$CONCORD_SCREENSHOTS` (default `target/screenshots`), for people to look at. Run with
/// `make test-speeches` settings and `-- --ignored screenshots`.
#[tokio::test]
#[ignore = "writes screenshots"]
async fn screenshots() {
    let dir = std::env::var("CONCORD_SCREENSHOTS").unwrap_or_else(|_| "target/screenshots".into());
    let mut views: Vec<(String, String)> = Vec::new();
    for d in &corpus().documents {
        if d.reflowed || d.paragraphs.iter().any(|p| p.label.is_some()) {
            views.push((format!("speeches-{}", d.id), link(&[("doc", &d.id)])));
            views.push((
                format!("speeches-{}-original", d.id),
                link(&[
                    ("doc", &d.id),
                    ("text", "original"),
                    ("q", "deliberations"),
                    ("p", "2"),
                ]),
            ));
        }
    }
    support::screenshots_of(&dir, views).await;
}
