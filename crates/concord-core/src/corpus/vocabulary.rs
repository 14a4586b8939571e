//! What the whole corpus says about its words, gathered once before any document is built:
//! how often each word occurs in lower case and how often capitalised. Two rules read it:
//! de-hyphenation at line ends ([`super::reflow`]: is "negotiations" a word of the corpus?)
//! and guessed people ([`super::speakers`]: is "Climate Change" made of common words?).

use std::collections::HashMap;

/// Word counts of a corpus, by lower-case form.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<String, Counts>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    lower: u32,
    capitalised: u32,
}

/// Fewest lower-case uses that make a word common (not a name).
pub const COMMON_USES: u32 = 1;

impl Vocabulary {
    /// Counts the words (runs of letters) of `texts`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut v = Vocabulary::default();
        for text in texts {
            v.add(text);
        }
        v
    }

    /// Counts the words of one more text (the builder adds the corpus's files one at a time).
    pub fn add(&mut self, text: &str) {
        let mut lower = String::new();
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let is_lower = word.chars().next().is_some_and(char::is_lowercase);
            let c = match self.counts.get_mut(lower.as_str()) {
                Some(c) => c,
                None => self.counts.entry(lower.clone()).or_default(),
            };
            if is_lower {
                c.lower += 1;
            } else {
                c.capitalised += 1;
            }
        }
    }

    /// True when the corpus uses `word` (any case) at all.
    pub fn has(&self, lower: &str) -> bool {
        self.counts.contains_key(lower)
    }

    /// True when the corpus writes `word`, or its singular or plural, in lower case at least
    /// [`COMMON_USES`] times: a common word, not a name ("rights", "change"; never
    /// "guterres").
    pub fn is_common(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let forms = [
            Some(lower.clone()),
            lower.strip_suffix('s').map(str::to_string),
            lower.strip_suffix("es").map(str::to_string),
            Some(format!("{lower}s")),
        ];
        forms.iter().flatten().any(|f| {
            self.counts
                .get(f.as_str())
                .is_some_and(|c| c.lower >= COMMON_USES)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lower_and_capitalised_uses() {
        let v = Vocabulary::of([
            "Human rights and rights of all. Guterres said.",
            "Change is change and change.",
        ]);
        assert!(v.is_common("Rights") && v.is_common("change"));
        assert!(!v.is_common("Guterres") && v.has("guterres"));
        assert!(!v.has("negotiations"));
    }
}
