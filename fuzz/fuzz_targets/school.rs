//! Any bytes as a school.toml: see `harness/school.rs`.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use spravka_fuzz::school::Schools;

static SCHOOLS: LazyLock<Schools> =
    LazyLock::new(|| Schools::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")));

fuzz_target!(|bytes: &[u8]| {
    SCHOOLS.check(bytes);
});
