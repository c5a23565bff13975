//! Warnings about data that validates but is probably wrong or out of date: one function per check.
//!
//! Each check reports through a `Collector` as a warning (the build goes on, `--deny-warnings`
//! stops it). The checks that depend on the day of the build take it as an argument, so the
//! model stays free of clocks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::Article;
use super::parse_date;
use super::production_calendar::ProductionCalendar;
use super::school::{ChannelKind, Consultant, School, SchoolYear, Slot};
use super::text::check_line;
use crate::data::school::{RawConsent, RawConsultant, RawSchool};
use crate::diagnostic::{Collector, FieldPath, Problem};
use crate::locale::t;

/// A school year ending within this many days with no next one described is reported.
pub const YEAR_ENDING_DAYS: i64 = 30;
/// Office hours are expected within these hours of the day.
const EARLIEST_HOUR: u16 = 7;
const LATEST_HOUR: u16 = 22;
/// A slot shorter than this is probably a typo in its end time.
const SHORTEST_MINUTES: u16 = 10;

/// Every warning about one validated school, built on `today`.
pub fn school_warnings(
    school: &School,
    raw: &RawSchool,
    calendar: &ProductionCalendar,
    today: NaiveDate,
    report: &mut Collector,
) {
    let years = school_years(school, raw);
    school_year_ending(&years, today, report);
    missing_calendar_years(&years, calendar, report);
    overlapping_slots(school, report);
    slot_hours(&school.schedule.slots, report);
    parents_without_contacts(school, report);
    consent(&school.consultants, &raw.consultants, report);
}

/// Each school year with the field it was written in: `school_year`, or `school_years[i]`.
fn school_years<'a>(school: &'a School, raw: &RawSchool) -> Vec<(FieldPath, &'a SchoolYear)> {
    let root = FieldPath::root();
    let field = |i: usize| match raw.school_year {
        Some(_) => root.key("school_year"),
        None => root.key("school_years").index(i),
    };
    (school.school_years.iter().enumerate())
        .map(|(i, year)| (field(i), year))
        .collect()
}

/// Report a warning at `field`.
fn warn(report: &mut Collector, field: &FieldPath, message: String, hint: String) {
    let file = Arc::clone(report.file());
    let mut problem = Problem::new(message)
        .in_file(&file)
        .with_span(file.span_of(field))
        .with_field(field.to_string())
        .as_warning();
    if !hint.is_empty() {
        problem = problem.with_hint(hint);
    }
    report.push(problem);
}

/// The last school year has ended, or ends within `YEAR_ENDING_DAYS` with none after it.
pub fn school_year_ending(
    years: &[(FieldPath, &SchoolYear)],
    today: NaiveDate,
    report: &mut Collector,
) {
    let Some((at, last)) = years.iter().max_by_key(|(_, year)| year.end) else {
        return;
    };
    let field = at.key("end");
    let left = (last.end - today).num_days();
    if left < 0 {
        warn(
            report,
            &field,
            t!("lint-year-ended", end = last.end.to_string()),
            t!("lint-next-year-hint"),
        );
    } else if left <= YEAR_ENDING_DAYS {
        warn(
            report,
            &field,
            t!(
                "lint-year-ending",
                end = last.end.to_string(),
                days = t!("count-days", n = left),
                today = today.to_string()
            ),
            t!("lint-next-year-hint"),
        );
    }
}

/// A calendar year that a school year reaches into has no production calendar: its public
/// holidays are not known, so office hours on them are shown as held.
pub fn missing_calendar_years(
    years: &[(FieldPath, &SchoolYear)],
    calendar: &ProductionCalendar,
    report: &mut Collector,
) {
    let mut reported = BTreeSet::new();
    for (at, year) in years {
        for number in year.start.year()..=year.end.year() {
            if calendar.years.contains_key(&number) || !reported.insert(number) {
                continue;
            }
            let key = if number == year.start.year() {
                "start"
            } else {
                "end"
            };
            warn(
                report,
                &at.key(key),
                t!("lint-no-calendar", year = number.to_string()),
                t!("lint-no-calendar-hint", year = number.to_string()),
            );
        }
    }
}

/// At most this many overlapping slots are drawn; the rest are counted in one more warning.
const MAX_OVERLAPS_SHOWN: usize = 10;

