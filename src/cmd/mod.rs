//! One module per command: options in, a report out.

pub mod build;
pub mod check;
pub mod new;
pub mod options;
pub mod package;
pub mod serve;

use std::path::Path;

use crate::cli::{Format, ProjectArgs};
use crate::data::{self, Layout, SchoolSources, Selection};
use chrono::NaiveDate;

use crate::diagnostic::{Collector, Problem};
use crate::error::Error;
use crate::locale::t;
use crate::model::base_url::BaseUrl;
use crate::model::lints;
use crate::model::project::sorted_problems;
use crate::model::types::Language;
use crate::model::{SchoolSite, Shared};
use crate::render::theme::{self, Theme};

/// A project opened for a command: the shared content read and validated once, the schools
/// selected. Schools are then read and validated one at a time, so that a command holds only
/// the schools it is working on, never the whole region.
#[derive(Debug)]
pub struct OpenProject {
    pub layout: Layout,
    pub shared: Shared,
    pub selection: Selection,
    /// Problems of the shared files, reported together with those of the schools.
    shared_problems: Vec<Problem>,
    /// Whether a warning stops the command as an error does (`--deny-warnings`).
    deny_warnings: bool,
    /// How problems are written (`--format`).
    pub format: Format,
    /// The day the build describes (`SOURCE_DATE_EPOCH` or today): a school year is current or past by it.
    pub today: NaiveDate,
}

impl OpenProject {
    pub fn open(args: &ProjectArgs) -> Result<OpenProject, Error> {
        let layout = Layout::new(&args.root);
        let selection = (!args.schools.is_empty()).then_some(args.schools.as_slice());
        let selection = data::select_schools(&layout, selection)?;
        let mut shared_problems = Vec::new();
        let raw = data::load_shared(&layout, &mut shared_problems)?;
        let shared = Shared::validate(&raw, &mut shared_problems);
        Ok(OpenProject {
            layout,
            shared,
            selection,
            shared_problems,
            deny_warnings: args.deny_warnings,
            today: build::build_date()?,
            format: args.format,
        })
    }

    /// Parse and validate one school's files; `Err` lists every problem in them.
    pub fn validate_school(&self, sources: SchoolSources) -> Result<SchoolSite, Vec<Problem>> {
        let mut problems = Vec::new();
        let Some(dir) = data::parse_school_dir(&self.layout, sources, &mut problems) else {
            return Err(problems);
        };
        match self.shared.validate_school(&dir) {
            Ok(mut site) if problems.is_empty() => {
                let mut more = Vec::new();
                let mut report = Collector::new(&dir.school.file, &mut more);
                let calendar = &self.shared.production_calendar;
                lints::school_warnings(
                    &site.school,
                    &dir.school.value,
                    calendar,
                    self.today,
                    &mut report,
                );
                if more.iter().all(Problem::is_warning) {
                    site.warnings.extend(more);
                    Ok(site)
                } else {
                    site.warnings.extend(more);
                    Err(site.warnings)
                }
            }
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }

    /// `Err` with every problem of the shared files and of `schools`, sorted, when one is an
    /// error (or a warning, with `--deny-warnings`); else the warnings, sorted.
    pub fn check(&self, schools: Vec<Problem>) -> Result<Vec<Problem>, Error> {
        let mut problems = self.shared_problems.clone();
        problems.extend(schools);
        let problems = sorted_problems(problems);
        let stop = self.deny_warnings && !problems.is_empty();
        if stop || problems.iter().any(|problem| !problem.is_warning()) {
            Err(Error::Invalid(problems))
        } else {
            Ok(problems)
        }
    }
}

/// The address of the folder of the schools' folders: `--base-url` (a usage error when it is not
/// a web address), else the project's `base_url` in spravka.toml.
pub fn base_url(flag: Option<&str>, project: &OpenProject) -> Result<Option<BaseUrl>, Error> {
    let Some(flag) = flag else {
        return Ok(project.shared.base_url.clone());
    };
    BaseUrl::parse(flag)
        .map(Some)
        .map_err(|error| Error::usage(format!("--base-url: {}", error.message), error.hint))
}

/// Draw the warnings on stderr, as errors are drawn; `summary` with their count on its line.
/// In `json`, the warnings are JSON lines on stdout and the summary goes to stderr, so that
/// stdout holds JSON only.
pub fn with_warnings(summary: String, warnings: &[Problem], format: Format) -> String {
    if format == Format::Json {
        print!("{}", crate::diagnostic::json_lines(warnings));
        eprint!("{}", counted_summary(summary, warnings.len()));
        return String::new();
    }
    if warnings.is_empty() {
        return summary;
    }
    // Each problem drawn is already safe to show (`Problem::render_styled`).
    let colour = crate::diagnostic::colour_wanted();
    eprintln!("{}", crate::diagnostic::render_all(warnings, colour));
    counted_summary(summary, warnings.len())
}

/// The summary with the number of warnings on its line, when there are any.
fn counted_summary(summary: String, count: usize) -> String {
    if count == 0 {
        return summary;
    }
    let summary = summary.trim_end_matches('\n');
    format!("{summary}; {}\n", t!("count-warnings", n = count))
}

/// The built-in theme with the files of the user's theme folder, if any, read from disk and
/// laid over it (`render` never reads the disk itself).
pub fn load_theme(custom: Option<&Path>) -> Result<Theme, Error> {
    let languages = theme::LANGUAGES.map(Language::code);
    let custom = custom
        .map(|dir| data::theme::load_theme(dir, &languages))
        .transpose()?;
    Theme::load(custom)
}
