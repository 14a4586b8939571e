//! How formulations travel: how widespread each is (its banality, at build time), and who
//! reused whom (at run time, under the current filters).
//!
//! **Banality** tells a commonplace from substantive reuse, after TextPAIR's
//! idea: a formulation used evenly across the corpus is formulaic, one concentrated in a
//! few documents, speakers or sources is reuse worth following. It is measured with Gries's
//! *DP* (deviation of proportions), normalised (Lijffijt and Gries 2012), over three
//! partitions of the corpus: its documents, its voices (each speaker; the narrator of each
//! source apart) and its sources (a document without one is its own). For a partition
//! with parts of `e_p` of the corpus's words and `o_p` of the formulation's uses,
//! `DP = ½ Σ |o_p − e_p|` and `DPnorm = DP / (1 − min e_p)`; 0 is perfectly even, 1 all in
//! the smallest part. Banality is `100 × (1 − mean DPnorm)` over the partitions with two
//! parts or more, for the whole variant group. The formulations view can hide the
//! formulations whose banality reaches a threshold the user picks (`banal=` in the link).
//!
//! **Direction** ([`Reuse`], [`network`], [`When`] for near-duplicate passages): a formulation's uses are in date order (undated
//! last; one day's uses by source, then in corpus order), so its first use is where it
//! starts in the corpus and each later use repeats it. A later use is by the same speaker
//! as the first, by the same source (another speaker), or by another. The network joins
//! the first user to each later user, by speaker, country or source, arrows weighted by
//! the number of later uses; a later use by the first user is a repeat of its own.

use super::Entry;
use crate::index::Index;
use crate::model::Corpus;

/// What a node of the reuse network stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A person (index into `corpus.people`).
    Person(u32),
    /// The narrator of a source (index into `index.sources`), or of documents without one.
    Narrator(Option<u32>),
    /// A country (index into `index.countries`), or none known.
    Country(Option<u32>),
    /// A source (index into `index.sources`), or none.
    Source(Option<u32>),
}

/// What the network's nodes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeBy {
    /// Speakers, the narrator of each source apart.
    #[default]
    Speaker,
    /// The speaker's country.
    Country,
    /// The document's source.
    Source,
}

impl Key {
    /// The node of statement `s`.
    pub fn of(corpus: &Corpus, index: &Index, by: NodeBy, s: u32) -> Key {
        let st = &index.statements[s as usize];
        let source = index.docs[st.doc as usize].source;
        match by {
            NodeBy::Speaker => st.speaker.map_or(Key::Narrator(source), Key::Person),
            NodeBy::Source => Key::Source(source),
            NodeBy::Country => Key::Country(
                st.speaker
                    .and_then(|p| corpus.people.get(p as usize))
                    .and_then(|p| p.country.as_deref())
                    .and_then(|c| index.countries.iter().position(|x| x == c))
                    .map(|c| c as u32),
            ),
        }
    }
}

impl Key {
    /// The node's id, as links and tests name it: a person id, `narrator@` and a source
    /// slug (`narrator` without one), a country slug, a source slug; `none` for no country
    /// or source.
    pub fn id(&self, corpus: &Corpus, index: &Index) -> String {
        let source = |s: &Option<u32>| s.map(|s| index.sources[s as usize].0.clone());
        match self {
            Key::Person(p) => corpus.people[*p as usize].id.clone(),
            Key::Narrator(s) => source(s).map_or_else(
                || crate::model::NARRATOR_ID.to_string(),
                |s| format!("{}@{s}", crate::model::NARRATOR_ID),
            ),
            Key::Country(c) => {
                c.map_or_else(|| "none".into(), |c| index.countries[c as usize].clone())
            }
            Key::Source(s) => source(s).unwrap_or_else(|| "none".into()),
        }
    }

