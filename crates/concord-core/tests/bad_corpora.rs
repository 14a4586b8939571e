//! Every kind of bad corpus gives its own error, naming the file and, where there is one,
//! the line. Cases are folders under `tests/bad-corpora/`, expectations in
//! `tests/bad-corpora.toml`.

use concord_core::corpus::{build, folder};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    folder: String,
    errors: Vec<String>,
}

#[test]
fn each_bad_corpus_names_its_problem() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(here.join("bad-corpora.toml")).unwrap()).unwrap();
    let folders = std::fs::read_dir(here.join("bad-corpora")).unwrap().count();
    assert_eq!(
        folders,
        cases.case.len(),
        "every folder has a case and every case a folder"
    );
    let mut problems = Vec::new();
    for case in &cases.case {
        let input = folder::read(&here.join("bad-corpora").join(&case.folder)).unwrap();
        let got: Vec<String> = match build(&input) {
            Ok(_) => vec!["(built without error)".into()],
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
        };
        if got != case.errors {
            problems.push(format!(
                "{}:\n  got      {got:?}\n  expected {:?}",
                case.folder, case.errors
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn an_unreadable_folder_is_named() {
    let err = folder::read(Path::new("/no/such/corpus")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/no/such/corpus: cannot be read: "),
        "{err}"
    );
}
