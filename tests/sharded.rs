//! The sharded mode in the browser (README, "Two modes"): the release build of the seeds
//! with `CONCORD_INDEX=sharded` and small shards (`CONCORD_SHARD_BYTES`), served by hosts
//! that honour `Range`, that ignore it, and that serve a damaged shard; the same links give
//! the views and counts the embedded engine gives (computed natively from the same folder).
//!
//! Run by `make test-sharded`, which builds `target/release-dist-sharded` and sets
//! `CONCORD_DIST`.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

use concord_core::query::{Filters, Sort};
use concord_core::shard::{Kind, Manifest};
use fantoccini::{Client, Locator};
use std::path::PathBuf;
use support::{
    dist, expected, exported, find, find_all, formulations, host_port, index, query as link, run,
    run_with, served_by, shown, status, status_is, until, Host, Served, SUB_PATH,
};

fn at(port: u16, query: &str) -> String {
    format!("http://127.0.0.1:{port}{SUB_PATH}{query}")
}

/// The words of a text, lowercased (a phrase as marked, a formulation's folded text).
fn words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The build's corpus folder and manifest.
fn corpus_dir() -> (PathBuf, Manifest) {
    let dir = dist().join("corpus");
    let name = std::fs::read_dir(&dir)
        .expect("a sharded build has corpus/ (make test-sharded builds one)")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("manifest-"))
        .expect("a manifest in corpus/");
    let manifest = Manifest::decode(&std::fs::read(dir.join(&name)).unwrap()).unwrap();
    (dir, manifest)
}

