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
//! | `view` | `list` (default), `kwic`, `doc` | which page |
//! | `by` | `left`, `left2`, `right`, `right2` | KWIC order: 1st/2nd word left or right of the keyword |
//! | `doc` | a document id | the document read (implies `view=doc`) |
//! | `p` | a paragraph number, from 1 | the paragraph to scroll to and outline |
//! | `text` | `statements` (default), `original` | the reader shows statements, or the whole original text with boilerplate |
//!
//! Parsing never fails: an unknown, repeated or malformed parameter is dropped with a
//! [`Notice`] the app shows, and the rest of the link still applies. This module is pure (no
//! browser calls), so it is tested natively.

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

    /// This route's search in another view (page, document and paragraph dropped).
    pub fn with_view(&self, view: View) -> Route {
        Route {
            view,
            search: self.search.clone(),
            by: if view == View::Kwic { self.by } else { None },
            ..Route::default()
        }
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
                    _ => bad("list, kwic or doc"),
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
                }
            },
            (View::List | View::Kwic, _) => {
                if reader_only(&self) {
                    notices.push(Notice {
                        param: "view".into(),
                        message: "“doc”, “p” and “text” apply to the reader, not this view; they were ignored.".into(),
                    });
                    self.doc = None;
                    self.p = None;
                    self.text = TextMode::default();
                }
                if self.view == View::List {
                    self.by = None;
                } else {
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
            "“view=kwik” was ignored: expected list, kwic or doc."
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
                date: DocDate::UNKNOWN,
                source: None,
                kind: None,
                participants: vec![],
                countries: vec![],
                paragraphs: vec![Paragraph {
                    n: 1,
                    line: 1,
                    role: Role::Title,
                    text: "A".into(),
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
}
