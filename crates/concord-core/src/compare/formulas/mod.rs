//! Formulations: the multi-word phrases a corpus repeats across documents ("two-state
//! solution", "comprehensive, just and lasting solution"), as written, with their variants,
//! how widespread each is, and who reused whom.
//!
//! **Finding** ([`find`], at build time, on stems so that inflections count as one phrase;
//! [`phrases`]):
//! - every run of [`MIN_WORDS`] to [`MAX_WORDS`] words inside one statement that occurs in
//!   at least two documents and neither starts nor ends with a stopword;
//! - **not a part of a longer phrase**: a run is left out when all but a tenth ([`NEARLY`])
//!   of its uses go on the same way, on either side, to a longer phrase that also spans two
//!   documents ("just and lasting" inside "comprehensive, just and lasting solution");
//! - **whole phrases, cut at constituent edges**: a phrase takes the preposition that every
//!   use has before it ([`crate::text::lexicon::PHRASE_OPENERS`]: "as soon as possible",
//!   "on behalf of the Chinese government"), so it may start with one; it never ends with a
//!   stopword (a determiner, a preposition); and when more than half of its uses go straight
//!   on (no punctuation between) to a content word, it was cut before its head ("solution to
//!   the Palestinian" + "question"): it is replaced by its variants with each head, the
//!   [`MAX_HEADS`] most used ("solution to the Palestinian question" ~ "… issue"), when it
//!   has two heads or more, and dropped otherwise;
//! - **no names** ([`names`]): a phrase that only names a person (with or without a title),
//!   a country, an organisation or a date is left out;
//! - variants that each occur in one document are found too: 5- and 4-word windows with
//!   one inner word free ("comprehensive, just and * solution"), whose other words recur in
//!   two or more documents while the free word takes two or more content words;
//! - the [`MAX_FORMULAS`] found in the most documents are kept (then by uses, then longer
//!   first).
//!
//! **Variants** ([`variants`]) group phrases that differ in one content word in the same
//! frame, or by one modifier more or less; see there for the rule.
//!
//! **As written**: each phrase keeps its most frequent spelling across its uses
//! ([`Formula::surface`]): the text from its first word's first letter to its last word's
//! last, with its case, hyphens, apostrophes and inner punctuation ("two-state solution",
//! "comprehensive, just and lasting solution"), runs of white space (a PDF's line breaks)
//! read as one space; a tie goes to the spelling used first in corpus order.
//!
//! **How widespread** ([`reuse`]): a formulation used evenly across the corpus's
//! documents, speakers and sources is a commonplace; one concentrated in a few is
//! substantive reuse ([`Formula::banality`]).
//!
//! **Counting** ([`table`], at run time): each phrase is matched like a phrase query, under
//! the current filters, and a group is listed when its uses still span two documents. A
//! variant that is a part of another in its group ("just and lasting solution" inside
//! "comprehensive, just and lasting solution") counts only its uses outside it. Uses are
//! in date order (undated last; one day's uses by source, then in corpus order); who reused
//! whom is read from that order ([`reuse`]).

#[cfg(feature = "build")]
pub mod names;
#[cfg(feature = "build")]
pub mod phrases;
pub mod reuse;
#[cfg(feature = "build")]
pub mod variants;

use crate::index::Index;
#[cfg(feature = "build")]
use crate::model::{Corpus, Paragraphs};
use crate::query::{Filters, Searcher};
use serde::{Deserialize, Serialize};
#[cfg(feature = "build")]
use std::collections::HashMap;

/// Fewest words in a formulation.
pub const MIN_WORDS: usize = 3;
/// Most words in a formulation; longer repeats are listed by their first words.
pub const MAX_WORDS: usize = 12;
/// Most formulations kept for a corpus.
pub const MAX_FORMULAS: usize = 400;
/// Share of a phrase's uses that a longer phrase must hold for the phrase to be left out as
/// a part of it.
pub const NEARLY: f32 = 0.9;
/// Most variants made from the heads of a phrase cut before its head.
pub const MAX_HEADS: usize = 4;