/// Words of the corpus whose postings lie in different shards: the most common word (five
/// letters or more), and one whose shards it shares none of.
fn two_words_apart() -> (String, String) {
    let (_, manifest) = corpus_dir();
    let index = index();
    let mut words: Vec<(usize, &str, u32)> = index
        .words
        .iter()
        .filter(|(w, _)| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
        .map(|(w, k)| (index.postings(*k).stmts.len(), w.as_str(), *k))
        .collect();
    words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let (_, a, ka) = words[0];
    let shards_a: Vec<u64> = manifest.postings_of(ka).iter().map(|s| s.offset).collect();
    let (_, b, _) = words
        .iter()
        .find(|(_, _, k)| {
            manifest
                .postings_of(*k)
                .iter()
                .all(|s| !shards_a.contains(&s.offset))
        })
        .expect("a word in other shards (the build cuts small shards)");
    (a.to_string(), b.to_string())
}

/// An explicit prefix that splits a stem (as `securit*` takes "security", not "secure"):
/// the shortest of at least four plain letters, of the most used such stem. The postings say
/// which word each position is, so it is matched without the statements' text.
fn split_prefix() -> String {
    let index = index();
    let mut found: Vec<(usize, String)> = Vec::new();
    for (w, k) in &index.words {
        let words = index.stem_words(*k);
        let split = (4..w.len())
            .filter(|&n| w.is_char_boundary(n))
            .map(|n| &w[..n])
            .filter(|p| p.chars().all(|c| c.is_ascii_lowercase()))
            .find(|p| {
                words
                    .iter()
                    .any(|&o| !index.words[o as usize].0.starts_with(p))
            });
        if let Some(p) = split {
            found.push((index.postings(*k).stmts.len(), format!("{p}*")));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found
        .into_iter()
        .next()
        .expect("a stem of words of two shapes")
        .1
}

/// The link of two sets, the statements of word `a` and those of word `b`, with `term`
/// traced in both (none when empty).
fn sets_link(term: &str, a: &str, b: &str) -> String {
    let (qa, qb) = (format!("q={a}"), format!("q={b}"));
    let mut params = vec![("view", "sets"), ("a", qa.as_str()), ("b", qb.as_str())];
    if !term.is_empty() {
        params.insert(0, ("q", term));
    }
    link(&params)
}

/// Waits until the list shows what the embedded engine finds for `q`: its status line and
/// its first page.
async fn list_is(c: &Client, q: &str) {
    let (n, docs, order) = expected(q, &Filters::default(), Sort::Relevance);
    status_is(c, &status(n, docs)).await;
    assert_eq!(shown(c).await, order[..order.len().min(20)], "{q}");
}

/// The shards the build wrote are the sharded form: small, many, every kind, in several
/// packs (`CONCORD_PACK_BYTES`, so that the views below read across packs), and each again
/// as a chunk file.
#[test]
fn the_build_is_sharded_in_small_shards() {
    let (dir, manifest) = corpus_dir();
    for kind in [Kind::Table, Kind::Postings, Kind::Text, Kind::Formulas] {
        assert!(
            !manifest.of_kind(kind).is_empty(),
            "no {} shard",
            kind.name()
        );
    }
    assert!(manifest.of_kind(Kind::Postings).len() > 2);
    assert!(manifest.of_kind(Kind::Text).len() > 2);
    assert!(manifest.packs.len() > 1, "{:?}", manifest.packs);
    assert!(manifest.chunks);
    for s in &manifest.shards {
        assert!(dir.join(s.chunk_name()).is_file(), "{}", s.chunk_name());
    }
}

/// The same links give the same views and counts as the embedded engine: searches (a word,
/// half a word, a phrase, an explicit prefix that splits a stem, no query), the reader,
/// the concordance and the formulations.
#[tokio::test]
async fn the_same_links_give_the_same_views() {
    let port = host_port(dist(), Host::Ranges);
    let (a, b) = two_words_apart();
    run(move |c| async move {
        let half = a[..a.len() - 2].to_string();
        let phrase = {
            let corpus = support::corpus();
            let text = &corpus.documents[0].paragraphs[0].text;
            let words: Vec<&str> = text.split_whitespace().take(2).collect();
            format!("\"{}\"", words.join(" "))
        };
        let split = split_prefix();
        for q in ["", &a, &b, &half, &phrase, &split] {
            c.goto(&at(port, &link(&[("q", q)]))).await.unwrap();
            list_is(&c, q).await;
        }
        // The reader's original text: every paragraph of the document, exactly.
        let doc = &support::corpus().documents[1];
        c.goto(&at(
            port,
            &link(&[("view", "doc"), ("doc", &doc.id), ("text", "original")]),
        ))
        .await
        .unwrap();
        let items = find_all(&c, "ol.original li[data-p]").await;
        assert_eq!(items.len(), doc.paragraphs.len());
        for (li, p) in items.iter().zip(&doc.paragraphs) {
            let p_el = li.find(Locator::Css("p")).await.unwrap();
            let text = p_el.prop("textContent").await.unwrap().unwrap_or_default();
            assert_eq!(text, p.text, "¶{}", p.n);
        }
        // The concordance: one row a use.
        c.goto(&at(port, &link(&[("q", &b), ("view", "kwic")])))
            .await
            .unwrap();
        let want = {
            use concord_core::query::Searcher;
            let searcher = Searcher::new(support::corpus(), index());
            let query = index().parse_typed(&b);
            let results = searcher.search(&query, &Filters::default(), Sort::Relevance);
            searcher.kwic(&query, &results, 8, usize::MAX)
        };
        let trs = find_all(&c, "table.lines tbody tr").await;
        assert_eq!(trs.len(), want.len().min(1000));
        for (tr, row) in trs.iter().zip(&want).take(10) {
            let key = tr.find(Locator::Css("td.key mark")).await.unwrap();
            assert_eq!(key.prop("textContent").await.unwrap().unwrap(), row.keyword);
        }
        // Collocates under a filter: ranked by their uses in the statements it keeps, which
        // the postings of their candidates say (loaded once the windows are read).
        let year = support::corpus()
            .documents
            .iter()
            .find_map(|d| d.date.date.map(|x| x.year))
            .expect("a dated document");
        let want = {
            use concord_core::query::Searcher;
            let searcher = Searcher::new(support::corpus(), index());
            let in_year = concord_core::model::Date {
                year,
                month: 0,
                day: 0,
            };
            let filters = Filters {
                from: Some(in_year),
                to: Some(in_year),
                ..Filters::default()
            };
            searcher.collocates(
                &index().parse_typed(&a),
                |s| searcher.passes_filters(&filters, s),
                concord_core::aggregate::collocates::WINDOW_DEFAULT,
                concord_core::aggregate::collocates::Rank::LogLikelihood,
                50,
            )
        };
        assert!(
            want.list.iter().any(|c| c.total > c.count),
            "no collocate of “{a}” in {year} is used outside its windows"
        );
        c.goto(&at(
            port,
            &link(&[
                ("q", &a),
                ("from", &year.to_string()),
                ("to", &year.to_string()),
                ("view", "collocates"),
            ]),
        ))
        .await
        .unwrap();
        let rows = find_all(&c, "table.collocate-table tbody tr").await;
        assert_eq!(rows.len(), want.list.len());
        for (tr, col) in rows.iter().zip(&want.list) {
            let cells = tr.find_all(Locator::Css("td.n")).await.unwrap();
            let mut got = Vec::new();
            for td in &cells[..2] {
                got.push(td.text().await.unwrap());
            }
            let written = tr.attr("data-collocate").await.unwrap().unwrap_or_default();
            assert_eq!(
                (written, got),
                (
                    col.written.clone(),
                    vec![col.count.to_string(), col.total.to_string()]
                ),
                "collocates of “{a}” in {year}"
            );
        }
        // The formulations: those the build found, listed as the embedded app lists them.
        c.goto(&at(port, &link(&[("view", "phrases")])))
            .await
            .unwrap();
        let listed = find_all(&c, "li.formula[data-formulation]").await;
        let (formulas, entries) = formulations();
        assert_eq!(listed.len(), entries.len());
        for (li, entry) in listed.iter().zip(entries).take(10) {
            let written = li
                .attr("data-formulation")
                .await
                .unwrap()
                .unwrap_or_default();
            let want = &formulas[entry.variants[0].0 as usize].surface;
            assert_eq!(&written, want, "the formulations in order");
        }
        // Counted from the uses the build stored, and quoted: each first use marks its
        // phrase; a formulation's later uses, opened, are loaded and quoted too.
        for (li, entry) in listed.iter().zip(entries).take(5) {
            let mark = li.find(Locator::Css(".first-use q mark")).await.unwrap();
            let text = mark.text().await.unwrap().to_lowercase();
            let want = formulas[entry.uses[0].formula as usize].text(index());
            assert_eq!(words(&text), words(&want));
        }
        if let Some((li, entry)) = listed.iter().zip(entries).find(|(_, e)| e.uses.len() > 1) {
            li.find(Locator::Css("details summary"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            let later = li.find_all(Locator::Css("ol.uses li q mark")).await;
            let later = match later {
                Ok(l) if !l.is_empty() => l,
                _ => {
                    find(&c, "li.formula details[open] ol.uses li").await;
                    li.find_all(Locator::Css("ol.uses li q mark"))
                        .await
                        .unwrap()
                }
            };
            assert_eq!(later.len(), (entry.uses.len() - 1).min(20));
        }
        // Two sets: their searches, then their statements' text; the terms of each and the
        // formulations of each, as the embedded engine finds them.
        let (sa, sb) = {
            use concord_core::query::Searcher;
            let searcher = Searcher::new(support::corpus(), index());
            let of = |q: &str| searcher.matching(&index().parse_typed(q), &Filters::default());
            (of(&a), of(&b))
        };
        let sets = concord_core::compare::sets::compare(index(), &sa, &sb, 25);
        let terms = |keys: &[concord_core::compare::keyness::Key]| -> Vec<String> {
            keys.iter()
                .map(|k| index().words[k.word as usize].0.clone())
                .collect()
        };
        let uses = concord_core::compare::sets::formulas_in(
            &concord_core::query::Searcher::new(support::corpus(), index()),
            formulas,
            &sa,
            &sb,
        );
        let in_columns: usize = [Some(true), None, Some(false)]
            .into_iter()
            .map(|only_a| {
                concord_core::compare::sets::formulas_of(&uses, only_a)
                    .take(25)
                    .count()
            })
            .sum();
        c.goto(&at(port, &sets_link("", &a, &b))).await.unwrap();
        find(&c, "h1#sets-title").await;
        find(&c, ".set-formulas ul, .set-formulas .set-column").await;
        find(&c, "li[data-term-of] a").await;
        for (which, want) in [("a", terms(&sets.a.keys)), ("b", terms(&sets.b.keys))] {
            let mut got = Vec::new();
            let css = format!("li[data-term-of={which}] a");
            for li in c.find_all(Locator::Css(&css)).await.unwrap() {
                got.push(li.text().await.unwrap());
            }
            assert_eq!(got, want, "set {which}'s terms");
        }
        assert!(!sets.a.keys.is_empty() || !sets.b.keys.is_empty());
        let listed = c
            .find_all(Locator::Css("li[data-formula-in]"))
            .await
            .unwrap();
        assert_eq!(listed.len(), in_columns);
        // A term traced in both sets: its collocates in each (its statements' words read a
        // block at a time, with the sets' or after them), as the embedded engine ranks them.
        let collocates_in_both = |term: &str| -> Vec<String> {
            use concord_core::aggregate::collocates::{difference, Rank, WINDOW_DEFAULT};
            let searcher = concord_core::query::Searcher::new(support::corpus(), index());
            let query = index().parse(term);
            let matching = searcher.eval(query.expr.as_ref().unwrap());
            let of = |set: &[u32]| {
                let inside = |s: &u32| set.binary_search(s).is_ok();
                let windows = searcher.windows(
                    &query,
                    matching.iter().copied().filter(inside),
                    WINDOW_DEFAULT,
                );
                searcher.rank_collocates(&query, &windows, |s| inside(&s), Rank::LogDice, 40)
            };
            difference(&of(&sa), &of(&sb))
                .into_iter()
                .map(|d| d.written)
                .collect()
        };
        let shown_collocates = |c: Client| async move {
            let mut got = Vec::new();
            for tr in find_all(&c, ".collocate-difference tr[data-collocate]").await {
                got.push(tr.attr("data-collocate").await.unwrap().unwrap_or_default());
            }
            got
        };
        // The term in the link: traced as the sets' words are read.
        let want = collocates_in_both(&a);
        assert!(!want.is_empty());
        c.goto(&at(port, &sets_link(&a, &a, &b))).await.unwrap();
        find(&c, ".collocate-difference tr[data-collocate]").await;
        assert_eq!(
            shown_collocates(c.clone()).await,
            want,
            "the collocates of “{a}” in both sets"
        );
        // Another term typed: traced apart, the sets' words not read again.
        let want = collocates_in_both(&b);
        assert!(!want.is_empty() && want != collocates_in_both(&a));
        let input = find(&c, "#q").await;
        input.clear().await.unwrap();
        input.send_keys(&format!("{b} ")).await.unwrap();
        until(&c, "the collocates of the term typed", {
            let want = want.clone();
            move |c| {
                let want = want.clone();
                async move { shown_collocates(c).await == want }
            }
        })
        .await;
    })
    .await;
}

/// A search fetches the manifest, the table and the shards its plan names, by `Range`:
/// no chunk file, and far from the whole pack.
#[tokio::test]
async fn a_search_fetches_only_what_it_reads() {
    let port = host_port(dist(), Host::Ranges);
    let (_, b) = two_words_apart();
    let (_, manifest) = corpus_dir();
    run(move |c| async move {
        c.goto(&at(port, &link(&[("q", &b)]))).await.unwrap();
        list_is(&c, &b).await;
        let served: Vec<Served> = served_by(port)
            .into_iter()
            .filter(|s| s.path.contains("/corpus/"))
            .collect();
        assert!(served.iter().any(|s| s.path.contains("manifest-")));
        assert!(
            !served.iter().any(|s| s.path.contains("/chunk/")),
            "{served:#?}"
        );
        // Past the table (read at start-up), what the word read: a few postings and text
        // shards, not the corpus.
        let table = manifest.of_kind(Kind::Table)[0].len as usize;
        let ranged: usize = served
            .iter()
            .filter(|s| s.range.is_some())
            .map(|s| s.bytes)
            .sum::<usize>()
            - table;
        let rest: u64 = [Kind::Postings, Kind::Text]
            .iter()
            .flat_map(|&k| manifest.of_kind(k))
            .map(|s| u64::from(s.len))
            .sum();
        assert!(ranged > 0);
        assert!(
            (ranged as u64) < rest / 2,
            "{ranged} of {rest} bytes of postings and text fetched for one word"
        );
    })
    .await;
}

/// The text shards `port` served by `Range`: those whose bytes lie in a range it served.
fn text_shards_served(port: u16, manifest: &Manifest) -> Vec<String> {
    let served = served_by(port);
    manifest
        .of_kind(Kind::Text)
        .iter()
        .filter(|s| {
            let pack = &manifest.packs[s.pack as usize].name;
            served.iter().any(|x| {
                x.path.ends_with(pack.as_str())
                    && x.range
                        .as_deref()
                        .and_then(support::parse_range)
                        .is_some_and(|(a, b)| a <= s.offset && s.offset + u64::from(s.len) - 1 <= b)
            }) || served.iter().any(|x| x.path.ends_with(&s.chunk_name()))
        })
        .map(|s| s.chunk_name())
        .collect()
}

/// Views drawn from the table read no text: the timeline of every statement draws the
/// embedded engine's marks and fetches no text shard, nor do collocates without a query. The positions, which read only the
/// results that take positions, list the engine's.
#[tokio::test]
async fn the_timeline_reads_no_text_and_positions_read_theirs() {
    use concord_core::aggregate::positions::stances_asked;
    use concord_core::aggregate::timeline::LaneBy;
    use concord_core::query::Searcher;
    let searcher = Searcher::new(support::corpus(), index());
    let everything = searcher.search(
        &index().parse_typed(""),
        &Filters::default(),
        Sort::Relevance,
    );
    let all: Vec<u32> = everything.statement_ids().collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    let marks = searcher
        .timeline(&sorted, &Filters::default(), LaneBy::Speaker)
        .marks
        .len();
    let groups = searcher
        .positions(
            all.iter().copied(),
            stances_asked(&index().parse_typed(""), &Filters::default()),
        )
        .groups
        .len();
    let (_, manifest) = corpus_dir();
    {
        let port = host_port(dist(), Host::Ranges);
        let manifest = manifest.clone();
        run(move |c| async move {
            c.goto(&at(port, &link(&[("view", "timeline")])))
                .await
                .unwrap();
            find(&c, "svg.timeline-chart").await;
            assert_eq!(find_all(&c, "svg.timeline-chart .mark").await.len(), marks);
            assert_eq!(text_shards_served(port, &manifest), Vec::<String>::new());
            // Collocates without a query: none to find, nothing read (with filters too).
            c.goto(&at(
                port,
                &link(&[("view", "collocates"), ("from", "2023"), ("to", "2023")]),
            ))
            .await
            .unwrap();
            find(&c, "#collocates-title").await;
            find(&c, ".collocates p.empty").await;
            assert_eq!(text_shards_served(port, &manifest), Vec::<String>::new());
        })
        .await;
    }
    let port = host_port(dist(), Host::Ranges);
    run(move |c| async move {
        // Only the results that take positions are read (every document of the seeds
        // does): the view lists what the engine lists.
        c.goto(&at(port, &link(&[("view", "positions")])))
            .await
            .unwrap();
        find(&c, "h1#positions-title").await;
        assert_eq!(find_all(&c, "li.target-group").await.len(), groups.min(100));
    })
    .await;
}

/// Past its budget of words loaded (`CONCORD_MEMORY_WORDS=1500` in this build, a few of
/// the seeds' documents), a load starts over: the text no part of the page reads is
/// dropped (`concord:start-over`), and every document read after, in the same page, still
/// shows each of its paragraphs; so does the list of every statement.
#[tokio::test]
async fn past_its_budget_a_load_starts_over() {
    let port = host_port(dist(), Host::Ranges);
    run(move |c| async move {
        c.goto(&at(port, "")).await.unwrap();
        list_is(&c, "").await;
        c.execute("window.concordSamePage = true;", vec![])
            .await
            .unwrap();
        for _round in 0..2 {
            for doc in &support::corpus().documents {
                let to = format!(
                    "{SUB_PATH}{}",
                    link(&[("view", "doc"), ("doc", &doc.id), ("text", "original")])
                );
                let (crashed, _) = support::follow_in_page(&c, &to).await;
                assert!(!crashed);
                let want: Vec<String> = doc.paragraphs.iter().map(|p| p.text.clone()).collect();
                support::until(&c, &format!("the paragraphs of {}", doc.id), move |c| {
                    let want = want.clone();
                    async move {
                        let got = c
                            .execute(
                                "return [...document.querySelectorAll('ol.original li[data-p]')]
                                    .map(li => li.querySelector('p').textContent);",
                                vec![],
                            )
                            .await
                            .unwrap();
                        serde_json::from_value::<Vec<String>>(got).unwrap_or_default() == want
                    }
                })
                .await;
            }
        }
        let (crashed, _) = support::follow_in_page(&c, &format!("{SUB_PATH}?")).await;
        assert!(!crashed);
        list_is(&c, "").await;
        let v = c
            .execute(
                "return [window.concordSamePage === true,
                         performance.getEntriesByName('concord:start-over').length];",
                vec![],
            )
            .await
            .unwrap();
        let (same, starts): (bool, usize) = serde_json::from_value(v).unwrap();
        assert!(same, "the page was not reloaded");
        assert!(starts > 0, "no load started over");
    })
    .await;
}

/// A host that ignores `Range` (the whole pack, 200): the worker cancels it and reads
/// every shard from its own file; the views are the same.
#[tokio::test]
async fn a_host_ignoring_range_still_works() {
    let port = host_port(dist(), Host::NoRanges);
    let (a, b) = two_words_apart();
    run(move |c| async move {
        c.goto(&at(port, &link(&[("q", &a)]))).await.unwrap();
        list_is(&c, &a).await;
        c.goto(&at(port, &link(&[("q", &b)]))).await.unwrap();
        list_is(&c, &b).await;
        let served = served_by(port);
        assert!(
            served.iter().any(|s| s.path.contains("/corpus/chunk/")),
            "{served:#?}"
        );
    })
    .await;
}

/// A build without chunk files (`CONCORD_CHUNKS=0`) sends the worker no chunk names: from a
/// host that ignores `Range`, a run is an error saying why and what to do, not a storm of
/// missing files; from a host that honours it, the same run is read.
#[tokio::test]
async fn without_chunk_files_a_host_ignoring_range_is_told() {
    let (dir, manifest) = corpus_dir();
    let worker = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("fetch-worker-"))
        .expect("the fetch worker in corpus/");
    let shard = manifest.of_kind(Kind::Postings)[0].clone();
    let pack = manifest.packs[shard.pack as usize].name.clone();
    for (host, ok) in [(Host::NoRanges, false), (Host::Ranges, true)] {
        let port = host_port(dist(), host);
        let (worker, pack) = (worker.clone(), pack.clone());
        run(move |c| async move {
            c.goto(&at(port, "")).await.unwrap();
            let answer = c
                .execute_async(
                    "const [worker, pack, start, end, done] = arguments;
                     const w = new Worker(worker);
                     w.onmessage = (e) => done({ ok: e.data.ok, error: e.data.error || '',
                                                 bytes: e.data.ok ? e.data.bytes.byteLength : 0 });
                     w.postMessage({ jobs: [{ id: 1, pack, start, end }] });",
                    vec![
                        at(port, &format!("corpus/{worker}")).into(),
                        at(port, &format!("corpus/{pack}")).into(),
                        shard.offset.into(),
                        (shard.offset + u64::from(shard.len)).into(),
                    ],
                )
                .await
                .unwrap();
            assert_eq!(answer["ok"], ok, "{answer}");
            if ok {
                assert_eq!(answer["bytes"], shard.len, "{answer}");
            } else {
                let error = answer["error"].as_str().unwrap();
                assert!(error.contains(&pack), "{error}");
                assert!(error.contains("ignores Range"), "{error}");
                assert!(error.contains("CONCORD_CHUNKS=0"), "{error}");
            }
        })
        .await;
    }
}

/// A damaged shard gives a message naming it, and the app keeps answering: a search whose
/// shards are whole shows its results.
#[tokio::test]
async fn a_damaged_shard_is_named_and_the_rest_keeps_working() {
    let (a, b) = two_words_apart();
    let (_, manifest) = corpus_dir();
    let k = {
        let index = index();
        index.words.iter().find(|(w, _)| *w == a).unwrap().1
    };
    let shard = manifest.postings_of(k)[0].clone();
    let host = Host::Damaged {
        file: manifest.packs[shard.pack as usize].name.clone(),
        from: shard.offset + u64::from(shard.len) / 2,
        to: shard.offset + u64::from(shard.len) / 2 + 1,
    };
    let port = host_port(dist(), host);
    run(move |c| async move {
        c.goto(&at(port, &link(&[("q", &a)]))).await.unwrap();
        let error = find(&c, ".shard-error").await.text().await.unwrap();
        assert!(error.contains("damaged"), "{error}");
        assert!(error.contains("postings shard"), "{error}");
        assert!(error.contains(&shard.chunk_name()), "{error}");
        // The box still answers: another word, typed.
        let input = find(&c, "#q").await;
        input.clear().await.unwrap();
        input.send_keys(&format!("{b} ")).await.unwrap();
        list_is(&c, &format!("{b} ")).await;
    })
    .await;
}

/// Parts that read more than their view: an export of every statement (their text loaded
/// first), the distinctive terms of results and the near-duplicates of a document (each on
/// request) give what the embedded engine gives.
#[tokio::test]
async fn exports_distinctive_terms_and_near_duplicates_load_what_they_read() {
    use concord_core::compare::keyness::keyness;
    use concord_core::{Finder, Searcher};
    let port = host_port(dist(), Host::Ranges);
    let (a, _) = two_words_apart();
    let words = {
        let index = index();
        let query = index.parse_typed(&a);
        let results = Searcher::new(support::corpus(), index).search(
            &query,
            &Filters::default(),
            Sort::Relevance,
        );
        let target: Vec<u32> = results.statement_ids().collect();
        keyness(index, &target, 10)
            .iter()
            .map(|k| index.words[k.word as usize].0.clone())
            .collect::<Vec<_>>()
    };
    // The document with the most near-duplicates, and how many of its statements have any.
    let (doc, with_dups) = (0..support::corpus().documents.len())
        .map(|d| {
            let found = Finder::new(support::corpus(), index()).of_document(d as u32);
            (d, found.len())
        })
        .max_by_key(|&(d, n)| (n, std::cmp::Reverse(d)))
        .unwrap();
    run(move |c| async move {
        // Every statement, exported: the text of all of them, loaded first.
        let (n, _, order) = expected("", &Filters::default(), Sort::Relevance);
        c.goto(&at(port, "")).await.unwrap();
        list_is(&c, "").await;
        support::click(&c, ".export button").await;
        let (name, text) = exported(&c, "export-csv").await;
        assert_eq!(name, format!("concord-statements-{n}.csv"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), n);
        for (r, (doc, p)) in records.iter().zip(&order) {
            let want = &support::corpus()
                .document(doc)
                .unwrap()
                .paragraph(*p)
                .unwrap()
                .text;
            assert_eq!(&r[5], concord_core::export::defuse(want));
        }
        // As JSON: the same statements (the build cuts the export into blocks of 16).
        support::click(&c, ".export button:nth-of-type(2)").await;
        let (name, text) = exported(&c, "export-json").await;
        assert_eq!(name, format!("concord-statements-{n}.json"));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(rows.len(), n);
        for (r, (doc, p)) in rows.iter().zip(&order) {
            assert_eq!(r["document"], doc.as_str());
            assert_eq!(r["paragraph"], *p);
        }
        assert!(c
            .find(Locator::Css(".export .shard-loading"))
            .await
            .is_err());
        // The distinctive terms of a search's results, when asked for.
        c.goto(&at(port, &link(&[("q", &a)]))).await.unwrap();
        list_is(&c, &a).await;
        support::click(&c, "button.find-distinctive").await;
        let items = find_all(&c, "aside.distinctive li a").await;
        let mut got = Vec::new();
        for li in items {
            got.push(li.text().await.unwrap());
        }
        assert_eq!(got, words);
        // Near-duplicates of a document, when asked for.
        let id = support::corpus().documents[doc].id.clone();
        c.goto(&at(port, &link(&[("view", "doc"), ("doc", &id)])))
            .await
            .unwrap();
        assert!(with_dups > 0, "the corpus has near-duplicates to find");
        assert!(
            c.find(Locator::Css(".also")).await.is_err(),
            "not before asked"
        );
        support::click(&c, "button.find-near-dups").await;
        let lists = find_all(&c, ".also").await;
        assert_eq!(lists.len(), with_dups);
    })
    .await;
}

/// PNGs of what the sharded mode adds (desktop, 375 px, dark) in `target/screenshots/`:
/// the results with the distinctive terms on request, their loading, a damaged shard's
/// message, and the formulations with later uses opened. `make screenshots-sharded`.
#[tokio::test]
#[ignore = "writes screenshots; run with make screenshots-sharded"]
async fn screenshots() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/screenshots");
    std::fs::create_dir_all(dir).unwrap();
    let (a, _) = two_words_apart();
    let (_, manifest) = corpus_dir();
    let k = index().words.iter().find(|(w, _)| *w == a).unwrap().1;
    let shard = manifest.postings_of(k)[0].clone();
    let good = host_port(dist(), Host::Ranges);
    let damaged = host_port(
        dist(),
        Host::Damaged {
            file: manifest.packs[shard.pack as usize].name.clone(),
            from: shard.offset,
            to: shard.offset + 1,
        },
    );
    for (suffix, args) in support::SCREENS {
        let a = a.clone();
        run_with(args, move |c| async move {
            let shot = |name: &str| format!("{dir}/sharded-{name}-{suffix}.png");
            c.goto(&at(good, &link(&[("q", &a)]))).await.unwrap();
            find(&c, "button.find-distinctive").await;
            std::fs::write(shot("results"), c.screenshot().await.unwrap()).unwrap();
            c.goto(&at(good, &link(&[("q", &split_prefix())])))
                .await
                .unwrap();
            find(&c, "button.find-distinctive").await;
            std::fs::write(shot("split-prefix"), c.screenshot().await.unwrap()).unwrap();
            c.goto(&at(damaged, &link(&[("q", &a)]))).await.unwrap();
            find(&c, ".shard-error").await;
            std::fs::write(shot("damaged"), c.screenshot().await.unwrap()).unwrap();
            // The formulations, a formulation's later uses opened (loaded on opening).
            c.goto(&at(good, &link(&[("view", "phrases")])))
                .await
                .unwrap();
            support::click(&c, "li.formula details summary").await;
            find(&c, "li.formula details[open] ol.uses li").await;
            c.execute(
                "document.querySelector('li.formula details[open]').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
            std::fs::write(shot("phrases"), c.screenshot().await.unwrap()).unwrap();
            // Collocates under a filter (read a block at a time, then their candidates'
            // postings).
            let year = support::corpus()
                .documents
                .iter()
                .find_map(|d| d.date.date.map(|x| x.year.to_string()))
                .unwrap_or_default();
            c.goto(&at(
                good,
                &link(&[
                    ("q", &a),
                    ("from", &year),
                    ("to", &year),
                    ("view", "collocates"),
                ]),
            ))
            .await
            .unwrap();
            find(&c, "table.collocate-table").await;
            std::fs::write(shot("collocates"), c.screenshot().await.unwrap()).unwrap();
            // Two sets, a term traced in both (their words read a block at a time), and
            // the distinctive terms of results, asked for.
            let (_, b) = two_words_apart();
            c.goto(&at(good, &sets_link(&a, &a, &b))).await.unwrap();
            find(&c, ".collocate-difference tr[data-collocate]").await;
            std::fs::write(shot("sets"), c.screenshot().await.unwrap()).unwrap();
            c.execute(
                "document.querySelector('.collocate-difference').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
            std::fs::write(shot("sets-term"), c.screenshot().await.unwrap()).unwrap();
            c.goto(&at(good, &link(&[("q", &a)]))).await.unwrap();
            support::click(&c, "button.find-distinctive").await;
            find(&c, "aside.distinctive ul").await;
            std::fs::write(shot("distinctive"), c.screenshot().await.unwrap()).unwrap();
        })
        .await;
    }
}
