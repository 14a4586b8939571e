//! The query language, parsed leniently: any input gives the best query it can, plus a list
//! of problems with their positions, so live typing never "errors out".
//!
//! | syntax | meaning |
//! |---|---|
//! | `negotiate peace` | both words (stemmed: `negotiate` finds "negotiations") |
//! | `"two-state solution"` | the exact sequence of words; any number of phrases |
//! | `xi OR abbas`, `(xi OR abbas) peace` | either; parentheses group |
//! | `-israel`, `NOT israel`, `-"peace process"` | without |
//! | `negoti*` | any word starting so (not stemmed) |
//! | `speaker:wang-yi` `country:oman` `source:cgtn` `kind:phone-call` | field filters (slugs or names) |
//! | `year:2023` `after:2023-06` `before:2023-12-31` | dates at year, month or day precision, inclusive |
//!
//! **The word being typed** ([`parse_typed`], what the app searches): when the query does not
//! end with a space and its last term is a bare word (not quoted, no `*`, not a field, not
//! excluded), that word also matches every corpus word it begins: `presi` finds "president"
//! and "presidency" as well as the stem of "presi". A space after it makes it a whole word
//! again. The rule reads only the text, so a link with `q=presi` shows what the typist saw.
//!
//! Words inside the query go through [`crate::text::analyze`], like the statements: a word
//! that analyses to several tokens (`two-state`, `U.S.`) is a phrase; one that analyses to
//! none (`—`) is dropped. `OR`, `AND` and `NOT` are operators only in capitals; `AND` is the
//! default and may be omitted.

use super::lex::{lex, Lex, Tok};
use crate::model::{Date, Stance};
use crate::text::analyze::{analyze_in, fold_in};
use crate::text::fold::FoldTable;
use crate::text::slug_in;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// `None` when the query has no search terms: everything matches (before filters).
    pub expr: Option<Expr>,
    /// The positive terms and phrases, in order of first appearance; highlights refer to
    /// them by index (one colour each).
    pub legend: Vec<Legend>,
    pub problems: Vec<Problem>,
}

impl Query {
    /// The word being typed, when it completes ([`parse_typed`]): its legend index and the
    /// prefix it completes.
    pub fn completing(&self) -> Option<(usize, &str)> {
        fn find(e: &Expr) -> Option<(usize, &str)> {
            match e {
                Expr::Prefix {
                    prefix,
                    stem: Some(_),
                    legend: Some(k),
                } => Some((*k, prefix.as_str())),
                Expr::And(items) | Expr::Or(items) => items.iter().find_map(find),
                _ => None,
            }
        }
        self.expr.as_ref().and_then(find)
    }
}

/// One entry of the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Legend {
    /// As typed (a phrase without its quotes, a prefix with its `*`).
    pub label: String,
    pub kind: LegendKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKind {
    Word,
    Phrase,
    Prefix,
    /// The word being typed: its stem, or any word it begins (label `presi…`).
    Completing,
}

/// Something in the query that was not understood, and was skipped or repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Character offsets (0-based) of the problem in the query.
    pub start: usize,
    pub end: usize,
    /// For people: says the position 1-based ("unclosed quote at 14").
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A stemmed word, and the word as typed. `legend` is `None` under a negation.
    Word {
        stem: String,
        text: String,
        legend: Option<usize>,
    },
    /// Consecutive stemmed words, and the phrase as typed.
    Phrase {
        stems: Vec<String>,
        text: String,
        legend: Option<usize>,
    },
    /// Folded words starting with `prefix`; with `stem`, the words of that stem too (the
    /// word being typed, see [`parse_typed`]).
    Prefix {
        prefix: String,
        stem: Option<String>,
        legend: Option<usize>,
    },
    Field(Field),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// A field filter written in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Speaker(String),
    Country(String),
    Source(String),
    Kind(String),
    /// Statements with a position of this stance.
    Stance(Stance),
    Year(i32),
    After(Date),
    Before(Date),
}

