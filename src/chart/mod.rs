//! Chart geometry: where each part of a chart goes, in the chart's own coordinates (its SVG
//! `viewBox`). Pure functions of the engine's aggregates, tested natively; the views only
//! turn the shapes into SVG elements.
//!
//! - [`network`] — the formulations' reuse network: nodes on a circle, weighted arrows;
//! - [`timeline`] — lanes, marks, year ticks, and the span a drag chooses;
//! - [`trend`] — one line per term, broken where a period has no statements.

pub mod network;
pub mod timeline;
pub mod trend;

/// How a label is anchored at its point (SVG's `text-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}
