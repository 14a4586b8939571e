//! The compact form of a [`Corpus`] that `build.rs` embeds in the app: a short header
//! (magic bytes and a format version) followed, in [postcard](https://docs.rs/postcard)
//! (serde's compact binary format), by
//!
//! - the corpus without its paragraph texts, its folding table ([`FoldTable`]), its analysed
//!   statements without their word ids ([`IndexData`]) and its formulations ([`Formula`],
//!   found at build time because finding them reads every word sequence of the corpus);
//! - the text as **columns**: the distinct tokens (surface forms, most frequent first) with
//!   each one's folded word id, the distinct gaps between tokens (`" "`, `", "`, …), and for
//!   every paragraph its token count, then one stream of token ids and one of gap ids
//!   (LEB128 varints, as postcard writes integers).
//!
//! Each paragraph's text is the concatenation of its gaps and tokens, so it comes back byte
//! for byte; each statement's word ids are its tokens' folded ids, so the index is rebuilt
//! without tokenizing, folding or stemming. Token and gap ids compress better than the text
//! they stand for (the corpus travels gzip-compressed), and the text is never stored twice.
//!
//! The header lets the app refuse, with a clear message, bytes written by another version
//! of this crate instead of misreading them; damaged bytes are an error, never a panic.

use crate::compare::formulas::Formula;
#[cfg(feature = "build")]
use crate::index::Index;
use crate::index::IndexData;
use crate::model::Corpus;
use crate::text::fold::FoldTable;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Leading bytes of every embedded corpus.
pub const MAGIC: &[u8; 7] = b"CONCORD";
/// Bumped whenever the serialized shape changes.
pub const VERSION: u8 = 10;

/// The serialized body (after the header).
#[derive(Serialize, Deserialize)]
struct Packed<'a> {
    /// The corpus with every paragraph's text left empty.
    corpus: Corpus,
    table: FoldTable,
    /// The analysed statements with `toks` and `tok_start` left empty.
    index: IndexData,
    formulas: Vec<Formula>,
    #[serde(borrow)]
    text: Columns<'a>,
}

/// The corpus's paragraph texts as token and gap ids (see the module).
#[derive(Serialize, Deserialize)]
struct Columns<'a> {
    /// Distinct tokens, most frequent first (so that frequent ids take one byte).
    #[serde(borrow)]
    tokens: Vec<&'a str>,
    /// Each token's word id in the index's word table; [`NOT_INDEXED`] for tokens found
    /// only outside statements (titles, headings, boilerplate).
    folded: Vec<u32>,
    /// Distinct gaps between tokens (and before the first and after the last), most
    /// frequent first.
    #[serde(borrow)]
    gaps: Vec<&'a str>,
    /// Number of tokens of every paragraph, documents and paragraphs in order.
    lengths: Vec<u32>,
    /// Token ids of every paragraph in turn, as varints.
    token_ids: &'a [u8],
    /// Gap ids, as varints: one before each token and one after a paragraph's last.
    gap_ids: &'a [u8],
}

/// [`Columns::folded`] of a token no statement has.
const NOT_INDEXED: u32 = u32::MAX;

