//! Schedules as schools write them: one slot for every weekday («понедельник–пятница»,
//! «15.00-16.00») without a place, a consultant named by a short title, «назначена» from data.
//! The fixture `tests/fixtures/regulations/every-weekday` is built and every output asserted.

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Component, EventLike};
use serde_json::Value;

use crate::calendar::{feed, occurrences};
use crate::support::{Edit, Project, repo};

const SLUG: &str = "every-weekday";
const TITLE: &str = "Консультант по ИС «Дневник.ру»";
const ROLE_TAIL: &str = "ответственный за консультирование";
const ASK: &str = "уточняйте по телефону +7 343 200 00 03";

fn fixture_toml() -> String {
    let path = repo().join("tests/fixtures/regulations/every-weekday/school.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn built() -> Project {
    let project = Project::with_school(SLUG, &fixture_toml());
    project.run(&["build"]).success();
    project
}

/// The fixture with `from` replaced by `to` (which must be there), checked by `spravka check`.
fn check_changed(from: &str, to: &str) -> String {
    let toml = fixture_toml();
    assert!(toml.contains(from), "{from:?} is not in the fixture");
    let project = Project::with_school(SLUG, &toml.edit(from, to));
    project.run(&["check"]).fails_with(1)
}

/// Content lines unfolded (RFC 5545 §3.1): a line break and one space join the halves.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\n ", "")
}

fn at(y: i32, m: u32, d: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

#[test]
fn one_slot_for_every_weekday_is_one_row_with_the_range_and_where_to_ask() {
    let project = built();
    let page = project.page_text(&format!("public/{SLUG}/schedule.html"));
    let row = format!("Понедельник – пятница 15:00–16:00 {ASK} {TITLE} Всем");
    assert!(page.contains(&row), "{page}");
    assert!(
        page.contains(&format!(
            "Вторник, четверг 17:00–18:00 кабинет 12 {TITLE} Родителям"
        )),
        "{page}"
    );
    // The upcoming list: a session on each school day, each saying where to ask.
    for day in [
        "1 сентября 2026 г., вторник",
        "2 сентября 2026 г., среда",
        "3 сентября 2026 г., четверг",
        "4 сентября 2026 г., пятница",
    ] {
        assert!(page.contains(day), "{day} missing: {page}");
    }
    assert!(page.contains(&format!("Место: {ASK}")), "{page}");
    assert!(!page.contains("Место: Кто"), "an empty place: {page}");
    assert!(
        !page.contains(ROLE_TAIL),
        "the role sentence as a name: {page}"
    );
    assert!(
        !page.contains("Суббота, «"),
        "a session on a Saturday: {page}"
    );
}

#[test]
fn the_poster_names_the_consultant_by_the_short_title() {
    let project = built();
    let poster = project.page_text(&format!("public/{SLUG}/poster.html"));
    // Every row has the same consultant: the poster says so once, above the table; the row for
    // everyone comes first and says nothing of its audience, the parents' row is under a line
    // that says whom it is for.
    assert!(
        poster.contains(&format!("Кто консультирует: {TITLE} Приёмные часы.")),
        "{poster}"
    );
    let rows = format!(
        "Понедельник – пятница 15:00–16:00 {ASK} Родителям Вторник, четверг 17:00–18:00 кабинет 12"
    );
    assert!(poster.contains(&rows), "{poster}");
    assert!(
        poster.contains(&format!("{TITLE}: +7 343 200 00 03")),
        "{poster}"
    );
    assert!(!poster.contains(ROLE_TAIL), "{poster}");
}

#[test]
fn the_feed_has_one_event_for_the_weekdays_with_its_exceptions_on_the_right_days() {
    let project = built();
    let text = unfold(&project.read(&format!("public/{SLUG}/calendar/all.ics")));
    let uid = format!("UID:{SLUG}-slot-monday-to-friday-konsultant-2026-09-01@spravka");
    assert_eq!(
        text.matches(&uid).count(),
        2,
        "the series and one override: {text}"
    );
    assert!(
        text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL="),
        "{text}"
    );
    assert!(
        text.contains("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL="),
        "{text}"
    );
    // The cancelled Wednesday is an EXDATE; the moved Friday a RECURRENCE-ID at its own hour.
    assert!(
        text.contains("EXDATE;TZID=Asia/Yekaterinburg:20260909T150000"),
        "{text}"
    );
    assert!(
        text.contains("RECURRENCE-ID;TZID=Asia/Yekaterinburg:20260911T150000"),
        "{text}"
    );
    let series = text
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&uid) && e.contains("RRULE"))
        .unwrap();
    assert!(
        !series.contains("LOCATION"),
        "no place, no LOCATION: {series}"
    );
    assert!(
        series.contains(&format!("DESCRIPTION:Место: {ASK}")),
        "{series}"
    );
    assert!(
        series.contains(&format!("Консультирует: {TITLE}")),
        "{series}"
    );

    let calendar = feed(&project, &format!("public/{SLUG}/calendar/all.ics"));
    let mut week: Vec<NaiveDateTime> = occurrences(&calendar)
        .into_iter()
        .map(|(start, _)| start)
        .filter(|start| (at(2026, 9, 7, 0)..at(2026, 9, 14, 0)).contains(start))
        .collect();
    week.sort();
    let expected = [
        at(2026, 9, 7, 15),
        at(2026, 9, 8, 15),
        at(2026, 9, 8, 17),
        at(2026, 9, 10, 15),
        at(2026, 9, 10, 17),
        at(2026, 9, 11, 16),
    ];
    assert_eq!(week, expected);
    let moved = calendar
        .calendar_events()
        .find(|e| e.property_value("RECURRENCE-ID").is_some())
        .unwrap();
    assert_eq!(
        moved.get_location(),
        Some("кабинет 5, МАОУ «Гимназия № 3», 620000, г. Екатеринбург, ул. Учебная, д. 3")
    );
}

