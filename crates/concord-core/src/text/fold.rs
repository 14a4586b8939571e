//! Folding one character — the rule under every comparison of words: Unicode compatibility
//! decomposition (NFKD), lower case, combining marks dropped, every apostrophe to `'`.
//!
//! Natively (feature `build`) the rule is computed with `unicode-normalization`. The app
//! does not carry that crate's tables (about 95 kB, the largest part of the download):
//! when the corpus is built, [`FoldTable::for_alphabet`] (through `embed::fold_table`)
//! writes down how every character folds whose folding goes beyond lower case *and* lands
//! in the corpus's own alphabet, and the app folds with that table, which the index holds
//! (`Index::fold`, passed to [`fold_char_in`]). A character outside it folds to its lower
//! case in the app; its true folding holds a character no word of the corpus has, so words
//! containing it match nothing either way — the results are the same.

use serde::{Deserialize, Serialize};

/// Apostrophe variants, all folded to `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}'
    )
}

/// How the app folds a non-ASCII character its corpus's table does not hold: every
/// apostrophe alike, anything else as it is. (Any other character whose folding lands in the
/// corpus's alphabet is in the table, so this one matches no word either way; the app
/// carries no Unicode case table.)
#[cfg(any(not(feature = "build"), test))]
fn unlisted(c: char, out: &mut String) {
    if is_apostrophe(c) {
        out.push('\'');
    } else {
        out.push(c);
    }
}

/// The full rule, with `unicode-normalization`.
#[cfg(feature = "build")]
pub fn fold_char_exact(c: char, out: &mut String) {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut buf = [0u8; 4];
    let lower: String = c
        .encode_utf8(&mut buf)
        .nfkd()
        .flat_map(char::to_lowercase)
        .collect();
    for d in lower.nfd().filter(|d| !is_combining_mark(*d)) {
        if is_apostrophe(d) {
            out.push('\'');
        } else {
            out.push(d);
        }
    }
}

/// Appends the folding of `c` to `out` (without a corpus's table: see [`fold_char_in`]).
pub fn fold_char(c: char, out: &mut String) {
    fold_char_in(c, out, None)
}

/// Appends the folding of `c` to `out`: natively by the full rule, in the app by the
/// corpus's `table` (or plain lower case for a character it does not hold).
pub fn fold_char_in(c: char, out: &mut String, table: Option<&FoldTable>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    #[cfg(feature = "build")]
    {
        let _ = table;
        fold_char_exact(c, out);
    }
    #[cfg(not(feature = "build"))]
    match table.and_then(|t| t.get(c)) {
        Some(folded) => out.push_str(folded),
        None => unlisted(c, out),
    }
}

/// How the characters that matter for one corpus fold (see the module).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoldTable {
    /// Ascending.
    chars: Vec<char>,
    /// `folded[ends[i - 1]..ends[i]]` is the folding of `chars[i]`.
    ends: Vec<u32>,
    folded: String,
}

impl FoldTable {
    /// The folding of `c`, when the table has it.
    pub fn get(&self, c: char) -> Option<&str> {
        let i = self.chars.binary_search(&c).ok()?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.folded.get(start..self.ends[i] as usize)
    }

    /// Number of characters in the table.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The table for a corpus whose folded words use the characters `alphabet` (ASCII
    /// letters, digits and `'` are always included): every non-ASCII character whose
    /// folding is not itself and is made of alphabet characters only (or is empty, as for
    /// combining marks). Plain lower case is in it too (`Д` → `д` for a Russian corpus), so
    /// the app folds with no Unicode table of its own.
    #[cfg(feature = "build")]
    pub fn for_alphabet(alphabet: impl IntoIterator<Item = char>) -> FoldTable {
        // (The scan of every code point is done once per process: `special_chars`.)
        let mut known: std::collections::HashSet<char> = alphabet.into_iter().collect();
        known.extend(('a'..='z').chain('0'..='9').chain(['\'']));
        let mut table = FoldTable::default();
        for (c, exact) in special_chars() {
            if exact.chars().all(|x| known.contains(&x)) {
                table.chars.push(*c);
                table.folded.push_str(exact);
                table.ends.push(table.folded.len() as u32);
            }
        }
        table
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    #[test]
    fn the_table_folds_like_the_rule_for_its_alphabet() {
        let table = FoldTable::for_alphabet("абвгдежзийклмнопрстуфхцчшщъыьэюя".chars());
        assert!(table.len() > 1000, "{}", table.len());
        for (c, want) in [
            ('É', "e"),
            ('ﬁ', "fi"),
            ('Ａ', "a"),
            ('\u{0301}', ""),
            ('Й', "и"),
            ('\u{212A}', "k"), // the Kelvin sign (ASCII folds before the table)
            ('Д', "д"),
            ('д', "д"),
            ('’', "'"),
        ] {
            let mut exact = String::new();
            fold_char_exact(c, &mut exact);
            assert_eq!(exact, want, "{c}");
            let got = table.get(c).map_or_else(
                || {
                    let mut s = String::new();
                    unlisted(c, &mut s);
                    s
                },
                str::to_string,
            );
            assert_eq!(got, want, "{c}");
        }
        // Outside the alphabet: not in the table (its folding has a Greek letter).
        assert_eq!(table.get('Ά'), None);
    }
}

/// Every non-ASCII character whose full fold is not itself, with its full fold, in code
/// point order: found once by scanning all of Unicode (the candidates of
/// [`FoldTable::for_alphabet`]).
#[cfg(feature = "build")]
fn special_chars() -> &'static [(char, String)] {
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};
    static CHARS: std::sync::OnceLock<Vec<(char, String)>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        // A character folds to something else only if it has another lower case, or it
        // or its lower case decomposes or is a mark: a quick test before the full rule.
        let decomposes = |c: char| {
            let mut other = false;
            decompose_compatible(c, |d| other |= d != c);
            other || is_combining_mark(c)
        };
        let mut out = Vec::new();
        let mut exact = String::new();
        let mut own = [0u8; 4];
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let cased = !c.to_lowercase().eq(std::iter::once(c));
            if !cased && !decomposes(c) && !c.to_lowercase().any(decomposes) && !is_apostrophe(c) {
                continue;
            }
            exact.clear();
            fold_char_exact(c, &mut exact);
            if exact != *c.encode_utf8(&mut own) {
                out.push((c, exact.clone()));
            }
        }
        out
    })
}
