//! The corpus catalogs: curated metadata that the text cannot give (a date's missing year,
//! the outlet, the speaker, the people and their aliases). Every field is optional; a corpus
//! builds without a catalog. `catalog.toml` (this module) holds people, countries and
//! documents; `catalog.csv` ([`csv`]), a spreadsheet of documents, may stand beside it or
//! instead of it. A file described by both is an error.
//!
//! ```toml
//! [[person]]
//! name = "Xi Jinping"            # id defaults to the slug of the name: xi-jinping
//! aliases = ["Xi", "President Xi"]
//! country = "china"              # a country slug (see data/countries.tsv)
//! role = "President"
//!
//! [[country]]                    # more countries for the gazetteer
//! slug = "kosovo"
//! name = "Kosovo"
//! demonyms = ["Kosovar"]
//!
//! [[document]]
//! file = "000_b8054d8e205d4872.txt"
//! date = "2020-07-20"            # YYYY, YYYY-MM or YYYY-MM-DD
//! source = "Ministry of Foreign Affairs"
//! kind = "phone-call"            # a slug
//! participants = ["xi-jinping", "mahmoud-abbas"]
//! speaker = "wang-yi"            # the document's own speaker: a person id, or a name
//! # id = "…", title = "…" override the file stem and the first line
//! ```
//!
//! Errors name the catalog file and the line of the offending value.

pub mod csv;

use super::{CorpusError, ErrorKind};
use crate::model::Date;
use crate::text::{is_slug, lexicon, name_key, slug};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    person: Vec<RawPerson>,
    #[serde(default)]
    country: Vec<RawCountry>,
    #[serde(default)]
    document: Vec<RawDocument>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    id: Option<Spanned<String>>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    country: Option<Spanned<String>>,
    role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    slug: Spanned<String>,
    name: String,
    #[serde(default)]
    other_names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    file: Spanned<String>,
    id: Option<Spanned<String>>,
    title: Option<String>,
    date: Option<Spanned<String>>,
    source: Option<String>,
    kind: Option<Spanned<String>>,
    #[serde(default)]
    participants: Vec<Spanned<String>>,
    speaker: Option<Spanned<String>>,
}

/// A person as the catalog lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogPerson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub role: Option<String>,
}

/// A country the catalog adds to the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogCountry {
    pub slug: String,
    pub names: Vec<String>,
    pub demonyms: Vec<String>,
}

/// What the catalog says about one corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogDocument {
    pub file: String,
    /// The catalog file that describes it (`catalog.toml`, `catalog.csv`).
    pub catalog: String,
    /// Line of the entry's `file` key (a spreadsheet's row), for errors about the entry as a
    /// whole.
    pub line: u32,
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    pub kind: Option<String>,
    /// Person ids.
    pub participants: Vec<String>,
    /// The document's own speaker, a person id.
    pub speaker: Option<String>,
}

/// A parsed and checked catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub people: Vec<CatalogPerson>,
    pub countries: Vec<CatalogCountry>,
    pub documents: Vec<CatalogDocument>,
}

