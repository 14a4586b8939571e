//! `concord-corpus`: check a corpus folder the way the app build will, without building it.
//!
//! ```text
//! concord-corpus report [DIR]       print the build report (default DIR: seeds)
//! concord-corpus statements [DIR]   print every statement with its speaker
//! concord-corpus expect [DIR]       print an expectation file (TOML) pinning titles, dates,
//!                                   roles and speakers, for crates/concord-core/tests/expect/
//! ```

use concord_core::corpus::{self, folder};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, dir) = match args.as_slice() {
        [c] => (c.as_str(), PathBuf::from("seeds")),
        [c, d] => (c.as_str(), PathBuf::from(d)),
        _ => ("help", PathBuf::new()),
    };
    if !["report", "statements", "expect"].contains(&command) {
        eprintln!("usage: concord-corpus report|statements|expect [DIR]");
        return ExitCode::from(2);
    }
    let input = match folder::read(&dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match corpus::build(&input) {
        Ok((corpus, report)) => {
            if command == "report" {
                print!("{report}");
                println!();
                println!(
                    "embedded form (in the app's wasm): {} bytes",
                    concord_core::embed::encode(&corpus).len()
                );
            } else if command == "expect" {
                print!("{}", expectations(&dir, &corpus));
            } else {
                for d in &corpus.documents {
                    println!(
                        "== {} | {} | {:?}",
                        d.id,
                        d.title,
                        d.date.date.map(|d| d.to_string())
                    );
                    for s in &d.statements {
                        let who = s
                            .speaker
                            .map_or("narrator", |p| corpus.people[p as usize].id.as_str());
                        let text = &d.paragraph(s.p).expect("statement paragraph").text;
                        let short: String = text.chars().take(70).collect();
                        println!("  p{:<3} {:<22} {:<15?} {short}", s.p, who, s.attribution);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The expectation file for `corpus` (format read by tests/expectations.rs).
fn expectations(dir: &std::path::Path, corpus: &concord_core::model::Corpus) -> String {
    use concord_core::model::Role;
    use std::fmt::Write;
    let q = |s: &str| format!("{s:?}");
    let list = |v: Vec<String>| format!("[{}]", v.join(", "));
    let mut out = String::new();
    let statements: usize = corpus.documents.iter().map(|d| d.statements.len()).sum();
    let _ = writeln!(
        out,
        "# Expected build of this corpus; checked by tests/expectations.rs."
    );
    let _ = writeln!(
        out,
        "# Written by `concord-corpus expect`, then read and corrected by hand."
    );
    let _ = writeln!(out, "corpus = {}", q(&dir.display().to_string()));
    let _ = writeln!(out, "documents = {}", corpus.documents.len());
    let _ = writeln!(out, "statements = {statements}");
    for d in &corpus.documents {
        let role = |r: Role| list(d.with_role(r).map(|p| p.n.to_string()).collect());
        let person = |i: &u32| q(&corpus.people[*i as usize].id);
        let _ = writeln!(out, "\n[[document]]");
        let _ = writeln!(out, "id = {}", q(&d.id));
        let _ = writeln!(out, "title = {}", q(&d.title));
        let date = d.date.date.map_or("undated".to_string(), |x| x.to_string());
        let _ = writeln!(out, "date = {}", q(&date));
        let _ = writeln!(out, "date_from = {}", q(&d.date.origin.to_string()));
        let _ = writeln!(out, "kind = {}", q(d.kind.as_deref().unwrap_or("")));
        let _ = writeln!(out, "source = {}", q(d.source.as_deref().unwrap_or("")));
        let _ = writeln!(
            out,
            "participants = {}",
            list(d.participants.iter().map(person).collect())
        );
        let _ = writeln!(
            out,
            "countries = {}",
            list(d.countries.iter().map(|c| q(c)).collect())
        );
        let _ = writeln!(out, "datelines = {}", role(Role::Dateline));
        let _ = writeln!(out, "headings = {}", role(Role::Heading));
        let _ = writeln!(out, "boilerplate = {}", role(Role::Boilerplate));
        let _ = writeln!(out, "# paragraph number = speaker id, or \"narrator\"");
        let _ = writeln!(out, "[document.speakers]");
        for s in &d.statements {
            let who = s.speaker.as_ref().map_or(q("narrator"), person);
            let text: String = d
                .paragraph(s.p)
                .map(|p| p.text.chars().take(60).collect())
                .unwrap_or_default();
            let _ = writeln!(out, "{} = {who}  # {}", s.p, text.replace('\n', " "));
        }
    }
    out
}
