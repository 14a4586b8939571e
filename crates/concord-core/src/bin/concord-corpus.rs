//! `concord-corpus`: check a corpus folder the way the app build will, without building it.
//!
//! ```text
//! concord-corpus report [DIR]       print the build report (default DIR: seeds)
//! concord-corpus statements [DIR]   print every statement with its speaker
//! concord-corpus documents --json [DIR]    one JSON object a line: each document
//! concord-corpus statements --json [DIR]   one JSON object a line: each statement
//! concord-corpus people --json [DIR]       one JSON object a line: each person
//! concord-corpus positions [DIR]    print every position found: stance, actor, target
//! concord-corpus positions --json [DIR]    one JSON object a line: each position
//! concord-corpus formulations [DIR] print the formulations as the app lists them: uses,
//!                                   documents, banality, the formulation as written and
//!                                   its variants
//! concord-corpus expect [DIR]       print an expectation file (TOML) pinning titles, dates,
//!                                   roles and speakers, for crates/concord-core/tests/expect/
//! concord-corpus search DIR QUERY    run a query; print matches with [highlights] and facets
//! concord-corpus shard DIR OUT       write the sharded form into OUT (postings and text so
//!                                   far: manifest, packs, chunk/); print what was written
//! ```
//!
//! The JSON lines (for scripts and checks; documented in the README):
//! - documents: `id`, `file`, `title`, `title_origin`, `date` (ISO at its precision, or
//!   null), `date_origin`, `speaker` (person id or null), `statements`, `reflowed`;
//! - statements: `doc`, `p`, `speaker` (person id, or `narrator`), `speaker_name`, `text`;
//! - people: `id`, `name`, `guessed`, `country` (slug or null), `role` (or null);
//! - positions: `doc`, `p`, `stance` (slug), `actor` (country slug or person id), `voice`
//!   (person id or null), `cue`, `target` (the words as written), `key`.

