//! Integration tests: run the real `spravka` binary on fixture projects and check what it writes.

mod calendar;
mod cli;
mod errors;
mod fuzz_replay;
mod scale;
mod seeds;
mod serve;
mod site;
mod support;
