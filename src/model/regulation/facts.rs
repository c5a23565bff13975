//! The facts of a regulation's text that the site's data also states (phones, e-mail and web
//! addresses, clock times, response times, the training deadline), each with its place.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::types::{ResponseTime, TimeOfDay, TimeRange};

/// A value that the text and the data can both state, normalised so that one value written two
/// ways compares equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Digits only; a Russian number written with 8 or +7 becomes 7 and its ten digits.
    Phone(String),
    /// In small letters.
    Email(String),
    /// Host and path in small letters, without the scheme, `www.` and a trailing slash.
    Web(String),
    /// A time on its own («в 9:00»).
    Time(TimeOfDay),
    /// A start and an end («с 15.00 до 16.00», «9:00–18:00»).
    Window(TimeRange),
    Response(ResponseTime),
    /// The deadline for training a new employee, in working days.
    Training(u32),
}

/// What a value is about: a mismatch is looked for among values of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Phone,
    Email,
    Web,
    Time,
    Response,
    Training,
}

impl Value {
    pub fn kind(&self) -> Kind {
        match self {
            Value::Phone(_) => Kind::Phone,
            Value::Email(_) => Kind::Email,
            Value::Web(_) => Kind::Web,
            Value::Time(_) | Value::Window(_) => Kind::Time,
            Value::Response(_) => Kind::Response,
            Value::Training(_) => Kind::Training,
        }
    }

    /// Whether the text's value `self` says what the data's value `data` says. A local number
    /// (seven digits or fewer) is the end of a full one; a time on its own is a start or an end.
    pub fn matches(&self, data: &Value) -> bool {
        match (self, data) {
            (Value::Phone(text), Value::Phone(data)) => {
                text == data
                    || (text.len() <= 7 && data.ends_with(text.as_str()))
                    || (data.len() <= 7 && text.ends_with(data.as_str()))
            }
            (Value::Time(time), Value::Window(window)) => {
                *time == window.start || *time == window.end
            }
            (text, data) => text == data,
        }
    }
}

/// Normalised phone digits: `8 (804) 333-84-85` and `+7 804 333 84 85` are both `78043338485`.
pub fn phone_key(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        11 if digits.starts_with('8') || digits.starts_with('7') => format!("7{}", &digits[1..]),
        10 if !text.trim_start().starts_with('+') => format!("7{digits}"),
        _ => digits,
    }
}

/// A web address without what does not change where it leads: `http://www.School.ru/` is
/// `school.ru`.
pub fn web_key(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_owned()
}

/// One value as the text writes it, and where (a byte range of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub value: Value,
    pub span: Range<usize>,
}

/// Every fact of a Markdown text, in the order written.
pub fn extract(source: &str) -> Vec<Fact> {
    let plain = Plain::new(source);
    let mut found = Found::default();
    for (pattern, make) in PATTERNS.iter() {
        for captures in pattern.captures_iter(&plain.text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            let range = whole.range();
            if found.overlaps(&range) {
                continue;
            }
            if let Some(value) = make(&captures, &plain.text) {
                found.push(range, value);
            }
        }
    }
    let mut facts: Vec<Fact> = (found.0.into_iter())
        .map(|(range, value)| Fact {
            value,
            span: plain.source_range(range),
        })
        .collect();
    facts.sort_by_key(|fact| fact.span.start);
    facts
}

/// The ranges taken so far: a phone inside a web address is not a phone.
#[derive(Debug, Default)]
struct Found(Vec<(Range<usize>, Value)>);

impl Found {
    fn overlaps(&self, range: &Range<usize>) -> bool {
        (self.0.iter()).any(|(taken, _)| taken.start < range.end && range.start < taken.end)
    }

    fn push(&mut self, range: Range<usize>, value: Value) {
        self.0.push((range, value));
    }
}

/// The text as a reader sees its characters: Markdown's backslash escapes and emphasis stars
/// removed (`scool\_27` is `scool_27`, `**9:00**` is `9:00`), with each byte's place in the file.
struct Plain {
    text: String,
    /// For each byte of `text`, its offset in the source.
    offsets: Vec<usize>,
}

