//! Two sides set against each other, sentence by sentence.
//!
//! 1. **Sentences** of each side ([`crate::text::sentences`]) become sets of content stems
//!    (stopwords left out).
//! 2. **Alignment**: every pair of sentences sharing a stem that is not among the right
//!    side's commonest (in more than 1 in 20 of its sentences, and more than 8) is scored
//!    with Dice's coefficient; pairs scoring at least [`ALIGN_MIN`] are candidates, and the
//!    aligned pairs
//!    are the chain of candidates in order on both sides (no crossing) with the largest
//!    total score. Sentences outside the chain stand on their own rows. Moved sentences
//!    therefore show as removed on one side and added on the other.
//! 3. **Word diff** inside each aligned pair, on folded words (so case and accents are not
//!    changes), with `similar`'s Myers diff and no deadline (a deadline reads the wall clock,
//!    which traps on `wasm32-unknown-unknown`).
//! 4. **Shared phrases**: maximal runs of at least [`MIN_PHRASE`] words with the same stems
//!    on both sides, not all stopwords and within one paragraph on each side, taken longest
//!    first so that no word belongs to two (greedy string tiling). They are numbered in
//!    order of their first word on the left.
//! 5. **Similarity**: words left unchanged by the diffs of aligned pairs, over all words:
//!    `2 × same / (left + right)`.
//!
//! Cost stays near linear: candidate pairs come from an inverted list of the right side's
//! stems (common stems only bound the score, so few pairs are scored exactly), shared
//! phrases start from a sorted table of the right side's 3-word runs, and the chain is found
//! with a Fenwick tree in O(k log k) for k candidates.

use super::{content_stems, dice, Side};
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::collections::HashMap;
use std::ops::Range;

/// Least Dice score of two sentences' content stems for them to be aligned.
pub const ALIGN_MIN: f32 = 0.3;
/// Fewest words in a shared phrase.
pub const MIN_PHRASE: usize = 3;
/// A 3-word sequence occurring more often than this on the right is not used to start a
/// shared phrase (it still takes part inside a longer one), so repetitive text stays fast.
const MAX_STARTS: usize = 64;

/// A sentence of a side: its unit (paragraph) and word range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index into `side.units`.
    pub unit: usize,
    /// Range of the unit's `toks`.
    pub toks: Range<usize>,
}

/// One row of the comparison: an aligned pair, or a sentence found on one side only.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into [`Comparison::sentences`]`[0]`.
    pub left: Option<usize>,
    /// Index into [`Comparison::sentences`]`[1]`.
    pub right: Option<usize>,
    /// Dice score of the pair's content stems (0 for one-sided rows).
    pub score: f32,
}

/// Marks of one side's unit: byte ranges of changed words, and of shared phrases with their
/// number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Words of aligned sentences that the other sentence does not have, merged into runs.
    pub changed: Vec<Range<usize>>,
    /// Shared phrases, by start.
    pub phrases: Vec<(Range<usize>, u32)>,
}

/// The result of [`compare`]. Index `0` is the left side, `1` the right.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub sentences: [Vec<Sentence>; 2],
    pub rows: Vec<Row>,
    /// Per side, per unit.
    pub marks: [Vec<Marks>; 2],
    /// Number of shared phrases.
    pub phrases: usize,
    /// Words unchanged inside aligned pairs (counted on each side).
    pub same: usize,
    /// `2 × same / (left words + right words)`, from 0 to 1.
    pub similarity: f32,
}

