//! SIGINT, SIGTERM and SIGHUP: a build stops at the next school or before its switch-over, and
//! a switch-over under way is always finished first; outside a build the process exits at once.
//!
//! A signal is process-wide by nature, so its flag and the count of builds under way are the only
//! statics of the crate. Without `install` (tests calling the library) nothing ever sets them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use crate::error::Error;

/// The exit code of a process stopped by a signal (128 + SIGINT, as shells report Ctrl-C).
pub const EXIT_CODE: i32 = 130;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// How many builds are under way (`serve` runs one at a time, tests may run several).
static BUILDS: Mutex<usize> = Mutex::new(0);
static IDLE: Condvar = Condvar::new();

/// Handle the signals on a thread of their own (the `ctrlc` crate): set the flag, wait until no
/// build is under way, exit with 130.
pub fn install() -> Result<(), Error> {
    ctrlc::set_handler(on_signal).map_err(|error| Error::Io {
        action: "install the handler of",
        path: "SIGINT and SIGTERM".into(),
        source: std::io::Error::other(error),
    })
}

fn on_signal() {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let mut builds = BUILDS.lock().unwrap_or_else(PoisonError::into_inner);
    while *builds > 0 {
        builds = IDLE.wait(builds).unwrap_or_else(PoisonError::into_inner);
    }
    std::process::exit(EXIT_CODE);
}

/// A build under way: while one lives, a signal only sets the flag. Create it before anything the
/// build must clean up (its staging folder, its lock), so that it is dropped after them.
#[derive(Debug)]
pub struct Build(());

impl Build {
    pub fn enter() -> Build {
        *BUILDS.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        Build(())
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        let mut builds = BUILDS.lock().unwrap_or_else(PoisonError::into_inner);
        *builds -= 1;
        IDLE.notify_all();
    }
}

/// `Err(Interrupted)` once a signal has arrived: the build stops without switching over.
pub fn check() -> Result<(), Error> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        Err(Error::Interrupted)
    } else {
        Ok(())
    }
}
