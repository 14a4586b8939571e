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

/// The size rules of the README ("Size") that a line of code can break unseen.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod size_rules {
    /// Regression: `str::to_uppercase` in the sets view brought Unicode's case tables into
    /// the app (+7.4 kB gzip). The app changes case only in ASCII (corpus text folds through
    /// the corpus's own table).
    #[test]
    fn the_app_changes_case_in_ascii_only() {
        let mut offenders = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (n, line) in text.lines().enumerate() {
                        let code = line.split("//").next().unwrap_or("");
                        // Spelled in two parts, so that this line is not one of them.
                        let calls = [
                            concat!(".to_upper", "case()"),
                            concat!(".to_lower", "case()"),
                        ];
                        if calls.iter().any(|c| code.contains(c)) {
                            offenders.push(format!("{}:{}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "Unicode case mapping in the app: {offenders:?}"
        );
    }
}
