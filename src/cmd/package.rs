//! `spravka package`: one zip per school for upload through a hosting control panel. Each
//! school is validated and rendered in memory as a site complete alone (no link to the index of
//! all schools, which is not part of its upload), then zipped with fixed times and sorted entries,
//! so the same input gives the same bytes. Zips are written under temporary names and renamed
//! only when every school is valid: a failed run leaves the earlier zips as they were.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, NaiveTime};
use rayon::prelude::*;

use super::OpenProject;
use super::build::{build_date, previous_events, source_date_epoch};
use crate::archive::{self, Delta, Earlier};
use crate::cli::PackageArgs;
use crate::data::SchoolInputs;
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::fs;
use crate::locale::t;
use crate::render::manifest::{Algorithm, PATH as MANIFEST};
use crate::render::{self, OutputFile, RenderContext};

/// A manifest is a few kilobytes per school; anything far larger is not one.
const MANIFEST_LIMIT: u64 = 16 * 1024 * 1024;

/// Package and return a summary line.
pub fn run(args: &PackageArgs) -> Result<String, Error> {
    let theme = super::load_theme(args.project.theme.as_deref())?;
    let project = OpenProject::open(&args.project)?;
    let since = earlier_manifest(args, &project)?;
    let root = &project.layout.root;
    let dist = args.out.clone().unwrap_or_else(|| root.join("dist"));
    let site = args.site.clone().unwrap_or_else(|| root.join("public"));
    let ctx = RenderContext {
        theme: &theme,
        date: build_date()?,
        base_url: super::base_url(args.base_url.as_deref(), &project)?,
        base_url_given: args.base_url.is_some(),
        with_root_index: false,
        dtstamp: source_date_epoch()?,
    };
    fs::create_dir_all(&dist)?;
    let packer = Packer {
        project: &project,
        ctx: &ctx,
        site: &site,
        dist: &dist,
        since: since.as_ref(),
    };
    let outcomes: Vec<Packed> = (project.selection.slugs.par_iter())
        .map(|slug| packer.school(slug))
        .collect::<Result<_, Error>>()?;
    packer.finish(outcomes)
}

/// The files of the last upload, when `--since` names its manifest.
fn earlier_manifest(args: &PackageArgs, project: &OpenProject) -> Result<Option<Earlier>, Error> {
    let Some(path) = &args.since else {
        return Ok(None);
    };
    if project.selection.slugs.len() != 1 || args.project.schools.len() != 1 {
        return Err(Error::usage(
            t!("package-since-one"),
            t!("package-since-one-hint"),
        ));
    }
    let bytes = read_limited(path)?;
    archive::parse_manifest(&bytes).map(Some).map_err(|error| {
        Error::usage(
            t!(
                "package-bad-manifest",
                path = path.display().to_string(),
                error = error.to_string()
            ),
            t!("package-bad-manifest-hint"),
        )
    })
}

fn read_limited(path: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        action: "read",
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MANIFEST_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MANIFEST_LIMIT {
        return Err(Error::usage(
            t!("package-manifest-large", path = path.display().to_string()),
            t!("package-manifest-large-hint"),
        ));
    }
    Ok(bytes)
}

/// What one package run shares between its schools.
struct Packer<'a> {
    project: &'a OpenProject,
    ctx: &'a RenderContext<'a>,
    site: &'a Path,
    dist: &'a Path,
    since: Option<&'a Earlier>,
}

/// One school: its zip written under a temporary name, or its problems.
enum Packed {
    Written(Zipped),
    Invalid(Vec<Problem>),
}

struct Zipped {
    slug: String,
    partial: PathBuf,
    files: usize,
    bytes: usize,
    delta: Option<Delta>,
}

