//! A validated platform preset: the vendor's support service and its fixed terms.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::text::check_block;
use super::text::shown;
use super::types::{Email, Phone, TimeRange, WebUrl, parse_timezone};
use super::{check_texts, parse_date, parse_optional};
use crate::data::platform::{
    RawHours, RawPlatform, RawSource, RawSupport, RawSupportChannel, RawSupportEmail,
    RawSupportPhone,
};
use crate::diagnostic::{Collector, FieldPath};
use crate::locale::t;

#[derive(Debug, Clone)]
pub struct Platform {
    pub id: String,
    /// As documents name it: «ИС «Дневник.ру»», «Школьный портал Московской области».
    pub name: String,
    /// Genitive: «Службу поддержки ИС «Дневник.ру»», «… Школьного портала».
    pub name_genitive: String,
    /// With its preposition: «в ИС «Дневник.ру»», «на Школьном портале».
    pub work_in: String,
    /// `work_in` written out when `name` is an abbreviation the regulation must define.
    pub work_in_full: Option<String>,
    pub short_name: String,
    /// The names on pages for parents (`[pages]`), or the names above.
    pub pages: PageNames,
    pub timezone: Tz,
    /// The vendor fixes the regulation's emergency and support points.
    pub fixed_points: bool,
    pub source: Option<Source>,
    pub support: Support,
}

/// How pages name the platform: «Дневник.ру», «системы «Дневник.ру»», «в системе «Дневник.ру»»
/// where the regulation writes «ИС «Дневник.ру»».
#[derive(Debug, Clone)]
pub struct PageNames {
    pub name: String,
    pub name_genitive: String,
    pub work_in: String,
}

/// The document the preset's facts come from.
#[derive(Debug, Clone)]
pub struct Source {
    pub document: String,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Support {
    pub emails: Vec<SupportEmail>,
    pub phones: Vec<SupportPhone>,
    pub channels: Vec<SupportChannel>,
    pub email_registration: Option<Hours>,
    pub phone_registration: Option<Hours>,
    pub processing: Option<Hours>,
    /// The channels `processing` applies to, in the preset's order; empty when it does not say.
    pub processing_channels: Vec<HoursChannel>,
    pub voicemail: bool,
    pub requirements: Vec<String>,
    pub rejection_reasons: Vec<String>,
}

impl Support {
    /// The support line's hours with their keys in the preset (`[support.<key>]`), in the order
    /// regulations give them and every page and check lists them: email registration, phone
    /// registration, processing.
    #[must_use]
    pub fn hours_by_key(&self) -> [(&'static str, Option<Hours>); 3] {
        [
            ("email_registration", self.email_registration),
            ("phone_registration", self.phone_registration),
            ("processing", self.processing),
        ]
    }
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
    pub kind: SupportKind,
    /// How the emergency page lists it: «Группа Службы поддержки в «В Контакте»».
    pub text: String,
    pub url: Option<WebUrl>,
    /// How the regulation's emergency point names it; default: the kind's standard wording.
    pub via: Option<String>,
    pub escalation: bool,
}

/// A way to reach the vendor other than email and phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportKind {
    /// A group on a social network (its address is required).
    Social,
    /// A web form for requests (its address is required).
    WebForm,
    Chat,
    OnlineCall,
    Other,
}

impl SupportKind {
    const NAMES: [(&'static str, SupportKind); 5] = [
        ("social", SupportKind::Social),
        ("web_form", SupportKind::WebForm),
        ("chat", SupportKind::Chat),
        ("online_call", SupportKind::OnlineCall),
        ("other", SupportKind::Other),
    ];

    fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::NAMES
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, kind)| *kind)
            .ok_or_else(|| super::ParseError {
                message: t!("support-kind", text = shown(text)),
                hint: t!(
                    "support-kind-hint",
                    known = Self::NAMES.map(|(name, _)| name).join(", ")
                ),
            })
    }

    pub fn key(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("other", |(name, _)| name)
    }

    /// A social group or a web form is nothing without its address.
    fn needs_url(self) -> bool {
        matches!(self, SupportKind::Social | SupportKind::WebForm)
    }
}

/// A channel some hours apply to: «Обработка обращений по электронной почте и по телефону».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursChannel {
    Email,
    Phone,
    Other(SupportKind),
}