use concord_core::corpus::{self, folder};
use concord_core::model::{Corpus, NARRATOR_ID, NARRATOR_NAME};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = match args.iter().position(|a| a == "--json") {
        Some(i) => {
            args.remove(i);
            true
        }
        None => false,
    };
    let (command, dir, query) = match args.as_slice() {
        [c] => (c.as_str(), PathBuf::from("seeds"), ""),
        [c, d] => (c.as_str(), PathBuf::from(d), ""),
        [c, d, q] if c == "search" || c == "shard" => (c.as_str(), PathBuf::from(d), q.as_str()),
        _ => ("help", PathBuf::new(), ""),
    };
    let known = if json {
        ["documents", "statements", "people", "positions"].contains(&command)
    } else {
        [
            "report",
            "statements",
            "expect",
            "search",
            "positions",
            "formulations",
            "shard",
        ]
        .contains(&command)
    };
    if !known {
        eprintln!("usage: concord-corpus report|statements|positions|formulations|expect [DIR]\n       concord-corpus documents|statements|people|positions --json [DIR]\n       concord-corpus search DIR QUERY\n       concord-corpus shard DIR OUT");
        return ExitCode::from(2);
    }
    let input = match folder::list(&dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if command == "shard" {
        return shard_command(&input, std::path::Path::new(query));
    }
    match corpus::build(&input) {
        Ok((corpus, report)) => {
            use std::fmt::Write;
            let mut out = String::new();
            if json {
                out = json_lines(&corpus, command);
            } else if command == "report" {
                let _ = writeln!(
                    out,
                    "{report}\nembedded form (in the app's wasm): {} bytes",
                    concord_core::embed::encode(&corpus).len()
                );
            } else if command == "expect" {
                out = expectations(&dir, &corpus);
            } else if command == "search" {
                search(&corpus, query);
            } else if command == "formulations" {
                out = formulations(&corpus);
            } else if command == "positions" {
                for (doc, p, pos) in positions(&corpus) {
                    let voice = pos.voice.map_or(String::new(), |v| {
                        format!(" (voiced by {})", corpus.people[v as usize].id)
                    });
                    let _ = writeln!(
                        out,
                        "{doc} p{p:<3} {:<10} {:<14}{voice} | {} | {} | key: {}",
                        pos.stance.slug(),
                        pos.actor.slug(&corpus.people),
                        span(&corpus, doc, p, pos.cue),
                        span(&corpus, doc, p, pos.target),
                        pos.key
                    );
                }
            } else {
                for d in &corpus.documents {
                    let _ = writeln!(
                        out,
                        "== {} | {} | {:?}",
                        d.id,
                        d.title,
                        d.date.date.map(|d| d.to_string())
                    );
                    for s in &d.statements {
                        let who = s
                            .speaker
                            .map_or(NARRATOR_ID, |p| corpus.people[p as usize].id.as_str());
                        let text = &d.paragraph(s.p).expect("statement paragraph").text;
                        let short: String = text.chars().take(70).collect();
                        let _ = writeln!(
                            out,
                            "  p{:<3} {:<22} {:<15?} {short}",
                            s.p, who, s.attribution
                        );
                    }
                }
            }
            // A reader that stops early (`| head`) is not an error.
            use std::io::Write as _;
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the output: {e}");
                    return ExitCode::FAILURE;
                }
                _ => {}
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

/// Every position of the corpus with its document id and paragraph, in corpus order.
fn positions(corpus: &Corpus) -> impl Iterator<Item = (&str, u32, &concord_core::model::Position)> {
    corpus.documents.iter().flat_map(|d| {
        d.statements
            .iter()
            .flat_map(move |s| s.positions.iter().map(move |pos| (d.id.as_str(), s.p, pos)))
    })
}

/// The words at a byte range of a document's paragraph.
fn span<'a>(corpus: &'a Corpus, doc: &str, p: u32, (from, to): (u32, u32)) -> &'a str {
    corpus
        .documents
        .iter()
        .find(|d| d.id == doc)
        .and_then(|d| d.paragraph(p))
        .and_then(|para| para.text.get(from as usize..to as usize))
        .unwrap_or("")
}

