//! Writing a build. Only files whose bytes change are written: each goes to a staging folder
//! first, and only when every school has rendered are they switched in, through a journal (see
//! `journal`), and stale files removed. A failed build leaves the previous output untouched; an
//! unchanged file keeps its modification time. Spravka removes only files its records list as
//! its own, never through a link, and leaves every other file where it is.

mod folder;
pub mod journal;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use folder::{INTERNAL, OutputFolder};

use crate::error::Error;
use crate::fs;
use crate::render::OutputFile;

/// The staging folder of one build; removed on drop, so an aborted build leaves nothing behind.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

/// What one part of the output (a school's folder, or the root files) needs changed.
#[derive(Debug, Default)]
pub struct Changes {
    /// (staged file, target) pairs to rename.
    renames: Vec<(PathBuf, PathBuf)>,
    /// Files of the previous output, written by Spravka, that the new build no longer has.
    stale: Vec<PathBuf>,
    /// Files in a school's folder that Spravka did not write: left alone, and reported.
    pub foreign: Vec<PathBuf>,
    pub written: usize,
    pub unchanged: usize,
}

impl Changes {
    pub fn merge(&mut self, other: Changes) {
        self.renames.extend(other.renames);
        self.stale.extend(other.stale);
        self.foreign.extend(other.foreign);
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
    /// The staging folder inside the output folder `out` (same file system, so renames are cheap).
    pub fn create(out: &Path) -> Result<Staging, Error> {
        let dir = out.join(INTERNAL).join(folder::STAGING);
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    /// Stage the files at the output root (the index of all schools, the records) whose bytes
    /// differ from the output's.
    pub fn stage_root(&self, files: &[OutputFile]) -> Result<Changes, Error> {
        let mut changes = Changes::default();
        for file in files {
            let target = self.out.join(&file.path);
            if std::fs::symlink_metadata(&target).is_ok_and(|meta| meta.is_dir()) {
                return Err(in_the_way(&target));
            }
            stage_file(file, &self.dir.join(".root"), target, &mut changes)?;
        }
        Ok(changes)
    }

    /// Stage the files of the school `slug` whose bytes differ from the output's. Of the files
    /// its folder has and the build no longer makes, those in `ours` (the previous build's list)
    /// become stale; the others are foreign and stay.
    pub fn stage_school(
        &self,
        slug: &str,
        files: &[OutputFile],
        ours: &[String],
    ) -> Result<Changes, Error> {
        let base = self.out.join(slug);
        let staged_base = self.dir.join(slug);
        let mut changes = Changes::default();
        match std::fs::symlink_metadata(&base) {
            Err(_) => {
                // A new folder is staged whole and moved in with one rename.
                write_all(&staged_base, files)?;
                changes.renames.push((staged_base, base));
                changes.written = files.len();
                return Ok(changes);
            }
            Ok(meta) if !meta.is_dir() => return Err(in_the_way(&base)),
            Ok(_) => {}
        }
        let present = Present::list(&base)?;
        let wanted: BTreeSet<&Path> = files.iter().map(|f| Path::new(&f.path)).collect();
        let ours: BTreeSet<&Path> = ours.iter().map(Path::new).collect();
        (changes.stale, changes.foreign) = present.leftovers(&base, &wanted, &ours);
        for file in files {
            present.check_way(&base, Path::new(&file.path), &ours)?;
            let target = base.join(&file.path);
            stage_file(file, &staged_base, target, &mut changes)?;
        }
        Ok(changes)
    }

    /// Mark for removal the files `ours` of a school that no longer exists (its folder a link:
    /// the link alone) and the files at the output root named in `root_files`.
    pub fn remove(
        &self,
        slug: &str,
        ours: &[String],
        root_files: &[String],
    ) -> Result<Changes, Error> {
        let base = self.out.join(slug);
        let mut changes = Changes::default();
        match std::fs::symlink_metadata(&base) {
            Ok(meta) if meta.is_symlink() => changes.stale.push(base),
            Ok(meta) if meta.is_dir() => {
                let ours: BTreeSet<&Path> = ours.iter().map(Path::new).collect();
                let present = Present::list(&base)?;
                (changes.stale, changes.foreign) =
                    present.leftovers(&base, &BTreeSet::new(), &ours);
            }
            _ => {}
        }
        changes.merge(self.remove_root(root_files));
        Ok(changes)
    }

    /// Remove `files` at the output root (written by an earlier build, which no longer makes
    /// them): each that is there and not a folder (a link is removed, not followed).
    pub fn remove_root(&self, files: &[String]) -> Changes {
        let root = files.iter().map(|file| self.out.join(file));
        let stale = root
            .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|meta| !meta.is_dir()))
            .collect();
        Changes {
            stale,
            ..Changes::default()
        }
    }

