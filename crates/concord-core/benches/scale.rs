//! The build at scale (`make bench-scale`): generated corpora of hard-wrapped speeches
//! (`generate::write_speeches`, the 12 MB speeches corpus continued) of 13, 50 and 200 MB
//! (`CONCORD_SCALE_SIZES`, megabytes, space-separated), each built as `build.rs` builds
//! the sharded form (`concord_core::shard::build`) — list the folder, build the corpus
//! (reading each file in turn), analyse the index, write the table, postings and text
//! shards, find the formulations, write them and the manifest, beside the folder, in
//! `target/scale-<N>mb-sharded/` — in a process of its own, printing each stage's time,
//! the peak memory so far (the process's high-water mark, `VmHWM`), the memory it holds
//! at the stage's end (`VmRSS`) and the sizes; then the embedded form's size (in a
//! process of its own too), and the engine opened from the shards as the sharded app
//! opens it, each key of the typed queries searched natively
//! (`CONCORD_SCALE_ENGINE=<sharded folder>` runs that part alone). The figures show how
//! time and memory grow with the corpus: the question before a corpus of hundreds of
//! megabytes.
//!
//! Corpora are written once into `target/scale-<N>mb/` and kept (written again when the
//! generator changes: [`GENERATOR`]).

#[path = "support/generate.rs"]
mod generate;

use concord_core::corpus::{build, build_spilled, folder};
use concord_core::{embed, shard};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The version of the generated corpora: bumped when `generate::write_speeches` changes,
/// so that folders written before are written again. 2: the vocabulary grows with the
/// corpus (Heaps' law).
const GENERATOR: &str = "2";

fn main() {
    // The engine alone, from a sharded form written before (CONCORD_SCALE_ENGINE=its folder).
    if let Some(dir) = std::env::var_os("CONCORD_SCALE_ENGINE") {
        let dir = PathBuf::from(dir);
        let manifest = std::fs::read_dir(&dir)
            .expect("a sharded form")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("manifest-"))
            .expect("a manifest");
        engine_from_shards(&dir, &manifest);
        return;
    }
    // The embedded form alone, in this process (started by `build_one`).
    if let Some(dir) = std::env::var_os("CONCORD_SCALE_EMBEDDED") {
        embedded(Path::new(&dir));
        return;
    }
    // One build, in this process (started by the loop below).
    if let Some(dir) = std::env::var_os("CONCORD_SCALE_ONE") {
        build_one(Path::new(&dir));
        return;
    }
    let sizes = std::env::var("CONCORD_SCALE_SIZES").unwrap_or_else(|_| "13 50 200".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace")
        .join("target");
    println!("build at scale: generated hard-wrapped speeches, each built in a process of its own");
    for mb in sizes.split_whitespace() {
        let mb: usize = mb.parse().expect("CONCORD_SCALE_SIZES: megabytes");
        let dir = root.join(format!("scale-{mb}mb"));
        // Written again when the generator has changed since (its version beside the folder).
        let stamp = root.join(format!("scale-{mb}mb.generator"));
        let current = std::fs::read_to_string(&stamp).is_ok_and(|v| v.trim() == GENERATOR);
        if !current || !dir.join("catalog.csv").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            let t = Instant::now();
            let written = generate::write_speeches(&dir, mb * 1024 * 1024);
            std::fs::write(&stamp, GENERATOR).expect("write the generator's stamp");
            println!(
                "  wrote {:.1} MB into {} in {:.1} s",
                written as f64 / 1e6,
                dir.display(),
                t.elapsed().as_secs_f64()
            );
        }
        let status = std::process::Command::new(std::env::current_exe().expect("this program"))
            .env("CONCORD_SCALE_ONE", &dir)
            .status()
            .expect("run one build");
        assert!(status.success(), "the build of {} failed", dir.display());
    }
}

