//! The input files of one school folder, found and stamped before anything is read, so that a
//! build can tell an unchanged school from its file stamps alone and read nothing of it.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Layout;
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::fs::{self, ReadError, Refusal, limits};

/// A file's size and modification time, as the file system reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: u128,
}

/// Each input file's path (relative to the school folder) and stamp, in `files` order.
pub type Stamps = Vec<(String, Stamp)>;

/// How close to "now" a modification time must be for its stamp to be distrusted: a file written
/// again within the same tick of a coarse clock (FAT keeps 2 s) could keep its stamp. Git calls
/// these entries "racily clean" and compares their content instead.
const RACY_WINDOW: Duration = Duration::from_secs(3);

/// One input file with its stamp, or `None` when the stamp cannot be trusted.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub stamp: Option<Stamp>,
}

/// The inputs of `schools/<slug>/`: `school.toml` and `regulation.md` (when present) and
/// `faq/*.md`, sorted.
#[derive(Debug, Clone)]
pub struct SchoolInputs {
    pub slug: String,
    pub dir: PathBuf,
    pub toml: Option<Input>,
    /// The school's own regulation text, word for word (the verbatim form).
    pub regulation: Option<Input>,
    pub articles: Vec<Input>,
    /// The school's folder or its `faq` folder, when refused (a link out of the project).
    pub refused_folders: Vec<(PathBuf, Refusal)>,
    /// The project folder, which every file read must be inside.
    root: fs::Root,
}

/// The inputs of a school with their bytes (or why a file was refused), in the order of
/// `SchoolInputs::files`.
#[derive(Debug)]
pub struct SchoolSources {
    pub inputs: SchoolInputs,
    pub contents: Vec<Result<Vec<u8>, Refusal>>,
}

impl SchoolInputs {
    /// List a school's input files and stamp them; nothing is read. A file of any type is
    /// listed (reading refuses what is not a regular file), and a folder that is a link out of
    /// the project is not listed at all.
    pub fn scan(layout: &Layout, slug: &str) -> Result<SchoolInputs, Error> {
        let now = SystemTime::now();
        let dir = layout.schools().join(slug);
        let mut inputs = SchoolInputs {
            slug: slug.to_owned(),
            dir: dir.clone(),
            toml: None,
            regulation: None,
            articles: Vec::new(),
            refused_folders: Vec::new(),
            root: layout.inputs().clone(),
        };
        if !inputs.folder(&dir)? {
            return Ok(inputs);
        }
        inputs.toml = optional_input(dir.join("school.toml"), now);
        inputs.regulation = optional_input(dir.join("regulation.md"), now);
        let faq = dir.join("faq");
        if inputs.folder(&faq)? {
            for entry in fs::sorted_dir_entries(&faq)? {
                let path = entry.path();
                if super::is_input(&path, "md") {
                    // Stat through the open folder (no walk of the whole path again), following
                    // a symbolic link as the article's own file would be.
                    let meta = match entry.file_type() {
                        Ok(kind) if kind.is_symlink() => std::fs::metadata(&path),
                        _ => entry.metadata(),
                    };
                    inputs.articles.push(input(meta, path, now));
                }
            }
        }
        Ok(inputs)
    }

    /// The inputs of a school whose files the caller reads itself (the fuzz targets feed bytes):
    /// `school.toml` when `with_toml`, then `faq/<id>.md` for each id, none of them stamped.
    #[must_use]
    pub fn unscanned(layout: &Layout, slug: &str, with_toml: bool, ids: &[&str]) -> SchoolInputs {
        let dir = layout.schools().join(slug);
        let unstamped = |path: PathBuf| Input { path, stamp: None };
        SchoolInputs {
            slug: slug.to_owned(),
            toml: with_toml.then(|| unstamped(dir.join("school.toml"))),
            regulation: None,
            articles: (ids.iter())
                .map(|id| unstamped(dir.join("faq").join(format!("{id}.md"))))
                .collect(),
            dir,
            refused_folders: Vec::new(),
            root: layout.inputs().clone(),
        }
    }

    /// Whether `dir` exists and may be listed; a refused folder is kept for `refused_folders`.
    fn folder(&mut self, dir: &Path) -> Result<bool, Error> {
        match fs::input_folder(&self.root, dir) {
            Ok(exists) => Ok(exists),
            Err(ReadError::Refused(refusal)) => {
                self.refused_folders.push((dir.to_path_buf(), refusal));
                Ok(false)
            }
            Err(ReadError::Failed(error)) => Err(error),
        }
    }

    /// Every input file: `school.toml` first, then `regulation.md`, then the articles.
    pub fn files(&self) -> impl Iterator<Item = &Input> {
        self.toml
            .iter()
            .chain(&self.regulation)
            .chain(&self.articles)
    }

