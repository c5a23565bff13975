//! Typed views: what templates see. Built once per school from the model; text that depends on
//! the language (plurals, weekdays, standard wordings, converted times) is resolved here.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::filters::{nbsp_after_number_sign, unbroken_phone};
use super::i18n::Translations;
use super::naming;
use super::time;
use crate::model::platform::{CallCost, Days, Hours, HoursChannel, Platform};
use crate::model::response::{Response, Wording};
use crate::model::school::{ChannelKind, Contact, Rule, Topic};
use crate::model::terms::{self, Definition};
use crate::model::types::{Audience, ResponseTime, Weekday};
use crate::model::weekdays::Weekdays;
use crate::model::{Article, School, SchoolSite};

#[derive(Debug, Serialize)]
pub struct SchoolView {
    pub slug: String,
    pub lang: &'static str,
    pub full_name: String,
    pub full_name_genitive: Option<String>,
    pub short_name: String,
    pub address: Option<String>,
    pub timezone: String,
    /// «МСК+4» style label of the school's zone, or «МСК».
    pub zone_label: String,
    pub same_zone_as_vendor: bool,
    pub website: Option<LinkView>,
    pub phones: Vec<PhoneView>,
    pub emails: Vec<LinkView>,
    pub platform: PlatformView,
    pub consultants: Vec<ConsultantView>,
    /// The school's vCard, when it has a phone or email.
    pub card: Option<&'static str>,
    pub helpers: Vec<HelperView>,
    pub help: HelpView,
    pub audiences: Vec<AudienceView>,
    /// The contacts page's first sentence, as the channels allow: «лично или с помощью средств
    /// связи», «лично», «с помощью средств связи», or nothing without channels.
    pub contacts_intro: Option<String>,
    pub escalation: EscalationView,
    pub schedule: ScheduleView,
    pub rules: RulesView,
    pub document: DocumentView,
    pub articles: Vec<ArticleSummary>,
    pub faq_groups: Vec<FaqGroup>,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    pub href: String,
    pub text: String,
    pub label: Option<String>,
    pub free: Option<bool>,
    pub purpose: Option<String>,
    pub escalation: bool,
}

#[derive(Debug, Serialize)]
pub struct PlatformView {
    pub id: String,
    /// The names on pages for parents (the preset's `[pages]`: no «ИС»).
    pub name: String,
    pub name_genitive: String,
    pub work_in: String,
    /// The names as the generated regulation writes them («ИС «Дневник.ру»»).
    pub doc_name_genitive: String,
    pub doc_work_in: String,
    /// `work_in` where the regulation has not yet defined `name` (point 2's heading):
    /// «в информационной системе «Дневник.ру»»; `work_in` once defined or with nothing to define.
    pub work_in_heading: String,
    /// Point 2's first use: «в информационной системе «Дневник.ру» (далее — ИС «Дневник.ру»)».
    pub work_in_first: String,
    pub short_name: String,
    pub timezone: String,
    pub zone_label: String,
    pub support_name: String,
    /// The vendor fixes the regulation's emergency and support points (footnote, notice).
    pub fixed_points: bool,
    /// «Сведения о службе поддержки взяты из документа: …», when the preset names its source.
    pub source: Option<String>,
    /// Emails, phones or channels not marked for escalation: listed apart on the emergency page.
    pub has_other_contacts: bool,
    /// The regulation's emergency point after «в Службу поддержки …»: «по электронной почте … или
    /// по телефону: … (звонок платный)»; every contact marked `escalation = true`, in order.
    pub escalation_contacts: String,
    pub emails: Vec<SupportEmailView>,
    pub phones: Vec<PhoneView>,
    pub channels: Vec<SupportChannelView>,
    pub hours: Vec<HoursView>,
    pub voicemail: bool,
    pub requirements: Vec<String>,
    pub rejection_reasons: Vec<String>,
    pub escalation_emails: Vec<String>,
    pub escalation_phones: Vec<PhoneView>,
}

#[derive(Debug, Serialize)]
pub struct SupportEmailView {
    pub href: String,
    pub text: String,
    pub purpose: Option<String>,
    pub escalation: bool,
}

#[derive(Debug, Serialize)]
pub struct SupportChannelView {
    pub kind: &'static str,
    pub text: String,
    pub url: Option<LinkView>,
    pub escalation: bool,
}

/// One line of the vendor's working hours, in the vendor's zone and the school's.
#[derive(Debug, Serialize)]
pub struct HoursView {
    /// What the hours are for (translated): email registration, phone registration, processing.
    pub what: String,
    pub always: bool,
    /// «ежедневно» / «по рабочим дням (кроме выходных и праздничных дней)».
    pub days: String,
    pub vendor: String,
    pub local: String,
    pub crosses_midnight: bool,
    /// Full sentence for the regulation, in the seeds' wording and the vendor's zone.
    pub sentence: String,
}

