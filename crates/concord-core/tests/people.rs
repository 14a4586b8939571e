//! Precision of guessed people on labelled samples: each phrase stands before a reporting
//! verb, and discovery must find the names and only them. Prints the figures; fails below
//! 95 % precision or 90 % recall on `tests/people/phrases.tsv` (the sample the rule was
//! written against), below 85 % on `tests/people/held-out.tsv` (written afterwards; its misses taught the
//! place-word and honorific rules), or below 70 % precision and 90 % recall on
//! `held-out-2.tsv` (written after the last change to the rule).

use concord_core::corpus::speakers::{discover, NameIndex};
use concord_core::corpus::{folder, vocabulary::Vocabulary};
use concord_core::text::gazetteer::Gazetteer;
use std::path::Path;

#[test]
fn guessed_people_are_people() {
    let (precision, recall, wrong) = measure("phrases.tsv");
    assert!(precision >= 0.95 && recall >= 0.90, "{wrong:#?}");
}

#[test]
fn guessed_people_are_people_on_held_out_phrases() {
    let (precision, recall, wrong) = measure("held-out.tsv");
    assert!(precision >= 0.85 && recall >= 0.85, "{wrong:#?}");
}

#[test]
fn guessed_people_are_people_on_a_second_held_out_set() {
    // Untuned, and mostly common-noun phrases whose words the small test corpora never write
    // in lower case: the figure to beat, not a goal (a real corpus gives more evidence).
    let (precision, recall, wrong) = measure("held-out-2.tsv");
    assert!(precision >= 0.70 && recall >= 0.90, "{wrong:#?}");
}

fn measure(file: &str) -> (f64, f64, Vec<String>) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read_to_string(here.join("tests/people").join(file)).unwrap();
    let rows: Vec<(&str, bool)> = sample
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (phrase, label) = l.split_once('\t').expect("phrase<TAB>label");
            assert!(matches!(label, "name" | "not"), "{l}");
            (phrase, label == "name")
        })
        .collect();
    // The corpus vocabulary: every test corpus's text.
    let mut texts = Vec::new();
    for dir in [
        "seeds",
        "tests/corpora/northsea",
        "tests/corpora/harbour",
        "tests/corpora/speeches",
    ] {
        let input = folder::read(&here.join("../..").join(dir)).unwrap();
        for f in input.files {
            texts.push(String::from_utf8(f.bytes).unwrap());
        }
    }
    let vocabulary = Vocabulary::of(texts.iter().map(String::as_str));
    let common = |w: &str| vocabulary.is_common(w);
    let gazetteer = Gazetteer::built_in();
    let known = NameIndex::default();
    let (mut tp, mut fp, mut fn_, mut wrong) = (0, 0, 0, Vec::new());
    for (phrase, is_name) in &rows {
        let paragraph = format!("{phrase} said that the talks would continue.");
        let found = discover(&[paragraph.as_str()], &known, &gazetteer, &common);
        let found_it = found.iter().any(|d| d.name == *phrase);
        match (is_name, !found.is_empty()) {
            (true, true) if found_it => tp += 1,
            (true, _) => {
                fn_ += 1;
                wrong.push(format!("missed {phrase:?} (found {found:?})"));
            }
            (false, true) => {
                fp += 1;
                wrong.push(format!("took {phrase:?} for a person"));
            }
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "guessed people, {file}: {} phrases ({} names): precision {:.1} % ({tp}/{}), recall {:.1} % ({tp}/{})",
        rows.len(),
        tp + fn_,
        precision * 100.0,
        tp + fp,
        recall * 100.0,
        tp + fn_
    );
    for w in &wrong {
        println!("  {w}");
    }
    (precision, recall, wrong)
}
