//! Finding candidate phrases (build time): repeated word runs on stems, variants with one
//! word free, and whole phrases cut at constituent edges. See the parent module for the
//! rules; every threshold is a constant there.

use super::{Text, MAX_HEADS, MAX_WORDS, MIN_WORDS, NEARLY};
use crate::compare::formulas::names::Names;
use crate::index::Index;
use crate::text::lexicon;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::ops::Range;

/// Occurrences of one phrase: statement id and word position, in statement order.
pub(super) type Occurrences = Vec<(u32, u32)>;

/// [`Found::set`] of a phrase in no variant set.
pub(super) const NO_SET: u32 = u32::MAX;

/// A phrase found, before ranking.
pub(super) struct Found {
    pub stems: Vec<u32>,
    pub uses: usize,
    /// Documents of the phrase, or of its variant set.
    pub documents: usize,
    /// Variant set found by a window with a free word, or by the heads of a phrase cut
    /// before its head ([`NO_SET`]: none).
    pub set: u32,
    /// Every occurrence, in statement order; only the first while the phrase is a
    /// candidate ([`Candidates`]), all again once [`fill`]ed.
    pub occ: Occurrences,
    /// The word positions where a use has a content word (a bit each): a variant's ends
    /// and free word, which its windows had (0 for any other phrase: every use of its
    /// stems counts). [`fill`] finds its uses again by it.
    pub content: u16,
    /// Its most frequent spelling (filled in by [`whole`]).
    pub surface: String,
    /// The stems of a longer phrase whose variant group it joins: a variant whose set
    /// partner was left out as a part of that phrase ([`parts`]).
    pub joins: Option<Vec<u32>>,
}

impl Found {
    fn first(&self) -> (u32, u32) {
        self.occ[0]
    }
}

/// The statement's stem at word position `i`, if it has that many words.
fn stem_at(index: &Index, s: u32, i: u32) -> Option<u32> {
    index.tokens(s).get(i as usize).map(|&w| index.stem_of(w))
}

/// True when the word at position `i` of statement `s` is a content word.
fn content_at(index: &Index, s: u32, i: u32) -> bool {
    !index.is_stop(index.tokens(s)[i as usize])
}

/// The number of documents of occurrences (in statement order: out of it, a document
/// would be counted again each time it comes back).
pub(super) fn docs(index: &Index, occ: &[(u32, u32)]) -> usize {
    debug_assert!(
        occ.windows(2).all(|w| w[0].0 <= w[1].0),
        "occurrences in statement order"
    );
    let mut last = u32::MAX;
    let mut count = 0;
    for &(s, _) in occ {
        let d = index.statements[s as usize].doc;
        if d != last {
            count += 1;
            last = d;
        }
    }
    count
}

/// True when all but a tenth ([`NEARLY`]) of the `len`-word phrase's occurrences `occ`,
/// spanning two documents or more, go on the same way to a content word within the
/// [`MAX_WORDS`] limit: to the right (`step` 1) or the left (`step` -1). The phrase is then
/// a part of that longer phrase.
fn grows(index: &Index, occ: &Occurrences, len: u32, step: i64) -> bool {
    let need = (occ.len() as f32 * NEARLY).ceil() as usize;
    let mut alive: Occurrences = occ.clone();
    for k in 1..=(MAX_WORDS as i64 - len as i64) {
        let at = |i: u32| {
            let j = if step > 0 {
                i as i64 + len as i64 - 1 + k
            } else {
                i as i64 - k
            };
            u32::try_from(j).ok()
        };
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for &(s, i) in &alive {
            if let Some(st) = at(i).and_then(|j| stem_at(index, s, j)) {
                *counts.entry(st).or_default() += 1;
            }
        }
        let Some((best, n)) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            return false;
        };
        if n < need {
            return false;
        }
        alive.retain(|&(s, i)| at(i).and_then(|j| stem_at(index, s, j)) == Some(best));
        let (s0, i0) = alive[0];
        let j0 = at(i0).expect("a word there");
        if content_at(index, s0, j0) {
            return docs(index, &alive) >= 2;
        }
    }
    false
}

