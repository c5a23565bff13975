//! `spravka check`: validate everything and write nothing.

use rayon::prelude::*;

use super::Session;
use crate::cli::ProjectArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;

/// Each school: the number of its article pages and its warnings, or its problems.
type Checked = Result<(usize, Vec<Problem>), Vec<Problem>>;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    super::load_theme(args.theme.as_deref())?;
    let session = Session::open(args)?;
    let checked: Vec<Checked> = session
        .selection
        .slugs
        .par_iter()
        .map(|slug| {
            let sources = SchoolInputs::scan(&session.layout, slug)?.read()?;
            Ok(session
                .validate_school(sources)
                .map(|site| (site.articles.len(), site.warnings)))
        })
        .collect::<Result<_, Error>>()?;
    let schools = checked.len();
    let mut articles = 0;
    let mut problems = Vec::new();
    for result in checked {
        match result {
            Ok((count, warnings)) => {
                articles += count;
                problems.extend(warnings);
            }
            Err(own) => problems.extend(own),
        }
    }
    let warnings = session.check(problems)?;
    let summary = if warnings.is_empty() {
        format!("checked {schools} school(s) and {articles} article page(s): no problems found\n")
    } else {
        format!("checked {schools} school(s) and {articles} article page(s): no errors\n")
    };
    Ok(super::with_warnings(summary, &warnings))
}
