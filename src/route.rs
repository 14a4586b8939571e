//! The view state that lives in the page URL, and its link format.
//!
//! Everything a user sees is described by the query string, so any view can be shared as a
//! link and restored by Back and Forward. Parameters (documented in README.md, "Links"):
//!
//! | parameter | values | meaning |
//! |---|---|---|
//! | `view` | `list` (default), `doc` | which page |
//! | `doc` | a document id | the document read (implies `view=doc`) |
//! | `p` | a paragraph number, from 1 | the paragraph to scroll to and outline |
//! | `text` | `statements` (default), `original` | the reader shows statements, or the whole original text with boilerplate |
//!
//! Parsing never fails: an unknown, repeated or malformed parameter is dropped with a
//! [`Notice`] the app shows, and the rest of the link still applies. This module is pure (no
//! browser calls), so it is tested natively.

use concord_core::model::Corpus;

/// Which page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    List,
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

/// The state of the page, as the URL says it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: View,
    pub doc: Option<String>,
    pub p: Option<u32>,
    pub text: TextMode,
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

impl Route {
    /// The route for reading document `id`.
    pub fn doc(id: &str) -> Route {
        Route {
            view: View::Doc,
            doc: Some(id.to_string()),
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
                    message: format!("“{key}” appears more than once; the first value was used."),
                    param: key,
                });
                continue;
            }
            seen.push(key.clone());
            let mut bad = |expected: &str| {
                notices.push(Notice {
                    message: format!(
                        "“{key}={}” was ignored: expected {expected}.",
                        quoted(&value).trim_matches(['“', '”'])
                    ),
                    param: key.clone(),
                })
            };
            match key.as_str() {
                "view" => match value.as_str() {
                    "list" => {
                        route.view = View::List;
                        view_given = true;
                    }
                    "doc" => {
                        route.view = View::Doc;
                        view_given = true;
                    }
                    _ => bad("list or doc"),
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

    /// Checks the route against the corpus: a missing document falls back to the list, a
    /// paragraph number past the end is dropped, each with a notice.
    pub fn check(mut self, corpus: &Corpus) -> (Route, Vec<Notice>) {
        let mut notices = Vec::new();
        match (self.view, self.doc.as_deref()) {
            (View::Doc, None) => {
                notices.push(Notice {
                    param: "view".into(),
                    message: "“view=doc” needs a document (“doc=…”); showing the list.".into(),
                });
                self = Route::default();
            }
            (View::Doc, Some(id)) => match corpus.document(id) {
                None => {
                    notices.push(Notice {
                        param: "doc".into(),
                        message: format!("There is no document {}; showing the list.", quoted(id)),
                    });
                    self = Route::default();
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
                }
            },
            (View::List, _) => {
                if self.doc.is_some() || self.p.is_some() || self.text != TextMode::default() {
                    notices.push(Notice {
                        param: "view".into(),
                        message: "“doc”, “p” and “text” apply to the reader, not the list; they were ignored.".into(),
                    });
                    self = Route::default();
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
        if self.view == View::Doc {
            q.append_pair("view", "doc");
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
            "“view=kwik” was ignored: expected list or doc."
        );
        let (r, n) = Route::parse("p=-1&p=2");
        assert_eq!(r.p, None);
        assert_eq!(n.len(), 2);
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
        let (r, n) = Route::parse("doc=zzz").0.check(&c);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("doc=a&p=2").0.check(&c);
        assert_eq!((r.doc.as_deref(), r.p, n.len()), (Some("a"), None, 1));
        let (r, n) = Route::parse("view=doc").0.check(&c);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("view=list&p=1").0.check(&c);
        assert_eq!((r, n.len()), (Route::default(), 1));
        let (r, n) = Route::parse("doc=a&p=1&text=original").0.check(&c);
        assert_eq!((r.p, r.text, n.len()), (Some(1), TextMode::Original, 0));
    }
}