#[derive(Debug, Serialize)]
pub struct ConsultantView {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
    pub appointed_by: Option<String>,
    /// How they are appointed, for «(назначена: …)» beside the description.
    pub appointed: Option<String>,
    pub phone: Option<PhoneView>,
    pub email: Option<LinkView>,
    /// Name and role, or the short title alone (tables, cards, the poster).
    pub label: String,
    /// Name and role, or the role alone, first letter capitalised (lists with room for it).
    pub description: String,
    /// The consultant's vCard, relative to the school's folder, when it has a phone or email.
    pub card: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HelperView {
    pub who: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HelpView {
    /// «Ответственный … назначается приказом руководителя школы»: the template's point 2, said
    /// only where the regulation is generated from it and no consultant's appointment is given.
    pub appointed_note: Option<String>,
    pub training_days: Option<u32>,
    /// «5 рабочих дней» (nominative, for labels).
    pub training_text: Option<String>,
    /// «5 рабочих дней» after «не позднее» (genitive).
    pub training_text_genitive: Option<String>,
    pub topics: Vec<String>,
    pub for_parents: bool,
}

#[derive(Debug, Serialize)]
pub struct AudienceView {
    pub key: &'static str,
    pub title: String,
    pub response: Option<String>,
    pub asap: bool,
    pub channels: Vec<ChannelView>,
    pub can_escalate: bool,
}

#[derive(Debug, Serialize)]
pub struct ChannelView {
    pub kind: &'static str,
    pub label: String,
    pub link: Option<LinkView>,
    pub note: Option<String>,
    /// What pages print: the label and the note, or the note alone when it already says what the
    /// label does («Лично» + «при личном обращении» is «При личном обращении»).
    pub text: String,
    pub response: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EscalationView {
    pub staff: bool,
    pub parents: bool,
    /// «сотрудникам ОО, родителям (законным представителям) обучающихся».
    pub who_dative: String,
}

#[derive(Debug, Serialize)]
pub struct ScheduleView {
    /// Where the schedule is posted, as pages say it: the school's own words, the template's
    /// places in plain words when the regulation is generated, nothing in the verbatim form (the
    /// school's text says it or not; `schedule.posted` repeats it on pages).
    pub posted: Vec<String>,
    /// The same places in the generated regulation's terms («на сайте ОО»).
    pub regulation_posted: Vec<String>,
    pub note: Option<String>,
    pub slots: Vec<SlotView>,
    /// Who consults and for whom, when every slot of several says the same: the poster says it
    /// once above its table instead of in every row, so that a week of hours fits one A4 sheet.
    /// The consultant of every slot, when one consults in all (as the poster's rows name them).
    pub shared_who: Option<String>,
    pub shared_audience: Option<String>,
    /// Whom the slots are for, each once, everyone first: the poster's groups of rows.
    pub audiences: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SlotView {
    pub weekday_key: &'static str,
    pub weekday: String,
    pub time: String,
    pub place: String,
    pub who: String,
    /// The consultant's name alone when the poster's contacts give the whole description (a
    /// named consultant with a phone or an email), so that a row does not repeat it.
    pub who_brief: String,
    pub audience: String,
    /// For everyone (no audience named): the poster leaves such rows' audience unsaid.
    pub for_all: bool,
}

#[derive(Debug, Serialize)]
pub struct RulesView {
    pub clear_request: Option<String>,
    pub emergency: Option<String>,
    pub etiquette: Option<Vec<String>>,
    pub reference_materials: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub intro: String,
    pub terms: TermsView,
    /// The rules as the generated regulation prints them (`SchoolView::rules` are the pages').
    pub rules: RulesView,
    pub appendix: Option<String>,
    pub approvals: Vec<ApprovalView>,
}

/// The generated regulation's terms, each in the form its place needs; the school's term is
/// defined at its first use (see `model::terms::Definition`).
#[derive(Debug, Serialize)]
pub struct TermsView {
    /// The school's term in the genitive: «сотрудников ОО», «сотрудников Учреждения».
    pub school: String,
    /// «в ОО», «в Учреждении».
    pub school_prepositional: String,
    /// «сотрудникам ОО».
    pub staff_dative: String,
    /// The responsible person: «сотрудник ОО», «администратор».
    pub responsible: String,
    /// Point 2's first sentence: «сотрудник общеобразовательной организации (далее — ОО)».
    pub responsible_first: String,
    /// Point 2's heading, before that sentence: «сотрудника общеобразовательной организации».
    pub responsible_heading: String,
    /// «приказом руководителя ОО», «приказом директора».
    pub head_genitive: String,
    /// «совместно с руководителем ОО», «совместно с директором».
    pub head_instrumental: String,
    /// «ББЖ» is defined in point 1 (the standard intro, or the school's own that defines it):
    /// point 2 says «при переходе ОО на ББЖ» only then.
    pub bbzh: bool,
}

#[derive(Debug, Serialize)]
pub struct ApprovalView {
    pub kind: String,
    pub by: String,
    pub person: Option<String>,
    pub date: Option<String>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Relative to the school's root: `faq/<id>.html`.
    pub path: String,
    pub updated: Option<String>,
    pub audiences: Vec<&'static str>,
}

/// The FAQ index: one group per audience, topics inside, articles inside.
#[derive(Debug, Serialize)]
pub struct FaqGroup {
    pub audience: &'static str,
    pub title: String,
    pub topics: Vec<FaqTopic>,
}

#[derive(Debug, Serialize)]
pub struct FaqTopic {
    pub name: String,
    pub articles: Vec<ArticleSummary>,
}

/// Build the view of one school; `date` is the reference day for time-zone conversion.
pub fn school_view(
    site: &SchoolSite,
    t: &Translations,
    doc: &Translations,
    date: NaiveDate,
) -> SchoolView {
    let school = &site.school;
    let identity = &school.identity;
    let vendor_zone = school.platform.timezone;
    let generated = site.regulation.is_none();
    SchoolView {
        slug: school.slug.clone(),
        lang: school.language.code(),
        full_name: nbsp_after_number_sign(&identity.full_name),
        full_name_genitive: identity
            .full_name_genitive
            .as_deref()
            .map(nbsp_after_number_sign),
        short_name: nbsp_after_number_sign(&identity.short_name),
        address: identity.address.as_deref().map(nbsp_after_number_sign),
        timezone: identity.timezone.name().to_owned(),
        zone_label: zone_label(identity.timezone, date, t),
        same_zone_as_vendor: time::utc_offset_seconds(identity.timezone, date)
            == time::utc_offset_seconds(vendor_zone, date),
        website: identity.website.as_ref().map(|w| LinkView {
            href: w.href().into(),
            text: w.display().into(),
        }),
        phones: identity
            .phones
            .iter()
            .map(|p| phone_view(&p.phone, p.label.clone(), None))
            .collect(),
        emails: identity
            .emails
            .iter()
            .map(|e| mail_link(e.as_str()))
            .collect(),
        platform: platform_view(school, t, doc, date),
        consultants: (school.consultants.iter())
            .map(|c| consultant_view(c, t))
            .collect(),
        card: super::vcard::has_school_card(school).then_some(super::vcard::SCHOOL_CARD),
        helpers: school
            .helpers
            .iter()
            .map(|h| HelperView {
                who: nbsp_after_number_sign(&h.who),
                note: h.note.as_deref().map(nbsp_after_number_sign),
            })
            .collect(),
        help: help_view(school, t, doc, generated),
        audiences: Audience::ALL
            .iter()
            .filter_map(|a| audience_view(school, *a, t))
            .collect(),
        contacts_intro: contacts_intro(school, t),
        escalation: escalation_view(school, doc),
        schedule: schedule_view(school, t, doc, date, generated),
        rules: rules_view(school, t, doc, true),
        document: document_view(school, doc),
        articles: site
            .articles
            .iter()
            .map(|a| article_summary(a, t))
            .collect(),
        faq_groups: faq_groups(site, t),
    }
}

fn zone_label(zone: chrono_tz::Tz, date: NaiveDate, t: &Translations) -> String {
    let offset = time::offset_from_moscow(zone, date);
    let utc = time::utc_label(time::utc_offset_seconds(zone, date));
    match offset {
        0 => t.format("zone.moscow", &[("utc", &utc)]),
        n => t.format(
            "zone.relative",
            &[("offset", &format!("{n:+}")), ("utc", &utc)],
        ),
    }
}

fn mail_link(address: &str) -> LinkView {
    LinkView {
        href: format!("mailto:{address}"),
        text: address.to_owned(),
    }
}

fn phone_view(
    phone: &crate::model::types::Phone,
    label: Option<String>,
    free: Option<bool>,
) -> PhoneView {
    PhoneView {
        href: phone.tel_uri(),
        text: unbroken_phone(phone.display()),
        label,
        free,
        purpose: None,
        escalation: false,
    }
}

fn platform_view(
    school: &School,
    t: &Translations,
    doc: &Translations,
    date: NaiveDate,
) -> PlatformView {
    let platform = &school.platform;
    let support = &platform.support;
    let phones = support_phones(platform);
    let escalation_phones = phones
        .iter()
        .filter(|p| p.escalation)
        .map(|p| PhoneView {
            label: None,
            ..p.clone()
        })
        .collect();
    PlatformView {
        id: platform.id.clone(),
        name: platform.pages.name.clone(),
        name_genitive: platform.pages.name_genitive.clone(),
        work_in: platform.pages.work_in.clone(),
        doc_name_genitive: platform.name_genitive.clone(),
        doc_work_in: platform.work_in.clone(),
        work_in_heading: undefined_platform(school)
            .map_or_else(|| platform.work_in.clone(), str::to_owned),
        work_in_first: undefined_platform(school).map_or_else(
            || platform.work_in.clone(),
            |full| defined(doc, full, &platform.name),
        ),
        short_name: platform.short_name.clone(),
        timezone: platform.timezone.name().to_owned(),
        zone_label: zone_label(platform.timezone, date, t),
        support_name: t.format(
            "support.name",
            &[("platform", &platform.pages.name_genitive)],
        ),
        fixed_points: platform.fixed_points,
        source: source_text(platform, t),
        has_other_contacts: support.emails.iter().any(|e| !e.escalation)
            || support.phones.iter().any(|p| !p.escalation)
            || support.channels.iter().any(|c| !c.escalation),
        escalation_contacts: escalation_contacts(platform, doc),
        emails: support_emails(platform),
        escalation_emails: support
            .emails
            .iter()
            .filter(|e| e.escalation)
            .map(|e| e.address.as_str().to_owned())
            .collect(),
        escalation_phones,
        phones,
        channels: support_channels(platform),
        hours: hours_views(school, t, doc, date),
        voicemail: support.voicemail,
        requirements: support.requirements.clone(),
        rejection_reasons: support.rejection_reasons.clone(),
    }
}

fn support_phones(platform: &Platform) -> Vec<PhoneView> {
    platform
        .support
        .phones
        .iter()
        .map(|p| PhoneView {
            purpose: p.purpose.clone(),
            escalation: p.escalation,
            ..phone_view(&p.number, None, Some(p.cost == CallCost::Free))
        })
        .collect()
}

fn support_emails(platform: &Platform) -> Vec<SupportEmailView> {
    platform
        .support
        .emails
        .iter()
        .map(|e| SupportEmailView {
            href: format!("mailto:{}", e.address.as_str()),
            text: e.address.as_str().to_owned(),
            purpose: e.purpose.clone(),
            escalation: e.escalation,
        })
        .collect()
}

fn support_channels(platform: &Platform) -> Vec<SupportChannelView> {
    platform
        .support
        .channels
        .iter()
        .map(|c| SupportChannelView {
            kind: c.kind.key(),
            text: c.text.clone(),
            url: c.url.as_ref().map(|u| LinkView {
                href: u.href().into(),
                text: u.display().into(),
            }),
            escalation: c.escalation,
        })
        .collect()
}

/// The vendor's hours that the preset gives, in the order the regulation states them.
fn hours_views(
    school: &School,
    t: &Translations,
    doc: &Translations,
    date: NaiveDate,
) -> Vec<HoursView> {
    let support = &school.platform.support;
    let zones = Zones {
        vendor: school.platform.timezone,
        school: school.identity.timezone,
        date,
    };
    (support.hours_by_key().into_iter())
        .filter_map(|(key, hours)| {
            let channels = match key {
                "processing" => &support.processing_channels[..],
                _ => &[],
            };
            let line = HoursLine { key, channels };
            hours.map(|h| hours_view(&line, h, &zones, t, doc))
        })
        .collect()
}

/// `work_in_full` when the platform's abbreviation is still undefined after point 1: the school's
/// own intro does not define it (the standard intro always does).
fn undefined_platform(school: &School) -> Option<&str> {
    let platform = &school.platform;
    let full = platform.work_in_full.as_deref()?;
    let intro = school.document.intro.as_deref()?;
    (!terms::defines(intro, &platform.name)).then_some(full)
}

/// «{text} (далее — {term})».
fn defined(doc: &Translations, text: &str, term: &str) -> String {
    doc.format("terms.defined", &[("text", text), ("term", term)])
}

/// «Сведения о службе поддержки взяты из документа: …».
fn source_text(platform: &Platform, t: &Translations) -> Option<String> {
    let source = platform.source.as_ref()?;
    let document = nbsp_after_number_sign(&source.document);
    Some(match source.date {
        Some(date) => t.format(
            "escalation.source_dated",
            &[("document", &document), ("date", &numeric_date(date))],
        ),
        None => t.format("escalation.source", &[("document", &document)]),
    })
}

/// The contacts the regulation's emergency point names, as one phrase in the seeds' wording:
/// «по электронной почте team@… или по телефону: 8 (812) 490-70-33 (звонок платный)».
fn escalation_contacts(platform: &Platform, doc: &Translations) -> String {
    let support = &platform.support;
    let mut parts = Vec::new();
    let emails: Vec<&str> = support
        .emails
        .iter()
        .filter(|e| e.escalation)
        .map(|e| e.address.as_str())
        .collect();
    if !emails.is_empty() {
        parts.push(format!("{} {}", doc.text("via.email"), emails.join(", ")));
    }
    let phones: Vec<String> = support
        .phones
        .iter()
        .filter(|p| p.escalation)
        .map(|p| {
            let cost = match p.cost {
                CallCost::Free => doc.text("ui.free_call"),
                CallCost::Paid => doc.text("ui.paid_call"),
            };
            format!("{} ({cost})", unbroken_phone(p.number.display()))
        })
        .collect();
    if !phones.is_empty() {
        parts.push(format!("{}: {}", doc.text("via.phone"), phones.join(", ")));
    }
    for channel in support.channels.iter().filter(|c| c.escalation) {
        let via = channel
            .via
            .clone()
            .unwrap_or_else(|| doc.text(&format!("via.{}", channel.kind.key())));
        parts.push(match &channel.url {
            Some(url) => format!("{via} {}", url.display()),
            None => via,
        });
    }
    join_list(&parts, &doc.text("via.or"))
}

/// «a», «a или b», «a, b или c» (or «и»).
fn join_list(parts: &[String], conjunction: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// The vendor's zone, the school's, and the day the conversion is made for.
struct Zones {
    vendor: chrono_tz::Tz,
    school: chrono_tz::Tz,
    date: NaiveDate,
}

/// One of the three kinds of hours, and the channels it says it applies to.
struct HoursLine<'a> {
    key: &'a str,
    channels: &'a [HoursChannel],
}

impl HoursLine<'_> {
    /// «Обработка обращений по электронной почте и по телефону».
    fn what(&self, t: &Translations) -> String {
        let what = t.text(&format!("hours.{}", self.key));
        if self.channels.is_empty() {
            return what;
        }
        let channels: Vec<String> = self
            .channels
            .iter()
            .map(|c| t.text(&format!("hours_channel.{}", c.key())))
            .collect();
        format!(
            "{what} {}",
            join_list(&channels, &t.text("hours_channel.and"))
        )
    }
}

fn hours_view(
    line: &HoursLine,
    hours: Hours,
    zones: &Zones,
    t: &Translations,
    doc: &Translations,
) -> HoursView {
    let what = line.what(t);
    let doc_what = line.what(doc);
    match hours {
        Hours::Always => HoursView {
            sentence: doc.format("hours.sentence_always", &[("what", &doc_what)]),
            what,
            always: true,
            days: t.text("hours.always"),
            vendor: String::new(),
            local: String::new(),
            crosses_midnight: false,
        },
        Hours::Window { days, time: range } => {
            let local = time::convert(range, zones.vendor, zones.school, zones.date);
            let days_key = match days {
                Days::Daily => "hours.daily",
                Days::Workdays => "hours.workdays",
            };
            HoursView {
                sentence: doc.format(
                    "hours.sentence_window",
                    &[
                        ("what", &doc_what),
                        ("days", &doc.text(days_key)),
                        ("start", &range.start.to_string()),
                        ("end", &range.end.to_string()),
                        ("zone", &zone_wording(zones.vendor, zones.date, doc)),
                    ],
                ),
                what,
                always: false,
                days: t.text(days_key),
                vendor: range.to_string(),
                local: format!("{}–{}", local.start, local.end),
                crosses_midnight: local.crosses_midnight,
            }
        }
    }
}

/// The zone the regulation gives vendor hours in: «по московскому времени» for Moscow time
/// (UTC+3 that day, Europe/Moscow or any zone keeping Moscow time), else «по времени МСК+2
/// (UTC+5)»: the notation of the law on time zones (107-ФЗ), the one the emergency page's table
/// uses, and unambiguous for a reader in another zone, which «по местному времени» is not.
fn zone_wording(zone: chrono_tz::Tz, date: NaiveDate, doc: &Translations) -> String {
    let utc = time::utc_offset_seconds(zone, date);
    if utc == time::utc_offset_seconds(chrono_tz::Europe::Moscow, date) {
        return doc.text("hours.zone_moscow");
    }
    let offset = time::offset_from_moscow(zone, date);
    doc.format(
        "hours.zone_other",
        &[
            ("offset", &format!("{offset:+}")),
            ("utc", &time::utc_label(utc)),
        ],
    )
}

fn consultant_view(c: &crate::model::school::Consultant, t: &Translations) -> ConsultantView {
    ConsultantView {
        id: c.id.clone(),
        name: c.name.clone(),
        role: c.role.clone(),
        appointed_by: c.appointed_by.clone(),
        appointed: naming::appointed(c, t),
        phone: c.phone.as_ref().map(|p| phone_view(p, None, None)),
        email: c.email.as_ref().map(|e| mail_link(e.as_str())),
        label: naming::consultant_label(c),
        description: naming::consultant_description(c),
        card: super::vcard::consultant_card(c),
    }
}

fn help_view(school: &School, t: &Translations, doc: &Translations, generated: bool) -> HelpView {
    let help = &school.help;
    let unappointed = !school.consultants.is_empty()
        && school.consultants.iter().all(|c| c.appointed_by.is_none());
    HelpView {
        appointed_note: (generated && unappointed).then(|| {
            let head = school.document.terms.head.as_ref();
            let head = head.map_or_else(|| t.text("home.head_genitive"), |h| h.genitive.clone());
            t.format("home.consultant_appointed", &[("head", &head)])
        }),
        training_days: help.training_days,
        training_text: help.training_days.map(|n| t.plural("working_days", n)),
        training_text_genitive: help
            .training_days
            .map(|n| doc.plural("working_days_genitive", n)),
        topics: help
            .topics
            .iter()
            .map(|topic| match topic {
                Topic::Standard(key) => doc.text(&format!("topics.{key}")),
                Topic::Custom(text) => text.clone(),
            })
            .collect(),
        for_parents: help.for_parents,
    }
}

fn audience_view(school: &School, audience: Audience, t: &Translations) -> Option<AudienceView> {
    let help = school.audience_help(audience)?;
    Some(AudienceView {
        key: audience.key(),
        title: t.text(&format!("audience.{}", audience.key())),
        response: help.response.as_ref().map(|r| response_text(r, t)),
        asap: help.asap,
        channels: help
            .channels
            .iter()
            .map(|channel| {
                let label = t.text(&format!("channel.{}", channel.kind.key()));
                ChannelView {
                    kind: channel.kind.key(),
                    text: channel_text(&label, channel.note.as_deref(), channel.kind),
                    label,
                    link: channel.contact.as_ref().map(contact_link),
                    note: channel.note.clone(),
                    response: channel.response.as_ref().map(|r| response_text(r, t)),
                }
            })
            .collect(),
        can_escalate: school.escalation.contains(&audience),
    })
}

fn contacts_intro(school: &School, t: &Translations) -> Option<String> {
    let kinds: Vec<ChannelKind> = (Audience::ALL.iter())
        .filter_map(|a| school.audience_help(*a))
        .flat_map(|help| help.channels.iter().map(|c| c.kind))
        .collect();
    let face_to_face = |k: &ChannelKind| {
        matches!(
            k,
            ChannelKind::InPerson | ChannelKind::ParentMeeting | ChannelKind::Seminar
        )
    };
    let key = match (
        kinds.iter().any(face_to_face),
        kinds.iter().any(|k| !face_to_face(k)),
    ) {
        (true, true) => "contacts.intro",
        (true, false) => "contacts.intro_in_person",
        (false, true) => "contacts.intro_remote",
        (false, false) => return None,
    };
    Some(t.text(key))
}

/// A channel's label and note as one text, never saying the same thing twice: the note alone
/// when it repeats the label's words («Онлайн-звонок» + «звонок онлайн со страницы …») or the label
/// says nothing («Другой способ»), else the label followed by the note («Лично в приёмные часы …»).
fn channel_text(label: &str, note: Option<&str>, kind: ChannelKind) -> String {
    let Some(note) = note else {
        return label.to_owned();
    };
    if kind == ChannelKind::Other || shares_a_word(label, note) {
        super::filters::upper_first(note)
    } else {
        format!("{label} {note}")
    }
}

/// Whether two texts share a word, compared by its first four letters so that word forms match
/// («лично» / «личном», «почте» / «почты»); short words and «через» are ignored.
fn shares_a_word(a: &str, b: &str) -> bool {
    const IGNORED: [&str; 1] = ["чере"];
    let stems = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|word| word.chars().count() >= 4)
            .map(|word| word.to_lowercase().chars().take(4).collect::<String>())
            .filter(|stem| !IGNORED.contains(&stem.as_str()))
            .collect()
    };
    let first = stems(a);
    stems(b).iter().any(|stem| first.contains(stem))
}

fn contact_link(contact: &Contact) -> LinkView {
    match contact {
        Contact::Phone(phone) => LinkView {
            href: phone.tel_uri(),
            text: unbroken_phone(phone.display()),
        },
        Contact::Email(email) => mail_link(email.as_str()),
        Contact::Web(url) => LinkView {
            href: url.href().into(),
            text: url.display().into(),
        },
    }
}

/// «в течение 7 дней», «в течение 1 рабочего дня», «в течение суток», or the school's own words.
pub fn response_text(response: &Response, t: &Translations) -> String {
    let time = response.time;
    if let Wording::AsWritten(text) = &response.wording {
        return text.clone();
    }
    if time == ResponseTime::Hours(24) {
        return t.text("response.day_and_night");
    }
    let n = time.amount();
    let forms = match time {
        ResponseTime::Hours(_) => "hours_genitive",
        ResponseTime::Days(_) => "days_genitive",
        ResponseTime::WorkingDays(_) => "working_days_genitive",
    };
    let amount = match response.wording {
        Wording::NumberInWords => {
            let word = t.text(&format!("number_genitive.n{n}"));
            t.plural(forms, n).replacen(&n.to_string(), &word, 1)
        }
        _ => t.plural(forms, n),
    };
    t.format("response.within", &[("amount", &amount)])
}

fn escalation_view(school: &School, doc: &Translations) -> EscalationView {
    let staff = school.escalation.contains(&Audience::Staff);
    let parents = school.escalation.contains(&Audience::Parents);
    let who: Vec<String> = [
        (staff, "escalation.staff_dative"),
        (parents, "escalation.parents_dative"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, key)| doc.format(key, &[("school", &school.document.terms.school.genitive)]))
    .collect();
    EscalationView {
        staff,
        parents,
        who_dative: who.join(", "),
    }
}

/// Where the schedule is posted: as the school wrote it, or the template's places with `term`.
fn posted_places(school: &School, t: &Translations, term: &str) -> Vec<String> {
    if !school.schedule.posted.is_empty() {
        return school.schedule.posted.clone();
    }
    ["terms.posted_stand", "terms.posted_site"]
        .iter()
        .map(|key| t.format(key, &[("school", term)]))
        .collect()
}

fn schedule_view(
    school: &School,
    t: &Translations,
    doc: &Translations,
    date: NaiveDate,
    generated: bool,
) -> ScheduleView {
    // The weekly table is that of the school year the pages show (see calendar::views).
    let shown = crate::schedule::shown_on(school, date);
    let slots: Vec<SlotView> = (school.schedule.slots.iter())
        .filter(|slot| shown(slot))
        .map(|slot| SlotView {
            weekday_key: slot.weekdays.first().key(),
            weekday: days_text(slot.weekdays, t),
            time: slot.time.to_string(),
            place: naming::place_text(school, slot.place.as_deref(), Some(slot.consultant), t),
            who: naming::consultant_label(school.consultant(slot)),
            who_brief: naming::consultant_brief(school.consultant(slot)),
            audience: naming::audience_text(&slot.audiences, t),
            for_all: slot.audiences.len() != 1,
        })
        .collect();
    let own = !school.schedule.posted.is_empty();
    ScheduleView {
        posted: if own || generated {
            let term = &school.document.terms.school.name;
            let plain = t.text("terms.school_plain_genitive");
            (posted_places(school, t, &plain).iter())
                .map(|place| super::filters::plain_school_term(place, term))
                .collect()
        } else {
            Vec::new()
        },
        regulation_posted: posted_places(school, doc, &school.document.terms.school.genitive),
        note: school.schedule.note.clone(),
        shared_who: shared(&slots, |s| &s.who_brief),
        shared_audience: shared(&slots, |s| &s.audience),
        audiences: audiences(&slots),
        slots,
    }
}

/// Whom the slots are for, each once: everyone first, then in the order of the week.
fn audiences(slots: &[SlotView]) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let all = slots.iter().filter(|s| s.for_all);
    for slot in all.chain(slots.iter().filter(|s| !s.for_all)) {
        if !values.contains(&slot.audience) {
            values.push(slot.audience.clone());
        }
    }
    values
}

