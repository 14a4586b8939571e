//! Every change a view makes to the view state, as data: an [`Action`], applied to the
//! current route by [`Route::apply`], gives the route to go to. Views never build routes
//! field by field; they name the change, and the rules of what a change keeps and drops
//! (the search survives a change of view, a page number does not survive a new order…)
//! live here, tested natively.

use super::{Item, Route, Search, TextMode, View};
use concord_core::aggregate::collocates::{Rank, WINDOW_MAX};
use concord_core::compare::formulas::reuse::NodeBy;
use concord_core::{Date, Facet, KwicSort, LaneBy, Sort};

/// A change of view state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The query as typed: back to the first page, everything else kept.
    Type(String),
    /// Another view of the same search: page, document and paragraph dropped, the tray
    /// kept ([`Route::with_view`]).
    Show(View),
    /// A facet value chosen, or unchosen when it was (view kept).
    Toggle(Facet, String),
    /// One year as the date range, or no range when that year was the range.
    ToggleYear(i32),
    /// The date range (either end open).
    Dates(Option<Date>, Option<Date>),
    /// Every filter dropped, the query kept.
    ClearFilters,
    /// The query dropped, the filters kept.
    DropQuery,
    /// A new search in the list, under the same filters (a formulation chosen).
    SearchFor(String),
    /// A new search in the list, without filters (a distinctive term chosen).
    SearchAnew(String),
    /// The order of the results list.
    Sort(Sort),
    /// A page of the results list.
    Page(u32),
    /// The order of the concordance (`None`: text order).
    KwicOrder(Option<KwicSort>),
    /// The timeline's lanes.
    Lanes(LaneBy),
    /// Formulations: hide those whose banality is this or more (`None`: show all).
    HideBanal(Option<u8>),
    /// Formulations: the reuse network's nodes.
    Network(NodeBy),
    /// Collocates: words on either side (1–5).
    Window(u8),
    /// Collocates: their order.
    Rank(Rank),
    /// The concordance of a query under the same filters (a collocate chosen).
    KwicOf(String),
    /// The list keeps its search as set A while the search changes into set B.
    ChooseB,
    /// The sets view of set A (kept in the list) against the list's search as set B.
    AgainstA,
    /// Set A forgotten: the list as it is, without a comparison in waiting.
    ForgetA,
    /// From the sets view: set B in the list, to change it, set A kept.
    ChangeB,
    /// From the sets view: A and B swapped.
    SwapSets,
    /// One set's search in the list.
    ShowSet(Search),
    /// Read a document, at a paragraph or from the start, with this search's hits.
    Read(Item),
    /// In the reader: another paragraph of the same document, the text mode kept.
    Jump(u32),
    /// In the reader: statements or the original text, from the start.
    ReadText(TextMode),
    /// Two items side by side, with this search's hits (the tray is used up).
    Compare(Item, Item),
    /// An item put in the compare tray.
    Pick(Item),
    /// The tray emptied.
    EmptyTray,
}

