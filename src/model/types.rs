//! Small value types parsed from strings: each knows its own syntax and how to explain a mistake.

use std::fmt;

use serde::Serialize;

use super::text::{char_name, check_strict, describe_letters, foreign_letters, shown};
use crate::diagnostic::ParseError;
use crate::locale::t;

/// A day of the week; accepts English and Russian names and abbreviations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    const NAMES: [[&'static str; 4]; 7] = [
        ["monday", "mon", "понедельник", "пн"],
        ["tuesday", "tue", "вторник", "вт"],
        ["wednesday", "wed", "среда", "ср"],
        ["thursday", "thu", "четверг", "чт"],
        ["friday", "fri", "пятница", "пт"],
        ["saturday", "sat", "суббота", "сб"],
        ["sunday", "sun", "воскресенье", "вс"],
    ];

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("day of the week", text)?;
        let wanted = text.trim().to_lowercase();
        Self::NAMES
            .iter()
            .position(|names| names.contains(&wanted.as_str()))
            .map(|i| Self::ALL[i])
            .ok_or_else(|| {
                ParseError::new(
                    t!("value-not-weekday", text = shown(text)),
                    t!("value-not-weekday-hint"),
                )
            })
    }

    /// The day's name in the messages' words: `monday` in English, «понедельник» in Russian.
    pub fn word(self) -> String {
        match self {
            Weekday::Monday => t!("weekday-monday"),
            Weekday::Tuesday => t!("weekday-tuesday"),
            Weekday::Wednesday => t!("weekday-wednesday"),
            Weekday::Thursday => t!("weekday-thursday"),
            Weekday::Friday => t!("weekday-friday"),
            Weekday::Saturday => t!("weekday-saturday"),
            Weekday::Sunday => t!("weekday-sunday"),
        }
    }

    /// The English name, used as a key into the theme's translations.
    pub fn key(self) -> &'static str {
        Self::NAMES[self.index()][0]
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// For the words that agree with a person: «назначен» / «назначена».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

impl Gender {
    pub fn parse(text: &str) -> Result<Gender, ParseError> {
        match text {
            "f" | "ж" => Ok(Gender::Female),
            "m" | "м" => Ok(Gender::Male),
            _ => Err(ParseError::new(
                t!("value-not-gender", text = shown(text)),
                t!("value-not-gender-hint"),
            )),
        }
    }
}

/// A wall-clock time of day with minute precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    pub fn from_hm(hour: u16, minute: u16) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(TimeOfDay {
            minutes: hour * 60 + minute,
        })
    }

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("time", text)?;
        let bad = || {
            ParseError::new(
                t!("value-not-time", text = shown(text)),
                t!("value-not-time-hint"),
            )
        };
        let (hour, minute) = text.trim().split_once([':', '.']).ok_or_else(bad)?;
        let digits = |part: &str| {
            part.len() <= 2 && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(hour) || minute.len() != 2 || !digits(minute) {
            return Err(bad());
        }
        let (hour, minute) = (
            hour.parse().map_err(|_| bad())?,
            minute.parse().map_err(|_| bad())?,
        );
        TimeOfDay::from_hm(hour, minute).ok_or_else(bad)
    }

    pub fn hour(self) -> u16 {
        self.minutes / 60
    }

    pub fn minute(self) -> u16 {
        self.minutes % 60
    }

    pub fn minutes(self) -> u16 {
        self.minutes
    }

    pub fn to_chrono(self) -> chrono::NaiveTime {
        chrono::NaiveTime::from_hms_opt(self.hour().into(), self.minute().into(), 0)
            .expect("validated time")
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// A start and an end on the same day, end after start (`14:00-16:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl TimeRange {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("time range", text)?;
        // «с 15.00 до 16.00», as regulations write office hours, or 15:00-16:00.
        let words = (text.trim().strip_prefix("с ")).and_then(|rest| rest.split_once(" до "));
        let dashed = || text.split_once(['-', '–', '—']);
        let (start, end) = words.or_else(dashed).ok_or_else(|| {
            ParseError::new(
                t!("value-not-time-range", text = shown(text)),
                t!("value-not-time-range-hint"),
            )
        })?;
        let range = TimeRange {
            start: TimeOfDay::parse(start)?,
            end: TimeOfDay::parse(end)?,
        };
        if range.end <= range.start {
            return Err(ParseError::new(
                t!("value-range-backwards", text = shown(text)),
                t!("value-range-backwards-hint"),
            ));
        }
        Ok(range)
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

/// A phone number as written for people, plus the digits a `tel:` link dials.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    display: String,
    dial: String,
}

