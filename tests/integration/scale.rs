//! Building many schools: shards, the content manifest, and rebuilds that write only what changed.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::support::{Edit, Project, snapshot};

/// The example schools plus copies of `osh` under other slugs.
fn many_schools() -> Project {
    let project = Project::fixtures();
    let osh = project.read("schools/osh/school.toml");
    for n in 1..=5 {
        project.write(
            &format!("schools/copy-{n}/school.toml"),
            &osh.edit_all("МБОУ ОСШ", &format!("МБОУ ОСШ-{n}")),
        );
    }
    project
}

fn mtimes(project: &Project, dir: &str) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(project.path().join(dir))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// Build, apply `edit`, build again with `args`: the files of the output the second build
/// rewrote (its records in `.spravka/` too), and its summary line.
fn rewritten_by(project: &Project, edit: impl FnOnce(), args: &[&str]) -> (Vec<String>, String) {
    project.run(&["build"]).success();
    let before = mtimes(project, "public");
    std::thread::sleep(std::time::Duration::from_millis(20));
    edit();
    let run = project.run(args);
    run.success();
    let after = mtimes(project, "public");
    let changed = before
        .keys()
        .filter(|path| before[*path] != after[*path])
        .cloned()
        .collect();
    (changed, run.stdout())
}

/// The pages and feeds among `changed`, without the build's records.
fn site_files(changed: Vec<String>) -> Vec<String> {
    changed
        .into_iter()
        .filter(|path| !path.contains("/.spravka/"))
        .collect()
}

#[test]
fn shards_union_to_the_full_build() {
    let project = many_schools();
    project.run(&["build", "--out", "full"]).success();
    for count in [2, 3] {
        let out = format!("sharded-{count}");
        for index in 1..=count {
            project
                .run(&[
                    "build",
                    "--out",
                    &out,
                    "--shard",
                    &format!("{index}/{count}"),
                ])
                .success();
        }
        assert_same_build(
            &project.path().join("full"),
            &project.path().join(&out),
            &format!("{count} shards"),
        );
    }
}

#[test]
fn shard_builds_only_its_slice() {
    let project = many_schools();
    project
        .run(&["build", "--out", "one", "--shard", "2/3"])
        .success();
    let built: Vec<String> = std::fs::read_dir(project.path().join("one"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!built.is_empty() && built.len() < 8, "{built:?}");
    assert!(
        !built.contains(&"index.html".to_owned()),
        "only shard 1 writes the index"
    );
}

#[test]
fn bad_shard_is_a_usage_error() {
    let project = Project::fixtures();
    let stderr = project.run(&["build", "--shard", "4/3"]).fails_with(2);
    assert!(stderr.contains("is not a shard"), "{stderr}");
}

#[test]
fn a_school_of_another_shard_that_does_not_parse_stops_the_index() {
    // Every example school falls in shard 2 of 2: shard 1 reads only their names for the index,
    // and used to leave a school whose file does not parse out of it without a word.
    let project = Project::fixtures();
    project.write("schools/osh/school.toml", "[school\nfull_name = \"ОСШ\"\n");
    let stderr = project.run(&["build", "--shard", "1/2"]).fails_with(1);
    assert!(stderr.contains("schools/osh/school.toml:1:"), "{stderr}");
    assert!(!project.path().join("public/index.html").exists());
}

#[test]
fn a_school_of_another_shard_with_an_unknown_platform_stops_the_index() {
    let project = Project::fixtures();
    project.write(
        "schools/osh/school.toml",
        "[school]\nfull_name = \"МБОУ ОСШ\"\nshort_name = \"ОСШ\"\n\n[platform]\npreset = \"net\"\n",
    );
    let stderr = project.run(&["build", "--shard", "1/2"]).fails_with(1);
    assert!(stderr.contains("schools/osh/school.toml:6:"), "{stderr}");
    assert!(stderr.contains("unknown platform `net`"), "{stderr}");
}

#[test]
fn manifest_lists_every_file_with_its_xxh3_128() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let manifest: serde_json::Value =
        serde_json::from_str(&project.read("public/osh/manifest.json")).unwrap();
    assert_eq!(manifest["algorithm"], "xxh3-128");
    let files = manifest["files"].as_object().unwrap();
    let on_disk: Vec<(String, Vec<u8>)> = snapshot(&project.path().join("public/osh"))
        .into_iter()
        .filter(|(p, _)| p != "manifest.json")
        .collect();
    assert_eq!(files.len(), on_disk.len());
    for (path, bytes) in on_disk {
        let expected = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
        assert_eq!(files[&path].as_str(), Some(expected.as_str()), "{path}");
    }
}

