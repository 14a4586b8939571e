//! The scratch file a corpus is built through when it is too big to hold
//! ([`build_spilled`](super::build_spilled)): each document, once built, is written out
//! (postcard) and dropped, then read back one at a time, as often as a stage needs it.
//!
//! The file is removed as soon as it is created (on Unix its space lives as long as the
//! handle), so a build that is killed leaves nothing behind; elsewhere it is removed when
//! the [`Spill`] is dropped.

use crate::model::Document;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Documents written end to end into a scratch file.
#[derive(Debug)]
pub struct Spill {
    out: BufWriter<File>,
    /// Where the file was created (for messages, and for removal where it could not be
    /// removed at once).
    path: PathBuf,
    removed: bool,
    /// Where each document starts, then the end of the last.
    starts: Vec<u64>,
    buf: Vec<u8>,
}

/// A counter for the scratch files' names, so that two spills of one process differ.
static NEXT: AtomicU32 = AtomicU32::new(0);

impl Spill {
    /// A new, empty spill in folder `dir` (created if needed).
    pub fn create(dir: &Path) -> io::Result<Spill> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!(
            ".concord-spill-{}-{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| with_path(&path, e))?;
        // Unix keeps the removed file's bytes while it is open; Windows refuses, and the
        // file is removed on drop instead.
        let removed = cfg!(unix) && std::fs::remove_file(&path).is_ok();
        Ok(Spill {
            out: BufWriter::with_capacity(1 << 20, file),
            path,
            removed,
            starts: vec![0],
            buf: Vec::new(),
        })
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes written so far.
    pub fn bytes(&self) -> u64 {
        *self.starts.last().expect("starts at 0")
    }

    /// Writes `doc` after the others.
    pub fn push(&mut self, doc: &Document) -> io::Result<()> {
        self.buf.clear();
        let buf = std::mem::take(&mut self.buf);
        let buf = postcard::to_extend(doc, buf)
            .map_err(|e| io::Error::other(format!("a document does not serialize: {e}")))?;
        self.out
            .write_all(&buf)
            .map_err(|e| with_path(&self.path, e))?;
        self.starts.push(self.bytes() + buf.len() as u64);
        self.buf = buf;
        Ok(())
    }

    /// Document `i` (in the order written).
    pub fn get(&mut self, i: usize) -> io::Result<Document> {
        let (start, end) = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => (s, e),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "no document {i} in {} (it holds {})",
                        self.path.display(),
                        self.len()
                    ),
                ))
            }
        };
        self.out.flush().map_err(|e| with_path(&self.path, e))?;
        let file = self.out.get_mut();
        file.seek(SeekFrom::Start(start))
            .map_err(|e| with_path(&self.path, e))?;
        self.buf.resize((end - start) as usize, 0);
        file.read_exact(&mut self.buf)
            .map_err(|e| with_path(&self.path, e))?;
        let doc = decode(&self.buf, &self.path, i)?;
        // Further writes go at the end.
        file.seek(SeekFrom::End(0))
            .map_err(|e| with_path(&self.path, e))?;
        Ok(doc)
    }

    /// Every document, in the order written, read one at a time.
    pub fn iter(&mut self) -> io::Result<Documents<'_>> {
        self.out.flush().map_err(|e| with_path(&self.path, e))?;
        let file = self.out.get_mut();
        file.seek(SeekFrom::Start(0))
            .map_err(|e| with_path(&self.path, e))?;
        Ok(Documents {
            reader: BufReader::with_capacity(1 << 20, file),
            starts: &self.starts,
            path: &self.path,
            next: 0,
            buf: Vec::new(),
        })
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if !self.removed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The documents of a [`Spill`], in order ([`Spill::iter`]).
pub struct Documents<'a> {
    reader: BufReader<&'a mut File>,
    starts: &'a [u64],
    path: &'a Path,
    next: usize,
    buf: Vec<u8>,
}

