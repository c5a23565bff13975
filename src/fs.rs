//! File system calls that name the path in every error, and the one safe way to read an input:
//! regular files only, never through a link that leaves the project, never more than a limit.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

mod new_folder;

pub use new_folder::NewFolder;

use crate::error::Error;

pub(crate) fn context<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Read a file of Spravka's own (in the output folder); the project's inputs are read with
/// `read_input` instead.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(context(path, "read"))
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

/// The largest input files read, in bytes: a larger file is refused before it fills memory.
pub mod limits {
    /// `school.toml`, platform presets, calendar years, a theme's translations.
    pub const TOML: u64 = 4 << 20;
    /// A FAQ article (front matter and Markdown).
    pub const ARTICLE: u64 = 10 << 20;
    /// A theme template.
    pub const TEMPLATE: u64 = 4 << 20;
    /// A theme's static file (styles, scripts, images, fonts).
    pub const ASSET: u64 = 64 << 20;
}

/// Why an input was not read: something in the project that Spravka will not read, as opposed
/// to a failure of the system (those are `Error::Io`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A named pipe, socket or device: reading it could block forever or never end.
    Special(&'static str),
    /// A folder where a file belongs.
    Folder,
    /// The symbolic link `link` (the first on the way) leads out of the root folder.
    Outside { link: PathBuf },
    /// A symbolic link to nothing.
    Broken,
    /// Longer than `limit` bytes.
    TooLarge { limit: u64 },
}

/// A failed read of an input: refused (a problem of the project) or failed (of the system).
#[derive(Debug)]
pub enum ReadError {
    Refused(Refusal),
    Failed(Error),
}

impl From<Error> for ReadError {
    fn from(error: Error) -> Self {
        ReadError::Failed(error)
    }
}

impl From<Refusal> for ReadError {
    fn from(refusal: Refusal) -> Self {
        ReadError::Refused(refusal)
    }
}

/// The folder that every input must stay inside (the project, or a `--theme` folder), resolved
/// once: a link is followed only when its target is inside.
#[derive(Debug, Clone)]
pub struct Root {
    /// What the folder is, for messages: "the project folder".
    pub name: &'static str,
    /// The folder as given, which the paths of its inputs start with.
    given: PathBuf,
    /// The folder with every link resolved.
    real: PathBuf,
    /// The folder itself, opened once (Linux): inputs are opened beneath it, the kernel refusing
    /// any way out (see `beneath`). `None` when it could not be opened.
    #[cfg(target_os = "linux")]
    dir: Option<std::sync::Arc<std::os::fd::OwnedFd>>,
}

impl Root {
    pub fn new(given: impl Into<PathBuf>, name: &'static str) -> Root {
        let given = given.into();
        let real = std::fs::canonicalize(&given).unwrap_or_else(|_| given.clone());
        Root {
            name,
            #[cfg(target_os = "linux")]
            dir: beneath::open_root(&given).map(std::sync::Arc::new),
            given,
            real,
        }
    }

    pub fn path(&self) -> &Path {
        &self.given
    }

    fn contains(&self, real: &Path) -> bool {
        real.starts_with(&self.real)
    }
}

/// Read the input file at `path` (inside `root`): a regular file of at most `limit` bytes,
/// reached through no link that leads out of `root`. The type and size are taken from the opened
/// file itself, so a file swapped after a check cannot slip through.
pub fn read_input(root: &Root, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_input(root, path)?;
    let meta = file.metadata().map_err(context(path, "read"))?;
    check_type(&meta)?;
    if meta.len() > limit {
        return Err(Refusal::TooLarge { limit }.into());
    }
    // Read at most one byte past the limit: a file that grows while read is caught too, and
    // through `Take` the read cannot ask the file system for the size again.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(context(path, "read"))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { limit }.into());
    }
    Ok(bytes)
}

/// Whether the folder `dir` of inputs (whose parent the caller has checked) may be listed:
/// `Ok(false)` when it does not exist or is not a folder, a refusal when it is a link that
/// leads out of `root`.
pub fn input_folder(root: &Root, dir: &Path) -> Result<bool, ReadError> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(context(dir, "list folder")(error).into()),
    };
    if !meta.file_type().is_symlink() {
        return Ok(meta.is_dir());
    }
    let Ok(real) = std::fs::canonicalize(dir) else {
        return Ok(false);
    };
    if !root.contains(&real) {
        return Err(Refusal::Outside {
            link: first_link(root, dir),
        }
        .into());
    }
    Ok(real.is_dir())
}

fn check_type(meta: &Metadata) -> Result<(), Refusal> {
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(Refusal::Folder)
    } else {
        Err(Refusal::Special(special_kind(meta)))
    }
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "not a regular file"
}