impl Plain {
    fn new(source: &str) -> Plain {
        let mut plain = Plain {
            text: String::with_capacity(source.len()),
            offsets: Vec::with_capacity(source.len()),
        };
        let mut chars = source.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let escapes = c == '\\' && chars.peek().is_some_and(|(_, n)| n.is_ascii_punctuation());
            if escapes || c == '*' {
                continue;
            }
            plain.text.push(c);
            plain.offsets.extend((0..c.len_utf8()).map(|i| at + i));
        }
        plain
    }

    fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.offsets.get(range.start).copied().unwrap_or_default();
        let end = (range.end.checked_sub(1))
            .and_then(|last| self.offsets.get(last))
            .map_or(start, |last| last + 1);
        start..end
    }
}

type Make = fn(&regex::Captures, &str) -> Option<Value>;

/// The patterns, most specific first: a range taken by one is not looked at by the next.
static PATTERNS: LazyLock<Vec<(Regex, Make)>> = LazyLock::new(|| {
    let url_chars = r#"[^\s<>()\[\]"«»,;]"#;
    let patterns: [(String, Make); 9] = [
        (format!(r"(?i)\b(?:https?://|www\.){url_chars}+"), web),
        (
            r"(?i)\b[a-z0-9][a-z0-9._%+\-]*@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)+".to_owned(),
            email,
        ),
        (
            format!(
                r"(?i)\b[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.(?:ru|su|com|org|net|info|рф)\b(?:/{url_chars}*)?"
            ),
            web,
        ),
        (
            r"(?i)не\s+позднее\s+(\d+|[а-яё]+)\s+рабоч[а-яё]*\s+(?:дн[а-яё]*|день)\b".to_owned(),
            training,
        ),
        (
            r"(?i)в\s+течение\s+(?:(\d+|[а-яё]+)\s+)?(?:(рабоч[а-яё]*)\s+)?(дн[а-яё]*|день|сут[а-яё]*|час[а-яё]*|недел[а-яё]*)\b"
                .to_owned(),
            response,
        ),
        (
            r"(?i)\bс\s+(\d{1,2}[:.]\d{2})\s+до\s+(\d{1,2}[:.]\d{2})\b".to_owned(),
            window,
        ),
        (
            r"\b(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\b".to_owned(),
            window,
        ),
        (
            r"(?i)\b(?:(?:с|до|в|по|от|к)\s+(\d{1,2}\.\d{2})|(\d{1,2}:\d{2}))\b".to_owned(),
            time,
        ),
        (
            r"(?:\+[ \t\u{a0}]?)?\(?\d[\d \t\u{a0}()\-]{4,}\d".to_owned(),
            phone,
        ),
    ];
    patterns
        .into_iter()
        .map(|(pattern, make)| (Regex::new(&pattern).expect("a valid pattern"), make))
        .collect()
});

fn web(captures: &regex::Captures, _: &str) -> Option<Value> {
    let text = captures.get(0)?.as_str();
    let text = text.trim_end_matches(['.', ':', '!', '?', '\'']);
    Some(Value::Web(web_key(text)))
}

fn email(captures: &regex::Captures, _: &str) -> Option<Value> {
    let text = captures.get(0)?.as_str().trim_end_matches(['.', '-']);
    Some(Value::Email(text.to_lowercase()))
}

fn training(captures: &regex::Captures, _: &str) -> Option<Value> {
    number(captures.get(1)?.as_str()).map(Value::Training)
}

fn response(captures: &regex::Captures, _: &str) -> Option<Value> {
    let mut amount = captures.get(1).map(|m| m.as_str().to_lowercase());
    let mut working = captures.get(2).is_some();
    // «в течение рабочего дня»: the word before the unit is not a number.
    if amount
        .as_deref()
        .is_some_and(|word| word.starts_with("рабоч"))
    {
        (amount, working) = (None, true);
    }
    let n = match amount {
        Some(word) => number(&word)?,
        None => 1,
    };
    let unit = captures.get(3)?.as_str().to_lowercase();
    Some(Value::Response(match unit.as_str() {
        u if u.starts_with("сут") => ResponseTime::Hours(24 * n),
        u if u.starts_with("час") => ResponseTime::Hours(n),
        u if u.starts_with("недел") => ResponseTime::Days(7 * n),
        _ if working => ResponseTime::WorkingDays(n),
        _ => ResponseTime::Days(n),
    }))
}

