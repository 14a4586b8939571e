//! A parsed route against the corpus: what the link names must exist, and parameters of
//! another view are dropped, each with a [`Notice`]. A checked route is stable: written
//! out and read again, it checks to itself with nothing to say (a property test holds
//! this over mutated links).

use super::params::{self, name_of};
use super::{quoted, Notice, NoticeKind, Route, Search, TextMode, View};
use concord_core::aggregate::collocates::{Rank, WINDOW_DEFAULT};
use concord_core::compare::formulas::reuse::NodeBy;
use concord_core::model::Stance;
use concord_core::{Corpus, Facet, Index, LaneBy};

impl Route {
    /// Checks the route against the corpus and its index: a missing document falls back to
    /// the list, a paragraph number past the end is dropped, filter values the corpus does
    /// not have are dropped, and parameters of another view are ignored — each with a
    /// notice.
    pub fn check(mut self, corpus: &Corpus, index: &Index) -> (Route, Vec<Notice>) {
        let mut notices = Vec::new();
        self.check_filters(corpus, index, &mut notices);
        self.check_sets(corpus, index, &mut notices);
        self.check_tray(corpus, &mut notices);
        self.check_comparison(corpus, &mut notices);
        match self.view {
            View::Doc => self.check_reader(corpus, &mut notices),
            _ => self.drop_reader_parameters(&mut notices),
        }
        (self, notices)
    }

    /// Filter values the corpus does not have are dropped.
    fn check_filters(&mut self, corpus: &Corpus, index: &Index, notices: &mut Vec<Notice>) {
        for facet in Facet::ALL {
            let known = |v: &str| match facet {
                Facet::Speaker => corpus.has_speaker(v),
                Facet::Country => index.countries.iter().any(|c| c == v),
                Facet::Source => index.sources.iter().any(|(s, _)| s == v),
                Facet::Kind => index.kinds.iter().any(|k| k == v),
                Facet::Stance => Stance::of_slug(v).is_some(),
            };
            let list = self.search.filters.list_mut(facet);
            let (kept, unknown): (Vec<String>, Vec<String>) =
                list.drain(..).partition(|v| known(v));
            *list = kept;
            if !unknown.is_empty() {
                let name = name_of(params::FACETS, facet);
                let values: Vec<String> = unknown.iter().map(|v| quoted(v)).collect();
                // Stances are a closed set: an unknown one is a bad value, not a missing one.
                notices.push(if facet == Facet::Stance {
                    let all: Vec<&str> = Stance::ALL.iter().map(|s| s.slug()).collect();
                    Notice::new(
                        name,
                        NoticeKind::Malformed,
                        format!(
                            "{} is not a stance ({}); that filter was ignored.",
                            values.join(", "),
                            all.join(", ")
                        ),
                    )
                } else {
                    Notice::new(
                        name,
                        NoticeKind::Missing,
                        format!(
                            "This corpus has no {name} {}; that filter was ignored.",
                            values.join(", ")
                        ),
                    )
                });
            }
        }
    }

    /// The sets view needs set A (B may be missing while it is chosen), whose filter
    /// values must be the corpus's; its own search is the term both sets are traced by, so
    /// the route's filters do not apply there. `a` and `b` belong to the sets view, `vs` to
    /// the list.
    fn check_sets(&mut self, corpus: &Corpus, index: &Index, notices: &mut Vec<Notice>) {
        for (param, name) in [("a", "A"), ("b", "B"), ("vs", "A")] {
            let slot = match param {
                "a" => &mut self.a,
                "b" => &mut self.b,
                _ => &mut self.vs,
            };
            let Some(set) = slot.take() else { continue };
            let mut inner = Route {
                search: set,
                ..Route::default()
            };
            let mut found = Vec::new();
            inner.check_filters(corpus, index, &mut found);
            notices.extend(
                found
                    .into_iter()
                    .map(|n| Notice::new(param, n.kind, format!("In set {name}: {}", n.message))),
            );
            *slot = Some(inner.search);
        }
        if self.view == View::Sets {
            if self.a.is_none() {
                notices.push(Notice::new(
                    "view",
                    NoticeKind::Missing,
                    "“view=sets” needs a set A (“a=…”); showing the list.",
                ));
                *self = self.with_view(View::List);
            } else if self.search.filtered() {
                notices.push(Notice::new(
                    "view",
                    NoticeKind::OtherView,
                    "The sets view takes its filters from “a” and “b”; the others were ignored.",
                ));
                self.search = Search {
                    q: self.search.q.clone(),
                    ..Search::default()
                };
            }
        } else if self.a.is_some() || self.b.is_some() {
            notices.push(Notice::new(
                if self.a.is_some() { "a" } else { "b" },
                NoticeKind::OtherView,
                "“a” and “b” apply to the sets view (“view=sets”); they were ignored.",
            ));
            self.a = None;
            self.b = None;
        }
        if self.view != View::List {
            self.vs = None;
        }
    }

