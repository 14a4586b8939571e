//! The Concord web app: Yew components, URL state and browser glue. All corpus logic lives in
//! `concord-core`; this crate only shows it.
//!
//! - [`data`] — the corpus compiled in by `build.rs`, decoded once;
//! - [`route`] — the view state in the URL (the link format);
//! - [`mod@format`] — how dates, kinds and people are written on screen;
//! - [`app`] — the root component: URL ↔ state, notices, page frame;
//! - [`components`] — search box, filters, results, concordance and reader;
//! - [`timing`] — User Timing measures (`concord:ready`, `concord:search`);
//! - [`crash`] — the panel a panic shows (with a "Reset the view" link) instead of a dead page.

pub mod app;
pub mod components;
pub mod crash;
pub mod data;
pub mod format;
pub mod route;
pub mod timing;

/// Mounts the app on the page body.
pub fn start() {
    crash::install();
    yew::Renderer::<app::App>::new().render();
}