/// Open `path` for reading, only when it is inside `root` however it is reached. On Linux the
/// kernel checks that in the open itself (`beneath`); where it cannot, or refuses, the checks
/// below decide (and name what is refused).
fn open_input(root: &Root, path: &Path) -> Result<File, ReadError> {
    #[cfg(target_os = "linux")]
    if let Some(file) = beneath::open(root, path) {
        return Ok(file);
    }
    open_checked(root, path)
}

/// Open `path` for reading without following a link in its last part; when that part is a
/// link, resolve it first and open its target only when it is inside `root`.
fn open_checked(root: &Root, path: &Path) -> Result<File, ReadError> {
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(error) if !is_link(path) => return Err(open_failed(path, path, error)),
        Err(_) => {
            let Ok(target) = std::fs::canonicalize(path) else {
                return Err(Refusal::Broken.into());
            };
            if !root.contains(&target) {
                return Err(Refusal::Outside {
                    link: first_link(root, path),
                }
                .into());
            }
            open_no_follow(&target).map_err(|error| open_failed(path, &target, error))?
        }
    };
    // A folder above the file may be a link too: where the open file really is decides.
    match real_path(&file, path) {
        Some(real) if root.contains(&real) => Ok(file),
        _ => Err(Refusal::Outside {
            link: first_link(root, path),
        }
        .into()),
    }
}

/// Why `target` (reached from `path`) could not be opened: a socket cannot be opened at all, so
/// its type is looked up; anything else is a failure of the system.
fn open_failed(path: &Path, target: &Path, error: io::Error) -> ReadError {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() && !meta.file_type().is_symlink() => {
            Refusal::Special(special_kind(&meta)).into()
        }
        _ => context(path, "read")(error).into(),
    }
}

/// Whether `path` itself is a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// `O_NONBLOCK` so that opening a named pipe returns at once (its type is then refused), and
/// `O_NOCTTY` so that a terminal device cannot become the controlling terminal.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Where the open `file` really is. Linux names it for the open descriptor (one call, and no
/// race with a rename); elsewhere the path is resolved again.
fn real_path(file: &File, path: &Path) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{fd}")) {
            return Some(real);
        }
    }
    let _ = file;
    std::fs::canonicalize(path).ok()
}

/// Inputs opened with `openat2(RESOLVE_BENEATH)` relative to the root folder: the kernel resolves
/// every link on the way and fails the open when any step leaves the folder (`..` above it, an
/// absolute link, a link out). One call instead of an open plus a `readlink` of
/// `/proc/self/fd` to learn where the file really is; 26,000 inputs at 1,000 schools.
#[cfg(target_os = "linux")]
mod beneath {
    use std::fs::File;
    use std::os::fd::OwnedFd;
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, Ordering};

    use rustix::fs::{Mode, OFlags, ResolveFlags};
    use rustix::io::Errno;

    use super::Root;

    /// Set when the kernel has no `openat2` (before Linux 5.6): every open takes the checks.
    static UNAVAILABLE: AtomicBool = AtomicBool::new(false);

    /// A handle on the folder `given` (links followed: a root given through a link is the
    /// folder it leads to, as `Root::real` is).
    pub(super) fn open_root(given: &Path) -> Option<OwnedFd> {
        let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        rustix::fs::open(given, flags, Mode::empty()).ok()
    }

    /// The input `path` opened beneath `root`, with the same flags as `open_no_follow` except
    /// that a link in the last part is followed (the kernel keeps it inside). `None` when this
    /// cannot tell (no handle, a path outside `root.given`, no `openat2`) or the open fails for
    /// any reason, refusals included: the caller's checks then decide and say why.
    pub(super) fn open(root: &Root, path: &Path) -> Option<File> {
        let dir = root.dir.as_ref()?;
        let relative = path.strip_prefix(&root.given).ok()?;
        if relative.as_os_str().is_empty() || UNAVAILABLE.load(Ordering::Relaxed) {
            return None;
        }
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
        match rustix::fs::openat2(dir.as_ref(), relative, flags, Mode::empty(), resolve) {
            Ok(fd) => Some(File::from(fd)),
            Err(Errno::NOSYS) => {
                UNAVAILABLE.store(true, Ordering::Relaxed);
                None
            }
            Err(_) => None,
        }
    }
}