/// The JSON lines of `what` (`documents`, `statements`, `people` or `positions`), keys in
/// the documented order.
fn json_lines(corpus: &Corpus, what: &str) -> String {
    use serde::Serialize;
    #[derive(Serialize)]
    struct DocumentLine<'a> {
        id: &'a str,
        file: &'a str,
        title: &'a str,
        title_origin: &'a str,
        date: Option<String>,
        date_origin: String,
        speaker: Option<&'a str>,
        statements: usize,
        reflowed: bool,
    }
    #[derive(Serialize)]
    struct StatementLine<'a> {
        doc: &'a str,
        p: u32,
        speaker: &'a str,
        speaker_name: &'a str,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct PositionLine<'a> {
        doc: &'a str,
        p: u32,
        stance: &'a str,
        actor: &'a str,
        voice: Option<&'a str>,
        cue: &'a str,
        target: &'a str,
        key: &'a str,
    }
    #[derive(Serialize)]
    struct PersonLine<'a> {
        id: &'a str,
        name: &'a str,
        guessed: bool,
        country: Option<&'a str>,
        role: Option<&'a str>,
    }
    let person = |i: Option<u32>| i.and_then(|i| corpus.people.get(i as usize));
    fn line<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).expect("JSON of plain data")
    }
    let mut out = String::new();
    let mut push = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match what {
        "documents" => {
            for d in &corpus.documents {
                push(line(&DocumentLine {
                    id: &d.id,
                    file: &d.file,
                    title: &d.title,
                    title_origin: d.title_origin.label(),
                    date: d.date.date.map(|x| x.to_string()),
                    date_origin: d.date.origin.to_string(),
                    speaker: person(d.speaker).map(|p| p.id.as_str()),
                    statements: d.statements.len(),
                    reflowed: d.reflowed,
                }));
            }
        }
        "statements" => {
            for d in &corpus.documents {
                for s in &d.statements {
                    let who = person(s.speaker);
                    push(line(&StatementLine {
                        doc: &d.id,
                        p: s.p,
                        speaker: who.map_or(NARRATOR_ID, |p| p.id.as_str()),
                        speaker_name: who.map_or(NARRATOR_NAME, |p| p.name.as_str()),
                        text: d.paragraph(s.p).map_or("", |p| p.text.as_str()),
                    }));
                }
            }
        }
        "positions" => {
            for (doc, p, pos) in positions(corpus) {
                push(line(&PositionLine {
                    doc,
                    p,
                    stance: pos.stance.slug(),
                    actor: pos.actor.slug(&corpus.people),
                    voice: person(pos.voice).map(|v| v.id.as_str()),
                    cue: span(corpus, doc, p, pos.cue),
                    target: span(corpus, doc, p, pos.target),
                    key: &pos.key,
                }));
            }
        }
        _ => {
            for p in &corpus.people {
                push(line(&PersonLine {
                    id: &p.id,
                    name: &p.name,
                    guessed: p.guessed,
                    country: p.country.as_deref(),
                    role: p.role.as_deref(),
                }));
            }
        }
    }
    out
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
        let _ = writeln!(out, "title_from = {}", q(d.title_origin.label()));
        let doc_speaker = d
            .speaker
            .map_or(String::new(), |i| corpus.people[i as usize].id.clone());
        let _ = writeln!(out, "speaker = {}", q(&doc_speaker));
        let _ = writeln!(out, "reflowed = {}", d.reflowed);
        let labels = role(Role::Label);
        if labels != "[]" {
            let _ = writeln!(out, "labels = {labels}");
        }
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
        if d.reflowed || d.paragraphs.iter().any(|p| p.label.is_some()) {
            let _ = writeln!(
                out,
                "# paragraph number = the start of its text (lines joined, labels taken off)"
            );
            let _ = writeln!(out, "[document.starts]");
            for p in &d.paragraphs {
                let start: String = p.text.chars().take(60).collect();
                let _ = writeln!(out, "{} = {}", p.n, q(&start));
            }
        }
        let _ = writeln!(out, "# paragraph number = speaker id, or \"narrator\"");
        let _ = writeln!(out, "[document.speakers]");
        for s in &d.statements {
            let who = s.speaker.as_ref().map_or(q(NARRATOR_ID), person);
            let text: String = d
                .paragraph(s.p)
                .map(|p| p.text.chars().take(60).collect())
                .unwrap_or_default();
            let _ = writeln!(out, "{} = {who}  # {}", s.p, text.replace('\n', " "));
        }
        let _ = writeln!(
            out,
            "# paragraph number = its positions, \"stance actor | target\""
        );
        let _ = writeln!(out, "[document.positions]");
        for s in d.statements.iter().filter(|s| !s.positions.is_empty()) {
            let list: Vec<String> = s
                .positions
                .iter()
                .map(|pos| {
                    q(&format!(
                        "{} {} | {}",
                        pos.stance.slug(),
                        pos.actor.slug(&corpus.people),
                        span(corpus, &d.id, s.p, pos.target)
                    ))
                })
                .collect();
            let _ = writeln!(out, "{} = [{}]", s.p, list.join(", "));
        }
    }
    out
}

/// The formulations as the app lists them without filters, one a line: uses, documents,
/// banality, the formulation as written, then its other variants.
fn formulations(corpus: &Corpus) -> String {
    use concord_core::compare::formulas;
    use concord_core::index::Index;
    use concord_core::query::{Filters, Searcher};
    use std::fmt::Write;
    let index = Index::build(corpus);
    let found = formulas::find(corpus, &index);
    let searcher = Searcher::new(corpus, &index);
    let mut out = String::new();
    for e in formulas::table(&searcher, &found, &Filters::default()) {
        let surface = |f: u32| found[f as usize].surface.as_str();
        let others: Vec<String> = e.variants[1..]
            .iter()
            .map(|&(f, n)| format!("{:?} ({n})", surface(f)))
            .collect();
        let _ = write!(
            out,
            "{:>5} uses {:>4} docs {:>3}%  {}",
            e.count(),
            e.documents,
            e.banality,
            surface(e.variants[0].0)
        );
        if !others.is_empty() {
            let _ = write!(out, "  ~ {}", others.join(", "));
        }
        out.push('\n');
    }
    out
}

