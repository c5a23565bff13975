//! Spravka: static help sites for schools moving to electronic gradebooks.
//!
//! Data flows one way: `data` (disk -> raw types) -> `model` (validated types) -> `render`
//! (files in memory) -> `output` (staged, then swapped in). `cmd` wires the stages per command.

mod archive;
pub mod cli;
mod cmd;
pub mod data;
pub mod diagnostic;
mod error;
mod fingerprint;
mod fs;
pub mod interrupt;
mod links;
pub mod markdown;
pub mod model;
pub mod output;
mod progress;
mod record;
pub mod render;
mod schedule;
mod serve;
#[cfg(test)]
mod testing;

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