/// What every one of several slots says the same of, such as its consultant.
fn shared(slots: &[SlotView], field: fn(&SlotView) -> &String) -> Option<String> {
    match slots {
        [first, _, ..] if slots.iter().all(|s| field(s) == field(first)) => {
            Some(field(first).clone())
        }
        _ => None,
    }
}

/// «Понедельник», «Понедельник – пятница», «Понедельник, среда, пятница»: a run of three days
/// or more is a range, shorter runs are listed; only the first name is capitalised (in Russian).
pub fn days_text(days: Weekdays, t: &Translations) -> String {
    let name = |day: Weekday, first: bool| {
        let table = if first { "weekday" } else { "weekday_lower" };
        t.text(&format!("{table}.{}", day.key()))
    };
    let mut parts = Vec::new();
    for (from, to) in days.runs() {
        let first = parts.is_empty();
        match to.index() - from.index() {
            0 => parts.push(name(from, first)),
            1 => parts.extend([name(from, first), name(to, false)]),
            _ => parts.push(t.format(
                "schedule.day_range",
                &[("from", &name(from, first)), ("to", &name(to, false))],
            )),
        }
    }
    parts.join(", ")
}

/// The rules in the generated regulation's words (`page` false), or as pages for parents say
/// them (`page`: «сотрудник школы» for «сотрудник ОО»).
fn rules_view(school: &School, t: &Translations, doc: &Translations, page: bool) -> RulesView {
    let platform = &school.platform;
    let work_in = if page {
        &platform.pages.work_in
    } else {
        &platform.work_in
    };
    let mut responsible = terms_view(school, doc).responsible;
    if page {
        let term = &school.document.terms.school.name;
        responsible = super::filters::plain_school_term(&responsible, term);
    }
    let rule = |rule: &Rule, key: &str| match rule {
        Rule::Off => None,
        Rule::Custom(text) => Some(text.clone()),
        Rule::Standard => Some(t.format(
            &format!("wording.{key}"),
            &[("work_in", work_in), ("responsible", &responsible)],
        )),
    };
    RulesView {
        clear_request: rule(&school.rules.clear_request, "clear_request"),
        emergency: rule(&school.rules.emergency, "emergency"),
        etiquette: rule(&school.rules.etiquette, "etiquette")
            .map(|text| text.split("\n\n").map(|p| p.trim().to_owned()).collect()),
        reference_materials: rule(&school.rules.reference_materials, "reference_materials"),
    }
}

