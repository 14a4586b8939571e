//! What a query reads before it runs: the stems whose postings it needs. An embedded index
//! has them all; a sharded one ([`crate::shard`]) fetches their shards first, loads them
//! ([`Index::load_postings`]), then runs the query on the same code.

use super::parse::{Expr, Query};
use crate::index::Index;

/// The stems whose postings `query` reads, ascending and distinct: each word's stem, each
/// phrase's, and every stem of a prefix's words (with the word being typed's own stem),
/// negated terms included. Fields read no postings.
pub fn needs(index: &Index, query: &Query) -> Vec<u32> {
    let mut stems = Vec::new();
    if let Some(e) = &query.expr {
        walk(index, e, &mut stems);
    }
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// The statements whose words a search for `query` reads, once its stems' postings are
/// loaded: those holding a prefix's stem that also has words without the prefix
/// (`negotiation*` and the stem of "negotiate"), where matching counts only the words with
/// it, and whose postings do not say which word is at each position (postings read from
/// shards say it for every stem of at most [`crate::index::MAX_VARIANTS`] words; an index
/// built from text has every statement's words). Ascending and distinct; their documents'
/// text is fetched before the search runs.
pub fn words_read(index: &Index, query: &Query) -> Vec<u32> {
    let mut prefixes = Vec::new();
    if let Some(e) = &query.expr {
        prefixes_of(e, &mut prefixes);
    }
    let mut out = Vec::new();
    for (prefix, stem) in prefixes {
        for (k, whole) in index.prefix_stems(prefix, stem).1 {
            let postings = index.postings(k);
            if !whole && !postings.says_words() {
                out.extend_from_slice(postings.stmts);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn prefixes_of<'e>(e: &'e Expr, out: &mut Vec<(&'e str, Option<&'e str>)>) {
    match e {
        Expr::Prefix { prefix, stem, .. } => out.push((prefix, stem.as_deref())),
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| prefixes_of(e, out)),
        Expr::Not(e) => prefixes_of(e, out),
        Expr::Word { .. } | Expr::Phrase { .. } | Expr::Field(_) => {}
    }
}

fn walk(index: &Index, e: &Expr, out: &mut Vec<u32>) {
    match e {
        Expr::Word { stem, .. } => out.extend(index.stem_id(stem)),
        Expr::Phrase { stems, .. } => out.extend(stems.iter().filter_map(|s| index.stem_id(s))),
        Expr::Prefix { prefix, stem, .. } => out.extend(
            index
                .prefix_stems(prefix, stem.as_deref())
                .1
                .iter()
                .map(|(k, _)| k),
        ),
        Expr::Field(_) => {}
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| walk(index, e, out)),
        Expr::Not(e) => walk(index, e, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;

    #[test]
    fn a_query_needs_its_terms_stems() {
        let corpus = test_corpus("seeds");
        let index = Index::build(&corpus);
        let id = |s: &str| index.stem_id(s).unwrap();
        let q = index.parse("\"two-state solution\" -israel speaker:wang-yi negotiat*");
        let mut want = vec![id("two"), id("state"), id("solut"), id("israel")];
        want.extend(
            index.words[index.words_with_prefix("negotiat")]
                .iter()
                .map(|(_, k)| *k),
        );
        want.sort_unstable();
        want.dedup();
        assert_eq!(needs(&index, &q), want);
        assert!(needs(&index, &index.parse("speaker:wang-yi year:2021")).is_empty());
        assert!(needs(&index, &index.parse("")).is_empty());
    }

    /// A word being typed counts the stems it reaches whole, and so reads no text: typing a
    /// prefix that splits a stem ("securit", between "secur" and "security", with
    /// "secure" in the same stem) finds what the finished word finds, where an explicit
    /// `securit*` keeps to the words with the prefix and reads the words of the statements
    /// holding the rest of the stem (a regression: the sharded app fetched the text of
    /// every statement of a common stem for a half-typed word).
    #[test]
    fn a_word_being_typed_reads_no_text() {
        let corpus = test_corpus("seeds");
        let index = Index::build(&corpus);
        let searcher = crate::Searcher::new(&corpus, &index);
        // A word and a prefix of it that splits its stem: the stem has a word without it.
        let (word, prefix) = index
            .words
            .iter()
            .find_map(|(w, k)| {
                let words: Vec<&str> = index
                    .stem_words(*k)
                    .iter()
                    .map(|&i| index.words[i as usize].0.as_str())
                    .collect();
                (1..w.len())
                    .filter(|&n| w.is_char_boundary(n))
                    .map(|n| &w[..n])
                    .find(|p| words.iter().any(|x| !x.starts_with(p)))
                    .map(|p| (w.clone(), p.to_string()))
            })
            .expect("a stem of the seeds with words of two shapes");
        let typed = index.parse_typed(&prefix);
        let finished = index.parse_typed(&word);
        let explicit = index.parse(&format!("{prefix}*"));
        assert!(words_read(&index, &typed).is_empty(), "{prefix}");
        assert!(!words_read(&index, &explicit).is_empty(), "{prefix}*");
        let matching = |q: &super::Query| searcher.matching(q, &Default::default());
        let stem_whole = matching(&finished);
        for k in index.prefix_stems(&prefix, None).1.iter().map(|(k, _)| *k) {
            let all: Vec<u32> = index.postings(k).stmts.to_vec();
            assert!(
                all.iter().all(|s| matching(&typed).contains(s)),
                "{prefix}: stem {k}"
            );
        }
        assert!(
            stem_whole.iter().all(|s| matching(&typed).contains(s)),
            "{prefix} / {word}"
        );
        assert!(
            matching(&explicit).len() < matching(&typed).len(),
            "{prefix}"
        );
    }
}
