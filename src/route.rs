//! The view state that lives in the page URL, and its link format.
//!
//! Everything a user sees is described by the query string, so any view can be shared as a
//! link and restored by Back and Forward. Parameters (documented in README.md, "Links"):
//!
//! | parameter | values | meaning |
//! |---|---|---|
//! | `q` | query text | the search (see README, "Searching") |
//! | `speaker`, `country`, `source`, `kind` | comma-separated slugs | filters: OR within one, AND across |
//! | `from`, `to` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` | date range, inclusive, at that precision |
//! | `sort` | `relevance` (default), `newest`, `oldest` | order of documents |
//! | `page` | a number from 1 | page of the results list |
//! | `view` | `list` (default), `kwic`, `doc`, `compare`, `phrases`, `timeline` | which page |
//! | `by` | `left`, `left2`, `right`, `right2` | KWIC order: 1st/2nd word left or right of the keyword |
//! | `doc` | a document id | the document read (implies `view=doc`) |
//! | `p` | a paragraph number, from 1 | the paragraph to scroll to and outline |
//! | `text` | `statements` (default), `original` | the reader shows statements, or the whole original text with boilerplate |
//! | `cmp` | `A,B`, each a document id or `id:p` | the two sides of the comparison (implies `view=compare`) |
//! | `tray` | a document id or `id:p` | the item picked to be compared with the next one picked |
//! | `lane` | `speaker` (default), `country` | the timeline's lanes |
//!
//! Parsing never fails: an unknown, repeated or malformed parameter is dropped with a
//! [`Notice`] the app shows, and the rest of the link still applies. This module is pure (no
//! browser calls), so it is tested natively.

use concord_core::aggregate::timeline::LaneBy;
use concord_core::index::Index;
use concord_core::model::{Corpus, Date};
use concord_core::query::{Filters, KwicSort, Sort};
use concord_core::text::is_slug;

/// Which page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Search results (every statement when there is no query).
    #[default]
    List,
    /// The concordance of the query's hits.
    Kwic,
    /// One document.
    Doc,
    /// Two documents or statements side by side.
    Compare,
    /// Recurring formulations.
    Phrases,
    /// Statements by date.
    Timeline,
}

/// A side of a comparison: a whole document, or one of its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub doc: String,
    pub p: Option<u32>,
}

impl Item {
    /// The link form: `id` or `id:p`.
    pub fn param(&self) -> String {
        match self.p {
            Some(p) => format!("{}:{p}", self.doc),
            None => self.doc.clone(),
        }
    }

    /// Reads `id` or `id:p` against the corpus: a known document id is taken whole (ids may
    /// contain `:`), else the part after the last `:` is the paragraph.
    pub fn resolve(s: &str, corpus: &Corpus) -> Result<Item, String> {
        if corpus.document(s).is_some() {
            return Ok(Item {
                doc: s.to_string(),
                p: None,
            });
        }
        let (doc, p) = s
            .rsplit_once(':')
            .ok_or_else(|| format!("There is no document {}.", quoted(s)))?;
        let d = corpus
            .document(doc)
            .ok_or_else(|| format!("There is no document {}.", quoted(doc)))?;
        match p.parse::<u32>() {
            Ok(n) if p.bytes().all(|b| b.is_ascii_digit()) && d.paragraph(n).is_some() => {
                Ok(Item {
                    doc: doc.to_string(),
                    p: Some(n),
                })
            }
            _ => Err(format!(
                "Document {} has no paragraph {}.",
                quoted(doc),
                quoted(p)
            )),
        }
    }
}

/// What the reader shows of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextMode {
    /// The statements, with speakers; boilerplate hidden.
    #[default]
    Statements,
    /// Every paragraph as in the file, each with its role.
    Original,
}

/// The search part of the state: query text, filters and order. Kept whole when moving
/// between views, so the reader and the KWIC show the hits of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub q: String,
    pub speakers: Vec<String>,
    pub countries: Vec<String>,
    pub sources: Vec<String>,
    pub kinds: Vec<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub sort: Sort,
}

