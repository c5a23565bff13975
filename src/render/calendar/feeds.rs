//! The school's calendar feeds: one recurring VEVENT per weekly slot (RRULE until the end of the
//! school year, EXDATE for rest days, vacations and cancellations, RECURRENCE-ID overrides for moved
//! sessions) and one VEVENT per one-off event; one feed for everyone, one per audience and one per
//! consultant, plus a single-event file for "add to calendar".

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use super::ics::{self, IcsWriter};
use crate::model::school::{Event, SchoolYear, Slot};
use crate::model::types::{Audience, TimeRange};
use crate::model::{School, SchoolSite};
use crate::render::OutputFile;
use crate::render::i18n::Translations;
use crate::render::naming;
use crate::schedule::{self, MovedSession, SlotSeries};

/// Events of the previously published feed: (UID, RECURRENCE-ID or "") -> (SEQUENCE, content hash).
pub type PreviousEvents = BTreeMap<(String, String), (u32, String)>;

/// The name of the property that carries an event's content hash, so the next build can tell
/// whether the event changed and SEQUENCE must grow.
pub const HASH_PROPERTY: &str = "X-SPRAVKA-HASH";

/// What the feeds need besides the school.
#[derive(Debug)]
pub struct FeedContext<'a> {
    pub dtstamp: DateTime<Utc>,
    /// The public address of the school's folder, with a trailing slash, when known.
    pub site_url: Option<&'a str>,
    pub previous: &'a PreviousEvents,
}

/// One feed file of a school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Path inside the school's site: `calendar/all.ics`.
    pub path: String,
    pub name: String,
    pub audience: Option<Audience>,
    pub consultant: Option<usize>,
}

/// One VEVENT, kept as content lines so every feed writes it identically.
#[derive(Debug, Clone)]
struct VEvent {
    uid: String,
    recurrence_id: String,
    audiences: Vec<Audience>,
    consultant: Option<usize>,
    event: Option<String>,
    lines: Vec<Line>,
}

