//! Paragraphs of hard-wrapped files: text extracted from PDFs, e-mails and old archives has a
//! line break every 60–100 characters, so one line is not one paragraph.
//!
//! **Detection**, per file. Let *W*, the wrap width, be the 90th percentile of the lengths
//! (in characters) of the file's lines of 20 characters or more. A line followed directly
//! (no blank line) by another is a *soft break* when it is at least 0.7 *W* long and ends
//! mid-sentence (not in `.`, `!`, `?`, `…`, `:` or `;`, quotes and brackets aside). The file
//! is hard-wrapped when *W* is at most [`MAX_WRAP_WIDTH`] characters, at least
//! [`MIN_SOFT_BREAKS`] lines are soft breaks, soft breaks are at least a third of the lines
//! followed directly by another, and at least a quarter of them continue in lower case.
//! A file of one paragraph a line (a news page, a readout) has few lines that end
//! mid-sentence and is left as it is.
//!
//! **Joining**, in a hard-wrapped file. A line continues the paragraph of the line before,
//! joined with one space, unless
//! 1. a blank line stands between them;
//! 2. the line is indented deeper than the file's usual indent, or is a list item (`-`, `•`,
//!    `*`, `1.`, `(a)`, `a)`; `a.` and `iv.` only after a line that ends a clause), or opens
//!    with a transcript speaker label (`Q:`);
//! 3. the line before ends a sentence (or with `:`) and this line's first word would have
//!    fitted on it (with [`FIT_MARGIN`] characters to spare, against the file's
//!    [`line_capacity`]): wrapping puts a word on the line while it fits, so that line ended a
//!    paragraph;
//! 4. the line before is short (under 0.6 *W*) and this one opens with a capital letter: the
//!    line before was a title, heading or salutation;
//! 5. either line has no letters (a page number or document code: [`is_page_furniture`]);
//! 6. the paragraph would grow past [`MAX_JOINED_WORDS`] words.
//!
//! Lengths count a run of white space as one character (PDF text sets columns apart with
//! spaces).
//!
//! A word broken by a hyphen at the line end ("negoti-" / "ations") is joined without the
//! hyphen when the joined word occurs elsewhere in the corpus; otherwise the hyphen belongs to
//! the word ("two-" / "state" → "two-state") and the lines are joined without a space. Every
//! join is kept as a [`LineBreak`], so the original lines can be shown as they are.

use super::layout::ends_sentence;
use super::vocabulary::Vocabulary;
use crate::model::{Joint, LineBreak};

/// The widest wrap width taken as hard wrapping, in characters.
pub const MAX_WRAP_WIDTH: usize = 130;
/// Fewest soft breaks that make a file hard-wrapped.
pub const MIN_SOFT_BREAKS: usize = 3;
/// Characters to spare for the fit test of rule 3: lines set in a proportional font (most
/// PDFs) vary a little in how many characters fit.
pub const FIT_MARGIN: usize = 1;
/// Most words a joined paragraph may reach (well under a statement's token limit).
pub const MAX_JOINED_WORDS: usize = 20_000;

/// A line of a file: its 1-based number, its text as it stands (untrimmed).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub number: u32,
    pub raw: &'a str,
}

/// A paragraph made of one or more lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The first line's number.
    pub line: u32,
    pub text: String,
    pub breaks: Vec<LineBreak>,
}

/// Length in characters, a run of white space counting as one (PDF text puts columns apart
/// with runs of spaces).
fn len(s: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                n += 1;
            }
            space = true;
        } else {
            n += 1;
            space = false;
        }
    }
    n
}

/// True for a line without letters that does not end like text: a page number or a
/// document code in a page's header or footer (`19-29384   3/22`, `- 3 -`, `12`). It stands
/// alone, as a paragraph of its own. A line such as `1975.` or `2020,` ends a wrapped sentence
/// and is not furniture.
pub fn is_page_furniture(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.chars().any(char::is_alphabetic)
        && !t.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’', '%'])
}

/// Ends a sentence for the purpose of reflow: `.`, `!`, `?`, `…`, or `:` / `;`.
fn ends_clause(text: &str) -> bool {
    ends_sentence(text) || {
        let t = text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '”' | '’')
        });
        t.ends_with([':', ';'])
    }
}

fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| !matches!(c, '"' | '\'' | '“' | '‘' | '(' | '['))
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|c| !matches!(c, '"' | '\'' | '“' | '‘' | '(' | '['))
        .is_some_and(char::is_uppercase)
}

/// The wrap width of `lines` (trimmed texts): the 90th percentile of the lengths of lines of
/// 20 characters or more; 0 when there are none.
pub fn wrap_width(lines: &[&str]) -> usize {
    length_percentile(lines, 90)
}

/// The `pct`th percentile of the lengths of the lines of 20 characters or more (0 for none).
fn length_percentile(lines: &[&str], pct: usize) -> usize {
    let mut lens: Vec<usize> = lines.iter().map(|l| len(l)).filter(|&n| n >= 20).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[(lens.len() * pct / 100).min(lens.len() - 1)]
}

/// True when the file whose lines are `lines` (every line, blank ones included) is
/// hard-wrapped (see the module).
pub fn is_hard_wrapped(lines: &[Line<'_>]) -> bool {
    let texts: Vec<&str> = lines.iter().map(|l| l.raw.trim()).collect();
    let width = wrap_width(&texts);
    if width == 0 || width > MAX_WRAP_WIDTH {
        return false;
    }
    let (mut followed, mut soft, mut lower) = (0, 0, 0);
    for pair in texts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        followed += 1;
        if len(a) * 10 >= width * 7 && !ends_clause(a) {
            soft += 1;
            if starts_lower(b) {
                lower += 1;
            }
        }
    }
    soft >= MIN_SOFT_BREAKS && soft * 3 >= followed && lower * 4 >= soft
}

/// True for a list item: `-`, `•`, `*`, `–` then a space; `1.`, `2)`, `(a)`, `a)`.
pub fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '•', '*', '–', '—', '·']) {
        return rest.starts_with(' ');
    }
    let body = t.strip_prefix('(').unwrap_or(t);
    let marker: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let after = &body[marker.len()..];
    let short = !marker.is_empty()
        && (marker.chars().all(|c| c.is_ascii_digit()) && marker.len() <= 3
            || marker.len() == 1
            || marker.chars().all(|c| "ivxlc".contains(c)) && marker.len() <= 4);
    short && (after.starts_with(". ") || after.starts_with(") "))
}

/// True for a list item marked by a letter or roman numeral and a full stop (`a. `, `iv. `):
/// a line that wraps onto "l. Then" is more likely a sentence's end, so such an item only
/// opens a paragraph after a line that ends a clause.
fn is_letter_item(text: &str) -> bool {
    let marker: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    !marker.is_empty() && text.trim_start()[marker.len()..].starts_with(". ")
}

