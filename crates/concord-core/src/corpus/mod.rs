//! From corpus files to [`Corpus`]: the first stage of the pipeline, run at build time.
//!
//! A corpus is a folder of UTF-8 `.txt` files, one document each, and optional
//! [`catalog`]s (`catalog.toml`, `catalog.csv`). Before any file, [`vocabulary`] counts the
//! corpus's words. Then, for each file (`document.rs`):
//!
//! 1. paragraphs: every non-empty line, or, in a hard-wrapped file, runs of lines joined by
//!    [`reflow`]; numbered from 1 in file order (the number used in links, `p=`);
//! 2. [`transcript`] labels (`Q:`, `MR. SMITH:`) are taken off the paragraphs they open, and
//!    [`layout`] gives each paragraph a role (title, dateline, heading, body, boilerplate,
//!    label);
//! 3. the title is the first line with any leading date taken off (`date 2023-10-10 …`),
//!    unless it is not a title (a salutation, a sentence): then the catalog's, or one made
//!    from the file name;
//! 4. the date comes from the catalog, else the title's leading date, a dateline, the first
//!    body paragraphs or short header lines ([`date`]), else the file name; a day and month
//!    without a year take the catalog's year;
//! 5. body paragraphs become statements, attributed (`attribution.rs`) to a turn label, a
//!    reporting clause ([`speakers`]), the document's speaker, or the narrator;
//! 6. countries mentioned come from the [`gazetteer`](crate::text::gazetteer), the kind of
//!    event from the catalog or cue words in the title and lead;
//! 7. once every document is read, each statement's [`positions`] (who supports, opposes,
//!    calls for … what), resolved through the whole people table.
//!
//! [`build`] holds every document in memory (the embedded form, tests, tools);
//! [`build_spilled`] writes each to a scratch file ([`spill`]) as soon as it is built and
//! holds only the corpus's skeleton, for the sharded build, which reads the documents back
//! one at a time. Both give the same documents.
//!
//! Problems that make a file unusable are errors ([`error`]) naming the file, line and
//! column; everything that
//! was guessed is a note in the [`Report`]. No file is dropped: a corpus that builds has one
//! document per `.txt` file.

mod attribution;
pub mod catalog;
pub mod date;
mod document;
pub mod error;
pub mod folder;
pub mod layout;
pub mod positions;
pub mod reflow;
pub mod report;
pub mod speakers;
pub mod spill;
pub mod transcript;
pub mod vocabulary;

use crate::index::MAX_STATEMENT_TOKENS;
use crate::model::{Corpus, Country, Document, Person};
use crate::text::gazetteer::Gazetteer;
use catalog::{Catalog, CatalogDocument};
pub use document::{guess_kind, title_from_file_name};
pub use error::{CorpusError, ErrorKind, Errors};
pub use report::{DocumentReport, Note, NoteLevel, Report};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A file of the corpus folder, read but not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the corpus folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The largest corpus file read, in bytes. A statement, readout or report is far smaller;
/// a larger file is a dump or an archive and is refused with a message saying so, before it
/// is read.
pub const MAX_FILE_BYTES: u64 = 16_000_000;

/// Everything the builder needs: the corpus files, the catalog, and what the folder reader
/// passed over (reported, never silently dropped).
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The corpus files, with their bytes, or only their paths when [`Input::folder`] is
    /// set.
    pub files: Vec<SourceFile>,
    /// The folder the files were listed in, not read ([`folder::list`]): their `bytes` are
    /// empty, and the builder reads each file from here when it needs it, one at a time,
    /// so that a corpus is never all in memory as files. `None`: the bytes are in `files`.
    pub folder: Option<std::path::PathBuf>,
    /// `catalog.toml`.
    pub catalog: Option<SourceFile>,
    /// `catalog.csv`, the spreadsheet catalog.
    pub catalog_csv: Option<SourceFile>,
    /// Paths not taken as corpus files, with the reason (warnings of the report).
    pub skipped: Vec<(String, String)>,
    /// `.txt` files larger than [`MAX_FILE_BYTES`], with their size (errors of the build).
    pub too_large: Vec<(String, u64)>,
}

