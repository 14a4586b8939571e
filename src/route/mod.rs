//! The view state that lives in the page URL, and its link format.
//!
//! Everything a user sees is described by the query string, so any view can be shared as a
//! link and restored by Back and Forward. The URL is the app's one store: a view never keeps
//! state of its own that a link should carry, and every change is an [`Action`] applied to
//! the current route ([`Route::apply`]), whose result the app navigates to.
//!
//! Parameters (documented in README.md, "Links"; their names in [`params`]):
//!
//! | parameter | values | meaning |
//! |---|---|---|
//! | `q` | query text | the search (see README, "Searching") |
//! | `speaker`, `country`, `source`, `kind`, `stance` | comma-separated slugs | filters: OR within one, AND across |
//! | `from`, `to` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` | date range, inclusive, at that precision |
//! | `sort` | `relevance` (default), `newest`, `oldest` | order of documents |
//! | `page` | a number from 1 | page of the results list |
//! | `view` | `list` (default), `kwic`, `doc`, `compare`, `phrases`, `timeline`, `positions` | which page |
//! | `by` | `left`, `left2`, `right`, `right2` | KWIC order: 1st/2nd word left or right of the keyword |
//! | `doc` | a document id | the document read (implies `view=doc`) |
//! | `p` | a paragraph number, from 1 | the paragraph to scroll to and outline |
//! | `text` | `statements` (default), `original` | the reader shows statements, or the whole original text with boilerplate |
//! | `cmp` | `A,B`, each a document id or `id:p` | the two sides of the comparison (implies `view=compare`) |
//! | `tray` | a document id or `id:p` | the item picked to be compared with the next one picked |
//! | `lane` | `speaker` (default), `country`, `stance` | the timeline's lanes |
//! | `banal` | a number from 1 to 100 | formulations: hide those whose banality is that or more |
//! | `net` | `speaker` (default), `country`, `source` | formulations: the reuse network's nodes |
//! | `a`, `b` | a list link's query string (`q=gaza&speaker=wang-yi`), percent-encoded | the two sets compared (`view=sets`) |
//! | `vs` | the same | the list: set A, kept while set B is chosen |
//! | `window` | a number from 1 to 5 (default 4) | collocates: words on either side |
//! | `rank` | `ll` (default), `logdice`, `mi` | collocates: their order |
//!
//! - [`params`] — one table per enum: link name ↔ value ↔ title;
//! - [`parse`](mod@parse) — reading a query string ([`Route::parse`]) and writing one
//!   ([`Route::to_query`]);
//! - [`check`] — a parsed route against the corpus ([`Route::check`]);
//! - [`action`] — every change of view state ([`Action`], [`Route::apply`]).
//!
//! Parsing never fails: an unknown, repeated or malformed parameter is dropped with a
//! [`Notice`] the app shows, and the rest of the link still applies. This module is pure (no
//! browser calls), so it is tested natively.

pub mod action;
pub mod check;
pub mod params;
pub mod parse;
#[cfg(test)]
mod tests;

pub use action::Action;
use concord_core::aggregate::collocates::{Rank, WINDOW_DEFAULT};
use concord_core::compare::formulas::reuse::NodeBy;
use concord_core::{Corpus, Filters, LaneBy, Sort};

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
    /// Who takes which stance on what.
    Positions,
    /// The words that keep company with the query.
    Collocates,
    /// Two sets of statements compared (`a`, `b`).
    Sets,
}

impl View {
    /// The views that share the search and the filter panel, in the order of their tabs.
    pub const TABS: [View; 6] = [
        View::List,
        View::Kwic,
        View::Collocates,
        View::Timeline,
        View::Phrases,
        View::Positions,
    ];

    /// True for the views that show the filter panel.
    pub fn has_facets(self) -> bool {
        View::TABS.contains(&self)
    }
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
    /// The facets and the date range (`years` is never set from a link: a year is a range).
    pub filters: Filters,
    pub sort: Sort,
}

impl Search {
    /// The link form of a set: the list's query string for this search, without `?`.
    pub fn set_param(&self) -> String {
        let route = Route {
            search: self.clone(),
            ..Route::default()
        };
        route.to_query().trim_start_matches('?').to_string()
    }

