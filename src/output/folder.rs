//! The output folder as Spravka's own: refused when it would hold the project's inputs or is
//! someone else's folder, marked by the first build, locked for the length of each build, and
//! brought back to one whole build (an interrupted switch-over completed, dead staging removed).

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::journal;
use crate::error::Error;
use crate::fs;
use crate::locale::t;

/// The folder of the build's own files inside the output folder (never part of a site).
pub const INTERNAL: &str = ".spravka";
/// Written by the first build: only a folder carrying it is Spravka's to change.
const MARKER: &str = "spravka-output";
const MARKER_TEXT: &str = "This folder is the output of Spravka. Spravka replaces and removes \
                           only the files it wrote here (listed in the records beside this file).\n";
const LOCK: &str = "lock";
/// The staging folder of the build holding the lock.
pub const STAGING: &str = "staging";

/// An output folder checked, claimed and locked for one build.
#[derive(Debug)]
pub struct OutputFolder {
    path: PathBuf,
    /// Held for the folder's lifetime: the advisory lock of `INTERNAL/lock`.
    _lock: File,
    /// The folder did not exist before this build; a build that fails removes it again.
    made: bool,
}

impl OutputFolder {
    /// Claim `out` for a build of the project in `root` (with the theme folder `theme`).
    pub fn open(out: &Path, root: &Path, theme: Option<&Path>) -> Result<OutputFolder, Error> {
        refuse_inputs(out, root, theme)?;
        let made = claim(out)?;
        let lock = lock(out)?;
        journal::complete(out)?;
        remove_dead_staging(out)?;
        Ok(OutputFolder {
            path: out.to_path_buf(),
            _lock: lock,
            made,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The build succeeded: the folder stays even if this build made it.
    pub fn keep(mut self) {
        self.made = false;
    }
}

impl Drop for OutputFolder {
    fn drop(&mut self) {
        if self.made {
            let internal = self.path.join(INTERNAL);
            let _ = std::fs::remove_file(internal.join(MARKER));
            let _ = std::fs::remove_file(internal.join(LOCK));
            let _ = std::fs::remove_dir(&internal);
            let _ = std::fs::remove_dir(&self.path);
        }
    }
}

/// A usage error when `out` is, holds or lies inside the project's inputs.
fn refuse_inputs(out: &Path, root: &Path, theme: Option<&Path>) -> Result<(), Error> {
    let target = resolved(out)?;
    let inputs = [
        ("project", Some(root.to_path_buf()), false),
        ("schools", Some(root.join("schools")), true),
        ("content", Some(root.join("content")), true),
        ("theme", theme.map(Path::to_path_buf), true),
    ];
    for (name, path, no_inside) in inputs {
        let Some(input) = path.and_then(|path| path.canonicalize().ok()) else {
            continue;
        };
        let problem = if input.starts_with(&target) {
            Some(if input == target { "is" } else { "holds" })
        } else if no_inside && target.starts_with(&input) {
            Some("inside")
        } else {
            None
        };
        if let Some(relation) = problem {
            return Err(Error::usage(
                t!(
                    "out-is-input",
                    out = out.display().to_string(),
                    relation = relation,
                    name = name
                ),
                t!("out-is-input-hint"),
            ));
        }
    }
    Ok(())
}

/// `path` made absolute with every link resolved, also when it does not exist yet: its nearest
/// existing ancestor is resolved and the rest appended (`..` taken lexically there, since
/// folders that do not exist yet cannot be links).
fn resolved(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|source| Error::Io {
        action: "find",
        path: path.to_path_buf(),
        source,
    })?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(append(real, rest.into_iter().rev()));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(Component::Normal(name));
                existing = parent;
            }
            (Some(parent), None) => {
                rest.push(Component::ParentDir);
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

fn append<'a>(mut base: PathBuf, rest: impl Iterator<Item = Component<'a>>) -> PathBuf {
    for part in rest {
        match part {
            Component::ParentDir => {
                base.pop();
            }
            Component::Normal(name) => base.push(name),
            _ => {}
        }
    }
    base
}

/// Make sure `out` is Spravka's: it carries the marker, or it is missing or empty and gets it.
/// Returns whether the folder was made now.
fn claim(out: &Path) -> Result<bool, Error> {
    let made = match std::fs::metadata(out) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => true,
        Err(source) => {
            return Err(Error::Io {
                action: "open folder",
                path: out.to_path_buf(),
                source,
            });
        }
        Ok(meta) if !meta.is_dir() => return Err(not_ours(out, &t!("out-not-a-folder"))),
        Ok(_) => false,
    };
    let internal = out.join(INTERNAL);
    if !made && is_real_dir(&internal) && is_real_file(&internal.join(MARKER)) {
        return Ok(false);
    }
    if !made && is_real_dir(&internal) && holds_an_older_record(&internal) {
        // The output of a Spravka from before the marker: adopt it, so that an upgrade does not
        // ask the webmaster to delete the site first. Its records list no files, so nothing of
        // it is removed as stale until a build of this version has recorded what it wrote.
        fs::write(&internal.join(MARKER), MARKER_TEXT.as_bytes())?;
        return Ok(false);
    }
    if !made && !fs::sorted_entries(out)?.is_empty() {
        return Err(not_ours(
            out,
            &t!("out-foreign-files", marker = format!("{INTERNAL}/{MARKER}")),
        ));
    }
    fs::create_dir_all(&internal)?;
    fs::write(&internal.join(MARKER), MARKER_TEXT.as_bytes())?;
    Ok(made)
}

fn not_ours(out: &Path, why: &str) -> Error {
    Error::usage(
        t!("out-not-ours", out = out.display().to_string(), why = why),
        t!("out-not-ours-hint"),
    )
}

/// Whether `internal` holds a school record written by an earlier Spravka: a regular file
/// `<slug>.json` whose JSON has the fields every version of the record has had.
fn holds_an_older_record(internal: &Path) -> bool {
    let Ok(entries) = fs::sorted_dir_entries(internal) else {
        return false;
    };
    entries.iter().any(|entry| {
        let path = entry.path();
        let is_record_name = (path.file_stem().and_then(|stem| stem.to_str()))
            .is_some_and(crate::links::is_slug)
            && path.extension().is_some_and(|ext| ext == "json");
        is_record_name
            && is_real_file(&path)
            && std::fs::read(&path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .is_some_and(|json| {
                    ["build", "content", "index"]
                        .iter()
                        .all(|key| json.get(key).is_some())
                })
    })
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir())
}

fn is_real_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file())
}

