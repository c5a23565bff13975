//! Hostile and broken input files: pipes, devices, links out of the project, huge files, long
//! lines, control characters, odd encodings. Each gives a clear problem naming the file (or a
//! correct build), within bounded time and memory, and never quotes a file outside the project.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Edit, Project, Run, repo};

/// Longest any run may take (a debug build); a blocked read is killed and fails the test.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Address space of a run, in KiB (`ulimit -v`): reading `/dev/zero` must not eat the machine.
const MEMORY_LIMIT_KIB: u64 = 4 << 20;
/// A line of `/etc/passwd`, which no message may quote.
const PASSWD: &str = "root:x:0:0";
/// The content of a file outside the project, which no message may quote.
const SECRET: &str = "top-secret: 5f1e";

/// Run spravka with a time and memory limit; its output goes to files, so a huge message cannot
/// block it on a pipe.
fn run(project: &Project, args: &[&str]) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let (out, err) = (logs.path().join("out"), logs.path().join("err"));
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_spravka"))
        .args(args)
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1788220800")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("spravka runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("spravka {args:?} ran longer than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output {
        status,
        stdout: std::fs::read(&out).unwrap(),
        stderr: std::fs::read(&err).unwrap(),
    };
    assert_ne!(output.status.code(), Some(101), "panic: {output:?}");
    Run { output }
}

fn example_toml() -> String {
    crate::support::fixture_toml("mytishchi-27")
}

fn project() -> Project {
    Project::with_school("shkola", &example_toml())
}

const ARTICLE: &str = "+++\ntitle = \"Статья\"\n+++\n\nТекст.\n";

/// A file outside the project with secret content.
fn secret_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.md");
    std::fs::write(&path, format!("{SECRET}\n{SECRET}\n")).unwrap();
    (dir, path)
}

fn link(project: &Project, target: impl AsRef<Path>, relative: &str) {
    let path = project.path().join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    symlink(target, path).unwrap();
}

fn mkfifo(project: &Project, relative: &str) {
    let path = project.path().join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// `check` fails with `code`; the message names every one of `parts` and quotes nothing secret.
#[track_caller]
fn check_fails(project: &Project, code: i32, parts: &[&str]) -> String {
    let stderr = run(project, &["check"]).fails_with(code);
    assert_clean(&stderr, parts);
    stderr
}

#[track_caller]
fn assert_clean(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
    for secret in [
        PASSWD, SECRET, "\u{1b}", "\u{7}", "\u{9b}", "\u{202e}", "\0",
    ] {
        assert!(!stderr.contains(secret), "{secret:?} in:\n{stderr}");
    }
}

#[test]
fn a_named_pipe_among_the_shared_articles_is_refused_at_once() {
    let project = project();
    mkfifo(&project, "content/faq/truba.md");
    check_fails(
        &project,
        1,
        &["content/faq/truba.md", "named pipe (FIFO)", "help:"],
    );
}

#[test]
fn a_named_pipe_as_a_school_article_or_school_toml_is_refused() {
    let project = Project::with_school("shkola", &example_toml());
    mkfifo(&project, "schools/shkola/faq/truba.md");
    let stderr = run(&project, &["build"]).fails_with(1);
    assert_clean(&stderr, &["schools/shkola/faq/truba.md", "named pipe"]);
    assert!(!project.path().join("public/shkola").exists());
    let project = Project::empty();
    crate::support::copy_dir(&repo().join("content"), &project.path().join("content"));
    mkfifo(&project, "schools/shkola/school.toml");
    let stderr = check_fails(&project, 1, &["schools/shkola/school.toml", "named pipe"]);
    assert!(!stderr.contains("has no school.toml"), "{stderr}");
}

#[test]
fn a_link_to_dev_zero_is_refused_before_it_is_read() {
    let project = project();
    link(&project, "/dev/zero", "content/faq/nuli.md");
    link(&project, "/dev/zero", "schools/shkola/faq/nuli.md");
    check_fails(
        &project,
        1,
        &[
            "content/faq/nuli.md",
            "schools/shkola/faq/nuli.md",
            "leads out of the project folder",
            "2 problems found",
        ],
    );
}

#[test]
fn a_platform_preset_linked_to_etc_passwd_is_not_quoted() {
    let project = project();
    link(&project, "/etc/passwd", "content/platforms/p.toml");
    link(&project, "/etc/shadow", "content/calendar/ru-2030.toml");
    check_fails(
        &project,
        1,
        &[
            "content/platforms/p.toml",
            "content/calendar/ru-2030.toml",
            "this symbolic link leads out of the project folder",
        ],
    );
}

#[test]
fn a_school_toml_or_article_linked_out_of_the_project_is_not_read() {
    let (_dir, secret) = secret_file();
    let project = Project::empty();
    crate::support::copy_dir(&repo().join("content"), &project.path().join("content"));
    link(&project, &secret, "schools/shkola/school.toml");
    link(&project, &secret, "schools/shkola/faq/statya.md");
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/school.toml",
            "schools/shkola/faq/statya.md",
            "leads out",
        ],
    );
}