    /// True when any filter (facet or date) is set.
    pub fn filtered(&self) -> bool {
        self.filters != Filters::default()
    }

    /// True when there is query text to search for.
    pub fn has_query(&self) -> bool {
        !self.q.trim().is_empty()
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

/// The state of the page, as the URL says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub view: View,
    pub search: Search,
    /// Page of the results list, from 1.
    pub page: u32,
    /// KWIC order; `None` keeps result order.
    pub by: Option<concord_core::KwicSort>,
    pub doc: Option<String>,
    pub p: Option<u32>,
    pub text: TextMode,
    /// The comparison's two sides, as written in the link (`A,B`); see [`Route::sides`].
    pub cmp: Option<String>,
    /// The item waiting in the compare tray, as written in the link.
    pub tray: Option<String>,
    /// The timeline's lanes.
    pub lane: LaneBy,
    /// Formulations: hide those whose banality is this or more (1–100).
    pub banal: Option<u8>,
    /// Formulations: what the reuse network's nodes are.
    pub net: NodeBy,
    /// Sets: the two searches compared; B is missing while it is being chosen.
    pub a: Option<Search>,
    pub b: Option<Search>,
    /// The list: set A, kept while its search becomes set B.
    pub vs: Option<Search>,
    /// Collocates: words on either side of the query's terms (1–5), and their order.
    pub window: u8,
    pub rank: Rank,
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
            banal: None,
            net: NodeBy::Speaker,
            a: None,
            b: None,
            vs: None,
            window: WINDOW_DEFAULT as u8,
            rank: Rank::LogLikelihood,
        }
    }
}

/// What kind of problem a [`Notice`] reports (tests and the page's `data-kind` match on
/// this, not on the prose).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A parameter the link format does not have.
    Unknown,
    /// A parameter given more than once (the first value is used).
    Repeated,
    /// A value not of the parameter's form.
    Malformed,
    /// A value naming what this corpus does not have: a document, a paragraph, a filter
    /// value, a side of the comparison, the tray's item.
    Missing,
    /// A parameter of another view, ignored.
    OtherView,
}

impl NoticeKind {
    /// The name in the page (`data-kind`).
    pub fn name(self) -> &'static str {
        match self {
            NoticeKind::Unknown => "unknown",
            NoticeKind::Repeated => "repeated",
            NoticeKind::Malformed => "malformed",
            NoticeKind::Missing => "missing",
            NoticeKind::OtherView => "other-view",
        }
    }
}

/// A parameter of the link that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as written in the link.
    pub param: String,
    pub kind: NoticeKind,
    pub message: String,
}

impl Notice {
    pub fn new(param: &str, kind: NoticeKind, message: impl Into<String>) -> Notice {
        Notice {
            param: param.to_string(),
            kind,
            message: message.into(),
        }
    }
}

/// Longest parameter value quoted back in a notice.
const QUOTE_MAX: usize = 40;

/// A value quoted back to the user, shortened.
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

    /// The permalink of paragraph `p` of document `id` (no search).
    pub fn paragraph(id: &str, p: u32) -> Route {
        Route {
            p: Some(p),
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
            banal: self.banal.filter(|_| view == View::Phrases),
            net: if view == View::Phrases {
                self.net
            } else {
                NodeBy::Speaker
            },
            a: self.a.clone().filter(|_| view == View::Sets),
            b: self.b.clone().filter(|_| view == View::Sets),
            vs: self.vs.clone().filter(|_| view == View::List),
            window: if view == View::Collocates {
                self.window
            } else {
                WINDOW_DEFAULT as u8
            },
            rank: if view == View::Collocates {
                self.rank
            } else {
                Rank::LogLikelihood
            },
            tray: self.tray.clone(),
            ..Route::default()
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

    /// The item waiting in the tray, if it names one of the corpus.
    pub fn tray_item(&self, corpus: &Corpus) -> Option<Item> {
        self.tray
            .as_deref()
            .and_then(|t| Item::resolve(t, corpus).ok())
    }
}
