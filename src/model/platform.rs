//! A validated platform preset: the vendor's support service and its fixed terms.

use chrono_tz::Tz;

use super::text::check_block;
use super::text::shown;
use super::types::{Email, Phone, TimeRange, WebUrl, parse_timezone};
use super::{check_texts, parse_optional};
use crate::data::platform::{RawHours, RawPlatform, RawSupport, RawSupportChannel};
use crate::diagnostic::{Collector, FieldPath};

#[derive(Debug, Clone)]
pub struct Platform {
    pub id: String,
    /// As documents name it: «ИС «Дневник.ру»», «Школьный портал Московской области».
    pub name: String,
    /// Genitive: «Службу поддержки ИС «Дневник.ру»», «… Школьного портала».
    pub name_genitive: String,
    /// With its preposition: «в ИС «Дневник.ру»», «на Школьном портале».
    pub work_in: String,
    pub short_name: String,
    pub timezone: Tz,
    pub support: Support,
}

#[derive(Debug, Clone)]
pub struct Support {
    pub emails: Vec<SupportEmail>,
    pub phones: Vec<SupportPhone>,
    pub channels: Vec<SupportChannel>,
    pub email_registration: Option<Hours>,
    pub phone_registration: Option<Hours>,
    pub processing: Option<Hours>,
    pub voicemail: bool,
    pub requirements: Vec<String>,
    pub rejection_reasons: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SupportEmail {
    pub address: Email,
    pub purpose: Option<String>,
    /// Named in the regulation as the address for emergencies.
    pub escalation: bool,
}

#[derive(Debug, Clone)]
pub struct SupportPhone {
    pub number: Phone,
    pub cost: CallCost,
    pub purpose: Option<String>,
    pub escalation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallCost {
    Free,
    Paid,
}

#[derive(Debug, Clone)]
pub struct SupportChannel {
    pub kind: String,
    pub text: String,
    pub url: Option<WebUrl>,
}

/// When a service works, in the vendor's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    /// Around the clock, weekends and holidays included.
    Always,
    Window {
        days: Days,
        time: TimeRange,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Days {
    /// Every day of the week.
    Daily,
    /// Monday to Friday, except public holidays.
    Workdays,
}

impl Platform {
    pub fn validate(id: &str, raw: &RawPlatform, report: &mut Collector) -> Option<Platform> {
        let root = FieldPath::root();
        let timezone = report.parse(&root.key("timezone"), parse_timezone(&raw.timezone));
        let support = validate_support(&raw.support, &root.key("support"), report);
        let lines = [
            ("name", Some(raw.name.as_str())),
            ("name_genitive", Some(raw.name_genitive.as_str())),
            ("work_in", Some(raw.work_in.as_str())),
            ("short_name", Some(raw.short_name.as_str())),
        ];
        check_texts(report, &root, &lines, &[])?;
        Some(Platform {
            id: id.to_owned(),
            name: raw.name.clone(),
            name_genitive: raw.name_genitive.clone(),
            work_in: raw.work_in.clone(),
            short_name: raw.short_name.clone(),
            timezone: timezone?,
            support: support?,
        })
    }
}

fn validate_support(raw: &RawSupport, at: &FieldPath, report: &mut Collector) -> Option<Support> {
    let emails: Vec<_> = raw
        .emails
        .iter()
        .enumerate()
        .map(|(i, email)| {
            let address = report.parse(
                &at.key("emails").index(i).key("address"),
                Email::parse(&email.address),
            );
            let purpose = [("purpose", email.purpose.as_deref())];
            check_texts(report, &at.key("emails").index(i), &purpose, &[])?;
            Some(SupportEmail {
                address: address?,
                purpose: email.purpose.clone(),
                escalation: email.escalation,
            })
        })
        .collect();
    let phones: Vec<_> = raw
        .phones
        .iter()
        .enumerate()
        .map(|(i, phone)| {
            let here = at.key("phones").index(i);
            let number = report.parse(&here.key("number"), Phone::parse(&phone.number));
            let cost = report.parse(&here.key("cost"), parse_cost(&phone.cost));
            check_texts(report, &here, &[("purpose", phone.purpose.as_deref())], &[])?;
            Some(SupportPhone {
                number: number?,
                cost: cost?,
                purpose: phone.purpose.clone(),
                escalation: phone.escalation,
            })
        })
        .collect();
    let channels: Vec<_> = raw
        .channels
        .iter()
        .enumerate()
        .map(|(i, channel)| validate_channel(channel, &at.key("channels").index(i), report))
        .collect();
    let hours = |key: &str, raw: &Option<RawHours>, report: &mut Collector| {
        parse_optional(report, &at.key(key), raw.as_ref(), parse_hours)
    };
    let email_registration = hours("email_registration", &raw.email_registration, report);
    let phone_registration = hours("phone_registration", &raw.phone_registration, report);
    let processing = hours("processing", &raw.processing, report);
    let requirements = check_blocks(report, &at.key("requirements"), &raw.requirements);
    let reasons = check_blocks(report, &at.key("rejection_reasons"), &raw.rejection_reasons);
    requirements.and(reasons)?;
    Some(Support {
        emails: emails.into_iter().collect::<Option<_>>()?,
        phones: phones.into_iter().collect::<Option<_>>()?,
        channels: channels.into_iter().collect::<Option<_>>()?,
        email_registration: email_registration.ok()?,
        phone_registration: phone_registration.ok()?,
        processing: processing.ok()?,
        voicemail: raw.voicemail,
        requirements: raw.requirements.clone(),
        rejection_reasons: raw.rejection_reasons.clone(),
    })
}

fn validate_channel(
    raw: &RawSupportChannel,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<SupportChannel> {
    let url = parse_optional(report, &at.key("url"), raw.url.as_deref(), WebUrl::parse);
    let lines = [("kind", Some(raw.kind.as_str()))];
    check_texts(report, at, &lines, &[("text", Some(raw.text.as_str()))])?;
    let url = url.ok()?;
    Some(SupportChannel {
        kind: raw.kind.clone(),
        text: raw.text.clone(),
        url,
    })
}

fn check_blocks(report: &mut Collector, at: &FieldPath, texts: &[String]) -> Option<()> {
    let mut valid = true;
    for (i, text) in texts.iter().enumerate() {
        valid &= report.parse(&at.index(i), check_block(text)).is_some();
    }
    valid.then_some(())
}

fn parse_cost(text: &str) -> Result<CallCost, super::ParseError> {
    match text {
        "free" => Ok(CallCost::Free),
        "paid" => Ok(CallCost::Paid),
        _ => Err(super::ParseError {
            message: format!("`{}` is not a call cost", shown(text)),
            hint: "write \"free\" or \"paid\"".into(),
        }),
    }
}

fn parse_hours(raw: &RawHours) -> Result<Hours, super::ParseError> {
    match raw {
        RawHours::Keyword(word) if word == "24x7" => Ok(Hours::Always),
        RawHours::Keyword(word) => Err(super::ParseError {
            message: format!("`{}` is not a working-hours value", shown(word)),
            hint: "write \"24x7\", or a table such as { days = \"daily\", time = \"9:00-21:00\" }"
                .into(),
        }),
        RawHours::Window(window) => {
            let days = match window.days.as_str() {
                "daily" => Days::Daily,
                "workdays" => Days::Workdays,
                other => {
                    return Err(super::ParseError {
                        message: format!("`{}` is not a set of days", shown(other)),
                        hint: "write \"daily\" (every day) or \"workdays\" (Monday to Friday, except holidays)".into(),
                    });
                }
            };
            Ok(Hours::Window {
                days,
                time: TimeRange::parse(&window.time)?,
            })
        }
    }
}