/// Field names, as written before the colon.
pub const FIELDS: [&str; 8] = [
    "speaker", "country", "source", "kind", "stance", "year", "after", "before",
];

struct Parser<'t> {
    toks: Vec<Tok>,
    at: usize,
    problems: Vec<Problem>,
    len: usize,
    /// The corpus's fold table (in the app; natively the full rule is used).
    table: Option<&'t FoldTable>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Lex> {
        self.toks.get(self.at).map(|t| &t.lex)
    }

    fn problem(&mut self, start: usize, end: usize, message: String) {
        self.problems.push(Problem {
            start,
            end,
            message,
        });
    }

    fn or(&mut self, depth: usize) -> Option<Expr> {
        let mut alternatives: Vec<Expr> = Vec::new();
        let first = self.and(depth);
        let mut missing_left = first.is_none();
        alternatives.extend(first);
        while let Some(Lex::Or) = self.peek() {
            let t = self.toks[self.at].clone();
            self.at += 1;
            if missing_left {
                self.problem(
                    t.start,
                    t.end,
                    format!("OR at {} has nothing before it; ignored", t.start + 1),
                );
            }
            match self.and(depth) {
                Some(e) => alternatives.push(e),
                None => self.problem(
                    t.start,
                    t.end,
                    format!("OR at {} has nothing after it; ignored", t.start + 1),
                ),
            }
            missing_left = false;
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Expr::Or(alternatives)),
        }
    }

    fn and(&mut self, depth: usize) -> Option<Expr> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Lex::Or) => break,
                Some(Lex::Close) if depth > 0 => break,
                Some(Lex::Close) => {
                    let t = self.toks[self.at].clone();
                    self.problem(
                        t.start,
                        t.end,
                        format!("unmatched “)” at {}; ignored", t.start + 1),
                    );
                    self.at += 1;
                }
                Some(Lex::And) => self.at += 1,
                _ => items.extend(self.unary(depth)),
            }
        }
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Expr::And(items)),
        }
    }

    fn unary(&mut self, depth: usize) -> Option<Expr> {
        if let Some(Lex::Not) = self.peek() {
            let t = self.toks[self.at].clone();
            self.at += 1;
            let operand = match self.peek() {
                None | Some(Lex::Or) | Some(Lex::Close) | Some(Lex::And) => None,
                _ => self.unary(depth),
            };
            return match operand {
                Some(e) => Some(Expr::Not(Box::new(e))),
                None => {
                    self.problem(
                        t.start,
                        t.end,
                        format!(
                            "nothing to exclude after “{}” at {}; ignored",
                            if t.end - t.start == 1 { "-" } else { "NOT" },
                            t.start + 1
                        ),
                    );
                    None
                }
            };
        }
        self.primary(depth)
    }

    fn primary(&mut self, depth: usize) -> Option<Expr> {
        let t = self.toks.get(self.at)?.clone();
        self.at += 1;
        match t.lex {
            Lex::Open => {
                let inner = self.or(depth + 1);
                match self.peek() {
                    Some(Lex::Close) => self.at += 1,
                    _ => self.problem(
                        t.start,
                        self.len,
                        format!("unclosed “(” at {}; closed at the end", t.start + 1),
                    ),
                }
                inner
            }
            Lex::Word(w) => words(&w, false, self.table),
            Lex::Quoted(q) => words(&q, true, self.table),
            Lex::Prefix(p) => {
                let folded = fold_in(&p, self.table);
                let clean: String = folded
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '\'')
                    .collect();
                if clean.is_empty() {
                    None
                } else {
                    Some(Expr::Prefix {
                        prefix: clean,
                        stem: None,
                        legend: None,
                    })
                }
            }
            Lex::Field(name, value) => match field(&name, &value, self.table) {
                Ok(f) => Some(Expr::Field(f)),
                Err(why) => {
                    self.problem(t.start, t.end, format!("{why} at {}; ignored", t.start + 1));
                    None
                }
            },
            Lex::Or | Lex::And | Lex::Not | Lex::Close => None,
        }
    }
}