impl Phone {
    /// Accepts full numbers (`8 (812) 490-70-33`, `+7 495 582 69 00`) and short local ones (`582-69-00`).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("phone number", text)?;
        let display = text.trim();
        let allowed = |c: char| c.is_ascii_digit() || " ()-+.\u{a0}".contains(c);
        let digits: String = display.chars().filter(char::is_ascii_digit).collect();
        let plus_ok = display.rfind('+').is_none_or(|i| i == 0);
        if display.is_empty()
            || !display.chars().all(allowed)
            || !plus_ok
            || !(5..=15).contains(&digits.len())
        {
            return Err(ParseError::new(
                t!("value-not-phone", text = shown(text)),
                t!("value-not-phone-hint"),
            ));
        }
        let dial = if display.starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        };
        Ok(Phone {
            display: display.to_owned(),
            dial,
        })
    }

    pub fn display(&self) -> &str {
        &self.display
    }

    /// The `tel:` URI; a short local number stays local (RFC 3966 allows no context-free form).
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

/// An email address in a strict, practical syntax: the part before `@` in Latin letters, digits
/// and `. _ - +` (RFC 5321 dot-atom rules for dots), a domain of labels that may be Unicode
/// (`школа.рф`) or punycode (`xn--80ajghhoc.xn--p1ai`). No letter of one script among another's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("email address", text)?;
        let address = text.trim_matches(' ');
        let bad = |hint: &str| {
            ParseError::new(
                t!("value-not-email", text = shown(text)),
                t!("value-not-email-hint", hint = hint),
            )
        };
        let parts: Vec<&str> = address.split('@').collect();
        let [local, domain] = parts[..] else {
            return Err(bad(&t!("email-one-at")));
        };
        check_local_part(local).map_err(|hint| bad(&hint))?;
        check_domain(domain).map_err(|hint| bad(&hint))?;
        Ok(Email(address.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_local_part(local: &str) -> Result<(), String> {
    let foreign = foreign_letters(local);
    if !foreign.is_empty() {
        return Err(t!(
            "email-mixed-scripts",
            text = shown(local),
            letters = describe_letters(&foreign)
        ));
    }
    if let Some(c) = local.chars().find(|c| !c.is_ascii()) {
        return Err(t!("email-local-non-ascii", c = c.to_string()));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._+-".contains(c);
    if local.is_empty() || local.len() > 64 {
        return Err(t!("email-local-length"));
    }
    if let Some(c) = local.chars().find(|c| !allowed(*c)) {
        return Err(t!("email-local-char", c = shown(&c.to_string())));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(t!("email-local-dots"));
    }
    Ok(())
}

/// A domain name as people write it: at least two labels of letters, digits and hyphens; a
/// Unicode label is allowed (`школа.рф`) but not one that mixes scripts (`skоla`, Cyrillic «о»).
pub fn check_domain(domain: &str) -> Result<(), String> {
    let labels: Vec<&str> = domain.split('.').collect();
    if domain.chars().count() > 253 || labels.len() < 2 {
        return Err(t!("domain-no-dot", text = shown(domain)));
    }
    for label in &labels {
        check_label(label)?;
    }
    let tld = labels[labels.len() - 1];
    if tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(t!("domain-numeric", text = shown(domain)));
    }
    Ok(())
}

fn check_label(label: &str) -> Result<(), String> {
    if label.is_empty() || label.chars().count() > 63 {
        return Err(t!("domain-label-length"));
    }
    if let Some(c) = label.chars().find(|c| !c.is_alphanumeric() && *c != '-') {
        return Err(t!("domain-char", c = shown(&c.to_string())));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(t!("domain-hyphen", text = shown(label)));
    }
    let foreign = foreign_letters(label);
    if !foreign.is_empty() {
        return Err(t!(
            "domain-mixed-scripts",
            text = shown(label),
            letters = describe_letters(&foreign)
        ));
    }
    Ok(())
}

/// An absolute http(s) address; a bare `www.example.ru` gets `http://`. No user name before the
/// host (`https://school.ru@evil.example/` opens evil.example), no other scheme, a real domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebUrl {
    href: String,
    display: String,
}

impl WebUrl {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_strict("web address", text)?;
        let text = text.trim_matches(' ');
        let bad =
            |hint: String| ParseError::new(t!("url-not-web-address", text = shown(text)), hint);
        let (href, rest) = split_scheme(text).map_err(bad)?;
        check_url_rest(rest).map_err(bad)?;
        let display = rest.trim_end_matches('/').to_owned();
        Ok(WebUrl { href, display })
    }

    pub fn href(&self) -> &str {
        &self.href
    }

    /// The address without the scheme, as people write it.
    pub fn display(&self) -> &str {
        &self.display
    }
}

