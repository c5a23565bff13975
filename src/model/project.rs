//! Validation of a project: the shared content once, then each school against it, one at a time.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::base_url::BaseUrl;
use super::mentions::Known;
use super::production_calendar::ProductionCalendar;
use super::regulation::{self, Regulation};
use super::{Article, Platform, School, parse_optional};
use crate::data::{Loaded, RawArticle, RawSchoolDir, RawShared};
use crate::diagnostic::{Collector, FieldPath, Problem, SourceFile};
use crate::fingerprint::Fingerprint;

/// A school together with the articles its site shows.
#[derive(Debug, Clone)]
pub struct SchoolSite {
    pub school: School,
    pub production_calendar: Arc<ProductionCalendar>,
    /// Shared articles for its platform, replaced or extended by its own; sorted for display.
    pub articles: Vec<Arc<Article>>,
    /// The school's own text of the regulation (`regulation.md`), when it has one; otherwise the
    /// regulation page is generated from the data.
    pub regulation: Option<Regulation>,
    /// What may be wrong but does not stop the build (an article naming an unknown contact).
    pub warnings: Vec<Problem>,
}

/// The validated content every school is checked against: platform presets, the production
/// calendar and the shared articles.
#[derive(Debug)]
pub struct Shared {
    pub platforms: BTreeMap<String, Arc<Platform>>,
    /// Each preset's file, for the places that a school's regulation is checked against.
    pub platform_files: BTreeMap<String, Arc<SourceFile>>,
    /// Presets that exist but did not validate (their problems are reported with the shared
    /// files): choosing one is not also reported as choosing an unknown platform.
    pub broken_platforms: BTreeSet<String>,
    pub production_calendar: Arc<ProductionCalendar>,
    pub articles: Vec<Arc<Article>>,
    /// A hash of the shared files: a school's output depends on them as on its own.
    pub fingerprint: String,
    /// `base_url` of spravka.toml: where the folder of the schools' folders is published.
    pub base_url: Option<BaseUrl>,
}

impl Shared {
    /// Validate the shared content, pushing every problem found.
    pub fn validate(raw: &RawShared, problems: &mut Vec<Problem>) -> Shared {
        let platforms = validate_platforms(raw, problems);
        let broken: BTreeSet<String> = raw
            .platforms
            .iter()
            .map(|(id, _)| id.clone())
            .filter(|id| !platforms.contains_key(id))
            .collect();
        let known: Vec<&str> = platforms
            .keys()
            .chain(&broken)
            .map(String::as_str)
            .collect();
        let articles = validate_articles(&raw.articles, &known, problems);
        let platform_files = (raw.platforms.iter())
            .map(|(id, loaded)| (id.clone(), Arc::clone(&loaded.file)))
            .collect();
        Shared {
            base_url: validate_project(raw, problems),
            platform_files,
            production_calendar: Arc::new(validate_calendar(raw, problems)),
            fingerprint: shared_fingerprint(raw),
            platforms,
            broken_platforms: broken,
            articles,
        }
    }

    /// Validate one school against the shared content; `Err` lists every problem of its files.
    pub fn validate_school(&self, dir: &RawSchoolDir) -> Result<SchoolSite, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut report = Collector::new(&dir.school.file, &mut problems);
        let school = School::validate(&dir.slug, &dir.school.value, &self.platforms, &mut report);
        let preset = &dir.school.value.platform.preset;
        if self.broken_platforms.contains(preset) {
            // The only problem at `platform.preset` then is «unknown platform», which is not so.
            problems.retain(|problem| problem.field.as_deref() != Some("platform.preset"));
        }
        let known: Vec<&str> = self
            .platforms
            .keys()
            .chain(&self.broken_platforms)
            .map(String::as_str)
            .collect();
        let own = validate_articles(&dir.articles, &known, &mut problems);
        let regulation = (dir.regulation.as_ref())
            .and_then(|file| self.validate_regulation(file, school.as_ref(), dir, &mut problems));
        let site = school.map(|mut school| {
            if dir.regulation.is_some() {
                school.rules = regulation::verbatim_rules();
            }
            let articles = articles_for(&school, &self.articles, own);
            check_links(&articles, &mut problems);
            problems.extend(contact_warnings(&school, &articles, &self.articles));
            SchoolSite {
                school,
                production_calendar: Arc::clone(&self.production_calendar),
                articles,
                regulation,
                warnings: Vec::new(),
            }
        });
        match site {
            Some(mut site) if problems.iter().all(Problem::is_warning) => {
                site.warnings = problems;
                Ok(site)
            }
            _ => Err(problems),
        }
    }
}

