//! `spravka package`: one deterministic zip per school, complete alone; `--since` for an upload
//! of only what changed; and a build of chosen schools that links to nothing outside them.

use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;

use crate::support::{Edit, Project};

/// Every file entry of a zip (folders left out), by path.
fn entries(zip: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(zip).unwrap_or_else(|e| panic!("{}: {e}", zip.display()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        files.insert(entry.name().to_owned(), bytes);
    }
    files
}

/// The relative `href` and `src` targets of an HTML page, resolved against its folder.
fn local_targets(page: &str, html: &str) -> Vec<String> {
    let folder: Vec<&str> = page.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    let mut targets = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            let target = part.split(['"', '#', '?']).next().unwrap_or_default();
            if target.is_empty() || target.contains(':') || target.starts_with("//") {
                continue;
            }
            let mut path: Vec<&str> = folder.to_vec();
            for step in target.split('/') {
                match step {
                    ".." => {
                        if path.pop().is_none() {
                            path.push("..");
                        }
                    }
                    "." | "" => {}
                    step => path.push(step),
                }
            }
            targets.push(path.join("/"));
        }
    }
    targets
}

#[test]
fn each_school_zip_is_complete_alone_and_the_same_bytes_twice() {
    let project = Project::fixtures();
    let out = project.run(&["package"]).success().stdout();
    assert!(out.contains("packaged 3 school(s)"), "{out}");
    project.run(&["package", "--out", "again"]).success();
    for slug in ["internat-11", "mytishchi-27", "osh"] {
        let zip = project.path().join(format!("dist/{slug}.zip"));
        let again = project.path().join(format!("again/{slug}.zip"));
        assert_eq!(std::fs::read(&zip).unwrap(), std::fs::read(&again).unwrap());
        let files = entries(&zip);
        assert!(files.contains_key("index.html") && files.contains_key("manifest.json"));
        for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            let html = String::from_utf8_lossy(bytes);
            for target in local_targets(page, &html) {
                assert!(
                    files.contains_key(&target),
                    "{slug}/{page} links to {target}, which is not in its zip"
                );
            }
        }
    }
    let names: BTreeSet<String> = std::fs::read_dir(project.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "only the three zips: {names:?}");
}

