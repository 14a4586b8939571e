//! Finding dates in running text: `2023-11-01 22:50`, `05-Nov-2021`, `October 10, 2023`,
//! `20 July 2020`, `November 2023`, and dates without a year (`20 July`, `June 13`), which the
//! catalog can complete.
//!
//! Month names must be capitalised ("May" is a month, "may" is not) and every date is checked
//! against the calendar, so `2023-02-30` or `31 June` is not a date.

use crate::model::Date;
use crate::text::lexicon::month_number;
use regex_lite::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A date found in text. `year` is `None` for a day and month without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
    /// Byte range of the date in the text searched.
    pub range: Range<usize>,
}

impl Found {
    /// The date, when the year is known.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day)
    }
}

const MONTH: &str = "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";

struct Patterns {
    /// 2023-11-01, 2023/11/01, 2023.11.01
    iso: Regex,
    /// 05-Nov-2021, 20 July 2020, 1st June, 2023
    day_month_year: Regex,
    /// October 10, 2023; Oct. 10 2023
    month_day_year: Regex,
    /// November 2023
    month_year: Regex,
    /// 20 July
    day_month: Regex,
    /// June 13
    month_day: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: String| Regex::new(&s).expect("date pattern");
        Patterns {
            iso: re(r"\b(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})\b".into()),
            day_month_year: re(format!(
                r"\b(\d{{1,2}})(?:st|nd|rd|th)?[- ]{MONTH}(?:[- ]|,\s*)(\d{{4}})\b"
            )),
            month_day_year: re(format!(
                r"\b{MONTH}\s(\d{{1,2}})(?:st|nd|rd|th)?,?\s(\d{{4}})\b"
            )),
            month_year: re(format!(r"\b{MONTH},?\s(\d{{4}})\b")),
            day_month: re(format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?{MONTH}")),
            month_day: re(format!(r"\b{MONTH}\s(\d{{1,2}})(?:st|nd|rd|th)?\b")),
        }
    })
}

fn num<T: std::str::FromStr>(caps: &regex_lite::Captures<'_>, i: usize) -> Option<T> {
    caps.get(i)?.as_str().parse().ok()
}

/// Every date in `text`, in order of position; where forms overlap, the fullest wins
/// (`October 10, 2023` is one date, not also `October 10`).
///
/// ```
/// use concord_core::corpus::date::find_dates;
/// let found = find_dates("Updated 21:01, 05-Nov-2021");
/// assert_eq!(found[0].date().unwrap().to_string(), "2021-11-05");
/// ```
pub fn find_dates(text: &str) -> Vec<Found> {
    let p = patterns();
    // Matches so far, valid or not: a rejected `31 June 2021` must not become `June 2021`.
    let mut taken: Vec<(Found, bool)> = Vec::new();
    let mut push = |f: Option<Found>| {
        let Some(f) = f else { return };
        let valid = match f.year {
            Some(y) => Date::new(y, f.month, f.day).is_some(),
            None => f.day >= 1 && f.day <= crate::model::days_in_month(2000, f.month),
        };
        let overlaps = taken
            .iter()
            .any(|(g, _)| g.range.start < f.range.end && f.range.start < g.range.end);
        if !overlaps {
            taken.push((f, valid));
        }
    };
    // Fullest forms first, so that shorter ones inside them are dropped as overlaps.
    for c in p.iso.captures_iter(text) {
        // The two separators must agree (2023-11-01, not 2023-11/01).
        let same_sep = c.get(2).map(|m| m.as_str()) == c.get(4).map(|m| m.as_str());
        push(same_sep.then(|| Found {
            year: num(&c, 1),
            month: num(&c, 3).unwrap_or(0),
            day: num(&c, 5).unwrap_or(0),
            range: c.get(0).expect("match").range(),
        }));
    }
    for c in p.day_month_year.captures_iter(text) {
        push(Some(Found {
            year: num(&c, 3),
            month: month_number(&c[2]).unwrap_or(0),
            day: num(&c, 1).unwrap_or(0),
            range: c.get(0).expect("match").range(),
        }));
    }
    for c in p.month_day_year.captures_iter(text) {
        push(Some(Found {
            year: num(&c, 3),
            month: month_number(&c[1]).unwrap_or(0),
            day: num(&c, 2).unwrap_or(0),
            range: c.get(0).expect("match").range(),
        }));
    }
    for c in p.month_year.captures_iter(text) {
        let month = month_number(&c[1]).unwrap_or(0);
        push((month > 0).then(|| Found {
            year: num(&c, 2),
            month,
            day: 0,
            range: c.get(0).expect("match").range(),
        }));
    }
    for c in p.day_month.captures_iter(text) {
        push(Some(Found {
            year: None,
            month: month_number(&c[2]).unwrap_or(0),
            day: num(&c, 1).unwrap_or(0),
            range: c.get(0).expect("match").range(),
        }));
    }
    for c in p.month_day.captures_iter(text) {
        push(Some(Found {
            year: None,
            month: month_number(&c[1]).unwrap_or(0),
            day: num(&c, 2).unwrap_or(0),
            range: c.get(0).expect("match").range(),
        }));
    }
    let mut found: Vec<Found> = taken
        .into_iter()
        .filter(|(f, valid)| *valid && (f.year.is_some() || f.day > 0))
        .map(|(f, _)| f)
        .collect();
    crate::sort::by_key(&mut found, |f| f.range.start);
    found
}

