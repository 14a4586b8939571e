//! The link format's tests: parsing, writing, checking against a corpus, and properties over
//! mutated links.

use super::*;
use concord_core::{Date, Filters, Index, KwicSort};

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
                filters: Filters {
                    speakers: vec!["wang-yi".into(), "narrator".into()],
                    countries: vec!["oman".into()],
                    sources: vec!["xinhua".into()],
                    kinds: vec!["phone-call".into()],
                    from: Date::parse_iso("2021-03"),
                    to: Date::parse_iso("2023-10-10"),
                    ..Filters::default()
                },
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
            view: View::Collocates,
            search: Search {
                q: "sovereignty".into(),
                ..Search::default()
            },
            window: 2,
            rank: concord_core::aggregate::collocates::Rank::LogDice,
            ..Route::default()
        },
        Route {
            view: View::Sets,
            search: Search {
                q: "ceasefire".into(),
                ..Search::default()
            },
            a: Some(Search {
                q: "gaza & \"two-state\"".into(),
                filters: Filters {
                    speakers: vec!["wang-yi".into()],
                    from: Date::parse_iso("2021"),
                    ..Filters::default()
                },
                ..Search::default()
            }),
            b: Some(Search::default()),
            ..Route::default()
        },
        Route {
            vs: Some(Search {
                q: "peace".into(),
                ..Search::default()
            }),
            ..Route::default()
        },
        Route {
            view: View::Phrases,
            banal: Some(60),
            net: concord_core::compare::formulas::reuse::NodeBy::Source,
            ..Route::default()
        },
        Route {
            view: View::Timeline,
            lane: LaneBy::Country,
            ..Route::default()
        },
        Route {
            view: View::Timeline,
            lane: LaneBy::Stance,
            ..Route::default()
        },
        Route {
            view: View::Positions,
            search: Search {
                q: "gaza".into(),
                filters: Filters {
                    stances: vec!["opposes".into(), "calls-for".into()],
                    ..Filters::default()
                },
                ..Search::default()
            },
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
    assert!(n.iter().all(|n| n.kind == NoticeKind::Malformed), "{n:?}");
    assert_eq!(
        n[0].message,
        "“view=kwik” was ignored: expected list, kwic, doc, compare, phrases, timeline, positions, collocates or sets."
    );
    let (r, n) = Route::parse("p=-1&p=2");
    assert_eq!(r.p, None);
    assert_eq!(n.len(), 2);
    let kinds: Vec<NoticeKind> = n.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NoticeKind::Malformed, NoticeKind::Repeated]);
    let (_, n) = Route::parse("x=1");
    assert_eq!(n[0].kind, NoticeKind::Unknown);
    // The formulations' controls: a banality from 1 to 100, a node kind of the network.
    for bad in ["banal=0", "banal=101", "banal=+5", "banal=x", "net=people"] {
        let (r, n) = Route::parse(bad);
        assert_eq!((r, n.len()), (Route::default(), 1), "{bad}");
        assert_eq!(n[0].kind, NoticeKind::Malformed, "{bad}");
    }
    assert_eq!(
        Route::parse("banal=0").1[0].message,
        "“banal=0” was ignored: expected a number from 1 to 100."
    );
    assert_eq!(Route::parse("view=phrases&banal=100").0.banal, Some(100));
    // Collocates: a window from 1 to 5, a rank by name.
    for bad in ["window=0", "window=6", "window=x", "rank=g2"] {
        let (r, n) = Route::parse(bad);
        assert_eq!((r, n.len()), (Route::default(), 1), "{bad}");
        assert_eq!(n[0].kind, NoticeKind::Malformed, "{bad}");
    }
}

/// A set is a list link's query string, percent-encoded: the example reads back,
/// and a bad part of a set is a notice that names the set and the part.
#[test]
fn sets_are_list_links() {
    let (r, n) =
        Route::parse("view=sets&a=q%3Dgaza%26speaker%3Dwang-yi&b=q%3Dgaza%26speaker%3Dzhai-jun");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(r.view, View::Sets);
    let (a, b) = (r.a.clone().unwrap(), r.b.clone().unwrap());
    assert_eq!(
        (a.q.as_str(), a.filters.speakers.clone()),
        ("gaza", vec!["wang-yi".to_string()])
    );
    assert_eq!(b.filters.speakers, ["zhai-jun"]);
    assert_eq!(
        r.to_query(),
        "?view=sets&a=q%3Dgaza%26speaker%3Dwang-yi&b=q%3Dgaza%26speaker%3Dzhai-jun"
    );
    let (r, n) = Route::parse("view=sets&a=q%3Dx%26page%3D2%26from%3D20x&b=");
    assert_eq!(r.a.unwrap().q, "x");
    assert_eq!(r.b, Some(Search::default()));
    let said: Vec<(&str, &str)> = n
        .iter()
        .map(|n| (n.param.as_str(), n.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "a",
                "In set A: “page” is not part of a set's search; it was ignored."
            ),
            (
                "a",
                "In set A: “from=20x” was ignored: expected a date as YYYY, YYYY-MM or YYYY-MM-DD."
            ),
        ]
    );
}

