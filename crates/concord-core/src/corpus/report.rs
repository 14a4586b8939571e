//! The build report: what the builder made of every file, and everything it had to guess.
//! `build.rs` prints it as cargo warnings; `concord-corpus report DIR` prints it in full.

use crate::model::{DateOrigin, DocDate, Person};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Number of `.txt` files in the corpus folder; equals `documents.len()` after a build.
    pub corpus_files: usize,
    pub documents: Vec<DocumentReport>,
    /// The people table after the build (curated, then guessed).
    pub people: Vec<Person>,
    /// Paths the folder reader did not take as corpus files, with the reason.
    pub skipped: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentReport {
    pub id: String,
    pub file: String,
    pub paragraphs: usize,
    pub statements: usize,
    /// Statements with a speaker other than the narrator.
    pub attributed: usize,
    /// File lines taken as boilerplate.
    pub boilerplate_lines: Vec<u32>,
    pub date: DocDate,
    /// True when the file was hard-wrapped and its lines joined into paragraphs.
    pub reflowed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub file: String,
    pub line: Option<u32>,
    pub level: NoteLevel,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteLevel {
    /// Something the builder inferred; worth a look, maybe a catalog entry.
    Guess,
    /// Something probably wrong in the corpus.
    Warning,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            NoteLevel::Guess => "guess",
            NoteLevel::Warning => "warning",
        };
        match self.line {
            Some(l) => write!(f, "{level}: {}:{l}: {}", self.file, self.message),
            None => write!(f, "{level}: {}: {}", self.file, self.message),
        }
    }
}

impl Report {
    /// One line for cargo's build output.
    pub fn summary(&self) -> String {
        let statements: usize = self.documents.iter().map(|d| d.statements).sum();
        let attributed: usize = self.documents.iter().map(|d| d.attributed).sum();
        let boilerplate: usize = self
            .documents
            .iter()
            .map(|d| d.boilerplate_lines.len())
            .sum();
        let dated = self
            .documents
            .iter()
            .filter(|d| d.date.date.is_some())
            .count();
        let guessed = self.people.iter().filter(|p| p.guessed).count();
        let reflowed = self.documents.iter().filter(|d| d.reflowed).count();
        format!(
            "corpus: {} files → {} documents, {} statements ({} attributed), {} speakers ({} guessed), {} boilerplate lines, {}/{} dated, {} reflowed, {} skipped paths, {} notes",
            self.corpus_files,
            self.documents.len(),
            statements,
            attributed,
            self.people.len(),
            guessed,
            boilerplate,
            dated,
            self.documents.len(),
            reflowed,
            self.skipped.len(),
            self.notes.len(),
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        writeln!(f)?;
        writeln!(f, "documents:")?;
        for d in &self.documents {
            let date = match (&d.date.date, &d.date.origin) {
                (Some(date), DateOrigin::Text { line }) => format!("{date} (text, line {line})"),
                (Some(date), DateOrigin::TextAndCatalog { line }) => {
                    format!("{date} (text line {line} + catalog year)")
                }
                (Some(date), DateOrigin::FileName) => format!("{date} (file name)"),
                (Some(date), _) => format!("{date} (catalog)"),
                (None, _) => "undated".into(),
            };
            let boiler: Vec<String> = d.boilerplate_lines.iter().map(u32::to_string).collect();
            writeln!(
                f,
                "  {}  [{}]  {} paragraphs{}, {} statements ({} attributed), date {}, boilerplate lines [{}]",
                d.id,
                d.file,
                d.paragraphs,
                if d.reflowed { " (reflowed)" } else { "" },
                d.statements,
                d.attributed,
                date,
                boiler.join(", ")
            )?;
        }
        writeln!(f)?;
        writeln!(f, "people:")?;
        for p in &self.people {
            writeln!(
                f,
                "  {}  {}{}{}{}",
                p.id,
                p.name,
                p.country
                    .as_deref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default(),
                p.role
                    .as_deref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default(),
                if p.guessed {
                    "  (guessed from the text)"
                } else {
                    ""
                }
            )?;
        }
        if !self.skipped.is_empty() {
            writeln!(f)?;
            writeln!(f, "skipped:")?;
            for (path, why) in &self.skipped {
                writeln!(f, "  {path}: {why}")?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f)?;
            writeln!(f, "notes:")?;
            for n in &self.notes {
                writeln!(f, "  {n}")?;
            }
        }
        Ok(())
    }
}
