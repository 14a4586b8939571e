//! Positions in the browser: the positions view, the `stance` filter and facet, the reader's
//! positions and the timeline's stance lanes, each checked against the engine on the corpus
//! the app embeds (no corpus knowledge: the stances and documents are found with the engine).

use crate::support::{
    corpus, expected, find, find_all, index, location, run, status, status_is, title_is, url,
};
use concord_core::aggregate::positions::{stances_asked, Positions, Use};
use concord_core::aggregate::timeline::LaneBy;
use concord_core::model::Stance;
use concord_core::query::{parse, Filters, Searcher, Sort};
use fantoccini::elements::Element;
use fantoccini::Locator;

fn searcher() -> Searcher<'static> {
    Searcher::new(corpus(), index())
}

/// The positions the engine finds for `q` under `filters`, as the view computes them.
fn positions_of(q: &str, filters: &Filters) -> Positions {
    let query = index().parse_typed(q);
    let r = searcher().search(&query, filters, Sort::Relevance);
    searcher().positions(r.statement_ids(), stances_asked(&query, filters))
}

/// A use's DOM contract: (data-stance, data-actor, data-doc, data-p) and its target text.
fn contract(u: Use) -> (String, String, String, String, String) {
    let pos = searcher().position(u).unwrap().clone();
    let st = &index().statements[u.stmt as usize];
    (
        pos.stance.slug().to_string(),
        pos.actor.slug(&corpus().people).to_string(),
        corpus().documents[st.doc as usize].id.clone(),
        st.p.to_string(),
        searcher().target_text(u).to_string(),
    )
}

async fn contract_of(el: &Element) -> (String, String, String, String, String) {
    let attr = |name: &'static str| {
        let el = el.clone();
        async move { el.attr(name).await.unwrap().unwrap_or_default() }
    };
    // Its text content: uses in a closed <details> are not rendered, so have no text().
    let target = el
        .find(Locator::Css("q.target-text"))
        .await
        .unwrap()
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    (
        attr("data-stance").await,
        attr("data-actor").await,
        attr("data-doc").await,
        attr("data-p").await,
        target,
    )
}

/// The stance taken in the fewest statements (at least one), for filters that narrow.
fn rarest_stance() -> Option<Stance> {
    let r = searcher().search(&parse(""), &Filters::default(), Sort::Relevance);
    r.facets
        .stance
        .last()
        .and_then(|(slug, _)| Stance::of_slug(slug))
}

#[tokio::test]
async fn the_positions_view_shows_each_target_with_its_uses_as_the_engine_finds_them() {
    let all = positions_of("", &Filters::default());
    run(move |c| async move {
        c.goto(&url("?view=positions")).await.unwrap();
        find(&c, "h1#positions-title").await;
        title_is(&c, "Positions — Concord").await;
        let groups = find_all(&c, "li.target-group").await;
        assert_eq!(groups.len(), all.groups.len().min(100));
        let Some(top) = all.groups.first() else {
            return; // a corpus without positions lists none
        };
        assert_eq!(groups[0].attr("data-key").await.unwrap().unwrap(), top.key);
        let label = groups[0].find(Locator::Css("h2 a")).await.unwrap();
        assert_eq!(label.text().await.unwrap(), top.label);
        // The stance table: one row per actor and stance, with its uses.
        let rows = groups[0]
            .find_all(Locator::Css("table.stances tbody tr"))
            .await
            .unwrap();
        assert_eq!(rows.len(), top.rows.len());
        // Every use drawn keeps the DOM contract, in the engine's order.
        let uses = groups[0]
            .find_all(Locator::Css("li.position"))
            .await
            .unwrap();
        assert_eq!(uses.len(), top.uses.len().min(20));
        for (el, u) in uses.iter().zip(&top.uses) {
            assert_eq!(contract_of(el).await, contract(*u));
        }
        // Choosing the target searches for it.
        label.click().await.unwrap();
        find(&c, "section.results").await;
        let q = format!("\"{}\"", top.key);
        let (n, d, _) = expected(&q, &Filters::default(), Sort::Relevance);
        status_is(&c, &status(n, d)).await;
    })
    .await;
}