/// The catalogs read: `catalog.toml` (whose countries join the gazetteer), then
/// `catalog.csv` (whose countries are resolved by it); the gazetteer, the merged catalog and
/// the spreadsheet's warnings.
fn catalogs(
    input: &Input,
    paths: &HashSet<&str>,
) -> Result<(Gazetteer, Catalog, Vec<Note>), Errors> {
    let mut gazetteer = Gazetteer::built_in();
    let mut catalog = match &input.catalog {
        Some(file) => {
            let text = decode(&file.path, (&file.bytes[..]).into()).map_err(|e| Errors(vec![e]))?;
            let known = |s: &str| gazetteer.countries().iter().any(|c| c.slug == s);
            Catalog::parse(&file.path, &text, known).map_err(Errors)?
        }
        None => Catalog::default(),
    };
    for c in &catalog.countries {
        let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
        let demonyms: Vec<&str> = c.demonyms.iter().map(String::as_str).collect();
        gazetteer.add(&c.slug, &names, &demonyms);
    }
    let mut catalog_notes = Vec::new();
    if let Some(file) = &input.catalog_csv {
        let text = decode(&file.path, (&file.bytes[..]).into()).map_err(|e| Errors(vec![e]))?;
        let country = |v: &str| {
            gazetteer
                .resolve(v)
                .map(str::to_string)
                .ok_or_else(|| gazetteer.suggest(v))
        };
        let exists = |path: &str| paths.contains(path);
        let warnings = catalog::csv::parse(&file.path, &text, &mut catalog, country, exists)
            .map_err(Errors)?;
        catalog_notes.extend(warnings.into_iter().map(|(line, message)| Note {
            file: file.path.clone(),
            line: Some(line),
            level: NoteLevel::Warning,
            message,
        }));
    }
    Ok((gazetteer, catalog, catalog_notes))
}

/// Builds the corpus and its report from files already read.
pub fn build(input: &Input) -> Result<(Corpus, Report), Errors> {
    let mut documents: Vec<Document> = Vec::with_capacity(input.files.len());
    let (builder, added) = build_documents(input, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    crate::sort::by(&mut documents, |a, b| a.id.cmp(&b.id));
    finish(builder, &added, documents, |extractor, documents| {
        for d in documents {
            add_positions(extractor, d);
        }
        Ok(())
    })
}

/// A corpus built through a scratch file ([`build_spilled`]): its skeleton and report in
/// memory, its documents on disk, read back one at a time.
#[derive(Debug)]
pub struct Spilled {
    /// The corpus with its documents' metadata but not their paragraphs and statements
    /// ([`crate::shard::text::skeleton`]), in id order.
    pub corpus: Corpus,
    pub report: Report,
    /// The whole documents, in the same order.
    documents: spill::Spill,
    /// The bytes of the documents' paragraphs' text.
    text_bytes: usize,
}

impl Spilled {
    /// The bytes of the documents' paragraphs' text.
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// The bytes of the scratch file.
    pub fn spill_bytes(&self) -> u64 {
        self.documents.bytes()
    }

    /// Every document, whole, in the order of [`Spilled::corpus`], read one at a time.
    pub fn documents(&mut self) -> std::io::Result<spill::Documents<'_>> {
        self.documents.iter()
    }

    /// The whole corpus in memory and its report, as [`build`] gives them.
    pub fn into_corpus(mut self) -> std::io::Result<(Corpus, Report)> {
        let documents = self
            .documents
            .iter()?
            .collect::<std::io::Result<Vec<_>>>()?;
        let corpus = Corpus {
            documents,
            ..self.corpus
        };
        Ok((corpus, self.report))
    }
}