/// Windows sorted at once, at most: finding reads the corpus's windows in slices of about
/// this many, by ranges of their first stem ([`first_stems`]), so that its memory does not
/// grow with the corpus (a window is 20 to 28 bytes; each slice is read in the order the
/// whole would be). Measured on the generated 50 MB corpus: slices of 2M windows keep the
/// peak 40 MB under slices of 4M, for the same time.
pub(super) const WINDOWS_AT_ONCE: usize = 1 << 21;

/// Ranges of stem ids, in order, whose occurrences add up to about `at_once` or fewer each
/// (a stem with more is a range of its own), with that sum: every window starting with a
/// stem of one range is read in one slice, of at most that many windows.
fn first_stems(index: &Index, at_once: usize) -> Vec<(Range<u32>, usize)> {
    let mut ranges = Vec::new();
    let (mut start, mut sum) = (0u32, 0usize);
    for k in 0..index.stem_count() as u32 {
        let n = index.stem_total(k);
        if sum > 0 && sum + n > at_once {
            ranges.push((start..k, sum));
            (start, sum) = (k, 0);
        }
        sum += n;
    }
    ranges.push((start..index.stem_count() as u32, sum));
    ranges
}

/// The phrases found so far, of which only those that can still rank among the first
/// `limit` by documents keep their occurrences (all [`whole`] reads): finding holds a few
/// thousand phrases, not the millions a large corpus repeats. Every phrase as long as a
/// variant window is remembered, so a variant is still told from a phrase found before it.
pub(super) struct Candidates {
    /// Phrases with at least [`Candidates::floor`] documents when they were added.
    found: Vec<Found>,
    /// The stems of the phrases in `found` as long as a variant window
    /// ([`VARIANT_WINDOWS`]: the only ones looked up), with their place there.
    kept: HashMap<Box<[u32]>, u32>,
    /// The fingerprints of those left out ([`fingerprint`]): 8 bytes a phrase where their
    /// stems took about 70 (300 MB at 200 MB of text).
    left_out: HashSet<u64>,
    /// The documents of the `limit` phrases with the most (the fewest on top).
    best: BinaryHeap<Reverse<usize>>,
    limit: usize,
    /// Length of `found` after it was last cut to the floor.
    cut_at: usize,
}

/// A phrase's stems as 64 bits (xxh3). Two phrases of one fingerprint would be taken for
/// one: with n phrases remembered and m looked up, that happens with a chance of about
/// n·m / 2^64, under one in a hundred thousand for the ten million of 200 MB of text.
fn fingerprint(stems: &[u32]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for k in stems {
        h.update(&k.to_le_bytes());
    }
    h.digest()
}

impl Candidates {
    pub(super) fn new(limit: usize) -> Self {
        Candidates {
            found: Vec::new(),
            kept: HashMap::new(),
            left_out: HashSet::new(),
            best: BinaryHeap::new(),
            limit,
            cut_at: 0,
        }
    }

    /// Fewest documents a phrase can have and still rank among the first `limit`.
    fn floor(&self) -> usize {
        match self.best.peek() {
            Some(&Reverse(d)) if self.best.len() >= self.limit => d,
            _ => 0,
        }
    }

    /// Whether a phrase of these stems (as many as a variant window) was added, and if so
    /// its place when it is kept.
    fn place(&self, stems: &[u32]) -> Option<Option<usize>> {
        debug_assert!(VARIANT_WINDOWS.contains(&stems.len()));
        match self.kept.get(stems) {
            Some(&at) => Some(Some(at as usize)),
            None => self.left_out.contains(&fingerprint(stems)).then_some(None),
        }
    }

    fn add(&mut self, mut f: Found) {
        self.best.push(Reverse(f.documents));
        if self.best.len() > self.limit {
            self.best.pop();
        }
        let looked_up = VARIANT_WINDOWS.contains(&f.stems.len());
        if f.documents < self.floor() {
            if looked_up {
                self.left_out.insert(fingerprint(&f.stems));
            }
            return;
        }
        if looked_up {
            self.kept
                .insert(f.stems.clone().into_boxed_slice(), self.found.len() as u32);
        }
        // Its first use only (ranking reads it): the uses of the few that are read are
        // found again ([`fill`]). Held all along, the uses of the thousands of phrases
        // kept on the way were most of finding's memory.
        f.occ.truncate(1);
        f.occ.shrink_to_fit();
        self.found.push(f);
        if self.found.len() > self.cut_at.max(self.limit).saturating_mul(2) {
            self.cut();
        }
    }

