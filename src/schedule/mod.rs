//! School year, production calendar, vacations and exceptions -> concrete sessions.
//! Pure functions: the calendar feeds and the pages are both built from what this returns.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::School;
use crate::model::production_calendar::{ProductionCalendar, RestDay};
use crate::model::school::{Change, SchoolYear, Slot, WorkingWeekendRule};
use crate::model::types::{Audience, TimeRange};
use crate::model::weekdays::Weekdays;

/// Why no office hours take place on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure<'a> {
    Holiday(&'a str),
    DayOff,
    Vacation(&'a str),
}

/// The reason `date` has no office hours, if any.
pub fn closure<'a>(
    date: NaiveDate,
    year: &'a SchoolYear,
    calendar: &'a ProductionCalendar,
) -> Option<Closure<'a>> {
    if let Some(rest) = calendar.rest_reason(date) {
        return Some(match rest {
            RestDay::Holiday(name) => Closure::Holiday(name),
            RestDay::DayOff => Closure::DayOff,
        });
    }
    year.vacation(date).map(|v| Closure::Vacation(&v.name))
}

/// A weekly slot over the school year, in the shape of one recurring calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotSeries {
    /// Index into `School::schedule.slots`.
    pub slot: usize,
    /// The first session that takes place (DTSTART): always on one of the slot's days.
    pub first: NaiveDate,
    /// The last day of the school year (UNTIL).
    pub until: NaiveDate,
    /// Regular dates after `first` without a session (EXDATE): rest days, vacations, cancellations.
    pub excluded: Vec<NaiveDate>,
    /// Sessions held at another date, time or place (RECURRENCE-ID overrides).
    pub moved: Vec<MovedSession>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedSession {
    /// The regular date this session replaces.
    pub original: NaiveDate,
    pub date: NaiveDate,
    pub time: TimeRange,
    /// `None` when neither the slot nor the change names a place.
    pub place: Option<String>,
    pub note: Option<String>,
}

/// What happens on one regular date of a slot.
enum Fate {
    Held,
    Excluded,
    Moved(MovedSession),
}

/// The series of slot `index`, or `None` when no session of it takes place in the school year.
pub fn slot_series(
    school: &School,
    index: usize,
    year: &SchoolYear,
    calendar: &ProductionCalendar,
) -> Option<SlotSeries> {
    let slot = &school.schedule.slots[index];
    let mut first = None;
    let mut excluded = Vec::new();
    let mut moved = Vec::new();
    for date in slot_dates(year, slot.weekdays) {
        match fate(school, index, date, year, calendar) {
            Fate::Held => {}
            Fate::Excluded if first.is_some() => excluded.push(date),
            Fate::Excluded => continue,
            Fate::Moved(session) => moved.push(session),
        }
        first.get_or_insert(date);
    }
    Some(SlotSeries {
        slot: index,
        first: first?,
        until: year.end,
        excluded,
        moved,
    })
}

/// Every date of the school year that falls on one of `days`, in order.
pub fn slot_dates(year: &SchoolYear, days: Weekdays) -> impl Iterator<Item = NaiveDate> + '_ {
    let offset = (0..7)
        .find(|n| days.contains_chrono((year.start + Duration::days(*n)).weekday()))
        .unwrap_or(0);
    let first = year.start + Duration::days(offset);
    std::iter::successors(Some(first), chrono::NaiveDate::succ_opt)
        .take_while(move |d| *d <= year.end)
        .filter(move |d| days.contains_chrono(d.weekday()))
}

fn fate(
    school: &School,
    index: usize,
    date: NaiveDate,
    year: &SchoolYear,
    calendar: &ProductionCalendar,
) -> Fate {
    let slot = &school.schedule.slots[index];
    let exception = school.schedule.exception(index, date);
    if let Some(exception) = exception {
        return match &exception.change {
            Change::Cancelled => Fate::Excluded,
            Change::Moved {
                date: to,
                time,
                place,
            } => Fate::Moved(MovedSession {
                original: date,
                date: to.unwrap_or(date),
                time: time.unwrap_or(slot.time),
                place: place.clone().or_else(|| slot.place.clone()),
                note: exception.note.clone(),
            }),
        };
    }
    if closure(date, year, calendar).is_none() {
        return Fate::Held;
    }
    match replacing_weekend(date, year, calendar) {
        Some(weekend) => Fate::Moved(MovedSession {
            original: date,
            date: weekend,
            time: slot.time,
            place: slot.place.clone(),
            note: None,
        }),
        None => Fate::Excluded,
    }
}

