//! Writing the files of a folder that the build has just made (a school's staged folder): each
//! file is created relative to its parent folder's open handle, so the kernel resolves one name
//! per file instead of the whole path from `/` (53,000 files at 1,000 schools).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::context;
use crate::error::Error;

/// A folder made empty by `create`, and its subfolders as files are written into them.
#[derive(Debug)]
pub struct NewFolder {
    base: PathBuf,
    /// The subfolders made so far (relative, `/`-separated), with their handles on Linux.
    dirs: Vec<(String, Handle)>,
    root: Handle,
}

#[cfg(target_os = "linux")]
type Handle = std::os::fd::OwnedFd;
#[cfg(not(target_os = "linux"))]
type Handle = ();

impl NewFolder {
    /// Make the folder `base` (and its parents); it must not exist yet.
    pub fn create(base: &Path) -> Result<NewFolder, Error> {
        if let Some(parent) = base.parent() {
            super::create_dir_all(parent)?;
        }
        std::fs::create_dir(base).map_err(context(base, "create folder"))?;
        Ok(NewFolder {
            base: base.to_path_buf(),
            dirs: Vec::new(),
            root: open_dir(base)?,
        })
    }

    /// Write the new file `relative` (`/`-separated, no `..`), making its folders.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let (folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        let dir = self.dir(folder)?;
        let dir = dir.map_or(&self.root, |i| &self.dirs[i].1);
        create_file(dir, name, &self.base, relative)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(context(&self.base.join(relative), "write"))
    }

    /// Which of `dirs` is the subfolder `folder` (`None`: the folder itself), made with its
    /// parents the first time.
    fn dir(&mut self, folder: &str) -> Result<Option<usize>, Error> {
        if folder.is_empty() {
            return Ok(None);
        }
        if let Some(i) = self.dirs.iter().position(|(made, _)| made == folder) {
            return Ok(Some(i));
        }
        let (parent, name) = folder.rsplit_once('/').unwrap_or(("", folder));
        let parent = self.dir(parent)?;
        let parent = parent.map_or(&self.root, |i| &self.dirs[i].1);
        let path = self.base.join(folder);
        let handle = make_dir(parent, name, &path).map_err(context(&path, "create folder"))?;
        self.dirs.push((folder.to_owned(), handle));
        Ok(Some(self.dirs.len() - 1))
    }
}

#[cfg(target_os = "linux")]
fn open_dir(path: &Path) -> Result<Handle, Error> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    rustix::fs::open(path, flags, Mode::empty())
        .map_err(|errno| context(path, "create folder")(errno.into()))
}

#[cfg(target_os = "linux")]
fn make_dir(parent: &Handle, name: &str, _path: &Path) -> std::io::Result<Handle> {
    use rustix::fs::{Mode, OFlags};
    rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(0o777))?;
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    Ok(rustix::fs::openat(parent, name, flags, Mode::empty())?)
}

/// A new file (none may stand there: the folder is new), mode 0666 less the umask, as
/// `std::fs::write` makes it.
#[cfg(target_os = "linux")]
fn create_file(
    dir: &Handle,
    name: &str,
    _base: &Path,
    _relative: &str,
) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(dir, name, flags, Mode::from_raw_mode(0o666))?;
    Ok(std::fs::File::from(fd))
}

#[cfg(not(target_os = "linux"))]
fn open_dir(_path: &Path) -> Result<Handle, Error> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn make_dir(_parent: &Handle, _name: &str, path: &Path) -> std::io::Result<Handle> {
    std::fs::create_dir(path)
}

#[cfg(not(target_os = "linux"))]
fn create_file(
    _dir: &Handle,
    _name: &str,
    base: &Path,
    relative: &str,
) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(base.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_land_in_their_folders_with_their_bytes() {
        let tmp = std::env::temp_dir().join(format!("spravka-new-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let base = tmp.join("staged").join("osh");
        let mut folder = NewFolder::create(&base).expect("made");
        for (path, bytes) in [
            ("index.html", "главная"),
            ("faq/a.html", "a"),
            ("faq/b.html", "b"),
            ("calendar/deep/x.ics", "x"),
        ] {
            folder.write(path, bytes.as_bytes()).expect("written");
        }
        assert_eq!(
            std::fs::read_to_string(base.join("index.html")).unwrap(),
            "главная"
        );
        assert_eq!(
            std::fs::read_to_string(base.join("faq/b.html")).unwrap(),
            "b"
        );
        assert_eq!(
            std::fs::read_to_string(base.join("calendar/deep/x.ics")).unwrap(),
            "x"
        );
        // The folder is new: a second file of the same name is a mistake, not an overwrite.
        assert!(folder.write("faq/a.html", b"again").is_err());
        // And so is a folder that is already there.
        assert!(NewFolder::create(&base).is_err());
        std::fs::remove_dir_all(&tmp).expect("removed");
    }
}
