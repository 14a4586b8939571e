//! Positions: who supports, opposes, calls for, welcomes, condemns, rejects or is concerned
//! about what. Found at build time in every statement, by rules over the stance lexicon
//! ([`crate::text::stance`], words in `text/stances.tsv`), the people table and the
//! gazetteer. No parser, no model: each rule below is short, and a position is emitted only
//! when every part of it is found.
//!
//! Within a sentence, for every **cue** (a stance word of the lexicon):
//!
//! 1. **The verb group** before the cue is read backwards: adverbs ("firmly"),
//!    auxiliaries ("has always", "will continue to"), negations ("does not", "never") and
//!    hedges ("would", "may"). A hedged cue, or one in a clause opened by "if", "unless" or
//!    "whether", is left out. A negated cue takes the stance the lexicon gives its negation
//!    ("does not support" opposes; "never accepts" rejects), or is left out.
//! 2. **The cue's form**: a verb's base form counts after an auxiliary or a plural or
//!    first-person subject ("we support", "will support"), never alone ("the support"); a
//!    past form followed by "by", or after a form of "be", is **passive**: the actor follows
//!    "by" and the target is the clause's subject ("the resolution was rejected by Israel").
//!    A noun cue ("support for") counts only as the object of a light verb ("reaffirmed its
//!    support for"): "thanked China for its support" is not China's position. A possessor
//!    names the actor ("Qin reaffirmed China's support for X": China's position, voiced by
//!    Qin).
//! 3. **The actor** is the subject: the words from the clause's start (the sentence's start,
//!    a comma, "that", a conjunction, a reporting verb) to the verb group. It must end in a
//!    person's name or alias, or a country's name or demonym with at most head nouns after it
//!    ("the Chinese side", "the Israeli government"); before it stand only determiners,
//!    titles and capitalised words. "I" is the statement's speaker, "we", "our country" and
//!    "his government" the speaker's country, "he" and "she" the speaker. An empty subject
//!    after "and" or a comma continues the sentence's last actor ("supports X and opposes
//!    Y" is two positions); any other subject ("the two sides", "most countries", "it")
//!    leaves the cue out.
//! 4. **The target** runs from after the cue (and its particle) to the end of its clause: the
//!    sentence's end, a semicolon, colon, dash or bracket, a comma before a clause opener
//!    ("which", "adding", "but") or before the next cue, or the "and" that opens the next
//!    cue's clause; at most [`MAX_TARGET_WORDS`] words.
//! 5. **The key** groups targets: the target's words folded, determiners and possessives
//!    dropped, up to the first preposition other than "of", a comma, or an "and" after two
//!    words or before a determiner, at most [`MAX_KEY_WORDS`] words ("just and lasting
//!    solution"; "peace talks" of "the peace talks and contribute …"). For "calls on X to Y" and "urges X to Y"
//!    the key is Y's ("stop settlement activities"). Words that wrap what the target is
//!    about are left out ("the implementation of the two-state solution" is keyed `two
//!    state solution`; the lexicon's `wrapper` class).
//!
//! The voice is the statement's speaker when the actor is someone else.

use super::speakers::NameIndex;
use crate::model::{Actor, Person, Position, Stance};
use crate::text::analyze::fold;
use crate::text::gazetteer::Gazetteer;
use crate::text::stance::{Class, Cue, CueKind, Lexicon, VerbForm};
use crate::text::{lexicon, tokens, Token};

/// Words a target holds at most.
pub const MAX_TARGET_WORDS: usize = 40;
/// Words a target's key holds at most.
pub const MAX_KEY_WORDS: usize = 6;

/// Finds positions in statements.
pub struct Extractor<'a> {
    lexicon: &'static Lexicon,
    gazetteer: &'a Gazetteer,
    names: NameIndex,
    people: &'a [Person],
}

/// A cue found in a sentence, before its actor is known.
#[derive(Debug, Clone)]
struct Found {
    stance: Stance,
    kind: CueKind,
    /// Token range of the verb group and cue (adverbs and auxiliaries included).
    group: usize,
    /// First token of the cue word itself (or of the light verb of a noun cue).
    cue_start: usize,
    /// The token after the cue and its particle: where the target starts.
    after: usize,
    /// The particle taken ("on" of "calls on").
    particle: Option<String>,
    /// Whose the cue is by its possessor ("China's support for", "our concern").
    possessor: Option<Possessor>,
    passive: bool,
    /// True for a base form ("support"), which needs an auxiliary or a plural subject.
    base: bool,
    /// True when an auxiliary or an infinitive verb stands in the group.
    auxiliary: bool,
}

/// Which word a token is, folded, and whether it can be a word of a rule at all.
struct Words<'t> {
    toks: Vec<Token<'t>>,
    lower: Vec<String>,
}

impl Words<'_> {
    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Token::is_word)
    }
}