#[test]
fn unchanged_rebuild_writes_nothing() {
    let project = Project::fixtures();
    let (changed, summary) = rewritten_by(&project, || {}, &["build"]);
    assert!(summary.contains(" 0 file(s) written"), "{summary}");
    assert!(changed.is_empty(), "{changed:#?}");
}

#[test]
fn changing_a_shared_article_rewrites_only_files_whose_bytes_change() {
    let project = Project::fixtures();
    let edit = || {
        let article = project
            .read("content/faq/pravila-obshcheniya.md")
            .edit("\n\n", "\n\nДобавленный абзац.\n\n");
        project.write("content/faq/pravila-obshcheniya.md", &article);
    };
    let changed = site_files(rewritten_by(&project, edit, &["build"]).0);
    for slug in ["internat-11", "mytishchi-27", "osh"] {
        // The search index holds the article's text too.
        let files = [
            "faq/pravila-obshcheniya.html",
            "assets/search-index.js",
            "manifest.json",
        ];
        for file in files {
            assert!(
                changed
                    .iter()
                    .any(|p| p.ends_with(&format!("{slug}/{file}"))),
                "{slug}/{file} not rewritten: {changed:?}"
            );
        }
    }
    assert_eq!(changed.len(), 9, "{changed:#?}");
}

#[test]
fn removed_article_leaves_no_stale_page() {
    let project = Project::fixtures();
    project.write(
        "schools/osh/faq/svoya.md",
        "+++\ntitle = \"Своя\"\n+++\n\nТекст.\n",
    );
    project.run(&["build"]).success();
    assert!(project.path().join("public/osh/faq/svoya.html").is_file());
    std::fs::remove_file(project.path().join("schools/osh/faq/svoya.md")).unwrap();
    project.run(&["build"]).success();
    assert!(!project.path().join("public/osh/faq/svoya.html").exists());
}

#[test]
fn building_one_school_gives_the_same_files_as_building_all_but_the_index_link() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let before = snapshot(&project.path().join("public"));
    let (changed, _) = rewritten_by(&project, || {}, &["build", "--school", "osh"]);
    let after = snapshot(&project.path().join("public"));
    let link = "\n<li><a href=\"../index.html\">Все школы</a></li>";
    let nested = "\n<li><a href=\"../../index.html\">Все школы</a></li>";
    let mut pages = 0;
    for ((path, old), (same_path, new)) in before.iter().zip(&after) {
        assert_eq!(path, same_path);
        if !path.starts_with("osh/") || !path.ends_with(".html") {
            assert!(
                old == new || path.starts_with(".spravka/") || path == "osh/manifest.json",
                "{path}"
            );
            continue;
        }
        let old = String::from_utf8_lossy(old)
            .replace(link, "")
            .replace(nested, "");
        assert_eq!(
            old,
            String::from_utf8_lossy(new),
            "{path}: only the link goes"
        );
        pages += 1;
    }
    assert!(pages > 5, "{pages}");
    assert!(
        changed
            .iter()
            .all(|path| path.contains("/osh/") || path.contains(".spravka/osh")),
        "{changed:#?}"
    );
}