/// Serializes `corpus` with the header.
///
/// ```
/// use concord_core::{embed, model::Corpus};
/// let bytes = embed::encode(&Corpus::default());
/// assert_eq!(embed::decode(&bytes).unwrap().corpus, Corpus::default());
/// ```
#[cfg(feature = "build")]
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    use crate::text::analyze::{fold_into, token_ranges};
    use std::collections::HashMap;

    let mut index = Index::analyse(corpus);
    let formulas = crate::compare::formulas::find(corpus, &Index::from_data(index.clone()));
    index.toks = Vec::new();
    index.tok_start = Vec::new();

    // Split every paragraph into gaps and tokens, numbering distinct strings as they come.
    fn intern<'a>(
        ids: &mut HashMap<&'a str, u32>,
        uses: &mut Vec<(u64, &'a str)>,
        s: &'a str,
    ) -> u32 {
        let next = ids.len() as u32;
        let id = *ids.entry(s).or_insert(next);
        if id == next {
            uses.push((0, s));
        }
        uses[id as usize].0 += 1;
        id
    }
    let (mut token_ids, mut gap_ids) = (HashMap::new(), HashMap::new());
    let (mut tokens, mut gaps) = (Vec::new(), Vec::new());
    let (mut token_seq, mut gap_seq, mut lengths) = (Vec::new(), Vec::new(), Vec::new());
    for p in corpus.documents.iter().flat_map(|d| &d.paragraphs) {
        let text = p.text.as_str();
        let ranges = token_ranges(text);
        lengths.push(ranges.len() as u32);
        let mut at = 0;
        for r in ranges {
            gap_seq.push(intern(&mut gap_ids, &mut gaps, &text[at..r.start]));
            token_seq.push(intern(&mut token_ids, &mut tokens, &text[r.clone()]));
            at = r.end;
        }
        gap_seq.push(intern(&mut gap_ids, &mut gaps, &text[at..]));
    }
    // Most frequent first (ties in first-seen order, so the output is deterministic).
    fn by_use(uses: Vec<(u64, &str)>) -> (Vec<&str>, Vec<u32>) {
        let order = crate::sort::order(uses.len(), |a, b| uses[b].0.cmp(&uses[a].0));
        let mut rank = vec![0u32; uses.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        (order.iter().map(|&i| uses[i as usize].1).collect(), rank)
    }
    let (tokens, token_rank) = by_use(tokens);
    let (gaps, gap_rank) = by_use(gaps);
    let varints = |seq: &[u32], rank: &[u32]| -> Vec<u8> {
        let mut out = Vec::with_capacity(seq.len() * 2);
        for &id in seq {
            out = postcard::to_extend(&rank[id as usize], out).expect("writing to a Vec");
        }
        out
    };
    let mut buf = String::new();
    let folded = tokens
        .iter()
        .map(|t| {
            fold_into(t, &mut buf);
            index
                .words
                .binary_search_by(|(w, _)| w.as_str().cmp(&buf))
                .map_or(NOT_INDEXED, |w| w as u32)
        })
        .collect();
    let columns = Columns {
        tokens,
        folded,
        gaps,
        lengths,
        token_ids: &varints(&token_seq, &token_rank),
        gap_ids: &varints(&gap_seq, &gap_rank),
    };
    let mut bare = corpus.clone();
    for p in bare.documents.iter_mut().flat_map(|d| &mut d.paragraphs) {
        p.text = String::new();
    }
    let packed = Packed {
        corpus: bare,
        table: fold_table(corpus),
        index,
        formulas,
        text: columns,
    };
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    postcard::to_extend(&packed, out).expect("serializing to a Vec cannot fail")
}

/// The folding table for every character the corpus's text folds to.
#[cfg(feature = "build")]
pub fn fold_table(corpus: &Corpus) -> FoldTable {
    let mut alphabet = Alphabet::default();
    for d in &corpus.documents {
        alphabet.add_document(d);
    }
    alphabet.fold_table()
}

/// The characters a corpus's text uses beyond ASCII, gathered a document at a time, for
/// its [`fold_table`].
#[cfg(feature = "build")]
#[derive(Debug, Clone, Default)]
pub struct Alphabet {
    seen: std::collections::HashSet<char>,
}

#[cfg(feature = "build")]
impl Alphabet {
    /// Adds the characters of `doc`'s paragraphs and title.
    pub fn add_document(&mut self, doc: &crate::model::Document) {
        let texts = doc
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .chain([doc.title.as_str()]);
        for c in texts.flat_map(str::chars).filter(|c| !c.is_ascii()) {
            self.seen.insert(c);
        }
    }

