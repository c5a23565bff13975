//! Target `ics`: the RFC 5545 writer (`render/calendar/ics.rs`, VTIMEZONE from `vtimezone.rs`)
//! fed any text for its TEXT values, parameters and pre-formatted values, any time zone and any
//! dates from 1970 to 2100, then read back: every value round-trips exactly, the lines are well-formed (see
//! [`super::icsdoc`]), the VTIMEZONE agrees with the tz database and `icalendar` parses it all.
//!
//! Input: fields separated by the octet 0xFF (never part of UTF-8). The first field holds the
//! numbers (zero-padded), each further one a text (invalid UTF-8 replaced), five per VEVENT.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};
use spravka::internals::ics::{self, IcsWriter};
use spravka::internals::write_vtimezone;

use super::icsdoc::{self, Property};

/// Texts that make one VEVENT: summary, description, location, organizer name, a raw value.
const TEXTS_PER_EVENT: usize = 5;
/// Enough events for any interplay, few enough to stay fast.
const MAX_EVENTS: usize = 8;
/// The window's length in days is up to 4 × 255: a school year or three.
const DAYS_PER_STEP: i64 = 4;

/// The decoded input.
#[derive(Debug)]
struct Input {
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
    start: NaiveDateTime,
    minutes: i64,
    dtstamp: DateTime<Utc>,
    texts: Vec<String>,
}

impl Input {
    fn decode(bytes: &[u8]) -> Input {
        let mut fields = bytes.split(|&b| b == 0xFF);
        let mut numbers = [0u8; 12];
        let head = fields.next().unwrap_or_default();
        let used = head.len().min(numbers.len());
        numbers[..used].copy_from_slice(&head[..used]);
        let u16_at = |i: usize| u16::from_le_bytes([numbers[i], numbers[i + 1]]);
        let tz = TZ_VARIANTS[usize::from(u16_at(0)) % TZ_VARIANTS.len()];
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let span_days =
            (NaiveDate::from_ymd_opt(2100, 1, 1).unwrap_or_default() - epoch).num_days();
        let from = epoch + TimeDelta::days(i64::from(u16_at(2)) % span_days);
        let to = from + TimeDelta::days(i64::from(numbers[4]) * DAYS_PER_STEP);
        let window_minutes = ((to - from).num_days() + 1) * 24 * 60;
        let start = from.and_time(chrono::NaiveTime::MIN)
            + TimeDelta::minutes(i64::from(u16_at(5)) * 17 % window_minutes);
        let seconds = u32::from_le_bytes([numbers[8], numbers[9], numbers[10], numbers[11]]);
        Input {
            tz,
            from,
            to,
            start,
            minutes: i64::from(numbers[7]) * 5,
            dtstamp: DateTime::from_timestamp(i64::from(seconds), 0).unwrap_or_default(),
            texts: fields
                .map(|field| String::from_utf8_lossy(field).into_owned())
                .take(TEXTS_PER_EVENT * MAX_EVENTS)
                .collect(),
        }
    }
}

