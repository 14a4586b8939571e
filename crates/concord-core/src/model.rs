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

/// The speaker id of statements that no one is named for (the reporting voice).
pub const NARRATOR_ID: &str = "narrator";
/// How the narrator is named on screen and in exports.
pub const NARRATOR_NAME: &str = "Narrator";

impl Corpus {
    /// The name of a statement's speaker (an index into [`Corpus::people`]), or
    /// [`NARRATOR_NAME`] for none.
    pub fn speaker_name(&self, speaker: Option<u32>) -> &str {
        speaker
            .and_then(|i| self.people.get(i as usize))
            .map_or(NARRATOR_NAME, |p| p.name.as_str())
    }

    /// The name of a speaker id: a person's name, [`NARRATOR_NAME`] for [`NARRATOR_ID`], or
    /// the id itself when the corpus has no such person.
    pub fn speaker_id_name<'a>(&'a self, id: &'a str) -> &'a str {
        if id == NARRATOR_ID {
            return NARRATOR_NAME;
        }
        self.people
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }

    /// True when `id` names a speaker of this corpus (a person, or the narrator).
    pub fn has_speaker(&self, id: &str) -> bool {
        id == NARRATOR_ID || self.people.iter().any(|p| p.id == id)
    }

    /// How an actor is named on screen: a country's name, or a person's.
    pub fn actor_name<'a>(&'a self, actor: &'a Actor) -> &'a str {
        match actor {
            Actor::Country(slug) => self.country_name(slug),
            Actor::Person(i) => self
                .people
                .get(*i as usize)
                .map_or("?", |p| p.name.as_str()),
        }
    }

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

/// Where a stage reads the text of a document's paragraph: a whole [`Corpus`], or the
/// [`ParagraphTexts`] taken out of one.
pub trait Paragraphs {
    /// The text of paragraph `n` (1-based, [`Paragraph::n`]) of document `doc` (an index
    /// into [`Corpus::documents`]); empty when there is no such paragraph.
    fn paragraph_text(&self, doc: u32, n: u32) -> &str;
}

impl Paragraphs for Corpus {
    fn paragraph_text(&self, doc: u32, n: u32) -> &str {
        self.documents
            .get(doc as usize)
            .and_then(|d| d.paragraph(n))
            .map_or("", |p| p.text.as_str())
    }
}

/// The text of every paragraph of a corpus and nothing else, in document order: what the
/// sharded build keeps of a document once its text shard is written (its paragraphs'
/// strings moved here, not copied), for the formulations, which spell their uses as
/// written. About the size of the text; the documents it came from were 2.3 times that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphTexts {
    /// Where each document's paragraphs start in `texts`, and one past the last's.
    first: Vec<u32>,
    texts: Vec<String>,
}

impl ParagraphTexts {
    /// Takes the next document's paragraphs' texts (documents are added in order).
    ///
    /// ```
    /// use concord_core::model::{Paragraph, ParagraphTexts, Paragraphs, Role};
    /// let para = |n: u32, text: &str| Paragraph {
    ///     n, line: n, role: Role::Body, text: text.into(), breaks: vec![], label: None,
    /// };
    /// let mut texts = ParagraphTexts::default();
    /// let mut first = vec![para(1, "Title"), para(2, "Body.")];
    /// texts.push(&mut first);
    /// texts.push(&mut vec![para(1, "Second.")]);
    /// assert_eq!(first[1].text, "", "moved, not copied");
    /// assert_eq!(texts.paragraph_text(0, 2), "Body.");
    /// assert_eq!(texts.paragraph_text(1, 1), "Second.");
    /// // No such paragraph or document: empty, as for a corpus.
    /// assert_eq!(texts.paragraph_text(1, 2), "");
    /// assert_eq!(texts.paragraph_text(0, 0), "");
    /// assert_eq!(texts.paragraph_text(2, 1), "");
    /// ```
    pub fn push(&mut self, paragraphs: &mut [Paragraph]) {
        if self.first.is_empty() {
            self.first.push(0);
        }
        self.texts
            .extend(paragraphs.iter_mut().map(|p| std::mem::take(&mut p.text)));
        self.first
            .push(u32::try_from(self.texts.len()).expect("fewer than 2³² paragraphs in a corpus"));
    }

