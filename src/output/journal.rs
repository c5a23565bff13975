//! The write-ahead journal of a switch-over: every removal and rename of a commit, written and
//! flushed to disk before the first of them. A build killed during its switch-over leaves the
//! journal behind, and the next build completes it before anything else (every staged file it
//! names is there: the journal is written only once staging has finished), so the output is
//! always one whole build. Each step can be done again: a removal of a missing file and a rename
//! whose staged file is gone are skipped.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::folder::{INTERNAL, STAGING};
use crate::error::Error;
use crate::fs;

const JOURNAL: &str = "journal";
const JOURNAL_TMP: &str = "journal.tmp";

/// The steps of one switch-over, paths relative to the output folder.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// Files of the previous build that go (done first: a file may stand where a folder comes).
    pub removals: Vec<PathBuf>,
    /// (staged, target) pairs; every staged path lies in the staging folder.
    pub renames: Vec<(PathBuf, PathBuf)>,
}

impl Journal {
    pub fn is_empty(&self) -> bool {
        self.removals.is_empty() && self.renames.is_empty()
    }

    /// Write the journal into `out` and flush it and its folder to disk, then carry it out.
    pub fn commit(&self, out: &Path) -> Result<(), Error> {
        self.write(out)?;
        self.apply(out)
    }

    fn write(&self, out: &Path) -> Result<(), Error> {
        let internal = out.join(INTERNAL);
        let tmp = internal.join(JOURNAL_TMP);
        let bytes = serde_json::to_vec(self).map_err(|error| invalid(&tmp, error))?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io {
                action: "write",
                path,
                source,
            }
        };
        let mut file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(&bytes).map_err(io(&tmp))?;
        file.sync_all().map_err(io(&tmp))?;
        fs::rename(&tmp, &internal.join(JOURNAL))?;
        // The rename itself must reach the disk before the first step does.
        std::fs::File::open(&internal)
            .and_then(|dir| dir.sync_all())
            .map_err(io(&internal))
    }

    fn apply(&self, out: &Path) -> Result<(), Error> {
        for path in &self.removals {
            remove_owned(out, path)?;
        }
        for (staged, target) in &self.renames {
            let (staged, target) = (out.join(staged), out.join(target));
            // One system call for the usual step; the rest only when the rename finds no file:
            // then the step was done before (the staged file is gone), or the target's folder
            // is yet to be made. A regional build renames thousands of school folders here,
            // while every core but one waits.
            match std::fs::rename(&staged, &target) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    if std::fs::symlink_metadata(&staged).is_err() {
                        continue;
                    }
                    if let Some(parent) = target.parent() {
                        fs::create_dir_all(parent)?;
                    }
                    fs::rename(&staged, &target)?;
                }
                result => result.map_err(fs::context(&staged, "move"))?,
            }
        }
        let internal = out.join(INTERNAL);
        fs::remove_dir_all(&internal.join(STAGING))?;
        fs::remove_file(&internal.join(JOURNAL))
    }

    /// A journal read back is trusted only with paths that stay inside the output folder, and
    /// renames only from the staging folder.
    fn checked(self, path: &Path) -> Result<Journal, Error> {
        let staging = Path::new(INTERNAL).join(STAGING);
        let inside = |path: &Path| path.components().all(|c| matches!(c, Component::Normal(_)));
        let fine = self.removals.iter().all(|p| inside(p))
            && (self.renames.iter())
                .all(|(from, to)| inside(from) && inside(to) && from.starts_with(&staging));
        if fine {
            Ok(self)
        } else {
            Err(invalid(path, "a path leads out of the output folder"))
        }
    }
}

/// Complete the switch-over of a build that was killed during it, if there is one.
pub fn complete(out: &Path) -> Result<(), Error> {
    let internal = out.join(INTERNAL);
    fs::remove_file(&internal.join(JOURNAL_TMP))?;
    let path = internal.join(JOURNAL);
    if !std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file()) {
        return Ok(());
    }
    let bytes = fs::read(&path)?;
    let journal: Journal = serde_json::from_slice(&bytes).map_err(|error| invalid(&path, error))?;
    journal.checked(&path)?.apply(out)
}

fn invalid(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        action: "complete the interrupted build recorded in",
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string()),
    }
}

/// Remove the file (or link) `relative` of the output folder, reached through real folders only:
/// when a folder on the way is a link or a file, or the path is a folder, there is nothing of
/// ours to remove. Folders it leaves empty go too.
pub fn remove_owned(out: &Path, relative: &Path) -> Result<(), Error> {
    match super::reached(out, relative) {
        Some((path, meta)) if !meta.is_dir() => {
            fs::remove_file(&path)?;
            remove_empty_parents(&path, out);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn remove_empty_parents(path: &Path, stop: &Path) {
    let mut dir = path.parent();
    while let Some(current) = dir {
        if current == stop || std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn removal_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (out, elsewhere) = (dir.path().join("out"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "theirs").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("osh")).unwrap();
        remove_owned(&out, Path::new("osh/index.html")).unwrap();
        assert!(elsewhere.join("index.html").exists());
        remove_owned(&out, Path::new("osh")).unwrap();
        assert!(!out.join("osh").exists(), "the link itself goes");
        assert!(elsewhere.join("index.html").exists());
    }

    #[test]
    fn a_journal_is_completed_once_and_again_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let staging = out.join(INTERNAL).join(STAGING);
        std::fs::create_dir_all(staging.join("a")).unwrap();
        std::fs::write(staging.join("a/new.html"), "new").unwrap();
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/old.html"), "old").unwrap();
        let journal = Journal {
            removals: vec!["a/old.html".into()],
            renames: vec![(
                Path::new(INTERNAL).join(STAGING).join("a/new.html"),
                "a/new.html".into(),
            )],
        };
        journal.write(out).unwrap();
        complete(out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/new.html")).unwrap(),
            "new"
        );
        assert!(!out.join("a/old.html").exists());
        assert!(!staging.exists());
        assert!(!out.join(INTERNAL).join(JOURNAL).exists());
        journal.write(out).unwrap();
        complete(out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/new.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_journal_leading_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join(INTERNAL)).unwrap();
        std::fs::write(dir.path().join("keep"), "x").unwrap();
        let journal = Journal {
            removals: vec!["../keep".into()],
            renames: Vec::new(),
        };
        journal.write(&out).unwrap();
        assert!(complete(&out).is_err());
        assert!(dir.path().join("keep").exists());
    }
}