impl HoursChannel {
    pub fn key(self) -> &'static str {
        match self {
            HoursChannel::Email => "email",
            HoursChannel::Phone => "phone",
            HoursChannel::Other(kind) => kind.key(),
        }
    }
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
        let source = raw
            .source
            .as_ref()
            .map(|s| validate_source(s, &root.key("source"), report));
        let lines = [
            ("name", Some(raw.name.as_str())),
            ("name_genitive", Some(raw.name_genitive.as_str())),
            ("work_in", Some(raw.work_in.as_str())),
            ("work_in_full", raw.work_in_full.as_deref()),
            ("short_name", Some(raw.short_name.as_str())),
        ];
        let pages = raw.pages.as_ref();
        let page_lines = [
            ("name", pages.map(|p| p.name.as_str())),
            ("name_genitive", pages.map(|p| p.name_genitive.as_str())),
            ("work_in", pages.map(|p| p.work_in.as_str())),
        ];
        let names = check_texts(report, &root, &lines, &[]);
        names.and(check_texts(report, &root.key("pages"), &page_lines, &[]))?;
        Some(Platform {
            id: id.to_owned(),
            name: raw.name.clone(),
            name_genitive: raw.name_genitive.clone(),
            work_in: raw.work_in.clone(),
            work_in_full: raw.work_in_full.clone(),
            short_name: raw.short_name.clone(),
            pages: match pages {
                Some(p) => PageNames {
                    name: p.name.clone(),
                    name_genitive: p.name_genitive.clone(),
                    work_in: p.work_in.clone(),
                },
                None => PageNames {
                    name: raw.name.clone(),
                    name_genitive: raw.name_genitive.clone(),
                    work_in: raw.work_in.clone(),
                },
            },
            timezone: timezone?,
            fixed_points: raw.fixed_points,
            source: source.map(|s| s.ok_or(())).transpose().ok()?,
            support: support?,
        })
    }
}

fn validate_source(raw: &RawSource, at: &FieldPath, report: &mut Collector) -> Option<Source> {
    let date = parse_optional(report, &at.key("date"), raw.date.as_ref(), parse_date);
    check_texts(
        report,
        at,
        &[("document", Some(raw.document.as_str()))],
        &[],
    )?;
    Some(Source {
        document: raw.document.clone(),
        date: date.ok()?,
    })
}

fn validate_support(raw: &RawSupport, at: &FieldPath, report: &mut Collector) -> Option<Support> {
    let emails: Vec<_> = raw
        .emails
        .iter()
        .enumerate()
        .map(|(i, email)| validate_email(email, &at.key("emails").index(i), report))
        .collect();
    let phones: Vec<_> = raw
        .phones
        .iter()
        .enumerate()
        .map(|(i, phone)| validate_phone(phone, &at.key("phones").index(i), report))
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
    let channels: Vec<SupportChannel> = channels.into_iter().collect::<Option<_>>()?;
    let offered = Offered {
        emails: !raw.emails.is_empty(),
        phones: !raw.phones.is_empty(),
        kinds: channels.iter().map(|c| c.kind).collect(),
    };
    let promised = check_promises(raw, &offered, at, report);
    let processing_channels = hours_channels(raw, &offered, at, report);
    let escalates = check_escalation(raw, &channels, at, report);
    requirements.and(reasons).and(promised).and(escalates)?;
    Some(Support {
        emails: emails.into_iter().collect::<Option<_>>()?,
        phones: phones.into_iter().collect::<Option<_>>()?,
        channels,
        email_registration: email_registration.ok()?,
        phone_registration: phone_registration.ok()?,
        processing: processing.ok()?,
        processing_channels: processing_channels?,
        voicemail: raw.voicemail,
        requirements: raw.requirements.clone(),
        rejection_reasons: raw.rejection_reasons.clone(),
    })
}