    /// Leaves out the phrases kept that are now under the floor.
    fn cut(&mut self) {
        let floor = self.floor();
        let (found, left): (Vec<Found>, Vec<Found>) = std::mem::take(&mut self.found)
            .into_iter()
            .partition(|f| f.documents >= floor);
        for f in left {
            if self.kept.remove(f.stems.as_slice()).is_some() {
                self.left_out.insert(fingerprint(&f.stems));
            }
        }
        for (at, f) in found.iter().enumerate() {
            if let Some(place) = self.kept.get_mut(f.stems.as_slice()) {
                *place = at as u32;
            }
        }
        self.found = found;
        self.cut_at = self.found.len();
    }

    /// Every phrase that can rank among the first `limit` (and perhaps a few more with as
    /// many documents as the last of them), unranked.
    pub(super) fn into_found(mut self) -> Vec<Found> {
        self.cut();
        self.found
    }
}

/// Every phrase of [`MIN_WORDS`] to [`MAX_WORDS`] words found in two or more documents,
/// starting and ending with a content word, that is not a part of a longer one with nearly
/// the same uses ([`grows`]); level by level: the repeated windows of one length are
/// extended by a word to the right to make the next. Read in slices of windows by their
/// first stem ([`first_stems`]): a phrase and every longer one it makes start with the
/// same stem.
pub(super) fn repeated(index: &Index, at_once: usize, found: &mut Candidates) {
    for (stems, windows) in first_stems(index, at_once) {
        repeated_from(index, stems, windows, found);
    }
}

/// [`repeated`], for the phrases whose first stem is in `first` (`most` windows or fewer).
fn repeated_from(index: &Index, first: Range<u32>, most: usize, found: &mut Candidates) {
    let n = index.statements.len() as u32;
    let docs = |occ: &Occurrences| docs(index, occ);
    // Level MIN_WORDS: every window with its stems, sorted so equal windows are together.
    let mut windows: Vec<([u32; MIN_WORDS], u32, u32)> = Vec::with_capacity(most);
    for s in 0..n {
        let toks = index.tokens(s);
        for (i, w) in toks.windows(MIN_WORDS).enumerate() {
            if first.contains(&index.stem_of(w[0])) {
                windows.push((std::array::from_fn(|k| index.stem_of(w[k])), s, i as u32));
            }
        }
    }
    windows.sort_unstable();
    let mut level: Vec<(Vec<u32>, Occurrences)> = Vec::new();
    for run in windows.chunk_by(|a, b| a.0 == b.0) {
        let occ: Occurrences = run.iter().map(|&(_, s, i)| (s, i)).collect();
        if docs(&occ) >= 2 {
            level.push((run[0].0.to_vec(), occ));
        }
    }
    drop(windows);
    let mut size = MIN_WORDS;
    while !level.is_empty() {
        let mut next_level: Vec<(Vec<u32>, Occurrences)> = Vec::new();
        for (key, occ) in level {
            let len = size as u32;
            // Extended to the right by the next word, when there is one.
            let mut right: HashMap<u32, Occurrences> = HashMap::new();
            for &(s, i) in &occ {
                if let Some(k) = stem_at(index, s, i + len) {
                    right.entry(k).or_default().push((s, i));
                }
            }
            let edges_ok = content_at(index, occ[0].0, occ[0].1)
                && content_at(index, occ[0].0, occ[0].1 + len - 1);
            if edges_ok
                && !grows(index, &occ, len, -1)
                && (size == MAX_WORDS || !grows(index, &occ, len, 1))
            {
                let d = docs(&occ);
                found.add(Found {
                    stems: key.clone(),
                    uses: occ.len(),
                    documents: d,
                    set: NO_SET,
                    occ,
                    content: 0,
                    surface: String::new(),
                    joins: None,
                });
            }
            if size < MAX_WORDS {
                for (k, r) in right {
                    if docs(&r) >= 2 {
                        let mut longer = key.clone();
                        longer.push(k);
                        next_level.push((longer, r));
                    }
                }
            }
        }
        level = next_level;
        size += 1;
    }
}

