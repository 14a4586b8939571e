//! The app's speed in headless Chromium, from the User Timing measures it emits:
//! `concord:ready` (navigation start to first render), `concord:search` (an input event
//! to its results on screen; beside it `concord:results`, the engine alone for the same keys)
//! and `concord:compare` (computing and rendering the comparison
//! of the corpus's two longest documents). Types a fixed set of queries, a key at a time, into the
//! release build named by `CONCORD_DIST`, and prints p50 / p95 of the searches and the
//! median ready time. A benchmark, not a test: it asserts nothing about time.
//!
//! `make bench-app` runs it for the seeds, a generated 13 MB corpus, 12 MB of generated
//! hard-wrapped speeches with a speaker each, and a generated pair of 20,000-word documents.
#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

/// Natively only (the browser is driven from outside it).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::support;

    use fantoccini::Client;
    use support::{find, gzip_len, measures, percentile, run, spread, until, url};

    /// Typed one key at a time; every key is a search. One query a line, in a file shared
    /// with the native search bench's typing table (`cargo bench --bench search`).
    fn queries() -> std::str::Lines<'static> {
        include_str!("../crates/concord-core/benches/support/typed.txt").lines()
    }
    const READY_RUNS: usize = 5;

    /// Waits until the page has recorded the measure `name` (once).
    async fn measured(c: &Client, name: &'static str) {
        until(c, name, move |c| async move {
            c.execute(
                "return performance.getEntriesByName(arguments[0]).length",
                vec![serde_json::json!(name)],
            )
            .await
            .ok()
            .and_then(|v| v.as_u64())
                == Some(1)
        })
        .await;
    }

    /// The corpus's raw text (every `.txt` file, as read) and the app's wasm, in bytes and
    /// gzipped; and the embedded corpus alone, gzipped.
    fn transfer() -> String {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir =
            std::env::var_os("CONCORD_CORPUS").map_or_else(|| root.join("seeds"), |d| root.join(d));
        let input = concord_core::corpus::folder::read(&dir).expect("corpus folder");
        let raw: Vec<u8> = input.files.iter().flat_map(|f| f.bytes.clone()).collect();
        let raw_gz = gzip_len(&raw);
        let embedded = concord_core::embed::encode(support::corpus());
        let embedded_gz = gzip_len(&embedded);
        let wasm = std::fs::read_dir(support::dist())
            .expect("dist")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "wasm"))
            .expect("a .wasm in dist");
        let wasm = std::fs::read(wasm).expect("wasm");
        let wasm_gz = gzip_len(&wasm);
        format!(
            "raw text {} B ({raw_gz} B gzip); embedded corpus {} B ({embedded_gz} B gzip, {:.2}× the text's gzip); \
             whole wasm {} B ({wasm_gz} B gzip, {:.2}×)",
            raw.len(),
            embedded.len(),
            embedded_gz as f64 / raw_gz as f64,
            wasm.len(),
            wasm_gz as f64 / raw_gz as f64,
        )
    }

    /// Start-up before the app's code runs, in ms since navigation start: the wasm's last
    /// byte (Resource Timing's `responseEnd`) and the `concord:main` mark.
    async fn start_up(c: &Client) -> (f64, f64) {
        let v = c
            .execute(
                "const w = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
                 const m = performance.getEntriesByName('concord:main');
                 return [w ? w.responseEnd : null, m.length ? m[0].startTime : null]",
                vec![],
            )
            .await
            .expect("start-up entries");
        let at = |i: usize| v[i].as_f64().unwrap_or(f64::NAN);
        (at(0), at(1))
    }

    /// The WebAssembly memory's size in bytes (the `concord:memory` mark), if marked.
    async fn memory(c: &Client) -> f64 {
        c.execute(
            "const m = performance.getEntriesByName('concord:memory'); \
             return m.length ? m[m.length - 1].detail : null",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
    }

    /// Event Timing of [`queries`] typed a key at a time into a bare `<input>` added to the
    /// page (no handlers of its own): the durations of the presses over 16 ms, and how many
    /// presses there were. The baseline the app's own figures stand against.
    async fn bare_input_keys(c: &Client) -> (Vec<f64>, f64) {
        c.execute(
            "const input = document.createElement('input');
             input.id = 'bench-bare';
             document.body.appendChild(input);
             window.concordBareKeys = new Map();
             window.concordBareBefore = performance.interactionCount || 0;
             new PerformanceObserver(list => {
                 for (const e of list.getEntries()) {
                     if (e.interactionId && e.target === input) {
                         const d = window.concordBareKeys.get(e.interactionId) || 0;
                         window.concordBareKeys.set(e.interactionId, Math.max(d, e.duration));
                     }
                 }
             }).observe({ type: 'event', durationThreshold: 16 });",
            vec![],
        )
        .await
        .expect("a bare input");
        let input = find(c, "#bench-bare").await;
        for q in queries() {
            input.send_keys("\u{E009}a").await.unwrap();
            input.send_keys("\u{E003}").await.unwrap();
            for ch in q.chars() {
                input.send_keys(&ch.to_string()).await.unwrap();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let floor = c
            .execute(
                "document.getElementById('bench-bare').remove();
                 return [[...window.concordBareKeys.values()],
                         (performance.interactionCount || 0) - window.concordBareBefore];",
                vec![],
            )
            .await
            .expect("event timing of the bare input");
        serde_json::from_value(floor).expect("[durations, interactions]")
    }

    /// MiniSearch's search-as-you-type options, as its documentation gives them.
    const MINISEARCH_OPTIONS: &str = "prefix: true, fuzzy: 0.2";

    /// What MiniSearch did with the same keys.
    struct MiniSearch {
        version: String,
        statements: usize,
        /// Building its index, ms.
        build: f64,
        /// One search per key, ms, sorted.
        searches: Vec<f64>,
    }

    /// MiniSearch's browser build (`CONCORD_MINISEARCH`, else the copy `make tools` installs).
    fn minisearch_path() -> String {
        std::env::var("CONCORD_MINISEARCH").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/.tools/node_modules/minisearch/dist/umd/index.js"
            )
            .into()
        })
    }

    /// MiniSearch (the client-side engine people know) in the same page: an index of every
    /// statement's text, then one search for each key of [`queries`] as typed (the text so
    /// far, as MiniSearch reads it: words, no operators), timed with `performance.now()`.
    async fn minisearch(c: &Client) -> Option<MiniSearch> {
        let source = std::fs::read_to_string(minisearch_path()).ok()?;
        let root = std::path::Path::new(&minisearch_path())
            .ancestors()
            .nth(3)?
            .join("package.json");
        let version = std::fs::read_to_string(root)
            .ok()
            .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
            .and_then(|p| p["version"].as_str().map(str::to_string))
            .unwrap_or_default();
        let corpus = support::corpus();
        let texts: Vec<&str> = corpus
            .documents
            .iter()
            .flat_map(|d| d.statements.iter().filter_map(|s| d.paragraph(s.p)))
            .map(|p| p.text.as_str())
            .collect();
        let typed: Vec<String> = queries()
            .flat_map(|q| {
                q.char_indices()
                    .map(|(i, ch)| q[..i + ch.len_utf8()].to_string())
            })
            .collect();
        // The library defines `MiniSearch` on the page's window (its UMD build).
        c.execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .ok()?;
        let v = c
            .execute(
                &format!(
                    "const texts = arguments[0], typed = arguments[1];
                     const t0 = performance.now();
                     const ms = new MiniSearch({{ fields: ['text'] }});
                     ms.addAll(texts.map((text, id) => ({{ id, text }})));
                     const build = performance.now() - t0;
                     const searches = typed.map(q => {{
                         const t = performance.now();
                         ms.search(q, {{ {MINISEARCH_OPTIONS} }});
                         return performance.now() - t;
                     }});
                     return [build, searches];"
                ),
                vec![serde_json::json!(texts), serde_json::json!(typed)],
            )
            .await
            .expect("MiniSearch ran");
        let (build, mut searches): (f64, Vec<f64>) = serde_json::from_value(v).expect("timings");
        searches.sort_by(f64::total_cmp);
        Some(MiniSearch {
            version,
            statements: texts.len(),
            build,
            searches,
        })
    }

    #[tokio::main]
    pub async fn main() {
        let label = std::env::var("CONCORD_BENCH_LABEL").unwrap_or_else(|_| "this build".into());
        run(move |c| async move {
            let (mut ready, mut decode, mut index) = (Vec::new(), Vec::new(), Vec::new());
            let (mut fetched, mut main) = (Vec::new(), Vec::new());
            for _ in 0..READY_RUNS {
                c.goto(&url("")).await.unwrap();
                find(&c, "main h1").await;
                ready.extend(measures(&c, "concord:ready").await);
                decode.extend(measures(&c, "concord:decode").await);
                index.extend(measures(&c, "concord:index").await);
                let (f, m) = start_up(&c).await;
                fetched.push(f);
                main.push(m);
            }
            let memory_ready = memory(&c).await;
            for v in [&mut ready, &mut decode, &mut index, &mut fetched, &mut main] {
                v.sort_by(f64::total_cmp);
            }

            c.goto(&url("")).await.unwrap();
            find(&c, "main h1").await;
            c.execute(
                "performance.clearMeasures('concord:search'); performance.clearMeasures('concord:results');
                 // The browser's own view of each key (Event Timing): from the key's hardware
                 // time to the next paint after its handlers, for keys of 16 ms and more.
                 window.concordSlowKeys = new Map();
                 window.concordKeysBefore = performance.interactionCount || 0;
                 new PerformanceObserver(list => {
                     for (const e of list.getEntries()) {
                         if (e.interactionId) {
                             const d = window.concordSlowKeys.get(e.interactionId) || 0;
                             window.concordSlowKeys.set(e.interactionId, Math.max(d, e.duration));
                         }
                     }
                 }).observe({ type: 'event', durationThreshold: 16 });",
                vec![],
            )
            .await
            .unwrap();
            let mut keys = 0;
            for q in queries() {
                keys += support::type_query(&c, q).await;
            }
            let memory_searched = memory(&c).await;
            // Event Timing reports its entries a little after the paint: give it a moment.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let slow_keys: (Vec<f64>, f64) = serde_json::from_value(
                c.execute(
                    "return [[...window.concordSlowKeys.values()],
                             (performance.interactionCount || 0) - window.concordKeysBefore];",
                    vec![],
                )
                .await
                .expect("event timing"),
            )
            .expect("[durations, interactions]");
            // The floor: the same keys typed into a bare input of this page, which searches
            // nothing. Its presses still wait for the next frame, so the share over 16 ms is
            // what the browser's frame rate alone gives.
            let floor = bare_input_keys(&c).await;
            let mut searches = measures(&c, "concord:search").await;
            // The engine alone, for the same keys (the rest of a search's time is drawing).
            let mut engine = measures(&c, "concord:results").await;
            engine.sort_by(f64::total_cmp);
            if std::env::var_os("CONCORD_BENCH_VERBOSE").is_some() {
                // Every measure while typing, in start order: what ran when.
                let all = c
                    .execute(
                        "return performance.getEntriesByType('measure')
                             .filter(e => e.name.startsWith('concord:') && e.name !== 'concord:ready')
                             .map(e => [e.name, e.startTime, e.duration])",
                        vec![],
                    )
                    .await
                    .expect("measures");
                let all: Vec<(String, f64, f64)> = serde_json::from_value(all).expect("entries");
                for (name, start, duration) in all {
                    println!("  {start:9.1} ms  {duration:7.1} ms  {name}");
                }
            }
            searches.sort_by(f64::total_cmp);
            let minisearch = minisearch(&c).await;
            // The comparison of the two longest documents, opened by link five times.
            let mut longest: Vec<&concord_core::model::Document> =
                support::corpus().documents.iter().collect();
            let words = |d: &concord_core::model::Document| {
                d.statements
                    .iter()
                    .filter_map(|s| d.paragraph(s.p))
                    .map(|p| concord_core::text::word_count(&p.text))
                    .sum::<usize>()
            };
            longest.sort_by_key(|d| std::cmp::Reverse(words(d)));
            let (mut compares, mut compares_all, mut computes) = (Vec::new(), Vec::new(), Vec::new());
            if longest.len() >= 2 {
                let cmp = format!("{},{}", longest[0].id, longest[1].id);
                let link = support::query(&[("view", "compare"), ("cmp", &cmp)]);
                for _ in 0..READY_RUNS {
                    c.goto(&url(&link)).await.unwrap();
                    find(&c, ".cmp-table").await;
                    // Wait for the last rows (rendered in chunks after the first screen).
                    measured(&c, "concord:compare-all").await;
                    compares.extend(measures(&c, "concord:compare").await);
                    compares_all.extend(measures(&c, "concord:compare-all").await);
                    computes.extend(measures(&c, "concord:compare-compute").await);
                }
                compares.sort_by(f64::total_cmp);
                compares_all.sort_by(f64::total_cmp);
                computes.sort_by(f64::total_cmp);
            }
            // The formulations view, and the near-duplicates of the longest document.
            let (mut phrases, mut neardups, mut positions) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..READY_RUNS {
                c.goto(&url("?view=phrases")).await.unwrap();
                find(&c, "h1#phrases-title").await;
                phrases.extend(measures(&c, "concord:phrases").await);
                c.goto(&url("?view=positions")).await.unwrap();
                find(&c, "h1#positions-title").await;
                positions.extend(measures(&c, "concord:positions").await);
                if let Some(d) = longest.first() {
                    c.goto(&url(&support::query(&[("doc", &d.id)]))).await.unwrap();
                    find(&c, "h1#doc-title").await;
                    measured(&c, "concord:neardup").await;
                    neardups.extend(measures(&c, "concord:neardup").await);
                }
            }
            phrases.sort_by(f64::total_cmp);
            neardups.sort_by(f64::total_cmp);
            positions.sort_by(f64::total_cmp);
            // Two sets of about half the corpus each (split at the year that halves its
            // statements), and the collocates of the corpus's most used content word.
            let idx = support::index();
            let mut years: Vec<i32> = idx
                .statements
                .iter()
                .filter_map(|st| idx.docs[st.doc as usize].date.map(|d| d.year))
                .collect();
            years.sort_unstable();
            let (mut sets, mut set_formulas, mut collocates) = (Vec::new(), Vec::new(), Vec::new());
            let split = years.get(years.len() / 2).copied();
            let (half_a, half_b) = split.map_or((0, 0), |y| {
                let a = years.iter().filter(|&&x| x < y).count();
                (a, years.len() - a)
            });
            let frequent = (0..idx.words.len() as u32)
                .filter(|&w| !idx.is_stop(w))
                .max_by_key(|&w| idx.stem_total(idx.stem_of(w)))
                .map(|w| idx.words[w as usize].0.clone())
                .unwrap_or_default();
            for _ in 0..READY_RUNS {
                if let Some(y) = split {
                    let a = format!("to={}", y - 1);
                    let b = format!("from={y}");
                    c.goto(&url(&support::query(&[("view", "sets"), ("a", &a), ("b", &b)])))
                        .await
                        .unwrap();
                    find(&c, "h1#sets-title").await;
                    sets.extend(measures(&c, "concord:sets").await);
                    measured(&c, "concord:sets-formulas").await;
                    set_formulas.extend(measures(&c, "concord:sets-formulas").await);
                }
                c.goto(&url(&support::query(&[("q", &frequent), ("view", "collocates")])))
                    .await
                    .unwrap();
                find(&c, "h1#collocates-title").await;
                // Their windows, then their ranking.
                let windows = measures(&c, "concord:collocates").await;
                let ranked = measures(&c, "concord:collocates-rank").await;
                collocates.extend(windows.iter().zip(&ranked).map(|(w, r)| w + r));
            }
            sets.sort_by(f64::total_cmp);
            set_formulas.sort_by(f64::total_cmp);
            collocates.sort_by(f64::total_cmp);
            let stated: usize = support::corpus()
                .documents
                .iter()
                .flat_map(|d| d.statements.iter().map(|s| s.positions.len()))
                .sum();
            let compared = if longest.len() >= 2 {
                format!("{} and {} words", words(longest[0]), words(longest[1]))
            } else {
                "fewer than two documents".into()
            };

            println!("\napp benchmark — {label}");
            println!(
                "  concord:ready   median {:.1} ms (of {} loads; min {:.1}, max {:.1})",
                percentile(&ready, 0.5),
                ready.len(),
                ready.first().copied().unwrap_or(f64::NAN),
                ready.last().copied().unwrap_or(f64::NAN)
            );
            println!(
                "    of which: the module fetched at {:.1} ms, its code started at {:.1} ms (compiled while \
                 fetching; {:.1} ms after the last byte), decoding the corpus {:.1} ms, building the index {:.1} ms (medians)",
                percentile(&fetched, 0.5),
                percentile(&main, 0.5),
                percentile(&main, 0.5) - percentile(&fetched, 0.5),
                percentile(&decode, 0.5),
                percentile(&index, 0.5)
            );
            println!(
                "  concord:search  {} ({} searches from {keys} keys, {} queries)",
                spread(&searches),
                searches.len(),
                queries().count()
            );
            {
                let (mut slow, interactions) = slow_keys;
                slow.sort_by(f64::total_cmp);
                let over = slow.iter().filter(|&&d| d > 16.0).count();
                println!(
                    "  event timing    {over} of {interactions} key presses over 16 ms from the key to the next paint \
                     (the browser's Event Timing, 8 ms steps; the slowest {:.0} ms)",
                    slow.last().copied().unwrap_or(0.0)
                );
                let (mut bare, bare_presses) = floor;
                bare.sort_by(f64::total_cmp);
                println!(
                    "                  floor: {} of {bare_presses} presses over 16 ms typing the same keys into a bare \
                     <input> of the same page (the slowest {:.0} ms)",
                    bare.iter().filter(|&&d| d > 16.0).count(),
                    bare.last().copied().unwrap_or(0.0)
                );
            }
            println!(
                "  concord:results {} (the engine alone, {} searches)",
                spread(&engine),
                engine.len()
            );
            match &minisearch {
                Some(m) => println!(
                    "  minisearch      {} (MiniSearch {} in this page, the same {} keys; \
                     {MINISEARCH_OPTIONS}; its index of the {} statements built in {:.0} ms); \
                     its p95 is {:.1}× concord:search's, {:.1}× concord:results'",
                    spread(&m.searches),
                    m.version,
                    m.searches.len(),
                    m.statements,
                    m.build,
                    percentile(&m.searches, 0.95) / percentile(&searches, 0.95),
                    percentile(&m.searches, 0.95) / percentile(&engine, 0.95),
                ),
                None => println!("  minisearch      not measured: no {} (`make tools` installs it)", minisearch_path()),
            }
            println!(
                "  concord:compare median {:.1} ms, max {:.1} ms to the first screen (computing: {:.1} ms); every row in {:.1} ms (median) ({} loads; the two longest documents: {compared})",
                percentile(&compares, 0.5),
                compares.last().copied().unwrap_or(f64::NAN),
                percentile(&computes, 0.5),
                percentile(&compares_all, 0.5),
                compares.len()
            );
            println!(
                "  concord:phrases median {:.1} ms (formulations view); concord:neardup median {:.1} ms (near-duplicates of the longest document's {} statements, after the reader shows)",
                percentile(&phrases, 0.5),
                percentile(&neardups, 0.5),
                longest.first().map_or(0, |d| d.statements.len())
            );
            println!(
                "  concord:positions median {:.1} ms, max {:.1} ms (positions view: all {stated} positions of the corpus grouped by target)",
                percentile(&positions, 0.5),
                positions.last().copied().unwrap_or(f64::NAN)
            );
            println!(
                "  concord:sets    median {:.1} ms, max {:.1} ms (two sets: {half_a} and {half_b} statements, split by year; their formulations after the view shows, concord:sets-formulas, median {:.1} ms); concord:collocates median {:.1} ms, max {:.1} ms (of “{frequent}”, the most used content word, window 4)",
                percentile(&sets, 0.5),
                sets.last().copied().unwrap_or(f64::NAN),
                percentile(&set_formulas, 0.5),
                percentile(&collocates, 0.5),
                collocates.last().copied().unwrap_or(f64::NAN)
            );
            let text: usize = support::corpus()
                .documents
                .iter()
                .flat_map(|d| d.paragraphs.iter().map(|p| p.text.len()))
                .sum();
            println!(
                "  memory          wasm {:.1} MB at ready, {:.1} MB after the searches ({:.2}× the {:.1} MB of paragraph text)",
                memory_ready / 1e6,
                memory_searched / 1e6,
                memory_searched / text as f64,
                text as f64 / 1e6
            );
            println!("  transfer        {}", transfer());
            println!("  targets: search p95 ≤ 16 ms; ready ≤ 300 ms (seeds) / ≤ 1 s (13 MB); compare of two 20,000-word documents < 100 ms;");
            println!("           corpus transfer ≤ 1.1× the gzip of its raw text; wasm memory ≤ 4× the text;");
            println!("           two half-corpus sets and a frequent word's collocates < 100 ms\n");
        })
        .await;
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