impl Route {
    /// The route after `action` (see [`Action`] for what each keeps).
    ///
    /// ```
    /// use concord::route::{Action, Route, View};
    /// let r = Route::parse("?q=peace&page=3").0;
    /// let kwic = r.apply(Action::Show(View::Kwic));
    /// assert_eq!(kwic.to_query(), "?q=peace&view=kwic");
    /// ```
    pub fn apply(&self, action: Action) -> Route {
        let here = || self.with_view(self.view);
        match action {
            Action::Type(q) => Route {
                search: Search {
                    q,
                    ..self.search.clone()
                },
                page: 1,
                ..self.clone()
            },
            Action::Show(view) => self.with_view(view),
            Action::Toggle(facet, value) => {
                let mut to = here();
                let list = to.search.filters.list_mut(facet);
                if list.contains(&value) {
                    list.retain(|x| *x != value);
                } else {
                    list.push(value);
                }
                to
            }
            Action::ToggleYear(year) => {
                let y = Date::new(year, 0, 0);
                let on = self.has_year(year);
                let to = here();
                to.dates(if on { (None, None) } else { (y, y) })
            }
            Action::Dates(from, to) => here().dates((from, to)),
            Action::ClearFilters => Route {
                search: self.search.unfiltered(),
                ..here()
            },
            Action::DropQuery => Route {
                search: Search {
                    q: String::new(),
                    ..self.search.clone()
                },
                ..here()
            },
            Action::SearchFor(q) => Route {
                search: Search {
                    q,
                    ..self.search.clone()
                },
                ..self.with_view(View::List)
            },
            Action::SearchAnew(q) => Route {
                search: Search {
                    q,
                    ..self.search.unfiltered()
                },
                ..self.with_view(View::List)
            },
            Action::Sort(sort) => {
                let mut to = self.with_view(View::List);
                to.search.sort = sort;
                to
            }
            Action::Page(page) => Route {
                page: page.max(1),
                ..self.with_view(View::List)
            },
            Action::KwicOrder(by) => Route {
                by,
                ..self.with_view(View::Kwic)
            },
            Action::Lanes(lane) => Route {
                lane,
                ..self.with_view(View::Timeline)
            },
            Action::HideBanal(banal) => Route {
                banal,
                ..self.with_view(View::Phrases)
            },
            Action::Network(net) => Route {
                net,
                ..self.with_view(View::Phrases)
            },
            Action::Window(window) => Route {
                window: window.clamp(1, WINDOW_MAX as u8),
                ..self.with_view(View::Collocates)
            },
            Action::Rank(rank) => Route {
                rank,
                ..self.with_view(View::Collocates)
            },
            Action::KwicOf(q) => Route {
                search: Search {
                    q,
                    ..self.search.clone()
                },
                ..self.with_view(View::Kwic)
            },
            Action::ChooseB => Route {
                vs: Some(self.search.clone()),
                ..self.with_view(View::List)
            },
            Action::AgainstA => match &self.vs {
                Some(a) => Route {
                    a: Some(a.clone()),
                    b: Some(self.search.clone()),
                    search: Search::default(),
                    ..Route::default().with_view(View::Sets)
                },
                None => self.clone(),
            },
            Action::ForgetA => Route {
                vs: None,
                ..self.clone()
            },
            Action::ChangeB => match &self.a {
                Some(a) => Route {
                    search: self.b.clone().unwrap_or_default(),
                    vs: Some(a.clone()),
                    ..Route::default()
                },
                None => self.clone(),
            },
            Action::SwapSets => Route {
                a: self.b.clone().or_else(|| self.a.clone()),
                b: self.b.as_ref().and(self.a.clone()),
                ..self.clone()
            },
            Action::ShowSet(search) => Route {
                search,
                ..Route::default()
            },
            Action::Read(item) => self.read(&item.doc, item.p),
            Action::Jump(p) => match &self.doc {
                Some(doc) => Route {
                    text: self.text,
                    ..self.read(doc, Some(p))
                },
                None => self.clone(),
            },
            Action::ReadText(text) => match &self.doc {
                Some(doc) => Route {
                    text,
                    ..self.read(doc, None)
                },
                None => self.clone(),
            },
            Action::Compare(a, b) => Route {
                view: View::Compare,
                search: self.search.clone(),
                cmp: Some(format!("{},{}", a.param(), b.param())),
                ..Route::default()
            },
            Action::Pick(item) => Route {
                tray: Some(item.param()),
                ..self.clone()
            },
            Action::EmptyTray => Route {
                tray: None,
                ..self.clone()
            },
        }
    }

    /// True when the date range is exactly year `year`.
    pub fn has_year(&self, year: i32) -> bool {
        let y = Date::new(year, 0, 0);
        let f = &self.search.filters;
        y.is_some() && f.from == y && f.to == y
    }

    /// Reading `doc` with this search (the tray kept, so a pick can be compared from there).
    fn read(&self, doc: &str, p: Option<u32>) -> Route {
        Route {
            search: self.search.clone(),
            p,
            tray: self.tray.clone(),
            ..Route::doc(doc)
        }
    }

