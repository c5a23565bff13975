//! Markdown -> HTML for FAQ articles: tables, footnotes, heading anchors, internal `@/` links.
//! Raw HTML is shown as text and remote images become links, so an article cannot load or run anything.
//!
//! An article is rendered once, when it is validated: its HTML does not depend on the school that
//! shows it, and the same pass finds the internal links that validation checks.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The Markdown extensions every article may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An article body as HTML, with the internal links found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// `(target without "@/", byte range of the link in the body)` of every `@/…` link.
    pub links: Vec<(String, Range<usize>)>,
}

/// Render `body`; `resolve` turns the part after `@/` into a relative URL.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> String) -> Rendered {
    let mut links = Vec::new();
    let events = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(event, range)| {
            if let Event::Start(Tag::Link { dest_url, .. }) = &event {
                if let Some(target) = dest_url.strip_prefix("@/") {
                    links.push((target.to_owned(), range));
                }
            }
            event
        });
    // Whether each open image became a link, so that its end tag is changed to match.
    let mut images: Vec<bool> = Vec::new();
    let events = HeadingIds::new(events).map(|event| sanitize(event, resolve, &mut images));
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, events);
    Rendered { html, links }
}

fn sanitize<'a>(
    event: Event<'a>,
    resolve: &dyn Fn(&str) -> String,
    images: &mut Vec<bool>,
) -> Event<'a> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite_link(dest_url, resolve),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            link_type,
        }) => {
            let remote = is_remote(&dest_url);
            images.push(remote);
            if remote {
                Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url,
                    title,
                    id,
                })
            } else {
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
        }
        Event::End(TagEnd::Image) if images.pop() == Some(true) => Event::End(TagEnd::Link),
        other => other,
    }
}

fn rewrite_link<'a>(dest: CowStr<'a>, resolve: &dyn Fn(&str) -> String) -> CowStr<'a> {
    match dest.strip_prefix("@/") {
        Some(target) => resolve(target).into(),
        None if dest
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("javascript:") =>
        {
            "#".into()
        }
        None => dest,
    }
}

fn is_remote(url: &str) -> bool {
    url.contains("://") || url.starts_with("//")
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique in the page.
/// Only a heading's own events wait (its id depends on its text); all others stream through.
struct HeadingIds<'a, I> {
    events: I,
    /// The ids given so far.
    used: Vec<String>,
    /// The events of the heading just given an id, after its start.
    held: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    fn new(events: I) -> Self {
        HeadingIds {
            events,
            used: Vec::new(),
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
                slug = "section".to_owned();
            }
            let unique = unique_id(&slug, &self.used);
            self.used.push(unique.clone());
            *id = Some(unique.into());
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

fn unique_id(slug: &str, used: &[String]) -> String {
    let mut candidate = slug.to_owned();
    let mut n = 1;
    while used.contains(&candidate) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> String {
        render(body, &|target| format!("../{target}.html")).html
    }

    #[test]
    fn headings_get_transliterated_unique_ids() {
        let html = plain("## Что указать\n\n## Что указать\n");
        assert!(html.contains(r#"<h2 id="chto-ukazat">"#), "{html}");
        assert!(html.contains(r#"<h2 id="chto-ukazat-1">"#), "{html}");
    }

    #[test]
    fn internal_links_are_resolved_and_listed() {
        let body = "Текст [контакты](@/contacts) и [внешняя](https://example.org).";
        let rendered = render(body, &|target| format!("../{target}.html"));
        assert!(
            rendered.html.contains(r#"href="../contacts.html""#),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.links.len(), 1);
        let (target, range) = &rendered.links[0];
        assert_eq!(target, "contacts");
        assert_eq!(&body[range.clone()], "[контакты](@/contacts)");
    }

    #[test]
    fn raw_html_and_scripts_are_neutralised() {
        let html = plain(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![img](https://evil.example/x.png)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn a_local_image_stays_an_image_beside_a_remote_one() {
        let html = plain("![схема](scheme.png) ![чужая](https://evil.example/x.png)");
        assert!(
            html.contains(r#"<img src="scheme.png" alt="схема" />"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://evil.example/x.png">чужая</a>"#),
            "{html}"
        );
    }

    #[test]
    fn tables_and_footnotes() {
        let html = plain("| a | b |\n|---|---|\n| 1 | 2 |\n\nтекст[^1]\n\n[^1]: сноска\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote-definition"));
    }
}
