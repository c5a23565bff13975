//! A validated FAQ article: typed front matter, internal links checked.

use crate::locale::t;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use super::mentions::{self, Known, Mention};
use super::types::Audience;
use super::{parse_date, parse_optional};
use crate::data::RawArticle;
use crate::diagnostic::{Collector, FieldPath, Problem, SourceFile};
use crate::links::{self, is_slug};
use crate::markdown;

#[derive(Debug, Clone)]
pub struct Article {
    /// File stem; also the URL segment (`faq/<id>/`).
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Empty means everyone.
    pub audiences: Vec<Audience>,
    pub topics: Vec<String>,
    /// Platform ids this article applies to; empty means every platform.
    pub platforms: Vec<String>,
    pub weight: i64,
    pub updated: Option<NaiveDate>,
    /// The body as HTML for an article page (`links::ARTICLE_ROOT` from the school's root),
    /// with a slot for each shortcode that the school showing it fills.
    pub html: markdown::Html,
    /// The body's `@/…` links (target without `@/`, byte range in the body), checked against
    /// the articles of each school that shows this one.
    pub links: Vec<(String, Range<usize>)>,
    /// The contacts the body's own words name, checked against the data of each school that
    /// shows this one.
    pub mentions: Vec<Mention>,
    /// Its title and text for the search index of each school that shows it.
    pub search: markdown::search_text::Record,
    /// Where the body starts in the file, for the positions of problems in it.
    body_offset: usize,
    pub file: Arc<SourceFile>,
}

/// The fixed pages an `@/…` link may name, besides `faq/<article>`.
pub const PAGES: [&str; 6] = [
    "",
    "schedule",
    "contacts",
    "escalation",
    "faq",
    "regulation",
];

impl Article {
    pub fn validate(
        raw: &RawArticle,
        known_platforms: &[&str],
        report: &mut Collector,
    ) -> Option<Article> {
        let fm = &raw.front_matter;
        let root = FieldPath::root();
        check_slug(&raw.id, report);
        let audiences: Vec<_> = fm
            .audiences
            .iter()
            .enumerate()
            .map(|(i, a)| report.parse(&root.key("audiences").index(i), Audience::parse(a)))
            .collect();
        for (i, platform) in fm.platforms.iter().enumerate() {
            if !known_platforms.contains(&platform.as_str()) {
                report.report(
                    &root.key("platforms").index(i),
                    t!("platform-unknown", id = platform.as_str()),
                    t!("write-one-of", known = known_platforms.join(", ")),
                );
            }
        }
        if fm.title.trim().is_empty() {
            report.report(
                &root.key("title"),
                t!("article-empty-title"),
                t!("article-empty-title-hint"),
            );
        }
        let updated = parse_optional(
            report,
            &root.key("updated"),
            fm.updated.as_ref(),
            parse_date,
        );
        // Shown in page titles, lists and feeds: one line, no control or text-direction characters.
        super::check_texts(
            report,
            &root,
            &[
                ("title", Some(fm.title.as_str())),
                ("description", fm.description.as_deref()),
            ],
            &[],
        );
        super::check_list(report, &root.key("topics"), &fm.topics);
        let mut audiences: Vec<Audience> = audiences.into_iter().collect::<Option<_>>()?;
        audiences.sort();
        audiences.dedup();
        let updated = updated.ok()?;
        // Rendered here, once: the HTML is the same on every school's site, and the same pass
        // finds the links to check.
        let file = Arc::clone(report.file());
        let body = raw.body(&file);
        let rendered = markdown::render(body, &|target| {
            links::page_href(links::ARTICLE_ROOT, target)
        });
        let body_offset = raw.body_start;
        report_refused(&rendered, body_offset, report);
        Some(Article {
            id: raw.id.clone(),
            title: fm.title.trim().to_owned(),
            description: fm.description.clone(),
            audiences,
            topics: fm.topics.clone(),
            platforms: fm.platforms.clone(),
            weight: fm.weight,
            updated,
            html: rendered.html,
            links: rendered.links,
            mentions: mentions::find(body),
            search: markdown::search_text::Record::new(fm.title.trim(), &rendered.text),
            body_offset,
            file,
        })
    }

