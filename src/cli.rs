//! Command-line types (clap) only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Spravka builds a help site for each school that moves to an electronic gradebook:
/// office hours, contacts, escalation to the vendor's support, FAQ and the regulation itself.
///
/// Exit codes: 0 success; 1 the input has problems (each is listed); 2 wrong command line;
/// 3 a file could not be read, rendered or written.
#[derive(Debug, Parser)]
#[command(name = "spravka", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every school's site (or the chosen ones) into the output folder.
    Build(BuildArgs),
    /// Check every file and list all problems, without writing anything.
    Check(ProjectArgs),
    /// Create a new school from the template regulation, with blanks for `check` to list.
    New(NewArgs),
}

#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// The project folder (it holds `schools/` and `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this school (the name of its folder in `schools/`); repeat for several.
    #[arg(long = "school", value_name = "SLUG")]
    pub schools: Vec<String>,
    /// A theme folder whose templates/, static/ and i18n/ files replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Where to write the sites (default: `public` in the project folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The public address of the output folder, such as https://example.ru/help (for absolute links).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new school's folder name: small Latin letters, digits and hyphens.
    pub slug: String,
    /// The platform preset (a file name in content/platforms/ without .toml).
    #[arg(long, value_name = "ID")]
    pub platform: String,
    /// The project folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}
