//! Work that follows a view: computed after the view is on screen, so a view shows first
//! and keys typed meanwhile are handled.

use std::rc::Rc;
use yew::prelude::*;

/// `compute(&key)` run `delay_ms` after the view with `key` is rendered (in a timer, so the
/// view shows first and keys typed meanwhile are handled), its result kept with the key it
/// was computed for: `None` until it is ready, and again as soon as `key` changes. A change
/// before the timer fires cancels it. Serves the work that follows a view: the rest of a
/// results page, trends, distinctive terms, near-duplicates.
#[hook]
pub fn use_deferred<K, V, F>(key: K, delay_ms: u32, compute: F) -> Option<Rc<V>>
where
    K: PartialEq + Clone + 'static,
    V: 'static,
    F: FnOnce(&K) -> V + 'static,
{
    let done = use_state(|| None::<(K, Rc<V>)>);
    {
        let done = done.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let timer = gloo::timers::callback::Timeout::new(delay_ms, move || {
                let value = compute(&key);
                done.set(Some((key, Rc::new(value))));
            });
            move || drop(timer)
        });
    }
    done.as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v.clone())
}

/// `value` as a view shows it: the new value at once, or, when `lag(shown, new)` holds, the
/// value shown so far until `delay_ms` pass without a newer one, then the new one. Serves
/// parts of a page that may follow a key a moment after its results (the filter panel
/// while typing): the key's results reach the screen first, and while keys keep coming the
/// lagging part costs them nothing.
#[hook]
pub fn use_lagging<T, F>(value: T, delay_ms: u32, lag: F) -> T
where
    T: PartialEq + Clone + 'static,
    F: Fn(&T, &T) -> bool,
{
    let shown = use_mut_ref(|| value.clone());
    let redraw = use_force_update();
    let lagging = {
        let shown = shown.borrow();
        *shown != value && lag(&shown, &value)
    };
    if !lagging {
        *shown.borrow_mut() = value.clone();
    }
    {
        let shown = shown.clone();
        use_effect_with((value, lagging), move |(value, lagging)| {
            let timer = lagging.then(|| {
                let value = value.clone();
                gloo::timers::callback::Timeout::new(delay_ms, move || {
                    *shown.borrow_mut() = value;
                    redraw.force_update();
                })
            });
            move || drop(timer)
        });
    }
    let shown = shown.borrow().clone();
    shown
}
