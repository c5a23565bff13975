//! VTIMEZONE components generated from the tz database (RFC 5545 §3.6.5), valid for a window of
//! local dates: the first observance at the window's start, then one per UTC-offset change.

use chrono::{
    DateTime, DurationRound, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

use super::ics::{IcsWriter, local_datetime, utc_offset};

/// Writes a VTIMEZONE for `tz` generated from the tz database, valid for every local time in
/// [from, to]: a first observance at `from` 00:00 local with the offset in force then, and one
/// observance per UTC-offset change inside the window.
pub fn write_vtimezone(w: &mut IcsWriter, tz: Tz, from: NaiveDate, to: NaiveDate) {
    let start = local_midnight(tz, from);
    let end = local_midnight(tz, to.succ_opt().unwrap_or(to));
    w.begin("VTIMEZONE");
    w.text("TZID", &[], tz.name());
    w.text("X-LIC-LOCATION", &[], tz.name());
    let first = offset_at(tz, start);
    write_observance(w, from.and_time(NaiveTime::MIN), seconds(&first), &first);
    for change in offset_changes(tz, start, end) {
        let before = seconds(&offset_at(tz, change - TimeDelta::minutes(1)));
        // DTSTART is the onset in the wall time of the offset that ends there (RFC 5545 §3.6.5).
        let onset = change.naive_utc() + TimeDelta::seconds(before.into());
        write_observance(w, onset, before, &offset_at(tz, change));
    }
    w.end("VTIMEZONE");
}

/// One STANDARD or DAYLIGHT sub-component, chosen by whether `to` has a daylight-saving part.
fn write_observance(w: &mut IcsWriter, onset: NaiveDateTime, from: i32, to: &TzOffset) {
    let kind = if to.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    w.begin(kind);
    w.raw("DTSTART", &[], &local_datetime(onset));
    w.raw("TZOFFSETFROM", &[], &utc_offset(from));
    w.raw("TZOFFSETTO", &[], &utc_offset(seconds(to)));
    w.text("TZNAME", &[], &abbreviation(to));
    w.end(kind);
}

/// The zone abbreviation: "MSK", "CET", or "+07". chrono-tz keeps only the alphabetic ones; the tz
/// database writes the rest as the offset, `+hh[mm[ss]]`.
fn abbreviation(offset: &TzOffset) -> String {
    if let Some(name) = offset.abbreviation() {
        return name.to_owned();
    }
    let total = seconds(offset);
    if total % 3600 == 0 {
        format!(
            "{}{:02}",
            if total < 0 { '-' } else { '+' },
            total.unsigned_abs() / 3600
        )
    } else {
        utc_offset(total)
    }
}

/// The instant of `date` 00:00 in `tz` (the earlier one if the clocks went back over midnight).
fn local_midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    if let Some(t) = tz.from_local_datetime(&midnight).earliest() {
        return t.with_timezone(&Utc);
    }
    // Midnight was skipped: the day starts when the gap ends, i.e. at midnight read with the offset
    // in force before the jump.
    let before = seconds(&offset_at(tz, midnight.and_utc() - TimeDelta::days(1)));
    midnight.and_utc() - TimeDelta::seconds(before.into())
}

/// Instants in (start, end] at which the UTC offset of `tz` changes, to the minute.
fn offset_changes(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    // Offsets change at most a few times a year, so step by days and bisect to the minute.
    let mut changes = Vec::new();
    let mut prev = start;
    let mut prev_offset = seconds(&offset_at(tz, start));
    while prev < end {
        let next = (prev + TimeDelta::days(1)).min(end);
        if seconds(&offset_at(tz, next)) == prev_offset {
            prev = next;
            continue;
        }
        let change = first_minute_with_other_offset(tz, prev, next, prev_offset);
        changes.push(change);
        prev = change;
        prev_offset = seconds(&offset_at(tz, change));
    }
    changes
}