    /// The fold table of the characters added.
    pub fn fold_table(&self) -> FoldTable {
        let mut alphabet = std::collections::HashSet::new();
        let mut buf = String::new();
        for &c in &self.seen {
            buf.clear();
            crate::text::fold::fold_char_exact(c, &mut buf);
            alphabet.extend(buf.chars());
        }
        FoldTable::for_alphabet(alphabet)
    }
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
    let Packed {
        mut corpus,
        table,
        mut index,
        formulas,
        text,
    } = postcard::from_bytes(body).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    restore(&mut corpus, &mut index, &text).map_err(DecodeError::Damaged)?;
    index.fold = table;
    Ok(Embedded {
        corpus,
        index,
        formulas,
    })
}

/// Puts the paragraph texts back into `corpus` and the statements' word ids into `index`.
fn restore(corpus: &mut Corpus, index: &mut IndexData, text: &Columns) -> Result<(), String> {
    let damaged = |what: &str| format!("the text columns are inconsistent ({what})");
    let paragraphs: usize = corpus.documents.iter().map(|d| d.paragraphs.len()).sum();
    if text.lengths.len() != paragraphs || text.folded.len() != text.tokens.len() {
        return Err(damaged("lengths"));
    }
    // Statement paragraphs' token counts, to size the word-id column exactly.
    let mut first_paragraph = Vec::with_capacity(corpus.documents.len());
    let mut n = 0;
    for d in &corpus.documents {
        first_paragraph.push(n);
        n += d.paragraphs.len();
    }
    let length_of = |doc: u32, p: u32| -> Option<usize> {
        let first = *first_paragraph.get(doc as usize)?;
        let i = first + (p as usize).checked_sub(1)?;
        (i < first_paragraph
            .get(doc as usize + 1)
            .copied()
            .unwrap_or(paragraphs))
        .then(|| text.lengths[i] as usize)
    };
    let mut total = 0usize;
    for st in &index.statements {
        total += length_of(st.doc, st.p).ok_or_else(|| damaged("statement paragraph"))?;
    }
    // Every token id takes at least a byte: damaged lengths cannot ask for more memory.
    if total > text.token_ids.len() {
        return Err(damaged("lengths"));
    }
    index.toks = Vec::with_capacity(total);
    index.tok_start = Vec::with_capacity(index.statements.len() + 1);
    index.tok_start.push(0);

    let (mut token_ids, mut gap_ids) = (Varints(text.token_ids), Varints(text.gap_ids));
    let mut buf = String::new();
    // One pass: statements come in document order and, within a document, in paragraph
    // order (as the corpus builder makes them), so a paragraph is a statement's when it is
    // the next statement's, and its word ids are taken as its text is rebuilt.
    let mut next_statement = 0;
    let mut lengths = text.lengths.iter();
    for (d, doc) in corpus.documents.iter_mut().enumerate() {
        for p in &mut doc.paragraphs {
            let n = *lengths.next().ok_or_else(|| damaged("lengths"))?;
            let statement = index
                .statements
                .get(next_statement)
                .is_some_and(|st| st.doc as usize == d && st.p == p.n);
            buf.clear();
            for _ in 0..n {
                buf.push_str(pick(&text.gaps, gap_ids.next())?);
                let t = token_ids.next().ok_or_else(|| damaged("token ids"))?;
                buf.push_str(pick(&text.tokens, Some(t))?);
                if statement {
                    match text.folded[t as usize] {
                        NOT_INDEXED => return Err(damaged("a statement token without a word")),
                        w => index.toks.push(w),
                    }
                }
            }
            buf.push_str(pick(&text.gaps, gap_ids.next())?);
            p.text = buf.as_str().to_owned();
            if statement {
                index.tok_start.push(index.toks.len() as u32);
                next_statement += 1;
            }
        }
        if index
            .statements
            .get(next_statement)
            .is_some_and(|st| st.doc as usize == d)
        {
            return Err(damaged("statements out of paragraph order"));
        }
    }
    if next_statement != index.statements.len() || token_ids.0.len() + gap_ids.0.len() != 0 {
        return Err(damaged("left over"));
    }
    Ok(())
}

/// `list[id]`, or the error of a missing or out-of-range id.
fn pick<'a>(list: &[&'a str], id: Option<u32>) -> Result<&'a str, String> {
    id.and_then(|i| list.get(i as usize).copied())
        .ok_or_else(|| "the text columns are inconsistent (an id out of range)".to_string())
}

