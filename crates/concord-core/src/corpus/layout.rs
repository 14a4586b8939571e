//! Deciding what each paragraph of a file is: title, dateline, heading, body or boilerplate.
//!
//! The rules, in order (each is general; none names a file or an outlet):
//!
//! 1. **Title**: the first paragraph, unless it reads as article text (over 40 words). The
//!    builder also refuses a first line that is a salutation or a sentence ([`not_a_title`]);
//!    such a paragraph stays body, and the title comes from the catalog or the file name.
//! 2. **Furniture line** (boilerplate): a short line without a sentence ending that is made of
//!    site-furniture words (share, suggest, newsletter, join, support, patron, related,
//!    latest, search, trends, … see [`lexicon::FURNITURE_WORDS`]): at most 5 words with one
//!    such word, or at most 12 words with two or more.
//! 3. **Page furniture** (boilerplate): a line without letters that does not end like text,
//!    after the datelines are found (a page number or a document code: `19-29384 3/22`,
//!    `- 3 -`; see [`super::reflow::is_page_furniture`]).
//! 4. **Trailing block** (boilerplate): from the earliest furniture line after the article
//!    body such that furniture lines make up at least half of the paragraphs from there to
//!    the end, everything is site furniture — including the related-post teasers and appeals
//!    written as sentences that such blocks hold.
//! 5. **Dateline**: among the three paragraphs after the title and before any body text, a
//!    line of at most 10 words that holds a date and otherwise only dateline words, times and
//!    numbers ("Updated 21:01, 05-Nov-2021"), a place of one to three capitalised words and a
//!    full date ("Lisbon, 27 June 2022"), or a short byline ("By Jane Roe").
//! 6. **Heading**: a line of 3 to 14 words, in title case (at least 60% of its words of four or
//!    more letters capitalised), with no sentence ending, between body paragraphs.
//! 7. Everything else is **body**.

use super::date::find_dates;
use crate::model::Role;
use crate::text::{lexicon, tokens, word_count};
use unicode_segmentation::UnicodeSegmentation;

/// Longest first paragraph that is still taken as a title.
pub const MAX_TITLE_WORDS: usize = 40;

/// Roles for `paragraphs` (the trimmed non-empty lines of one file, in order).
pub fn roles(paragraphs: &[&str]) -> Vec<Role> {
    let n = paragraphs.len();
    let mut roles = vec![Role::Body; n];
    if n == 0 {
        return roles;
    }
    if word_count(paragraphs[0]) <= MAX_TITLE_WORDS {
        roles[0] = Role::Title;
    }
    let furniture: Vec<bool> = paragraphs.iter().map(|p| is_furniture(p)).collect();
    for (role, &f) in roles.iter_mut().zip(&furniture).skip(1) {
        if f {
            *role = Role::Boilerplate;
        }
    }
    // Datelines: only before the first body paragraph, within three paragraphs of the title.
    for i in 1..n.min(4) {
        if roles[i] != Role::Body {
            continue;
        }
        if is_dateline(paragraphs[i]) {
            roles[i] = Role::Dateline;
        } else {
            break;
        }
    }
    // A line without letters (a page number, a document code) is page furniture.
    for (role, p) in roles.iter_mut().zip(paragraphs).skip(1) {
        if *role == Role::Body && super::reflow::is_page_furniture(p) {
            *role = Role::Boilerplate;
        }
    }
    if let Some(start) = trailing_block(&furniture, &roles) {
        for role in &mut roles[start..] {
            *role = Role::Boilerplate;
        }
    }
    // Headings need body text on both sides.
    let body: Vec<usize> = (0..n).filter(|&i| roles[i] == Role::Body).collect();
    if let (Some(&first), Some(&last)) = (body.first(), body.last()) {
        for i in first + 1..last {
            if roles[i] == Role::Body && is_heading(paragraphs[i]) {
                roles[i] = Role::Heading;
            }
        }
    }
    roles
}

/// True when a first line is not a title though short enough for one: it ends with a comma
/// or semicolon ("Mr. President, please allow me, first of all, to"), greets the audience
/// ("Excellencies,", "Mr. President" — [`lexicon::SALUTATIONS`]), opens in lower case (the
/// rest of a sentence), or is a sentence of eight words or more ending in a full stop.
///
/// ```
/// use concord_core::corpus::layout::not_a_title;
/// assert!(not_a_title("Mr. President, please allow me, first of all, to"));
/// assert!(not_a_title("Excellencies"));
/// assert!(not_a_title("It is an honour for me to address this Assembly today."));
/// assert!(!not_a_title("China Urges Ceasefire Between Palestine and Israel, Calls for Support"));
/// assert!(!not_a_title("Statement by H.E. Mr. Wang Yi at the General Debate"));
/// ```
pub fn not_a_title(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    t.ends_with([',', ';'])
        || lexicon::SALUTATIONS.iter().any(|s| lower.starts_with(s))
        || t.chars().next().is_some_and(char::is_lowercase)
        || (t.ends_with('.') && !t.ends_with("..") && word_count(t) >= 8)
}