impl<'a> Extractor<'a> {
    pub fn new(gazetteer: &'a Gazetteer, people: &'a [Person]) -> Extractor<'a> {
        Extractor {
            lexicon: Lexicon::built_in(),
            gazetteer,
            names: NameIndex::of_people(people),
            people,
        }
    }

    /// The positions stated in `text`, a statement of `speaker` (an index into the people
    /// table; `None` for the narrator), in text order.
    pub fn extract(&self, text: &str, speaker: Option<u32>) -> Vec<Position> {
        let toks = tokens(text);
        let lower = toks.iter().map(|t| fold(t.text)).collect();
        let words = Words { toks, lower };
        let mut out = Vec::new();
        for sentence in sentence_ranges(&words) {
            self.sentence(&words, sentence, speaker, &mut out);
        }
        out
    }

    fn sentence(
        &self,
        words: &Words<'_>,
        (start, end): (usize, usize),
        speaker: Option<u32>,
        out: &mut Vec<Position>,
    ) {
        let found: Vec<Found> = (start..end)
            .filter_map(|i| self.cue_at(words, start, end, i))
            .collect();
        // A cue inside another's verb group or particle is not a second cue: keep the first
        // of overlapping ones.
        let mut kept: Vec<Found> = Vec::new();
        for f in found {
            if kept.last().is_some_and(|k| f.group < k.after) {
                continue;
            }
            kept.push(f);
        }
        // A later cue ends a target only when it opens a clause of its own ("… and opposes
        // Y", "…, China rejects Y"); "rejected calls for a ceasefire" is one target.
        let opens: Vec<bool> = kept
            .iter()
            .map(|f| {
                let before = f.group.checked_sub(1).filter(|&b| b >= start);
                let coordinated = before.is_some_and(|b| {
                    matches!(words.w(b), "and" | "but" | "while" | "whereas" | "nor")
                        || words.toks[b].is_punct(',')
                        || words.toks[b].is_punct(';')
                });
                let (clause, _) = self.clause_start(words, start, f.group);
                coordinated
                    || matches!(
                        self.subject(words, clause, f.group, speaker),
                        Subject::Actors(_)
                    )
            })
            .collect();
        // Targets, last first: "condemns and opposes X" gives both cues the target X.
        let mut targets: Vec<Option<(usize, usize)>> = vec![None; kept.len()];
        for n in (0..kept.len()).rev() {
            let f = &kept[n];
            let limit = (n + 1..kept.len())
                .find(|&m| opens[m])
                .map_or(end, |m| kept[m].group.min(end));
            let chained = n + 1 < kept.len()
                && opens[n + 1]
                && kept[n + 1].group == f.after + 1
                && matches!(words.w(f.after), "and" | "or");
            targets[n] = if chained {
                targets[n + 1]
            } else {
                self.target(words, f.after, limit)
            };
        }
        let mut last_actors: Vec<Actor> = Vec::new();
        for (n, f) in kept.iter().enumerate() {
            let limit = (n + 1..kept.len())
                .find(|&m| opens[m])
                .map_or(end, |m| kept[m].group.min(end));
            out.extend(self.positions(
                words,
                start,
                limit,
                f,
                targets[n],
                speaker,
                &mut last_actors,
            ));
        }
    }

    /// The cue starting at token `i`, with its verb group, if it is one.
    fn cue_at(&self, words: &Words<'_>, start: usize, end: usize, i: usize) -> Option<Found> {
        if !words.is_word(i) {
            return None;
        }
        let w = words.w(i);
        let lx = self.lexicon;
        // Cues with a particle first: "is opposed to" is the adjective, not the verb.
        let plain = |c: &&Cue| matches!(c.kind, CueKind::Verb | CueKind::Negated);
        let cues = lx.cues(w);
        let ordered = cues
            .iter()
            .filter(|c| !plain(c))
            .chain(cues.iter().filter(plain));
        for cue in ordered {
            let particle_at = |j: usize| -> Option<String> {
                (j < end && cue.particles.iter().any(|p| p == words.w(j)))
                    .then(|| words.w(j).to_string())
            };
            match cue.kind {
                CueKind::Verb | CueKind::Negated => {
                    if let Some(f) = self.verb(words, start, i, i + 1, cue, None) {
                        return Some(f);
                    }
                }
                CueKind::Particle => {
                    // Adverbs may stand between the verb and its particle ("stand firmly with").
                    let mut j = i + 1;
                    while j < end && lx.is(Class::Adverb, words.w(j)) {
                        j += 1;
                    }
                    if let Some(p) = particle_at(j) {
                        if let Some(f) = self.verb(words, start, i, j + 1, cue, Some(p)) {
                            return Some(f);
                        }
                    }
                }
                CueKind::Adjective => {
                    let Some(p) = particle_at(i + 1) else {
                        continue;
                    };
                    // A form of "be" (or "remain") before it, adverbs between.
                    let mut j = i;
                    while j > start && lx.is(Class::Adverb, words.w(j - 1)) {
                        j -= 1;
                    }
                    let be = j > start
                        && matches!(
                            words.w(j - 1),
                            "is" | "are"
                                | "was"
                                | "were"
                                | "am"
                                | "remains"
                                | "remain"
                                | "remained"
                                | "been"
                                | "be"
                                | "'s"
                        );
                    if !be {
                        continue;
                    }
                    let mut f = self.group(words, start, j - 1, i, i + 2, cue, Some(p))?;
                    f.auxiliary = true;
                    return Some(f);
                }
                CueKind::Noun => {
                    let Some(p) = particle_at(i + 1) else {
                        continue;
                    };
                    if let Some(f) = self.noun(words, start, i, cue, p) {
                        return Some(f);
                    }
                }
            }
        }
        None
    }

    /// A verb cue at `i` (target from `after`), with its group read backwards.
    fn verb(
        &self,
        words: &Words<'_>,
        start: usize,
        i: usize,
        after: usize,
        cue: &Cue,
        particle: Option<String>,
    ) -> Option<Found> {
        // Not a verb after a determiner, possessive or preposition ("the support", "its
        // call", "for support").
        if i > start {
            let before = words.w(i - 1);
            if self.lexicon.is(Class::Determiner, before)
                || self.lexicon.is(Class::Possessive, before)
                || (self.lexicon.is(Class::Preposition, before) && before != "to")
                || before.ends_with("'s")
            {
                return None;
            }
        }
        let mut f = self.group(words, start, i, i, after, cue, particle)?;
        f.base = cue.form == Some(VerbForm::Base);
        let past = cue.form == Some(VerbForm::Past);
        let by_follows = words.w(after) == "by";
        let be_before = i > start
            && matches!(
                words.w(i - 1),
                "is" | "are" | "was" | "were" | "been" | "being" | "be"
            );
        if past && (by_follows || be_before) {
            f.passive = true;
        }
        Some(f)
    }

    /// A noun cue at `i` ("support" of "reaffirmed its firm support for"): its light verb
    /// and possessor before it.
    fn noun(
        &self,
        words: &Words<'_>,
        start: usize,
        i: usize,
        cue: &Cue,
        particle: String,
    ) -> Option<Found> {
        let lx = self.lexicon;
        let mut j = i;
        while j > start
            && (lx.is(Class::Modifier, words.w(j - 1)) || words.toks[j - 1].is_punct('-'))
        {
            j -= 1;
        }
        let mut possessor = None;
        if j > start {
            let before = words.w(j - 1);
            if before == "our" {
                possessor = Some(Possessor::Our);
                j -= 1;
            } else if before == "my" {
                possessor = Some(Possessor::My);
                j -= 1;
            } else if lx.is(Class::Possessive, before) || matches!(before, "a" | "an" | "the") {
                j -= 1;
            } else if before.ends_with("'s") {
                possessor = Some(Possessor::Actor(self.possessor(words, j - 1)?));
                j -= 1;
            }
        }
        if j == start || !lx.is(Class::Light, words.w(j - 1)) {
            return None;
        }
        let light = j - 1;
        let mut f = self.group(words, start, light, light, i + 2, cue, Some(particle))?;
        f.possessor = possessor;
        f.cue_start = light;
        Some(f)
    }

    /// The actor a possessive token names ("China's", "Xi's").
    fn possessor(&self, words: &Words<'_>, i: usize) -> Option<Actor> {
        let tok = words.toks[i];
        let bare = tok
            .text
            .char_indices()
            .rev()
            .nth(1)
            .map(|(at, _)| &tok.text[..at])?;
        let single = tokens(bare);
        if let Some(hit) = self.gazetteer.match_at(&single, 0) {
            if hit.end == single.len() && !hit.demonym {
                return Some(Actor::Country(self.gazetteer.slug(hit.country).to_string()));
            }
        }
        // A person's possessive: the name may start earlier ("Xi Jinping's").
        let mut toks: Vec<Token<'_>> = words.toks[..i].to_vec();
        toks.push(Token {
            text: bare,
            start: tok.start,
            kind: tok.kind,
        });
        (i.saturating_sub(3)..=i).find_map(|s| {
            let (p, e) = self.names.match_at(&toks, s)?;
            (e == toks.len()).then_some(Actor::Person(p))
        })
    }

    /// The verb group that ends with the cue at `cue` (a verb, or the light verb of a noun,
    /// or the "be" of an adjective at `head`): adverbs, auxiliaries, negations and hedges
    /// before it. `None` for a hedged group.
    #[allow(clippy::too_many_arguments)]
    fn group(
        &self,
        words: &Words<'_>,
        start: usize,
        head: usize,
        cue_start: usize,
        after: usize,
        cue: &Cue,
        particle: Option<String>,
    ) -> Option<Found> {
        let lx = self.lexicon;
        let mut j = head;
        let mut negated = false;
        let mut auxiliary = false;
        // "would", "could" and "should" hedge, except before a negation: "would never
        // accept" is a refusal, not a condition.
        let mut modal = false;
        while j > start {
            let w = words.w(j - 1);
            if !words.is_word(j - 1) {
                break;
            }
            if matches!(w, "would" | "could" | "should") {
                modal = true;
                auxiliary = true;
                j -= 1;
                continue;
            } else if lx.is(Class::Hedge, w) {
                return None;
            }
            if lx.is(Class::Negation, w) || w.ends_with("n't") {
                negated = true;
                auxiliary |= w.ends_with("n't") || w == "cannot";
            } else if lx.is(Class::Auxiliary, w) || lx.is(Class::Infinitive, w) {
                auxiliary = true;
            } else if !lx.is(Class::Adverb, w) {
                break;
            }
            j -= 1;
        }
        if modal && !negated {
            return None;
        }
        let stance = match (cue.kind, negated) {
            (CueKind::Negated, true) => cue.stance,
            (CueKind::Negated, false) => return None,
            (_, true) => lx.negated(cue.stance)?,
            (_, false) => cue.stance,
        };
        Some(Found {
            stance,
            kind: cue.kind,
            group: j,
            cue_start,
            after,
            particle,
            possessor: None,
            passive: false,
            base: false,
            auxiliary,
        })
    }

    /// The positions of the cue `f` (one per actor: "Russia and China oppose X" is two),
    /// its target already found (`None` when it has none), its clause ending at `limit`.
    #[allow(clippy::too_many_arguments)]
    fn positions(
        &self,
        words: &Words<'_>,
        start: usize,
        limit: usize,
        f: &Found,
        target: Option<(usize, usize)>,
        speaker: Option<u32>,
        last_actors: &mut Vec<Actor>,
    ) -> Vec<Position> {
        let (clause, boundary) = self.clause_start(words, start, f.group);
        if matches!(
            words.w(boundary.unwrap_or(usize::MAX)),
            "if" | "unless" | "whether"
        ) {
            return vec![];
        }
        let subject = (clause, f.group);
        let (actors, target) = if f.passive {
            // "X was rejected by Y": the actor after "by", the target the subject (which
            // holds no verb of its own: "Abbas was the first leader to be welcomed by …").
            if words.w(f.after) != "by" {
                return vec![];
            }
            let Some(actors) = self.actors_after(words, f.after + 1, limit, speaker) else {
                return vec![];
            };
            let has_verb =
                (subject.0..subject.1).any(|k| self.lexicon.is(Class::Auxiliary, words.w(k)));
            match trim(words, subject.0, subject.1) {
                Some(t) if !has_verb => (actors, t),
                _ => return vec![],
            }
        } else {
            let Some(target) = target else { return vec![] };
            let mut continued = false;
            let actors = if let Some(a) = self.possessor_actor(f, speaker) {
                vec![a]
            } else {
                match self.subject(words, subject.0, subject.1, speaker) {
                    Subject::Actors(mut a) => {
                        // "France and Germany called for": the clause began before "and";
                        // "Egypt, Qatar and Jordan": before the commas of a list that
                        // ends in "and" ("Mr. President, Kenya will" is no list).
                        let mut b = boundary;
                        let mut crossed_and = false;
                        while let Some(at) = b.filter(|&at| {
                            words.w(at) == "and" || (crossed_and && words.toks[at].is_punct(','))
                        }) {
                            crossed_and = true;
                            let (c2, b2) = self.clause_start(words, start, at);
                            match self.subject(words, c2, at, speaker) {
                                Subject::Actors(mut more) if c2 < at => {
                                    more.append(&mut a);
                                    a = more;
                                    b = b2;
                                }
                                _ => break,
                            }
                        }
                        a
                    }
                    Subject::Empty => {
                        let continues = boundary.is_some_and(|b| {
                            matches!(words.w(b), "and" | "but" | "as" | "well" | "nor")
                                || words.toks[b].is_punct(',')
                        });
                        if !continues {
                            return vec![];
                        }
                        continued = true;
                        if !last_actors.is_empty() {
                            last_actors.clone()
                        } else {
                            match self.opening_subject(words, start, f.group, speaker) {
                                Some(a) => a,
                                None => return vec![],
                            }
                        }
                    }
                    Subject::Unknown => return vec![],
                }
            };
            let plural = actors.len() > 1 || self.plural_subject(words, subject);
            if f.base && !f.auxiliary && f.possessor.is_none() && !plural && !continued {
                return vec![];
            }
            // A target that opens with a verb form is a relative clause ("the plan that
            // China supports is …"), not an object.
            if self.lexicon.is(Class::Auxiliary, words.w(target.0)) {
                return vec![];
            }
            (actors, target)
        };
        *last_actors = actors.clone();
        let cue_end = f.after.min(words.toks.len()) - 1;
        let cue_from = if f.kind == CueKind::Noun {
            f.cue_start
        } else {
            f.group.max(f.cue_start.min(f.group))
        };
        let (key, key_at) = self.key(words, target.0, target.1, f);
        let (t0, t1) = (
            words.toks[target.0].start,
            words.toks[target.1 - 1].range().end,
        );
        // The key as written: from its first word to its last ("Palestine's just demands"),
        // the whole target when the key is empty.
        let written = key_at.map_or((t0, t1), |(a, b)| {
            (words.toks[a].start, words.toks[b].range().end)
        });
        actors
            .into_iter()
            .map(|actor| Position {
                stance: f.stance,
                voice: speaker.filter(|s| actor != Actor::Person(*s)),
                actor,
                cue: (
                    words.toks[cue_from].start as u32,
                    words.toks[cue_end].range().end as u32,
                ),
                target: (t0 as u32, t1 as u32),
                key: key.clone(),
                key_span: (written.0 as u32, written.1 as u32),
            })
            .collect()
    }

    /// The actor a noun cue's possessor names: a name ("China's support"), or the speaker
    /// for "our" (their country) and "my".
    fn possessor_actor(&self, f: &Found, speaker: Option<u32>) -> Option<Actor> {
        match &f.possessor {
            Some(Possessor::Actor(a)) => Some(a.clone()),
            Some(Possessor::Our) => self.speaker_country(speaker),
            Some(Possessor::My) => speaker.map(Actor::Person),
            None => None,
        }
    }

    fn speaker_country(&self, speaker: Option<u32>) -> Option<Actor> {
        let c = self.people.get(speaker? as usize)?.country.clone()?;
        Some(Actor::Country(c))
    }

    /// The subject that opens the sentence, for a cue coordinated with a verb that is not a
    /// cue ("China attaches great importance to X and has always supported Y"): the words
    /// before the sentence's first lower-case word, when no reporting verb stands between
    /// them and the cue (after "He added the Syrian side hopes … and welcomes", the subject
    /// is not "He").
    fn opening_subject(
        &self,
        words: &Words<'_>,
        start: usize,
        cue: usize,
        speaker: Option<u32>,
    ) -> Option<Vec<Actor>> {
        let mut from = start;
        while from < cue && words.toks[from].is_quote() {
            from += 1;
        }
        let mut to = from;
        while to < cue {
            let t = &words.toks[to];
            let w = words.w(to);
            let np = t.is_capitalized()
                || self.lexicon.is(Class::Determiner, w)
                || self.lexicon.is(Class::Head, w)
                || t.is_punct('-');
            if !np {
                break;
            }
            to += 1;
        }
        if to == from || !words.is_word(to) {
            return None;
        }
        let reported = (to..cue).any(|k| {
            let w = words.w(k);
            !words.toks[k].is_capitalized() && lexicon::contains(lexicon::SPEECH_VERBS, w)
        });
        if reported {
            return None;
        }
        match self.subject(words, from, to, speaker) {
            Subject::Actors(a) => Some(a),
            _ => None,
        }
    }

    /// Where the clause holding token `at` starts, and the boundary token before it (none
    /// at the sentence's start).
    fn clause_start(&self, words: &Words<'_>, start: usize, at: usize) -> (usize, Option<usize>) {
        let mut j = at;
        while j > start {
            let t = &words.toks[j - 1];
            let w = words.w(j - 1);
            let boundary = if t.is_word() {
                matches!(
                    w,
                    "that"
                        | "and"
                        | "but"
                        | "while"
                        | "whereas"
                        | "as"
                        | "which"
                        | "who"
                        | "because"
                        | "since"
                        | "although"
                        | "though"
                        | "so"
                        | "when"
                        | "if"
                        | "unless"
                        | "whether"
                        | "nor"
                        | "where"
                        | "after"
                        | "before"
                        | "once"
                ) || (!t.is_capitalized() && lexicon::contains(lexicon::SPEECH_VERBS, w))
            } else {
                !t.is_punct('-') && !t.is_punct('\'')
            };
            if boundary {
                return (j, Some(j - 1));
            }
            j -= 1;
        }
        (start, None)
    }

    /// Who the subject words `[from, to)` name.
    fn subject(&self, words: &Words<'_>, from: usize, to: usize, speaker: Option<u32>) -> Subject {
        if from >= to {
            return Subject::Empty;
        }
        let lx = self.lexicon;
        let ws: Vec<&str> = (from..to).map(|i| words.w(i)).collect();
        let speaker_country = || -> Option<Actor> {
            let s = speaker?;
            let c = self.people.get(s as usize)?.country.clone()?;
            Some(Actor::Country(c))
        };
        match ws.as_slice() {
            ["i"] | ["he"] | ["she"] => return Subject::one(speaker.map(Actor::Person)),
            ["we"] => return Subject::one(speaker_country().or(speaker.map(Actor::Person))),
            [p, h] | ["the", p, h] if lx.is(Class::Possessive, p) && lx.is(Class::Head, h) => {
                return if matches!(*p, "our" | "my" | "his" | "her") {
                    Subject::one(speaker_country())
                } else {
                    Subject::Unknown
                };
            }
            _ => {}
        }
        // "China and Russia", "the United States, Egypt and Qatar": every part an actor.
        let joints: Vec<usize> = (from..to)
            .filter(|&k| matches!(words.w(k), "and") || words.toks[k].is_punct(','))
            .collect();
        // Commas without an "and" make no list: "In conclusion, Mr. President, Kenya will
        // …" has the subject after the last comma (openers and vocatives go before it).
        if let Some(&last) = joints.last() {
            if !joints.iter().any(|&j| words.w(j) == "and") {
                return self.subject(words, last + 1, to, speaker);
            }
        }
        if !joints.is_empty() {
            let mut actors = Vec::new();
            let mut part = from;
            for &j in joints.iter().chain(std::iter::once(&to)) {
                match self.subject(words, part, j, speaker) {
                    Subject::Actors(a) => actors.extend(a),
                    Subject::Empty if j != to && words.toks[j].is_word() => {}
                    _ => return Subject::Unknown,
                }
                part = j + 1;
            }
            actors.dedup();
            return if actors.is_empty() {
                Subject::Unknown
            } else {
                Subject::Actors(actors)
            };
        }
        // "Lebanon's government", "China's Foreign Ministry".
        if let Some(k) = (from..to).rev().find(|&k| words.w(k).ends_with("'s")) {
            let heads = (k + 1..to).all(|m| {
                let w = words.w(m);
                lx.is(Class::Head, w)
                    || lexicon::contains(lexicon::TITLE_WORDS, w)
                    || w == "foreign"
            });
            if k + 1 < to && heads && (from..k).all(|m| lx.is(Class::Determiner, words.w(m))) {
                if let Some(a @ Actor::Country(_)) = self.possessor(words, k) {
                    return Subject::Actors(vec![a]);
                }
            }
        }
        // The last name or country in the words, with only head nouns after it.
        let mut last: Option<(usize, usize, Actor)> = None;
        let mut i = from;
        let toks = &words.toks[..to];
        while i < to {
            if let Some((p, e)) = self.names.match_at(toks, i) {
                last = Some((i, e, Actor::Person(p)));
                i = e;
                continue;
            }
            if let Some(hit) = self.gazetteer.match_at(toks, i) {
                let slug = self.gazetteer.slug(hit.country).to_string();
                last = Some((i, hit.end, Actor::Country(slug)));
                i = hit.end;
                continue;
            }
            i += 1;
        }
        let Some((s, e, actor)) = last else {
            return Subject::Unknown;
        };
        let heads_only = (e..to).all(|k| {
            let w = words.w(k);
            lx.is(Class::Head, w)
                || (matches!(actor, Actor::Country(_))
                    && (lexicon::contains(lexicon::TITLE_WORDS, w) || w == "foreign"))
        });
        if !heads_only {
            return Subject::Unknown;
        }
        // Before it: determiners, titles, capitalised words (names, "Chinese"), possessives.
        let clean_before = (from..s).all(|k| {
            let t = &words.toks[k];
            let w = words.w(k);
            (t.is_word()
                && (lx.is(Class::Determiner, w)
                    && !matches!(w, "all" | "both" | "some" | "any" | "each" | "every")
                    || lexicon::contains(lexicon::TITLE_WORDS, w)
                    || t.is_capitalized()))
                || t.is_punct('-')
        });
        if !clean_before {
            return Subject::Unknown;
        }
        Subject::Actors(vec![actor])
    }

    /// True when the subject `[from, to)` takes a base form: plural, first person, or two
    /// conjoined names.
    fn plural_subject(&self, words: &Words<'_>, (from, to): (usize, usize)) -> bool {
        if from >= to {
            return false;
        }
        let last = words.w(to - 1);
        matches!(last, "we" | "i" | "they" | "you")
            || (last.ends_with('s')
                && !last.ends_with("ss")
                && !last.ends_with("'s")
                && self.lexicon.is(Class::Head, last.trim_end_matches('s')))
            || last == "people"
    }

    /// The actors named right after `by` (a passive's agents: "by Jordan and Egypt").
    fn actors_after(
        &self,
        words: &Words<'_>,
        from: usize,
        limit: usize,
        speaker: Option<u32>,
    ) -> Option<Vec<Actor>> {
        let mut to = from;
        while to < limit
            && (words.is_word(to) || words.toks[to].is_punct(','))
            && !self.lexicon.is(Class::Preposition, words.w(to))
        {
            to += 1;
            if to - from > 12 {
                return None;
            }
        }
        while to > from && words.toks[to - 1].is_punct(',') {
            to -= 1;
        }
        match self.subject(words, from, to, speaker) {
            Subject::Actors(a) => Some(a),
            _ => None,
        }
    }

    /// The target: from `from` to the end of its clause (exclusive token range, trimmed).
    fn target(&self, words: &Words<'_>, from: usize, limit: usize) -> Option<(usize, usize)> {
        let lx = self.lexicon;
        // "support each other" states no one's position on a third thing, and "will not
        // accept it" none that a reader of the list could place.
        let first = (from..limit).find(|&k| words.is_word(k));
        if let Some(k) = first {
            if matches!(
                (words.w(k), words.w(k + 1)),
                ("each", "other") | ("one", "another")
            ) || matches!(words.w(k), "it" | "them" | "him" | "her" | "us" | "you")
            {
                return None;
            }
        }
        let mut i = from;
        let mut count = 0;
        while i < limit {
            let t = &words.toks[i];
            if t.is_word() {
                let w = words.w(i);
                if i > from && matches!(w, "but" | "while" | "whereas") {
                    break;
                }
                // A new clause: "… and we share his view", "… so that it reflects".
                let next = words.w(i + 1);
                if i > from
                    && ((w == "and" && matches!(next, "we" | "i" | "they" | "he" | "she" | "it"))
                        || (w == "so" && next == "that"))
                {
                    break;
                }
                count += 1;
                if count > MAX_TARGET_WORDS {
                    break;
                }
            } else if t.is_punct(',') {
                let next = words.w(i + 1);
                let next2 = words.w(i + 2);
                if self.attribution_follows(words, i + 1, limit)
                    || lx.is(Class::Opener, next)
                    || (next == "and" && (lx.is(Class::Opener, next2) || i + 2 >= limit))
                    || i + 1 >= limit
                {
                    break;
                }
            } else if t.ends_sentence()
                || [';', ':', '(', ')', '–', '—', '[', ']']
                    .iter()
                    .any(|c| t.is_punct(*c))
            {
                break;
            }
            i += 1;
        }
        // The "and" or comma that opens the next cue's clause is not the target's.
        trim(words, from, i)
    }

    /// True when the words from `at` are a quotation's attribution tail: `” Xi said`,
    /// `Assad stressed`, `"said Xi` (up to four capitalized words and a speech verb, or a
    /// speech verb and a capitalized word, then the clause's end). A target stops before it.
    fn attribution_follows(&self, words: &Words<'_>, at: usize, limit: usize) -> bool {
        let mut k = at;
        while k < limit && words.toks[k].is_quote() {
            k += 1;
        }
        let speech = |k: usize| {
            k < limit
                && words.is_word(k)
                && !words.toks[k].is_capitalized()
                && lexicon::contains(lexicon::SPEECH_VERBS, words.w(k))
        };
        let name = |k: usize| k < limit && words.is_word(k) && words.toks[k].is_capitalized();
        let ends = |k: usize| k >= limit || !words.is_word(k) && !words.toks[k].is_quote();
        if speech(k) {
            let mut j = k + 1;
            while name(j) {
                j += 1;
            }
            return j > k + 1 && ends(j);
        }
        let mut j = k;
        while name(j) && j < k + 4 {
            j += 1;
        }
        j > k && speech(j) && ends(j + 1)
    }

    /// Where a target's key starts: past the words that wrap what it is about ("the
    /// implementation of", "keeping to the right direction of"; the lexicon's wrappers),
    /// when something follows them.
    fn unwrapped(&self, words: &Words<'_>, from: usize, to: usize) -> usize {
        let lx = self.lexicon;
        let mut from = from;
        for _ in 0..3 {
            let mut k = from;
            while k < to
                && (words.toks[k].is_quote()
                    || lx.is(Class::Determiner, words.w(k))
                    || lx.is(Class::Possessive, words.w(k)))
            {
                k += 1;
            }
            let mut modifiers = 0;
            while k < to && modifiers < 2 && lx.is(Class::Modifier, words.w(k)) {
                k += 1;
                modifiers += 1;
            }
            if !(words.is_word(k) && lx.is(Class::Wrapper, words.w(k))) {
                break;
            }
            let next = words.w(k + 1);
            let past = if next == "of" || lx.is(Class::Preposition, next) {
                k + 2
            } else if words.w(k).ends_with("ing") && words.is_word(k + 1) {
                k + 1
            } else {
                break;
            };
            if past >= to || !words.is_word(past) && !words.toks[past].is_quote() {
                break;
            }
            from = past;
        }
        from
    }

    /// The grouping key of the target `[from, to)`, with the tokens of its first and last
    /// word (the key as written runs between them).
    fn key(
        &self,
        words: &Words<'_>,
        from: usize,
        to: usize,
        f: &Found,
    ) -> (String, Option<(usize, usize)>) {
        let lx = self.lexicon;
        let mut from = from;
        // "calls on X to Y", "urges X to Y": what is called for is Y.
        let asks = matches!(f.particle.as_deref(), Some("on" | "upon"))
            || (f.stance == Stance::CallsFor && f.kind == CueKind::Verb);
        if asks {
            if let Some(to_at) = (from..to.min(from + 10)).find(|&k| words.w(k) == "to") {
                if to_at + 1 < to {
                    from = to_at + 1;
                }
            }
        }
        let from = self.unwrapped(words, from, to);
        let mut out: Vec<&str> = Vec::new();
        let mut at: Vec<usize> = Vec::new();
        let mut k = from;
        while k < to && out.len() < MAX_KEY_WORDS {
            let t = &words.toks[k];
            let w = words.w(k);
            if !t.is_word() {
                if t.is_punct('-') || t.is_quote() || t.is_punct('\'') {
                    k += 1;
                    continue;
                }
                break;
            }
            if lx.is(Class::Determiner, w) || lx.is(Class::Possessive, w) {
                k += 1;
                continue;
            }
            if !out.is_empty() && w != "of" && lx.is(Class::Preposition, w) {
                break;
            }
            if matches!(w, "and" | "or") {
                // Past two words an "and" most often opens the next verb's clause ("the peace
                // talks and contribute …", "exercise restraint and work for …"), as it does
                // before a determiner or a wrapper ("… and upholding the …").
                let next = words.w(k + 1);
                if out.len() >= 2
                    || lx.is(Class::Determiner, next)
                    || lx.is(Class::Possessive, next)
                    || lx.is(Class::Wrapper, next)
                {
                    break;
                }
            }
            out.push(w.strip_suffix("'s").unwrap_or(w));
            at.push(k);
            k += 1;
        }
        while out
            .last()
            .is_some_and(|w| matches!(*w, "of" | "and" | "or"))
        {
            out.pop();
            at.pop();
        }
        let span = at.first().zip(at.last()).map(|(&a, &b)| (a, b));
        (out.join(" "), span)
    }
}

