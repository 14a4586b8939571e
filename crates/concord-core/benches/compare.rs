//! Comparison benchmark: the costs of the comparison stage on generated text.
//!
//! `cargo bench -p concord-core --bench compare` (or `make bench-compare`). Prints:
//! - aligning, diffing and tiling two generated documents of about 20,000 words each (one a
//!   revision of the other: sentences kept, reworded, dropped, added, paragraphs moved),
//!   median and p95 of 30 runs, with the size of the result;
//! - on the generated 13 MB corpus of the search benchmark: finding the formulations (done
//!   by `build.rs`), counting them (the formulations view, unfiltered and under a year
//!   filter), the near-duplicates of every statement of the longest document (the reader),
//!   and the distinctive terms of about half the corpus (the list under a filter).
//!
//! With `CONCORD_BENCH_CORPUS_OUT=dir` the two 20,000-word documents are written to `dir`
//! and nothing is timed (`make bench-app` builds the app with them to time the browser).

#[path = "support/generate.rs"]
mod generate;

use concord_core::compare::{align::compare, formulas, keyness::keyness, neardup, Side};
use concord_core::index::Index;
use concord_core::query::{Filters, Searcher};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and p95 of `runs` timings of `f`.
fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    let at = |p: f64| ms(t[((t.len() - 1) as f64 * p).round() as usize]);
    (at(0.5), at(0.95))
}

fn bench(c: &mut Criterion) {
    let corpus = generate::pair(20_000);
    if std::env::var_os("CONCORD_BENCH_CORPUS_OUT").is_some() {
        return;
    }
    let index = Index::build(&corpus);
    let sides = || {
        (
            Side::from_index(&corpus, &index, 0, None),
            Side::from_index(&corpus, &index, 1, None),
        )
    };
    let (a, b) = sides();
    let result = compare(&a, &b);
    println!(
        "\ncomparison of two generated documents: {} and {} words, {} and {} paragraphs",
        a.len(),
        b.len(),
        a.units.len(),
        b.units.len()
    );
    println!(
        "  result: {} rows, {} shared phrases, {:.0}% similar",
        result.rows.len(),
        result.phrases,
        result.similarity * 100.0
    );
    let (median, p95) = timed(30, || {
        let (a, b) = sides();
        std::hint::black_box(compare(&a, &b));
    });
    println!("  sides + compare: median {median:.1} ms, p95 {p95:.1} ms (30 runs; browser target < 100 ms)");

    let big = generate::generate();
    let index13 = Index::build(&big);
    let searcher = Searcher::new(&big, &index13);
    println!(
        "\ngenerated 13 MB corpus: {} documents, {} statements",
        big.documents.len(),
        index13.statements.len()
    );
    let t = Instant::now();
    let found = formulas::find(&big, &index13);
    println!(
        "  formulations found (build time): {} in {:.0} ms",
        found.len(),
        ms(t.elapsed())
    );
    let mut listed = 0;
    let (median, p95) = timed(5, || {
        listed = formulas::table(&searcher, &found, &Filters::default()).len();
    });
    println!(
        "  formulations view, unfiltered: {listed} listed, median {median:.1} ms, p95 {p95:.1} ms"
    );
    let year = Filters {
        years: vec![2021],
        ..Filters::default()
    };
    let (median, p95) = timed(5, || {
        listed = formulas::table(&searcher, &found, &year).len();
    });
    println!(
        "  formulations view, year 2021: {listed} listed, median {median:.1} ms, p95 {p95:.1} ms"
    );
    let longest = (0..big.documents.len() as u32)
        .max_by_key(|&d| big.documents[d as usize].statements.len())
        .unwrap();
    let first = index13.statements.partition_point(|st| st.doc < longest) as u32;
    let stmts: Vec<u32> = (first..index13.doc_end(longest)).collect();
    let mut dups = 0;
    let mut finder = neardup::Finder::new(&big, &index13);
    let (median, p95) = timed(5, || {
        dups = stmts.iter().map(|&s| finder.of(s).len()).sum();
    });
    println!(
        "  near-duplicates of the {} statements of the longest document: {dups} found, median {median:.1} ms, p95 {p95:.1} ms",
        stmts.len()
    );
    let half: Vec<u32> = (0..index13.statements.len() as u32)
        .filter(|&s| {
            let d = index13.statements[s as usize].doc as usize;
            index13.docs[d].date.is_some_and(|x| x.year >= 2019)
        })
        .collect();
    let (median, p95) = timed(5, || {
        std::hint::black_box(keyness(&index13, &half, 10));
    });
    println!(
        "  distinctive terms of {} statements: median {median:.1} ms, p95 {p95:.1} ms\n",
        half.len()
    );

    let mut group = c.benchmark_group("compare");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    group.bench_function("two 20,000-word documents", |bn| {
        bn.iter(|| {
            let (a, b) = sides();
            compare(&a, &b)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
