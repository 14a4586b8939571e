//! The compact form of a [`Corpus`] that `build.rs` embeds in the app: a short header
//! (magic bytes and a format version) followed, in [postcard](https://docs.rs/postcard)
//! (serde's compact binary format), by the corpus, its folding table ([`FoldTable`]) and
//! its analysed statements ([`IndexData`]) and its formulations ([`Formula`], found at build
//! time because finding them reads every word sequence of the corpus). Decoding installs the table, so the app folds
//! query words as the corpus's were; the app builds its index from the analysed statements
//! without reading text again.
//!
//! The header lets the app refuse, with a clear message, bytes written by another version
//! of this crate instead of misreading them.

use crate::compare::formulas::Formula;
#[cfg(feature = "build")]
use crate::index::Index;
use crate::index::IndexData;
use crate::model::Corpus;
use crate::text::fold::{self, FoldTable};
use std::fmt;

/// Leading bytes of every embedded corpus.
pub const MAGIC: &[u8; 7] = b"CONCORD";
/// Bumped whenever the model's serialized shape changes.
pub const VERSION: u8 = 4;

/// Serializes `corpus` with the header.
///
/// ```
/// use concord_core::{embed, model::Corpus};
/// let bytes = embed::encode(&Corpus::default());
/// assert_eq!(embed::decode(&bytes).unwrap().corpus, Corpus::default());
/// ```
#[cfg(feature = "build")]
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    let index = Index::analyse(corpus);
    let formulas = crate::compare::formulas::find(&Index::from_data(index.clone()));
    postcard::to_extend(&(corpus, fold_table(corpus), index, formulas), out)
        .expect("serializing to a Vec cannot fail")
}

/// The folding table for every character the corpus's text folds to.
#[cfg(feature = "build")]
pub fn fold_table(corpus: &Corpus) -> FoldTable {
    let mut seen = std::collections::HashSet::new();
    let texts = corpus.documents.iter().flat_map(|d| {
        d.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .chain([d.title.as_str()])
    });
    for c in texts.flat_map(str::chars).filter(|c| !c.is_ascii()) {
        seen.insert(c);
    }
    let mut alphabet = std::collections::HashSet::new();
    let mut buf = String::new();
    for c in seen {
        buf.clear();
        fold::fold_char_exact(c, &mut buf);
        alphabet.extend(buf.chars());
    }
    FoldTable::for_alphabet(alphabet)
}

/// Why embedded bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes do not start with [`MAGIC`].
    NotACorpus,
    /// Written by another format version.
    Version { found: u8 },
    /// The body is damaged or truncated.
    Damaged(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotACorpus => write!(f, "the embedded data is not a Concord corpus"),
            DecodeError::Version { found } => write!(
                f,
                "the embedded corpus has format version {found}, this build reads version {VERSION}; rebuild the app"
            ),
            DecodeError::Damaged(why) => write!(f, "the embedded corpus is damaged: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// What [`decode`] reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    pub corpus: Corpus,
    /// The corpus's statements, analysed for [`Index::from_data`].
    pub index: IndexData,
    pub formulas: Vec<Formula>,
}

/// Reads bytes written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Embedded, DecodeError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(DecodeError::NotACorpus)?;
    let (&version, body) = rest.split_first().ok_or(DecodeError::NotACorpus)?;
    if version != VERSION {
        return Err(DecodeError::Version { found: version });
    }
    let (corpus, table, index, formulas): (Corpus, FoldTable, IndexData, Vec<Formula>) =
        postcard::from_bytes(body).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    fold::install(table);
    Ok(Embedded {
        corpus,
        index,
        formulas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_bytes_are_refused() {
        assert_eq!(decode(b"nope"), Err(DecodeError::NotACorpus));
        assert_eq!(
            decode(b"CONCORD\x09"),
            Err(DecodeError::Version { found: 9 })
        );
        assert!(matches!(
            decode(b"CONCORD\x04\xff\xff"),
            Err(DecodeError::Damaged(_))
        ));
    }
}
