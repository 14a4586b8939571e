//! The spreadsheet catalog, `catalog.csv`: one row a document, as researchers keep their
//! metadata. UTF-8, RFC 4180 (read with the [`csv`](https://docs.rs/csv) crate), a header row;
//! cells are trimmed; column names are matched without regard to case.
//!
//! | column | value |
//! |---|---|
//! | `file` (required) | path relative to the corpus folder (`\` separators, a leading `./` and a missing `.txt` are understood) |
//! | `id` | the document id used in links |
//! | `title` | the title, replacing the first line |
//! | `date` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` |
//! | `source` | the outlet or publisher |
//! | `kind` | the kind of document (`speech`, `Press conference`): made a slug |
//! | `speaker` | the document's own speaker, a name ("H.E. Mr. Wang Yi": honorifics are taken off) or a person id of `catalog.toml`; a new name adds the person |
//! | `speaker_role` | the speaker's office |
//! | `speaker_country` | a country's name, demonym, slug or ISO 3166-1 alpha-3 code |
//! | `participants` | names (or person ids), separated by `;` |
//!
//! An empty cell says nothing. An unknown column is a warning naming it (and the column it may
//! have meant); a bad value is an
//! error naming the file, line, column and value (for an unknown country, with the closest
//! known names).

use super::{Catalog, CatalogDocument};
use crate::corpus::{CorpusError, ErrorKind};
use crate::model::Date;
use crate::text::is_slug;

/// The columns read, in the documented order.
pub const COLUMNS: &[&str] = &[
    "file",
    "id",
    "title",
    "date",
    "source",
    "kind",
    "speaker",
    "speaker_role",
    "speaker_country",
    "participants",
];

/// A warning about the spreadsheet: its line and message.
pub type Warning = (u32, String);

/// Reads `text` (the file at `path`) into `catalog`: its documents, and the people its
/// `speaker` and `participants` columns name. `country` resolves a `speaker_country` cell to
/// a slug, or gives the closest known names; `exists` says whether a path is a corpus file
/// (a `file` cell may use `\` separators, start with `./`, or leave out `.txt`). Returns the
/// warnings, or every error found.
pub fn parse(
    path: &str,
    text: &str,
    catalog: &mut Catalog,
    country: impl Fn(&str) -> Result<String, Vec<String>>,
    exists: impl Fn(&str) -> bool,
) -> Result<Vec<Warning>, Vec<CorpusError>> {
    let err = |line: u32, column: Option<u32>, message: String| CorpusError {
        file: path.to_string(),
        line: Some(line),
        column,
        kind: ErrorKind::Catalog(message),
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect(),
        Err(e) => return Err(vec![csv_error(path, &e)]),
    };
    let (at, file_col, warnings) =
        columns(&header).map_err(|(column, message)| vec![err(1, column, message)])?;

    let mut sheet = Sheet {
        path,
        at,
        file_col,
        catalog,
        country: &country,
        exists: &exists,
        errors: Vec::new(),
        warnings,
    };
    for record in reader.records() {
        match record {
            Ok(record) => sheet.row(&record),
            Err(e) => sheet.errors.push(csv_error(path, &e)),
        }
    }
    let Sheet {
        errors, warnings, ..
    } = sheet;
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// The rows of one CSV catalog being read into the catalog, with what they went wrong.
struct Sheet<'a> {
    path: &'a str,
    /// Where each of [`COLUMNS`] is.
    at: [Option<usize>; 10],
    file_col: usize,
    catalog: &'a mut Catalog,
    country: &'a dyn Fn(&str) -> Result<String, Vec<String>>,
    exists: &'a dyn Fn(&str) -> bool,
    errors: Vec<CorpusError>,
    warnings: Vec<Warning>,
}

