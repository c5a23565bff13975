//! `spravka check`: validate everything, render every page in memory, and write nothing: a
//! template that fails on a school's data fails `check` as it would fail `build`.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::{OpenProject, build};
use crate::cli::ProjectArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::locale::t;
use crate::model::{Article, lints};
use crate::render::calendar::feeds::PreviousEvents;
use crate::render::{self, IndexEntry, RenderContext};

/// Each school: its line in the index of all schools, the number of its article pages, the ids
/// of the shared articles it shows and its warnings; or its problems.
type Checked = Result<(IndexEntry, usize, Vec<String>, Vec<Problem>), Vec<Problem>>;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    let theme = super::load_theme(args.theme.as_deref())?;
    let project = OpenProject::open(args)?;
    let ctx = RenderContext {
        theme: &theme,
        date: build::build_date()?,
        base_url: project.shared.base_url.clone(),
        base_url_given: false,
        with_root_index: project.selection.total > 1 && args.schools.is_empty(),
        dtstamp: build::source_date_epoch()?,
    };
    let checked: Vec<Checked> = project
        .selection
        .slugs
        .par_iter()
        .map(|slug| check_school(&project, &ctx, slug))
        .collect::<Result<_, Error>>()?;
    let schools = checked.len();
    let mut articles = 0;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut shown = BTreeSet::new();
    let mut every_school_valid = true;
    for result in checked {
        match result {
            Ok((entry, count, ids, warnings)) => {
                entries.push(entry);
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
    if every_school_valid && project.selection.slugs.len() == project.selection.total {
        let shown: BTreeSet<&str> = shown.iter().map(String::as_str).collect();
        problems.extend(lints::unshown_articles(&project.shared.articles, &shown));
    }
    let warnings = project.check(problems)?;
    if ctx.with_root_index {
        render::render_root_files(&entries, &ctx)?;
    }
    let summary = if warnings.is_empty() {
        t!("check-no-problems", schools = schools, articles = articles)
    } else {
        t!("check-no-errors", schools = schools, articles = articles)
    } + "\n";
    Ok(super::with_warnings(summary, &warnings, project.format))
}

/// The ids of the shared articles among a school's (not replaced by one of its own).
fn shared_shown(articles: &[Arc<Article>], shared: &[Arc<Article>]) -> Vec<String> {
    (articles.iter())
        .filter(|article| shared.iter().any(|s| Arc::ptr_eq(s, article)))
        .map(|article| article.id.clone())
        .collect()
}

/// Validate one school and, when it is valid, render its files in memory and drop them.
fn check_school(project: &OpenProject, ctx: &RenderContext, slug: &str) -> Result<Checked, Error> {
    let sources = SchoolInputs::scan(&project.layout, slug)?.read()?;
    let site = match project.validate_school(sources) {
        Ok(site) => site,
        Err(problems) => return Ok(Err(problems)),
    };
    render::render_school(&site, ctx, &PreviousEvents::new())?;
    let shown = shared_shown(&site.articles, &project.shared.articles);
    Ok(Ok((
        IndexEntry::of(&site),
        site.articles.len(),
        shown,
        site.warnings,
    )))
}
