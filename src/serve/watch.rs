//! Watching the project's inputs, and deciding what a batch of changed paths asks to rebuild:
//! the schools whose own folders changed, or everything when shared content, the theme or the
//! set of schools changed.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::Error;
use crate::locale::t;

/// Editors write several events for one save (a temporary file, a rename, a metadata change);
/// they are gathered until none came for this long before a rebuild starts.
const QUIET: Duration = Duration::from_millis(150);

/// What a batch of changes asks to rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Only these schools' own files changed.
    Schools(BTreeSet<String>),
    /// Something every school depends on, or the list of schools itself, changed.
    Everything,
}

/// The folders a build reads, watched recursively.
#[derive(Debug)]
pub struct Watch {
    /// Kept alive: dropping it stops the watching.
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watch {
    /// Watch `folders`; those that do not exist are skipped (a project may have no theme).
    pub fn start(folders: &[PathBuf]) -> Result<Watch, Error> {
        let (sender, events) = channel();
        let failed = |path: &Path, error: notify::Error| Error::Io {
            action: "watch",
            path: path.to_path_buf(),
            source: std::io::Error::other(error.to_string()),
        };
        let mut watcher =
            notify::recommended_watcher(sender).map_err(|e| failed(Path::new("."), e))?;
        for folder in folders.iter().filter(|folder| folder.is_dir()) {
            (watcher.watch(folder, RecursiveMode::Recursive)).map_err(|e| failed(folder, e))?;
        }
        Ok(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// The paths changed in the next batch of changes (blocking until one starts, then until
    /// the files are quiet); `None` once the watcher has stopped.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut paths = Vec::new();
        while paths.is_empty() {
            take(self.events.recv().ok()?, &mut paths);
        }
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => take(event, &mut paths),
                // Quiet for a while, or the watcher gone: what has come so far is the batch.
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Some(paths);
                }
            }
        }
    }
}

/// The paths of an event that changed something. Reading a file or listing a folder is an
/// event too (inotify reports opening them), and every build does both: those are dropped, or
/// each rebuild would start the next.
fn take(event: notify::Result<Event>, paths: &mut Vec<PathBuf>) {
    match event {
        Ok(event) if !matches!(event.kind, EventKind::Access(_)) => paths.extend(event.paths),
        Ok(_) => {}
        Err(error) => eprintln!("{}", t!("serve-watch-failed", error = error.to_string())),
    }
}

/// What `paths` (absolute, as the watcher reports them) ask to rebuild, given the project's
/// `schools` folder (absolute) and the schools it had at the last build; `None` when no path
/// matters (editor back-up and swap files).
pub fn scope_of(paths: &[PathBuf], schools: &Path, known: &BTreeSet<String>) -> Option<Scope> {
    let mut changed = BTreeSet::new();
    for path in paths.iter().filter(|path| !is_editor_litter(path)) {
        let Ok(inside) = path.strip_prefix(schools) else {
            return Some(Scope::Everything);
        };
        let Some(Component::Normal(slug)) = inside.components().next() else {
            // The schools folder itself: a school may have been added, removed or renamed.
            return Some(Scope::Everything);
        };
        let slug = slug.to_string_lossy();
        // Anything but a school the last build knew, still there: added, removed or renamed.
        if !known.contains(slug.as_ref()) || !schools.join(slug.as_ref()).is_dir() {
            return Some(Scope::Everything);
        }
        changed.insert(slug.into_owned());
    }
    (!changed.is_empty()).then_some(Scope::Schools(changed))
}

/// The changed files in words for the terminal, relative to the project folder `root`:
/// `schools/osh/school.toml` or `schools/osh/school.toml and 2 more`.
pub fn describe(paths: &[PathBuf], root: &Path) -> String {
    let mut shown: Vec<&Path> = (paths.iter())
        .filter(|path| !is_editor_litter(path))
        .map(|path| path.strip_prefix(root).unwrap_or(path))
        .collect();
    shown.sort();
    shown.dedup();
    match shown.as_slice() {
        [] => t!("serve-editor-file"),
        [one] => one.display().to_string(),
        [first, rest @ ..] => t!(
            "serve-and-more",
            first = first.display().to_string(),
            n = rest.len()
        ),
    }
}

/// Files editors keep beside the one being edited (`.school.toml.swp`, `school.toml~`, Emacs'
/// `.#school.toml`); no build reads them, so a change to them rebuilds nothing.
fn is_editor_litter(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf, BTreeSet<String>) {
        let root = tempfile::tempdir().unwrap();
        let schools = root.path().join("schools");
        for slug in ["osh", "internat-11"] {
            std::fs::create_dir_all(schools.join(slug).join("faq")).unwrap();
        }
        let known = ["osh", "internat-11"].map(String::from).into();
        (root, schools, known)
    }

    #[test]
    fn a_school_file_rebuilds_that_school_only() {
        let (_root, schools, known) = project();
        let paths = [
            schools.join("osh/school.toml"),
            schools.join("osh/faq/vhod.md"),
            schools.join("internat-11/faq"),
            schools.join("internat-11"),
        ];
        assert_eq!(
            scope_of(&paths, &schools, &known),
            Some(Scope::Schools(
                ["internat-11", "osh"].map(String::from).into()
            ))
        );
    }

    #[test]
    fn shared_content_a_new_or_removed_school_rebuild_everything() {
        let (root, schools, known) = project();
        let shared = root.path().join("content/faq/vhod.md");
        assert_eq!(
            scope_of(&[shared], &schools, &known),
            Some(Scope::Everything)
        );
        std::fs::create_dir_all(schools.join("new-school")).unwrap();
        let added = [schools.join("new-school/school.toml")];
        assert_eq!(scope_of(&added, &schools, &known), Some(Scope::Everything));
        std::fs::remove_dir_all(schools.join("osh")).unwrap();
        let removed = [schools.join("osh/school.toml")];
        assert_eq!(
            scope_of(&removed, &schools, &known),
            Some(Scope::Everything)
        );
        assert_eq!(
            scope_of(&[schools.join("osh")], &schools, &known),
            Some(Scope::Everything)
        );
        assert_eq!(
            scope_of(std::slice::from_ref(&schools), &schools, &known),
            Some(Scope::Everything)
        );
    }

    #[test]
    fn changes_are_named_relative_to_the_project() {
        let root = Path::new("/p");
        let one = [
            root.join("schools/osh/school.toml"),
            root.join("schools/osh/school.toml"),
        ];
        assert_eq!(describe(&one, root), "schools/osh/school.toml");
        let three = [
            root.join("content/faq/b.md"),
            root.join("content/faq/a.md"),
            root.join("content/faq/.a.md.swp"),
            root.join("content/faq/c.md"),
        ];
        assert_eq!(describe(&three, root), "content/faq/a.md and 2 more");
    }

    #[test]
    fn editor_litter_rebuilds_nothing() {
        let (_root, schools, known) = project();
        let paths = [
            schools.join("osh/.school.toml.swp"),
            schools.join("osh/school.toml~"),
            schools.join("osh/faq/.#vhod.md"),
        ];
        assert_eq!(scope_of(&paths, &schools, &known), None);
    }
}
