//! Writing a build: files go to a staging folder inside the output folder, and only when every
//! school has rendered are they swapped in, entry by entry. A failed build leaves the old output.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fs;
use crate::render::OutputFile;

/// A staging folder; removed on drop unless committed.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    entries: Vec<String>,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, Error> {
        fs::create_dir_all(out)?;
        let dir = out.join(format!(".spravka-staging-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            entries: Vec::new(),
        })
    }

    /// Stage `files` under the top-level entry `entry` ("" for files at the output root).
    pub fn write(&mut self, entry: &str, files: &[OutputFile]) -> Result<(), Error> {
        let base = if entry.is_empty() {
            self.dir.clone()
        } else {
            self.dir.join(entry)
        };
        for file in files {
            let path = base.join(&file.path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, &file.bytes)?;
            if entry.is_empty() {
                self.entries.push(file.path.clone());
            }
        }
        if !entry.is_empty() {
            self.entries.push(entry.to_owned());
        }
        Ok(())
    }

    /// Swap every staged entry into the output folder, replacing the previous version.
    pub fn commit(mut self) -> Result<(), Error> {
        let trash = self
            .out
            .join(format!(".spravka-old-{}", std::process::id()));
        fs::remove_dir_all(&trash)?;
        fs::create_dir_all(&trash)?;
        for entry in std::mem::take(&mut self.entries) {
            let target = self.out.join(&entry);
            if target.exists() {
                fs::rename(&target, &trash.join(&entry))?;
            }
            fs::rename(&self.dir.join(&entry), &target)?;
        }
        fs::remove_dir_all(&trash)?;
        fs::remove_dir_all(&self.dir)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
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

    #[test]
    fn commit_replaces_only_staged_entries() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("a")).unwrap();
        std::fs::write(out.path().join("a/old.html"), "old").unwrap();
        std::fs::create_dir_all(out.path().join("b")).unwrap();
        std::fs::write(out.path().join("b/keep.html"), "keep").unwrap();
        let mut staging = Staging::create(out.path()).unwrap();
        staging.write("a", &[file("index.html", "new")]).unwrap();
        staging.commit().unwrap();
        assert!(!out.path().join("a/old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("b/keep.html")).unwrap(),
            "keep"
        );
        let leftovers: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("a")).unwrap();
        std::fs::write(out.path().join("a/index.html"), "old").unwrap();
        let mut staging = Staging::create(out.path()).unwrap();
        staging.write("a", &[file("index.html", "new")]).unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }
}
