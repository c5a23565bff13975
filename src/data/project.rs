//! `spravka.toml` in the project folder: settings of the whole project, all optional.

use serde::Deserialize;

/// The file's name in the project folder.
pub const FILE: &str = "spravka.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    /// Where the folder that holds the schools' folders is published: each school's site is
    /// then `<base_url>/<slug>/`, unless its school.toml gives its own.
    pub base_url: Option<String>,
}
