//! One module per command: options in, a report out.

pub mod build;
pub mod check;
pub mod new;
pub mod package;
pub mod serve;

use crate::cli::ProjectArgs;
use crate::data::{self, Layout, SchoolSources, Selection};
use crate::diagnostic::Problem;
use crate::error::Error;
use crate::model::base_url::BaseUrl;
use crate::model::project::sorted_problems;
use crate::model::{SchoolSite, Shared};

/// A project opened for a command: the shared content read and validated once, the schools
/// selected. Schools are then read and validated one at a time, so that a command holds only
/// the schools it is working on, never the whole region.
#[derive(Debug)]
pub struct Session {
    pub layout: Layout,
    pub shared: Shared,
    pub selection: Selection,
    /// Problems of the shared files, reported together with those of the schools.
    shared_problems: Vec<Problem>,
    /// Whether a warning stops the command as an error does (`--deny-warnings`).
    deny_warnings: bool,
}

impl Session {
    pub fn open(args: &ProjectArgs) -> Result<Session, Error> {
        let layout = Layout::new(&args.root);
        let selection = (!args.schools.is_empty()).then_some(args.schools.as_slice());
        let selection = data::select_schools(&layout, selection)?;
        let mut shared_problems = Vec::new();
        let raw = data::load_shared(&layout, &mut shared_problems)?;
        let shared = Shared::validate(&raw, &mut shared_problems);
        Ok(Session {
            layout,
            shared,
            selection,
            shared_problems,
            deny_warnings: args.deny_warnings,
        })
    }

    /// Parse and validate one school's files; `Err` lists every problem in them.
    pub fn validate_school(&self, sources: SchoolSources) -> Result<SchoolSite, Vec<Problem>> {
        let mut problems = Vec::new();
        let dir = data::parse_school_dir(&self.layout, sources, &mut problems);
        match dir.map(|dir| self.shared.validate_school(&dir)) {
            Some(Ok(site)) if problems.is_empty() => Ok(site),
            Some(Err(more)) => {
                problems.extend(more);
                Err(problems)
            }
            _ => Err(problems),
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
pub fn base_url(flag: Option<&str>, session: &Session) -> Result<Option<BaseUrl>, Error> {
    let Some(flag) = flag else {
        return Ok(session.shared.base_url.clone());
    };
    BaseUrl::parse(flag)
        .map(Some)
        .map_err(|error| Error::usage(format!("--base-url: {}", error.message), error.hint))
}

/// Draw the warnings on stderr, as errors are drawn; `summary` with their count on its line.
pub fn with_warnings(summary: String, warnings: &[Problem]) -> String {
    if warnings.is_empty() {
        return summary;
    }
    let drawn: Vec<String> = warnings.iter().map(Problem::render).collect();
    eprint!("{}", crate::diagnostic::visible(&(drawn.join("\n") + "\n")));
    let count = warnings.len();
    let noun = if count == 1 { "warning" } else { "warnings" };
    format!("{}; {count} {noun}\n", summary.trim_end_matches('\n'))
}
