//! The hostile corpus: every case under `tests/hostile/` is a broken or malicious input that
//! `check` and `build` must answer with the expected exit code and message, never a panic, in
//! bounded time. A case folder holds `expect.toml` and the files it puts into a copy of the
//! repository's `content/`: a top-level `school.toml` becomes `schools/shkola/school.toml`, and
//! sub-folders (`content/…`, `schools/…`) are copied as they are.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::support::{Edit, Project, copy_dir, repo};

/// Each run of the binary is killed after this: a guard against hangs (a blocked read, an
/// algorithm gone quadratic), not a speed target; a debug build on a loaded machine stays far
/// below it.
const TIME_LIMIT: Duration = Duration::from_secs(90);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    about: String,
    /// Exit code of `spravka check`.
    check: i32,
    /// Exit code of `spravka build`, when it differs from `check`'s.
    build: Option<i32>,
    /// Text that must appear in the output (<file:line:column>, field path, hint words).
    #[serde(default)]
    contains: Vec<String>,
    /// Text that must not appear (raw control characters, for instance).
    #[serde(default)]
    absent: Vec<String>,
    /// Input too large to commit, generated into `school.toml` by the runner.
    generate: Option<Generate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    kind: String,
    count: usize,
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/hostile"))
        .expect("tests/hostile exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.join("expect.toml").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_hostile_input_gets_its_expected_answer_without_a_panic() {
    let cases = cases();
    assert!(cases.len() >= 45, "only {} hostile cases", cases.len());
    let mut failures = String::new();
    for case in &cases {
        if let Err(why) = run_case(case) {
            let name = case.file_name().unwrap_or_default().to_string_lossy();
            let _ = writeln!(failures, "--- {name}: {why}\n");
        }
    }
    assert!(failures.is_empty(), "hostile cases failed:\n{failures}");
}

fn run_case(case: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(case.join("expect.toml")).map_err(|e| e.to_string())?;
    let expect: Expect = toml::from_str(&text).map_err(|e| format!("expect.toml: {e}"))?;
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    place_case_files(case, project.path());
    if let Some(generate) = &expect.generate {
        generate_input(&generate.kind, generate.count, project.path())?;
    }
    let check = run(project.path(), "check")?;
    verify(&expect, "check", expect.check, &check)?;
    let build = run(project.path(), "build")?;
    let build_code = expect.build.unwrap_or(expect.check);
    verify(&expect, "build", build_code, &build)?;
    let index = project.path().join("public/shkola/index.html");
    if build_code == 0 && !index.is_file() {
        return Err(format!(
            "{}: build succeeded without public/shkola/index.html",
            expect.about
        ));
    }
    Ok(())
}

fn place_case_files(case: &Path, project: &Path) {
    for entry in std::fs::read_dir(case).expect("case folder") {
        let path = entry.expect("case entry").path();
        let name = path.file_name().unwrap_or_default();
        if path.is_dir() {
            copy_dir(&path, &project.join(name));
        } else if name == "school.toml" {
            let target = project.join("schools/shkola/school.toml");
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&path, target).unwrap();
        }
    }
}

struct Outcome {
    code: Option<i32>,
    output: String,
    took: Duration,
}

/// Run the real binary with a time limit; its output goes to files, so no pipe can fill up.
fn run(project: &Path, command: &str) -> Result<Outcome, String> {
    let out_path = project.join(format!(".{command}.out"));
    let out = File::create(&out_path).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_spravka"))
        .arg(command)
        .current_dir(project)
        .env("SOURCE_DATE_EPOCH", "1788220800")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| e.to_string())?;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "`{command}` still running after {TIME_LIMIT:?}: killed"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let bytes = std::fs::read(&out_path).map_err(|e| e.to_string())?;
    Ok(Outcome {
        code: status.code(),
        output: String::from_utf8_lossy(&bytes).into_owned(),
        took: started.elapsed(),
    })
}

