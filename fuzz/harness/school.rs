//! Target `school`: any bytes as a `school.toml`, against the project's shared content, through
//! parsing, validation and, when the school is valid, its whole site. No panic; a valid school
//! renders, every calendar feed it gets is well-formed and parses back, and its pages carry only
//! the theme's own scripts, with JSON data that cannot end its `<script>` element.

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use spravka::internals::{self as render, PreviousEvents, RenderContext, SchoolSite, Theme};

use super::{Project, html, icsdoc, render_problems};

/// Properties of Spravka's feeds whose value is TEXT, escaped: no stray `\\`, `;` or `,`.
const TEXT_PROPERTIES: [&str; 6] = [
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "TZNAME",
];

/// What the checks share: the project and the built-in theme, loaded once.
#[derive(Debug)]
pub struct Schools {
    project: Project,
    theme: Theme,
}

impl Schools {
    pub fn load(root: &Path) -> Schools {
        Schools {
            project: Project::load(root),
            theme: Theme::load(None).expect("the built-in theme compiles"),
        }
    }

    /// Check one `school.toml`; whether it was valid (and so its site rendered and checked).
    pub fn check(&self, bytes: &[u8]) -> bool {
        let mut problems = Vec::new();
        let dir = self.project.parse(bytes, &[], &mut problems);
        let Some(dir) = dir else {
            render_problems(problems);
            return false;
        };
        match self.project.shared.validate_school(&dir) {
            Ok(site) if problems.is_empty() => {
                self.render(&site);
                true
            }
            Ok(_) => {
                render_problems(problems);
                false
            }
            Err(more) => {
                problems.extend(more);
                render_problems(problems);
                false
            }
        }
    }

    /// A valid school's site; the build date and DTSTAMP are fixed so that a finding replays.
    fn render(&self, site: &SchoolSite) {
        let ctx = RenderContext {
            theme: &self.theme,
            date: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default(),
            base_url: None,
            base_url_given: false,
            with_root_index: false,
            dtstamp: Utc.with_ymd_and_hms(2025, 8, 25, 0, 0, 0).single(),
        };
        let files = render::render_school(site, &ctx, &PreviousEvents::new())
            .unwrap_or_else(|e| panic!("a valid school does not render: {}", e.render()));
        for file in &files {
            let text = || {
                std::str::from_utf8(&file.bytes)
                    .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", file.path))
            };
            if file.path.ends_with(".ics") {
                assert_feed(text());
            } else if file.path.ends_with(".html") {
                html::assert_page_scripts(text(), &file.path);
            }
        }
    }
}

fn assert_feed(text: &str) {
    for property in icsdoc::assert_well_formed(text) {
        if TEXT_PROPERTIES.contains(&property.name.as_str()) {
            icsdoc::unescape(&property.value);
        }
    }
}