fn document_view(school: &School, doc: &Translations) -> DocumentView {
    let document = &school.document;
    let platform = &school.platform;
    let org = school
        .identity
        .full_name_genitive
        .clone()
        .unwrap_or_else(|| school.identity.short_name.clone());
    DocumentView {
        title: document.title.clone().unwrap_or_else(|| {
            let work_in = platform.work_in_full.as_ref().unwrap_or(&platform.work_in);
            doc.format("doc.default_title", &[("work_in", work_in)])
        }),
        intro: document
            .intro
            .clone()
            .unwrap_or_else(|| standard_intro(school, &org, doc)),
        terms: terms_view(school, doc),
        rules: rules_view(school, doc, doc, false),
        appendix: document.appendix.as_ref().map(|a| {
            let mut text = match &a.number {
                Some(n) => doc.format("doc.appendix_numbered", &[("number", n)]),
                None => doc.text("doc.appendix"),
            };
            text.push_str(&doc.format("doc.to_order", &[("order", &a.order)]));
            if let Some(number) = &a.order_number {
                text.push_str(&format!(" №\u{a0}{number}"));
            }
            if let Some(date) = a.date {
                text.push_str(&doc.format("doc.dated", &[("date", &numeric_date(date))]));
            }
            text
        }),
        approvals: document
            .approvals
            .iter()
            .map(|a| ApprovalView {
                kind: doc.text(&format!("approval.{}", a.kind.key())),
                by: nbsp_after_number_sign(&a.by),
                person: a.person.clone(),
                date: a.date.map(|d| long_date(d, doc)),
                protocol: a.protocol.clone(),
            })
            .collect(),
    }
}