    #[must_use]
    pub fn for_audience(&self, audience: Audience) -> bool {
        self.audiences.is_empty() || self.audiences.contains(&audience)
    }

    #[must_use]
    pub fn applies_to_platform(&self, platform: &str) -> bool {
        self.platforms.is_empty() || self.platforms.iter().any(|p| p == platform)
    }

    /// Every `@/…` link of the body whose target is neither a page nor one of `articles` (a set:
    /// every link of every article of a school is looked up).
    #[must_use]
    pub fn broken_links(&self, articles: &HashSet<&str>) -> Vec<Problem> {
        self.links
            .iter()
            .filter(|(target, _)| !link_target_exists(target, articles))
            .map(|(target, range)| {
                let offset = self.body_offset;
                Problem::new(t!("article-broken-link", target = target.as_str()))
                    .in_file(&self.file)
                    .with_span(Some(range.start + offset..range.end + offset))
                    .with_hint(t!(
                        "article-broken-link-hint",
                        pages = PAGES[1..].join(", @/")
                    ))
            })
            .collect()
    }
}

impl Article {
    /// A warning for every contact the body names that `known` (the data of school `slug`)
    /// does not have. A shared article's warning is worded the same for every school, so that
    /// it is shown once however many schools lack the contact; the hint names the first.
    #[must_use]
    pub fn unknown_contacts(&self, known: &Known, slug: &str, shared: bool) -> Vec<Problem> {
        let offset = self.body_offset;
        (self.mentions.iter())
            .filter(|mention| !known.has(&mention.kind))
            .map(|mention| {
                let span = (mention.range != (0..0))
                    .then(|| mention.range.start + offset..mention.range.end + offset);
                let (kind, text) = (mention.kind.noun(), mention.text.as_str());
                let (message, hint) = if shared {
                    (
                        t!("article-contact-shared", kind = kind, text = text),
                        t!(
                            "article-contact-shared-hint",
                            slug = slug,
                            hint = t!("article-contact-hint")
                        ),
                    )
                } else {
                    (
                        t!("article-contact", kind = kind, text = text, slug = slug),
                        t!("article-contact-hint"),
                    )
                };
                Problem::new(message)
                    .as_warning()
                    .in_file(&self.file)
                    .with_span(span)
                    .with_hint(hint)
            })
            .collect()
    }
}

/// What the Markdown left out of the page is an error: the build stops rather than publish an
/// article that differs from what its author wrote.
pub(crate) fn report_refused(
    rendered: &markdown::Rendered,
    body_offset: usize,
    report: &mut Collector,
) {
    for refusal in &rendered.refused {
        let span = refusal.range.start + body_offset..refusal.range.end + body_offset;
        let problem = Problem::new(refusal.message.clone())
            .in_file(report.file())
            .with_span(Some(span))
            .with_hint(refusal.hint.clone());
        report.push(problem);
    }
    if rendered.unlisted > 0 {
        let problem = Problem::new(t!(
            "article-more-refused",
            n = rendered.unlisted,
            max = markdown::MAX_LISTED
        ))
        .in_file(report.file())
        .with_hint(t!("article-more-refused-hint"));
        report.push(problem);
    }
}

fn check_slug(id: &str, report: &mut Collector) {
    if !is_slug(id) {
        let problem = Problem::new(t!("article-bad-file-name", id = id))
            .in_file(report.file())
            .with_hint(t!("article-bad-file-name-hint"));
        report.push(problem);
    }
}

fn link_target_exists(target: &str, articles: &HashSet<&str>) -> bool {
    let target = target
        .split('#')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    PAGES.contains(&target)
        || target
            .strip_prefix("faq/")
            .is_some_and(|id| articles.contains(&id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets() {
        let none = HashSet::new();
        let x = HashSet::from(["x"]);
        assert!(link_target_exists("contacts", &none));
        assert!(link_target_exists("", &none));
        assert!(link_target_exists("faq/x#part", &x));
        assert!(!link_target_exists("faq/y", &x));
        assert!(!link_target_exists("nowhere", &x));
    }
}
