//! `schools/<slug>/school.toml` as written by the webmaster: plain serde types, no validation.

use serde::Deserialize;
use toml::value::Datetime;

use super::RawRule;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchool {
    pub language: Option<String>,
    pub school: RawIdentity,
    #[serde(default)]
    pub document: RawDocument,
    pub platform: RawPlatformChoice,
    #[serde(default)]
    pub consultants: Vec<RawConsultant>,
    #[serde(default)]
    pub helpers: Vec<RawHelper>,
    #[serde(default)]
    pub help: RawHelp,
    pub staff: Option<RawAudienceHelp>,
    pub parents: Option<RawAudienceHelp>,
    #[serde(default)]
    pub escalation: RawEscalation,
    #[serde(default)]
    pub schedule: RawSchedule,
    #[serde(default)]
    pub rules: RawRules,
    pub school_year: Option<RawSchoolYear>,
    /// Several school years (the next one is usually approved in August), instead of `[school_year]`.
    #[serde(default)]
    pub school_years: Vec<RawSchoolYear>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

/// The keys of `school.toml` that the index of all schools shows, read without the rest (and
/// without validation): the first shard of a build lists the schools other shards build.
#[derive(Debug, Deserialize)]
pub struct RawSchoolHeading {
    pub school: RawSchoolNames,
    pub platform: RawPlatformChoice,
}

#[derive(Debug, Deserialize)]
pub struct RawSchoolNames {
    pub full_name: String,
    pub short_name: String,
    /// Only whether it is there: a school with an address of its own is not under the project's.
    pub base_url: Option<toml::Value>,
}

/// The school year: its dates, terms and vacations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchoolYear {
    pub start: Datetime,
    pub end: Datetime,
    /// What a Saturday made a working day does: "skip" (no office hours) or "`replaced_day`".
    pub working_weekends: Option<String>,
    #[serde(default)]
    pub terms: Vec<RawPeriod>,
    #[serde(default)]
    pub vacations: Vec<RawPeriod>,
    /// The ids of the weekly slots held in this year, when not all of them are.
    pub slots: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub name: String,
    pub start: Datetime,
    pub end: Datetime,
}

/// A one-off event: a seminar, a training, a parent meeting, an extra consultation day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: Option<String>,
    pub title: String,
    pub kind: String,
    pub date: Datetime,
    pub time: String,
    pub place: String,
    pub audience: Option<String>,
    pub consultant: Option<String>,
    pub note: Option<String>,
}

/// A change to one session of a weekly slot: cancelled, or moved to another date, time or place.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawException {
    pub slot: String,
    pub date: Datetime,
    #[serde(default)]
    pub cancelled: bool,
    pub moved: Option<RawMove>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    pub date: Option<Datetime>,
    pub time: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIdentity {
    pub full_name: String,
    pub full_name_genitive: Option<String>,
    pub short_name: String,
    pub address: Option<String>,
    pub timezone: String,
    pub website: Option<String>,
    /// Where the school's folder is published, such as <https://school.ru/help>/.
    pub base_url: Option<String>,
    #[serde(default)]
    pub phones: Vec<RawPhone>,
    #[serde(default)]
    pub emails: Vec<String>,
}

/// A phone as a plain string, or with a label such as «тел/факс».
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "accepted forms: a phone number in quotes, \"8 (495) 582-69-00\", or a table with `number` and an optional `label`, { number = \"582-69-00\", label = \"тел/факс\" }"
)]
pub enum RawPhone {
    Plain(String),
    Labelled(RawLabelledPhone),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabelledPhone {
    pub number: String,
    pub label: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Option<String>,
    pub intro: Option<String>,
    pub appendix: Option<RawAppendix>,
    #[serde(default)]
    pub approvals: Vec<RawApproval>,
    pub terms: Option<RawTerms>,
}

/// How the generated regulation names the school, its head and the person responsible.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerms {
    pub school: Option<RawSchoolTerm>,
    pub head: Option<RawHeadTerm>,
    pub responsible: Option<RawResponsibleTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchoolTerm {
    pub name: String,
    pub genitive: Option<String>,
    pub prepositional: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeadTerm {
    pub genitive: String,
    pub instrumental: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponsibleTerm {
    pub name: String,
    pub genitive: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAppendix {
    pub number: Option<String>,
    pub order: String,
    pub order_number: Option<String>,
    pub date: Option<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    pub kind: String,
    pub by: String,
    pub person: Option<String>,
    pub date: Option<Datetime>,
    pub protocol: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatformChoice {
    pub preset: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsultant {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
    /// Short title shown instead of a name in tables, cards and calendars.
    pub title: Option<String>,
    /// "f" or "m", for «назначена»/«назначен».
    pub gender: Option<String>,
    pub appointed_by: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The recorded consent to publish the consultant's name, phone or email (152-ФЗ, ст. 10.1).
    pub consent: Option<RawConsent>,
}

/// A consent to publish personal data: the date of the written consent, or the document's words.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "accepted forms: the date of the consent, such as 2026-08-28, or the document in quotes, such as \"согласие от 28.08.2026 № 12\""
)]
pub enum RawConsent {
    Date(Datetime),
    Document(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHelper {
    pub who: String,
    pub note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHelp {
    pub training_days: Option<i64>,
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub custom_topics: Vec<String>,
    pub parents: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAudienceHelp {
    pub response: Option<RawResponse>,
    #[serde(default)]
    pub asap: bool,
    #[serde(default)]
    pub channels: Vec<RawChannel>,
}

/// A response time as the school writes it, «в течение одного дня», or as a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "accepted forms: the school's words in quotes, \"в течение одного дня\", or a table with one of `hours`, `days`, `working_days` (a whole number) and an optional `words = true`, { days = 7 }"
)]
pub enum RawResponse {
    Words(String),
    Table(RawResponseTable),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponseTable {
    pub hours: Option<i64>,
    pub days: Option<i64>,
    pub working_days: Option<i64>,
    /// The number in words: «в течение одного дня» rather than «в течение 1 дня».
    #[serde(default)]
    pub words: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChannel {
    pub kind: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub response: Option<RawResponse>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    pub audiences: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    pub posted: Option<Vec<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub slots: Vec<RawSlot>,
    #[serde(default)]
    pub exceptions: Vec<RawException>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSlot {
    /// Keeps the slot's calendar identity when its day or time changes; exceptions refer to it.
    pub id: Option<String>,
    /// One of `weekday` and `weekdays` (the same syntax under either name).
    pub weekday: Option<RawDays>,
    pub weekdays: Option<RawDays>,
    pub time: String,
    pub place: Option<String>,
    pub consultant: String,
    pub audience: Option<String>,
}

/// The days of a slot: one string (`"пн-пт"`, `"пн, ср"`) or a list of them (`["пн", "ср"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawDays {
    Text(String),
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for RawDays {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Days;
        impl<'de> serde::de::Visitor<'de> for Days {
            type Value = RawDays;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "days as a string, such as \"пн-пт\", or a list, such as [\"пн\", \"ср\"]",
                )
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawDays, E> {
                Ok(RawDays::Text(text.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawDays, A::Error> {
                let mut days = Vec::new();
                while let Some(day) = seq.next_element::<String>()? {
                    days.push(day);
                }
                Ok(RawDays::List(days))
            }
        }
        deserializer.deserialize_any(Days)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    pub clear_request: Option<RawRule>,
    pub emergency: Option<RawRule>,
    pub etiquette: Option<RawRule>,
    pub reference_materials: Option<RawRule>,
}
