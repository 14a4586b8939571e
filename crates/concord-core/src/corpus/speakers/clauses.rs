//! Reporting clauses: who a paragraph's first clause of speech is by (see the stage's overview).

use super::NameIndex;
use crate::model::{Attribution, Person};
use crate::text::gazetteer::Gazetteer;
use crate::text::{lexicon, tokens, Token};

#[derive(Debug, Clone, Default)]
/// What the attribution of one paragraph may look back on.
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
            if speaks_after(toks, m.start, m.end, self) || speaks_before(toks, m.start) {
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

/// True when a reporting verb follows a subject at tokens `start..end`.
pub(super) fn speaks_after(
    toks: &[Token<'_>],
    start: usize,
    end: usize,
    a: &Attributor<'_>,
) -> bool {
    let mut j = end;
    let mut skipped_phrase = false;
    let mut skipped_words = 0;
    while let Some(t) = toks.get(j) {
        // "The envoy, Hanna Dahl, called…": the name was itself the appositive (it opens
        // after a comma; "Graaf, speaking with Foreign Minister Ana Lopez, said" is Graaf's).
        let opens_appositive = start > 0 && toks[start - 1].is_punct(',');
        if t.is_punct(',') && j == end && opens_appositive && speaks_after(toks, j + 1, j + 1, a) {
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
            // A participle's phrase may name others: "Graaf, speaking after talks with Ana
            // Lopez, said".
            let participle = toks[start].is_word()
                && toks[start].text.starts_with(char::is_lowercase)
                && (toks[start].text.ends_with("ing") || toks[start].text.ends_with("ed"));
            if close == start || inner_verb || (!participle && a.names_anyone(toks, start, close)) {
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
pub(super) fn speaks_before(toks: &[Token<'_>], start: usize) -> bool {
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

pub(super) fn is_speech_verb(t: &Token<'_>) -> bool {
    t.is_word() && lexicon::contains(lexicon::SPEECH_VERBS, &t.text.to_lowercase())
}

fn is_word(t: &Token<'_>, word: &str) -> bool {
    t.is_word() && t.text.eq_ignore_ascii_case(word)
}

/// True when token `i` opens a clause: first in the paragraph, or after a sentence end, a
/// comma, a colon, a semicolon or a quotation mark.
pub(super) fn opens_clause(toks: &[Token<'_>], i: usize) -> bool {
    i == 0 || {
        let p = toks[i - 1];
        p.ends_sentence() || p.is_quote() || p.is_punct(',') || p.is_punct(':') || p.is_punct(';')
    }
}

/// For each token, whether it stands inside quotation marks (curly quotes open and close;
/// straight quotes toggle).
pub(super) fn quote_mask(toks: &[Token<'_>]) -> Vec<bool> {
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
