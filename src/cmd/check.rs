//! `spravka check`: validate everything and write nothing.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::Session;
use crate::cli::ProjectArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::model::{Article, lints};
use crate::render::theme::Theme;

/// Each school: the number of its article pages, the ids of the shared articles it shows and
/// its warnings; or its problems.
type Checked = Result<(usize, Vec<String>, Vec<Problem>), Vec<Problem>>;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    Theme::load(args.theme.as_deref())?;
    let session = Session::open(args)?;
    let checked: Vec<Checked> = session
        .selection
        .slugs
        .par_iter()
        .map(|slug| {
            let sources = SchoolInputs::scan(&session.layout, slug)?.read()?;
            Ok(session.validate_school(sources).map(|site| {
                let shown = shared_shown(&site.articles, &session.shared.articles);
                (site.articles.len(), shown, site.warnings)
            }))
        })
        .collect::<Result<_, Error>>()?;
    let schools = checked.len();
    let mut articles = 0;
    let mut problems = Vec::new();
    let mut shown = BTreeSet::new();
    let mut every_school_valid = true;
    for result in checked {
        match result {
            Ok((count, ids, warnings)) => {
                articles += count;
                shown.extend(ids);
                problems.extend(warnings);
            }
            Err(own) => {
                every_school_valid = false;
                problems.extend(own);
            }
        }
    }
    // Only a check of every school, each valid, knows which articles no school shows.
    if every_school_valid && session.selection.slugs.len() == session.selection.total {
        let shown: BTreeSet<&str> = shown.iter().map(String::as_str).collect();
        problems.extend(lints::unshown_articles(&session.shared.articles, &shown));
    }
    let warnings = session.check(problems)?;
    let summary = if warnings.is_empty() {
        format!("checked {schools} school(s) and {articles} article page(s): no problems found\n")
    } else {
        format!("checked {schools} school(s) and {articles} article page(s): no errors\n")
    };
    Ok(super::with_warnings(summary, &warnings, session.format))
}

/// The ids of the shared articles among a school's (not replaced by one of its own).
fn shared_shown(articles: &[Arc<Article>], shared: &[Arc<Article>]) -> Vec<String> {
    (articles.iter())
        .filter(|article| shared.iter().any(|s| Arc::ptr_eq(s, article)))
        .map(|article| article.id.clone())
        .collect()
}
