//! Names are not formulations: a recurring phrase that only names someone or something —
//! a person with or without a title ("Chinese President Xi Jinping"), a country or a list
//! of them ("China and Palestine"), an organisation ("UN Security Council"), a date — or
//! that only reports a name speaking ("Xi said that China") is left out.
//!
//! The rule, on a phrase's words as written in its most frequent spelling:
//! - **name words**: each content word (not a stopword) is a word of a person's name or
//!   alias (the corpus's people table), a title or honorific
//!   ([`lexicon::TITLE_WORDS`], [`lexicon::HONORIFICS`]), part of a country's name or
//!   demonym (the gazetteer, and the corpus's own countries), a month, weekday or other
//!   time word ([`lexicon::TIME_WORDS`]), a number or ordinal (in figures or words:
//!   "seventy-fourth"), a reporting verb ([`lexicon::SPEECH_VERBS`]), or an acronym (two or more
//!   capitals: "UN", "EU");
//! - **organisations**: every content word is capitalised and one of them is an
//!   organisation word ([`lexicon::ORGANISATION_WORDS`]) that is not the name of an
//!   instrument ([`lexicon::INSTRUMENT_WORDS`]: "Belt and Road Initiative" and "Five
//!   Principles of Peaceful Coexistence" stay, as the formulas they are).
//!
//! A phrase of name words only, or an organisation's name, is a name.

use crate::model::Corpus;
use crate::text::analyze::fold;
use crate::text::gazetteer::Gazetteer;
use crate::text::lexicon::{self, is_stopword};
use crate::text::{tokens, TokenKind};
use std::collections::HashSet;

/// What is a name in one corpus.
pub struct Names {
    /// Folded words of people's names and aliases.
    people: HashSet<String>,
    gazetteer: Gazetteer,
}

impl Names {
    pub fn new(corpus: &Corpus) -> Names {
        let mut people = HashSet::new();
        for p in &corpus.people {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                for t in tokens(name).iter().filter(|t| t.is_word()) {
                    people.insert(fold(t.text));
                }
            }
        }
        let mut gazetteer = Gazetteer::built_in();
        for c in &corpus.countries {
            let names: Vec<&str> = std::iter::once(&c.name)
                .chain(&c.other_names)
                .map(String::as_str)
                .collect();
            let demonyms: Vec<&str> = c.demonyms.iter().map(String::as_str).collect();
            gazetteer.add(&c.slug, &names, &demonyms);
        }
        Names { people, gazetteer }
    }

    /// True when the phrase `written` (a formulation's spelling) is a name, a title, a
    /// country, an organisation or a date, or reports a name speaking (see the module
    /// documentation).
    pub fn is_name(&self, written: &str) -> bool {
        let toks = tokens(written);
        let mut country = vec![false; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            match self.gazetteer.match_at(&toks, i) {
                Some(hit) => {
                    country[hit.start..hit.end]
                        .iter_mut()
                        .for_each(|c| *c = true);
                    i = hit.end;
                }
                None => i += 1,
            }
        }
        let words: Vec<(usize, String)> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            .map(|(i, t)| (i, fold(t.text)))
            .filter(|(_, w)| !is_stopword(w))
            .collect();
        if words.is_empty() {
            return false;
        }
        let name_word = |i: usize, w: &str| {
            let raw = toks[i].text;
            country[i]
                || self.people.contains(w)
                || lexicon::contains(lexicon::TITLE_WORDS, w)
                || lexicon::contains(lexicon::HONORIFICS, w)
                || lexicon::contains(lexicon::SPEECH_VERBS, w)
                || lexicon::month_number(w).is_some()
                || lexicon::contains(lexicon::WEEKDAYS, w)
                || lexicon::contains(lexicon::TIME_WORDS, w)
                || w.chars().any(|c| c.is_ascii_digit())
                || w.split('-')
                    .all(|part| lexicon::contains(lexicon::NUMBER_WORDS, part))
                || (raw.chars().filter(|c| c.is_uppercase()).count() >= 2
                    && raw.chars().all(|c| !c.is_lowercase()))
        };
        if words.iter().all(|(i, w)| name_word(*i, w)) {
            return true;
        }
        let capitalised = words.iter().all(|&(i, _)| toks[i].is_capitalized());
        capitalised
            && words.iter().any(|(_, w)| {
                lexicon::contains(lexicon::ORGANISATION_WORDS, w)
                    && !lexicon::contains(lexicon::INSTRUMENT_WORDS, w)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn names() -> Names {
        let person = |name: &str, aliases: &[&str]| Person {
            id: crate::text::slug(name),
            name: name.into(),
            country: None,
            role: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            guessed: false,
        };
        let corpus = Corpus {
            documents: Vec::new(),
            people: vec![
                person("Xi Jinping", &["Xi"]),
                person("Mahmoud Abbas", &["Abbas"]),
            ],
            countries: Vec::new(),
        };
        Names::new(&corpus)
    }

    #[test]
    fn people_titles_countries_organisations_and_dates_are_names() {
        let n = names();
        for name in [
            "President Xi Jinping",
            "Chinese President Xi Jinping",
            "Palestinian President Mahmoud Abbas",
            "China and Palestine",
            "Xi said that China",
            "UN Security Council",
            "United Nations General Assembly",
            "Ministry of Foreign Affairs",
            "20 July 2020",
            "Monday, 3 March",
            "seventy-fourth session",
        ] {
            assert!(n.is_name(name), "{name} is a name");
        }
    }

    #[test]
    fn formulas_with_names_in_them_are_not_names() {
        let n = names();
        for formula in [
            "two-state solution",
            "Palestinian people",
            "just cause of the Palestinian people",
            "China firmly supports",
            "Belt and Road Initiative",
            "Five Principles of Peaceful Coexistence",
            "UN Security Council resolutions",
            "the Security Council should act",
        ] {
            assert!(!n.is_name(formula), "{formula} is not a name");
        }
    }
}
