//! The trend chart's geometry: periods along x, uses per 10,000 words up y (the highest
//! value at the top), a line per term broken where a period has no statements.

pub use super::Anchor;
use concord_core::Trend;

/// The chart's size (its `viewBox`) and its padding.
pub const W: f64 = 600.0;
pub const H: f64 = 160.0;
pub const PAD: f64 = 28.0;
/// Most period labels along the axis.
const LABELS: usize = 10;

/// A point of a term's line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The period's index.
    pub period: usize,
    pub x: f64,
    pub y: f64,
    /// Uses per 10,000 words.
    pub value: f64,
}

/// One term's line: runs of points (each run a polyline of two or more points, or a lone
/// point), split where a period has no statements.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The term's index in the query's legend.
    pub term: usize,
    pub runs: Vec<Vec<Point>>,
}

/// Everything the chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The highest value (the top of the y axis).
    pub top: f64,
    pub lines: Vec<Line>,
    /// The periods labelled on the axis: all when they fit, else every k-th with the first
    /// and last.
    pub ticks: Vec<(usize, f64, Anchor)>,
}

impl Line {
    /// The points of every run, in period order.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.runs.iter().flatten()
    }
}

/// The chart of a trend, or `None` when there is nothing to draw (no terms, or fewer than
/// two periods).
pub fn chart(t: &Trend) -> Option<Chart> {
    let n = t.periods.len();
    if t.terms.is_empty() || n < 2 {
        return None;
    }
    let values: Vec<Vec<f64>> = t
        .terms
        .iter()
        .map(|term| (0..n).map(|i| term.per_10k(i)).collect())
        .collect();
    let top = values
        .iter()
        .flatten()
        .copied()
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let x = |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64;
    let y = |v: f64| H - PAD - (H - 2.0 * PAD) * v / top;
    let lines = t
        .terms
        .iter()
        .zip(&values)
        .map(|(term, vals)| {
            let mut runs: Vec<Vec<Point>> = vec![Vec::new()];
            for (i, &value) in vals.iter().enumerate() {
                if term.words[i] > 0 {
                    let point = Point {
                        period: i,
                        x: x(i),
                        y: y(value),
                        value,
                    };
                    runs.last_mut().expect("one run").push(point);
                } else if !runs.last().expect("one run").is_empty() {
                    runs.push(Vec::new());
                }
            }
            runs.retain(|r| !r.is_empty());
            Line {
                term: term.term,
                runs,
            }
        })
        .collect();
    let every = n.div_ceil(LABELS);
    let ticks = (0..n)
        .filter(|&i| i % every == 0 || i == n - 1)
        .map(|i| {
            let anchor = match i {
                0 => Anchor::Start,
                i if i == n - 1 => Anchor::End,
                _ => Anchor::Middle,
            };
            (i, x(i), anchor)
        })
        .collect();
    Some(Chart { top, lines, ticks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::aggregate::trend::{Period, Step, TermTrend};

    fn trend(words: &[usize], counts: &[usize]) -> Trend {
        Trend {
            step: Step::Year,
            periods: words
                .iter()
                .enumerate()
                .map(|(i, &w)| Period {
                    label: (2000 + i).to_string(),
                    words: w,
                })
                .collect(),
            terms: vec![TermTrend {
                term: 0,
                counts: counts.to_vec(),
                words: words.to_vec(),
            }],
            left_out: 0,
        }
    }

    #[test]
    fn lines_break_at_empty_periods_and_the_top_is_the_highest_value() {
        let c = chart(&trend(&[10_000, 0, 10_000, 20_000], &[1, 0, 4, 2])).unwrap();
        assert_eq!(c.top, 4.0);
        let runs: Vec<Vec<usize>> = c.lines[0]
            .runs
            .iter()
            .map(|r| r.iter().map(|p| p.period).collect())
            .collect();
        assert_eq!(runs, [vec![0], vec![2, 3]]);
        let highest = c.lines[0].points().find(|p| p.period == 2).unwrap();
        assert_eq!(
            (highest.x, highest.y),
            (PAD + (W - 2.0 * PAD) * 2.0 / 3.0, PAD)
        );
        let lowest = c.lines[0].points().find(|p| p.period == 3).unwrap();
        assert_eq!(lowest.value, 1.0);
        assert_eq!(
            c.ticks.first().map(|t| (t.0, t.2)),
            Some((0, Anchor::Start))
        );
        assert_eq!(
            c.ticks.last().map(|t| (t.0, t.1, t.2)),
            Some((3, W - PAD, Anchor::End))
        );
    }

    #[test]
    fn long_axes_label_every_kth_period_and_the_last() {
        let n = 25;
        let c = chart(&trend(&vec![100; n], &vec![1; n])).unwrap();
        let labelled: Vec<usize> = c.ticks.iter().map(|t| t.0).collect();
        assert_eq!(labelled, [0, 3, 6, 9, 12, 15, 18, 21, 24]);
        // Nothing to draw: one period, or no terms.
        assert_eq!(chart(&trend(&[5], &[1])), None);
        let mut none = trend(&[5, 5], &[1, 1]);
        none.terms.clear();
        assert_eq!(chart(&none), None);
    }
}
