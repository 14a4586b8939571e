//! Names and aliases of people, matched as whole token sequences.

use crate::model::Person;
use crate::text::{name_key, tokens, Token};
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
            crate::sort::by_key(bucket, |(k, _)| std::cmp::Reverse(k.len()));
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
