//! Data-driven comparison cases: each file in `tests/compare/` names a corpus and lists what
//! comparison must find there — aligned rows, changed words, shared phrases and similarity of
//! two items; the near-duplicates of statements; formulations with their variants, first use
//! and uses (optionally under filters); distinctive terms of documents. Adding a case is
//! adding data.

use concord_core::compare::formulas::reuse::{self, NodeBy};
use concord_core::compare::{align, formulas, keyness, neardup, Side};
use concord_core::corpus::{build, folder};
use concord_core::index::Index;
use concord_core::model::Corpus;
use concord_core::query::{Filters, Searcher};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    corpus: String,
    #[serde(default)]
    compare: Vec<CompareCase>,
    #[serde(default)]
    near: Vec<NearCase>,
    #[serde(default)]
    formula: Vec<FormulaCase>,
    #[serde(default)]
    keyness: Vec<KeynessCase>,
    /// Phrases that must not be a listed formulation or variant (as written, case aside):
    /// names, titles, dates, fragments cut before their head or after an opening word.
    #[serde(default)]
    not_formulations: Vec<String>,
    #[serde(default)]
    network: Vec<NetworkCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkCase {
    /// `speaker`, `country` or `source`.
    by: String,
    /// The formulations counted (their first variant's folded words); all when empty.
    #[serde(default)]
    formulations: Vec<String>,
    /// Every arrow, "from -> to: count" with node ids, heaviest first.
    edges: Vec<String>,
    /// Every node's repeats of its own, "node: count" (nodes with none left out), in node
    /// order.
    own: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareCase {
    /// `doc` or `doc:p`.
    left: String,
    right: String,
    /// Each row as "first words of the left sentence | of the right" ("-" for none); the
    /// first four words are enough.
    rows: Vec<String>,
    /// Changed word runs on each side, in text order.
    #[serde(default)]
    changed_left: Option<Vec<String>>,
    #[serde(default)]
    changed_right: Option<Vec<String>>,
    /// Shared phrases as they read on the left, in order.
    phrases: Vec<String>,
    /// Inclusive bounds of the similarity.
    similarity: [f32; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NearCase {
    of: String,
    /// Best first.
    dups: Vec<String>,
    /// For each, when it was made seen from `of` and whether by the same source:
    /// "earlier other", "same-day same", ….
    #[serde(default)]
    when: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormulaCase {
    /// The variants' folded words, most used first.
    variants: Vec<String>,
    /// The same variants as written: each one's most frequent spelling.
    #[serde(default)]
    written: Option<Vec<String>>,
    /// Every use (`doc:p`), first use first.
    uses: Vec<String>,
    documents: usize,
    #[serde(default)]
    sources: Vec<String>,
    /// When true, the formulation must be absent under these filters.
    #[serde(default)]
    absent: bool,
    /// Inclusive bounds of the group's banality.
    #[serde(default)]
    banality: Option<[u8; 2]>,
    /// Later uses by the first user, by its source, by others.
    #[serde(default)]
    reuse: Option<[usize; 3]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeynessCase {
    doc: String,
    /// The first distinctive terms, in order.
    top: Vec<String>,
}

struct World {
    corpus: Corpus,
    index: Index,
}

impl World {
    fn stmt(&self, name: &str) -> u32 {
        let (doc, p) = name.split_once(':').expect("doc:p");
        let d = self.doc(doc);
        let p: u32 = p.parse().expect("paragraph number");
        self.index
            .statements
            .iter()
            .position(|st| st.doc == d && st.p == p)
            .unwrap_or_else(|| panic!("{name} is not a statement")) as u32
    }

    fn doc(&self, id: &str) -> u32 {
        self.corpus
            .documents
            .iter()
            .position(|d| d.id == id)
            .unwrap_or_else(|| panic!("no document {id}")) as u32
    }

    fn name(&self, s: u32) -> String {
        let st = &self.index.statements[s as usize];
        format!("{}:{}", self.corpus.documents[st.doc as usize].id, st.p)
    }

    fn side(&self, item: &str) -> Side<'_> {
        match item.split_once(':') {
            Some((doc, p)) => Side::from_index(
                &self.corpus,
                &self.index,
                self.doc(doc),
                Some(p.parse().expect("paragraph number")),
            ),
            None => Side::from_index(&self.corpus, &self.index, self.doc(item), None),
        }
    }
}

fn check(problems: &mut Vec<String>, what: String, got: String, want: String) {
    if got != want {
        problems.push(format!("{what}:\n  got      {got}\n  expected {want}"));
    }
}

fn first_words(text: &str) -> String {
    text.split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

fn run(file: &Path) -> Vec<String> {
    let f: File = toml::from_str(&std::fs::read_to_string(file).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = build(&folder::read(&root.join(&f.corpus)).expect("corpus"))
        .expect("builds")
        .0;
    let index = Index::build(&corpus);
    let w = World { corpus, index };
    let mut problems = Vec::new();
    for c in &f.compare {
        let (l, r) = (w.side(&c.left), w.side(&c.right));
        let cmp = align::compare(&l, &r);
        let text = |side: &Side<'_>, k: usize, s: Option<usize>| {
            s.map_or("-".to_string(), |s| {
                let s = &cmp.sentences[k][s];
                let u = &side.units[s.unit];
                first_words(&u.text[u.bytes(s.toks.clone())])
            })
        };
        let rows: Vec<String> = cmp
            .rows
            .iter()
            .map(|row| format!("{} | {}", text(&l, 0, row.left), text(&r, 1, row.right)))
            .collect();
        let what = format!("compare {} with {}", c.left, c.right);
        check(
            &mut problems,
            format!("{what}: rows"),
            format!("{rows:#?}"),
            format!("{:#?}", c.rows),
        );
        let marked =
            |side: &Side<'_>,
             k: usize,
             pick: &dyn Fn(&align::Marks) -> Vec<std::ops::Range<usize>>| {
                let mut out = Vec::new();
                for (u, unit) in side.units.iter().enumerate() {
                    for r in pick(&cmp.marks[k][u]) {
                        out.push(unit.text[r].to_string());
                    }
                }
                out
            };
        let changed = |m: &align::Marks| m.changed.clone();
        if let Some(want) = &c.changed_left {
            check(
                &mut problems,
                format!("{what}: changed left"),
                format!("{:?}", marked(&l, 0, &changed)),
                format!("{want:?}"),
            );
        }
        if let Some(want) = &c.changed_right {
            check(
                &mut problems,
                format!("{what}: changed right"),
                format!("{:?}", marked(&r, 1, &changed)),
                format!("{want:?}"),
            );
        }
        let phrases = |m: &align::Marks| m.phrases.iter().map(|(r, _)| r.clone()).collect();
        check(
            &mut problems,
            format!("{what}: shared phrases"),
            format!("{:?}", marked(&l, 0, &phrases)),
            format!("{:?}", c.phrases),
        );
        if !(c.similarity[0]..=c.similarity[1]).contains(&cmp.similarity) {
            problems.push(format!(
                "{what}: similarity {} not in {:?}",
                cmp.similarity, c.similarity
            ));
        }
    }
    for c in &f.near {
        let got: Vec<String> = neardup::near_duplicates(&w.corpus, &w.index, w.stmt(&c.of))
            .into_iter()
            .map(|d| w.name(d.stmt))
            .collect();
        check(
            &mut problems,
            format!("near-duplicates of {}", c.of),
            format!("{got:?}"),
            format!("{:?}", c.dups),
        );
        if let Some(want) = &c.when {
            let this = w.stmt(&c.of);
            let got: Vec<String> = neardup::near_duplicates(&w.corpus, &w.index, this)
                .into_iter()
                .map(|d| {
                    let source = if reuse::same_source(&w.index, this, d.stmt) {
                        "same"
                    } else {
                        "other"
                    };
                    format!(
                        "{} {source}",
                        reuse::When::of(&w.index, this, d.stmt).name()
                    )
                })
                .collect();
            check(
                &mut problems,
                format!("when the near-duplicates of {} were made", c.of),
                format!("{got:?}"),
                format!("{want:?}"),
            );
        }
    }
    let found = formulas::find(&w.corpus, &w.index);
    let searcher = Searcher::new(&w.corpus, &w.index);
    // Every formulation, searched as written (what the formulations view links to), finds
    // exactly the statements that use it.
    for formula in &found {
        let uses = formulas::table(
            &searcher,
            std::slice::from_ref(formula),
            &Filters::default(),
        );
        let mut want: Vec<u32> = uses
            .iter()
            .flat_map(|e| e.uses.iter().map(|u| u.stmt))
            .collect();
        let query = w.index.parse(&formula.search());
        let mut got: Vec<u32> = searcher
            .search(&query, &Filters::default(), Default::default())
            .statement_ids()
            .collect();
        if uses.is_empty() {
            continue; // used in one document only: a variant listed with its group
        }
        want.sort_unstable();
        got.sort_unstable();
        check(
            &mut problems,
            format!(
                "the search {} (for {:?})",
                formula.search(),
                formula.text(&w.index)
            ),
            format!("{:?}", got.iter().map(|&s| w.name(s)).collect::<Vec<_>>()),
            format!("{:?}", want.iter().map(|&s| w.name(s)).collect::<Vec<_>>()),
        );
    }
    for c in &f.formula {
        let filters = Filters {
            sources: c.sources.clone(),
            ..Filters::default()
        };
        let table = formulas::table(&searcher, &found, &filters);
        let entry = table.iter().find(|e| {
            e.variants
                .iter()
                .any(|(v, _)| found[*v as usize].text(&w.index) == c.variants[0])
        });
        let what = format!("formulation {:?} under {:?}", c.variants[0], c.sources);
        match (entry, c.absent) {
            (None, true) => {}
            (Some(_), true) => problems.push(format!("{what}: listed, expected absent")),
            (None, false) => problems.push(format!("{what}: not listed")),
            (Some(e), false) => {
                let variants: Vec<String> = e
                    .variants
                    .iter()
                    .map(|(v, _)| found[*v as usize].text(&w.index))
                    .collect();
                check(
                    &mut problems,
                    format!("{what}: variants"),
                    format!("{variants:?}"),
                    format!("{:?}", c.variants),
                );
                if let Some(written) = &c.written {
                    let got: Vec<&str> = e
                        .variants
                        .iter()
                        .map(|(v, _)| found[*v as usize].surface.as_str())
                        .collect();
                    check(
                        &mut problems,
                        format!("{what}: as written"),
                        format!("{got:?}"),
                        format!("{written:?}"),
                    );
                }
                if let Some([lo, hi]) = c.banality {
                    if !(lo..=hi).contains(&e.banality) {
                        problems.push(format!(
                            "{what}: banality {} not in {lo}..={hi}",
                            e.banality
                        ));
                    }
                }
                if let Some(want) = c.reuse {
                    let r = reuse::Reuse::of(&w.corpus, &w.index, e);
                    check(
                        &mut problems,
                        format!("{what}: later uses (same speaker, same source, others)"),
                        format!("{:?}", [r.same_speaker, r.same_source, r.others]),
                        format!("{want:?}"),
                    );
                }
                let uses: Vec<String> = e.uses.iter().map(|u| w.name(u.stmt)).collect();
                check(
                    &mut problems,
                    format!("{what}: uses"),
                    format!("{uses:?}"),
                    format!("{:?}", c.uses),
                );
                check(
                    &mut problems,
                    format!("{what}: documents"),
                    e.documents.to_string(),
                    c.documents.to_string(),
                );
            }
        }
    }
    let listed = formulas::table(&searcher, &found, &Filters::default());
    for phrase in &f.not_formulations {
        let hit = listed
            .iter()
            .flat_map(|e| &e.variants)
            .find(|(v, _)| found[*v as usize].surface.eq_ignore_ascii_case(phrase));
        if hit.is_some() {
            problems.push(format!("{phrase:?} is listed as a formulation"));
        }
    }
    for c in &f.network {
        let by = match c.by.as_str() {
            "speaker" => NodeBy::Speaker,
            "country" => NodeBy::Country,
            "source" => NodeBy::Source,
            other => panic!("unknown network `by`: {other}"),
        };
        let entries: Vec<formulas::Entry> = listed
            .iter()
            .filter(|e| {
                c.formulations.is_empty()
                    || c.formulations
                        .contains(&found[e.variants[0].0 as usize].text(&w.index))
            })
            .cloned()
            .collect();
        let net = reuse::network(&w.corpus, &w.index, &entries, by);
        let id = |n: usize| net.nodes[n].key.id(&w.corpus, &w.index);
        let edges: Vec<String> = net
            .edges
            .iter()
            .map(|e| format!("{} -> {}: {}", id(e.from), id(e.to), e.count))
            .collect();
        let own: Vec<String> = (0..net.nodes.len())
            .filter(|&n| net.nodes[n].own > 0)
            .map(|n| format!("{}: {}", id(n), net.nodes[n].own))
            .collect();
        let what = format!("network by {} of {:?}", c.by, c.formulations);
        check(
            &mut problems,
            format!("{what}: edges"),
            format!("{edges:#?}"),
            format!("{:#?}", c.edges),
        );
        check(
            &mut problems,
            format!("{what}: own repeats"),
            format!("{own:?}"),
            format!("{:?}", c.own),
        );
    }
    for c in &f.keyness {
        let d = w.doc(&c.doc);
        let target: Vec<u32> = w.index.doc_statements(d).collect();
        let got: Vec<String> = keyness::keyness(&w.index, &target, c.top.len())
            .into_iter()
            .map(|k| w.index.words[k.word as usize].0.clone())
            .collect();
        check(
            &mut problems,
            format!("distinctive terms of {}", c.doc),
            format!("{got:?}"),
            format!("{:?}", c.top),
        );
    }
    problems
}

#[test]
fn comparison_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compare");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut all = Vec::new();
    for file in &files {
        for p in run(file) {
            all.push(format!(
                "{}: {p}",
                file.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        all.is_empty(),
        "{} problem(s):\n{}",
        all.len(),
        all.join("\n")
    );
}
