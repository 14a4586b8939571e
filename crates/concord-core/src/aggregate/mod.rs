//! Aggregates of a search: the timeline (statements placed by date in lanes), term trends
//! (uses of each query term per period) and positions (targets with the stances actors took
//! on them). Each reads the index through a [`Searcher`](crate::query::Searcher) and returns
//! plain data; the app only draws it.

pub mod positions;
pub mod timeline;
pub mod trend;
