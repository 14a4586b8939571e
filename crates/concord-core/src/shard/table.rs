//! The table shard: the index without its postings and words ([`Index::table`]), read
//! once at start-up. The statement table — the bulk of it, a row a statement — travels as
//! columns of small numbers, which deflate well: statements per document, paragraph gaps,
//! lengths rather than running totals, each statement's countries as gaps (they are
//! ascending), and speakers by their place in their document's cast (a document has few
//! speakers, the corpus thousands: 180 kB of speaker ids at 200 MB became 109 kB).

use crate::index::{Index, IndexData, Stmt};
use crate::model::Person;
use crate::text::fold::FoldTable;
use serde::{Deserialize, Serialize};

/// The table shard's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The index's tables, the statement table and the vocabulary left out (they are in
    /// `rows`, `words` and `stems`).
    index: IndexData,
    rows: Rows,
    /// The folded words, sorted, front-coded, and each word's stem id as the gap from the
    /// word before's (a word's neighbours mostly share its stem or one close to it).
    words: Sorted,
    word_stems: Vec<i32>,
    /// The stem strings, by id, each spelt from its first word ([`Stems`]).
    stems: Stems,
    fold: FoldTable,
    /// Every stem's number of statements and of occurrences ([`Index::stem_counts`]), the
    /// occurrences as those past one a statement (mostly none for a rare word: 96 kB of
    /// counts became 51 kB deflated at 200 MB).
    df: Vec<u32>,
    tf_more: Vec<u32>,
}

/// Sorted strings, front-coded: each as the bytes it shares with the one before, then the
/// rest. Sorted vocabularies share long prefixes: at 200 MB the words took 133 kB deflated
/// as plain strings, 43 kB front-coded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Sorted {
    shared: Vec<u32>,
    rest: Vec<String>,
}

impl Sorted {
    fn of<'s>(strings: impl IntoIterator<Item = &'s str>) -> Sorted {
        let mut out = Sorted::default();
        let mut before = "";
        for s in strings {
            let k = shared_prefix(before, s);
            out.shared.push(k as u32);
            out.rest.push(s[k..].to_string());
            before = s;
        }
        out
    }

    /// The strings back; an error naming the entry whose shared prefix is not there.
    fn strings(self, what: &str) -> Result<Vec<String>, String> {
        if self.shared.len() != self.rest.len() {
            return Err(format!(
                "the {what} have {} shared lengths for {} strings",
                self.shared.len(),
                self.rest.len()
            ));
        }
        let mut out: Vec<String> = Vec::with_capacity(self.rest.len());
        for (i, (k, rest)) in self.shared.into_iter().zip(self.rest).enumerate() {
            let before = out.last().map_or("", String::as_str);
            let Some(head) = before.get(..k as usize) else {
                return Err(format!(
                    "{what} {i} shares {k} bytes with the one before, which has {}",
                    before.len()
                ));
            };
            out.push(format!("{head}{rest}"));
        }
        Ok(out)
    }
}

/// The bytes `a` and `b` begin with in common, cut between characters (the same place in
/// both strings: their bytes agree up to it).
fn shared_prefix(a: &str, b: &str) -> usize {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (0..=common)
        .rev()
        .find(|&k| b.is_char_boundary(k))
        .unwrap_or(0)
}

/// Stems spelt from words: a stem is what the stemmer makes of each of its words, so
/// mostly a word's beginning ("negoti" of "negotiate"). Stem `k` is its first word (the
/// first in the sorted table with stem `k`) less its last `cut[k]` bytes, then `rest[k]`
/// (mostly empty; "i" of "happy" → "happi"). At 200 MB (79,549 stems) they take 14 kB
/// deflated, against 133 kB front-coded on their own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Stems {
    cut: Vec<u32>,
    rest: Vec<String>,
}

impl Stems {
    /// `stems` (by id) spelt from `words` (each with its stem id).
    fn of(stems: &[String], words: &[(String, u32)]) -> Stems {
        let first = first_words(stems.len(), words);
        let mut out = Stems::default();
        for (k, stem) in stems.iter().enumerate() {
            let word = first[k].map_or("", |i| words[i].0.as_str());
            let keep = shared_prefix(word, stem);
            out.cut.push((word.len() - keep) as u32);
            out.rest.push(stem[keep..].to_string());
        }
        out
    }