impl Search {
    /// The engine's filters for this search.
    pub fn filters(&self) -> Filters {
        Filters {
            speakers: self.speakers.clone(),
            countries: self.countries.clone(),
            sources: self.sources.clone(),
            kinds: self.kinds.clone(),
            years: Vec::new(),
            from: self.from,
            to: self.to,
        }
    }

    /// True when any filter (facet or date) is set.
    pub fn filtered(&self) -> bool {
        self.filters() != Filters::default()
    }

    /// The filter list of a facet.
    pub fn list(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Speaker => &self.speakers,
            Facet::Country => &self.countries,
            Facet::Source => &self.sources,
            Facet::Kind => &self.kinds,
        }
    }

    /// The filter list of a facet, to change.
    pub fn list_mut(&mut self, facet: Facet) -> &mut Vec<String> {
        match facet {
            Facet::Speaker => &mut self.speakers,
            Facet::Country => &mut self.countries,
            Facet::Source => &mut self.sources,
            Facet::Kind => &mut self.kinds,
        }
    }

    /// The same search without filters.
    pub fn unfiltered(&self) -> Search {
        Search {
            q: self.q.clone(),
            sort: self.sort,
            ..Search::default()
        }
    }
}

/// A facet set by a list of slugs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Speaker,
    Country,
    Source,
    Kind,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Speaker, Facet::Country, Facet::Source, Facet::Kind];

    /// The link parameter.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Speaker => "speaker",
            Facet::Country => "country",
            Facet::Source => "source",
            Facet::Kind => "kind",
        }
    }
}

/// The state of the page, as the URL says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub view: View,
    pub search: Search,
    /// Page of the results list, from 1.
    pub page: u32,
    /// KWIC order; `None` keeps result order.
    pub by: Option<KwicSort>,
    pub doc: Option<String>,
    pub p: Option<u32>,
    pub text: TextMode,
    /// The comparison's two sides, as written in the link (`A,B`); see [`Route::sides`].
    pub cmp: Option<String>,
    /// The item waiting in the compare tray, as written in the link.
    pub tray: Option<String>,
    /// The timeline's lanes.
    pub lane: LaneBy,
}

impl Default for Route {
    fn default() -> Route {
        Route {
            view: View::List,
            search: Search::default(),
            page: 1,
            by: None,
            doc: None,
            p: None,
            text: TextMode::Statements,
            cmp: None,
            tray: None,
            lane: LaneBy::Speaker,
        }
    }
}

/// A parameter of the link that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as written in the link.
    pub param: String,
    pub message: String,
}

/// Longest parameter value quoted back in a notice.
const QUOTE_MAX: usize = 40;

fn quoted(value: &str) -> String {
    let mut s: String = value.chars().take(QUOTE_MAX).collect();
    if value.chars().count() > QUOTE_MAX {
        s.push('…');
    }
    format!("“{s}”")
}

fn kwic_sort_param(by: KwicSort) -> &'static str {
    match by {
        KwicSort::Left1 => "left",
        KwicSort::Left2 => "left2",
        KwicSort::Right1 => "right",
        KwicSort::Right2 => "right2",
    }
}

fn sort_param(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    }
}

impl Route {
    /// The route for reading document `id`.
    pub fn doc(id: &str) -> Route {
        Route {
            view: View::Doc,
            doc: Some(id.to_string()),
            ..Route::default()
        }
    }

    /// The route for reading document `id` with this route's search (its hits highlighted).
    pub fn doc_with_search(&self, id: &str, p: Option<u32>) -> Route {
        Route {
            search: self.search.clone(),
            p,
            ..Route::doc(id)
        }
    }

    /// This route's search in another view (page, document and paragraph dropped; the
    /// compare tray kept).
    pub fn with_view(&self, view: View) -> Route {
        Route {
            view,
            search: self.search.clone(),
            by: if view == View::Kwic { self.by } else { None },
            lane: if view == View::Timeline {
                self.lane
            } else {
                LaneBy::Speaker
            },
            tray: self.tray.clone(),
            ..Route::default()
        }
    }

