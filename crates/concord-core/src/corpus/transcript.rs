//! Transcripts: press conferences, interviews and hearings, where each turn opens with a
//! speaker label.
//!
//! A **label** is one to six words before a colon at the start of a paragraph, followed by
//! white space or the end of the line: `Q:`, `A:`, `MR. SMITH:`, `Spokesperson Wang Wenbin:`,
//! `Journalist:`; one or two bracketed parts may follow the words, as in the UN's verbatim
//! records (`Ms. Solberg (Norway):`, `Mr. Lavrov (Russian Federation) (spoke in Russian):`),
//! and the first of them is the speaker's affiliation. Every word is capitalised (or a name particle such as `al`), none is a
//! digit (`10:30` is a time), and the label is not a furniture or metadata word (`Note:`,
//! `Source:`, `Photo:`, … see [`lexicon::NOT_SPEAKER_LABELS`]).
//!
//! A document is a **transcript** only when labels recur: at least [`MIN_LABELS`] labelled
//! paragraphs, so a single "Note:" or "Mr. President:" does not make one.
//!
//! Who a label names ([`Speaker`]): a question label (`Q`, `Question`, `Journalist`,
//! `Reporter`, … [`lexicon::QUESTION_LABELS`]) or an outlet's (an acronym of two to four
//! capitals, `AFP`, `CCTV`, or a name with an organisation word, `China Daily`, `Phoenix TV`)
//! is the questioner; an answer label (`A`,
//! `Answer`) is the document's speaker; any other label is a person's name, with titles
//! (`Spokesperson`, `Mr.`) taken off and capitals (`MR. SMITH`) made a name's (`Smith`).

use crate::text::{lexicon, tokens};

/// Fewest labelled paragraphs that make a document a transcript.
pub const MIN_LABELS: usize = 2;
/// Most words a label may have.
pub const MAX_LABEL_WORDS: usize = 6;

/// A label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    /// The label as it stands, colon and the white space after it included (`"Q: "`).
    pub raw: &'a str,
    /// The label's words without the colon (`"Q"`, `"MR. SMITH"`).
    pub name: &'a str,
}

/// What a label says of its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// `Q:`, `Journalist:`: the person asking.
    Questioner,
    /// `A:`: the document's speaker.
    Answer,
    /// A name, as a person's name is written (`"Smith"`, `"Wang Wenbin"`), with any title
    /// taken off the front (`"Spokesperson"`) and the first bracketed part after it
    /// (`"Norway"`).
    Named {
        name: String,
        title: Option<String>,
        affiliation: Option<String>,
    },
}

/// The label opening `text` (a trimmed paragraph), if it has one.
///
/// ```
/// use concord_core::corpus::transcript::label;
/// assert_eq!(label("Q: Will the talks go on?").unwrap().name, "Q");
/// assert_eq!(label("Spokesperson Wang Wenbin: Yes.").unwrap().raw, "Spokesperson Wang Wenbin: ");
/// assert!(label("At 10:30 the talks began.").is_none());
/// assert!(label("Note: figures are provisional.").is_none());
/// assert!(label("The minister said: yes.").is_none());
/// ```
pub fn label(text: &str) -> Option<Label<'_>> {
    let colon = text.find(':')?;
    let name = &text[..colon];
    let after = &text[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    // "Ms. Solberg (Norway)", "Mr. Lavrov (Russian Federation) (spoke in Russian)": the words
    // before any brackets are the label's.
    let (base, brackets) = split_brackets(name)?;
    if brackets.iter().any(|b| b.contains(['(', ')'])) {
        return None;
    }
    let toks = tokens(base);
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text)
        .collect();
    if words.is_empty() || words.len() > MAX_LABEL_WORDS {
        return None;
    }
    // Only words, full stops (`MR.`), hyphens and apostrophes.
    let odd = toks
        .iter()
        .any(|t| !t.is_word() && !matches!(t.text, "." | "-" | "'" | "’"));
    let shaped = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase) || lexicon::contains(PARTICLES, w)
    }) && words.iter().all(|w| !w.chars().any(|c| c.is_ascii_digit()));
    let lower = name.trim().to_lowercase();
    if odd || !shaped || lexicon::contains(lexicon::NOT_SPEAKER_LABELS, &lower) {
        return None;
    }
    let ws = after.len() - after.trim_start().len();
    Some(Label {
        raw: &text[..colon + 1 + ws],
        name: name.trim(),
    })
}