/// [`build`], holding one document at a time: each is written to a scratch file in
/// folder `scratch` as soon as it is built (then read back in id order, given its
/// positions, and written again), so that what the build holds is the skeleton, not the
/// text. The documents are the ones [`build`] gives, byte for byte.
pub fn build_spilled(input: &Input, scratch: &std::path::Path) -> Result<Spilled, Errors> {
    let scratch_error = |e: std::io::Error| {
        Errors(vec![CorpusError {
            file: scratch.display().to_string(),
            line: None,
            column: None,
            kind: ErrorKind::Scratch(e.to_string()),
        }])
    };
    let mut built = spill::Spill::create(scratch).map_err(scratch_error)?;
    let mut skeletons: Vec<Document> = Vec::with_capacity(input.files.len());
    let mut text_bytes = 0;
    let (builder, added) = build_documents(input, |doc| {
        text_bytes += doc.paragraphs.iter().map(|p| p.text.len()).sum::<usize>();
        skeletons.push(crate::shard::text::skeleton_of(&doc));
        built.push(&doc).map_err(|e| scratch_error(e).0.remove(0))
    })?;
    // The order `build` sorts into (ids are unique: a duplicate is an error).
    let mut keyed: Vec<(usize, Document)> = skeletons.into_iter().enumerate().collect();
    crate::sort::by(&mut keyed, |a, b| a.1.id.cmp(&b.1.id));
    let order: Vec<usize> = keyed.iter().map(|(i, _)| *i).collect();
    let skeletons: Vec<Document> = keyed.into_iter().map(|(_, d)| d).collect();
    // The documents read back in id order, given their positions, into a second file.
    let mut sorted = spill::Spill::create(scratch).map_err(scratch_error)?;
    let (corpus, report) = finish(builder, &added, skeletons, |extractor, _| {
        for &i in &order {
            let mut doc = built.get(i).map_err(scratch_error)?;
            add_positions(extractor, &mut doc);
            sorted.push(&doc).map_err(scratch_error)?;
        }
        Ok(())
    })?;
    Ok(Spilled {
        corpus,
        report,
        documents: sorted,
        text_bytes,
    })
}