impl Catalog {
    /// Parses catalog text. `path` names the file in errors; `country_known` says whether a
    /// country slug exists in the built-in gazetteer. Every problem found is returned, not
    /// only the first.
    pub fn parse(
        path: &str,
        text: &str,
        country_known: impl Fn(&str) -> bool,
    ) -> Result<Catalog, Vec<CorpusError>> {
        let at = At { path, text };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            vec![at.err(
                e.span().map_or(1, |s| at.line(s)),
                ErrorKind::Catalog(e.message().trim().to_string()),
            )]
        })?;
        let mut errors = Vec::new();
        let mut catalog = Catalog::default();
        catalog.add_countries(raw.country, &at, &mut errors);
        catalog.add_people(raw.person, &at, &country_known, &mut errors);
        catalog.add_documents(raw.document, &at, &mut errors);
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    /// The `[[country]]` entries.
    fn add_countries(&mut self, raw: Vec<RawCountry>, at: &At<'_>, errors: &mut Vec<CorpusError>) {
        let catalog = self;
        for c in raw {
            if !is_slug(c.slug.get_ref()) {
                errors.push(at.err(
                    at.line(c.slug.span()),
                    ErrorKind::Catalog(format!(
                        "country slug `{}` must be lower-case letters, digits and hyphens",
                        c.slug.get_ref()
                    )),
                ));
            }
            let mut names = vec![c.name];
            names.extend(c.other_names);
            catalog.countries.push(CatalogCountry {
                slug: c.slug.into_inner(),
                names,
                demonyms: c.demonyms,
            });
        }
    }

    /// The `[[person]]` entries (after the countries, which they may name).
    fn add_people(
        &mut self,
        raw: Vec<RawPerson>,
        at: &At<'_>,
        country_known: &dyn Fn(&str) -> bool,
        errors: &mut Vec<CorpusError>,
    ) {
        let catalog = self;
        let known_country = |s: &str, catalog: &Catalog| {
            country_known(s) || catalog.countries.iter().any(|c| c.slug == s)
        };
        for p in raw {
            let name = p.name.get_ref().trim().to_string();
            let (id, id_line) = match &p.id {
                Some(id) => (id.get_ref().clone(), at.line(id.span())),
                None => (slug(&name), at.line(p.name.span())),
            };
            if name.is_empty() {
                errors.push(at.err(
                    at.line(p.name.span()),
                    ErrorKind::Catalog("person `name` is empty".into()),
                ));
                continue;
            }
            if !is_slug(&id) {
                errors.push(at.err(
                    id_line,
                    ErrorKind::Catalog(format!(
                        "person id `{id}` must be lower-case letters, digits and hyphens (like `{}`)",
                        slug(&name)
                    )),
                ));
            }
            if catalog.people.iter().any(|q| q.id == id) {
                errors.push(at.err(
                    id_line,
                    ErrorKind::Catalog(format!("person id `{id}` is listed twice")),
                ));
            }
            if let Some(c) = &p.country {
                if !known_country(c.get_ref(), catalog) {
                    errors.push(at.err(
                        at.line(c.span()),
                        ErrorKind::Catalog(format!(
                            "unknown country `{}`: use a slug from data/countries.tsv (like `china`) or add a [[country]] entry",
                            c.get_ref()
                        )),
                    ));
                }
            }
            catalog.people.push(CatalogPerson {
                id,
                name,
                aliases: p.aliases,
                country: p.country.map(Spanned::into_inner),
                role: p.role,
            });
        }
    }

    /// The `[[document]]` entries (after the people, whom they name).
    fn add_documents(&mut self, raw: Vec<RawDocument>, at: &At<'_>, errors: &mut Vec<CorpusError>) {
        let path = at.path;
        let catalog = self;
        for d in raw {
            let line = at.line(d.file.span());
            if catalog
                .documents
                .iter()
                .any(|e| e.file == *d.file.get_ref())
            {
                errors.push(at.err(
                    line,
                    ErrorKind::Catalog(format!(
                        "file `{}` has two [[document]] entries",
                        d.file.get_ref()
                    )),
                ));
            }
            let date = match &d.date {
                Some(s) => match Date::parse_iso(s.get_ref()) {
                    Some(date) => Some(date),
                    None => {
                        errors.push(
                            at.err(at.line(s.span()), ErrorKind::BadDate(s.get_ref().clone())),
                        );
                        None
                    }
                },
                None => None,
            };
            if let Some(id) = &d.id {
                if !is_document_id(id.get_ref()) {
                    errors.push(at.err(
                        at.line(id.span()),
                        ErrorKind::Catalog(format!(
                            "document id `{}` must not be empty or contain spaces or any of , : & = # ? /",
                            id.get_ref()
                        )),
                    ));
                }
            }
            if let Some(kind) = &d.kind {
                if !is_slug(kind.get_ref()) {
                    errors.push(at.err(
                        at.line(kind.span()),
                        ErrorKind::Catalog(format!(
                            "kind `{}` must be a slug like `phone-call`",
                            kind.get_ref()
                        )),
                    ));
                }
            }
            for p in &d.participants {
                if !catalog.people.iter().any(|q| q.id == *p.get_ref()) {
                    errors.push(at.err(
                        at.line(p.span()),
                        ErrorKind::Catalog(format!(
                            "participant `{}` is not a [[person]] id in the catalog",
                            p.get_ref()
                        )),
                    ));
                }
            }
            let speaker = match &d.speaker {
                Some(sp) => {
                    let value = sp.get_ref().trim();
                    if catalog.people.iter().any(|q| q.id == value) {
                        Some(value.to_string())
                    } else if is_slug(value) || value.is_empty() {
                        errors.push(at.err(
                            at.line(sp.span()),
                            ErrorKind::Catalog(format!(
                                "speaker `{value}` is not a [[person]] id in the catalog (give a person id, or the speaker's name)"
                            )),
                        ));
                        None
                    } else {
                        Some(catalog.person_named(value, None, None))
                    }
                }
                None => None,
            };
            catalog.documents.push(CatalogDocument {
                file: d.file.into_inner(),
                catalog: path.to_string(),
                line,
                speaker,
                id: d.id.map(Spanned::into_inner),
                title: d.title,
                date,
                source: d.source,
                kind: d.kind.map(Spanned::into_inner),
                participants: d
                    .participants
                    .into_iter()
                    .map(Spanned::into_inner)
                    .collect(),
            });
        }
    }
}

/// Where a catalog's errors are: its path, and its text to find lines in.
struct At<'t> {
    path: &'t str,
    text: &'t str,
}

impl At<'_> {
    /// The line (from 1) of a span of the text.
    fn line(&self, span: Range<usize>) -> u32 {
        line_at(self.text, span.start)
    }

    fn err(&self, line: u32, kind: ErrorKind) -> CorpusError {
        CorpusError {
            file: self.path.to_string(),
            line: Some(line),
            column: None,
            kind,
        }
    }
}