fn validate_email(
    raw: &RawSupportEmail,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<SupportEmail> {
    let address = report.parse(&at.key("address"), Email::parse(&raw.address));
    check_texts(report, at, &[("purpose", raw.purpose.as_deref())], &[])?;
    Some(SupportEmail {
        address: address?,
        purpose: raw.purpose.clone(),
        escalation: raw.escalation,
    })
}

fn validate_phone(
    raw: &RawSupportPhone,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<SupportPhone> {
    let number = report.parse(&at.key("number"), Phone::parse(&raw.number));
    let cost = report.parse(&at.key("cost"), parse_cost(&raw.cost));
    check_texts(report, at, &[("purpose", raw.purpose.as_deref())], &[])?;
    Some(SupportPhone {
        number: number?,
        cost: cost?,
        purpose: raw.purpose.clone(),
        escalation: raw.escalation,
    })
}

fn validate_channel(
    raw: &RawSupportChannel,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<SupportChannel> {
    let kind = report.parse(&at.key("kind"), SupportKind::parse(&raw.kind));
    let url = parse_optional(report, &at.key("url"), raw.url.as_deref(), WebUrl::parse);
    if let Some(kind) = kind.filter(|k| k.needs_url() && raw.url.is_none()) {
        report.report(
            at,
            t!("support-needs-url", kind = kind.key()),
            t!("support-needs-url-hint"),
        );
        return None;
    }
    if kind == Some(SupportKind::Other) && raw.escalation && raw.via.is_none() {
        report.report(
            &at.key("via"),
            t!("support-needs-via"),
            t!("support-needs-via-hint"),
        );
        return None;
    }
    let lines = [("via", raw.via.as_deref())];
    check_texts(report, at, &lines, &[("text", Some(raw.text.as_str()))])?;
    Some(SupportChannel {
        kind: kind?,
        text: raw.text.clone(),
        url: url.ok()?,
        via: raw.via.clone(),
        escalation: raw.escalation,
    })
}

/// What a preset offers, for the checks of what its hours promise.
struct Offered {
    emails: bool,
    phones: bool,
    kinds: Vec<SupportKind>,
}

impl Offered {
    fn has(&self, channel: HoursChannel) -> bool {
        match channel {
            HoursChannel::Email => self.emails,
            HoursChannel::Phone => self.phones,
            HoursChannel::Other(kind) => self.kinds.contains(&kind),
        }
    }
}

/// Registration hours for email (or phone) promise an address (or number) to write to (or call).
fn check_promises(
    raw: &RawSupport,
    offered: &Offered,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<()> {
    let promises = [
        (
            "email_registration",
            &raw.email_registration,
            offered.emails,
            t!("support-promise-email"),
            t!("support-promise-email-what"),
        ),
        (
            "phone_registration",
            &raw.phone_registration,
            offered.phones,
            t!("support-promise-phone"),
            t!("support-promise-phone-what"),
        ),
    ];
    let mut valid = true;
    for (key, hours, offered, promise, what) in promises {
        if hours.is_some() && !offered {
            report.report(
                &at.key(key),
                t!("support-promise", promise = promise.as_str()),
                t!("support-promise-hint", what = what.as_str(), key = key),
            );
            valid = false;
        }
        let lists_channels = matches!(hours, Some(RawHours::Window(w)) if !w.channels.is_empty());
        if lists_channels {
            report.report(
                &at.key(key).key("channels"),
                t!("support-own-channel", key = key),
                t!("support-own-channel-hint"),
            );
            valid = false;
        }
    }
    valid.then_some(())
}

/// The channels `processing` names; each must be one the preset offers.
fn hours_channels(
    raw: &RawSupport,
    offered: &Offered,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Vec<HoursChannel>> {
    let Some(RawHours::Window(window)) = &raw.processing else {
        return Some(Vec::new());
    };
    let at = at.key("processing").key("channels");
    let mut found = Vec::new();
    let mut valid = true;
    for (i, name) in window.channels.iter().enumerate() {
        let channel = match name.as_str() {
            "email" => Ok(HoursChannel::Email),
            "phone" => Ok(HoursChannel::Phone),
            other => SupportKind::parse(other).map(HoursChannel::Other),
        };
        match channel {
            Ok(channel) if offered.has(channel) => found.push(channel),
            Ok(channel) => {
                report.report(
                    &at.index(i),
                    t!("support-no-contact", channel = channel.key()),
                    t!("support-no-contact-hint"),
                );
                valid = false;
            }
            Err(_) => {
                report.report(
                    &at.index(i),
                    t!("support-not-channel", name = shown(name)),
                    t!("support-not-channel-hint"),
                );
                valid = false;
            }
        }
    }
    valid.then_some(found)
}

/// The regulation's emergency point names the contacts marked `escalation = true`: at least one.
fn check_escalation(
    raw: &RawSupport,
    channels: &[SupportChannel],
    at: &FieldPath,
    report: &mut Collector,
) -> Option<()> {
    let any = raw.emails.iter().any(|e| e.escalation)
        || raw.phones.iter().any(|p| p.escalation)
        || channels.iter().any(|c| c.escalation);
    if !any {
        report.report(
            at,
            t!("support-no-escalation"),
            t!("support-no-escalation-hint"),
        );
    }
    any.then_some(())
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
            message: t!("call-cost", text = shown(text)),
            hint: t!("call-cost-hint"),
        }),
    }
}

fn parse_hours(raw: &RawHours) -> Result<Hours, super::ParseError> {
    match raw {
        RawHours::Keyword(word) if word == "24x7" => Ok(Hours::Always),
        RawHours::Keyword(word) => Err(super::ParseError {
            message: t!("hours-word", text = shown(word)),
            hint: t!("hours-word-hint"),
        }),
        RawHours::Window(window) => {
            let days = match window.days.as_str() {
                "24x7" if window.time.is_none() => return Ok(Hours::Always),
                "24x7" => {
                    return Err(super::ParseError {
                        message: t!("hours-always-time"),
                        hint: t!("hours-always-time-hint"),
                    });
                }
                "daily" => Days::Daily,
                "workdays" => Days::Workdays,
                other => {
                    return Err(super::ParseError {
                        message: t!("hours-days", text = shown(other)),
                        hint: t!("hours-days-hint"),
                    });
                }
            };
            let Some(time) = &window.time else {
                return Err(super::ParseError {
                    message: t!("hours-need-time"),
                    hint: t!("hours-need-time-hint"),
                });
            };
            Ok(Hours::Window {
                days,
                time: TimeRange::parse(time)?,
            })
        }
    }
}
