//! What a build may delete, and what an interrupted or concurrent build leaves behind.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, copy_dir, snapshot};

/// Every file under `dir` except the build's own (`.spravka/`), relative path -> bytes.
fn site(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = snapshot(dir);
    files.retain(|(path, _)| !path.starts_with(".spravka"));
    files
}

/// `assert_eq!` for trees, naming the first path that differs instead of printing every byte.
#[track_caller]
fn assert_same(now: &[(String, Vec<u8>)], expected: &[(String, Vec<u8>)], what: &str) {
    if now == expected {
        return;
    }
    let paths =
        |tree: &[(String, Vec<u8>)]| tree.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    let first = (now.iter().zip(expected))
        .find(|(a, b)| a != b)
        .map(|(a, b)| format!("{} / {}", a.0, b.0));
    panic!(
        "{what}: trees differ (first difference: {first:?})\nnow: {:?}\nexpected: {:?}",
        paths(now),
        paths(expected)
    );
}

/// The whole project outside its output folder.
fn inputs(project: &Project) -> Vec<(String, Vec<u8>)> {
    let mut files = snapshot(project.path());
    files.retain(|(path, _)| !path.starts_with("public"));
    files
}

#[test]
fn a_record_named_dots_deletes_nothing() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let (before, project_before) = (site(&project.path().join("public")), inputs(&project));
    let record = project.read("public/.spravka/osh.json");
    for name in ["...json", "..json", ".json"] {
        project.write(&format!("public/.spravka/{name}"), &record);
    }
    let run = project.run(&["build"]);
    run.success();
    assert!(run.stdout().contains("0 removed"), "{}", run.stdout());
    assert_same(&site(&project.path().join("public")), &before, "the output");
    assert_same(&inputs(&project), &project_before, "the project");
}

#[test]
#[cfg(unix)]
fn a_removed_school_whose_folder_is_a_link_loses_the_link_only() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let outside = tempfile::tempdir().unwrap();
    let theirs = outside.path().join("internat-11");
    let folder = project.path().join("public/internat-11");
    copy_dir(&folder, &theirs);
    std::fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&theirs, &folder).unwrap();
    let files_before = snapshot(&theirs);
    std::fs::remove_dir_all(project.path().join("schools/internat-11")).unwrap();
    project.run(&["build"]).success();
    assert!(std::fs::symlink_metadata(&folder).is_err(), "the link goes");
    assert_same(&snapshot(&theirs), &files_before, "its target's files stay");
    assert!(
        !project
            .path()
            .join("public/.spravka/internat-11.json")
            .exists()
    );
}

#[test]
#[cfg(unix)]
fn a_school_folder_replaced_by_a_link_stops_the_build_and_its_target_stays() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let outside = tempfile::tempdir().unwrap();
    let theirs = outside.path().join("osh");
    let folder = project.path().join("public/osh");
    copy_dir(&folder, &theirs);
    std::fs::write(theirs.join("index.html"), "чужая страница").unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&theirs, &folder).unwrap();
    let files_before = snapshot(&theirs);
    let error = project.run(&["build", "--force"]).fails_with(3);
    assert!(error.contains("public/osh"), "{error}");
    assert!(
        error.contains("move it out of the output folder"),
        "{error}"
    );
    assert_same(&snapshot(&theirs), &files_before, "the link's target");
}

#[test]
fn an_output_that_is_or_holds_the_inputs_is_refused() {
    let project = Project::fixtures();
    let before = inputs(&project);
    for out in [
        ".",
        "schools",
        "content",
        "schools/osh",
        "content/faq",
        "..",
    ] {
        let error = project.run(&["build", "--out", out]).fails_with(2);
        assert!(error.contains("the output folder"), "{out}: {error}");
        assert!(error.contains("hint: write the sites"), "{out}: {error}");
    }
    let theme = project.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    let error = project
        .run(&["build", "--theme", "theme", "--out", "theme/site"])
        .fails_with(2);
    assert!(error.contains("inside the --theme folder"), "{error}");
    std::fs::remove_dir_all(theme).unwrap();
    assert_same(&inputs(&project), &before, "nothing was written or removed");
}

#[test]
fn a_file_spravka_did_not_write_is_kept_and_named() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project.write("public/osh/report.docx", "отчёт");
    project.write("public/osh/faq/notes.txt", "заметки");
    let run = project.run(&["build", "--force"]);
    run.success();
    let stdout = run.stdout();
    assert!(
        stdout.contains("kept public/osh/report.docx: Spravka did not write it"),
        "{stdout}"
    );
    assert!(stdout.contains("kept public/osh/faq/notes.txt"), "{stdout}");
    assert_eq!(project.read("public/osh/report.docx"), "отчёт");
    assert_eq!(project.read("public/osh/faq/notes.txt"), "заметки");
}

#[test]
fn a_file_a_school_no_longer_has_is_removed_but_a_foreign_one_stays() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project.write("public/internat-11/report.docx", "отчёт");
    std::fs::remove_dir_all(project.path().join("schools/internat-11")).unwrap();
    let run = project.run(&["build"]);
    run.success();
    assert!(run.stdout().contains("kept public/internat-11/report.docx"));
    let left: Vec<String> = snapshot(&project.path().join("public/internat-11"))
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(left, ["report.docx"]);
}

