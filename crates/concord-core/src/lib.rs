//! Concord's engine: everything that is not web glue, usable natively and in the browser.
//!
//! The pipeline, one module a stage:
//!
//! - [`corpus`] — corpus folder → [`model::Corpus`]: paragraphs, roles, titles, dates,
//!   statements and speakers, with a build report (build time only: feature `build`);
//! - [`embed`] — the compact form `build.rs` embeds in the app, and its decoder;
//! - [`index`] — statements → tokens with byte ranges, postings, words for prefixes;
//! - [`query`] — the query language, evaluation, filters and facets, ranking, highlights,
//!   KWIC, paging;
//! - [`aggregate`] — a search over time: the timeline and term trends;
//! - [`compare`] — side-by-side comparison, near-duplicates, formulations, keyness;
//! - [`shard`] — the sharded form: the index as static files fetched on demand;
//! - [`export`] — statements as CSV or JSON, citations of a paragraph;
//! - [`text`] — every text-handling rule and word list, shared by all stages;
//! - [`sort`] — sorting by a comparison, one compiled sort for every caller (app size);
//! - [`model`] — the plain data the stages pass along.

pub mod aggregate;
pub mod compare;
#[cfg(feature = "build")]
pub mod corpus;
pub mod embed;
pub mod export;
pub mod index;
pub mod model;
pub mod query;
pub mod shard;
pub mod sort;
pub mod text;

// The names a user of the engine reaches for, at the top (the app writes
// `concord_core::Searcher`, not `concord_core::query::Searcher`). Everything else stays at
// its stage's path.
pub use aggregate::timeline::{LaneBy, Timeline};
pub use aggregate::trend::{Step, Trend};
pub use compare::formulas::Formula;
pub use compare::neardup::{Finder, NearDup};
pub use compare::table::Table;
pub use embed::Embedded;
pub use index::Index;
pub use model::{
    Attribution, Corpus, Date, DateOrigin, DocDate, Document, Paragraph, Person, Role, Statement,
    NARRATOR_ID, NARRATOR_NAME,
};
pub use query::{
    parse, DocumentHits, Facet, Facets, Filters, Highlight, KwicSort, Query, Results, Searcher,
    Sort,
};
