//! Integration tests: run the real `spravka` binary on fixture projects and check what it writes.

mod articles;
mod calendar;
mod check_output;
mod cli;
mod errors;
mod findable;
mod fuzz_replay;
mod home;
mod hostile;
#[cfg(unix)]
mod inputs;
mod layers;
mod output;
mod package;
mod regulation_generated;
mod regulation_text;
mod scale;
mod schedules;
mod school_years;
mod search;
mod seeds;
mod serve;
mod serve_security;
mod site;
mod support;
mod vision;
mod weight;
mod wording;
mod xss;
