//! One module per view the link can name (`view=`): each draws what the engine computed for
//! the route, and changes the view state only through [`crate::route::Action`]s.
//!
//! - [`results`] — the status line and the statements of one page, grouped by document;
//! - [`kwic`] — the concordance;
//! - [`reader`] — one document, with its hits, hit navigation and dispersion strip;
//! - [`compare`] — two documents or statements side by side;
//! - [`phrases`] — recurring formulations with first and later uses;
//! - [`timeline`] — statements by date in lanes, a span chosen by dragging;
//! - [`positions`] — targets with the stances actors took on them, first and latest;
//! - [`collocates`] — the words near the query, ranked, each with the concordance of the pair;
//! - [`sets`] — two searches compared: distinctive terms, speakers, countries, formulations,
//!   and a term traced in both.

pub mod collocates;
pub mod compare;
pub mod kwic;
pub mod phrases;
pub mod positions;
pub mod reader;
pub mod results;
pub mod sets;
pub mod timeline;

pub use collocates::CollocatesView;
pub use compare::CompareView;
pub use kwic::KwicView;
pub use phrases::PhrasesView;
pub use positions::PositionsView;
pub use reader::Reader;
pub use results::ResultsView;
pub use sets::SetsView;
pub use timeline::TimelineView;
