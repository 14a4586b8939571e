//! The widgets the pages share. Each reads the engine and navigation from context
//! ([`crate::context`]) and changes the view state only through [`crate::route::Action`]s:
//!
//! - [`link`] — a link to a view ([`Link`]) and the view tabs ([`ViewTabs`]);
//! - [`search_box`] — the query, its problems and its legend;
//! - [`facets`] — filters with counts, date range, clear-all;
//! - [`notices`] — what the link asked for that could not be shown;
//! - [`distinctive`] — distinctive terms of a document or of the results;
//! - [`trends`] — uses of the query's terms over time;
//! - [`tray`] — picking two items to compare;
//! - [`export`] — the current statements as CSV or JSON;
//! - [`cite`] — a paragraph's permalink and citation;
//! - [`marked`] — text with highlighted ranges (never markup);
//! - [`loading`] — progress, or the error, while a sharded corpus's part loads;
//! - [`position`] — one stated position (the positions view and the reader).

pub mod cite;
pub mod distinctive;
pub mod export;
pub mod facets;
pub mod link;
pub mod loading;
pub mod marked;
pub mod notices;
pub mod position;
pub mod search_box;
pub mod tray;
pub mod trends;

pub use link::{Link, ViewTabs};