    /// The stem strings back, from the words (each with its stem id); an error naming the
    /// stem that cannot be spelt.
    fn strings(self, words: &[(String, u32)]) -> Result<Vec<String>, String> {
        if self.cut.len() != self.rest.len() {
            return Err(format!(
                "the stems have {} cuts for {} endings",
                self.cut.len(),
                self.rest.len()
            ));
        }
        let first = first_words(self.cut.len(), words);
        let mut out = Vec::with_capacity(self.cut.len());
        for (k, (cut, rest)) in self.cut.into_iter().zip(self.rest).enumerate() {
            let word = first[k].map_or("", |i| words[i].0.as_str());
            let head = word
                .len()
                .checked_sub(cut as usize)
                .and_then(|keep| word.get(..keep))
                .ok_or_else(|| format!("stem {k} cuts {cut} bytes off its first word {word:?}"))?;
            out.push(format!("{head}{rest}"));
        }
        Ok(out)
    }
}

/// The first word (index into `words`) of each of `n` stems, if it has one.
fn first_words(n: usize, words: &[(String, u32)]) -> Vec<Option<usize>> {
    let mut first = vec![None; n];
    for (i, &(_, k)) in words.iter().enumerate() {
        if let Some(f @ None) = first.get_mut(k as usize) {
            *f = Some(i);
        }
    }
    first
}

/// The statement table by columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Rows {
    /// Statements of each document, documents in order.
    per_doc: Vec<u32>,
    /// Each statement's paragraph, as the gap from the one before in its document.
    p_gaps: Vec<u32>,
    /// Each statement's speaker as its place in its document's cast: 0 for the narrator,
    /// `i` for the document's `i`-th speaker (in order of first statement), one past the
    /// cast for a speaker not seen before in the document, who joins it (the next of
    /// `cast`).
    speakers: Vec<u32>,
    /// The person id of each speaker joining a cast, documents in order.
    cast: Vec<u32>,
    stances: Vec<u8>,
    /// Tokens of each statement (at most [`crate::index::MAX_STATEMENT_TOKENS`], 16 bits),
    /// as two planes of bytes: low bytes, then high bytes (nearly all zeros). Varints
    /// would spend a second byte on every statement of 128 tokens or more; deflated, the
    /// planes take 6% less.
    lengths_low: Vec<u8>,
    lengths_high: Vec<u8>,
    /// Countries of each statement, then all of them in turn, each statement's as the gap
    /// from the one before (its first as it is). Its speaker's country is left out: the
    /// index puts it in every statement of a speaker who has one ([`own_countries`]), and
    /// the people table says it (a third of the countries listed at 200 MB: 491 kB of the
    /// table deflated with it). `own_missing` lists the statements, if any, whose
    /// speaker's country is not among theirs.
    country_counts: Vec<u32>,
    countries: Vec<u32>,
    own_missing: Vec<u32>,
}

/// Each person's country as an index into `countries` (the index's country slugs), if it
/// has one listed there.
fn own_countries(people: &[Person], countries: &[String]) -> Vec<Option<u32>> {
    people
        .iter()
        .map(|p| {
            let c = p.country.as_deref()?;
            countries.iter().position(|x| x == c).map(|i| i as u32)
        })
        .collect()
}

