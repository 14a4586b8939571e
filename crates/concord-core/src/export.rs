//! What leaves the app: the current statements as CSV or JSON, and citations of one
//! paragraph (plain text and BibTeX) with a short hash of its text.
//!
//! Links are made by the caller (the app knows its address); everything else is here, so
//! the formats are tested natively.

use crate::index::Index;
use crate::model::{Corpus, Paragraph};
use serde::Serialize;

/// One exported statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub document: String,
    pub paragraph: u32,
    /// ISO 8601 at the date's precision (`2023`, `2023-06`, `2023-06-14`), empty if undated.
    pub date: String,
    /// The speaker's name, or `Narrator`.
    pub speaker: String,
    pub source: String,
    pub text: String,
    pub link: String,
}

/// The columns, in order (the CSV header and the JSON keys).
pub const COLUMNS: [&str; 7] = [
    "document",
    "paragraph",
    "date",
    "speaker",
    "source",
    "text",
    "link",
];

/// Rows for statements `stmts` (index ids), in that order; `link(doc id, p)` gives each
/// statement's address.
pub fn rows(
    corpus: &Corpus,
    index: &Index,
    stmts: impl IntoIterator<Item = u32>,
    link: impl Fn(&str, u32) -> String,
) -> Vec<Row> {
    rows_with(corpus, index, stmts, |_, _| None, link)
}

/// [`rows`], where a statement's text is `text(doc, p)` when that gives one, else the
/// corpus's: an export of many statements reads their text a block at a time without
/// loading it into the corpus. A statement without text anywhere has no row.
pub fn rows_with<'t>(
    corpus: &Corpus,
    index: &Index,
    stmts: impl IntoIterator<Item = u32>,
    text: impl Fn(u32, u32) -> Option<&'t str>,
    link: impl Fn(&str, u32) -> String,
) -> Vec<Row> {
    stmts
        .into_iter()
        .filter_map(|s| {
            let st = index.statements.get(s as usize)?;
            let doc = corpus.documents.get(st.doc as usize)?;
            let text = match text(st.doc, st.p) {
                Some(t) => t.to_string(),
                None => doc.paragraph(st.p)?.text.clone(),
            };
            Some(Row {
                document: doc.id.clone(),
                paragraph: st.p,
                date: doc.date.date.map(|d| d.to_string()).unwrap_or_default(),
                speaker: corpus.speaker_name(st.speaker).to_string(),
                source: doc.source.clone().unwrap_or_default(),
                text,
                link: link(&doc.id, st.p),
            })
        })
        .collect()
}

/// The formats statements are exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// An export written in parts, so that a large one is made a block of rows at a time and
/// never held whole by the engine: [`Writer::head`], then [`Writer::part`] for each block
/// in order, then [`Writer::tail`]. The parts joined are [`csv()`] (or [`json()`]) of all the
/// rows, however the rows were cut.
///
/// ```
/// use concord_core::export::{json, Format, Row, Writer};
/// let row = |n| Row { document: "a".into(), paragraph: n, date: "".into(),
///     speaker: "Xi".into(), source: "".into(), text: "Yes".into(), link: "".into() };
/// let mut w = Writer::new(Format::Json);
/// let mut out = w.head();
/// out += &w.part(&[row(1)]);
/// out += &w.part(&[row(2), row(3)]);
/// out += &w.tail();
/// assert_eq!(out, json(&[row(1), row(2), row(3)]));
/// assert_eq!(w.rows(), 3);
/// ```
#[derive(Debug, Clone)]
pub struct Writer {
    format: Format,
    rows: usize,
}

impl Writer {
    pub fn new(format: Format) -> Writer {
        Writer { format, rows: 0 }
    }

    /// What comes before the rows: the CSV header, or JSON's opening bracket.
    pub fn head(&self) -> String {
        match self.format {
            Format::Csv => csv_records(std::iter::once(
                COLUMNS.iter().map(|c| c.to_string()).collect(),
            )),
            Format::Json => "[".into(),
        }
    }

    /// The next rows.
    pub fn part(&mut self, rows: &[Row]) -> String {
        let out = match self.format {
            Format::Csv => csv_records(rows.iter().map(|r| {
                [
                    r.document.as_str(),
                    &r.paragraph.to_string(),
                    &r.date,
                    &r.speaker,
                    &r.source,
                    &r.text,
                    &r.link,
                ]
                .iter()
                .map(|c| defuse(c).into_owned())
                .collect()
            })),
            Format::Json => {
                let mut out = String::new();
                for (i, r) in rows.iter().enumerate() {
                    json_row(r, self.rows + i == 0, &mut out);
                }
                out
            }
        };
        self.rows += rows.len();
        out
    }