#[tokio::test]
async fn a_stance_link_keeps_only_its_positions_and_filters_the_statements() {
    let Some(stance) = rarest_stance() else {
        return;
    };
    let filters = Filters {
        stances: vec![stance.slug().to_string()],
        ..Filters::default()
    };
    let only = positions_of("", &filters);
    let (n, d, _) = expected("", &filters, Sort::Relevance);
    let counts = searcher()
        .search(&parse(""), &Filters::default(), Sort::Relevance)
        .facets
        .stance;
    run(move |c| async move {
        let link = format!("?view=positions&stance={}", stance.slug());
        c.goto(&url(&link)).await.unwrap();
        find(&c, "h1#positions-title").await;
        let uses = find_all(&c, "li.position").await;
        let drawn: usize = only
            .groups
            .iter()
            .take(100)
            .map(|g| g.uses.len().min(20))
            .sum();
        assert_eq!(uses.len(), drawn);
        for el in &uses {
            assert_eq!(
                el.attr("data-stance").await.unwrap().as_deref(),
                Some(stance.slug())
            );
        }
        // The facet counts every stance (a filter does not count against its own facet),
        // and the chosen value is ticked.
        let facet = find_all(&c, "fieldset[data-facet=stance] li").await;
        assert_eq!(facet.len(), counts.len());
        for (li, (slug, count)) in facet.iter().zip(&counts) {
            let input = li.find(Locator::Css("input")).await.unwrap();
            assert_eq!(
                input.attr("data-value").await.unwrap().as_deref(),
                Some(slug.as_str())
            );
            let shown = li
                .find(Locator::Css(".n"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(shown.starts_with(&count.to_string()), "{slug}: {shown}");
            assert_eq!(
                input.prop("checked").await.unwrap().as_deref() == Some("true"),
                slug == stance.slug()
            );
        }
        // The list under the same link shows the statements taking that stance; so does the
        // query field.
        c.goto(&url(&format!("?stance={}", stance.slug())))
            .await
            .unwrap();
        status_is(&c, &status(n, d)).await;
        c.goto(&url(&format!("?q=stance%3A{}", stance.slug())))
            .await
            .unwrap();
        status_is(&c, &status(n, d)).await;
        // Unticking it in the facet panel drops the parameter from the link.
        c.goto(&url(&link)).await.unwrap();
        find(&c, "h1#positions-title").await;
        crate::support::click(
            &c,
            &format!(
                "fieldset[data-facet=stance] input[data-value={}]",
                stance.slug()
            ),
        )
        .await;
        crate::support::until(&c, "the stance parameter goes", |c| async move {
            !location(&c).await.1.contains("stance=")
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn the_reader_lists_each_statements_positions() {
    // The document with the most positions.
    let Some(doc) = corpus()
        .documents
        .iter()
        .max_by_key(|d| {
            d.statements
                .iter()
                .map(|s| s.positions.len())
                .sum::<usize>()
        })
        .filter(|d| d.statements.iter().any(|s| !s.positions.is_empty()))
    else {
        return;
    };
    let want: Vec<(String, String, String, String, String)> = doc
        .statements
        .iter()
        .flat_map(|s| {
            let text = &doc.paragraph(s.p).unwrap().text;
            s.positions.iter().map(move |pos| {
                (
                    pos.stance.slug().to_string(),
                    pos.actor.slug(&corpus().people).to_string(),
                    doc.id.clone(),
                    s.p.to_string(),
                    text[pos.target.0 as usize..pos.target.1 as usize].to_string(),
                )
            })
        })
        .collect();
    let id = doc.id.clone();
    run(move |c| async move {
        c.goto(&url(&format!("?doc={id}"))).await.unwrap();
        find(&c, "article.statement").await;
        let els = find_all(&c, "article.statement ul.positions li.position").await;
        let mut got = Vec::new();
        for el in &els {
            got.push(contract_of(el).await);
        }
        assert_eq!(got, want);
    })
    .await;
}

#[tokio::test]
async fn the_timeline_has_a_lane_for_each_stance() {
    let t = searcher().timeline(&[], &Filters::default(), LaneBy::Stance);
    run(move |c| async move {
        c.goto(&url("?view=timeline&lane=stance")).await.unwrap();
        find(&c, "svg.timeline-chart").await;
        assert_eq!(
            find_all(&c, "svg.timeline-chart .mark").await.len(),
            t.marks.len()
        );
        let status = find(&c, "section.timeline [role=status]")
            .await
            .text()
            .await
            .unwrap();
        assert!(status.contains("by stance"), "{status}");
        assert!(
            status.contains(&format!("in {} lanes", t.lanes.len())),
            "{status}"
        );
    })
    .await;
}

/// The issue's own check, on the seeds (the corpus `make test-e2e` builds): China's stance
/// on the two-state solution, with its first use. The figures come from the engine; only
/// the phrase is the seeds'.
#[tokio::test]
async fn the_seeds_show_chinas_stance_on_the_two_state_solution_with_its_first_use() {
    let all = positions_of("", &Filters::default());
    let group = all
        .groups
        .iter()
        .find(|g| g.key == "two state solution")
        .expect("the seeds state positions on the two-state solution")
        .clone();
    let china = group
        .rows
        .iter()
        .find(|r| r.actor.slug(&corpus().people) == "china")
        .expect("China takes a stance on it")
        .clone();
    let first = contract(china.uses[0]);
    let opposes = Filters {
        stances: vec!["opposes".into()],
        ..Filters::default()
    };
    let (n, d, _) = expected("", &opposes, Sort::Relevance);
    let (all_n, _, _) = expected("", &Filters::default(), Sort::Relevance);
    assert!(
        0 < n && n < all_n,
        "stance=opposes narrows the seeds' statements"
    );
    run(move |c| async move {
        // stance=opposes narrows the results.
        c.goto(&url("?stance=opposes")).await.unwrap();
        status_is(&c, &status(n, d)).await;
        c.goto(&url("?view=positions")).await.unwrap();
        let li = find(&c, "li.target-group[data-key='two state solution']").await;
        let label = li
            .find(Locator::Css("h2 a"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(label, group.label);
        assert!(label.contains("two-state solution"), "{label}");
        // The stance table's row for China: its stance, count, first and latest date.
        let mut found = false;
        for row in li
            .find_all(Locator::Css("table.stances tbody tr"))
            .await
            .unwrap()
        {
            let cells = row.find_all(Locator::Css("td")).await.unwrap();
            let mut text = Vec::new();
            for cell in &cells {
                text.push(cell.text().await.unwrap());
            }
            if text[0] == "China" && text[1] == china.stance.label() {
                assert_eq!(text[2], china.uses.len().to_string());
                assert_eq!(text[3], concord::format::day(china.first));
                assert_eq!(text[4], concord::format::day(china.latest));
                found = true;
            }
        }
        assert!(found, "a row for China's stance");
        // Its first use, in the list of uses, with the DOM contract; it opens the reader.
        let uses = li.find_all(Locator::Css("li.position")).await.unwrap();
        let mut listed = Vec::new();
        for el in &uses {
            listed.push(contract_of(el).await);
        }
        let at = listed
            .iter()
            .position(|u| *u == first)
            .expect("China's first use is listed");
        assert!(
            listed[..at].iter().all(|u| u.1 != "china"),
            "China's first use comes first"
        );
        li.find(Locator::Css("summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        uses[at]
            .find(Locator::Css("a"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        find(&c, "h1#doc-title").await;
        let q = location(&c).await.1;
        assert!(q.contains(&format!("p={}", first.3)), "{q}");
    })
    .await;
}
