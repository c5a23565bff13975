//! A validated school: every reference resolved, every string that has a syntax parsed.

mod school_year;
mod types;

pub use types::{
    Appendix, Approval, ApprovalKind, AudienceHelp, Change, Channel, ChannelKind, Consultant,
    Contact, Document, Event, EventKind, Exception, Help, Helper, Identity, LabelledPhone, Period,
    Rule, Rules, STANDARD_TOPICS, Schedule, School, SchoolYear, Slot, Topic, WorkingWeekendRule,
};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::base_url::BaseUrl;
use super::platform::Platform;
use super::response::Response;
use super::terms::validate_terms;
use super::text::{list_some, shown};
use super::types::{Audience, Email, Gender, Language, Phone, TimeRange, WebUrl, parse_timezone};
use super::weekdays::Weekdays;
use super::{Invalid, check_list, check_texts, parse_date, parse_optional};
use crate::data::RawRule;
use crate::data::school::{
    RawApproval, RawAudienceHelp, RawChannel, RawConsultant, RawDays, RawDocument, RawHelp,
    RawIdentity, RawPhone, RawResponse, RawRules, RawSchedule, RawSchool, RawSlot,
};
use crate::diagnostic::{Collector, FieldPath, ParseError};
use crate::locale::t;
use school_year::{
    IdIndex, check_id, find_consultant, parse_audience, validate_events, validate_exceptions,
    validate_school_years,
};

impl Rule {
    fn from_raw(raw: Option<&RawRule>) -> Rule {
        match raw {
            None | Some(RawRule::Enabled(true)) => Rule::Standard,
            Some(RawRule::Enabled(false)) => Rule::Off,
            Some(RawRule::Custom(text)) => Rule::Custom(text.clone()),
        }
    }
}

impl School {
    /// Validate a raw school against the known platforms, reporting every problem found.
    pub fn validate(
        slug: &str,
        raw: &RawSchool,
        platforms: &BTreeMap<String, Arc<Platform>>,
        report: &mut Collector,
    ) -> Option<School> {
        let root = FieldPath::root();
        let language = parse_optional(
            report,
            &root.key("language"),
            raw.language.as_deref(),
            Language::parse,
        );
        let identity = validate_identity(&raw.school, &root.key("school"), report);
        let document = validate_document(&raw.document, &root.key("document"), report);
        let platform = resolve_platform(&raw.platform.preset, platforms, report);
        let consultants = validate_consultants(&raw.consultants, report);
        let help = validate_help(&raw.help, &root.key("help"), report);
        let staff = raw
            .staff
            .as_ref()
            .map(|h| validate_audience_help(h, &root.key("staff"), report));
        let parents = raw
            .parents
            .as_ref()
            .map(|h| validate_audience_help(h, &root.key("parents"), report));
        let escalation = validate_escalation(raw, report);
        let known = consultants.as_deref().unwrap_or(&[]);
        let ids = IdIndex::new(known.iter().map(|c| c.id.as_str()));
        let schedule = validate_schedule(&raw.schedule, known, &ids, report);
        let slots = schedule.as_ref().map(|s| s.slots.as_slice());
        let school_years = validate_school_years(raw, slots, report);
        let events = validate_events(&raw.events, &ids, report);
        let helpers = validate_helpers(raw, report);
        let rules = validate_rules(&raw.rules, report);
        let exceptions = schedule.as_ref().map(|s| {
            let years = school_years.as_deref().unwrap_or(&[]);
            validate_exceptions(&raw.schedule.exceptions, &s.slots, years, report)
        });
        Some(School {
            slug: slug.to_owned(),
            language: language.ok()?.unwrap_or_default(),
            identity: identity?,
            document: document?,
            platform: platform?,
            consultants: consultants?,
            helpers: helpers?,
            help: help?,
            staff: staff.map(|h| h.ok_or(Invalid)).transpose().ok()?,
            parents: parents.map(|h| h.ok_or(Invalid)).transpose().ok()?,
            escalation: escalation?,
            schedule: schedule?.with_exceptions(exceptions.flatten()?),
            school_years: school_years?,
            events: events?,
            rules: rules?,
        })
    }
}