/// True for a short line of site furniture (rule 2).
pub fn is_furniture(text: &str) -> bool {
    if ends_sentence(text) {
        return false;
    }
    let words: Vec<String> = text.unicode_words().map(str::to_lowercase).collect();
    let hits = words
        .iter()
        .filter(|w| lexicon::contains(lexicon::FURNITURE_WORDS, w))
        .count()
        + usize::from(text.contains('©'));
    (words.len() <= 5 && hits >= 1) || (words.len() <= 12 && hits >= 2)
}

/// Start of the trailing block of site furniture (rule 4), if the file has one.
fn trailing_block(furniture: &[bool], roles: &[Role]) -> Option<usize> {
    let first_body = roles.iter().position(|r| *r == Role::Body)?;
    (first_body + 1..furniture.len()).find(|&i| {
        furniture[i] && {
            let tail = &furniture[i..];
            let count = tail.iter().filter(|f| **f).count();
            count * 2 >= tail.len()
        }
    })
}

/// True for a dateline or byline (rule 5).
pub fn is_dateline(text: &str) -> bool {
    if word_count(text) > 10 {
        return false;
    }
    let toks = tokens(text);
    if let Some(first) = toks.first() {
        if first.text.eq_ignore_ascii_case("by") && !ends_sentence(text) && toks.len() > 1 {
            return true;
        }
    }
    let dates = find_dates(text);
    if !dates.iter().any(|d| d.year.is_some()) {
        return false;
    }
    // A place and a date: "Lisbon, 27 June 2022", "New York, 24 September 2021".
    if let Some(comma) = text.find(',') {
        let place = &text[..comma];
        let rest = text[comma + 1..].trim();
        let place_words: Vec<&str> = place.unicode_words().collect();
        if (1..=3).contains(&place_words.len())
            && place_words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && dates.iter().any(|d| {
                d.year.is_some()
                    && d.day > 0
                    && text[d.range.clone()].trim() == rest.trim_end_matches('.')
            })
        {
            return true;
        }
    }
    toks.iter().filter(|t| t.is_word()).all(|t| {
        let inside = dates.iter().any(|d| d.range.contains(&t.start));
        let lower = t.text.to_lowercase();
        inside
            || t.text.bytes().all(|b| b.is_ascii_digit())
            || lexicon::contains(lexicon::DATELINE_WORDS, &lower)
            || lexicon::month_number(&lower).is_some()
            || is_weekday(&lower)
    })
}

/// True for a headline inside the body (rule 6).
pub fn is_heading(text: &str) -> bool {
    let words: Vec<&str> = text.unicode_words().collect();
    if !(3..=14).contains(&words.len()) || ends_sentence(text) || text.ends_with(':') {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && capitalised * 10 >= long.len() * 6
}

/// True when the text ends like a sentence (or a quotation that ends one).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || crate::text::fold_quote(c) == '"' || c == ')' || c == '\''
    });
    t.ends_with(['.', '!', '?', '…'])
}

fn is_weekday(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "Suggest To A Friend:",
            "Search Trends",
            "Join Our Newsletter",
            "Related Posts",
            "Share this article",
            "Follow us on Telegram and WhatsApp for the latest updates",
            "© 2023 Example Media",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Media reports said:",
            "China For Peace Talks Between Palestine And Israel",
            "Support for the two-state solution is growing.",
            "China will continue to support Palestine in its just cause and join efforts to end the war",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn datelines() {
        for line in [
            "Updated 21:01, 05-Nov-2021",
            "2023-11-01 22:50",
            "October 10, 2023",
            "Published on Friday, 3 March 2023 at 10:00 GMT",
            "By Jane Roe",
            "Lisbon, 27 June 2022",
            "New York, 24 September 2021",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        assert!(!is_dateline(
            "On November 1, 2023, Wang Yi had a phone call."
        ));
        assert!(!is_dateline("Talks resumed in October 2023"));
        assert!(!is_dateline("Lisbon, where talks began on 27 June 2022"));
    }

    #[test]
    fn trailing_block_takes_teasers_and_appeals() {
        let paras = [
            "A Title",
            "Body text that says something.",
            "More body text.",
            "Support Our Site",
            "We depend on readers. Please give what you can.",
            "Related Posts",
            "Another Story",
            "A teaser of another story that runs on and on…",
            "Join Our Newsletter",
            "Latest News",
        ];
        assert_eq!(
            roles(&paras),
            [
                Title,
                Body,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate
            ]
        );
    }

    #[test]
    fn a_lone_furniture_line_mid_article_is_only_itself() {
        let paras = [
            "A Title",
            "Body one.",
            "Read more",
            "Body two.",
            "Body three.",
            "Body four.",
        ];
        assert_eq!(roles(&paras), [Title, Body, Boilerplate, Body, Body, Body]);
    }

    #[test]
    fn headings_need_body_around_them() {
        let paras = [
            "A Title",
            "Body one.",
            "Xi Offers Proposal For Lasting Solution",
            "Body two.",
            "Closing Words In Title Case",
        ];
        assert_eq!(roles(&paras), [Title, Body, Heading, Body, Body]);
    }

    #[test]
    fn a_first_paragraph_of_article_text_is_not_a_title() {
        let long = "word ".repeat(MAX_TITLE_WORDS + 1);
        assert_eq!(roles(&[long.as_str(), "Body."]), [Body, Body]);
    }
}
