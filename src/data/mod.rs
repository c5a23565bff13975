//! Disk -> raw serde types. Reads every input file of a project and keeps its text for spans.

pub mod article;
pub mod blanks;
pub mod foreign;
pub mod heading;
mod hints;
pub mod lenient;
pub mod platform;
pub mod production_calendar;
pub mod project;
pub mod school;
pub mod sources;
pub mod theme;

use crate::locale::t;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::{FieldPath, Problem, SourceFile, spans};
use crate::error::Error;
use crate::fs::{self, ReadError, Refusal, limits};

pub use article::RawFrontMatter;
pub use platform::RawPlatform;
pub use school::RawSchool;
pub use sources::{SchoolInputs, SchoolSources};

/// A rule of the regulation: `true` for the standard wording, `false` to leave it out, or own text.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "accepted forms: true (the standard wording), false (the rule is left out), or the school's own text in quotes"
)]
pub enum RawRule {
    Enabled(bool),
    Custom(String),
}

/// A value read from a file, with the file kept for later problems.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub file: Arc<SourceFile>,
}

/// A raw FAQ article with its id (file stem) and Markdown body.
#[derive(Debug)]
pub struct RawArticle {
    pub id: String,
    pub front_matter: RawFrontMatter,
    /// Where the body starts in the file's text: it is the rest of the file, kept there rather
    /// than copied (every article of a regional build is read once, whole).
    pub body_start: usize,
}

impl RawArticle {
    /// The body, out of the text of the file the article was read from.
    #[must_use]
    pub fn body<'a>(&self, file: &'a SourceFile) -> &'a str {
        file.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The folders of a Spravka project.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    /// The project folder that every input must stay inside.
    inputs: fs::Root,
}

impl Layout {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let inputs = fs::Root::new(&root, "the project folder");
        Layout { root, inputs }
    }

    #[must_use]
    pub fn schools(&self) -> PathBuf {
        self.root.join("schools")
    }

    #[must_use]
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    #[must_use]
    pub fn platforms(&self) -> PathBuf {
        self.content().join("platforms")
    }

    #[must_use]
    pub fn shared_faq(&self) -> PathBuf {
        self.content().join("faq")
    }

    #[must_use]
    pub fn calendar(&self) -> PathBuf {
        self.content().join("calendar")
    }

    /// The folder that every input must stay inside.
    #[must_use]
    pub fn inputs(&self) -> &fs::Root {
        &self.inputs
    }

    /// A path as the user should see it: relative to the project root when inside it.
    #[must_use]
    pub fn display_path(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// The problem of an input that was refused.
    #[must_use]
    pub fn refused(&self, path: &Path, refusal: &Refusal) -> Problem {
        refused(path, refusal, self.inputs.name, |path| {
            self.display_path(path)
        })
    }

    /// Whether the folder `dir` exists and may be listed; a refused folder becomes a problem.
    fn list_folder(&self, dir: &Path, problems: &mut Vec<Problem>) -> Result<bool, Error> {
        match fs::input_folder(&self.inputs, dir) {
            Ok(exists) => Ok(exists),
            Err(ReadError::Refused(refusal)) => {
                problems.push(self.refused(dir, &refusal));
                Ok(false)
            }
            Err(ReadError::Failed(error)) => Err(error),
        }
    }
}

/// Read an input file of the project as text (at most `limit` bytes); a file that is refused or
/// is not UTF-8 becomes a problem.
pub fn read_source(
    layout: &Layout,
    path: &Path,
    limit: u64,
) -> Result<Result<Arc<SourceFile>, Problem>, Error> {
    Ok(match fs::read_input(&layout.inputs, path, limit) {
        Ok(bytes) => decode_source(layout, path, bytes),
        Err(ReadError::Refused(refusal)) => Err(layout.refused(path, &refusal)),
        Err(ReadError::Failed(error)) => return Err(error),
    })
}

