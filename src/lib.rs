//! Spravka: static help sites for schools moving to electronic gradebooks.
//!
//! Data flows one way: `data` (disk -> raw types) -> `model` (validated types) -> `render`
//! (files in memory) -> `output` (staged, then swapped in). `cmd` wires the stages per command.

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod fingerprint;
pub mod fs;
pub mod interrupt;
pub mod links;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod record;
pub mod render;
pub mod schedule;
pub mod serve;

use cli::{Cli, Command};
pub use error::Error;

/// Run a parsed command line; the summary goes to stdout, errors are returned.
pub fn run(cli: Cli) -> Result<(), Error> {
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
