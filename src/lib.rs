//! The Concord web app: Yew components, URL state and browser glue. All corpus logic lives in
//! `concord-core`; this crate only shows it. See ARCHITECTURE.md for the whole picture.
//!
//! - [`data`] — the corpus compiled in by `build.rs`, decoded once;
//! - [`route`] — the view state in the URL (the link format) and its [`route::Action`]s;
//! - [`context`] — the engine and navigation, each with its provider and `use_…` hook;
//! - [`hooks`] — deferred work, the history's query, focus after a move, page-wide keys;
//! - [`app`] — the root: providers, page frame, page switch;
//! - [`pages`] — one module per view (results, KWIC, reader, comparison, formulations,
//!   timeline);
//! - [`components`] — the widgets the pages share (search box, filters, links, tray…);
//! - [`chart`] — chart geometry, pure and tested natively;
//! - [`mod@format`] — how dates, kinds and people are written on screen;
//! - [`timing`] — User Timing measures (`concord:ready`, `concord:search`);
//! - [`crash`] — the panel a panic shows (with a "Reset the view" link) instead of a dead page.

pub mod app;
pub mod chart;
pub mod components;
pub mod context;
pub mod crash;
pub mod data;
pub mod format;
pub mod hooks;
pub mod pages;
pub mod route;
pub mod timing;

/// Mounts the app on the page body.
pub fn start() {
    timing::main_started();
    crash::install();
    yew::Renderer::<app::App>::new().render();
}