/// A recurring phrase, as found at build time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    /// The words of its first occurrence (ids into [`Index::words`]).
    pub words: Vec<u32>,
    /// Its variant group: the position in the list of the group's first member.
    pub group: u32,
    /// The phrase as written, in its most frequent spelling (see the module documentation).
    pub surface: String,
    /// How widespread its group is across the corpus, from 0 (in few documents, speakers
    /// and sources) to 100 (evenly everywhere): see [`reuse`].
    pub banality: u8,
    /// Every statement it is used in, with its count there (ascending), when the build
    /// stored them ([`with_uses`]: a sharded corpus, whose formulations are counted without
    /// reading its text); otherwise they are counted from the statements' words. Stored as
    /// two columns, statements as gaps and counts less one (`stored_uses`).
    #[serde(with = "stored_uses")]
    pub uses: Option<Vec<(u32, u32)>>,
}

/// How [`Formula::uses`] is stored: the statements as gaps from the one before, then the
/// counts less one, two columns of small numbers (mostly one byte each; mostly zero for the
/// counts). At 200 MB of text, 1.57 million uses of 309 formulations took 2.54 MB deflated
/// as pairs, 1.17 MB as these columns. Reading refuses columns that do not add up (not as
/// many counts as statements, statements not ascending, a sum past `u32`): the shard is
/// then malformed.
mod stored_uses {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Columns = (Vec<u32>, Vec<u32>);

    pub fn serialize<S: Serializer>(
        uses: &Option<Vec<(u32, u32)>>,
        out: S,
    ) -> Result<S::Ok, S::Error> {
        let columns: Option<Columns> = uses.as_ref().map(|uses| {
            let mut before = 0;
            uses.iter()
                .map(|&(s, n)| {
                    debug_assert!(n > 0 && (s > before || before == 0), "uses ascending");
                    let gap = s - before;
                    before = s;
                    (gap, n.saturating_sub(1))
                })
                .unzip()
        });
        columns.serialize(out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        input: D,
    ) -> Result<Option<Vec<(u32, u32)>>, D::Error> {
        let Some((gaps, counts)) = Option::<Columns>::deserialize(input)? else {
            return Ok(None);
        };
        if gaps.len() != counts.len() {
            return Err(D::Error::custom(format!(
                "a formulation's uses: {} statements but {} counts",
                gaps.len(),
                counts.len()
            )));
        }
        let mut at: Option<u32> = None;
        let mut uses = Vec::with_capacity(gaps.len());
        for (gap, more) in gaps.into_iter().zip(counts) {
            let s = match at {
                None => Some(gap),
                Some(_) if gap == 0 => None,
                Some(before) => before.checked_add(gap),
            };
            let (Some(s), Some(n)) = (s, more.checked_add(1)) else {
                return Err(D::Error::custom(
                    "a formulation's uses are not in ascending statements",
                ));
            };
            at = Some(s);
            uses.push((s, n));
        }
        Ok(Some(uses))
    }
}

impl Formula {
    /// The phrase's folded words joined by spaces (a phrase query's text).
    pub fn text(&self, index: &Index) -> String {
        let words: Vec<&str> = self
            .words
            .iter()
            .map(|&w| index.words[w as usize].0.as_str())
            .collect();
        words.join(" ")
    }