#[test]
fn unchanged_schools_are_skipped_and_a_changed_one_is_rebuilt() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let run = project.run(&["build"]);
    assert!(run.stdout().contains("(3 up to date)"), "{}", run.stdout());
    let toml = project
        .read("schools/osh/school.toml")
        .edit_all("кабинет заместителя директора", "кабинет 5");
    project.write("schools/osh/school.toml", &toml);
    let run = project.run(&["build"]);
    assert!(run.stdout().contains("(2 up to date)"), "{}", run.stdout());
    assert!(
        project
            .page_text("public/osh/schedule.html")
            .contains("кабинет 5")
    );
    let run = project.run(&["build", "--force"]);
    assert!(
        run.stdout().contains("(0 up to date): 0 file(s) written"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_new_theme_renders_every_school_again() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project.write(
        "mytheme/i18n/ru.toml",
        "[page]\nschedule = \"Часы приёма\"\n",
    );
    let run = project.run(&["build", "--theme", "mytheme"]);
    assert!(run.stdout().contains("(0 up to date)"), "{}", run.stdout());
    assert!(
        project
            .read("public/osh/index.html")
            .contains("Часы приёма")
    );
}

/// Set a file's modification time to `minutes` ago.
fn age(project: &Project, relative: &str, minutes: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(project.path().join(relative))
        .unwrap();
    let time = SystemTime::now() - std::time::Duration::from_secs(minutes * 60);
    file.set_modified(time).unwrap();
}

fn school_inputs(project: &Project) -> Vec<String> {
    walkdir::WalkDir::new(project.path().join("schools"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(project.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn file_stamps_spare_reading_and_content_settles_a_touch() {
    let project = Project::fixtures();
    for input in school_inputs(&project) {
        age(&project, &input, 60);
    }
    project.run(&["build"]).success();
    let record = project.read("public/.spravka/osh.json");

    // Touched, not changed: nothing is rendered, only the record learns the new stamp.
    age(&project, "schools/osh/school.toml", 30);
    let before = mtimes(&project, "public/osh");
    let run = project.run(&["build"]);
    assert!(run.stdout().contains("(3 up to date)"), "{}", run.stdout());
    assert_eq!(before, mtimes(&project, "public/osh"));
    assert_ne!(record, project.read("public/.spravka/osh.json"));

    // Same size and time: the file is not even read (make and Git trust stamps the same way).
    let path = project.path().join("schools/osh/school.toml");
    let stamp = std::fs::metadata(&path).unwrap().modified().unwrap();
    let toml = project.read("schools/osh/school.toml");
    let same_size = toml.edit("short_name = \"МБОУ ОСШ\"", "short_name = \"МБОУ ОШШ\"");
    assert_eq!(toml.len(), same_size.len());
    project.write("schools/osh/school.toml", &same_size);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(stamp).unwrap();
    let run = project.run(&["build"]);
    assert!(run.stdout().contains("(3 up to date)"), "{}", run.stdout());

    // A real edit gets a new time, and the school is built again.
    age(&project, "schools/osh/school.toml", 10);
    let run = project.run(&["build"]);
    assert!(run.stdout().contains("(2 up to date)"), "{}", run.stdout());
    assert!(project.read("public/osh/index.html").contains("МБОУ ОШШ"));
}

#[test]
fn a_record_of_another_build_is_not_trusted() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let run = project.run(&["build", "--base-url", "https://school.example/help"]);
    assert!(run.stdout().contains("(0 up to date)"), "{}", run.stdout());
    assert!(
        project
            .read("public/osh/index.html")
            .replace("&#x2F;", "/")
            .contains("https://school.example/help/osh/")
    );
}

#[test]
fn changing_a_platform_preset_rewrites_only_its_schools_changed_files() {
    let project = Project::fixtures();
    let edit = || {
        let preset = project
            .read("content/platforms/shkolnyi-portal-mo.toml")
            .edit_all("time = \"9:00-18:00\"", "time = \"9:00-19:00\"");
        project.write("content/platforms/shkolnyi-portal-mo.toml", &preset);
        // The school's own regulation quotes the vendor's hours: it follows, or the
        // cross-check stops the build.
        let text = project
            .read("schools/mytishchi-27/regulation.md")
            .edit_all("с 9:00 до 18:00", "с 9:00 до 19:00");
        project.write("schools/mytishchi-27/regulation.md", &text);
    };
    let changed = site_files(rewritten_by(&project, edit, &["build"]).0);
    assert!(
        changed
            .iter()
            .any(|p| p.ends_with("mytishchi-27/escalation.html")),
        "{changed:#?}"
    );
    assert!(
        changed.iter().all(|p| p.contains("/public/mytishchi-27/")),
        "only the school on that platform changes: {changed:#?}"
    );
    assert!(
        project
            .page_text("public/mytishchi-27/escalation.html")
            .contains("19:00")
    );
}

#[test]
fn a_school_removed_from_the_project_leaves_the_output() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    project.write("public/extra/keep.html", "not made by spravka");
    std::fs::remove_dir_all(project.path().join("schools/osh")).unwrap();
    // A build of one school does not judge the others.
    project.run(&["build", "--school", "internat-11"]).success();
    assert!(project.path().join("public/osh/index.html").is_file());
    let run = project.run(&["build"]);
    run.success();
    assert!(
        !project.path().join("public/osh").exists(),
        "{}",
        run.stdout()
    );
    assert!(!project.path().join("public/.spravka/osh.json").exists());
    assert!(!project.read("public/index.html").contains("osh/index.html"));
    assert!(
        project.path().join("public/extra/keep.html").is_file(),
        "only folders spravka made are removed"
    );
}

/// The files of a build, with the file stamps taken out of its records: whether a stamp is
/// trusted depends on how soon after writing an input it was read (see README), not on the build.
fn build_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = snapshot(dir);
    for (path, bytes) in &mut files {
        if path.starts_with(".spravka/") && path.ends_with(".json") {
            let mut record: serde_json::Value = serde_json::from_slice(bytes).expect("a record");
            record.as_object_mut().expect("an object").remove("stamps");
            *bytes = record.to_string().into_bytes();
        }
    }
    files
}

/// Two builds gave the same files; else the first path that differs, not every byte.
#[track_caller]
fn assert_same_build(a: &std::path::Path, b: &std::path::Path, what: &str) {
    let (a, b) = (build_files(a), build_files(b));
    let paths = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&a), paths(&b), "{what}: the same paths");
    let differ = a
        .iter()
        .zip(&b)
        .find(|(x, y)| x.1 != y.1)
        .map(|(x, _)| &x.0);
    assert_eq!(differ, None, "{what}: a file differs");
}