#[test]
fn a_folder_with_files_and_no_marker_is_refused() {
    let project = Project::fixtures();
    project.write("site/report.docx", "отчёт");
    project.write("site/osh/index.html", "чужая страница");
    project.write("site/.spravka/osh.json", "{}");
    let error = project.run(&["build", "--out", "site"]).fails_with(2);
    assert!(
        error.contains("is not an output folder of Spravka"),
        "{error}"
    );
    assert!(
        error.contains("hint: build into a new or empty folder"),
        "{error}"
    );
    assert_eq!(project.read("site/osh/index.html"), "чужая страница");
    std::fs::create_dir(project.path().join("empty")).unwrap();
    project.run(&["build", "--out", "empty"]).success();
    assert!(project.path().join("empty/osh/index.html").exists());
}

#[test]
fn staging_left_by_dead_builds_is_removed() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project.write("public/.spravka-staging-999999999/osh/index.html", "old");
    project.write("public/.spravka/staging/osh/index.html", "old");
    project.run(&["build"]).success();
    assert!(
        !project
            .path()
            .join("public/.spravka-staging-999999999")
            .exists()
    );
    assert!(!project.path().join("public/.spravka/staging").exists());
}

#[test]
fn a_build_into_a_locked_output_fails_at_once() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let before = snapshot(&project.path().join("public"));
    let lock = std::fs::File::options()
        .write(true)
        .open(project.path().join("public/.spravka/lock"))
        .unwrap();
    fs4::FileExt::try_lock(&lock).unwrap();
    let error = project.run(&["build", "--force"]).fails_with(3);
    assert!(
        error.contains("another build is writing into public"),
        "{error}"
    );
    assert!(error.contains("hint: wait until it ends"), "{error}");
    drop(lock);
    assert_same(
        &snapshot(&project.path().join("public")),
        &before,
        "the output",
    );
}

/// The example schools, plus copies of one so that a switch-over has many files to move.
fn many_schools() -> Project {
    let project = Project::fixtures();
    let osh = project.path().join("schools/osh");
    for n in 2..=4 {
        copy_dir(&osh, &project.path().join(format!("schools/osh-{n}")));
    }
    project
}

