//! Validation of the calendar parts of a school: the school year, one-off events, slot exceptions.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::school::{
    Change, Event, EventKind, Exception, Period, SchoolYear, Slot, WorkingWeekendRule,
};
use super::text::{list_some, shown};
use super::types::{Audience, TimeRange};
use super::{Invalid, check_texts, parse_date, parse_optional};
use crate::data::school::{RawEvent, RawException, RawPeriod, RawSchoolYear};
use crate::diagnostic::{Collector, FieldPath};

/// A school year, with room for a summer session: every weekly slot becomes a session per week
/// of it, so its length bounds the calendar's work.
const MAX_SCHOOL_YEAR_DAYS: i64 = 400;

pub fn validate_school_year(raw: &RawSchoolYear, report: &mut Collector) -> Option<SchoolYear> {
    let at = FieldPath::root().key("school_year");
    let start = report.parse(&at.key("start"), parse_date(&raw.start));
    let end = report.parse(&at.key("end"), parse_date(&raw.end));
    let rule = match raw.working_weekends.as_deref() {
        None | Some("skip") => Some(WorkingWeekendRule::Skip),
        Some("replaced_day") => Some(WorkingWeekendRule::ReplacedDay),
        Some(other) => {
            report.report(
                &at.key("working_weekends"),
                format!("`{}` is not a rule for working weekends", shown(other)),
                "write \"skip\" (no office hours that day) or \"replaced_day\" (hold the office hours of the weekday it replaces)",
            );
            None
        }
    };
    let terms = validate_periods(&raw.terms, &at.key("terms"), report);
    let vacations = validate_periods(&raw.vacations, &at.key("vacations"), report);
    let (start, end) = (start?, end?);
    if end <= start {
        report.report(
            &at.key("end"),
            format!("the school year ends ({end}) before it starts ({start})"),
            "put the last day of the school year in `end`",
        );
        return None;
    }
    if (end - start).num_days() > MAX_SCHOOL_YEAR_DAYS {
        report.report(
            &at.key("end"),
            format!("the school year from {start} to {end} is longer than a year"),
            "describe one school year: its first and last day, such as 2025-09-01 and 2026-05-26",
        );
        return None;
    }
    // A year with no production calendar is a warning (`lints::missing_calendar_years`).
    Some(SchoolYear::new((start, end), rule?, terms?, vacations?))
}

fn validate_periods(
    raw: &[RawPeriod],
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Vec<Period>> {
    let periods: Vec<Option<Period>> = raw
        .iter()
        .enumerate()
        .map(|(i, period)| {
            let here = at.index(i);
            let start = report.parse(&here.key("start"), parse_date(&period.start));
            let end = report.parse(&here.key("end"), parse_date(&period.end));
            check_texts(report, &here, &[("name", Some(&period.name))], &[])?;
            let (start, end) = (start?, end?);
            if end < start {
                report.report(
                    &here.key("end"),
                    format!(
                        "`{}` ends ({end}) before it starts ({start})",
                        shown(&period.name)
                    ),
                    "put the later date in `end`",
                );
                return None;
            }
            Some(Period {
                name: period.name.clone(),
                start,
                end,
            })
        })
        .collect();
    periods.into_iter().collect()
}

pub fn validate_events(
    raw: &[RawEvent],
    consultants: &IdIndex,
    report: &mut Collector,
) -> Option<Vec<Event>> {
    let mut per_day: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
    let events: Vec<Option<Event>> = raw
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let at = FieldPath::root().key("events").index(i);
            let date = report.parse(&at.key("date"), parse_date(&event.date));
            let time = report.parse(&at.key("time"), TimeRange::parse(&event.time));
            let kind = report.parse(&at.key("kind"), EventKind::parse(&event.kind));
            let audiences = parse_audience(event.audience.as_deref(), &at.key("audience"), report);
            let consultant = event
                .consultant
                .as_deref()
                .map(|id| find_consultant(id, consultants, &at.key("consultant"), report));
            check_id(event.id.as_deref(), &at.key("id"), report);
            let lines = [
                ("title", Some(event.title.as_str())),
                ("place", Some(&event.place)),
            ];
            let texts = check_texts(report, &at, &lines, &[("note", event.note.as_deref())]);
            let date = texts.and(date)?;
            let order = per_day.entry(date).or_default();
            *order += 1;
            Some(Event {
                id: event
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{date}-{order}")),
                title: event.title.clone(),
                kind: kind?,
                date,
                time: time?,
                place: event.place.clone(),
                audiences: audiences.ok()?,
                consultant: consultant.map(|c| c.ok_or(Invalid)).transpose().ok()?,
                note: event.note.clone(),
            })
        })
        .collect();
    events.into_iter().collect()
}

/// `None` or "all" -> everyone (empty list); "staff" / "parents" -> that audience.
pub fn parse_audience(
    raw: Option<&str>,
    at: &FieldPath,
    report: &mut Collector,
) -> Result<Vec<Audience>, Invalid> {
    match raw {
        None | Some("all") => Ok(Vec::new()),
        Some(text) => parse_optional(report, at, Some(text), |t| {
            Audience::parse(t).map_err(|mut e| {
                e.hint = "write \"all\", \"staff\" or \"parents\"".into();
                e
            })
        })
        .map(|a| a.into_iter().collect()),
    }
}

