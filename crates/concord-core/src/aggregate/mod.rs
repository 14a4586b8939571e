//! Aggregates of a search over time: the timeline (statements placed by date in lanes) and
//! term trends (uses of each query term per period). Both read the index through a
//! [`Searcher`](crate::query::Searcher) and return plain data; the app only draws it.

pub mod timeline;
pub mod trend;
