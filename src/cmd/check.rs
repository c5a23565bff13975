//! `spravka check`: validate everything and write nothing.

use crate::cli::ProjectArgs;
use crate::error::Error;
use crate::render::theme::Theme;

/// A summary line for a successful check.
pub fn run(args: &ProjectArgs) -> Result<String, Error> {
    Theme::load(args.theme.as_deref())?;
    let (_, project) = super::load(args)?;
    let articles: usize = project.sites.iter().map(|site| site.articles.len()).sum();
    Ok(format!(
        "checked {} school(s) and {articles} article page(s): no problems found\n",
        project.sites.len()
    ))
}