    /// Each file's path (relative to the school folder) and stamp; `None` when any stamp is
    /// untrusted, since then only the content can tell whether the school changed.
    #[must_use]
    pub fn stamps(&self) -> Option<Stamps> {
        if !self.refused_folders.is_empty() {
            return None;
        }
        self.files()
            .map(|file| Some((self.relative(&file.path), file.stamp?)))
            .collect()
    }

    /// Read every input file; a refused file is kept as its refusal, a failed read is an error.
    pub fn read(self) -> Result<SchoolSources, Error> {
        let contents = self
            .files()
            .map(|file| {
                let limit = if super::is_input(&file.path, "toml") {
                    limits::TOML
                } else {
                    limits::ARTICLE
                };
                match fs::read_input(&self.root, &file.path, limit) {
                    Ok(bytes) => Ok(Ok(bytes)),
                    Err(ReadError::Refused(refusal)) => Ok(Err(refusal)),
                    Err(ReadError::Failed(error)) => Err(error),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(SchoolSources {
            inputs: self,
            contents,
        })
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

impl SchoolSources {
    /// A hash over every input file's name and bytes.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let mut fingerprint = Fingerprint::new();
        for (file, content) in self.inputs.files().zip(&self.contents) {
            let name = self.inputs.relative(&file.path);
            match content {
                Ok(bytes) => fingerprint.add(&name, bytes),
                Err(refusal) => fingerprint.add(
                    &format!("refused {name}"),
                    format!("{refusal:?}").as_bytes(),
                ),
            };
        }
        for (dir, refusal) in &self.inputs.refused_folders {
            let name = self.inputs.relative(dir);
            fingerprint.add(
                &format!("refused {name}"),
                format!("{refusal:?}").as_bytes(),
            );
        }
        fingerprint.hex()
    }
}

/// The file at `path` as an input, or `None` when there is none (a link to nothing is an input,
/// which reading refuses).
fn optional_input(path: PathBuf, now: SystemTime) -> Option<Input> {
    match std::fs::metadata(&path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !fs::is_link(&path) => None,
        meta => Some(input(meta, path, now)),
    }
}

/// The input at `path` with its stamp (one stat for both); only a regular file is stamped, so
/// anything else is read (and refused) by every build.
fn input(meta: std::io::Result<std::fs::Metadata>, path: PathBuf, now: SystemTime) -> Input {
    let stamp = meta
        .ok()
        .filter(std::fs::Metadata::is_file)
        .and_then(|meta| {
            let modified = meta.modified().ok()?;
            let racy = now
                .duration_since(modified)
                .map_or(true, |age| age < RACY_WINDOW);
            let modified_ns = modified.duration_since(UNIX_EPOCH).ok()?.as_nanos();
            (!racy).then_some(Stamp {
                len: meta.len(),
                modified_ns,
            })
        });
    Input { path, stamp }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with_school(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = root.path().join("schools/a").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        root
    }

    #[test]
    fn fresh_files_have_no_trusted_stamp() {
        let root = project_with_school(&[("school.toml", "x"), ("faq/b.md", "b")]);
        let inputs = SchoolInputs::scan(&Layout::new(root.path()), "a").unwrap();
        assert_eq!(inputs.files().count(), 2);
        assert!(inputs.stamps().is_none(), "just written, so racy");
    }

    #[test]
    fn old_files_are_stamped_and_fingerprinted_by_content() {
        let root = project_with_school(&[
            ("school.toml", "x"),
            ("faq/b.md", "b"),
            ("faq/a.md", "a"),
            ("faq/notes.txt", "not an input"),
        ]);
        let old = SystemTime::now() - Duration::from_secs(3600);
        for path in ["school.toml", "faq/a.md", "faq/b.md"] {
            let file = std::fs::File::options()
                .write(true)
                .open(root.path().join("schools/a").join(path))
                .unwrap();
            file.set_modified(old).unwrap();
        }
        let inputs = SchoolInputs::scan(&Layout::new(root.path()), "a").unwrap();
        let stamps = inputs.stamps().unwrap();
        let names: Vec<&str> = stamps.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["school.toml", "faq/a.md", "faq/b.md"]);
        assert_eq!(stamps[0].1.len, 1);
        let first = inputs.clone().read().unwrap().fingerprint();
        std::fs::write(root.path().join("schools/a/faq/a.md"), "A").unwrap();
        let second = inputs.read().unwrap().fingerprint();
        assert_ne!(first, second);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_article_is_stamped_as_the_file_it_points_to() {
        let root = project_with_school(&[("school.toml", "x"), ("elsewhere.md", "Статья")]);
        let school = root.path().join("schools/a");
        std::fs::create_dir_all(school.join("faq")).unwrap();
        std::os::unix::fs::symlink(school.join("elsewhere.md"), school.join("faq/a.md")).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(school.join("elsewhere.md"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        let inputs = SchoolInputs::scan(&Layout::new(root.path()), "a").unwrap();
        let article = &inputs.articles[0];
        assert_eq!(
            article.stamp.map(|stamp| stamp.len),
            Some("Статья".len() as u64)
        );
    }
}
