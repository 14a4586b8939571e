//! One file → one [`Document`]: the steps of [`Builder::document`], in order (see the
//! module overview of [`crate::corpus`]). Who speaks is [`super::attribution`]'s.

use super::attribution::Shape;
use super::catalog::CatalogDocument;
use super::{date, document_id, layout, reflow, transcript, Builder, SourceFile};
use super::{DocumentReport, Note, NoteLevel};
use crate::model::{Date, DateOrigin, DocDate, Document, Paragraph, Role, TitleOrigin};
use crate::text::{collapse_space, lexicon, tokens};

impl Builder {
    /// One file's document: paragraphs and roles, title, date, kind, statements and
    /// speakers, countries; its report and notes are added to the build report.
    pub(super) fn document(
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
        let (mut paragraphs, reflowed, is_transcript) = self.paragraphs(text, &mut note);
        let (title, title_origin, leading) =
            Self::title(&file.path, &mut paragraphs, entry, &mut note);
        let date = self.date(&file.path, &paragraphs, leading, entry, &mut note);

        // 4. Kind, then statements.
        let body: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.role == Role::Body).collect();
        let kind = kind(&title, &body, entry, &mut note);
        let body_texts: Vec<&str> = body.iter().map(|p| p.text.as_str()).collect();
        let shape = Shape {
            title: &title,
            transcript: is_transcript,
            turn_labels: turn_labels(&paragraphs),
        };
        let (statements, participants, speaker) =
            self.statements(&body, &body_texts, entry, &shape, &mut note);

        // 5. Countries, source.
        let countries = self.countries(&paragraphs);
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

    /// Steps 1–2: the file's paragraphs (lines joined when hard-wrapped) with their roles and
    /// transcript labels; whether the file was reflowed, and whether it is a transcript.
    fn paragraphs(
        &self,
        text: &str,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> (Vec<Paragraph>, bool, bool) {
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

        // Transcript labels, then roles.
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
                // A label with text after it was taken off: the rest is a turn's statement.
                Some(_) if p.label.is_some() => Role::Body,
                // A label alone on its line.
                Some(_) if is_transcript => Role::Label,
                _ => role,
            };
        }
        (paragraphs, reflowed, is_transcript)
    }

    /// Step 3: the title and where it came from, and the date the first line opens with (when
    /// it is the title). A first line that is not a title becomes body.
    fn title(
        path: &str,
        paragraphs: &mut [Paragraph],
        entry: Option<&CatalogDocument>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> (String, TitleOrigin, Option<Date>) {
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
            (collapse_space(candidate), TitleOrigin::FirstLine)
        } else if let Some(t) = title_from_file_name(path) {
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
        let leading = leading
            .filter(|_| paragraphs[0].role == Role::Title)
            .map(|(d, _)| d);
        (title, title_origin, leading)
    }

    /// The document's date and where it came from (see the module's step 4).
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

    /// Country slugs the title, headings and body name, in order of first mention.
    fn countries(&self, paragraphs: &[Paragraph]) -> Vec<String> {
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
        countries
    }
}

/// The catalog's kind, else one guessed from cue words in the title and first paragraph.
fn kind(
    title: &str,
    body: &[&Paragraph],
    entry: Option<&CatalogDocument>,
    note: &mut impl FnMut(Option<u32>, NoteLevel, String),
) -> Option<String> {
    if let Some(k) = entry.and_then(|e| e.kind.clone()) {
        return Some(k);
    }
    let lead = body.first().map_or("", |p| p.text.as_str());
    let guess = guess_kind(title, lead);
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

/// Each body paragraph's turn label: its own, or that of a label line just before it.
fn turn_labels(paragraphs: &[Paragraph]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for p in paragraphs {
        match p.role {
            Role::Label => pending = Some(p.text.clone()),
            Role::Body => out.push(p.label.clone().or(pending.take())),
            _ => {}
        }
    }
    out
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