/// Finds again the uses of the phrases `found` (candidates, which hold their first use
/// only): every use of their stems, in one pass over the corpus's words, a variant's
/// only where its windows had content words ([`Found::content`]).
pub(super) fn fill(index: &Index, found: &mut [Found]) {
    let stems: Vec<Vec<u32>> = found.iter().map(|f| f.stems.clone()).collect();
    let mut uses: Vec<Occurrences> = vec![Vec::new(); found.len()];
    super::walk(
        index,
        &stems,
        |_| true,
        |f, s, i| {
            let content = found[f as usize].content;
            let kept = (0..16)
                .filter(|k| content & (1 << k) != 0)
                .all(|k| content_at(index, s, i + k));
            if kept {
                uses[f as usize].push((s, i));
            }
        },
    );
    for (f, occ) in found.iter_mut().zip(uses) {
        debug_assert_eq!(f.occ.first(), occ.first(), "{:?}", f.stems);
        debug_assert_eq!(f.uses, occ.len(), "{:?}", f.stems);
        f.occ = occ;
    }
}

/// A window with one free word: the other words' stems (padded), the free word's stem,
/// statement and position.
type Window = ([u32; 4], u32, u32, u32);

/// The lengths of the windows with one free word, longest first.
const VARIANT_WINDOWS: [usize; 2] = [5, 4];

/// Adds the variants that occur in one document each: windows of 5 or 4 words with one
/// inner word free, whose other words recur in two or more documents, the free word taking
/// two or more content words. A free word already covered by a longer window is not counted
/// again. Returns the number of sets made (their ids are `0..` that number). Windows are
/// read in slices by their first stem, in the order of the whole ([`first_stems`]).
pub(super) fn add_free_word_variants(index: &Index, at_once: usize, found: &mut Candidates) -> u32 {
    let n = index.statements.len() as u32;
    let docs = |occ: &Occurrences| docs(index, occ);
    // Where each statement's words start among all the corpus's: a free word covered is a
    // bit of `covered`.
    let mut start = Vec::with_capacity(n as usize + 1);
    start.push(0usize);
    for s in 0..n {
        start.push(start[s as usize] + index.len(s));
    }
    let mut covered = vec![0u64; start[n as usize].div_ceil(64)];
    let bit = |s: u32, i: u32| start[s as usize] + i as usize;
    let is_covered = |covered: &[u64], b: usize| covered[b / 64] & (1 << (b % 64)) != 0;
    let mut sets = 0u32;
    let slices = first_stems(index, at_once);
    for size in VARIANT_WINDOWS {
        for free in 1..size - 1 {
            for (first, most) in &slices {
                let mut windows: Vec<Window> = Vec::with_capacity(*most);
                for s in 0..n {
                    let toks = index.tokens(s);
                    for (i, w) in toks.windows(size).enumerate() {
                        let content = |k: usize| !index.is_stop(w[k]);
                        let wanted = first.contains(&index.stem_of(w[0]))
                            && content(0)
                            && content(size - 1)
                            && content(free);
                        if !wanted {
                            continue;
                        }
                        let mut key = [u32::MAX; 4];
                        for (slot, k) in (0..size).filter(|&k| k != free).enumerate() {
                            key[slot] = index.stem_of(w[k]);
                        }
                        windows.push((key, index.stem_of(w[free]), s, i as u32));
                    }
                }
                windows.sort_unstable();
                for run in windows.chunk_by(|a, b| a.0 == b.0) {
                    // The run is sorted by free word first: its occurrences are put back in
                    // statement order to count their documents (counted in the run's order,
                    // a set's documents were the sum of its fillers', more than the corpus
                    // has, and they ranked every variant above every plain phrase).
                    let mut occ: Occurrences = run.iter().map(|&(_, _, s, i)| (s, i)).collect();
                    occ.sort_unstable();
                    if docs(&occ) < 2
                        || run.iter().all(|w| w.1 == run[0].1)
                        || run
                            .iter()
                            .all(|w| is_covered(&covered, bit(w.2, w.3 + free as u32)))
                    {
                        continue;
                    }
                    let group_docs = docs(&occ);
                    let mut fillers: Vec<&[Window]> = run.chunk_by(|a, b| a.1 == b.1).collect();
                    crate::sort::by_key(&mut fillers, |f| (f[0].2, f[0].3));
                    for filler in fillers {
                        let (s0, i0) = (filler[0].2, filler[0].3);
                        let stems: Vec<u32> = index.tokens(s0)[i0 as usize..i0 as usize + size]
                            .iter()
                            .map(|&w| index.stem_of(w))
                            .collect();
                        for w in filler {
                            let b = bit(w.2, w.3 + free as u32);
                            covered[b / 64] |= 1 << (b % 64);
                        }
                        match found.place(&stems) {
                            Some(Some(f)) if found.found[f].set == NO_SET => {
                                found.found[f].set = sets;
                            }
                            Some(_) => {}
                            None => found.add(Found {
                                stems,
                                uses: filler.len(),
                                documents: group_docs,
                                set: sets,
                                occ: filler.iter().map(|w| (w.2, w.3)).collect(),
                                content: 1 << 0 | 1 << free | 1 << (size - 1),
                                surface: String::new(),
                                joins: None,
                            }),
                        }
                    }
                    sets += 1;
                }
            }
        }
    }
    sets
}

