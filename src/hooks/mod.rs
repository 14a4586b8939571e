//! The app's own hooks, each in its module:
//!
//! - [`deferred`] — work that follows a view, after it is on screen ([`use_deferred`]), and
//!   parts that may follow it once typing pauses ([`use_lagging`]);
//! - [`url`] — the history's query string, kept current ([`use_history_query`]);
//! - [`loaded`] — what a view reads, loaded first when the corpus is sharded
//!   ([`use_loaded`]);
//! - [`streamed`] — values folded from the words of many statements, a block at a time when
//!   the corpus is sharded ([`use_streamed`]);
//! - [`focus`] — focus and scroll after a move ([`use_focus_on_move`]);
//! - [`shortcut`] — page-wide keys, ignored while typing in a field ([`use_keys`]).

pub mod deferred;
pub mod focus;
pub mod loaded;
pub mod shortcut;
pub mod streamed;
pub mod url;

pub use deferred::{use_deferred, use_lagging};
pub use focus::use_focus_on_move;
pub use loaded::{use_loaded, Load};
pub use shortcut::{typing, use_keys};
pub use streamed::{use_streamed, Fold, Same};
pub use url::use_history_query;
