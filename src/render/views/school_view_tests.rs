//! The view templates see of a school built from TOML text.

use chrono::NaiveDate;

use super::{SchoolView, school_view};
use crate::model::types::Language;
use crate::render::theme::Theme;
use crate::testing::{SCHOOL, site};

fn view_of(toml: &str) -> SchoolView {
    let theme = Theme::load(None).unwrap();
    let t = theme.translations(Language::Russian);
    let date = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    school_view(&site(toml), t, t, date)
}

#[test]
fn a_slot_shows_its_day_time_place_and_consultant() {
    let view = view_of(SCHOOL);
    let slot = &view.schedule.slots[0];
    assert_eq!(
        (slot.weekday_key, slot.weekday.as_str(), slot.time.as_str()),
        ("tuesday", "Вторник", "15:00–16:00")
    );
    assert_eq!(slot.place, "кабинет 12");
    assert_eq!(slot.who, "Иванова Анна Петровна, администратор");
    assert_eq!(view.schedule.slots[1].weekday, "Четверг");
}

#[test]
fn response_times_are_worded_with_russian_plurals() {
    let view = view_of(SCHOOL);
    // Spaces of any width: typography (no-break spaces) is not what this test is about.
    let responses: Vec<(&str, Option<String>)> = (view.audiences.iter())
        .map(|a| (a.key, a.response.as_ref().map(|r| r.replace('\u{a0}', " "))))
        .collect();
    assert_eq!(
        responses,
        [
            ("staff", Some("в течение 1 дня".to_owned())),
            ("parents", Some("в течение 3 рабочих дней".to_owned()))
        ]
    );
}

#[test]
fn a_school_outside_moscow_gets_its_zone_against_the_vendors() {
    let moscow = view_of(SCHOOL);
    assert!(moscow.same_zone_as_vendor);
    let ekaterinburg = view_of(&SCHOOL.replace("Europe/Moscow", "Asia/Yekaterinburg"));
    assert!(!ekaterinburg.same_zone_as_vendor);
    assert_eq!(ekaterinburg.zone_label, "МСК+2, UTC+5");
    assert_eq!(ekaterinburg.platform.zone_label, "МСК, UTC+3");
}
