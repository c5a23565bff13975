//! The calendar writer on any texts, time zone and dates: see `harness/ics.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| spravka_fuzz::ics::check(bytes));
