//! The app's speed in headless Chromium, from the User Timing measures it emits:
//! `concord:ready` (navigation start to first render) and `concord:search` (an input event
//! to its results on screen). Types a fixed set of queries, a key at a time, into the
//! release build named by `CONCORD_DIST`, and prints p50 / p95 of the searches and the
//! median ready time. A benchmark, not a test: it asserts nothing about time.
//!
//! `make bench-app` runs it for the seeds and for a generated 13 MB corpus.
#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

/// Natively only (the browser is driven from outside it).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::support;

    use fantoccini::{Client, Locator};
    use support::{find, run, url};

    /// Typed one key at a time; every key is a search.
    const QUERIES: [&str; 8] = [
        "china",
        "palestinian state",
        "\"two-state solution\"",
        "negoti*",
        "peace OR ceasefire",
        "security -israel",
        "year:2023 development",
        "the",
    ];
    const READY_RUNS: usize = 5;

    async fn measures(c: &Client, name: &str) -> Vec<f64> {
        let v = c
            .execute(
                "return performance.getEntriesByName(arguments[0]).map(e => e.duration)",
                vec![serde_json::json!(name)],
            )
            .await
            .expect("performance entries");
        serde_json::from_value(v).expect("durations")
    }

    fn percentile(sorted: &[f64], p: f64) -> f64 {
        if sorted.is_empty() {
            return f64::NAN;
        }
        sorted[((sorted.len() - 1) as f64 * p).round() as usize]
    }

    #[tokio::main]
    pub async fn main() {
        let label = std::env::var("CONCORD_BENCH_LABEL").unwrap_or_else(|_| "this build".into());
        run(move |c| async move {
            let (mut ready, mut decode, mut index) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..READY_RUNS {
                c.goto(&url("")).await.unwrap();
                find(&c, "[role=status]").await;
                ready.extend(measures(&c, "concord:ready").await);
                decode.extend(measures(&c, "concord:decode").await);
                index.extend(measures(&c, "concord:index").await);
            }
            for v in [&mut ready, &mut decode, &mut index] {
                v.sort_by(f64::total_cmp);
            }

            c.goto(&url("")).await.unwrap();
            find(&c, "[role=status]").await;
            c.execute("performance.clearMeasures('concord:search')", vec![])
                .await
                .unwrap();
            let mut keys = 0;
            for q in QUERIES {
                let input = find(&c, "#q").await;
                // Select all and delete, as a user would (an input event, so a search too).
                input.send_keys("\u{E009}a").await.unwrap();
                input.send_keys("\u{E003}").await.unwrap();
                for ch in q.chars() {
                    input.send_keys(&ch.to_string()).await.unwrap();
                    keys += 1;
                }
                // Wait for the last search to land in the link.
                let start = std::time::Instant::now();
                loop {
                    let shown = c
                        .find(Locator::Css("#q"))
                        .await
                        .unwrap()
                        .prop("value")
                        .await
                        .unwrap()
                        .unwrap_or_default();
                    let (_, link) = support::location(&c).await;
                    if shown == q && link.starts_with("?q=") {
                        break;
                    }
                    assert!(
                        start.elapsed().as_secs() < 30,
                        "search for {q} never landed: box {shown:?}, link {link}"
                    );
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
            let mut searches = measures(&c, "concord:search").await;
            if std::env::var_os("CONCORD_BENCH_VERBOSE").is_some() {
                println!("searches in order (ms): {searches:.1?}");
            }
            searches.sort_by(f64::total_cmp);
            println!("\napp benchmark — {label}");
            println!(
                "  concord:ready   median {:.1} ms (of {} loads; min {:.1}, max {:.1})",
                percentile(&ready, 0.5),
                ready.len(),
                ready.first().copied().unwrap_or(f64::NAN),
                ready.last().copied().unwrap_or(f64::NAN)
            );
            println!(
                "    of which decoding the corpus {:.1} ms, building the index {:.1} ms (medians)",
                percentile(&decode, 0.5),
                percentile(&index, 0.5)
            );
            println!(
                "  concord:search  p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms \
                 ({} searches from {keys} keys, {} queries)",
                percentile(&searches, 0.5),
                percentile(&searches, 0.95),
                searches.last().copied().unwrap_or(f64::NAN),
                searches.len(),
                QUERIES.len()
            );
            println!("  targets: search p95 ≤ 16 ms; ready ≤ 300 ms (seeds) / ≤ 1 s (13 MB)\n");
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