impl Sheet<'_> {
    fn err(&self, line: u32, column: Option<u32>, message: String) -> CorpusError {
        CorpusError {
            file: self.path.to_string(),
            line: Some(line),
            column,
            kind: ErrorKind::Catalog(message),
        }
    }

    /// One row: a document's entry, or errors naming its line and column.
    fn row(&mut self, record: &::csv::StringRecord) {
        let line = record.position().map_or(0, |p| p.line() as u32);
        if record.iter().all(str::is_empty) {
            return;
        }
        let at = self.at;
        let cell = |k: usize| -> Option<(&str, u32)> {
            let i = at[k]?;
            record
                .get(i)
                .filter(|v| !v.is_empty())
                .map(|v| (v, i as u32 + 1))
        };
        let Some((file, _)) = cell(0) else {
            self.errors.push(self.err(
                line,
                Some(self.file_col as u32 + 1),
                "the `file` cell is empty: each row names a .txt file".into(),
            ));
            return;
        };
        let file = normalized(file, self.exists);
        let file = file.as_str();
        if let Some(other) = self.catalog.documents.iter().find(|d| d.file == file) {
            self.errors.push(CorpusError {
                file: self.path.to_string(),
                line: Some(line),
                column: Some(self.file_col as u32 + 1),
                kind: ErrorKind::TwoCatalogs {
                    file: file.to_string(),
                    other: format!("{}:{}", other.catalog, other.line),
                },
            });
            return;
        }
        let date = cell(3).and_then(|(v, col)| match Date::parse_iso(v) {
            Some(d) => Some(d),
            None => {
                self.errors.push(self.err(line, Some(col), format!("bad date `{v}` in column `date`: use YYYY, YYYY-MM or YYYY-MM-DD with a real month and day")));
                None
            }
        });
        if let Some((v, col)) = cell(1) {
            if !super::is_document_id(v) {
                self.errors.push(self.err(line, Some(col), format!("document id `{v}` in column `id` must not contain spaces or any of , : & = # ? /")));
            }
        }
        let kind = cell(5).map(|(v, col)| {
            let k = crate::text::slug(v);
            if !is_slug(&k) {
                self.errors.push(self.err(
                    line,
                    Some(col),
                    format!("kind `{v}` in column `kind` has no letters or digits"),
                ));
            }
            k
        });
        let speaker_country = cell(8).and_then(|(v, col)| match (self.country)(v) {
            Ok(slug) => Some(slug),
            Err(near) => {
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or "))
                };
                self.errors.push(self.err(line, Some(col), format!("unknown country `{v}` in column `speaker_country`{hint} (use a country's name, demonym, slug or ISO 3166-1 alpha-3 code, or add a [[country]] entry to catalog.toml)")));
                None
            }
        });
        let speaker = cell(6).map(|(v, _)| {
            self.catalog
                .person_named(v, cell(7).map(|c| c.0), speaker_country.as_deref())
        });
        if speaker.is_none() {
            for (k, what) in [(7, "speaker_role"), (8, "speaker_country")] {
                if let Some((_, col)) = cell(k) {
                    self.warnings.push((
                        line,
                        format!(
                            "column {col} (`{what}`) is set but `speaker` is empty; it is not used"
                        ),
                    ));
                }
            }
        }
        let participants = cell(9)
            .map(|(v, _)| {
                v.split(';')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| self.catalog.person_named(n, None, None))
                    .collect()
            })
            .unwrap_or_default();
        self.catalog.documents.push(CatalogDocument {
            file: file.to_string(),
            catalog: self.path.to_string(),
            line,
            id: cell(1).map(|c| c.0.to_string()),
            title: cell(2).map(|c| c.0.to_string()),
            date,
            source: cell(4).map(|c| c.0.to_string()),
            kind,
            participants,
            speaker,
        });
    }
}

/// Where each of [`COLUMNS`] stands in the header (lower case), the `file` column's place,
/// and a warning for each unknown column; or the header's fault (its column, the message).
#[allow(clippy::type_complexity)]
fn columns(
    header: &[String],
) -> Result<([Option<usize>; 10], usize, Vec<Warning>), (Option<u32>, String)> {
    let mut warnings = Vec::new();
    let mut at = [None; 10];
    for (i, name) in header.iter().enumerate() {
        match COLUMNS.iter().position(|c| c == name) {
            Some(k) if at[k].is_none() => at[k] = Some(i),
            Some(_) => {
                return Err((
                    Some(i as u32 + 1),
                    format!("column `{name}` appears twice in the header"),
                ))
            }
            None => warnings.push((
                1,
                match closest_column(name) {
                    Some(near) => format!(
                        "unknown column `{name}` (column {}) is not read; did you mean `{near}`? The columns are {}",
                        i + 1,
                        COLUMNS.join(", ")
                    ),
                    None => format!(
                        "unknown column `{name}` (column {}) is not read; the columns are {}",
                        i + 1,
                        COLUMNS.join(", ")
                    ),
                },
            )),
        }
    }
    let Some(file_col) = at[0] else {
        return Err((
            None,
            format!(
                "the header has no `file` column (it names each row's .txt file); the columns are {}",
                COLUMNS.join(", ")
            ),
        ));
    };
    Ok((at, file_col, warnings))
}

/// A `file` cell as the corpus names files: `/` separators, no leading `./`, and `.txt` added
/// when only the name with it is a corpus file.
fn normalized(file: &str, exists: &dyn Fn(&str) -> bool) -> String {
    let mut f = file.replace('\\', "/");
    while let Some(rest) = f.strip_prefix("./") {
        f = rest.to_string();
    }
    if !exists(&f) && exists(&format!("{f}.txt")) {
        f.push_str(".txt");
    }
    f
}

