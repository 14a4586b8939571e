//! The compact form of a [`Corpus`] that `build.rs` embeds in the app: a short header
//! (magic bytes and a format version) followed by the corpus in
//! [postcard](https://docs.rs/postcard), serde's compact binary format.
//!
//! The header lets the app refuse, with a clear message, bytes written by another version
//! of this crate instead of misreading them.

use crate::model::Corpus;
use std::fmt;

/// Leading bytes of every embedded corpus.
pub const MAGIC: &[u8; 7] = b"CONCORD";
/// Bumped whenever the model's serialized shape changes.
pub const VERSION: u8 = 1;

/// Serializes `corpus` with the header.
///
/// ```
/// use concord_core::{embed, model::Corpus};
/// let bytes = embed::encode(&Corpus::default());
/// assert_eq!(embed::decode(&bytes).unwrap(), Corpus::default());
/// ```
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    postcard::to_extend(corpus, out).expect("serializing to a Vec cannot fail")
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

/// Reads bytes written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Corpus, DecodeError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(DecodeError::NotACorpus)?;
    let (&version, body) = rest.split_first().ok_or(DecodeError::NotACorpus)?;
    if version != VERSION {
        return Err(DecodeError::Version { found: version });
    }
    postcard::from_bytes(body).map_err(|e| DecodeError::Damaged(e.to_string()))
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
            decode(b"CONCORD\x01\xff\xff"),
            Err(DecodeError::Damaged(_))
        ));
    }
}
