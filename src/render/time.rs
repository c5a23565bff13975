//! Working hours across time zones: the vendor's hours shown in the school's local time.

use chrono::{NaiveDate, Offset, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::model::types::{TimeOfDay, TimeRange};

/// A time range moved from one zone to another on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    /// The end falls on the day after the start (9:00–21:00 МСК is 13:00–01:00 in Krasnoyarsk).
    pub crosses_midnight: bool,
}

/// Convert `range`, read in `from` on `date`, into wall-clock times in `to`.
pub fn convert(range: TimeRange, from: Tz, to: Tz, date: NaiveDate) -> Converted {
    let moved = |time: TimeOfDay| {
        let local = date.and_time(time.to_chrono());
        let instant = from
            .from_local_datetime(&local)
            .earliest()
            .unwrap_or_else(|| from.from_utc_datetime(&local));
        let there = instant.with_timezone(&to).naive_local();
        #[allow(
            clippy::cast_possible_truncation,
            reason = "an hour is under 24 and a minute under 60"
        )]
        let time = TimeOfDay::from_hm(there.hour() as u16, there.minute() as u16)
            .expect("a wall-clock time is a valid time of day");
        (time, there.date() - date)
    };
    let (start, start_shift) = moved(range.start);
    let (end, end_shift) = moved(range.end);
    Converted {
        start,
        end,
        crosses_midnight: end_shift > start_shift,
    }
}

/// The zone's offset from Moscow in whole hours on `date` (+4 for Krasnoyarsk), as Russians name zones.
pub fn offset_from_moscow(zone: Tz, date: NaiveDate) -> i32 {
    (utc_offset_seconds(zone, date) - utc_offset_seconds(chrono_tz::Europe::Moscow, date)) / 3600
}

/// The zone's UTC offset in seconds at noon on `date`.
pub fn utc_offset_seconds(zone: Tz, date: NaiveDate) -> i32 {
    let noon = date.and_hms_opt(12, 0, 0).expect("noon exists");
    zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()
}

/// `UTC+7`, `UTC+5:30`, `UTC` for an offset in seconds.
pub fn utc_label(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    match (hours, minutes) {
        (0, 0) => "UTC".to_owned(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia, Europe};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 1).unwrap()
    }

    #[test]
    fn moscow_hours_in_krasnoyarsk_cross_midnight() {
        let range = TimeRange::parse("9:00-21:00").unwrap();
        let converted = convert(range, Europe::Moscow, Asia::Krasnoyarsk, date());
        assert_eq!(converted.start.to_string(), "13:00");
        assert_eq!(converted.end.to_string(), "01:00");
        assert!(converted.crosses_midnight);
    }

    #[test]
    fn same_zone_is_unchanged() {
        let range = TimeRange::parse("9:00-18:00").unwrap();
        let converted = convert(range, Europe::Moscow, Europe::Moscow, date());
        assert_eq!(
            (converted.start.to_string(), converted.end.to_string()),
            ("09:00".into(), "18:00".into())
        );
        assert!(!converted.crosses_midnight);
    }

    #[test]
    fn westward_zone_can_start_the_previous_day() {
        let range = TimeRange::parse("1:00-5:00").unwrap();
        let converted = convert(range, Europe::Moscow, Europe::Kaliningrad, date());
        assert_eq!(converted.start.to_string(), "00:00");
        let converted = convert(
            TimeRange::parse("0:30-5:00").unwrap(),
            Europe::Moscow,
            Europe::Kaliningrad,
            date(),
        );
        assert_eq!(converted.start.to_string(), "23:30");
        assert!(converted.crosses_midnight);
    }

    #[test]
    fn offsets_name_zones_the_russian_way() {
        assert_eq!(offset_from_moscow(Asia::Krasnoyarsk, date()), 4);
        assert_eq!(
            utc_label(utc_offset_seconds(Asia::Krasnoyarsk, date())),
            "UTC+7"
        );
        assert_eq!(
            utc_label(utc_offset_seconds(Europe::Moscow, date())),
            "UTC+3"
        );
    }
}