/// The problem of a refused input at `path`, shown through `shown`; `root` names the folder
/// that inputs must stay inside.
pub fn refused(
    path: &Path,
    refusal: &Refusal,
    root: &str,
    shown: impl Fn(&Path) -> PathBuf,
) -> Problem {
    let root = folder_words(root);
    let (message, hint) = match refusal {
        Refusal::Special(kind) => (
            t!("input-special", kind = special_words(kind)),
            t!("input-special-hint"),
        ),
        Refusal::Folder => (t!("input-folder"), t!("input-folder-hint")),
        Refusal::Outside { link } => (
            if link == path {
                t!("input-link-outside", root = root.as_str())
            } else {
                let link = shown(link).display().to_string();
                t!(
                    "input-link-on-way-outside",
                    link = link,
                    root = root.as_str()
                )
            },
            t!("input-link-outside-hint", root = root.as_str()),
        ),
        Refusal::Broken => (t!("input-link-broken"), t!("input-link-broken-hint")),
        Refusal::TooLarge { limit } => (
            t!("input-too-large", mib = limit >> 20),
            t!("input-too-large-hint"),
        ),
    };
    Problem::new(message)
        .in_file(&Arc::new(SourceFile::new(shown(path), "")))
        .with_hint(hint)
}

/// The folder a `Root` names (in English, as `fs` names it), in words.
fn folder_words(root: &str) -> String {
    match root {
        "the project folder" => t!("root-project"),
        "the theme folder" => t!("root-theme"),
        other => other.to_owned(),
    }
}

/// What `fs` says a special file is (in English), in words.
fn special_words(kind: &str) -> String {
    match kind {
        "a named pipe (FIFO)" => t!("special-fifo"),
        "a socket" => t!("special-socket"),
        "a device" => t!("special-device"),
        "not a regular file" => t!("special-other"),
        other => other.to_owned(),
    }
}

/// A file's bytes as UTF-8 text; a bad byte becomes a problem that names its line.
pub fn decode_source(
    layout: &Layout,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<Arc<SourceFile>, Problem> {
    decode(layout.display_path(path), bytes)
}

/// Bytes as UTF-8 text, for the file shown as `shown`; UTF-16 and bad bytes become problems.
pub fn decode(shown: PathBuf, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Problem> {
    if is_utf16(&bytes) {
        return Err(Problem::new(t!("input-utf16"))
            .in_file(&Arc::new(SourceFile::new(shown, "")))
            .with_hint(t!("input-save-as-utf8")));
    }
    // Most text here is Cyrillic, where std's validation leaves its ASCII fast path; the SIMD
    // check is several times faster (perf: 7% of a 1,000-school build before).
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(Arc::new(SourceFile::new(shown, text)));
    }
    let error = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Arc::new(SourceFile::new(shown, text))),
        Err(error) => error,
    };
    let valid = error.utf8_error().valid_up_to();
    let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
    let line = lossy[..floor_boundary(&lossy, valid)].matches('\n').count() + 1;
    Err(
        Problem::new(t!("input-not-utf8", line = line, byte = valid))
            .in_file(&Arc::new(SourceFile::new(shown, lossy)))
            .with_hint(t!("input-save-as-utf8")),
    )
}

/// UTF-16 (as Windows' "Unicode" saves): a byte order mark, or text that starts with an ASCII
/// character and a zero byte, which no text file of Spravka's ever does in UTF-8.
fn is_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => true,
        [first, 0, ..] | [0, first, ..] => *first != 0 && first.is_ascii(),
        _ => false,
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Deserialize the TOML part of `file`; a syntax or shape error becomes a problem with field and
/// span. Only the first is reported: for files such as a theme's translations, whose type no
/// key or value can mismatch. Project inputs go through [`parse_toml_all`].
pub fn parse_toml<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<T, Problem> {
    toml::from_str(file.toml_text()).map_err(|error| toml_problem(file, &error))
}

/// Deserialize the TOML part of `file`, pushing every structural problem in it (see
/// [`lenient`]); `None` only when the file is not TOML at all or could not be repaired.
pub fn parse_toml_all<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    lenient::parse(file, problems)
}

