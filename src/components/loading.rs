//! What stands in for a view while the part of a sharded corpus it reads is fetched, or
//! when a part could not be (README, "Two modes").

use crate::hooks::Load;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    pub load: Load,
    /// What is being loaded, in words ("the statements").
    pub what: AttrValue,
    /// What the progress counts ("parts": requests done of those sent).
    #[prop_or(AttrValue::Static("parts"))]
    pub unit: AttrValue,
    /// What is being done ("Loading").
    #[prop_or(AttrValue::Static("Loading"))]
    pub doing: AttrValue,
}

/// A progress bar while loading; the error, naming what failed, when it failed. Nothing
/// when ready.
#[function_component(Loading)]
pub fn loading(props: &LoadingProps) -> Html {
    match &props.load {
        Load::Ready => html! {},
        Load::Loading { done, total } => html! {
            <section class="shard-loading" role="status" aria-live="polite" aria-busy="true">
                <p>
                    { format!("{} {}…", props.doing, props.what) }
                    if *total > 0 {
                        { format!(" {done} of {total} {}", props.unit) }
                    }
                </p>
                <progress max={total.max(&1).to_string()} value={done.to_string()}></progress>
            </section>
        },
        Load::Failed(message) => html! {
            <section class="shard-error" role="alert">
                <h2>{ format!("Part of the corpus could not be loaded for {}", props.what) }</h2>
                <p class="detail">{ message.to_string() }</p>
                <p>{ "The rest of Concord keeps working: change the search, go back, or reload the page to try again." }</p>
            </section>
        },
    }
}
