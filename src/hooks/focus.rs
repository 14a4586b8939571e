//! Focus after a move: keyboard and screen-reader users land on the new view.

use crate::context::Nav;
use crate::route::Route;
use yew::prelude::*;

/// On load the page keeps the browser's focus (Tab reaches the skip link first); after a
/// move, focus goes to the new view's heading — unless the move asked to stay (typing in
/// the search box, ticking a filter). A paragraph named by `p` is scrolled to in any case.
#[hook]
pub fn use_focus_on_move(route: &Route, nav: &Nav) {
    let moved = use_mut_ref(|| false);
    let nav = nav.clone();
    use_effect_with(route.clone(), move |route| {
        let after_move = std::mem::replace(&mut *moved.borrow_mut(), true);
        let focus = nav.take_focus().unwrap_or(true);
        focus_and_scroll(route, after_move && focus);
    });
}

/// The paragraph named by `p` is scrolled to; otherwise, when `focus`, the page's heading
/// takes focus at the top.
fn focus_and_scroll(route: &Route, focus: bool) {
    let document = gloo::utils::document();
    if let Some(p) = route.p {
        if let Some(el) = document.get_element_by_id(&format!("p-{p}")) {
            el.scroll_into_view();
            return;
        }
    }
    if !focus {
        return;
    }
    if let Some(h1) = document.query_selector("main h1").ok().flatten() {
        if let Ok(h1) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h1) {
            let _ = h1.focus();
        }
    }
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
}