fn window(captures: &regex::Captures, _: &str) -> Option<Value> {
    let start = clock(captures.get(1)?.as_str())?;
    let end = clock(captures.get(2)?.as_str())?;
    (start < end).then_some(Value::Window(TimeRange { start, end }))
}

/// A time as the text writes it. With a dot only on the quarter hour («15.00», «9.30»): «15.09»
/// or «01.10» is a date without its year (a month is never 00, 15, 30 or 45).
fn clock(text: &str) -> Option<TimeOfDay> {
    if let Some((_, minutes)) = text.split_once('.') {
        if !["00", "15", "30", "45"].contains(&minutes) {
            return None;
        }
    }
    TimeOfDay::parse(text).ok()
}

/// A time on its own; `15.01` followed by `.2018` is a date, not a time.
fn time(captures: &regex::Captures, text: &str) -> Option<Value> {
    let found = captures.get(1).or_else(|| captures.get(2))?;
    let rest = &text[found.end()..];
    let mut after = rest.chars();
    if after.next() == Some('.') && after.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    clock(found.as_str()).map(Value::Time)
}

/// A phone: 7 to 15 digits written with a `+` or with spaces, dashes or brackets, or a short
/// local number of 5 or 6 digits in groups («2-33-44», «22-33-44»). A bare run of digits is a
/// number of something else, and `2025-09-01` a date.
fn phone(captures: &regex::Captures, text: &str) -> Option<Value> {
    let found = captures.get(0)?;
    let written = found.as_str();
    let digits = written.chars().filter(char::is_ascii_digit).count();
    let separated = written.starts_with('+') || written.contains([' ', '(', ')', '-', '\u{a0}']);
    let glued = text[..found.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',');
    let full = (7..=15).contains(&digits) && separated;
    let local = (5..=6).contains(&digits) && SHORT_LOCAL.is_match(written);
    let date = ISO_DATE.is_match(written);
    ((full || local) && !glued && !date).then(|| Value::Phone(phone_key(written)))
}

static SHORT_LOCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}-\d{2}-\d{2}$").expect("a valid pattern"));
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("a valid pattern"));