fn validate_identity(
    raw: &RawIdentity,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Identity> {
    let timezone = report.parse(&at.key("timezone"), parse_timezone(&raw.timezone));
    let website = parse_optional(
        report,
        &at.key("website"),
        raw.website.as_deref(),
        WebUrl::parse,
    );
    let base_url = parse_optional(
        report,
        &at.key("base_url"),
        raw.base_url.as_deref(),
        BaseUrl::parse,
    );
    let phones: Vec<_> = raw
        .phones
        .iter()
        .enumerate()
        .map(|(i, phone)| validate_school_phone(phone, &at.key("phones").index(i), report))
        .collect();
    let emails: Vec<_> = raw
        .emails
        .iter()
        .enumerate()
        .map(|(i, email)| report.parse(&at.key("emails").index(i), Email::parse(email)))
        .collect();
    require_text(report, &at.key("full_name"), &raw.full_name);
    require_text(report, &at.key("short_name"), &raw.short_name);
    let lines = [
        ("full_name", Some(raw.full_name.as_str())),
        ("full_name_genitive", raw.full_name_genitive.as_deref()),
        ("short_name", Some(raw.short_name.as_str())),
        ("address", raw.address.as_deref()),
    ];
    let texts = check_texts(report, at, &lines, &[]);
    Some(Identity {
        full_name: raw.full_name.trim().to_owned(),
        full_name_genitive: raw.full_name_genitive.clone(),
        short_name: raw.short_name.trim().to_owned(),
        address: raw.address.clone(),
        timezone: timezone?,
        website: texts.and(website.ok())?,
        base_url: base_url.ok()?,
        phones: phones.into_iter().collect::<Option<_>>()?,
        emails: emails.into_iter().collect::<Option<_>>()?,
    })
}

fn require_text(report: &mut Collector, at: &FieldPath, text: &str) {
    if text.trim().is_empty() {
        report.report(at, t!("text-empty"), t!("text-empty-hint"));
    }
}

/// An optional text given empty: leaving the key out is how to say "none".
fn refuse_empty(
    report: &mut Collector,
    at: &FieldPath,
    text: Option<&str>,
    without: impl FnOnce() -> String,
) {
    if text.is_some_and(|t| t.trim().is_empty()) {
        report.report(
            at,
            t!("text-empty"),
            t!("text-empty-or-omit-hint", without = without()),
        );
    }
}

fn validate_school_phone(
    raw: &RawPhone,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<LabelledPhone> {
    match raw {
        RawPhone::Plain(number) => Some(LabelledPhone {
            phone: report.parse(at, Phone::parse(number))?,
            label: None,
        }),
        RawPhone::Labelled(labelled) => {
            let phone = report.parse(&at.key("number"), Phone::parse(&labelled.number));
            check_texts(report, at, &[("label", labelled.label.as_deref())], &[])?;
            Some(LabelledPhone {
                phone: phone?,
                label: labelled.label.clone(),
            })
        }
    }
}

fn validate_document(
    raw: &RawDocument,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Document> {
    let appendix = raw.appendix.as_ref().map(|appendix| {
        let date = parse_optional(
            report,
            &at.key("appendix").key("date"),
            appendix.date.as_ref(),
            parse_date,
        );
        let lines = [
            ("number", appendix.number.as_deref()),
            ("order", Some(appendix.order.as_str())),
            ("order_number", appendix.order_number.as_deref()),
        ];
        check_texts(report, &at.key("appendix"), &lines, &[])?;
        Some(Appendix {
            number: appendix.number.clone(),
            order: appendix.order.clone(),
            order_number: appendix.order_number.clone(),
            date: date.ok()?,
        })
    });
    let approvals: Vec<_> = raw
        .approvals
        .iter()
        .enumerate()
        .map(|(i, approval)| validate_approval(approval, &at.key("approvals").index(i), report))
        .collect();
    let texts = check_texts(
        report,
        at,
        &[("title", raw.title.as_deref())],
        &[("intro", raw.intro.as_deref())],
    );
    let terms = validate_terms(raw, at, report);
    texts?;
    Some(Document {
        title: raw.title.clone(),
        intro: raw.intro.clone(),
        terms: terms?,
        appendix: appendix.map(|a| a.ok_or(Invalid)).transpose().ok()?,
        approvals: approvals.into_iter().collect::<Option<_>>()?,
    })
}

fn validate_approval(
    raw: &RawApproval,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<Approval> {
    let kind = match raw.kind.as_str() {
        "agreed" | "согласовано" => Some(ApprovalKind::Agreed),
        "approved" | "утверждаю" => Some(ApprovalKind::Approved),
        "reviewed" | "рассмотрено" => Some(ApprovalKind::Reviewed),
        other => {
            report.report(
                &at.key("kind"),
                t!("approval-kind", text = shown(other)),
                t!("approval-kind-hint"),
            );
            None
        }
    };
    let date = parse_optional(report, &at.key("date"), raw.date.as_ref(), parse_date);
    let lines = [
        ("by", Some(raw.by.as_str())),
        ("person", raw.person.as_deref()),
        ("protocol", raw.protocol.as_deref()),
    ];
    check_texts(report, at, &lines, &[])?;
    Some(Approval {
        kind: kind?,
        by: raw.by.clone(),
        person: raw.person.clone(),
        date: date.ok()?,
        protocol: raw.protocol.clone(),
    })
}

fn resolve_platform(
    id: &str,
    platforms: &BTreeMap<String, Arc<Platform>>,
    report: &mut Collector,
) -> Option<Arc<Platform>> {
    let found = platforms.get(id).cloned();
    if found.is_none() {
        let known = list_some(platforms.keys().map(String::as_str), 20);
        report.report(
            &FieldPath::root().key("platform").key("preset"),
            t!("platform-unknown", id = shown(id)),
            t!("platform-unknown-hint", known = known),
        );
    }
    found
}

fn validate_consultants(raw: &[RawConsultant], report: &mut Collector) -> Option<Vec<Consultant>> {
    let mut seen = HashSet::new();
    let consultants: Vec<_> = raw
        .iter()
        .enumerate()
        .map(|(i, consultant)| {
            let at = FieldPath::root().key("consultants").index(i);
            check_id(Some(&consultant.id), &at.key("id"), report);
            if !seen.insert(consultant.id.as_str()) {
                report.report(
                    &at.key("id"),
                    t!("consultant-twice", id = shown(&consultant.id)),
                    t!("consultant-twice-hint"),
                );
            }
            let phone = parse_optional(
                report,
                &at.key("phone"),
                consultant.phone.as_deref(),
                Phone::parse,
            );
            let email = parse_optional(
                report,
                &at.key("email"),
                consultant.email.as_deref(),
                Email::parse,
            );
            let gender = parse_optional(
                report,
                &at.key("gender"),
                consultant.gender.as_deref(),
                Gender::parse,
            );
            refuse_empty(
                report,
                &at.key("title"),
                consultant.title.as_deref(),
                || t!("consultant-title-default"),
            );
            let lines = [
                ("name", consultant.name.as_deref()),
                ("role", Some(consultant.role.as_str())),
                ("title", consultant.title.as_deref()),
                ("appointed_by", consultant.appointed_by.as_deref()),
            ];
            check_texts(report, &at, &lines, &[])?;
            Some(Consultant {
                id: consultant.id.clone(),
                name: consultant.name.clone(),
                role: consultant.role.clone(),
                title: short_title(consultant),
                gender: gender.ok()?,
                appointed_by: consultant.appointed_by.clone(),
                phone: phone.ok()?,
                email: email.ok()?,
            })
        })
        .collect();
    consultants.into_iter().collect()
}

/// The consultant's `title`, or the head of the role: a role is often a whole sentence
/// («сотрудник ОО, ответственный за консультирование …») and its first clause names the post.
fn short_title(raw: &RawConsultant) -> String {
    match &raw.title {
        Some(title) => title.trim().to_owned(),
        None => raw
            .role
            .split(',')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

fn validate_help(raw: &RawHelp, at: &FieldPath, report: &mut Collector) -> Option<Help> {
    let training_days = match raw.training_days {
        Some(days) if !(1..=365).contains(&days) => {
            report.report(
                &at.key("training_days"),
                t!("training-days", days = days.to_string()),
                t!("training-days-hint"),
            );
            return None;
        }
        // In 1..=365, so it fits.
        days => days.map(|d| u32::try_from(d).unwrap_or(365)),
    };
    let mut topics = Vec::new();
    let standard = raw.topics.clone().unwrap_or_else(|| {
        STANDARD_TOPICS
            .iter()
            .take(5)
            .map(std::string::ToString::to_string)
            .collect()
    });
    for (i, topic) in standard.iter().enumerate() {
        match STANDARD_TOPICS.iter().find(|known| *known == topic) {
            Some(known) => topics.push(Topic::Standard(known)),
            None => report.report(
                &at.key("topics").index(i),
                t!("topic-unknown", topic = shown(topic)),
                t!("topic-unknown-hint", known = STANDARD_TOPICS.join(", ")),
            ),
        }
    }
    check_list(report, &at.key("custom_topics"), &raw.custom_topics)?;
    topics.extend(raw.custom_topics.iter().cloned().map(Topic::Custom));
    Some(Help {
        training_days,
        topics,
        for_parents: raw.parents.unwrap_or(true),
    })
}

fn validate_audience_help(
    raw: &RawAudienceHelp,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<AudienceHelp> {
    let response = parse_response(raw.response.as_ref(), &at.key("response"), report);
    let channels: Vec<_> = raw
        .channels
        .iter()
        .enumerate()
        .map(|(i, channel)| validate_channel(channel, &at.key("channels").index(i), report))
        .collect();
    Some(AudienceHelp {
        response: response.ok()?,
        asap: raw.asap,
        channels: channels.into_iter().collect::<Option<_>>()?,
    })
}

fn validate_channel(raw: &RawChannel, at: &FieldPath, report: &mut Collector) -> Option<Channel> {
    let kind = report.parse(&at.key("kind"), ChannelKind::parse(&raw.kind))?;
    let response = parse_response(raw.response.as_ref(), &at.key("response"), report).ok()?;
    let contact = match kind {
        ChannelKind::Phone => contact_value(report, at, "phone", raw.phone.as_deref(), raw, |t| {
            Phone::parse(t).map(Contact::Phone)
        }),
        ChannelKind::Email => contact_value(report, at, "email", raw.email.as_deref(), raw, |t| {
            Email::parse(t).map(Contact::Email)
        }),
        ChannelKind::Website | ChannelKind::OnlineCall | ChannelKind::Chat => {
            parse_optional(report, &at.key("url"), raw.url.as_deref(), |t| {
                WebUrl::parse(t).map(Contact::Web)
            })
        }
        _ => Ok(None),
    };
    let stray = [
        ("phone", raw.phone.is_some(), ChannelKind::Phone),
        ("email", raw.email.is_some(), ChannelKind::Email),
    ];
    for (key, present, owner) in stray {
        if present && kind != owner {
            report.report(
                &at.key(key),
                t!("channel-stray", kind = kind.key(), key = key),
                t!("channel-stray-hint", key = key),
            );
        }
    }
    check_texts(report, at, &[], &[("note", raw.note.as_deref())])?;
    Some(Channel {
        kind,
        contact: contact.ok()?,
        note: raw.note.clone(),
        response,
    })
}

/// The contact of a phone or email channel: required unless a note says how to reach it.
fn contact_value(
    report: &mut Collector,
    at: &FieldPath,
    key: &str,
    value: Option<&str>,
    raw: &RawChannel,
    parse: impl FnOnce(&str) -> Result<Contact, ParseError>,
) -> Result<Option<Contact>, Invalid> {
    if value.is_none() && raw.note.is_none() {
        report.report(
            at,
            t!("channel-needs", kind = shown(&raw.kind), key = key),
            t!("channel-needs-hint", key = key),
        );
        return Err(Invalid);
    }
    parse_optional(report, &at.key(key), value, parse)
}

fn parse_response(
    raw: Option<&RawResponse>,
    at: &FieldPath,
    report: &mut Collector,
) -> Result<Option<Response>, Invalid> {
    parse_optional(report, at, raw, Response::parse)
}

fn validate_escalation(raw: &RawSchool, report: &mut Collector) -> Option<Vec<Audience>> {
    let at = FieldPath::root().key("escalation").key("audiences");
    let Some(audiences) = &raw.escalation.audiences else {
        return Some(Audience::ALL.to_vec());
    };
    let parsed: Vec<_> = audiences
        .iter()
        .enumerate()
        .map(|(i, a)| report.parse(&at.index(i), Audience::parse(a)))
        .collect();
    let mut parsed: Vec<Audience> = parsed.into_iter().collect::<Option<_>>()?;
    parsed.sort();
    parsed.dedup();
    Some(parsed)
}

fn validate_schedule(
    raw: &RawSchedule,
    consultants: &[Consultant],
    ids: &IdIndex,
    report: &mut Collector,
) -> Option<Schedule> {
    let at = FieldPath::root().key("schedule").key("slots");
    let slots: Vec<_> = raw
        .slots
        .iter()
        .enumerate()
        .map(|(i, slot)| validate_slot(slot, &at.index(i), ids, report))
        .collect();
    let mut slots: Vec<Slot> = slots.into_iter().collect::<Option<_>>()?;
    assign_slot_ids(&mut slots, raw, consultants, report);
    slots.sort_by_key(|slot| (slot.weekdays.first(), slot.time, slot.weekdays));
    let at = FieldPath::root().key("schedule");
    let posted_ok = check_list(
        report,
        &at.key("posted"),
        raw.posted.as_deref().unwrap_or(&[]),
    );
    check_texts(report, &at, &[], &[("note", raw.note.as_deref())]).and(posted_ok)?;
    let posted = raw.posted.clone().unwrap_or_default();
    Some(Schedule::new(posted, raw.note.clone(), slots))
}

/// A slot without an `id` gets `<days>-<consultant>` (with `-2`, `-3` … for more on those days),
/// so its calendar identity survives a change of time or place. `<days>` is `Weekdays::key`:
/// `monday`, `monday-wednesday-friday`, `monday-to-friday`.
fn assign_slot_ids(
    slots: &mut [Slot],
    raw: &RawSchedule,
    consultants: &[Consultant],
    report: &mut Collector,
) {
    let given: HashSet<&str> = raw.slots.iter().filter_map(|r| r.id.as_deref()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    // The last suffix tried per base: every id before it is taken, so the search resumes there
    // (4,000 slots of one consultant on one day took quadratic time when it restarted at 1).
    let mut next: HashMap<String, usize> = HashMap::new();
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.id.is_empty() {
            let base = format!(
                "{}-{}",
                slot.weekdays.key(),
                consultants[slot.consultant].id
            );
            let n = next.entry(base.clone()).or_insert(1);
            let mut id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            while seen.contains(&id) || given.contains(id.as_str()) {
                *n += 1;
                id = format!("{base}-{n}");
            }
            slot.id = id;
        }
        if !seen.insert(slot.id.clone()) {
            let at = FieldPath::root()
                .key("schedule")
                .key("slots")
                .index(i)
                .key("id");
            report.report(
                &at,
                t!("slot-twice", id = shown(&slot.id)),
                t!("slot-twice-hint"),
            );
        }
    }
}

fn validate_slot(
    raw: &RawSlot,
    at: &FieldPath,
    consultants: &IdIndex,
    report: &mut Collector,
) -> Option<Slot> {
    let weekdays = slot_days(raw, at, report);
    let time = report.parse(&at.key("time"), TimeRange::parse(&raw.time));
    let consultant = find_consultant(&raw.consultant, consultants, &at.key("consultant"), report);
    let audiences = parse_audience(raw.audience.as_deref(), &at.key("audience"), report);
    check_id(raw.id.as_deref(), &at.key("id"), report);
    refuse_empty(report, &at.key("place"), raw.place.as_deref(), || {
        t!("slot-place-default")
    });
    let place = check_texts(report, at, &[("place", raw.place.as_deref())], &[]);
    Some(Slot {
        id: raw.id.clone().unwrap_or_default(),
        weekdays: weekdays?,
        time: time?,
        place: place.map(|()| raw.place.clone())?,
        consultant: consultant?,
        audiences: audiences.ok()?,
    })
}

/// The days of a slot, from `weekdays` or `weekday` (one of them, in either form).
fn slot_days(raw: &RawSlot, at: &FieldPath, report: &mut Collector) -> Option<Weekdays> {
    let (key, days) = match (&raw.weekday, &raw.weekdays) {
        (Some(days), None) => ("weekday", days),
        (None, Some(days)) => ("weekdays", days),
        (Some(_), Some(_)) => {
            report.report(
                &at.key("weekdays"),
                t!("slot-both-days"),
                t!("slot-both-days-hint"),
            );
            return None;
        }
        (None, None) => {
            report.report(at, t!("slot-no-days"), t!("slot-no-days-hint"));
            return None;
        }
    };
    let at = at.key(key);
    match days {
        RawDays::Text(text) => report.parse(&at, Weekdays::parse(text)),
        RawDays::List(list) => match Weekdays::parse_list(list) {
            Ok(days) => Some(days),
            Err((index, error)) => {
                let at = index.map_or_else(|| at.clone(), |i| at.index(i));
                report.parse(&at, Err(error))
            }
        },
    }
}

fn validate_rules(raw: &RawRules, report: &mut Collector) -> Option<Rules> {
    fn custom(rule: Option<&RawRule>) -> Option<&str> {
        match rule {
            Some(RawRule::Custom(text)) => Some(text.as_str()),
            _ => None,
        }
    }
    check_texts(
        report,
        &FieldPath::root().key("rules"),
        &[],
        &[
            ("clear_request", custom(raw.clear_request.as_ref())),
            ("emergency", custom(raw.emergency.as_ref())),
            ("etiquette", custom(raw.etiquette.as_ref())),
            (
                "reference_materials",
                custom(raw.reference_materials.as_ref()),
            ),
        ],
    )?;
    Some(Rules {
        clear_request: Rule::from_raw(raw.clear_request.as_ref()),
        emergency: Rule::from_raw(raw.emergency.as_ref()),
        etiquette: Rule::from_raw(raw.etiquette.as_ref()),
        reference_materials: Rule::from_raw(raw.reference_materials.as_ref()),
    })
}

fn validate_helpers(raw: &RawSchool, report: &mut Collector) -> Option<Vec<Helper>> {
    let at = FieldPath::root().key("helpers");
    let helpers: Vec<Option<Helper>> = raw
        .helpers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let blocks = [("note", h.note.as_deref())];
            check_texts(report, &at.index(i), &[("who", Some(&h.who))], &blocks)?;
            Some(Helper {
                who: h.who.clone(),
                note: h.note.clone(),
            })
        })
        .collect();
    helpers.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn period(name: &str, start: NaiveDate, end: NaiveDate) -> Period {
        Period {
            name: name.into(),
            start,
            end,
        }
    }

    fn slot(id: Option<&str>) -> (RawSlot, Slot) {
        let raw = RawSlot {
            id: id.map(str::to_owned),
            weekday: Some(RawDays::Text("monday".into())),
            weekdays: None,
            time: "9:00-10:00".into(),
            place: Some("к".into()),
            consultant: "admin".into(),
            audience: None,
        };
        let slot = Slot {
            id: id.unwrap_or_default().to_owned(),
            weekdays: Weekdays::one(crate::model::types::Weekday::Monday),
            time: TimeRange::parse("9:00-10:00").unwrap(),
            place: Some("к".into()),
            consultant: 0,
            audiences: Vec::new(),
        };
        (raw, slot)
    }

    #[test]
    fn slot_ids_count_on_past_ids_given_or_made() {
        let given = [
            None,
            Some("monday-admin-2"),
            None,
            None,
            Some("monday-admin-5"),
            None,
        ];
        let (raw, mut slots): (Vec<RawSlot>, Vec<Slot>) = given.iter().map(|id| slot(*id)).unzip();
        let raw = RawSchedule {
            posted: None,
            note: None,
            slots: raw,
            exceptions: Vec::new(),
        };
        let consultants = [Consultant {
            id: "admin".into(),
            name: None,
            role: "администратор".into(),
            title: "администратор".into(),
            gender: None,
            appointed_by: None,
            phone: None,
            email: None,
        }];
        let file = Arc::new(crate::diagnostic::SourceFile::new("school.toml", ""));
        let mut problems = Vec::new();
        assign_slot_ids(
            &mut slots,
            &raw,
            &consultants,
            &mut Collector::new(&file, &mut problems),
        );
        let ids: Vec<&str> = slots.iter().map(|s| s.id.as_str()).collect();
        let expected = [
            "monday-admin",
            "monday-admin-2",
            "monday-admin-3",
            "monday-admin-4",
            "monday-admin-5",
            "monday-admin-6",
        ];
        assert_eq!(ids, expected);
        assert!(problems.is_empty());
    }

    #[test]
    fn vacation_lookup_matches_a_scan_of_the_list() {
        let vacations = vec![
            period("осенние", date(10, 25), date(11, 4)),
            period("перекрытие", date(11, 1), date(11, 10)),
            period("после года", date(12, 20), date(12, 31)),
        ];
        let year = SchoolYear::new(
            (date(9, 1), date(12, 25)),
            WorkingWeekendRule::Skip,
            Vec::new(),
            vacations.clone(),
        );
        for day in date(8, 1).iter_days().take(160) {
            let scanned = vacations.iter().find(|v| v.contains(day));
            assert_eq!(year.vacation(day), scanned, "{day}");
        }
    }
}