    /// The comparison of `a` and `b` with this route's search (so its hits stay marked).
    pub fn compare(&self, a: &Item, b: &Item) -> Route {
        Route {
            view: View::Compare,
            search: self.search.clone(),
            cmp: Some(format!("{},{}", a.param(), b.param())),
            ..Route::default()
        }
    }

    /// This route with `item` in the compare tray (or the tray emptied).
    pub fn with_tray(&self, item: Option<&Item>) -> Route {
        Route {
            tray: item.map(Item::param),
            ..self.clone()
        }
    }

    /// The two sides named by `cmp`, read against the corpus. Document ids may contain
    /// commas, so every comma is tried as the separator; the first reading where both
    /// sides exist wins.
    pub fn sides(&self, corpus: &Corpus) -> Result<(Item, Item), String> {
        let raw = self.cmp.as_deref().unwrap_or("");
        let mut first_error = None;
        for (at, _) in raw.match_indices(',') {
            match (
                Item::resolve(&raw[..at], corpus),
                Item::resolve(&raw[at + 1..], corpus),
            ) {
                (Ok(a), Ok(b)) => return Ok((a, b)),
                (Err(e), _) | (_, Err(e)) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| {
            "“cmp” needs two items separated by a comma: document ids, or id:paragraph.".into()
        }))
    }

