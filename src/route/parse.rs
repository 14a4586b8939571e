//! The link format both ways: a query string read into a [`Route`] with notices for what
//! could not be applied, and a route written back as the one query string for it.

use super::params::{self, expected, name_of, value_of, Name};
use super::{quoted, Notice, NoticeKind, Route, Search, TextMode, View};
use concord_core::aggregate::collocates::{Rank, WINDOW_DEFAULT};
use concord_core::text::is_slug;
use concord_core::{Date, Sort};

impl Route {
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
            if key.is_empty() && value.is_empty() {
                continue;
            }
            if seen.iter().any(|k| *k == key) {
                notices.push(Notice::new(
                    &key,
                    NoticeKind::Repeated,
                    format!(
                        "{} appears more than once; the first value was used.",
                        quoted(&key)
                    ),
                ));
                continue;
            }
            seen.push(key.to_string());
            view_given |= key == "view";
            if let Some(slot) = route.set_slot(&key) {
                let (search, problems) = Search::parse_set(&value);
                *slot = Some(search);
                let name = if key == "b" { "B" } else { "A" };
                notices.extend(
                    problems.into_iter().map(|n| {
                        Notice::new(&key, n.kind, format!("In set {name}: {}", n.message))
                    }),
                );
                continue;
            }
            match route.set(&key, &value) {
                Ok(()) => {}
                Err(Problem::Unknown) => notices.push(Notice::new(
                    &key,
                    NoticeKind::Unknown,
                    format!("Unknown link parameter {} was ignored.", quoted(&key)),
                )),
                Err(Problem::Expected(what)) => {
                    if key == "view" {
                        view_given = false;
                    }
                    notices.push(Notice::new(
                        &key,
                        NoticeKind::Malformed,
                        format!(
                            "“{}={}” was ignored: expected {what}.",
                            quoted(&key).trim_matches(['“', '”']),
                            quoted(&value).trim_matches(['“', '”'])
                        ),
                    ))
                }
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

    /// The field of a set parameter (`a`, `b`, `vs`).
    fn set_slot(&mut self, key: &str) -> Option<&mut Option<Search>> {
        match key {
            "a" => Some(&mut self.a),
            "b" => Some(&mut self.b),
            "vs" => Some(&mut self.vs),
            _ => None,
        }
    }

    /// Applies one parameter. A facet list with a bad value keeps its good ones (and is
    /// still reported).
    fn set(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        let number = |what: &str| match value.parse::<u32>() {
            Ok(n) if n >= 1 && value.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(Problem::Expected(format!("a {what} number from 1"))),
        };
        let text = |what: &str| {
            (!value.is_empty())
                .then(|| value.to_string())
                .ok_or_else(|| Problem::Expected(what.to_string()))
        };
        let date = || {
            Date::parse_iso(value)
                .ok_or_else(|| Problem::Expected("a date as YYYY, YYYY-MM or YYYY-MM-DD".into()))
        };
        let filters = &mut self.search.filters;
        match key {
            "q" => self.search.q = value.to_string(),
            "from" => filters.from = Some(date()?),
            "to" => filters.to = Some(date()?),
            "sort" => self.search.sort = named(params::SORTS, value)?,
            "page" => self.page = number("page")?,
            "by" => self.by = Some(named(params::KWIC_SORTS, value)?),
            "view" => self.view = named(params::VIEWS, value)?,
            "doc" => self.doc = Some(text("a document id")?),
            "p" => self.p = Some(number("paragraph")?),
            "lane" => self.lane = named(params::LANES, value)?,
            "net" => self.net = named(params::NETS, value)?,
            "rank" => self.rank = named(params::RANKS, value)?,
            "window" => {
                self.window = match value.parse::<u8>() {
                    Ok(n @ 1..=5) if value.bytes().all(|b| b.is_ascii_digit()) => n,
                    _ => return Err(Problem::Expected("a number from 1 to 5".into())),
                }
            }
            "banal" => {
                self.banal = Some(match value.parse::<u8>() {
                    Ok(n @ 1..=100) if value.bytes().all(|b| b.is_ascii_digit()) => n,
                    _ => return Err(Problem::Expected("a number from 1 to 100".into())),
                })
            }
            "cmp" => self.cmp = Some(text("two items separated by a comma")?),
            "tray" => self.tray = Some(text("a document id or id:paragraph")?),
            "text" => self.text = named(params::TEXT_MODES, value)?,
            _ => {
                let facet = value_of(params::FACETS, key).ok_or(Problem::Unknown)?;
                let (list, wrong) = slugs(value);
                let empty = list.is_empty();
                *filters.list_mut(facet) = list;
                if wrong || empty {
                    return Err(Problem::Expected(
                        "comma-separated names in lower case with hyphens, such as wang-yi".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The query string for this route, starting with `?`, or empty for the default view.
    /// Parameters come in a fixed order so equal routes give equal links.
    ///
    /// ```
    /// use concord::route::Route;
    /// let r = Route::paragraph("a b", 4);
    /// assert_eq!(r.to_query(), "?view=doc&doc=a+b&p=4");
    /// assert_eq!(Route::parse(&r.to_query()).0, r);
    /// ```
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        let s = &self.search;
        if !s.q.is_empty() {
            q.append_pair("q", &s.q);
        }
        for facet in params::FACETS {
            let list = s.filters.list(facet.value);
            if !list.is_empty() {
                q.append_pair(facet.name, &list.join(","));
            }
        }
        if let Some(d) = s.filters.from {
            q.append_pair("from", &d.to_string());
        }
        if let Some(d) = s.filters.to {
            q.append_pair("to", &d.to_string());
        }
        if s.sort != Sort::default() {
            q.append_pair("sort", name_of(params::SORTS, s.sort));
        }
        if self.view != View::List {
            q.append_pair("view", name_of(params::VIEWS, self.view));
        }
        if self.lane != Default::default() {
            q.append_pair("lane", name_of(params::LANES, self.lane));
        }
        if self.net != Default::default() {
            q.append_pair("net", name_of(params::NETS, self.net));
        }
        if let Some(banal) = self.banal {
            q.append_pair("banal", &banal.to_string());
        }
        if usize::from(self.window) != WINDOW_DEFAULT {
            q.append_pair("window", &self.window.to_string());
        }
        if self.rank != Rank::default() {
            q.append_pair("rank", name_of(params::RANKS, self.rank));
        }
        for (name, set) in [("a", &self.a), ("b", &self.b), ("vs", &self.vs)] {
            if let Some(set) = set {
                q.append_pair(name, &set.set_param());
            }
        }
        if self.page > 1 {
            q.append_pair("page", &self.page.to_string());
        }
        if let Some(by) = self.by {
            q.append_pair("by", name_of(params::KWIC_SORTS, by));
        }
        if let Some(doc) = &self.doc {
            q.append_pair("doc", doc);
        }
        if let Some(p) = self.p {
            q.append_pair("p", &p.to_string());
        }
        if self.text != TextMode::default() {
            q.append_pair("text", name_of(params::TEXT_MODES, self.text));
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

/// The parameters a set (`a`, `b`, `vs`) may hold: the list's search and filters.
const SET_PARAMS: &[&str] = &[
    "q", "speaker", "country", "source", "kind", "stance", "from", "to", "sort",
];

impl Search {
    /// Reads a set: a list link's query string (`q=gaza&speaker=wang-yi`), and what could
    /// not be applied (a parameter of another kind than the search's is one).
    ///
    /// ```
    /// use concord::route::Search;
    /// let (s, problems) = Search::parse_set("q=gaza&speaker=wang-yi&view=kwic");
    /// assert_eq!((s.q.as_str(), s.filters.speakers.len()), ("gaza", 1));
    /// assert_eq!(problems[0].param, "view");
    /// assert_eq!(Search::parse_set(&s.set_param()).0, s);
    /// ```
    pub fn parse_set(value: &str) -> (Search, Vec<Notice>) {
        let mut kept = form_urlencoded::Serializer::new(String::new());
        let mut problems = Vec::new();
        for (k, v) in form_urlencoded::parse(value.trim_start_matches('?').as_bytes()) {
            if SET_PARAMS.contains(&k.as_ref()) {
                kept.append_pair(&k, &v);
            } else if !(k.is_empty() && v.is_empty()) {
                problems.push(Notice::new(
                    &k,
                    NoticeKind::Malformed,
                    format!(
                        "{} is not part of a set's search; it was ignored.",
                        quoted(&k)
                    ),
                ));
            }
        }
        let (route, more) = Route::parse(&kept.finish());
        problems.extend(more);
        (route.search, problems)
    }
}

/// The value a link name stands for, or what the parameter expects.
fn named<T: Copy>(table: &'static [Name<T>], value: &str) -> Result<T, Problem> {
    value_of(table, value).ok_or_else(|| Problem::Expected(expected(table)))
}

/// Why a parameter was not applied.
enum Problem {
    Unknown,
    /// The value is not of the form the parameter takes (what it takes).
    Expected(String),
}

/// The slugs of a comma-separated list (trimmed, deduplicated, in order), and whether any
/// value was not a slug.
fn slugs(value: &str) -> (Vec<String>, bool) {
    let mut list: Vec<String> = Vec::new();
    let mut wrong = false;
    for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
        if !is_slug(v) {
            wrong = true;
        } else if !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    }
    (list, wrong)
}
