//! The timeline: statements placed by date, in lanes by speaker, by country or by stance.
//!
//! A mark is one document's statements in one lane (a speaker; a country the statement
//! is by or about — a statement about two countries is in both lanes; or a stance its
//! positions take — a statement that supports and opposes is in both, and a statement
//! without positions in none). It spans its
//! document's date at that date's precision: a day, a whole month, or a whole year. The
//! [`LANES_MAX`] lanes with the most statements are kept, the rest joined as "others".
//! Marks count their statements, and those matching the query (its hits). Undated
//! documents have no place and are counted apart.

use crate::model::{days_in_month, Date, Precision, Stance};
use crate::query::{Filters, Searcher};
use std::collections::BTreeMap;

/// Most lanes drawn; the others are joined.
pub const LANES_MAX: usize = 10;
/// The key of the joined lane.
pub const OTHERS: &str = "others";

/// What the lanes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LaneBy {
    #[default]
    Speaker,
    Country,
    Stance,
}

/// A lane: a speaker id (`narrator`), a country slug, a stance slug, or [`OTHERS`], with its
/// statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub key: String,
    pub statements: usize,
}

/// One document's statements in one lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub doc: u32,
    pub lane: usize,
    /// Day numbers (days since 1970-01-01) of the first and last day the date covers.
    pub first: i32,
    pub last: i32,
    pub statements: usize,
    pub hits: usize,
}

/// Everything the timeline draws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    pub marks: Vec<Mark>,
    /// Dated statements that pass the filters (each once, whatever its lanes).
    pub statements: usize,
    /// Statements that pass the filters but are undated.
    pub undated: usize,
}

impl Timeline {
    /// The first and last day of all marks.
    pub fn span(&self) -> Option<(i32, i32)> {
        let first = self.marks.iter().map(|m| m.first).min()?;
        let last = self.marks.iter().map(|m| m.last).max()?;
        Some((first, last))
    }
}

/// Days since 1970-01-01 of a Gregorian date (proleptic; month 1–12, day 1–31).
///
/// ```
/// use concord_core::aggregate::timeline::{day_number, date_of_day};
/// assert_eq!(day_number(1970, 1, 1), 0);
/// assert_eq!(day_number(2023, 10, 10), 19640);
/// assert_eq!(date_of_day(19640).to_string(), "2023-10-10");
/// ```
pub fn day_number(year: i32, month: u8, day: u8) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (the inverse of [`day_number`]), at day precision.
pub fn date_of_day(n: i32) -> Date {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i32::from(month <= 2);
    Date { year, month, day }
}

/// The first and last day a date covers, at its precision.
pub fn days_of(d: Date) -> (i32, i32) {
    match d.precision() {
        Precision::Day => {
            let n = day_number(d.year, d.month, d.day);
            (n, n)
        }
        Precision::Month => (
            day_number(d.year, d.month, 1),
            day_number(d.year, d.month, days_in_month(d.year, d.month)),
        ),
        Precision::Year | Precision::Unknown => {
            (day_number(d.year, 1, 1), day_number(d.year, 12, 31))
        }
    }
}