    /// How many documents' paragraphs it holds.
    pub fn documents(&self) -> usize {
        self.first.len().saturating_sub(1)
    }
}

impl Paragraphs for ParagraphTexts {
    fn paragraph_text(&self, doc: u32, n: u32) -> &str {
        let (Some(&start), Some(&end)) = (
            self.first.get(doc as usize),
            self.first.get(doc as usize + 1),
        ) else {
            return "";
        };
        n.checked_sub(1)
            .map(|i| start + i)
            .filter(|&i| i < end)
            .and_then(|i| self.texts.get(i as usize))
            .map_or("", String::as_str)
    }
}

/// A country's slug and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub slug: String,
    pub name: String,
    /// The names and demonyms a corpus catalog gives it (empty for a country only the
    /// built-in gazetteer knows), so that later stages read its name in the text as the
    /// corpus reader did.
    pub other_names: Vec<String>,
    pub demonyms: Vec<String>,
}

/// One corpus file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id used in links: the file stem unless the catalog gives one.
    pub id: String,
    /// The file's path relative to the corpus folder.
    pub file: String,
    pub title: String,
    /// Where the title came from.
    pub title_origin: TitleOrigin,
    pub date: DocDate,
    /// Outlet or publisher, when known.
    pub source: Option<String>,
    /// Kind of event reported, as a slug (`phone-call`, `meeting`, …).
    pub kind: Option<String>,
    /// Indexes into [`Corpus::people`].
    pub participants: Vec<u32>,
    /// The document's own speaker (index into [`Corpus::people`]), from the catalog: a
    /// speech's orator. Statements without a reporting clause of their own are theirs.
    pub speaker: Option<u32>,
    /// True when the file was hard-wrapped and its lines were joined into paragraphs.
    pub reflowed: bool,
    /// Country slugs mentioned in the statements, in order of first mention.
    pub countries: Vec<String>,
    /// The file's paragraphs, in order; paragraph `n` is `paragraphs[n - 1]`. One per
    /// non-empty line, or, in a [`reflowed`](Document::reflowed) file, per run of joined lines.
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

/// One paragraph of a corpus file: a non-empty line, or consecutive lines of a hard-wrapped
/// file joined (see [`crate::corpus::reflow`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// 1-based position among the file's paragraphs. Appears in links (`p=`).
    pub n: u32,
    /// 1-based line number in the file of its first line.
    pub line: u32,
    pub role: Role,
    /// The text with surrounding white space trimmed, lines joined at [`Paragraph::breaks`],
    /// a transcript's speaker label ([`Paragraph::label`]) taken off the front; otherwise
    /// untouched.
    pub text: String,
    /// Where the file's line breaks stood inside `text`, in order (empty for a one-line
    /// paragraph), so that the original lines can be shown as they are in the file.
    pub breaks: Vec<LineBreak>,
    /// A transcript's speaker label as it stood before the text (`Q: `, `MR. SMITH: `),
    /// colon and following white space included.
    pub label: Option<String>,
}

impl Paragraph {
    /// The 1-based file line of the paragraph's last line.
    pub fn last_line(&self) -> u32 {
        self.line + self.breaks.len() as u32
    }

    /// The file's lines as they stood (each trimmed), rebuilt from the text, its breaks and
    /// its label.
    ///
    /// ```
    /// use concord_core::model::{Joint, LineBreak, Paragraph, Role};
    /// let p = Paragraph {
    ///     n: 1, line: 3, role: Role::Body, text: "The negotiations go on.".into(),
    ///     breaks: vec![LineBreak { at: 10, joint: Joint::Hyphen }],
    ///     label: Some("A: ".into()),
    /// };
    /// assert_eq!(p.lines(), ["A: The negoti-", "ations go on."]);
    /// ```
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.breaks.len() + 1);
        let mut at = 0;
        let mut first = self.label.clone().unwrap_or_default();
        for b in &self.breaks {
            let end = (b.at as usize).min(self.text.len());
            let mut line = std::mem::take(&mut first);
            line.push_str(self.text.get(at..end).unwrap_or_default());
            if b.joint == Joint::Hyphen {
                line.push('-');
            }
            out.push(line);
            at = end + usize::from(b.joint == Joint::Space);
        }
        first.push_str(self.text.get(at.min(self.text.len())..).unwrap_or_default());
        out.push(first);
        out
    }
}

