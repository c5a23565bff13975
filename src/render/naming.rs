//! How a consultant, a slot's place, whom a session is for and an event's kind are written on
//! every page, card, feed and in structured data: one function each, so the schedule table, the
//! poster, vCards, JSON-LD and calendars agree.

use super::filters::{nbsp_after_number_sign, plain_school_term};
use super::i18n::Translations;
use crate::model::School;
use crate::model::school::{Consultant, EventKind};
use crate::model::terms::DEFAULT_SCHOOL;
use crate::model::types::{Audience, Gender};

/// What pages, cards and feeds say of a consultant comes from the regulation's words; parents
/// read «сотрудник школы» where the template says «сотрудник ОО» (see `plain_school_term`).
fn plain(text: &str) -> String {
    nbsp_after_number_sign(&plain_school_term(text, DEFAULT_SCHOOL))
}

/// Whom a slot or session is for: its one audience («для родителей»), else everyone.
pub fn audience_text(audiences: &[Audience], t: &Translations) -> String {
    match audiences {
        [one] => t.text(&format!("audience.{}", one.key())),
        _ => t.text("audience.all"),
    }
}

/// The name of a kind of one-off event («Семинар»), as pages and feeds show it.
pub fn event_kind_text(kind: EventKind, t: &Translations) -> String {
    t.text(&format!("event_kind.{}", kind.key()))
}

/// Where a name would be (a vCard's FN, JSON-LD `name`, a feed's title): the name, or the
/// short title when the regulation names nobody.
pub fn consultant_name(c: &Consultant) -> String {
    match &c.name {
        Some(name) => name.clone(),
        None => capitalize_first(&plain(&c.title)),
    }
}

/// Who consults, in tables, cards and calendars: «Иванова А.П., сотрудник ОО, …» with a name,
/// the short title («Консультант по Школьному порталу») without.
pub fn consultant_label(c: &Consultant) -> String {
    match &c.name {
        Some(name) => format!("{name}, {}", plain(&c.role)),
        None => capitalize_first(&plain(&c.title)),
    }
}

/// The name alone of a named consultant whom the contacts list with a phone or an email (and
/// so with the label), else the label.
pub fn consultant_brief(c: &Consultant) -> String {
    match &c.name {
        Some(name) if c.phone.is_some() || c.email.is_some() => name.clone(),
        _ => consultant_label(c),
    }
}

/// The whole description, where there is room for the role as the regulation writes it.
pub fn consultant_description(c: &Consultant) -> String {
    match &c.name {
        Some(name) => format!("{name}, {}", plain(&c.role)),
        None => capitalize_first(&plain(&c.role)),
    }
}

/// How the consultant is appointed: as written when the text says it itself («назначается
/// приказом …»), after «назначена»/«назначен» when the gender is known, else as written, so
/// that no word has to guess it.
pub fn appointed(c: &Consultant, t: &Translations) -> Option<String> {
    let by = &plain(c.appointed_by.as_deref()?);
    let says_it = by.trim_start().to_lowercase().starts_with("назнач");
    let verb = match c.gender {
        _ if says_it => None,
        Some(Gender::Female) => Some(t.text("contacts.appointed_f")),
        Some(Gender::Male) => Some(t.text("contacts.appointed_m")),
        None => None,
    };
    Some(match verb {
        Some(verb) => format!("{verb}: {by}"),
        None => by.clone(),
    })
}

/// The place of a session, or where to ask for it when the regulation names none: the
/// consultant's phone, the school's, then an email, then the school itself.
pub fn place_text(
    school: &School,
    place: Option<&str>,
    consultant: Option<usize>,
    t: &Translations,
) -> String {
    if let Some(place) = place {
        return place.to_owned();
    }
    let c = consultant.and_then(|i| school.consultants.get(i));
    let identity = &school.identity;
    let phone =
        (c.and_then(|c| c.phone.as_ref())).or_else(|| identity.phones.first().map(|p| &p.phone));
    if let Some(phone) = phone {
        return t.format("schedule.place_ask_phone", &[("phone", phone.display())]);
    }
    let email = (c.and_then(|c| c.email.as_ref())).or_else(|| identity.emails.first());
    match email {
        Some(email) => t.format("schedule.place_ask_email", &[("email", email.as_str())]),
        None => t.text("schedule.place_ask"),
    }
}

