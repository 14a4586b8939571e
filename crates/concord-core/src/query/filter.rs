//! Filters and facets: which filter groups a statement passes, and the counts per facet
//! value, each under every filter but its own.

use super::sets::Bits;
use super::{Facets, Filters, Searcher};
use crate::index::Totals;
use crate::model::{days_in_month, Date, Stance};
use std::collections::HashMap;

// Filter groups, as bits.
const G_SPEAKER: u8 = 1;
const G_COUNTRY: u8 = 2;
const G_SOURCE: u8 = 4;
const G_KIND: u8 = 8;
const G_YEAR: u8 = 16;
const G_DATE: u8 = 32;
const G_STANCE: u8 = 64;
const G_ALL: u8 = 127;

/// Whether a document date, as the interval of its precision, meets the range `from..=to`
/// (each bound at its own precision). Undated documents never do.
pub(super) fn within(date: Option<Date>, from: Option<Date>, to: Option<Date>) -> bool {
    date.is_some_and(|x| {
        from.is_none_or(|f| last_day(x) >= first_day(f))
            && to.is_none_or(|t| first_day(x) <= last_day(t))
    })
}

fn first_day(d: Date) -> (i32, u8, u8) {
    (d.year, d.month.max(1), d.day.max(1))
}

fn last_day(d: Date) -> (i32, u8, u8) {
    let month = if d.month == 0 { 12 } else { d.month };
    let day = if d.day == 0 {
        days_in_month(d.year, month)
    } else {
        d.day
    };
    (d.year, month, day)
}

impl<'a> Searcher<'a> {
    fn speaker_slug(&self, speaker: Option<u32>) -> &str {
        speaker
            .and_then(|p| self.corpus.people.get(p as usize))
            .map_or(crate::model::NARRATOR_ID, |p| p.id.as_str())
    }

    /// Which filter groups statement `s` passes, as bits.
    pub(super) fn passes(&self, filters: &Filters, s: u32) -> u8 {
        let st = &self.index.statements[s as usize];
        let doc = &self.index.docs[st.doc as usize];
        let mut bits = 0;
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| {
            list.is_empty() || list.iter().any(|v| f(v))
        };
        if any(&filters.speakers, &|v| self.speaker_slug(st.speaker) == v) {
            bits |= G_SPEAKER;
        }
        if any(&filters.countries, &|v| {
            self.index
                .countries_of(s)
                .iter()
                .any(|&i| self.index.countries[i as usize] == v)
        }) {
            bits |= G_COUNTRY;
        }
        if any(&filters.sources, &|v| {
            doc.source
                .is_some_and(|i| self.index.sources[i as usize].0 == v)
        }) {
            bits |= G_SOURCE;
        }
        if any(&filters.kinds, &|v| {
            doc.kind.is_some_and(|i| self.index.kinds[i as usize] == v)
        }) {
            bits |= G_KIND;
        }
        if filters.years.is_empty() || doc.date.is_some_and(|d| filters.years.contains(&d.year)) {
            bits |= G_YEAR;
        }
        let date_ok = match (filters.from, filters.to) {
            (None, None) => true,
            (from, to) => within(doc.date, from, to),
        };
        if date_ok {
            bits |= G_DATE;
        }
        if any(&filters.stances, &|v| {
            Stance::of_slug(v).is_some_and(|x| st.stances & x.bit() != 0)
        }) {
            bits |= G_STANCE;
        }
        bits
    }

    /// True when statement `s` passes every filter of `filters`.
    pub fn passes_filters(&self, filters: &Filters, s: u32) -> bool {
        *filters == Filters::default() || self.passes(filters, s) == G_ALL
    }

    /// The statements of `base` that pass `filters`, and the facet counts: each facet counts
    /// the statements that pass every filter but its own.
    #[inline(never)]
    pub(super) fn filter_and_count(&self, base: Bits, filters: &Filters) -> (Vec<u32>, Facets) {
        if *filters == Filters::default() {
            let facets = self.count_unfiltered(&base);
            return (base.to_vec(), facets);
        }
        let n_docs = self.index.docs.len();
        // Counters by id; names at the end. Document-level facets count per document first.
        let mut speaker = vec![0usize; self.corpus.people.len() + 1];
        let mut country = vec![0usize; self.index.countries.len()];
        let mut doc_counts: [Vec<usize>; 3] = [vec![0; n_docs], vec![0; n_docs], vec![0; n_docs]];
        let mut stance = [0usize; Stance::ALL.len()];
        let mut matched = Vec::with_capacity(base.count());
        base.each(|s| {
            let missing = G_ALL & !self.passes(filters, s);
            if missing == 0 {
                matched.push(s);
            }
            let st = &self.index.statements[s as usize];
            if missing & !G_SPEAKER == 0 {
                speaker[st.speaker.map_or(self.corpus.people.len(), |p| p as usize)] += 1;
            }
            if missing & !G_COUNTRY == 0 {
                for &c in self.index.countries_of(s) {
                    country[c as usize] += 1;
                }
            }
            for (slot, group) in [G_SOURCE, G_KIND, G_YEAR].into_iter().enumerate() {
                if missing & !group == 0 {
                    doc_counts[slot][st.doc as usize] += 1;
                }
            }
            if missing & !G_STANCE == 0 {
                for x in Stance::of_bits(st.stances) {
                    stance[x as usize] += 1;
                }
            }
        });
        (
            matched,
            self.facets(&speaker, &country, &doc_counts, &stance),
        )
    }

