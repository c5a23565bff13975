//! The Russian production calendar: public holidays, transferred days off and working weekends.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::{check_texts, parse_date};
use crate::data::production_calendar::RawCalendarYear;
use crate::diagnostic::{Collector, FieldPath};
use crate::locale::t;

/// Why a weekday is not worked, or which day a working weekend stands in for.
#[derive(Debug, Clone, Default)]
pub struct ProductionCalendar {
    /// Years with data, and whether their transfers are complete.
    pub years: BTreeMap<i32, CalendarYearInfo>,
    pub holidays: BTreeMap<NaiveDate, String>,
    /// Weekdays off that are not holidays themselves (transfers, art. 112 moves).
    pub days_off: BTreeSet<NaiveDate>,
    /// Working Saturdays and Sundays -> the weekday whose rest moved away.
    pub working_weekends: BTreeMap<NaiveDate, NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct CalendarYearInfo {
    pub complete: bool,
    pub source: String,
}

impl ProductionCalendar {
    /// Add one year of data, reporting dates outside that year.
    pub fn add_year(&mut self, raw: &RawCalendarYear, report: &mut Collector) {
        let root = FieldPath::root();
        let year = raw.year;
        if !YEARS.contains(&year) {
            report.report(
                &root.key("year"),
                t!("calendar-year", year = year.to_string()),
                t!(
                    "calendar-year-hint",
                    from = YEARS.start().to_string(),
                    to = YEARS.end().to_string()
                ),
            );
            return;
        }
        let lines = [
            ("source", Some(raw.source.as_str())),
            ("decree", raw.decree.as_deref()),
        ];
        check_texts(report, &root, &lines, &[]);
        for (i, holiday) in raw.holidays.iter().enumerate() {
            let at = root.key("holidays").index(i);
            // A bad name is reported; the date still counts, so the working-day total does not
            // add a second, misleading problem.
            check_texts(report, &at, &[("name", Some(&holiday.name))], &[]);
            if let Some(date) = date_in_year(report, year, &at.key("date"), &holiday.date) {
                self.holidays.insert(date, holiday.name.clone());
            }
        }
        for (i, day) in raw.days_off.iter().enumerate() {
            if let Some(date) = date_in_year(
                report,
                year,
                &root.key("days_off").index(i).key("date"),
                &day.date,
            ) {
                self.days_off.insert(date);
            }
        }
        for (i, day) in raw.working_weekends.iter().enumerate() {
            let at = root.key("working_weekends").index(i);
            let date = date_in_year(report, year, &at.key("date"), &day.date);
            let replaces = report.parse(&at.key("replaces"), parse_date(&day.replaces));
            if let (Some(date), Some(replaces)) = (date, replaces) {
                self.working_weekends.insert(date, replaces);
            }
        }
        if let Some(expected) = raw.working_days {
            let counted = self.working_days(year);
            if counted != expected {
                report.report(
                    &root.key("working_days"),
                    t!(
                        "calendar-working-days",
                        counted = counted,
                        year = year.to_string(),
                        expected = expected
                    ),
                    t!("calendar-working-days-hint"),
                );
            }
        }
        let info = CalendarYearInfo {
            complete: raw.complete,
            source: raw.source.clone(),
        };
        self.years.insert(raw.year, info);
    }

    /// The reason `date` is not a working day, if it is a holiday or a weekday off.
    pub fn rest_reason(&self, date: NaiveDate) -> Option<RestDay<'_>> {
        if let Some(name) = self.holidays.get(&date) {
            return Some(RestDay::Holiday(name));
        }
        self.days_off.contains(&date).then_some(RestDay::DayOff)
    }

    /// Working days (Mon–Fri, minus holidays and days off, plus working weekends) in a year.
    pub fn working_days(&self, year: i32) -> u32 {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let days = first.into_iter().flat_map(|first| first.iter_days());
        let worked = days.take_while(|day| day.year() == year).filter(|day| {
            let weekday = day.weekday().number_from_monday() <= 5;
            (weekday && self.rest_reason(*day).is_none()) || self.working_weekends.contains_key(day)
        });
        // At most 366 days, so the count fits.
        u32::try_from(worked.count()).unwrap_or(u32::MAX)
    }
}

fn date_in_year(
    report: &mut Collector,
    year: i32,
    field: &FieldPath,
    raw: &toml::value::Datetime,
) -> Option<NaiveDate> {
    let date = report.parse(field, parse_date(raw))?;
    if date.year() != year {
        report.report(
            field,
            t!(
                "calendar-date-year",
                date = date.to_string(),
                year = year.to_string()
            ),
            t!("calendar-date-year-hint"),
        );
        return None;
    }
    Some(date)
}

/// Years a calendar file may describe: wide enough for any school, narrow enough that every date
/// arithmetic on them stays inside chrono's range.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// Why a day is not worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestDay<'a> {
    Holiday(&'a str),
    DayOff,
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::data::production_calendar::RawCalendarYear;
    use crate::diagnostic::{Problem, SourceFile};

    fn add(text: &str) -> (ProductionCalendar, Vec<Problem>) {
        let raw: RawCalendarYear = toml::from_str(text).unwrap();
        let file = Arc::new(SourceFile::new("content/calendar/ru-x.toml", text));
        let mut problems = Vec::new();
        let mut calendar = ProductionCalendar::default();
        calendar.add_year(&raw, &mut Collector::new(&file, &mut problems));
        (calendar, problems)
    }

    #[test]
    fn a_year_outside_the_range_is_a_problem_not_a_panic() {
        // Each used to reach an `expect` on the raw year (exit 101 from `spravka check`).
        for year in ["300000", "-300000", "2147483647"] {
            let text = format!(
                "year = {year}\ncomplete = true\nsource = \"x\"\nworking_days = 247\n\
                 holidays = [{{ date = 2027-01-01, name = \"Новый год\" }}]\n"
            );
            let (calendar, problems) = add(&text);
            assert_eq!(problems.len(), 1, "{year}: {problems:?}");
            assert!(
                problems[0]
                    .message
                    .contains("is not a year of the production calendar"),
                "{}",
                problems[0].message
            );
            assert!(calendar.holidays.is_empty(), "nothing of the file is kept");
        }
    }
}