/// The first symbolic link on the way from `root` to `path`, for messages that name it; `path`
/// itself when none is found (it changed meanwhile).
fn first_link(root: &Root, path: &Path) -> PathBuf {
    let Ok(relative) = path.strip_prefix(&root.given) else {
        return path.to_path_buf();
    };
    let mut at = root.given.clone();
    for part in relative.components() {
        at.push(part);
        if is_link(&at) {
            return at;
        }
    }
    path.to_path_buf()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn root_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Root) {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let root = Root::new(dir.path(), "the test folder");
        (dir, root)
    }

    fn refusal(result: Result<Vec<u8>, ReadError>) -> Refusal {
        match result {
            Err(ReadError::Refused(refusal)) => refusal,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let (dir, root) = root_with(&[("a.md", "Школа".as_bytes())]);
        let path = dir.path().join("a.md");
        assert_eq!(read_input(&root, &path, 10).unwrap(), "Школа".as_bytes());
        assert_eq!(
            refusal(read_input(&root, &path, 9)),
            Refusal::TooLarge { limit: 9 }
        );
    }

    #[test]
    fn follows_links_that_stay_inside_and_refuses_the_others() {
        let (dir, root) = root_with(&[("shared/a.md", b"a"), ("b/x.md", b"x")]);
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let link = dir.path().join("b/inside.md");
        std::os::unix::fs::symlink("../shared/a.md", &link).unwrap();
        assert_eq!(read_input(&root, &link, 10).unwrap(), b"a");
        let out = dir.path().join("b/out.md");
        std::os::unix::fs::symlink(outside.path().join("secret.md"), &out).unwrap();
        assert_eq!(
            refusal(read_input(&root, &out, 10)),
            Refusal::Outside { link: out.clone() }
        );
        let folder = dir.path().join("linked");
        std::os::unix::fs::symlink(outside.path(), &folder).unwrap();
        assert_eq!(
            refusal(read_input(&root, &folder.join("secret.md"), 10)),
            Refusal::Outside {
                link: folder.clone()
            }
        );
        assert!(matches!(
            input_folder(&root, &folder),
            Err(ReadError::Refused(Refusal::Outside { .. }))
        ));
        assert!(input_folder(&root, &dir.path().join("b")).unwrap());
    }

    #[test]
    fn a_root_given_through_a_link_holds_its_own_files() {
        let (dir, _) = root_with(&[("project/a.md", b"a")]);
        let alias = dir.path().join("alias");
        std::os::unix::fs::symlink(dir.path().join("project"), &alias).unwrap();
        let root = Root::new(&alias, "the project folder");
        assert_eq!(read_input(&root, &alias.join("a.md"), 10).unwrap(), b"a");
    }

    /// The kernel's check alone (no fallback) opens what stays inside and nothing that leaves.
    #[test]
    #[cfg(target_os = "linux")]
    fn the_open_beneath_the_root_never_leaves_it() {
        let (dir, root) = root_with(&[("shared/a.md", b"a"), ("b/x.md", b"x")]);
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let read = |path: &Path| {
            let mut text = String::new();
            beneath::open(&root, path).map(|mut file| {
                file.read_to_string(&mut text).unwrap();
                text
            })
        };
        assert_eq!(read(&dir.path().join("b/x.md")).as_deref(), Some("x"));
        std::os::unix::fs::symlink("../shared/a.md", dir.path().join("b/in.md")).unwrap();
        assert_eq!(read(&dir.path().join("b/in.md")).as_deref(), Some("a"));
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            dir.path().join("b/out.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
        let relative_out = Path::new("../").join(outside.path().strip_prefix("/").unwrap());
        let depth = dir.path().components().count() - 1;
        let up = "../".repeat(depth);
        std::os::unix::fs::symlink(Path::new(&up).join(&relative_out), dir.path().join("up"))
            .unwrap();
        for escape in ["b/out.md", "linked/secret.md", "up/secret.md", "../x.md"] {
            assert_eq!(read(&dir.path().join(escape)), None, "{escape}");
        }
        assert_eq!(read(&outside.path().join("secret.md")), None);
    }

    #[test]
    fn refuses_pipes_devices_folders_and_broken_links() {
        let (dir, root) = root_with(&[]);
        let fifo = dir.path().join("fifo.md");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert_eq!(
            refusal(read_input(&root, &fifo, 10)),
            Refusal::Special("a named pipe (FIFO)")
        );
        std::fs::create_dir(dir.path().join("x.md")).unwrap();
        assert_eq!(
            refusal(read_input(&root, &dir.path().join("x.md"), 10)),
            Refusal::Folder
        );
        let socket = dir.path().join("socket.md");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(
            refusal(read_input(&root, &socket, 10)),
            Refusal::Special("a socket")
        );
        let broken = dir.path().join("broken.md");
        std::os::unix::fs::symlink("nowhere.md", &broken).unwrap();
        assert_eq!(refusal(read_input(&root, &broken, 10)), Refusal::Broken);
        let device = Root::new("/dev", "the devices");
        assert_eq!(
            refusal(read_input(&device, Path::new("/dev/zero"), 10)),
            Refusal::Special("a device")
        );
    }
}