/// The first whole minute after `lo` at which `tz` no longer has `offset` (it has at `lo`, not
/// at `hi`). Neither need be a whole minute: a window starts at a local midnight, which inside an
/// offset with seconds (Monrovia's -0:44:30 until 1972) falls inside a minute, and so do all the
/// day steps after it; truncating such an `hi` gave a minute still in the old offset, and a
/// VTIMEZONE observance that changed nothing (found by the `ics` fuzz target).
fn first_minute_with_other_offset(
    tz: Tz,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
    offset: i32,
) -> DateTime<Utc> {
    let minute = TimeDelta::minutes(1);
    let floor = |t: DateTime<Utc>| t.duration_trunc(minute).unwrap_or(t);
    // Rounded up, `hi` keeps the new offset: no zone changes its offset twice within a minute.
    let mut hi = if floor(hi) == hi {
        hi
    } else {
        floor(hi) + minute
    };
    let mut lo = lo;
    while hi - lo > minute {
        let mid = floor(lo + (hi - lo) / 2);
        let mid = if mid <= lo { floor(lo) + minute } else { mid };
        if seconds(&offset_at(tz, mid)) == offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> TzOffset {
    tz.offset_from_utc_datetime(&t.naive_utc())
}

/// Total UTC offset in seconds, east positive.
fn seconds(offset: &TzOffset) -> i32 {
    offset.fix().local_minus_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn vtimezone(tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
        let mut w = IcsWriter::new();
        write_vtimezone(&mut w, tz, from, to);
        w.finish()
    }

    #[test]
    fn krasnoyarsk_has_one_observance() {
        let doc = vtimezone(
            chrono_tz::Asia::Krasnoyarsk,
            ymd(2025, 9, 1),
            ymd(2026, 5, 31),
        );
        assert_eq!(
            doc,
            "BEGIN:VTIMEZONE\r\n\
             TZID:Asia/Krasnoyarsk\r\n\
             X-LIC-LOCATION:Asia/Krasnoyarsk\r\n\
             BEGIN:STANDARD\r\n\
             DTSTART:20250901T000000\r\n\
             TZOFFSETFROM:+0700\r\n\
             TZOFFSETTO:+0700\r\n\
             TZNAME:+07\r\n\
             END:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn berlin_school_year_has_both_changes() {
        // 1 September is still summer time; clocks go back on 26 October, forward on 29 March.
        let doc = vtimezone(chrono_tz::Europe::Berlin, ymd(2025, 9, 1), ymd(2026, 5, 31));
        let observances = [
            "BEGIN:DAYLIGHT\r\nDTSTART:20250901T000000\r\nTZOFFSETFROM:+0200\r\n\
             TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n",
            "BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\n\
             TZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n",
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\n\
             TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n",
        ];
        let expected = format!(
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\n\
             {}END:VTIMEZONE\r\n",
            observances.concat()
        );
        assert_eq!(doc, expected);
    }

    #[test]
    fn berlin_winter_window_starts_standard() {
        let doc = vtimezone(
            chrono_tz::Europe::Berlin,
            ymd(2025, 11, 1),
            ymd(2026, 5, 31),
        );
        assert!(
            doc.contains("BEGIN:STANDARD\r\nDTSTART:20251101T000000\r\nTZOFFSETFROM:+0100\r\n")
        );
        assert!(doc.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        ));
        assert_eq!(doc.matches("BEGIN:STANDARD").count(), 1);
        assert_eq!(doc.matches("BEGIN:DAYLIGHT").count(), 1);
    }

    #[test]
    fn offset_change_with_minutes_is_found_to_the_minute() {
        // Lord Howe Island moves its clocks by 30 minutes, at 02:00 local on 5 October 2025.
        let doc = vtimezone(
            chrono_tz::Australia::Lord_Howe,
            ymd(2025, 9, 1),
            ymd(2025, 12, 31),
        );
        assert!(
            doc.contains("DTSTART:20251005T020000\r\nTZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100\r\n")
        );
    }

    #[test]
    fn offset_change_inside_a_minute_is_written_at_the_next_minute() {
        // Monrovia left -0:44:30 for UTC at 00:44:30 UTC on 7 January 1972; the window starts at
        // a local midnight, which is not a whole minute in UTC.
        let doc = vtimezone(
            chrono_tz::Africa::Monrovia,
            ymd(1971, 12, 1),
            ymd(1972, 2, 1),
        );
        assert!(
            doc.contains("DTSTART:19720107T000030\r\nTZOFFSETFROM:-004430\r\nTZOFFSETTO:+0000\r\n"),
            "{doc}"
        );
        assert_eq!(doc.matches("BEGIN:STANDARD").count(), 2, "{doc}");
    }

    #[test]
    fn numeric_abbreviations_follow_the_tz_database() {
        let at = |tz: Tz| {
            abbreviation(&offset_at(
                tz,
                ymd(2025, 9, 1).and_hms_opt(0, 0, 0).unwrap().and_utc(),
            ))
        };
        assert_eq!(at(chrono_tz::Asia::Krasnoyarsk), "+07");
        assert_eq!(at(chrono_tz::Europe::Moscow), "MSK");
        assert_eq!(at(chrono_tz::America::Sao_Paulo), "-03");
        assert_eq!(at(chrono_tz::Asia::Kathmandu), "+0545");
    }
}
