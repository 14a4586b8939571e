//! Who speaks in each statement.
//!
//! A body paragraph is attributed to the subject of its first *reporting clause* — a person
//! followed by a reporting verb — read in text order, outside quotation marks:
//!
//! - a name or alias: "Xi said that…", "Usama, the Assistant Minister…, applauded",
//!   "Assad on behalf of the Syrian government…, sincerely appreciated", "Noting that …,
//!   Wang Yi said" (between the subject and the verb may stand one appositive between commas,
//!   an "on behalf of …," phrase, and adverbs or auxiliaries: "also", "has", "-ly" words);
//! - an inverted or quoting clause: "“…,” said Xi", "CCTV quoted Xi as saying", "according to";
//! - a role phrase, "the Chinese president", "the Syrian leader", resolved to the one person
//!   of that country and role among the people the document names;
//! - a pronoun opening a clause, "He added…", "“…,” he said": the previous speaker;
//! - a paragraph that is only a quotation continues the previous paragraph's quote.
//!
//! Otherwise the paragraph is the narrator's. Two people joined by "and" ("Xi and Abbas
//! announced") speak jointly, which is also left to the narrator. People come from the
//! catalog's people table; names found in the text ("Foreign Minister Jane Roe said") are
//! added as *guessed* people (see [`discover()`]), so a corpus without a catalog still gets
//! speakers.
//!
//! - [`names`] — names and aliases matched as token sequences ([`NameIndex`]);
//! - [`clauses`] — reporting clauses read in a paragraph ([`Attributor`]);
//! - [`discover`](mod@discover) — people named in the text with an office or a reporting verb.

pub mod clauses;
pub mod discover;
pub mod names;