fn indent(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Joins the lines of a hard-wrapped file into paragraphs (see the module). `opens_turn`
/// says whether a line opens with a transcript speaker label; `vocabulary` decides whether a
/// hyphen at a line end is taken off.
pub fn join(
    lines: &[Line<'_>],
    opens_turn: impl Fn(&str) -> bool,
    vocabulary: &Vocabulary,
) -> Vec<Joined> {
    let texts: Vec<&str> = lines.iter().map(|l| l.raw.trim()).collect();
    let width = wrap_width(&texts).max(1);
    let capacity = line_capacity(&texts);
    // The usual indent: the most common indent of non-blank lines.
    let mut indents: Vec<usize> = lines
        .iter()
        .filter(|l| !l.raw.trim().is_empty())
        .map(|l| indent(l.raw))
        .collect();
    indents.sort_unstable();
    let usual = mode(&indents);

    let mut out: Vec<Joined> = Vec::new();
    let mut words = 0;
    let mut prev: Option<&str> = None;
    for (l, text) in lines.iter().zip(&texts) {
        if text.is_empty() {
            prev = None;
            continue;
        }
        let n = crate::text::word_count(text);
        let starts_new = match prev {
            None => true,
            Some(before) => {
                is_page_furniture(text)
                    || is_page_furniture(before)
                    || indent(l.raw) > usual
                    || (is_list_item(text) && (!is_letter_item(text) || ends_clause(before)))
                    || opens_turn(text)
                    || (ends_clause(before)
                        && len(before) + 1 + first_word_len(text) + FIT_MARGIN <= capacity)
                    || (len(before) * 10 < width * 6 && starts_upper(text))
                    || words + n > MAX_JOINED_WORDS
            }
        };
        match out.last_mut() {
            Some(p) if !starts_new => {
                let joint = joint_of(&p.text, text, vocabulary);
                if joint == Joint::Hyphen {
                    p.text.pop();
                }
                p.breaks.push(LineBreak {
                    at: p.text.len() as u32,
                    joint,
                });
                if joint == Joint::Space {
                    p.text.push(' ');
                }
                p.text.push_str(text);
                words += n;
            }
            _ => {
                out.push(Joined {
                    line: l.number,
                    text: text.to_string(),
                    breaks: Vec::new(),
                });
                words = n;
            }
        }
        prev = Some(text);
    }
    out
}

/// How `next` joins the paragraph text `so_far`.
fn joint_of(so_far: &str, next: &str, vocabulary: &Vocabulary) -> Joint {
    let Some(stem) = so_far.strip_suffix('-') else {
        return Joint::Space;
    };
    // A dash standing alone (" -") or after a non-letter is punctuation, not a broken word.
    let start = stem
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(stem.len(), |(i, _)| i);
    let head = &stem[start..];
    if head.is_empty() {
        return Joint::Space;
    }
    let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    if tail.is_empty() || !starts_lower(next) {
        return Joint::Direct;
    }
    let word = format!("{head}{tail}").to_lowercase();
    if vocabulary.has(&word) {
        Joint::Hyphen
    } else {
        Joint::Direct
    }
}

/// The longest a line of the file gets (the 98th percentile of the lengths of lines of 20
/// characters or more, so that one stray long line does not count).
pub fn line_capacity(lines: &[&str]) -> usize {
    length_percentile(lines, 98)
}

/// Characters of the first word of `text` (up to its first space).
fn first_word_len(text: &str) -> usize {
    text.split(' ').next().map_or(0, len)
}

fn mode(sorted: &[usize]) -> usize {
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&x| x == sorted[i]).count();
        if j > best.1 {
            best = (sorted[i], j);
        }
        i += j;
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, raw)| Line {
                number: i as u32 + 1,
                raw,
            })
            .collect()
    }

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary::of(words.iter().copied())
    }

    const WRAPPED: &str = "Statement by the Minister\n\
Mr. President,\n\
Let me begin by thanking the Secretary-General for his report on\n\
the situation in the region, and for the tireless work of his\n\
envoys. The negotiations that began last year have been long and\n\
difficult, and my government believes to this day that a two-\n\
state solution remains the only way forward. The negoti-\n\
ations must resume.\n\
We also call for an end to the violence.\n\
  Second, humanitarian access must be restored without delay to all\n\
those in need, and the crossings must stay open day and night.\n\
- relief convoys must pass;\n\
- the wounded must be evacuated.\n";

    #[test]
    fn a_wrapped_speech_is_detected_and_joined() {
        let l = lines(WRAPPED);
        assert!(is_hard_wrapped(&l));
        let joined = join(&l, |_| false, &vocab(&["negotiations"]));
        let texts: Vec<&str> = joined.iter().map(|j| j.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Statement by the Minister",
                "Mr. President,",
                "Let me begin by thanking the Secretary-General for his report on the situation in the region, and for the tireless work of his envoys. The negotiations that began last year have been long and difficult, and my government believes to this day that a two-state solution remains the only way forward. The negotiations must resume.",
                "We also call for an end to the violence.",
                "Second, humanitarian access must be restored without delay to all those in need, and the crossings must stay open day and night.",
                "- relief convoys must pass;",
                "- the wounded must be evacuated.",
            ]
        );
        assert_eq!(joined[2].line, 3);
        assert_eq!(joined[2].breaks.len(), 5);
        assert_eq!(joined[2].breaks[3].joint, Joint::Direct);
        assert_eq!(joined[2].breaks[4].joint, Joint::Hyphen);
    }

    #[test]
    fn one_paragraph_a_line_is_not_wrapped() {
        let text = "China Calls For Ceasefire\n\
On Monday, the spokesperson said that China calls for an immediate ceasefire in the region and the protection of civilians.\n\
He added that the two-state solution is the only way out.\n\
“We urge all sides to exercise restraint,” he said.\n\
The talks will continue next week in Geneva, officials said.\n";
        assert!(!is_hard_wrapped(&lines(text)));
    }

    #[test]
    fn blank_line_paragraphs_in_a_wrapped_file() {
        let text = "The minister said that the talks would go on for as long as\n\
they were needed, and that no side would leave the table\n\
before an agreement was reached on the main questions.\n\
\n\
She added that the next round would open in Geneva in the\n\
spring, with experts from both sides meeting beforehand to\n\
prepare the ground for the ministers.\n";
        let l = lines(text);
        assert!(is_hard_wrapped(&l));
        let joined = join(&l, |_| false, &vocab(&[]));
        assert_eq!(joined.len(), 2);
        assert_eq!(joined[1].line, 5);
    }

    #[test]
    fn list_items() {
        for t in [
            "- one", "• two", "1. three", "(a) four", "b) five", "iv. six",
        ] {
            assert!(is_list_item(t), "{t}");
        }
        for t in ["-5 degrees", "In 2023. The", "US) said", "Mr. Smith"] {
            assert!(!is_list_item(t), "{t}");
        }
        assert!(is_page_furniture("19-29384                3/22"));
        assert!(is_page_furniture("- 3 -"));
        assert!(!is_page_furniture("A/74/PV.5"));
        // The end of a wrapped sentence.
        assert!(!is_page_furniture("1975."));
        assert!(!is_page_furniture("2020, 2021 and 2022,"));
    }

    #[test]
    fn a_sentence_end_that_left_room_for_the_next_word_ends_the_paragraph() {
        // The longest line has 39 characters. The fourth (34) ends a sentence, and "She" would
        // have fitted after it (34 + 1 + 3 and a character to spare), so a paragraph ended
        // there; the second line ends a sentence too, but is full, so the text runs on.
        let text = "The minister said today that the talks\n\
would go on for as long as they needed.\n\
Both sides agreed on that, and on when\n\
the experts should meet in spring.\n\
She added that the next round would be\n\
held in Geneva, with experts meeting\n\
beforehand to prepare the ground well.\n";
        for l in text.lines() {
            assert!(l.len() <= 40, "{l}");
        }
        let l = lines(text);
        assert!(is_hard_wrapped(&l));
        let joined = join(&l, |_| false, &vocab(&[]));
        let starts: Vec<&str> = joined.iter().map(|j| &j.text[..12]).collect();
        assert_eq!(starts, ["The minister", "She added th"]);
    }

    /// Greedy wrapping at `width` characters, as a PDF or an e-mail client does.
    fn wrap(paragraph: &str, width: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Paragraphs of sentences wrapped greedily at any width from 40 to 100, with blank
        /// lines between them, come back whole; and whatever is joined, the file's lines can
        /// be rebuilt from the paragraphs exactly.
        #[test]
        fn wrapped_paragraphs_come_back(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec("[a-z]{1,9}", 4..16).prop_map(|w| {
                        let mut s = w.join(" ");
                        s[..1].make_ascii_uppercase();
                        s + "."
                    }),
                    2..6,
                ).prop_map(|s| s.join(" ")),
                3..8,
            ),
            width in 40usize..100,
            blank in proptest::bool::ANY,
        ) {

            let mut file = Vec::new();
            for p in &paragraphs {
                file.extend(wrap(p, width));
                if blank {
                    file.push(String::new());
                }
            }
            let text = file.join("\n");
            let l = lines(&text);
            let joined = join(&l, |_| false, &vocab(&[]));
            // Every non-blank line, rebuilt.
            let rebuilt: Vec<String> = joined
                .iter()
                .flat_map(|j| {
                    crate::model::Paragraph {
                        n: 1,
                        line: j.line,
                        role: crate::model::Role::Body,
                        text: j.text.clone(),
                        breaks: j.breaks.clone(),
                        label: None,
                    }
                    .lines()
                })
                .collect();
            let want: Vec<String> = file.iter().filter(|l| !l.is_empty()).cloned().collect();
            proptest::prop_assert_eq!(rebuilt, want);
            if blank {
                let texts: Vec<&str> = joined.iter().map(|j| j.text.as_str()).collect();
                let want: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
                proptest::prop_assert_eq!(texts, want);
            }
        }
    }
}