/// What a property must read back as.
#[derive(Debug)]
struct Expected {
    name: &'static str,
    params: Vec<(&'static str, String)>,
    value: String,
    text: bool,
}

/// Write the calendar of `bytes` and check that it reads back as written.
pub fn check(bytes: &[u8]) {
    let input = Input::decode(bytes);
    let mut vtimezone = IcsWriter::new();
    write_vtimezone(&mut vtimezone, input.tz, input.from, input.to);
    let vtimezone = vtimezone.finish();
    let (doc, expected) = write_calendar(&input, &vtimezone);
    let properties = icsdoc::assert_well_formed(&doc);
    let (zone, rest) = split_vtimezone(&properties);
    assert_vtimezone(&input, zone);
    assert_properties(&rest, &expected, &doc);
    assert_icalendar_values(&doc, &expected);
}

fn write_calendar(input: &Input, vtimezone: &str) -> (String, Vec<Expected>) {
    let mut w = Recorder::default();
    w.raw("BEGIN", vec![], "VCALENDAR");
    w.raw("VERSION", vec![], "2.0");
    w.text("PRODID", "-//Spravka//fuzz//RU");
    w.writer.append_finished(vtimezone);
    let tzid = vec![("TZID", input.tz.name().to_owned())];
    let texts: Vec<&str> = input.texts.iter().map(String::as_str).collect();
    for (i, event) in texts.chunks(TEXTS_PER_EVENT).enumerate() {
        let text = |k: usize| event.get(k).copied().unwrap_or_default();
        w.raw("BEGIN", vec![], "VEVENT");
        w.text("UID", &format!("{i}-{}@fuzz.example", text(0).len()));
        w.raw("DTSTAMP", vec![], &ics::utc_datetime(input.dtstamp));
        let start = input.start + TimeDelta::days(i as i64);
        w.raw("DTSTART", tzid.clone(), &ics::local_datetime(start));
        let end = start + TimeDelta::minutes(input.minutes);
        w.raw("DTEND", tzid.clone(), &ics::local_datetime(end));
        w.raw(
            "EXDATE",
            vec![("VALUE", "DATE".to_owned())],
            &ics::date(start.date()),
        );
        w.text("SUMMARY", text(0));
        w.text("DESCRIPTION", text(1));
        w.text("LOCATION", text(2));
        w.raw(
            "ORGANIZER",
            vec![("CN", text(3).to_owned())],
            "mailto:x@fuzz.example",
        );
        w.raw("X-SPRAVKA-RAW", vec![], text(4));
        w.raw("END", vec![], "VEVENT");
    }
    w.raw("END", vec![], "VCALENDAR");
    (w.writer.finish(), w.expected)
}

/// The writer, and what each property it was given must read back as.
#[derive(Debug, Default)]
struct Recorder {
    writer: IcsWriter,
    expected: Vec<Expected>,
}

impl Recorder {
    fn raw(&mut self, name: &'static str, params: Vec<(&'static str, String)>, value: &str) {
        let refs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match name {
            "BEGIN" => self.writer.begin(value),
            "END" => self.writer.end(value),
            _ => self.writer.raw(name, &refs, value),
        }
        self.expected.push(Expected {
            name,
            params: (params.into_iter())
                .map(|(k, v)| (k, without_controls(&v.replace('"', ""))))
                .collect(),
            value: without_controls(value),
            text: false,
        });
    }

    fn text(&mut self, name: &'static str, value: &str) {
        self.writer.text(name, &[], value);
        self.expected.push(Expected {
            name,
            params: Vec::new(),
            value: text_survivor(value),
            text: true,
        });
    }
}

/// The documented contract of TEXT values: CR LF, CR and LF are one line break each, and control
/// characters other than TAB are dropped.
fn text_survivor(value: &str) -> String {
    let unified = value.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .chars()
        .filter(|&c| c == '\n' || !is_dropped(c))
        .collect()
}

fn without_controls(value: &str) -> String {
    value.chars().filter(|&c| !is_dropped(c)).collect()
}

