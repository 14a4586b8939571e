//! From corpus files to [`Corpus`]: the first stage of the pipeline, run at build time.
//!
//! A corpus is a folder of UTF-8 `.txt` files, one document each, and an optional
//! [`catalog`] (`catalog.toml`). For each file:
//!
//! 1. every non-empty line is a paragraph, numbered from 1 in file order (the number used in
//!    links, `p=`); blank lines only separate;
//! 2. [`layout`] gives each paragraph a role (title, dateline, heading, body, boilerplate);
//! 3. the title is the first line with any leading date taken off (`date 2023-10-10 …`);
//! 4. the date comes from the catalog, else the title's leading date, a dateline, or the first
//!    body paragraphs ([`date`]); a day and month without a year take the catalog's year;
//! 5. body paragraphs become statements, attributed by [`speakers`];
//! 6. countries mentioned come from the [`gazetteer`](crate::text::gazetteer), the kind of
//!    event from the catalog or cue words in the title and lead.
//!
//! Problems that make a file unusable are errors naming the file and line; everything that
//! was guessed is a note in the [`Report`]. No file is dropped: a corpus that builds has one
//! document per `.txt` file.

pub mod catalog;
pub mod date;
pub mod folder;
pub mod layout;
pub mod reflow;
pub mod report;
pub mod speakers;
pub mod transcript;
pub mod vocabulary;

use crate::index::MAX_STATEMENT_TOKENS;
use crate::model::{
    Attribution, Corpus, Country, DateOrigin, DocDate, Document, Paragraph, Person, Role,
    Statement, TitleOrigin,
};
use crate::text::gazetteer::Gazetteer;
use crate::text::{collapse_space, lexicon, name_key, slug, tokens, Token};
use catalog::{Catalog, CatalogDocument};
pub use report::{DocumentReport, Note, NoteLevel, Report};
use speakers::{Attributor, Context, NameIndex};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

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
    pub files: Vec<SourceFile>,
    /// `catalog.toml`.
    pub catalog: Option<SourceFile>,
    /// `catalog.csv`, the spreadsheet catalog.
    pub catalog_csv: Option<SourceFile>,
    /// Paths not taken as corpus files, with the reason (warnings of the report).
    pub skipped: Vec<(String, String)>,
    /// `.txt` files larger than [`MAX_FILE_BYTES`], with their size (errors of the build).
    pub too_large: Vec<(String, u64)>,
}

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

