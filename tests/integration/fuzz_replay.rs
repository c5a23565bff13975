//! The committed fuzz corpus (`fuzz/corpus/<target>/`) replayed through the very checks the fuzz
//! targets run (`fuzz/harness/`), so CI catches a regression on any input the fuzzer once kept.
//! Fuzzing itself is not part of CI: see the README, «Fuzzing».

#[path = "../../fuzz/harness/mod.rs"]
mod harness;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use harness::article::Articles;
use harness::school::Schools;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every seed of a target's corpus, in name order; a corpus is never empty.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz").join("corpus").join(target);
    let mut seeds: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a corpus entry").path();
            let bytes = std::fs::read(&path).expect("a readable seed");
            (path, bytes)
        })
        .collect();
    seeds.sort();
    assert!(
        seeds.len() >= 5,
        "only {} seeds in {}",
        seeds.len(),
        dir.display()
    );
    seeds
}

/// Run `check` on every seed of `target`; fail naming each seed that panicked. Returns how many
/// seeds `check` found valid (so went through the whole pipeline).
fn replay(target: &str, check: impl Fn(&[u8]) -> bool) -> usize {
    let mut valid = 0;
    let mut failed = Vec::new();
    for (path, bytes) in corpus(target) {
        match panic::catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            Ok(is_valid) => valid += usize::from(is_valid),
            Err(_) => failed.push(path.display().to_string()),
        }
    }
    assert!(failed.is_empty(), "seeds that fail: {failed:#?}");
    valid
}

#[test]
fn article_corpus_replays_without_a_crash_or_unsafe_html() {
    let articles = Articles::load(root());
    let valid = replay("article", |bytes| articles.check(bytes));
    assert!(valid >= 6, "only {valid} seeds reached the HTML check");
}

#[test]
fn school_corpus_replays_without_a_crash_and_with_well_formed_feeds() {
    let schools = Schools::load(root());
    let valid = replay("school", |bytes| schools.check(bytes));
    assert!(
        valid >= 3,
        "only {valid} seeds were valid schools, rendered"
    );
}

#[test]
fn ics_corpus_round_trips_through_the_writer() {
    replay("ics", |bytes| {
        harness::ics::check(bytes);
        true
    });
}
