//! Positions over a search: the targets of the matching statements' positions, grouped by
//! their key ([`Position::key`]), each with the stances actors took on it, how often, and
//! when first and last.
//!
//! Rules:
//! - Only the positions of matching statements count (the search and every filter apply).
//! - A position whose key is empty (its target has no words the key keeps) is grouped by
//!   its target as written, never with other such positions.
//! - When stances are asked for (the `stance` filter, or `stance:` in the query outside a
//!   `NOT`), only positions of those stances count; a statement matched for its `opposes`
//!   does not bring its `supports` along.
//! - A group's label is its key as most often written ([`Position::key_span`]; ties: the
//!   first use in corpus order), so "the two-state solution" and "a two-state solution"
//!   show as one, "two-state solution".
//! - Groups are ordered by their positions, most first, then by their number of distinct
//!   actors, then by key. A group's rows (one per actor and stance) are ordered by count,
//!   then by first date (undated last), then by actor and stance.
//! - Dates are the documents' dates; uses are in date order (undated last), then in corpus
//!   order.

use crate::model::{Actor, Date, Position, Stance, Statement};
use crate::query::{Expr, Field, Filters, Query, Searcher};
use std::collections::HashMap;

/// One position of the corpus: a statement id of the index and the position's place among
/// that statement's positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub stmt: u32,
    pub index: u32,
}

/// An actor's stance on one target, over the uses found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub actor: Actor,
    pub stance: Stance,
    pub first: Option<Date>,
    pub latest: Option<Date>,
    /// In date order (undated last), then corpus order.
    pub uses: Vec<Use>,
}

/// One target with every stance taken on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The grouping key ([`Position::key`]; the target as written when that is empty).
    pub key: String,
    /// The key as most often written ([`Position::key_span`]).
    pub label: String,
    pub rows: Vec<Row>,
    /// Every use (the group's positions), in date order (undated last), then corpus order.
    pub uses: Vec<Use>,
}

impl Group {
    /// The number of distinct actors taking a stance on the target.
    pub fn actors(&self) -> usize {
        let mut a: Vec<&Actor> = self.rows.iter().map(|r| &r.actor).collect();
        a.sort();
        a.dedup();
        a.len()
    }
}

/// The positions of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    pub groups: Vec<Group>,
    /// Positions counted (the sum of the groups' counts).
    pub positions: usize,
    /// Matching statements with at least one position counted.
    pub statements: usize,
}

/// The stances a search asks for, as bits ([`Stance::bit`]): those of the `stance` filter
/// and of `stance:` fields in the query outside a `NOT`; every stance when neither names one.
pub fn stances_asked(query: &Query, filters: &Filters) -> u8 {
    fn fields(e: &Expr, bits: &mut u8) {
        match e {
            Expr::Field(Field::Stance(x)) => *bits |= x.bit(),
            Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| fields(i, bits)),
            _ => {}
        }
    }
    let mut bits = filters
        .stances
        .iter()
        .filter_map(|v| Stance::of_slug(v))
        .fold(0, |b, x| b | x.bit());
    if let Some(e) = &query.expr {
        fields(e, &mut bits);
    }
    if bits == 0 {
        Stance::ALL.iter().fold(0, |b, x| b | x.bit())
    } else {
        bits
    }
}

