//! Calendar feeds (.ics) of a school's office hours and events.

pub mod feeds;
pub mod ics;
pub mod views;
pub mod vtimezone;

#[cfg(test)]
mod sequence_tests;
