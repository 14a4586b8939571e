//! Compiles the corpus into the app.
//!
//! Reads the corpus folder (`seeds/`, or `CONCORD_CORPUS=<dir>`, relative to this folder),
//! builds it with `concord_core::corpus`, and writes it in one of two forms (README,
//! "Two modes"), chosen by `CONCORD_INDEX` (`embedded`, `sharded`, or unset: sharded when
//! the corpus's text passes [`SHARDED_FROM`] bytes):
//! - **embedded**: `OUT_DIR/corpus.bin`, the form the app decodes at start-up
//!   (`concord_core::embed`), compiled into the module;
//! - **sharded**: the static files of `concord_core::shard` (manifest, packs, chunks; laid
//!   out as `CONCORD_SHARD_BYTES`, `CONCORD_PACK_BYTES` and `CONCORD_CHUNKS` say) and
//!   the fetch worker, in `<target>/concord-shards/<manifest>/`, which Trunk's post-build
//!   hook (`tools/place-shards.py`) copies into `dist/corpus/`; the app is compiled with
//!   the manifest's name (`OUT_DIR/manifest.txt`) and an empty `corpus.bin`.
//!
//! and `OUT_DIR/build-report.txt`, the full build report.
//!
//! A one-line summary and every warning of the report are printed as cargo warnings. A bad
//! corpus stops the build with errors naming file and line.

use concord_core::corpus::{self, folder, NoteLevel};
use std::path::PathBuf;
use std::process::ExitCode;

/// Corpus text, in bytes, from which an unset `CONCORD_INDEX` means sharded: about 22 MB
/// of embedded form, a module most connections fetch in seconds and a tab holds easily.
const SHARDED_FROM: usize = 40_000_000;

/// The fetch worker the sharded app starts (copied beside the shards, named by its hash).
const WORKER: &str = "src/fetch-worker.js";

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=CONCORD_CORPUS");
    println!("cargo:rerun-if-env-changed=CONCORD_INDEX");
    println!("cargo:rerun-if-env-changed=CONCORD_SHARD_BYTES");
    println!("cargo:rerun-if-env-changed=CONCORD_PACK_BYTES");
    println!("cargo:rerun-if-env-changed=CONCORD_CHUNKS");
    println!("cargo:rerun-if-changed={WORKER}");
    // Set for a sharded build: the app's code for fetching and loading shards is compiled
    // in only then (an embedded build would carry it unused).
    println!("cargo::rustc-check-cfg=cfg(concord_sharded)");
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
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    // Listed, not read: the builder reads the files one at a time, and writes each
    // document to a scratch file in OUT_DIR as it is built, so that a big corpus is never
    // all held.
    let built = match folder::list(&dir) {
        Ok(input) => corpus::build_spilled(&input, &out),
        Err(e) => return fail(vec![e.to_string()]),
    };
    let mut spilled = match built {
        Ok(built) => built,
        Err(errors) => return fail(errors.0.iter().map(ToString::to_string).collect()),
    };
    let text = spilled.text_bytes();
    let sharded = match std::env::var("CONCORD_INDEX").as_deref() {
        Ok("sharded") => true,
        Ok("embedded") => false,
        Ok("") | Err(_) => text >= SHARDED_FROM,
        Ok(other) => {
            return fail(vec![format!(
                "CONCORD_INDEX={other:?}: use `embedded`, `sharded`, or leave it unset"
            )])
        }
    };
    // How the sharded form is cut and laid out (concord_core::shard::Layout: the sizes of
    // shards and packs, and whether the chunk files for hosts that ignore Range are written).
    let layout = match concord_core::shard::Layout::from_env(|name| std::env::var(name).ok()) {
        Ok(layout) => layout,
        Err(e) => return fail(vec![e]),
    };
    if sharded {
        println!("cargo::rustc-cfg=concord_sharded");
    }
    let report_path = out.join("build-report.txt");
    let (written, report) = if sharded {
        let written = write_sharded(&root, &mut spilled, &layout)
            .map(|(manifest, size)| (Vec::new(), manifest, format!("{size} bytes of shards")));
        (written, spilled.report)
    } else {
        // Small enough to embed: the whole corpus read back into memory.
        match spilled.into_corpus() {
            Ok((corpus, report)) => {
                let bytes = concord_core::embed::encode(&corpus);
                let size = format!("{} bytes embedded", bytes.len());
                (Ok((bytes, String::new(), size)), report)
            }
            Err(e) => {
                return fail(vec![format!(
                    "cannot read the corpus back from its scratch file in {}: {e}",
                    out.display()
                )])
            }
        }
    };
    let (bytes, manifest, size) = match written {
        Ok(w) => w,
        Err(e) => return fail(vec![e]),
    };
    if let Err(e) = std::fs::write(out.join("corpus.bin"), &bytes)
        .and_then(|()| std::fs::write(out.join("manifest.txt"), &manifest))
        .and_then(|()| std::fs::write(&report_path, report.to_string()))
    {
        return fail(vec![format!("cannot write to {}: {e}", out.display())]);
    }
    println!(
        "cargo:warning={} ({size}); full report: {}",
        report.summary(),
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

/// Writes the sharded form and the fetch worker into `<target>/concord-shards/<manifest>/`
/// (a folder per corpus state, so a debug and a release build never write the same one):
/// the manifest's file name and the bytes written.
fn write_sharded(
    root: &std::path::Path,
    corpus: &mut corpus::Spilled,
    layout: &concord_core::shard::Layout,
) -> Result<(String, u64), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_relative() { root.join(t) } else { t })
        .unwrap_or_else(|| root.join("target"));
    let store = target.join("concord-shards");
    let scratch = store.join(format!("partial-{}", std::process::id()));
    // The index, the shards and the formulations, the documents read one at a time.
    let written = concord_core::shard::build(corpus, &scratch, layout, |_| {})
        .map_err(|e| format!("cannot write the shards into {}: {e}", scratch.display()))?;
    let worker =
        std::fs::read(root.join(WORKER)).map_err(|e| format!("cannot read {WORKER}: {e}"))?;
    let worker_name = format!(
        "fetch-worker-{}.js",
        concord_core::shard::Digest::of(&worker)
    );
    let stem = written.manifest.trim_end_matches(".bin").to_string();
    let dir = store.join(&stem);
    if dir.exists() {
        // The same corpus state, written before: its files are these.
        std::fs::remove_dir_all(&scratch).ok();
    } else {
        std::fs::rename(&scratch, &dir)
            .map_err(|e| format!("cannot move the shards into {}: {e}", dir.display()))?;
    }
    std::fs::write(dir.join(&worker_name), &worker)
        .map_err(|e| format!("cannot write the fetch worker into {}: {e}", dir.display()))?;
    let size = written.manifest_bytes as u64 + written.packs.iter().map(|p| p.len).sum::<u64>();
    Ok((format!("{}\n{worker_name}", written.manifest), size))
}
