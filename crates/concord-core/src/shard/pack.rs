//! Writing the sharded form into a folder (build time): shards laid end to end in packs of
//! at most [`PACK_MAX`] bytes, each shard also as a file of its own (unless the
//! [`Layout`] leaves them out), and the manifest last. Files are written as they fill, so
//! the whole form is never held in memory.

use super::{postings, text, Digest, Kind, Manifest, Pack, ShardRef};
use crate::index::Index;
use crate::model::{Corpus, Document, ParagraphTexts};
use crate::Formula;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// The largest pack, in bytes: few enough files that a host does not mind, each under the
/// strictest file-size limit of the common static hosts (Cloudflare Pages and Workers take
/// no file over 25 MiB; GitHub warns from 50 MB). A shard bigger than this (the table of a
/// huge corpus) gets a pack of its own.
pub const PACK_MAX: u64 = 24 * 1024 * 1024;

/// How the sharded form is cut and laid out: the build's knobs (README, "Two modes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// About how many bytes a postings shard holds ([`postings::TARGET`]).
    pub postings: usize,
    /// About how many bytes a text shard holds ([`text::TARGET`]).
    pub text: usize,
    /// The most bytes in a pack ([`PACK_MAX`]).
    pub pack: u64,
    /// Whether every shard is written again as a file of its own (`chunk/<hash>.bin`), the
    /// fallback for hosts that ignore `Range`. It doubles the bytes and files deployed;
    /// without it, such a host gets a message saying so.
    pub chunks: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            postings: postings::TARGET,
            text: text::TARGET,
            pack: PACK_MAX,
            chunks: true,
        }
    }
}

impl Layout {
    /// The default layout with postings and text shards of about `postings` and `text`
    /// bytes.
    pub fn cut(postings: usize, text: usize) -> Layout {
        Layout {
            postings,
            text,
            ..Layout::default()
        }
    }

    /// The layout the build's environment asks for (`var(name)` reads a variable; unset or
    /// empty means the default):
    /// - `CONCORD_SHARD_BYTES=N`: postings shards of about N bytes, text shards of 2N;
    /// - `CONCORD_PACK_BYTES=N`: packs of at most N bytes;
    /// - `CONCORD_CHUNKS=0`: no chunk files (`1` writes them, as by default).
    ///
    /// An error names the variable and what it takes.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Layout, String> {
        let mut layout = Layout::default();
        let bytes = |name: &str, least: usize| -> Result<Option<usize>, String> {
            match var(name).as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(n) => match n.parse::<usize>() {
                    Ok(n) if n >= least => Ok(Some(n)),
                    _ => Err(format!(
                        "{name}={n:?}: give a number of bytes, {least} or more"
                    )),
                },
            }
        };
        if let Some(n) = bytes("CONCORD_SHARD_BYTES", 256)? {
            layout.postings = n;
            layout.text = 2 * n;
        }
        if let Some(n) = bytes("CONCORD_PACK_BYTES", 1024)? {
            layout.pack = n as u64;
        }
        match var("CONCORD_CHUNKS").as_deref().map(str::trim) {
            None | Some("") | Some("1") => {}
            Some("0") => layout.chunks = false,
            Some(other) => {
                return Err(format!(
                    "CONCORD_CHUNKS={other:?}: use 0 (no chunk files) or 1 (the default)"
                ))
            }
        }
        Ok(layout)
    }
}

/// How hard shards are deflated (miniz's 0–10): 6 is zlib's default, near the best size at
/// a fraction of the time of 9.
const DEFLATE_LEVEL: u8 = 6;
/// The table shard, read before any result shows, is one shard however big the corpus:
/// deflated harder (4% smaller at 200 MB, 60 kB, for half a second of build).
const TABLE_DEFLATE_LEVEL: u8 = 9;

