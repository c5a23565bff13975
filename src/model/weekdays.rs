//! The days of the week a slot meets on, as schools write them: one day, a range («пн-пт»,
//! «понедельник–пятница»), a list («пн, ср, пт») or a mix («пн-ср, пт»).

use super::text::{check_strict, shown};
use super::types::Weekday;
use crate::diagnostic::ParseError;
use crate::locale::t;

/// A non-empty set of weekdays, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weekdays {
    /// Bit `i` is `Weekday::ALL[i]`.
    bits: u8,
}

/// How to write days, for every hint.
/// How days are written, the hint of every mistake in them.
fn how() -> String {
    t!("days-how")
}

impl Weekdays {
    pub fn one(day: Weekday) -> Weekdays {
        Weekdays {
            bits: 1 << day.index(),
        }
    }

    /// Days written in one string: `"пн-пт"`, `"понедельник–пятница"`, `"пн, ср, пт"`, `"пн и ср"`.
    pub fn parse(text: &str) -> Result<Weekdays, ParseError> {
        check_strict("list of days", text)?;
        let mut days = Weekdays { bits: 0 };
        for part in text.split([',', ';']).flat_map(|p| p.split(" и ")) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let found = parse_part(part).map_err(|e| in_context(e, part, text))?;
            if let Some(twice) = (found.bits & days.bits).checked_ilog2() {
                return Err(ParseError {
                    message: t!(
                        "days-twice",
                        day = Weekday::ALL[twice as usize].word(),
                        text = shown(text)
                    ),
                    hint: t!("days-once-hint"),
                });
            }
            days.bits |= found.bits;
        }
        days.non_empty(text)
    }

    /// The union of days written as a list of strings (`["пн-ср", "пт"]`); each part may be a
    /// range or a list itself. An error names the index of the part it is in.
    pub fn parse_list(parts: &[String]) -> Result<Weekdays, (Option<usize>, ParseError)> {
        let mut days = Weekdays { bits: 0 };
        for (i, part) in parts.iter().enumerate() {
            let found = Weekdays::parse(part).map_err(|e| (Some(i), e))?;
            if let Some(twice) = (found.bits & days.bits).checked_ilog2() {
                let error = ParseError {
                    message: t!("days-already", day = Weekday::ALL[twice as usize].word()),
                    hint: t!("days-once-hint"),
                };
                return Err((Some(i), error));
            }
            days.bits |= found.bits;
        }
        days.non_empty("").map_err(|e| (None, e))
    }

    fn non_empty(self, text: &str) -> Result<Weekdays, ParseError> {
        if self.bits == 0 {
            let message = match text.trim() {
                "" => t!("days-none"),
                _ => t!("days-none-in", text = shown(text)),
            };
            return Err(ParseError {
                message,
                hint: how(),
            });
        }
        Ok(self)
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.bits & (1 << day.index()) != 0
    }

    pub fn contains_chrono(self, day: chrono::Weekday) -> bool {
        self.bits & (1 << day.num_days_from_monday()) != 0
    }

    /// The days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        Weekday::ALL.into_iter().filter(move |d| self.contains(*d))
    }

    /// The earliest day of the week in the set, for sorting slots.
    pub fn first(self) -> Weekday {
        self.iter().next().unwrap_or(Weekday::Monday)
    }

    /// The days as runs of consecutive days, Monday first: Mon–Wed, Fri is `[(Mon, Wed), (Fri, Fri)]`.
    pub fn runs(self) -> Vec<(Weekday, Weekday)> {
        let mut runs: Vec<(Weekday, Weekday)> = Vec::new();
        for day in self.iter() {
            match runs.last_mut() {
                Some((_, last)) if last.index() + 1 == day.index() => *last = day,
                _ => runs.push((day, day)),
            }
        }
        runs
    }

    /// The days for a slot id: `monday`, `monday-wednesday-friday`, `monday-to-friday`; a run
    /// of three or more days is written `<first>-to-<last>`, so one set has one key.
    pub fn key(self) -> String {
        let parts: Vec<String> = (self.runs().into_iter())
            .flat_map(|(from, to)| match to.index() - from.index() {
                0 => vec![from.key().to_owned()],
                1 => vec![from.key().to_owned(), to.key().to_owned()],
                _ => vec![format!("{}-to-{}", from.key(), to.key())],
            })
            .collect();
        parts.join("-")
    }
}

