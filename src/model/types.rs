//! Small value types parsed from strings: each knows its own syntax and how to explain a mistake.

use std::fmt;

use serde::Serialize;

/// Why a string is not a valid value, and how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub hint: String,
}

impl ParseError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

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
        let wanted = text.trim().to_lowercase();
        Self::NAMES
            .iter()
            .position(|names| names.contains(&wanted.as_str()))
            .map(|i| Self::ALL[i])
            .ok_or_else(|| {
                ParseError::new(
                    format!("`{text}` is not a day of the week"),
                    "write monday … sunday (or пн, вт, ср, чт, пт, сб, вс)",
                )
            })
    }

    /// The English name, used as a key into the theme's translations.
    pub fn key(self) -> &'static str {
        Self::NAMES[self.index()][0]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn to_chrono(self) -> chrono::Weekday {
        chrono::Weekday::try_from(self as u8).expect("seven weekdays map to seven weekdays")
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
        let bad = || {
            ParseError::new(
                format!("`{text}` is not a time of day"),
                "write hours and minutes, such as 9:00 or 14:30",
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
        let (start, end) = text.split_once(['-', '–', '—']).ok_or_else(|| {
            ParseError::new(
                format!("`{text}` is not a time range"),
                "write a start and an end with a dash, such as 14:00-16:00",
            )
        })?;
        let range = TimeRange {
            start: TimeOfDay::parse(start)?,
            end: TimeOfDay::parse(end)?,
        };
        if range.end <= range.start {
            return Err(ParseError::new(
                format!("the range `{text}` ends before it starts"),
                "put the earlier time first, such as 14:00-16:00",
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
                format!("`{text}` is not a phone number"),
                "write digits with optional spaces, dashes and brackets, such as 8 (812) 490-70-33 or +7 495 582 69 00",
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

/// An email address, checked for the shape `local@domain.tld`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let address = text.trim();
        let valid = address.split_once('@').is_some_and(|(local, domain)| {
            let label_ok = |label: &str| {
                !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            };
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && !local.contains(['@', '<', '>', '"', ','])
                && domain.contains('.')
                && domain.split('.').all(label_ok)
        });
        if !valid {
            return Err(ParseError::new(
                format!("`{text}` is not an email address"),
                "an email address looks like name@school.ru",
            ));
        }
        Ok(Email(address.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An absolute http(s) address; a bare `www.example.ru` gets `http://`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebUrl {
    href: String,
    display: String,
}

impl WebUrl {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let text = text.trim();
        let bad = || {
            ParseError::new(
                format!("`{text}` is not a web address"),
                "write the address of the site, such as https://school.ru or www.school.ru",
            )
        };
        let (href, rest) = match text.split_once("://") {
            Some(("http" | "https", rest)) => (text.to_owned(), rest),
            Some(_) => return Err(bad()),
            None => (format!("http://{text}"), text),
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.contains('.')
            || host.contains(char::is_whitespace)
            || host.starts_with('.')
            || host.ends_with('.')
        {
            return Err(bad());
        }
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
                format!("`{text}` is not an audience"),
                "write \"staff\" or \"parents\"",
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
                format!("`{text}` is not a supported language"),
                "write \"ru\" or \"en\"",
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
    text.parse().map_err(|_| {
        ParseError::new(
            format!("`{text}` is not an IANA time zone"),
            "write a zone name such as Europe/Moscow, Asia/Krasnoyarsk or Asia/Yekaterinburg",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn web_url_adds_scheme_to_bare_host() {
        let url = WebUrl::parse("www.skola-27.ru").unwrap();
        assert_eq!(url.href(), "http://www.skola-27.ru");
        assert_eq!(url.display(), "www.skola-27.ru");
        assert!(WebUrl::parse("ftp://x.ru").is_err());
        assert!(WebUrl::parse("localhost").is_err());
    }
}