/// Ranks phrases: most documents, then most uses, then longer, then first in the corpus.
pub(super) fn rank(found: &mut [Found]) {
    crate::sort::by(found, |a, b| {
        b.documents
            .cmp(&a.documents)
            .then(b.uses.cmp(&a.uses))
            .then(b.stems.len().cmp(&a.stems.len()))
            .then(a.first().cmp(&b.first()))
            .then(a.stems.cmp(&b.stems))
    });
}

/// The whole phrases among `found` (ranked), at most `max`, in rank order, and the pairs
/// of heads that are substitutable (see [`Heads`]). Each phrase is opened by the
/// preposition every use has before it ([`open_left`]); a phrase cut before its head
/// ([`Edges::heads`]) is replaced by itself with each of its [`MAX_HEADS`] most used heads
/// that is substitutable with another of them or spans two documents on its own, when its
/// other words hold a content word that is not a name word; names are left out
/// ([`Names`]); each is spelled as written. `sets` is the next free variant set id. Only
/// the first [`SEARCHED`] × `max` phrases are read.
pub(super) fn whole(
    index: &Index,
    text: &mut Text<'_>,
    names: &Names,
    mut found: Vec<Found>,
    mut sets: u32,
    max: usize,
) -> (Vec<Found>, Heads) {
    let mut edges = Edges {
        index,
        text,
        names,
        name: HashMap::new(),
        modifier: HashMap::new(),
    };
    found.truncate(SEARCHED * max);
    // First pass: edges, and which heads take each other's place after the same words.
    let mut cut: Vec<Option<Vec<(u32, Occurrences)>>> = Vec::with_capacity(found.len());
    let mut substitutable = Heads::default();
    for f in &mut found {
        open_left(index, f);
        let heads = edges.heads(f);
        if let Some(heads) = &heads {
            substitutable.add_frame(heads, f.stems.len() as u32);
        }
        cut.push(heads);
    }
    let mut kept: Vec<Found> = Vec::new();
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    let mut keep = |mut f: Found, kept: &mut Vec<Found>, edges: &mut Edges<'_, '_>| {
        f.surface = edges.text.most_frequent(&f.occ, f.stems.len());
        if !names.is_name(&f.surface) && seen.insert(f.stems.clone()) {
            kept.push(f);
        }
    };
    for (f, heads) in found.into_iter().zip(cut) {
        if kept.len() >= max {
            break;
        }
        let Some(heads) = heads else {
            keep(f, &mut kept, &mut edges);
            continue;
        };
        // Cut before its head: itself with each head.
        let (s0, i0) = f.first();
        let frame = (0..f.stems.len() as u32).any(|k| edges.plain(s0, i0 + k));
        if f.set != NO_SET || f.stems.len() >= MAX_WORDS || !frame {
            continue;
        }
        let top: Vec<u32> = heads.iter().take(MAX_HEADS).map(|h| h.0).collect();
        for (head, occ) in heads.into_iter().take(MAX_HEADS) {
            let partner = top.iter().any(|&h| substitutable.pair(h, head));
            let documents = docs(index, &occ);
            if !partner && documents < 2 {
                continue;
            }
            let mut stems = f.stems.clone();
            stems.push(head);
            let member = Found {
                stems,
                uses: occ.len(),
                documents,
                set: sets,
                occ,
                content: 0,
                surface: String::new(),
                joins: None,
            };
            if edges.heads(&member).is_none() {
                keep(member, &mut kept, &mut edges);
            }
        }
        sets += 1;
    }
    let mut kept = parts(index, &mut edges, kept, &mut seen);
    kept.truncate(max);
    (kept, substitutable)
}

