//! Raw serde types -> validated domain types. Every problem is collected, not just the first.

pub mod article;
pub mod base_url;
pub mod lints;
pub mod mentions;
pub mod platform;
pub mod production_calendar;
pub mod project;
pub mod regulation;
pub mod response;
pub mod school;
pub mod terms;
pub mod text;
pub mod types;
pub mod weekdays;
mod zones;

use crate::locale::t;
use chrono::NaiveDate;
use toml::value::Datetime;

use crate::diagnostic::{Collector, FieldPath, ParseError};

pub use article::Article;
pub use platform::Platform;
pub use project::{SchoolSite, Shared};
pub use school::School;

/// Marks a value whose problem has already been reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// Parse an optional value: `Ok(None)` when absent, `Err(Invalid)` when present but wrong (reported).
pub fn parse_optional<S, T>(
    report: &mut Collector,
    field: &FieldPath,
    raw: Option<S>,
    parse: impl FnOnce(S) -> Result<T, ParseError>,
) -> Result<Option<T>, Invalid> {
    match raw {
        None => Ok(None),
        Some(raw) => report.parse(field, parse(raw)).map(Some).ok_or(Invalid),
    }
}

/// Free text of one table: `lines` stay on one line (names, places), `blocks` may span lines
/// (notes, introductions). Every bad value is reported; `None` when there was one.
pub fn check_texts(
    report: &mut Collector,
    at: &FieldPath,
    lines: &[(&str, Option<&str>)],
    blocks: &[(&str, Option<&str>)],
) -> Option<()> {
    let mut valid = true;
    let fields = lines.iter().map(|f| (f, true));
    for ((key, text), one_line) in fields.chain(blocks.iter().map(|f| (f, false))) {
        let Some(text) = text else { continue };
        let checked = if one_line {
            text::check_line(text)
        } else {
            text::check_block(text)
        };
        valid &= report.parse(&at.key(key), checked).is_some();
    }
    valid.then_some(())
}

/// Check each text of a list on one line (`posted`, `custom_topics`…).
pub fn check_list(report: &mut Collector, at: &FieldPath, texts: &[String]) -> Option<()> {
    let mut valid = true;
    for (i, text) in texts.iter().enumerate() {
        valid &= report.parse(&at.index(i), text::check_line(text)).is_some();
    }
    valid.then_some(())
}

/// A TOML date (`2025-09-01`, no time).
pub fn parse_date(raw: &Datetime) -> Result<NaiveDate, ParseError> {
    let bad = || ParseError {
        message: t!("value-not-date", text = raw.to_string()),
        hint: t!("value-not-date-hint"),
    };
    match (raw.date, raw.time) {
        (Some(date), None) => {
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}
