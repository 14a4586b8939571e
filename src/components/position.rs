//! One stated position as the positions view and the reader show it, with the DOM contract
//! (README, "DOM contract"): `li.position` with `data-stance`, `data-actor`, `data-doc` and
//! `data-p`, its text holding the target as written (`q.target-text`).

use concord_core::model::{Corpus, Position};
use yew::prelude::*;

/// `li.position`: `before`, then whose stance (and who voiced it) on the target `target`
/// (the position's text as written), then `after`.
pub fn position_item(
    corpus: &Corpus,
    pos: &Position,
    (doc, p): (&str, u32),
    target: &str,
    before: Html,
    after: Html,
) -> Html {
    let voice = pos
        .voice
        .and_then(|v| corpus.people.get(v as usize))
        .map(|v| format!(" (voiced by {})", v.name));
    html! {
        <li class="position" data-stance={pos.stance.slug()} data-actor={pos.actor.slug(&corpus.people).to_string()}
            data-doc={doc.to_string()} data-p={p.to_string()}>
            { before }
            <span class="actor">{ corpus.actor_name(&pos.actor).to_string() }</span>
            { voice }
            { " " }
            <span class={classes!("stance", format!("stance-{}", pos.stance.slug()))}>{ pos.stance.label() }</span>
            { " " }
            <q class="target-text">{ target.to_string() }</q>
            { after }
        </li>
    }
}
