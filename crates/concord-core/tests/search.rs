//! Data-driven search cases: each file in `tests/search/` names a corpus and lists queries
//! with what they must give — the exact matching statements (`doc:p`), document order,
//! highlighted texts, the legend, problems and facet counts. Adding a case is adding data.

use concord_core::corpus::{build, folder};
use concord_core::index::Index;
use concord_core::model::{Corpus, Date};
use concord_core::query::parse::parse_typed;
use concord_core::query::plan::{needs, words_read};
use concord_core::query::{parse, Filters, Searcher, Sort};
use concord_core::shard;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    corpus: String,
    case: Vec<Case>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Case {
    name: String,
    query: String,
    /// Parse as the app does while typing (`parse_typed`: the last bare word completes).
    typed: bool,
    filters: RawFilters,
    sort: Option<String>,
    /// The matching statements as `doc:p`, in any order.
    matches: Option<Vec<String>>,
    /// Matching documents in result order.
    documents: Option<Vec<String>>,
    /// `doc:p` → highlighted texts with their legend index, as `text@term`, in order.
    highlights: BTreeMap<String, Vec<String>>,
    legend: Option<Vec<String>>,
    problems: Option<Vec<String>>,
    /// facet name → value → count (only the values listed are checked; 0 means absent).
    facets: BTreeMap<String, BTreeMap<String, usize>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawFilters {
    speakers: Vec<String>,
    countries: Vec<String>,
    sources: Vec<String>,
    kinds: Vec<String>,
    stances: Vec<String>,
    years: Vec<i32>,
    from: Option<String>,
    to: Option<String>,
}

fn load(corpus: &str) -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    build(&folder::read(&root.join(corpus)).expect("corpus"))
        .expect("builds")
        .0
}

/// A shard's bytes read from its pack, as a `Range` request does.
fn read(dir: &Path, manifest: &shard::Manifest, s: &shard::ShardRef) -> Vec<u8> {
    let pack = std::fs::read(dir.join(&manifest.packs[s.pack as usize].name)).unwrap();
    pack[s.offset as usize..][..s.len as usize].to_vec()
}

