//! The history's query string as state: read at first render, then again after every move
//! and every Back/Forward.

use gloo::history::{BrowserHistory, History};
use std::rc::Rc;
use yew::prelude::*;

/// The current query string of `history` (with its `?`), re-read whenever it changes.
#[hook]
pub fn use_history_query(history: BrowserHistory) -> Rc<str> {
    let query = {
        let history = history.clone();
        use_state(move || Rc::<str>::from(history.location().query_str()))
    };
    {
        let query = query.clone();
        use_effect_with((), move |()| {
            let h = history.clone();
            let listener = history.listen(move || query.set(h.location().query_str().into()));
            move || drop(listener)
        });
    }
    (*query).clone()
}