/// Reads varints off a byte slice: LEB128, as postcard writes `u32`s (seven bits a byte, low
/// first, the high bit set on every byte but the last). Written out here because decoding
/// 2 million of them one `postcard::take_from_bytes` call at a time was most of start-up.
/// Stops at the end of the bytes or at a malformed value (more than five bytes, or bits
/// beyond 32).
struct Varints<'a>(&'a [u8]);

impl Iterator for Varints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let mut value = 0u32;
        for (i, &byte) in self.0.iter().enumerate().take(5) {
            let bits = u32::from(byte & 0x7f);
            if i == 4 && bits > 0x0f {
                return None;
            }
            value |= bits << (7 * i);
            if byte & 0x80 == 0 {
                self.0 = &self.0[i + 1..];
                return Some(value);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_bytes_are_refused() {
        assert_eq!(decode(b"nope"), Err(DecodeError::NotACorpus));
        assert_eq!(
            decode(&[&MAGIC[..], &[VERSION + 1]].concat()),
            Err(DecodeError::Version { found: VERSION + 1 })
        );
        assert!(matches!(
            decode(&[&MAGIC[..], &[VERSION, 0xff, 0xff]].concat()),
            Err(DecodeError::Damaged(_))
        ));
    }

    fn sample() -> Vec<u8> {
        static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BYTES.get_or_init(encoded_sample).clone()
    }

    fn encoded_sample() -> Vec<u8> {
        let mut input = crate::corpus::Input::default();
        for (path, text) in [
            ("a.txt", "Talks in Lisbon\n2023-03-03\n\nThe ministers met, and Ms. Varga said: “We agree.”\n"),
            ("b.txt", "Envoy visits\n\nThe envoy said the port, closed since 2020, would reopen.\nShare this\n"),
        ] {
            input.files.push(crate::corpus::SourceFile {
                path: path.into(),
                bytes: text.as_bytes().to_vec(),
            });
        }
        encode(&crate::corpus::build(&input).unwrap().0)
    }

    /// The hand-written varint reader reads what postcard writes.
    #[test]
    fn varints_read_postcards_integers() {
        let values = [0u32, 1, 127, 128, 300, 16_383, 16_384, 1 << 21, u32::MAX];
        let mut bytes = Vec::new();
        for v in values {
            bytes = postcard::to_extend(&v, bytes).unwrap();
        }
        assert_eq!(Varints(&bytes).collect::<Vec<_>>(), values);
        // Malformed: six bytes, or bits beyond 32.
        assert_eq!(Varints(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).next(), None);
        assert_eq!(Varints(&[0xff, 0xff, 0xff, 0xff, 0x1f]).next(), None);
        assert_eq!(Varints(&[0x80]).next(), None);
    }

    #[test]
    fn a_corpus_round_trips() {
        let bytes = sample();
        let e = decode(&bytes).unwrap();
        assert_eq!(
            e.corpus.documents[0].paragraphs[2].text,
            "The ministers met, and Ms. Varga said: “We agree.”"
        );
        // The fold table comes back with the index it belongs to.
        let mut index = e.index;
        assert_eq!(index.fold, fold_table(&e.corpus));
        index.fold = FoldTable::default();
        assert_eq!(index, Index::analyse(&e.corpus));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Damaged bytes (changed, cut short) are an error or a corpus, never a panic nor a
        /// runaway allocation.
        #[test]
        fn damaged_bytes_never_panic(
            edits in proptest::collection::vec((0usize..4000, proptest::prelude::any::<u8>()), 1..8),
            cut in 0usize..4000,
        ) {
            let mut bytes = sample();
            for (at, b) in edits {
                let i = 8 + at % (bytes.len() - 8);
                bytes[i] = b;
            }
            let _ = decode(&bytes);
            bytes.truncate(8 + cut % (bytes.len() - 8));
            let _ = decode(&bytes);
        }
    }
}
