//! Text with highlighted ranges, as nodes: the text stays text (never markup); each range
//! becomes a `<mark data-term="k">`, k the index of its term in the query's legend.

use concord_core::query::Highlight;
use std::ops::Range;
use yew::prelude::*;

/// Number of distinct term colours in the stylesheet (`.t0` … `.t7`); terms past it reuse
/// them in order.
pub const COLOURS: usize = 8;

/// The CSS class of term `k`'s colour.
pub fn term_class(k: usize) -> String {
    format!("t{}", k % COLOURS)
}

/// `text[window]` with the highlights inside the window marked. `first_id`, when given,
/// numbers the marks' ids (`hit-{n}`) from it, for hit navigation.
pub fn marked(
    text: &str,
    window: Range<usize>,
    highlights: &[Highlight],
    first_id: Option<usize>,
) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut at = window.start;
    let mut n = first_id;
    for h in highlights
        .iter()
        .filter(|h| h.start >= window.start && h.end <= window.end)
    {
        // Highlights are sorted and apart (the engine's policy); be safe anyway.
        if h.start < at || !text.is_char_boundary(h.start) || !text.is_char_boundary(h.end) {
            continue;
        }
        if h.start > at {
            out.push(html! { { text[at..h.start].to_string() } });
        }
        let id = n.map(|i| format!("hit-{i}"));
        out.push(html! {
            <mark data-term={h.term.to_string()} class={term_class(h.term)} id={id} tabindex={n.map(|_| "-1")}>
                { text[h.start..h.end].to_string() }
            </mark>
        });
        n = n.map(|i| i + 1);
        at = h.end;
    }
    if at < window.end {
        out.push(html! { { text[at..window.end].to_string() } });
    }
    out.into_iter().collect()
}