/// Point 1 in the template's words, defining every abbreviation the regulation goes on to use:
/// the platform's («в информационной системе «Дневник.ру» (далее — ИС «Дневник.ру»)»), «ББЖ», and
/// the school's term when point 2 does not (`Definition::Intro`).
fn standard_intro(school: &School, org: &str, doc: &Translations) -> String {
    let platform = &school.platform;
    let terms = &school.document.terms;
    let org = match terms.defined_in {
        Definition::Intro => defined(doc, org, &terms.school.name),
        Definition::PointTwo => org.to_owned(),
    };
    let work_in_first = match &platform.work_in_full {
        Some(full) => defined(doc, full, &platform.name),
        None => platform.work_in.clone(),
    };
    doc.format(
        "doc.default_intro",
        &[
            ("org", &org),
            ("work_in_first", &work_in_first),
            ("work_in", &platform.work_in),
        ],
    )
}

fn terms_view(school: &School, doc: &Translations) -> TermsView {
    let terms = &school.document.terms;
    let school_term = terms.school.genitive.as_str();
    let with_school = |key: &str| doc.format(key, &[("school", school_term)]);
    let (responsible, responsible_genitive) = match &terms.responsible {
        Some(r) => (r.name.clone(), r.genitive.clone()),
        None => (
            with_school("terms.responsible"),
            with_school("terms.responsible_genitive"),
        ),
    };
    let point_two = terms.defined_in == Definition::PointTwo;
    let intro_defines_bbzh = match &school.document.intro {
        None => true,
        Some(intro) => terms::defines(intro, "ББЖ"),
    };
    TermsView {
        school: school_term.to_owned(),
        school_prepositional: terms.school.prepositional.clone(),
        staff_dative: with_school("escalation.staff_dative"),
        responsible_first: if point_two {
            defined(doc, &doc.text("terms.responsible_long"), &terms.school.name)
        } else {
            responsible.clone()
        },
        responsible_heading: if point_two {
            doc.text("terms.responsible_long_genitive")
        } else {
            responsible_genitive
        },
        responsible,
        head_genitive: terms.head.as_ref().map_or_else(
            || with_school("terms.head_genitive"),
            |h| h.genitive.clone(),
        ),
        head_instrumental: terms.head.as_ref().map_or_else(
            || with_school("terms.head_instrumental"),
            |h| h.instrumental.clone(),
        ),
        bbzh: intro_defines_bbzh,
    }
}

