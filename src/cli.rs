//! Command-line types (clap) only.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod help;
mod mistake;

pub use crate::diagnostic::Format;
pub use crate::locale::Lang;
use crate::locale::t;

/// Spravka builds a help site for each school that moves to an electronic gradebook:
/// office hours, contacts, escalation to the vendor's support, FAQ and the regulation itself.
///
/// Exit codes: 0 success; 1 the input has problems (each is listed); 2 wrong command line;
/// 3 a file could not be read, rendered or written, or another build holds the output folder;
/// 130 stopped by SIGINT, SIGTERM or SIGHUP.
#[derive(Debug, Parser)]
#[command(name = "spravka", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages: `en` or `ru` (default: from `LC_ALL`, `LC_MESSAGES` or LANG;
    /// Russian for a `ru` locale such as ru_RU.UTF-8, English otherwise).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

impl Cli {
    /// The command line of this process, its messages (and the help) in the language it
    /// asks for: `--lang` is read before clap, so that a mistake clap reports is in it too.
    #[must_use]
    pub fn parse_in_language() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        crate::locale::choose(Lang::detect(lang_in(&args)));
        let matches = (help::localised(Cli::command()).try_get_matches_from(args))
            .unwrap_or_else(|error| mistake::exit(error));
        Cli::from_arg_matches(&matches).unwrap_or_else(|error| mistake::exit(error))
    }

    /// The format problems are written in (`text` for commands without `--format`).
    #[must_use]
    pub fn format(&self) -> Format {
        match &self.command {
            Command::Build(args) => args.project.format,
            Command::Check(args) => args.format,
            Command::Serve(args) => args.build.project.format,
            Command::Package(args) => args.project.format,
            Command::New(_) => Format::Text,
        }
    }
}

/// The value of the first `--lang` among `args` (before a `--`), when it names a language.
fn lang_in(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut args = args.iter().filter_map(|arg| arg.to_str());
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--lang") {
            _ if arg == "--" => return None,
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        return value.and_then(|value| Lang::from_str(value, true).ok());
    }
    None
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every school's site (or the chosen ones) into the output folder.
    Build(BuildArgs),
    /// Check every file and list all problems, without writing anything.
    Check(ProjectArgs),
    /// Create a new school from the template regulation, with blanks for `check` to list.
    New(NewArgs),
    /// Build, then serve the sites on this computer for a preview; every change to the project
    /// rebuilds what it affects, and open pages reload themselves.
    Serve(ServeArgs),
    /// Write one zip per school, ready to upload through a hosting control panel; each school's
    /// site is complete alone (no link to pages outside its folder).
    Package(PackageArgs),
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Where to write the zips, one `<school>.zip` each (default: `dist` in the project folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The `manifest.json` of the school's last upload: the zip then holds only the files that
    /// changed since, and `<school>.delete.txt` lists the files to delete on the server.
    /// Needs exactly one `--school`.
    #[arg(long, value_name = "MANIFEST")]
    pub since: Option<PathBuf>,
    /// The built sites (default: `public` in the project folder), read only for the feeds'
    /// previous events, so that a changed event's SEQUENCE grows as in a build.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// The public address of the folder that holds the schools' folders (as for `build`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port to listen on (0 lets the system choose).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on; the default serves this computer only. Requests must name
    /// `localhost`, a loopback address or this one (with 0.0.0.0 or ::, any IP address), never
    /// another host name, so that no other site's page can read the preview (DNS rebinding).
    #[arg(long, default_value = "127.0.0.1")]
    pub address: std::net::IpAddr,
}

#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The project folder (it holds `schools/` and `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this school (the name of its folder in `schools/`); repeat for several.
    #[arg(long = "school", value_name = "SLUG")]
    pub schools: Vec<String>,
    /// A theme folder whose templates/, static/ and i18n/ files replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Treat warnings as errors: the command fails (exit 1) and writes nothing.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How problems are written: `text` (drawn with the source line, on stderr) or `json` (one
    /// JSON object per problem and line on stdout, the summary on stderr; see the README).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Where to write the sites (default: `public` in the project folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The public address of the output folder, such as <https://example.ru/help> (for absolute links).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build only the I-th of N slices of the schools (by a hash of the slug), such as 2/8; the
    /// shards of one project together give the same files as one build. Shard 1 writes the index.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Render every school even when nothing it depends on changed since the last build.
    #[arg(long)]
    pub force: bool,
}

/// One of N deterministic slices of the schools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Whether the school `slug` belongs to this shard (FNV-1a of the slug, stable across versions).
    #[must_use]
    pub fn contains(&self, slug: &str) -> bool {
        let hash = slug.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        hash % u64::from(self.count) == u64::from(self.index - 1)
    }

    #[must_use]
    pub fn is_first(&self) -> bool {
        self.index == 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || t!("cli-bad-shard", text = text);
        let (index, count) = text.split_once('/').ok_or_else(bad)?;
        let (index, count): (u32, u32) = (
            index.trim().parse().map_err(|_| bad())?,
            count.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new school's folder name: small Latin letters, digits and hyphens.
    pub slug: String,
    /// The platform preset (a file name in content/platforms/ without .toml).
    #[arg(long, value_name = "ID")]
    pub platform: String,
    /// The project folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale;

    fn lang(args: &[&str]) -> Option<Lang> {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        lang_in(&args)
    }

    #[test]
    fn lang_is_found_before_clap_reads_the_line() {
        assert_eq!(lang(&["spravka", "check", "--lang", "ru"]), Some(Lang::Ru));
        assert_eq!(lang(&["spravka", "--lang=en", "check"]), Some(Lang::En));
        assert_eq!(lang(&["spravka", "--lang", "RU"]), Some(Lang::Ru));
        assert_eq!(lang(&["spravka", "check"]), None);
        assert_eq!(lang(&["spravka", "--lang", "de"]), None);
        assert_eq!(lang(&["spravka", "--", "--lang", "ru"]), None);
        assert_eq!(lang(&["spravka", "--language", "ru"]), None);
    }

    #[test]
    fn the_help_is_whole_in_both_languages() {
        use clap::CommandFactory;
        for language in [Lang::En, Lang::Ru] {
            locale::with(language, || help::localised(Cli::command()).debug_assert());
        }
    }
}
