//! Raw serde types -> validated domain types. Every problem is collected, not just the first.

pub mod article;
pub mod calendar;
pub mod platform;
pub mod project;
pub mod school;
pub mod school_year;
pub mod text;
pub mod types;

use chrono::NaiveDate;
use toml::value::Datetime;

use crate::diagnostic::{Collector, FieldPath};

pub use article::Article;
pub use platform::Platform;
pub use project::{SchoolSite, Shared};
pub use school::School;
pub use types::ParseError;

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

/// A TOML date (`2025-09-01`, no time).
pub fn parse_date(raw: &Datetime) -> Result<NaiveDate, ParseError> {
    let bad = || ParseError {
        message: format!("`{raw}` is not a date"),
        hint: "write a date without quotes as year-month-day, such as 2025-09-01".into(),
    };
    match (raw.date, raw.time) {
        (Some(date), None) => {
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}