#[test]
fn a_school_folder_linked_out_of_the_project_is_not_listed() {
    let (dir, _secret) = secret_file();
    std::fs::write(dir.path().join("school.toml"), format!("{SECRET}\n")).unwrap();
    let project = project();
    link(&project, dir.path(), "schools/chuzhaya");
    check_fails(
        &project,
        1,
        &[
            "schools/chuzhaya",
            "this symbolic link leads out of the project folder",
        ],
    );
}

#[test]
fn a_faq_or_content_folder_linked_out_of_the_project_is_not_listed() {
    let (dir, _secret) = secret_file();
    let project = project();
    link(&project, dir.path(), "schools/shkola/faq");
    check_fails(&project, 1, &["schools/shkola/faq", "leads out"]);
    let project = Project::empty();
    crate::support::copy_dir(&repo().join("content"), &dir.path().join("content"));
    project.write("schools/shkola/school.toml", &example_toml());
    link(&project, dir.path().join("content"), "content");
    check_fails(&project, 1, &["content: this symbolic link leads out"]);
    let project = Project::empty();
    crate::support::copy_dir(&repo().join("content"), &project.path().join("content"));
    std::fs::create_dir_all(dir.path().join("schools/shkola")).unwrap();
    link(&project, dir.path().join("schools"), "schools");
    check_fails(&project, 1, &["schools: this symbolic link leads out"]);
}

#[test]
fn a_file_reached_through_a_linked_folder_names_that_folder() {
    let (dir, _secret) = secret_file();
    std::fs::write(dir.path().join("p.toml"), format!("{SECRET}\n")).unwrap();
    let project = project();
    std::fs::remove_dir_all(project.path().join("content/platforms")).unwrap();
    link(&project, dir.path(), "content/platforms");
    check_fails(&project, 1, &["content/platforms", "leads out"]);
}

#[test]
fn links_that_stay_inside_the_project_are_followed() {
    let project = project();
    project.write("shared/obshchaya.md", ARTICLE);
    link(
        &project,
        "../../../shared/obshchaya.md",
        "schools/shkola/faq/obshchaya.md",
    );
    link(
        &project,
        project.path().join("shared"),
        "schools/shkola/faq-link",
    );
    run(&project, &["build"]).success();
    assert!(
        project
            .path()
            .join("public/shkola/faq/obshchaya.html")
            .is_file()
    );
}

#[test]
fn a_broken_link_is_reported_and_an_editor_lock_link_is_ignored() {
    let project = project();
    link(&project, "nowhere.md", "schools/shkola/faq/slomana.md");
    link(&project, "user@host.123", "schools/shkola/faq/.#statya.md");
    link(&project, "krug-2.md", "content/faq/krug-1.md");
    link(&project, "krug-1.md", "content/faq/krug-2.md");
    let stderr = check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/slomana.md",
            "content/faq/krug-1.md",
            "content/faq/krug-2.md",
            "leads to nothing that can be read",
        ],
    );
    assert!(!stderr.contains(".#statya"), "{stderr}");
}