/// Builds the corpus in `dir` stage by stage, as `build.rs` builds the sharded form,
/// printing each stage's time and the peak memory
/// so far; then the embedded form, for its size.
fn build_one(dir: &Path) {
    let all = Instant::now();
    let mut stages: Vec<String> = Vec::new();
    let mut t = Instant::now();
    let mut stage = |name: &str, t: &mut Instant| {
        stages.push(format!(
            "{name} {:.1} s (peak {:.0} MB, held {:.0} MB)",
            t.elapsed().as_secs_f64(),
            peak_mb(),
            memory_mb("VmRSS:")
        ));
        *t = Instant::now();
    };
    // Listed, and each file read when the builder needs it, as build.rs does.
    let input = folder::list(dir).expect("the corpus folder");
    let bytes: u64 = input
        .files
        .iter()
        .map(|f| std::fs::metadata(dir.join(&f.path)).map_or(0, |m| m.len()))
        .sum();
    stage("list", &mut t);
    // The sharded form, beside the corpus folder, as build.rs writes it: the corpus built
    // through a scratch file there, a document at a time, then read back a document at a
    // time.
    let out = dir.with_file_name(format!(
        "{}-sharded",
        dir.file_name().expect("a folder").to_string_lossy()
    ));
    let mut spilled = build_spilled(&input, &out).expect("the corpus builds");
    stage("corpus", &mut t);
    let documents = spilled.corpus.documents.len();
    let statements: usize = spilled.report.documents.iter().map(|d| d.statements).sum();
    let scratch = spilled.spill_bytes();
    let written = shard::build(&mut spilled, &out, &shard::Layout::default(), |name| {
        stage(name, &mut t)
    })
    .expect("the sharded form is written");
    let total = all.elapsed().as_secs_f64();
    let peak = peak_mb();
    println!(
        "  {:>6.1} MB, {documents} documents, {statements} statements: sharded build {total:.1} s, peak memory {peak:.0} MB ({:.1}× the text)",
        bytes as f64 / 1e6,
        peak * 1e6 / bytes as f64,
    );
    println!("          stages: {}", stages.join(", "));
    println!(
        "          scratch file (the documents, read back twice): {:.1} MB",
        scratch as f64 / 1e6
    );
    println!(
        "          vocabulary: {} words, {} stems",
        written.words, written.stems
    );
    let packed: u64 = written.packs.iter().map(|p| p.len).sum();
    println!(
        "          manifest {} B, {} shards in {} packs, {:.1} MB (largest shard {} B)",
        written.manifest_bytes,
        written.shards,
        written.packs.len(),
        packed as f64 / 1e6,
        written.largest,
    );
    for (kind, n, bytes) in &written.kinds {
        println!(
            "            {}: {n} shards, {:.2} MB",
            kind.name(),
            *bytes as f64 / 1e6
        );
    }
    // The embedded form, in a process of its own (the corpus built again): its peak is
    // not the sharded build's.
    let status = std::process::Command::new(std::env::current_exe().expect("this program"))
        .env("CONCORD_SCALE_EMBEDDED", dir)
        .status()
        .expect("run the embedded form");
    assert!(
        status.success(),
        "the embedded form of {} failed",
        dir.display()
    );
    engine_from_shards(&out, &written.manifest);
}

/// The embedded form of the corpus in `dir`: its size, and the time to encode it (the
/// index and formulations again, inside `encode`).
fn embedded(dir: &Path) {
    let input = folder::list(dir).expect("the corpus folder");
    let (corpus, _) = build(&input).expect("the corpus builds");
    let t = Instant::now();
    let encoded = embed::encode(&corpus);
    println!(
        "          embedded form: {:.1} MB, encoded in {:.1} s (peak memory of its process {:.0} MB)",
        encoded.len() as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        peak_mb()
    );
}

