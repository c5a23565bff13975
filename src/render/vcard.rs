//! vCards (RFC 2426, vCard 3.0) of the school and of each consultant who can be phoned or
//! written to, so that a parent saves a contact with one tap on the contacts page. Version 3.0
//! because it is the one every phone and Outlook imports; its content lines, TEXT escaping and
//! folding are those of iCalendar, so the calendar's writer writes them.

use chrono::NaiveDate;

use super::OutputFile;
use super::calendar::ics::{IcsWriter, escape_text as escape};
use super::i18n::Translations;
use super::{naming, views};
use crate::model::SchoolSite;
use crate::model::school::{Consultant, School};

/// The school's card, beside its pages.
pub const SCHOOL_CARD: &str = "school.vcf";

/// The path of a consultant's card, when there is anything to save (a phone or an email).
pub fn consultant_card(consultant: &Consultant) -> Option<String> {
    (consultant.phone.is_some() || consultant.email.is_some())
        .then(|| format!("consultant-{}.vcf", consultant.id))
}

/// Whether the school has a card: it needs a way to reach the school.
pub fn has_school_card(school: &School) -> bool {
    let identity = &school.identity;
    !identity.phones.is_empty() || !identity.emails.is_empty()
}

/// Every card of the school. `site_url` is the address of the school's site, when known.
/// `date` is the build date: the cards list the office hours of the school year shown then.
pub fn render_cards(
    site: &SchoolSite,
    t: &Translations,
    site_url: Option<&str>,
    date: NaiveDate,
) -> Vec<OutputFile> {
    let school = &site.school;
    let mut files: Vec<OutputFile> = (school.consultants.iter())
        .filter_map(|consultant| {
            let path = consultant_card(consultant)?;
            let bytes = consultant_vcard(school, consultant, t, site_url, date).into_bytes();
            Some(OutputFile { path, bytes })
        })
        .collect();
    if has_school_card(school) {
        files.push(OutputFile {
            path: SCHOOL_CARD.to_owned(),
            bytes: school_vcard(school, site_url).into_bytes(),
        });
    }
    files
}

fn consultant_vcard(
    school: &School,
    consultant: &Consultant,
    t: &Translations,
    site_url: Option<&str>,
    date: NaiveDate,
) -> String {
    let mut card = IcsWriter::new();
    card.begin("VCARD");
    card.raw("VERSION", &[], "3.0");
    card.text("FN", &[], &naming::consultant_name(consultant));
    card.raw("N", &[], &structured_name(consultant.name.as_deref()));
    card.text("ORG", &[], &school.identity.short_name);
    card.text("TITLE", &[], &consultant.role);
    if let Some(phone) = &consultant.phone {
        card.text("TEL", &[("TYPE", "WORK")], phone.display());
    }
    if let Some(email) = &consultant.email {
        card.text("EMAIL", &[("TYPE", "INTERNET")], email.as_str());
    }
    if let Some(url) = site_url {
        card.raw("URL", &[], url);
    }
    let hours = office_hours(school, consultant, t, date);
    if !hours.is_empty() {
        card.text(
            "NOTE",
            &[],
            &format!("{}: {hours}", t.text("schedule.caption")),
        );
    }
    card.end("VCARD");
    card.finish()
}

fn school_vcard(school: &School, site_url: Option<&str>) -> String {
    let identity = &school.identity;
    let mut card = IcsWriter::new();
    card.begin("VCARD");
    card.raw("VERSION", &[], "3.0");
    card.text("FN", &[], &identity.short_name);
    card.raw("N", &[], ";;;;");
    card.text("ORG", &[], &identity.full_name);
    if let Some(address) = &identity.address {
        // The address is one line of text, not split into fields: it goes whole into the
        // street field, which is what phones show.
        card.raw(
            "ADR",
            &[("TYPE", "WORK")],
            &format!(";;{};;;;", escape(address)),
        );
    }
    for phone in &identity.phones {
        card.text("TEL", &[("TYPE", "WORK")], phone.phone.display());
    }
    for email in &identity.emails {
        card.text("EMAIL", &[("TYPE", "INTERNET")], email.as_str());
    }
    let website = identity
        .website
        .as_ref()
        .map(super::super::model::types::WebUrl::href);
    if let Some(url) = website.or(site_url) {
        card.raw("URL", &[], url);
    }
    card.end("VCARD");
    card.finish()
}

/// `N` for a Russian full name written as «Фамилия Имя Отчество»: family name; given name;
/// patronymic (the "additional names" field). Other shapes go whole into the family name.
fn structured_name(name: Option<&str>) -> String {
    let words: Vec<&str> = name.unwrap_or_default().split_whitespace().collect();
    match words.as_slice() {
        [family, given, patronymic] => format!(
            "{};{};{};;",
            escape(family),
            escape(given),
            escape(patronymic)
        ),
        [family, given] => format!("{};{};;;", escape(family), escape(given)),
        _ => format!("{};;;;", escape(&words.join(" "))),
    }
}

/// The consultant's weekly office hours in one line: «вторник 14:00–16:00, кабинет 12; …»,
/// «понедельник – пятница 15:00–16:00» for a slot without a place.
fn office_hours(
    school: &School,
    consultant: &Consultant,
    t: &Translations,
    date: NaiveDate,
) -> String {
    let shown = crate::schedule::shown_on(school, date);
    let lines: Vec<String> = (school.slots_of(consultant))
        .filter(|slot| shown(slot))
        .map(|slot| {
            let days = views::days_text(slot.weekdays, t).to_lowercase();
            match &slot.place {
                Some(place) => format!("{days} {}, {place}", slot.time),
                None => format!("{days} {}", slot.time),
            }
        })
        .collect();
    lines.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_russian_full_name_is_split_family_first() {
        assert_eq!(
            structured_name(Some("Иванова Мария Петровна")),
            "Иванова;Мария;Петровна;;"
        );
        assert_eq!(structured_name(Some("Иванова Мария")), "Иванова;Мария;;;");
        assert_eq!(structured_name(None), ";;;;");
        assert_eq!(structured_name(Some("И.; П.")), "И.\\;;П.;;;");
    }
}
