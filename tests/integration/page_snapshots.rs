//! Snapshots (insta) of what each kind of page says and of the calendar files, built from the
//! frozen example schools (`tests/fixtures/examples/`) on a fixed day: a change to a template, a
//! view or a feed shows up here as a diff to review, page by page, before it reaches a school.
//! Only the `<main>` of a page is kept: the header, footer and assets have tests of their own.

use crate::support::Project;

/// The day the snapshots are built on: within the examples' school year, with sessions to come.
const BUILT_ON: &str = "2026-12-01";

/// The `<main>` element of a built page, as written.
fn main_of(html: &str, page: &str) -> String {
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("{page}: no <main>"));
    let end = html[start..].find("</main>").map_or_else(
        || panic!("{page}: <main> not closed"),
        |at| start + at + "</main>".len(),
    );
    html[start..end].to_owned()
}

fn built() -> Project {
    let project = Project::fixtures();
    project.run_on(BUILT_ON, &["build"]).success();
    project
}

/// The names of the files of `folder` (relative to the project) that end in `ext`, sorted.
fn file_names(project: &Project, folder: &str, ext: &str) -> Vec<String> {
    let entries = std::fs::read_dir(project.path().join(folder))
        .unwrap_or_else(|error| panic!("{folder}: {error}"));
    let mut names: Vec<String> = entries
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(ext))
        .collect();
    names.sort();
    names
}

/// The first article of a school's FAQ, by file name.
fn first_article(project: &Project, school: &str) -> String {
    let names = file_names(project, &format!("public/{school}/faq"), ".html");
    format!("faq/{}", names.first().expect("an article"))
}

#[test]
fn the_main_of_every_kind_of_page_is_pinned() {
    let project = built();
    // osh has its own regulation text; the others have theirs generated from their data.
    let pages = [
        ("osh", "index.html"),
        ("osh", "schedule.html"),
        ("osh", "contacts.html"),
        ("osh", "escalation.html"),
        ("osh", "faq.html"),
        ("osh", "regulation.html"),
        ("osh", "poster.html"),
        ("mytishchi-27", "index.html"),
        ("mytishchi-27", "regulation.html"),
        ("internat-11", "regulation.html"),
    ];
    let article = first_article(&project, "osh");
    let all = pages
        .iter()
        .map(|&(school, page)| (school, page.to_owned()));
    for (school, page) in all.chain([("osh", article)]) {
        let html = project.read(&format!("public/{school}/{page}"));
        let name = format!("{school}-{}", page.replace(['/', '.'], "-"));
        insta::assert_snapshot!(name, main_of(&html, &page));
    }
}

#[test]
fn the_calendar_files_are_pinned() {
    let project = built();
    let feeds = file_names(&project, "public/osh/calendar", ".ics");
    assert!(feeds.len() >= 3, "{feeds:?}");
    for feed in ["all.ics", "parents.ics"]
        .iter()
        .map(|f| (*f).to_owned())
        .chain(
            feeds
                .iter()
                .find(|name| name.starts_with("consultant-"))
                .cloned(),
        )
    {
        let text = project.read(&format!("public/osh/calendar/{feed}"));
        insta::assert_snapshot!(format!("osh-calendar-{}", feed.replace('.', "-")), text);
    }
}