    /// Facet counts of `base` when no filter applies: every facet counts the same
    /// statements. When `base` holds most of the corpus, the counts are the corpus totals
    /// less the statements outside `base`, which are fewer to visit.
    fn count_unfiltered(&self, base: &Bits) -> Facets {
        let totals = &self.index.totals;
        let complement = base.count() * 2 > self.index.statements.len();
        let mut counts = if complement {
            totals.clone()
        } else {
            Totals {
                speaker: vec![0; totals.speaker.len()],
                country: vec![0; totals.country.len()],
                doc: vec![0; totals.doc.len()],
                stance: [0; Stance::ALL.len()],
            }
        };
        if complement {
            base.each_missing(|s| self.index.tally::<false>(s, &mut counts));
        } else {
            base.each(|s| self.index.tally::<true>(s, &mut counts));
        }
        // The three document-level facets count the same statements.
        let Totals {
            speaker,
            country,
            doc,
            stance,
        } = counts;
        self.facets(
            &speaker,
            &country,
            &[doc.clone(), doc.clone(), doc],
            &stance,
        )
    }

    #[inline(never)]
    fn facets(
        &self,
        speaker: &[usize],
        country: &[usize],
        doc_counts: &[Vec<usize>; 3],
        stance: &[usize; Stance::ALL.len()],
    ) -> Facets {
        let named = |pairs: Vec<(String, usize)>| {
            let mut v: Vec<(String, usize)> = pairs.into_iter().filter(|(_, n)| *n > 0).collect();
            crate::sort::by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        // Per document, then per value id; names only for the values that occur.
        let by_doc_value = |slot: usize,
                            value: &dyn Fn(usize) -> Option<usize>,
                            name: &dyn Fn(usize) -> String| {
            let mut by_id: HashMap<usize, usize> = HashMap::new();
            for (d, &n) in doc_counts[slot].iter().enumerate() {
                if n > 0 {
                    if let Some(v) = value(d) {
                        *by_id.entry(v).or_default() += n;
                    }
                }
            }
            named(by_id.into_iter().map(|(v, n)| (name(v), n)).collect())
        };
        let docs = &self.index.docs;
        Facets {
            // Names of the values that occur only (a corpus has thousands of people).
            speaker: named(
                speaker
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(i, &n)| (self.speaker_slug(Some(i as u32)).to_string(), n))
                    .collect(),
            ),
            country: named(
                country
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(i, &n)| (self.index.countries[i].clone(), n))
                    .collect(),
            ),
            source: by_doc_value(0, &|d| docs[d].source.map(|i| i as usize), &|i| {
                self.index.sources[i].0.clone()
            }),
            kind: by_doc_value(1, &|d| docs[d].kind.map(|i| i as usize), &|i| {
                self.index.kinds[i].clone()
            }),
            year: by_doc_value(2, &|d| docs[d].date.map(|x| x.year as usize), &|y| {
                y.to_string()
            }),
            stance: named(
                Stance::ALL
                    .iter()
                    .zip(stance)
                    .map(|(x, &n)| (x.slug().to_string(), n))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Facets counted over the matches, or as the totals less the statements between them
    /// when they are most of the corpus, are those counted statement by statement.
    #[test]
    fn facet_counts_are_by_statement() {
        for dir in ["seeds", "tests/corpora/speeches", "tests/corpora/harbour"] {
            let corpus = crate::corpus::test_corpus(dir);
            let index = crate::Index::build(&corpus);
            let searcher = Searcher::new(&corpus, &index);
            let n = index.statements.len() as u32;
            let every_other: Vec<u32> = (0..n).step_by(2).collect();
            let most: Vec<u32> = (0..n).filter(|s| s % 5 != 3).collect();
            let few: Vec<u32> = (0..n).filter(|s| s % 7 < 2).collect();
            let ends: Vec<u32> = vec![0, n - 1];
            let head: Vec<u32> = (0..n * 3 / 4).collect();
            for base in [vec![], (0..n).collect(), every_other, most, few, ends, head] {
                let totals = &index.totals;
                let mut speaker = vec![0; totals.speaker.len()];
                let mut country = vec![0; totals.country.len()];
                let mut doc = vec![0; totals.doc.len()];
                let mut stance = [0; Stance::ALL.len()];
                for &s in &base {
                    let st = &index.statements[s as usize];
                    let narrator = speaker.len() - 1;
                    speaker[st.speaker.map_or(narrator, |p| p as usize)] += 1;
                    doc[st.doc as usize] += 1;
                    for &c in index.countries_of(s) {
                        country[c as usize] += 1;
                    }
                    for x in Stance::of_bits(st.stances) {
                        stance[x as usize] += 1;
                    }
                }
                let want = searcher.facets(
                    &speaker,
                    &country,
                    &[doc.clone(), doc.clone(), doc],
                    &stance,
                );
                assert_eq!(
                    searcher.count_unfiltered(&Bits::of(&base, n as usize)),
                    want,
                    "{dir}: {} of {n}",
                    base.len()
                );
            }
        }
    }

    #[test]
    fn date_intervals() {
        let june = Date::new(2023, 6, 0).unwrap();
        assert_eq!(first_day(june), (2023, 6, 1));
        assert_eq!(last_day(june), (2023, 6, 30));
        assert_eq!(last_day(Date::new(2024, 0, 0).unwrap()), (2024, 12, 31));
    }
}