/// A date that the text itself opens with, such as the `date 2023-10-10 ` a scraper put in
/// front of a headline, and the rest of the line after it.
///
/// ```
/// use concord_core::corpus::date::leading_date;
/// let (date, rest) = leading_date(" date 2023-10-10 China Urges Ceasefire").unwrap();
/// assert_eq!(date.to_string(), "2023-10-10");
/// assert_eq!(rest, "China Urges Ceasefire");
/// ```
pub fn leading_date(line: &str) -> Option<(Date, &str)> {
    let trimmed = line.trim_start();
    let offset = line.len() - trimmed.len();
    // An optional label word ("date", "Date:", "Published") before the date.
    let label_end = trimmed
        .find(|c: char| !c.is_alphabetic())
        .filter(|&end| {
            let word = trimmed[..end].to_lowercase();
            crate::text::lexicon::DATELINE_WORDS.contains(&word.as_str())
        })
        .map(|end| end + trimmed[end..].len() - trimmed[end..].trim_start_matches([':', ' ']).len())
        .unwrap_or(0);
    let f = find_dates(line).into_iter().next()?;
    if f.range.start != offset + label_end {
        return None;
    }
    let rest = line[f.range.end..].trim_start_matches([' ', ':', '|', '-', '–', '—', ',']);
    Some((f.date()?, rest.trim()))
}

/// The date a file's path gives: in its name, else in the name of the nearest folder that
/// has one. Read, at their precision: `2023-11-01`, `2023_11_01`, `2023.11.01`, `20231101`,
/// `2023-11` (a year and month), or a year from 1900 to 2100 standing alone between
/// separators (`speech_04_2019.txt`, `2019 Kenya.txt`). Digits that run on into other digits
/// or letters (`b8054d8e`, `000123`) are no date; an impossible month or day is none.
///
/// ```
/// use concord_core::corpus::date::from_file_name;
/// let d = |p| from_file_name(p).map(|d| d.to_string());
/// assert_eq!(d("un/2023-11-01_statement.txt").as_deref(), Some("2023-11-01"));
/// assert_eq!(d("KEN_20231101.txt").as_deref(), Some("2023-11-01"));
/// assert_eq!(d("speech_04_2019.txt").as_deref(), Some("2019"));
/// assert_eq!(d("2019/kenya.txt").as_deref(), Some("2019"));
/// assert_eq!(d("000_b8054d8e205d4872.txt"), None);
/// assert_eq!(d("2023-13-01 notes.txt"), None);
/// ```
pub fn from_file_name(path: &str) -> Option<Date> {
    let path = path.strip_suffix(".txt").unwrap_or(path);
    path.rsplit('/').find_map(date_in_name)
}

