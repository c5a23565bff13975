//! Spravka: static help sites for schools moving to electronic gradebooks.
//!
//! Data flows one way: `data` (disk -> raw types) -> `model` (validated types) -> `render`
//! (files in memory) -> `output` (staged, then swapped in). `cmd` wires the stages per command.

// Pedantic lints the project does not follow, each for its reason (ARCHITECTURE.md, «Lints»).
#![allow(
    clippy::missing_errors_doc,
    reason = "no published API: every item is private or in the doc(hidden) `internals`, and each \
              error type says when it happens"
)]
#![allow(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the paths compared are Spravka's own output paths or inputs whose names the README \
              gives in small letters (`.md`, `.toml`)"
)]
#![allow(
    clippy::format_push_string,
    clippy::format_collect,
    reason = "`push_str(&format!(..))` and `format!` in a `collect` read plainer than `write!` and \
              its error that cannot happen; the loops of a build's hot path write bytes directly"
)]

mod archive;
pub mod cli;
mod cmd;
mod data;
mod diagnostic;
mod error;
mod fingerprint;
mod fs;
pub mod interrupt;
mod links;
mod locale;
mod markdown;
mod model;
mod output;
mod progress;
mod record;
mod render;
mod schedule;
mod serve;
#[cfg(test)]
mod testing;

use cli::{Cli, Command};

/// What the fuzz targets (`fuzz/harness/`) and a few integration tests reach inside the crate.
/// Not an API: everything else stays private, so that the compiler sees unused code.
#[doc(hidden)]
pub mod internals {
    pub use crate::data::{
        Layout, RawSchoolDir, SchoolInputs, SchoolSources, load_shared, parse_school_dir,
    };
    pub use crate::diagnostic::{Collector, Problem};
    pub use crate::markdown::shortcodes::{Kind, VOCABULARY, lookup};
    pub use crate::markdown::{Piece, Style, Value};
    pub use crate::model::project::sorted_problems;
    pub use crate::model::{Article, SchoolSite, Shared};
    pub use crate::output::journal::complete as complete_journal;
    pub use crate::render::calendar::feeds::PreviousEvents;
    pub use crate::render::calendar::ics;
    pub use crate::render::calendar::vtimezone::write_vtimezone;
    pub use crate::render::search::html_text;
    pub use crate::render::theme::Theme;
    pub use crate::render::{RenderContext, render_school};
}
pub use error::Error;

/// Run a parsed command line; the summary goes to stdout, errors are returned.
pub fn run(cli: &Cli) -> Result<(), Error> {
    let summary = match &cli.command {
        Command::Build(args) => cmd::build::run(args)?,
        Command::Check(args) => cmd::check::run(args)?,
        Command::New(args) => cmd::new::run(args)?,
        Command::Serve(args) => cmd::serve::run(args)?,
        Command::Package(args) => cmd::package::run(args)?,
    };
    print!("{summary}");
    Ok(())
}
