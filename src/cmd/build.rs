//! `spravka build`: load, validate, render every school in parallel, then swap the output in.

use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::cli::BuildArgs;
use crate::error::Error;
use crate::output::Staging;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, RenderContext};

/// Build and return a summary line.
pub fn run(args: &BuildArgs) -> Result<String, Error> {
    let theme = Theme::load(args.project.theme.as_deref())?;
    let (layout, project) = super::load(&args.project)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| layout.root.join("public"));
    let ctx = RenderContext {
        theme: &theme,
        date: build_date()?,
        base_url: args
            .base_url
            .as_ref()
            .map(|url| url.trim_end_matches('/').to_owned()),
        with_root_index: args.project.schools.is_empty() && project.sites.len() > 1,
    };
    let rendered: Vec<(String, Vec<OutputFile>)> = project
        .sites
        .par_iter()
        .map(|site| Ok((site.school.slug.clone(), render::render_school(site, &ctx)?)))
        .collect::<Result<_, Error>>()?;
    let mut staging = Staging::create(&out)?;
    let mut count = 0;
    for (slug, files) in &rendered {
        staging.write(slug, files)?;
        count += files.len();
    }
    if ctx.with_root_index {
        staging.write("", &[render::render_root_index(&project.sites, &ctx)?])?;
        count += 1;
    }
    staging.commit()?;
    Ok(format!(
        "built {} school(s), {count} files, into {}\n",
        rendered.len(),
        shown(&out)
    ))
}

fn shown(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map(PathBuf::from)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The day the build describes: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
pub fn build_date() -> Result<NaiveDate, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => {
            let seconds: i64 = text.trim().parse().map_err(|_| {
                Error::usage(
                    format!("SOURCE_DATE_EPOCH=`{text}` is not a number of seconds"),
                    "unset it, or set it to a Unix time such as 1756684800",
                )
            })?;
            chrono::DateTime::from_timestamp(seconds, 0)
                .map(|t| t.date_naive())
                .ok_or_else(|| {
                    Error::usage(
                        format!("SOURCE_DATE_EPOCH=`{text}` is out of range"),
                        "set it to a Unix time such as 1756684800",
                    )
                })
        }
        Err(_) => Ok(chrono::Utc::now().date_naive()),
    }
}