enum Subject {
    /// One actor, or several conjoined ("Russia and China").
    Actors(Vec<Actor>),
    /// No words: a coordinated cue continues the last actor.
    Empty,
    /// Words that name no actor the tables know.
    Unknown,
}

impl Subject {
    fn one(actor: Option<Actor>) -> Subject {
        actor.map_or(Subject::Unknown, |a| Subject::Actors(vec![a]))
    }
}

/// Whose a noun cue is, when its possessor says.
#[derive(Debug, Clone)]
enum Possessor {
    Actor(Actor),
    Our,
    My,
}

/// `[from, to)` without leading and trailing punctuation and conjunctions (closing quotes
/// kept when their opening quote is inside), or `None` when nothing is left.
fn trim(words: &Words<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut from = from;
    let mut to = to;
    while from < to && !words.is_word(from) && !words.toks[from].is_quote() {
        from += 1;
    }
    while to > from
        && (!words.is_word(to - 1) || matches!(words.w(to - 1), "and" | "or" | "as" | "but"))
    {
        if words.toks[to - 1].is_quote() {
            let quotes = (from..to).filter(|&k| words.toks[k].is_quote()).count();
            if quotes % 2 == 0 {
                break;
            }
        }
        to -= 1;
    }
    // A leading quote without its closing one is left out.
    if from < to && words.toks[from].is_quote() {
        let quotes = (from..to).filter(|&k| words.toks[k].is_quote()).count();
        if quotes % 2 == 1 {
            from += 1;
        }
    }
    (from < to && (from..to).any(|k| words.is_word(k))).then_some((from, to))
}

