//! One module per command: options in, a report out.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;

use crate::cli::ProjectArgs;
use crate::data::{self, Layout};
use crate::error::Error;
use crate::model::project::{Project, validate_project};

/// Load and validate the project named by the arguments; every problem is returned at once.
pub fn load(args: &ProjectArgs) -> Result<(Layout, Project), Error> {
    let layout = Layout::new(&args.root);
    let selection = (!args.schools.is_empty()).then_some(args.schools.as_slice());
    let mut problems = Vec::new();
    let raw = data::load_project(&layout, selection, &mut problems)?;
    let project = validate_project(&raw, problems).map_err(Error::Invalid)?;
    Ok((layout, project))
}
