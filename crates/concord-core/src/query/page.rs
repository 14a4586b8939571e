//! Paging the results list: pages of a fixed number of statements in result order, each
//! page's statements grouped by their document (a document's run may span two pages).

use super::{Results, StatementHit};

/// One page of the results.
#[derive(Debug, PartialEq)]
pub struct Page<'r> {
    /// The page's number, from 1 (a number past the end is the last page).
    pub number: usize,
    /// How many pages there are (at least 1, even with no results).
    pub pages: usize,
    /// The page's statements as runs of one document each: (document index, its hits).
    pub groups: Vec<(u32, &'r [StatementHit])>,
    /// How many statements the whole page has (`groups` may hold fewer; see [`Results::page`]).
    pub size: usize,
}

impl Page<'_> {
    /// The number of statements in `groups`.
    pub fn shown(&self) -> usize {
        self.groups.iter().map(|(_, h)| h.len()).sum()
    }

    /// True when `groups` holds the whole page.
    pub fn whole(&self) -> bool {
        self.shown() == self.size
    }
}

impl Results {
    /// Page `number` (from 1; past the end means the last) of `per_page` statements, with
    /// at most `limit` of its statements in `groups` (the first part of a page drawn in two).
    ///
    /// ```
    /// use concord_core::query::{DocumentHit, Results, StatementHit};
    /// let hit = |stmt| StatementHit { stmt, score: 0.0 };
    /// let doc = |doc, stmts: &[u32]| DocumentHit { doc, score: 0.0, statements: stmts.iter().map(|&s| hit(s)).collect() };
    /// let r = Results { statements: 5, documents: vec![doc(0, &[0, 1, 2]), doc(1, &[7, 8])], ..Results::default() };
    /// let page = r.page(2, 2, usize::MAX);
    /// assert_eq!((page.number, page.pages, page.size), (2, 3, 2));
    /// assert_eq!(page.groups.iter().map(|(d, h)| (*d, h.len())).collect::<Vec<_>>(), [(0, 1), (1, 1)]);
    /// ```
    pub fn page(&self, number: usize, per_page: usize, limit: usize) -> Page<'_> {
        let per_page = per_page.max(1);
        let pages = self.statements.div_ceil(per_page).max(1);
        let number = number.clamp(1, pages);
        let skip = (number - 1) * per_page;
        let size = self.statements.saturating_sub(skip).min(per_page);
        let mut want = size.min(limit);
        let mut groups = Vec::new();
        let mut seen = 0usize;
        for d in &self.documents {
            if want == 0 {
                break;
            }
            let n = d.statements.len();
            if seen + n <= skip {
                seen += n;
                continue;
            }
            let from = skip.saturating_sub(seen);
            let take = (n - from).min(want);
            groups.push((d.doc, &d.statements[from..from + take]));
            want -= take;
            seen += n;
        }
        Page {
            number,
            pages,
            groups,
            size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::DocumentHit;

    fn results(docs: &[usize]) -> Results {
        let mut stmt = 0;
        let documents = docs
            .iter()
            .enumerate()
            .map(|(d, &n)| DocumentHit {
                doc: d as u32,
                score: 0.0,
                statements: (0..n)
                    .map(|_| {
                        stmt += 1;
                        StatementHit {
                            stmt: stmt - 1,
                            score: 0.0,
                        }
                    })
                    .collect(),
            })
            .collect();
        Results {
            statements: docs.iter().sum(),
            documents,
            ..Results::default()
        }
    }

    fn ids(page: &Page) -> Vec<u32> {
        page.groups
            .iter()
            .flat_map(|(_, h)| h.iter().map(|h| h.stmt))
            .collect()
    }

    #[test]
    fn pages_cut_across_documents() {
        let r = results(&[3, 4, 1, 5]);
        let all: Vec<u32> = (0..13).collect();
        let mut joined = Vec::new();
        for n in 1..=4 {
            let page = r.page(n, 4, usize::MAX);
            assert_eq!(page.pages, 4);
            assert!(page.whole());
            joined.extend(ids(&page));
        }
        assert_eq!(joined, all);
        assert_eq!(r.page(1, 4, usize::MAX).groups.len(), 2); // 3 of doc 0, 1 of doc 1
        assert_eq!(r.page(4, 4, usize::MAX).size, 1);
    }

    #[test]
    fn numbers_out_of_range_and_limits() {
        let r = results(&[3, 4]);
        assert_eq!(r.page(0, 5, usize::MAX).number, 1);
        assert_eq!(r.page(99, 5, usize::MAX).number, 2);
        let first = r.page(1, 5, 2);
        assert_eq!(
            (ids(&first), first.size, first.whole()),
            (vec![0, 1], 5, false)
        );
        let empty = results(&[]);
        let page = empty.page(3, 20, 6);
        assert_eq!((page.number, page.pages, page.size), (1, 1, 0));
        assert!(page.whole() && page.groups.is_empty());
    }
}