#[test]
fn search_parameters() {
    let (r, n) = Route::parse("q=peace+talks&speaker=wang-yi,%20xi-jinping,wang-yi&from=2021&to=2023-06-30&sort=newest&page=2");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(r.search.q, "peace talks");
    assert_eq!(r.search.filters.speakers, ["wang-yi", "xi-jinping"]);
    assert_eq!(r.search.filters.from.unwrap().to_string(), "2021");
    assert_eq!(r.search.filters.to.unwrap().to_string(), "2023-06-30");
    assert_eq!((r.search.sort, r.page), (Sort::Newest, 2));
    let (r, n) = Route::parse("speaker=Wang%20Yi&country=oman,<b>&from=2023-13&to=yesterday&sort=best&page=0&by=middle&view=table");
    let params: Vec<&str> = n.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(
        params,
        ["speaker", "country", "from", "to", "sort", "page", "by", "view"]
    );
    // A list with one bad value keeps the good ones.
    assert_eq!(r.search.filters.countries, ["oman"]);
    assert!(r.search.filters.speakers.is_empty());
    assert_eq!(r.search.filters.from, None);
    assert_eq!(
        r,
        Route {
            search: Search {
                filters: Filters {
                    countries: vec!["oman".into()],
                    ..Filters::default()
                },
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
    assert_eq!(r.search.filters.speakers, ["narrator"]);
    assert!(r.search.filters.kinds.is_empty());
    assert_eq!(n.len(), 2);
    assert_eq!(
        n[0].message,
        "This corpus has no speaker “nobody”; that filter was ignored."
    );
    assert!(n.iter().all(|n| n.kind == NoticeKind::Missing), "{n:?}");
    // The reader's parameters leave the KWIC view; its order leaves the reader.
    let (r, n) = Route::parse("view=kwic&p=3&by=left&q=x").0.check(&c, &i);
    assert_eq!(
        (r.view, r.p, r.by, n.len()),
        (View::Kwic, None, Some(KwicSort::Left1), 1)
    );
    assert_eq!(n[0].kind, NoticeKind::OtherView);
    let (r, _) = Route::parse("doc=a&by=left&page=2").0.check(&c, &i);
    assert_eq!((r.by, r.page), (None, 1));
    // The sets view needs set A; its filters are its sets'; a and b leave other views,
    // and a set's filter values must be the corpus's.
    let (r, n) = Route::parse("view=sets&b=q%3Dx").0.check(&c, &i);
    assert_eq!((r.view, r.b.clone(), n.len()), (View::List, None, 1));
    let (r, n) = Route::parse("view=sets&a=q%3Dx&speaker=narrator")
        .0
        .check(&c, &i);
    assert_eq!(
        (r.view, r.search.filtered(), n.len()),
        (View::Sets, false, 1)
    );
    assert_eq!(n[0].kind, NoticeKind::OtherView);
    let (r, n) = Route::parse("view=kwic&a=q%3Dx").0.check(&c, &i);
    assert_eq!((r.a, n[0].param.as_str()), (None, "a"));
    let (r, n) = Route::parse("view=sets&a=speaker%3Dnobody%2Cnarrator")
        .0
        .check(&c, &i);
    assert_eq!(r.a.unwrap().filters.speakers, ["narrator"]);
    assert_eq!(
        (n[0].param.as_str(), n[0].message.as_str()),
        (
            "a",
            "In set A: This corpus has no speaker “nobody”; that filter was ignored."
        )
    );
    // The collocates' controls leave other views too.
    let (r, _) = Route::parse("view=kwic&window=2&rank=mi").0.check(&c, &i);
    assert_eq!(r.to_query(), "?view=kwic");
    // The formulations' controls leave every other view.
    let (r, n) = Route::parse("view=kwic&banal=60&net=source")
        .0
        .check(&c, &i);
    assert_eq!((r.banal, r.net, n.len()), (None, Default::default(), 0));
    let (r, n) = Route::parse("view=phrases&banal=60&net=source")
        .0
        .check(&c, &i);
    assert_eq!(
        (r.banal, r.to_query().as_str(), n.len()),
        (Some(60), "?view=phrases&net=source&banal=60", 0)
    );
    // Stances are a closed set: an unknown one is malformed, a known one stays.
    let (r, n) = Route::parse("view=positions&stance=opposes,praises")
        .0
        .check(&c, &i);
    assert_eq!(
        (r.view, r.search.filters.stances.clone()),
        (View::Positions, vec!["opposes".to_string()])
    );
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].kind, NoticeKind::Malformed);
    assert_eq!(
        n[0].message,
        "“praises” is not a stance (supports, opposes, calls-for, welcomes, condemns, rejects, concerned); that filter was ignored."
    );
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
    let swapped = r.apply(Action::Compare(y, x));
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
            "?view=phrases&country=china,oman&kind=phone-call&banal=60&net=country".into(),
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
