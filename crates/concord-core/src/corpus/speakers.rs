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
//! added as *guessed* people (see [`discover`]), so a corpus without a catalog still gets
//! speakers.

use crate::model::{Attribution, Person};
use crate::text::gazetteer::Gazetteer;
use crate::text::{lexicon, name_key, tokens, Token};
use std::collections::HashMap;

/// Names and aliases of people, matched as whole token sequences, longest first.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    by_first: HashMap<String, Vec<(Vec<String>, u32)>>,
}

impl NameIndex {
    /// Adds `name` as a way to refer to person `person`.
    pub fn add(&mut self, name: &str, person: u32) {
        let keys: Vec<String> = tokens(name).iter().map(|t| name_key(t.text)).collect();
        let Some(first) = keys.first().cloned() else {
            return;
        };
        let bucket = self.by_first.entry(first).or_default();
        if !bucket.iter().any(|(k, _)| *k == keys) {
            bucket.push((keys, person));
            bucket.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
    }

    /// Indexes every person's name and aliases.
    pub fn of_people(people: &[Person]) -> NameIndex {
        let mut index = NameIndex::default();
        for (i, p) in people.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                index.add(name, i as u32);
            }
        }
        index
    }

    /// The longest name starting at token `i`: the person and the token after the name.
    /// Overlapping names of the same person join: with the aliases "President Xi" and
    /// "Xi Jinping", "President Xi Jinping" is one mention.
    pub fn match_at(&self, toks: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
        let (person, mut end) = self.longest_at(toks, i)?;
        let mut j = i + 1;
        while j < end {
            if let Some((p, e)) = self.longest_at(toks, j) {
                if p == person && e > end {
                    end = e;
                }
            }
            j += 1;
        }
        Some((person, end))
    }

    fn longest_at(&self, toks: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
        let first = toks.get(i).filter(|t| t.is_word())?;
        let bucket = self.by_first.get(&name_key(first.text))?;
        bucket.iter().find_map(|(keys, person)| {
            let end = i + keys.len();
            (end <= toks.len()
                && keys
                    .iter()
                    .zip(&toks[i..end])
                    .all(|(k, t)| *k == name_key(t.text)))
            .then_some((*person, end))
        })
    }

    /// Every person named in `toks`, in order of first mention.
    pub fn people_in(&self, toks: &[Token<'_>]) -> Vec<u32> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.match_at(toks, i) {
                Some((p, end)) => {
                    if !found.contains(&p) {
                        found.push(p);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// What the attribution of one paragraph may look back on.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Speaker of the previous body paragraph (`None`: narrator or first paragraph).
    pub previous: Option<u32>,
    /// Whether the previous body paragraph held a quotation.
    pub previous_quoted: bool,
    /// People named in the previous body paragraph.
    pub previous_named: Vec<u32>,
    /// The last speaker of the document so far.
    pub last_speaker: Option<u32>,
    /// People the document names anywhere (and its curated participants): the candidates
    /// for a role phrase.
    pub document_people: Vec<u32>,
}

/// Attributes paragraphs of one document.
pub struct Attributor<'a> {
    pub people: &'a [Person],
    pub names: &'a NameIndex,
    pub gazetteer: &'a Gazetteer,
}

#[derive(Debug, Clone, PartialEq)]
enum Who {
    Person(u32),
    Pronoun,
    Role { country: String, role: String },
}

#[derive(Debug, Clone, PartialEq)]
struct Mention {
    who: Who,
    start: usize,
    end: usize,
}

impl Attributor<'_> {
    /// The speaker of a body paragraph and how it was found; `(None, Narrator)` when the
    /// paragraph reports no one.
    pub fn attribute(&self, text: &str, ctx: &Context) -> (Option<u32>, Attribution) {
        self.attribute_tokens(&tokens(text), ctx)
    }

    /// [`Attributor::attribute`] for a paragraph already split into tokens.
    pub fn attribute_tokens(
        &self,
        toks: &[Token<'_>],
        ctx: &Context,
    ) -> (Option<u32>, Attribution) {
        let quoted = quote_mask(toks);
        let mut i = 0;
        while i < toks.len() {
            if quoted[i] {
                i += 1;
                continue;
            }
            let Some(m) = self.mention_at(toks, i) else {
                i += 1;
                continue;
            };
            // "Xi and Abbas announced": a joint subject, not one speaker.
            if let Some(second) = self.coordinated(toks, m.end) {
                i = second.end;
                continue;
            }
            if speaks_after(toks, m.end, self) || speaks_before(toks, m.start) {
                if let Some(found) = self.resolve(&m.who, ctx) {
                    return found;
                }
            }
            i = m.end.max(i + 1);
        }
        let opens_with_quote = toks.first().is_some_and(|t| t.is_quote());
        match ctx.previous {
            Some(p) if opens_with_quote && ctx.previous_quoted => {
                (Some(p), Attribution::QuoteContinued)
            }
            _ => (None, Attribution::Narrator),
        }
    }

    fn resolve(&self, who: &Who, ctx: &Context) -> Option<(Option<u32>, Attribution)> {
        match who {
            Who::Person(p) => Some((Some(*p), Attribution::Named)),
            Who::Pronoun => {
                let single_named = match ctx.previous_named.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                };
                ctx.previous
                    .or(single_named)
                    .or(ctx.last_speaker)
                    .map(|p| (Some(p), Attribution::Pronoun))
            }
            Who::Role { country, role } => {
                let fits = |&p: &u32| {
                    let person = &self.people[p as usize];
                    person.country.as_deref() == Some(country.as_str())
                        && role_fits(person.role.as_deref().unwrap_or(""), role)
                };
                let in_document: Vec<u32> =
                    ctx.document_people.iter().copied().filter(fits).collect();
                let candidates = if in_document.is_empty() {
                    (0..self.people.len() as u32).filter(fits).collect()
                } else {
                    in_document
                };
                match candidates.as_slice() {
                    [one] => Some((Some(*one), Attribution::Role)),
                    _ => None,
                }
            }
        }
    }

    /// A person, a clause-opening pronoun, or a role phrase starting at token `i`.
    fn mention_at(&self, toks: &[Token<'_>], i: usize) -> Option<Mention> {
        if let Some((p, end)) = self.names.match_at(toks, i) {
            return Some(Mention {
                who: Who::Person(p),
                start: i,
                end,
            });
        }
        let t = toks[i];
        let lower = t.text.to_lowercase();
        if lexicon::contains(lexicon::PRONOUNS, &lower) && opens_clause(toks, i) {
            return Some(Mention {
                who: Who::Pronoun,
                start: i,
                end: i + 1,
            });
        }
        if lower == "the" {
            let hit = self.gazetteer.match_at(toks, i + 1).filter(|h| h.demonym)?;
            let mut j = hit.end;
            let mut role_words = Vec::new();
            while let Some(w) = toks.get(j).filter(|w| w.is_word() && role_words.len() < 3) {
                let lw = w.text.to_lowercase();
                if lexicon::contains(lexicon::ROLE_NOUNS, &lw)
                    || lexicon::contains(lexicon::TITLE_WORDS, &lw)
                {
                    role_words.push(lw);
                    j += 1;
                } else {
                    break;
                }
            }
            while role_words
                .last()
                .is_some_and(|w| !lexicon::contains(lexicon::ROLE_NOUNS, w))
            {
                role_words.pop();
                j -= 1;
            }
            if role_words.is_empty() {
                return None;
            }
            return Some(Mention {
                who: Who::Role {
                    country: self.gazetteer.slug(hit.country).to_string(),
                    role: role_words.join(" "),
                },
                start: i,
                end: j,
            });
        }
        None
    }

    /// The second mention of "A and B" when `end` is just after A.
    fn coordinated(&self, toks: &[Token<'_>], end: usize) -> Option<Mention> {
        if toks.get(end).is_none_or(|t| t.text != "and") {
            return None;
        }
        // Titles and demonyms may stand before the second name: "and Palestinian President Abbas".
        (end + 1..(end + 7).min(toks.len()))
            .take_while(|&j| toks[j].is_capitalized())
            .find_map(|j| {
                self.names.match_at(toks, j).map(|(p, e)| Mention {
                    who: Who::Person(p),
                    start: j,
                    end: e,
                })
            })
    }

    /// True when a person is named anywhere in `toks[from..to]`.
    fn names_anyone(&self, toks: &[Token<'_>], from: usize, to: usize) -> bool {
        (from..to).any(|j| self.names.match_at(toks, j).is_some())
    }
}

/// Does `role` (lower case, from a role phrase) describe someone whose office is `office`?
fn role_fits(office: &str, role: &str) -> bool {
    let office = office.to_lowercase();
    if role == "leader" {
        return lexicon::HEAD_ROLES.iter().any(|h| office.contains(h));
    }
    !office.is_empty() && office.contains(role)
}

/// True when a reporting verb follows a subject ending before token `end`.
fn speaks_after(toks: &[Token<'_>], end: usize, a: &Attributor<'_>) -> bool {
    let mut j = end;
    let mut skipped_phrase = false;
    let mut skipped_words = 0;
    while let Some(t) = toks.get(j) {
        // "The envoy, Hanna Dahl, called…": the name was itself the appositive.
        if t.is_punct(',') && j == end && speaks_after(toks, j + 1, a) {
            return true;
        }
        if !skipped_phrase && (t.is_punct(',') || is_word(t, "on")) {
            // One appositive ", the Assistant Minister …," or "on behalf of …,".
            let start = if t.is_punct(',') { j + 1 } else { j };
            if !t.is_punct(',') && !toks.get(j + 1).is_some_and(|t| is_word(t, "behalf")) {
                break;
            }
            let close = (start..toks.len().min(start + 30))
                .take_while(|&k| !toks[k].ends_sentence() && !toks[k].is_quote())
                .find(|&k| toks[k].is_punct(','));
            let Some(close) = close else { break };
            let inner_verb = (start..close).any(|k| is_speech_verb(&toks[k]));
            if close == start || inner_verb || a.names_anyone(toks, start, close) {
                break;
            }
            skipped_phrase = true;
            j = close + 1;
            continue;
        }
        let lower = t.text.to_lowercase();
        if t.is_word()
            && skipped_words < 3
            && (lexicon::contains(lexicon::VERB_PREFIXES, &lower)
                || (lower.len() > 4 && lower.ends_with("ly")))
        {
            skipped_words += 1;
            j += 1;
            continue;
        }
        return is_speech_verb(t);
    }
    false
}

/// True when the words just before a name report it as the speaker: "“…,” said Xi",
/// "quoted Xi as saying", "according to Xi".
fn speaks_before(toks: &[Token<'_>], start: usize) -> bool {
    let prev = |k: usize| start.checked_sub(k).map(|i| toks[i]);
    match (prev(2), prev(1)) {
        (_, Some(v)) if v.text.eq_ignore_ascii_case(lexicon::QUOTING_VERB) => true,
        (Some(a), Some(b)) if is_word(&a, "according") && is_word(&b, "to") => true,
        (Some(before), Some(v)) => {
            is_speech_verb(&v) && (before.is_punct(',') || before.is_quote())
        }
        _ => false,
    }
}

fn is_speech_verb(t: &Token<'_>) -> bool {
    t.is_word() && lexicon::contains(lexicon::SPEECH_VERBS, &t.text.to_lowercase())
}

fn is_word(t: &Token<'_>, word: &str) -> bool {
    t.is_word() && t.text.eq_ignore_ascii_case(word)
}

/// True when token `i` opens a clause: first in the paragraph, or after a sentence end, a
/// comma, a colon, a semicolon or a quotation mark.
fn opens_clause(toks: &[Token<'_>], i: usize) -> bool {
    i == 0 || {
        let p = toks[i - 1];
        p.ends_sentence() || p.is_quote() || p.is_punct(',') || p.is_punct(':') || p.is_punct(';')
    }
}

/// For each token, whether it stands inside quotation marks (curly quotes open and close;
/// straight quotes toggle).
fn quote_mask(toks: &[Token<'_>]) -> Vec<bool> {
    let mut inside = false;
    toks.iter()
        .map(|t| {
            if t.kind == crate::text::TokenKind::Punct {
                match t.text {
                    "\u{201C}" | "\u{00AB}" | "\u{201E}" => {
                        inside = true;
                        return true;
                    }
                    "\u{201D}" | "\u{00BB}" => {
                        inside = false;
                        return true;
                    }
                    "\"" => {
                        inside = !inside;
                        return true;
                    }
                    _ => {}
                }
            }
            inside
        })
        .collect()
}

/// A person named in a document's text but missing from the people table.
#[derive(Debug, Clone, PartialEq, Eq)]
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
/// common word, see [`super::vocabulary`]).
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

#[cfg(test)]
mod tests {
    use super::*;

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
