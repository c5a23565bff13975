//! `spravka build`: the schools stream through the pipeline in parallel, each read, validated,
//! rendered and staged on its own, so memory holds only the schools in flight. A school whose
//! inputs are unchanged since the last build is skipped by its file stamps without being read.
//! Nothing is moved into place until every school has succeeded, and then all of it at once,
//! through a journal, while the build holds the lock of its output folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use rayon::prelude::*;

use super::OpenProject;
use super::options::BuildOptions;
use crate::cli::{BuildArgs, Shard};
use crate::data::sources::Stamps;
use crate::data::{self, SchoolInputs, SchoolSources};
use crate::diagnostic::{FieldPath, Problem, visible};
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::fs;
use crate::interrupt;
use crate::locale::t;
use crate::output::{Changes, OutputFolder, Staging};
use crate::progress;
use crate::record::{RootRecord, SchoolRecord};
use crate::render::calendar::feeds::{PreviousEvents, parse_previous};
use crate::render::theme::Theme;
use crate::render::{self, IndexEntry, RenderContext};

/// What a build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line for the terminal.
    pub summary: String,
    /// Whether a file of the sites changed (not only the build's own records).
    pub site_changed: bool,
    /// The index lines of the schools built (or up to date), for `serve` to see which changed.
    pub entries: Vec<IndexEntry>,
}

/// Build and return a summary line.
pub fn run(args: &BuildArgs) -> Result<String, Error> {
    build(&BuildOptions::new(args)).map(|report| report.summary)
}

/// Build; the same path serves `spravka build` and each rebuild of `spravka serve`.
pub fn build(args: &BuildOptions) -> Result<Report, Error> {
    // First, so that it is dropped last: a signal waits for the staging folder to go.
    let _running = interrupt::Build::enter();
    let theme = super::load_theme(args.project.theme.as_deref())?;
    let project = OpenProject::open(&args.project)?;
    let out = args.out.clone();
    let shard = args.shard;
    let ctx = RenderContext {
        theme: &theme,
        date: build_date()?,
        base_url: super::base_url(args.base_url.as_deref(), &project)?,
        base_url_given: args.base_url.is_some(),
        with_root_index: links_to_index(args, &project),
        dtstamp: source_date_epoch()?,
    };
    let folder = OutputFolder::open(&out, &project.layout.root, args.project.theme.as_deref())?;
    let staging = Staging::create(folder.path())?;
    let builder = Builder {
        fingerprint: build_fingerprint(&theme, &project, &ctx),
        project: &project,
        ctx: &ctx,
        staging: &staging,
        out: &out,
        force: args.force,
        failed: AtomicBool::new(false),
    };
    let mine: Vec<&String> = (project.selection.slugs.iter())
        .filter(|slug| shard.contains(slug))
        .collect();
    let started = std::time::Instant::now();
    let bar = progress::Bar::new(mine.len(), || t!("progress-building"));
    let outcomes: Vec<Outcome> = mine
        .par_iter()
        .map(|slug| bar.step(builder.school(slug)))
        .collect::<Result<_, Error>>()?;
    bar.finish();
    let mut tally = Tally::default();
    for outcome in outcomes {
        tally.add(outcome);
    }
    let warnings = project.check(std::mem::take(&mut tally.problems))?;
    interrupt::check()?;
    if args.project.schools.is_empty() {
        project_files(&project, &ctx, (&staging, &out), shard, &mut tally)?;
    }
    let report = Report {
        summary: super::with_warnings(
            tally.summary(mine.len(), &out, started.elapsed()),
            &warnings,
            project.format,
        ),
        site_changed: (tally.changes).touches(|path| !SchoolRecord::is_record(path)),
        entries: std::mem::take(&mut tally.entries),
    };
    interrupt::check()?;
    staging.commit(tally.changes)?;
    folder.keep();
    Ok(report)
}

/// Whether pages link to the index of all schools: only when the build writes that index, so
/// that a school built alone (to be uploaded alone) links to nothing outside its folder.
fn links_to_index(args: &BuildOptions, project: &OpenProject) -> bool {
    project.selection.total > 1 && (args.project.schools.is_empty() || args.part_of_whole)
}