impl Catalog {
    /// The id of the person called `name` (honorifics such as "H.E.", "Mr." and "Dr." taken
    /// off): a listed person whose name or alias it is, else a person added to the table with
    /// that name, `role` and `country`. A listed person's missing role and country are
    /// completed from `role` and `country`.
    pub fn person_named(
        &mut self,
        name: &str,
        role: Option<&str>,
        country: Option<&str>,
    ) -> String {
        let name = strip_honorifics(name);
        let key = name_key(&name).to_lowercase();
        let found = self.people.iter_mut().find(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|n| name_key(n).to_lowercase() == key)
                || p.id == slug(&name)
        });
        match found {
            Some(p) => {
                if p.role.is_none() {
                    p.role = role.map(str::to_string);
                }
                if p.country.is_none() {
                    p.country = country.map(str::to_string);
                }
                p.id.clone()
            }
            None => {
                let id = slug(&name);
                self.people.push(CatalogPerson {
                    id: id.clone(),
                    aliases: Vec::new(),
                    name,
                    country: country.map(str::to_string),
                    role: role.map(str::to_string),
                });
                id
            }
        }
    }
}

/// True for a document id a link can carry: not empty, no white space and none of
/// `, : & = # ? /`.
pub fn is_document_id(id: &str) -> bool {
    !id.is_empty()
        && !id.contains([',', ':', '&', '=', '#', '?', '/'])
        && !id.chars().any(char::is_whitespace)
}

/// `name` without leading honorifics ("H.E. Mr. Wang Yi" → "Wang Yi"), white space collapsed.
///
/// ```
/// use concord_core::corpus::catalog::strip_honorifics;
/// assert_eq!(strip_honorifics("H.E. Mr.  Wang Yi"), "Wang Yi");
/// assert_eq!(strip_honorifics("Dr. Tedros Adhanom Ghebreyesus"), "Tedros Adhanom Ghebreyesus");
/// assert_eq!(strip_honorifics("His Excellency Antonio Guterres"), "Antonio Guterres");
/// assert_eq!(strip_honorifics("Mr."), "Mr.");
/// ```
pub fn strip_honorifics(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    while start + 1 < words.len() {
        let w = words[start].to_lowercase();
        let two = words
            .get(start + 1)
            .map(|n| format!("{w} {}", n.to_lowercase()));
        if two
            .as_deref()
            .is_some_and(|t| lexicon::contains(lexicon::HONORIFICS, t))
            && start + 2 < words.len()
        {
            start += 2;
        } else if lexicon::contains(lexicon::HONORIFICS, &w) {
            start += 1;
        } else {
            break;
        }
    }
    words[start..].join(" ")
}

/// 1-based line number of byte offset `at` in `text`.
pub fn line_at(text: &str, at: usize) -> u32 {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Catalog, Vec<String>> {
        Catalog::parse("catalog.toml", text, |c| c == "china")
            .map_err(|e| e.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn full_catalog() {
        let c = parse(
            r#"
[[person]]
name = "Xi Jinping"
aliases = ["Xi"]
country = "china"

[[document]]
file = "a.txt"
date = "2020-07"
participants = ["xi-jinping"]
"#,
        )
        .unwrap();
        assert_eq!(c.people[0].id, "xi-jinping");
        assert_eq!(c.documents[0].date.unwrap().to_string(), "2020-07");
        assert_eq!(c.documents[0].line, 8);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("[[document]]\nfile = \"a.txt\"\ndate = \"2020-02-30\"\n").unwrap_err();
        assert_eq!(e, ["catalog.toml:3: bad date `2020-02-30`: use YYYY, YYYY-MM or YYYY-MM-DD with a real month and day"]);
        let e = parse("[[person]]\nname = \"A B\"\ncountry = \"narnia\"\n").unwrap_err();
        assert!(
            e[0].starts_with("catalog.toml:3: unknown country `narnia`"),
            "{e:?}"
        );
        let e = parse("[[document]]\nfile = \"a.txt\"\nparticipants = [\"nobody\"]\n").unwrap_err();
        assert!(
            e[0].starts_with("catalog.toml:3: participant `nobody`"),
            "{e:?}"
        );
        let e = parse("[[document]]\nfile = \"a.txt\"\nfiel = 1\n").unwrap_err();
        assert!(
            e[0].starts_with("catalog.toml:3: unknown field `fiel`"),
            "{e:?}"
        );
        let e = parse("[[document]\n").unwrap_err();
        assert!(e[0].starts_with("catalog.toml:1: "), "{e:?}");
    }

    #[test]
    fn every_problem_is_reported() {
        let e = parse("[[document]]\nfile = \"a.txt\"\ndate = \"x\"\n[[document]]\nfile = \"a.txt\"\nkind = \"Phone Call\"\n").unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
    }
}
