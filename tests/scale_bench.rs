//! The sharded app at scale in headless Chromium (`make bench-scale`): the release build
//! named by `CONCORD_DIST` (a generated corpus built with `CONCORD_INDEX=sharded`), served by
//! a host that honours `Range` (`tests/e2e/support.rs`), and printed:
//!
//! - cold navigation to the first results on screen (`concord:first-results`, a fresh
//!   browser and cache each time), and the bytes the host served before them (all files,
//!   and the corpus's alone);
//! - typing, warm: each key's engine time (`concord:results`) and key to results on screen
//!   (`concord:search`, fetches included), p50 / p95 / max; and, query by query, its last
//!   key to its results on screen (what a typist waits for once done);
//! - memory: the WebAssembly memory and the page's JS heap after the typing (the fetch
//!   worker's own heap, its cache of at most 64 MB, is not in either);
//! - an export of every statement (`concord:export`): its time, the bytes fetched, the
//!   file's size, the page's longest frame meanwhile and the memory after; then an export
//!   called off with Cancel;
//! - the formulations view opened: when its list is on screen, the bytes fetched, memory;
//! - the views that read the words of most of the corpus: the collocates of a common word
//!   ([`COLLOCATES_OF`]), two sets (its statements against another word's, a term traced
//!   in both), and the distinctive terms of its results: when each is on screen, the
//!   bytes fetched, the memory at its peak;
//! - a long session: every document read one after another in one page, the memory as it
//!   goes and how often a load started over.
//!
//! `CONCORD_SCALE_ONLY=typing`, `=export` (with the formulations), `=reads` or `=session`
//! runs that part alone. `CONCORD_BENCH_VERBOSE=1` prints each typed query's searches: engine time,
//! time to the screen and shards loaded; `CONCORD_BENCH_TIMELINE=1` adds the User Timing
//! entries of its last search, from its first key (a search waiting for its shards takes in
//! the keys typed meanwhile: its time on screen counts from the first of them).
//!
//! A benchmark, not a test: it asserts nothing about time.
#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::support;
    use fantoccini::Client;
    use support::{
        dist, find, gzip_len, host_port, measures, query, run, served_by, spread, until, Host,
        SUB_PATH,
    };

    /// Cold navigations.
    const COLD_RUNS: usize = 3;
    /// The query of the cold navigations.
    const COLD_QUERY: &str = "palestinian state";
    /// A common word of the generated speeches (in 88% of the statements at 200 MB).
    const COLLOCATES_OF: &str = "china";
    /// Set B of the two sets (set A: the statements of [`COLLOCATES_OF`]), and the term
    /// traced in both.
    const SET_B: &str = "palestine";
    const SET_TERM: &str = "state";

    fn queries() -> std::str::Lines<'static> {
        include_str!("../crates/concord-core/benches/support/typed.txt").lines()
    }

    /// The WebAssembly memory (the last `concord:memory` mark) and the JS heap, in bytes.
    async fn memory(c: &Client) -> (f64, f64) {
        let v = c
            .execute(
                "const m = performance.getEntriesByName('concord:memory');
                 return [m.length ? m[m.length - 1].detail : 0,
                         performance.memory ? performance.memory.usedJSHeapSize : 0];",
                vec![],
            )
            .await
            .expect("memory");
        serde_json::from_value(v).expect("[wasm, js]")
    }

    /// The bytes a host that compresses the app's files sends for `served`.
    fn sent_gzip(served: &[support::Served]) -> usize {
        served
            .iter()
            .map(|s| {
                if s.path.contains("/corpus/") {
                    return s.bytes;
                }
                let name = s.path.trim_start_matches(SUB_PATH).trim_start_matches('/');
                let file = if name.is_empty() { "index.html" } else { name };
                std::fs::read(dist().join(file)).map_or(s.bytes, |b| gzip_len(&b))
            })
            .sum()
    }

    /// The bytes and requests of `served` that were the corpus's files.
    fn of_corpus(served: &[support::Served]) -> (usize, usize) {
        let corpus: Vec<&support::Served> = served
            .iter()
            .filter(|s| s.path.contains("/corpus/"))
            .collect();
        (corpus.iter().map(|s| s.bytes).sum(), corpus.len())
    }

    fn mb(bytes: f64) -> f64 {
        bytes / 1e6
    }

    pub async fn main() {
        let port = host_port(dist(), Host::Ranges);
        let only = std::env::var("CONCORD_SCALE_ONLY").ok();
        match only.as_deref() {
            Some("export") => {
                export(port).await;
                phrases(port).await;
                return;
            }
            Some("session") => {
                session(port).await;
                return;
            }
            Some("reads") => {
                reads(port).await;
                return;
            }
            _ => {}
        }
        let at = move |q: &str| format!("http://127.0.0.1:{port}{SUB_PATH}{q}");
        let corpus_bytes: u64 = walk(&dist().join("corpus"));
        println!(
            "sharded app at scale: {} ({:.1} MB of corpus files beside the app)",
            dist().display(),
            mb(corpus_bytes as f64)
        );
        // Cold: a fresh browser (empty cache) for each navigation.
        let mut cold = Vec::new();
        let cold_runs = if only.as_deref() == Some("typing") {
            0
        } else {
            COLD_RUNS
        };
        for _ in 0..cold_runs {
            let link = at(&query(&[("q", COLD_QUERY)]));
            let got = std::sync::Arc::new(std::sync::Mutex::new(None));
            let out = got.clone();
            run(move |c| async move {
                let before = served_by(port).len();
                c.goto(&link).await.unwrap();
                until(&c, "concord:first-results", |c| async move {
                    !measures(&c, "concord:first-results").await.is_empty()
                })
                .await;
                let served = served_by(port)[before..].to_vec();
                let all: usize = served.iter().map(|s| s.bytes).sum();
                let (corpus, requests) = of_corpus(&served);
                let gzipped = sent_gzip(&served);
                let t = measures(&c, "concord:first-results").await[0];
                let ready = measures(&c, "concord:ready").await.first().copied();
                *out.lock().unwrap() = Some((
                    t,
                    ready.unwrap_or(f64::NAN),
                    (all, gzipped),
                    corpus,
                    requests,
                ));
            })
            .await;
            cold.push(got.lock().unwrap().take().expect("a cold run"));
        }
        for (t, ready, (all, gzipped), corpus, requests) in &cold {
            println!(
                "  cold navigation to “{COLD_QUERY}”: first results on screen at {t:.0} ms (app ready at {ready:.0} ms); {:.2} MB served before them ({:.2} MB with the app's files gzipped, as hosts send them), of which {:.2} MB of corpus in {requests} requests",
                mb(*all as f64),
                mb(*gzipped as f64),
                mb(*corpus as f64),
            );
        }
        // Warm: one browser, the typed queries a key at a time.
        run(move |c| async move {
            c.goto(&at("")).await.unwrap();
            find(&c, "article.hit").await;
            // Every key's time, to count from a query's last key as well.
            c.execute(
                "performance.clearMeasures('concord:search'); performance.clearMeasures('concord:results');
                 window.concordKeys = [];
                 document.addEventListener('keydown', () => window.concordKeys.push(performance.now()), true);",
                vec![],
            )
            .await
            .unwrap();
            let before = served_by(port).len();
            let mut keys = 0;
            let (mut seen, mut seen_screen, mut seen_loads) = (0, 0, 0);
            let mut after_last_key = Vec::new();
            for q in queries() {
                keys += support::type_query(&c, q).await;
                // From the query's last key to the end of its last search on screen.
                let gap = c
                    .execute(
                        "const last = performance.getEntriesByName('concord:search').pop();
                         const key = window.concordKeys[window.concordKeys.length - 1];
                         return last && key !== undefined ? Math.max(0, last.startTime + last.duration - key) : null;",
                        vec![],
                    )
                    .await
                    .unwrap();
                if let Some(ms) = gap.as_f64() {
                    after_last_key.push((ms, q));
                    if std::env::var_os("CONCORD_BENCH_VERBOSE").is_some() {
                        println!("    “{q}”: its last key to its results on screen {ms:.0} ms");
                    }
                }
                if std::env::var_os("CONCORD_BENCH_VERBOSE").is_some() {
                    // This query's keys: each search's engine time.
                    let all = measures(&c, "concord:results").await;
                    let new: Vec<String> = all[seen..].iter().map(|d| format!("{d:.1}")).collect();
                    let screen = measures(&c, "concord:search").await;
                    let on_screen: Vec<String> =
                        screen[seen_screen..].iter().map(|d| format!("{d:.0}")).collect();
                    let loads = measures(&c, "concord:load").await;
                    let loaded: Vec<String> =
                        loads[seen_loads..].iter().map(|d| format!("{d:.0}")).collect();
                    println!(
                        "    “{q}”: concord:results {} ms; on screen {} ms; shards loaded in {} ms",
                        new.join(", "),
                        on_screen.join(", "),
                        loaded.join(", ")
                    );
                    seen_loads = loads.len();
                    if std::env::var_os("CONCORD_BENCH_TIMELINE").is_some() {
                        let v = c
                            .execute(
                                "const last = performance.getEntriesByName('concord:search').pop(); const t0 = last ? last.startTime : 0; return performance.getEntries().filter(e => e.name.startsWith('concord') && e.startTime >= t0 - 1).map(e => `${e.name} @${(e.startTime - t0).toFixed(0)} +${e.duration.toFixed(0)}`).join('; ')",
                                vec![],
                            )
                            .await
                            .unwrap();
                        println!("      {}", v.as_str().unwrap_or_default());
                    }
                    seen = all.len();
                    seen_screen = screen.len();
                }
            }
            let typed: Vec<support::Served> = served_by(port)[before..].to_vec();
            let (wasm, js) = memory(&c).await;
            let mut searches = measures(&c, "concord:search").await;
            let mut engine = measures(&c, "concord:results").await;
            searches.sort_by(f64::total_cmp);
            engine.sort_by(f64::total_cmp);
            println!(
                "  typing ({keys} keys, {} queries; {:.2} MB of shards fetched in {} requests meanwhile):",
                queries().count(),
                mb(typed.iter().map(|s| s.bytes).sum::<usize>() as f64),
                typed.len()
            );
            println!(
                "    engine (concord:results) {} ({} searches)",
                spread(&engine),
                engine.len()
            );
            println!(
                "    key to results on screen (concord:search, fetches included) {} ({} searches)",
                spread(&searches),
                searches.len()
            );
            let mut gaps: Vec<f64> = after_last_key.iter().map(|g| g.0).collect();
            gaps.sort_by(f64::total_cmp);
            let slowest = after_last_key
                .iter()
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map_or("", |g| g.1);
            println!(
                "    a query's last key to its results on screen {} (“{slowest}”; {} queries)",
                spread(&gaps),
                gaps.len()
            );
            println!(
                "  memory after typing: WebAssembly {:.0} MB + JS heap {:.0} MB = {:.0} MB",
                mb(wasm),
                mb(js),
                mb(wasm + js)
            );
        })
        .await;
        if only.as_deref() == Some("typing") {
            return;
        }
        export(port).await;
        phrases(port).await;
        reads(port).await;
        session(port).await;
    }

    /// Documents read one after the other in one page: the memory as they go, and how
    /// often a load started over (the budget of words loaded).
    async fn session(port: u16) {
        let at = move |q: &str| format!("http://127.0.0.1:{port}{SUB_PATH}{q}");
        let manifest = {
            let dir = dist().join("corpus");
            let name = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with("manifest-"))
                .unwrap();
            concord_core::shard::Manifest::decode(&std::fs::read(dir.join(name)).unwrap()).unwrap()
        };
        let ids: Vec<String> = manifest
            .corpus
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect();
        run(move |c| async move {
            c.goto(&at("")).await.unwrap();
            find(&c, "article.hit").await;
            let start = std::time::Instant::now();
            let mut line = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let to = format!("{SUB_PATH}{}", query(&[("view", "doc"), ("doc", id)]));
                let _ = support::follow_in_page(&c, &to).await;
                let shown = format!("article[data-doc=\"{id}\"]");
                waiting(&c, |c| {
                    let shown = shown.clone();
                    async move {
                        c.find(fantoccini::Locator::Css(&shown)).await.is_ok()
                            && c.find(fantoccini::Locator::Css(".shard-loading"))
                                .await
                                .is_err()
                    }
                })
                .await;
                if (i + 1) % 500 == 0 || i + 1 == ids.len() {
                    let (wasm, _) = memory(&c).await;
                    line.push(format!("{} read: {:.0} MB", i + 1, mb(wasm)));
                }
            }
            let starts = c
                .execute(
                    "return performance.getEntriesByName('concord:start-over').length",
                    vec![],
                )
                .await
                .unwrap();
            println!(
                "  a long session, {} documents read one after another in one page ({:.0} s): WebAssembly memory {}; loads started over {starts} times",
                ids.len(),
                start.elapsed().as_secs_f64(),
                line.join(", ")
            );
        })
        .await;
    }

    /// The formulations view opened in a fresh page: when its list is on screen, the bytes
    /// fetched for it, and the memory after.
    async fn phrases(port: u16) {
        let at = move |q: &str| format!("http://127.0.0.1:{port}{SUB_PATH}{q}");
        run(move |c| async move {
            let before = served_by(port).len();
            let start = std::time::Instant::now();
            c.goto(&at("?view=phrases")).await.unwrap();
            waiting(&c, |c| async move {
                c.find(fantoccini::Locator::Css("li.formula .first-use q"))
                    .await
                    .is_ok()
            })
            .await;
            let t = start.elapsed().as_secs_f64();
            let served = served_by(port)[before..].to_vec();
            let (corpus, requests) = of_corpus(&served);
            let listed = c
                .find_all(fantoccini::Locator::Css("li.formula"))
                .await
                .unwrap()
                .len();
            let (wasm, js) = memory(&c).await;
            println!(
                "  formulations view, fresh page: {listed} listed with their first uses on screen at {t:.1} s; {:.1} MB of corpus fetched in {} requests; memory WebAssembly {:.0} MB + JS heap {:.0} MB",
                mb(corpus as f64),
                requests,
                mb(wasm),
                mb(js)
            );
        })
        .await;
    }

    /// The views that read the words of most of the corpus, each on a fresh page: the
    /// collocates of a common word, two sets (the common word's statements against
    /// another's, a term traced in both) and the distinctive terms of the common word's
    /// results (on request).
    async fn reads(port: u16) {
        let word = COLLOCATES_OF;
        read_much(
            port,
            &format!("collocates of “{word}”"),
            query(&[("q", word), ("view", "collocates")]),
            None,
            "table.collocate-table",
        )
        .await;
        read_much(
            port,
            &format!("two sets, “{word}” against “{SET_B}”, “{SET_TERM}” traced in both"),
            query(&[
                ("q", SET_TERM),
                ("view", "sets"),
                ("a", &format!("q={word}")),
                ("b", &format!("q={SET_B}")),
            ]),
            None,
            ".collocate-difference",
        )
        .await;
        read_much(
            port,
            &format!("distinctive terms of the results of “{word}”"),
            query(&[("q", word)]),
            Some("button.find-distinctive"),
            "aside.distinctive ul",
        )
        .await;
    }

    /// One view that reads much, on a fresh page (`link`; `click`ed first when given):
    /// when `done` is on screen (or a shard error), the bytes fetched, and the memory,
    /// sampled every second meanwhile (its peak) and at the end.
    async fn read_much(
        port: u16,
        label: &str,
        link: String,
        click: Option<&'static str>,
        done: &'static str,
    ) {
        let at = move |q: &str| format!("http://127.0.0.1:{port}{SUB_PATH}{q}");
        let label = label.to_string();
        run(move |c| async move {
            c.goto(&at(&link)).await.unwrap();
            if let Some(button) = click {
                find(&c, button).await.click().await.unwrap();
            }
            let before = served_by(port).len();
            let start = std::time::Instant::now();
            let mut peak = 0.0f64;
            let mut last_sample = std::time::Instant::now();
            let outcome = loop {
                if c.find(fantoccini::Locator::Css(done)).await.is_ok() {
                    break "on screen";
                }
                if let Ok(error) = c.find(fantoccini::Locator::Css(".shard-error")).await {
                    println!("  {label}: {}", error.text().await.unwrap_or_default());
                    break "failed";
                }
                if start.elapsed().as_secs() > 600 {
                    break "not there after 600 s";
                }
                if last_sample.elapsed().as_secs() >= 1 {
                    peak = peak.max(memory(&c).await.0);
                    last_sample = std::time::Instant::now();
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            };
            let t = start.elapsed().as_secs_f64();
            let served = served_by(port)[before..].to_vec();
            let (corpus, requests) = of_corpus(&served);
            let (wasm, js) = memory(&c).await;
            println!(
                "  {label}, fresh page: {outcome} at {t:.1} s; {:.1} MB of corpus fetched in {} requests; WebAssembly {:.0} MB at most while loading, {:.0} MB after (+ JS heap {:.0} MB)",
                mb(corpus as f64),
                requests,
                mb(peak.max(wasm)),
                mb(wasm),
                mb(js)
            );
        })
        .await;
    }

    /// Records the gaps between animation frames (`window.concordGaps`) until
    /// `window.concordStop`: the page's longest frame while an export runs.
    const FRAMES: &str = "window.concordGaps = []; window.concordStop = false;
        let last = performance.now();
        const frame = t => { window.concordGaps.push(t - last); last = t;
            if (!window.concordStop) requestAnimationFrame(frame); };
        requestAnimationFrame(frame);";

    /// Waits (up to ten minutes) until `check`.
    async fn waiting<F, Fut>(c: &Client, check: F)
    where
        F: Fn(Client) -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let start = std::time::Instant::now();
        while !check(c.clone()).await {
            assert!(start.elapsed().as_secs() < 600, "the export never ended");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// An export of every statement, then one called off.
    async fn export(port: u16) {
        let at = move |q: &str| format!("http://127.0.0.1:{port}{SUB_PATH}{q}");
        run(move |c| async move {
            c.goto(&at("")).await.unwrap();
            find(&c, "article.hit").await;
            let (wasm_before, _) = memory(&c).await;
            let before = served_by(port).len();
            c.execute(FRAMES, vec![]).await.unwrap();
            support::click(&c, ".export button").await;
            waiting(&c, |c| async move {
                !measures(&c, "concord:export").await.is_empty()
            })
            .await;
            let t = measures(&c, "concord:export").await[0];
            let gap = c
                .execute(
                    "window.concordStop = true; return Math.max(...window.concordGaps);",
                    vec![],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap_or(f64::NAN);
            let fetched: usize = served_by(port)[before..].iter().map(|s| s.bytes).sum();
            let size = c
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     fetch(document.getElementById('export-csv').href)
                       .then(r => r.blob()).then(b => done(b.size));",
                    vec![],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap_or(f64::NAN);
            let mut parts = Vec::new();
            for part in ["read", "write", "yield"] {
                let m = measures(&c, &format!("concord:export-{part}")).await;
                parts.push(format!("{part} {:.1} s", m.iter().sum::<f64>() / 1000.0));
            }
            let blocks = measures(&c, "concord:export-read").await.len();
            let (wasm, js) = memory(&c).await;
            let status = find(&c, "p.status").await.text().await.unwrap_or_default();
            let visibility = c
                .execute("return document.visibilityState", vec![])
                .await
                .unwrap();
            println!(
                "  export of every statement as CSV ({status}): {:.1} s, a {:.0} MB file; {blocks} blocks: {}; {:.1} MB fetched; longest frame meanwhile {gap:.0} ms (the page {visibility}); WebAssembly {:.0} MB before, {:.0} MB after (+ JS heap {:.0} MB)",
                t / 1000.0,
                mb(size),
                parts.join(", "),
                mb(fetched as f64),
                mb(wasm_before),
                mb(wasm),
                mb(js)
            );
            // Called off after a second: the progress goes, no file comes.
            support::click(&c, ".export button:nth-of-type(2)").await;
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            let progress = find(&c, ".export progress").await;
            // What it looks like meanwhile (target/screenshots/scale-export-progress.png).
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/screenshots");
            std::fs::create_dir_all(dir).unwrap();
            let png = c.screenshot().await.unwrap();
            std::fs::write(format!("{dir}/scale-export-progress.png"), png).unwrap();
            let done = progress.attr("value").await.unwrap().unwrap_or_default();
            let total = progress.attr("max").await.unwrap().unwrap_or_default();
            let clicked = std::time::Instant::now();
            support::click(&c, ".export .cancel-export").await;
            waiting(&c, |c| async move {
                c.find(fantoccini::Locator::Css(".export .shard-loading"))
                    .await
                    .is_err()
            })
            .await;
            let gone = clicked.elapsed().as_secs_f64() * 1000.0;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let file = c
                .find(fantoccini::Locator::Css("a#export-json"))
                .await
                .is_ok();
            println!(
                "  an export as JSON called off after 1 s ({done} of {total} statements written): its progress gone {gone:.0} ms after the click (WebDriver's round trip included); {}",
                if file { "a file came anyway" } else { "no file" }
            );
        })
        .await;
    }

    /// Bytes of the files under `dir`.
    fn walk(dir: &std::path::Path) -> u64 {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| {
                        let path = e.path();
                        if path.is_dir() {
                            walk(&path)
                        } else {
                            e.metadata().map_or(0, |m| m.len())
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    native::main().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
