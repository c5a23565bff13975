//! A test project in a temporary folder, and the real `spravka` binary run on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The repository root, which holds the example schools and shared content.
/// `tests/fixtures/examples/`: the frozen copy of the example schools (see `Project::fixtures`).
pub fn fixtures_dir() -> PathBuf {
    repo().join("tests/fixtures/examples")
}

/// The `school.toml` of a frozen example school.
pub fn fixture_toml(slug: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(slug).join("school.toml")).expect("a fixture")
}

/// Edits of test data that fail when the text to replace is not there: a fixture that changed
/// under a test then breaks it loudly instead of leaving it to test nothing.
pub trait Edit {
    /// The text with the first `from` replaced by `to`.
    fn edit(&self, from: &str, to: &str) -> String;
    /// The text with every `from` replaced by `to`.
    fn edit_all(&self, from: &str, to: &str) -> String;
}

impl Edit for str {
    #[track_caller]
    fn edit(&self, from: &str, to: &str) -> String {
        assert!(self.contains(from), "the text to edit has no {from:?}");
        self.replacen(from, to, 1)
    }

    #[track_caller]
    fn edit_all(&self, from: &str, to: &str) -> String {
        assert!(self.contains(from), "the text to edit has no {from:?}");
        self.replace(from, to)
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a project in a temporary folder.
pub struct Project {
    dir: TempDir,
}

impl Project {
    /// The repository's own content and example schools, as shipped: for tests of what every
    /// example must be (valid, current today, light, word for word its seed), not of their values.
    pub fn examples() -> Project {
        let project = Project::empty();
        copy_dir(&repo().join("content"), &project.path().join("content"));
        copy_dir(&repo().join("schools"), &project.path().join("schools"));
        project
    }

    /// The example schools frozen for the tests (`tests/fixtures/examples/`, a copy of
    /// `schools/` as of 2026-12-01) with the repository's shared content. Tests that edit a
    /// school or look for its values use these, so that the examples themselves can change (a new
    /// school year every August, a school's new phone) without breaking tests about other things.
    pub fn fixtures() -> Project {
        let project = Project::empty();
        copy_dir(&repo().join("content"), &project.path().join("content"));
        copy_dir(&fixtures_dir(), &project.path().join("schools"));
        project
    }

    /// Shared content (platforms, articles) and one school with the given `school.toml`.
    pub fn with_school(slug: &str, toml: &str) -> Project {
        let project = Project::empty();
        copy_dir(&repo().join("content"), &project.path().join("content"));
        project.write(&format!("schools/{slug}/school.toml"), toml);
        project
    }

    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) -> &Project {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Project {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Run spravka in the project folder with a fixed `SOURCE_DATE_EPOCH` (2026-09-01, the first day
    /// of the example schools' school year).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on("2026-09-01", args)
    }

    /// Run spravka as if built on `date` (YYYY-MM-DD, midnight UTC) through `SOURCE_DATE_EPOCH`.
    pub fn run_on(&self, date: &str, args: &[&str]) -> Run {
        self.run_with(date, &[("LC_ALL", "C")], args)
    }

    /// Run spravka on `date` with the locale variables `locale` (no other of `LC_ALL`,
    /// `LC_MESSAGES`, LANG is passed on): every other run pins English with `LC_ALL=C`, so that a
    /// developer's Russian locale changes no test.
    pub fn run_with(&self, date: &str, locale: &[(&str, &str)], args: &[&str]) -> Run {
        let day: chrono::NaiveDate = date.parse().expect("a YYYY-MM-DD date");
        let epoch = day
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp();
        let mut command = Command::new(env!("CARGO_BIN_EXE_spravka"));
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            command.env_remove(name);
        }
        let output = command
            .envs(locale.iter().copied())
            .args(args)
            .current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .env("NO_COLOR", "1")
            .output()
            .expect("spravka runs");
        Run { output }
    }

    /// The visible text of a built page: tags removed, entities decoded, whitespace collapsed.
    pub fn page_text(&self, relative: &str) -> String {
        text_of(&self.read(relative))
    }
}

pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn fails_with(&self, code: i32) -> String {
        assert_eq!(
            self.code(),
            code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self.stderr()
    }
}

pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative path -> bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The text of the page's `<script type="application/json" id="{id}">`: the data embedded for
/// the page script.
pub fn embedded_json<'h>(html: &'h str, id: &str) -> &'h str {
    let opening = format!(r#"<script type="application/json" id="{id}">"#);
    let start = html
        .find(&opening)
        .unwrap_or_else(|| panic!("no {opening}"))
        + opening.len();
    let end = html[start..].find("</script>").expect("the script's end") + start;
    &html[start..end]
}
