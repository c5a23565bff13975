//! Response times as schools write them: «в течение одного дня», «в течение суток», or a table.
//!
//! The typed value (`ResponseTime`) serves feeds and structured data; the wording keeps what the
//! school's regulation says, so the pages never turn «одного дня» into «1 дня».

use super::text::shown;
use super::types::ResponseTime;
use crate::data::school::{RawResponse, RawResponseTable};
use crate::diagnostic::ParseError;
use crate::locale::t;

/// A response time and how the school words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub time: ResponseTime,
    pub wording: Wording,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    /// The standard wording with digits: «в течение 7 дней».
    Digits,
    /// The standard wording with the number in words: «в течение одного дня».
    NumberInWords,
    /// The school's own words, which parse to `time`.
    AsWritten(String),
}

/// Numbers the regulations spell out, in the genitive that follows «в течение».
const NUMBERS: [(&str, u32); 10] = [
    ("одного", 1),
    ("двух", 2),
    ("трех", 3),
    ("четырех", 4),
    ("пяти", 5),
    ("шести", 6),
    ("семи", 7),
    ("восьми", 8),
    ("девяти", 9),
    ("десяти", 10),
];

/// Spelled-out numbers go up to ten: beyond that regulations use digits.
pub const MAX_IN_WORDS: u32 = 10;

impl Response {
    pub fn parse(raw: &RawResponse) -> Result<Response, ParseError> {
        match raw {
            RawResponse::Words(text) => Ok(Response {
                time: parse_words(text)?,
                wording: Wording::AsWritten(text.trim().to_owned()),
            }),
            RawResponse::Table(table) => parse_table(table),
        }
    }
}

fn parse_table(raw: &RawResponseTable) -> Result<Response, ParseError> {
    type Make = fn(u32) -> ResponseTime;
    let given: Vec<(i64, Make)> = [
        raw.hours.map(|n| (n, ResponseTime::Hours as Make)),
        raw.days.map(|n| (n, ResponseTime::Days as Make)),
        raw.working_days
            .map(|n| (n, ResponseTime::WorkingDays as Make)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let [(n, make)] = given.as_slice() else {
        return Err(ParseError {
            message: t!("response-one-key"),
            hint: t!("response-one-key-hint"),
        });
    };
    if !(1..=1000).contains(n) {
        return Err(ParseError {
            message: t!("response-number", n = n.to_string()),
            hint: t!("response-number-hint"),
        });
    }
    // In 1..=1000, so it fits.
    let n = u32::try_from(*n).unwrap_or(1000);
    if raw.words && n > MAX_IN_WORDS {
        return Err(ParseError {
            message: t!("response-words", n = n.to_string(), max = MAX_IN_WORDS),
            hint: t!("response-words-hint"),
        });
    }
    Ok(Response {
        time: make(n),
        wording: if raw.words {
            Wording::NumberInWords
        } else {
            Wording::Digits
        },
    })
}

/// «в течение одного дня», «в течение 7 дней», «в течение суток», «в течение 2 рабочих дней».
pub fn parse_words(text: &str) -> Result<ResponseTime, ParseError> {
    let normal = text.trim().to_lowercase().replace('ё', "е");
    let words: Vec<&str> = normal.split_whitespace().collect();
    let refuse = || ParseError {
        message: t!("response-text", text = shown(text)),
        hint: t!("response-text-hint"),
    };
    let ["в", "течение", rest @ ..] = words.as_slice() else {
        return Err(refuse());
    };
    let (n, unit) = match rest.split_first() {
        Some((first, unit)) => match number(first) {
            Some(n) => (n, unit),
            None => (1, rest),
        },
        None => (1, rest),
    };
    let time = match unit {
        ["суток"] => ResponseTime::Hours(24 * n),
        ["дня" | "дней"] => ResponseTime::Days(n),
        ["рабочего" | "рабочих", "дня" | "дней"] => {
            ResponseTime::WorkingDays(n)
        }
        ["часа" | "часов"] => ResponseTime::Hours(n),
        _ => return Err(refuse()),
    };
    if (1..=1000).contains(&time.amount()) {
        Ok(time)
    } else {
        Err(refuse())
    }
}

fn number(word: &str) -> Option<u32> {
    if let Some((_, n)) = NUMBERS.iter().find(|(name, _)| *name == word) {
        return Some(*n);
    }
    word.parse().ok().filter(|n| (1..=1000).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_wordings_of_regulations() {
        let cases = [
            ("в течение одного дня", ResponseTime::Days(1)),
            ("в течение суток", ResponseTime::Hours(24)),
            ("в течение 7 дней", ResponseTime::Days(7)),
            ("В течение двух рабочих дней", ResponseTime::WorkingDays(2)),
            ("в течение трёх часов", ResponseTime::Hours(3)),
            ("в течение рабочего дня", ResponseTime::WorkingDays(1)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_words(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for text in [
            "в течение недели",
            "7 дней",
            "в течение 0 дней",
            "в течение семи лет",
        ] {
            let error = parse_words(text).unwrap_err();
            assert!(error.message.contains("not a response time"), "{text}");
        }
    }

    #[test]
    fn text_keeps_the_school_s_words() {
        let raw = RawResponse::Words("в течение одного дня".into());
        let response = Response::parse(&raw).unwrap();
        assert_eq!(response.time, ResponseTime::Days(1));
        assert_eq!(
            response.wording,
            Wording::AsWritten("в течение одного дня".into())
        );
    }

    #[test]
    fn words_flag_spells_numbers_up_to_ten() {
        let table = |days, words| RawResponseTable {
            hours: None,
            days: Some(days),
            working_days: None,
            words,
        };
        let one = parse_table(&table(1, true)).unwrap();
        assert_eq!(one.wording, Wording::NumberInWords);
        assert!(parse_table(&table(11, true)).is_err());
        assert_eq!(
            parse_table(&table(11, false)).unwrap().wording,
            Wording::Digits
        );
    }
}
