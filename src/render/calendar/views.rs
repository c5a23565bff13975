//! What the schedule and escalation pages show of the calendar: the school year, feed links, the
//! upcoming sessions as of the build date, one-off events, and the JSON the pages' script reads.

use chrono::{Datelike, NaiveDate, TimeZone};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::feeds::{self, Feed};
use crate::model::SchoolSite;
use crate::model::platform::{Days, Hours};
use crate::model::school::EventKind;
use crate::model::school::SchoolYear;
use crate::model::types::{Audience, TimeRange, Weekday};
use crate::render::i18n::Translations;
use crate::render::naming;
use crate::render::views::{page_date, page_date_weekday};
use crate::schedule::{self, Session, SessionSource, YearState};

/// How many upcoming sessions the schedule page lists.
const UPCOMING: usize = 6;

#[derive(Debug, Serialize)]
pub struct CalendarView {
    /// Where the build date stands among the school years; `None` without a school year.
    pub status: Option<YearStatusView>,
    /// The school years not ended by the build date (the last one when all have ended).
    pub years: Vec<YearView>,
    /// The school year whose weekly hours the pages show (the poster prints its dates).
    pub shown: Option<YearView>,
    pub feeds: Vec<FeedLink>,
    pub upcoming: Vec<SessionView>,
    /// The first session still to come that parents may attend (the home page's first screen).
    pub next_for_parents: Option<SessionView>,
    /// One-off events from the build date on (with "add to calendar"), and those before it.
    pub events: Vec<SessionView>,
    pub past_events: Vec<SessionView>,
    /// As of this date (the build date) the upcoming list was made.
    pub as_of: String,
    /// JSON for the page script (already safe to put inside a <script> element).
    pub sessions_json: String,
    /// The same for the sessions parents may attend: the home page's script keeps its "next
    /// consultation" current with it when the site is read days after it was built.
    pub parents_json: String,
    pub support_json: String,
}