impl Searcher<'_> {
    /// The statement of the corpus that index statement `s` is.
    pub fn statement(&self, s: u32) -> Option<&Statement> {
        let st = self.index.statements.get(s as usize)?;
        let doc = self.corpus.documents.get(st.doc as usize)?;
        let i = doc.statements.binary_search_by_key(&st.p, |x| x.p).ok()?;
        doc.statements.get(i)
    }

    /// The position a [`Use`] names.
    pub fn position(&self, u: Use) -> Option<&Position> {
        self.statement(u.stmt)?.positions.get(u.index as usize)
    }

    /// The target of a position as written.
    pub fn target_text(&self, u: Use) -> &str {
        self.span_text(u, |pos| pos.target)
    }

    /// The key of a position as written ([`Position::key_span`]).
    pub fn key_text(&self, u: Use) -> &str {
        self.span_text(u, |pos| pos.key_span)
    }

    fn span_text(&self, u: Use, span: impl Fn(&Position) -> (u32, u32)) -> &str {
        let (Some(st), Some(pos)) = (self.index.statements.get(u.stmt as usize), self.position(u))
        else {
            return "";
        };
        let (from, to) = span(pos);
        self.corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .and_then(|p| p.text.get(from as usize..to as usize))
            .unwrap_or("")
    }

    /// The positions of statements `hits` (ids of the index, any order) whose stance is in
    /// `stances` (bits, see [`stances_asked`]), grouped by target (see the module's rules).
    pub fn positions(&self, hits: impl IntoIterator<Item = u32>, stances: u8) -> Positions {
        let mut hits: Vec<u32> = hits.into_iter().collect();
        hits.sort_unstable();
        hits.dedup();
        let date = |s: u32| self.index.docs[self.index.statements[s as usize].doc as usize].date;
        // Key → uses, keys in order of first use.
        let mut by_key: HashMap<&str, Vec<Use>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        let mut out = Positions::default();
        for &s in &hits {
            if self.index.statements[s as usize].stances & stances == 0 {
                continue;
            }
            let Some(statement) = self.statement(s) else {
                continue;
            };
            let mut any = false;
            for (i, pos) in statement.positions.iter().enumerate() {
                if pos.stance.bit() & stances == 0 {
                    continue;
                }
                any = true;
                let u = Use {
                    stmt: s,
                    index: i as u32,
                };
                let key = match pos.key.as_str() {
                    "" => self.target_text(u),
                    key => key,
                };
                by_key
                    .entry(key)
                    .or_insert_with(|| {
                        order.push(key);
                        Vec::new()
                    })
                    .push(u);
            }
            if any {
                out.statements += 1;
            }
        }
        let undated_last = |d: Option<Date>| (d.is_none(), d);
        for key in order {
            let uses = &by_key[key];
            out.positions += uses.len();
            // The label: the most frequent form, the first at a tie (uses are in corpus order).
            let mut forms: Vec<(&str, usize)> = Vec::new();
            for &u in uses {
                let text = self.key_text(u);
                match forms.iter_mut().find(|(f, _)| *f == text) {
                    Some((_, n)) => *n += 1,
                    None => forms.push((text, 1)),
                }
            }
            let most = forms.iter().map(|f| f.1).max().unwrap_or(0);
            let label = forms
                .iter()
                .find(|f| f.1 == most)
                .map_or("", |f| f.0)
                .to_string();
            let mut uses = uses.clone();
            crate::sort::by_key(&mut uses, |u| (undated_last(date(u.stmt)), u.stmt, u.index));
            // Rows in the uses' date order: a row's first use is its first date (undated
            // uses come last), its latest the most recent.
            let mut rows: Vec<Row> = Vec::new();
            for &u in &uses {
                let Some(pos) = self.position(u) else {
                    continue;
                };
                let d = date(u.stmt);
                match rows
                    .iter_mut()
                    .find(|r| r.actor == pos.actor && r.stance == pos.stance)
                {
                    Some(r) => {
                        r.uses.push(u);
                        r.latest = r.latest.max(d);
                    }
                    None => rows.push(Row {
                        actor: pos.actor.clone(),
                        stance: pos.stance,
                        first: d,
                        latest: d,
                        uses: vec![u],
                    }),
                }
            }
            let people = &self.corpus.people;
            crate::sort::by(&mut rows, |a, b| {
                b.uses
                    .len()
                    .cmp(&a.uses.len())
                    .then_with(|| undated_last(a.first).cmp(&undated_last(b.first)))
                    .then_with(|| a.actor.slug(people).cmp(b.actor.slug(people)))
                    .then_with(|| a.stance.cmp(&b.stance))
            });
            out.groups.push(Group {
                key: key.to_string(),
                label,
                rows,
                uses,
            });
        }
        // Each group's actors counted once, not at every comparison.
        let mut ranked: Vec<(usize, Group)> = std::mem::take(&mut out.groups)
            .into_iter()
            .map(|g| (g.actors(), g))
            .collect();
        crate::sort::by(&mut ranked, |(na, a), (nb, b)| {
            b.uses
                .len()
                .cmp(&a.uses.len())
                .then_with(|| nb.cmp(na))
                .then_with(|| a.key.cmp(&b.key))
        });
        out.groups = ranked.into_iter().map(|(_, g)| g).collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{build, Input, SourceFile};
    use crate::index::Index;
    use crate::query::{parse, Sort};

    /// Three dated readouts; file names carry the dates.
    fn corpus() -> crate::model::Corpus {
        let file = |path: &str, text: &str| SourceFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let input = Input {
            files: vec![
                file(
                    "2021-03-01-first.txt",
                    "First readout\n\nChina supports the two-state solution.\n\nChina opposes the blockade of Gaza.\n",
                ),
                file(
                    "2022-05-01-second.txt",
                    "Second readout\n\nEgypt supports a two-state solution and condemns the attacks on civilians.\n",
                ),
                file(
                    "2023-07-01-third.txt",
                    "Third readout\n\nChina firmly supports the two-state solution.\n\nThe weather was fine.\n",
                ),
            ],
            catalog: None,
            catalog_csv: None,
            skipped: vec![],
            too_large: vec![],
            folder: None,
        };
        build(&input).unwrap().0
    }

    fn all(searcher: &Searcher, q: &str, filters: &Filters) -> Positions {
        let query = parse(q);
        let r = searcher.search(&query, filters, Sort::Relevance);
        searcher.positions(r.statement_ids(), stances_asked(&query, filters))
    }

    #[test]
    fn targets_group_by_key_with_each_actors_stance_first_and_latest() {
        let corpus = corpus();
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let p = all(&searcher, "", &Filters::default());
        assert_eq!((p.positions, p.statements), (5, 4));
        let keys: Vec<&str> = p.groups.iter().map(|g| g.key.as_str()).collect();
        // Three uses first; then the two single uses, by key.
        assert_eq!(keys[0], "two state solution");
        assert_eq!(keys.len(), 3);
        let g = &p.groups[0];
        assert_eq!((g.label.as_str(), g.uses.len()), ("two-state solution", 3));
        let rows: Vec<(&str, Stance, usize, String, String)> = g
            .rows
            .iter()
            .map(|r| {
                (
                    r.actor.slug(&corpus.people),
                    r.stance,
                    r.uses.len(),
                    r.first.unwrap().to_string(),
                    r.latest.unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "china",
                    Stance::Supports,
                    2,
                    "2021-03-01".into(),
                    "2023-07-01".into()
                ),
                (
                    "egypt",
                    Stance::Supports,
                    1,
                    "2022-05-01".into(),
                    "2022-05-01".into()
                ),
            ]
        );
        // Uses in date order, the group's and each row's; each names its position.
        let date_of = |u: &Use| index.docs[index.statements[u.stmt as usize].doc as usize].date;
        assert!(g.uses.windows(2).all(|w| date_of(&w[0]) <= date_of(&w[1])));
        let china = &g.rows[0];
        let dates: Vec<_> = china
            .uses
            .iter()
            .map(|u| index.docs[index.statements[u.stmt as usize].doc as usize].date)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            searcher.target_text(china.uses[1]),
            "the two-state solution"
        );
    }

    #[test]
    fn targets_without_a_key_are_groups_of_their_own() {
        let file = |path: &str, text: &str| SourceFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let input = Input {
            files: vec![file(
                "2023-01-01-marks.txt",
                "Marks\n\nEgypt condemns the <b> raid on the port.\n\nEgypt condemns the <i> blockade of the port.\n",
            )],
            catalog: None,
            catalog_csv: None,
            skipped: vec![],
            too_large: vec![],
            folder: None,
        };
        let corpus = build(&input).unwrap().0;
        let positions: Vec<&Position> = corpus.documents[0]
            .statements
            .iter()
            .flat_map(|s| &s.positions)
            .collect();
        assert_eq!(positions.len(), 2);
        assert!(positions.iter().all(|p| p.key.is_empty()), "{positions:?}");
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let p = all(&searcher, "", &Filters::default());
        let mut keys: Vec<&str> = p.groups.iter().map(|g| g.key.as_str()).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["the <b> raid on the port", "the <i> blockade of the port"]
        );
    }

    #[test]
    fn asked_stances_keep_only_their_positions() {
        let corpus = corpus();
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let condemns = Filters {
            stances: vec!["condemns".into()],
            ..Filters::default()
        };
        // The statement holding "condemns" also supports: only the condemning counts.
        let p = all(&searcher, "", &condemns);
        assert_eq!((p.positions, p.statements), (1, 1));
        assert_eq!(p.groups[0].rows[0].stance, Stance::Condemns);
        // The query field asks the same.
        assert_eq!(all(&searcher, "stance:condemns", &Filters::default()), p);
        // Under NOT, a stance is not asked for.
        let not = all(&searcher, "-stance:condemns", &Filters::default());
        assert_eq!((not.positions, not.statements), (3, 3));
        // A search narrows the statements.
        let gaza = all(&searcher, "gaza", &Filters::default());
        assert_eq!(gaza.groups.len(), 1);
        assert_eq!(gaza.groups[0].label, "blockade of Gaza");
        assert_eq!(gaza.groups[0].rows[0].stance, Stance::Opposes);
    }

    #[test]
    fn stance_facet_and_filter_count_statements() {
        let corpus = corpus();
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&corpus, &index);
        let r = searcher.search(&parse(""), &Filters::default(), Sort::Relevance);
        let facet: Vec<(&str, usize)> = r
            .facets
            .stance
            .iter()
            .map(|(s, n)| (s.as_str(), *n))
            .collect();
        assert_eq!(
            facet,
            vec![("supports", 3), ("condemns", 1), ("opposes", 1)]
        );
        // Under its own filter the stance facet still counts every stance; others narrow.
        let f = Filters {
            stances: vec!["opposes".into()],
            ..Filters::default()
        };
        let r = searcher.search(&parse(""), &f, Sort::Relevance);
        assert_eq!(r.statements, 1);
        assert_eq!(r.facets.stance.len(), 3);
        assert_eq!(r.facets.year, vec![("2021".to_string(), 1)]);
        let q = searcher.search(
            &parse("stance:supports"),
            &Filters::default(),
            Sort::Relevance,
        );
        assert_eq!(q.statements, 3);
        assert!(parse("stance:praises").problems[0]
            .message
            .contains("not a stance"));
    }
}