/// What only a build of every school (or of one shard of them) does: remove the folders of
/// schools the project no longer has, and write the index of all schools (the first shard).
fn project_files(
    project: &OpenProject,
    ctx: &RenderContext,
    (staging, out): (&Staging, &Path),
    shard: Shard,
    tally: &mut Tally,
) -> Result<(), Error> {
    for slug in gone_schools(project, out, shard) {
        let ours = SchoolRecord::load(out, &slug).map(|r| r.files);
        let root_files = [SchoolRecord::path(&slug)];
        let changes = staging.remove(&slug, &ours.unwrap_or_default(), &root_files)?;
        tally.changes.merge(changes);
    }
    if !shard.is_first() {
        return Ok(());
    }
    let mut files = Vec::new();
    if ctx.with_root_index {
        if shard != Shard::WHOLE {
            tally.entries.extend(other_shards(project, shard)?);
            tally.entries.sort_by(|a, b| a.slug.cmp(&b.slug));
        }
        files = render::render_root_files(&tally.entries, ctx)?;
    }
    let made: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
    let gone: Vec<String> = (RootRecord::load(out).into_iter())
        .filter(|name| !made.contains(name))
        .collect();
    tally.changes.merge(staging.remove_root(&gone));
    files.push(RootRecord::file(&made));
    tally.changes.merge(staging.stage_root(&files)?);
    Ok(())
}

/// What happened to one school.
#[derive(Debug)]
enum Outcome {
    /// Nothing it depends on changed since the last build (its record may have been refreshed).
    UpToDate(IndexEntry, Changes, Published),
    /// Built, with the school's warnings.
    Built(IndexEntry, Changes, Published, Vec<Problem>),
    /// Valid, but not rendered: another school failed, so the build will write nothing.
    Valid(IndexEntry, Vec<Problem>),
    Invalid(Vec<Problem>),
}

/// The pages and calendar feeds of the built sites, written now or up to date.
#[derive(Debug, Default, Clone, Copy)]
struct Published {
    pages: usize,
    feeds: usize,
}

impl Published {
    fn of(files: &[String]) -> Published {
        let count = |ext: &str| files.iter().filter(|path| path.ends_with(ext)).count();
        Published {
            pages: count(".html"),
            feeds: count(".ics"),
        }
    }

    fn add(&mut self, other: Published) {
        self.pages += other.pages;
        self.feeds += other.feeds;
    }
}

/// The outcomes of all schools, added up.
#[derive(Debug, Default)]
struct Tally {
    changes: Changes,
    up_to_date: usize,
    published: Published,
    entries: Vec<IndexEntry>,
    problems: Vec<Problem>,
}

impl Tally {
    fn summary(&self, schools: usize, out: &Path, took: std::time::Duration) -> String {
        let kept = kept_lines(&self.changes.foreign);
        let summary = t!(
            "build-summary",
            schools = schools,
            out = shown(out),
            fresh = self.up_to_date,
            written = self.changes.written,
            unchanged = self.changes.unchanged,
            removed = self.changes.removed(),
            pages = self.published.pages,
            feeds = self.published.feeds,
            seconds = format!("{:.2}", took.as_secs_f64())
        );
        format!("{kept}{summary}\n")
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::UpToDate(entry, changes, published) => {
                self.up_to_date += 1;
                self.published.add(published);
                self.entries.push(entry);
                self.changes.merge(changes);
            }
            Outcome::Built(entry, changes, published, warnings) => {
                self.published.add(published);
                self.entries.push(entry);
                self.changes.merge(changes);
                self.problems.extend(warnings);
            }
            Outcome::Valid(entry, warnings) => {
                self.entries.push(entry);
                self.problems.extend(warnings);
            }
            Outcome::Invalid(problems) => self.problems.extend(problems),
        }
    }
}

/// Everything one build shares between its schools.
#[derive(Debug)]
struct Builder<'a> {
    project: &'a OpenProject,
    ctx: &'a RenderContext<'a>,
    staging: &'a Staging,
    out: &'a Path,
    /// See `build_fingerprint`.
    fingerprint: String,
    force: bool,
    /// Set by the first invalid school: the others are still validated, but not rendered.
    failed: AtomicBool,
}

