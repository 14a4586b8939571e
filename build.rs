//! Compiles the corpus into the app.
//!
//! Reads the corpus folder (`seeds/`, or `CONCORD_CORPUS=<dir>`, relative to this folder),
//! builds it with `concord_core::corpus`, and writes into `OUT_DIR`:
//! - `corpus.bin`, the embedded form the app decodes at start-up (`concord_core::embed`);
//! - `build-report.txt`, the full build report.
//!
//! A one-line summary and every warning of the report are printed as cargo warnings. A bad
//! corpus stops the build with errors naming file and line.

use concord_core::corpus::{self, folder, NoteLevel};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=CONCORD_CORPUS");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = match std::env::var_os("CONCORD_CORPUS") {
        Some(d) if !d.is_empty() => root.join(d),
        _ => root.join("seeds"),
    };
    // New, changed and removed files all trigger a rebuild.
    for path in folder::watched_paths(&dir) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let fail = |lines: Vec<String>| {
        eprintln!("error: the corpus at {} cannot be built:", dir.display());
        for line in lines {
            eprintln!("  {line}");
        }
        ExitCode::FAILURE
    };
    let input = match folder::read(&dir) {
        Ok(input) => input,
        Err(e) => return fail(vec![e.to_string()]),
    };
    let (corpus, report) = match corpus::build(&input) {
        Ok(built) => built,
        Err(errors) => return fail(errors.0.iter().map(ToString::to_string).collect()),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let bytes = concord_core::embed::encode(&corpus);
    let report_path = out.join("build-report.txt");
    if let Err(e) = std::fs::write(out.join("corpus.bin"), &bytes)
        .and_then(|()| std::fs::write(&report_path, report.to_string()))
    {
        return fail(vec![format!("cannot write to {}: {e}", out.display())]);
    }
    println!(
        "cargo:warning={} ({} bytes embedded); full report: {}",
        report.summary(),
        bytes.len(),
        report_path.display()
    );
    for note in report
        .notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
    {
        println!("cargo:warning={note}");
    }
    ExitCode::SUCCESS
}