/// What the writer drops from values: control characters (C0, DEL, C1) but TAB.
fn is_dropped(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// The VTIMEZONE's properties and everything else.
fn split_vtimezone(properties: &[Property]) -> (&[Property], Vec<Property>) {
    let begin = (properties.iter())
        .position(|p| p.name == "BEGIN" && p.value == "VTIMEZONE")
        .unwrap_or_else(|| panic!("no VTIMEZONE in {properties:#?}"));
    let end = (properties.iter())
        .position(|p| p.name == "END" && p.value == "VTIMEZONE")
        .unwrap_or_else(|| panic!("the VTIMEZONE does not end in {properties:#?}"));
    let mut rest = properties[..begin].to_vec();
    rest.extend_from_slice(&properties[end + 1..]);
    (&properties[begin..=end], rest)
}

fn assert_properties(actual: &[Property], expected: &[Expected], doc: &str) {
    assert_eq!(actual.len(), expected.len(), "property count in {doc}");
    for (got, want) in actual.iter().zip(expected) {
        assert_eq!(got.name, want.name, "in {doc}");
        let params: Vec<(&str, &str)> = want.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let got_params: Vec<(&str, &str)> = got
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(got_params, params, "parameters of {}", want.name);
        let value = if want.text {
            icsdoc::unescape(&got.value)
        } else {
            got.value.clone()
        };
        assert_eq!(value, want.value, "value of {} in {doc}", want.name);
    }
}

/// The TEXT values of the VEVENTs as the `icalendar` crate reads them (it unescapes them itself).
fn assert_icalendar_values(doc: &str, expected: &[Expected]) {
    let unfolded = icalendar::parser::unfold(doc);
    let Ok(calendar) = icalendar::parser::read_calendar(&unfolded) else {
        panic!("icalendar cannot parse {doc}");
    };
    let events = calendar.components.iter().filter(|c| c.name == "VEVENT");
    let texts = expected
        .iter()
        .filter(|e| e.text && ["SUMMARY", "DESCRIPTION", "LOCATION"].contains(&e.name));
    let parsed = events.flat_map(|event| {
        ["SUMMARY", "DESCRIPTION", "LOCATION"]
            .map(|name| event.find_prop(name).map(|p| p.val.as_str().to_owned()))
    });
    for (want, got) in texts.zip(parsed) {
        assert_eq!(
            got.as_deref(),
            Some(want.value.as_str()),
            "icalendar reads {} differently",
            want.name
        );
    }
}

/// The observances agree with the tz database: the first starts at the window's first midnight
/// with the offset then in force, each later one at an instant where the offset changes from the
/// previous one's to its own.
fn assert_vtimezone(input: &Input, zone: &[Property]) {
    let observances = observances(zone);
    assert!(!observances.is_empty(), "a VTIMEZONE without observances");
    let (first_start, _, first_to) = observances[0];
    assert_eq!(first_start, input.from.and_time(chrono::NaiveTime::MIN));
    let midnight = input.tz.from_local_datetime(&first_start).earliest();
    if let Some(midnight) = midnight {
        assert_eq!(
            offset(input.tz, midnight.with_timezone(&Utc)),
            first_to,
            "first offset"
        );
    }
    for pair in observances.windows(2) {
        let ((_, _, before), (onset, from, to)) = (pair[0], pair[1]);
        assert_eq!(
            from, before,
            "TZOFFSETFROM differs from the previous TZOFFSETTO"
        );
        assert_ne!(from, to, "an observance that changes nothing");
        let instant = (onset - TimeDelta::seconds(from.into())).and_utc();
        assert_eq!(
            offset(input.tz, instant - TimeDelta::minutes(1)),
            from,
            "offset before {onset}"
        );
        assert_eq!(offset(input.tz, instant), to, "offset at {onset}");
    }
}

/// (DTSTART, TZOFFSETFROM, TZOFFSETTO) of each STANDARD or DAYLIGHT, offsets in seconds.
fn observances(zone: &[Property]) -> Vec<(NaiveDateTime, i32, i32)> {
    let value = |chunk: &[Property], name: &str| {
        (chunk.iter()).find(|p| p.name == name).map_or_else(
            || panic!("an observance without {name}: {chunk:#?}"),
            |p| p.value.clone(),
        )
    };
    let mut found = Vec::new();
    let mut rest = zone;
    while let Some(begin) = rest
        .iter()
        .position(|p| p.name == "BEGIN" && p.value != "VTIMEZONE")
    {
        let len = rest[begin..]
            .iter()
            .position(|p| p.name == "END")
            .unwrap_or(rest.len() - begin);
        let chunk = &rest[begin..begin + len];
        let start = NaiveDateTime::parse_from_str(&value(chunk, "DTSTART"), "%Y%m%dT%H%M%S")
            .unwrap_or_else(|e| panic!("DTSTART of an observance: {e}"));
        found.push((
            start,
            utc_offset(&value(chunk, "TZOFFSETFROM")),
            utc_offset(&value(chunk, "TZOFFSETTO")),
        ));
        rest = &rest[begin + len..];
    }
    found
}

/// `+hhmm` or `+hhmmss` in seconds; `-0000` is not allowed.
fn utc_offset(text: &str) -> i32 {
    let sign = match text.chars().next() {
        Some('+') => 1,
        Some('-') => -1,
        _ => panic!("UTC offset without sign: {text:?}"),
    };
    let digits = &text[1..];
    assert!(
        (digits.len() == 4 || digits.len() == 6) && digits.bytes().all(|b| b.is_ascii_digit()),
        "bad UTC offset {text:?}"
    );
    assert_ne!(text, "-0000", "-0000 is not a UTC offset");
    let part = |i: usize| {
        digits
            .get(i..i + 2)
            .and_then(|d| d.parse::<i32>().ok())
            .unwrap_or(0)
    };
    sign * (part(0) * 3600 + part(2) * 60 + part(4))
}

fn offset(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}
