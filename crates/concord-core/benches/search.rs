//! Search benchmark on a generated corpus of 260 documents and over 13 MB.
//!
//! `cargo bench -p concord-core --bench search` (or `make bench`). The corpus is generated
//! here, deterministically, and never committed: word-level Markov text trained on the seed
//! corpus, widened with invented words, names and numbers, attributed to generated speakers
//! through the real corpus pipeline (`corpus::build`). It prints, for 20 fixed queries, the
//! median and p95 time of a search plus the highlights of its first page (20 statements),
//! beside a naive scan that analyses every statement at query time — whose matches must equal
//! the index's — then the index build time and memory. Criterion times each query as well.
//! With `CONCORD_BENCH_CORPUS_OUT=dir` the generated files are written to `dir` and nothing
//! is timed (the app benchmark builds the app with them: `make bench-app`); with
//! `CONCORD_BENCH_PROFILE=query` only that query runs, repeatedly, for 8 s (for a profiler).

use concord_core::corpus::{build, Input, SourceFile};
use concord_core::index::Index;
use concord_core::model::{Corpus, Date};
use concord_core::query::{parse, Expr, Field, Filters, Query, Searcher, Sort};
use concord_core::text::analyze::{analyze, Term};
use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 260;
const TARGET_BYTES: usize = 13 * 1024 * 1024 + 200_000;
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

/// Word-level Markov chain (order 2) over the seed corpus's body text.
struct Markov {
    next: HashMap<(String, String), Vec<String>>,
    starts: Vec<(String, String)>,
}

impl Markov {
    fn train(corpus: &Corpus) -> Markov {
        let mut m = Markov {
            next: HashMap::new(),
            starts: Vec::new(),
        };
        for d in &corpus.documents {
            for s in &d.statements {
                let text = &d.paragraph(s.p).unwrap().text;
                let words: Vec<String> = text.split_whitespace().map(String::from).collect();
                if words.len() < 3 {
                    continue;
                }
                m.starts.push((words[0].clone(), words[1].clone()));
                for w in words.windows(3) {
                    m.next
                        .entry((w[0].clone(), w[1].clone()))
                        .or_default()
                        .push(w[2].clone());
                }
            }
        }
        m
    }

    fn sentence(&self, rng: &mut fastrand::Rng, invented: &[String], max: usize) -> String {
        let (mut a, mut b) = self.starts[rng.usize(..self.starts.len())].clone();
        let mut out = vec![a.clone(), b.clone()];
        while out.len() < max {
            let Some(options) = self.next.get(&(a.clone(), b.clone())) else {
                break;
            };
            let mut w = options[rng.usize(..options.len())].clone();
            // Widen the vocabulary: now and then an invented word or a number.
            match rng.u32(..100) {
                0..=5 => w = invented[rng.usize(..invented.len())].clone(),
                6 => w = rng.u32(1900..2030).to_string(),
                _ => {}
            }
            out.push(w.clone());
            a = b;
            b = w;
            if b.ends_with('.') && out.len() > 12 {
                break;
            }
        }
        let mut s = out.join(" ");
        if !s.ends_with('.') {
            s.push('.');
        }
        s
    }
}

fn invented_words(rng: &mut fastrand::Rng, n: usize) -> Vec<String> {
    const SYL: [&str; 24] = [
        "ka", "lo", "mi", "ran", "tes", "vo", "zu", "per", "dan", "qui", "sel", "mor", "ta", "ni",
        "bre", "gal", "ost", "un", "ve", "ria", "chen", "hai", "wen", "lin",
    ];
    (0..n)
        .map(|_| {
            (0..rng.usize(2..5))
                .map(|_| SYL[rng.usize(..SYL.len())])
                .collect::<String>()
        })
        .collect()
}

