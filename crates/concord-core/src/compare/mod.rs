//! Comparison, the stage after [`crate::query`]: statements set side by side, statements that
//! say nearly the same thing, the formulations a corpus repeats, and the words that set a
//! set of statements apart.
//!
//! - [`align`] — two sides (a document or one statement each) → sentences aligned in
//!   order, a word diff inside each aligned pair, shared phrases, a similarity score;
//! - [`table`] — a comparison laid out as rows of cells, each sentence cut into marked
//!   segments (what the side-by-side view draws);
//! - [`neardup`] — for one statement, the statements elsewhere that say nearly the same;
//! - [`formulas`] — recurring multi-word phrases with their variants (found at build
//!   time, counted under the current filters at run time);
//! - [`keyness`] — distinctive terms of a set of statements against the rest or against
//!   another set (log-likelihood with log ratio as effect size);
//! - [`sets`] — two sets of statements compared: distinctive terms both ways, terms of one
//!   set only, distinctive speakers and countries, formulations of one or both.
//!
//! Everything works on the index's word and stem ids: comparison never tokenizes, folds or
//! stems again, so it agrees with search about what a word is.

pub mod align;
pub mod formulas;
pub mod keyness;
pub mod neardup;
pub mod sets;
pub mod table;

use crate::index::Index;
use crate::model::Corpus;
use crate::text::analyze::{fold, stem, token_ranges};
use crate::text::lexicon::is_stopword;
use crate::text::sentences;
use std::collections::HashMap;
use std::ops::Range;

/// One word of a unit: where it is, and what it is to comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in the unit's text.
    pub start: u32,
    pub end: u32,
    /// Folded word id: words are "the same" in a diff when these are equal.
    pub word: u32,
    /// Stem id: phrases and word sets match on these.
    pub stem: u32,
    /// False for stopwords.
    pub content: bool,
}

/// A paragraph taking part in a comparison, with its words and sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    /// Statement id in the index, when the unit is one.
    pub stmt: Option<u32>,
    /// Paragraph number.
    pub p: u32,
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Sentences as ranges of `toks`.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Unit<'a> {
    fn new(
        stmt: Option<u32>,
        p: u32,
        text: &'a str,
        ranges: &[Range<usize>],
        toks: Vec<Tok>,
    ) -> Self {
        let sentences = sentences(text, ranges);
        Unit {
            stmt,
            p,
            text,
            toks,
            sentences,
        }
    }

    /// The byte range of tokens `r` in the text.
    pub fn bytes(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() {
            return 0..0;
        }
        self.toks[r.start].start as usize..self.toks[r.end - 1].end as usize
    }
}

/// One side of a comparison: paragraphs in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Side<'a> {
    pub units: Vec<Unit<'a>>,
}

