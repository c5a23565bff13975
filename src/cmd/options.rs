//! What a build is asked to do, whoever asks: `spravka build` from its command line, or `serve`
//! for each of its rebuilds (which narrows the schools without touching the command line).

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::cli::{BuildArgs, ProjectArgs, Shard};

/// The options of one build, resolved from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder, the chosen schools, the theme folder and `--deny-warnings`.
    pub project: ProjectArgs,
    /// Where the sites go (`public` in the project folder unless `--out`).
    pub out: PathBuf,
    /// `--base-url` as typed: checked and normalised where the build reads spravka.toml.
    pub base_url: Option<String>,
    pub shard: Shard,
    /// Render every school even when nothing it depends on changed.
    pub force: bool,
    /// The chosen schools are part of a site built whole (a rebuild by `serve`): their pages keep
    /// the link to the index of all schools, which a build of chosen schools leaves out.
    pub part_of_whole: bool,
}

impl BuildOptions {
    pub fn new(args: &BuildArgs) -> BuildOptions {
        let project = args.project.clone();
        BuildOptions {
            out: (args.out.clone()).unwrap_or_else(|| project.root.join("public")),
            project,
            base_url: args.base_url.clone(),
            shard: args.shard.unwrap_or(Shard::WHOLE),
            force: args.force,
            part_of_whole: false,
        }
    }

    /// The same build narrowed to `slugs`, as part of the site these options build.
    pub fn only(&self, slugs: &BTreeSet<String>) -> BuildOptions {
        let mut narrowed = self.clone();
        narrowed.project.schools = slugs.iter().cloned().collect();
        narrowed.part_of_whole = self.project.schools.is_empty();
        narrowed
    }
}
