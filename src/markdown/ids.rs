//! Heading anchors: every heading without its own `{#id}` gets one made from its text, unique in
//! the page, in constant time per heading (the ids given so far are a map to the last suffix
//! tried for each; a list scanned per candidate took 116 s for 8,000 equal headings).

use std::collections::hash_map::Entry;
use std::collections::{HashSet, VecDeque};

use rustc_hash::FxHashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The safe anchors the body gives its headings itself (`## Вход {#vhod}`): generated ids avoid
/// them wherever in the page they are.
pub fn explicit(body: &str) -> HashSet<String> {
    // Without a brace there is no attribute block, and no second parse is needed.
    if !body.contains('{') {
        return HashSet::new();
    }
    Parser::new_ext(body, super::options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) if super::is_safe_token(&id) => {
                Some(id.into_string())
            }
            _ => None,
        })
        .collect()
}

/// Gives every heading without an id one made from its text.
/// Only a heading's own events wait (its id depends on its text); all others stream through.
pub struct HeadingIds<'a, I> {
    events: I,
    ids: UniqueIds,
    /// The events of the heading just given an id, after its start.
    held: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    pub fn new(events: I, explicit: HashSet<String>) -> Self {
        HeadingIds {
            events,
            ids: UniqueIds::new(explicit),
            held: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.held.pop_front() {
            return Some(event);
        }
        let mut event = self.events.next()?;
        if let Event::Start(Tag::Heading { id: id @ None, .. }) = &mut event {
            for inner in self.events.by_ref() {
                let end = matches!(inner, Event::End(TagEnd::Heading(_)));
                self.held.push_back(inner);
                if end {
                    break;
                }
            }
            let mut slug = slug::slugify(heading_text(self.held.iter()));
            if slug.is_empty() {
                "section".clone_into(&mut slug);
            }
            *id = Some(self.ids.unique(slug).into());
        }
        Some(event)
    }
}

fn heading_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// Ids unique in a page: `slug`, then `slug-1`, `slug-2`, … skipping any id already taken.
#[derive(Debug, Default)]
struct UniqueIds {
    /// Every id taken, with the last suffix tried for it as a slug (it only grows, so each
    /// suffix is tried once); the common heading, whose slug is new, costs one lookup.
    taken: FxHashMap<String, usize>,
}

impl UniqueIds {
    fn new(explicit: HashSet<String>) -> Self {
        UniqueIds {
            taken: explicit.into_iter().map(|id| (id, 0)).collect(),
        }
    }

    fn unique(&mut self, slug: String) -> String {
        let (slug, mut next) = match self.taken.entry(slug) {
            Entry::Vacant(vacant) => {
                let id = vacant.key().clone();
                vacant.insert(0);
                return id;
            }
            Entry::Occupied(occupied) => (occupied.key().clone(), *occupied.get()),
        };
        let candidate = loop {
            next += 1;
            let candidate = format!("{slug}-{next}");
            if !self.taken.contains_key(&candidate) {
                break candidate;
            }
        };
        self.taken.insert(slug, next);
        self.taken.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(slugs: &[&str], explicit: &[&str]) -> Vec<String> {
        let mut ids = UniqueIds::new(
            explicit
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        );
        slugs.iter().map(|s| ids.unique(s.to_string())).collect()
    }

    #[test]
    fn equal_slugs_are_numbered() {
        assert_eq!(ids(&["a", "a", "a"], &[]), ["a", "a-1", "a-2"]);
    }

    #[test]
    fn generated_ids_avoid_written_ones_and_each_other() {
        // `a-1` written as a heading's text, and as an explicit anchor later in the page.
        assert_eq!(
            ids(&["a", "a-1", "a", "a"], &[]),
            ["a", "a-1", "a-2", "a-3"]
        );
        assert_eq!(ids(&["a", "a", "a"], &["a-1"]), ["a", "a-2", "a-3"]);
        assert_eq!(ids(&["a", "a", "a-1"], &[]), ["a", "a-1", "a-1-1"]);
        assert_eq!(ids(&["a"], &["a"]), ["a-1"]);
    }
}
