//! `content/calendar/ru-<year>.toml`: one year of the Russian production calendar.

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendarYear {
    pub year: i32,
    pub complete: bool,
    pub source: String,
    pub decree: Option<String>,
    pub working_days: Option<u32>,
    #[serde(default)]
    pub holidays: Vec<RawHoliday>,
    #[serde(default)]
    pub days_off: Vec<RawDayOff>,
    #[serde(default)]
    pub working_weekends: Vec<RawWorkingWeekend>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHoliday {
    pub date: Datetime,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDayOff {
    pub date: Datetime,
    pub from: Option<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkingWeekend {
    pub date: Datetime,
    pub replaces: Datetime,
}
