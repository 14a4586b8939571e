//! Term trends: how often each term of a query is used per year (or per month when the
//! dated statements span at most [`MONTHS_MAX`] months), relative to all the words of that
//! period, over the statements that pass the filters.
//!
//! Each term is counted on its own, in every statement that passes the filters (not only
//! in those matching the whole query), so the lines of `china palestine` show each word's
//! use. Undated statements are left out, and in monthly steps so are statements dated to
//! the year only; [`Trend::left_out`] says how many.

use crate::model::Date;
use crate::query::{legend_of, positive_leaves, Filters, Query, Searcher};

/// Longest span, in months, drawn month by month.
pub const MONTHS_MAX: i32 = 24;

/// The step of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Year,
    Month,
}

/// One period (a year, or a month of a year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `2023` or `2023-06`.
    pub label: String,
    /// Words of the statements of the period (the denominator).
    pub words: usize,
}

/// Occurrences of one term per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermTrend {
    /// Index in the query's legend (its colour).
    pub term: usize,
    pub counts: Vec<usize>,
}

/// The trends of a query's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub step: Step,
    /// Every period from the first dated statement's to the last's, empty ones included.
    pub periods: Vec<Period>,
    pub terms: Vec<TermTrend>,
    /// Statements that pass the filters but have no date at the step's precision.
    pub left_out: usize,
}

impl Trend {
    /// Uses per 10,000 words of `count` in period `i` (0 for a period without words).
    pub fn per_10k(&self, count: usize, i: usize) -> f64 {
        match self.periods[i].words {
            0 => 0.0,
            w => count as f64 * 10_000.0 / w as f64,
        }
    }
}

impl Searcher<'_> {
    /// The trends of `query`'s terms under `filters` (see the module documentation).
    pub fn trend(&self, query: &Query, filters: &Filters) -> Trend {
        let index = self.index;
        let date_of = |s: u32| index.docs[index.statements[s as usize].doc as usize].date;
        let passing: Vec<u32> = (0..index.statements.len() as u32)
            .filter(|&s| self.passes_filters(filters, s))
            .collect();
        let dated = passing.iter().filter_map(|&s| date_of(s));
        let (lo, hi) = dated.fold((None::<Date>, None::<Date>), |(lo, hi), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        });
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Trend {
                step: Step::Year,
                periods: Vec::new(),
                terms: Vec::new(),
                left_out: passing.len(),
            };
        };
        let month_no = |d: Date| d.year * 12 + i32::from(d.month.max(1)) - 1;
        let monthly = lo.month > 0 && hi.month > 0 && month_no(hi) - month_no(lo) < MONTHS_MAX;
        let (step, first, count) = if monthly {
            (Step::Month, month_no(lo), month_no(hi) - month_no(lo) + 1)
        } else {
            (Step::Year, lo.year, hi.year - lo.year + 1)
        };
        let slot = |s: u32| -> Option<usize> {
            let d = date_of(s)?;
            let at = match step {
                Step::Year => d.year,
                Step::Month if d.month == 0 => return None,
                Step::Month => month_no(d),
            };
            usize::try_from(at - first)
                .ok()
                .filter(|&i| i < count as usize)
        };
        let periods = (0..count)
            .map(|i| Period {
                label: match step {
                    Step::Year => format!("{:04}", first + i),
                    Step::Month => {
                        let m = first + i;
                        format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
                    }
                },
                words: 0,
            })
            .collect::<Vec<_>>();
        let mut trend = Trend {
            step,
            periods,
            terms: Vec::new(),
            left_out: 0,
        };
        let slots: Vec<Option<usize>> = passing.iter().map(|&s| slot(s)).collect();
        for (&s, at) in passing.iter().zip(&slots) {
            match at {
                Some(i) => trend.periods[*i].words += index.tokens(s).len(),
                None => trend.left_out += 1,
            }
        }
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        for leaf in leaves {
            let Some(term) = legend_of(leaf).filter(|t| !trend.terms.iter().any(|x| x.term == *t))
            else {
                continue;
            };
            let tf = self.counts(leaf).tf;
            let mut counts = vec![0usize; trend.periods.len()];
            for (&s, at) in passing.iter().zip(&slots) {
                if let Some(i) = at {
                    counts[*i] += usize::from(tf[s as usize]);
                }
            }
            trend.terms.push(TermTrend { term, counts });
        }
        trend
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{build, folder};
    use crate::index::Index;
    use crate::query::{parse, Filters, Searcher};
    use std::path::Path;

    #[test]
    fn monthly_when_short_with_every_month_and_relative_counts() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpora/harbour");
        let corpus = build(&folder::read(&dir).unwrap()).unwrap().0;
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let t = searcher.trend(&parse("corridor partnership corridor"), &Filters::default());
        assert_eq!(t.step, super::Step::Month);
        let labels: Vec<&str> = t.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"2022-04"));
        assert_eq!(labels.last(), Some(&"2023-01"));
        assert_eq!(labels.len(), 10);
        // One line per term, however often it is typed.
        assert_eq!(t.terms.len(), 2);
        // "corridor": readout 1, report 3 (April 2022); statement 1 (January 2023).
        assert_eq!(t.terms[0].counts[0], 4);
        assert_eq!(t.terms[0].counts[9], 1);
        assert_eq!(t.terms[0].counts[1..9].iter().sum::<usize>(), 0);
        let words: usize = t.periods.iter().map(|p| p.words).sum();
        assert_eq!(words, index.token_count());
        assert_eq!(t.left_out, 0);
        assert!((t.per_10k(4, 0) - 40_000.0 / t.periods[0].words as f64).abs() < 1e-9);
        // A year filter leaves one period of one month.
        let f = Filters {
            years: vec![2023],
            ..Filters::default()
        };
        let t = searcher.trend(&parse("corridor"), &f);
        assert_eq!(t.periods.len(), 1);
        assert_eq!(t.periods[0].label, "2023-01");
    }
}
