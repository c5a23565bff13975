//! `spravka serve` against careless and hostile clients: paths that try to leave the output
//! folder, internal files, requests naming another host (DNS rebinding), many connections at
//! once, clients that read nothing, a thousand waiting polls, and HTTP/1.0. Every read has a
//! deadline, so a server that stalls fails the test instead of hanging it.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::serve::Served;
use crate::support::{Edit, Project};

const LIVE_TAG: &str = r#"<script src="/__spravka/live.js" defer></script>"#;
/// What no response may ever contain: the text of a file outside the output folder.
const SECRET: &str = "spravka-secret-7f3a9c";
const DEADLINE: Duration = Duration::from_secs(10);

/// One response: its status, its header lines and its body.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Read one response, its body framed by Content-Length (or running to the end of the
/// connection when there is none, as HTTP/1.0 allows).
fn read_reply(reader: &mut impl BufRead) -> std::io::Result<Reply> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let invalid = || std::io::Error::new(ErrorKind::InvalidData, head.clone());
    let status = (head.split(' ').nth(1)).and_then(|code| code.parse().ok());
    let mut reply = Reply {
        status: status.ok_or_else(invalid)?,
        head: head.clone(),
        body: Vec::new(),
    };
    assert_eq!(reply.header("transfer-encoding"), None, "{head}");
    match reply.header("content-length") {
        Some(length) => {
            reply.body = vec![0; length.parse().map_err(|_| invalid())?];
            reader.read_exact(&mut reply.body)?;
        }
        None => {
            reader.read_to_end(&mut reply.body)?;
        }
    }
    Ok(reply)
}

fn connect(served: &Served) -> TcpStream {
    let stream = TcpStream::connect(&served.address).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.set_write_timeout(Some(DEADLINE)).unwrap();
    stream
}

/// Send `request` as it is on a new connection and read the response.
fn send(served: &Served, request: &str) -> Reply {
    let mut stream = connect(served);
    stream.write_all(request.as_bytes()).unwrap();
    read_reply(&mut BufReader::new(stream)).unwrap_or_else(|e| panic!("{request:?}: {e}"))
}

