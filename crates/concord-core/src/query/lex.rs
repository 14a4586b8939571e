//! The query's lexer: characters into words, quoted phrases, prefixes, fields, parentheses
//! and operators, with a problem for each thing it had to repair (an unclosed quote).

use super::parse::{Problem, FIELDS};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lex {
    Word(String),
    /// Text between quotes; `closed` is false when the quote was never closed.
    Quoted(String),
    Prefix(String),
    Field(String, String),
    Open,
    Close,
    Or,
    And,
    Not,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) lex: Lex,
    /// Character offsets.
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A character the query language reads as a quote mark.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

pub(super) fn lex(input: &str, problems: &mut Vec<Problem>) -> Vec<Tok> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted = |i: usize, problems: &mut Vec<Problem>| -> (String, usize) {
        // `i` is at the opening quote; returns the text and the index after the closing one.
        let mut j = i + 1;
        while j < chars.len() && !is_quote(chars[j]) {
            j += 1;
        }
        let text: String = chars[i + 1..j].iter().collect();
        if j >= chars.len() {
            problems.push(Problem {
                start: i,
                end: chars.len(),
                message: format!("unclosed quote at {}", i + 1),
            });
            (text, chars.len())
        } else {
            (text, j + 1)
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' {
            out.push(Tok {
                lex: if c == '(' { Lex::Open } else { Lex::Close },
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if is_quote(c) {
            let (text, next) = quoted(i, problems);
            out.push(Tok {
                lex: Lex::Quoted(text),
                start: i,
                end: next,
            });
            i = next;
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != '-')
            && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(')
        {
            out.push(Tok {
                lex: Lex::Not,
                start: i,
                end: i + 1,
            });
            i += 1;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && chars[i] != '('
                && chars[i] != ')'
                && !is_quote(chars[i])
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A field: `name:value` or `name:"quoted value"`.
            if let Some((name, value)) = word.split_once(':') {
                // Field names are ASCII (no Unicode case table in the app for them).
                let lower = name.to_ascii_lowercase();
                if FIELDS.contains(&lower.as_str()) {
                    let (value, end) = if value.is_empty() && i < chars.len() && is_quote(chars[i])
                    {
                        let (text, next) = quoted(i, problems);
                        (text, next)
                    } else {
                        (value.to_string(), i)
                    };
                    out.push(Tok {
                        lex: Lex::Field(lower, value),
                        start,
                        end,
                    });
                    i = end;
                    continue;
                } else if !name.is_empty()
                    && name.chars().all(char::is_alphabetic)
                    && !value.is_empty()
                {
                    let name_end = start + name.chars().count();
                    problems.push(Problem {
                        start,
                        end: name_end + 1,
                        message: format!(
                            "unknown field “{name}:” at {} (fields: {}); searched as words",
                            start + 1,
                            FIELDS.join(", ")
                        ),
                    });
                    out.push(Tok {
                        lex: Lex::Word(name.to_string()),
                        start,
                        end: name_end,
                    });
                    out.push(Tok {
                        lex: Lex::Word(value.to_string()),
                        start: name_end + 1,
                        end: i,
                    });
                    continue;
                }
            }
            let lex = match word.as_str() {
                "OR" | "||" => Lex::Or,
                "AND" | "&&" => Lex::And,
                "NOT" => Lex::Not,
                _ if word.ends_with('*') && word.len() > 1 => {
                    Lex::Prefix(word.trim_end_matches('*').to_string())
                }
                _ => Lex::Word(word),
            };
            out.push(Tok { lex, start, end: i });
        }
    }
    out
}
