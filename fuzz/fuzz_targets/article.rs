//! Any bytes as a FAQ article of a school: see `harness/article.rs`.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use spravka_fuzz::article::Articles;

static ARTICLES: LazyLock<Articles> =
    LazyLock::new(|| Articles::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")));

fuzz_target!(|bytes: &[u8]| {
    ARTICLES.check(bytes);
});