#[test]
fn theme_files_linked_out_of_the_theme_folder_are_refused() {
    let (_dir, secret) = secret_file();
    for (relative, shown) in [
        ("mytheme/templates/base.html", "mytheme/templates/base.html"),
        ("mytheme/static/img/logo.png", "mytheme/static/img/logo.png"),
        ("mytheme/i18n/ru.toml", "mytheme/i18n/ru.toml"),
        ("mytheme/static", "mytheme/static"),
    ] {
        let project = project();
        link(&project, &secret, relative);
        if relative == "mytheme/static" {
            std::fs::remove_file(project.path().join(relative)).unwrap();
            link(&project, secret.parent().unwrap(), relative);
        }
        let stderr = run(&project, &["check", "--theme", "mytheme"]).fails_with(1);
        assert_clean(&stderr, &[shown, "leads out of the theme folder"]);
    }
}

#[test]
fn a_named_pipe_in_the_theme_is_refused() {
    let project = project();
    mkfifo(&project, "mytheme/static/truba.css");
    let stderr = run(&project, &["build", "--theme", "mytheme"]).fails_with(1);
    assert_clean(&stderr, &["mytheme/static/truba.css", "named pipe"]);
}

#[test]
fn a_school_toml_over_the_size_limit_is_refused() {
    let project = project();
    let mut toml = example_toml();
    toml.push_str(&format!("# {}\n", "я".repeat(5 << 19)));
    project.write("schools/shkola/school.toml", &toml);
    check_fails(
        &project,
        1,
        &["schools/shkola/school.toml", "larger than 4 MiB"],
    );
}

#[test]
fn a_10_mb_article_builds_and_an_11_mib_one_is_refused() {
    let project = project();
    let paragraph = "Обычный абзац текста статьи для проверки. ".repeat(40) + "\n\n";
    let body = paragraph.repeat(10_000_000 / paragraph.len());
    project.write(
        "schools/shkola/faq/bolshaya.md",
        &format!("+++\ntitle = \"Большая\"\n+++\n\n{body}"),
    );
    run(&project, &["build"]).success();
    let page = project.read("public/shkola/faq/bolshaya.html");
    assert!(page.len() > 10_000_000, "{} bytes", page.len());
    let body = paragraph.repeat((11 << 20) / paragraph.len() + 1);
    project.write(
        "schools/shkola/faq/bolshaya.md",
        &format!("+++\ntitle = \"Большая\"\n+++\n\n{body}"),
    );
    check_fails(
        &project,
        1,
        &["schools/shkola/faq/bolshaya.md", "larger than 10 MiB"],
    );
}

#[test]
fn a_folder_where_a_file_belongs_is_reported() {
    let project = project();
    std::fs::create_dir_all(project.path().join("schools/shkola/faq/papka.md")).unwrap();
    std::fs::create_dir_all(project.path().join("content/platforms/papka.toml")).unwrap();
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/papka.md",
            "content/platforms/papka.toml",
            "a folder where a file belongs",
        ],
    );
    let project = Project::empty();
    crate::support::copy_dir(&repo().join("content"), &project.path().join("content"));
    std::fs::create_dir_all(project.path().join("schools/shkola/school.toml")).unwrap();
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/school.toml",
            "a folder where a file belongs",
        ],
    );
}

