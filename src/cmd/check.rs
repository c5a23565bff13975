//! `spravka check`: validate everything, render every page in memory, and write nothing: a
//! template that fails on a school's data fails `check` as it would fail `build`.

use rayon::prelude::*;

use super::{Session, build};
use crate::cli::ProjectArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::render::calendar::feeds::PreviousEvents;
use crate::render::{self, IndexEntry, RenderContext};

/// Each school: its line in the index of all schools, the number of its article pages and its
/// warnings, or its problems.
type Checked = Result<(IndexEntry, usize, Vec<Problem>), Vec<Problem>>;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    let theme = super::load_theme(args.theme.as_deref())?;
    let session = Session::open(args)?;
    let ctx = RenderContext {
        theme: &theme,
        date: build::build_date()?,
        base_url: None,
        with_root_index: session.selection.total > 1 && args.schools.is_empty(),
        dtstamp: build::source_date_epoch()?,
    };
    let checked: Vec<Checked> = session
        .selection
        .slugs
        .par_iter()
        .map(|slug| check_school(&session, &ctx, slug))
        .collect::<Result<_, Error>>()?;
    let schools = checked.len();
    let mut articles = 0;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for result in checked {
        match result {
            Ok((entry, count, warnings)) => {
                entries.push(entry);
                articles += count;
                problems.extend(warnings);
            }
            Err(own) => problems.extend(own),
        }
    }
    let warnings = session.check(problems)?;
    if ctx.with_root_index {
        render::render_root_index(&entries, &ctx)?;
    }
    let summary = if warnings.is_empty() {
        format!("checked {schools} school(s) and {articles} article page(s): no problems found\n")
    } else {
        format!("checked {schools} school(s) and {articles} article page(s): no errors\n")
    };
    Ok(super::with_warnings(summary, &warnings))
}

/// Validate one school and, when it is valid, render its files in memory and drop them.
fn check_school(session: &Session, ctx: &RenderContext, slug: &str) -> Result<Checked, Error> {
    let sources = SchoolInputs::scan(&session.layout, slug)?.read()?;
    let site = match session.validate_school(sources) {
        Ok(site) => site,
        Err(problems) => return Ok(Err(problems)),
    };
    render::render_school(&site, ctx, &PreviousEvents::new())?;
    Ok(Ok((
        IndexEntry::of(&site),
        site.articles.len(),
        site.warnings,
    )))
}