impl Iterator for Documents<'_> {
    type Item = io::Result<Document>;

    fn next(&mut self) -> Option<io::Result<Document>> {
        let i = self.next;
        let (&start, &end) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.next += 1;
        self.buf.resize((end - start) as usize, 0);
        Some(
            self.reader
                .read_exact(&mut self.buf)
                .map_err(|e| with_path(self.path, e))
                .and_then(|()| decode(&self.buf, self.path, i)),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.starts.len() - 1 - self.next;
        (left, Some(left))
    }
}

fn decode(bytes: &[u8], path: &Path, i: usize) -> io::Result<Document> {
    postcard::from_bytes(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "document {i} of the scratch file {} is damaged: {e}",
                path.display()
            ),
        )
    })
}

fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_as_written_in_order_and_by_place() {
        let corpus = super::super::test_corpus("seeds");
        let dir = std::env::temp_dir().join(format!("concord-spill-test-{}", std::process::id()));
        let mut spill = Spill::create(&dir).unwrap();
        for d in &corpus.documents {
            spill.push(d).unwrap();
        }
        assert_eq!(spill.len(), corpus.documents.len());
        let back: Vec<Document> = spill.iter().unwrap().collect::<io::Result<_>>().unwrap();
        assert_eq!(back, corpus.documents);
        // Read by place, backwards, then in order again: reads do not disturb writes.
        for i in (0..corpus.documents.len()).rev() {
            assert_eq!(spill.get(i).unwrap(), corpus.documents[i]);
        }
        spill.push(&corpus.documents[0]).unwrap();
        assert_eq!(
            spill.get(corpus.documents.len()).unwrap(),
            corpus.documents[0]
        );
        assert_eq!(spill.iter().unwrap().count(), corpus.documents.len() + 1);
        let err = spill.get(99).unwrap_err().to_string();
        assert!(err.contains("no document 99"), "{err}");
        drop(spill);
        // Nothing left behind.
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        std::fs::remove_dir(&dir).unwrap();
    }

    /// A corpus built through the scratch file is the corpus built in memory, document for
    /// document, with the same report; what it holds is the skeleton.
    #[test]
    fn a_spilled_build_is_the_build() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let scratch = std::env::temp_dir().join(format!("concord-spilled-{}", std::process::id()));
        for dir in [
            "seeds",
            "tests/corpora/speeches",
            "tests/corpora/northsea",
            "tests/corpora/harbour",
            "tests/corpora/hostile",
        ] {
            let listed = super::super::folder::list(&root.join(dir)).unwrap();
            let (corpus, report) = super::super::build(&listed).unwrap();
            let spilled = super::super::build_spilled(&listed, &scratch).unwrap();
            assert_eq!(spilled.report, report, "{dir}");
            assert_eq!(
                spilled.corpus,
                crate::shard::text::skeleton(&corpus),
                "{dir}"
            );
            let text: usize = corpus
                .documents
                .iter()
                .flat_map(|d| &d.paragraphs)
                .map(|p| p.text.len())
                .sum();
            assert_eq!(spilled.text_bytes(), text, "{dir}");
            assert_eq!(spilled.into_corpus().unwrap(), (corpus, report), "{dir}");
        }
        // The scratch files are gone with the corpus.
        assert_eq!(std::fs::read_dir(&scratch).unwrap().count(), 0);
        std::fs::remove_dir(&scratch).unwrap();
    }

    /// A scratch folder that cannot be written is an error naming it, before any file is
    /// built.
    #[test]
    fn a_scratch_folder_that_cannot_be_written_is_named() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let listed = super::super::folder::list(&root).unwrap();
        // A file where the folder should be.
        let file =
            std::env::temp_dir().join(format!("concord-not-a-folder-{}", std::process::id()));
        std::fs::write(&file, "x").unwrap();
        let errors = super::super::build_spilled(&listed, &file.join("scratch")).unwrap_err();
        let message = errors.0[0].to_string();
        assert!(
            message.starts_with(&file.join("scratch").display().to_string())
                && message.contains("the build's scratch file")
                && message.contains("Not a directory"),
            "{message}"
        );
        std::fs::remove_file(&file).unwrap();
    }
}