/// The files under `dir` whose names end with `ext`.
fn count_files(dir: &std::path::Path, ext: &str) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            count += count_files(&path, ext);
        } else if path.to_string_lossy().ends_with(ext) {
            count += 1;
        }
    }
    count
}

#[test]
fn a_build_of_many_schools_off_a_terminal_prints_its_summary_and_no_bar() {
    let project = many_schools();
    for n in 6..=25 {
        let osh = project.read("schools/osh/school.toml");
        project.write(&format!("schools/copy-{n}/school.toml"), &osh);
    }
    let run = project.run(&["build"]);
    run.success();
    // The copies of osh warn (its parents get no phone or email); no bar is drawn among them.
    let stderr = run.stderr();
    assert!(
        !stderr.contains("schools,") && !stderr.contains('\r'),
        "no progress bar when stderr is not a terminal: {stderr}"
    );
    let public = project.path().join("public");
    let pages = count_files(&public, ".html") - 1; // the index of all schools is not a school's
    let feeds = count_files(&public, ".ics");
    let summary = format!("; {pages} page(s), {feeds} feed(s) in ");
    assert!(
        run.stdout()
            .starts_with("built 28 school(s) into public (0 up to date)"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains(&summary),
        "{summary}\n{}",
        run.stdout()
    );
    let again = project.run(&["build"]);
    assert!(
        again
            .stdout()
            .starts_with("built 28 school(s) into public (28 up to date)")
    );
    assert!(
        again.stdout().contains(&summary),
        "{summary}\n{}",
        again.stdout()
    );
}
