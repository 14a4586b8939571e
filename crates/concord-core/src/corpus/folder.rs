//! Reading a corpus folder into an [`Input`].
//!
//! - `*.txt` files are documents, in the folder and its subfolders (path relative to the
//!   folder, `/`-separated, sorted so the build is the same on every machine);
//! - `catalog.toml` and `catalog.csv` at the top are the catalogs;
//! - hidden files and folders (`.git`, `.DS_Store`) and other files are listed in
//!   [`Input::skipped`] with the reason, so the report warns of them; `.txt` files larger
//!   than [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES) are listed in [`Input::too_large`]
//!   without being read (the build refuses them); an unreadable entry is an error.

use super::{CorpusError, ErrorKind, Input, SourceFile};
use std::fs;
use std::path::Path;

/// The catalog's file name at the top of a corpus folder.
pub const CATALOG: &str = "catalog.toml";
/// The spreadsheet catalog's file name at the top of a corpus folder.
pub const CATALOG_CSV: &str = "catalog.csv";

/// Reads the corpus folder `dir`: every file's bytes in memory.
pub fn read(dir: &Path) -> Result<Input, CorpusError> {
    scan(dir, true)
}

/// Lists the corpus folder `dir` as [`read`] does, reading only the catalogs: the builder
/// reads each corpus file when it needs it ([`Input::folder`]), so that a large corpus is
/// never all in memory as files. What the build scripts use.
pub fn list(dir: &Path) -> Result<Input, CorpusError> {
    let mut input = scan(dir, false)?;
    input.folder = Some(dir.to_path_buf());
    Ok(input)
}

fn scan(dir: &Path, read_files: bool) -> Result<Input, CorpusError> {
    let mut input = Input::default();
    let meta = fs::metadata(dir).map_err(|e| CorpusError {
        file: dir.display().to_string(),
        line: None,
        column: None,
        kind: ErrorKind::Unreadable(e.to_string()),
    })?;
    if !meta.is_dir() {
        return Err(CorpusError {
            file: dir.display().to_string(),
            line: None,
            column: None,
            kind: ErrorKind::Unreadable("not a folder".into()),
        });
    }
    walk(dir, "", read_files, &mut input)?;
    crate::sort::by(&mut input.files, |a, b| a.path.cmp(&b.path));
    input.skipped.sort();
    Ok(input)
}

/// Every path `read` looks at, for `cargo:rerun-if-changed`.
pub fn watched_paths(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(entries) = fs::read_dir(&d) {
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path.clone());
                }
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path, prefix: &str, read_files: bool, input: &mut Input) -> Result<(), CorpusError> {
    let unreadable = |path: &str, e: std::io::Error| CorpusError {
        file: if path.is_empty() {
            ".".into()
        } else {
            path.to_string()
        },
        line: None,
        column: None,
        kind: ErrorKind::Unreadable(e.to_string()),
    };
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .map_err(|e| unreadable(prefix, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| unreadable(prefix, e))?;
    crate::sort::by_key(&mut entries, |e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        if name.starts_with('.') {
            input.skipped.push((rel, "hidden".into()));
            continue;
        }
        let path = entry.path();
        // Follows symbolic links, like a user would expect of a folder they dropped files in.
        let meta = fs::metadata(&path).map_err(|e| unreadable(&rel, e))?;
        if meta.is_dir() {
            walk(&path, &format!("{rel}/"), read_files, input)?;
        } else if prefix.is_empty() && name == CATALOG {
            let bytes = fs::read(&path).map_err(|e| unreadable(&rel, e))?;
            input.catalog = Some(SourceFile { path: rel, bytes });
        } else if prefix.is_empty() && name == CATALOG_CSV {
            let bytes = fs::read(&path).map_err(|e| unreadable(&rel, e))?;
            input.catalog_csv = Some(SourceFile { path: rel, bytes });
        } else if name.ends_with(".txt") && meta.len() > super::MAX_FILE_BYTES {
            input.too_large.push((rel, meta.len()));
        } else if name.ends_with(".txt") {
            let bytes = if read_files {
                fs::read(&path).map_err(|e| unreadable(&rel, e))?
            } else {
                Vec::new()
            };
            input.files.push(SourceFile { path: rel, bytes });
        } else {
            input.skipped.push((
                rel,
                "not a .txt file (corpus files must end in .txt)".into(),
            ));
        }
    }
    Ok(())
}