/// The end of a build, once every document is built: the report's documents in id order,
/// the countries named, `give_positions` called with the extractor of the whole people
/// table (positions come last: their actors resolve through it) and `documents` (in id
/// order: whole, or the skeletons of documents held elsewhere), the people in the report.
fn finish(
    mut builder: Builder,
    added: &[catalog::CatalogCountry],
    mut documents: Vec<Document>,
    give_positions: impl FnOnce(&positions::Extractor<'_>, &mut [Document]) -> Result<(), Errors>,
) -> Result<(Corpus, Report), Errors> {
    crate::sort::by(&mut builder.report.documents, |a, b| a.id.cmp(&b.id));
    let countries = countries_named(&documents, &builder.people, &builder.gazetteer, added);
    let extractor = positions::Extractor::new(&builder.gazetteer, &builder.people);
    give_positions(&extractor, &mut documents)?;
    drop(extractor);
    builder.report.people = builder.people.clone();
    let corpus = Corpus {
        documents,
        people: builder.people,
        countries,
    };
    Ok((corpus, builder.report))
}

/// Each statement's positions: who supports, opposes, calls for … what, their actors
/// resolved through the whole people table (so found once every document is built).
fn add_positions(extractor: &positions::Extractor<'_>, doc: &mut Document) {
    for s in &mut doc.statements {
        if let Some(p) = doc.paragraphs.get(s.p as usize - 1) {
            s.positions = extractor.extract(&p.text, s.speaker);
        }
    }
}

/// The two passes over the files, a file at a time: the catalogs read, every file checked
/// and its words counted, then every file built into a document, in file order, each
/// handed to `keep` at once. The builder (its people table and report) and the countries
/// the catalog adds.
fn build_documents(
    input: &Input,
    mut keep: impl FnMut(Document) -> Result<(), CorpusError>,
) -> Result<(Builder, Vec<catalog::CatalogCountry>), Errors> {
    let paths: HashSet<&str> = input.files.iter().map(|f| f.path.as_str()).collect();
    let (gazetteer, catalog, catalog_notes) = catalogs(input, &paths)?;
    let entries: HashMap<&str, &CatalogDocument> = catalog
        .documents
        .iter()
        .map(|d| (d.file.as_str(), d))
        .collect();
    let mut errors = missing_and_too_large(input, &catalog, &paths);
    // First pass, a file at a time: every file decoded and checked, so that all broken
    // files are reported together, and its words counted (the rules of the second pass
    // read the whole corpus's vocabulary).
    let mut vocabulary = vocabulary::Vocabulary::default();
    let mut files: Vec<&SourceFile> = Vec::with_capacity(input.files.len());
    for file in &input.files {
        match input.text_of(file) {
            Ok(text) => {
                errors.extend(too_long_lines(file, &text));
                vocabulary.add(&text);
                files.push(file);
            }
            Err(e) => errors.push(e),
        }
    }
    errors.extend(duplicate_ids(&files, &entries));
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut builder = Builder {
        gazetteer,
        vocabulary,
        people: catalog
            .people
            .iter()
            .map(|p| Person {
                id: p.id.clone(),
                name: p.name.clone(),
                country: p.country.clone(),
                role: p.role.clone(),
                aliases: p.aliases.clone(),
                guessed: false,
            })
            .collect(),
        people_names: attribution::PeopleNames::default(),
        report: Report {
            corpus_files: input.files.len(),
            skipped: input.skipped.clone(),
            // What was left out is said, as a warning naming the path.
            notes: input
                .skipped
                .iter()
                .map(|(path, why)| Note {
                    file: path.clone(),
                    line: None,
                    level: NoteLevel::Warning,
                    message: format!("not read: {why}"),
                })
                .chain(catalog_notes)
                .collect(),
            ..Report::default()
        },
    };
    // Second pass, a file at a time: each file read and decoded again, and built.
    for file in files {
        let text = input.text_of(file).map_err(|e| Errors(vec![e]))?;
        let entry = entries.get(file.path.as_str()).copied();
        keep(builder.document(file, &text, entry)).map_err(|e| Errors(vec![e]))?;
    }
    // The vocabulary served the second pass only.
    builder.vocabulary = vocabulary::Vocabulary::default();
    let Catalog { countries, .. } = catalog;
    Ok((builder, countries))
}

/// Catalog entries whose file is not in the corpus, files too large to read, and a corpus
/// with no documents at all.
fn missing_and_too_large(
    input: &Input,
    catalog: &Catalog,
    paths: &HashSet<&str>,
) -> Vec<CorpusError> {
    let mut errors = Vec::new();
    for d in &catalog.documents {
        if !paths.contains(d.file.as_str()) {
            errors.push(CorpusError {
                file: d.catalog.clone(),
                line: Some(d.line),
                column: None,
                kind: ErrorKind::MissingFile(d.file.clone()),
            });
        }
    }
    for (path, bytes) in &input.too_large {
        errors.push(CorpusError {
            file: path.clone(),
            line: None,
            column: None,
            kind: ErrorKind::TooLarge(*bytes),
        });
    }
    if input.files.is_empty() && input.too_large.is_empty() {
        errors.push(CorpusError {
            file: ".".into(),
            line: None,
            column: None,
            kind: ErrorKind::NoDocuments,
        });
    }

    errors
}

/// Two files with one id (the catalog's, or the file name's).
fn duplicate_ids(
    files: &[&SourceFile],
    entries: &HashMap<&str, &CatalogDocument>,
) -> Vec<CorpusError> {
    let mut errors = Vec::new();
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    for file in files {
        let entry = entries.get(file.path.as_str());
        let id = document_id(&file.path, entry.copied());
        if let Some(other) = ids.insert(id.clone(), &file.path) {
            errors.push(CorpusError {
                file: match entry.filter(|e| e.id.is_some()) {
                    Some(e) => e.catalog.clone(),
                    None => file.path.clone(),
                },
                line: entry.filter(|e| e.id.is_some()).map(|e| e.line),
                column: None,
                kind: ErrorKind::DuplicateId {
                    id,
                    other: other.to_string(),
                },
            });
        }
    }
    errors
}

/// The countries the documents mention and the people come from, with their names (and,
/// for the countries the catalog adds, its other names and demonyms).
fn countries_named(
    documents: &[Document],
    people: &[Person],
    gazetteer: &Gazetteer,
    added: &[catalog::CatalogCountry],
) -> Vec<Country> {
    let mut slugs: Vec<&str> = documents
        .iter()
        .flat_map(|d| d.countries.iter().map(String::as_str))
        .chain(people.iter().filter_map(|p| p.country.as_deref()))
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs
        .into_iter()
        .map(|slug| {
            let added = added.iter().find(|c| c.slug == slug);
            Country {
                slug: slug.to_string(),
                name: gazetteer
                    .countries()
                    .iter()
                    .find(|c| c.slug == slug)
                    .map_or_else(|| slug.to_string(), |c| c.name.clone()),
                other_names: added.map_or_else(Vec::new, |c| c.names.clone()),
                demonyms: added.map_or_else(Vec::new, |c| c.demonyms.clone()),
            }
        })
        .collect()
}

/// The id of a file: the catalog's, else the file name without folders and extension.
fn document_id(path: &str, entry: Option<&CatalogDocument>) -> String {
    if let Some(id) = entry.and_then(|e| e.id.clone()) {
        return id;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

impl Input {
    /// The text of corpus file `file`: its bytes, or read from [`Input::folder`], decoded
    /// (UTF-8, a byte-order mark removed).
    pub fn text_of(&self, file: &SourceFile) -> Result<String, CorpusError> {
        match &self.folder {
            None => decode(&file.path, std::borrow::Cow::Borrowed(&file.bytes)),
            Some(dir) => {
                let bytes = std::fs::read(dir.join(&file.path)).map_err(|e| CorpusError {
                    file: file.path.clone(),
                    line: None,
                    column: None,
                    kind: ErrorKind::Unreadable(e.to_string()),
                })?;
                decode(&file.path, std::borrow::Cow::Owned(bytes))
            }
        }
    }
}

/// UTF-8 text of a file (a byte-order mark removed), or the error naming the line. Bytes
/// of its own become the text without a copy.
fn decode(path: &str, bytes: std::borrow::Cow<'_, [u8]>) -> Result<String, CorpusError> {
    let err = |line, kind| CorpusError {
        file: path.to_string(),
        line,
        column: None,
        kind,
    };
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err(err(Some(line_of_byte(body, at)), ErrorKind::Binary));
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        err(
            Some(line_of_byte(body, at)),
            ErrorKind::NotUtf8 { byte: at },
        )
    })?;
    if text.trim().is_empty() {
        return Err(err(None, ErrorKind::Empty));
    }
    Ok(match bytes {
        std::borrow::Cow::Owned(mut v) => {
            if v.starts_with(BOM) {
                v.drain(..BOM.len());
            }
            String::from_utf8(v).expect("checked above")
        }
        std::borrow::Cow::Borrowed(_) => text.to_string(),
    })
}

/// The lines of `text` with more than [`MAX_STATEMENT_TOKENS`] tokens (only lines that long
/// in bytes are tokenized).
fn too_long_lines(file: &SourceFile, text: &str) -> Vec<CorpusError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.len() > MAX_STATEMENT_TOKENS)
        .filter_map(|(i, l)| {
            let words = crate::text::analyze::token_ranges(l).len();
            (words > MAX_STATEMENT_TOKENS).then(|| CorpusError {
                file: file.path.clone(),
                line: Some(i as u32 + 1),
                column: None,
                kind: ErrorKind::LineTooLong { words },
            })
        })
        .collect()
}