    /// What comes after the rows: nothing for CSV, JSON's closing bracket.
    pub fn tail(&self) -> String {
        match (self.format, self.rows) {
            (Format::Csv, _) => String::new(),
            (Format::Json, 0) => "]".into(),
            (Format::Json, _) => "\n]".into(),
        }
    }

    /// Rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// Cuts a list of items, in order, into consecutive blocks of at most `max_len` items whose
/// keys (`keys`, one an item: the text shard its text is in) are at most `max_keys`
/// distinct, so that an export reads a bounded part of a sharded corpus at a time. Every
/// block has at least one item; together they are the whole list.
///
/// ```
/// use concord_core::export::blocks;
/// assert_eq!(blocks([7, 7, 8, 9, 9, 7], 2, 10), vec![0..3, 3..6]);
/// assert_eq!(blocks([1, 1, 1], 5, 2), vec![0..2, 2..3]);
/// assert!(blocks([], 2, 2).is_empty());
/// ```
pub fn blocks(
    keys: impl IntoIterator<Item = u32>,
    max_keys: usize,
    max_len: usize,
) -> Vec<std::ops::Range<usize>> {
    let (max_keys, max_len) = (max_keys.max(1), max_len.max(1));
    let mut out = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let mut start = 0;
    let mut n = 0;
    for (i, k) in keys.into_iter().enumerate() {
        let new = !seen.contains(&k);
        if i > start && (i - start == max_len || (new && seen.len() == max_keys)) {
            out.push(start..i);
            start = i;
            seen.clear();
        }
        if !seen.contains(&k) {
            seen.push(k);
        }
        n = i + 1;
    }
    if n > start {
        out.push(start..n);
    }
    out
}

/// CSV (RFC 4180, by the `csv` crate): a header, then one record per row; fields with
/// commas, quotes or line breaks are quoted, quotes doubled. A field a spreadsheet would
/// run as a formula gets a leading apostrophe ([`defuse`]); the JSON keeps every text exact.
///
/// ```
/// use concord_core::export::{csv, Row};
/// let row = Row { document: "a".into(), paragraph: 2, date: "2023".into(),
///     speaker: "Xi".into(), source: "".into(), text: "“Yes,” he said \"now\"".into(),
///     link: "https://x/?doc=a&p=2".into() };
/// let out = csv(&[row]);
/// assert!(out.ends_with("\"“Yes,” he said \"\"now\"\"\",https://x/?doc=a&p=2\r\n"));
/// ```
pub fn csv(rows: &[Row]) -> String {
    whole(Format::Csv, rows)
}

/// All of `rows` in `format`, at once.
fn whole(format: Format, rows: &[Row]) -> String {
    let mut w = Writer::new(format);
    let mut out = w.head();
    out.push_str(&w.part(rows));
    out.push_str(&w.tail());
    out
}

/// CSV of a header and rows whose cells are ready (defused where they need to be).
fn write_csv(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let header = columns.iter().map(|c| c.to_string()).collect();
    csv_records(std::iter::once(header).chain(rows))
}

/// CSV records, each ended by CRLF.
fn csv_records(records: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = "writing CSV to memory cannot fail";
    for record in records {
        w.write_record(record).expect(failed);
    }
    String::from_utf8(w.into_inner().expect(failed)).expect("CSV of strings is UTF-8")
}

/// Any table as CSV: a header row of `columns`, then `rows`, CRLF line ends. Text cells are
/// defused ([`defuse`]); a cell that is a plain number ("-2.5", "12") is kept as it is, so a
/// spreadsheet reads it as a number.
///
/// ```
/// use concord_core::export::table_csv;
/// let rows = vec![vec!["=SUM(A1)".to_string(), "-2.5".to_string()]];
/// assert_eq!(table_csv(&["term", "log ratio"], &rows), "term,log ratio\r\n'=SUM(A1),-2.5\r\n");
/// ```
pub fn table_csv(columns: &[&str], rows: &[Vec<String>]) -> String {
    let cells = rows.iter().map(|row| {
        row.iter()
            .map(|c| {
                if is_number(c) {
                    c.clone()
                } else {
                    defuse(c).into_owned()
                }
            })
            .collect()
    });
    write_csv(columns, cells)
}

/// True for a plain decimal number: an optional minus, digits, at most one point between
/// digits.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.split('.');
    let whole =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let (a, b) = (parts.next(), parts.next());
    whole(a) && (b.is_none() || whole(b)) && parts.next().is_none()
}

