//! The one text pipeline for search, used on statements when indexing and on query words
//! when searching, so the two can never disagree about a word.
//!
//! 1. **Tokens**: runs of letters, digits and combining marks. An apostrophe of any kind
//!    (`'` `’` `‘` `ʼ` `′`) between two letters stays inside the word (`China’s`, `China‘s`);
//!    a `.` or `,` between two digits too (`1.5`, `10,000`). Everything else separates —
//!    spaces of every kind, hyphens and dashes (`-` `–` `—`), so `two-state` is the two
//!    tokens `two` `state`, and a hyphenated query word is a phrase.
//! 2. **Folding** of each token: Unicode compatibility decomposition (NFKD: full-width
//!    forms, ligatures), lower case, diacritics removed (`Côte` → `cote`), every apostrophe
//!    to `'`.
//! 3. **Stemming**: English Snowball (Porter2, `rust-stemmers`): `negotiate`, `negotiation`
//!    and `negotiations` share the stem `negoti`; `China's` becomes `china`.
//!
//! Every token keeps the byte range of its original text; folding and stemming produce new
//! strings and never move it, so highlights are exact.

use super::fold::{fold_char_in, is_apostrophe, FoldTable};
use super::marks::is_combining_mark;
use rust_stemmers::{Algorithm, Stemmer};
use std::ops::Range;
use std::sync::OnceLock;

/// One token of analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded word, before stemming (used by prefix search).
    pub folded: String,
    /// The folded, stemmed word (used by word and phrase search).
    pub stem: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

impl Term {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Byte ranges of the tokens of `text` (rule 1).
///
/// ```
/// use concord_core::text::analyze::token_ranges;
/// let text = "China‘s two-state, 1.5%";
/// let words: Vec<&str> = token_ranges(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(words, ["China‘s", "two", "state", "1.5"]);
/// ```
pub fn token_ranges(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let joins = || {
            let prev = i.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(i + 1).map(|x| x.1);
            match (prev, next) {
                (Some(p), Some(n)) if is_apostrophe(c) => p.is_alphabetic() && n.is_alphabetic(),
                (Some(p), Some(n)) if c == '.' || c == ',' => {
                    p.is_ascii_digit() && n.is_ascii_digit()
                }
                _ => false,
            }
        };
        if is_word_char(c) || (start.is_some() && joins()) {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(s..at);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Folds one token (rule 2).
///
/// ```
/// use concord_core::text::analyze::fold;
/// assert_eq!(fold("Côte"), "cote");
/// assert_eq!(fold("CHINA’S"), "china's");
/// assert_eq!(fold("ＵＮ"), "un");
/// ```
pub fn fold(token: &str) -> String {
    fold_in(token, None)
}

/// [`fold`] with a corpus's fold table (see [`crate::text::fold`]).
pub fn fold_in(token: &str, table: Option<&FoldTable>) -> String {
    let mut out = String::new();
    fold_into_in(token, &mut out, table);
    out
}

/// [`fold`] into a buffer (cleared first), so indexing does not allocate per token. ASCII
/// tokens, the common case, only need lower-casing.
pub fn fold_into(token: &str, out: &mut String) {
    fold_into_in(token, out, None)
}

/// [`fold_into`] with a corpus's fold table.
pub fn fold_into_in(token: &str, out: &mut String, table: Option<&FoldTable>) {
    out.clear();
    if token.is_ascii() {
        out.extend(token.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    // Character by character: decomposition, case and marks never reach across
    // characters once the marks are dropped (see `fold`).
    for c in token.chars() {
        fold_char_in(c, out, table);
    }
}

/// Stems a folded token (rule 3).
pub fn stem(folded: &str) -> String {
    stemmer().stem(folded).into_owned()
}

/// Tokens of `text`, folded and stemmed, with their byte ranges.
///
/// ```
/// use concord_core::text::analyze::analyze;
/// let stems: Vec<String> = analyze("Negotiations on China’s borders").into_iter().map(|t| t.stem).collect();
/// assert_eq!(stems, ["negoti", "on", "china", "border"]);
/// ```
pub fn analyze(text: &str) -> Vec<Term> {
    analyze_in(text, None)
}

/// [`analyze`] with a corpus's fold table.
pub fn analyze_in(text: &str, table: Option<&FoldTable>) -> Vec<Term> {
    token_ranges(text)
        .into_iter()
        .map(|r| {
            let folded = fold_in(&text[r.clone()], table);
            Term {
                stem: stem(&folded),
                folded,
                start: r.start,
                end: r.end,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn every_apostrophe_is_alike() {
        let want = stems("China's");
        for v in ["China’s", "China‘s", "Chinaʼs", "China′s"] {
            assert_eq!(stems(v), want, "{v}");
        }
    }

    #[test]
    fn dashes_and_spaces_separate() {
        let want = stems("two state solution");
        for v in [
            "two-state solution",
            "two–state solution",
            "two—state\u{a0}solution",
            "two\u{2009}state\u{3000}solution",
        ] {
            assert_eq!(stems(v), want, "{v}");
        }
    }

    #[test]
    fn case_diacritics_and_compatibility_forms_fold() {
        assert_eq!(stems("SÃO TOMÉ"), stems("sao tome"));
        assert_eq!(stems("ﬁnance"), stems("finance"));
        // A decomposed é (e + combining acute) is one token and folds like é.
        assert_eq!(stems("cafe\u{301}"), stems("café"));
    }

    #[test]
    fn stemming() {
        assert_eq!(stems("negotiate negotiation negotiations"), ["negoti"; 3]);
        assert_eq!(stems("borders border"), ["border"; 2]);
    }

    #[test]
    fn ranges_point_at_the_original_words() {
        let text = "  Côte d’Ivoire\u{a0}— “1967 borders”";
        for t in analyze(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert_eq!(fold(&text[t.range()]), t.folded);
        }
        let words: Vec<&str> = token_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["Côte", "d’Ivoire", "1967", "borders"]);
    }

    #[test]
    fn apostrophes_at_word_edges_are_not_words() {
        let text = "’quoted’ Abbas’ visit";
        let words: Vec<&str> = token_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["quoted", "Abbas", "visit"]);
    }
}
