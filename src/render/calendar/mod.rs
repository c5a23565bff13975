//! Calendar feeds (.ics) of a school's office hours and events.

pub mod ics;
