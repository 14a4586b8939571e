//! The sharded form of a corpus: the index written as static files that the app fetches on
//! demand, for corpora too big to travel inside the module (ARCHITECTURE.md, "Past one
//! download", has the whole design).
//!
//! - a **manifest** ([`Manifest`]), loaded first: the corpus's skeleton (documents without
//!   their text), the packs, and the directory of every shard (its kind, the first key it
//!   holds, where it is, its length and hash);
//! - **shards**, each a postcard value: postings of a range of stems ([`postings`]), the
//!   text of a run of documents ([`text`]);
//! - **packs**: the shards laid end to end in a few large files, read with HTTP `Range`
//!   requests; and every shard again as a file of its own (`chunk/<hash>.bin`), for hosts
//!   that ignore `Range` (unless the build's [`Layout`] leaves them out).
//!
//! Shards are stored deflated (raw deflate): text, word ids and postings all shrink (text
//! about 3.5 times). Every file is named by a hash of its bytes, so a cache never serves a stale one, and
//! every shard read is checked against the hash the manifest gives ([`Manifest::check`]):
//! a damaged or truncated shard is an error naming the shard and its file, never a misread.

pub mod load;
pub mod postings;
pub mod table;
pub mod text;

pub use load::{read_fetched, runs, Loader, Need, Run};
pub use table::Table;

#[cfg(feature = "build")]
mod pack;
#[cfg(feature = "build")]
pub use pack::{build, write, write_laid_out, Layout, Source, Whole, Written, PACK_MAX};

use crate::index::Index;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Leading bytes of a manifest.
pub const MAGIC: &[u8; 8] = b"CONCORDS";
/// Bumped whenever the manifest's or a shard's serialized shape changes.
pub const VERSION: u8 = 10;

/// The most bytes a manifest inflates to (a guard against a damaged one).
const MANIFEST_MAX: usize = 256 * 1024 * 1024;

/// What a shard holds, and so what its [`ShardRef::first`] key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// The index's tables ([`table::Table`]): one shard, read at start-up.
    Table,
    /// Postings of a range of stems ([`postings::Shard`]); the key is a stem id.
    Postings,
    /// The text of a run of documents ([`text::Shard`]); the key is a document id.
    Text,
    /// The corpus's formulations (`Vec<`[`crate::Formula`]`>`, found at build time): one
    /// shard, read when a view lists or counts them.
    Formulas,
}

impl Kind {
    /// The kind's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Table => "table",
            Kind::Postings => "postings",
            Kind::Text => "text",
            Kind::Formulas => "formulations",
        }
    }
}

/// A content hash: xxh3, 64 bits. Plenty to tell apart the few thousand files of a corpus
/// and to catch a damaged shard (a chance of 2⁻⁶⁴ to miss one); not a defence against an
/// attacker. It is a third of a manifest's directory, so no wider than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Digest(pub u64);

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(xxhash_rust::xxh3::xxh3_64(bytes))
    }
}

impl fmt::Display for Digest {
    /// 16 lowercase hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    /// Its file name (`pack-<hash>.bin`), relative to the manifest's folder.
    pub name: String,
    pub len: u64,
}

/// Where a shard is, and how to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    pub kind: Kind,
    /// The first key the shard holds (for postings, a stem id).
    pub first: u32,
    /// For postings: which of `first`'s postings is the first held here (0 unless the shard
    /// continues a stem too big for one shard: it then spans several consecutive shards,
    /// cut between postings).
    pub from: u32,
    /// Index into [`Manifest::packs`].
    pub pack: u32,
    /// Byte offset in the pack. Not stored: shards lie end to end in their pack, in
    /// directory order, so [`Manifest::decode`] adds up the lengths before it.
    #[serde(skip)]
    pub offset: u64,
    /// Bytes stored (deflated), and bytes once inflated.
    pub len: u32,
    pub raw: u32,
    /// The hash of the stored bytes.
    pub hash: Digest,
}

impl ShardRef {
    /// The name of the shard's own file, the fallback to its pack (`chunk/<hash>.bin`).
    pub fn chunk_name(&self) -> String {
        format!("chunk/{}.bin", self.hash)
    }

    /// The `Range` header value that reads it from its pack.
    pub fn range(&self) -> String {
        format!(
            "bytes={}-{}",
            self.offset,
            self.offset + u64::from(self.len).max(1) - 1
        )
    }
}

