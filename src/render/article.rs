//! The values of an article's shortcodes for one school, taken from the school's view, so that an
//! article says exactly what the school's other pages say.

use crate::markdown::shortcodes::{Kind, VOCABULARY};
use crate::markdown::{Piece, Style, Value};
use crate::model::platform::Hours;
use crate::model::types::Audience;

use super::i18n::{Translations, plural_index};
use super::views::{ChannelView, LinkView, PhoneView, SchoolView};
use crate::model::School;
use crate::model::types::Language;

/// What a school's shortcodes say; built once per school, asked once per slot.
#[derive(Debug)]
pub struct ArticleValues<'a> {
    pub school: &'a School,
    pub view: &'a SchoolView,
    /// The Russian texts (articles are written in Russian, whatever the site's language).
    pub doc: &'a Translations,
}

impl ArticleValues<'_> {
    /// The value of `name` for a slot: validation lets no other name into an article.
    pub fn value(&self, name: &str) -> Value {
        let value = self.get(name);
        debug_assert!(value.is_some(), "no value for `{name}`");
        value.unwrap_or(Value::Flag(false))
    }

    /// The value of `name`; `None` for a name outside the vocabulary.
    pub fn get(&self, name: &str) -> Option<Value> {
        let view = self.view;
        let platform = &view.platform;
        let text = |s: &str| Some(Value::text(s));
        let block = |style, items: Vec<Vec<Piece>>| Some(Value::Block(style, items));
        let plain = |items: &[String]| items.iter().map(|t| vec![Piece::Text(t.clone())]).collect();
        match name {
            "school.short_name" => text(&view.short_name),
            "school.full_name" => text(&view.full_name),
            "platform.name" => text(&platform.name),
            "platform.short_name" => text(&platform.short_name),
            "platform.work_in" => text(&platform.work_in),
            "support.name" => text(&platform.support_name),
            "rejection_reasons" => block(Style::Numbered, plain(&platform.rejection_reasons)),
            "rejection_reasons_count" => text(&count_reasons(platform.rejection_reasons.len())),
            "requirements" => block(Style::Bulleted, plain(&platform.requirements)),
            "escalation_contacts" => block(Style::Bulleted, self.escalation_contacts()),
            "escalation_audience" => text(&escalation_audience(view)),
            "staff_can_escalate" => Some(Value::Flag(view.escalation.staff)),
            "parents_can_escalate" => Some(Value::Flag(view.escalation.parents)),
            "support_hours" => block(Style::Bulleted, self.support_hours()),
            "voicemail" => Some(Value::Flag(platform.voicemail)),
            "email_always" => Some(Value::Flag(
                self.school.platform.support.email_registration == Some(Hours::Always),
            )),
            "response_times" => block(Style::Bulleted, self.response_times()),
            "staff_channels" => block(Style::Bulleted, self.channels(Audience::Staff)),
            "parents_channels" => block(Style::Bulleted, self.channels(Audience::Parents)),
            "school_contacts" => block(Style::Bulleted, self.school_contacts()),
            "helpers" => block(Style::Bulleted, helpers(view)),
            "help_topics" => block(Style::Bulleted, plain(&view.help.topics)),
            "help_for_parents" => Some(Value::Flag(view.help.for_parents)),
            "training_deadline" => text(view.help.training_text_genitive.as_deref().unwrap_or("")),
            "schedule_posted" => text(&joined(&view.schedule.posted)),
            "clear_request_rule" => text(view.rules.clear_request.as_deref().unwrap_or("")),
            "emergency_rule" => text(view.rules.emergency.as_deref().unwrap_or("")),
            "etiquette_rule" => block(
                Style::Quote,
                plain(view.rules.etiquette.as_deref().unwrap_or(&[])),
            ),
            "reference_materials_rule" => {
                text(view.rules.reference_materials.as_deref().unwrap_or(""))
            }
            _ => None,
        }
    }

    /// «по электронной почте team@…», «по телефону 8 (812) 490-70-33 (звонок платный)».
    fn escalation_contacts(&self) -> Vec<Vec<Piece>> {
        let platform = &self.view.platform;
        let emails = platform.escalation_emails.iter().map(|address| {
            let link = link(&format!("mailto:{address}"), address);
            vec![Piece::Text("по электронной почте ".to_owned()), link]
        });
        let phones = platform.escalation_phones.iter().map(|phone| {
            let mut item = vec![Piece::Text("по телефону ".to_owned()), phone_link(phone)];
            if let Some(free) = phone.free {
                let cost = self
                    .doc
                    .text(if free { "ui.free_call" } else { "ui.paid_call" });
                item.push(Piece::Text(format!(" ({cost})")));
            }
            item
        });
        // Other channels the vendor takes emergencies by (a group on a social network, a form).
        let channels = (self.school.platform.support.channels.iter())
            .filter(|channel| channel.escalation)
            .map(|channel| {
                let words = channel.via.as_deref().unwrap_or(&channel.text);
                let mut item = vec![Piece::Text(words.to_owned())];
                if let Some(url) = &channel.url {
                    item.push(Piece::Text(": ".to_owned()));
                    item.push(link(url.href(), url.display()));
                }
                item
            });
        emails.chain(phones).chain(channels).collect()
    }

    /// «Обработка обращений — ежедневно, 09:00–21:00 (МСК, UTC+3); по вашему местному времени —
    /// 13:00–01:00».
    fn support_hours(&self) -> Vec<Vec<Piece>> {
        let view = self.view;
        let zone = &view.platform.zone_label;
        let items = view.platform.hours.iter().map(|hours| {
            let mut line = format!("{} — {}", hours.what, hours.days);
            if !hours.always {
                line.push_str(&format!(", {} ({zone})", hours.vendor));
                if !view.same_zone_as_vendor {
                    let local = self.doc.text("ui.local_time");
                    line.push_str(&format!("; {local} — {}", hours.local));
                }
            }
            vec![Piece::Text(line)]
        });
        items.collect()
    }

    /// «Сотрудникам школы — в течение 1 рабочего дня».
    fn response_times(&self) -> Vec<Vec<Piece>> {
        let items = self.view.audiences.iter().filter_map(|audience| {
            let when = match (&audience.response, audience.asap) {
                (Some(response), _) => response.clone(),
                (None, true) => "в минимально возможный срок".to_owned(),
                (None, false) => return None,
            };
            Some(vec![Piece::Text(format!("{} — {when}", audience.title))])
        });
        items.collect()
    }

    /// «По телефону: 8 (…) … — note».
    fn channels(&self, who: Audience) -> Vec<Vec<Piece>> {
        let audience = self.view.audiences.iter().find(|a| a.key == who.key());
        let channels = audience.map_or(&[][..], |a| a.channels.as_slice());
        channels.iter().map(channel_item).collect()
    }

    fn school_contacts(&self) -> Vec<Vec<Piece>> {
        let view = self.view;
        let phones = view.phones.iter().map(|phone| {
            let label = phone.label.clone().unwrap_or_else(|| "Телефон".to_owned());
            vec![Piece::Text(format!("{label}: ")), phone_link(phone)]
        });
        let emails = view.emails.iter().map(|email| {
            vec![
                Piece::Text("Электронная почта: ".to_owned()),
                view_link(email),
            ]
        });
        let website = view
            .website
            .iter()
            .map(|site| vec![Piece::Text("Сайт: ".to_owned()), view_link(site)]);
        phones.chain(emails).chain(website).collect()
    }
}

