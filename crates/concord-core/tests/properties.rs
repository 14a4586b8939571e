//! Property tests of the search engine (proptest), run briefly in `make test`:
//! the parser never panics; highlight ranges are in bounds, on char boundaries, ordered and
//! apart; `a OR b` holds everything `a` and `b` hold; `a -b` nothing of `b`; a phrase
//! matches exactly the statements where it is highlighted.

use concord_core::corpus::{build, folder};
use concord_core::index::Index;
use concord_core::model::Corpus;
use concord_core::query::{parse, Filters, Searcher, Sort};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn seeds() -> &'static (Corpus, Index) {
    static S: OnceLock<(Corpus, Index)> = OnceLock::new();
    S.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let corpus = build(&folder::read(&root).unwrap()).unwrap().0;
        let index = Index::build(&corpus);
        (corpus, index)
    })
}

fn matches(q: &str) -> BTreeSet<u32> {
    let (corpus, index) = seeds();
    let r = Searcher::new(corpus, index).search(&parse(q), &Filters::default(), Sort::Relevance);
    r.documents
        .iter()
        .flat_map(|d| d.statements.iter().map(|h| h.stmt))
        .collect()
}

/// Words of the seed corpus (some stemmed together, one with a curly apostrophe).
const WORDS: &[&str] = &[
    "china",
    "palestine",
    "two-state",
    "solution",
    "xi",
    "abbas",
    "peace",
    "core",
    "interests",
    "1967",
    "borders",
    "gaza",
    "China’s",
    "just",
    "lasting",
    "support",
    "syria",
    "oman",
];

/// Well-formed field filters.
const FIELDS: &[&str] = &[
    "speaker:xi-jinping",
    "country:oman",
    "stance:supports",
    "year:2023",
    "after:2023-06",
    "before:2021",
];

/// Query-ish text: words of the corpus, operators, quotes, parentheses, fields, junk.
fn query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(WORDS.to_vec()).prop_map(String::from),
        prop::sample::select(vec![
            "OR", "AND", "NOT", "-", "(", ")", "\"", "“", "”", "*", ":"
        ])
        .prop_map(String::from),
        prop::sample::select(FIELDS.to_vec()).prop_map(String::from),
        // Malformed fields too.
        prop::sample::select(vec!["kind:", "year:x"]).prop_map(String::from),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.join(" "))
}