/// A number in digits or in words, as regulations write amounts of days («одного», «трёх»).
fn number(word: &str) -> Option<u32> {
    const WORDS: [(&str, u32); 15] = [
        ("одн", 1),
        ("дв", 2),
        ("тр", 3),
        ("четыр", 4),
        ("пят", 5),
        ("шест", 6),
        ("сем", 7),
        ("восьм", 8),
        ("девят", 9),
        ("десят", 10),
        ("пятнадцат", 15),
        ("двадцат", 20),
        ("тридцат", 30),
        ("сорок", 40),
        ("шестидесят", 60),
    ];
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    let word = word.to_lowercase().replace('ё', "е");
    // The longest stem that starts the word: «пятнадцати» is 15, not 5.
    (WORDS.iter())
        .filter(|(stem, _)| word.starts_with(stem))
        .max_by_key(|(stem, _)| stem.len())
        .map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<Value> {
        extract(text).into_iter().map(|fact| fact.value).collect()
    }

    #[test]
    fn phones_are_compared_by_their_digits() {
        assert_eq!(phone_key("8 (804) 333-84-85"), "78043338485");
        assert_eq!(phone_key("+7 804 333 84 85"), "78043338485");
        assert_eq!(phone_key("582-69-00"), "5826900");
        assert!(Value::Phone("5826900".into()).matches(&Value::Phone("74955826900".into())));
        assert!(!Value::Phone("5826901".into()).matches(&Value::Phone("74955826900".into())));
    }

    #[test]
    fn web_addresses_lose_scheme_www_and_trailing_slash() {
        assert_eq!(web_key("http://www.Skola-27.ru/"), "skola-27.ru");
        assert_eq!(web_key("https://school.ru/help"), "school.ru/help");
    }

    #[test]
    fn contacts_are_found_with_their_places() {
        let text = "- По телефону +7 495 582 69 00.\n\
                    - Через электронную почту [scool\\_27@edu-mytyshi.ru](mailto:scool_27@edu-mytyshi.ru)\n\
                    - Через сайт школы [www.skola-27.ru](http://www.skola-27.ru)\n";
        let facts = extract(text);
        let shown: Vec<&str> = facts.iter().map(|f| &text[f.span.clone()]).collect();
        assert_eq!(
            shown,
            [
                "+7 495 582 69 00",
                "scool\\_27@edu-mytyshi.ru",
                "scool_27@edu-mytyshi.ru",
                "www.skola-27.ru",
                "http://www.skola-27.ru",
            ]
        );
        assert_eq!(facts[0].value, Value::Phone("74955826900".into()));
        assert_eq!(
            facts[1].value,
            Value::Email("scool_27@edu-mytyshi.ru".into())
        );
        assert_eq!(facts[4].value, Value::Web("skola-27.ru".into()));
    }

    #[test]
    fn times_ranges_and_dates_are_told_apart() {
        let range = |a: &str, b: &str| {
            Value::Window(TimeRange {
                start: TimeOfDay::parse(a).unwrap(),
                end: TimeOfDay::parse(b).unwrap(),
            })
        };
        assert_eq!(
            values("ежедневно с 9:00 до 18:00, приём с 15.00 до 16.00"),
            [range("9:00", "18:00"), range("15:00", "16:00")]
        );
        assert_eq!(values("часы 9:00–21:00"), [range("9:00", "21:00")]);
        assert_eq!(
            values("в 9:00 и до 17.30"),
            [
                Value::Time(TimeOfDay::parse("9:00").unwrap()),
                Value::Time(TimeOfDay::parse("17:30").unwrap())
            ]
        );
        assert_eq!(values("приказ от 15.01.2018 № 12, пункт 3.1. и 10.15."), []);
        // A date without its year is not a time: no month is 00, 15, 30 or 45.
        assert_eq!(values("с 15.09 по 30.09, до 01.10"), []);
        assert_eq!(
            values("к 9.30"),
            [Value::Time(TimeOfDay::parse("9:30").unwrap())]
        );
    }

    #[test]
    fn response_times_in_digits_and_words() {
        let days = |n| Value::Response(ResponseTime::Days(n));
        assert_eq!(values("в течение 7 дней"), [days(7)]);
        assert_eq!(values("в течение одного дня"), [days(1)]);
        assert_eq!(values("В течение дня"), [days(1)]);
        assert_eq!(
            values("в течение суток и в течение 3 рабочих дней, в течение рабочего дня"),
            [
                Value::Response(ResponseTime::Hours(24)),
                Value::Response(ResponseTime::WorkingDays(3)),
                Value::Response(ResponseTime::WorkingDays(1)),
            ]
        );
        assert_eq!(values("в течение минимально возможного срока"), []);
    }

    #[test]
    fn the_training_deadline() {
        assert_eq!(
            values("в срок не позднее 5 рабочих дней со дня"),
            [Value::Training(5)]
        );
        assert_eq!(
            values("не позднее пятнадцати рабочих дней"),
            [Value::Training(15)]
        );
    }

    #[test]
    fn numbers_that_are_not_phones() {
        assert_eq!(values("в 2018 году 1234567 раз, ИНН 5029000000"), []);
        assert_eq!(values("от 2025-09-01, приказ № 01-10/123"), []);
        assert_eq!(
            values("тел. 2-33-44 и 22-33-44"),
            [Value::Phone("23344".into()), Value::Phone("223344".into())]
        );
        assert_eq!(
            values("тел. 8-800-100-10-10"),
            [Value::Phone("78001001010".into())]
        );
    }
}
