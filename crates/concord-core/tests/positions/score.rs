//! Reads the labelled set (`labelled.txt`, format in its header), runs the extractor on
//! every case and scores it by stance. Shared by `tests/positions.rs` (which holds the
//! figures to their targets) and `benches/positions.rs` (which prints them).

use concord_core::corpus::positions::Extractor;
use concord_core::model::{Person, Stance};
use concord_core::text::gazetteer::Gazetteer;

pub const LABELLED: &str = include_str!("labelled.txt");
/// Cases written after the rules were tuned on [`LABELLED`] (they use its people table).
pub const HELD_OUT: &str = include_str!("heldout.txt");

/// The held-out cases with the labelled set's people.
pub fn held_out() -> Set {
    parse_with("heldout.txt", HELD_OUT, parse(LABELLED).people)
}

#[derive(Debug, Clone)]
pub struct Gold {
    pub stance: Stance,
    pub actor: String,
    pub target: String,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub line: usize,
    pub sentence: String,
    pub speaker: Option<String>,
    pub gold: Vec<Gold>,
}

/// A found position, as the scorer compares it.
#[derive(Debug, Clone)]
pub struct Got {
    pub stance: Stance,
    pub actor: String,
    pub target: (usize, usize),
}

pub struct Set {
    /// The file's name, for messages.
    pub file: &'static str,
    pub people: Vec<Person>,
    pub cases: Vec<Case>,
}

/// Parses the labelled set; a bad line panics naming its number.
pub fn parse(text: &str) -> Set {
    parse_with("labelled.txt", text, Vec::new())
}

/// [`parse`], with people already known.
pub fn parse_with(file: &'static str, text: &str, people: Vec<Person>) -> Set {
    let mut people = people;
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("person\t") {
            let cols: Vec<&str> = rest.split('\t').collect();
            assert!(
                cols.len() >= 3,
                "{file}:{line_no}: a person needs id, name, country"
            );
            people.push(Person {
                id: cols[0].into(),
                name: cols[1].into(),
                country: (cols[2] != "-").then(|| cols[2].to_string()),
                role: None,
                aliases: cols
                    .get(3)
                    .map(|a| {
                        a.split(';')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                guessed: false,
            });
        } else if let Some(s) = line.strip_prefix("> ") {
            let s = s.trim_end();
            let s = s
                .strip_suffix(" [seed]")
                .or_else(|| s.strip_suffix(" [corpus]"))
                .unwrap_or(s);
            cases.push(Case {
                line: line_no,
                sentence: s.to_string(),
                speaker: None,
                gold: vec![],
            });
        } else if let Some(id) = line.strip_prefix("@ ") {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("{file}:{line_no}: @ before any case"));
            assert!(
                people.iter().any(|p| p.id == id.trim()),
                "{file}:{line_no}: unknown person `{id}`"
            );
            case.speaker = Some(id.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("= ") {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("{file}:{line_no}: = before any case"));
            let (head, target) = rest
                .split_once(" | ")
                .unwrap_or_else(|| panic!("{file}:{line_no}: `= stance actor | target`"));
            let mut parts = head.split_whitespace();
            let stance = parts.next().and_then(Stance::of_slug);
            let stance =
                stance.unwrap_or_else(|| panic!("{file}:{line_no}: unknown stance in `{head}`"));
            let actor = parts
                .next()
                .unwrap_or_else(|| panic!("{file}:{line_no}: no actor"))
                .to_string();
            assert!(
                case.sentence.contains(target.trim()),
                "{file}:{line_no}: the target `{target}` is not in the sentence"
            );
            case.gold.push(Gold {
                stance,
                actor,
                target: target.trim().to_string(),
            });
        } else {
            panic!("{file}:{line_no}: cannot read `{line}`");
        }
    }
    Set {
        file,
        people,
        cases,
    }
}

/// One stance's counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Labelled positions.
    pub gold: usize,
    /// Found positions.
    pub found: usize,
    /// Found positions that match a labelled one.
    pub right: usize,
    /// Labelled positions that some found one matches.
    pub recalled: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.recalled as f64 / self.gold as f64
        }
    }
}

pub struct Scored {
    pub by_stance: Vec<(Stance, Counts)>,
    /// Wrong finds and misses, one line each, for the failure message.
    pub errors: Vec<String>,
    pub cases: usize,
}

impl Scored {
    /// The counts over every stance.
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for (_, c) in &self.by_stance {
            total.gold += c.gold;
            total.found += c.found;
            total.right += c.right;
            total.recalled += c.recalled;
        }
        total
    }
}

fn matches(g: &Gold, got: &Got, sentence: &str) -> bool {
    let at = sentence.find(&g.target).expect("checked at parse");
    let (gs, ge) = (at, at + g.target.len());
    g.stance == got.stance && g.actor == got.actor && got.target.0 < ge && gs < got.target.1
}

fn of(counts: &mut [(Stance, Counts)], stance: Stance) -> &mut Counts {
    &mut counts.iter_mut().find(|(s, _)| *s == stance).unwrap().1
}

pub fn score(set: &Set) -> Scored {
    let gazetteer = Gazetteer::built_in();
    let extractor = Extractor::new(&gazetteer, &set.people);
    let mut counts: Vec<(Stance, Counts)> = Stance::ALL
        .iter()
        .map(|s| (*s, Counts::default()))
        .collect();
    let mut errors = Vec::new();
    for case in &set.cases {
        let speaker = case
            .speaker
            .as_ref()
            .and_then(|id| set.people.iter().position(|p| &p.id == id))
            .map(|i| i as u32);
        let got: Vec<Got> = extractor
            .extract(&case.sentence, speaker)
            .into_iter()
            .map(|p| Got {
                stance: p.stance,
                actor: p.actor.slug(&set.people).to_string(),
                target: (p.target.0 as usize, p.target.1 as usize),
            })
            .collect();
        let mut errors_at = |what: &str, stance: Stance, actor: &str, target: &str| {
            errors.push(format!(
                "{}:{}: {what} {} {actor} | {target}",
                set.file,
                case.line,
                stance.slug()
            ))
        };
        for g in &case.gold {
            let c = of(&mut counts, g.stance);
            c.gold += 1;
            if got.iter().any(|x| matches(g, x, &case.sentence)) {
                c.recalled += 1;
            } else {
                errors_at("missed", g.stance, &g.actor, &g.target);
            }
        }
        for x in &got {
            let c = of(&mut counts, x.stance);
            c.found += 1;
            if case.gold.iter().any(|g| matches(g, x, &case.sentence)) {
                c.right += 1;
            } else {
                errors_at(
                    "wrong",
                    x.stance,
                    &x.actor,
                    &case.sentence[x.target.0..x.target.1],
                );
            }
        }
    }
    Scored {
        by_stance: counts,
        errors,
        cases: set.cases.len(),
    }
}

/// The figures as a table, one stance a line.
pub fn table(s: &Scored) -> String {
    let mut out = format!(
        "{:<10} {:>5} {:>5} {:>5} {:>9} {:>6}\n",
        "stance", "gold", "found", "right", "precision", "recall"
    );
    for (stance, c) in &s.by_stance {
        out += &format!(
            "{:<10} {:>5} {:>5} {:>5} {:>9.2} {:>6.2}\n",
            stance.slug(),
            c.gold,
            c.found,
            c.right,
            c.precision(),
            c.recall()
        );
    }
    let total = s.total();
    out += &format!(
        "{:<10} {:>5} {:>5} {:>5} {:>9.2} {:>6.2}\n",
        "all",
        total.gold,
        total.found,
        total.right,
        total.precision(),
        total.recall()
    );
    out
}
