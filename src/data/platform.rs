//! `content/platforms/<id>.toml`: a vendor's support service, kept once and shared by schools.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatform {
    pub name: String,
    pub name_genitive: String,
    pub work_in: String,
    pub short_name: String,
    pub timezone: String,
    pub support: RawSupport,
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
}

/// `"24x7"`, or a window such as `{ days = "daily", time = "9:00-21:00" }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawHours {
    Keyword(String),
    Window(RawWindow),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    pub days: String,
    pub time: String,
}