fn link(href: &str, text: &str) -> Piece {
    Piece::Link {
        href: href.to_owned(),
        text: text.to_owned(),
    }
}

fn phone_link(phone: &PhoneView) -> Piece {
    link(&phone.href, &phone.text)
}

fn view_link(view: &LinkView) -> Piece {
    link(&view.href, &view.text)
}

fn channel_item(channel: &ChannelView) -> Vec<Piece> {
    let mut item = vec![Piece::Text(channel.label.clone())];
    if let Some(contact) = &channel.link {
        item.push(Piece::Text(": ".to_owned()));
        item.push(view_link(contact));
    }
    if let Some(note) = &channel.note {
        item.push(Piece::Text(format!(" — {note}")));
    }
    item
}

fn helpers(view: &SchoolView) -> Vec<Vec<Piece>> {
    let item = |helper: &super::views::HelperView| {
        let text = match &helper.note {
            Some(note) => format!("{} — {note}", helper.who),
            None => helper.who.clone(),
        };
        vec![Piece::Text(text)]
    };
    view.helpers.iter().map(item).collect()
}

/// «сотрудники школы и родители (законные представители) обучающихся», or empty.
fn escalation_audience(view: &SchoolView) -> String {
    let who: Vec<&str> = [
        (view.escalation.staff, "сотрудники школы"),
        (
            view.escalation.parents,
            "родители (законные представители) обучающихся",
        ),
    ]
    .into_iter()
    .filter_map(|(on, who)| on.then_some(who))
    .collect();
    who.join(" и ")
}

/// «на информационном стенде ОО и на сайте ОО».
fn joined(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} и {last}", rest.join(", ")),
    }
}

/// «одна причина», «две причины», «пять причин», «21 причина»; empty for none. Numbers up to
/// ten in words, as Russian style guides write counts in running text.
pub fn count_reasons(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "одна",
        "две",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
    ];
    const FORMS: [&str; 3] = ["причина", "причины", "причин"];
    if n == 0 {
        return String::new();
    }
    let form = FORMS[plural_index(Language::Russian, u32::try_from(n).unwrap_or(u32::MAX))];
    match WORDS.get(n - 1) {
        Some(word) => format!("{word} {form}"),
        None => format!("{n}\u{a0}{form}"),
    }
}

/// The kind of a value, to match the kind its name has in the vocabulary.
pub fn kind_of(value: &Value) -> Kind {
    match value {
        Value::Inline(_) => Kind::Inline,
        Value::Block(..) => Kind::Block,
        Value::Flag(_) => Kind::Flag,
    }
}

/// Whether every name of the vocabulary has a value of its kind (a value for every school).
pub fn complete(values: &ArticleValues) -> Result<(), String> {
    for entry in VOCABULARY {
        match values.get(entry.name).map(|v| kind_of(&v)) {
            Some(kind) if kind == entry.kind => {}
            other => return Err(format!("`{}` gives {other:?}", entry.name)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_counted_in_words_with_the_right_plural() {
        let counts: Vec<String> = [1, 2, 3, 4, 5, 10, 11, 21, 22, 0]
            .into_iter()
            .map(count_reasons)
            .collect();
        assert_eq!(
            counts,
            [
                "одна причина",
                "две причины",
                "три причины",
                "четыре причины",
                "пять причин",
                "десять причин",
                "11\u{a0}причин",
                "21\u{a0}причина",
                "22\u{a0}причины",
                ""
            ]
        );
    }

    #[test]
    fn lists_are_joined_with_and() {
        let items = |s: &[&str]| {
            s.iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(joined(&items(&["а"])), "а");
        assert_eq!(joined(&items(&["а", "б"])), "а и б");
        assert_eq!(joined(&items(&["а", "б", "в"])), "а, б и в");
    }
}
