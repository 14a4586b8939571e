//! The corpus as the app sees it: documents made of numbered paragraphs, the statements among
//! them, and the people who speak.
//!
//! These types are what `build.rs` serializes into the app and what the app decodes at start-up
//! (see [`crate::embed`]). They hold plain data only; the rules that produce them live in
//! [`crate::corpus`] and [`crate::text`].

use serde::{Deserialize, Serialize};

/// Every document of a corpus, and the people table they refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Corpus {
    /// Sorted by id, so the order is stable whatever the file system returns.
    pub documents: Vec<Document>,
    /// Curated people (from the catalog) first, then people found in the text.
    pub people: Vec<Person>,
    /// Display names of the countries that documents mention or people belong to, by slug.
    pub countries: Vec<Country>,
}

impl Corpus {
    /// The display name of a country slug (the slug itself if the corpus has no name for it).
    pub fn country_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.countries
            .iter()
            .find(|c| c.slug == slug)
            .map_or(slug, |c| c.name.as_str())
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.position(id).map(|i| &self.documents[i])
    }

    /// The index in [`Corpus::documents`] of the document with `id`, if there is one.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }
}

/// A country's slug and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub slug: String,
    pub name: String,
}

/// One corpus file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id used in links: the file stem unless the catalog gives one.
    pub id: String,
    /// The file's path relative to the corpus folder.
    pub file: String,
    pub title: String,
    pub date: DocDate,
    /// Outlet or publisher, when known.
    pub source: Option<String>,
    /// Kind of event reported, as a slug (`phone-call`, `meeting`, …).
    pub kind: Option<String>,
    /// Indexes into [`Corpus::people`].
    pub participants: Vec<u32>,
    /// Country slugs mentioned in the statements, in order of first mention.
    pub countries: Vec<String>,
    /// Every non-empty line of the file, in order; paragraph `n` is `paragraphs[n - 1]`.
    pub paragraphs: Vec<Paragraph>,
    /// The body paragraphs, each attributed to a speaker or to the narrator.
    pub statements: Vec<Statement>,
}

impl Document {
    /// The paragraph numbered `n` (1-based), if there is one.
    pub fn paragraph(&self, n: u32) -> Option<&Paragraph> {
        n.checked_sub(1)
            .and_then(|i| self.paragraphs.get(i as usize))
    }

    /// The paragraphs that have `role`, in order.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Paragraph> + '_ {
        self.paragraphs.iter().filter(move |p| p.role == role)
    }
}

/// One non-empty line of a corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// 1-based position among the file's non-empty lines. Appears in links (`p=`).
    pub n: u32,
    /// 1-based line number in the file.
    pub line: u32,
    pub role: Role,
    /// The line's text with surrounding white space trimmed; otherwise untouched.
    pub text: String,
}

/// What a paragraph is, decided by [`crate::corpus::layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The document's headline (the first paragraph).
    Title,
    /// A line near the top that only gives the date (and maybe a time or "Updated").
    Dateline,
    /// A short headline inside the article body, between body paragraphs.
    Heading,
    /// Article text: every body paragraph is a statement.
    Body,
    /// Site furniture: share links, newsletter and donation blocks, related-post teasers.
    Boilerplate,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Dateline => "dateline",
            Role::Heading => "heading",
            Role::Body => "body",
            Role::Boilerplate => "boilerplate",
        }
    }
}

/// A body paragraph and who it reports speaking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The paragraph number (`Paragraph::n`).
    pub p: u32,
    /// Index into [`Corpus::people`]; `None` is the narrator (the outlet's own voice).
    pub speaker: Option<u32>,
    pub attribution: Attribution,
    /// Country slugs the statement's text names (by name or demonym), in order.
    pub countries: Vec<String>,
}

/// How a statement's speaker was found; shown in the build report and the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attribution {
    /// No reporting clause with a person as its subject: the narrator's text.
    Narrator,
    /// A named person (or alias) as the subject of a reporting verb.
    Named,
    /// A role phrase such as "the Chinese president", resolved through the people table.
    Role,
    /// "He added…": the pronoun continues the previous speaker.
    Pronoun,
    /// A paragraph that is only a quotation, continuing the previous paragraph's quote.
    QuoteContinued,
}

/// A date and how precisely it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    /// 1–12, or 0 when only the year is known.
    pub month: u8,
    /// 1–31, or 0 when the day is not known.
    pub day: u8,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Month,
    Year,
    Unknown,
}

impl Date {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }
}

impl std::fmt::Display for Date {
    /// ISO 8601 at the date's own precision: `2023`, `2023-06`, `2023-06-14`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.precision() {
            Precision::Year | Precision::Unknown => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// A document's date and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    pub date: Option<Date>,
    pub origin: DateOrigin,
}

impl DocDate {
    pub const UNKNOWN: DocDate = DocDate {
        date: None,
        origin: DateOrigin::None,
    };

    pub fn precision(&self) -> Precision {
        self.date.map_or(Precision::Unknown, |d| d.precision())
    }
}

/// Where a document's date was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrigin {
    /// Read from the text, on this 1-based line.
    Text {
        line: u32,
    },
    /// Given by the catalog.
    Catalog,
    /// Day and month read from the text (this line), the year from the catalog.
    TextAndCatalog {
        line: u32,
    },
    None,
}

impl std::fmt::Display for DateOrigin {
    /// The compact form used in expectation files: `text:2`, `text+catalog:3`, `catalog`,
    /// `none`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateOrigin::Text { line } => write!(f, "text:{line}"),
            DateOrigin::TextAndCatalog { line } => write!(f, "text+catalog:{line}"),
            DateOrigin::Catalog => write!(f, "catalog"),
            DateOrigin::None => write!(f, "none"),
        }
    }
}

/// Someone who can speak in a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Slug used in links (`xi-jinping`).
    pub id: String,
    pub name: String,
    /// Country slug, when known.
    pub country: Option<String>,
    /// Office or role, e.g. "President".
    pub role: Option<String>,
    /// Other names the text uses for this person (besides `name`).
    pub aliases: Vec<String>,
    /// True when found in the text rather than listed in the catalog.
    pub guessed: bool,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the form used in catalogs and links),
    /// checking that the month and day exist.
    ///
    /// ```
    /// use concord_core::model::{Date, Precision};
    /// assert_eq!(Date::parse_iso("2023-06").unwrap().precision(), Precision::Month);
    /// assert!(Date::parse_iso("2023-02-29").is_none());
    /// assert!(Date::parse_iso("2024-02-29").is_some());
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?;
        let year: i32 = year
            .parse()
            .ok()
            .filter(|_| year.bytes().all(|b| b.is_ascii_digit()))?;
        let mut num = |len: usize| -> Option<Option<u8>> {
            match parts.next() {
                None => Some(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(Some(p.parse().ok()?))
                }
                Some(_) => None,
            }
        };
        let month = num(2)?;
        let day = if month.is_some() { num(2)? } else { None };
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, month.unwrap_or(0), day.unwrap_or(0))
    }

    /// A date, if the month (0 = unknown) and day (0 = unknown) exist in that year.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let ok = match (month, day) {
            (0, 0) => true,
            (0, _) => false,
            (m, 0) => m <= 12,
            (m, d) => m <= 12 && d <= days_in_month(year, m),
        };
        ok.then_some(Date { year, month, day })
    }
}

/// Number of days in `month` (1–12) of `year`, by the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}
