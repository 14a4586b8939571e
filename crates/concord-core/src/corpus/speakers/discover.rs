//! People the text names with an office or a reporting verb, added as guessed people.

use super::clauses::{is_speech_verb, quote_mask};
use super::NameIndex;
use crate::text::gazetteer::Gazetteer;
use crate::text::{lexicon, tokens, Token};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
/// A person named in a document's text but missing from the people table.
pub struct Discovered {
    pub name: String,
    pub country: Option<String>,
    pub role: Option<String>,
    /// Other forms for the same person within the document (first and last names).
    pub aliases: Vec<String>,
}

/// Name particles that may stand lower case inside a name ("Bashar al-Assad").
const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "bint", "abu", "de", "da", "di", "van", "von", "der", "del", "la", "le",
    "el",
];

/// Finds people a document names who are not in `known`: a run of capitalised words before a
/// reporting verb ("Jane Roe said", "Foreign Minister Jane Roe stressed"), after an inverted
/// one ("“…,” said Jane Roe"), or after an office anywhere ("Prime Minister Jane Roe").
/// Titles and demonyms in front give the person's role and country. A name needs two words
/// or more, and none that marks an organisation or a country ("United Nations said",
/// "Saudi Arabia stressed" name no person); it must look like a personal name
/// ([`looks_like_a_name`]). `common` says whether the corpus writes a word in lower case (a
/// common word, see [`crate::corpus::vocabulary`]).
pub fn discover(
    paragraphs: &[&str],
    known: &NameIndex,
    gazetteer: &Gazetteer,
    common: &dyn Fn(&str) -> bool,
) -> Vec<Discovered> {
    let mut found: Vec<Discovered> = Vec::new();
    for text in paragraphs {
        let toks = tokens(text);
        let quoted = quote_mask(&toks);
        for j in 0..toks.len() {
            if quoted[j] {
                continue;
            }
            let t = toks[j];
            let lower = t.text.to_lowercase();
            let mut candidates = Vec::new();
            if is_speech_verb(&t) {
                // Backwards from the verb, over adverbs and auxiliaries.
                let mut k = j;
                while k > 0 && {
                    let w = toks[k - 1].text.to_lowercase();
                    toks[k - 1].is_word()
                        && !toks[k - 1].is_capitalized()
                        && (lexicon::contains(lexicon::VERB_PREFIXES, &w) || w.ends_with("ly"))
                } {
                    k -= 1;
                }
                let mut s = k;
                while s > 0 && name_part(&toks, s - 1) {
                    s -= 1;
                }
                if s < k {
                    candidates.push((s, k, 2));
                }
                // "the Secretary-General, António Guterres, said": a name set off by commas
                // just before the verb.
                if k > 1 && toks[k - 1].is_punct(',') {
                    let mut s = k - 1;
                    while s > 0 && name_part(&toks, s - 1) {
                        s -= 1;
                    }
                    if s + 1 < k && s > 0 && toks[s - 1].is_punct(',') {
                        candidates.push((s, k - 1, 2));
                    }
                }
                // "Usama, the Assistant Minister of …, applauded": one word will do as a name
                // when an appositive with an office stands between it and the verb.
                if let Some(open) = appositive_before(&toks, k) {
                    let mut s = open;
                    while s > 0 && name_part(&toks, s - 1) {
                        s -= 1;
                    }
                    if s < open {
                        candidates.push((s, open, 1));
                    }
                }
                // Inverted: ", said Jane Roe".
                if j > 0 && (toks[j - 1].is_punct(',') || toks[j - 1].is_quote()) {
                    let mut e = j + 1;
                    while e < toks.len() && name_part(&toks, e) {
                        e += 1;
                    }
                    candidates.push((j + 1, e, 2));
                }
            } else if t.is_capitalized() && is_office(&lower) {
                let mut e = j + 1;
                while e < toks.len() && name_part(&toks, e) {
                    e += 1;
                }
                // Walk back over the rest of the title ("Foreign Minister", "Chinese Premier").
                let mut s = j;
                while s > 0 && toks[s - 1].is_capitalized() {
                    s -= 1;
                }
                candidates.push((s, e, 2));
            }
            for (s, e, min_words) in candidates {
                if let Some(d) = name_from(&toks, s, e, min_words, known, gazetteer, common) {
                    merge(&mut found, d);
                }
            }
        }
    }
    // A first or last name shared by two discovered people is nobody's alias.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for d in &found {
        for a in &d.aliases {
            *counts.entry(a.clone()).or_default() += 1;
        }
    }
    for d in &mut found {
        d.aliases.retain(|a| counts[a] == 1);
    }
    found
}

