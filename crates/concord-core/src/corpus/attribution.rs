//! Who speaks in each statement of one document, in five steps:
//!
//! 1. [`Names`]: the people the document can name — the corpus table so far and the people
//!    [`speakers::discover`] finds in its text (and, for a speech, its title);
//! 2. the document's own speaker: the catalog's, else the one person a speech's title names;
//! 3. the people a transcript's turn labels name ([`super::transcript`]);
//! 4. each statement: its turn label, else its reporting clause ([`speakers::Attributor`]),
//!    else the current turn or the document's speaker, else the narrator;
//! 5. indexes into the corpus's people table, which gains the guessed people who speak.

use super::catalog::CatalogDocument;
use super::speakers::{self, Attributor, Context, NameIndex};
use super::{transcript, Builder, NoteLevel};
use crate::model::{Attribution, Paragraph, Person, Statement};
use crate::text::{lexicon, name_key, slug, tokens, Token};
use std::collections::HashMap;
use std::rc::Rc;

/// What the attribution of a document's statements needs to know of the document.
pub(super) struct Shape<'a> {
    pub title: &'a str,
    /// Speaker labels recur: unlabelled paragraphs continue the last labelled turn.
    pub transcript: bool,
    /// For each body paragraph, the label that opens its turn (its own, or a label line's).
    pub turn_labels: Vec<Option<String>>,
}

/// The statements of one document, its participants and its own speaker (indexes into the
/// corpus's people table).
pub(super) type Attributed = (Vec<Statement>, Vec<u32>, Option<u32>);

/// The people one document can name: the corpus table so far, then the people found in the
/// document, with the names and aliases that refer to them here.
struct Names {
    people: Vec<Person>,
    index: NameIndex,
}

impl Names {
    fn position(&self, id: &str) -> Option<u32> {
        self.people
            .iter()
            .position(|p| p.id == id)
            .map(|i| i as u32)
    }

    /// The person a transcript label names, added (guessed) when new.
    fn label_person(&mut self, name: &str, role: Option<String>) -> u32 {
        let id = slug(name);
        if let Some(i) = self.position(&id) {
            return i;
        }
        self.people.push(Person {
            id,
            name: name.to_string(),
            country: None,
            role,
            aliases: Vec::new(),
            guessed: true,
        });
        let i = self.people.len() as u32 - 1;
        self.index.add(name, i);
        i
    }
}

/// Where the document's speaker came from, for the steps after.
struct Speaking {
    /// The document's own speaker.
    document: Option<u32>,
    /// Each body paragraph's turn speaker, when its turn label names one.
    turns: Vec<Option<u32>>,
}

impl Builder {
    /// The statements of a document's body paragraphs, its participants and its own speaker.
    pub(super) fn statements(
        &mut self,
        body: &[&Paragraph],
        body_texts: &[&str],
        entry: Option<&CatalogDocument>,
        shape: &Shape<'_>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> Attributed {
        // Only a kind the catalog gives counts: a guessed "statement" may be a readout.
        let speech = entry
            .and_then(|e| e.kind.as_deref())
            .is_some_and(|k| lexicon::contains(lexicon::SPEECH_KINDS, k));
        // Every step below reads the same tokens: split each body paragraph once.
        let body_toks: Vec<Vec<Token<'_>>> = body_texts.iter().map(|t| tokens(t)).collect();
        let title_names_speaker = speech && entry.and_then(|e| e.speaker.as_ref()).is_none();
        let mut names = self.names(
            body_texts,
            &body_toks,
            title_names_speaker.then_some(shape.title),
        );
        let document = self.document_speaker(&names, entry, shape, title_names_speaker, note);
        let turns = self.turn_speakers(&mut names, body, shape, document, note);
        let speaking = Speaking { document, turns };
        let local = self.attribute(&names, body, &body_toks, entry, shape, &speaking, note);
        self.place_in_table(&names.people, local, speaking.document, entry, note)
    }

