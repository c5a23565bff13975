//! `spravka check`: validate everything and write nothing.

use rayon::prelude::*;

use super::Session;
use crate::cli::ProjectArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::render::theme::Theme;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    Theme::load(args.theme.as_deref())?;
    let session = Session::open(args)?;
    // Each school: the number of its article pages, or its problems.
    let checked: Vec<Result<usize, Vec<Problem>>> = session
        .selection
        .slugs
        .par_iter()
        .map(|slug| {
            let sources = SchoolInputs::scan(&session.layout, slug)?.read()?;
            Ok(session
                .validate_school(sources)
                .map(|site| site.articles.len()))
        })
        .collect::<Result<_, Error>>()?;
    let schools = checked.len();
    let mut articles = 0;
    let mut problems = Vec::new();
    for result in checked {
        match result {
            Ok(count) => articles += count,
            Err(own) => problems.extend(own),
        }
    }
    session.check(problems)?;
    Ok(format!(
        "checked {schools} school(s) and {articles} article page(s): no problems found\n"
    ))
}