/// The directory of a sharded corpus (see the module).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The corpus without its documents' text ([`text::skeleton`]).
    pub corpus: crate::model::Corpus,
    pub packs: Vec<Pack>,
    /// Every shard, by kind (the table, postings in stem order, text in document order,
    /// then the formulations).
    pub shards: Vec<ShardRef>,
    /// Number of stems and of statements in the corpus.
    pub stems: u32,
    pub statements: u32,
    /// Whether every shard is also a file of its own (`chunk/<hash>.bin`), for hosts that
    /// ignore `Range` ([`Layout::chunks`]).
    pub chunks: bool,
}

/// What is wrong with a shard or a manifest: each names what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardError {
    /// The bytes do not start with [`MAGIC`], or were written by another version.
    NotAManifest(String),
    /// Bytes that do not decode as the shard or manifest they should be.
    Malformed { what: String, detail: String },
    /// A shard whose bytes are not the ones the manifest lists (damaged or truncated).
    Damaged {
        what: String,
        expected: Digest,
        found: Digest,
        len: usize,
    },
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardError::NotAManifest(why) => write!(f, "not a Concord manifest: {why}"),
            ShardError::Malformed { what, detail } => write!(f, "{what} is malformed: {detail}"),
            ShardError::Damaged {
                what,
                expected,
                found,
                len,
            } => write!(
                f,
                "{what} is damaged: {len} bytes hashing to {found}, not {expected}"
            ),
        }
    }
}

impl std::error::Error for ShardError {}