    /// The node's name on screen: a person's name, "Narrator (source)", a country's or a
    /// source's name; "No country", "No source".
    pub fn label(&self, corpus: &Corpus, index: &Index) -> String {
        let source = |s: &Option<u32>| s.map(|s| index.sources[s as usize].1.clone());
        match self {
            Key::Person(p) => corpus.people[*p as usize].name.clone(),
            Key::Narrator(s) => source(s).map_or_else(
                || crate::model::NARRATOR_NAME.to_string(),
                |s| format!("{} ({s})", crate::model::NARRATOR_NAME),
            ),
            Key::Country(c) => c.map_or_else(
                || "No country".into(),
                |c| {
                    let slug = &index.countries[c as usize];
                    corpus
                        .countries
                        .iter()
                        .find(|x| &x.slug == slug)
                        .map_or_else(|| slug.clone(), |x| x.name.clone())
                },
            ),
            Key::Source(s) => source(s).unwrap_or_else(|| "No source".into()),
        }
    }
}

/// When another statement was made, seen from one statement: the direction of reuse
/// between two near-duplicate passages (the earlier is the source of the later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Earlier,
    /// The same date (at the same precision).
    SameDay,
    Later,
    /// One of the two has no date.
    Undated,
}

impl When {
    /// When statement `other` was made, seen from statement `this`, by their documents'
    /// dates.
    pub fn of(index: &Index, this: u32, other: u32) -> When {
        let date = |s: u32| index.docs[index.statements[s as usize].doc as usize].date;
        match (date(this), date(other)) {
            (Some(a), Some(b)) if b < a => When::Earlier,
            (Some(a), Some(b)) if b > a => When::Later,
            (Some(_), Some(_)) => When::SameDay,
            _ => When::Undated,
        }
    }

    /// The name in the page (`data-when`); in words, with a space for the hyphen.
    pub fn name(self) -> &'static str {
        match self {
            When::Earlier => "earlier",
            When::SameDay => "same-day",
            When::Later => "later",
            When::Undated => "undated",
        }
    }
}

/// True when statements `a` and `b` come from documents of the same source (two documents
/// without a source are not the same source, unless they are one document).
pub fn same_source(index: &Index, a: u32, b: u32) -> bool {
    let (da, db) = (
        index.statements[a as usize].doc,
        index.statements[b as usize].doc,
    );
    da == db
        || matches!(
            (index.docs[da as usize].source, index.docs[db as usize].source),
            (Some(x), Some(y)) if x == y
        )
}

/// A formulation's later uses, by who made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reuse {
    /// By the speaker of the first use (the narrator of one source counts as one speaker).
    pub same_speaker: usize,
    /// By another speaker of the first use's source.
    pub same_source: usize,
    /// By other speakers and sources.
    pub others: usize,
}

impl Reuse {
    /// The later uses of `entry` (one a statement), by who made them.
    pub fn of(corpus: &Corpus, index: &Index, entry: &Entry) -> Reuse {
        let mut r = Reuse::default();
        let Some(first) = entry.uses.first() else {
            return r;
        };
        let speaker = |s| Key::of(corpus, index, NodeBy::Speaker, s);
        let source = |s| Key::of(corpus, index, NodeBy::Source, s);
        for u in &entry.uses[1..] {
            if speaker(u.stmt) == speaker(first.stmt) {
                r.same_speaker += 1;
            } else if source(u.stmt) == source(first.stmt) {
                r.same_source += 1;
            } else {
                r.others += 1;
            }
        }
        r
    }
}

/// A node of the reuse network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub key: Key,
    /// Formulations it used first.
    pub first: usize,
    /// Its uses in all (first and later).
    pub uses: usize,
    /// Later uses of formulations it used first: repeats of its own.
    pub own: usize,
}

/// An arrow of the reuse network: later uses by `to` of formulations `from` used first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Indexes into [`Network::nodes`].
    pub from: usize,
    pub to: usize,
    pub count: usize,
}

/// Who repeats whom across a list of formulations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    /// Most uses first (then in key order).
    pub nodes: Vec<Node>,
    /// Heaviest first (then by node order).
    pub edges: Vec<Edge>,
}