impl Paragraph {
    /// The paragraph as it stands in the file: its lines (trimmed) joined with `\n`, its
    /// label in front. [`Paragraph::original_offset`] maps offsets of `text` into it.
    pub fn original(&self) -> String {
        self.lines().join("\n")
    }

    /// Where byte `at` of [`Paragraph::text`] stands in [`Paragraph::original`].
    ///
    /// ```
    /// use concord_core::model::{Joint, LineBreak, Paragraph, Role};
    /// let p = Paragraph {
    ///     n: 1, line: 1, role: Role::Body, text: "the negotiations go on".into(),
    ///     breaks: vec![LineBreak { at: 10, joint: Joint::Hyphen }, LineBreak { at: 16, joint: Joint::Space }],
    ///     label: Some("A: ".into()),
    /// };
    /// assert_eq!(p.original(), "A: the negoti-\nations\ngo on");
    /// let o = p.original();
    /// let (s, e) = (p.original_offset(4), p.original_offset(16));
    /// assert_eq!(&o[s..e], "negoti-\nations");
    /// assert_eq!(&o[p.original_offset(17)..], "go on");
    /// ```
    pub fn original_offset(&self, at: usize) -> usize {
        let mut shift = self.label.as_ref().map_or(0, String::len);
        for b in &self.breaks {
            let b_at = b.at as usize;
            match b.joint {
                // The space at `b_at` became the line break: no shift.
                Joint::Space => {}
                Joint::Hyphen if at >= b_at => shift += 2,
                Joint::Direct if at >= b_at => shift += 1,
                _ => {}
            }
        }
        at + shift
    }
}

/// A line break of the file inside a joined paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineBreak {
    /// Byte offset in [`Paragraph::text`] where the earlier line ended.
    pub at: u32,
    pub joint: Joint,
}

/// How two lines were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Joint {
    /// With one space (the space at `at` stands for the line break).
    Space,
    /// A word broken by a hyphen at the line end, joined without it ("negoti-" + "ations").
    Hyphen,
    /// Joined as they stood, without a space: the line ended in a hyphen that belongs to the
    /// word ("two-" + "state").
    Direct,
}

/// Where a document's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TitleOrigin {
    /// The file's first line.
    FirstLine,
    /// The catalog's `title`.
    Catalog,
    /// Made from the file name, because the first line is not a title.
    FileName,
    /// The first words of the first line, which is article text (the file name has none).
    FirstWords,
}

impl TitleOrigin {
    /// The name used in reports and JSON output.
    pub fn label(self) -> &'static str {
        match self {
            TitleOrigin::FirstLine => "first line",
            TitleOrigin::Catalog => "catalog",
            TitleOrigin::FileName => "file name",
            TitleOrigin::FirstWords => "first words",
        }
    }
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
    /// A transcript's speaker label on a line of its own (`MR. SMITH:`): it opens the turn
    /// of the paragraphs that follow and is not a statement.
    Label,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Dateline => "dateline",
            Role::Heading => "heading",
            Role::Body => "body",
            Role::Boilerplate => "boilerplate",
            Role::Label => "label",
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
    /// The positions the statement states, in text order (see
    /// [`crate::corpus::positions`]).
    pub positions: Vec<Position>,
}

/// A stated position: who takes which stance on what, with where it stands in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub stance: Stance,
    /// Whose position it is: the subject of the stance clause.
    pub actor: Actor,
    /// Who voiced it, when that is someone else than the actor: the statement's speaker
    /// ("Xi said that China supports …": actor `china`, voiced by Xi). Index into
    /// [`Corpus::people`].
    pub voice: Option<u32>,
    /// Byte range in the paragraph's text of the words that state the stance ("firmly
    /// supports", "expressed deep concern over").
    pub cue: (u32, u32),
    /// Byte range in the paragraph's text of the target as written.
    pub target: (u32, u32),
    /// The target's grouping key: its head phrase folded, without leading determiners
    /// ("the two-state solution" and "a two-state solution" are both `two state solution`).
    pub key: String,
    /// Byte range in the paragraph's text of the key as written: from its first word to its
    /// last ("two-state solution", "Palestine's just demands"), inside `target`.
    pub key_span: (u32, u32),
}

