//! Integration tests: run the real `spravka` binary on fixture projects and check what it writes.

mod articles;
mod calendar;
mod cli;
mod errors;
mod fuzz_replay;
mod hostile;
#[cfg(unix)]
mod inputs;
mod output;
mod package;
mod regulation_generated;
mod regulation_text;
mod scale;
mod schedules;
mod search;
mod seeds;
mod serve;
mod serve_security;
mod site;
mod support;
mod vision;
mod xss;