impl Table {
    /// The table of `index`, whose corpus has `people` and folds with `fold`.
    pub fn of(index: &Index, people: &[Person], fold: FoldTable) -> Table {
        let mut data = index.table();
        let own = own_countries(people, &index.countries);
        let mut rows = Rows::default();
        let mut last = (u32::MAX, 0);
        let mut cast: Vec<u32> = Vec::new();
        for (s, st) in data.statements.iter().enumerate() {
            if st.doc != last.0 {
                rows.per_doc.resize(st.doc as usize + 1, 0);
                last = (st.doc, 0);
                cast.clear();
            }
            rows.per_doc[st.doc as usize] += 1;
            rows.p_gaps.push(st.p - last.1);
            last.1 = st.p;
            rows.speakers.push(match st.speaker {
                None => 0,
                Some(p) => match cast.iter().position(|&q| q == p) {
                    Some(i) => i as u32 + 1,
                    None => {
                        cast.push(p);
                        rows.cast.push(p);
                        cast.len() as u32
                    }
                },
            });
            rows.stances.push(st.stances);
            let len = data.tok_start[s + 1] - data.tok_start[s];
            rows.lengths_low.push(len as u8);
            rows.lengths_high.push((len >> 8) as u8);
            let (a, b) = (data.country_start[s], data.country_start[s + 1]);
            let listed = &data.stmt_countries[a as usize..b as usize];
            let own = st
                .speaker
                .and_then(|p| own.get(p as usize).copied().flatten());
            if own.is_some_and(|c| !listed.contains(&c)) {
                rows.own_missing.push(s as u32);
            }
            let mut before = 0;
            let mut count = 0;
            for &c in listed.iter().filter(|&&c| Some(c) != own) {
                rows.countries.push(c - before);
                before = c;
                count += 1;
            }
            rows.country_counts.push(count);
        }
        rows.per_doc.resize(data.docs.len(), 0);
        let words = Sorted::of(data.words.iter().map(|(w, _)| w.as_str()));
        let mut before = 0i64;
        let word_stems = data
            .words
            .iter()
            .map(|&(_, k)| {
                let gap = i64::from(k) - before;
                before = i64::from(k);
                gap as i32
            })
            .collect();
        let stems = Stems::of(&data.stems, &data.words);
        data.words = Vec::new();
        data.stems = Vec::new();
        data.statements = Vec::new();
        data.tok_start = Vec::new();
        data.country_start = Vec::new();
        data.stmt_countries = Vec::new();
        let (df, tf) = index.stem_counts();
        // A stem occurs at least once in each of its statements.
        let tf_more = tf.iter().zip(&df).map(|(t, d)| t - d).collect();
        Table {
            index: data,
            rows,
            words,
            word_stems,
            stems,
            fold,
            df,
            tf_more,
        }
    }