impl Manifest {
    /// Serializes the manifest, deflated, behind its header.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(VERSION);
        let body = postcard::to_allocvec(self).expect("a manifest serializes");
        // Read before anything else: deflated as hard as the table shard.
        out.extend(miniz_oxide::deflate::compress_to_vec(&body, 9));
        out
    }

    /// Reads a manifest written by [`Manifest::encode`] of this version.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, ShardError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| ShardError::NotAManifest("its first bytes are not CONCORDS".into()))?;
        match body.first() {
            Some(&VERSION) => {}
            Some(v) => {
                return Err(ShardError::NotAManifest(format!(
                    "format version {v}, this app reads {VERSION}"
                )))
            }
            None => {
                return Err(ShardError::NotAManifest(
                    "it ends after its magic bytes".into(),
                ))
            }
        }
        let malformed = |detail: String| ShardError::Malformed {
            what: "the manifest".into(),
            detail,
        };
        let body = miniz_oxide::inflate::decompress_to_vec_with_limit(&body[1..], MANIFEST_MAX)
            .map_err(|e| malformed(format!("it does not inflate: {e}")))?;
        let mut manifest: Manifest =
            postcard::from_bytes(&body).map_err(|e| malformed(e.to_string()))?;
        let mut ends = vec![0u64; manifest.packs.len()];
        for (i, s) in manifest.shards.iter_mut().enumerate() {
            let end = ends.get_mut(s.pack as usize).ok_or_else(|| {
                malformed(format!(
                    "shard {i} is in pack {}, of {}",
                    s.pack,
                    manifest.packs.len()
                ))
            })?;
            s.offset = *end;
            *end += u64::from(s.len);
        }
        for (pack, end) in manifest.packs.iter().zip(&ends) {
            if *end != pack.len {
                return Err(malformed(format!(
                    "{} holds {} bytes, its shards add up to {end}",
                    pack.name, pack.len
                )));
            }
        }
        Ok(manifest)
    }

    /// How a shard is named in messages: its kind, its place and its file.
    pub fn describe(&self, shard: &ShardRef) -> String {
        let pack = self
            .packs
            .get(shard.pack as usize)
            .map_or("a missing pack", |p| p.name.as_str());
        let i = self
            .shards
            .iter()
            .position(|s| s == shard)
            .map_or_else(|| "?".to_string(), |i| i.to_string());
        let chunk = if self.chunks {
            format!(", or {}", shard.chunk_name())
        } else {
            String::new()
        };
        format!(
            "{} shard {i} (from key {}, {}) in {pack} at {}+{}{chunk}",
            shard.kind.name(),
            shard.first,
            shard.from,
            shard.offset,
            shard.len,
        )
    }

    /// Checks that `bytes` (as stored) are `shard`'s and inflates them: the shard's value,
    /// ready to decode. An error names the shard when they are damaged or truncated.
    pub fn unpack(&self, shard: &ShardRef, bytes: &[u8]) -> Result<Vec<u8>, ShardError> {
        self.check(shard, bytes)?;
        let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, shard.raw as usize)
            .map_err(|e| self.malformed(shard, format!("it does not inflate: {e}")))?;
        if raw.len() != shard.raw as usize {
            return Err(self.malformed(
                shard,
                format!("{} bytes inflated, not {}", raw.len(), shard.raw),
            ));
        }
        Ok(raw)
    }

    /// Reads `shard` with `read`, checks and inflates it ([`Manifest::unpack`]), and decodes
    /// its value: an error names the shard.
    pub fn read<T: serde::de::DeserializeOwned>(
        &self,
        shard: &ShardRef,
        read: &mut impl FnMut(&ShardRef) -> Result<Vec<u8>, ShardError>,
    ) -> Result<T, ShardError> {
        let bytes = self.unpack(shard, &read(shard)?)?;
        postcard::from_bytes(&bytes).map_err(|e| self.malformed(shard, e.to_string()))
    }

    /// The error for a shard whose value is not what it should be.
    fn malformed(&self, shard: &ShardRef, detail: String) -> ShardError {
        ShardError::Malformed {
            what: self.describe(shard),
            detail,
        }
    }

    /// Checks that `bytes` are `shard`'s, whole: the same length and hash.
    pub fn check(&self, shard: &ShardRef, bytes: &[u8]) -> Result<(), ShardError> {
        let found = Digest::of(bytes);
        if bytes.len() != shard.len as usize || found != shard.hash {
            return Err(ShardError::Damaged {
                what: self.describe(shard),
                expected: shard.hash,
                found,
                len: bytes.len(),
            });
        }
        Ok(())
    }

    /// The postings shards that hold stem `k`, in order (one, or several for a stem too
    /// big for one shard): the last shard starting at or before `k`, and those after it
    /// that still start at `k`.
    pub fn postings_of(&self, k: u32) -> &[ShardRef] {
        let postings = self.of_kind(Kind::Postings);
        // The first shard whose first stem is past k, and the first holding k.
        let end = postings.partition_point(|s| s.first <= k);
        let mut start = end;
        while start > 0 {
            start -= 1;
            if postings[start].first < k || postings[start].from == 0 {
                break;
            }
        }
        &postings[start..end]
    }

    /// The text shard that holds document `d`.
    pub fn text_of(&self, d: u32) -> Option<&ShardRef> {
        let text = self.of_kind(Kind::Text);
        text.partition_point(|s| s.first <= d)
            .checked_sub(1)
            .map(|i| &text[i])
    }

    /// The shards of one kind: a run of [`Manifest::shards`], which are grouped by kind.
    pub fn of_kind(&self, kind: Kind) -> &[ShardRef] {
        // Both ends by binary search: this is asked for every statement an export cuts
        // into blocks (a count of the run was 0.78 s for 394,718 statements at 200 MB).
        let a = self
            .shards
            .partition_point(|s| (s.kind as u8) < (kind as u8));
        let b = self
            .shards
            .partition_point(|s| (s.kind as u8) <= (kind as u8));
        &self.shards[a..b]
    }
}

/// Opens a sharded corpus: its index from the table shard, read by `read` and checked,
/// with no postings and no words loaded yet (they come with [`load_postings`] and
/// [`load_text`]), and the corpus's skeleton.
pub fn open(
    manifest: &Manifest,
    mut read: impl FnMut(&ShardRef) -> Result<Vec<u8>, ShardError>,
) -> Result<(crate::model::Corpus, Index), ShardError> {
    let shard = manifest
        .of_kind(Kind::Table)
        .first()
        .ok_or_else(|| ShardError::Malformed {
            what: "the manifest".into(),
            detail: "it lists no table shard".into(),
        })?;
    let table: Table = manifest.read(shard, &mut read)?;
    let index = table
        .into_index(&manifest.corpus.people)
        .map_err(|detail| manifest.malformed(shard, detail))?;
    if index.docs.len() != manifest.corpus.documents.len() {
        return Err(manifest.malformed(
            shard,
            format!(
                "{} documents, the manifest's corpus has {}",
                index.docs.len(),
                manifest.corpus.documents.len()
            ),
        ));
    }
    Ok((manifest.corpus.clone(), index))
}