/// Leaves out the phrases that are parts of longer ones kept: a phrase all but a tenth
/// ([`NEARLY`]) of whose uses are inside longer kept phrases ("just and lasting
/// settlement" inside "just and lasting settlement of the river question" and "… of the
/// river issue"). A variant found with one word free that is such a part first lends the
/// words around it in the longer phrase to the other members of its set, as far as their
/// uses have the same words around them and the result is not cut before its head ("just
/// and enduring settlement" → "just and enduring settlement of the river question"; "a
/// durable and equitable partnership" → "durable and equitable partnership on river and sea
/// freight" beside "build a durable and balanced partnership on river and sea freight");
/// the other member, lent to or not, joins the longer phrase's variant group.
fn parts(
    index: &Index,
    edges: &mut Edges<'_, '_>,
    mut kept: Vec<Found>,
    seen: &mut HashSet<Vec<u32>>,
) -> Vec<Found> {
    // Where each phrase stands inside a longer one: (longer, offset).
    let inside = |kept: &[Found], p: usize| -> Vec<(usize, usize)> {
        let part = &kept[p].stems;
        (0..kept.len())
            .filter(|&q| kept[q].stems.len() > part.len())
            .flat_map(|q| {
                let whole = &kept[q].stems;
                (0..=whole.len() - part.len())
                    .filter(move |&o| &whole[o..o + part.len()] == part.as_slice())
                    .map(move |o| (q, o))
            })
            .collect()
    };
    let at = |occ: &Occurrences, s: u32, i: i64| {
        u32::try_from(i).is_ok_and(|i| occ.binary_search(&(s, i)).is_ok())
    };
    let covered = |kept: &[Found], p: usize, containers: &[(usize, usize)]| {
        let n = kept[p].occ.iter().filter(|&&(s, i)| {
            containers
                .iter()
                .any(|&(q, o)| at(&kept[q].occ, s, i as i64 - o as i64))
        });
        n.count() as f32 >= NEARLY * kept[p].occ.len() as f32
    };
    let count = kept.len();
    for p in 0..count {
        let containers = inside(&kept, p);
        if kept[p].set == NO_SET || containers.is_empty() || !covered(&kept, p, &containers) {
            continue;
        }
        let partners: Vec<usize> = (0..count)
            .filter(|&m| m != p && kept[m].set == kept[p].set && kept[m].joins.is_none())
            .collect();
        for m in partners {
            let mut lent = false;
            for &(q, o) in &containers {
                let Some(longer) = lend(index, &kept[q].stems, o, &kept[m]) else {
                    continue;
                };
                if longer.stems.len() == kept[m].stems.len()
                    || edges.heads(&longer).is_some()
                    || !seen.insert(longer.stems.clone())
                {
                    continue;
                }
                let surface = edges.text.most_frequent(&longer.occ, longer.stems.len());
                kept.push(Found {
                    surface,
                    joins: Some(kept[q].stems.clone()),
                    ..longer
                });
                lent = true;
                break;
            }
            if !lent {
                kept[m].joins = Some(kept[containers[0].0].stems.clone());
            }
        }
    }
    // Then the parts left out.
    let drop: Vec<bool> = (0..kept.len())
        .map(|p| {
            let containers = inside(&kept, p);
            !containers.is_empty() && covered(&kept, p, &containers)
        })
        .collect();
    kept.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(f, _)| f)
        .collect()
}

