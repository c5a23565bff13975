//! `content/platforms/<id>.toml`: a vendor's support service, kept once and shared by schools.

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatform {
    pub name: String,
    pub name_genitive: String,
    pub work_in: String,
    /// `work_in` written out, when `name` is an abbreviation the regulation defines:
    /// «в информационной системе «Дневник.ру»» (далее — ИС «Дневник.ру»).
    pub work_in_full: Option<String>,
    pub short_name: String,
    /// How pages for parents name the platform when `name` is an abbreviation («ИС»).
    pub pages: Option<RawPageNames>,
    pub timezone: String,
    /// The vendor fixes the regulation's emergency and support points (a footnote says so).
    #[serde(default)]
    pub fixed_points: bool,
    pub source: Option<RawSource>,
    pub support: RawSupport,
}

/// The platform's names on pages, without the regulation's abbreviation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageNames {
    pub name: String,
    pub name_genitive: String,
    pub work_in: String,
}

/// Where the preset's facts come from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub document: String,
    pub date: Option<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupport {
    #[serde(default)]
    pub emails: Vec<RawSupportEmail>,
    #[serde(default)]
    pub phones: Vec<RawSupportPhone>,
    #[serde(default)]
    pub channels: Vec<RawSupportChannel>,
    pub email_registration: Option<RawHours>,
    pub phone_registration: Option<RawHours>,
    pub processing: Option<RawHours>,
    #[serde(default)]
    pub voicemail: bool,
    #[serde(default)]
    pub requirements: Vec<String>,
    #[serde(default)]
    pub rejection_reasons: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupportEmail {
    pub address: String,
    pub purpose: Option<String>,
    #[serde(default)]
    pub escalation: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupportPhone {
    pub number: String,
    pub cost: String,
    pub purpose: Option<String>,
    #[serde(default)]
    pub escalation: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupportChannel {
    pub kind: String,
    pub text: String,
    pub url: Option<String>,
    /// How the regulation's emergency point names it: «через группу в «В Контакте»».
    pub via: Option<String>,
    #[serde(default)]
    pub escalation: bool,
}

/// `"24x7"`, or a window such as `{ days = "daily", time = "9:00-21:00", channels = ["email"] }`.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "accepted forms: \"24x7\", or a table with `days` (\"daily\" or \"workdays\"), `time` and an optional `channels`, { days = \"daily\", time = \"9:00-21:00\", channels = [\"email\", \"phone\"] }"
)]
pub enum RawHours {
    Keyword(String),
    Window(RawWindow),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    /// "daily", "workdays", or "24x7" (then without `time`).
    pub days: String,
    pub time: Option<String>,
    /// The channels these hours apply to: "email", "phone", or a kind of `support.channels`.
    #[serde(default)]
    pub channels: Vec<String>,
}