#[derive(Debug, Clone)]
struct Line {
    name: &'static str,
    params: Vec<(&'static str, String)>,
    value: String,
    text: bool,
}

impl Line {
    fn raw(
        name: &'static str,
        params: Vec<(&'static str, String)>,
        value: impl Into<String>,
    ) -> Line {
        Line {
            name,
            params,
            value: value.into(),
            text: false,
        }
    }

    fn text(name: &'static str, value: impl Into<String>) -> Line {
        Line {
            name,
            params: Vec::new(),
            value: value.into(),
            text: true,
        }
    }
}

/// The feeds every school gets: everyone, each audience, each consultant with sessions.
pub fn feeds(school: &School, t: &Translations) -> Vec<Feed> {
    let base = t.format(
        "calendar.feed_name",
        &[("school", &school.identity.short_name)],
    );
    let mut feeds = vec![Feed {
        path: "calendar/all.ics".into(),
        name: base.clone(),
        audience: None,
        consultant: None,
    }];
    for audience in Audience::ALL {
        feeds.push(Feed {
            path: format!("calendar/{}.ics", audience.key()),
            name: format!(
                "{base} — {}",
                t.text(&format!("audience.{}", audience.key()))
            ),
            audience: Some(audience),
            consultant: None,
        });
    }
    for (i, consultant) in school.consultants.iter().enumerate() {
        let label = naming::consultant_name(consultant);
        feeds.push(Feed {
            path: format!("calendar/consultant-{}.ics", consultant.id),
            name: format!("{base} — {label}"),
            audience: None,
            consultant: Some(i),
        });
    }
    feeds
}

/// Every feed file and every single-event file of the school.
pub fn render_feeds(site: &SchoolSite, t: &Translations, ctx: &FeedContext) -> Vec<OutputFile> {
    let school = &site.school;
    let events = vevents(site, t, ctx);
    let vtimezone = vtimezone(school.identity.timezone, window(site));
    let mut files: Vec<OutputFile> = feeds(school, t)
        .iter()
        .map(|feed| {
            let chosen: Vec<&VEvent> = events.iter().filter(|e| in_feed(e, feed)).collect();
            OutputFile {
                path: feed.path.clone(),
                bytes: calendar(school, &feed.name, &chosen, &vtimezone, ctx).into_bytes(),
            }
        })
        .collect();
    for event in events.iter().filter(|e| e.event.is_some()) {
        let id = event.event.as_deref().unwrap_or_default();
        let name = t.format(
            "calendar.feed_name",
            &[("school", &school.identity.short_name)],
        );
        files.push(OutputFile {
            path: event_path(id),
            bytes: calendar(school, &name, &[event], &vtimezone, ctx).into_bytes(),
        });
    }
    files
}

/// The single-event file of a one-off event.
pub fn event_path(id: &str) -> String {
    format!("calendar/event-{id}.ics")
}

fn in_feed(event: &VEvent, feed: &Feed) -> bool {
    let audience_ok = feed
        .audience
        .is_none_or(|a| event.audiences.is_empty() || event.audiences.contains(&a));
    let consultant_ok = feed.consultant.is_none_or(|c| event.consultant == Some(c));
    audience_ok && consultant_ok
}

/// The dates every local time of the feed falls in, for the VTIMEZONE.
fn window(site: &SchoolSite) -> (NaiveDate, NaiveDate) {
    let school = &site.school;
    let mut dates: Vec<NaiveDate> = school.events.iter().map(|e| e.date).collect();
    for year in &school.school_years {
        dates.extend([year.start, year.end]);
    }
    dates.extend(
        school
            .schedule
            .exceptions
            .iter()
            .filter_map(|e| match &e.change {
                crate::model::school::Change::Moved { date: Some(d), .. } => Some(*d),
                _ => None,
            }),
    );
    let first = dates.iter().min().copied().unwrap_or(NaiveDate::MIN);
    let last = dates.iter().max().copied().unwrap_or(first);
    (
        first.pred_opt().unwrap_or(first),
        last.succ_opt().unwrap_or(last),
    )
}

/// The VTIMEZONE every feed of the school shares (none when the school has no dates at all).
fn vtimezone(tz: Tz, window: (NaiveDate, NaiveDate)) -> String {
    let mut w = IcsWriter::new();
    if window.0 != NaiveDate::MIN {
        super::vtimezone::write_vtimezone(&mut w, tz, window.0, window.1);
    }
    w.finish()
}

fn calendar(
    school: &School,
    name: &str,
    events: &[&VEvent],
    vtimezone: &str,
    ctx: &FeedContext,
) -> String {
    let tz = school.identity.timezone;
    let mut w = IcsWriter::new();
    w.begin("VCALENDAR");
    w.raw("VERSION", &[], "2.0");
    w.raw("PRODID", &[], "-//Spravka//Spravka//RU");
    w.raw("CALSCALE", &[], "GREGORIAN");
    w.raw("METHOD", &[], "PUBLISH");
    w.text("X-WR-CALNAME", &[], name);
    w.text("X-WR-CALDESC", &[], &school.identity.full_name);
    w.text("X-WR-TIMEZONE", &[], tz.name());
    w.raw("REFRESH-INTERVAL", &[("VALUE", "DURATION")], "PT12H");
    w.raw("X-PUBLISHED-TTL", &[], "PT12H");
    w.append_finished(vtimezone);
    for event in events {
        write_vevent(&mut w, event, ctx);
    }
    w.end("VCALENDAR");
    w.finish()
}

fn write_vevent(w: &mut IcsWriter, event: &VEvent, ctx: &FeedContext) {
    let hash = content_hash(&event.lines);
    let key = (event.uid.clone(), event.recurrence_id.clone());
    let sequence = match ctx.previous.get(&key) {
        Some((sequence, old)) if *old == hash => *sequence,
        Some((sequence, _)) => sequence + 1,
        None => 0,
    };
    w.begin("VEVENT");
    w.text("UID", &[], &event.uid);
    w.raw("DTSTAMP", &[], &ics::utc_datetime(ctx.dtstamp));
    w.raw("SEQUENCE", &[], &sequence.to_string());
    for line in &event.lines {
        let params: Vec<(&str, &str)> = line.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if line.text {
            w.text(line.name, &params, &line.value);
        } else {
            w.raw(line.name, &params, &line.value);
        }
    }
    w.raw(HASH_PROPERTY, &[], &hash);
    w.end("VEVENT");
}

/// A short hash of everything but DTSTAMP and SEQUENCE: it changes exactly when the event does.
fn content_hash(lines: &[Line]) -> String {
    let mut hasher = Sha256::new();
    for line in lines {
        hasher.update(line.name.as_bytes());
        for (key, value) in &line.params {
            hasher.update([0]);
            hasher.update(key.as_bytes());
            hasher.update(value.as_bytes());
        }
        hasher.update([1]);
        hasher.update(line.value.as_bytes());
        hasher.update([2]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn vevents(site: &SchoolSite, t: &Translations, ctx: &FeedContext) -> Vec<VEvent> {
    let school = &site.school;
    let mut events = Vec::new();
    for year in &school.school_years {
        for index in (0..school.schedule.slots.len()).filter(|i| year.holds(*i)) {
            if let Some(series) =
                schedule::slot_series(school, index, year, &site.production_calendar)
            {
                events.extend(slot_vevents(school, &series, year, t, ctx));
            }
        }
    }
    events.extend(
        school
            .events
            .iter()
            .map(|event| event_vevent(school, event, t, ctx)),
    );
    events
}

fn slot_vevents(
    school: &School,
    series: &SlotSeries,
    year: &SchoolYear,
    t: &Translations,
    ctx: &FeedContext,
) -> Vec<VEvent> {
    let slot = &school.schedule.slots[series.slot];
    let tz = school.identity.timezone;
    // One series per slot and school year; the year's first day tells the series apart and,
    // unlike a position in the list, stays when a year before it is removed.
    let uid = format!("{}-slot-{}-{}@spravka", school.slug, slot.id, year.start);
    let summary = t.format(
        "calendar.slot_summary",
        &[("work_in", &school.platform.work_in)],
    );
    let mut lines = times(tz, series.first, slot.time);
    let until = end_of_day_utc(tz, series.until);
    lines.push(Line::raw(
        "RRULE",
        vec![],
        format!(
            "FREQ=WEEKLY;BYDAY={};UNTIL={}",
            byday(slot),
            ics::utc_datetime(until)
        ),
    ));
    for date in &series.excluded {
        lines.push(Line::raw(
            "EXDATE",
            vec![("TZID", tz.name().to_owned())],
            ics::local_datetime(at(*date, slot.time.start)),
        ));
    }
    lines.extend(details(
        school,
        &summary,
        slot.place.as_deref(),
        Some(slot.consultant),
        &slot.audiences,
        None,
        t,
        ctx,
    ));
    let mut events = vec![VEvent {
        uid: uid.clone(),
        recurrence_id: String::new(),
        audiences: slot.audiences.clone(),
        consultant: Some(slot.consultant),
        event: None,
        lines,
    }];
    events.extend(
        series
            .moved
            .iter()
            .map(|moved| moved_vevent(school, slot, &uid, moved, &summary, t, ctx)),
    );
    events
}

fn moved_vevent(
    school: &School,
    slot: &Slot,
    uid: &str,
    moved: &MovedSession,
    summary: &str,
    t: &Translations,
    ctx: &FeedContext,
) -> VEvent {
    let tz = school.identity.timezone;
    let recurrence_id = ics::local_datetime(at(moved.original, slot.time.start));
    let mut lines = vec![Line::raw(
        "RECURRENCE-ID",
        vec![("TZID", tz.name().to_owned())],
        recurrence_id.clone(),
    )];
    lines.extend(times(tz, moved.date, moved.time));
    let note = moved
        .note
        .clone()
        .unwrap_or_else(|| t.text("calendar.moved"));
    lines.extend(details(
        school,
        summary,
        moved.place.as_deref(),
        Some(slot.consultant),
        &slot.audiences,
        Some(&note),
        t,
        ctx,
    ));
    VEvent {
        uid: uid.to_owned(),
        recurrence_id,
        audiences: slot.audiences.clone(),
        consultant: Some(slot.consultant),
        event: None,
        lines,
    }
}

fn event_vevent(school: &School, event: &Event, t: &Translations, ctx: &FeedContext) -> VEvent {
    let mut lines = times(school.identity.timezone, event.date, event.time);
    lines.extend(details(
        school,
        &event.title,
        Some(&event.place),
        event.consultant,
        &event.audiences,
        event.note.as_deref(),
        t,
        ctx,
    ));
    // Clients show it as the event's category (Apple, Outlook) or keep it (Google).
    let kind = naming::event_kind_text(event.kind, t);
    lines.push(Line::text("CATEGORIES", &kind));
    VEvent {
        uid: format!("{}-event-{}@spravka", school.slug, event.id),
        recurrence_id: String::new(),
        audiences: event.audiences.clone(),
        consultant: event.consultant,
        event: Some(event.id.clone()),
        lines,
    }
}

fn times(tz: Tz, date: NaiveDate, time: TimeRange) -> Vec<Line> {
    let zone = || vec![("TZID", tz.name().to_owned())];
    vec![
        Line::raw("DTSTART", zone(), ics::local_datetime(at(date, time.start))),
        Line::raw("DTEND", zone(), ics::local_datetime(at(date, time.end))),
    ]
}

#[allow(clippy::too_many_arguments)]
fn details(
    school: &School,
    summary: &str,
    place: Option<&str>,
    consultant: Option<usize>,
    audiences: &[Audience],
    note: Option<&str>,
    t: &Translations,
    ctx: &FeedContext,
) -> Vec<Line> {
    let mut lines = vec![Line::text("SUMMARY", summary)];
    // No place in the regulation, no LOCATION: the description says where to ask instead.
    if let Some(place) = place {
        let location = match &school.identity.address {
            Some(address) => format!("{place}, {}, {address}", school.identity.short_name),
            None => format!("{place}, {}", school.identity.short_name),
        };
        lines.push(Line::text("LOCATION", location));
    }
    let ask = place
        .is_none()
        .then(|| naming::place_text(school, None, consultant, t));
    lines.push(Line::text(
        "DESCRIPTION",
        description(school, consultant, audiences, (note, ask.as_deref()), t),
    ));
    if let Some(site) = ctx.site_url {
        lines.push(Line::raw("URL", vec![], format!("{site}schedule.html")));
    }
    lines.push(Line::raw("STATUS", vec![], "CONFIRMED"));
    lines
}

/// `note` and, for a session without a place, where to ask for it (`ask`).
fn description(
    school: &School,
    consultant: Option<usize>,
    audiences: &[Audience],
    (note, ask): (Option<&str>, Option<&str>),
    t: &Translations,
) -> String {
    let mut parts = Vec::new();
    if let Some(note) = note {
        parts.push(note.to_owned());
    }
    if let Some(ask) = ask {
        parts.push(format!("{}: {ask}", t.text("schedule.place")));
    }
    if let Some(c) = consultant.map(|i| &school.consultants[i]) {
        let who = naming::consultant_label(c);
        parts.push(t.format("calendar.who", &[("who", &who)]));
    }
    let audience = naming::audience_text(audiences, t);
    parts.push(t.format("calendar.for_whom", &[("audience", &audience)]));
    let contacts: Vec<String> = contact_lines(school, audiences);
    if !contacts.is_empty() {
        parts.push(t.format("calendar.contacts", &[("contacts", &contacts.join(", "))]));
    }
    parts.join("\n")
}

/// Phones and emails of the channels for these audiences (all audiences when empty), de-duplicated.
fn contact_lines(school: &School, audiences: &[Audience]) -> Vec<String> {
    let wanted: &[Audience] = if audiences.is_empty() {
        &Audience::ALL
    } else {
        audiences
    };
    let mut seen = Vec::new();
    for help in wanted.iter().filter_map(|a| school.audience_help(*a)) {
        for channel in &help.channels {
            let text = match &channel.contact {
                Some(crate::model::school::Contact::Phone(p)) => p.display().to_owned(),
                Some(crate::model::school::Contact::Email(e)) => e.as_str().to_owned(),
                _ => continue,
            };
            if !seen.contains(&text) {
                seen.push(text);
            }
        }
    }
    seen
}

/// `MO` or `MO,TU,WE,TH,FR`: a slot of several days is one recurring event.
fn byday(slot: &Slot) -> String {
    let days: Vec<&str> = (slot.weekdays.iter())
        .map(|day| ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.index()])
        .collect();
    days.join(",")
}

fn at(date: NaiveDate, time: crate::model::types::TimeOfDay) -> NaiveDateTime {
    date.and_time(time.to_chrono())
}

/// The last second of `date` in the school's zone, in UTC (UNTIL must be UTC with a zoned DTSTART).
fn end_of_day_utc(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_hms_opt(23, 59, 59).expect("a valid time");
    tz.from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// Read the events of a previously published feed (SEQUENCE and hash per UID and RECURRENCE-ID).
/// Anything unreadable is skipped: the worst case is a SEQUENCE that starts again from 0.
pub fn parse_previous(document: &str) -> PreviousEvents {
    let mut events = PreviousEvents::new();
    let mut current: Option<(String, String, u32, String)> = None;
    for line in ics::unfold(document).lines() {
        let line = line.trim_end_matches('\r');
        let (head, value) = line.split_once(':').unwrap_or((line, ""));
        let name = head.split(';').next().unwrap_or_default();
        match (name, &mut current) {
            ("BEGIN", _) if value == "VEVENT" => current = Some(Default::default()),
            ("END", Some(_)) if value == "VEVENT" => {
                if let Some((uid, rid, seq, hash)) = current.take() {
                    events.insert((uid, rid), (seq, hash));
                }
            }
            ("UID", Some(event)) => event.0 = ics::unescape_text(value),
            ("RECURRENCE-ID", Some(event)) => value.clone_into(&mut event.1),
            ("SEQUENCE", Some(event)) => event.2 = value.parse().unwrap_or(0),
            (HASH_PROPERTY, Some(event)) => value.clone_into(&mut event.3),
            _ => {}
        }
    }
    events
}
