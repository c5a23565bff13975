//! A small static file server for previewing a build on this computer (loopback by default),
//! with the content types calendar clients and browsers expect.

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::error::Error;

/// A running server; `run` answers requests until the process ends.
pub struct Preview {
    server: Server,
    root: PathBuf,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Preview {
    pub fn bind(root: &Path, addr: SocketAddr) -> Result<Preview, Error> {
        let server = Server::http(addr).map_err(|error| Error::Usage {
            message: format!("cannot listen on {addr}: {error}"),
            hint: Some("choose another port with --port".into()),
        })?;
        Ok(Preview {
            server,
            root: root.to_path_buf(),
        })
    }

    /// The address actually bound (the port is chosen by the system for port 0).
    pub fn address(&self) -> String {
        self.server.server_addr().to_string()
    }

    pub fn run(&self) {
        for request in self.server.incoming_requests() {
            let _ = respond(&self.root, request);
        }
    }
}

fn respond(root: &Path, request: Request) -> std::io::Result<()> {
    let Some(path) = resolve(root, request.url()) else {
        return request
            .respond(Response::from_string("not found").with_status_code(StatusCode(404)));
    };
    match File::open(&path) {
        Ok(file) => {
            let header =
                Header::from_bytes("Content-Type", content_type(&path)).expect("a valid header");
            request.respond(Response::from_file(file).with_header(header))
        }
        Err(_) => {
            request.respond(Response::from_string("not found").with_status_code(StatusCode(404)))
        }
    }
}

/// The file a URL path names inside `root`: folders serve their index.html; nothing outside `root`.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut full = root.join(relative);
    if full.is_dir() {
        full = full.join("index.html");
    }
    full.is_file().then_some(full)
}

/// Content types by extension; `.ics` is `text/calendar; charset=utf-8`, as calendar clients want.
pub fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "vcf" => "text/vcard; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_folders_and_refuses_to_leave_the_root() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("a")).unwrap();
        std::fs::write(root.path().join("a/index.html"), "x").unwrap();
        assert_eq!(
            resolve(root.path(), "/a/"),
            Some(root.path().join("a/index.html"))
        );
        assert_eq!(
            resolve(root.path(), "/a/index.html?x=1"),
            Some(root.path().join("a/index.html"))
        );
        assert_eq!(resolve(root.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(root.path(), "/missing"), None);
    }

    #[test]
    fn calendars_are_text_calendar_utf8() {
        assert_eq!(
            content_type(Path::new("calendar/all.ics")),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }
}
