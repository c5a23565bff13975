//! File system calls that name the path in every error.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

fn context<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(context(path, "read"))
}

/// Read a file whose size is already known (`len`, from an earlier stat) with one read and
/// without asking the file system again: `std::fs::read` stats every file it opens and reads in
/// growing chunks, and a regional build reads 26,000 files.
pub fn read_known(path: &Path, len: Option<u64>) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let Some(len) = len.and_then(|len| usize::try_from(len).ok()) else {
        return read(path);
    };
    let mut file = std::fs::File::open(path).map_err(context(path, "read"))?;
    let mut bytes = vec![0; len];
    match file.read_exact(&mut bytes) {
        Ok(()) => {}
        // Shorter than it was: read it again the ordinary way.
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return read(path),
        Err(error) => return Err(context(path, "read")(error)),
    }
    // Longer than it was: take the rest too. Through `Take`, `read_to_end` cannot stat the file.
    file.take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(context(path, "read"))?;
    Ok(bytes)
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(context(path, "write"))
}

pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(context(path, "create folder"))
}

pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other.map_err(context(path, "remove folder")),
    }
}

pub fn remove_file(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other.map_err(context(path, "remove")),
    }
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(context(from, "move"))
}

/// The entries of a folder, sorted by name so that every later step is deterministic.
/// The entries of `dir`, sorted by name, for callers that stat them through the folder.
pub fn sorted_dir_entries(dir: &Path) -> Result<Vec<std::fs::DirEntry>, Error> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(context(dir, "list folder"))? {
        entries.push(entry.map_err(context(dir, "list folder"))?);
    }
    entries.sort_by_key(std::fs::DirEntry::file_name);
    Ok(entries)
}

pub fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(context(dir, "list folder"))? {
        entries.push(entry.map_err(context(dir, "list folder"))?.path());
    }
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_size_reads_the_whole_file_even_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "Школа").unwrap();
        let len = Some("Школа".len() as u64);
        assert_eq!(read_known(&path, len).unwrap(), "Школа".as_bytes());
        assert_eq!(read_known(&path, Some(3)).unwrap(), "Школа".as_bytes());
        assert_eq!(read_known(&path, Some(100)).unwrap(), "Школа".as_bytes());
        assert_eq!(read_known(&path, None).unwrap(), "Школа".as_bytes());
    }
}