fn date_in_name(name: &str) -> Option<Date> {
    // Runs of digits with what separates them.
    let bytes = name.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let standalone = |(s, e): (usize, usize)| {
        let before = s.checked_sub(1).map(|k| bytes[k]);
        let after = bytes.get(e).copied();
        before.is_none_or(|b| !b.is_ascii_alphanumeric())
            && after.is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    let num = |(s, e): (usize, usize)| name[s..e].parse::<u32>().ok();
    let year_ok = |y: u32| (1900..=2100).contains(&y);
    let sep = |k: usize| {
        bytes
            .get(k)
            .is_some_and(|b| matches!(b, b'-' | b'_' | b'.'))
    };
    // YYYY-MM-DD and YYYY-MM, with one kind of separator.
    for w in 0..runs.len() {
        let (s, e) = runs[w];
        if e - s != 4
            || !year_ok(num(runs[w])?)
            || s.checked_sub(1)
                .is_some_and(|k| bytes[k].is_ascii_alphanumeric())
        {
            continue;
        }
        let year = num(runs[w])? as i32;
        let next = |k: usize| {
            runs.get(k)
                .copied()
                .filter(|&(ns, ne)| ne - ns == 2 && ns == runs[k - 1].1 + 1 && sep(runs[k - 1].1))
        };
        if let Some(m) = next(w + 1) {
            let month = num(m)? as u8;
            if let Some(d) = next(w + 2).filter(|&d| standalone(d) && bytes[m.1] == bytes[e]) {
                return Date::new(year, month, num(d)? as u8)
                    .filter(|_| month > 0 && num(d) > Some(0));
            }
            if standalone(m) && month > 0 {
                return Date::new(year, month, 0);
            }
        }
    }
    // YYYYMMDD.
    for &r in &runs {
        if r.1 - r.0 == 8 && standalone(r) {
            let (y, m, d) = (
                &name[r.0..r.0 + 4],
                &name[r.0 + 4..r.0 + 6],
                &name[r.0 + 6..r.1],
            );
            let (y, m, d): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            if year_ok(y as u32) && m > 0 && d > 0 {
                if let Some(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    // A year standing alone.
    runs.iter()
        .copied()
        .filter(|&r| r.1 - r.0 == 4 && standalone(r))
        .find_map(|r| num(r).filter(|&y| year_ok(y)))
        .and_then(|y| Date::new(y as i32, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Vec<String> {
        find_dates(text)
            .iter()
            .map(|f| match f.date() {
                Some(d) => d.to_string(),
                None => format!("--{:02}-{:02}", f.month, f.day),
            })
            .collect()
    }

    #[test]
    fn every_seed_form() {
        assert_eq!(iso("2023-11-01 22:50"), ["2023-11-01"]);
        assert_eq!(iso("Updated 21:01, 05-Nov-2021"), ["2021-11-05"]);
        assert_eq!(iso("October 10, 2023"), ["2023-10-10"]);
        assert_eq!(iso("On the evening of 20 July, President Xi"), ["--07-20"]);
        assert_eq!(iso("between June 13 and 16"), ["--06-13"]);
    }

    #[test]
    fn other_forms() {
        assert_eq!(iso("on 3rd March 2022."), ["2022-03-03"]);
        assert_eq!(
            iso("Sept. 9, 2019 and 2019/09/10"),
            ["2019-09-09", "2019-09-10"]
        );
        assert_eq!(iso("in November 2023 talks"), ["2023-11"]);
        assert_eq!(iso("the 14th of June"), ["--06-14"]);
    }

    #[test]
    fn impossible_dates_and_words_are_not_dates() {
        assert!(iso("2023-02-30, 31 June 2021, 2023-13-01").is_empty());
        assert!(iso("China may act; in 2013 Xi proposed; 1967 borders").is_empty());
        assert!(iso("2023-11/01").is_empty());
    }

    #[test]
    fn leading_dates() {
        assert!(leading_date("China Urges Ceasefire, 2023-10-10").is_none());
        let (d, rest) = leading_date("Published: October 10, 2023 — Title here").unwrap();
        assert_eq!((d.to_string().as_str(), rest), ("2023-10-10", "Title here"));
    }
}