/// The reuse network of `entries` (see the module documentation), nodes by `by`.
pub fn network(corpus: &Corpus, index: &Index, entries: &[Entry], by: NodeBy) -> Network {
    use std::collections::HashMap;
    let mut nodes: HashMap<Key, Node> = HashMap::new();
    let mut edges: HashMap<(Key, Key), usize> = HashMap::new();
    for e in entries {
        let Some(first) = e.uses.first() else {
            continue;
        };
        let origin = Key::of(corpus, index, by, first.stmt);
        for (n, u) in e.uses.iter().enumerate() {
            let key = Key::of(corpus, index, by, u.stmt);
            let node = nodes.entry(key).or_insert(Node {
                key,
                first: 0,
                uses: 0,
                own: 0,
            });
            node.uses += 1;
            if n == 0 {
                node.first += 1;
            } else if key == origin {
                node.own += 1;
            } else {
                *edges.entry((origin, key)).or_default() += 1;
            }
        }
    }
    let mut nodes: Vec<Node> = nodes.into_values().collect();
    crate::sort::by(&mut nodes, |a, b| {
        b.uses.cmp(&a.uses).then(a.key.cmp(&b.key))
    });
    let at = |k: Key| nodes.iter().position(|n| n.key == k).expect("a node");
    let mut edges: Vec<Edge> = edges
        .into_iter()
        .map(|((from, to), count)| Edge {
            from: at(from),
            to: at(to),
            count,
        })
        .collect();
    crate::sort::by(&mut edges, |a, b| {
        b.count
            .cmp(&a.count)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    Network { nodes, edges }
}

/// Sets each formula's [`Formula::banality`](super::Formula::banality): its variant
/// group's, from every use the finder saw (see the module documentation).
#[cfg(feature = "build")]
pub(super) fn banality(
    index: &Index,
    kept: &[super::phrases::Found],
    formulas: &mut [super::Formula],
) {
    use std::collections::HashMap;
    let n = index.statements.len();
    // Part keys: a source's index, else (a document without one) 2^32 + the document;
    // a person's index, else (the narrator) 2^33 + the source's key.
    let source_of = |s: usize| {
        let d = index.statements[s].doc;
        index.docs[d as usize]
            .source
            .map_or((1u64 << 32) + d as u64, u64::from)
    };
    // Each statement's part in the three partitions, and each part's share of the words.
    let parts: [Vec<u64>; 3] = [
        (0..n).map(|s| index.statements[s].doc as u64).collect(),
        (0..n)
            .map(|s| {
                index.statements[s]
                    .speaker
                    .map_or((1u64 << 33) + source_of(s), u64::from)
            })
            .collect(),
        (0..n).map(source_of).collect(),
    ];
    let total = index.token_count().max(1) as f64;
    let shares: Vec<HashMap<u64, f64>> = parts
        .iter()
        .map(|part| {
            let mut share: HashMap<u64, f64> = HashMap::new();
            for (s, &p) in part.iter().enumerate() {
                *share.entry(p).or_default() += index.len(s as u32) as f64 / total;
            }
            share
        })
        .collect();
    let mut by_group: HashMap<u32, Vec<u32>> = HashMap::new();
    for (f, found) in kept.iter().enumerate() {
        let g = by_group.entry(formulas[f].group).or_default();
        g.extend(found.occ.iter().map(|o| o.0));
    }
    for (group, stmts) in by_group {
        let mut dps = Vec::new();
        for (part, share) in parts.iter().zip(&shares) {
            if share.len() < 2 {
                continue;
            }
            let mut used: HashMap<u64, f64> = HashMap::new();
            for &s in &stmts {
                *used.entry(part[s as usize]).or_default() += 1.0 / stmts.len() as f64;
            }
            let seen: f64 = used.keys().map(|p| share[p]).sum();
            let dp =
                0.5 * (used.iter().map(|(p, o)| (o - share[p]).abs()).sum::<f64>() + (1.0 - seen));
            let min = share.values().copied().fold(1.0, f64::min);
            dps.push((dp / (1.0 - min)).clamp(0.0, 1.0));
        }
        let b = if dps.is_empty() {
            0.0
        } else {
            1.0 - dps.iter().sum::<f64>() / dps.len() as f64
        };
        let b = (b * 100.0).round() as u8;
        for f in formulas.iter_mut().filter(|f| f.group == group) {
            f.banality = b;
        }
    }
}