    /// Switch the build in: journal every removal and rename, then carry them out.
    #[allow(
        clippy::needless_pass_by_value,
        reason = "the changes are carried out: taken, so that no caller reuses them"
    )]
    pub fn commit(self, changes: Changes) -> Result<(), Error> {
        let relative = |path: &Path| path.strip_prefix(&self.out).map(Path::to_path_buf);
        let journal = journal::Journal {
            removals: changes
                .stale
                .iter()
                .filter_map(|p| relative(p).ok())
                .collect(),
            renames: (changes.renames.iter())
                .filter_map(|(from, to)| Some((relative(from).ok()?, relative(to).ok()?)))
                .collect(),
        };
        if journal.is_empty() {
            return fs::remove_dir_all(&self.dir);
        }
        journal.commit(&self.out)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn in_the_way(path: &Path) -> Error {
    Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source: std::io::Error::other(
            "a folder, file or link that Spravka did not make stands where its output goes; \
             move it out of the output folder",
        ),
    }
}

/// What a school's folder holds, by relative path, walked without following any link: whether
/// each entry is a real folder.
#[derive(Debug)]
struct Present(BTreeMap<PathBuf, bool>);

impl Present {
    fn list(base: &Path) -> Result<Present, Error> {
        let mut entries = BTreeMap::new();
        let walk = walkdir::WalkDir::new(base)
            .follow_links(false)
            .follow_root_links(false)
            .min_depth(1);
        for entry in walk {
            let entry = entry.map_err(|error| Error::Io {
                action: "list folder",
                path: base.to_path_buf(),
                source: error.into(),
            })?;
            if let Ok(relative) = entry.path().strip_prefix(base) {
                entries.insert(relative.to_path_buf(), entry.file_type().is_dir());
            }
        }
        Ok(Present(entries))
    }

    /// (stale, foreign): the files (and links) present and not `wanted`, split by whether they
    /// are `ours`.
    fn leftovers(
        &self,
        base: &Path,
        wanted: &BTreeSet<&Path>,
        ours: &BTreeSet<&Path>,
    ) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let left =
            (self.0.iter()).filter(|(path, is_dir)| !**is_dir && !wanted.contains(path.as_path()));
        let (stale, foreign): (Vec<_>, Vec<_>) =
            left.partition(|(path, _)| ours.contains(path.as_path()));
        let full =
            |list: Vec<(&PathBuf, &bool)>| list.into_iter().map(|(p, _)| base.join(p)).collect();
        (full(stale), full(foreign))
    }

    /// `Err` when something Spravka did not write stands where the file `relative` goes: a folder
    /// at its path, or a file or link (not one of `ours`, which go first) at a folder on its way.
    fn check_way(&self, base: &Path, relative: &Path, ours: &BTreeSet<&Path>) -> Result<(), Error> {
        if self.0.get(relative) == Some(&true) {
            return Err(in_the_way(&base.join(relative)));
        }
        for folder in relative.ancestors().skip(1) {
            if self.0.get(folder) == Some(&false) && !ours.contains(folder) {
                return Err(in_the_way(&base.join(folder)));
            }
        }
        Ok(())
    }
}

/// Stage `file` for `target` under `staged_base`, unless `target` already holds its bytes.
fn stage_file(
    file: &OutputFile,
    staged_base: &Path,
    target: PathBuf,
    changes: &mut Changes,
) -> Result<(), Error> {
    if same_bytes(&target, &file.bytes) {
        changes.unchanged += 1;
        return Ok(());
    }
    let staged = staged_base.join(&file.path);
    if let Some(parent) = staged.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&staged, &file.bytes)?;
    changes.renames.push((staged, target));
    changes.written += 1;
    Ok(())
}

fn write_all(base: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut folder = fs::NewFolder::create(base)?;
    for file in files {
        folder.write(&file.path, &file.bytes)?;
    }
    Ok(())
}

/// Whether `relative` is a regular file of the output folder `out`, reached through real folders
/// only (no link followed on the way).
pub fn is_regular_file(out: &Path, relative: &Path) -> bool {
    reached(out, relative).is_some_and(|(_, meta)| meta.is_file())
}

/// The path of `relative` in `out` and what stands there (not followed if a link), when every
/// folder on the way is a real folder; `None` when something is missing or a link or file is
/// in the way.
pub fn reached(out: &Path, relative: &Path) -> Option<(PathBuf, std::fs::Metadata)> {
    let mut path = out.to_path_buf();
    let mut parts = relative.components().peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if parts.peek().is_none() {
            return Some((path, meta));
        }
        if !meta.is_dir() {
            return None;
        }
    }
    None
}

