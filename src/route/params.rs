//! The link format's names, one table per enum: the name in the link, the value, and the
//! title the app shows for it. Parsing, writing and the views all read these tables, so a
//! name is spelled once.

use super::{TextMode, View};
use concord_core::aggregate::collocates::Rank;
use concord_core::compare::formulas::reuse::NodeBy;
use concord_core::{Facet, KwicSort, LaneBy, Sort};

/// One value of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<T: 'static> {
    /// As written in the link.
    pub name: &'static str,
    pub value: T,
    /// As shown on screen.
    pub title: &'static str,
}

const fn name<T>(name: &'static str, value: T, title: &'static str) -> Name<T> {
    Name { name, value, title }
}

/// `view=`; the first is the default.
pub const VIEWS: &[Name<View>] = &[
    name("list", View::List, "Statements"),
    name("kwic", View::Kwic, "Concordance (KWIC)"),
    name("doc", View::Doc, "Document"),
    name("compare", View::Compare, "Comparison"),
    name("phrases", View::Phrases, "Formulations"),
    name("timeline", View::Timeline, "Timeline"),
    name("positions", View::Positions, "Positions"),
    name("collocates", View::Collocates, "Collocates"),
    name("sets", View::Sets, "Two sets compared"),
];

/// `rank=` (collocates); the first is the default.
pub const RANKS: &[Name<Rank>] = &[
    name("ll", Rank::LogLikelihood, "Log-likelihood"),
    name("logdice", Rank::LogDice, "logDice"),
    name("mi", Rank::Mi, "MI"),
];

/// `sort=`; the first is the default.
pub const SORTS: &[Name<Sort>] = &[
    name("relevance", Sort::Relevance, "Relevance"),
    name("newest", Sort::Newest, "Newest first"),
    name("oldest", Sort::Oldest, "Oldest first"),
];

/// `by=` (no parameter keeps text order).
pub const KWIC_SORTS: &[Name<KwicSort>] = &[
    name("left", KwicSort::Left1, "1st left"),
    name("left2", KwicSort::Left2, "2nd left"),
    name("right", KwicSort::Right1, "1st right"),
    name("right2", KwicSort::Right2, "2nd right"),
];

/// `lane=`; the first is the default.
pub const LANES: &[Name<LaneBy>] = &[
    name("speaker", LaneBy::Speaker, "By speaker"),
    name("country", LaneBy::Country, "By country"),
    name("stance", LaneBy::Stance, "By stance"),
];

/// `net=` (the formulations' reuse network); the first is the default.
pub const NETS: &[Name<NodeBy>] = &[
    name("speaker", NodeBy::Speaker, "Speakers"),
    name("country", NodeBy::Country, "Countries"),
    name("source", NodeBy::Source, "Sources"),
];

/// The thresholds the formulations view offers for `banal=` (any number from 1 to 100 is a
/// valid link).
pub const BANALITY_STEPS: [u8; 3] = [80, 60, 40];

/// `text=`; the first is the default.
pub const TEXT_MODES: &[Name<TextMode>] = &[
    name("statements", TextMode::Statements, "Statements"),
    name("original", TextMode::Original, "Original text"),
];

/// The facet parameters (`speaker=`, …), each a comma-separated list of slugs.
pub const FACETS: &[Name<Facet>] = &[
    name("speaker", Facet::Speaker, "Speaker"),
    name("country", Facet::Country, "Country"),
    name("source", Facet::Source, "Source"),
    name("kind", Facet::Kind, "Kind"),
    name("stance", Facet::Stance, "Stance"),
];

/// The entry of `value` in `table`.
///
/// Every value of each enum has its entry (a test checks), so this never fails for them.
pub fn entry<T: PartialEq + Copy>(table: &'static [Name<T>], value: T) -> &'static Name<T> {
    table.iter().find(|n| n.value == value).unwrap_or(&table[0])
}

/// The link name of `value`.
pub fn name_of<T: PartialEq + Copy>(table: &'static [Name<T>], value: T) -> &'static str {
    entry(table, value).name
}

/// The on-screen title of `value`.
pub fn title_of<T: PartialEq + Copy>(table: &'static [Name<T>], value: T) -> &'static str {
    entry(table, value).title
}

/// The value a link name stands for.
pub fn value_of<T: Copy>(table: &'static [Name<T>], name: &str) -> Option<T> {
    table.iter().find(|n| n.name == name).map(|n| n.value)
}

/// The names of a table as a notice lists them: "a, b or c".
pub fn expected<T>(table: &'static [Name<T>]) -> String {
    let names: Vec<&str> = table.iter().map(|n| n.name).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete<T: PartialEq + Copy + std::fmt::Debug>(table: &'static [Name<T>], all: &[T]) {
        for &v in all {
            let e = entry(table, v);
            assert_eq!(e.value, v, "{v:?} has no entry");
            assert_eq!(value_of(table, e.name), Some(v));
        }
        let mut names: Vec<&str> = table.iter().map(|n| n.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), table.len(), "a name is used twice");
    }

    #[test]
    fn every_value_has_one_name() {
        use View::*;
        complete(
            VIEWS,
            &[
                List, Kwic, Doc, Compare, Phrases, Timeline, Positions, Collocates, Sets,
            ],
        );
        complete(SORTS, &[Sort::Relevance, Sort::Newest, Sort::Oldest]);
        complete(
            KWIC_SORTS,
            &[
                KwicSort::Left1,
                KwicSort::Left2,
                KwicSort::Right1,
                KwicSort::Right2,
            ],
        );
        complete(LANES, &[LaneBy::Speaker, LaneBy::Country, LaneBy::Stance]);
        complete(NETS, &[NodeBy::Speaker, NodeBy::Country, NodeBy::Source]);
        complete(RANKS, &[Rank::LogLikelihood, Rank::LogDice, Rank::Mi]);
        assert_eq!(RANKS[0].value, Rank::default());
        assert_eq!(NETS[0].value, NodeBy::default());
        complete(TEXT_MODES, &[TextMode::Statements, TextMode::Original]);
        complete(FACETS, &Facet::ALL);
        assert_eq!(VIEWS[0].value, View::default());
        assert_eq!(SORTS[0].value, Sort::default());
        assert_eq!(LANES[0].value, LaneBy::default());
        assert_eq!(TEXT_MODES[0].value, TextMode::default());
    }

    #[test]
    fn expected_lists_read_as_prose() {
        assert_eq!(expected(LANES), "speaker, country or stance");
        assert_eq!(expected(SORTS), "relevance, newest or oldest");
    }
}