/// Two slots of one consultant meet on a common day at overlapping times.
pub fn overlapping_slots(school: &School, report: &mut Collector) {
    let slots = &school.schedule.slots;
    let at = FieldPath::root().key("schedule").key("slots");
    let pairs = overlaps(slots);
    for &(later, earlier) in pairs.iter().take(MAX_OVERLAPS_SHOWN) {
        let (slot, other) = (&slots[later], &slots[earlier]);
        let who = school
            .consultants
            .get(slot.consultant)
            .map_or("", |c| c.id.as_str());
        let file = Arc::clone(report.file());
        let related_field = at.index(earlier).key("time");
        let related = Problem::new(t!("lint-slot-is-here", slot = earlier + 1))
            .in_file(&file)
            .with_span(file.span_of(&related_field))
            .with_field(related_field.to_string());
        let field = at.index(later).key("time");
        let problem = Problem::new(t!(
            "lint-overlap",
            who = who,
            time = slot.time.to_string(),
            other = earlier + 1,
            other_time = other.time.to_string()
        ))
        .in_file(&file)
        .with_span(file.span_of(&field))
        .with_field(field.to_string())
        .with_hint(t!("lint-overlap-hint"))
        .with_related(related)
        .as_warning();
        report.push(problem);
    }
    if pairs.len() > MAX_OVERLAPS_SHOWN {
        let rest = pairs.len() - MAX_OVERLAPS_SHOWN;
        warn(
            report,
            &at,
            t!("lint-more-overlaps", n = rest),
            t!("lint-more-overlaps-hint"),
        );
    }
}

/// (later, earlier) for each slot that overlaps an earlier slot of its consultant on a common
/// day, by the later slot's order. A sweep per consultant and day: ten thousand slots of one
/// consultant compare as many times, not fifty million.
fn overlaps(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut by_day: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, slot) in slots.iter().enumerate() {
        for day in slot.weekdays.iter() {
            by_day
                .entry((slot.consultant, day.index()))
                .or_default()
                .push(i);
        }
    }
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    for mut indexes in by_day.into_values() {
        indexes.sort_by_key(|&i| (slots[i].time.start, i));
        // The slot seen so far that ends last: the one any later-starting slot may overlap.
        let mut reach: Option<usize> = None;
        for i in indexes {
            if let Some(r) = reach {
                if slots[i].time.start < slots[r].time.end {
                    let (later, earlier) = (i.max(r), i.min(r));
                    let entry = found.entry(later).or_insert(earlier);
                    *entry = (*entry).min(earlier);
                }
                if slots[i].time.end <= slots[r].time.end {
                    continue;
                }
            }
            reach = Some(i);
        }
    }
    found.into_iter().collect()
}

/// A slot outside 07:00–22:00 or shorter than 10 minutes: probably a typo.
pub fn slot_hours(slots: &[Slot], report: &mut Collector) {
    let at = FieldPath::root().key("schedule").key("slots");
    for (i, slot) in slots.iter().enumerate() {
        let field = at.index(i).key("time");
        let (start, end) = (slot.time.start, slot.time.end);
        let late = end.hour() > LATEST_HOUR || (end.hour() == LATEST_HOUR && end.minute() > 0);
        if start.hour() < EARLIEST_HOUR || late {
            warn(
                report,
                &field,
                t!(
                    "lint-slot-hours",
                    time = slot.time.to_string(),
                    earliest = format!("{EARLIEST_HOUR:02}:00"),
                    latest = format!("{LATEST_HOUR}:00")
                ),
                t!("lint-slot-hours-hint"),
            );
        }
        let minutes = end.minutes() - start.minutes();
        if minutes < SHORTEST_MINUTES {
            warn(
                report,
                &field,
                t!("lint-slot-short", time = slot.time.to_string(), n = minutes),
                t!("lint-slot-short-hint", n = SHORTEST_MINUTES),
            );
        }
    }
}

/// The school helps parents, but the site shows parents no phone or email to reach it (the
/// regulation requires the contact data on the site).
pub fn parents_without_contacts(school: &School, report: &mut Collector) {
    if !school.help.for_parents {
        return;
    }
    let identity = &school.identity;
    let channels = school.parents.iter().flat_map(|help| &help.channels);
    let reachable = !identity.phones.is_empty()
        || !identity.emails.is_empty()
        || channels.clone().any(|c| {
            matches!(c.kind, ChannelKind::Phone | ChannelKind::Email) && c.contact.is_some()
        });
    if reachable {
        return;
    }
    let field = if report
        .file()
        .span_of(&FieldPath::root().key("parents"))
        .is_some()
    {
        FieldPath::root().key("parents").key("channels")
    } else {
        FieldPath::root().key("help").key("parents")
    };
    warn(
        report,
        &field,
        t!("lint-parents-without-contacts"),
        t!("lint-parents-without-contacts-hint"),
    );
}

