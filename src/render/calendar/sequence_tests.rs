//! SEQUENCE across builds: the feeds of a school built from TOML text, rendered against the
//! feed of a previous build, raise SEQUENCE for exactly the events that changed.

use chrono::{TimeZone, Utc};

use super::feeds::{FeedContext, PreviousEvents, parse_previous, render_feeds};
use crate::model::types::Language;
use crate::render::theme::Theme;
use crate::testing::{SCHOOL, site};

/// `calendar/all.ics` of the school, rendered against `previous`.
fn all_feed(toml: &str, previous: &PreviousEvents) -> String {
    let theme = Theme::load(None).unwrap();
    let ctx = FeedContext {
        dtstamp: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap(),
        site_url: None,
        previous,
    };
    let files = render_feeds(&site(toml), theme.translations(Language::Russian), &ctx);
    let all = files
        .into_iter()
        .find(|f| f.path == "calendar/all.ics")
        .unwrap();
    String::from_utf8(all.bytes).unwrap()
}

/// (UID, SEQUENCE, DTSTART) of every VEVENT, folded lines joined again.
fn events(feed: &str) -> Vec<(String, u32, String)> {
    let unfolded = feed.replace("\r\n ", "");
    let field = |event: &str, name: &str| {
        (event.lines())
            .find_map(|line| line.strip_prefix(name))
            .map(|rest| rest.split_once(':').map_or(rest, |(_, v)| v).to_owned())
            .unwrap_or_default()
    };
    unfolded
        .split("BEGIN:VEVENT")
        .skip(1)
        .map(|event| {
            let sequence = field(event, "SEQUENCE").parse().unwrap();
            (field(event, "UID"), sequence, field(event, "DTSTART"))
        })
        .collect()
}

#[test]
fn an_unchanged_school_keeps_every_sequence() {
    let first = all_feed(SCHOOL, &PreviousEvents::new());
    let again = all_feed(SCHOOL, &parse_previous(&first));
    assert_eq!(again, first);
    assert!(events(&first).iter().all(|(_, sequence, _)| *sequence == 0));
}

#[test]
fn a_changed_slot_keeps_its_uid_and_raises_its_sequence_alone() {
    let first = all_feed(SCHOOL, &PreviousEvents::new());
    let later = SCHOOL.replacen(
        "weekday = \"thursday\"\ntime = \"15:00-16:00\"",
        "weekday = \"thursday\"\ntime = \"16:00-17:00\"",
        1,
    );
    let second = all_feed(&later, &parse_previous(&first));
    let (before, after) = (events(&first), events(&second));
    assert_eq!(before.len(), 2, "{before:?}");
    let uids = |events: &[(String, u32, String)]| -> Vec<String> {
        events.iter().map(|(uid, _, _)| uid.clone()).collect()
    };
    assert_eq!(uids(&before), uids(&after));
    let sequences: Vec<u32> = after.iter().map(|(_, sequence, _)| *sequence).collect();
    assert_eq!(sequences, [0, 1], "{after:?}");
    assert!(after[1].2.ends_with("T160000"), "{after:?}");
    let third = all_feed(&later, &parse_previous(&second));
    assert_eq!(
        events(&third),
        after,
        "a second build of the change raises nothing"
    );
}