impl Builder<'_> {
    fn school(&self, slug: &str) -> Result<Outcome, Error> {
        interrupt::check()?;
        let inputs = SchoolInputs::scan(&self.project.layout, slug)?;
        let stamps = inputs.stamps();
        let stored = self.stored_record(slug);
        let ours = stored.as_ref().map(|r| r.files.clone()).unwrap_or_default();
        let record = stored.filter(|record| !self.force && record.build == self.fingerprint);
        if let Some(record) = &record {
            if stamps.is_some() && record.stamps == stamps {
                let published = Published::of(&record.files);
                return Ok(Outcome::UpToDate(
                    record.index.clone(),
                    Changes::default(),
                    published,
                ));
            }
        }
        let sources = inputs.read()?;
        let content = sources.fingerprint();
        if let Some(record) = record.filter(|record| record.content == content) {
            // Touched but not changed: remember the new stamps so the next build reads nothing.
            let fresh = SchoolRecord { stamps, ..record };
            let changes = self.staging.stage_root(&[fresh.file()])?;
            let published = Published::of(&fresh.files);
            return Ok(Outcome::UpToDate(fresh.index, changes, published));
        }
        self.render(sources, (content, stamps), &ours)
    }

    /// The record of the school's last build, when its folder is still there (a real folder).
    fn stored_record(&self, slug: &str) -> Option<SchoolRecord> {
        let folder = std::fs::symlink_metadata(self.out.join(slug));
        if !folder.is_ok_and(|meta| meta.is_dir()) {
            return None;
        }
        SchoolRecord::load(self.out, slug)
    }

    /// Render and stage a school; `ours` lists the files the previous build wrote for it.
    fn render(
        &self,
        sources: SchoolSources,
        (content, stamps): (String, Option<Stamps>),
        ours: &[String],
    ) -> Result<Outcome, Error> {
        let mut site = match self.project.validate_school(sources) {
            Ok(site) => site,
            Err(problems) => {
                self.failed.store(true, Ordering::Relaxed);
                return Ok(Outcome::Invalid(problems));
            }
        };
        let index = IndexEntry::of(&site);
        let warnings = std::mem::take(&mut site.warnings);
        if self.failed.load(Ordering::Relaxed) {
            return Ok(Outcome::Valid(index, warnings));
        }
        let slug = &site.school.slug;
        let previous = previous_events(self.out, slug)?;
        let files = render::render_school(&site, self.ctx, &previous)?;
        let mut changes = self.staging.stage_school(slug, &files, ours)?;
        let mut written: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
        written.sort();
        let record = SchoolRecord {
            build: self.fingerprint.clone(),
            content,
            stamps,
            index: index.clone(),
            files: written,
        };
        changes.merge(self.staging.stage_root(&[record.file()])?);
        let published = Published::of(&record.files);
        Ok(Outcome::Built(index, changes, published, warnings))
    }
}

/// Schools this build (or shard) once wrote into `out` that the project no longer has. Only
/// folders with a record are taken: whatever else is in the output folder is not ours to remove.
fn gone_schools(project: &OpenProject, out: &Path, shard: Shard) -> Vec<String> {
    SchoolRecord::recorded(out)
        .into_iter()
        .filter(|slug| shard.contains(slug))
        .filter(|slug| project.selection.slugs.binary_search(slug).is_err())
        .collect()
}

/// The index lines of the schools other shards build, read from their `school.toml` without
/// validating them (their own shard does). A file that does not give its names and platform
/// stops the build: the index would otherwise leave the school out without a word.
fn other_shards(project: &OpenProject, shard: Shard) -> Result<Vec<IndexEntry>, Error> {
    let others: Vec<&String> = (project.selection.slugs.iter())
        .filter(|slug| !shard.contains(slug))
        .collect();
    let read: Vec<Result<IndexEntry, Problem>> = others
        .par_iter()
        .map(|slug| other_entry(project, slug))
        .collect::<Result<_, Error>>()?;
    let (entries, problems): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
    if !problems.is_empty() {
        return Err(Error::Invalid(
            problems.into_iter().filter_map(Result::err).collect(),
        ));
    }
    Ok(entries.into_iter().filter_map(Result::ok).collect())
}