/// What [`write()`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The manifest's file name, relative to the folder (`manifest-<hash>.bin`).
    pub manifest: String,
    pub manifest_bytes: usize,
    pub packs: Vec<Pack>,
    pub shards: usize,
    /// The largest shard, in bytes stored.
    pub largest: usize,
    /// Each kind's shards and bytes stored, in kind order.
    pub kinds: Vec<(Kind, usize, u64)>,
    /// The corpus's vocabulary: its words and stems.
    pub words: usize,
    pub stems: usize,
}

/// A pack being filled: a temporary file, hashed as it is written.
struct Open {
    path: PathBuf,
    file: io::BufWriter<File>,
    hash: Xxh3,
    len: u64,
}

struct Packer<'a> {
    dir: &'a Path,
    layout: &'a Layout,
    open: Option<Open>,
    manifest: Manifest,
    largest: usize,
    kinds: Vec<(Kind, usize, u64)>,
}

impl Packer<'_> {
    /// Adds a shard holding `value`, serialized and deflated.
    fn add(
        &mut self,
        kind: Kind,
        first: u32,
        from: u32,
        value: &impl serde::Serialize,
    ) -> io::Result<()> {
        let raw = postcard::to_allocvec(value).expect("a shard serializes");
        let level = match kind {
            Kind::Table => TABLE_DEFLATE_LEVEL,
            _ => DEFLATE_LEVEL,
        };
        let stored = miniz_oxide::deflate::compress_to_vec(&raw, level);
        let bytes = stored.as_slice();
        let len = bytes.len() as u64;
        if self
            .open
            .as_ref()
            .is_some_and(|o| o.len > 0 && o.len + len > self.layout.pack)
        {
            self.close()?;
        }
        if self.open.is_none() {
            let path = self.dir.join("pack.partial");
            self.open = Some(Open {
                file: io::BufWriter::new(File::create(&path)?),
                path,
                hash: Xxh3::new(),
                len: 0,
            });
        }
        let open = self.open.as_mut().expect("opened above");
        open.file.write_all(bytes)?;
        open.hash.update(bytes);
        let hash = Digest::of(bytes);
        self.manifest.shards.push(ShardRef {
            kind,
            first,
            from,
            pack: self.manifest.packs.len() as u32,
            offset: open.len,
            len: bytes.len() as u32,
            raw: raw.len() as u32,
            hash,
        });
        open.len += len;
        self.largest = self.largest.max(bytes.len());
        match self.kinds.last_mut() {
            Some((k, n, total)) if *k == kind => {
                *n += 1;
                *total += len;
            }
            _ => self.kinds.push((kind, 1, len)),
        }
        // The fallback for hosts that ignore Range: the same bytes, named by their hash.
        if self.layout.chunks {
            fs::write(self.dir.join(format!("chunk/{hash}.bin")), bytes)?;
        }
        Ok(())
    }

    /// Names the open pack by its hash.
    fn close(&mut self) -> io::Result<()> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        open.file
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()?;
        let name = format!("pack-{}.bin", Digest(open.hash.digest()));
        fs::rename(&open.path, self.dir.join(&name))?;
        self.manifest.packs.push(Pack {
            name,
            len: open.len,
        });
        Ok(())
    }
}

/// Writes `index` in the sharded form into `dir` (created if need be), in the default
/// [`Layout`]. What an earlier write left there (manifests, packs, chunks) is removed
/// first, so the folder holds one corpus and no stale file.
pub fn write(
    corpus: &Corpus,
    index: &Index,
    formulas: &[Formula],
    dir: &Path,
) -> io::Result<Written> {
    write_laid_out(corpus, index, formulas, dir, &Layout::default())
}

/// [`write()`] in `layout` (tests cut small shards, so that stems span several and
/// documents are spread over many, and small packs).
pub fn write_laid_out(
    corpus: &Corpus,
    index: &Index,
    formulas: &[Formula],
    dir: &Path,
    layout: &Layout,
) -> io::Result<Written> {
    let fold = crate::embed::fold_table(corpus);
    let mut packer = Packer::open(corpus, index, fold, dir, layout)?;
    let docs = (0..).zip(&corpus.documents);
    text::cut_each(
        docs.map(|(d, doc)| text::doc_text(index, d, doc)),
        layout.text,
        |shard| packer.add(Kind::Text, shard.first, 0, &shard),
    )?;
    packer.finish(index, formulas)
}