/// How a web address is written, the end of its hints.
fn url_example() -> String {
    t!("url-example")
}

/// The link target and the part after `scheme://`. A word before `:` without a dot is a scheme
/// (`javascript:`); `www.school.ru:8080` is a host with a port.
fn split_scheme(text: &str) -> Result<(String, &str), String> {
    let scheme = text.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-".contains(c))
    });
    let Some(scheme) = scheme else {
        return Ok((format!("http://{text}"), text));
    };
    let lower = scheme.to_ascii_lowercase();
    if lower != "http" && lower != "https" {
        return Err(t!(
            "url-scheme",
            scheme = shown(scheme),
            example = url_example()
        ));
    }
    let Some(rest) = text[scheme.len() + 1..].strip_prefix("//") else {
        return Err(t!("url-slashes", scheme = lower.as_str()));
    };
    Ok((format!("{lower}://{rest}"), rest))
}

/// The host, an optional port, and a path without characters that break out of a link.
fn check_url_rest(rest: &str) -> Result<(), String> {
    let forbidden = |c: char| c.is_whitespace() || "\\\"<>`".contains(c);
    if let Some(c) = rest.chars().find(|c| forbidden(*c)) {
        let c = match c {
            ' ' => t!("url-a-space"),
            c if c.is_whitespace() => char_name(c),
            c => format!("`{c}`"),
        };
        return Err(t!("url-char", c = c, example = url_example()));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if let Some((user, host)) = authority.rsplit_once('@') {
        return Err(t!("url-user", user = shown(user), host = shown(host)));
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) => {
            let valid = port.parse::<u16>().is_ok_and(|p| p > 0) && port.len() <= 5;
            if !valid || !port.bytes().all(|b| b.is_ascii_digit()) {
                return Err(t!("url-port", port = shown(port)));
            }
            host
        }
        None => authority,
    };
    check_domain(host).map_err(|hint| format!("{hint}; {}", url_example()))
}

/// Who a page, channel, slot or article is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Staff,
    Parents,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Staff, Audience::Parents];

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        match text {
            "staff" => Ok(Audience::Staff),
            "parents" => Ok(Audience::Parents),
            _ => Err(ParseError::new(
                t!("value-not-audience", text = shown(text)),
                t!("value-not-audience-hint"),
            )),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Parents => "parents",
        }
    }
}

/// How fast an answer comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseTime {
    Hours(u32),
    Days(u32),
    WorkingDays(u32),
}

