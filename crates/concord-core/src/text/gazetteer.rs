//! Countries by name, other name and demonym ("Chinese" → `china`, "Omani" → `oman`).
//!
//! The built-in list (`data/countries.tsv`) holds the UN member and observer states; a corpus
//! catalog can add more. Matching is on whole tokens, case-sensitive on the capitalised
//! forms, with quotes, dashes and diacritics folded ([`super::name_key`]), longest name first.

use super::{name_key, tokens, Token};
use std::collections::HashMap;

const BUILT_IN: &str = include_str!("../../data/countries.tsv");

/// A country known to the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub slug: String,
    pub name: String,
    /// ISO 3166-1 alpha-3 code, for the built-in countries.
    pub code: Option<String>,
}

/// What a match in the text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Gazetteer::countries`].
    pub country: usize,
    /// True when the words were a demonym ("Chinese"), false for a name ("China").
    pub demonym: bool,
    /// Token range `[start, end)` of the match.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    countries: Vec<Country>,
    /// Name token keys, grouped by their first token's key.
    forms: HashMap<String, Vec<(Vec<String>, usize, bool)>>,
    /// Every name, demonym, slug and code as a slug ([`super::slug`]), with its country.
    lookup: Vec<(String, usize)>,
}

impl Gazetteer {
    /// The built-in list of countries.
    pub fn built_in() -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in BUILT_IN
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let list = |i: usize| -> Vec<&str> {
                cols.get(i)
                    .map(|c| c.split(';').filter(|s| !s.is_empty()).collect())
                    .unwrap_or_default()
            };
            let mut names = vec![cols[1]];
            names.extend(list(2));
            g.add(cols[0], &names, &list(3));
            if let Some(code) = cols.get(4).filter(|c| !c.is_empty()) {
                let i = g.countries.len() - 1;
                g.countries[i].code = Some(code.to_string());
                g.lookup.push((super::slug(code), i));
            }
        }
        g
    }

    /// The slug of the country that `value` names: its name or another name, a demonym, its
    /// slug or its ISO 3166-1 alpha-3 code, case, accents and punctuation aside.
    ///
    /// ```
    /// use concord_core::text::gazetteer::Gazetteer;
    /// let g = Gazetteer::built_in();
    /// for v in ["China", "chinese", "CHN", "china", "People's Republic of China"] {
    ///     assert_eq!(g.resolve(v), Some("china"), "{v}");
    /// }
    /// assert_eq!(g.resolve("cote d'ivoire"), Some("cote-divoire"));
    /// assert_eq!(g.resolve("Narnia"), None);
    /// ```
    pub fn resolve(&self, value: &str) -> Option<&str> {
        let key = super::slug(value);
        self.lookup
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, i)| self.countries[*i].slug.as_str())
    }

    #[cfg(feature = "build")]
    /// Up to three country names closest to `value` (by Jaro–Winkler similarity, at least
    /// 0.8), for an error's "did you mean".
    pub fn suggest(&self, value: &str) -> Vec<String> {
        let key = super::slug(value);
        let mut scored: Vec<(f64, usize)> = self
            .lookup
            .iter()
            .map(|(k, i)| (strsim::jaro_winkler(&key, k), *i))
            .filter(|(s, _)| *s >= 0.8)
            .collect();
        crate::sort::by(&mut scored, |a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<String> = Vec::new();
        for (_, i) in scored {
            let name = &self.countries[i].name;
            if !out.contains(name) && out.len() < 3 {
                out.push(name.clone());
            }
        }
        out
    }

    /// Adds a country (or more names and demonyms for a known slug).
    pub fn add(&mut self, slug: &str, names: &[&str], demonyms: &[&str]) {
        let index = match self.countries.iter().position(|c| c.slug == slug) {
            Some(i) => i,
            None => {
                self.countries.push(Country {
                    slug: slug.to_string(),
                    name: names.first().copied().unwrap_or(slug).to_string(),
                    code: None,
                });
                self.lookup
                    .push((super::slug(slug), self.countries.len() - 1));
                self.countries.len() - 1
            }
        };
        for form in names.iter().chain(demonyms) {
            self.lookup.push((super::slug(form), index));
        }
        let forms = names
            .iter()
            .map(|n| (n, false))
            .chain(demonyms.iter().map(|d| (d, true)));
        for (form, demonym) in forms {
            let keys: Vec<String> = tokens(form).iter().map(|t| name_key(t.text)).collect();
            if let Some(first) = keys.first().cloned() {
                let bucket = self.forms.entry(first).or_default();
                bucket.push((keys, index, demonym));
                crate::sort::by_key(bucket, |(k, _, _)| std::cmp::Reverse(k.len()));
            }
        }
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn slug(&self, index: usize) -> &str {
        &self.countries[index].slug
    }

    /// The longest country name or demonym starting at token `i`, if any.
    pub fn match_at(&self, toks: &[Token<'_>], i: usize) -> Option<Hit> {
        let first = toks.get(i).filter(|t| t.is_capitalized())?;
        let bucket = self.forms.get(&name_key(first.text))?;
        bucket.iter().find_map(|(keys, country, demonym)| {
            let end = i + keys.len();
            let matches = end <= toks.len()
                && keys
                    .iter()
                    .zip(&toks[i..end])
                    .all(|(k, t)| *k == name_key(t.text));
            matches.then_some(Hit {
                country: *country,
                demonym: *demonym,
                start: i,
                end,
            })
        })
    }

    /// Every country named or referred to by demonym in `text`, in order of first mention.
    ///
    /// ```
    /// use concord_core::text::gazetteer::Gazetteer;
    /// let g = Gazetteer::built_in();
    /// assert_eq!(g.countries_in("The Omani side thanked China and Chinese envoys."), ["oman", "china"]);
    /// ```
    pub fn countries_in(&self, text: &str) -> Vec<String> {
        let toks = tokens(text);
        let mut found: Vec<String> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.match_at(&toks, i) {
                Some(hit) => {
                    let slug = self.slug(hit.country);
                    if !found.iter().any(|s| s == slug) {
                        found.push(slug.to_string());
                    }
                    i = hit.end;
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

    #[test]
    fn built_in_list_is_well_formed() {
        let g = Gazetteer::built_in();
        assert!(g.countries().len() >= 190);
        let mut slugs: Vec<&str> = g.countries().iter().map(|c| c.slug.as_str()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(
            slugs.len(),
            g.countries().len(),
            "duplicate slug in countries.tsv"
        );
        for s in slugs {
            assert!(super::super::is_slug(s), "{s}");
        }
    }

    #[test]
    fn names_demonyms_and_multiword_forms() {
        let g = Gazetteer::built_in();
        assert_eq!(
            g.countries_in("Saudi Arabia and Iran; the People’s Republic of China; U.S. officials"),
            ["saudi-arabia", "iran", "china", "united-states"]
        );
        assert_eq!(
            g.countries_in("Palestinian-Israeli talks"),
            ["palestine", "israel"]
        );
        // Lower-case words are not names.
        assert!(g
            .countries_in("chad is a name; turkey is a bird")
            .is_empty());
    }

    #[test]
    fn extra_countries() {
        let mut g = Gazetteer::built_in();
        g.add("atlantis", &["Atlantis"], &["Atlantean"]);
        assert_eq!(g.countries_in("Atlantean envoys"), ["atlantis"]);
    }
}
