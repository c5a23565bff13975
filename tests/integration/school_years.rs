//! Several school years, and what the pages and feeds say as the build date moves through them:
//! inside each year, in the summer between two, and after the last one.

use chrono::NaiveDate;

use crate::calendar::{feed, occurrences};
use crate::support::{Edit, Project, repo};

const SLUG: &str = "sh2";

/// The two-year fixture (2025/26 and 2026/27), built as if on `date`.
fn built_on(date: &str) -> Project {
    let toml = std::fs::read_to_string(repo().join("tests/fixtures/school-years/school.toml"))
        .expect("the fixture");
    let project = Project::with_school(SLUG, &toml);
    project.run_on(date, &["build"]).success();
    project
}

fn schedule(project: &Project) -> String {
    project.page_text(&format!("public/{SLUG}/schedule.html"))
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

#[test]
fn the_feed_covers_every_school_year_and_not_the_summer_between() {
    let project = built_on("2025-12-01");
    let calendar = feed(&project, &format!("public/{SLUG}/calendar/all.ics"));
    let dates: Vec<NaiveDate> = occurrences(&calendar)
        .into_iter()
        .filter(|(_, summary)| summary.starts_with("Консультация"))
        .map(|(start, _)| start.date())
        .collect();
    assert!(
        dates.contains(&day("2025-09-05")),
        "the first Friday of 2025/26"
    );
    assert!(
        dates.contains(&day("2026-05-22")),
        "the last Friday of 2025/26"
    );
    assert!(
        dates.contains(&day("2026-09-04")),
        "the first Friday of 2026/27"
    );
    assert!(
        dates.contains(&day("2027-05-21")),
        "the last Friday of 2026/27"
    );
    let summer = day("2026-05-27")..day("2026-09-01");
    assert!(
        !dates.iter().any(|d| summer.contains(d)),
        "no session in the summer: {dates:?}"
    );
    let text = project.read(&format!("public/{SLUG}/calendar/all.ics"));
    for uid in [
        "UID:sh2-slot-friday-admin-2025-09-01@spravka",
        "UID:sh2-slot-friday-admin-2026-09-01@spravka",
    ] {
        assert_eq!(text.matches(uid).count(), 1, "one series per year: {uid}");
    }
}

#[test]
fn inside_a_school_year_the_table_names_it_and_no_notice_is_shown() {
    for (date, year, as_of) in [
        ("2025-12-01", "2025/26", "По состоянию на 1 декабря 2025 г."),
        ("2026-12-01", "2026/27", "По состоянию на 1 декабря 2026 г."),
    ] {
        let text = schedule(&built_on(date));
        let caption = format!("График консультаций на {year} учебный год");
        assert!(text.contains(&caption), "{date}: {text}");
        assert!(text.contains(as_of), "{date}: {text}");
        assert!(!text.contains("закончился"), "{date}: {text}");
        assert!(!text.contains("не опубликован"), "{date}: {text}");
        assert!(text.contains(&format!("Учебный год {year}")), "{text}");
    }
    let later = schedule(&built_on("2026-12-01"));
    assert!(
        !later.contains("Учебный год 2025/26"),
        "an ended year is not listed once the next one runs: {later}"
    );
    let earlier = schedule(&built_on("2025-12-01"));
    assert!(
        earlier.contains("Учебный год 2026/27"),
        "the next year is listed ahead"
    );
    assert!(earlier.contains("5 декабря 2025 г., пятница"), "{earlier}");
}

#[test]
fn in_the_summer_between_two_years_the_page_says_when_the_next_starts() {
    let text = schedule(&built_on("2026-07-15"));
    assert!(
        text.contains(
            "Учебный год 2025/26 закончился. График на 2026/27 учебный год действует с 1 сентября 2026 г."
        ),
        "{text}"
    );
    assert!(!text.contains("г.."), "{text}");
    assert!(text.contains("График консультаций на 2026/27 учебный год"));
    assert!(
        text.contains(
            "Ближайшие консультации По состоянию на 15 июля 2026 г. 4 сентября 2026 г., пятница"
        ),
        "the next sessions are those of the coming year: {text}"
    );
    let before = schedule(&built_on("2025-08-15"));
    assert!(
        before.contains("График на 2025/26 учебный год действует с 1 сентября 2025 г. График"),
        "before the first year: {before}"
    );
    assert!(!before.contains("закончился"), "{before}");
}

#[test]
fn after_the_last_school_year_the_page_says_the_new_one_is_not_published() {
    let project = built_on("2027-07-01");
    let text = schedule(&project);
    assert!(
        text.contains(
            "График на 2026/27 учебный год. График на новый учебный год ещё не опубликован."
        ),
        "{text}"
    );
    assert!(text.contains("График консультаций на 2026/27 учебный год"));
    assert!(
        text.contains("По состоянию на 1 июля 2027 г. Ближайших консультаций нет."),
        "{text}"
    );
    let calendar = feed(&project, &format!("public/{SLUG}/calendar/all.ics"));
    assert!(
        !occurrences(&calendar).is_empty(),
        "the feed keeps the years it describes"
    );
}

#[test]
fn past_events_are_listed_as_past_without_add_to_calendar() {
    let project = built_on("2026-12-01");
    let html = project.read(&format!("public/{SLUG}/schedule.html"));
    let text = schedule(&project);
    let past = text.find("Прошедшие").expect("a past events heading");
    let seminar = text
        .find("Обучающий семинар по работе с ЭЖ")
        .expect("the seminar");
    let training = text
        .rfind("Тренинг: итоговые отметки")
        .expect("the training");
    assert!(seminar > past && training < past, "{text}");
    assert!(
        !html.contains("calendar/event-seminar-2025.ics"),
        "no add-to-calendar link for a past event"
    );
    assert!(
        html.contains("calendar/event-training-2026.ics"),
        "an upcoming event keeps its link"
    );
    // Built before it, the seminar is upcoming and keeps its link.
    let before = built_on("2025-09-01");
    let html = before.read(&format!("public/{SLUG}/schedule.html"));
    assert!(html.contains("calendar/event-seminar-2025.ics"));
    assert!(!schedule(&before).contains("Прошедшие"));
}

#[test]
fn the_script_reads_the_as_of_pattern_from_the_page() {
    let project = built_on("2026-12-01");
    let html = project.read(&format!("public/{SLUG}/schedule.html"));
    assert!(
        html.contains(r#"data-as-of="По состоянию на {date}""#),
        "{html}"
    );
    assert!(html.contains(r#""page_date":"{day} {month} {year} г.""#));
    let json = crate::support::embedded_json(&html, "sessions-data");
    let script = project
        .path()
        .join(format!("public/{SLUG}/assets/spravka.js"));
    let code = "const s = require(process.argv[1]);\
        const data = JSON.parse(process.argv[2]);\
        process.stdout.write(s.plainDate(new Date(2027, 0, 9), data));";
    let output = std::process::Command::new("node")
        .args(["-e", code])
        .arg(&script)
        .arg(json)
        .output()
        .expect("node runs (the test suite needs Node.js)");
    assert!(output.status.success(), "node failed");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "9 января 2027 г.");
}

fn check_with(years: &str) -> String {
    let fixture = std::fs::read_to_string(repo().join("tests/fixtures/school-years/school.toml"))
        .expect("the fixture");
    let head = &fixture[..fixture.find("[[school_years]]").expect("school years")];
    let tail = &fixture[fixture.find("[[events]]").expect("events")..];
    let project = Project::with_school(SLUG, &format!("{head}{years}\n{tail}"));
    project.run(&["check"]).fails_with(1)
}

#[test]
fn overlapping_or_unordered_school_years_are_reported() {
    let overlap = check_with(
        "[[school_years]]\nstart = 2025-09-01\nend = 2026-05-26\n\n\
         [[school_years]]\nstart = 2026-05-01\nend = 2027-05-25\n",
    );
    // The message is wrapped to the terminal width: its parts are checked one by one.
    for part in [
        "school year 2026/27 starts (2026-05-01)",
        "before 2025/26 ends",
    ] {
        assert!(overlap.contains(part), "{overlap}");
    }
    assert!(overlap.contains("`school_years[1].start`"), "{overlap}");
    let unordered = check_with(
        "[[school_years]]\nstart = 2026-09-01\nend = 2027-05-25\n\n\
         [[school_years]]\nstart = 2025-09-01\nend = 2026-05-26\n",
    );
    assert!(
        unordered.contains("school year 2025/26 is listed after 2026/27, which starts later"),
        "{unordered}"
    );
}

#[test]
fn both_forms_of_the_school_year_at_once_are_reported() {
    let both = check_with(
        "[school_year]\nstart = 2026-09-01\nend = 2027-05-25\n\n\
         [[school_years]]\nstart = 2025-09-01\nend = 2026-05-26\n",
    );
    assert!(
        both.contains("both [school_year] and [[school_years]] are given"),
        "{both}"
    );
}

#[test]
fn office_hours_without_a_school_year_are_an_error_naming_the_field() {
    let err = check_with("");
    assert!(
        err.contains("the school has weekly office hours but no school year"),
        "{err}"
    );
    assert!(err.contains("`schedule.slots`"), "{err}");
    assert!(
        err.contains("add [school_year] with `start` and `end`"),
        "{err}"
    );
}

#[test]
fn the_old_single_school_year_form_still_builds() {
    let fixture = std::fs::read_to_string(repo().join("tests/fixtures/school-years/school.toml"))
        .expect("the fixture");
    let one = fixture.edit("[[school_years]]", "[school_year]");
    let cut = one.find("[[school_years]]").expect("the second year");
    let end = one.find("[[events]]").expect("events");
    let toml = format!("{}{}", &one[..cut], &one[end..]);
    let project = Project::with_school(SLUG, &toml);
    project.run_on("2025-12-01", &["build"]).success();
    let text = schedule(&project);
    assert!(
        text.contains("График консультаций на 2025/26 учебный год"),
        "{text}"
    );
}

/// The fixture where 2026/27 moves the office hours from Friday to Thursday: each year names
/// the slots it holds.
fn moved_to_thursday() -> String {
    let fixture = std::fs::read_to_string(repo().join("tests/fixtures/school-years/school.toml"))
        .expect("the fixture");
    let thursday = "[[schedule.slots]]\nid = \"thursday\"\nweekday = \"thursday\"\n\
        time = \"15:00-16:00\"\nplace = \"кабинет 14\"\nconsultant = \"admin\"\n\n";
    fixture
        .edit("[[school_years]]", &format!("{thursday}[[school_years]]"))
        .edit_all(
            "start = 2025-09-01\nend = 2026-05-26",
            "start = 2025-09-01\nend = 2026-05-26\nslots = [\"friday-admin\"]",
        )
        .edit_all(
            "start = 2026-09-01\nend = 2027-05-25",
            "start = 2026-09-01\nend = 2027-05-25\nslots = [\"thursday\"]",
        )
}

#[test]
fn each_school_year_can_hold_its_own_slots() {
    let toml = moved_to_thursday().edit(
        "role = \"администратор АИС «Дневник.ру» в школе\"",
        "role = \"администратор АИС «Дневник.ру» в школе\"\nemail = \"admin@school-2.ru\"",
    );
    let project = Project::with_school(SLUG, &toml);
    project.run_on("2025-12-01", &["build"]).success();
    let text = schedule(&project);
    assert!(text.contains("Пятница 14:00–15:30"), "{text}");
    assert!(!text.contains("Четверг 15:00–16:00"), "{text}");
    // The consultant's card and the structured data give the hours of the same year.
    let card = project.read(&format!("public/{SLUG}/consultant-admin.vcf"));
    assert!(
        card.contains("NOTE:Приёмные часы: пятница 14:00–15:30"),
        "{card}"
    );
    assert!(!card.contains("четверг"), "{card}");
    let home = project.read(&format!("public/{SLUG}/index.html"));
    assert!(home.contains("https://schema.org/Friday"), "{home}");
    assert!(!home.contains("https://schema.org/Thursday"), "{home}");
    let calendar = feed(&project, &format!("public/{SLUG}/calendar/all.ics"));
    let dates: Vec<NaiveDate> = occurrences(&calendar)
        .into_iter()
        .map(|(start, _)| start.date())
        .collect();
    assert!(dates.contains(&day("2026-05-22")), "Friday of 2025/26");
    assert!(!dates.contains(&day("2026-09-04")), "no Friday in 2026/27");
    assert!(dates.contains(&day("2026-09-03")), "Thursday of 2026/27");
    assert!(
        !dates.contains(&day("2025-09-04")),
        "no Thursday in 2025/26"
    );
    project.run_on("2026-07-15", &["build"]).success();
    let summer = schedule(&project);
    assert!(
        summer.contains("Четверг 15:00–16:00"),
        "the coming year's table: {summer}"
    );
    assert!(!summer.contains("Пятница 14:00–15:30"), "{summer}");
}

#[test]
fn a_school_year_naming_an_unknown_slot_is_reported() {
    let toml = moved_to_thursday().edit_all("slots = [\"thursday\"]", "slots = [\"thursdya\"]");
    let project = Project::with_school(SLUG, &toml);
    let err = project.run(&["check"]).fails_with(1);
    assert!(err.contains("unknown slot `thursdya`"), "{err}");
    assert!(err.contains("`school_years[1].slots[0]`"), "{err}");
    assert!(
        err.contains("write the id of a slot: thursday, friday-admin"),
        "{err}"
    );
}

#[test]
fn the_examples_built_today_are_current() {
    let project = Project::examples();
    project.run_on("2026-12-01", &["build"]).success();
    let today = day("2026-12-01");
    for school in ["internat-11", "mytishchi-27", "osh"] {
        let calendar = feed(&project, &format!("public/{school}/calendar/all.ics"));
        let ahead = occurrences(&calendar)
            .iter()
            .filter(|(start, _)| start.date() > today)
            .count();
        assert!(ahead > 10, "{school}: {ahead} occurrences after today");
        let text = project.page_text(&format!("public/{school}/schedule.html"));
        assert!(
            text.contains("График консультаций на 2026/27 учебный год"),
            "{school}: {text}"
        );
        assert!(
            text.contains("По состоянию на 1 декабря 2026 г. "),
            "{school}: {text}"
        );
        assert!(
            !text.contains("Ближайших консультаций нет"),
            "{school}: {text}"
        );
        assert!(!text.contains("не опубликован"), "{school}: {text}");
    }
    let osh = project.read("public/osh/schedule.html");
    let past = osh
        .find("Прошедшие")
        .expect("the September seminar is past");
    let seminar = osh
        .find("Обучающий семинар по работе с ЭЖ")
        .expect("the seminar");
    assert!(seminar > past);
}

/// The notice left on the board names the school year its hours are for: the one the pages
/// show, which is the next year in the summer, and the last one after it.
#[test]
fn the_poster_names_the_school_year_the_pages_show() {
    for (date, dates) in [
        (
            "2025-12-01",
            "Учебный год: с 1 сентября 2025 г. по 26 мая 2026 г.",
        ),
        (
            "2026-07-15",
            "Учебный год: с 1 сентября 2026 г. по 25 мая 2027 г.",
        ),
        (
            "2027-07-01",
            "Учебный год: с 1 сентября 2026 г. по 25 мая 2027 г.",
        ),
    ] {
        let poster = built_on(date).page_text(&format!("public/{SLUG}/poster.html"));
        assert!(poster.contains(dates), "{date}: {poster}");
        assert_eq!(
            poster.matches("Учебный год: с").count(),
            1,
            "{date}: {poster}"
        );
    }
}
