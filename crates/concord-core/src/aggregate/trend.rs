//! Term trends: how often each term of a query is used per year (or per month when the
//! dated statements span at most [`MONTHS_MAX`] months), relative to all the words of that
//! period, over the statements that pass the filters.
//!
//! Each term is counted on its own, in every statement that passes the filters (not only
//! in those matching the whole query), so the lines of `china palestine` show each word's
//! use. Undated statements are left out, and in monthly steps so are statements dated to
//! the year only; [`Trend::left_out`] says how many.

use crate::model::Date;
use crate::query::{legend_of, positive_leaves, Expr, Filters, Query, Searcher};

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
    /// Index in the query's legend (its colour); in a trend of two sets, the set (0 for A,
    /// 1 for B).
    pub term: usize,
    pub counts: Vec<usize>,
    /// Words per period of the statements this line counts in (its denominator).
    pub words: Vec<usize>,
}

impl TermTrend {
    /// Uses per 10,000 words in period `i` (0 for a period without words).
    pub fn per_10k(&self, i: usize) -> f64 {
        match self.words[i] {
            0 => 0.0,
            w => self.counts[i] as f64 * 10_000.0 / w as f64,
        }
    }
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

/// The periods of a trend: its step, its first period's number and how many there are.
struct Frame {
    step: Step,
    first: i32,
    count: i32,
}

impl Frame {
    fn month_no(d: Date) -> i32 {
        d.year * 12 + i32::from(d.month.max(1)) - 1
    }

    /// The period of a date, if it has one at this step.
    fn slot(&self, d: Option<Date>) -> Option<usize> {
        let d = d?;
        let at = match self.step {
            Step::Year => d.year,
            Step::Month if d.month == 0 => return None,
            Step::Month => Frame::month_no(d),
        };
        usize::try_from(at - self.first)
            .ok()
            .filter(|&i| i < self.count as usize)
    }
}

impl Searcher<'_> {
    /// The date of statement `s`'s document.
    fn date_of(&self, s: u32) -> Option<Date> {
        let index = self.index;
        index.docs[index.statements[s as usize].doc as usize].date
    }

