//! Page-wide keys (`/` to search, `n` and `p` between hits): one listener on the document
//! while the component is mounted, silent while the user types in a field or holds a
//! modifier.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// True when a key event comes from a place where keys type text.
pub fn typing(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// Listens for unmodified keys outside text fields while `deps` stay equal (the listener is
/// made anew when they change): `handle` gets the key's name and returns true when it used
/// the key, which then does nothing else (its default is prevented).
#[hook]
pub fn use_keys<D, F>(deps: D, handle: F)
where
    D: PartialEq + 'static,
    F: Fn(&str) -> bool + 'static,
{
    use_effect_with(deps, move |_| {
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() || typing(e) {
                    return;
                }
                if handle(&e.key()) {
                    e.prevent_default();
                }
            },
        );
        move || drop(listener)
    });
}