/// `cell`, or `'` + `cell` when a spreadsheet opening the CSV would take it for a formula:
/// when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's advice on CSV
/// injection; corpus text is untrusted, and `=HYPERLINK(…)` in a statement must stay text).
///
/// ```
/// use concord_core::export::defuse;
/// assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(defuse("-1967 borders"), "'-1967 borders");
/// assert_eq!(defuse("Two states"), "Two states");
/// ```
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// JSON: an array of objects with the [`COLUMNS`] as keys, indented by two spaces (the
/// layout of `serde_json::to_string_pretty`, which the tests hold it to). Written here, not
/// by `serde_json`: seven known fields need no serializer, and the app is smaller without
/// one.
pub fn json(rows: &[Row]) -> String {
    whole(Format::Json, rows)
}

/// One row as a JSON object, after the array's opening or a previous row.
fn json_row(r: &Row, first: bool, out: &mut String) {
    out.push_str(if first { "\n  {" } else { ",\n  {" });
    let paragraph = r.paragraph.to_string();
    let fields: [(&str, &str, bool); 7] = [
        (COLUMNS[0], &r.document, true),
        (COLUMNS[1], &paragraph, false),
        (COLUMNS[2], &r.date, true),
        (COLUMNS[3], &r.speaker, true),
        (COLUMNS[4], &r.source, true),
        (COLUMNS[5], &r.text, true),
        (COLUMNS[6], &r.link, true),
    ];
    for (j, (key, value, quoted)) in fields.into_iter().enumerate() {
        out.push_str(if j == 0 { "\n    " } else { ",\n    " });
        json_string(key, out);
        out.push_str(": ");
        if quoted {
            json_string(value, out);
        } else {
            out.push_str(value);
        }
    }
    out.push_str("\n  }");
}

/// `s` as a JSON string (RFC 8259): quotes and backslashes escaped, control characters as
/// `\n`-style or `\u00XX` escapes, everything else as it is.
fn json_string(s: &str, out: &mut String) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A short hash of a text, to tell whether a cited paragraph changed: the first 12 hex
/// digits of its FNV-1a 64-bit hash over the UTF-8 bytes (not cryptographic; a change
/// detector).
///
/// ```
/// use concord_core::export::text_hash;
/// assert_eq!(text_hash(""), "cbf29ce48422");
/// assert_ne!(text_hash("two-state solution"), text_hash("two-state solutions"));
/// ```
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")[..12].to_string()
}

/// What a citation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub speaker: String,
    pub title: String,
    pub source: String,
    /// ISO 8601 at the date's precision, empty if undated.
    pub date: String,
    pub document: String,
    pub paragraph: u32,
    pub link: String,
    pub hash: String,
}

impl Citation {
    /// The citation of paragraph `p` of document `doc` (its speaker when it is a
    /// statement).
    pub fn of(corpus: &Corpus, doc: usize, p: &Paragraph, link: String) -> Citation {
        let d = &corpus.documents[doc];
        let speaker = d.statements.iter().find(|s| s.p == p.n).map_or_else(
            || crate::model::NARRATOR_NAME.to_string(),
            |s| corpus.speaker_name(s.speaker).to_string(),
        );
        Citation {
            speaker,
            title: d.title.clone(),
            source: d.source.clone().unwrap_or_default(),
            date: d.date.date.map(|x| x.to_string()).unwrap_or_default(),
            document: d.id.clone(),
            paragraph: p.n,
            link,
            hash: text_hash(&p.text),
        }
    }

    /// One line of plain text.
    ///
    /// ```
    /// use concord_core::export::Citation;
    /// let c = Citation { speaker: "Wang Yi".into(), title: "Talks".into(), source: "MFA".into(),
    ///     date: "2023-10-10".into(), document: "d".into(), paragraph: 4,
    ///     link: "https://h/?doc=d&p=4".into(), hash: "0123456789ab".into() };
    /// assert_eq!(c.plain(), "Wang Yi, in “Talks”, MFA, 2023-10-10, paragraph 4. \
    ///     https://h/?doc=d&p=4 (text hash 0123456789ab)");
    /// ```
    pub fn plain(&self) -> String {
        let mut parts = vec![self.speaker.clone(), format!("in “{}”", self.title)];
        if !self.source.is_empty() {
            parts.push(self.source.clone());
        }
        if !self.date.is_empty() {
            parts.push(self.date.clone());
        }
        parts.push(format!("paragraph {}", self.paragraph));
        format!(
            "{}. {} (text hash {})",
            parts.join(", "),
            self.link,
            self.hash
        )
    }