/// Builds the corpus and its report from files already read.
pub fn build(input: &Input) -> Result<(Corpus, Report), Errors> {
    let mut gazetteer = Gazetteer::built_in();
    let catalog = match &input.catalog {
        Some(file) => {
            let text = decode(file).map_err(|e| Errors(vec![e]))?;
            let known = |s: &str| gazetteer.countries().iter().any(|c| c.slug == s);
            Catalog::parse(&file.path, &text, known).map_err(Errors)?
        }
        None => Catalog::default(),
    };
    let mut catalog = catalog;
    for c in &catalog.countries {
        let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
        let demonyms: Vec<&str> = c.demonyms.iter().map(String::as_str).collect();
        gazetteer.add(&c.slug, &names, &demonyms);
    }
    let mut catalog_notes = Vec::new();
    if let Some(file) = &input.catalog_csv {
        let text = decode(file).map_err(|e| Errors(vec![e]))?;
        let country = |v: &str| {
            gazetteer
                .resolve(v)
                .map(str::to_string)
                .ok_or_else(|| gazetteer.suggest(v))
        };
        let exists = |path: &str| input.files.iter().any(|f| f.path == path);
        let warnings = catalog::csv::parse(&file.path, &text, &mut catalog, country, exists)
            .map_err(Errors)?;
        catalog_notes.extend(warnings.into_iter().map(|(line, message)| Note {
            file: file.path.clone(),
            line: Some(line),
            level: NoteLevel::Warning,
            message,
        }));
    }

    let mut errors = Vec::new();
    let entries: HashMap<&str, &CatalogDocument> = catalog
        .documents
        .iter()
        .map(|d| (d.file.as_str(), d))
        .collect();
    for d in &catalog.documents {
        if !input.files.iter().any(|f| f.path == d.file) {
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

    // Decode every file first, so that all broken files are reported together.
    let mut files: Vec<(&SourceFile, String)> = Vec::new();
    for file in &input.files {
        match decode(file) {
            Ok(text) => {
                errors.extend(too_long_lines(file, &text));
                files.push((file, text));
            }
            Err(e) => errors.push(e),
        }
    }

    // Ids must be unique.
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    for (file, _) in &files {
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
    if !errors.is_empty() {
        return Err(Errors(errors));
    }

    let mut builder = Builder {
        gazetteer,
        vocabulary: vocabulary::Vocabulary::of(files.iter().map(|(_, text)| text.as_str())),
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
    let mut documents: Vec<Document> = files
        .iter()
        .map(|(file, text)| builder.document(file, text, entries.get(file.path.as_str()).copied()))
        .collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    builder.report.documents.sort_by(|a, b| a.id.cmp(&b.id));
    let mut slugs: Vec<&str> = documents
        .iter()
        .flat_map(|d| d.countries.iter().map(String::as_str))
        .chain(builder.people.iter().filter_map(|p| p.country.as_deref()))
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    let countries = slugs
        .into_iter()
        .map(|slug| Country {
            slug: slug.to_string(),
            name: builder
                .gazetteer
                .countries()
                .iter()
                .find(|c| c.slug == slug)
                .map_or_else(|| slug.to_string(), |c| c.name.clone()),
        })
        .collect();
    let corpus = Corpus {
        documents,
        people: builder.people,
        countries,
    };
    builder.report.people = corpus.people.clone();
    Ok((corpus, builder.report))
}

/// The id of a file: the catalog's, else the file name without folders and extension.
fn document_id(path: &str, entry: Option<&CatalogDocument>) -> String {
    if let Some(id) = entry.and_then(|e| e.id.clone()) {
        return id;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

/// UTF-8 text of a file (a byte-order mark removed), or the error naming the line.
fn decode(file: &SourceFile) -> Result<String, CorpusError> {
    let err = |line, kind| CorpusError {
        file: file.path.clone(),
        line,
        column: None,
        kind,
    };
    let bytes = file
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&file.bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(err(Some(line_of_byte(bytes, at)), ErrorKind::Binary));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        err(
            Some(line_of_byte(bytes, at)),
            ErrorKind::NotUtf8 { byte: at },
        )
    })?;
    if text.trim().is_empty() {
        return Err(err(None, ErrorKind::Empty));
    }
    Ok(text.to_string())
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
    report: Report,
}

impl Builder {
    fn document(
        &mut self,
        file: &SourceFile,
        text: &str,
        entry: Option<&CatalogDocument>,
    ) -> Document {
        let id = document_id(&file.path, entry);
        let mut notes: Vec<Note> = Vec::new();
        let mut note = |line: Option<u32>, level: NoteLevel, message: String| {
            notes.push(Note {
                file: file.path.clone(),
                line,
                level,
                message,
            })
        };

        // 1. Paragraphs: one a line, or lines joined in a hard-wrapped file.
        let lines: Vec<reflow::Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, raw)| reflow::Line {
                number: i as u32 + 1,
                raw,
            })
            .collect();
        let reflowed = reflow::is_hard_wrapped(&lines);
        let joined: Vec<reflow::Joined> = if reflowed {
            reflow::join(&lines, |t| transcript::label(t).is_some(), &self.vocabulary)
        } else {
            lines
                .iter()
                .filter(|l| !l.raw.trim().is_empty())
                .map(|l| reflow::Joined {
                    line: l.number,
                    text: l.raw.trim().to_string(),
                    breaks: Vec::new(),
                })
                .collect()
        };
        if reflowed {
            note(
                None,
                NoteLevel::Guess,
                format!(
                    "hard-wrapped: {} lines joined into {} paragraphs",
                    lines.iter().filter(|l| !l.raw.trim().is_empty()).count(),
                    joined.len()
                ),
            );
        }

        // 2. Transcript labels, then roles.
        let labels: Vec<Option<transcript::Label<'_>>> =
            joined.iter().map(|j| transcript::label(&j.text)).collect();
        let is_transcript = labels.iter().flatten().count() >= transcript::MIN_LABELS;
        let mut paragraphs: Vec<Paragraph> = joined
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (j, label))| {
                let label = label
                    .as_ref()
                    .filter(|l| is_transcript && l.raw.len() < j.text.len());
                let cut = label.map_or(0, |l| l.raw.len());
                Paragraph {
                    n: i as u32 + 1,
                    line: j.line,
                    role: Role::Body,
                    text: j.text[cut..].to_string(),
                    breaks: j
                        .breaks
                        .iter()
                        .map(|b| crate::model::LineBreak {
                            at: b.at.saturating_sub(cut as u32),
                            joint: b.joint,
                        })
                        .collect(),
                    label: label.map(|l| l.raw.to_string()),
                }
            })
            .collect();
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let roles = layout::roles(&texts);
        for ((p, role), label) in paragraphs.iter_mut().zip(roles).zip(&labels) {
            p.role = match label {
                Some(l) if is_transcript && l.raw.len() >= p.text.len() => Role::Label,
                Some(_) if p.label.is_some() => Role::Body,
                _ => role,
            };
        }

        // 3. Title.
        let first_text = paragraphs[0].text.clone();
        let first_line = paragraphs[0].line;
        let leading = date::leading_date(&first_text);
        let candidate = leading
            .as_ref()
            .map_or(first_text.as_str(), |(_, rest)| rest);
        let not_a_title = layout::not_a_title(candidate)
            || paragraphs[0].label.is_some()
            || paragraphs[0].role == Role::Label;
        if not_a_title && paragraphs[0].role == Role::Title {
            paragraphs[0].role = Role::Body;
        }
        let (title, title_origin) = if let Some(t) = entry.and_then(|e| e.title.clone()) {
            (t, TitleOrigin::Catalog)
        } else if paragraphs[0].role == Role::Title {
            let t = collapse_space(
                leading
                    .as_ref()
                    .map_or(first_text.as_str(), |(_, rest)| rest),
            );
            (t, TitleOrigin::FirstLine)
        } else if let Some(t) = title_from_file_name(&file.path) {
            note(
                Some(first_line),
                NoteLevel::Guess,
                format!("the first line is not a title, so the title `{t}` is made from the file name; set `title` in the catalog"),
            );
            (t, TitleOrigin::FileName)
        } else {
            let words: Vec<&str> = first_text.split_whitespace().take(12).collect();
            note(
                Some(first_line),
                NoteLevel::Guess,
                "the first line is not a title and the file name has no words, so the title is the first line's first words; set `title` in the catalog".into(),
            );
            (format!("{}…", words.join(" ")), TitleOrigin::FirstWords)
        };
        // A title's leading date only counts when the title is the first line.
        let leading = leading.filter(|_| paragraphs[0].role == Role::Title);

        // 4. Date.
        let date = self.date(
            &file.path,
            &paragraphs,
            leading.map(|(d, _)| d),
            entry,
            &mut note,
        );

        // 5. Kind, then statements.
        let body: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.role == Role::Body).collect();
        let kind = match entry.and_then(|e| e.kind.clone()) {
            Some(k) => Some(k),
            None => {
                let lead = body.first().map_or("", |p| p.text.as_str());
                let guess = guess_kind(&title, lead);
                match &guess {
                    Some(k) => note(
                        None,
                        NoteLevel::Guess,
                        format!("kind `{k}` guessed from the title and first paragraph"),
                    ),
                    None => note(
                        None,
                        NoteLevel::Guess,
                        "kind of event not found; set `kind` in the catalog".into(),
                    ),
                }
                guess
            }
        };
        let body_texts: Vec<&str> = body.iter().map(|p| p.text.as_str()).collect();
        // Each body paragraph's turn label: its own, or that of a label line just before it.
        let mut turn_labels: Vec<Option<String>> = Vec::with_capacity(body.len());
        let mut pending: Option<String> = None;
        for p in &paragraphs {
            match p.role {
                Role::Label => pending = Some(p.text.clone()),
                Role::Body => turn_labels.push(p.label.clone().or(pending.take())),
                _ => {}
            }
        }
        let shape = Shape {
            title: &title,
            transcript: is_transcript,
            turn_labels,
        };
        let (statements, participants, speaker) =
            self.statements(&body, &body_texts, entry, &shape, &mut note);

        // 6. Countries, source.
        let mut countries: Vec<String> = Vec::new();
        for p in paragraphs
            .iter()
            .filter(|p| matches!(p.role, Role::Title | Role::Heading | Role::Body))
        {
            for c in self.gazetteer.countries_in(&p.text) {
                if !countries.contains(&c) {
                    countries.push(c);
                }
            }
        }
        let source = entry.and_then(|e| e.source.clone());
        if source.is_none() {
            note(
                None,
                NoteLevel::Guess,
                "source unknown; set `source` in the catalog".into(),
            );
        }
        if statements.is_empty() {
            note(
                None,
                NoteLevel::Warning,
                "no body paragraph: the document has no statements".into(),
            );
        }

        self.report.documents.push(DocumentReport {
            id: id.clone(),
            file: file.path.clone(),
            paragraphs: paragraphs.len(),
            statements: statements.len(),
            attributed: statements.iter().filter(|s| s.speaker.is_some()).count(),
            boilerplate_lines: paragraphs
                .iter()
                .filter(|p| p.role == Role::Boilerplate)
                .map(|p| p.line)
                .collect(),
            date: date.clone(),
            reflowed,
        });
        self.report.notes.extend(notes);

        Document {
            id,
            file: file.path.clone(),
            title,
            title_origin,
            date,
            source,
            kind,
            participants,
            speaker,
            reflowed,
            countries,
            paragraphs,
            statements,
        }
    }

    fn date(
        &self,
        path: &str,
        paragraphs: &[Paragraph],
        title_date: Option<crate::model::Date>,
        entry: Option<&CatalogDocument>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> DocDate {
        use crate::model::Precision;
        // From the text: the title's leading date, a dateline, then the first two body
        // paragraphs (full dates first, then a day and month without a year).
        let mut from_text = title_date.map(|d| (d, paragraphs[0].line));
        let mut yearless: Option<(u8, u8, u32, String)> = None;
        // Then short header lines among the first paragraphs ("Tuesday, 24 September 2019,
        // 3 p.m." under a verbatim record's masthead).
        let body: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.role == Role::Body).collect();
        let header = paragraphs
            .iter()
            .take(8)
            .skip(1)
            .filter(|p| p.role == Role::Body && crate::text::word_count(&p.text) <= 12)
            .filter(|p| !body.iter().take(2).any(|b| b.n == p.n));
        let candidates = paragraphs
            .iter()
            .filter(|p| p.role == Role::Dateline)
            .chain(body.iter().take(2).copied())
            .chain(header);
        for p in candidates {
            for f in date::find_dates(&p.text) {
                match f.date() {
                    Some(d) if from_text.is_none() && d.precision() != Precision::Year => {
                        from_text = Some((d, p.line))
                    }
                    None if yearless.is_none() => {
                        yearless =
                            Some((f.month, f.day, p.line, p.text[f.range.clone()].to_string()))
                    }
                    _ => {}
                }
            }
        }
        let catalog = entry.and_then(|e| e.date);
        match (catalog, from_text) {
            (Some(c), Some((t, line))) => {
                if c.year != t.year
                    || (c.month != 0 && t.month != c.month)
                    || (c.day != 0 && t.day != c.day)
                {
                    note(
                        Some(line),
                        NoteLevel::Warning,
                        format!("the catalog date {c} disagrees with {t} in the text; the catalog's is used"),
                    );
                }
                DocDate {
                    date: Some(c),
                    origin: DateOrigin::Catalog,
                }
            }
            (Some(c), None) => match yearless {
                // A day and month in the text complete a catalog year (or year and month).
                Some((m, d, line, found))
                    if c.precision() == Precision::Year
                        || (c.precision() == Precision::Month && c.month == m) =>
                {
                    match crate::model::Date::new(c.year, m, d) {
                        Some(full) => {
                            note(Some(line), NoteLevel::Guess, format!("date {full}: `{found}` from the text, the year from the catalog"));
                            DocDate {
                                date: Some(full),
                                origin: DateOrigin::TextAndCatalog { line },
                            }
                        }
                        None => DocDate {
                            date: Some(c),
                            origin: DateOrigin::Catalog,
                        },
                    }
                }
                _ => DocDate {
                    date: Some(c),
                    origin: DateOrigin::Catalog,
                },
            },
            (None, Some((t, line))) => DocDate {
                date: Some(t),
                origin: DateOrigin::Text { line },
            },
            (None, None) => {
                if let Some(d) = date::from_file_name(path) {
                    note(
                        None,
                        NoteLevel::Guess,
                        format!("date {d} read from the file name; give `date` in the catalog to be sure"),
                    );
                    return DocDate {
                        date: Some(d),
                        origin: DateOrigin::FileName,
                    };
                }
                match yearless {
                    Some((_, _, line, found)) => note(
                        Some(line),
                        NoteLevel::Warning,
                        format!("`{found}` has no year, so the document is undated; give its `date` (or just the year) in the catalog"),
                    ),
                    None => note(None, NoteLevel::Warning, "no date found; give `date` in the catalog".into()),
                }
                DocDate::UNKNOWN
            }
        }
    }

    /// The statements of a document's body paragraphs, its participants and its own speaker
    /// (indexes into the people table).
    fn statements(
        &mut self,
        body: &[&Paragraph],
        body_texts: &[&str],
        entry: Option<&CatalogDocument>,
        shape: &Shape<'_>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> (Vec<Statement>, Vec<u32>, Option<u32>) {
        // The names this document can use: every listed person's names and aliases, and
        // people found in its text. A guessed person's first and last names count only in
        // documents that name them in full.
        let mut local: Vec<Person> = self.people.clone();
        let mut names = NameIndex::default();
        for (i, p) in local.iter().enumerate() {
            names.add(&p.name, i as u32);
            if !p.guessed {
                for a in &p.aliases {
                    names.add(a, i as u32);
                }
            }
        }
        // Discovery looks past guessed people too, so that what one document tells of them
        // (a country, an office) completes what another did.
        let curated = NameIndex::of_people(
            &self
                .people
                .iter()
                .filter(|p| !p.guessed)
                .cloned()
                .collect::<Vec<_>>(),
        );
        let common = |w: &str| self.vocabulary.is_common(w);
        // A speech's title may name its speaker ("Remarks by Foreign Minister Ana Duarte").
        // Only a kind the catalog gives counts: a guessed "statement" may be a readout.
        let speech = entry
            .and_then(|e| e.kind.as_deref())
            .is_some_and(|k| lexicon::contains(lexicon::SPEECH_KINDS, k));
        let mut texts: Vec<&str> = body_texts.to_vec();
        if speech && entry.and_then(|e| e.speaker.as_ref()).is_none() {
            texts.push(shape.title);
        }
        for d in speakers::discover(&texts, &curated, &self.gazetteer, &common) {
            let id = slug(&d.name);
            let index = match local.iter().position(|p| p.id == id) {
                Some(i) => {
                    let known = &mut local[i];
                    if known.guessed {
                        known.country = known.country.take().or(d.country.clone());
                        known.role = known.role.take().or(d.role.clone());
                        if let Some(global) = self.people.get_mut(i) {
                            global.country.clone_from(&known.country);
                            global.role.clone_from(&known.role);
                        }
                    }
                    i
                }
                None => {
                    local.push(Person {
                        id,
                        name: d.name.clone(),
                        country: d.country.clone(),
                        role: d.role.clone(),
                        aliases: d.aliases.clone(),
                        guessed: true,
                    });
                    local.len() - 1
                }
            };
            names.add(&d.name, index as u32);
        }
        // Every step below reads the same tokens: split each body paragraph once.
        let body_toks: Vec<Vec<Token<'_>>> = body_texts.iter().map(|t| tokens(t)).collect();
        // Guessed people named in full here lend their short names to this document.
        let named_in_full: Vec<u32> = {
            let full = NameIndex::of_people(
                &local
                    .iter()
                    .map(|p| Person {
                        aliases: vec![],
                        ..p.clone()
                    })
                    .collect::<Vec<_>>(),
            );
            body_toks.iter().flat_map(|t| full.people_in(t)).collect()
        };
        for &i in &named_in_full {
            if local[i as usize].guessed {
                for a in local[i as usize].aliases.clone() {
                    if !self.is_common_word(&a) {
                        names.add(&a, i);
                    }
                }
            }
        }

        let mut document_people: Vec<u32> = entry
            .map(|e| {
                e.participants
                    .iter()
                    .filter_map(|id| local.iter().position(|p| p.id == *id).map(|i| i as u32))
                    .collect()
            })
            .unwrap_or_default();
        for t in &body_toks {
            for p in names.people_in(t) {
                if !document_people.contains(&p) {
                    document_people.push(p);
                }
            }
        }

        // The document's own speaker: the catalog's, else, for a speech, remarks or statement
        // (a kind the catalog gives), the one person its title names.
        let position =
            |local: &[Person], id: &str| local.iter().position(|p| p.id == id).map(|i| i as u32);
        let mut doc_speaker = entry
            .and_then(|e| e.speaker.as_deref())
            .and_then(|id| position(&local, id));
        if doc_speaker.is_none() && speech {
            let named = names.people_in(&tokens(shape.title));
            if let [one] = named.as_slice() {
                doc_speaker = Some(*one);
                note(None, NoteLevel::Guess, format!(
                    "the speech's speaker is `{}`, the one person its title names; set `speaker` in the catalog to be sure",
                    local[*one as usize].id
                ));
            }
        }
        if let Some(sp) = doc_speaker {
            if !document_people.contains(&sp) {
                document_people.push(sp);
            }
        }

        // Transcript labels name their people: found among the known, or added.
        let mut label_people: Vec<Option<u32>> = Vec::with_capacity(body.len());
        let mut last_named: Option<u32> = None;
        for (p, label) in body.iter().zip(&shape.turn_labels) {
            let who = label.as_deref().map(|raw| {
                let name = raw.trim_end().trim_end_matches(':').trim();
                match transcript::speaker(name) {
                    transcript::Speaker::Questioner => {
                        Some(label_person(&mut local, &mut names, "Questioner", None))
                    }
                    transcript::Speaker::Answer => doc_speaker.or(last_named),
                    transcript::Speaker::Named {
                        name,
                        title,
                        affiliation,
                    } => {
                        let toks = tokens(&name);
                        let known = names
                            .match_at(&toks, 0)
                            .filter(|&(_, end)| end == toks.len())
                            .map(|(p, _)| p);
                        let person = known.unwrap_or_else(|| {
                            let role = title.filter(|t| {
                                !lexicon::contains(lexicon::HONORIFICS, &t.to_lowercase())
                            });
                            label_person(&mut local, &mut names, &name, role)
                        });
                        // "Ms. Solberg (Norway)": the bracket names the country.
                        if let Some(c) = affiliation
                            .as_deref()
                            .and_then(|a| self.gazetteer.resolve(a))
                        {
                            let p = &mut local[person as usize];
                            if p.guessed && p.country.is_none() {
                                p.country = Some(c.to_string());
                            }
                        }
                        last_named = Some(person);
                        Some(person)
                    }
                }
            });
            if who == Some(None) {
                note(Some(p.line), NoteLevel::Warning, "an answer label (`A:`) but the document has no speaker; set `speaker` in the catalog".into());
            }
            label_people.push(who.flatten());
        }

        let attributor = Attributor {
            people: &local,
            names: &names,
            gazetteer: &self.gazetteer,
        };
        let mut ctx = Context {
            document_people,
            ..Context::default()
        };
        let mut local_statements = Vec::new();
        let mut turn: Option<u32> = None;
        for (((p, toks), labelled), label) in body
            .iter()
            .zip(&body_toks)
            .zip(&label_people)
            .zip(&shape.turn_labels)
        {
            let (mut speaker, mut how) = attributor.attribute_tokens(toks, &ctx);
            let editorial = shape.transcript
                && p.text.split_once(':').is_some_and(|(head, _)| {
                    lexicon::contains(lexicon::NOT_SPEAKER_LABELS, &head.trim().to_lowercase())
                });
            if editorial {
                // "Note: …" in a transcript is the editor's, not the last speaker's.
                (speaker, how) = (None, Attribution::Narrator);
            } else if label.is_some() {
                // A labelled turn is its speaker's, whatever it reports.
                turn = *labelled;
                (speaker, how) = (
                    *labelled,
                    if labelled.is_some() {
                        Attribution::Label
                    } else {
                        Attribution::Narrator
                    },
                );
            } else if how == Attribution::Narrator {
                if let Some(t) = turn.filter(|_| shape.transcript) {
                    (speaker, how) = (Some(t), Attribution::Label);
                } else if let Some(d) = doc_speaker {
                    (speaker, how) = (Some(d), Attribution::Document);
                }
            }
            let opens_with_pronoun = toks
                .first()
                .is_some_and(|t| lexicon::contains(lexicon::PRONOUNS, &t.text.to_lowercase()));
            if how == Attribution::Narrator && opens_with_pronoun {
                note(
                    Some(p.line),
                    NoteLevel::Guess,
                    "a pronoun opens this paragraph but no earlier speaker was found; left to the narrator".into(),
                );
            }
            ctx.previous = speaker;
            ctx.previous_quoted = toks.iter().any(|t| t.is_quote());
            ctx.previous_named = names.people_in(toks);
            ctx.last_speaker = speaker.or(ctx.last_speaker);
            local_statements.push(Statement {
                p: p.n,
                speaker,
                attribution: how,
                countries: self.gazetteer.countries_in(&p.text),
            });
        }

        // Keep guessed people who speak; give everyone their index in the corpus table.
        let mut map: HashMap<u32, u32> = HashMap::new();
        let mut global = |i: u32, people: &mut Vec<Person>| -> u32 {
            *map.entry(i).or_insert_with(|| {
                let person = &local[i as usize];
                match people.iter().position(|p| p.id == person.id) {
                    Some(g) => g as u32,
                    None => {
                        note(None, NoteLevel::Guess, format!(
                            "speaker `{}` ({}) found in the text; add them to the catalog to curate their name, country and role",
                            person.name, person.id
                        ));
                        people.push(person.clone());
                        people.len() as u32 - 1
                    }
                }
            })
        };
        let statements: Vec<Statement> = local_statements
            .into_iter()
            .map(|s| Statement {
                speaker: s.speaker.map(|i| global(i, &mut self.people)),
                ..s
            })
            .collect();
        let speaker = doc_speaker.map(|i| global(i, &mut self.people));
        let participants: Vec<u32> = match entry.filter(|e| !e.participants.is_empty()) {
            Some(e) => e
                .participants
                .iter()
                .filter_map(|id| {
                    self.people
                        .iter()
                        .position(|p| p.id == *id)
                        .map(|i| i as u32)
                })
                .collect(),
            None => {
                let mut seen = Vec::new();
                for s in &statements {
                    if let Some(p) = s.speaker {
                        if !seen.contains(&p) {
                            seen.push(p);
                        }
                    }
                }
                seen
            }
        };
        (statements, participants, speaker)
    }

    /// True for a word that must not become a guessed person's short name: a country name
    /// or demonym, or a word of the lexicon.
    fn is_common_word(&self, word: &str) -> bool {
        let toks = tokens(word);
        let lower = word.to_lowercase();
        self.gazetteer.match_at(&toks, 0).is_some()
            || lexicon::contains(lexicon::TITLE_WORDS, &lower)
            || lexicon::contains(lexicon::ORGANISATION_WORDS, &lower)
            || name_key(word).chars().count() < 2
    }
}