fn merge(found: &mut Vec<Discovered>, d: Discovered) {
    match found.iter_mut().find(|f| f.name == d.name) {
        Some(f) => {
            f.country = f.country.take().or(d.country);
            f.role = f.role.take().or(d.role);
        }
        None => found.push(d),
    }
}

/// For a verb at token `verb`: the index of the comma opening an appositive that ends just
/// before it and names an office (", the Assistant Minister of Palestinian Affairs,").
fn appositive_before(toks: &[Token<'_>], verb: usize) -> Option<usize> {
    let close = verb.checked_sub(1).filter(|&c| toks[c].is_punct(','))?;
    let open = (close.saturating_sub(25)..close)
        .rev()
        .take_while(|&k| !toks[k].ends_sentence() && !toks[k].is_quote())
        .find(|&k| toks[k].is_punct(','))?;
    let office = toks[open + 1..close]
        .iter()
        .any(|t| t.is_word() && is_office(&t.text.to_lowercase()));
    office.then_some(open)
}

fn is_office(lower: &str) -> bool {
    matches!(
        lower,
        "president"
            | "premier"
            | "minister"
            | "king"
            | "queen"
            | "emir"
            | "sultan"
            | "ambassador"
            | "envoy"
            | "chancellor"
            | "secretary"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "sheikh"
            | "prince"
    )
}

/// True when token `i` can be part of a capitalised name run.
fn name_part(toks: &[Token<'_>], i: usize) -> bool {
    let t = toks[i];
    if t.is_capitalized() {
        return true;
    }
    let joins = |k: usize| toks.get(k).is_some_and(|n| n.is_capitalized());
    let particle = |k: usize| {
        toks.get(k)
            .is_some_and(|n| n.is_word() && PARTICLES.contains(&n.text))
    };
    // Written together, without spaces ("Ki-moon").
    let touching = |a: usize, b: usize| toks[a].start + toks[a].text.len() == toks[b].start;
    // "al-Assad", "von der Leyen": particles inside a name, after a capitalised word or
    // another particle.
    (particle(i) && i > 0 && (toks[i - 1].is_capitalized() || particle(i - 1)))
        || (t.is_punct('-') && i > 0 && toks[i - 1].is_word() && joins(i + 1))
        || (particle(i) && toks.get(i + 1).is_some_and(|n| n.is_punct('-')))
        // "Ban Ki-moon": a hyphen and a lower-case part written onto a capitalised word.
        || (t.is_punct('-')
            && i > 0
            && toks[i - 1].is_capitalized()
            && toks.get(i + 1).is_some_and(|n| n.is_word())
            && touching(i - 1, i)
            && touching(i, i + 1))
        || (t.is_word()
            && i > 1
            && toks[i - 1].is_punct('-')
            && toks[i - 2].is_capitalized()
            && touching(i - 2, i - 1)
            && touching(i - 1, i))
}

/// The person named by the capitalised run `toks[s..e]` once titles and demonyms are taken
/// off its front, if it is a new person's name.
fn name_from(
    toks: &[Token<'_>],
    mut s: usize,
    e: usize,
    min_words: usize,
    known: &NameIndex,
    gazetteer: &Gazetteer,
    common: &dyn Fn(&str) -> bool,
) -> Option<Discovered> {
    let mut country = None;
    let mut title = Vec::new();
    while s < e {
        if let Some(hit) = gazetteer.match_at(toks, s) {
            if hit.end <= e {
                country = Some(gazetteer.slug(hit.country).to_string());
                s = hit.end;
                continue;
            }
        }
        let lower = toks[s].text.to_lowercase();
        if lower == "the"
            || lexicon::contains(lexicon::TITLE_WORDS, &lower)
            || lexicon::contains(lexicon::HONORIFICS, &lower)
        {
            if lower != "the" {
                title.push(toks[s].text);
            }
            s += 1;
        } else {
            break;
        }
    }
    // An office may hold words of its own before its title word ("Fisheries Minister",
    // "Trade Envoy"): the name starts after the run's last office word, if a name remains.
    if let Some(k) = (s..e)
        .rev()
        .find(|&k| is_office(&toks[k].text.to_lowercase()))
    {
        if toks[k + 1..e].iter().filter(|t| t.is_word()).count() >= min_words {
            title.extend(toks[s..=k].iter().filter(|t| t.is_word()).map(|t| t.text));
            s = k + 1;
        }
    }
    let words: Vec<&Token<'_>> = toks[s..e].iter().filter(|t| t.is_word()).collect();
    let first = words.first()?;
    let last = words.last()?;
    let plain_words = words
        .iter()
        .filter(|w| !PARTICLES.contains(&w.text))
        .count();
    let organisation = words
        .iter()
        .any(|w| lexicon::contains(lexicon::ORGANISATION_WORDS, &w.text.to_lowercase()));
    let place = (s..e).any(|k| gazetteer.match_at(toks, k).is_some());
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    if plain_words < min_words
        || plain_words > 4
        || organisation
        || place
        || known.match_at(toks, s).is_some()
        || PARTICLES.contains(&first.text)
        || !looks_like_a_name(&texts, common)
    {
        return None;
    }
    let name = join_tokens(&toks[s..e]);
    let surname = last.text.to_string();
    let mut aliases = vec![surname];
    if first.text != last.text {
        aliases.push(first.text.to_string());
    }
    Some(Discovered {
        name,
        country,
        role: (!title.is_empty()).then(|| title.join(" ")),
        aliases,
    })
}

/// True when the words of a capitalised run (titles taken off) look like a personal name:
///
/// - no word is a pronoun, conjunction, determiner or preposition ("As I", "So I", "My
///   President", "When We": [`lexicon::opens_no_name`]), particles inside names aside;
/// - no word is an acronym ("UN Member", "EU"), a region word or adjective ("West African",
///   "Small Island Developing": [`lexicon::REGION_WORDS`]) or a frequent common noun of
///   diplomatic text ("Nuclear Weapons": [`lexicon::COMMON_NAME_BREAKERS`]) or a word for a
///   place's feature ("Gaza Strip", "Suez Canal": [`lexicon::PLACE_WORDS`]);
/// - no word has a common noun's ending ("Cooperation", "Development":
///   [`lexicon::COMMON_NOUN_ENDINGS`]);
/// - not every word is a common word, one the corpus writes in lower case ("Climate Change",
///   "Human Rights"; `common`).
///
/// ```
/// use concord_core::corpus::speakers::looks_like_a_name;
/// let common = |w: &str| ["climate", "change", "human", "rights", "food"].contains(&w.to_lowercase().as_str());
/// assert!(looks_like_a_name(&["Antonio", "Guterres"], &common));
/// assert!(looks_like_a_name(&["Bashar", "al", "Assad"], &common));
/// for not in [&["As", "I"][..], &["Climate", "Change"], &["UN", "Member"], &["West", "African"], &["Human", "Rights"]] {
///     assert!(!looks_like_a_name(not, &common), "{not:?}");
/// }
/// ```
pub fn looks_like_a_name(words: &[&str], common: &dyn Fn(&str) -> bool) -> bool {
    let plain: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    if plain.is_empty() {
        return false;
    }
    let bad_word = |w: &str| {
        let lower = w.to_lowercase();
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let acronym = letters >= 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        lexicon::opens_no_name(&lower)
            || acronym
            || lexicon::contains(lexicon::REGION_WORDS, &lower)
            || lexicon::contains(lexicon::COMMON_NAME_BREAKERS, &lower)
            || lexicon::contains(lexicon::PLACE_WORDS, &lower)
            || lexicon::COMMON_NOUN_ENDINGS
                .iter()
                .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
    };
    !plain.iter().any(|w| bad_word(w)) && !plain.iter().all(|w| common(w))
}

/// Token texts joined as they stood: a space between words, none around hyphens.
fn join_tokens(toks: &[Token<'_>]) -> String {
    let mut out = String::new();
    for (i, t) in toks.iter().enumerate() {
        let glued = i > 0 && (t.is_punct('-') || toks[i - 1].is_punct('-'));
        if i > 0 && !glued {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}