/// A consultant's name, phone or email is published without a recorded consent (152-ФЗ,
/// ст. 10.1: personal data made public need the person's separate consent). A bad consent is
/// an error.
pub fn consent(consultants: &[Consultant], raw: &[RawConsultant], report: &mut Collector) {
    let at = FieldPath::root().key("consultants");
    for (i, (consultant, raw)) in consultants.iter().zip(raw).enumerate() {
        let here = at.index(i);
        if let Some(given) = &raw.consent {
            check_consent(given, &here.key("consent"), report);
            continue;
        }
        let published: Vec<&str> = [
            ("name", consultant.name.is_some()),
            ("phone", consultant.phone.is_some()),
            ("email", consultant.email.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, given)| given.then_some(key))
        .collect();
        let Some(first) = published.first() else {
            continue;
        };
        warn(
            report,
            &here.key(first),
            t!(
                "lint-no-consent",
                what = listed(&published),
                id = consultant.id.as_str(),
                n = published.len()
            ),
            t!("lint-no-consent-hint"),
        );
    }
}

/// «name», «name and phone», «name, phone and email».
fn listed(keys: &[&str]) -> String {
    let words: Vec<String> = keys.iter().map(|key| personal_data(key)).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => t!("list-and", first = rest.join(", "), last = last.as_str()),
    }
}

/// The name of a consultant's key of personal data, in words.
fn personal_data(key: &str) -> String {
    match key {
        "name" => t!("lint-consent-name"),
        "phone" => t!("lint-consent-phone"),
        _ => t!("lint-consent-email"),
    }
}

fn check_consent(given: &RawConsent, field: &FieldPath, report: &mut Collector) {
    match given {
        RawConsent::Date(date) => {
            report.parse(field, parse_date(date));
        }
        RawConsent::Document(text) if text.trim().is_empty() => report.report(
            field,
            t!("lint-consent-empty"),
            t!("lint-consent-empty-hint"),
        ),
        RawConsent::Document(text) => {
            report.parse(field, check_line(text));
        }
    }
}