/// The first letter in capitals, the rest exactly as written («сотрудник ОО» → «Сотрудник ОО»).
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consultant(name: Option<&str>, title: &str) -> Consultant {
        Consultant {
            id: "k".into(),
            name: name.map(str::to_owned),
            role: "сотрудник ОО, ответственный за консультирование на Школьном портале".into(),
            title: title.into(),
            gender: None,
            appointed_by: None,
            phone: None,
            email: None,
        }
    }

    #[test]
    fn a_consultant_without_a_name_is_called_by_the_short_title() {
        let nameless = consultant(None, "консультант по ИС «Дневник.ру»");
        assert_eq!(consultant_name(&nameless), "Консультант по ИС «Дневник.ру»");
        assert_eq!(
            consultant_label(&nameless),
            "Консультант по ИС «Дневник.ру»"
        );
        assert_eq!(
            consultant_description(&nameless),
            "Сотрудник школы, ответственный за консультирование на Школьном портале"
        );
        let named = consultant(Some("Иванова А.П."), "консультант");
        assert_eq!(consultant_name(&named), "Иванова А.П.");
        assert!(consultant_label(&named).starts_with("Иванова А.П., сотрудник школы, "));
        assert_eq!(
            consultant_label(&consultant(None, "сотрудник ОО")),
            "Сотрудник школы"
        );
    }

    #[test]
    fn a_session_for_one_audience_names_it_and_any_other_is_for_everyone() {
        let theme = crate::render::theme::Theme::load(None).expect("the built-in theme");
        let t = theme.translations(crate::model::types::Language::Russian);
        let parents = audience_text(&[Audience::Parents], t);
        let everyone = audience_text(&[], t);
        assert_eq!(parents, t.text("audience.parents"));
        assert_eq!(everyone, t.text("audience.all"));
        assert_ne!(parents, everyone);
        assert_eq!(
            audience_text(&[Audience::Parents, Audience::Staff], t),
            everyone
        );
    }

    #[test]
    fn the_appointment_agrees_with_the_gender_or_is_shown_as_written() {
        let ru = include_str!("../../themes/default/i18n/ru.toml");
        let t = Translations::parse(crate::model::types::Language::Russian, ru).unwrap();
        let shown_for = |gender, by: &str| {
            let mut c = consultant(None, "консультант");
            c.gender = gender;
            c.appointed_by = Some(by.to_owned());
            appointed(&c, &t).unwrap()
        };
        let order = "приказ №\u{a0}12-о от 15.01.2018";
        assert_eq!(
            shown_for(Some(Gender::Female), order),
            format!("назначена: {order}")
        );
        assert_eq!(
            shown_for(Some(Gender::Male), order),
            format!("назначен: {order}")
        );
        assert_eq!(shown_for(None, order), order);
        let says_it = "назначается приказом руководителя ОО";
        assert_eq!(
            shown_for(Some(Gender::Female), says_it),
            "назначается приказом руководителя школы"
        );
        assert_eq!(
            shown_for(None, " Назначен приказом № 5"),
            " Назначен приказом №\u{a0}5"
        );
        assert_eq!(appointed(&consultant(None, "к"), &t), None);
    }

    #[test]
    fn capitalizing_keeps_the_rest_as_written() {
        assert_eq!(
            capitalize_first("администратор АИС «Дневник.ру»"),
            "Администратор АИС «Дневник.ру»"
        );
        assert_eq!(capitalize_first(""), "");
    }
}