/// The shards holding the postings of `stems` (the query plan's, [`crate::query::plan`]),
/// each once, in directory order: what the app fetches before it runs the query. Stems
/// already loaded in `index` need none.
pub fn postings_shards<'m>(
    manifest: &'m Manifest,
    index: &Index,
    stems: &[u32],
) -> Vec<&'m ShardRef> {
    let mut out: Vec<&ShardRef> = stems
        .iter()
        .filter(|&&k| !index.is_loaded(k))
        .flat_map(|&k| manifest.postings_of(k))
        .collect();
    out.sort_by_key(|s| (s.first, s.from));
    out.dedup_by_key(|s| (s.first, s.from));
    out
}

/// Loads the postings of `stems` into `index` from their shards, each read by `read` (from
/// its pack by `Range`, or its chunk file), checked against the manifest, and decoded once.
/// An error names the shard; the stems loaded before it stay loaded.
pub fn load_postings(
    index: &mut Index,
    manifest: &Manifest,
    stems: &[u32],
    mut read: impl FnMut(&ShardRef) -> Result<Vec<u8>, ShardError>,
) -> Result<(), ShardError> {
    let wanted: std::collections::BTreeSet<u32> = stems
        .iter()
        .copied()
        .filter(|&k| !index.is_loaded(k))
        .collect();
    let mut parts: std::collections::BTreeMap<u32, Vec<postings::Decoded>> = Default::default();
    for shard in postings_shards(manifest, index, stems) {
        let decoded: postings::Shard = manifest.read(shard, &mut read)?;
        for part in decoded.parts.iter().filter(|p| wanted.contains(&p.stem)) {
            let d = part
                .decode()
                .map_err(|detail| manifest.malformed(shard, detail))?;
            parts.entry(part.stem).or_default().push(d);
        }
    }
    for k in wanted {
        let got = parts.remove(&k).unwrap_or_default();
        index
            .load_postings(k, &got)
            .map_err(|detail| ShardError::Malformed {
                what: format!("the postings shards of stem {k}"),
                detail,
            })?;
    }
    Ok(())
}

/// The text shards holding documents `docs` and not yet loaded (`loaded(d)` says), each
/// once, in directory order.
pub fn text_shards<'m>(
    manifest: &'m Manifest,
    docs: &[u32],
    loaded: impl Fn(u32) -> bool,
) -> Vec<&'m ShardRef> {
    let mut out: Vec<&ShardRef> = docs
        .iter()
        .filter(|&&d| !loaded(d))
        .filter_map(|&d| manifest.text_of(d))
        .collect();
    out.sort_by_key(|s| s.first);
    out.dedup_by_key(|s| s.first);
    out
}

/// Loads the text of documents `docs` into `corpus` (a [`text::skeleton`]) and their
/// statements' words into `index`, from their shards read by `read` and checked: every
/// document of each shard read is loaded, not only those asked for. `loaded` marks which
/// documents are (the caller keeps it, one flag a document). An error names the shard.
pub fn load_text(
    corpus: &mut crate::model::Corpus,
    index: &mut Index,
    loaded: &mut [bool],
    manifest: &Manifest,
    docs: &[u32],
    mut read: impl FnMut(&ShardRef) -> Result<Vec<u8>, ShardError>,
) -> Result<(), ShardError> {
    let shards = text_shards(manifest, docs, |d| {
        loaded.get(d as usize).copied().unwrap_or(true)
    });
    for shard in shards {
        let decoded: text::Shard = manifest.read(shard, &mut read)?;
        for (i, doc) in decoded.docs.into_iter().enumerate() {
            let d = decoded.first as usize + i;
            let malformed = |detail: String| manifest.malformed(shard, detail);
            if loaded.get(d).copied().unwrap_or(true) {
                if d >= loaded.len() {
                    return Err(malformed(format!("no document {d} in this corpus")));
                }
                continue;
            }
            index
                .load_tokens(index.doc_statements(d as u32).start, &doc.words)
                .map_err(malformed)?;
            let target = &mut corpus.documents[d];
            target.paragraphs = doc.paragraphs;
            target.statements = doc.statements;
            loaded[d] = true;
        }
    }
    Ok(())
}

/// Reads the corpus's formulations from their shard (by `read`, checked).
pub fn load_formulas(
    manifest: &Manifest,
    mut read: impl FnMut(&ShardRef) -> Result<Vec<u8>, ShardError>,
) -> Result<Vec<crate::Formula>, ShardError> {
    match manifest.of_kind(Kind::Formulas).first() {
        Some(shard) => manifest.read(shard, &mut read),
        None => Err(ShardError::Malformed {
            what: "the manifest".into(),
            detail: "it lists no formulations shard".into(),
        }),
    }
}