    /// Parses a query string (with or without the leading `?`).
    ///
    /// ```
    /// use concord::route::{Route, View};
    /// let (route, notices) = Route::parse("?doc=a&p=3&x=1");
    /// assert_eq!((route.view, route.doc.as_deref(), route.p), (View::Doc, Some("a"), Some(3)));
    /// assert_eq!(notices[0].param, "x");
    /// ```
    pub fn parse(query: &str) -> (Route, Vec<Notice>) {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut route = Route::default();
        let mut notices = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut view_given = false;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let (key, value) = (key.into_owned(), value.into_owned());
            if key.is_empty() && value.is_empty() {
                continue;
            }
            if seen.contains(&key) {
                notices.push(Notice {
                    message: format!(
                        "{} appears more than once; the first value was used.",
                        quoted(&key)
                    ),
                    param: key,
                });
                continue;
            }
            seen.push(key.clone());
            let mut bad = |expected: &str| {
                notices.push(Notice {
                    message: format!(
                        "“{}={}” was ignored: expected {expected}.",
                        quoted(&key).trim_matches(['“', '”']),
                        quoted(&value).trim_matches(['“', '”'])
                    ),
                    param: key.clone(),
                })
            };
            let facet = Facet::ALL.into_iter().find(|f| f.param() == key);
            match key.as_str() {
                "q" => route.search.q = value.clone(),
                _ if facet.is_some() => {
                    let mut list: Vec<String> = Vec::new();
                    let mut wrong = false;
                    for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                        if is_slug(v) {
                            if !list.iter().any(|x| x == v) {
                                list.push(v.to_string());
                            }
                        } else {
                            wrong = true;
                        }
                    }
                    if wrong || list.is_empty() {
                        bad("comma-separated names in lower case with hyphens, such as wang-yi");
                    }
                    if let Some(f) = facet {
                        *route.search.list_mut(f) = list;
                    }
                }
                "from" | "to" => match Date::parse_iso(&value) {
                    Some(d) if key == "from" => route.search.from = Some(d),
                    Some(d) => route.search.to = Some(d),
                    None => bad("a date as YYYY, YYYY-MM or YYYY-MM-DD"),
                },
                "sort" => match value.as_str() {
                    "relevance" => route.search.sort = Sort::Relevance,
                    "newest" => route.search.sort = Sort::Newest,
                    "oldest" => route.search.sort = Sort::Oldest,
                    _ => bad("relevance, newest or oldest"),
                },
                "page" => match value.parse::<u32>() {
                    Ok(n) if n >= 1 && value.bytes().all(|b| b.is_ascii_digit()) => route.page = n,
                    _ => bad("a page number from 1"),
                },
                "by" => {
                    let by = [
                        KwicSort::Left1,
                        KwicSort::Left2,
                        KwicSort::Right1,
                        KwicSort::Right2,
                    ]
                    .into_iter()
                    .find(|&b| kwic_sort_param(b) == value);
                    match by {
                        Some(b) => route.by = Some(b),
                        None => bad("left, left2, right or right2"),
                    }
                }
                "view" => match value.as_str() {
                    "list" => {
                        route.view = View::List;
                        view_given = true;
                    }
                    "kwic" => {
                        route.view = View::Kwic;
                        view_given = true;
                    }
                    "doc" => {
                        route.view = View::Doc;
                        view_given = true;
                    }
                    "compare" => {
                        route.view = View::Compare;
                        view_given = true;
                    }
                    "phrases" => {
                        route.view = View::Phrases;
                        view_given = true;
                    }
                    "timeline" => {
                        route.view = View::Timeline;
                        view_given = true;
                    }
                    _ => bad("list, kwic, doc, compare, phrases or timeline"),
                },
                "doc" => {
                    if value.is_empty() {
                        bad("a document id");
                    } else {
                        route.doc = Some(value.clone());
                    }
                }
                "p" => match value.parse::<u32>() {
                    Ok(n) if n >= 1 && value.bytes().all(|b| b.is_ascii_digit()) => {
                        route.p = Some(n)
                    }
                    _ => bad("a paragraph number from 1"),
                },
                "lane" => match value.as_str() {
                    "speaker" => route.lane = LaneBy::Speaker,
                    "country" => route.lane = LaneBy::Country,
                    _ => bad("speaker or country"),
                },
                "cmp" => {
                    if value.is_empty() {
                        bad("two items separated by a comma");
                    } else {
                        route.cmp = Some(value.clone());
                    }
                }
                "tray" => {
                    if value.is_empty() {
                        bad("a document id or id:paragraph");
                    } else {
                        route.tray = Some(value.clone());
                    }
                }
                "text" => match value.as_str() {
                    "statements" => route.text = TextMode::Statements,
                    "original" => route.text = TextMode::Original,
                    _ => bad("statements or original"),
                },
                _ => notices.push(Notice {
                    message: format!("Unknown link parameter {} was ignored.", quoted(&key)),
                    param: key,
                }),
            }
        }
        if route.doc.is_some() && !view_given {
            route.view = View::Doc;
        }
        if route.cmp.is_some() && !view_given {
            route.view = View::Compare;
        }
        (route, notices)
    }

    /// Checks the route against the corpus and its index: a missing document falls back to
    /// the list, a paragraph number past the end is dropped, filter values the corpus does
    /// not have are dropped, and parameters of another view are ignored — each with a
    /// notice.
    pub fn check(mut self, corpus: &Corpus, index: &Index) -> (Route, Vec<Notice>) {
        let mut notices = Vec::new();
        for facet in Facet::ALL {
            let known = |v: &str| match facet {
                Facet::Speaker => v == "narrator" || corpus.people.iter().any(|p| p.id == v),
                Facet::Country => index.countries.iter().any(|c| c == v),
                Facet::Source => index.sources.iter().any(|(s, _)| s == v),
                Facet::Kind => index.kinds.iter().any(|k| k == v),
            };
            let list = self.search.list_mut(facet);
            let (kept, unknown): (Vec<String>, Vec<String>) =
                list.drain(..).partition(|v| known(v));
            *list = kept;
            if !unknown.is_empty() {
                notices.push(Notice {
                    param: facet.param().into(),
                    message: format!(
                        "This corpus has no {} {}; that filter was ignored.",
                        facet.param(),
                        unknown
                            .iter()
                            .map(|v| quoted(v))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        if let Some(tray) = self.tray.clone() {
            if let Err(e) = Item::resolve(&tray, corpus) {
                notices.push(Notice {
                    param: "tray".into(),
                    message: format!("{e} The compare tray was emptied."),
                });
                self.tray = None;
            }
        }
        if self.view == View::Compare {
            if let Err(e) = self.sides(corpus) {
                notices.push(Notice {
                    param: "cmp".into(),
                    message: format!("{e} Showing the list."),
                });
                self = self.with_view(View::List);
            }
        } else if self.cmp.is_some() {
            notices.push(Notice {
                param: "cmp".into(),
                message: "“cmp” applies to the comparison (“view=compare”); it was ignored.".into(),
            });
            self.cmp = None;
        }
        let reader_only =
            |r: &Route| r.doc.is_some() || r.p.is_some() || r.text != TextMode::default();
        match (self.view, self.doc.as_deref()) {
            (View::Doc, None) => {
                notices.push(Notice {
                    param: "view".into(),
                    message: "“view=doc” needs a document (“doc=…”); showing the list.".into(),
                });
                self = self.with_view(View::List);
            }
            (View::Doc, Some(id)) => match corpus.document(id) {
                None => {
                    notices.push(Notice {
                        param: "doc".into(),
                        message: format!("There is no document {}; showing the list.", quoted(id)),
                    });
                    self = self.with_view(View::List);
                }
                Some(d) => {
                    if let Some(p) = self.p.filter(|&p| d.paragraph(p).is_none()) {
                        notices.push(Notice {
                            param: "p".into(),
                            message: format!(
                                "This document has {} paragraphs, not {p}; showing its start.",
                                d.paragraphs.len()
                            ),
                        });
                        self.p = None;
                    }
                    self.page = 1;
                    self.by = None;
                    self.lane = LaneBy::Speaker;
                }
            },
            (View::List | View::Kwic | View::Compare | View::Phrases | View::Timeline, _) => {
                if reader_only(&self) {
                    notices.push(Notice {
                        param: "view".into(),
                        message: "“doc”, “p” and “text” apply to the reader, not this view; they were ignored.".into(),
                    });
                    self.doc = None;
                    self.p = None;
                    self.text = TextMode::default();
                }
                if self.view != View::Kwic {
                    self.by = None;
                }
                if self.view != View::Timeline {
                    self.lane = LaneBy::Speaker;
                }
                if self.view != View::List {
                    self.page = 1;
                }
            }
        }
        (self, notices)
    }

    /// The query string for this route, starting with `?`, or empty for the default view.
    /// Parameters come in a fixed order so equal routes give equal links.
    ///
    /// ```
    /// use concord::route::Route;
    /// let mut r = Route::doc("a b");
    /// r.p = Some(4);
    /// assert_eq!(r.to_query(), "?view=doc&doc=a+b&p=4");
    /// assert_eq!(Route::parse(&r.to_query()).0, r);
    /// ```
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        let s = &self.search;
        if !s.q.is_empty() {
            q.append_pair("q", &s.q);
        }
        for facet in Facet::ALL {
            let list = s.list(facet);
            if !list.is_empty() {
                q.append_pair(facet.param(), &list.join(","));
            }
        }
        if let Some(d) = s.from {
            q.append_pair("from", &d.to_string());
        }
        if let Some(d) = s.to {
            q.append_pair("to", &d.to_string());
        }
        if s.sort != Sort::default() {
            q.append_pair("sort", sort_param(s.sort));
        }
        match self.view {
            View::List => {}
            View::Kwic => {
                q.append_pair("view", "kwic");
            }
            View::Doc => {
                q.append_pair("view", "doc");
            }
            View::Compare => {
                q.append_pair("view", "compare");
            }
            View::Phrases => {
                q.append_pair("view", "phrases");
            }
            View::Timeline => {
                q.append_pair("view", "timeline");
            }
        }
        if self.lane == LaneBy::Country {
            q.append_pair("lane", "country");
        }
        if self.page > 1 {
            q.append_pair("page", &self.page.to_string());
        }
        if let Some(by) = self.by {
            q.append_pair("by", kwic_sort_param(by));
        }
        if let Some(doc) = &self.doc {
            q.append_pair("doc", doc);
        }
        if let Some(p) = self.p {
            q.append_pair("p", &p.to_string());
        }
        if self.text == TextMode::Original {
            q.append_pair("text", "original");
        }
        if let Some(cmp) = &self.cmp {
            q.append_pair("cmp", cmp);
        }
        if let Some(tray) = &self.tray {
            q.append_pair("tray", tray);
        }
        let q = q.finish();
        if q.is_empty() {
            q
        } else {
            format!("?{q}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_default() {
        assert_eq!(Route::parse(""), (Route::default(), vec![]));
        assert_eq!(Route::parse("?"), (Route::default(), vec![]));
        assert_eq!(Route::default().to_query(), "");
    }

    #[test]
    fn round_trips() {
        let routes = [
            Route::default(),
            Route::doc("000_b8054d8e205d4872"),
            Route {
                view: View::Doc,
                doc: Some("ünïcode/&=?#".into()),
                p: Some(12),
                text: TextMode::Original,
                ..Route::default()
            },
            Route {
                view: View::Kwic,
                search: Search {
                    q: "\"two-state solution\" OR peace* -israel & (x)".into(),
                    speakers: vec!["wang-yi".into(), "narrator".into()],
                    countries: vec!["oman".into()],
                    sources: vec!["xinhua".into()],
                    kinds: vec!["phone-call".into()],
                    from: Date::parse_iso("2021-03"),
                    to: Date::parse_iso("2023-10-10"),
                    sort: Sort::Oldest,
                },
                by: Some(KwicSort::Right2),
                ..Route::default()
            },
            Route {
                search: Search {
                    q: "a".into(),
                    sort: Sort::Newest,
                    ..Search::default()
                },
                page: 3,
                ..Route::default()
            },
            Route {
                view: View::Compare,
                cmp: Some("a,b:3".into()),
                tray: Some("c:1".into()),
                ..Route::default()
            },
            Route {
                view: View::Phrases,
                ..Route::default()
            },
            Route {
                view: View::Timeline,
                lane: LaneBy::Country,
                ..Route::default()
            },
        ];
        for r in routes {
            let (back, notices) = Route::parse(&r.to_query());
            assert_eq!(back, r);
            assert!(notices.is_empty());
        }
    }

    #[test]
    fn malformed_values_are_noticed_and_dropped() {
        let (r, n) = Route::parse("view=kwik&p=0&text=all&doc=");
        assert_eq!(r, Route::default());
        let params: Vec<&str> = n.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(params, ["view", "p", "text", "doc"]);
        assert_eq!(
            n[0].message,
            "“view=kwik” was ignored: expected list, kwic, doc, compare, phrases or timeline."
        );
        let (r, n) = Route::parse("p=-1&p=2");
        assert_eq!(r.p, None);
        assert_eq!(n.len(), 2);
    }

    #[test]
    fn search_parameters() {
        let (r, n) = Route::parse("q=peace+talks&speaker=wang-yi,%20xi-jinping,wang-yi&from=2021&to=2023-06-30&sort=newest&page=2");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(r.search.q, "peace talks");
        assert_eq!(r.search.speakers, ["wang-yi", "xi-jinping"]);
        assert_eq!(r.search.from.unwrap().to_string(), "2021");
        assert_eq!(r.search.to.unwrap().to_string(), "2023-06-30");
        assert_eq!((r.search.sort, r.page), (Sort::Newest, 2));
        let (r, n) = Route::parse("speaker=Wang%20Yi&country=oman,<b>&from=2023-13&to=yesterday&sort=best&page=0&by=middle&view=table");
        let params: Vec<&str> = n.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(
            params,
            ["speaker", "country", "from", "to", "sort", "page", "by", "view"]
        );
        // A list with one bad value keeps the good ones.
        assert_eq!(r.search.countries, ["oman"]);
        assert!(r.search.speakers.is_empty());
        assert_eq!(r.search.from, None);
        assert_eq!(
            r,
            Route {
                search: Search {
                    countries: vec!["oman".into()],
                    ..Search::default()
                },
                ..Route::default()
            }
        );
    }

    #[test]
    fn long_values_are_shortened_in_notices() {
        let long = "x".repeat(500);
        let (_, n) = Route::parse(&format!("{long}=1"));
        assert!(n[0].message.chars().count() < 100, "{}", n[0].message);
    }

    #[test]
    fn garbage_never_panics() {
        for q in [
            "%",
            "%zz=%",
            "&&&",
            "=",
            "view",
            "p=99999999999999999999",
            "doc=%00",
            "a=b=c",
        ] {
            let _ = Route::parse(q);
        }
    }

    fn corpus() -> Corpus {
        use concord_core::model::*;
        Corpus {
            documents: vec![Document {
                id: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                title_origin: TitleOrigin::FirstLine,
                date: DocDate::UNKNOWN,
                source: None,
                kind: None,
                participants: vec![],
                speaker: None,
                reflowed: false,
                countries: vec![],
                paragraphs: vec![Paragraph {
                    n: 1,
                    line: 1,
                    role: Role::Title,
                    text: "A".into(),
                    breaks: vec![],
                    label: None,
                }],
                statements: vec![],
            }],
            ..Corpus::default()
        }
    }

    #[test]
    fn checked_against_the_corpus() {
        let c = corpus();
        let i = Index::build(&c);
        let (r, n) = Route::parse("doc=zzz").0.check(&c, &i);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("doc=a&p=2").0.check(&c, &i);
        assert_eq!((r.doc.as_deref(), r.p, n.len()), (Some("a"), None, 1));
        let (r, n) = Route::parse("view=doc").0.check(&c, &i);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("view=list&p=1").0.check(&c, &i);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("doc=a&p=1&text=original").0.check(&c, &i);
        assert_eq!((r.p, r.text, n.len()), (Some(1), TextMode::Original, 0));
        // Filter values the corpus does not have are dropped; the query stays.
        let (r, n) = Route::parse("q=x&speaker=nobody,narrator&kind=call")
            .0
            .check(&c, &i);
        assert_eq!(r.search.q, "x");
        assert_eq!(r.search.speakers, ["narrator"]);
        assert!(r.search.kinds.is_empty());
        assert_eq!(n.len(), 2);
        assert_eq!(
            n[0].message,
            "This corpus has no speaker “nobody”; that filter was ignored."
        );
        // The reader's parameters leave the KWIC view; its order leaves the reader.
        let (r, n) = Route::parse("view=kwic&p=3&by=left&q=x").0.check(&c, &i);
        assert_eq!(
            (r.view, r.p, r.by, n.len()),
            (View::Kwic, None, Some(KwicSort::Left1), 1)
        );
        let (r, _) = Route::parse("doc=a&by=left&page=2").0.check(&c, &i);
        assert_eq!((r.by, r.page), (None, 1));
    }

    #[test]
    fn comparison_sides_are_read_against_the_corpus() {
        let mut c = corpus();
        let mut b = c.documents[0].clone();
        b.id = "b,c:2".into(); // ids may hold the separators
        c.documents.push(b);
        let i = Index::build(&c);
        let item = |doc: &str, p: Option<u32>| Item { doc: doc.into(), p };
        let (r, n) = Route::parse("cmp=a,a:1").0.check(&c, &i);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(r.view, View::Compare);
        assert_eq!(r.sides(&c), Ok((item("a", None), item("a", Some(1)))));
        let (r, _) = Route::parse("cmp=b%2Cc%3A2%3A1,a").0.check(&c, &i);
        assert_eq!(r.sides(&c), Ok((item("b,c:2", Some(1)), item("a", None))));
        // A missing side, paragraph or separator falls back to the list with a notice.
        for bad in [
            "cmp=a",
            "cmp=a,zzz",
            "cmp=a,a:9",
            "cmp=a,a:x",
            "view=compare",
        ] {
            let (r, n) = Route::parse(bad).0.check(&c, &i);
            assert_eq!((r.view, n.len()), (View::List, 1), "{bad}");
            assert_eq!(n[0].param, "cmp");
        }
        // The swap link is the same comparison the other way round.
        let (r, _) = Route::parse("cmp=a,a:1&q=x").0.check(&c, &i);
        let (x, y) = r.sides(&c).unwrap();
        let swapped = r.compare(&y, &x);
        assert_eq!(swapped.to_query(), "?q=x&view=compare&cmp=a%3A1%2Ca");
        // cmp outside the comparison is dropped; a bad tray item is emptied.
        let (r, n) = Route::parse("view=list&cmp=a,a&tray=a:7").0.check(&c, &i);
        assert_eq!((r.cmp, r.tray, n.len()), (None, None, 2));
        let (r, n) = Route::parse("tray=a:1").0.check(&c, &i);
        assert_eq!((r.tray.as_deref(), n.len()), (Some("a:1"), 0));
    }

    /// Property tests (natively: proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;

        /// The embedded corpus and its index, decoded natively (as the app does in the page).
        fn engine() -> &'static (Corpus, Index) {
            static ENGINE: std::sync::OnceLock<(Corpus, Index)> = std::sync::OnceLock::new();
            ENGINE.get_or_init(|| {
                let e = concord_core::embed::decode(crate::data::CORPUS_BYTES).expect("embedded");
                (e.corpus, Index::from_data(e.index))
            })
        }

        /// Links of every view of the embedded corpus, to mutate.
        fn links() -> Vec<String> {
            let (corpus, _) = engine();
            let d = &corpus.documents[0];
            let e = &corpus.documents[corpus.documents.len() - 1];
            vec![
                "?q=china+%22two-state+solution%22&speaker=narrator&from=2020&to=2023-12".into(),
                "?q=peace&view=kwic&by=left2&sort=newest&page=2".into(),
                format!("?doc={}&p=3&text=original&q=negoti*", d.id),
                format!("?view=compare&cmp={}:2,{}&tray={}", d.id, e.id, e.id),
                "?view=phrases&country=china,oman&kind=phone-call".into(),
                "?view=timeline&lane=country&source=cgtn&year=2023".into(),
            ]
        }

        /// A link that passed `check` is stable: written out and read again it is the same
        /// view, with nothing to say about it.
        fn assert_stable(query: &str) -> Result<(), proptest::test_runner::TestCaseError> {
            let (corpus, index) = engine();
            let (route, _) = Route::parse(query).0.check(corpus, index);
            let link = route.to_query();
            let (parsed, notices) = Route::parse(&link);
            proptest::prop_assert!(notices.is_empty(), "{query:?} → {link:?}: {notices:?}");
            let (again, notices) = parsed.check(corpus, index);
            proptest::prop_assert!(notices.is_empty(), "{query:?} → {link:?}: {notices:?}");
            proptest::prop_assert_eq!(&again, &route, "{:?} → {:?}", query, link);
            Ok(())
        }

        proptest::proptest! {
            #![proptest_config(proptest::test_runner::Config::with_cases(400))]

            /// Any text at all as a link: no panic, and what the app makes of it is stable.
            #[test]
            fn any_link_is_read_without_panic(query in "\\PC{0,120}") {
                assert_stable(&query)?;
            }

            /// Real links with characters inserted, removed or replaced (`%`, `&`, `=`, `,`,
            /// `:`, markup, astral and invalid percent-encodings among them).
            #[test]
            fn mutated_links_are_read_without_panic(
                base in 0usize..6,
                edits in proptest::collection::vec(
                    (0usize..200, 0usize..4, proptest::prop_oneof![
                        "[%&=,:;?#+*\"<>()0-9a-z -]{0,4}",
                        "%[0-9A-Fa-fG-Zz]{0,2}",
                        "\\PC{0,3}",
                        proptest::strategy::Just("%FF%FE".to_string()),
                        proptest::strategy::Just("<img src=x onerror=alert(1)>".to_string()),
                        proptest::strategy::Just("99999999999999999999".to_string()),
                    ]),
                    0..6,
                ),
            ) {
                let mut link = links()[base].clone();
                for (at, cut, insert) in edits {
                    let mut at = at.min(link.len());
                    while !link.is_char_boundary(at) {
                        at -= 1;
                    }
                    let mut end = (at + cut).min(link.len());
                    while !link.is_char_boundary(end) {
                        end += 1;
                    }
                    link.replace_range(at..end, &insert);
                }
                assert_stable(&link)?;
            }
        }
    }
}