    /// The index it describes, with no postings and no words loaded (its corpus has
    /// `people`); an error saying what disagrees when its columns do not add up.
    pub fn into_index(self, people: &[Person]) -> Result<Index, String> {
        let Table {
            mut index,
            rows,
            words,
            word_stems,
            stems,
            fold,
            df,
            tf_more,
        } = self;
        let n = rows.p_gaps.len();
        let total: u64 = rows.per_doc.iter().map(|&k| u64::from(k)).sum();
        if total != n as u64
            || [
                rows.speakers.len(),
                rows.stances.len(),
                rows.lengths_low.len(),
                rows.lengths_high.len(),
                rows.country_counts.len(),
            ]
            .iter()
            .any(|&len| len != n)
        {
            return Err(format!(
                "the statement table's columns disagree: {total} statements by document, {n} paragraphs, {} speakers, {} stances, {}+{} lengths, {} country counts",
                rows.speakers.len(),
                rows.stances.len(),
                rows.lengths_low.len(),
                rows.lengths_high.len(),
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
        let own = own_countries(people, &index.countries);
        let mut own_missing = rows.own_missing.iter().copied().peekable();
        let mut s = 0;
        index.tok_start = Vec::with_capacity(n + 1);
        index.country_start = Vec::with_capacity(n + 1);
        index.stmt_countries = Vec::with_capacity(rows.countries.len());
        index.tok_start.push(0);
        index.country_start.push(0);
        let mut joining = rows.cast.iter();
        let mut read = 0;
        let mut cast: Vec<u32> = Vec::new();
        for (doc, &k) in rows.per_doc.iter().enumerate() {
            let mut p = 0u32;
            cast.clear();
            for _ in 0..k {
                p = p.checked_add(rows.p_gaps[s]).ok_or_else(overflow)?;
                let speaker = match rows.speakers[s] as usize {
                    0 => None,
                    i if i <= cast.len() => Some(cast[i - 1]),
                    i if i == cast.len() + 1 => {
                        let p = *joining.next().ok_or_else(|| {
                            format!("statement {s} brings a speaker the cast column lacks")
                        })?;
                        cast.push(p);
                        Some(p)
                    }
                    i => {
                        return Err(format!(
                            "statement {s} has speaker {i} of a cast of {} in its document",
                            cast.len()
                        ))
                    }
                };
                index.statements.push(Stmt {
                    doc: doc as u32,
                    p,
                    speaker,
                    stances: rows.stances[s],
                });
                let len = u32::from(rows.lengths_high[s]) << 8 | u32::from(rows.lengths_low[s]);
                let t = index.tok_start[s].checked_add(len).ok_or_else(overflow)?;
                index.tok_start.push(t);
                let start = index.stmt_countries.len();
                let Some(gaps) = rows
                    .countries
                    .get(read..read + rows.country_counts[s] as usize)
                else {
                    return Err(format!("statement {s}'s countries run past the column"));
                };
                read += gaps.len();
                let mut c = 0u32;
                for &gap in gaps {
                    c = c.checked_add(gap).ok_or_else(overflow)?;
                    index.stmt_countries.push(c);
                }
                let missing = own_missing.next_if_eq(&(s as u32)).is_some();
                if let Some(c) = speaker.and_then(|p| own.get(p as usize).copied().flatten()) {
                    let listed = &mut index.stmt_countries[start..];
                    if !missing && !listed.contains(&c) {
                        let at = listed.partition_point(|&x| x < c);
                        index.stmt_countries.insert(start + at, c);
                    }
                }
                index.country_start.push(index.stmt_countries.len() as u32);
                s += 1;
            }
        }
        if joining.next().is_some() {
            return Err("the cast column lists more speakers than the statements bring".into());
        }
        if let Some(s) = own_missing.next() {
            return Err(format!(
                "statement {s} is listed without its speaker's country, out of order or past the last"
            ));
        }
        let words = words.strings("words")?;
        if word_stems.len() != words.len() {
            return Err(format!(
                "{} words but {} stem ids",
                words.len(),
                word_stems.len()
            ));
        }
        let mut k = 0i64;
        index.words = Vec::with_capacity(words.len());
        for (w, gap) in words.into_iter().zip(word_stems) {
            k += i64::from(gap);
            let id = u32::try_from(k).map_err(|_| format!("word {w:?} has stem id {k}"))?;
            index.words.push((w, id));
        }
        index.stems = stems.strings(&index.words)?;
        index.fold = fold;
        let tf = df
            .iter()
            .zip(&tf_more)
            .map(|(d, more)| d.checked_add(*more).ok_or_else(overflow))
            .collect::<Result<_, _>>()?;
        Index::from_table(index, df, tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;

    /// Front coding cuts between characters: "é" and "è" share a first byte, not a
    /// character.
    #[test]
    fn front_coding_keeps_characters_whole() {
        let words = [
            "",
            "caf",
            "cafè",
            "café",
            "cafés",
            "日本",
            "日本語",
            "日本語",
        ];
        let coded = Sorted::of(words);
        assert_eq!(coded.shared, [0, 0, 3, 3, 5, 0, 6, 9]);
        assert_eq!(coded.clone().strings("words").unwrap(), words);
        let mut bad = coded;
        bad.shared[3] = 4;
        assert!(bad
            .strings("words")
            .unwrap_err()
            .contains("words 3 shares 4 bytes"));
    }

    /// Stems are spelt from their first word, whether they are its beginning, end
    /// otherwise ("happi" of "happy") or cut a character's bytes ("é" folds to no "e"
    /// here, so the stem ends inside the word's last character); a cut longer than the
    /// word is refused, not misread.
    #[test]
    fn stems_are_spelt_from_their_first_word() {
        let words: Vec<(String, u32)> = [
            ("happier", 0),
            ("happy", 0),
            ("negotiate", 1),
            ("negotiations", 1),
            ("passé", 2),
            ("ran", 3),
        ]
        .iter()
        .map(|&(w, k)| (w.to_string(), k))
        .collect();
        let stems: Vec<String> = ["happi", "negoti", "passè", "run"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let coded = Stems::of(&stems, &words);
        assert_eq!(coded.cut, [2, 3, 2, 2]);
        assert_eq!(coded.rest, ["", "", "è", "un"]);
        assert_eq!(coded.clone().strings(&words).unwrap(), stems);
        let mut bad = coded;
        bad.cut[1] = 10;
        assert!(bad
            .strings(&words)
            .unwrap_err()
            .contains("stem 1 cuts 10 bytes off its first word \"negotiate\""));
    }

    /// The columns give back the statement table, lengths and countries of every
    /// statement; columns that disagree are refused, not misread.
    #[test]
    fn the_statement_table_round_trips_by_columns() {
        // Speeches (a speaker a document), readouts and transcripts (casts of several,
        // speakers returning), hostile files.
        let (mut casts, mut long, mut own_left_out) = (0, 0, 0);
        // And a speech of long paragraphs (lengths past a byte).
        let long_speech: String = (0..3)
            .map(|p| {
                let words: Vec<String> =
                    (0..300 + p * 200).map(|i| format!("w{}", i % 97)).collect();
                format!("{}.\n\n", words.join(" "))
            })
            .collect();
        let long_input = crate::corpus::Input {
            files: vec![crate::corpus::SourceFile {
                path: "2021-01-01-long.txt".into(),
                bytes: long_speech.into_bytes(),
            }],
            ..Default::default()
        };
        for dir in [
            "tests/corpora/speeches",
            "seeds",
            "tests/corpora/harbour",
            "tests/corpora/hostile",
            "long",
        ] {
            let corpus = match dir {
                "long" => crate::corpus::build(&long_input).unwrap().0,
                _ => test_corpus(dir),
            };
            let full = Index::build(&corpus);
            let table = Table::of(&full, &corpus.people, FoldTable::default());
            let bytes = postcard::to_allocvec(&table).unwrap();
            let index = postcard::from_bytes::<Table>(&bytes)
                .unwrap()
                .into_index(&corpus.people)
                .unwrap();
            // The speakers' own countries are left out of the column, and put back.
            own_left_out += (0..full.statements.len() as u32)
                .map(|s| full.countries_of(s).len())
                .sum::<usize>()
                - table.rows.countries.len();
            assert_eq!(index.statements, full.statements, "{dir}");
            assert_eq!(index.totals, full.totals, "{dir}");
            assert_eq!(index.table(), full.table(), "{dir}");
            for s in 0..full.statements.len() as u32 {
                assert_eq!(index.len(s), full.len(s), "{dir}");
                long += usize::from(full.len(s) >= 256);
                assert_eq!(index.countries_of(s), full.countries_of(s), "{dir}");
            }
            // A speaker coming back after another in the same document.
            casts += table
                .rows
                .speakers
                .windows(2)
                .filter(|w| w[0] > w[1] && w[1] > 0)
                .count();
        }
        assert!(
            casts > 0,
            "no test corpus has a speaker returning within a document"
        );
        assert!(long > 0, "no test statement has a length's high byte");
        assert!(own_left_out > 0, "no speaker's country was left out");
        let corpus = test_corpus("tests/corpora/speeches");
        let people = &corpus.people;
        let table = Table::of(&Index::build(&corpus), people, FoldTable::default());
        let mut bad = table.clone();
        bad.rows.lengths_high.pop();
        assert!(bad
            .into_index(people)
            .unwrap_err()
            .contains("columns disagree"));
        let mut bad = table.clone();
        bad.rows.speakers[0] = u32::MAX;
        assert!(bad.into_index(people).unwrap_err().contains("speaker"));
        let mut bad = table.clone();
        bad.words.shared[1] = 99;
        assert!(bad
            .into_index(people)
            .unwrap_err()
            .contains("words 1 shares 99 bytes"));
        let mut bad = table.clone();
        bad.word_stems[0] = -1;
        assert!(bad.into_index(people).unwrap_err().contains("stem id -1"));
        let mut bad = table.clone();
        bad.rows.cast.pop();
        assert!(bad.into_index(people).unwrap_err().contains("cast column"));
        let mut bad = table.clone();
        bad.rows.cast.push(0);
        assert!(bad.into_index(people).unwrap_err().contains("cast column"));
        let mut bad = table.clone();
        bad.rows.countries.push(0);
        assert!(bad.into_index(people).unwrap_err().contains("countries"));
        let mut bad = table;
        bad.rows.own_missing.push(u32::MAX);
        assert!(bad
            .into_index(people)
            .unwrap_err()
            .contains("without its speaker's country"));
    }

    /// A statement whose speaker's country is not among its countries (the people table
    /// says another than the index was built with) is listed as such, and read back as it
    /// was.
    #[test]
    fn a_statement_without_its_speakers_country_round_trips() {
        let corpus = test_corpus("seeds");
        let full = Index::build(&corpus);
        let mut people = corpus.people.clone();
        let mut changed = 0;
        for st in &full.statements {
            let Some(p) = st.speaker else { continue };
            let person = &mut people[p as usize];
            if person.country.is_some() && changed < 2 {
                // A country of the corpus that no statement of theirs names.
                let other = full.countries.iter().find(|c| {
                    full.statements
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.speaker == Some(p))
                        .all(|(s, _)| {
                            !full
                                .countries_of(s as u32)
                                .iter()
                                .any(|&i| full.countries[i as usize] == **c)
                        })
                });
                if let Some(other) = other {
                    person.country = Some(other.clone());
                    changed += 1;
                }
            }
        }
        assert!(changed > 0, "no speaker to give another country");
        let table = Table::of(&full, &people, FoldTable::default());
        assert!(!table.rows.own_missing.is_empty());
        let index = table.into_index(&people).unwrap();
        for s in 0..full.statements.len() as u32 {
            assert_eq!(index.countries_of(s), full.countries_of(s));
        }
    }
}
