//! `spravka serve`: the preview server, and the rebuilds and reloads that follow edits. Nothing
//! here is timed: each wait is for an event, with a generous deadline only so that a broken
//! watcher fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{Edit, Project};

const LIVE_TAG: &str = r#"<script src="/__spravka/live.js" defer></script>"#;

/// A `spravka serve --port 0` running on a project; killed when dropped.
pub struct Served {
    child: Child,
    /// `127.0.0.1:PORT`, as the server printed it.
    pub address: String,
    /// Everything the server printed so far, both streams.
    log: Arc<Mutex<String>>,
}

impl Served {
    pub fn start(project: &Project) -> Served {
        Served::start_with(project, &[])
    }

    /// `spravka serve --port 0` with more arguments.
    pub fn start_with(project: &Project, more: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_spravka"))
            .args(["serve", "--port", "0"])
            .args(more)
            .current_dir(project.path())
            .env("SOURCE_DATE_EPOCH", "1788220800")
            .env("LC_ALL", "C")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        collect(BufReader::new(stderr), Arc::clone(&log));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let address = loop {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "serve ended: {}",
                log.lock().unwrap()
            );
            log.lock().unwrap().push_str(&line);
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().to_owned();
            }
        };
        collect(stdout, Arc::clone(&log));
        Served {
            child,
            address,
            log,
        }
    }

    /// The status line and the whole response (headers and body).
    pub fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// The live-reload state the browsers see: (generation, error).
    pub fn poll(&self, since: Option<u64>) -> (u64, Option<String>) {
        let path = match since {
            Some(seen) => format!("/__spravka/poll?since={seen}"),
            None => "/__spravka/poll".to_owned(),
        };
        let response = self.get(&path);
        let body = response.split("\r\n\r\n").nth(1).unwrap();
        let state: serde_json::Value = serde_json::from_str(body).unwrap();
        let generation = state["generation"].as_u64().unwrap();
        (generation, state["error"].as_str().map(str::to_owned))
    }

    /// Wait, as a browser does, until the generation moves past `seen`.
    fn next_after(&self, seen: u64) -> (u64, Option<String>) {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let state = self.poll(Some(seen));
            if state.0 != seen {
                return state;
            }
            assert!(
                Instant::now() < deadline,
                "no rebuild was announced; the server said:\n{}",
                self.log.lock().unwrap()
            );
        }
    }

    /// The server's process id, to read its thread count.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether the server prints `text` (its output is read by another thread, so a line printed
    /// just before a rebuild was announced may not have arrived yet).
    fn prints(&self, text: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.log().contains(text) {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(reader: impl BufRead + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            let mut log = log.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
}

fn body(response: &str) -> &str {
    response.split("\r\n\r\n").nth(1).unwrap_or_default()
}

fn modified_times(project: &Project, folder: &str) -> Vec<(String, SystemTime)> {
    let mut times: Vec<_> = walkdir::WalkDir::new(project.path().join(folder))
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let time = entry.metadata().unwrap().modified().unwrap();
            (entry.path().display().to_string(), time)
        })
        .collect();
    times.sort();
    times
}

/// Replace `from` (which must be there) with `to` in a project file.
fn edit(project: &Project, file: &str, from: &str, to: &str) {
    let text = project.read(file);
    assert!(text.contains(from), "{file} has no `{from}`");
    project.write(file, &text.edit(from, to));
}

#[test]
fn serve_sends_calendars_as_text_calendar_and_pages_with_the_live_script() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let calendar = served.get("/osh/calendar/all.ics");
    let folder = served.get("/osh/");
    let outside = served.get("/../Cargo.toml");
    let script = served.get("/__spravka/live.js");
    assert!(
        calendar
            .to_ascii_lowercase()
            .contains("content-type: text/calendar; charset=utf-8"),
        "{calendar}"
    );
    assert!(calendar.contains("BEGIN:VCALENDAR"));
    assert!(
        folder.contains("text/html; charset=utf-8") && folder.contains("<h1>"),
        "{folder}"
    );
    let tag = format!("{LIVE_TAG}</body>");
    assert!(folder.contains(&tag), "{folder}");
    assert!(
        !project.read("public/osh/index.html").contains("__spravka"),
        "the script is added when serving, never written into the site"
    );
    assert!(script.contains("location.reload()"), "{script}");
    assert!(outside.starts_with("HTTP/1.1 404"), "{outside}");
    assert!(outside.contains(&tag), "a missing page also reloads");
}

