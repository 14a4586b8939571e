//! The history's query string as state: read at first render, then again after every move
//! and every Back/Forward; and the history entry that typing replaces, written just after
//! the view it leads to is drawn ([`LateReplace`]).

use gloo::history::{BrowserHistory, History};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The current query string (with its `?`) and the way to show another before the history
/// has it ([`LateReplace`]).
pub struct HistoryQuery {
    pub query: Rc<str>,
    /// Shows a query string at once (a render with it), equal ones ignored.
    pub show: UseStateSetter<Rc<str>>,
    /// The entry replacement still to write.
    pub late: LateReplace,
}

/// The current query string of `history`, re-read whenever it changes (a query string equal
/// to the one shown changes nothing).
#[hook]
pub fn use_history_query(history: BrowserHistory) -> HistoryQuery {
    let query = {
        let history = history.clone();
        use_state_eq(move || Rc::<str>::from(history.location().query_str()))
    };
    let late = (*use_memo((), |()| LateReplace::default())).clone();
    {
        let (show, late) = (query.setter(), late.clone());
        use_effect_with((), move |()| {
            let h = history.clone();
            let listener = history.listen(move || {
                // A replacement still due belongs to the entry just left (Back, Forward);
                // the app's own moves write theirs before they move.
                late.cancel();
                show.set(h.location().query_str().into())
            });
            move || drop(listener)
        });
    }
    HistoryQuery {
        query: (*query).clone(),
        show: query.setter(),
        late,
    }
}

/// A replacement of the current history entry, written in the task after the one that asked
/// for it, once its view is drawn: Chromium's `history.replaceState` was measured at about
/// 2.5 ms a call (a CPU profile of typing into 12 MB of speeches, 113 keys), a sixth of a
/// frame that each key paid before its results reached the screen. Of a burst of keys only
/// the last is written. A push writes the due replacement first ([`LateReplace::flush`]), so
/// the entries and their order are those of writing at once.
#[derive(Clone, Default)]
pub struct LateReplace {
    /// The link to write.
    due: Rc<RefCell<Option<String>>>,
    /// The task that writes it (dropping it cancels it).
    timer: Rc<RefCell<Option<Timeout>>>,
}

impl LateReplace {
    /// Replaces the current entry with `link` in the next task (in place of any replacement
    /// still due).
    pub fn schedule(&self, history: &BrowserHistory, link: String) {
        *self.due.borrow_mut() = Some(link);
        let (due, history) = (self.due.clone(), history.clone());
        let timer = Timeout::new(0, move || write(&due, &history));
        *self.timer.borrow_mut() = Some(timer);
    }

    /// Writes the replacement still due now, if there is one.
    pub fn flush(&self, history: &BrowserHistory) {
        write(&self.due, history);
    }

    /// Forgets the replacement still due.
    pub fn cancel(&self) {
        self.due.borrow_mut().take();
    }
}

/// Replaces the current entry with the link `due` holds, if any. The link is taken before
/// writing: the history's listener, called by the write, then finds nothing due.
fn write(due: &RefCell<Option<String>>, history: &BrowserHistory) {
    let link = due.borrow_mut().take();
    if let Some(link) = link {
        history.replace(link);
    }
}
