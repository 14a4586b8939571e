//! The timeline's geometry: a lane per row, days along the x axis from the first marked day
//! to the last, a mark per document and lane (a dot for a day, a bar for a longer date).

use concord_core::aggregate::timeline::{date_of_day, day_number, Mark};
use concord_core::Date;

/// The chart's width (its `viewBox`).
pub const W: f64 = 1000.0;
/// Room for the lane names on the left.
pub const LEFT: f64 = 170.0;
pub const RIGHT: f64 = 12.0;
/// A lane's height.
pub const LANE: f64 = 26.0;
pub const TOP: f64 = 8.0;
/// Room for the year labels below.
pub const AXIS: f64 = 28.0;
/// A drag shorter than this (chart units) is a click, not a span.
pub const CLICK: f64 = 4.0;

/// Days ↔ x, for the days `lo..=hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub lo: i32,
    pub hi: i32,
}

/// How a mark is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A date of one day.
    Dot { cx: f64, cy: f64 },
    /// A month or a year: a bar over its days (at least [`CLICK`] wide, to be seen).
    Bar { x: f64, y: f64, width: f64 },
}

impl Scale {
    fn days(&self) -> f64 {
        f64::from(self.hi - self.lo + 1)
    }

    /// The x of the start of `day`.
    pub fn x(&self, day: i32) -> f64 {
        LEFT + (W - LEFT - RIGHT) * f64::from(day - self.lo) / self.days()
    }

    /// The day at chart x `cx` (clamped to the span).
    pub fn day_at(&self, cx: f64) -> i32 {
        let f = ((cx - LEFT) / (W - LEFT - RIGHT)).clamp(0.0, 1.0);
        self.lo + (f * (self.days() - 1.0)).round() as i32
    }

    /// The span of dates a drag from `a` to `b` (chart x, either way) chooses, or `None`
    /// for a click.
    pub fn span(&self, a: f64, b: f64) -> Option<(Date, Date)> {
        if (a - b).abs() < CLICK {
            return None;
        }
        let (d1, d2) = (self.day_at(a.min(b)), self.day_at(a.max(b)));
        Some((date_of_day(d1), date_of_day(d2)))
    }

    /// The shape of a mark.
    pub fn shape(&self, m: &Mark) -> Shape {
        let cy = lane_middle(m.lane);
        if m.first == m.last {
            Shape::Dot {
                cx: self.x(m.first),
                cy,
            }
        } else {
            let (a, b) = (self.x(m.first), self.x(m.last + 1));
            Shape::Bar {
                x: a,
                y: cy - 5.0,
                width: (b - a).max(CLICK),
            }
        }
    }

    /// Each year the span touches, with the x of its tick (its first day, or the span's
    /// start for the first year).
    pub fn years(&self) -> Vec<(i32, f64)> {
        let (y1, y2) = (date_of_day(self.lo).year, date_of_day(self.hi).year);
        (y1..=y2)
            .map(|y| (y, self.x(day_number(y, 1, 1).max(self.lo))))
            .collect()
    }
}

/// The chart's height for `lanes` lanes.
pub fn height(lanes: usize) -> f64 {
    TOP + LANE * lanes as f64 + AXIS
}

/// The y of the middle of lane `lane`.
pub fn lane_middle(lane: usize) -> f64 {
    TOP + LANE * lane as f64 + LANE / 2.0
}

/// The drawn selection of a drag from `a` to `b`: (left, right), kept inside the plot.
pub fn selection(a: f64, b: f64) -> (f64, f64) {
    (a.min(b).max(LEFT), a.max(b).min(W - RIGHT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(lane: usize, first: i32, last: i32) -> Mark {
        Mark {
            doc: 0,
            lane,
            first,
            last,
            statements: 1,
            hits: 0,
        }
    }

    #[test]
    fn days_map_onto_the_plot_and_back() {
        let s = Scale {
            lo: day_number(2020, 1, 1),
            hi: day_number(2023, 12, 31),
        };
        assert_eq!(s.x(s.lo), LEFT);
        assert!((s.x(s.hi + 1) - (W - RIGHT)).abs() < 1e-9);
        // x is the start of a day; reading back is within a day of it.
        for day in [s.lo, s.lo + 400, s.hi] {
            assert!((s.day_at(s.x(day)) - day).abs() <= 1, "{day}");
        }
        assert_eq!(s.day_at(s.x(s.lo)), s.lo);
        assert_eq!(s.day_at(W - RIGHT), s.hi);
        assert_eq!(s.day_at(0.0), s.lo);
        assert_eq!(s.day_at(W), s.hi);
        let years: Vec<i32> = s.years().iter().map(|y| y.0).collect();
        assert_eq!(years, [2020, 2021, 2022, 2023]);
        assert_eq!(s.years()[0].1, LEFT);
    }

    #[test]
    fn a_drag_chooses_dates_and_a_click_does_not() {
        let s = Scale {
            lo: day_number(2021, 1, 1),
            hi: day_number(2021, 12, 31),
        };
        assert_eq!(s.span(500.0, 502.0), None);
        let (from, to) = s.span(W, 0.0).unwrap();
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2021-01-01".into(), "2021-12-31".into())
        );
        assert_eq!(selection(900.0, 2000.0), (900.0, W - RIGHT));
        // Left of the plot: nothing to draw (the view clamps the width at 0).
        let (a, b) = selection(100.0, 50.0);
        assert!(a == LEFT && b < a);
    }

    #[test]
    fn marks_are_dots_for_days_and_bars_for_longer_dates() {
        let s = Scale { lo: 0, hi: 99 };
        assert_eq!(
            s.shape(&mark(1, 10, 10)),
            Shape::Dot {
                cx: s.x(10),
                cy: lane_middle(1)
            }
        );
        match s.shape(&mark(0, 0, 29)) {
            Shape::Bar { x, width, y } => {
                assert_eq!((x, y), (LEFT, lane_middle(0) - 5.0));
                assert!((width - (s.x(30) - s.x(0))).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        // A two-day bar is still wide enough to see.
        let wide = Scale { lo: 0, hi: 100_000 };
        assert!(matches!(wide.shape(&mark(0, 5, 6)), Shape::Bar { width, .. } if width == CLICK));
        assert_eq!(height(3), TOP + 3.0 * LANE + AXIS);
    }
}