fn toml_problem(file: &Arc<SourceFile>, error: &toml::de::Error) -> Problem {
    let local = error.span();
    let field = local.as_ref().map_or_else(FieldPath::root, |span| {
        spans::path_at(file.toml_text(), span.start)
    });
    let span = local.map(|span| span.start + file.toml.start..span.end + file.toml.start);
    let message = error.message().trim().replace('\n', " ");
    let hint = (span.as_ref())
        .and_then(|span| hints::syntax_hint(&file.text, span.start))
        .unwrap_or_else(|| toml_hint(&message, readme_section(&file.path)));
    Problem::new(foreign::shown(&message))
        .in_file(file)
        .with_span(span)
        .with_field(field.to_string())
        .with_hint(hint)
}

/// The README section that documents the keys of the file at `path`.
fn readme_section(path: &Path) -> &'static str {
    let within = |folder: &str| path.components().any(|part| part.as_os_str() == folder);
    if path.extension().is_some_and(|ext| ext == "md") {
        "FAQ articles"
    } else if within("platforms") {
        "Platform presets"
    } else if within("calendar") {
        "The production calendar"
    } else {
        "The school.toml format"
    }
}

/// How the `expecting` message of every value with several forms begins (the untagged enums
/// here and in `school.rs`, `platform.rs`): serde's own «data did not match any variant of
/// untagged enum `RawPhone`» names a Rust type, not what a teacher may write.
const FORMS: &str = "accepted forms: ";

fn toml_hint(message: &str, section: &str) -> String {
    if message.starts_with("unknown field") {
        t!("toml-hint-unknown-field", section = section)
    } else if message.starts_with("missing field") {
        t!("toml-hint-missing-field", section = section)
    } else if message.starts_with(FORMS) {
        t!("toml-hint-forms", section = section)
    } else if message.contains("did not match any variant") {
        t!("toml-hint-variant", section = section)
    } else if message.starts_with("duplicate key") {
        t!("toml-hint-duplicate-key")
    } else if message.starts_with("invalid type") {
        t!("toml-hint-invalid-type")
    } else {
        t!("toml-hint-syntax")
    }
}