pub use clauses::{Attributor, Context};
pub use discover::{discover, looks_like_a_name, Discovered};
pub use names::NameIndex;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Person};
    use crate::text::gazetteer::Gazetteer;
    use crate::text::tokens;

    fn person(name: &str, aliases: &[&str], country: &str, role: &str) -> Person {
        Person {
            id: crate::text::slug(name),
            name: name.into(),
            country: Some(country.into()),
            role: Some(role.into()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            guessed: false,
        }
    }

    fn people() -> Vec<Person> {
        vec![
            person("Ana Lima", &["Lima"], "brazil", "President"),
            person("Tomas Berg", &["Berg"], "sweden", "Foreign Minister"),
            person("Ola Nordmann", &["Nordmann"], "norway", "Prime Minister"),
        ]
    }

    fn who(text: &str, ctx: &Context) -> (Option<String>, Attribution) {
        let people = people();
        let names = NameIndex::of_people(&people);
        let g = Gazetteer::built_in();
        let a = Attributor {
            people: &people,
            names: &names,
            gazetteer: &g,
        };
        let (p, how) = a.attribute(text, ctx);
        (p.map(|p| people[p as usize].name.clone()), how)
    }

    fn named(text: &str) -> Option<String> {
        who(text, &Context::default()).0
    }

    #[test]
    fn subject_before_verb() {
        assert_eq!(
            named("Lima said that Brazil agrees."),
            Some("Ana Lima".into())
        );
        assert_eq!(
            named("President Lima has also stressed unity."),
            Some("Ana Lima".into())
        );
        assert_eq!(
            named("Berg, the Swedish foreign minister, welcomed the plan."),
            Some("Tomas Berg".into())
        );
        assert_eq!(
            named("Berg on behalf of Sweden, warmly thanked Brazil."),
            Some("Tomas Berg".into())
        );
        assert_eq!(
            named("Noting that he agrees, Lima said the talks matter."),
            Some("Ana Lima".into())
        );
        assert_eq!(
            named("The Swedish minister, Tomas Berg, called for calm."),
            Some("Tomas Berg".into())
        );
    }

    #[test]
    fn overlapping_aliases_make_one_mention() {
        // Regression: the alias "President Lima" hid "Lima Ana"-style full names after it.
        let mut names = NameIndex::default();
        names.add("President Xi", 0);
        names.add("Xi Jinping", 0);
        let toks = tokens("President Xi Jinping said");
        assert_eq!(names.match_at(&toks, 0), Some((0, 3)));
    }

    #[test]
    fn inverted_and_quoting_clauses() {
        assert_eq!(named("“We agree,” said Berg."), Some("Tomas Berg".into()));
        assert_eq!(
            named("“We agree,” TV2 quoted Nordmann as saying."),
            Some("Ola Nordmann".into())
        );
        assert_eq!(
            named("Peace is near, according to Lima."),
            Some("Ana Lima".into())
        );
    }

    #[test]
    fn names_inside_quotes_or_without_a_verb_do_not_speak() {
        assert_eq!(named("“Lima said nothing,” the paper wrote."), None);
        assert_eq!(named("Lima met Berg in Oslo."), None);
        assert_eq!(
            named("In a call with President Lima, Berg also called for calm."),
            Some("Tomas Berg".into())
        );
    }

    #[test]
    fn joint_subjects_are_the_narrators() {
        assert_eq!(
            named("Lima and Swedish Foreign Minister Berg announced a deal."),
            None
        );
    }

    #[test]
    fn role_phrases() {
        let ctx = Context {
            document_people: vec![0, 1],
            ..Context::default()
        };
        assert_eq!(
            who("The Brazilian president said so.", &ctx).0,
            Some("Ana Lima".into())
        );
        assert_eq!(
            who("the Brazilian leader told Berg.", &ctx).0,
            Some("Ana Lima".into())
        );
        assert_eq!(
            who("The Swedish foreign minister noted it.", &ctx),
            (Some("Tomas Berg".into()), Attribution::Role)
        );
        // Nobody fits: the narrator.
        assert_eq!(who("The Brazilian envoy said so.", &ctx).0, None);
    }

    #[test]
    fn pronouns_continue_the_previous_speaker() {
        let ctx = Context {
            previous: Some(1),
            ..Context::default()
        };
        assert_eq!(
            who("He added that talks go on.", &ctx),
            (Some("Tomas Berg".into()), Attribution::Pronoun)
        );
        assert_eq!(who("“Good,” he said.", &ctx).0, Some("Tomas Berg".into()));
        // Not a clause-opening pronoun.
        assert_eq!(who("Noting that he agrees, the paper wrote.", &ctx).0, None);
        let named_before = Context {
            previous_named: vec![2],
            ..Context::default()
        };
        assert_eq!(
            who("He said so.", &named_before).0,
            Some("Ola Nordmann".into())
        );
        assert_eq!(who("He said so.", &Context::default()).0, None);
    }

    #[test]
    fn quotation_paragraphs_continue_a_quote() {
        let ctx = Context {
            previous: Some(0),
            previous_quoted: true,
            ..Context::default()
        };
        assert_eq!(
            who("“And we will go on.”", &ctx),
            (Some("Ana Lima".into()), Attribution::QuoteContinued)
        );
        let unquoted = Context {
            previous: Some(0),
            ..Context::default()
        };
        assert_eq!(who("“And we will go on.”", &unquoted).0, None);
    }

    fn discovered(paras: &[&str]) -> Vec<(String, Option<String>, Option<String>)> {
        let known = NameIndex::of_people(&people());
        discover(paras, &known, &Gazetteer::built_in(), &|_| false)
            .into_iter()
            .map(|d| (d.name, d.country, d.role))
            .collect()
    }

    #[test]
    fn discovers_new_people_with_country_and_role() {
        assert_eq!(
            discovered(&[
                "Kenyan Foreign Minister Amina Odhiambo said on Monday that talks go on."
            ]),
            [(
                "Amina Odhiambo".into(),
                Some("kenya".into()),
                Some("Foreign Minister".into())
            )]
        );
        assert_eq!(
            discovered(&["Norwegian Fisheries Minister Per Askeland said so."]),
            [(
                "Per Askeland".into(),
                Some("norway".into()),
                Some("Fisheries Minister".into())
            )]
        );
        assert_eq!(
            discovered(&["“Fine,” said Karl von Berg."]),
            [("Karl von Berg".into(), None, None)]
        );
        assert_eq!(
            discovered(&["In Damascus, President Bashar al-Assad met envoys."]),
            [("Bashar al-Assad".into(), None, Some("President".into()))]
        );
    }

    #[test]
    fn one_word_names_with_an_office_in_apposition() {
        assert_eq!(
            discovered(&[
                "Usama, the Assistant Minister of Palestinian Affairs, applauded the plan."
            ]),
            [("Usama".into(), None, None)]
        );
        // Without an office, one word is no name.
        assert!(discovered(&["Egypt, a key player in the region, expressed hope."]).is_empty());
    }

    #[test]
    fn organisations_places_and_known_people_are_not_discovered() {
        assert!(discovered(&[
            "United Nations said. Saudi Arabia stressed. Media reports said: yes. China Central Television (CCTV) said so. President Ana Lima said so."
        ])
        .is_empty());
    }
}
