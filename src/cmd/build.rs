//! `spravka build`: load, validate, render every school in parallel, stage what changed, then
//! move it into place.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rayon::prelude::*;

use crate::cli::{BuildArgs, Shard};
use crate::error::Error;
use crate::fs;
use crate::model::SchoolSite;
use crate::output::{Changes, Staging};
use crate::render::calendar::feeds::{PreviousEvents, parse_previous};
use crate::render::theme::Theme;
use crate::render::{self, RenderContext};

/// Build and return a summary line.
pub fn run(args: &BuildArgs) -> Result<String, Error> {
    let theme = Theme::load(args.project.theme.as_deref())?;
    let (layout, project) = super::load(&args.project)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| layout.root.join("public"));
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let ctx = RenderContext {
        theme: &theme,
        date: build_date()?,
        base_url: args
            .base_url
            .as_ref()
            .map(|url| url.trim_end_matches('/').to_owned()),
        with_root_index: project.total_schools > 1,
        dtstamp: source_date_epoch()?,
    };
    let staging = Staging::create(&out)?;
    let mine: Vec<&SchoolSite> = project
        .sites
        .iter()
        .filter(|site| shard.contains(&site.school.slug))
        .collect();
    let mut changes = mine
        .par_iter()
        .map(|site| {
            let previous = previous_events(&out, &site.school.slug)?;
            let files = render::render_school(site, &ctx, &previous)?;
            staging.stage(&site.school.slug, &files)
        })
        .try_reduce(Changes::default, |mut all, one| {
            all.merge(one);
            Ok(all)
        })?;
    // The index lists every school, so only a build of them all (or its first shard) writes it.
    if ctx.with_root_index && args.project.schools.is_empty() && shard.is_first() {
        changes.merge(staging.stage("", &[render::render_root_index(&project.sites, &ctx)?])?);
    }
    let summary = format!(
        "built {} school(s) into {}: {} file(s) written, {} unchanged, {} removed\n",
        mine.len(),
        shown(&out),
        changes.written,
        changes.unchanged,
        changes.removed()
    );
    staging.commit(changes)?;
    Ok(summary)
}

fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map(PathBuf::from)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The day the build describes: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
pub fn build_date() -> Result<NaiveDate, Error> {
    Ok(source_date_epoch()?.unwrap_or_else(Utc::now).date_naive())
}

/// SOURCE_DATE_EPOCH (reproducible-builds.org), when set.
fn source_date_epoch() -> Result<Option<DateTime<Utc>>, Error> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let bad = |what: &str| {
        Error::usage(
            format!("SOURCE_DATE_EPOCH=`{text}` {what}"),
            "unset it, or set it to a Unix time such as 1756684800",
        )
    };
    let seconds: i64 = text
        .trim()
        .parse()
        .map_err(|_| bad("is not a number of seconds"))?;
    DateTime::from_timestamp(seconds, 0)
        .map(Some)
        .ok_or_else(|| bad("is out of range"))
}

/// The events of the feed this school published last time, if there is one.
fn previous_events(out: &Path, slug: &str) -> Result<PreviousEvents, Error> {
    let path = out.join(slug).join("calendar").join("all.ics");
    if !path.is_file() {
        return Ok(PreviousEvents::new());
    }
    let bytes = fs::read(&path)?;
    Ok(parse_previous(&String::from_utf8_lossy(&bytes)))
}
