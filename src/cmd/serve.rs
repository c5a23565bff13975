//! `spravka serve`: build, serve the output on this computer, and rebuild on every change. A
//! change inside one school's folder rebuilds that school alone (`build --school`, the path
//! measured in BENCHMARKS.md); a change to shared content, the theme or the list of schools
//! rebuilds everything, which skips every school whose inputs did not change. Open pages reload
//! after a rebuild that wrote files, and show the problems of a failed one.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::build::{self, Report};
use super::options::BuildOptions;
use crate::cli::ServeArgs;
use crate::data::{self, Layout};
use crate::diagnostic::visible;
use crate::error::Error;
use crate::locale::t;
use crate::render::IndexEntry;
use crate::serve::Preview;
use crate::serve::live::LiveState;
use crate::serve::watch::{Scope, Watch, describe, scope_of};

pub fn run(args: &ServeArgs) -> Result<String, Error> {
    let options = BuildOptions::new(&args.build);
    let layout = Layout::new(&options.project.root);
    let watch = Watch::start(&watched_folders(&layout, &options))?;
    let live = Arc::new(LiveState::new());
    let mut rebuilder = Rebuilder::new(&options, &layout, Arc::clone(&live));
    if let Err(error) = rebuilder.everything() {
        if matches!(error, Error::Usage { .. }) {
            return Err(error);
        }
        rebuilder.failed(&error);
    }
    let preview = Preview::bind(
        &rebuilder.out,
        SocketAddr::new(args.address, args.port),
        live,
    )?;
    if !args.address.is_loopback() {
        eprintln!("{}", t!("serve-open", address = preview.address().clone()));
    }
    let serving = t!(
        "serve-serving",
        out = rebuilder.out.display().to_string(),
        address = preview.address().clone(),
        watched = watched_names(&options)
    );
    println!("{serving}");
    std::thread::spawn(move || preview.run());
    let root = absolute(&layout.root);
    let schools = absolute(&layout.schools());
    let out = absolute(&rebuilder.out);
    while let Some(paths) = watch.next_batch() {
        let paths: Vec<PathBuf> = paths.into_iter().filter(|p| !p.starts_with(&out)).collect();
        if let Some(scope) = scope_of(&paths, &schools, &rebuilder.known) {
            // File names are the user's: no control character reaches the terminal raw.
            let what = visible(&describe(&paths, &root)).into_owned();
            println!("{}", t!("serve-changed", what = what));
            rebuilder.rebuild(scope);
        }
    }
    Ok(String::new())
}

/// Rebuilds with the options `serve` was given, and tells the browsers.
struct Rebuilder<'a> {
    args: &'a BuildOptions,
    layout: &'a Layout,
    out: PathBuf,
    live: Arc<LiveState>,
    /// The project's schools at the last full rebuild: a change under any other folder of
    /// `schools/` means a school was added or renamed.
    known: BTreeSet<String>,
    /// Each school's line in the index of all schools, as the last build that built it saw it.
    entries: BTreeMap<String, IndexEntry>,
}

impl<'a> Rebuilder<'a> {
    fn new(args: &'a BuildOptions, layout: &'a Layout, live: Arc<LiveState>) -> Self {
        Rebuilder {
            args,
            layout,
            out: args.out.clone(),
            live,
            known: BTreeSet::new(),
            entries: BTreeMap::new(),
        }
    }

    fn rebuild(&mut self, scope: Scope) {
        let started = Instant::now();
        let result = match scope {
            Scope::Everything => self.everything(),
            Scope::Schools(slugs) => self.schools(slugs),
        };
        match result {
            Ok(Some(report)) => {
                let ms = started.elapsed().as_millis().to_string();
                let summary = report.summary.trim_end_matches('\n');
                println!("{}", t!("serve-rebuilt", ms = ms, summary = summary));
                self.live.settle(report.site_changed, None);
            }
            Ok(None) => {}
            Err(error) => self.failed(&error),
        }
    }

    /// A build of every school `serve` was asked for; unchanged schools are skipped.
    fn everything(&mut self) -> Result<Option<Report>, Error> {
        let selection = data::select_schools(self.layout, None);
        self.known = selection
            .map(|s| s.slugs.into_iter().collect())
            .unwrap_or_default();
        let report = build::build(self.args)?;
        self.remember(&report);
        Ok(Some(report))
    }

    /// A build of `slugs` alone (those `serve` was asked for), followed by a full one when a
    /// school's line in the index of all schools changed (its name or platform).
    fn schools(&mut self, mut slugs: BTreeSet<String>) -> Result<Option<Report>, Error> {
        let chosen = &self.args.project.schools;
        if !chosen.is_empty() {
            slugs.retain(|slug| chosen.contains(slug));
        }
        if slugs.is_empty() {
            return Ok(None);
        }
        let before = self.index_entries(&slugs);
        let report = build::build(&self.args.only(&slugs))?;
        self.remember(&report);
        if chosen.is_empty() && self.index_entries(&slugs) != before {
            let index = build::build(self.args)?;
            self.remember(&index);
            return Ok(Some(Report {
                site_changed: report.site_changed || index.site_changed,
                ..report
            }));
        }
        Ok(Some(report))
    }

    fn index_entries(&self, slugs: &BTreeSet<String>) -> BTreeMap<String, Option<IndexEntry>> {
        slugs
            .iter()
            .map(|slug| (slug.clone(), self.entries.get(slug).cloned()))
            .collect()
    }

    fn remember(&mut self, report: &Report) {
        for entry in &report.entries {
            self.entries.insert(entry.slug.clone(), entry.clone());
        }
    }

    fn failed(&self, error: &Error) {
        let text = error.render();
        eprint!("{text}");
        self.live.settle(false, Some(text));
    }
}

/// What a build reads besides the program: the schools, the shared content, the theme folder.
fn watched_folders(layout: &Layout, args: &BuildOptions) -> Vec<PathBuf> {
    let mut folders = vec![layout.schools(), layout.root.join("content")];
    folders.extend(args.project.theme.clone());
    folders.iter().map(|folder| absolute(folder)).collect()
}

fn watched_names(args: &BuildOptions) -> String {
    let mut names = vec!["schools/".to_owned(), "content/".to_owned()];
    names.extend((args.project.theme.iter()).map(|theme| format!("{}/", theme.display())));
    names.join(", ")
}

/// The path the watcher reports for files under `path`: it resolves symbolic links, so the
/// comparison must too. A path that does not exist (yet) is kept as it is.
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}