/// What the pages say about the school year the weekly office hours belong to.
#[derive(Debug, Serialize)]
pub struct YearStatusView {
    /// "current", "upcoming" (before the next year) or "ended" (after the last one).
    pub state: &'static str,
    /// The weekly table's caption, naming its school year.
    pub caption: String,
    /// Said plainly above the table when the year shown is not in progress.
    pub notice: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct YearView {
    /// "Учебный год 2026/27".
    pub title: String,
    pub start: String,
    pub end: String,
    pub terms: Vec<PeriodView>,
    pub vacations: Vec<PeriodView>,
}

#[derive(Debug, Serialize)]
pub struct PeriodView {
    pub name: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub name: String,
    /// Relative to the school's root.
    pub path: String,
    /// `webcal://…` when the site's address is known.
    pub webcal: Option<String>,
    pub https: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SessionView {
    /// «4 декабря 2026 г., пятница».
    pub date: String,
    pub time: String,
    pub place: String,
    pub who: Option<String>,
    pub title: String,
    /// What kind of event a one-off event is («Семинар»); `None` for office hours.
    pub kind: Option<String>,
    pub audience: String,
    pub note: Option<String>,
    pub moved: bool,
    /// Relative to the school's root, for one-off events.
    pub ics: Option<String>,
}

/// Build the calendar view of a school as of `today`.
pub fn calendar_view(
    site: &SchoolSite,
    t: &Translations,
    today: NaiveDate,
    site_url: Option<&str>,
) -> CalendarView {
    let school = &site.school;
    let sessions = schedule::sessions(school, &site.production_calendar);
    let view = |s: &Session| session_view(site, s, t);
    let state = schedule::year_state(&school.school_years, today);
    let is_event = |s: &&Session| matches!(s.source, SessionSource::Event(_));
    let (sessions_json, parents_json) = ScriptSessions::new(site, &sessions, t, today).json(t);
    CalendarView {
        status: year_status(state, t),
        years: years_shown(&school.school_years, today)
            .iter()
            .map(|y| year_view(y, t))
            .collect(),
        shown: state.shown().map(|y| year_view(y, t)),
        feeds: feeds::feeds(school, t)
            .iter()
            .map(|f| feed_link(f, site_url))
            .collect(),
        upcoming: sessions
            .iter()
            .filter(|s| s.date >= today)
            .take(UPCOMING)
            .map(view)
            .collect(),
        next_for_parents: (sessions.iter())
            .filter(|s| for_parents(s))
            .find(|s| s.date >= today)
            .map(view),
        events: sessions
            .iter()
            .filter(is_event)
            .filter(|s| s.date >= today)
            .map(view)
            .collect(),
        past_events: sessions
            .iter()
            .filter(is_event)
            .filter(|s| s.date < today)
            .map(|s| SessionView {
                ics: None,
                ..view(s)
            })
            .collect(),
        as_of: page_date(today, t),
        sessions_json,
        parents_json,
        support_json: support_json(site, today),
    }
}

/// The caption and, outside a school year, the plain words about which year the hours are for.
fn year_status(state: YearState, t: &Translations) -> Option<YearStatusView> {
    let shown = state.shown()?;
    let year = shown.label();
    let notice = match state {
        YearState::Unknown | YearState::Current(_) => None,
        YearState::Ended(_) => Some(t.format("calendar.year_ended", &[("year", &year)])),
        YearState::Upcoming { ended, next } => {
            let date = page_date(next.start, t);
            Some(
                match ended {
                    Some(ended) => t.format(
                        "calendar.year_upcoming",
                        &[("ended", &ended.label()), ("year", &year), ("date", &date)],
                    ),
                    None => t.format("calendar.year_first", &[("year", &year), ("date", &date)]),
                }
                // A date that ends in "г." ends the sentence too.
                .replace("..", "."),
            )
        }
    };
    Some(YearStatusView {
        state: match state {
            YearState::Unknown | YearState::Current(_) => "current",
            YearState::Upcoming { .. } => "upcoming",
            YearState::Ended(_) => "ended",
        },
        caption: t.format("calendar.year_caption", &[("year", &year)]),
        notice,
    })
}

/// The years a reader still needs: those not ended by `today`, or the last one when all have.
fn years_shown(years: &[SchoolYear], today: NaiveDate) -> &[SchoolYear] {
    let first = years
        .iter()
        .position(|y| y.end >= today)
        .unwrap_or(years.len().saturating_sub(1));
    &years[first..]
}

fn year_view(year: &SchoolYear, t: &Translations) -> YearView {
    YearView {
        title: t.format("calendar.year_label", &[("year", &year.label())]),
        start: page_date(year.start, t),
        end: page_date(year.end, t),
        terms: year.terms.iter().map(|p| period_view(p, t)).collect(),
        vacations: year.vacations.iter().map(|p| period_view(p, t)).collect(),
    }
}

fn period_view(period: &crate::model::school::Period, t: &Translations) -> PeriodView {
    PeriodView {
        name: period.name.clone(),
        start: page_date(period.start, t),
        end: page_date(period.end, t),
    }
}

fn feed_link(feed: &Feed, site_url: Option<&str>) -> FeedLink {
    let https = site_url.map(|site| format!("{site}{}", feed.path));
    let webcal = https.as_ref().map(|url| {
        let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        format!("webcal://{rest}")
    });
    FeedLink {
        name: crate::render::filters::nbsp_after_number_sign(&feed.name),
        path: feed.path.clone(),
        webcal,
        https,
    }
}

fn session_view(site: &SchoolSite, session: &Session, t: &Translations) -> SessionView {
    let kind = session_kind(site, session, t);
    let ics = match session.source {
        SessionSource::Event(i) => Some(feeds::event_path(&site.school.events[i].id)),
        SessionSource::Slot { .. } => None,
    };
    SessionView {
        date: page_date_weekday(session.date, t),
        time: kind.time,
        place: kind.place,
        who: kind.who,
        title: kind.title,
        kind: kind.kind,
        audience: kind.audience,
        note: kind.note,
        moved: kind.moved,
        ics,
    }
}

fn for_parents(session: &Session) -> bool {
    session.audiences.is_empty() || session.audiences.contains(&Audience::Parents)
}

/// The sessions for the page script, compact: a school year has hundreds of sessions that
/// repeat a few descriptions, and parents load the page on slow connections.
#[derive(Debug, Serialize)]
struct SessionsJson<'a> {
    /// What the script needs to write a date exactly as the page does (`page_date_weekday`):
    /// weekday names from Monday, month names in the genitive, the `date.page` pattern and
    /// `date.page_weekday` around it.
    weekdays: &'a [String],
    months: &'a [String],
    page_date: &'a str,
    date_weekday: &'a str,
    /// The distinct descriptions of sessions, referred to by index.
    kinds: Vec<&'a SessionKind>,
    /// `[start, end, local date, kind]`: start and end as Unix seconds (so the script compares
    /// them with "now" directly), the date as YYYY-MM-DD in the school's zone.
    sessions: Vec<(i64, i64, &'a str, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
struct SessionKind {
    time: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    place: String,
    who: Option<String>,
    audience: String,
    note: Option<String>,
    moved: bool,
}

/// The sessions that have not ended by the build date (the script shows only those still to
/// come), each with its times, date and description worked out once for both of the pages'
/// lists: every session (the schedule page) and those parents may attend (the home page).
struct ScriptSessions {
    kinds: Vec<SessionKind>,
    sessions: Vec<ScriptSession>,
}

/// One session to come, as both lists write it.
struct ScriptSession {
    /// Unix seconds.
    start: i64,
    end: i64,
    /// YYYY-MM-DD in the school's zone.
    date: String,
    /// Its description, in `ScriptSessions::kinds`.
    kind: usize,
    for_parents: bool,
}

impl ScriptSessions {
    fn new(site: &SchoolSite, sessions: &[Session], t: &Translations, today: NaiveDate) -> Self {
        let tz = site.school.identity.timezone;
        let unix = |date: NaiveDate, time: crate::model::types::TimeOfDay| {
            let local = date.and_time(time.to_chrono());
            tz.from_local_datetime(&local)
                .earliest()
                .map_or_else(|| local.and_utc().timestamp(), |d| d.timestamp())
        };
        // Sessions are grouped first by what their description is made of (no strings built),
        // and a description is written once a group.
        let mut by_source: FxHashMap<KindSource, usize> = FxHashMap::default();
        let mut by_kind: FxHashMap<SessionKind, usize> = FxHashMap::default();
        let mut kinds: Vec<SessionKind> = Vec::new();
        let mut list = Vec::with_capacity(sessions.len());
        for s in sessions.iter().filter(|s| s.date >= today) {
            let source = kind_source(site, s);
            let index = if let Some(&index) = by_source.get(&source) {
                index
            } else {
                let kind = session_kind(site, s, t);
                let index = *by_kind.entry(kind.clone()).or_insert_with(|| {
                    kinds.push(kind);
                    kinds.len() - 1
                });
                by_source.insert(source, index);
                index
            };
            list.push(ScriptSession {
                start: unix(s.date, s.time.start),
                end: unix(s.date, s.time.end),
                date: iso_date(s.date),
                kind: index,
                for_parents: for_parents(s),
            });
        }
        ScriptSessions {
            kinds,
            sessions: list,
        }
    }

    /// The JSON of every session and that of the parents' ones, safe inside a `<script>`
    /// element. Each list names only the descriptions it uses, in the order it first uses them.
    fn json(&self, t: &Translations) -> (String, String) {
        let weekdays: Vec<String> = (Weekday::ALL.iter())
            .map(|day| t.text(&format!("weekday_lower.{}", day.key())))
            .collect();
        let months: Vec<String> = (1..=12)
            .map(|m| t.text(&format!("month_genitive.m{m}")))
            .collect();
        let (page_date, date_weekday) = (t.text("date.page"), t.text("date.page_weekday"));
        let write = |parents_only: bool| {
            let mut local: Vec<Option<usize>> = vec![None; self.kinds.len()];
            let mut kinds = Vec::new();
            let sessions = (self.sessions.iter())
                .filter(|session| session.for_parents || !parents_only)
                .map(|session| {
                    let index = *local[session.kind].get_or_insert_with(|| {
                        kinds.push(&self.kinds[session.kind]);
                        kinds.len() - 1
                    });
                    (session.start, session.end, session.date.as_str(), index)
                })
                .collect();
            let json = SessionsJson {
                weekdays: &weekdays,
                months: &months,
                page_date: &page_date,
                date_weekday: &date_weekday,
                kinds,
                sessions,
            };
            crate::render::escape::script_json(&json).unwrap_or_else(|_| "null".into())
        };
        (write(false), write(true))
    }
}

/// `date` as YYYY-MM-DD, as its `Display` writes it, without the formatting machinery: the
/// page script gets the date of every session of the year, in every school.
fn iso_date(date: NaiveDate) -> String {
    let Ok(year) = u32::try_from(date.year()) else {
        return date.to_string();
    };
    if year > 9999 {
        return date.to_string();
    }
    let mut text = String::with_capacity(10);
    for (value, digits) in [(year, 4), (date.month(), 2), (date.day(), 2)] {
        if digits == 2 {
            text.push('-');
        }
        for power in (0..digits).rev() {
            let digit = value / 10u32.pow(power) % 10;
            text.extend(char::from_digit(digit, 10));
        }
    }
    text
}

/// Everything a session's description is made of, borrowed: equal sources give equal kinds.
type KindSource<'a> = (
    Option<(&'a str, EventKind)>,
    bool,
    TimeRange,
    Option<&'a str>,
    Option<usize>,
    &'a [Audience],
    Option<&'a str>,
);

fn kind_source<'a>(site: &'a SchoolSite, session: &'a Session) -> KindSource<'a> {
    let (event, moved) = match session.source {
        SessionSource::Event(i) => {
            let event = &site.school.events[i];
            (Some((event.title.as_str(), event.kind)), false)
        }
        SessionSource::Slot { moved, .. } => (None, moved),
    };
    (
        event,
        moved,
        session.time,
        session.place.as_deref(),
        session.consultant,
        &session.audiences,
        session.note.as_deref(),
    )
}

fn session_kind(site: &SchoolSite, session: &Session, t: &Translations) -> SessionKind {
    let school = &site.school;
    let (title, kind, moved) = match session.source {
        SessionSource::Event(i) => {
            let event = &school.events[i];
            (
                event.title.clone(),
                Some(naming::event_kind_text(event.kind, t)),
                false,
            )
        }
        SessionSource::Slot { moved, .. } => (t.text("schedule.consultation"), None, moved),
    };
    SessionKind {
        time: session.time.to_string(),
        title,
        kind,
        place: naming::place_text(school, session.place.as_deref(), session.consultant, t),
        who: (session.consultant)
            .and_then(|i| school.consultants.get(i))
            .map(naming::consultant_label),
        audience: naming::audience_text(&session.audiences, t),
        note: session.note.clone(),
        moved,
    }
}

/// The vendor's hours as rules the script can evaluate for "open now / opens at".
#[derive(Debug, Serialize)]
struct SupportJson {
    /// The vendor zone's UTC offset in minutes (no DST in Russian zones since 2014).
    offset_minutes: i32,
    windows: Vec<WindowJson>,
    /// Vendor-zone dates (YYYY-MM-DD) that are not worked, and weekend dates that are.
    rest_days: Vec<String>,
    working_weekends: Vec<String>,
}

#[derive(Debug, Serialize)]
struct WindowJson {
    key: String,
    always: bool,
    workdays_only: bool,
    start: u16,
    end: u16,
}

/// The support line's hours and the rest days, as JSON safe inside a `<script>` element.
fn support_json(site: &SchoolSite, today: NaiveDate) -> String {
    let platform = &site.school.platform;
    let support = &platform.support;
    let offset = crate::render::time::utc_offset_seconds(platform.timezone, today) / 60;
    let windows = (support.hours_by_key().into_iter())
        .filter_map(|(key, hours)| hours.map(|h| window_json(key, h)))
        .collect();
    let calendar = &site.production_calendar;
    let rest_days = calendar
        .holidays
        .keys()
        .chain(calendar.days_off.iter())
        .map(std::string::ToString::to_string)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let json = SupportJson {
        offset_minutes: offset,
        windows,
        rest_days,
        working_weekends: calendar
            .working_weekends
            .keys()
            .map(std::string::ToString::to_string)
            .collect(),
    };
    crate::render::escape::script_json(&json).unwrap_or_else(|_| "{}".into())
}

fn window_json(key: &str, hours: Hours) -> WindowJson {
    match hours {
        Hours::Always => WindowJson {
            key: key.into(),
            always: true,
            workdays_only: false,
            start: 0,
            end: 0,
        },
        Hours::Window { days, time } => WindowJson {
            key: key.into(),
            always: false,
            workdays_only: days == Days::Workdays,
            start: time.start.minutes(),
            end: time.end.minutes(),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn iso_dates_are_written_as_display_writes_them() {
        for (y, m, d) in [
            (2026, 12, 1),
            (2027, 1, 31),
            (99, 5, 7),
            (0, 1, 1),
            (9999, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::iso_date(date), date.to_string());
        }
        for (y, m, d) in [(12345, 6, 7), (-44, 3, 15)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::iso_date(date), date.to_string());
        }
    }
}