fn spravka(project: &Project, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_spravka"));
    command
        .args(args)
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1788220800")
        .env("LC_ALL", "C")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

const OLD: [&str; 4] = ["build", "--out", "old", "--base-url=https://old.example/"];
const NEW: [&str; 2] = ["build", "--base-url=https://new.example/"];

/// A build from `old` to the new version, with every page different (the base URL is in each)
/// and one school removed; the reference trees of both versions.
struct Switch {
    project: Project,
    old: PathBuf,
    old_site: Vec<(String, Vec<u8>)>,
    /// The new build made from the old one (feeds number their changes from the old feed).
    new: Vec<(String, Vec<u8>)>,
}

impl Switch {
    fn new() -> Switch {
        let project = many_schools();
        assert!(spravka(&project, &OLD).status().unwrap().success());
        std::fs::remove_dir_all(project.path().join("schools/osh-4")).unwrap();
        let old = project.path().join("old");
        let new = Switch::reference(&project, &old, "https://new.example/");
        Switch {
            new,
            old_site: site(&old),
            old,
            project,
        }
    }

    /// The site a build with `base_url` makes from the old build.
    fn reference(project: &Project, old: &Path, base_url: &str) -> Vec<(String, Vec<u8>)> {
        let out = project.path().join("reference");
        let _ = std::fs::remove_dir_all(&out);
        copy_dir(old, &out);
        let base_url = format!("--base-url={base_url}");
        let args = ["build", "--out", "reference", &base_url];
        assert!(spravka(project, &args).status().unwrap().success());
        site(&out)
    }

    fn public(&self) -> PathBuf {
        self.project.path().join("public")
    }

    /// The output back to the old build, then a build to the new one started.
    fn start(&self) -> Child {
        let _ = std::fs::remove_dir_all(self.public());
        copy_dir(&self.old, &self.public());
        spravka(&self.project, &NEW).spawn().unwrap()
    }

    /// After an interrupted build: the output is the old build or the new one, once the journal a
    /// killed switch-over left is completed (the next build's first step). Returns whether it
    /// was the old one.
    fn is_whole(&self, moment: &str) -> bool {
        spravka::internals::complete_journal(&self.public()).unwrap();
        let now = site(&self.public());
        assert!(
            now == self.old_site || now == self.new,
            "{moment}: the output is a mix of the old and the new build"
        );
        now == self.old_site
    }

    /// The next build completes the switch-over, leaves no temporary folder and gives exactly the
    /// new build.
    fn next_build_is_clean(&self, moment: &str) {
        assert!(spravka(&self.project, &NEW).status().unwrap().success());
        assert_same(&site(&self.public()), &self.new, moment);
        let internal: Vec<String> = std::fs::read_dir(self.public().join(".spravka"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| !name.ends_with(".json") && name != "root-files.txt")
            .collect();
        assert_eq!(
            internal.len(),
            2,
            "{moment}: {internal:?} (lock and marker only, besides the records)"
        );
        let top = std::fs::read_dir(self.public()).unwrap();
        assert!(
            top.map(|e| e.unwrap().file_name())
                .all(|name| !name.to_string_lossy().contains("staging")),
            "{moment}"
        );
    }

    /// How long a whole build from the old version to the new one takes.
    fn duration(&self) -> Duration {
        let started = Instant::now();
        let status = self.start().wait().unwrap();
        assert!(status.success());
        started.elapsed()
    }
}

/// A small deterministic generator of delays (the seed is in the failure message).
struct Delays(u64);

impl Delays {
    fn next(&mut self, max: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        max.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

fn seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0x9e37_79b9, |d| d.as_nanos() as u64 | 1)
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Kill the build as soon as its journal appears, to catch it inside the switch-over.
fn kill_in_switch_over(switch: &Switch, child: &mut Child, limit: Duration) {
    let journal = switch.public().join(".spravka/journal");
    let started = Instant::now();
    while !journal.exists() && started.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    let _ = child.kill();
}

#[test]
fn a_killed_build_leaves_the_old_output_or_the_new_one() {
    let switch = Switch::new();
    let whole = switch.duration();
    let seed = seed();
    let mut delays = Delays(seed);
    let (mut killed_early, mut switch_overs) = (0, 0);
    for round in 0..30 {
        let moment = format!("SIGKILL round {round} (seed {seed})");
        let mut child = switch.start();
        if round % 2 == 0 {
            std::thread::sleep(delays.next(whole));
            let _ = child.kill();
        } else {
            kill_in_switch_over(&switch, &mut child, whole * 2);
        }
        let status: ExitStatus = child.wait().unwrap();
        let unfinished = switch.public().join(".spravka/journal").exists();
        if switch.is_whole(&moment) || unfinished {
            killed_early += 1;
        }
        switch_overs += usize::from(unfinished);
        assert!(status.code().is_none() || status.success(), "{moment}");
        switch.next_build_is_clean(&moment);
    }
    eprintln!(
        "build {whole:?}: {killed_early} kill(s) before the end, {switch_overs} inside the switch-over"
    );
    assert!(killed_early > 0, "no kill landed before the build ended");
}

#[test]
fn an_interrupted_build_stops_cleanly_and_changes_nothing() {
    let switch = Switch::new();
    let whole = switch.duration();
    let seed = seed();
    let mut delays = Delays(seed);
    let mut stopped = 0;
    for round in 0..30 {
        let moment = format!("SIGINT round {round} (seed {seed})");
        let mut child = switch.start();
        std::thread::sleep(delays.next(whole));
        signal(&child, if round % 3 == 2 { "TERM" } else { "INT" });
        let status = child.wait().unwrap();
        assert!(
            !switch.public().join(".spravka/journal").exists(),
            "{moment}: a signal never stops a switch-over"
        );
        let was_old = switch.is_whole(&moment);
        if status.code() == Some(130) {
            // Old, or new when the signal came during the switch-over (held until it ended).
            stopped += usize::from(was_old);
            assert!(
                !switch.public().join(".spravka/staging").exists(),
                "{moment}: an interrupted build removes its staging folder"
            );
        } else {
            // Finished before the signal, or the signal came before the handler was installed.
            assert!(status.success() || status.code().is_none(), "{moment}");
        }
        switch.next_build_is_clean(&moment);
    }
    assert!(stopped > 0, "no build was stopped before its switch-over");
}

#[test]
fn concurrent_builds_never_mix() {
    let switch = Switch::new();
    let other = Switch::reference(&switch.project, &switch.old, "https://other.example/");
    let mut refused = 0;
    for round in 0..6 {
        let moment = format!("round {round}");
        let _ = std::fs::remove_dir_all(switch.public());
        copy_dir(&switch.old, &switch.public());
        let second_args = ["build", "--base-url=https://other.example/"];
        let mut first = spravka(&switch.project, &NEW).spawn().unwrap();
        let mut second = spravka(&switch.project, &second_args).spawn().unwrap();
        let (a, b) = (first.wait().unwrap(), second.wait().unwrap());
        assert!(a.success() || a.code() == Some(3), "{moment}");
        assert!(b.success() || b.code() == Some(3), "{moment}");
        let now = site(&switch.public());
        match (a.success(), b.success()) {
            (true, false) => assert_same(&now, &switch.new, &moment),
            (false, true) => assert_same(&now, &other, &moment),
            // One after the other: the last one's base URL is in every page.
            (true, true) => {
                let has = |url: &str| {
                    (now.iter()).any(|(_, bytes)| String::from_utf8_lossy(bytes).contains(url))
                };
                assert!(
                    !(has("new.example") && has("other.example")),
                    "{moment}: a mix"
                );
            }
            (false, false) => panic!("{moment}: both builds failed"),
        }
        if !(a.success() && b.success()) {
            refused += 1;
        }
    }
    assert!(refused > 0, "the builds never overlapped");
}
