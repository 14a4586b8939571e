//! How the app writes dates, kinds and people. Pure functions, tested natively.

use concord_core::model::{Corpus, DocDate, Person, Precision};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date at its precision: "20 July 2020", "July 2020", "2021", or "Undated".
///
/// ```
/// use concord_core::model::{Date, DocDate, DateOrigin};
/// let d = DocDate { date: Date::new(2020, 7, 20), origin: DateOrigin::Catalog };
/// assert_eq!(concord::format::date(&d), "20 July 2020");
/// ```
pub fn date(d: &DocDate) -> String {
    let Some(date) = d.date else {
        return "Undated".into();
    };
    let month = || MONTHS[usize::from(date.month.clamp(1, 12)) - 1];
    match date.precision() {
        Precision::Day => format!("{} {} {}", date.day, month(), date.year),
        Precision::Month => format!("{} {}", month(), date.year),
        Precision::Year | Precision::Unknown => date.year.to_string(),
    }
}

/// A kind slug as words: `phone-call` → "Phone call".
pub fn kind(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's country and role, as "China · President".
pub fn person_detail(corpus: &Corpus, person: &Person) -> String {
    let country = person.country.as_deref().map(|c| corpus.country_name(c));
    [country, person.role.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "1 statement", "2 statements".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::model::{Date, DateOrigin};

    #[test]
    fn dates_at_each_precision() {
        let at = |y, m, d| DocDate {
            date: Date::new(y, m, d),
            origin: DateOrigin::Catalog,
        };
        assert_eq!(date(&at(2023, 6, 0)), "June 2023");
        assert_eq!(date(&at(2021, 0, 0)), "2021");
        assert_eq!(date(&DocDate::UNKNOWN), "Undated");
    }

    #[test]
    fn kinds_and_counts() {
        assert_eq!(kind("envoy-call"), "Envoy call");
        assert_eq!(kind(""), "");
        assert_eq!(count(1, "statement", "statements"), "1 statement");
        assert_eq!(count(0, "statement", "statements"), "0 statements");
    }
}
