//! The table shard: the index without its postings and words ([`Index::table`]), read
//! once at start-up. The statement table — the bulk of it, a row a statement — travels as
//! columns of small numbers (statements per document, paragraph gaps, lengths rather than
//! running totals), which deflate well.

use crate::index::{Index, IndexData, Stmt};
use crate::text::fold::FoldTable;
use serde::{Deserialize, Serialize};

/// The table shard's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The index's tables, the statement table left out (it is in `rows`).
    index: IndexData,
    rows: Rows,
    fold: FoldTable,
    /// Every stem's number of statements and of occurrences ([`Index::stem_counts`]).
    df: Vec<u32>,
    tf: Vec<u32>,
}

/// The statement table by columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Rows {
    /// Statements of each document, documents in order.
    per_doc: Vec<u32>,
    /// Each statement's paragraph, as the gap from the one before in its document.
    p_gaps: Vec<u32>,
    /// Each statement's speaker plus one; 0 for the narrator.
    speakers: Vec<u32>,
    stances: Vec<u8>,
    /// Tokens of each statement.
    lengths: Vec<u32>,
    /// Countries of each statement, then all of them in turn.
    country_counts: Vec<u32>,
    countries: Vec<u32>,
}

impl Table {
    /// The table of `index`, whose corpus folds with `fold`.
    pub fn of(index: &Index, fold: FoldTable) -> Table {
        let mut data = index.table();
        let mut rows = Rows::default();
        let mut last = (u32::MAX, 0);
        for (s, st) in data.statements.iter().enumerate() {
            if st.doc != last.0 {
                rows.per_doc.resize(st.doc as usize + 1, 0);
                last = (st.doc, 0);
            }
            rows.per_doc[st.doc as usize] += 1;
            rows.p_gaps.push(st.p - last.1);
            last.1 = st.p;
            rows.speakers.push(st.speaker.map_or(0, |p| p + 1));
            rows.stances.push(st.stances);
            rows.lengths.push(data.tok_start[s + 1] - data.tok_start[s]);
            let (a, b) = (data.country_start[s], data.country_start[s + 1]);
            rows.country_counts.push(b - a);
            rows.countries
                .extend(&data.stmt_countries[a as usize..b as usize]);
        }
        rows.per_doc.resize(data.docs.len(), 0);
        data.statements = Vec::new();
        data.tok_start = Vec::new();
        data.country_start = Vec::new();
        data.stmt_countries = Vec::new();
        let (df, tf) = index.stem_counts();
        Table {
            index: data,
            rows,
            fold,
            df,
            tf,
        }
    }

    /// The index it describes, with no postings and no words loaded; an error saying what
    /// disagrees when its columns do not add up.
    pub fn into_index(self) -> Result<Index, String> {
        let Table {
            mut index,
            rows,
            fold,
            df,
            tf,
        } = self;
        let n = rows.p_gaps.len();
        let total: u64 = rows.per_doc.iter().map(|&k| u64::from(k)).sum();
        if total != n as u64
            || [rows.speakers.len(), rows.stances.len(), rows.lengths.len()]
                .iter()
                .chain([&rows.country_counts.len()])
                .any(|&len| len != n)
        {
            return Err(format!(
                "the statement table's columns disagree: {total} statements by document, {n} paragraphs, {} speakers, {} stances, {} lengths, {} country counts",
                rows.speakers.len(),
                rows.stances.len(),
                rows.lengths.len(),
                rows.country_counts.len()
            ));
        }
        let countries: u64 = rows.country_counts.iter().map(|&k| u64::from(k)).sum();
        if countries != rows.countries.len() as u64 {
            return Err(format!(
                "the statement table lists {countries} countries but holds {}",
                rows.countries.len()
            ));
        }
        let overflow = || "the statement table's numbers overflow".to_string();
        let mut s = 0;
        index.tok_start = Vec::with_capacity(n + 1);
        index.country_start = Vec::with_capacity(n + 1);
        index.tok_start.push(0);
        index.country_start.push(0);
        for (doc, &k) in rows.per_doc.iter().enumerate() {
            let mut p = 0u32;
            for _ in 0..k {
                p = p.checked_add(rows.p_gaps[s]).ok_or_else(overflow)?;
                index.statements.push(Stmt {
                    doc: doc as u32,
                    p,
                    speaker: rows.speakers[s].checked_sub(1),
                    stances: rows.stances[s],
                });
                let t = index.tok_start[s]
                    .checked_add(rows.lengths[s])
                    .ok_or_else(overflow)?;
                index.tok_start.push(t);
                index
                    .country_start
                    .push(index.country_start[s] + rows.country_counts[s]);
                s += 1;
            }
        }
        index.stmt_countries = rows.countries;
        index.fold = fold;
        Index::from_table(index, df, tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;

    /// The columns give back the statement table, lengths and countries of every
    /// statement; columns that disagree are refused, not misread.
    #[test]
    fn the_statement_table_round_trips_by_columns() {
        let corpus = test_corpus("tests/corpora/speeches");
        let full = Index::build(&corpus);
        let table = Table::of(&full, FoldTable::default());
        let bytes = postcard::to_allocvec(&table).unwrap();
        let index = postcard::from_bytes::<Table>(&bytes)
            .unwrap()
            .into_index()
            .unwrap();
        assert_eq!(index.statements, full.statements);
        assert_eq!(index.totals, full.totals);
        for s in 0..full.statements.len() as u32 {
            assert_eq!(index.len(s), full.len(s));
            assert_eq!(index.countries_of(s), full.countries_of(s));
        }
        let mut bad = table.clone();
        bad.rows.lengths.pop();
        assert!(bad.into_index().unwrap_err().contains("columns disagree"));
        let mut bad = table.clone();
        bad.rows.speakers[0] = u32::MAX;
        assert!(bad.into_index().unwrap_err().contains("speaker"));
        let mut bad = table;
        bad.rows.countries.push(0);
        assert!(bad.into_index().unwrap_err().contains("countries"));
    }
}