fn utf16(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_with_or_without_a_byte_order_mark_are_named() {
    let project = project();
    project.write_bytes(
        "schools/shkola/school.toml",
        &utf16(&example_toml(), true, false),
    );
    project.write_bytes("schools/shkola/faq/le.md", &utf16(ARTICLE, false, false));
    project.write_bytes("content/faq/be.md", &utf16(ARTICLE, true, true));
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/school.toml: the file is saved as UTF-16",
            "schools/shkola/faq/le.md: the file is saved as UTF-16",
            "content/faq/be.md: the file is saved as UTF-16",
            "Encoding: UTF-8",
        ],
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    let project = project();
    let mut bytes = b"+++\ntitle = \"A\"\n+++\n\nok\n".to_vec();
    bytes.extend(b"bad \xff\xfe byte\n");
    project.write_bytes("schools/shkola/faq/plohaya.md", &bytes);
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/plohaya.md",
            "not valid UTF-8 text (line 6",
        ],
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_build() {
    let project = project();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let mut toml = "\u{feff}".to_owned();
    toml.push_str(&crlf(&example_toml()));
    project.write("schools/shkola/school.toml", &toml);
    project.write(
        "schools/shkola/faq/crlf.md",
        &format!("\u{feff}{}", crlf(ARTICLE)),
    );
    run(&project, &["build"]).success();
    assert!(
        project
            .read("public/shkola/faq/crlf.html")
            .contains("Текст.")
    );
}

#[test]
fn empty_files_are_reported_with_what_they_lack() {
    let project = project();
    project.write("schools/shkola/school.toml", "");
    project.write("schools/shkola/faq/pustaya.md", "");
    project.write("content/platforms/pustoi.toml", "");
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/school.toml",
            "missing field `school`",
            "schools/shkola/faq/pustaya.md",
            "the article has no front matter",
            "content/platforms/pustoi.toml",
            "missing field `name`",
        ],
    );
}

#[test]
fn toml_nested_100_000_deep_is_a_problem_not_a_stack_overflow() {
    let project = project();
    let deep = 100_000;
    project.write(
        "content/platforms/glubokii.toml",
        &format!("a = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
    );
    project.write(
        "schools/shkola/faq/glubokaya.md",
        &format!(
            "+++\ntitle = \"A\"\nb = {}1{}\n+++\n",
            "{c = ".repeat(deep),
            "}".repeat(deep)
        ),
    );
    let stderr = check_fails(
        &project,
        1,
        &[
            "content/platforms/glubokii.toml:1:",
            "schools/shkola/faq/glubokaya.md:3:",
        ],
    );
    assert!(stderr.len() < 10_000, "{} bytes of messages", stderr.len());
}

#[test]
fn a_problem_on_a_1_mb_line_shows_a_window_of_it() {
    let project = project();
    let toml = example_toml().edit(
        "short_name = ",
        &format!("short_name = \"{}\" = ", "ш".repeat(1 << 20)),
    );
    project.write("schools/shkola/school.toml", &toml);
    let stderr = check_fails(&project, 1, &["schools/shkola/school.toml:", "…"]);
    assert!(stderr.len() < 5_000, "{} bytes of messages", stderr.len());
}

#[test]
fn a_problem_past_column_65535_does_not_panic() {
    let project = project();
    let padding = " ".repeat(70_000);
    project.write(
        "schools/shkola/faq/shirokaya.md",
        &format!("+++\ntitle = \"A\"{padding}\naudiences = [\"teachers\"]\n+++\n"),
    );
    project.write(
        "schools/shkola/faq/shirokaya-2.md",
        &format!("+++\ntitle = \"A\"\naudiences = [{padding}\"teachers\"]\n+++\n"),
    );
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/shirokaya-2.md:3:70014",
            "`teachers` is not an audience",
        ],
    );
}

#[test]
fn terminal_escapes_in_source_lines_are_shown_not_sent() {
    let project = project();
    let toml = example_toml().edit(
        "short_name = ",
        "\"\u{1b}]0;pwned\u{7}\u{1b}[2J\" = 1\nshort_name = ",
    );
    project.write("schools/shkola/school.toml", &toml);
    check_fails(
        &project,
        1,
        &["schools/shkola/school.toml:7:2", "␛]0;pwned␇␛[2J"],
    );
}