/// `15.01.2018`
pub fn numeric_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// A date on a web page: «4 декабря 2026 г.» (the day in guillemets is for document stamps).
pub fn page_date(date: NaiveDate, t: &Translations) -> String {
    let month = t.text(&format!("month_genitive.m{}", date.month()));
    t.format(
        "date.page",
        &[
            ("day", &date.day().to_string()),
            ("month", &month),
            ("year", &date.year().to_string()),
        ],
    )
}

/// A day of sessions on a web page: «4 декабря 2026 г., пятница».
pub fn page_date_weekday(date: NaiveDate, t: &Translations) -> String {
    let weekday = Weekday::ALL[date.weekday().num_days_from_monday() as usize];
    t.format(
        "date.page_weekday",
        &[
            ("date", &page_date(date, t)),
            (
                "weekday",
                &t.text(&format!("weekday_lower.{}", weekday.key())),
            ),
        ],
    )
}

/// «15» января 2018 г.: the date of a document's approval stamp.
pub fn long_date(date: NaiveDate, t: &Translations) -> String {
    let month = t.text(&format!("month_genitive.m{}", date.month()));
    t.format(
        "date.long",
        &[
            ("day", &format!("{:02}", date.day())),
            ("month", &month),
            ("year", &date.year().to_string()),
        ],
    )
}