/// Where the sharded build ([`build`]) reads a corpus: its skeleton, and its documents
/// whole, in order, one at a time, as often as it needs them (twice).
pub trait Source {
    /// The corpus without its documents' paragraphs and statements
    /// ([`text::skeleton`]): its people, countries and documents' metadata.
    fn skeleton(&self) -> &Corpus;
    /// Every document, whole, in the skeleton's order.
    fn documents(&mut self) -> io::Result<Box<dyn Iterator<Item = io::Result<Document>> + '_>>;
}

/// A corpus built through a scratch file: the documents are read from it.
impl Source for crate::corpus::Spilled {
    fn skeleton(&self) -> &Corpus {
        &self.corpus
    }

    fn documents(&mut self) -> io::Result<Box<dyn Iterator<Item = io::Result<Document>> + '_>> {
        Ok(Box::new(crate::corpus::Spilled::documents(self)?))
    }
}

/// A whole corpus in memory, as a [`Source`] (each document cloned as it is read).
#[derive(Debug, Clone)]
pub struct Whole {
    skeleton: Corpus,
    documents: Vec<Document>,
}

impl From<Corpus> for Whole {
    fn from(corpus: Corpus) -> Whole {
        Whole {
            skeleton: text::skeleton(&corpus),
            documents: corpus.documents,
        }
    }
}

impl Source for Whole {
    fn skeleton(&self) -> &Corpus {
        &self.skeleton
    }

    fn documents(&mut self) -> io::Result<Box<dyn Iterator<Item = io::Result<Document>> + '_>> {
        Ok(Box::new(self.documents.iter().cloned().map(Ok)))
    }
}

/// The documents of `source`, each `Ok` one given on, the first error kept in `failed`
/// (and the rest left unread).
fn until_error<'a>(
    documents: impl Iterator<Item = io::Result<Document>> + 'a,
    failed: &'a std::cell::RefCell<Option<io::Error>>,
) -> impl Iterator<Item = Document> + 'a {
    documents.map_while(move |r| match r {
        Ok(doc) => Some(doc),
        Err(e) => {
            *failed.borrow_mut() = Some(e);
            None
        }
    })
}

/// The sharded build of the corpus `source` gives into `dir`, in `layout`, as `build.rs`
/// runs it, reading one document at a time (from the scratch file of
/// [`build_spilled`](crate::corpus::build_spilled)): the index analysed, the table and
/// postings shards written, then the documents read again and the text shards written
/// (only the paragraphs' strings are kept, moved, not copied: [`ParagraphTexts`]); then the
/// formulations found from those and the skeleton, and written with the manifest. The
/// same files as [`write_laid_out`] of the whole corpus with the formulations [`find`]
/// finds, but the documents are never all held.
///
/// `stage` is called with each stage's name as it ends ("index", "table and postings",
/// "text", "formulations", "manifest"): the scale bench times them.
///
/// [`find`]: crate::compare::formulas::find
pub fn build(
    source: &mut dyn Source,
    dir: &Path,
    layout: &Layout,
    mut stage: impl FnMut(&str),
) -> io::Result<Written> {
    let skeleton = source.skeleton().clone();
    let count = skeleton.documents.len();
    let failed = std::cell::RefCell::new(None);
    let mut alphabet = crate::embed::Alphabet::default();
    let mut read = 0;
    let data = Index::analyse_each(
        &skeleton,
        until_error(source.documents()?, &failed).inspect(|doc| {
            alphabet.add_document(doc);
            read += 1;
        }),
    );
    if let Some(e) = failed.borrow_mut().take() {
        return Err(e);
    }
    let short = |read: usize| {
        io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("the corpus gave {read} documents of its {count}"),
        )
    };
    if read != count {
        return Err(short(read));
    }
    let index = Index::from_data(data);
    stage("index");
    let mut packer = Packer::open(&skeleton, &index, alphabet.fold_table(), dir, layout)?;
    stage("table and postings");
    let mut texts = ParagraphTexts::default();
    let docs = (0..).zip(until_error(source.documents()?, &failed));
    text::cut_each(
        docs.map(|(d, mut doc)| text::take_doc_text(&index, d, &mut doc)),
        layout.text,
        |mut shard| {
            packer.add(Kind::Text, shard.first, 0, &shard)?;
            for doc in &mut shard.docs {
                texts.push(&mut doc.paragraphs);
            }
            Ok::<(), io::Error>(())
        },
    )?;
    if let Some(e) = failed.borrow_mut().take() {
        return Err(e);
    }
    if texts.documents() != count {
        return Err(short(texts.documents()));
    }
    stage("text");
    // What a name is (the people and countries) is all that finding reads of the corpus.
    let formulas = crate::compare::formulas::find_in(&skeleton, &texts, &index);
    drop(texts);
    stage("formulations");
    let written = packer.finish(&index, &formulas);
    stage("manifest");
    written
}

