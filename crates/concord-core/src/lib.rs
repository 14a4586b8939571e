//! Concord's engine: everything that is not web glue, usable natively and in the browser.
//!
//! The pipeline, one module a stage:
//!
//! - [`corpus`] — corpus folder → [`model::Corpus`]: paragraphs, roles, titles, dates,
//!   statements and speakers, with a build report (build time only: feature `build`);
//! - [`embed`] — the compact form `build.rs` embeds in the app, and its decoder;
//! - [`index`] — statements → tokens with byte ranges, postings, words for prefixes;
//! - [`query`] — the query language, evaluation, ranking, facets, highlights, KWIC;
//! - [`compare`] — side-by-side comparison, near-duplicates, formulations, keyness;
//! - [`export`] — statements as CSV or JSON, citations of a paragraph;
//! - [`text`] — every text-handling rule and word list, shared by all stages;
//! - [`model`] — the plain data the stages pass along.

pub mod compare;
#[cfg(feature = "build")]
pub mod corpus;
pub mod embed;
pub mod export;
pub mod index;
pub mod model;
pub mod query;
pub mod text;
