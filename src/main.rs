//! The `spravka` binary: parse arguments, run, print errors once, exit.

use std::process::ExitCode;

// Rendering thousands of pages allocates many short-lived strings; glibc's allocator spent a
// quarter of a build's time in malloc and free (perf, 1,000 schools), mimalloc a fraction of it.
// Its stable line (v2, the `v2` feature): v3 handed the pages a school had freed back to the
// kernel and took fresh ones for the next, whose zeroing was 1-2 % of a build (perf), and its
// allocator's share of the samples was 9.5 % against v2's 7.3 %, with a larger peak (74 MB
// against 60 MB for 1,000 schools).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = spravka::cli::Cli::parse_in_language();
    let format = cli.format();
    match spravka::interrupt::install().and_then(|()| spravka::run(&cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let (stdout, stderr) = error.report(format);
            print!("{stdout}");
            eprint!("{stderr}");
            ExitCode::from(error.exit_code())
        }
    }
}
