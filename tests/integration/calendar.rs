//! Calendar feeds: they parse back with the `icalendar` crate, expand to the right sessions over a
//! whole school year, stay byte-identical across builds, and keep UIDs while SEQUENCE grows.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, Component};

use crate::support::{Edit, Project, repo, snapshot, text_of};

pub(crate) fn feed(project: &Project, path: &str) -> Calendar {
    let text = project.read(path);
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// Every occurrence of every event in a feed, as local start date-times, overrides applied.
pub(crate) fn occurrences(calendar: &Calendar) -> Vec<(NaiveDateTime, String)> {
    let mut overridden: BTreeSet<(String, String)> = BTreeSet::new();
    let mut masters = Vec::new();
    let mut overrides = Vec::new();
    for event in calendar.calendar_events() {
        let uid = event.get_uid().unwrap_or_default().to_owned();
        let summary = event.get_summary().unwrap_or_default().to_owned();
        let starts = event
            .get_recurrence()
            .expect("a valid recurrence")
            .all(1000)
            .dates;
        match event.property_value("RECURRENCE-ID") {
            Some(rid) => {
                overridden.insert((uid, rid.to_owned()));
                overrides.extend(
                    starts
                        .into_iter()
                        .map(|s| (s.naive_local(), summary.clone())),
                );
            }
            None => masters.extend(
                starts
                    .into_iter()
                    .map(|s| (uid.clone(), s.naive_local(), summary.clone())),
            ),
        }
    }
    masters
        .into_iter()
        .filter(|(uid, start, _)| {
            !overridden.contains(&(uid.clone(), start.format("%Y%m%dT%H%M%S").to_string()))
        })
        .map(|(_, start, summary)| (start, summary))
        .chain(overrides)
        .collect()
}

fn holidays() -> BTreeSet<NaiveDate> {
    let mut dates = BTreeSet::new();
    for year in [2026, 2027] {
        let text = std::fs::read_to_string(repo().join(format!("content/calendar/ru-{year}.toml")))
            .unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        for key in ["holidays", "days_off"] {
            for item in table[key].as_array().unwrap() {
                let date = item["date"].as_datetime().unwrap().to_string();
                dates.insert(date.parse().unwrap());
            }
        }
    }
    dates
}

fn built() -> Project {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project
}

#[test]
fn every_feed_parses_back() {
    let project = built();
    let feeds: Vec<String> = snapshot(&project.path().join("public"))
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with(".ics"))
        .collect();
    // Four per school (all, staff, parents, the consultant) and one per event: 3 × 4 + 7.
    assert_eq!(feeds.len(), 19, "{feeds:?}");
    for path in feeds {
        let calendar = feed(&project, &format!("public/{path}"));
        assert!(calendar.events().count() > 0, "{path} has no events");
        assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"), "{path}");
    }
}

#[test]
fn monday_slot_expands_over_the_school_year_without_rest_days() {
    let project = built();
    let calendar = feed(&project, "public/mytishchi-27/calendar/staff.ics");
    let mondays: Vec<NaiveDateTime> = occurrences(&calendar)
        .into_iter()
        .filter(|(_, summary)| summary.starts_with("Консультация"))
        .map(|(start, _)| start)
        .collect();
    // 38 Mondays from 1 Sep 2026 to 25 May 2027, minus 5 in vacations (26 Oct, 2 Nov, 28 Dec, 4 Jan,
    // 29 Mar), 4 rest days (22 Feb, moved to the working Saturday 20 Feb and skipped there too;
    // 8 Mar; 3 and 10 May) and 1 cancellation (28 Sep) = 28, one of them moved.
    assert_eq!(mondays.len(), 28, "{mondays:#?}");
    let holidays = holidays();
    let vacations = [
        ("2026-10-24", "2026-11-04"),
        ("2026-12-28", "2027-01-10"),
        ("2027-03-27", "2027-04-04"),
    ];
    for start in &mondays {
        let date = start.date();
        assert!(!holidays.contains(&date), "session on a rest day: {date}");
        for (from, to) in vacations {
            assert!(
                !(from.parse::<NaiveDate>().unwrap()..=to.parse().unwrap()).contains(&date),
                "session in a vacation: {date}"
            );
        }
        assert_ne!(
            date,
            NaiveDate::from_ymd_opt(2026, 9, 28).unwrap(),
            "cancelled session is gone"
        );
    }
    let moved = NaiveDate::from_ymd_opt(2026, 10, 12)
        .unwrap()
        .and_hms_opt(16, 0, 0)
        .unwrap();
    assert!(
        mondays.contains(&moved),
        "the moved session starts at 16:00"
    );
    let original = NaiveDate::from_ymd_opt(2026, 10, 12)
        .unwrap()
        .and_hms_opt(15, 0, 0)
        .unwrap();
    assert!(
        !mondays.contains(&original),
        "the original time of the moved session is gone"
    );
}