    /// The periods spanning the dates of `stmts` (none when none is dated), with each
    /// period's words and the statements left out.
    fn frame(&self, stmts: &[u32]) -> (Option<Frame>, Trend) {
        let dated = stmts.iter().filter_map(|&s| self.date_of(s));
        let (lo, hi) = dated.fold((None::<Date>, None::<Date>), |(lo, hi), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        });
        let (Some(lo), Some(hi)) = (lo, hi) else {
            let empty = Trend {
                step: Step::Year,
                periods: Vec::new(),
                terms: Vec::new(),
                left_out: stmts.len(),
            };
            return (None, empty);
        };
        let month_no = Frame::month_no;
        let monthly = lo.month > 0 && hi.month > 0 && month_no(hi) - month_no(lo) < MONTHS_MAX;
        let frame = if monthly {
            Frame {
                step: Step::Month,
                first: month_no(lo),
                count: month_no(hi) - month_no(lo) + 1,
            }
        } else {
            Frame {
                step: Step::Year,
                first: lo.year,
                count: hi.year - lo.year + 1,
            }
        };
        let periods = (0..frame.count)
            .map(|i| Period {
                label: match frame.step {
                    Step::Year => format!("{:04}", frame.first + i),
                    Step::Month => {
                        let m = frame.first + i;
                        format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
                    }
                },
                words: 0,
            })
            .collect::<Vec<_>>();
        let mut trend = Trend {
            step: frame.step,
            periods,
            terms: Vec::new(),
            left_out: 0,
        };
        for &s in stmts {
            match frame.slot(self.date_of(s)) {
                Some(i) => trend.periods[i].words += self.index.len(s),
                None => trend.left_out += 1,
            }
        }
        (Some(frame), trend)
    }

    /// One line: the uses of `leaves` (summed) in `stmts` per period of `frame`, and the
    /// words of `stmts` per period.
    fn line(&self, frame: &Frame, leaves: &[&Expr], stmts: &[u32], term: usize) -> TermTrend {
        let periods = frame.count as usize;
        let mut line = TermTrend {
            term,
            counts: vec![0; periods],
            words: vec![0; periods],
        };
        let tfs: Vec<Vec<u16>> = leaves.iter().map(|leaf| self.counts(leaf).tf).collect();
        for &s in stmts {
            if let Some(i) = frame.slot(self.date_of(s)) {
                line.words[i] += self.index.len(s);
                line.counts[i] += tfs
                    .iter()
                    .map(|tf| usize::from(tf[s as usize]))
                    .sum::<usize>();
            }
        }
        line
    }

    /// The trends of `query`'s terms under `filters` (see the module documentation).
    pub fn trend(&self, query: &Query, filters: &Filters) -> Trend {
        let passing: Vec<u32> = (0..self.index.statements.len() as u32)
            .filter(|&s| self.passes_filters(filters, s))
            .collect();
        let (frame, mut trend) = self.frame(&passing);
        let Some(frame) = frame else {
            return trend;
        };
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        for leaf in leaves {
            let Some(term) = legend_of(leaf).filter(|t| !trend.terms.iter().any(|x| x.term == *t))
            else {
                continue;
            };
            let line = self.line(&frame, &[leaf], &passing, term);
            trend.terms.push(line);
        }
        trend
    }

    /// The trend of `query`'s terms (their uses summed) in two sets of statements (ids,
    /// each once, ascending): one line a set (`term` 0 for A, 1 for B), each per 10,000
    /// words of its own statements, over the periods of both. A query without terms has
    /// no lines.
    pub fn trend_of_sets(&self, query: &Query, sets: [&[u32]; 2]) -> Trend {
        let mut both: Vec<u32> = sets[0].iter().chain(sets[1]).copied().collect();
        both.sort_unstable();
        both.dedup();
        let (frame, mut trend) = self.frame(&both);
        let mut leaves = Vec::new();
        if let Some(e) = &query.expr {
            positive_leaves(e, &mut leaves);
        }
        let Some(frame) = frame.filter(|_| !leaves.is_empty()) else {
            return trend;
        };
        // Each term once, however often it is typed.
        let mut seen = Vec::new();
        leaves.retain(|l| {
            let t = legend_of(l);
            let new = !seen.contains(&t);
            seen.push(t);
            new
        });
        for (k, set) in sets.iter().enumerate() {
            let line = self.line(&frame, &leaves, set, k);
            trend.terms.push(line);
        }
        trend
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::test_corpus;
    use crate::index::Index;
    use crate::query::{parse, Filters, Searcher};

    #[test]
    fn monthly_when_short_with_every_month_and_relative_counts() {
        let corpus = test_corpus("tests/corpora/harbour");
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
        assert!((t.terms[0].per_10k(0) - 40_000.0 / t.periods[0].words as f64).abs() < 1e-9);
        assert_eq!(t.terms[0].words[0], t.periods[0].words);
        // A year filter leaves one period of one month.
        let f = Filters {
            years: vec![2023],
            ..Filters::default()
        };
        let t = searcher.trend(&parse("corridor"), &f);
        assert_eq!(t.periods.len(), 1);
        assert_eq!(t.periods[0].label, "2023-01");
    }

    #[test]
    fn two_sets_each_per_its_own_words() {
        let corpus = test_corpus("tests/corpora/harbour");
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let year = |y: i32| -> Vec<u32> {
            (0..index.statements.len() as u32)
                .filter(|&s| {
                    index.docs[index.statements[s as usize].doc as usize]
                        .date
                        .is_some_and(|d| d.year == y)
                })
                .collect()
        };
        let (a, b) = (year(2022), year(2023));
        let t = searcher.trend_of_sets(&parse("corridor"), [&a, &b]);
        // The periods of both sets: April 2022 to January 2023.
        assert_eq!(t.periods.len(), 10);
        assert_eq!(t.terms.len(), 2);
        // "corridor": readout 1, report 3 (April 2022, set A); statement 1 (January 2023, B).
        assert_eq!(t.terms[0].counts[0], 4);
        assert_eq!(t.terms[0].counts[9], 0);
        assert_eq!(t.terms[1].counts[0], 0);
        assert_eq!(t.terms[1].counts[9], 1);
        // Each line per 10,000 of its own set's words.
        let words = |set: &[u32]| -> usize { set.iter().map(|&s| index.len(s)).sum() };
        assert_eq!(t.terms[0].words.iter().sum::<usize>(), words(&a));
        assert_eq!(t.terms[1].words.iter().sum::<usize>(), words(&b));
        assert_eq!(t.terms[1].words[0], 0);
        assert!((t.terms[1].per_10k(9) - 10_000.0 / t.terms[1].words[9] as f64).abs() < 1e-9);
        // No terms, no lines.
        assert!(searcher
            .trend_of_sets(&parse("-corridor"), [&a, &b])
            .terms
            .is_empty());
    }
}