fn line_of_byte(bytes: &[u8], at: usize) -> u32 {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

struct Builder {
    gazetteer: Gazetteer,
    vocabulary: vocabulary::Vocabulary,
    people: Vec<Person>,
    /// `people`'s names, indexed as people are added.
    people_names: attribution::PeopleNames,
    report: Report,
}

/// A corpus of this repository (`seeds`, `tests/corpora/…`), built: for unit tests.
#[cfg(test)]
pub(crate) fn test_corpus(dir: &str) -> Corpus {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    build(&folder::read(&root).expect("the test corpus reads"))
        .expect("the test corpus builds")
        .0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateOrigin, Role};

    fn input(files: &[(&str, &[u8])], catalog: Option<&str>) -> Input {
        Input {
            files: files
                .iter()
                .map(|(p, b)| SourceFile {
                    path: p.to_string(),
                    bytes: b.to_vec(),
                })
                .collect(),
            catalog: catalog.map(|c| SourceFile {
                path: "catalog.toml".into(),
                bytes: c.as_bytes().to_vec(),
            }),
            catalog_csv: None,
            skipped: vec![],
            too_large: vec![],
            folder: None,
        }
    }

    fn errors(i: &Input) -> Vec<String> {
        build(i)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn kinds() {
        assert_eq!(
            guess_kind("Envoy has phone call with minister", "").as_deref(),
            Some("envoy-call")
        );
        assert_eq!(
            guess_kind("A talks with B", "On Monday, A spoke with B on the phone.").as_deref(),
            Some("phone-call")
        );
        assert_eq!(
            guess_kind("A in Beijing", "A met B.").as_deref(),
            Some("meeting")
        );
        assert_eq!(guess_kind("Weather report", "It rained."), None);
    }

    #[test]
    fn bad_files_are_named_with_their_line() {
        let e = errors(&input(&[("a.txt", b"Title\n\nBody \xE9t\xE9.\n")], None));
        assert_eq!(e, ["a.txt:3: not UTF-8 (invalid byte at offset 12); save the file as UTF-8 (for example with `iconv -f WINDOWS-1252 -t UTF-8`)"]);
        let e = errors(&input(&[("a.txt", b" \n\t\n")], None));
        assert_eq!(
            e,
            ["a.txt: is empty: a corpus file needs at least a title line"]
        );
        let e = errors(&input(&[("a.txt", b"T\nx\0y")], None));
        assert_eq!(
            e,
            ["a.txt:2: holds NUL bytes: this is a binary file, not text"]
        );
    }

    #[test]
    fn duplicate_ids_and_missing_files() {
        let e = errors(&input(
            &[("x/a.txt", b"T\nB."), ("y/a.txt", b"T\nB.")],
            None,
        ));
        assert_eq!(e, ["y/a.txt: document id `a` is also the id of `x/a.txt`; give one of them another `id` in the catalog"]);
        let e = errors(&input(
            &[("a.txt", b"T\nB."), ("b.txt", b"T\nB.")],
            Some("[[document]]\nfile = \"b.txt\"\nid = \"a\"\n\n[[document]]\nfile = \"c.txt\"\n"),
        ));
        assert_eq!(e, [
            "catalog.toml:6: the catalog names `c.txt`, which is not a .txt file of the corpus",
            "catalog.toml:2: document id `a` is also the id of `a.txt`; give one of them another `id` in the catalog",
        ]);
    }

    #[test]
    fn all_errors_at_once() {
        let e = errors(&input(&[("a.txt", b""), ("b.txt", b"\xff")], None));
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn a_small_document() {
        let (corpus, report) = build(&input(
            &[(
                "memo.txt",
                "date 2022-03-04 Ministers Talk\n\nKenyan Foreign Minister Amina Odhiambo said the talks went well.\nShe added that more would follow.\n“We are close,” she said.\nShare this\n".as_bytes(),
            )],
            None,
        ))
        .unwrap();
        let d = &corpus.documents[0];
        assert_eq!(d.title, "Ministers Talk");
        assert_eq!(d.date.date.unwrap().to_string(), "2022-03-04");
        assert_eq!(d.date.origin, DateOrigin::Text { line: 1 });
        assert_eq!(d.statements.len(), 3);
        assert_eq!(d.paragraphs.last().unwrap().role, Role::Boilerplate);
        let who: Vec<Option<&str>> = d
            .statements
            .iter()
            .map(|s| s.speaker.map(|p| corpus.people[p as usize].id.as_str()))
            .collect();
        assert_eq!(who, [Some("amina-odhiambo"); 3]);
        assert_eq!(corpus.people[0].country.as_deref(), Some("kenya"));
        assert!(corpus.people[0].guessed);
        assert_eq!(d.countries, ["kenya"]);
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.corpus_files, 1);
    }

    /// Regression: a participle's phrase naming someone between the subject and the verb
    /// gave the statement to the person it named.
    #[test]
    fn a_participle_phrase_naming_someone_keeps_the_subject() {
        let (corpus, _) = build(&input(
            &[(
                "talks.txt",
                "Talks End\n\nEnvoy Piet Graaf met Foreign Minister Ana Lopez.\nGraaf, speaking after talks with Foreign Minister Ana Lopez, said the talks went well.\nThe envoy, Ana Lopez, said more would follow.\n".as_bytes(),
            )],
            None,
        ))
        .unwrap();
        let who: Vec<Option<&str>> = corpus.documents[0]
            .statements
            .iter()
            .map(|s| s.speaker.map(|p| corpus.people[p as usize].id.as_str()))
            .collect();
        assert_eq!(who, [None, Some("graaf"), Some("ana-lopez")]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any text builds (or is refused as empty) without panicking, and the document keeps
        /// every non-empty line, in order (one paragraph each, or joined if the text reads as
        /// hard-wrapped), with statements only from body text.
        #[test]
        fn any_text_builds_with_its_invariants(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    "\\PC{0,80}",
                    "(Xi|He|The Chinese president|“We|Share|Updated|On 20 July,|date 2023-10-10) [a-z ,.“”\"]{0,40}(said|added|stressed)?[ .]{0,2}",
                    "[ \t\u{a0}]{0,3}",
                ],
                0..25,
            )
        ) {
            let text = lines.join("\n");
            let built = build(&input(&[("t.txt", text.as_bytes())], None));
            let expected: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            match built {
                Err(e) => proptest::prop_assert!(expected.is_empty(), "{e}"),
                Ok((corpus, report)) => {
                    let d = &corpus.documents[0];
                    let got: Vec<String> = d.paragraphs.iter().flat_map(|p| p.lines()).collect();
                    proptest::prop_assert_eq!(got, expected);
                    for (i, p) in d.paragraphs.iter().enumerate() {
                        proptest::prop_assert_eq!(p.n as usize, i + 1);
                    }
                    for s in &d.statements {
                        proptest::prop_assert_eq!(d.paragraph(s.p).unwrap().role, Role::Body);
                        if let Some(sp) = s.speaker {
                            proptest::prop_assert!((sp as usize) < corpus.people.len());
                        }
                    }
                    proptest::prop_assert_eq!(report.documents.len(), 1);
                    // The embedded form gives back the same corpus, text byte for byte.
                    let embedded = crate::embed::decode(&crate::embed::encode(&corpus));
                    proptest::prop_assert_eq!(embedded.map(|e| e.corpus), Ok(corpus));
                }
            }
        }

        #[test]
        fn found_dates_are_valid_and_on_char_boundaries(text in "\\PC{0,120}") {
            for f in date::find_dates(&text) {
                proptest::prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
                proptest::prop_assert!(f.year.is_none() || f.date().is_some());
            }
        }
    }

    /// Regression: a labelled turn whose text is no longer than its label ("A: No.") was
    /// taken for a label line and lost as a statement.
    #[test]
    fn a_short_labelled_answer_is_a_statement() {
        let (corpus, _) = build(&input(
            &[(
                "t.txt",
                b"Briefing\nQ: Will the talks resume?\nA: No.\nQ: Why?\nA: Ask them.\n",
            )],
            None,
        ))
        .unwrap();
        let d = &corpus.documents[0];
        assert_eq!(d.with_role(Role::Label).count(), 0);
        let texts: Vec<&str> = d
            .statements
            .iter()
            .map(|s| d.paragraph(s.p).unwrap().text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Will the talks resume?", "No.", "Why?", "Ask them."]
        );
    }

    #[test]
    fn catalog_year_completes_a_yearless_date() {
        let (corpus, _) = build(&input(
            &[("a.txt", b"A Call\nOn 20 July, A spoke with B.\n")],
            Some("[[document]]\nfile = \"a.txt\"\ndate = \"2020\"\n"),
        ))
        .unwrap();
        let date = &corpus.documents[0].date;
        assert_eq!(date.date.unwrap().to_string(), "2020-07-20");
        assert_eq!(date.origin, DateOrigin::TextAndCatalog { line: 2 });
    }

    /// A folder listed, its files read one at a time by the builder, builds as the folder
    /// read whole: the same corpus and report on every corpus of the repository, the same
    /// errors for broken files (a byte-order mark, NUL bytes, bad UTF-8); a file gone
    /// between listing and building is an error naming it.
    #[test]
    fn a_listed_folder_builds_as_a_read_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for dir in [
            "seeds",
            "tests/corpora/formulas",
            "tests/corpora/harbour",
            "tests/corpora/northsea",
            "tests/corpora/speeches",
            "tests/corpora/hostile",
        ] {
            let (read, listed) = (
                folder::read(&root.join(dir)).unwrap(),
                folder::list(&root.join(dir)).unwrap(),
            );
            assert!(listed.files.iter().all(|f| f.bytes.is_empty()), "{dir}");
            let (a, ra) = build(&read).unwrap();
            let (b, rb) = build(&listed).unwrap();
            assert!(a == b, "{dir}: the corpora differ");
            assert_eq!(ra.to_string(), rb.to_string(), "{dir}");
        }
        let dir = std::env::temp_dir().join(format!("concord-listed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("bom.txt"),
            b"\xEF\xBB\xBFTitle\n\nChina said peace.\n",
        )
        .unwrap();
        std::fs::write(dir.join("ok.txt"), "Title\n\nEgypt said peace.\n").unwrap();
        let (a, _) = build(&folder::read(&dir).unwrap()).unwrap();
        let (b, _) = build(&folder::list(&dir).unwrap()).unwrap();
        assert!(a == b);
        assert_eq!(b.documents[0].title, "Title");
        std::fs::write(dir.join("nul.txt"), b"Title\n\nA\0B\n").unwrap();
        std::fs::write(dir.join("latin.txt"), b"Title\n\ncaf\xE9\n").unwrap();
        let errors = |input: &Input| build(input).unwrap_err().to_string();
        let read_errors = errors(&folder::read(&dir).unwrap());
        assert_eq!(errors(&folder::list(&dir).unwrap()), read_errors);
        assert!(read_errors.contains("nul.txt") && read_errors.contains("latin.txt"));
        let listed = folder::list(&dir).unwrap();
        std::fs::remove_file(dir.join("ok.txt")).unwrap();
        let gone = errors(&listed);
        assert!(gone.contains("ok.txt"), "{gone}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
