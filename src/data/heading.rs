//! Disk -> the few keys of a `school.toml` that the index of all schools shows, for the schools
//! that another shard of a build validates and renders.

use std::sync::Arc;

use super::school::RawSchoolHeading;
use super::{Layout, parse_toml, read_source};
use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;
use crate::fs;

/// Read the heading of the school `slug`; a file that cannot be read as such is a problem
/// (`Err` of the outer result only for an I/O failure).
pub fn load_school_heading(
    layout: &Layout,
    slug: &str,
) -> Result<Result<(Arc<SourceFile>, RawSchoolHeading), Problem>, Error> {
    let path = layout.schools().join(slug).join("school.toml");
    Ok(read_source(layout, &path, fs::limits::TOML)?
        .and_then(|file| parse_toml(&file).map(|heading| (file, heading))))
}
