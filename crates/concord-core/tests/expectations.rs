//! Data-driven checks of whole corpora: every file in `tests/expect/` names a corpus folder
//! (relative to the workspace root) and pins, for each document, its title, date and where
//! the date came from, kind, source, participants, countries, the paragraphs that are
//! datelines, headings and boilerplate, the speaker of every statement and, where a file
//! has them, every statement's positions.
//!
//! To add a corpus: `cargo run -p concord-core --bin concord-corpus -- expect DIR >
//! crates/concord-core/tests/expect/NAME.toml`, then read it and correct what is wrong — the
//! file states what *should* come out, not what happens to.

use concord_core::corpus::{build, folder};
use concord_core::model::{Corpus, Document, Role};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    corpus: String,
    documents: usize,
    statements: usize,
    document: Vec<ExpectedDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDocument {
    id: String,
    title: String,
    date: String,
    date_from: String,
    kind: String,
    source: String,
    participants: Vec<String>,
    countries: Vec<String>,
    datelines: Vec<u32>,
    headings: Vec<u32>,
    boilerplate: Vec<u32>,
    speakers: BTreeMap<String, String>,
    /// Where the title came from (`first line`, `catalog`, `file name`, `first words`).
    #[serde(default)]
    title_from: Option<String>,
    /// The document's own speaker (a person id, or empty for none).
    #[serde(default)]
    speaker: Option<String>,
    /// Whether the file was reflowed.
    #[serde(default)]
    reflowed: Option<bool>,
    /// Paragraphs that are transcript label lines.
    #[serde(default)]
    labels: Option<Vec<u32>>,
    /// Paragraph number → the start of its text (pins reflow and label removal).
    #[serde(default)]
    starts: BTreeMap<String, String>,
    /// Paragraph number → its positions, `stance actor | target` in text order; when
    /// given, a statement not listed has none.
    #[serde(default)]
    positions: Option<BTreeMap<String, Vec<String>>>,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check_document(corpus: &Corpus, d: &Document, e: &ExpectedDocument) -> Vec<String> {
    let mut problems = Vec::new();
    let mut eq = |what: &str, got: String, want: String| {
        if got != want {
            problems.push(format!("{}: {what}: got {got:?}, expected {want:?}", d.id));
        }
    };
    eq("title", d.title.clone(), e.title.clone());
    eq(
        "date",
        d.date.date.map_or("undated".into(), |x| x.to_string()),
        e.date.clone(),
    );
    eq("date_from", d.date.origin.to_string(), e.date_from.clone());
    eq("kind", d.kind.clone().unwrap_or_default(), e.kind.clone());
    eq(
        "source",
        d.source.clone().unwrap_or_default(),
        e.source.clone(),
    );
    let person = |i: &u32| corpus.people[*i as usize].id.clone();
    eq(
        "participants",
        format!(
            "{:?}",
            d.participants.iter().map(person).collect::<Vec<_>>()
        ),
        format!("{:?}", e.participants),
    );
    eq(
        "countries",
        format!("{:?}", d.countries),
        format!("{:?}", e.countries),
    );
    let with_role = |r: Role| format!("{:?}", d.with_role(r).map(|p| p.n).collect::<Vec<_>>());
    eq(
        "datelines",
        with_role(Role::Dateline),
        format!("{:?}", e.datelines),
    );
    eq(
        "headings",
        with_role(Role::Heading),
        format!("{:?}", e.headings),
    );
    eq(
        "boilerplate",
        with_role(Role::Boilerplate),
        format!("{:?}", e.boilerplate),
    );
    if let Some(want) = &e.title_from {
        eq(
            "title_from",
            d.title_origin.label().to_string(),
            want.clone(),
        );
    }
    if let Some(want) = &e.speaker {
        eq(
            "speaker",
            d.speaker.as_ref().map_or(String::new(), person),
            want.clone(),
        );
    }
    if let Some(want) = e.reflowed {
        eq("reflowed", d.reflowed.to_string(), want.to_string());
    }
    if let Some(want) = &e.labels {
        eq("labels", with_role(Role::Label), format!("{want:?}"));
    }
    for (n, start) in &e.starts {
        let text = n
            .parse()
            .ok()
            .and_then(|n| d.paragraph(n))
            .map_or("", |p| p.text.as_str());
        if !text.starts_with(start.as_str()) {
            problems.push(format!(
                "{}: paragraph {n} starts {:?}, expected {start:?}",
                d.id,
                text.chars().take(60).collect::<String>()
            ));
        }
    }
    let got: BTreeMap<String, String> = d
        .statements
        .iter()
        .map(|s| {
            (
                s.p.to_string(),
                s.speaker.as_ref().map_or("narrator".into(), person),
            )
        })
        .collect();
    for (p, want) in &e.speakers {
        match got.get(p) {
            Some(g) if g == want => {}
            Some(g) => problems.push(format!(
                "{}: paragraph {p}: speaker {g:?}, expected {want:?}",
                d.id
            )),
            None => problems.push(format!("{}: paragraph {p} is not a statement", d.id)),
        }
    }
    for p in got.keys().filter(|p| !e.speakers.contains_key(*p)) {
        problems.push(format!(
            "{}: statement {p} is not in the expectations",
            d.id
        ));
    }
    if let Some(want) = &e.positions {
        for s in &d.statements {
            let text = d.paragraph(s.p).map_or("", |p| p.text.as_str());
            let got: Vec<String> = s
                .positions
                .iter()
                .map(|pos| {
                    let actor = pos.actor.slug(&corpus.people);
                    let target = &text[pos.target.0 as usize..pos.target.1 as usize];
                    format!("{} {actor} | {target}", pos.stance.slug())
                })
                .collect();
            let want = want.get(&s.p.to_string()).cloned().unwrap_or_default();
            if got != want {
                problems.push(format!(
                    "{}: paragraph {}: positions {got:#?}, expected {want:#?}",
                    d.id, s.p
                ));
            }
        }
        for p in want.keys().filter(|p| !got.contains_key(*p)) {
            problems.push(format!(
                "{}: positions of {p}, which is not a statement",
                d.id
            ));
        }
    }
    problems
}

#[test]
fn corpora_build_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expect");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expect")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "expected the seeds and the test corpus");
    let mut problems = Vec::new();
    for file in &files {
        let expected: Expected = toml::from_str(&std::fs::read_to_string(file).expect("read"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let input = folder::read(&workspace().join(&expected.corpus)).expect("corpus folder");
        let (corpus, report) = build(&input).unwrap_or_else(|e| panic!("{}: {e}", expected.corpus));
        let name = file.file_name().unwrap().to_string_lossy();
        // Nothing dropped: one document per corpus file, as the report says.
        assert_eq!(report.corpus_files, input.files.len());
        assert_eq!(corpus.documents.len(), input.files.len(), "{name}");
        if corpus.documents.len() != expected.documents {
            problems.push(format!(
                "{name}: {} documents, expected {}",
                corpus.documents.len(),
                expected.documents
            ));
        }
        let statements: usize = corpus.documents.iter().map(|d| d.statements.len()).sum();
        if statements != expected.statements {
            problems.push(format!(
                "{name}: {statements} statements, expected {}",
                expected.statements
            ));
        }
        for e in &expected.document {
            match corpus.documents.iter().find(|d| d.id == e.id) {
                Some(d) => problems.extend(
                    check_document(&corpus, d, e)
                        .into_iter()
                        .map(|p| format!("{name}: {p}")),
                ),
                None => problems.push(format!("{name}: no document {}", e.id)),
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn boilerplate_never_becomes_a_statement() {
    let input = folder::read(&workspace().join("seeds")).unwrap();
    let (corpus, _) = build(&input).unwrap();
    for d in &corpus.documents {
        for s in &d.statements {
            assert_eq!(
                d.paragraph(s.p).unwrap().role,
                Role::Body,
                "{} p{}",
                d.id,
                s.p
            );
        }
    }
}

#[test]
fn the_embedded_form_round_trips() {
    let input = folder::read(&workspace().join("seeds")).unwrap();
    let (corpus, _) = build(&input).unwrap();
    let bytes = concord_core::embed::encode(&corpus);
    let embedded = concord_core::embed::decode(&bytes).unwrap();
    assert_eq!(embedded.corpus, corpus);
    // The embedded analysis gives the same index as indexing the corpus afresh.
    let from_embedded = concord_core::index::Index::from_data(embedded.index);
    let fresh = concord_core::index::Index::build(&corpus);
    assert_eq!(from_embedded.statements, fresh.statements);
    assert_eq!(from_embedded.words, fresh.words);
    for (word, k) in &fresh.words {
        let (a, b) = (from_embedded.postings(*k), fresh.postings(*k));
        assert_eq!(a.stmts, b.stmts, "{word}");
        for j in 0..a.stmts.len() {
            assert_eq!(a.positions(j), b.positions(j), "{word}");
        }
    }
}