fn other_entry(project: &OpenProject, slug: &str) -> Result<Result<IndexEntry, Problem>, Error> {
    let (file, heading) = match data::heading::load_school_heading(&project.layout, slug)? {
        Ok(read) => read,
        Err(problem) => return Ok(Err(problem)),
    };
    let preset = &heading.platform.preset;
    let Some(platform) = project.shared.platforms.get(preset) else {
        let field = FieldPath::root().key("platform").key("preset");
        let problem = Problem::new(t!("platform-unknown", id = visible(preset).into_owned()))
            .in_file(&file)
            .with_span(file.span_of(&field))
            .with_field(field.to_string())
            .with_hint(t!("build-platform-hint"));
        return Ok(Err(problem));
    };
    Ok(Ok(IndexEntry {
        slug: slug.to_owned(),
        short_name: heading.school.short_name.trim().to_owned(),
        full_name: heading.school.full_name.trim().to_owned(),
        platform: platform.pages.name.clone(),
        own_address: heading.school.base_url.is_some(),
    }))
}

/// Everything besides a school's own files that its output depends on: this program, the theme,
/// the shared content and the build's options.
fn build_fingerprint(theme: &Theme, project: &OpenProject, ctx: &RenderContext) -> String {
    let mut fingerprint = Fingerprint::new();
    fingerprint
        .add("program", program_identity().as_bytes())
        .add("theme", theme.fingerprint.as_bytes())
        .add("shared", project.shared.fingerprint.as_bytes())
        .add("date", ctx.date.to_string().as_bytes())
        .add(
            "base_url",
            (ctx.base_url.as_ref().map_or("", |url| url.as_str())).as_bytes(),
        )
        .add("base_url_given", &[u8::from(ctx.base_url_given)])
        .add("index", &[u8::from(ctx.with_root_index)])
        .add(
            "dtstamp",
            ctx.dtstamp
                .map(|d| d.timestamp())
                .unwrap_or_default()
                .to_string()
                .as_bytes(),
        );
    fingerprint.hex()
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

/// A path as the user would type it: relative to the current folder, without `./`.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&cwd).unwrap_or(path);
    let parts = relative.components();
    let path: PathBuf = parts
        .filter(|part| *part != std::path::Component::CurDir)
        .collect();
    path.display().to_string()
}

/// The day the build describes: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today (UTC).
pub fn build_date() -> Result<NaiveDate, Error> {
    Ok(source_date_epoch()?.unwrap_or_else(Utc::now).date_naive())
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org), when set.
pub fn source_date_epoch() -> Result<Option<DateTime<Utc>>, Error> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let bad = |message: String| Error::usage(message, t!("epoch-hint"));
    let seconds: i64 =
        (text.trim().parse()).map_err(|_| bad(t!("epoch-not-a-number", text = text.as_str())))?;
    DateTime::from_timestamp(seconds, 0)
        .map(Some)
        .ok_or_else(|| bad(t!("epoch-out-of-range", text = text.as_str())))
}

/// Lines naming the files of school folders that Spravka did not write and left alone.
fn kept_lines(foreign: &[PathBuf]) -> String {
    const SHOWN: usize = 10;
    let mut lines: String = (foreign.iter().take(SHOWN))
        .map(|path| t!("build-kept", path = shown(path)) + "\n")
        .collect();
    if foreign.len() > SHOWN {
        let more = foreign.len() - SHOWN;
        lines.push_str(&(t!("build-kept-more", n = more) + "\n"));
    }
    lines
}

/// The events of the feed this school published last time, if there is one (a regular file
/// reached through real folders: a link there is not ours and is not read).
pub fn previous_events(out: &Path, slug: &str) -> Result<PreviousEvents, Error> {
    let relative = Path::new(slug).join("calendar").join("all.ics");
    if !crate::output::is_regular_file(out, &relative) {
        return Ok(PreviousEvents::new());
    }
    let bytes = fs::read(&out.join(relative))?;
    Ok(parse_previous(&String::from_utf8_lossy(&bytes)))
}