impl<'a> Side<'a> {
    /// The statements of document `doc` (all of them, or only paragraph `p`), as the index
    /// knows them. Empty when the document or paragraph has no statement.
    pub fn from_index(corpus: &'a Corpus, index: &Index, doc: u32, p: Option<u32>) -> Side<'a> {
        let units = index
            .doc_statements(doc)
            .filter(|&s| p.is_none_or(|p| index.statements[s as usize].p == p))
            .map(|s| Side::unit_of(corpus, index, s))
            .collect();
        Side { units }
    }

    /// Statement `s` as a unit.
    pub fn unit_of(corpus: &'a Corpus, index: &Index, s: u32) -> Unit<'a> {
        let st = &index.statements[s as usize];
        let text = corpus.documents[st.doc as usize]
            .paragraph(st.p)
            .map_or("", |p| p.text.as_str());
        let ranges = Index::ranges(text);
        let toks = ranges
            .iter()
            .zip(index.tokens(s))
            .map(|(r, &w)| Tok {
                start: r.start as u32,
                end: r.end as u32,
                word: w,
                stem: index.stem_of(w),
                content: !index.is_stop(w),
            })
            .collect();
        Unit::new(Some(s), st.p, text, &ranges, toks)
    }

    /// Paragraphs of plain text, analysed with `vocab` (for tests and tools that have no
    /// index). Paragraphs are numbered from 1.
    pub fn from_texts(texts: &[&'a str], vocab: &mut Vocab) -> Side<'a> {
        let units = texts
            .iter()
            .enumerate()
            .map(|(i, &text)| {
                let ranges = token_ranges(text);
                let toks = ranges
                    .iter()
                    .map(|r| vocab.tok(&text[r.clone()], r))
                    .collect();
                Unit::new(None, i as u32 + 1, text, &ranges, toks)
            })
            .collect();
        Side { units }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.units.iter().map(|u| u.toks.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Word and stem ids for texts compared without an index.
#[derive(Debug, Default)]
pub struct Vocab {
    words: HashMap<String, u32>,
    stems: HashMap<String, u32>,
}

impl Vocab {
    fn tok(&mut self, raw: &str, r: &Range<usize>) -> Tok {
        let folded = fold(raw);
        let n = self.stems.len() as u32;
        let stem = *self.stems.entry(stem(&folded)).or_insert(n);
        let content = !is_stopword(&folded);
        let n = self.words.len() as u32;
        let word = *self.words.entry(folded).or_insert(n);
        Tok {
            start: r.start as u32,
            end: r.end as u32,
            word,
            stem,
            content,
        }
    }
}

/// The distinct content stems of `toks`, sorted (all stems when every word is a stopword).
pub fn content_stems(toks: &[Tok]) -> Vec<u32> {
    let mut set: Vec<u32> = toks.iter().filter(|t| t.content).map(|t| t.stem).collect();
    if set.is_empty() {
        set = toks.iter().map(|t| t.stem).collect();
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// Dice's coefficient of two sorted sets: `2|A ∩ B| / (|A| + |B|)`, 0 for two empty sets.
///
/// ```
/// use concord_core::compare::dice;
/// assert_eq!(dice(&[1, 2, 3], &[2, 3, 4]), 2.0 * 2.0 / 6.0);
/// ```
pub fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Size of the intersection of two sorted sets.
pub(crate) fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A piece of text and the marks on it: inside a changed run, inside a shared phrase (its
/// number), inside a query highlight (its term).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub changed: bool,
    pub phrase: Option<u32>,
    pub term: Option<usize>,
}

/// Cuts `span` into segments where any mark starts or ends. Each mark list is sorted by start
/// and its ranges do not overlap; ranges outside `span` are clipped. Boundaries that are not
/// on a character boundary of `text` are skipped, so a bad range never splits a character.
///
/// ```
/// use concord_core::compare::segments;
/// let s = segments("a bc d", 0..6, &[2..4], &[(0..4, 7)], &[]);
/// let cut: Vec<(&str, bool, Option<u32>)> =
///     s.iter().map(|g| (&"a bc d"[g.range.clone()], g.changed, g.phrase)).collect();
/// assert_eq!(cut, [("a ", false, Some(7)), ("bc", true, Some(7)), (" d", false, None)]);
/// ```
pub fn segments(
    text: &str,
    span: Range<usize>,
    changed: &[Range<usize>],
    phrases: &[(Range<usize>, u32)],
    terms: &[(Range<usize>, usize)],
) -> Vec<Segment> {
    let span = span.start.min(text.len())..span.end.min(text.len());
    // Only the marks that reach into the span (lists are sorted and apart, so ends ascend).
    fn within<'m, T>(
        list: &'m [T],
        span: &Range<usize>,
        r: impl Fn(&T) -> &Range<usize>,
    ) -> &'m [T] {
        let a = list.partition_point(|m| r(m).end <= span.start);
        let b = a + list[a..].partition_point(|m| r(m).start < span.end);
        &list[a..b]
    }
    let changed = within(changed, &span, |r| r);
    let phrases = within(phrases, &span, |p| &p.0);
    let terms = within(terms, &span, |t| &t.0);
    let mut cuts = vec![span.start, span.end];
    let ends = changed
        .iter()
        .chain(phrases.iter().map(|(r, _)| r))
        .chain(terms.iter().map(|(r, _)| r))
        .flat_map(|r| [r.start, r.end]);
    cuts.extend(ends.filter(|&x| span.contains(&x) && text.is_char_boundary(x)));
    cuts.sort_unstable();
    cuts.dedup();
    let covering = |r: &Range<usize>, a: usize, b: usize| r.start <= a && b <= r.end;
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            Segment {
                range: a..b,
                changed: changed.iter().any(|r| covering(r, a, b)),
                phrase: phrases.iter().find(|(r, _)| covering(r, a, b)).map(|p| p.1),
                term: terms.iter().find(|(r, _)| covering(r, a, b)).map(|t| t.1),
            }
        })
        .collect()
}