#[test]
fn the_vcard_and_json_ld_name_the_consultant_by_the_short_title() {
    let project = built();
    let card = unfold(&project.read(&format!("public/{SLUG}/consultant-konsultant.vcf")));
    assert!(card.contains(&format!("FN:{TITLE}\r\n")), "{card}");
    assert!(
        card.contains("TITLE:технический консультант\\, ответственный"),
        "{card}"
    );
    assert!(
        card.contains(
            "NOTE:Приёмные часы: понедельник – пятница 15:00–16:00\\; вторник\\, четверг 17:00–18:00\\, кабинет 12\r\n"
        ),
        "{card}"
    );
    let home = project.read(&format!("public/{SLUG}/index.html"));
    let opening = r#"<script type="application/ld+json">"#;
    let start = home.find(opening).unwrap() + opening.len();
    let end = start + home[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&home[start..end]).unwrap();
    let point = &ld["contactPoint"][0];
    assert_eq!(point["name"], TITLE);
    let days: Vec<&str> = point["hoursAvailable"][0]["dayOfWeek"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(days.len(), 5, "{days:?}");
    assert_eq!(days[0], "https://schema.org/Monday");
    assert_eq!(days[4], "https://schema.org/Friday");
    assert_eq!(point["hoursAvailable"][0]["opens"], "15:00");
}

#[test]
fn the_consultants_appointment_agrees_with_the_gender_in_the_data() {
    let project = built();
    let home = project.page_text(&format!("public/{SLUG}/index.html"));
    assert!(
        home.contains("(назначена: приказ директора № 45-о от 29.08.2025)"),
        "{home}"
    );
    assert!(!home.contains("Назначен"), "{home}");

    let toml = fixture_toml().edit_all("gender = \"f\"\n", "");
    let project = Project::with_school(SLUG, &toml);
    project.run(&["build"]).success();
    let home = project.page_text(&format!("public/{SLUG}/index.html"));
    assert!(
        home.contains("(приказ директора № 45-о от 29.08.2025)"),
        "{home}"
    );
    assert!(
        !home.to_lowercase().contains("назначен:"),
        "a guessed gender: {home}"
    );
}

#[test]
fn mistakes_in_days_are_reported_with_their_place_and_a_hint() {
    let backwards = check_changed("weekdays = \"понедельник–пятница\"", "weekdays = \"пт-пн\"");
    assert!(
        backwards.contains("`schedule.slots[0].weekdays`"),
        "{backwards}"
    );
    assert!(
        backwards.contains("the range `пт-пн` runs backwards"),
        "{backwards}"
    );
    assert!(backwards.contains("school.toml:40:12"), "{backwards}");

    let unknown = check_changed("[\"вторник\", \"четверг\"]", "[\"вторник\", \"четвер\"]");
    assert!(
        unknown.contains("`schedule.slots[1].weekdays[1]`"),
        "{unknown}"
    );
    assert!(
        unknown.contains("`четвер` is not a day of the week"),
        "{unknown}"
    );
    assert!(unknown.contains("пн … вс"), "{unknown}");

    let empty = check_changed("[\"вторник\", \"четверг\"]", "[]");
    assert!(empty.contains("no day of the week is given"), "{empty}");

    let both = check_changed(
        "weekdays = \"понедельник–пятница\"",
        "weekdays = \"пн-пт\"\nweekday = \"пн\"",
    );
    assert!(
        both.contains("a slot has `weekday` and `weekdays`"),
        "{both}"
    );

    let gender = check_changed("gender = \"f\"", "gender = \"female\"");
    assert!(gender.contains("`consultants[0].gender`"), "{gender}");
    assert!(
        gender.contains("write \"f\" (назначена) or \"m\""),
        "{gender}"
    );

    let saturday = check_changed("date = 2026-09-09", "date = 2026-09-12");
    assert!(
        saturday.contains("2026-09-12 is a saturday, not a day of slot"),
        "{saturday}"
    );
}

#[test]
fn the_old_single_weekday_key_takes_a_range_too() {
    let toml = fixture_toml().edit_all("weekdays = \"понедельник–пятница\"", "weekday = \"пн-пт\"");
    let project = Project::with_school(SLUG, &toml);
    project.run(&["build"]).success();
    let text = unfold(&project.read(&format!("public/{SLUG}/calendar/staff.ics")));
    assert!(text.contains("BYDAY=MO,TU,WE,TH,FR"), "{text}");
    assert!(text.contains("monday-to-friday-konsultant"), "{text}");
}

#[test]
fn an_empty_place_or_title_is_refused_rather_than_shown_empty() {
    let place = check_changed("place = \"кабинет 12\"", "place = \" \"");
    assert!(place.contains("`schedule.slots[1].place`"), "{place}");
    assert!(place.contains("leave the key out"), "{place}");
    let title = check_changed(&format!("title = \"{TITLE}\""), "title = \"\"");
    assert!(title.contains("`consultants[0].title`"), "{title}");
}