    /// Step 1: every listed person's names and aliases, and the people found in the text (and
    /// in `title`, when it may name a speech's speaker). A guessed person's first and last
    /// names count only in documents that name them in full.
    fn names(
        &mut self,
        body_texts: &[&str],
        body_toks: &[Vec<Token<'_>>],
        title: Option<&str>,
    ) -> Names {
        let mut people: Vec<Person> = self.people.clone();
        self.people_names.update(&self.people);
        let mut index = NameIndex::over(Rc::clone(&self.people_names.all));
        // Discovery looks past guessed people too, so that what one document tells of them
        // (a country, an office) completes what another did.
        let curated = Rc::clone(&self.people_names.listed);
        let common = |w: &str| self.vocabulary.is_common(w);
        let mut texts: Vec<&str> = body_texts.to_vec();
        texts.extend(title);
        for d in speakers::discover(&texts, &curated, &self.gazetteer, &common) {
            let id = slug(&d.name);
            let i = match people.iter().position(|p| p.id == id) {
                Some(i) => {
                    let known = &mut people[i];
                    if known.guessed {
                        known.country = known.country.take().or(d.country.clone());
                        known.role = known.role.take().or(d.role.clone());
                        if let Some(global) = self.people.get_mut(i) {
                            global.country.clone_from(&known.country);
                            global.role.clone_from(&known.role);
                        }
                    }
                    i
                }
                None => {
                    people.push(Person {
                        id,
                        name: d.name.clone(),
                        country: d.country.clone(),
                        role: d.role.clone(),
                        aliases: d.aliases.clone(),
                        guessed: true,
                    });
                    people.len() - 1
                }
            };
            index.add(&d.name, i as u32);
        }
        // Guessed people named in full here lend their short names to this document.
        let mut full = NameIndex::over(Rc::clone(&self.people_names.names));
        for (i, p) in people.iter().enumerate().skip(self.people.len()) {
            full.add(&p.name, i as u32);
        }
        let named_in_full: Vec<u32> = body_toks.iter().flat_map(|t| full.people_in(t)).collect();
        for &i in &named_in_full {
            if people[i as usize].guessed {
                for a in people[i as usize].aliases.clone() {
                    if !self.is_common_word(&a) {
                        index.add(&a, i);
                    }
                }
            }
        }
        Names { people, index }
    }

    /// Step 2: the catalog's speaker, else (for a speech whose title may name it) the one
    /// person the title names.
    fn document_speaker(
        &self,
        names: &Names,
        entry: Option<&CatalogDocument>,
        shape: &Shape<'_>,
        title_names_speaker: bool,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> Option<u32> {
        if let Some(sp) = entry.and_then(|e| e.speaker.as_deref()) {
            return names.position(sp);
        }
        if !title_names_speaker {
            return None;
        }
        match names.index.people_in(&tokens(shape.title)).as_slice() {
            [one] => {
                note(None, NoteLevel::Guess, format!(
                    "the speech's speaker is `{}`, the one person its title names; set `speaker` in the catalog to be sure",
                    names.people[*one as usize].id
                ));
                Some(*one)
            }
            _ => None,
        }
    }

    /// Step 3: the person each body paragraph's turn label names, found among the known or
    /// added.
    fn turn_speakers(
        &self,
        names: &mut Names,
        body: &[&Paragraph],
        shape: &Shape<'_>,
        document: Option<u32>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> Vec<Option<u32>> {
        let mut out = Vec::with_capacity(body.len());
        let mut last_named: Option<u32> = None;
        for (p, label) in body.iter().zip(&shape.turn_labels) {
            let who = label.as_deref().map(|raw| {
                let name = raw.trim_end().trim_end_matches(':').trim();
                match transcript::speaker(name) {
                    transcript::Speaker::Questioner => Some(names.label_person("Questioner", None)),
                    transcript::Speaker::Answer => document.or(last_named),
                    transcript::Speaker::Named {
                        name,
                        title,
                        affiliation,
                    } => {
                        let person = self.named_label(names, &name, title, affiliation);
                        last_named = Some(person);
                        Some(person)
                    }
                }
            });
            if who == Some(None) {
                note(Some(p.line), NoteLevel::Warning, "an answer label (`A:`) but the document has no speaker; set `speaker` in the catalog".into());
            }
            out.push(who.flatten());
        }
        out
    }

    /// The person a named label (`MR. SMITH:`, `Ms. Haugland (Norway):`) stands for: a known
    /// name, else a person added with the label's office and bracketed country.
    fn named_label(
        &self,
        names: &mut Names,
        name: &str,
        title: Option<String>,
        affiliation: Option<String>,
    ) -> u32 {
        let toks = tokens(name);
        let known = names
            .index
            .match_at(&toks, 0)
            .filter(|&(_, end)| end == toks.len())
            .map(|(p, _)| p);
        let person = known.unwrap_or_else(|| {
            let role = title.filter(|t| !lexicon::contains(lexicon::HONORIFICS, &t.to_lowercase()));
            names.label_person(name, role)
        });
        if let Some(c) = affiliation
            .as_deref()
            .and_then(|a| self.gazetteer.resolve(a))
        {
            let p = &mut names.people[person as usize];
            if p.guessed && p.country.is_none() {
                p.country = Some(c.to_string());
            }
        }
        person
    }

    /// Step 4: each body paragraph's speaker (indexes into `names.people`).
    #[allow(clippy::too_many_arguments)]
    fn attribute(
        &self,
        names: &Names,
        body: &[&Paragraph],
        body_toks: &[Vec<Token<'_>>],
        entry: Option<&CatalogDocument>,
        shape: &Shape<'_>,
        speaking: &Speaking,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> Vec<Statement> {
        // The candidates for a role phrase: the curated participants, the people the text
        // names, the document's speaker.
        let mut document_people: Vec<u32> = entry
            .map(|e| {
                e.participants
                    .iter()
                    .filter_map(|id| names.position(id))
                    .collect()
            })
            .unwrap_or_default();
        for p in body_toks
            .iter()
            .flat_map(|t| names.index.people_in(t))
            .chain(speaking.document)
        {
            if !document_people.contains(&p) {
                document_people.push(p);
            }
        }
        let attributor = Attributor {
            people: &names.people,
            names: &names.index,
            gazetteer: &self.gazetteer,
        };
        let mut ctx = Context {
            document_people,
            ..Context::default()
        };
        let mut out = Vec::with_capacity(body.len());
        let mut turn: Option<u32> = None;
        for (((p, toks), labelled), label) in body
            .iter()
            .zip(body_toks)
            .zip(&speaking.turns)
            .zip(&shape.turn_labels)
        {
            let (mut speaker, mut how) = attributor.attribute_tokens(toks, &ctx);
            let editorial = shape.transcript
                && p.text.split_once(':').is_some_and(|(head, _)| {
                    lexicon::contains(lexicon::NOT_SPEAKER_LABELS, &head.trim().to_lowercase())
                });
            if editorial {
                // "Note: …" in a transcript is the editor's, not the last speaker's.
                (speaker, how) = (None, Attribution::Narrator);
            } else if label.is_some() {
                // A labelled turn is its speaker's, whatever it reports.
                turn = *labelled;
                how = if labelled.is_some() {
                    Attribution::Label
                } else {
                    Attribution::Narrator
                };
                speaker = *labelled;
            } else if how == Attribution::Narrator {
                if let Some(t) = turn.filter(|_| shape.transcript) {
                    (speaker, how) = (Some(t), Attribution::Label);
                } else if let Some(d) = speaking.document {
                    (speaker, how) = (Some(d), Attribution::Document);
                }
            }
            let opens_with_pronoun = toks
                .first()
                .is_some_and(|t| lexicon::contains(lexicon::PRONOUNS, &t.text.to_lowercase()));
            if how == Attribution::Narrator && opens_with_pronoun {
                note(
                    Some(p.line),
                    NoteLevel::Guess,
                    "a pronoun opens this paragraph but no earlier speaker was found; left to the narrator".into(),
                );
            }
            ctx.previous = speaker;
            ctx.previous_quoted = toks.iter().any(|t| t.is_quote());
            ctx.previous_named = names.index.people_in(toks);
            ctx.last_speaker = speaker.or(ctx.last_speaker);
            out.push(Statement {
                p: p.n,
                speaker,
                attribution: how,
                countries: self.gazetteer.countries_in(&p.text),
                positions: vec![],
            });
        }
        out
    }

    /// Step 5: the statements, participants and speaker as indexes into the corpus's people
    /// table, which keeps the guessed people who speak.
    fn place_in_table(
        &mut self,
        local: &[Person],
        statements: Vec<Statement>,
        speaker: Option<u32>,
        entry: Option<&CatalogDocument>,
        note: &mut impl FnMut(Option<u32>, NoteLevel, String),
    ) -> Attributed {
        let mut map: HashMap<u32, u32> = HashMap::new();
        let mut global = |i: u32, people: &mut Vec<Person>| -> u32 {
            *map.entry(i).or_insert_with(|| {
                let person = &local[i as usize];
                match people.iter().position(|p| p.id == person.id) {
                    Some(g) => g as u32,
                    None => {
                        note(None, NoteLevel::Guess, format!(
                            "speaker `{}` ({}) found in the text; add them to the catalog to curate their name, country and role",
                            person.name, person.id
                        ));
                        people.push(person.clone());
                        people.len() as u32 - 1
                    }
                }
            })
        };
        let statements: Vec<Statement> = statements
            .into_iter()
            .map(|s| Statement {
                speaker: s.speaker.map(|i| global(i, &mut self.people)),
                ..s
            })
            .collect();
        let speaker = speaker.map(|i| global(i, &mut self.people));
        let participants: Vec<u32> = match entry.filter(|e| !e.participants.is_empty()) {
            Some(e) => e
                .participants
                .iter()
                .filter_map(|id| {
                    self.people
                        .iter()
                        .position(|p| p.id == *id)
                        .map(|i| i as u32)
                })
                .collect(),
            None => {
                let mut seen = Vec::new();
                for p in statements.iter().filter_map(|s| s.speaker) {
                    if !seen.contains(&p) {
                        seen.push(p);
                    }
                }
                seen
            }
        };
        (statements, participants, speaker)
    }

    /// True for a word that must not become a guessed person's short name: a country name
    /// or demonym, or a word of the lexicon.
    fn is_common_word(&self, word: &str) -> bool {
        let toks = tokens(word);
        let lower = word.to_lowercase();
        self.gazetteer.match_at(&toks, 0).is_some()
            || lexicon::contains(lexicon::TITLE_WORDS, &lower)
            || lexicon::contains(lexicon::ORGANISATION_WORDS, &lower)
            || name_key(word).chars().count() < 2
    }
}

/// The people table's names, indexed once and brought up to date as people are added: each
/// document's names lie over these ([`NameIndex::over`]) instead of indexing every person
/// again (which made a corpus's build grow with documents × people).
#[derive(Debug, Default)]
pub(super) struct PeopleNames {
    /// Every person's name, and a listed (not guessed) person's aliases.
    all: Rc<NameIndex>,
    /// Listed people's names and aliases, numbered among listed people.
    listed: Rc<NameIndex>,
    /// Every person's name alone.
    names: Rc<NameIndex>,
    /// People indexed so far, and how many of them are listed.
    count: usize,
    listed_count: u32,
}

impl PeopleNames {
    /// Indexes the people added to `people` since the last call.
    fn update(&mut self, people: &[Person]) {
        if self.count >= people.len() {
            return;
        }
        let (all, listed, names) = (
            Rc::make_mut(&mut self.all),
            Rc::make_mut(&mut self.listed),
            Rc::make_mut(&mut self.names),
        );
        for (i, p) in people.iter().enumerate().skip(self.count) {
            all.add(&p.name, i as u32);
            names.add(&p.name, i as u32);
            if !p.guessed {
                for a in &p.aliases {
                    all.add(a, i as u32);
                }
                for n in std::iter::once(&p.name).chain(&p.aliases) {
                    listed.add(n, self.listed_count);
                }
                self.listed_count += 1;
            }
        }
        self.count = people.len();
    }
}