impl<'a> Packer<'a> {
    /// Makes `dir` ready for one corpus (created if need be; what an earlier write left
    /// there removed) and writes the table and postings shards.
    fn open(
        corpus: &Corpus,
        index: &Index,
        fold: crate::text::fold::FoldTable,
        dir: &'a Path,
        layout: &'a Layout,
    ) -> io::Result<Packer<'a>> {
        fs::create_dir_all(dir)?;
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name == "chunk" {
                fs::remove_dir_all(entry.path())?;
            } else if (name.starts_with("manifest-") || name.starts_with("pack-"))
                && name.ends_with(".bin")
                || name == "pack.partial"
            {
                fs::remove_file(entry.path())?;
            }
        }
        if layout.chunks {
            fs::create_dir_all(dir.join("chunk"))?;
        }
        let mut packer = Packer {
            dir,
            layout,
            open: None,
            manifest: Manifest {
                corpus: text::skeleton(corpus),
                stems: index.stem_count() as u32,
                statements: index.statements.len() as u32,
                chunks: layout.chunks,
                ..Manifest::default()
            },
            largest: 0,
            kinds: Vec::new(),
        };
        let table = super::Table::of(index, &corpus.people, fold);
        packer.add(Kind::Table, 0, 0, &table)?;
        // Each shard written as it is cut: the build holds one at a time.
        postings::cut_each(index, layout.postings, |first, from, shard| {
            packer.add(Kind::Postings, first, from, &shard)
        })?;
        Ok(packer)
    }

    /// Writes the formulations shard (with their uses: the formulations view counts them
    /// without the text), closes the last pack and writes the manifest.
    fn finish(mut self, index: &Index, formulas: &[Formula]) -> io::Result<Written> {
        let formulas = crate::compare::formulas::with_uses(index, formulas);
        self.add(Kind::Formulas, 0, 0, &formulas)?;
        self.close()?;
        let bytes = self.manifest.encode();
        let manifest = format!("manifest-{}.bin", Digest::of(&bytes));
        fs::write(self.dir.join(&manifest), &bytes)?;
        Ok(Written {
            manifest,
            manifest_bytes: bytes.len(),
            packs: self.manifest.packs,
            shards: self.manifest.shards.len(),
            largest: self.largest,
            kinds: self.kinds,
            words: index.words.len(),
            stems: index.stem_count(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;
    use crate::shard::postings::Shard;
    use crate::shard::ShardError;

    fn index_of(dir: &str) -> (Corpus, Index) {
        let corpus = test_corpus(dir);
        let index = Index::build(&corpus);
        (corpus, index)
    }

    fn scratch(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("concord-shard-{}-{name}", std::process::id()))
    }

    /// A shard's bytes read from its pack, as a `Range` request would.
    fn read(dir: &Path, manifest: &Manifest, shard: &ShardRef) -> Vec<u8> {
        let pack = fs::read(dir.join(&manifest.packs[shard.pack as usize].name)).unwrap();
        pack[shard.offset as usize..shard.offset as usize + shard.len as usize].to_vec()
    }

    /// The build, which reads the documents one at a time from the corpus's scratch file
    /// and keeps only their paragraphs' strings once their text shards are written, writes
    /// the same files as writing the whole corpus, in memory, with the formulations found
    /// from it: on corpora of every shape (the seeds; speeches hard-wrapped from PDFs and a
    /// press conference's transcript; CRLF files, a byte-order mark and a subfolder; the
    /// formulations' phrases and variants), in small shards and the real size; from the
    /// corpus's files listed (read as the build reads them) and from a whole corpus.
    #[test]
    fn the_build_writes_what_writing_the_whole_corpus_writes() {
        for dir in [
            "seeds",
            "tests/corpora/speeches",
            "tests/corpora/northsea",
            "tests/corpora/formulas",
            "tests/corpora/variants",
            "tests/corpora/harbour",
        ] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(dir);
            let listed = crate::corpus::folder::list(&root).unwrap();
            for (layout, whole_source) in [
                (Layout::default(), false),
                (Layout::cut(500, 1_000), false),
                (Layout::cut(500, 1_000), true),
            ] {
                let (corpus, index) = index_of(dir);
                let formulas = crate::compare::formulas::find(&corpus, &index);
                let (a, b) = (scratch("whole"), scratch("built"));
                let whole = write_laid_out(&corpus, &index, &formulas, &a, &layout).unwrap();
                let mut stages = Vec::new();
                let mut spilled = crate::corpus::build_spilled(&listed, &scratch("spill")).unwrap();
                let built = if whole_source {
                    build(&mut Whole::from(corpus), &b, &layout, |s| {
                        stages.push(s.to_string())
                    })
                } else {
                    build(&mut spilled, &b, &layout, |s| stages.push(s.to_string()))
                }
                .unwrap();
                assert_eq!(whole, built, "{dir}");
                assert_eq!(
                    stages,
                    [
                        "index",
                        "table and postings",
                        "text",
                        "formulations",
                        "manifest"
                    ]
                );
                let mut names: Vec<String> = fs::read_dir(&a)
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|n| n != "chunk")
                    .collect();
                names.sort();
                for name in names {
                    assert!(
                        fs::read(a.join(&name)).unwrap() == fs::read(b.join(&name)).unwrap(),
                        "{dir}: {name} differs"
                    );
                }
                fs::remove_dir_all(&a).unwrap();
                fs::remove_dir_all(&b).unwrap();
            }
        }
    }

    /// A scratch file that ends early or is damaged stops the build with an error saying
    /// so, never a corpus with documents missing.
    #[test]
    fn a_source_that_fails_stops_the_build() {
        struct Failing {
            whole: Whole,
            /// Documents given before the error, on each reading.
            give: usize,
            readings: usize,
            fail_on: usize,
            end_early: bool,
        }
        impl Source for Failing {
            fn skeleton(&self) -> &Corpus {
                self.whole.skeleton()
            }
            fn documents(
                &mut self,
            ) -> io::Result<Box<dyn Iterator<Item = io::Result<Document>> + '_>> {
                self.readings += 1;
                let docs = self
                    .whole
                    .documents()?
                    .take(if self.readings == self.fail_on {
                        self.give
                    } else {
                        usize::MAX
                    });
                let fails = self.readings == self.fail_on && !self.end_early;
                Ok(Box::new(docs.chain(
                    fails.then(|| Err(io::Error::other("document 2 is damaged"))),
                )))
            }
        }
        for fail_on in [1, 2] {
            for end_early in [false, true] {
                let mut source = Failing {
                    whole: Whole::from(test_corpus("seeds")),
                    give: 2,
                    readings: 0,
                    fail_on,
                    end_early,
                };
                let dir = scratch(&format!("failing-{fail_on}-{end_early}"));
                let err = build(&mut source, &dir, &Layout::default(), |_| {})
                    .unwrap_err()
                    .to_string();
                let expected = if end_early {
                    "the corpus gave 2 documents of its 5"
                } else {
                    "document 2 is damaged"
                };
                assert_eq!(err, expected, "reading {fail_on}");
                let _ = fs::remove_dir_all(&dir);
            }
        }
    }

    /// Every stem's postings, read back from the shards the manifest names for it, are the
    /// index's: with shards of the real size, and cut so small that stems span several.
    #[test]
    fn every_stem_reads_back_from_its_shards() {
        for (corpus, target) in [
            ("seeds", postings::TARGET),
            ("seeds", 200),
            ("tests/corpora/speeches", 100),
        ] {
            let (c, index) = index_of(corpus);
            let dir = scratch(&format!("{}-{target}", corpus.replace('/', "-")));
            let written =
                write_laid_out(&c, &index, &[], &dir, &Layout::cut(target, 4_000)).unwrap();
            let manifest =
                Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
            assert_eq!(manifest.stems as usize, index.stem_count());
            assert_eq!(manifest.packs, written.packs);
            let mut split = 0;
            for k in 0..index.stem_count() as u32 {
                let shards = manifest.postings_of(k);
                assert!(!shards.is_empty(), "{corpus}: stem {k} has no shard");
                split += usize::from(shards.len() > 1);
                let mut got = postings::Decoded::default();
                got.starts.push(0);
                for shard in shards {
                    let bytes = read(&dir, &manifest, shard);
                    // The fallback file holds the same bytes.
                    assert_eq!(fs::read(dir.join(shard.chunk_name())).unwrap(), bytes);
                    let raw = manifest.unpack(shard, &bytes).unwrap();
                    let shard: Shard = postcard::from_bytes(&raw).unwrap();
                    for part in shard.parts.iter().filter(|p| p.stem == k) {
                        assert_eq!(part.from as usize, got.stmts.len(), "stem {k}");
                        let d = part.decode().unwrap();
                        let base = got.pos.len() as u32;
                        got.stmts.extend(&d.stmts);
                        got.starts.extend(d.starts[1..].iter().map(|s| s + base));
                        got.pos.extend(&d.pos);
                    }
                }
                let want = index.postings(k);
                assert_eq!(got.stmts, want.stmts, "{corpus} ({target}): stem {k}");
                for j in 0..want.stmts.len() {
                    let ours = &got.pos[got.starts[j] as usize..got.starts[j + 1] as usize];
                    assert_eq!(ours, want.positions(j), "stem {k}, posting {j}");
                }
            }
            if target < postings::TARGET {
                assert!(manifest.shards.len() > 1, "{corpus} ({target})");
                assert!(split > 0, "{corpus} ({target}): no stem spans shards");
            }
            fs::remove_dir_all(&dir).unwrap();
        }
    }

    /// The formulations read back from their shard as they were found, with their uses.
    #[test]
    fn formulations_read_back_from_their_shard() {
        let (corpus, index) = index_of("seeds");
        let formulas = crate::compare::formulas::find(&corpus, &index);
        assert!(!formulas.is_empty());
        let dir = scratch("formulas");
        let written = write(&corpus, &index, &formulas, &dir).unwrap();
        let manifest = Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        assert_eq!(manifest.of_kind(Kind::Formulas).len(), 1);
        let back = super::super::load_formulas(&manifest, |s| Ok(read(&dir, &manifest, s)));
        let back = back.unwrap();
        assert_eq!(back, crate::compare::formulas::with_uses(&index, &formulas));
        assert!(back
            .iter()
            .all(|f| f.uses.as_ref().is_some_and(|u| !u.is_empty())));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shards_keep_near_their_target() {
        let (_, index) = index_of("tests/corpora/speeches");
        let target = 1_000;
        let cut = postings::cut(&index, target);
        let sizes: Vec<usize> = cut
            .iter()
            .map(|(_, _, s)| postcard::to_allocvec(s).unwrap().len())
            .collect();
        // Over the target only by the part overheads' estimate, never by a stem.
        assert!(sizes.iter().all(|&n| n <= target + 8), "{sizes:?}");
        // And filled: all but the last at least half full.
        assert!(
            sizes[..sizes.len() - 1].iter().all(|&n| n >= target / 2),
            "{sizes:?}"
        );
    }

    /// A damaged or truncated shard is an error that names it and its files.
    #[test]
    fn a_damaged_shard_is_named() {
        let (corpus, index) = index_of("seeds");
        let dir = scratch("damaged");
        let written =
            write_laid_out(&corpus, &index, &[], &dir, &Layout::cut(1_000, 4_000)).unwrap();
        let manifest = Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        let shard = &manifest.shards[3];
        assert_eq!(shard.kind, Kind::Postings);
        let mut bytes = read(&dir, &manifest, shard);
        bytes[5] ^= 0x40;
        let err = manifest.check(shard, &bytes).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, ShardError::Damaged { .. }));
        assert!(
            message.starts_with("postings shard 3 (from key"),
            "{message}"
        );
        assert!(message.contains(&manifest.packs[0].name), "{message}");
        assert!(message.contains(&shard.chunk_name()), "{message}");
        bytes[5] ^= 0x40;
        bytes.pop();
        assert!(manifest.check(shard, &bytes).is_err());
        assert!(manifest.unpack(shard, &bytes).is_err());
        // Bytes the manifest vouches for that do not inflate to the shard: named too.
        let mut lying = manifest.clone();
        lying.shards[3].len = bytes.len() as u32;
        lying.shards[3].hash = crate::shard::Digest::of(&bytes);
        let message = lying
            .unpack(&lying.shards[3], &bytes)
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("postings shard 3") && message.contains("inflate"),
            "{message}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The same index writes the same files (names are content hashes), and a second write
    /// leaves no file of the first behind.
    #[test]
    fn writing_is_deterministic_and_replaces() {
        let (corpus, index) = index_of("seeds");
        let dir = scratch("twice");
        let small = write_laid_out(&corpus, &index, &[], &dir, &Layout::cut(500, 1_000)).unwrap();
        let a = write(&corpus, &index, &[], &dir).unwrap();
        let list = || {
            let mut names: Vec<String> = fs::read_dir(&dir)
                .unwrap()
                .chain(fs::read_dir(dir.join("chunk")).unwrap())
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let first = list();
        let b = write(&corpus, &index, &[], &dir).unwrap();
        assert_eq!(a, b);
        assert_eq!(list(), first);
        assert!(!first.contains(&small.manifest));
        assert_eq!(first.len(), 1 + a.packs.len() + a.shards + 1, "{first:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// Offsets are not stored but added up from the lengths, pack by pack: a directory
    /// whose shards do not fill their packs exactly, or name a pack that is not there, is
    /// refused rather than read at the wrong places.
    #[test]
    fn offsets_add_up_or_the_manifest_is_refused() {
        let (corpus, index) = index_of("seeds");
        let dir = scratch("offsets");
        let written = write_laid_out(&corpus, &index, &[], &dir, &Layout::cut(500, 1_000)).unwrap();
        let manifest = Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        let mut at = 0;
        for s in &manifest.shards {
            assert_eq!(s.offset, at);
            at += u64::from(s.len);
        }
        assert_eq!(at, manifest.packs[0].len);
        let mut short = manifest.clone();
        short.packs[0].len -= 1;
        let message = Manifest::decode(&short.encode()).unwrap_err().to_string();
        assert!(message.contains(&short.packs[0].name), "{message}");
        assert!(message.contains("add up to"), "{message}");
        let mut astray = manifest;
        astray.shards[2].pack = 7;
        let message = Manifest::decode(&astray.encode()).unwrap_err().to_string();
        assert!(message.contains("shard 2 is in pack 7, of 1"), "{message}");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// Packs are cut at the layout's size (a shard bigger than it alone in its pack), and
    /// every shard reads back from its pack at the offset the manifest adds up.
    #[test]
    fn packs_are_cut_at_the_layouts_size() {
        let (corpus, index) = index_of("tests/corpora/speeches");
        let dir = scratch("packs");
        let layout = Layout {
            pack: 4 * 1024,
            ..Layout::cut(1_000, 2_000)
        };
        let written = write_laid_out(&corpus, &index, &[], &dir, &layout).unwrap();
        let manifest = Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        assert!(manifest.packs.len() > 3, "{:?}", manifest.packs);
        for (p, pack) in manifest.packs.iter().enumerate() {
            let shards: Vec<&ShardRef> = manifest
                .shards
                .iter()
                .filter(|s| s.pack as usize == p)
                .collect();
            assert!(
                pack.len <= layout.pack || shards.len() == 1,
                "{} holds {} bytes in {} shards",
                pack.name,
                pack.len,
                shards.len()
            );
            assert_eq!(fs::metadata(dir.join(&pack.name)).unwrap().len(), pack.len);
        }
        for s in &manifest.shards {
            assert!(manifest.unpack(s, &read(&dir, &manifest, s)).is_ok());
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A layout without chunk files writes none, says so in the manifest, and its messages
    /// name no chunk file; a write with them over it puts them back.
    #[test]
    fn without_chunks_no_chunk_file_is_written_or_named() {
        let (corpus, index) = index_of("seeds");
        let dir = scratch("no-chunks");
        let layout = Layout {
            chunks: false,
            ..Layout::cut(1_000, 4_000)
        };
        let written = write_laid_out(&corpus, &index, &[], &dir, &layout).unwrap();
        assert!(!dir.join("chunk").exists());
        let manifest = Manifest::decode(&fs::read(dir.join(&written.manifest)).unwrap()).unwrap();
        assert!(!manifest.chunks);
        let message = manifest.describe(&manifest.shards[1]);
        assert!(
            message.starts_with("postings shard 1") && !message.contains("chunk"),
            "{message}"
        );
        // The same shards in the same packs: only the chunk files differ.
        let with = write_laid_out(&corpus, &index, &[], &dir, &Layout::cut(1_000, 4_000)).unwrap();
        assert_eq!(with.packs, written.packs);
        assert_ne!(with.manifest, written.manifest);
        assert_eq!(
            fs::read_dir(dir.join("chunk")).unwrap().count(),
            with.shards
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The build's variables give the layout; a bad one is an error naming it.
    #[test]
    fn the_layout_comes_from_the_environment() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Layout::from_env(env(&[])), Ok(Layout::default()));
        assert_eq!(
            Layout::from_env(env(&[("CONCORD_SHARD_BYTES", ""), ("CONCORD_CHUNKS", "1")])),
            Ok(Layout::default())
        );
        assert_eq!(
            Layout::from_env(env(&[
                ("CONCORD_SHARD_BYTES", "2048"),
                ("CONCORD_PACK_BYTES", "65536"),
                ("CONCORD_CHUNKS", "0"),
            ])),
            Ok(Layout {
                postings: 2048,
                text: 4096,
                pack: 65536,
                chunks: false
            })
        );
        for (vars, named) in [
            (
                &[("CONCORD_SHARD_BYTES", "12")][..],
                "CONCORD_SHARD_BYTES=\"12\"",
            ),
            (
                &[("CONCORD_PACK_BYTES", "lots")][..],
                "CONCORD_PACK_BYTES=\"lots\"",
            ),
            (&[("CONCORD_CHUNKS", "no")][..], "CONCORD_CHUNKS=\"no\""),
        ] {
            let e = Layout::from_env(env(vars)).unwrap_err();
            assert!(e.starts_with(named), "{e}");
        }
    }

    #[test]
    fn a_manifest_of_another_version_is_refused() {
        let mut bytes = Manifest::default().encode();
        assert_eq!(Manifest::decode(&bytes).unwrap(), Manifest::default());
        bytes[8] = super::super::VERSION + 1;
        assert!(Manifest::decode(&bytes)
            .unwrap_err()
            .to_string()
            .contains("format version"));
        assert!(Manifest::decode(b"CONCORD!x").is_err());
        assert!(Manifest::decode(&bytes[..8]).is_err());
    }
}
