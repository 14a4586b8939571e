//! Any text as a link's query string: the app reads it without panicking, and what it makes
//! of it is stable (written out and read again, it is the same view with nothing to say).
#![no_main]

use concord::route::Route;
use concord_core::index::Index;
use concord_core::model::Corpus;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static (Corpus, Index) {
    static E: OnceLock<(Corpus, Index)> = OnceLock::new();
    E.get_or_init(|| {
        let e = concord_core::embed::decode(concord::data::CORPUS_BYTES).unwrap();
        (e.corpus, Index::from_data(e.index))
    })
}

fuzz_target!(|query: &str| {
    let (corpus, index) = engine();
    let (route, _) = Route::parse(query).0.check(corpus, index);
    let link = route.to_query();
    let (parsed, notices) = Route::parse(&link);
    assert!(notices.is_empty(), "{query:?} → {link:?}: {notices:?}");
    let (again, notices) = parsed.check(corpus, index);
    assert!(notices.is_empty(), "{query:?} → {link:?}: {notices:?}");
    assert_eq!(again, route, "{query:?} → {link:?}");
});
