//! Text shards: whole documents — their paragraphs, and their statements with speakers and
//! positions — with each indexed statement's word ids, a run of consecutive documents a
//! shard. The manifest's corpus is the skeleton ([`skeleton`]): every document's metadata,
//! no paragraph and no statement, until its text shard is loaded ([`super::load_text`]).

use crate::model::{Corpus, Document, Paragraph, Statement};
use serde::{Deserialize, Serialize};

/// The size a text shard is cut at, in bytes: a page of results reads a handful.
pub const TARGET: usize = 64 * 1024;

/// One text shard: documents `first..first + docs.len()`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub first: u32,
    pub docs: Vec<DocText>,
}

/// A document's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocText {
    pub paragraphs: Vec<Paragraph>,
    pub statements: Vec<Statement>,
    /// Word ids of each of the document's indexed statements, in order.
    pub words: Vec<Vec<u32>>,
}

/// `corpus` without its documents' paragraphs and statements: what the manifest carries.
/// Copied field by field, never the text (a copy of the whole corpus was the build's peak).
pub fn skeleton(corpus: &Corpus) -> Corpus {
    Corpus {
        documents: corpus.documents.iter().map(skeleton_of).collect(),
        people: corpus.people.clone(),
        countries: corpus.countries.clone(),
    }
}

/// `doc` without its paragraphs and statements (see [`skeleton`]).
pub fn skeleton_of(d: &Document) -> Document {
    Document {
        id: d.id.clone(),
        file: d.file.clone(),
        title: d.title.clone(),
        title_origin: d.title_origin,
        date: d.date.clone(),
        source: d.source.clone(),
        kind: d.kind.clone(),
        participants: d.participants.clone(),
        speaker: d.speaker,
        reflowed: d.reflowed,
        countries: d.countries.clone(),
        paragraphs: Vec::new(),
        statements: Vec::new(),
    }
}

/// A document's text as its shard carries it: `doc`'s paragraphs and statements cloned, with
/// its statements' word ids from `index`.
#[cfg(feature = "build")]
pub fn doc_text(index: &crate::index::Index, d: u32, doc: &Document) -> DocText {
    DocText {
        paragraphs: doc.paragraphs.clone(),
        statements: doc.statements.clone(),
        words: doc_words(index, d),
    }
}

/// [`doc_text`], the paragraphs and statements taken out of `doc` rather than cloned (the
/// sharded build, which drops each document's text once its shard is written).
#[cfg(feature = "build")]
pub fn take_doc_text(index: &crate::index::Index, d: u32, doc: &mut Document) -> DocText {
    DocText {
        paragraphs: std::mem::take(&mut doc.paragraphs),
        statements: std::mem::take(&mut doc.statements),
        words: doc_words(index, d),
    }
}

#[cfg(feature = "build")]
fn doc_words(index: &crate::index::Index, d: u32) -> Vec<Vec<u32>> {
    index
        .doc_statements(d)
        .map(|s| index.tokens(s).to_vec())
        .collect()
}

/// Cuts the documents' texts (every document's, in order) into shards of about `target`
/// bytes: documents are added whole while they fit; a document bigger than a shard is a
/// shard of its own. Each shard goes to `each` as soon as it is full (the build writes it,
/// and holds one shard's copy of the text at a time); stops at `each`'s first error.
#[cfg(feature = "build")]
pub fn cut_each<E>(
    docs: impl IntoIterator<Item = DocText>,
    target: usize,
    mut each: impl FnMut(Shard) -> Result<(), E>,
) -> Result<(), E> {
    let mut shard = Shard::default();
    let mut size = 0;
    for (d, text) in docs.into_iter().enumerate() {
        let len = postcard::to_allocvec(&text).map_or(0, |b| b.len());
        if !shard.docs.is_empty() && size + len > target {
            each(std::mem::take(&mut shard))?;
            size = 0;
        }
        if shard.docs.is_empty() {
            shard.first = d as u32;
        }
        shard.docs.push(text);
        size += len;
    }
    if !shard.docs.is_empty() {
        each(shard)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton is the corpus with every document's paragraphs and statements taken
    /// out, and nothing else changed.
    #[test]
    fn the_skeleton_is_the_corpus_without_text() {
        for dir in ["seeds", "tests/corpora/speeches", "tests/corpora/harbour"] {
            let corpus = crate::corpus::test_corpus(dir);
            let mut want = corpus.clone();
            for d in &mut want.documents {
                d.paragraphs.clear();
                d.statements.clear();
            }
            assert!(skeleton(&corpus) == want, "{dir}");
        }
    }
}
