//! The checks of Spravka's fuzz targets, shared by `fuzz_targets/*` and by the replay test
//! (`tests/integration/fuzz_replay.rs`), so the committed corpus is replayed through the very
//! code the fuzzer ran.
//!
//! Every check panics when an invariant does not hold; a panic is what libFuzzer reports.

pub mod article;
pub mod html;
pub mod ics;
pub mod icsdoc;
pub mod school;

use std::path::Path;

use spravka::internals::{
    self as data, Layout, Problem, RawSchoolDir, SchoolInputs, SchoolSources, Shared,
    sorted_problems,
};

/// The slug of the imaginary school whose files the targets feed in.
const SLUG: &str = "fuzz";

/// A project's shared content (platform presets, production calendar, shared articles), read and
/// validated once: what every school of the project is checked against.
#[derive(Debug)]
pub struct Project {
    pub layout: Layout,
    pub shared: Shared,
}

impl Project {
    /// Read the shared content of the project at `root`; it must be free of problems.
    pub fn load(root: &Path) -> Project {
        let layout = Layout::new(root);
        let mut problems = Vec::new();
        let raw =
            data::load_shared(&layout, &mut problems).expect("the shared content is readable");
        let shared = Shared::validate(&raw, &mut problems);
        assert!(
            problems.is_empty(),
            "the shared content of {} has problems: {problems:#?}",
            root.display()
        );
        Project { layout, shared }
    }

    /// Parse one school folder given as bytes: `school.toml`, then `faq/<id>.md` per article.
    pub fn parse(
        &self,
        school_toml: &[u8],
        articles: &[(&str, &[u8])],
        problems: &mut Vec<Problem>,
    ) -> Option<RawSchoolDir> {
        let mut contents = vec![Ok(school_toml.to_vec())];
        contents.extend(articles.iter().map(|(_, bytes)| Ok(bytes.to_vec())));
        let ids: Vec<&str> = articles.iter().map(|(id, _)| *id).collect();
        let inputs = SchoolInputs::unscanned(&self.layout, SLUG, true, &ids);
        data::parse_school_dir(&self.layout, SchoolSources { inputs, contents }, problems)
    }
}

/// Draw every problem as `check` prints it: drawing must not panic, whatever the input.
pub fn render_problems(problems: Vec<Problem>) {
    for problem in sorted_problems(problems) {
        let text = problem.render();
        assert!(!text.is_empty(), "a problem drew as nothing: {problem:?}");
    }
}
