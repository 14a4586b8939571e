//! Aggregates of a search: the timeline (statements placed by date in lanes), term trends
//! (uses of each query term per period, or of one term in two sets), positions (targets
//! with the stances actors took on them) and collocates (the words near a node, ranked by
//! log-likelihood, MI or logDice). Each reads the index through a [`Searcher`](crate::query::Searcher) and returns
//! plain data; the app only draws it.

pub mod collocates;
pub mod positions;
pub mod timeline;
pub mod trend;