/// The working weekend that takes over `date`'s office hours, when the school chose that rule.
fn replacing_weekend(
    date: NaiveDate,
    year: &SchoolYear,
    calendar: &ProductionCalendar,
) -> Option<NaiveDate> {
    if year.working_weekends != WorkingWeekendRule::ReplacedDay {
        return None;
    }
    calendar
        .working_weekends
        .iter()
        .find(|(weekend, replaced)| {
            **replaced == date && (year.start..=year.end).contains(*weekend)
        })
        .map(|(weekend, _)| *weekend)
        .filter(|weekend| closure(*weekend, year, calendar).is_none())
}

/// One concrete session: a slot's regular or moved session, or a one-off event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub date: NaiveDate,
    pub time: TimeRange,
    pub place: Option<String>,
    pub consultant: Option<usize>,
    /// Empty means everyone.
    pub audiences: Vec<Audience>,
    pub source: SessionSource,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionSource {
    /// A weekly slot (index); `moved` when held at another date, time or place.
    Slot { index: usize, moved: bool },
    /// A one-off event (index into `School::events`).
    Event(usize),
}

/// Where a date stands among the school years: what the pages say about the weekly office hours.
#[derive(Debug, Clone, Copy)]
pub enum YearState<'a> {
    /// The school describes no school year.
    Unknown,
    /// The date falls in this school year.
    Current(&'a SchoolYear),
    /// Before the next school year: in the summer after `ended`, or before the first year.
    Upcoming {
        ended: Option<&'a SchoolYear>,
        next: &'a SchoolYear,
    },
    /// After the last school year the school describes: the next one is not published yet.
    Ended(&'a SchoolYear),
}

impl<'a> YearState<'a> {
    /// The school year whose weekly office hours the pages show.
    pub fn shown(self) -> Option<&'a SchoolYear> {
        match self {
            YearState::Unknown => None,
            YearState::Current(year) | YearState::Ended(year) => Some(year),
            YearState::Upcoming { next, .. } => Some(next),
        }
    }
}

/// Whether a weekly slot is held in the school year the pages show on `date` (every slot is,
/// without a school year): the table, the cards and the structured data list only those.
pub fn shown_on(school: &School, date: NaiveDate) -> impl Fn(&Slot) -> bool + '_ {
    let year = year_state(&school.school_years, date).shown();
    let held = year.and_then(|y| y.slots.as_ref());
    move |slot: &Slot| {
        held.is_none_or(|held| {
            held.iter().any(|i| {
                school
                    .schedule
                    .slots
                    .get(*i)
                    .is_some_and(|s| s.id == slot.id)
            })
        })
    }
}

/// The state of `today` among `years` (in order, none overlapping).
pub fn year_state(years: &[SchoolYear], today: NaiveDate) -> YearState<'_> {
    if let Some(year) = years.iter().find(|y| y.contains(today)) {
        return YearState::Current(year);
    }
    match years.iter().position(|y| y.start > today) {
        Some(i) => YearState::Upcoming {
            ended: i.checked_sub(1).and_then(|p| years.get(p)),
            next: &years[i],
        },
        None => years.last().map_or(YearState::Unknown, YearState::Ended),
    }
}

/// Every session of the school years, sorted by date and time. Without a school year, only events.
pub fn sessions(school: &School, calendar: &ProductionCalendar) -> Vec<Session> {
    let mut all: Vec<Session> = school
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| event_session(i, e))
        .collect();
    for year in &school.school_years {
        for index in (0..school.schedule.slots.len()).filter(|i| year.holds(*i)) {
            if let Some(series) = slot_series(school, index, year, calendar) {
                all.extend(series_sessions(school, &series, year));
            }
        }
    }
    all.sort_by(|a, b| (a.date, a.time, &a.place).cmp(&(b.date, b.time, &b.place)));
    all
}

fn event_session(index: usize, event: &crate::model::school::Event) -> Session {
    Session {
        date: event.date,
        time: event.time,
        place: Some(event.place.clone()),
        consultant: event.consultant,
        audiences: event.audiences.clone(),
        source: SessionSource::Event(index),
        note: event.note.clone(),
    }
}

