//! Any set of files and any catalogs (TOML and CSV): building the corpus never panics; a corpus that builds
//! has one document per file, and its embedded form gives it back exactly.
#![no_main]

use concord_core::corpus::{build, Input, SourceFile};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Files {
    files: Vec<(String, Vec<u8>)>,
    catalog: Option<String>,
    catalog_csv: Option<String>,
}

fuzz_target!(|f: Files| {
    let mut input = Input::default();
    for (name, bytes) in f.files.into_iter().take(8) {
        input.files.push(SourceFile {
            path: format!("{}.txt", name.replace(['/', '\0'], "_")),
            bytes,
        });
    }
    input.files.sort_by(|a, b| a.path.cmp(&b.path));
    input.files.dedup_by(|a, b| a.path == b.path);
    input.catalog = f.catalog.map(|c| SourceFile {
        path: "catalog.toml".into(),
        bytes: c.into_bytes(),
    });
    input.catalog_csv = f.catalog_csv.map(|c| SourceFile {
        path: "catalog.csv".into(),
        bytes: c.into_bytes(),
    });
    if let Ok((corpus, report)) = build(&input) {
        assert_eq!(corpus.documents.len(), input.files.len());
        assert_eq!(report.documents.len(), input.files.len());
        let embedded = concord_core::embed::decode(&concord_core::embed::encode(&corpus)).unwrap();
        assert_eq!(embedded.corpus, corpus);
    }
});