impl Packer<'_> {
    fn school(&self, slug: &String) -> Result<Packed, Error> {
        let sources = SchoolInputs::scan(&self.project.layout, slug)?.read()?;
        let site = match self.project.validate_school(sources) {
            Ok(site) => site,
            Err(problems) => return Ok(Packed::Invalid(problems)),
        };
        let previous = previous_events(self.site, slug)?;
        let files = render::render_school(&site, self.ctx, &previous)?;
        let delta =
            (self.since).map(|old| archive::delta(&old.files, &digests(&files, old.algorithm)));
        let chosen: Vec<&OutputFile> = match &delta {
            Some(delta) => (files.iter())
                .filter(|f| f.path == MANIFEST || delta.changed.contains(&f.path))
                .collect(),
            None => files.iter().collect(),
        };
        let bytes = archive::zip(&chosen, self.zip_time()).map_err(|source| Error::Io {
            action: "zip",
            path: self.dist.join(format!("{slug}.zip")),
            source,
        })?;
        let partial = self.dist.join(format!(".{slug}.zip.partial"));
        write_fresh(&partial, &bytes)?;
        Ok(Packed::Written(Zipped {
            slug: slug.clone(),
            partial,
            files: chosen.len(),
            bytes: bytes.len(),
            delta,
        }))
    }

    /// The time of every entry: `SOURCE_DATE_EPOCH` when set, else the start of the build's day.
    fn zip_time(&self) -> NaiveDateTime {
        match self.ctx.dtstamp {
            Some(stamp) => stamp.naive_utc(),
            None => self.ctx.date.and_time(NaiveTime::MIN),
        }
    }

    /// Rename every zip into place when no school has a problem; else remove them all.
    fn finish(&self, outcomes: Vec<Packed>) -> Result<String, Error> {
        let mut zipped = Vec::new();
        let mut problems = Vec::new();
        for outcome in outcomes {
            match outcome {
                Packed::Written(z) => zipped.push(z),
                Packed::Invalid(own) => problems.extend(own),
            }
        }
        if let Err(error) = self.project.check(problems) {
            for z in &zipped {
                fs::remove_file(&z.partial)?;
            }
            return Err(error);
        }
        let mut summary = String::new();
        for z in &zipped {
            summary.push_str(&self.place(z)?);
        }
        if zipped.len() > 1 {
            let dist = self.dist.display().to_string();
            summary.push_str(&(t!("package-summary", n = zipped.len(), dist = dist) + "\n"));
        }
        Ok(summary)
    }

    /// Move one zip into place (and its list of files to delete); its line of the summary.
    fn place(&self, z: &Zipped) -> Result<String, Error> {
        let zip = self.dist.join(format!("{}.zip", z.slug));
        fs::rename(&z.partial, &zip)?;
        let size = t!("package-size", n = z.files, kib = z.bytes.div_ceil(1024));
        let zip = zip.display().to_string();
        let Some(delta) = &z.delta else {
            return Ok(t!("package-wrote", zip = zip, size = size) + "\n");
        };
        let list = self.dist.join(format!("{}.delete.txt", z.slug));
        let text: String = (delta.deleted.iter()).map(|p| format!("{p}\n")).collect();
        let partial = self.dist.join(format!(".{}.delete.txt.partial", z.slug));
        write_fresh(&partial, text.as_bytes())?;
        fs::rename(&partial, &list)?;
        let message = t!(
            "package-wrote-delta",
            zip = zip,
            size = size,
            changed = delta.changed.len(),
            deleted = delta.deleted.len(),
            list = list.display().to_string()
        );
        Ok(message + "\n")
    }
}

/// Write `bytes` into a new file at `path`, never through whatever stands there: a link left
/// at a temporary name (ours by its name) is removed, not followed, and the file is created
/// anew. Renaming it into place then replaces a link at the final name, never its target.
fn write_fresh(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if std::fs::symlink_metadata(path).is_ok() {
        fs::remove_file(path)?;
    }
    let io = |source| Error::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let mut file = (std::fs::OpenOptions::new().write(true).create_new(true))
        .open(path)
        .map_err(io)?;
    std::io::Write::write_all(&mut file, bytes).map_err(io)
}

/// Path -> digest of the files of a school, computed with `algorithm` (an earlier upload's
/// manifest may be of an older version that wrote SHA-256): as the new manifest lists them when
/// it is of that kind, else computed.
fn digests(files: &[OutputFile], algorithm: Algorithm) -> BTreeMap<String, String> {
    let listed = files.iter().find(|f| f.path == MANIFEST);
    let parsed = listed.and_then(|f| archive::parse_manifest(&f.bytes).ok());
    match parsed {
        Some(earlier) if earlier.algorithm == algorithm => earlier.files,
        _ => (files.iter())
            .filter(|f| f.path != MANIFEST)
            .map(|f| (f.path.clone(), algorithm.digest(&f.bytes)))
            .collect(),
    }
}