/// Take the advisory lock of the output folder, or fail at once when another build holds it.
fn lock(out: &Path) -> Result<File, Error> {
    let path = out.join(INTERNAL).join(LOCK);
    let io_error = |source| Error::Io {
        action: "lock",
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_error)?;
    // fs4, not std's `File::try_lock`: that needs Rust 1.89, and this crate builds with 1.85.
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => Ok(file),
        Err(fs4::TryLockError::WouldBlock) => Err(Error::Busy {
            out: out
                .components()
                .filter(|c| *c != Component::CurDir)
                .collect(),
        }),
        Err(fs4::TryLockError::Error(source)) => Err(io_error(source)),
    }
}

/// Remove what killed builds left: the staging folder (no other build can be using it while we
/// hold the lock) and the `.spravka-staging-<pid>` folders of earlier versions whose process is
/// gone.
fn remove_dead_staging(out: &Path) -> Result<(), Error> {
    fs::remove_dir_all(&out.join(INTERNAL).join(STAGING))?;
    for entry in fs::sorted_dir_entries(out)? {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(".spravka-staging-"))
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid).exists();
        if !alive && entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            fs::remove_dir_all(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        for dir in ["schools/osh", "content/faq", "theme"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        root
    }

    #[test]
    fn the_output_of_an_older_version_is_adopted_and_a_stranger_folder_is_not() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(".spravka")).unwrap();
        std::fs::write(out.path().join("index.html"), "old site").unwrap();
        std::fs::write(out.path().join(".spravka/notes.json"), r#"{"index": 1}"#).unwrap();
        assert!(
            claim(out.path()).is_err(),
            "a JSON file that is no record proves nothing"
        );
        std::fs::write(
            out.path().join(".spravka/osh.json"),
            r#"{"build": "b", "content": "c", "stamps": null, "index": {}}"#,
        )
        .unwrap();
        assert!(!claim(out.path()).unwrap());
        assert!(out.path().join(".spravka").join(MARKER).is_file());
        assert_eq!(
            std::fs::read_to_string(out.path().join("index.html")).unwrap(),
            "old site"
        );
    }

    #[test]
    fn an_output_holding_or_inside_the_inputs_is_refused() {
        let root = project();
        let theme = root.path().join("theme");
        let refused = |out: &str| {
            let out = root.path().join(out);
            refuse_inputs(&out, root.path(), Some(&theme)).is_err()
        };
        for out in [
            ".",
            "..",
            "schools",
            "schools/osh",
            "schools/new/deeper",
            "content",
            "content/faq",
            "theme",
            "theme/out",
            "public/../schools",
            "missing/../content",
        ] {
            assert!(refused(out), "{out}");
        }
        for out in ["public", "public/osh", "site", "../elsewhere"] {
            assert!(!refused(out), "{out}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_link_to_the_inputs_is_seen_through() {
        let root = project();
        let link = root.path().join("public");
        std::os::unix::fs::symlink(root.path().join("schools"), &link).unwrap();
        assert!(refuse_inputs(&link, root.path(), None).is_err());
        assert!(refuse_inputs(&link.join("new"), root.path(), None).is_err());
    }

    #[test]
    fn a_folder_with_files_and_no_marker_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(claim(&out).unwrap(), "a missing folder is made");
        assert!(!claim(&out).unwrap(), "and is ours from then on");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(!claim(&empty).unwrap(), "an empty folder is adopted");
        assert!(is_real_file(&empty.join(INTERNAL).join(MARKER)));
        let theirs = dir.path().join("theirs");
        std::fs::create_dir_all(theirs.join(INTERNAL)).unwrap();
        std::fs::write(theirs.join("report.docx"), "x").unwrap();
        let error = claim(&theirs).unwrap_err().to_string();
        assert!(error.contains("not an output folder of Spravka"), "{error}");
        assert!(!theirs.join(INTERNAL).join(MARKER).exists());
    }

    #[test]
    fn a_second_lock_of_one_folder_fails_at_once() {
        let dir = tempfile::tempdir().unwrap();
        claim(dir.path()).unwrap();
        let held = lock(dir.path()).unwrap();
        assert!(matches!(lock(dir.path()), Err(Error::Busy { .. })));
        drop(held);
        assert!(lock(dir.path()).is_ok());
    }
}
