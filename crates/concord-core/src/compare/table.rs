//! The side-by-side table of a comparison: [`super::align::compare`]'s rows turned into cells the
//! app draws as they are. Each cell is one sentence of one side, cut into [`Segment`]s that
//! carry its marks (changed words, shared phrases, the search's hits); the sentences of a
//! paragraph together cover its whole text, spaces and punctuation included.

use super::align::compare;
use super::{segments, Segment, Side, Unit};
use crate::query::{Query, Searcher};
use std::ops::Range;

/// One side of one row: a sentence with its marks (ranges of its paragraph's text).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Index into the corpus's documents.
    pub doc: u32,
    /// The paragraph the sentence is in.
    pub p: u32,
    /// The sentence opens its paragraph.
    pub first: bool,
    pub pieces: Vec<Segment>,
}

/// A row: an aligned pair, or a sentence of one side only (the other cell `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub cells: [Option<Cell>; 2],
}

/// Everything the comparison view shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<TableRow>,
    /// Aligned sentence pairs.
    pub pairs: usize,
    /// Sentences only on the left, only on the right.
    pub only: [usize; 2],
    /// Shared phrases.
    pub phrases: usize,
    /// Similarity as a whole percentage.
    pub percent: u32,
}

/// One side of a comparison: a document (index into the corpus's documents; one past the
/// end is an empty side) and, optionally, one paragraph of it.
pub type Pick = (u32, Option<u32>);

impl Table {
    /// Compares two picks and lays out the table, with `query`'s hits marked.
    pub fn of(searcher: &Searcher<'_>, picks: [Pick; 2], query: &Query) -> Table {
        let (corpus, index) = (searcher.corpus, searcher.index);
        let sides = picks.map(|(doc, p)| Side::from_index(corpus, index, doc, p));
        let cmp = compare(&sides[0], &sides[1]);
        let terms = |u: &Unit<'_>| -> Vec<(Range<usize>, usize)> {
            u.stmt.map_or_else(Vec::new, |s| {
                searcher
                    .highlights(query, s)
                    .into_iter()
                    .map(|h| (h.start..h.end, h.term))
                    .collect()
            })
        };
        let hits: [Vec<Vec<_>>; 2] = [0, 1].map(|k| sides[k].units.iter().map(terms).collect());
        let cell = |k: usize, s: Option<usize>| -> Option<Cell> {
            let sentence = &cmp.sentences[k][s?];
            let unit = &sides[k].units[sentence.unit];
            let marks = &cmp.marks[k][sentence.unit];
            let at = unit.sentences.iter().position(|r| *r == sentence.toks)?;
            let pieces = segments(
                unit.text,
                sentence_span(unit, at),
                &marks.changed,
                &marks.phrases,
                &hits[k][sentence.unit],
            );
            Some(Cell {
                doc: picks[k].0,
                p: unit.p,
                first: at == 0,
                pieces,
            })
        };
        let rows: Vec<TableRow> = cmp
            .rows
            .iter()
            .map(|r| TableRow {
                cells: [cell(0, r.left), cell(1, r.right)],
            })
            .collect();
        let count = |f: &dyn Fn(&TableRow) -> bool| rows.iter().filter(|r| f(r)).count();
        Table {
            pairs: count(&|r| r.cells[0].is_some() && r.cells[1].is_some()),
            only: [
                count(&|r| r.cells[1].is_none()),
                count(&|r| r.cells[0].is_none()),
            ],
            phrases: cmp.phrases,
            percent: (cmp.similarity * 100.0).round() as u32,
            rows,
        }
    }
}

/// The bytes of sentence `at` of a unit, so that its sentences together cover the text: a
/// sentence runs to the first space after its last word (its full stop and closing quotes
/// with it), the next one from there; the first starts at 0 and the last ends at the end.
pub fn sentence_span(unit: &Unit<'_>, at: usize) -> Range<usize> {
    let split = |r: &Range<usize>| -> usize {
        let after = unit.toks[r.end - 1].end as usize;
        let next = unit
            .toks
            .get(r.end)
            .map_or(unit.text.len(), |t| t.start as usize);
        let gap = &unit.text[after..next];
        after + gap.find(char::is_whitespace).unwrap_or(gap.len())
    };
    let start = if at == 0 {
        0
    } else {
        split(&unit.sentences[at - 1])
    };
    let end = if at + 1 == unit.sentences.len() {
        unit.text.len()
    } else {
        split(&unit.sentences[at])
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Vocab;

    #[test]
    fn sentences_cover_their_paragraph() {
        let text = "“We agree.” He said so, twice.  Then: peace (at last)!";
        let mut vocab = Vocab::default();
        let side = Side::from_texts(&[text], &mut vocab);
        let unit = &side.units[0];
        assert!(unit.sentences.len() >= 3, "{:?}", unit.sentences);
        let spans: Vec<Range<usize>> = (0..unit.sentences.len())
            .map(|at| sentence_span(unit, at))
            .collect();
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans.last().unwrap().end, text.len());
        for w in spans.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        // Closing punctuation stays with its sentence; the space starts the next.
        assert_eq!(&text[spans[0].clone()], "“We agree.”");
        assert!(text[spans[1].clone()].starts_with(' '));
    }
}