/// The engine opened from the sharded form, as the app opens it (manifest and table), and
/// each key of the typed queries searched natively once its shards are loaded (loading
/// not timed): start-up's decoding, and each key's engine time.
fn engine_from_shards(dir: &Path, manifest_name: &str) {
    use concord_core::query::{Filters, Searcher, Sort};
    use concord_core::shard::{Loader, Manifest, Need, ShardRef};
    let read = |m: &Manifest, s: &ShardRef| {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = std::fs::File::open(dir.join(&m.packs[s.pack as usize].name))?;
        f.seek(SeekFrom::Start(s.offset))?;
        let mut bytes = vec![0; s.len as usize];
        f.read_exact(&mut bytes)?;
        Ok::<_, std::io::Error>(bytes)
    };
    let t = Instant::now();
    let manifest = Manifest::decode(&std::fs::read(dir.join(manifest_name)).unwrap()).unwrap();
    let (mut corpus, mut index) =
        shard::open(&manifest, |s| Ok(read(&manifest, s).unwrap())).unwrap();
    let opened = t.elapsed().as_secs_f64() * 1e3;
    let mut loader = Loader::new(manifest.clone());
    // Loads what `need` reads, once (true when nothing was missing).
    let load = |loader: &mut Loader,
                corpus: &mut concord_core::Corpus,
                index: &mut concord_core::Index,
                need: &Need| {
        let missing = loader.missing(index, need);
        if missing.is_empty() {
            return true;
        }
        let fetched = missing
            .iter()
            .map(|s| (s.hash, read(&manifest, s).unwrap()))
            .collect();
        loader.load(corpus, index, need, &fetched).unwrap();
        false
    };
    let mut times: Vec<(f64, String)> = Vec::new();
    for q in include_str!("support/typed.txt").lines() {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = &q[..end];
            let query = index.parse_typed(typed);
            for _ in 0..4 {
                let need = Need::of_search(&index, &query);
                if load(&mut loader, &mut corpus, &mut index, &need) {
                    break;
                }
            }
            let t = Instant::now();
            let results = Searcher::new(&corpus, &index).search(
                &query,
                &Filters::default(),
                if query.legend.is_empty() {
                    Sort::Newest
                } else {
                    Sort::Relevance
                },
            );
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push((ms, format!("{typed} ({} hits)", results.statements)));
        }
    }
    let mut sorted: Vec<f64> = times.iter().map(|t| t.0).collect();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| sorted[((sorted.len() - 1) as f64 * p).round() as usize];
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "          engine from the shards, natively: opened (manifest and table) in {opened:.0} ms; a key's search p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} keys); slowest: {}",
        at(0.5),
        at(0.95),
        at(1.0),
        sorted.len(),
        times
            .iter()
            .take(4)
            .map(|(ms, q)| format!("“{q}” {ms:.1} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // The concordance of common words: what its first lines read, and counting them all.
    for q in ["the", "china"] {
        let query = index.parse_typed(q);
        let results =
            Searcher::new(&corpus, &index).search(&query, &Filters::default(), Sort::Relevance);
        let t = Instant::now();
        let lines = Searcher::new(&corpus, &index).kwic_statements(&query, &results, 1000);
        let planned = t.elapsed().as_secs_f64() * 1e3;
        let need = Need::of_statements(&index, lines);
        let reads = |need: &Need| -> (usize, u64) {
            let missing = loader.missing(&index, need);
            (missing.len(), missing.iter().map(|s| s.len as u64).sum())
        };
        let (shards, bytes) = reads(&need);
        let (all_shards, all_bytes) = reads(&Need::of_statements(&index, results.statement_ids()));
        load(&mut loader, &mut corpus, &mut index, &need);
        let searcher = Searcher::new(&corpus, &index);
        let t = Instant::now();
        let rows = searcher.kwic(&query, &results, 8, 1000);
        let shown = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let total = searcher.hit_count(&query, &results);
        let counted = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "          concordance of “{q}” ({} statements): its first {} lines read {shards} text shards ({:.2} MB), all its lines would read {all_shards} ({:.1} MB); lines found in {planned:.1} ms, made in {shown:.1} ms; all {total} counted from the postings in {counted:.1} ms",
            results.statements,
            rows.len(),
            bytes as f64 / 1e6,
            all_bytes as f64 / 1e6,
        );
    }
    // Explicit prefixes that split a stem ("securit*" takes "security", not "secure"), each
    // from a cold engine: what they fetch, postings and text.
    for q in ["securit*", "negotiat*", "nationa*"] {
        let (mut corpus, mut index) =
            shard::open(&manifest, |s| Ok(read(&manifest, s).unwrap())).unwrap();
        let mut loader = Loader::new(manifest.clone());
        let query = index.parse(q);
        let (mut bytes, mut shards, mut text) = (0u64, 0, 0);
        let t = Instant::now();
        for _ in 0..4 {
            let need = Need::of_search(&index, &query);
            let missing = loader.missing(&index, &need);
            if missing.is_empty() {
                break;
            }
            bytes += missing.iter().map(|s| u64::from(s.len)).sum::<u64>();
            shards += missing.len();
            text += missing
                .iter()
                .filter(|s| s.kind == shard::Kind::Text)
                .count();
            load(&mut loader, &mut corpus, &mut index, &need);
        }
        let results =
            Searcher::new(&corpus, &index).search(&query, &Filters::default(), Sort::Relevance);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        // What it would read if the postings did not say which word is at each position:
        // the text of every statement of a stem the prefix splits.
        let prefix = q.trim_end_matches('*');
        let split: Vec<u32> = index
            .prefix_stems(prefix, None)
            .1
            .into_iter()
            .filter(|&(_, whole)| !whole)
            .flat_map(|(k, _)| index.postings(k).stmts.to_vec())
            .collect();
        let would = loader.missing(&index, &Need::of_statements(&index, split));
        println!(
            "          explicit “{q}”, cold: {} statements; {:.2} MB in {shards} shards fetched ({text} of text), loaded and searched in {ms:.0} ms (without the words in the postings: {:.1} MB more, {} text shards)",
            results.statements,
            bytes as f64 / 1e6,
            would.iter().map(|s| u64::from(s.len)).sum::<u64>() as f64 / 1e6,
            would.len(),
        );
    }
}

/// This process's peak resident memory, in megabytes (Linux's `VmHWM`; 0 elsewhere).
fn peak_mb() -> f64 {
    memory_mb("VmHWM:")
}

/// A figure of this process's memory from `/proc/self/status`, in megabytes (`VmHWM:`, the
/// peak; `VmRSS:`, what it holds now), or 0 where there is none.
fn memory_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