    /// A BibTeX `@misc` entry; every field's special characters escaped.
    pub fn bibtex(&self) -> String {
        let key: String = format!("{}-p{}", self.document, self.paragraph)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let mut out = format!("@misc{{concord-{key},\n");
        let mut field = |name: &str, value: &str| {
            if !value.is_empty() {
                out.push_str(&format!("  {name} = {{{}}},\n", bibtex_escape(value)));
            }
        };
        field("author", &self.speaker);
        field(
            "title",
            &format!("{}, paragraph {}", self.title, self.paragraph),
        );
        field("howpublished", &self.source);
        field("date", &self.date);
        field("note", &format!("Text hash {}", self.hash));
        // URLs go in verbatim (the url package reads them as they are).
        out.push_str(&format!(
            "  url = {{{}}}\n}}\n",
            self.link.replace(['{', '}'], "")
        ));
        out
    }
}

/// Escapes BibTeX's special characters (`\ { } % & $ # _ ~ ^`).
fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_keep_numbers_and_defuse_text() {
        for n in ["0", "12", "-2.5", "3.0"] {
            assert!(is_number(n), "{n}");
        }
        for t in ["", "-", ".5", "1.", "1.2.3", "+1", "1e3", "=1", "-x"] {
            assert!(!is_number(t), "{t}");
        }
        let rows = vec![vec![
            "-war".to_string(),
            "-3.2".to_string(),
            "a,b".to_string(),
        ]];
        assert_eq!(
            table_csv(&["term", "log ratio", "note"], &rows),
            "term,log ratio,note\r\n'-war,-3.2,\"a,b\"\r\n"
        );
    }

    fn row(text: &str) -> Row {
        Row {
            document: "d,1".into(),
            paragraph: 3,
            date: "2023-06".into(),
            speaker: "Narrator".into(),
            source: "Outlet".into(),
            text: text.into(),
            link: "https://h/c/?doc=d%2C1&p=3".into(),
        }
    }

    #[test]
    fn csv_round_trips_hard_text() {
        let texts = [
            "plain",
            "a, b",
            "say \"no\"",
            "“curly”, ‘single’ — Côte d’Ivoire, 中国",
            "line\nbreak\r\nand more",
            "",
        ];
        let rows: Vec<Row> = texts.iter().map(|t| row(t)).collect();
        let out = csv(&rows);
        let mut reader = ::csv::Reader::from_reader(out.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            COLUMNS
        );
        let back: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(back.len(), texts.len());
        for (b, t) in back.iter().zip(texts) {
            assert_eq!(b[5], t);
            assert_eq!(b[0], "d,1");
        }
    }

    /// Regression (CSV injection): a statement that starts like a formula stays text in a
    /// spreadsheet; the JSON keeps it exact.
    #[test]
    fn formula_like_cells_are_defused_in_csv_only() {
        let texts = [
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "+cmd",
            "@SUM(1)",
            "-2",
            "\tx",
        ];
        let rows: Vec<Row> = texts.iter().map(|t| row(t)).collect();
        let out = csv(&rows);
        let mut reader = ::csv::Reader::from_reader(out.as_bytes());
        for (r, t) in reader.records().zip(texts) {
            assert_eq!(&r.unwrap()[5], format!("'{t}"));
        }
        let v: serde_json::Value = serde_json::from_str(&json(&rows)).unwrap();
        assert_eq!(v[0]["text"], texts[0]);
    }

    /// The layout and escapes of `serde_json::to_string_pretty`, byte for byte, on text with
    /// every kind of character a statement may hold.
    #[test]
    fn json_is_what_serde_json_writes() {
        let texts = [
            "plain",
            "say \"no\" \\ back",
            "line\nbreak\r\ntab\there",
            "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "“curly” — Côte d’Ivoire, 中国 😀",
            "",
        ];
        let rows: Vec<Row> = texts.iter().map(|t| row(t)).collect();
        for n in 0..=rows.len() {
            assert_eq!(
                json(&rows[..n]),
                serde_json::to_string_pretty(&rows[..n]).unwrap()
            );
        }
    }

    #[test]
    fn json_has_every_column() {
        let v: serde_json::Value = serde_json::from_str(&json(&[row("x \"y\"")])).unwrap();
        for c in COLUMNS {
            assert!(v[0].get(c).is_some(), "{c}");
        }
        assert_eq!(v[0]["text"], "x \"y\"");
        assert_eq!(v[0]["paragraph"], 3);
    }

    #[test]
    fn bibtex_escapes_specials() {
        let c = Citation {
            speaker: "A & B_{x}".into(),
            title: "100% #1".into(),
            source: String::new(),
            date: String::new(),
            document: "doc/1".into(),
            paragraph: 2,
            link: "https://h/?doc=doc%2F1&p=2".into(),
            hash: text_hash("t"),
        };
        let b = c.bibtex();
        assert!(b.starts_with("@misc{concord-doc-1-p2,\n"), "{b}");
        assert!(b.contains("author = {A \\& B\\_\\{x\\}}"), "{b}");
        assert!(b.contains("title = {100\\% \\#1, paragraph 2}"), "{b}");
        assert!(!b.contains("howpublished"));
        assert!(
            b.ends_with("  url = {https://h/?doc=doc%2F1&p=2}\n}\n"),
            "{b}"
        );
    }

    /// Written in parts, however the rows are cut, an export is the one written at once:
    /// CSV and JSON, with no rows, one, and hard text at every cut.
    #[test]
    fn parts_joined_are_the_whole_export() {
        let texts = [
            "a",
            "=1+1",
            "line\nbreak, \"quoted\"",
            "",
            "tab\there",
            "é “x”",
        ];
        let all: Vec<Row> = texts.iter().map(|t| row(t)).collect();
        for format in [Format::Csv, Format::Json] {
            for n in 0..=all.len() {
                let rows = &all[..n];
                let want = whole(format, rows);
                for size in 1..=n.max(1) {
                    let mut w = Writer::new(format);
                    let mut out = w.head();
                    for chunk in rows.chunks(size) {
                        out.push_str(&w.part(chunk));
                    }
                    out.push_str(&w.part(&[]));
                    out.push_str(&w.tail());
                    assert_eq!(out, want, "{format:?}, {n} rows in parts of {size}");
                    assert_eq!(w.rows(), n);
                }
            }
        }
        assert_eq!(json(&[]), "[]");
        assert_eq!(
            csv(&[]),
            "document,paragraph,date,speaker,source,text,link\r\n"
        );
    }

    /// Blocks cover the list in order, each within its bounds, and a block is closed only
    /// when the next item would break one.
    #[test]
    fn blocks_cover_the_list_within_their_bounds() {
        let keys: Vec<u32> = (0..500u32).map(|i| (i * 7919) % 13 / 3).collect();
        for max_keys in 1..5 {
            for max_len in [1, 2, 7, 50, 1000] {
                let cut = blocks(keys.iter().copied(), max_keys, max_len);
                let mut next = 0;
                for b in &cut {
                    assert_eq!(b.start, next);
                    assert!(!b.is_empty() && b.len() <= max_len);
                    let mut distinct = keys[b.clone()].to_vec();
                    distinct.sort_unstable();
                    distinct.dedup();
                    assert!(distinct.len() <= max_keys);
                    if b.end < keys.len() {
                        let full = b.len() == max_len;
                        let new_key = !distinct.contains(&keys[b.end]);
                        assert!(full || (new_key && distinct.len() == max_keys));
                    }
                    next = b.end;
                }
                assert_eq!(next, keys.len());
            }
        }
    }

    /// Rows read their text where `text` gives it, else the corpus's; the other fields are
    /// the corpus's either way.
    #[test]
    fn rows_read_text_given_apart() {
        let corpus = crate::corpus::test_corpus("seeds");
        let index = Index::build(&corpus);
        let stmts: Vec<u32> = (0..index.statements.len() as u32).step_by(5).collect();
        let link = |d: &str, p: u32| format!("{d}#{p}");
        let want = rows(&corpus, &index, stmts.iter().copied(), link);
        let copy: std::collections::HashMap<(u32, u32), String> = stmts
            .iter()
            .map(|&s| {
                let st = &index.statements[s as usize];
                let text = corpus.documents[st.doc as usize]
                    .paragraph(st.p)
                    .unwrap()
                    .text
                    .clone();
                ((st.doc, st.p), text)
            })
            .collect();
        let mut skeleton = corpus.clone();
        for d in &mut skeleton.documents {
            d.paragraphs.clear();
        }
        let got = rows_with(
            &skeleton,
            &index,
            stmts.iter().copied(),
            |d, p| copy.get(&(d, p)).map(String::as_str),
            link,
        );
        assert_eq!(got, want);
        assert_eq!(rows(&skeleton, &index, stmts.iter().copied(), link), vec![]);
    }
}
