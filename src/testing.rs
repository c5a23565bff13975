//! In-process test helpers: the repository's shared content, embedded at compile time, and a
//! school validated from `school.toml` text, with no binary run and no file read or written.

use std::path::Path;
use std::sync::Arc;

use crate::data::{self, Loaded, RawSchoolDir, RawShared};
use crate::diagnostic::{Problem, SourceFile};
use crate::model::{SchoolSite, Shared};

macro_rules! content {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("../content/", $path)))),+]
    };
}

const PLATFORMS: &[(&str, &str)] = content!(
    "platforms/dnevnik-ru.toml",
    "platforms/shkolnyi-portal-mo.toml",
);

const CALENDAR: &[(&str, &str)] = content!(
    "calendar/ru-2025.toml",
    "calendar/ru-2026.toml",
    "calendar/ru-2027.toml",
);

const ARTICLES: &[(&str, &str)] = content!(
    "faq/chto-budet-posle-obrashcheniya.md",
    "faq/kak-sostavit-obrashchenie.md",
    "faq/nestatnaya-situatsiya.md",
    "faq/obuchenie-novyh-sotrudnikov.md",
    "faq/pochemu-otklonyayut-obrashchenie.md",
    "faq/pravila-obshcheniya.md",
);

/// A small valid school on Дневник.ру with a school year, one consultant and two weekly slots;
/// tests change what they are about with `str::replace` on a line of it.
pub(crate) const SCHOOL: &str = r#"[school]
full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»"
short_name = "МБОУ СШ № 1"
timezone = "Europe/Moscow"

[platform]
preset = "dnevnik-ru"

[[consultants]]
id = "admin"
name = "Иванова Анна Петровна"
role = "администратор"

[help]
training_days = 5

[staff]
response = { days = 1 }

[[staff.channels]]
kind = "phone"
phone = "8 (495) 000-00-01"

[parents]
response = { working_days = 3 }

[[parents.channels]]
kind = "email"
email = "help@school1.ru"

[school_year]
start = 2026-09-01
end = 2026-10-31

[[school_year.vacations]]
name = "осенние каникулы"
start = 2026-10-26
end = 2026-10-31

[[schedule.slots]]
weekday = "tuesday"
time = "15:00-16:00"
place = "кабинет 12"
consultant = "admin"

[[schedule.slots]]
weekday = "thursday"
time = "15:00-16:00"
place = "кабинет 12"
consultant = "admin"
"#;

fn source(path: &str, text: &str) -> Arc<SourceFile> {
    Arc::new(SourceFile::new(path, text))
}

fn stem(path: &str) -> String {
    let stem = Path::new(path).file_stem().unwrap_or_default();
    stem.to_string_lossy().into_owned()
}

/// Parse TOML text as `T`, panicking with the problems drawn when it does not parse.
fn loaded<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Loaded<T> {
    let file = source(path, text);
    let mut problems = Vec::new();
    let value = data::parse_toml_all(&file, &mut problems);
    match value {
        Some(value) if problems.is_empty() => Loaded { value, file },
        _ => panic!("{path} does not parse:\n{}", drawn(&problems)),
    }
}

fn article(path: &str, text: &str) -> Loaded<data::RawArticle> {
    let mut problems = Vec::new();
    let article = data::parse_article(Path::new(path), &source(path, text), &mut problems);
    match article {
        Some(article) if problems.is_empty() => article,
        _ => panic!("{path} does not parse:\n{}", drawn(&problems)),
    }
}

fn drawn(problems: &[Problem]) -> String {
    problems.iter().map(Problem::render).collect()
}

/// The repository's shared content (`content/`), validated.
pub(crate) fn shared() -> Shared {
    shared_with(&[])
}

/// The repository's shared content with more shared articles (`id` -> file text).
pub(crate) fn shared_with(articles: &[(&str, &str)]) -> Shared {
    let extra = (articles.iter()).map(|(id, text)| article(&format!("content/faq/{id}.md"), text));
    let raw = RawShared {
        platforms: (PLATFORMS.iter())
            .map(|(path, text)| (stem(path), loaded(path, text)))
            .collect(),
        production_calendar: (CALENDAR.iter())
            .map(|(path, text)| (stem(path), loaded(path, text)))
            .collect(),
        articles: (ARTICLES.iter())
            .map(|(path, text)| article(path, text))
            .chain(extra)
            .collect(),
        // The repository has no spravka.toml: no project-wide base_url.
        project: None,
    };
    let mut problems = Vec::new();
    let shared = Shared::validate(&raw, &mut problems);
    assert!(problems.is_empty(), "{}", drawn(&problems));
    shared
}

/// The school `school.toml` (and its own articles, `id` -> file text) describes, validated
/// against the shared content; `Err` lists every problem.
pub(crate) fn try_site(toml: &str, articles: &[(&str, &str)]) -> Result<SchoolSite, Vec<Problem>> {
    try_site_in(&shared(), toml, articles)
}

/// As `try_site`, against the given shared content.
pub(crate) fn try_site_in(
    shared: &Shared,
    toml: &str,
    articles: &[(&str, &str)],
) -> Result<SchoolSite, Vec<Problem>> {
    let dir = RawSchoolDir {
        slug: "school-1".to_owned(),
        school: loaded("schools/school-1/school.toml", toml),
        regulation: None,
        articles: (articles.iter())
            .map(|(id, text)| article(&format!("schools/school-1/faq/{id}.md"), text))
            .collect(),
    };
    shared.validate_school(&dir)
}

/// The valid school `school.toml` describes; panics with its problems drawn otherwise.
pub(crate) fn site(toml: &str) -> SchoolSite {
    site_with(toml, &[])
}

/// As `site`, with the school's own articles (`id` -> file text).
pub(crate) fn site_with(toml: &str, articles: &[(&str, &str)]) -> SchoolSite {
    try_site(toml, articles).unwrap_or_else(|problems| panic!("{}", drawn(&problems)))
}

#[test]
fn the_sample_school_is_valid_and_keeps_its_data() {
    let site = site(SCHOOL);
    assert_eq!(site.school.identity.short_name, "МБОУ СШ № 1");
    assert_eq!(site.school.schedule.slots.len(), 2);
    assert!(site.warnings.is_empty(), "{}", drawn(&site.warnings));
    assert!(
        !site.articles.is_empty(),
        "the shared articles for Дневник.ру"
    );
}

#[test]
fn a_problem_of_the_school_is_returned_not_thrown() {
    let bad = SCHOOL.replace("weekday = \"tuesday\"", "weekday = \"вторникк\"");
    let problems = try_site(&bad, &[]).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.field.as_deref() == Some("schedule.slots[0].weekday")),
        "{}",
        drawn(&problems)
    );
}