fn verify(expect: &Expect, command: &str, code: i32, run: &Outcome) -> Result<(), String> {
    let fail = |why: String| {
        let shown: String = run.output.chars().take(3000).collect();
        Err(format!(
            "{} — `{command}` {why} (took {:?})\n{shown}",
            expect.about, run.took
        ))
    };
    match run.code {
        Some(101) => return fail("panicked (exit 101)".into()),
        None => return fail("was killed by a signal (a stack overflow or an abort)".into()),
        Some(found) if found != code => return fail(format!("exited {found}, not {code}")),
        Some(_) => {}
    }
    if run.output.contains("panicked") {
        return fail("printed a panic".into());
    }
    // Whatever the input holds, nothing that drives a terminal or reverses text reaches it, and
    // no long line of the input is echoed whole (messages cut lines to 120 characters).
    if let Some(raw) = run.output.chars().find(|&c| drives_a_terminal(c)) {
        return fail(format!(
            "printed the raw character U+{:04X}",
            u32::from(raw)
        ));
    }
    let longest = run.output.lines().map(|line| line.chars().count()).max();
    if let Some(longest) = longest.filter(|&chars| chars > 1_000) {
        return fail(format!("printed a line of {longest} characters"));
    }
    // The build prints only a summary; the problems are checked on `check`'s output.
    if command == "check" {
        let output = unwrapped(&run.output);
        let missing = expect
            .contains
            .iter()
            .find(|t| !output.contains(&unwrapped(t)));
        if let Some(missing) = missing {
            return fail(format!("did not print {missing:?}"));
        }
    }
    if let Some(found) = expect.absent.iter().find(|t| run.output.contains(*t)) {
        return fail(format!("printed {found:?}, which must not appear"));
    }
    Ok(())
}

/// C0 and C1 controls but for line ends and tabs, and the bidirectional controls.
fn drives_a_terminal(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The output with miette's line wrapping undone: the frame's `│` and runs of white space become
/// one space, so a phrase matches wherever the message was wrapped.
fn unwrapped(text: &str) -> String {
    let words = text.split(|c: char| c.is_whitespace() || c == '│');
    words
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inputs too large to commit: appended to (or put before) the case's `school.toml`.
fn generate_input(kind: &str, count: usize, project: &Path) -> Result<(), String> {
    let path = project.join("schools/shkola/school.toml");
    let base = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let mut text = String::new();
    match kind {
        "slots" | "bad-slots" => {
            text.push_str(&base);
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
            for i in 0..count {
                let day = if kind == "slots" {
                    days[i % 5]
                } else {
                    "funday"
                };
                let _ = write!(
                    text,
                    "\n[[schedule.slots]]\nweekday = \"{day}\"\ntime = \"15:00-16:00\"\nplace = \"кабинет {i}\"\nconsultant = \"admin\"\n"
                );
            }
        }
        "consultants" => {
            let consultants: String = (0..count)
                .map(|i| format!("[[consultants]]\nid = \"c{i}\"\nrole = \"консультант\"\n\n"))
                .collect();
            text.push_str(&base.edit("[staff]", &format!("{consultants}[staff]")));
            for _ in 0..count {
                text.push_str("\n[[schedule.slots]]\nweekday = \"monday\"\ntime = \"9:00-10:00\"\nplace = \"к\"\nconsultant = \"nobody\"\n");
            }
        }
        "exceptions" => {
            text.push_str(&base);
            let first = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
            for i in 0..count {
                let date = first + chrono::Duration::weeks(i as i64 + 5);
                let _ = write!(
                    text,
                    "\n[[schedule.exceptions]]\nslot = \"monday-admin\"\ndate = {date}\ncancelled = true\n"
                );
            }
        }
        "vacations" => {
            text.push_str(&base);
            let first = chrono::NaiveDate::from_ymd_opt(2025, 9, 2).unwrap();
            for i in 0..count {
                let day = first + chrono::Duration::days((i % 260) as i64);
                let _ = write!(
                    text,
                    "\n[[school_year.vacations]]\nname = \"день {i}\"\nstart = {day}\nend = {day}\n"
                );
            }
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
            for i in 0..count / 5 {
                let _ = write!(
                    text,
                    "\n[[schedule.slots]]\nweekday = \"{}\"\ntime = \"15:00-16:00\"\nplace = \"к\"\nconsultant = \"admin\"\n",
                    days[i % 5]
                );
            }
        }
        "nesting" => {
            let _ = writeln!(text, "deep = {}{}", "[".repeat(count), "]".repeat(count));
            text.push_str(&base);
        }
        "dotted" => {
            text.push_str(&base);
            let keys = vec!["a"; count].join(".");
            let _ = write!(text, "\n[{keys}]\nb = 1\n");
        }
        other => return Err(format!("unknown generator `{other}`")),
    }
    std::fs::write(&path, text).map_err(|e| e.to_string())
}
