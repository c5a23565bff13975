//! What the home page's first screen answers: the next consultation a parent can come to (or why
//! there is none), the phone and email a parent should use, and the way to the emergency page.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::views::{CalendarView, SessionView};
use super::i18n::Translations;
use super::views::{LinkView, SchoolView};
use crate::model::SchoolSite;

#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    /// The first session still to come that parents may attend, as of the build date.
    pub next: Option<&'a SessionView>,
    /// Why there is none, when there is none.
    pub none: Option<String>,
    /// For the page script, when the reader's today is past the build date: what to say when no
    /// session is left (`none_ended` after `last_day`, the last school year's last day).
    pub none_left: String,
    pub none_ended: Option<String>,
    pub last_day: Option<String>,
    /// The parents' phone and email (their own channels first, else the school's).
    pub phone: Option<Link<'a>>,
    pub email: Option<Link<'a>>,
    /// Without a phone or email: the ways the parents' section gives (in person, meetings…).
    pub ways: Vec<&'a str>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Link<'a> {
    pub href: &'a str,
    pub text: &'a str,
}

impl<'a> From<&'a LinkView> for Link<'a> {
    fn from(link: &'a LinkView) -> Link<'a> {
        Link {
            href: &link.href,
            text: &link.text,
        }
    }
}

/// The first screen of `site`'s home page as of `today`.
pub fn home_view<'a>(
    site: &SchoolSite,
    view: &'a SchoolView,
    calendar: &'a CalendarView,
    (t, today): (&Translations, NaiveDate),
) -> HomeView<'a> {
    let next = calendar.next_for_parents.as_ref();
    let phone = contact(view, "phone").or_else(|| {
        (view.phones.first()).map(|p| Link {
            href: &p.href,
            text: &p.text,
        })
    });
    let email = contact(view, "email").or_else(|| view.emails.first().map(Link::from));
    let parents = view.audiences.iter().filter(|a| a.key == "parents");
    let ways = match (phone, email) {
        (None, None) => parents
            .flat_map(|a| a.channels.iter().map(|c| c.text.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    let last = site.school.school_years.last();
    HomeView {
        next,
        none: next.is_none().then(|| why_none(site, t, today)),
        none_left: t.text("home.next_none_left"),
        none_ended: last.map(|year| ended(year.end, t)),
        last_day: last.map(|year| year.end.to_string()),
        phone,
        email,
        ways,
    }
}

/// The first channel of `kind` the parents' section gives with a link.
fn contact<'a>(view: &'a SchoolView, kind: &str) -> Option<Link<'a>> {
    let parents = view.audiences.iter().find(|a| a.key == "parents")?;
    (parents.channels.iter())
        .filter(|c| c.kind == kind)
        .find_map(|c| c.link.as_ref().map(Link::from))
}

/// No weekly hours for parents in the year shown, a school year that has ended, or none left.
fn why_none(site: &SchoolSite, t: &Translations, today: NaiveDate) -> String {
    use crate::model::types::Audience;
    use crate::schedule::{YearState, shown_on, year_state};
    let school = &site.school;
    let shown = shown_on(school, today);
    let has_hours = (school.schedule.slots.iter())
        .filter(|s| shown(s))
        .any(|s| s.audiences.is_empty() || s.audiences.contains(&Audience::Parents));
    match year_state(&school.school_years, today) {
        _ if !has_hours => t.text("home.next_none_hours"),
        YearState::Ended(year) => ended(year.end, t),
        YearState::Current(_) | YearState::Upcoming { .. } => t.text("home.next_none_left"),
        YearState::Unknown => t.text("home.next_none_year"),
    }
}

fn ended(last_day: NaiveDate, t: &Translations) -> String {
    t.format(
        "home.next_none_ended",
        &[("date", &super::views::page_date(last_day, t))],
    )
}
