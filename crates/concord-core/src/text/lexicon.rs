//! Word lists behind the corpus rules. They describe English news and readout prose in
//! general — none names a particular file, outlet or person — and they are the place to
//! extend when a corpus uses a reporting verb or a piece of site furniture not seen yet.
//!
//! All lists are lower case; callers compare lower-cased words.

/// Verbs that report speech or a stated position, in the forms a report uses
/// ("Xi said", "Abbas thanked", "Wang Yi has stressed", "he was quoted as saying").
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "stated",
    "states",
    "added",
    "adds",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "underscored",
    "underscores",
    "underlined",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "pointed",
    "expressed",
    "expresses",
    "urged",
    "urges",
    "called",
    "thanked",
    "thanks",
    "told",
    "tells",
    "hailed",
    "voiced",
    "voices",
    "reiterated",
    "reiterates",
    "reaffirmed",
    "reaffirms",
    "restated",
    "proposed",
    "proposes",
    "applauded",
    "welcomed",
    "welcomes",
    "appreciated",
    "extended",
    "highlighted",
    "announced",
    "announces",
    "commended",
    "declared",
    "declares",
    "briefed",
    "discussed",
    "asked",
    "asks",
    "warned",
    "warns",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "insisted",
    "explained",
    "remarked",
    "replied",
    "answered",
    "affirmed",
    "pledged",
    "vowed",
    "promised",
    "wrote",
    "writes",
    "tweeted",
    "quoted",
    "argued",
    "suggested",
    "acknowledged",
    "agreed",
    "recalled",
    "denounced",
    "demanded",
    "congratulated",
    "described",
    "assured",
    "indicated",
    "mentioned",
    "observed",
    "conveyed",
    "admitted",
];

/// The reporting verb that names its speaker as its object: "CCTV quoted Xi as saying".
pub const QUOTING_VERB: &str = "quoted";

/// Words that may stand between a speaker and the reporting verb ("Xi also said",
/// "Wang Yi has stressed", "Abbas sincerely appreciated"). Any word ending in "-ly" is
/// accepted too.
pub const VERB_PREFIXES: &[&str] = &[
    "also",
    "further",
    "again",
    "then",
    "later",
    "once",
    "still",
    "today",
    "yesterday",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "had",
    "would",
    "will",
    "then",
    "too",
    "repeatedly",
    "separately",
    "in",
    "turn",
];

/// Personal pronouns that continue the previous speaker.
pub const PRONOUNS: &[&str] = &["he", "she"];

/// Offices and honorifics that precede a name ("Foreign Minister Wang Yi"). Used to strip a
/// title from a name found in the text, and to read a role from it.
pub const TITLE_WORDS: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "crown",
    "prince",
    "princess",
    "sheikh",
    "ambassador",
    "envoy",
    "special",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "secretary",
    "general",
    "state",
    "councilor",
    "councillor",
    "chairman",
    "chairwoman",
    "chair",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "deputy",
    "assistant",
    "director",
    "senator",
    "governor",
    "mayor",
    "member",
    "representative",
    "commissioner",
    "defense",
    "defence",
    "interior",
    "affairs",
    "of",
    "the",
    "and",
    "for",
    "high",
    "permanent",
    "acting",
    "former",
    "supreme",
    "leader",
    "counterpart",
    "head",
    "chief",
    "top",
    "diplomat",
    "official",
];

/// Words that make a capitalised phrase an organisation or a place rather than a person
/// ("United Nations said", "Foreign Ministry stressed").
pub const ORGANISATION_WORDS: &[&str] = &[
    "nations",
    "ministry",
    "council",
    "committee",
    "assembly",
    "government",
    "agency",
    "news",
    "television",
    "radio",
    "office",
    "department",
    "union",
    "league",
    "organization",
    "organisation",
    "party",
    "bank",
    "fund",
    "times",
    "post",
    "press",
    "association",
    "university",
    "institute",
    "center",
    "centre",
    "court",
    "parliament",
    "congress",
    "senate",
    "embassy",
    "mission",
    "republic",
    "kingdom",
    "states",
    "initiative",
    "forum",
    "group",
    "commission",
    "authority",
    "army",
    "forces",
    "media",
    "agencies",
    "cabinet",
    "house",
    "palace",
    "daily",
    "channel",
    "network",
    "side",
    "sides",
    "bureau",
    "service",
    "network",
    "foundation",
    "company",
    "corporation",
    "summit",
    "conference",
    "organisation",
    "presidency",
    "administration",
    "tv",
];

