//! The file a request's path names inside the output folder, found without ever leaving it:
//! the path is decoded once and every part must be a plain name (no `..`, no dot-file or
//! dot-folder such as `.spravka/`, no slash, backslash or NUL hidden in an escape), no symbolic
//! link below the output folder is followed, and only regular files are opened. A build never
//! writes a link, so refusing every one costs nothing and leaves no link to reason about.

use std::fs::{File, Metadata};
use std::io;
use std::path::{Component, Path, PathBuf};

/// What a request's path names.
#[derive(Debug)]
pub enum Found {
    /// A regular file of the output, open for reading.
    File {
        file: File,
        len: u64,
        /// Its path, for its content type.
        path: PathBuf,
    },
    /// A folder named without its final slash: the path to send the browser to instead, so
    /// that the relative links of its index page work.
    Folder(String),
    /// Nothing servable: missing, outside, internal, a link, or not a regular file.
    Missing,
}

/// Look up `url_path` (the path of a request, still percent-encoded) inside `root`.
pub fn find(root: &Path, url_path: &str) -> Found {
    let Some(names) = names_of(url_path) else {
        return Found::Missing;
    };
    let Some((mut path, meta)) = walk(root, &names) else {
        return Found::Missing;
    };
    if meta.is_dir() {
        if !names.is_empty() && !url_path.ends_with('/') {
            return Found::Folder(folder_location(&names));
        }
        path.push("index.html");
    } else if url_path.ends_with('/') {
        return Found::Missing;
    }
    match open_regular(&path) {
        Ok((file, len)) => Found::File { file, len, path },
        Err(_) => Found::Missing,
    }
}

/// The decoded names of a path's parts (empty parts, as in `a//b`, are skipped), or `None` if
/// any part is not a plain name or the path is not valid percent-encoded UTF-8.
fn names_of(url_path: &str) -> Option<Vec<String>> {
    let rest = url_path.strip_prefix('/')?;
    let parts = rest.split('/').filter(|part| !part.is_empty());
    let names: Vec<String> = parts.map(decode).collect::<Option<_>>()?;
    names.iter().all(|name| is_plain(name)).then_some(names)
}

