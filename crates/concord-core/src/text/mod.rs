//! Every text-handling rule in one place: how text is split into tokens, how quotes and
//! apostrophes are treated, how names become slugs, and the word lists ([`lexicon`]) and
//! gazetteer ([`gazetteer`]) that the corpus rules consult.
//!
//! Tokens keep their byte range in the original string, and no rule here rewrites the
//! original: folding (quotes, case, diacritics) happens on copies used for comparison only.

pub mod analyze;
pub mod fold;
pub mod gazetteer;
pub mod lexicon;
pub mod marks;
#[cfg(feature = "build")]
pub mod stance;

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// A word or punctuation mark, with its byte range in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits (UAX #29 word, so `China’s` and `3-point`'s parts are words).
    Word,
    /// Anything else that is not white space: punctuation, quotes, symbols.
    Punct,
}

impl Token<'_> {
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// True for a word whose first character is upper case.
    pub fn is_capitalized(&self) -> bool {
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True when this is the punctuation mark `c` (quotes folded: `’` is `'`, `”` is `"`).
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.chars().map(fold_quote).eq([c])
    }

    /// True for any opening or closing quotation mark, straight or curly.
    pub fn is_quote(&self) -> bool {
        self.kind == TokenKind::Punct && self.text.chars().map(fold_quote).eq(['"'])
    }

    /// True for a mark that ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        self.kind == TokenKind::Punct && matches!(self.text, "." | "!" | "?" | "…")
    }
}

/// Splits `text` into words and punctuation marks (white space dropped), by Unicode word
/// boundaries (UAX #29).
///
/// ```
/// use concord_core::text::tokens;
/// let t: Vec<&str> = tokens("“Yes,” Xi said.").iter().map(|t| t.text).collect();
/// assert_eq!(t, ["“", "Yes", ",", "”", "Xi", "said", "."]);
/// ```
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, s)| !s.chars().all(char::is_whitespace))
        .map(|(start, s)| Token {
            text: s,
            start,
            kind: if s.chars().any(char::is_alphanumeric) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            },
        })
        .collect()
}

/// Number of words in `text`.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Folds every apostrophe and quotation-mark variant to `'` or `"`; other characters pass.
pub fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        c => c,
    }
}

/// The form used to compare names: quotes and dashes folded, white space collapsed,
/// diacritics removed, case kept.
///
/// ```
/// use concord_core::text::name_key;
/// assert_eq!(name_key("Côte d’Ivoire"), name_key("Cote d'Ivoire"));
/// ```
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        let c = match fold_quote(c) {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// A lower-case slug for links, folded like search words ([`fold`]): `Bashar al-Assad` →
/// `bashar-al-assad`.
///
/// ```
/// use concord_core::text::slug;
/// assert_eq!(slug("Sayyid Badr Albusaidi"), "sayyid-badr-albusaidi");
/// assert_eq!(slug("  Côte d’Ivoire "), "cote-d-ivoire");
/// ```
pub fn slug(s: &str) -> String {
    slug_in(s, None)
}

/// [`slug`] with a corpus's fold table (in the app: see [`fold`]).
pub fn slug_in(s: &str, table: Option<&fold::FoldTable>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut folded = String::new();
    for c in s.chars() {
        folded.clear();
        fold::fold_char_in(c, &mut folded, table);
        for f in folded.chars() {
            if f.is_alphanumeric() {
                out.push(f);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// True for a syntactically valid slug: lower-case letters, digits and single inner hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_lowercase())
}

fn is_combining_mark(c: char) -> bool {
    // Combining Diacritical Marks and its supplements: what NFKD splits off accented letters.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Splits a text into sentences, as ranges of indexes into `words` (its word ranges, from
/// [`analyze::token_ranges`]). A sentence ends at a word followed by `.` `!` `?` or `…`
/// (closing quotes and brackets may follow) when the next word does not start in lower case,
/// unless the word is a single letter (an initial, `U.S.`) or an abbreviation from
/// [`lexicon::ABBREVIATIONS`] followed by `.`. Every word is in exactly one sentence.
///
/// ```
/// use concord_core::text::{analyze::token_ranges, sentences};
/// let text = "Mr. Xi met U.S. envoys. “Peace,” he said! Talks resume.";
/// let words = token_ranges(text);
/// let s: Vec<&str> = sentences(text, &words)
///     .into_iter()
///     .map(|r| &text[words[r.start].start..words[r.end - 1].end])
///     .collect();
/// assert_eq!(s, ["Mr. Xi met U.S. envoys", "Peace,” he said", "Talks resume"]);
/// ```
pub fn sentences(text: &str, words: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let Some(next) = words.get(i + 1) else {
            break;
        };
        let gap = &text[words[i].end..next.start];
        let Some(stop) = gap.find(['.', '!', '?', '…']) else {
            continue;
        };
        let next_lower = text[next.clone()]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let word = &text[words[i].clone()];
        let abbreviation = gap[stop..].starts_with('.')
            && (word.chars().count() == 1
                || lexicon::ABBREVIATIONS.contains(&analyze::fold(word).as_str()));
        if !next_lower && !abbreviation {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < words.len() {
        out.push(start..words.len());
    }
    out
}

/// Trims a line and collapses inner runs of white space (including no-break spaces) to one
/// space. Used for titles, which are shown on one line.
pub fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_byte_ranges() {
        let text = "Xi said: “China‘s core interests.”";
        for t in tokens(text) {
            assert_eq!(&text[t.range()], t.text);
        }
    }

    #[test]
    fn curly_and_straight_quotes_are_alike() {
        let a = tokens("“x”");
        assert!(a[0].is_quote() && a[2].is_quote());
        assert!(tokens("\"")[0].is_quote());
        assert!(tokens("’")[0].is_punct('\''));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Xi Jinping"), "xi-jinping");
        assert_eq!(slug("Bashar al-Assad"), "bashar-al-assad");
        assert_eq!(slug("---"), "");
        assert!(is_slug("wang-yi"));
        assert!(!is_slug("Wang Yi"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn name_keys_fold_quotes_dashes_and_space() {
        assert_eq!(name_key("People’s  Republic"), "People's Republic");
        assert_eq!(name_key("al\u{2013}Assad"), "al-Assad");
        assert_eq!(name_key("Albusaidi "), "Albusaidi");
    }

    #[test]
    fn collapse() {
        assert_eq!(collapse_space(" date\u{a0} 2023  x "), "date 2023 x");
    }
}