/// What the attribution of a document's statements needs to know of the document.
struct Shape<'a> {
    title: &'a str,
    /// Speaker labels recur: unlabelled paragraphs continue the last labelled turn.
    transcript: bool,
    /// For each body paragraph, the label that opens its turn (its own, or a label line's).
    turn_labels: Vec<Option<String>>,
}

/// The person a transcript label names, added to the document's people (guessed) when new.
fn label_person(
    local: &mut Vec<Person>,
    names: &mut NameIndex,
    name: &str,
    role: Option<String>,
) -> u32 {
    let id = slug(name);
    if let Some(i) = local.iter().position(|p| p.id == id) {
        return i as u32;
    }
    local.push(Person {
        id,
        name: name.to_string(),
        country: None,
        role,
        aliases: Vec::new(),
        guessed: true,
    });
    let i = local.len() as u32 - 1;
    names.add(name, i);
    i
}

/// A title made from a file's name, when its first line is not one: the stem without dates,
/// numbers and hash-like runs, separators made spaces (`un-speech_kenya_2019.txt` → "Un speech
/// kenya"), the first letter capitalised. `None` when no word of letters remains
/// (`000_b8054d8e205d4872.txt`).
///
/// ```
/// # use concord_core::corpus::title_from_file_name;
/// assert_eq!(title_from_file_name("speeches/KEN_2019_statement.txt").as_deref(), Some("KEN statement"));
/// assert_eq!(title_from_file_name("general-debate_kenya_2019.txt").as_deref(), Some("General debate kenya"));
/// assert_eq!(title_from_file_name("000_b8054d8e205d4872.txt"), None);
/// ```
pub fn title_from_file_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    let words: Vec<&str> = stem
        .split(|c: char| c == '_' || c == '-' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .filter(|w| w.chars().any(char::is_alphabetic))
        // A run of hex digits with digits in it is a hash, not a word.
        .filter(|w| {
            !(w.len() >= 6
                && w.chars().all(|c| c.is_ascii_hexdigit())
                && w.chars().any(|c| c.is_ascii_digit()))
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut title = words.join(" ");
    if let Some(c) = title.chars().next() {
        let upper: String = c.to_uppercase().collect();
        title.replace_range(..c.len_utf8(), &upper);
    }
    Some(title)
}

/// The kind of event, from cue words in the title and the first body paragraph.
pub fn guess_kind(title: &str, lead: &str) -> Option<String> {
    let words: Vec<String> = tokens(&format!("{title} {lead}"))
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text.to_lowercase())
        .collect();
    lexicon::KIND_CUES
        .iter()
        .find(|(_, groups)| {
            groups
                .iter()
                .all(|g| g.iter().any(|cue| words.iter().any(|w| w == cue)))
        })
        .map(|(kind, _)| kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
