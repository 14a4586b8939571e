//! What the page shows when the app panics, instead of freezing: a readable error and a
//! "Reset the view" link (the app's address without its query, so a link that led to the
//! failure is left behind).
//!
//! The panic's message is shown as text (never markup: it may quote a link's parameters),
//! under "Details", and also logged to the console.

use wasm_bindgen::JsCast;

/// The element id of the error panel.
pub const ID: &str = "crash";

/// Installs the panic hook (once, at start-up).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Concord stopped: {message}").into());
        show(&message);
    }));
}

/// Shows the error panel with `message` (replacing an earlier one), and hides the app.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if let Some(old) = document.get_element_by_id(ID) {
        old.remove();
    }
    let reset = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "./".into());
    // A child element of `parent` holding `text` (as text).
    let child = |parent: &web_sys::Node, tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        parent.append_child(&e).ok()?;
        Some(e)
    };
    let build = || -> Option<web_sys::Element> {
        let panel = document.create_element("div").ok()?;
        panel.set_id(ID);
        panel.set_attribute("role", "alert").ok()?;
        child(&panel, "h1", "Concord stopped")?;
        child(
            &panel,
            "p",
            "Something in this view went wrong, and the page cannot go on. Nothing was lost: the corpus is part of the page.",
        )?;
        let p = child(&panel, "p", "")?;
        let a = child(&p, "a", "Reset the view")?;
        a.set_attribute("href", &reset).ok()?;
        a.set_class_name("reset");
        p.append_child(&document.create_text_node(" (all statements, no search or filters)"))
            .ok()?;
        let details = child(&panel, "details", "")?;
        child(&details, "summary", "Details")?;
        child(&details, "pre", message)?;
        Some(panel)
    };
    if let Some(panel) = build() {
        let _ = body.insert_before(&panel, body.first_child().as_ref());
        let _ = body.class_list().add_1("crashed");
        if let Some(a) = panel
            .query_selector("a.reset")
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = a.focus();
        }
    }
}
