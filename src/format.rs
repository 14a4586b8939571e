//! How the app writes dates, kinds, people and numbers. Pure functions, tested natively.

use concord_core::model::{Corpus, Date, DocDate, Person, Precision};

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
    day(d.date)
}

/// A date at its precision, as [`date`] writes it; "Undated" for none.
pub fn day(date: Option<Date>) -> String {
    let Some(date) = date else {
        return "Undated".into();
    };
    let month = || MONTHS[usize::from(date.month.clamp(1, 12)) - 1];
    match date.precision() {
        Precision::Day => format!("{} {} {}", date.day, month(), date.year),
        Precision::Month => format!("{} {}", month(), date.year),
        Precision::Year | Precision::Unknown => date.year.to_string(),
    }
}

/// A stance slug as a filter or a lane names it: `calls-for` → "calls for".
pub fn stance(slug: &str) -> String {
    slug.replace('-', " ")
}

/// A kind slug as words: `phone-call` → "Phone call". An ASCII first letter is capitalized;
/// any other is kept as it is (the app carries no Unicode upper-case table, 12 kB, for this
/// one label).
pub fn kind(slug: &str) -> String {
    let mut words = slug.replace('-', " ");
    if let Some(first) = words.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    words
}

/// `x` to one decimal place, as `format!("{x:.1}")` writes it except at exact halves (away
/// from zero here) and for -0.0 (written 0.0): "12.5", "3.0", "-0.4". Written with
/// integers: the app carries no float formatting (about 20 kB of code and tables).
pub fn tenths(x: f64) -> String {
    let (sign, whole, tenth) = split_tenths(x);
    format!("{sign}{whole}.{tenth}")
}

/// `x` to at most one decimal place, as SVG attributes take it: "12.5", "1000", "-3".
pub fn num(x: f64) -> String {
    match split_tenths(x) {
        (sign, whole, 0) => format!("{sign}{whole}"),
        (sign, whole, tenth) => format!("{sign}{whole}.{tenth}"),
    }
}

/// Sign, whole part and tenths of `x` rounded to tenths; a value that is not finite is 0.
fn split_tenths(x: f64) -> (&'static str, u64, u64) {
    let t = if x.is_finite() {
        (x * 10.0).round()
    } else {
        0.0
    };
    let sign = if t < 0.0 { "-" } else { "" };
    // `as` saturates: beyond 2^64 tenths there is no chart.
    let t = t.abs() as u64;
    (sign, t / 10, t % 10)
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
    fn tenths_and_num_write_numbers_without_float_formatting() {
        for x in [0.0, 3.0, 12.5, 12.34, 0.04, 99.96, 1000.0, 170.0, 1e6 + 0.3] {
            assert_eq!(tenths(x), format!("{x:.1}"), "{x}");
            assert_eq!(
                num(x).parse::<f64>().unwrap(),
                (x * 10.0).round() / 10.0,
                "{x}"
            );
        }
        assert_eq!(tenths(-0.44), "-0.4");
        assert_eq!(tenths(-0.04), "0.0");
        assert_eq!(num(1000.0), "1000");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(tenths(f64::INFINITY), "0.0");
    }

    #[test]
    fn kinds_read_as_words() {
        assert_eq!(kind("phone-call"), "Phone call");
        assert_eq!(kind(""), "");
        assert_eq!(kind("évènement"), "évènement");
    }

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
