//! What every view reads from context, each with its provider and its hook. Leaf modules:
//! they import no view, so views import them without a cycle.
//!
//! - [`engine`] — the corpus with its index ([`Engine`], [`use_engine`]), and a search's
//!   results ([`Found`], [`run`]);
//! - [`nav`] — moving between views ([`Nav`], [`use_nav`]) and the current link
//!   ([`use_location`]).

pub mod engine;
pub mod nav;

pub use engine::{run, use_engine, Engine, EngineProvider, Found};
pub use nav::{click_to, use_location, use_nav, Nav, NavProvider};
