//! Search benchmark on a generated corpus of 260 documents and over 13 MB.
//!
//! `cargo bench -p concord-core --bench search` (or `make bench`). The corpus is generated
//! here, deterministically, and never committed: word-level Markov text trained on the seed
//! corpus, widened with invented words, names and numbers, attributed to generated speakers
//! through the real corpus pipeline (`corpus::build`). It prints, for 20 fixed queries, the
//! median and p95 time of a search plus the highlights of its first page (20 statements),
//! beside a naive scan that analyses every statement at query time — whose matches must equal
//! the index's — then the index build time and memory. Criterion times each query as well.
//! With `CONCORD_BENCH_CORPUS_KIND=speeches` the corpus is instead 249 hard-wrapped speeches of
//! about 12 MB with a Zipfian vocabulary (`generate::generate_speeches`), harder and more like
//! real text. With `CONCORD_BENCH_CORPUS_OUT=dir` the generated files are written to `dir` and nothing
//! is timed (the app benchmark builds the app with them: `make bench-app`); with
//! `CONCORD_BENCH_PROFILE=query` only that query runs, repeatedly, for 8 s (for a profiler).

#[path = "support/generate.rs"]
mod generate;

use concord_core::index::Index;
use concord_core::model::{Corpus, Date};
use concord_core::query::{parse, Expr, Field, Filters, Query, Searcher, Sort};
use concord_core::text::analyze::{analyze, Term};
use criterion::{criterion_group, criterion_main, Criterion};
use generate::generate_chosen;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const FIRST_PAGE: usize = 20;

const QUERIES: [&str; 20] = [
    "china",
    "palestinian",
    "negotiate",
    "the",
    "\"two-state solution\"",
    "\"core interests\"",
    "\"1967 borders\"",
    "negoti*",
    "palestin*",
    "peace talks",
    "\"comprehensive, just\" lasting",
    "china OR palestine",
    "security -israel",
    "(gaza OR jerusalem) ceasefire",
    "speaker:amina-odhiambo cooperation",
    "country:oman",
    "year:2021 development",
    "after:2022-06 before:2023-03 humanitarian",
    "kind:phone-call \"international community\"",
    "xinjiang OR tibet OR \"hong kong\"",
];

/// Evaluates a query by analysing each statement now: no index. The reference for
/// correctness and the baseline for speed.
struct Naive<'a> {
    corpus: &'a Corpus,
    index: &'a Index,
}

impl Naive<'_> {
    fn eval(&self, e: &Expr, s: u32, terms: &[Term]) -> bool {
        match e {
            Expr::Word { stem, .. } => terms.iter().any(|t| t.stem == *stem),
            Expr::Phrase { stems, .. } => terms
                .windows(stems.len())
                .any(|w| w.iter().zip(stems).all(|(t, s)| t.stem == *s)),
            Expr::Prefix { prefix, stem, .. } => terms
                .iter()
                .any(|t| t.folded.starts_with(prefix.as_str()) || stem.as_ref() == Some(&t.stem)),
            Expr::And(items) => items.iter().all(|i| self.eval(i, s, terms)),
            Expr::Or(items) => items.iter().any(|i| self.eval(i, s, terms)),
            Expr::Not(inner) => !self.eval(inner, s, terms),
            Expr::Field(f) => {
                let st = &self.index.statements[s as usize];
                let doc = &self.corpus.documents[st.doc as usize];
                let date = doc.date.date;
                let first = |d: Date| (d.year, d.month.max(1), d.day.max(1));
                let last = |d: Date| {
                    let m = if d.month == 0 { 12 } else { d.month };
                    (
                        d.year,
                        m,
                        if d.day == 0 {
                            concord_core::model::days_in_month(d.year, m)
                        } else {
                            d.day
                        },
                    )
                };
                match f {
                    Field::Speaker(id) => {
                        st.speaker
                            .map_or("narrator", |p| self.corpus.people[p as usize].id.as_str())
                            == id
                    }
                    Field::Country(c) => self
                        .index
                        .countries_of(s)
                        .iter()
                        .any(|&i| self.index.countries[i as usize] == *c),
                    Field::Source(src) => {
                        doc.source
                            .as_deref()
                            .map(concord_core::text::slug)
                            .as_deref()
                            == Some(src.as_str())
                    }
                    Field::Kind(k) => doc.kind.as_deref() == Some(k.as_str()),
                    Field::Stance(x) => doc
                        .statements
                        .iter()
                        .find(|t| t.p == st.p)
                        .is_some_and(|t| t.positions.iter().any(|pos| pos.stance == *x)),
                    Field::Year(y) => date.is_some_and(|d| d.year == *y),
                    Field::After(a) => date.is_some_and(|d| last(d) >= first(*a)),
                    Field::Before(b) => date.is_some_and(|d| first(d) <= last(*b)),
                }
            }
        }
    }

    fn search(&self, q: &Query) -> BTreeSet<u32> {
        (0..self.index.statements.len() as u32)
            .filter(|&s| {
                let st = &self.index.statements[s as usize];
                let text = &self.corpus.documents[st.doc as usize]
                    .paragraph(st.p)
                    .unwrap()
                    .text;
                q.expr
                    .as_ref()
                    .is_none_or(|e| self.eval(e, s, &analyze(text)))
            })
            .collect()
    }
}

/// One timed search as the app does it: results plus the first page's highlights.
fn search_with_first_page(searcher: &Searcher<'_>, q: &Query) -> usize {
    let r = searcher.search(q, &Filters::default(), Sort::Relevance);
    let mut marks = 0;
    for h in r
        .documents
        .iter()
        .flat_map(|d| &d.statements)
        .take(FIRST_PAGE)
    {
        marks += searcher.highlights(q, h.stmt).len();
    }
    r.statements + marks
}

