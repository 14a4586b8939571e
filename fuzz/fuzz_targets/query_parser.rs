//! Any text as a query: parsing never panics, searching the seeds with it never panics, and
//! every highlight is in bounds and on character boundaries.
#![no_main]

use concord_core::index::Index;
use concord_core::model::Corpus;
use concord_core::query::{parse, Filters, Searcher, Sort};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn seeds() -> &'static (Corpus, Index) {
    static S: OnceLock<(Corpus, Index)> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let corpus = concord_core::corpus::build(&concord_core::corpus::folder::read(&dir).unwrap())
            .unwrap()
            .0;
        let index = Index::build(&corpus);
        (corpus, index)
    })
}

fuzz_target!(|q: &str| {
    let (corpus, index) = seeds();
    let query = parse(q);
    let searcher = Searcher::new(corpus, index);
    let results = searcher.search(&query, &Filters::default(), Sort::Relevance);
    for d in results.documents.iter().take(3) {
        for h in d.statements.iter().take(3) {
            let text = searcher.text(h.stmt);
            for hl in searcher.highlights(&query, h.stmt) {
                assert!(hl.start < hl.end && hl.end <= text.len());
                assert!(text.is_char_boundary(hl.start) && text.is_char_boundary(hl.end));
            }
        }
    }
});