/// The column most like `name`, for an unknown column's warning: one whose name contains it
/// or is contained in it (`country` → `speaker_country`), else one at least 0.85 alike
/// (Jaro–Winkler: `speakr` → `speaker`).
fn closest_column(name: &str) -> Option<&'static str> {
    let name = name.trim().replace([' ', '-'], "_");
    if name.len() >= 4 {
        if let Some(c) = COLUMNS
            .iter()
            .find(|c| c.contains(name.as_str()) || name.contains(**c))
        {
            return Some(c);
        }
    }
    COLUMNS
        .iter()
        .map(|c| (strsim::jaro_winkler(&name, c), *c))
        .filter(|(s, _)| *s >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn csv_error(path: &str, e: &::csv::Error) -> CorpusError {
    let line = e.position().map(|p| p.line() as u32);
    let message = match e.kind() {
        ::csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "this row has {len} cells, the header {expected_len}: quote a cell that holds a comma (\"Doha, Qatar\")"
        ),
        ::csv::ErrorKind::Utf8 { err, .. } => format!(
            "not UTF-8 (in field {}); save the spreadsheet as CSV UTF-8",
            err.field() + 1
        ),
        _ => e.to_string(),
    };
    CorpusError {
        file: path.to_string(),
        line,
        column: None,
        kind: ErrorKind::Catalog(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries(v: &str) -> Result<String, Vec<String>> {
        match v {
            "China" | "CHN" | "Chinese" | "china" => Ok("china".into()),
            "Brazil" | "BRA" => Ok("brazil".into()),
            _ => Err(vec!["Brazil".into()]),
        }
    }

    fn run(text: &str) -> Result<(Catalog, Vec<Warning>), Vec<String>> {
        let mut c = Catalog::default();
        parse("catalog.csv", text, &mut c, countries, |f| {
            f == "a.txt" || f == "b.txt"
        })
        .map(|w| (c, w))
        .map_err(|e| e.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn rows_become_documents_and_people() {
        let (c, w) = run(
            "File,Date,Speaker,Speaker_Role,Speaker_Country,Kind,Participants,Notes\n\
             a.txt , 2019 ,\"H.E. Mr. Wang Yi\",Foreign Minister,CHN,Speech,Ana Lima; Wang Yi,x\n\
             b.txt,,,,,,,\n",
        )
        .unwrap();
        assert_eq!(w, [(1, "unknown column `notes` (column 8) is not read; the columns are file, id, title, date, source, kind, speaker, speaker_role, speaker_country, participants".to_string())]);
        assert_eq!(closest_column("country"), Some("speaker_country"));
        assert_eq!(closest_column("speaker name"), Some("speaker"));
        assert_eq!(closest_column("speakr"), Some("speaker"));
        assert_eq!(closest_column("year"), None);
        assert_eq!(c.documents.len(), 2);
        let a = &c.documents[0];
        assert_eq!((a.file.as_str(), a.line), ("a.txt", 2));
        assert_eq!(a.date.unwrap().to_string(), "2019");
        assert_eq!(a.kind.as_deref(), Some("speech"));
        assert_eq!(a.speaker.as_deref(), Some("wang-yi"));
        assert_eq!(a.participants, ["ana-lima", "wang-yi"]);
        assert_eq!(c.people.len(), 2);
        assert_eq!(c.people[0].name, "Wang Yi");
        assert_eq!(c.people[0].role.as_deref(), Some("Foreign Minister"));
        assert_eq!(c.people[0].country.as_deref(), Some("china"));
    }

    #[test]
    fn bad_values_name_line_column_and_value() {
        let e = run("file,date,speaker,speaker_country\na.txt,2019-13,X Y,Brazl\n").unwrap_err();
        assert_eq!(e, [
            "catalog.csv:2:2: bad date `2019-13` in column `date`: use YYYY, YYYY-MM or YYYY-MM-DD with a real month and day",
            "catalog.csv:2:4: unknown country `Brazl` in column `speaker_country`; did you mean `Brazil`? (use a country's name, demonym, slug or ISO 3166-1 alpha-3 code, or add a [[country]] entry to catalog.toml)",
        ]);
        let e = run("title\nx\n").unwrap_err();
        assert!(
            e[0].starts_with("catalog.csv:1: the header has no `file` column"),
            "{e:?}"
        );
        let e = run("file,title\na.txt,\"Doha, Qatar\"\nb.txt,Doha, Qatar\n").unwrap_err();
        assert_eq!(e, ["catalog.csv:3: this row has 3 cells, the header 2: quote a cell that holds a comma (\"Doha, Qatar\")"]);
        let e = run("file\na.txt\n.\\a\n").unwrap_err();
        assert_eq!(e, ["catalog.csv:3:1: `a.txt` is also described at catalog.csv:2; describe each file in one catalog only"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any spreadsheet text is read or refused with errors naming the file; never a panic.
        #[test]
        fn any_text_is_read_or_refused(
            text in "(file|date|speaker|speaker_country|kind|x|,|\"|\n|\r|[a-z.]{1,8}|[0-9-]{1,10}|;| ){0,60}"
        ) {
            match run(&text) {
                Ok((c, _)) => {
                    for d in &c.documents {
                        proptest::prop_assert!(!d.file.is_empty());
                    }
                }
                Err(e) => {
                    for m in e {
                        proptest::prop_assert!(m.starts_with("catalog.csv:"), "{m}");
                    }
                }
            }
        }
    }
}