/// Words of the query, analysed: one token is a word, more are a phrase.
fn words(text: &str, quoted: bool, table: Option<&FoldTable>) -> Option<Expr> {
    let stems: Vec<String> = analyze_in(text, table)
        .into_iter()
        .map(|t| t.stem)
        .collect();
    match stems.len() {
        0 => None,
        1 if !quoted || text.split_whitespace().count() <= 1 => Some(Expr::Word {
            stem: stems[0].clone(),
            text: text.trim().to_string(),
            legend: None,
        }),
        _ => Some(Expr::Phrase {
            stems,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            legend: None,
        }),
    }
}

fn field(name: &str, value: &str, table: Option<&FoldTable>) -> Result<Field, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("“{name}:” needs a value"));
    }
    let slug = slug_in(value, table);
    let date = |v: &str| {
        Date::parse_iso(v)
            .ok_or_else(|| format!("“{name}:{v}” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
    };
    Ok(match name {
        "speaker" => Field::Speaker(slug),
        "country" => Field::Country(slug),
        "source" => Field::Source(slug),
        "kind" => Field::Kind(slug),
        "stance" => match Stance::of_slug(&slug) {
            Some(x) => Field::Stance(x),
            None => {
                let all: Vec<&str> = Stance::ALL.iter().map(|x| x.slug()).collect();
                return Err(format!(
                    "“stance:{value}” is not a stance (one of {})",
                    all.join(", ")
                ));
            }
        },
        "year" => match Date::parse_iso(value) {
            Some(d) if d.month == 0 => Field::Year(d.year),
            _ => return Err(format!("“year:{value}” is not a year")),
        },
        "after" => Field::After(date(value)?),
        "before" => Field::Before(date(value)?),
        _ => return Err(format!("unknown field “{name}:”")),
    })
}

/// Parses a query. Never fails; see [`Query::problems`].
///
/// ```
/// use concord_core::query::parse::parse;
/// let q = parse("\"two-state solution\" OR negotiat* -israel speaker:xi-jinping");
/// assert_eq!(q.legend.len(), 2);
/// assert!(q.problems.is_empty());
/// let q = parse("\"unclosed phrase");
/// assert_eq!(q.problems[0].message, "unclosed quote at 1");
/// assert_eq!(q.legend[0].label, "unclosed phrase");
/// ```
pub fn parse(input: &str) -> Query {
    parse_in(input, None)
}

/// [`parse`] with a corpus's fold table: what `Index::parse` does in the app, so query
/// words fold as the corpus's words did at build time.
pub fn parse_in(input: &str, table: Option<&FoldTable>) -> Query {
    parse_with(input, table, false)
}

/// Parses a query as it is being typed: like [`parse`], and the last bare word also
/// matches the corpus words it begins (see the module documentation).
///
/// ```
/// use concord_core::query::parse::{parse_typed, Expr, LegendKind};
/// let q = parse_typed("peace presi", None);
/// assert_eq!(q.legend[1].kind, LegendKind::Completing);
/// assert_eq!(q.legend[1].label, "presi…");
/// assert_eq!(parse_typed("peace presi ", None).legend[1].kind, LegendKind::Word);
/// assert_eq!(parse_typed("\"peace presi\"", None).legend[0].kind, LegendKind::Phrase);
/// ```
pub fn parse_typed(input: &str, table: Option<&FoldTable>) -> Query {
    parse_with(input, table, true)
}

fn parse_with(input: &str, table: Option<&FoldTable>, typed: bool) -> Query {
    let mut problems = Vec::new();
    let toks = lex(input, &mut problems);
    let mut parser = Parser {
        toks,
        at: 0,
        problems,
        len: input.chars().count(),
        table,
    };
    let mut expr = parser.or(0);
    // Anything left (a stray ")" at the top) was reported by `and`; parse on.
    while parser.at < parser.toks.len() {
        let t = parser.toks[parser.at].clone();
        parser.at += 1;
        if t.lex == Lex::Close {
            parser.problem(
                t.start,
                t.end,
                format!("unmatched “)” at {}; ignored", t.start + 1),
            );
        }
        if let Some(more) = parser.or(0) {
            expr = Some(match expr {
                Some(e) => Expr::And(vec![e, more]),
                None => more,
            });
        }
    }
    let last_is_bare_word = matches!(
        parser.toks.last(),
        Some(Tok {
            lex: Lex::Word(_),
            ..
        })
    );
    if typed && last_is_bare_word && !input.ends_with(char::is_whitespace) {
        if let Some(e) = &mut expr {
            complete_last_word(e, table);
        }
    }
    let mut problems = parser.problems;
    crate::sort::by_key(&mut problems, |p| p.start);
    let mut legend = Vec::new();
    if let Some(e) = &mut expr {
        assign_legend(e, false, &mut legend);
    }
    let legend = legend.into_iter().map(|(_, l)| l).collect();
    Query {
        expr,
        legend,
        problems,
    }
}

/// The rightmost leaf of `e`, when it is a positive word, becomes that word or a prefix.
fn complete_last_word(e: &mut Expr, table: Option<&FoldTable>) {
    match e {
        Expr::And(items) | Expr::Or(items) => {
            if let Some(last) = items.last_mut() {
                complete_last_word(last, table);
            }
        }
        Expr::Word { stem, text, .. } => {
            let prefix: String = fold_in(text, table)
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .collect();
            if !prefix.is_empty() {
                *e = Expr::Prefix {
                    prefix,
                    stem: Some(std::mem::take(stem)),
                    legend: None,
                };
            }
        }
        _ => {}
    }
}

/// Gives each positive leaf its legend index: one entry per distinct term (words with the
/// same stem share one), labelled as first typed.
fn assign_legend(e: &mut Expr, negated: bool, legend: &mut Vec<(String, Legend)>) {
    let slot = |key: String, label: &str, kind: LegendKind, legend: &mut Vec<(String, Legend)>| {
        if negated {
            return None;
        }
        match legend.iter().position(|(k, l)| *k == key && l.kind == kind) {
            Some(i) => Some(i),
            None => {
                legend.push((
                    key,
                    Legend {
                        label: label.to_string(),
                        kind,
                    },
                ));
                Some(legend.len() - 1)
            }
        }
    };
    match e {
        Expr::Word {
            stem,
            text,
            legend: l,
        } => *l = slot(stem.clone(), text, LegendKind::Word, legend),
        Expr::Phrase {
            stems,
            text,
            legend: l,
        } => *l = slot(stems.join(" "), text, LegendKind::Phrase, legend),
        Expr::Prefix {
            prefix,
            stem: None,
            legend: l,
        } => {
            *l = slot(
                prefix.clone(),
                &format!("{prefix}*"),
                LegendKind::Prefix,
                legend,
            )
        }
        Expr::Prefix {
            prefix,
            stem: Some(_),
            legend: l,
        } => {
            *l = slot(
                prefix.clone(),
                &format!("{prefix}…"),
                LegendKind::Completing,
                legend,
            )
        }
        Expr::Field(_) => {}
        Expr::And(items) | Expr::Or(items) => {
            for i in items {
                assign_legend(i, negated, legend);
            }
        }
        Expr::Not(inner) => assign_legend(inner, !negated, legend),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(q: &str) -> Vec<String> {
        parse(q).problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn words_phrases_prefixes_and_fields() {
        let q = parse("negotiate \"two-state solution\" negoti* speaker:\"Wang Yi\" year:2023");
        assert!(q.problems.is_empty(), "{:?}", q.problems);
        let Some(Expr::And(items)) = q.expr else {
            panic!()
        };
        assert_eq!(
            items[0],
            Expr::Word {
                stem: "negoti".into(),
                text: "negotiate".into(),
                legend: Some(0)
            }
        );
        assert_eq!(
            items[1],
            Expr::Phrase {
                stems: vec!["two".into(), "state".into(), "solut".into()],
                text: "two-state solution".into(),
                legend: Some(1)
            }
        );
        assert_eq!(
            items[2],
            Expr::Prefix {
                prefix: "negoti".into(),
                stem: None,
                legend: Some(2)
            }
        );
        assert_eq!(items[3], Expr::Field(Field::Speaker("wang-yi".into())));
        assert_eq!(items[4], Expr::Field(Field::Year(2023)));
    }

    #[test]
    fn a_hyphenated_word_is_a_phrase() {
        let q = parse("two-state");
        assert!(matches!(q.expr, Some(Expr::Phrase { .. })));
        assert_eq!(q.legend[0].kind, LegendKind::Phrase);
    }

    #[test]
    fn or_not_and_groups() {
        let q = parse("(xi OR abbas) -israel NOT gaza");
        let Some(Expr::And(items)) = &q.expr else {
            panic!("{:?}", q.expr)
        };
        assert!(matches!(items[0], Expr::Or(_)));
        assert!(matches!(items[1], Expr::Not(_)));
        assert!(matches!(items[2], Expr::Not(_)));
        // Excluded words are not in the legend.
        let labels: Vec<&str> = q.legend.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["xi", "abbas"]);
    }

    #[test]
    fn repeated_terms_share_a_legend_entry() {
        let q = parse("peace OR peace talks");
        assert_eq!(q.legend.len(), 2);
        let q = parse("negotiate OR negotiations");
        assert_eq!(q.legend.len(), 1);
        assert_eq!(q.legend[0].label, "negotiate");
    }

    #[test]
    fn lowercase_or_is_a_word() {
        let q = parse("war or peace");
        assert_eq!(q.legend.len(), 3);
    }

    #[test]
    fn problems_with_positions() {
        assert_eq!(messages("peace \"two state"), ["unclosed quote at 7"]);
        assert_eq!(messages("(peace"), ["unclosed “(” at 1; closed at the end"]);
        assert_eq!(messages("peace)"), ["unmatched “)” at 6; ignored"]);
        assert_eq!(
            messages("OR peace"),
            ["OR at 1 has nothing before it; ignored"]
        );
        assert_eq!(
            messages("peace OR"),
            ["OR at 7 has nothing after it; ignored"]
        );
        assert_eq!(
            messages("peace -"),
            Vec::<String>::new(),
            "a lone dash is punctuation"
        );
        assert_eq!(
            messages("peace NOT"),
            ["nothing to exclude after “NOT” at 7; ignored"]
        );
        assert_eq!(
            messages("after:2023-02-30"),
            ["“after:2023-02-30” is not a date (YYYY, YYYY-MM or YYYY-MM-DD) at 1; ignored"]
        );
        assert_eq!(
            messages("year:23"),
            ["“year:23” is not a year at 1; ignored"]
        );
        assert_eq!(
            messages("speaker:"),
            ["“speaker:” needs a value at 1; ignored"]
        );
        assert_eq!(
            messages("colour:red"),
            ["unknown field “colour:” at 1 (fields: speaker, country, source, kind, stance, year, after, before); searched as words"]
        );
    }

    #[test]
    fn an_unknown_field_is_two_words_not_a_phrase() {
        // Regression: `people:palestinian` was searched as the phrase "people palestinian".
        let q = parse("people:palestinian");
        let Some(Expr::And(items)) = q.expr else {
            panic!("{:?}", q.expr)
        };
        assert!(matches!(
            items.as_slice(),
            [Expr::Word { .. }, Expr::Word { .. }]
        ));
    }

    #[test]
    fn the_best_query_survives_problems() {
        let q = parse("\"1967 borders");
        assert_eq!(q.legend[0].label, "1967 borders");
        let q = parse("((peace");
        assert_eq!(q.legend.len(), 1);
        assert_eq!(q.problems.len(), 2);
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert_eq!(parse("").expr, None);
        assert_eq!(parse("  — !! ").expr, None);
        assert_eq!(parse("-").expr, None);
    }

    #[test]
    fn pure_negation_is_kept() {
        assert!(matches!(parse("-israel").expr, Some(Expr::Not(_))));
    }
}