/// `%XX` escapes decoded once (so `%252e` stays the three characters `%2e`).
fn decode(part: &str) -> Option<String> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A name that is one ordinary path part on every system and not hidden: no dot first (this
/// covers `.`, `..`, the build's `.spravka/` records and `.spravka-staging-*` folders), no
/// separator of any system, no NUL or other control character.
fn is_plain(name: &str) -> bool {
    !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
        && matches!(
            Path::new(name).components().collect::<Vec<_>>().as_slice(),
            [Component::Normal(_)]
        )
}

/// Follow `names` down from `root`, refusing any part that is a symbolic link: the path
/// reached and what it is. `root` itself may be a link (the user chose it).
fn walk(root: &Path, names: &[String]) -> Option<(PathBuf, Metadata)> {
    let mut path = root.to_path_buf();
    let mut meta = std::fs::metadata(root).ok()?;
    for name in names {
        if !meta.is_dir() {
            return None;
        }
        path.push(name);
        meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    Some((path, meta))
}

/// Open `path` if it is a regular file, without following a link in its last part (in case
/// one replaced the file since it was looked at) and without waiting on a FIFO.
fn open_regular(path: &Path) -> io::Result<(File, u64)> {
    let file = open_no_follow(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    Ok((file, meta.len()))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    File::open(path)
}

/// `/a/b/` for the names `a`, `b`, escaped again for a `Location` header.
fn folder_location(names: &[String]) -> String {
    let mut location = String::from("/");
    for name in names {
        for byte in name.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                location.push(char::from(byte));
            } else {
                location.push_str(&format!("%{byte:02X}"));
            }
        }
        location.push('/');
    }
    location
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("osh/calendar")).unwrap();
        std::fs::write(root.path().join("index.html"), "all").unwrap();
        std::fs::write(root.path().join("osh/index.html"), "osh").unwrap();
        std::fs::write(root.path().join("osh/calendar/all.ics"), "ics").unwrap();
        root
    }

    fn path_of(found: Found) -> Option<PathBuf> {
        match found {
            Found::File { path, .. } => Some(path),
            _ => None,
        }
    }

    #[test]
    fn files_and_folders_are_found_and_a_folder_without_its_slash_is_redirected() {
        let root = site();
        let at = |url| path_of(find(root.path(), url));
        assert_eq!(at("/"), Some(root.path().join("index.html")));
        assert_eq!(at("/osh/"), Some(root.path().join("osh/index.html")));
        assert_eq!(
            at("//osh//calendar/all.ics"),
            Some(root.path().join("osh/calendar/all.ics"))
        );
        assert_eq!(
            at("/%6Fsh/index.html"),
            Some(root.path().join("osh/index.html"))
        );
        assert_eq!(at("/osh/index.html/"), None);
        assert!(matches!(find(root.path(), "/osh"), Found::Folder(to) if to == "/osh/"));
    }

    #[test]
    fn no_name_leaves_the_root_or_reaches_a_hidden_file() {
        for url in [
            "/..",
            "/../x",
            "/%2e%2e/x",
            "/%2E%2e/x",
            "/.%2e/x",
            "/a%2f..%2fx",
            "/..%5cx",
            "/%5c",
            "/a%00",
            "/%00",
            "/.spravka/osh.json",
            "/.spravka-staging-1/osh/",
            "/osh/.draft.html",
            "/%",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "relative",
            "/a:b",
            "/%0a",
        ] {
            assert_eq!(names_of(url), None, "{url}");
        }
        assert_eq!(
            names_of("/%252e%252e/x"),
            Some(vec!["%2e%2e".into(), "x".into()])
        );
        assert_eq!(names_of("/%D0%B0.html"), Some(vec!["а.html".into()]));
    }

    #[cfg(unix)]
    #[test]
    fn no_symbolic_link_is_followed_and_only_regular_files_are_opened() {
        let root = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, root.path().join(name)).unwrap();
        };
        link(&outside.path().join("secret"), "secret.html");
        link(outside.path(), "away");
        link(&root.path().join("osh/index.html"), "osh/inside.html");
        link(&root.path().join("osh"), "osh-again");
        for url in [
            "/secret.html",
            "/away/secret",
            "/away/",
            "/osh/inside.html",
            "/osh-again/",
        ] {
            assert!(matches!(find(root.path(), url), Found::Missing), "{url}");
        }
        std::fs::create_dir(root.path().join("empty")).unwrap();
        assert!(matches!(find(root.path(), "/empty/"), Found::Missing));
        let fifo = root.path().join("osh/fifo.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            assert!(matches!(
                find(root.path(), "/osh/fifo.html"),
                Found::Missing
            ));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_root_that_is_a_link_is_served() {
        let root = site();
        let holder = tempfile::tempdir().unwrap();
        let public = holder.path().join("public");
        std::os::unix::fs::symlink(root.path(), &public).unwrap();
        assert_eq!(
            path_of(find(&public, "/osh/")),
            Some(public.join("osh/index.html"))
        );
    }

    /// Paths built from the pieces an attacker would try, in any order and escaping.
    fn hostile_path() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("/"),
            Just("."),
            Just(".."),
            Just("%2e"),
            Just("%2E"),
            Just("%2f"),
            Just("%5c"),
            Just("\\"),
            Just("%00"),
            Just("%25"),
            Just("%c0%ae"),
            Just(":"),
            Just("~"),
            Just("a"),
            Just("osh"),
            Just(".spravka"),
            Just("%"),
            Just("%0a"),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| format!("/{}", pieces.concat()))
    }

    proptest::proptest! {
        #[test]
        fn decoded_names_never_climb_or_hide(url in hostile_path()) {
            if let Some(names) = names_of(&url) {
                let joined: PathBuf = names.iter().collect();
                for component in joined.components() {
                    proptest::prop_assert!(matches!(component, Component::Normal(_)), "{url}");
                }
                proptest::prop_assert!(names.iter().all(|n| !n.starts_with('.')), "{url}");
                proptest::prop_assert_eq!(joined.components().count(), names.len());
            }
        }
    }

    #[test]
    fn a_folder_location_is_escaped() {
        let names = ["осш".to_owned(), "a b".to_owned()];
        assert_eq!(folder_location(&names), "/%D0%BE%D1%81%D1%88/a%20b/");
    }
}