/// The generated corpus: files in memory, built by the real pipeline.
fn generate() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let seeds = build(&concord_core::corpus::folder::read(&root).unwrap())
        .unwrap()
        .0;
    let markov = Markov::train(&seeds);
    let mut rng = fastrand::Rng::with_seed(20260);
    let invented = invented_words(&mut rng, 6000);
    let people: Vec<(String, String)> = [
        ("Chinese", "Foreign Minister"),
        ("Palestinian", "President"),
        ("Omani", "Foreign Minister"),
        ("Egyptian", "Envoy"),
        ("Syrian", "President"),
        ("Kenyan", "Foreign Minister"),
        ("Jordanian", "Prime Minister"),
        ("Qatari", "Envoy"),
        ("Turkish", "Foreign Minister"),
        ("Saudi", "Foreign Minister"),
        ("Iranian", "President"),
        ("Israeli", "Prime Minister"),
    ]
    .iter()
    .enumerate()
    .flat_map(|(i, (demonym, role))| {
        let first = [
            "Amina", "Hassan", "Li", "Sara", "Omar", "Mei", "Yusuf", "Nadia", "Karim", "Lena",
        ];
        let last = [
            "Odhiambo", "Haddad", "Zhou", "Mansour", "Aziz", "Chen", "Rahman", "Farouk", "Nasser",
            "Demir",
        ];
        (0..3).map(move |k| {
            (
                format!("{demonym} {role}"),
                format!("{} {}", first[(i + k * 3) % 10], last[(i * 7 + k) % 10]),
            )
        })
    })
    .collect();
    let kinds = ["phone call", "meeting", "press conference", "statement"];
    let mut files = Vec::new();
    let mut total = 0;
    for d in 0..DOCUMENTS {
        let (title_role, name) = &people[rng.usize(..people.len())];
        let kind = kinds[d % kinds.len()];
        let year = 2015 + (d % 9) as i32;
        let mut text = format!(
            "{title_role} {name} Holds {} on Regional Issues\n{year}-{:02}-{:02} 10:00\n\n",
            kind.split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" "),
            1 + d % 12,
            1 + d % 28
        );
        text.push_str(&format!(
            "On {} {year}, {title_role} {name} had a {kind} with counterparts.\n\n",
            ["March 3", "June 14", "October 10", "November 1"][d % 4]
        ));
        let budget = TARGET_BYTES / DOCUMENTS;
        let mut speaker = name.clone();
        while text.len() < budget {
            let body = (0..rng.usize(2..5))
                .map(|_| markov.sentence(&mut rng, &invented, 40))
                .collect::<Vec<_>>()
                .join(" ");
            let line = match rng.u32(..10) {
                0..=2 => {
                    speaker = people[rng.usize(..people.len())].1.clone();
                    format!("{speaker} said that {body}")
                }
                3..=4 => format!("He added that {body}"),
                5 => format!(
                    "“{body}”, {} said.",
                    speaker.split(' ').next_back().unwrap()
                ),
                _ => body,
            };
            text.push_str(&line);
            text.push_str("\n\n");
        }
        text.push_str("Share this article\nRelated Posts\n");
        total += text.len();
        files.push(SourceFile {
            path: format!("generated-{d:03}.txt"),
            bytes: text.into_bytes(),
        });
    }
    assert!(total >= 13 * 1024 * 1024, "generated only {total} bytes");
    // `CONCORD_BENCH_CORPUS_OUT=dir`: also write the files there (a corpus folder the app and
    // the browser benchmarks can build with CONCORD_CORPUS).
    if let Some(dir) = std::env::var_os("CONCORD_BENCH_CORPUS_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("output folder");
        for f in &files {
            std::fs::write(dir.join(&f.path), &f.bytes).expect("write a generated file");
        }
        println!("wrote {} files to {}", files.len(), dir.display());
    }
    build(&Input {
        files,
        ..Input::default()
    })
    .expect("the generated corpus builds")
    .0
}

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
            Expr::Prefix { prefix, .. } => {
                terms.iter().any(|t| t.folded.starts_with(prefix.as_str()))
            }
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn bench(c: &mut Criterion) {
    let t = Instant::now();
    let corpus = generate();
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
