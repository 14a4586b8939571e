//! The stance lexicon: which words state a position, and the word classes the position
//! rules consult. The words are data (`stances.tsv`, beside this file, documented there);
//! this module reads them once and answers lookups. The rules that use them are in
//! [`crate::corpus::positions`].

use crate::model::Stance;
use std::collections::HashMap;
use std::sync::OnceLock;

const BUILT_IN: &str = include_str!("stances.tsv");

/// How a cue word states its stance (see `stances.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A verb whose object follows.
    Verb,
    /// A verb and one of its particles; the object follows the particle.
    Particle,
    /// A noun after a light verb; the object follows one of its prepositions.
    Noun,
    /// An adjective after a form of "be", with its prepositions.
    Adjective,
    /// A verb that states its stance only when negated.
    Negated,
}

/// Which form of a verb cue a word is: the lexicon lists a verb's forms in threes (base,
/// -s, past), so the form is the word's place in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    Base,
    Third,
    Past,
}

/// One word form of a lexicon line: its stance, kind and particles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub stance: Stance,
    pub kind: CueKind,
    /// The verb form, for verb, particle and negated cues (`None` for nouns and adjectives).
    pub form: Option<VerbForm>,
    /// Particles or prepositions (empty for a plain verb).
    pub particles: Vec<String>,
}

/// The word classes of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Light,
    Adverb,
    Auxiliary,
    Hedge,
    Negation,
    Possessive,
    Determiner,
    Infinitive,
    Head,
    Opener,
    Modifier,
    Preposition,
    Wrapper,
}

impl Class {
    fn of_name(name: &str) -> Option<Class> {
        Some(match name {
            "light" => Class::Light,
            "adverb" => Class::Adverb,
            "auxiliary" => Class::Auxiliary,
            "hedge" => Class::Hedge,
            "negation" => Class::Negation,
            "possessive" => Class::Possessive,
            "determiner" => Class::Determiner,
            "infinitive" => Class::Infinitive,
            "head" => Class::Head,
            "opener" => Class::Opener,
            "modifier" => Class::Modifier,
            "preposition" => Class::Preposition,
            "wrapper" => Class::Wrapper,
            _ => return None,
        })
    }
}

/// The lexicon, read from `stances.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Every cue a word form can open, in the file's order.
    cues: HashMap<String, Vec<Cue>>,
    /// Each word's classes, one bit a [`Class`].
    classes: HashMap<String, u16>,
    negated: HashMap<Stance, Stance>,
}

/// A line of the lexicon that could not be read: its 1-based number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stances.tsv, line {}: {}", self.line, self.message)
    }
}

