//! The link's notices: what it asked for that could not be shown, each as text, with one
//! button to dismiss them (until the link changes).

use crate::route::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<MouseEvent>,
}

#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    html! {
        <section class="notices" aria-label="Link notices">
            <ul>
                { for props.notices.iter().map(|n| html! {
                    <li data-param={n.param.clone()} data-kind={n.kind.name()}>{ n.message.clone() }</li>
                }) }
            </ul>
            <button type="button" onclick={props.on_dismiss.clone()}>{ "Dismiss" }</button>
        </section>
    }
}