    /// The phrase as a search, as written: its spelling quoted, any quote mark inside it
    /// read as a space (a phrase's words are the same either way).
    pub fn search(&self) -> String {
        let inner: String = self
            .surface
            .chars()
            .map(|c| {
                if crate::query::lex::is_quote(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        format!("\"{}\"", inner.trim())
    }

    /// Its stems, as phrase matching reads them.
    fn stems(&self, index: &Index) -> Vec<u32> {
        self.words.iter().map(|&w| index.stem_of(w)).collect()
    }
}

/// Finds the formulations of `corpus`, indexed as `index` (see the module documentation):
/// phrases repeated across documents and variants with one word free, ranked, made whole
/// and rid of names, the best kept, grouped, each with its spelling as written and its
/// group's banality.
#[cfg(feature = "build")]
pub fn find(corpus: &Corpus, index: &Index) -> Vec<Formula> {
    find_in(corpus, corpus, index)
}

/// [`find`], reading the paragraphs' text from `paragraphs` and the people and countries
/// (what a name is) from `corpus`, which may be its skeleton: the sharded build finds the
/// formulations after the text shards are written, from the texts taken out of the
/// documents ([`ParagraphTexts`](crate::model::ParagraphTexts)).
#[cfg(feature = "build")]
pub fn find_in(corpus: &Corpus, paragraphs: &dyn Paragraphs, index: &Index) -> Vec<Formula> {
    find_with(
        corpus,
        paragraphs,
        index,
        MAX_FORMULAS,
        phrases::WINDOWS_AT_ONCE,
        true,
    )
}

/// [`find`], keeping at most `max` formulations, reading at most `at_once` windows at once,
/// and leaving out early the phrases that cannot rank among those read (`pruned`): the
/// same formulations whatever `at_once` and `pruned` (tests set them small on small
/// corpora, to read in many slices and leave many phrases out).
#[cfg(feature = "build")]
fn find_with(
    corpus: &Corpus,
    paragraphs: &dyn Paragraphs,
    index: &Index,
    max: usize,
    at_once: usize,
    pruned: bool,
) -> Vec<Formula> {
    let mut candidates = phrases::Candidates::new(if pruned {
        phrases::SEARCHED * max
    } else {
        usize::MAX
    });
    phrases::repeated(index, at_once, &mut candidates);
    let sets = phrases::add_free_word_variants(index, at_once, &mut candidates);
    let mut found = candidates.into_found();
    phrases::rank(&mut found);
    // Only these are read; their uses, left out while they were found, are found again.
    found.truncate(phrases::SEARCHED * max);
    phrases::fill(index, &mut found);
    let mut text = Text::new(paragraphs, index);
    let names = names::Names::new(corpus);
    let (kept, heads) = phrases::whole(index, &mut text, &names, found, sets, max);
    let mut formulas: Vec<Formula> = kept
        .iter()
        .map(|f| {
            let (s, i) = f.occ[0];
            Formula {
                words: index.tokens(s)[i as usize..i as usize + f.stems.len()].to_vec(),
                group: 0,
                surface: f.surface.clone(),
                banality: 0,
                uses: None,
            }
        })
        .collect();
    variants::group(index, &mut text, &names, &kept, &heads, &mut formulas);
    reuse::banality(index, &kept, &mut formulas);
    formulas
}

/// The corpus's text as finding reads it: phrases as written, and what stands between two
/// words, with each statement's word spans computed once.
#[cfg(feature = "build")]
pub(crate) struct Text<'a> {
    paragraphs: &'a dyn Paragraphs,
    index: &'a Index,
    /// Where each statement's word spans are (first, count), once computed ([`NOT_YET`]
    /// until then): in `narrow` for a statement shorter than 64 KiB (nearly all), else in
    /// `wide` (first then counts from the end of `narrow`'s range, see [`Text::of`]). Flat:
    /// the spans of a statement as a vector of ranges in a map took about 28 bytes a word;
    /// finding reads the text of nearly every statement of a corpus whose phrases are common
    /// (96,290 of 98,484 statements at 50 MB of text), and the map grew by 217 MB there, by
    /// about 900 MB at 200 MB. Flat, they took 8 bytes a word; in 16 bits, 4.
    at: Vec<(u32, u32)>,
    /// Byte start and end of each word in its statement's text, for statements shorter
    /// than 64 KiB.
    narrow: Vec<[u16; 2]>,
    /// The same for longer statements.
    wide: Vec<[u32; 2]>,
}

/// [`Text::at`] of a statement whose spans are not computed yet.
#[cfg(feature = "build")]
const NOT_YET: (u32, u32) = (u32::MAX, 0);

/// The high bit of [`Text::at`]'s first: the spans are in `wide`.
#[cfg(feature = "build")]
const WIDE: u32 = 1 << 31;

/// A statement's word spans, as [`Text::of`] gives them.
#[cfg(feature = "build")]
enum Spans<'s> {
    Narrow(&'s [[u16; 2]]),
    Wide(&'s [[u32; 2]]),
}

#[cfg(feature = "build")]
impl Spans<'_> {
    /// Byte start and end of word `i`.
    fn get(&self, i: usize) -> Option<(usize, usize)> {
        match self {
            Spans::Narrow(s) => s.get(i).map(|&[a, b]| (a as usize, b as usize)),
            Spans::Wide(s) => s.get(i).map(|&[a, b]| (a as usize, b as usize)),
        }
    }
}

#[cfg(feature = "build")]
impl<'a> Text<'a> {
    fn new(paragraphs: &'a dyn Paragraphs, index: &'a Index) -> Self {
        Text {
            paragraphs,
            index,
            at: vec![NOT_YET; index.statements.len()],
            // Room for every word at once: only the pages written take memory, and the
            // spans are never copied to grow (a copy was a third more at its peak).
            narrow: Vec::with_capacity(
                (0..index.statements.len() as u32)
                    .map(|s| index.len(s))
                    .sum(),
            ),
            wide: Vec::new(),
        }
    }

    /// The text of statement `s` and its word spans.
    fn of(&mut self, s: u32) -> (&'a str, Spans<'_>) {
        let st = &self.index.statements[s as usize];
        let text = self.paragraphs.paragraph_text(st.doc, st.p);
        if self.at[s as usize] == NOT_YET {
            let ranges = Index::ranges(text);
            let count = u32::try_from(ranges.len()).expect("fewer than 2³² words a statement");
            let first = if text.len() <= usize::from(u16::MAX) {
                let first = self.narrow.len();
                self.narrow
                    .extend(ranges.iter().map(|r| [r.start as u16, r.end as u16]));
                first
            } else {
                let first = self.wide.len();
                self.wide
                    .extend(ranges.iter().map(|r| [r.start as u32, r.end as u32]));
                first | WIDE as usize
            };
            let first = u32::try_from(first).expect("fewer than 2³¹ words in a corpus");
            self.at[s as usize] = (first, count);
        }
        let (first, count) = self.at[s as usize];
        let spans = if first & WIDE == 0 {
            Spans::Narrow(&self.narrow[first as usize..(first + count) as usize])
        } else {
            let first = (first & !WIDE) as usize;
            Spans::Wide(&self.wide[first..first + count as usize])
        };
        (text, spans)
    }

    /// The `len` words at position `i` of statement `s` as written, white space runs as one
    /// space (empty if the statement has no such words).
    fn at(&mut self, s: u32, i: u32, len: usize) -> String {
        let (text, spans) = self.of(s);
        let (i, len) = (i as usize, len.max(1));
        let (Some((start, _)), Some((_, end))) = (spans.get(i), spans.get(i + len - 1)) else {
            return String::new();
        };
        balanced(&text[start..end])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// True when words `i` and `i + 1` of statement `s` stand with nothing but white space
    /// or a hyphen between them (no punctuation).
    fn joined(&mut self, s: u32, i: u32) -> bool {
        let (text, spans) = self.of(s);
        match (spans.get(i as usize), spans.get(i as usize + 1)) {
            (Some((_, a)), Some((b, _))) => text[a..b]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}')),
            _ => false,
        }
    }

    /// The most frequent spelling of the `len`-word phrase at `occ` (a tie to the first).
    fn most_frequent(&mut self, occ: &[(u32, u32)], len: usize) -> String {
        // Spelling -> (uses, first seen).
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for (n, &(s, i)) in occ.iter().enumerate() {
            seen.entry(self.at(s, i, len)).or_insert((0, n)).0 += 1;
        }
        seen.into_iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(spelling, _)| spelling)
            .unwrap_or_default()
    }
}

/// `s` without the brackets it does not open and close itself ("UN) General Assembly",
/// cut from "(UN) General Assembly", reads "UN General Assembly").
#[cfg(feature = "build")]
fn balanced(s: &str) -> String {
    let mut keep = vec![true; s.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => open.push(i),
            ')' | ']' => match open.pop() {
                Some(_) => {}
                None => keep[i] = false,
            },
            _ => {}
        }
    }
    for i in open {
        keep[i] = false;
    }
    s.char_indices()
        .filter(|&(i, _)| keep[i])
        .map(|(_, c)| c)
        .collect::<String>()
        .trim()
        .to_string()
}

/// One use of a formulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub stmt: u32,
    /// Which variant (index into the formula list).
    pub formula: u32,
    /// Times in the statement.
    pub count: usize,
}