impl Lexicon {
    /// The built-in lexicon (read once; a test holds the file to be valid).
    pub fn built_in() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(BUILT_IN).expect("stances.tsv is valid"))
    }

    /// Reads a lexicon in the `stances.tsv` format.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: line_no,
                message,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let stance = |i: usize| -> Result<Stance, LexiconError> {
                let s = cols.get(i).copied().unwrap_or_default();
                Stance::of_slug(s).ok_or_else(|| err(format!("unknown stance `{s}`")))
            };
            let words = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| c.split_whitespace().map(str::to_string).collect())
                    .unwrap_or_default()
            };
            match cols[0] {
                "stance" => {
                    let stance = stance(1)?;
                    let kind = match cols.get(2).copied().unwrap_or_default() {
                        "verb" => CueKind::Verb,
                        "particle" => CueKind::Particle,
                        "noun" => CueKind::Noun,
                        "adjective" => CueKind::Adjective,
                        "negated" => CueKind::Negated,
                        other => return Err(err(format!("unknown cue kind `{other}`"))),
                    };
                    let forms = words(3);
                    let particles = words(4);
                    if forms.is_empty() {
                        return Err(err("a cue needs its word forms (column 4)".into()));
                    }
                    let needs_particles =
                        matches!(kind, CueKind::Particle | CueKind::Noun | CueKind::Adjective);
                    if needs_particles && particles.is_empty() {
                        return Err(err(format!(
                            "a {} cue needs its particles (column 5)",
                            cols[2]
                        )));
                    }
                    let verb = matches!(kind, CueKind::Verb | CueKind::Particle | CueKind::Negated);
                    if verb && forms.len() % 3 != 0 {
                        return Err(err(format!(
                            "a {} cue lists its forms in threes (base, -s, past); {} given",
                            cols[2],
                            forms.len()
                        )));
                    }
                    for (k, form) in forms.into_iter().enumerate() {
                        check_lower(&form).map_err(err)?;
                        let form_of = [VerbForm::Base, VerbForm::Third, VerbForm::Past][k % 3];
                        lexicon.cues.entry(form).or_default().push(Cue {
                            stance,
                            kind,
                            form: verb.then_some(form_of),
                            particles: particles.clone(),
                        });
                    }
                }
                "class" => {
                    let name = cols.get(1).copied().unwrap_or_default();
                    let class = Class::of_name(name)
                        .ok_or_else(|| err(format!("unknown word class `{name}`")))?;
                    for w in words(2) {
                        check_lower(&w).map_err(err)?;
                        *lexicon.classes.entry(w).or_default() |= 1 << class as u16;
                    }
                }
                "negated" => {
                    let (from, to) = (stance(1)?, stance(2)?);
                    lexicon.negated.insert(from, to);
                }
                other => return Err(err(format!("unknown line kind `{other}`"))),
            }
        }
        Ok(lexicon)
    }

    /// The cues a (folded) word can open.
    pub fn cues(&self, word: &str) -> &[Cue] {
        self.cues.get(word).map_or(&[], Vec::as_slice)
    }

    /// True when the folded word is in `class`.
    pub fn is(&self, class: Class, word: &str) -> bool {
        self.classes
            .get(word)
            .is_some_and(|bits| bits & (1 << class as u16) != 0)
    }

    /// What a negated cue of `stance` states, if anything clear.
    pub fn negated(&self, stance: Stance) -> Option<Stance> {
        self.negated.get(&stance).copied()
    }
}

fn check_lower(w: &str) -> Result<(), String> {
    if w.to_lowercase() == w {
        Ok(())
    } else {
        Err(format!("`{w}` should be lower case"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_reads() {
        let l = Lexicon::parse(BUILT_IN).unwrap();
        assert!(l
            .cues("supports")
            .iter()
            .any(|c| c.stance == Stance::Supports));
        assert!(l
            .cues("called")
            .iter()
            .any(|c| c.kind == CueKind::Particle && c.particles.iter().any(|p| p == "on")));
        assert!(l.is(Class::Light, "reaffirmed") && !l.is(Class::Light, "thanked"));
        assert_eq!(l.negated(Stance::Supports), Some(Stance::Opposes));
        assert_eq!(l.negated(Stance::Condemns), None);
        let form = |w: &str| {
            l.cues(w)
                .iter()
                .find(|c| c.kind != CueKind::Noun)
                .and_then(|c| c.form)
        };
        assert_eq!(form("uphold"), Some(VerbForm::Base));
        assert_eq!(form("stands"), Some(VerbForm::Third));
        assert_eq!(form("stood"), Some(VerbForm::Past));
        assert_eq!(form("recognised"), Some(VerbForm::Past));
        assert_eq!(form("supportive"), None);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = Lexicon::parse("# x\nstance\tloves\tverb\tlove\n").unwrap_err();
        assert_eq!(e.to_string(), "stances.tsv, line 2: unknown stance `loves`");
        let e = Lexicon::parse("stance\tsupports\tparticle\tstand\n").unwrap_err();
        assert!(e.message.contains("particles"), "{e}");
        let e = Lexicon::parse("stance\tsupports\tverb\tback backs\n").unwrap_err();
        assert!(e.message.contains("threes"), "{e}");
        let e = Lexicon::parse("class\tlight\tExpress\n").unwrap_err();
        assert!(e.message.contains("lower case"), "{e}");
    }
}