#[test]
fn serve_speaks_russian_with_lang_ru_in_its_console_and_overlay() {
    let project = Project::examples();
    let served = Served::start_with(&project, &["--lang", "ru"]);
    let script = served.get("/__spravka/live.js");
    assert!(script.contains("Сборка не удалась"), "{script}");
    assert!(script.contains(r#""lang":"ru""#), "{script}");
    assert!(!script.contains("The build failed"), "{script}");
    assert!(served.log().contains("предпросмотр"), "{}", served.log());
}

#[test]
fn an_edit_to_one_school_rebuilds_that_school_and_reloads_open_pages() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let (generation, error) = served.poll(None);
    assert_eq!(error, None);
    let others = modified_times(&project, "public/internat-11");
    edit(
        &project,
        "schools/osh/school.toml",
        "who = \"Заместители директора\"",
        "who = \"Заместители директора по учебной работе\"",
    );
    assert_eq!(served.next_after(generation), (generation + 1, None));
    let home = served.get("/osh/index.html");
    assert!(
        home.contains("Заместители директора по учебной работе"),
        "{home}"
    );
    assert_eq!(modified_times(&project, "public/internat-11"), others);
    assert!(served.prints("built 1 school(s)"), "{}", served.log());
}

#[test]
fn a_broken_edit_is_shown_over_the_last_good_pages_until_it_is_fixed() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let (generation, _) = served.poll(None);
    let before = project.read("public/osh/index.html");
    edit(
        &project,
        "schools/osh/school.toml",
        "preset = \"dnevnik-ru\"",
        "preset = \"dnevnik\"",
    );
    let (broken, error) = served.next_after(generation);
    let error = error.expect("the problem is shown");
    assert!(error.contains("schools/osh/school.toml:"), "{error}");
    assert!(error.contains("platform.preset"), "{error}");
    assert_eq!(project.read("public/osh/index.html"), before);
    let served_page = body(&served.get("/osh/index.html")).replace(LIVE_TAG, "");
    assert_eq!(served_page, before, "the last good page is still served");

    edit(
        &project,
        "schools/osh/school.toml",
        "preset = \"dnevnik\"",
        "preset = \"dnevnik-ru\"",
    );
    assert_eq!(served.next_after(broken), (broken + 1, None));
    assert_eq!(project.read("public/osh/index.html"), before);
}

#[test]
fn a_renamed_or_added_school_updates_the_index_of_all_schools() {
    let project = Project::fixtures();
    let served = Served::start(&project);
    let (generation, _) = served.poll(None);
    edit(
        &project,
        "schools/osh/school.toml",
        "short_name = \"МБОУ ОСШ\"",
        "short_name = \"МБОУ ОСШ № 2\"",
    );
    let (generation, error) = served.next_after(generation);
    assert_eq!(error, None);
    assert!(
        project
            .page_text("public/index.html")
            .contains("МБОУ ОСШ № 2")
    );

    let school = project.read("schools/osh/school.toml");
    project.write("schools/osh-3/school.toml", &school);
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut seen = generation;
    while !project.path().join("public/osh-3/index.html").is_file() {
        assert!(Instant::now() < deadline, "{}", served.log());
        seen = served.next_after(seen).0;
    }
    let index = served.get("/index.html");
    assert!(index.contains("osh-3/index.html"), "{index}");
}

#[test]
fn a_port_in_use_is_named_with_a_hint() {
    let project = Project::fixtures();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = project.run(&["serve", "--port", &port]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let error = run.stderr();
    assert!(
        error.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{error}"
    );
    assert!(error.contains("--port"), "{error}");
}
