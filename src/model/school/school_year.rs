//! Validation of the calendar parts of a school: the school years, one-off events, slot exceptions.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::{Change, Event, EventKind, Exception, Period, SchoolYear, Slot, WorkingWeekendRule};
use crate::data::school::{RawEvent, RawException, RawPeriod, RawSchool, RawSchoolYear};
use crate::diagnostic::{Collector, FieldPath};
use crate::locale::t;
use crate::model::text::{list_some, shown};
use crate::model::types::{Audience, TimeRange, Weekday};
use crate::model::{Invalid, check_texts, parse_date, parse_optional};

/// A school year, with room for a summer session: every weekly slot becomes a session per week
/// of it, so its length bounds the calendar's work.
const MAX_SCHOOL_YEAR_DAYS: i64 = 400;

/// More school years than a school keeps at once (this one, the next, a past one to show).
const MAX_SCHOOL_YEARS: usize = 10;

impl SchoolYear {
    /// "2026/27" for a year from September to May, "2026" for a year within one calendar year.
    pub fn label(&self) -> String {
        let (first, last) = (self.start.year(), self.end.year());
        if first == last {
            first.to_string()
        } else {
            format!("{first}/{:02}", last.rem_euclid(100))
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start..=self.end).contains(&date)
    }

    /// Whether weekly slot `slot` (an index into `Schedule::slots`) is held in this year.
    pub fn holds(&self, slot: usize) -> bool {
        self.slots.as_ref().is_none_or(|held| held.contains(&slot))
    }
}

/// The school years of `[school_year]` or `[[school_years]]`, checked one by one and against each
/// other. A school with weekly office hours must have one: without it the feeds would be empty.
pub fn validate_school_years(
    raw: &RawSchool,
    slots: Option<&[Slot]>,
    report: &mut Collector,
) -> Option<Vec<SchoolYear>> {
    let root = FieldPath::root();
    let listed: Vec<(FieldPath, &RawSchoolYear)> = match (&raw.school_year, &raw.school_years[..]) {
        (Some(_), [_, ..]) => {
            report.report(
                &root.key("school_years"),
                t!("year-both-forms"),
                t!("year-both-forms-hint"),
            );
            return None;
        }
        (Some(one), []) => vec![(root.key("school_year"), one)],
        (None, many) => many
            .iter()
            .enumerate()
            .map(|(i, y)| (root.key("school_years").index(i), y))
            .collect(),
    };
    if listed.is_empty() && !raw.schedule.slots.is_empty() {
        report.report(
            &root.key("schedule").key("slots"),
            t!("year-missing"),
            t!("year-missing-hint"),
        );
        return None;
    }
    if listed.len() > MAX_SCHOOL_YEARS {
        report.report(
            &root.key("school_years"),
            t!("year-too-many", n = listed.len(), max = MAX_SCHOOL_YEARS),
            t!("year-too-many-hint"),
        );
        return None;
    }
    let years: Vec<Option<SchoolYear>> = listed
        .iter()
        .map(|(at, y)| {
            let held = held_slots(y.slots.as_deref(), slots, &at.key("slots"), report);
            let year = validate_school_year(y, at, report);
            year.zip(held).map(|(mut year, held)| {
                year.slots = held;
                year
            })
        })
        .collect();
    let years: Vec<SchoolYear> = years.into_iter().collect::<Option<_>>()?;
    check_order(&years, &listed, report)?;
    Some(years)
}

/// The slots a year names in `slots = [...]`, by id; `Some(None)` when it names none (all are held).
/// Unknown until the slots themselves are valid (`slots` is `None`): then nothing is reported.
#[allow(
    clippy::option_option,
    reason = "the outer `None` is a reported problem, as in every validator here; the inner one \
              says that no slot is named"
)]
fn held_slots(
    ids: Option<&[String]>,
    slots: Option<&[Slot]>,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Option<Vec<usize>>> {
    let (Some(ids), Some(slots)) = (ids, slots) else {
        return Some(None);
    };
    let index = IdIndex::new(slots.iter().map(|s| s.id.as_str()));
    let held: Vec<Option<usize>> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let found = index.find(id);
            if found.is_none() {
                let hint = if index.is_empty() {
                    t!("slot-add-first")
                } else {
                    t!("slot-write-id", ids = index.some())
                };
                report.report(&at.index(i), t!("slot-unknown", id = shown(id)), hint);
            }
            found
        })
        .collect();
    held.into_iter().collect::<Option<Vec<_>>>().map(Some)
}

/// Several school years come in order and do not overlap: a date belongs to one year at most.
fn check_order(
    years: &[SchoolYear],
    listed: &[(FieldPath, &RawSchoolYear)],
    report: &mut Collector,
) -> Option<()> {
    let mut valid = Some(());
    for (i, pair) in years.windows(2).enumerate() {
        let (before, after) = (&pair[0], &pair[1]);
        if after.start <= before.end {
            let message = if after.start < before.start {
                t!(
                    "year-out-of-order",
                    year = after.label(),
                    before = before.label()
                )
            } else {
                t!(
                    "year-overlaps",
                    year = after.label(),
                    start = after.start.to_string(),
                    before = before.label(),
                    end = before.end.to_string()
                )
            };
            report.report(
                &listed[i + 1].0.key("start"),
                message,
                t!("year-order-hint"),
            );
            valid = None;
        }
    }
    valid
}

