//! The whole validated project: platforms, shared articles, and each school with its own article set.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::calendar::ProductionCalendar;
use super::{Article, Platform, School};
use crate::data::{Loaded, RawArticle, RawProject, RawSchoolDir};
use crate::diagnostic::{Collector, Problem};
use crate::fingerprint::Fingerprint;

/// A school together with the articles its site shows.
#[derive(Debug, Clone)]
pub struct SchoolSite {
    pub school: School,
    /// Fingerprint of the school's own files (school.toml and faq/*.md).
    pub fingerprint: String,
    pub calendar: Arc<ProductionCalendar>,
    /// Shared articles for its platform, replaced or extended by its own; sorted for display.
    pub articles: Vec<Arc<Article>>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub sites: Vec<SchoolSite>,
    /// Fingerprint of what every school shares: platform presets, the calendar, shared articles.
    pub shared_fingerprint: String,
    /// Schools in the project, also those not selected for this build.
    pub total_schools: usize,
}

/// Validate everything that was loaded; `Err` lists every problem found in every file.
pub fn validate_project(
    raw: &RawProject,
    mut problems: Vec<Problem>,
) -> Result<Project, Vec<Problem>> {
    let platforms = validate_platforms(raw, &mut problems);
    let known: Vec<&str> = platforms.keys().map(String::as_str).collect();
    let shared = validate_articles(&raw.shared_articles, &known, &mut problems);
    let calendar = Arc::new(validate_calendar(raw, &mut problems));
    let context = SchoolContext {
        platforms: &platforms,
        calendar: &calendar,
        known: &known,
        shared: &shared,
    };
    // Schools validate in parallel; problems come back per school, in slug order.
    let checked: Vec<(Option<SchoolSite>, Vec<Problem>)> = raw
        .schools
        .par_iter()
        .map(|dir| validate_school_dir(dir, &context))
        .collect();
    let mut sites = Vec::with_capacity(checked.len());
    for (site, own) in checked {
        problems.extend(own);
        sites.extend(site);
    }
    if problems.is_empty() {
        Ok(Project {
            sites,
            shared_fingerprint: shared_fingerprint(raw),
            total_schools: raw.total_schools,
        })
    } else {
        problems.sort_by(|a, b| {
            (a.path(), a.span.as_ref().map(|s| s.start))
                .cmp(&(b.path(), b.span.as_ref().map(|s| s.start)))
        });
        // A broken link in a shared article is found once per school; report it once.
        problems
            .dedup_by(|a, b| a.path() == b.path() && a.span == b.span && a.message == b.message);
        Err(problems)
    }
}

/// What every school is validated against.
struct SchoolContext<'a> {
    platforms: &'a BTreeMap<String, Arc<Platform>>,
    calendar: &'a Arc<ProductionCalendar>,
    known: &'a [&'a str],
    shared: &'a [Arc<Article>],
}

fn validate_school_dir(
    dir: &RawSchoolDir,
    context: &SchoolContext,
) -> (Option<SchoolSite>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut report = Collector::new(&dir.school.file, &mut problems);
    let school = School::validate(
        &dir.slug,
        &dir.school.value,
        context.platforms,
        context.calendar,
        &mut report,
    );
    let own = validate_articles(&dir.articles, context.known, &mut problems);
    let site = school.map(|school| {
        let articles = articles_for(&school, context.shared, own);
        check_links(&articles, &mut problems);
        SchoolSite {
            school,
            fingerprint: school_fingerprint(dir),
            calendar: Arc::clone(context.calendar),
            articles,
        }
    });
    (site, problems)
}

fn school_fingerprint(dir: &RawSchoolDir) -> String {
    let mut fingerprint = Fingerprint::new();
    fingerprint.add("school.toml", dir.school.file.text.as_bytes());
    for article in &dir.articles {
        fingerprint.add(&article.value.id, article.file.text.as_bytes());
    }
    fingerprint.hex()
}

fn shared_fingerprint(raw: &RawProject) -> String {
    let mut fingerprint = Fingerprint::new();
    for (id, loaded) in &raw.platforms {
        fingerprint.add(&format!("platform/{id}"), loaded.file.text.as_bytes());
    }
    for (id, loaded) in &raw.calendar {
        fingerprint.add(&format!("calendar/{id}"), loaded.file.text.as_bytes());
    }
    for article in &raw.shared_articles {
        fingerprint.add(
            &format!("faq/{}", article.value.id),
            article.file.text.as_bytes(),
        );
    }
    fingerprint.hex()
}

fn validate_calendar(raw: &RawProject, problems: &mut Vec<Problem>) -> ProductionCalendar {
    let mut calendar = ProductionCalendar::default();
    for (_, loaded) in &raw.calendar {
        let mut report = Collector::new(&loaded.file, problems);
        calendar.add_year(&loaded.value, &mut report);
    }
    calendar
}

fn validate_platforms(
    raw: &RawProject,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Arc<Platform>> {
    let mut platforms = BTreeMap::new();
    for (id, loaded) in &raw.platforms {
        let mut report = Collector::new(&loaded.file, problems);
        if let Some(platform) = Platform::validate(id, &loaded.value, &mut report) {
            platforms.insert(id.clone(), Arc::new(platform));
        }
    }
    platforms
}

fn validate_articles(
    raw: &[Loaded<RawArticle>],
    platforms: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<Arc<Article>> {
    raw.iter()
        .filter_map(|loaded| {
            let mut report = Collector::new(&loaded.file, problems);
            Article::validate(&loaded.value, platforms, &mut report).map(Arc::new)
        })
        .collect()
}

/// Shared articles for the school's platform; a school article with the same id replaces the shared one.
fn articles_for(
    school: &School,
    shared: &[Arc<Article>],
    own: Vec<Arc<Article>>,
) -> Vec<Arc<Article>> {
    let mut by_id: BTreeMap<String, Arc<Article>> = shared
        .iter()
        .filter(|article| article.applies_to_platform(&school.platform.id))
        .map(|article| (article.id.clone(), Arc::clone(article)))
        .collect();
    for article in own {
        by_id.insert(article.id.clone(), article);
    }
    let mut articles: Vec<_> = by_id.into_values().collect();
    articles.sort_by(|a, b| (a.weight, &a.title, &a.id).cmp(&(b.weight, &b.title, &b.id)));
    articles
}

/// Internal links are checked against the articles this school really shows.
fn check_links(articles: &[Arc<Article>], problems: &mut Vec<Problem>) {
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    for article in articles {
        for problem in article.broken_links(&ids) {
            let duplicate = problems
                .iter()
                .any(|p| p.span == problem.span && p.path() == problem.path());
            if !duplicate {
                problems.push(problem);
            }
        }
    }
}
