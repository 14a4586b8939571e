//! `concord-corpus`: check a corpus folder the way the app build will, without building it.
//!
//! ```text
//! concord-corpus report [DIR]   print the build report (default DIR: seeds)
//! concord-corpus json [DIR]     print the documents and statements as JSON-like text
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
    if command != "report" && command != "statements" {
        eprintln!("usage: concord-corpus report|statements [DIR]");
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