impl Shared {
    /// The school's own regulation text, rendered and checked against its data and preset (once
    /// the school validates).
    fn validate_regulation(
        &self,
        file: &Arc<SourceFile>,
        school: Option<&School>,
        dir: &RawSchoolDir,
        problems: &mut Vec<Problem>,
    ) -> Option<Regulation> {
        let data = school.map(|school| regulation::Data {
            school,
            raw: &dir.school.value,
            school_file: &dir.school.file,
            platform: &school.platform,
            platform_file: self.platform_files.get(&school.platform.id),
        });
        Regulation::validate(file, &dir.school, data, problems)
    }
}

/// Problems in the order a reader expects (by file, then position), each reported once: a broken
/// link in a shared article is found once per school that shows it.
#[must_use]
pub fn sorted_problems(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by(|a, b| {
        (a.path(), a.span.as_ref().map(|s| s.start))
            .cmp(&(b.path(), b.span.as_ref().map(|s| s.start)))
    });
    problems.dedup_by(|a, b| a.path() == b.path() && a.span == b.span && a.message == b.message);
    problems
}

fn shared_fingerprint(raw: &RawShared) -> String {
    let mut fingerprint = Fingerprint::new();
    for (id, loaded) in &raw.platforms {
        fingerprint.add(&format!("platform/{id}"), loaded.file.text.as_bytes());
    }
    for (id, loaded) in &raw.production_calendar {
        fingerprint.add(&format!("calendar/{id}"), loaded.file.text.as_bytes());
    }
    for article in &raw.articles {
        fingerprint.add(
            &format!("faq/{}", article.value.id),
            article.file.text.as_bytes(),
        );
    }
    fingerprint.hex()
}

fn validate_project(raw: &RawShared, problems: &mut Vec<Problem>) -> Option<BaseUrl> {
    let loaded = raw.project.as_ref()?;
    let mut report = Collector::new(&loaded.file, problems);
    let field = FieldPath::root().key("base_url");
    parse_optional(
        &mut report,
        &field,
        loaded.value.base_url.as_deref(),
        BaseUrl::parse,
    )
    .ok()?
}

fn validate_calendar(raw: &RawShared, problems: &mut Vec<Problem>) -> ProductionCalendar {
    let mut calendar = ProductionCalendar::default();
    for (_, loaded) in &raw.production_calendar {
        let mut report = Collector::new(&loaded.file, problems);
        calendar.add_year(&loaded.value, &mut report);
    }
    calendar
}

fn validate_platforms(
    raw: &RawShared,
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

/// Every contact the school's articles name that its data does not have, as warnings.
fn contact_warnings(
    school: &School,
    articles: &[Arc<Article>],
    shared: &[Arc<Article>],
) -> Vec<Problem> {
    if articles.iter().all(|article| article.mentions.is_empty()) {
        return Vec::new();
    }
    let known = Known::of(school);
    let is_shared = |article: &Arc<Article>| shared.iter().any(|s| Arc::ptr_eq(s, article));
    (articles.iter())
        .filter(|article| !article.mentions.is_empty())
        .flat_map(|article| article.unknown_contacts(&known, &school.slug, is_shared(article)))
        .collect()
}

/// Internal links are checked against the articles this school really shows.
fn check_links(articles: &[Arc<Article>], problems: &mut Vec<Problem>) {
    let ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let mut seen: HashSet<(Option<PathBuf>, Option<Range<usize>>)> = problems
        .iter()
        .map(|p| (p.path().map(Path::to_path_buf), p.span.clone()))
        .collect();
    for article in articles {
        for problem in article.broken_links(&ids) {
            let key = (problem.path().map(Path::to_path_buf), problem.span.clone());
            if seen.insert(key) {
                problems.push(problem);
            }
        }
    }
}

#[cfg(test)]
mod article_merge_tests;
