//! Data-driven search cases: each file in `tests/search/` names a corpus and lists queries
//! with what they must give — the exact matching statements (`doc:p`), document order,
//! highlighted texts, the legend, problems and facet counts. Adding a case is adding data.

use concord_core::corpus::{build, folder};
use concord_core::index::Index;
use concord_core::model::{Corpus, Date};
use concord_core::query::{parse, Filters, Searcher, Sort};
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

fn run(file: &Path) -> Vec<String> {
    let f: File = toml::from_str(&std::fs::read_to_string(file).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let corpus = load(&f.corpus);
    let index = Index::build(&corpus);
    let searcher = Searcher::new(&corpus, &index);
    let mut problems = Vec::new();
    for c in &f.case {
        let mut fail = |what: String| problems.push(format!("{} — {}: {what}", c.name, c.query));
        let date = |s: &Option<String>| {
            s.as_deref()
                .map(|d| Date::parse_iso(d).expect("filter date"))
        };
        let filters = Filters {
            speakers: c.filters.speakers.clone(),
            countries: c.filters.countries.clone(),
            sources: c.filters.sources.clone(),
            kinds: c.filters.kinds.clone(),
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
        let q = parse(&c.query);
        let r = searcher.search(&q, &filters, sort);
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
    let problems: Vec<String> = files.iter().flat_map(|f| run(f)).collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