    fn dates(mut self, (from, to): (Option<Date>, Option<Date>)) -> Route {
        self.search.filters.from = from;
        self.search.filters.to = to;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(doc: &str, p: Option<u32>) -> Item {
        Item { doc: doc.into(), p }
    }

    /// Every action, in a fixed list.
    fn actions() -> Vec<Action> {
        vec![
            Action::Type("two-state solution".into()),
            Action::Show(View::Kwic),
            Action::Show(View::Timeline),
            Action::Toggle(Facet::Speaker, "wang-yi".into()),
            Action::Toggle(Facet::Country, "oman".into()),
            Action::ToggleYear(2021),
            Action::Dates(Date::parse_iso("2020-03"), None),
            Action::ClearFilters,
            Action::DropQuery,
            Action::SearchFor("\"core interests\"".into()),
            Action::SearchAnew("sovereignty".into()),
            Action::Sort(Sort::Oldest),
            Action::Page(2),
            Action::KwicOrder(Some(KwicSort::Right2)),
            Action::Lanes(LaneBy::Country),
            Action::HideBanal(Some(60)),
            Action::HideBanal(None),
            Action::Network(NodeBy::Country),
            Action::Window(2),
            Action::Rank(Rank::Mi),
            Action::KwicOf("peace talks".into()),
            Action::ChooseB,
            Action::AgainstA,
            Action::ForgetA,
            Action::ChangeB,
            Action::SwapSets,
            Action::ShowSet(Route::parse("?q=x&country=oman").0.search),
            Action::Read(item("a", Some(3))),
            Action::Jump(4),
            Action::ReadText(TextMode::Original),
            Action::Compare(item("a", Some(1)), item("b", None)),
            Action::Pick(item("b", Some(2))),
            Action::EmptyTray,
        ]
    }

    /// A few routes to start from: the list with filters, the KWIC, the reader, the timeline.
    fn routes() -> Vec<Route> {
        [
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&page=3&tray=b%3A2",
            "?q=peace+talks&view=kwic&by=left",
            "?q=china&doc=a&p=2&text=original",
            "?view=timeline&lane=country&country=oman",
            "?view=phrases&net=source&banal=40&from=2021",
            "?q=gaza&view=sets&a=q%3Dpeace&b=speaker%3Dwang-yi",
            "?q=ceasefire&country=oman&vs=q%3Dpeace",
        ]
        .iter()
        .map(|q| {
            let (r, n) = Route::parse(q);
            assert!(n.is_empty(), "{q}: {n:?}");
            r
        })
        .collect()
    }

    #[test]
    fn every_action_round_trips_through_the_link() {
        for r in routes() {
            for a in actions() {
                let to = r.apply(a.clone());
                let (back, notices) = Route::parse(&to.to_query());
                assert!(notices.is_empty(), "{a:?} on {r:?}: {notices:?}");
                assert_eq!(back, to, "{a:?} on {}", r.to_query());
            }
        }
    }

    #[test]
    fn what_each_action_keeps() {
        let [list, kwic, reader, timeline, phrases, sets, choosing]: [Route; 7] =
            routes().try_into().unwrap();
        let q = |r: Route| r.to_query();
        // Typing keeps the view and filters, back to page 1.
        assert_eq!(
            q(list.apply(Action::Type("war".into()))),
            "?q=war&speaker=wang-yi&from=2021&to=2021&sort=newest&tray=b%3A2"
        );
        assert_eq!(
            q(reader.apply(Action::Type("x".into()))),
            "?q=x&view=doc&doc=a&p=2&text=original"
        );
        // Another view keeps the search and the tray, drops the page.
        assert_eq!(
            q(list.apply(Action::Show(View::Kwic))),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=kwic&tray=b%3A2"
        );
        assert_eq!(q(reader.apply(Action::Show(View::List))), "?q=china");
        // A filter toggles in place; choosing the year that is the range clears it.
        let off = list.apply(Action::Toggle(Facet::Speaker, "wang-yi".into()));
        assert!(off.search.filters.speakers.is_empty());
        assert_eq!(off.page, 1);
        let on = off.apply(Action::Toggle(Facet::Speaker, "wang-yi".into()));
        assert_eq!(on.search.filters.speakers, ["wang-yi"]);
        assert!(list.has_year(2021));
        let cleared = list.apply(Action::ToggleYear(2021));
        assert_eq!(
            (cleared.search.filters.from, cleared.search.filters.to),
            (None, None)
        );
        let y = list.apply(Action::ToggleYear(2022));
        assert!(y.has_year(2022) && !y.has_year(2021));
        assert_eq!(
            q(timeline.apply(Action::Dates(
                Date::parse_iso("2020"),
                Date::parse_iso("2021-06")
            ))),
            "?country=oman&from=2020&to=2021-06&view=timeline&lane=country"
        );
        // Clearing filters keeps the query and order; dropping the query keeps the filters.
        assert_eq!(
            q(list.apply(Action::ClearFilters)),
            "?q=peace&sort=newest&tray=b%3A2"
        );
        assert_eq!(
            q(list.apply(Action::DropQuery)),
            "?speaker=wang-yi&from=2021&to=2021&sort=newest&tray=b%3A2"
        );
        assert_eq!(
            q(timeline.apply(Action::SearchFor("\"a b c\"".into()))),
            "?q=%22a+b+c%22&country=oman"
        );
        assert_eq!(
            q(timeline.apply(Action::SearchAnew("oman".into()))),
            "?q=oman"
        );
        // Orders and pages belong to their view.
        assert_eq!(
            q(kwic.apply(Action::Sort(Sort::Oldest))),
            "?q=peace+talks&sort=oldest"
        );
        assert_eq!(q(kwic.apply(Action::Page(0))), "?q=peace+talks");
        assert_eq!(
            q(list.apply(Action::KwicOrder(None))),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=kwic&tray=b%3A2"
        );
        // Two sets: set A waits in the list while its search becomes B; the sets view swaps
        // them, gives B back to the list to change, and shows either set there.
        assert_eq!(
            q(kwic.apply(Action::ChooseB)),
            "?q=peace+talks&vs=q%3Dpeace%2Btalks"
        );
        assert_eq!(
            q(choosing.apply(Action::AgainstA)),
            "?view=sets&a=q%3Dpeace&b=q%3Dceasefire%26country%3Doman"
        );
        assert_eq!(
            q(choosing.apply(Action::ForgetA)),
            "?q=ceasefire&country=oman"
        );
        assert_eq!(
            q(sets.apply(Action::SwapSets)),
            "?q=gaza&view=sets&a=speaker%3Dwang-yi&b=q%3Dpeace"
        );
        assert_eq!(
            q(sets.apply(Action::ChangeB)),
            "?speaker=wang-yi&vs=q%3Dpeace"
        );
        assert_eq!(
            q(sets.apply(Action::ShowSet(sets.a.clone().unwrap()))),
            "?q=peace"
        );
        // Collocates: window and rank kept together, the pair's concordance under the filters.
        let col = timeline
            .apply(Action::Window(2))
            .apply(Action::Rank(Rank::LogDice));
        assert_eq!(
            q(col.clone()),
            "?country=oman&view=collocates&window=2&rank=logdice"
        );
        assert_eq!(
            q(col.apply(Action::KwicOf("oman port".into()))),
            "?q=oman+port&country=oman&view=kwic"
        );
        // The formulations' controls keep each other and the filters, and leave with the view.
        assert_eq!(
            q(phrases.apply(Action::HideBanal(None))),
            "?from=2021&view=phrases&net=source"
        );
        assert_eq!(
            q(phrases.apply(Action::Network(NodeBy::Speaker))),
            "?from=2021&view=phrases&banal=40"
        );
        assert_eq!(
            q(phrases.apply(Action::Show(View::Kwic))),
            "?from=2021&view=kwic"
        );
        assert_eq!(
            q(list.apply(Action::HideBanal(Some(80)))),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=phrases&banal=80&tray=b%3A2"
        );
        assert_eq!(
            q(kwic.apply(Action::Lanes(LaneBy::Speaker))),
            "?q=peace+talks&view=timeline"
        );
        // Reading keeps the search and the tray; jumping keeps the text mode.
        assert_eq!(
            q(list.apply(Action::Read(item("d", Some(5))))),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=doc&doc=d&p=5&tray=b%3A2"
        );
        assert_eq!(
            q(reader.apply(Action::Jump(7))),
            "?q=china&view=doc&doc=a&p=7&text=original"
        );
        assert_eq!(
            q(reader.apply(Action::ReadText(TextMode::Statements))),
            "?q=china&view=doc&doc=a"
        );
        // Jump and ReadText need a document: elsewhere they change nothing.
        assert_eq!(list.apply(Action::Jump(3)), list);
        assert_eq!(kwic.apply(Action::ReadText(TextMode::Original)), kwic);
        // Comparing uses the tray up; the swap is the same comparison the other way round.
        let cmp = list.apply(Action::Compare(item("b", Some(2)), item("a", None)));
        assert_eq!(
            q(cmp.clone()),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=compare&cmp=b%3A2%2Ca"
        );
        assert_eq!(
            q(cmp.apply(Action::Compare(item("a", None), item("b", Some(2))))),
            "?q=peace&speaker=wang-yi&from=2021&to=2021&sort=newest&view=compare&cmp=a%2Cb%3A2"
        );
        assert_eq!(
            q(kwic.apply(Action::Pick(item("a", Some(1))))),
            "?q=peace+talks&view=kwic&by=left&tray=a%3A1"
        );
        assert_eq!(list.apply(Action::EmptyTray).tray, None);
    }
}
