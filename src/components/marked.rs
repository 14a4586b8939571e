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
///
/// The nodes always alternate text, mark, text, …, text (a text may be empty), so that when
/// the same place shows other text or other marks (the next key's results), each node is
/// patched in place instead of removed and another inserted where a text met a mark.
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
        out.push(html! { { text[at..h.start].to_string() } });
        let id = n.map(|i| format!("hit-{i}"));
        out.push(html! {
            <mark data-term={h.term.to_string()} class={term_class(h.term)} id={id} tabindex={n.map(|_| "-1")}>
                { text[h.start..h.end].to_string() }
            </mark>
        });
        n = n.map(|i| i + 1);
        at = h.end;
    }
    out.push(html! { { text[at..window.end.max(at)].to_string() } });
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::virtual_dom::VNode;

    /// Whether each node is text ('t') or an element ('e').
    fn shape(html: &Html) -> String {
        let VNode::VList(list) = html else {
            panic!("a list of nodes");
        };
        list.iter()
            .map(|n| match n {
                VNode::VText(_) => 't',
                VNode::VTag(_) => 'e',
                _ => '?',
            })
            .collect()
    }

    #[test]
    fn nodes_alternate_text_and_mark_whatever_the_marks() {
        let text = "peace and security";
        let mark = |start, end| Highlight {
            start,
            end,
            term: 0,
        };
        // Marks at the start, at the end, side by side, and none: always t e t … t.
        assert_eq!(
            shape(&marked(text, 0..text.len(), &[mark(0, 5)], None)),
            "tet"
        );
        assert_eq!(
            shape(&marked(text, 0..text.len(), &[mark(10, 18)], None)),
            "tet"
        );
        let both = [mark(0, 5), mark(6, 9)];
        assert_eq!(shape(&marked(text, 0..text.len(), &both, None)), "tetet");
        assert_eq!(shape(&marked(text, 0..text.len(), &[], None)), "t");
        // A window: marks outside it are left out, the shape holds.
        assert_eq!(shape(&marked(text, 6..18, &both, None)), "tet");
    }
}