fn validate_school_year(
    raw: &RawSchoolYear,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<SchoolYear> {
    let start = report.parse(&at.key("start"), parse_date(&raw.start));
    let end = report.parse(&at.key("end"), parse_date(&raw.end));
    let rule = match raw.working_weekends.as_deref() {
        None | Some("skip") => Some(WorkingWeekendRule::Skip),
        Some("replaced_day") => Some(WorkingWeekendRule::ReplacedDay),
        Some(other) => {
            report.report(
                &at.key("working_weekends"),
                t!("year-weekend-rule", text = shown(other)),
                t!("year-weekend-rule-hint"),
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
            t!(
                "year-backwards",
                end = end.to_string(),
                start = start.to_string()
            ),
            t!("year-backwards-hint"),
        );
        return None;
    }
    if (end - start).num_days() > MAX_SCHOOL_YEAR_DAYS {
        report.report(
            &at.key("end"),
            t!(
                "year-too-long",
                start = start.to_string(),
                end = end.to_string()
            ),
            t!("year-too-long-hint"),
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
                    t!(
                        "period-backwards",
                        name = shown(&period.name),
                        end = end.to_string(),
                        start = start.to_string()
                    ),
                    t!("period-backwards-hint"),
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
    let mut per_day = std::collections::BTreeMap::<NaiveDate, usize>::new();
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
                e.hint = t!("audience-all-hint");
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
            t!("consultant-add")
        } else {
            t!("consultant-write-id", ids = consultants.some())
        };
        report.report(at, t!("consultant-unknown", id = shown(id)), hint);
    }
    found
}

/// Ids become parts of calendar UIDs and file names.
pub fn check_id(id: Option<&str>, at: &FieldPath, report: &mut Collector) {
    if let Some(id) = id {
        if !crate::links::is_slug(id) {
            report.report(at, t!("id-bad", id = shown(id)), t!("id-bad-hint"));
        }
    }
}

pub fn validate_exceptions(
    raw: &[RawException],
    slots: &[Slot],
    years: &[SchoolYear],
    report: &mut Collector,
) -> Option<Vec<Exception>> {
    let ids = IdIndex::new(slots.iter().map(|s| s.id.as_str()));
    let mut seen = HashSet::new();
    let exceptions: Vec<Option<Exception>> = raw
        .iter()
        .enumerate()
        .map(|(i, exception)| {
            let at = FieldPath::root().key("schedule").key("exceptions").index(i);
            let valid = validate_exception(exception, &at, slots, &ids, years, report)?;
            if !seen.insert((valid.slot, valid.date)) {
                report.report(
                    &at.key("date"),
                    t!(
                        "exception-twice",
                        slot = shown(&exception.slot),
                        date = valid.date.to_string()
                    ),
                    t!("exception-twice-hint"),
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
    years: &[SchoolYear],
    report: &mut Collector,
) -> Option<Exception> {
    let slot = ids.find(&raw.slot);
    if slot.is_none() {
        report.report(
            &at.key("slot"),
            t!("slot-unknown", id = shown(&raw.slot)),
            t!("slot-write-id", ids = ids.some()),
        );
    }
    let date = report.parse(&at.key("date"), parse_date(&raw.date));
    let change = validate_change(raw, at, report);
    let note = check_texts(report, at, &[], &[("note", raw.note.as_deref())]);
    let (slot, date) = (slot?, date?);
    let days = slots[slot].weekdays;
    if !days.contains_chrono(date.weekday()) {
        let names: Vec<String> = days.iter().map(Weekday::word).collect();
        let (date_text, slot) = (date.to_string(), shown(&raw.slot));
        let message = match names.as_slice() {
            [one] => t!(
                "exception-not-day",
                date = date_text,
                day = one.as_str(),
                slot = slot
            ),
            _ => t!(
                "exception-not-days",
                date = date_text,
                day = Weekday::ALL[date.weekday().num_days_from_monday() as usize].word(),
                slot = slot,
                days = names.join(", ")
            ),
        };
        report.report(&at.key("date"), message, t!("exception-date-hint"));
        return None;
    }
    if !years.is_empty() && !years.iter().any(|y| y.contains(date) && y.holds(slot)) {
        report.report(
            &at.key("date"),
            t!(
                "exception-outside-years",
                date = date.to_string(),
                slot = shown(&raw.slot)
            ),
            t!("exception-outside-years-hint"),
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
                    t!("exception-moved-empty"),
                    t!("exception-moved-empty-hint"),
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
            report.report(at, t!("exception-kind"), t!("exception-kind-hint"));
            None
        }
    }
}