/// A variant group as listed under some filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Variants (indexes into the formula list) with their uses, most used first.
    pub variants: Vec<(u32, usize)>,
    /// Every use, first use first: by date (undated last), one day's uses by source, then
    /// corpus order.
    pub uses: Vec<Use>,
    /// Documents with a use.
    pub documents: usize,
    /// The group's banality ([`Formula::banality`]).
    pub banality: u8,
}

impl Entry {
    /// Total occurrences.
    pub fn count(&self) -> usize {
        self.uses.iter().map(|u| u.count).sum()
    }
}

/// True when `part` is a run of consecutive words of `whole`, shorter than it.
fn inside(part: &[u32], whole: &[u32]) -> bool {
    part.len() < whole.len() && whole.windows(part.len()).any(|w| w == part)
}

/// The order of uses: by date (undated last), one day's uses by source, then corpus order.
pub fn use_order(index: &Index, s: u32) -> impl Ord + '_ {
    let st = &index.statements[s as usize];
    let doc = &index.docs[st.doc as usize];
    let source = doc
        .source
        .map_or("", |i| index.sources[i as usize].0.as_str());
    (doc.date.is_none(), doc.date, source, s)
}

/// Each phrase's statements among those `keep` takes, with the phrase's count in each
/// (ascending), found in one pass over their words ([`walk`]).
fn occurrences(
    index: &Index,
    stems: &[Vec<u32>],
    keep: impl Fn(u32) -> bool,
) -> Vec<Vec<(u32, usize)>> {
    let mut out: Vec<Vec<(u32, usize)>> = vec![Vec::new(); stems.len()];
    walk(index, stems, keep, |f, s, _| {
        let statements = &mut out[f as usize];
        match statements.last_mut() {
            Some((last, n)) if *last == s => *n += 1,
            _ => statements.push((s, 1)),
        }
    });
    out
}

