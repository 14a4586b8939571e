//! Every kind of bad corpus has a defined outcome: an error naming the file and, where there
//! is one, the line; or a build with warnings naming what was left out. Cases are folders
//! under `tests/bad-corpora/`, expectations in `tests/bad-corpora.toml`; a file too large to
//! commit (50 MB) is written at test time.

use concord_core::corpus::{build, folder, NoteLevel, MAX_FILE_BYTES};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    folder: String,
    /// The errors, in order; none when the corpus must build.
    #[serde(default)]
    errors: Vec<String>,
    /// When it builds: the document ids, and every warning of the report, in order.
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

/// What building `dir` gives: its errors, or its document ids and warnings.
fn outcome(dir: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let input = match folder::read(dir) {
        Ok(input) => input,
        Err(e) => return (vec![e.to_string()], vec![], vec![]),
    };
    match build(&input) {
        Ok((corpus, report)) => (
            vec![],
            corpus.documents.iter().map(|d| d.id.clone()).collect(),
            report
                .notes
                .iter()
                .filter(|n| n.level == NoteLevel::Warning)
                .map(|n| n.to_string())
                .collect(),
        ),
        Err(e) => (e.0.iter().map(|e| e.to_string()).collect(), vec![], vec![]),
    }
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
        let got = outcome(&here.join("bad-corpora").join(&case.folder));
        let expected = (
            case.errors.clone(),
            case.documents.clone(),
            case.warnings.clone(),
        );
        if got != expected {
            problems.push(format!(
                "{}:\n  got      {got:?}\n  expected {expected:?}",
                case.folder
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

/// A 50 MB file is refused by its size, before it is read, with the limit and the way out;
/// the other files are still checked (all errors at once).
#[test]
fn a_50_mb_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("concord-50mb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("small.txt"), "A title\n\nSome text.\n").unwrap();
    let line = "The minister said the talks would continue. ".repeat(20) + "\n";
    let big = line.repeat(50_000_000 / line.len() + 1);
    std::fs::write(dir.join("dump.txt"), &big).unwrap();
    let (errors, documents, _) = outcome(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(big.len() as u64 > MAX_FILE_BYTES);
    assert_eq!(
        errors,
        [format!(
            "dump.txt: is {:.1} MB; a corpus file may be at most {} MB (one document each): split it into its documents",
            big.len() as f64 / 1e6,
            MAX_FILE_BYTES / 1_000_000
        )]
    );
    assert!(documents.is_empty());
}

/// A line of more than 65,535 words (a dump on one line) is refused, naming file and line.
#[test]
fn a_line_too_long_for_a_statement_is_refused() {
    let dir = std::env::temp_dir().join(format!("concord-long-line-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let words = concord_core::index::MAX_STATEMENT_TOKENS + 1;
    let text = format!("A title\n\nShort first line.\n{}\n", "word ".repeat(words));
    std::fs::write(dir.join("dump.txt"), text).unwrap();
    let (errors, _, _) = outcome(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        errors,
        [format!("dump.txt:4: this line has {words} words; a paragraph may have at most 65535: break the text into paragraphs (one a line)")]
    );
}
