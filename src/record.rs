//! What a build remembers of each school it wrote, in `OUT/.spravka/<slug>.json`: the
//! fingerprints of everything the school's output was made from, the stamps of its files, and
//! its line in the index of all schools. The next build compares them to skip the school
//! without reading (same stamps) or without rendering (same content) it. The record also lists
//! the files the build wrote into the school's folder: the only ones a later build may remove.

use std::path::Path;

use serde::{Deserialize, Serialize};

#[cfg(test)]
use crate::data::sources::Stamp;
use crate::data::sources::Stamps;
use crate::links::is_slug;
use crate::output::INTERNAL as RECORDS;
use crate::render::{IndexEntry, OutputFile};

/// Far more than the record of the largest school (its file list is a few KiB).
const MAX_RECORD: u64 = 16 << 20;

/// The bytes of the record at `path` when it is a regular file of at most `limit` bytes: a pipe
/// or a link to a device put there must not block the build or fill its memory.
fn read_record(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    std::fs::read(path).ok()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolRecord {
    /// Fingerprint of what all schools of the build depend on: program, theme, shared content,
    /// options.
    pub build: String,
    /// Fingerprint of the school's own files.
    pub content: String,
    /// Stamps of the school's files, when they could be trusted.
    pub stamps: Option<Stamps>,
    pub index: IndexEntry,
    /// The files written into the school's folder, relative to it, sorted.
    pub files: Vec<String>,
}

impl SchoolRecord {
    /// The record kept in the output folder `out`, if it is there and readable. A record of an
    /// older format is simply not found, and the school is rendered again.
    pub fn load(out: &Path, slug: &str) -> Option<SchoolRecord> {
        let bytes = read_record(&out.join(Self::path(slug)), MAX_RECORD)?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The record as a file of the output (it is staged and committed with the school's pages).
    pub fn file(&self) -> OutputFile {
        OutputFile {
            path: Self::path(&self.index.slug),
            bytes: serde_json::to_vec_pretty(self).expect("a record serializes"),
        }
    }

    /// The slugs of the schools that have a record in the output folder `out`. A name that is not
    /// a school's folder name (`..json`, `...json`) names no school and is ignored.
    pub fn recorded(out: &Path) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(out.join(RECORDS)) else {
            return Vec::new();
        };
        let mut slugs: Vec<String> = entries
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                let slug = name.strip_suffix(".json")?;
                is_slug(slug).then(|| slug.to_owned())
            })
            .collect();
        slugs.sort();
        slugs
    }

    /// Whether a path of the output is a record (not part of any site).
    pub fn is_record(path: &Path) -> bool {
        path.components().any(|part| part.as_os_str() == RECORDS)
    }

    /// Beside the school folders, not inside them, so it is never uploaded with a school's site.
    pub fn path(slug: &str) -> String {
        format!("{RECORDS}/{slug}.json")
    }
}

/// The files a build wrote at the output root, in `OUT/.spravka/root-files.txt`: a later build
/// that no longer makes one of them (a project down to one school has no index of all schools;
/// one without an address has no sitemap) removes it, and no other file of the root.
#[derive(Debug)]
pub struct RootRecord;

impl RootRecord {
    /// The only names the record may list: whatever else it holds is not ours to remove.
    const NAMES: [&'static str; 3] = ["index.html", "sitemap.xml", "robots.txt"];

    fn path() -> String {
        format!("{RECORDS}/root-files.txt")
    }

    /// The root files the last build wrote, as its record lists them.
    pub fn load(out: &Path) -> Vec<String> {
        let bytes = read_record(&out.join(Self::path()), 4096).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        (text.lines())
            .filter(|name| Self::NAMES.contains(name))
            .map(str::to_owned)
            .collect()
    }

    /// The record of `files` (names at the root), as a file of the output.
    pub fn file(files: &[String]) -> OutputFile {
        let text: String = files.iter().map(|name| format!("{name}\n")).collect();
        OutputFile {
            path: Self::path(),
            bytes: text.into_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_record_names_only_the_root_files_spravka_makes() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(RECORDS)).unwrap();
        let listed = ["index.html", "../x", "schools", "sitemap.xml", ".git"].map(String::from);
        let file = RootRecord::file(&listed);
        std::fs::write(out.path().join(&file.path), &file.bytes).unwrap();
        assert_eq!(RootRecord::load(out.path()), ["index.html", "sitemap.xml"]);
        assert!(RootRecord::load(&out.path().join("none")).is_empty());
    }

    #[test]
    #[cfg(unix)]
    fn a_record_that_is_a_pipe_or_a_link_is_not_read() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(RECORDS)).unwrap();
        let pipe = out.path().join(SchoolRecord::path("a"));
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        // Reading a pipe with no writer would block this test for ever.
        assert_eq!(SchoolRecord::load(out.path(), "a"), None);
        std::os::unix::fs::symlink("/dev/zero", out.path().join(SchoolRecord::path("b"))).unwrap();
        assert_eq!(SchoolRecord::load(out.path(), "b"), None);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let out = tempfile::tempdir().unwrap();
        let record = SchoolRecord {
            build: "b".into(),
            content: "c".into(),
            stamps: Some(vec![(
                "school.toml".into(),
                Stamp {
                    len: 3,
                    modified_ns: 1_700_000_000_123_456_789,
                },
            )]),
            index: IndexEntry {
                slug: "a".into(),
                short_name: "Школа".into(),
                full_name: "Школа № 1".into(),
                platform: "Дневник.ру".into(),
                own_address: false,
            },
            files: vec!["index.html".into()],
        };
        let file = record.file();
        let path = out.path().join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.bytes).unwrap();
        assert_eq!(SchoolRecord::load(out.path(), "a"), Some(record));
        std::fs::write(&path, "{\"old\": 1}").unwrap();
        assert_eq!(SchoolRecord::load(out.path(), "a"), None);
    }

    #[test]
    fn only_school_names_count_as_records() {
        let out = tempfile::tempdir().unwrap();
        let records = out.path().join(RECORDS);
        std::fs::create_dir_all(&records).unwrap();
        for name in [
            "osh.json", "...json", "..json", ".json", "A.json", "x y.json", "lock",
        ] {
            std::fs::write(records.join(name), "{}").unwrap();
        }
        assert_eq!(SchoolRecord::recorded(out.path()), ["osh"]);
    }
}
