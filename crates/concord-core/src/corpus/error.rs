//! What can be wrong with a corpus, each error naming its file, line and column, and
//! how it reads.

use super::MAX_FILE_BYTES;
use crate::index::MAX_STATEMENT_TOKENS;
use std::fmt;

/// A problem that stops the corpus from building.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The file at fault, relative to the corpus folder (or the folder itself).
    pub file: String,
    /// 1-based line, where one can be named.
    pub line: Option<u32>,
    /// 1-based column (a spreadsheet catalog's field), where one can be named.
    pub column: Option<u32>,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The bytes are not UTF-8 (first bad byte at this offset).
    NotUtf8 { byte: usize },
    /// The file has NUL bytes: it is not text.
    Binary,
    /// The file has no non-blank line.
    Empty,
    /// The file or folder could not be read.
    Unreadable(String),
    /// The catalog is not valid TOML or breaks a catalog rule.
    Catalog(String),
    /// A catalog date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
    BadDate(String),
    /// Two documents would share an id.
    DuplicateId { id: String, other: String },
    /// The catalog names a file that is not in the corpus.
    MissingFile(String),
    /// Both catalogs describe this file (the other catalog's path and line).
    TwoCatalogs { file: String, other: String },
    /// The folder holds no `.txt` file.
    NoDocuments,
    /// The file is larger than [`MAX_FILE_BYTES`] (its size in bytes).
    TooLarge(u64),
    /// The line has more words than a statement may ([`MAX_STATEMENT_TOKENS`]).
    LineTooLong { words: usize },
    /// The build's scratch file (in the folder named) could not be written or read back.
    Scratch(String),
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{}:{}: ", self.file, line, column)?,
            (Some(line), None) => write!(f, "{}:{}: ", self.file, line)?,
            _ => write!(f, "{}: ", self.file)?,
        }
        match &self.kind {
            ErrorKind::NotUtf8 { byte } => write!(
                f,
                "not UTF-8 (invalid byte at offset {byte}); save the file as UTF-8 (for example with `iconv -f WINDOWS-1252 -t UTF-8`)"
            ),
            ErrorKind::Binary => write!(f, "holds NUL bytes: this is a binary file, not text"),
            ErrorKind::Empty => write!(f, "is empty: a corpus file needs at least a title line"),
            ErrorKind::Unreadable(why) => write!(f, "cannot be read: {why}"),
            ErrorKind::Scratch(why) => write!(
                f,
                "the build's scratch file, where each document goes as it is built, failed: {why} (the folder must be writable, with room for about 2.4 times the corpus's text)"
            ),
            ErrorKind::Catalog(msg) => write!(f, "{msg}"),
            ErrorKind::BadDate(s) => write!(
                f,
                "bad date `{s}`: use YYYY, YYYY-MM or YYYY-MM-DD with a real month and day"
            ),
            ErrorKind::DuplicateId { id, other } => write!(
                f,
                "document id `{id}` is also the id of `{other}`; give one of them another `id` in the catalog"
            ),
            ErrorKind::MissingFile(name) => write!(
                f,
                "the catalog names `{name}`, which is not a .txt file of the corpus"
            ),
            ErrorKind::TwoCatalogs { file, other } => write!(
                f,
                "`{file}` is also described at {other}; describe each file in one catalog only"
            ),
            ErrorKind::NoDocuments => write!(f, "holds no .txt file: nothing to build"),
            ErrorKind::LineTooLong { words } => write!(
                f,
                "this line has {words} words; a paragraph may have at most {MAX_STATEMENT_TOKENS}: break the text into paragraphs (one a line)"
            ),
            ErrorKind::TooLarge(bytes) => write!(
                f,
                "is {:.1} MB; a corpus file may be at most {} MB (one document each): split it into its documents",
                *bytes as f64 / 1e6,
                MAX_FILE_BYTES / 1_000_000
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

/// All the errors of one build, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<CorpusError>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
