//! The weekly slots of a school built from TOML text, expanded into sessions: vacations,
//! holidays and exceptions applied.

use chrono::NaiveDate;

use super::{SessionSource, sessions};
use crate::testing::{SCHOOL, site};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn dates_of(toml: &str, slot: usize) -> Vec<NaiveDate> {
    let site = site(toml);
    sessions(&site.school, &site.production_calendar)
        .into_iter()
        .filter(|s| matches!(s.source, SessionSource::Slot { index, .. } if index == slot))
        .map(|s| s.date)
        .collect()
}

/// The sample school with the Tuesday slot named `tue` and `exceptions` added.
fn with_exceptions(exceptions: &str) -> String {
    let named = SCHOOL.replacen(
        "weekday = \"tuesday\"",
        "id = \"tue\"\nweekday = \"tuesday\"",
        1,
    );
    format!("{named}\n{exceptions}")
}

#[test]
fn every_tuesday_of_the_year_but_the_vacation() {
    // 2026-09-01 is a Tuesday; the autumn vacation (26–31 October) takes the 27th.
    let expected: Vec<NaiveDate> = [(9, 1), (9, 8), (9, 15), (9, 22), (9, 29)]
        .into_iter()
        .chain([(10, 6), (10, 13), (10, 20)])
        .map(|(m, d)| date(m, d))
        .collect();
    assert_eq!(dates_of(SCHOOL, 0), expected);
}

#[test]
fn sessions_come_sorted_by_date_across_slots() {
    let site = site(SCHOOL);
    let all = sessions(&site.school, &site.production_calendar);
    assert_eq!(all.len(), 16, "8 Tuesdays and 8 Thursdays");
    assert!(all.windows(2).all(|pair| pair[0].date <= pair[1].date));
    assert_eq!(all[1].date, date(9, 3));
}

#[test]
fn a_public_holiday_takes_the_session() {
    // 4 November 2026 (Wednesday) is Unity Day in content/calendar/ru-2026.toml.
    let toml = SCHOOL
        .replace(
            "end = 2026-10-31\n\n[[school_year",
            "end = 2026-11-30\n\n[[school_year",
        )
        .replace("weekday = \"thursday\"", "weekday = \"wednesday\"");
    let wednesdays = dates_of(&toml, 1);
    assert!(wednesdays.contains(&date(11, 11)), "{wednesdays:?}");
    assert!(!wednesdays.contains(&date(11, 4)), "{wednesdays:?}");
}

#[test]
fn a_cancelled_session_is_left_out_and_a_moved_one_marked() {
    let toml = with_exceptions(
        "[[schedule.exceptions]]\nslot = \"tue\"\ndate = 2026-09-08\ncancelled = true\n\n\
         [[schedule.exceptions]]\nslot = \"tue\"\ndate = 2026-09-15\nmoved = { date = 2026-09-16, time = \"16:00-17:00\" }\n",
    );
    let site = site(&toml);
    let tuesday: Vec<_> = sessions(&site.school, &site.production_calendar)
        .into_iter()
        .filter(|s| matches!(s.source, SessionSource::Slot { index: 0, .. }))
        .collect();
    let dates: Vec<NaiveDate> = tuesday.iter().map(|s| s.date).collect();
    assert!(!dates.contains(&date(9, 8)), "{dates:?}");
    assert!(!dates.contains(&date(9, 15)), "{dates:?}");
    let moved = tuesday.iter().find(|s| s.date == date(9, 16)).unwrap();
    assert_eq!(
        moved.source,
        SessionSource::Slot {
            index: 0,
            moved: true
        }
    );
    assert_eq!(moved.time.to_string(), "16:00–17:00");
    assert_eq!(
        moved.place.as_deref(),
        Some("кабинет 12"),
        "the place is kept"
    );
}