/// Whether `path` is a regular file (not a link) holding `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
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

    fn paths(files: &[OutputFile]) -> Vec<String> {
        files.iter().map(|f| f.path.clone()).collect()
    }

    /// Build the school `a` with `files`, the previous build having written `ours`.
    fn build(out: &Path, files: &[OutputFile], ours: &[OutputFile]) -> (usize, usize, usize) {
        let staging = Staging::create(out).unwrap();
        let changes = staging.stage_school("a", files, &paths(ours)).unwrap();
        let counts = (changes.written, changes.unchanged, changes.removed());
        staging.commit(changes).unwrap();
        counts
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let out = tempfile::tempdir().unwrap();
        let first = [file("index.html", "1"), file("x/old.html", "old")];
        assert_eq!(build(out.path(), &first, &[]), (2, 0, 0));
        let mtime = || {
            std::fs::metadata(out.path().join("a/index.html"))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = mtime();
        let second = [file("index.html", "1"), file("y/new.html", "new")];
        assert_eq!(build(out.path(), &second, &first), (1, 1, 1));
        assert_eq!(mtime(), before);
        assert!(!out.path().join("a/x").exists(), "emptied folders go too");
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/y/new.html")).unwrap(),
            "new"
        );
        assert_eq!(names(out.path()), [INTERNAL, "a"]);
        assert!(
            names(&out.path().join(INTERNAL)).is_empty(),
            "no staging, no journal left"
        );
    }

    #[test]
    fn a_file_spravka_did_not_write_is_kept_and_reported() {
        let out = tempfile::tempdir().unwrap();
        let first = [file("index.html", "1")];
        build(out.path(), &first, &[]);
        std::fs::write(out.path().join("a/report.docx"), "theirs").unwrap();
        let staging = Staging::create(out.path()).unwrap();
        let changes = staging.stage_school("a", &first, &paths(&first)).unwrap();
        assert_eq!(changes.foreign, [out.path().join("a/report.docx")]);
        assert_eq!(changes.removed(), 0);
        staging.commit(changes).unwrap();
        assert!(out.path().join("a/report.docx").exists());
    }

    #[test]
    fn a_file_of_ours_may_become_a_folder_but_not_a_foreign_one() {
        let out = tempfile::tempdir().unwrap();
        build(out.path(), &[file("faq", "old")], &[]);
        let folder = [file("faq/a.html", "new")];
        assert_eq!(build(out.path(), &folder, &[file("faq", "old")]), (1, 0, 1));
        std::fs::write(out.path().join("a/calendar"), "theirs").unwrap();
        let staging = Staging::create(out.path()).unwrap();
        let error = staging
            .stage_school("a", &[file("calendar/all.ics", "x")], &paths(&folder))
            .unwrap_err();
        assert!(error.to_string().contains("a/calendar"), "{error}");
    }

    #[test]
    fn a_removed_school_goes_with_the_named_root_files() {
        let out = tempfile::tempdir().unwrap();
        let files = [file("index.html", "1"), file("x/y.html", "2")];
        build(out.path(), &files, &[]);
        let staging = Staging::create(out.path()).unwrap();
        let changes = staging
            .stage_root(&[file("a.json", "{}"), file("b.json", "{}")])
            .unwrap();
        staging.commit(changes).unwrap();
        let staging = Staging::create(out.path()).unwrap();
        let changes = staging
            .remove("a", &paths(&files), &["a.json".into()])
            .unwrap();
        assert_eq!(changes.removed(), 3);
        staging.commit(changes).unwrap();
        assert!(!out.path().join("a").exists());
        assert!(!out.path().join("a.json").exists());
        assert!(out.path().join("b.json").exists());
    }

    #[test]
    #[cfg(unix)]
    fn a_removed_school_that_is_a_link_loses_the_link_only() {
        let dir = tempfile::tempdir().unwrap();
        let (out, elsewhere) = (dir.path().join("out"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "theirs").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("a")).unwrap();
        let staging = Staging::create(&out).unwrap();
        let changes = staging.remove("a", &["index.html".into()], &[]).unwrap();
        staging.commit(changes).unwrap();
        assert!(std::fs::symlink_metadata(out.join("a")).is_err());
        assert!(elsewhere.join("index.html").exists());
    }

    #[test]
    #[cfg(unix)]
    fn a_file_behind_a_link_is_not_a_regular_file_of_the_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("real/calendar")).unwrap();
        std::fs::write(dir.path().join("real/calendar/all.ics"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        assert!(is_regular_file(
            dir.path(),
            Path::new("real/calendar/all.ics")
        ));
        assert!(!is_regular_file(
            dir.path(),
            Path::new("link/calendar/all.ics")
        ));
        assert!(!is_regular_file(dir.path(), Path::new("real/calendar")));
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let out = tempfile::tempdir().unwrap();
        build(out.path(), &[file("index.html", "old")], &[]);
        let staging = Staging::create(out.path()).unwrap();
        staging
            .stage_school("a", &[file("index.html", "new")], &["index.html".into()])
            .unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/index.html")).unwrap(),
            "old"
        );
        assert!(names(&out.path().join(INTERNAL)).is_empty());
    }
}
