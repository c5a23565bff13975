//! A small static file server for previewing a build on this computer (loopback by default),
//! with the content types calendar clients and browsers expect, and live reload: every HTML page
//! it sends gets one script that waits for the next rebuild and reloads the page, or shows the
//! build's problems over it. The script exists only in what the server sends; the built files
//! on disk never contain it.

pub mod live;
pub mod watch;

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::error::Error;
use live::LiveState;

/// Where the server's own files live; no school slug starts with `_`, so no page can be there.
const LIVE_SCRIPT: &str = "/__spravka/live.js";
const POLL: &str = "/__spravka/poll";
/// How long a poll is held open without news (browsers and proxies give up after a minute).
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// A running server; `run` answers requests until the process ends.
pub struct Preview {
    server: Server,
    root: PathBuf,
    live: Arc<LiveState>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Preview {
    pub fn bind(root: &Path, addr: SocketAddr, live: Arc<LiveState>) -> Result<Preview, Error> {
        let server = Server::http(addr).map_err(|error| Error::Usage {
            message: format!("cannot listen on {addr}: {error}"),
            hint: Some("choose another port with --port".into()),
        })?;
        Ok(Preview {
            server,
            root: root.to_path_buf(),
            live,
        })
    }

    /// The address actually bound (the port is chosen by the system for port 0).
    pub fn address(&self) -> String {
        self.server.server_addr().to_string()
    }

    /// Answer requests until the process ends. A poll waits in a thread of its own, so that a
    /// browser waiting for the next rebuild does not hold up the pages.
    pub fn run(&self) {
        for request in self.server.incoming_requests() {
            if path_of(request.url()) == POLL {
                let live = Arc::clone(&self.live);
                std::thread::spawn(move || poll(&live, request));
            } else {
                let _ = respond(&self.root, request);
            }
        }
    }
}

fn respond(root: &Path, request: Request) -> std::io::Result<()> {
    if path_of(request.url()) == LIVE_SCRIPT {
        let script = include_str!("live.js");
        return request.respond(
            Response::from_string(script).with_header(content_type_header(Path::new("live.js"))),
        );
    }
    let Some(path) = resolve(root, request.url()) else {
        return request.respond(not_found());
    };
    if content_type(&path).starts_with("text/html") {
        return match std::fs::read(&path) {
            Ok(page) => request.respond(
                Response::from_data(with_live_script(&page))
                    .with_header(content_type_header(&path)),
            ),
            Err(_) => request.respond(not_found()),
        };
    }
    match File::open(&path) {
        Ok(file) => {
            request.respond(Response::from_file(file).with_header(content_type_header(&path)))
        }
        Err(_) => request.respond(not_found()),
    }
}

/// Answer a browser's "anything after generation N?" (`?since=N`; without it, at once).
fn poll(live: &LiveState, request: Request) {
    let since = request
        .url()
        .split_once("since=")
        .and_then(|(_, n)| n.split('&').next()?.parse::<u64>().ok());
    let snapshot = match since {
        Some(seen) => live.wait_past(seen, POLL_TIMEOUT),
        None => live.current(),
    };
    let body = serde_json::to_string(&snapshot).expect("a snapshot serializes");
    let header = content_type_header(Path::new("poll.json"));
    let no_store = Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
    let _ = request.respond(
        Response::from_string(body)
            .with_header(header)
            .with_header(no_store),
    );
}

/// A page for a missing file, with the live script: after a failed first build the overlay
/// shows why there is nothing to see, and the page reloads once there is.
fn not_found() -> Response<std::io::Cursor<Vec<u8>>> {
    let page = "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Страница не найдена</title></head>\
        <body><main><h1>Страница не найдена</h1>\
        <p>Такого файла нет в собранном сайте.</p></main></body></html>\n";
    Response::from_data(with_live_script(page.as_bytes()))
        .with_status_code(StatusCode(404))
        .with_header(content_type_header(Path::new("404.html")))
}

/// `page` with the live-reload script before its last `</body>` (at the end if it has none).
pub fn with_live_script(page: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT}\" defer></script>");
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

fn content_type_header(path: &Path) -> Header {
    Header::from_bytes("Content-Type", content_type(path)).expect("a valid header")
}

/// The file a URL path names inside `root`: folders serve their index.html; nothing outside `root`.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let relative = Path::new(path_of(url).trim_start_matches('/'));
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
    fn the_live_script_goes_before_the_last_body_end() {
        let page = b"<body><pre></body></pre></body>\n";
        assert_eq!(
            String::from_utf8(with_live_script(page)).unwrap(),
            "<body><pre></body></pre><script src=\"/__spravka/live.js\" defer></script></body>\n"
        );
        assert_eq!(
            String::from_utf8(with_live_script(b"<p>x")).unwrap(),
            "<p>x<script src=\"/__spravka/live.js\" defer></script>"
        );
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