/// The app benchmark's queries (`tests/app_bench.rs` reads the same file), typed a key at a
/// time: one a line.
const TYPED: &str = include_str!("support/typed.txt");

/// Every key of [`TYPED`] searched as the app searches it (`Index::parse_typed`: the word
/// being typed is also a prefix), with the first page's highlights: the median of each key,
/// the p50 / p95 over all keys, and the costliest keys with what they matched.
fn typing(searcher: &Searcher<'_>, index: &Index) {
    let mut keys: Vec<(String, Duration, usize, usize)> = Vec::new();
    for q in TYPED.lines() {
        for (end, _) in q.char_indices().skip(1).chain([(q.len(), ' ')]) {
            let typed = &q[..end];
            let parsed = index.parse_typed(typed);
            let completing = parsed
                .completing()
                .map_or(0, |(_, p)| index.words_with_prefix(p).len());
            let mut times: Vec<Duration> = (0..30)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(search_with_first_page(searcher, &parsed));
                    t.elapsed()
                })
                .collect();
            times.sort();
            let matches = searcher
                .search(&parsed, &Filters::default(), Sort::Relevance)
                .statements;
            keys.push((
                typed.to_string(),
                percentile(&times, 0.5),
                matches,
                completing,
            ));
        }
    }
    let mut all: Vec<Duration> = keys.iter().map(|k| k.1).collect();
    all.sort();
    println!(
        "typing: {} keys of {} queries as the app parses them (the word being typed is a prefix too): \
         p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms (each key's median of 30)",
        keys.len(),
        TYPED.lines().count(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.95)),
        ms(percentile(&all, 1.0))
    );
    keys.sort_by_key(|k| std::cmp::Reverse(k.1));
    println!(
        "{:<28} {:>10} {:>8} {:>12}",
        "  costliest keys", "median ms", "matches", "completions"
    );
    for (typed, t, matches, completing) in keys.iter().take(8) {
        println!(
            "  {:<26} {:>10.3} {:>8} {:>12}",
            format!("{typed:?}"),
            ms(*t),
            matches,
            completing
        );
    }
    println!();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn bench(c: &mut Criterion) {
    let t = Instant::now();
    let corpus = generate_chosen();
    let generated = t.elapsed();
    if std::env::var_os("CONCORD_BENCH_CORPUS_OUT").is_some() {
        return;
    }
    let bytes: usize = corpus
        .documents
        .iter()
        .flat_map(|d| &d.paragraphs)
        .map(|p| p.text.len() + 1)
        .sum();
    let statements: usize = corpus.documents.iter().map(|d| d.statements.len()).sum();
    let t = Instant::now();
    let index = Index::build(&corpus);
    let index_time = t.elapsed();
    let searcher = Searcher::new(&corpus, &index);
    if let Ok(q) = std::env::var("CONCORD_BENCH_PROFILE") {
        // Only this query, repeated for a few seconds: something for `perf record` to see.
        let parsed = parse(&q);
        let (t, mut n) = (Instant::now(), 0u32);
        while t.elapsed() < Duration::from_secs(8) {
            std::hint::black_box(search_with_first_page(&searcher, &parsed));
            n += 1;
        }
        println!(
            "{q}: {n} searches, {:.3} ms each",
            ms(t.elapsed()) / f64::from(n)
        );
        return;
    }
    let naive = Naive {
        corpus: &corpus,
        index: &index,
    };

    println!("\ngenerated corpus: {} documents, {:.1} MB of text, {statements} statements (generated and built by the corpus pipeline in {:.1} s)", corpus.documents.len(), bytes as f64 / 1048576.0, generated.as_secs_f64());
    println!(
        "index: built in {:.0} ms, about {:.1} MB of heap\n",
        ms(index_time),
        index.heap_bytes() as f64 / 1048576.0
    );
    println!(
        "{:<46} {:>8} {:>10} {:>10} {:>11} {:>9}",
        "query (+ highlights of the first 20)",
        "matches",
        "median ms",
        "p95 ms",
        "naive ms",
        "speed-up"
    );
    let mut worst_p95 = Duration::ZERO;
    for q in QUERIES {
        let parsed = parse(q);
        assert!(parsed.problems.is_empty(), "{q}: {:?}", parsed.problems);
        // Correctness first: the index finds exactly what a scan finds.
        let t = Instant::now();
        let expected = naive.search(&parsed);
        let naive_time = t.elapsed();
        let r = searcher.search(&parsed, &Filters::default(), Sort::Relevance);
        let got: BTreeSet<u32> = r
            .documents
            .iter()
            .flat_map(|d| d.statements.iter().map(|h| h.stmt))
            .collect();
        assert_eq!(got, expected, "index and scan disagree on {q}");
        let mut times: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(search_with_first_page(&searcher, &parsed));
                t.elapsed()
            })
            .collect();
        times.sort();
        let (median, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
        worst_p95 = worst_p95.max(p95);
        println!(
            "{:<46} {:>8} {:>10.3} {:>10.3} {:>11.1} {:>8.0}×",
            q,
            got.len(),
            ms(median),
            ms(p95),
            ms(naive_time),
            naive_time.as_secs_f64() / median.as_secs_f64()
        );
    }
    println!("\nworst p95: {:.3} ms (target ≤ 2 ms)\n", ms(worst_p95));
    typing(&searcher, &index);

    let mut group = c.benchmark_group("search");
    group
        .sample_size(20)
        .measurement_time(Duration::from_millis(800))
        .warm_up_time(Duration::from_millis(200));
    for q in QUERIES {
        let parsed = parse(q);
        group.bench_function(q, |b| b.iter(|| search_with_first_page(&searcher, &parsed)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
