//! A small static file server for previewing a build on this computer (loopback by default),
//! with the content types calendar clients and browsers expect, and live reload: every HTML page
//! it sends gets one script that waits for the next rebuild and reloads the page, or shows the
//! build's problems over it. The script exists only in what the server sends; the built files
//! on disk never contain it. It answers only requests that name this computer (`host`), serves
//! only regular files of the output that are not hidden and not reached through a link
//! (`files`), and runs one event loop (hyper on tokio), so that waiting polls, many
//! connections or a client that reads nothing cost no thread and hold up no one (`io`).

pub mod live;
pub mod watch;

mod files;
mod host;
mod io;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::runtime::Runtime;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::Error;
use crate::locale::{self, t};
use files::Found;
use host::Hosts;
use io::{Body, WriteDeadline};
use live::LiveState;

/// Where the server's own files live; no school slug starts with `_`, so no page can be there.
const LIVE_SCRIPT: &str = "/__spravka/live.js";
const POLL: &str = "/__spravka/poll";
/// How long a poll is held open without news (browsers and proxies give up after a minute).
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// Connections open at once; more wait in the system's queue until one closes. Each costs a
/// few kilobytes and a file descriptor, so a thousand waiting polls fit with room for pages.
const MAX_CONNECTIONS: usize = 2048;
/// A connection that sends no request, or takes no byte of a response, for this long is closed.
const IDLE: Duration = Duration::from_secs(30);
/// Threads that look up, open and read files, so that the event loop never waits on the disk.
const FILE_THREADS: usize = 4;

/// A bound server; `run` answers requests until the process ends. One thread runs an event
/// loop for every connection (pages, long polls, slow clients alike) and a few more read files.
#[derive(Debug)]
pub struct Preview {
    runtime: Runtime,
    listener: TcpListener,
    address: SocketAddr,
    site: Arc<Site>,
}

/// What every request may see: the output folder, the live state, the names to answer to.
#[derive(Debug)]
struct Site {
    root: PathBuf,
    live: Arc<LiveState>,
    hosts: Hosts,
}

impl Preview {
    pub fn bind(root: &Path, addr: SocketAddr, live: Arc<LiveState>) -> Result<Preview, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(FILE_THREADS)
            .thread_name("spravka-serve")
            .build()
            .map_err(|source| Error::Io {
                action: "start the preview server for",
                path: root.to_path_buf(),
                source,
            })?;
        let failed = |error: std::io::Error| Error::Usage {
            message: t!(
                "serve-cannot-listen",
                address = addr.to_string(),
                error = error.to_string()
            ),
            hint: Some(t!("serve-cannot-listen-hint")),
        };
        let listener = {
            let _inside = runtime.enter();
            listen(addr).map_err(failed)?
        };
        let address = listener.local_addr().map_err(failed)?;
        let site = Site {
            root: root.to_path_buf(),
            live,
            hosts: Hosts::new(address),
        };
        Ok(Preview {
            runtime,
            listener,
            address,
            site: Arc::new(site),
        })
    }

    /// The address actually bound (the port is chosen by the system for port 0).
    pub fn address(&self) -> String {
        self.address.to_string()
    }

    /// Answer requests until the process ends.
    pub fn run(self) {
        let Preview {
            runtime,
            listener,
            site,
            ..
        } = self;
        runtime.block_on(accept(listener, site));
    }
}

/// A listening socket on `addr` whose queue holds a burst of new connections (the standard
/// library's `bind` queues 128; the load test opens 200 at once).
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // A preview stopped and started again takes its port back at once, as `bind` would.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

async fn accept(listener: TcpListener, site: Arc<Site>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    while let Ok(slot) = Arc::clone(&slots).acquire_owned().await {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, Arc::clone(&site), slot));
            }
            // Out of file descriptors, most likely: give closing connections time to free some
            // instead of spinning on the same error.
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// One client's connection, kept alive between requests as HTTP/1.1 (and an HTTP/1.0 client
/// that asks) expects, and closed after `IDLE` without a request or without progress.
async fn connection(stream: TcpStream, site: Arc<Site>, _slot: OwnedSemaphorePermit) {
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(WriteDeadline::new(stream, IDLE));
    let service = service_fn(move |request| {
        let site = Arc::clone(&site);
        async move { Ok::<_, Infallible>(site.answer(request).await) }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(IDLE)
        .serve_connection(io, service);
    // A client that goes away or stalls mid-response ends its own connection, nothing more.
    let _ = served.await;
}

impl Site {
    async fn answer(&self, request: Request<Incoming>) -> Response<Body> {
        if !self.is_named(&request) {
            return refused();
        }
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "GET or HEAD only\n");
            let allow = HeaderValue::from_static("GET, HEAD");
            response.headers_mut().insert(header::ALLOW, allow);
            return response;
        }
        match request.uri().path() {
            LIVE_SCRIPT => respond(
                StatusCode::OK,
                content_type(Path::new("live.js")),
                Body::memory(live_script()),
            ),
            POLL => self.poll(request.uri().query()).await,
            path => self.file(path.to_owned()).await,
        }
    }

    /// Whether the request names this server (see `host`): its one `Host`, and the authority
    /// of an absolute request target if it has one. Only HTTP/1.0 may name no host at all; a
    /// browser always sends one, so this cannot open the door to a rebinding page.
    fn is_named(&self, request: &Request<Incoming>) -> bool {
        let mut values = request.headers().get_all(header::HOST).iter();
        let (host, another) = (values.next(), values.next());
        if another.is_some() {
            return false;
        }
        let host = host.map(|value| value.to_str().is_ok_and(|host| self.hosts.allows(host)));
        let target =
            (request.uri().authority()).map(|authority| self.hosts.allows(authority.as_str()));
        match (host, target) {
            (None, None) => request.version() < Version::HTTP_11,
            (host, target) => host.unwrap_or(true) && target.unwrap_or(true),
        }
    }

    /// Answer a browser's "anything after generation N?" (`?since=N`; without it, at once).
    async fn poll(&self, query: Option<&str>) -> Response<Body> {
        let since = query.and_then(|query| {
            let value = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("since="))?;
            value.parse::<u64>().ok()
        });
        let snapshot = match since {
            Some(seen) => self.live.wait_past(seen, POLL_TIMEOUT).await,
            None => self.live.current(),
        };
        // A struct of a number and a string always serializes; an empty body would only make
        // the browser ask again.
        let body = serde_json::to_vec(&snapshot).unwrap_or_default();
        let mut response = respond(StatusCode::OK, "application/json", Body::memory(body));
        let no_store = HeaderValue::from_static("no-store");
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, no_store);
        response
    }

    /// A file of the output; pages get the live script. The disk is read in a file thread.
    async fn file(&self, url_path: String) -> Response<Body> {
        let root = self.root.clone();
        let loaded = tokio::task::spawn_blocking(move || load(&root, &url_path)).await;
        match loaded.unwrap_or(Loaded::Missing) {
            Loaded::Page(page) => respond(
                StatusCode::OK,
                content_type(Path::new("index.html")),
                Body::memory(with_live_script(&page)),
            ),
            Loaded::File { file, len, kind } => {
                respond(StatusCode::OK, kind, Body::file(file, len))
            }
            Loaded::Folder(location) => redirect(&location),
            Loaded::Missing => not_found(),
        }
    }
}