impl ResponseTime {
    pub fn amount(self) -> u32 {
        match self {
            ResponseTime::Hours(n) | ResponseTime::Days(n) | ResponseTime::WorkingDays(n) => n,
        }
    }
}

/// The language of a school's site interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Russian,
    English,
}

impl Language {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        match text {
            "ru" => Ok(Language::Russian),
            "en" => Ok(Language::English),
            _ => Err(ParseError::new(
                t!("value-not-language", text = shown(text)),
                t!("value-not-language-hint"),
            )),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Russian => "ru",
            Language::English => "en",
        }
    }
}

/// Parse an IANA time zone name.
pub fn parse_timezone(text: &str) -> Result<chrono_tz::Tz, ParseError> {
    check_strict("time zone", text)?;
    text.parse()
        .map_err(|_| ParseError::new(t!("value-not-zone", text = shown(text)), zone_hint(text)))
}

/// The zone the teacher most likely meant («Новосибирск» -> Asia/Novosibirsk), else examples.
fn zone_hint(text: &str) -> String {
    let named = |zone: &str| match super::zones::city_of(zone) {
        Some(city) => format!("{zone} ({})", upper_first(city)),
        None => zone.to_owned(),
    };
    match super::zones::meant(text).as_slice() {
        [] => t!("zone-hint-examples"),
        [zone] => t!("zone-hint-one", zone = named(zone)),
        zones => {
            let listed: Vec<String> = zones.iter().map(|zone| named(zone)).collect();
            t!("zone-hint-several", zones = listed.join(", "))
        }
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_for_a_time_zone_gets_the_zone_in_the_hint() {
        let hint = |text| parse_timezone(text).unwrap_err().hint;
        assert_eq!(
            hint("Новосибирск"),
            "write the zone's name exactly: Asia/Novosibirsk (Новосибирск)"
        );
        assert!(hint("europe/moscow").contains("Europe/Moscow (Москва)"));
        assert!(hint("МСК+4").contains("Asia/Krasnoyarsk (Красноярск)"));
        assert!(hint("Нарния").contains("such as Europe/Moscow"));
        assert!(parse_timezone("Asia/Novosibirsk").is_ok());
    }

    #[test]
    fn weekday_accepts_russian_and_english() {
        assert_eq!(Weekday::parse("вт").unwrap(), Weekday::Tuesday);
        assert_eq!(Weekday::parse("Thursday").unwrap(), Weekday::Thursday);
        assert!(
            Weekday::parse("funday")
                .unwrap_err()
                .hint
                .contains("monday")
        );
    }

    #[test]
    fn time_range_rejects_end_before_start() {
        assert_eq!(
            TimeRange::parse("14:00-16:30").unwrap().to_string(),
            "14:00–16:30"
        );
        assert!(
            TimeRange::parse("16:00-14:00")
                .unwrap_err()
                .message
                .contains("ends before")
        );
        assert!(TimeRange::parse("25:00-26:00").is_err());
        assert_eq!(
            TimeRange::parse("с 15.00 до 16.00").unwrap(),
            TimeRange::parse("15:00-16:00").unwrap()
        );
        assert_eq!(
            TimeRange::parse("15.00–16.00").unwrap().to_string(),
            "15:00–16:00"
        );
        assert!(TimeRange::parse("с 15.00").is_err());
        assert!(TimeRange::parse("9-10").is_err());
    }

    #[test]
    fn phone_keeps_display_and_dials_digits() {
        let phone = Phone::parse("+7 495 582 69 00").unwrap();
        assert_eq!(phone.tel_uri(), "tel:+74955826900");
        assert_eq!(Phone::parse("582-69-00").unwrap().tel_uri(), "tel:5826900");
        assert_eq!(
            Phone::parse("8 (812) 490-70-33").unwrap().display(),
            "8 (812) 490-70-33"
        );
        assert!(Phone::parse("call me").is_err());
        assert!(Phone::parse("12").is_err());
        assert!(Phone::parse("8+800").is_err());
    }

    #[test]
    fn email_shape() {
        assert!(Email::parse("scool_27@edu-mytyshi.ru").is_ok());
        assert!(Email::parse("support-bbz@company.dnevnik.ru").is_ok());
        for bad in ["foo@", "@x.ru", "a@b", "a b@c.ru", "a@b..ru"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_refuses_look_alike_letters_and_names_them() {
        let error = Email::parse("shk\u{43e}la@mail.ru").unwrap_err();
        assert!(
            error.hint.contains("`о` is Cyrillic (U+043E)"),
            "{}",
            error.hint
        );
        let error = Email::parse("school@m\u{430}il.ru").unwrap_err();
        assert!(error.hint.contains("mixes scripts"), "{}", error.hint);
        assert!(
            Email::parse("почта@mail.ru")
                .unwrap_err()
                .hint
                .contains("Latin")
        );
        assert!(Email::parse("info@школа.рф").is_ok());
        assert!(Email::parse("info@xn--80ajghhoc.xn--p1ai").is_ok());
    }

    #[test]
    fn email_refuses_controls_spaces_and_two_ats() {
        for bad in [
            "a\0b@x.ru",
            "a@x.ru\n",
            "a\u{1b}[2J@x.ru",
            "a\u{200b}@x.ru",
            "a b@x.ru",
            "a@b@x.ru",
            "a..b@x.ru",
            ".a@x.ru",
            "a@-x.ru",
            "a@x.123",
            "a?b@x.ru",
        ] {
            let error = Email::parse(bad).unwrap_err();
            let raw = |c: char| c.is_control() || c == '\u{200b}';
            assert!(!error.message.contains(raw), "{bad:?} echoed raw");
        }
    }

    #[test]
    fn web_url_refuses_userinfo_other_schemes_and_look_alikes() {
        let error = WebUrl::parse("https://www.skola-27.ru@evil.example/").unwrap_err();
        assert!(
            error.hint.contains("ignores everything before `@`"),
            "{}",
            error.hint
        );
        assert!(error.hint.contains("evil.example"), "{}", error.hint);
        for bad in [
            "javascript:alert(document.domain)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "http:evil.example/p",
            "https://evil.example\\@school.ru",
            "https://school.ru/a b",
            "https://school.ru/a\u{a0}b",
            "https://school.ru/\u{0}",
            "https://sch\u{43e}ol.ru",
            "https://192.168.0.1/",
            "https://school.ru:99999/",
            "https://",
            "https://.ru",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            WebUrl::parse("HTTPS://school.ru:8443/a?b#c")
                .unwrap()
                .href(),
            "https://school.ru:8443/a?b#c"
        );
        assert!(WebUrl::parse("https://t.me/@school").is_ok());
        assert!(WebUrl::parse("https://школа.рф/").is_ok());
    }

    #[test]
    fn syntax_values_refuse_invisible_characters() {
        assert!(Weekday::parse("monday\u{0}").is_err());
        assert!(Weekday::parse("mon\u{200b}day").is_err());
        assert!(TimeRange::parse("9:00-10:00\n").is_err());
        assert!(TimeOfDay::parse("9:00\u{85}").is_err());
        assert!(Phone::parse("+7 495\t582 69 00").is_err());
        assert!(Phone::parse("+7\u{a0}495 582 69 00").is_ok());
        assert!(parse_timezone("Europe/Moscow\u{202e}").is_err());
    }

    #[test]
    fn web_url_adds_scheme_to_bare_host() {
        let url = WebUrl::parse("www.skola-27.ru").unwrap();
        assert_eq!(url.href(), "http://www.skola-27.ru");
        assert_eq!(url.display(), "www.skola-27.ru");
        assert!(WebUrl::parse("ftp://x.ru").is_err());
        assert!(WebUrl::parse("localhost").is_err());
    }
}