/// Each use of each phrase in the statements `keep` takes, as `each(phrase, statement,
/// word)`, in statement order then word order, found in one pass over their words: the
/// phrases' stems in a trie walked from every word (as a phrase query matches: consecutive
/// words with those stems).
pub(super) fn walk(
    index: &Index,
    stems: &[Vec<u32>],
    keep: impl Fn(u32) -> bool,
    mut each: impl FnMut(u32, u32, u32),
) {
    // The trie: each node's children (stem, node), and the phrases ending at it.
    let mut children: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
    let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
    let mut longest = 0;
    for (f, phrase) in stems.iter().enumerate() {
        let mut node = 0usize;
        for &k in phrase {
            node = match child(&children[node], k) {
                Some(next) => next as usize,
                None => {
                    children.push(Vec::new());
                    ends.push(Vec::new());
                    let next = children.len() - 1;
                    children[node].push((k, next as u32));
                    next
                }
            };
        }
        if !phrase.is_empty() {
            ends[node].push(f as u32);
            longest = longest.max(phrase.len());
        }
    }
    // The root's children by word id, in an array: most words start no phrase, and an
    // array answers that at once, without reading the word's stem.
    let mut root = vec![u32::MAX; index.words.len()];
    for &(k, next) in &children[0] {
        for &w in index.stem_words(k) {
            root[w as usize] = next;
        }
    }
    for s in (0..index.statements.len() as u32).filter(|&s| keep(s)) {
        let toks = index.tokens(s);
        for i in 0..toks.len() {
            let first = root[toks[i] as usize];
            if first == u32::MAX {
                continue;
            }
            let mut node = first as usize;
            let mut j = i;
            loop {
                for &f in &ends[node] {
                    each(f, s, i as u32);
                }
                j += 1;
                if j >= toks.len() || j - i >= longest {
                    break;
                }
                match child(&children[node], index.stem_of(toks[j])) {
                    Some(next) => node = next as usize,
                    None => break,
                }
            }
        }
    }
}