#[test]
fn audience_feeds_hold_their_own_events() {
    let project = built();
    let staff = project.read("public/mytishchi-27/calendar/staff.ics");
    let parents = project.read("public/mytishchi-27/calendar/parents.ics");
    assert!(staff.contains("Семинар для учителей") && !staff.contains("Родительское собрание"));
    assert!(parents.contains("Родительское собрание") && !parents.contains("Семинар для учителей"));
    assert!(
        parents.contains("BYDAY=WE") && !staff.contains("BYDAY=WE"),
        "the parents' Wednesday slot"
    );
}

#[test]
fn feeds_follow_the_pitfall_rules() {
    let project = built();
    let text = project.read("public/internat-11/calendar/all.ics");
    assert!(text.contains("X-WR-TIMEZONE:Asia/Krasnoyarsk"));
    assert!(text.contains("TZID:Asia/Krasnoyarsk\r\n"));
    assert!(text.contains("TZOFFSETTO:+0700"));
    assert!(
        text.contains("EXDATE;TZID=Asia/Krasnoyarsk:20261103T140000"),
        "EXDATE in the slot's zone and wall-clock time"
    );
    assert!(
        text.contains("UNTIL=20270525T165959Z"),
        "UNTIL in UTC: 23:59:59 Krasnoyarsk time"
    );
    assert!(
        text.contains("DTSTART;TZID=Asia/Krasnoyarsk:20260901T140000"),
        "DTSTART on the first Tuesday"
    );
    assert!(text.contains("METHOD:PUBLISH") && !text.contains("REQUEST"));
    for line in text.split("\r\n").filter(|l| l.starts_with("DTSTAMP")) {
        assert!(line.ends_with('Z') && !line.contains("TZID"), "{line}");
    }
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        assert!(!line.contains('\n'), "bare LF");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn changing_one_slot_keeps_its_uid_and_raises_its_sequence_only() {
    let project = built();
    let before = project.read("public/mytishchi-27/calendar/all.ics");
    let toml = project
        .read("schools/mytishchi-27/school.toml")
        .edit("place = \"кабинет 21\"", "place = \"кабинет 22\"");
    project.write("schools/mytishchi-27/school.toml", &toml);
    project.run(&["build"]).success();
    let after = project.read("public/mytishchi-27/calendar/all.ics");
    let events = |text: &str| -> Vec<String> {
        text.split("BEGIN:VEVENT")
            .skip(1)
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (events(&before), events(&after));
    assert_eq!(old.len(), new.len());
    let changed: Vec<usize> = (0..old.len()).filter(|i| old[*i] != new[*i]).collect();
    assert_eq!(
        changed,
        vec![0],
        "only the Monday slot's master event changes"
    );
    assert!(new[0].contains("UID:mytishchi-27-slot-monday-konsultant-2026-09-01@spravka"));
    assert!(
        old[0].contains("SEQUENCE:0") && new[0].contains("SEQUENCE:1"),
        "{}",
        new[0]
    );
    project.run(&["build"]).success();
    assert_eq!(
        after,
        project.read("public/mytishchi-27/calendar/all.ics"),
        "an unchanged rebuild keeps SEQUENCE"
    );
}

#[test]
fn working_weekend_can_take_over_the_replaced_days_sessions() {
    let project = Project::fixtures();
    let toml = project.read("schools/mytishchi-27/school.toml").edit_all(
        "working_weekends = \"skip\"",
        "working_weekends = \"replaced_day\"",
    );
    project.write("schools/mytishchi-27/school.toml", &toml);
    project.run(&["build"]).success();
    let text = project.read("public/mytishchi-27/calendar/all.ics");
    assert!(text.contains("RECURRENCE-ID;TZID=Europe/Moscow:20270222T150000\r\nDTSTART;TZID=Europe/Moscow:20270220T150000"), "Monday 22 Feb moves to the working Saturday 20 Feb");
    assert!(!text.contains("EXDATE;TZID=Europe/Moscow:20270222T150000"));
}

#[test]
fn exception_for_a_date_without_a_session_is_reported() {
    let project = Project::fixtures();
    let toml = project
        .read("schools/mytishchi-27/school.toml")
        .edit_all("date = 2026-09-28", "date = 2026-09-29");
    project.write("schools/mytishchi-27/school.toml", &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(
        stderr.contains(
            "`schedule.exceptions[0].date`: 2026-09-29 is not a monday of slot `monday-konsultant`"
        ),
        "{stderr}"
    );
}

#[test]
fn school_year_outside_the_production_calendar_is_a_warning() {
    let project = Project::fixtures();
    let toml = project
        .read("schools/osh/school.toml")
        .edit("start = 2026-09-01", "start = 2027-09-01")
        .edit("end = 2027-05-25", "end = 2028-05-26");
    project.write("schools/osh/school.toml", &toml);
    // A warning saying what is assumed, not an error a teacher cannot fix.
    let run = project.run(&["check"]);
    run.success();
    let stderr = run.stderr();
    assert!(
        stderr.contains("warning: `school_year.end`: there is no production calendar for 2028"),
        "{stderr}"
    );
    assert!(stderr.contains("only Saturdays and"), "{stderr}");
    assert!(stderr.contains("content/calendar/ru-2028.toml"), "{stderr}");
    let denied = project.run(&["check", "--deny-warnings"]).fails_with(1);
    assert!(
        denied.contains("no production calendar for 2028"),
        "{denied}"
    );
}

#[test]
fn production_calendar_counts_are_checked() {
    let project = Project::fixtures();
    let text = project
        .read("content/calendar/ru-2025.toml")
        .edit_all("working_days = 247", "working_days = 248");
    project.write("content/calendar/ru-2025.toml", &text);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(
        stderr.contains("the dates give 247 working days in 2025, not 248"),
        "{stderr}"
    );
}

/// The page script, run under Node on the page's own data at the build instant, lists the same
/// upcoming sessions, in the same words, as the page built for readers without JavaScript.
#[test]
fn script_lists_the_upcoming_sessions_the_page_lists() {
    let project = built();
    for school in ["mytishchi-27", "internat-11", "osh"] {
        let page = project.read(&format!("public/{school}/schedule.html"));
        let json = crate::support::embedded_json(&page, "sessions-data");
        let section = between(&page, r#"<section id="upcoming""#, "</section>");
        let on_page: Vec<String> = section
            .split(r#"<li class="session""#)
            .skip(1)
            .map(|item| {
                let when = between(item, "<strong>", "</strong>");
                let time = between(item, r#"<span class="session-time">"#, "</span>");
                let title = between(item, r#"<p class="session-title">"#, "</p>");
                text_of(&format!("{when} {time} {title}"))
            })
            .collect();
        let script = project
            .path()
            .join(format!("public/{school}/assets/spravka.js"));
        let from_script: Vec<serde_json::Value> =
            serde_json::from_str(&node_upcoming(&script, json, 1_756_684_800_000)).unwrap();
        let from_script: Vec<String> = from_script
            .iter()
            .map(|s| format!("{} {} {}", s["date"], s["time"], s["title"]).replace('"', ""))
            .collect();
        assert!(!on_page.is_empty(), "{school}: no upcoming sessions");
        assert_eq!(from_script, on_page, "{school}");
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &text[from..to]
}

/// `upcoming(data, now)` of the page script, evaluated by Node.
fn node_upcoming(script: &std::path::Path, json: &str, now_ms: i64) -> String {
    use std::io::Write;
    let code = "const s = require(process.argv[1]);\
        const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\
        process.stdout.write(JSON.stringify(s.upcoming(data, +process.argv[2])));";
    let mut child = std::process::Command::new("node")
        .args(["-e", code])
        .arg(script)
        .arg(now_ms.to_string())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (the test suite needs Node.js)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn an_events_kind_is_shown_on_the_page_and_carried_by_its_feeds() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let schedule = project.page_text("public/mytishchi-27/schedule.html");
    assert!(
        schedule.contains("Семинар для учителей: ведение электронного журнала")
            && schedule.contains("Вид события: Семинар")
            && schedule.contains("Вид события: Родительское собрание"),
        "{schedule}"
    );
    let event = project.read("public/mytishchi-27/calendar/event-2026-09-09-1.ics");
    assert!(event.contains("\r\nCATEGORIES:Семинар\r\n"), "{event}");
    let all = project.read("public/mytishchi-27/calendar/all.ics");
    assert_eq!(
        all.matches("\r\nCATEGORIES:").count(),
        3,
        "one per event, none per slot"
    );
}