/// The phrase `member` with the words around it that `whole` has around its part at
/// offset `o`, as far as every use of `member` has them, without stopwords at its ends.
fn lend(index: &Index, whole: &[u32], o: usize, member: &Found) -> Option<Found> {
    let len = member.stems.len();
    let after = whole.len() - o - len;
    // Words matched before and after, over every use.
    let (mut before_n, mut after_n) = (o, after);
    for &(s, i) in &member.occ {
        let before = (1..=o)
            .take_while(|&k| {
                i.checked_sub(k as u32)
                    .and_then(|j| stem_at(index, s, j))
                    .is_some_and(|st| st == whole[o - k])
            })
            .count();
        let later = (0..after)
            .take_while(|&k| stem_at(index, s, i + (len + k) as u32) == Some(whole[o + len + k]))
            .count();
        before_n = before_n.min(before);
        after_n = after_n.min(later);
    }
    let (s0, i0) = member.first();
    let stop = |j: u32| index.is_stop(index.tokens(s0)[j as usize]);
    while before_n > 0 && stop(i0 - before_n as u32) {
        before_n -= 1;
    }
    while after_n > 0 && stop(i0 + (len + after_n - 1) as u32) {
        after_n -= 1;
    }
    let stems: Vec<u32> = whole[o - before_n..o]
        .iter()
        .chain(&member.stems)
        .chain(&whole[o + len..o + len + after_n])
        .copied()
        .collect();
    let occ: Occurrences = member
        .occ
        .iter()
        .map(|&(s, i)| (s, i - before_n as u32))
        .collect();
    Some(Found {
        stems,
        uses: occ.len(),
        documents: member.documents,
        set: member.set,
        occ,
        content: 0,
        surface: String::new(),
        joins: None,
    })
}

/// Phrases read for each one kept, at most ([`whole`]).
pub(super) const SEARCHED: usize = 4;

/// Heads that take each other's place: two head words are substitutable when each of
/// them is used, in [`PLACES`] places of the corpus or more, as the head of words that the
/// other is also the head of ("question" and "issue" after "solution to the Palestinian"
/// and "settlement of the Palestinian"; not "people" and "question", when "question" is
/// the head of "cause of the Palestinian" once only).
#[derive(Default)]
pub(super) struct Heads {
    /// For each pair of head stems (the smaller first), the places (statement, word
    /// position) of each one as the head of words the other is also the head of.
    places: HashMap<(u32, u32), [Places; 2]>,
}

/// Places of a word: (statement, word position).
type Places = HashSet<(u32, u32)>;

/// Places each of two heads must be used in to be substitutable.
pub(super) const PLACES: usize = 2;

impl Heads {
    /// Adds the heads of one phrase of `len` words cut before its head.
    fn add_frame(&mut self, heads: &[(u32, Occurrences)], len: u32) {
        let heads = &heads[..heads.len().min(2 * MAX_HEADS)];
        for (n, (a, occ_a)) in heads.iter().enumerate() {
            for (b, occ_b) in &heads[n + 1..] {
                let (first, second) = if a < b {
                    (occ_a, occ_b)
                } else {
                    (occ_b, occ_a)
                };
                let slot = self.places.entry((*a.min(b), *a.max(b))).or_default();
                slot[0].extend(first.iter().map(|&(s, i)| (s, i + len)));
                slot[1].extend(second.iter().map(|&(s, i)| (s, i + len)));
            }
        }
    }

    /// True when head stems `a` and `b` are substitutable.
    pub(super) fn pair(&self, a: u32, b: u32) -> bool {
        a != b
            && self
                .places
                .get(&(a.min(b), a.max(b)))
                .is_some_and(|[x, y]| x.len() >= PLACES && y.len() >= PLACES)
    }
}

/// Where phrases end: the words after them, and what those words are.
struct Edges<'a, 't> {
    index: &'a Index,
    text: &'a mut Text<'t>,
    names: &'a Names,
    /// Whether a word as written is a name word, once asked.
    name: HashMap<String, bool>,
    /// Whether a stem is a modifier in most of its uses, once asked.
    modifier: HashMap<u32, bool>,
}

impl Edges<'_, '_> {
    /// True when word `i` of statement `s` is a content word and not a name word.
    fn plain(&mut self, s: u32, i: u32) -> bool {
        content_at(self.index, s, i) && !self.name_word(s, i)
    }

    /// True when word `i` of statement `s`, as written there, is a name word.
    fn name_word(&mut self, s: u32, i: u32) -> bool {
        let word = self.text.at(s, i, 1);
        if let Some(&known) = self.name.get(&word) {
            return known;
        }
        let is = self.names.is_name(&word);
        self.name.insert(word, is);
        is
    }