/// The child of a trie node by stem (nodes below the root have few).
fn child(children: &[(u32, u32)], k: u32) -> Option<u32> {
    children.iter().find(|c| c.0 == k).map(|c| c.1)
}

/// `formulas` with their uses in the whole corpus stored ([`Formula::uses`]): a table of
/// them under any filters reads no statement's words.
pub fn with_uses(index: &Index, formulas: &[Formula]) -> Vec<Formula> {
    let stems: Vec<Vec<u32>> = formulas.iter().map(|f| f.stems(index)).collect();
    let uses = occurrences(index, &stems, |_| true);
    formulas
        .iter()
        .zip(uses)
        .map(|(f, uses)| Formula {
            uses: Some(uses.into_iter().map(|(s, n)| (s, n as u32)).collect()),
            ..f.clone()
        })
        .collect()
}

/// The formulations with uses in at least two documents under `filters`, most documents
/// first (then most uses, then list order).
pub fn table(searcher: &Searcher<'_>, formulas: &[Formula], filters: &Filters) -> Vec<Entry> {
    table_where(
        searcher,
        formulas,
        |s| searcher.passes_filters(filters, s),
        2,
    )
}

/// The formulations with uses in at least `min_documents` documents among the statements
/// `keep` takes, most documents first (then most uses, then list order).
pub fn table_where(
    searcher: &Searcher<'_>,
    formulas: &[Formula],
    keep: impl Fn(u32) -> bool,
    min_documents: usize,
) -> Vec<Entry> {
    let index = searcher.index;
    let stems: Vec<Vec<u32>> = formulas.iter().map(|f| f.stems(index)).collect();
    // Each formulation's statements among those kept, with its count in each (ascending):
    // from the uses stored, else from the words.
    let counts = match formulas
        .iter()
        .map(|f| f.uses.as_ref())
        .collect::<Option<Vec<_>>>()
    {
        Some(stored) => stored
            .into_iter()
            .map(|uses| {
                uses.iter()
                    .filter(|&&(s, _)| keep(s))
                    .map(|&(s, n)| (s, n as usize))
                    .collect()
            })
            .collect(),
        None => occurrences(index, &stems, keep),
    };
    // Each statement with a use, ranked in the order of uses (keys computed once).
    let mut used: Vec<u32> = counts.iter().flatten().map(|&(s, _)| s).collect();
    used.sort_unstable();
    used.dedup();
    let keys: Vec<_> = used.iter().map(|&s| use_order(index, s)).collect();
    let by_order = crate::sort::order(used.len(), |a, b| keys[a].cmp(&keys[b]));
    let mut rank = vec![0u32; index.statements.len()];
    for (r, &i) in by_order.iter().enumerate() {
        rank[used[i as usize] as usize] = r as u32;
    }
    // The groups' members, groups in list order.
    let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
    for (f, formula) in formulas.iter().enumerate() {
        match groups.iter_mut().find(|g| g.0 == formula.group) {
            Some(g) => g.1.push(f),
            None => groups.push((formula.group, vec![f])),
        }
    }
    let mut entries: Vec<(usize, Entry)> = Vec::new();
    for (order, (_, members)) in groups.iter().enumerate() {
        let mut variants: Vec<(u32, usize)> = Vec::new();
        let mut uses: Vec<Use> = Vec::new();
        for &f in members {
            // Uses inside a longer variant of the group are that variant's.
            let longer: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&g| inside(&stems[f], &stems[g]))
                .collect();
            let mut total = 0;
            for &(s, count) in &counts[f] {
                let taken: usize = longer
                    .iter()
                    .filter_map(|&g| {
                        let c = &counts[g];
                        c.binary_search_by_key(&s, |e| e.0).ok().map(|k| c[k].1)
                    })
                    .sum();
                let count = count.saturating_sub(taken);
                if count > 0 {
                    total += count;
                    uses.push(Use {
                        stmt: s,
                        formula: f as u32,
                        count,
                    });
                }
            }
            if total > 0 {
                variants.push((f as u32, total));
            }
        }
        // In the order of uses, a statement's variants in list order (each pair once).
        let mut in_order: Vec<(u32, u32, u32, usize)> = uses
            .iter()
            .map(|u| (rank[u.stmt as usize], u.formula, u.stmt, u.count))
            .collect();
        in_order.sort_unstable();
        let uses: Vec<Use> = in_order
            .into_iter()
            .map(|(_, formula, stmt, count)| Use {
                stmt,
                formula,
                count,
            })
            .collect();
        let mut docs: Vec<u32> = uses
            .iter()
            .map(|u| index.statements[u.stmt as usize].doc)
            .collect();
        docs.sort_unstable();
        docs.dedup();
        crate::sort::by(&mut variants, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if docs.len() >= min_documents.max(1) {
            entries.push((
                order,
                Entry {
                    variants,
                    uses,
                    documents: docs.len(),
                    banality: formulas[members[0]].banality,
                },
            ));
        }
    }
    crate::sort::by(&mut entries, |(oa, a), (ob, b)| {
        b.documents
            .cmp(&a.documents)
            .then(b.count().cmp(&a.count()))
            .then(oa.cmp(ob))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;
    use std::collections::HashSet;

    /// The test corpora with formulations.
    const CORPORA: [&str; 4] = [
        "seeds",
        "tests/corpora/formulas",
        "tests/corpora/speeches",
        "tests/corpora/harbour",
    ];

    /// A formulation's uses travel as two columns and come back as they were; columns that
    /// do not add up are refused, not read as some other uses.
    #[test]
    fn stored_uses_round_trip_and_are_checked() {
        for uses in [
            None,
            Some(vec![]),
            Some(vec![(0, 1), (7, 3), (8, 1), (4_000_000, 2)]),
            Some(vec![(5, 1)]),
        ] {
            let f = Formula {
                words: vec![1, 2, 3],
                group: 0,
                surface: "a b c".into(),
                banality: 5,
                uses,
            };
            let bytes = postcard::to_allocvec(&f).unwrap();
            assert_eq!(postcard::from_bytes::<Formula>(&bytes).unwrap(), f);
        }
        let bad: [(Vec<u32>, Vec<u32>); 4] = [
            (vec![1, 2], vec![0]),
            (vec![1, 0], vec![0, 0]),
            (vec![u32::MAX, 1], vec![0, 0]),
            (vec![0], vec![u32::MAX]),
        ];
        for columns in bad {
            let stored = (
                vec![1u32],
                0u32,
                "a".to_string(),
                0u8,
                Some(columns.clone()),
            );
            let bytes = postcard::to_allocvec(&stored).unwrap();
            assert!(
                postcard::from_bytes::<Formula>(&bytes).is_err(),
                "{columns:?} read"
            );
        }
    }

    /// Every candidate phrase spans no more documents than its occurrences (those of its
    /// whole variant set, for a variant), each counted once, and so no more than the corpus
    /// has. A variant set's occurrences come by filler, not in statement order: counted in
    /// that order, a document came back once a filler, and at 50 MB (1,037 documents) the
    /// sets ranked on up to 1,998 documents, above every plain phrase, all of which were
    /// left out.
    #[test]
    fn a_candidate_spans_each_of_its_documents_once() {
        for dir in CORPORA.iter().chain(&["tests/corpora/variants"]) {
            let corpus = test_corpus(dir);
            let index = Index::build(&corpus);
            let mut candidates = phrases::Candidates::new(usize::MAX);
            phrases::repeated(&index, phrases::WINDOWS_AT_ONCE, &mut candidates);
            phrases::add_free_word_variants(&index, phrases::WINDOWS_AT_ONCE, &mut candidates);
            let mut found = candidates.into_found();
            phrases::fill(&index, &mut found);
            assert!(!found.is_empty(), "{dir}");
            let documents = |occ: &[(u32, u32)]| {
                let docs: HashSet<u32> = occ
                    .iter()
                    .map(|&(s, _)| index.statements[s as usize].doc)
                    .collect();
                docs.len()
            };
            for f in &found {
                let own = documents(&f.occ);
                if f.set == phrases::NO_SET {
                    assert_eq!(f.documents, own, "{dir}: {:?}", f.surface);
                } else {
                    assert!(f.documents >= own, "{dir}: {:?}", f.stems);
                }
                assert!(
                    f.documents <= corpus.documents.len(),
                    "{dir}: {:?} spans {} documents of {}",
                    f.stems,
                    f.documents,
                    corpus.documents.len()
                );
            }
        }
    }

    /// Tables made from the uses the build stored are the tables counted from the words,
    /// under no filter and under filters that keep a year, a speaker or a few statements;
    /// the two sets' formulations too.
    #[test]
    fn stored_uses_give_the_tables_counted_from_the_words() {
        for dir in CORPORA {
            let corpus = test_corpus(dir);
            let index = Index::build(&corpus);
            let searcher = Searcher::new(&corpus, &index);
            let formulas = find(&corpus, &index);
            let stored = with_uses(&index, &formulas);
            assert!(stored.iter().all(|f| f.uses.is_some()));
            let mut filters = vec![Filters::default()];
            if let Some(year) = index.docs.iter().find_map(|d| d.date.map(|d| d.year)) {
                filters.push(Filters {
                    years: vec![year],
                    ..Filters::default()
                });
            }
            if let Some(p) = corpus.people.first() {
                filters.push(Filters {
                    speakers: vec![p.id.clone()],
                    ..Filters::default()
                });
            }
            for f in &filters {
                assert_eq!(
                    table(&searcher, &stored, f),
                    table(&searcher, &formulas, f),
                    "{dir}: {f:?}"
                );
            }
            assert!(!table(&searcher, &stored, &filters[0]).is_empty() || formulas.is_empty());
            let n = index.statements.len() as u32;
            let a: Vec<u32> = (0..n).filter(|s| s % 3 == 0).collect();
            let b: Vec<u32> = (0..n).filter(|s| s % 3 == 1).collect();
            assert_eq!(
                crate::compare::sets::formulas_in(&searcher, &stored, &a, &b),
                crate::compare::sets::formulas_in(&searcher, &formulas, &a, &b),
                "{dir}"
            );
        }
    }

    /// The one-pass trie finds each phrase where a phrase query does, as often, on every
    /// test corpus's formulations (nested and overlapping phrases included).
    #[test]
    fn occurrences_are_the_phrase_queries() {
        for dir in ["seeds", "tests/corpora/formulas", "tests/corpora/speeches"] {
            let corpus = test_corpus(dir);
            let index = Index::build(&corpus);
            let searcher = Searcher::new(&corpus, &index);
            let formulas = find(&corpus, &index);
            let stems: Vec<Vec<u32>> = formulas.iter().map(|f| f.stems(&index)).collect();
            let fast = occurrences(&index, &stems, |s| s % 3 != 1);
            for (f, phrase) in stems.iter().enumerate() {
                let mut slow = Vec::new();
                searcher.phrase_statements(phrase, |s, n| {
                    if s % 3 != 1 {
                        slow.push((s, n));
                    }
                });
                slow.sort_unstable();
                assert_eq!(fast[f], slow, "{dir}: {}", formulas[f].surface);
            }
        }
    }

    /// Windows read in slices of a few dozen, and phrases left out as soon as they cannot
    /// rank among those read, give the formulations read whole (on every test corpus, for
    /// a few lengths of list: a short list leaves most phrases out).
    #[test]
    fn slices_and_pruning_change_nothing() {
        for dir in CORPORA {
            let corpus = test_corpus(dir);
            let index = Index::build(&corpus);
            for max in [1, 3, 10, MAX_FORMULAS] {
                let whole = find_with(&corpus, &corpus, &index, max, usize::MAX, false);
                for at_once in [1, 40, 500] {
                    assert_eq!(
                        find_with(&corpus, &corpus, &index, max, at_once, true),
                        whole,
                        "{dir}: {max} formulations, {at_once} windows at once"
                    );
                }
            }
            assert!(!find(&corpus, &index).is_empty(), "{dir} has formulations");
        }
    }
}
