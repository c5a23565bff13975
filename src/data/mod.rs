//! Disk -> raw serde types. Reads every input file of a project and keeps its text for spans.

pub mod article;
pub mod blanks;
pub mod calendar;
pub mod platform;
pub mod school;
pub mod sources;
pub mod spans;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::{FieldPath, Problem, SourceFile};
use crate::error::Error;
use crate::fs;

pub use article::RawFrontMatter;
pub use platform::RawPlatform;
pub use school::RawSchool;
pub use sources::{SchoolInputs, SchoolSources};

/// A rule of the regulation: `true` for the standard wording, `false` to leave it out, or own text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
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
    pub body: String,
}

/// The folders of a Spravka project.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
}

impl Layout {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Layout { root: root.into() }
    }

    pub fn schools(&self) -> PathBuf {
        self.root.join("schools")
    }

    pub fn platforms(&self) -> PathBuf {
        self.root.join("content").join("platforms")
    }

    pub fn shared_faq(&self) -> PathBuf {
        self.root.join("content").join("faq")
    }

    pub fn calendar(&self) -> PathBuf {
        self.root.join("content").join("calendar")
    }

    pub fn theme(&self) -> PathBuf {
        self.root.join("themes").join("default")
    }

    /// A path as the user should see it: relative to the project root when inside it.
    pub fn display_path(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

/// Read a file as UTF-8; a bad byte becomes a problem that names its line.
pub fn read_source(
    layout: &Layout,
    path: &Path,
) -> Result<Result<Arc<SourceFile>, Problem>, Error> {
    Ok(decode_source(layout, path, fs::read(path)?))
}

/// A file's bytes as UTF-8 text; a bad byte becomes a problem that names its line.
pub fn decode_source(
    layout: &Layout,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<Arc<SourceFile>, Problem> {
    let shown = layout.display_path(path);
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
    Err(Problem::new(format!(
        "the file is not valid UTF-8 text (line {line}, byte {valid})"
    ))
    .in_file(&Arc::new(SourceFile::new(shown, lossy)))
    .with_hint("save the file with the UTF-8 encoding (in Notepad: Save as… → Encoding: UTF-8)"))
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Deserialize the TOML part of `file`; a syntax or shape error becomes a problem with field and span.
pub fn parse_toml<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<T, Problem> {
    toml::from_str(file.toml_text()).map_err(|error| toml_problem(file, &error))
}

fn toml_problem(file: &Arc<SourceFile>, error: &toml::de::Error) -> Problem {
    let local = error.span();
    let field = local
        .as_ref()
        .map(|span| spans::path_at(file.toml_text(), span.start))
        .unwrap_or_else(FieldPath::root);
    let span = local.map(|span| span.start + file.toml.start..span.end + file.toml.start);
    let message = error.message().trim().replace('\n', " ");
    let hint = toml_hint(&message, readme_section(&file.path));
    Problem::new(message)
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

fn toml_hint(message: &str, section: &str) -> String {
    if message.starts_with("unknown field") {
        format!("check the spelling of the key; the README lists every key (section «{section}»)")
    } else if message.starts_with("missing field") {
        format!("add the missing key; the README shows a complete example (section «{section}»)")
    } else if message.contains("did not match any variant") {
        format!("see the README for the forms this value can take (section «{section}»)")
    } else if message.starts_with("invalid type") {
        "check the quotes and brackets: text goes in \"quotes\", lists in [brackets]".to_owned()
    } else {
        "check the TOML syntax near this place: quotes, brackets, `key = value`".to_owned()
    }
}

/// Load every `*.toml` file of a folder as `T`, keyed by file stem.
pub fn load_toml_dir<T: DeserializeOwned>(
    layout: &Layout,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Vec<(String, Loaded<T>)>, Error> {
    let mut loaded = Vec::new();
    if !dir.is_dir() {
        return Ok(loaded);
    }
    for path in fs::sorted_entries(dir)? {
        if path.extension().is_some_and(|ext| ext == "toml") {
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
    let file = match read_source(layout, path)? {
        Ok(file) => file,
        Err(problem) => {
            problems.push(problem);
            return Ok(None);
        }
    };
    Ok(match parse_toml(&file) {
        Ok(value) => Some(Loaded { value, file }),
        Err(problem) => {
            problems.push(problem);
            None
        }
    })
}

/// Load every `*.md` article of a folder.
pub fn load_articles(
    layout: &Layout,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Loaded<RawArticle>>, Error> {
    let mut loaded = Vec::new();
    if !dir.is_dir() {
        return Ok(loaded);
    }
    for path in fs::sorted_entries(dir)? {
        if path.extension().is_some_and(|ext| ext == "md") {
            match parse_article_bytes(layout, &path, fs::read(&path)?) {
                Ok(article) => loaded.push(article),
                Err(problem) => problems.push(problem),
            }
        }
    }
    Ok(loaded)
}

/// An article from its file's bytes: UTF-8, front matter and body.
fn parse_article_bytes(
    layout: &Layout,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<Loaded<RawArticle>, Problem> {
    decode_source(layout, path, bytes).and_then(|file| parse_article(path, file))
}

fn parse_article(path: &Path, file: Arc<SourceFile>) -> Result<Loaded<RawArticle>, Problem> {
    let Some(split) = article::split_front_matter(&file.text) else {
        return Err(Problem::new("the article has no front matter")
            .in_file(&file)
            .with_span(Some(0..file.text.lines().next().map_or(0, str::len)))
            .with_hint("start the file with a `+++` line, the TOML keys (title = \"…\" and others), and a closing `+++` line"));
    };
    let toml = split.front_matter_offset..split.front_matter_offset + split.front_matter.len();
    let body = split.body.to_owned();
    let file = Arc::new(SourceFile {
        toml,
        ..(*file).clone()
    });
    let front_matter = parse_toml(&file)?;
    let value = RawArticle {
        id: file_stem(path),
        front_matter,
        body,
    };
    Ok(Loaded { value, file })
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
    pub articles: Vec<Loaded<RawArticle>>,
}

/// What every school shares, read from `content/`, before validation.
#[derive(Debug, Default)]
pub struct RawShared {
    pub platforms: Vec<(String, Loaded<RawPlatform>)>,
    pub calendar: Vec<(String, Loaded<calendar::RawCalendarYear>)>,
    pub articles: Vec<Loaded<RawArticle>>,
}

/// Read the shared content: every platform preset, calendar year and shared article.
/// Files that cannot be parsed become problems; only I/O failures are errors.
pub fn load_shared(layout: &Layout, problems: &mut Vec<Problem>) -> Result<RawShared, Error> {
    Ok(RawShared {
        platforms: load_toml_dir(layout, &layout.platforms(), problems)?,
        calendar: load_toml_dir(layout, &layout.calendar(), problems)?,
        articles: load_articles(layout, &layout.shared_faq(), problems)?,
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
    if !schools_dir.is_dir() {
        return Err(Error::usage(
            format!("there is no `schools` folder in {}", layout.root.display()),
            "run spravka in the project folder, pass --root, or create a school with `spravka new SLUG --platform ID`",
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
                format!("there is no school `{wanted}` in {}", schools_dir.display()),
                format!("known schools: {}", all.join(", ")),
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
    let slug = inputs.slug;
    if !crate::model::article::is_slug(&slug) {
        problems.push(
            Problem::new(format!(
                "the folder name `{slug}` cannot be used in a web address"
            ))
            .in_file(&Arc::new(SourceFile::new(
                layout.display_path(&inputs.dir),
                "",
            )))
            .with_hint(
                "rename the folder with small Latin letters, digits and hyphens, such as school-27",
            ),
        );
    }
    let mut contents = contents.into_iter();
    let school = match inputs.toml {
        Some(toml) => {
            let bytes = contents.next().unwrap_or_default();
            match decode_source(layout, &toml.path, bytes) {
                Ok(file) => parse_school(file, problems),
                Err(problem) => {
                    problems.push(problem);
                    None
                }
            }
        }
        None => {
            let toml_path = inputs.dir.join("school.toml");
            problems.push(
                Problem::new("the school folder has no school.toml")
                    .in_file(&Arc::new(SourceFile::new(layout.display_path(&inputs.dir), "")))
                    .with_hint(format!(
                        "create {} (see the README), or run `spravka new {slug} --platform dnevnik-ru`",
                        layout.display_path(&toml_path).display()
                    )),
            );
            None
        }
    };
    let mut articles = Vec::with_capacity(inputs.articles.len());
    for (input, bytes) in inputs.articles.iter().zip(contents) {
        match parse_article_bytes(layout, &input.path, bytes) {
            Ok(article) => articles.push(article),
            Err(problem) => problems.push(problem),
        }
    }
    school.map(|school| RawSchoolDir {
        slug,
        school,
        articles,
    })
}

/// Parse a school file, unless it still has blanks from `spravka new` (then list every blank).
fn parse_school(file: Arc<SourceFile>, problems: &mut Vec<Problem>) -> Option<Loaded<RawSchool>> {
    let blanks = blanks::find(&file);
    if !blanks.is_empty() {
        problems.extend(blanks);
        return None;
    }
    match parse_toml(&file) {
        Ok(value) => Some(Loaded { value, file }),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}