/// Load every `*.toml` file of a folder as `T`, keyed by file stem.
pub fn load_toml_dir<T: DeserializeOwned>(
    layout: &Layout,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Vec<(String, Loaded<T>)>, Error> {
    let mut loaded = Vec::new();
    if !layout.list_folder(dir, problems)? {
        return Ok(loaded);
    }
    for path in fs::sorted_entries(dir)? {
        if is_input(&path, "toml") {
            if let Some(value) = load_toml_file(layout, &path, problems)? {
                loaded.push((file_stem(&path), value));
            }
        }
    }
    Ok(loaded)
}

/// Load one TOML file, pushing a problem (and returning `None`) when it does not parse.
pub fn load_toml_file<T: DeserializeOwned>(
    layout: &Layout,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Option<Loaded<T>>, Error> {
    let file = match read_source(layout, path, limits::TOML)? {
        Ok(file) => file,
        Err(problem) => {
            problems.push(problem);
            return Ok(None);
        }
    };
    Ok(parse_toml_all(&file, problems).map(|value| Loaded { value, file }))
}

/// Load every `*.md` article of a folder.
pub fn load_articles(
    layout: &Layout,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Loaded<RawArticle>>, Error> {
    let mut loaded = Vec::new();
    if !layout.list_folder(dir, problems)? {
        return Ok(loaded);
    }
    for path in fs::sorted_entries(dir)? {
        if is_input(&path, "md") {
            match read_source(layout, &path, limits::ARTICLE)? {
                Ok(file) => loaded.extend(parse_article(&path, &file, problems)),
                Err(problem) => problems.push(problem),
            }
        }
    }
    Ok(loaded)
}

/// Whether the file at `path` is an input with extension `ext`: hidden files (editors' lock
/// files such as `.#a.md`, links to nothing) are not.
pub fn is_input(path: &Path, ext: &str) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    !name.starts_with('.') && path.extension().is_some_and(|e| e == ext)
}

/// An article's front matter and body; every problem of its front matter is pushed.
pub(crate) fn parse_article(
    path: &Path,
    file: &Arc<SourceFile>,
    problems: &mut Vec<Problem>,
) -> Option<Loaded<RawArticle>> {
    let Some(split) = article::split_front_matter(&file.text) else {
        problems.push(
            Problem::new(t!("article-no-front-matter"))
                .in_file(file)
                .with_span(Some(0..file.text.lines().next().map_or(0, str::len)))
                .with_hint(t!("article-no-front-matter-hint")),
        );
        return None;
    };
    let toml = split.front_matter_offset..split.front_matter_offset + split.front_matter.len();
    let body_start = file.text.len() - split.body.len();
    let file = Arc::new(file.with_toml(toml));
    let front_matter = parse_toml_all(&file, problems)?;
    let value = RawArticle {
        id: file_stem(path),
        front_matter,
        body_start,
    };
    Some(Loaded { value, file })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One school's folder: its `school.toml` and its own articles.
#[derive(Debug)]
pub struct RawSchoolDir {
    pub slug: String,
    pub school: Loaded<RawSchool>,
    /// `regulation.md`, the school's own text of the regulation, when it has one.
    pub regulation: Option<Arc<SourceFile>>,
    pub articles: Vec<Loaded<RawArticle>>,
}

/// What every school shares, read from `content/`, before validation.
#[derive(Debug, Default)]
pub struct RawShared {
    pub platforms: Vec<(String, Loaded<RawPlatform>)>,
    pub production_calendar: Vec<(String, Loaded<production_calendar::RawCalendarYear>)>,
    pub articles: Vec<Loaded<RawArticle>>,
    /// `spravka.toml`, when the project has one.
    pub project: Option<Loaded<project::RawProject>>,
}

/// Read the shared content: every platform preset, calendar year and shared article.
/// Files that cannot be parsed become problems; only I/O failures are errors.
pub fn load_shared(layout: &Layout, problems: &mut Vec<Problem>) -> Result<RawShared, Error> {
    let config = layout.root.join(project::FILE);
    // Optional: a project without the file has no project-wide settings.
    let project = match std::fs::symlink_metadata(&config) {
        Ok(_) => load_toml_file(layout, &config, problems)?,
        Err(_) => None,
    };
    if !layout.list_folder(&layout.content(), problems)? {
        return Ok(RawShared {
            project,
            ..RawShared::default()
        });
    }
    Ok(RawShared {
        platforms: load_toml_dir(layout, &layout.platforms(), problems)?,
        production_calendar: load_toml_dir(layout, &layout.calendar(), problems)?,
        articles: load_articles(layout, &layout.shared_faq(), problems)?,
        project,
    })
}

/// The schools a build works on, and how many the project has in all.
#[derive(Debug, Clone)]
pub struct Selection {
    pub slugs: Vec<String>,
    /// Schools in the project, selected or not: whether sites link to an index of all schools.
    pub total: usize,
}

/// The selected school folders (all when `selection` is `None`), in name order.
pub fn select_schools(layout: &Layout, selection: Option<&[String]>) -> Result<Selection, Error> {
    let schools_dir = layout.schools();
    let mut problems = Vec::new();
    let listed = layout.list_folder(&schools_dir, &mut problems)?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if !listed {
        return Err(Error::usage(
            t!(
                "no-schools-folder",
                root = layout.root.display().to_string()
            ),
            t!("no-schools-folder-hint"),
        ));
    }
    let all: Vec<String> = fs::sorted_entries(&schools_dir)?
        .into_iter()
        .filter(|path| path.is_dir())
        .filter_map(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .filter(|name| !name.starts_with('.'))
        .collect();
    let total = all.len();
    let Some(selection) = selection else {
        return Ok(Selection { slugs: all, total });
    };
    for wanted in selection {
        if !all.contains(wanted) {
            return Err(Error::usage(
                t!(
                    "no-such-school",
                    slug = wanted.as_str(),
                    dir = schools_dir.display().to_string()
                ),
                t!("known-schools", known = all.join(", ")),
            ));
        }
    }
    let slugs = all
        .into_iter()
        .filter(|slug| selection.contains(slug))
        .collect();
    Ok(Selection { slugs, total })
}

/// Parse a school's files; every problem found is pushed, and `None` returned when the school
/// cannot be validated at all.
pub fn parse_school_dir(
    layout: &Layout,
    sources: SchoolSources,
    problems: &mut Vec<Problem>,
) -> Option<RawSchoolDir> {
    let SchoolSources { inputs, contents } = sources;
    check_folder_name(layout, &inputs, problems);
    for (dir, refusal) in &inputs.refused_folders {
        problems.push(layout.refused(dir, refusal));
    }
    let mut contents = contents.into_iter();
    let school = match &inputs.toml {
        Some(toml) => match contents.next().map(|c| decode_input(layout, &toml.path, c)) {
            Some(Ok(file)) => parse_school(file, problems),
            Some(Err(problem)) => {
                problems.push(problem);
                None
            }
            None => None,
        },
        // A refused school folder was not looked into: it is reported already.
        None if inputs
            .refused_folders
            .iter()
            .any(|(dir, _)| *dir == inputs.dir) =>
        {
            None
        }
        None => {
            problems.push(no_school_toml(layout, &inputs));
            None
        }
    };
    let regulation = inputs.regulation.as_ref().and_then(|input| {
        let decoded = decode_input(layout, &input.path, contents.next()?);
        decoded.map_err(|problem| problems.push(problem)).ok()
    });
    let mut articles = Vec::with_capacity(inputs.articles.len());
    for (input, content) in inputs.articles.iter().zip(contents) {
        match decode_input(layout, &input.path, content) {
            Ok(file) => articles.extend(parse_article(&input.path, &file, problems)),
            Err(problem) => problems.push(problem),
        }
    }
    school.map(|school| RawSchoolDir {
        slug: inputs.slug,
        school,
        regulation,
        articles,
    })
}

fn check_folder_name(layout: &Layout, inputs: &SchoolInputs, problems: &mut Vec<Problem>) {
    let slug = &inputs.slug;
    if !crate::links::is_slug(slug) {
        problems.push(
            Problem::new(t!("bad-folder-name", slug = slug.as_str()))
                .in_file(&Arc::new(SourceFile::new(
                    layout.display_path(&inputs.dir),
                    "",
                )))
                .with_hint(t!("bad-folder-name-hint")),
        );
    }
}

fn no_school_toml(layout: &Layout, inputs: &SchoolInputs) -> Problem {
    let toml_path = inputs.dir.join("school.toml");
    Problem::new(t!("no-school-toml"))
        .in_file(&Arc::new(SourceFile::new(
            layout.display_path(&inputs.dir),
            "",
        )))
        .with_hint(t!(
            "no-school-toml-hint",
            path = layout.display_path(&toml_path).display().to_string(),
            slug = inputs.slug.as_str()
        ))
}

/// A file's content as read (or its refusal) as text.
fn decode_input(
    layout: &Layout,
    path: &Path,
    content: Result<Vec<u8>, Refusal>,
) -> Result<Arc<SourceFile>, Problem> {
    match content {
        Ok(bytes) => decode_source(layout, path, bytes),
        Err(refusal) => Err(layout.refused(path, &refusal)),
    }
}

/// Parse a school file, unless it still has blanks from `spravka new` (then list every blank).
fn parse_school(file: Arc<SourceFile>, problems: &mut Vec<Problem>) -> Option<Loaded<RawSchool>> {
    let blanks = blanks::find(&file);
    if !blanks.is_empty() {
        problems.extend(blanks);
        return None;
    }
    parse_toml_all(&file, problems).map(|value| Loaded { value, file })
}

#[cfg(test)]
mod tests {
    /// A new untagged enum without `expecting` would bring back serde's message naming a Rust
    /// type: each one in `src/data/` lists its forms in words, starting with [`super::FORMS`].
    #[test]
    fn every_untagged_enum_lists_its_accepted_forms() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("#[serde(") {
                let attribute = &text[at..at + text[at..].find(")]").unwrap()];
                if attribute.contains("untagged") {
                    let expecting = format!("expecting = \"{}", super::FORMS);
                    assert!(
                        attribute.contains(&expecting),
                        "{}: {attribute}",
                        path.display()
                    );
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 5, "untagged enums in {dir}");
    }
}