/// Runs a file's cases; `sharded`, on an index whose postings are read from the sharded
/// form (opened from its manifest and table shard alone), each case loading only the stems
/// and text its query plan names (as the sharded app does:
/// a stem the plan misses is a debug assertion, a wrong posting a failed expectation).
fn run(file: &Path, sharded: bool) -> Vec<String> {
    let f: File = toml::from_str(&std::fs::read_to_string(file).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut corpus = load(&f.corpus);
    let mut index = Index::build(&corpus);
    let shards = sharded.then(|| {
        let dir = std::env::temp_dir().join(format!(
            "concord-search-{}-{}",
            std::process::id(),
            f.corpus.replace('/', "-")
        ));
        // Small shards, so that stems span several and queries read several.
        let written =
            shard::write_laid_out(&corpus, &index, &[], &dir, &shard::Layout::cut(512, 2_000))
                .unwrap();
        let manifest =
            shard::Manifest::decode(&std::fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        // From here on, the corpus and index are those the shards give.
        (corpus, index) = shard::open(&manifest, |s| Ok(read(&dir, &manifest, s))).unwrap();
        (dir, manifest)
    });
    let mut loaded = vec![!sharded; corpus.documents.len()];
    let mut problems = Vec::new();
    let mode = if sharded { "sharded: " } else { "" };
    for c in &f.case {
        let mut fail =
            |what: String| problems.push(format!("{mode}{} — {}: {what}", c.name, c.query));
        let date = |s: &Option<String>| {
            s.as_deref()
                .map(|d| Date::parse_iso(d).expect("filter date"))
        };
        let filters = Filters {
            speakers: c.filters.speakers.clone(),
            countries: c.filters.countries.clone(),
            sources: c.filters.sources.clone(),
            kinds: c.filters.kinds.clone(),
            stances: c.filters.stances.clone(),
            years: c.filters.years.clone(),
            from: date(&c.filters.from),
            to: date(&c.filters.to),
        };
        let sort = match c.sort.as_deref() {
            None | Some("relevance") => Sort::Relevance,
            Some("newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            Some(s) => panic!("unknown sort {s}"),
        };
        let q = if c.typed {
            parse_typed(&c.query, None)
        } else {
            parse(&c.query)
        };
        // The sharded app's steps: the postings the plan names, then the text of the
        // statements whose words matching reads, then (below) of those shown.
        let doc_of = |index: &Index, s: &[u32]| -> Vec<u32> {
            s.iter()
                .map(|&s| index.statements[s as usize].doc)
                .collect()
        };
        if let Some((dir, manifest)) = &shards {
            // Each case starts from nothing loaded, so that it reads only what it plans.
            index.unload_postings();
            index.unload_tokens();
            corpus = manifest.corpus.clone();
            loaded.fill(false);
            let stems = needs(&index, &q);
            shard::load_postings(&mut index, manifest, &stems, |s| Ok(read(dir, manifest, s)))
                .unwrap();
            let docs = doc_of(&index, &words_read(&index, &q));
            shard::load_text(&mut corpus, &mut index, &mut loaded, manifest, &docs, |s| {
                Ok(read(dir, manifest, s))
            })
            .unwrap();
        }
        let searcher = Searcher::new(&corpus, &index);
        let r = searcher.search(&q, &filters, sort);
        if let Some((dir, manifest)) = &shards {
            // The highlights checked below are of statements shown: their text is read now.
            let shown: Vec<u32> = (0..index.statements.len() as u32)
                .filter(|&s| {
                    let st = &index.statements[s as usize];
                    let id = &corpus.documents[st.doc as usize].id;
                    c.highlights.contains_key(&format!("{id}:{}", st.p))
                })
                .collect();
            let docs = doc_of(&index, &shown);
            shard::load_text(&mut corpus, &mut index, &mut loaded, manifest, &docs, |s| {
                Ok(read(dir, manifest, s))
            })
            .unwrap();
        }
        let searcher = Searcher::new(&corpus, &index);
        let key = |s: u32| {
            let st = &index.statements[s as usize];
            format!("{}:{}", corpus.documents[st.doc as usize].id, st.p)
        };
        let mut got: Vec<String> = r
            .documents
            .iter()
            .flat_map(|d| d.statements.iter().map(|h| key(h.stmt)))
            .collect();
        if got.len() != r.statements {
            fail(format!(
                "{} statements counted, {} listed",
                r.statements,
                got.len()
            ));
        }
        got.sort();
        if let Some(want) = &c.matches {
            let mut want = want.clone();
            want.sort();
            if got != want {
                fail(format!("matches {got:?}, expected {want:?}"));
            }
        }
        if let Some(want) = &c.documents {
            let docs: Vec<&str> = r
                .documents
                .iter()
                .map(|d| corpus.documents[d.doc as usize].id.as_str())
                .collect();
            if docs != *want {
                fail(format!("documents {docs:?}, expected {want:?}"));
            }
        }
        for (at, want) in &c.highlights {
            let Some(s) = (0..index.statements.len() as u32).find(|&s| key(s) == *at) else {
                fail(format!("no statement {at}"));
                continue;
            };
            let st = &index.statements[s as usize];
            let text = &corpus.documents[st.doc as usize]
                .paragraph(st.p)
                .unwrap()
                .text;
            let marks: Vec<String> = searcher
                .highlights(&q, s)
                .iter()
                .map(|h| format!("{}@{}", &text[h.start..h.end], h.term))
                .collect();
            if marks != *want {
                fail(format!("highlights in {at}: {marks:?}, expected {want:?}"));
            }
        }
        if let Some(want) = &c.legend {
            let labels: Vec<&str> = q.legend.iter().map(|l| l.label.as_str()).collect();
            if labels != *want {
                fail(format!("legend {labels:?}, expected {want:?}"));
            }
        }
        let messages: Vec<&str> = q.problems.iter().map(|p| p.message.as_str()).collect();
        if messages != c.problems.clone().unwrap_or_default() {
            fail(format!(
                "problems {messages:?}, expected {:?}",
                c.problems.clone().unwrap_or_default()
            ));
        }
        for (facet, values) in &c.facets {
            let counts = match facet.as_str() {
                "speaker" => &r.facets.speaker,
                "country" => &r.facets.country,
                "source" => &r.facets.source,
                "kind" => &r.facets.kind,
                "stance" => &r.facets.stance,
                "year" => &r.facets.year,
                other => panic!("unknown facet {other}"),
            };
            for (value, want) in values {
                let got = counts
                    .iter()
                    .find(|(v, _)| v == value)
                    .map_or(0, |(_, n)| *n);
                if got != *want {
                    fail(format!("facet {facet}={value}: {got}, expected {want}"));
                }
            }
        }
    }
    problems
}

#[test]
fn search_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 2);
    let problems: Vec<String> = files
        .iter()
        .flat_map(|f| [run(f, false), run(f, true)].concat())
        .collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

mod views {
    //! KWIC rows and their sorting, snippets and dispersion, over the seeds.
    use super::*;
    use concord_core::query::{sort_kwic, KwicSort};

    fn seeds() -> (Corpus, Index) {
        let corpus = load("seeds");
        let index = Index::build(&corpus);
        (corpus, index)
    }

    #[test]
    fn kwic_rows_cover_every_highlight_with_context() {
        let (corpus, index) = seeds();
        let s = Searcher::new(&corpus, &index);
        let q = parse("\"two-state solution\"");
        let r = s.search(&q, &Filters::default(), Sort::Relevance);
        let rows = s.kwic(&q, &r, 4, usize::MAX);
        let highlights: usize = r
            .documents
            .iter()
            .flat_map(|d| &d.statements)
            .map(|h| s.highlights(&q, h.stmt).len())
            .sum();
        assert_eq!(rows.len(), highlights);
        for row in &rows {
            assert_eq!(fold_words(&row.keyword), "two state solution");
            // The row reads as the original text, in order.
            let text = s.text(row.stmt);
            assert!(text.contains(&format!("{}{}{}", row.left, row.keyword, row.right)));
            assert!(row.left.split_whitespace().count() <= 5, "{:?}", row.left);
        }
        let row = rows
            .iter()
            .find(|r| corpus.documents[r.doc as usize].id.starts_with("000") && r.p == 5)
            .unwrap();
        assert_eq!(row.keys[0], "the");
        assert_eq!(row.keys[1], "of");
        assert_eq!(row.keys[2], "and");
    }

    #[test]
    fn kwic_sorts_by_context_words() {
        let (corpus, index) = seeds();
        let s = Searcher::new(&corpus, &index);
        let q = parse("china");
        let r = s.search(&q, &Filters::default(), Sort::Relevance);
        let mut rows = s.kwic(&q, &r, 3, usize::MAX);
        for (by, k) in [
            (KwicSort::Left1, 0),
            (KwicSort::Left2, 1),
            (KwicSort::Right1, 2),
            (KwicSort::Right2, 3),
        ] {
            sort_kwic(&mut rows, by);
            assert!(
                rows.windows(2).all(|w| w[0].keys[k] <= w[1].keys[k]),
                "{by:?}"
            );
        }
        sort_kwic(&mut rows, KwicSort::Right1);
        // "China will", "China's": the first right-hand words in order.
        assert!(rows.first().unwrap().keys[2] <= rows.last().unwrap().keys[2]);
    }

    #[test]
    fn snippets_are_the_window_with_most_hits() {
        let (corpus, index) = seeds();
        let s = Searcher::new(&corpus, &index);
        let q = parse("\"core interests\"");
        let r = s.search(&q, &Filters::default(), Sort::Relevance);
        for h in r.documents.iter().flat_map(|d| &d.statements) {
            let marks = s.highlights(&q, h.stmt);
            let window = s.snippet(h.stmt, &marks, 12);
            let text = s.text(h.stmt);
            assert!(
                window.end - window.start < text.len(),
                "a long statement is cut"
            );
            assert!(
                marks
                    .iter()
                    .any(|m| m.start >= window.start && m.end <= window.end),
                "the snippet shows a hit"
            );
            assert!(text[window.clone()].split_whitespace().count() <= 13);
        }
        // A short statement is its own snippet.
        let short = (0..index.statements.len() as u32)
            .find(|&x| s.text(x) == "Media reports said:")
            .unwrap();
        assert_eq!(s.snippet(short, &[], 12), 0..s.text(short).len());
    }

    #[test]
    fn dispersion_places_hits_in_order_within_the_document() {
        let (corpus, index) = seeds();
        let s = Searcher::new(&corpus, &index);
        let q = parse("xi");
        let doc = corpus
            .documents
            .iter()
            .position(|d| d.id.starts_with("001"))
            .unwrap() as u32;
        let points = s.dispersion(&q, doc);
        let hits: usize = (0..index.statements.len() as u32)
            .filter(|&x| index.statements[x as usize].doc == doc)
            .map(|x| s.highlights(&q, x).len())
            .sum();
        assert_eq!(points.len(), hits);
        assert!(points.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(points.iter().all(|(x, _)| (0.0..1.0).contains(x)));
        assert!(
            points.first().unwrap().0 < 0.1 && points.last().unwrap().0 > 0.5,
            "spread over the document"
        );
    }

    fn fold_words(s: &str) -> String {
        concord_core::text::analyze::analyze(s)
            .into_iter()
            .map(|t| t.folded)
            .collect::<Vec<_>>()
            .join(" ")
    }
}