/// Shared articles that no school of the project shows (their platform is used by none):
/// `shown` holds the ids of the shared articles that some school shows.
pub fn unshown_articles(shared: &[Arc<Article>], shown: &BTreeSet<&str>) -> Vec<Problem> {
    shared
        .iter()
        .filter(|article| !shown.contains(article.id.as_str()))
        .map(|article| {
            let field = FieldPath::root().key("platforms");
            let span = article.file.span_of(&field);
            let mut problem = Problem::new(t!("lint-unshown-article", id = article.id.as_str()))
                .in_file(&article.file)
                .with_span(span.clone())
                .as_warning()
                .with_hint(t!("lint-unshown-article-hint"));
            if span.is_some() {
                problem = problem.with_field("platforms");
            }
            problem
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::data::{Layout, load_shared};
    use crate::diagnostic::SourceFile;
    use crate::model::Shared;

    const SCHOOL: &str = r#"
[school]
full_name = "Школа № 1"
short_name = "Школа № 1"
timezone = "Europe/Moscow"
phones = ["+7 495 000 00 00"]

[platform]
preset = "dnevnik-ru"

[[consultants]]
id = "admin"
role = "администратор"
"#;

    fn shared() -> &'static Shared {
        static SHARED: OnceLock<Shared> = OnceLock::new();
        SHARED.get_or_init(|| {
            let layout = Layout::new(env!("CARGO_MANIFEST_DIR"));
            let mut problems = Vec::new();
            let raw = load_shared(&layout, &mut problems).expect("the repository's content");
            let shared = Shared::validate(&raw, &mut problems);
            assert!(problems.is_empty(), "{problems:?}");
            shared
        })
    }

    /// The school of `SCHOOL` followed by `more`, validated; then `lint`'s problems, drawn briefly.
    fn lint(more: &str, lint: impl FnOnce(&School, &RawSchool, &mut Collector)) -> Vec<String> {
        let text = format!("{SCHOOL}{more}");
        let file = Arc::new(SourceFile::new("school.toml", text.as_str()));
        let raw: RawSchool = toml::from_str(&text).expect("a school.toml");
        let mut problems = Vec::new();
        let mut report = Collector::new(&file, &mut problems);
        let school =
            School::validate("s", &raw, &shared().platforms, &mut report).expect("a valid school");
        assert!(problems.is_empty(), "{problems:?}");
        let mut report = Collector::new(&file, &mut problems);
        lint(&school, &raw, &mut report);
        problems
            .iter()
            .map(|p| {
                let kind = if p.is_warning() { "warning" } else { "error" };
                format!("{kind} {}", p.headline())
            })
            .collect()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    const YEAR: &str = "
[school_year]
start = 2026-09-01
end = 2027-05-25
";

    fn year_on(today: &str) -> Vec<String> {
        lint(YEAR, |school, raw, report| {
            school_year_ending(&school_years(school, raw), day(today), report);
        })
    }

    #[test]
    fn a_school_year_in_progress_is_fine() {
        assert_eq!(year_on("2026-12-01"), Vec::<String>::new());
        assert_eq!(year_on("2027-04-24"), Vec::<String>::new());
    }

    #[test]
    fn a_school_year_ending_within_30_days_is_reported() {
        let found = year_on("2027-04-25");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("warning school.toml:17:7: `school_year.end`"),
            "{found:?}"
        );
        assert!(found[0].contains("(30 days from 2027-04-25)"), "{found:?}");
        assert!(year_on("2027-05-24")[0].contains("(1 day from"));
    }

    #[test]
    fn an_ended_school_year_is_reported() {
        let found = year_on("2027-05-26");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("ended on 2027-05-25"), "{found:?}");
    }

    #[test]
    fn a_year_without_production_calendar_is_a_warning_per_year() {
        let text = "\n[school_year]\nstart = 2098-09-01\nend = 2099-05-25\n";
        let found = lint(text, |school, raw, report| {
            missing_calendar_years(
                &school_years(school, raw),
                &shared().production_calendar,
                report,
            );
        });
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`school_year.start`: there is no production calendar for 2098"));
        assert!(found[1].contains("`school_year.end`: there is no production calendar for 2099"));
        assert!(found.iter().all(|f| f.starts_with("warning")));
        let covered = lint(YEAR, |school, raw, report| {
            missing_calendar_years(
                &school_years(school, raw),
                &shared().production_calendar,
                report,
            );
        });
        assert_eq!(covered, Vec::<String>::new());
    }

    fn slots(text: &str) -> Vec<String> {
        // Weekly slots need a school year; it comes last, so the slots keep their lines.
        lint(&format!("{text}{YEAR}"), |school, _, report| {
            overlapping_slots(school, report);
            slot_hours(&school.schedule.slots, report);
        })
    }

    const SECOND: &str = "\n[[consultants]]\nid = \"other\"\nrole = \"учитель\"\n";

    #[test]
    fn overlapping_slots_of_one_consultant_are_reported() {
        let found = slots(
            "
[[schedule.slots]]
weekdays = \"пн-ср\"
time = \"15:00-16:00\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"ср\"
time = \"15:30-17:00\"
consultant = \"admin\"
",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "`schedule.slots[1].time`: this slot of `admin` (15:30–17:00) overlaps slot 1"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn many_overlapping_slots_are_drawn_ten_and_counted() {
        let text: String = (0..13)
            .map(|_| "\n[[schedule.slots]]\nweekday = \"пн\"\ntime = \"15:00-16:00\"\nconsultant = \"admin\"\n")
            .collect();
        let found = slots(&text);
        assert_eq!(found.len(), 11, "{found:?}");
        assert!(
            found[0].contains("slots[1].time`: this slot of `admin` (15:00–16:00) overlaps slot 1")
        );
        assert!(found[9].contains("slots[10].time`"), "{found:?}");
        assert!(
            found[10].contains("`schedule.slots`: 2 more slots overlap"),
            "{found:?}"
        );
    }

    #[test]
    fn slots_that_touch_or_belong_to_two_people_do_not_overlap() {
        let text = format!(
            "{SECOND}
[[schedule.slots]]
weekday = \"ср\"
time = \"15:00-16:00\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"ср\"
time = \"16:00-17:00\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"ср\"
time = \"15:00-16:00\"
consultant = \"other\"

[[schedule.slots]]
weekday = \"чт\"
time = \"15:00-16:00\"
consultant = \"admin\"
"
        );
        assert_eq!(slots(&text), Vec::<String>::new());
    }

    #[test]
    fn a_slot_at_night_or_of_five_minutes_is_reported() {
        let found = slots(
            "
[[schedule.slots]]
weekday = \"пн\"
time = \"3:00-4:00\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"вт\"
time = \"21:00-22:01\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"ср\"
time = \"15:00-15:05\"
consultant = \"admin\"

[[schedule.slots]]
weekday = \"чт\"
time = \"7:00-22:00\"
consultant = \"admin\"
",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("slots[0].time`: the slot 03:00–04:00 is outside 07:00–22:00"));
        assert!(found[1].contains("slots[1].time`: the slot 21:00–22:01 is outside"));
        assert!(found[2].contains("slots[2].time`: the slot 15:00–15:05 lasts 5 minutes"));
    }

    fn parents(more: &str) -> Vec<String> {
        lint_without_phones(more)
    }

    fn lint_without_phones(more: &str) -> Vec<String> {
        let text = format!(
            "{}{more}",
            SCHOOL.replace("phones = [\"+7 495 000 00 00\"]\n", "")
        );
        let file = Arc::new(SourceFile::new("school.toml", text.as_str()));
        let raw: RawSchool = toml::from_str(&text).expect("a school.toml");
        let mut problems = Vec::new();
        let mut report = Collector::new(&file, &mut problems);
        let school =
            School::validate("s", &raw, &shared().platforms, &mut report).expect("a valid school");
        parents_without_contacts(&school, &mut report);
        problems.iter().map(Problem::headline).collect()
    }

    #[test]
    fn parents_with_no_phone_or_email_are_reported() {
        let found = parents("\n[parents]\n[[parents.channels]]\nkind = \"in_person\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("`parents.channels`: the school helps parents"),
            "{found:?}"
        );
        let found = parents("");
        assert!(found[0].contains("`help.parents`"), "{found:?}");
    }

    #[test]
    fn parents_with_a_phone_or_no_help_for_parents_are_fine() {
        let phone =
            "\n[parents]\n[[parents.channels]]\nkind = \"phone\"\nphone = \"+7 495 000 00 01\"\n";
        assert_eq!(parents(phone), Vec::<String>::new());
        assert_eq!(parents("\n[help]\nparents = false\n"), Vec::<String>::new());
        assert_eq!(
            lint("", |school, _, r| parents_without_contacts(school, r)),
            Vec::<String>::new()
        );
    }

    fn consents(consultant: &str) -> Vec<String> {
        let text = format!("\n[[consultants]]\nid = \"ivanova\"\nrole = \"учитель\"\n{consultant}");
        lint(&text, |school, raw, report| {
            consent(&school.consultants, &raw.consultants, report);
        })
    }

    #[test]
    fn a_name_or_personal_contact_without_consent_is_reported() {
        let found = consents("name = \"Иванова А. П.\"\nemail = \"ivanova@school.ru\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("`consultants[1].name`: the name and email of consultant `ivanova` are published without a recorded consent (152-ФЗ"),
            "{found:?}"
        );
        let found = consents("phone = \"+7 900 000 00 00\"\n");
        assert!(
            found[0]
                .contains("`consultants[1].phone`: the phone of consultant `ivanova` is published"),
            "{found:?}"
        );
    }

    #[test]
    fn a_recorded_consent_or_a_role_alone_is_fine() {
        assert_eq!(consents(""), Vec::<String>::new());
        let dated = "name = \"Иванова А. П.\"\nconsent = 2026-08-28\n";
        assert_eq!(consents(dated), Vec::<String>::new());
        let document = "name = \"Иванова А. П.\"\nconsent = \"согласие № 12 от 28.08.2026\"\n";
        assert_eq!(consents(document), Vec::<String>::new());
    }

    #[test]
    fn a_bad_consent_is_an_error() {
        let found = consents("name = \"И. А.\"\nconsent = 2026-08-28T10:00:00\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("error school.toml:19:11: `consultants[1].consent`: `2026-08-28T10:00:00` is not a date"), "{found:?}");
        let found = consents("name = \"И. А.\"\nconsent = \" \"\n");
        assert!(found[0].contains("the consent is empty"), "{found:?}");
    }

    #[test]
    fn an_article_no_school_shows_is_reported() {
        let articles = &shared().articles;
        let all: BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert!(unshown_articles(articles, &all).is_empty());
        let mut some = all.clone();
        let first = articles[0].id.as_str();
        some.remove(first);
        let found = unshown_articles(articles, &some);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_warning());
        assert!(
            found[0].message.contains(&format!("`{first}`")),
            "{:?}",
            found[0]
        );
    }
}