/// Well-formed queries: words, quoted phrases, prefixes, fields, exclusions, groups.
fn clean_query() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(WORDS.to_vec()).prop_map(String::from),
        prop::sample::select(vec![
            "\"two-state solution\"",
            "\"core interests\"",
            "\"peace process\"",
            "negoti*",
            "palestin*"
        ])
        .prop_map(String::from),
        prop::sample::select(FIELDS.to_vec()).prop_map(String::from),
    ];
    let term = (leaf, prop::bool::weighted(0.2))
        .prop_map(|(t, neg)| if neg { format!("-{t}") } else { t });
    let group = prop::collection::vec(term, 1..4).prop_map(|v| v.join(" "));
    prop::collection::vec(group, 1..3).prop_map(|v| {
        // At least one positive term, so the query is not a pure exclusion.
        let q = v
            .iter()
            .map(|g| format!("({g})"))
            .collect::<Vec<_>>()
            .join(" OR ");
        format!("{q} china OR peace")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_parser_never_panics_on_anything(input in "\\PC{0,60}") {
        let q = parse(&input);
        let len = input.chars().count();
        for p in &q.problems {
            prop_assert!(p.start <= p.end && p.end <= len, "{p:?} in {len} chars");
        }
    }

    #[test]
    fn search_and_highlights_never_panic_and_stay_in_bounds(q in query()) {
        let (corpus, index) = seeds();
        let searcher = Searcher::new(corpus, index);
        let parsed = parse(&q);
        let r = searcher.search(&parsed, &Filters::default(), Sort::Relevance);
        for d in &r.documents {
            for h in &d.statements {
                let st = &index.statements[h.stmt as usize];
                let text = &corpus.documents[st.doc as usize].paragraph(st.p).unwrap().text;
                let marks = searcher.highlights(&parsed, h.stmt);
                let mut last_end = 0;
                for m in &marks {
                    prop_assert!(m.start < m.end && m.end <= text.len());
                    prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    prop_assert!(m.start >= last_end, "ordered and apart: {marks:?}");
                    prop_assert!(m.term < parsed.legend.len());
                    last_end = m.end;
                }
                let snip = searcher.snippet(h.stmt, &marks, 12);
                prop_assert!(snip.start <= snip.end && snip.end <= text.len());
                prop_assert!(text.is_char_boundary(snip.start) && text.is_char_boundary(snip.end));
                // The window holds as many highlights as the best 12-word window, counted
                // the slow way.
                let inside = |lo: usize, hi: usize| {
                    marks.iter().filter(|m| m.start >= lo && m.end <= hi).count()
                };
                let words = Index::ranges(text);
                let best = if words.len() <= 12 {
                    marks.len()
                } else {
                    (0..=words.len() - 12)
                        .map(|i| inside(words[i].start, words[i + 11].end))
                        .max()
                        .unwrap_or(0)
                };
                prop_assert_eq!(inside(snip.start, snip.end), best, "{:?} of {:?}", snip, marks);
            }
        }
        let rows = searcher.kwic(&parsed, &r, 5, usize::MAX);
        // Counted from the postings as found in the words; the first lines of all.
        prop_assert_eq!(searcher.hit_count(&parsed, &r), rows.len());
        let half = rows.len() / 2;
        prop_assert_eq!(&searcher.kwic(&parsed, &r, 5, half)[..], &rows[..half]);
        for row in rows {
            prop_assert!(!row.keyword.is_empty());
        }
    }

    #[test]
    fn or_holds_both_sides(a in clean_query(), b in clean_query()) {
        let (ma, mb) = (matches(&format!("({a})")), matches(&format!("({b})")));
        let both = matches(&format!("({a}) OR ({b})"));
        // For well-formed queries: each side has terms and nothing needed repair (a repair,
        // such as closing a quote, or dropping an OR with an empty side, changes the query).
        let clean = |q: &str| {
            let p = parse(q);
            p.problems.is_empty() && p.expr.is_some()
        };
        prop_assume!(clean(&a) && clean(&b) && clean(&format!("({a}) OR ({b})")));
        prop_assert!(ma.is_subset(&both), "{a:?} ⊄ {a:?} OR {b:?}");
        prop_assert!(mb.is_subset(&both), "{b:?} ⊄ {a:?} OR {b:?}");
    }

    #[test]
    fn exclusion_removes_everything_excluded(a in clean_query(), w in prop::sample::select(vec!["china", "palestine", "peace", "xi"])) {
        prop_assume!(parse(&a).problems.is_empty());
        let without = matches(&format!("({a}) -{w}"));
        let all_a = matches(&format!("({a})"));
        prop_assert!(without.is_disjoint(&matches(w)));
        prop_assert!(without.is_subset(&all_a));
    }

    /// Phrases are matched on the index's position lists, and highlighted by reading each
    /// statement's tokens: the two must find the same statements.
    #[test]
    fn a_phrase_matches_exactly_where_it_is_highlighted(words in prop::collection::vec(prop::sample::select(WORDS), 1..4)) {
        let q = format!("\"{}\"", words.join(" "));
        let (corpus, index) = seeds();
        let searcher = Searcher::new(corpus, index);
        let parsed = parse(&q);
        let found = matches(&q);
        for s in 0..index.statements.len() as u32 {
            let marked = !searcher.highlights(&parsed, s).is_empty();
            prop_assert_eq!(marked, found.contains(&s), "{} in statement {}", q, s);
        }
    }
}