#[test]
fn terminal_escapes_and_bidi_overrides_in_values_are_shown_not_sent() {
    let project = project();
    project.write(
        "schools/shkola/faq/bidi.md",
        "+++\ntitle = \"A\"\naudiences = [\"\u{202e}stneraP\u{9b}1m\", \"\\u001b[2J\\u0007\"]\n+++\n",
    );
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/bidi.md:3:14",
            "`\\u{202e}stneraP\\u{9b}1m` is not an audience",
            "`␛[2J␇` is not an audience",
        ],
    );
}

#[test]
fn control_characters_in_file_names_are_shown_not_sent() {
    let project = project();
    project.write("schools/shkola/faq/\u{1b}[31mkrasnyi\u{7}.md", ARTICLE);
    project.write("content/faq/\u{202e}dm.txt.md", ARTICLE);
    check_fails(&project, 1, &["␛[31mkrasnyi␇", "\\u{202e}dm.txt"]);
}

#[test]
fn eight_thousand_problems_in_one_file_are_reported_in_linear_time() {
    let project = project();
    let toml = example_toml();
    let slot = "\n[[schedule.slots]]\nweekday = \"friday\"\ntime = \"15:30-14:00\"\nplace = \"x\"\nconsultant = \"konsultant\"\n";
    let at = toml.find("\n[school_year]").unwrap_or(toml.len());
    let toml = format!("{}{}{}", &toml[..at], slot.repeat(8_000), &toml[at..]);
    project.write("schools/shkola/school.toml", &toml);
    let started = Instant::now();
    let stderr = check_fails(&project, 1, &["schedule.slots[8000].time"]);
    assert!(stderr.contains("problems found"), "{stderr}");
    // Each problem used to parse the whole file again to find its span: minutes for this one.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_named_pipe_in_a_school_of_another_shard_does_not_block_the_index() {
    // Every example school falls in shard 2 of 2; shard 1 only reads their names for the index,
    // and reports (without waiting on it) a file it cannot read for them.
    let project = Project::fixtures();
    std::fs::remove_file(project.path().join("schools/osh/school.toml")).unwrap();
    mkfifo(&project, "schools/osh/school.toml");
    let stderr = run(&project, &["build", "--shard", "1/2"]).fails_with(1);
    assert_clean(&stderr, &["schools/osh/school.toml", "named pipe"]);
    let stderr = run(&project, &["build", "--shard", "2/2"]).fails_with(1);
    assert_clean(&stderr, &["schools/osh/school.toml", "named pipe"]);
}

#[test]
fn a_megabyte_value_of_the_wrong_type_is_not_quoted_whole() {
    let project = project();
    project.write(
        "schools/shkola/faq/ves.md",
        &format!(
            "+++\ntitle = \"A\"\nweight = \"{}\"\n+++\n",
            "я".repeat(1 << 20)
        ),
    );
    let stderr = run(&project, &["check"]).stderr();
    assert!(stderr.len() < 5_000, "{} bytes of messages", stderr.len());
    assert_clean(
        &stderr,
        &["schools/shkola/faq/ves.md:3:10", "invalid type", "…"],
    );
}

#[test]
fn links_inside_the_theme_folder_are_followed() {
    let project = project();
    project.write("mytheme/shared/extra.css", "p { color: teal }");
    link(&project, "../shared/extra.css", "mytheme/static/extra.css");
    link(
        &project,
        project.path().join("mytheme/shared"),
        "mytheme/static/more",
    );
    run(&project, &["build", "--theme", "mytheme"]).success();
    assert!(
        project
            .read("public/shkola/assets/extra.css")
            .contains("teal")
    );
    assert!(
        project
            .read("public/shkola/assets/more/extra.css")
            .contains("teal")
    );
}

#[test]
fn a_socket_among_the_articles_is_refused() {
    let project = project();
    std::fs::create_dir_all(project.path().join("schools/shkola/faq")).unwrap();
    let socket = project.path().join("schools/shkola/faq/rozetka.md");
    let _listener = std::os::unix::net::UnixListener::bind(socket).unwrap();
    check_fails(
        &project,
        1,
        &[
            "schools/shkola/faq/rozetka.md",
            "this is a socket, not a regular file",
        ],
    );
}