/// Compares two sides (see the module documentation).
pub fn compare(left: &Side<'_>, right: &Side<'_>) -> Comparison {
    let sentences = [sentences_of(left), sentences_of(right)];
    let sets: [Vec<Vec<u32>>; 2] = [0, 1].map(|k| {
        let side = if k == 0 { left } else { right };
        sentences[k]
            .iter()
            .map(|s| content_stems(&side.units[s.unit].toks[s.toks.clone()]))
            .collect()
    });
    let chain = align(&sets[0], &sets[1]);
    let mut rows = Vec::with_capacity(sentences[0].len() + sentences[1].len());
    let (mut i, mut j) = (0, 0);
    for &(a, b, score) in chain
        .iter()
        .chain([(sentences[0].len(), sentences[1].len(), 0.0)].iter())
    {
        while i < a {
            rows.push(Row {
                left: Some(i),
                right: None,
                score: 0.0,
            });
            i += 1;
        }
        while j < b {
            rows.push(Row {
                left: None,
                right: Some(j),
                score: 0.0,
            });
            j += 1;
        }
        if a < sentences[0].len() && b < sentences[1].len() {
            rows.push(Row {
                left: Some(a),
                right: Some(b),
                score,
            });
            i = a + 1;
            j = b + 1;
        }
    }
    let mut marks = [
        vec![Marks::default(); left.units.len()],
        vec![Marks::default(); right.units.len()],
    ];
    let mut same = 0;
    for &(a, b, _) in &chain {
        let (sa, sb) = (&sentences[0][a], &sentences[1][b]);
        let (ua, ub) = (&left.units[sa.unit], &right.units[sb.unit]);
        let wa: Vec<u32> = ua.toks[sa.toks.clone()].iter().map(|t| t.word).collect();
        let wb: Vec<u32> = ub.toks[sb.toks.clone()].iter().map(|t| t.word).collect();
        for op in capture_diff_slices(Algorithm::Myers, &wa, &wb) {
            let (tag, ra, rb) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                same += ra.len();
                continue;
            }
            if !ra.is_empty() {
                let r = sa.toks.start + ra.start..sa.toks.start + ra.end;
                marks[0][sa.unit].changed.push(ua.bytes(r));
            }
            if !rb.is_empty() {
                let r = sb.toks.start + rb.start..sb.toks.start + rb.end;
                marks[1][sb.unit].changed.push(ub.bytes(r));
            }
        }
    }
    for side in &mut marks {
        for m in side.iter_mut() {
            crate::sort::by_key(&mut m.changed, |r| r.start);
        }
    }
    let phrases = shared_phrases(left, right, &mut marks);
    let total = left.len() + right.len();
    Comparison {
        sentences,
        rows,
        marks,
        phrases,
        same,
        similarity: if total == 0 {
            0.0
        } else {
            2.0 * same as f32 / total as f32
        },
    }
}

fn sentences_of(side: &Side<'_>) -> Vec<Sentence> {
    side.units
        .iter()
        .enumerate()
        .flat_map(|(unit, u)| {
            u.sentences.iter().map(move |r| Sentence {
                unit,
                toks: r.clone(),
            })
        })
        .collect()
}