fn get_as(served: &Served, path: &str, host: &str) -> Reply {
    send(
        served,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

fn get(served: &Served, path: &str) -> Reply {
    get_as(served, path, &served.address)
}

fn port(served: &Served) -> u16 {
    let port = served.address.rsplit(':').next().unwrap();
    port.parse().unwrap()
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    let link = link.as_ref();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn the_server_listens_on_loopback_by_default() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    assert!(
        served.address.starts_with("127.0.0.1:"),
        "{}",
        served.address
    );
}

#[cfg(unix)]
#[test]
fn no_request_reads_a_file_outside_the_output_folder() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    project.write("secret.txt", SECRET);
    let secret = project.path().join("secret.txt");
    let public = project.path().join("public");
    symlink("/etc/passwd", public.join("osh/passwd.html"));
    symlink(&secret, public.join("osh/calendar/secret.ics"));
    symlink("../secret.txt", public.join("secret.txt"));
    symlink(project.path(), public.join("outside"));
    symlink(project.path(), public.join("osh/faq/up"));
    let address = served.address.clone();
    let attempts = [
        "/../secret.txt",
        "/osh/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%5csecret.txt",
        "/..%5c..%5csecret.txt",
        "/osh/%00/../../secret.txt",
        "/secret.txt%00.html",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/osh/passwd.html",
        "/osh/calendar/secret.ics",
        "/secret.txt",
        "/outside/secret.txt",
        "/outside/",
        "/osh/faq/up/secret.txt",
        "/osh/faq/%75p/secret.txt",
    ];
    for path in attempts {
        let reply = get(&served, path);
        assert!(matches!(reply.status, 400 | 404), "{path}: {}", reply.head);
        let text = reply.text();
        assert!(!text.contains(SECRET) && !text.contains("root:"), "{path}");
    }
    let raw = [
        format!("GET /..\\secret.txt HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
        format!("GET /osh/\0/x HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
        format!(
            "GET http://{address}/../secret.txt HTTP/1.1\r\nHost: {address}\r\n\
             Connection: close\r\n\r\n"
        ),
        format!("GET /etc/passwd HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    ];
    for request in &raw {
        let reply = send(&served, request);
        assert!(
            matches!(reply.status, 400 | 404),
            "{request:?}: {}",
            reply.head
        );
        assert!(!reply.text().contains(SECRET) && !reply.text().contains("root:"));
    }
    assert_eq!(get(&served, "/osh/").status, 200, "pages are still served");
}

#[test]
fn internal_files_and_dot_folders_are_not_served() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    // A record of a school: the build also keeps its (empty) lock there, which proves nothing.
    let internal = std::fs::read_dir(project.path().join("public/.spravka")).unwrap();
    let kept = internal
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "json"));
    let kept = kept.expect("the build keeps a record of each school in .spravka/");
    let name = kept.file_name().unwrap().to_str().unwrap().to_owned();
    let record: String = std::fs::read_to_string(&kept)
        .unwrap()
        .chars()
        .take(40)
        .collect();
    project.write(
        "public/.spravka-staging-4242/osh/index.html",
        "staged-marker",
    );
    project.write("public/osh/.draft.html", "draft-marker");
    project.write("public/.hidden/page.html", "hidden-marker");
    let kept = [
        format!("/.spravka/{name}"),
        format!("/%2espravka/{name}"),
        format!("/osh/../.spravka/{name}"),
    ];
    let others = [
        "/.spravka/",
        "/.spravka",
        "/.spravka-staging-4242/osh/index.html",
        "/.spravka-staging-4242/osh/",
        "/osh/.draft.html",
        "/osh/%2edraft.html",
        "/.hidden/page.html",
    ];
    let attempts = kept.iter().map(String::as_str).chain(others);
    for path in attempts {
        let reply = get(&served, path);
        assert_eq!(reply.status, 404, "{path}: {}", reply.head);
        let text = reply.text();
        assert!(!text.contains(&record), "{path}: {text}");
        for marker in ["staged-marker", "draft-marker", "hidden-marker"] {
            assert!(!text.contains(marker), "{path}: {text}");
        }
    }
}

#[test]
fn a_request_naming_another_host_is_refused() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let port = port(&served);
    let good = [
        served.address.clone(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ];
    for host in &good {
        let page = get_as(&served, "/osh/", host);
        assert_eq!(page.status, 200, "{host}: {}", page.head);
        assert!(page.text().contains("<h1>"), "{host}");
        let poll = get_as(&served, "/__spravka/poll", host);
        assert!(poll.text().contains("\"generation\""), "{host}");
    }
    let bad = [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        "localhost".to_owned(),
        format!("127.0.0.1:{port}@evil.example"),
        String::new(),
    ];
    for host in &bad {
        for path in ["/osh/", "/__spravka/poll", "/__spravka/live.js", "/missing"] {
            let reply = get_as(&served, path, host);
            assert!(
                matches!(reply.status, 400 | 403 | 421),
                "{host} {path}: {}",
                reply.head
            );
            let text = reply.text();
            assert!(
                !text.contains("generation") && !text.contains("<h1>"),
                "{host}: {text}"
            );
        }
    }
    let absolute = format!(
        "GET http://evil.example:{port}/osh/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        served.address
    );
    assert!(matches!(send(&served, &absolute).status, 400 | 403 | 421));
    let no_host = "GET /osh/ HTTP/1.1\r\nConnection: close\r\n\r\n";
    assert!(matches!(send(&served, no_host).status, 400 | 403 | 421));
    // HTTP/1.0 had no Host; browsers always send one, so this opens nothing to a rebinding page.
    let old_client = send(&served, "GET /osh/ HTTP/1.0\r\n\r\n");
    assert_eq!(old_client.status, 200, "{}", old_client.head);
    let two_hosts = format!(
        "GET /osh/ HTTP/1.1\r\nHost: {}\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        served.address
    );
    assert!(matches!(send(&served, &two_hosts).status, 400 | 403 | 421));
}

/// The pages the load test asks for, with the length each response must have.
fn expected_lengths(project: &Project) -> Vec<(String, usize)> {
    let pages = [
        "osh/index.html",
        "osh/schedule.html",
        "osh/calendar/all.ics",
        "internat-11/index.html",
        "index.html",
    ];
    pages
        .iter()
        .map(|page| {
            let length = std::fs::metadata(project.path().join("public").join(page))
                .unwrap()
                .len() as usize;
            let extra = if page.ends_with(".html") {
                LIVE_TAG.len()
            } else {
                0
            };
            (format!("/{page}"), length + extra)
        })
        .collect()
}

/// `count` requests from one client: on one kept-alive connection, or a new one each time.
fn client(served: &Served, pages: &[(String, usize)], count: usize, keep_alive: bool) -> usize {
    let mut errors = 0;
    let mut reader = BufReader::new(connect(served));
    for i in 0..count {
        if !keep_alive && i > 0 {
            reader = BufReader::new(connect(served));
        }
        let (path, length) = &pages[i % pages.len()];
        let connection = if keep_alive { "keep-alive" } else { "close" };
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: {connection}\r\n\r\n",
            served.address
        );
        let reply =
            (reader.get_mut().write_all(request.as_bytes())).and_then(|()| read_reply(&mut reader));
        match reply {
            Ok(reply) if reply.status == 200 && reply.body.len() == *length => {}
            _ => errors += 1,
        }
    }
    errors
}

#[test]
fn two_hundred_clients_get_ten_thousand_responses_without_an_error() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let pages = expected_lengths(&project);
    let started = Instant::now();
    let errors: usize = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..200)
            .map(|i| {
                let (served, pages) = (&served, &pages);
                scope.spawn(move || client(served, pages, 50, i % 2 == 0))
            })
            .collect();
        clients.into_iter().map(|c| c.join().unwrap()).sum()
    });
    assert_eq!(
        errors,
        0,
        "of 10,000 requests; the server said:\n{}",
        served.log()
    );
    eprintln!(
        "10,000 requests from 200 clients in {:?}",
        started.elapsed()
    );
}