/// The ids of a list, looked up by a hash instead of a scan per reference (the first of a
/// duplicated id wins, as a scan would find it).
#[derive(Debug)]
pub struct IdIndex<'a> {
    ids: Vec<&'a str>,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> IdIndex<'a> {
    pub fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let ids: Vec<&str> = ids.collect();
        let mut by_id = HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            by_id.entry(*id).or_insert(i);
        }
        IdIndex { ids, by_id }
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The first ids, for a hint (never thousands of them).
    pub fn some(&self) -> String {
        list_some(self.ids.iter().copied(), 20)
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

pub fn find_consultant(
    id: &str,
    consultants: &IdIndex,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<usize> {
    let found = consultants.find(id);
    if found.is_none() {
        let hint = if consultants.is_empty() {
            "add a [[consultants]] entry with this id".to_owned()
        } else {
            format!(
                "write one of the ids in [[consultants]]: {}",
                consultants.some()
            )
        };
        report.report(at, format!("unknown consultant `{}`", shown(id)), hint);
    }
    found
}

/// Ids become parts of calendar UIDs and file names.
pub fn check_id(id: Option<&str>, at: &FieldPath, report: &mut Collector) {
    if let Some(id) = id {
        if !super::article::is_slug(id) {
            report.report(
                at,
                format!("`{}` cannot be used as an id", shown(id)),
                "use small Latin letters, digits and hyphens, such as tuesday-lab",
            );
        }
    }
}

pub fn validate_exceptions(
    raw: &[RawException],
    slots: &[Slot],
    year: Option<&SchoolYear>,
    report: &mut Collector,
) -> Option<Vec<Exception>> {
    let ids = IdIndex::new(slots.iter().map(|s| s.id.as_str()));
    let mut seen = HashSet::new();
    let exceptions: Vec<Option<Exception>> = raw
        .iter()
        .enumerate()
        .map(|(i, exception)| {
            let at = FieldPath::root().key("schedule").key("exceptions").index(i);
            let valid = validate_exception(exception, &at, slots, &ids, year, report)?;
            if !seen.insert((valid.slot, valid.date)) {
                report.report(
                    &at.key("date"),
                    format!(
                        "the session of slot `{}` on {} already has an exception",
                        shown(&exception.slot),
                        valid.date
                    ),
                    "keep one exception per session: merge the two into one",
                );
                return None;
            }
            Some(valid)
        })
        .collect();
    exceptions.into_iter().collect()
}

fn validate_exception(
    raw: &RawException,
    at: &FieldPath,
    slots: &[Slot],
    ids: &IdIndex,
    year: Option<&SchoolYear>,
    report: &mut Collector,
) -> Option<Exception> {
    let slot = ids.find(&raw.slot);
    if slot.is_none() {
        report.report(
            &at.key("slot"),
            format!("unknown slot `{}`", shown(&raw.slot)),
            format!("write the id of a slot: {}", ids.some()),
        );
    }
    let date = report.parse(&at.key("date"), parse_date(&raw.date));
    let change = validate_change(raw, at, report);
    let note = check_texts(report, at, &[], &[("note", raw.note.as_deref())]);
    let (slot, date) = (slot?, date?);
    let days = slots[slot].weekdays;
    if !days.contains_chrono(date.weekday()) {
        let names: Vec<&str> = days.iter().map(|d| d.key()).collect();
        let message = match names.as_slice() {
            [one] => format!("{date} is not a {one} of slot `{}`", shown(&raw.slot)),
            _ => format!(
                "{date} is a {}, not a day of slot `{}` ({})",
                date.format("%A").to_string().to_lowercase(),
                shown(&raw.slot),
                names.join(", ")
            ),
        };
        report.report(
            &at.key("date"),
            message,
            "give the date of the session that changes",
        );
        return None;
    }
    if year.is_some_and(|y| !(y.start..=y.end).contains(&date)) {
        report.report(
            &at.key("date"),
            format!("{date} is outside the school year"),
            "give a date within [school_year]",
        );
        return None;
    }
    note?;
    Some(Exception {
        slot,
        date,
        change: change?,
        note: raw.note.clone(),
    })
}

fn validate_change(raw: &RawException, at: &FieldPath, report: &mut Collector) -> Option<Change> {
    match (&raw.moved, raw.cancelled) {
        (None, true) => Some(Change::Cancelled),
        (Some(moved), false) => {
            let here = at.key("moved");
            let date = parse_optional(report, &here.key("date"), moved.date.as_ref(), parse_date);
            let time = parse_optional(
                report,
                &here.key("time"),
                moved.time.as_deref(),
                TimeRange::parse,
            );
            check_texts(report, &here, &[("place", moved.place.as_deref())], &[])?;
            if moved.date.is_none() && moved.time.is_none() && moved.place.is_none() {
                report.report(
                    &here,
                    "a moved session needs a new `date`, `time` or `place`",
                    "write, for example, moved = { time = \"15:00-16:00\" }",
                );
                return None;
            }
            Some(Change::Moved {
                date: date.ok()?,
                time: time.ok()?,
                place: moved.place.clone(),
            })
        }
        _ => {
            report.report(
                at,
                "an exception is either `cancelled = true` or `moved = { … }`",
                "write cancelled = true, or moved = { date = …, time = \"…\", place = \"…\" }",
            );
            None
        }
    }
}
