//! Writing a build. Only files whose bytes change are written: each goes to a staging folder
//! first, and only when every school has rendered are they renamed into place and stale files
//! removed. A failed build leaves the previous output untouched; an unchanged file keeps its mtime.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fs;
use crate::render::OutputFile;

/// The staging folder of one build; removed on drop, so an aborted build leaves nothing behind.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The output folder did not exist before: a build that fails removes it again.
    made_out: bool,
}

/// What one part of the output (a school's folder, or the root files) needs changed.
#[derive(Debug, Default)]
pub struct Changes {
    /// (staged file, target) pairs to rename.
    renames: Vec<(PathBuf, PathBuf)>,
    /// Files of the previous output that the new build no longer has.
    stale: Vec<PathBuf>,
    pub written: usize,
    pub unchanged: usize,
}

impl Changes {
    pub fn merge(&mut self, other: Changes) {
        self.renames.extend(other.renames);
        self.stale.extend(other.stale);
        self.written += other.written;
        self.unchanged += other.unchanged;
    }

    pub fn removed(&self) -> usize {
        self.stale.len()
    }

    /// Whether any file (or new folder) to be moved into place or removed matches `wanted`.
    pub fn touches(&self, wanted: impl Fn(&Path) -> bool) -> bool {
        let targets = self.renames.iter().map(|(_, target)| target);
        targets.chain(&self.stale).any(|path| wanted(path))
    }
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, Error> {
        let made_out = !out.exists();
        fs::create_dir_all(out)?;
        let dir = out.join(format!(".spravka-staging-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            made_out,
        })
    }

    /// Stage the files of `entry` (a school's folder; "" for files at the output root) whose bytes
    /// differ from the output's. For a folder, files it had and no longer gets become stale.
    pub fn stage(&self, entry: &str, files: &[OutputFile]) -> Result<Changes, Error> {
        let target_base = if entry.is_empty() {
            self.out.clone()
        } else {
            self.out.join(entry)
        };
        let staged_base = if entry.is_empty() {
            self.dir.join(".root")
        } else {
            self.dir.join(entry)
        };
        let mut changes = Changes::default();
        if !entry.is_empty() && !target_base.exists() {
            // A new folder is staged whole and moved in with one rename.
            write_all(&staged_base, files)?;
            changes.renames.push((staged_base, target_base));
            changes.written = files.len();
            return Ok(changes);
        }
        for file in files {
            let target = target_base.join(&file.path);
            if same_bytes(&target, &file.bytes) {
                changes.unchanged += 1;
                continue;
            }
            let staged = staged_base.join(&file.path);
            if let Some(parent) = staged.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&staged, &file.bytes)?;
            changes.renames.push((staged, target));
            changes.written += 1;
        }
        if !entry.is_empty() {
            changes.stale = stale_files(&target_base, files)?;
        }
        Ok(changes)
    }

    /// Mark a folder of the output (a school that no longer exists) and the files at the output
    /// root named in `files` for removal when the build is committed.
    pub fn remove(&self, entry: &str, files: &[String]) -> Result<Changes, Error> {
        let mut stale = stale_files(&self.out.join(entry), &[])?;
        stale.extend(
            files
                .iter()
                .map(|file| self.out.join(file))
                .filter(|path| path.is_file()),
        );
        Ok(Changes {
            stale,
            ..Changes::default()
        })
    }

    /// Move every staged file into place and remove stale files and the folders they leave empty.
    pub fn commit(mut self, changes: Changes) -> Result<(), Error> {
        self.made_out = false;
        for (staged, target) in &changes.renames {
            if let Some(parent) = target.parent() {
                prepare_parent(parent)?;
            }
            fs::rename(staged, target)?;
        }
        for path in &changes.stale {
            fs::remove_file(path)?;
            remove_empty_parents(path, &self.out);
        }
        fs::remove_dir_all(&self.dir)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if self.made_out {
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

fn write_all(base: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    for file in files {
        let path = base.join(&file.path);
        if let Some(parent) = path.parent() {
            if made.insert(parent.to_path_buf()) {
                fs::create_dir_all(parent)?;
            }
        }
        fs::write(&path, &file.bytes)?;
    }
    Ok(())
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// A parent folder for a target: created when missing; a file in its way (an old output of
/// another shape) is removed.
fn prepare_parent(parent: &Path) -> Result<(), Error> {
    if parent.is_file() {
        fs::remove_file(parent)?;
    }
    fs::create_dir_all(parent)
}

fn stale_files(base: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, Error> {
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| base.join(&f.path)).collect();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(base).sort_by_file_name() {
        let entry = entry.map_err(|error| Error::Io {
            action: "list folder",
            path: base.to_path_buf(),
            source: error.into(),
        })?;
        if entry.file_type().is_file() && !wanted.contains(entry.path()) {
            stale.push(entry.path().to_path_buf());
        }
    }
    Ok(stale)
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

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn build(out: &Path, entry: &str, files: &[OutputFile]) -> (usize, usize, usize) {
        let staging = Staging::create(out).unwrap();
        let changes = staging.stage(entry, files).unwrap();
        let counts = (changes.written, changes.unchanged, changes.removed());
        staging.commit(changes).unwrap();
        counts
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let out = tempfile::tempdir().unwrap();
        assert_eq!(
            build(
                out.path(),
                "a",
                &[file("index.html", "1"), file("x/old.html", "old")]
            ),
            (2, 0, 0)
        );
        let mtime = std::fs::metadata(out.path().join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(
            build(
                out.path(),
                "a",
                &[file("index.html", "1"), file("y/new.html", "new")]
            ),
            (1, 1, 1)
        );
        assert_eq!(
            std::fs::metadata(out.path().join("a/index.html"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert!(!out.path().join("a/x").exists(), "emptied folders go too");
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/y/new.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_removed_entry_goes_with_the_named_root_files() {
        let out = tempfile::tempdir().unwrap();
        build(
            out.path(),
            "a",
            &[file("index.html", "1"), file("x/y.html", "2")],
        );
        build(
            out.path(),
            "",
            &[file("a.json", "{}"), file("b.json", "{}")],
        );
        let staging = Staging::create(out.path()).unwrap();
        let changes = staging.remove("a", &["a.json".into()]).unwrap();
        assert_eq!(changes.removed(), 3);
        staging.commit(changes).unwrap();
        assert!(!out.path().join("a").exists());
        assert!(!out.path().join("a.json").exists());
        assert!(out.path().join("b.json").exists());
    }

    #[test]
    fn other_entries_are_kept() {
        let out = tempfile::tempdir().unwrap();
        build(out.path(), "b", &[file("keep.html", "keep")]);
        build(out.path(), "a", &[file("index.html", "new")]);
        assert_eq!(
            std::fs::read_to_string(out.path().join("b/keep.html")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let out = tempfile::tempdir().unwrap();
        build(out.path(), "a", &[file("index.html", "old")]);
        let staging = Staging::create(out.path()).unwrap();
        staging.stage("a", &[file("index.html", "new")]).unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }
}