#[test]
fn a_client_that_reads_nothing_does_not_hold_up_the_others() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    project.write_bytes("public/big.bin", &vec![b'x'; 48 << 20]);
    let request = format!("GET /big.bin HTTP/1.1\r\nHost: {}\r\n\r\n", served.address);
    let stalled: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = connect(&served);
            stream.write_all(request.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    for _ in 0..20 {
        let page = get(&served, "/osh/");
        assert_eq!(page.status, 200, "{}", page.head);
    }
    assert!(started.elapsed() < DEADLINE, "{:?}", started.elapsed());
    drop(stalled);
}

/// A number from the /proc status of process `pid`: `Threads`, `VmRSS` (in kB)…
fn status_of(pid: u32, key: &str) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = (status.lines()).find_map(|line| line.strip_prefix(key)?.strip_prefix(':'));
    line.unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_thousand_waiting_polls_take_a_bounded_number_of_threads() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let (generation, _) = served.poll(None);
    assert_eq!(get(&served, "/osh/").status, 200);
    // The build's own threads (one per core) are there before any poll.
    let before = status_of(served.pid(), "Threads");
    let request = format!(
        "GET /__spravka/poll?since={generation} HTTP/1.1\r\nHost: {}\r\n\r\n",
        served.address
    );
    let polls: Vec<TcpStream> = (0..1000)
        .map(|_| {
            let mut stream = connect(&served);
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let (threads, memory) = (
        status_of(served.pid(), "Threads"),
        status_of(served.pid(), "VmRSS"),
    );
    assert!(
        threads <= before + 8,
        "{threads} threads for 1,000 polls ({before} before)"
    );
    assert!(memory < 200 << 10, "{memory} kB for 1,000 polls");
    eprintln!("{threads} threads ({before} before) and {memory} kB with 1,000 polls waiting");
    let started = Instant::now();
    assert_eq!(get(&served, "/osh/").status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );

    let school = project.read("schools/osh/school.toml");
    project.write(
        "schools/osh/school.toml",
        &school.edit("Заместители", "Заместитель"),
    );
    for stream in polls {
        let reply = read_reply(&mut BufReader::new(stream)).unwrap();
        let state: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(state["generation"], generation + 1, "{}", reply.text());
    }
}

#[test]
fn an_http_1_0_request_gets_a_whole_response_and_the_connection_closes() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let expected = project.read("public/osh/index.html").len() + LIVE_TAG.len();
    let mut stream = connect(&served);
    write!(
        stream,
        "GET /osh/ HTTP/1.0\r\nHost: {}\r\n\r\n",
        served.address
    )
    .unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .expect("the connection closes after the response");
    let reply = read_reply(&mut raw.as_slice()).unwrap();
    assert!(reply.head.starts_with("HTTP/1."), "{}", reply.head);
    assert_eq!(
        (reply.status, reply.body.len()),
        (200, expected),
        "{}",
        reply.head
    );

    let mut reader = BufReader::new(connect(&served));
    let request = format!(
        "GET /osh/ HTTP/1.0\r\nHost: {}\r\nConnection: keep-alive\r\n\r\n",
        served.address
    );
    reader.get_mut().write_all(request.as_bytes()).unwrap();
    let first = read_reply(&mut reader).expect("no stall on HTTP/1.0 keep-alive");
    assert_eq!(
        (first.status, first.body.len()),
        (200, expected),
        "{}",
        first.head
    );
    let kept = first
        .header("connection")
        .is_some_and(|c| c.eq_ignore_ascii_case("keep-alive"));
    if kept {
        reader.get_mut().write_all(request.as_bytes()).unwrap();
        let second = read_reply(&mut reader).expect("the kept connection answers again");
        assert_eq!(second.status, 200);
    } else {
        let mut rest = Vec::new();
        reader
            .read_to_end(&mut rest)
            .expect("a connection not kept is closed");
        assert!(rest.is_empty());
    }
}

#[test]
fn a_folder_without_its_slash_is_sent_to_it_and_other_methods_are_refused() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let folder = get(&served, "/osh/calendar?x=1");
    assert_eq!(folder.status, 308, "{}", folder.head);
    assert_eq!(folder.header("location"), Some("/osh/calendar/"));
    let mut stream = connect(&served);
    let head = format!(
        "HEAD /osh/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        served.address
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(
        raw.starts_with("HTTP/1.1 200") && raw.ends_with("\r\n\r\n"),
        "{raw}"
    );
    let post = format!(
        "POST /osh/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
        served.address
    );
    let post = send(&served, &post);
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );
}