/// Whose position a [`Position`] is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// A country, by slug ("China", "the Chinese side", "Beijing" when the gazetteer knows it).
    Country(String),
    /// A person, by index into [`Corpus::people`] ("I support …" in a speech).
    Person(u32),
}

impl Actor {
    /// The slug links and the DOM use (`data-actor`): a country's slug or a person's id
    /// in `people` (the corpus's table); `?` for an index the table does not hold.
    pub fn slug<'a>(&'a self, people: &'a [Person]) -> &'a str {
        match self {
            Actor::Country(slug) => slug,
            Actor::Person(i) => people.get(*i as usize).map_or("?", |p| p.id.as_str()),
        }
    }
}

/// The closed set of stances a [`Position`] takes. Their slugs appear in links
/// (`stance=`), the query field `stance:` and the DOM (`data-stance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stance {
    Supports,
    Opposes,
    CallsFor,
    Welcomes,
    Condemns,
    Rejects,
    Concerned,
}

impl Stance {
    /// Every stance, in the order views list them.
    pub const ALL: [Stance; 7] = [
        Stance::Supports,
        Stance::Opposes,
        Stance::CallsFor,
        Stance::Welcomes,
        Stance::Condemns,
        Stance::Rejects,
        Stance::Concerned,
    ];

    /// The slug used in links and the DOM.
    pub fn slug(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Opposes => "opposes",
            Stance::CallsFor => "calls-for",
            Stance::Welcomes => "welcomes",
            Stance::Condemns => "condemns",
            Stance::Rejects => "rejects",
            Stance::Concerned => "concerned",
        }
    }

    /// The stance a slug names.
    ///
    /// ```
    /// use concord_core::model::Stance;
    /// assert_eq!(Stance::of_slug("calls-for"), Some(Stance::CallsFor));
    /// assert!(Stance::ALL.iter().all(|s| Stance::of_slug(s.slug()) == Some(*s)));
    /// ```
    pub fn of_slug(slug: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The stance's bit in a set of stances held in one byte (a statement's stances in the
    /// index: [`crate::index::Stmt::stances`]).
    ///
    /// ```
    /// use concord_core::model::Stance;
    /// assert_eq!(Stance::ALL.iter().fold(0u8, |m, s| m | s.bit()), 0b111_1111);
    /// assert!(Stance::ALL.iter().enumerate().all(|(i, s)| *s as usize == i));
    /// ```
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The stances of a set held as bits ([`Stance::bit`]), in the order of [`Stance::ALL`]
    /// (which is the order of the variants: `x as usize` is a stance's place in it).
    pub fn of_bits(bits: u8) -> impl Iterator<Item = Stance> {
        Stance::ALL.into_iter().filter(move |s| bits & s.bit() != 0)
    }

    /// How the stance reads on screen ("calls for", "is concerned about").
    pub fn label(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Opposes => "opposes",
            Stance::CallsFor => "calls for",
            Stance::Welcomes => "welcomes",
            Stance::Condemns => "condemns",
            Stance::Rejects => "rejects",
            Stance::Concerned => "is concerned about",
        }
    }
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
    /// No reporting clause: the document's own speaker (a speech's orator, from the catalog).
    Document,
    /// A transcript turn: the paragraph opens with a speaker label (`Q:`, `MR. SMITH:`), or
    /// continues the turn the last label opened.
    Label,
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
    /// Read from the file's name (or the name of a folder it is in).
    FileName,
    None,
}

impl std::fmt::Display for DateOrigin {
    /// The compact form used in expectation files and JSON output: `text:2`,
    /// `text+catalog:3`, `catalog`, `file name`, `none`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateOrigin::Text { line } => write!(f, "text:{line}"),
            DateOrigin::TextAndCatalog { line } => write!(f, "text+catalog:{line}"),
            DateOrigin::Catalog => write!(f, "catalog"),
            DateOrigin::FileName => write!(f, "file name"),
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