/// A file as it will be sent: a page is read whole (the script goes in before `</body>`), any
/// other file is read as the client takes it.
enum Loaded {
    Page(Vec<u8>),
    File {
        file: std::fs::File,
        len: u64,
        kind: &'static str,
    },
    Folder(String),
    Missing,
}

fn load(root: &Path, url_path: &str) -> Loaded {
    match files::find(root, url_path) {
        Found::File {
            mut file,
            len,
            path,
        } => {
            let kind = content_type(&path);
            if !kind.starts_with("text/html") {
                return Loaded::File { file, len, kind };
            }
            let mut page = Vec::new();
            match std::io::Read::read_to_end(&mut file, &mut page) {
                Ok(_) => Loaded::Page(page),
                Err(_) => Loaded::Missing,
            }
        }
        Found::Folder(location) => Loaded::Folder(location),
        Found::Missing => Loaded::Missing,
    }
}

/// A response with the headers every answer carries: its type, no sniffing of another type,
/// no reuse of a stale copy (the next rebuild may change any file), and no use by a page of
/// another site (which could otherwise embed the poll's answer or a page as a resource).
fn respond(status: StatusCode, kind: &'static str, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let same_origin = HeaderValue::from_static("same-origin");
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        same_origin,
    );
    response
}

/// The answer to a request that names another host: no page, no poll, no script.
fn refused() -> Response<Body> {
    let text = "This is Spravka's preview server. It answers only requests that name this \
        computer (localhost, 127.0.0.1, [::1] or the address given to --address) with its \
        port; this one named another host, as a page of another site would.\n";
    plain(StatusCode::FORBIDDEN, text)
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    respond(status, "text/plain; charset=utf-8", Body::memory(text))
}

/// Send the browser to `location` (a folder's path with its final slash).
fn redirect(location: &str) -> Response<Body> {
    let Ok(value) = HeaderValue::from_str(location) else {
        return not_found();
    };
    let mut response = plain(StatusCode::PERMANENT_REDIRECT, "");
    response.headers_mut().insert(header::LOCATION, value);
    response
}

/// The line of live.js that holds the overlay's words in English; served, it holds them in the
/// language of the messages.
const LIVE_WORDS: &str = r#"var WORDS = { lang: "en", title: "The build failed: this page shows the last good build", hide: "Hide" };"#;

/// live.js with the overlay's words in the language of the messages.
fn live_script() -> String {
    let words = serde_json::json!({
        "lang": locale::current().code(),
        "title": t!("serve-overlay-title"),
        "hide": t!("serve-overlay-hide"),
    });
    include_str!("live.js").replacen(LIVE_WORDS, &format!("var WORDS = {words};"), 1)
}

/// A page for a missing file, with the live script: after a failed first build the overlay
/// shows why there is nothing to see, and the page reloads once there is.
fn not_found() -> Response<Body> {
    let page = "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Страница не найдена</title></head>\
        <body><main><h1>Страница не найдена</h1>\
        <p>Такого файла нет в собранном сайте.</p></main></body></html>\n";
    respond(
        StatusCode::NOT_FOUND,
        content_type(Path::new("404.html")),
        Body::memory(with_live_script(page.as_bytes())),
    )
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
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_overlay_speaks_the_language_of_the_messages() {
        assert!(
            include_str!("live.js").contains(LIVE_WORDS),
            "the line to replace"
        );
        let russian = locale::with(locale::Lang::Ru, live_script);
        assert!(russian.contains(r#""lang":"ru""#), "{russian}");
        assert!(russian.contains("Сборка не удалась") && russian.contains("Скрыть"));
        assert!(!russian.contains("The build failed"));
        let english = locale::with(locale::Lang::En, live_script);
        assert!(
            english.contains(r#""title":"The build failed: this page shows the last good build""#)
        );
    }

    #[test]
    fn the_live_script_inserts_build_problems_as_text_never_as_html() {
        let script = include_str!("live.js");
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!script.contains(sink), "live.js uses {sink}");
        }
        assert!(script.contains(".textContent = error"));
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