impl Searcher<'_> {
    /// The timeline of the statements passing `filters`, `hits` (ascending statement ids)
    /// marked as hits.
    pub fn timeline(&self, hits: &[u32], filters: &Filters, by: LaneBy) -> Timeline {
        let index = self.index;
        let narrator = crate::model::NARRATOR_ID.to_string();
        let keys_of = |s: u32| -> Vec<String> {
            let st = &index.statements[s as usize];
            match by {
                LaneBy::Speaker => vec![st
                    .speaker
                    .and_then(|p| self.corpus.people.get(p as usize))
                    .map_or_else(|| narrator.clone(), |p| p.id.clone())],
                LaneBy::Country => index
                    .countries_of(s)
                    .iter()
                    .map(|&c| index.countries[c as usize].clone())
                    .collect(),
                LaneBy::Stance => Stance::of_bits(st.stances)
                    .map(|x| x.slug().to_string())
                    .collect(),
            }
        };
        let mut timeline = Timeline::default();
        // (doc, lane key) → (statements, hits)
        let mut cells: BTreeMap<(u32, String), (usize, usize)> = BTreeMap::new();
        let mut per_lane: BTreeMap<String, usize> = BTreeMap::new();
        for s in 0..index.statements.len() as u32 {
            if !self.passes_filters(filters, s) {
                continue;
            }
            let doc = index.statements[s as usize].doc;
            if index.docs[doc as usize].date.is_none() {
                timeline.undated += 1;
                continue;
            }
            timeline.statements += 1;
            let hit = hits.binary_search(&s).is_ok();
            for key in keys_of(s) {
                *per_lane.entry(key.clone()).or_default() += 1;
                let cell = cells.entry((doc, key)).or_default();
                cell.0 += 1;
                cell.1 += usize::from(hit);
            }
        }
        let mut lanes: Vec<Lane> = per_lane
            .into_iter()
            .map(|(key, statements)| Lane { key, statements })
            .collect();
        crate::sort::by(&mut lanes, |a, b| {
            b.statements.cmp(&a.statements).then(a.key.cmp(&b.key))
        });
        if lanes.len() > LANES_MAX {
            let rest: usize = lanes[LANES_MAX - 1..].iter().map(|l| l.statements).sum();
            lanes.truncate(LANES_MAX - 1);
            lanes.push(Lane {
                key: OTHERS.into(),
                statements: rest,
            });
        }
        let lane_of = |key: &str| {
            lanes
                .iter()
                .position(|l| l.key == key)
                .unwrap_or(lanes.len() - 1)
        };
        let mut marks: BTreeMap<(u32, usize), Mark> = BTreeMap::new();
        for ((doc, key), (statements, hits)) in cells {
            let lane = lane_of(&key);
            let (first, last) = days_of(index.docs[doc as usize].date.expect("dated"));
            let m = marks.entry((doc, lane)).or_insert(Mark {
                doc,
                lane,
                first,
                last,
                statements: 0,
                hits: 0,
            });
            m.statements += statements;
            m.hits += hits;
        }
        timeline.marks = marks.into_values().collect();
        timeline.lanes = lanes;
        timeline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for n in (-800_000..800_000).step_by(997) {
            let d = date_of_day(n);
            assert_eq!(day_number(d.year, d.month, d.day), n);
        }
        assert_eq!(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
    }

    #[test]
    fn marks_cover_every_statement_once_by_speaker() {
        use crate::corpus::test_corpus;
        use crate::index::Index;
        use crate::query::{parse, Searcher, Sort};
        let corpus = test_corpus("tests/corpora/harbour");
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let r = searcher.search(&parse("corridor"), &Filters::default(), Sort::Relevance);
        let mut hits: Vec<u32> = r
            .documents
            .iter()
            .flat_map(|d| d.statements.iter().map(|h| h.stmt))
            .collect();
        hits.sort_unstable();
        let t = searcher.timeline(&hits, &Filters::default(), LaneBy::Speaker);
        assert_eq!(t.statements, index.statements.len());
        assert_eq!(
            t.marks.iter().map(|m| m.statements).sum::<usize>(),
            t.statements
        );
        assert_eq!(t.marks.iter().map(|m| m.hits).sum::<usize>(), hits.len());
        for m in &t.marks {
            assert_eq!(
                (m.first, m.last),
                days_of(index.docs[m.doc as usize].date.unwrap())
            );
        }
        // By country a statement is in each of its countries' lanes.
        let t = searcher.timeline(&hits, &Filters::default(), LaneBy::Country);
        let lanes: usize = (0..index.statements.len() as u32)
            .map(|s| index.countries_of(s).len())
            .sum();
        assert_eq!(t.marks.iter().map(|m| m.statements).sum::<usize>(), lanes);
    }

    #[test]
    fn lanes_by_stance_hold_each_stance_a_statement_takes() {
        use crate::corpus::test_corpus;
        use crate::index::Index;
        use crate::model::Stance;
        let corpus = test_corpus("seeds");
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let t = searcher.timeline(&[], &Filters::default(), LaneBy::Stance);
        // A statement is in the lane of each stance it takes; none without positions.
        let lanes: u32 = index
            .statements
            .iter()
            .map(|st| st.stances.count_ones())
            .sum();
        assert!(lanes > 0, "the seeds state positions");
        let placed: usize = t.marks.iter().map(|m| m.statements).sum();
        assert_eq!(placed, lanes as usize);
        assert!(t.lanes.iter().all(|l| Stance::of_slug(&l.key).is_some()));
        let supports = t.lanes.iter().find(|l| l.key == "supports").unwrap();
        let taking = corpus
            .documents
            .iter()
            .flat_map(|d| &d.statements)
            .filter(|s| s.positions.iter().any(|p| p.stance == Stance::Supports))
            .count();
        assert_eq!(supports.statements, taking);
    }

    #[test]
    fn precision_spans() {
        let month = Date::new(2023, 6, 0).unwrap();
        let (a, b) = days_of(month);
        assert_eq!(
            (date_of_day(a).to_string(), date_of_day(b).to_string()),
            ("2023-06-01".into(), "2023-06-30".into())
        );
        let year = Date::new(2024, 0, 0).unwrap();
        let (a, b) = days_of(year);
        assert_eq!(b - a, 365);
    }
}