/// Prints the matches of `query`, highlights in brackets with their legend number.
fn search(corpus: &concord_core::model::Corpus, query: &str) {
    use concord_core::index::Index;
    use concord_core::query::{parse, Filters, Searcher, Sort};
    let index = Index::build(corpus);
    let searcher = Searcher::new(corpus, &index);
    let q = parse(query);
    for p in &q.problems {
        println!("problem: {}", p.message);
    }
    let legend: Vec<String> = q
        .legend
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{i}={}", l.label))
        .collect();
    println!("legend: {}", legend.join(", "));
    let r = searcher.search(&q, &Filters::default(), Sort::Relevance);
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    println!(
        "{} in {}",
        plural(r.statements, "statement"),
        plural(r.documents.len(), "document")
    );
    for d in &r.documents {
        let doc = &corpus.documents[d.doc as usize];
        println!("\n{}  {}  (score {:.2})", doc.id, doc.title, d.score);
        for h in &d.statements {
            let text = searcher.text(h.stmt);
            let mut marked = String::new();
            let mut at = 0;
            for m in searcher.highlights(&q, h.stmt) {
                marked.push_str(&text[at..m.start]);
                marked.push_str(&format!("[{}]{}", &text[m.start..m.end], m.term));
                at = m.end;
            }
            marked.push_str(&text[at..]);
            println!("  ¶{}: {marked}", index.statements[h.stmt as usize].p);
        }
    }
    let facet = |name: &str, v: &[(String, usize)]| {
        let items: Vec<String> = v.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("{name}: {}", items.join(", "));
    };
    println!();
    facet("speaker", &r.facets.speaker);
    facet("country", &r.facets.country);
    facet("source", &r.facets.source);
    facet("kind", &r.facets.kind);
    facet("year", &r.facets.year);
}

/// `shard DIR OUT`: builds the corpus as build.rs does (through a scratch file in `out`, a
/// document at a time) and writes its sharded form into `out`.
fn shard_command(input: &corpus::Input, out: &std::path::Path) -> ExitCode {
    let layout = match concord_core::shard::Layout::from_env(|name| std::env::var(name).ok()) {
        Ok(layout) => layout,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut spilled = match corpus::build_spilled(input, out) {
        Ok(spilled) => spilled,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    match shard(&mut spilled, &layout, out) {
        Ok(summary) => {
            use std::io::Write as _;
            // A reader that stops early (`| head`) is not an error.
            match std::io::stdout().lock().write_all(summary.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!(
                "error: cannot write the sharded form into {}: {e}",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Writes the sharded form of `corpus` into `out`; says what it wrote.
fn shard(
    corpus: &mut corpus::Spilled,
    layout: &concord_core::shard::Layout,
    out: &std::path::Path,
) -> std::io::Result<String> {
    // As build.rs writes it.
    let w = concord_core::shard::build(corpus, out, layout, |_| {})?;
    let packed: u64 = w.packs.iter().map(|p| p.len).sum();
    let mut out = format!(
        "{}: {} bytes\n{} packs: {packed} bytes\n{} shards (largest {} bytes), {}\n",
        w.manifest,
        w.manifest_bytes,
        w.packs.len(),
        w.shards,
        w.largest,
        if layout.chunks {
            "each also in chunk/"
        } else {
            "no chunk files (CONCORD_CHUNKS=0)"
        }
    );
    for (kind, n, bytes) in &w.kinds {
        out.push_str(&format!("  {}: {n} shards, {bytes} bytes\n", kind.name()));
    }
    Ok(out)
}