/// The sentences of a tokenized text, as token ranges.
fn sentence_ranges(words: &Words<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in words.toks.iter().enumerate() {
        if !t.ends_sentence() {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| &words.toks[p]);
        let abbreviation = t.text == "."
            && prev.is_some_and(|p| {
                p.is_word()
                    && (p.text.chars().count() == 1
                        || lexicon::ABBREVIATIONS.contains(&words.w(i - 1)))
            });
        // A closing quote after the stop belongs to the sentence.
        let mut end = i + 1;
        while words.toks.get(end).is_some_and(Token::is_quote) {
            end += 1;
        }
        let next_lower = words
            .toks
            .get(end)
            .is_some_and(|n| n.text.chars().next().is_some_and(char::is_lowercase));
        if abbreviation || next_lower {
            continue;
        }
        out.push((start, end));
        start = end;
    }
    if start < words.toks.len() {
        out.push((start, words.toks.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn people() -> Vec<Person> {
        let p = |id: &str, name: &str, country: &str, aliases: &[&str]| Person {
            id: id.into(),
            name: name.into(),
            country: Some(country.into()),
            role: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            guessed: false,
        };
        vec![
            p("xi-jinping", "Xi Jinping", "china", &["Xi", "President Xi"]),
            p("mahmoud-abbas", "Mahmoud Abbas", "palestine", &["Abbas"]),
            p("president", "President", "palestine", &[]),
        ]
    }

    fn show(text: &str, speaker: Option<u32>) -> Vec<String> {
        let g = Gazetteer::built_in();
        let people = people();
        let x = Extractor::new(&g, &people);
        x.extract(text, speaker)
            .iter()
            .map(|p| {
                let actor = p.actor.slug(&people);
                format!(
                    "{} {} [{}] <{}>",
                    actor,
                    p.stance.slug(),
                    &text[p.target.0 as usize..p.target.1 as usize],
                    p.key
                )
            })
            .collect()
    }

    #[test]
    fn coordination_is_two_positions() {
        assert_eq!(
            show("Xi stressed that China firmly supports Syria in safeguarding its national sovereignty, territorial integrity and national dignity, and firmly opposes interference by external forces in Syria's internal affairs.", Some(0)),
            [
                "china supports [Syria in safeguarding its national sovereignty, territorial integrity and national dignity] <syria>",
                "china opposes [interference by external forces in Syria's internal affairs] <interference>",
            ]
        );
    }

    /// Seen in the seeds: targets ran on into the quotation's attribution
    /// ("… each other,” Xi said"), and "support each other" was keyed `other`.
    #[test]
    fn targets_stop_before_an_attribution_and_reciprocals_are_no_target() {
        assert_eq!(
            show(
                "\"China will continue to firmly support Palestine, \" Xi said.",
                None
            ),
            ["china supports [Palestine] <palestine>"]
        );
        assert_eq!(
            show(
                "Syria will firmly support China on Taiwan, Abbas stressed.",
                None
            ),
            ["syria supports [China on Taiwan] <china>"]
        );
        assert_eq!(
            show("\"We welcome the Syrian side's participation in the initiative,\" said Xi.", Some(0)),
            ["china welcomes [the Syrian side's participation in the initiative] <syrian side participation>"]
        );
        assert!(show(
            "China and Syria firmly support each other, Xi said.",
            Some(0)
        )
        .is_empty());
        assert!(show("We will not accept it in silence.", Some(0)).is_empty());
    }

    /// Seen in the speeches test corpus: a vocative before the subject was read as a list
    /// of actors, and targets ran on into the next clause.
    #[test]
    fn vocatives_are_no_actors_and_targets_end_at_a_new_clause() {
        assert_eq!(
            show(
                "In conclusion, Mr. President, China will stand with every nation.",
                None
            ),
            ["china supports [every nation] <nation>"]
        );
        assert_eq!(
            show("We welcome the report of the Secretary-General and we share his view.", Some(0)),
            ["china welcomes [the report of the Secretary-General] <report of secretary general>"]
        );
        assert_eq!(
            show(
                "We support the reform of the Council so that it reflects the world.",
                Some(0)
            ),
            ["china supports [the reform of the Council] <reform of council>"]
        );
        // A comma before a capitalized word that is no attribution does not end the target.
        assert_eq!(
            show("China supports Palestine, Syria and Lebanon.", None),
            ["china supports [Palestine, Syria and Lebanon] <palestine>"]
        );
    }

    #[test]
    fn thanks_are_not_the_thanked_ones_position() {
        assert!(show(
            "Abbas thanked China for its support for the Palestinian cause.",
            Some(1)
        )
        .is_empty());
        assert!(show("Support honest journalism.", None).is_empty());
    }

    #[test]
    fn negation_hedges_and_passives() {
        assert_eq!(
            show("China does not support unilateral sanctions.", None),
            ["china opposes [unilateral sanctions] <unilateral sanctions>"]
        );
        assert_eq!(
            show("Israel will never accept the plan.", None),
            ["israel rejects [the plan] <plan>"]
        );
        assert!(show("China would support such a plan if it were fair.", None).is_empty());
        assert_eq!(
            show("The resolution was rejected by Israel.", None),
            ["israel rejects [The resolution] <resolution>"]
        );
    }

    #[test]
    fn noun_cues_and_possessors() {
        assert_eq!(
            show("Qin reaffirmed China's support for a peaceful resolution of the Palestine issue.", None),
            ["china supports [a peaceful resolution of the Palestine issue] <peaceful resolution of palestine issue>"]
        );
        assert_eq!(
            show("China called for an immediate ceasefire and reiterated its support for the two-state solution.", None),
            [
                "china calls-for [an immediate ceasefire] <immediate ceasefire>",
                "china supports [the two-state solution] <two state solution>",
            ]
        );
    }

    #[test]
    fn keys_leave_out_the_words_that_wrap_a_target() {
        assert_eq!(
            show("China reiterated its support for the implementation of the “two-state solution”.", None),
            ["china supports [the implementation of the “two-state solution”] <two state solution>"]
        );
        assert_eq!(
            show("China calls for keeping to the right direction of the two-state solution.", None),
            ["china calls-for [keeping to the right direction of the two-state solution] <two state solution>"]
        );
        assert_eq!(
            show("China called for upholding the common interests of developing countries.", None),
            ["china calls-for [upholding the common interests of developing countries] <common interests of developing countries>"]
        );
        // A wrapper with nothing after it is the key.
        assert_eq!(
            show("China supports the implementation.", None),
            ["china supports [the implementation] <implementation>"]
        );
    }

    #[test]
    fn calls_on_keys_what_is_asked() {
        assert_eq!(
            show(
                "China has consistently called on all parties to exercise restraint.",
                None
            ),
            ["china calls-for [all parties to exercise restraint] <exercise restraint>"]
        );
    }
}