/// One day or one range of days.
fn parse_part(part: &str) -> Result<Weekdays, ParseError> {
    let day = |text: &str| {
        Weekday::parse(text).map_err(|e| ParseError {
            message: e.message,
            hint: how(),
        })
    };
    let Some((from, to)) = part.split_once(['-', '–', '—']) else {
        return day(part).map(Weekdays::one);
    };
    let (from, to) = (day(from.trim())?, day(to.trim())?);
    if to < from {
        return Err(ParseError {
            message: t!("days-backwards", text = shown(part)),
            hint: t!("days-backwards-hint"),
        });
    }
    let bits = (from.index()..=to.index()).fold(0, |bits, i| bits | 1 << i);
    Ok(Weekdays { bits })
}

/// A part's error, naming the whole value when the part is only a piece of it.
fn in_context(error: ParseError, part: &str, text: &str) -> ParseError {
    if part == text.trim() {
        return error;
    }
    ParseError {
        message: t!(
            "days-in-context",
            message = error.message,
            text = shown(text)
        ),
        hint: error.hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    fn days(text: &str) -> Vec<Weekday> {
        Weekdays::parse(text).unwrap().iter().collect()
    }

    #[test]
    fn ranges_lists_and_names_in_both_languages() {
        let workdays = [Monday, Tuesday, Wednesday, Thursday, Friday];
        for text in [
            "пн-пт",
            "Пн–Пт",
            "понедельник–пятница",
            "понедельник — пятница",
            "monday-friday",
            "mon - fri",
        ] {
            assert_eq!(days(text), workdays, "{text}");
        }
        assert_eq!(days("пн, ср, пт"), [Monday, Wednesday, Friday]);
        assert_eq!(days("понедельник и среда"), [Monday, Wednesday]);
        assert_eq!(days("пн-ср, пт"), [Monday, Tuesday, Wednesday, Friday]);
        assert_eq!(days("четверг"), [Thursday]);
        assert_eq!(days("сб-сб"), [Saturday]);
    }

    #[test]
    fn lists_of_strings_join_their_parts() {
        let list = |parts: &[&str]| {
            let parts: Vec<String> = parts.iter().map(std::string::ToString::to_string).collect();
            Weekdays::parse_list(&parts)
        };
        let found = list(&["monday", "wednesday"]).unwrap();
        assert_eq!(found.iter().collect::<Vec<_>>(), [Monday, Wednesday]);
        assert_eq!(
            list(&["пн-ср", "пт"]).unwrap().key(),
            "monday-to-wednesday-friday"
        );
        let (at, error) = list(&["пн", "funday"]).unwrap_err();
        assert_eq!(at, Some(1));
        assert!(error.hint.contains("понедельник"), "{}", error.hint);
        let (at, error) = list(&["пн-пт", "ср"]).unwrap_err();
        assert_eq!(at, Some(1));
        assert!(error.message.contains("wednesday"), "{}", error.message);
        let (at, error) = list(&[]).unwrap_err();
        assert_eq!(at, None);
        assert_eq!(error.message, "no day of the week is given");
    }

    #[test]
    fn mistakes_are_explained() {
        let unknown = Weekdays::parse("пн, пятниза").unwrap_err();
        assert!(unknown.message.contains("`пятниза`"), "{}", unknown.message);
        assert!(
            unknown.message.contains("(in `пн, пятниза`)"),
            "{}",
            unknown.message
        );
        assert!(unknown.hint.contains("пн … вс"), "{}", unknown.hint);
        let backwards = Weekdays::parse("пт-пн").unwrap_err();
        assert!(
            backwards.message.contains("runs backwards"),
            "{}",
            backwards.message
        );
        assert!(backwards.hint.contains("пт-вс, пн"), "{}", backwards.hint);
        let twice = Weekdays::parse("пн-пт, ср").unwrap_err();
        assert!(
            twice.message.contains("wednesday is written twice"),
            "{}",
            twice.message
        );
        assert!(Weekdays::parse("").is_err());
        assert!(Weekdays::parse(" , ").is_err());
        assert!(Weekdays::parse("пн-").is_err());
        assert!(Weekdays::parse("пн\u{200b}-пт").is_err());
    }

    #[test]
    fn keys_name_one_set_one_way() {
        let key = |text: &str| Weekdays::parse(text).unwrap().key();
        assert_eq!(key("monday"), "monday");
        assert_eq!(key("пн-пт"), "monday-to-friday");
        assert_eq!(key("пн, вт, ср, чт, пт"), "monday-to-friday");
        assert_eq!(key("пн, ср, пт"), "monday-wednesday-friday");
        assert_eq!(key("пн-вт"), "monday-tuesday");
        assert_eq!(key("пн-ср, пт-вс"), "monday-to-wednesday-friday-to-sunday");
    }

    #[test]
    fn runs_group_consecutive_days() {
        let runs = Weekdays::parse("пн-ср, пт").unwrap().runs();
        assert_eq!(runs, [(Monday, Wednesday), (Friday, Friday)]);
    }
}