fn series_sessions<'a>(
    school: &'a School,
    series: &'a SlotSeries,
    year: &'a SchoolYear,
) -> impl Iterator<Item = Session> + 'a {
    let slot = &school.schedule.slots[series.slot];
    // Dates without their regular session, in a set: a search of both lists per week was
    // quadratic in the weeks of the year, for every slot.
    let skipped: HashSet<NaiveDate> = series
        .excluded
        .iter()
        .copied()
        .chain(series.moved.iter().map(|m| m.original))
        .collect();
    let regular = slot_dates(year, slot.weekdays)
        .filter(move |d| *d >= series.first && !skipped.contains(d))
        .map(move |date| Session {
            date,
            time: slot.time,
            place: slot.place.clone(),
            consultant: Some(slot.consultant),
            audiences: slot.audiences.clone(),
            source: SessionSource::Slot {
                index: series.slot,
                moved: false,
            },
            note: None,
        });
    let moved = series.moved.iter().map(move |m| Session {
        date: m.date,
        time: m.time,
        place: m.place.clone(),
        consultant: Some(slot.consultant),
        audiences: slot.audiences.clone(),
        source: SessionSource::Slot {
            index: series.slot,
            moved: true,
        },
        note: m.note.clone(),
    });
    regular.chain(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::school::WorkingWeekendRule;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn year(from: (i32, u32, u32), to: (i32, u32, u32)) -> SchoolYear {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        SchoolYear::new(
            (day(from), day(to)),
            WorkingWeekendRule::Skip,
            Vec::new(),
            Vec::new(),
        )
    }

    #[test]
    fn year_state_names_the_current_the_coming_or_the_last_year() {
        let years = [
            year((2025, 9, 1), (2026, 5, 26)),
            year((2026, 9, 1), (2027, 5, 25)),
        ];
        let label = |state: YearState| state.shown().map(SchoolYear::label);
        let on = |y, m, d| year_state(&years, NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert!(matches!(
            on(2025, 8, 1),
            YearState::Upcoming { ended: None, .. }
        ));
        assert_eq!(label(on(2025, 8, 1)).as_deref(), Some("2025/26"));
        assert!(matches!(on(2025, 9, 1), YearState::Current(_)));
        assert!(matches!(on(2026, 5, 26), YearState::Current(_)));
        match on(2026, 5, 27) {
            YearState::Upcoming { ended, next } => {
                assert_eq!(ended.map(SchoolYear::label).as_deref(), Some("2025/26"));
                assert_eq!(next.label(), "2026/27");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(on(2027, 5, 26), YearState::Ended(_)));
        assert_eq!(label(on(2027, 5, 26)).as_deref(), Some("2026/27"));
        assert!(matches!(year_state(&[], date(9, 1)), YearState::Unknown));
    }

    #[test]
    fn a_year_within_one_calendar_year_is_labelled_with_that_year() {
        assert_eq!(year((2026, 1, 12), (2026, 12, 18)).label(), "2026");
        assert_eq!(year((2099, 9, 1), (2100, 5, 25)).label(), "2099/00");
    }

    #[test]
    fn slot_dates_are_every_date_on_any_of_the_days_in_order() {
        // A year that starts on a Wednesday: the first Monday-to-Friday date is that Wednesday.
        let year = SchoolYear::new(
            (date(10, 1), date(10, 14)),
            WorkingWeekendRule::Skip,
            Vec::new(),
            Vec::new(),
        );
        let workdays = Weekdays::parse("пн-пт").unwrap();
        let dates: Vec<NaiveDate> = slot_dates(&year, workdays).collect();
        let expected: Vec<NaiveDate> = [1, 2, 3, 6, 7, 8, 9, 10, 13, 14]
            .into_iter()
            .map(|d| date(10, d))
            .collect();
        assert_eq!(dates, expected);
        let monday: Vec<NaiveDate> = slot_dates(&year, Weekdays::parse("пн").unwrap()).collect();
        assert_eq!(monday, [date(10, 6), date(10, 13)]);
        let sunday: Vec<NaiveDate> = slot_dates(&year, Weekdays::parse("вс").unwrap()).collect();
        assert_eq!(sunday, [date(10, 5), date(10, 12)]);
    }
}

#[cfg(test)]
mod expansion_tests;
