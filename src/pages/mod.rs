//! One module per view the link can name (`view=`): each draws what the engine computed for
//! the route, and changes the view state only through [`crate::route::Action`]s.
//!
//! - [`results`] — the status line and the statements of one page, grouped by document;
//! - [`kwic`] — the concordance;
//! - [`reader`] — one document, with its hits, hit navigation and dispersion strip;
//! - [`compare`] — two documents or statements side by side;
//! - [`phrases`] — recurring formulations with first and later uses;
//! - [`timeline`] — statements by date in lanes, a span chosen by dragging;
//! - [`positions`] — targets with the stances actors took on them, first and latest;
//! - [`collocates`] — the words near the query, ranked, each with the concordance of the pair;
//! - [`sets`] — two searches compared: distinctive terms, speakers, countries, formulations,
//!   and a term traced in both.

pub mod collocates;
pub mod compare;
pub mod kwic;
pub mod phrases;
pub mod positions;
pub mod reader;
pub mod results;
pub mod sets;
pub mod timeline;

pub use collocates::CollocatesView;
pub use compare::CompareView;
pub use kwic::KwicView;
pub use phrases::PhrasesView;
pub use positions::PositionsView;
pub use reader::Reader;
pub use results::ResultsView;
pub use sets::SetsView;
pub use timeline::TimelineView;

use crate::context::{Engine, Found};
use crate::route::{Route, View};
use concord_core::shard::Need;

/// What the view of `route` reads beyond its search (loaded first when the corpus is
/// sharded): the text of the statements a page shows, of the document read or of the two
/// compared, of the concordance's lines; nothing for the timeline (drawn from the table);
/// the text of the results that take positions, for the positions; nothing for the
/// collocates (the view reads the words of the search's results a block at a time, then
/// the postings of their candidates when filters leave statements out); the formulations (the view
/// loads the text of the uses it quotes); two sets, their searches and then their
/// statements' text. Parts that read more (distinctive terms, near-duplicates, exports)
/// load what they read themselves.
pub fn need(engine: &Engine, route: &Route, found: &Found) -> Need {
    let index = engine.index();
    let corpus = engine.corpus();
    let doc = |id: &str| corpus.position(id).map(|d| d as u32);
    let results = &found.results;
    match route.view {
        View::List => {
            let page = results.page(route.page as usize, results::PAGE, results::PAGE);
            Need {
                docs: page.groups.iter().map(|&(d, _)| d).collect(),
                ..Need::default()
            }
        }
        View::Doc => Need {
            docs: route.doc.as_deref().and_then(doc).into_iter().collect(),
            ..Need::default()
        },
        View::Compare => Need {
            docs: route
                .sides(&corpus)
                .map(|(a, b)| [doc(&a.doc), doc(&b.doc)].into_iter().flatten().collect())
                .unwrap_or_default(),
            ..Need::default()
        },
        // The concordance's first lines only (a common word's reads a few documents).
        View::Kwic => {
            let searcher = concord_core::Searcher::new(&corpus, &index);
            let lines = searcher.kwic_statements(&found.query, results, kwic::MAX_ROWS);
            Need::of_statements(&index, lines)
        }
        // Dates, lanes and counts are the table's: the search is all it reads.
        View::Timeline => Need::default(),
        // Only statements with positions of the stances asked are read.
        View::Positions => {
            let asked = concord_core::aggregate::positions::stances_asked(
                &found.query,
                &route.search.filters,
            );
            Need::of_statements(
                &index,
                results
                    .statement_ids()
                    .filter(|&s| index.statements[s as usize].stances & asked != 0),
            )
        }
        // The collocates read their statements' text themselves, a block at a time.
        View::Collocates => Need::default(),
        // The formulations, counted from the uses the build stored; the view loads the text
        // of the uses it quotes.
        View::Phrases => Need {
            formulas: true,
            ..Need::default()
        },
        // The formulations and both sets' searches; the view reads their statements' words
        // itself, a block at a time.
        View::Sets => [route.a.as_ref(), route.b.as_ref()]
            .into_iter()
            .flatten()
            .fold(
                Need {
                    formulas: true,
                    ..Need::default()
                },
                |need, set| need.and(Need::of_search(&index, &index.parse(&set.q))),
            ),
    }
}