    /// What word `i` of statement `s` goes straight on to (no punctuation between, a
    /// hyphen aside): a content word that is not a name word, a name word, or neither.
    fn next(&mut self, s: u32, i: u32) -> Next {
        let Some(&w) = self.index.tokens(s).get(i as usize + 1) else {
            return Next::Other;
        };
        if self.index.is_stop(w) || !self.text.joined(s, i) {
            Next::Other
        } else if self.name_word(s, i + 1) {
            Next::Name
        } else {
            Next::Plain
        }
    }

    /// True when stem `k` goes straight on to a content word (a name word too) in more
    /// than half of its uses in the corpus (the first [`MODIFIER_SAMPLE`]): a modifier,
    /// such as an adjective before its noun.
    fn modifier(&mut self, k: u32) -> bool {
        if let Some(&known) = self.modifier.get(&k) {
            return known;
        }
        let post = self.index.postings(k);
        let (mut headed, mut seen) = (0, 0);
        'all: for j in 0..post.stmts.len() {
            for &i in post.positions(j) {
                if seen == MODIFIER_SAMPLE {
                    break 'all;
                }
                seen += 1;
                headed += usize::from(self.next(post.stmts[j], i as u32) != Next::Other);
            }
        }
        let is = headed * 2 > seen;
        self.modifier.insert(k, is);
        is
    }

    /// When the phrase was cut before its head, its heads (content words that are not
    /// name words) with their occurrences, most used first (then first in the corpus);
    /// `None` for a whole phrase. A phrase is cut before its head when more than half of
    /// its uses go straight on to a content word that is not a name word ("solution to the
    /// Palestinian" + "question"), or at least half go on to a content word, names
    /// included, and its last word does so in most of its uses in the corpus ("an
    /// independent" + "Palestinian state"). A verb before a name ("firmly supports" +
    /// "Syria") is not cut, nor a phrase ending in a capitalised word that is not a name
    /// word: a proper name ends there ("Kessel Peace Initiative" + "offers").
    fn heads(&mut self, f: &Found) -> Option<Vec<(u32, Occurrences)>> {
        let len = f.stems.len() as u32;
        let (s0, i0) = f.first();
        let last = self.text.at(s0, i0 + len - 1, 1);
        if last.starts_with(char::is_uppercase) && !self.name_word(s0, i0 + len - 1) {
            return None; // a proper name ends there ("Kessel Peace Initiative")
        }
        let mut by_head: HashMap<u32, Occurrences> = HashMap::new();
        let (mut plain, mut named) = (0, 0);
        for &(s, i) in &f.occ {
            match self.next(s, i + len - 1) {
                Next::Plain => {
                    plain += 1;
                    let w = self.index.tokens(s)[(i + len) as usize];
                    by_head
                        .entry(self.index.stem_of(w))
                        .or_default()
                        .push((s, i));
                }
                Next::Name => named += 1,
                Next::Other => {}
            }
        }
        let n = f.occ.len();
        let cut =
            plain * 2 > n || ((plain + named) * 2 >= n && self.modifier(f.stems[len as usize - 1]));
        if !cut {
            return None;
        }
        let mut heads: Vec<(u32, Occurrences)> = by_head.into_iter().collect();
        crate::sort::by(&mut heads, |a, b| {
            b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0]))
        });
        Some(heads)
    }
}

/// What follows a word ([`Edges::next`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Plain,
    Name,
    Other,
}

/// Uses of a word read to tell whether it is a modifier ([`Edges::modifier`]).
const MODIFIER_SAMPLE: usize = 200;

/// Opens the phrase with the preposition before it ([`lexicon::PHRASE_OPENERS`]: "as soon
/// as possible", "on behalf of …") while every use has the same one there.
fn open_left(index: &Index, f: &mut Found) {
    while f.stems.len() < MAX_WORDS {
        let (s0, i0) = f.first();
        if i0 == 0 {
            return;
        }
        let w0 = index.tokens(s0)[i0 as usize - 1];
        if !lexicon::contains(lexicon::PHRASE_OPENERS, &index.words[w0 as usize].0) {
            return;
        }
        let stem = index.stem_of(w0);
        let all = f
            .occ
            .iter()
            .all(|&(s, i)| i > 0 && stem_at(index, s, i - 1) == Some(stem));
        if !all {
            return;
        }
        f.stems.insert(0, stem);
        f.occ.iter_mut().for_each(|o| o.1 -= 1);
    }
}