/// The best chain of aligned pairs `(left, right, score)`, ascending on both sides.
fn align(left: &[Vec<u32>], right: &[Vec<u32>]) -> Vec<(usize, usize, f32)> {
    let mut by_stem: HashMap<u32, Vec<u32>> = HashMap::new();
    for (j, set) in right.iter().enumerate() {
        for &k in set {
            by_stem.entry(k).or_default().push(j as u32);
        }
    }
    // Candidates share at least one stem that is not among the right side's commonest (in
    // more than 1 in 20 of its sentences, and more than 8): common words alone do not make
    // two sentences the same, and their long lists would make this quadratic. Each
    // candidate is then scored exactly.
    let common = (right.len() / 20).max(8);
    let mut overlap = vec![0u32; right.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut candidates: Vec<(usize, usize, f32)> = Vec::new();
    for (i, set) in left.iter().enumerate() {
        let mut skipped = 0usize;
        for k in set {
            match by_stem.get(k) {
                Some(js) if js.len() <= common => {
                    for &j in js {
                        if overlap[j as usize] == 0 {
                            touched.push(j);
                        }
                        overlap[j as usize] += 1;
                    }
                }
                Some(_) => skipped += 1,
                None => {}
            }
        }
        for &j in &touched {
            let partial = std::mem::take(&mut overlap[j as usize]) as usize;
            let other = &right[j as usize];
            // The skipped stems can add at most `skipped` to the overlap: score exactly
            // only the pairs that could still reach the threshold.
            let most = 2.0 * (partial + skipped) as f32 / (set.len() + other.len()) as f32;
            if most >= ALIGN_MIN {
                let score = dice(set, other);
                if score >= ALIGN_MIN {
                    candidates.push((i, j as usize, score));
                }
            }
        }
        touched.clear();
    }
    // Left ascending, right descending, so pairs of one left sentence never chain.
    crate::sort::by(&mut candidates, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    // Heaviest increasing chain: best[c] = score[c] + max best[c'] over earlier c' with a
    // smaller right index, the maximum kept in a Fenwick tree indexed by right index.
    let n = right.len();
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); n + 1];
    let mut back = vec![usize::MAX; candidates.len()];
    let mut best = (0.0f32, usize::MAX);
    for (c, &(_, j, score)) in candidates.iter().enumerate() {
        let mut prev = (0.0f32, usize::MAX);
        let mut x = j; // prefix over right indexes < j (tree positions 1..=j)
        while x > 0 {
            if tree[x].0 > prev.0 {
                prev = tree[x];
            }
            x &= x - 1;
        }
        back[c] = prev.1;
        let total = (prev.0 + score, c);
        if total.0 > best.0 {
            best = total;
        }
        let mut x = j + 1;
        while x <= n {
            if total.0 > tree[x].0 {
                tree[x] = total;
            }
            x += x & x.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut c = best.1;
    while c != usize::MAX {
        chain.push(candidates[c]);
        c = back[c];
    }
    chain.reverse();
    chain
}

/// Finds the shared phrases, adds them to `marks`, and returns how many there are.
fn shared_phrases(left: &Side<'_>, right: &Side<'_>, marks: &mut [Vec<Marks>; 2]) -> usize {
    // Each side's stems in one sequence, with a separator between paragraphs that never
    // matches (different on the two sides).
    let flat = |side: &Side<'_>, sep: u32| {
        let mut stems = Vec::with_capacity(side.len() + side.units.len());
        let mut at = Vec::with_capacity(stems.capacity());
        let mut content = Vec::with_capacity(stems.capacity());
        for (u, unit) in side.units.iter().enumerate() {
            for (i, t) in unit.toks.iter().enumerate() {
                stems.push(t.stem);
                at.push((u, i));
                content.push(t.content);
            }
            stems.push(sep);
            at.push((u, usize::MAX));
            content.push(false);
        }
        (stems, at, content)
    };
    let (ls, lat, lcontent) = flat(left, u32::MAX);
    let (rs, rat, _) = flat(right, u32::MAX - 1);
    let is_sep = |k: u32| k >= u32::MAX - 1;
    // Every 3-word start on the right, sorted by its stems: a start on the left looks up its
    // run by binary search.
    let mut starts: Vec<([u32; 3], u32)> = (0..rs.len().saturating_sub(2))
        .map(|j| ([rs[j], rs[j + 1], rs[j + 2]], j as u32))
        .filter(|(key, _)| !key.iter().any(|&k| is_sep(k)))
        .collect();
    starts.sort_unstable();
    let mut matches: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..ls.len().saturating_sub(2) {
        let key = [ls[i], ls[i + 1], ls[i + 2]];
        let from = starts.partition_point(|(k, _)| *k < key);
        let to = from + starts[from..].partition_point(|(k, _)| *k == key);
        if to == from || to - from > MAX_STARTS {
            continue;
        }
        for &(_, j) in &starts[from..to] {
            let j = j as usize;
            if i > 0 && j > 0 && ls[i - 1] == rs[j - 1] {
                continue; // not maximal: the match starts earlier
            }
            let mut len = 3;
            while i + len < ls.len() && j + len < rs.len() && ls[i + len] == rs[j + len] {
                len += 1;
            }
            if len >= MIN_PHRASE && lcontent[i..i + len].iter().any(|&c| c) {
                matches.push((len, i, j));
            }
        }
    }
    crate::sort::by(&mut matches, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let mut used = [vec![false; ls.len()], vec![false; rs.len()]];
    let mut tiles: Vec<(usize, usize, usize)> = Vec::new();
    for (len, i, j) in matches {
        if used[0][i..i + len].iter().any(|&u| u) || used[1][j..j + len].iter().any(|&u| u) {
            continue;
        }
        used[0][i..i + len].fill(true);
        used[1][j..j + len].fill(true);
        tiles.push((i, j, len));
    }
    tiles.sort_unstable();
    for (id, &(i, j, len)) in tiles.iter().enumerate() {
        for (k, (side, at, start)) in [(left, &lat, i), (right, &rat, j)].into_iter().enumerate() {
            let (u, first) = at[start];
            let last = at[start + len - 1].1;
            let bytes = side.units[u].bytes(first..last + 1);
            marks[k][u].phrases.push((bytes, id as u32));
        }
    }
    for side in marks.iter_mut() {
        for m in side.iter_mut() {
            crate::sort::by_key(&mut m.phrases, |(r, _)| r.start);
        }
    }
    tiles.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Side, Vocab};

    fn run(a: &[&str], b: &[&str]) -> (Comparison, String) {
        let mut vocab = Vocab::default();
        let (l, r) = (
            Side::from_texts(a, &mut vocab),
            Side::from_texts(b, &mut vocab),
        );
        let c = compare(&l, &r);
        // A compact picture of the rows: "L|R" with sentence texts.
        let text = |side: &Side<'_>, k: usize, s: Option<usize>| {
            s.map_or(String::from("-"), |s| {
                let s = &c.sentences[k][s];
                side.units[s.unit].text[side.units[s.unit].bytes(s.toks.clone())].to_string()
            })
        };
        let rows: Vec<String> = c
            .rows
            .iter()
            .map(|row| format!("{} | {}", text(&l, 0, row.left), text(&r, 1, row.right)))
            .collect();
        (c, rows.join("\n"))
    }

    #[test]
    fn aligns_in_order_with_one_sided_rows() {
        let (c, rows) = run(
            &["China supports peace talks. The weather was fine. Israel must stop settlements."],
            &["China firmly supports peace talks. Israel must halt settlements. Trade grew."],
        );
        assert_eq!(
            rows,
            "China supports peace talks | China firmly supports peace talks\n\
             The weather was fine | -\n\
             Israel must stop settlements | Israel must halt settlements\n\
             - | Trade grew"
        );
        assert!(c.similarity > 0.5 && c.similarity < 1.0, "{}", c.similarity);
    }

    #[test]
    fn word_diff_marks_only_the_changed_words() {
        let a = "China supports peace talks.";
        let b = "China firmly supports peace negotiations.";
        let (c, _) = run(&[a], &[b]);
        let left: Vec<&str> = c.marks[0][0]
            .changed
            .iter()
            .map(|r| &a[r.clone()])
            .collect();
        let right: Vec<&str> = c.marks[1][0]
            .changed
            .iter()
            .map(|r| &b[r.clone()])
            .collect();
        assert_eq!(left, ["talks"]);
        assert_eq!(right, ["firmly", "negotiations"]);
        // Case and accents are not changes.
        let (c, _) = run(&["Côte d'Ivoire agreed."], &["COTE D'IVOIRE agreed."]);
        assert!(c.marks[0][0].changed.is_empty());
        assert_eq!(c.similarity, 1.0);
    }

    #[test]
    fn shared_phrases_are_maximal_and_numbered_left_to_right() {
        let a =
            "They seek a comprehensive, just and lasting solution. Also the two-state solution.";
        let b =
            "On the two-state solution, they want a comprehensive just and lasting solution soon.";
        let (c, _) = run(&[a], &[b]);
        assert_eq!(c.phrases, 2);
        let left: Vec<(&str, u32)> = c.marks[0][0]
            .phrases
            .iter()
            .map(|(r, id)| (&a[r.clone()], *id))
            .collect();
        let right: Vec<(&str, u32)> = c.marks[1][0]
            .phrases
            .iter()
            .map(|(r, id)| (&b[r.clone()], *id))
            .collect();
        assert_eq!(
            left,
            [
                ("a comprehensive, just and lasting solution", 0),
                ("the two-state solution", 1)
            ]
        );
        assert_eq!(
            right,
            [
                ("the two-state solution", 1),
                ("a comprehensive just and lasting solution", 0)
            ]
        );
    }

    #[test]
    fn stopword_runs_are_not_shared_phrases_and_paragraphs_do_not_join() {
        let (c, _) = run(
            &["It is in the", "interest of all"],
            &["it is in the interest of all"],
        );
        // "interest of all" is shared; "it is in the" is only stopwords; nothing crosses the
        // paragraph break on the left.
        assert_eq!(c.phrases, 1);
        assert_eq!(c.marks[0][1].phrases.len(), 1);
        assert!(c.marks[0][0].phrases.is_empty());
    }

    #[test]
    fn empty_sides() {
        let (c, rows) = run(&[], &["Something said."]);
        assert_eq!(rows, "- | Something said");
        assert_eq!(c.similarity, 0.0);
        let (c, rows) = run(&[], &[]);
        assert!(rows.is_empty() && c.rows.is_empty());
    }
}