    /// A tray item the corpus does not have empties the tray.
    fn check_tray(&mut self, corpus: &Corpus, notices: &mut Vec<Notice>) {
        if let Some(tray) = self.tray.clone() {
            if let Err(e) = super::Item::resolve(&tray, corpus) {
                notices.push(Notice::new(
                    "tray",
                    NoticeKind::Missing,
                    format!("{e} The compare tray was emptied."),
                ));
                self.tray = None;
            }
        }
    }

    /// A comparison needs two sides the corpus has; `cmp` belongs to the comparison only.
    fn check_comparison(&mut self, corpus: &Corpus, notices: &mut Vec<Notice>) {
        if self.view == View::Compare {
            if let Err(e) = self.sides(corpus) {
                notices.push(Notice::new(
                    "cmp",
                    NoticeKind::Missing,
                    format!("{e} Showing the list."),
                ));
                *self = self.with_view(View::List);
            }
        } else if self.cmp.is_some() {
            notices.push(Notice::new(
                "cmp",
                NoticeKind::OtherView,
                "“cmp” applies to the comparison (“view=compare”); it was ignored.",
            ));
            self.cmp = None;
        }
    }

    /// The reader needs a document the corpus has, and a paragraph it has; the parameters
    /// of the list, the KWIC and the timeline are dropped.
    fn check_reader(&mut self, corpus: &Corpus, notices: &mut Vec<Notice>) {
        let Some(id) = self.doc.clone() else {
            notices.push(Notice::new(
                "view",
                NoticeKind::Missing,
                "“view=doc” needs a document (“doc=…”); showing the list.",
            ));
            *self = self.with_view(View::List);
            return;
        };
        let Some(d) = corpus.document(&id) else {
            notices.push(Notice::new(
                "doc",
                NoticeKind::Missing,
                format!("There is no document {}; showing the list.", quoted(&id)),
            ));
            *self = self.with_view(View::List);
            return;
        };
        if let Some(p) = self.p.filter(|&p| d.paragraph(p).is_none()) {
            notices.push(Notice::new(
                "p",
                NoticeKind::Missing,
                format!(
                    "This document has {} paragraphs, not {p}; showing its start.",
                    d.paragraphs.len()
                ),
            ));
            self.p = None;
        }
        self.page = 1;
        self.by = None;
        self.lane = LaneBy::Speaker;
        self.banal = None;
        self.net = NodeBy::Speaker;
        self.window = WINDOW_DEFAULT as u8;
        self.rank = Rank::LogLikelihood;
    }

    /// Outside the reader, its parameters are dropped, and each view keeps only its own.
    fn drop_reader_parameters(&mut self, notices: &mut Vec<Notice>) {
        if self.doc.is_some() || self.p.is_some() || self.text != TextMode::default() {
            notices.push(Notice::new(
                "view",
                NoticeKind::OtherView,
                "“doc”, “p” and “text” apply to the reader, not this view; they were ignored.",
            ));
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
        if self.view != View::Phrases {
            self.banal = None;
            self.net = NodeBy::Speaker;
        }
        if self.view != View::Collocates {
            self.window = WINDOW_DEFAULT as u8;
            self.rank = Rank::LogLikelihood;
        }
        if self.view != View::List {
            self.page = 1;
        }
    }
}