#[test]
fn since_holds_exactly_what_changed_and_lists_what_to_delete() {
    let project = Project::fixtures();
    project
        .run(&["package", "--school", "osh", "--out", "old"])
        .success();
    let old = entries(&project.path().join("old/osh.zip"));
    project.write_bytes("last-manifest.json", &old["manifest.json"]);
    let toml = project.read("schools/osh/school.toml");
    let edited = toml.edit_all("time = \"14:00-15:30\"", "time = \"14:30-16:00\"");
    assert_ne!(edited, toml);
    project.write("schools/osh/school.toml", &edited);
    std::fs::remove_file(
        project
            .path()
            .join("content/faq/obuchenie-novyh-sotrudnikov.md"),
    )
    .unwrap();
    project
        .run(&["package", "--school", "osh", "--out", "new"])
        .success();
    let new = entries(&project.path().join("new/osh.zip"));
    let out = project
        .run(&[
            "package",
            "--school",
            "osh",
            "--since",
            "last-manifest.json",
        ])
        .success()
        .stdout();
    assert!(out.contains("delete 1 file(s)"), "{out}");
    let delta = entries(&project.path().join("dist/osh.zip"));
    // manifest.json is among them: it lists the changed digests.
    let expected: BTreeSet<&String> = (new.iter())
        .filter(|(path, bytes)| old.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    let got: BTreeSet<&String> = delta.keys().collect();
    assert!(got.contains(&"schedule.html".to_owned()), "{got:?}");
    assert_eq!(
        got.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        expected.iter().map(|s| s.as_str()).collect::<Vec<_>>()
    );
    assert!(got.len() < new.len(), "only the changes, not every file");
    let deleted: Vec<String> = old
        .keys()
        .filter(|p| !new.contains_key(*p))
        .cloned()
        .collect();
    assert_eq!(deleted, ["faq/obuchenie-novyh-sotrudnikov.html"]);
    assert_eq!(
        project.read("dist/osh.delete.txt"),
        "faq/obuchenie-novyh-sotrudnikov.html\n"
    );
}

#[test]
fn an_earlier_sha256_manifest_is_compared_by_sha256() {
    // Versions before 2026-12 wrote SHA-256; an upload made with one is still the base.
    let project = Project::fixtures();
    project
        .run(&["package", "--school", "osh", "--out", "old"])
        .success();
    let old = entries(&project.path().join("old/osh.zip"));
    let files: serde_json::Map<String, serde_json::Value> = (old.iter())
        .filter(|(path, _)| path.as_str() != "manifest.json")
        .map(|(path, bytes)| {
            let hex: String = Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (path.clone(), serde_json::Value::String(hex))
        })
        .collect();
    let manifest = serde_json::json!({"algorithm": "sha256", "files": files});
    project.write("sha.json", &manifest.to_string());
    let out = project
        .run(&["package", "--school", "osh", "--since", "sha.json"])
        .success()
        .stdout();
    assert!(out.contains("0 changed since the last upload"), "{out}");
    let zipped = entries(&project.path().join("dist/osh.zip"));
    assert_eq!(zipped.keys().collect::<Vec<_>>(), ["manifest.json"]);
    assert_eq!(project.read("dist/osh.delete.txt"), "");
}

#[test]
fn an_invalid_school_writes_no_zip_and_keeps_the_earlier_ones() {
    let project = Project::fixtures();
    project.run(&["package"]).success();
    let before = std::fs::read(project.path().join("dist/osh.zip")).unwrap();
    let toml = project.read("schools/mytishchi-27/school.toml");
    project.write(
        "schools/mytishchi-27/school.toml",
        &toml.edit_all(
            "emails = [\"scool_27@edu-mytyshi.ru\"]",
            "emails = [\"scool_27\"]",
        ),
    );
    let text = project.run(&["package"]).fails_with(1);
    assert!(text.contains("school.toml"), "{text}");
    assert_eq!(
        std::fs::read(project.path().join("dist/osh.zip")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(project.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn since_needs_one_school_and_a_real_manifest() {
    let project = Project::fixtures();
    project.write("m.json", "{\"algorithm\":\"sha256\",\"files\":{}}");
    let text = project.run(&["package", "--since", "m.json"]).fails_with(2);
    assert!(text.contains("--school"), "{text}");
    project.write("bad.json", "not json");
    let text = project
        .run(&["package", "--school", "osh", "--since", "bad.json"])
        .fails_with(2);
    assert!(text.contains("manifest.json"), "{text}");
}

#[test]
fn a_build_of_chosen_schools_links_to_no_index_it_does_not_write() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let link = "href=\"../index.html\"";
    assert!(project.read("public/osh/index.html").contains(link));
    project.run(&["build", "--school", "osh"]).success();
    assert!(!project.read("public/osh/index.html").contains(link));
    assert!(!project.read("public/osh/faq.html").contains(link));
    project.run(&["build"]).success();
    assert!(project.read("public/osh/index.html").contains(link));
}

#[cfg(unix)]
#[test]
fn links_in_the_zip_folder_are_replaced_never_written_through() {
    let project = Project::fixtures();
    project.write("theirs/keep.txt", "not spravka's");
    project.write("theirs/other.txt", "not spravka's either");
    std::fs::create_dir_all(project.path().join("dist")).unwrap();
    let link = |name: &str, target: &str| {
        std::os::unix::fs::symlink(
            project.path().join(target),
            project.path().join("dist").join(name),
        )
        .unwrap();
    };
    link("osh.zip", "theirs/keep.txt");
    link("osh.delete.txt", "theirs/other.txt");
    link(".osh.zip.partial", "theirs/keep.txt");
    project.write(
        "m.json",
        "{\"algorithm\":\"sha256\",\"files\":{\"gone.html\":\"1\"}}",
    );
    project
        .run(&["package", "--school", "osh", "--since", "m.json"])
        .success();
    assert_eq!(project.read("theirs/keep.txt"), "not spravka's");
    assert_eq!(project.read("theirs/other.txt"), "not spravka's either");
    assert_eq!(project.read("dist/osh.delete.txt"), "gone.html\n");
    assert!(!entries(&project.path().join("dist/osh.zip")).is_empty());
}