/// `name` as the words before its brackets and the bracketed parts (at most two, each closed,
/// nothing after them); `None` when the brackets are not of that shape.
fn split_brackets(name: &str) -> Option<(&str, Vec<&str>)> {
    let Some(open) = name.find('(') else {
        return Some((name, Vec::new()));
    };
    let (base, mut rest) = name.split_at(open);
    let mut parts = Vec::new();
    while let Some(r) = rest.trim_start().strip_prefix('(') {
        let close = r.find(')')?;
        parts.push(r[..close].trim());
        rest = &r[close + 1..];
    }
    (rest.trim().is_empty() && parts.len() <= 2 && !base.trim().is_empty())
        .then_some((base.trim_end(), parts))
}

const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "el",
];

/// Who the label `name` stands for.
///
/// ```
/// use concord_core::corpus::transcript::{speaker, Speaker};
/// assert_eq!(speaker("Q"), Speaker::Questioner);
/// assert_eq!(speaker("A"), Speaker::Answer);
/// assert_eq!(
///     speaker("MR. SMITH"),
///     Speaker::Named { name: "Smith".into(), title: Some("Mr.".into()), affiliation: None }
/// );
/// assert_eq!(
///     speaker("Spokesperson Wang Wenbin"),
///     Speaker::Named { name: "Wang Wenbin".into(), title: Some("Spokesperson".into()), affiliation: None }
/// );
/// assert_eq!(
///     speaker("Ms. Solberg (Norway)"),
///     Speaker::Named { name: "Solberg".into(), title: Some("Ms.".into()), affiliation: Some("Norway".into()) }
/// );
/// ```
pub fn speaker(label: &str) -> Speaker {
    let (name, brackets) = split_brackets(label).unwrap_or((label, Vec::new()));
    let affiliation = brackets.first().map(|b| b.to_string());
    let lower = name.to_lowercase();
    // "AFP:", "China Daily:", "Phoenix TV:": an outlet asking.
    let outlet = name.split_whitespace().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        lexicon::contains(lexicon::ORGANISATION_WORDS, &w.to_lowercase())
            || (name.split_whitespace().count() == 1
                && (2..=4).contains(&letters.len())
                && letters.iter().all(|c| c.is_uppercase()))
    });
    if lexicon::contains(lexicon::QUESTION_LABELS, &lower) || outlet {
        return Speaker::Questioner;
    }
    if lexicon::contains(lexicon::ANSWER_LABELS, &lower) {
        return Speaker::Answer;
    }
    let shouting = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && name.chars().filter(|c| c.is_alphabetic()).count() > 1;
    let mut words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            if shouting {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut title = Vec::new();
    while words.len() > 1 && is_title(&words[0]) {
        title.push(words.remove(0));
    }
    Speaker::Named {
        name: words.join(" "),
        title: (!title.is_empty()).then(|| title.join(" ")),
        affiliation,
    }
}

fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    lexicon::contains(lexicon::HONORIFICS, &lower)
        || lexicon::contains(lexicon::HONORIFICS, bare)
        || lexicon::contains(lexicon::TITLE_WORDS, bare)
}

/// `SMITH` → `Smith`, `AL-ASSAD` → `Al-Assad`, `O'NEILL` → `O'Neill`.
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for (text, name) in [
            ("Q: Any comment?", "Q"),
            ("A: Yes.", "A"),
            ("MR. SMITH: Thank you.", "MR. SMITH"),
            ("Journalist: One more question.", "Journalist"),
            ("President Abbas:", "President Abbas"),
            ("Bashar al-Assad: We agree.", "Bashar al-Assad"),
            (
                "Ms. Solberg (Norway): Let me start.",
                "Ms. Solberg (Norway)",
            ),
            (
                "Mr. Lavrov (Russian Federation) (spoke in Russian): Thank you.",
                "Mr. Lavrov (Russian Federation) (spoke in Russian)",
            ),
        ] {
            assert_eq!(label(text).map(|l| l.name), Some(name), "{text}");
        }
        for text in [
            "Source: Xinhua",
            "Photo: AFP",
            "The statement reads: “We agree.”",
            "Time:10:30",
            "He said the following: talks go on.",
            "Wang Yi, the foreign minister: yes",
            "Updated: 2023",
            "Peace (as we know it) matters: yes",
            "(Norway): no",
        ] {
            assert_eq!(label(text), None, "{text}");
        }
    }

    #[test]
    fn shouting_names_become_names() {
        assert_eq!(
            speaker("AMBASSADOR ZHANG JUN"),
            Speaker::Named {
                name: "Zhang Jun".into(),
                title: Some("Ambassador".into()),
                affiliation: None
            }
        );
        assert_eq!(speaker("Journalist"), Speaker::Questioner);
        assert_eq!(speaker("CCTV"), Speaker::Questioner);
        assert_eq!(speaker("China Daily"), Speaker::Questioner);
        assert_eq!(
            speaker("SMITH"),
            Speaker::Named {
                name: "Smith".into(),
                title: None,
                affiliation: None
            }
        );
    }
}
