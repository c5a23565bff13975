//! `spravka build`: load, validate, render every school in parallel, stage what changed, then
//! move it into place.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cli::{BuildArgs, Shard};
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::fs;
use crate::model::{Project, SchoolSite};
use crate::output::{Changes, Staging};
use crate::render::calendar::feeds::{PreviousEvents, parse_previous};
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
    let build_fingerprint = build_fingerprint(&theme, &project, &ctx)?;
    let mine: Vec<&SchoolSite> = project
        .sites
        .iter()
        .filter(|site| shard.contains(&site.school.slug))
        .collect();
    let skipped = AtomicUsize::new(0);
    let mut changes = mine
        .par_iter()
        .map(|site| {
            let fingerprint = Fingerprint::new()
                .add("build", build_fingerprint.as_bytes())
                .add("school", site.fingerprint.as_bytes())
                .hex();
            let record = fingerprint_path(&site.school.slug);
            if !args.force
                && out.join(&site.school.slug).is_dir()
                && same_text(&out.join(&record), &fingerprint)
            {
                skipped.fetch_add(1, Ordering::Relaxed);
                return Ok(Changes::default());
            }
            let previous = previous_events(&out, &site.school.slug)?;
            let files = render::render_school(site, &ctx, &previous)?;
            let mut changes = staging.stage(&site.school.slug, &files)?;
            changes.merge(staging.stage(
                "",
                &[OutputFile {
                    path: record,
                    bytes: fingerprint.into_bytes(),
                }],
            )?);
            Ok(changes)
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
        "built {} school(s) into {} ({} up to date): {} file(s) written, {} unchanged, {} removed\n",
        mine.len(),
        shown(&out),
        skipped.load(Ordering::Relaxed),
        changes.written,
        changes.unchanged,
        changes.removed()
    );
    staging.commit(changes)?;
    Ok(summary)
}

/// Where a school's input fingerprint is kept: beside the school folders, not inside them, so
/// that it is never uploaded with a school's site.
fn fingerprint_path(slug: &str) -> String {
    format!(".spravka/{slug}.fingerprint")
}

fn same_text(path: &Path, text: &str) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes())
}

/// Everything besides a school's own files that its output depends on: this program, the theme,
/// the shared content and the build's options.
fn build_fingerprint(
    theme: &Theme,
    project: &Project,
    ctx: &RenderContext,
) -> Result<String, Error> {
    let mut fingerprint = Fingerprint::new();
    fingerprint
        .add("program", program_identity().as_bytes())
        .add("theme", theme.fingerprint.as_bytes())
        .add("shared", project.shared_fingerprint.as_bytes())
        .add("date", ctx.date.to_string().as_bytes())
        .add(
            "base_url",
            ctx.base_url.as_deref().unwrap_or_default().as_bytes(),
        )
        .add("index", &[u8::from(ctx.with_root_index)])
        .add(
            "dtstamp",
            ctx.dtstamp
                .map(|d| d.timestamp())
                .unwrap_or_default()
                .to_string()
                .as_bytes(),
        );
    Ok(fingerprint.hex())
}

/// This program's version, size and modification time: a rebuilt binary renders everything
/// again. (Hashing the binary would be exact but costs a second on every build.)
fn program_identity() -> String {
    let exe = std::env::current_exe().ok();
    let meta = exe.as_ref().and_then(|path| std::fs::metadata(path).ok());
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    format!(
        "{} {:?} {:?}",
        env!("CARGO_PKG_VERSION"),
        meta.map(|m| m.len()),
        modified
    )
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