fn article_summary(article: &Article, t: &Translations) -> ArticleSummary {
    ArticleSummary {
        id: article.id.clone(),
        title: article.title.clone(),
        description: article.description.clone(),
        path: format!("faq/{}.html", article.id),
        updated: article.updated.map(|d| page_date(d, t)),
        audiences: article.audiences.iter().map(|a| a.key()).collect(),
    }
}

fn faq_groups(site: &SchoolSite, t: &Translations) -> Vec<FaqGroup> {
    Audience::ALL
        .iter()
        .map(|audience| {
            let mut topics: Vec<FaqTopic> = Vec::new();
            for article in site.articles.iter().filter(|a| a.for_audience(*audience)) {
                let names = if article.topics.is_empty() {
                    vec![t.text("faq.other_topic")]
                } else {
                    article.topics.clone()
                };
                for name in names {
                    let summary = article_summary(article, t);
                    match topics.iter_mut().find(|topic| topic.name == name) {
                        Some(topic) => topic.articles.push(summary),
                        None => topics.push(FaqTopic {
                            name,
                            articles: vec![summary],
                        }),
                    }
                }
            }
            FaqGroup {
                audience: audience.key(),
                title: t.text(&format!("audience.{}", audience.key())),
                topics,
            }
        })
        .filter(|group| !group.topics.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_notes_never_repeat_their_label() {
        let cases = [
            (
                "Лично",
                "при личном обращении",
                ChannelKind::InPerson,
                "При личном обращении",
            ),
            (
                "Онлайн-звонок",
                "звонок онлайн со страницы Портала поддержки пользователей",
                ChannelKind::OnlineCall,
                "Звонок онлайн со страницы Портала поддержки пользователей",
            ),
            (
                "По электронной почте",
                "с использованием электронной почты пользователей",
                ChannelKind::Email,
                "С использованием электронной почты пользователей",
            ),
            (
                "Лично",
                "в приёмные часы в соответствии с утверждённым графиком",
                ChannelKind::InPerson,
                "Лично в приёмные часы в соответствии с утверждённым графиком",
            ),
            (
                "Другой способ",
                "с использованием коммуникационных средств",
                ChannelKind::Other,
                "С использованием коммуникационных средств",
            ),
        ];
        for (label, note, kind, expected) in cases {
            assert_eq!(channel_text(label, Some(note), kind), expected);
        }
        assert_eq!(channel_text("Лично", None, ChannelKind::InPerson), "Лично");
    }

    #[test]
    fn vendor_hours_are_worded_in_the_vendor_s_zone() {
        let doc = Translations::parse(
            crate::model::types::Language::Russian,
            include_str!("../../themes/default/i18n/ru.toml"),
        )
        .unwrap();
        let date = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let zones = [
            (chrono_tz::Europe::Moscow, "по московскому времени"),
            (chrono_tz::Europe::Simferopol, "по московскому времени"),
            (chrono_tz::Asia::Yekaterinburg, "по времени МСК+2 (UTC+5)"),
            (chrono_tz::Europe::Kaliningrad, "по времени МСК-1 (UTC+2)"),
        ];
        for (zone, expected) in zones {
            assert_eq!(zone_wording(zone, date, &doc), expected, "{zone}");
        }
    }

    #[test]
    fn through_alone_is_not_a_shared_word() {
        assert_eq!(
            channel_text(
                "Через сайт школы",
                Some("через форму обратной связи"),
                ChannelKind::Website
            ),
            "Через сайт школы через форму обратной связи"
        );
    }
}

pub(crate) mod page;

#[cfg(test)]
mod school_view_tests;
