//! Names and aliases of people, matched as whole token sequences.

use crate::model::Person;
use crate::text::{name_key, tokens, Token};
use std::collections::HashMap;
use std::rc::Rc;

/// Names and aliases of people, matched as whole token sequences, longest first.
///
/// An index can lie over a shared `base` ([`NameIndex::over`]): it finds the base's names
/// and its own, as one index holding the base's then its own would. A document adds its
/// own names over the corpus's people without copying their index (which made building a
/// corpus grow with documents × people).
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    by_first: HashMap<String, Vec<(Vec<String>, u32)>>,
    base: Option<Rc<NameIndex>>,
}

impl NameIndex {
    /// Adds `name` as a way to refer to person `person`.
    pub fn add(&mut self, name: &str, person: u32) {
        let keys: Vec<String> = tokens(name).iter().map(|t| name_key(t.text)).collect();
        let Some(first) = keys.first().cloned() else {
            return;
        };
        let in_base = self
            .base
            .as_ref()
            .and_then(|b| b.by_first.get(&first))
            .is_some_and(|bucket| bucket.iter().any(|(k, _)| *k == keys));
        let bucket = self.by_first.entry(first).or_default();
        if !in_base && !bucket.iter().any(|(k, _)| *k == keys) {
            bucket.push((keys, person));
            crate::sort::by_key(bucket, |(k, _)| std::cmp::Reverse(k.len()));
        }
    }

    /// An empty index over `base`: what is added goes here, what is found may be in either.
    /// (The base has no base of its own.)
    pub fn over(base: Rc<NameIndex>) -> NameIndex {
        debug_assert!(base.base.is_none());
        NameIndex {
            by_first: HashMap::new(),
            base: Some(base),
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
        let key = name_key(first.text);
        let longest = |index: &NameIndex| {
            index.by_first.get(&key)?.iter().find_map(|(keys, person)| {
                let end = i + keys.len();
                (end <= toks.len()
                    && keys
                        .iter()
                        .zip(&toks[i..end])
                        .all(|(k, t)| *k == name_key(t.text)))
                .then_some((*person, end))
            })
        };
        // The base's names came first: of two as long, the base's.
        let base = self.base.as_deref().and_then(longest);
        match (base, longest(self)) {
            (Some(b), Some(own)) if own.1 > b.1 => Some(own),
            (Some(b), _) => Some(b),
            (None, own) => own,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An index over a base finds what one index holding the base's names, then its own,
    /// finds: the longest name; of two as long, the base's; a name already in the base is
    /// not added again.
    #[test]
    fn an_index_over_a_base_is_the_two_in_one() {
        let base_names = [("Ana Lopez", 0), ("President Ana", 1), ("Lopez", 2)];
        let own_names = [
            ("Ana Lopez Garcia", 3),
            ("President Ana", 4),
            ("Ana Lopez", 5),
            ("Lopez Garcia", 6),
            ("Garcia", 7),
        ];
        let mut one = NameIndex::default();
        let mut base = NameIndex::default();
        for (n, p) in base_names {
            one.add(n, p);
            base.add(n, p);
        }
        let mut over = NameIndex::over(Rc::new(base));
        for (n, p) in own_names {
            one.add(n, p);
            over.add(n, p);
        }
        for text in [
            "President Ana Lopez Garcia said",
            "Ana Lopez said, then Lopez Garcia and Garcia",
            "President Ana spoke; Lopez replied",
        ] {
            let toks = tokens(text);
            for i in 0..toks.len() {
                assert_eq!(
                    over.match_at(&toks, i),
                    one.match_at(&toks, i),
                    "{text} at {i}"
                );
            }
            assert_eq!(over.people_in(&toks), one.people_in(&toks), "{text}");
        }
        let toks = tokens("Ana Lopez Garcia");
        assert_eq!(over.match_at(&toks, 0), Some((3, 3)));
        let toks = tokens("President Ana");
        assert_eq!(over.match_at(&toks, 0), Some((1, 2)));
    }
}
