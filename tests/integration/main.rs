//! Integration tests: run the real `spravka` binary on fixture projects and check what it writes.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::case_sensitive_file_extension_comparisons,
    clippy::format_push_string,
    clippy::format_collect,
    clippy::too_many_lines,
    reason = "test data: small counts and sizes, texts built for one assertion, and a table of \
              calendar cases read best as one list"
)]

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
mod page_snapshots;
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
