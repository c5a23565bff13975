//! schema.org data (JSON-LD) of the school for the home and contacts pages: search engines and
//! assistants read who helps with the gradebook, how to reach them and when. Inline JSON in the
//! page; nothing is loaded (the `@context` address is a name, not a request).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::SchoolSite;
use crate::model::school::{Consultant, School, Slot};
use crate::model::types::Weekday;
use crate::model::weekdays::Weekdays;

#[derive(Debug, Serialize)]
struct SchoolData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    telephone: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    email: Vec<&'a str>,
    #[serde(rename = "contactPoint", skip_serializing_if = "Vec::is_empty")]
    contact_point: Vec<ContactPoint<'a>>,
}

#[derive(Debug, Serialize)]
struct ContactPoint<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "contactType")]
    contact_type: &'a str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(rename = "hoursAvailable", skip_serializing_if = "Vec::is_empty")]
    hours_available: Vec<OpeningHours>,
}

/// One weekly office-hours slot, in the school's local time (as schema.org expects).
#[derive(Debug, Serialize)]
struct OpeningHours {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dayOfWeek")]
    day_of_week: DayOfWeek,
    opens: String,
    closes: String,
}

/// One day as a string, several as a list (schema.org allows both; one day stays as it was).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum DayOfWeek {
    One(String),
    Many(Vec<String>),
}

impl DayOfWeek {
    fn of(days: Weekdays) -> DayOfWeek {
        let mut names: Vec<String> = (days.iter())
            .map(|day| format!("https://schema.org/{}", day_name(day)))
            .collect();
        match names.len() {
            1 => DayOfWeek::One(names.remove(0)),
            _ => DayOfWeek::Many(names),
        }
    }
}

/// The school as JSON-LD, ready to place inside `<script type="application/ld+json">`.
/// `contact_type` names what the consultants help with, in the site's language.
/// `date` is the build date: the hours are those of the school year shown then.
pub fn school_json_ld(site: &SchoolSite, contact_type: &str, date: NaiveDate) -> String {
    let school = &site.school;
    let identity = &school.identity;
    let school_data = SchoolData {
        context: "https://schema.org",
        kind: "School",
        name: &identity.full_name,
        alternate_name: &identity.short_name,
        address: identity.address.as_deref(),
        url: identity
            .website
            .as_ref()
            .map(super::super::model::types::WebUrl::href),
        telephone: identity.phones.iter().map(|p| p.phone.display()).collect(),
        email: identity
            .emails
            .iter()
            .map(super::super::model::types::Email::as_str)
            .collect(),
        contact_point: (school.consultants.iter())
            .zip(slots_by_consultant(school, date))
            .map(|(consultant, slots)| contact_point(consultant, slots, contact_type))
            .collect(),
    };
    // Strings and numbers only: serializing cannot fail.
    super::escape::script_json(&school_data).expect("schema.org data serializes")
}

/// Each consultant's slots, in schedule order, from one pass over the schedule (asking the
/// school for each consultant's slots scans every slot once per consultant).
fn slots_by_consultant(school: &School, date: NaiveDate) -> Vec<Vec<&Slot>> {
    let mut slots = vec![Vec::new(); school.consultants.len()];
    let shown = crate::schedule::shown_on(school, date);
    for slot in school.schedule.slots.iter().filter(|slot| shown(slot)) {
        if let Some(own) = slots.get_mut(slot.consultant) {
            own.push(slot);
        }
    }
    slots
}

fn contact_point<'a>(
    consultant: &'a Consultant,
    slots: Vec<&'a Slot>,
    contact_type: &'a str,
) -> ContactPoint<'a> {
    ContactPoint {
        kind: "ContactPoint",
        contact_type,
        name: super::naming::consultant_name(consultant),
        telephone: consultant
            .phone
            .as_ref()
            .map(super::super::model::types::Phone::display),
        email: consultant
            .email
            .as_ref()
            .map(super::super::model::types::Email::as_str),
        hours_available: (slots.into_iter())
            .map(|slot| OpeningHours {
                kind: "OpeningHoursSpecification",
                day_of_week: DayOfWeek::of(slot.weekdays),
                opens: slot.time.start.to_string(),
                closes: slot.time.end.to_string(),
            })
            .collect(),
    }
}

/// schema.org's `DayOfWeek` members.
fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}