/// Role words that can follow a demonym in a role phrase: "the Chinese president",
/// "the Syrian leader", "the Omani foreign minister".
pub const ROLE_NOUNS: &[&str] = &[
    "president",
    "leader",
    "premier",
    "minister",
    "envoy",
    "king",
    "emir",
    "sultan",
    "chancellor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "diplomat",
    "counterpart",
    "official",
];

/// Roles that make someone their country's "leader" (head of state or government).
pub const HEAD_ROLES: &[&str] = &[
    "president",
    "premier",
    "prime minister",
    "king",
    "queen",
    "emir",
    "sultan",
    "chancellor",
    "chairman",
    "supreme leader",
    "crown prince",
];

/// Words of short site-furniture lines: share and follow buttons, newsletter, donation and
/// membership appeals, "related posts" and "latest news" blocks. A short line with one of
/// these and no sentence ending is boilerplate (see `corpus::layout`).
pub const FURNITURE_WORDS: &[&str] = &[
    "share",
    "suggest",
    "subscribe",
    "subscription",
    "newsletter",
    "newsletters",
    "follow",
    "join",
    "support",
    "donate",
    "donation",
    "donations",
    "patron",
    "patreon",
    "related",
    "latest",
    "trending",
    "trends",
    "search",
    "advertisement",
    "advertising",
    "sponsored",
    "comments",
    "comment",
    "tags",
    "print",
    "email",
    "e-mail",
    "copyright",
    "reserved",
    "signup",
    "sign",
    "login",
    "log",
    "click",
    "read",
    "recommended",
    "popular",
    "whatsapp",
    "telegram",
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "linkedin",
    "rss",
    "fundraising",
    "menu",
    "cookie",
    "cookies",
    "privacy",
    "more",
    "friend",
    "updates",
    "download",
    "app",
    "posts",
    "stories",
    "articles",
    "©",
];

/// Words that mark a line near the top as a dateline when it has a date in it:
/// "Updated 21:01, 05-Nov-2021", "Published: 2023-11-01".
pub const DATELINE_WORDS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "date",
    "dated",
    "released",
    "last",
    "modified",
    "on",
    "at",
    "gmt",
    "utc",
    "am",
    "pm",
    "time",
    "source",
    "by",
    "edited",
    "bjt",
];

/// Kinds of event, each with the cue words (in the title and first body paragraph) that
/// reveal it, checked in this order. A catalog `kind` overrides the guess.
pub const KIND_CUES: &[(&str, &[&[&str]])] = &[
    // Every cue group of a kind must be present: an envoy on the phone is an envoy call.
    ("envoy-call", &[&["envoy"], &["phone", "telephone", "call"]]),
    (
        "phone-call",
        &[&["phone", "telephone", "video", "call", "calls"]],
    ),
    (
        "meeting",
        &[&[
            "meeting", "meets", "met", "meet", "talks", "visit", "visiting", "hosts", "hosted",
            "received",
        ]],
    ),
    ("press-conference", &[&["press", "briefing"]]),
    ("speech", &[&["speech", "address", "remarks", "addresses"]]),
    (
        "statement",
        &[&["statement", "declaration", "communique", "communiqué"]],
    ),
];

/// Month names and their usual abbreviations, January first.
pub const MONTHS: [(&str, &str); 12] = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may", "may"),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
];

/// True when `lower` is in `list`.
pub fn contains(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}

/// The month number (1–12) of an English month name or abbreviation ("Nov", "Nov.",
/// "November"; "Sept" too), case-insensitive.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|(full, abbr)| w == *full || w == *abbr)
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case() {
        for list in [
            SPEECH_VERBS,
            VERB_PREFIXES,
            PRONOUNS,
            TITLE_WORDS,
            ORGANISATION_WORDS,
            ROLE_NOUNS,
            HEAD_ROLES,
            FURNITURE_WORDS,
            DATELINE_WORDS,
        ] {
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "{w} should be lower case");
            }
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_number("Nov"), Some(11));
        assert_eq!(month_number("october"), Some(10));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Mayday"), None);
    }
}
