//! The `spravka` binary: parse arguments, run, print errors once, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = spravka::cli::Cli::parse();
    match spravka::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", error.render());
            ExitCode::from(error.exit_code())
        }
    }
}
